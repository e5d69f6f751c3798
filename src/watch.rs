//! The rebuild loop behind `minqing watch` and `minqing serve`: file events, debounced into
//! one rebuild per burst of saves, applied to a `LiveSite`.

use crate::i18n::Language;
use crate::l10n::Msg;
use crate::live::{LiveSite, Outcome};
use anyhow::{Context as _, Result};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Editors save several times in a few milliseconds; one rebuild follows a burst.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

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

/// Watches `content_dir` (and the themes folder beside it) and rebuilds on every change until
/// asked to stop (Ctrl+C, see [`crate::interrupt`]). `after` is told about each rebuild.
pub fn run(
    site: &mut LiveSite,
    content_dir: &Path,
    lang: Language,
    mut after: impl FnMut(&Outcome),
) -> Result<()> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).context(Msg::new("watcher-start"))?;
    debouncer
        .watch(content_dir, RecursiveMode::Recursive)
        .with_context(|| Msg::new("io-watching").path("path", content_dir))?;
    let themes = content_dir
        .canonicalize()
        .ok()
        .and_then(|c| c.parent().map(|p| p.join("themes")))
        .filter(|t| t.is_dir());
    if let Some(t) = &themes {
        debouncer
            .watch(t, RecursiveMode::Recursive)
            .with_context(|| Msg::new("io-watching").path("path", t))?;
    }
    say(&Msg::new("watching").path("content", content_dir), lang);
    let out = site
        .out()
        .canonicalize()
        .unwrap_or_else(|_| site.out().to_path_buf());
    loop {
        if crate::interrupt::requested() {
            return Ok(());
        }
        let result = match rx.recv_timeout(STOP_POLL) {
            Ok(r) => r,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    say_err(&Msg::new("file-watcher-error").arg("error", e), lang);
                }
                continue;
            }
        };
        // Reading a file (as every rebuild does) is an event too; only changes count.
        let mut paths: Vec<PathBuf> = events
            .into_iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.event.paths)
            .filter(|p| !p.starts_with(&out) && !is_editor_temp(p))
            .collect();
        paths.sort();
        paths.dedup();
        if paths.is_empty() {
            continue;
        }
        let outcome = site.apply(&paths)?;
        report(&outcome, lang);
        after(&outcome);
    }
}

/// How often the loop looks whether it was asked to stop while no file changes.
const STOP_POLL: Duration = Duration::from_millis(100);

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
