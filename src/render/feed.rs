//! `feed.xml`: an Atom 1.0 feed (RFC 4287) of the newest notes.
//!
//! The site has no base URL (it may sit on any sub-path, or on a USB stick), so links are
//! relative: Atom resolves them against the feed's own address (RFC 4287 §2, xml:base semantics),
//! which is the site root. Ids need no domain either: `urn:minqing:<site slug>` for the feed and
//! `urn:minqing:<site slug>:<note path>` for an entry, stable as long as the title and paths are.
//! Every date is a note's date at midnight UTC; `updated` is the newest note's, never the clock,
//! so that builds stay byte-identical.

use crate::model::SiteModel;
use crate::slug::slugify;
use crate::xml::escape;
use std::fmt::Write as _;

/// Notes in the feed, newest first.
pub const FEED_ENTRIES: usize = 50;

/// The id of the feed of a site with this title.
pub fn feed_id(site_title: &str) -> String {
    let slug = slugify(site_title);
    format!(
        "urn:minqing:{}",
        if slug.is_empty() { "site" } else { &slug }
    )
}

/// `feed.xml`.
pub fn feed_xml(model: &SiteModel) -> Vec<u8> {
    let site = &model.site;
    let id = feed_id(&site.title);
    // With no notes nothing ever changed: the epoch keeps the feed valid and the build stable.
    let updated = model
        .notes
        .first()
        .map(|n| format!("{}T00:00:00Z", n.date))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut x = String::with_capacity(1024 + 600 * model.notes.len().min(FEED_ENTRIES));
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        site.language.tag()
    );
    element(&mut x, 1, "id", &id);
    element(&mut x, 1, "title", &site.title);
    if let Some(d) = &site.description {
        element(&mut x, 1, "subtitle", d);
    }
    element(&mut x, 1, "updated", &updated);
    link(&mut x, 1, "self", "application/atom+xml", "feed.xml");
    link(&mut x, 1, "alternate", "text/html", "index.html");
    x.push_str("  <author>\n");
    element(&mut x, 2, "name", &site.title);
    x.push_str("  </author>\n");
    let _ = writeln!(
        x,
        "  <generator version=\"{}\">minqing</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for n in model.notes.iter().take(FEED_ENTRIES) {
        let date = format!("{}T00:00:00Z", n.date);
        x.push_str("  <entry>\n");
        element(&mut x, 2, "id", &format!("{id}:{}", uri_path(&n.path)));
        element(&mut x, 2, "title", &n.title);
        element(&mut x, 2, "published", &date);
        element(&mut x, 2, "updated", &date);
        link(&mut x, 2, "alternate", "text/html", &n.path);
        x.push_str("    <author>\n");
        element(
            &mut x,
            3,
            "name",
            n.author.as_deref().unwrap_or(&site.title),
        );
        x.push_str("    </author>\n");
        for t in &n.tags {
            let _ = writeln!(x, "    <category term=\"{}\"/>", escape(t));
        }
        let summary = n.excerpt.as_str();
        if !summary.is_empty() {
            element(&mut x, 2, "summary", summary);
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x.into_bytes()
}

fn element(x: &mut String, depth: usize, name: &str, text: &str) {
    let _ = writeln!(x, "{}<{name}>{}</{name}>", "  ".repeat(depth), escape(text));
}

fn link(x: &mut String, depth: usize, rel: &str, kind: &str, href: &str) {
    let _ = writeln!(
        x,
        "{}<link rel=\"{rel}\" type=\"{kind}\" href=\"{}\"/>",
        "  ".repeat(depth),
        escape(&uri_path(href))
    );
}

/// A site path as a relative URI reference, or inside a URN's specific string (RFC 8141 allows
/// `/` there too): anything but unreserved characters and `/` percent-encoded. Output paths are
/// ASCII slugs already; this is a guard.
fn uri_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_path("a/2014-09-10-x.html"), "a/2014-09-10-x.html");
        assert_eq!(uri_path("a b/c%d"), "a%20b/c%25d");
    }

    #[test]
    fn feed_ids_need_no_domain() {
        assert_eq!(feed_id("Links fixture"), "urn:minqing:links-fixture");
        assert_eq!(feed_id("……"), "urn:minqing:site");
    }
}
