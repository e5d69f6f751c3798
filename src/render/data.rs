//! Data downloads: localities.json (every locality's full series), localities.csv (one row per
//! locality with its latest effective figures, UTF-8 with a BOM for Excel) and localities.xlsx
//! (the same table as a workbook).
//!
//! A site of up to [`SPLIT_ABOVE`] localities has one set of them, `data/localities.*`, with
//! every locality. A larger one has no file with every locality (an edit would rewrite it
//! whole, and at national scale no one opens it): its data is split into [`DataSet`]s, one per
//! locality with sub-localities, at `data/<its folder>/localities.*`, holding the locality and
//! its whole subtree when that has at most [`WHOLE_SUBTREE_MAX`] localities (a county with its
//! townships and villages; the localities below it have no set of their own, so each locality
//! is in one whole-subtree set only), otherwise the locality and its direct sub-localities (whose
//! rows carry their rolled-up figures); `data/localities.*` then holds the top-level localities.
//! A locality page links its own set or the nearest above it, every other page the top level.

use crate::model::{Series, SiteModel};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

/// The byte order mark that makes Excel on Chinese Windows read the CSV as UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";
use serde::ser::{SerializeMap, Serializer};

#[derive(Serialize)]
struct LocalityData<'a> {
    path: &'a str,
    name: &'a str,
    level: Option<&'a str>,
    parent: Option<&'a str>,
    page: String,
    series: Vec<PointData<'a>>,
}

#[derive(Serialize)]
struct PointData<'a> {
    date: String,
    phase: Option<&'a str>,
    values: Values<'a>,
}

/// The metrics of one point as a JSON object in site.yaml's metric order, skipping empty ones.
struct Values<'a> {
    keys: &'a [&'a str],
    series: &'a Series,
    /// The point's index in the series.
    point: usize,
}

#[derive(Serialize)]
struct ValueData {
    value: i64,
    reported: Option<i64>,
    children_sum: Option<i64>,
    approximate: bool,
}

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (key, cell) in self.keys.iter().zip(self.series.point(self.point)) {
            let Some(eff) = cell.effective() else {
                continue;
            };
            map.serialize_entry(
                key,
                &ValueData {
                    value: eff.value,
                    reported: cell.reported.map(|f| f.value),
                    children_sum: cell.children_sum.map(|f| f.value),
                    approximate: eff.approximate,
                },
            )?;
        }
        map.end()
    }
}

/// One locality's entry of data/localities.json.
pub fn locality_json(model: &SiteModel, index: usize) -> String {
    let keys: Vec<&str> = model.site.metrics.iter().map(|m| m.key.as_str()).collect();
    let l = &model.localities[index];
    let item = LocalityData {
        path: &l.dir,
        name: &l.src.name,
        level: l.src.level.as_deref(),
        parent: l.src.parent.map(|p| model.localities[p].dir.as_str()),
        page: l.page(),
        series: (0..l.series.len())
            .map(|i| PointData {
                date: l.series.dates[i].to_string(),
                phase: model
                    .site
                    .phase_of(l.series.dates[i])
                    .map(|p| model.site.phases[p].key.as_str()),
                values: Values {
                    keys: &keys,
                    series: &l.series,
                    point: i,
                },
            })
            .collect(),
    };
    serde_json::to_string(&item).unwrap_or_default()
}

/// The header of the latest-figures table (data/localities.csv and .xlsx), in the site's
/// language as a spreadsheet shows it (`走访群众（户）`; data/localities.json keeps the keys):
/// path, name, level, parent, date, then each metric (and whether it is approximate), then the
/// completion rate.
pub fn table_header(model: &SiteModel) -> Vec<String> {
    let lang = model.site.language;
    let mut header: Vec<String> = ["csv_path", "csv_name", "level", "csv_parent", "csv_date"]
        .map(|k| lang.text(k).to_string())
        .to_vec();
    for m in &model.site.metrics {
        header.push(crate::render::views::headed_with_unit(
            lang, &m.name, &m.unit,
        ));
        header.push(lang.text("csv_approximate").replace("{name}", &m.name));
    }
    header.push(lang.text("completion_rate").into());
    header
}

/// The header line of data/localities.csv.
pub fn csv_header(model: &SiteModel) -> String {
    csv_line(&table_header(model))
}

/// A cell of the latest-figures table.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    Number(i64),
    Date(jiff::civil::Date),
    Flag(bool),
    Empty,
}

impl Field {
    /// The cell as CSV writes it.
    fn csv(&self) -> String {
        match self {
            Field::Text(t) => t.clone(),
            Field::Number(n) => n.to_string(),
            Field::Date(d) => d.to_string(),
            Field::Flag(b) => b.to_string(),
            Field::Empty => String::new(),
        }
    }
}

/// One locality's row of the latest-figures table: its latest effective figures.
pub fn table_row(model: &SiteModel, index: usize) -> Vec<Field> {
    let l = &model.localities[index];
    let last = l.series.len().checked_sub(1);
    let text = |t: Option<String>| {
        t.filter(|t| !t.is_empty())
            .map_or(Field::Empty, Field::Text)
    };
    let mut row = vec![
        Field::Text(l.dir.clone()),
        Field::Text(l.src.name.clone()),
        text(l.src.level.clone()),
        text(l.src.parent.map(|p| model.localities[p].dir.clone())),
        l.series
            .dates
            .last()
            .map_or(Field::Empty, |d| Field::Date(*d)),
    ];
    for m in 0..model.site.metrics.len() {
        let f = last.and_then(|i| l.series.effective(i, m));
        row.push(f.map_or(Field::Empty, |f| Field::Number(f.value)));
        row.push(f.map_or(Field::Empty, |f| Field::Flag(f.approximate)));
    }
    row.push(text(super::views::first_rate(&l.series, &model.site)));
    row
}

/// One locality's line of data/localities.csv.
pub fn csv_row(model: &SiteModel, index: usize) -> String {
    let row: Vec<String> = table_row(model, index).iter().map(Field::csv).collect();
    csv_line(&row)
}

/// Sites with more localities than this get no data/localities.xlsx (the CSV holds them all):
/// a workbook of a province's every village would take longer to write than the site.
pub const XLSX_MAX_LOCALITIES: usize = 100_000;

/// data/localities.xlsx: the same table as the CSV, with numbers as numbers, the header bold
/// and frozen. Its bytes depend only on the content (the workbook's creation date is the
/// site's latest report date; rust_xlsxwriter writes fixed times into the zip).
pub fn xlsx(model: &SiteModel, rows: &[usize]) -> io::Result<Vec<u8>> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| io::Error::other(e.to_string());
    let lang = model.site.language;
    let mut book = Workbook::new();
    // The latest report among the set's localities.
    let created = rows
        .iter()
        .filter_map(|&i| model.localities[i].latest())
        .max()
        .and_then(excel_date)
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).unwrap_or_default());
    book.set_properties(
        &DocProperties::new()
            .set_title(&model.site.title)
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet_with_constant_memory().map_err(err)?;
    sheet.set_name(lang.text("xlsx_sheet")).map_err(err)?;
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let header = table_header(model);
    for (c, h) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(err)?;
        let width = if c < 4 { 16.0 } else { 12.0 };
        sheet.set_column_width(c as u16, width).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 2).map_err(err)?;
    for (k, chunk) in rows.chunks(CHUNK).enumerate() {
        let fields: Vec<Vec<Field>> = chunk.par_iter().map(|&i| table_row(model, i)).collect();
        for (r, row) in (k * CHUNK + 1..).zip(fields) {
            for (c, field) in row.into_iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match field {
                    Field::Text(t) => sheet.write_string(r, c, t).map(|_| ()),
                    Field::Number(n) => sheet.write_number(r, c, n as f64).map(|_| ()),
                    Field::Date(d) => excel_date(d).map_or(Ok(()), |x| {
                        sheet.write_datetime_with_format(r, c, &x, &day).map(|_| ())
                    }),
                    Field::Flag(b) => sheet.write_boolean(r, c, b).map(|_| ()),
                    Field::Empty => Ok(()),
                }
                .map_err(err)?;
            }
        }
    }
    book.save_to_buffer().map_err(err)
}

/// A CSV record with CRLF, quoted where needed, every cell [`spreadsheet_safe`].
fn csv_line(fields: &[String]) -> String {
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let _ = w.write_record(fields.iter().map(|f| spreadsheet_safe(f).into_owned()));
        let _ = w.flush();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A cell as Excel, WPS and LibreOffice will show it as text: one that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be read as a formula (a locality named
/// `=HYPERLINK(…)` becomes a live link), so it gets a leading `'` (OWASP's rule for CSV
/// injection). A plain number, negative ones included, stays a number.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// `-12`, `+3.5`, `.5`, `1e3`: what a spreadsheet reads as a number (not `-inf` or `NaN`).
fn is_plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// Sites with more localities than this have their data split into sets (see the module).
pub const SPLIT_ABOVE: usize = 2_000;

/// A split site's set holds a locality's whole subtree up to this many localities.
pub const WHOLE_SUBTREE_MAX: usize = 500;

/// Which localities one set of data files holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rows {
    /// Every locality (a site of up to [`SPLIT_ABOVE`]).
    All,
    /// These, in tree order.
    Some(Vec<usize>),
}

/// What a set holds, as its page's download line says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every locality of the site.
    Site,
    /// The top-level localities.
    Top,
    /// A locality and every locality below it.
    Subtree(usize),
    /// A locality and the localities directly below it.
    Children(usize),
}

/// One set of data files: `data/localities.*` (`locality` None) or `data/<dir>/localities.*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSet {
    pub locality: Option<usize>,
    pub rows: Rows,
    pub scope: Scope,
}

impl DataSet {
    /// What the set's files read of the model: its rows, and which localities it holds (the
    /// sub-localities of every locality it takes whole).
    pub fn reads(&self) -> Vec<super::Read> {
        use super::Read;
        match &self.rows {
            Rows::All => vec![
                Read::Tree,
                Read::EveryName,
                Read::EveryFigures,
                Read::EveryRecord,
            ],
            Rows::Some(rows) => {
                let mut reads: Vec<Read> = rows
                    .iter()
                    .flat_map(|&r| [Read::Name(r), Read::Figures(r), Read::Record(r)])
                    .collect();
                match self.scope {
                    Scope::Top | Scope::Site => reads.push(Read::Roots),
                    Scope::Children(i) => reads.push(Read::Children(i)),
                    Scope::Subtree(_) => reads.extend(rows.iter().map(|&r| Read::Children(r))),
                }
                reads
            }
        }
    }

    fn indexes<'a>(&'a self, model: &SiteModel) -> Box<dyn Iterator<Item = usize> + Send + 'a> {
        match &self.rows {
            Rows::All => Box::new(0..model.localities.len()),
            Rows::Some(rows) => Box::new(rows.iter().copied()),
        }
    }
}

/// Which localities of a site have a set, from their subtrees' sizes counted once: a page
/// asks which set it links, a build asks for every set.
pub struct Sets<'m> {
    model: &'m SiteModel,
    /// Each locality's subtree, itself included, in localities (empty on a site not split).
    sizes: Vec<usize>,
}

impl<'m> Sets<'m> {
    pub fn new(model: &'m SiteModel) -> Sets<'m> {
        let mut sizes = Vec::new();
        if model.localities.len() > SPLIT_ABOVE {
            sizes = vec![1; model.localities.len()];
            // Children come after their parents: each subtree is summed before its parent's.
            for i in (0..model.localities.len()).rev() {
                if let Some(p) = model.localities[i].src.parent {
                    sizes[p] += sizes[i];
                }
            }
        }
        Sets { model, sizes }
    }

    /// Whether the site's data is split into sets.
    pub fn is_split(&self) -> bool {
        !self.sizes.is_empty()
    }

    fn whole(&self, i: usize) -> bool {
        self.sizes[i] <= WHOLE_SUBTREE_MAX
    }

    /// What the set of `locality` (None: the top level) holds, if it has one: on a split site,
    /// every locality with sub-localities has one but those inside a whole subtree's set.
    pub fn scope(&self, locality: Option<usize>) -> Option<Scope> {
        let Some(i) = locality else {
            return Some(if self.is_split() {
                Scope::Top
            } else {
                Scope::Site
            });
        };
        let l = &self.model.localities[i];
        if !self.is_split() || l.children.is_empty() {
            None
        } else if !self.whole(i) {
            Some(Scope::Children(i))
        } else if l.src.parent.is_some_and(|p| self.whole(p)) {
            // Its localities are in the whole subtree's set above it already.
            None
        } else {
            Some(Scope::Subtree(i))
        }
    }

    /// The set of `locality` (None: the top level), with its rows, if it has one.
    pub fn set(&self, locality: Option<usize>) -> Option<DataSet> {
        let model = self.model;
        let scope = self.scope(locality)?;
        let rows = match scope {
            Scope::Site => Rows::All,
            Scope::Top => Rows::Some(model.roots.clone()),
            Scope::Children(i) => Rows::Some(
                std::iter::once(i)
                    .chain(model.localities[i].children.iter().copied())
                    .collect(),
            ),
            Scope::Subtree(i) => {
                let mut all = vec![i];
                let mut k = 0;
                while k < all.len() {
                    all.extend(&model.localities[all[k]].children);
                    k += 1;
                }
                all.sort_unstable();
                Rows::Some(all)
            }
        };
        Some(DataSet {
            locality,
            rows,
            scope,
        })
    }

    /// The set a locality's page links (its own, or the nearest above it that has one: a
    /// village its county's, with the county's whole subtree; or the top level's): its
    /// locality and what it holds.
    pub fn linked(&self, locality: Option<usize>) -> (Option<usize>, Scope) {
        let mut cur = locality;
        loop {
            if let Some(scope) = self.scope(cur) {
                return (cur, scope);
            }
            cur = cur.and_then(|i| self.model.localities[i].src.parent);
        }
    }

    /// Every set of the site, the top level first.
    pub fn all(&self) -> Vec<DataSet> {
        let mut all: Vec<DataSet> = self.set(None).into_iter().collect();
        if self.is_split() {
            all.par_extend(
                (0..self.model.localities.len())
                    .into_par_iter()
                    .filter_map(|i| self.set(Some(i))),
            );
        }
        all
    }
}

/// The folder of the files of `locality`'s set (None: the top level's), e.g.
/// `data/fujian/quanzhoushi`.
pub fn set_dir(model: &SiteModel, locality: Option<usize>) -> String {
    match locality {
        None => "data".to_string(),
        Some(i) => format!("data/{}", model.localities[i].dir),
    }
}

/// Localities whose data entries are computed at a time while a data file is streamed.
const CHUNK: usize = if cfg!(test) { 3 } else { 4096 };

/// A data file written piece by piece.
pub type Stream<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + Send + 'a>;

/// A set's files as streams: each computes its entries a chunk at a time, in parallel, and
/// writes them out, so a national site's data never sits whole in memory.
pub fn streams<'m>(model: &'m SiteModel, set: &DataSet) -> Vec<(String, Stream<'m>)> {
    let dir = set_dir(model, set.locality);
    let rows: Vec<usize> = set.indexes(model).collect();
    let rows = std::sync::Arc::new(rows);
    let json_rows = rows.clone();
    let json: Stream = Box::new(move |w: &mut dyn Write| {
        w.write_all(b"[")?;
        for (k, chunk) in json_rows.chunks(CHUNK).enumerate() {
            let entries: Vec<String> = chunk.par_iter().map(|&i| locality_json(model, i)).collect();
            for (n, e) in entries.iter().enumerate() {
                if k > 0 || n > 0 {
                    w.write_all(b",")?;
                }
                w.write_all(e.as_bytes())?;
            }
        }
        w.write_all(b"]\n")
    });
    let csv_rows = rows.clone();
    let csv: Stream = Box::new(move |w: &mut dyn Write| {
        w.write_all(BOM)?;
        w.write_all(csv_header(model).as_bytes())?;
        for chunk in csv_rows.chunks(CHUNK) {
            let lines: Vec<String> = chunk.par_iter().map(|&i| csv_row(model, i)).collect();
            for r in lines {
                w.write_all(r.as_bytes())?;
            }
        }
        Ok(())
    });
    let mut all = vec![
        (format!("{dir}/localities.json"), json),
        (format!("{dir}/localities.csv"), csv),
    ];
    if has_xlsx(model) {
        let xlsx: Stream = Box::new(move |w: &mut dyn Write| w.write_all(&xlsx(model, &rows)?));
        all.push((format!("{dir}/localities.xlsx"), xlsx));
    }
    all
}

/// A date as a workbook holds it.
pub fn excel_date(d: jiff::civil::Date) -> Option<rust_xlsxwriter::ExcelDateTime> {
    rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

/// Whether the site gets data/localities.xlsx (see [`XLSX_MAX_LOCALITIES`]).
pub fn has_xlsx(model: &SiteModel) -> bool {
    model.localities.len() <= XLSX_MAX_LOCALITIES
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site's one set streams every locality, across chunk seams (chunks of 3 in tests).
    #[test]
    fn a_small_site_has_one_set_of_every_locality() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (content, mut diagnostics) = crate::content::load(&content).unwrap();
        let model = crate::model::build(content, crate::model::Reports::Free, &mut diagnostics);
        let plan = Sets::new(&model);
        assert!(model.localities.len() > CHUNK && !plan.is_split());
        let all = plan.all();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].scope, Scope::Site);
        let files = streams(&model, &all[0]);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "data/localities.json",
                "data/localities.csv",
                "data/localities.xlsx"
            ]
        );
        let mut bytes = Vec::new();
        for (_, stream) in files {
            let mut out = Vec::new();
            stream(&mut out).unwrap();
            bytes.push(out);
        }
        let json: serde_json::Value = serde_json::from_slice(&bytes[0]).unwrap();
        assert_eq!(json.as_array().unwrap().len(), model.localities.len());
        let csv = String::from_utf8(bytes[1].clone()).unwrap();
        assert_eq!(csv.lines().count(), model.localities.len() + 1);
        // A village links the one set too.
        let village = (0..model.localities.len())
            .find(|&i| model.localities[i].children.is_empty())
            .unwrap();
        assert_eq!(plan.linked(Some(village)), (None, Scope::Site));
    }

    #[test]
    fn formula_like_cells_become_text_and_numbers_stay_numbers() {
        for risky in [
            "=HYPERLINK(\"http://x/\",\"y\")",
            "+cmd",
            "-x",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-inf",
            "-NaN",
            "-",
            "+",
            "+1e",
            "-1.2.3",
        ] {
            assert_eq!(spreadsheet_safe(risky), format!("'{risky}"), "{risky:?}");
        }
        for kept in [
            "-12",
            "+3.5",
            "-0.25",
            ".5",
            "1e3",
            "-2E-4",
            "57",
            "泉港区",
            "",
            "a=b",
        ] {
            assert_eq!(spreadsheet_safe(kept), kept, "{kept:?}");
        }
        // The line a locality named like a formula gets.
        let line = csv_line(&["=1+2".to_string(), "-3".to_string()]);
        assert_eq!(line, "'=1+2,-3\r\n");
    }
}
