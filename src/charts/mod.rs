//! Charts: typed data in, accessible static SVG out, drawn with plotters at build time.
//!
//! Every chart is one or more inline SVG images (`role="img"`, a `<title>` and a `<desc>`), with
//! its legend and the numbers behind it as data: the theme's `_chart.html` writes the `<figure>`,
//! caption, legend and table around them. Nothing here knows about localities or pages: `render`
//! turns the model into these inputs (and says when a page's own table holds a chart's numbers),
//! and a theme places the results by name. The drawings name their paints by class
//! ([`PALETTE`]), which the theme's stylesheet colours. No chart needs JavaScript or fonts on
//! the build machine.

mod backend;
mod draw;

/// The classes the drawings are written in and what each stands for: the theme's stylesheet
/// gives them their colours (`themes/default/static/style.css`, "Chart paints").
pub use backend::{Look, Palette, Rgb};
pub use draw::{Frame, PALETTE};

use crate::figure::Figure;
use crate::figure::format;
use crate::han::TextLang;
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

impl TimeSeries {
    /// The series as a panel names it: `征求意见建议（条）`, or the name alone without a unit.
    pub fn caption(&self) -> String {
        if self.unit.is_empty() {
            self.name.clone()
        } else {
            format!("{}（{}）", self.name, self.unit)
        }
    }
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
    /// How the content's Chinese texts are marked in the drawings (`lang` on a `<text>`).
    pub text: TextLang,
    pub cache: draw::FrameCache,
}

impl Style {
    pub fn new(text: TextLang) -> Style {
        Style {
            lang: text.page(),
            text,
            cache: draw::FrameCache::default(),
        }
    }
}

/// A finished chart, for a theme's `_chart.html` to place: the drawings are inline SVG; the
/// caption, legend and data table around them are the template's.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub kind: &'static str,
    pub title: String,
    /// Accessible SVG images (`role="img"` with a `<title>` and `<desc>`): one, or one per
    /// panel of small multiples. Empty when there is nothing to draw.
    pub svgs: Vec<String>,
    /// What the colours mean: phase bands, done and open.
    pub legend: Vec<LegendKey>,
    /// The numbers behind the chart.
    pub table: Option<DataTable>,
    /// The page's table that already holds the numbers behind the chart, in place of `table`:
    /// `reports` (the table of the locality's reports) or `localities` (of its sub-localities).
    pub numbers_in: Option<&'static str>,
    /// The frame its panels share, for another time chart of the page ([`rate_over_time`]).
    #[serde(skip)]
    pub frame: Option<Frame>,
}

impl Chart {
    /// The chart with its numbers left to the page's table `page_table` (see
    /// [`Chart::numbers_in`]), which holds every one of them.
    pub fn numbers_in(mut self, page_table: &'static str) -> Chart {
        if self.table.take().is_some() {
            self.numbers_in = Some(page_table);
        }
        self
    }
}

/// One entry of a chart's legend: the theme draws `swatch` (`band-0`, `band-1`, `done`, `open`)
/// in the colour the chart uses for it.
#[derive(Debug, Clone, Serialize)]
pub struct LegendKey {
    pub swatch: &'static str,
    pub label: String,
}

/// A table of the numbers behind a chart: the first column heads its rows.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Makes plotters' `<svg width=… height=… viewBox=… xmlns=…>` an image for assistive technology,
/// with its title and description as the first children, and each Chinese text of a drawing on
/// a page of another language marked with its `lang`. A failed drawing (no `<svg`) gives
/// nothing.
fn accessible(svg: &str, title: &str, desc: &str, text: TextLang) -> Option<String> {
    let body = svg.strip_prefix("<svg ")?;
    let (attributes, rest) = body.split_once(">\n")?;
    let mut out = String::with_capacity(svg.len() + title.len() + desc.len() + 64);
    let _ = write!(
        out,
        "<svg role=\"img\" {attributes}>\n<title{}>{}</title>\n<desc{}>{}</desc>\n",
        text.attribute(title),
        escape(title),
        text.attribute(desc),
        escape(desc)
    );
    mark_texts(&mut out, rest, text);
    Some(out)
}

/// Copies drawn elements to `out`, giving each `<text>` whose words are Chinese the `lang` it
/// needs on this page ([`TextLang::attribute`]; nothing to do on a Chinese page).
fn mark_texts(out: &mut String, mut svg: &str, text: TextLang) {
    if text.marks() {
        while let Some(at) = svg.find("<text ") {
            let Some(open) = svg[at..].find('>').map(|i| at + i) else {
                break;
            };
            let close = svg[open..].find("</text>").map_or(svg.len(), |i| open + i);
            out.push_str(&svg[..open]);
            out.push_str(text.attribute(&svg[open + 1..close]));
            out.push_str(&svg[open..close]);
            svg = &svg[close..];
        }
    }
    out.push_str(svg);
}

/// The legend of the phase bands, `1 学习教育、听取意见`, as the bands alternate.
fn phase_legend(phases: &[Span]) -> Vec<LegendKey> {
    phases
        .iter()
        .enumerate()
        .map(|(i, p)| LegendKey {
            swatch: ["band-0", "band-1"][i % 2],
            label: format!("{} {}", i + 1, p.name),
        })
        .collect()
}

fn chart(kind: &'static str, title: &str, svgs: Vec<String>, table: DataTable) -> Chart {
    Chart {
        kind,
        title: title.to_string(),
        svgs,
        legend: Vec::new(),
        table: (!table.rows.is_empty()).then_some(table),
        numbers_in: None,
        frame: None,
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
    let mut table = DataTable {
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
                .map(|p| format::figure(p.1, style.lang))
                .unwrap_or_default();
            row.push(v);
        }
        table.rows.push(row);
    }
    let descs = series.iter().map(|s| {
        let (d0, f0) = s.points[0];
        let (d1, f1) = s.points[s.points.len() - 1];
        if d0 == d1 {
            format!(
                "{}: {} {}",
                s.name,
                d1,
                with_unit(&format::figure(f1, style.lang), &s.unit)
            )
        } else {
            format!(
                "{}: {} {} → {} {}",
                s.name,
                d0,
                with_unit(&format::figure(f0, style.lang), &s.unit),
                d1,
                with_unit(&format::figure(f1, style.lang), &s.unit)
            )
        }
    });
    let (drawn, frame) = draw::small_multiples(&series, phases, style, "progress-frame");
    let svgs = drawn
        .iter()
        .zip(&series)
        .zip(descs)
        .filter_map(|((svg, s), desc)| accessible(svg, &s.caption(), &desc, style.text))
        .collect();
    let mut c = chart("progress", title, svgs, table);
    c.legend = phase_legend(phases);
    c.frame = frame;
    c
}

/// A single metric over time as columns (opinions collected, for instance).
pub fn columns_over_time(title: &str, series: &TimeSeries, style: &Style) -> Chart {
    let table = DataTable {
        head: vec![style.lang.text("date").to_string(), series.name.clone()],
        rows: series
            .points
            .iter()
            .map(|(d, f)| vec![d.to_string(), format::figure(*f, style.lang)])
            .collect(),
    };
    let desc = series
        .points
        .iter()
        .map(|(d, f)| {
            format!(
                "{d}: {}",
                with_unit(&format::figure(*f, style.lang), &series.unit)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let svgs = (!series.points.is_empty())
        .then(|| accessible(&draw::columns(series, style), title, &desc, style.text))
        .flatten();
    chart("over-time", title, svgs.into_iter().collect(), table)
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
    let table = DataTable {
        head: vec![
            style.lang.text("locality").to_string(),
            value_name.to_string(),
        ],
        rows: bars
            .iter()
            .map(|b| vec![b.label.clone(), format::figure(b.value, style.lang)])
            .collect(),
    };
    let shown = &bars[..bars.len().min(limit)];
    let desc = shown
        .iter()
        .map(|b| format!("{} {}", b.label, format::figure(b.value, style.lang)))
        .collect::<Vec<_>>()
        .join(", ");
    let svgs = (!shown.is_empty())
        .then(|| accessible(&draw::hbars(shown, style), title, &desc, style.text))
        .flatten();
    chart("bars", title, svgs.into_iter().collect(), table)
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
    let table = DataTable {
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
                    format::figure(p.done, lang),
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
    let svgs = (!shown.is_empty())
        .then(|| accessible(&draw::stacked(&shown, style), title, &desc, style.text))
        .flatten();
    let mut c = chart("completion", title, svgs.into_iter().collect(), table);
    c.legend = vec![
        LegendKey {
            swatch: "done",
            label: lang.text("chart_completed").to_string(),
        },
        LegendKey {
            swatch: "open",
            label: lang.text("chart_open").to_string(),
        },
    ];
    c
}

/// A rate over time (completion rate), 0–100%, drawn in the `frame` of the page's progress
/// chart when it has one ([`Chart::frame`]): the page defines the frame once for both.
pub fn rate_over_time(
    title: &str,
    points: &[(Date, Figure, Figure)],
    phases: &[Span],
    frame: Option<&Frame>,
    style: &Style,
) -> Chart {
    let points: Vec<(Date, f64)> = points
        .iter()
        .filter(|(_, _, total)| total.value > 0)
        .map(|(d, done, total)| (*d, done.value as f64 / total.value as f64 * 100.0))
        .collect();
    let table = DataTable {
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
    let svgs = (!points.is_empty())
        .then(|| {
            accessible(
                &draw::rate_line(&points, phases, frame, style),
                title,
                &desc,
                style.text,
            )
        })
        .flatten();
    let mut c = chart("rate", title, svgs.into_iter().collect(), table);
    c.legend = phase_legend(phases);
    c
}

/// The phases as a timeline with a marker at the latest report date. Most localities last
/// reported on one of a few dates, so the whole chart is drawn once per date and reused.
pub fn timeline(title: &str, phases: &[Span], latest: Option<Date>, style: &Style) -> Chart {
    let lang = style.lang;
    let table = DataTable {
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
    let key = format!(
        "timeline|{title}|{latest:?}|{:?}|{}",
        style.lang,
        draw::phases_key(phases)
    );
    let svg = style.cache.get_or_draw(key, || {
        let mut desc = phases
            .iter()
            .map(|p| format!("{} {} – {}", p.name, p.start, p.end))
            .collect::<Vec<_>>()
            .join("; ");
        if let Some(d) = latest {
            let _ = write!(desc, "; {} {d}", lang.text("latest_report"));
        }
        (!phases.is_empty())
            .then(|| {
                accessible(
                    &draw::timeline(phases, latest, style),
                    title,
                    &desc,
                    style.text,
                )
            })
            .flatten()
            .unwrap_or_default()
    });
    let svgs = (!svg.is_empty()).then(|| svg.to_string());
    chart("timeline", title, svgs.into_iter().collect(), table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: i8, day: i8) -> Date {
        Date::new(2014, m, day).unwrap()
    }

    #[test]
    fn charts_are_accessible_svg_with_their_numbers() {
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
        let phases = [Span {
            name: "学习教育".into(),
            start: d(2, 1),
            end: d(5, 31),
        }];
        let c = progress(
            "工作进展",
            &[s],
            &phases,
            &Style::new(TextLang::new(Language::ZhCn, "")),
        );
        assert_eq!(c.svgs.len(), 1);
        let svg = &c.svgs[0];
        assert!(
            svg.starts_with("<svg role=\"img\" viewBox=\"0 0 400 210\">"),
            "{}",
            &svg[..200]
        );
        assert!(svg.contains("<title>征求意见建议（条）</title>"));
        assert!(
            svg.contains("<desc>征求意见建议: 2014-04-01 9,000条 → 2014-09-10 13,000余条</desc>")
        );
        assert!(!svg.contains(" id=\""));
        let table = c.table.as_ref().unwrap();
        assert_eq!(table.rows[1], ["2014-09-10", "13,000余"]);
        assert_eq!(c.legend[0].label, "1 学习教育");
        assert_eq!(c.legend[0].swatch, "band-0");
    }

    #[test]
    fn small_multiples_are_one_image_per_metric_sharing_one_frame() {
        let series = |name: &str| TimeSeries {
            name: name.into(),
            unit: String::new(),
            points: vec![(d(4, 1), Figure::exact(5)), (d(9, 10), Figure::exact(9))],
        };
        let c = progress(
            "工作进展",
            &[series("甲"), series("乙"), series("丙")],
            &[],
            &Style::new(TextLang::new(Language::ZhCn, "")),
        );
        assert_eq!(c.svgs.len(), 3);
        assert!(c.svgs[0].contains("<g id=\"progress-frame\">"));
        for svg in &c.svgs {
            assert!(svg.contains("<use href=\"#progress-frame\"/>"));
        }
        assert!(!c.svgs[1].contains(" id=\""), "the frame is defined once");
    }

    #[test]
    fn the_rate_is_drawn_in_the_progress_panels_frame() {
        let series = |name: &str| TimeSeries {
            name: name.into(),
            unit: String::new(),
            // Labels as wide as `100%` or wider: room for the rate's.
            points: vec![
                (d(4, 1), Figure::exact(500)),
                (d(9, 10), Figure::exact(9000)),
            ],
        };
        let phases = [Span {
            name: "学习教育".into(),
            start: d(2, 1),
            end: d(5, 31),
        }];
        let style = Style::new(TextLang::new(Language::ZhCn, ""));
        let p = progress("工作进展", &[series("甲"), series("乙")], &phases, &style);
        let points = [(d(9, 10), Figure::exact(9), Figure::exact(10))];
        let shared = rate_over_time("完成率", &points, &phases, p.frame.as_ref(), &style);
        let svg = &shared.svgs[0];
        assert!(svg.contains("<use href=\"#progress-frame\"/>"), "{svg}");
        assert!(!svg.contains(" id=\"") && !svg.contains("band-0"), "{svg}");
        // Alone, it draws its own frame.
        let alone = rate_over_time("完成率", &points, &phases, None, &style);
        assert!(alone.svgs[0].contains("band-0") && !alone.svgs[0].contains("<use"));
    }

    #[test]
    fn empty_data_draws_nothing() {
        let c = ranked_bars(
            "各地征求意见",
            "条",
            &[],
            20,
            &Style::new(TextLang::new(Language::ZhCn, "")),
        );
        assert!(c.svgs.is_empty());
        assert!(c.table.is_none());
    }
}
