# The command line: what `minqing` says about its run as a whole.

error-line = error: { $text }
interrupted-build = Stopped. { $out } was left as it was and nothing was left behind.
interrupted-archive = Stopped. No archive was written and nothing was left behind.
interrupted-serve = Stopped. The temporary site was removed.
out-is-root = --out { $out } is the root of the file system; choose a folder of its own for the site, e.g. --out public
out-is-home = --out { $out } is your home folder; choose a folder of its own for the site, e.g. --out public
out-is-content = --out { $out } is the content folder itself; the site goes to a folder of its own, e.g. --out public beside it
out-holds-content = --out { $out } holds the content folder { $content }; replacing it would delete the content. Choose a folder of its own, e.g. --out public
archive-out-is-folder = --out { $out } is a folder; name the zip file to write, e.g. --out report.zip
built = Built { $localities } localities, { $notes } notes → { $pages } pages, { $files } files in { $out } ({ $warnings } warnings) in { $seconds } s
build-failed = Build failed: { $errors } error(s), { $warnings } warning(s); { $out } was left as it was.
check-summary = { $content }: { $errors } error(s), { $warnings } warning(s)
archived = Archived { $files } files into { $path } ({ $mib } MiB, top folder { $top }/)
not-archived = Not archived: { $errors } error(s).
init-done = Wrote a starter site to { $dir }. Build it with: minqing build --content { $dir }
init-not-empty = { $dir } is not empty: choose a new folder for the starter site
init-not-written = cannot write { $path }: { $error }
rebuilt = Rebuilt the site: { $written } file(s) written, { $removed } removed, { $unchanged } unchanged in { $ms } ms
updated = Updated: { $written } file(s) written, { $removed } removed, { $unchanged } unchanged in { $ms } ms
not-published = Not published: { $errors } error(s). The site stays as it was until they are fixed.
watching = Watching { $content } for changes (Ctrl+C to stop)
watching-poll = Watching { $content } for changes, looking every { $seconds } s (Ctrl+C to stop)
content-gone = { $content } is gone or holds no site.yaml (a network share unmounted?). The site stays as it was and is rebuilt when the folder is back.
content-back = { $content } is back: rebuilding the site.
poll-invalid = --poll { $value } is not an interval: write a number and its unit, e.g. --poll 2s, --poll 500ms or --poll 1m
poll-too-short = --poll { $value } is too short: each look reads through the whole content folder; use { $min } or more, e.g. --poll 2s
file-watcher-error = file watcher: { $error }
serving = Serving { $content } at http://{ $addr }/ (Ctrl+C to stop)
cannot-listen = cannot listen on { $bind }:{ $port }: { $error } (try another --port)
# The progress bar of a large build; $pos and $len are filled in as it goes.
progress-rendering = rendering { $pos }/{ $len } pages
