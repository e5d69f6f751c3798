//! Spreadsheets in a locality folder: a township's sheet of its villages' figures, in each
//! format an office saves (xlsx, xls, ods, CSV in GBK), builds the same site as the same
//! figures written in locality.yaml; a bad sheet is named by file, sheet and cell.
//!
//! The sheets are made by `scripts/make-sheet-fixtures` (a title row, a two-row header with
//! merged cells, units in brackets, 序号, numbers as text, a blank row, a 合计 row, a note).

use crate::support::{build_content, fixture, fixture_copy, minqing};
use minqing::i18n::Language;
use serde_json::Value;
use std::path::{Path, PathBuf};

const TOWN: &str = "仙都县/仙都镇";

/// A copy of the bare `sheets` fixture (names only) with `file` from its `files/` put into the
/// township's folder.
fn with_sheet(file: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = fixture_copy("sheets");
    let from = fixture("sheets").parent().unwrap().join("files").join(file);
    std::fs::copy(from, content.join(TOWN).join(file)).unwrap();
    (tmp, content)
}

#[test]
fn every_format_builds_the_same_site_as_the_same_figures_in_yaml() {
    let yaml = build_content(&fixture("sheets-yaml"));
    let expected = yaml.files();
    let town = "xiandouxian/xiandouzhen/index.html";
    assert!(
        yaml.read(town).contains("14,000余"),
        "the twin shows its figures"
    );
    // Without a sheet the township has no figures: the comparison below can fail.
    let (_bare_tmp, bare) = fixture_copy("sheets");
    assert_ne!(build_content(&bare).files()[town], expected[town]);
    for file in ["汇总表.xlsx", "汇总表.xls", "汇总表.ods", "汇总表.csv"] {
        let (_tmp, content) = with_sheet(file);
        let built = build_content(&content);
        assert!(
            built.summary.diagnostics.is_empty(),
            "{file}:\n{}",
            built.summary.diagnostics.render(Language::En)
        );
        let files = built.files();
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "{file}"
        );
        for (path, bytes) in &expected {
            assert!(
                files[path] == *bytes,
                "{file}: {path} differs from the YAML twin's"
            );
        }
    }
}

/// `check --format json` of `content` in `lang`.
fn check(content: &Path, lang: &str) -> Vec<Value> {
    let run = minqing(
        &[
            "check",
            "--content",
            content.to_str().unwrap(),
            "--format",
            "json",
            "--lang",
            lang,
        ],
        content.parent().unwrap(),
    );
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// (code, file name, sheet, cell, message) of each diagnostic.
fn places(diags: &[Value]) -> Vec<(String, String, String, String, String)> {
    diags
        .iter()
        .map(|d| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
            let file = Path::new(d["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                s(&d["code"]),
                file,
                s(&d["cell"]["sheet"]),
                s(&d["cell"]["ref"]),
                s(&d["message"]),
            )
        })
        .collect()
}

fn at(code: &str, cell: &str, message: &str) -> (String, String, String, String, String) {
    (
        code.into(),
        "有错的汇总表.xlsx".into(),
        "第1页".into(),
        cell.into(),
        message.into(),
    )
}

#[test]
fn a_bad_sheet_is_named_by_file_sheet_and_cell_in_the_readers_language() {
    let (_tmp, content) = with_sheet("有错的汇总表.xlsx");
    assert_eq!(
        places(&check(&content, "zh-CN")),
        [
            at(
                "sheet-columns-not-read",
                "G2",
                "以下几列不是站点的指标，没有读取：党员人数（G）"
            ),
            at("bad-figure", "B3", "`12a` 不是数字"),
            at(
                "exceeds-limit",
                "E4",
                "`完成整改`（9）超过了 `整改事项`（5）"
            ),
            at("unknown-locality", "A5", "这个文件夹下没有叫“西村”的地区"),
            at(
                "total-mismatch",
                "C6",
                "征求意见建议的合计 C6 为 60，但 C3:C4 各行相加为 55"
            ),
        ]
    );
    let en = places(&check(&content, "en"));
    assert_eq!(en[1], at("bad-figure", "B3", "`12a` is not a figure"));
    assert_eq!(
        en[3],
        at(
            "unknown-locality",
            "A5",
            "there is no locality called “西村” below this folder"
        )
    );
    // The text form names the cell as Excel does.
    let run = minqing(
        &[
            "check",
            "--content",
            content.to_str().unwrap(),
            "--lang",
            "zh-CN",
        ],
        content.parent().unwrap(),
    );
    assert_eq!(run.code, Some(1));
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(
        said.contains("有错的汇总表.xlsx: 第1页!B3: error[bad-figure]: `12a` 不是数字"),
        "{said}"
    );
}

#[test]
fn a_figure_in_a_sheet_and_in_locality_yaml_is_an_error_naming_both() {
    let (_tmp, content) = with_sheet("汇总表.xlsx");
    let village = "仙都县/仙都镇/上村/locality.yaml";
    std::fs::copy(fixture("sheets-yaml").join(village), content.join(village)).unwrap();
    let diags = check(&content, "zh-CN");
    let twice: Vec<_> = diags
        .iter()
        .filter(|d| d["code"] == "figure-given-twice")
        .collect();
    // 上村 gives two figures on 07-02 and four on 09-10 in both places.
    assert_eq!(twice.len(), 6, "{diags:#?}");
    let first = twice
        .iter()
        .find(|d| d["cell"]["sheet"] == "9月10日" && d["cell"]["ref"] == "D5")
        .expect("the sheet's cell is named");
    let message = first["message"].as_str().unwrap();
    assert!(
        message.starts_with("上村 2014-09-10 的“走访群众”已经在 ")
            && message.ends_with("上村/locality.yaml:8 填写过"),
        "{message}"
    );
}

#[test]
fn a_saved_sheet_is_picked_up_by_watch() {
    let (tmp, content) = fixture_copy("sheets");
    let out = tmp.path().join("public");
    let (mut site, first) = minqing::live::LiveSite::open(&content, &out).unwrap();
    assert!(first.published);
    let town = out.join("xiandouxian/xiandouzhen/index.html");
    assert!(!std::fs::read_to_string(&town).unwrap().contains("14,000余"));
    let sheet = content.join(TOWN).join("汇总表.xlsx");
    let from = fixture("sheets")
        .parent()
        .unwrap()
        .join("files/汇总表.xlsx");
    std::fs::copy(from, &sheet).unwrap();
    // Excel keeps a lock file beside the workbook it has open: neither read nor published.
    let lock = content.join(TOWN).join("~$汇总表.xlsx");
    std::fs::write(&lock, b"\x0bUser  ").unwrap();
    let o = site.apply(&[sheet.clone(), lock]).unwrap();
    assert!(
        o.diagnostics.is_empty(),
        "{}",
        o.diagnostics.render(Language::En)
    );
    assert!(
        !o.written.iter().any(|w| w.contains('~')),
        "{:?}",
        o.written
    );
    assert!(o.published, "{}", o.diagnostics.render(Language::En));
    assert!(std::fs::read_to_string(&town).unwrap().contains("14,000余"));
    // An edit of a village whose figures come from the sheet keeps them.
    let village = content.join(TOWN).join("上村/locality.yaml");
    std::fs::write(&village, "name: 上村\nlevel: 村\nextra: {村支书: 张三}\n").unwrap();
    let o = site.apply(std::slice::from_ref(&village)).unwrap();
    assert!(o.published);
    let page =
        std::fs::read_to_string(out.join("xiandouxian/xiandouzhen/shangcun/index.html")).unwrap();
    assert!(page.contains("张三") && page.contains("120"), "{page}");
}

/// Fills cells of a workbook's first sheet as a spreadsheet program saves them: each `(cell,
/// value)` replaces the template's empty, formatted cell with a number.
fn fill(xlsx: &[u8], values: &[(&str, i64)]) -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::from_utf8(bytes).unwrap();
            for (cell, value) in values {
                let empty = format!("<c r=\"{cell}\" s=\"5\"/>");
                assert!(xml.contains(&empty), "{cell} is an empty figure cell");
                xml = xml.replace(
                    &empty,
                    &format!("<c r=\"{cell}\" s=\"5\"><v>{value}</v></c>"),
                );
            }
            bytes = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_template_filled_in_and_saved_into_the_folder_is_read_as_it_is() {
    let (tmp, content) = fixture_copy("sheets");
    let town = content.join(TOWN);
    let written = tmp.path().join("填报表.xlsx");
    let run = minqing(
        &[
            "template",
            town.to_str().unwrap(),
            "--date",
            "2014-09-10",
            "--out",
            written.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("（4 行）"), "{}", run.stdout);
    // Saved into the folder as it is, the empty template reports nothing and says nothing.
    let blank = std::fs::read(&written).unwrap();
    std::fs::write(town.join("填报表.xlsx"), &blank).unwrap();
    assert!(check(&content, "zh-CN").is_empty());
    // Rows: 仙都镇（本级）, 上村, 下村, 东坑村; columns C–F: 走访群众, 征求意见建议, 整改事项,
    // 完成整改.
    let filled = fill(
        &blank,
        &[
            ("C3", 300),
            ("E3", 16),
            ("F3", 12),
            ("C4", 120),
            ("D4", 35),
            ("C5", 95),
            ("C6", 60),
            ("F6", 1),
            ("E6", 3),
        ],
    );
    std::fs::write(town.join("填报表.xlsx"), filled).unwrap();
    let built = build_content(&content);
    assert!(
        built.summary.diagnostics.is_empty(),
        "{}",
        built.summary.diagnostics.render(Language::En)
    );
    let data = built.json("data/localities.json");
    let latest = |path: &str, key: &str| {
        let l = data
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["path"] == path)
            .unwrap();
        let last = l["series"].as_array().unwrap().last().unwrap();
        (last["date"].clone(), last["values"][key]["value"].clone())
    };
    let day = Value::from("2014-09-10");
    assert_eq!(
        latest("xiandouxian/xiandouzhen", "households_visited"),
        (day.clone(), 300.into())
    );
    assert_eq!(
        latest("xiandouxian/xiandouzhen/shangcun", "opinions_collected"),
        (day.clone(), 35.into())
    );
    assert_eq!(
        latest(
            "xiandouxian/xiandouzhen/dongkengcun",
            "rectifications_completed"
        ),
        (day.clone(), 1.into())
    );
    // The county adds up its township's own figure.
    assert_eq!(
        latest("xiandouxian", "households_visited"),
        (day, 300.into())
    );
}

#[test]
fn the_data_downloads_include_a_workbook_with_the_csvs_figures() {
    let built = build_content(&fixture("sheets-yaml"));
    let bytes = std::fs::read(built.out.join("data/localities.xlsx")).unwrap();
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("各地最新数据").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        &header[..6],
        [
            "路径",
            "名称",
            "层级",
            "上级路径",
            "截至日期",
            "走访群众（户）"
        ]
    );
    let town = range
        .rows()
        .find(|r| r[0] == "xiandouxian/xiandouzhen")
        .unwrap();
    assert_eq!(town[5], calamine::Data::Float(300.0));
    assert!(built.read("index.html").contains("data/localities.xlsx"));
}

#[test]
fn a_sheets_warning_is_on_the_quality_page_at_its_cell() {
    let (_tmp, content) = fixture_copy("sheets");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("第1页").unwrap();
    let rows: [[&str; 3]; 4] = [
        ["村", "截至日期", "走访群众"],
        ["上村", "2014-09-10", "120"],
        ["下村", "2014-09-10", "95"],
        ["合计", "", "200"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save(content.join(TOWN).join("核对.xlsx")).unwrap();
    let built = build_content(&content);
    assert_eq!(built.summary.diagnostics.warnings(), 1);
    let quality = built.read("quality.html");
    assert!(
        quality.contains("<code>仙都县/仙都镇/核对.xlsx: 第1页!C4</code>"),
        "{quality}"
    );
    assert!(quality.contains("走访群众的合计 C4 为 200，但 C2:C3 各行相加为 215"));
    assert!(!quality.contains("未发现数据问题"));
}
