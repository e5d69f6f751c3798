# Reading a file's text and its YAML: encodings, characters that break YAML, and the parser's
# errors in a clerk's words.

binary-file = this file is not text (it contains NUL bytes)
binary-file-hint = replace it with the text file it should be, or move it out of the content folder
unknown-encoding = this file is neither UTF-8 nor GBK/GB18030 text
unknown-encoding-hint = open it in Notepad and save it again with the encoding UTF-8
gbk-encoding = this file is saved as GBK/GB18030; it was read as such
gbk-encoding-hint = save it as UTF-8 (Notepad: Save As → Encoding: UTF-8) to silence this

tab-indent = a tab is used for indentation
tab-indent-hint = YAML indents with spaces only: replace the tab with two spaces
fullwidth-space = a full-width space '　' is used for indentation
fullwidth-space-hint = YAML indents with half-width spaces only: delete the '　' and indent with spaces
fullwidth-punctuation = full-width '{ $char }' in YAML structure
fullwidth-colon-hint = full-width colon '：' — YAML needs ':' (half-width) after a key
fullwidth-comma-hint = full-width comma '，' — YAML needs ',' between items in [ ] or {"{"} {"}"}
fullwidth-hyphen-hint = full-width hyphen '－' — a list item starts with '-' (half-width)
fullwidth-brace-open-hint = full-width brace '｛' — YAML needs '{"{"}'
fullwidth-brace-close-hint = full-width brace '｝' — YAML needs '{"}"}'
fullwidth-bracket-open-hint = full-width bracket '［' — YAML needs '['
fullwidth-bracket-close-hint = full-width bracket '］' — YAML needs ']'

yaml-syntax = YAML syntax: { $detail }
yaml-syntax-hint = check the indentation (spaces only) and that every key ends with ':'
duplicate-key = the key `{ $key }` is written twice (first on line { $first })
duplicate-key-hint = keep one `{ $key }:` line: merge the two or delete one
unclosed-quote = the quoted text that starts here has no closing quote
unclosed-quote-hint = end it with the same quote mark on the same line, or remove the quote
unclosed-bracket = the '{ $open }' here is not closed
unclosed-bracket-hint = close it with '{ $close }' on the same line, and separate the items with ',' (half-width)
missing-colon = this line has no ':' after its key
missing-colon-hint = write the key, then ':' (half-width) and a space, then the value, e.g. `title: 进展`
list-item-space = a list item needs a space after '-'
list-item-space-hint = write `- { $rest }`
colon-space = this line has no space after ':'
colon-space-hint = YAML needs a space between ':' and the value, e.g. `name: 东湖镇`
indent-unlike-key = this line starts in column { $col }, the key above it in column { $key_col }
indent-unlike-key-hint = the keys of one report (or mapping) start in the same column: indent this line like line { $prev }
indent-under-value = this line is indented under line { $prev }, which already has a value
indent-under-value-hint = start it in the same column as the key on line { $prev } (column { $key_col })
