# minqing serve：預覽伺服器在終端機和瀏覽器中的提示。

# 以本伺服器不回應的主機名稱送出請求時顯示的頁面（防範 DNS 重新綁定攻擊）。$name 為請求所用的主機名稱，不含連接埠。
serve-host-refused-title = 拒絕存取
serve-host-refused = 本預覽伺服器只回應以 localhost 或 IP 位址送出的請求，不回應「{ $name }」。如需以此名稱存取，請加上 --allow-host { $name } 重新啟動。
# HTTP/1.1 請求缺少 Host 標頭時顯示的頁面。
serve-host-missing-title = 請求有誤
serve-host-missing = 請求缺少 Host 標頭。依 HTTP/1.1 規定，必須提供。
# 以 --out 指定輸出資料夾預覽時，按 Ctrl+C（或收到 SIGTERM、終端機關閉）停止。
interrupted-serve-kept = 已停止。{ $out } 保留最後一次產生的網站。

# 瀏覽器中頁面上方錯誤提示框的第一行。
serve-overlay-intro = minqing：內容有錯誤，網站顯示的是上一次成功產生的版本。
