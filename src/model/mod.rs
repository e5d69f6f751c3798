//! Stage 2, model: typed sources → an immutable site model with slugs, output paths, roll-ups
//! and data-quality findings.
//!
//! Everything that needs the whole tree happens here: output paths and their collisions, the
//! roll-up from villages to the province, the notes of each locality and tag. Rendering reads the
//! model and never changes it.

pub mod rollup;

use crate::content::{Content, LocalitySource, NoteSource, ReportSource, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figure::Figure;
use crate::l10n::Msg;
use crate::slug::{slugify, slugify_file_name};
use jiff::civil::Date;
use rayon::prelude::*;
pub use rollup::{Cell, Series, roll_up};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Top-level names the site's own pages use; a top-level locality or note may not take them.
pub const RESERVED_TOP: &[&str] = &[
    "notes",
    "tags",
    "data",
    "static",
    "search",
    "index.html",
    "404.html",
    "quality.html",
    "search.html",
    "feed.xml",
];

/// The whole site, ready to render.
#[derive(Debug)]
pub struct SiteModel {
    pub site: SiteConfig,
    pub content_root: PathBuf,
    /// Same order as loaded: parents before children.
    pub localities: Vec<Locality>,
    /// Top-level localities, in folder order.
    pub roots: Vec<usize>,
    /// The whole tree: the sum of the top-level localities.
    pub total: Series,
    /// Newest first.
    pub notes: Vec<Note>,
    /// By name.
    pub tags: Vec<Tag>,
    pub assets: Vec<Asset>,
    pub quality: Vec<QualityIssue>,
    /// Content-relative source path (a note's .md or an asset) → output path.
    pub links: HashMap<PathBuf, String>,
}

impl SiteModel {
    /// The day before which a locality counts as not reporting: `stale_after_days` before the
    /// site's latest report (none before any report).
    pub fn silence_cutoff(&self) -> Option<Date> {
        let latest = *self.total.dates.last()?;
        let days = jiff::Span::new().days(i64::from(self.site.stale_after_days));
        latest.checked_sub(days).ok()
    }

    /// Whether locality `i` (with everything below it) has not reported since `cutoff`, or
    /// never. A silent locality's sub-localities are all silent too.
    pub fn is_silent(&self, i: usize, cutoff: Date) -> bool {
        self.localities[i].latest().is_none_or(|d| d < cutoff)
    }
}

/// What the model keeps of the localities' own reports once they are rolled up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reports {
    /// Kept, to roll up again after an edit (the live rebuild).
    Keep,
    /// Let go: only the roll-up and the data-quality check read them, and at national scale
    /// they are half a gigabyte (a one-off build).
    Free,
}

/// A locality as the site shows it: what its file says, and what the tree adds.
#[derive(Debug)]
pub struct Locality {
    /// The locality as written in its folder (its name, file, parent and own reports).
    pub src: LocalitySource,
    /// The slug of its output folder: the file's `slug:`, or the folder name in pinyin.
    pub slug: String,
    /// The output folder, e.g. `fujian/quanzhoushi/quangang`.
    pub dir: String,
    pub children: Vec<usize>,
    pub series: Series,
    /// Indexes into `SiteModel::notes`, newest first: the locality's own notes.
    pub notes: Vec<usize>,
    /// The date of its latest own report (kept when the reports are let go).
    pub latest_own: Option<Date>,
    /// The date of its own report before that one, which a card's change compares with.
    pub previous_own: Option<Date>,
}

impl Locality {
    /// The date of the latest report in its subtree (its own or any below it).
    pub fn latest(&self) -> Option<Date> {
        self.series.dates.last().copied()
    }
}

impl Locality {
    /// The output path of the locality's page.
    pub fn page(&self) -> String {
        format!("{}/index.html", self.dir)
    }
}

/// A note as the site shows it: what its file says, and where its page goes.
#[derive(Debug)]
pub struct Note {
    /// The note as written (front matter, locality, and the Markdown, or only its hash when the
    /// content was loaded without bodies: render is then handed a reader of the files).
    pub src: NoteSource,
    /// Output path, e.g. `anhui/2014-05-07-zongshu.html`.
    pub path: String,
}

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    /// Newest first.
    pub notes: Vec<usize>,
}

#[derive(Debug)]
pub struct Asset {
    pub source: PathBuf,
    pub path: String,
}

/// A locality's own figure below its children's sum: at one of its report dates, or at a later
/// date to which the figure is carried forward.
#[derive(Debug, Clone, PartialEq)]
pub struct QualityIssue {
    pub locality: usize,
    pub metric: usize,
    pub date: Date,
    pub reported: Figure,
    /// The date of the report the figure is carried forward from, when it is not `date`.
    pub carried_from: Option<Date>,
    pub children_sum: Figure,
    pub file: PathBuf,
    pub line: Option<usize>,
}

/// Builds the model. Problems that need the whole tree (colliding paths, figures below the
/// children's sum) are added to `diagnostics`.
pub fn build(content: Content, reports: Reports, diagnostics: &mut Diagnostics) -> SiteModel {
    let Content {
        root,
        site,
        localities: sources,
        notes: note_sources,
        assets: asset_sources,
    } = content;
    let mut claims = Claims::default();
    let mut localities = build_localities(sources, &mut claims, diagnostics);
    let roots: Vec<usize> = (0..localities.len())
        .filter(|&i| localities[i].src.parent.is_none())
        .collect();
    let metrics = site.metrics.len();
    roll_up_tree(&mut localities, metrics, reports);
    let total = total_of(&localities, &roots, metrics);
    let quality = find_quality_issues(&localities, &site, diagnostics);
    if reports == Reports::Free {
        for l in &mut localities {
            l.src.reports = Vec::new();
        }
    }
    let notes = build_notes(note_sources, &localities, &mut claims, diagnostics);
    let mut links = HashMap::new();
    for (i, n) in notes.iter().enumerate() {
        links.insert(n.src.rel.clone(), n.path.clone());
        if let Some(l) = n.src.locality {
            localities[l].notes.push(i);
        }
    }
    let assets = build_assets(asset_sources, &root, &localities, &mut claims, diagnostics);
    links.extend(assets.iter().map(|(rel, a)| (rel.clone(), a.path.clone())));
    let tags = build_tags(&notes);
    SiteModel {
        site,
        content_root: root,
        localities,
        roots,
        total,
        notes,
        tags,
        assets: assets.into_iter().map(|(_, a)| a).collect(),
        quality,
        links,
    }
}

/// The output paths taken so far, each with the file that took it: a second claim on one is
/// an error naming both files.
#[derive(Default)]
struct Claims {
    outputs: HashMap<String, Claimant>,
    /// Parts already reported too long (once each).
    too_long: HashSet<String>,
}

/// Who took an output path. A locality is named by its index, its file looked up only for a
/// message: at national scale a copy of every locality file's path would be 70 MB.
enum Claimant {
    Locality(usize),
    File(PathBuf),
}

impl Claims {
    /// Takes `path` for `file` (locality `locality`'s, when it is a locality.yaml), or says why
    /// it cannot be had.
    fn claim(
        &mut self,
        path: String,
        file: &Path,
        locality: Option<usize>,
        localities: &[Locality],
        diagnostics: &mut Diagnostics,
    ) -> bool {
        if let Some(d) = name_too_long(&path, file, &mut self.too_long) {
            diagnostics.push(d);
            return false;
        }
        if let Some(other) = self.outputs.get(&path) {
            let other = match other {
                Claimant::Locality(i) => localities[*i].src.file.as_path(),
                Claimant::File(f) => f.as_path(),
            };
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-slug",
                    file,
                    Msg::new("duplicate-slug")
                        .arg("path", &path)
                        .path("other", other),
                )
                .with_hint(Msg::new("duplicate-slug-hint")),
            );
            false
        } else {
            let who = match locality {
                Some(i) => Claimant::Locality(i),
                None => Claimant::File(file.to_path_buf()),
            };
            self.outputs.insert(path, who);
            true
        }
    }
}

/// Rolls every locality up from its reports and its children's series: deepest level first,
/// so every child's series is final before its parent's; the localities of one level are
/// independent and rolled up in parallel.
///
/// With [`Reports::Free`], a locality without children lets its reports go as soon as its
/// series is made: nothing else reads them (the data-quality check reads only localities with
/// children), and at national scale most localities are villages, so their reports and their
/// series are never held both at once.
fn roll_up_tree(localities: &mut [Locality], metrics: usize, reports: Reports) {
    let mut depth = vec![0usize; localities.len()];
    // Parents come before their children.
    for i in 0..localities.len() {
        if let Some(p) = localities[i].src.parent {
            depth[i] = depth[p] + 1;
        }
    }
    let mut by_depth: Vec<Vec<usize>> = Vec::new();
    for (i, &d) in depth.iter().enumerate() {
        if by_depth.len() <= d {
            by_depth.resize_with(d + 1, Vec::new);
        }
        by_depth[d].push(i);
    }
    // A level goes in chunks, so that the chunk's new series are all that is held beside the
    // reports still to be let go.
    for chunk in by_depth.iter().rev().flat_map(|level| level.chunks(4096)) {
        let rolled: Vec<Series> = chunk
            .par_iter()
            .map(|&i| rolled_up(localities, i, metrics))
            .collect();
        for (&i, series) in chunk.iter().zip(rolled) {
            let l = &mut localities[i];
            l.series = series;
            if reports == Reports::Free && l.children.is_empty() {
                l.src.reports = Vec::new();
            }
        }
    }
}

/// Locality `i`'s series from its own reports and its children's (final) series.
fn rolled_up(localities: &[Locality], i: usize, metrics: usize) -> Series {
    let children: Vec<&Series> = localities[i]
        .children
        .iter()
        .map(|&c| &localities[c].series)
        .collect();
    roll_up(&localities[i].src.reports, &children, metrics)
}

/// The whole tree: the sum of the top-level localities.
fn total_of(localities: &[Locality], roots: &[usize], metrics: usize) -> Series {
    let children: Vec<&Series> = roots.iter().map(|&c| &localities[c].series).collect();
    roll_up(&[], &children, metrics)
}

/// What taking edited locality files into the model changed: the localities whose figures were
/// rolled up again (the edited ones and their ancestors, parents first) and the data-quality
/// findings in their files.
pub struct Updated {
    pub chain: Vec<usize>,
    pub diagnostics: Diagnostics,
}

/// Takes the reread files of localities (by index; same folder and slug) into the model: each
/// edited locality gets a new record, and it and its ancestors have their series rolled up
/// again; the rest of the model stays as it was, so the work grows with the depth of the tree,
/// not its size. The model must have been built with [`Reports::Keep`].
pub fn update(model: &mut SiteModel, edited: Vec<(usize, LocalitySource)>) -> Updated {
    let mut chain = BTreeSet::new();
    for (i, src) in edited {
        // Everything the file says is taken; its place in the tree (which the loader sets) kept.
        let l = &mut model.localities[i];
        let parent = l.src.parent;
        l.latest_own = src.latest_report();
        l.previous_own = src.previous_report();
        l.src = LocalitySource { parent, ..src };
        let mut cur = Some(i);
        while let Some(c) = cur {
            chain.insert(c);
            cur = model.localities[c].src.parent;
        }
    }
    let metrics = model.site.metrics.len();
    // Children come after their parents, so the highest index is rolled up first.
    for &i in chain.iter().rev() {
        model.localities[i].series = rolled_up(&model.localities, i, metrics);
    }
    model.total = total_of(&model.localities, &model.roots, metrics);
    let mut found = Diagnostics::default();
    model.quality = find_quality_issues(&model.localities, &model.site, &mut found);
    let files: HashSet<&Path> = chain
        .iter()
        .map(|&i| model.localities[i].src.file.as_path())
        .collect();
    let mut diagnostics = Diagnostics::default();
    for d in found.iter().filter(|d| files.contains(d.path.as_path())) {
        diagnostics.push(d.clone());
    }
    Updated {
        chain: chain.into_iter().collect(),
        diagnostics,
    }
}

/// The order of the notes: newest first, then by title and path.
fn note_order(a: &Note, b: &Note) -> std::cmp::Ordering {
    b.src
        .date
        .cmp(&a.src.date)
        .then_with(|| a.src.title.cmp(&b.src.title))
        .then_with(|| a.path.cmp(&b.path))
}

impl SiteModel {
    /// Takes note `i`'s file as read again (the same file: its page keeps its address and its
    /// locality), with the tags' notes found again when its tags changed: the tags whose notes
    /// changed come back. Refused, leaving the model as it was, when the note would move in
    /// the order of the notes (a new date or title) or bring or take away a tag: indexes of
    /// the notes or of the tags would then mean something else.
    pub fn replace_note(&mut self, i: usize, src: NoteSource) -> Result<Vec<usize>, NoteSource> {
        let old = &self.notes[i];
        let note = Note {
            src: NoteSource {
                locality: old.src.locality,
                ..src
            },
            path: old.path.clone(),
        };
        let fits = |other: Option<&Note>, before: bool| {
            other.is_none_or(|o| {
                let order = note_order(o, &note);
                if before { order.is_lt() } else { order.is_gt() }
            })
        };
        if !fits(i.checked_sub(1).map(|p| &self.notes[p]), true)
            || !fits(self.notes.get(i + 1), false)
        {
            return Err(note.src);
        }
        if note.src.tags == self.notes[i].src.tags {
            self.notes[i] = note;
            return Ok(Vec::new());
        }
        let old = std::mem::replace(&mut self.notes[i], note);
        let tags = build_tags(&self.notes);
        let same_names = tags.len() == self.tags.len()
            && tags
                .iter()
                .zip(&self.tags)
                .all(|(a, b)| a.name == b.name && a.slug == b.slug);
        if !same_names {
            let note = std::mem::replace(&mut self.notes[i], old);
            return Err(note.src);
        }
        let moved = (0..tags.len())
            .filter(|&t| tags[t].notes != self.tags[t].notes)
            .collect();
        self.tags = tags;
        Ok(moved)
    }
}

/// The longest file or folder name file systems allow (ext4 and NTFS: 255 bytes or UTF-16
/// units; output names are ASCII, where both are the same).
pub const MAX_NAME: usize = 255;

/// Tag slugs are cut to this length, leaving room for `-N.html`.
const MAX_TAG_SLUG: usize = 200;

/// The error for an output path with a part too long to be written, once per such part (a
/// locality's long slug is named for the locality, not again for each page below it).
fn name_too_long(path: &str, file: &Path, reported: &mut HashSet<String>) -> Option<Diagnostic> {
    let part = path.split('/').find(|p| p.len() > MAX_NAME)?;
    if !reported.insert(part.to_string()) {
        return None;
    }
    let is_locality = file.file_name().is_some_and(|n| n == "locality.yaml");
    let hint = if is_locality {
        Msg::new("name-too-long-slug-hint")
    } else {
        Msg::new("name-too-long-file-hint")
    };
    let shown: String = part.chars().take(60).collect();
    Some(
        Diagnostic::error(
            "name-too-long",
            file,
            Msg::new("name-too-long")
                .arg("name", format!("{shown}…"))
                .num("bytes", part.len())
                .num("max", MAX_NAME),
        )
        .with_hint(hint),
    )
}

/// A locality's slug: the one its file gives, else its folder name (or name) in pinyin.
pub fn locality_slug(src: &LocalitySource) -> String {
    let folder = src
        .dir
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = src.slug.clone().unwrap_or_else(|| {
        let s = slugify(&folder);
        if s.is_empty() { slugify(&src.name) } else { s }
    });
    if slug.is_empty() {
        "locality".to_string()
    } else {
        slug
    }
}

fn build_localities(
    sources: Vec<LocalitySource>,
    claims: &mut Claims,
    diagnostics: &mut Diagnostics,
) -> Vec<Locality> {
    let mut localities: Vec<Locality> = Vec::with_capacity(sources.len());
    for src in sources {
        let slug = locality_slug(&src);
        let dir = match src.parent {
            Some(p) => format!("{}/{slug}", localities[p].dir),
            None => slug.clone(),
        };
        if src.parent.is_none() && RESERVED_TOP.contains(&slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "reserved-slug",
                    &src.file,
                    Msg::new("reserved-slug").arg("slug", &slug),
                )
                .with_hint(Msg::new("reserved-slug-hint")),
            );
        }
        let index = localities.len();
        claims.claim(
            format!("{dir}/index.html"),
            &src.file,
            Some(index),
            &localities,
            diagnostics,
        );
        if let Some(p) = src.parent {
            localities[p].children.push(index);
        }
        let latest_own = src.latest_report();
        let previous_own = src.previous_report();
        localities.push(Locality {
            src,
            slug,
            dir,
            children: Vec::new(),
            series: Series::default(),
            notes: Vec::new(),
            latest_own,
            previous_own,
        });
    }
    localities
}

/// The output path of a note or asset at `rel` in `locality`: the locality's output folder,
/// then the path below the locality's folder with every part slugified.
fn output_path(
    rel: &Path,
    locality: Option<usize>,
    localities: &[Locality],
    file_name: fn(&str) -> String,
) -> String {
    let (below, prefix) = match locality.map(|l| &localities[l]) {
        Some(l) => (
            rel.strip_prefix(&l.src.dir).unwrap_or(rel),
            Some(l.dir.as_str()),
        ),
        None => (rel, None),
    };
    let mut parts: Vec<String> = prefix.map(|p| vec![p.to_string()]).unwrap_or_default();
    let comps: Vec<String> = below
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    for (i, c) in comps.iter().enumerate() {
        if i + 1 == comps.len() {
            parts.push(file_name(c));
        } else {
            let s = slugify(c);
            parts.push(if s.is_empty() { "dir".into() } else { s });
        }
    }
    parts.join("/")
}

fn note_file_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let s = slugify(stem);
    format!("{}.html", if s.is_empty() { "note" } else { &s })
}

fn build_notes(
    sources: Vec<NoteSource>,
    localities: &[Locality],
    claims: &mut Claims,
    diagnostics: &mut Diagnostics,
) -> Vec<Note> {
    let mut notes = Vec::with_capacity(sources.len());
    for n in sources {
        let path = output_path(&n.rel, n.locality, localities, note_file_name);
        if !path.contains('/') && RESERVED_TOP.contains(&path.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "reserved-slug",
                    &n.file,
                    Msg::new("reserved-note").arg("path", &path),
                )
                .with_hint(Msg::new("reserved-note-hint")),
            );
            continue;
        }
        if !claims.claim(path.clone(), &n.file, None, localities, diagnostics) {
            continue;
        }
        notes.push(Note { src: n, path });
    }
    notes.sort_by(note_order);
    notes
}

/// The assets that can be copied, each with its content-relative source path (for links).
fn build_assets(
    sources: Vec<crate::content::AssetSource>,
    root: &Path,
    localities: &[Locality],
    claims: &mut Claims,
    diagnostics: &mut Diagnostics,
) -> Vec<(PathBuf, Asset)> {
    let mut assets = Vec::with_capacity(sources.len());
    for a in sources {
        let path = output_path(&a.rel, a.locality, localities, slugify_file_name);
        let source = root.join(&a.rel);
        if claims.claim(path.clone(), &source, None, localities, diagnostics) {
            assets.push((a.rel, Asset { source, path }));
        }
    }
    assets
}

fn build_tags(notes: &[Note]) -> Vec<Tag> {
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, n) in notes.iter().enumerate() {
        for t in &n.src.tags {
            by_name.entry(t.as_str()).or_default().push(i);
        }
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    by_name
        .into_iter()
        .map(|(name, notes)| {
            let base = match slugify(name) {
                s if s.is_empty() => "tag".to_string(),
                // A tag is a word or two; a sentence used as one still gets a page that can
                // be written (slugs are ASCII, so any byte is a boundary).
                mut s if s.len() > MAX_TAG_SLUG => {
                    s.truncate(MAX_TAG_SLUG);
                    s.trim_end_matches('-').to_string()
                }
                s => s,
            };
            // 会议 and 會議 share a pinyin slug; number the later one.
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let slug = if *n == 1 { base } else { format!("{base}-{n}") };
            Tag {
                name: name.to_string(),
                slug,
                notes,
            }
        })
        .collect()
}

/// Own figures below the children's sum, as data-quality issues and warnings: at the
/// locality's report dates, and (once per metric) where a figure carried forward from its last
/// report has since been passed by the sum.
pub fn find_quality_issues(
    localities: &[Locality],
    site: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Vec<QualityIssue> {
    let mut issues = Vec::new();
    for (li, l) in localities.iter().enumerate() {
        if l.children.is_empty() {
            continue;
        }
        for r in &l.src.reports {
            let Some(i) = l.series.index_at(r.date) else {
                continue;
            };
            for (m, metric) in site.metrics.iter().enumerate() {
                let (Some(own), Some(sum)) = (r.values[m], l.series.cell(i, m).children_sum) else {
                    continue;
                };
                if own.value < sum.value {
                    diagnostics.push(
                        Diagnostic::warning(
                            "below-children-sum",
                            &l.src.file,
                            Msg::new("below-children-sum")
                                .arg("locality", &l.src.name)
                                .arg("date", r.date)
                                .arg("key", &metric.key)
                                .arg("value", own.value)
                                .arg("sum", sum.value),
                        )
                        .at_line(r.line)
                        .with_hint(Msg::new("below-children-sum-hint")),
                    );
                    issues.push(QualityIssue {
                        locality: li,
                        metric: m,
                        date: r.date,
                        reported: own,
                        carried_from: None,
                        children_sum: sum,
                        file: l.src.file.clone(),
                        line: r.line,
                    });
                }
            }
        }
        for (m, metric) in site.metrics.iter().enumerate() {
            let Some((r, i)) = carried_below_sum(l, m) else {
                continue;
            };
            let (Some(own), Some(sum)) = (r.values[m], l.series.cell(i, m).children_sum) else {
                continue;
            };
            let date = l.series.dates[i];
            diagnostics.push(
                Diagnostic::warning(
                    "below-children-sum",
                    &l.src.file,
                    Msg::new("below-children-sum-carried")
                        .arg("locality", &l.src.name)
                        .arg("date", date)
                        .arg("key", &metric.key)
                        .arg("value", own.value)
                        .arg("reported", r.date)
                        .arg("sum", sum.value),
                )
                .at_line(r.line)
                .with_hint(
                    Msg::new("below-children-sum-carried-hint")
                        .arg("key", &metric.key)
                        .arg("date", date),
                ),
            );
            issues.push(QualityIssue {
                locality: li,
                metric: m,
                date,
                reported: own,
                carried_from: Some(r.date),
                children_sum: sum,
                file: l.src.file.clone(),
                line: r.line,
            });
        }
    }
    issues
}

/// The locality's last own report of metric `m` and the latest date after it (an index into
/// its series) at which that figure, carried forward, is below the children's sum. `None` when
/// it never is, or already was at the report's own date (which is warned about there).
fn carried_below_sum(l: &Locality, m: usize) -> Option<(&ReportSource, usize)> {
    let r = l
        .src
        .reports
        .iter()
        .rev()
        .find(|r| r.values.get(m).is_some_and(Option::is_some))?;
    let own = r.values[m]?;
    let below = |i: usize| {
        l.series
            .cell(i, m)
            .children_sum
            .is_some_and(|sum| own.value < sum.value)
    };
    let at = l.series.index_at(r.date)?;
    if below(at) {
        return None;
    }
    let i = (at + 1..l.series.len()).rev().find(|&i| below(i))?;
    Some((r, i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn report(month: i8, day: i8, line: usize, households: i64) -> ReportSource {
        let mut values = vec![None; SiteConfig::with_title("t").metrics.len()];
        values[0] = Some(Figure::exact(households));
        ReportSource {
            date: Date::new(2014, month, day).unwrap(),
            line: Some(line),
            values,
            note: None,
            cells: None,
        }
    }

    fn locality(dir: &str, parent: Option<usize>, reports: Vec<ReportSource>) -> LocalitySource {
        LocalitySource {
            dir: PathBuf::from(dir),
            file: Path::new(dir).join("locality.yaml"),
            name: dir.rsplit('/').next().unwrap_or(dir).to_string(),
            level: None,
            slug: None,
            extra: Vec::new(),
            reports,
            parent,
        }
    }

    /// A town (reporting `town`) over two villages whose households add up to 60, 60, 90,
    /// 110 and 150 on 04-01, 05-01, 06-01, 07-01 and 08-01.
    fn town_quality(town: Vec<ReportSource>) -> (Vec<QualityIssue>, Diagnostics) {
        let localities = vec![
            locality("镇", None, town),
            locality(
                "镇/甲村",
                Some(0),
                vec![
                    report(4, 1, 3, 60),
                    report(6, 1, 5, 90),
                    report(8, 1, 7, 130),
                ],
            ),
            locality("镇/乙村", Some(0), vec![report(7, 1, 3, 20)]),
        ];
        let content = Content {
            root: PathBuf::new(),
            site: SiteConfig::with_title("t"),
            localities,
            notes: Vec::new(),
            assets: Vec::new(),
        };
        let mut diagnostics = Diagnostics::default();
        let model = build(content, Reports::Free, &mut diagnostics);
        (model.quality, diagnostics)
    }

    /// Regression: a figure carried forward past its report date was never checked again.
    #[test]
    fn a_carried_forward_figure_passed_by_the_sum_is_warned_once_at_the_latest_date() {
        let (issues, diagnostics) = town_quality(vec![report(5, 1, 4, 100)]);
        let date = |m, d| Date::new(2014, m, d).unwrap();
        assert_eq!(
            issues,
            [QualityIssue {
                locality: 0,
                metric: 0,
                date: date(8, 1),
                reported: Figure::exact(100),
                carried_from: Some(date(5, 1)),
                children_sum: Figure::exact(150),
                file: PathBuf::from("镇/locality.yaml"),
                line: Some(4),
            }]
        );
        let warnings: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.code == "below-children-sum")
            .collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(4));
        assert_eq!(
            warnings[0].message.render(Language::ZhCn),
            "镇 2014-08-01：`households_visited` 沿用 2014-05-01 上报的 100，但下级地区合计已达 150"
        );
        assert_eq!(
            warnings[0].message.render(Language::En),
            "镇 2014-08-01: `households_visited` is 100, carried forward from its report of \
             2014-05-01, but the sub-localities add up to 150"
        );
    }

    #[test]
    fn a_figure_already_below_at_its_report_is_warned_there_only() {
        let (issues, _) = town_quality(vec![report(5, 1, 4, 50)]);
        let dates: Vec<_> = issues.iter().map(|q| (q.date, q.carried_from)).collect();
        assert_eq!(dates, [(Date::new(2014, 5, 1).unwrap(), None)]);
        // A figure that the sum never passes is no issue.
        assert_eq!(town_quality(vec![report(5, 1, 4, 150)]).0, []);
    }
}
