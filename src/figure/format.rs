//! Number, rate and date formatting: the one place that decides how a figure reads on a page.
//!
//! Cards use 万/亿 in Chinese (232.4万余), tables use thousands separators (2,324,000);
//! English uses separators everywhere and `+` for approximate figures.

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

/// A value divided by 10^exp with at most two decimals, trailing zeros dropped: 2324000/10^4 → `232.4`.
fn scaled(value: i64, exp: u32) -> String {
    let unit = 10i128.pow(exp);
    let hundredths = (value as i128 * 100 + unit / 2) / unit;
    let whole = hundredths / 100;
    let frac = hundredths % 100;
    if frac == 0 {
        grouped(whole as i64)
    } else if frac % 10 == 0 {
        format!("{}.{}", grouped(whole as i64), frac / 10)
    } else {
        format!("{}.{:02}", grouped(whole as i64), frac)
    }
}

/// For key-figure cards: `1.3万余`, `232.4万`, `2.5亿`, `57`; English `13,000+`.
pub fn compact(f: Figure, lang: Language) -> String {
    let mark = if f.approximate { approx_mark(lang) } else { "" };
    let abs = f.value.abs();
    let (wan, yi) = match lang {
        Language::ZhCn => ("万", "亿"),
        Language::ZhTw => ("萬", "億"),
        Language::En => return format!("{}{mark}", grouped(f.value)),
    };
    if abs >= 100_000_000 {
        format!("{}{yi}{mark}", scaled(f.value, 8))
    } else if abs >= 10_000 {
        format!("{}{wan}{mark}", scaled(f.value, 4))
    } else {
        format!("{}{mark}", f.value)
    }
}

/// For tables: `2,324,000`, `13,000余`, English `13,000+`.
pub fn full(f: Figure, lang: Language) -> String {
    let mark = if f.approximate { approx_mark(lang) } else { "" };
    format!("{}{mark}", grouped(f.value))
}

/// A change between two reports: `+1.2万`, `−3`, or `None` when there is no change to show.
pub fn change(now: Figure, before: Figure, lang: Language) -> Option<String> {
    let diff = now.value - before.value;
    if diff == 0 {
        return None;
    }
    let sign = if diff > 0 { "+" } else { "−" };
    let body = compact(
        Figure {
            value: diff.abs(),
            approximate: false,
        },
        lang,
    );
    Some(format!("{sign}{body}"))
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
    fn chinese_cards_use_wan_and_yi() {
        assert_eq!(compact(f(13_000, true), Language::ZhCn), "1.3万余");
        assert_eq!(compact(f(2_324_000, true), Language::ZhCn), "232.4万余");
        assert_eq!(compact(f(756_000, false), Language::ZhCn), "75.6万");
        assert_eq!(compact(f(109_000, false), Language::ZhCn), "10.9万");
        assert_eq!(compact(f(250_000_000, false), Language::ZhCn), "2.5亿");
        assert_eq!(compact(f(4395, false), Language::ZhCn), "4395");
        assert_eq!(compact(f(12_345, false), Language::ZhCn), "1.23万");
        assert_eq!(compact(f(13_000, true), Language::ZhTw), "1.3萬餘");
        assert_eq!(compact(f(13_000, true), Language::En), "13,000+");
    }

    #[test]
    fn tables_use_separators() {
        assert_eq!(full(f(2_324_000, false), Language::ZhCn), "2,324,000");
        assert_eq!(full(f(13_000, true), Language::ZhCn), "13,000余");
        assert_eq!(grouped(-1234), "-1,234");
        assert_eq!(grouped(999), "999");
    }

    #[test]
    fn rates_and_changes() {
        assert_eq!(rate(51, 57).as_deref(), Some("89.5%"));
        assert_eq!(rate(3142, 4395).as_deref(), Some("71.5%"));
        assert_eq!(rate(1, 0), None);
        assert_eq!(
            change(f(13_000, true), f(9_000, false), Language::ZhCn).as_deref(),
            Some("+4000")
        );
        assert_eq!(change(f(5, false), f(5, false), Language::ZhCn), None);
    }
}
