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

use std::collections::{HashMap, HashSet};

/// One thing of the model an output shows. Locality and note indexes are the model's: a change
/// that moves them (a locality or note added, removed or re-dated) is a change of [`Read::Shape`].
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
    /// What exists and in which order: the tree, the notes, the files copied, site.yaml.
    Shape,
}

impl Read {
    /// The site-wide read that stands for this one.
    fn every(self) -> Option<Read> {
        match self {
            Read::Name(_) => Some(Read::EveryName),
            Read::Figures(_) | Read::Dates(_) => Some(Read::EveryFigures),
            Read::Record(_) => Some(Read::EveryRecord),
            Read::Silence(_) => Some(Read::EverySilence),
            Read::NoteHead(_) => Some(Read::EveryNoteHead),
            Read::NoteBody(_) => Some(Read::EveryNoteBody),
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
    /// it read and wrote before.
    pub fn record(&mut self, job: Job, reads: Reads, outputs: Vec<String>) {
        let mut new = reads.0;
        new.sort_unstable();
        new.dedup();
        self.forget(job);
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

    /// Forgets every job (the site's shape changed: indexes mean other things now).
    pub fn clear(&mut self) {
        self.by_read.clear();
        self.by_job.clear();
    }

    /// The jobs that read anything in `changed` (or the site-wide read standing for it), sorted.
    pub fn jobs(&self, changed: impl IntoIterator<Item = Read>) -> Vec<Job> {
        let mut found = HashSet::new();
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
}
