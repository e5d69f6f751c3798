//! Number, rate and date formatting: the one place that decides how a figure reads on a page.
//!
//! One rule everywhere ([`figure`]): thousands separators and the approximate mark, `2,324,000余`
//! (English `2,324,000+`). Changes carry a sign (`+4,000`, `−3`); rates one decimal (`89.5%`).

use crate::figure::Figure;
use crate::i18n::Language;

fn approx_mark(lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => "余",
        Language::ZhTw => "餘",
        Language::En => "+",
    }
}

/// Thousands separators: 2324000 → `2,324,000`.
pub fn grouped(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The one way a figure reads, on cards, in tables, in charts, on the quality page and in the
/// data files' headers: the whole number with thousands separators, then the approximate mark
/// (`13,000余`, `13,000餘`, `13,000+`). Exact at every size, so a province's sum and its
/// cities' figures can be compared digit by digit, and the same number never reads two ways.
pub fn figure(f: Figure, lang: Language) -> String {
    let mark = if f.approximate { approx_mark(lang) } else { "" };
    format!("{}{mark}", grouped(f.value))
}

/// A change between two reports: `+4,000`, `−3`, or `None` when there is no change to show.
pub fn change(now: Figure, before: Figure) -> Option<String> {
    let diff = now.value - before.value;
    if diff == 0 {
        return None;
    }
    let sign = if diff > 0 { "+" } else { "−" };
    Some(format!("{sign}{}", grouped(diff.abs())))
}

/// A rate as a percentage with one decimal: 51/57 → `89.5%`.
pub fn rate(part: i64, whole: i64) -> Option<String> {
    if whole <= 0 {
        return None;
    }
    let tenths = (part as i128 * 1000 + whole as i128 / 2) / whole as i128;
    Some(format!("{}.{}%", tenths / 10, tenths % 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(value: i64, approximate: bool) -> Figure {
        Figure { value, approximate }
    }

    #[test]
    fn one_format_with_separators_and_the_mark() {
        assert_eq!(figure(f(2_324_000, false), Language::ZhCn), "2,324,000");
        assert_eq!(figure(f(13_000, true), Language::ZhCn), "13,000余");
        assert_eq!(figure(f(13_000, true), Language::ZhTw), "13,000餘");
        assert_eq!(figure(f(13_000, true), Language::En), "13,000+");
        assert_eq!(figure(f(1100, true), Language::ZhCn), "1,100余");
        assert_eq!(figure(f(57, false), Language::ZhCn), "57");
        assert_eq!(
            figure(f(250_000_000_000, false), Language::ZhCn),
            "250,000,000,000"
        );
        assert_eq!(grouped(-1234), "-1,234");
        assert_eq!(grouped(999), "999");
    }

    #[test]
    fn rates_and_changes() {
        assert_eq!(rate(51, 57).as_deref(), Some("89.5%"));
        assert_eq!(rate(3142, 4395).as_deref(), Some("71.5%"));
        assert_eq!(rate(1, 0), None);
        assert_eq!(
            change(f(13_000, true), f(9_000, false)).as_deref(),
            Some("+4,000")
        );
        assert_eq!(change(f(5, false), f(5, false)), None);
    }
}
