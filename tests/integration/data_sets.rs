//! A site larger than `data::SPLIT_ABOVE` localities has no data file with every locality: its
//! downloads are split per subtree, each locality page links its own (a village its county's),
//! and a village's figure edit rewrites only the sets of its chain.

use crate::support::*;
use minqing::live::LiveSite;
use minqing::render::data::{SPLIT_ABOVE, WHOLE_SUBTREE_MAX};
use std::fs;
use std::path::Path;

const CITIES: usize = 3;
const COUNTIES: usize = 10;
const VILLAGES: usize = 67;

fn locality(dir: &Path, name: &str, level: &str, households: usize) {
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join("locality.yaml"),
        format!(
            "name: {name}\nlevel: {level}\nreports:\n  - date: 2014-09-10\n    households_visited: {households}\n"
        ),
    )
    .unwrap();
}

/// One province of 3 cities of 10 counties of 67 villages: 2,044 localities, a county's
/// subtree (68) small enough to be a set whole, a city's (681) not.
fn site(root: &Path) -> std::path::PathBuf {
    let content = root.join("content");
    fs::create_dir_all(&content).unwrap();
    fs::copy(
        example_content().join("site.yaml"),
        content.join("site.yaml"),
    )
    .unwrap();
    let province = content.join("p");
    locality(&province, "甲省", "省", 900_000);
    for c in 1..=CITIES {
        let city = province.join(format!("c{c}"));
        locality(&city, &format!("乙{c}市"), "市", 300_000);
        for k in 1..=COUNTIES {
            let county = city.join(format!("k{k}"));
            locality(&county, &format!("丙{c}-{k}县"), "县", 30_000);
            for v in 1..=VILLAGES {
                locality(
                    &county.join(format!("v{v}")),
                    &format!("丁{c}-{k}-{v}村"),
                    "村",
                    400 + v,
                );
            }
        }
    }
    content
}

fn csv_rows(out: &Path, rel: &str) -> usize {
    let text = fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    text.lines().count() - 1
}

#[test]
fn a_large_sites_data_is_split_per_subtree_and_an_edit_rewrites_its_chains_sets() {
    let localities = 1 + CITIES * (1 + COUNTIES * (1 + VILLAGES));
    // The tree is shaped for the thresholds (these fail when the constants move).
    let (county, city) = (1 + VILLAGES, 1 + COUNTIES * (1 + VILLAGES));
    assert!(
        [
            localities > SPLIT_ABOVE,
            county <= WHOLE_SUBTREE_MAX,
            city > WHOLE_SUBTREE_MAX
        ]
        .iter()
        .all(|&b| b)
    );
    let tmp = tempfile::tempdir().unwrap();
    let content = site(tmp.path());
    let out = tmp.path().join("public");
    let (mut live, first) = LiveSite::open(&content, &out).unwrap();
    assert!(first.published, "{:?}", first.diagnostics);

    // The top level holds the province; the province and each city their direct
    // sub-localities; a county its whole subtree.
    assert_eq!(csv_rows(&out, "data/localities.csv"), 1);
    assert_eq!(csv_rows(&out, "data/p/localities.csv"), 1 + CITIES);
    assert_eq!(csv_rows(&out, "data/p/c2/localities.csv"), 1 + COUNTIES);
    assert_eq!(csv_rows(&out, "data/p/c2/k7/localities.csv"), 1 + VILLAGES);
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/p/c2/k7/localities.json")).unwrap())
            .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1 + VILLAGES);
    assert!(out.join("data/p/c2/k7/localities.xlsx").is_file());
    // No file holds every locality, and every locality is in some set.
    let sets: Vec<String> = tree(&out)
        .into_keys()
        .filter(|k| k.starts_with("data/") && k.ends_with(".csv"))
        .collect();
    assert_eq!(sets.len(), 1 + 1 + CITIES + CITIES * COUNTIES);
    let mut seen = std::collections::BTreeSet::new();
    for set in &sets {
        let text = fs::read_to_string(out.join(set)).unwrap();
        assert!(text.lines().count() - 1 < localities, "{set}");
        seen.extend(
            text.lines()
                .skip(1)
                .map(|l| l.split(',').next().unwrap().to_string()),
        );
    }
    assert_eq!(seen.len(), localities);

    // Each page links its own set, a village its county's, any other page the top level's.
    let page = |rel: &str| fs::read_to_string(out.join(rel)).unwrap();
    assert!(page("p/c2/k7/index.html").contains("href=\"../../../data/p/c2/k7/localities.csv\""));
    assert!(page("p/c2/k7/index.html").contains("丙2-7县</span>及其全部下级"));
    assert!(
        page("p/c2/k7/v3/index.html").contains("href=\"../../../../data/p/c2/k7/localities.csv\"")
    );
    assert!(page("p/c2/index.html").contains("乙2市</span>及其直属下级"));
    assert!(page("index.html").contains("href=\"data/localities.csv\""));
    assert!(page("index.html").contains("数据下载（各最上级地区）"));

    // A village's figure: its county's, city's, province's and the top level's sets, no other
    // (the JSON carries every roll-up; a CSV row changes only where the effective figure does).
    let village = content.join("p/c2/k7/v3/locality.yaml");
    let text = fs::read_to_string(&village).unwrap();
    fs::write(
        &village,
        text.replace("households_visited: 403", "households_visited: 503"),
    )
    .unwrap();
    let o = live.apply(std::slice::from_ref(&village)).unwrap();
    assert!(o.published && !o.full, "{o:?}");
    let data: Vec<&str> = o
        .written
        .iter()
        .filter(|w| w.starts_with("data/") && w.ends_with(".json"))
        .map(String::as_str)
        .collect();
    let chain = [
        "data/localities.json",
        "data/p/c2/k7/localities.json",
        "data/p/c2/localities.json",
        "data/p/localities.json",
    ];
    assert!(data.iter().all(|d| chain.contains(d)), "{data:?}");
    // The county's sum and the city's row of the county changed; the county's own figure
    // stays above its villages' sum, so nothing above the city changed.
    assert_eq!(
        data,
        ["data/p/c2/k7/localities.json", "data/p/c2/localities.json"]
    );
    assert!(o.rendered < 40, "rendered {} outputs", o.rendered);
    let fresh = build_content(&content).files();
    let now = tree(&out);
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &fresh {
        assert!(&now[path] == bytes, "{path} differs from a full build");
    }
}
