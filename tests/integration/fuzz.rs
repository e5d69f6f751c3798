//! Fuzzing the readers with proptest (cargo-fuzz needs a nightly toolchain).
//!
//! Properties over arbitrary text and over near-valid locality.yaml files and notes with the
//! mistakes clerks make (full-width characters, tabs, odd figures and dates, truncation): no
//! reader panics or hangs, and every diagnostic's line lies inside the text. Inputs that once
//! failed are kept in tests/fixtures/fuzz/ and replayed by `corpus_inputs_load_cleanly`.
//!
//! More cases: `PROPTEST_CASES=20000 cargo test --release --test integration fuzz`.

use minqing::content::fields::Doc;
use minqing::content::text::{Lines, Seg, decode, locate, parse_yaml, structure_problems};
use minqing::content::{SiteConfig, locality, note, site};
use minqing::diagnostics::Diagnostic;
use minqing::figure::{parse_date, parse_figure};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// A reader that takes longer than this on a few hundred bytes is stuck in a loop.
const HANG: Duration = Duration::from_secs(10);

fn config() -> Config {
    Config {
        // Failing inputs are saved by hand into tests/fixtures/fuzz/, not into proptest files.
        failure_persistence: None,
        max_shrink_time: 60_000,
        ..Config::default()
    }
}

/// Number of lines of a text as a reader counts them; a diagnostic may name one past the last
/// (the end of the file).
fn line_count(text: &str) -> usize {
    text.lines().count() + 1
}

fn check_lines(text: &str, diags: &[Diagnostic]) -> Result<(), String> {
    let max = line_count(text);
    for d in diags {
        if let Some(line) = d.line
            && !(1..=max).contains(&line)
        {
            return Err(format!(
                "line {line} outside 1..={max} in {}[{}]: {}",
                d.code,
                d.message,
                text.escape_debug()
            ));
        }
        // The quoted line is the line named.
        if let (Some(line), Some(quoted)) = (d.line, &d.source_line) {
            let actual = text.lines().nth(line - 1).map(str::trim_end);
            if actual != Some(quoted.as_str()) {
                return Err(format!(
                    "{}[{}] quotes {quoted:?} as line {line}, which is {actual:?}: {}",
                    d.code,
                    d.message,
                    text.escape_debug()
                ));
            }
        }
        if d.hint.is_none() {
            return Err(format!(
                "{}[{}] says not what to do (no hint)",
                d.code, d.message
            ));
        }
        // Rendering a diagnostic must not panic either (columns past the end, wide characters).
        let _ = d.render(minqing::i18n::Language::En);
    }
    Ok(())
}

fn site_config() -> SiteConfig {
    let text = "title: t\nphases:\n  - {key: study, name: 学习, start: 2014-02-01, end: 2014-04-30}\n  - {key: rectify, name: 整改, start: 2014-05-01, end: 2014-09-30}\n";
    let value = parse_yaml(text, Path::new("site.yaml")).unwrap();
    let mut doc = Doc::new(text, Path::new("site.yaml"));
    let site = site::parse(&value, &mut doc);
    assert!(doc.diagnostics.is_empty());
    site
}

/// What the loader does with a YAML file: structure check, parse, then the typed reader.
fn read_yaml_as(text: &str, what: &str) -> Result<(), String> {
    let display = Path::new("东湖镇/locality.yaml");
    let structural = structure_problems(text, display);
    check_lines(text, &structural)?;
    match parse_yaml(text, display) {
        Err(d) => check_lines(text, &[d]),
        Ok(value) => {
            let mut doc = Doc::new(text, display);
            if what == "site" {
                let _ = site::parse(&value, &mut doc);
            } else {
                let _ = locality::parse(&value, &mut doc, &site_config(), "东湖镇".into());
            }
            check_lines(text, &doc.diagnostics)
        }
    }
}

/// Every reader over one text: the property for all generators.
fn all_readers(text: &str) -> Result<(), String> {
    read_yaml_as(text, "locality")?;
    read_yaml_as(text, "site")?;
    let (_, diags) = note::parse(text, PathBuf::from("a.md"), Path::new("a.md"));
    check_lines(text, &diags)?;
    let paths = [
        &[Seg::Key("reports"), Seg::Index(1), Seg::Key("date")][..],
        &[Seg::Key("name")],
        &[Seg::Key("")],
        &[Seg::Index(0), Seg::Key("key")],
        &[Seg::Key("reports"), Seg::Index(0)],
        &[Seg::Key("reports"), Seg::Index(1)],
        &[Seg::Key("reports"), Seg::Index(0), Seg::Key("date")],
    ];
    for path in paths {
        if let Some((line, col)) = locate(text, path)
            && (!(1..line_count(text)).contains(&line) || col == 0)
        {
            return Err(format!("locate gave {line}:{col} for {path:?}"));
        }
    }
    // One `Lines` asked every path in turn, as a file's `Doc` asks, answers as a fresh search.
    let shared = Lines::new(text);
    for path in paths.iter().chain(paths.iter().rev()) {
        let (remembered, fresh) = (shared.locate(path), locate(text, path));
        if remembered != fresh {
            return Err(format!(
                "{path:?}: {remembered:?} remembered, {fresh:?} fresh"
            ));
        }
    }
    let _ = parse_figure(text);
    let _ = parse_date(text);
    for line in text.lines() {
        if let Some((_, value)) = line.split_once(':') {
            let _ = parse_figure(value);
            let _ = parse_date(value);
        }
    }
    Ok(())
}

/// Runs `all_readers` on another thread so that a hang fails the test instead of stalling it.
fn guarded(text: &str) -> Result<(), TestCaseError> {
    let owned = text.to_string();
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let r = all_readers(&owned);
        let _ = tx.send(r);
    });
    match rx.recv_timeout(HANG) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(TestCaseError::fail(e)),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(TestCaseError::fail(format!(
            "no answer within {HANG:?} (a loop?) on {:?}",
            text
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                Err(TestCaseError::fail(format!("panic: {msg}")))
            }
            Ok(()) => Ok(()),
        },
    }
}

// --- Generators.

/// Pieces of YAML and of what clerks type, to build texts that reach deep into the readers.
const TOKENS: &[&str] = &[
    "name",
    "level",
    "slug",
    "extra",
    "reports",
    "date",
    "phase",
    "note",
    "title",
    "tags",
    "opinions_collected",
    "rectifications_planned",
    "rectifications_completed",
    "phases",
    "metrics",
    "key",
    "at_most",
    "study",
    ":",
    ": ",
    "：",
    "-",
    "- ",
    "－",
    ",",
    "，",
    "[",
    "]",
    "［",
    "］",
    "{",
    "}",
    "｛",
    "｝",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "  ",
    "    ",
    "#",
    "'",
    "\"",
    "---",
    "---\n",
    "~",
    "?",
    "&a",
    "*a",
    "!!str",
    "|",
    ">",
    "57",
    "1.3万余",
    "10.9万",
    "2.5亿",
    "20800多",
    "１２３",
    "-5",
    "0",
    "99999999999999999999",
    "1e9",
    ".5",
    "2014-09-10",
    "2014年4月9日",
    "2014-02-30",
    "２０１４－０９－１０",
    "2014/9/1",
    "东湖镇",
    "镇",
    "　",
    "\u{feff}",
    "\0",
    "\u{85}",
    "\u{2028}",
    "é",
    "😀",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|v| v.concat())
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (1890i32..2300, 0i32..14, 0i32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (2013i32..2016, 1i32..13, 1i32..32).prop_map(|(y, m, d)| format!("{y}年{m}月{d}日")),
        (2013i32..2016, 1i32..13, 1i32..32)
            .prop_map(|(y, m, d)| fullwidth(&format!("{y}-{m:02}-{d:02}"))),
        "[0-9０-９年月日/.－-]{0,14}",
    ]
}

fn figure_text() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (0u64..100_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        (0u64..1_000_000).prop_map(|n| fullwidth(&n.to_string())),
        "[0-9０-９.．,，_ -]{0,12}",
    ];
    let unit = prop::sample::select(&["", "", "万", "亿", "萬", "億"][..]);
    let approx = prop::sample::select(&["", "", "余", "多", "以上", "+", "＋", "餘"][..]);
    (number, unit, approx).prop_map(|(n, u, a)| format!("{n}{u}{a}"))
}

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            '-' => '－',
            _ => c,
        })
        .collect()
}

const METRICS: &[&str] = &[
    "opinions_collected",
    "opinons_collected",
    "rectifications_planned",
    "rectifications_completed",
    "households_visited",
];

fn report() -> impl Strategy<Value = String> {
    (
        date_text(),
        prop::option::of(prop::sample::select(
            &["study", "rectify", "studdy", ""][..],
        )),
        prop::collection::vec((prop::sample::select(METRICS), figure_text()), 0..4),
        any::<bool>(),
    )
        .prop_map(|(date, phase, figures, flow)| {
            if flow {
                let mut items = vec![format!("date: {date}")];
                items.extend(figures.iter().map(|(k, v)| format!("{k}: {v}")));
                return format!("  - {{{}}}\n", items.join(", "));
            }
            let mut s = format!("  - date: {date}\n");
            if let Some(p) = phase {
                s.push_str(&format!("    phase: {p}\n"));
            }
            for (k, v) in figures {
                s.push_str(&format!("    {k}: {v}\n"));
            }
            s
        })
}

fn locality_yaml() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["东湖镇", "泉港区", "", "\"引号\"", "[a, b]"][..]),
        prop::option::of(prop::sample::select(&["镇", "区", "村"][..])),
        prop::option::of("[a-z0-9-]{0,8}|东湖"),
        any::<bool>(),
        prop::collection::vec(report(), 0..5),
    )
        .prop_map(|(name, level, slug, extra, reports)| {
            let mut s = format!("name: {name}\n");
            if let Some(l) = level {
                s.push_str(&format!("level: {l}\n"));
            }
            if let Some(sl) = slug {
                s.push_str(&format!("slug: {sl}\n"));
            }
            if extra {
                s.push_str("extra: {书记: 王某, 电话: 123}\n");
            }
            if !reports.is_empty() {
                s.push_str("reports:\n");
                s.push_str(&reports.concat());
            }
            s
        })
}

fn note_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["座谈会", "", "[未完", "\"标题\""][..]),
        prop::option::of(date_text()),
        prop::sample::select(&["[会议, 督导]", "[会议，督导]", "会议，督导", "", "{a: b}"][..]),
        prop::sample::select(&["---\n", "---\r\n", "", "----\n", "--- \n"][..]),
    )
        .prop_map(|(title, date, tags, close)| {
            let mut s = format!("---\ntitle: {title}\n");
            if let Some(d) = date {
                s.push_str(&format!("date: {d}\n"));
            }
            s.push_str(&format!("tags: {tags}\n{close}正文\n"));
            s
        })
}

/// A mistake applied at a character position of a near-valid text.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Replace(usize, &'static str),
    Delete(usize, usize),
    Truncate(usize),
    /// Every occurrence of one ASCII character becomes its full-width form.
    Widen(char),
    /// Indentation becomes a tab on one line.
    TabIndent(usize),
    CrLf,
    Bom,
}

fn edit() -> impl Strategy<Value = Edit> {
    let pos = 0usize..400;
    let piece = prop::sample::select(TOKENS);
    prop_oneof![
        (pos.clone(), piece.clone()).prop_map(|(p, t)| Edit::Insert(p, t)),
        (pos.clone(), piece).prop_map(|(p, t)| Edit::Replace(p, t)),
        (pos.clone(), 1usize..20).prop_map(|(p, n)| Edit::Delete(p, n)),
        pos.clone().prop_map(Edit::Truncate),
        prop::sample::select(&[':', ',', '[', ']', '{', '}', '-', ' ', '1', '.'][..])
            .prop_map(Edit::Widen),
        (0usize..30).prop_map(Edit::TabIndent),
        Just(Edit::CrLf),
        Just(Edit::Bom),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let at = |p: usize, len: usize| if len == 0 { 0 } else { p % (len + 1) };
        match e {
            Edit::Insert(p, t) => {
                let i = at(*p, chars.len());
                chars.splice(i..i, t.chars());
            }
            Edit::Replace(p, t) => {
                if !chars.is_empty() {
                    let i = p % chars.len();
                    chars.splice(i..i + 1, t.chars());
                }
            }
            Edit::Delete(p, n) => {
                let i = at(*p, chars.len());
                let end = (i + n).min(chars.len());
                chars.drain(i..end);
            }
            Edit::Truncate(p) => chars.truncate(at(*p, chars.len())),
            Edit::Widen(c) => {
                let wide = match c {
                    ' ' => '　',
                    c => char::from_u32(*c as u32 - 0x21 + 0xFF01).unwrap(),
                };
                for x in chars.iter_mut().filter(|x| **x == *c) {
                    *x = wide;
                }
            }
            Edit::TabIndent(n) => {
                let s: String = chars.iter().collect();
                let lines: Vec<&str> = s.split('\n').collect();
                let k = n % lines.len();
                let out: Vec<String> = lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        if i == k {
                            format!("\t{}", l.trim_start_matches(' '))
                        } else {
                            l.to_string()
                        }
                    })
                    .collect();
                chars = out.join("\n").chars().collect();
            }
            Edit::CrLf => {
                let s: String = chars.iter().collect();
                chars = s.replace('\n', "\r\n").chars().collect();
            }
            Edit::Bom => chars.insert(0, '\u{feff}'),
        }
    }
    chars.into_iter().collect()
}

fn near_valid_locality() -> impl Strategy<Value = String> {
    (locality_yaml(), prop::collection::vec(edit(), 0..4)).prop_map(|(t, e)| apply(&t, &e))
}

fn near_valid_note() -> impl Strategy<Value = String> {
    (note_text(), prop::collection::vec(edit(), 0..4)).prop_map(|(t, e)| apply(&t, &e))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_arbitrary_text(text in any::<String>()) {
        guarded(&text)?;
    }

    #[test]
    fn fuzz_token_soup(text in token_soup()) {
        guarded(&text)?;
    }

    #[test]
    fn fuzz_near_valid_locality(text in near_valid_locality()) {
        guarded(&text)?;
    }

    #[test]
    fn fuzz_near_valid_note(text in near_valid_note()) {
        guarded(&text)?;
    }

    #[test]
    fn fuzz_figures_and_dates(figure in figure_text(), date in date_text()) {
        if let Ok(f) = parse_figure(&figure) {
            // Whatever is accepted is a whole count that fits.
            prop_assert!(f.figure.value.checked_abs().is_some() || f.figure.value == i64::MIN);
        }
        if let Ok(d) = parse_date(&date) {
            prop_assert!((1900..=2200).contains(&d.date.year()));
        }
        guarded(&format!("name: x\nreports:\n  - date: {date}\n    opinions_collected: {figure}\n"))?;
    }

    #[test]
    fn fuzz_decoding(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match decode(&bytes, Path::new("a.yaml")) {
            Ok((text, _)) => guarded(&text)?,
            Err(d) => prop_assert!(d.is_error()),
        }
    }
}

/// The whole loader and the model over a content folder with a fuzzed locality, a fuzzed note and
/// a fuzzed child locality, written in UTF-8 or GBK: no panic, and every line is in its file.
fn load_folder(locality: &str, child: &str, note: &str, gbk: bool) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("content");
    let files = [
        (
            "site.yaml",
            "title: t\nphases:\n  - {key: study, name: 学习, start: 2014-02-01, end: 2014-04-30}\n",
        ),
        ("东湖镇/locality.yaml", locality),
        ("东湖镇/西村/locality.yaml", child),
        ("东湖镇/2014-04-10-座谈会.md", note),
    ];
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let bytes = if gbk {
            encoding_rs::GBK.encode(text).0.into_owned()
        } else {
            text.as_bytes().to_vec()
        };
        std::fs::write(&path, bytes).unwrap();
    }
    let (content, mut diags) =
        minqing::content::load(&root).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let _model = minqing::model::build(content, minqing::model::Reports::Keep, &mut diags);
    for d in diags.iter() {
        if !files.iter().any(|(rel, _)| d.path.ends_with(rel)) {
            continue;
        }
        // The text as the loader read it (GBK cannot hold every character; a BOM is dropped).
        let Ok((text, _)) = decode(&std::fs::read(&d.path).unwrap(), &d.path) else {
            continue;
        };
        check_lines(&text, std::slice::from_ref(d)).map_err(TestCaseError::fail)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: config().cases.div_ceil(8), ..config() })]

    #[test]
    fn fuzz_content_folder(
        locality in near_valid_locality(),
        child in near_valid_locality(),
        note in near_valid_note(),
        gbk in any::<bool>(),
    ) {
        load_folder(&locality, &child, &note, gbk)?;
    }
}

/// Replays every input that ever failed (tests/fixtures/fuzz/, one file each) through the
/// decoder and every reader.
#[test]
fn corpus_inputs_load_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "README.md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        count += 1;
        let text = match decode(&bytes, &path) {
            Ok((text, _)) => text,
            Err(_) => continue,
        };
        if let Err(e) = guarded(&text) {
            panic!("{}: {e}", path.display());
        }
    }
    assert!(count > 0, "the corpus in {} is empty", dir.display());
}
