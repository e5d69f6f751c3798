//! Reading typed fields out of a parsed YAML document while collecting located diagnostics.
//!
//! Every content file goes through a `Doc`: it knows the file's text (to find lines) and its
//! display path (to name it), so a check is one line at the call site and every message says
//! where the problem is and what to do. One kind of scalar (a date, a figure) is one [`Scalar`]
//! description: its parser and its messages.
//!
//! The records of each file (site.yaml, locality.yaml, a note's front matter) are typed
//! structs read through [`super::record`], which hands its problems to a `Doc`; what a record
//! leaves open (a report's figures, whose keys the site defines; free `extra:` keys) is read
//! value by value with the same `Doc`.

use super::text::{Lines, Seg};
use crate::diagnostics::Diagnostic;
use crate::figure::{FigureError, ParsedDate, ParsedFigure, parse_date, parse_figure};
use crate::l10n::Msg;
use std::path::Path;
use yaml_serde::{Mapping, Value};

pub struct Doc<'a> {
    pub text: &'a str,
    pub display: &'a Path,
    /// Lines before the YAML text starts in the file (front matter sits after a `---` line).
    pub line_offset: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// The text's lines, split once when a line is first asked for (a locality's reports each
    /// ask), with the steps of the paths already located.
    lines: std::cell::OnceCell<Lines<'a>>,
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

    fn lines(&self) -> &Lines<'a> {
        self.lines.get_or_init(|| Lines::new(self.text))
    }

    fn locate(&self, path: &[Seg]) -> Option<(usize, usize)> {
        self.lines().locate(path)
    }

    /// The 1-based line of a path, when it can be found.
    pub fn line_of(&self, path: &[Seg]) -> Option<usize> {
        self.locate(path).map(|(l, _)| l + self.line_offset)
    }

    fn place(&self, d: Diagnostic, path: &[Seg]) -> Diagnostic {
        match self.locate(path) {
            Some((line, col)) => {
                // Quoted from the lines at hand: `Diagnostic::at` would count them from the
                // file's start for each message.
                let mut d = d.quoting(line, col, self.lines().line(line));
                d.line = d.line.map(|l| l + self.line_offset);
                d
            }
            None => d,
        }
    }

    /// An error at `path`, its message and hint in the reader's language.
    pub fn error(&mut self, code: &'static str, path: &[Seg], msg: Msg, hint: Msg) {
        let d = Diagnostic::error(code, self.display, msg).with_hint(hint);
        let d = self.place(d, path);
        self.diagnostics.push(d);
    }

    /// A warning at `path`, its message and hint in the reader's language.
    pub fn warning(&mut self, code: &'static str, path: &[Seg], msg: Msg, hint: Msg) {
        let d = Diagnostic::warning(code, self.display, msg).with_hint(hint);
        let d = self.place(d, path);
        self.diagnostics.push(d);
    }

    /// The document as a mapping, or an error saying what the file should look like. `file` is
    /// the file's name, or `front-matter`.
    pub fn root_mapping<'v>(&mut self, value: &'v Value, file: &str) -> Option<&'v Mapping> {
        let (code, id, hint) = match value {
            Value::Mapping(m) => return Some(m),
            Value::Null => ("empty-file", "file-empty", "file-empty-hint"),
            _ => ("not-a-mapping", "file-not-mapping", "file-not-mapping-hint"),
        };
        self.error(code, &[], Msg::new(id).arg("file", file), Msg::new(hint));
        None
    }

    /// Reports the keys of `map` that `known` does not know, suggesting the closest of `allowed`.
    pub fn unknown_keys(
        &mut self,
        map: &Mapping,
        allowed: &[&str],
        known: impl Fn(&str) -> bool,
        at: &[Seg],
    ) {
        for key in map.keys() {
            let name = scalar_text(key).unwrap_or_default();
            if !known(&name) {
                self.unknown_key(&name, allowed, at);
            }
        }
    }

    /// Reports the key `name` under `at` as unknown, suggesting the closest of `allowed`.
    pub fn unknown_key(&mut self, name: &str, allowed: &[&str], at: &[Seg]) {
        let mut path = at.to_vec();
        path.push(Seg::Key(name));
        let message = Msg::new("unknown-key").arg("key", name);
        self.error("unknown-key", &path, message, closest(name, allowed));
    }

    /// A date field; Chinese and full-width forms are accepted with a warning.
    pub fn date(&mut self, value: &Value, path: &[Seg]) -> Option<ParsedDate> {
        self.scalar(&DATE, scalar_text(value), path)
    }

    /// A figure field: a YAML number or Chinese-style text such as `1.3万余`.
    pub fn figure(&mut self, value: &Value, path: &[Seg]) -> Option<ParsedFigure> {
        let text = match value {
            Value::Null => Some(String::new()),
            v => scalar_text(v),
        };
        self.scalar(&FIGURE, text, path)
    }

    /// A field of one scalar kind: its parsed value, or the error; with the kind's warning when
    /// the text had to be normalised. `None` for text is a value that is not a scalar.
    fn scalar<T>(&mut self, kind: &Scalar<T>, text: Option<String>, path: &[Seg]) -> Option<T> {
        let Some(text) = text else {
            let (message, hint) = kind.not_scalar;
            self.error(kind.error, path, Msg::new(message), Msg::new(hint));
            return None;
        };
        match (kind.parse)(&text) {
            Ok(parsed) => {
                if let Some(read_as) = (kind.read_as)(&text, &parsed) {
                    let hint = Msg::new(kind.normalised_hint);
                    self.warning(kind.normalised, path, read_as, hint);
                }
                Some(parsed)
            }
            Err(e) => {
                self.error(kind.error, path, e.message, e.hint);
                None
            }
        }
    }
}

/// How one kind of scalar field (a date, a figure) is parsed, and what its messages say.
struct Scalar<T> {
    parse: fn(&str) -> Result<T, FigureError>,
    /// The code of the error when the text is not one.
    error: &'static str,
    /// The message and hint (their ids) when the value is a list or a mapping.
    not_scalar: (&'static str, &'static str),
    /// The code of the warning for text that had to be normalised, its message (`None` when the
    /// text was written as it should be) and its hint.
    normalised: &'static str,
    read_as: fn(&str, &T) -> Option<Msg>,
    normalised_hint: &'static str,
}

const DATE: Scalar<ParsedDate> = Scalar {
    parse: parse_date,
    error: "bad-date",
    not_scalar: ("date-not-scalar", "date-not-scalar-hint"),
    normalised: "normalised-date",
    read_as: |text, d| {
        d.normalised.then(|| {
            Msg::new("date-read-as")
                .arg("text", text)
                .arg("date", d.date)
        })
    },
    normalised_hint: "date-read-as-hint",
};

const FIGURE: Scalar<ParsedFigure> = Scalar {
    parse: parse_figure,
    error: "bad-figure",
    not_scalar: ("figure-not-scalar", "figure-not-scalar-hint"),
    normalised: "normalised-figure",
    read_as: |text, f| {
        f.normalised.then(|| {
            Msg::new("figure-read-as")
                .arg("text", text)
                .arg("value", f.figure.value)
        })
    },
    normalised_hint: "figure-read-as-hint",
};

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

/// Words written as a YAML list or in one line split at commas and 、 (`会议，督导`, as a clerk
/// types a list), each trimmed, empty ones dropped, each once; `None` for a mapping.
pub fn word_list(value: &Value) -> Option<Vec<String>> {
    let words: Vec<String> = match value {
        Value::Sequence(items) => items.iter().filter_map(scalar_text).collect(),
        v => scalar_text(v)?
            .split([',', '，', '、'])
            .map(str::to_string)
            .collect(),
    };
    let kept = unique(words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()));
    Some(kept.into_iter().map(str::to_string).collect())
}

/// `words` in their order, each once.
pub fn unique<'w>(words: impl Iterator<Item = &'w str>) -> Vec<&'w str> {
    let mut kept: Vec<&str> = Vec::new();
    for w in words {
        if !kept.contains(&w) {
            kept.push(w);
        }
    }
    kept
}

/// The hint for a word that is none of `allowed`: the closest one, if it is close enough to be
/// what was meant, else all of them.
pub fn closest(typo: &str, allowed: &[&str]) -> Msg {
    match suggest(typo, allowed) {
        Some(s) => Msg::new("did-you-mean").arg("key", s),
        None => Msg::new("allowed-keys").arg("keys", allowed.join(", ")),
    }
}

/// The allowed word closest to a typo, if it is close enough to be what was meant. A word of the
/// same characters in another order comes first: 整改完成 is 完成整改 with its two words
/// swapped, as Chinese names often are, however far apart they are letter by letter.
pub fn suggest<'s>(typo: &str, allowed: &[&'s str]) -> Option<&'s str> {
    if let Some(same) = allowed
        .iter()
        .find(|a| **a != typo && same_letters(a, typo))
    {
        return Some(same);
    }
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(typo, a), *a))
        .filter(|(d, a)| *d <= (a.chars().count() / 3).max(2))
        .min()
        .map(|(_, a)| a)
}

/// Whether two words (of more than one character) have the same characters in some order.
pub fn same_letters(a: &str, b: &str) -> bool {
    let sorted = |w: &str| {
        let mut c: Vec<char> = w.chars().collect();
        c.sort_unstable();
        c
    };
    a.chars().nth(1).is_some() && sorted(a) == sorted(b)
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
        let names = ["整改事项", "完成整改"];
        assert_eq!(suggest("整改完成", &names), Some("完成整改"));
    }
}
