//! `minqing verify`: checks a zip made by `minqing archive`, or a copy extracted from one, against
//! its `MANIFEST.sha256`, trusting nothing the zip says about itself. It writes nothing.
//!
//! It lists the files first and holds none of them: the manifest is read first, then every file
//! it lists is streamed once through SHA-256. The bytes are counted as they are unpacked — the
//! sizes in the zip's headers are never believed — against three caps ([`VerifyLimits`]):
//!
//! - 1 GiB for one file. The largest file of a national site (about 1.6 million files, a few GiB
//!   in all) is a data file of about 100 MB: ten times that is room to grow, and a zip bomb (5 MB
//!   that unpacks to 5 GiB) is given up on after 1 GiB, with memory flat all along.
//! - 64 GiB for the whole archive, ten times the national site and more; reading stops there.
//! - 512 MiB for the manifest, the one file held in memory: the national one is about 1.6
//!   million lines of up to ~140 bytes, 220 MB.
//!
//! Reported, and the others still checked: a damaged entry (by name, with the reason), a file over
//! its cap, an entry whose name could lead outside the archive's folder (`../x`, `/etc/x`, `C:\x`,
//! `a\..\..\x`; never extracted or followed), and a link in an extracted copy (never followed).
//! Stopped with a sentence: a file that is not a zip, a zip cut short, a missing, oversized or
//! damaged manifest. Not its concern: extracting, or repairing anything.

use super::{MANIFEST, hex};
use crate::l10n::Msg;
use anyhow::Result;
use indicatif::HumanBytes;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::{Path, PathBuf};
use zip::ZipArchive;
use zip::result::ZipError;

const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;

/// The most `verify` unpacks, counted in bytes actually read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyLimits {
    /// One file (1 GiB).
    pub entry: u64,
    /// Every file together, the manifest included (64 GiB).
    pub total: u64,
    /// The manifest (512 MiB).
    pub manifest: u64,
}

impl Default for VerifyLimits {
    fn default() -> VerifyLimits {
        VerifyLimits {
            entry: GIB,
            total: 64 * GIB,
            manifest: 512 * MIB,
        }
    }
}

/// Why a file could not be read to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Damage {
    /// The zip's record of the entry (its local header) cannot be read.
    Header,
    /// Encrypted, or compressed with a method `archive` never uses.
    Unsupported,
    /// The compressed data cannot be unpacked (corrupt, cut short, longer than declared).
    Data,
    /// The unpacked bytes do not match the CRC-32 the zip keeps for them.
    Checksum,
    /// A file of an extracted copy cannot be read.
    Unreadable,
}

impl Damage {
    /// The reason's key in the `verify-damaged` message.
    pub fn key(self) -> &'static str {
        match self {
            Damage::Header => "header",
            Damage::Unsupported => "unsupported",
            Damage::Data => "data",
            Damage::Checksum => "checksum",
            Damage::Unreadable => "unreadable",
        }
    }
}

/// Why an entry was not read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unsafe {
    /// A zip entry whose name could lead outside the folder it is extracted to.
    Name,
    /// A link in an extracted copy.
    Link,
}

impl Unsafe {
    /// The reason's key in the `verify-unsafe` message.
    pub fn key(self) -> &'static str {
        match self {
            Unsafe::Name => "name",
            Unsafe::Link => "link",
        }
    }
}

/// Reading stopped at the cap for the whole archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    pub cap: u64,
    /// Files of the manifest that are in the archive but were not read (or not to the end).
    pub unchecked: usize,
}

/// What `verify` found. Names are relative to the archive's top folder, `/`-separated.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Verification {
    /// Files read to the end and compared with the manifest (matching or altered).
    pub checked: usize,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
    pub altered: Vec<String>,
    pub damaged: Vec<(String, Damage)>,
    /// As the zip names them (the top folder included), for they are not in it.
    pub unsafe_names: Vec<(String, Unsafe)>,
    /// Each with the cap it went over.
    pub too_large: Vec<(String, u64)>,
    pub stopped: Option<Stopped>,
}

impl Verification {
    pub fn intact(&self) -> bool {
        self.missing.is_empty()
            && self.extra.is_empty()
            && self.altered.is_empty()
            && self.damaged.is_empty()
            && self.unsafe_names.is_empty()
            && self.too_large.is_empty()
            && self.stopped.is_none()
    }
}

impl Verification {
    /// What to tell the reader, one message a line: each finding, then the verdict on `path`.
    pub fn report(&self, path: &Path) -> Vec<Msg> {
        let named = |id, name: &str| Msg::new(id).arg("name", printable(name));
        let mut lines = Vec::new();
        for (id, list) in [
            ("verify-missing", &self.missing),
            ("verify-extra", &self.extra),
            ("verify-altered", &self.altered),
        ] {
            lines.extend(list.iter().map(|name| named(id, name)));
        }
        for (name, damage) in &self.damaged {
            lines.push(named("verify-damaged", name).arg("reason", damage.key()));
        }
        for (name, why) in &self.unsafe_names {
            lines.push(named("verify-unsafe", name).arg("reason", why.key()));
        }
        for (name, cap) in &self.too_large {
            lines.push(named("verify-too-large", name).arg("cap", HumanBytes(*cap)));
        }
        if let Some(stopped) = &self.stopped {
            lines.push(
                Msg::new("verify-stopped")
                    .arg("cap", HumanBytes(stopped.cap))
                    .num("unchecked", stopped.unchecked),
            );
        }
        lines.push(self.verdict(path));
        lines
    }

    fn verdict(&self, path: &Path) -> Msg {
        if self.intact() {
            return Msg::new("verify-intact")
                .path("path", path)
                .num("checked", self.checked)
                .arg("manifest", MANIFEST);
        }
        Msg::new("verify-not-intact")
            .path("path", path)
            .num("missing", self.missing.len())
            .num("extra", self.extra.len())
            .num("altered", self.altered.len())
            .num("damaged", self.damaged.len())
            .num("unsafe", self.unsafe_names.len())
            .num("large", self.too_large.len())
    }
}

/// A name as it can be shown on a terminal: a hostile zip's control characters (escape
/// sequences that move the cursor or rewrite the line) are written out as `\u{1b}`.
fn printable(name: &str) -> Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return Cow::Borrowed(name);
    }
    name.chars()
        .map(|c| match c.is_control() {
            true => c.escape_unicode().to_string(),
            false => c.to_string(),
        })
        .collect()
}

/// Checks a zip, or an extracted copy (the top folder or the folder holding it), against its
/// manifest, with the default caps.
pub fn verify(path: &Path) -> Result<Verification> {
    verify_with(path, &VerifyLimits::default())
}

/// [`verify`] with other caps.
pub fn verify_with(path: &Path, limits: &VerifyLimits) -> Result<Verification> {
    let mut source = if path.is_dir() {
        Source::Folder
    } else {
        Source::Zip(Box::new(open_zip(path)?))
    };
    let listing = source.list(path)?;
    let Some((top, at)) = find_manifest(&listing.files).map(|(t, i)| (t.to_string(), i)) else {
        return Err(Msg::new("verify-no-manifest")
            .path("path", path)
            .arg("manifest", MANIFEST)
            .into());
    };
    let mut budget = Budget {
        limits: *limits,
        read: 0,
    };
    let manifest = read_manifest(&mut source, &listing.files[at], &mut budget)?;
    let expected = parse_manifest(&manifest)?;
    check(&mut source, listing, (&top, at), &expected, &mut budget)
}

/// Compares every listed file with the manifest, reading each at most once.
fn check(
    source: &mut Source,
    listing: Listing,
    (top, manifest): (&str, usize),
    expected: &BTreeMap<&str, &str>,
    budget: &mut Budget,
) -> Result<Verification> {
    let mut v = Verification {
        unsafe_names: listing.unsafe_names,
        ..Verification::default()
    };
    let mut seen = BTreeSet::new();
    let mut unchecked = 0;
    for (i, item) in listing.files.iter().enumerate() {
        if i == manifest {
            continue;
        }
        let name = relative(&item.name, top);
        let Some(hash) = expected.get(name.as_ref()) else {
            v.extra.push(name.into_owned());
            continue;
        };
        seen.insert(name.clone());
        if unchecked > 0 {
            unchecked += 1;
            continue;
        }
        crate::interrupt::check()?;
        match budget.digest(source, item) {
            Outcome::Whole(digest) => {
                v.checked += 1;
                if digest != *hash {
                    v.altered.push(name.into_owned());
                }
            }
            Outcome::Damaged(damage) => v.damaged.push((name.into_owned(), damage)),
            Outcome::OverEntryCap => v.too_large.push((name.into_owned(), budget.limits.entry)),
            Outcome::OverTotalCap => unchecked += 1,
        }
    }
    v.missing = expected
        .keys()
        .filter(|name| !seen.contains(**name))
        .map(|name| name.to_string())
        .collect();
    if unchecked > 0 {
        v.stopped = Some(Stopped {
            cap: budget.limits.total,
            unchecked,
        });
    }
    v.extra.sort();
    v.altered.sort();
    v.damaged.sort();
    v.unsafe_names.sort();
    v.too_large.sort();
    Ok(v)
}

/// The manifest's text, read before anything else and within its own cap.
fn read_manifest(source: &mut Source, item: &Item, budget: &mut Budget) -> Result<String> {
    let manifest_msg = |id| Msg::new(id).arg("manifest", MANIFEST);
    let cap = budget.limits.manifest;
    let mut bytes = Vec::new();
    let read = match source.open(&item.at) {
        Ok(reader) => reader
            .take(cap.saturating_add(1))
            .read_to_end(&mut bytes)
            .is_ok(),
        Err(_) => false,
    };
    budget.read = budget.read.saturating_add(bytes.len() as u64);
    if !read {
        return Err(manifest_msg("verify-manifest-damaged").into());
    }
    if bytes.len() as u64 > cap {
        return Err(manifest_msg("verify-manifest-too-large")
            .arg("cap", HumanBytes(cap))
            .into());
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Path → SHA-256 (hex) from `sha256sum` lines.
fn parse_manifest(text: &str) -> Result<BTreeMap<&str, &str>> {
    let mut expected = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let Some((hash, name)) = line.split_once("  ") else {
            return Err(Msg::new("verify-manifest-line")
                .arg("manifest", MANIFEST)
                .num("line", n + 1)
                .into());
        };
        expected.insert(name, hash);
    }
    Ok(expected)
}

/// A file of the archive, listed before any of its bytes are read.
struct Item {
    /// Its name in the zip, or its path below the folder, `/`-separated.
    name: String,
    at: At,
}

/// Where a listed file's bytes are.
enum At {
    /// The entry's index in the zip.
    Entry(usize),
    File(PathBuf),
}

/// The files of an archive, and the entries that will not be read.
#[derive(Default)]
struct Listing {
    files: Vec<Item>,
    unsafe_names: Vec<(String, Unsafe)>,
}

/// What is being checked: a zip, or an extracted copy (whose files are listed by path).
enum Source {
    Zip(Box<ZipArchive<File>>),
    Folder,
}

impl Source {
    fn list(&self, root: &Path) -> Result<Listing> {
        match self {
            Source::Zip(zip) => Ok(list_zip(zip)),
            Source::Folder => list_folder(root),
        }
    }

    /// A reader of one file's unpacked bytes.
    fn open(&mut self, at: &At) -> Result<Box<dyn Read + '_>, Damage> {
        match (self, at) {
            (Source::Zip(zip), At::Entry(i)) => match zip.by_index(*i) {
                Ok(entry) => Ok(Box::new(entry)),
                Err(
                    ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_),
                ) => Err(Damage::Unsupported),
                Err(_) => Err(Damage::Header),
            },
            (_, At::File(path)) => match File::open(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(_) => Err(Damage::Unreadable),
            },
            (Source::Folder, At::Entry(_)) => Err(Damage::Unreadable),
        }
    }
}

/// How reading one file ended.
enum Outcome {
    /// Read to the end: its SHA-256 in hex.
    Whole(String),
    Damaged(Damage),
    OverEntryCap,
    OverTotalCap,
}

/// The caps and the bytes unpacked so far.
struct Budget {
    limits: VerifyLimits,
    read: u64,
}

impl Budget {
    /// Streams one file through SHA-256, never more than one byte past the cap that applies.
    fn digest(&mut self, source: &mut Source, item: &Item) -> Outcome {
        let left = self.limits.total.saturating_sub(self.read);
        let cap = self.limits.entry.min(left);
        let limit = cap.saturating_add(1);
        let in_zip = matches!(source, Source::Zip(_));
        let mut reader = match source.open(&item.at) {
            Ok(reader) => reader.take(limit),
            Err(damage) => return Outcome::Damaged(damage),
        };
        let mut hasher = digest_io::IoWrapper(Sha256::new());
        let copied = io::copy(&mut reader, &mut hasher);
        // What was actually unpacked, whatever the zip's headers claim.
        let n = limit - reader.limit();
        self.read = self.read.saturating_add(n);
        match copied {
            Err(e) => Outcome::Damaged(damage(in_zip, &e)),
            Ok(_) if n > cap && self.limits.entry <= left => Outcome::OverEntryCap,
            Ok(_) if n > cap => Outcome::OverTotalCap,
            Ok(_) => Outcome::Whole(hex(&hasher.0.finalize())),
        }
    }
}

/// What an error while reading a file says about it.
fn damage(in_zip: bool, error: &io::Error) -> Damage {
    // The zip crate tells a failed CRC-32 from other failures only in words.
    match in_zip {
        true if error.to_string() == "Invalid checksum" => Damage::Checksum,
        true => Damage::Data,
        false => Damage::Unreadable,
    }
}

/// Opens a zip, or says in a sentence why it cannot be one.
fn open_zip(path: &Path) -> Result<ZipArchive<File>> {
    let cannot_read = |e: io::Error| -> anyhow::Error {
        match e.kind() {
            io::ErrorKind::NotFound => Msg::new("verify-not-found").path("path", path).into(),
            _ => Msg::new("verify-cannot-read")
                .path("path", path)
                .arg("error", e)
                .into(),
        }
    };
    let mut file = File::open(path).map_err(cannot_read)?;
    let mut magic = Vec::with_capacity(4);
    (&mut file)
        .take(4)
        .read_to_end(&mut magic)
        .map_err(cannot_read)?;
    file.rewind().map_err(cannot_read)?;
    match ZipArchive::new(file) {
        Ok(zip) => Ok(zip),
        // A local file header or an empty zip's end record: a zip, but not whole.
        Err(_) if magic == b"PK\x03\x04" || magic == b"PK\x05\x06" => {
            Err(Msg::new("verify-broken-zip").path("path", path).into())
        }
        Err(ZipError::Io(e)) if e.kind() != io::ErrorKind::UnexpectedEof => Err(cannot_read(e)),
        Err(_) => Err(Msg::new("verify-not-a-zip").path("path", path).into()),
    }
}

/// The zip's entries by name, without reading any: files to check, and names not to touch.
fn list_zip(zip: &ZipArchive<File>) -> Listing {
    let mut listing = Listing::default();
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(i) else {
            continue;
        };
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        if !is_plain(&name) {
            listing.unsafe_names.push((name, Unsafe::Name));
        } else if !name.ends_with('/') {
            listing.files.push(Item {
                name,
                at: At::Entry(i),
            });
        }
    }
    listing
}

/// Whether a zip entry name is a plain relative path, the only kind `archive` writes: parts
/// separated by `/` that are not empty, `.` or `..` and hold no `\`, `:` or control character
/// (a folder's entry ends with one `/`). Anything else could lead outside the folder it is
/// extracted to on some system — `../x`, `/etc/x`, `C:\x`, `C:x`, `a\..\..\x` on Windows — so it
/// is reported, not interpreted. (The zip crate's `enclosed_name` would accept `/etc/x` and
/// `C:\x` by quietly dropping their roots.)
fn is_plain(name: &str) -> bool {
    let name = name.strip_suffix('/').unwrap_or(name);
    !name.is_empty()
        && name.split('/').all(|part| {
            !matches!(part, "" | "." | "..")
                && !part.contains(['\\', ':'])
                && !part.chars().any(char::is_control)
        })
}

/// An extracted copy's files by path below `root`, without reading any; links are listed as
/// unsafe, never followed.
fn list_folder(root: &Path) -> Result<Listing> {
    let mut listing = Listing::default();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(root).to_path_buf();
            Msg::new("verify-cannot-read")
                .path("path", &path)
                .arg("error", e)
        })?;
        let name = crate::paths::slash_relative(root, entry.path());
        if entry.path_is_symlink() && entry.depth() > 0 {
            listing.unsafe_names.push((name, Unsafe::Link));
        } else if entry.file_type().is_file() {
            listing.files.push(Item {
                name,
                at: At::File(entry.into_path()),
            });
        }
    }
    Ok(listing)
}

/// The manifest's place in the listing, and the folder that holds it: none (`""`) when it is
/// at the top, else the top folder that has one (the first by name if several do).
fn find_manifest(files: &[Item]) -> Option<(&str, usize)> {
    if let Some(i) = files.iter().position(|f| f.name == MANIFEST) {
        return Some(("", i));
    }
    files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((f.name.strip_suffix(MANIFEST)?.strip_suffix('/')?, i)))
        .filter(|(top, _)| !top.is_empty() && !top.contains('/'))
        .min()
}

/// A listed name relative to the top folder; anything beside it is extra under `../name`.
fn relative<'a>(name: &'a str, top: &str) -> Cow<'a, str> {
    if top.is_empty() {
        return Cow::Borrowed(name);
    }
    match name
        .strip_prefix(top)
        .and_then(|rest| rest.strip_prefix('/'))
    {
        Some(rest) => Cow::Borrowed(rest),
        None => Cow::Owned(format!("../{name}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_names_are_safe() {
        for safe in ["site/index.html", "site/", "a/b/c.csv", "site/.minqing"] {
            assert!(is_plain(safe), "{safe}");
        }
        for unsafe_name in [
            "../x",
            "site/../../x",
            "site/./x",
            "/etc/x",
            "//server/share/x",
            "C:\\x",
            "C:x",
            "site\\..\\..\\x",
            "site/..\\x",
            "site//x",
            "site/x\0.html",
            "",
            "/",
        ] {
            assert!(!is_plain(unsafe_name), "{unsafe_name:?}");
        }
    }

    #[test]
    fn every_finding_is_told_in_each_language() {
        use crate::i18n::Language;
        let v = Verification {
            checked: 3,
            missing: vec!["m.html".into()],
            extra: vec!["e.html".into()],
            altered: vec!["a.html".into()],
            damaged: vec![("d.html".into(), Damage::Checksum)],
            unsafe_names: vec![("../u\u{1b}[2J".into(), Unsafe::Name)],
            too_large: vec![("big.csv".into(), GIB)],
            stopped: Some(Stopped {
                cap: 64 * GIB,
                unchecked: 1,
            }),
        };
        let lines = v.report(Path::new("site.zip"));
        let en: Vec<String> = lines.iter().map(|m| m.render(Language::En)).collect();
        assert_eq!(
            en,
            [
                "missing: m.html",
                "extra: e.html",
                "altered: a.html",
                "damaged: d.html (its bytes do not match the checksum the zip keeps for them)",
                "unsafe: ../u\\u{1b}[2J (its name could lead outside the archive's folder; \
                 not extracted, not followed)",
                "too large: big.csv (unpacks to more than 1.00 GiB, the cap for one file; \
                 not read further)",
                "stopped reading: the files unpacked so far exceed 64.00 GiB, the cap for a \
                 whole archive; 1 listed file was not checked",
                "site.zip: NOT intact: 1 missing, 1 extra, 1 altered, 1 damaged, 1 unsafe, \
                 1 too large",
            ]
        );
        for lang in [Language::ZhCn, Language::ZhTw] {
            for m in &lines {
                let text = m.render(lang);
                // Neither a Fluent error (the id, or `{$name}` unfilled) nor half-width brackets.
                assert!(!text.contains("{$") && !text.contains(m.id()), "{text}");
                assert!(!text.contains(['(', ')']), "{}: {text}", m.id());
                assert!(!text.contains("intact") && !text.contains("the "), "{text}");
            }
        }
        assert_eq!(
            lines[3].render(Language::ZhCn),
            "已损坏：d.html（内容与压缩包记录的校验值不符）"
        );
        let intact = Verification {
            checked: 1,
            ..Verification::default()
        };
        assert_eq!(
            intact.report(Path::new("site.zip"))[0].render(Language::En),
            "site.zip: intact, 1 file matches MANIFEST.sha256"
        );
    }

    #[test]
    fn digest_counts_the_bytes_read_not_the_size_claimed() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("zeros");
        std::fs::write(&path, vec![0u8; 3000]).unwrap();
        let item = Item {
            name: "zeros".into(),
            at: At::File(path),
        };
        let mut budget = Budget {
            limits: VerifyLimits {
                entry: 1000,
                total: 10_000,
                manifest: 100,
            },
            read: 0,
        };
        assert!(matches!(
            budget.digest(&mut Source::Folder, &item),
            Outcome::OverEntryCap
        ));
        assert_eq!(budget.read, 1001, "one byte past the cap, no more");
        budget.limits.entry = 5000;
        assert!(matches!(
            budget.digest(&mut Source::Folder, &item),
            Outcome::Whole(_)
        ));
        budget.read = 9000;
        assert!(matches!(
            budget.digest(&mut Source::Folder, &item),
            Outcome::OverTotalCap
        ));
    }
}
