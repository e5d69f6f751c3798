//! Typed views that templates see. Each is built from the model for one page; paths in views
//! are site-relative and templates make them links with `href` ([`super::href`]), so one view
//! can serve any page.

use super::deps::{Read, Reads};
use crate::content::SiteConfig;
use crate::figure::format;
use crate::i18n::Language;
use crate::model::{Series, SiteModel};
use jiff::civil::Date;
use serde::Serialize;

#[derive(Serialize)]
pub struct Link<'a> {
    pub name: &'a str,
    pub path: String,
}

/// One metric's latest figure, for a key-figure card.
#[derive(Serialize)]
pub struct FigureCard {
    pub key: String,
    pub name: String,
    pub unit: String,
    /// `2,324,000余` ([`format::figure`])
    pub value: String,
    pub approximate: bool,
    /// `+4,000`: since the locality's own previous report of this metric, or, for a figure that
    /// is the sub-localities' sum, since the previous date their sum was taken.
    pub change: Option<String>,
    pub previous_date: Option<String>,
    /// No own report: the figure is the sum of the sub-localities (and `change` is the sum's).
    pub rolled_up: bool,
    pub date: String,
}

#[derive(Serialize)]
pub struct RateCard {
    pub name: String,
    pub value: String,
    pub part: String,
    pub whole: String,
}

#[derive(Serialize)]
pub struct MetricHead {
    pub key: String,
    pub name: String,
    pub unit: String,
}

/// A row of a locality table: a child's latest figures.
#[derive(Serialize)]
pub struct LocalityRow {
    pub name: String,
    pub path: String,
    pub level: Option<String>,
    /// One per metric, formatted for a table; empty when there is no figure.
    pub cells: Vec<String>,
    pub rate: Option<String>,
    pub latest: Option<String>,
    pub notes: usize,
    /// The rate's completed and planned figures, for ordering rows ([`slowest_first`]).
    #[serde(skip)]
    pub completion: Option<(i64, i64)>,
}

/// A row of a series table: all metrics at one date.
#[derive(Serialize)]
pub struct SeriesRow {
    pub date: String,
    pub phase: Option<String>,
    pub cells: Vec<SeriesCell>,
    /// The completion rate at that date ([`completion`]'s pair), when both figures are there:
    /// the numbers of the rate chart too.
    pub rate: Option<String>,
}

#[derive(Serialize)]
pub struct SeriesCell {
    pub value: String,
    /// The figure is the sub-localities' sum, not an own report.
    pub rolled_up: bool,
}

#[derive(Serialize)]
pub struct NoteItem<'a> {
    pub title: &'a str,
    pub path: &'a str,
    pub date: String,
    pub locality: Option<Link<'a>>,
    pub tags: Vec<Link<'a>>,
    pub excerpt: &'a str,
}

#[derive(Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub path: String,
    pub current: bool,
    /// Stands for the pages left out between two links.
    pub gap: bool,
}

#[derive(Serialize)]
pub struct PhaseView {
    pub key: String,
    pub name: String,
    pub start: String,
    pub end: String,
}

/// Everything about a set of figures (a locality or the whole tree) that pages show.
#[derive(Serialize)]
pub struct FiguresView {
    pub as_of: Option<String>,
    /// The campaign phase on the `as_of` date, when one covers it.
    pub phase: Option<String>,
    pub cards: Vec<FigureCard>,
    pub rates: Vec<RateCard>,
    pub metrics: Vec<MetricHead>,
    pub series: Vec<SeriesRow>,
    /// The series table has a completion-rate column: the site has a completed/planned pair.
    pub rated: bool,
    /// Sub-localities whose figures in the latest sums are from earlier dates.
    pub older_children: Option<OlderChildren>,
}

/// The sub-localities whose figures in a parent's latest sums were reported before the
/// parent's date (carried forward): `截至 9月10日，含 2 个下级 5月的数据`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct OlderChildren {
    pub count: usize,
    /// The oldest of their dates, `2014-05-07`.
    pub oldest: String,
    /// The sentence the page shows.
    pub text: String,
}

pub fn metric_heads(site: &SiteConfig) -> Vec<MetricHead> {
    site.metrics
        .iter()
        .map(|m| MetricHead {
            key: m.key.clone(),
            name: m.name.clone(),
            unit: m.unit.clone(),
        })
        .collect()
}

pub fn phases(site: &SiteConfig) -> Vec<PhaseView> {
    site.phases
        .iter()
        .map(|p| PhaseView {
            key: p.key.clone(),
            name: p.name.clone(),
            start: p.start.to_string(),
            end: p.end.to_string(),
        })
        .collect()
}

/// The rate of every metric that has an `at_most` limit, at the latest date.
pub fn rates(series: &Series, site: &SiteConfig) -> Vec<RateCard> {
    let lang = site.language;
    let limited = site.metrics.iter().filter(|m| m.at_most.is_some()).count();
    let Some(last) = series.len().checked_sub(1) else {
        return Vec::new();
    };
    site.metrics
        .iter()
        .enumerate()
        .filter_map(|(m, metric)| {
            let limit = metric.at_most?;
            let part = series.effective(last, m)?;
            let whole = series.effective(last, limit)?;
            let name = if limited == 1 {
                lang.text("completion_rate").to_string()
            } else {
                format!("{} / {}", metric.name, site.metrics[limit].name)
            };
            Some(RateCard {
                name,
                value: format::rate(part.value, whole.value)?,
                part: format::figure(part, lang),
                whole: format::figure(whole, lang),
            })
        })
        .collect()
}

/// The first rate (completion) at the latest date, for tables.
/// A column's header with its unit as an office heads it: `走访群众（户）`, or the name alone.
pub fn headed_with_unit(lang: Language, name: &str, unit: &str) -> String {
    if unit.is_empty() {
        name.to_string()
    } else {
        lang.text("csv_unit")
            .replace("{name}", name)
            .replace("{unit}", unit)
    }
}

pub fn first_rate(series: &Series, site: &SiteConfig) -> Option<String> {
    let (part, whole) = completion(series, site)?;
    format::rate(part, whole)
}

/// The first rate's part and whole (completed, planned) at the latest date.
pub fn completion(series: &Series, site: &SiteConfig) -> Option<(i64, i64)> {
    completion_at(series, site, series.len().checked_sub(1)?)
}

/// The first rate's part and whole at date `i` of `series`.
pub fn completion_at(series: &Series, site: &SiteConfig, i: usize) -> Option<(i64, i64)> {
    let (m, metric) = site
        .metrics
        .iter()
        .enumerate()
        .find(|(_, m)| m.at_most.is_some())?;
    let part = series.effective(i, m)?;
    let whole = series.effective(i, metric.at_most?)?;
    Some((part.value, whole.value))
}

/// Sub-localities in the order a briefing reads them: the slowest completion rate first (the
/// ones without a rate last), ties in the order of the tree.
pub fn slowest_first(rows: &mut [LocalityRow]) {
    let rated = |r: &LocalityRow| r.completion.filter(|&(_, whole)| whole > 0);
    rows.sort_by(|a, b| match (rated(a), rated(b)) {
        // pa/wa < pb/wb without floating point.
        (Some((pa, wa)), Some((pb, wb))) => {
            (pa as i128 * wb as i128).cmp(&(pb as i128 * wa as i128))
        }
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
}

/// The children (by their series) whose latest figure is older than `series`'s latest date,
/// among those whose figures enter a sum that counts there (a metric without its own report).
pub fn older_children(
    series: &Series,
    children: &[&Series],
    site: &SiteConfig,
) -> Option<OlderChildren> {
    let last = series.len().checked_sub(1)?;
    let date = series.dates[last];
    let summed: Vec<usize> = (0..series.metrics())
        .filter(|&m| {
            let c = series.cell(last, m);
            c.reported.is_none() && c.children_sum.is_some()
        })
        .collect();
    let older: Vec<Date> = children
        .iter()
        .filter_map(|c| {
            let i = c.index_at(date)?;
            let entered = summed.iter().any(|&m| c.effective(i, m).is_some());
            (entered && c.dates[i] < date).then_some(c.dates[i])
        })
        .collect();
    let oldest = *older.iter().min()?;
    let lang = site.language;
    let shown = lang.month_since(oldest, date);
    let all_alike = older.iter().all(|&d| lang.month_since(d, date) == shown);
    let key = if all_alike {
        "older_children"
    } else {
        "older_children_mixed"
    };
    Some(OlderChildren {
        count: older.len(),
        oldest: oldest.to_string(),
        text: lang
            .text(key)
            .replace("{date}", &lang.month_day(date))
            .replace("{n}", &older.len().to_string())
            .replace("{oldest}", &shown),
    })
}

/// The figures of `series`, whose sums are over `children` (for [`older_children`]);
/// `previous_own` is the date of the locality's own report before its latest, which a card of an
/// own figure compares with.
pub fn figures(
    series: &Series,
    children: &[&Series],
    previous_own: Option<Date>,
    site: &SiteConfig,
) -> FiguresView {
    let lang = site.language;
    let mut cards = Vec::new();
    for (m, metric) in site.metrics.iter().enumerate() {
        let Some((i, f)) = series.latest(m) else {
            continue;
        };
        // An own figure is compared with the locality's own report of it before the latest; a
        // sum with the sum at the date before. Dates on which only sub-localities reported are
        // not a previous report of a locality that reports itself.
        let rolled_up = series.cell(i, m).reported.is_none();
        let previous = if rolled_up {
            (0..i)
                .rev()
                .find_map(|j| series.effective(j, m).map(|p| (series.dates[j], p)))
        } else {
            // The own figure as of that report (a metric it did not give keeps the value of
            // the report before).
            previous_own.and_then(|d| {
                let j = series.index_at(d)?;
                Some((d, series.cell(j, m).reported?))
            })
        };
        cards.push(FigureCard {
            key: metric.key.clone(),
            name: metric.name.clone(),
            unit: metric.unit.clone(),
            value: format::figure(f, lang),
            approximate: f.approximate,
            change: previous.and_then(|(_, p)| format::change(f, p)),
            previous_date: previous.map(|(d, _)| d.to_string()),
            rolled_up,
            date: series.dates[i].to_string(),
        });
    }
    let series_rows = (0..series.len())
        .map(|i| SeriesRow {
            date: series.dates[i].to_string(),
            phase: site
                .phase_of(series.dates[i])
                .map(|p| site.phases[p].name.clone()),
            cells: series
                .point(i)
                .map(|c| SeriesCell {
                    value: c
                        .effective()
                        .map(|f| format::figure(f, lang))
                        .unwrap_or_default(),
                    rolled_up: c.reported.is_none() && c.children_sum.is_some(),
                })
                .collect(),
            rate: completion_at(series, site, i)
                .and_then(|(part, whole)| format::rate(part, whole)),
        })
        .collect();
    FiguresView {
        as_of: series.dates.last().map(|d| d.to_string()),
        phase: series
            .dates
            .last()
            .and_then(|&d| site.phase_of(d))
            .map(|p| site.phases[p].name.clone()),
        cards,
        rates: rates(series, site),
        metrics: metric_heads(site),
        series: series_rows,
        rated: site.metrics.iter().any(|m| m.at_most.is_some()),
        older_children: older_children(series, children, site),
    }
}

/// Locality `i`'s row in a table of localities: its name, level, latest figures, completion
/// rate and number of notes.
pub fn locality_row(model: &SiteModel, i: usize, reads: &mut Reads) -> LocalityRow {
    reads.extend([Read::Name(i), Read::Figures(i), Read::Record(i)]);
    let l = &model.localities[i];
    let lang: Language = model.site.language;
    let last = l.series.len().checked_sub(1);
    let completion = completion(&l.series, &model.site);
    LocalityRow {
        name: l.src.name.clone(),
        path: l.page(),
        level: l.src.level.clone(),
        cells: (0..model.site.metrics.len())
            .map(|m| {
                last.and_then(|i| l.series.effective(i, m))
                    .map(|f| format::figure(f, lang))
                    .unwrap_or_default()
            })
            .collect(),
        rate: completion.and_then(|(part, whole)| format::rate(part, whole)),
        latest: l.series.dates.last().map(|d| d.to_string()),
        notes: l.notes.len(),
        completion,
    }
}

/// Note `i` as a list shows it: title, address, date, locality, tags and `excerpt`.
pub fn note_item<'a>(
    model: &'a SiteModel,
    i: usize,
    excerpt: &'a str,
    reads: &mut Reads,
) -> NoteItem<'a> {
    let n = &model.notes[i];
    reads.add(Read::NoteHead(i));
    reads.extend(n.src.locality.map(Read::Name));
    NoteItem {
        title: &n.src.title,
        path: &n.path,
        date: n.src.date.to_string(),
        locality: n.src.locality.map(|l| Link {
            name: &model.localities[l].src.name,
            path: model.localities[l].page(),
        }),
        tags: tag_links(model, &n.src.tags),
        excerpt,
    }
}

pub fn tag_links<'a>(model: &SiteModel, tags: &'a [String]) -> Vec<Link<'a>> {
    tags.iter()
        .filter_map(|t| {
            let i = model
                .tags
                .binary_search_by(|x| x.name.as_str().cmp(t))
                .ok()?;
            Some(Link {
                name: t,
                path: format!("tags/{}.html", model.tags[i].slug),
            })
        })
        .collect()
}

/// Breadcrumbs from the home page down to (not including) `locality`.
pub fn breadcrumbs<'m>(
    model: &'m SiteModel,
    locality: Option<usize>,
    include_self: bool,
    reads: &mut Reads,
) -> Vec<Link<'m>> {
    let mut chain = Vec::new();
    let mut cur = locality;
    let mut first = true;
    while let Some(i) = cur {
        reads.add(Read::Name(i));
        let l = &model.localities[i];
        if include_self || !first {
            chain.push(Link {
                name: &l.src.name,
                path: l.page(),
            });
        }
        first = false;
        cur = l.src.parent;
    }
    chain.push(Link {
        name: model.site.language.text("home"),
        path: "index.html".into(),
    });
    chain.reverse();
    chain
}

/// Page links for a paginated list whose page `n` (1-based) lives at `page_path(n)`.
/// Pages linked on either side of the current one in a pager; the first and the last are
/// always linked, and a gap stands for the pages between.
const PAGER_NEIGHBOURS: usize = 2;

/// The pager of page `current` of `total`: a window of pages around the current one, so a list
/// of thousands of pages does not repeat thousands of links on each of them.
pub fn pager(current: usize, total: usize, page_path: &dyn Fn(usize) -> String) -> Pager {
    let low = current.saturating_sub(PAGER_NEIGHBOURS).max(1);
    let high = (current + PAGER_NEIGHBOURS).min(total);
    let mut numbers = Vec::new();
    if low > 1 {
        numbers.push(1);
    }
    // A gap of one page is shown as that page: a "…" would hide nothing.
    if low == 3 {
        numbers.push(2);
    }
    numbers.extend(low..=high);
    if high + 2 == total {
        numbers.push(total - 1);
    }
    if high < total {
        numbers.push(total);
    }
    let mut pages = Vec::with_capacity(numbers.len() + 2);
    let mut previous = 0;
    for n in numbers {
        if n > previous + 1 {
            pages.push(PageLink {
                number: 0,
                path: String::new(),
                current: false,
                gap: true,
            });
        }
        pages.push(PageLink {
            number: n,
            path: page_path(n),
            current: n == current,
            gap: false,
        });
        previous = n;
    }
    Pager {
        current,
        total,
        previous: (current > 1).then(|| page_path(current - 1)),
        next: (current < total).then(|| page_path(current + 1)),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ReportSource;
    use crate::figure::Figure;
    use crate::model::roll_up;

    fn report(month: i8, day: i8, first: i64, site: &SiteConfig) -> ReportSource {
        let mut values = vec![None; site.metrics.len()];
        values[0] = Some(Figure::exact(first));
        ReportSource {
            date: Date::new(2014, month, day).unwrap(),
            line: None,
            values,
            note: None,
            cells: None,
        }
    }

    fn reported(month: i8, day: i8, first: i64, site: &SiteConfig) -> Series {
        roll_up(&[report(month, day, first, site)], &[], site.metrics.len())
    }

    #[test]
    fn a_sum_of_older_figures_says_whose_and_since_when() {
        let mut site = SiteConfig::with_title("t");
        let a = reported(5, 7, 10, &site);
        let b = reported(9, 10, 5, &site);
        let c = reported(9, 3, 3, &site);
        let metrics = site.metrics.len();
        let town = roll_up(&[], &[&a, &b], metrics);
        let older = older_children(&town, &[&a, &b], &site).unwrap();
        assert_eq!(older.count, 1);
        assert_eq!(older.oldest, "2014-05-07");
        assert_eq!(older.text, "截至 9月10日，含 1 个下级 5月的数据");
        let town = roll_up(&[], &[&a, &b, &c], metrics);
        let older = older_children(&town, &[&a, &b, &c], &site).unwrap();
        assert_eq!(
            older.text,
            "截至 9月10日，含 2 个下级的较早数据（最早为 5月）"
        );
        site.language = Language::En;
        assert_eq!(
            older_children(&town, &[&a, &b, &c], &site).unwrap().text,
            "As of September 10, the figures of 2 of the sub-localities are older, the oldest \
             from May"
        );
        // All children current: nothing to say.
        assert_eq!(older_children(&town, &[&b], &site), None);
        // The town's own report counts, not the children's sum.
        let town = roll_up(&[report(9, 10, 100, &site)], &[&a, &b], metrics);
        assert_eq!(older_children(&town, &[&a, &b], &site), None);
    }

    fn shown(current: usize, total: usize) -> String {
        pager(current, total, &|n| format!("p{n}"))
            .pages
            .iter()
            .map(|p| match (p.gap, p.current) {
                (true, _) => "…".to_string(),
                (false, true) => format!("[{}]", p.number),
                (false, false) => p.number.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn pager_shows_a_window_with_the_ends_and_gaps() {
        assert_eq!(shown(1, 1), "[1]");
        assert_eq!(shown(1, 5), "[1] 2 3 4 5");
        assert_eq!(shown(4, 7), "1 2 3 [4] 5 6 7");
        assert_eq!(shown(1, 5000), "[1] 2 3 … 5000");
        assert_eq!(shown(2500, 5000), "1 … 2498 2499 [2500] 2501 2502 … 5000");
        assert_eq!(shown(5000, 5000), "1 … 4998 4999 [5000]");
        // A gap of a single page shows that page instead.
        assert_eq!(shown(5, 9), "1 2 3 4 [5] 6 7 8 9");
        let p = pager(3, 9, &|n| format!("p{n}"));
        assert_eq!(p.previous.as_deref(), Some("p2"));
        assert_eq!(p.next.as_deref(), Some("p4"));
        assert_eq!(p.pages.iter().rfind(|l| !l.gap).unwrap().path, "p9");
    }
}
