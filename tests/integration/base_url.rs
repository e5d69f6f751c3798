//! `base_url` in site.yaml (tests/fixtures/base-url): feed links and 404.html absolute under it,
//! a canonical link on every page, every other link still relative; feed entry ids that neither
//! the title nor base_url change; and without base_url, everything as before.

use crate::support::*;
use roxmltree::Document;
use std::fs;
use std::path::{Path, PathBuf};

/// The fixture's base_url as written (no trailing slash) is read with one.
const BASE: &str = "http://intranet.example/report/";

/// A copy of the base-url fixture whose site.yaml `edit` rewrote: `<tmp>/content`.
fn edited_copy(edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("base-url"), &content);
    let site_yaml = content.join("site.yaml");
    let text = fs::read_to_string(&site_yaml).unwrap();
    fs::write(&site_yaml, edit(text)).unwrap();
    (tmp, content)
}

fn without_base_url(text: String) -> String {
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("base_url:"))
        .collect();
    assert_ne!(
        kept.len(),
        text.lines().count(),
        "no base_url line in {text}"
    );
    kept.join("\n") + "\n"
}

/// The feed's (entry id, alternate link) pairs, and its self and alternate links.
struct Feed {
    entries: Vec<(String, String)>,
    links: Vec<(String, String)>,
}

fn feed(site: &Built) -> Feed {
    let xml = site.read("feed.xml");
    let doc = Document::parse(&xml).unwrap_or_else(|e| panic!("feed.xml is not XML: {e}"));
    let links_of = |node: roxmltree::Node| -> Vec<(String, String)> {
        node.children()
            .filter(|c| c.tag_name().name() == "link")
            .map(|c| {
                (
                    c.attribute("rel").unwrap_or("").to_string(),
                    c.attribute("href").unwrap().to_string(),
                )
            })
            .collect()
    };
    let root = doc.root_element();
    let entries = root
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|e| {
            let id = e
                .children()
                .find(|c| c.tag_name().name() == "id")
                .and_then(|c| c.text())
                .unwrap()
                .to_string();
            let (rel, href) = links_of(e).remove(0);
            assert_eq!(rel, "alternate");
            (id, href)
        })
        .collect();
    Feed {
        entries,
        links: links_of(root),
    }
}

/// The href of the page's `<link rel="canonical">`, if it has one (and it has at most one).
fn canonical(html: &str) -> Option<String> {
    const TAG: &str = "<link rel=\"canonical\" href=\"";
    assert!(html.matches("rel=\"canonical\"").count() <= 1, "{html}");
    let start = html.find(TAG)? + TAG.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].replace("&amp;", "&"))
}

#[test]
fn feed_links_are_absolute_under_base_url() {
    let site = build_content(&fixture("base-url"));
    let f = feed(&site);
    assert_eq!(
        f.links,
        [
            ("self".to_string(), format!("{BASE}feed.xml")),
            ("alternate".to_string(), format!("{BASE}index.html")),
        ]
    );
    assert_eq!(f.entries.len(), 2);
    for (_, href) in &f.entries {
        let rel = href
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{href} is not under {BASE}"));
        assert!(site.out.join(rel).is_file(), "{href} is not a page");
    }
    assert_eq!(
        f.entries[0].1,
        format!("{BASE}benxian/dongcun/2014-04-02-zuotanhui.html")
    );
}

#[test]
fn feed_entry_ids_do_not_change_with_the_title() {
    let ids = |title: &str| -> Vec<String> {
        let (_tmp, content) = edited_copy(|t| {
            let t = without_base_url(t);
            t.replace("title: 基础地址测试", &format!("title: {title}"))
        });
        let site = build_content(&content);
        assert!(site.read("index.html").contains(title));
        feed(&site).entries.into_iter().map(|(id, _)| id).collect()
    };
    let before = ids("基础地址测试");
    assert_eq!(before.len(), 2);
    assert_eq!(before, ids("教育实践活动工作进展"));
}

#[test]
fn feed_entry_ids_do_not_change_when_base_url_is_added() {
    let with: Vec<String> = feed(&build_content(&fixture("base-url")))
        .entries
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let (_tmp, content) = edited_copy(without_base_url);
    let site = build_content(&content);
    let f = feed(&site);
    let without: Vec<String> = f.entries.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(with, without);
    // Without base_url the links stay relative, as they always were.
    assert_eq!(
        f.links,
        [
            ("self".to_string(), "feed.xml".to_string()),
            ("alternate".to_string(), "index.html".to_string()),
        ]
    );
    assert_eq!(f.entries[0].1, "benxian/dongcun/2014-04-02-zuotanhui.html");
}

#[test]
fn not_found_page_links_and_assets_are_absolute_under_base_url() {
    let site = build_content(&fixture("base-url"));
    let html = site.read("404.html");
    let links = links_in(&html);
    // Stylesheet, feed, brand and home links, the menu, the search form and the downloads.
    assert!(links.len() >= 10, "{links:?}");
    for link in &links {
        // A link to a place in the page itself works wherever the page is served.
        if link.starts_with('#') {
            continue;
        }
        let rel = link
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("404.html: {link} is not under {BASE}"));
        let file = rel.split(['#', '?']).next().unwrap();
        assert!(site.out.join(file).is_file(), "404.html: {link} is no file");
    }
    assert!(html.contains(&format!(
        "<link rel=\"stylesheet\" href=\"{BASE}static/style.css\">"
    )));
    assert!(html.contains(&format!("action=\"{BASE}search.html\"")));
}

#[test]
fn canonical_link_is_base_url_plus_the_page_path() {
    let site = build_content(&fixture("base-url"));
    for page in [
        "index.html",
        "benxian/index.html",
        "benxian/dongcun/index.html",
        "benxian/dongcun/2014-04-02-zuotanhui.html",
        "notes/index.html",
        "tags/index.html",
        "404.html",
    ] {
        assert_eq!(
            canonical(&site.read(page)).as_deref(),
            Some(format!("{BASE}{page}").as_str()),
            "{page}"
        );
    }
    // Every page has one.
    for (path, bytes) in site.files() {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert_eq!(canonical(&html), Some(format!("{BASE}{path}")), "{path}");
        }
    }
}

/// With base_url, pages other than 404.html differ from the same site without it by their
/// canonical line only: every link stays relative, so file:// and the archive keep working.
#[test]
fn base_url_changes_no_page_but_the_canonical_line_and_404() {
    let with = build_content(&fixture("base-url"));
    let (_tmp, content) = edited_copy(without_base_url);
    let without = build_content(&content);
    let (fw, fo) = (with.files(), without.files());
    assert_eq!(fw.keys().collect::<Vec<_>>(), fo.keys().collect::<Vec<_>>());
    let mut pages = 0;
    for (path, bytes) in &fo {
        if !path.ends_with(".html") {
            continue;
        }
        let plain = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(canonical(&plain), None, "{path} has a canonical link");
        assert!(!plain.contains("intranet.example"), "{path}");
        if path == "404.html" {
            continue;
        }
        let line = format!("<link rel=\"canonical\" href=\"{BASE}{path}\">\n");
        let html = String::from_utf8(fw[path].clone()).unwrap();
        assert_eq!(html.matches(&line).count(), 1, "{path}: no {line}");
        assert_eq!(html.replacen(&line, "", 1), plain, "{path}");
        pages += 1;
    }
    assert!(pages >= 8, "{pages}");
    assert_eq!(broken_links(&without.out), Vec::<(String, String)>::new());
    assert_eq!(broken_links(&with.out), Vec::<(String, String)>::new());
}

/// What `serve` relies on to send 404.html for a missing path at any depth without base_url:
/// its links are relative to the site root, so a `<base href="/404.html">` (the file's own
/// address) placed first in its head makes every one of them resolve to a file of the site.
#[test]
fn not_found_page_without_base_url_resolves_from_its_own_address() {
    let (_tmp, content) = edited_copy(without_base_url);
    let site = build_content(&content);
    let html = site.read("404.html");
    let base = url::Url::parse("http://127.0.0.1:1111/404.html").unwrap();
    let links = links_in(&html);
    assert!(links.len() >= 10, "{links:?}");
    for link in links {
        if link.starts_with('#') {
            continue;
        }
        let url = base.join(&link).unwrap();
        assert_eq!(url.host_str(), Some("127.0.0.1"), "{link}");
        let file = Path::new(&site.out).join(url.path().trim_start_matches('/'));
        assert!(file.is_file(), "{link} → {url} is no file");
    }
}
