//! Live rebuilding for `watch` and `serve`: keeps the site model in memory, rebuilds only the
//! outputs a change affects, and publishes them in place, file by file, without ever exposing
//! a half-written file or rewriting a file whose bytes did not change.
//!
//! Which outputs an edit affects is not written down here: every render says what each of its
//! jobs read ([`render::deps`]), and this engine keeps that map. The fast path takes an edited
//! locality.yaml (not one some of whose figures come from a spreadsheet) or note: the file is
//! read again and taken into the model (a locality's chain of ancestors rolled up again), the
//! reads that differ from before are worked out (a name, figures, the rest of a record, who is
//! silent, a note's head or body, a tag's notes, the warnings), and exactly the jobs that read
//! them are rendered. A change of what exists (a file added, removed or renamed, a new slug,
//! a note that moves in the order of the notes, a tag that appears or goes, a file beside the
//! notes, a sheet) reloads the content, compares the new model with the old one entry by entry
//! ([`reshape`]), carries the map of what each output read over to the new indexes, and
//! renders the jobs that read what differs and those of what is new. Only site.yaml and the
//! theme render the whole site in memory, still writing only what changed and removing what
//! disappeared. An edit that brings errors publishes nothing until it is fixed.

mod reshape;

use crate::build::{NoteFiles, load_theme};
use crate::charts::Style;
use crate::content::{self, NoteSource};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::Msg;
use crate::model::{self, SiteModel};
use crate::output::{self, MARKER};
use crate::render::{self, DepMap, Job, OutputFile, Read, Selection, Theme};
use crate::timings::Timings;
use anyhow::{Context as _, Result};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// False when errors kept the site as it was.
    pub published: bool,
    /// The whole site was rendered (not only the outputs of one locality).
    pub full: bool,
    pub rendered: usize,
    /// Output paths written because their bytes changed.
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub elapsed: Duration,
}

struct Loaded {
    model: SiteModel,
    /// The loader's warnings for the content as it stands.
    warnings: Diagnostics,
    /// The warnings reading each file gave, by the file: a load after a change of what exists
    /// takes the files it did not touch from the model, with these.
    read_warnings: HashMap<PathBuf, Vec<Diagnostic>>,
    /// The warnings rendering found (a note's broken links), each about a note's file.
    found: Vec<Diagnostic>,
    theme: Theme,
    /// The search index, kept so that a note's edit re-indexes that note alone.
    index: Mutex<Option<render::search::LiveIndex>>,
    /// What every output read at its latest render.
    deps: DepMap,
    /// Each locality by its folder and each note by its file (relative to the content): which
    /// one a changed file is, without going through them all.
    by_path: HashMap<PathBuf, Source>,
}

/// What a file of the content is to the fast path.
#[derive(Clone, Copy)]
enum Source {
    Locality(usize),
    Note(usize),
}

pub struct LiveSite {
    content_dir: PathBuf,
    /// The content folder as the file watcher names it.
    canonical: PathBuf,
    out: PathBuf,
    loaded: Option<Loaded>,
    charts: Style,
    /// Every published file and the hash of its bytes.
    manifest: HashMap<String, u64>,
    /// The last rebuild had errors: the next one reloads everything.
    failing: bool,
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The files an edit touched that the fast path can take: locality files and notes the model
/// has, by index; and whether it changed what exists (or a sheet, or a copied file).
#[derive(Default)]
struct Edited {
    localities: BTreeSet<usize>,
    notes: BTreeSet<usize>,
    reshaped: bool,
    /// Every path named, relative to the content folder: what a load after a change of what
    /// exists reads again (everything below them).
    touched: Vec<PathBuf>,
}

/// What a changed path asks of the rebuild.
enum Takes {
    /// A locality file or note the fast path reads again.
    Edited,
    /// Anything else in the content: it is loaded again and compared ([`reshape`]).
    Reshape,
    /// site.yaml, the theme, or something outside the content: the whole site.
    Full,
}

/// What the pages show of a locality, kept from before an edit to tell which reads it changed.
struct Shown {
    page: String,
    series: crate::model::Series,
    own: (Option<Date>, Option<Date>),
    src: content::LocalitySource,
}

impl Shown {
    fn of(l: &crate::model::Locality) -> Shown {
        Shown {
            page: l.page(),
            series: l.series.clone(),
            own: (l.latest_own, l.previous_own),
            src: l.src.clone(),
        }
    }

    /// The reads of locality `i` that differ between `self` (before) and `now`.
    fn changes(&self, i: usize, now: &crate::model::Locality, changed: &mut Vec<Read>) {
        if self.page != now.page() || self.src.name != now.src.name {
            changed.push(Read::Name(i));
        }
        if self.series != now.series || self.own != (now.latest_own, now.previous_own) {
            changed.push(Read::Figures(i));
        }
        if self.series.dates.last() != now.series.dates.last() || self.own.0 != now.latest_own {
            changed.push(Read::Dates(i));
        }
        if self.src != now.src {
            changed.push(Read::Record(i));
        }
    }
}

/// What a list shows of a note (everything but its body).
fn note_head(n: &NoteSource) -> impl PartialEq + '_ {
    (
        (&n.title, n.date, &n.tags, &n.summary),
        (&n.excerpt, &n.source, &n.author),
    )
}

impl LiveSite {
    /// Builds the site into `out` (in place) and keeps it ready for changes.
    pub fn open(content_dir: &Path, out: &Path) -> Result<(LiveSite, Outcome)> {
        content::check_root(content_dir)?;
        output::check_target(out, content_dir)?;
        output::prepare_in_place(out)?;
        let canonical = content_dir
            .canonicalize()
            .with_context(|| Msg::new("content-not-found").path("path", content_dir))?;
        let mut manifest = HashMap::new();
        for entry in walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(|e| e.ok())
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = crate::paths::slash_relative(out, entry.path());
            if rel == MARKER || rel == ".gitkeep" {
                continue;
            }
            let bytes = std::fs::read(entry.path())
                .with_context(|| Msg::new("io-reading").path("path", entry.path()))?;
            manifest.insert(rel, hash_bytes(&bytes));
        }
        let mut site = LiveSite {
            content_dir: content_dir.to_path_buf(),
            canonical,
            out: out.to_path_buf(),
            loaded: None,
            charts: Style::default(),
            manifest,
            failing: false,
        };
        let outcome = site.full()?;
        Ok((site, outcome))
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The theme folder in use, if the site names one (to be watched too).
    pub fn theme_dir(&self) -> Option<PathBuf> {
        self.loaded.as_ref().and_then(|l| l.theme.dir.clone())
    }

    /// Rebuilds after the files at `changed` (as the watcher names them) changed.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Outcome> {
        if self.failing || self.loaded.is_none() {
            return self.full();
        }
        let mut edited = Edited::default();
        for path in changed {
            match self.edited(path, &mut edited) {
                Takes::Edited => {}
                Takes::Reshape => edited.reshaped = true,
                Takes::Full => return self.full(),
            }
        }
        if edited.reshaped {
            return self.reshape(&edited.touched);
        }
        if edited.localities.is_empty() && edited.notes.is_empty() {
            return Ok(Outcome {
                published: true,
                ..Outcome::default()
            });
        }
        self.update(&edited)
    }

    /// Files `path` among the existing files the fast path takes (a locality.yaml or a note
    /// the model has), or says what else it asks for.
    fn edited(&self, path: &Path, edited: &mut Edited) -> Takes {
        let Some(loaded) = self.loaded.as_ref() else {
            return Takes::Full;
        };
        let model = &loaded.model;
        if loaded
            .theme
            .dir
            .as_ref()
            .is_some_and(|t| path.starts_with(t))
        {
            return Takes::Full;
        }
        let Some(rel) = self.relative(path) else {
            return Takes::Full;
        };
        if rel.as_os_str().is_empty() || rel == Path::new("site.yaml") {
            return Takes::Full;
        }
        edited.touched.push(rel.clone());
        if !path.is_file() {
            // Removed, or a folder: what exists changed.
            return Takes::Reshape;
        }
        let found = if rel.file_name().is_some_and(|n| n == "locality.yaml") {
            rel.parent().and_then(|dir| loaded.by_path.get(dir))
        } else {
            loaded.by_path.get(&rel)
        };
        match found.copied() {
            // Figures a sheet gave would be lost by reading the file alone: reload everything.
            Some(Source::Locality(i))
                if !model.localities[i]
                    .src
                    .reports
                    .iter()
                    .any(|r| r.cells.is_some()) =>
            {
                edited.localities.insert(i);
                Takes::Edited
            }
            Some(Source::Note(i)) if rel.extension().is_some_and(|e| e == "md") => {
                edited.notes.insert(i);
                Takes::Edited
            }
            _ => Takes::Reshape,
        }
    }

    /// `path` relative to the content folder, also when it no longer exists (a file removed);
    /// None when it is outside.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        if let Ok(rel) = path.strip_prefix(&self.canonical) {
            return Some(rel.to_path_buf());
        }
        if let Ok(c) = path.canonicalize() {
            return c.strip_prefix(&self.canonical).ok().map(Path::to_path_buf);
        }
        // Gone: its folder may still be there, under another spelling.
        let parent = path.parent()?.canonicalize().ok()?;
        let rel = parent.strip_prefix(&self.canonical).ok()?;
        Some(rel.join(path.file_name()?))
    }

    /// The fast path: reads the edited files again, takes them into the model (rolling up the
    /// localities' chains of ancestors), and renders the jobs that read what changed.
    fn update(&mut self, edited: &Edited) -> Result<Outcome> {
        let start = Instant::now();
        let Some(loaded) = self.loaded.as_ref() else {
            return self.full();
        };
        let model = &loaded.model;
        let mut diagnostics = Diagnostics::default();
        let mut read_warnings = Vec::new();
        let mut localities = Vec::new();
        for &i in &edited.localities {
            let l = &model.localities[i];
            let (src, ds) = content::load_locality(&self.content_dir, &l.src.dir, &model.site);
            read_warnings.push((l.src.file.clone(), warnings_of(&ds)));
            for d in ds {
                diagnostics.push(d);
            }
            localities.push((i, src));
        }
        let mut notes = Vec::new();
        for &i in &edited.notes {
            let (src, ds) = content::load_note(&self.content_dir, &model.notes[i].src.rel);
            read_warnings.push((model.notes[i].src.file.clone(), warnings_of(&ds)));
            for d in ds {
                diagnostics.push(d);
            }
            notes.push((i, src));
        }
        if diagnostics.has_errors() {
            self.failing = true;
            diagnostics.sort();
            return Ok(Outcome {
                diagnostics,
                elapsed: start.elapsed(),
                ..Outcome::default()
            });
        }
        let mut reread = Vec::with_capacity(localities.len());
        for (i, src) in localities {
            let Some(src) = src else {
                return self.reshape(&edited.touched);
            };
            let l = &model.localities[i];
            // A new slug moves every page below it: the site is compared whole.
            if model::locality_slug(&src) != l.slug {
                return self.reshape(&edited.touched);
            }
            reread.push((i, src));
        }
        let mut renoted = Vec::with_capacity(notes.len());
        for (i, src) in notes {
            let Some(src) = src else {
                return self.reshape(&edited.touched);
            };
            renoted.push((i, src));
        }
        let Some(mut loaded) = self.loaded.take() else {
            return self.full();
        };
        loaded.read_warnings.extend(read_warnings);
        let mut change = Change::default();
        loaded.with_index(|index, _| {
            index.unprepare();
            Ok(())
        });
        match take_notes(&mut loaded, renoted, &mut change) {
            Taken::All => {}
            // The model is as it was: compared whole with the content.
            Taken::None => {
                self.loaded = Some(loaded);
                return self.reshape(&edited.touched);
            }
            Taken::Some => return self.full(),
        }
        if !reread.is_empty()
            && !take_localities(&mut loaded, reread, &mut change, &mut diagnostics)
        {
            return self.full();
        }
        let mut reads = std::mem::take(&mut change.reads);
        if take_warnings(&mut loaded, &change, &diagnostics) {
            reads.push(Read::Warnings);
        }
        let jobs = loaded.plan(reads, Vec::new());
        self.loaded = Some(loaded);
        let search = Selection {
            search_docs: change.reindex,
            ..Selection::default()
        };
        let mut outcome = self.publish_jobs(&jobs, search, Vec::new())?;
        outcome.diagnostics.extend(diagnostics);
        outcome.diagnostics.sort();
        outcome.elapsed = start.elapsed();
        Ok(outcome)
    }

    /// After a change of what exists: loads the content again, compares it with the model, and
    /// renders the jobs that read what differs and those of what is new.
    fn reshape(&mut self, touched: &[PathBuf]) -> Result<Outcome> {
        let start = Instant::now();
        let Some(mut loaded) = self.loaded.take() else {
            return self.full();
        };
        let earlier = Earlier {
            loaded: &loaded,
            touched,
        };
        let (model, mut diagnostics, read_warnings) = load(&self.content_dir, Some(&earlier))?;
        if diagnostics.has_errors() || model.site != loaded.model.site {
            self.loaded = Some(loaded);
            return self.full_from(start, (model, diagnostics, read_warnings));
        }
        let Some(diff) = reshape::diff(&loaded.model, &model) else {
            self.loaded = Some(loaded);
            return self.full_from(start, (model, diagnostics, read_warnings));
        };
        loaded.read_warnings = read_warnings;
        // The search index counts the changed documents' terms as they were, or, when
        // documents moved, is carried over to their new ids.
        loaded.with_index(|index, old| {
            index.unprepare();
            index.prepare(old, &NoteFiles::of(old), &diff.reindex)
        });
        let search_moves = (!diff.same_indexes)
            .then(|| diff.search_moves(model.notes.len(), model.localities.len()));
        let remapped = loaded.deps.remap(&diff.moves);
        let mut warnings = Diagnostics::default();
        for d in diagnostics.iter().filter(|d| !d.is_error()) {
            warnings.push(d.clone());
        }
        let mut reads = diff.reads;
        // A copied file saved again is at the same place with other bytes: the diff of what
        // exists cannot see that.
        let saved_asset = model.assets.iter().any(|a| {
            let rel = a
                .source
                .strip_prefix(&model.content_root)
                .unwrap_or(&a.source);
            touched.iter().any(|t| rel.starts_with(t))
        });
        if saved_asset {
            reads.push(Read::Assets);
        }
        if !warnings.iter().eq(loaded.warnings.iter()) {
            reads.push(Read::Warnings);
        }
        loaded.warnings = warnings;
        // What rendering found about notes no longer there goes with them.
        let files: HashSet<&Path> = model.notes.iter().map(|n| n.src.file.as_path()).collect();
        let found = loaded.found.len();
        loaded.found.retain(|d| files.contains(d.path.as_path()));
        if loaded.found.len() != found {
            reads.push(Read::Warnings);
        }
        loaded.by_path = by_path(&model);
        loaded.model = model;
        let mut jobs = diff.jobs;
        jobs.extend(remapped.stale);
        if !diff.same_indexes {
            jobs.push(Job::Search);
        }
        let jobs = loaded.plan(reads, jobs);
        self.loaded = Some(loaded);
        let mut outcome = self.publish_jobs(
            &jobs,
            Selection {
                search_docs: if search_moves.is_some() {
                    Vec::new()
                } else {
                    diff.reindex
                },
                search_moves,
                ..Selection::default()
            },
            remapped.gone,
        )?;
        diagnostics.extend(std::mem::take(&mut outcome.diagnostics));
        diagnostics.sort();
        outcome.diagnostics = diagnostics;
        outcome.elapsed = start.elapsed();
        Ok(outcome)
    }

    /// Reloads everything and renders the whole site, writing only what changed.
    pub fn full(&mut self) -> Result<Outcome> {
        let start = Instant::now();
        let loaded = load(&self.content_dir, None)?;
        self.full_from(start, loaded)
    }

    /// Renders the whole site of a model just [`load`]ed.
    fn full_from(
        &mut self,
        start: Instant,
        (model, mut diagnostics, read_warnings): Loading,
    ) -> Result<Outcome> {
        if diagnostics.has_errors() {
            self.failing = true;
            diagnostics.sort();
            return Ok(Outcome {
                diagnostics,
                full: true,
                elapsed: start.elapsed(),
                ..Outcome::default()
            });
        }
        let theme = load_theme(&model)?;
        if self
            .loaded
            .as_ref()
            .is_none_or(|l| l.model.site.text_lang() != model.site.text_lang())
        {
            self.charts = Style::new(model.site.text_lang());
        }
        let selection = Selection {
            track: true,
            ..Selection::all(&model)
        };
        let mut warnings = Diagnostics::default();
        for d in diagnostics.iter().filter(|d| !d.is_error()) {
            warnings.push(d.clone());
        }
        self.loaded = Some(Loaded {
            read_warnings,
            by_path: by_path(&model),
            model,
            warnings,
            found: Vec::new(),
            theme,
            index: Mutex::new(None),
            deps: DepMap::default(),
        });
        let mut outcome = self.publish(&selection, Prune::All)?;
        self.failing = false;
        diagnostics.extend(std::mem::take(&mut outcome.diagnostics));
        diagnostics.sort();
        outcome.diagnostics = diagnostics;
        outcome.full = true;
        outcome.elapsed = start.elapsed();
        Ok(outcome)
    }

    /// Renders `jobs`: the pages and files first, then the data-quality page when it is among
    /// them or the warnings rendering found changed (it lists them all). `search` says how the
    /// kept search index is brought up to date (its documents to count again, or where they
    /// moved). The outputs `gone` (of things no longer in the site) are removed unless rendered
    /// again.
    fn publish_jobs(
        &mut self,
        jobs: &[Job],
        search: Selection,
        gone: Vec<String>,
    ) -> Result<Outcome> {
        let quality = jobs.contains(&Job::Quality);
        let rest: Vec<Job> = jobs
            .iter()
            .copied()
            .filter(|j| !matches!(j, Job::Quality))
            .collect();
        let found = self.loaded.as_ref().map(|l| l.found.clone());
        let mut reindex = search.search_docs;
        reindex.sort_unstable();
        reindex.dedup();
        let selection = Selection {
            search_docs: reindex,
            search_moves: search.search_moves,
            ..Selection::of_jobs(&rest)
        };
        let mut outcome = self.publish(&selection, Prune::Forgotten(&rest, gone))?;
        let found_changed = self.loaded.as_ref().map(|l| &l.found) != found.as_ref();
        if quality || found_changed {
            let more = self.publish(&Selection::of_jobs(&[Job::Quality]), Prune::None)?;
            outcome.rendered += more.rendered;
            outcome.written.extend(more.written);
            outcome.written.sort();
        }
        Ok(outcome)
    }

    /// Renders the selection and writes every output whose bytes changed; keeps what each job
    /// read; removes what `prune` says is gone.
    fn publish(&mut self, selection: &Selection, prune: Prune) -> Result<Outcome> {
        let Some(loaded) = self.loaded.as_mut() else {
            return Ok(Outcome::default());
        };
        let produced: Mutex<Vec<(String, u64, bool)>> = Mutex::new(Vec::new());
        let manifest = &self.manifest;
        let out = &self.out;
        let sink = |f: OutputFile| -> Result<()> {
            let bytes = crate::output::body_bytes(f.body)?;
            let hash = hash_bytes(&bytes);
            let changed = manifest.get(&f.path) != Some(&hash) || !out.join(&f.path).is_file();
            if changed {
                output::write_atomic(&out.join(&f.path), &bytes)?;
            }
            produced
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((f.path, hash, changed));
            Ok(())
        };
        // Rendered alone, the quality page is told every warning; rendered with the notes
        // (a whole site), it adds their warnings itself.
        let mut warnings = loaded.warnings.clone();
        if selection.notes.is_empty() {
            for d in &loaded.found {
                warnings.push(d.clone());
            }
        }
        let input = render::Input {
            model: &loaded.model,
            bodies: &NoteFiles::of(&loaded.model),
            warnings: &warnings,
            index: Some(&loaded.index),
        };
        let report = render::render_selected(
            &input,
            &mut loaded.theme,
            &sink,
            &Timings::default(),
            selection,
            &self.charts,
        )?;
        let produced = produced.into_inner().unwrap_or_else(|e| e.into_inner());
        // The notes rendered again say their warnings again.
        let rendered: HashSet<&Path> = selection
            .notes
            .iter()
            .map(|&i| loaded.model.notes[i].src.file.as_path())
            .collect();
        loaded
            .found
            .retain(|d| !rendered.contains(d.path.as_path()));
        loaded.found.extend(report.diagnostics.iter().cloned());
        loaded
            .found
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        let mut gone = Vec::new();
        match prune {
            Prune::All => {
                loaded.deps.clear();
                let keep: HashSet<&str> = produced.iter().map(|p| p.0.as_str()).collect();
                gone.extend(
                    self.manifest
                        .keys()
                        .filter(|k| !keep.contains(k.as_str()))
                        .cloned(),
                );
            }
            Prune::Forgotten(asked, outputs) => {
                gone.extend(outputs);
                // A list's page that the list no longer has: nothing rendered it. `TagPage(t,
                // 0)` asked for every page of tag `t`, those it had before included.
                let whole: HashSet<usize> = asked
                    .iter()
                    .filter_map(|j| match j {
                        Job::TagPage(t, 0) => Some(*t),
                        _ => None,
                    })
                    .collect();
                let mut stale: Vec<Job> = asked
                    .iter()
                    .copied()
                    .filter(|j| !matches!(j, Job::TagPage(..)))
                    .collect();
                stale.extend(
                    loaded
                        .deps
                        .jobs_where(|j| matches!(j, Job::TagPage(t, _) if whole.contains(&t))),
                );
                let done: HashSet<Job> = report.declared.iter().map(|d| d.job).collect();
                for job in stale.into_iter().filter(|j| !done.contains(j)) {
                    gone.extend(loaded.deps.forget(job));
                }
            }
            Prune::None => {}
        }
        // A job that writes other outputs than before (a page that moved, a file beside the
        // notes removed, a data set's files) leaves the old ones behind.
        for d in &report.declared {
            if let Some(now) = &d.outputs {
                let was = loaded.deps.outputs(d.job);
                if !was.is_empty() {
                    let now: HashSet<&str> = now.iter().map(String::as_str).collect();
                    gone.extend(was.iter().filter(|o| !now.contains(o.as_str())).cloned());
                }
            }
        }
        for d in report.declared {
            loaded.deps.record(d.job, d.reads, d.outputs);
        }
        let written: HashSet<&str> = produced.iter().map(|p| p.0.as_str()).collect();
        gone.retain(|g| !written.contains(g.as_str()));
        let mut outcome = Outcome {
            published: true,
            rendered: produced.len(),
            diagnostics: report.diagnostics,
            ..Outcome::default()
        };
        gone.sort();
        gone.dedup();
        for path in &gone {
            let file = self.out.join(path);
            if file.is_file() {
                std::fs::remove_file(&file)
                    .with_context(|| Msg::new("io-removing").path("path", &file))?;
            }
            remove_empty_parents(&self.out, &file);
            self.manifest.remove(path);
        }
        outcome.removed = gone;
        for (path, hash, changed) in produced {
            if changed {
                outcome.written.push(path.clone());
            }
            self.manifest.insert(path, hash);
        }
        outcome.written.sort();
        Ok(outcome)
    }
}

/// A model just loaded, its diagnostics, and the warnings reading each file gave.
type Loading = (SiteModel, Diagnostics, HashMap<PathBuf, Vec<Diagnostic>>);

/// Loads the content into a model, taking from `reuse` the files it has.
fn load(content_dir: &Path, reuse: Option<&dyn content::Reuse>) -> Result<Loading> {
    let (content, mut diagnostics) = content::load_reusing(content_dir, true, reuse)?;
    let mut by_file: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        by_file.entry(d.path.clone()).or_default().push(d.clone());
    }
    let model = model::build(content, model::Reports::Keep, &mut diagnostics);
    Ok((model, diagnostics, by_file))
}

/// The warnings among `ds`.
fn warnings_of(ds: &[Diagnostic]) -> Vec<Diagnostic> {
    ds.iter().filter(|d| !d.is_error()).cloned().collect()
}

/// The files of the model as loaded, for a load after a change of what exists: all but those
/// at or below the paths the watcher named.
struct Earlier<'a> {
    loaded: &'a Loaded,
    touched: &'a [PathBuf],
}

impl Earlier<'_> {
    fn touched(&self, rel: &Path) -> bool {
        self.touched.iter().any(|t| rel.starts_with(t))
    }

    fn warnings(&self, file: &Path) -> Vec<Diagnostic> {
        self.loaded
            .read_warnings
            .get(file)
            .cloned()
            .unwrap_or_default()
    }
}

impl content::Reuse for Earlier<'_> {
    fn locality(&self, dir: &Path) -> Option<(content::LocalitySource, Vec<Diagnostic>)> {
        if self.touched(&dir.join("locality.yaml")) {
            return None;
        }
        let Source::Locality(i) = *self.loaded.by_path.get(dir)? else {
            return None;
        };
        let src = &self.loaded.model.localities[i].src;
        // A locality a spreadsheet gave figures to (their cells are kept) or a date of its own
        // (a report no line of the file holds) is read again: its sheet may be gone now.
        if src
            .reports
            .iter()
            .any(|r| r.cells.is_some() || r.line.is_none())
        {
            return None;
        }
        Some((src.clone(), self.warnings(&src.file)))
    }

    fn note(&self, rel: &Path) -> Option<(NoteSource, Vec<Diagnostic>)> {
        if self.touched(rel) {
            return None;
        }
        let Source::Note(i) = *self.loaded.by_path.get(rel)? else {
            return None;
        };
        let src = &self.loaded.model.notes[i].src;
        Some((src.clone(), self.warnings(&src.file)))
    }
}

/// Each locality by its folder and each note by its file.
fn by_path(model: &SiteModel) -> HashMap<PathBuf, Source> {
    let mut by_path = HashMap::with_capacity(model.localities.len() + model.notes.len());
    for (i, l) in model.localities.iter().enumerate() {
        by_path.insert(l.src.dir.clone(), Source::Locality(i));
    }
    for (i, n) in model.notes.iter().enumerate() {
        by_path.insert(n.src.rel.clone(), Source::Note(i));
    }
    by_path
}

impl Loaded {
    /// The jobs to render after `changed` reads, with `also`: those that read them; every page of
    /// a tag whose notes changed and of the notes list when their order did (either may have
    /// more or fewer pages).
    fn plan(&self, changed: Vec<Read>, also: Vec<Job>) -> Vec<Job> {
        let mut jobs = also;
        for r in &changed {
            match *r {
                Read::Tag(t) => jobs.push(Job::TagPage(t, 0)),
                Read::NoteOrder => {
                    let per_page = self.model.site.notes_per_page.max(1);
                    let pages = self.model.notes.len().div_ceil(per_page).max(1);
                    jobs.extend((1..=pages).map(Job::NotesPage));
                }
                _ => {}
            }
        }
        jobs.extend(self.deps.jobs(changed));
        jobs.sort_unstable();
        jobs.dedup();
        jobs
    }

    /// Runs `f` on the kept search index, if there is one; an index that fails is dropped (the
    /// next render makes it whole).
    fn with_index(
        &mut self,
        f: impl FnOnce(&mut render::search::LiveIndex, &SiteModel) -> Result<()>,
    ) {
        let slot = self.index.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(index) = slot.as_mut()
            && f(index, &self.model).is_err()
        {
            *slot = None;
        }
    }
}

/// What an edit changed, as the fast path works it out.
#[derive(Default)]
struct Change {
    /// The reads that differ from before.
    reads: Vec<Read>,
    /// The search documents whose terms are counted again (notes, then localities).
    reindex: Vec<usize>,
    /// The files read again: their warnings are the new ones.
    files: Vec<PathBuf>,
    /// The files along the rolled-up chains: their roll-up warnings are found again.
    chain_files: HashSet<PathBuf>,
}

/// How many of the notes read again the model took.
enum Taken {
    All,
    /// The first was refused: the model is as it was.
    None,
    /// Some, then one was refused.
    Some,
}

/// Takes the notes read again into the model; stops at one that moves in the order of the
/// notes or brings or takes away a tag (the site is then compared whole, or rendered whole when
/// notes before it were taken).
fn take_notes(loaded: &mut Loaded, notes: Vec<(usize, NoteSource)>, change: &mut Change) -> Taken {
    // The search index counts the notes' terms as they were, before the model takes them.
    let ids: Vec<usize> = notes.iter().map(|(i, _)| *i).collect();
    loaded.with_index(|index, model| index.prepare(model, &NoteFiles::of(model), &ids));
    for (i, src) in notes {
        let old = &loaded.model.notes[i].src;
        let head = note_head(old) != note_head(&src);
        let body = old.body_hash != src.body_hash || old.body_line != src.body_line;
        let file = src.file.clone();
        let Ok(tags) = loaded.model.replace_note(i, src) else {
            return if change.files.is_empty() {
                Taken::None
            } else {
                Taken::Some
            };
        };
        change.files.push(file);
        if head || body {
            change.reindex.push(i);
        }
        if head {
            change.reads.push(Read::NoteHead(i));
        }
        if body {
            change.reads.push(Read::NoteBody(i));
        }
        if !tags.is_empty() {
            change.reads.push(Read::Tags);
        }
        change.reads.extend(tags.into_iter().map(Read::Tag));
    }
    Taken::All
}

/// Takes the localities' files read again into the model, rolling up their chains, and adds the
/// roll-up's findings to `diagnostics`; false when the site gets its first report or loses its
/// last (every page's 上报情况 changes: the whole site is rendered).
fn take_localities(
    loaded: &mut Loaded,
    reread: Vec<(usize, content::LocalitySource)>,
    change: &mut Change,
    diagnostics: &mut Diagnostics,
) -> bool {
    let model = &loaded.model;
    let mut before = BTreeMap::new();
    for (i, _) in &reread {
        let mut cur = Some(*i);
        while let Some(c) = cur.filter(|c| !before.contains_key(c)) {
            before.insert(c, Shown::of(&model.localities[c]));
            cur = model.localities[c].src.parent;
        }
    }
    // A new name is in the search terms and records of everything below it: its localities
    // and their notes.
    let mut renamed = Vec::new();
    for (i, src) in &reread {
        if src.name == model.localities[*i].src.name {
            continue;
        }
        let mut below = vec![*i];
        while let Some(c) = below.pop() {
            let l = &model.localities[c];
            renamed.push(model.notes.len() + c);
            renamed.extend(&l.notes);
            below.extend(&l.children);
        }
    }
    if !renamed.is_empty() {
        loaded.with_index(|index, model| index.prepare(model, &NoteFiles::of(model), &renamed));
        change.reindex.extend(renamed);
    }
    let cutoff = loaded.model.silence_cutoff();
    let issues = loaded.model.quality.clone();
    change
        .files
        .extend(reread.iter().map(|(_, src)| src.file.clone()));
    let updated = model::update(&mut loaded.model, reread);
    let m = &loaded.model;
    let new_cutoff = m.silence_cutoff();
    if cutoff.is_some() != new_cutoff.is_some() {
        return false;
    }
    if m.quality != issues {
        change.reads.push(Read::QualityIssues);
    }
    for (&i, shown) in &before {
        shown.changes(i, &m.localities[i], &mut change.reads);
    }
    if let (Some(old), Some(new)) = (cutoff, new_cutoff) {
        if old != new {
            // The cutoff is the site's latest report less a fixed span: they move together.
            change.reads.push(Read::SiteLatest);
        }
        silence_changes(m, &before, old, new, &mut change.reads);
    }
    diagnostics.extend(updated.diagnostics);
    change.chain_files.extend(
        updated
            .chain
            .iter()
            .map(|&c| m.localities[c].src.file.clone()),
    );
    true
}

/// The warnings of the content after the edit: those of the files read again are the new ones
/// (in `diagnostics`), and the roll-up's along the chains; true when they changed.
fn take_warnings(loaded: &mut Loaded, change: &Change, diagnostics: &Diagnostics) -> bool {
    let mut warnings = Diagnostics::default();
    for d in loaded.warnings.iter().filter(|d| {
        let redone = d.code == "below-children-sum" && change.chain_files.contains(&d.path);
        !(redone || change.files.contains(&d.path))
    }) {
        warnings.push(d.clone());
    }
    warnings.extend(diagnostics.clone());
    warnings.sort();
    let changed = !warnings.iter().eq(loaded.warnings.iter());
    loaded.warnings = warnings;
    changed
}

/// What a publish removes of what was published before.
enum Prune<'a> {
    /// Everything the render did not write (a whole site was rendered).
    All,
    /// The outputs of the jobs asked for that wrote nothing (a list's page no longer there),
    /// and these (of things no longer in the site).
    Forgotten(&'a [Job], Vec<String>),
    None,
}

/// The silence reads that changed when the day before which a locality counts as silent moved
/// from `old` to `new`, or when the localities of `before` (whose latest reports may have
/// moved) crossed it: every locality whose silence flipped, and its ancestors, whose
/// 上报情况 lists it.
fn silence_changes(
    model: &SiteModel,
    before: &BTreeMap<usize, Shown>,
    old: Date,
    new: Date,
    changed: &mut Vec<Read>,
) {
    let was_silent = |i: usize| match before.get(&i) {
        Some(shown) => shown.series.dates.last().is_none_or(|&d| d < old),
        None => model.is_silent(i, old),
    };
    let candidates: Box<dyn Iterator<Item = usize>> = if old == new {
        Box::new(before.keys().copied())
    } else {
        Box::new(0..model.localities.len())
    };
    let mut marked = HashSet::new();
    for i in candidates {
        if was_silent(i) != model.is_silent(i, new) {
            let mut cur = Some(i);
            while let Some(c) = cur.filter(|c| marked.insert(*c)) {
                changed.push(Read::Silence(c));
                cur = model.localities[c].src.parent;
            }
        }
    }
}

/// Removes folders left empty by removed files, up to (not including) the output folder.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
