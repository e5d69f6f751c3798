//! A note's Markdown → safe HTML for its page: rewrites relative links to their output paths,
//! shifts headings under the page's title and keeps scripts out. (pulldown-cmark's options and
//! the plain text of a note live in [`crate::markdown`], which the load stage reads too.)
//!
//! A note's `[综述](../2014-05-07-综述.md)` becomes a link to that note's page and
//! `![图](images/整改.svg)` to the copied file, so links written between files in the content
//! folder work in the site, on any sub-path and from file://. Raw HTML in a note is held to the
//! same links (see [`raw_html`]).

mod raw_html;

use crate::markdown::{options, plain_text_upto};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};
pub use raw_html::ImageWithoutAlt;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// A note body rendered for its page.
#[derive(Debug, Default)]
pub struct RenderedBody {
    pub html: String,
    /// Relative links in the note that point at nothing in the content folder.
    pub broken_links: Vec<BrokenLink>,
    /// `<img>` tags in the note's raw HTML without `alt` (given `alt=""` in the page).
    pub images_without_alt: Vec<ImageWithoutAlt>,
    /// The body's plain text, as [`crate::markdown::plain_text`] gives it, for the search index.
    pub plain: String,
    /// The content files its relative links name (found or not): what the page reads of
    /// [`LinkContext::links`].
    pub targets: Vec<PathBuf>,
}

/// A link or image in a note that points at nothing in the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub url: String,
    /// The line of the body it is written on (1-based).
    pub line: usize,
    pub image: bool,
}

/// Where a note sits and what its links can point at.
pub struct LinkContext<'a> {
    /// The note's .md path relative to the content folder.
    pub note_rel: &'a Path,
    /// Content-relative source paths → output paths.
    pub links: &'a HashMap<PathBuf, String>,
    /// The note's page (a site path), which the links are made relative to.
    pub page: &'a str,
}

/// Renders a note body: headings shift down one level (the page's `<h1>` is the title), links
/// are rewritten, outside images become links, and raw HTML is sanitised. The body is parsed
/// once, for its page, its outline and its plain text. (One pass over the events, whose state —
/// the open heading, pending image links, raw HTML seen — lives in this function: split, it
/// would travel between the pieces. Hence its length.)
pub fn render(body: &str, ctx: &LinkContext) -> RenderedBody {
    let (parsed, starts): (Vec<Event>, Vec<usize>) = Parser::new_ext(body, options())
        .into_offset_iter()
        .map(|(e, range)| (e, range.start))
        .unzip();
    let line_of = |start: usize| body[..start].matches('\n').count() + 1;
    let plain = plain_text_upto(&parsed, body.len(), usize::MAX);
    let mut found = raw_html::Findings::default();
    let mut has_raw_html = false;
    let mut pending_image_link: Vec<bool> = Vec::new();
    let mut levels = outline(&parsed).into_iter();
    let mut open_heading = HeadingLevel::H2;
    let events = join_html_lines(parsed.into_iter().zip(starts))
        .into_iter()
        .map(|(event, start)| match event {
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) => {
                open_heading = levels.next().unwrap_or(HeadingLevel::H6);
                Event::Start(Tag::Heading {
                    level: open_heading,
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Heading(open_heading)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url, ctx, &mut found.targets).unwrap_or_else(|url| {
                    found.broken.push(BrokenLink {
                        url: url.clone(),
                        line: line_of(start),
                        image: false,
                    });
                    url
                });
                Event::Start(Tag::Link {
                    dest_url: dest_url.into(),
                    link_type,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_external(&dest_url) {
                    // Nothing is fetched from outside the site: show an outside image as a link.
                    pending_image_link.push(true);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                } else {
                    pending_image_link.push(false);
                    let dest_url =
                        rewrite(&dest_url, ctx, &mut found.targets).unwrap_or_else(|url| {
                            found.broken.push(BrokenLink {
                                url: url.clone(),
                                line: line_of(start),
                                image: true,
                            });
                            url
                        });
                    Event::Start(Tag::Image {
                        dest_url: dest_url.into(),
                        link_type,
                        title,
                        id,
                    })
                }
            }
            Event::End(TagEnd::Image) => {
                if pending_image_link.pop().unwrap_or(false) {
                    Event::End(TagEnd::Link)
                } else {
                    Event::End(TagEnd::Image)
                }
            }
            Event::Html(h) => {
                has_raw_html = true;
                Event::Html(raw_html::check(&h, line_of(start), ctx, &mut found).into())
            }
            Event::InlineHtml(h) => {
                has_raw_html = true;
                Event::InlineHtml(raw_html::check(&h, line_of(start), ctx, &mut found).into())
            }
            other => other,
        });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
    if has_raw_html {
        out = sanitize(&out);
    }
    RenderedBody {
        html: out,
        broken_links: found.broken,
        images_without_alt: found.without_alt,
        targets: found.targets,
        plain,
    }
}

/// An HTML block comes as one event a line; joined, a tag written over several lines is read
/// whole. Each event keeps the offset it starts at.
fn join_html_lines<'a>(
    events: impl Iterator<Item = (Event<'a>, usize)>,
) -> Vec<(Event<'a>, usize)> {
    let mut out = Vec::new();
    let mut block: Option<(String, usize)> = None;
    for (event, start) in events {
        match (event, &mut block) {
            (Event::Html(line), Some((joined, _))) => joined.push_str(&line),
            (Event::Html(line), None) => block = Some((line.into_string(), start)),
            (other, _) => {
                if let Some((joined, at)) = block.take() {
                    out.push((Event::Html(CowStr::from(joined)), at));
                }
                out.push((other, start));
            }
        }
    }
    if let Some((joined, at)) = block {
        out.push((Event::Html(CowStr::from(joined)), at));
    }
    out
}

/// The page level of each heading of a note, in order. The page's `<h1>` is the title, so the
/// note's shallowest heading becomes `<h2>` (whether the author wrote `#` or `##`), and no heading
/// goes more than one level below the one before it (HTML forbids skipping levels).
fn outline(events: &[Event]) -> Vec<HeadingLevel> {
    let written: Vec<usize> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .collect();
    let shallowest = written.iter().copied().min().unwrap_or(1);
    let mut previous = 1; // the title
    written
        .into_iter()
        .map(|w| {
            let level = (w + 2 - shallowest).min(previous + 1).clamp(2, 6);
            previous = level;
            match level {
                2 => HeadingLevel::H2,
                3 => HeadingLevel::H3,
                4 => HeadingLevel::H4,
                5 => HeadingLevel::H5,
                _ => HeadingLevel::H6,
            }
        })
        .collect()
}

fn is_external(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

fn has_scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    (!scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then(|| scheme.to_ascii_lowercase())
}

/// Rewrites one link target. Outside links stay; unsafe schemes go; relative paths to content
/// files become relative paths to their outputs. `Err` holds the target as written when it
/// points at nothing in the content folder (it stays as it is, and is reported). The content
/// path looked up is added to `targets`.
fn rewrite(url: &str, ctx: &LinkContext, targets: &mut Vec<PathBuf>) -> Result<String, String> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') {
        return Ok(url.to_string());
    }
    if let Some(scheme) = has_scheme(url) {
        return Ok(match scheme.as_str() {
            "http" | "https" | "mailto" | "tel" => url.to_string(),
            _ => "#".to_string(),
        });
    }
    if url.starts_with('/') {
        // Site-absolute links break on a sub-path and from file://; leave them for the checker.
        return Err(url.to_string());
    }
    let (path_part, suffix) = match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let decoded = percent_encoding::percent_decode_str(path_part).decode_utf8_lossy();
    let base = ctx.note_rel.parent().unwrap_or(Path::new(""));
    let target = normalize(&base.join(decoded.as_ref()));
    targets.extend(target.clone());
    match target.as_ref().and_then(|t| ctx.links.get(t)) {
        Some(out) => Ok(format!("{}{suffix}", crate::paths::link(ctx.page, out))),
        None => Err(url.to_string()),
    }
}

/// Resolves `.` and `..` without touching the disk; `None` when the path leaves the content folder.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Cleans HTML written inside a note: no scripts, handlers or styles, and no outside images.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .attribute_filter(|element, attribute, value| {
            if element == "img" && attribute == "src" && is_external(value) {
                None
            } else {
                Some(value.into())
            }
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx_links() -> HashMap<PathBuf, String> {
        let mut links = HashMap::new();
        links.insert(
            PathBuf::from("福建省/泉港区/2014-09-10-综述.md"),
            "fujian/quangang/2014-09-10-zongshu.html".to_string(),
        );
        links.insert(
            PathBuf::from("福建省/泉港区/images/整改.svg"),
            "fujian/quangang/images/zhenggai.svg".to_string(),
        );
        links
    }

    fn render_at(body: &str) -> RenderedBody {
        let links = ctx_links();
        let ctx = LinkContext {
            note_rel: Path::new("福建省/泉港区/会议/2014-06-18-座谈会.md"),
            links: &links,
            page: "fujian/quangang/huiyi/2014-06-18-zuotanhui.html",
        };
        render(body, &ctx)
    }

    #[test]
    fn rewrites_links_to_notes_and_files() {
        let r =
            render_at("[综述](../2014-09-10-综述.md#top) ![图](../images/%E6%95%B4%E6%94%B9.svg)");
        assert!(
            r.html.contains(r#"href="../2014-09-10-zongshu.html#top""#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(r#"src="../images/zhenggai.svg""#),
            "{}",
            r.html
        );
        assert!(r.broken_links.is_empty());
    }

    #[test]
    fn reports_broken_links() {
        let r = render_at("[x](nothing.md) [y](https://example.org/)");
        let urls: Vec<_> = r.broken_links.iter().map(|b| b.url.as_str()).collect();
        assert_eq!(urls, ["nothing.md"]);
    }

    #[test]
    fn scripts_never_reach_the_output() {
        let r = render_at(
            "hi <script>alert(1)</script> <img src=x onerror=alert(2)> [a](javascript:alert(3))",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
    }

    #[test]
    fn raw_html_links_are_rewritten_and_checked_like_markdown_links() {
        let r = render_at(
            "第一段\n\n<p>见<a href=\"../2014-09-10-综述.md#top\">综述</a>\n和<a href=\"没有.md\">旧稿</a></p>\n\n\
             文中 <img src=\"../images/整改.svg\" alt=\"整改\"> 与 <img alt=\"缺\" src=\"images/没有.jpg\">",
        );
        assert!(
            r.html
                .contains(r#"<a href="../2014-09-10-zongshu.html#top""#),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains(r#"<img src="../images/zhenggai.svg" alt="整改">"#),
            "{}",
            r.html
        );
        let broken: Vec<_> = r
            .broken_links
            .iter()
            .map(|b| (b.url.as_str(), b.line, b.image))
            .collect();
        assert_eq!(
            broken,
            [("没有.md", 4, false), ("images/没有.jpg", 6, true)]
        );
        assert!(
            r.images_without_alt.is_empty(),
            "{:?}",
            r.images_without_alt
        );
    }

    #[test]
    fn an_img_without_alt_is_reported_at_its_tag_and_gets_an_empty_alt() {
        let r = render_at(
            "一\n\n<div>\n<p>说明</p>\n<img\n  src=\"../images/整改.svg\"\n  width=\"300\">\n</div>\n\n\
             再如 <img src=\"https://example.org/a.png\"> 和 <IMG SRC=\"../images/整改.svg\" ALT=\"有\">",
        );
        let without: Vec<_> = r
            .images_without_alt
            .iter()
            .map(|i| (i.named(), i.line))
            .collect();
        assert_eq!(
            without,
            [("../images/整改.svg", 5), ("https://example.org/a.png", 10)]
        );
        assert!(
            r.html
                .contains(r#"<img src="../images/zhenggai.svg" width="300" alt="">"#),
            "{}",
            r.html
        );
        // The outside image loses its src to the sanitiser but keeps the alt the page needs.
        assert!(r.html.contains(r#"<img alt="">"#), "{}", r.html);
        assert!(r.html.contains(r#"alt="有""#), "{}", r.html);
        assert!(r.broken_links.is_empty(), "{:?}", r.broken_links);
    }

    #[test]
    fn tags_inside_scripts_and_comments_are_not_checked() {
        let r = render_at(
            "<script>\nvar s = '<img src=\"nothing.png\">';\n</script>\n\n\
             <!-- <a href=\"old.md\">old</a> -->\n\n<p title=\"a &amp; b &quot;c&quot;\">x &lt; y</p>",
        );
        assert!(
            r.images_without_alt.is_empty(),
            "{:?}",
            r.images_without_alt
        );
        assert!(r.broken_links.is_empty(), "{:?}", r.broken_links);
        assert!(!r.html.contains("nothing.png"), "{}", r.html);
        // What is written back is the same HTML: entities stay entities.
        assert!(
            r.html
                .contains(r#"<p title="a &amp; b &quot;c&quot;">x &lt; y</p>"#),
            "{}",
            r.html
        );
    }

    #[test]
    fn headings_shift_and_outside_images_become_links() {
        let r = render_at("# 标题\n\n![远程](https://example.org/a.png)");
        assert!(r.html.contains("<h2>标题</h2>"));
        let r2 = render_at("## 一\n\n#### 二\n\n### 三\n\n## 四");
        assert!(
            r2.html
                .contains("<h2>一</h2>\n<h3>二</h3>\n<h3>三</h3>\n<h2>四</h2>"),
            "{}",
            r2.html
        );
        assert!(!r.html.contains("<img"));
        assert!(
            r.html
                .contains(r#"<a href="https://example.org/a.png">远程</a>"#),
            "{}",
            r.html
        );
    }
}
