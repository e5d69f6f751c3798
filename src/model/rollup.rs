//! Roll-up: a locality's figures at every date of its subtree, from its own reports and its
//! children's figures.
//!
//! For a metric at date D, the own figure is the latest own report of it on or before D; the
//! children's sum adds the effective figures of the children that have one at D; the effective
//! figure is the own figure when there is one, otherwise the children's sum. Figures are step
//! functions that change only at report dates, so a child's figure at any date is its figure at
//! its own latest date on or before it.

use crate::content::ReportSource;
use crate::figure::Figure;
use jiff::civil::Date;
use serde::Serialize;

/// One metric at one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Cell {
    /// This locality's own figure (its latest report on or before the date).
    pub reported: Option<Figure>,
    /// The sum of its children's effective figures, when any child has one.
    pub children_sum: Option<Figure>,
}

impl Cell {
    /// The figure that counts: the own report wins over the children's sum.
    pub fn effective(&self) -> Option<Figure> {
        self.reported.or(self.children_sum)
    }
}

/// An `Option<Figure>` in 8 bytes instead of 16: the value shifted left by one with the
/// approximate mark in the low bit, `i64::MIN` for none. Every locality holds its metrics at
/// every date of its subtree, so at national scale this halves the largest part of the model.
/// It holds every figure the loader accepts ([`crate::figure::MAX`]); a children's sum beyond
/// that saturates there, as adding figures saturates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Packed(i64);

impl Packed {
    const NONE: Packed = Packed(i64::MIN);

    fn new(figure: Option<Figure>) -> Packed {
        match figure {
            None => Packed::NONE,
            Some(f) => {
                let max = crate::figure::MAX;
                let value = f.value.clamp(-max, max);
                Packed((value << 1) | i64::from(f.approximate))
            }
        }
    }

    fn get(self) -> Option<Figure> {
        (self != Packed::NONE).then_some(Figure {
            value: self.0 >> 1,
            approximate: self.0 & 1 == 1,
        })
    }
}

/// A locality's figures at every report date in its subtree, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Series {
    pub dates: Vec<Date>,
    /// `reported[d * metrics + m]`: the own figure of metric `m` at `dates[d]`.
    reported: Vec<Packed>,
    /// The children's sums, laid out as `reported`; empty for a locality without children
    /// (most of them: villages), whose sums are all `None`.
    sums: Vec<Packed>,
    metrics: usize,
}

impl Series {
    pub fn metrics(&self) -> usize {
        self.metrics
    }

    pub fn len(&self) -> usize {
        self.dates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// Metric `m` at the `i`-th date.
    pub fn cell(&self, i: usize, m: usize) -> Cell {
        let k = i * self.metrics + m;
        Cell {
            reported: self.reported[k].get(),
            children_sum: self.sums.get(k).and_then(|p| p.get()),
        }
    }

    /// All metrics at the `i`-th date.
    pub fn point(&self, i: usize) -> impl Iterator<Item = Cell> + '_ {
        (0..self.metrics).map(move |m| self.cell(i, m))
    }

    /// The index of the latest date on or before `date`.
    pub fn index_at(&self, date: Date) -> Option<usize> {
        self.dates.partition_point(|d| *d <= date).checked_sub(1)
    }

    /// The effective figure of a metric at the latest date that has one.
    pub fn latest(&self, metric: usize) -> Option<(usize, Figure)> {
        (0..self.len())
            .rev()
            .find_map(|i| self.cell(i, metric).effective().map(|f| (i, f)))
    }

    /// The effective figure of a metric at the `i`-th date.
    pub fn effective(&self, i: usize, metric: usize) -> Option<Figure> {
        self.cell(i, metric).effective()
    }
}

/// A metric's sum over the children while the dates are swept: kept exact (and never saturating
/// midway) so that a child's figure can be taken out again when the child reports anew.
#[derive(Debug, Clone, Copy, Default)]
struct Running {
    sum: i128,
    /// Children with a figure for the metric.
    contributors: u32,
    /// Of those, the ones whose figure is approximate.
    approximate: u32,
}

impl Running {
    fn add(&mut self, f: Figure) {
        self.sum += i128::from(f.value);
        self.contributors += 1;
        self.approximate += u32::from(f.approximate);
    }

    fn remove(&mut self, f: Figure) {
        self.sum -= i128::from(f.value);
        self.contributors -= 1;
        self.approximate -= u32::from(f.approximate);
    }

    /// The sum as a figure, saturating like adding figures one by one does.
    fn figure(&self) -> Option<Figure> {
        (self.contributors > 0).then(|| Figure {
            value: self.sum.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
            approximate: self.approximate > 0,
        })
    }
}

/// Computes a locality's series from its own reports (sorted by date) and its children's series.
/// The children's sums are kept running: a child's figures change the sums only on the dates
/// it has, so a parent costs its dates × children plus its children's points, not their product
/// with the metrics.
pub fn roll_up(reports: &[ReportSource], children: &[&Series], metrics: usize) -> Series {
    let mut dates: Vec<Date> = reports.iter().map(|r| r.date).collect();
    for c in children {
        dates.extend_from_slice(&c.dates);
    }
    dates.sort_unstable();
    dates.dedup();

    let mut reported = Vec::with_capacity(dates.len() * metrics);
    let mut children_sums = Vec::with_capacity(if children.is_empty() {
        0
    } else {
        dates.len() * metrics
    });
    let mut own: Vec<Option<Figure>> = vec![None; metrics];
    let mut sums = vec![Running::default(); metrics];
    let mut next_report = 0;
    // For each child, how many of its dates are on or before the current date.
    let mut cursors = vec![0usize; children.len()];
    for &date in &dates {
        while next_report < reports.len() && reports[next_report].date <= date {
            for (m, v) in reports[next_report].values.iter().enumerate().take(metrics) {
                if v.is_some() {
                    own[m] = *v;
                }
            }
            next_report += 1;
        }
        for (c, child) in children.iter().enumerate() {
            let before = cursors[c];
            while cursors[c] < child.dates.len() && child.dates[cursors[c]] <= date {
                cursors[c] += 1;
            }
            if cursors[c] == before {
                continue;
            }
            for (m, sum) in sums.iter_mut().enumerate() {
                if let Some(old) = before.checked_sub(1)
                    && let Some(f) = child.effective(old, m)
                {
                    sum.remove(f);
                }
                if let Some(f) = child.effective(cursors[c] - 1, m) {
                    sum.add(f);
                }
            }
        }
        reported.extend(own.iter().map(|&f| Packed::new(f)));
        if !children.is_empty() {
            children_sums.extend(sums.iter().map(|s| Packed::new(s.figure())));
        }
    }
    Series {
        dates,
        reported,
        sums: children_sums,
        metrics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: i8, day: i8) -> Date {
        Date::new(2014, m, day).unwrap()
    }

    fn report(date: Date, values: &[Option<i64>]) -> ReportSource {
        ReportSource {
            date,
            line: None,
            values: values.iter().map(|v| v.map(Figure::exact)).collect(),
            note: None,
            cells: None,
        }
    }

    #[test]
    fn own_figure_wins_and_carries_forward() {
        let village_a = roll_up(
            &[report(d(4, 1), &[Some(10)]), report(d(9, 1), &[Some(30)])],
            &[],
            1,
        );
        let village_b = roll_up(&[report(d(6, 1), &[Some(5)])], &[], 1);
        let town = roll_up(
            &[report(d(6, 1), &[Some(100)])],
            &[&village_a, &village_b],
            1,
        );
        assert_eq!(town.dates, [d(4, 1), d(6, 1), d(9, 1)]);
        // 04-01: no own figure yet, so the children's sum (only A has one).
        assert_eq!(town.effective(0, 0), Some(Figure::exact(10)));
        assert_eq!(town.cell(0, 0).reported, None);
        // 06-01: own figure 100 wins over 10 + 5.
        assert_eq!(
            town.cell(1, 0),
            Cell {
                reported: Some(Figure::exact(100)),
                children_sum: Some(Figure::exact(15))
            }
        );
        // 09-01: own 100 carried forward; children 30 + 5 (B carried forward).
        assert_eq!(town.cell(2, 0).children_sum, Some(Figure::exact(35)));
        assert_eq!(town.effective(2, 0), Some(Figure::exact(100)));
    }

    #[test]
    fn approximate_flag_carries_into_sums() {
        let mut r = report(d(5, 7), &[Some(13_000)]);
        r.values[0].as_mut().unwrap().approximate = true;
        let a = roll_up(&[r], &[], 1);
        let b = roll_up(&[report(d(5, 7), &[Some(7)])], &[], 1);
        let parent = roll_up(&[], &[&a, &b], 1);
        assert_eq!(
            parent.latest(0),
            Some((
                0,
                Figure {
                    value: 13_007,
                    approximate: true
                }
            ))
        );
    }

    #[test]
    fn a_child_that_reports_again_replaces_its_figure_in_the_sum() {
        let mut first = report(d(5, 1), &[Some(1_000), Some(4)]);
        first.values[0].as_mut().unwrap().approximate = true;
        let a = roll_up(&[first, report(d(6, 1), &[Some(1_200), None])], &[], 2);
        let b = roll_up(&[report(d(5, 15), &[Some(7), Some(1)])], &[], 2);
        let parent = roll_up(&[], &[&a, &b], 2);
        assert_eq!(parent.dates, [d(5, 1), d(5, 15), d(6, 1)]);
        let sum = |i: usize, m: usize| parent.cell(i, m).children_sum;
        let approx = |v| {
            Some(Figure {
                value: v,
                approximate: true,
            })
        };
        assert_eq!(sum(0, 0), approx(1_000));
        assert_eq!(sum(1, 0), approx(1_007));
        // A's new report is exact, so the sum no longer is.
        assert_eq!(sum(2, 0), Some(Figure::exact(1_207)));
        // A's second metric carries forward from its own earlier report.
        assert_eq!(sum(2, 1), Some(Figure::exact(5)));
    }

    /// The running sums against adding every child's carried-forward figure afresh at each date,
    /// on generated trees.
    #[test]
    fn running_sums_match_summing_afresh() {
        let mut seed: u64 = 2014;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let metrics = 1 + next(3) as usize;
            let children: Vec<Series> = (0..next(6))
                .map(|_| {
                    let mut days: Vec<i8> = (0..next(5)).map(|_| 1 + next(28) as i8).collect();
                    days.sort_unstable();
                    days.dedup();
                    let reports: Vec<ReportSource> = days
                        .iter()
                        .map(|&day| {
                            let mut r = report(
                                d(5, day),
                                &(0..metrics)
                                    .map(|_| (next(4) > 0).then(|| next(1000) as i64))
                                    .collect::<Vec<_>>(),
                            );
                            for f in r.values.iter_mut().flatten() {
                                f.approximate = next(5) == 0;
                            }
                            r
                        })
                        .collect();
                    roll_up(&reports, &[], metrics)
                })
                .collect();
            let refs: Vec<&Series> = children.iter().collect();
            let parent = roll_up(&[], &refs, metrics);
            for (i, &date) in parent.dates.iter().enumerate() {
                for m in 0..metrics {
                    let mut want: Option<Figure> = None;
                    for c in &children {
                        if let Some(f) = c.index_at(date).and_then(|at| c.effective(at, m)) {
                            match &mut want {
                                Some(w) => *w += f,
                                None => want = Some(f),
                            }
                        }
                    }
                    assert_eq!(parent.cell(i, m).children_sum, want, "{date} metric {m}");
                }
            }
        }
    }

    #[test]
    fn metrics_absent_everywhere_stay_empty() {
        let a = roll_up(&[report(d(5, 7), &[Some(1), None])], &[], 2);
        let parent = roll_up(&[], &[&a], 2);
        assert_eq!(parent.latest(1), None);
        assert_eq!(parent.index_at(d(1, 1)), None);
        assert_eq!(parent.index_at(d(12, 1)), Some(0));
    }

    #[test]
    fn a_packed_cell_gives_back_every_figure_it_was_given() {
        let figures = [
            None,
            Some(Figure::exact(0)),
            Some(Figure::exact(-7)),
            Some(Figure {
                value: 851_000,
                approximate: true,
            }),
            Some(Figure {
                value: -3,
                approximate: true,
            }),
            Some(Figure::exact(crate::figure::MAX)),
            Some(Figure {
                value: -crate::figure::MAX,
                approximate: true,
            }),
        ];
        for f in figures {
            assert_eq!(Packed::new(f).get(), f);
        }
        // A sum beyond what a file may give saturates at the largest figure.
        assert_eq!(
            Packed::new(Some(Figure::exact(i64::MAX))).get(),
            Some(Figure::exact(crate::figure::MAX))
        );
    }

    #[test]
    fn sums_beyond_the_largest_figure_saturate() {
        let child = |v| roll_up(&[report(d(3, 1), &[Some(v)])], &[], 1);
        let (a, b) = (child(crate::figure::MAX), child(crate::figure::MAX));
        let parent = roll_up(&[], &[&a, &b], 1);
        assert_eq!(
            parent.cell(0, 0).children_sum,
            Some(Figure::exact(crate::figure::MAX))
        );
    }
}
