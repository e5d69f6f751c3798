//! `minqing archive` and `minqing verify`: deterministic zips with ASCII names and a manifest
//! that catches every alteration, and a `verify` that names what is wrong with a damaged or
//! hostile zip without trusting it.

use crate::support::*;
use minqing::archive::{Damage, VerifyLimits, verify, verify_with};
use sha2::{Digest, Sha256};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the binary in `cwd`, speaking English unless `args` ask for another language.
fn minqing(args: &[&str], cwd: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(args)
        .env("MINQING_LANG", "en")
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn entries(zip: &std::path::Path) -> Vec<String> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().unwrap().to_string())
        .collect()
}

#[test]
fn two_archives_of_the_same_content_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let content = example_content();
    let content = content.to_str().unwrap();
    for name in ["a.zip", "b.zip"] {
        let out = minqing(
            &["archive", "--content", content, "--out", name],
            tmp.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let a = std::fs::read(tmp.path().join("a.zip")).unwrap();
    let b = std::fs::read(tmp.path().join("b.zip")).unwrap();
    assert!(a == b, "two archives differ");
}

#[test]
fn entries_are_ascii_under_one_top_folder_with_index_and_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = minqing(
        &["archive", "--content", example_content().to_str().unwrap()],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let zip = std::fs::read_dir(tmp.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let name = zip.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.ends_with("-2014-09-26.zip"), "{name}");
    let names = entries(&zip);
    let top = name.trim_end_matches(".zip");
    assert!(
        names
            .iter()
            .all(|n| n.is_ascii() && n.starts_with(&format!("{top}/"))),
        "{names:?}"
    );
    for must in [
        "index.html",
        "MANIFEST.sha256",
        "ARCHIVE.txt",
        "data/localities.csv",
        "static/style.css",
    ] {
        assert!(names.contains(&format!("{top}/{must}")), "no {must}");
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are not sorted");
    // The archive carries every page a build has.
    let built = build_content(&example_content());
    let pages = built
        .files()
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count();
    assert_eq!(names.iter().filter(|n| n.ends_with(".html")).count(), pages);
}

#[test]
fn verify_reports_altered_missing_and_extra_files() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        minqing(
            &[
                "archive",
                "--content",
                example_content().to_str().unwrap(),
                "--out",
                "site.zip"
            ],
            tmp.path()
        )
        .status
        .success()
    );
    let ok = minqing(&["verify", "site.zip"], tmp.path());
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact"));

    // An extracted copy: alter one file, remove one, add one.
    let dir = tmp.path().join("x");
    let mut z =
        zip::ZipArchive::new(std::fs::File::open(tmp.path().join("site.zip")).unwrap()).unwrap();
    z.extract(&dir).unwrap();
    assert!(
        minqing(&["verify", dir.to_str().unwrap()], tmp.path())
            .status
            .success()
    );
    let top = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(top.join("index.html"), "<h1>changed</h1>").unwrap();
    std::fs::remove_file(top.join("data/localities.csv")).unwrap();
    std::fs::write(top.join("notes/extra.html"), "x").unwrap();
    let bad = minqing(&["verify", dir.to_str().unwrap()], tmp.path());
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout);
    assert!(text.contains("altered: index.html"), "{text}");
    assert!(text.contains("missing: data/localities.csv"), "{text}");
    assert!(text.contains("extra: notes/extra.html"), "{text}");
}

/// `site.zip` of the example content, written by `minqing archive` into `dir`.
fn example_archive(dir: &Path) -> PathBuf {
    let out = minqing(
        &[
            "archive",
            "--content",
            example_content().to_str().unwrap(),
            "--out",
            "site.zip",
        ],
        dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("site.zip")
}

/// Flips eight bytes in the middle of the compressed data of the entry `top/<name>`.
fn damage_entry(zip: &Path, name: &str) {
    let mut bytes = std::fs::read(zip).unwrap();
    let (start, len) = {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let i = (0..z.len())
            .find(|&i| {
                let n = z.by_index_raw(i).unwrap().name().unwrap().to_string();
                n.split_once('/').map(|(_, rest)| rest) == Some(name)
            })
            .unwrap_or_else(|| panic!("no entry {name}"));
        let e = z.by_index_raw(i).unwrap();
        (
            e.data_start().unwrap() as usize,
            e.compressed_size() as usize,
        )
    };
    assert!(len > 32, "{name} is too small to damage");
    for b in &mut bytes[start + len / 2..start + len / 2 + 8] {
        *b ^= 0x5a;
    }
    std::fs::write(zip, bytes).unwrap();
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A zip of `entries` in that order (deflated), the names exactly as given.
fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, options).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

/// The manifest of `files` (path, bytes) in `sha256sum` format.
fn manifest_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    files
        .iter()
        .map(|(p, b)| format!("{}  {p}\n", sha256_hex(b)))
        .collect::<String>()
        .into_bytes()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Both streams, for a failing assertion to show.
fn shown(out: &std::process::Output) -> String {
    format!("stdout:\n{}stderr:\n{}", stdout(out), stderr(out))
}

#[test]
fn verify_names_each_damaged_entry_and_still_checks_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = example_archive(tmp.path());
    let listed = verify(&zip).unwrap().checked;
    damage_entry(&zip, "index.html");
    damage_entry(&zip, "data/localities.csv");

    let out = minqing(&["verify", "site.zip"], tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let text = stdout(&out);
    assert!(text.contains("damaged: index.html ("), "{}", shown(&out));
    assert!(text.contains("damaged: data/localities.csv ("), "{text}");
    assert!(text.contains("site.zip: NOT intact:"), "{text}");
    assert!(text.contains(" 2 damaged"), "{text}");
    assert!(!text.contains("Invalid checksum"), "{text}");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    // Every other file was still read and matched its manifest line.
    let v = verify(&zip).unwrap();
    let damaged: Vec<&str> = v.damaged.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(damaged, ["data/localities.csv", "index.html"], "{v:?}");
    assert_eq!(v.checked, listed - 2, "{v:?}");
    assert!(v.altered.is_empty() && v.missing.is_empty(), "{v:?}");
    assert!(!v.intact());
}

#[test]
fn verify_names_a_stored_entry_whose_bytes_fail_the_zip_checksum() {
    let tmp = tempfile::tempdir().unwrap();
    let page = vec![b'x'; 4096];
    let files: [(&str, &[u8]); 1] = [("index.html", &page)];
    let manifest = manifest_of(&files);
    let path = tmp.path().join("s.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("s/MANIFEST.sha256", stored).unwrap();
    z.write_all(&manifest).unwrap();
    z.start_file("s/index.html", stored).unwrap();
    z.write_all(&page).unwrap();
    z.finish().unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(64).position(|w| w == &page[..64]).unwrap() + 100;
    bytes[at] = b'y';
    std::fs::write(&path, bytes).unwrap();

    let v = verify(&path).unwrap();
    assert_eq!(v.damaged, [("index.html".to_string(), Damage::Checksum)]);
    assert!(!v.intact());
}

#[test]
fn verify_says_in_a_sentence_that_a_truncated_zip_is_cut_short() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = example_archive(tmp.path());
    let bytes = std::fs::read(&zip).unwrap();
    std::fs::write(&zip, &bytes[..bytes.len() / 2]).unwrap();

    let out = minqing(&["verify", "site.zip"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("site.zip is cut short or damaged"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    for chain in [
        "Invalid checksum",
        "invalid Zip archive",
        "EOCD",
        "i/o error",
    ] {
        assert!(!err.contains(chain), "{err}");
    }
}

#[test]
fn verify_says_in_a_sentence_that_a_file_is_not_a_zip() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("page.zip"), "<html>not a zip</html>").unwrap();
    std::fs::write(tmp.path().join("empty.zip"), "").unwrap();
    for name in ["page.zip", "empty.zip"] {
        let out = minqing(&["verify", name], tmp.path());
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert_eq!(err.trim_end(), format!("error: {name} is not a zip file."));
    }
    let out = minqing(&["verify", "nothing-here.zip"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        "error: nothing-here.zip does not exist."
    );
}

#[test]
fn verify_reports_names_outside_the_top_folder_as_unsafe_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    // A token of this run, so that no other file can pass for one this test looks for.
    let token = tmp
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let page: &[u8] = b"<h1>x</h1>";
    let manifest = manifest_of(&[("index.html", page)]);
    let hostile = [
        format!("../{token}-evil"),
        format!("site/../../{token}-evil"),
        format!("/tmp/{token}-evil"),
        format!("C:\\{token}-evil"),
        format!("C:{token}-evil"),
        format!("site\\..\\..\\{token}-evil"),
        format!("site/..\\..\\{token}-evil"),
    ];
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("site/MANIFEST.sha256", &manifest),
        ("site/index.html", page),
    ];
    for name in &hostile {
        entries.push((name, b"evil"));
    }
    let zip = work.join("site.zip");
    write_zip(&zip, &entries);

    let out = minqing(&["verify", "site.zip"], &work);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let text = stdout(&out);
    for name in &hostile {
        assert!(
            text.contains(&format!("unsafe: {name} (")),
            "{name}: {}",
            shown(&out)
        );
    }
    assert!(text.contains("site.zip: NOT intact:"), "{text}");
    assert!(
        text.contains(&format!(" {} unsafe", hostile.len())),
        "{text}"
    );

    let v = verify(&zip).unwrap();
    assert_eq!(v.checked, 1, "the safe entry is still checked: {v:?}");
    assert!(v.extra.is_empty() && v.missing.is_empty(), "{v:?}");
    // Nothing was extracted anywhere: not beside the zip, not above it, not at the absolute path.
    let written = walkdir::WalkDir::new(tmp.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("evil"))
        .count();
    assert_eq!(written, 0);
    assert!(!Path::new(&format!("/tmp/{token}-evil")).exists());
    assert!(
        !tmp.path()
            .parent()
            .unwrap()
            .join(format!("{token}-evil"))
            .exists()
    );
}

#[test]
fn verify_reports_an_entry_over_the_per_entry_cap_without_reading_past_it() {
    let tmp = tempfile::tempdir().unwrap();
    let zeros = vec![0u8; 2 << 20];
    let page: &[u8] = b"<h1>x</h1>";
    let files: [(&str, &[u8]); 2] = [("index.html", page), ("zeros.bin", &zeros)];
    let manifest = manifest_of(&files);
    let zip = tmp.path().join("site.zip");
    write_zip(
        &zip,
        &[
            ("site/MANIFEST.sha256", &manifest),
            ("site/index.html", page),
            ("site/zeros.bin", &zeros),
        ],
    );
    let limits = VerifyLimits {
        entry: 1 << 20,
        ..VerifyLimits::default()
    };
    let v = verify_with(&zip, &limits).unwrap();
    assert_eq!(v.too_large, [("zeros.bin".to_string(), 1 << 20)], "{v:?}");
    assert_eq!(v.checked, 1, "{v:?}");
    assert!(!v.intact());
    // With the default caps the same zip is intact: the cap, not the content, was the problem.
    assert!(verify(&zip).unwrap().intact());
}

#[test]
fn verify_stops_reading_at_the_whole_archive_cap() {
    let tmp = tempfile::tempdir().unwrap();
    let part = vec![0u8; 768 << 10];
    let names = ["a.bin", "b.bin", "c.bin", "d.bin"];
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, &part[..])).collect();
    let manifest = manifest_of(&files);
    let mut entries: Vec<(String, &[u8])> = vec![("site/MANIFEST.sha256".into(), &manifest)];
    entries.extend(names.iter().map(|n| (format!("site/{n}"), &part[..])));
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let zip = tmp.path().join("site.zip");
    write_zip(&zip, &entries);
    let limits = VerifyLimits {
        entry: 1 << 20,
        total: 2 << 20,
        ..VerifyLimits::default()
    };
    let v = verify_with(&zip, &limits).unwrap();
    let stopped = v.stopped.as_ref().expect("the total cap stops the reading");
    assert_eq!((stopped.cap, stopped.unchecked), (2 << 20, 2), "{v:?}");
    assert_eq!(v.checked, 2, "{v:?}");
    assert!(v.missing.is_empty() && v.too_large.is_empty(), "{v:?}");
    assert!(!v.intact());
}

#[test]
fn verify_of_an_extracted_folder_streams_files_under_the_same_cap() {
    let tmp = tempfile::tempdir().unwrap();
    let zeros = vec![0u8; 2 << 20];
    let page: &[u8] = b"<h1>x</h1>";
    let top = tmp.path().join("site");
    std::fs::create_dir(&top).unwrap();
    std::fs::write(top.join("index.html"), page).unwrap();
    std::fs::write(top.join("zeros.bin"), &zeros).unwrap();
    std::fs::write(
        top.join("MANIFEST.sha256"),
        manifest_of(&[("index.html", page), ("zeros.bin", &zeros)]),
    )
    .unwrap();
    let limits = VerifyLimits {
        entry: 1 << 20,
        ..VerifyLimits::default()
    };
    for dir in [&top, &tmp.path().to_path_buf()] {
        let v = verify_with(dir, &limits).unwrap();
        assert_eq!(v.too_large, [("zeros.bin".to_string(), 1 << 20)], "{v:?}");
        assert_eq!(v.checked, 1, "{v:?}");
    }
}

#[test]
fn verify_refuses_a_manifest_over_its_cap() {
    let tmp = tempfile::tempdir().unwrap();
    let page: &[u8] = b"<h1>x</h1>";
    let manifest = manifest_of(&[("index.html", page), ("other.html", page)]);
    let zip = tmp.path().join("site.zip");
    write_zip(
        &zip,
        &[
            ("site/MANIFEST.sha256", &manifest),
            ("site/index.html", page),
        ],
    );
    let limits = VerifyLimits {
        manifest: 64,
        ..VerifyLimits::default()
    };
    let err = verify_with(&zip, &limits).unwrap_err();
    assert!(
        format!("{err:#}").contains("MANIFEST.sha256 is larger than 64 B"),
        "{err:#}"
    );
}

#[test]
fn verify_speaks_the_readers_language() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = example_archive(tmp.path());
    damage_entry(&zip, "index.html");
    let en = minqing(&["--lang", "en", "verify", "site.zip"], tmp.path());
    assert_eq!(en.status.code(), Some(1));
    let text = stdout(&en);
    assert!(text.contains("damaged: index.html ("), "{}", shown(&en));
    assert!(text.contains("site.zip: NOT intact: 0 missing"), "{text}");

    let zh = minqing(&["--lang", "zh-CN", "verify", "site.zip"], tmp.path());
    assert_eq!(zh.status.code(), Some(1));
    let text = stdout(&zh);
    assert!(text.contains("已损坏：index.html（"), "{}", shown(&zh));
    assert!(text.contains("site.zip：不完整。"), "{text}");
    assert!(
        !text.contains("damaged") && !text.contains("intact"),
        "{text}"
    );

    let fine = tmp.path().join("fine");
    std::fs::create_dir(&fine).unwrap();
    example_archive(&fine);
    let zh = minqing(&["--lang", "zh-CN", "verify", "site.zip"], &fine);
    assert!(zh.status.success(), "{}", stdout(&zh));
    let text = stdout(&zh);
    assert!(text.starts_with("site.zip：完整，共 "), "{text}");
    assert!(
        text.contains(" 个文件，均与 MANIFEST.sha256 相符。"),
        "{text}"
    );
}

#[cfg(unix)]
#[test]
fn verify_of_an_extracted_folder_reports_a_link_and_does_not_follow_it() {
    let tmp = tempfile::tempdir().unwrap();
    let top = tmp.path().join("site");
    std::fs::create_dir(&top).unwrap();
    let secret = tmp.path().join("secret.txt");
    let page: &[u8] = b"<h1>x</h1>";
    std::fs::write(top.join("index.html"), page).unwrap();
    // The link stands where a listed file should be, and its target has that file's bytes: a
    // check that followed it would find it matching.
    std::fs::write(&secret, page).unwrap();
    std::os::unix::fs::symlink(&secret, top.join("page.html")).unwrap();
    std::fs::write(
        top.join("MANIFEST.sha256"),
        manifest_of(&[("index.html", page), ("page.html", page)]),
    )
    .unwrap();
    let v = verify(&top).unwrap();
    assert_eq!(
        v.unsafe_names,
        [("page.html".to_string(), minqing::archive::Unsafe::Link)],
        "{v:?}"
    );
    assert_eq!(v.missing, ["page.html"], "{v:?}");
    assert_eq!(v.checked, 1, "{v:?}");
    assert!(!v.intact());
}
