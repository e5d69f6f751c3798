//! Spreadsheets in a locality folder (`.xlsx`, `.xls`, `.ods`, `.csv`): reports of that locality
//! and of the localities below it, one row per locality per date.
//!
//! The files are read with calamine (workbooks) and the csv crate (CSV, decoded as the YAML
//! files are: UTF-8 with or without BOM, GBK/GB18030, and UTF-16 as Excel's "Unicode text"
//! writes it). What is written here is the product itself: finding the header in a sheet as an
//! office makes it — a title row and notes above it, merged and two-row headers, units in
//! brackets, a 序号 column —, naming the localities of its rows, checking a 合计 row against
//! the rows it totals, and placing every problem at its cell (`第1页!D5`).
//!
//! The rows are merged into the localities' reports by [`merge`], which also applies the rules
//! that need more than one row (a figure given in two places, decreasing figures, limits).

use super::locality::{LocalitySource, ReportSource, SheetCell};
use super::site::{SiteConfig, name_form};
use crate::diagnostics::{Cell, Diagnostic};
use crate::figure::{self, Figure, FigureError};
use crate::l10n::Msg;
use calamine::{Data, Reader as _, SheetType, SheetVisible, Sheets};
use jiff::civil::Date;
use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

/// The extensions read as sheets (compared in lower case).
pub const EXTENSIONS: &[&str] = &["xlsx", "xls", "ods", "csv"];

/// Whether a file of a locality folder is read as a sheet. Excel's and WPS's lock files
/// (`~$汇总表.xlsx`), which exist while the workbook is open, are not.
pub fn is_sheet(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    EXTENSIONS.contains(&ext.as_str()) && !name.starts_with("~$")
}

/// Headers of the column that names the locality (compared in [`header_form`]).
const LOCALITY_HEADERS: &[&str] = &[
    "地区",
    "地區",
    "单位",
    "單位",
    "名称",
    "名稱",
    "地方",
    "区域",
    "區域",
    "地区名称",
    "单位名称",
    "乡镇",
    "鄉鎮",
    "镇",
    "鎮",
    "街道",
    "乡镇街道",
    "村",
    "社区",
    "社區",
    "村居",
    "村社区",
    "县区",
    "縣區",
    "县市区",
    "区县",
    "市",
    "市州",
    "locality",
    "name",
    "place",
];

/// Headers of the date column.
const DATE_HEADERS: &[&str] = &[
    "日期",
    "截至日期",
    "截止日期",
    "统计日期",
    "統計日期",
    "报送日期",
    "報送日期",
    "填报日期",
    "填報日期",
    "时间",
    "時間",
    "截至时间",
    "截止时间",
    "截至",
    "date",
    "asof",
];

/// Headers of columns that are not read and need no word about it.
const QUIET_HEADERS: &[&str] = &[
    "序号", "序號", "序", "编号", "編號", "备注", "備註", "说明", "說明", "附注", "no", "no.",
];

/// A row naming one of these (or ending in one, 全镇合计) totals the rows above it.
const TOTAL_WORDS: &[&str] = &[
    "合计", "合計", "总计", "總計", "小计", "小計", "汇总", "匯總",
];

/// Words for the folder's own locality in the locality column.
const OWN_WORDS: &[&str] = &["本级", "本級", "."];

/// The header is looked for in this many rows from the top.
const HEADER_SEARCH: usize = 30;

/// One row of a sheet: a locality's figures at a date.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// The locality's index in the content's list.
    pub locality: usize,
    pub date: Date,
    /// Indexed like the site's metrics.
    pub values: Vec<Option<Figure>>,
    /// The cell of each figure.
    pub cells: Vec<Option<Cell>>,
    /// Where the date was read (the row's date cell, or the title's).
    pub date_cell: Cell,
    /// The sheet's file, relative to the content folder's parent as messages name it.
    pub file: Arc<Path>,
}

/// One cell's value, as the sheet holds it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    Date(Date),
    /// An Excel error (`#DIV/0!`), a truth value or a duration: never a figure or a name.
    Other(String),
}

impl Value {
    fn from_data(d: &Data) -> Value {
        match d {
            Data::Empty => Value::Empty,
            Data::String(s) if s.trim().is_empty() => Value::Empty,
            Data::String(s) => Value::Text(s.clone()),
            Data::Int(i) => Value::Int(*i),
            Data::Float(f) => Value::Float(*f),
            Data::DateTime(dt) if dt.is_datetime() => {
                let (y, m, day, ..) = dt.to_ymd_hms_milli();
                Date::new(y as i16, m as i8, day as i8)
                    .map(Value::Date)
                    .unwrap_or_else(|_| Value::Other(dt.as_f64().to_string()))
            }
            Data::DateTime(dt) => Value::Other(dt.as_f64().to_string()),
            Data::DateTimeIso(s) => s
                .get(..10)
                .and_then(|d| d.parse::<Date>().ok())
                .map(Value::Date)
                .unwrap_or_else(|| Value::Text(s.clone())),
            Data::DurationIso(s) => Value::Other(s.clone()),
            Data::Bool(b) => Value::Other(if *b { "TRUE" } else { "FALSE" }.into()),
            Data::Error(e) => Value::Other(e.to_string()),
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s.trim()),
            _ => None,
        }
    }

    /// The value as a person sees it in the cell (for messages).
    fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) | Value::Other(s) => s.trim().to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Date(d) => d.to_string(),
        }
    }
}

/// One sheet of a workbook (or a whole CSV file): its cells from A1, and its merged regions.
struct Grid {
    sheet: Option<String>,
    rows: Vec<Vec<Value>>,
    /// (first row, first column, last row, last column) of each merged region.
    merges: Vec<(u32, u32, u32, u32)>,
}

const EMPTY: Value = Value::Empty;

impl Grid {
    fn get(&self, r: usize, c: usize) -> &Value {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .unwrap_or(&EMPTY)
    }

    /// The value shown at a cell of the header: a merged region shows its first cell's.
    fn shown_at(&self, r: usize, c: usize) -> &Value {
        let (r32, c32) = (r as u32, c as u32);
        match self
            .merges
            .iter()
            .find(|(r0, c0, r1, c1)| *r0 <= r32 && r32 <= *r1 && *c0 <= c32 && c32 <= *c1)
        {
            Some((r0, c0, ..)) => self.get(*r0 as usize, *c0 as usize),
            None => self.get(r, c),
        }
    }

    fn cell(&self, r: usize, c: usize) -> Cell {
        Cell {
            sheet: self.sheet.clone(),
            row: r as u32,
            col: c as u32,
        }
    }

    fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Reads the sheet file at `root/rel` as reports of `owner` and the localities below it.
pub fn read(
    root: &Path,
    rel: &Path,
    owner: usize,
    localities: &[LocalitySource],
    below: &Below,
    site: &SiteConfig,
) -> (Vec<SheetRow>, Vec<Diagnostic>) {
    let path = root.join(rel);
    let file: Arc<Path> = Arc::from(path.as_path());
    let grids = match grids(&path) {
        Ok(g) => g,
        Err(d) => return (Vec::new(), vec![d]),
    };
    let places = Places::new(owner, localities, below);
    let mut rows = Vec::new();
    let mut diags = Vec::new();
    let mut read_any = false;
    let mut first_problem = None;
    for grid in &grids {
        match Layout::find(grid, site, &places) {
            Ok(layout) => {
                read_any = true;
                let mut sheet = SheetReader {
                    grid,
                    layout: &layout,
                    site,
                    places: &places,
                    file: &file,
                    diags: &mut diags,
                };
                rows.extend(sheet.rows());
            }
            Err(problem) => {
                first_problem.get_or_insert(problem);
            }
        }
    }
    // A workbook may hold other sheets (the template's rules, a chart's data): only a file in
    // which no sheet could be read is a problem.
    if !read_any {
        let problem = first_problem.unwrap_or(Missing::Header);
        diags.push(problem.diagnostic(&path, site));
    }
    (rows, diags)
}

/// Why no sheet of a file could be read.
enum Missing {
    /// No row names a metric.
    Header,
    LocalityColumn(Cell),
    Date(Cell),
}

impl Missing {
    fn diagnostic(self, path: &Path, site: &SiteConfig) -> Diagnostic {
        let names: Vec<&str> = site.metrics.iter().map(|m| m.name.as_str()).collect();
        match self {
            Missing::Header => {
                Diagnostic::error("sheet-no-header", path, Msg::new("sheet-no-header"))
                    .with_hint(Msg::new("sheet-no-header-hint").arg("names", names.join("、")))
            }
            Missing::LocalityColumn(cell) => Diagnostic::error(
                "sheet-no-locality-column",
                path,
                Msg::new("sheet-no-locality-column"),
            )
            .at_cell(cell)
            .with_hint(Msg::new("sheet-no-locality-column-hint")),
            Missing::Date(cell) => {
                Diagnostic::error("sheet-no-date", path, Msg::new("sheet-no-date"))
                    .at_cell(cell)
                    .with_hint(Msg::new("sheet-no-date-hint"))
            }
        }
    }
}

/// The sheets of the file at `path`, each as a grid of values.
fn grids(path: &Path) -> Result<Vec<Grid>, Diagnostic> {
    let bytes = super::read_bytes(path)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        return csv_grid(&bytes, path).map(|g| vec![g]);
    }
    workbook_grids(bytes).map_err(|error| {
        Diagnostic::error(
            "unreadable-sheet",
            path,
            Msg::new("unreadable-sheet").arg("error", error),
        )
        .with_hint(Msg::new("unreadable-sheet-hint"))
    })
}

/// Every visible worksheet of a workbook (xlsx, xls, ods), with its merged regions.
fn workbook_grids(bytes: Vec<u8>) -> Result<Vec<Grid>, String> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut grids = Vec::with_capacity(names.len());
    for name in names {
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let merges = match &mut book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            // ODS and XLSB merges are not given by calamine: their covered cells read empty,
            // which the header's fill from the left and the rows' carry from above stand in for.
            _ => Vec::new(),
        };
        let mut rows: Vec<Vec<Value>> = Vec::new();
        if let (Some((r0, c0)), Some(_)) = (range.start(), range.end()) {
            for (i, row) in range.rows().enumerate() {
                let r = r0 as usize + i;
                if rows.len() <= r {
                    rows.resize_with(r + 1, Vec::new);
                }
                let mut values = vec![Value::Empty; c0 as usize];
                values.extend(row.iter().map(Value::from_data));
                while values.last() == Some(&Value::Empty) {
                    values.pop();
                }
                rows[r] = values;
            }
        }
        grids.push(Grid {
            sheet: Some(name),
            rows,
            merges: merges
                .iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect(),
        });
    }
    Ok(grids)
}

/// A CSV file as one grid: decoded as the YAML files are (no warning for GBK, which is what
/// Excel on a Chinese PC saves), split on the separator its first lines use.
fn csv_grid(bytes: &[u8], path: &Path) -> Result<Grid, Diagnostic> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        encoding_rs::UTF_16LE
            .decode_without_bom_handling(rest)
            .0
            .into_owned()
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        encoding_rs::UTF_16BE
            .decode_without_bom_handling(rest)
            .0
            .into_owned()
    } else {
        super::text::decode(bytes, path)?.0
    };
    let sample: Vec<&str> = text.lines().take(10).collect();
    let count = |sep: char| sample.iter().map(|l| l.matches(sep).count()).sum::<usize>();
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|b| (count(*b as char), *b == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            Diagnostic::error(
                "unreadable-sheet",
                path,
                Msg::new("unreadable-sheet").arg("error", e.to_string()),
            )
            .with_hint(Msg::new("unreadable-sheet-hint"))
        })?;
        rows.push(
            record
                .iter()
                .map(|f| match f.trim() {
                    "" => Value::Empty,
                    t => Value::Text(t.to_string()),
                })
                .collect(),
        );
    }
    Ok(Grid {
        sheet: None,
        rows,
        merges: Vec::new(),
    })
}

/// A header as it is compared: without line breaks, spaces and a unit in brackets
/// (`走访群众（户）`, `村（社区）`), in [`name_form`].
fn header_form(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    name_form(out.trim_end_matches(['：', ':', '*']))
}

/// The descendants of each locality, by the parent index the loader set.
pub struct Below {
    children: Vec<Vec<usize>>,
}

impl Below {
    pub fn new(localities: &[LocalitySource]) -> Below {
        let mut children = vec![Vec::new(); localities.len()];
        for (i, l) in localities.iter().enumerate() {
            if let Some(p) = l.parent {
                children[p].push(i);
            }
        }
        Below { children }
    }
}

/// The localities a sheet in `owner`'s folder may name, by folder name and by `name`.
struct Places<'a> {
    owner: usize,
    localities: &'a [LocalitySource],
    /// A word in [`name_form`] → the localities it names, nearest first (depth below the owner).
    words: HashMap<String, Vec<(usize, usize)>>,
    /// The owner's own words.
    own: Vec<String>,
    /// The names of the localities right below the owner, for hints.
    children: Vec<&'a str>,
}

impl<'a> Places<'a> {
    fn new(owner: usize, localities: &'a [LocalitySource], below: &Below) -> Places<'a> {
        let mut words: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut queue = vec![(owner, 0usize)];
        while let Some((l, depth)) = queue.pop() {
            for &c in &below.children[l] {
                for w in names_of(&localities[c]) {
                    let list = words.entry(w).or_default();
                    if !list.iter().any(|(i, _)| *i == c) {
                        list.push((c, depth + 1));
                    }
                }
                queue.push((c, depth + 1));
            }
        }
        for list in words.values_mut() {
            list.sort_by_key(|(i, d)| (*d, *i));
        }
        let mut own: Vec<String> = OWN_WORDS.iter().map(|w| name_form(w)).collect();
        own.extend(names_of(&localities[owner]));
        let children = below.children[owner]
            .iter()
            .map(|&c| localities[c].name.as_str())
            .collect();
        Places {
            owner,
            localities,
            words,
            own,
            children,
        }
    }

    /// The locality `written` names.
    fn find(&self, written: &str) -> Result<usize, Msg> {
        let form = header_form(written);
        if self.own.contains(&form) {
            return Ok(self.owner);
        }
        match self.words.get(&form).map(Vec::as_slice) {
            Some([(only, _)]) => Ok(*only),
            Some([(first, d1), (_, d2), ..]) if d1 < d2 => Ok(*first),
            Some(several) => {
                let depth = several[0].1;
                let paths: Vec<String> = several
                    .iter()
                    .filter(|(_, d)| *d == depth)
                    .map(|(i, _)| {
                        crate::paths::slash_relative(Path::new(""), &self.localities[*i].dir)
                    })
                    .collect();
                Err(Msg::new("ambiguous-locality")
                    .arg("name", written)
                    .arg("paths", paths.join("、")))
            }
            None => Err(Msg::new("unknown-locality").arg("name", written)),
        }
    }

    fn knows(&self, written: &str) -> bool {
        let form = header_form(written);
        self.own.contains(&form) || self.words.contains_key(&form)
    }

    fn unknown_hint(&self, written: &str) -> Msg {
        // Village names are two or three characters and share 村: only a near match (or the
        // same characters reordered) is worth suggesting over the whole list.
        let near = super::fields::suggest(written, &self.children).filter(|s| {
            super::fields::same_letters(s, written)
                || strsim::damerau_levenshtein(written, s) * 3 <= s.chars().count()
        });
        match near {
            Some(s) => Msg::new("did-you-mean").arg("key", s),
            None if self.children.is_empty() => Msg::new("unknown-locality-leaf-hint")
                .arg("name", &self.localities[self.owner].name),
            None => Msg::new("unknown-locality-hint").arg(
                "names",
                self.children
                    .iter()
                    .take(12)
                    .copied()
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
        }
    }
}

/// The words a row may name a locality by: its folder's name and its `name`.
fn names_of(l: &LocalitySource) -> Vec<String> {
    let mut words = vec![name_form(&l.name)];
    if let Some(folder) = l.dir.file_name() {
        let folder = name_form(&folder.to_string_lossy());
        if !words.contains(&folder) {
            words.push(folder);
        }
    }
    words
}

/// Where a sheet's parts are.
#[derive(Debug)]
struct Layout {
    /// The (last) header row.
    header: usize,
    locality: usize,
    date: DateSource,
    /// Each metric column and the metric it holds.
    metrics: Vec<(usize, usize)>,
    /// Headed columns that are neither (column, header as written).
    unread: Vec<(usize, String)>,
}

#[derive(Debug)]
enum DateSource {
    Column(usize),
    /// One date for the whole sheet, written in a title or a note above the header
    /// (`截至2014年9月10日`).
    Title(Date, Cell),
}

impl Layout {
    fn find(grid: &Grid, site: &SiteConfig, places: &Places) -> Result<Layout, Missing> {
        let width = grid.width();
        let rows = grid.rows.len().min(HEADER_SEARCH);
        let mut best: Option<(usize, Vec<(usize, usize)>)> = None;
        for r in 0..rows {
            let found: Vec<(usize, usize)> = (0..width)
                .filter_map(|c| column_metric(grid, r, c, site).map(|m| (c, m)))
                .collect();
            if !found.is_empty() && best.as_ref().is_none_or(|(_, b)| found.len() > b.len()) {
                best = Some((r, found));
            }
        }
        let Some((header, mut metrics)) = best else {
            return Err(Missing::Header);
        };
        // A metric headed twice (a 计划 group and a 累计 group) is read from its first column.
        let mut seen = Vec::new();
        metrics.retain(|(_, m)| {
            let first = !seen.contains(m);
            seen.push(*m);
            first
        });
        let taken = |c: usize| metrics.iter().any(|(mc, _)| *mc == c);
        let heads: Vec<(usize, Vec<String>)> = (0..width)
            .filter(|c| !taken(*c))
            .map(|c| (c, header_texts(grid, header, c)))
            .collect();
        let is = |texts: &[String], words: &[&str]| {
            texts
                .iter()
                .any(|t| words.iter().any(|w| name_form(w) == header_form(t)))
        };
        let locality = heads
            .iter()
            .find(|(_, t)| is(t, LOCALITY_HEADERS))
            .map(|(c, _)| *c)
            .or_else(|| {
                // Else the column whose rows name the most localities.
                heads
                    .iter()
                    .map(|(c, _)| {
                        let n = (header + 1..grid.rows.len())
                            .filter(|&r| grid.get(r, *c).text().is_some_and(|t| places.knows(t)))
                            .count();
                        (n, std::cmp::Reverse(*c))
                    })
                    .filter(|(n, _)| *n > 0)
                    .max()
                    .map(|(_, std::cmp::Reverse(c))| c)
            })
            .ok_or_else(|| Missing::LocalityColumn(grid.cell(header, 0)))?;
        let date = heads
            .iter()
            .find(|(c, t)| *c != locality && is(t, DATE_HEADERS))
            .map(|(c, _)| DateSource::Column(*c))
            .or_else(|| title_date(grid, header))
            .ok_or_else(|| Missing::Date(grid.cell(header, locality)))?;
        let date_col = match date {
            DateSource::Column(c) => Some(c),
            DateSource::Title(..) => None,
        };
        let unread = heads
            .into_iter()
            .filter(|(c, _)| *c != locality && Some(*c) != date_col)
            .filter_map(|(c, texts)| {
                let own = grid.shown_at(header, c).text()?.to_string();
                (!is(&texts, QUIET_HEADERS)).then_some((c, own))
            })
            .collect();
        Ok(Layout {
            header,
            locality,
            date,
            metrics,
            unread,
        })
    }
}

/// The texts a column's header may be read as: its cell in the header row, and that cell
/// joined to the group header above it (`整改` over `事项` reads `整改事项`). An empty group
/// cell takes the text to its left, as a merged cell shows it.
fn header_texts(grid: &Grid, r: usize, c: usize) -> Vec<String> {
    let own = grid.shown_at(r, c).text().unwrap_or("").to_string();
    let mut texts = Vec::new();
    if !own.is_empty() {
        texts.push(own.clone());
    }
    if r > 0 {
        let above_row_is_a_header = (0..grid.width())
            .filter(|&c| grid.shown_at(r - 1, c).text().is_some())
            .map(|c| grid.shown_at(r - 1, c))
            .collect::<Vec<_>>();
        let distinct = {
            let mut v = above_row_is_a_header.clone();
            v.dedup();
            v.len()
        };
        // A title row (one text across the sheet) is not a group header.
        if distinct >= 2 {
            let group = (0..=c)
                .rev()
                .find_map(|cc| grid.shown_at(r - 1, cc).text())
                .unwrap_or("");
            let above = grid.shown_at(r - 1, c).text();
            if own.is_empty() {
                if let Some(a) = above {
                    texts.push(a.to_string());
                }
            } else if !group.is_empty() && group != own {
                texts.push(format!("{group}{own}"));
            }
        }
    }
    texts
}

/// The metric that column `c` holds if row `r` is the header.
fn column_metric(grid: &Grid, r: usize, c: usize, site: &SiteConfig) -> Option<usize> {
    header_texts(grid, r, c)
        .iter()
        .find_map(|t| site.metric_named(&header_form(t)))
}

/// A date written in a title or note above the header, such as `（截至2014年9月10日）`.
fn title_date(grid: &Grid, header: usize) -> Option<DateSource> {
    for r in 0..header {
        for c in 0..grid.rows[r].len() {
            let Some(text) = grid.get(r, c).text() else {
                continue;
            };
            if let Some(date) = date_in(text) {
                return Some(DateSource::Title(date, grid.cell(r, c)));
            }
        }
    }
    None
}

/// The first date written with its year inside a text.
fn date_in(text: &str) -> Option<Date> {
    let chars: Vec<char> = text.chars().collect();
    let date_char =
        |c: char| c.is_ascii_digit() || "０１２３４５６７８９年月日号號-/.－／".contains(c);
    let mut i = 0;
    while i < chars.len() {
        if date_char(chars[i]) {
            let start = i;
            while i < chars.len() && date_char(chars[i]) {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            let run = run.trim_end_matches(['-', '/', '.', '－', '／']);
            if let Ok(d) = figure::parse_date(run) {
                return Some(d.date);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Reads the rows of one sheet whose layout is known.
struct SheetReader<'a> {
    grid: &'a Grid,
    layout: &'a Layout,
    site: &'a SiteConfig,
    places: &'a Places<'a>,
    file: &'a Arc<Path>,
    diags: &'a mut Vec<Diagnostic>,
}

/// What one row of the body is.
enum RowKind {
    /// Blank, a note, or a second header row: nothing to read.
    Skip,
    Total,
    Locality(usize),
}

impl SheetReader<'_> {
    fn rows(&mut self) -> Vec<SheetRow> {
        self.warn_unread();
        let grid = self.grid;
        let mut rows = Vec::new();
        // Since the last 合计 row: the rows it totals (not the folder's own).
        let mut totalled: Vec<usize> = Vec::new();
        // The locality and date of the row above, which an empty cell below them repeats (a
        // merged cell, as ODS and CSV give it).
        let mut above: Option<(usize, Option<(Date, Cell)>)> = None;
        for r in self.layout.header + 1..grid.rows.len() {
            let kind = self.row_kind(r, above.as_ref().map(|a| a.0));
            match kind {
                RowKind::Skip => {
                    above = None;
                }
                RowKind::Total => {
                    self.check_total(r, &totalled, &rows);
                    totalled.clear();
                    above = None;
                }
                RowKind::Locality(l) => {
                    let carried = above.as_ref().and_then(|a| a.1.clone());
                    let Some((date, date_cell)) = self.date_of(r, carried) else {
                        above = Some((l, None));
                        continue;
                    };
                    above = Some((l, Some((date, date_cell.clone()))));
                    let (values, cells) = self.figures(r);
                    // A row left empty (a template's row nobody filled in) reports nothing.
                    if values.iter().all(Option::is_none) {
                        continue;
                    }
                    if l != self.places.owner {
                        totalled.push(rows.len());
                    }
                    rows.push(SheetRow {
                        locality: l,
                        date,
                        values,
                        cells,
                        date_cell,
                        file: self.file.clone(),
                    });
                }
            }
        }
        rows
    }

    fn error(&mut self, code: &'static str, cell: Cell, message: Msg, hint: Msg) {
        self.diags.push(
            Diagnostic::error(code, self.file.as_ref(), message)
                .at_cell(cell)
                .with_hint(hint),
        );
    }

    fn warning(&mut self, code: &'static str, cell: Cell, message: Msg, hint: Msg) {
        self.diags.push(
            Diagnostic::warning(code, self.file.as_ref(), message)
                .at_cell(cell)
                .with_hint(hint),
        );
    }

    /// One warning for the headed columns that are not read, with the closest metric name.
    fn warn_unread(&mut self) {
        if self.layout.unread.is_empty() {
            return;
        }
        let columns: Vec<String> = self
            .layout
            .unread
            .iter()
            .map(|(c, t)| format!("{}（{}）", t, crate::diagnostics::column_letters(*c as u32)))
            .collect();
        let names: Vec<&str> = self.site.metrics.iter().map(|m| m.name.as_str()).collect();
        let first = &self.layout.unread[0];
        let hint = match super::fields::suggest(&header_form(&first.1), &names) {
            Some(s) => Msg::new("sheet-columns-not-read-close-hint")
                .arg("header", &first.1)
                .arg("name", s),
            None => Msg::new("sheet-columns-not-read-hint"),
        };
        let cell = self.grid.cell(self.layout.header, first.0);
        self.warning(
            "sheet-columns-not-read",
            cell,
            Msg::new("sheet-columns-not-read").arg("columns", columns.join("、")),
            hint,
        );
    }

    /// Whether the row has anything in a metric column that reads as a figure.
    fn has_figures(&self, r: usize) -> bool {
        self.layout
            .metrics
            .iter()
            .any(|(c, _)| match self.grid.get(r, *c) {
                Value::Int(_) | Value::Float(_) => true,
                Value::Text(t) => figure::parse_figure(t).is_ok(),
                _ => false,
            })
    }

    fn row_kind(&mut self, r: usize, above: Option<usize>) -> RowKind {
        let c = self.layout.locality;
        let written = match self.grid.get(r, c) {
            Value::Empty => None,
            v => Some(v.shown()),
        };
        let Some(written) = written else {
            // An empty name under a locality's row continues it (a merged cell).
            return match above {
                Some(l) if self.has_figures(r) => RowKind::Locality(l),
                _ if self.has_figures(r) => {
                    let cell = self.grid.cell(r, c);
                    self.error(
                        "sheet-row-no-locality",
                        cell,
                        Msg::new("sheet-row-no-locality"),
                        Msg::new("sheet-row-no-locality-hint"),
                    );
                    RowKind::Skip
                }
                _ => RowKind::Skip,
            };
        };
        let form = header_form(&written);
        if TOTAL_WORDS.iter().any(|w| form.ends_with(&name_form(w))) {
            return RowKind::Total;
        }
        match self.places.find(&written) {
            Ok(l) => RowKind::Locality(l),
            // A note below the table (填表人：…, 注：…) has no figures.
            Err(_) if !self.has_figures(r) => RowKind::Skip,
            Err(message) => {
                let hint = self.places.unknown_hint(&written);
                let code = if message.id() == "ambiguous-locality" {
                    "ambiguous-locality"
                } else {
                    "unknown-locality"
                };
                let cell = self.grid.cell(r, c);
                self.error(code, cell, message, hint);
                RowKind::Skip
            }
        }
    }

    /// The row's date: its date cell, the one above it when that is empty, or the title's.
    fn date_of(&mut self, r: usize, carried: Option<(Date, Cell)>) -> Option<(Date, Cell)> {
        let c = match &self.layout.date {
            DateSource::Title(date, cell) => return Some((*date, cell.clone())),
            DateSource::Column(c) => *c,
        };
        let cell = self.grid.cell(r, c);
        let parsed = match self.grid.get(r, c) {
            Value::Date(d) => Ok(*d),
            Value::Empty => {
                return match carried {
                    Some(d) => Some(d),
                    None => {
                        self.error(
                            "report-no-date",
                            cell,
                            Msg::new("sheet-row-no-date"),
                            Msg::new("sheet-row-no-date-hint"),
                        );
                        None
                    }
                };
            }
            // 20140910, as some systems export dates.
            Value::Int(n) => yyyymmdd(*n).ok_or_else(|| not_a_date(&n.to_string())),
            Value::Float(f) if f.fract() == 0.0 => {
                yyyymmdd(*f as i64).ok_or_else(|| not_a_date(&f.to_string()))
            }
            // Typed text such as 2014年9月10日 is what a sheet holds: read without a warning.
            Value::Text(t) => figure::parse_date(t).map(|d| d.date),
            other => Err(not_a_date(&other.shown())),
        };
        match parsed {
            Ok(d) => Some((d, cell)),
            Err(e) => {
                self.error("bad-date", cell, e.message, e.hint);
                None
            }
        }
    }

    /// The row's figures by metric, each with its cell; a bad cell is an error at the cell.
    fn figures(&mut self, r: usize) -> (Vec<Option<Figure>>, Vec<Option<Cell>>) {
        let n = self.site.metrics.len();
        let mut values = vec![None; n];
        let mut cells = vec![None; n];
        for &(c, m) in &self.layout.metrics {
            let cell = self.grid.cell(r, c);
            let parsed = match self.grid.get(r, c) {
                Value::Empty => continue,
                Value::Int(i) => Ok(Figure::exact(*i)),
                Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
                    Ok(Figure::exact(*f as i64))
                }
                Value::Float(f) => Err(FigureError {
                    message: Msg::new("not-whole").arg("text", f.to_string()),
                    hint: Msg::new("not-whole-hint"),
                }),
                // A dash or slash says "none" in an office's table.
                Value::Text(t) if ["-", "—", "－", "/", "／", "—-", "——"].contains(&t.trim()) =>
                {
                    continue;
                }
                // A unit typed after the figure (`120户`) is the column's own.
                Value::Text(t) => {
                    let unit = &self.site.metrics[m].unit;
                    let t = t.trim();
                    let bare = t.strip_suffix(unit.as_str()).filter(|_| !unit.is_empty());
                    figure::parse_figure(bare.unwrap_or(t)).map(|p| p.figure)
                }
                other => Err(FigureError {
                    message: Msg::new("cell-not-a-figure").arg("text", other.shown()),
                    hint: Msg::new("cell-not-a-figure-hint"),
                }),
            };
            let metric = &self.site.metrics[m];
            match parsed {
                Ok(f) if f.value < 0 => self.error(
                    "negative-figure",
                    cell,
                    Msg::new("negative-figure")
                        .arg("key", &metric.name)
                        .arg("value", f.value),
                    Msg::new("negative-figure-hint"),
                ),
                Ok(f) => {
                    values[m] = Some(f);
                    cells[m] = Some(cell);
                }
                Err(e) => self.error("bad-figure", cell, e.message, e.hint),
            }
        }
        (values, cells)
    }

    /// A 合计 row against the sum of the rows it totals, column by column.
    fn check_total(&mut self, r: usize, totalled: &[usize], rows: &[SheetRow]) {
        if totalled.is_empty() {
            return;
        }
        for &(c, m) in &self.layout.metrics.clone() {
            let total = match self.grid.get(r, c) {
                Value::Int(i) => Figure::exact(*i),
                Value::Float(f) if f.fract() == 0.0 => Figure::exact(*f as i64),
                Value::Text(t) => match figure::parse_figure(t) {
                    Ok(p) => p.figure,
                    Err(_) => continue,
                },
                _ => continue,
            };
            let mut sum = Figure::exact(0);
            let mut cells = Vec::new();
            // The rows of the block's date: a total under rows of two dates adds up the last.
            let date = rows[totalled[totalled.len() - 1]].date;
            for &i in totalled.iter().filter(|&&i| rows[i].date == date) {
                if let (Some(v), Some(cell)) = (rows[i].values[m], &rows[i].cells[m]) {
                    sum += v;
                    cells.push(cell.row);
                }
            }
            // 余 and 多 are not exact enough to check a sum against.
            if cells.is_empty() || sum.approximate || total.approximate || sum.value == total.value
            {
                continue;
            }
            let letters = crate::diagnostics::column_letters(c as u32);
            let first = cells.iter().min().copied().unwrap_or(0) + 1;
            let last = cells.iter().max().copied().unwrap_or(0) + 1;
            let cell = self.grid.cell(r, c);
            self.warning(
                "total-mismatch",
                cell.clone(),
                Msg::new("total-mismatch")
                    .arg("cell", cell.reference())
                    .arg("total", total.value)
                    .arg("range", format!("{letters}{first}:{letters}{last}"))
                    .arg("sum", sum.value)
                    .arg("name", &self.site.metrics[m].name),
                Msg::new("total-mismatch-hint"),
            );
        }
    }
}

fn not_a_date(text: &str) -> FigureError {
    FigureError {
        message: Msg::new("not-a-date").arg("text", text),
        hint: Msg::new("not-a-date-hint"),
    }
}

/// A date written as the number 20140910.
fn yyyymmdd(n: i64) -> Option<Date> {
    if !(19000101..=22001231).contains(&n) {
        return None;
    }
    Date::new((n / 10000) as i16, ((n / 100) % 100) as i8, (n % 100) as i8).ok()
}

/// Merges the sheets' rows into the localities' reports. The same figure (locality, date,
/// metric) given in two places — two sheets, or a sheet and locality.yaml — is an error naming
/// both; the rules that compare figures (limits, decreasing figures, phases) are applied to
/// every figure a sheet brought.
pub fn merge(
    localities: &mut [LocalitySource],
    rows: Vec<SheetRow>,
    site: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) {
    let mut by_locality: HashMap<usize, Vec<SheetRow>> = HashMap::new();
    for row in rows {
        by_locality.entry(row.locality).or_default().push(row);
    }
    let mut touched: Vec<usize> = by_locality.keys().copied().collect();
    touched.sort_unstable();
    for l in touched {
        let rows = by_locality.remove(&l).unwrap_or_default();
        let loc = &mut localities[l];
        for row in rows {
            merge_row(loc, row, site, diags);
        }
        loc.reports.sort_by_key(|r| r.date);
        check_merged(loc, site, diags);
    }
}

fn merge_row(
    loc: &mut LocalitySource,
    row: SheetRow,
    site: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) {
    let n = site.metrics.len();
    let index = match loc.reports.iter().position(|r| r.date == row.date) {
        Some(i) => i,
        None => {
            if site.phase_of(row.date).is_none() && !site.phases.is_empty() {
                diags.push(
                    Diagnostic::warning(
                        "outside-phases",
                        row.file.as_ref(),
                        Msg::new("outside-phases").arg("date", row.date),
                    )
                    .at_cell(row.date_cell.clone())
                    .with_hint(Msg::new("outside-phases-hint")),
                );
            }
            loc.reports.push(ReportSource {
                date: row.date,
                line: None,
                values: vec![None; n],
                note: None,
                cells: None,
            });
            loc.reports.len() - 1
        }
    };
    let file = loc.file.clone();
    let report = &mut loc.reports[index];
    for m in 0..n {
        let (Some(v), Some(cell)) = (row.values[m], row.cells[m].clone()) else {
            continue;
        };
        if report.values[m].is_some() {
            let other = match report.cell_of(m) {
                Some(c) => format!("{}: {}", c.file.display(), c.cell),
                None => {
                    let line =
                        super::locality::figure_line(&file, site, row.date, m).or(report.line);
                    match line {
                        Some(line) => format!("{}:{line}", file.display()),
                        None => file.display().to_string(),
                    }
                }
            };
            diags.push(
                Diagnostic::error(
                    "figure-given-twice",
                    row.file.as_ref(),
                    Msg::new("figure-given-twice")
                        .arg("locality", &loc.name)
                        .arg("date", row.date)
                        .arg("name", &site.metrics[m].name)
                        .arg("other", &other),
                )
                .at_cell(cell)
                .with_hint(Msg::new("figure-given-twice-hint").arg("other", other)),
            );
            continue;
        }
        report.values[m] = Some(v);
        report
            .cells
            .get_or_insert_with(|| vec![None; n].into_boxed_slice())[m] = Some(SheetCell {
            file: row.file.clone(),
            cell,
        });
    }
}

/// Limits and decreasing figures in a locality's merged reports, where a sheet gave one of the
/// two figures compared (locality.yaml's own pairs were checked when it was read).
fn check_merged(loc: &LocalitySource, site: &SiteConfig, diags: &mut Vec<Diagnostic>) {
    let place = |r: &ReportSource, m: usize, d: Diagnostic| match r.cell_of(m) {
        Some(c) => Diagnostic {
            path: c.file.to_path_buf(),
            ..d
        }
        .at_cell(c.cell.clone()),
        None => d.at_line(r.line),
    };
    for r in &loc.reports {
        for (k, metric) in site.metrics.iter().enumerate() {
            let (Some(limit), Some(v)) = (metric.at_most, r.values[k]) else {
                continue;
            };
            let Some(cap) = r.values[limit] else { continue };
            if r.cell_of(k).is_none() && r.cell_of(limit).is_none() {
                continue;
            }
            if v.value > cap.value {
                let d = Diagnostic::error(
                    "exceeds-limit",
                    &loc.file,
                    Msg::new("exceeds-limit")
                        .arg("key", &metric.name)
                        .arg("value", v.value)
                        .arg("limit", &site.metrics[limit].name)
                        .arg("cap", cap.value),
                )
                .with_hint(
                    Msg::new("exceeds-limit-hint")
                        .arg("name", &metric.name)
                        .arg("limit_name", &site.metrics[limit].name),
                );
                diags.push(place(r, k, d));
            }
        }
    }
    for (k, metric) in site.metrics.iter().enumerate() {
        let mut last: Option<(&ReportSource, i64)> = None;
        for r in &loc.reports {
            let Some(v) = r.values[k] else { continue };
            if let Some((before, prev)) = last
                && v.value < prev
                && (r.cell_of(k).is_some() || before.cell_of(k).is_some())
            {
                let d = Diagnostic::warning(
                    "decreasing-figure",
                    &loc.file,
                    Msg::new("decreasing-figure")
                        .arg("key", &metric.name)
                        .arg("before", prev)
                        .arg("before_date", before.date)
                        .arg("value", v.value)
                        .arg("date", r.date),
                )
                .with_hint(Msg::new("decreasing-figure-hint"));
                diags.push(place(r, k, d));
            }
            last = Some((r, v.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_lose_units_spaces_and_line_breaks() {
        assert_eq!(header_form("走访群众（户）"), "走访群众");
        assert_eq!(header_form("走访\n群众 (户)"), "走访群众");
        assert_eq!(header_form("村（社区）"), "村");
        assert_eq!(header_form("日期："), "日期");
    }

    #[test]
    fn a_title_gives_its_date() {
        assert_eq!(
            date_in("仙都镇教育实践活动进展统计表（截至2014年9月10日）"),
            Some(Date::new(2014, 9, 10).unwrap())
        );
        assert_eq!(
            date_in("统计时间：2014-09-10"),
            Some(Date::new(2014, 9, 10).unwrap())
        );
        assert_eq!(date_in("第2页，共3页"), None);
        assert_eq!(yyyymmdd(20140910), Some(Date::new(2014, 9, 10).unwrap()));
        assert_eq!(yyyymmdd(6200), None);
    }

    #[test]
    fn lock_files_are_not_sheets() {
        assert!(is_sheet(Path::new("仙都镇/汇总表.xlsx")));
        assert!(is_sheet(Path::new("仙都镇/汇总表.CSV")));
        assert!(!is_sheet(Path::new("仙都镇/~$汇总表.xlsx")));
        assert!(!is_sheet(Path::new("仙都镇/照片.jpg")));
    }

    #[test]
    fn csv_in_gbk_with_semicolons_reads() {
        let (gbk, _, _) = encoding_rs::GBK.encode("地区;日期;走访群众\n上村;2014-09-10;120\n");
        let grid = csv_grid(&gbk, Path::new("a.csv")).unwrap();
        assert_eq!(grid.rows[1][0], Value::Text("上村".into()));
        assert_eq!(grid.rows[1][2], Value::Text("120".into()));
    }
}
