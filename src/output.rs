//! Stage 4, publish: writing the site into a staging folder beside the output and swapping it in
//! only when the whole build succeeded.
//!
//! A web server serving the output folder never sees a half-written site, a failed build leaves
//! the previous site as it was, and a folder that minqing did not create is never deleted.

use crate::render::{Body, OutputFile};
use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file that marks a folder as minqing's output, and so safe to replace.
pub const MARKER: &str = ".minqing-output";
const MARKER_TEXT: &str = "This folder is written by `minqing build` and replaced whole on every build.\nDo not keep your own files here.\n";

/// Files that may sit in an output folder minqing did not create (a fresh clone's public/).
const HARMLESS: &[&str] = &[".gitkeep", ".gitignore", MARKER];

/// A build being written: the staging folder and where it goes when done.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    /// Folders already made inside `dir`, so that each file costs no extra system calls.
    made: Mutex<HashSet<PathBuf>>,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.minqing-{tag}-{}", std::process::id()))
}

/// Checks that `target` may be replaced and makes an empty staging folder beside it.
pub fn stage(target: &Path) -> Result<Staging> {
    check_replaceable(target)?;
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let dir = sibling(target, "new");
    if dir.exists() {
        remove_tree(&dir)
            .with_context(|| format!("removing the stale staging folder {}", dir.display()))?;
    }
    fs::create_dir(&dir)
        .with_context(|| format!("creating the staging folder {}", dir.display()))?;
    fs::write(dir.join(MARKER), MARKER_TEXT)
        .with_context(|| format!("writing {}", dir.join(MARKER).display()))?;
    Ok(Staging {
        dir,
        target: target.to_path_buf(),
        made: Mutex::new(HashSet::new()),
    })
}

/// Refuses to replace anything that is not a minqing output folder (or an empty one).
pub fn check_replaceable(target: &Path) -> Result<()> {
    let meta = match fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(_) => return Ok(()),
    };
    if !meta.is_dir() {
        bail!(
            "{} exists and is not a folder; choose another --out",
            target.display()
        );
    }
    if target.join(MARKER).is_file() {
        return Ok(());
    }
    let foreign = fs::read_dir(target)
        .with_context(|| format!("reading {}", target.display()))?
        .filter_map(|e| e.ok())
        .any(|e| !HARMLESS.contains(&e.file_name().to_string_lossy().as_ref()));
    if foreign {
        bail!(
            "{} is not empty and was not created by minqing (it has no {MARKER} file); \
             refusing to replace it. Choose an empty or new --out folder.",
            target.display()
        );
    }
    Ok(())
}

/// Writes a file in place without ever exposing a half-written one: the bytes go to a
/// temporary name beside it, which is then renamed over the old file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.minqing-tmp"));
    fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    fs::rename(&tmp, path)
        .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
}

/// Creates an output folder with minqing's marker, or checks that an existing one may be used.
pub fn prepare_in_place(target: &Path) -> Result<()> {
    check_replaceable(target)?;
    fs::create_dir_all(target).with_context(|| format!("creating {}", target.display()))?;
    let marker = target.join(MARKER);
    if !marker.is_file() {
        fs::write(&marker, MARKER_TEXT).with_context(|| format!("writing {}", marker.display()))?;
    }
    Ok(())
}

/// Removes a folder and everything in it on every core (a large site's old tree is hundreds of
/// thousands of files). The subtrees [`SPLIT_DEPTH`] levels down are each removed whole by
/// `fs::remove_dir_all`, which works relative to open folders rather than walking every file's
/// full path again; then what lies above them. Symbolic links are removed, never followed.
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if !fs::symlink_metadata(dir)?.is_dir() {
        // A link (even to a folder) or a file in the folder's place: only it goes.
        return fs::remove_file(dir);
    }
    let mut above = Above::default();
    above.split(dir, 0)?;
    above.subtrees.par_iter().try_for_each(fs::remove_dir_all)?;
    above.files.par_iter().try_for_each(fs::remove_file)?;
    // Deepest first, so that each folder is empty when its turn comes.
    above.dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for (_, d) in &above.dirs {
        fs::remove_dir(d)?;
    }
    fs::remove_dir(dir)
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
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            let made = self.lock_made().contains(parent);
            if !made {
                fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
                self.lock_made().insert(parent.to_path_buf());
            }
        }
        match file.body {
            Body::Bytes(bytes) => {
                fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
            }
            Body::Copy(src) => fs::copy(&src, &path)
                .map(|_| ())
                .with_context(|| format!("copying {} to {}", src.display(), path.display())),
            Body::Stream(write) => {
                let f = fs::File::create(&path)
                    .with_context(|| format!("writing {}", path.display()))?;
                let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
                write(&mut w)
                    .and_then(|()| w.flush())
                    .with_context(|| format!("writing {}", path.display()))
            }
        }
    }

    fn lock_made(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Swaps the staging folder in for the target; the old site is removed only afterwards.
    pub fn publish(self) -> Result<()> {
        let old = sibling(&self.target, "old");
        let had_old = self.target.exists();
        if had_old {
            for keep in [".gitkeep", ".gitignore"] {
                let f = self.target.join(keep);
                if f.is_file() {
                    fs::copy(&f, self.dir.join(keep))
                        .with_context(|| format!("keeping {}", f.display()))?;
                }
            }
            if old.exists() {
                remove_tree(&old).with_context(|| format!("removing {}", old.display()))?;
            }
            fs::rename(&self.target, &old)
                .with_context(|| format!("moving the old site {} aside", self.target.display()))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e)
                .with_context(|| format!("moving the new site into {}", self.target.display()));
        }
        if had_old {
            remove_tree(&old)
                .with_context(|| format!("removing the old site {}", old.display()))?;
        }
        Ok(())
    }

    /// Removes the staging folder after a failed build; the target is untouched.
    pub fn discard(self) {
        let _ = remove_tree(&self.dir);
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

    #[cfg(unix)]
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
            std::os::unix::fs::symlink(&outside, dir.join("link")).unwrap();
            fs::create_dir(dir.join(format!("empty{level}"))).unwrap();
            dir = dir.join(format!("d{level}"));
        }
        remove_tree(&site).unwrap();
        assert!(!site.exists());
        // A link in the tree's place is removed, not what it points at.
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        remove_tree(&link).unwrap();
        assert!(fs::symlink_metadata(&link).is_err());
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "mine"
        );
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "mine"
        );
    }
}
