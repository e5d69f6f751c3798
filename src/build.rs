//! The build pipeline: load → model → render → publish, with diagnostics gathered across stages.

use crate::content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::Msg;
use crate::model::{self, Note, Reports, SiteModel};
use crate::output;
use crate::render::{self, Body, NoteBodies, OutputFile, theme};
use crate::timings::{Part, Timings};
use anyhow::Result;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out: PathBuf,
    /// Show a progress bar on a terminal when the build is large, in this language.
    pub progress: Option<crate::i18n::Language>,
}

/// What a build did, for the one-line summary.
#[derive(Debug)]
pub struct BuildSummary {
    pub localities: usize,
    pub notes: usize,
    pub pages: usize,
    pub files: usize,
    pub diagnostics: Diagnostics,
    /// False when errors stopped publishing.
    pub published: bool,
    pub elapsed: Duration,
    pub timings: Timings,
}

/// Loads and models the content, with every diagnostic from both stages; the model holds the
/// notes' bodies and the localities' reports.
pub fn load_model(content_dir: &Path) -> Result<(SiteModel, Diagnostics)> {
    let (content, mut diagnostics) = content::load(content_dir)?;
    let model = model::build(content, Reports::Keep, &mut diagnostics);
    Ok((model, diagnostics))
}

/// Loads the content and builds the model as a one-off render (build, check, archive) needs
/// it: without the notes' bodies, each read again when its page is rendered, and with the
/// localities' own reports let go once rolled up. At national scale that is the difference
/// between holding the content twice and holding it once. `timings` gets the load and model
/// stages.
pub fn load_for_render(
    content_dir: &Path,
    timings: &mut Timings,
) -> Result<(SiteModel, Diagnostics)> {
    let start = Instant::now();
    let (content, mut diagnostics) = content::load_with(content_dir, false)?;
    timings.load = start.elapsed();
    crate::interrupt::check()?;
    let model = model::build(content, Reports::Free, &mut diagnostics);
    timings.model = start.elapsed() - timings.load;
    Ok((model, diagnostics))
}

/// The notes' Markdown for render: the body the model holds, or, for a model loaded without
/// bodies, the file read again. A file that no longer holds the body that was loaded is an
/// error: the page would not match the rest of the site.
pub struct NoteFiles<'a> {
    pub content_root: &'a Path,
}

impl NoteBodies for NoteFiles<'_> {
    fn body<'m>(&self, note: &'m Note) -> Result<Cow<'m, str>> {
        let n = &note.src;
        if !n.body.is_empty() || n.body_hash == content::body_hash("") {
            return Ok(n.body.as_str().into());
        }
        match content::read_note_body(self.content_root, &n.rel) {
            Some(body) if content::body_hash(&body) == n.body_hash => Ok(body.into()),
            _ => Err(Msg::new("note-changed-during-build")
                .path("path", &n.file)
                .into()),
        }
    }
}

impl<'a> NoteFiles<'a> {
    /// The reader of `model`'s note bodies.
    pub fn of(model: &'a SiteModel) -> Self {
        NoteFiles {
            content_root: &model.content_root,
        }
    }
}

/// Checks the content without writing anything: loads, models and renders every page into
/// nothing, so that template problems and broken links are found too.
pub fn check(content_dir: &Path) -> Result<Diagnostics> {
    let (model, mut diagnostics) = load_for_render(content_dir, &mut Timings::default())?;
    if !diagnostics.has_errors() {
        let mut theme = load_theme(&model)?;
        let discard = |_: OutputFile| Ok(());
        let bodies = NoteFiles::of(&model);
        let report = render::render(
            &model,
            &bodies,
            &diagnostics,
            &mut theme,
            &discard,
            &Timings::default(),
        )?;
        diagnostics.extend(report.diagnostics);
    }
    diagnostics.sort();
    Ok(diagnostics)
}

/// Loads the theme the site names (the embedded default, overridden by `themes/<name>/`).
pub fn load_theme(model: &SiteModel) -> Result<theme::Theme> {
    let dir = model
        .site
        .theme
        .as_deref()
        .map(|name| content::theme::theme_dir(&model.content_root, name));
    if let Some(d) = &dir
        && !d.is_dir()
    {
        return Err(Msg::new("theme-not-found")
            .arg("theme", model.site.theme.as_deref().unwrap_or_default())
            .path("path", d)
            .into());
    }
    let overrides = match &dir {
        Some(d) => content::theme::read(d)?,
        None => Default::default(),
    };
    theme::load(overrides, dir.as_deref())
}

/// Builds the site and publishes it to `opts.out` if there are no errors.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary> {
    let start = Instant::now();
    let mut timings = Timings::default();
    content::check_root(&opts.content)?;
    output::check_target(&opts.out, &opts.content)?;
    let (model, mut diagnostics) = load_for_render(&opts.content, &mut timings)?;
    diagnostics.extend(out_inside_content(&opts.out, &opts.content, &diagnostics));
    crate::interrupt::check()?;
    let mut summary = BuildSummary {
        localities: model.localities.len(),
        notes: model.notes.len(),
        pages: 0,
        files: 0,
        diagnostics: Diagnostics::default(),
        published: false,
        elapsed: Duration::ZERO,
        timings: Timings::default(),
    };
    if diagnostics.has_errors() {
        diagnostics.sort();
        summary.diagnostics = diagnostics;
        summary.elapsed = start.elapsed();
        summary.timings = timings;
        return Ok(summary);
    }
    let mut theme = load_theme(&model)?;
    let staging = output::stage(&opts.out)?;
    let bar = progress_bar(opts.progress, model.localities.len() + model.notes.len());
    let render_start = Instant::now();
    let sink = |f: OutputFile| {
        bar.inc(1);
        // A streamed file is computed while written, and times its own part.
        if matches!(f.body, Body::Stream(_)) {
            staging.write(f)
        } else {
            timings.time(Part::Write, || staging.write(f))
        }
    };
    let bodies = NoteFiles::of(&model);
    let rendered = render::render(&model, &bodies, &diagnostics, &mut theme, &sink, &timings);
    bar.finish_and_clear();
    let report = match rendered {
        Ok(r) => r,
        Err(e) => {
            staging.discard();
            return Err(e);
        }
    };
    timings.render = render_start.elapsed();
    let publish_start = Instant::now();
    staging.publish()?;
    timings.publish = publish_start.elapsed();
    diagnostics.extend(report.diagnostics);
    diagnostics.sort();
    summary.pages = report.pages;
    summary.files = report.files;
    summary.diagnostics = diagnostics;
    summary.published = true;
    summary.elapsed = start.elapsed();
    summary.timings = timings;
    Ok(summary)
}

/// The warning that `out` lies inside the content folder, unless the content walk already gave
/// it (it does once the folder exists): said once, so that a user who meant it is not nagged
/// and one who did not learns where the site went.
pub fn out_inside_content(out: &Path, content: &Path, found: &Diagnostics) -> Diagnostics {
    let mut said = Diagnostics::default();
    let out_abs = output::resolved(out);
    if !out_abs.starts_with(output::resolved(content)) {
        return said;
    }
    let already = found
        .iter()
        .any(|d| d.code == "output-in-content" && output::resolved(&d.path) == out_abs);
    if !already {
        said.push(
            Diagnostic::warning(
                "output-in-content",
                out,
                Msg::new("out-will-be-in-content").path("out", out),
            )
            .with_hint(
                Msg::new("output-in-content-hint")
                    .path("suggestion", &content::outside_suggestion(content, out)),
            ),
        );
    }
    said
}

fn progress_bar(lang: Option<crate::i18n::Language>, total: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let Some(lang) = lang.filter(|_| total >= 2000 && std::io::stderr().is_terminal()) else {
        return indicatif::ProgressBar::hidden();
    };
    let bar = indicatif::ProgressBar::new(total as u64);
    // The counts are indicatif's own placeholders, put where the language has them.
    let words = Msg::new("progress-rendering")
        .arg("pos", "{pos}")
        .arg("len", "{len}")
        .render(lang);
    let template = format!("{{spinner}} {words} {{wide_bar}} {{eta}}");
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}
