//! `feed.xml`: an Atom 1.0 feed (RFC 4287) of the newest notes.
//!
//! Links are absolute under the site's `base_url` when it has one. Without it (the site may sit on
//! any sub-path, or on a USB stick) they are relative: Atom resolves them against the feed's own
//! address (RFC 4287 §2, xml:base semantics), which is the site root. Ids need no domain: the
//! feed's is `urn:minqing:<site slug>`, an entry's is [`entry_id`]. Every date is a note's date at
//! midnight UTC; `updated` is the newest note's, never the clock, so that builds stay
//! byte-identical.

use super::{site_url, uri_path};
use crate::model::{Note, SiteModel};
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

/// The id of a note's entry: the tag URI (RFC 4151) `tag:minqing,<note date>:<note path>`.
///
/// It depends on neither the site's title nor its `base_url`, so that renaming the site or giving
/// it its address later does not show every note to readers again as new. The note's path names
/// it within the site and changes only when the note is moved or renamed, which changes its page's
/// address too. The date is the note's: RFC 4151 wants the day the name was minted, which for an
/// entry is the day it was published, and it is as fixed as the note. Without the site's name in
/// it, two sites share an id only for a note at the same path with the same date, in practice the
/// same note published twice, which Atom (§4.2.6) wants to keep its id anyway.
pub fn entry_id(note: &Note) -> String {
    format!("tag:minqing,{}:{}", note.src.date, uri_path(&note.path))
}

/// `feed.xml`.
pub fn feed_xml(model: &SiteModel) -> Vec<u8> {
    let site = &model.site;
    let id = feed_id(&site.title);
    let url = |path: &str| site_url(site.base_url.as_deref(), path);
    // With no notes nothing ever changed: the epoch keeps the feed valid and the build stable.
    let updated = model
        .notes
        .first()
        .map(|n| format!("{}T00:00:00Z", n.src.date))
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
    link(&mut x, 1, "self", "application/atom+xml", &url("feed.xml"));
    link(&mut x, 1, "alternate", "text/html", &url("index.html"));
    x.push_str("  <author>\n");
    element(&mut x, 2, "name", &site.title);
    x.push_str("  </author>\n");
    let _ = writeln!(
        x,
        "  <generator version=\"{}\">minqing</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for n in model.notes.iter().take(FEED_ENTRIES) {
        let date = format!("{}T00:00:00Z", n.src.date);
        x.push_str("  <entry>\n");
        element(&mut x, 2, "id", &entry_id(n));
        element(&mut x, 2, "title", &n.src.title);
        element(&mut x, 2, "published", &date);
        element(&mut x, 2, "updated", &date);
        link(&mut x, 2, "alternate", "text/html", &url(&n.path));
        x.push_str("    <author>\n");
        element(
            &mut x,
            3,
            "name",
            n.src.author.as_deref().unwrap_or(&site.title),
        );
        x.push_str("    </author>\n");
        for t in &n.src.tags {
            let _ = writeln!(x, "    <category term=\"{}\"/>", escape(t));
        }
        let summary = n.src.excerpt.as_str();
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
        escape(href)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_ids_need_no_domain() {
        assert_eq!(feed_id("Links fixture"), "urn:minqing:links-fixture");
        assert_eq!(feed_id("……"), "urn:minqing:site");
    }
}
