//! The SVG writer plotters draws into: compact SVG, and real text metrics for Chinese labels.
//!
//! plotters' own SVG backend, built without its font features (so the build needs no system
//! fonts), estimates a label's width from its length in bytes: a Chinese label comes out three
//! times too wide and axes are laid out around phantom text. It also spends most of a chart's time
//! formatting attributes. This backend answers width questions from per-character advances close
//! to those of the sans-serif CJK fonts the page's CSS names, and writes each element straight
//! into one string. The font family is set once on the root so the page's CSS can override it.

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

/// An SVG document being drawn.
///
/// Consecutive shapes of one opaque paint (tick marks, grid lines, points) are gathered into a
/// single `<path>`, and consecutive labels set alike into one `<g>` that carries their shared
/// attributes, so an axis is two elements rather than two per tick. Labels interleaved with
/// thin strokes (a tick, its label, the next tick…) are gathered too, the strokes written first:
/// a label is never under a tick or grid line. Anything else is written in drawing order.
pub struct SvgWriter<'a> {
    out: &'a mut String,
    size: (u32, u32),
    closed: bool,
    /// Path data of shapes painted alike, waiting to be written as one `<path>`.
    path: Option<(Paint, String)>,
    /// Labels sharing the attributes in `.0`, waiting to be written after `path`.
    texts: Option<(String, Vec<String>)>,
}

/// How a shape is painted: filled, or stroked at a width.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Paint {
    fill: bool,
    rgb: (u8, u8, u8),
    width: u32,
}

/// Opens an `<svg>` element of the given size; the font family is set once here.
pub fn open_svg(out: &mut String, size: (u32, u32)) {
    out.push_str("<svg width=\"");
    push_int(out, size.0 as i64);
    out.push_str("\" height=\"");
    push_int(out, size.1 as i64);
    out.push_str("\" viewBox=\"0 0 ");
    push_int(out, size.0 as i64);
    out.push(' ');
    push_int(out, size.1 as i64);
    out.push_str("\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\">\n");
}

impl<'a> SvgWriter<'a> {
    /// A whole SVG document.
    pub fn new(out: &'a mut String, size: (u32, u32)) -> Self {
        open_svg(out, size);
        SvgWriter {
            out,
            size,
            closed: false,
            path: None,
            texts: None,
        }
    }

    /// Elements only, to be placed inside a document by the caller.
    pub fn fragment(out: &'a mut String, size: (u32, u32)) -> Self {
        SvgWriter {
            out,
            size,
            closed: true,
            path: None,
            texts: None,
        }
    }

    fn attr_int(&mut self, name: &str, v: i64) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_int(self.out, v);
        self.out.push('"');
    }

    /// `fill="#rrggbb"` or `stroke="#rrggbb" stroke-width="w"`, with opacity when translucent.
    fn paint(&mut self, color: BackendColor, fill: bool, width: u32) {
        if fill {
            self.out.push_str(" fill=\"");
            push_hex(self.out, color.rgb);
            self.out.push('"');
        } else {
            self.out.push_str(" fill=\"none\" stroke=\"");
            push_hex(self.out, color.rgb);
            self.out.push('"');
            if width != 1 {
                self.attr_int("stroke-width", width as i64);
            }
        }
        if color.alpha < 1.0 {
            self.out.push_str(" opacity=\"");
            push_int(self.out, (color.alpha * 100.0).round() as i64);
            self.out.push_str("%\"");
        }
    }

    /// Writes whatever is pending: the shapes, then the labels.
    fn flush(&mut self) {
        if let Some((paint, d)) = self.path.take() {
            self.out.push_str("<path d=\"");
            self.out.push_str(&d);
            self.out.push('"');
            let color = BackendColor {
                alpha: 1.0,
                rgb: paint.rgb,
            };
            self.paint(color, paint.fill, paint.width);
            self.out.push_str("/>\n");
        }
        if let Some((shared, texts)) = self.texts.take() {
            if let [one] = texts.as_slice() {
                // `<text x="…" y="…"` + the shared attributes + the rest.
                let split = one.find('>').unwrap_or(one.len());
                let (head, rest) = one.split_at(split);
                self.out.push_str(head);
                self.out.push_str(&shared);
                self.out.push_str(rest);
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
    fn shape(
        &mut self,
        color: BackendColor,
        fill: bool,
        width: u32,
        segment: impl FnOnce(&mut String),
    ) {
        let paint = Paint {
            fill,
            rgb: color.rgb,
            width: if fill { 1 } else { width },
        };
        if color.alpha < 1.0 {
            self.flush();
            self.out.push_str("<path d=\"");
            segment(self.out);
            self.out.push('"');
            self.paint(color, fill, width);
            self.out.push_str("/>\n");
            return;
        }
        // A fill drawn after labels may cover them: keep the order.
        if fill && self.texts.is_some() {
            self.flush();
        }
        match &mut self.path {
            Some((p, d)) if *p == paint => segment(d),
            _ => {
                self.flush();
                let mut d = String::with_capacity(256);
                segment(&mut d);
                self.path = Some((paint, d));
            }
        }
    }

    /// Adds a label: `shared` are attributes labels set alike have in common, `own` the element.
    fn label(&mut self, shared: String, own: String) {
        match &mut self.texts {
            Some((s, texts)) if *s == shared => texts.push(own),
            _ => {
                if self.texts.is_some() {
                    self.flush();
                }
                self.texts = Some((shared, vec![own]));
            }
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
            self.shape(color, true, 1, |d| {
                rect(d, point, (point.0 + 1, point.1 + 1))
            });
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
            self.shape(color, false, style.stroke_width(), |d| {
                polyline(d, [from, to], false)
            });
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
            self.shape(color, fill, style.stroke_width(), |d| rect(d, ul, br));
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
            self.shape(color, false, style.stroke_width(), |d| {
                polyline(d, path, false)
            });
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let color = style.color();
        if color.alpha > 0.0 {
            self.shape(color, fill, style.stroke_width(), |d| {
                circle(d, center, radius)
            });
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
            self.shape(color, true, 1, |d| polyline(d, vert, true));
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
        // What labels set alike share, and what each has of its own.
        let mut shared = String::with_capacity(64);
        shared.push_str(match style.anchor().h_pos {
            HPos::Left => "",
            HPos::Right => " text-anchor=\"end\"",
            HPos::Center => " text-anchor=\"middle\"",
        });
        shared.push_str(" font-size=\"");
        push_int(&mut shared, svg_px(style.size()).round() as i64);
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
        let mut own = String::with_capacity(64 + text.len());
        own.push_str("<text x=\"");
        push_int(&mut own, pos.0 as i64);
        own.push_str("\" y=\"");
        push_int(&mut own, pos.1 as i64);
        own.push('"');
        own.push_str(match style.anchor().v_pos {
            VPos::Top => " dy=\"0.76em\"",
            VPos::Center => " dy=\"0.35em\"",
            VPos::Bottom => "",
        });
        let rotate = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            _ => None,
        };
        if let Some(deg) = rotate {
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
        f: impl FnOnce(&plotters::prelude::DrawingArea<SvgWriter, plotters::coord::Shift>),
    ) -> String {
        use plotters::prelude::*;
        let mut buf = String::new();
        {
            let root = SvgWriter::fragment(&mut buf, (100, 100)).into_drawing_area();
            f(&root);
        }
        buf
    }

    #[test]
    fn neighbours_painted_alike_become_one_path_in_order() {
        use plotters::prelude::*;
        let grey = RGBColor(0x57, 0x60, 0x6a);
        let blue = RGBColor(0, 0x72, 0xB2);
        let svg = drawn(|area| {
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
                "<path d=\"M10 50V55M20 50V55\" fill=\"none\" stroke=\"#57606a\"/>",
                "<g font-size=\"10\" fill=\"#57606a\">",
                "<text x=\"10\" y=\"57\" dy=\"0.76em\">1</text>",
                "<text x=\"20\" y=\"57\" dy=\"0.76em\">2</text>",
                "</g>",
                "<path d=\"M0 0h5v5h-5Z\" fill=\"#0072b2\"/>",
                "<path d=\"M30 50V55\" fill=\"none\" stroke=\"#57606a\"/>",
            ],
            "{svg}"
        );
    }

    #[test]
    fn translucent_shapes_are_not_merged() {
        use plotters::prelude::*;
        let see_through = RGBColor(0, 0x72, 0xB2).mix(0.5);
        let svg = drawn(|area| {
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
            let root = SvgWriter::new(&mut buf, (100, 50)).into_drawing_area();
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
        assert!(
            buf.starts_with("<svg width=\"100\" height=\"50\" viewBox=\"0 0 100 50\""),
            "{buf}"
        );
        assert!(
            buf.contains("<path d=\"M1 2h10v20h-10Z\" fill=\"#0072b2\"/>"),
            "{buf}"
        );
        assert!(buf.contains(">A&amp;B &lt;1&gt;</text>"), "{buf}");
        assert!(buf.ends_with("</svg>\n"));
    }
}
