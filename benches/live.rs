//! Incremental rebuild latency on a generated site: saves one village's locality.yaml, and then
//! one note, again and again and measures (a) the rebuild inside the process, with the outputs
//! and bytes it rewrote, and (b) the whole path through a running `minqing watch`, from the save
//! to its line saying the rebuild is done (every changed file in place). Prints the median and
//! the maximum of 20 edits each. In process only, it also times the changes of what exists: a
//! note added to the village's folder and removed again, and a village added beside it and
//! removed again (each add and each remove one edit).
//!
//! Run with `MINQING_BENCH_CONTENT=/dev/shm/s10k cargo bench --bench live` after generating the
//! content with `cargo run --release --example synth -- --localities 10000 --notes 10000 --out /dev/shm/s10k`.

use minqing::live::LiveSite;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The allocator the `minqing` binary runs with (see src/main.rs), so that the rebuild inside
/// the process costs what it costs inside `minqing watch`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Edits of each kind (`MINQING_BENCH_EDITS` to change; `MINQING_BENCH_NO_WATCH=1` skips the
/// path through `minqing watch`, for a profiler).
fn runs() -> usize {
    std::env::var("MINQING_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The first village (a locality.yaml with reports at the deepest level) and its output page.
fn village(content: &Path, out: &Path) -> (PathBuf, PathBuf) {
    let deepest = walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "locality.yaml")
        .max_by_key(|e| e.depth())
        .expect("no locality.yaml");
    let file = deepest.path().to_path_buf();
    let rel = file.parent().unwrap().strip_prefix(content).unwrap();
    let page: PathBuf = rel
        .iter()
        .map(|c| minqing::slug::slugify(&c.to_string_lossy()))
        .collect();
    (file, out.join(page).join("index.html"))
}

/// Rewrites the last households figure of the file to a value below 10,000, so that pages show
/// it digit for digit.
fn bump(file: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let i = text.rfind("households_visited: ").unwrap() + "households_visited: ".len();
    let end = text[i..].find('\n').map(|e| i + e).unwrap_or(text.len());
    let value = format!("{}", 5_000 + n);
    std::fs::write(file, format!("{}{}{}", &text[..i], value, &text[end..])).unwrap();
    value
}

/// The note of the first village's parent that has the most text, to edit its body.
fn note_of(village: &Path) -> PathBuf {
    let mut dir = village.parent().unwrap();
    loop {
        let mut notes: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        notes.sort();
        if let Some(n) = notes.into_iter().next() {
            return n;
        }
        dir = dir.parent().expect("no note in the content");
    }
}

/// Rewrites the note's last line to say `n`, a word no other note has.
fn touch_note(file: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let body = text
        .trim_end()
        .rsplit_once('\n')
        .map_or(&text[..], |(a, _)| a);
    let word = format!("bianji{n}");
    std::fs::write(file, format!("{body}\n补记 {word}。\n")).unwrap();
    word
}

fn stats(label: &str, v: &[f64]) {
    let max = v.iter().copied().fold(0.0, f64::max);
    println!(
        "{label}: median {:.1} ms, max {:.1} ms ({} edits)",
        median(v.to_vec()),
        max,
        v.len()
    );
}

/// Bytes of the files an outcome wrote.
fn bytes_written(out: &Path, written: &[String]) -> u64 {
    written
        .iter()
        .map(|w| std::fs::metadata(out.join(w)).map_or(0, |m| m.len()))
        .sum()
}

fn main() {
    let Ok(content) = std::env::var("MINQING_BENCH_CONTENT") else {
        eprintln!(
            "set MINQING_BENCH_CONTENT to a generated content folder (see the header of benches/live.rs)"
        );
        return;
    };
    let content = PathBuf::from(content);
    let tmp = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .unwrap();
    let work = tmp.path().join("content");
    let status = Command::new("cp")
        .arg("-r")
        .arg(&content)
        .arg(&work)
        .status()
        .unwrap();
    assert!(status.success());
    let out = tmp.path().join("public");

    let (mut site, first) = LiveSite::open(&work, &out).unwrap();
    println!(
        "first build: {} files in {:.0} ms",
        first.written.len(),
        first.elapsed.as_secs_f64() * 1e3
    );
    let (file, _page) = village(&work, &out);
    let note = note_of(&file);
    let figure = |n: usize| {
        bump(&file, n);
        vec![file.clone()]
    };
    let body = |n: usize| {
        touch_note(&note, n);
        vec![note.clone()]
    };
    let folder = file.parent().unwrap();
    let added_note = folder.join("2014-09-30-xinjilu.md");
    let note_added = |n: usize| {
        if n.is_multiple_of(2) {
            let text =
                format!("---\ntitle: 新记录{n}\ndate: 2014-09-30\ntags: [新标签]\n---\n补记。\n");
            std::fs::write(&added_note, text).unwrap();
        } else {
            std::fs::remove_file(&added_note).unwrap();
        }
        vec![added_note.clone()]
    };
    let new_village = folder.parent().unwrap().join("xincun");
    let village_added = |n: usize| {
        if n.is_multiple_of(2) {
            std::fs::create_dir(&new_village).unwrap();
            let text = "name: 新村\nlevel: 村\nreports:\n  - date: 2014-09-25\n    households_visited: 12\n";
            std::fs::write(new_village.join("locality.yaml"), text).unwrap();
        } else {
            std::fs::remove_dir_all(&new_village).unwrap();
        }
        vec![new_village.clone()]
    };
    type Edit<'a> = (&'a str, &'a dyn Fn(usize) -> Vec<PathBuf>);
    let edits: [Edit; 4] = [
        ("village figure", &figure),
        ("note body", &body),
        ("note added or removed", &note_added),
        ("village added or removed", &village_added),
    ];
    for (label, edit) in edits {
        let (mut inside, mut rendered, mut written, mut bytes) = (Vec::new(), 0, 0, 0);
        for n in 0..runs() {
            let paths = edit(n);
            let start = Instant::now();
            let o = site.apply(&paths).unwrap();
            inside.push(start.elapsed().as_secs_f64() * 1e3);
            assert!(o.published && !o.full, "{label}: {o:?}");
            if n == 0 && std::env::var_os("MINQING_BENCH_VERBOSE").is_some() {
                eprintln!("{label}: wrote {:?}", o.written);
            }
            rendered = rendered.max(o.rendered);
            written = written.max(o.written.len());
            bytes = bytes.max(bytes_written(&out, &o.written));
        }
        stats(&format!("{label}, rebuild in process"), &inside);
        println!(
            "{label}: at most {rendered} outputs rendered, {written} files ({:.2} MB) rewritten",
            bytes as f64 / 1e6
        );
    }
    drop(site);
    if std::env::var_os("MINQING_BENCH_NO_WATCH").is_some() {
        return;
    }

    let exe = env!("CARGO_BIN_EXE_minqing");
    let mut child = Command::new(exe)
        .args(["watch", "--content"])
        .arg(&work)
        .arg("--out")
        .arg(&out)
        // The lines read below are the English ones.
        .args(["--lang", "en"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    // Changes are seen once the watcher is running, after the first build.
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
    while let Some(Ok(line)) = lines.next() {
        eprintln!("watch: {line}");
        if line.starts_with("Watching") {
            break;
        }
    }
    // Each rebuild ends with its line, printed once every changed file is in place.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if line.starts_with("Updated") || line.starts_with("Rebuilt") {
                let _ = tx.send((Instant::now(), line));
            } else {
                eprintln!("watch: {line}");
            }
        }
    });
    for (label, path) in [("village figure", &file), ("note body", &note)] {
        let mut end_to_end = Vec::new();
        for n in 0..runs() {
            while rx.try_recv().is_ok() {}
            let start = Instant::now();
            if path == &file {
                bump(&file, 1000 + n);
            } else {
                touch_note(&note, 1000 + n);
            }
            let (done, line) = rx
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("{label}: no rebuild within 30 s"));
            assert!(line.starts_with("Updated"), "{label}: {line}");
            end_to_end.push(done.duration_since(start).as_secs_f64() * 1e3);
            std::thread::sleep(Duration::from_millis(150));
        }
        stats(
            &format!(
                "{label}, save → every changed file in place through `minqing watch` ({} ms debounce included)",
                minqing::watch::DEBOUNCE.as_millis()
            ),
            &end_to_end,
        );
    }
    let _ = child.kill();
    let _ = child.wait();
}
