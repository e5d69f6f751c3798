//! Bad input gets a clear error and loses nothing.
//!
//! Each case under tests/fixtures/bad/ is a small site with exactly one defect of the kind clerks
//! make on Chinese Windows PCs. The real binary checks it (`minqing check --format json`); each
//! test asserts the exit code and the diagnostics: code, file, line and the gist of the message or
//! hint, and that nothing else was reported. Files that git cannot keep as they are (GBK, binary,
//! symbolic links) are made at test time in a temporary copy of the fixture.

use crate::support::{copy_dir, minqing};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A temporary copy of a fixture site: `<tmp>/content`.
pub(crate) struct Site {
    tmp: tempfile::TempDir,
}

impl Site {
    /// Copies `tests/fixtures/bad/<case>`, and makes the files git cannot keep for that case.
    pub(crate) fn copy(case: &str) -> Site {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/bad")
            .join(case)
            .join("content");
        assert!(from.is_dir(), "no fixture {}", from.display());
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_dir(&from, &content);
        if let Some(make) = made_at_test_time(case) {
            make(&content);
        }
        Site { tmp }
    }

    pub(crate) fn dir(&self) -> &Path {
        self.tmp.path()
    }

    /// `minqing check --format json --lang en`: asserts the exit code and returns the
    /// diagnostics (the messages in English, whatever the site's language).
    fn check(&self, exit: i32) -> Vec<Value> {
        let run = minqing(
            &[
                "check",
                "--content",
                "content",
                "--format",
                "json",
                "--lang",
                "en",
            ],
            self.dir(),
        );
        let diags: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr:\n{}", run.stdout, run.stderr));
        assert_eq!(
            run.code,
            Some(exit),
            "exit code; diagnostics:\n{}\nstderr:\n{}",
            run.stdout,
            run.stderr
        );
        diags.as_array().unwrap().clone()
    }

    /// `minqing build` into `<tmp>/public`; returns the output folder.
    fn build(&self) -> PathBuf {
        let run = minqing(
            &["build", "--content", "content", "--out", "public"],
            self.dir(),
        );
        assert_eq!(run.code, Some(0), "build failed:\n{}", run.stderr);
        self.dir().join("public")
    }
}

/// One diagnostic a case must produce.
struct Expect {
    severity: &'static str,
    code: &'static str,
    /// The end of the diagnostic's path.
    file: &'static str,
    line: Option<u64>,
    /// Text found in the message or the hint.
    gist: &'static str,
}

fn error(code: &'static str, file: &'static str, line: Option<u64>, gist: &'static str) -> Expect {
    Expect {
        severity: "error",
        code,
        file,
        line,
        gist,
    }
}

fn warning(
    code: &'static str,
    file: &'static str,
    line: Option<u64>,
    gist: &'static str,
) -> Expect {
    Expect {
        severity: "warning",
        ..error(code, file, line, gist)
    }
}

/// Asserts that every expected diagnostic is there and that nothing else was reported.
fn assert_diagnostics(diags: &[Value], expected: &[Expect]) {
    let all = serde_json::to_string_pretty(diags).unwrap();
    for e in expected {
        let found = diags.iter().any(|d| {
            let text = format!(
                "{} {}",
                d["message"].as_str().unwrap_or(""),
                d["hint"].as_str().unwrap_or("")
            );
            d["severity"] == e.severity
                && d["code"] == e.code
                && Path::new(d["path"].as_str().unwrap()).ends_with(e.file)
                && d["line"].as_u64() == e.line
                && text.contains(e.gist)
        });
        assert!(
            found,
            "expected {}[{}] in {} at line {:?} saying {:?}; got:\n{all}",
            e.severity, e.code, e.file, e.line, e.gist
        );
    }
    for d in diags {
        assert!(
            expected.iter().any(|e| d["code"] == e.code),
            "unexpected diagnostic {}; all:\n{all}",
            d["code"]
        );
    }
    // Every located diagnostic quotes its line and has a hint saying what to do.
    for d in diags {
        assert!(d["hint"].is_string(), "no hint: {d}");
        if d["line"].is_u64() {
            assert!(d["source_line"].is_string(), "line without quote: {d}");
        }
    }
}

/// `case!(test_name, "fixture", exit, [expected…] $(, then: fn(&Site))?)`
macro_rules! case {
    ($name:ident, $fixture:literal, exit $exit:literal, [$($e:expr),* $(,)?]
     $(, then: $then:expr)? $(,)?) => {
        #[test]
        fn $name() {
            let site = Site::copy($fixture);
            let diags = site.check($exit);
            assert_diagnostics(&diags, &[$($e),*]);
            $( ($then)(&site); )?
        }
    };
}

const LOC: &str = "东湖镇/locality.yaml";
const NOTE: &str = "东湖镇/2014-04-10-座谈会.md";

fn rewrite(path: &Path, f: impl FnOnce(Vec<u8>) -> Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, f(bytes)).unwrap();
}

// --- Files that git cannot keep as they are, made in the copy of their fixture.

/// What [`Site::copy`] makes in the content folder of a copy of `case`, if anything.
fn made_at_test_time(case: &str) -> Option<fn(&Path)> {
    match case {
        "gbk-encoding" => Some(encode_locality_in_gbk),
        "unknown-encoding" => Some(append_undecodable_bytes),
        "binary-locality" => Some(replace_locality_with_png),
        "symlink-loop" => Some(link_in_circles),
        _ => None,
    }
}

fn encode_locality_in_gbk(content: &Path) {
    rewrite(&content.join(LOC), |b| {
        let (gbk, _, _) = encoding_rs::GBK.encode(std::str::from_utf8(&b).unwrap());
        assert_ne!(&gbk[..], &b[..]);
        gbk.into_owned()
    });
}

fn append_undecodable_bytes(content: &Path) {
    // 0x80 and 0xFF start no character in UTF-8, GBK or GB18030.
    rewrite(&content.join(LOC), |mut b| {
        b.extend_from_slice(b"note: \xff\x80\xff\n");
        b
    });
}

fn replace_locality_with_png(content: &Path) {
    std::fs::write(
        content.join(LOC),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
    )
    .unwrap();
}

fn link_in_circles(content: &Path) {
    use std::os::unix::fs::symlink;
    symlink("..", content.join("东湖镇/loop")).unwrap();
    symlink("self", content.join("self")).unwrap();
    std::fs::create_dir(content.join("东湖镇/北村")).unwrap();
    symlink("locality.yaml", content.join("东湖镇/北村/locality.yaml")).unwrap();
    std::fs::create_dir(content.join("西村")).unwrap();
    symlink(
        "../东湖镇/locality.yaml",
        content.join("西村/locality.yaml"),
    )
    .unwrap();
}

/// The built localities.json entry of the one locality.
fn built_locality(site: &Site) -> Value {
    let out = site.build();
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("data/localities.json")).unwrap()).unwrap();
    json[0].clone()
}

// --- Punctuation and layout typed in full-width mode or with tabs.

case!(fullwidth_colon, "fullwidth-colon", exit 1, [
    error("fullwidth-punctuation", LOC, Some(2), "full-width colon '：'"),
]);

case!(fullwidth_colon_in_note_front_matter, "note-fullwidth-colon", exit 1, [
    error("fullwidth-punctuation", NOTE, Some(2), "full-width colon '：'"),
]);

case!(fullwidth_comma_in_flow_list, "fullwidth-comma-flow-list", exit 1, [
    error("fullwidth-punctuation", NOTE, Some(4), "full-width comma '，'"),
]);

case!(fullwidth_brackets_around_a_list, "fullwidth-brackets", exit 1, [
    error("fullwidth-punctuation", NOTE, Some(4), "full-width bracket '［'"),
]);

case!(tab_indentation, "tab-indent", exit 1, [
    error("tab-indent", LOC, Some(6), "replace the tab with two spaces"),
]);

case!(fullwidth_space_as_indentation, "fullwidth-space-indent", exit 1, [
    error("fullwidth-space", LOC, Some(6), "indent with spaces"),
]);

case!(key_without_colon, "site-yaml-syntax", exit 1, [
    error("missing-colon", "site.yaml", Some(1), "no ':'"),
]);

case!(unclosed_quote, "unclosed-quote", exit 1, [
    error("unclosed-quote", LOC, Some(1), "no closing quote"),
]);

case!(list_item_without_space_after_dash, "list-item-without-space", exit 1, [
    error("missing-space", LOC, Some(9), "write `- date: 2014-06-10`"),
]);

case!(key_indented_out_of_line, "bad-indent", exit 1, [
    error("bad-indent", LOC, Some(7), "indent this line like line 6"),
]);

case!(duplicate_key, "duplicate-key", exit 1, [
    error("duplicate-key", LOC, Some(3), "`name`"),
]);

case!(crlf_line_endings_keep_line_numbers, "crlf-line-endings", exit 1, [
    error("bad-figure", LOC, Some(6), "`12O` is not a figure"),
]);

// --- Encodings.

case!(utf8_bom_is_read_silently, "utf8-bom", exit 0, [], then: |site: &Site| {
    let out = site.build();
    let page = std::fs::read_to_string(out.join("donghuzhen/index.html")).unwrap();
    assert!(page.contains("东湖镇"));
    assert!(page.contains("东湖镇座谈会"), "the note with a BOM is listed");
});

case!(gbk_file_is_read_with_a_warning, "gbk-encoding", exit 0, [
    warning("gbk-encoding", LOC, None, "GBK"),
], then: |site: &Site| {
    let l = built_locality(site);
    assert_eq!(l["name"], "东湖镇");
    assert_eq!(l["level"], "镇");
});

case!(neither_utf8_nor_gbk, "unknown-encoding", exit 1, [
    error("unknown-encoding", LOC, None, "neither UTF-8 nor GBK"),
]);

case!(binary_file_named_locality_yaml, "binary-locality", exit 1, [
    error("binary-file", LOC, None, "not text"),
]);

case!(empty_locality_yaml, "empty-locality", exit 1, [
    error("empty-file", "西村/locality.yaml", None, "locality.yaml is empty"),
]);

// --- Figures and dates.

case!(fullwidth_digits_are_normalised, "fullwidth-digits", exit 0, [
    warning("normalised-figure", LOC, Some(6), "read as 123"),
], then: |site: &Site| {
    let l = built_locality(site);
    assert_eq!(l["series"][0]["values"]["opinions_collected"]["value"], 123);
});

case!(chinese_date_is_normalised, "chinese-date", exit 0, [
    warning("normalised-date", LOC, Some(4), "read as 2014-04-09"),
], then: |site: &Site| {
    assert_eq!(built_locality(site)["series"][0]["date"], "2014-04-09");
});

case!(impossible_date, "impossible-date", exit 1, [
    error("bad-date", LOC, Some(4), "2014-02-30 is not a date"),
]);

case!(impossible_date_in_a_note, "note-bad-date", exit 1, [
    error("bad-date", NOTE, Some(3), "2014-04-31 is not a date"),
]);

case!(negative_figure, "negative-figure", exit 1, [
    error("negative-figure", LOC, Some(6), "negative"),
]);

case!(empty_figure, "empty-figure", exit 1, [
    error("bad-figure", LOC, Some(6), "the figure is empty"),
]);

case!(completed_exceeds_planned, "completed-exceeds-planned", exit 1, [
    error("exceeds-limit", LOC, Some(8), "more than `rectifications_planned`"),
]);

case!(figure_going_down, "decreasing-figure", exit 0, [
    warning("decreasing-figure", LOC, Some(10), "went down from 120"),
]);

case!(report_outside_every_phase, "outside-phases", exit 0, [
    warning("outside-phases", LOC, Some(9), "outside every phase"),
]);

case!(duplicate_dates, "duplicate-date", exit 1, [
    error("duplicate-date", LOC, Some(9), "on line 4"),
]);

// --- Keys.

case!(metric_key_typo, "metric-key-typo", exit 1, [
    error("unknown-key", LOC, Some(6), "did you mean `opinions_collected`?"),
]);

case!(locality_key_typo, "locality-key-typo", exit 1, [
    error("unknown-key", LOC, Some(1), "did you mean `name`?"),
    error("missing-field", LOC, None, "`name` is missing"),
]);

case!(unknown_phase, "unknown-phase", exit 1, [
    error("unknown-phase", LOC, Some(5), "did you mean `study`?"),
]);

// --- site.yaml values.

case!(base_url_without_scheme_and_host, "base-url-relative", exit 1, [
    error("bad-base-url", "site.yaml", Some(4), "`intranet/report`"),
]);

case!(base_url_with_another_scheme, "base-url-ftp", exit 1, [
    error("bad-base-url", "site.yaml", Some(4), "`ftp://x/`"),
]);

// --- Notes.

case!(note_without_front_matter, "note-without-front-matter", exit 1, [
    error("no-front-matter", NOTE, Some(1), "no front matter"),
]);

case!(note_without_date, "note-without-date", exit 1, [
    error("missing-field", NOTE, None, "add a line `date: YYYY-MM-DD`"),
]);

// --- The folder tree.

case!(two_folders_with_one_slug, "duplicate-slug", exit 1, [
    error("duplicate-slug", "冬湖镇/locality.yaml", None, "donghuzhen/index.html"),
]);

case!(site_yaml_missing, "missing-site", exit 1, [
    error("missing-site", "site.yaml", None, "no site.yaml"),
]);

case!(stray_locality_yml, "stray-locality-yml", exit 0, [
    warning("stray-yaml", "西村/locality.yml", None, "exactly `locality.yaml`"),
]);

case!(symlink_loop, "symlink-loop", exit 0, [
    warning("symlink", "东湖镇/loop", None, "not followed"),
    warning("symlink", "self", None, "not followed"),
    warning("symlink", "北村/locality.yaml", None, "not followed"),
    warning("symlink", "西村/locality.yaml", None, "not followed"),
], then: |site: &Site| {
    // A linked locality.yaml is skipped, as the warning says, not read through the link.
    let out = site.build();
    assert!(out.join("donghuzhen/index.html").is_file());
    assert!(!out.join("xicun").exists());
    assert!(!out.join("donghuzhen/beicun").exists());
});

// --- How problems are shown. (That a failed build loses nothing is in cli.rs.)

#[test]
fn text_format_names_file_line_and_column_and_points_at_the_character() {
    let site = Site::copy("fullwidth-colon");
    let run = minqing(
        &["check", "--content", "content", "--lang", "en"],
        site.dir(),
    );
    assert_eq!(run.code, Some(1));
    let expected = format!(
        "{}:2:6: error[fullwidth-punctuation]: full-width '：' in YAML structure\n  |\n2 | level： 镇\n  |      ^\n  = hint: full-width colon",
        Path::new("content").join(LOC).display()
    );
    assert!(run.stdout.contains(&expected), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("content: 1 error(s), 0 warning(s)\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_of_a_good_site_is_silent() {
    let site = Site::copy("utf8-bom");
    let run = minqing(
        &["check", "--content", "content", "--lang", "en"],
        site.dir(),
    );
    assert_eq!(run.code, Some(0));
    assert_eq!(run.stdout, "content: 0 error(s), 0 warning(s)\n");
}

// --- Metrics and phases named by their names.

case!(
    two_metrics_may_not_share_an_alias,
    "conflicting-alias",
    exit 1,
    [error(
        "duplicate-metric-name",
        "site.yaml",
        Some(4),
        "`走访户数` names two metrics: `households_visited` and `meetings_held`"
    )]
);

case!(
    one_figure_under_two_names_is_an_error_naming_both_lines,
    "metric-given-twice",
    exit 1,
    [error(
        "metric-given-twice",
        LOC,
        Some(7),
        "`households_visited` is on line 5"
    )]
);
