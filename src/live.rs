//! Live rebuilding for `watch` and `serve`: keeps the site model in memory, rebuilds only the
//! outputs a change affects, and publishes them in place, file by file, without ever exposing
//! a half-written file or rewriting a file whose bytes did not change.
//!
//! The fast path is an edited locality.yaml (figures arrive every few days; not one of a
//! locality some of whose figures come from a spreadsheet): the file is read
//! again, the roll-up is redone along its chain of ancestors, and only the pages that show those
//! figures are rendered — the work grows with the depth of the tree, not its size. Every other
//! change (notes, new or removed files, site.yaml, the theme) reloads the content and renders
//! the whole site in memory, still writing only what changed and removing what disappeared.
//! An edit that brings errors publishes nothing until it is fixed.

use crate::build::{NoteFiles, load_model, load_theme};
use crate::charts::Style;
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::l10n::Msg;
use crate::model::{self, SiteModel};
use crate::output::{self, MARKER};
use crate::render::data::DataParts;
use crate::render::{self, Body, OutputFile, Selection, Theme};
use crate::timings::Timings;
use anyhow::{Context as _, Result};
use jiff::civil::Date;
use std::collections::{BTreeSet, HashMap};
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
    /// The warnings of the content as it stands (shown on quality.html).
    warnings: Diagnostics,
    theme: Theme,
    /// The data files' per-locality entries, so an edit re-serialises only its chain.
    data: DataParts,
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
        let mut edited = BTreeSet::new();
        for path in changed {
            match self.edited_locality(path) {
                Some(i) => {
                    edited.insert(i);
                }
                None => return self.full(),
            }
        }
        if edited.is_empty() {
            return Ok(Outcome {
                published: true,
                ..Outcome::default()
            });
        }
        self.update_localities(&edited.into_iter().collect::<Vec<_>>())
    }

    /// The locality whose existing locality.yaml `path` is, if it is one.
    fn edited_locality(&self, path: &Path) -> Option<usize> {
        let canonical = path.canonicalize().ok()?;
        let rel = canonical.strip_prefix(&self.canonical).ok()?;
        if rel.file_name()? != "locality.yaml" {
            return None;
        }
        let dir = rel.parent()?;
        let model = &self.loaded.as_ref()?.model;
        let i = model.localities.iter().position(|l| l.src.dir == dir)?;
        // Figures a sheet gave would be lost by reading the file alone: reload everything.
        let from_sheet = model.localities[i]
            .src
            .reports
            .iter()
            .any(|r| r.cells.is_some());
        (!from_sheet).then_some(i)
    }

    /// The fast path: re-read edited locality files and redo their chains.
    fn update_localities(&mut self, edited: &[usize]) -> Result<Outcome> {
        let start = Instant::now();
        let Some(loaded) = self.loaded.as_ref() else {
            return self.full();
        };
        let model = &loaded.model;
        let mut diagnostics = Diagnostics::default();
        let mut sources = Vec::new();
        for &i in edited {
            let (src, ds) = content::load_locality(
                &self.content_dir,
                &model.localities[i].src.dir,
                &model.site,
            );
            for d in ds {
                diagnostics.push(d);
            }
            sources.push((i, src));
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
        let mut reread = Vec::with_capacity(sources.len());
        for (i, src) in sources {
            let Some(src) = src else { return self.full() };
            let l = &model.localities[i];
            // A new name or slug moves pages and changes links everywhere: not the fast path.
            if src.name != l.src.name || model::locality_slug(&src) != l.slug {
                return self.full();
            }
            reread.push((i, src));
        }
        let Some(Loaded {
            model,
            warnings,
            theme,
            data,
        }) = self.loaded.take()
        else {
            return self.full();
        };
        let reread_files: Vec<PathBuf> = reread.iter().map(|(_, src)| src.file.clone()).collect();
        let cutoff = model.silence_cutoff();
        let mut updated = model::update(model, reread);
        let new_cutoff = updated.model.silence_cutoff();
        if cutoff.is_some() != new_cutoff.is_some() {
            // The site's first report, or its last one removed: every page's 上报情况 changes.
            return self.full();
        }
        if let (Some(old), Some(new)) = (cutoff, new_cutoff) {
            updated.chain = with_silence_changes(&updated.model, updated.chain, old, new);
        }
        let mut data = data;
        data.update(&updated.model, updated.chain.iter().copied());
        // The reread files' warnings are the new ones; the roll-up's are found again.
        let mut kept = Diagnostics::default();
        for d in warnings
            .iter()
            .filter(|d| !reread_files.contains(&d.path) && d.code != "below-children-sum")
        {
            kept.push(d.clone());
        }
        kept.extend(diagnostics.clone());
        kept.extend(updated.diagnostics.clone());
        kept.sort();
        self.loaded = Some(Loaded {
            model: updated.model,
            warnings: kept,
            theme,
            data,
        });
        let selection = Selection {
            home: true,
            localities: updated.chain,
            quality: true,
            ..Selection::default()
        };
        let mut outcome = self.publish(&selection, false)?;
        outcome.diagnostics.extend(diagnostics);
        outcome.diagnostics.extend(updated.diagnostics);
        outcome.diagnostics.sort();
        outcome.elapsed = start.elapsed();
        Ok(outcome)
    }

    /// Reloads everything and renders the whole site, writing only what changed.
    pub fn full(&mut self) -> Result<Outcome> {
        let start = Instant::now();
        let (model, mut diagnostics) = load_model(&self.content_dir)?;
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
        let data = DataParts::new(&model);
        let selection = Selection {
            data: false,
            ..Selection::all(&model)
        };
        let mut warnings = Diagnostics::default();
        for d in diagnostics.iter().filter(|d| !d.is_error()) {
            warnings.push(d.clone());
        }
        self.loaded = Some(Loaded {
            model,
            warnings,
            theme,
            data,
        });
        let mut outcome = self.publish(&selection, true)?;
        self.failing = false;
        diagnostics.extend(std::mem::take(&mut outcome.diagnostics));
        diagnostics.sort();
        outcome.diagnostics = diagnostics;
        outcome.full = true;
        outcome.elapsed = start.elapsed();
        Ok(outcome)
    }

    /// Renders the selection and writes every output whose bytes changed; with `prune`, removes
    /// published files the site no longer has.
    fn publish(&mut self, selection: &Selection, prune: bool) -> Result<Outcome> {
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
        let input = render::Input {
            model: &loaded.model,
            bodies: &NoteFiles::of(&loaded.model),
            warnings: &loaded.warnings,
        };
        let report = render::render_selected(
            &input,
            &mut loaded.theme,
            &sink,
            &Timings::default(),
            selection,
            &self.charts,
        )?;
        // The data files come from the kept entries (always part of a rebuild: figures changed).
        for (path, bytes) in loaded.data.files(&loaded.model)? {
            sink(OutputFile {
                path: path.to_string(),
                body: Body::Bytes(bytes),
            })?;
        }
        let produced = produced.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut outcome = Outcome {
            published: true,
            rendered: produced.len(),
            diagnostics: report.diagnostics,
            ..Outcome::default()
        };
        if prune {
            let keep: std::collections::HashSet<&str> =
                produced.iter().map(|p| p.0.as_str()).collect();
            let mut gone: Vec<String> = self
                .manifest
                .keys()
                .filter(|k| !keep.contains(k.as_str()))
                .cloned()
                .collect();
            gone.sort();
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
        }
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

/// The pages to render after an edit: `chain` (the edited localities and their ancestors, whose
/// latest reports changed) and, when the site's latest report moved the day before which a
/// locality counts as silent from `old` to `new`, every locality whose silence that flipped
/// and its ancestors, whose 上报情况 lists it. Sorted, parents first.
fn with_silence_changes(model: &SiteModel, chain: Vec<usize>, old: Date, new: Date) -> Vec<usize> {
    if old == new {
        return chain;
    }
    let mut pages: BTreeSet<usize> = chain.into_iter().collect();
    for i in 0..model.localities.len() {
        if model.is_silent(i, old) != model.is_silent(i, new) {
            let mut cur = Some(i);
            while let Some(c) = cur.filter(|c| !pages.contains(c)) {
                pages.insert(c);
                cur = model.localities[c].src.parent;
            }
        }
    }
    pages.into_iter().collect()
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
