# 生成网站结构：输出文件名和路径。

name-too-long = 由此文件生成的输出名 `{ $name }` 长 { $bytes } 字节，超过了文件系统允许的 { $max } 字节
name-too-long-slug-hint = 请在这个 locality.yaml 里设置较短的 `slug:`（字母、数字和连字符），或缩短文件夹名
name-too-long-file-hint = 请缩短这个文件或其所在文件夹的名称
