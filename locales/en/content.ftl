# Reading the content folder.

content-not-found = content folder { $path } not found (run `minqing init { $path }` to start one, or pass --content DIR)
content-is-file = { $path } is a file, not a folder: pass the folder that holds site.yaml, as in --content { $folder }
special-file = this is not a regular file (a FIFO, socket or device); it was skipped
special-file-hint = only regular files are read: remove it from the content folder
output-dir-in-content = this folder is minqing's own output (it holds { $marker }); it is not read as content
output-zip-in-content = this zip is an archive written by minqing; it is not read as content
output-in-content-hint = write the site or archive outside the content folder, e.g. --out { $suggestion }
out-will-be-in-content = the output folder { $out } is inside the content folder; it is not read as content
unreadable-entry = cannot read: { $error }
unreadable-file = cannot read the file: { $error }
unreadable-hint = check that you may read it, or move it out of the content folder
symlink = symbolic links are not followed; this one was skipped
symlink-hint = copy the file or folder here instead of linking it
too-deep = folders deeper than { $max } levels are not read
too-deep-hint = move the folder up: province → village is five levels
stray-yaml = this YAML file is not read (and not published)
stray-locality-hint = a locality's file must be named exactly `locality.yaml`
stray-yaml-hint = only site.yaml and locality.yaml are read; rename the file if it holds a locality
missing-site = the content folder has no site.yaml
missing-site-hint = create site.yaml with at least `title: …` (see `minqing init`)
