# 无法读写的文件和文件夹（冒号后是原因）。

io-creating = 创建 { $path } 时出错
io-reading = 读取 { $path } 时出错
io-writing = 写入 { $path } 时出错
io-removing = 删除 { $path } 时出错
io-keeping = 保留 { $path } 时出错
io-renaming = 把 { $from } 改名为 { $to } 时出错
io-copying = 把 { $from } 复制到 { $to } 时出错
io-moving-aside = 把旧网站 { $path } 移开时出错
io-moving-in = 把新网站移入 { $path } 时出错
io-adding = 把 { $path } 加入档案时出错
io-watching = 监视 { $path } 时出错
watcher-start = 无法启动文件监视
out-not-a-folder = { $out } 已经存在，但不是文件夹：请用 --out 另选一个位置
out-not-ours = { $out } 不是空文件夹，也不是 minqing 生成的（里面没有 { $marker } 文件），为免覆盖他人文件，没有替换它。请用 --out 指定一个空的或新的文件夹。
archive-name-not-ascii = 输出文件名 { $name } 含有非 ASCII 字符，档案中的文件名必须是 ASCII
note-changed-during-build = 生成网站期间 { $path } 被修改了，本次没有发布任何内容：请再生成一次
theme-not-found = site.yaml 指定了主题 `{ $theme }`，但找不到 { $path }
template-not-utf8 = 模板 { $name } 不是 UTF-8 文本，请另存为 UTF-8
theme-compiling = 编译主题模板时出错
template-render-failed = 用模板 { $template } 生成 { $path } 时出错：{ $error }
