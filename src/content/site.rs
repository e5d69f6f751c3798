//! site.yaml: the site's title, language, address, campaign phases and metrics.

use super::fields::Doc;
use super::record::{self, Day, Field, Item, Open, Raw, Text};
use super::text::Seg;
use crate::han::TextLang;
use crate::i18n::Language;
use crate::l10n::Msg;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use yaml_serde::{Mapping, Value};

/// A stage of the campaign, shown as a band on timelines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    pub key: String,
    pub name: String,
    pub start: Date,
    pub end: Date,
}

/// A figure the offices report, e.g. 征求意见建议 (opinions collected).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub key: String,
    pub name: String,
    pub unit: String,
    /// Index of the metric this one may never exceed (completed ≤ planned); defines a rate.
    pub at_most: Option<usize>,
    /// Other names a report may give the figure under (`aliases:`), e.g. 走访户数.
    pub aliases: Vec<String>,
}

impl Metric {
    /// Every word a report may give this figure under: its key, its name and its aliases.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        [self.key.as_str(), self.name.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// A name as it is compared: full-width letters, digits and signs as half-width, without
/// spaces (full-width ones too), ASCII in lower case, so that `走访 群众`, `走访群众　` and
/// `Households_Visited` find their metric.
pub fn name_form(written: &str) -> String {
    written
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub description: Option<String>,
    pub language: Language,
    pub theme: Option<String>,
    /// The absolute http(s) address the site is published at, ending in `/` (`base_url`). Only
    /// what a server returns for any path (404.html), the feed and the canonical links use it;
    /// every other link stays relative, so the site still works from `file://` and an archive.
    pub base_url: Option<String>,
    pub phases: Vec<Phase>,
    pub metrics: Vec<Metric>,
    pub notes_per_page: usize,
    /// A locality whose latest report is this many days older than the site's latest is
    /// listed as not reporting (`stale_after_days`).
    pub stale_after_days: u32,
    /// Each metric's words (see [`Metric::words`]) in [`name_form`], and the metric.
    #[serde(skip)]
    metric_words: HashMap<String, usize>,
}

impl SiteConfig {
    /// How the content's Chinese is marked on pages in the interface language (see
    /// [`TextLang`]): the site's script is that of its title, phases and metrics.
    pub fn text_lang(&self) -> TextLang {
        let mut sample = self.title.clone();
        for name in self
            .phases
            .iter()
            .map(|p| &p.name)
            .chain(self.metrics.iter().map(|m| &m.name))
        {
            sample.push_str(name);
        }
        TextLang::new(self.language, &sample)
    }

    /// The metric a report's key names: by its key, name or an alias, compared in [`name_form`].
    pub fn metric_named(&self, written: &str) -> Option<usize> {
        self.metric_words.get(&name_form(written)).copied()
    }

    /// The phase a report's `phase:` names: by its key, else by its name (in [`name_form`]).
    pub fn phase_named(&self, written: &str) -> Option<usize> {
        self.phases
            .iter()
            .position(|p| p.key == written)
            .or_else(|| {
                let form = name_form(written);
                self.phases.iter().position(|p| name_form(&p.name) == form)
            })
    }

    /// The phase whose dates contain `date`.
    pub fn phase_of(&self, date: Date) -> Option<usize> {
        self.phases
            .iter()
            .position(|p| p.start <= date && date <= p.end)
    }

    pub fn metric_index(&self, key: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m.key == key)
    }

    /// A configuration for a site with no site.yaml problems to report, used by tests and init.
    pub fn with_title(title: &str) -> SiteConfig {
        SiteConfig {
            title: title.into(),
            description: None,
            language: Language::ZhCn,
            theme: None,
            base_url: None,
            phases: Vec::new(),
            metrics: Vec::new(),
            notes_per_page: 20,
            stale_after_days: STALE_AFTER_DAYS,
            metric_words: HashMap::new(),
        }
        .with_metrics(default_metrics(Language::ZhCn))
    }

    /// The configuration with `metrics` (and the words that name them).
    pub fn with_metrics(mut self, metrics: Vec<Metric>) -> SiteConfig {
        self.metric_words = metrics
            .iter()
            .enumerate()
            .flat_map(|(i, m)| m.words().map(move |w| (name_form(w), i)))
            .collect();
        self.metrics = metrics;
        self
    }
}

fn default_metrics(language: Language) -> Vec<Metric> {
    let defs = language.default_metrics();
    defs.iter()
        .map(|(key, name, unit, at_most)| Metric {
            key: (*key).into(),
            name: (*name).into(),
            unit: (*unit).into(),
            at_most: at_most.and_then(|a| defs.iter().position(|d| d.0 == a)),
            aliases: Vec::new(),
        })
        .collect()
}

/// site.yaml as written.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct SiteYaml {
    title: Field<Text>,
    description: Field<Text>,
    language: Field<Text>,
    theme: Field<Text>,
    phases: Field<Vec<Item<PhaseYaml>>>,
    metrics: Field<Vec<Item<MetricYaml>>>,
    notes_per_page: Field<Raw>,
    base_url: Field<Text>,
    stale_after_days: Field<Raw>,
}

/// Two weeks: campaign offices report weekly or fortnightly.
const STALE_AFTER_DAYS: u32 = 14;

/// One of `phases:`, as written.
#[derive(Deserialize, Default)]
#[serde(rename = "Phase", default, deny_unknown_fields)]
struct PhaseYaml {
    key: Field<Text>,
    name: Field<Text>,
    start: Day,
    end: Day,
}

/// One of `metrics:`, as written.
#[derive(Deserialize, Default)]
#[serde(rename = "Metric", default, deny_unknown_fields)]
struct MetricYaml {
    key: Field<Text>,
    name: Field<Text>,
    unit: Field<Text>,
    at_most: Field<Text>,
    aliases: Field<Raw>,
}

/// Reads site.yaml's parsed value. Problems go into `doc`; a usable config always comes back so
/// that the rest of the content can still be checked.
pub fn parse(value: &Value, doc: &mut Doc) -> SiteConfig {
    let empty = Value::Mapping(Mapping::new());
    let value = match doc.root_mapping(value, "site.yaml") {
        Some(_) => value,
        None => &empty,
    };
    let yaml: SiteYaml = record::read(value, &[], Open::default(), doc).unwrap_or_default();
    let title = yaml
        .title
        .required(doc, "title", &[])
        .unwrap_or_else(|| "minqing".into());
    let description = yaml.description.optional();
    let language = match yaml.language.optional() {
        None => Language::ZhCn,
        Some(code) => Language::parse(&code).unwrap_or_else(|| {
            doc.error(
                "unknown-language",
                &[Seg::Key("language")],
                Msg::new("unknown-language").arg("code", &code),
                Msg::new("unknown-language-hint").arg("codes", Language::ALL.join(", ")),
            );
            Language::ZhCn
        }),
    };
    let theme = yaml.theme.optional();
    if let Some(t) = &theme
        && !crate::slug::is_valid_slug(t)
    {
        doc.error(
            "bad-theme",
            &[Seg::Key("theme")],
            Msg::new("bad-theme").arg("theme", t),
            Msg::new("bad-theme-hint"),
        );
    }
    let notes_per_page = whole_number(
        yaml.notes_per_page,
        1..=1000,
        20,
        doc,
        "notes_per_page",
        ("bad-notes-per-page", "bad-notes-per-page-hint"),
    ) as usize;
    let base_url = yaml
        .base_url
        .optional()
        .and_then(|t| parse_base_url(t, doc));
    let stale_after_days = whole_number(
        yaml.stale_after_days,
        1..=3650,
        STALE_AFTER_DAYS.into(),
        doc,
        "stale_after_days",
        ("bad-stale-after-days", "bad-stale-after-days-hint"),
    ) as u32;
    let phases = match yaml.phases {
        Field::Given(items) => parse_phases(items, doc),
        _ => Vec::new(),
    };
    let metrics = match yaml.metrics {
        Field::Absent | Field::Empty => default_metrics(language),
        Field::Bad => Vec::new(),
        Field::Given(items) => parse_metrics(items, doc),
    };
    SiteConfig {
        title,
        description,
        language,
        theme,
        base_url,
        phases,
        metrics: Vec::new(),
        notes_per_page,
        stale_after_days,
        metric_words: HashMap::new(),
    }
    .with_metrics(metrics)
}

/// A whole number within `range`: `default` when the key is left out, else its error (the
/// message and hint ids in `said`) and `default`.
fn whole_number(
    field: Field<Raw>,
    range: std::ops::RangeInclusive<u64>,
    default: u64,
    doc: &mut Doc,
    key: &'static str,
    said: (&'static str, &'static str),
) -> u64 {
    if matches!(field, Field::Absent | Field::Bad) {
        return default;
    }
    match field.as_given().and_then(|Raw(v)| v.as_u64()) {
        Some(n) if range.contains(&n) => n,
        _ => {
            doc.error(
                "bad-number",
                &[Seg::Key(key)],
                Msg::new(said.0),
                Msg::new(said.1),
            );
            default
        }
    }
}

/// `base_url`, as the url crate writes it (scheme and host in lowercase, the path
/// percent-encoded) and with the `/` that makes it a folder added when it was left off.
fn parse_base_url(text: String, doc: &mut Doc) -> Option<String> {
    let problem = match url::Url::parse(&text) {
        Ok(u) if !matches!(u.scheme(), "http" | "https") => "bad-base-url",
        Err(_) => "bad-base-url",
        Ok(u) if u.query().is_some() || u.fragment().is_some() => "bad-base-url-query",
        Ok(u) if !u.username().is_empty() || u.password().is_some() => "bad-base-url-credentials",
        Ok(mut u) => {
            if !u.path().ends_with('/') {
                let folder = format!("{}/", u.path());
                u.set_path(&folder);
            }
            return Some(u.into());
        }
    };
    doc.error(
        "bad-base-url",
        &[Seg::Key("base_url")],
        Msg::new(problem).arg("value", &text),
        Msg::new("bad-base-url-hint"),
    );
    None
}

fn parse_phases(items: Vec<Item<PhaseYaml>>, doc: &mut Doc) -> Vec<Phase> {
    let mut phases: Vec<Phase> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let Item::Given(yaml) = item else { continue };
        let at = [Seg::Key("phases"), Seg::Index(i)];
        let key = yaml.key.required(doc, "key", &at);
        let name = yaml.name.required(doc, "name", &at);
        let mut date = |day: Day, k: &str| {
            let missing = Msg::new("phase-no-date").arg("key", k);
            day.required(
                doc,
                &at,
                missing,
                Msg::new("phase-no-date-hint").arg("key", k),
            )
        };
        let start = date(yaml.start, "start");
        let end = date(yaml.end, "end");
        let (Some(key), Some(name), Some(start), Some(end)) = (key, name, start, end) else {
            continue;
        };
        if end < start {
            doc.error(
                "bad-phase",
                &at,
                Msg::new("phase-ends-before-start")
                    .arg("key", &key)
                    .arg("end", end)
                    .arg("start", start),
                Msg::new("phase-ends-before-start-hint"),
            );
            continue;
        }
        if phases.iter().any(|p| p.key == key) {
            doc.error(
                "duplicate-key",
                &at,
                Msg::new("duplicate-phase").arg("key", &key),
                Msg::new("duplicate-phase-hint"),
            );
            continue;
        }
        // A report may name its phase by name: two phases of one name could not be told apart.
        if let Some(other) = phases
            .iter()
            .find(|p| name_form(&p.name) == name_form(&name))
        {
            doc.error(
                "duplicate-phase-name",
                &at,
                Msg::new("duplicate-phase-name")
                    .arg("name", &name)
                    .arg("other", &other.key),
                Msg::new("duplicate-phase-name-hint"),
            );
            continue;
        }
        phases.push(Phase {
            key,
            name,
            start,
            end,
        });
    }
    phases.sort_by_key(|p| p.start);
    phases
}

fn parse_metrics(items: Vec<Item<MetricYaml>>, doc: &mut Doc) -> Vec<Metric> {
    let mut metrics = Vec::new();
    let mut at_most_keys = Vec::new();
    // The item in `metrics:` of each metric kept.
    let mut items_of = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let Item::Given(yaml) = item else { continue };
        let at = [Seg::Key("metrics"), Seg::Index(i)];
        let Some(key) = yaml.key.required(doc, "key", &at) else {
            continue;
        };
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || super::locality::report_keys().contains(&key.as_str())
        {
            doc.error(
                "bad-metric-key",
                &[Seg::Key("metrics"), Seg::Index(i), Seg::Key("key")],
                Msg::new("bad-metric-key").arg("key", &key),
                Msg::new("bad-metric-key-hint"),
            );
            continue;
        }
        if metrics.iter().any(|x: &Metric| x.key == key) {
            doc.error(
                "duplicate-key",
                &at,
                Msg::new("duplicate-metric").arg("key", &key),
                Msg::new("duplicate-metric-hint"),
            );
            continue;
        }
        let name = yaml.name.optional().unwrap_or_else(|| key.clone());
        let unit = yaml.unit.as_written().unwrap_or_default();
        at_most_keys.push((metrics.len(), i, yaml.at_most.optional()));
        let aliases = aliases(yaml.aliases, i, doc);
        metrics.push(Metric {
            key,
            name,
            unit,
            at_most: None,
            aliases,
        });
        items_of.push(i);
    }
    resolve_at_most(&mut metrics, at_most_keys, doc);
    check_words(&metrics, &items_of, doc);
    metrics
}

/// A metric's `aliases:`: a list of names, or several in one line (`走访户数，入户走访`).
fn aliases(field: Field<Raw>, i: usize, doc: &mut Doc) -> Vec<String> {
    let Field::Given(Raw(value)) = field else {
        return Vec::new();
    };
    super::fields::word_list(&value).unwrap_or_else(|| {
        doc.error(
            "wrong-type",
            &[Seg::Key("metrics"), Seg::Index(i), Seg::Key("aliases")],
            Msg::new("aliases-not-a-list"),
            Msg::new("aliases-not-a-list-hint"),
        );
        Vec::new()
    })
}

/// Two metrics may not answer to one word (a key, name or alias), nor a metric to a word a
/// report keeps for itself: a report could not say which figure it gives.
fn check_words(metrics: &[Metric], items_of: &[usize], doc: &mut Doc) {
    let mut taken: HashMap<String, usize> = super::locality::report_keys()
        .iter()
        .map(|k| (name_form(k), usize::MAX))
        .collect();
    for (m, metric) in metrics.iter().enumerate() {
        let mut said = false;
        for word in metric.words() {
            let form = name_form(word);
            match taken.get(&form) {
                Some(&other) if other != m && !said => {
                    let (message, hint) = if other == usize::MAX {
                        (
                            Msg::new("metric-word-reserved").arg("word", word),
                            Msg::new("metric-word-reserved-hint"),
                        )
                    } else {
                        (
                            Msg::new("metric-word-taken")
                                .arg("word", word)
                                .arg("key", &metric.key)
                                .arg("other", &metrics[other].key),
                            Msg::new("metric-word-taken-hint"),
                        )
                    };
                    let at = [Seg::Key("metrics"), Seg::Index(items_of[m])];
                    doc.error("duplicate-metric-name", &at, message, hint);
                    said = true;
                }
                Some(_) => {}
                None => {
                    taken.insert(form, m);
                }
            }
        }
    }
}

/// Points each metric's `at_most:` at the metric it names (written as a key, read once all
/// metrics are known).
fn resolve_at_most(
    metrics: &mut [Metric],
    at_most_keys: Vec<(usize, usize, Option<String>)>,
    doc: &mut Doc,
) {
    for (idx, item, target) in at_most_keys {
        let Some(target) = target else { continue };
        match metrics.iter().position(|m| m.key == target) {
            Some(t) if t != idx => metrics[idx].at_most = Some(t),
            _ => {
                let keys: Vec<&str> = metrics.iter().map(|m| m.key.as_str()).collect();
                let hint = match super::fields::suggest(&target, &keys) {
                    Some(s) => Msg::new("did-you-mean").arg("key", s),
                    None => Msg::new("unknown-metric-hint").arg("keys", keys.join(", ")),
                };
                doc.error(
                    "unknown-metric",
                    &[Seg::Key("metrics"), Seg::Index(item), Seg::Key("at_most")],
                    Msg::new("unknown-metric").arg("key", &target),
                    hint,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(text: &str) -> (SiteConfig, Vec<crate::diagnostics::Diagnostic>) {
        let mut doc = Doc::new(text, Path::new("site.yaml"));
        let value = crate::content::text::parse_yaml(text, Path::new("site.yaml")).unwrap();
        let site = parse(&value, &mut doc);
        (site, doc.diagnostics)
    }

    #[test]
    fn full_site_yaml() {
        let (site, diags) = load(
            "title: 进展\nlanguage: en\nphases:\n  - {key: study, name: 学习, start: 2014-02-01, end: 2014-04-30}\nmetrics:\n  - {key: planned, name: 整改事项, unit: 项}\n  - {key: done, name: 完成, unit: 项, at_most: planned}\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(site.language, Language::En);
        assert_eq!(site.phases[0].end, Date::new(2014, 4, 30).unwrap());
        assert_eq!(site.metrics[1].at_most, Some(0));
    }

    /// Was dropped without a word before the records were typed.
    #[test]
    fn a_metrics_unit_must_be_text() {
        let (site, diags) = load("title: x\nmetrics:\n  - key: visits\n    unit: [户]\n");
        let found: Vec<_> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(found, [("wrong-type", Some(4))]);
        assert_eq!(site.metrics[0].unit, "");
    }

    #[test]
    fn metrics_and_phases_are_found_by_key_name_or_alias_as_clerks_type_them() {
        let (site, diags) = load(
            "title: x\nphases:\n  - {key: rectify, name: 整改落实, start: 2014-07-01, end: 2014-09-30}\nmetrics:\n  - {key: households_visited, name: 走访群众, aliases: [走访户数]}\n  - {key: meetings_held, name: 座谈会, aliases: 会议场次，座谈场次}\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        for (written, metric) in [
            ("households_visited", Some(0)),
            ("走访群众", Some(0)),
            ("走访 群众　", Some(0)),
            ("走访户数", Some(0)),
            ("ｈｏｕｓｅｈｏｌｄｓ＿ｖｉｓｉｔｅｄ", Some(0)),
            ("Meetings_Held", Some(1)),
            ("座谈场次", Some(1)),
            ("走访", None),
        ] {
            assert_eq!(site.metric_named(written), metric, "{written}");
        }
        assert_eq!(site.phase_named("rectify"), Some(0));
        assert_eq!(site.phase_named("整改 落实"), Some(0));
        assert_eq!(site.phase_named("学习"), None);
    }

    #[test]
    fn defaults_when_metrics_absent() {
        let (site, diags) = load("title: x\n");
        assert!(diags.is_empty());
        assert_eq!(site.metrics.len(), 5);
        assert_eq!(site.metrics[4].at_most, Some(3));
    }

    #[test]
    fn base_url_is_an_absolute_web_address_ending_in_a_slash() {
        for (written, read) in [
            (
                "http://intranet.example/report",
                "http://intranet.example/report/",
            ),
            (
                "https://intranet.example/report/",
                "https://intranet.example/report/",
            ),
            ("HTTP://Intranet.Example", "http://intranet.example/"),
            (
                "http://10.1.2.3:8080/工作/进展",
                "http://10.1.2.3:8080/%E5%B7%A5%E4%BD%9C/%E8%BF%9B%E5%B1%95/",
            ),
        ] {
            let (site, diags) = load(&format!("title: x\nbase_url: {written}\n"));
            assert!(diags.is_empty(), "{written}: {diags:?}");
            assert_eq!(site.base_url.as_deref(), Some(read), "{written}");
        }
        let (site, diags) = load("title: x\nbase_url:\n");
        assert!(diags.is_empty());
        assert_eq!(site.base_url, None);
    }

    #[test]
    fn bad_base_url_is_an_error_at_its_line_with_a_hint() {
        for (written, message) in [
            ("intranet/report", "bad-base-url"),
            ("ftp://x/", "bad-base-url"),
            ("file:///D:/report/", "bad-base-url"),
            ("http://", "bad-base-url"),
            ("http://x/report/?v=1", "bad-base-url-query"),
            ("http://x/report/#top", "bad-base-url-query"),
            ("http://admin:123456@x/report/", "bad-base-url-credentials"),
        ] {
            let (site, diags) = load(&format!(
                "title: x\nlanguage: en\nbase_url: \"{written}\"\n"
            ));
            assert_eq!(site.base_url, None, "{written}");
            assert_eq!(diags.len(), 1, "{written}: {diags:?}");
            let d = &diags[0];
            assert_eq!((d.code, d.line), ("bad-base-url", Some(3)), "{written}");
            assert_eq!(d.message, Msg::new(message).arg("value", written).into());
            assert!(d.message.contains(&format!("`{written}`")), "{}", d.message);
            assert!(d.hint.as_ref().unwrap().contains("base_url: http://"));
        }
    }

    #[test]
    fn reports_unknown_keys_with_line() {
        let (_, diags) = load("title: x\nlangauge: en\n");
        assert_eq!(diags[0].code, "unknown-key");
        assert_eq!(diags[0].line, Some(2));
        assert_eq!(
            diags[0].hint.as_ref().map(|h| h.to_string()).as_deref(),
            Some("did you mean `language`?")
        );
    }
}
