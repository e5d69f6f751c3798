//! The example site under content/: builds cleanly, has a page for everything, no broken link,
//! and two builds are byte-identical.

use crate::support::*;

#[test]
fn example_site_builds_without_warnings() {
    let site = build_content(&example_content());
    assert!(
        site.summary.diagnostics.is_empty(),
        "{}",
        site.summary.diagnostics.render(minqing::i18n::Language::En)
    );
}

#[test]
fn every_locality_and_note_has_a_page() {
    let content = example_content();
    let site = build_content(&content);
    let data = site.json("data/localities.json");
    let localities = data.as_array().unwrap();
    assert_eq!(
        localities.len(),
        count_files(&content, |p| p.ends_with("locality.yaml"))
    );
    for l in localities {
        let page = l["page"].as_str().unwrap();
        let html = site.read(page);
        let name = l["name"].as_str().unwrap();
        assert!(
            html.contains(&format!("<h1>{name}")),
            "{page} has no <h1> with {name}"
        );
    }
    let notes = count_files(&content, |p| p.extension().is_some_and(|e| e == "md"));
    let note_pages = site
        .files()
        .iter()
        .filter(|(p, b)| {
            p.ends_with(".html") && String::from_utf8_lossy(b).contains("<article class=\"note\">")
        })
        .count();
    assert_eq!(note_pages, notes);
    assert!(notes >= 10);
}

#[test]
fn every_internal_link_resolves() {
    let site = build_content(&example_content());
    assert_eq!(broken_links(&site.out), Vec::<(String, String)>::new());
}

#[test]
fn every_page_has_one_h1_and_no_outside_requests() {
    let site = build_content(&example_content());
    for (path, bytes) in site.files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert_eq!(html.matches("<h1").count(), 1, "{path}");
        for link in links_in(&html) {
            assert!(!link.starts_with("//"), "{path}: {link}");
        }
        assert!(
            !html.contains(" src=\"http"),
            "{path} loads something from outside"
        );
        assert!(!html.contains("stylesheet\" href=\"http"), "{path}");
    }
}

#[test]
fn two_builds_are_byte_identical() {
    // The second from a copy elsewhere: where the content folder lives must not show.
    let a = build_content(&example_content());
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("另一处").join("content");
    copy_dir(&example_content(), &copy);
    let b = build_content(&copy);
    let (fa, fb) = (a.files(), b.files());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(bytes == &fb[path], "{path} differs between two builds");
    }
}

#[test]
fn example_site_exercises_the_format() {
    let site = build_content(&example_content());
    let data = site.json("data/localities.json");
    let localities = data.as_array().unwrap();
    // Four or more levels.
    let depth = localities
        .iter()
        .map(|l| l["path"].as_str().unwrap().matches('/').count() + 1)
        .max()
        .unwrap();
    assert!(depth >= 4, "deepest level {depth}");
    // Three or more report dates somewhere, approximate figures, and an own figure that differs
    // from the children's sum.
    assert!(
        localities
            .iter()
            .any(|l| l["series"].as_array().unwrap().len() >= 3)
    );
    let values = localities
        .iter()
        .flat_map(|l| l["series"].as_array().unwrap())
        .flat_map(|p| p["values"].as_object().unwrap().values());
    let values: Vec<_> = values.collect();
    assert!(values.iter().any(|v| v["approximate"] == true));
    assert!(values.iter().any(|v| v["reported"].is_number()
        && v["children_sum"].is_number()
        && v["reported"] != v["children_sum"]));
    // Chinese-style figures (1.3万余) read in the one number format, exact and approximate.
    assert!(site.read("anhui/index.html").contains(",000余"));
}

/// A one-off build loads notes without their bodies and reads each again for its page; a note
/// whose file changed in between stops the build (nothing half-made is published) instead of
/// giving a page that does not match the rest of the site.
#[test]
fn a_note_changed_during_a_build_is_read_again_or_refused() {
    use minqing::render::NoteBodies as _;
    use minqing::{content, model};
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("content");
    copy_dir(&example_content(), &root);
    let (loaded, mut diags) = content::load_with(&root, false).unwrap();
    let m = model::build(loaded, model::Reports::Free, &mut diags);
    assert!(!m.notes.is_empty());
    assert!(
        m.notes.iter().all(|n| n.src.body.is_empty()),
        "bodies were kept"
    );
    let note = m.notes.iter().find(|n| !n.src.excerpt.is_empty()).unwrap();
    let bodies = minqing::build::NoteFiles::of(&m);
    let file = root.join(&note.src.rel);
    let text = std::fs::read_to_string(&file).unwrap();
    let body = bodies.body(note).unwrap();
    assert!(text.ends_with(body.as_ref()), "{body}");
    assert!(body.len() > 10);

    std::fs::write(&file, format!("{text}\n补充一句。\n")).unwrap();
    let err = bodies.body(note).unwrap_err().to_string();
    assert!(
        err.contains("changed while the site was being built"),
        "{err}"
    );
    let name = note
        .src
        .rel
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(err.contains(&name), "{err}");
}
