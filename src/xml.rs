//! Escaping text for markup written by hand (chart SVG, the Atom feed, chart captions and tables
//! in HTML): one rule, so no writer lets through what another would catch.

/// Appends `text` escaped for XML or HTML content and attribute values: the five special
/// characters become entities, and characters XML 1.0 does not allow (most C0 controls, U+FFFE,
/// U+FFFF) are dropped, so a stray control character in a name cannot break a document.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// `text` escaped as by [`push_escaped`].
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(
            escape("a<b>&\"c\"'\u{1}\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;"
        );
        assert_eq!(escape("泉港\n区"), "泉港\n区");
    }
}
