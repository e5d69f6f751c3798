//! Messages in the reader's language: the same bad content checked with `--lang zh-CN`,
//! `zh-TW` and `en` gives the same diagnostics (codes, places) with each message and hint in
//! that language; without `--lang`, the site's `language` decides.

use crate::bad_input::Site;
use crate::support::minqing;
use serde_json::Value;

/// `check --format json` of the fixture `case`, with `lang` when given: (code, line, message,
/// hint) of each diagnostic.
fn diagnostics(case: &str, lang: Option<&str>) -> Vec<(String, u64, String, String)> {
    let site = Site::copy(case);
    let mut args = vec!["check", "--content", "content", "--format", "json"];
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    let run = minqing(&args, site.dir());
    let all: Value = serde_json::from_str(&run.stdout).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (
                text("code"),
                d["line"].as_u64().unwrap_or(0),
                text("message"),
                text("hint"),
            )
        })
        .collect()
}

fn one(code: &str, line: u64, message: &str, hint: &str) -> (String, u64, String, String) {
    (code.into(), line, message.into(), hint.into())
}

#[test]
fn a_report_problem_reads_in_each_language() {
    assert_eq!(
        diagnostics("duplicate-date", Some("en")),
        [one(
            "duplicate-date",
            9,
            "two reports are dated 2014-04-09",
            "merge them into one report, or correct the date (the other one is on line 4)"
        )]
    );
    assert_eq!(
        diagnostics("duplicate-date", Some("zh-CN")),
        [one(
            "duplicate-date",
            9,
            "有两次上报的日期都是 2014-04-09",
            "请合并为一次上报，或改正日期（另一次在第 4 行）"
        )]
    );
    assert_eq!(
        diagnostics("duplicate-date", Some("zh-TW")),
        [one(
            "duplicate-date",
            9,
            "有兩次填報的日期都是 2014-04-09",
            "請合併為一次填報，或改正日期（另一次在第 4 行）"
        )]
    );
}

/// The fixture `case` gives one diagnostic `code` at `line`, whose message and hint read as
/// `expect` says in each language.
fn reads_in_each_language(case: &str, code: &str, line: u64, expect: [(&str, &str, &str); 3]) {
    for (lang, message, hint) in expect {
        assert_eq!(
            diagnostics(case, Some(lang)),
            [one(code, line, message, hint)],
            "{lang}"
        );
    }
}

#[test]
fn a_typo_and_its_suggestion_read_in_each_language() {
    let expect = [
        ("en", "unknown phase `studdy`", "did you mean `study`?"),
        ("zh-CN", "无法识别的阶段 `studdy`", "是不是想写 `study`？"),
        ("zh-TW", "無法識別的階段 `studdy`", "是不是想寫 `study`？"),
    ];
    reads_in_each_language("unknown-phase", "unknown-phase", 5, expect);
}

#[test]
fn figures_named_in_a_message_keep_their_site_names() {
    let expect = [
        (
            "en",
            "`rectifications_completed` (12) is more than `rectifications_planned` (10)",
            "完成整改 cannot exceed 整改事项: check both figures",
        ),
        (
            "zh-CN",
            "`rectifications_completed`（12）超过了 `rectifications_planned`（10）",
            "完成整改不能超过整改事项，请核对这两个数字",
        ),
        (
            "zh-TW",
            "`rectifications_completed`（12）超過了 `rectifications_planned`（10）",
            "完成整改不能超過整改事项，請核對這兩個數字",
        ),
    ];
    reads_in_each_language("completed-exceeds-planned", "exceeds-limit", 8, expect);
}

/// A `language: zh-CN` site (the fixtures') is told in Chinese unless `--lang` says otherwise;
/// `MINQING_LANG` is not set by the test runner.
#[test]
fn without_lang_the_sites_language_decides() {
    assert_eq!(
        diagnostics("duplicate-date", None),
        diagnostics("duplicate-date", Some("zh-CN"))
    );
}

/// What the commands say about a run as a whole is in the reader's language too.
#[test]
fn summary_lines_read_in_each_language() {
    let site = Site::copy("duplicate-date");
    let check = |lang: &str| {
        let run = minqing(
            &["check", "--content", "content", "--lang", lang],
            site.dir(),
        );
        run.stdout.lines().last().unwrap_or_default().to_string()
    };
    assert_eq!(check("en"), "content: 1 error(s), 0 warning(s)");
    assert_eq!(check("zh-CN"), "content：1 个错误，0 个警告");
    assert_eq!(check("zh-TW"), "content：1 個錯誤，0 個警告");

    let build = |site: &Site, lang: &str| {
        let args = [
            "build",
            "--content",
            "content",
            "--out",
            "public",
            "--lang",
            lang,
        ];
        minqing(&args, site.dir())
    };
    let good = Site::copy("utf8-bom");
    for (lang, start) in [
        ("en", "Built 1 localities, "),
        ("zh-CN", "已生成 1 个地区、"),
        ("zh-TW", "已產生 1 個地區、"),
    ] {
        let said = build(&good, lang).stdout;
        assert!(said.starts_with(start), "{said}");
    }
    let failed = build(&site, "zh-CN");
    assert!(
        failed
            .stderr
            .contains("生成失败：1 个错误，0 个警告；public 保持原样。"),
        "{}",
        failed.stderr
    );
}

/// Nothing is left in English for a Chinese reader: every message and hint of every bad fixture,
/// in zh-CN and in zh-TW, has Chinese words in it (a message missing from `locales/` would show
/// its id or English words instead).
#[test]
fn every_bad_fixture_speaks_chinese_to_a_chinese_reader() {
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut cases: Vec<String> = std::fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut checked = 0;
    for case in &cases {
        for lang in ["zh-CN", "zh-TW"] {
            for (code, _, message, hint) in diagnostics(case, Some(lang)) {
                assert!(chinese(&message), "{case} {lang} {code}: {message}");
                assert!(chinese(&hint), "{case} {lang} {code} hint: {hint}");
                checked += 1;
            }
        }
    }
    assert!(
        checked > 2 * cases.len(),
        "only {checked} diagnostics checked"
    );
}

#[test]
fn a_bad_cell_in_a_sheet_reads_in_each_language() {
    let expect = [
        (
            "en",
            "`九十五` is not a figure",
            "write digits, optionally with 万 or 亿 and 余/多 for an approximate figure, e.g. 57, 10.9万, 1.3万余",
        ),
        (
            "zh-CN",
            "`九十五` 不是数字",
            "请用阿拉伯数字书写，可带“万”“亿”，约数可加“余”“多”，如 57、10.9万、1.3万余",
        ),
        (
            "zh-TW",
            "`九十五` 不是數字",
            "請用阿拉伯數字書寫，可帶「萬」「億」，約數可加「餘」「多」，如 57、10.9萬、1.3萬餘",
        ),
    ];
    // Row 4 of the sheet: its `line` in JSON is the row.
    reads_in_each_language("sheet-bad-figure", "bad-figure", 4, expect);
}
