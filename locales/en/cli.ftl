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
