//! Reading typed fields out of a parsed YAML document while collecting located diagnostics.
//!
//! Every content file goes through a `Doc`: it knows the file's text (to find lines) and its
//! display path (to name it), so a check is one line at the call site and every message says
//! where the problem is and what to do.

use super::text::{Seg, locate_in};
use crate::diagnostics::Diagnostic;
use crate::figure::{ParsedDate, ParsedFigure, parse_date, parse_figure};
use crate::l10n::{Msg, Text};
use std::path::Path;
use yaml_serde::{Mapping, Value};

pub struct Doc<'a> {
    pub text: &'a str,
    pub display: &'a Path,
    /// Lines before the YAML text starts in the file (front matter sits after a `---` line).
    pub line_offset: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// The text's lines, split once when a line is first asked for (a locality's reports each
    /// ask).
    lines: std::cell::OnceCell<Vec<&'a str>>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, display: &'a Path) -> Self {
        Doc {
            text,
            display,
            line_offset: 0,
            diagnostics: Vec::new(),
            lines: std::cell::OnceCell::new(),
        }
    }

    fn locate(&self, path: &[Seg]) -> Option<(usize, usize)> {
        locate_in(self.lines.get_or_init(|| self.text.lines().collect()), path)
    }

    /// The 1-based line of a path, when it can be found.
    pub fn line_of(&self, path: &[Seg]) -> Option<usize> {
        self.locate(path).map(|(l, _)| l + self.line_offset)
    }

    fn place(&self, d: Diagnostic, path: &[Seg]) -> Diagnostic {
        match self.locate(path) {
            Some((line, col)) => {
                let mut d = d.at(self.text, line, col);
                d.line = d.line.map(|l| l + self.line_offset);
                d
            }
            None => d,
        }
    }

    pub fn error(
        &mut self,
        code: &'static str,
        path: &[Seg],
        msg: impl Into<Text>,
        hint: Option<String>,
    ) {
        let mut d = self.place(Diagnostic::error(code, self.display, msg), path);
        d.hint = hint.map(Text::from);
        self.diagnostics.push(d);
    }

    /// An error whose message and hint are messages, shown in the reader's language.
    pub fn error_msg(&mut self, code: &'static str, path: &[Seg], msg: Msg, hint: Msg) {
        let d = Diagnostic::error(code, self.display, msg).with_hint(hint);
        let d = self.place(d, path);
        self.diagnostics.push(d);
    }

    pub fn warning(
        &mut self,
        code: &'static str,
        path: &[Seg],
        msg: impl Into<Text>,
        hint: Option<String>,
    ) {
        let mut d = self.place(Diagnostic::warning(code, self.display, msg), path);
        d.hint = hint.map(Text::from);
        self.diagnostics.push(d);
    }

    /// The document as a mapping, or an error saying what the file should look like.
    pub fn root_mapping<'v>(&mut self, value: &'v Value, what: &str) -> Option<&'v Mapping> {
        match value {
            Value::Mapping(m) => Some(m),
            Value::Null => {
                self.error(
                    "empty-file",
                    &[],
                    format!("{what} is empty"),
                    Some("write at least `name: …`; see the README's content format".into()),
                );
                None
            }
            _ => {
                self.error("not-a-mapping", &[], format!("{what} must be a list of `key: value` lines"), Some(
                    "start each line with a key followed by ':' (half-width), e.g. `name: 泉港区`".into(),
                ));
                None
            }
        }
    }

    /// Reports keys of `map` that are not in `allowed`, suggesting the closest allowed key.
    pub fn unknown_keys(&mut self, map: &Mapping, allowed: &[&str], at: &[Seg]) {
        for key in map.keys() {
            let name = scalar_text(key).unwrap_or_default();
            if allowed.contains(&name.as_str()) {
                continue;
            }
            let mut path = at.to_vec();
            path.push(Seg::Key(&name));
            let hint = match suggest(&name, allowed) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("allowed here: {}", allowed.join(", ")),
            };
            self.error(
                "unknown-key",
                &path,
                format!("unknown key `{name}`"),
                Some(hint),
            );
        }
    }

    /// A required or optional string field.
    pub fn string(
        &mut self,
        map: &Mapping,
        key: &str,
        at: &[Seg],
        required: bool,
    ) -> Option<String> {
        let mut path = at.to_vec();
        path.push(Seg::Key(key));
        match map.get(key) {
            None | Some(Value::Null) if required => {
                let line_path: &[Seg] = if map.contains_key(key) { &path } else { at };
                self.error(
                    "missing-field",
                    line_path,
                    format!("`{key}` is missing"),
                    Some(format!("add a line `{key}: …`")),
                );
                None
            }
            None | Some(Value::Null) => None,
            Some(v) => match scalar_text(v) {
                Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(_) if required => {
                    self.error(
                        "missing-field",
                        &path,
                        format!("`{key}` is empty"),
                        Some(format!("write the {key} after `{key}: `")),
                    );
                    None
                }
                Some(_) => None,
                None => {
                    self.error(
                        "wrong-type",
                        &path,
                        format!("`{key}` must be text"),
                        Some(format!(
                            "write the value on the same line, e.g. `{key}: 东湖镇`, without [ ] or {{ }}"
                        )),
                    );
                    None
                }
            },
        }
    }

    /// A date field; Chinese and full-width forms are accepted with a warning.
    pub fn date(&mut self, value: &Value, path: &[Seg]) -> Option<ParsedDate> {
        let Some(text) = scalar_text(value) else {
            self.error(
                "bad-date",
                path,
                "the date must be written as YYYY-MM-DD",
                Some("write one date on the same line, e.g. `date: 2014-09-10`".into()),
            );
            return None;
        };
        match parse_date(&text) {
            Ok(d) => {
                if d.normalised {
                    self.warning(
                        "normalised-date",
                        path,
                        format!("date `{text}` read as {}", d.date),
                        Some("write dates as YYYY-MM-DD".into()),
                    );
                }
                Some(d)
            }
            Err(e) => {
                self.error("bad-date", path, e.message, e.hint);
                None
            }
        }
    }

    /// A figure field: a YAML number or Chinese-style text such as `1.3万余`.
    pub fn figure(&mut self, value: &Value, path: &[Seg]) -> Option<ParsedFigure> {
        let text = match value {
            Value::Null => String::new(),
            v => {
                match scalar_text(v) {
                    Some(t) => t,
                    None => {
                        self.error(
                        "bad-figure",
                        path,
                        "a figure must be a single number",
                        Some("write one number on the same line, e.g. `opinions_collected: 1.3万`".into()),
                    );
                        return None;
                    }
                }
            }
        };
        match parse_figure(&text) {
            Ok(f) => {
                if f.normalised {
                    self.warning(
                        "normalised-figure",
                        path,
                        format!("full-width digits in `{text}` read as {}", f.figure.value),
                        Some("type digits with the input method in half-width mode".into()),
                    );
                }
                Some(f)
            }
            Err(e) => {
                self.error("bad-figure", path, e.message, e.hint);
                None
            }
        }
    }
}

/// Text of a scalar: strings as they are, numbers and booleans as YAML wrote them.
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// The allowed word closest to a typo, if it is close enough to be what was meant.
pub fn suggest<'s>(typo: &str, allowed: &[&'s str]) -> Option<&'s str> {
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(typo, a), *a))
        .filter(|(d, a)| *d <= (a.len() / 3).max(2))
        .min()
        .map(|(_, a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["opinions_collected", "households_visited"];
        assert_eq!(
            suggest("opinons_collected", &keys),
            Some("opinions_collected")
        );
        assert_eq!(
            suggest("households_vistied", &keys),
            Some("households_visited")
        );
        assert_eq!(suggest("weather", &keys), None);
    }
}
