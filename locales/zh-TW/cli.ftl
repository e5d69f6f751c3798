# 命令列：minqing 對整次執行的說明。

error-line = 錯誤：{ $text }
interrupted-build = 已停止。{ $out } 維持原樣，未留下任何暫存檔案。
interrupted-archive = 已停止。未產生檔案庫，也未留下任何暫存檔案。
interrupted-serve = 已停止。暫存網站已刪除。
out-is-root = --out { $out } 是檔案系統的根目錄。請為網站另設一個資料夾，例如 --out public
out-is-home = --out { $out } 是您的使用者主資料夾。請為網站另設一個資料夾，例如 --out public
out-is-content = --out { $out } 就是內容資料夾本身。網站應產生到獨立的資料夾，例如與它並列的 --out public
out-holds-content = --out { $out } 包含內容資料夾 { $content }，取代它會刪除內容。請另設一個資料夾，例如 --out public
archive-out-is-folder = --out { $out } 是一個資料夾。請寫出要產生的 zip 檔名，例如 --out report.zip
built = 已產生 { $localities } 個地區、{ $notes } 篇筆記 → { $pages } 個頁面、{ $files } 個檔案，位於 { $out }（{ $warnings } 個警告），用時 { $seconds } 秒
build-failed = 產生失敗：{ $errors } 個錯誤，{ $warnings } 個警告；{ $out } 維持原樣。
check-summary = { $content }：{ $errors } 個錯誤，{ $warnings } 個警告
archived = 已將 { $files } 個檔案封裝為 { $path }（{ $mib } MiB，最上層資料夾 { $top }/）
not-archived = 未封裝：{ $errors } 個錯誤。
init-done = 已在 { $dir } 建立範例網站。產生網站：minqing build --content { $dir }
init-not-empty = { $dir } 不是空資料夾：請為範例網站另選一個新資料夾
init-not-written = 無法寫出 { $path }：{ $error }
rebuilt = 已重新產生整個網站：寫入 { $written } 個檔案，刪除 { $removed } 個，{ $unchanged } 個未變，用時 { $ms } 毫秒
updated = 已更新：寫入 { $written } 個檔案，刪除 { $removed } 個，{ $unchanged } 個未變，用時 { $ms } 毫秒
not-published = 未發布：有 { $errors } 個錯誤。改正之前，網站維持原樣。
watching = 正在監看 { $content } 的變更（按 Ctrl+C 停止）
watching-poll = 正在監看 { $content } 的變更，每 { $seconds } 秒查看一次（按 Ctrl+C 停止）
content-gone = 找不到 { $content }，或其中沒有 site.yaml（網路共用資料夾中斷了？）。網站維持原樣，資料夾恢復後再重新產生。
content-back = { $content } 已恢復，正在重新產生網站。
poll-invalid = --poll { $value } 不是時間間隔：請寫數字和單位，例如 --poll 2s、--poll 500ms 或 --poll 1m
poll-too-short = --poll { $value } 太短：每查看一次都要讀遍整個內容資料夾，請至少用 { $min }，例如 --poll 2s
file-watcher-error = 檔案監看出錯：{ $error }
serving = 正在預覽 { $content }：http://{ $addr }/（按 Ctrl+C 停止）
cannot-listen = 無法在 { $bind }:{ $port } 上監聽：{ $error }（請換一個 --port）
# 大型網站產生時的進度列；$pos 和 $len 隨進度填入。
progress-rendering = 正在產生頁面 { $pos }/{ $len }
