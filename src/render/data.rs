//! Data downloads: data/localities.json (every locality's full series) and data/localities.csv
//! (one row per locality with its latest effective figures, UTF-8 with a BOM for Excel).

use crate::model::{Cell, SiteModel};
use serde::Serialize;
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
    keys: &'a [String],
    cells: &'a [Cell],
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
        for (key, cell) in self.keys.iter().zip(self.cells) {
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

/// data/localities.json, pretty-printed so that a diff of two builds reads well.
pub fn localities_json(model: &SiteModel) -> Vec<u8> {
    let keys: Vec<String> = model.site.metrics.iter().map(|m| m.key.clone()).collect();
    let items: Vec<LocalityData> = model
        .localities
        .iter()
        .map(|l| LocalityData {
            path: &l.dir,
            name: &l.name,
            level: l.level.as_deref(),
            parent: l.parent.map(|p| model.localities[p].dir.as_str()),
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
                        cells: l.series.point(i),
                    },
                })
                .collect(),
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&items).unwrap_or_default();
    out.push(b'\n');
    out
}

/// data/localities.csv: path, name, level, parent, date, then each metric (and whether it is
/// approximate), then the completion rate.
pub fn localities_csv(model: &SiteModel) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut header: Vec<String> = ["path", "name", "level", "parent", "date"]
            .map(String::from)
            .to_vec();
        for m in &model.site.metrics {
            header.push(m.key.clone());
            header.push(format!("{}_approximate", m.key));
        }
        header.push("completion_rate".into());
        let _ = w.write_record(&header);
        for l in &model.localities {
            let last = l.series.len().checked_sub(1);
            let mut row = vec![
                l.dir.clone(),
                l.name.clone(),
                l.level.clone().unwrap_or_default(),
                l.parent
                    .map(|p| model.localities[p].dir.clone())
                    .unwrap_or_default(),
                l.series
                    .dates
                    .last()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ];
            for m in 0..model.site.metrics.len() {
                let f = last.and_then(|i| l.series.effective(i, m));
                row.push(f.map(|f| f.value.to_string()).unwrap_or_default());
                row.push(f.map(|f| f.approximate.to_string()).unwrap_or_default());
            }
            row.push(super::views::first_rate(&l.series, &model.site).unwrap_or_default());
            let _ = w.write_record(&row);
        }
        let _ = w.flush();
    }
    out
}
