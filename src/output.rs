//! Stage 4, publish: writing the site into a staging folder beside the output and swapping it in
//! only when the whole build succeeded.
//!
//! A web server serving the output folder never sees a half-written site, a failed build leaves
//! the previous site as it was, and a folder that minqing did not create is never deleted.

use crate::l10n::Msg;
use crate::render::{Body, OutputFile};
pub use crate::written::MARKER;
use anyhow::{Context as _, Result};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const MARKER_TEXT: &str = "This folder is written by `minqing build` and replaced whole on every build.\nDo not keep your own files here.\n";

/// Files that may sit in an output folder minqing did not create (a fresh clone's public/).
const HARMLESS: &[&str] = &[".gitkeep", ".gitignore", MARKER];

/// A build being written: the staging folder and where it goes when done.
///
/// The staging folder's marker is held open and locked while the build runs, so that another
/// run can tell a live build's folder from one left by a killed run (which it removes). Dropped
/// without [`Staging::publish`] (an error, Ctrl+C), the folder is removed.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    /// Folders already made inside `dir`, so that each file costs no extra system calls.
    made: Mutex<HashSet<PathBuf>>,
    /// The locked marker; `None` once published or discarded.
    lock: Option<fs::File>,
}

/// The name of a staging (`new`) or old-site (`old`) folder beside `target`: hidden, so that
/// neither a web server's listing nor the content walk shows it, and tagged with the process.
fn sibling(target: &Path, tag: &str) -> PathBuf {
    target.with_file_name(format!(
        "{}{tag}-{}",
        sibling_prefix(target),
        std::process::id()
    ))
}

fn sibling_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    format!(".{name}.minqing-")
}

/// Checks that `target` may be replaced, removes what killed runs left beside it, and makes an
/// empty staging folder there.
pub fn stage(target: &Path) -> Result<Staging> {
    check_replaceable(target)?;
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).with_context(|| Msg::new("io-creating").path("path", parent))?;
    }
    remove_abandoned(target);
    let dir = sibling(target, "new");
    if dir.exists() {
        remove_tree(&dir).with_context(|| Msg::new("io-removing").path("path", &dir))?;
    }
    fs::create_dir(&dir).with_context(|| Msg::new("io-creating").path("path", &dir))?;
    let mut staging = Staging {
        dir,
        target: target.to_path_buf(),
        made: Mutex::new(HashSet::new()),
        lock: None,
    };
    let marker = staging.dir.join(MARKER);
    let mut file = fs::File::create(&marker)
        .and_then(|mut f| f.write_all(MARKER_TEXT.as_bytes()).map(|()| f))
        .with_context(|| Msg::new("io-writing").path("path", &marker))?;
    // A file system without locks (some network shares) still builds; only the clean-up of a
    // killed run's folder then waits for that folder to look abandoned by other signs.
    let _ = file.try_lock();
    file.flush().ok();
    staging.lock = Some(file);
    Ok(staging)
}

/// Removes the staging and old-site folders that runs killed before they could clean up
/// (SIGKILL, power loss) left beside `target`: those named as [`sibling`] names them whose
/// marker no live run holds locked. Best effort: what cannot be removed stays for the next run.
pub fn remove_abandoned(target: &Path) {
    let parent = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) => p.to_path_buf(),
        None => PathBuf::from("."),
    };
    let prefix = sibling_prefix(target);
    let Ok(entries) = fs::read_dir(&parent) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let tagged = ["new-", "old-"].iter().any(|t| {
            rest.strip_prefix(t)
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if !tagged || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let dir = entry.path();
        let marker = dir.join(MARKER);
        match fs::OpenOptions::new().read(true).open(&marker) {
            // A live run holds it: not abandoned.
            Ok(f) if f.try_lock().is_err() => {}
            Ok(f) => {
                drop(f);
                let _ = remove_tree(&dir);
            }
            // No marker: the marker goes last, so this folder is empty or was never ours.
            Err(_) => {
                let _ = fs::remove_dir(&dir);
            }
        }
    }
}

/// Refuses an output folder that would replace something no site should: the root of a drive,
/// the home folder, the content folder itself or a folder that holds it.
pub fn check_target(out: &Path, content: &Path) -> Result<()> {
    let out_abs = resolved(out);
    let content_abs = resolved(content);
    let refuse = |id: &'static str| -> Result<()> {
        Err(Msg::new(id)
            .path("out", out)
            .path("content", content)
            .into())
    };
    if out_abs.parent().is_none() {
        return refuse("out-is-root");
    }
    if std::env::home_dir().is_some_and(|h| resolved(&h) == out_abs) {
        return refuse("out-is-home");
    }
    if out_abs == content_abs {
        return refuse("out-is-content");
    }
    if content_abs.starts_with(&out_abs) {
        return refuse("out-holds-content");
    }
    Ok(())
}

/// `path` made absolute, with links and `..` resolved as far as the path exists.
pub fn resolved(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Refuses to replace anything that is not a minqing output folder (or an empty one).
pub fn check_replaceable(target: &Path) -> Result<()> {
    let meta = match fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(_) => return Ok(()),
    };
    if !meta.is_dir() {
        return Err(Msg::new("out-not-a-folder").path("out", target).into());
    }
    if target.join(MARKER).is_file() {
        return Ok(());
    }
    let foreign = fs::read_dir(target)
        .with_context(|| Msg::new("io-reading").path("path", target))?
        .filter_map(|e| e.ok())
        .any(|e| !HARMLESS.contains(&e.file_name().to_string_lossy().as_ref()));
    if foreign {
        return Err(Msg::new("out-not-ours")
            .path("out", target)
            .arg("marker", MARKER)
            .into());
    }
    Ok(())
}

/// A rendered file's whole bytes in memory (for sinks that keep or hash them): a copied
/// content file is read here, on the publishing side, not while rendering.
pub fn body_bytes(body: Body) -> Result<Vec<u8>> {
    match body {
        Body::Bytes(b) => Ok(b),
        Body::Copy(src) => {
            fs::read(&src).with_context(|| Msg::new("io-reading").path("path", &src))
        }
        Body::Stream(write) => {
            let mut out = Vec::new();
            write(&mut out)?;
            Ok(out)
        }
    }
}

/// Writes a file in place without ever exposing a half-written one: the bytes go to a
/// temporary name beside it, which is then renamed over the old file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| Msg::new("io-creating").path("path", parent))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.minqing-tmp"));
    let written = fs::write(&tmp, bytes)
        .with_context(|| Msg::new("io-writing").path("path", &tmp))
        .and_then(|()| {
            fs::rename(&tmp, path)
                .with_context(|| Msg::new("io-renaming").path("from", &tmp).path("to", path))
        });
    if written.is_err() {
        // A full disk or a refused rename leaves no half-written file behind.
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Creates an output folder with minqing's marker, or checks that an existing one may be used.
pub fn prepare_in_place(target: &Path) -> Result<()> {
    check_replaceable(target)?;
    fs::create_dir_all(target).with_context(|| Msg::new("io-creating").path("path", target))?;
    let marker = target.join(MARKER);
    if !marker.is_file() {
        fs::write(&marker, MARKER_TEXT)
            .with_context(|| Msg::new("io-writing").path("path", &marker))?;
    }
    Ok(())
}

/// Removes a folder and everything in it on every core (a large site's old tree is hundreds of
/// thousands of files). The subtrees [`SPLIT_DEPTH`] levels down are each removed whole by
/// `fs::remove_dir_all`, which works relative to open folders rather than walking every file's
/// full path again; then what lies above them. Symbolic links are removed, never followed.
///
/// Written here rather than taken from the `remove_dir_all` crate (1.0, `parallel` feature),
/// which was measured against it: removing a copy of the built 10k synthetic site (31,472 files
/// and folders; 2 shared cores, 12 interleaved runs each) took a median 1.47 s here, 1.52 s with
/// the crate (called on each entry but the marker, which has to go last), 2.39 s (5 runs) with
/// `fs::remove_dir_all` alone. The crate is not faster and still needs the marker handled here.
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if !fs::symlink_metadata(dir)?.is_dir() {
        // A link (even to a folder) or a file in the folder's place: only it goes.
        return remove_entry(dir);
    }
    let mut above = Above::default();
    above.split(dir, 0)?;
    above.subtrees.par_iter().try_for_each(fs::remove_dir_all)?;
    // The marker goes last, so that a run killed half-way leaves a folder that is still
    // recognisably minqing's (see `remove_abandoned`).
    let marker = dir.join(MARKER);
    above.files.retain(|f| *f != marker);
    above.files.par_iter().try_for_each(|f| remove_entry(f))?;
    // Deepest first, so that each folder is empty when its turn comes.
    above.dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for (_, d) in &above.dirs {
        fs::remove_dir(d)?;
    }
    match fs::remove_file(&marker) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

/// Removes a file or a link, never what a link points at. On Windows a link to a folder (a
/// directory symbolic link or a junction) is removed as a folder entry (`remove_file` refuses
/// it); elsewhere every link is removed as a file.
fn remove_entry(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if cfg!(windows) => fs::remove_dir(path).map_err(|_| e),
        done => done,
    }
}

/// How deep [`remove_tree`] looks before handing whole subtrees to the cores: a site's folders
/// three levels down (counties, in a national tree) are many and of similar size.
const SPLIT_DEPTH: usize = 3;

/// What lies above the split depth of a tree being removed.
#[derive(Default)]
struct Above {
    subtrees: Vec<PathBuf>,
    files: Vec<PathBuf>,
    /// Folders with their depth.
    dirs: Vec<(usize, PathBuf)>,
}

impl Above {
    fn split(&mut self, dir: &Path, depth: usize) -> std::io::Result<()> {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            // The entry's own type: a link to a folder is a link, removed as a file.
            if entry.file_type()?.is_dir() {
                if depth + 1 == SPLIT_DEPTH {
                    self.subtrees.push(entry.path());
                } else {
                    self.dirs.push((depth + 1, entry.path()));
                    self.split(&entry.path(), depth + 1)?;
                }
            } else {
                self.files.push(entry.path());
            }
        }
        Ok(())
    }
}

impl Staging {
    /// Writes one output file into the staging folder.
    pub fn write(&self, file: OutputFile) -> Result<()> {
        crate::interrupt::check()?;
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            let made = self.lock_made().contains(parent);
            if !made {
                fs::create_dir_all(parent)
                    .with_context(|| Msg::new("io-creating").path("path", parent))?;
                self.lock_made().insert(parent.to_path_buf());
            }
        }
        match file.body {
            Body::Bytes(bytes) => {
                fs::write(&path, bytes).with_context(|| Msg::new("io-writing").path("path", &path))
            }
            Body::Copy(src) => fs::copy(&src, &path)
                .map(|_| ())
                .with_context(|| Msg::new("io-copying").path("from", &src).path("to", &path)),
            Body::Stream(write) => {
                let f = fs::File::create(&path)
                    .with_context(|| Msg::new("io-writing").path("path", &path))?;
                let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
                write(&mut w)
                    .and_then(|()| w.flush())
                    .with_context(|| Msg::new("io-writing").path("path", &path))
            }
        }
    }

    fn lock_made(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Swaps the staging folder in for the target; the old site is removed only afterwards.
    /// A stop asked for before the swap discards the new site instead; one asked for during the
    /// removal of the old site waits for it, so that nothing is left behind either way.
    pub fn publish(mut self) -> Result<()> {
        crate::interrupt::check()?;
        // Windows cannot rename a folder with an open file inside.
        self.lock = None;
        let old = sibling(&self.target, "old");
        let had_old = self.target.exists();
        if had_old {
            for keep in [".gitkeep", ".gitignore"] {
                let f = self.target.join(keep);
                if f.is_file() {
                    fs::copy(&f, self.dir.join(keep))
                        .with_context(|| Msg::new("io-keeping").path("path", &f))?;
                }
            }
            if old.exists() {
                remove_tree(&old).with_context(|| Msg::new("io-removing").path("path", &old))?;
            }
            fs::rename(&self.target, &old)
                .with_context(|| Msg::new("io-moving-aside").path("path", &self.target))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e).with_context(|| Msg::new("io-moving-in").path("path", &self.target));
        }
        // Published: there is no staging folder left to remove on drop.
        self.dir = PathBuf::new();
        if had_old {
            remove_tree(&old).with_context(|| Msg::new("io-removing").path("path", &old))?;
        }
        Ok(())
    }

    /// Removes the staging folder after a failed build; the target is untouched.
    pub fn discard(self) {
        drop(self);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        self.lock = None;
        if !self.dir.as_os_str().is_empty() {
            let _ = remove_tree(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_foreign_folders_and_replaces_its_own() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("precious.txt"), "mine").unwrap();
        let err = stage(&out).err().unwrap().to_string();
        assert!(err.contains("refusing to replace"), "{err}");
        assert_eq!(
            fs::read_to_string(out.join("precious.txt")).unwrap(),
            "mine"
        );

        fs::remove_file(out.join("precious.txt")).unwrap();
        fs::write(out.join(".gitkeep"), "").unwrap();
        let s = stage(&out).unwrap();
        s.write(OutputFile {
            path: "a/b.html".into(),
            body: Body::Bytes(b"hi".to_vec()),
        })
        .unwrap();
        s.publish().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/b.html")).unwrap(), "hi");
        assert!(out.join(MARKER).is_file());
        assert!(out.join(".gitkeep").is_file());
        // Nothing is left beside it.
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    /// A link to the folder `target` at `link`: a symbolic link, or on Windows a directory
    /// symbolic link (`false` when the account may not make one there, and the test skips).
    fn link_dir(target: &Path, link: &Path) -> bool {
        #[cfg(unix)]
        let made = std::os::unix::fs::symlink(target, link);
        #[cfg(windows)]
        let made = std::os::windows::fs::symlink_dir(target, link);
        #[cfg(not(any(unix, windows)))]
        let made: std::io::Result<()> = Err(std::io::ErrorKind::Unsupported.into());
        match made {
            Ok(()) => true,
            Err(e) => {
                eprintln!("skipped: cannot make a link here ({e})");
                false
            }
        }
    }

    #[test]
    fn removes_a_deep_tree_without_following_links() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "mine").unwrap();
        let site = tmp.path().join("site");
        // Files and links above, at and below the split depth.
        let mut dir = site.clone();
        for level in 0..6 {
            fs::create_dir_all(&dir).unwrap();
            fs::write(dir.join("index.html"), format!("{level}")).unwrap();
            fs::write(dir.join("other.html"), "x").unwrap();
            if !link_dir(&outside, &dir.join("link")) {
                return;
            }
            fs::create_dir(dir.join(format!("empty{level}"))).unwrap();
            dir = dir.join(format!("d{level}"));
        }
        remove_tree(&site).unwrap();
        assert!(!site.exists());
        // A link in the tree's place is removed, not what it points at.
        let link = tmp.path().join("link");
        assert!(link_dir(&outside, &link));
        remove_tree(&link).unwrap();
        assert!(fs::symlink_metadata(&link).is_err());
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "mine"
        );
    }
}
