# Spreadsheets in a locality folder (.xlsx, .xls, .ods, .csv).

unreadable-sheet = this spreadsheet cannot be read: { $error }
unreadable-sheet-hint = open it in Excel or WPS and save it again as .xlsx; if it has a password, remove it first
sheet-no-header = no header found in this spreadsheet: no column is headed by one of the site's metrics
sheet-no-header-hint = the header needs a locality column, a date column and one column per metric, headed by its name: { $names } (a unit in brackets is fine, e.g. 走访群众（户）)
sheet-no-locality-column = the header has no column naming the localities
sheet-no-locality-column-hint = head the column with the village, community or township names 地区 (or 单位)
sheet-no-date = this spreadsheet has no date: no date column, and no "as of" date in its title
sheet-no-date-hint = add a column headed 日期, or write the date in the title, e.g. 截至2014年9月10日
unknown-locality = there is no locality called “{ $name }” below this folder
unknown-locality-hint = the localities below this one are: { $names }. Write 本级 for the folder's own figures
unknown-locality-leaf-hint = { $name } has no localities below it: write 本级 for its own figures; a new locality needs its own folder with a locality.yaml first
ambiguous-locality = several localities are called “{ $name }”: { $paths }
ambiguous-locality-hint = write the folder name instead, or put the spreadsheet in the folder one level further down
sheet-row-no-locality = this row has figures but does not say which locality they are for
sheet-row-no-locality-hint = write the village, community or township name in the locality column, or 本级 for the folder's own figures
sheet-row-no-date = this row has no date
sheet-row-no-date-hint = write the "as of" date, e.g. 2014-09-10
cell-not-a-figure = the cell holds “{ $text }”, which is not a figure
cell-not-a-figure-hint = write the total so far, e.g. 6200 or 1.3万余; leave the cell empty when there is none
sheet-columns-not-read = these columns are not metrics of the site and were not read: { $columns }
sheet-columns-not-read-hint = if one of them should be counted, give its metric that name or an alias (aliases) in site.yaml
sheet-columns-not-read-close-hint = is “{ $header }” meant to be “{ $name }”? Change the header, or add it to that metric's aliases in site.yaml
total-mismatch = the total of { $name } in { $cell } is { $total }, but the rows { $range } add up to { $sum }
total-mismatch-hint = check the rows' figures or the total's formula; a total row is only checked, never read as a locality
figure-given-twice = { $name } of { $locality } on { $date } is already given in { $other }
figure-given-twice-hint = a locality's figure for a date can be given in one place only: remove it here or in { $other }
