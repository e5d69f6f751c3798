# minqing template：填報表。

template-no-site = { $path } 不在內容資料夾中（往上找不到 site.yaml）
template-not-a-locality = { $path } 不是地區資料夾（裡面沒有可用的 locality.yaml）
template-file-name = { $name }填報表.xlsx
template-exists = { $path } 已經存在，沒有覆蓋：請用 --out 指定另一個檔名，或先把它移走
template-not-written = 無法寫出 { $path }：{ $error }
template-done = 已寫出填報表 { $path }（{ $rows } 列）。填好後儲存到 { $folder } 資料夾中，minqing 產生網站時會讀取它
template-title = { $name }{ $title }填報表
template-sheet = 填報
template-own-row = { $name }（本級）
template-cell-input = 填寫截至當日的累計數（整數）；約數可寫「1.3萬餘」；沒有的留空
template-cell-error = 這裡應填整數。如果是約數（如「1.3萬餘」），可以繼續
template-rules-sheet = 填表說明
template-rules-title = 填表說明
template-rule-rows = 每一列填寫一個地區截至某一天的累計數。
template-rule-names = 地區一欄寫下級地區的名稱（或資料夾名稱）；「{ $name }（本級）」或「本級」一列填寫本級自身的數字。
template-rule-date = 日期一欄寫截至日期，例如 2014-09-10；同一個地區可以另起一列填寫另一個日期。
template-rule-figures = 數字填寫截至當日的累計數，用阿拉伯數字；約數可寫「1.3萬餘」「2100多」；沒有的留空，不要填 0。
template-rule-more-rows = 可以在表格下方增加列或寫備註、合計列（合計會被核對，不會當作地區），但不要改動表頭。
template-rule-save = 填好後把檔案儲存到內容資料夾的 { $folder } 資料夾中，minqing 會讀取它；同一項數字不要在 locality.yaml 中重複填寫。
template-metrics-title = 各項指標
template-metric = { $name }：表頭也可寫作 { $words }
template-metric-limit = ；不能超過{ $limit }
