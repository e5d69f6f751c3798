//! The words minqing says to the person at the terminal (and in serve's overlay): one Fluent file
//! per language under `locales/`, compiled in, looked up by message id with named arguments.
//!
//! A message is a [`Msg`] (an id and its arguments) until the moment it is shown, so that the
//! library never has to know who will read it: the command chooses the language once
//! ([`choose`]) and renders every message, diagnostic and error in it. A `Msg` is also an
//! `std::error::Error`, so a library function can return one through `anyhow` and the command
//! still shows it in the reader's language. Its `Display` is in the language the command set
//! with [`set_display_language`] (English until then: logs and the library's tests).
//!
//! Pages are not translated here: their strings are the theme's (`i18n.rs`).

use crate::i18n::Language;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader as _, langid};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "zh-CN",
        // No Unicode isolation marks around arguments: the text goes to terminals, logs and
        // JSON, where they show as stray characters.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static ZH_CN: LanguageIdentifier = langid!("zh-CN");
static ZH_TW: LanguageIdentifier = langid!("zh-TW");
static EN: LanguageIdentifier = langid!("en");

fn identifier(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::ZhCn => &ZH_CN,
        Language::ZhTw => &ZH_TW,
        Language::En => &EN,
    }
}

/// One argument of a message: text, or a number (which Fluent may use to pick a plural form).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Arg {
    Text(String),
    Number(i64),
}

/// A message to show a person: its id in `locales/*/*.ftl` and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Msg {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// Adds a text argument.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds a path argument, shown as the platform shows paths.
    pub fn path(self, name: &'static str, value: &Path) -> Msg {
        let shown = value.display().to_string();
        self.arg(name, shown)
    }

    /// Adds a number argument.
    pub fn num(mut self, name: &'static str, value: impl TryInto<i64>) -> Msg {
        let value = value.try_into().unwrap_or(i64::MAX);
        self.args.push((name, Arg::Number(value)));
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Language) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = self
            .args
            .iter()
            .map(|(name, value)| {
                let v = match value {
                    Arg::Text(s) => FluentValue::from(s.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*name), v)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(identifier(lang), self.id, &args)
            // A missing id is a bug that the tests catch; show the id rather than nothing.
            .unwrap_or_else(|| self.id.to_string())
    }
}

/// The language a [`Msg`] shows itself in through `Display`: the one the command chose, set once
/// at start, so that a message carried as an error's context (an I/O failure's "writing …")
/// reads in it too. English until set (the library's tests compare English words).
static DISPLAY_LANGUAGE: std::sync::OnceLock<Language> = std::sync::OnceLock::new();

/// Sets the language messages display in for the rest of the process (the first call wins).
pub fn set_display_language(lang: Language) {
    let _ = DISPLAY_LANGUAGE.set(lang);
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = DISPLAY_LANGUAGE.get().copied().unwrap_or(Language::En);
        f.write_str(&self.render(lang))
    }
}

impl std::error::Error for Msg {}

/// A diagnostic's words: a message to be rendered in the reader's language, or words already
/// rendered in one (the copy [`crate::diagnostics::Diagnostics::localized`] makes for JSON).
/// Nothing else makes plain text, so every diagnostic is written in `locales/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Text {
    Plain(String),
    Msg(Msg),
}

impl Text {
    pub fn render(&self, lang: Language) -> Cow<'_, str> {
        match self {
            Text::Plain(s) => Cow::Borrowed(s),
            Text::Msg(m) => Cow::Owned(m.render(lang)),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Language::En))
    }
}

impl serde::Serialize for Text {
    /// As words: English unless [`crate::diagnostics::Diagnostics::localized`] chose first.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.render(Language::En))
    }
}

impl Text {
    /// Whether the words (in English, for plain text as it is) contain `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.render(Language::En).contains(needle)
    }
}

impl From<Msg> for Text {
    fn from(m: Msg) -> Text {
        Text::Msg(m)
    }
}

/// The message `id` (one without arguments) in `lang`, if there is one: for texts whose ids are
/// made at run time, such as the command line's help of each option.
pub fn lookup(id: &str, lang: Language) -> Option<String> {
    LOCALES.try_lookup(identifier(lang), id)
}

/// An error chain in `lang`: each link that is a [`Msg`] rendered, the others as they are,
/// joined as anyhow's `{:#}` joins them.
pub fn error_text(error: &anyhow::Error, lang: Language) -> String {
    error
        .chain()
        .map(|e| match e.downcast_ref::<Msg>() {
            Some(m) => m.render(lang),
            None => e.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// The language to speak in: `--lang`, else `MINQING_LANG`, else the site's `language`, else
/// the system's locale, else Simplified Chinese. An unknown code is passed over.
pub fn choose(flag: Option<&str>, site: Option<Language>) -> Language {
    let env = std::env::var("MINQING_LANG").ok();
    flag.and_then(from_locale)
        .or_else(|| env.as_deref().and_then(from_locale))
        .or(site)
        .or_else(|| sys_locale::get_locale().as_deref().and_then(from_locale))
        .unwrap_or(Language::ZhCn)
}

/// A language from a code as people and systems write it: `zh-CN`, `zh_TW.UTF-8`, `en_US`,
/// `zh-Hant-HK`, `en`. `C` and `POSIX` name no language.
pub fn from_locale(code: &str) -> Option<Language> {
    let base = code.split(['.', '@']).next()?.trim().replace('_', "-");
    if let Some(l) = Language::parse(&base) {
        return Some(l);
    }
    let lower = base.to_ascii_lowercase();
    let mut parts = lower.split('-');
    match parts.next()? {
        "en" => Some(Language::En),
        "zh" => {
            let rest: Vec<&str> = parts.collect();
            let traditional = rest
                .iter()
                .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
            Some(if traditional {
                Language::ZhTw
            } else {
                Language::ZhCn
            })
        }
        _ => None,
    }
}

/// The `language` that `content/site.yaml` names, read on its own before the content is loaded,
/// so that even a failure to load speaks the site's language. `None` when it cannot be read.
pub fn site_language(content: &Path) -> Option<Language> {
    let bytes = std::fs::read(content.join("site.yaml")).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let value: yaml_serde::Value = yaml_serde::from_str(&text).ok()?;
    let code = value.get("language")?.as_str()?;
    from_locale(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_templates::fluent_bundle::FluentResource;
    use std::collections::{BTreeMap, BTreeSet};

    /// Every message id of one language's files, with the variables each one uses.
    fn catalogue(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut out = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let resource = FluentResource::try_new(source)
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &m.value {
                        variables(p, &mut vars);
                    }
                    for a in &m.attributes {
                        variables(&a.value, &mut vars);
                    }
                    let id = m.id.name.to_string();
                    assert!(
                        out.insert(id.clone(), vars).is_none(),
                        "{lang}: `{id}` is defined twice"
                    );
                }
            }
        }
        out
    }

    fn variables(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        fn inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
            if let InlineExpression::VariableReference { id } = e {
                out.insert(id.name.to_string());
            }
        }
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                match expression {
                    Expression::Inline(e) => inline(e, out),
                    Expression::Select { selector, variants } => {
                        inline(selector, out);
                        for v in variants {
                            variables(&v.value, out);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_message_exists_in_every_language_with_the_same_arguments() {
        let zh_cn = catalogue("zh-CN");
        assert!(!zh_cn.is_empty());
        for other in ["zh-TW", "en"] {
            let theirs = catalogue(other);
            let ours: BTreeSet<_> = zh_cn.keys().collect();
            let them: BTreeSet<_> = theirs.keys().collect();
            assert_eq!(
                ours.symmetric_difference(&them).collect::<Vec<_>>(),
                Vec::<&&String>::new(),
                "messages in only one of zh-CN and {other}"
            );
            for (id, vars) in &zh_cn {
                assert_eq!(vars, &theirs[id], "`{id}` uses other arguments in {other}");
            }
        }
    }

    #[test]
    fn renders_in_each_language_without_isolation_marks() {
        let m = Msg::new("interrupted-build").path("out", Path::new("public"));
        for lang in [Language::ZhCn, Language::ZhTw, Language::En] {
            let text = m.render(lang);
            assert!(text.contains("public"), "{text}");
            assert!(
                !text.contains('\u{2068}') && !text.contains('\u{2069}'),
                "{text:?}"
            );
        }
        assert_ne!(m.render(Language::ZhCn), m.render(Language::En));
        assert_eq!(m.to_string(), m.render(Language::En));
    }

    #[test]
    fn locale_codes_as_systems_write_them() {
        assert_eq!(from_locale("zh_CN.UTF-8"), Some(Language::ZhCn));
        assert_eq!(from_locale("zh_TW.Big5"), Some(Language::ZhTw));
        assert_eq!(from_locale("zh-Hant-HK"), Some(Language::ZhTw));
        assert_eq!(from_locale("zh-Hans-CN"), Some(Language::ZhCn));
        assert_eq!(from_locale("en_GB.UTF-8"), Some(Language::En));
        assert_eq!(from_locale("C.UTF-8"), None);
        assert_eq!(from_locale("POSIX"), None);
        assert_eq!(choose(Some("en"), Some(Language::ZhTw)), Language::En);
    }
}
