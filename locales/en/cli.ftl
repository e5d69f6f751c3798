# The command line: what `minqing` says about its run as a whole.

error-prefix = error
interrupted-build = Stopped. { $out } was left as it was and nothing was left behind.
interrupted-archive = Stopped. No archive was written and nothing was left behind.
interrupted-serve = Stopped. The temporary site was removed.
