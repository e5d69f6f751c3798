//! Incremental rebuilds (`watch`/`serve`): after every kind of edit, the output tree equals a
//! fresh full build of the edited content, byte for byte; an edit with an error publishes nothing.

use crate::support::*;
use minqing::live::LiveSite;
use std::fs;
use std::path::{Path, PathBuf};

/// A copy of the example site in a temporary folder, with a theme folder beside it.
struct Scratch {
    _tmp: tempfile::TempDir,
    content: PathBuf,
    out: PathBuf,
}

fn scratch() -> Scratch {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    let out = tmp.path().join("public");
    Scratch {
        _tmp: tmp,
        content,
        out,
    }
}

fn assert_same_as_full(s: &Scratch, step: &str) {
    let fresh = build_content(&s.content);
    let live = tree(&s.out);
    let full = fresh.files();
    let live_paths: Vec<_> = live.keys().collect();
    let full_paths: Vec<_> = full.keys().collect();
    assert_eq!(live_paths, full_paths, "after {step}: different files");
    for (path, bytes) in &full {
        assert!(
            &live[path] == bytes,
            "after {step}: {path} differs from a full build"
        );
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn incremental_builds_equal_full_builds_after_every_kind_of_edit() {
    let s = scratch();
    let (mut site, first) = LiveSite::open(&s.content, &s.out).unwrap();
    assert!(first.published);
    assert_same_as_full(&s, "the first build");

    // 1. A figure changes: the fast path renders only the chain and the pages that list it.
    let quangang = s.content.join("福建省/泉州市/泉港区/locality.yaml");
    edit(
        &quangang,
        "opinions_collected: 1.3万余",
        "opinions_collected: 1.4万余",
    );
    let o = site.apply(std::slice::from_ref(&quangang)).unwrap();
    assert!(o.published && !o.full, "{o:?}");
    assert!(
        o.written
            .contains(&"fujian/quanzhoushi/quangangqu/index.html".to_string()),
        "{:?}",
        o.written
    );
    assert!(
        o.rendered < 12,
        "rendered {} outputs for one figure",
        o.rendered
    );
    assert_same_as_full(&s, "changing a figure");

    // 2. A report is added to a village.
    let village = s
        .content
        .join("福建省/泉州市/泉港区/涂岭镇/黄田村/locality.yaml");
    let mut text = fs::read_to_string(&village).unwrap();
    text.push_str("  - date: 2014-09-28\n    households_visited: 900\n");
    fs::write(&village, text).unwrap();
    let o = site.apply(std::slice::from_ref(&village)).unwrap();
    assert!(o.published && !o.full, "{o:?}");
    assert_same_as_full(&s, "adding a report");

    // 2b. A report far after the others moves the day before which a locality counts as silent:
    // the localities that fell silent (and their ancestors, which list them) show it at once.
    let before = fs::read_to_string(&village).unwrap();
    let mut text = before.clone();
    text.push_str("  - date: 2014-11-20\n    households_visited: 950\n");
    fs::write(&village, text).unwrap();
    let o = site.apply(std::slice::from_ref(&village)).unwrap();
    assert!(o.published && !o.full, "{o:?}");
    assert!(
        o.written.contains(&"fujian/index.html".to_string()),
        "{:?}",
        o.written
    );
    assert_same_as_full(&s, "a report that leaves the others silent");
    fs::write(&village, before).unwrap();
    assert!(
        site.apply(std::slice::from_ref(&village))
            .unwrap()
            .published
    );
    assert_same_as_full(&s, "removing it again");

    // 2c. The rest of a locality's file: its level and an extra field.
    edit(&quangang, "level: 区", "level: 县级区");
    let o = site.apply(std::slice::from_ref(&quangang)).unwrap();
    assert!(o.published && !o.full, "{o:?}");
    assert_same_as_full(&s, "changing a level");
    // A new name (the slug stays): every page, data set and search record below it says it.
    edit(&quangang, "name: 泉港区", "name: 泉港新区");
    let o = site.apply(std::slice::from_ref(&quangang)).unwrap();
    assert!(o.published && !o.full, "{o:?}");
    assert!(
        o.written
            .iter()
            .any(|w| w.starts_with("fujian/quanzhoushi/quangangqu/tulingzhen/")),
        "{:?}",
        o.written
    );
    assert_same_as_full(&s, "renaming a locality in its file");

    // 2d. A note's body, its summary, its title (in place in the order of the notes) and its
    // tags among the site's tags: each renders the pages that show what changed, not the site.
    let note = s
        .content
        .join("福建省/泉州市/泉港区/2014-09-10-特色工作综述.md");
    let steps: [(&str, &str, &str); 5] = [
        (
            "第二批活动开展以来",
            "第二批活动开展以来不久",
            "a note's body",
        ),
        (
            "source: 泉州晚报",
            "source: 泉州晚报\nsummary: 泉港区的特色做法。",
            "a note's summary",
        ),
        (
            "title: 泉港区推进教育实践活动特色工作综述",
            "title: 泉港区推进教育实践活动特色工作综述（续）",
            "a note's title",
        ),
        (
            "tags: [学习教育, 征求意见, 整改落实, 基层党建]",
            "tags: [学习教育, 征求意见, 整改落实, 基层党建, 督导]",
            "a note's tags",
        ),
        (
            "## 对标学习",
            "## 对标学习\n\n见[附件](没有这个文件.pdf)。",
            "a broken link",
        ),
    ];
    for (from, to, step) in steps {
        edit(&note, from, to);
        let o = site.apply(std::slice::from_ref(&note)).unwrap();
        assert!(o.published && !o.full, "{step}: {o:?}");
        assert!(o.rendered < 60, "{step}: rendered {} outputs", o.rendered);
        assert_same_as_full(&s, step);
    }

    // 3. A locality is added, renamed and deleted.
    let new_dir = s.content.join("福建省/泉州市/泉港区/前黄镇");
    fs::create_dir(&new_dir).unwrap();
    fs::write(
        new_dir.join("locality.yaml"),
        "name: 前黄镇\nlevel: 镇\nreports:\n  - date: 2014-06-18\n    households_visited: 5000\n",
    )
    .unwrap();
    assert!(
        site.apply(&[new_dir.join("locality.yaml")])
            .unwrap()
            .published
    );
    assert_same_as_full(&s, "adding a locality");
    let renamed = s.content.join("福建省/泉州市/泉港区/前黄");
    fs::rename(&new_dir, &renamed).unwrap();
    let o = site.apply(&[new_dir.clone(), renamed.clone()]).unwrap();
    assert!(
        o.removed.iter().any(|p| p.contains("qianhuangzhen")),
        "{:?}",
        o.removed
    );
    assert_same_as_full(&s, "renaming a locality");
    fs::remove_dir_all(&renamed).unwrap();
    assert!(site.apply(&[renamed]).unwrap().published);
    assert_same_as_full(&s, "deleting a locality");

    // 4. A note is added, renamed and deleted.
    let note = s.content.join("福建省/泉州市/泉港区/2014-09-20-回访.md");
    fs::write(
        &note,
        "---\ntitle: 回访群众\ndate: 2014-09-20\ntags: [走访群众]\n---\n回访了部分群众。\n",
    )
    .unwrap();
    assert!(site.apply(std::slice::from_ref(&note)).unwrap().published);
    assert_same_as_full(&s, "adding a note");
    let note2 = s.content.join("福建省/泉州市/泉港区/2014-09-21-回访.md");
    fs::rename(&note, &note2).unwrap();
    assert!(site.apply(&[note, note2.clone()]).unwrap().published);
    assert_same_as_full(&s, "renaming a note");
    fs::remove_file(&note2).unwrap();
    assert!(site.apply(&[note2]).unwrap().published);
    assert_same_as_full(&s, "deleting a note");

    // 5. site.yaml changes, and then a template of a theme beside the content folder.
    let site_yaml = s.content.join("site.yaml");
    edit(
        &site_yaml,
        "title: 党的群众路线教育实践活动进展",
        "title: 教育实践活动进展\ntheme: local",
    );
    let theme = s.content.parent().unwrap().join("themes/local/templates");
    fs::create_dir_all(&theme).unwrap();
    fs::write(
        theme.join("404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>没有这个页面</h1>{% endblock main %}",
    )
    .unwrap();
    assert!(
        site.apply(std::slice::from_ref(&site_yaml))
            .unwrap()
            .published
    );
    assert_same_as_full(&s, "changing site.yaml");
    fs::write(
        theme.join("404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>页面不存在</h1>{% endblock main %}",
    )
    .unwrap();
    assert!(site.apply(&[theme.join("404.html")]).unwrap().published);
    assert!(
        fs::read_to_string(s.out.join("404.html"))
            .unwrap()
            .contains("<h1>页面不存在</h1>")
    );
    assert_same_as_full(&s, "changing a template");
}

#[test]
fn an_edit_with_an_error_keeps_the_published_site() {
    let s = scratch();
    let (mut site, _) = LiveSite::open(&s.content, &s.out).unwrap();
    let before = tree(&s.out);
    let village = s
        .content
        .join("福建省/泉州市/泉港区/涂岭镇/黄田村/locality.yaml");
    let good = fs::read_to_string(&village).unwrap();
    fs::write(&village, good.replacen("level: 村", "level： 村", 1)).unwrap();
    let o = site.apply(std::slice::from_ref(&village)).unwrap();
    assert!(!o.published);
    assert_eq!(
        o.diagnostics.iter().next().unwrap().code,
        "fullwidth-punctuation"
    );
    assert!(tree(&s.out) == before, "the published site changed");
    // Fixing it resumes publishing, with a figure changed meanwhile.
    fs::write(&village, good.replacen("level: 村", "level: 行政村", 1)).unwrap();
    assert!(
        site.apply(std::slice::from_ref(&village))
            .unwrap()
            .published
    );
    assert!(
        fs::read_to_string(
            s.out
                .join("fujian/quanzhoushi/quangangqu/tulingzhen/huangtiancun/index.html")
        )
        .unwrap()
        .contains("行政村")
    );
    assert_same_as_full(&s, "fixing the error");
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let s = scratch();
    let (mut site, _) = LiveSite::open(&s.content, &s.out).unwrap();
    let note = s
        .out
        .join("anhui/2014-05-07-diyihuanjiegongzuozongshu.html");
    let mtime = fs::metadata(&note).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let quangang = s.content.join("福建省/泉州市/泉港区/locality.yaml");
    edit(
        &quangang,
        "households_visited: 10.9万",
        "households_visited: 11万",
    );
    let o = site.apply(std::slice::from_ref(&quangang)).unwrap();
    assert!(o.published && !o.written.is_empty());
    assert_eq!(fs::metadata(&note).unwrap().modified().unwrap(), mtime);
    // A full rebuild of unchanged content writes nothing at all.
    let o = site.full().unwrap();
    assert!(
        o.written.is_empty() && o.removed.is_empty(),
        "{:?}",
        o.written
    );
}

/// A note's edit rewrites only the index files it touches: the shards of the terms it adds or
/// removes and the file of its own record, not the other shards (the rest of the index is made
/// again in memory and found unchanged).
#[test]
fn a_note_edit_rewrites_only_the_search_files_it_touches() {
    let s = scratch();
    // Enough text for an index of many shards: 300 notes of pseudo-random common characters.
    let dir = s.content.join("安徽省");
    let mut seed: u32 = 12345;
    for i in 0..300 {
        let body: String = (0..400)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from_u32(0x4E00 + (seed >> 8) % 3000).unwrap()
            })
            .collect();
        fs::write(
            dir.join(format!("2014-05-{:02}-n{i}.md", i % 28 + 1)),
            format!(
                "---\ntitle: 记录{i}\ndate: 2014-05-{:02}\n---\n{body}\n",
                i % 28 + 1
            ),
        )
        .unwrap();
    }
    let (mut site, _) = LiveSite::open(&s.content, &s.out).unwrap();
    let manifest = fs::read_to_string(s.out.join("search-index.js")).unwrap();
    let shards: u32 = manifest
        .split("\"shards\":")
        .nth(1)
        .and_then(|r| r.split([',', '}']).next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(shards >= 8, "{manifest}");
    let note = dir.join("2014-05-07-第一环节工作综述.md");
    edit(&note, "各市的特色做法另见", "各市的特色做法 zzyzx 另见");
    let o = site.apply(std::slice::from_ref(&note)).unwrap();
    assert!(o.published);
    let search: Vec<&String> = o
        .written
        .iter()
        .filter(|w| w.starts_with("search"))
        .collect();
    let shard_files: Vec<&&String> = search
        .iter()
        .filter(|w| w.starts_with("search/t/"))
        .collect();
    // The edit adds the word zzyzx and parts 法另 into two runs: those two terms changed.
    let mut touched: Vec<String> = ["zzyzx", "法另"]
        .iter()
        .map(|t| {
            format!(
                "search/t/{}.js",
                minqing::render::search::shard_of(t, shards)
            )
        })
        .collect();
    touched.sort();
    touched.dedup();
    let mut written: Vec<String> = shard_files.iter().map(|w| w.to_string()).collect();
    written.sort();
    assert_eq!(written, touched, "written: {search:?}");
    // And the note's own record (its snippet), no other.
    assert_eq!(search.len(), touched.len() + 1, "written: {search:?}");
    assert_same_as_full(&s, "a note edit");
}
