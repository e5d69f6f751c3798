//! Links between notes and files, and what a note may not smuggle into a page
//! (tests/fixtures/links).

use crate::support::*;

#[test]
fn relative_links_resolve_to_pages_and_files() {
    let site = build_content(&fixture("links"));
    let overview = site.read("benxian/2014-04-01-zongshu.html");
    assert!(
        overview.contains(r#"href="huiyi/2014-04-02-zuotanhui.html#decisions""#),
        "{overview}"
    );
    assert!(
        overview.contains(r#"src="images/zhenggaitu.svg""#),
        "{overview}"
    );
    let visit = site.read("benxian/xiaxiang/2014-04-03-zoufang.html");
    assert!(
        visit.contains(r#"src="../images/zhenggaitu.svg""#),
        "{visit}"
    );
    assert!(site.out.join("benxian/images/zhenggaitu.svg").is_file());
    assert_eq!(broken_links(&site.out), Vec::<(String, String)>::new());
}

#[test]
fn scripts_in_notes_do_not_reach_the_output() {
    let site = build_content(&fixture("links"));
    let overview = site.read("benxian/2014-04-01-zongshu.html");
    let body = &overview[overview.find("note-body").unwrap()..];
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("alert("), "{body}");
    assert!(!body.contains("onclick"), "{body}");
    assert!(!body.contains("javascript:"), "{body}");
    // The harmless part of the raw HTML stays.
    assert!(body.contains("clickable"));
}

#[test]
fn tags_get_pages_listing_their_notes() {
    let site = build_content(&fixture("links"));
    let meetings = site.read("tags/meetings.html");
    assert!(
        meetings.contains("Overview") && meetings.contains("Forum"),
        "{meetings}"
    );
    let huiyi = site.read("tags/huiyi.html");
    assert!(huiyi.contains("Overview") && !huiyi.contains("Forum"));
    // English site: interface strings are English.
    assert!(meetings.contains("<html lang=\"en\" "));
    assert!(site.read("index.html").contains("Key figures"));
}

/// The links fixture built with `added` after a blank line at the end of its overview note, and
/// the note's line count before: the first added line is that count + 2.
fn overview_with(added: &str) -> (Built, usize) {
    let (_tmp, content) = fixture_copy("links");
    let note = content.join("本县/2014-04-01-综述.md");
    let text = std::fs::read_to_string(&note).unwrap();
    let lines = text.lines().count();
    std::fs::write(&note, format!("{text}\n{added}")).unwrap();
    (build_content(&content), lines)
}

/// A link or image in a note that points at nothing is a warning at its line in the note file
/// (the front matter counted), and an image's hint talks about images.
#[test]
fn a_broken_link_or_image_is_named_at_its_line() {
    let (built, lines) =
        overview_with("见[旧材料](没有这篇.md)。\n\n![现场](images/没有这张.jpg)\n");
    let broken: Vec<_> = built
        .summary
        .diagnostics
        .iter()
        .filter(|d| d.code == "broken-link")
        .map(|d| {
            let en = |t: &minqing::l10n::Text| t.render(minqing::i18n::Language::En).into_owned();
            (
                d.line,
                en(&d.message),
                d.hint.as_ref().map(en).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(broken.len(), 2, "{broken:?}");
    assert_eq!(broken[0].0, Some(lines + 2), "{broken:?}");
    assert!(broken[0].1.contains("the link `没有这篇.md`"), "{broken:?}");
    assert_eq!(broken[1].0, Some(lines + 4), "{broken:?}");
    assert!(
        broken[1].1.contains("the image `images/没有这张.jpg`"),
        "{broken:?}"
    );
    assert!(broken[1].2.contains("image file"), "{broken:?}");
}

/// Raw HTML in a note is held to the same links as Markdown: an `<img>` without `alt` is a
/// warning at the line its tag starts on and gets `alt=""`, its `src` is rewritten to the
/// output, and an `href` to nothing is a broken link at its line.
#[test]
fn raw_html_images_and_links_are_checked_and_rewritten() {
    let (built, lines) = overview_with(
        "<figure>\n<img src=\"images/整改图.svg\"\n     width=\"200\">\n\
         <figcaption>整改图</figcaption>\n</figure>\n\n见 <a href=\"没有这篇.md\">旧材料</a>。\n",
    );
    let found: Vec<_> = built
        .summary
        .diagnostics
        .iter()
        .filter(|d| d.code == "img-no-alt" || d.code == "broken-link")
        .map(|d| {
            assert!(d.path.ends_with("本县/2014-04-01-综述.md"), "{d:?}");
            let en = d.message.render(minqing::i18n::Language::En).into_owned();
            (d.code, d.line, en)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "img-no-alt",
                Some(lines + 3),
                "the image `images/整改图.svg` has no `alt` text, so a screen reader cannot tell \
                 what it shows"
                    .to_string()
            ),
            (
                "broken-link",
                Some(lines + 8),
                "the link `没有这篇.md` points at nothing in the content folder".to_string()
            ),
        ]
    );
    let page = built.read("benxian/2014-04-01-zongshu.html");
    assert!(
        page.contains(r#"<img src="images/zhenggaitu.svg" width="200" alt="">"#),
        "{page}"
    );
}
