# minqing verify：校验档案时发现的问题，以及无法校验的原因。

verify-missing = 缺失：{ $name }
verify-extra = 多出：{ $name }
verify-altered = 被改动：{ $name }
verify-damaged = 已损坏：{ $name }（{ $reason ->
        [header] 压缩包中该文件的记录无法读取
        [unsupported] 该文件经过加密，或采用了 minqing 不使用的压缩方式
        [checksum] 内容与压缩包记录的校验值不符
        [unreadable] 文件无法读取
       *[data] 压缩数据无法解压
    }）
verify-unsafe = 不安全：{ $name }（{ $reason ->
        [link] 这是一个链接，未跟随
       *[name] 文件名可能指向档案文件夹以外，未解压，也未跟随
    }）
verify-too-large = 过大：{ $name }（解压后超过单个文件上限 { $cap }，未继续读取）
verify-stopped = 已停止读取：已解压的内容超过整个档案的上限 { $cap }，清单所列文件中还有 { $unchecked } 个未校验。
verify-intact = { $path }：完整，共 { $checked } 个文件，均与 { $manifest } 相符。
verify-not-intact = { $path }：不完整。缺失 { $missing } 个，多出 { $extra } 个，被改动 { $altered } 个，损坏 { $damaged } 个，不安全 { $unsafe } 个，过大 { $large } 个。

verify-not-found = { $path } 不存在。
verify-cannot-read = 无法读取 { $path }：{ $error }
verify-not-a-zip = { $path } 不是 zip 压缩文件。
verify-broken-zip = { $path } 不完整或已损坏：文件开头是 zip 格式，但末尾的文件目录无法读取，可能是下载或复制中途中断。请从原件重新复制一份。
verify-no-manifest = { $path } 中没有 { $manifest }：这不是 minqing 档案，或者清单已被删除。
verify-manifest-line = { $manifest } 第 { $line } 行不是“<sha256>  <路径>”格式。
verify-manifest-too-large = { $manifest } 超过 { $cap }，远大于任何网站清单所需：这不是 minqing 档案。
verify-manifest-damaged = { $manifest } 本身已损坏，无法读取，因此无法据此校验任何文件。
interrupted-verify = 已停止，尚有文件未校验。
