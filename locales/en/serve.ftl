# minqing serve: what the preview server says in the terminal and in the browser.

# The page for a request under a host name that serve does not answer (a defence against DNS
# rebinding). $name is the name the request used, without its port.
serve-host-refused-title = Host name not allowed
serve-host-refused = This preview server answers only to localhost and to IP addresses, not to “{ $name }”. To open it under this name, start it again with --allow-host { $name }.
# The page for an HTTP/1.1 request without a Host header.
serve-host-missing-title = Bad request
serve-host-missing = The request has no Host header, which HTTP/1.1 requires.
# Stopped by Ctrl+C (or SIGTERM, or a closed terminal) while serving into --out.
interrupted-serve-kept = Stopped. { $out } keeps the last build.

# The first line of the error overlay over a page in the browser.
serve-overlay-intro = minqing: the content has errors; the site shows the last good build.
