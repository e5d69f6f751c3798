# 命令列：minqing 對整次執行的說明。

error-prefix = 錯誤
interrupted-build = 已停止。{ $out } 維持原樣，未留下任何暫存檔案。
interrupted-archive = 已停止。未產生檔案庫，也未留下任何暫存檔案。
interrupted-serve = 已停止。暫存網站已刪除。
