//! Stage 1, load: the content folder on disk → typed sources, with every problem collected.
//!
//! Responsible for walking the tree, reading and decoding files, and checking each file on its
//! own (keys, figures, dates). Not responsible for anything that needs the whole tree — slugs,
//! roll-up, links between notes — which is the model's job.

pub mod fields;
pub mod locality;
pub mod note;
pub mod record;
pub mod sheet;
pub mod site;
pub mod text;
pub mod theme;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::Msg;
use crate::written::{self, MARKER};
use anyhow::Result;
use fields::Doc;
pub use locality::{LocalitySource, ReportSource};
pub use note::{NoteSource, body_hash};
use rayon::prelude::*;
pub use site::{Metric, Phase, SiteConfig};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Deeper folders than this are not read (a guard against runaway trees, not a real limit:
/// province → village is five levels).
pub const MAX_DEPTH: usize = 48;

/// Everything read from a content folder.
#[derive(Debug, Clone)]
pub struct Content {
    pub root: PathBuf,
    pub site: SiteConfig,
    /// Parents come before their children.
    pub localities: Vec<LocalitySource>,
    pub notes: Vec<NoteSource>,
    pub assets: Vec<AssetSource>,
}

/// A file beside the notes (an image, a PDF) that is copied to the output.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetSource {
    /// Relative to the content folder.
    pub rel: PathBuf,
    pub locality: Option<usize>,
}

enum Entry {
    Note(PathBuf),
    Asset(PathBuf),
}

/// `Ok` when `root` is a folder; otherwise the sentence that says what to pass instead.
pub fn check_root(root: &Path) -> Result<()> {
    if root.is_dir() {
        return Ok(());
    }
    if root.exists() {
        let folder = root
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        return Err(Msg::new("content-is-file")
            .path("path", root)
            .path("folder", folder)
            .into());
    }
    Err(Msg::new("content-not-found").path("path", root).into())
}

/// Loads the content folder. `Err` only when the folder itself cannot be read; every problem in
/// its files is a diagnostic.
pub fn load(root: &Path) -> Result<(Content, Diagnostics)> {
    load_with(root, true)
}

/// [`load`], keeping the notes' Markdown only when `bodies` is true: a one-off build reads each
/// note again when it renders it (through the reader build.rs hands render), and holds no
/// bodies meanwhile.
pub fn load_with(root: &Path, bodies: bool) -> Result<(Content, Diagnostics)> {
    load_reusing(root, bodies, None)
}

/// What a load may take from an earlier one instead of reading a file again: the live rebuild
/// knows every file the watcher did not name to be as it was. Each gives the file as it was
/// read then, with the warnings reading it gave (its parent or locality is found again), and
/// gives nothing for a locality whose reports are more than its file said (a sheet's rows
/// merged in): the sheet may be gone.
pub trait Reuse: Sync {
    /// The locality of the folder `dir` (relative to the content folder).
    fn locality(&self, dir: &Path) -> Option<(LocalitySource, Vec<Diagnostic>)>;
    /// The note at `rel` (relative to the content folder), with its Markdown.
    fn note(&self, rel: &Path) -> Option<(NoteSource, Vec<Diagnostic>)>;
}

/// [`load_with`], taking from `reuse` the files it has. The folder is walked whole (what exists
/// is what the walk finds); a locality is taken only when the site has no spreadsheets (their
/// rows are merged into the localities' reports).
pub fn load_reusing(
    root: &Path,
    bodies: bool,
    reuse: Option<&dyn Reuse>,
) -> Result<(Content, Diagnostics)> {
    check_root(root)?;
    let mut diagnostics = Diagnostics::default();
    let (site, site_read) = load_site(root, &mut diagnostics);
    let tree = survey(root, &mut diagnostics);
    let localities_from = reuse.filter(|_| tree.sheets.is_empty());
    let (mut localities, kept) = load_localities(
        root,
        &tree,
        &site,
        site_read,
        localities_from,
        &mut diagnostics,
    );
    load_sheets(root, &tree, &kept, &mut localities, &site, &mut diagnostics);
    let assets = tree
        .assets
        .iter()
        .map(|rel| AssetSource {
            locality: tree.locality_of(rel, &kept),
            rel: rel.clone(),
        })
        .collect();
    let notes = load_notes(root, &tree, &kept, bodies, reuse, &mut diagnostics);
    Ok((
        Content {
            root: root.to_path_buf(),
            site,
            localities,
            notes,
            assets,
        },
        diagnostics,
    ))
}

/// What the walk found in the content folder, before any file is read.
#[derive(Default)]
struct Tree {
    /// Folders with a locality.yaml, relative to the root, parents first, each with the index of
    /// the folder that holds it.
    localities: Vec<(PathBuf, Option<usize>)>,
    index_of: HashMap<PathBuf, usize>,
    notes: Vec<PathBuf>,
    assets: Vec<PathBuf>,
    /// Spreadsheets right in a locality's folder, with that folder's index.
    sheets: Vec<(PathBuf, usize)>,
}

impl Tree {
    /// The kept locality that `rel` belongs to (see [`resolve_parent`]).
    fn locality_of(&self, rel: &Path, kept: &[Option<usize>]) -> Option<usize> {
        resolve_parent(owner_of(rel, &self.index_of), kept, &self.localities)
    }
}

/// Walks the content folder: sorts what it finds into localities, notes and assets, and warns
/// about what is not read (links, special files, minqing's own output, stray YAML).
fn survey(root: &Path, diagnostics: &mut Diagnostics) -> Tree {
    let mut tree = Tree::default();
    for entry in walk(root) {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                diagnostics.push(
                    Diagnostic::error(
                        "unreadable",
                        path,
                        Msg::new("unreadable-entry").arg("error", &err),
                    )
                    .with_hint(Msg::new("unreadable-hint")),
                );
                continue;
            }
        };
        let rel = entry
            .path
            .strip_prefix(root)
            .unwrap_or(&entry.path)
            .to_path_buf();
        match entry.kind {
            Kind::Special => diagnostics.push(special_file(&entry.path)),
            Kind::Output => diagnostics.push(own_output(
                &entry.path,
                Msg::new("output-dir-in-content").arg("marker", MARKER),
                root,
            )),
            Kind::Symlink => diagnostics.push(
                Diagnostic::warning("symlink", &entry.path, Msg::new("symlink"))
                    .with_hint(Msg::new("symlink-hint")),
            ),
            Kind::Dir { locality } => {
                if entry.depth == MAX_DEPTH {
                    diagnostics.push(
                        Diagnostic::warning(
                            "too-deep",
                            &entry.path,
                            Msg::new("too-deep").arg("max", MAX_DEPTH),
                        )
                        .with_hint(Msg::new("too-deep-hint")),
                    );
                }
                if locality {
                    let owner = owner_of(&rel, &tree.index_of);
                    tree.index_of.insert(rel.clone(), tree.localities.len());
                    tree.localities.push((rel, owner));
                }
            }
            Kind::File
                if sheet::is_sheet(&rel)
                    && rel.parent().is_some_and(|p| tree.index_of.contains_key(p)) =>
            {
                let folder = rel.parent().and_then(|p| tree.index_of.get(p)).copied();
                if let Some(folder) = folder {
                    tree.sheets.push((rel, folder));
                }
            }
            Kind::File => match file_entry(root, &entry, rel) {
                Ok(Some(Entry::Note(rel))) => tree.notes.push(rel),
                Ok(Some(Entry::Asset(rel))) => tree.assets.push(rel),
                Ok(None) => {}
                Err(d) => diagnostics.push(d),
            },
        }
    }
    tree
}

/// What a file of the walk is: a note, an asset, one of the YAML files read on their own
/// (`None`), or something that is not published (the warning).
fn file_entry(root: &Path, entry: &Found, rel: PathBuf) -> Result<Option<Entry>, Diagnostic> {
    let name = entry
        .path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let ext = rel
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if (entry.depth == 1 && name == "site.yaml") || name == "locality.yaml" {
        return Ok(None);
    }
    match ext.as_str() {
        "md" | "markdown" => Ok(Some(Entry::Note(rel))),
        "zip" if written::is_archive(&entry.path) => Err(own_output(
            &entry.path,
            Msg::new("output-zip-in-content"),
            root,
        )),
        "yaml" | "yml" => {
            let hint = if name.eq_ignore_ascii_case("locality.yml")
                || name.to_lowercase().starts_with("locality")
            {
                "stray-locality-hint"
            } else {
                "stray-yaml-hint"
            };
            Err(
                Diagnostic::warning("stray-yaml", &entry.path, Msg::new("stray-yaml"))
                    .with_hint(Msg::new(hint)),
            )
        }
        _ => Ok(Some(Entry::Asset(rel))),
    }
}

/// Reads every locality.yaml of the tree in parallel. Returns the usable localities, each with
/// its parent set, and for each folder of the tree the index of its locality among them (`None`
/// for a file that could not be used).
fn load_localities(
    root: &Path,
    tree: &Tree,
    site: &SiteConfig,
    site_read: bool,
    reuse: Option<&dyn Reuse>,
    diagnostics: &mut Diagnostics,
) -> (Vec<LocalitySource>, Vec<Option<usize>>) {
    let parsed: Vec<(Option<LocalitySource>, Vec<Diagnostic>)> = tree
        .localities
        .par_iter()
        .map(|(dir, _)| match reuse.and_then(|r| r.locality(dir)) {
            Some((src, diags)) => (Some(src), diags),
            None => load_locality(root, dir, site),
        })
        .collect();
    let mut localities = Vec::with_capacity(parsed.len());
    // A locality whose file is unusable is dropped; its children attach to the nearest usable
    // ancestor so the rest of the tree is still checked.
    let mut kept: Vec<Option<usize>> = Vec::with_capacity(parsed.len());
    for ((loc, diags), (_, parent)) in parsed.into_iter().zip(&tree.localities) {
        for d in diags {
            // Without a readable site.yaml its phases are unknown: naming one is not a mistake.
            if !site_read && d.code == "unknown-phase" {
                continue;
            }
            diagnostics.push(d);
        }
        let parent = resolve_parent(*parent, &kept, &tree.localities);
        match loc {
            Some(mut l) => {
                l.parent = parent;
                kept.push(Some(localities.len()));
                localities.push(l);
            }
            None => kept.push(None),
        }
    }
    (localities, kept)
}

/// Reads every sheet of the tree in parallel and merges its rows into the localities' reports.
/// A sheet whose folder's locality.yaml was unusable is not read (that file's errors stand).
fn load_sheets(
    root: &Path,
    tree: &Tree,
    kept: &[Option<usize>],
    localities: &mut [LocalitySource],
    site: &SiteConfig,
    diagnostics: &mut Diagnostics,
) {
    if tree.sheets.is_empty() {
        return;
    }
    let below = sheet::Below::new(localities);
    let read: Vec<(Vec<sheet::SheetRow>, Vec<Diagnostic>)> = tree
        .sheets
        .par_iter()
        .filter_map(|(rel, folder)| {
            let owner = kept.get(*folder).copied().flatten()?;
            Some(sheet::read(root, rel, owner, localities, &below, site))
        })
        .collect();
    let mut rows = Vec::new();
    let mut found = Vec::new();
    for (r, ds) in read {
        rows.extend(r);
        found.extend(ds);
    }
    sheet::merge(localities, rows, site, &mut found);
    for d in found {
        diagnostics.push(d);
    }
}

/// Reads every note of the tree in parallel, keeping the Markdown only when `bodies` is true.
fn load_notes(
    root: &Path,
    tree: &Tree,
    kept: &[Option<usize>],
    bodies: bool,
    reuse: Option<&dyn Reuse>,
    diagnostics: &mut Diagnostics,
) -> Vec<NoteSource> {
    let parsed: Vec<(Option<NoteSource>, Vec<Diagnostic>)> = tree
        .notes
        .par_iter()
        .map(|rel| {
            let (mut note, diags) = match reuse.and_then(|r| r.note(rel)) {
                Some((n, diags)) => (Some(n), diags),
                None => load_note(root, rel),
            };
            if let Some(n) = note.as_mut().filter(|_| !bodies) {
                n.body = String::new();
            }
            (note, diags)
        })
        .collect();
    let mut notes = Vec::with_capacity(parsed.len());
    for ((note, diags), rel) in parsed.into_iter().zip(&tree.notes) {
        for d in diags {
            diagnostics.push(d);
        }
        if let Some(mut n) = note {
            n.locality = tree.locality_of(rel, kept);
            notes.push(n);
        }
    }
    notes
}

/// What the walk found at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A folder, and whether it holds a locality.yaml (a file, not a link to one).
    Dir {
        locality: bool,
    },
    File,
    Symlink,
    /// A FIFO, socket or device: never opened (reading a FIFO waits for a writer forever).
    Special,
    /// A folder minqing wrote (a site with its marker): neither read nor walked.
    Output,
}

/// One entry of the content tree below the root.
struct Found {
    path: PathBuf,
    /// 1 for the root's own entries.
    depth: usize,
    kind: Kind,
}

/// Folders this deep are walked each on its own, in parallel (cities, in a national tree).
const SPLIT_DEPTH: usize = 2;

/// Every entry below `root` except hidden ones and what lies inside minqing's own output
/// folders, sorted by name with each folder before what it holds: the order of one sorted walk,
/// made by walking the subtrees at [`SPLIT_DEPTH`] on every core.
fn walk(root: &Path) -> Vec<walkdir::Result<Found>> {
    let mut top = Vec::new();
    walk_below(root, 0, SPLIT_DEPTH.min(MAX_DEPTH), &mut top);
    let parts: Vec<Vec<walkdir::Result<Found>>> = top
        .into_par_iter()
        .map(|entry| {
            let below = matches!(&entry, Ok(f) if f.depth == SPLIT_DEPTH
                && matches!(f.kind, Kind::Dir { .. })
                && SPLIT_DEPTH < MAX_DEPTH);
            let mut out = Vec::new();
            if below && let Ok(f) = &entry {
                let dir = f.path.clone();
                out.push(entry);
                walk_below(&dir, SPLIT_DEPTH, MAX_DEPTH - SPLIT_DEPTH, &mut out);
            } else {
                out.push(entry);
            }
            out
        })
        .collect();
    parts.into_iter().flatten().collect()
}

/// The sorted walk of `dir`'s entries down to `max_depth` below it, at depth `base` + theirs:
/// hidden entries are left out, and an output folder is listed but not entered.
fn walk_below(dir: &Path, base: usize, max_depth: usize, out: &mut Vec<walkdir::Result<Found>>) {
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .min_depth(1)
        .max_depth(max_depth)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                out.push(Err(err));
                continue;
            }
        };
        let is_dir = e.file_type().is_dir();
        // Hidden files, and the lock files Excel and WPS keep beside an open workbook
        // (`~$汇总表.xlsx`, hidden on Windows but not by name).
        let name = e.file_name().to_string_lossy();
        if name.starts_with('.') || name.starts_with("~$") {
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        let found = found(e, base);
        if found.kind == Kind::Output {
            it.skip_current_dir();
        }
        out.push(Ok(found));
    }
}

/// What the walk makes of one entry.
fn found(e: walkdir::DirEntry, base: usize) -> Found {
    let ft = e.file_type();
    let kind = if ft.is_symlink() {
        Kind::Symlink
    } else if ft.is_dir() {
        if written::is_output_dir(e.path()) {
            Kind::Output
        } else {
            // Not `is_file`, which follows a link: a linked locality.yaml is skipped like any
            // link.
            let locality = std::fs::symlink_metadata(e.path().join("locality.yaml"))
                .is_ok_and(|m| m.is_file());
            Kind::Dir { locality }
        }
    } else if ft.is_file() {
        Kind::File
    } else {
        Kind::Special
    };
    Found {
        depth: base + e.depth(),
        path: e.into_path(),
        kind,
    }
}

/// The warning for a FIFO, socket or device file.
fn special_file(path: &Path) -> Diagnostic {
    Diagnostic::warning("special-file", path, Msg::new("special-file"))
        .with_hint(Msg::new("special-file-hint"))
}

/// The warning for minqing's own output found inside the content folder.
fn own_output(path: &Path, message: Msg, root: &Path) -> Diagnostic {
    Diagnostic::warning("output-in-content", path, message).with_hint(
        Msg::new("output-in-content-hint").path("suggestion", &outside_suggestion(root, path)),
    )
}

/// A place beside the content folder for what was found inside it: `public` for a folder, the
/// zip's own name for an archive.
pub fn outside_suggestion(root: &Path, found: &Path) -> PathBuf {
    let name = found
        .file_name()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("public"));
    match root.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) => p.join(name),
        None => Path::new("..").join(name),
    }
}

/// The locality folder that holds `rel` (the nearest ancestor with a locality.yaml).
fn owner_of(rel: &Path, index_of: &HashMap<PathBuf, usize>) -> Option<usize> {
    rel.ancestors()
        .skip(1)
        .find_map(|a| index_of.get(a).copied())
}

/// Maps a folder index to a kept locality index, skipping folders whose file was unusable.
fn resolve_parent(
    mut folder: Option<usize>,
    kept: &[Option<usize>],
    dirs: &[(PathBuf, Option<usize>)],
) -> Option<usize> {
    while let Some(f) = folder {
        if let Some(Some(k)) = kept.get(f) {
            return Some(*k);
        }
        folder = dirs[f].1;
    }
    None
}

/// Reads a file's bytes (a sheet's, or a text file's before it is decoded), turning a read
/// problem into a diagnostic.
fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    // Opening a FIFO waits for a writer: look before opening (the walk already left such files
    // out; a watched file can become one later).
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir() && !m.is_symlink())
    {
        return Err(special_file(path));
    }
    std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            "unreadable",
            path,
            Msg::new("unreadable-file").arg("error", &e),
        )
        .with_hint(Msg::new("unreadable-hint"))
    })
}

/// Reads a file's text, turning every read or decoding problem into a diagnostic.
fn read_text(path: &Path) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let bytes = read_bytes(path)?;
    let (text, warning) = text::decode(&bytes, path)?;
    Ok((text, warning.into_iter().collect()))
}

/// Reads site.yaml; the flag says whether it could be read (otherwise a default config stands in).
fn load_site(root: &Path, diagnostics: &mut Diagnostics) -> (SiteConfig, bool) {
    let path = root.join("site.yaml");
    if !path.is_file() {
        diagnostics.push(
            Diagnostic::error("missing-site", &path, Msg::new("missing-site"))
                .with_hint(Msg::new("missing-site-hint")),
        );
        return (SiteConfig::with_title("minqing"), false);
    }
    let (text, warnings) = match read_text(&path) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.push(d);
            return (SiteConfig::with_title("minqing"), false);
        }
    };
    for w in warnings {
        diagnostics.push(w);
    }
    let structural = text::structure_problems(&text, &path);
    if !structural.is_empty() {
        for d in structural {
            diagnostics.push(d);
        }
        return (SiteConfig::with_title("minqing"), false);
    }
    let value = match text::parse_yaml(&text, &path) {
        Ok(v) => v,
        Err(d) => {
            diagnostics.push(d);
            return (SiteConfig::with_title("minqing"), false);
        }
    };
    let mut doc = Doc::new(&text, &path);
    let site = site::parse(&value, &mut doc);
    for d in doc.diagnostics {
        diagnostics.push(d);
    }
    (site, true)
}

/// Reads and checks one locality.yaml in `root/dir`.
pub fn load_locality(
    root: &Path,
    dir: &Path,
    site: &SiteConfig,
) -> (Option<LocalitySource>, Vec<Diagnostic>) {
    let path = root.join(dir).join("locality.yaml");
    let (text, mut diags) = match read_text(&path) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let structural = text::structure_problems(&text, &path);
    if !structural.is_empty() {
        diags.extend(structural);
        return (None, diags);
    }
    let value = match text::parse_yaml(&text, &path) {
        Ok(v) => v,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let mut doc = Doc::new(&text, &path);
    let loc = locality::parse(&value, &mut doc, site, dir.to_path_buf());
    diags.extend(doc.diagnostics);
    (loc, diags)
}

/// The Markdown body of the note at `root/rel`, read again for a build that let the bodies go:
/// decoded as when it was loaded, the front matter split off but not parsed again.
pub fn read_note_body(root: &Path, rel: &Path) -> Option<String> {
    let (text, _) = read_text(&root.join(rel)).ok()?;
    note::split_front_matter(&text).map(|(_, body)| body.to_string())
}

/// Reads and checks one note at `root/rel`.
pub fn load_note(root: &Path, rel: &Path) -> (Option<NoteSource>, Vec<Diagnostic>) {
    let path = root.join(rel);
    let (text, mut diags) = match read_text(&path) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let (note, more) = note::parse(&text, rel.to_path_buf(), &path);
    diags.extend(more);
    (note, diags)
}
