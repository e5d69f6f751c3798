//! Notes: Markdown files with YAML front matter (title, date, source, author, tags).

use super::fields::Doc;
use super::record::{self, Day, Field, Open, Raw, Text};
use super::text::{Seg, parse_yaml, structure_problems};
use crate::diagnostics::Diagnostic;
use crate::l10n::Msg;
use jiff::civil::Date;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use yaml_serde::Value;

/// A note as written, before its Markdown is rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteSource {
    /// The .md file, relative to the content folder.
    pub rel: PathBuf,
    /// The file as messages name it.
    pub file: PathBuf,
    /// Index of the locality the note belongs to; `None` for notes of the whole site.
    pub locality: Option<usize>,
    pub title: String,
    pub date: Date,
    pub source: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    /// The Markdown after the front matter; empty when the content was loaded without bodies
    /// (see [`body_hash`](Self::body_hash)).
    pub body: String,
    /// The plain-text excerpt shown in lists: the summary, or the start of the body.
    pub excerpt: String,
    /// The line of the file the body starts on (after the front matter's closing `---`).
    pub body_line: usize,
    /// A hash of the body: a build that let the body go reads the file again for the note's page
    /// and checks that it is the one that was loaded.
    pub body_hash: u64,
}

/// The hash kept in [`NoteSource::body_hash`].
pub fn body_hash(body: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same in every run.
    let mut h = std::hash::DefaultHasher::new();
    body.hash(&mut h);
    h.finish()
}

/// A note's front matter, as written.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct FrontMatter {
    title: Field<Text>,
    date: Day,
    source: Field<Text>,
    author: Field<Text>,
    tags: Field<Raw>,
    summary: Field<Text>,
}

/// Splits `---\nfront matter\n---\nbody` into (front matter, body); `None` when the text does
/// not start with `---` or the front matter is not closed. The front matter starts on line 2.
pub fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---")?;
    let rest = rest
        .strip_prefix('\n')
        .or_else(|| rest.strip_prefix("\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Some((&rest[..offset], body));
        }
        offset += line.len();
    }
    None
}

/// Parses a note's text. Problems are returned as diagnostics; `None` when the note cannot be used.
pub fn parse(text: &str, rel: PathBuf, display: &Path) -> (Option<NoteSource>, Vec<Diagnostic>) {
    let Some((front, body)) = split_front_matter(text) else {
        return (None, vec![no_front_matter(text, display)]);
    };
    let value = match front_matter_yaml(front, display) {
        Ok(v) => v,
        Err(ds) => return (None, ds),
    };
    let mut doc = Doc::new(front, display);
    doc.line_offset = 1;
    if doc.root_mapping(&value, "front-matter").is_none() {
        return (None, doc.diagnostics);
    }
    let Some(front) = record::read::<FrontMatter>(&value, &[], Open::default(), &mut doc) else {
        return (None, doc.diagnostics);
    };
    let title = front.title.required(&mut doc, "title", &[]);
    let date = front.date.required(
        &mut doc,
        &[],
        Msg::new("note-no-date"),
        Msg::new("note-no-date-hint"),
    );
    let tags = tags(front.tags, &mut doc);
    let summary = front.summary.optional();
    let note = match (title, date) {
        (Some(title), Some(date)) => Some(NoteSource {
            rel,
            file: display.to_path_buf(),
            locality: None,
            title,
            date,
            source: front.source.optional(),
            author: front.author.optional(),
            tags,
            excerpt: match &summary {
                Some(s) => s.clone(),
                None => crate::markdown::excerpt(body, crate::markdown::EXCERPT_CHARS),
            },
            summary,
            body_line: text[..text.len() - body.len()].matches('\n').count() + 1,
            body_hash: body_hash(body),
            body: body.to_string(),
        }),
        _ => None,
    };
    (note, doc.diagnostics)
}

/// The error for a note without a closed front matter.
fn no_front_matter(text: &str, display: &Path) -> Diagnostic {
    let (message, hint) = if text.trim_start().starts_with("---") {
        ("front-matter-unclosed", "front-matter-unclosed-hint")
    } else {
        ("no-front-matter", "no-front-matter-hint")
    };
    Diagnostic::error("no-front-matter", display, Msg::new(message))
        .at(text, 1, 1)
        .with_hint(Msg::new(hint))
}

/// The front matter parsed, or why it cannot be (lines counted in the note, whose line 1 is
/// the opening `---`).
fn front_matter_yaml(front: &str, display: &Path) -> Result<Value, Vec<Diagnostic>> {
    let below_opening = |mut d: Diagnostic| {
        d.line = d.line.map(|l| l + 1);
        d
    };
    let structural = structure_problems(front, display);
    if !structural.is_empty() {
        return Err(structural.into_iter().map(below_opening).collect());
    }
    parse_yaml(front, display).map_err(|d| vec![below_opening(d)])
}

/// The tags, each once: a list, or a clerk's list in one string (`tags: 整改落实，征求意见`).
fn tags(field: Field<Raw>, doc: &mut Doc) -> Vec<String> {
    let Field::Given(Raw(value)) = field else {
        return Vec::new();
    };
    super::fields::word_list(&value).unwrap_or_else(|| {
        doc.error(
            "wrong-type",
            &[Seg::Key("tags")],
            Msg::new("tags-not-a-list"),
            Msg::new("tags-not-a-list-hint"),
        );
        Vec::new()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_front_matter_and_body() {
        let text = "---\ntitle: 现场会\ndate: 2014-03-30\ntags: [会议, 学习教育]\n---\n正文\n";
        let (note, diags) = parse(text, PathBuf::from("a.md"), Path::new("a.md"));
        assert!(diags.is_empty(), "{diags:?}");
        let note = note.unwrap();
        assert_eq!(note.title, "现场会");
        assert_eq!(note.tags, ["会议", "学习教育"]);
        assert_eq!(note.body, "正文\n");
    }

    #[test]
    fn missing_front_matter_and_fields_are_errors() {
        let (note, diags) = parse("正文\n", PathBuf::from("a.md"), Path::new("a.md"));
        assert!(note.is_none());
        assert_eq!(diags[0].code, "no-front-matter");
        let (note, diags) = parse(
            "---\ntitle: x\n---\n",
            PathBuf::from("a.md"),
            Path::new("a.md"),
        );
        assert!(note.is_none());
        assert_eq!(diags[0].code, "missing-field");
        let (_, diags) = parse(
            "---\ntitle: x\ndate: 2014-02-30\n---\n",
            PathBuf::from("a.md"),
            Path::new("a.md"),
        );
        assert_eq!((diags[0].code, diags[0].line), ("bad-date", Some(3)));
    }

    #[test]
    fn tags_in_one_string_are_split() {
        let (note, _) = parse(
            "---\ntitle: x\ndate: 2014-03-30\ntags: 会议，督导\n---\n",
            PathBuf::from("a.md"),
            Path::new("a.md"),
        );
        assert_eq!(note.unwrap().tags, ["会议", "督导"]);
    }
}
