//! Diagnostics: problems in the content that a person has to fix, with the file, line and a hint.
//!
//! A diagnostic is not a Rust error. Loading and model building keep going after a bad file and
//! collect every problem, so one run reports all of them; the command decides the exit code at the
//! end. Rendering of diagnostics as text lives here too, so `build` and `check` print the same.

use crate::i18n::Language;
use crate::l10n::{Msg, Text};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors stop publishing, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, kebab-case code such as `unknown-key`, for tools and documentation.
    pub code: &'static str,
    /// The file, relative to the content folder's parent when possible.
    pub path: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column in characters.
    pub column: Option<usize>,
    /// What is wrong, in words (rendered in the reader's language when it is a message).
    pub message: Text,
    /// What to do about it.
    pub hint: Option<Text>,
    /// The offending line, quoted as it is in the file.
    pub source_line: Option<String>,
    /// The cell, for a problem in a spreadsheet (`line` and `column` then hold its row and
    /// column number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<Cell>,
}

/// A cell of a spreadsheet, as Excel and WPS name it: `第1页!D5`, or `D5` in a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cell {
    /// The sheet's name; `None` for a CSV file, which has one.
    pub sheet: Option<String>,
    /// 0-based row and column, as calamine counts them.
    pub row: u32,
    pub col: u32,
}

impl Cell {
    /// `D5`: the column's letters and the row's number.
    pub fn reference(&self) -> String {
        format!("{}{}", column_letters(self.col), self.row + 1)
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "{sheet}!{}", self.reference()),
            None => f.write_str(&self.reference()),
        }
    }
}

/// In JSON a cell is its sheet and its reference: `{"sheet": "第1页", "ref": "D5"}`.
impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("Cell", 2)?;
        st.serialize_field("sheet", &self.sheet)?;
        st.serialize_field("ref", &self.reference())?;
        st.end()
    }
}

/// A column's letters as the sheet's header shows them: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl Diagnostic {
    /// An error whose message (a [`Msg`], shown in the reader's language) says what is wrong.
    pub fn error(code: &'static str, path: impl Into<PathBuf>, message: Msg) -> Self {
        Self::new(Severity::Error, code, path.into(), message.into())
    }

    pub fn warning(code: &'static str, path: impl Into<PathBuf>, message: Msg) -> Self {
        Self::new(Severity::Warning, code, path.into(), message.into())
    }

    fn new(severity: Severity, code: &'static str, path: PathBuf, message: Text) -> Self {
        Diagnostic {
            severity,
            code,
            path,
            line: None,
            column: None,
            message,
            hint: None,
            source_line: None,
            cell: None,
        }
    }

    /// Places the diagnostic at a cell of a spreadsheet.
    pub fn at_cell(mut self, cell: Cell) -> Self {
        self.line = Some(cell.row as usize + 1);
        self.column = Some(cell.col as usize + 1);
        self.source_line = None;
        self.cell = Some(cell);
        self
    }

    /// Where it is, as messages name it: `file:line:col`, or `file: 第1页!D5` in a sheet; `file`
    /// is the path as the reader should see it.
    pub fn place(&self, file: &str) -> String {
        match (&self.cell, self.line, self.column) {
            (Some(cell), _, _) => format!("{file}: {cell}"),
            (None, Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (None, Some(l), None) => format!("{file}:{l}"),
            _ => file.to_string(),
        }
    }

    /// Places the diagnostic at a line and column of `text` and quotes that line.
    pub fn at(self, text: &str, line: usize, column: usize) -> Self {
        let quoted = line.checked_sub(1).and_then(|i| text.lines().nth(i));
        self.quoting(line, column, quoted)
    }

    /// [`Diagnostic::at`] with the line's text already at hand (`None` past the text's end).
    pub fn quoting(mut self, line: usize, column: usize, source: Option<&str>) -> Self {
        if line == 0 {
            return self;
        }
        self.line = Some(line);
        self.column = Some(column.max(1));
        self.source_line = source.map(|l| l.trim_end().to_string());
        self
    }

    /// Places the diagnostic at a line, without quoting (for text that is not at hand).
    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// What to do about it.
    pub fn with_hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: error[code]: message`, the quoted line with a caret, and the hint, in
    /// `lang`.
    pub fn render(&self, lang: Language) -> String {
        let mut out = String::new();
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = self.place(&self.path.display().to_string());
        let _ = writeln!(
            out,
            "{place}: {sev}[{}]: {}",
            self.code,
            self.message.render(lang)
        );
        // The hint's `=` stands under the gutter's `|`, as in rustc's messages.
        let mut pad = " ".to_string();
        if let (Some(line), Some(src)) = (self.line, &self.source_line) {
            let gutter = line.to_string();
            pad = " ".repeat(gutter.len());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{gutter} | {src}");
            if let Some(col) = self.column {
                // Wide (CJK, full-width) characters take two terminal cells.
                let before: usize = src.chars().take(col - 1).map(display_width).sum();
                let _ = writeln!(out, "{pad} | {}^", " ".repeat(before));
            }
        }
        if let Some(hint) = &self.hint {
            let head = format!("{pad} = hint: ");
            let indent = " ".repeat(head.chars().count());
            for (i, line) in hint.render(lang).lines().enumerate() {
                let lead = if i == 0 {
                    head.as_str()
                } else {
                    indent.as_str()
                };
                let _ = writeln!(out, "{lead}{line}");
            }
        }
        out
    }
}

/// The terminal cells a character takes: two for CJK and full-width characters.
fn display_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// All diagnostics of a run, in the order they were found; sorted for output.
#[derive(Debug, Default, Clone, Serialize)]
#[serde(transparent)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by file, line and column so that output does not depend on the order of discovery
    /// (rayon, directory order).
    pub fn sort(&mut self) {
        // Ties are broken by the words in English, so that the order is the same in every
        // language (and does not depend on message ids).
        self.items.sort_by_cached_key(|d| {
            let words = d.message.render(Language::En).into_owned();
            let sheet = d.cell.as_ref().map(|c| c.sheet.clone());
            (
                d.path.clone(),
                sheet,
                d.line,
                d.column,
                d.severity,
                d.code,
                words,
            )
        });
        self.items.dedup();
    }

    /// Every diagnostic rendered as text in `lang`, one block each.
    pub fn render(&self, lang: Language) -> String {
        self.items
            .iter()
            .map(|d| d.render(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The same diagnostics with every message and hint put into words in `lang` (for JSON).
    pub fn localized(&self, lang: Language) -> Diagnostics {
        let plain = |t: &Text| Text::Plain(t.render(lang).into_owned());
        Diagnostics {
            items: self
                .items
                .iter()
                .map(|d| Diagnostic {
                    message: plain(&d.message),
                    hint: d.hint.as_ref().map(plain),
                    ..d.clone()
                })
                .collect(),
        }
    }
}

/// Shows `path` relative to `base` when it lies inside it, so messages name `content/安徽省/…`.
pub fn display_path(base: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_caret_and_hint() {
        let text = "name: 泉港区\nlevel： 区\n";
        let d = Diagnostic::error(
            "fullwidth-punctuation",
            "content/泉港区/locality.yaml",
            Msg::new("fullwidth-punctuation").arg("char", '：'),
        )
        .at(text, 2, 6)
        .with_hint(Msg::new("fullwidth-colon-hint"));
        let out = d.render(Language::En);
        assert!(out.starts_with(
            "content/泉港区/locality.yaml:2:6: error[fullwidth-punctuation]: full-width '：' in YAML structure\n"
        ));
        assert!(out.contains("2 | level： 区\n"));
        // "level" is 5 cells wide, so the caret sits under the full-width colon.
        assert!(out.contains("  |      ^\n"), "{out}");
        assert!(out.ends_with(
            "  = hint: full-width colon '：' — YAML needs ':' (half-width) after a key\n"
        ));
        // The frame is the same in Chinese; the words are Chinese.
        let zh = d.render(Language::ZhCn);
        assert!(
            zh.contains("error[fullwidth-punctuation]: YAML 结构中出现了全角符号“：”\n"),
            "{zh}"
        );
    }

    #[test]
    fn a_cell_is_named_as_a_spreadsheet_names_it() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        let cell = Cell {
            sheet: Some("第1页".into()),
            row: 4,
            col: 3,
        };
        let d = Diagnostic::error(
            "bad-figure",
            "content/仙都镇/汇总表.xlsx",
            Msg::new("not-a-figure").arg("text", "12a"),
        )
        .at_cell(cell);
        let out = d.render(Language::En);
        assert!(
            out.starts_with("content/仙都镇/汇总表.xlsx: 第1页!D5: error[bad-figure]: "),
            "{out}"
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["cell"]["sheet"], "第1页");
        assert_eq!(json["cell"]["ref"], "D5");
        assert_eq!(json["line"], 5);
        assert_eq!(json["column"], 4);
    }

    #[test]
    fn sort_orders_by_path_and_line() {
        let mut ds = Diagnostics::default();
        let msg = |key: &str| Msg::new("unknown-key").arg("key", key);
        ds.push(Diagnostic::warning("a", "b.yaml", msg("x")).at_line(Some(3)));
        ds.push(Diagnostic::error("a", "a.yaml", msg("y")).at_line(Some(9)));
        ds.push(Diagnostic::error("a", "b.yaml", msg("z")).at_line(Some(1)));
        ds.sort();
        let order: Vec<_> = ds.iter().map(|d| d.message.to_string()).collect();
        assert_eq!(
            order,
            ["unknown key `y`", "unknown key `z`", "unknown key `x`"]
        );
        assert_eq!(ds.errors(), 2);
        assert_eq!(ds.warnings(), 1);
    }
}
