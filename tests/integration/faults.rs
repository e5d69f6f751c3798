//! Faults a real office hits, each guarded by a test named for it: the output folder inside the
//! content folder, interruption, special files, formulas in downloads, wrong paths.

use crate::support::tree;
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

/// The names in a folder, hidden ones included, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs a command, killing it and failing the test if it has not ended within `limit`.
fn output_within(mut cmd: Command, limit: Duration, what: &str) -> Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
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
        let stderr = text(&out.stderr);
        assert_eq!(
            stderr.matches("warning[output-in-content]").count(),
            1,
            "said once: {stderr}"
        );
        counts.push(tree(&tmp.path().join("site/public")).len());
    }
    assert!(counts.windows(2).all(|w| w[0] == w[1]), "{counts:?}");
    assert!(!tmp.path().join("site/public/public").exists());
    let out = minqing(&["check", "--content", "site"], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert_eq!(
        text(&out.stdout)
            .matches("warning[output-in-content]")
            .count(),
        1,
        "{}",
        text(&out.stdout)
    );
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
        assert!(
            text(&out.stderr).contains("warning[output-in-content]"),
            "{}",
            text(&out.stderr)
        );
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
