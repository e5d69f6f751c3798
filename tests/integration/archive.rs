//! `minqing archive` and `minqing verify`: deterministic zips with ASCII names and a manifest
//! that catches every alteration.

use crate::support::*;
use std::process::Command;

fn minqing(args: &[&str], cwd: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(args)
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
