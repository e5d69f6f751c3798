# 產生網站結構：輸出檔名和路徑。

name-too-long = 由此檔案產生的輸出名稱 `{ $name }` 長 { $bytes } 位元組，超過檔案系統允許的 { $max } 位元組
name-too-long-slug-hint = 請在這個 locality.yaml 中設定較短的 `slug:`（字母、數字和連字號），或縮短資料夾名稱
name-too-long-file-hint = 請縮短這個檔案或其所在資料夾的名稱
duplicate-slug = 此項對應的輸出路徑 `{ $path }` 已被 { $other } 使用
duplicate-slug-hint = 請給其中一個換一個 `slug:`（地區）或檔名（筆記）
reserved-slug = `{ $slug }` 是網站本身頁面使用的名稱，不能用作地區的 slug
reserved-slug-hint = 請在這個 locality.yaml 中另設一個 `slug:`
reserved-note = 這篇筆記會覆蓋網站本身的頁面 `{ $path }`
reserved-note-hint = 請為這個筆記檔案更名
below-children-sum = { $locality } { $date }：`{ $key }` 為 { $value }，但下級地區合計為 { $sum }
below-children-sum-hint = 請與下級地區的填報數核對這個數字
below-children-sum-carried = { $locality } { $date }：`{ $key }` 沿用 { $reported } 填報的 { $value }，但下級地區合計已達 { $sum }
below-children-sum-carried-hint = 請按 { $date } 的情況重新填報 `{ $key }`，或與下級地區的填報數核對
broken-link = 連結 `{ $link }` 在內容資料夾中找不到對應的檔案
broken-link-hint = 筆記之間的連結寫成指向另一個 .md 檔案的相對路徑，如 ../2014-05-07-綜述.md
broken-image = 圖片 `{ $link }` 在內容資料夾中找不到對應的檔案
broken-image-hint = 請把圖片檔案放進內容資料夾，並寫出它相對於這篇筆記的路徑，如 images/整改.jpg
img-no-alt = 圖片 `{ $image }` 沒有 `alt` 替代文字，螢幕閱讀器無法說明圖片內容
img-no-alt-hint = 請在 alt 屬性中以文字說明圖片內容，如 <img src="images/整改.jpg" alt="整改現場">；純裝飾性的圖片寫 alt=""
