//! Reading the text of content files: encodings, YAML parsing with located errors, and finding
//! the line of a key path in YAML text.
//!
//! Clerks save files from Notepad and WPS on Chinese Windows: a UTF-8 BOM or a GBK file is normal
//! and must be read, not rejected. What cannot be read becomes a diagnostic, never a panic.
//!
//! Why positions are found here by hand ([`locate`]) and not by a span-aware YAML crate: values
//! are parsed by `yaml_serde` (the project's choice), whose `Value` carries no positions, so a
//! crate with spans means a second parse of every file. Measured on the 10k synthetic site (20,001
//! YAML documents, 8 MB; one core): `yaml_serde` to `Value` 325–400 ms, `saphyr-parser` 0.3.4
//! events with markers alone 200–230 ms, `marked-yaml` 0.8.0 (on `yaml-rust2`) nodes 275–320 ms,
//! `yaml-spanned` 0.0.3 (on `libyaml-safer`, no licence given) 420–460 ms. With only the
//! `saphyr-parser` event pass added to the loader (no index of positions built yet), `minqing
//! check` took 0.16 s more CPU (2.09 s against 1.93 s, five runs each) and the build's load stage
//! went from a median of 0.57 s to 0.83 s over nine interleaved runs: past the 10% it may cost.
//! They also answer a different question: a block list item's node starts at its first key, not
//! at the `- ` that messages point at (`saphyr-parser` marks only the first item's dash, as the
//! list's start), and `saphyr-parser` breaks lines at a lone '\r', where every other message
//! counts lines as `str::lines` does. So the finder stays, covered by
//! the fuzz tests (tests/integration/fuzz.rs), which replay the inputs that once made it hang.

use crate::diagnostics::Diagnostic;
use crate::l10n::Msg;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use yaml_serde::Value;

/// Decodes file bytes: UTF-8 (with or without BOM) as is, GB18030/GBK with a warning.
pub fn decode(bytes: &[u8], display: &Path) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(
            Diagnostic::error("binary-file", display, Msg::new("binary-file"))
                .with_hint(Msg::new("binary-file-hint")),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                Err(
                    Diagnostic::error("unknown-encoding", display, Msg::new("unknown-encoding"))
                        .with_hint(Msg::new("unknown-encoding-hint")),
                )
            } else {
                let warning =
                    Diagnostic::warning("gbk-encoding", display, Msg::new("gbk-encoding"))
                        .with_hint(Msg::new("gbk-encoding-hint"));
                Ok((text.into_owned(), Some(warning)))
            }
        }
    }
}

/// Full-width punctuation that clerks' input methods produce where YAML needs ASCII.
/// Each with the id of its hint.
const FULLWIDTH: &[(char, &str)] = &[
    ('：', "fullwidth-colon-hint"),
    ('，', "fullwidth-comma-hint"),
    ('－', "fullwidth-hyphen-hint"),
    ('｛', "fullwidth-brace-open-hint"),
    ('｝', "fullwidth-brace-close-hint"),
    ('［', "fullwidth-bracket-open-hint"),
    ('］', "fullwidth-bracket-close-hint"),
];

/// Finds full-width punctuation and tabs where they break YAML structure, before parsing, so the
/// clerk gets a message about the character rather than the parser's confusion.
///
/// Longer than most: one pass over the lines with the three checks in the order they must win
/// (tab, full-width space, full-width punctuation), each ending the line's checks when it hits.
pub fn structure_problems(text: &str, display: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        if let Some(pos) = line.find('\t')
            && (line[..pos].trim().is_empty() || !line[..pos].contains(':'))
        {
            {
                let col = line[..pos].chars().count() + 1;
                out.push(
                    Diagnostic::error("tab-indent", display, Msg::new("tab-indent"))
                        .at(text, i + 1, col)
                        .with_hint(Msg::new("tab-indent-hint")),
                );
                continue;
            }
        }
        // `　level: 镇`: an ideographic space typed as indentation makes it part of the key.
        let lead = line.trim_start_matches([' ', '-']);
        if lead.starts_with('　') {
            let key = lead.trim_start_matches('　');
            let looks_like_key = key.split_once(':').is_some_and(|(k, v)| {
                !k.is_empty()
                    && !k.contains(char::is_whitespace)
                    && (v.is_empty() || v.starts_with(' '))
            });
            if looks_like_key {
                let col = line[..line.len() - lead.len()].chars().count() + 1;
                out.push(
                    Diagnostic::error("fullwidth-space", display, Msg::new("fullwidth-space"))
                        .at(text, i + 1, col)
                        .with_hint(Msg::new("fullwidth-space-hint")),
                );
                continue;
            }
        }
        // Structure is what comes before the value: the key, list dashes and flow brackets.
        let body = trimmed.trim_start_matches(['-', ' ']);
        let structural_end = body.find(':').map(|p| p + 1).unwrap_or(body.len());
        let structural = &body[..structural_end];
        let in_flow = body.starts_with('{') || body.starts_with('[') || body.starts_with('｛');
        // A flow list or mapping as a key's value: `tags: [会议，督导]`, `tags: ［会议, 督导］`.
        let value = body[structural_end..].trim_start();
        let value_at = body.len() - value.len();
        let flow_value = value.starts_with(['[', '{'])
            || (value.starts_with('［') && value.contains('］'))
            || (value.starts_with('｛') && value.contains('｝'));
        for (c, hint) in FULLWIDTH {
            let hit = if *c == '：' {
                structural
                    .find(*c)
                    .filter(|_| !structural.starts_with(['"', '\'']))
            } else if in_flow || *c == '－' {
                if *c == '－' {
                    trimmed.starts_with('－').then_some(0)
                } else {
                    body.find(*c)
                }
            } else if flow_value {
                find_unquoted(value, *c).map(|p| value_at + p)
            } else {
                None
            };
            if let Some(p) = hit {
                let offset = line.len()
                    - if *c == '－' {
                        trimmed.len()
                    } else {
                        body.len()
                    };
                let col = line[..offset + p].chars().count() + 1;
                out.push(
                    Diagnostic::error(
                        "fullwidth-punctuation",
                        display,
                        Msg::new("fullwidth-punctuation").arg("char", c),
                    )
                    .at(text, i + 1, col)
                    .with_hint(Msg::new(hint)),
                );
                break;
            }
        }
    }
    out
}

/// The byte offset of `c` in `s` outside '…' and "…" quotes (quoted text may hold any character).
fn find_unquoted(s: &str, c: char) -> Option<usize> {
    let mut quote = None;
    for (i, x) in s.char_indices() {
        match quote {
            Some(q) if x == q => quote = None,
            Some(_) => {}
            None if x == '"' || x == '\'' => quote = Some(x),
            None if x == c => return Some(i),
            None => {}
        }
    }
    None
}

/// Parses YAML text into a value, or a located diagnostic.
pub fn parse_yaml(text: &str, display: &Path) -> Result<Value, Diagnostic> {
    yaml_serde::from_str::<Value>(text).map_err(|e| {
        let full = e.to_string();
        // The crate appends " at line L column C"; the location goes into our fields instead.
        let msg = full.split(" at line ").next().unwrap_or(&full).to_string();
        let place = e.location().map(|loc| position_of(text, loc.index()));
        if let Some(d) = explain_yaml_error(text, display, &full, place) {
            return d;
        }
        let d = Diagnostic::error(
            "yaml-syntax",
            display,
            Msg::new("yaml-syntax").arg("detail", &msg),
        )
        .with_hint(Msg::new("yaml-syntax-hint"));
        match place {
            Some((line, col)) => d.at(text, line, col),
            None => d,
        }
    })
}

/// The 1-based line and column (in characters) of a byte offset, counting lines as `str::lines`
/// does. The parser's own line numbers also break at a lone '\r', U+0085, U+2028 and U+2029,
/// which would name a line that the quoted text and every other message number differently.
fn position_of(text: &str, index: usize) -> (usize, usize) {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    let before = &text[..index];
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Whether the parser breaks lines exactly where `str::lines` does.
fn plain_line_breaks(text: &str) -> bool {
    !text.contains(['\u{85}', '\u{2028}', '\u{2029}'])
        && text
            .match_indices('\r')
            .all(|(i, _)| text[i + 1..].starts_with('\n'))
}

/// Turns the parser's messages for common mistakes into ones that say what is wrong in a clerk's
/// words and name the line to fix: a key written twice (the parser points at the start of the
/// mapping), a key without ':' or without a space after it (the parser trips over the next line),
/// an unclosed quote or bracket (the parser stops at the end of the file), a list item without a
/// space after '-', a line indented under a key that already has a value.
fn explain_yaml_error(
    text: &str,
    display: &Path,
    msg: &str,
    place: Option<(usize, usize)>,
) -> Option<Diagnostic> {
    let lines: Vec<&str> = text.lines().collect();
    let explained = if let Some(rest) = msg.split("duplicate entry with key \"").nth(1) {
        duplicate_key(&lines, rest, place?)
    } else if let Some(e) = unfinished(text, msg, &lines) {
        Some(e)
    } else {
        misplaced(&lines, msg, place?.0)
    }?;
    Some(
        Diagnostic::error(explained.code, display, explained.message)
            .at(text, explained.line, explained.col)
            .with_hint(explained.hint),
    )
}

/// A parser error put in a clerk's words, with the place to fix (1-based line and column).
struct Explained {
    code: &'static str,
    line: usize,
    col: usize,
    message: Msg,
    hint: Msg,
}

impl Explained {
    fn new(code: &'static str, line: usize, col: usize, message: Msg, hint: Msg) -> Self {
        Explained {
            code,
            line,
            col,
            message,
            hint,
        }
    }
}

/// The column (1-based) where the text of `line` (1-based) starts after its spaces.
fn indent_col(lines: &[&str], line: usize) -> usize {
    lines
        .get(line.wrapping_sub(1))
        .map(|l| l.chars().take_while(|c| *c == ' ').count() + 1)
        .unwrap_or(1)
}

/// A key written twice: the parser names the mapping (`place`) and, in `rest`, the key.
fn duplicate_key(lines: &[&str], rest: &str, place: (usize, usize)) -> Option<Explained> {
    let key = rest.rsplit_once('"')?.0;
    let (first, second) = duplicate_lines(lines, place.0, place.1, key)?;
    Some(Explained::new(
        "duplicate-key",
        second,
        indent_col(lines, second),
        Msg::new("duplicate-key")
            .arg("key", key)
            .arg("first", first),
        Msg::new("duplicate-key-hint").arg("key", key),
    ))
}

/// Something left open — a quote, a bracket, a key without ':' — found where the parser says
/// it began ("…, while scanning a quoted scalar at line L column C"). Those numbers are the
/// parser's own, which are ours only with plain line breaks.
fn unfinished(text: &str, msg: &str, lines: &[&str]) -> Option<Explained> {
    let (what, l, c) = msg
        .split_once(", while ")
        .filter(|_| plain_line_breaks(text))
        .and_then(|(_, w)| {
            let (what, pos) = w.split_once(" at line ")?;
            let (l, c) = pos.split_once(" column ")?;
            let c = c.split(|x: char| !x.is_ascii_digit()).next()?;
            Some((what, l.parse::<usize>().ok()?, c.parse::<usize>().ok()?))
        })?;
    match what {
        "scanning a quoted scalar" => Some(Explained::new(
            "unclosed-quote",
            l,
            c,
            Msg::new("unclosed-quote"),
            Msg::new("unclosed-quote-hint"),
        )),
        "parsing a flow sequence" | "parsing a flow mapping" => {
            let (open, close) = if what.ends_with("sequence") {
                ('[', ']')
            } else {
                ('{', '}')
            };
            Some(Explained::new(
                "unclosed-bracket",
                l,
                c,
                Msg::new("unclosed-bracket").arg("open", open),
                Msg::new("unclosed-bracket-hint").arg("close", close),
            ))
        }
        "scanning a simple key" if msg.starts_with("could not find expected ':'") => {
            Some(missing_colon(lines, l))
        }
        _ => None,
    }
}

fn missing_colon(lines: &[&str], line: usize) -> Explained {
    Explained::new(
        "missing-colon",
        line,
        indent_col(lines, line),
        Msg::new("missing-colon"),
        Msg::new("missing-colon-hint"),
    )
}

/// A line the parser could not fit where it stands (`line`, 1-based): a list item without a
/// space after '-', a key out of line with the key above it, or a mistake on the line before
/// (see [`after_previous`]).
fn misplaced(lines: &[&str], msg: &str, line: usize) -> Option<Explained> {
    let current = lines.get(line.checked_sub(1)?).copied().unwrap_or("");
    let body = current.trim_start_matches(' ');
    if msg.starts_with("did not find expected '-' indicator")
        && body.starts_with('-')
        && !body[1..].starts_with([' ', '-'])
        && body.len() > 1
    {
        return Some(Explained::new(
            "missing-space",
            line,
            indent_col(lines, line),
            Msg::new("list-item-space"),
            Msg::new("list-item-space-hint").arg("rest", &body[1..]),
        ));
    }
    // The previous line with text.
    let prev = (1..line)
        .rev()
        .find(|&l| lines.get(l - 1).and_then(|t| content_col(t)).is_some())?;
    // The column where the key of the previous line starts (after `- ` for a list item).
    let prev_key_col = {
        let l = lines[prev - 1];
        l.len() - l.trim_start_matches([' ', '-']).len() + 1
    };
    let col = indent_col(lines, line);
    if msg.starts_with("did not find expected")
        && body.contains(':')
        && !body.starts_with(['-', '#'])
        && col != prev_key_col
    {
        return Some(Explained::new(
            "bad-indent",
            line,
            col,
            Msg::new("indent-unlike-key")
                .arg("col", col)
                .arg("key_col", prev_key_col),
            Msg::new("indent-unlike-key-hint").arg("prev", prev),
        ));
    }
    if !msg.starts_with("mapping values are not allowed in this context") {
        return None;
    }
    after_previous(lines, line, prev, prev_key_col)
}

/// "Mapping values are not allowed" on `line`, caused by the line `prev` before it: a key
/// without ':', a ':' without a space, or a value followed by a line indented under it.
fn after_previous(
    lines: &[&str],
    line: usize,
    prev: usize,
    prev_key_col: usize,
) -> Option<Explained> {
    let p = lines[prev - 1].trim();
    // After `- `, the previous line's key and value.
    let p_entry = p.trim_start_matches(['-', ' ']);
    if p_entry.starts_with(['[', '{', '"', '\'', '#']) {
        return None;
    }
    if !p.starts_with('-') && !p.contains(':') && !p.contains('：') {
        return Some(missing_colon(lines, prev));
    }
    if p_entry.contains(':') && !p_entry.contains(": ") && !p_entry.ends_with(':') {
        return Some(Explained::new(
            "missing-space",
            prev,
            prev_key_col,
            Msg::new("colon-space"),
            Msg::new("colon-space-hint"),
        ));
    }
    let value = p_entry
        .split_once(": ")
        .map(|(_, v)| v.trim())
        .unwrap_or("");
    let col = indent_col(lines, line);
    if col > prev_key_col && !value.is_empty() && !value.starts_with('#') {
        return Some(Explained::new(
            "bad-indent",
            line,
            col,
            Msg::new("indent-under-value").arg("prev", prev),
            Msg::new("indent-under-value-hint")
                .arg("prev", prev)
                .arg("key_col", prev_key_col),
        ));
    }
    None
}

/// The 1-based lines of the first two entries `key:` of the mapping that starts at `line` and
/// `column` (1-based, as the parser reports it).
fn duplicate_lines(
    lines: &[&str],
    line: usize,
    column: usize,
    key: &str,
) -> Option<(usize, usize)> {
    let start = lines.get(line.checked_sub(1)?)?;
    // The parser counts characters; the mapping's entries start at this byte offset.
    let col = start
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(i, _)| i)?;
    let mut first = None;
    for (i, l) in lines.iter().enumerate().skip(line - 1) {
        let c = if i + 1 == line {
            col
        } else {
            match content_col(l) {
                None => continue,
                Some(c) if c < col => break,
                Some(c) => c,
            }
        };
        if c == col && c < l.len() && key_at(l, c, key) {
            match first {
                None => first = Some(i + 1),
                Some(f) => return Some((f, i + 1)),
            }
        }
    }
    None
}

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Finds the line and column (1-based) of a key path in block- or flow-style YAML text.
///
/// The YAML crate gives no positions for values it parsed fine, but a message about a valid
/// value (`completed > planned`) still has to name the line. This follows indentation the way
/// people write these files; when a step cannot be found it returns the deepest step that was.
pub fn locate(text: &str, path: &[Seg]) -> Option<(usize, usize)> {
    Lines::new(text).locate(path)
}

/// A text split into lines, for a file asked about many times: [`locate`] that remembers each
/// step it took. Every report of a locality asks for a path under `reports`, and each step
/// taken again from the file's start (the list's extent, where its items start) made loading
/// quadratic in the reports of one file; remembered, each list and mapping is scanned once.
pub struct Lines<'a> {
    lines: Vec<&'a str>,
    /// [`find_key`]'s answers, by block and key.
    keys: RefCell<HashMap<Block, HashMap<String, Option<Step>>>>,
    /// [`items_of`]'s answers, by the block's first line and the line after its last.
    items: RefCell<HashMap<(usize, usize), Option<Items>>>,
}

/// Where a step of a path was found (0-based line and column in characters) and the block of
/// its value.
type Step = (usize, usize, Block);

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        Lines {
            lines: text.lines().collect(),
            keys: RefCell::default(),
            items: RefCell::default(),
        }
    }

    /// The text of line `line` (1-based), as `str::lines` gives it.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        self.lines.get(line.checked_sub(1)?).copied()
    }

    /// [`locate`] in this text.
    pub fn locate(&self, path: &[Seg]) -> Option<(usize, usize)> {
        let mut block = Block {
            start: 0,
            end: self.lines.len(),
            col: None,
        };
        let mut found = None;
        for seg in path {
            let next = match seg {
                Seg::Key(k) => self.key(&block, k),
                Seg::Index(i) => self.item(&block, *i),
            };
            match next {
                Some((line, col, inner)) => {
                    found = Some((line + 1, col + 1));
                    block = inner;
                }
                None => break,
            }
        }
        found
    }

    fn key(&self, block: &Block, key: &str) -> Option<Step> {
        if let Some(known) = self.keys.borrow().get(block).and_then(|b| b.get(key)) {
            return *known;
        }
        let step = find_key(&self.lines, block, key);
        let mut keys = self.keys.borrow_mut();
        keys.entry(*block)
            .or_default()
            .insert(key.to_string(), step);
        step
    }

    fn item(&self, block: &Block, index: usize) -> Option<Step> {
        let mut memo = self.items.borrow_mut();
        let items = memo
            .entry((block.start, block.end))
            .or_insert_with(|| items_of(&self.lines, block));
        find_item(&self.lines, block, items.as_ref()?, index)
    }
}

/// A run of lines holding one mapping or sequence; `col` is the column where its entries start
/// (unknown until the first entry is seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Block {
    start: usize,
    end: usize,
    col: Option<usize>,
}

fn content_col(line: &str) -> Option<usize> {
    let t = line.trim_start_matches(' ');
    if t.is_empty() || t.starts_with('#') {
        None
    } else {
        Some(line.len() - t.len())
    }
}

/// The block of lines that holds the value of an entry starting at `line` and `col`.
fn value_block(lines: &[&str], line: usize, col: usize, end: usize) -> Block {
    let mut stop = line + 1;
    while stop < end {
        match content_col(lines[stop]) {
            None => {}
            Some(c) if c > col => {}
            Some(c)
                if c == col
                    && lines[stop][c..].starts_with('-')
                    && !lines[line][col..].starts_with('-') => {}
            Some(_) => break,
        }
        stop += 1;
    }
    Block {
        start: line + 1,
        end: stop,
        col: None,
    }
}

fn key_at(line: &str, col: usize, key: &str) -> bool {
    let rest = &line[col..];
    let rest = rest.trim_start_matches(['"', '\'']);
    rest.strip_prefix(key)
        .map(|r| {
            r.trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
        })
        .unwrap_or(false)
}

fn find_key(lines: &[&str], block: &Block, key: &str) -> Option<Step> {
    let entry_col = block
        .col
        .or_else(|| (block.start..block.end).find_map(|i| content_col(lines[i])))?;
    for i in block.start..block.end {
        let line = lines[i];
        // A flow mapping on one line: `- {key: a, name: b}`.
        if let Some(open) = line.find('{')
            && let Some(pos) = find_flow_key(line, open, key)
        {
            {
                return Some((
                    i,
                    line[..pos].chars().count(),
                    Block {
                        start: i,
                        end: i,
                        col: None,
                    },
                ));
            }
        }
        let col = if i == block.start && block.col.is_some() {
            entry_col
        } else {
            content_col(line).unwrap_or(usize::MAX)
        };
        if col == entry_col && col < line.len() && key_at(line, col, key) {
            let chars = line[..col].chars().count();
            return Some((i, chars, value_block(lines, i, col, block.end)));
        }
    }
    None
}

fn find_flow_key(line: &str, open: usize, key: &str) -> Option<usize> {
    // An empty key (`"": x`, `~: x`) matches everywhere and would never advance the search.
    if key.is_empty() {
        return None;
    }
    let mut search = open;
    while let Some(rel) = line[search..].find(key) {
        let pos = search + rel;
        let before = line[..pos].trim_end();
        let after = line[pos + key.len()..].trim_start();
        if (before.ends_with('{') || before.ends_with(',')) && after.starts_with(':') {
            return Some(pos);
        }
        search = pos + key.len();
    }
    None
}

/// The items of the sequence in `block`: the column of their dashes and the line each starts
/// at; `None` when the block has no dash.
struct Items {
    dash_col: usize,
    starts: Vec<usize>,
}

fn items_of(lines: &[&str], block: &Block) -> Option<Items> {
    let dash_col = (block.start..block.end)
        .filter_map(|i| content_col(lines[i]).filter(|&c| lines[i][c..].starts_with('-')))
        .min()?;
    let starts = (block.start..block.end)
        .filter(|&i| {
            content_col(lines[i]) == Some(dash_col) && lines[i][dash_col..].starts_with('-')
        })
        .collect();
    Some(Items { dash_col, starts })
}

fn find_item(lines: &[&str], block: &Block, items: &Items, index: usize) -> Option<Step> {
    let dash_col = items.dash_col;
    let &line = items.starts.get(index)?;
    let end = items.starts.get(index + 1).copied().unwrap_or(block.end);
    let text = lines[line];
    let after_dash =
        text[dash_col + 1..].len() - text[dash_col + 1..].trim_start_matches(' ').len();
    let inner_col = dash_col + 1 + after_dash;
    let chars = text[..dash_col].chars().count();
    Some((
        line,
        chars,
        Block {
            start: line,
            end,
            col: Some(inner_col),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "name: 泉港区\nlevel: 区\nreports:\n  - date: 2014-06-01\n    opinions_collected: 9000\n\n  - date: 2014-09-10\n    # comment\n    opinions_collected: 1.3万余\n    rectifications_completed: 51\n";

    #[test]
    fn locates_block_style_paths() {
        assert_eq!(locate(DOC, &[Seg::Key("level")]), Some((2, 1)));
        assert_eq!(
            locate(DOC, &[Seg::Key("reports"), Seg::Index(1)]),
            Some((7, 3))
        );
        assert_eq!(
            locate(DOC, &[Seg::Key("reports"), Seg::Index(1), Seg::Key("date")]),
            Some((7, 5))
        );
        assert_eq!(
            locate(
                DOC,
                &[
                    Seg::Key("reports"),
                    Seg::Index(1),
                    Seg::Key("rectifications_completed")
                ]
            ),
            Some((10, 5))
        );
        assert_eq!(
            locate(
                DOC,
                &[
                    Seg::Key("reports"),
                    Seg::Index(0),
                    Seg::Key("opinions_collected")
                ]
            ),
            Some((5, 5))
        );
    }

    #[test]
    fn locates_compact_sequences_and_flow_maps() {
        let doc = "phases:\n- {key: study, name: 学习, start: 2014-02-01}\n- {key: review, name: 查摆}\nmetrics:\n- key: a\n  name: b\n";
        assert_eq!(
            locate(doc, &[Seg::Key("phases"), Seg::Index(1), Seg::Key("name")]),
            Some((3, 17))
        );
        assert_eq!(
            locate(doc, &[Seg::Key("metrics"), Seg::Index(0), Seg::Key("name")]),
            Some((6, 3))
        );
    }

    #[test]
    fn missing_step_returns_deepest_found() {
        assert_eq!(
            locate(DOC, &[Seg::Key("reports"), Seg::Index(7)]),
            Some((3, 1))
        );
        assert_eq!(locate(DOC, &[Seg::Key("nope")]), None);
    }

    #[test]
    fn fullwidth_colon_is_found_before_parsing() {
        let ds = structure_problems("name: 泉港区\nlevel： 区\n", Path::new("x.yaml"));
        assert_eq!(ds.len(), 1);
        assert_eq!((ds[0].line, ds[0].column), (Some(2), Some(6)));
        assert!(ds[0].hint.as_ref().unwrap().contains("full-width colon"));
        // A full-width colon inside a value is text, not structure.
        assert!(structure_problems("note: 说明：无\n", Path::new("x.yaml")).is_empty());
    }

    #[test]
    fn fullwidth_comma_in_a_flow_value_is_found_outside_quotes() {
        let ds = structure_problems("tags: [会议，督导]\n", Path::new("a.md"));
        assert_eq!((ds[0].line, ds[0].column), (Some(1), Some(10)));
        assert!(structure_problems("tags: [\"会议，督导\"]\n", Path::new("a.md")).is_empty());
        assert!(structure_problems("note: 会议，督导\n", Path::new("a.md")).is_empty());
    }

    #[test]
    fn yaml_errors_name_the_line_to_fix() {
        let err = |t: &str| parse_yaml(t, Path::new("a.yaml")).unwrap_err();
        let d = err("name: a\nlevel: b\nname: c\n");
        assert_eq!((d.code, d.line), ("duplicate-key", Some(3)));
        let d = err("title x\nphases: 1\n");
        assert_eq!((d.code, d.line), ("missing-colon", Some(1)));
        let d = err("name: \"x\nlevel: b\n");
        assert_eq!(
            (d.code, d.line, d.column),
            ("unclosed-quote", Some(1), Some(7))
        );
        // A lone '\r' breaks a line for the parser but not for `str::lines`.
        let d = err("a: 1\rb: [\r");
        assert_eq!(d.line, Some(1));
    }

    /// Guards the remembered steps: a Doc asks about every report of a long file, in any order.
    #[test]
    fn remembered_steps_find_the_last_report_of_a_long_file() {
        let n = 2_000;
        let mut text = String::from("name: 某村\nreports:\n");
        for i in 0..n {
            text.push_str(&format!(
                "  - date: d{i}\n    # 注\n\n    opinions_collected: {i}\n"
            ));
        }
        text.push_str("level: 村\n");
        let lines = Lines::new(&text);
        let report = |i: usize| [Seg::Key("reports"), Seg::Index(i)];
        let figure = |i: usize| {
            [
                Seg::Key("reports"),
                Seg::Index(i),
                Seg::Key("opinions_collected"),
            ]
        };
        for i in (0..n).step_by(97).chain([n - 1, 0, n, n - 1]) {
            assert_eq!(
                lines.locate(&report(i)),
                locate(&text, &report(i)),
                "report {i}"
            );
            assert_eq!(
                lines.locate(&figure(i)),
                locate(&text, &figure(i)),
                "figure {i}"
            );
        }
        // Report i starts on line 3 + 4i; its figure is three lines below.
        assert_eq!(lines.locate(&report(n - 1)), Some((3 + 4 * (n - 1), 3)));
        assert_eq!(lines.locate(&figure(n - 1)), Some((6 + 4 * (n - 1), 5)));
        assert_eq!(
            lines.line(6 + 4 * (n - 1)),
            Some("    opinions_collected: 1999")
        );
        // A report past the end: the deepest step found, `reports:`.
        assert_eq!(lines.locate(&report(n)), Some((2, 1)));
        assert_eq!(lines.locate(&[Seg::Key("level")]), Some((3 + 4 * n, 1)));
    }

    #[test]
    fn an_empty_key_is_not_searched_for() {
        assert_eq!(locate("extra: {a: b}\n", &[Seg::Key("")]), None);
    }

    #[test]
    fn gbk_is_decoded_with_a_warning() {
        let (bytes, _, _) = encoding_rs::GBK.encode("name: 泉港区\n");
        let (text, warning) = decode(&bytes, Path::new("a.yaml")).unwrap();
        assert_eq!(text, "name: 泉港区\n");
        assert_eq!(warning.unwrap().code, "gbk-encoding");
        let (text, warning) = decode("\u{feff}name: x".as_bytes(), Path::new("a.yaml")).unwrap();
        assert_eq!(text, "name: x");
        assert!(warning.is_none());
        assert_eq!(
            decode(b"\0\x01", Path::new("a.yaml")).unwrap_err().code,
            "binary-file"
        );
    }
}
