//! locality.yaml: one locality's name, level and dated reports of figures.

use super::fields::{Doc, scalar_text, unique};
use super::record::{self, Day, Field, Item, Open, Raw, Text};
use super::site::SiteConfig;
use super::text::Seg;
use crate::diagnostics::Cell;
use crate::figure::Figure;
use crate::l10n::Msg;
use jiff::civil::Date;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use yaml_serde::Value;

/// A locality as written in its folder, before roll-up.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalitySource {
    /// The folder, relative to the content folder.
    pub dir: PathBuf,
    /// The locality.yaml file as messages name it.
    pub file: PathBuf,
    pub name: String,
    pub level: Option<String>,
    /// The slug given in the file, if any (otherwise the folder name decides).
    pub slug: Option<String>,
    pub extra: Vec<(String, String)>,
    /// Sorted by date, no two on one date.
    pub reports: Vec<ReportSource>,
    /// Index of the parent locality in the content's list; set by the loader.
    pub parent: Option<usize>,
}

impl LocalitySource {
    /// The date of its latest report (they are sorted by date).
    pub fn latest_report(&self) -> Option<Date> {
        self.reports.last().map(|r| r.date)
    }

    /// The date of the report before its latest.
    pub fn previous_report(&self) -> Option<Date> {
        self.reports.iter().rev().nth(1).map(|r| r.date)
    }
}

/// One dated "as of" report: cumulative figures for some of the metrics.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSource {
    pub date: Date,
    pub line: Option<usize>,
    /// Indexed like `SiteConfig::metrics`.
    pub values: Vec<Option<Figure>>,
    pub note: Option<String>,
    /// For a report a sheet gave figures to: each such figure's cell, by metric.
    pub cells: Option<Box<[Option<SheetCell>]>>,
}

/// The cell of a spreadsheet a figure was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetCell {
    /// The sheet's file as messages name it.
    pub file: Arc<Path>,
    pub cell: Cell,
}

impl ReportSource {
    /// The cell metric `m`'s figure was read from, when a sheet gave it.
    pub fn cell_of(&self, m: usize) -> Option<&SheetCell> {
        self.cells.as_ref()?.get(m)?.as_ref()
    }
}

/// locality.yaml as written.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct LocalityYaml {
    name: Field<Text>,
    level: Field<Text>,
    slug: Field<Text>,
    extra: Field<Raw>,
    reports: Field<Vec<Item<ReportYaml>>>,
}

/// One of `reports:`, as written: its date, phase and note. Its figures are keys the site's
/// metrics name (an open set), read from the same mapping by [`parse_reports`].
#[derive(Deserialize, Default)]
#[serde(rename = "Report", default)]
struct ReportYaml {
    date: Day,
    phase: Field<Text>,
    note: Field<Text>,
}

/// Keys a report uses for itself, which therefore cannot name metrics.
pub fn report_keys() -> &'static [&'static str] {
    record::keys_of::<ReportYaml>()
}

/// Reads a locality.yaml's parsed value; problems go into `doc`. `None` when it has no name.
pub fn parse(
    value: &Value,
    doc: &mut Doc,
    site: &SiteConfig,
    dir: PathBuf,
) -> Option<LocalitySource> {
    doc.root_mapping(value, "locality.yaml")?;
    let words = unique(site.metrics.iter().flat_map(|m| m.words()));
    let known = |written: &str| site.metric_named(written).is_some();
    let open = Open {
        record: record::REPORT,
        known: &known,
        words: &words,
    };
    let yaml: LocalityYaml = record::read(value, &[], open, doc)?;
    let name = yaml.name.required(doc, "name", &[]);
    let level = yaml.level.optional();
    let slug = yaml.slug.optional().filter(|s| {
        let ok = crate::slug::is_valid_slug(s);
        if !ok {
            doc.error(
                "bad-slug",
                &[Seg::Key("slug")],
                Msg::new("bad-slug").arg("slug", s),
                Msg::new("bad-slug-hint").arg("suggestion", crate::slug::slugify(s)),
            );
        }
        ok
    });
    let extra = match yaml.extra {
        Field::Given(Raw(v)) => parse_extra(&v, doc),
        _ => Vec::new(),
    };
    let reports = match (yaml.reports, value.get("reports")) {
        (Field::Given(items), Some(Value::Sequence(written))) => {
            parse_reports(items, written, doc, site)
        }
        _ => Vec::new(),
    };
    Some(LocalitySource {
        dir,
        file: doc.display.to_path_buf(),
        name: name?,
        level,
        slug,
        extra,
        reports,
        parent: None,
    })
}

/// The line of the locality.yaml at `path` that gives metric `m` in the report of `date`: read
/// again for the rare message that names it beside a sheet's cell.
pub fn figure_line(path: &Path, site: &SiteConfig, date: Date, m: usize) -> Option<usize> {
    let (text, _) = super::read_text(path).ok()?;
    let value = super::text::parse_yaml(&text, path).ok()?;
    let Value::Sequence(reports) = value.get("reports")? else {
        return None;
    };
    let doc = Doc::new(&text, path);
    reports.iter().enumerate().find_map(|(i, r)| {
        let written = scalar_text(r.get("date")?)?;
        if crate::figure::parse_date(&written).ok()?.date != date {
            return None;
        }
        let Value::Mapping(map) = r else { return None };
        map.keys().find_map(|k| {
            let k = k.as_str()?;
            (site.metric_named(k) == Some(m))
                .then(|| doc.line_of(&[Seg::Key("reports"), Seg::Index(i), Seg::Key(k)]))
                .flatten()
        })
    })
}

fn parse_extra(value: &Value, doc: &mut Doc) -> Vec<(String, String)> {
    match value {
        Value::Mapping(m) => m
            .iter()
            .filter_map(|(k, v)| {
                let key = scalar_text(k)?;
                match scalar_text(v) {
                    Some(val) => Some((key, val)),
                    None => {
                        doc.error(
                            "wrong-type",
                            &[Seg::Key("extra"), Seg::Key(&key)],
                            Msg::new("extra-not-text").arg("key", &key),
                            Msg::new("extra-not-text-hint").arg("key", &key),
                        );
                        None
                    }
                }
            })
            .collect(),
        _ => {
            doc.error(
                "wrong-type",
                &[Seg::Key("extra")],
                Msg::new("extra-not-a-mapping"),
                Msg::new("extra-not-a-mapping-hint"),
            );
            Vec::new()
        }
    }
}

/// The reports, sorted by date: `items` as read, `written` the same list as parsed (for the
/// figures, whose keys the site defines).
fn parse_reports(
    items: Vec<Item<ReportYaml>>,
    written: &[Value],
    doc: &mut Doc,
    site: &SiteConfig,
) -> Vec<ReportSource> {
    let mut reports: Vec<(usize, ReportSource)> = Vec::new();
    // The key each report gives each of its figures under, by the report's place in the list.
    let mut written_keys: Vec<Vec<Option<&str>>> = vec![Vec::new(); written.len()];
    for (i, (item, m)) in items.into_iter().zip(written).enumerate() {
        let Item::Given(yaml) = item else { continue };
        let at = [Seg::Key("reports"), Seg::Index(i)];
        let date = yaml.date.required(
            doc,
            &at,
            Msg::new("report-no-date"),
            Msg::new("report-no-date-hint"),
        );
        let (values, keys) = figures(m, i, doc, site);
        let Some(date) = date else { continue };
        check_phase(yaml.phase.as_written(), doc, site, date, &at);
        check_at_most(doc, site, &values, &keys, i);
        written_keys[i] = keys;
        reports.push((
            i,
            ReportSource {
                date,
                line: doc.line_of(&at),
                values,
                note: yaml.note.as_written(),
                cells: None,
            },
        ));
    }
    reports.sort_by_key(|(i, r)| (r.date, *i));
    for pair in reports.windows(2) {
        if pair[0].1.date == pair[1].1.date {
            doc.error(
                "duplicate-date",
                &[Seg::Key("reports"), Seg::Index(pair[1].0), Seg::Key("date")],
                Msg::new("duplicate-date").arg("date", pair[1].1.date),
                Msg::new("duplicate-date-hint").arg("line", pair[0].1.line.unwrap_or(0)),
            );
        }
    }
    reports.dedup_by_key(|(_, r)| r.date);
    check_cumulative(doc, site, &reports, &written_keys);
    reports.into_iter().map(|(_, r)| r).collect()
}

/// A report's figures, indexed like the site's metrics, each read as a figure that is not
/// negative, with the key it was given under (a metric's key, name or alias). A metric given
/// twice (under two of its names) is an error naming both.
fn figures<'v>(
    report: &'v Value,
    i: usize,
    doc: &mut Doc,
    site: &SiteConfig,
) -> (Vec<Option<Figure>>, Vec<Option<&'v str>>) {
    let mut values = vec![None; site.metrics.len()];
    let mut keys: Vec<Option<&str>> = vec![None; site.metrics.len()];
    let Value::Mapping(map) = report else {
        return (values, keys);
    };
    let own = report_keys();
    for (key, v) in map {
        let Value::String(key) = key else { continue };
        let key = key.as_str();
        if own.contains(&key) {
            continue;
        }
        // A key that names no metric is reported with the report's other keys.
        let Some(k) = site.metric_named(key) else {
            continue;
        };
        let path = [Seg::Key("reports"), Seg::Index(i), Seg::Key(key)];
        if let Some(first) = keys[k] {
            let first_at = [Seg::Key("reports"), Seg::Index(i), Seg::Key(first)];
            doc.error(
                "metric-given-twice",
                &path,
                Msg::new("metric-given-twice")
                    .arg("key", key)
                    .arg("first", first)
                    .arg("name", &site.metrics[k].name),
                Msg::new("metric-given-twice-hint")
                    .arg("first", first)
                    .arg("line", doc.line_of(&first_at).unwrap_or(0)),
            );
            continue;
        }
        keys[k] = Some(key);
        let Some(f) = doc.figure(v, &path) else {
            continue;
        };
        if f.figure.value < 0 {
            doc.error(
                "negative-figure",
                &path,
                Msg::new("negative-figure")
                    .arg("key", key)
                    .arg("value", f.figure.value),
                Msg::new("negative-figure-hint"),
            );
            continue;
        }
        values[k] = Some(f.figure);
    }
    (values, keys)
}

fn check_phase(phase: Option<String>, doc: &mut Doc, site: &SiteConfig, date: Date, at: &[Seg]) {
    let by_date = site.phase_of(date);
    if by_date.is_none() && !site.phases.is_empty() {
        let mut path = at.to_vec();
        path.push(Seg::Key("date"));
        doc.warning(
            "outside-phases",
            &path,
            Msg::new("outside-phases").arg("date", date),
            Msg::new("outside-phases-hint"),
        );
    }
    let Some(key) = phase else {
        return;
    };
    let mut path = at.to_vec();
    path.push(Seg::Key("phase"));
    match site.phase_named(&key) {
        None => {
            let words = site
                .phases
                .iter()
                .flat_map(|p| [p.key.as_str(), p.name.as_str()]);
            let keys = unique(words);
            let hint = match super::fields::suggest(&key, &keys) {
                Some(s) => Msg::new("did-you-mean").arg("key", s),
                None if keys.is_empty() => Msg::new("unknown-phase-none-hint"),
                None => Msg::new("unknown-phase-hint").arg("keys", keys.join(", ")),
            };
            let message = Msg::new("unknown-phase").arg("key", &key);
            doc.error("unknown-phase", &path, message, hint);
        }
        Some(p) if by_date.is_some() && by_date != Some(p) => {
            let actual = &site.phases[by_date.unwrap_or(0)];
            doc.warning(
                "phase-mismatch",
                &path,
                Msg::new("phase-mismatch")
                    .arg("key", &key)
                    .arg("date", date)
                    .arg("actual", &actual.key)
                    .arg("start", actual.start)
                    .arg("end", actual.end),
                Msg::new("phase-mismatch-hint"),
            );
        }
        Some(_) => {}
    }
}

fn check_at_most(
    doc: &mut Doc,
    site: &SiteConfig,
    values: &[Option<Figure>],
    keys: &[Option<&str>],
    i: usize,
) {
    for (k, metric) in site.metrics.iter().enumerate() {
        let (Some(limit), Some(v)) = (metric.at_most, values[k]) else {
            continue;
        };
        let Some(cap) = values[limit] else { continue };
        if v.value > cap.value {
            let limit_key = &site.metrics[limit].key;
            let at = keys[k].unwrap_or(&metric.key);
            doc.error(
                "exceeds-limit",
                &[Seg::Key("reports"), Seg::Index(i), Seg::Key(at)],
                Msg::new("exceeds-limit")
                    .arg("key", &metric.key)
                    .arg("value", v.value)
                    .arg("limit", limit_key)
                    .arg("cap", cap.value),
                Msg::new("exceeds-limit-hint")
                    .arg("name", &metric.name)
                    .arg("limit_name", &site.metrics[limit].name),
            );
        }
    }
}

fn check_cumulative(
    doc: &mut Doc,
    site: &SiteConfig,
    reports: &[(usize, ReportSource)],
    keys: &[Vec<Option<&str>>],
) {
    for (k, metric) in site.metrics.iter().enumerate() {
        let mut last: Option<(Date, i64)> = None;
        for (i, r) in reports {
            let Some(v) = r.values[k] else { continue };
            if let Some((d, prev)) = last
                && v.value < prev
            {
                let at = keys[*i].get(k).copied().flatten().unwrap_or(&metric.key);
                doc.warning(
                    "decreasing-figure",
                    &[Seg::Key("reports"), Seg::Index(*i), Seg::Key(at)],
                    Msg::new("decreasing-figure")
                        .arg("key", &metric.key)
                        .arg("before", prev)
                        .arg("before_date", d)
                        .arg("value", v.value)
                        .arg("date", r.date),
                    Msg::new("decreasing-figure-hint"),
                );
            }
            last = Some((r.date, v.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn site() -> SiteConfig {
        let mut s = SiteConfig::with_title("t");
        s.phases.push(super::super::site::Phase {
            key: "rectify".into(),
            name: "整改".into(),
            start: Date::new(2014, 7, 1).unwrap(),
            end: Date::new(2014, 9, 30).unwrap(),
        });
        s
    }

    fn load(text: &str) -> (Option<LocalitySource>, Vec<crate::diagnostics::Diagnostic>) {
        let path = Path::new("泉港区/locality.yaml");
        let mut doc = Doc::new(text, path);
        let value = crate::content::text::parse_yaml(text, path).unwrap();
        let l = parse(&value, &mut doc, &site(), PathBuf::from("泉港区"));
        (l, doc.diagnostics)
    }

    #[test]
    fn a_report_keeps_its_own_keys_from_metric_names() {
        assert_eq!(report_keys(), ["date", "phase", "note"]);
    }

    #[test]
    fn reads_reports_sorted_with_figures() {
        let (l, diags) = load(
            "name: 泉港区\nlevel: 区\nextra: {区委书记: 洪自强}\nreports:\n  - date: 2014-09-10\n    phase: rectify\n    opinions_collected: 1.3万余\n    rectifications_planned: 57\n    rectifications_completed: 51\n  - date: 2014-07-02\n    opinions_collected: 9000\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let l = l.unwrap();
        assert_eq!(
            l.extra,
            vec![("区委书记".to_string(), "洪自强".to_string())]
        );
        assert_eq!(l.reports[0].date, Date::new(2014, 7, 2).unwrap());
        assert_eq!(l.reports[0].line, Some(10));
        assert_eq!(
            l.reports[1].values[1],
            Some(Figure {
                value: 13_000,
                approximate: true
            })
        );
    }

    #[test]
    fn flags_typos_limits_and_duplicates() {
        let (_, diags) = load(
            "name: x\nreports:\n  - date: 2014-07-02\n    opinons_collected: 5\n    rectifications_planned: 5\n    rectifications_completed: 6\n  - date: 2014-07-02\n",
        );
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert!(codes.contains(&("unknown-key", Some(4))), "{codes:?}");
        assert!(codes.contains(&("exceeds-limit", Some(6))), "{codes:?}");
        assert!(codes.contains(&("duplicate-date", Some(7))), "{codes:?}");
    }

    /// Were dropped without a word before the records were typed.
    #[test]
    fn a_reports_phase_and_note_must_be_text() {
        let (l, diags) = load(
            "name: x\nreports:\n  - date: 2014-07-02\n    note: [写在括号里]\n    phase: {key: rectify}\n",
        );
        let found: Vec<_> = diags
            .iter()
            .map(|d| (d.code, d.line, d.message.render(crate::i18n::Language::En)))
            .collect();
        assert!(
            found.contains(&("wrong-type", Some(4), "`note` must be text".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("wrong-type", Some(5), "`phase` must be text".into())),
            "{found:?}"
        );
        assert_eq!(l.unwrap().reports[0].note, None);
    }

    /// Guards the line lookups a long file's reports share (once quadratic in its reports).
    #[test]
    fn the_last_report_of_a_long_file_has_its_line_and_its_message_quotes_it() {
        let n = 1_000;
        let mut text = String::from("name: x\nreports:\n");
        for i in 0..n {
            let day = Date::new(2014, 7, 1).unwrap() + jiff::Span::new().days(i as i64);
            let completed = if i == n - 1 { 9 } else { 0 };
            text.push_str(&format!(
                "  - date: {day}\n    rectifications_planned: 5\n    rectifications_completed: {completed}\n"
            ));
        }
        let (l, diags) = load(&text);
        // Report i starts on line 3 + 3i.
        let last = 3 + 3 * (n - 1);
        assert_eq!(l.unwrap().reports.last().unwrap().line, Some(last));
        let exceeds: Vec<_> = diags.iter().filter(|d| d.code == "exceeds-limit").collect();
        assert_eq!(exceeds.len(), 1, "{diags:?}");
        assert_eq!(exceeds[0].line, Some(last + 2));
        assert_eq!(
            exceeds[0].source_line.as_deref(),
            Some("    rectifications_completed: 9")
        );
    }

    #[test]
    fn warns_on_decrease_and_outside_phase() {
        let (_, diags) = load(
            "name: x\nreports:\n  - date: 2014-07-02\n    opinions_collected: 50\n  - date: 2014-10-02\n    opinions_collected: 40\n",
        );
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert!(codes.contains(&("outside-phases", Some(5))), "{codes:?}");
        assert!(codes.contains(&("decreasing-figure", Some(6))), "{codes:?}");
    }
}
