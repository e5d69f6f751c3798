//! Reading the text of content files: encodings, YAML parsing with located errors, and finding
//! the line of a key path in YAML text.
//!
//! Clerks save files from Notepad and WPS on Chinese Windows: a UTF-8 BOM or a GBK file is normal
//! and must be read, not rejected. What cannot be read becomes a diagnostic, never a panic.

use crate::diagnostics::Diagnostic;
use std::path::Path;
use yaml_serde::Value;

/// Decodes file bytes: UTF-8 (with or without BOM) as is, GB18030/GBK with a warning.
pub fn decode(bytes: &[u8], display: &Path) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Diagnostic::error(
            "binary-file",
            display,
            "this file is not text (it contains NUL bytes)",
        )
        .with_hint(
            "replace it with the text file it should be, or move it out of the content folder",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                Err(Diagnostic::error(
                    "unknown-encoding",
                    display,
                    "this file is neither UTF-8 nor GBK/GB18030 text",
                )
                .with_hint("open it in Notepad and save it again with the encoding UTF-8"))
            } else {
                let warning = Diagnostic::warning(
                    "gbk-encoding",
                    display,
                    "this file is saved as GBK/GB18030; it was read as such",
                )
                .with_hint("save it as UTF-8 (Notepad: Save As → Encoding: UTF-8) to silence this");
                Ok((text.into_owned(), Some(warning)))
            }
        }
    }
}

/// Full-width punctuation that clerks' input methods produce where YAML needs ASCII.
const FULLWIDTH: &[(char, &str)] = &[
    (
        '：',
        "full-width colon '：' — YAML needs ':' (half-width) after a key",
    ),
    (
        '，',
        "full-width comma '，' — YAML needs ',' between items in [ ] or { }",
    ),
    (
        '－',
        "full-width hyphen '－' — a list item starts with '-' (half-width)",
    ),
    ('｛', "full-width brace '｛' — YAML needs '{'"),
    ('｝', "full-width brace '｝' — YAML needs '}'"),
    ('［', "full-width bracket '［' — YAML needs '['"),
    ('］', "full-width bracket '］' — YAML needs ']'"),
];

/// Finds full-width punctuation and tabs where they break YAML structure, before parsing, so the
/// clerk gets a message about the character rather than the parser's confusion.
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
                    Diagnostic::error("tab-indent", display, "a tab is used for indentation")
                        .at(text, i + 1, col)
                        .with_hint(
                            "YAML indents with spaces only: replace the tab with two spaces",
                        ),
                );
                continue;
            }
        }
        // Structure is what comes before the value: the key, list dashes and flow brackets.
        let body = trimmed.trim_start_matches(['-', ' ']);
        let structural_end = body.find(':').map(|p| p + 1).unwrap_or(body.len());
        let structural = &body[..structural_end];
        let in_flow = body.starts_with('{') || body.starts_with('[') || body.starts_with('｛');
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
                        format!("full-width '{c}' in YAML structure"),
                    )
                    .at(text, i + 1, col)
                    .with_hint(*hint),
                );
                break;
            }
        }
    }
    out
}

/// Parses YAML text into a value, or a located diagnostic.
pub fn parse_yaml(text: &str, display: &Path) -> Result<Value, Diagnostic> {
    yaml_serde::from_str::<Value>(text).map_err(|e| {
        let msg = e.to_string();
        // The crate appends " at line L column C"; the location goes into our fields instead.
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        let d = Diagnostic::error("yaml-syntax", display, format!("YAML syntax: {msg}"))
            .with_hint("check the indentation (spaces only) and that every key ends with ':'");
        match e.location() {
            Some(loc) => d.at(text, loc.line(), loc.column()),
            None => d,
        }
    })
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
    let lines: Vec<&str> = text.lines().collect();
    let mut block = Block {
        start: 0,
        end: lines.len(),
        col: None,
    };
    let mut found = None;
    for seg in path {
        let next = match seg {
            Seg::Key(k) => find_key(&lines, &block, k),
            Seg::Index(i) => find_item(&lines, &block, *i),
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

/// A run of lines holding one mapping or sequence; `col` is the column where its entries start
/// (unknown until the first entry is seen).
#[derive(Debug, Clone, Copy)]
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

fn find_key(lines: &[&str], block: &Block, key: &str) -> Option<(usize, usize, Block)> {
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

fn find_item(lines: &[&str], block: &Block, index: usize) -> Option<(usize, usize, Block)> {
    let dash_col = (block.start..block.end)
        .filter_map(|i| content_col(lines[i]).filter(|&c| lines[i][c..].starts_with('-')))
        .min()?;
    let items: Vec<usize> = (block.start..block.end)
        .filter(|&i| {
            content_col(lines[i]) == Some(dash_col) && lines[i][dash_col..].starts_with('-')
        })
        .collect();
    let &line = items.get(index)?;
    let end = items.get(index + 1).copied().unwrap_or(block.end);
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
        assert!(ds[0].hint.as_deref().unwrap().contains("full-width colon"));
        // A full-width colon inside a value is text, not structure.
        assert!(structure_problems("note: 说明：无\n", Path::new("x.yaml")).is_empty());
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
