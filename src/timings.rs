//! Where a build spends its time, for `build --timings` and the benchmark.
//!
//! Loading, modelling and publishing run one after the other and are timed by the wall clock.
//! Rendering runs on every core, so its parts (Markdown, charts, templates, writing) are summed
//! as CPU time across threads and shown as shares of the render stage's wall time.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A part of the render stage.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Markdown,
    Charts,
    Templates,
    Write,
    /// The search index and the feed.
    Search,
}

#[derive(Debug, Default)]
pub struct Timings {
    pub load: Duration,
    pub model: Duration,
    pub render: Duration,
    pub publish: Duration,
    parts: [AtomicU64; 5],
}

impl Timings {
    /// Runs `f`, adding its duration to a render part.
    pub fn time<T>(&self, part: Part, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.parts[part as usize].fetch_add(start.elapsed().as_nanos() as u64, Ordering::Relaxed);
        out
    }

    pub fn part(&self, part: Part) -> Duration {
        Duration::from_nanos(self.parts[part as usize].load(Ordering::Relaxed))
    }

    pub fn total(&self) -> Duration {
        self.load + self.model + self.render + self.publish
    }

    /// The stages with their share of the whole build, in a small table.
    pub fn report(&self) -> String {
        let total = self.total().as_secs_f64().max(1e-9);
        let parts = [
            Part::Markdown,
            Part::Charts,
            Part::Templates,
            Part::Search,
            Part::Write,
        ];
        let cpu: f64 = parts
            .iter()
            .map(|p| self.part(*p).as_secs_f64())
            .sum::<f64>()
            .max(1e-9);
        let render = self.render.as_secs_f64();
        let mut rows: Vec<(&str, f64)> = vec![
            ("load", self.load.as_secs_f64()),
            ("roll-up", self.model.as_secs_f64()),
        ];
        for (name, p) in ["markdown", "charts", "templates", "search", "write"]
            .into_iter()
            .zip(parts)
        {
            rows.push((name, self.part(p).as_secs_f64() / cpu * render));
        }
        rows.push(("publish", self.publish.as_secs_f64()));
        let mut out = String::from("stage        time     share\n");
        for (name, secs) in rows {
            let _ = writeln!(
                out,
                "{name:<10} {secs:>7.3} s {:>6.1}%",
                secs / total * 100.0
            );
        }
        let _ = write!(out, "{:<10} {total:>7.3} s  100.0%", "total");
        out
    }
}
