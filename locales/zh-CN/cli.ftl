# 命令行：minqing 对整次运行的说明。

error-line = 错误：{ $text }
interrupted-build = 已停止。{ $out } 保持原样，未留下任何临时文件。
interrupted-archive = 已停止。未生成档案，也未留下任何临时文件。
interrupted-serve = 已停止。临时网站已删除。
out-is-root = --out { $out } 是文件系统的根目录。请为网站另设一个文件夹，例如 --out public
out-is-home = --out { $out } 是您的用户主文件夹。请为网站另设一个文件夹，例如 --out public
out-is-content = --out { $out } 就是内容文件夹本身。网站应生成到单独的文件夹，例如与它并列的 --out public
out-holds-content = --out { $out } 包含内容文件夹 { $content }，替换它会删除内容。请另设一个文件夹，例如 --out public
archive-out-is-folder = --out { $out } 是一个文件夹。请写出要生成的 zip 文件名，例如 --out report.zip
built = 已生成 { $localities } 个地区、{ $notes } 篇笔记 → { $pages } 个页面、{ $files } 个文件，位于 { $out }（{ $warnings } 个警告），用时 { $seconds } 秒
build-failed = 生成失败：{ $errors } 个错误，{ $warnings } 个警告；{ $out } 保持原样。
check-summary = { $content }：{ $errors } 个错误，{ $warnings } 个警告
archived = 已将 { $files } 个文件打包为 { $path }（{ $mib } MiB，顶层文件夹 { $top }/）
not-archived = 未打包：{ $errors } 个错误。
init-done = 已在 { $dir } 新建示例网站。生成网站：minqing build --content { $dir }
init-not-empty = { $dir } 不是空文件夹：请为示例网站另选一个新文件夹
init-not-written = 无法写出 { $path }：{ $error }
rebuilt = 已重新生成整个网站：写入 { $written } 个文件，删除 { $removed } 个，{ $unchanged } 个未变，用时 { $ms } 毫秒
updated = 已更新：写入 { $written } 个文件，删除 { $removed } 个，{ $unchanged } 个未变，用时 { $ms } 毫秒
not-published = 未发布：有 { $errors } 个错误。改正之前，网站保持原样。
watching = 正在监视 { $content } 的改动（按 Ctrl+C 停止）
watching-poll = 正在监视 { $content } 的改动，每 { $seconds } 秒查看一次（按 Ctrl+C 停止）
content-gone = 找不到 { $content }，或其中没有 site.yaml（网络共享断开了？）。网站保持原样，文件夹恢复后再重新生成。
content-back = { $content } 已恢复，正在重新生成网站。
poll-invalid = --poll { $value } 不是时间间隔：请写数字和单位，例如 --poll 2s、--poll 500ms 或 --poll 1m
poll-too-short = --poll { $value } 太短：每查看一次都要读遍整个内容文件夹，请至少用 { $min }，例如 --poll 2s
file-watcher-error = 文件监视出错：{ $error }
serving = 正在预览 { $content }：http://{ $addr }/（按 Ctrl+C 停止）
cannot-listen = 无法在 { $bind }:{ $port } 上监听：{ $error }（请换一个 --port）
# 大型网站生成时的进度条；$pos 和 $len 随进度填入。
progress-rendering = 正在生成页面 { $pos }/{ $len }
