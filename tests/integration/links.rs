//! Links between notes and files, and what a note may not smuggle into a page
//! (tests/fixtures/links).

use crate::support::*;

#[test]
fn relative_links_resolve_to_pages_and_files() {
    let site = build_content(&fixture("links"));
    let overview = site.read("benxian/2014-04-01-zongshu.html");
    assert!(
        overview.contains(r#"href="../benxian/huiyi/2014-04-02-zuotanhui.html#decisions""#),
        "{overview}"
    );
    assert!(
        overview.contains(r#"src="../benxian/images/zhenggaitu.svg""#),
        "{overview}"
    );
    let visit = site.read("benxian/xiaxiang/2014-04-03-zoufang.html");
    assert!(
        visit.contains(r#"src="../../benxian/images/zhenggaitu.svg""#),
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
    assert!(meetings.contains("<html lang=\"en\">"));
    assert!(site.read("index.html").contains("Key figures"));
}
