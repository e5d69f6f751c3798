# 讀取地區資料夾中的表格（.xlsx、.xls、.ods、.csv）。

unreadable-sheet = 無法讀取這個表格：{ $error }
unreadable-sheet-hint = 請用 Excel 或 WPS 開啟後另存為 .xlsx 再試；如果檔案設定了密碼，請先取消密碼
sheet-no-header = 表格中找不到表頭：沒有一欄的標題是網站的指標
sheet-no-header-hint = 表頭要有一欄地區、一欄日期，其餘每欄的標題寫指標名稱：{ $names }（可帶單位，如「走訪群眾（戶）」）
sheet-no-locality-column = 表頭中沒有寫地區的一欄
sheet-no-locality-column-hint = 請把寫村、社區或鄉鎮名稱那一欄的標題寫成「地區」或「單位」
sheet-no-date = 表格中沒有日期：表頭沒有日期一欄，標題中也沒有寫截至日期
sheet-no-date-hint = 請加一欄「日期」，或在標題中寫明「截至2014年9月10日」
unknown-locality = 這個資料夾下沒有叫「{ $name }」的地區
unknown-locality-hint = 這裡的下級地區有：{ $names }。本級的數字請寫「本級」
unknown-locality-leaf-hint = { $name }沒有下級地區：本級的數字請寫「本級」；新增下級地區要先建資料夾和 locality.yaml
ambiguous-locality = 有幾個地區都叫「{ $name }」：{ $paths }
ambiguous-locality-hint = 請寫出資料夾名稱，或把表格放到更下一級的資料夾裡
sheet-row-no-locality = 這一列有數字，但沒有寫是哪個地區
sheet-row-no-locality-hint = 請在地區一欄寫上村、社區或鄉鎮的名稱，本級寫「本級」
sheet-row-no-date = 這一列沒有寫日期
sheet-row-no-date-hint = 請填寫截至日期，例如 2014-09-10
cell-not-a-figure = 儲存格內容「{ $text }」不是數字
cell-not-a-figure-hint = 請填寫截至當日的累計數，例如 6200、1.3萬餘；沒有的留空
sheet-columns-not-read = 以下幾欄不是網站的指標，沒有讀取：{ $columns }
sheet-columns-not-read-hint = 如果其中有要統計的指標，請在 site.yaml 中為它加上名稱或別名（aliases）
sheet-columns-not-read-close-hint = 「{ $header }」是不是「{ $name }」？可以改表頭，或在 site.yaml 中把它加為別名（aliases）
total-mismatch = { $name }的合計 { $cell } 為 { $total }，但 { $range } 各列相加為 { $sum }
total-mismatch-hint = 請核對各列數字或合計公式；合計列只用於核對，不作為地區讀取
figure-given-twice = { $locality } { $date } 的「{ $name }」已經在 { $other } 填寫過
figure-given-twice-hint = 同一地區、同一日期的同一項數字只能填一處：請刪去 { $other } 或這裡的其中一個
