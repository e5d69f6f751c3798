# 读取内容文件夹。

content-not-found = 找不到内容文件夹 { $path }（可运行 `minqing init { $path }` 新建，或用 --content 指定文件夹）
content-is-file = { $path } 是一个文件，不是文件夹：请指定存放 site.yaml 的文件夹，例如 --content { $folder }
special-file = 这不是普通文件（是管道、套接字或设备文件），已跳过
special-file-hint = 只读取普通文件，请把它移出内容文件夹
output-dir-in-content = 这个文件夹是 minqing 生成的网站（内有 { $marker }），不作为内容读取
output-zip-in-content = 这个 zip 是 minqing 生成的档案，不作为内容读取
output-in-content-hint = 请把网站或档案生成到内容文件夹之外，例如 --out { $suggestion }
out-will-be-in-content = 输出文件夹 { $out } 位于内容文件夹之内，不会作为内容读取
unreadable-entry = 无法读取：{ $error }
unreadable-file = 无法读取这个文件：{ $error }
unreadable-hint = 请检查是否有读取权限，或把它移出内容文件夹
symlink = 不跟随符号链接，已跳过这个链接
symlink-hint = 请把文件或文件夹本身复制到这里，不要用链接
too-deep = 超过 { $max } 层的文件夹不会读取
too-deep-hint = 请把文件夹往上移：从省到村一共五层
stray-yaml = 这个 YAML 文件不会被读取（也不会发布）
stray-locality-hint = 地区文件必须正好命名为 `locality.yaml`
stray-yaml-hint = 只读取 site.yaml 和 locality.yaml；如果这个文件写的是地区，请改名
missing-site = 内容文件夹中没有 site.yaml
missing-site-hint = 请新建 site.yaml，至少写一行 `title: …`（可参考 `minqing init`）
