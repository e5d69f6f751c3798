//! The rebuild loop behind `minqing watch` and `minqing serve`: changes to the content folder
//! (and the themes folder beside it), from the system's file notices or, with `--poll`, from
//! listing the folders every interval ([`poll`]), debounced into one rebuild per burst of saves
//! and applied to a `LiveSite`.
//!
//! The content folder may go away and come back (a network share unmounted and mounted again,
//! a folder renamed away and back). While it is gone, or holds no site.yaml, nothing is
//! published and the site stays as it was; the loop says so once, looks for the folder every
//! second, watches it again when it is there (the system's watch on a removed folder is dead)
//! and rebuilds once no file has changed for a moment, so that a folder still being copied back
//! is not published half-way. A change that removes files waits for the same quiet, so that a
//! folder being deleted file by file is not published half-way either.

mod poll;

use crate::i18n::Language;
use crate::l10n::Msg;
use crate::live::{LiveSite, Outcome};
use anyhow::{Context as _, Result};
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Editors save several times in a few milliseconds (a temporary file, then a rename); one
/// rebuild follows a burst that has been quiet this long. Short, because it is most of the time
/// from a save to the page: a file caught half written fails to parse and publishes nothing,
/// and its last write starts the next rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// How often the debouncer looks whether a burst has gone quiet.
const DEBOUNCE_TICK: Duration = Duration::from_millis(3);

/// The shortest `--poll` interval: below it a large site's folders are listed almost without
/// pause.
pub const MIN_POLL: Duration = Duration::from_millis(100);

/// How often the loop looks whether it was asked to stop while no file changes.
const STOP_POLL: Duration = Duration::from_millis(100);

/// How often the loop looks whether the content folder is (still) there: a share unmounted
/// sends no notice.
const PRESENCE_CHECK: Duration = Duration::from_secs(1);

/// How long no file may change after a change that removed files, or after the content folder
/// came back, before it is published (with `--poll`, one interval more: a listing must have seen
/// the quiet).
const SETTLE: Duration = Duration::from_secs(1);

/// How the loop watches.
pub struct Options<'a> {
    pub content: &'a Path,
    /// `--poll`: list the folders this often instead of waiting for the system's notices.
    pub poll: Option<Duration>,
    pub lang: Language,
}

/// Reads a `--poll` interval as people write one: `2s`, `500ms`, `1m`, `1m30s` (jiff's
/// friendly format, which also takes `2 seconds` and ISO 8601's `PT2S`).
pub fn parse_interval(text: &str) -> Result<Duration, Msg> {
    let invalid = || Msg::new("poll-invalid").arg("value", text);
    let signed: jiff::SignedDuration = text.trim().parse().map_err(|_| invalid())?;
    let interval = Duration::try_from(signed).map_err(|_| invalid())?;
    if interval < MIN_POLL {
        return Err(Msg::new("poll-too-short")
            .arg("value", text)
            .arg("min", format_args!("{}ms", MIN_POLL.as_millis())));
    }
    Ok(interval)
}

/// Prints what a rebuild did, in one line, or the diagnostics (in `lang`) when there are
/// problems.
pub fn report(outcome: &Outcome, lang: Language) {
    if !outcome.diagnostics.is_empty() {
        let _ = writeln!(std::io::stderr(), "{}", outcome.diagnostics.render(lang));
    }
    if outcome.published {
        let done = Msg::new(if outcome.full { "rebuilt" } else { "updated" })
            .arg("written", outcome.written.len())
            .arg("removed", outcome.removed.len())
            .arg("unchanged", outcome.rendered - outcome.written.len())
            .arg(
                "ms",
                format!("{:.0}", outcome.elapsed.as_secs_f64() * 1000.0),
            );
        say(&done, lang);
    } else {
        let not = Msg::new("not-published").arg("errors", outcome.diagnostics.errors());
        say_err(&not, lang);
    }
}

/// Watches the content folder (and the themes folder beside it) and rebuilds on every change
/// until asked to stop (Ctrl+C, see [`crate::interrupt`]). `after` is told about each rebuild.
pub fn run(site: &mut LiveSite, options: &Options, after: impl FnMut(&Outcome)) -> Result<()> {
    let given = options.content;
    // Absolute, so that the paths the watcher names compare with it whatever the folder.
    let content = std::path::absolute(given).unwrap_or_else(|_| given.to_path_buf());
    let themes = given
        .canonicalize()
        .ok()
        .and_then(|c| c.parent().map(|p| p.join("themes")))
        .filter(|t| t.is_dir());
    // The output folder as the watcher may name it (absolute, as the content folder) and as
    // it is (through any link on the way).
    let mut out: Vec<PathBuf> = [std::path::absolute(site.out()), site.out().canonicalize()]
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    out.dedup();
    let mut source = Source::start(options.poll, &out).context(Msg::new("watcher-start"))?;
    for root in std::iter::once(&content).chain(&themes) {
        source
            .watch(root)
            .with_context(|| Msg::new("io-watching").path("path", root))?;
    }
    let watching = match options.poll {
        Some(every) => Msg::new("watching-poll").arg("seconds", every.as_secs_f64()),
        None => Msg::new("watching"),
    };
    say(&watching.path("content", given), options.lang);
    // A folder without site.yaml at the start was said by the first build's error.
    let folder = if present(&content) {
        Folder::Present
    } else {
        Folder::Gone
    };
    let mut watching = Watching {
        site,
        source,
        content,
        given: given.to_path_buf(),
        themes,
        out,
        lang: options.lang,
        quiet: SETTLE + options.poll.unwrap_or_default(),
        folder,
        pending: Pending::default(),
        checked: Instant::now(),
        watch_error_said: false,
        after,
    };
    watching.run()
}

/// Whether the content folder is there to be built: it holds site.yaml (a share's mount point
/// without its share is an empty folder).
fn present(content: &Path) -> bool {
    content.join("site.yaml").is_file()
}

/// One file the watcher saw change, and whether it was removed or renamed away.
struct Change {
    path: PathBuf,
    removed: bool,
}

/// Where changes come from.
enum Source {
    /// The system's notices (inotify, ReadDirectoryChangesW, FSEvents), debounced.
    Notices {
        debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
        events: mpsc::Receiver<DebounceEventResult>,
    },
    /// `--poll`: the folders listed every interval.
    Poll(poll::Poller),
}

/// What one wait for changes brought.
enum Next {
    Changes(Vec<Change>),
    Errors(Vec<notify::Error>),
    Nothing,
    /// The watcher is gone: the loop ends.
    Closed,
}

impl Source {
    fn start(poll: Option<Duration>, out: &[PathBuf]) -> notify::Result<Source> {
        Ok(match poll {
            Some(interval) => Source::Poll(poll::Poller::new(interval, out.to_vec())),
            None => {
                let (tx, events) = mpsc::channel::<DebounceEventResult>();
                let debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE_TICK), tx)?;
                Source::Notices { debouncer, events }
            }
        })
    }

    fn watch(&mut self, root: &Path) -> notify::Result<()> {
        match self {
            Source::Notices { debouncer, .. } => debouncer.watch(root, RecursiveMode::Recursive),
            Source::Poll(poller) => {
                poller.watch(root);
                Ok(())
            }
        }
    }

    fn unwatch(&mut self, root: &Path) {
        match self {
            // A folder removed is no longer watched: that is not worth an error.
            Source::Notices { debouncer, .. } => {
                let _ = debouncer.unwatch(root);
            }
            Source::Poll(poller) => poller.unwatch(root),
        }
    }

    /// Waits up to [`STOP_POLL`] for changes.
    fn next(&mut self) -> Next {
        match self {
            Source::Poll(poller) => match poller.next(STOP_POLL) {
                Some(changes) => Next::Changes(changes),
                None => Next::Nothing,
            },
            Source::Notices { events, .. } => match events.recv_timeout(STOP_POLL) {
                Ok(Ok(events)) => Next::Changes(
                    events
                        .into_iter()
                        // Reading a file (as every rebuild does) is an event too; only changes
                        // count.
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| {
                            let removed = matches!(
                                e.kind,
                                EventKind::Remove(_)
                                    | EventKind::Modify(notify::event::ModifyKind::Name(_))
                            );
                            let paths = e.event.paths;
                            paths.into_iter().map(move |path| Change { path, removed })
                        })
                        .collect(),
                ),
                Ok(Err(errors)) => Next::Errors(errors),
                Err(mpsc::RecvTimeoutError::Timeout) => Next::Nothing,
                Err(mpsc::RecvTimeoutError::Disconnected) => Next::Closed,
            },
        }
    }
}

/// Where the content folder stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    /// There: changes are published.
    Present,
    /// Gone, or without site.yaml: nothing is published; it is looked for every second.
    Gone,
    /// There again and watched again: rebuilt once no file has changed for a while.
    Returning,
}

/// The changes not yet published.
#[derive(Default)]
struct Pending {
    paths: Vec<PathBuf>,
    /// A file is missing that was removed or renamed away: wait for quiet.
    settle: bool,
    /// The content folder itself was removed or renamed away (and maybe replaced).
    root: bool,
    /// When the last change came.
    last: Option<Instant>,
}

impl Pending {
    fn add(&mut self, change: Change, content: &Path) {
        if change.removed {
            self.root |= change.path == content;
            self.settle |= !change.path.exists();
        }
        self.paths.push(change.path);
        self.last = Some(Instant::now());
    }

    /// Whether no change has come for `quiet`.
    fn quiet_for(&self, quiet: Duration) -> bool {
        self.last.is_none_or(|t| t.elapsed() >= quiet)
    }

    /// Whether the changes are to be published now.
    fn due(&self, quiet: Duration) -> bool {
        !self.paths.is_empty() && (!self.settle || self.quiet_for(quiet))
    }
}

/// The loop's state.
struct Watching<'a, F> {
    site: &'a mut LiveSite,
    source: Source,
    /// The content folder as watched (absolute) and as the user named it (for messages).
    content: PathBuf,
    given: PathBuf,
    themes: Option<PathBuf>,
    out: Vec<PathBuf>,
    lang: Language,
    quiet: Duration,
    folder: Folder,
    pending: Pending,
    /// When the loop last looked whether the content folder is there.
    checked: Instant,
    /// Watching the folder again failed and was said: it is retried without a word.
    watch_error_said: bool,
    after: F,
}

impl<F: FnMut(&Outcome)> Watching<'_, F> {
    fn run(&mut self) -> Result<()> {
        loop {
            if crate::interrupt::requested() {
                return Ok(());
            }
            match self.source.next() {
                Next::Changes(changes) => self.changed(changes),
                Next::Errors(errors) => self.failed(errors),
                Next::Nothing => {}
                Next::Closed => return Ok(()),
            }
            self.step()?;
        }
    }

    fn changed(&mut self, changes: Vec<Change>) {
        if self.folder == Folder::Gone {
            return;
        }
        for change in changes {
            let output = self.out.iter().any(|o| change.path.starts_with(o));
            if !output && !is_editor_temp(&change.path) {
                self.pending.add(change, &self.content);
            }
        }
    }

    /// The watcher's errors, said unless they come from the content folder going away.
    fn failed(&mut self, errors: Vec<notify::Error>) {
        if self.folder != Folder::Present {
            return;
        }
        if !present(&self.content) {
            return self.gone();
        }
        for e in errors {
            say_err(&Msg::new("file-watcher-error").arg("error", e), self.lang);
        }
    }

    /// Publishes what is due and looks after the content folder.
    fn step(&mut self) -> Result<()> {
        let look = self.checked.elapsed() >= PRESENCE_CHECK;
        if look {
            self.checked = Instant::now();
        }
        match self.folder {
            Folder::Present if self.pending.due(self.quiet) => self.publish(),
            Folder::Present => {
                if look && !present(&self.content) {
                    self.gone();
                }
                Ok(())
            }
            Folder::Gone => {
                if look && present(&self.content) && self.watch_again() {
                    self.folder = Folder::Returning;
                    self.pending = Pending {
                        last: Some(Instant::now()),
                        ..Pending::default()
                    };
                }
                Ok(())
            }
            Folder::Returning if self.pending.quiet_for(self.quiet) => {
                if !present(&self.content) {
                    // Gone again before it settled: it was never said to be back.
                    self.source.unwatch(&self.content);
                    self.folder = Folder::Gone;
                    return Ok(());
                }
                say(
                    &Msg::new("content-back").path("content", &self.given),
                    self.lang,
                );
                self.folder = Folder::Present;
                self.pending = Pending::default();
                let rebuilt = self.site.full();
                self.finish(rebuilt)
            }
            Folder::Returning => Ok(()),
        }
    }

    fn publish(&mut self) -> Result<()> {
        if !present(&self.content) {
            self.gone();
            return Ok(());
        }
        let mut pending = std::mem::take(&mut self.pending);
        let outcome = if pending.root {
            // The folder watched was removed or renamed away and another stands in its place.
            self.watch_again();
            self.site.full()
        } else {
            pending.paths.sort();
            pending.paths.dedup();
            self.site.apply(&pending.paths)
        };
        self.finish(outcome)
    }

    /// Says what a rebuild did; a rebuild that failed because the content folder went away
    /// meanwhile is that folder gone, not the end of the loop.
    fn finish(&mut self, outcome: Result<Outcome>) -> Result<()> {
        match outcome {
            Ok(outcome) => {
                report(&outcome, self.lang);
                (self.after)(&outcome);
                Ok(())
            }
            Err(e) if !crate::interrupt::is_interrupted(&e) && !present(&self.content) => {
                self.gone();
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn gone(&mut self) {
        say_err(
            &Msg::new("content-gone").path("content", &self.given),
            self.lang,
        );
        self.source.unwatch(&self.content);
        self.folder = Folder::Gone;
        self.pending = Pending::default();
    }

    /// Watches the content folder (and the themes folder) afresh; false, having said why once,
    /// if the content folder cannot be watched.
    fn watch_again(&mut self) -> bool {
        self.source.unwatch(&self.content);
        if let Err(e) = self.source.watch(&self.content) {
            if !self.watch_error_said {
                let e = anyhow::Error::new(e)
                    .context(Msg::new("io-watching").path("path", &self.content));
                let text = crate::l10n::error_text(&e, self.lang);
                say_err(
                    &Msg::new("file-watcher-error").arg("error", text),
                    self.lang,
                );
                self.watch_error_said = true;
            }
            return false;
        }
        self.watch_error_said = false;
        if let Some(themes) = self.themes.clone().filter(|t| t.is_dir()) {
            self.source.unwatch(&themes);
            let _ = self.source.watch(&themes);
        }
        true
    }
}

/// Swap and backup files that editors write beside the real one.
fn is_editor_temp(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// Prints a message to stdout in `lang`; a closed terminal or pipe is not worth a panic.
fn say(msg: &Msg, lang: Language) {
    let _ = writeln!(std::io::stdout(), "{}", msg.render(lang));
}

/// Prints a message to stderr, as [`say`].
fn say_err(msg: &Msg, lang: Language) {
    let _ = writeln!(std::io::stderr(), "{}", msg.render(lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_as_people_write_them() {
        let ms = |n| Duration::from_millis(n);
        assert_eq!(parse_interval("2s"), Ok(ms(2000)));
        assert_eq!(parse_interval("500ms"), Ok(ms(500)));
        assert_eq!(parse_interval("1m"), Ok(ms(60_000)));
        assert_eq!(parse_interval("1m30s"), Ok(ms(90_000)));
        assert_eq!(parse_interval(" 1.5s "), Ok(ms(1500)));
        assert_eq!(parse_interval("100ms"), Ok(MIN_POLL));
    }

    #[test]
    fn a_bad_interval_says_how_to_write_one() {
        for bad in ["2", "two seconds", "2x", "", "-2s"] {
            let e = parse_interval(bad).unwrap_err();
            assert_eq!(e.id(), "poll-invalid", "{bad}");
            assert!(e.render(Language::En).contains("--poll 2s"), "{bad}");
        }
        let short = parse_interval("10ms").unwrap_err();
        assert_eq!(short.id(), "poll-too-short");
        assert!(short.render(Language::ZhCn).contains("100ms"));
    }
}
