# 無法讀寫的檔案和資料夾（冒號後是原因）。

io-creating = 建立 { $path } 時出錯
io-reading = 讀取 { $path } 時出錯
io-writing = 寫入 { $path } 時出錯
io-removing = 刪除 { $path } 時出錯
io-keeping = 保留 { $path } 時出錯
io-renaming = 把 { $from } 改名為 { $to } 時出錯
io-copying = 把 { $from } 複製到 { $to } 時出錯
io-moving-aside = 把舊網站 { $path } 移開時出錯
io-moving-in = 把新網站移入 { $path } 時出錯
io-adding = 把 { $path } 加入檔案庫時出錯
io-watching = 監視 { $path } 時出錯
watcher-start = 無法啟動檔案監視
out-not-a-folder = { $out } 已經存在，但不是資料夾：請用 --out 另選一個位置
out-not-ours = { $out } 不是空資料夾，也不是 minqing 產生的（裡面沒有 { $marker } 檔案），為免覆蓋他人檔案，沒有替換它。請用 --out 指定一個空的或新的資料夾。
archive-name-not-ascii = 輸出檔名 { $name } 含有非 ASCII 字元，檔案庫中的檔名必須是 ASCII
note-changed-during-build = 產生網站期間 { $path } 被修改了，本次沒有發布任何內容：請再產生一次
theme-not-found = site.yaml 指定了主題 `{ $theme }`，但找不到 { $path }
template-not-utf8 = 範本 { $name } 不是 UTF-8 文字，請另存為 UTF-8
theme-compiling = 編譯主題範本時出錯
template-render-failed = 用範本 { $template } 產生 { $path } 時出錯：{ $error }
