//! A theme's override folder (`themes/<name>/` beside the content folder), read from disk: its
//! files by `/`-separated path. `render::theme` puts them over the embedded default theme.

use crate::l10n::Msg;
use anyhow::{Context as _, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of a named theme beside the content folder.
pub fn theme_dir(content_root: &Path, name: &str) -> PathBuf {
    let parent = content_root
        .canonicalize()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    parent.join("themes").join(name)
}

/// Every regular file below `dir`, path relative to it → bytes (links are not followed).
pub fn read(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.with_context(|| Msg::new("io-reading").path("path", dir))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let key = crate::paths::slash_relative(dir, entry.path());
        let bytes = std::fs::read(entry.path())
            .with_context(|| Msg::new("io-reading").path("path", entry.path()))?;
        files.insert(key, bytes);
    }
    Ok(files)
}
