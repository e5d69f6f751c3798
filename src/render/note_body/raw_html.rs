//! Raw HTML written in a note (`<img src="images/整改.jpg">`): its relative `src` and `href` are
//! checked and rewritten as Markdown links are, and an `<img>` without `alt` is reported and
//! given `alt=""`. Not the sanitising: ammonia cleans the whole body afterwards, so what this
//! writes back needs to be equivalent HTML, not safe HTML.
//!
//! The tags are read with html5ever's tokenizer. It is already here (ammonia parses with it),
//! it is the parser that browsers' rules are written for — so a tag counts here exactly when
//! ammonia and a browser see a tag — and it reports the line of each token, which the warnings
//! need. A pattern over the text would misread quotes, entities, `>` inside attribute values
//! and tags inside `<script>`; the tree builder would close and reorder the half-open elements
//! that a Markdown block hands over (`<div>` in one block, `</div>` in another).

use super::{BrokenLink, LinkContext, rewrite};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::{Cell, RefCell};

/// An `<img>` in a note's raw HTML without an `alt` attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageWithoutAlt {
    /// Its `src` as written (empty when it has none).
    pub src: String,
    /// The line of the body its tag starts on (1-based).
    pub line: usize,
}

impl ImageWithoutAlt {
    /// The image as a message names it: its `src`, or `<img>` when it has none.
    pub fn named(&self) -> &str {
        if self.src.is_empty() {
            "<img>"
        } else {
            &self.src
        }
    }
}

/// What reading a note's links found wrong.
#[derive(Debug, Default)]
pub(super) struct Findings {
    pub broken: Vec<BrokenLink>,
    pub without_alt: Vec<ImageWithoutAlt>,
    /// The content paths the links looked up.
    pub targets: Vec<std::path::PathBuf>,
}

/// Checks one piece of raw HTML that starts at `line` of the body, and gives it back with its
/// links rewritten and `alt=""` on each `<img>` that had no `alt`. Comments and doctypes are
/// left out (ammonia would drop them).
pub(super) fn check(html: &str, line: usize, ctx: &LinkContext, found: &mut Findings) -> String {
    let out = RefCell::new(String::with_capacity(html.len() + 16));
    let findings = RefCell::new(std::mem::take(found));
    let sink = Sink {
        ctx,
        first_line: line,
        out: &out,
        found: &findings,
        line_after: Cell::new(1),
        raw_text: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks to stop for a script, so one feed reads everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    *found = findings.into_inner();
    out.into_inner()
}

struct Sink<'a, 'c> {
    ctx: &'a LinkContext<'c>,
    /// The body line the piece starts on.
    first_line: usize,
    out: &'a RefCell<String>,
    found: &'a RefCell<Findings>,
    /// The tokenizer's line just after the last token: where the next tag starts. (It gives the
    /// line a token ends on, and a tag may be written over several lines.)
    line_after: Cell<u64>,
    /// Inside `<script>`, `<style>` and the like, whose text is not HTML-escaped.
    raw_text: Cell<bool>,
}

impl TokenSink for Sink<'_, '_> {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let starts = self.line_after.replace(line);
                return self.tag(&tag, self.body_line(starts));
            }
            Token::CharacterTokens(text) => {
                let mut out = self.out.borrow_mut();
                if self.raw_text.get() {
                    out.push_str(&text);
                } else {
                    escape(&mut out, &text, false);
                }
                self.line_after.set(line);
            }
            Token::CommentToken(_) | Token::DoctypeToken(_) | Token::NullCharacterToken => {
                self.line_after.set(line);
            }
            // A parse error is told in the middle of a tag, not after one.
            Token::ParseError(_) | Token::EOFToken => {}
        }
        TokenSinkResult::Continue
    }
}

impl Sink<'_, '_> {
    fn body_line(&self, piece_line: u64) -> usize {
        self.first_line + usize::try_from(piece_line.saturating_sub(1)).unwrap_or(0)
    }

    /// Writes a tag back, its links rewritten, and tells the tokenizer how to read what follows.
    fn tag(&self, tag: &Tag, line: usize) -> TokenSinkResult<()> {
        let name = &*tag.name;
        let mut out = self.out.borrow_mut();
        if tag.kind == TagKind::EndTag {
            // Inside raw text, only the element's own end tag is a tag.
            self.raw_text.set(false);
            out.push_str("</");
            out.push_str(name);
            out.push('>');
            return TokenSinkResult::Continue;
        }
        // ammonia drops a script or style whole, so its links lead nowhere to check.
        let check_links = !matches!(name, "script" | "style");
        let mut src = None;
        out.push('<');
        out.push_str(name);
        for attr in &tag.attrs {
            let attr_name = &*attr.name.local;
            // The tokenizer keeps `"`, `'` and `<` in a name; no allowed attribute has them.
            if attr_name.contains(['"', '\'', '<']) {
                continue;
            }
            let value = match attr_name {
                "src" | "href" if check_links => {
                    let image = attr_name == "src";
                    if image {
                        src = Some(attr.value.to_string());
                    }
                    self.link(&attr.value, image, line)
                }
                _ => attr.value.to_string(),
            };
            out.push(' ');
            out.push_str(attr_name);
            out.push_str("=\"");
            escape(&mut out, &value, true);
            out.push('"');
        }
        if name == "img" && !tag.attrs.iter().any(|a| &*a.name.local == "alt") {
            out.push_str(" alt=\"\"");
            self.found.borrow_mut().without_alt.push(ImageWithoutAlt {
                src: src.unwrap_or_default(),
                line,
            });
        }
        out.push('>');
        self.read_next(name)
    }

    /// A link target rewritten to its output, or kept as written and reported.
    fn link(&self, url: &str, image: bool, line: usize) -> String {
        let rewritten = rewrite(url, self.ctx, &mut self.found.borrow_mut().targets);
        rewritten.unwrap_or_else(|url| {
            self.found.borrow_mut().broken.push(BrokenLink {
                url: url.clone(),
                line,
                image,
            });
            url
        })
    }

    /// After these start tags the text is not markup until the end tag, as the HTML tree
    /// builder tells its tokenizer (so that `<img>` inside `<script>` is no image).
    fn read_next(&self, name: &str) -> TokenSinkResult<()> {
        let kind = match name {
            "script" => RawKind::ScriptData,
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => RawKind::Rawtext,
            "textarea" | "title" => RawKind::Rcdata,
            "plaintext" => {
                self.raw_text.set(true);
                return TokenSinkResult::Plaintext;
            }
            _ => return TokenSinkResult::Continue,
        };
        // RCDATA has its character references decoded, so it is escaped again.
        self.raw_text.set(kind != RawKind::Rcdata);
        TokenSinkResult::RawData(kind)
    }
}

/// HTML-escapes `text` onto `out`: `&`, `<` and `>` in text; `&` and `"` in an attribute value.
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' if attribute => out.push_str("&quot;"),
            '<' if !attribute => out.push_str("&lt;"),
            '>' if !attribute => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}
