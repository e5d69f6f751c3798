# minqing serve：预览服务器在终端和浏览器中的提示。

# 以本服务器不响应的主机名发来请求时显示的页面（防范 DNS 重绑定攻击）。$name 为请求所用的主机名，不含端口。
serve-host-refused-title = 拒绝访问
serve-host-refused = 本预览服务器只响应以 localhost 或 IP 地址发来的请求，不响应“{ $name }”。如需以此名称访问，请加上 --allow-host { $name } 重新启动。
# HTTP/1.1 请求缺少 Host 头部时显示的页面。
serve-host-missing-title = 请求有误
serve-host-missing = 请求缺少 Host 头部。按 HTTP/1.1 规定，必须提供。
# 以 --out 指定输出文件夹预览时，按 Ctrl+C（或收到 SIGTERM、终端关闭）停止。
interrupted-serve-kept = 已停止。{ $out } 保留最后一次生成的网站。

# 浏览器中页面上方错误提示框的第一行。
serve-overlay-intro = minqing：内容有错误，网站显示的是上一次成功生成的版本。
