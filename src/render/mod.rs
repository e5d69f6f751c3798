//! Stage 3, render: the site model → the site's files as bytes. No I/O here beyond handing each
//! finished file to a sink, so pages stream out as they are rendered and need not all sit in
//! memory at once.

pub mod chart_data;
pub mod data;
pub mod deps;
pub mod feed;
pub mod note_body;
pub mod search;
pub mod theme;
pub mod views;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::l10n::Msg;
use crate::model::{Note, Series, SiteModel};
use crate::timings::{Part, Timings};
use anyhow::Result;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use tera::Context;
pub use theme::Theme;
use views::*;

pub use deps::{DepMap, Job, Moves, Read, Reads, Remapped};

/// What a finished output file holds: rendered bytes, a content file to copy as it is, or
/// bytes written piece by piece (the data downloads, too large at national scale to hold whole).
pub enum Body<'a> {
    Bytes(Vec<u8>),
    Copy(PathBuf),
    Stream(data::Stream<'a>),
}

/// One file of the site, at a `/`-separated path relative to the output folder.
pub struct OutputFile<'a> {
    pub path: String,
    pub body: Body<'a>,
}

/// Where rendered files go (a folder being published, memory in tests).
pub type Sink<'a> = dyn for<'f> Fn(OutputFile<'f>) -> Result<()> + Sync + 'a;

/// Where the notes' Markdown comes from. Render reads no files: a model loaded without the
/// bodies (a one-off build lets them go: at 100,000 notes they were the largest thing it held)
/// comes with a reader that fetches each body when its page and index entry are made, and a
/// model that holds them hands them out as they are.
pub trait NoteBodies: Sync {
    /// The Markdown of `note`, or why it cannot be had (its file changed since it was loaded).
    fn body<'m>(&self, note: &'m Note) -> Result<Cow<'m, str>>;
}

/// What rendering produced.
#[derive(Debug, Default)]
pub struct RenderReport {
    pub pages: usize,
    pub files: usize,
    pub diagnostics: Diagnostics,
    /// What each rendered job read and wrote, when the selection tracked it.
    pub declared: Vec<Declared>,
}

/// Notes on the home page.
const HOME_NOTES: usize = 8;
/// Bytes reserved for a rendered page (a village page with its charts is about this size).
const PAGE_CAPACITY: usize = 32 << 10;

/// The relative prefix from an output path to the site root: `a/b/index.html` → `../../`.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The page a web server sends for any missing path, at any depth.
pub const NOT_FOUND: &str = "404.html";

/// Where a page's links start from: the relative prefix to the site root, so that the site works
/// from any sub-path, `file://` and an unzipped archive; but `base_url` for 404.html when the
/// site has one, because a server sends that page in place of any missing path, where relative
/// links would point below the site root.
pub fn page_root(base_url: Option<&str>, path: &str) -> String {
    match base_url {
        Some(base) if path == NOT_FOUND => base.to_string(),
        _ => root_prefix(path),
    }
}

/// The link from the page at `page`, whose [`page_root`] is `root`, to the site path `to`
/// (templates write `{{ to | href }}`): the shortest relative one, or `root` and `to` when
/// `root` is an absolute address.
pub fn href(root: &str, page: &str, to: &str) -> String {
    if root == root_prefix(page) {
        crate::paths::link(page, to)
    } else {
        format!("{root}{to}")
    }
}

/// A site path as a URI reference (and inside a tag URI's specific string, which allows `/` too):
/// anything but unreserved characters and `/` percent-encoded. Output paths are ASCII slugs
/// already; this is a guard.
pub fn uri_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The address of a site path: absolute under the site's `base_url` when it has one, otherwise
/// relative to the site root.
pub fn site_url(base_url: Option<&str>, path: &str) -> String {
    format!("{}{}", base_url.unwrap_or_default(), uri_path(path))
}

struct Renderer<'a> {
    model: &'a SiteModel,
    bodies: &'a dyn NoteBodies,
    tera: &'a tera::Tera,
    sink: &'a Sink<'a>,
    pages: AtomicUsize,
    files: AtomicUsize,
    diagnostics: Mutex<Diagnostics>,
    timings: &'a Timings,
    chart_style: &'a crate::charts::Style,
    /// [`stale_localities`], found once for quality.html.
    silent: OnceLock<Option<(Date, Vec<usize>)>>,
    /// Which localities have a data set, found once for every page's download line.
    sets: OnceLock<data::Sets<'a>>,
    /// What each job read and wrote, when the selection asks for it ([`Selection::track`]).
    tracked: Option<Mutex<Vec<Declared>>>,
}

/// A rendered job, what it read and the pages it wrote.
#[derive(Debug)]
pub struct Declared {
    pub job: Job,
    pub reads: Reads,
    /// Every output it wrote; `None` when it wrote only those that changed (the kept search
    /// index brought up to date), the others being as before.
    pub outputs: Option<Vec<String>>,
}

/// Which outputs of the site to render: all of them for a build, a few after an edit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub home: bool,
    pub localities: Vec<usize>,
    pub notes: Vec<usize>,
    /// The notes list and every tag page.
    pub lists: bool,
    /// Some pages of the lists ([`Job::NotesPage`], [`Job::TagIndex`], [`Job::TagPage`]).
    pub list_pages: Vec<Job>,
    pub quality: bool,
    /// Every set of data files ([`data::Sets::all`]).
    pub data: bool,
    /// Some sets of data files, by their locality (None: the top level's).
    pub data_sets: Vec<Option<usize>>,
    /// The 404 page, the theme's static files and the files copied from the content.
    pub fixed: bool,
    /// search.html and search-index.js: localities' names and places, notes' text and tags.
    pub search: bool,
    /// feed.xml: the newest notes.
    pub feed: bool,
    /// The search documents whose terms changed (notes by index, then localities after the
    /// notes), for a kept search index ([`Input::index`]).
    pub search_docs: Vec<usize>,
    /// Where the kept search index's documents went, when they moved ([`search::LiveIndex::remap`]).
    pub search_moves: Option<SearchMoves>,
    /// Say what each job read ([`RenderReport::reads`]), for the live rebuild's [`DepMap`].
    pub track: bool,
}

/// Documents of the search index that moved: `moved[old id]` is the new id (None: gone, or its
/// terms changed), `added` the new ids to count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchMoves {
    pub moved: Vec<Option<usize>>,
    pub added: Vec<usize>,
}

impl Selection {
    pub fn all(model: &SiteModel) -> Selection {
        Selection {
            home: true,
            localities: (0..model.localities.len()).collect(),
            notes: (0..model.notes.len()).collect(),
            lists: true,
            list_pages: Vec::new(),
            quality: true,
            data: true,
            data_sets: Vec::new(),
            fixed: true,
            search: true,
            feed: true,
            search_docs: Vec::new(),
            search_moves: None,
            track: false,
        }
    }

    /// The outputs of `jobs`, with what they read.
    pub fn of_jobs(jobs: &[Job]) -> Selection {
        let mut sel = Selection {
            track: true,
            ..Selection::default()
        };
        for &job in jobs {
            match job {
                Job::Home => sel.home = true,
                Job::Locality(i) => sel.localities.push(i),
                Job::Note(i) => sel.notes.push(i),
                // `TagPage(t, 0)`: every page of tag `t` (its notes changed: it may have more
                // or fewer pages now).
                Job::NotesPage(_) | Job::TagIndex | Job::TagPage(..) => sel.list_pages.push(job),
                Job::Quality => sel.quality = true,
                Job::Search => sel.search = true,
                Job::Feed => sel.feed = true,
                Job::Data(set) => sel.data_sets.push(set),
                Job::Fixed => sel.fixed = true,
            }
        }
        sel
    }
}

/// Renders every page, data file and copied file of the site into `sink`, the notes' Markdown
/// from `bodies` (asked a chunk of notes at a time, each body let go after its chunk).
pub fn render(
    model: &SiteModel,
    bodies: &dyn NoteBodies,
    warnings: &Diagnostics,
    theme: &mut Theme,
    sink: &Sink,
    timings: &Timings,
) -> Result<RenderReport> {
    let style = crate::charts::Style::new(model.site.text_lang());
    let all = Selection::all(model);
    let input = Input {
        model,
        bodies,
        warnings,
        index: None,
    };
    render_selected(&input, theme, sink, timings, &all, &style)
}

/// What rendering reads: the model, the notes' Markdown, and the warnings the stages before
/// found (listed on the data-quality page with render's own).
pub struct Input<'a> {
    pub model: &'a SiteModel,
    pub bodies: &'a dyn NoteBodies,
    pub warnings: &'a Diagnostics,
    /// A search index kept between renders (the live rebuild's): made whole when empty, else
    /// brought up to date for [`Selection::search_docs`].
    pub index: Option<&'a Mutex<Option<search::LiveIndex>>>,
}

/// Renders the selected outputs into `sink`. `chart_style` carries chart frames that may be reused
/// from an earlier render.
pub fn render_selected(
    input: &Input,
    theme: &mut Theme,
    sink: &Sink,
    timings: &Timings,
    sel: &Selection,
    chart_style: &crate::charts::Style,
) -> Result<RenderReport> {
    let (model, bodies) = (input.model, input.bodies);
    set_globals(model, &mut theme.tera);
    let r = Renderer {
        model,
        bodies,
        tera: &theme.tera,
        sink,
        pages: AtomicUsize::new(0),
        files: AtomicUsize::new(0),
        diagnostics: Mutex::new(Diagnostics::default()),
        timings,
        chart_style,
        silent: OnceLock::new(),
        sets: OnceLock::new(),
        tracked: sel.track.then(Mutex::default),
    };
    // The notes and the search index run beside the other pages. With the index, each chunk of
    // notes is indexed while the selected ones among them are rendered (with the bodies read
    // again when the model holds none, and let go after).
    let (indexed, pages) = rayon::join(
        || -> Result<()> {
            if sel.search && input.index.is_none() {
                let index = r.notes_and_index(&sel.notes)?;
                r.search(index)?;
            } else {
                sel.notes
                    .par_iter()
                    .try_for_each(|&i| r.note(i, &bodies.body(&model.notes[i])?).map(drop))?;
                if let (true, Some(slot)) = (sel.search, input.index) {
                    r.kept_search(slot, &sel.search_docs, sel.search_moves.as_ref())?;
                }
            }
            if sel.feed {
                let xml = r.timings.time(Part::Search, || feed::feed_xml(model));
                r.file("feed.xml", xml)?;
                // The newest notes, whole.
                r.declare(
                    Job::Feed,
                    Some("feed.xml"),
                    [Read::NoteOrder, Read::EveryNoteHead, Read::EveryNoteBody],
                );
            }
            Ok(())
        },
        || r.render_pages(sel, theme),
    );
    indexed?;
    pages?;
    // Last, when every page has said what it found.
    if sel.quality {
        r.quality(input.warnings)?;
    }
    Ok(RenderReport {
        pages: r.pages.into_inner(),
        files: r.files.into_inner(),
        diagnostics: r.diagnostics.into_inner().unwrap_or_default(),
        declared: r
            .tracked
            .map(|t| t.into_inner().unwrap_or_else(|e| e.into_inner()))
            .unwrap_or_default(),
    })
}

/// Values every template sees: interface strings, the site, its phases and metrics.
fn set_globals(model: &SiteModel, tera: &mut tera::Tera) {
    let site = &model.site;
    let text_lang = site.text_lang();
    theme::register_filters(tera, text_lang);
    let g = tera.global_context();
    g.insert("content_lang", &text_lang.content_tag());
    g.insert("t", &site.language.strings());
    g.insert("lang", site.language.tag());
    g.insert("site_title", &site.title);
    g.insert("site_description", &site.description);
    g.insert("phases", &phases(site));
    g.insert("metrics", &metric_heads(site));
    g.insert("generator", concat!("minqing ", env!("CARGO_PKG_VERSION")));
}

impl Renderer<'_> {
    /// Keeps what `job` read and the page it wrote (if one), when the render is tracked.
    fn declare(&self, job: Job, page: Option<&str>, reads: impl IntoIterator<Item = Read>) {
        self.declare_outputs(
            job,
            Some(page.into_iter().map(str::to_string).collect()),
            reads,
        );
    }

    /// [`Self::declare`] for a job that writes other outputs than one page.
    fn declare_outputs(
        &self,
        job: Job,
        outputs: Option<Vec<String>>,
        reads: impl IntoIterator<Item = Read>,
    ) {
        if let Some(tracked) = &self.tracked {
            let mut all = Reads::new();
            all.extend(reads);
            tracked
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(Declared {
                    job,
                    reads: all,
                    outputs,
                });
        }
    }

    /// Which localities have a data set, found at the first ask.
    fn sets(&self) -> &data::Sets<'_> {
        self.sets.get_or_init(|| data::Sets::new(self.model))
    }

    /// The localities that have not reported ([`stale_localities`]), found at the first ask.
    fn silent(&self) -> Option<&(Date, Vec<usize>)> {
        self.silent
            .get_or_init(|| stale_localities(self.model))
            .as_ref()
    }

    /// Everything selected but the notes, the search index and the feed.
    fn render_pages(&self, sel: &Selection, theme: &Theme) -> Result<()> {
        let (r, model) = (self, self.model);
        if sel.home {
            r.home()?;
        }
        sel.localities.par_iter().try_for_each(|&i| r.locality(i))?;
        if sel.lists || !sel.list_pages.is_empty() {
            r.note_lists(|job| sel.lists || sel.list_pages.contains(&job))?;
        }
        let sets: Vec<data::DataSet> = if sel.data {
            r.sets().all()
        } else {
            sel.data_sets
                .iter()
                .filter_map(|&k| r.sets().set(k))
                .collect()
        };
        sets.par_iter().try_for_each(|set| -> Result<()> {
            let mut outputs = Vec::new();
            for (path, write) in data::streams(model, set) {
                r.files.fetch_add(1, Ordering::Relaxed);
                outputs.push(path.clone());
                (r.sink)(OutputFile {
                    path,
                    body: Body::Stream(write),
                })?;
            }
            r.declare_outputs(Job::Data(set.locality), Some(outputs), set.reads());
            Ok(())
        })?;
        if sel.fixed {
            r.simple_page("404.html", NOT_FOUND, model.site.language.text("not_found"))?;
            let mut outputs = vec![NOT_FOUND.to_string()];
            for (name, bytes) in &theme.statics {
                let path = format!("static/{name}");
                r.file(&path, bytes.clone())?;
                outputs.push(path);
            }
            model.assets.par_iter().try_for_each(|a| {
                r.files.fetch_add(1, Ordering::Relaxed);
                (r.sink)(OutputFile {
                    path: a.path.clone(),
                    body: Body::Copy(a.source.clone()),
                })
            })?;
            outputs.extend(model.assets.iter().map(|a| a.path.clone()));
            r.declare_outputs(Job::Fixed, Some(outputs), [Read::Assets]);
        }
        Ok(())
    }

    fn context(&self, path: &str, title: &str) -> Context {
        let base_url = self.model.site.base_url.as_deref();
        let mut ctx = Context::new();
        ctx.insert("root", &page_root(base_url, path));
        ctx.insert("path", path);
        ctx.insert("page_title", title);
        // The top level's set, which names no locality.
        ctx.insert("data", &self.downloads(None, &mut Reads::new()));
        // The page's own address, for `<link rel="canonical">`; none without base_url.
        ctx.insert("canonical", &base_url.map(|b| site_url(Some(b), path)));
        ctx.insert("print_footer", &css_string(&self.model.site.title));
        ctx
    }

    /// The download line of a page of `locality` (None: any other page).
    fn downloads(&self, locality: Option<usize>, reads: &mut Reads) -> Downloads<'_> {
        let m = self.model;
        let (of, scope) = self.sets().linked(locality);
        reads.extend(of.map(Read::Name));
        let dir = data::set_dir(m, of);
        let lang = m.site.language;
        let (label, name) = match scope {
            data::Scope::Site => (lang.text("downloads"), None),
            data::Scope::Top => (lang.text("downloads_top"), None),
            data::Scope::Subtree(i) => (lang.text("downloads_subtree"), Some(i)),
            data::Scope::Children(i) => (lang.text("downloads_children"), Some(i)),
        };
        let (before, after) = label.split_once("{name}").unwrap_or((label, ""));
        Downloads {
            json: format!("{dir}/localities.json"),
            csv: format!("{dir}/localities.csv"),
            xlsx: data::has_xlsx(m).then(|| format!("{dir}/localities.xlsx")),
            before,
            name: name.map(|i| m.localities[i].src.name.as_str()),
            after,
        }
    }

    /// The line a printed page of `name`'s figures carries at the foot of every sheet.
    fn print_footer(&self, name: &str, as_of: Option<Date>) -> String {
        let text = match as_of {
            Some(d) => self
                .model
                .site
                .language
                .text("print_footer")
                .replace("{name}", name)
                .replace("{date}", &d.to_string()),
            None => name.to_string(),
        };
        css_string(&text)
    }

    fn page(&self, template: &str, path: &str, ctx: &Context) -> Result<()> {
        // Rendered straight into bytes, sized for a typical page, so the page is neither
        // regrown nor checked as UTF-8 once more.
        let mut html = Vec::with_capacity(PAGE_CAPACITY);
        self.timings
            .time(Part::Templates, || {
                self.tera.render_to(template, ctx, &mut html)
            })
            .map_err(|e| {
                Msg::new("template-render-failed")
                    .arg("path", path)
                    .arg("template", template)
                    .arg("error", error_chain(&e))
            })?;
        self.pages.fetch_add(1, Ordering::Relaxed);
        (self.sink)(OutputFile {
            path: path.to_string(),
            body: Body::Bytes(html),
        })
    }

    fn file(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        (self.sink)(OutputFile {
            path: path.to_string(),
            body: Body::Bytes(bytes),
        })
    }

    fn note_items(&self, indexes: &[usize], reads: &mut Reads) -> Vec<NoteItem<'_>> {
        indexes
            .iter()
            .map(|&i| note_item(self.model, i, &self.model.notes[i].src.excerpt, reads))
            .collect()
    }

    fn home(&self) -> Result<()> {
        let m = self.model;
        let mut reads = Reads::new();
        // Which localities are at the top, which notes are the newest and how many there are.
        reads.extend([Read::Roots, Read::NoteOrder]);
        let mut ctx = self.context("index.html", &m.site.title);
        // The whole tree is always a sum (the template does not say so on every card).
        let roots: Vec<&Series> = m.roots.iter().map(|&i| &m.localities[i].series).collect();
        reads.extend(m.roots.iter().map(|&i| Read::Figures(i)));
        ctx.insert("figures", &figures(&m.total, &roots, None, &m.site));
        ctx.insert(
            "print_footer",
            &self.print_footer(&m.site.title, m.total.dates.last().copied()),
        );
        let rows: Vec<LocalityRow> = m
            .roots
            .iter()
            .map(|&i| locality_row(m, i, &mut reads))
            .collect();
        ctx.insert("localities", &rows);
        reads.add(Read::EverySilence);
        // Counted, not listed: the list's order (quality.html's) is not needed here.
        let silent = m.silence_cutoff().map_or(0, |cutoff| {
            (0..m.localities.len())
                .filter(|&i| m.is_silent(i, cutoff))
                .count()
        });
        let reporting = (silent > 0).then(|| {
            m.site
                .language
                .text("reporting_home")
                .replace("{n}", &silent.to_string())
                .replace("{days}", &m.site.stale_after_days.to_string())
        });
        ctx.insert("reporting", &reporting);
        let latest: Vec<usize> = (0..m.notes.len().min(HOME_NOTES)).collect();
        ctx.insert("notes", &self.note_items(&latest, &mut reads));
        ctx.insert("notes_total", &m.notes.len());
        ctx.insert(
            "charts",
            &self.timings.time(Part::Charts, || {
                chart_data::page_charts(m, self.chart_style, &m.total, &m.roots, true, &mut reads)
            }),
        );
        self.page("index.html", "index.html", &ctx)?;
        self.declare(Job::Home, Some("index.html"), reads.iter());
        Ok(())
    }

    fn locality(&self, i: usize) -> Result<()> {
        let m = self.model;
        let l = &m.localities[i];
        let path = l.page();
        let mut reads = Reads::new();
        reads.extend([
            Read::Name(i),
            Read::Figures(i),
            Read::Record(i),
            Read::Children(i),
            Read::NotesOf(i),
        ]);
        let mut ctx = self.context(&path, &l.src.name);
        ctx.insert("name", &l.src.name);
        ctx.insert("level", &l.src.level);
        ctx.insert("extra", &l.src.extra);
        ctx.insert("breadcrumbs", &breadcrumbs(m, Some(i), false, &mut reads));
        ctx.insert("data", &self.downloads(Some(i), &mut reads));
        ctx.insert("print_footer", &self.print_footer(&l.src.name, l.latest()));
        let children: Vec<&Series> = l
            .children
            .iter()
            .map(|&c| &m.localities[c].series)
            .collect();
        reads.extend(l.children.iter().map(|&c| Read::Figures(c)));
        ctx.insert(
            "figures",
            &figures(&l.series, &children, l.previous_own, &m.site),
        );
        let mut rows: Vec<LocalityRow> = l
            .children
            .iter()
            .map(|&c| locality_row(m, c, &mut reads))
            .collect();
        views::slowest_first(&mut rows);
        let by_rate = rows
            .iter()
            .any(|r| r.completion.is_some_and(|(_, w)| w > 0));
        ctx.insert("children_by_rate", &by_rate);
        ctx.insert("children", &rows);
        ctx.insert("notes", &self.note_items(&l.notes, &mut reads));
        ctx.insert("reporting", &late_below(m, i, &mut reads));
        // Relative to the content folder: the page must not depend on where it was built.
        let source = l.src.dir.join("locality.yaml");
        ctx.insert("source_file", &source.to_string_lossy().replace('\\', "/"));
        ctx.insert(
            "charts",
            &self.timings.time(Part::Charts, || {
                chart_data::page_charts(
                    m,
                    self.chart_style,
                    &l.series,
                    &l.children,
                    false,
                    &mut reads,
                )
            }),
        );
        self.page("locality.html", &path, &ctx)?;
        self.declare(Job::Locality(i), Some(&path), reads.iter());
        Ok(())
    }

    /// The search index, with the pages of the notes in `pages` (every note, in a full build):
    /// each note's terms are counted from the same parse as its page when it has one, and its
    /// body, read again when the model holds none, is let go after its chunk.
    fn notes_and_index(&self, pages: &[usize]) -> Result<search::IndexBuilder<'_>> {
        let model = self.model;
        let mut with_page = vec![false; model.notes.len()];
        for &i in pages {
            with_page[i] = true;
        }
        let mut index = search::IndexBuilder::new(model);
        index.add_notes(self.timings, |i, index| {
            let body = self.bodies.body(&model.notes[i])?;
            let plain = if with_page[i] {
                self.note(i, &body)?
            } else {
                crate::markdown::plain_text(&body)
            };
            Ok(self
                .timings
                .time(Part::Search, || index.note_terms(i, &plain)))
        })?;
        Ok(index)
    }

    /// Renders note `i`'s page from its Markdown, and gives back the body's plain text.
    fn note(&self, i: usize, body_text: &str) -> Result<String> {
        let m = self.model;
        let n = &m.notes[i];
        let body = self.timings.time(Part::Markdown, || {
            note_body::render(
                body_text,
                &note_body::LinkContext {
                    note_rel: &n.src.rel,
                    links: &m.links,
                    page: &n.path,
                },
            )
        });
        if !body.broken_links.is_empty() || !body.images_without_alt.is_empty() {
            let mut ds = self.diagnostics.lock().unwrap_or_else(|e| e.into_inner());
            let file_line = |line: usize| Some(n.src.body_line + line - 1);
            for link in &body.broken_links {
                let (message, hint) = if link.image {
                    ("broken-image", "broken-image-hint")
                } else {
                    ("broken-link", "broken-link-hint")
                };
                ds.push(
                    Diagnostic::warning(
                        "broken-link",
                        &n.src.file,
                        crate::l10n::Msg::new(message).arg("link", &link.url),
                    )
                    .at_line(file_line(link.line))
                    .with_hint(crate::l10n::Msg::new(hint)),
                );
            }
            for image in &body.images_without_alt {
                ds.push(
                    Diagnostic::warning(
                        "img-no-alt",
                        &n.src.file,
                        crate::l10n::Msg::new("img-no-alt").arg("image", image.named()),
                    )
                    .at_line(file_line(image.line))
                    .with_hint(crate::l10n::Msg::new("img-no-alt-hint")),
                );
            }
        }
        let mut reads = Reads::new();
        reads.add(Read::NoteBody(i));
        // What its links to other pages and files of the content lead to.
        reads.extend(body.targets.iter().map(|t| Read::link_to(t)));
        let mut ctx = self.context(&n.path, &n.src.title);
        ctx.insert("note", &note_item(m, i, "", &mut reads));
        ctx.insert("source", &n.src.source);
        ctx.insert("author", &n.src.author);
        ctx.insert("body", &body.html);
        ctx.insert(
            "breadcrumbs",
            &breadcrumbs(m, n.src.locality, true, &mut reads),
        );
        self.page("note.html", &n.path, &ctx)?;
        self.declare(Job::Note(i), Some(&n.path), reads.iter());
        Ok(body.plain)
    }

    /// A list of notes split into pages: page `n`'s path is `page_path(n)`, its job `job(n)`;
    /// only the pages `wanted` are rendered.
    #[allow(clippy::too_many_arguments)]
    fn paged_notes(
        &self,
        template: &str,
        notes: &[usize],
        page_path: &(dyn Fn(usize) -> String + Sync),
        job: &(dyn Fn(usize) -> Job + Sync),
        wanted: &(dyn Fn(Job) -> bool + Sync),
        title: &str,
        extra: &Context,
        reads: &[Read],
    ) -> Result<()> {
        let per_page = self.model.site.notes_per_page.max(1);
        let total = notes.len().div_ceil(per_page).max(1);
        (1..=total)
            .into_par_iter()
            .filter(|&n| wanted(job(n)))
            .try_for_each(|n| {
                let path = page_path(n);
                let slice =
                    &notes[((n - 1) * per_page).min(notes.len())..(n * per_page).min(notes.len())];
                let mut page_reads = Reads::new();
                page_reads.extend(reads.iter().copied());
                let mut ctx = self.context(&path, title);
                ctx.extend(extra.clone());
                ctx.insert("notes", &self.note_items(slice, &mut page_reads));
                ctx.insert("pager", &pager(n, total, page_path));
                ctx.insert("notes_total", &notes.len());
                self.page(template, &path, &ctx)?;
                self.declare(job(n), Some(&path), page_reads.iter());
                Ok(())
            })
    }

    /// The notes list and the tags' pages, those `wanted`.
    fn note_lists(&self, wanted: impl Fn(Job) -> bool + Sync) -> Result<()> {
        let m = self.model;
        let lang = m.site.language;
        let all: Vec<usize> = (0..m.notes.len()).collect();
        let notes_path = |n: usize| {
            if n == 1 {
                "notes/index.html".to_string()
            } else {
                format!("notes/{n}.html")
            }
        };
        self.paged_notes(
            "notes.html",
            &all,
            &notes_path,
            &Job::NotesPage,
            &wanted,
            lang.text("all_notes"),
            &Context::new(),
            &[Read::NoteOrder],
        )?;

        if wanted(Job::TagIndex) {
            let tags: Vec<TagView> = m
                .tags
                .iter()
                .map(|t| TagView {
                    name: t.name.clone(),
                    path: format!("tags/{}.html", t.slug),
                    count: t.notes.len(),
                })
                .collect();
            let mut ctx = self.context("tags/index.html", lang.text("tags"));
            ctx.insert("tags", &tags);
            self.page("tags.html", "tags/index.html", &ctx)?;
            self.declare(Job::TagIndex, Some("tags/index.html"), [Read::Tags]);
        }
        m.tags.par_iter().enumerate().try_for_each(|(ti, t)| {
            let slug = t.slug.clone();
            let path = move |n: usize| {
                if n == 1 {
                    format!("tags/{slug}.html")
                } else {
                    format!("tags/{slug}-{n}.html")
                }
            };
            // Page 0 stands for all of them.
            let whole = wanted(Job::TagPage(ti, 0));
            let wanted = |job| whole || wanted(job);
            let mut extra = Context::new();
            extra.insert("tag", &t.name);
            self.paged_notes(
                "tag.html",
                &t.notes,
                &path,
                &|n| Job::TagPage(ti, n),
                &wanted,
                &t.name,
                &extra,
                &[Read::Tag(ti)],
            )
        })
    }

    /// quality.html: the figures below their children's sum, and every other warning of the
    /// build (`earlier`'s and render's own), grouped by kind, in the site's language.
    fn quality(&self, earlier: &Diagnostics) -> Result<()> {
        let m = self.model;
        let rows: Vec<QualityRow> = m
            .quality
            .iter()
            .map(|q| QualityRow {
                locality: Link {
                    name: &m.localities[q.locality].src.name,
                    path: m.localities[q.locality].page(),
                },
                metric: m.site.metrics[q.metric].name.clone(),
                date: q.date.to_string(),
                carried: q.carried_from.map(|d| {
                    m.site
                        .language
                        .text("carried_from")
                        .replace("{date}", &d.to_string())
                }),
                reported: crate::figure::format::figure(q.reported, m.site.language),
                children_sum: crate::figure::format::figure(q.children_sum, m.site.language),
                file: match q.line {
                    Some(l) => format!("{}:{l}", q.file.display()),
                    None => q.file.display().to_string(),
                },
            })
            .collect();
        let own = self.diagnostics.lock().unwrap_or_else(|e| e.into_inner());
        let groups = warning_groups(earlier.iter().chain(own.iter()), m);
        drop(own);
        let mut ctx = self.context("quality.html", m.site.language.text("data_quality"));
        ctx.insert("issues", &rows);
        ctx.insert("warnings", &groups);
        ctx.insert("reporting", &reporting(m, self.silent()));
        self.page("quality.html", "quality.html", &ctx)?;
        // The table of issues names their localities; 上报情况 lists the silent ones by name
        // and path, with their dates.
        let mut reads = Reads::new();
        reads.extend([Read::QualityIssues, Read::Warnings, Read::Roots]);
        // The site's latest report dates the list.
        reads.add(Read::SiteLatest);
        reads.extend(m.roots.iter().map(|&r| Read::Silence(r)));
        reads.extend(m.quality.iter().map(|q| Read::Name(q.locality)));
        if let Some((_, silent)) = self.silent() {
            // Every silent one's dates decide which are listed, in which order.
            reads.extend(silent.iter().map(|&i| Read::Dates(i)));
            for &i in silent.iter().take(REPORTING_ROWS) {
                let mut cur = Some(i);
                while let Some(c) = cur {
                    reads.add(Read::Name(c));
                    cur = m.localities[c].src.parent;
                }
            }
        }
        self.declare(Job::Quality, Some("quality.html"), reads.iter());
        Ok(())
    }

    /// search.html and search-index.js, from the index with every note added.
    fn search(&self, index: search::IndexBuilder) -> Result<()> {
        let timings = self.timings;
        let index = timings.time(Part::Search, || index.finish(self.bodies))?;
        let mut outputs = Vec::new();
        index.write(&mut |path, bytes| {
            outputs.push(path.clone());
            self.file(&path, bytes)
        })?;
        self.search_page(Some(outputs))
    }

    /// The search files from a kept index: all of them when it is empty (it is made), else
    /// those the notes `changed` touch.
    fn kept_search(
        &self,
        slot: &Mutex<Option<search::LiveIndex>>,
        changed: &[usize],
        moves: Option<&SearchMoves>,
    ) -> Result<()> {
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        let mut written = Vec::new();
        let emit = &mut |path: String, bytes| {
            written.push(path.clone());
            self.file(&path, bytes)
        };
        // Brought up to date, it writes only the files that changed.
        let outputs = match (slot.as_mut(), moves) {
            (Some(index), Some(moves)) => {
                if let Err(e) =
                    index.remap(self.model, self.bodies, &moves.moved, &moves.added, emit)
                {
                    *slot = None;
                    return Err(e);
                }
                Some(written)
            }
            (Some(index), None) => {
                if let Err(e) = index.update(self.model, self.bodies, changed, emit) {
                    // Half taken in: made whole again next time.
                    *slot = None;
                    return Err(e);
                }
                None
            }
            (None, _) => {
                *slot = Some(search::LiveIndex::new(self.model, self.bodies, emit)?);
                Some(written)
            }
        };
        drop(slot);
        self.search_page(outputs)
    }

    /// search.html, and what the search files (`outputs`, when they were all written) read.
    fn search_page(&self, outputs: Option<Vec<String>>) -> Result<()> {
        self.simple_page(
            "search.html",
            "search.html",
            self.model.site.language.text("search"),
        )?;
        // Localities' names and places; notes' titles, text, tags and excerpts.
        self.declare_outputs(
            Job::Search,
            outputs.map(|mut o| {
                o.push("search.html".to_string());
                o
            }),
            [
                Read::Tree,
                Read::NoteOrder,
                Read::EveryName,
                Read::EveryNoteHead,
                Read::EveryNoteBody,
                Read::Tags,
            ],
        );
        Ok(())
    }

    fn simple_page(&self, template: &str, path: &str, title: &str) -> Result<()> {
        let ctx = self.context(path, title);
        self.page(template, path, &ctx)
    }
}

/// A page's download line: the set's files and what it holds (`before`, the locality's name
/// and `after` make the line, so the name can carry its own language).
#[derive(serde::Serialize)]
struct Downloads<'a> {
    json: String,
    csv: String,
    xlsx: Option<String>,
    before: &'a str,
    name: Option<&'a str>,
    after: &'a str,
}

#[derive(serde::Serialize)]
struct TagView {
    name: String,
    path: String,
    count: usize,
}

#[derive(serde::Serialize)]
struct QualityRow<'a> {
    locality: Link<'a>,
    metric: String,
    date: String,
    /// `沿用 2014-05-10 上报数`: the figure is carried forward from an earlier report.
    carried: Option<String>,
    reported: String,
    children_sum: String,
    file: String,
}

/// Who has not reported: quality.html's 上报情况.
#[derive(Serialize)]
struct Reporting<'a> {
    /// The sentence above the list (or the one saying everyone reported).
    intro: String,
    rows: Vec<ReportingRow<'a>>,
    /// The sentence for those left off a long list.
    more: Option<String>,
}

#[derive(Serialize)]
struct ReportingRow<'a> {
    locality: Link<'a>,
    /// The localities above it, top first: `甲省 / 乙市`.
    above: String,
    latest_own: String,
    latest: String,
}

/// Rows of the reporting list at most: a province's worth; the downloads hold every locality.
const REPORTING_ROWS: usize = 1000;

/// The localities that have not reported for more than `stale_after_days` before the site's
/// latest report, or never ([`SiteModel::is_silent`]), in [`by_silence`] order.
fn stale_localities(m: &SiteModel) -> Option<(Date, Vec<usize>)> {
    let latest = *m.total.dates.last()?;
    let cutoff = m.silence_cutoff()?;
    let mut stale: Vec<usize> = (0..m.localities.len())
        .filter(|&i| m.is_silent(i, cutoff))
        .collect();
    by_silence(m, &mut stale);
    Some((latest, stale))
}

/// Those that never reported first, then the longest silent, in tree order among equals.
fn by_silence(m: &SiteModel, localities: &mut [usize]) {
    localities.sort_by_key(|&i| {
        let latest = m.localities[i].latest();
        (latest.is_some(), latest, i)
    });
}

/// A silent locality's row: its name, the localities between it and `below` (or the top of the
/// tree), its latest own report and its latest below.
fn reporting_row(m: &SiteModel, i: usize, below: Option<usize>) -> ReportingRow<'_> {
    let never = m.site.language.text("never_reported");
    let shown = |d: Option<Date>| d.map_or_else(|| never.to_string(), |d| d.to_string());
    let l = &m.localities[i];
    let mut above = Vec::new();
    let mut cur = l.src.parent;
    while let Some(p) = cur.filter(|&p| Some(p) != below) {
        above.push(m.localities[p].src.name.as_str());
        cur = m.localities[p].src.parent;
    }
    above.reverse();
    ReportingRow {
        locality: Link {
            name: &l.src.name,
            path: l.page(),
        },
        above: above.join(" / "),
        latest_own: shown(l.latest_own),
        latest: shown(l.latest()),
    }
}

/// Rows of a locality page's reporting status at most: what its briefing has room for.
const LATE_BELOW_ROWS: usize = 20;

/// A locality page's 上报情况, for the office that has to chase the reports: that the locality
/// itself is silent; else the silent ones below it (the highest of each silent branch, whose
/// sub-localities are silent with it, longest silent first) and how many localities that is in
/// all; else that everyone below it has reported. Nothing for a locality without
/// sub-localities that has reported, or on a site without reports. The site's date is left out
/// of the sentences on purpose: the page then changes only when who is silent changes.
fn late_below<'m>(m: &'m SiteModel, i: usize, reads: &mut Reads) -> Option<Reporting<'m>> {
    reads.add(Read::Silence(i));
    let cutoff = m.silence_cutoff()?;
    let lang = m.site.language;
    let days = m.site.stale_after_days.to_string();
    let l = &m.localities[i];
    if m.is_silent(i, cutoff) {
        let intro = match l.latest() {
            Some(d) => lang
                .text("reporting_self")
                .replace("{date}", &d.to_string()),
            None => lang.text("reporting_self_never").to_string(),
        };
        return Some(Reporting {
            intro: intro.replace("{days}", &days),
            rows: Vec::new(),
            more: None,
        });
    }
    if l.children.is_empty() {
        return None;
    }
    let (mut top, mut silent) = (Vec::new(), 0usize);
    let mut stack: Vec<usize> = l.children.iter().rev().copied().collect();
    while let Some(c) = stack.pop() {
        if m.is_silent(c, cutoff) {
            top.push(c);
            let mut below = vec![c];
            while let Some(d) = below.pop() {
                silent += 1;
                below.extend(&m.localities[d].children);
            }
        } else {
            stack.extend(m.localities[c].children.iter().rev());
        }
    }
    if top.is_empty() {
        return Some(Reporting {
            intro: lang
                .text("reporting_below_current")
                .replace("{days}", &days),
            rows: Vec::new(),
            more: None,
        });
    }
    by_silence(m, &mut top);
    let more = (top.len() > LATE_BELOW_ROWS).then(|| {
        lang.text("reporting_more")
            .replace("{n}", &(top.len() - LATE_BELOW_ROWS).to_string())
    });
    Some(Reporting {
        intro: lang
            .text("reporting_below")
            .replace("{n}", &silent.to_string())
            .replace("{days}", &days),
        rows: top
            .iter()
            .take(LATE_BELOW_ROWS)
            .map(|&c| {
                let mut cur = Some(c);
                while let Some(a) = cur.filter(|&a| a != i) {
                    reads.add(Read::Name(a));
                    cur = m.localities[a].src.parent;
                }
                reads.add(Read::Dates(c));
                reporting_row(m, c, Some(i))
            })
            .collect(),
        more,
    })
}

/// quality.html's reporting section from the localities that have not reported (`silent`).
fn reporting<'m>(m: &'m SiteModel, silent: Option<&(Date, Vec<usize>)>) -> Reporting<'m> {
    let lang = m.site.language;
    let days = m.site.stale_after_days.to_string();
    let Some((latest, stale)) = silent else {
        return Reporting {
            intro: String::new(),
            rows: Vec::new(),
            more: None,
        };
    };
    let key = if stale.is_empty() {
        "reporting_current"
    } else {
        "reporting_intro"
    };
    let intro = lang
        .text(key)
        .replace("{date}", &latest.to_string())
        .replace("{days}", &days);
    let rows = stale
        .iter()
        .take(REPORTING_ROWS)
        .map(|&i| reporting_row(m, i, None))
        .collect();
    let more = (stale.len() > REPORTING_ROWS).then(|| {
        lang.text("reporting_more")
            .replace("{n}", &(stale.len() - REPORTING_ROWS).to_string())
    });
    Reporting { intro, rows, more }
}

/// The warnings of one kind on quality.html.
#[derive(Serialize)]
struct WarningGroup {
    code: &'static str,
    items: Vec<WarningItem>,
}

/// One warning as the terminal said it: where (relative to the content folder), what, and
/// what to do.
#[derive(Serialize)]
struct WarningItem {
    place: String,
    message: String,
    hint: String,
}

/// Every warning but the figures below their children's sum (quality.html's table shows
/// those), by code, each group in the order of the sorted diagnostics.
fn warning_groups<'d>(
    diagnostics: impl Iterator<Item = &'d Diagnostic>,
    model: &SiteModel,
) -> Vec<WarningGroup> {
    let lang = model.site.language;
    let mut sorted = Diagnostics::default();
    for d in diagnostics.filter(|d| !d.is_error() && d.code != "below-children-sum") {
        sorted.push(d.clone());
    }
    sorted.sort();
    let mut groups: Vec<WarningGroup> = Vec::new();
    for d in sorted.iter() {
        let file = d.path.strip_prefix(&model.content_root).unwrap_or(&d.path);
        let file = crate::paths::slash_relative(Path::new(""), file);
        let item = WarningItem {
            place: d.place(&file),
            message: d.message.render(lang).into_owned(),
            hint: d
                .hint
                .as_ref()
                .map(|h| h.render(lang).into_owned())
                .unwrap_or_default(),
        };
        match groups.iter_mut().find(|g| g.code == d.code) {
            Some(g) => g.items.push(item),
            None => groups.push(WarningGroup {
                code: d.code,
                items: vec![item],
            }),
        }
    }
    groups.sort_by_key(|g| g.code);
    groups
}

/// Tera's error with its causes, on one line.
/// `text` as the inside of a CSS string (`"…"`): quotes and backslashes escaped, line breaks
/// made spaces. The page writes it into a `style` attribute, HTML-escaped on top.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        out.push_str(": ");
        out.push_str(&s.to_string());
        cur = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_path("a/2014-09-10-x.html"), "a/2014-09-10-x.html");
        assert_eq!(uri_path("a b/c%d"), "a%20b/c%25d");
    }

    #[test]
    fn only_the_not_found_page_begins_its_links_with_base_url() {
        let base = Some("http://intranet.example/report/");
        assert_eq!(
            page_root(base, "404.html"),
            "http://intranet.example/report/"
        );
        assert_eq!(page_root(base, "a/b/index.html"), "../../");
        assert_eq!(page_root(base, "index.html"), "");
        assert_eq!(page_root(None, "404.html"), "");
        let root = page_root(base, "404.html");
        assert_eq!(
            href(&root, "404.html", "a/index.html"),
            "http://intranet.example/report/a/index.html"
        );
        let page = "a/b/index.html";
        assert_eq!(
            href(&page_root(base, page), page, "a/index.html"),
            "../index.html"
        );
        assert_eq!(
            href(&page_root(None, "404.html"), "404.html", "a/index.html"),
            "a/index.html"
        );
    }

    #[test]
    fn site_urls_are_under_base_url_or_relative() {
        let base = Some("http://intranet.example/report/");
        assert_eq!(
            site_url(base, "a b/index.html"),
            "http://intranet.example/report/a%20b/index.html"
        );
        assert_eq!(site_url(None, "a b/index.html"), "a%20b/index.html");
    }
}
