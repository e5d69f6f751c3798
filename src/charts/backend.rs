//! A plotters backend that writes SVG with real text metrics for Chinese labels.
//!
//! plotters' SVG backend, built without its font features (so the build needs no system fonts),
//! estimates a label's width from its length in bytes: a Chinese label comes out three times too
//! wide and axes and legends are laid out around phantom text. This wrapper delegates all drawing
//! to the SVG backend and answers width questions from per-character advance widths close to
//! those of the sans-serif CJK fonts the page's CSS names.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// SVG with CJK-aware text measurement.
pub struct MeteredSvg<'a> {
    inner: SVGBackend<'a>,
}

impl<'a> MeteredSvg<'a> {
    pub fn new(buf: &'a mut String, size: (u32, u32)) -> Self {
        MeteredSvg {
            inner: SVGBackend::with_string(buf, size),
        }
    }
}

/// The advance of a character in ems, for a typical sans-serif Latin font with a CJK fallback.
fn advance(c: char) -> f64 {
    match c {
        ' ' => 0.28,
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '|' | '!' | '\'' | '(' | ')' | '[' | ']' => 0.3,
        'f' | 't' | 'r' | '-' | '/' => 0.38,
        '0'..='9' | '+' | '%' | '$' | '#' => {
            if c == '%' {
                0.85
            } else {
                0.56
            }
        }
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

/// The pixel size the SVG backend writes for a plotters font size.
pub fn svg_px(size: f64) -> f64 {
    size / 1.24
}

impl DrawingBackend for MeteredSvg<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let px = svg_px(style.size());
        Ok((text_width(text, px).ceil() as u32, px.ceil() as u32))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
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
}
