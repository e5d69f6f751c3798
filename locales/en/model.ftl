# Building the site model: output names and paths.

name-too-long = the output name `{ $name }` made from this file is { $bytes } bytes long, more than the { $max } that file systems allow
name-too-long-slug-hint = set a shorter `slug:` in this locality.yaml (letters, digits and hyphens), or shorten the folder's name
name-too-long-file-hint = shorten the name of this file or of its folder
