//! `minqing init DIR`: a small starter site that builds, to copy from: a county with a note, a
//! town, and the town's villages, whose latest figures are in a filled-in sheet.

use crate::l10n::Msg;
use anyhow::Result;
use std::fs;
use std::path::Path;

/// The town's filled-in sheet: its own row, then 东村 and 西村, by the built-in metrics
/// (households visited, opinions, problems found, rectifications planned and completed).
const SHEET: &str = "示例县/示例镇/进展填报表.xlsx";
const SHEET_FIGURES: [[Option<i64>; 5]; 3] = [
    [Some(9100), Some(730), None, Some(9), Some(7)],
    [Some(5200), Some(400), None, Some(5), Some(4)],
    [Some(3600), Some(290), None, Some(4), Some(3)],
];

const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        r#"# The site: its title, language and the campaign's phases.
title: 群众路线教育实践活动进展
description: 本地区教育实践活动的走访、征求意见和整改进展。
language: zh-CN            # zh-CN | zh-TW | en
phases:
  - {key: study,   name: 学习教育、听取意见, start: 2014-02-01, end: 2014-04-30}
  - {key: review,  name: 查摆问题、开展批评, start: 2014-05-01, end: 2014-06-30}
  - {key: rectify, name: 整改落实、建章立制, start: 2014-07-01, end: 2014-09-30}
# Without a `metrics:` list the built-in campaign set applies: households_visited,
# opinions_collected, problems_found, rectifications_planned, rectifications_completed.
"#,
    ),
    (
        "示例县/locality.yaml",
        r#"name: 示例县
level: 县
slug: shili
reports:
  - date: 2014-04-20
    households_visited: 3.2万
    opinions_collected: 2100多
  - date: 2014-09-10
    households_visited: 5.6万
    opinions_collected: 4300多
    rectifications_planned: 40
    rectifications_completed: 31
"#,
    ),
    (
        "示例县/示例镇/locality.yaml",
        r#"name: 示例镇
level: 镇
# The figures of 2014-09-10 (the town's own and its villages') are in 进展填报表.xlsx, a
# sheet as `minqing template 示例县/示例镇` writes it, filled in.
reports:
  - date: 2014-04-20
    households_visited: 6800
    opinions_collected: 420
"#,
    ),
    (
        "示例县/示例镇/东村/locality.yaml",
        "name: 东村\nlevel: 村\n",
    ),
    (
        "示例县/示例镇/西村/locality.yaml",
        "name: 西村\nlevel: 村\n",
    ),
    (
        "示例县/2014-04-20-动员会.md",
        r#"---
title: 示例县召开教育实践活动动员会
date: 2014-04-20
source: 县委活动办
tags: [会议, 学习教育]
---
县委召开动员会，部署第一环节工作。

## 主要安排

- 县、镇、村三级干部进村入户走访；
- 设立意见箱和热线电话，广泛征求意见；
- 对群众反映的问题建立台账，即知即改。
"#,
    ),
];

/// Writes the starter site into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<()> {
    let not_written = |path: &Path, e: &dyn std::fmt::Display| {
        Msg::new("init-not-written")
            .path("path", path)
            .arg("error", e)
    };
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| not_written(dir, &e))?;
        if entries.next().is_some() {
            return Err(Msg::new("init-not-empty").path("dir", dir).into());
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| not_written(parent, &e))?;
        }
        fs::write(&path, text).map_err(|e| not_written(&path, &e))?;
    }
    let sheet = filled_sheet(dir)?;
    let path = dir.join(SHEET);
    fs::write(&path, sheet).map_err(|e| not_written(&path, &e))?;
    Ok(())
}

/// The town's sheet, written by the template's code from the starter's own files.
fn filled_sheet(dir: &Path) -> Result<Vec<u8>> {
    let (content, _) = crate::content::load(dir)?;
    let town = Path::new(SHEET).parent().unwrap_or(Path::new(""));
    let index = content
        .localities
        .iter()
        .position(|l| l.dir == town)
        .ok_or_else(|| Msg::new("template-not-a-locality").path("path", town))?;
    let sheet = crate::template::Sheet {
        site: &content.site,
        locality: &content.localities[index],
        below: content
            .localities
            .iter()
            .filter(|l| l.parent == Some(index))
            .collect(),
        date: jiff::civil::date(2014, 9, 10),
        figures: Some(SHEET_FIGURES.iter().map(|r| r.to_vec()).collect()),
    };
    Ok(sheet.workbook()?)
}
