//! Han characters: which code points are Han, their Traditional → Simplified fold (shared by the
//! search index, which reads Traditional as Simplified), and which Chinese a text is written in,
//! so that Chinese content on a page of another language is marked with its own `lang`
//! ([`TextLang`]: a screen reader then reads 泉港区 with a Chinese voice on an English page, and a
//! browser picks Chinese fonts and line breaking for it).

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use crate::i18n::Language;

/// Han ideographs: the unified block, Extension A, the compatibility forms and Extensions B–H.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Traditional characters and their Simplified forms, one to one, as zhconv's MediaWiki table
/// converts each character on its own (濟 → 济, 寧 → 宁, 區 → 区). Both sides of a pair are in the
/// Basic Multilingual Plane, so a folded text keeps its length in UTF-16 too (the browser
/// highlights search hits by position in the folded text). Worked out once, in about 3 ms.
pub fn fold_table() -> &'static FxHashMap<char, char> {
    static TABLE: OnceLock<FxHashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = FxHashMap::default();
        let ranges = [0x3400u32..=0x4DBF, 0x4E00..=0x9FFF, 0xF900..=0xFAFF];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let one = zhconv::zhconv(c.encode_utf8(&mut [0; 4]), zhconv::Variant::ZhHans);
            let mut out = one.chars();
            if let (Some(d), None) = (out.next(), out.next())
                && d != c
                && (d as u32) < 0x10000
            {
                table.insert(c, d);
            }
        }
        table
    })
}

/// Simplified forms that differ from a Traditional one and are not themselves Traditional forms
/// of another character (区, 济). Some are written in Traditional text as well (后, 里, 干), which
/// is why a Traditional form anywhere in a text outweighs them ([`written_in`]).
fn simplified_only() -> &'static FxHashSet<char> {
    static SET: OnceLock<FxHashSet<char>> = OnceLock::new();
    SET.get_or_init(|| {
        let table = fold_table();
        table
            .values()
            .copied()
            .filter(|d| !table.contains_key(d))
            .collect()
    })
}

/// A character as the search index holds it: its Simplified form, if it is a Traditional one.
pub fn fold(c: char) -> char {
    fold_table().get(&c).copied().unwrap_or(c)
}

/// The Chinese a text is written in: `None` without a Han character; zh-TW when one of its
/// characters is a Traditional form, else zh-CN when one is a Simplified form, else `otherwise`
/// (characters both scripts share: 山上; 中国 is zh-CN by its 国).
pub fn written_in(text: &str, otherwise: Language) -> Option<Language> {
    let (table, simplified) = (fold_table(), simplified_only());
    let mut found = None;
    for c in text.chars().filter(|&c| is_han(c)) {
        if table.contains_key(&c) {
            return Some(Language::ZhTw);
        }
        if found != Some(Language::ZhCn) {
            found = Some(if simplified.contains(&c) {
                Language::ZhCn
            } else {
                otherwise
            });
        }
    }
    found
}

/// Which `lang` a text of the content needs on a page in the interface language: none on a
/// Chinese page or for a text without Han characters; else the Chinese it is written in, with
/// the site's own script (from its title, phases and metrics) for texts that could be either.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TextLang {
    page: Language,
    chinese: Language,
}

impl TextLang {
    /// `sample` is text of the site's own (its title, phase and metric names).
    pub fn new(page: Language, sample: &str) -> TextLang {
        TextLang {
            page,
            chinese: written_in(sample, Language::ZhCn).unwrap_or(Language::ZhCn),
        }
    }

    /// The page's language (the interface's).
    pub fn page(self) -> Language {
        self.page
    }

    /// Whether Chinese texts are marked at all (the page is not in Chinese).
    pub fn marks(self) -> bool {
        self.page == Language::En
    }

    /// The tag the content's Chinese is marked with on these pages, if it is marked at all
    /// (what a script writing the content into a page uses).
    pub fn content_tag(self) -> Option<&'static str> {
        self.marks().then(|| self.chinese.tag())
    }

    /// The tag to mark `text` with, if it needs one.
    pub fn of(self, text: &str) -> Option<&'static str> {
        if !self.marks() {
            return None;
        }
        written_in(text, self.chinese).map(Language::tag)
    }

    /// ` lang="zh-CN"` (with its leading space) to put in an element's start tag, or nothing.
    pub fn attribute(self, text: &str) -> &'static str {
        match self.of(text) {
            Some("zh-TW") => " lang=\"zh-TW\"",
            Some(_) => " lang=\"zh-CN\"",
            None => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_marked_with_the_chinese_it_is_written_in() {
        assert_eq!(written_in("泉港区", Language::ZhTw), Some(Language::ZhCn));
        assert_eq!(written_in("泉港區", Language::ZhCn), Some(Language::ZhTw));
        assert_eq!(written_in("山上", Language::ZhTw), Some(Language::ZhTw));
        assert_eq!(written_in("里後", Language::ZhCn), Some(Language::ZhTw));
        assert_eq!(written_in("Opinions (cumulative)", Language::ZhCn), None);
        let en = TextLang::new(Language::En, "党的群众路线教育实践活动进展");
        assert_eq!(en.attribute("泉港区"), " lang=\"zh-CN\"");
        assert_eq!(en.attribute("山上"), " lang=\"zh-CN\"");
        assert_eq!(en.attribute("Key figures"), "");
        let tw = TextLang::new(Language::En, "教育實踐活動進展");
        assert_eq!(tw.attribute("山上"), " lang=\"zh-TW\"");
        assert_eq!(tw.attribute("泉港区"), " lang=\"zh-CN\"");
        let zh = TextLang::new(Language::ZhCn, "进展");
        assert_eq!(zh.attribute("泉港區"), "");
    }
}
