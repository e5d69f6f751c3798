//! Slugs: the ASCII names that localities, notes and files get in the output.
//!
//! One owner for the rule, so that a link rewritten in a note and the file written for its
//! target always agree. Chinese characters become toneless pinyin written together, as pinyin
//! words are (`泉港区` → `quangangqu`); runs of anything else that is not a letter or digit become
//! one hyphen. The output is safe in URLs, on Windows file systems and in zip archives.

use pinyin::ToPinyin;

/// Slugifies free text: `2014-05-07-综述` → `2014-05-07-zongshu`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut pending_hyphen = false;
    for c in text.chars() {
        let piece: Option<&str> = if c.is_ascii_alphanumeric() {
            None
        } else {
            c.to_pinyin().map(|p| p.plain())
        };
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else if let Some(p) = piece {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push_str(p);
        } else if matches!(c, '０'..='９') {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0'));
        } else {
            pending_hyphen = true;
        }
    }
    out
}

/// Slugifies a file name, keeping its extension: `整改图.SVG` → `zhenggaitu.svg`.
pub fn slugify_file_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => {
            let stem = slugify(stem);
            let ext = slugify(ext);
            if stem.is_empty() {
                format!("file.{ext}")
            } else {
                format!("{stem}.{ext}")
            }
        }
        _ => {
            let s = slugify(name);
            if s.is_empty() { "file".into() } else { s }
        }
    }
}

/// Whether a user-given slug is acceptable as it is: lowercase ASCII letters, digits, hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_become_pinyin() {
        assert_eq!(slugify("泉港区"), "quangangqu");
        assert_eq!(slugify("安徽省"), "anhuisheng");
        assert_eq!(slugify("2014-05-07-综述"), "2014-05-07-zongshu");
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("会议 纪要（二）"), "huiyi-jiyao-er");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn file_names_keep_extensions() {
        assert_eq!(slugify_file_name("整改图.SVG"), "zhenggaitu.svg");
        assert_eq!(slugify_file_name("photo.png"), "photo.png");
        assert_eq!(slugify_file_name("README"), "readme");
    }

    #[test]
    fn slug_validation() {
        assert!(is_valid_slug("quangang"));
        assert!(is_valid_slug("2014-a"));
        assert!(!is_valid_slug("Quangang"));
        assert!(!is_valid_slug("泉港"));
        assert!(!is_valid_slug(""));
    }
}
