//! What an edit that changes what exists did to the site: a locality or note added, removed or
//! renamed, a new slug, a note that moves in the order of the notes, a tag that appears or goes,
//! a file beside the notes. The content is loaded again and the new model compared with the old
//! one entry by entry, matched by folder and file rather than by index: the reads that differ
//! (under the new indexes), where every old index went (to carry the map of what each output
//! read over to the new ones), and the jobs of what is new.

use super::note_head;
use crate::content::LocalitySource;
use crate::model::SiteModel;
use crate::render::data::{Scope, Sets};
use crate::render::{Job, Moves, Read, SearchMoves};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What differs between the model before an edit and the one loaded after it.
pub(super) struct Diff {
    pub moves: Moves,
    /// The reads that differ, under the new indexes.
    pub reads: Vec<Read>,
    /// Jobs to render whatever they read: what is new to the site, and the pages whose chain
    /// of ancestors changed.
    pub jobs: Vec<Job>,
    /// Every locality and note kept its index (nothing added, removed or moved in the order):
    /// the kept search index can be brought up to date; otherwise it is made again.
    pub same_indexes: bool,
    /// The search documents whose terms changed (under the new indexes): notes by index, then
    /// localities after the notes.
    pub reindex: Vec<usize>,
}

impl Diff {
    /// Where the search documents went, when they moved: each old document's new id (None when
    /// it is gone or counted again), and the new ids to count (new to the site, or changed).
    pub fn search_moves(&self, new_notes: usize, new_localities: usize) -> SearchMoves {
        let recount: HashSet<usize> = self.reindex.iter().copied().collect();
        let old_notes = self.moves.notes.len();
        let moved: Vec<Option<usize>> = self
            .moves
            .notes
            .iter()
            .copied()
            .chain(
                self.moves
                    .localities
                    .iter()
                    .map(|j| j.map(|j| new_notes + j)),
            )
            .map(|to| to.filter(|d| !recount.contains(d)))
            .collect();
        let mut kept = vec![false; new_notes + new_localities];
        for &to in moved.iter().flatten() {
            kept[to] = true;
        }
        debug_assert_eq!(moved.len(), old_notes + self.moves.localities.len());
        let added = (0..kept.len()).filter(|&d| !kept[d]).collect();
        SearchMoves { moved, added }
    }
}

/// Compares `old` with `new`. None when only a whole render takes the change: the site starts
/// or stops having any report (every page's 上报情况 changes), or its data is split into other
/// sets (every page's download line may change).
pub(super) fn diff(old: &SiteModel, new: &SiteModel) -> Option<Diff> {
    let (old_cutoff, new_cutoff) = (old.silence_cutoff(), new.silence_cutoff());
    if old_cutoff.is_some() != new_cutoff.is_some() {
        return None;
    }
    let moves = moves(old, new);
    let loc_back = back(&moves.localities, new.localities.len());
    if !same_sets(old, new, &moves.localities) {
        return None;
    }
    let mut reads = Vec::new();
    let mut jobs = Vec::new();
    let loc = |i: usize| moves.localities[i];
    for (j, now) in new.localities.iter().enumerate() {
        let Some(i) = loc_back[j] else {
            jobs.push(Job::Locality(j));
            jobs.push(Job::Data(Some(j)));
            continue;
        };
        let was = &old.localities[i];
        if was.page() != now.page() || was.src.name != now.src.name {
            reads.push(Read::Name(j));
        }
        if was.series != now.series
            || (was.latest_own, was.previous_own) != (now.latest_own, now.previous_own)
        {
            reads.push(Read::Figures(j));
        }
        if was.latest() != now.latest() || was.latest_own != now.latest_own {
            reads.push(Read::Dates(j));
        }
        if !same_record(&was.src, &now.src) {
            reads.push(Read::Record(j));
        }
        if was.src.parent.and_then(loc) != now.src.parent {
            // Its breadcrumbs, and those of everything below it, name other ancestors.
            subtree_jobs(new, j, &mut jobs);
        }
        if !mapped_eq(&was.children, &now.children, loc) {
            reads.push(Read::Children(j));
        }
        if !mapped_eq(&was.notes, &now.notes, |n| moves.notes[n]) {
            reads.push(Read::NotesOf(j));
        }
    }
    if !mapped_eq(&old.roots, &new.roots, loc) {
        reads.push(Read::Roots);
    }
    if let (Some(was), Some(now)) = (old_cutoff, new_cutoff) {
        if was != now {
            reads.push(Read::SiteLatest);
        }
        let mut marked = HashSet::new();
        for (j, back) in loc_back.iter().enumerate() {
            let before = back.is_some_and(|i| old.is_silent(i, was));
            if before != new.is_silent(j, now) {
                let mut cur = Some(j);
                while let Some(c) = cur.filter(|c| marked.insert(*c)) {
                    reads.push(Read::Silence(c));
                    cur = new.localities[c].src.parent;
                }
            }
        }
        // One silent that is gone no longer counts in the lists and sums of its ancestors.
        for (i, _) in moves
            .localities
            .iter()
            .enumerate()
            .filter(|(_, j)| j.is_none())
        {
            if old.is_silent(i, was) {
                reads.push(Read::EverySilence);
                let mut cur = old.localities[i].src.parent;
                while let Some(c) = cur {
                    if let Some(j) = loc(c).filter(|j| marked.insert(*j)) {
                        reads.push(Read::Silence(j));
                    }
                    cur = old.localities[c].src.parent;
                }
            }
        }
    }
    let quality_moved = old.quality.len() != new.quality.len()
        || old.quality.iter().zip(&new.quality).any(|(a, b)| {
            loc(a.locality) != Some(b.locality)
                || (a.metric, a.date, a.carried_from, &a.file, a.line)
                    != (b.metric, b.date, b.carried_from, &b.file, b.line)
                || (&a.reported, &a.children_sum) != (&b.reported, &b.children_sum)
        });
    if quality_moved {
        reads.push(Read::QualityIssues);
    }

    let note_back = back(&moves.notes, new.notes.len());
    for (k, now) in new.notes.iter().enumerate() {
        let Some(o) = note_back[k] else {
            jobs.push(Job::Note(k));
            continue;
        };
        let was = &old.notes[o];
        if note_head(&was.src) != note_head(&now.src)
            || was.path != now.path
            || was.src.locality.and_then(loc) != now.src.locality
        {
            reads.push(Read::NoteHead(k));
        }
        if (was.src.body_hash, was.src.body_line) != (now.src.body_hash, now.src.body_line) {
            reads.push(Read::NoteBody(k));
        }
    }
    let same_notes = note_back.iter().enumerate().all(|(k, o)| *o == Some(k))
        && old.notes.len() == new.notes.len();
    if !same_notes {
        reads.push(Read::NoteOrder);
    }

    let tag_back = back(&moves.tags, new.tags.len());
    let mut tags_changed = old.tags.len() != new.tags.len();
    for (u, now) in new.tags.iter().enumerate() {
        match tag_back[u] {
            Some(t) => {
                let was = &old.tags[t];
                tags_changed |= was.notes.len() != now.notes.len();
                if !mapped_eq(&was.notes, &now.notes, |n| moves.notes[n]) {
                    reads.push(Read::Tag(u));
                }
            }
            None => {
                tags_changed = true;
                jobs.push(Job::TagPage(u, 0));
            }
        }
    }
    if tags_changed {
        reads.push(Read::Tags);
    }

    for (rel, out) in &new.links {
        if old.links.get(rel) != Some(out) {
            reads.push(Read::link_to(rel));
        }
    }
    for rel in old.links.keys().filter(|r| !new.links.contains_key(*r)) {
        reads.push(Read::link_to(rel));
    }
    let same_assets = old.assets.len() == new.assets.len()
        && old
            .assets
            .iter()
            .zip(&new.assets)
            .all(|(a, b)| (&a.source, &a.path) == (&b.source, &b.path));
    if !same_assets {
        reads.push(Read::Assets);
    }

    let same_indexes = same_notes
        && old.localities.len() == new.localities.len()
        && loc_back.iter().enumerate().all(|(j, i)| *i == Some(j));
    let reindex = search_docs(new, &reads);
    Some(Diff {
        moves,
        reads,
        jobs,
        same_indexes,
        reindex,
    })
}

/// Where every old locality, note and tag is in `new`, matched by folder, file and name.
fn moves(old: &SiteModel, new: &SiteModel) -> Moves {
    let dirs: HashMap<&Path, usize> = new
        .localities
        .iter()
        .enumerate()
        .map(|(j, l)| (l.src.dir.as_path(), j))
        .collect();
    let rels: HashMap<&Path, usize> = new
        .notes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.src.rel.as_path(), k))
        .collect();
    let names: HashMap<&str, usize> = new
        .tags
        .iter()
        .enumerate()
        .map(|(u, t)| (t.name.as_str(), u))
        .collect();
    Moves {
        localities: old
            .localities
            .iter()
            .map(|l| dirs.get(l.src.dir.as_path()).copied())
            .collect(),
        notes: old
            .notes
            .iter()
            .map(|n| rels.get(n.src.rel.as_path()).copied())
            .collect(),
        tags: old
            .tags
            .iter()
            .map(|t| names.get(t.name.as_str()).copied())
            .collect(),
    }
}

/// The inverse of a move: for each of the `len` new entries, the old one it was.
fn back(moved: &[Option<usize>], len: usize) -> Vec<Option<usize>> {
    let mut back = vec![None; len];
    for (i, j) in moved.iter().enumerate() {
        if let Some(j) = *j {
            back[j] = Some(i);
        }
    }
    back
}

/// Whether the old list, its entries moved by `map`, is the new one.
fn mapped_eq(old: &[usize], new: &[usize], map: impl Fn(usize) -> Option<usize>) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(&a, &b)| map(a) == Some(b))
}

/// Whether two files of a locality say the same (their parent, an index, aside).
fn same_record(a: &LocalitySource, b: &LocalitySource) -> bool {
    // Named field by field so that a new field cannot be left out of the comparison.
    let LocalitySource {
        dir,
        file,
        name,
        level,
        slug,
        extra,
        reports,
        parent: _,
    } = a;
    (dir, file, name, level, slug, extra, reports)
        == (
            &b.dir, &b.file, &b.name, &b.level, &b.slug, &b.extra, &b.reports,
        )
}

/// The pages of locality `j`, of everything below it, and of their notes.
fn subtree_jobs(model: &SiteModel, j: usize, jobs: &mut Vec<Job>) {
    let mut below = vec![j];
    while let Some(c) = below.pop() {
        let l = &model.localities[c];
        jobs.push(Job::Locality(c));
        jobs.extend(l.notes.iter().map(|&n| Job::Note(n)));
        below.extend(&l.children);
    }
}

/// Whether every locality that has a data set has it in both models (the same kind of set),
/// and none other.
fn same_sets(old: &SiteModel, new: &SiteModel, loc: &[Option<usize>]) -> bool {
    let (was, now) = (Sets::new(old), Sets::new(new));
    if was.is_split() != now.is_split() {
        return false;
    }
    if !now.is_split() {
        return true;
    }
    let kind = |s: Option<Scope>| match s {
        None => 0,
        Some(Scope::Site) => 1,
        Some(Scope::Top) => 2,
        Some(Scope::Subtree(_)) => 3,
        Some(Scope::Children(_)) => 4,
    };
    // A locality gone takes only its own set with it (the job is forgotten), and one new to
    // the site is asked for its own (see [`diff`]).
    (0..old.localities.len())
        .all(|i| loc[i].is_none_or(|j| kind(was.scope(Some(i))) == kind(now.scope(Some(j)))))
}

/// The search documents whose terms `reads` changed: the notes whose head or body changed, and
/// each locality whose name or address changed with everything below it (their documents name
/// their places).
fn search_docs(model: &SiteModel, reads: &[Read]) -> Vec<usize> {
    let notes = model.notes.len();
    let mut docs = Vec::new();
    for r in reads {
        match *r {
            Read::NoteHead(k) | Read::NoteBody(k) => docs.push(k),
            Read::Name(j) => {
                let mut below = vec![j];
                while let Some(c) = below.pop() {
                    let l = &model.localities[c];
                    docs.push(notes + c);
                    docs.extend(&l.notes);
                    below.extend(&l.children);
                }
            }
            _ => {}
        }
    }
    docs.sort_unstable();
    docs.dedup();
    docs
}
