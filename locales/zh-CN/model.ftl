# 生成网站结构：输出文件名和路径。

name-too-long = 由此文件生成的输出名 `{ $name }` 长 { $bytes } 字节，超过了文件系统允许的 { $max } 字节
name-too-long-slug-hint = 请在这个 locality.yaml 里设置较短的 `slug:`（字母、数字和连字符），或缩短文件夹名
name-too-long-file-hint = 请缩短这个文件或其所在文件夹的名称
duplicate-slug = 此项对应的输出路径 `{ $path }` 已被 { $other } 占用
duplicate-slug-hint = 请给其中一个换一个 `slug:`（地区）或文件名（笔记）
reserved-slug = `{ $slug }` 是网站自身页面使用的名称，不能用作地区的 slug
reserved-slug-hint = 请在这个 locality.yaml 中另设一个 `slug:`
reserved-note = 这篇笔记会覆盖网站自身的页面 `{ $path }`
reserved-note-hint = 请给这个笔记文件改名
below-children-sum = { $locality } { $date }：`{ $key }` 为 { $value }，但下级地区合计为 { $sum }
below-children-sum-hint = 请与下级地区的上报数核对这个数字
below-children-sum-carried = { $locality } { $date }：`{ $key }` 沿用 { $reported } 上报的 { $value }，但下级地区合计已达 { $sum }
below-children-sum-carried-hint = 请按 { $date } 的情况重新上报 `{ $key }`，或与下级地区的上报数核对
broken-link = 链接 `{ $link }` 在内容文件夹中找不到对应的文件
broken-link-hint = 笔记之间的链接写成指向另一个 .md 文件的相对路径，如 ../2014-05-07-综述.md
broken-image = 图片 `{ $link }` 在内容文件夹中找不到对应的文件
broken-image-hint = 请把图片文件放进内容文件夹，并写出它相对于这篇笔记的路径，如 images/整改.jpg
img-no-alt = 图片 `{ $image }` 没有 `alt` 替代文字，读屏软件无法说明图片内容
img-no-alt-hint = 请在 alt 属性中用文字说明图片内容，如 <img src="images/整改.jpg" alt="整改现场">；纯装饰性的图片写 alt=""
