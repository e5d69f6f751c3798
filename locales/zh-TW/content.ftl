# 讀取內容資料夾。

content-not-found = 找不到內容資料夾 { $path }（可執行 `minqing init { $path }` 新建，或以 --content 指定資料夾）
content-is-file = { $path } 是一個檔案，不是資料夾：請指定存放 site.yaml 的資料夾，例如 --content { $folder }
special-file = 這不是一般檔案（是管道、通訊端或裝置檔案），已略過
special-file-hint = 只讀取一般檔案，請將它移出內容資料夾
output-dir-in-content = 這個資料夾是 minqing 產生的網站（內有 { $marker }），不作為內容讀取
output-zip-in-content = 這個 zip 是 minqing 產生的檔案庫，不作為內容讀取
output-in-content-hint = 請將網站或檔案庫產生到內容資料夾之外，例如 --out { $suggestion }
out-will-be-in-content = 輸出資料夾 { $out } 位於內容資料夾之內，不會作為內容讀取
unreadable-entry = 無法讀取：{ $error }
unreadable-file = 無法讀取這個檔案：{ $error }
unreadable-hint = 請檢查是否有讀取權限，或把它移出內容資料夾
symlink = 不跟隨符號連結，已略過這個連結
symlink-hint = 請把檔案或資料夾本身複製到這裡，不要用連結
too-deep = 超過 { $max } 層的資料夾不會讀取
too-deep-hint = 請把資料夾往上移：從省到村一共五層
stray-yaml = 這個 YAML 檔案不會被讀取（也不會發布）
stray-locality-hint = 地區檔案必須正好命名為 `locality.yaml`
stray-yaml-hint = 只讀取 site.yaml 和 locality.yaml；如果這個檔案寫的是地區，請改名
missing-site = 內容資料夾中沒有 site.yaml
missing-site-hint = 請建立 site.yaml，至少寫一行 `title: …`（可參考 `minqing init`）
