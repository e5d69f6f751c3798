//! The offline search: search.html, the sharded index (search-index.js, search/t, search/d,
//! search/fold.js) and the search form in every page's header. The index is read back here and
//! queried the way static/search.js does (bigrams for Chinese, words for English, postings
//! intersected); the browser side is checked by tests/browser/smoke.mjs, and its tokenizer
//! against the indexer's by `the_browser_splits_text_as_the_indexer_does`.

use crate::support::*;
use minqing::render::search::{decode_postings, index_json, normalize, shard_of, terms};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The data a `search/…/<n>.js` file hands to `MINQING_SEARCH_LOAD(kind, n, data)`.
fn loaded(js: &str) -> (String, u32, Value) {
    let rest = js
        .strip_prefix("MINQING_SEARCH_LOAD(\"")
        .expect("a loader call");
    let (kind, rest) = rest.split_once("\",").unwrap();
    let (n, rest) = rest.split_once(',').unwrap();
    let json = rest.trim_end().strip_suffix(");").unwrap();
    (
        kind.to_string(),
        n.parse().unwrap(),
        serde_json::from_str(json).unwrap(),
    )
}

/// A built site's search index, decoded.
struct Index {
    manifest: Value,
    /// Every document's record, by id.
    records: Vec<Value>,
    postings: BTreeMap<String, Vec<(u32, u32, bool)>>,
}

impl Index {
    fn of(site: &Built) -> Index {
        let js = site.read("search-index.js");
        assert!(js.contains("window.MINQING_SEARCH = {"), "{js}");
        let manifest: Value =
            serde_json::from_str(index_json(&js).expect("an assignment")).unwrap();
        assert_eq!(manifest["v"], 2);
        let shards = manifest["shards"].as_u64().unwrap() as u32;
        let mut postings = BTreeMap::new();
        for n in 0..shards {
            let (kind, m, data) = loaded(&site.read(&format!("search/t/{n}.js")));
            assert_eq!((kind.as_str(), m), ("t", n));
            let terms = data["terms"].as_str().unwrap();
            let lists = data["postings"].as_str().unwrap();
            for (t, l) in terms
                .split(' ')
                .zip(lists.split(' '))
                .filter(|(t, _)| !t.is_empty())
            {
                assert_eq!(shard_of(t, shards), n, "{t} is in its shard");
                postings.insert(t.to_string(), decode_postings(l).expect("valid postings"));
            }
        }
        let docs = manifest["docs"].as_u64().unwrap() as usize;
        let per = manifest["per"].as_u64().unwrap() as usize;
        let mut records = Vec::new();
        for n in 0..docs.div_ceil(per) {
            let (kind, m, data) = loaded(&site.read(&format!("search/d/{n}.js")));
            assert_eq!((kind.as_str(), m as usize), ("d", n));
            records.extend(data.as_array().unwrap().iter().cloned());
        }
        assert_eq!(records.len(), docs);
        Index {
            manifest,
            records,
            postings,
        }
    }

    fn notes(&self) -> &[Value] {
        &self.records[..self.manifest["notes"].as_u64().unwrap() as usize]
    }

    fn places(&self) -> &[Value] {
        &self.records[self.notes().len()..]
    }

    /// Documents holding every term of `query`: all its bigrams and words must occur.
    fn query(&self, query: &str) -> BTreeSet<u32> {
        let mut out: Option<BTreeSet<u32>> = None;
        for (term, _) in terms(query) {
            let ids: BTreeSet<u32> = self
                .postings
                .get(&term)
                .map(|l| l.iter().map(|p| p.0).collect())
                .unwrap_or_default();
            out = Some(match out {
                None => ids,
                Some(o) => o.intersection(&ids).copied().collect(),
            });
        }
        out.unwrap_or_default()
    }

    fn note_id(&self, title: &str) -> u32 {
        self.notes()
            .iter()
            .position(|n| n[1] == title)
            .unwrap_or_else(|| panic!("no note {title} in the index")) as u32
    }

    fn place_id(&self, name: &str) -> u32 {
        let i = self
            .places()
            .iter()
            .position(|p| p[1] == name)
            .unwrap_or_else(|| panic!("no locality {name} in the index"));
        (self.notes().len() + i) as u32
    }

    /// A note's page.
    fn note_path(&self, id: u32) -> String {
        self.notes()[id as usize][3].as_str().unwrap().to_string()
    }
}

#[test]
fn the_example_index_finds_chinese_notes_and_localities_by_bigrams() {
    let content = example_content();
    let site = build_content(&content);
    let index = Index::of(&site);
    assert_eq!(
        index.notes().len(),
        count_files(&content, |p| p.extension().is_some_and(|e| e == "md"))
    );
    assert_eq!(
        index.places().len(),
        count_files(&content, |p| p.ends_with("locality.yaml"))
    );

    let note = index.note_id("泉港区推进教育实践活动特色工作综述");
    let quangang = index.place_id("泉港区");
    let hits = index.query("泉港");
    assert!(hits.contains(&note), "{hits:?}");
    assert!(hits.contains(&quangang), "{hits:?}");
    // Words from deep in the body are indexed, not only the stored snippet.
    assert!(index.query("海上课堂").contains(&note));
    assert!(index.query("12316").contains(&note));
    // Bigrams that never occur together find nothing.
    assert!(index.query("泉港曹妃甸").is_empty());
    // A locality is found by its ancestors' names too, and its name counts most.
    let tuling = index.place_id("涂岭镇");
    assert!(index.query("泉港 涂岭").contains(&tuling));
    let counts = &index.postings["泉港"];
    let count = |id: u32| {
        let p = counts.iter().find(|p| p.0 == id).unwrap();
        (p.1, p.2)
    };
    // (how often, in the title): a locality's name is its title.
    assert_eq!(count(quangang), (4, true));
    assert_eq!(count(tuling), (1, false));
    assert_eq!(count(note), (4, true));

    // Paths lead to the pages.
    assert_eq!(
        index.note_path(note),
        "fujian/quanzhoushi/quangangqu/2014-09-10-tesegongzuozongshu.html"
    );
    for id in 0..index.notes().len() as u32 {
        assert!(site.out.join(index.note_path(id)).is_file());
    }
    for p in index.places() {
        let page = p[2].as_str().unwrap();
        assert!(site.out.join(page).is_file(), "{page}");
    }
    // Notes are newest first, as in the model; a site this small keeps every text whole.
    let dates: Vec<&str> = index
        .notes()
        .iter()
        .map(|n| n[2].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let text = index.notes()[note as usize][7].as_str().unwrap();
    assert!(text.contains("海上课堂") && !text.ends_with('…'), "{text}");
}

#[test]
fn the_english_fixture_is_found_by_words() {
    let site = build_content(&fixture("links"));
    let index = Index::of(&site);
    let forum = index.note_id("Forum");
    assert_eq!(index.query("Decisions"), BTreeSet::from([forum]));
    assert_eq!(index.query("forum"), BTreeSet::from([forum]));
    let overview = index.note_id("Overview");
    let tagged = index.query("MEETINGS");
    assert_eq!(tagged, BTreeSet::from([forum, overview]));
    // A note's record names its tags.
    let tags = index.notes()[forum as usize][6].as_array().unwrap();
    assert!(tags.contains(&Value::from("meetings")), "{tags:?}");
    // Raw HTML in a note is not text: nothing of the script reaches the index.
    for (path, bytes) in site.files() {
        if path.starts_with("search") && path.ends_with(".js") {
            let js = String::from_utf8(bytes).unwrap();
            assert!(!js.contains("<script"), "{path}");
            assert!(!js.contains("owned"), "{path}");
        }
    }
    assert!(index.query("alert").is_empty());
}

#[test]
fn normalizing_matches_what_the_browser_does() {
    assert_eq!(normalize("ＡＢＣ１２ Forum"), "abc12 forum");
    assert_eq!(terms("Ｆｏｒｕｍ"), [("forum".to_string(), 1)]);
}

#[test]
fn the_search_page_and_the_header_form() {
    let site = build_content(&fixture("links"));
    let page = site.read("search.html");
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(page.contains(
        r#"<form class="search-form" id="search-form" action="search.html" role="search">"#
    ));
    assert!(page.contains(r#"<label for="search-q">Search localities and notes</label>"#));
    assert!(page.contains(r#"<input type="search" id="search-q" name="q""#));
    assert!(page.contains("<noscript>"));
    assert!(page.contains(r#"data-results="{n} results""#), "{page}");
    assert!(page.contains(r#"<script src="search-index.js"></script>"#));
    assert!(page.contains(r#"<script src="static/search-terms.js"></script>"#));
    assert!(page.contains(r#"<script src="static/search.js"></script>"#));
    assert!(!page.contains("fetch("));
    // One search form on the search page: the header's is left out there.
    assert!(!page.contains("site-search"));
    assert!(site.out.join("static/search.js").is_file());

    let note = site.read("benxian/huiyi/2014-04-02-zuotanhui.html");
    assert!(
        note.contains(r#"<form class="site-search" action="../../search.html" role="search">"#),
        "{note}"
    );
    assert!(note.contains(r#"<label class="visually-hidden" for="site-search-q">"#));
    assert!(note.contains(
        r#"<link rel="alternate" type="application/atom+xml" title="Links fixture" href="../../feed.xml">"#
    ));

    let zh = build_content(&example_content());
    let page = zh.read("search.html");
    assert!(page.contains(r#"data-results="找到 {n} 条结果""#), "{page}");
    assert!(page.contains("搜索需要启用 JavaScript"));
}

#[test]
fn the_search_script_never_parses_data_as_html() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let js = std::fs::read_to_string(dir.join("search.js")).unwrap()
        + &std::fs::read_to_string(dir.join("search-terms.js")).unwrap();
    for bad in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "fetch(",
        "XMLHttpRequest",
        "eval(",
    ] {
        assert!(!js.contains(bad), "search.js uses {bad}");
    }
}

/// A long note among a few short ones: the snippet budget lets it keep far more than the lead the
/// index keeps of each note while counting terms, so its snippet is cut from the whole text, read
/// again from its file (a full build has let the notes' bodies go by then).
#[test]
fn a_long_note_among_short_ones_keeps_its_whole_text_as_its_snippet() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("rollup"), &content);
    let note = |name: &str, title: &str, body: &str| {
        std::fs::write(
            content.join("甲省").join(name),
            format!("---\ntitle: {title}\ndate: 2014-05-01\n---\n{body}"),
        )
        .unwrap();
    };
    note("2014-05-01-a.md", "短一", "村里开了会。\n");
    note("2014-05-01-b.md", "短二", "镇里走访了农户。\n");
    // 21 characters a paragraph and a space between paragraphs, 35,000 paragraphs: 769,999
    // characters, more than the 666,666 a lead keeps when there are three notes.
    let para = "第一段落：群众反映的问题已经整改完毕并公示。";
    let long: String = (0..35_000).map(|_| format!("{para}\n\n")).collect();
    note("2014-05-01-c.md", "长篇", &long);
    let site = build_content(&content);
    let index = Index::of(&site);
    let id = index.note_id("长篇") as usize;
    let snippet = index.notes()[id][7].as_str().unwrap();
    let want = vec![para; 35_000].join(" ");
    assert_eq!(snippet.chars().count(), want.chars().count());
    assert!(snippet == want, "the snippet is not the whole text");
    assert_eq!(
        index.notes()[index.note_id("短一") as usize][7],
        "村里开了会。"
    );
}

/// The browser's tokenizer (search-terms.js, run by node through tests/browser/terms.mjs) and
/// the indexer's give the same normalized text, the same terms in the same order and the same
/// shard for each, over Simplified, Traditional, mixed Latin, full-width and punctuation. Node
/// is part of CI (the browser gates); without it, outside CI, the test says so and passes.
#[test]
fn the_browser_splits_text_as_the_indexer_does() {
    use minqing::render::search::{fold_pairs, term_sequence};
    use std::io::Write as _;
    let texts = [
        "泉港区推进教育实践活动特色工作综述",
        "濟寧市部署深化大規模駐村入戶活動和「第一書記」下派工作",
        "臺灣 台湾 區域 区域 發展 发展",
        "开设12316服务中心，English summary: Quangang district (Quanzhou, Fujian)",
        "ＡＢＣ１２　Ｆｏｒｕｍ：全角，标点！？",
        "Café ÉCOLE straße İstanbul ΣΊΣΥΦΟΣ",
        "“落实整改”——整改……落实；1.3万余户、20800多条",
        "党，群众 的 一",
        "𠀋𠀌 中文扩展B 𪚥",
        "ひらがな カタカナ 한국어",
        "",
    ];
    let shards = 64;
    let input = serde_json::json!({ "fold": fold_pairs(), "shards": shards, "texts": texts });
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/terms.mjs");
    let child = std::process::Command::new("node")
        .arg(&script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("node not found ({e}): the tokenizer cross-test runs on CI");
            return;
        }
        Err(e) => panic!("node is needed on CI: {e}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let browser: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(browser.len(), texts.len());
    for (text, js) in texts.iter().zip(&browser) {
        let rust_terms = term_sequence(text);
        let js_terms: Vec<String> = serde_json::from_value(js["terms"].clone()).unwrap();
        assert_eq!(js["norm"], normalize(text), "normalized: {text}");
        assert_eq!(js_terms, rust_terms, "terms: {text}");
        let rust_shards: Vec<u32> = rust_terms.iter().map(|t| shard_of(t, shards)).collect();
        let js_shards: Vec<u32> = serde_json::from_value(js["shards"].clone()).unwrap();
        assert_eq!(js_shards, rust_shards, "shards: {text}");
    }
    // The Traditional text gives the Simplified terms.
    assert_eq!(browser[1]["terms"][0], "济宁");
}

/// The Traditional-script fixture: either script finds the same documents, a locality is found
/// by its pinyin, its initials and its whole name, and a note by its county's name, which its text
/// never writes (the browser side: tests/fixtures/traditional/pages.mjs in the smoke gate).
#[test]
fn traditional_and_simplified_find_the_same_documents() {
    let site = build_content(&fixture("traditional"));
    let index = Index::of(&site);
    let note = index.note_id("濟寧市部署深化駐村入戶活動");
    let city = index.place_id("濟寧市");
    let both = index.query("济宁");
    assert_eq!(index.query("濟寧"), both);
    assert!(both.contains(&note) && both.contains(&city), "{both:?}");
    for word in ["jining", "jiningshi", "jn", "jns", "=济宁", "=jining"] {
        let docs = &index.postings[word];
        assert!(docs.iter().any(|p| p.0 == city && p.2), "{word}: {docs:?}");
    }
    let township_note = index.note_id("南站鎮召開村民座談會");
    assert!(index.query("汶上县").contains(&township_note));
    let text = index.notes()[township_note as usize][7].as_str().unwrap();
    assert!(!text.contains("汶上"), "{text}");
}
