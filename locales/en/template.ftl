# minqing template: the fill-in workbook.

template-no-site = { $path } is not inside a content folder (no site.yaml above it)
template-not-a-locality = { $path } is not a locality folder (it has no usable locality.yaml)
template-file-name = { $name } figures.xlsx
template-exists = { $path } already exists and was not overwritten: give another name with --out, or move it away first
template-not-written = cannot write { $path }: { $error }
template-done = wrote the fill-in workbook { $path } ({ $rows } rows). Once filled in, save it into the folder { $folder }: minqing reads it when it builds the site
template-title = { $name }: { $title } — figures to fill in
template-sheet = Figures
template-own-row = { $name } (own)
template-cell-input = the total so far, a whole number; an approximate figure may be written 1.3万余; leave it empty when there is none
template-cell-error = a whole number belongs here. If this is an approximate figure (such as 1.3万余), go on
template-rules-sheet = How to fill in
template-rules-title = How to fill in this workbook
template-rule-rows = Each row gives one locality's totals as of one day.
template-rule-names = The locality column names a locality below this one (its name or its folder's); the row “{ $name } (own)” (or 本级) holds this locality's own figures.
template-rule-date = The date column gives the "as of" date, e.g. 2014-09-10; a locality may have another row for another date.
template-rule-figures = Figures are totals so far, in digits; approximate ones may be written 1.3万余 or 2100多; leave a cell empty when there is no figure rather than writing 0.
template-rule-more-rows = Rows, notes and a total row (合计, which is checked and never read as a locality) may be added below the table; do not change the header.
template-rule-save = Save the filled-in file into the content folder's { $folder } folder, where minqing reads it; do not give the same figure in locality.yaml too.
template-metrics-title = The metrics
template-metric = { $name }: the header may also read { $words }
template-metric-limit = ; at most { $limit }
