//! Charts: typed data in, accessible static SVG out, drawn with plotters at build time.
//!
//! Every chart is inline SVG in a `<figure>` with a caption, `role="img"`, a `<title>` and a
//! `<desc>`, and the numbers behind it in a table the reader can open. Nothing here knows about
//! localities or pages: `render` turns the model into these inputs, and a theme places the
//! results by name. No chart needs JavaScript, fonts on the build machine, or ids.

mod backend;
mod draw;

use crate::figure::Figure;
use crate::figure::format;
use crate::i18n::Language;
use crate::xml::escape;
use jiff::civil::Date;
use serde::Serialize;
use std::fmt::Write as _;

/// One metric over time: a panel of the progress chart, or a single time chart.
#[derive(Debug, Clone)]
pub struct TimeSeries {
    pub name: String,
    pub unit: String,
    pub points: Vec<(Date, Figure)>,
}

/// A campaign phase drawn as a band.
#[derive(Debug, Clone)]
pub struct Span {
    pub name: String,
    pub start: Date,
    pub end: Date,
}

/// One bar: a label and its figure.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: Figure,
}

/// One stacked bar: done out of total.
#[derive(Debug, Clone)]
pub struct Progress {
    pub label: String,
    pub done: Figure,
    pub total: Figure,
}

/// What every chart of a build shares: the language, and the frames (axes, grid lines, phase
/// bands) that many charts have in common, drawn once and reused.
#[derive(Debug, Default)]
pub struct Style {
    pub lang: Language,
    pub cache: draw::FrameCache,
}

impl Style {
    pub fn new(lang: Language) -> Style {
        Style {
            lang,
            cache: draw::FrameCache::default(),
        }
    }
}

/// A finished chart: the `<figure>` markup, ready to place.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub kind: &'static str,
    pub title: String,
    pub html: String,
}

/// A table of the numbers behind a chart.
struct Table {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// Wraps an SVG in a figure with caption, title, description and the data table.
fn figure(
    kind: &'static str,
    title: &str,
    desc: &str,
    svg: Option<String>,
    table: &Table,
    style: &Style,
) -> Chart {
    let mut html = String::with_capacity(svg.as_ref().map_or(512, |s| s.len() + 1024));
    let _ = write!(
        html,
        "<figure class=\"chart chart-{kind}\">\n<figcaption>{}</figcaption>\n",
        escape(title)
    );
    match svg.filter(|s| s.starts_with("<svg ")) {
        Some(svg) => {
            // plotters writes `<svg width=… height=… viewBox=… xmlns=…>`: make it an image for
            // assistive technology, with its title and description as the first children.
            let body = svg.strip_prefix("<svg ").unwrap_or(&svg);
            let _ = write!(
                html,
                "<svg role=\"img\" class=\"chart-svg\" {}",
                body.split_once(">\n").map(|(a, _)| a).unwrap_or("")
            );
            let _ = write!(
                html,
                ">\n<title>{}</title>\n<desc>{}</desc>\n",
                escape(title),
                escape(desc)
            );
            html.push_str(body.split_once(">\n").map(|(_, b)| b).unwrap_or(""));
        }
        None => {
            let _ = writeln!(
                html,
                "<p class=\"chart-empty\">{}</p>",
                escape(style.lang.text("chart_no_data"))
            );
        }
    }
    if !table.rows.is_empty() {
        let _ = write!(
            html,
            "<details class=\"chart-data\"><summary>{}</summary>\n<div class=\"table-scroll\"><table class=\"figures-table\">\n<thead><tr>",
            escape(style.lang.text("chart_data"))
        );
        for (i, h) in table.head.iter().enumerate() {
            let class = if i == 0 { "" } else { " class=\"num\"" };
            let _ = write!(html, "<th scope=\"col\"{class}>{}</th>", escape(h));
        }
        html.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            html.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                if i == 0 {
                    let _ = write!(html, "<th scope=\"row\">{}</th>", escape(c));
                } else {
                    let _ = write!(html, "<td class=\"num\">{}</td>", escape(c));
                }
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody></table></div></details>\n");
    }
    html.push_str("</figure>\n");
    Chart {
        kind,
        title: title.to_string(),
        html,
    }
}

fn with_unit(value: &str, unit: &str) -> String {
    format!("{value}{unit}")
}

/// 1. Progress: one small panel per metric over the report dates, with the phases as bands.
pub fn progress(title: &str, series: &[TimeSeries], phases: &[Span], style: &Style) -> Chart {
    let series: Vec<&TimeSeries> = series.iter().filter(|s| !s.points.is_empty()).collect();
    let mut dates: Vec<Date> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let mut table = Table {
        head: vec![style.lang.text("date").to_string()],
        rows: Vec::new(),
    };
    table.head.extend(series.iter().map(|s| s.name.clone()));
    for d in &dates {
        let mut row = vec![d.to_string()];
        for s in &series {
            let v = s
                .points
                .iter()
                .find(|p| p.0 == *d)
                .map(|p| format::full(p.1, style.lang))
                .unwrap_or_default();
            row.push(v);
        }
        table.rows.push(row);
    }
    let desc = series
        .iter()
        .map(|s| {
            let (d0, f0) = s.points[0];
            let (d1, f1) = s.points[s.points.len() - 1];
            if d0 == d1 {
                format!(
                    "{}: {} {}",
                    s.name,
                    d1,
                    with_unit(&format::compact(f1, style.lang), &s.unit)
                )
            } else {
                format!(
                    "{}: {} {} → {} {}",
                    s.name,
                    d0,
                    with_unit(&format::compact(f0, style.lang), &s.unit),
                    d1,
                    with_unit(&format::compact(f1, style.lang), &s.unit)
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let svg = (!series.is_empty())
        .then(|| draw::small_multiples(&series, phases, style, "progress-frame"));
    figure("progress", title, &desc, svg, &table, style)
}

/// A single metric over time as columns (opinions collected, for instance).
pub fn columns_over_time(title: &str, series: &TimeSeries, style: &Style) -> Chart {
    let table = Table {
        head: vec![style.lang.text("date").to_string(), series.name.clone()],
        rows: series
            .points
            .iter()
            .map(|(d, f)| vec![d.to_string(), format::full(*f, style.lang)])
            .collect(),
    };
    let desc = series
        .points
        .iter()
        .map(|(d, f)| {
            format!(
                "{d}: {}",
                with_unit(&format::compact(*f, style.lang), &series.unit)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let svg = (!series.points.is_empty()).then(|| draw::columns(series, style));
    figure("over-time", title, &desc, svg, &table, style)
}

/// Horizontal bars sorted from the largest, with the value at the end of each bar.
pub fn ranked_bars(
    title: &str,
    value_name: &str,
    bars: &[Bar],
    limit: usize,
    style: &Style,
) -> Chart {
    let mut bars: Vec<&Bar> = bars.iter().collect();
    bars.sort_by(|a, b| {
        b.value
            .value
            .cmp(&a.value.value)
            .then_with(|| a.label.cmp(&b.label))
    });
    let table = Table {
        head: vec![
            style.lang.text("locality").to_string(),
            value_name.to_string(),
        ],
        rows: bars
            .iter()
            .map(|b| vec![b.label.clone(), format::full(b.value, style.lang)])
            .collect(),
    };
    let shown = &bars[..bars.len().min(limit)];
    let desc = shown
        .iter()
        .map(|b| format!("{} {}", b.label, format::compact(b.value, style.lang)))
        .collect::<Vec<_>>()
        .join(", ");
    let svg = (!shown.is_empty()).then(|| draw::hbars(shown, style));
    figure("bars", title, &desc, svg, &table, style)
}

/// Stacked bars of done vs. still open, sorted by rate, with the rate written at the end.
pub fn completion_bars(title: &str, items: &[Progress], limit: usize, style: &Style) -> Chart {
    let mut items: Vec<(&Progress, f64)> = items
        .iter()
        .filter(|p| p.total.value > 0)
        .map(|p| (p, p.done.value as f64 / p.total.value as f64))
        .collect();
    items.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.label.cmp(&b.0.label)));
    let lang = style.lang;
    let table = Table {
        head: vec![
            lang.text("locality").to_string(),
            lang.text("chart_completed").to_string(),
            lang.text("chart_open").to_string(),
            lang.text("completion_rate").to_string(),
        ],
        rows: items
            .iter()
            .map(|(p, _)| {
                vec![
                    p.label.clone(),
                    format::full(p.done, lang),
                    format::grouped((p.total.value - p.done.value).max(0)),
                    format::rate(p.done.value, p.total.value).unwrap_or_default(),
                ]
            })
            .collect(),
    };
    let shown: Vec<&Progress> = items.iter().take(limit).map(|(p, _)| *p).collect();
    let desc = shown
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p.label,
                format::rate(p.done.value, p.total.value).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let svg = (!shown.is_empty()).then(|| draw::stacked(&shown, style));
    figure("completion", title, &desc, svg, &table, style)
}

/// A rate over time (completion rate), 0–100%.
pub fn rate_over_time(
    title: &str,
    points: &[(Date, Figure, Figure)],
    phases: &[Span],
    style: &Style,
) -> Chart {
    let points: Vec<(Date, f64)> = points
        .iter()
        .filter(|(_, _, total)| total.value > 0)
        .map(|(d, done, total)| (*d, done.value as f64 / total.value as f64 * 100.0))
        .collect();
    let table = Table {
        head: vec![
            style.lang.text("date").to_string(),
            style.lang.text("completion_rate").to_string(),
        ],
        rows: points
            .iter()
            .map(|(d, r)| vec![d.to_string(), format!("{r:.1}%")])
            .collect(),
    };
    let desc = points
        .iter()
        .map(|(d, r)| format!("{d}: {r:.1}%"))
        .collect::<Vec<_>>()
        .join("; ");
    let svg = (!points.is_empty()).then(|| draw::rate_line(&points, phases, style));
    figure("rate", title, &desc, svg, &table, style)
}

/// The phases as a timeline with a marker at the latest report date. Most localities last
/// reported on one of a few dates, so the whole chart is drawn once per date and reused.
pub fn timeline(title: &str, phases: &[Span], latest: Option<Date>, style: &Style) -> Chart {
    let key = format!(
        "timeline|{title}|{latest:?}|{:?}|{}",
        style.lang,
        draw::phases_key(phases)
    );
    let html = style.cache.get_or_draw(key, || {
        let lang = style.lang;
        let table = Table {
            head: vec![
                lang.text("phase").to_string(),
                lang.text("chart_start").to_string(),
                lang.text("chart_end").to_string(),
            ],
            rows: phases
                .iter()
                .map(|p| vec![p.name.clone(), p.start.to_string(), p.end.to_string()])
                .collect(),
        };
        let mut desc = phases
            .iter()
            .map(|p| format!("{} {} – {}", p.name, p.start, p.end))
            .collect::<Vec<_>>()
            .join("; ");
        if let Some(d) = latest {
            let _ = write!(desc, "; {} {d}", lang.text("latest_report"));
        }
        let svg = (!phases.is_empty()).then(|| draw::timeline(phases, latest, style));
        figure("timeline", title, &desc, svg, &table, style).html
    });
    Chart {
        kind: "timeline",
        title: title.to_string(),
        html: html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: i8, day: i8) -> Date {
        Date::new(2014, m, day).unwrap()
    }

    #[test]
    fn figure_is_accessible_svg() {
        let s = TimeSeries {
            name: "征求意见建议".into(),
            unit: "条".into(),
            points: vec![
                (d(4, 1), Figure::exact(9000)),
                (
                    d(9, 10),
                    Figure {
                        value: 13000,
                        approximate: true,
                    },
                ),
            ],
        };
        let c = progress("工作进展", &[s], &[], &Style::new(Language::ZhCn));
        assert!(c.html.starts_with(
            "<figure class=\"chart chart-progress\">\n<figcaption>工作进展</figcaption>"
        ));
        assert!(
            c.html
                .contains("<svg role=\"img\" class=\"chart-svg\" width="),
            "{}",
            &c.html[..300]
        );
        assert!(c.html.contains("<title>工作进展</title>"));
        assert!(
            c.html
                .contains("<desc>征求意见建议: 2014-04-01 9000条 → 2014-09-10 1.3万余条</desc>")
        );
        assert!(c.html.contains("<details class=\"chart-data\">"));
        assert!(!c.html.contains(" id=\""));
    }

    #[test]
    fn empty_data_says_so_in_words() {
        let c = ranked_bars("各地征求意见", "条", &[], 20, &Style::new(Language::ZhCn));
        assert!(c.html.contains("<p class=\"chart-empty\">"));
        assert!(!c.html.contains("<svg"));
    }
}
