# 產生網站結構：輸出檔名和路徑。

name-too-long = 由此檔案產生的輸出名稱 `{ $name }` 長 { $bytes } 位元組，超過檔案系統允許的 { $max } 位元組
name-too-long-slug-hint = 請在這個 locality.yaml 中設定較短的 `slug:`（字母、數字和連字號），或縮短資料夾名稱
name-too-long-file-hint = 請縮短這個檔案或其所在資料夾的名稱
