//! The Hugo twin of a synthetic site, for `scripts/bench`: the content just written, loaded and
//! rolled up by minqing's own library, written again as a Hugo site whose pages show what
//! minqing's pages show, except what only minqing makes (charts, search, feed, data files).
//!
//! - a locality page: breadcrumbs, name and level, the latest figures and completion rate, the
//!   sub-localities' latest figures, completion rates and report dates (slowest completion
//!   first, as minqing orders them), its notes (title, date, locality, tags, excerpt) and the
//!   figures at every report date of its subtree;
//! - the home page: the same for the whole tree, with the phases, the top-level localities (in
//!   folder order) and the eight latest notes;
//! - a note page: breadcrumbs, title, date, locality, tags and its Markdown body;
//! - all notes, and each tag's notes, 20 a page, newest first; the list of tags; a 404.
//!
//! Hugo only renders: every figure is precomputed into the front matter (JSON, the quickest for
//! Hugo to read) as minqing writes it (`13,000余`, `89.5%`, an empty cell for none), with
//! minqing's `figure::format`; the sub-localities' order is given as weights; each note's list
//! excerpt is minqing's. Output paths follow minqing's (`fujian/quanzhoushi/index.html`), so
//! `scripts/bench-verify` can compare the two sites page by page.

use minqing::figure::format;
use minqing::model::{Series, SiteModel};
use minqing::render::views::{completion, completion_at};
use serde_json::{Map, Value, json};
use std::cmp::Ordering;
use std::fs;
use std::io;
use std::path::Path;

/// What was written, for the summary line.
pub struct Written {
    pub localities: usize,
    pub notes: usize,
    pub tags: usize,
}

/// Loads the minqing content in `content` and writes its twin into `hugo` (absent or empty).
pub fn write(content: &Path, hugo: &Path) -> io::Result<Written> {
    let (model, diagnostics) =
        minqing::build::load_model(content).map_err(|e| io::Error::other(format!("{e:#}")))?;
    if diagnostics.has_errors() {
        return Err(io::Error::other(format!(
            "the content in {} has {} errors; `minqing check --content {0}` lists them",
            content.display(),
            diagnostics.errors()
        )));
    }
    let pages = hugo.join("content");
    fs::create_dir_all(&pages)?;
    fs::write(hugo.join("hugo.toml"), config(&model))?;
    for (path, text) in layouts(&model) {
        let file = hugo.join("layouts").join(path);
        fs::create_dir_all(file.parent().expect("a layout is inside layouts/"))?;
        fs::write(file, text)?;
    }

    let mut home = figures(&model.total, &model);
    home.insert("title".into(), model.site.title.clone().into());
    front_matter(&pages.join("_index.md"), home, "")?;
    front_matter(
        &pages.join("notes").join("_index.md"),
        object(json!({"title": "全部动态"})),
        "",
    )?;

    let weights = weights(&model);
    for (i, l) in model.localities.iter().enumerate() {
        let mut params = figures(&l.series, &model);
        params.insert("title".into(), l.src.name.clone().into());
        params.insert("level".into(), l.src.level.clone().into());
        params.insert("weight".into(), weights[i].into());
        params.insert("row".into(), row(&l.series, &model));
        front_matter(&pages.join(&l.dir).join("_index.md"), params, "")?;
    }
    for n in &model.notes {
        let stem = n.path.strip_suffix(".html").unwrap_or(&n.path);
        let params = json!({
            "title": n.src.title,
            "date": n.src.date.to_string(),
            "tags": n.src.tags,
            "description": n.src.excerpt,
        });
        let file = pages.join(format!("{stem}.md"));
        front_matter(&file, object(params), &n.src.body)?;
    }
    // Each tag's pages at minqing's ASCII slug (Hugo's own would be `/tags/会议/`).
    for t in &model.tags {
        let params = json!({"title": t.name, "url": format!("/tags/{}/", t.slug)});
        front_matter(
            &pages.join("tags").join(&t.name).join("_index.md"),
            object(params),
            "",
        )?;
    }
    Ok(Written {
        localities: model.localities.len(),
        notes: model.notes.len(),
        tags: model.tags.len(),
    })
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("front matter is an object"),
    }
}

/// A page: its front matter as one line of JSON, then its Markdown.
fn front_matter(file: &Path, params: Map<String, Value>, body: &str) -> io::Result<()> {
    fs::create_dir_all(file.parent().expect("a page is inside content/"))?;
    let mut text = serde_json::to_string(&params).map_err(io::Error::other)?;
    text.push('\n');
    text.push_str(body);
    fs::write(file, text)
}

/// A locality's figures as its page shows them: the latest figure of each metric (`cards`),
/// the rates of the metrics that have an `at_most` limit (`rates`), the date and phase of the
/// latest report (`asof`, `phase`) and the figures at every date (`rows`; a cell's `r` marks a
/// sum of the sub-localities, shown as rolled up).
fn figures(series: &Series, model: &SiteModel) -> Map<String, Value> {
    let site = &model.site;
    let lang = site.language;
    let phase = |date| {
        site.phase_of(date)
            .map_or("", |p| site.phases[p].name.as_str())
    };
    let cards: Vec<Value> = site
        .metrics
        .iter()
        .enumerate()
        .filter_map(|(m, metric)| {
            let (_, f) = series.latest(m)?;
            Some(
                json!({"name": metric.name, "value": format::figure(f, lang), "unit": metric.unit}),
            )
        })
        .collect();
    let limited = site.metrics.iter().filter(|m| m.at_most.is_some()).count();
    let last = series.len().checked_sub(1);
    let rates: Vec<Value> = site
        .metrics
        .iter()
        .enumerate()
        .filter_map(|(m, metric)| {
            let whole_metric = metric.at_most?;
            let part = series.effective(last?, m)?;
            let whole = series.effective(last?, whole_metric)?;
            let name = if limited == 1 {
                lang.text("completion_rate").to_string()
            } else {
                format!("{} / {}", metric.name, site.metrics[whole_metric].name)
            };
            Some(json!({
                "name": name,
                "value": format::rate(part.value, whole.value)?,
                "parts": format!("{} / {}", format::figure(part, lang), format::figure(whole, lang)),
            }))
        })
        .collect();
    let rows: Vec<Value> = (0..series.len())
        .map(|i| {
            let cells: Vec<Value> = series
                .point(i)
                .map(|c| {
                    let value = c.effective().map(|f| format::figure(f, lang));
                    let mut cell = json!({"v": value.unwrap_or_default()});
                    if c.reported.is_none() && c.children_sum.is_some() {
                        cell["r"] = true.into();
                    }
                    cell
                })
                .collect();
            // The completion rate at that date, as minqing's reports table has it.
            let rate = completion_at(series, &model.site, i)
                .and_then(|(part, whole)| format::rate(part, whole));
            json!({
                "date": series.dates[i].to_string(),
                "phase": phase(series.dates[i]),
                "cells": cells,
                "rate": rate.unwrap_or_default(),
            })
        })
        .collect();
    let mut params = Map::new();
    if let Some(date) = series.dates.last() {
        params.insert("asof".into(), date.to_string().into());
        params.insert("phase".into(), phase(*date).into());
    }
    params.insert("cards".into(), cards.into());
    params.insert("rates".into(), rates.into());
    params.insert("rows".into(), rows.into());
    params
}

/// A locality's row in its parent's table: the figures at its latest date, its completion rate
/// and that date.
fn row(series: &Series, model: &SiteModel) -> Value {
    let lang = model.site.language;
    let last = series.len().checked_sub(1);
    let cells: Vec<String> = (0..model.site.metrics.len())
        .map(|m| {
            last.and_then(|i| series.effective(i, m))
                .map(|f| format::figure(f, lang))
                .unwrap_or_default()
        })
        .collect();
    let rate = completion(series, &model.site).and_then(|(part, whole)| format::rate(part, whole));
    let latest = series.dates.last().map(|d| d.to_string());
    json!({"cells": cells, "rate": rate.unwrap_or_default(), "latest": latest.unwrap_or_default()})
}

/// Each locality's Hugo weight (1 and up, among its siblings), which orders Hugo's `.Sections`
/// as minqing orders its tables: the top-level localities in folder order (the home page), a
/// locality's sub-localities by completion rate, slowest first, those without one last, ties
/// in folder order.
fn weights(model: &SiteModel) -> Vec<usize> {
    let mut weights = vec![0; model.localities.len()];
    for (k, &i) in model.roots.iter().enumerate() {
        weights[i] = k + 1;
    }
    for l in &model.localities {
        let rated = |c: usize| {
            completion(&model.localities[c].series, &model.site).filter(|&(_, whole)| whole > 0)
        };
        let mut children = l.children.clone();
        children.sort_by(|&a, &b| match (rated(a), rated(b)) {
            (Some((pa, wa)), Some((pb, wb))) => {
                (i128::from(pa) * i128::from(wb)).cmp(&(i128::from(pb) * i128::from(wa)))
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        for (k, c) in children.into_iter().enumerate() {
            weights[c] = k + 1;
        }
    }
    weights
}

fn config(model: &SiteModel) -> String {
    let title = serde_json::to_string(&model.site.title).expect("a string serializes");
    format!(
        "baseURL = \"/\"\nlanguageCode = \"zh-CN\"\ntitle = {title}\nhasCJKLanguage = true\n\
         paginate = 20\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\"]\n\
         disableHugoGeneratorInject = true\n\n[taxonomies]\ntag = \"tags\"\n\n\
         [markup.goldmark.renderer]\nunsafe = false\n"
    )
}

/// The layouts, with the site's metrics and phases written into their tables' heads.
fn layouts(model: &SiteModel) -> Vec<(&'static str, String)> {
    let site = &model.site;
    let lang = site.language;
    let mut with_units = String::new();
    let mut plain = String::new();
    for m in &site.metrics {
        with_units.push_str(&format!(
            "<th scope=\"col\" class=\"num\">{}<span class=\"unit\">（{}）</span></th>",
            m.name, m.unit
        ));
        plain.push_str(&format!("<th scope=\"col\" class=\"num\">{}</th>", m.name));
    }
    let phases: String = site
        .phases
        .iter()
        .map(|p| {
            format!(
                "<li><span class=\"phase-name\">{}</span> <span class=\"phase-dates\">{} – {}</span></li>\n",
                p.name, p.start, p.end
            )
        })
        .collect();
    // minqing's reports table has a completion-rate column when a metric has an `at_most`.
    let rated = site.metrics.iter().any(|m| m.at_most.is_some());
    let (rate_head, rate_cell) = if rated {
        (
            "<th scope=\"col\" class=\"num\">{RATE}</th>",
            "<td class=\"num\">{{ .rate }}</td>",
        )
    } else {
        ("", "")
    };
    let fill = |template: &str| {
        template
            .replace("{HEADS_WITH_UNITS}", &with_units)
            .replace("{HEADS}", &plain)
            .replace("{RATE_HEAD}", rate_head)
            .replace("{RATE_CELL}", rate_cell)
            .replace("{RATE}", lang.text("completion_rate"))
            .replace("{PHASES}", &phases)
    };
    vec![
        ("_default/baseof.html", fill(BASEOF)),
        ("_default/list.html", fill(LOCALITY)),
        ("index.html", fill(HOME)),
        ("_default/single.html", fill(NOTE)),
        ("notes/list.html", fill(NOTES)),
        ("tags/term.html", fill(TAG)),
        ("tags/taxonomy.html", fill(TAGS)),
        ("404.html", fill(NOT_FOUND)),
    ]
}

/// The frame of every page, and the pieces several pages share. They are Go templates
/// (`define` and `template`), not partials: a partial call costs Hugo more.
const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
</head>
<body>
<header class="site-header"><div class="wrap"><a class="brand" href="/">{{ site.Title }}</a>
<nav class="site-nav"><ul><li><a href="/">首页</a></li><li><a href="/notes/">工作动态</a></li><li><a href="/tags/">标签</a></li></ul></nav></div></header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap"><p class="generator">由 Hugo 生成</p></div></footer>
</body>
</html>
{{- define "crumbs" }}{{ with .Parent }}{{ template "crumbs" . }}<li><a href="{{ .RelPermalink }}">{{ if .IsHome }}首页{{ else }}{{ .Title }}{{ end }}</a></li>
{{ end }}{{ end }}
{{- define "figures" }}{{ with .Params.cards }}<section class="figures">
<h2>主要数据 <small>截至 {{ $.Params.asof }}{{ with $.Params.phase }} · {{ . }}{{ end }}</small></h2>
<ul class="cards">
{{ range . }}<li class="card"><span class="card-label">{{ .name }}</span> <span class="card-value">{{ .value }}<span class="unit">{{ .unit }}</span></span></li>
{{ end }}{{ range $.Params.rates }}<li class="card rate"><span class="card-label">{{ .name }}</span> <span class="card-value">{{ .value }}</span> <span class="card-change">{{ .parts }}</span></li>
{{ end }}</ul>
</section>
{{ end }}{{ end }}
{{- define "localities" }}<tr><th scope="col">地区</th>{HEADS_WITH_UNITS}<th scope="col" class="num">{RATE}</th><th scope="col">最新报告</th></tr>
</thead>
<tbody>
{{ range . }}{{ $l := . }}{{ with .Params.row }}<tr><th scope="row"><a href="{{ $l.RelPermalink }}">{{ $l.Title }}</a> <span class="level">{{ $l.Params.level }}</span></th>{{ range .cells }}<td class="num">{{ . }}</td>{{ end }}<td class="num">{{ .rate }}</td><td>{{ .latest }}</td></tr>
{{ end }}{{ end }}</tbody>
{{ end }}
{{- define "noteitem" }}{{ $date := .Date.Format "2006-01-02" }}<li><a class="note-title" href="{{ .RelPermalink }}">{{ .Title }}</a>
<div class="note-meta"><time datetime="{{ $date }}">{{ $date }}</time>{{ with .Parent }} · <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ range .GetTerms "tags" }} <a class="tag" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</div>
<p class="note-excerpt">{{ .Description }}</p></li>
{{ end }}
{{- define "series" }}{{ with .Params.rows }}<details class="series">
<summary>上报记录（{{ len . }}）</summary>
<table class="figures-table">
<thead><tr><th scope="col">日期</th><th scope="col">阶段</th>{HEADS}{RATE_HEAD}</tr></thead>
<tbody>
{{ range . }}<tr><th scope="row">{{ .date }}</th><td>{{ .phase }}</td>{{ range .cells }}<td class="num{{ if .r }} rolled-up{{ end }}">{{ .v }}</td>{{ end }}{RATE_CELL}</tr>
{{ end }}</tbody>
</table>
<p class="legend"><span class="rolled-up">由下级汇总</span></p>
</details>
{{ end }}{{ end }}
{{- define "pager" }}<nav class="pager">{{ with .Prev }}<a rel="prev" href="{{ .URL }}">上一页</a>{{ end }} <span>{{ .PageNumber }} / {{ .TotalPages }}</span> {{ with .Next }}<a rel="next" href="{{ .URL }}">下一页</a>{{ end }}</nav>
{{ end -}}
"#;

/// A locality's page (a Hugo section).
const LOCALITY: &str = r#"{{ define "main" }}
<nav class="breadcrumbs" aria-label="位置"><ol>
{{ template "crumbs" . }}</ol></nav>
<div class="page-title"><h1>{{ .Title }} <span class="level">{{ .Params.level }}</span></h1></div>
{{ template "figures" . }}
{{ with .Sections }}<section class="children">
<h2>下级地区</h2>
<table class="figures-table">
<caption id="children-table">{{ $.Title }} · 下级地区</caption>
<thead>
{{ template "localities" . }}</table>
</section>
{{ end }}
{{ with .RegularPages }}<section class="notes-section">
<h2>工作动态</h2>
<ul class="note-list">
{{ range . }}{{ template "noteitem" . }}{{ end }}</ul>
</section>
{{ end }}
{{ template "series" . }}
{{ end }}
"#;

const HOME: &str = r#"{{ define "main" }}
<div class="page-title"><h1>{{ site.Title }}</h1></div>
{{ template "figures" . }}
<section class="phases">
<h2>活动阶段</h2>
<ol class="phases">
{PHASES}</ol>
</section>
<section class="children">
<h2>各地进展</h2>
<table class="figures-table">
<caption id="top-table">地区</caption>
<thead>
{{ template "localities" .Sections }}</table>
</section>
<section class="notes-section">
<h2>最新动态</h2>
<ul class="note-list">
{{ range first 8 site.RegularPages }}{{ template "noteitem" . }}{{ end }}</ul>
<p><a href="/notes/">全部动态（{{ len site.RegularPages }}）</a></p>
</section>
{{ template "series" . }}
{{ end }}
"#;

const NOTE: &str = r#"{{ define "main" }}
<nav class="breadcrumbs" aria-label="位置"><ol>
{{ template "crumbs" . }}</ol></nav>
<article class="note">
<header>
<h1>{{ .Title }}</h1>
<dl class="note-facts">
<div><dt>日期</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></dd></div>
{{ with .Parent }}<div><dt>所属地区</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd></div>{{ end }}
<div><dt>标签</dt><dd>{{ range .GetTerms "tags" }}<a class="tag" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd></div>
</dl>
</header>
<div class="note-body">
{{ .Content }}</div>
</article>
{{ end }}
"#;

const NOTES: &str = r#"{{ define "main" }}
{{ $p := .Paginate site.RegularPages }}<h1>全部动态 <small>{{ $p.PageNumber }} / {{ $p.TotalPages }}</small></h1>
<ul class="note-list">
{{ range $p.Pages }}{{ template "noteitem" . }}{{ end }}</ul>
{{ template "pager" $p }}{{ end }}
"#;

const TAG: &str = r#"{{ define "main" }}
{{ $p := .Paginate .Pages }}<p class="kicker"><a href="/tags/">标签</a></p>
<h1>{{ .Title }} <small>{{ $p.PageNumber }} / {{ $p.TotalPages }}</small></h1>
<ul class="note-list">
{{ range $p.Pages }}{{ template "noteitem" . }}{{ end }}</ul>
{{ template "pager" $p }}{{ end }}
"#;

const TAGS: &str = r#"{{ define "main" }}
<h1>标签</h1>
<ul class="tag-cloud">
{{ range .Data.Terms.Alphabetical }}<li><a class="tag" href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span class="count">{{ .Count }}</span></a></li>
{{ end }}</ul>
{{ end }}
"#;

const NOT_FOUND: &str = r#"{{ define "main" }}
<h1>页面不存在</h1>
<p>您要找的页面不存在，可能已被移动或删除。</p>
<p><a href="/">返回首页</a></p>
{{ end }}
"#;
