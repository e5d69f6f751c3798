//! The languages of the interface: every string a page shows that does not come from content.
//!
//! A theme reads these as `t.<key>`; a site in `language: en` gets English everywhere, including
//! number formats (see `format`) and the built-in metric names.

use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "zh-TW")]
    ZhTw,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub const ALL: [&'static str; 3] = ["zh-CN", "zh-TW", "en"];

    pub fn parse(code: &str) -> Option<Language> {
        match code.trim() {
            "zh-CN" | "zh-cn" | "zh" | "zh-Hans" => Some(Language::ZhCn),
            "zh-TW" | "zh-tw" | "zh-Hant" | "zh-HK" => Some(Language::ZhTw),
            "en" | "en-US" | "en-GB" => Some(Language::En),
            _ => None,
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::ZhTw => "zh-TW",
            Language::En => "en",
        }
    }

    fn column(self) -> usize {
        match self {
            Language::ZhCn => 0,
            Language::ZhTw => 1,
            Language::En => 2,
        }
    }

    /// All interface strings in this language, keyed as the templates use them.
    pub fn strings(self) -> BTreeMap<&'static str, &'static str> {
        STRINGS
            .iter()
            .map(|(k, v)| (*k, v[self.column()]))
            .collect()
    }

    /// One interface string.
    pub fn text(self, key: &str) -> &'static str {
        STRINGS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v[self.column()])
            .unwrap_or("")
    }

    /// A date without its year, as a sentence names it: `9月10日`, `September 10`.
    pub fn month_day(self, date: Date) -> String {
        self.text("date_in_month")
            .replace("{month}", self.month_name(date.month()))
            .replace("{day}", &date.day().to_string())
    }

    /// When `date` was, as seen from `now`: its day in the same month (`9月3日`), its month in
    /// the same year (`5月`), else its month and year (`2013年12月`).
    pub fn month_since(self, date: Date, now: Date) -> String {
        if date.year() != now.year() {
            self.text("month_in_year")
                .replace("{year}", &date.year().to_string())
                .replace("{month}", self.month_name(date.month()))
        } else if date.month() != now.month() {
            self.month_name(date.month()).to_string()
        } else {
            self.month_day(date)
        }
    }

    fn month_name(self, month: i8) -> &'static str {
        let index = usize::try_from(month - 1).unwrap_or(0);
        self.text("month_names")
            .split(' ')
            .nth(index)
            .unwrap_or_default()
    }

    /// The built-in campaign metrics, used when site.yaml names none: (key, name, unit, at_most).
    pub fn default_metrics(
        self,
    ) -> Vec<(
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
    )> {
        DEFAULT_METRICS
            .iter()
            .map(|(key, names, units, at_most)| {
                (*key, names[self.column()], units[self.column()], *at_most)
            })
            .collect()
    }
}

type Metric3 = (
    &'static str,
    [&'static str; 3],
    [&'static str; 3],
    Option<&'static str>,
);

const DEFAULT_METRICS: &[Metric3] = &[
    (
        "households_visited",
        ["走访群众", "走訪群眾", "Households visited"],
        ["户", "戶", ""],
        None,
    ),
    (
        "opinions_collected",
        ["征求意见建议", "徵求意見建議", "Opinions collected"],
        ["条", "條", ""],
        None,
    ),
    (
        "problems_found",
        ["查摆问题", "查擺問題", "Problems found"],
        ["个", "個", ""],
        None,
    ),
    (
        "rectifications_planned",
        ["整改事项", "整改事項", "Rectifications planned"],
        ["项", "項", ""],
        None,
    ),
    (
        "rectifications_completed",
        ["完成整改", "完成整改", "Rectifications completed"],
        ["项", "項", ""],
        Some("rectifications_planned"),
    ),
];

const STRINGS: &[(&str, [&str; 3])] = &[
    ("home", ["首页", "首頁", "Home"]),
    (
        "skip_to_content",
        ["跳到正文", "跳到正文", "Skip to content"],
    ),
    ("key_figures", ["主要数据", "主要數據", "Key figures"]),
    ("as_of", ["截至", "截至", "As of"]),
    (
        "slowest_first",
        [
            "按整改完成率从低到高排列。",
            "按整改完成率從低到高排列。",
            "Listed from the lowest completion rate up.",
        ],
    ),
    (
        "print_briefing",
        ["打印简报", "列印簡報", "Print the briefing"],
    ),
    (
        "print_footer",
        [
            "{name} · 数据截至 {date}",
            "{name} · 數據截至 {date}",
            "{name} · figures as of {date}",
        ],
    ),
    (
        "change_since",
        ["较上次上报", "較上次上報", "since the report of"],
    ),
    (
        "change_since_sum",
        [
            "较 {date} 汇总",
            "較 {date} 匯總",
            "since the sum of {date}",
        ],
    ),
    ("no_change", ["持平", "持平", "no change"]),
    ("no_figures", ["暂无数据", "暫無數據", "No figures yet"]),
    (
        "rolled_up",
        ["由下级汇总", "由下級匯總", "sum of sub-localities"],
    ),
    ("reported", ["本级上报", "本級上報", "reported"]),
    (
        "children_sum",
        ["下级合计", "下級合計", "sum of sub-localities"],
    ),
    (
        "carried_from",
        [
            "沿用 {date} 上报数",
            "沿用 {date} 填報數",
            "carried forward from {date}",
        ],
    ),
    (
        "older_children",
        [
            "截至 {date}，含 {n} 个下级 {oldest}的数据",
            "截至 {date}，含 {n} 個下級 {oldest}的數據",
            "As of {date}, the figures of {n} of the sub-localities are from {oldest}",
        ],
    ),
    (
        "older_children_mixed",
        [
            "截至 {date}，含 {n} 个下级的较早数据（最早为 {oldest}）",
            "截至 {date}，含 {n} 個下級的較早數據（最早為 {oldest}）",
            "As of {date}, the figures of {n} of the sub-localities are older, the oldest from {oldest}",
        ],
    ),
    (
        "month_names",
        [
            "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
            "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
            "January February March April May June July August September October November December",
        ],
    ),
    (
        "date_in_month",
        ["{month}{day}日", "{month}{day}日", "{month} {day}"],
    ),
    (
        "month_in_year",
        ["{year}年{month}", "{year}年{month}", "{month} {year}"],
    ),
    (
        "approximate_note",
        [
            "“余”“多”表示约数",
            "「餘」「多」表示約數",
            "+ marks an approximate figure",
        ],
    ),
    ("localities", ["地区", "地區", "Localities"]),
    ("sub_localities", ["下级地区", "下級地區", "Sub-localities"]),
    (
        "top_localities",
        ["各地进展", "各地進展", "Progress by locality"],
    ),
    ("locality", ["地区", "地區", "Locality"]),
    ("csv_path", ["路径", "路徑", "Path"]),
    ("csv_name", ["名称", "名稱", "Name"]),
    ("csv_parent", ["上级路径", "上級路徑", "Parent path"]),
    ("csv_date", ["截至日期", "截至日期", "As of"]),
    (
        "csv_approximate",
        ["{name}是否约数", "{name}是否約數", "{name} approximate"],
    ),
    (
        "csv_unit",
        ["{name}（{unit}）", "{name}（{unit}）", "{name} ({unit})"],
    ),
    ("level", ["层级", "層級", "Level"]),
    (
        "completion_rate",
        ["整改完成率", "整改完成率", "Completion rate"],
    ),
    ("latest_report", ["最新报告", "最新報告", "Latest report"]),
    (
        "sort_by_column",
        ["按此列排序", "按此欄排序", "Sort by this column"],
    ),
    ("notes", ["工作动态", "工作動態", "Notes"]),
    ("all_notes", ["全部动态", "全部動態", "All notes"]),
    ("latest_notes", ["最新动态", "最新動態", "Latest notes"]),
    ("no_notes", ["暂无动态", "暫無動態", "No notes yet"]),
    ("more_notes", ["更多动态", "更多動態", "More notes"]),
    ("tags", ["标签", "標籤", "Tags"]),
    ("tag", ["标签", "標籤", "Tag"]),
    (
        "notes_tagged",
        ["标签下的动态", "標籤下的動態", "Notes tagged"],
    ),
    ("date", ["日期", "日期", "Date"]),
    ("source", ["来源", "來源", "Source"]),
    ("author", ["作者", "作者", "Author"]),
    ("page", ["页", "頁", "Page"]),
    ("previous_page", ["上一页", "上一頁", "Previous"]),
    ("next_page", ["下一页", "下一頁", "Next"]),
    ("pagination", ["分页", "分頁", "Pagination"]),
    ("breadcrumbs", ["位置", "位置", "Breadcrumbs"]),
    ("phase", ["阶段", "階段", "Phase"]),
    ("phases", ["活动阶段", "活動階段", "Campaign phases"]),
    ("reports", ["上报记录", "上報記錄", "Reports"]),
    ("charts", ["图表", "圖表", "Charts"]),
    ("data_quality", ["数据质量", "數據質量", "Data quality"]),
    (
        "data_quality_intro",
        [
            "以下各项是本级上报数低于下级合计数的情况，请核对原始数据。",
            "以下各項是本級上報數低於下級合計數的情況，請核對原始數據。",
            "Each entry below is a figure reported by a locality that is lower than the sum of its sub-localities. Please check the source data.",
        ],
    ),
    (
        "data_quality_none",
        [
            "未发现数据问题。",
            "未發現數據問題。",
            "No data-quality problems found.",
        ],
    ),
    ("reporting", ["上报情况", "填報情況", "Reporting"]),
    (
        "reporting_intro",
        [
            "截至 {date}，以下地区超过 {days} 天未上报或从未上报（含其上级），请督促报送：",
            "截至 {date}，以下地區超過 {days} 天未填報或從未填報（含其上級），請督促報送：",
            "As of {date}, these localities have not reported for more than {days} days, or never (with the localities above them):",
        ],
    ),
    (
        "reporting_current",
        [
            "截至 {date}，各地区在 {days} 天内都有上报。",
            "截至 {date}，各地區在 {days} 天內都有填報。",
            "As of {date}, every locality has reported within {days} days.",
        ],
    ),
    (
        "reporting_home",
        [
            "{n} 个地区超过 {days} 天未上报",
            "{n} 個地區超過 {days} 天未填報",
            "{n} localities have not reported for more than {days} days",
        ],
    ),
    (
        "reporting_self",
        [
            "本地区及其下级已超过 {days} 天未上报，最近一次上报在 {date}。",
            "本地區及其下級已超過 {days} 天未填報，最近一次填報在 {date}。",
            "This locality and those below it have not reported for more than {days} days; the latest report was on {date}.",
        ],
    ),
    (
        "reporting_self_never",
        [
            "本地区及其下级从未上报。",
            "本地區及其下級從未填報。",
            "Neither this locality nor any below it has ever reported.",
        ],
    ),
    (
        "reporting_below",
        [
            "以下下级地区超过 {days} 天未上报或从未上报（连同其下级共 {n} 个地区），请督促报送：",
            "以下下級地區超過 {days} 天未填報或從未填報（連同其下級共 {n} 個地區），請督促報送：",
            "These sub-localities have not reported for more than {days} days, or never ({n} localities with those below them):",
        ],
    ),
    (
        "reporting_below_current",
        [
            "各下级地区在 {days} 天内都有上报。",
            "各下級地區在 {days} 天內都有填報。",
            "Every sub-locality has reported within {days} days.",
        ],
    ),
    (
        "reporting_more",
        [
            "另有 {n} 个地区未列出，完整数据见数据下载。",
            "另有 {n} 個地區未列出，完整資料見資料下載。",
            "{n} more are not listed; the data downloads have them all.",
        ],
    ),
    (
        "latest_own",
        ["本级最近上报", "本級最近填報", "Latest own report"],
    ),
    (
        "latest_subtree",
        ["含下级最近上报", "含下級最近填報", "Latest report below"],
    ),
    ("never_reported", ["从未上报", "從未填報", "never"]),
    (
        "build_warnings",
        ["生成时的提示", "產生時的提示", "Warnings from the build"],
    ),
    (
        "build_warnings_intro",
        [
            "生成网站时发现以下问题，网站照常发布。请按所列文件和行号逐一核对。",
            "產生網站時發現以下問題，網站照常發布。請按所列檔案和行號逐一核對。",
            "The build found the problems below and published the site anyway. Check each at the file and line given.",
        ],
    ),
    ("metric", ["指标", "指標", "Metric"]),
    ("file", ["文件", "文件", "File"]),
    ("downloads", ["数据下载", "數據下載", "Data downloads"]),
    (
        "downloads_top",
        [
            "数据下载（各最上级地区）",
            "數據下載（各最上級地區）",
            "Data downloads (the top-level localities)",
        ],
    ),
    (
        "downloads_subtree",
        [
            "数据下载（{name}及其全部下级）",
            "數據下載（{name}及其全部下級）",
            "Data downloads ({name} and every locality below it)",
        ],
    ),
    (
        "downloads_children",
        [
            "数据下载（{name}及其直属下级）",
            "數據下載（{name}及其直屬下級）",
            "Data downloads ({name} and the localities directly below it)",
        ],
    ),
    (
        "download_json",
        ["全部数据（JSON）", "全部數據（JSON）", "All data (JSON)"],
    ),
    (
        "download_xlsx",
        [
            "最新数据表（Excel）",
            "最新數據表（Excel）",
            "Latest figures (Excel)",
        ],
    ),
    (
        "xlsx_sheet",
        ["各地最新数据", "各地最新數據", "Latest figures"],
    ),
    (
        "download_csv",
        [
            "最新数据表（CSV，可用 Excel 打开）",
            "最新數據表（CSV，可用 Excel 開啟）",
            "Latest figures (CSV, opens in Excel)",
        ],
    ),
    ("not_found", ["页面不存在", "頁面不存在", "Page not found"]),
    (
        "not_found_text",
        [
            "您要找的页面不存在，可能已被移动或删除。",
            "您要找的頁面不存在，可能已被移動或刪除。",
            "The page you are looking for does not exist. It may have been moved or removed.",
        ],
    ),
    (
        "back_home",
        ["返回首页", "返回首頁", "Back to the home page"],
    ),
    (
        "generated_by",
        ["由 minqing 生成", "由 minqing 生成", "Generated by minqing"],
    ),
    ("in_locality", ["所属地区", "所屬地區", "Locality"]),
    ("whole_site", ["全部地区", "全部地區", "All localities"]),
    ("value", ["数值", "數值", "Value"]),
    ("chart_progress", ["工作进展", "工作進展", "Progress"]),
    (
        "chart_opinions_by_child",
        [
            "各地征求意见建议",
            "各地徵求意見建議",
            "Opinions collected by locality",
        ],
    ),
    (
        "chart_opinions_over_time",
        [
            "征求意见建议累计",
            "徵求意見建議累計",
            "Opinions collected over time",
        ],
    ),
    (
        "chart_rectification_by_child",
        [
            "各地整改完成情况",
            "各地整改完成情況",
            "Rectifications completed by locality",
        ],
    ),
    (
        "chart_ranking",
        [
            "各地整改完成率排名",
            "各地整改完成率排名",
            "Localities ranked by completion rate",
        ],
    ),
    (
        "chart_completion_over_time",
        [
            "整改完成率变化",
            "整改完成率變化",
            "Completion rate over time",
        ],
    ),
    (
        "chart_timeline",
        [
            "活动阶段与最新报告",
            "活動階段與最新報告",
            "Campaign phases and the latest report",
        ],
    ),
    (
        "chart_no_data",
        [
            "暂无数据，无法绘制此图。",
            "暫無數據，無法繪製此圖。",
            "No figures yet, so there is nothing to draw.",
        ],
    ),
    (
        "chart_data",
        ["查看图表数据", "查看圖表數據", "Show the numbers"],
    ),
    (
        "chart_data_in",
        [
            "图表数据见“{table}”表",
            "圖表數據見「{table}」表",
            "The numbers are in the table “{table}”",
        ],
    ),
    ("chart_completed", ["已完成", "已完成", "Completed"]),
    ("chart_open", ["未完成", "未完成", "Still open"]),
    ("chart_cumulative", ["累计", "累計", "cumulative"]),
    ("search", ["搜索", "搜尋", "Search"]),
    (
        "search_label",
        [
            "搜索地区和动态",
            "搜尋地區和動態",
            "Search localities and notes",
        ],
    ),
    (
        "search_hint",
        [
            "输入地区名称，或标题、正文中的词语。",
            "輸入地區名稱，或標題、正文中的詞語。",
            "Type a locality's name or words from a note.",
        ],
    ),
    (
        "search_noscript",
        [
            "搜索需要启用 JavaScript。也可以从首页按地区浏览，或查看全部动态。",
            "搜尋需要啟用 JavaScript。也可以從首頁按地區瀏覽，或查看全部動態。",
            "Search needs JavaScript. You can still browse by locality from the home page, or read all notes.",
        ],
    ),
    (
        "search_results",
        ["找到 {n} 条结果", "找到 {n} 筆結果", "{n} results"],
    ),
    (
        "search_result_one",
        ["找到 1 条结果", "找到 1 筆結果", "1 result"],
    ),
    (
        "search_results_top",
        [
            "找到 {n} 条结果，显示前 {shown} 条",
            "找到 {n} 筆結果，顯示前 {shown} 筆",
            "{n} results; showing the first {shown}",
        ],
    ),
    (
        "search_none",
        [
            "没有找到与“{q}”相关的内容。",
            "沒有找到與「{q}」相關的內容。",
            "Nothing found for “{q}”.",
        ],
    ),
    (
        "search_unavailable",
        [
            "搜索索引未能加载，请重新生成网站。",
            "搜尋索引未能載入，請重新產生網站。",
            "The search index did not load. Please build the site again.",
        ],
    ),
    ("feed", ["订阅（Atom）", "訂閱（Atom）", "Atom feed"]),
    ("chart_start", ["开始", "開始", "Start"]),
    ("chart_end", ["结束", "結束", "End"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_has_three_languages() {
        for (key, v) in STRINGS {
            assert!(
                v.iter().all(|s| !s.is_empty()),
                "{key} has an empty translation"
            );
        }
        assert_eq!(Language::En.text("home"), "Home");
        assert_eq!(Language::ZhTw.text("home"), "首頁");
    }

    #[test]
    fn dates_in_sentences_read_in_each_language() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        let now = d(2014, 9, 10);
        assert_eq!(Language::ZhCn.month_day(now), "9月10日");
        assert_eq!(Language::En.month_day(now), "September 10");
        assert_eq!(Language::ZhCn.month_since(d(2014, 5, 7), now), "5月");
        assert_eq!(Language::En.month_since(d(2014, 5, 7), now), "May");
        assert_eq!(Language::ZhTw.month_since(d(2014, 9, 3), now), "9月3日");
        assert_eq!(
            Language::ZhCn.month_since(d(2013, 12, 1), now),
            "2013年12月"
        );
        assert_eq!(
            Language::En.month_since(d(2013, 12, 1), now),
            "December 2013"
        );
        for lang in [Language::ZhCn, Language::ZhTw, Language::En] {
            assert_eq!(lang.text("month_names").split(' ').count(), 12);
        }
    }

    #[test]
    fn parses_language_codes() {
        assert_eq!(Language::parse("zh-CN"), Some(Language::ZhCn));
        assert_eq!(Language::parse("en"), Some(Language::En));
        assert_eq!(Language::parse("fr"), None);
    }
}
