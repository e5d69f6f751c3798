//! `minqing serve` as a browser meets it: pages with the right types, no way out of the site,
//! an edit shows up, and an edit with an error keeps the old site and shows the errors; and as
//! others meet it: idle and slow connections are closed, a crowd of them does not lock a reader
//! out, other sites' names are refused (DNS rebinding), and a stop leaves nothing behind.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// serve's limits as its module header states them; the tests allow a margin above each.
const HEADER_LIMIT: Duration = Duration::from_secs(10);
const MARGIN: Duration = Duration::from_secs(4);

/// A `minqing serve` command for `content` with its temporary folders under `tmp` (TMPDIR, and
/// TMP/TEMP for Windows), in English.
fn serve_command(content: &Path, tmp: &Path, extra: &[&str]) -> Command {
    serve_command_in("en", content, tmp, extra)
}

fn serve_command_in(lang: &str, content: &Path, tmp: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_minqing"));
    cmd.args(["serve", "--lang", lang, "--port", "0", "--content"])
        .arg(content)
        .args(extra)
        .env("TMPDIR", tmp)
        .env("TMP", tmp)
        .env("TEMP", tmp);
    cmd
}

/// A running serve whose stdout is collected.
struct Running {
    child: Child,
    addr: String,
    stdout: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    fn launch(mut cmd: Command) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let pipe = child.stdout.take().unwrap();
        let seen = stdout.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("http://").nth(1) {
                    let _ = tx.send(rest.split('/').next().unwrap_or("").to_string());
                }
                let mut s = seen.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let Ok(addr) = rx.recv_timeout(Duration::from_secs(30)) else {
            let _ = child.kill();
            panic!(
                "serve printed no address; exit {:?}; stdout:\n{}",
                child.wait(),
                stdout.lock().unwrap()
            );
        };
        Running {
            child,
            addr,
            stdout,
        }
    }

    fn port(&self) -> &str {
        self.addr.rsplit(':').next().unwrap()
    }

    /// Waits for the process to end by itself, at most `limit`.
    #[cfg_attr(not(unix), allow(dead_code))]
    fn exit_within(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last lines.
                std::thread::sleep(Duration::from_millis(100));
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// What serve printed so far.
    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }
}

/// A starter site (`minqing init`) in `tmp/content`.
fn starter_site(tmp: &Path) -> PathBuf {
    let content = tmp.join("content");
    let status = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .arg("init")
        .arg(&content)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    content
}

/// A site and an empty folder for serve's temporary files.
fn site_and_tmp() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = starter_site(tmp.path());
    let serve_tmp = tmp.path().join("tmp");
    std::fs::create_dir(&serve_tmp).unwrap();
    (tmp, content, serve_tmp)
}

fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Sends `request` as it is and reads the answer to the end: (status, head, body).
fn raw(addr: &str, request: &[u8]) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // A server may answer (and close) before a long request is all sent.
    let _ = s.write_all(request);
    let mut bytes = Vec::new();
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

/// A GET with `host` as its Host header.
fn get_as(addr: &str, path: &str, host: &str) -> (u16, String, String) {
    raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// Reads one response with a Content-Length off a kept-alive connection; its status.
fn read_response(s: &mut TcpStream) -> u16 {
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(s.read(&mut byte).unwrap(), 1, "closed mid-response");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|v| v.trim().parse().unwrap())
        .unwrap_or(0);
    let mut body = vec![0; length];
    s.read_exact(&mut body).unwrap();
    head.split(' ').nth(1).unwrap().parse().unwrap()
}

/// How long until the server closed `s` (what it sends is read and dropped), or `None` if it
/// was still open after `limit`.
fn closed_within(s: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 4096];
    while start.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return Some(start.elapsed()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(start.elapsed()),
        }
    }
    None
}

/// A bare HTTP/1.1 GET naming the server's address as its host: (status, headers, body).
fn get(addr: &str, path: &str) -> (u16, String, String) {
    get_as(addr, path, addr)
}

fn wait_for(addr: &str, path: &str, what: &str) -> String {
    let start = Instant::now();
    loop {
        let (_, _, body) = get(addr, path);
        if body.contains(what) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{path} never showed {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_pages_and_shows_edits_and_errors() {
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let server = Running::launch(serve_command(&content, &serve_tmp, &[]));
    let addr = server.addr.as_str();

    let (status, head, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("<h1>群众路线教育实践活动进展</h1>"));
    assert!(body.contains("/__minqing/live.js"));
    let (status, head, _) = get(addr, "/static/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css; charset=utf-8"));
    let (status, head, _) = get(addr, "/data/localities.csv");
    assert!(status == 200 && head.contains("text/csv; charset=utf-8"));
    // Nothing outside the site, and no hidden files.
    for bad in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/.minqing-output",
    ] {
        let (status, _, body) = get(addr, bad);
        assert!(status == 403 || status == 404, "{bad}: {status}");
        assert!(!body.contains("root:"), "{bad}");
    }
    // The not-found page, sent for a missing path at any depth, finds its stylesheet and the
    // home page from its own address.
    let (status, _, body) = get(addr, "/no/such/page.html");
    assert_eq!(status, 404);
    assert!(body.contains("<base href=\"/404.html\">"), "{body}");
    let links = crate::support::links_in(&body);
    for wanted in ["static/style.css", "index.html"] {
        assert!(links.iter().any(|l| l == wanted), "{wanted}: {links:?}");
        assert_eq!(get(addr, &format!("/{wanted}")).0, 200, "{wanted}");
    }

    // An edit shows up.
    let county = content.join("示例县/locality.yaml");
    let text = std::fs::read_to_string(&county).unwrap();
    std::fs::write(
        &county,
        text.replace("households_visited: 5.6万", "households_visited: 6.6万"),
    )
    .unwrap();
    wait_for(addr, "/shili/index.html", "66,000");

    // An edit with an error keeps the old site and shows the error over it.
    std::fs::write(&county, text.replace("level: 县", "level： 县")).unwrap();
    let body = wait_for(addr, "/shili/index.html", "minqing-errors");
    assert!(
        body.contains("66,000"),
        "the last good site is still served"
    );
    assert!(body.contains("fullwidth-punctuation"));
}

#[test]
fn idle_connections_are_closed_within_the_header_limit() {
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let server = Running::launch(serve_command(&content, &serve_tmp, &[]));
    // One that never sends a byte, one left idle after a kept-alive response.
    let mut silent = TcpStream::connect(&server.addr).unwrap();
    let mut kept = TcpStream::connect(&server.addr).unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(kept, "GET / HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).unwrap();
    assert_eq!(read_response(&mut kept), 200);
    let limit = HEADER_LIMIT + MARGIN;
    let silent_after = closed_within(&mut silent, limit);
    assert!(
        silent_after.is_some(),
        "a connection that sent nothing was still open after {limit:?}"
    );
    // Not long before the limit either: a browser's preconnected socket may wait a moment.
    assert!(
        silent_after.unwrap() > HEADER_LIMIT - Duration::from_secs(2),
        "{silent_after:?}"
    );
    // The kept-alive one went idle a moment after the silent one connected.
    let kept_after = closed_within(&mut kept, MARGIN);
    assert!(
        kept_after.is_some(),
        "an idle kept-alive connection was still open after {:?}",
        limit + MARGIN
    );
}

#[test]
fn a_request_whose_headers_trickle_in_is_closed() {
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let server = Running::launch(serve_command(&content, &serve_tmp, &[]));
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: {}\r\n", server.addr).unwrap();
    // A header line every half second: never idle, never finished.
    let start = Instant::now();
    let limit = HEADER_LIMIT + MARGIN;
    let mut closed = false;
    for i in 0.. {
        if start.elapsed() > limit {
            break;
        }
        if write!(s, "X-Slow-{i}: a\r\n").is_err()
            || closed_within(&mut s, Duration::from_millis(500)).is_some()
        {
            closed = true;
            break;
        }
    }
    assert!(
        closed,
        "a request whose headers never ended was still open after {:?}",
        start.elapsed()
    );
}

#[test]
#[cfg(unix)]
fn many_idle_connections_do_not_lock_out_a_real_request() {
    // Under a limit of 400 open files, 500 idle connections would take all of them if each
    // were accepted; a real request must still be answered, and soon (well before the idle
    // connections time out by themselves).
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(r#"ulimit -n 400 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_minqing"))
        .args(["serve", "--lang", "en", "--port", "0", "--content"])
        .arg(&content)
        .env("TMPDIR", &serve_tmp);
    let server = Running::launch(cmd);
    let idle: Vec<TcpStream> = (0..500)
        .map_while(|_| TcpStream::connect(&server.addr).ok())
        .collect();
    assert!(idle.len() >= 450, "only {} connections opened", idle.len());
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(6))).unwrap();
    write!(
        s,
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "no answer after {:?} with {} idle connections open: {:?}",
        start.elapsed(),
        idle.len(),
        answer.lines().next()
    );
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    drop(idle);
}

#[test]
fn host_names_other_than_loopback_and_ip_literals_are_refused() {
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let server = Running::launch(serve_command(&content, &serve_tmp, &[]));
    let addr = server.addr.as_str();
    let port = server.port();
    // A rebinding page's requests carry its own name: no page, no error stream.
    for path in ["/", "/__minqing/events", "/__minqing/live.js"] {
        let (status, head, body) = get_as(addr, path, "evil.example");
        assert_eq!(status, 403, "{path}");
        assert!(head.contains("text/html; charset=utf-8"), "{head}");
        assert!(
            body.contains("evil.example") && body.contains("--allow-host"),
            "{body}"
        );
        assert!(!body.contains("群众路线"), "{body}");
    }
    let (status, _, body) = get_as(addr, "/", &format!("evil.example:{port}"));
    assert_eq!(status, 403);
    assert!(body.contains("<html lang=\"en\">"), "{body}");
    for host in [
        "localhost.evil.example",
        "127.0.0.1.evil.example",
        "evil-localhost",
    ] {
        assert_eq!(get_as(addr, "/", host).0, 403, "{host}");
    }
    // The name shown back is escaped.
    let (_, _, body) = get_as(addr, "/", "<b>x</b>");
    assert!(!body.contains("<b>x"), "{body}");
    // An absolute request line names the host too.
    let (status, _, _) = raw(
        addr,
        format!("GET http://evil.example/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(status, 403);
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
        format!("LOCALHOST:{port}"),
        format!("preview.localhost:{port}"),
        format!("192.0.2.7:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, _, body) = get_as(addr, "/", &host);
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("群众路线"), "{host}");
    }
    // HTTP/1.1 requires Host; HTTP/1.0 (no browser sends it) may go without.
    assert_eq!(
        raw(addr, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n").0,
        400
    );
    assert_eq!(raw(addr, b"GET / HTTP/1.0\r\n\r\n").0, 200);
}

#[test]
fn the_refusal_page_speaks_the_chosen_language() {
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let server = Running::launch(serve_command_in("zh-CN", &content, &serve_tmp, &[]));
    let (status, _, body) = get_as(&server.addr, "/", "evil.example");
    assert_eq!(status, 403);
    assert!(body.contains("<html lang=\"zh-CN\">"), "{body}");
    assert!(
        body.contains("“evil.example”") && body.contains("。"),
        "{body}"
    );
}

#[test]
fn allow_host_admits_an_intranet_name() {
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let server = Running::launch(serve_command(
        &content,
        &serve_tmp,
        &[
            "--allow-host",
            "intranet.local",
            "--allow-host",
            "Docs.Example.",
        ],
    ));
    let (addr, port) = (server.addr.as_str(), server.port());
    for host in [
        format!("intranet.local:{port}"),
        "INTRANET.local".to_string(),
        format!("docs.example:{port}"),
    ] {
        assert_eq!(get_as(addr, "/", &host).0, 200, "{host}");
    }
    assert_eq!(get_as(addr, "/", "other.local").0, 403);
    assert_eq!(get_as(addr, "/", "sub.intranet.local").0, 403);
}

#[test]
fn the_live_reload_stream_outlives_the_idle_limit() {
    let (tmp, content, serve_tmp) = site_and_tmp();
    let server = Running::launch(serve_command(&content, &serve_tmp, &[]));
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET /__minqing/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    // Quiet for longer than an idle connection may be.
    let quiet = closed_within(&mut s, HEADER_LIMIT + MARGIN);
    assert_eq!(quiet, None, "the event stream was cut");
    let county = content.join("示例县/locality.yaml");
    let text = std::fs::read_to_string(&county).unwrap();
    std::fs::write(&county, text.replace("5.6万", "6.6万")).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains("event: reload") {
        match s.read(&mut buf) {
            Ok(n) if n > 0 => got.extend_from_slice(&buf[..n]),
            other => panic!(
                "no reload event after the quiet time ({other:?}): {}\nserve said:\n{}",
                String::from_utf8_lossy(&got),
                server.stdout()
            ),
        }
    }
    drop(tmp);
}

#[test]
fn keeps_its_answers_to_malformed_requests() {
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let server = Running::launch(serve_command(&content, &serve_tmp, &[]));
    let addr = server.addr.as_str();
    let long_path = format!("/{}", "a".repeat(70_000));
    assert_eq!(get_as(addr, &long_path, addr).0, 414);
    let big = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(500_000)
    );
    assert_eq!(raw(addr, big.as_bytes()).0, 431);
    assert_eq!(raw(addr, b"GARBAGE\r\n\r\n").0, 400);
    let post = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(raw(addr, post.as_bytes()).0, 405);
}

#[test]
fn an_error_at_start_leaves_no_temporary_folder() {
    let (_tmp, content, serve_tmp) = site_and_tmp();
    // The port is taken: the site is built, then listening fails.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let status = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["serve", "--port", &port, "--content"])
        .arg(&content)
        .env("TMPDIR", &serve_tmp)
        .env("TMP", &serve_tmp)
        .env("TEMP", &serve_tmp)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(entries(&serve_tmp), Vec::<String>::new());
    // No content folder: opening the site fails.
    let status = serve_command(&serve_tmp.join("missing"), &serve_tmp, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(entries(&serve_tmp), Vec::<String>::new());
}

/// Starts serve with its temporary folders in an empty folder, opens an event stream, sends
/// `signal` (to the process group when `group`) and checks that serve ends within a few
/// seconds, ends the stream properly, says so and leaves nothing behind.
#[cfg(unix)]
fn stops_cleanly_on(signal: i32, group: bool) {
    use std::os::unix::process::CommandExt as _;
    let (_tmp, content, serve_tmp) = site_and_tmp();
    let mut cmd = serve_command(&content, &serve_tmp, &[]);
    if group {
        cmd.process_group(0);
    }
    let mut server = Running::launch(cmd);
    assert_eq!(entries(&serve_tmp).len(), 1, "serve's temporary folder");
    let mut events = TcpStream::connect(&server.addr).unwrap();
    write!(
        events,
        "GET /__minqing/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = server.child.id() as i32;
    let target = if group { -pid } else { pid };
    // SAFETY: kill(2) with a pid this test started; no memory is shared.
    assert_eq!(unsafe { libc::kill(target, signal) }, 0);
    let start = Instant::now();
    let status = server.exit_within(Duration::from_secs(5));
    assert!(
        status.is_some(),
        "serve still running 5 s after signal {signal}"
    );
    assert_eq!(status.unwrap().code(), Some(130), "{}", server.stdout());
    assert_eq!(entries(&serve_tmp), Vec::<String>::new(), "left behind");
    assert!(
        server
            .stdout()
            .contains("Stopped. The temporary site was removed."),
        "{}",
        server.stdout()
    );
    // The event stream was ended by the server (the last chunk), not cut.
    events
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let mut got = Vec::new();
    let _ = events.read_to_end(&mut got);
    let got = String::from_utf8_lossy(&got);
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    assert!(got.ends_with("\r\n0\r\n\r\n"), "stream not ended: {got:?}");
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
#[cfg(unix)]
fn sigint_stops_serve_and_removes_its_temporary_site() {
    stops_cleanly_on(libc::SIGINT, false);
}

#[test]
#[cfg(unix)]
fn ctrl_c_in_a_terminal_stops_serve_and_removes_its_temporary_site() {
    // A terminal's Ctrl+C is SIGINT to the whole foreground process group.
    stops_cleanly_on(libc::SIGINT, true);
}

#[test]
#[cfg(unix)]
fn sigterm_stops_serve_and_removes_its_temporary_site() {
    stops_cleanly_on(libc::SIGTERM, false);
}

#[test]
#[cfg(unix)]
fn sighup_stops_serve_and_removes_its_temporary_site() {
    stops_cleanly_on(libc::SIGHUP, false);
}

#[test]
#[cfg(unix)]
fn a_stop_with_out_keeps_the_site_and_says_so() {
    let (tmp, content, serve_tmp) = site_and_tmp();
    let out = tmp.path().join("preview");
    let mut cmd = serve_command(&content, &serve_tmp, &["--out"]);
    cmd.arg(&out);
    let mut server = Running::launch(cmd);
    // SAFETY: as in stops_cleanly_on.
    assert_eq!(
        unsafe { libc::kill(server.child.id() as i32, libc::SIGTERM) },
        0
    );
    let status = server.exit_within(Duration::from_secs(5));
    assert_eq!(status.and_then(|s| s.code()), Some(130));
    assert!(out.join("index.html").is_file());
    let stdout = server.stdout();
    assert!(!stdout.contains("temporary site was removed"), "{stdout}");
    assert!(
        stdout.contains(&format!("Stopped. {} keeps the last build.", out.display())),
        "{stdout}"
    );
    assert_eq!(entries(&serve_tmp), Vec::<String>::new());
}
