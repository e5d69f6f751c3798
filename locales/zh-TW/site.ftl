# site.yaml：網站設定中的問題。

bad-base-url = `{ $value }` 不是完整的網址：base_url 應以 http:// 或 https:// 開頭
bad-base-url-query = `{ $value }` 帶有查詢參數（?…）或錨點（#…），網址中不能有這些部分
bad-base-url-credentials = `{ $value }` 中含有使用者名稱或密碼，會隨每個頁面一併公開
bad-base-url-hint = 請填寫網站發布目錄的完整網址，如 `base_url: http://intranet.example/report/`；網站沒有固定網址者，請刪除此行
