//! What each output reads of the model, as the code that reads it says: the live rebuild's
//! one source of truth for what an edit touches.
//!
//! Every output belongs to a [`Job`] (a locality's page, a note's page, one page of a list, the
//! search files…). While a job renders, each helper that takes something from the model names
//! it in the job's [`Reads`] (a breadcrumb names the localities it links, a sub-locality row
//! the figures it shows), so a new field or template that reads through those helpers is
//! tracked without a second list anywhere. [`DepMap`] keeps, for every [`Read`], the jobs that
//! made it; after an edit the live engine says which reads changed and renders exactly the jobs
//! behind them.

// Reads and jobs are small enums of indexes, hashed by the million when a change of what exists
// moves them all: FxHash rather than SipHash.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One thing of the model an output shows. Locality, note and tag indexes are the model's: when
/// an edit moves them (a locality or note added, removed or re-dated, a tag new or gone), the
/// live engine carries the map over to the new indexes ([`DepMap::remap`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Read {
    /// A locality's name and page address (breadcrumbs, links, labels).
    Name(usize),
    /// A locality's figures: its rolled-up series and the dates of its own reports.
    Figures(usize),
    /// The dates of its latest report and of the latest in its subtree (a part of its
    /// figures: a list of who is silent shows only these).
    Dates(usize),
    /// Everything else its file says: level, extra fields, its reports as written.
    Record(usize),
    /// Who has not reported, in the subtree of a locality (itself included).
    Silence(usize),
    /// A note's front matter, address and excerpt (what a list shows of it).
    NoteHead(usize),
    /// A note's Markdown.
    NoteBody(usize),
    /// Every locality's name, figures or record; every note's head or body; anyone's silence:
    /// the site-wide outputs read these instead of one entry per locality or note.
    EveryName,
    EveryFigures,
    EveryRecord,
    EverySilence,
    EveryNoteHead,
    EveryNoteBody,
    /// Which sub-localities a locality has, in their order.
    Children(usize),
    /// The top-level localities, in their order.
    Roots,
    /// Which localities there are anywhere (the site-wide stand-in for `Children` and `Roots`).
    Tree,
    /// Which notes a locality has, in their order.
    NotesOf(usize),
    /// Which notes there are, in their order (newest first).
    NoteOrder,
    /// What a note's link to a file of the content (by a hash of its content-relative path)
    /// leads to: a note's page, a copied file, or nothing.
    LinkTo(u64),
    /// The files copied from the content, and their bytes.
    Assets,
    /// Which notes a tag has.
    Tag(usize),
    /// The tags and how many notes each has (their names and addresses are [`Read::Shape`]).
    Tags,
    /// The date of the site's latest report.
    SiteLatest,
    /// The figures below their sub-localities' sum (the data-quality page's table).
    QualityIssues,
    /// The warnings of the content (the data-quality page).
    Warnings,
    /// Whatever no other read names: which data set each page links. A change of it renders
    /// every output.
    Shape,
}

impl Read {
    /// The read of what a note's link to the content file `rel` leads to.
    pub fn link_to(rel: &std::path::Path) -> Read {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        rel.hash(&mut h);
        Read::LinkTo(h.finish())
    }

    /// This read under the indexes of `moves`; None when what it names is gone.
    fn moved(self, moves: &Moves) -> Option<Read> {
        let loc = |i: usize| moves.localities.get(i).copied().flatten();
        let note = |i: usize| moves.notes.get(i).copied().flatten();
        Some(match self {
            Read::Name(i) => Read::Name(loc(i)?),
            Read::Figures(i) => Read::Figures(loc(i)?),
            Read::Dates(i) => Read::Dates(loc(i)?),
            Read::Record(i) => Read::Record(loc(i)?),
            Read::Silence(i) => Read::Silence(loc(i)?),
            Read::Children(i) => Read::Children(loc(i)?),
            Read::NotesOf(i) => Read::NotesOf(loc(i)?),
            Read::NoteHead(i) => Read::NoteHead(note(i)?),
            Read::NoteBody(i) => Read::NoteBody(note(i)?),
            Read::Tag(t) => Read::Tag(moves.tags.get(t).copied().flatten()?),
            other => other,
        })
    }

    /// The site-wide read that stands for this one.
    fn every(self) -> Option<Read> {
        match self {
            Read::Name(_) => Some(Read::EveryName),
            Read::Figures(_) | Read::Dates(_) => Some(Read::EveryFigures),
            Read::Record(_) => Some(Read::EveryRecord),
            Read::Silence(_) => Some(Read::EverySilence),
            Read::NoteHead(_) => Some(Read::EveryNoteHead),
            Read::NoteBody(_) => Some(Read::EveryNoteBody),
            Read::Children(_) | Read::Roots => Some(Read::Tree),
            _ => None,
        }
    }
}

/// One unit of rendering, which writes one or more outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    Home,
    Locality(usize),
    Note(usize),
    /// Page `n` (from 1) of the notes list.
    NotesPage(usize),
    TagIndex,
    /// Page `n` (from 1) of tag `t`'s list.
    TagPage(usize, usize),
    Quality,
    /// The search page and its index.
    Search,
    Feed,
    /// A set of data downloads, by its locality (None: the top level's).
    Data(Option<usize>),
    /// The 404 page, the theme's files and the files copied from the content.
    Fixed,
}

impl Job {
    /// This job under the indexes of `moves`; None when what it renders is gone.
    fn moved(self, moves: &Moves) -> Option<Job> {
        let loc = |i: usize| moves.localities.get(i).copied().flatten();
        Some(match self {
            Job::Locality(i) => Job::Locality(loc(i)?),
            Job::Note(i) => Job::Note(moves.notes.get(i).copied().flatten()?),
            Job::TagPage(t, n) => Job::TagPage(moves.tags.get(t).copied().flatten()?, n),
            Job::Data(Some(i)) => Job::Data(Some(loc(i)?)),
            other => other,
        })
    }
}

/// Where the localities, notes and tags of the model went when it was loaded again: entry `i`
/// of each list is the new index of the old one at `i`, None when it is gone.
#[derive(Debug, Default)]
pub struct Moves {
    pub localities: Vec<Option<usize>>,
    pub notes: Vec<Option<usize>>,
    pub tags: Vec<Option<usize>>,
}

/// What [`DepMap::remap`] found.
#[derive(Debug, Default)]
pub struct Remapped {
    /// Jobs (under their new indexes) that read something gone: they must be rendered again.
    pub stale: Vec<Job>,
    /// The outputs of the jobs whose subject is gone.
    pub gone: Vec<String>,
}

/// What a job read, in the order it read it (duplicates are harmless), and the outputs it
/// wrote.
#[derive(Debug, Default, Clone)]
pub struct Reads(Vec<Read>);

impl Reads {
    pub fn new() -> Reads {
        Reads(vec![Read::Shape])
    }

    pub fn add(&mut self, read: Read) {
        self.0.push(read);
    }

    pub fn extend(&mut self, reads: impl IntoIterator<Item = Read>) {
        self.0.extend(reads);
    }

    pub fn iter(&self) -> impl Iterator<Item = Read> + '_ {
        self.0.iter().copied()
    }
}

/// The jobs behind every read, as the last render of each job declared them.
#[derive(Debug, Default)]
pub struct DepMap {
    by_read: HashMap<Read, HashSet<Job>>,
    /// What each job read and the outputs it wrote (those of a page that can disappear: a
    /// list's page).
    by_job: HashMap<Job, (Vec<Read>, Vec<String>)>,
}

impl DepMap {
    /// Takes what `job` read in its latest render and the outputs it wrote, in place of what
    /// it read and wrote before (`None`: it wrote only some of them, the rest are as they were).
    pub fn record(&mut self, job: Job, reads: Reads, outputs: impl Into<Option<Vec<String>>>) {
        let mut new = reads.0;
        new.sort_unstable();
        new.dedup();
        let before = self.forget(job);
        let outputs = outputs.into().unwrap_or(before);
        for &r in &new {
            self.by_read.entry(r).or_default().insert(job);
        }
        self.by_job.insert(job, (new, outputs));
    }

    /// Forgets `job` (it wrote nothing this time: a list's page the list no longer has), and
    /// gives back the outputs it had written.
    pub fn forget(&mut self, job: Job) -> Vec<String> {
        let Some((reads, outputs)) = self.by_job.remove(&job) else {
            return Vec::new();
        };
        for r in reads {
            if let Some(jobs) = self.by_read.get_mut(&r) {
                jobs.remove(&job);
            }
        }
        outputs
    }

    /// Carries every job and read over to the indexes of `moves`. A job whose locality, note or
    /// tag is gone is forgotten and its outputs given back; a job that read something gone is
    /// kept and named stale.
    pub fn remap(&mut self, moves: &Moves) -> Remapped {
        let mut found = Remapped::default();
        let old = std::mem::take(&mut self.by_job);
        let read_count = self.by_read.len();
        self.by_read = HashMap::with_capacity_and_hasher(read_count, Default::default());
        self.by_job = HashMap::with_capacity_and_hasher(old.len(), Default::default());
        for (job, (reads, outputs)) in old {
            let Some(job) = job.moved(moves) else {
                found.gone.extend(outputs);
                continue;
            };
            let mut kept = Vec::with_capacity(reads.len());
            let mut stale = false;
            for r in reads {
                match r.moved(moves) {
                    Some(r) => kept.push(r),
                    None => stale = true,
                }
            }
            if stale {
                found.stale.push(job);
            }
            kept.sort_unstable();
            kept.dedup();
            for &r in &kept {
                self.by_read.entry(r).or_default().insert(job);
            }
            self.by_job.insert(job, (kept, outputs));
        }
        found.stale.sort_unstable();
        found.gone.sort();
        found
    }

    /// The outputs `job` wrote at its latest render.
    pub fn outputs(&self, job: Job) -> &[String] {
        self.by_job.get(&job).map_or(&[], |(_, o)| o.as_slice())
    }

    /// Forgets every job (the site's shape changed: indexes mean other things now).
    pub fn clear(&mut self) {
        self.by_read.clear();
        self.by_job.clear();
    }

    /// The jobs that read anything in `changed` (or the site-wide read standing for it), sorted.
    pub fn jobs(&self, changed: impl IntoIterator<Item = Read>) -> Vec<Job> {
        let mut found = HashSet::default();
        for read in changed {
            for r in std::iter::once(read).chain(read.every()) {
                if let Some(jobs) = self.by_read.get(&r) {
                    found.extend(jobs.iter().copied());
                }
            }
        }
        let mut jobs: Vec<Job> = found.into_iter().collect();
        jobs.sort_unstable();
        jobs
    }

    /// The known jobs that `pick` picks, sorted.
    pub fn jobs_where(&self, pick: impl Fn(Job) -> bool) -> Vec<Job> {
        let mut jobs: Vec<Job> = self.by_job.keys().copied().filter(|&j| pick(j)).collect();
        jobs.sort_unstable();
        jobs
    }

    /// How many jobs are known.
    pub fn len(&self) -> usize {
        self.by_job.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_job.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_finds_the_jobs_that_read_it_and_its_site_wide_read() {
        let mut map = DepMap::default();
        let mut page = Reads::new();
        page.extend([Read::Name(3), Read::Figures(3), Read::Name(1)]);
        map.record(Job::Locality(3), page, vec!["a/index.html".into()]);
        let mut search = Reads::new();
        search.add(Read::EveryName);
        map.record(Job::Search, search, Vec::new());
        assert_eq!(
            map.jobs([Read::Name(1)]),
            vec![Job::Locality(3), Job::Search]
        );
        assert_eq!(map.jobs([Read::Figures(3)]), vec![Job::Locality(3)]);
        assert_eq!(map.jobs([Read::Figures(4)]), Vec::<Job>::new());
        // A render that reads less replaces what the job read before.
        let mut less = Reads::new();
        less.add(Read::Name(3));
        map.record(Job::Locality(3), less, vec!["a/index.html".into()]);
        assert_eq!(map.jobs([Read::Name(1)]), vec![Job::Search]);
        assert_eq!(map.jobs([Read::Shape]).len(), 2);
        assert_eq!(map.forget(Job::Locality(3)), vec!["a/index.html"]);
        assert_eq!(map.jobs([Read::Name(3)]), vec![Job::Search]);
        assert_eq!(map.len(), 1);
    }

    #[test]
    fn a_remap_moves_jobs_and_reads_and_names_what_read_something_gone() {
        let mut map = DepMap::default();
        let mut page = Reads::new();
        page.extend([Read::Name(0), Read::Name(2), Read::Children(2)]);
        map.record(Job::Locality(2), page, vec!["b/index.html".into()]);
        let mut gone = Reads::new();
        gone.add(Read::Name(1));
        map.record(Job::Locality(1), gone, vec!["a/index.html".into()]);
        let mut parent = Reads::new();
        parent.extend([Read::Name(0), Read::Name(1), Read::NoteHead(0)]);
        map.record(Job::Locality(0), parent, vec!["index.html".into()]);
        // Locality 1 is gone; 2 is now 1; note 0 is now 1 (one came before it).
        let moves = Moves {
            localities: vec![Some(0), None, Some(1)],
            notes: vec![Some(1)],
            tags: Vec::new(),
        };
        let found = map.remap(&moves);
        assert_eq!(found.gone, vec!["a/index.html"]);
        assert_eq!(found.stale, vec![Job::Locality(0)]);
        assert_eq!(map.jobs([Read::Name(1)]), vec![Job::Locality(1)]);
        assert_eq!(map.jobs([Read::NoteHead(1)]), vec![Job::Locality(0)]);
        assert_eq!(map.outputs(Job::Locality(1)), ["b/index.html"]);
        assert_eq!(map.len(), 2);
    }
}
