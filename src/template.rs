//! `minqing template PATH`: a fill-in workbook for the locality in folder PATH, laid out as the
//! sheet reader ([`crate::content::sheet`]) reads it, so that the office fills it in, saves it
//! into the folder and builds, with no change to the file.
//!
//! The workbook is written with rust_xlsxwriter: a sheet with one row for the locality itself
//! and one per locality right below it, a date column and a column per metric headed
//! `名称（单位）`, the header frozen and the figure cells formatted as numbers (a gentle check
//! warns about anything but a whole number, and lets 1.3万余 through); and a second sheet that
//! explains the rules in the site's language.

use crate::content::{self, LocalitySource, SiteConfig};
use crate::i18n::Language;
use crate::l10n::Msg;
use crate::render::data::excel_date;
use crate::render::views::headed_with_unit;
use anyhow::Result;
use jiff::civil::Date;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format,
    FormatAlign, Workbook, Worksheet, XlsxError,
};
use std::path::{Path, PathBuf};

/// What `minqing template` was asked for.
pub struct Options {
    /// The locality's folder.
    pub locality: PathBuf,
    /// The workbook to write (default: `<name>填报表.xlsx` in the current folder).
    pub out: Option<PathBuf>,
    /// The date prefilled in the date column (default: today).
    pub date: Option<Date>,
}

/// What was written.
pub struct Written {
    pub path: PathBuf,
    /// Rows to fill in: the locality itself and those below it.
    pub rows: usize,
    /// The folder to save the filled workbook into.
    pub folder: PathBuf,
}

/// The content folder `locality` lies in: its nearest ancestor (or itself) with a site.yaml.
pub fn content_root(locality: &Path) -> Option<PathBuf> {
    locality
        .ancestors()
        .map(|a| {
            if a.as_os_str().is_empty() {
                Path::new(".")
            } else {
                a
            }
        })
        .find(|a| a.join("site.yaml").is_file())
        .map(Path::to_path_buf)
}

/// The rows of a fill-in sheet: the locality and those right below it, with figures when the
/// sheet is filled (`init`'s starter) — by row, then metric.
pub struct Sheet<'a> {
    pub site: &'a SiteConfig,
    pub locality: &'a LocalitySource,
    pub below: Vec<&'a LocalitySource>,
    pub date: Date,
    pub figures: Option<Vec<Vec<Option<i64>>>>,
}

/// Writes the fill-in workbook for the locality in `options.locality`.
pub fn template(options: &Options) -> Result<Written> {
    let folder = &options.locality;
    let root =
        content_root(folder).ok_or_else(|| Msg::new("template-no-site").path("path", folder))?;
    let rel = folder
        .strip_prefix(&root)
        .unwrap_or(Path::new(""))
        .to_path_buf();
    let (content, _) = content::load(&root)?;
    let index = content
        .localities
        .iter()
        .position(|l| l.dir == rel)
        .ok_or_else(|| Msg::new("template-not-a-locality").path("path", folder))?;
    let locality = &content.localities[index];
    let below = content
        .localities
        .iter()
        .filter(|l| l.parent == Some(index))
        .collect();
    let date = options.date.unwrap_or_else(today);
    let sheet = Sheet {
        site: &content.site,
        locality,
        below,
        date,
        figures: None,
    };
    let lang = content.site.language;
    let path = options.out.clone().unwrap_or_else(|| {
        PathBuf::from(
            Msg::new("template-file-name")
                .arg("name", &locality.name)
                .render(lang),
        )
    });
    if path.exists() {
        return Err(Msg::new("template-exists").path("path", &path).into());
    }
    let bytes = sheet.workbook()?;
    write_new(&path, &bytes)?;
    Ok(Written {
        path,
        rows: sheet.below.len() + 1,
        folder: folder.clone(),
    })
}

/// Writes `bytes` to `path`, which must not exist: through a temporary file beside it, so that
/// an interrupted run leaves no half-written workbook, and never over a file that appeared
/// meanwhile (a filled-in sheet is never lost).
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let failed = |e: &dyn std::fmt::Display| {
        Msg::new("template-not-written")
            .path("path", path)
            .arg("error", e)
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| failed(&e))?;
    tmp.write_all(bytes).map_err(|e| failed(&e))?;
    tmp.persist_noclobber(path).map_err(|e| failed(&e.error))?;
    Ok(())
}

/// Today's date (UTC: a template's date is a suggestion the clerk overwrites).
fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

impl Sheet<'_> {
    /// The workbook's bytes.
    pub fn workbook(&self) -> Result<Vec<u8>, XlsxError> {
        let lang = self.site.language;
        let mut book = Workbook::new();
        let created = excel_date(self.date).unwrap_or_default();
        book.set_properties(
            &DocProperties::new()
                .set_title(self.title(lang))
                .set_creation_datetime(&created),
        );
        self.fill_in(book.add_worksheet(), lang)?;
        self.rules(book.add_worksheet(), lang)?;
        book.save_to_buffer()
    }

    fn title(&self, lang: Language) -> String {
        Msg::new("template-title")
            .arg("name", &self.locality.name)
            .arg("title", &self.site.title)
            .render(lang)
    }

    /// The sheet to fill in.
    fn fill_in(&self, ws: &mut Worksheet, lang: Language) -> Result<(), XlsxError> {
        ws.set_name(Msg::new("template-sheet").render(lang))?;
        let metrics = &self.site.metrics;
        let last_col = (metrics.len() + 1) as u16;
        let title = Format::new().set_bold().set_font_size(14);
        ws.merge_range(0, 0, 0, last_col, &self.title(lang), &title)?;
        let head = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color("#DDEBF7")
            .set_border(rust_xlsxwriter::FormatBorder::Thin);
        ws.write_string_with_format(1, 0, lang.text("locality"), &head)?;
        ws.write_string_with_format(1, 1, lang.text("csv_date"), &head)?;
        for (m, metric) in metrics.iter().enumerate() {
            let header = headed_with_unit(lang, &metric.name, &metric.unit);
            ws.write_string_with_format(1, m as u16 + 2, header, &head)?;
            ws.set_column_width(m as u16 + 2, 14)?;
        }
        ws.set_row_height(1, 32)?;
        ws.set_column_width(0, 18)?;
        ws.set_column_width(1, 13)?;
        let border = rust_xlsxwriter::FormatBorder::Thin;
        let name = Format::new()
            .set_border(border)
            .set_align(FormatAlign::VerticalCenter);
        let day = Format::new()
            .set_num_format("yyyy-mm-dd")
            .set_align(FormatAlign::VerticalCenter)
            .set_border(border)
            .set_unlocked();
        let number = Format::new()
            .set_num_format("#,##0")
            .set_align(FormatAlign::VerticalCenter)
            .set_border(border)
            .set_unlocked();
        let own = Msg::new("template-own-row")
            .arg("name", &self.locality.name)
            .render(lang);
        let names = std::iter::once(own).chain(self.below.iter().map(|l| l.name.clone()));
        let date = excel_date(self.date).unwrap_or_default();
        let mut rows = 0u32;
        for (i, row_name) in names.enumerate() {
            let r = i as u32 + 2;
            ws.set_row_height(r, 20)?;
            ws.write_string_with_format(r, 0, row_name, &name)?;
            ws.write_datetime_with_format(r, 1, &date, &day)?;
            for m in 0..metrics.len() {
                let c = m as u16 + 2;
                match self
                    .figures
                    .as_ref()
                    .and_then(|f| f.get(i)?.get(m).copied().flatten())
                {
                    Some(v) => ws.write_number_with_format(r, c, v as f64, &number)?,
                    None => ws.write_blank(r, c, &number)?,
                };
            }
            rows = r;
        }
        if !metrics.is_empty() {
            let check = DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_input_message(Msg::new("template-cell-input").render(lang))?
                .set_error_message(Msg::new("template-cell-error").render(lang))?;
            ws.add_data_validation(2, 2, rows + 40, last_col, &check)?;
        }
        ws.set_freeze_panes(2, 1)?;
        // Printed for a meeting on A4, landscape, as wide as the page; the header repeats.
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(1, 1)?;
        Ok(())
    }

    /// The sheet that explains how to fill in the first.
    fn rules(&self, ws: &mut Worksheet, lang: Language) -> Result<(), XlsxError> {
        ws.set_name(Msg::new("template-rules-sheet").render(lang))?;
        ws.set_column_width(0, 100)?;
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        let bold = Format::new().set_bold().set_font_size(13);
        let wrap = Format::new().set_text_wrap();
        ws.write_string_with_format(0, 0, Msg::new("template-rules-title").render(lang), &bold)?;
        let folder = crate::paths::slash_relative(Path::new(""), &self.locality.dir);
        let lines = [
            Msg::new("template-rule-rows"),
            Msg::new("template-rule-names").arg("name", &self.locality.name),
            Msg::new("template-rule-date"),
            Msg::new("template-rule-figures"),
            Msg::new("template-rule-more-rows"),
            Msg::new("template-rule-save").arg("folder", folder),
        ];
        let mut r = 2;
        for (i, line) in lines.iter().enumerate() {
            ws.write_string_with_format(r, 0, format!("{}. {}", i + 1, line.render(lang)), &wrap)?;
            r += 1;
        }
        r += 1;
        ws.write_string_with_format(r, 0, Msg::new("template-metrics-title").render(lang), &bold)?;
        r += 1;
        for metric in &self.site.metrics {
            let mut words: Vec<&str> = vec![&metric.key];
            words.extend(metric.aliases.iter().map(String::as_str));
            let mut line = Msg::new("template-metric")
                .arg("name", headed_with_unit(lang, &metric.name, &metric.unit))
                .arg("words", words.join("、"))
                .render(lang);
            if let Some(limit) = metric.at_most {
                line.push_str(
                    &Msg::new("template-metric-limit")
                        .arg("limit", &self.site.metrics[limit].name)
                        .render(lang),
                );
            }
            ws.write_string_with_format(r, 0, line, &wrap)?;
            r += 1;
        }
        Ok(())
    }
}
