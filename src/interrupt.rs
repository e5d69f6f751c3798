//! Ctrl+C, SIGTERM and a closed terminal (SIGHUP; on Windows Ctrl+Break and closing the console
//! window): asked to stop, minqing finishes or undoes what it is doing and leaves nothing behind.
//!
//! The handler only raises a flag. Long work polls it at points where stopping is clean (each
//! output file written, each file-watcher wake-up) and returns [`Interrupted`] up the stack,
//! whose owners remove what they made (the staging folder, serve's temporary site). The flag is
//! process-wide because a signal is: this is the one piece of global state, and nothing but the
//! command sets it.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once, from `main`). Without it, the default behaviour (ending the
/// process at once) stays, as in library use and tests.
pub fn install() -> Result<(), ctrlc::Error> {
    ctrlc::set_handler(|| REQUESTED.store(true, Ordering::SeqCst))
}

/// Whether a stop was asked for.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// `Err(Interrupted)` once a stop was asked for.
pub fn check() -> Result<(), Interrupted> {
    if requested() {
        Err(Interrupted)
    } else {
        Ok(())
    }
}

/// The work stopped because the user asked it to; whatever it had made is gone again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted;

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

/// Whether an error chain is (or wraps) an interruption.
pub fn is_interrupted(error: &anyhow::Error) -> bool {
    error.chain().any(|e| e.is::<Interrupted>())
}
