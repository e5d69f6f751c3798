//! `minqing init DIR`: a small starter site that builds, to copy from.

use anyhow::{Context as _, Result, bail};
use std::fs;
use std::path::Path;

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
reports:
  - date: 2014-04-20
    households_visited: 6800
    opinions_collected: 420
  - date: 2014-09-10
    households_visited: 9100
    opinions_collected: 730
    rectifications_planned: 9
    rectifications_completed: 7
"#,
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
    if dir.exists()
        && fs::read_dir(dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .next()
            .is_some()
    {
        bail!(
            "{} is not empty; choose a new folder for the starter site",
            dir.display()
        );
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}
