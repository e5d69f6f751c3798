//! Faults a real office hits, each guarded by a test named for it: the output folder inside the
//! content folder, interruption, special files, formulas in downloads, wrong paths.

use crate::support::{names_in, tree};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Runs `minqing` in `cwd` with English messages.
fn minqing(args: &[&str], cwd: &Path) -> Output {
    command(args, cwd).output().unwrap()
}

fn command(args: &[&str], cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_minqing"));
    c.args(args).current_dir(cwd).env("MINQING_LANG", "en");
    c
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// A starter site (`minqing init`) in `dir/site`.
fn starter(dir: &Path) -> PathBuf {
    let out = minqing(&["init", "site"], dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir.join("site")
}

/// Runs a command, killing it and failing the test if it has not ended within `limit`.
fn output_within(mut cmd: Command, limit: Duration, what: &str) -> Output {
    use std::process::Stdio;
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    output_within_child(child, limit, what)
}

#[test]
fn output_inside_the_content_folder_is_never_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    starter(tmp.path());
    let mut counts = Vec::new();
    for _ in 0..3 {
        let out = minqing(
            &["build", "--content", "site", "--out", "site/public"],
            tmp.path(),
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        said_once(&text(&out.stderr));
        counts.push(tree(&tmp.path().join("site/public")).len());
    }
    assert!(counts.windows(2).all(|w| w[0] == w[1]), "{counts:?}");
    assert!(!tmp.path().join("site/public/public").exists());
    let out = minqing(&["check", "--content", "site"], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stdout));
    said_once(&text(&out.stdout));
}

/// The output-in-content warning appears exactly once in a command's output.
fn said_once(output: &str) {
    let n = output.matches("warning[output-in-content]").count();
    assert_eq!(n, 1, "said once: {output}");
}

#[test]
fn archive_inside_the_content_folder_is_never_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    starter(tmp.path());
    let mut sizes = Vec::new();
    for _ in 0..2 {
        let out = minqing(
            &["archive", "--content", "site", "--out", "site/site.zip"],
            tmp.path(),
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let file = std::fs::File::open(tmp.path().join("site/site.zip")).unwrap();
        let zip = zip::ZipArchive::new(file).unwrap();
        let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        assert!(
            !names.iter().any(|n| n.ends_with(".zip")),
            "the previous archive went into the new one: {names:?}"
        );
        sizes.push(names.len());
        said_once(&text(&out.stderr));
    }
    assert_eq!(sizes[0], sizes[1]);
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn special_files_in_the_content_are_skipped_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let site = starter(tmp.path());
    let county = site.join("示例县");
    for name in ["x.md", "x.yaml", "x.svg", "plain"] {
        mkfifo(&county.join(name));
    }
    // A FIFO where a note's folder expects a locality file, and a socket.
    std::fs::create_dir(county.join("空村")).unwrap();
    mkfifo(&county.join("空村/locality.yaml"));
    let _socket = std::os::unix::net::UnixListener::bind(county.join("sock.md")).unwrap();
    let out = output_within(
        command(
            &["build", "--content", "site", "--out", "public"],
            tmp.path(),
        ),
        Duration::from_secs(60),
        "build with FIFOs in the content",
    );
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for name in [
        "x.md",
        "x.yaml",
        "x.svg",
        "plain",
        "sock.md",
        "locality.yaml",
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains("warning[special-file]") && l.contains(name)),
            "no warning naming {name}: {stderr}"
        );
    }
    assert!(!tmp.path().join("public/shili/plain").exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_saved_under_watch_does_not_hang_the_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let site = starter(tmp.path());
    let out = tmp.path().join("public");
    let (mut live, first) = minqing::live::LiveSite::open(&site, &out).unwrap();
    assert!(first.published);
    // A locality.yaml replaced by a FIFO takes the fast path's reader; a new FIFO the full one.
    let yaml = site.join("示例县/locality.yaml");
    std::fs::remove_file(&yaml).unwrap();
    mkfifo(&yaml);
    let fifo_note = site.join("示例县/new.md");
    mkfifo(&fifo_note);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let a = live.apply(&[yaml]).map(|o| o.diagnostics);
        let b = live.apply(&[fifo_note]).map(|o| o.diagnostics);
        let _ = tx.send((a, b));
    });
    let (a, b) = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("a rebuild waited on a FIFO");
    for diagnostics in [a.unwrap(), b.unwrap()] {
        assert!(
            diagnostics.iter().any(|d| d.code == "special-file"),
            "{diagnostics:?}"
        );
    }
}

#[test]
fn content_that_is_a_file_names_the_folder_to_pass() {
    let tmp = tempfile::tempdir().unwrap();
    starter(tmp.path());
    for cmd in ["build", "check", "archive"] {
        let out = minqing(&[cmd, "--content", "site/site.yaml"], tmp.path());
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("is a file"), "{cmd}: {stderr}");
        assert!(stderr.contains("--content site"), "{cmd}: {stderr}");
        assert!(!stderr.contains("minqing init"), "{cmd}: {stderr}");
    }
    assert_eq!(names_in(tmp.path()), ["site"], "nothing was written");
}

#[test]
fn out_at_the_root_home_or_content_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = starter(tmp.path());
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let before = tree(tmp.path());
    let cases: [(&str, &str); 4] = [
        ("/", "the root"),
        (home.to_str().unwrap(), "home"),
        ("site", "the content folder"),
        (".", "holds the content folder"),
    ];
    for (out_dir, said) in cases {
        for cmd in ["build", "watch", "serve"] {
            let mut c = command(&[cmd, "--content", "site", "--out", out_dir], tmp.path());
            c.env("HOME", &home).env("USERPROFILE", &home);
            let out = output_within(c, Duration::from_secs(30), cmd);
            assert_eq!(out.status.code(), Some(1), "{cmd} --out {out_dir}");
            let stderr = text(&out.stderr);
            assert!(
                stderr.contains(said) && stderr.contains("--out"),
                "{cmd} --out {out_dir}: {stderr}"
            );
        }
    }
    assert!(
        tree(tmp.path()) == before,
        "something was written or removed"
    );
    assert!(site.join("site.yaml").is_file());
}

#[test]
fn a_name_too_long_for_the_file_system_is_named_with_no_partial_output() {
    let tmp = tempfile::tempdir().unwrap();
    let site = starter(tmp.path());
    // 80 characters are 240 bytes as a folder name, and over 300 as a pinyin slug.
    let long: String = "长".repeat(40) + &"乡".repeat(40);
    let dir = site.join("示例县").join(&long);
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("locality.yaml"),
        format!("name: {long}\nlevel: 乡\n"),
    )
    .unwrap();
    let out = minqing(
        &["build", "--content", "site", "--out", "public"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[name-too-long]"), "{stderr}");
    assert!(stderr.contains(&long), "names the file: {stderr}");
    assert!(stderr.contains("slug:"), "says what to do: {stderr}");
    assert_eq!(names_in(tmp.path()), ["site"], "no partial output");
}

#[test]
fn csv_cells_that_start_like_formulas_stay_text() {
    let tmp = tempfile::tempdir().unwrap();
    let site = starter(tmp.path());
    let yaml = site.join("示例县/示例镇/locality.yaml");
    let original = std::fs::read_to_string(&yaml).unwrap();
    let evil = "=HYPERLINK(\"http://example.invalid/\",\"点此\")";
    let edited = original.replacen(
        "name: 示例镇",
        &format!("name: '{}'", evil.replace('\'', "''")),
        1,
    );
    assert_ne!(edited, original);
    std::fs::write(&yaml, edited).unwrap();
    let out = minqing(
        &["build", "--content", "site", "--out", "public"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = std::fs::read(tmp.path().join("public/data/localities.csv")).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut names = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        names.push(row[1].to_string());
        // Every figure is still a plain number (or the approximate flag, or a rate).
        for cell in row.iter().skip(5).filter(|c| !c.is_empty()) {
            let number = cell.trim_end_matches('%').parse::<f64>().is_ok();
            assert!(
                number || cell == "true" || cell == "false",
                "figure {cell:?} is no longer a number"
            );
        }
    }
    assert!(names.contains(&format!("'{evil}")), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with('=')), "{names:?}");
}

/// A site of one province, `counties` counties and 60 villages in each, every village with
/// two reports; `variant` changes one figure, so that two variants build different sites.
#[cfg(unix)]
fn synthetic_site(dir: &Path, counties: usize, variant: u32) {
    use std::fmt::Write as _;
    let write = |rel: &str, text: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("site.yaml", "title: 中断测试\nlanguage: zh-CN\n");
    write(
        "省/locality.yaml",
        &format!(
            "name: 测试省\nlevel: 省\nslug: sheng\nreports:\n  - date: 2014-09-10\n    households_visited: {}\n",
            9_000_000 + variant
        ),
    );
    for c in 0..counties {
        write(
            &format!("省/县{c}/locality.yaml"),
            &format!("name: 第{c}县\nlevel: 县\nslug: xian{c}\n"),
        );
        for v in 0..60 {
            let mut yaml = format!("name: 第{c}县第{v}村\nlevel: 村\nslug: cun{v}\nreports:\n");
            for (date, n) in [("2014-04-20", 10 + v), ("2014-09-10", 20 + v)] {
                let _ = write!(yaml, "  - date: {date}\n    households_visited: {n}\n");
            }
            write(&format!("省/县{c}/村{v}/locality.yaml"), &yaml);
        }
    }
}

#[cfg(unix)]
fn signal(pid: u32, sig: &str) {
    let status = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{sig} {pid}");
}

/// Builds `content` into `out` and returns how long it took.
#[cfg(unix)]
fn timed_build(cwd: &Path, content: &str, out: &str) -> Duration {
    let start = Instant::now();
    let o = minqing(&["build", "--content", content, "--out", out], cwd);
    assert!(o.status.success(), "{}", text(&o.stderr));
    start.elapsed()
}

/// When, in a build's life, a test sends its signal.
#[cfg(unix)]
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// While it loads the content (nothing written yet).
    Loading,
    /// Once the staging folder holds this many of the 50 counties' folders.
    Counties(usize),
    /// Once the staging folder has been swapped in (the old site is being removed).
    Swapped,
}

/// Waits for `moment` of the build running in `root` (or for the build to end).
#[cfg(unix)]
fn wait_for(moment: Moment, root: &Path, child: &mut std::process::Child) {
    let staging = || {
        names_in(root)
            .into_iter()
            .find(|n| n.starts_with(".public.minqing-new-"))
            .map(|n| root.join(n))
    };
    // Time for the process to start and install its handler.
    std::thread::sleep(Duration::from_millis(150));
    let start = Instant::now();
    let mut seen_staging = false;
    while child.try_wait().unwrap().is_none() && start.elapsed() < Duration::from_secs(60) {
        let reached = match moment {
            Moment::Loading => true,
            Moment::Counties(k) => staging()
                .is_some_and(|s| std::fs::read_dir(s.join("sheng")).is_ok_and(|d| d.count() >= k)),
            Moment::Swapped => {
                let now = staging().is_some();
                let swapped = seen_staging && !now;
                seen_staging |= now;
                swapped
            }
        };
        if reached {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[cfg(unix)]
#[test]
fn interrupted_build_leaves_the_old_site_and_no_staging_folder() {
    use Moment::*;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    // Two variants of the same site, built once each for reference.
    synthetic_site(&root.join("a"), 50, 0);
    synthetic_site(&root.join("b"), 50, 1);
    timed_build(root, "a", "ref-a");
    timed_build(root, "b", "ref-b");
    let refs = [tree(&root.join("ref-a")), tree(&root.join("ref-b"))];
    assert!(refs[0] != refs[1] && refs[0].len() > 3000);
    std::fs::rename(root.join("ref-a"), root.join("public")).unwrap();
    let mut current = 0;
    let mut stopped = 0;
    let plan = [
        ("INT", Loading),
        ("INT", Counties(1)),
        ("INT", Counties(10)),
        ("INT", Counties(25)),
        ("INT", Counties(45)),
        ("INT", Swapped),
        ("TERM", Loading),
        ("TERM", Counties(20)),
        ("HUP", Counties(5)),
        ("HUP", Counties(40)),
    ];
    for (sig, moment) in plan {
        let other = 1 - current;
        let content = ["a", "b"][other];
        let mut child = command(&["build", "--content", content, "--out", "public"], root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        wait_for(moment, root, &mut child);
        signal(child.id(), sig);
        let out = output_within_child(child, Duration::from_secs(120), "interrupted build");
        let site = tree(&root.join("public"));
        match out.status.code() {
            Some(130) => {
                stopped += 1;
                assert!(
                    site == refs[current],
                    "SIG{sig} {moment:?}: the site changed"
                );
                assert!(
                    text(&out.stderr).contains("was left as it was"),
                    "{}",
                    text(&out.stderr)
                );
            }
            Some(0) => {
                assert!(site == refs[other], "SIG{sig} {moment:?}: a mixed site");
                current = other;
            }
            code => panic!("SIG{sig} {moment:?}: exit {code:?}: {}", text(&out.stderr)),
        }
        let left: Vec<String> = names_in(root)
            .into_iter()
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "SIG{sig} {moment:?}: left {left:?}");
    }
    // Every moment before the swap stops the build.
    assert!(stopped >= 8, "only {stopped} builds were stopped mid-way");
}

/// [`output_within`] for a child already started.
fn output_within_child(mut child: std::process::Child, limit: Duration, what: &str) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn staging_left_by_a_killed_build_is_removed_by_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    synthetic_site(&root.join("site"), 30, 0);
    let child = command(&["build", "--content", "site", "--out", "public"], root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the staging folder has pages in it, then kill the build outright.
    let start = Instant::now();
    let staging = loop {
        let found = names_in(root)
            .into_iter()
            .find(|n| n.starts_with(".public.minqing-new-"));
        if let Some(n) = found.filter(|n| root.join(n).join("sheng").is_dir()) {
            break root.join(n);
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no staging folder"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    signal(child.id(), "KILL");
    let _ = output_within_child(child, Duration::from_secs(30), "killed build");
    assert!(staging.is_dir(), "the killed build left its staging folder");
    timed_build(root, "site", "public");
    assert_eq!(
        names_in(root),
        ["public", "site"],
        "the next build cleaned up"
    );
}

#[cfg(unix)]
#[test]
fn interrupted_archive_leaves_no_partial_zip() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    synthetic_site(&root.join("site"), 30, 0);
    let start = Instant::now();
    let o = minqing(&["archive", "--content", "site", "--out", "site.zip"], root);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let took = start.elapsed();
    std::fs::remove_file(root.join("site.zip")).unwrap();
    let mut stopped = 0;
    // The first moment comes after the process installed its handler, long before it is done.
    for moment in [0.0, 0.4, 0.7, 0.9, 1.2] {
        let child = command(&["archive", "--content", "site", "--out", "site.zip"], root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(150) + took.mul_f64(moment));
        signal(child.id(), "INT");
        let out = output_within_child(child, Duration::from_secs(120), "interrupted archive");
        match out.status.code() {
            Some(130) => {
                stopped += 1;
                assert_eq!(names_in(root), ["site"], "at {moment}");
            }
            Some(0) => {
                let v = minqing(&["verify", "site.zip"], root);
                assert!(v.status.success(), "a finished archive is whole");
                std::fs::remove_file(root.join("site.zip")).unwrap();
            }
            code => panic!("at {moment}: exit {code:?}: {}", text(&out.stderr)),
        }
    }
    assert!(stopped >= 1, "no archive was stopped mid-way");
}
