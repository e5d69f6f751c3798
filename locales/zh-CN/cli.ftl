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
