# Building the site model: output names and paths.

name-too-long = the output name `{ $name }` made from this file is { $bytes } bytes long, more than the { $max } that file systems allow
name-too-long-slug-hint = set a shorter `slug:` in this locality.yaml (letters, digits and hyphens), or shorten the folder's name
name-too-long-file-hint = shorten the name of this file or of its folder
duplicate-slug = this maps to the output `{ $path }`, which { $other } already uses
duplicate-slug-hint = give one of them a different `slug:` (localities) or file name (notes)
reserved-slug = the slug `{ $slug }` is used by the site's own pages
reserved-slug-hint = set another `slug:` in this locality.yaml
reserved-note = this note would overwrite the site's own page `{ $path }`
reserved-note-hint = rename the note file
below-children-sum = { $locality } { $date }: `{ $key }` is { $value } but the sub-localities add up to { $sum }
below-children-sum-hint = check this figure against the sub-localities' reports
below-children-sum-carried = { $locality } { $date }: `{ $key }` is { $value }, carried forward from its report of { $reported }, but the sub-localities add up to { $sum }
below-children-sum-carried-hint = report `{ $key }` anew as of { $date }, or check it against the sub-localities' reports
broken-link = the link `{ $link }` points at nothing in the content folder
broken-link-hint = links between notes are relative paths to the other .md file, e.g. ../2014-05-07-综述.md
broken-image = the image `{ $link }` points at nothing in the content folder
broken-image-hint = put the image file in the content folder and give its path relative to this note, e.g. images/整改.jpg
img-no-alt = the image `{ $image }` has no `alt` text, so a screen reader cannot tell what it shows
img-no-alt-hint = describe the image in an alt attribute, e.g. <img src="images/整改.jpg" alt="整改现场">; write alt="" if it is only decoration
