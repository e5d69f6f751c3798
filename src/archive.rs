//! `minqing archive` and `minqing verify`: the site as one zip that opens by double-click on a
//! Windows PC with no server and no network, and proves years later that it was not altered.
//!
//! The zip holds one top folder with `index.html` at its top, every page and file of the site
//! (all names ASCII slugs, so Explorer's built-in unzip on a Chinese-locale PC extracts them
//! correctly), `ARCHIVE.txt` saying what it is, and `MANIFEST.sha256` in `sha256sum` format. The
//! same content gives a byte-identical zip: sorted entries, fixed timestamps, fixed compression.
//! Checking one is `verify`'s (`archive/verify.rs`).

use crate::build::{load_for_render, load_theme};
use crate::diagnostics::Diagnostics;
use crate::l10n::Msg;
use crate::model::SiteModel;
use crate::render::{self, OutputFile};
use crate::timings::Timings;
use anyhow::{Context as _, Result};
use jiff::civil::Date;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

mod verify;
pub use verify::{Damage, Stopped, Unsafe, Verification, VerifyLimits, verify, verify_with};

pub const MANIFEST: &str = "MANIFEST.sha256";
pub const README: &str = "ARCHIVE.txt";

/// What `archive` wrote, or the diagnostics that stopped it.
#[derive(Debug)]
pub struct ArchiveSummary {
    pub path: Option<PathBuf>,
    pub top: String,
    pub files: usize,
    pub bytes: u64,
    pub diagnostics: Diagnostics,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A digest as `sha256sum` writes it: lowercase hex.
fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The zip's top folder: the site title's slug and the content's latest date.
pub fn archive_name(title: &str, latest: Option<Date>) -> String {
    let mut slug = crate::slug::slugify(title);
    if slug.len() > 40 {
        let cut = slug[..40].rfind('-').filter(|&i| i >= 16).unwrap_or(40);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug = "minqing".into();
    }
    match latest {
        Some(d) => format!("{slug}-{d}"),
        None => slug,
    }
}

/// Builds the site in memory and writes it as a zip (default: `<top folder>.zip` here).
pub fn archive(content: &Path, out: Option<&Path>) -> Result<ArchiveSummary> {
    crate::content::check_root(content)?;
    if let Some(o) = out.filter(|o| o.is_dir()) {
        return Err(Msg::new("archive-out-is-folder").path("out", o).into());
    }
    let (model, mut diagnostics) =
        load_for_render(content, &mut crate::timings::Timings::default())?;
    crate::interrupt::check()?;
    let latest_report = model.total.dates.last().copied();
    let latest_note = model.notes.first().map(|n| n.src.date);
    let latest = latest_report.max(latest_note);
    let top = archive_name(&model.site.title, latest);
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Ok(ArchiveSummary {
            path: None,
            top,
            files: 0,
            bytes: 0,
            diagnostics,
        });
    }
    let (files, report) = render_files(&model, &diagnostics)?;
    diagnostics.extend(report);
    diagnostics.sort();
    let files = with_readme_and_manifest(files, &model.site.title, &top, latest);
    let zip = write_zip(&top, &files, latest)?;
    let path = out
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(format!("{top}.zip")));
    diagnostics.extend(crate::build::out_inside_content(
        &path,
        content,
        &diagnostics,
    ));
    diagnostics.sort();
    crate::interrupt::check()?;
    crate::output::write_atomic(&path, &zip)?;
    Ok(ArchiveSummary {
        path: Some(path),
        top,
        files: files.len(),
        bytes: zip.len() as u64,
        diagnostics,
    })
}

/// Every file of the site in memory, by path, with the diagnostics rendering found.
fn render_files(
    model: &SiteModel,
    warnings: &Diagnostics,
) -> Result<(BTreeMap<String, Vec<u8>>, Diagnostics)> {
    let mut theme = load_theme(model)?;
    let files: Mutex<BTreeMap<String, Vec<u8>>> = Mutex::new(BTreeMap::new());
    let sink = |f: OutputFile| -> Result<()> {
        crate::interrupt::check()?;
        let bytes = crate::output::body_bytes(f.body)?;
        if !f.path.is_ascii() {
            return Err(Msg::new("archive-name-not-ascii")
                .arg("name", &f.path)
                .into());
        }
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(f.path, bytes);
        Ok(())
    };
    let bodies = crate::build::NoteFiles::of(model);
    let report = render::render(
        model,
        &bodies,
        warnings,
        &mut theme,
        &sink,
        &Timings::default(),
    )?;
    let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok((files, report.diagnostics))
}

/// The site's files with `ARCHIVE.txt` (what this is, in Chinese and English) and the manifest
/// of them all added.
fn with_readme_and_manifest(
    mut files: BTreeMap<String, Vec<u8>>,
    title: &str,
    top: &str,
    latest: Option<Date>,
) -> BTreeMap<String, Vec<u8>> {
    let date_text = latest.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    let readme = format!(
        "{title}\r\n\r\n\
         这是用 minqing 生成的离线网站档案。解压后双击 index.html 即可在浏览器中打开，无需网络。\r\n\
         This is an offline archive of a site generated by minqing. Unzip it and open index.html;\r\n\
         no server and no network are needed.\r\n\r\n\
         Latest date in the content / 内容最新日期: {date_text}\r\n\
         Generator / 生成工具: minqing {version}\r\n\
         Files / 文件数: {count}\r\n\r\n\
         To check that nothing was altered / 校验完整性:\r\n\
         \x20 minqing verify {top}.zip\r\n\
         \x20 or, in this folder: sha256sum -c {manifest}\r\n",
        version = env!("CARGO_PKG_VERSION"),
        count = files.len() + 1,
        manifest = MANIFEST,
    );
    files.insert(README.to_string(), readme.into_bytes());
    let manifest: String = files
        .iter()
        .map(|(path, bytes)| format!("{}  {path}\n", sha256_hex(bytes)))
        .collect();
    files.insert(MANIFEST.to_string(), manifest.into_bytes());
    files
}

/// Sorted entries under `top/`, all stamped with the content's latest date.
fn write_zip(
    top: &str,
    files: &BTreeMap<String, Vec<u8>>,
    latest: Option<Date>,
) -> Result<Vec<u8>> {
    let stamp = latest
        .and_then(|d| {
            DateTime::from_date_and_time(d.year() as u16, d.month() as u8, d.day() as u8, 0, 0, 0)
                .ok()
        })
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // So that a later run never reads this archive back as content (see `written`).
    zip.set_comment(crate::written::ARCHIVE_COMMENT)?;
    for (path, bytes) in files {
        zip.start_file(format!("{top}/{path}"), options)
            .with_context(|| Msg::new("io-adding").arg("path", path))?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_names_are_short_ascii_slugs_with_the_date() {
        let d = Date::new(2014, 9, 10).unwrap();
        assert_eq!(
            archive_name("Quangang report", Some(d)),
            "quangang-report-2014-09-10"
        );
        let long = archive_name("党的群众路线教育实践活动进展", Some(d));
        assert!(
            long.is_ascii() && long.ends_with("-2014-09-10") && long.len() <= 51,
            "{long}"
        );
    }

    #[test]
    fn verify_spots_missing_extra_and_altered_files() {
        let mut files = BTreeMap::new();
        files.insert("index.html".to_string(), b"<h1>x</h1>".to_vec());
        files.insert("a/b.html".to_string(), b"b".to_vec());
        let manifest: String = files
            .iter()
            .map(|(p, b)| format!("{}  {p}\n", sha256_hex(b)))
            .collect();
        files.insert(MANIFEST.to_string(), manifest.into_bytes());
        let tmp = tempfile::tempdir().unwrap();
        let zip = write_zip("site", &files, Date::new(2014, 9, 10).ok()).unwrap();
        let path = tmp.path().join("site.zip");
        std::fs::write(&path, &zip).unwrap();
        let v = verify(&path).unwrap();
        assert!(v.intact() && v.checked == 2, "{v:?}");

        files.insert("a/b.html".to_string(), b"changed".to_vec());
        files.remove("index.html");
        files.insert("c.html".to_string(), b"new".to_vec());
        std::fs::write(&path, write_zip("site", &files, None).unwrap()).unwrap();
        let v = verify(&path).unwrap();
        assert_eq!(v.altered, ["a/b.html"]);
        assert_eq!(v.missing, ["index.html"]);
        assert_eq!(v.extra, ["c.html"]);
    }
}
