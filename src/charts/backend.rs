//! The SVG writer plotters draws into: compact SVG, and real text metrics for Chinese labels.
//!
//! plotters' own SVG backend, built without its font features (so the build needs no system
//! fonts), estimates a label's width from its length in bytes: a Chinese label comes out three
//! times too wide and axes are laid out around phantom text. It also spends most of a chart's time
//! formatting attributes. This backend answers width questions from per-character advances close
//! to those of the sans-serif CJK fonts the page's CSS names, and writes each element straight
//! into one string. Paints and text styles of the chart palette ([`Palette`]) are written as a
//! class that the theme's stylesheet colours, not as attributes repeated on every element; the
//! font family is the page's, inherited.

use plotters::prelude::DrawingBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
    FontTransform,
    text_anchor::{HPos, VPos},
};
use std::fmt;

/// Writing into a `String` cannot fail; the type only satisfies plotters' error bound.
#[derive(Debug)]
pub struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("unreachable")
    }
}

impl std::error::Error for Never {}

type Drawn = Result<(), DrawingErrorKind<Never>>;

/// A colour's red, green and blue.
pub type Rgb = (u8, u8, u8);

/// How a shape is painted: filled, stroked at a width, or a filled circle of a radius (a dot).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Look {
    Fill(Rgb),
    Stroke(Rgb, u32),
    Dot(Rgb, u32),
}

/// The paints and text styles that the theme's stylesheet names, each with its class: what is
/// drawn in one of them is written `class="…"`; anything else with its colours. The classes are
/// matched on the element alone (`path.axis`, `:is(g, text).tick` in style.css), because an
/// element drawn through `<use>` is styled by selectors that do not see its ancestors.
#[derive(Debug)]
pub struct Palette {
    pub shapes: &'static [(Look, &'static str)],
    /// A label's colour and pixel size, and its class.
    pub texts: &'static [((Rgb, u32), &'static str)],
}

impl Palette {
    /// No classes: every paint written as attributes.
    #[cfg(test)]
    pub const NONE: Palette = Palette {
        shapes: &[],
        texts: &[],
    };

    fn shape(&self, look: Look) -> Option<&'static str> {
        self.shapes.iter().find(|(l, _)| *l == look).map(|p| p.1)
    }

    fn text(&self, rgb: Rgb, px: u32) -> Option<&'static str> {
        self.texts
            .iter()
            .find(|(t, _)| *t == (rgb, px))
            .map(|p| p.1)
    }
}

/// An SVG document being drawn.
///
/// Consecutive shapes of one opaque paint (tick marks, grid lines, points) are gathered into a
/// single `<path>`, and consecutive labels set alike into one `<g>` that carries their shared
/// attributes, so an axis is two elements rather than two per tick. Labels interleaved with
/// strokes (a tick, its label, the next tick…) are gathered too, the strokes written first: a
/// label is never under a tick or grid line. A fill is written in drawing order.
pub struct SvgWriter<'a> {
    out: &'a mut String,
    size: (u32, u32),
    closed: bool,
    palette: &'static Palette,
    /// Path data of shapes painted alike, waiting to be written as one `<path>`.
    path: Option<(Look, String)>,
    /// Runs of labels, each sharing the attributes in `.0`, waiting to be written after `path`.
    texts: Vec<(String, Vec<String>)>,
}

/// Opens an `<svg>` element of the given size. Its width on the page is the stylesheet's, its
/// proportions the `viewBox`'s; inline in HTML it needs no namespace.
pub fn open_svg(out: &mut String, size: (u32, u32)) {
    out.push_str("<svg viewBox=\"0 0 ");
    push_int(out, size.0 as i64);
    out.push(' ');
    push_int(out, size.1 as i64);
    out.push_str("\">\n");
}

impl<'a> SvgWriter<'a> {
    /// A whole SVG document.
    pub fn new(out: &'a mut String, size: (u32, u32), palette: &'static Palette) -> Self {
        open_svg(out, size);
        SvgWriter {
            out,
            size,
            closed: false,
            palette,
            path: None,
            texts: Vec::new(),
        }
    }

    /// Elements only, to be placed inside a document by the caller.
    pub fn fragment(out: &'a mut String, size: (u32, u32), palette: &'static Palette) -> Self {
        SvgWriter {
            out,
            size,
            closed: true,
            palette,
            path: None,
            texts: Vec::new(),
        }
    }

    /// `class="…"` for a paint of the palette, else `fill="#rrggbb"` or
    /// `fill="none" stroke="#rrggbb" stroke-width="w"`, with opacity when translucent.
    fn paint(&mut self, look: Look, alpha: f64) {
        if alpha >= 1.0
            && let Some(class) = self.palette.shape(look)
        {
            self.out.push_str(" class=\"");
            self.out.push_str(class);
            self.out.push('"');
            return;
        }
        match look {
            Look::Fill(rgb) => {
                self.out.push_str(" fill=\"");
                push_hex(self.out, rgb);
                self.out.push('"');
            }
            Look::Stroke(rgb, width) | Look::Dot(rgb, width) => {
                self.out.push_str(" fill=\"none\" stroke=\"");
                push_hex(self.out, rgb);
                self.out.push('"');
                // A dot is a round-capped point as wide as the circle.
                let width = if let Look::Dot(..) = look {
                    self.out.push_str(" stroke-linecap=\"round\"");
                    2 * width
                } else {
                    width
                };
                if width != 1 {
                    self.out.push_str(" stroke-width=\"");
                    push_int(self.out, width as i64);
                    self.out.push('"');
                }
            }
        }
        if alpha < 1.0 {
            self.out.push_str(" opacity=\"");
            push_int(self.out, (alpha * 100.0).round() as i64);
            self.out.push_str("%\"");
        }
    }

    /// Writes the pending shapes.
    fn flush_path(&mut self) {
        if let Some((look, d)) = self.path.take() {
            self.out.push_str("<path");
            self.paint(look, 1.0);
            self.out.push_str(" d=\"");
            self.out.push_str(&d);
            self.out.push_str("\"/>\n");
        }
    }

    /// Writes whatever is pending: the shapes, then the labels.
    fn flush(&mut self) {
        self.flush_path();
        for (shared, texts) in std::mem::take(&mut self.texts) {
            if let [one] = texts.as_slice() {
                // `<text` + the shared attributes + ` x="…" y="…">…`.
                self.out.push_str("<text");
                self.out.push_str(&shared);
                self.out.push_str(&one["<text".len()..]);
            } else {
                self.out.push_str("<g");
                self.out.push_str(&shared);
                self.out.push_str(">\n");
                for t in &texts {
                    self.out.push_str(t);
                }
                self.out.push_str("</g>\n");
            }
        }
    }

    /// Adds a shape: `segment` writes its path data. Translucent shapes are written on their own
    /// (where two overlapped, one path would paint the overlap once instead of twice).
    fn shape(&mut self, look: Look, alpha: f64, segment: impl FnOnce(&mut String)) {
        if alpha < 1.0 {
            self.flush();
            self.out.push_str("<path");
            self.paint(look, alpha);
            self.out.push_str(" d=\"");
            segment(self.out);
            self.out.push_str("\"/>\n");
            return;
        }
        // A fill drawn after labels may cover them: keep the order. A stroke goes under the
        // labels pending, whatever paints were written since.
        if !matches!(look, Look::Stroke(..)) && !self.texts.is_empty() {
            self.flush();
        }
        match &mut self.path {
            Some((l, d)) if *l == look => segment(d),
            _ => {
                self.flush_path();
                let mut d = String::with_capacity(256);
                segment(&mut d);
                self.path = Some((look, d));
            }
        }
    }

    /// Adds a label: `shared` are attributes labels set alike have in common, `own` the element.
    fn label(&mut self, shared: String, own: String) {
        match self.texts.last_mut() {
            Some((s, texts)) if *s == shared => texts.push(own),
            _ => self.texts.push((shared, vec![own])),
        }
    }
}

impl Drop for SvgWriter<'_> {
    /// A fragment is never presented: what is pending is written when drawing ends.
    fn drop(&mut self) {
        self.flush();
    }
}

/// `M x y`
fn move_to(d: &mut String, (x, y): BackendCoord) {
    d.push('M');
    push_int(d, x as i64);
    d.push(' ');
    push_int(d, y as i64);
}

/// A polyline's path data (`M x y` then `H x`, `V y` or `L x y` per point), closed with `Z`
/// for a polygon.
fn polyline(d: &mut String, pts: impl IntoIterator<Item = BackendCoord>, close: bool) {
    let mut prev: Option<BackendCoord> = None;
    for (x, y) in pts {
        match prev {
            None => move_to(d, (x, y)),
            Some((px, _)) if px == x => {
                d.push('V');
                push_int(d, y as i64);
            }
            Some((_, py)) if py == y => {
                d.push('H');
                push_int(d, x as i64);
            }
            Some(_) => {
                d.push('L');
                push_int(d, x as i64);
                d.push(' ');
                push_int(d, y as i64);
            }
        }
        prev = Some((x, y));
    }
    if close {
        d.push('Z');
    }
}

/// A rectangle's path data.
fn rect(d: &mut String, (x0, y0): BackendCoord, (x1, y1): BackendCoord) {
    move_to(d, (x0, y0));
    d.push('h');
    push_int(d, (x1 - x0) as i64);
    d.push('v');
    push_int(d, (y1 - y0) as i64);
    d.push('h');
    push_int(d, (x0 - x1) as i64);
    d.push('Z');
}

/// A circle's path data: two half-circle arcs.
fn circle(d: &mut String, (cx, cy): BackendCoord, r: u32) {
    let r = r as i64;
    move_to(d, (cx - r as i32, cy));
    for dx in [2 * r, -2 * r] {
        d.push('a');
        push_int(d, r);
        d.push(' ');
        push_int(d, r);
        d.push_str(" 0 1 0");
        if dx >= 0 {
            d.push(' ');
        }
        push_int(d, dx);
        d.push_str(" 0");
    }
    d.push('Z');
}

fn push_int(out: &mut String, v: i64) {
    out.push_str(itoa::Buffer::new().format(v));
}

fn push_hex(out: &mut String, (r, g, b): (u8, u8, u8)) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('#');
    for byte in [r, g, b] {
        out.push(HEX[(byte >> 4) as usize] as char);
        out.push(HEX[(byte & 15) as usize] as char);
    }
}

/// The advance of a character in ems, for a typical sans-serif Latin font with a CJK fallback.
fn advance(c: char) -> f64 {
    match c {
        ' ' => 0.28,
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '|' | '!' | '\'' | '(' | ')' | '[' | ']' => 0.3,
        'f' | 't' | 'r' | '-' | '/' => 0.38,
        '%' => 0.85,
        '0'..='9' | '+' | '$' | '#' => 0.56,
        'm' | 'w' | 'M' | 'W' | '@' => 0.85,
        'A'..='Z' => 0.66,
        c if c.is_ascii() => 0.52,
        // A full em for what takes two terminal cells: CJK and full-width characters.
        c if unicode_width::UnicodeWidthChar::width(c) == Some(2) => 1.0,
        _ => 0.6,
    }
}

/// Width in pixels of `text` set at `px` pixels.
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars().map(advance).sum::<f64>() * px
}

/// The pixel size written for a plotters font size (plotters' sizes run 1.24 times large).
pub fn svg_px(size: f64) -> f64 {
    size / 1.24
}

/// How `color` stroked at `width` (or filled) looks, and its opacity.
fn look(color: BackendColor, fill: bool, width: u32) -> (Look, f64) {
    let look = if fill {
        Look::Fill(color.rgb)
    } else {
        Look::Stroke(color.rgb, width)
    };
    (look, color.alpha)
}

/// A coordinate with at most one decimal: `196.9`, `181`.
fn push_decimal(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    push_int(out, (tenths / 10).abs());
    if tenths % 10 != 0 {
        out.push('.');
        push_int(out, (tenths % 10).abs());
    }
}

impl DrawingBackend for SvgWriter<'_> {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        self.flush();
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        if color.alpha > 0.0 {
            let (look, alpha) = look(color, true, 1);
            self.shape(look, alpha, |d| rect(d, point, (point.0 + 1, point.1 + 1)));
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            let (look, alpha) = look(color, false, style.stroke_width());
            self.shape(look, alpha, |d| polyline(d, [from, to], false));
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            let (look, alpha) = look(color, fill, style.stroke_width());
            self.shape(look, alpha, |d| rect(d, ul, br));
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            let (look, alpha) = look(color, false, style.stroke_width());
            self.shape(look, alpha, |d| polyline(d, path, false));
        }
        Ok(())
    }

    /// A filled circle the palette names is a dot: a round-capped point (`M x yh0`) that its
    /// class strokes as wide as the circle, a tenth of the arcs' bytes.
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        let dot = Look::Dot(color.rgb, radius);
        if fill && color.alpha >= 1.0 && self.palette.shape(dot).is_some() {
            self.shape(dot, 1.0, |d| {
                move_to(d, center);
                d.push_str("h0");
            });
        } else {
            let (look, alpha) = look(color, fill, style.stroke_width());
            self.shape(look, alpha, |d| circle(d, center, radius));
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            let (look, alpha) = look(color, true, 1);
            self.shape(look, alpha, |d| polyline(d, vert, true));
        }
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Drawn {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        let px = svg_px(style.size()).round() as u32;
        let anchor = match style.anchor().h_pos {
            HPos::Left => None,
            HPos::Right => Some(("end", " text-anchor=\"end\"")),
            HPos::Center => Some(("mid", " text-anchor=\"middle\"")),
        };
        // What labels set alike share (their class, or their attributes), and what each has of
        // its own.
        let mut shared = String::with_capacity(64);
        let class = (color.alpha >= 1.0 && !matches!(style.style(), FontStyle::Bold))
            .then(|| self.palette.text(color.rgb, px))
            .flatten();
        if let Some(class) = class {
            shared.push_str(" class=\"");
            shared.push_str(class);
            if let Some((a, _)) = anchor {
                shared.push(' ');
                shared.push_str(a);
            }
            shared.push('"');
        } else {
            shared.push_str(anchor.map_or("", |a| a.1));
            shared.push_str(" font-size=\"");
            push_int(&mut shared, px as i64);
            shared.push('"');
            if color.rgb != (0, 0, 0) {
                shared.push_str(" fill=\"");
                push_hex(&mut shared, color.rgb);
                shared.push('"');
            }
            if color.alpha < 1.0 {
                shared.push_str(" opacity=\"");
                push_int(&mut shared, (color.alpha * 100.0).round() as i64);
                shared.push_str("%\"");
            }
            if let FontStyle::Bold = style.style() {
                shared.push_str(" font-weight=\"bold\"");
            }
        }
        let rotate = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            _ => None,
        };
        // The vertical anchor as a shift of the baseline, in ems of the written size: moved
        // into `y` (to a tenth of a pixel) where the text is upright.
        let shift = match style.anchor().v_pos {
            VPos::Top => Some(("0.76em", 0.76)),
            VPos::Center => Some(("0.35em", 0.35)),
            VPos::Bottom => None,
        };
        let mut own = String::with_capacity(64 + text.len());
        own.push_str("<text x=\"");
        push_int(&mut own, pos.0 as i64);
        own.push_str("\" y=\"");
        match (shift, rotate) {
            (Some((_, em)), None) => push_decimal(&mut own, pos.1 as f64 + em * px as f64),
            _ => push_int(&mut own, pos.1 as i64),
        }
        own.push('"');
        if let Some(deg) = rotate {
            if let Some((dy, _)) = shift {
                own.push_str(" dy=\"");
                own.push_str(dy);
                own.push('"');
            }
            own.push_str(" transform=\"rotate(");
            push_int(&mut own, deg);
            own.push(',');
            push_int(&mut own, pos.0 as i64);
            own.push(',');
            push_int(&mut own, pos.1 as i64);
            own.push_str(")\"");
        }
        own.push('>');
        crate::xml::push_escaped(&mut own, text);
        own.push_str("</text>\n");
        self.label(shared, own);
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        let px = svg_px(style.size());
        Ok((text_width(text, px).ceil() as u32, px.ceil() as u32))
    }

    fn blit_bitmap(&mut self, _pos: BackendCoord, _size: (u32, u32), _src: &[u8]) -> Drawn {
        // Charts never draw bitmaps; an SVG page would have to embed them.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_one_em_per_character_not_three() {
        assert_eq!(text_width("征求意见", 12.0), 48.0);
        assert!(text_width("1.3万余", 12.0) < 12.0 * 4.5);
        assert!(text_width("Opinions", 12.0) < 12.0 * 5.0);
    }

    /// Draws with plotters' primitives into a fragment and returns the SVG text.
    fn drawn(
        palette: &'static Palette,
        f: impl FnOnce(&plotters::prelude::DrawingArea<SvgWriter, plotters::coord::Shift>),
    ) -> String {
        use plotters::prelude::*;
        let mut buf = String::new();
        {
            let root = SvgWriter::fragment(&mut buf, (100, 100), palette).into_drawing_area();
            f(&root);
        }
        buf
    }

    const GREY_RGB: Rgb = (0x57, 0x60, 0x6a);
    const BLUE_RGB: Rgb = (0, 0x72, 0xB2);

    #[test]
    fn neighbours_painted_alike_become_one_path_in_order() {
        use plotters::prelude::*;
        let grey = RGBColor(GREY_RGB.0, GREY_RGB.1, GREY_RGB.2);
        let blue = RGBColor(BLUE_RGB.0, BLUE_RGB.1, BLUE_RGB.2);
        let svg = drawn(&super::Palette::NONE, |area| {
            let tick = |x: i32| PathElement::new([(x, 50), (x, 55)], grey);
            area.draw(&tick(10)).unwrap();
            area.draw(&Text::new(
                "1",
                (10, 57),
                ("sans-serif", 12.4).into_font().color(&grey),
            ))
            .unwrap();
            area.draw(&tick(20)).unwrap();
            area.draw(&Text::new(
                "2",
                (20, 57),
                ("sans-serif", 12.4).into_font().color(&grey),
            ))
            .unwrap();
            // Another paint ends the run; a fill never goes under the labels drawn before it.
            area.draw(&Rectangle::new([(0, 0), (5, 5)], blue.filled()))
                .unwrap();
            area.draw(&tick(30)).unwrap();
        });
        let lines: Vec<&str> = svg.lines().collect();
        assert_eq!(
            lines,
            [
                "<path fill=\"none\" stroke=\"#57606a\" d=\"M10 50V55M20 50V55\"/>",
                "<g font-size=\"10\" fill=\"#57606a\">",
                "<text x=\"10\" y=\"64.6\">1</text>",
                "<text x=\"20\" y=\"64.6\">2</text>",
                "</g>",
                "<path fill=\"#0072b2\" d=\"M0 0h5v5h-5Z\"/>",
                "<path fill=\"none\" stroke=\"#57606a\" d=\"M30 50V55\"/>",
            ],
            "{svg}"
        );
    }

    /// Paints and labels of the palette are written as its classes; a label's vertical anchor
    /// moves its baseline to a tenth of a pixel; a named dot is a round-capped point.
    #[test]
    fn the_palette_is_written_as_classes() {
        use plotters::prelude::*;
        use plotters::style::text_anchor::{HPos, Pos, VPos};
        static PALETTE: super::Palette = super::Palette {
            shapes: &[
                (super::Look::Stroke(GREY_RGB, 1), "axis"),
                (super::Look::Dot(BLUE_RGB, 3), "dot"),
            ],
            texts: &[((GREY_RGB, 13), "tick")],
        };
        let grey = RGBColor(GREY_RGB.0, GREY_RGB.1, GREY_RGB.2);
        let blue = RGBColor(BLUE_RGB.0, BLUE_RGB.1, BLUE_RGB.2);
        let svg = drawn(&PALETTE, |area| {
            area.draw(&PathElement::new([(10, 50), (10, 55)], grey))
                .unwrap();
            let top = ("sans-serif", 16.2)
                .into_font()
                .color(&grey)
                .pos(Pos::new(HPos::Center, VPos::Top));
            area.draw(&Text::new("4月", (10, 57), top)).unwrap();
            area.draw(&Circle::new((20, 30), 3, blue.filled())).unwrap();
            area.draw(&Circle::new((40, 20), 3, blue.filled())).unwrap();
            // Not in the palette: a circle of another radius keeps its arcs and colour.
            area.draw(&Circle::new((60, 20), 5, blue.filled())).unwrap();
        });
        let lines: Vec<&str> = svg.lines().collect();
        assert_eq!(
            lines,
            [
                "<path class=\"axis\" d=\"M10 50V55\"/>",
                "<text class=\"tick mid\" x=\"10\" y=\"66.9\">4月</text>",
                "<path class=\"dot\" d=\"M20 30h0M40 20h0\"/>",
                "<path fill=\"#0072b2\" d=\"M55 20a5 5 0 1 0 10 0a5 5 0 1 0-10 0Z\"/>",
            ],
            "{svg}"
        );
    }

    #[test]
    fn decimals_are_short() {
        let s = |v: f64| {
            let mut out = String::new();
            push_decimal(&mut out, v);
            out
        };
        assert_eq!(s(196.88), "196.9");
        assert_eq!(s(181.0), "181");
        assert_eq!(s(-0.26), "-0.3");
    }

    #[test]
    fn translucent_shapes_are_not_merged() {
        use plotters::prelude::*;
        let see_through = RGBColor(0, 0x72, 0xB2).mix(0.5);
        let svg = drawn(&super::Palette::NONE, |area| {
            area.draw(&Rectangle::new([(0, 0), (10, 10)], see_through.filled()))
                .unwrap();
            area.draw(&Rectangle::new([(5, 5), (15, 15)], see_through.filled()))
                .unwrap();
        });
        assert_eq!(svg.matches("<path").count(), 2, "{svg}");
        assert_eq!(svg.matches("opacity=\"50%\"").count(), 2, "{svg}");
    }

    #[test]
    fn writes_compact_escaped_svg() {
        use plotters::prelude::*;
        let mut buf = String::new();
        {
            let root =
                SvgWriter::new(&mut buf, (100, 50), &super::Palette::NONE).into_drawing_area();
            root.draw(&Rectangle::new(
                [(1, 2), (11, 22)],
                RGBColor(0, 0x72, 0xB2).filled(),
            ))
            .unwrap();
            root.draw(&Text::new(
                "A&B <1>",
                (5, 5),
                ("sans-serif", 12.4).into_font(),
            ))
            .unwrap();
            root.present().unwrap();
        }
        assert!(buf.starts_with("<svg viewBox=\"0 0 100 50\">\n"), "{buf}");
        assert!(
            buf.contains("<path fill=\"#0072b2\" d=\"M1 2h10v20h-10Z\"/>"),
            "{buf}"
        );
        assert!(buf.contains(">A&amp;B &lt;1&gt;</text>"), "{buf}");
        assert!(buf.ends_with("</svg>\n"));
    }
}
