# site.yaml：站点配置中的问题。

bad-base-url = `{ $value }` 不是完整的网址：base_url 应以 http:// 或 https:// 开头
bad-base-url-query = `{ $value }` 带有查询参数（?…）或锚点（#…），网址中不能有这些部分
bad-base-url-credentials = `{ $value }` 中含有用户名或密码，会随每个页面一起公开
bad-base-url-hint = 请填写网站发布目录的完整网址，如 `base_url: http://intranet.example/report/`；网站没有固定网址的，请删除此行
