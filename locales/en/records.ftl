# The records of the content files: site.yaml, locality.yaml, a note's front matter, and the
# dates and figures in them.

## The file as a whole. $file is the file's name, or front-matter for a note's front matter.
file-empty = { $file ->
    [front-matter] the front matter is empty
   *[other] { $file } is empty
}
file-empty-hint = write at least `name: …`; see the README's content format
file-not-mapping = { $file ->
    [front-matter] the front matter must be a list of `key: value` lines
   *[other] { $file } must be a list of `key: value` lines
}
file-not-mapping-hint = start each line with a key followed by ':' (half-width), e.g. `name: 泉港区`

## Keys.
unknown-key = unknown key `{ $key }`
did-you-mean = did you mean `{ $key }`?
allowed-keys = allowed here: { $keys }
key-missing = `{ $key }` is missing
key-missing-hint = add a line `{ $key }: …`
key-empty = `{ $key }` is empty
key-empty-hint = write the { $key } after `{ $key }: `

## Values of the wrong kind.
not-text = `{ $key }` must be text
not-text-hint = write the value on the same line, e.g. `{ $key }: 东湖镇`, without [ ] or {"{"} {"}"}
not-a-list = `{ $key }` must be a list
not-a-list-hint = write one `- …` line per item, indented under the key
phases-not-a-list-hint = write one `- {"{"}key: …, name: …, start: YYYY-MM-DD, end: YYYY-MM-DD{"}"}` per phase
metrics-not-a-list-hint = write one `- {"{"}key: …, name: …, unit: …{"}"}` per metric
reports-not-a-list-hint = start each report with `- date: YYYY-MM-DD` indented under `reports:`
not-a-mapping = `{ $key }` must be `key: value` lines
not-a-mapping-hint = write one `key: value` per indented line
phase-not-a-mapping = a phase must have key, name, start and end
phase-not-a-mapping-hint = write `- {"{"}key: study, name: 学习教育, start: 2014-02-01, end: 2014-04-30{"}"}`
metric-not-a-mapping = a metric must have key and name
metric-not-a-mapping-hint = write `- {"{"}key: meetings_held, name: 座谈会, unit: 场{"}"}`
report-not-a-mapping = a report must be `key: value` lines starting with `- date:`
report-not-a-mapping-hint = write each report as `- date: YYYY-MM-DD` followed by its figures, indented under `reports:`

## Dates.
date-not-scalar = the date must be written as YYYY-MM-DD
date-not-scalar-hint = write one date on the same line, e.g. `date: 2014-09-10`
date-read-as = date `{ $text }` read as { $date }
date-read-as-hint = write dates as YYYY-MM-DD
not-a-date = `{ $text }` is not a date
not-a-date-hint = write dates as YYYY-MM-DD, e.g. 2014-09-10
implausible-year = `{ $text }` has an implausible year
implausible-year-hint = write dates as YYYY-MM-DD with a four-digit year
no-such-day = { $date } is not a date
no-such-day-hint = check the day and month: { $month } has no day { $day }

## Figures.
figure-not-scalar = a figure must be a single number
figure-not-scalar-hint = write one number on the same line, e.g. `opinions_collected: 1.3万`
figure-read-as = full-width digits in `{ $text }` read as { $value }
figure-read-as-hint = type digits with the input method in half-width mode
figure-empty = the figure is empty
figure-empty-hint = write a number such as 57 or 1.3万, or delete the line
not-a-figure = `{ $text }` is not a figure
not-a-figure-hint = write digits, optionally with 万 or 亿 and 余/多 for an approximate figure, e.g. 57, 10.9万, 1.3万余
not-whole = `{ $text }` is not a whole number
not-whole-hint = figures count households, opinions, items: use a whole number
figure-too-large = `{ $text }` is too large
figure-too-large-hint = check the number of digits and the unit (万, 亿)
negative-figure = `{ $key }` is negative ({ $value })
negative-figure-hint = figures count things done so far and cannot be below zero

## site.yaml.
unknown-language = unknown language `{ $code }`
unknown-language-hint = use one of { $codes }
bad-theme = `{ $theme }` is not a theme folder name
bad-theme-hint = name a folder under themes/ in lowercase ASCII, e.g. `theme: intranet`
bad-notes-per-page = `notes_per_page` must be a whole number from 1 to 1000
bad-notes-per-page-hint = write e.g. `notes_per_page: 20`, or delete the line
phase-no-date = the phase has no `{ $key }` date
phase-no-date-hint = add `{ $key }: YYYY-MM-DD` to the phase
phase-ends-before-start = phase `{ $key }` ends ({ $end }) before it starts ({ $start })
phase-ends-before-start-hint = check both dates; `start` is the first day and `end` the last
duplicate-phase = two phases have the key `{ $key }`
duplicate-phase-hint = give each phase its own `key:`
bad-metric-key = `{ $key }` cannot be a metric key
bad-metric-key-hint = use lowercase ASCII letters, digits and '_', e.g. `meetings_held`, and not date, phase or note
duplicate-metric = two metrics have the key `{ $key }`
duplicate-metric-hint = give each metric its own `key:`
unknown-metric = `at_most: { $key }` names no other metric
unknown-metric-hint = name the key of another metric: { $keys }

## locality.yaml.
bad-slug = `{ $slug }` is not a valid slug
bad-slug-hint = use lowercase ASCII letters, digits and '-', e.g. `{ $suggestion }`
extra-not-text = `extra.{ $key }` must be text
extra-not-text-hint = write one line of text, e.g. `{ $key }: 王某`
extra-not-a-mapping = `extra` must be `key: value` pairs
extra-not-a-mapping-hint = write e.g. `extra: {"{"}区委书记: 洪自强{"}"}`, or one `key: value` per indented line
report-no-date = the report has no `date`
report-no-date-hint = add `date: YYYY-MM-DD` to the report
duplicate-date = two reports are dated { $date }
duplicate-date-hint = merge them into one report, or correct the date (the other one is on line { $line })
outside-phases = { $date } lies outside every phase in site.yaml
outside-phases-hint = check the date, or extend the phases in site.yaml
unknown-phase = unknown phase `{ $key }`
unknown-phase-none-hint = site.yaml defines no phases: add them under `phases:` there, or delete this line
unknown-phase-hint = phases in site.yaml: { $keys }
phase-mismatch = the report says phase `{ $key }`, but { $date } lies in phase `{ $actual }` ({ $start } – { $end })
phase-mismatch-hint = correct the date or the phase
exceeds-limit = `{ $key }` ({ $value }) is more than `{ $limit }` ({ $cap })
exceeds-limit-hint = { $name } cannot exceed { $limit_name }: check both figures
decreasing-figure = `{ $key }` went down from { $before } ({ $before_date }) to { $value } ({ $date })
decreasing-figure-hint = figures are cumulative ("as of" the date): a later figure should not be lower

## A note's front matter.
front-matter-unclosed = the front matter is not closed
front-matter-unclosed-hint = end the front matter with a line of three hyphens: ---
no-front-matter = the note has no front matter (title and date)
no-front-matter-hint = start the note with a block like:
    ---
    title: 标题
    date: 2014-09-10
    ---
    (did you forget the `---` lines?)
note-no-date = `date` is missing
note-no-date-hint = add a line `date: YYYY-MM-DD` to the front matter
tags-not-a-list = `tags` must be a list, e.g. [整改落实, 会议]
tags-not-a-list-hint = write `tags: [整改落实, 会议]` with half-width brackets and commas

## Metrics and phases named by name.
aliases-not-a-list = `aliases` must be a list of names
aliases-not-a-list-hint = write e.g. `aliases: [走访户数, 入户走访]`
metric-word-taken = `{ $word }` names two metrics: `{ $other }` and `{ $key }`
metric-word-taken-hint = a report names a figure by its metric's key, name or an alias: give each metric words of its own
metric-word-reserved = `{ $word }` is a word a report keeps for itself (date, phase, note)
metric-word-reserved-hint = give the metric another name or alias
duplicate-phase-name = the name `{ $name }` is already the name of phase `{ $other }`
duplicate-phase-name-hint = a report may name its phase by name: give each phase a name of its own
metric-given-twice = `{ $key }` and `{ $first }` are the same figure ({ $name }), given twice in one report
metric-given-twice-hint = keep one of them: `{ $first }` is on line { $line }
bad-stale-after-days = `stale_after_days` must be a whole number of days from 1 to 3650
bad-stale-after-days-hint = write e.g. `stale_after_days: 14`, or delete the line for two weeks
