//! `minqing init DIR`: a small starter site that builds, to copy from.

use anyhow::{Context as _, Result, bail};
use std::fs;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        "# The site: its title, language and the campaign's phases.\n\
title: 群众路线教育实践活动进展\n\
description: 本地区教育实践活动的走访、征求意见和整改进展。\n\
language: zh-CN            # zh-CN | zh-TW | en\n\
phases:\n\
  - {key: study,   name: 学习教育、听取意见, start: 2014-02-01, end: 2014-04-30}\n\
  - {key: review,  name: 查摆问题、开展批评, start: 2014-05-01, end: 2014-06-30}\n\
  - {key: rectify, name: 整改落实、建章立制, start: 2014-07-01, end: 2014-09-30}\n\
# Without a `metrics:` list the built-in campaign set applies: households_visited,\n\
# opinions_collected, problems_found, rectifications_planned, rectifications_completed.\n",
    ),
    (
        "示例县/locality.yaml",
        "name: 示例县\n\
level: 县\n\
slug: shili\n\
reports:\n\
  - date: 2014-04-20\n\
    households_visited: 3.2万\n\
    opinions_collected: 2100多\n\
  - date: 2014-09-10\n\
    households_visited: 5.6万\n\
    opinions_collected: 4300多\n\
    rectifications_planned: 40\n\
    rectifications_completed: 31\n",
    ),
    (
        "示例县/示例镇/locality.yaml",
        "name: 示例镇\n\
level: 镇\n\
reports:\n\
  - date: 2014-04-20\n\
    households_visited: 6800\n\
    opinions_collected: 420\n\
  - date: 2014-09-10\n\
    households_visited: 9100\n\
    opinions_collected: 730\n\
    rectifications_planned: 9\n\
    rectifications_completed: 7\n",
    ),
    (
        "示例县/2014-04-20-动员会.md",
        "---\n\
title: 示例县召开教育实践活动动员会\n\
date: 2014-04-20\n\
source: 县委活动办\n\
tags: [会议, 学习教育]\n\
---\n\
县委召开动员会，部署第一环节工作。\n\
\n\
## 主要安排\n\
\n\
- 县、镇、村三级干部进村入户走访；\n\
- 设立意见箱和热线电话，广泛征求意见；\n\
- 对群众反映的问题建立台账，即知即改。\n",
    ),
];

/// Writes the starter site into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() && fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?.next().is_some() {
        bail!("{} is not empty; choose a new folder for the starter site", dir.display());
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
