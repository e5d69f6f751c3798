//! `--poll`: changes found by listing the watched folders every interval and comparing each
//! file's size and modification time with the listing before, for a folder whose changes the
//! system does not announce (a network share changed from another machine). Folders are not
//! compared: a file added or removed is a change of its own.
//!
//! Not notify's `PollWatcher`, which notify 8 offers: it keeps modification times in whole
//! seconds, so a save within the same second as one it has already seen is never reported and
//! the site stays a save behind (fixed upstream by notify-rs/notify#981, in the 9.0
//! pre-releases only). Here the time is compared as the file system gives it (to the
//! nanosecond on ext4, NFS and SMB, 100 ns on NTFS).

use super::Change;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// What a listing knows of one file: a change to either is a change to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// The watched folders and their last listing.
pub struct Poller {
    interval: Duration,
    /// The output folder (as it may be named), never listed: it may be inside the content
    /// folder.
    skip: Vec<PathBuf>,
    roots: Vec<PathBuf>,
    seen: HashMap<PathBuf, Stamp>,
    next: Instant,
}

impl Poller {
    pub fn new(interval: Duration, skip: Vec<PathBuf>) -> Poller {
        Poller {
            interval,
            skip,
            roots: Vec::new(),
            seen: HashMap::new(),
            next: Instant::now() + interval,
        }
    }

    /// Lists `root` from now on, starting from what it holds now.
    pub fn watch(&mut self, root: &Path) {
        self.unwatch(root);
        list(root, &self.skip, &mut self.seen);
        self.roots.push(root.to_path_buf());
    }

    /// Stops listing `root` and forgets what it held.
    pub fn unwatch(&mut self, root: &Path) {
        self.roots.retain(|r| r != root);
        self.seen.retain(|path, _| !path.starts_with(root));
    }

    /// Waits for the next listing (at most `wait`) and, if it was due, returns what changed
    /// since the one before; `None` while it is not due, or when a stop cut the listing short.
    pub fn next(&mut self, wait: Duration) -> Option<Vec<Change>> {
        let left = self.next.saturating_duration_since(Instant::now());
        if !left.is_zero() {
            std::thread::sleep(left.min(wait));
            return None;
        }
        let mut listed = HashMap::with_capacity(self.seen.len());
        for root in &self.roots {
            if !list(root, &self.skip, &mut listed) {
                return None;
            }
        }
        // The interval runs from the end of a listing, so a slow share is never listed back to
        // back.
        self.next = Instant::now() + self.interval;
        let changes = compare(&self.seen, &listed);
        self.seen = listed;
        Some(changes)
    }
}

/// Adds every file under `root` (but those under `skip`) to `into`; false when a stop was asked for on the
/// way. A folder that is gone or cannot be read adds nothing (its files count as removed).
fn list(root: &Path, skip: &[PathBuf], into: &mut HashMap<PathBuf, Stamp>) -> bool {
    let walk = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.path().starts_with(s)));
    for entry in walk {
        if crate::interrupt::requested() {
            return false;
        }
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let stamp = Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        };
        into.insert(entry.into_path(), stamp);
    }
    true
}

/// The files added, changed or removed from `before` to `after`, sorted by path.
fn compare(before: &HashMap<PathBuf, Stamp>, after: &HashMap<PathBuf, Stamp>) -> Vec<Change> {
    let mut changes: Vec<Change> = after
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .map(|(path, _)| Change {
            path: path.clone(),
            removed: false,
        })
        .chain(
            before
                .keys()
                .filter(|path| !after.contains_key(*path))
                .map(|path| Change {
                    path: path.clone(),
                    removed: true,
                }),
        )
        .collect();
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn listed(p: &mut Poller) -> Vec<(String, bool)> {
        p.next = Instant::now();
        let changes = p.next(Duration::ZERO).expect("a listing");
        changes
            .into_iter()
            .map(|c| {
                let name = c.path.file_name().unwrap().to_string_lossy().into_owned();
                (name, c.removed)
            })
            .collect()
    }

    #[test]
    fn reports_files_added_changed_and_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        fs::create_dir_all(root.join("甲省")).unwrap();
        fs::write(root.join("site.yaml"), "title: t\n").unwrap();
        fs::write(root.join("甲省/locality.yaml"), "name: 甲省\n").unwrap();
        let mut p = Poller::new(Duration::from_secs(3600), vec![tmp.path().join("public")]);
        p.watch(&root);
        assert_eq!(listed(&mut p), []);
        fs::write(root.join("甲省/locality.yaml"), "name: 甲省省\n").unwrap();
        fs::write(root.join("甲省/note.md"), "# n\n").unwrap();
        fs::remove_file(root.join("site.yaml")).unwrap();
        assert_eq!(
            listed(&mut p),
            [
                ("site.yaml".to_string(), true),
                ("locality.yaml".to_string(), false),
                ("note.md".to_string(), false),
            ]
        );
        assert_eq!(listed(&mut p), []);
    }

    /// Guards against notify 8's whole-second comparison: a rewrite within the second of the
    /// listing that saw the file before, with the same size, is a change.
    #[test]
    fn a_second_save_within_the_same_second_is_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        fs::create_dir_all(&root).unwrap();
        let file = root.join("locality.yaml");
        let second = SystemTime::UNIX_EPOCH + Duration::from_secs(1_400_000_000);
        fs::write(&file, "a: 1\n").unwrap();
        let set = |at: Duration| {
            let f = fs::File::options().write(true).open(&file).unwrap();
            f.set_modified(second + at).unwrap();
        };
        set(Duration::from_millis(200));
        let mut p = Poller::new(Duration::from_secs(3600), vec![tmp.path().join("public")]);
        p.watch(&root);
        fs::write(&file, "a: 2\n").unwrap();
        set(Duration::from_millis(700));
        assert_eq!(listed(&mut p), [("locality.yaml".to_string(), false)]);
    }

    #[test]
    fn the_output_folder_is_not_listed_and_a_gone_root_lists_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        fs::create_dir_all(root.join("public")).unwrap();
        fs::write(root.join("site.yaml"), "title: t\n").unwrap();
        let mut p = Poller::new(Duration::from_secs(3600), vec![root.join("public")]);
        p.watch(&root);
        fs::write(root.join("public/index.html"), "<p>").unwrap();
        assert_eq!(listed(&mut p), []);
        fs::remove_dir_all(&root).unwrap();
        assert_eq!(listed(&mut p), [("site.yaml".to_string(), true)]);
        assert_eq!(listed(&mut p), []);
    }
}
