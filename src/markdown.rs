//! Markdown as every stage reads it: pulldown-cmark's options (the one place that sets them) and
//! a note as plain text — the excerpt that the load stage keeps for lists, and the text that
//! the search index reads. Below both content and render, so that neither reaches into the other.

use pulldown_cmark::{Event, Options, Parser, TagEnd};
use std::borrow::Borrow;

/// How many characters of a note's text its list excerpt keeps.
pub const EXCERPT_CHARS: usize = 90;

/// pulldown-cmark's options for every note. Smart punctuation stays off: it turns ASCII quotes
/// in Chinese text into curly quotes facing the wrong way.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// A note body's plain text: the text of every paragraph, heading, list item and table cell
/// (with image descriptions), one space between blocks, raw HTML left out. What the search index
/// reads and its snippets show.
pub fn plain_text(body: &str) -> String {
    plain_text_upto(Parser::new_ext(body, options()), body.len(), usize::MAX)
}

/// [`plain_text`] of events, stopping once it has more than `limit` characters and ends in a
/// word (so that it cuts at `limit` as the whole text would); `len` is the body's length in
/// bytes (the text is no longer).
pub fn plain_text_upto<'e, E: Borrow<Event<'e>>>(
    events: impl IntoIterator<Item = E>,
    len: usize,
    limit: usize,
) -> String {
    let mut out = String::with_capacity(len);
    let mut count = 0;
    let space = |out: &mut String, count: &mut usize| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
            *count += 1;
        }
    };
    for event in events {
        match event.borrow() {
            Event::Text(t) | Event::Code(t) => {
                for c in t.chars() {
                    if c.is_whitespace() {
                        space(&mut out, &mut count);
                    } else {
                        out.push(c);
                        count += 1;
                        if count > limit {
                            return out;
                        }
                    }
                }
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => space(&mut out, &mut count),
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Plain text of the first `chars` characters of a note, for lists: its [`plain_text`] cut by
/// [`truncate`], as search snippets are.
pub fn excerpt(body: &str, chars: usize) -> String {
    // Only as much of the body is parsed as the excerpt needs.
    let text = plain_text_upto(Parser::new_ext(body, options()), chars * 4, chars);
    truncate(&text, chars)
}

/// The first `chars` characters of `text`, with `…` when it was cut.
pub fn truncate(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((i, _)) => {
            // Sized exactly: a large site keeps a hundred thousand of these at once.
            let kept = text[..i].trim_end();
            let mut out = String::with_capacity(kept.len() + '…'.len_utf8());
            out.push_str(kept);
            out.push('…');
            out
        }
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_plain_text() {
        assert_eq!(excerpt("## 标题\n\n**一**二三四", 4), "标题 一…");
        assert_eq!(excerpt("## 标题\n\n**一**二三四", 5), "标题 一二…");
        // The same cut as of the whole text, wherever the limit falls.
        let body =
            "# 标题\n\n第一段 text here\n\n- 一\n- 二\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n";
        let whole = plain_text(body);
        for n in 0..whole.chars().count() + 2 {
            assert_eq!(excerpt(body, n), truncate(&whole, n), "limit {n}");
        }
        // Table cells stay apart, as in search snippets.
        assert_eq!(
            excerpt("| 甲 | 乙 |\n|---|---|\n| 1 | 2 |", 20),
            "甲 乙 1 2"
        );
        assert_eq!(excerpt("短", 10), "短");
    }
}
