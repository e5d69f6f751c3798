# Files and folders that could not be read or written (the cause follows after a colon).

io-creating = creating { $path }
io-reading = reading { $path }
io-writing = writing { $path }
io-removing = removing { $path }
io-keeping = keeping { $path }
io-renaming = renaming { $from } to { $to }
io-copying = copying { $from } to { $to }
io-moving-aside = moving the old site { $path } aside
io-moving-in = moving the new site into { $path }
io-adding = adding { $path }
io-watching = watching { $path }
watcher-start = starting the file watcher
out-not-a-folder = { $out } exists and is not a folder; choose another --out
out-not-ours = { $out } is not empty and was not created by minqing (it has no { $marker } file); refusing to replace it. Choose an empty or new --out folder.
archive-name-not-ascii = output name { $name } is not ASCII; archives need ASCII names
note-changed-during-build = { $path } changed while the site was being built; nothing was published: build again
theme-not-found = site.yaml names the theme `{ $theme }`, but { $path } does not exist
template-not-utf8 = template { $name } is not UTF-8 text
theme-compiling = compiling the theme's templates
template-render-failed = rendering { $path } with template { $template }: { $error }
