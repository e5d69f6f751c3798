//! Turns the model into the charts of a page: which charts a locality or the home page gets,
//! and the typed data each is drawn from. The drawing itself is `crate::charts`.

use super::deps::{Read, Reads};
use crate::charts::{self, Bar, Chart, Progress, Span, Style, TimeSeries};
use crate::content::SiteConfig;
use crate::model::{Series, SiteModel};
use serde::Serialize;

/// Most bars in one chart; the table of sub-localities lists them all.
const MAX_BARS: usize = 25;

/// The page's tables a chart can leave its numbers to ([`Chart::numbers_in`]): every locality
/// page and the home page show the table of the series' reports (`_series.html`) and, when
/// there are sub-localities, the table of their latest figures (`_locality_table.html`).
const REPORTS: &str = "reports";
const LOCALITIES: &str = "localities";

/// The charts of one page, by name, so a theme can place, omit or reorder them.
#[derive(Serialize, Default)]
pub struct PageCharts {
    pub progress: Option<Chart>,
    pub opinions_by_child: Option<Chart>,
    pub opinions_over_time: Option<Chart>,
    pub rectification_by_child: Option<Chart>,
    pub completion_over_time: Option<Chart>,
    pub timeline: Option<Chart>,
}

fn spans(site: &SiteConfig) -> Vec<Span> {
    site.phases
        .iter()
        .map(|p| Span {
            name: p.name.clone(),
            start: p.start,
            end: p.end,
        })
        .collect()
}

fn time_series(series: &Series, site: &SiteConfig, m: usize) -> TimeSeries {
    let metric = &site.metrics[m];
    TimeSeries {
        name: metric.name.clone(),
        unit: metric.unit.clone(),
        points: (0..series.len())
            .filter_map(|i| series.effective(i, m).map(|f| (series.dates[i], f)))
            .collect(),
    }
}

/// The completed/planned pair: the first metric with an `at_most` limit.
fn rate_pair(site: &SiteConfig) -> Option<(usize, usize)> {
    site.metrics
        .iter()
        .enumerate()
        .find_map(|(m, metric)| metric.at_most.map(|l| (m, l)))
}

/// Charts for a series and its children (`children` empty for a village or the like).
pub fn page_charts(
    model: &SiteModel,
    style: &Style,
    series: &Series,
    children: &[usize],
    home: bool,
    reads: &mut Reads,
) -> PageCharts {
    // The sub-localities' bars are named and drawn from their figures.
    for &c in children {
        reads.extend([Read::Name(c), Read::Figures(c)]);
    }
    let site = &model.site;
    let lang = site.language;
    let phases = spans(site);
    let mut charts = PageCharts::default();

    let all: Vec<TimeSeries> = (0..site.metrics.len())
        .map(|m| time_series(series, site, m))
        .collect();
    // Its numbers are the reports table's: each metric's figure at each date.
    charts.progress = Some(
        charts::progress(lang.text("chart_progress"), &all, &phases, style).numbers_in(REPORTS),
    );

    opinion_charts(model, style, &all, children, &mut charts);
    rectification_charts(model, style, series, children, home, &mut charts);

    if !phases.is_empty() {
        charts.timeline = Some(charts::timeline(
            lang.text("chart_timeline"),
            &phases,
            series.dates.last().copied(),
            style,
        ));
    }
    charts
}

/// The opinions charts: over time, and by sub-locality at the latest date.
fn opinion_charts(
    model: &SiteModel,
    style: &Style,
    all: &[TimeSeries],
    children: &[usize],
    charts: &mut PageCharts,
) {
    let site = &model.site;
    let lang = site.language;
    let Some(o) = site.metric_index("opinions_collected") else {
        return;
    };
    let name = &site.metrics[o].name;
    charts.opinions_over_time = Some(
        charts::columns_over_time(
            &format!("{name}（{}）", lang.text("chart_cumulative")),
            &all[o],
            style,
        )
        .numbers_in(REPORTS),
    );
    if !children.is_empty() {
        // A bar is a sub-locality's latest figure; the table of sub-localities shows the figure
        // of its latest report, the same one unless that report left the metric out.
        let mut in_table = true;
        let bars: Vec<Bar> = children
            .iter()
            .filter_map(|&c| {
                let l = &model.localities[c];
                let (i, f) = l.series.latest(o)?;
                in_table &= i + 1 == l.series.len();
                Some(Bar {
                    label: l.src.name.clone(),
                    value: f,
                })
            })
            .collect();
        let chart = charts::ranked_bars(
            lang.text("chart_opinions_by_child"),
            name,
            &bars,
            MAX_BARS,
            style,
        );
        charts.opinions_by_child = Some(if in_table {
            chart.numbers_in(LOCALITIES)
        } else {
            chart
        });
    }
}

/// The rectification charts: the completion rate over time, and completed against planned by
/// sub-locality (on the home page, the ranking of the top-level localities).
fn rectification_charts(
    model: &SiteModel,
    style: &Style,
    series: &Series,
    children: &[usize],
    home: bool,
    charts: &mut PageCharts,
) {
    let site = &model.site;
    let lang = site.language;
    let phases = spans(site);
    let Some((done, total)) = rate_pair(site) else {
        return;
    };
    let frame = charts.progress.as_ref().and_then(|c| c.frame.as_ref());
    let points: Vec<_> = (0..series.len())
        .filter_map(|i| {
            Some((
                series.dates[i],
                series.effective(i, done)?,
                series.effective(i, total)?,
            ))
        })
        .collect();
    // Its numbers are the reports table's rate column.
    charts.completion_over_time = Some(
        charts::rate_over_time(
            lang.text("chart_completion_over_time"),
            &points,
            &phases,
            frame,
            style,
        )
        .numbers_in(REPORTS),
    );
    if !children.is_empty() {
        let items: Vec<Progress> = children
            .iter()
            .filter_map(|&c| {
                let l = &model.localities[c];
                let last = l.series.len().checked_sub(1)?;
                Some(Progress {
                    label: l.src.name.clone(),
                    done: l.series.effective(last, done)?,
                    total: l.series.effective(last, total)?,
                })
            })
            .collect();
        let title = if home {
            lang.text("chart_ranking")
        } else {
            lang.text("chart_rectification_by_child")
        };
        // Completed and planned as of each sub-locality's latest report, and their rate: the
        // table of sub-localities' columns (what is still open is the difference).
        charts.rectification_by_child =
            Some(charts::completion_bars(title, &items, MAX_BARS, style).numbers_in(LOCALITIES));
    }
}
