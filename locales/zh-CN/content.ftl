# 读取内容文件夹。

content-not-found = 找不到内容文件夹 { $path }（可运行 `minqing init { $path }` 新建，或用 --content 指定文件夹）
content-is-file = { $path } 是一个文件，不是文件夹：请指定存放 site.yaml 的文件夹，例如 --content { $folder }
special-file = 这不是普通文件（是管道、套接字或设备文件），已跳过
special-file-hint = 只读取普通文件，请把它移出内容文件夹
output-dir-in-content = 这个文件夹是 minqing 生成的网站（内有 { $marker }），不作为内容读取
output-zip-in-content = 这个 zip 是 minqing 生成的档案，不作为内容读取
output-in-content-hint = 请把网站或档案生成到内容文件夹之外，例如 --out { $suggestion }
out-will-be-in-content = 输出文件夹 { $out } 位于内容文件夹之内，不会作为内容读取
