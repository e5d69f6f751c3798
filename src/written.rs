//! The signs that a folder or file was written by minqing itself, so that no command ever reads
//! its own output back as content (an `--out` or an archive inside the content folder).
//!
//! A site folder carries [`MARKER`]; an archive carries [`ARCHIVE_COMMENT`] as its zip comment,
//! which sits in the last bytes of the file and is read without opening the archive.

use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::Path;

/// The file that marks a folder as minqing's output, and so safe to replace.
pub const MARKER: &str = ".minqing-output";

/// The zip comment of every archive `minqing archive` writes.
pub const ARCHIVE_COMMENT: &str = "minqing archive: see ARCHIVE.txt inside";

/// Whether `dir` is a site folder minqing wrote (its marker is a real file, not a link).
pub fn is_output_dir(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Whether the file at `path` is a zip that `minqing archive` wrote: its end-of-central-directory
/// record, in the last 22 + 65,535 bytes, carries [`ARCHIVE_COMMENT`].
pub fn is_archive(path: &Path) -> bool {
    archive_comment(path).is_some_and(|c| c == ARCHIVE_COMMENT.as_bytes())
}

fn archive_comment(path: &Path) -> Option<Vec<u8>> {
    const EOCD: &[u8] = b"PK\x05\x06";
    const EOCD_LEN: u64 = 22;
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let tail_len = len.min(EOCD_LEN + u16::MAX as u64);
    file.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = Vec::with_capacity(tail_len as usize);
    file.take(tail_len).read_to_end(&mut tail).ok()?;
    // The record nearest the end whose comment length reaches exactly to the end of the file.
    let at = (0..tail.len().checked_sub(EOCD_LEN as usize)? + 1)
        .rev()
        .find(|&i| {
            tail[i..].starts_with(EOCD) && {
                let n = u16::from_le_bytes([tail[i + 20], tail[i + 21]]) as usize;
                i + EOCD_LEN as usize + n == tail.len()
            }
        })?;
    Some(tail[at + EOCD_LEN as usize..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn zip_with(comment: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"hello").unwrap();
        if let Some(c) = comment {
            zip.set_comment(c).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn tells_its_own_archives_from_other_zips() {
        let tmp = tempfile::tempdir().unwrap();
        let cases = [
            ("own.zip", zip_with(Some(ARCHIVE_COMMENT)), true),
            ("plain.zip", zip_with(None), false),
            (
                "other.zip",
                zip_with(Some("an office's attachments")),
                false,
            ),
            ("tiny.zip", b"PK".to_vec(), false),
            ("empty.zip", Vec::new(), false),
        ];
        for (name, bytes, own) in cases {
            let path = tmp.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(is_archive(&path), own, "{name}");
        }
        assert!(!is_archive(&tmp.path().join("missing.zip")));
    }
}
