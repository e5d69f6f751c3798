//! Per-chart cost: draws each kind of chart many times and prints the median time per chart
//! over several runs. Run with `cargo bench --bench charts`.

use jiff::civil::{Date, date};
use minqing::charts::{self, Bar, Progress, Span, Style, TimeSeries};
use minqing::figure::Figure;
use minqing::i18n::Language;
use std::hint::black_box;
use std::time::Instant;

const RUNS: usize = 7;
const PER_RUN: usize = 300;

fn median_micros(mut f: impl FnMut()) -> f64 {
    let mut runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..PER_RUN {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / PER_RUN as f64
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    runs[RUNS / 2]
}

fn series(name: &str, n: usize) -> TimeSeries {
    let dates: Vec<Date> = (0..n).map(|i| date(2014, 3 + i as i8, 10)).collect();
    TimeSeries {
        name: name.into(),
        unit: "条".into(),
        points: dates
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                (
                    d,
                    Figure {
                        value: 1200 * (i as i64 + 1),
                        approximate: i % 2 == 0,
                    },
                )
            })
            .collect(),
    }
}

fn main() {
    let style = &Style::new(minqing::han::TextLang::new(Language::ZhCn, ""));
    let phases = vec![
        Span {
            name: "学习教育、听取意见".into(),
            start: date(2014, 2, 1),
            end: date(2014, 4, 30),
        },
        Span {
            name: "查摆问题、开展批评".into(),
            start: date(2014, 5, 1),
            end: date(2014, 6, 30),
        },
        Span {
            name: "整改落实、建章立制".into(),
            start: date(2014, 7, 1),
            end: date(2014, 9, 30),
        },
    ];
    let five: Vec<TimeSeries> = [
        "走访群众",
        "征求意见建议",
        "查摆问题",
        "整改事项",
        "完成整改",
    ]
    .iter()
    .map(|n| series(n, 5))
    .collect();
    let bars: Vec<Bar> = (0..15)
        .map(|i| Bar {
            label: format!("第{i}村"),
            value: Figure::exact(100 * i + 7),
        })
        .collect();
    let progress: Vec<Progress> = (0..15)
        .map(|i| Progress {
            label: format!("第{i}村"),
            done: Figure::exact(i),
            total: Figure::exact(20),
        })
        .collect();
    let rates: Vec<(Date, Figure, Figure)> = (0..5)
        .map(|i| {
            (
                date(2014, 3 + i, 10),
                Figure::exact(i as i64 * 3),
                Figure::exact(20),
            )
        })
        .collect();

    println!(
        "chart                         median µs per chart ({RUNS} runs × {PER_RUN})   SVG bytes"
    );
    let rows: Vec<(&str, f64, usize)> = vec![
        measured("progress (5 panels, 5 dates)", || {
            charts::progress("工作进展", &five, &phases, style)
        }),
        measured("columns over time (5)", || {
            charts::columns_over_time("征求意见", &five[1], style)
        }),
        measured("ranked bars (15)", || {
            charts::ranked_bars("各地", "条", &bars, 25, style)
        }),
        measured("completion bars (15)", || {
            charts::completion_bars("各地", &progress, 25, style)
        }),
        measured("rate over time (5)", || {
            charts::rate_over_time("完成率", &rates, &phases, None, style)
        }),
        measured("timeline (3 phases)", || {
            charts::timeline("阶段", &phases, Some(date(2014, 9, 10)), style)
        }),
    ];
    for (name, us, bytes) in &rows {
        println!("{name:<30}{us:>10.1}{bytes:>12}");
    }
    let village = [0, 1, 4, 5].map(|i| rows[i]);
    println!(
        "{:<30}{:>10.1}{:>12}",
        "a village page (4 charts)",
        village.iter().map(|r| r.1).sum::<f64>(),
        village.iter().map(|r| r.2).sum::<usize>()
    );
}

/// A chart's median drawing time, and the bytes of its SVG.
fn measured(name: &str, draw: impl Fn() -> charts::Chart) -> (&str, f64, usize) {
    let us = median_micros(|| {
        black_box(draw());
    });
    (name, us, draw().svgs.iter().map(String::len).sum())
}
