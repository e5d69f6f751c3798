# 讀取內容資料夾。

content-not-found = 找不到內容資料夾 { $path }（可執行 `minqing init { $path }` 新建，或以 --content 指定資料夾）
content-is-file = { $path } 是一個檔案，不是資料夾：請指定存放 site.yaml 的資料夾，例如 --content { $folder }
special-file = 這不是一般檔案（是管道、通訊端或裝置檔案），已略過
special-file-hint = 只讀取一般檔案，請將它移出內容資料夾
output-dir-in-content = 這個資料夾是 minqing 產生的網站（內有 { $marker }），不作為內容讀取
output-zip-in-content = 這個 zip 是 minqing 產生的檔案庫，不作為內容讀取
output-in-content-hint = 請將網站或檔案庫產生到內容資料夾之外，例如 --out { $suggestion }
out-will-be-in-content = 輸出資料夾 { $out } 位於內容資料夾之內，不會作為內容讀取
