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

/// The shortest relative link from the page at `from` to `to`, both site paths (relative to
/// the site root, `/`-separated; `to` may end in `#fragment` or `?query`): from
/// `a/b/index.html`, `a/index.html` is `../index.html`, `a/b/n.html` is `n.html` and
/// `c/index.html` is `../../c/index.html`.
pub fn link(from: &str, to: &str) -> String {
    let (to_path, suffix) = to.split_at(to.find(['#', '?']).unwrap_or(to.len()));
    let from_dirs = from.rsplit_once('/').map_or("", |(dirs, _)| dirs);
    let mut from_dirs = from_dirs.split('/').filter(|d| !d.is_empty()).peekable();
    let mut rest = to_path;
    // Down the folders both share.
    while let (Some(&dir), Some((first, after))) = (from_dirs.peek(), rest.split_once('/')) {
        if dir != first {
            break;
        }
        from_dirs.next();
        rest = after;
    }
    let up = from_dirs.count();
    let mut out = String::with_capacity(3 * up + rest.len() + suffix.len());
    for _ in 0..up {
        out.push_str("../");
    }
    out.push_str(rest);
    out.push_str(suffix);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_go_up_only_as_far_as_the_folders_differ() {
        let village = "a/b/c/index.html";
        assert_eq!(link(village, "a/b/index.html"), "../index.html");
        assert_eq!(link(village, village), "index.html");
        assert_eq!(
            link(village, "a/b/c/2014-09-10-n.html"),
            "2014-09-10-n.html"
        );
        assert_eq!(link(village, "a/x/index.html"), "../../x/index.html");
        assert_eq!(link(village, "index.html"), "../../../index.html");
        assert_eq!(
            link(village, "static/style.css"),
            "../../../static/style.css"
        );
        assert_eq!(link("index.html", "a/b/index.html"), "a/b/index.html");
        assert_eq!(
            link("index.html", "quality.html#reporting"),
            "quality.html#reporting"
        );
        assert_eq!(link("tags/x.html", "tags/y-2.html"), "y-2.html");
        // A folder named like a file of the other path is no shared folder.
        assert_eq!(link("a/b.html", "a.html/c.html"), "../a.html/c.html");
        // A fragment with a slash in it is not a folder.
        assert_eq!(link("a/i.html", "a/j.html#x/y"), "j.html#x/y");
    }

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
