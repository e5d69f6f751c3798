# 讀取檔案的文字和 YAML：編碼、會破壞 YAML 的字元，以及用辦事員的話說明剖析錯誤。

binary-file = 這個檔案不是文字檔（含有 NUL 位元組）
binary-file-hint = 請換成應有的文字檔，或把它移出內容資料夾
unknown-encoding = 這個檔案既不是 UTF-8 也不是 GBK/GB18030 編碼的文字
unknown-encoding-hint = 請用記事本開啟，另存為 UTF-8 編碼
gbk-encoding = 這個檔案以 GBK/GB18030 編碼儲存，已按此編碼讀取
gbk-encoding-hint = 另存為 UTF-8 編碼即可消除此提示（記事本：另存新檔 → 編碼：UTF-8）

tab-indent = 縮排中用了定位字元（Tab）
tab-indent-hint = YAML 只能用空格縮排：請把定位字元換成兩個空格
fullwidth-space = 縮排中用了全形空格「　」
fullwidth-space-hint = YAML 只能用半形空格縮排：請刪去「　」，改用半形空格縮排
fullwidth-punctuation = YAML 結構中出現了全形符號「{ $char }」
fullwidth-colon-hint = 全形冒號「：」——鍵名後面要用半形冒號「:」
fullwidth-comma-hint = 全形逗號「，」——[ ] 或 {"{"} {"}"} 中各項之間要用半形逗號「,」
fullwidth-hyphen-hint = 全形連字號「－」——清單項目要以半形「-」開頭
fullwidth-brace-open-hint = 全形大括號「｛」——YAML 要用半形「{"{"}」
fullwidth-brace-close-hint = 全形大括號「｝」——YAML 要用半形「{"}"}」
fullwidth-bracket-open-hint = 全形方括號「［」——YAML 要用半形「[」
fullwidth-bracket-close-hint = 全形方括號「］」——YAML 要用半形「]」

yaml-syntax = YAML 語法錯誤：{ $detail }
yaml-syntax-hint = 請檢查縮排（只能用空格），以及每個鍵名後面是否都有「:」
duplicate-key = 鍵名 `{ $key }` 寫了兩次（第一次在第 { $first } 行）
duplicate-key-hint = 只保留一行 `{ $key }:`：把兩行合併，或刪去其中一行
unclosed-quote = 從這裡開始的引號沒有閉合
unclosed-quote-hint = 請在同一行用同樣的引號結束，或去掉這個引號
unclosed-bracket = 這裡的「{ $open }」沒有閉合
unclosed-bracket-hint = 請在同一行用「{ $close }」閉合，各項之間用半形逗號「,」分隔
missing-colon = 這一行的鍵名後面沒有「:」
missing-colon-hint = 先寫鍵名，再寫半形冒號「:」和一個空格，然後寫值，如 `title: 進展`
list-item-space = 清單項目的「-」後面要有一個空格
list-item-space-hint = 請寫成 `- { $rest }`
colon-space = 這一行的「:」後面沒有空格
colon-space-hint = YAML 要求「:」和值之間有一個空格，如 `name: 東湖鎮`
indent-unlike-key = 這一行從第 { $col } 欄開始，上面的鍵名從第 { $key_col } 欄開始
indent-unlike-key-hint = 同一次填報（或同一組鍵值）的各個鍵名要從同一欄開始：請按第 { $prev } 行縮排
indent-under-value = 這一行縮排在第 { $prev } 行之下，而第 { $prev } 行已經有值
indent-under-value-hint = 請讓它與第 { $prev } 行的鍵名從同一欄（第 { $key_col } 欄）開始
