//! Typed views that templates see. Each is built from the model for one page; paths in views
//! are site-relative and templates prefix them with `root`, so one view can serve any page.

use crate::content::SiteConfig;
use crate::figure::format;
use crate::i18n::Language;
use crate::model::{Locality, Note, Series, SiteModel};
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
    /// `232.4万余`
    pub value: String,
    /// `2,324,000余`
    pub full: String,
    pub approximate: bool,
    /// `+1.2万` since the previous date in the series.
    pub change: Option<String>,
    pub previous_date: Option<String>,
    /// No own report: the figure is the sum of the sub-localities.
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
}

/// A row of a series table: all metrics at one date.
#[derive(Serialize)]
pub struct SeriesRow {
    pub date: String,
    pub phase: Option<String>,
    pub cells: Vec<SeriesCell>,
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
    pub cards: Vec<FigureCard>,
    pub rates: Vec<RateCard>,
    pub metrics: Vec<MetricHead>,
    pub series: Vec<SeriesRow>,
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
                part: format::full(part, lang),
                whole: format::full(whole, lang),
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
    let (m, metric) = site
        .metrics
        .iter()
        .enumerate()
        .find(|(_, m)| m.at_most.is_some())?;
    let last = series.len().checked_sub(1)?;
    let part = series.effective(last, m)?;
    let whole = series.effective(last, metric.at_most?)?;
    format::rate(part.value, whole.value)
}

pub fn figures(series: &Series, site: &SiteConfig) -> FiguresView {
    let lang = site.language;
    let mut cards = Vec::new();
    for (m, metric) in site.metrics.iter().enumerate() {
        let Some((i, f)) = series.latest(m) else {
            continue;
        };
        let previous = (0..i)
            .rev()
            .find_map(|j| series.effective(j, m).map(|p| (j, p)));
        cards.push(FigureCard {
            key: metric.key.clone(),
            name: metric.name.clone(),
            unit: metric.unit.clone(),
            value: format::compact(f, lang),
            full: format::full(f, lang),
            approximate: f.approximate,
            change: previous.and_then(|(_, p)| format::change(f, p, lang)),
            previous_date: previous.map(|(j, _)| series.dates[j].to_string()),
            rolled_up: series.cell(i, m).reported.is_none(),
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
                        .map(|f| format::full(f, lang))
                        .unwrap_or_default(),
                    rolled_up: c.reported.is_none() && c.children_sum.is_some(),
                })
                .collect(),
        })
        .collect();
    FiguresView {
        as_of: series.dates.last().map(|d| d.to_string()),
        cards,
        rates: rates(series, site),
        metrics: metric_heads(site),
        series: series_rows,
    }
}

pub fn locality_row(model: &SiteModel, l: &Locality) -> LocalityRow {
    let lang: Language = model.site.language;
    let last = l.series.len().checked_sub(1);
    LocalityRow {
        name: l.src.name.clone(),
        path: l.page(),
        level: l.src.level.clone(),
        cells: (0..model.site.metrics.len())
            .map(|m| {
                last.and_then(|i| l.series.effective(i, m))
                    .map(|f| format::full(f, lang))
                    .unwrap_or_default()
            })
            .collect(),
        rate: first_rate(&l.series, &model.site),
        latest: l.series.dates.last().map(|d| d.to_string()),
        notes: l.notes.len(),
    }
}

pub fn note_item<'a>(model: &'a SiteModel, n: &'a Note, excerpt: &'a str) -> NoteItem<'a> {
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
pub fn breadcrumbs(
    model: &SiteModel,
    locality: Option<usize>,
    include_self: bool,
) -> Vec<Link<'_>> {
    let mut chain = Vec::new();
    let mut cur = locality;
    let mut first = true;
    while let Some(i) = cur {
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
