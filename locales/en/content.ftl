# Reading the content folder.

content-not-found = content folder { $path } not found (run `minqing init { $path }` to start one, or pass --content DIR)
content-is-file = { $path } is a file, not a folder: pass the folder that holds site.yaml, as in --content { $folder }
special-file = this is not a regular file (a FIFO, socket or device); it was skipped
special-file-hint = only regular files are read: remove it from the content folder
output-dir-in-content = this folder is minqing's own output (it holds { $marker }); it is not read as content
output-zip-in-content = this zip is an archive written by minqing; it is not read as content
output-in-content-hint = write the site or archive outside the content folder, e.g. --out { $suggestion }
out-will-be-in-content = the output folder { $out } is inside the content folder; it is not read as content
