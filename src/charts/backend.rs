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
pub struct SvgWriter<'a> {
    out: &'a mut String,
    size: (u32, u32),
    closed: bool,
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
        }
    }

    /// Elements only, to be placed inside a document by the caller.
    pub fn fragment(out: &'a mut String, size: (u32, u32)) -> Self {
        SvgWriter {
            out,
            size,
            closed: true,
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

    fn points(&mut self, pts: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" points=\"");
        for (i, (x, y)) in pts.into_iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            push_int(self.out, x as i64);
            self.out.push(',');
            push_int(self.out, y as i64);
        }
        self.out.push('"');
    }
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
        c if crate::diagnostics::is_wide(c) => 1.0,
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
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        if color.alpha > 0.0 {
            self.out.push_str("<rect");
            self.attr_int("x", point.0 as i64);
            self.attr_int("y", point.1 as i64);
            self.out.push_str(" width=\"1\" height=\"1\"");
            self.paint(color, true, 1);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        if style.color().alpha > 0.0 {
            self.out.push_str("<line");
            self.attr_int("x1", from.0 as i64);
            self.attr_int("y1", from.1 as i64);
            self.attr_int("x2", to.0 as i64);
            self.attr_int("y2", to.1 as i64);
            self.paint(style.color(), false, style.stroke_width());
            self.out.push_str("/>\n");
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
        if style.color().alpha > 0.0 {
            self.out.push_str("<rect");
            self.attr_int("x", ul.0 as i64);
            self.attr_int("y", ul.1 as i64);
            self.attr_int("width", (br.0 - ul.0) as i64);
            self.attr_int("height", (br.1 - ul.1) as i64);
            self.paint(style.color(), fill, style.stroke_width());
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        if style.color().alpha > 0.0 {
            self.out.push_str("<polyline");
            self.points(path);
            self.paint(style.color(), false, style.stroke_width());
            self.out.push_str("/>\n");
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
        if style.color().alpha > 0.0 {
            self.out.push_str("<circle");
            self.attr_int("cx", center.0 as i64);
            self.attr_int("cy", center.1 as i64);
            self.attr_int("r", radius as i64);
            self.paint(style.color(), fill, style.stroke_width());
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn {
        if style.color().alpha > 0.0 {
            self.out.push_str("<polygon");
            self.points(vert);
            self.paint(style.color(), true, 1);
            self.out.push_str("/>\n");
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
        self.out.push_str("<text");
        self.attr_int("x", pos.0 as i64);
        self.attr_int("y", pos.1 as i64);
        self.out.push_str(match style.anchor().v_pos {
            VPos::Top => " dy=\"0.76em\"",
            VPos::Center => " dy=\"0.35em\"",
            VPos::Bottom => "",
        });
        self.out.push_str(match style.anchor().h_pos {
            HPos::Left => "",
            HPos::Right => " text-anchor=\"end\"",
            HPos::Center => " text-anchor=\"middle\"",
        });
        self.attr_int("font-size", svg_px(style.size()).round() as i64);
        if color.rgb != (0, 0, 0) {
            self.paint(color, true, 1);
        }
        if let FontStyle::Bold = style.style() {
            self.out.push_str(" font-weight=\"bold\"");
        }
        let rotate = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            _ => None,
        };
        if let Some(deg) = rotate {
            self.out.push_str(" transform=\"rotate(");
            push_int(self.out, deg);
            self.out.push(',');
            push_int(self.out, pos.0 as i64);
            self.out.push(',');
            push_int(self.out, pos.1 as i64);
            self.out.push_str(")\"");
        }
        self.out.push('>');
        crate::xml::push_escaped(self.out, text);
        self.out.push_str("</text>\n");
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
            buf.contains("<rect x=\"1\" y=\"2\" width=\"10\" height=\"20\" fill=\"#0072b2\"/>"),
            "{buf}"
        );
        assert!(buf.contains(">A&amp;B &lt;1&gt;</text>"), "{buf}");
        assert!(buf.ends_with("</svg>\n"));
    }
}
