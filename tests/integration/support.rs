//! Helpers shared by the integration tests: build a fixture, read its output, check links, run
//! the binary.

use minqing::build::{BuildOptions, BuildSummary, build};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .join("content")
}

pub fn example_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// A built site in a temporary folder that lives as long as this value.
pub struct Built {
    _tmp: tempfile::TempDir,
    pub out: PathBuf,
    pub summary: BuildSummary,
}

impl Built {
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap()
    }

    /// Every output file, relative path → bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.out)
    }
}

/// A copy of the fixture `name`'s content folder to change in a test: the temporary folder
/// (kept as long as it lives) and the copy.
pub fn fixture_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture(name), &content);
    (tmp, content)
}

/// Copies a folder tree (a fixture or the example site) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

pub fn build_content(content: &Path) -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let summary = build(&BuildOptions {
        content: content.to_path_buf(),
        out: out.clone(),
        progress: None,
    })
    .unwrap();
    assert!(
        summary.published,
        "build failed:\n{}",
        summary.diagnostics.render(minqing::i18n::Language::En)
    );
    Built {
        _tmp: tmp,
        out,
        summary,
    }
}

pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every `href="…"`, `src="…"` and `action="…"` value in an HTML page.
pub fn links_in(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\"", " action=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Internal links of every page that do not resolve to a file in the output: (page, link).
pub fn broken_links(out: &Path) -> Vec<(String, String)> {
    let mut broken = Vec::new();
    for (rel, bytes) in tree(out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir = Path::new(&rel)
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        for link in links_in(&html) {
            if link.starts_with("http:")
                || link.starts_with("https:")
                || link.starts_with("mailto:")
                || link.starts_with('#')
            {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap_or("");
            let decoded = percent_decode(path);
            let target = normalize(&dir.join(&decoded));
            let ok = match &target {
                Some(t) => out.join(t).is_file(),
                None => false,
            };
            if !ok {
                broken.push((rel.clone(), link));
            }
        }
    }
    broken
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::Normal(x) => out.push(x),
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Number of files named `name` under `root`.
pub fn count_files(root: &Path, pred: impl Fn(&Path) -> bool) -> usize {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && pred(e.path()))
        .count()
}

/// The names in a folder, hidden ones included, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// No run may take longer than this: a symlink loop must not hang the loader.
const TIMEOUT: Duration = Duration::from_secs(60);

/// What a run of the binary printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary in `cwd` with a time limit, killing it when the limit passes. What it prints
/// does not depend on the terminal it was started from: help is laid out for 100 columns (should
/// clap ever wrap it) and never coloured.
pub fn minqing(args: &[&str], cwd: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(args)
        .current_dir(cwd)
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("MINQING_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("minqing {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}
