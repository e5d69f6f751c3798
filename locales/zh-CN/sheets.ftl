# 读取地区文件夹中的表格（.xlsx、.xls、.ods、.csv）。

unreadable-sheet = 无法读取这个表格：{ $error }
unreadable-sheet-hint = 请用 Excel 或 WPS 打开后另存为 .xlsx 再试；如果文件设置了密码，请先取消密码
sheet-no-header = 表格中找不到表头：没有一列的标题是站点的指标
sheet-no-header-hint = 表头要有一列地区、一列日期，其余每列的标题写指标名称：{ $names }（可带单位，如“走访群众（户）”）
sheet-no-locality-column = 表头中没有写地区的一列
sheet-no-locality-column-hint = 请把写村、社区或乡镇名称那一列的标题写成“地区”或“单位”
sheet-no-date = 表格中没有日期：表头没有日期一列，标题中也没有写截至日期
sheet-no-date-hint = 请加一列“日期”，或在标题中写明“截至2014年9月10日”
unknown-locality = 这个文件夹下没有叫“{ $name }”的地区
unknown-locality-hint = 这里的下级地区有：{ $names }。本级的数字请写“本级”
unknown-locality-leaf-hint = { $name }没有下级地区：本级的数字请写“本级”；新增下级地区要先建文件夹和 locality.yaml
ambiguous-locality = 有几个地区都叫“{ $name }”：{ $paths }
ambiguous-locality-hint = 请写出文件夹名，或把表格放到更下一级的文件夹里
sheet-row-no-locality = 这一行有数字，但没有写是哪个地区
sheet-row-no-locality-hint = 请在地区一列写上村、社区或乡镇的名称，本级写“本级”
sheet-row-no-date = 这一行没有写日期
sheet-row-no-date-hint = 请填写截至日期，例如 2014-09-10
cell-not-a-figure = 单元格内容“{ $text }”不是数字
cell-not-a-figure-hint = 请填写截至当日的累计数，例如 6200、1.3万余；没有的留空
sheet-columns-not-read = 以下几列不是站点的指标，没有读取：{ $columns }
sheet-columns-not-read-hint = 如果其中有要统计的指标，请在 site.yaml 中为它加上名称或别名（aliases）
sheet-columns-not-read-close-hint = “{ $header }”是不是“{ $name }”？可以改表头，或在 site.yaml 中把它加为别名（aliases）
total-mismatch = { $name }的合计 { $cell } 为 { $total }，但 { $range } 各行相加为 { $sum }
total-mismatch-hint = 请核对各行数字或合计公式；合计行只用于核对，不作为地区读取
figure-given-twice = { $locality } { $date } 的“{ $name }”已经在 { $other } 填写过
figure-given-twice-hint = 同一地区、同一日期的同一项数字只能填一处：请删去 { $other } 或这里的其中一个
