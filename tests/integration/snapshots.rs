//! Snapshots of what people read, with insta: the diagnostics of every bad fixture (text and
//! JSON), a locality page and a note page of the example site, one SVG of each chart kind, the
//! feed, and the `--help` of the command and of each subcommand. The `.snap` files beside this
//! file (`snapshots/`) are reviewed like code; the README's "Tests" section says how.
//!
//! None of them depends on the machine, the date or the terminal: the binary runs in the folder
//! of a fixture's copy and is given relative paths, the example is built once into a temporary
//! folder that no output names, and clap does not wrap help to the terminal.

use crate::bad_input::Site;
use crate::support::{build_content, example_content, minqing, names_in};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::LazyLock;

/// Settings for one snapshot: `snapshots/<name>@<suffix>.snap` (or `<name>.snap`), with
/// `description` in its header saying where the text comes from.
fn settings(suffix: Option<&str>, description: String) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    if let Some(suffix) = suffix {
        s.set_snapshot_suffix(suffix);
    }
    s.set_description(description);
    s
}

/// Runs `snapshot` for every item and fails once at the end, naming each item whose snapshot
/// differs, so that one run shows (and `cargo insta review` offers) every change, not the first.
/// (insta's "Stopped on the first failure" under each diff is not so here: the loop goes on.)
fn for_each(items: &[&str], snapshot: impl Fn(&str)) {
    let failed: Vec<&str> = items
        .iter()
        .copied()
        .filter(|item| catch_unwind(AssertUnwindSafe(|| snapshot(item))).is_err())
        .collect();
    assert!(
        failed.is_empty(),
        "{} snapshot(s) failed, see above: {failed:?}",
        failed.len()
    );
}

// --- Diagnostics of the bad fixtures.

/// Every folder under tests/fixtures/bad/.
fn bad_fixtures() -> Vec<String> {
    names_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad"))
}

/// `minqing check --content content <args…>` in a copy of the fixture, as a clerk runs it in
/// the folder that holds `content/`: what it prints on stdout (nothing goes to stderr).
fn check(case: &str, args: &[&str]) -> String {
    let site = Site::copy(case);
    let mut all = vec!["check", "--content", "content"];
    all.extend(args);
    let run = minqing(&all, site.dir());
    assert!(
        matches!(run.code, Some(0 | 1)),
        "{case}: exit {:?}\n{}",
        run.code,
        run.stderr
    );
    assert_eq!(run.stderr, "", "{case}: stderr");
    let tmp = site.dir().to_str().unwrap();
    assert!(!run.stdout.contains(tmp), "{case}: names {tmp}");
    run.stdout
}

fn check_each_fixture(name: &str, args: &[&str]) {
    let cases = bad_fixtures();
    let cases: Vec<&str> = cases.iter().map(String::as_str).collect();
    for_each(&cases, |case| {
        let out = check(case, args);
        if args.contains(&"json") {
            serde_json::from_str::<serde_json::Value>(&out)
                .unwrap_or_else(|e| panic!("{case}: not JSON ({e}):\n{out}"));
        }
        let description = format!(
            "minqing check --content content {}  (in a copy of tests/fixtures/bad/{case}/)",
            args.join(" ")
        );
        settings(Some(case), description).bind(|| insta::assert_snapshot!(name, out));
    });
}

#[test]
fn diagnostics_of_every_bad_fixture_as_text() {
    check_each_fixture("check_text", &["--lang", "en"]);
}

#[test]
fn diagnostics_of_every_bad_fixture_as_json() {
    check_each_fixture("check_json", &["--format", "json", "--lang", "en"]);
}

#[test]
fn diagnostics_in_chinese() {
    // Its message and hint are in locales/zh-CN/site.ftl.
    let case = "base-url-relative";
    let out = check(case, &["--lang", "zh-CN"]);
    let description = format!(
        "minqing check --content content --lang zh-CN  (in a copy of tests/fixtures/bad/{case}/)"
    );
    settings(Some(case), description).bind(|| insta::assert_snapshot!("check_text_zh_cn", out));
}

// --- Pages, charts and feed of the example site.

/// A locality with every kind of chart (it has sub-localities), extra fields and notes.
const LOCALITY: &str = "fujian/quanzhoushi/quangangqu/index.html";
/// A note with headings, a list, links, an image and a table.
const NOTE: &str = "fujian/quanzhoushi/quangangqu/2014-09-10-tesegongzuozongshu.html";

/// Each chart kind (its name in templates) and the class of its `<figure>`
/// (`chart-<class>`, from src/charts/).
const CHARTS: &[(&str, &str)] = &[
    ("progress", "progress"),
    ("opinions_by_child", "bars"),
    ("opinions_over_time", "over-time"),
    ("rectification_by_child", "completion"),
    ("completion_over_time", "rate"),
    ("timeline", "timeline"),
];

/// The files snapshotted from one build of the example site, shared by the tests below.
struct Example {
    locality: String,
    note: String,
    feed: String,
}

static EXAMPLE: LazyLock<Example> = LazyLock::new(|| {
    let built = build_content(&example_content());
    let example = Example {
        locality: built.read(LOCALITY),
        note: built.read(NOTE),
        feed: built.read("feed.xml"),
    };
    let tmp = built.out.parent().unwrap().to_str().unwrap();
    let today = &jiff::Timestamp::now().to_string()[..10];
    for text in [&example.locality, &example.note, &example.feed] {
        assert!(!text.contains(tmp), "names the build's folder {tmp}");
        assert!(!text.contains(today), "carries today's date {today}");
    }
    example
});

/// The `<svg>…</svg>` of the one `<figure class="chart chart-<class>">` on a page.
fn chart_svg<'a>(page: &'a str, class: &str) -> &'a str {
    let open = format!("<figure class=\"chart chart-{class}\">");
    assert_eq!(page.matches(&open).count(), 1, "figures {open}");
    let figure = &page[page.find(&open).unwrap()..];
    let figure = &figure[..figure.find("</figure>").unwrap()];
    let start = figure
        .find("<svg ")
        .unwrap_or_else(|| panic!("no SVG in {open}"));
    let end = figure.find("</svg>").unwrap() + "</svg>".len();
    &figure[start..end]
}

#[test]
fn locality_page() {
    // The charts' SVGs are in their own snapshots; here each is a comment naming that snapshot,
    // so that a changed chart shows once.
    let mut page = EXAMPLE.locality.clone();
    for (kind, class) in CHARTS {
        let svg = chart_svg(&EXAMPLE.locality, class).to_string();
        page = page.replacen(&svg, &format!("<!-- SVG: snapshot chart@{kind} -->"), 1);
    }
    let description = format!("{LOCALITY} of the example site (content/)");
    settings(Some("locality"), description).bind(|| insta::assert_snapshot!("page", page));
}

#[test]
fn note_page() {
    let description = format!("{NOTE} of the example site (content/)");
    settings(Some("note"), description).bind(|| insta::assert_snapshot!("page", EXAMPLE.note));
}

#[test]
fn one_svg_of_each_chart_kind() {
    let kinds: Vec<&str> = CHARTS.iter().map(|(kind, _)| *kind).collect();
    for_each(&kinds, |kind| {
        let class = CHARTS.iter().find(|(k, _)| *k == kind).unwrap().1;
        let svg = chart_svg(&EXAMPLE.locality, class);
        let description =
            format!("charts.{kind} as drawn in figure.chart-{class} of {LOCALITY} (example site)");
        settings(Some(kind), description).bind(|| insta::assert_snapshot!("chart", svg));
    });
}

#[test]
fn feed() {
    let description = "feed.xml of the example site (content/)".to_string();
    settings(None, description).bind(|| insta::assert_snapshot!("feed", EXAMPLE.feed));
}

// --- Help.

/// The subcommands, in the order `minqing --help` lists them.
const COMMANDS: &[&str] = &[
    "build", "check", "watch", "serve", "archive", "verify", "template", "init",
];

/// The help `args` ask for, in English (`--lang en`), from the repository's root.
fn help(args: &[&str]) -> String {
    let mut all = vec!["--lang", "en"];
    all.extend(args);
    help_as_is(&all)
}

fn help_as_is(args: &[&str]) -> String {
    let run = minqing(args, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(run.code, Some(0), "minqing {args:?}: {}", run.stderr);
    assert_eq!(run.stderr, "", "minqing {args:?}: stderr");
    run.stdout
}

#[test]
fn help_of_the_command_and_of_each_subcommand() {
    let top = help(&["--help"]);
    // A new subcommand gets its snapshot too.
    let listed: Vec<&str> = top
        .split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert_eq!(listed, COMMANDS, "{top}");
    let mut all = vec!["minqing"];
    all.extend(COMMANDS);
    for_each(&all, |command| {
        let (text, description) = if command == "minqing" {
            (top.clone(), "minqing --help".to_string())
        } else {
            (
                help(&[command, "--help"]),
                format!("minqing {command} --help"),
            )
        };
        settings(Some(command), description).bind(|| insta::assert_snapshot!("help", text));
    });
}

/// Without `--lang` the help speaks the site's language: content/site.yaml says zh-CN.
#[test]
fn help_in_the_sites_language() {
    for args in [&["--help"][..], &["build", "--help"], &["help", "template"]] {
        let text = help_as_is(args);
        let description = format!("minqing {}", args.join(" "));
        let words: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| !a.starts_with('-'))
            .collect();
        let name = if words.is_empty() {
            "minqing".to_string()
        } else {
            words.join("-")
        };
        settings(Some(&format!("zh-CN-{name}")), description)
            .bind(|| insta::assert_snapshot!("help", text));
    }
}
