# minqing template：填报表。

template-no-site = { $path } 不在内容文件夹中（往上找不到 site.yaml）
template-not-a-locality = { $path } 不是地区文件夹（里面没有可用的 locality.yaml）
template-file-name = { $name }填报表.xlsx
template-exists = { $path } 已经存在，没有覆盖：请用 --out 指定另一个文件名，或先把它移走
template-not-written = 无法写出 { $path }：{ $error }
template-done = 已写出填报表 { $path }（{ $rows } 行）。填好后保存到 { $folder } 文件夹中，minqing 生成网站时会读取它
template-title = { $name }{ $title }填报表
template-sheet = 填报
template-own-row = { $name }（本级）
template-cell-input = 填写截至当日的累计数（整数）；约数可写“1.3万余”；没有的留空
template-cell-error = 这里应填整数。如果是约数（如“1.3万余”），可以继续
template-rules-sheet = 填表说明
template-rules-title = 填表说明
template-rule-rows = 每一行填写一个地区截至某一天的累计数。
template-rule-names = 地区一列写下级地区的名称（或文件夹名）；“{ $name }（本级）”或“本级”一行填写本级自身的数字。
template-rule-date = 日期一列写截至日期，例如 2014-09-10；同一个地区可以另起一行填写另一个日期。
template-rule-figures = 数字填写截至当日的累计数，用阿拉伯数字；约数可写“1.3万余”“2100多”；没有的留空，不要填 0。
template-rule-more-rows = 可以在表格下方增加行或写备注、合计行（合计会被核对，不会当作地区），但不要改动表头。
template-rule-save = 填好后把文件保存到内容文件夹的 { $folder } 文件夹中，minqing 会读取它；同一项数字不要在 locality.yaml 中重复填写。
template-metrics-title = 各项指标
template-metric = { $name }：表头也可写作 { $words }
template-metric-limit = ；不能超过{ $limit }
