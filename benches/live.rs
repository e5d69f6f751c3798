//! Incremental rebuild latency on a generated site: saves one village's locality.yaml again and
//! again and measures (a) the rebuild inside the process and (b) the whole path through a running
//! `minqing watch`, from the save to the changed page being in place. Prints medians.
//!
//! Run with `MINQING_BENCH_CONTENT=/dev/shm/s10k cargo bench --bench live` after generating the
//! content with `cargo run --release --example synth -- --localities 10000 --notes 10000 --out /dev/shm/s10k`.

use minqing::live::LiveSite;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 21;

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
    let (file, page) = village(&work, &out);
    let mut inside = Vec::new();
    let mut rendered = 0;
    for n in 0..RUNS {
        bump(&file, n);
        let start = Instant::now();
        let o = site.apply(std::slice::from_ref(&file)).unwrap();
        inside.push(start.elapsed().as_secs_f64() * 1e3);
        assert!(o.published && !o.full);
        rendered = o.rendered;
    }
    println!(
        "rebuild in process: median {:.1} ms ({rendered} outputs rendered)",
        median(inside)
    );
    drop(site);

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
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            eprintln!("watch: {line}");
        }
    });
    let csv = out.join("data/localities.csv");
    let mut end_to_end = Vec::new();
    for n in 0..RUNS {
        let value = bump(&file, 1000 + n);
        let start = Instant::now();
        loop {
            // The data files are written last: once they have the figure, every changed file
            // is in place.
            let has = |p: &Path| {
                std::fs::read_to_string(p)
                    .map(|t| t.contains(&value))
                    .unwrap_or(false)
            };
            if has(&page) && has(&csv) {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{} never showed {value}",
                page.display()
            );
            std::thread::sleep(Duration::from_micros(500));
        }
        end_to_end.push(start.elapsed().as_secs_f64() * 1e3);
        std::thread::sleep(Duration::from_millis(150));
    }
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "save → every changed file in place through `minqing watch` (40 ms debounce included): median {:.1} ms",
        median(end_to_end)
    );
}
