# 内容文件中的各项记录：site.yaml、locality.yaml、笔记开头的前置信息，以及其中的日期和数字。

## 整个文件。$file 是文件名；笔记的前置信息为 front-matter。
file-empty = { $file ->
    [front-matter] 前置信息是空的
   *[other] { $file } 是空的
}
file-empty-hint = 至少要写一行 `name: …`，格式见 README 的“内容格式”一节
file-not-mapping = { $file ->
    [front-matter] 前置信息应由若干行 `键: 值` 组成
   *[other] { $file } 应由若干行 `键: 值` 组成
}
file-not-mapping-hint = 每行以键名开头，后接半角冒号“:”，如 `name: 泉港区`

## 键名。
unknown-key = 无法识别的键名 `{ $key }`
did-you-mean = 是不是想写 `{ $key }`？
allowed-keys = 此处可用的键名：{ $keys }
key-missing = 缺少 `{ $key }`
key-missing-hint = 请添加一行 `{ $key }: …`
key-empty = `{ $key }` 没有填写内容
key-empty-hint = 请在 `{ $key }: ` 后面填写内容

## 值的类型不对。
not-text = `{ $key }` 应为一行文字
not-text-hint = 请把值写在同一行，如 `{ $key }: 东湖镇`，不要加 [ ] 或 {"{"} {"}"}
not-a-list = `{ $key }` 应为列表
not-a-list-hint = 每一项写成一行 `- …`，缩进在键名下方
phases-not-a-list-hint = 每个阶段写成一行 `- {"{"}key: …, name: …, start: YYYY-MM-DD, end: YYYY-MM-DD{"}"}`
metrics-not-a-list-hint = 每项指标写成一行 `- {"{"}key: …, name: …, unit: …{"}"}`
reports-not-a-list-hint = 每次上报以 `- date: YYYY-MM-DD` 开头，缩进在 `reports:` 下方
not-a-mapping = `{ $key }` 应由若干行 `键: 值` 组成
not-a-mapping-hint = 每行缩进写一对 `键: 值`
phase-not-a-mapping = 每个阶段都要有 key、name、start 和 end
phase-not-a-mapping-hint = 写成 `- {"{"}key: study, name: 学习教育, start: 2014-02-01, end: 2014-04-30{"}"}`
metric-not-a-mapping = 每项指标都要有 key 和 name
metric-not-a-mapping-hint = 写成 `- {"{"}key: meetings_held, name: 座谈会, unit: 场{"}"}`
report-not-a-mapping = 每次上报应由若干行 `键: 值` 组成，并以 `- date:` 开头
report-not-a-mapping-hint = 每次上报写成 `- date: YYYY-MM-DD`，下面接着写各项数字，缩进在 `reports:` 下方

## 日期。
date-not-scalar = 日期应写成 YYYY-MM-DD 的形式
date-not-scalar-hint = 请在同一行写一个日期，如 `date: 2014-09-10`
date-read-as = 日期 `{ $text }` 已按 { $date } 读取
date-read-as-hint = 日期请统一写成 YYYY-MM-DD
not-a-date = `{ $text }` 不是有效的日期
not-a-date-hint = 日期请写成 YYYY-MM-DD，如 2014-09-10
implausible-year = `{ $text }` 的年份不合常理
implausible-year-hint = 日期请写成 YYYY-MM-DD，年份写满四位
no-such-day = { $date } 不是有效的日期
no-such-day-hint = 请核对月和日：{ $month } 没有 { $day } 日

## 数字。
figure-not-scalar = 数字应为单独一个数
figure-not-scalar-hint = 请在同一行写一个数，如 `opinions_collected: 1.3万`
figure-read-as = `{ $text }` 中的全角数字已按 { $value } 读取
figure-read-as-hint = 输入数字时请把输入法切换到半角
figure-empty = 数字没有填写
figure-empty-hint = 请填写数字，如 57 或 1.3万；没有数字的请删除此行
not-a-figure = `{ $text }` 不是数字
not-a-figure-hint = 请用阿拉伯数字书写，可带“万”“亿”，约数可加“余”“多”，如 57、10.9万、1.3万余
not-whole = `{ $text }` 不是整数
not-whole-hint = 数字统计的是户数、意见条数、事项数，请填写整数
figure-too-large = `{ $text }` 数值过大
figure-too-large-hint = 请核对位数和单位（万、亿）
negative-figure = `{ $key }` 为负数（{ $value }）
negative-figure-hint = 数字是截至当日的累计数，不能小于零

## site.yaml。
unknown-language = 无法识别的语言 `{ $code }`
unknown-language-hint = 请使用以下之一：{ $codes }
bad-theme = `{ $theme }` 不能用作主题文件夹名
bad-theme-hint = 请填写 themes/ 下的文件夹名，用小写英文字母，如 `theme: intranet`
bad-notes-per-page = `notes_per_page` 应为 1 到 1000 之间的整数
bad-notes-per-page-hint = 请写成如 `notes_per_page: 20`，或删除此行
phase-no-date = 该阶段缺少 `{ $key }` 日期
phase-no-date-hint = 请为该阶段添加 `{ $key }: YYYY-MM-DD`
phase-ends-before-start = 阶段 `{ $key }` 的结束日期（{ $end }）早于开始日期（{ $start }）
phase-ends-before-start-hint = 请核对两个日期：`start` 是第一天，`end` 是最后一天
duplicate-phase = 有两个阶段的 key 都是 `{ $key }`
duplicate-phase-hint = 每个阶段的 `key:` 不能重复
bad-metric-key = `{ $key }` 不能用作指标的 key
bad-metric-key-hint = 请用小写英文字母、数字和“_”，如 `meetings_held`，且不能是 date、phase 或 note
duplicate-metric = 有两项指标的 key 都是 `{ $key }`
duplicate-metric-hint = 每项指标的 `key:` 不能重复
unknown-metric = `at_most: { $key }` 没有对应的其他指标
unknown-metric-hint = 请填写另一项指标的 key：{ $keys }

## locality.yaml。
bad-slug = `{ $slug }` 不是有效的 slug
bad-slug-hint = 请用小写英文字母、数字和“-”，如 `{ $suggestion }`
extra-not-text = `extra.{ $key }` 应为一行文字
extra-not-text-hint = 请写一行文字，如 `{ $key }: 王某`
extra-not-a-mapping = `extra` 应由若干对 `键: 值` 组成
extra-not-a-mapping-hint = 请写成如 `extra: {"{"}区委书记: 洪自强{"}"}`，或每行缩进写一对 `键: 值`
report-no-date = 这次上报没有写 `date`
report-no-date-hint = 请为这次上报添加 `date: YYYY-MM-DD`
duplicate-date = 有两次上报的日期都是 { $date }
duplicate-date-hint = 请合并为一次上报，或改正日期（另一次在第 { $line } 行）
outside-phases = { $date } 不在 site.yaml 规定的任何阶段之内
outside-phases-hint = 请核对日期，或在 site.yaml 中延长阶段
unknown-phase = 无法识别的阶段 `{ $key }`
unknown-phase-none-hint = site.yaml 中没有规定阶段：请在那里的 `phases:` 下添加，或删除此行
unknown-phase-hint = site.yaml 中的阶段：{ $keys }
phase-mismatch = 这次上报写的是阶段 `{ $key }`，但 { $date } 属于阶段 `{ $actual }`（{ $start } 至 { $end }）
phase-mismatch-hint = 请改正日期或阶段
exceeds-limit = `{ $key }`（{ $value }）超过了 `{ $limit }`（{ $cap }）
exceeds-limit-hint = { $name }不能超过{ $limit_name }，请核对这两个数字
decreasing-figure = `{ $key }` 从 { $before }（{ $before_date }）降到了 { $value }（{ $date }）
decreasing-figure-hint = 数字是截至当日的累计数，后一次上报不应小于前一次

## 笔记的前置信息。
front-matter-unclosed = 前置信息没有结束
front-matter-unclosed-hint = 请在前置信息末尾加一行三个连字符：---
no-front-matter = 这篇笔记没有前置信息（标题和日期）
no-front-matter-hint = 请在笔记开头加上这样一段：
    ---
    title: 标题
    date: 2014-09-10
    ---
    （是不是漏了 `---` 这两行？）
note-no-date = 缺少 `date`
note-no-date-hint = 请在前置信息中添加一行 `date: YYYY-MM-DD`
tags-not-a-list = `tags` 应为列表，如 [整改落实, 会议]
tags-not-a-list-hint = 请写成 `tags: [整改落实, 会议]`，方括号和逗号用半角

## 用名称指代指标和阶段。
aliases-not-a-list = `aliases` 应为名称列表
aliases-not-a-list-hint = 请写成如 `aliases: [走访户数, 入户走访]`
metric-word-taken = `{ $word }` 同时指代两项指标：`{ $other }` 和 `{ $key }`
metric-word-taken-hint = 上报时可用指标的 key、名称或别名来填数字，所以每项指标的名称和别名不能与其他指标重复
metric-word-reserved = `{ $word }` 是上报记录自身使用的键名（date、phase、note）
metric-word-reserved-hint = 请给这项指标换一个名称或别名
duplicate-phase-name = 名称 `{ $name }` 已是阶段 `{ $other }` 的名称
duplicate-phase-name-hint = 上报时可用名称指代阶段，所以各阶段的名称不能重复
metric-given-twice = `{ $key }` 和 `{ $first }` 是同一项数字（{ $name }），在一次上报中填了两次
metric-given-twice-hint = 请只保留一个：`{ $first }` 在第 { $line } 行
bad-stale-after-days = `stale_after_days` 应为 1 到 3650 之间的整数天数
bad-stale-after-days-hint = 请写成如 `stale_after_days: 14`；删除此行则按两周计
