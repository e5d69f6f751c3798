//! Figures and dates as offices write them: `1.3万余`, `75.6万`, `20800多`, `2014-09-10`.
//!
//! This module turns the text of one field into a typed value, or says precisely what is wrong
//! with it. It knows nothing about files or lines: the loader places the message.

pub mod format;

use crate::l10n::Msg;
use jiff::civil::Date;
use serde::Serialize;
use std::ops::AddAssign;

/// A reported or summed count. `approximate` is set by 余/多/+ in the source, and carries into sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub value: i64,
    pub approximate: bool,
}

impl Figure {
    pub fn exact(value: i64) -> Self {
        Figure {
            value,
            approximate: false,
        }
    }
}

/// The largest figure (and, negated, the smallest) a locality file may give: 2⁶² − 1, about
/// 4.6 × 10¹⁸, far beyond any count an office keeps, and what the model's 8-byte cells hold.
pub const MAX: i64 = (1 << 62) - 1;

impl AddAssign for Figure {
    fn add_assign(&mut self, rhs: Figure) {
        self.value = self.value.saturating_add(rhs.value);
        self.approximate = self.approximate || rhs.approximate;
    }
}

/// A figure parsed from text, with a note of what had to be normalised on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedFigure {
    pub figure: Figure,
    /// Full-width digits or a full-width point were replaced.
    pub normalised: bool,
}

/// Why a field is not a figure. The message is complete; the loader adds the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureError {
    pub message: Msg,
    pub hint: Msg,
}

impl FigureError {
    /// The error `id`, with its hint `hint`, about `text` as written.
    fn about(id: &'static str, hint: &'static str, text: &str) -> FigureError {
        FigureError {
            message: Msg::new(id).arg("text", text),
            hint: Msg::new(hint),
        }
    }
}

const APPROX_SUFFIXES: &[&str] = &["余", "餘", "多", "以上", "+", "＋"];

/// Parses `1.3万余`, `75.6万`, `2.5亿`, `20,800多`, `１２３`, `57` into a whole count.
pub fn parse_figure(raw: &str) -> Result<ParsedFigure, FigureError> {
    let mut normalised = false;
    let mut text: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                normalised = true;
                char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
            }
            '．' => {
                normalised = true;
                '.'
            }
            _ => c,
        })
        .filter(|c| *c != ',' && *c != '，' && *c != ' ' && *c != '_')
        .collect();
    if text.is_empty() {
        return Err(FigureError::about(
            "figure-empty",
            "figure-empty-hint",
            raw.trim(),
        ));
    }
    let mut approximate = false;
    for suffix in APPROX_SUFFIXES {
        if let Some(stripped) = text.strip_suffix(suffix) {
            text = stripped.to_string();
            approximate = true;
            break;
        }
    }
    let (number, exponent) = if let Some(n) = text.strip_suffix("万").or(text.strip_suffix("萬"))
    {
        (n, 4)
    } else if let Some(n) = text.strip_suffix("亿").or(text.strip_suffix("億")) {
        (n, 8)
    } else {
        (text.as_str(), 0)
    };
    let negative = number.starts_with('-') || number.starts_with('－');
    let digits = number.trim_start_matches(['-', '－']);
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let well_formed = !int_part.is_empty()
        && int_part.bytes().all(|b| b.is_ascii_digit())
        && frac_part.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(FigureError::about(
            "not-a-figure",
            "not-a-figure-hint",
            raw.trim(),
        ));
    }
    let frac = frac_part.trim_end_matches('0');
    if frac.len() > exponent {
        return Err(FigureError::about(
            "not-whole",
            "not-whole-hint",
            raw.trim(),
        ));
    }
    let mantissa: String = format!("{int_part}{frac}");
    let scale = 10i128.pow((exponent - frac.len()) as u32);
    let value = mantissa
        .parse::<i128>()
        .ok()
        .and_then(|m| m.checked_mul(scale))
        .and_then(|v| i64::try_from(v).ok())
        .filter(|v| *v <= MAX)
        .ok_or_else(|| {
            FigureError::about("figure-too-large", "figure-too-large-hint", raw.trim())
        })?;
    let value = if negative { -value } else { value };
    Ok(ParsedFigure {
        figure: Figure { value, approximate },
        normalised,
    })
}

/// A date parsed from text, with a note of whether a Chinese or full-width form was normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedDate {
    pub date: Date,
    pub normalised: bool,
}

/// Parses `2014-09-10`, and with normalisation `2014年9月10日`, `2014/9/10`, `２０１４-０９-１０`.
pub fn parse_date(raw: &str) -> Result<ParsedDate, FigureError> {
    let trimmed = raw.trim();
    let mut normalised = false;
    let mut parts: Vec<String> = vec![String::new()];
    for c in trimmed.chars() {
        match c {
            '0'..='9' => parts.last_mut().unwrap().push(c),
            '０'..='９' => {
                normalised = true;
                parts
                    .last_mut()
                    .unwrap()
                    .push(char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c));
            }
            '-' => parts.push(String::new()),
            '年' | '月' | '/' | '.' | '－' | '／' => {
                normalised = true;
                parts.push(String::new());
            }
            '日' | '号' | '號' => normalised = true,
            _ => {
                return Err(FigureError::about("not-a-date", "not-a-date-hint", trimmed));
            }
        }
    }
    let nums: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != 3 || parts.iter().filter(|p| !p.is_empty()).count() != 3 {
        return Err(FigureError::about("not-a-date", "not-a-date-hint", trimmed));
    }
    let (y, m, d) = (nums[0], nums[1], nums[2]);
    if !(1900..=2200).contains(&y) {
        return Err(FigureError::about(
            "implausible-year",
            "implausible-year-hint",
            trimmed,
        ));
    }
    let date = Date::new(y as i16, m.clamp(0, 99) as i8, d.clamp(0, 99) as i8).map_err(|_| {
        FigureError {
            message: Msg::new("no-such-day").arg("date", format!("{y:04}-{m:02}-{d:02}")),
            hint: Msg::new("no-such-day-hint")
                .arg("month", format!("{y:04}-{m:02}"))
                .arg("day", d),
        }
    })?;
    Ok(ParsedDate {
        date,
        normalised: normalised || parts.iter().any(|p| p.len() == 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(s: &str) -> (i64, bool) {
        let f = parse_figure(s).unwrap().figure;
        (f.value, f.approximate)
    }

    #[test]
    fn chinese_figures() {
        assert_eq!(fig("57"), (57, false));
        assert_eq!(fig("1.3万余"), (13_000, true));
        assert_eq!(fig("75.6万余"), (756_000, true));
        assert_eq!(fig("232.4万"), (2_324_000, false));
        assert_eq!(fig("2.5亿"), (250_000_000, false));
        assert_eq!(fig("20800多"), (20_800, true));
        assert_eq!(fig("12,400"), (12_400, false));
        assert_eq!(fig("1.30万"), (13_000, false));
        assert_eq!(fig("-3"), (-3, false));
    }

    #[test]
    fn fullwidth_digits_are_normalised() {
        let p = parse_figure("１２３").unwrap();
        assert_eq!(p.figure.value, 123);
        assert!(p.normalised);
    }

    #[test]
    fn bad_figures_say_why() {
        assert!(
            parse_figure("")
                .unwrap_err()
                .message
                .to_string()
                .contains("empty")
        );
        assert!(
            parse_figure("十二")
                .unwrap_err()
                .message
                .to_string()
                .contains("not a figure")
        );
        assert!(
            parse_figure("1.5")
                .unwrap_err()
                .message
                .to_string()
                .contains("whole number")
        );
        assert!(
            parse_figure("1.23456万")
                .unwrap_err()
                .message
                .to_string()
                .contains("whole number")
        );
        assert!(
            parse_figure("99999999999亿")
                .unwrap_err()
                .message
                .to_string()
                .contains("too large")
        );
        // The model's cells hold every figure that is accepted, and nothing above.
        assert_eq!(
            parse_figure("4611686018427387903").unwrap().figure.value,
            MAX
        );
        assert_eq!(
            parse_figure("-4611686018427387903").unwrap().figure.value,
            -MAX
        );
        assert!(parse_figure("4611686018427387904").is_err());
    }

    #[test]
    fn dates() {
        let d = parse_date("2014-09-10").unwrap();
        assert_eq!(d.date, Date::new(2014, 9, 10).unwrap());
        assert!(!d.normalised);
        let d = parse_date("2014年4月9日").unwrap();
        assert_eq!(d.date, Date::new(2014, 4, 9).unwrap());
        assert!(d.normalised);
        let e = parse_date("2014-02-30").unwrap_err();
        assert_eq!(e.message.to_string(), "2014-02-30 is not a date");
        assert!(parse_date("next week").is_err());
        assert!(parse_date("2014-09").is_err());
    }
}
