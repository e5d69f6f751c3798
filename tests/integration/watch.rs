//! `minqing watch` as an office runs it, unattended: `--poll` sees an edit, and the content
//! folder may disappear (a share unmounted) and come back without the site being emptied.

use crate::support::{build_content, copy_dir, fixture, fixture_copy, tree};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What watch says when the content folder goes away and when it is back.
const GONE: &str = " is gone or holds no site.yaml";
const BACK: &str = " is back: rebuilding";

/// Long enough for a loaded machine; the tests wait for what watch says, not for a time.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `minqing watch` (in English) whose stdout and stderr are collected together.
struct Watch {
    child: Child,
    said: Arc<Mutex<String>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    fn start(content: &Path, out: &Path, extra: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_minqing"))
            .args(["watch", "--lang", "en", "--content"])
            .arg(content)
            .arg("--out")
            .arg(out)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let said = Arc::new(Mutex::new(String::new()));
        let pipes: [Box<dyn Read + Send>; 2] = [
            Box::new(child.stdout.take().unwrap()),
            Box::new(child.stderr.take().unwrap()),
        ];
        for mut pipe in pipes {
            let said = said.clone();
            std::thread::spawn(move || {
                let mut buf = [0; 4096];
                while let Ok(n @ 1..) = pipe.read(&mut buf) {
                    said.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        Watch { child, said }
    }

    fn said(&self) -> String {
        self.said.lock().unwrap().clone()
    }

    /// Waits until what watch said satisfies `done`, and returns it.
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let said = self.said();
            if done(&said) {
                return said;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "watch did not say {what} within {PATIENCE:?}; it said:\n{said}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `after` was said and, after it, a line starting with `then`.
    fn wait_after(&self, after: &str, then: &str) -> String {
        self.wait_for(&format!("{then} after {after}"), |said| {
            said.find(after)
                .is_some_and(|i| said[i..].lines().any(|l| l.starts_with(then)))
        })
    }
}

/// The rollup fixture copied to a temporary folder, with the output folder beside it.
fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (tmp, content) = fixture_copy("rollup");
    let out = tmp.path().join("public");
    (tmp, content, out)
}

const COUNTY: &str = "甲省/乙市/丙县/locality.yaml";

/// Changes the county's one figure from `from` to `to`.
fn set_opinions(content: &Path, from: u32, to: u32) {
    let file = content.join(COUNTY);
    let text = std::fs::read_to_string(&file).unwrap();
    let (from, to) = (
        format!("opinions_collected: {from}"),
        format!("opinions_collected: {to}"),
    );
    assert!(text.contains(&from), "{text}");
    std::fs::write(&file, text.replace(&from, &to)).unwrap();
}

/// The output is what a fresh build of the content gives, file for file.
fn assert_built_from(content: &Path, out: &Path, when: &str) {
    let fresh = build_content(content).files();
    let live = tree(out);
    assert_eq!(
        live.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "{when}: other files than a fresh build"
    );
    for (path, bytes) in &fresh {
        assert!(&live[path] == bytes, "{when}: {path} differs from a build");
    }
}

#[test]
fn poll_picks_up_an_edit() {
    let (_tmp, content, out) = site();
    let watch = Watch::start(&content, &out, &["--poll", "100ms"]);
    watch.wait_for("that it polls", |s| s.contains("looking every 0.1 s"));
    set_opinions(&content, 60, 61);
    watch.wait_after("looking every", "Updated: ");
    assert_built_from(&content, &out, "after the edit");
}

/// Removes the content folder (as an unmounted share leaves it) and brings it back with an
/// edit: the site stays as it was meanwhile, and is rebuilt from the content that came back.
fn survives_the_content_folder_going_away(extra: &[&str]) {
    let (_tmp, content, out) = site();
    let watch = Watch::start(&content, &out, extra);
    watch.wait_for("that it watches", |s| s.contains("Watching "));
    let published = tree(&out);
    assert!(published.contains_key("index.html"));

    std::fs::remove_dir_all(&content).unwrap();
    watch.wait_for("that the folder is gone", |s| s.contains(GONE));
    assert!(
        tree(&out) == published,
        "the site changed while the content was gone"
    );

    // What comes back carries an edit, copied in file by file.
    let staging = content.with_file_name("staging");
    copy_dir(&fixture("rollup"), &staging);
    set_opinions(&staging, 60, 62);
    restore(&staging, &content);
    let said = watch.wait_after(BACK, "Rebuilt the site: ");
    assert_eq!(said.matches(GONE).count(), 1, "{said}");
    assert_eq!(said.matches(BACK).count(), 1, "{said}");
    // A rebuild's diagnostics would be printed to stderr; this content has only warnings.
    assert!(!said.contains("Not published"), "{said}");
    assert!(
        tree(&out) != published,
        "the edit that came back was not published"
    );
    assert_built_from(&content, &out, "after the folder came back");

    // The folder that came back is watched: the next edit is published too.
    set_opinions(&content, 62, 63);
    watch.wait_after(BACK, "Updated: ");
    assert_built_from(&content, &out, "after an edit to the folder that came back");
}

/// Copies `from` into `content` again, retrying while the old folder is still being removed
/// (Windows deletes a folder that a watcher holds open only once it lets go).
fn restore(from: &Path, content: &Path) {
    let start = Instant::now();
    while let Err(e) = std::fs::create_dir(content) {
        assert!(
            start.elapsed() < PATIENCE,
            "cannot make {content:?} again: {e}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    copy_dir(from, content);
}

#[test]
fn watch_survives_the_content_folder_going_away() {
    survives_the_content_folder_going_away(&[]);
}

#[test]
fn watch_with_poll_survives_the_content_folder_going_away() {
    survives_the_content_folder_going_away(&["--poll", "100ms"]);
}

#[test]
fn a_bad_poll_interval_is_refused_before_anything_is_built() {
    let (_tmp, content, out) = site();
    let run = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(["watch", "--lang", "en", "--poll", "2"])
        .arg("--content")
        .arg(&content)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("--poll 2 is not an interval") && said.contains("--poll 500ms"),
        "{said}"
    );
    assert!(!out.exists());
}
