# minqing verify: what it found in an archive, and why it could not check one.

verify-missing = missing: { $name }
verify-extra = extra: { $name }
verify-altered = altered: { $name }
verify-damaged = damaged: { $name } ({ $reason ->
        [header] its record in the zip cannot be read
        [unsupported] it is encrypted, or compressed in a way minqing never uses
        [checksum] its bytes do not match the checksum the zip keeps for them
        [unreadable] the file cannot be read
       *[data] its compressed data cannot be unpacked
    })
verify-unsafe = unsafe: { $name } ({ $reason ->
        [link] a link; not followed
       *[name] its name could lead outside the archive's folder; not extracted, not followed
    })
verify-too-large = too large: { $name } (unpacks to more than { $cap }, the cap for one file; not read further)
verify-stopped = stopped reading: the files unpacked so far exceed { $cap }, the cap for a whole archive; { $unchecked ->
        [one] { $unchecked } listed file was
       *[other] { $unchecked } listed files were
    } not checked
verify-intact = { $path }: intact, { $checked ->
        [one] { $checked } file matches
       *[other] { $checked } files match
    } { $manifest }
verify-not-intact = { $path }: NOT intact: { $missing } missing, { $extra } extra, { $altered } altered, { $damaged } damaged, { $unsafe } unsafe, { $large } too large

verify-not-found = { $path } does not exist.
verify-cannot-read = { $path } cannot be read: { $error }
verify-not-a-zip = { $path } is not a zip file.
verify-broken-zip = { $path } is cut short or damaged: it begins as a zip does, but the list of files at its end cannot be read. Was a download or a copy interrupted? Copy it again from the original.
verify-no-manifest = { $path } has no { $manifest }: it is not a minqing archive, or the manifest was removed.
verify-manifest-line = { $manifest } line { $line } is not `<sha256>  <path>`.
verify-manifest-too-large = { $manifest } is larger than { $cap }, more than any site's manifest needs: this is not a minqing archive.
verify-manifest-damaged = { $manifest } itself is damaged and cannot be read, so nothing can be checked against it.
interrupted-verify = Stopped before every file was checked.
