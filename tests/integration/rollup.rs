//! Roll-up figures in data/localities.json against hand-computed ones (tests/fixtures/rollup).

use crate::support::*;
use serde_json::{Value, json};

fn locality<'a>(data: &'a Value, path: &str) -> &'a Value {
    data.as_array()
        .unwrap()
        .iter()
        .find(|l| l["path"] == path)
        .unwrap_or_else(|| panic!("no locality {path}"))
}

fn at<'a>(loc: &'a Value, date: &str) -> &'a Value {
    &loc["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["date"] == date)
        .unwrap_or_else(|| panic!("no date {date}"))["values"]
}

#[test]
fn own_figure_wins_over_childrens_sum() {
    let site = build_content(&fixture("rollup"));
    let data = site.json("data/localities.json");
    let province = locality(&data, "jia");
    // 2014-05-10: the province reported 1000; its cities add up to 100 + 1.2万余 + 7.
    assert_eq!(
        at(province, "2014-05-10")["opinions_collected"],
        json!({"value": 1000, "reported": 1000, "children_sum": 12107, "approximate": false})
    );
}

#[test]
fn childrens_sum_fills_in_without_own_report() {
    let site = build_content(&fixture("rollup"));
    let data = site.json("data/localities.json");
    let province = locality(&data, "jia");
    // 2014-04-01: no own report yet, so the sum of 乙市 (100) and 戊市 (7, itself rolled up from 己村).
    assert_eq!(
        at(province, "2014-04-01")["opinions_collected"],
        json!({"value": 107, "reported": null, "children_sum": 107, "approximate": false})
    );
    let wu = locality(&data, "jia/wushi");
    assert_eq!(at(wu, "2014-04-01")["rectifications_completed"]["value"], 3);
    assert_eq!(
        at(wu, "2014-04-01")["rectifications_completed"]["reported"],
        Value::Null
    );
}

#[test]
fn figures_carry_forward_across_dates() {
    let site = build_content(&fixture("rollup"));
    let data = site.json("data/localities.json");
    let yi = locality(&data, "jia/yishi");
    // 乙市's 09-01 report has no rectifications_planned: the 04-01 figure carries forward.
    assert_eq!(at(yi, "2014-09-01")["rectifications_planned"]["value"], 10);
    // 丙县 reported only on 04-01; its 60 still counts in 乙市's children_sum on 09-01.
    assert_eq!(
        at(yi, "2014-09-01")["opinions_collected"]["children_sum"],
        60
    );
    let province = locality(&data, "jia");
    assert_eq!(
        province["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["date"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["2014-04-01", "2014-05-10", "2014-09-01"]
    );
    // 09-01: planned 10 (乙, carried) + 5 (丁, carried) + 3 (戊 via 己村); completed 8 + 3.
    assert_eq!(
        at(province, "2014-09-01")["rectifications_planned"]["value"],
        18
    );
    assert_eq!(
        at(province, "2014-09-01")["rectifications_completed"]["value"],
        11
    );
}

#[test]
fn approximate_flag_carries_into_sums() {
    let site = build_content(&fixture("rollup"));
    let data = site.json("data/localities.json");
    let province = locality(&data, "jia");
    let sum_only = &at(province, "2014-09-01")["opinions_collected"];
    assert_eq!(sum_only["children_sum"], 12_307);
    // The effective figure is the province's own exact 1000, so it is not approximate…
    assert_eq!(sum_only["approximate"], false);
    // …while 丁市's own 1.2万余 is.
    let ding = locality(&data, "jia/dingshi");
    assert_eq!(
        at(ding, "2014-05-10")["opinions_collected"],
        json!({"value": 12000, "reported": 12000, "children_sum": null, "approximate": true})
    );
}

#[test]
fn own_figure_below_childrens_sum_is_a_data_quality_warning() {
    let site = build_content(&fixture("rollup"));
    let warnings: Vec<_> = site
        .summary
        .diagnostics
        .iter()
        .filter(|d| d.code == "below-children-sum")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].path.ends_with("甲省/locality.yaml"));
    assert_eq!(warnings[0].line, Some(5));
    let page = site.read("quality.html");
    assert!(page.contains("甲省"), "{page}");
    assert!(page.contains("12,107余"), "{page}");
    assert!(page.contains("locality.yaml:5"), "{page}");
}

#[test]
fn csv_has_bom_and_latest_figures() {
    let site = build_content(&fixture("rollup"));
    let csv = site.read("data/localities.csv");
    assert!(csv.starts_with('\u{feff}'));
    // Headed as the office's own tables are, in the site's language (the JSON keeps the keys).
    assert_eq!(
        csv.lines().next().unwrap().trim_start_matches('\u{feff}'),
        "路径,名称,层级,上级路径,截至日期,征求意见建议（条）,征求意见建议是否约数,\
         整改事项（项）,整改事项是否约数,完成整改（项）,完成整改是否约数,整改完成率"
    );
    let row = csv.lines().find(|l| l.starts_with("jia,")).unwrap();
    assert_eq!(
        row,
        "jia,甲省,省,,2014-09-01,1000,false,18,false,11,false,61.1%"
    );
}

/// A report may name a figure by its metric's key, its name or an alias (with spaces and in
/// full width, as clerks type), and its phase by name: the site is the one the keys give.
#[test]
fn reports_by_names_and_aliases_build_the_site_that_keys_build() {
    let by_name = build_content(&fixture("names-by-name"));
    let by_key = build_content(&fixture("names-by-key"));
    assert!(by_name.summary.diagnostics.is_empty());
    let (a, b) = (by_name.files(), by_key.files());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs");
    }
    // The figures arrived under their names: the village's 300 households and 3 of 4
    // rectifications, the town's 2,400 households.
    let csv = by_name.read("data/localities.csv");
    assert!(
        csv.lines()
            .any(|l| l.contains("下村") && l.contains(",300,")),
        "{csv}"
    );
    assert!(by_name.read("xiandouzhen/index.html").contains("2,400"));
}

/// quality.html tells the whole truth: every warning the build printed is on it (the figures
/// below their children's sum in the table, every other one listed by kind with its file and
/// line, in the site's language), and "no problems found" only when there were none.
#[test]
fn the_quality_page_lists_every_warning_the_build_printed() {
    let (_tmp, content) = fixture_copy("rollup");
    // Three more warnings of two other kinds: a date and a figure that had to be normalised,
    // and a YAML file that is not read.
    let village = content.join("甲省/戊市/己村/locality.yaml");
    let text = std::fs::read_to_string(&village).unwrap();
    let text = format!("{text}  - date: 2014年9月30日\n    opinions_collected: １２\n");
    std::fs::write(&village, text).unwrap();
    std::fs::write(content.join("甲省/备注.yaml"), "a: 1\n").unwrap();
    let built = build_content(&content);
    let warnings = built.summary.diagnostics.warnings();
    assert_eq!(warnings, 4, "{:?}", built.summary.diagnostics);

    let page = built.read("quality.html");
    // The figures table (the reporting table above it lists localities, not warnings).
    let figures_table = page
        .split("id=\"quality-caption\"")
        .nth(1)
        .unwrap_or_default();
    let figures_table = figures_table.split("</table>").next().unwrap_or_default();
    let table_rows = figures_table.matches("<tr><th scope=\"row\">").count();
    let listed = page.matches("<li><code>").count();
    assert_eq!(table_rows + listed, warnings, "{page}");
    assert!(!page.contains("未发现数据问题"), "{page}");
    // In the words the terminal used, in the site's language, with the place.
    for d in built.summary.diagnostics.iter() {
        if d.code == "below-children-sum" {
            continue;
        }
        let words = minqing::xml::escape(&d.message.render(minqing::i18n::Language::ZhCn));
        assert!(page.contains(words.as_str()), "{words} not on the page");
        assert!(page.contains(&format!("warning-{}", d.code)), "{}", d.code);
    }
    assert!(
        page.contains("<code>甲省/戊市/己村/locality.yaml:"),
        "{page}"
    );

    // A site without warnings says so.
    let clean = build_content(&fixture("names-by-key"));
    assert!(clean.read("quality.html").contains("未发现数据问题"));
}

/// quality.html answers "who hasn't reported": a locality silent for more than
/// `stale_after_days` before the site's latest report, and one that never reported, are listed
/// (the one that never did first) with the localities above them; the home page counts them.
#[test]
fn the_quality_page_lists_who_has_not_reported() {
    let (_tmp, content) = fixture_copy("rollup");
    std::fs::create_dir_all(content.join("甲省/庚县")).unwrap();
    std::fs::write(content.join("甲省/庚县/locality.yaml"), "name: 庚县\n").unwrap();
    let built = build_content(&content);
    let page = built.read("quality.html");
    let rows: Vec<String> = page
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .take_while(|r| !r.contains("征求意见建议"))
        .map(|r| {
            let row = r.split("</tr>").next().unwrap();
            let mut text = String::new();
            let mut tag = false;
            for c in row.chars() {
                match c {
                    '<' => tag = true,
                    '>' => {
                        tag = false;
                        text.push(' ');
                    }
                    c if !tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    assert!(
        page.contains("截至 2014-09-01，以下地区超过 14 天未上报"),
        "{page}"
    );
    assert_eq!(rows[0], "甲省 / 庚县 从未上报 从未上报", "{rows:?}");
    assert!(
        rows.contains(&"甲省 / 乙市 / 丙县 2014-04-01 2014-04-01".to_string()),
        "{rows:?}"
    );
    // 戊市 never reported itself, but its village did (in April): silent since then.
    assert!(
        rows.contains(&"甲省 / 戊市 从未上报 2014-04-01".to_string()),
        "{rows:?}"
    );
    let home = built.read("index.html");
    assert!(
        home.contains(&format!("{} 个地区超过 14 天未上报", rows.len())),
        "{home}"
    );

    // With a longer allowance only the one that never reported is left.
    let site = content.join("site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, format!("{text}stale_after_days: 365\n")).unwrap();
    let built = build_content(&content);
    assert!(
        built
            .read("index.html")
            .contains("1 个地区超过 365 天未上报")
    );
}

/// A parent's latest sum that holds sub-localities' older figures says whose and since when:
/// 甲省's 整改事项 on 09-01 adds 丁市's of 05-10 and 戊市's of 04-01 (from 己村) to 乙市's.
/// 乙市's own figures win over 丙县's older one, so its page says nothing.
#[test]
fn a_parent_says_when_its_sum_holds_older_figures() {
    let site = build_content(&fixture("rollup"));
    let province = site.read("jia/index.html");
    assert!(
        province.contains(
            "<p class=\"older-children\">截至 9月1日，含 2 个下级的较早数据（最早为 4月）</p>"
        ),
        "{province}"
    );
    assert!(!site.read("jia/yishi/index.html").contains("older-children"));
}

/// An own figure carried forward from an earlier report and since passed by the children's
/// sum is a warning at that report's line, once, and a row of quality.html that says so.
#[test]
fn a_carried_forward_figure_below_the_sum_is_on_the_quality_page() {
    let (_tmp, content) = fixture_copy("rollup");
    let county = content.join("甲省/乙市/丙县/locality.yaml");
    let text = std::fs::read_to_string(&county).unwrap();
    let text = format!("{text}  - date: 2014-09-20\n    rectifications_planned: 12\n");
    std::fs::write(&county, text).unwrap();
    let built = build_content(&content);
    let carried: Vec<_> = built
        .summary
        .diagnostics
        .iter()
        .filter(|d| d.code == "below-children-sum" && d.path.ends_with("乙市/locality.yaml"))
        .map(|d| (d.line, d.message.render(minqing::i18n::Language::ZhCn)))
        .collect();
    assert_eq!(
        carried,
        [(
            Some(4),
            "乙市 2014-09-20：`rectifications_planned` 沿用 2014-04-01 上报的 10，但下级地区合计已达 12"
                .into()
        )]
    );
    let page = built.read("quality.html");
    assert!(
        page.contains(
            "<td>2014-09-20<br><small class=\"carried\">沿用 2014-04-01 上报数</small></td>"
        ),
        "{page}"
    );
    assert!(page.contains("乙市/locality.yaml:4"), "{page}");
}
