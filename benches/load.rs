//! Load time per report in one locality.yaml that grows: an office reporting daily (每日一报)
//! writes a report a day into one file. Loads a content folder holding one locality with 100,
//! 1,000 and 10,000 daily reports and prints the load stage's median time per report, which
//! should stay flat; once clean, and once with a warning on every report (each date outside the
//! only phase), since every message looks up its line. Run with `cargo bench --bench load`.

use jiff::ToSpan;
use jiff::civil::date;
use std::path::Path;
use std::time::Instant;

const RUNS: usize = 9;
const SIZES: [usize; 3] = [100, 1_000, 10_000];

const METRICS: &str = "metrics:
  - {key: households_visited,       name: 走访群众,     unit: 户}
  - {key: opinions_collected,       name: 征求意见建议, unit: 条}
  - {key: problems_found,           name: 查摆问题,     unit: 个}
  - {key: rectifications_planned,   name: 整改事项,     unit: 项}
  - {key: rectifications_completed, name: 完成整改,     unit: 项, at_most: rectifications_planned}
";

/// A content folder with one village of `reports` daily reports from 2015-01-01; with `phase`,
/// site.yaml has one phase, which ends before the first report.
fn write_site(dir: &Path, reports: usize, phase: bool) {
    let mut site = String::from("title: 每日一报\n");
    if phase {
        site.push_str(
            "phases:\n  - {key: study, name: 学习教育, start: 2014-02-01, end: 2014-04-30}\n",
        );
    }
    site.push_str(METRICS);
    std::fs::write(dir.join("site.yaml"), site).unwrap();
    let village = dir.join("某村");
    std::fs::create_dir_all(&village).unwrap();
    let mut text = String::from("name: 某村\nlevel: 村\nreports:\n");
    let first = date(2015, 1, 1);
    for i in 0..reports {
        let day = first.checked_add((i as i64).days()).unwrap();
        text.push_str(&format!(
            "  - date: {day}\n    households_visited: {}\n    opinions_collected: {}\n    \
             problems_found: {}\n    rectifications_planned: {}\n    rectifications_completed: {}\n",
            100 + 3 * i,
            50 + 2 * i,
            i / 2,
            10 + i,
            i,
        ));
    }
    std::fs::write(village.join("locality.yaml"), text).unwrap();
}

/// The median of `RUNS` loads of the folder, in seconds, checking what each load found.
fn median_load(dir: &Path, reports: usize, warnings: usize) -> f64 {
    let mut runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let (content, diagnostics) = minqing::content::load(dir).unwrap();
            let elapsed = start.elapsed().as_secs_f64();
            assert_eq!(content.localities[0].reports.len(), reports);
            assert_eq!(
                (diagnostics.errors(), diagnostics.warnings()),
                (0, warnings)
            );
            elapsed
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[RUNS / 2]
}

fn main() {
    let tmp = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .unwrap();
    println!("median of {RUNS} loads (content::load, the build's load stage) of one locality.yaml");
    println!(
        "{:>8}  {:>10}  {:>14}  {:>24}",
        "reports", "load", "per report", "per report, each warned"
    );
    for n in SIZES {
        let clean = tmp.path().join(format!("clean-{n}"));
        let warned = tmp.path().join(format!("warned-{n}"));
        for (dir, phase) in [(&clean, false), (&warned, true)] {
            std::fs::create_dir_all(dir).unwrap();
            write_site(dir, n, phase);
        }
        let t = median_load(&clean, n, 0);
        let w = median_load(&warned, n, n);
        println!(
            "{n:>8}  {:>7.1} ms  {:>11.1} µs  {:>21.1} µs",
            t * 1e3,
            t * 1e6 / n as f64,
            w * 1e6 / n as f64
        );
    }
}
