# minqing verify：驗證檔案庫時發現的問題，以及無法驗證的原因。

verify-missing = 缺少：{ $name }
verify-extra = 多出：{ $name }
verify-altered = 遭修改：{ $name }
verify-damaged = 已損毀：{ $name }（{ $reason ->
        [header] 壓縮檔中此檔案的紀錄無法讀取
        [unsupported] 此檔案經過加密，或採用 minqing 不使用的壓縮方式
        [checksum] 內容與壓縮檔記錄的檢查碼不符
        [unreadable] 檔案無法讀取
       *[data] 壓縮資料無法解壓縮
    }）
verify-unsafe = 不安全：{ $name }（{ $reason ->
        [link] 這是一個連結，未跟隨
       *[name] 檔名可能指向檔案庫資料夾以外，未解壓縮，也未跟隨
    }）
verify-too-large = 過大：{ $name }（解壓縮後超過單一檔案上限 { $cap }，未繼續讀取）
verify-stopped = 已停止讀取：已解壓縮的內容超過整個檔案庫的上限 { $cap }，清單所列檔案中尚有 { $unchecked } 個未驗證。
verify-intact = { $path }：完整，共 { $checked } 個檔案，皆與 { $manifest } 相符。
verify-not-intact = { $path }：不完整。缺少 { $missing } 個，多出 { $extra } 個，遭修改 { $altered } 個，損毀 { $damaged } 個，不安全 { $unsafe } 個，過大 { $large } 個。

verify-not-found = { $path } 不存在。
verify-cannot-read = 無法讀取 { $path }：{ $error }
verify-not-a-zip = { $path } 不是 zip 壓縮檔。
verify-broken-zip = { $path } 不完整或已損毀：檔案開頭是 zip 格式，但結尾的檔案目錄無法讀取，可能是下載或複製中途中斷。請從原件重新複製一份。
verify-no-manifest = { $path } 中沒有 { $manifest }：這不是 minqing 檔案庫，或清單已被刪除。
verify-manifest-line = { $manifest } 第 { $line } 行不是「<sha256>  <路徑>」格式。
verify-manifest-too-large = { $manifest } 超過 { $cap }，遠大於任何網站清單所需：這不是 minqing 檔案庫。
verify-manifest-damaged = { $manifest } 本身已損毀，無法讀取，因此無法據以驗證任何檔案。
interrupted-verify = 已停止，尚有檔案未驗證。
