//! `minqing serve` as a browser meets it: pages with the right types, no way out of the site,
//! an edit shows up, and an edit with an error keeps the old site and shows the errors.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(content: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["serve", "--port", "0", "--content"])
        .arg(content)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest
                .trim_end_matches(|c| c != '/')
                .trim_end_matches('/')
                .split('/')
                .next()
                .unwrap()
                .to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// A bare HTTP/1.1 GET: (status, headers, body).
fn get(addr: &str, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
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
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let status = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["init"])
        .arg(&content)
        .status()
        .unwrap();
    assert!(status.success());
    let server = start(&content);
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
    assert_eq!(get(addr, "/no/such/page.html").0, 404);

    // An edit shows up.
    let county = content.join("示例县/locality.yaml");
    let text = std::fs::read_to_string(&county).unwrap();
    std::fs::write(
        &county,
        text.replace("households_visited: 5.6万", "households_visited: 6.6万"),
    )
    .unwrap();
    wait_for(addr, "/shili/index.html", "6.6万");

    // An edit with an error keeps the old site and shows the error over it.
    std::fs::write(&county, text.replace("level: 县", "level： 县")).unwrap();
    let body = wait_for(addr, "/shili/index.html", "minqing-errors");
    assert!(body.contains("6.6万"), "the last good site is still served");
    assert!(body.contains("fullwidth-punctuation"));
}
