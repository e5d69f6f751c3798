# 命令行：minqing 对整次运行的说明。

error-prefix = 错误
interrupted-build = 已停止。{ $out } 保持原样，未留下任何临时文件。
interrupted-archive = 已停止。未生成档案，也未留下任何临时文件。
interrupted-serve = 已停止。临时网站已删除。
