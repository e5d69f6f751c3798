//! Chart SVGs, parsed as XML: labels and values a reader sees, empty-data charts, and that every
//! page of the example site carries the four charts.

use crate::support::*;
use std::collections::BTreeMap;

/// Every chart of a page, parsed: (figure caption, all text in its SVGs, the SVGs). A chart is
/// one SVG, or one per panel (small multiples); each is an accessible image.
fn charts(html: &str) -> Vec<(String, Vec<String>, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    // Ids only name what a chart defines once and uses in several places (in its first SVG);
    // a use points at a definition of the same chart, or of the progress chart, whose frame
    // the rate chart is drawn in.
    let mut ids: Vec<String> = Vec::new();
    let mut uses: Vec<(String, String)> = Vec::new();
    while let Some(start) = rest.find("<figure class=\"chart") {
        rest = &rest[start..];
        let end = rest.find("</figure>").unwrap();
        let fig = &rest[..end];
        let caption = fig
            .split("<figcaption>")
            .nth(1)
            .and_then(|s| s.split("</figcaption>").next())
            .unwrap()
            .to_string();
        let mut svgs = Vec::new();
        let mut left = fig;
        while let (Some(a), Some(b)) = (left.find("<svg"), left.find("</svg>")) {
            svgs.push(&left[a..b + 6]);
            left = &left[b + 6..];
        }
        let mut texts = Vec::new();
        for svg in &svgs {
            let doc = roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("{caption}: not XML: {e}"));
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"), "{caption}");
            let kids: Vec<_> = root
                .children()
                .filter(|n| n.is_element())
                .map(|n| n.tag_name().name().to_string())
                .collect();
            assert_eq!(&kids[..2], ["title", "desc"], "{caption}");
            for n in doc.descendants() {
                if let Some(id) = n.attribute("id") {
                    assert!(
                        n.parent_element().is_some_and(|p| p.has_tag_name("defs")),
                        "{caption}: id {id} outside <defs>"
                    );
                    ids.push(id.to_string());
                }
                if n.has_tag_name("use") {
                    let href = n.attribute("href").unwrap_or_default().to_string();
                    uses.push((caption.clone(), href));
                }
                if n.has_tag_name("text")
                    && let Some(t) = n.text()
                {
                    texts.push(t.trim().to_string());
                }
            }
        }
        out.push((caption, texts, svgs.concat()));
        rest = &rest[end..];
    }
    for (caption, href) in &uses {
        assert!(
            href.strip_prefix('#')
                .is_some_and(|id| ids.iter().any(|i| i == id)),
            "{caption}: <use href=\"{href}\"> points at nothing in {ids:?}"
        );
    }
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(
        unique.len(),
        ids.len(),
        "ids are unique on the page: {ids:?}"
    );
    out
}

fn chart<'a>(
    all: &'a [(String, Vec<String>, String)],
    caption: &str,
) -> &'a (String, Vec<String>, String) {
    all.iter().find(|c| c.0 == caption).unwrap_or_else(|| {
        panic!(
            "no chart {caption}: {:?}",
            all.iter().map(|c| &c.0).collect::<Vec<_>>()
        )
    })
}

#[test]
fn progress_panels_carry_names_units_values_and_phases() {
    let site = build_content(&fixture("rollup"));
    let all = charts(&site.read("jia/index.html"));
    let (_, texts, _) = chart(&all, "工作进展");
    for expected in [
        "征求意见建议（条）",
        "整改事项（项）",
        "完成整改（项）",
        "4月",
        "10月",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} not in {texts:?}"
        );
    }
    // The panels share one x range, so its bands, axis and month marks are drawn once and used
    // by each of the three panels (one per metric).
    let (_, _, svg) = chart(&all, "工作进展");
    assert_eq!(svg.matches(" id=\"progress-frame\"").count(), 1, "{svg}");
    assert_eq!(
        svg.matches("<use href=\"#progress-frame\"/>").count(),
        3,
        "{svg}"
    );
    assert_eq!(texts.iter().filter(|t| *t == "4月").count(), 1, "{texts:?}");
    // The phases' legend is the page's, beside the panels.
    let html = site.read("jia/index.html");
    let figure = &html[html.find("<figure class=\"chart chart-progress").unwrap()..];
    let legend = &figure[..figure.find("</ul>").unwrap()];
    assert!(legend.contains("class=\"chart-legend\""), "{legend}");
    assert!(
        legend.contains("1 学习") && legend.contains("2 整改"),
        "{legend}"
    );
    // The last value of each panel is written by its last point: 1000 opinions, 18 planned.
    assert!(texts.contains(&"1,000".to_string()), "{texts:?}");
    assert!(texts.contains(&"18".to_string()), "{texts:?}");
}

#[test]
fn bars_show_children_sorted_with_values_and_rates() {
    let site = build_content(&fixture("rollup"));
    let html = site.read("jia/index.html");
    let all = charts(&html);
    let (_, texts, _) = chart(&all, "各地征求意见建议");
    for expected in ["乙市", "丁市", "戊市", "12,000余", "300", "7"] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} not in {texts:?}"
        );
    }
    let (_, texts, _) = chart(&all, "各地整改完成情况");
    for expected in ["乙市", "戊市", "80.0%", "100.0%"] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} not in {texts:?}"
        );
    }
    // What the colours mean is the page's legend beside the bars.
    let figure = html.split("各地整改完成情况</figcaption>").nth(1).unwrap();
    let legend = &figure[..figure.find("</ul>").unwrap()];
    assert!(
        legend.contains("swatch-done\">已完成") && legend.contains("swatch-open\">未完成"),
        "{legend}"
    );
    // 丁市 has planned items but no completed figure: it has no rate, so no bar.
    assert!(!texts.iter().any(|t| t == "丁市"), "{texts:?}");
    // The bars go by rate, highest first, and so does their description.
    let (_, _, svg) = chart(&all, "各地整改完成情况");
    let desc = &svg[svg.find("<desc>").unwrap()..svg.find("</desc>").unwrap()];
    assert!(
        desc.find("戊市").unwrap() < desc.find("乙市").unwrap(),
        "{desc}"
    );
    // Their numbers (completed, planned, the rate) are the sub-localities' table's, which the
    // chart links to instead of repeating them; so do the opinions by sub-locality.
    for caption in ["各地整改完成情况", "各地征求意见建议"] {
        let figure = html
            .split(&format!("{caption}</figcaption>"))
            .nth(1)
            .unwrap();
        let figure = &figure[..figure.find("</figure>").unwrap()];
        assert!(!figure.contains("<table"), "{figure}");
        assert!(
            figure.contains("<a href=\"#children-table\">图表数据见“下级地区”表</a>"),
            "{figure}"
        );
    }
    assert!(html.contains("<caption id=\"children-table\""));
}

/// A chart whose numbers are all in the page's reports table (the completion rate too, in its
/// own column) links to it; one whose numbers are in no other table (the phases) keeps its own.
/// In every language.
#[test]
fn charts_link_to_the_table_that_holds_their_numbers() {
    let site = build_content(&fixture("rollup"));
    let html = site.read("jia/yishi/index.html");
    let figure = |caption: &str| {
        let f = html
            .split(&format!("{caption}</figcaption>"))
            .nth(1)
            .unwrap();
        f[..f.find("</figure>").unwrap()].to_string()
    };
    for caption in ["工作进展", "征求意见建议（累计）", "整改完成率变化"] {
        let f = figure(caption);
        assert!(
            f.contains("<a href=\"#reports-table\">图表数据见“上报记录”表</a>")
                && !f.contains("<table"),
            "{f}"
        );
    }
    let f = figure("活动阶段与最新报告");
    assert!(
        f.contains("<details class=\"chart-data\">") && f.contains("<table"),
        "{f}"
    );
    assert!(html.contains("id=\"reports-table\""));
    let reports = &html[html.find("id=\"reports-table\"").unwrap()..];
    let reports = &reports[..reports.find("</table>").unwrap()];
    assert!(
        reports.contains("<th scope=\"col\" class=\"num\">整改完成率</th>"),
        "the link's target holds the table, with the rates: {reports}"
    );
    // An English site, and one in Traditional characters (whose home page names the table of
    // top-level localities).
    let en = build_content(&fixture("links")).read("benxian/index.html");
    assert!(
        en.contains("<a href=\"#reports-table\">The numbers are in the table “Reports”</a>"),
        "{en}"
    );
    let tw = build_content(&fixture("traditional"));
    assert!(
        tw.read("index.html")
            .contains("<a href=\"#top-table\">圖表數據見「各地進展」表</a>")
    );
    assert!(
        tw.read("shandongsheng/index.html")
            .contains("<a href=\"#reports-table\">圖表數據見「上報記錄」表</a>")
    );
}

#[test]
fn timeline_marks_the_latest_report() {
    let site = build_content(&fixture("rollup"));
    let all = charts(&site.read("jia/yishi/index.html"));
    let (_, texts, _) = chart(&all, "活动阶段与最新报告");
    assert!(
        texts.contains(&"最新报告 2014-09-01".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"学习".to_string()) && texts.contains(&"整改".to_string()),
        "{texts:?}"
    );
}

#[test]
fn charts_without_data_say_so_in_words() {
    let site = build_content(&fixture("links"));
    let html = site.read("benxian/xiaxiang/index.html");
    let progress = html
        .split("<figcaption>Progress</figcaption>")
        .nth(1)
        .unwrap();
    let progress = &progress[..progress.find("</figure>").unwrap()];
    assert!(
        progress.contains("<p class=\"chart-empty\">No figures yet"),
        "{progress}"
    );
    assert!(!progress.contains("<svg"));
}

#[test]
fn home_and_every_locality_page_show_the_four_charts() {
    let site = build_content(&example_content());
    let data = site.json("data/localities.json");
    let mut pages = vec!["index.html".to_string()];
    pages.extend(
        data.as_array()
            .unwrap()
            .iter()
            .filter(|l| !l["series"].as_array().unwrap().is_empty())
            .map(|l| l["page"].as_str().unwrap().to_string()),
    );
    assert!(pages.len() > 15);
    for page in pages {
        let html = site.read(&page);
        let kinds: Vec<&str> = [
            "chart-progress",
            "chart-over-time",
            "chart-rate",
            "chart-timeline",
        ]
        .into_iter()
        .filter(|k| html.contains(&format!("<figure class=\"chart {k}\">")))
        .collect();
        assert_eq!(kinds.len(), 4, "{page} has {kinds:?}");
        // A chart's ids are unique on its page (the page's other ids are the theme's).
        let mut ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "{page} repeats an id");
        assert!(
            charts(&html).iter().filter(|c| !c.2.is_empty()).count() >= 3,
            "{page}"
        );
    }
    let home = charts(&site.read("index.html"));
    assert!(
        home.iter()
            .any(|c| c.0 == "各地整改完成率排名" && !c.2.is_empty())
    );
}

/// WCAG's relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap() as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The stylesheet's rules for the charts' classes: `path.axis` and `:is(g, text).tick` (the
/// forms style.css writes them in, see its "Chart paints"), class → property → value, with each
/// `var(--…)` replaced by the value `:root` gives it.
fn chart_rules(css: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut css = css.to_string();
    while let Some(start) = css.find("/*") {
        let end = css[start..].find("*/").map_or(css.len(), |e| start + e + 2);
        css.replace_range(start..end, "");
    }
    let mut rules: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    for block in css.split('}') {
        let Some((selectors, body)) = block.rsplit_once('{') else {
            continue;
        };
        let decls = body
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        rules.push((selectors.trim().to_string(), decls));
    }
    let vars: BTreeMap<String, String> = rules
        .iter()
        .filter(|(s, _)| s == ":root")
        .flat_map(|(_, d)| d.clone())
        .filter(|(k, _)| k.starts_with("--"))
        .collect();
    let resolve = |mut v: String| {
        while let Some(at) = v.find("var(") {
            let end = at + v[at..].find(')').unwrap();
            let value = &vars[v[at + 4..end].trim()];
            v.replace_range(at..=end, value);
        }
        v.to_ascii_lowercase()
    };
    let mut classes: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (selectors, decls) in &rules {
        // The selectors of the list, split at the commas outside `:is(…)`.
        let mut depth = 0;
        let list = selectors.split(|c| {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            c == ',' && depth == 0
        });
        for selector in list.map(str::trim) {
            let class = selector
                .strip_prefix("path.")
                .or_else(|| selector.strip_prefix(":is(g, text)."));
            if let Some(class) = class {
                let entry = classes.entry(class.to_string()).or_default();
                for (k, v) in decls {
                    entry.insert(k.clone(), resolve(v.clone()));
                }
            }
        }
    }
    classes
}

/// `#rrggbb` of a palette colour.
fn hex((r, g, b): minqing::charts::Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The classes the drawings are written in are styled by the theme's stylesheet in the colours,
/// widths and sizes the drawing code laid them out with (src/charts/draw.rs, `PALETTE`).
#[test]
fn the_stylesheet_paints_every_class_of_the_palette_as_drawn() {
    use minqing::charts::{Look, PALETTE};
    let site = build_content(&example_content());
    let rules = chart_rules(&site.read("static/style.css"));
    let rule = |class: &str| {
        rules
            .get(class)
            .unwrap_or_else(|| panic!("no rule for the class {class} in style.css"))
    };
    let get = |class: &str, property: &str| rule(class).get(property).cloned();
    for (look, class) in PALETTE.shapes {
        match *look {
            Look::Fill(rgb) => assert_eq!(get(class, "fill"), Some(hex(rgb)), "{class}"),
            Look::Stroke(rgb, width) => {
                assert_eq!(get(class, "fill").as_deref(), Some("none"), "{class}");
                assert_eq!(get(class, "stroke"), Some(hex(rgb)), "{class}");
                let w = get(class, "stroke-width").unwrap_or_else(|| "1".into());
                assert_eq!(w, width.to_string(), "{class}");
            }
            Look::Dot(rgb, radius) => {
                assert_eq!(get(class, "fill").as_deref(), Some("none"), "{class}");
                assert_eq!(get(class, "stroke"), Some(hex(rgb)), "{class}");
                assert_eq!(get(class, "stroke-linecap").as_deref(), Some("round"));
                let w = get(class, "stroke-width");
                assert_eq!(w, Some((2 * radius).to_string()), "{class}: a dot's width");
            }
        }
    }
    for ((rgb, px), class) in PALETTE.texts {
        assert_eq!(get(class, "fill"), Some(hex(*rgb)), "{class}");
        assert_eq!(get(class, "font-size"), Some(format!("{px}px")), "{class}");
    }
}

/// Every text colour the example's charts use, against every light fill they draw (the paper,
/// the phase bands: what a label can sit on; the dark fills are bars and lines, which labels sit
/// beside), is at least 4.5:1 (WCAG AA for normal text). The colours are the stylesheet's, for
/// the classes the drawings are written in (and an element's own `fill` where it has one); each
/// class a drawing uses has its rule.
#[test]
fn every_chart_text_is_legible_on_every_fill_behind_it() {
    let site = build_content(&example_content());
    let rules = chart_rules(&site.read("static/style.css"));
    let mut texts = std::collections::BTreeSet::new();
    let mut fills = std::collections::BTreeSet::from(["#ffffff".to_string()]);
    let mut pages = 0;
    for (path, bytes) in tree(&site.out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for (caption, _, svg) in charts(&html) {
            pages += 1;
            let svg = format!("<charts>{svg}</charts>");
            let doc = roxmltree::Document::parse(&svg).unwrap();
            for n in doc.descendants().filter(|n| n.is_element()) {
                let tag = n.tag_name().name();
                let classes: Vec<&str> = n
                    .attribute("class")
                    .unwrap_or_default()
                    .split(' ')
                    .collect();
                let styled: Vec<&BTreeMap<String, String>> = classes
                    .iter()
                    .filter(|c| !c.is_empty())
                    .map(|c| {
                        rules.get(*c).unwrap_or_else(|| {
                            panic!("{path}, {caption}: no rule in style.css for <{tag} class={c}>")
                        })
                    })
                    .collect();
                let is_text = tag == "text"
                    || (tag == "g"
                        && (n.has_attribute("font-size")
                            || styled.iter().any(|r| r.contains_key("font-size"))));
                let colours = styled
                    .iter()
                    .filter_map(|r| r.get("fill").cloned())
                    .chain(n.attribute("fill").map(str::to_ascii_lowercase))
                    .filter(|c| c.starts_with('#'));
                for c in colours {
                    if is_text {
                        texts.insert(c);
                    } else if luminance(&c) > 0.6 {
                        fills.insert(c);
                    }
                }
            }
        }
    }
    assert!(pages > 10, "charts found: {pages}");
    assert!(
        texts.len() >= 2 && fills.len() >= 3,
        "{texts:?} on {fills:?}"
    );
    eprintln!("chart text colours {texts:?} on fills {fills:?}");
    for t in &texts {
        for f in &fills {
            let c = contrast(t, f);
            assert!(c >= 4.5, "chart text {t} on {f}: {c:.2}:1, under 4.5:1");
        }
    }
}
