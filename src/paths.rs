//! Paths as a site, a theme or an archive names its files: relative to their folder and
//! `/`-separated on every system (Windows gives `\`).

use std::path::Path;

/// `path` relative to `root` (or whole, when it is not below it), its parts joined by `/`.
pub fn slash_relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .iter()
        .map(|c| c.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_joined_by_slashes_below_the_root() {
        let root = Path::new("site");
        assert_eq!(
            slash_relative(root, &root.join("a").join("b.html")),
            "a/b.html"
        );
        assert_eq!(
            slash_relative(root, Path::new("other/c.css")),
            "other/c.css"
        );
        assert_eq!(slash_relative(root, root), "");
    }
}
