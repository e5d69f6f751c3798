//! feed.xml: parses as Atom 1.0 (RFC 4287), newest notes first, at most 50, dates in RFC 3339,
//! relative links that resolve, entry ids from the note alone, and text escaped so that any title
//! survives. (With base_url: tests/integration/base_url.rs.)

use crate::support::*;
use roxmltree::{Document, Node};
use std::fs;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM)
    })
}

fn text_of(node: Node, name: &str) -> String {
    child(node, name)
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
        .text()
        .unwrap_or_default()
        .to_string()
}

fn rfc3339(s: &str) -> jiff::Timestamp {
    s.parse()
        .unwrap_or_else(|e| panic!("{s} is not an RFC 3339 date: {e}"))
}

/// Checks what RFC 4287 requires of a feed and its entries; returns the entries' (title,
/// updated, href) in document order.
fn check_feed(site: &Built) -> Vec<(String, jiff::Timestamp, String)> {
    let xml = site.read("feed.xml");
    let doc = Document::parse(&xml).unwrap_or_else(|e| panic!("feed.xml is not XML: {e}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    assert!(text_of(feed, "id").starts_with("urn:minqing:"));
    assert!(!text_of(feed, "title").is_empty());
    let updated = rfc3339(&text_of(feed, "updated"));
    // Every entry has an author, or the feed has one.
    assert!(child(feed, "author").is_some());
    let mut ids = std::collections::BTreeSet::new();
    let mut entries = Vec::new();
    for entry in feed
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "entry")
    {
        let id = text_of(entry, "id");
        assert!(ids.insert(id.clone()), "duplicate id {id}");
        let title = text_of(entry, "title");
        let when = rfc3339(&text_of(entry, "updated"));
        assert!(when <= updated);
        let link = entry
            .children()
            .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("alternate"))
            .expect("an alternate link");
        let href = link.attribute("href").unwrap().to_string();
        assert!(!href.contains(':') && !href.starts_with('/'), "{href}");
        assert!(site.out.join(&href).is_file(), "{href} is not a page");
        // A tag URI (RFC 4151) of the note's date and path, which the site's title is not part of.
        let published = text_of(entry, "published");
        assert_eq!(id, format!("tag:minqing,{}:{href}", &published[..10]));
        assert!(!text_of(child(entry, "author").unwrap(), "name").is_empty());
        entries.push((title, when, href));
    }
    if let Some(first) = entries.first() {
        assert_eq!(first.1, updated, "the feed's updated is the newest entry's");
    }
    assert!(
        entries.windows(2).all(|w| w[0].1 >= w[1].1),
        "entries are not newest first"
    );
    entries
}

#[test]
fn the_example_feed_is_atom() {
    let content = example_content();
    let site = build_content(&content);
    let entries = check_feed(&site);
    let notes = count_files(&content, |p| p.extension().is_some_and(|e| e == "md"));
    assert_eq!(entries.len(), notes.min(50));
    assert_eq!(entries[0].0, "泉港区推进教育实践活动特色工作综述");
    assert_eq!(
        entries[0].2,
        "fujian/quanzhoushi/quangangqu/2014-09-10-tesegongzuozongshu.html"
    );
    let xml = site.read("feed.xml");
    assert!(xml.contains("<updated>2014-09-10T00:00:00Z</updated>"));
    assert!(xml.contains(r#"<category term="整改落实"/>"#));
    assert!(xml.contains(r#"xml:lang="zh-CN""#));
    // The head of every page points at it.
    assert!(site.read("index.html").contains(
        r#"<link rel="alternate" type="application/atom+xml" title="党的群众路线教育实践活动进展" href="feed.xml">"#
    ));
}

#[test]
fn the_feed_keeps_the_fifty_newest_and_escapes_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let county = content.join("本县");
    fs::create_dir_all(&county).unwrap();
    fs::write(
        content.join("site.yaml"),
        "title: \"Feeds & <Escapes>\"\nlanguage: en\n",
    )
    .unwrap();
    fs::write(county.join("locality.yaml"), "name: 本县\n").unwrap();
    for i in 0..60 {
        let day = i % 28 + 1;
        let month = i / 28 + 1;
        fs::write(
            county.join(format!("2014-{month:02}-{day:02}-n{i}.md")),
            format!(
                "---\ntitle: \"Note {i} <b>&amp; ']]>\"\ndate: 2014-{month:02}-{day:02}\nauthor: \"A & B\"\ntags: [\"x<y\", \"q\\\"uote\"]\n---\nBody {i} with <i>tags</i> & ampersands.\n"
            ),
        )
        .unwrap();
    }
    let site = build_content(&content);
    let entries = check_feed(&site);
    assert_eq!(entries.len(), 50);
    // Newest first: 2014-03-04 (note 59) down to 2014-01-11 (note 10).
    assert_eq!(entries[0].0, "Note 59 <b>&amp; ']]>");
    assert_eq!(entries[49].0, "Note 10 <b>&amp; ']]>");
    let xml = site.read("feed.xml");
    let doc = Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert_eq!(text_of(feed, "title"), "Feeds & <Escapes>");
    let entry = child(feed, "entry").unwrap();
    assert_eq!(text_of(child(entry, "author").unwrap(), "name"), "A & B");
    let terms: Vec<&str> = entry
        .children()
        .filter(|c| c.tag_name().name() == "category")
        .filter_map(|c| c.attribute("term"))
        .collect();
    assert_eq!(terms, ["x<y", "q\"uote"]);
    assert!(text_of(entry, "summary").starts_with("Body 59"));
}
