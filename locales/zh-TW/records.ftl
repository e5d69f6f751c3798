# 內容檔案中的各項記錄：site.yaml、locality.yaml、筆記開頭的前置資訊，以及其中的日期和數字。

## 整個檔案。$file 是檔名；筆記的前置資訊為 front-matter。
file-empty = { $file ->
    [front-matter] 前置資訊是空的
   *[other] { $file } 是空的
}
file-empty-hint = 至少要寫一行 `name: …`，格式見 README 的「內容格式」一節
file-not-mapping = { $file ->
    [front-matter] 前置資訊應由若干行 `鍵: 值` 組成
   *[other] { $file } 應由若干行 `鍵: 值` 組成
}
file-not-mapping-hint = 每行以鍵名開頭，後接半形冒號「:」，如 `name: 泉港區`

## 鍵名。
unknown-key = 無法識別的鍵名 `{ $key }`
did-you-mean = 是不是想寫 `{ $key }`？
allowed-keys = 此處可用的鍵名：{ $keys }
key-missing = 缺少 `{ $key }`
key-missing-hint = 請新增一行 `{ $key }: …`
key-empty = `{ $key }` 沒有填寫內容
key-empty-hint = 請在 `{ $key }: ` 後面填寫內容

## 值的類型不對。
not-text = `{ $key }` 應為一行文字
not-text-hint = 請把值寫在同一行，如 `{ $key }: 東湖鎮`，不要加 [ ] 或 {"{"} {"}"}
not-a-list = `{ $key }` 應為清單
not-a-list-hint = 每一項寫成一行 `- …`，縮排在鍵名下方
phases-not-a-list-hint = 每個階段寫成一行 `- {"{"}key: …, name: …, start: YYYY-MM-DD, end: YYYY-MM-DD{"}"}`
metrics-not-a-list-hint = 每項指標寫成一行 `- {"{"}key: …, name: …, unit: …{"}"}`
reports-not-a-list-hint = 每次填報以 `- date: YYYY-MM-DD` 開頭，縮排在 `reports:` 下方
not-a-mapping = `{ $key }` 應由若干行 `鍵: 值` 組成
not-a-mapping-hint = 每行縮排寫一對 `鍵: 值`
phase-not-a-mapping = 每個階段都要有 key、name、start 和 end
phase-not-a-mapping-hint = 寫成 `- {"{"}key: study, name: 學習教育, start: 2014-02-01, end: 2014-04-30{"}"}`
metric-not-a-mapping = 每項指標都要有 key 和 name
metric-not-a-mapping-hint = 寫成 `- {"{"}key: meetings_held, name: 座談會, unit: 場{"}"}`
report-not-a-mapping = 每次填報應由若干行 `鍵: 值` 組成，並以 `- date:` 開頭
report-not-a-mapping-hint = 每次填報寫成 `- date: YYYY-MM-DD`，下面接著寫各項數字，縮排在 `reports:` 下方

## 日期。
date-not-scalar = 日期應寫成 YYYY-MM-DD 的形式
date-not-scalar-hint = 請在同一行寫一個日期，如 `date: 2014-09-10`
date-read-as = 日期 `{ $text }` 已按 { $date } 讀取
date-read-as-hint = 日期請統一寫成 YYYY-MM-DD
not-a-date = `{ $text }` 不是有效的日期
not-a-date-hint = 日期請寫成 YYYY-MM-DD，如 2014-09-10
implausible-year = `{ $text }` 的年份不合常理
implausible-year-hint = 日期請寫成 YYYY-MM-DD，年份寫滿四位
no-such-day = { $date } 不是有效的日期
no-such-day-hint = 請核對月和日：{ $month } 沒有 { $day } 日

## 數字。
figure-not-scalar = 數字應為單獨一個數
figure-not-scalar-hint = 請在同一行寫一個數，如 `opinions_collected: 1.3萬`
figure-read-as = `{ $text }` 中的全形數字已按 { $value } 讀取
figure-read-as-hint = 輸入數字時請把輸入法切換到半形
figure-empty = 數字沒有填寫
figure-empty-hint = 請填寫數字，如 57 或 1.3萬；沒有數字的請刪除此行
not-a-figure = `{ $text }` 不是數字
not-a-figure-hint = 請用阿拉伯數字書寫，可帶「萬」「億」，約數可加「餘」「多」，如 57、10.9萬、1.3萬餘
not-whole = `{ $text }` 不是整數
not-whole-hint = 數字統計的是戶數、意見條數、事項數，請填寫整數
figure-too-large = `{ $text }` 數值過大
figure-too-large-hint = 請核對位數和單位（萬、億）
negative-figure = `{ $key }` 為負數（{ $value }）
negative-figure-hint = 數字是截至當日的累計數，不能小於零

## site.yaml。
unknown-language = 無法識別的語言 `{ $code }`
unknown-language-hint = 請使用以下之一：{ $codes }
bad-theme = `{ $theme }` 不能用作主題資料夾名稱
bad-theme-hint = 請填寫 themes/ 下的資料夾名稱，用小寫英文字母，如 `theme: intranet`
bad-notes-per-page = `notes_per_page` 應為 1 到 1000 之間的整數
bad-notes-per-page-hint = 請寫成如 `notes_per_page: 20`，或刪除此行
phase-no-date = 該階段缺少 `{ $key }` 日期
phase-no-date-hint = 請為該階段新增 `{ $key }: YYYY-MM-DD`
phase-ends-before-start = 階段 `{ $key }` 的結束日期（{ $end }）早於開始日期（{ $start }）
phase-ends-before-start-hint = 請核對兩個日期：`start` 是第一天，`end` 是最後一天
duplicate-phase = 有兩個階段的 key 都是 `{ $key }`
duplicate-phase-hint = 每個階段的 `key:` 不能重複
bad-metric-key = `{ $key }` 不能用作指標的 key
bad-metric-key-hint = 請用小寫英文字母、數字和「_」，如 `meetings_held`，且不能是 date、phase 或 note
duplicate-metric = 有兩項指標的 key 都是 `{ $key }`
duplicate-metric-hint = 每項指標的 `key:` 不能重複
unknown-metric = `at_most: { $key }` 沒有對應的其他指標
unknown-metric-hint = 請填寫另一項指標的 key：{ $keys }

## locality.yaml。
bad-slug = `{ $slug }` 不是有效的 slug
bad-slug-hint = 請用小寫英文字母、數字和「-」，如 `{ $suggestion }`
extra-not-text = `extra.{ $key }` 應為一行文字
extra-not-text-hint = 請寫一行文字，如 `{ $key }: 王某`
extra-not-a-mapping = `extra` 應由若干對 `鍵: 值` 組成
extra-not-a-mapping-hint = 請寫成如 `extra: {"{"}區委書記: 洪自強{"}"}`，或每行縮排寫一對 `鍵: 值`
report-no-date = 這次填報沒有寫 `date`
report-no-date-hint = 請為這次填報新增 `date: YYYY-MM-DD`
duplicate-date = 有兩次填報的日期都是 { $date }
duplicate-date-hint = 請合併為一次填報，或改正日期（另一次在第 { $line } 行）
outside-phases = { $date } 不在 site.yaml 規定的任何階段之內
outside-phases-hint = 請核對日期，或在 site.yaml 中延長階段
unknown-phase = 無法識別的階段 `{ $key }`
unknown-phase-none-hint = site.yaml 中沒有規定階段：請在那裡的 `phases:` 下新增，或刪除此行
unknown-phase-hint = site.yaml 中的階段：{ $keys }
phase-mismatch = 這次填報寫的是階段 `{ $key }`，但 { $date } 屬於階段 `{ $actual }`（{ $start } 至 { $end }）
phase-mismatch-hint = 請改正日期或階段
exceeds-limit = `{ $key }`（{ $value }）超過了 `{ $limit }`（{ $cap }）
exceeds-limit-hint = { $name }不能超過{ $limit_name }，請核對這兩個數字
decreasing-figure = `{ $key }` 從 { $before }（{ $before_date }）降到了 { $value }（{ $date }）
decreasing-figure-hint = 數字是截至當日的累計數，後一次填報不應小於前一次

## 筆記的前置資訊。
front-matter-unclosed = 前置資訊沒有結束
front-matter-unclosed-hint = 請在前置資訊末尾加一行三個連字號：---
no-front-matter = 這篇筆記沒有前置資訊（標題和日期）
no-front-matter-hint = 請在筆記開頭加上這樣一段：
    ---
    title: 標題
    date: 2014-09-10
    ---
    （是不是漏了 `---` 這兩行？）
note-no-date = 缺少 `date`
note-no-date-hint = 請在前置資訊中新增一行 `date: YYYY-MM-DD`
tags-not-a-list = `tags` 應為清單，如 [整改落實, 會議]
tags-not-a-list-hint = 請寫成 `tags: [整改落實, 會議]`，方括號和逗號用半形

## 用名稱指稱指標和階段。
aliases-not-a-list = `aliases` 應為名稱清單
aliases-not-a-list-hint = 請寫成如 `aliases: [走訪戶數, 入戶走訪]`
metric-word-taken = `{ $word }` 同時指稱兩項指標：`{ $other }` 和 `{ $key }`
metric-word-taken-hint = 填報時可用指標的 key、名稱或別名來填數字，所以每項指標的名稱和別名不能與其他指標重複
metric-word-reserved = `{ $word }` 是填報記錄本身使用的鍵名（date、phase、note）
metric-word-reserved-hint = 請給這項指標換一個名稱或別名
duplicate-phase-name = 名稱 `{ $name }` 已是階段 `{ $other }` 的名稱
duplicate-phase-name-hint = 填報時可用名稱指稱階段，所以各階段的名稱不能重複
metric-given-twice = `{ $key }` 和 `{ $first }` 是同一項數字（{ $name }），在一次填報中填了兩次
metric-given-twice-hint = 請只保留一個：`{ $first }` 在第 { $line } 行
bad-stale-after-days = `stale_after_days` 應為 1 到 3650 之間的整數天數
bad-stale-after-days-hint = 請寫成如 `stale_after_days: 14`；刪除此行則按兩週計
