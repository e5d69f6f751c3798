# 读取文件的文字和 YAML：编码、会破坏 YAML 的字符，以及用办事员的话说明解析错误。

binary-file = 这个文件不是文本文件（含有 NUL 字节）
binary-file-hint = 请换成应有的文本文件，或把它移出内容文件夹
unknown-encoding = 这个文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本
unknown-encoding-hint = 请用记事本打开，另存为 UTF-8 编码
gbk-encoding = 这个文件以 GBK/GB18030 编码保存，已按此编码读取
gbk-encoding-hint = 另存为 UTF-8 编码即可消除此提示（记事本：另存为 → 编码：UTF-8）

tab-indent = 缩进中用了制表符（Tab）
tab-indent-hint = YAML 只能用空格缩进：请把制表符换成两个空格
fullwidth-space = 缩进中用了全角空格“　”
fullwidth-space-hint = YAML 只能用半角空格缩进：请删去“　”，改用半角空格缩进
fullwidth-punctuation = YAML 结构中出现了全角符号“{ $char }”
fullwidth-colon-hint = 全角冒号“：”——键名后面要用半角冒号“:”
fullwidth-comma-hint = 全角逗号“，”——[ ] 或 {"{"} {"}"} 中各项之间要用半角逗号“,”
fullwidth-hyphen-hint = 全角连字符“－”——列表项要以半角“-”开头
fullwidth-brace-open-hint = 全角花括号“｛”——YAML 要用半角“{"{"}”
fullwidth-brace-close-hint = 全角花括号“｝”——YAML 要用半角“{"}"}”
fullwidth-bracket-open-hint = 全角方括号“［”——YAML 要用半角“[”
fullwidth-bracket-close-hint = 全角方括号“］”——YAML 要用半角“]”

yaml-syntax = YAML 语法错误：{ $detail }
yaml-syntax-hint = 请检查缩进（只能用空格），以及每个键名后面是否都有“:”
duplicate-key = 键名 `{ $key }` 写了两次（第一次在第 { $first } 行）
duplicate-key-hint = 只保留一行 `{ $key }:`：把两行合并，或删去其中一行
unclosed-quote = 从这里开始的引号没有闭合
unclosed-quote-hint = 请在同一行用同样的引号结束，或去掉这个引号
unclosed-bracket = 这里的“{ $open }”没有闭合
unclosed-bracket-hint = 请在同一行用“{ $close }”闭合，各项之间用半角逗号“,”分隔
missing-colon = 这一行的键名后面没有“:”
missing-colon-hint = 先写键名，再写半角冒号“:”和一个空格，然后写值，如 `title: 进展`
list-item-space = 列表项的“-”后面要有一个空格
list-item-space-hint = 请写成 `- { $rest }`
colon-space = 这一行的“:”后面没有空格
colon-space-hint = YAML 要求“:”和值之间有一个空格，如 `name: 东湖镇`
indent-unlike-key = 这一行从第 { $col } 列开始，上面的键名从第 { $key_col } 列开始
indent-unlike-key-hint = 同一次上报（或同一组键值）的各个键名要从同一列开始：请按第 { $prev } 行缩进
indent-under-value = 这一行缩进在第 { $prev } 行之下，而第 { $prev } 行已经有值
indent-under-value-hint = 请让它与第 { $prev } 行的键名从同一列（第 { $key_col } 列）开始
