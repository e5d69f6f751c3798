//! Drawing with plotters: every function takes typed chart data and returns an SVG string.

use super::backend::{Look, Never, Palette, SvgWriter, open_svg, svg_px, text_width};
use super::{Bar, Progress, Span, Style, TimeSeries};
use crate::figure::Figure;
use crate::figure::format;
use crate::i18n::Language;
use jiff::civil::Date;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Area<'a> = DrawingArea<SvgWriter<'a>, Shift>;
type Drawn = Result<(), DrawingAreaErrorKind<Never>>;

/// Okabe–Ito blue and orange: told apart with any colour vision and in greyscale print
/// (they differ in lightness as well as hue).
const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// The latest-report marker's label: vermillion darkened to 6.5:1 on white and 5.6:1 on the
/// phase bands (the marker line keeps the brighter colour, 3.9:1, enough for a graphic).
const MARKER_INK: RGBColor = RGBColor(0x9E, 0x41, 0x00);
const INK: RGBColor = RGBColor(0x1F, 0x23, 0x28);
const MUTED: RGBColor = RGBColor(0x57, 0x60, 0x6A);
const GRID: RGBColor = RGBColor(0xD8, 0xDD, 0xE3);
const BANDS: [RGBColor; 2] = [RGBColor(0xE9, 0xED, 0xF1), RGBColor(0xF6, 0xF7, 0xF9)];
/// A phase not yet reached on the timeline: the blue, paler.
const LATER: RGBColor = RGBColor(0x9D, 0xB4, 0xC8);

const fn rgb(c: RGBColor) -> (u8, u8, u8) {
    (c.0, c.1, c.2)
}

/// The classes the charts are drawn in: the stylesheet (`themes/default/static/style.css`,
/// "Chart paints") gives each the colour here, a test checks that they agree.
pub static PALETTE: Palette = Palette {
    shapes: &[
        (Look::Fill(rgb(BANDS[0])), "band-0"),
        (Look::Fill(rgb(BANDS[1])), "band-1"),
        (Look::Stroke(rgb(MUTED), 1), "axis"),
        (Look::Stroke(rgb(GRID), 1), "grid"),
        (Look::Fill(rgb(BLUE)), "bar"),
        (Look::Fill(rgb(ORANGE)), "open"),
        (Look::Fill(rgb(LATER)), "later"),
        (Look::Stroke(rgb(BLUE), 2), "line"),
        (Look::Dot(rgb(BLUE), POINT), "dot"),
        (Look::Dot(rgb(BLUE), POINT + 1), "ring"),
        (Look::Dot(rgb(WHITE), POINT - 1), "hole"),
        (Look::Stroke(rgb(VERMILLION), 2), "marker"),
    ],
    texts: &[
        ((rgb(MUTED), 13), "tick"),
        ((rgb(INK), 14), "label"),
        ((rgb(INK), 13), "value"),
        ((rgb(MARKER_INK), 13), "marker-label"),
    ],
};

/// The radius of a point of a time panel; an approximate figure's point is hollow, a ring as
/// wide as the line around a white hole.
const POINT: u32 = 3;

/// Every chart (and every panel of small multiples) is drawn this wide. The page lays charts out
/// in as many columns of at least 340 px as fit: one on a phone, two on paper, three on a wide
/// screen. A chart is never shown much narrower than it is drawn, so its smallest text (13 px
/// drawn) stays at 11 px or more on screen.
pub const WIDTH: u32 = 400;
/// plotters font sizes; the SVG gets these divided by 1.24 (14 px and 13 px).
const LABEL: f64 = 17.4;
const SMALL: f64 = 16.2;

fn font(size: f64, color: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", size).into_font()).color(color)
}

/// Runs `f` on a fresh SVG canvas and returns the SVG text.
fn canvas(size: (u32, u32), f: impl FnOnce(&Area) -> Drawn) -> String {
    let mut buf = String::with_capacity(16 * 1024);
    // Drawing into a string cannot fail for I/O; a layout error leaves a partial chart rather
    // than none, and the data table below it stays complete. A panic inside plotters on some
    // unforeseen input must not take the build down: the chart is then left out.
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let root = SvgWriter::new(&mut buf, size, &PALETTE).into_drawing_area();
        let _ = f(&root);
        let _ = root.present();
    }));
    if drawn.is_err() {
        buf.clear();
    }
    buf
}

/// Frames that many charts share — axes, grid lines, phase bands, ticks and captions — drawn
/// once per build and reused. A village's progress panel differs from its neighbour's only in
/// its line; its frame is the same whenever the scale is.
#[derive(Debug, Default)]
pub struct FrameCache {
    frames: Mutex<HashMap<String, Arc<str>>>,
}

impl FrameCache {
    pub fn get_or_draw(&self, key: String, draw: impl FnOnce() -> String) -> Arc<str> {
        if let Some(f) = self
            .frames
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return f.clone();
        }
        let frame: Arc<str> = draw().into();
        self.frames
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, frame.clone());
        frame
    }
}

/// Draws elements (no `<svg>` wrapper) for an area of `size`, to be placed with a translate.
fn fragment(size: (u32, u32), f: impl FnOnce(&Area) -> Drawn) -> String {
    let mut buf = String::with_capacity(4 * 1024);
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let root = SvgWriter::fragment(&mut buf, size, &PALETTE).into_drawing_area();
        let _ = f(&root);
    }));
    if drawn.is_err() {
        buf.clear();
    }
    buf
}

/// A document made of placed fragments: `(x, y, svg elements)`.
fn compose(size: (u32, u32), parts: &[(u32, u32, &str)]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.2.len() + 48).sum::<usize>() + 160);
    open_svg(&mut out, size);
    for (x, y, body) in parts {
        if body.is_empty() {
            continue;
        }
        if *x == 0 && *y == 0 {
            out.push_str(body);
        } else {
            out.push_str(&format!("<g transform=\"translate({x},{y})\">\n"));
            out.push_str(body);
            out.push_str("</g>\n");
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A fingerprint of the phases, for frame keys.
pub fn phases_key(phases: &[Span]) -> String {
    phases
        .iter()
        .map(|p| format!("{}{}{}", p.name, p.start, p.end))
        .collect::<Vec<_>>()
        .join("|")
}

const EPOCH: Date = jiff::civil::date(1970, 1, 1);

fn day(d: Date) -> i32 {
    (d.duration_since(EPOCH).as_secs() / 86_400) as i32
}

fn from_day(n: i32) -> Date {
    EPOCH
        .checked_add(jiff::Span::new().days(n as i64))
        .unwrap_or(EPOCH)
}

/// Month starts inside the x range, labelled `4月` / `Apr` (or `2014-04` across years), thinned
/// so that at most `max` are shown.
fn month_marks(x: (i32, i32), lang: Language, max: usize) -> Vec<(i32, String)> {
    let (lo, hi) = (from_day(x.0), from_day(x.1));
    let one_year = lo.year() == hi.year();
    let mut marks = Vec::new();
    let mut m = jiff::civil::date(lo.year(), lo.month(), 1);
    if m < lo {
        m = m.checked_add(jiff::Span::new().months(1)).unwrap_or(hi);
    }
    while m <= hi {
        let label = match (one_year, lang) {
            (true, Language::En) => [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ][(m.month() - 1) as usize]
                .to_string(),
            (true, _) => format!("{}月", m.month()),
            (false, _) => format!("{}-{:02}", m.year(), m.month()),
        };
        marks.push((day(m), label));
        m = match m.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    let step = marks.len().div_ceil(max.max(1)).max(1);
    marks.into_iter().step_by(step).collect()
}

/// The x range of a time chart: the data and the phases, with a little room on both sides.
fn x_range(dates: &[Date], phases: &[Span]) -> (i32, i32) {
    let mut lo = dates
        .iter()
        .chain(phases.iter().map(|p| &p.start))
        .map(|d| day(*d))
        .min()
        .unwrap_or(0);
    let mut hi = dates
        .iter()
        .chain(phases.iter().map(|p| &p.end))
        .map(|d| day(*d))
        .max()
        .unwrap_or(lo);
    if hi - lo < 30 {
        lo -= 15;
        hi += 15;
    }
    let pad = ((hi - lo) / 40).max(2);
    (lo - pad, hi + pad)
}

/// A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten, with headroom.
fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let target = v * 1.12;
    let p = 10f64.powf(target.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|c| *c >= target)
        .unwrap_or(10.0 * p)
}

/// Room for y labels as wide as `widest`, the axis ticks and a margin.
fn y_label_area(widest: &str) -> u32 {
    (text_width(widest, svg_px(SMALL)).ceil() as u32 + 12).max(30)
}

fn tick(v: f64, lang: Language) -> String {
    format::figure(Figure::exact(v.round() as i64), lang)
}

/// Phase bands and their numbers, drawn before the mesh so grid lines show on top.
fn bands<'a>(
    chart: &mut ChartContext<
        'a,
        SvgWriter<'a>,
        Cartesian2d<plotters::coord::types::RangedCoordi32, plotters::coord::types::RangedCoordf64>,
    >,
    phases: &[Span],
    ymax: f64,
) -> Drawn {
    chart.draw_series(phases.iter().enumerate().map(|(i, p)| {
        Rectangle::new(
            [(day(p.start), 0.0), (day(p.end) + 1, ymax)],
            BANDS[i % 2].filled(),
        )
    }))?;
    // Each band's number at its top left: the latest figure's label sits above the line's
    // right end, at the top right of the last band when the figure is near the top.
    chart.draw_series(phases.iter().enumerate().map(|(i, p)| {
        EmptyElement::at((day(p.start), ymax))
            + Text::new(
                format!("{}", i + 1),
                (4, 2),
                font(SMALL, &MUTED).pos(Pos::new(HPos::Left, VPos::Top)),
            )
    }))?;
    Ok(())
}

/// A point of a time panel: its day, its value, and whether the value is approximate.
type TimePoint = (i32, f64, bool);

type TimeChart<'a> = ChartContext<
    'a,
    SvgWriter<'a>,
    Cartesian2d<plotters::coord::types::RangedCoordi32, plotters::coord::types::RangedCoordf64>,
>;

/// The layout of a time panel; frame and data are drawn on two charts built the same way.
fn time_chart<'a>(
    area: &Area<'a>,
    caption: Option<&str>,
    x: (i32, i32),
    ymax: f64,
    y_area: u32,
) -> Result<TimeChart<'a>, DrawingAreaErrorKind<Never>> {
    let mut builder = ChartBuilder::on(area);
    if let Some(c) = caption {
        builder.caption(c, font(LABEL, &INK));
    }
    builder
        .margin(6)
        .margin_right(22)
        .x_label_area_size(22)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x.0..x.1, 0f64..ymax)
}

/// Axes, grid, phase bands and month ticks of a time panel.
fn time_frame(
    chart: &mut TimeChart,
    phases: &[Span],
    x: (i32, i32),
    ymax: f64,
    percent: bool,
    lang: Language,
) -> Drawn {
    time_frame_x(chart, phases, x, ymax, lang)?;
    time_frame_y(chart, percent, lang)
}

/// The part of a time frame that depends only on the x range: phase bands and their numbers, the
/// x axis and the month marks. Its pixels do not depend on `ymax`.
fn time_frame_x(
    chart: &mut TimeChart,
    phases: &[Span],
    x: (i32, i32),
    ymax: f64,
    lang: Language,
) -> Drawn {
    bands(chart, phases, ymax)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .disable_y_axis()
        .axis_style(MUTED)
        .x_labels(2)
        .x_label_formatter(&|_| String::new())
        .label_style(font(SMALL, &MUTED))
        .draw()?;
    chart.draw_series(month_marks(x, lang, 6).into_iter().map(|(d, label)| {
        EmptyElement::at((d, 0.0))
            + PathElement::new(vec![(0, 0), (0, 4)], MUTED)
            + Text::new(
                label,
                (0, 6),
                font(SMALL, &MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
            )
    }))?;
    Ok(())
}

/// The part of a time frame that depends on the values: grid lines, the y axis and its labels.
fn time_frame_y(chart: &mut TimeChart, percent: bool, lang: Language) -> Drawn {
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_x_axis()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .y_labels(if percent { 5 } else { 4 })
        .y_label_formatter(&|v| {
            if percent {
                format!("{v:.0}%")
            } else {
                tick(*v, lang)
            }
        })
        .label_style(font(SMALL, &MUTED))
        .draw()?;
    Ok(())
}

/// The line, its points (hollow where approximate) and the last value.
fn time_data(chart: &mut TimeChart, pts: &[TimePoint], last_label: String) -> Drawn {
    let at = |p: &TimePoint| (p.0, p.1);
    // A single point has no line to draw.
    if pts.len() > 1 {
        chart.draw_series(LineSeries::new(pts.iter().map(at), BLUE.stroke_width(2)))?;
    }
    chart.draw_series(
        pts.iter()
            .filter(|p| !p.2)
            .map(|p| Circle::new(at(p), POINT, BLUE.filled())),
    )?;
    chart.draw_series(
        pts.iter()
            .filter(|p| p.2)
            .map(|p| Circle::new(at(p), POINT + 1, BLUE.filled())),
    )?;
    chart.draw_series(
        pts.iter()
            .filter(|p| p.2)
            .map(|p| Circle::new(at(p), POINT - 1, WHITE.filled())),
    )?;
    if let Some(p) = pts.last() {
        chart.draw_series(std::iter::once(
            EmptyElement::at((p.0, p.1))
                + Text::new(
                    last_label,
                    (-4, -6),
                    font(SMALL, &INK).pos(Pos::new(HPos::Right, VPos::Bottom)),
                ),
        ))?;
    }
    Ok(())
}

/// The height plotters gives a caption at the top of a chart (see `DrawingArea::titled`).
fn caption_height(caption: Option<&str>) -> u32 {
    match caption {
        Some(_) => {
            let h = svg_px(LABEL).ceil() as u32;
            (h / 2).min(5) * 2 + h
        }
        None => 0,
    }
}

/// One time panel as a (cached frame, data) pair of fragments.
struct TimePanel<'p> {
    caption: Option<String>,
    x: (i32, i32),
    ymax: f64,
    percent: bool,
    phases: &'p [Span],
    /// `phases_key(phases)`, computed once per chart.
    phases_key: &'p str,
    size: (u32, u32),
    /// Width of the y labels' area: the same on every panel of small multiples, whose x frame
    /// is shared.
    y_area: u32,
    /// Room above the plot: the caption's, or as much left empty by a panel without one that is
    /// drawn in the frame of captioned panels ([`Frame`]).
    top: u32,
}

impl TimePanel<'_> {
    /// The caption length-prefixed for frame keys, so that no caption can run into the next
    /// field (and not with `{:?}`, whose escaping of every character showed in profiles).
    fn caption_key(&self) -> String {
        match self.caption.as_deref() {
            Some(c) => format!("{}:{c}", c.len()),
            None => "-".to_string(),
        }
    }

    /// The whole frame (caption, bands, grid, axes, labels), for a panel drawn alone.
    fn frame(&self, style: &Style) -> Arc<str> {
        let key = format!(
            "time|{}|{}|{}|{}|{}|{}|{}|{:?}|{:?}|{}",
            self.top,
            self.y_area,
            self.caption_key(),
            self.x.0,
            self.x.1,
            self.ymax,
            self.percent,
            self.size,
            style.lang,
            self.phases_key
        );
        self.captioned(style, key, |chart| {
            time_frame(
                chart,
                self.phases,
                self.x,
                self.ymax,
                self.percent,
                style.lang,
            )
        })
    }

    /// A frame drawn on the panel's chart with its caption, cached under `key`.
    fn captioned(
        &self,
        style: &Style,
        key: String,
        draw: impl FnOnce(&mut TimeChart) -> Drawn,
    ) -> Arc<str> {
        style.cache.get_or_draw(key, || {
            fragment(self.size, |area| {
                // A caption takes its room itself; without one, the room is left empty.
                let area = match self.caption {
                    Some(_) => area.clone(),
                    None => area.margin(self.top, 0, 0, 0),
                };
                let mut chart = time_chart(
                    &area,
                    self.caption.as_deref(),
                    self.x,
                    self.ymax,
                    self.y_area,
                )?;
                draw(&mut chart)
            })
        })
    }

    /// The frame's x part ([`time_frame_x`]): the same for every panel of a row of small
    /// multiples with captions of one height.
    fn frame_x(&self, style: &Style) -> Arc<str> {
        let top = self.top;
        let key = format!(
            "time-x|{top}|{}|{}|{}|{:?}|{:?}|{}",
            self.y_area, self.x.0, self.x.1, self.size, style.lang, self.phases_key
        );
        style.cache.get_or_draw(key, || {
            fragment(self.size, |area| {
                let below = area.margin(top, 0, 0, 0);
                let mut chart = time_chart(&below, None, self.x, 1.0, self.y_area)?;
                time_frame_x(&mut chart, self.phases, self.x, 1.0, style.lang)
            })
        })
    }

    /// The frame's caption and y part ([`time_frame_y`]).
    fn frame_y(&self, style: &Style) -> Arc<str> {
        let key = format!(
            "time-y|{}|{}|{}|{}|{}|{:?}|{:?}",
            self.top,
            self.y_area,
            self.caption_key(),
            self.ymax,
            self.percent,
            self.size,
            style.lang
        );
        self.captioned(style, key, |chart| {
            time_frame_y(chart, self.percent, style.lang)
        })
    }

    /// The panel's line and points. The caption is part of the frame; the data is laid out below
    /// the same space.
    fn data(&self, pts: &[TimePoint], last_label: String) -> String {
        fragment(self.size, |area| {
            let below = area.margin(self.top, 0, 0, 0);
            let mut chart = time_chart(&below, None, self.x, self.ymax, self.y_area)?;
            time_data(&mut chart, pts, last_label)
        })
    }
}

/// Time panels, one SVG each, that the page lays out in columns. Panels share an x range, so the
/// part of the frame that depends on it alone (bands, x axis, month marks) is defined once, as
/// the group `id` in the first panel's `<defs>`, and every panel `<use>`s it (a `<use>` may point
/// into another inline SVG of the same page): `id` must be unique on the page.
/// (Drawn top to bottom in one function, as plotters' examples are: each step uses the areas
/// and coordinates of the one before. Hence its length.)
pub fn small_multiples(
    series: &[&TimeSeries],
    phases: &[Span],
    style: &Style,
    id: &str,
) -> (Vec<String>, Option<Frame>) {
    let size = (WIDTH, 210);
    let dates: Vec<Date> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    let x = x_range(&dates, phases);
    let pkey = phases_key(phases);
    let top = series
        .iter()
        .map(|s| nice_max(s.points.iter().map(|p| p.1.value).max().unwrap_or(0) as f64))
        .fold(1.0, f64::max);
    let y_area = y_label_area(&tick(top, style.lang));
    let panels: Vec<(TimePanel, Vec<TimePoint>, String)> = series
        .iter()
        .map(|s| {
            let max = s.points.iter().map(|p| p.1.value).max().unwrap_or(0) as f64;
            let caption = Some(s.caption());
            let panel = TimePanel {
                top: caption_height(caption.as_deref()),
                caption,
                x,
                ymax: nice_max(max),
                percent: false,
                phases,
                phases_key: &pkey,
                size,
                y_area,
            };
            let pts = s
                .points
                .iter()
                .map(|(d, f)| (day(*d), f.value as f64, f.approximate))
                .collect();
            let last = s
                .points
                .last()
                .map(|p| format::figure(p.1, style.lang))
                .unwrap_or_default();
            (panel, pts, last)
        })
        .collect();
    if panels.len() < 2 {
        let svgs = panels
            .into_iter()
            .map(|(panel, pts, last)| {
                let (frame, data) = (panel.frame(style), panel.data(&pts, last));
                compose(size, &[(0, 0, &frame), (0, 0, &data)])
            })
            .collect();
        return (svgs, None);
    }
    let x_part = panels[0].0.frame_x(style);
    let frames_y: Vec<Arc<str>> = panels.iter().map(|p| p.0.frame_y(style)).collect();
    let (opening, alike, frames_y) = share_alike(&frames_y, id);
    let mut defs = String::with_capacity(x_part.len() + alike.len() + id.len() + 40);
    defs.push_str("<defs>\n<g id=\"");
    defs.push_str(id);
    defs.push_str("\">\n");
    defs.push_str(&x_part);
    defs.push_str(&opening);
    defs.push_str("</g>\n");
    defs.push_str(&alike);
    defs.push_str("</defs>\n");
    let shared = Frame {
        id: id.to_string(),
        x,
        y_area,
        top: panels[0].0.top,
        size,
        opening,
    };
    let svgs = panels
        .into_iter()
        .zip(frames_y)
        .enumerate()
        .map(|(i, ((panel, pts, last), frame_y))| {
            let frame = format!("<use href=\"#{id}\"/>\n{frame_y}");
            let data = panel.data(&pts, last);
            let mut parts: Vec<(u32, u32, &str)> = Vec::with_capacity(3);
            if i == 0 {
                parts.push((0, 0, &defs));
            }
            parts.push((0, 0, &frame));
            parts.push((0, 0, &data));
            compose(size, &parts)
        })
        .collect();
    (svgs, Some(shared))
}

/// The frame the panels of small multiples share (the group `id`: the x part of their frames
/// and what their y parts open with alike), for another time chart of the page to draw itself
/// in: laid out as they are, below the same room for a caption, it `<use>`s the group as far
/// as its own frame is the same.
#[derive(Debug, Clone)]
pub struct Frame {
    id: String,
    x: (i32, i32),
    y_area: u32,
    top: u32,
    size: (u32, u32),
    /// The y parts' common opening, in the group after the x part.
    opening: String,
}

/// The top-level elements of drawn SVG text, as the writer puts them one to a line: a `<g>`
/// with what it holds, a run of `<path>`s (the grid and the axis of a scale), or one element.
fn elements(svg: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = svg;
    while !rest.is_empty() {
        let line_end = |s: &str| s.find('\n').map_or(s.len(), |i| i + 1);
        let mut end = line_end(rest);
        if rest.starts_with("<g") && !rest[..end].trim_end().ends_with("/>") {
            let mut depth = 0usize;
            let mut at = 0;
            while at < rest.len() {
                let line = &rest[at..at + line_end(&rest[at..])];
                if line.starts_with("<g") && !line.trim_end().ends_with("/>") {
                    depth += 1;
                } else if line.starts_with("</g>") {
                    depth = depth.saturating_sub(1);
                }
                at += line.len();
                if depth == 0 {
                    break;
                }
            }
            end = at;
        } else if rest.starts_with("<path") {
            while rest[end..].starts_with("<path") {
                end += line_end(&rest[end..]);
            }
        }
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// What two or more panels' frames draw alike (the grid and axis of a scale that several
/// metrics share, their labels when the scale is the same) is defined once, `<defs>` content
/// named `{id}-1`, `{id}-2`…, and each panel draws it with `<use>`. Gives what every frame opens
/// with alike (for the frame all panels use), the definitions, and each frame's rest with its
/// uses.
fn share_alike(frames: &[Arc<str>], id: &str) -> (String, String, Vec<String>) {
    /// An element shorter than this costs less than its `<use>`.
    const WORTH: usize = 48;
    let mut parts: Vec<Vec<&str>> = frames.iter().map(|f| elements(f)).collect();
    let opens_all = |k: usize| {
        parts[0]
            .get(k)
            .is_some_and(|e| parts.iter().all(|p| p.get(k) == Some(e)))
    };
    let mut common = 0;
    while opens_all(common) {
        common += 1;
    }
    let opening = parts[0][..common].concat();
    for p in &mut parts {
        p.drain(..common);
    }
    let mut names: Vec<(&str, usize)> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        for e in p {
            if e.len() < WORTH || names.iter().any(|(n, _)| n == e) {
                continue;
            }
            if parts[i + 1..].iter().any(|later| later.contains(e)) {
                names.push((e, names.len() + 1));
            }
        }
    }
    let mut defs = String::new();
    for (e, k) in &names {
        let name = format!(" id=\"{id}-{k}\"");
        match e.split_once(['>', ' ']) {
            // One element (a `<g>` block or a single path): the id on it.
            Some((tag, _)) if tag.starts_with("<g") || e.matches('\n').count() == 1 => {
                defs.push_str(tag);
                defs.push_str(&name);
                defs.push_str(&e[tag.len()..]);
            }
            _ => {
                defs.push_str("<g");
                defs.push_str(&name);
                defs.push_str(">\n");
                defs.push_str(e);
                defs.push_str("</g>\n");
            }
        }
    }
    let frames = parts
        .iter()
        .map(|p| {
            let mut out = String::new();
            for e in p {
                match names.iter().find(|(n, _)| n == e) {
                    Some((_, k)) => out.push_str(&format!("<use href=\"#{id}-{k}\"/>\n")),
                    None => out.push_str(e),
                }
            }
            out
        })
        .collect();
    (opening, defs, frames)
}

/// A rate over time, 0–100%: in the progress panels' `frame` when the page has one that fits
/// (the same x range and room for labels), so that it draws only its labels and line; else in
/// a frame of its own.
pub fn rate_line(
    points: &[(Date, f64)],
    phases: &[Span],
    frame: Option<&Frame>,
    style: &Style,
) -> String {
    let dates: Vec<Date> = points.iter().map(|p| p.0).collect();
    let own_area = y_label_area("100%");
    let shared = frame.filter(|f| {
        f.y_area >= own_area && dates.iter().all(|&d| (f.x.0..=f.x.1).contains(&day(d)))
    });
    let pkey = phases_key(phases);
    let panel = TimePanel {
        caption: None,
        x: shared.map_or_else(|| x_range(&dates, phases), |f| f.x),
        ymax: 100.0,
        percent: true,
        phases,
        phases_key: &pkey,
        size: shared.map_or((WIDTH, 220), |f| f.size),
        y_area: shared.map_or(own_area, |f| f.y_area),
        top: shared.map_or(0, |f| f.top),
    };
    let pts: Vec<TimePoint> = points.iter().map(|(d, r)| (day(*d), *r, false)).collect();
    let last = points
        .last()
        .map(|(_, r)| format!("{r:.1}%"))
        .unwrap_or_default();
    let data = panel.data(&pts, last);
    let Some(f) = shared else {
        let frame = panel.frame(style);
        return compose(panel.size, &[(0, 0, &frame), (0, 0, &data)]);
    };
    // The x part is the panels' own (the same drawing, cached under the same key); the y part
    // is the group's as far as it opens alike.
    let frame_y = panel.frame_y(style);
    let frame = match frame_y.strip_prefix(f.opening.as_str()) {
        Some(rest) => format!("<use href=\"#{}\"/>\n{rest}", f.id),
        None => format!("{}{frame_y}", panel.frame_x(style)),
    };
    let svg = compose(panel.size, &[(0, 0, &frame), (0, 0, &data)]);
    // Shown without the empty room for a caption above the plot.
    let (w, h) = panel.size;
    let opening = format!("<svg viewBox=\"0 0 {w} {h}\">");
    match svg.strip_prefix(opening.as_str()) {
        Some(rest) => format!("<svg viewBox=\"0 {} {w} {}\">{rest}", f.top, h - f.top),
        None => svg,
    }
}

type ColumnChart<'a> = ChartContext<
    'a,
    SvgWriter<'a>,
    Cartesian2d<
        plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordi32>,
        plotters::coord::types::RangedCoordf64,
    >,
>;

fn column_chart<'a>(
    area: &Area<'a>,
    n: i32,
    ymax: f64,
    y_area: u32,
) -> Result<ColumnChart<'a>, DrawingAreaErrorKind<Never>> {
    ChartBuilder::on(area)
        .margin(8)
        .margin_right(16)
        .margin_top(18)
        .x_label_area_size(22)
        .y_label_area_size(y_area)
        // A discrete range holds both its ends: 0..n - 1 is n columns.
        .build_cartesian_2d((0..(n - 1).max(0)).into_segmented(), 0f64..ymax)
}

/// One series as columns over its report dates, with the values above them.
/// (Drawn top to bottom in one function, as plotters' examples are: each step uses the areas
/// and coordinates of the one before. Hence its length.)
pub fn columns(series: &TimeSeries, style: &Style) -> String {
    let n = series.points.len() as i32;
    let ymax = nice_max(series.points.iter().map(|p| p.1.value).max().unwrap_or(0) as f64);
    let lang = style.lang;
    // Past a handful of columns, label only some dates and only the last value, so that no two
    // labels overlap; the table under the chart has every figure.
    let label_every = (n as usize).div_ceil(6).max(1);
    let value_labels = n <= 8;
    let y_area = y_label_area(&tick(ymax, lang));
    let plot_w = WIDTH as f64 - 24.0 - y_area as f64;
    let gap = ((plot_w / n.max(1) as f64) * 0.18).clamp(1.0, 14.0) as u32;
    let dates: Vec<String> = series.points.iter().map(|p| p.0.to_string()).collect();
    // The axes depend on the dates and the scale only, which many localities share.
    let key = format!("columns|{ymax}|{:?}|{}", lang, dates.join(","));
    let frame = style.cache.get_or_draw(key, || {
        fragment((WIDTH, 240), |root| {
            let mut chart = column_chart(root, n, ymax, y_area)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID)
                .axis_style(MUTED)
                .y_labels(4)
                .x_labels(n as usize)
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(i)
                        if (*i as usize).is_multiple_of(label_every) || *i == n - 1 =>
                    {
                        series
                            .points
                            .get(*i as usize)
                            .map(|p| {
                                if n > 2 {
                                    format!("{:02}-{:02}", p.0.month(), p.0.day())
                                } else {
                                    p.0.to_string()
                                }
                            })
                            .unwrap_or_default()
                    }
                    _ => String::new(),
                })
                .y_label_formatter(&|v| tick(*v, lang))
                .label_style(font(SMALL, &MUTED))
                .draw()
        })
    });
    let data = fragment((WIDTH, 240), |root| {
        let mut chart = column_chart(root, n, ymax, y_area)?;
        chart.draw_series(series.points.iter().enumerate().map(|(i, (_, f))| {
            let i = i as i32;
            let mut r = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), f.value as f64),
                ],
                BLUE.filled(),
            );
            r.set_margin(0, 0, gap, gap);
            r
        }))?;
        chart.draw_series(
            series
                .points
                .iter()
                .enumerate()
                .filter(|(i, _)| value_labels || *i as i32 == n - 1)
                .map(|(i, (_, f))| {
                    let anchor = if n > 1 && i as i32 == n - 1 && !value_labels {
                        HPos::Right
                    } else {
                        HPos::Center
                    };
                    EmptyElement::at((SegmentValue::CenterOf(i as i32), f.value as f64))
                        + Text::new(
                            format::figure(*f, lang),
                            (0, -4),
                            font(SMALL, &INK).pos(Pos::new(anchor, VPos::Bottom)),
                        )
                }),
        )?;
        Ok(())
    });
    compose((WIDTH, 240), &[(0, 0, &frame), (0, 0, &data)])
}

/// Height of a horizontal bar chart with `n` bars: 30 px a row, so that one or two bars are as
/// thick as in a longer chart.
fn bars_height(n: usize) -> u32 {
    (n as u32) * 30 + 38
}

fn label_area(labels: impl Iterator<Item = usize>) -> u32 {
    (labels.max().unwrap_or(2) as f64 * svg_px(LABEL)).ceil() as u32 + 14
}

type BarChart<'a> = ChartContext<
    'a,
    SvgWriter<'a>,
    Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordi32>,
    >,
>;

/// A horizontal bar chart's axes: one row per label, the first label at the top.
fn bar_chart<'a>(
    area: &Area<'a>,
    labels: &[&str],
    xmax: f64,
    label_w: u32,
    top: u32,
    lang: Language,
) -> Result<BarChart<'a>, DrawingAreaErrorKind<Never>> {
    let n = labels.len() as i32;
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .margin_top(top)
        .margin_right(20)
        .x_label_area_size(22)
        .y_label_area_size(label_w)
        .build_cartesian_2d(0f64..xmax, (0..n).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .x_labels(4)
        .y_labels(n as usize)
        .x_label_formatter(&|v| tick(*v, lang))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => labels
                .get((n - 1 - *i) as usize)
                .map(|l| l.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .label_style(font(LABEL, &INK))
        .draw()?;
    Ok(chart)
}

pub fn hbars(bars: &[&Bar], style: &Style) -> String {
    let n = bars.len() as i32;
    let lang = style.lang;
    let max = bars.iter().map(|b| b.value.value).max().unwrap_or(0) as f64;
    let xmax = nice_max(max * 1.18);
    let label_w = bars
        .iter()
        .map(|b| text_width(&b.label, svg_px(LABEL)).ceil() as u32 + 14)
        .max()
        .unwrap_or(40);
    canvas((WIDTH, bars_height(bars.len())), |root| {
        let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
        let mut chart = bar_chart(root, &labels, xmax, label_w, 8, lang)?;
        chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let y = n - 1 - i as i32;
            let mut r = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(y)),
                    (b.value.value as f64, SegmentValue::Exact(y + 1)),
                ],
                BLUE.filled(),
            );
            r.set_margin(5, 5, 0, 0);
            r
        }))?;
        chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            EmptyElement::at((
                b.value.value as f64,
                SegmentValue::CenterOf(n - 1 - i as i32),
            )) + Text::new(
                format::figure(b.value, lang),
                (5, 0),
                font(SMALL, &INK).pos(Pos::new(HPos::Left, VPos::Center)),
            )
        }))?;
        Ok(())
    })
}

pub fn stacked(items: &[&Progress], style: &Style) -> String {
    let n = items.len() as i32;
    let lang = style.lang;
    let xmax = items
        .iter()
        .map(|p| p.total.value.max(p.done.value))
        .max()
        .unwrap_or(1)
        .max(1) as f64
        * 1.22;
    let label_w = label_area(
        items
            .iter()
            .map(|p| (text_width(&p.label, 1.0)).ceil() as usize),
    );
    canvas((WIDTH, bars_height(items.len())), |root| {
        let labels: Vec<&str> = items.iter().map(|p| p.label.as_str()).collect();
        let mut chart = bar_chart(root, &labels, xmax, label_w, 0, lang)?;
        for (i, p) in items.iter().enumerate() {
            let y = n - 1 - i as i32;
            let done = p.done.value.min(p.total.value) as f64;
            let total = p.total.value as f64;
            let mut a = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(y)),
                    (done, SegmentValue::Exact(y + 1)),
                ],
                BLUE.filled(),
            );
            a.set_margin(5, 5, 0, 0);
            let mut b = Rectangle::new(
                [
                    (done, SegmentValue::Exact(y)),
                    (total, SegmentValue::Exact(y + 1)),
                ],
                ORANGE.filled(),
            );
            b.set_margin(5, 5, 0, 0);
            chart.draw_series([a, b])?;
            let rate = format::rate(p.done.value, p.total.value).unwrap_or_default();
            chart.draw_series(std::iter::once(
                EmptyElement::at((total, SegmentValue::CenterOf(y)))
                    + Text::new(
                        rate,
                        (5, 0),
                        font(SMALL, &INK).pos(Pos::new(HPos::Left, VPos::Center)),
                    ),
            ))?;
        }
        Ok(())
    })
}

/// The phases as bars on a time axis, with a marker at the latest report date.
/// (Drawn top to bottom in one function, as plotters' examples are: each step uses the areas
/// and coordinates of the one before. Hence its length.)
pub fn timeline(phases: &[Span], latest: Option<Date>, style: &Style) -> String {
    let n = phases.len() as i32;
    let dates: Vec<Date> = latest.into_iter().collect();
    let x = x_range(&dates, phases);
    let label_w = phases
        .iter()
        .map(|p| text_width(&p.name, svg_px(LABEL)).ceil() as u32 + 14)
        .max()
        .unwrap_or(40);
    let lang = style.lang;
    canvas((WIDTH, (n as u32) * 34 + 64), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .margin_top(26)
            .margin_right(20)
            .x_label_area_size(22)
            .y_label_area_size(label_w)
            .build_cartesian_2d(x.0..x.1, (0..n).into_segmented())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(MUTED)
            .x_labels(2)
            .x_label_formatter(&|_| String::new())
            .y_labels(n as usize)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => phases
                    .get((n - 1 - *i) as usize)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .label_style(font(LABEL, &INK))
            .draw()?;
        // The same tick as a time frame's (`time_frame_x`) on a segmented y axis: the marks are
        // shared (`month_marks`); the element is written out twice because plotters' composed
        // element types differ with the coordinate type and do not name well in a helper.
        chart.draw_series(month_marks(x, lang, 5).into_iter().map(|(d, label)| {
            EmptyElement::at((d, SegmentValue::Exact(0)))
                + PathElement::new(vec![(0, 0), (0, 4)], MUTED)
                + Text::new(
                    label,
                    (0, 6),
                    font(SMALL, &MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
                )
        }))?;
        chart.draw_series(phases.iter().enumerate().map(|(i, p)| {
            let y = n - 1 - i as i32;
            let color = if latest.is_some_and(|d| d >= p.start) {
                BLUE
            } else {
                LATER
            };
            let mut r = Rectangle::new(
                [
                    (day(p.start), SegmentValue::Exact(y)),
                    (day(p.end) + 1, SegmentValue::Exact(y + 1)),
                ],
                color.filled(),
            );
            r.set_margin(6, 6, 0, 0);
            r
        }))?;
        if let Some(d) = latest {
            let top = SegmentValue::Exact(n);
            let bottom = SegmentValue::Exact(0);
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(day(d), bottom), (day(d), top.clone())],
                VERMILLION.stroke_width(2),
            )))?;
            let label = format!("{} {d}", lang.text("latest_report"));
            // Keep the label inside the canvas: it hangs left of a marker in the right half.
            let anchor = if day(d) > (x.0 + x.1) / 2 {
                HPos::Right
            } else {
                HPos::Left
            };
            chart.draw_series(std::iter::once(
                EmptyElement::at((day(d), top))
                    + Text::new(
                        label,
                        (0, -6),
                        font(SMALL, &MARKER_INK).pos(Pos::new(anchor, VPos::Bottom)),
                    ),
            ))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data drawn below the caption's space lands where it would with the caption drawn.
    #[test]
    fn caption_space_matches_plotters_layout() {
        let pts = [
            (day(jiff::civil::date(2014, 4, 1)), 10.0, false),
            (day(jiff::civil::date(2014, 9, 1)), 40.0, true),
        ];
        let x = (
            day(jiff::civil::date(2014, 2, 1)),
            day(jiff::civil::date(2014, 10, 1)),
        );
        let with_caption = fragment((360, 190), |area| {
            let mut chart = time_chart(area, Some("征求意见建议（条）"), x, 50.0, 40)?;
            time_data(&mut chart, &pts, "40".into())
        });
        let below = fragment((360, 190), |area| {
            let area = area.margin(caption_height(Some("征求意见建议（条）")), 0, 0, 0);
            let mut chart = time_chart(&area, None, x, 50.0, 40)?;
            time_data(&mut chart, &pts, "40".into())
        });
        let line = |svg: &str| {
            svg.lines()
                .find(|l| l.contains("class=\"line\""))
                .map(str::to_string)
        };
        assert!(line(&below).is_some());
        assert_eq!(line(&with_caption), line(&below));
        assert!(
            !below.contains("征求意见"),
            "the caption is drawn once, in the frame"
        );
    }
}
