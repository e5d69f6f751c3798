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
