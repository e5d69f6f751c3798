//! Themes: Tera templates and static files. The default theme is embedded in the binary; a
//! `themes/<name>/` folder beside the content folder overrides it file by file.
//!
//! Reading the override folder is the load stage's ([`crate::content::theme`]); here its files
//! are put over the default ones and compiled, with no I/O.

use crate::han::TextLang;
use crate::l10n::Msg;
use anyhow::{Context as _, Result, anyhow};
use rust_embed::Embed;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Embed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// A theme ready to render: compiled templates and the static files to copy.
pub struct Theme {
    pub tera: tera::Tera,
    /// Output path under `static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The override folder, if one was used (watched by `serve`/`watch`).
    pub dir: Option<PathBuf>,
}

/// The filters minqing gives templates, for Chinese text on a page in another language:
/// - `lang`: ` lang="zh-CN"` (or zh-TW) for an element whose text is Chinese, else nothing:
///   `<h1{{ name | lang }}>{{ name }}</h1>`;
/// - `in_lang`: the text, escaped, in a `<span lang="zh-CN">` when it needs one (text within
///   text of the interface: `截至 2014-09-10 · {{ phase | in_lang }}`);
/// - `href`: a site path as the page being rendered (its `path` and `root`) links to it
///   ([`super::href`]): `<a href="{{ b.path | href }}">`.
pub fn register_filters(tera: &mut tera::Tera, text: TextLang) {
    tera.register_filter(
        "href",
        |to: &str, _: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let page: String = state.get("path")?.unwrap_or_default();
            let root: String = state.get("root")?.unwrap_or_default();
            Ok(super::href(&root, &page, to))
        },
    );
    tera.register_filter(
        "lang",
        move |value: &tera::Value, _: tera::Kwargs, _: &tera::State| {
            tera::Value::safe_string(value.as_str().map_or("", |s| text.attribute(s)))
        },
    );
    tera.register_filter(
        "in_lang",
        move |value: &tera::Value, _: tera::Kwargs, _: &tera::State| {
            let s = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            let escaped = crate::xml::escape(&s);
            tera::Value::safe_string(&match text.attribute(&s) {
                "" => escaped,
                lang => format!("<span{lang}>{escaped}</span>"),
            })
        },
    );
}

/// Loads the default theme with the files of an override folder (path → bytes, as
/// [`crate::content::theme::read`] gives them) taking precedence; `dir` is that folder.
pub fn load(overrides: BTreeMap<String, Vec<u8>>, dir: Option<&Path>) -> Result<Theme> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for name in DefaultTheme::iter() {
        if let Some(f) = DefaultTheme::get(&name) {
            files.insert(name.replace('\\', "/"), f.data.into_owned());
        }
    }
    files.extend(overrides);
    let mut templates = Vec::new();
    let mut statics = BTreeMap::new();
    for (name, bytes) in files {
        if let Some(t) = name.strip_prefix("templates/") {
            let text = String::from_utf8(bytes)
                .map_err(|_| Msg::new("template-not-utf8").arg("name", &name))?;
            templates.push((t.to_string(), text));
        } else if let Some(s) = name.strip_prefix("static/") {
            statics.insert(s.to_string(), bytes);
        }
    }
    let mut tera = tera::Tera::new();
    // Templates are checked for the filters they use as they compile; the site's own is set
    // before each render.
    register_filters(&mut tera, TextLang::default());
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| anyhow!("{e}"))
        .context(Msg::new("theme-compiling"))?;
    Ok(Theme {
        tera,
        statics,
        dir: dir.map(Path::to_path_buf),
    })
}
