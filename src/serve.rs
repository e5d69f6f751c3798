//! `minqing serve`: the site over HTTP on loopback, reloading the open tab after each rebuild and
//! showing the content's errors over the page.
//!
//! Serves only files inside the output folder (no `..`, no hidden files, no listings), with
//! UTF-8 content types, and only to requests for a loopback name, an IP address or a name given
//! with `--allow-host` (see [`hosts`], against DNS rebinding). Connections live under the limits
//! of [`connections`]: a request's headers within 10 s of connecting or of the previous response
//! (so an idle keep-alive connection lasts 10 s), at most 256 connections at once, and while
//! all are taken, those without a request for 1 s are closed to make room. The live-reload
//! event stream is a response in progress, which no limit cuts.
//!
//! The rebuild loop is `watch`'s; this module only serves and notifies. When the loop ends (a
//! stop asked for by Ctrl+C, SIGTERM or SIGHUP, or an error), the event streams end, the
//! server stops accepting, gives the requests in flight up to 2 s and the temporary site is
//! removed, as it is when building or binding fails.

pub mod connections;
pub mod hosts;

use crate::i18n::Language;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use hosts::Hosts;
use std::convert::Infallible;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::broadcast;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;
use tokio_util::sync::CancellationToken;

/// What the browser tab is told after a rebuild.
#[derive(Debug, Clone)]
pub enum Notice {
    /// The site changed: reload.
    Reload,
    /// The content has errors: show them (the site itself stayed as it was).
    Errors(String),
}

/// Shared between the HTTP server and the rebuild loop.
pub struct Live {
    root: PathBuf,
    notices: broadcast::Sender<Notice>,
    errors: RwLock<Option<String>>,
    /// Cancelled when serve stops: event streams end and connections close.
    stop: CancellationToken,
}

impl Live {
    pub fn new(root: PathBuf) -> Arc<Live> {
        let (notices, _) = broadcast::channel(16);
        Arc::new(Live {
            root,
            notices,
            errors: RwLock::new(None),
            stop: CancellationToken::new(),
        })
    }

    /// Ends the open event streams (and, through [`connections::serve`], the server).
    pub fn stop(&self) {
        self.stop.cancel();
    }

    /// Tells open tabs what the last rebuild did.
    pub fn notify(&self, notice: Notice) {
        let errors = match &notice {
            Notice::Errors(text) => Some(text.clone()),
            Notice::Reload => None,
        };
        *self.errors.write().unwrap_or_else(|e| e.into_inner()) = errors;
        // No open tab is not an error.
        let _ = self.notices.send(notice);
    }

    fn errors(&self) -> Option<String> {
        self.errors
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// The router: live-reload endpoints and the site's files, for the Host names `answered`.
pub fn router(live: Arc<Live>, answered: Hosts) -> Router {
    Router::new()
        .route("/__minqing/events", get(events))
        .route("/__minqing/live.js", get(live_js))
        .fallback(get(file))
        .with_state(live)
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(answered),
            hosts::check,
        ))
}

/// What `minqing serve` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Where to write the site; `None`: a temporary folder, removed on every way out.
    pub out: Option<PathBuf>,
    /// Host names answered besides loopback names and IP addresses (`--allow-host`).
    pub allow_hosts: Vec<String>,
    pub lang: Language,
}

/// How long requests in flight may take to finish once serve stops.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// Builds the site into `out` (a temporary folder by default), serves it on `bind:port` and
/// rebuilds on every change until asked to stop (see [`crate::interrupt`]) or a rebuild fails.
pub fn run(options: &Options) -> anyhow::Result<()> {
    let lang = options.lang;
    // Made first, so dropped last: every return below, `?` included, removes it.
    let temp = tempfile::tempdir()?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| temp.path().join("site"));
    let content = options.content.as_path();
    let (mut site, outcome) = crate::live::LiveSite::open(content, &out)?;
    crate::watch::report(&outcome, lang);
    let live = Live::new(out.clone());
    if !outcome.published {
        live.notify(Notice::Errors(outcome.diagnostics.render(lang)));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (bind, port) = (options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((bind, port)))
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}:{port}: {e} (try another --port)"))?;
    let addr = listener.local_addr()?;
    println!(
        "Serving {} at http://{addr}/ (Ctrl+C to stop)",
        content.display()
    );
    let app = router(live.clone(), Hosts::new(&options.allow_hosts, lang));
    let server = runtime.spawn(connections::serve(listener, app, live.stop.clone()));
    let result = crate::watch::run(&mut site, content, lang, |outcome| {
        if outcome.published {
            live.notify(Notice::Reload);
        } else {
            live.notify(Notice::Errors(outcome.diagnostics.render(lang)));
        }
    });
    live.stop();
    // A response that outlasts the grace (a download to a stalled reader) is cut.
    let _ = runtime.block_on(async { tokio::time::timeout(SHUTDOWN_GRACE, server).await });
    runtime.shutdown_timeout(Duration::from_millis(200));
    result
}

async fn events(
    State(live): State<Arc<Live>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let notices = BroadcastStream::new(live.notices.subscribe()).filter_map(|n| {
        n.ok().map(|notice| {
            Ok(match notice {
                Notice::Reload => Event::default().event("reload").data("reload"),
                Notice::Errors(text) => Event::default().event("errors").data(text),
            })
        })
    });
    // Ends (with HTTP's last chunk) when serve stops, so the connection can close cleanly.
    let stream = futures_util::StreamExt::take_until(notices, live.stop.clone().cancelled_owned());
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The error overlay's look and first line, shared by the page the server sends and the script
/// that shows errors arriving later.
macro_rules! overlay_style {
    () => {
        "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;margin:0;padding:16px 20px;background:#fff4f4;color:#7a0c0c;border-bottom:3px solid #a4161a;font:13px/1.5 ui-monospace,Consolas,monospace;white-space:pre-wrap;z-index:2147483647"
    };
}
macro_rules! overlay_intro {
    () => {
        "minqing: the content has errors; the site shows the last good build."
    };
}

const LIVE_JS: &str = concat!(
    r#"(function () {
  var source = new EventSource("/__minqing/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("errors", function (e) { show(e.data); });
  function show(text) {
    var box = document.getElementById("minqing-errors");
    if (!box) {
      box = document.createElement("pre");
      box.id = "minqing-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = ""#,
    overlay_style!(),
    r#"";
      document.body.appendChild(box);
    }
    box.textContent = ""#,
    overlay_intro!(),
    r#"\n\n" + text;
  }
})();
"#
);

async fn live_js() -> Response<Body> {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        LIVE_JS.as_bytes().to_vec(),
    )
}

fn respond(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// The content type of a file, UTF-8 for every text type.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" | "sha256" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file inside `root`, or `None` when it would leave it or names a
/// hidden file. Directories map to their index.html.
pub fn resolve(root: &Path, uri_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(uri_path)
        .decode_utf8()
        .ok()?;
    let mut path = root.to_path_buf();
    for part in decoded.split('/') {
        if part.is_empty() || part == "." {
            continue;
        }
        if part == ".." || part.starts_with('.') || part.contains('\\') || part.contains('\0') {
            return None;
        }
        let p = Path::new(part);
        if p.components().count() != 1
            || !matches!(p.components().next(), Some(Component::Normal(_)))
        {
            return None;
        }
        path.push(part);
    }
    if path.is_dir() {
        path.push("index.html");
    }
    Some(path)
}

async fn file(State(live): State<Arc<Live>>, uri: Uri) -> Response<Body> {
    let Some(path) = resolve(&live.root, uri.path()) else {
        return respond(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            b"forbidden\n".to_vec(),
        );
    };
    let (status, path, bytes) = match tokio::fs::read(&path).await {
        Ok(b) => (StatusCode::OK, path, b),
        Err(_) => {
            let not_found = live.root.join("404.html");
            match tokio::fs::read(&not_found).await {
                // Sent for a missing path at any depth, its relative links must resolve from
                // its own address, as they do when it is opened there (or from file://).
                Ok(b) => (StatusCode::NOT_FOUND, not_found, with_base(b, "/404.html")),
                Err(_) => {
                    return respond(
                        StatusCode::NOT_FOUND,
                        "text/plain; charset=utf-8",
                        b"not found\n".to_vec(),
                    );
                }
            }
        }
    };
    let ctype = content_type(&path);
    let body = if ctype.starts_with("text/html") {
        inject(bytes, live.errors())
    } else {
        bytes
    };
    respond(status, ctype, body)
}

/// Puts `<base href="{href}">` first in a page's `<head>`, before anything with a URL.
fn with_base(html: Vec<u8>, href: &str) -> Vec<u8> {
    let lower = html.to_ascii_lowercase();
    let head = lower.windows(5).enumerate().find_map(|(i, w)| {
        let after = lower.get(i + 5).copied();
        (w == b"<head" && matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r'))).then_some(i)
    });
    let Some(start) = head else { return html };
    let Some(end) = html[start..].iter().position(|&b| b == b'>') else {
        return html;
    };
    let at = start + end + 1;
    let tag = format!("<base href=\"{}\">", crate::xml::escape(href));
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Adds the live-reload script (and the error overlay, when there are errors) to a page.
fn inject(html: Vec<u8>, errors: Option<String>) -> Vec<u8> {
    let mut tag = String::from("<script src=\"/__minqing/live.js\"></script>");
    if let Some(text) = errors {
        tag.push_str(concat!(
            "<pre id=\"minqing-errors\" role=\"alert\" style=\"",
            overlay_style!(),
            "\">"
        ));
        tag.push_str(&crate::xml::escape(&format!(
            concat!(overlay_intro!(), "{}"),
            text
        )));
        tag.push_str("</pre>");
    }
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{}{}", &text[..i], tag, &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_not_found_page_gets_its_own_address_as_base() {
        let page = b"<!doctype html><html><HEAD lang=x><link href=\"static/style.css\"></head><body><header></header></body></html>".to_vec();
        let out = String::from_utf8(with_base(page, "/404.html")).unwrap();
        assert!(
            out.contains("<HEAD lang=x><base href=\"/404.html\"><link"),
            "{out}"
        );
        assert_eq!(out.matches("<base").count(), 1);
        // `<header>` is not `<head>`, and a page without a head is left as it is.
        let bare = b"<header>x</header>".to_vec();
        assert_eq!(with_base(bare.clone(), "/404.html"), bare);
    }

    #[test]
    fn resolves_inside_the_root_only() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("anhui")).unwrap();
        let root = tmp.path();
        assert_eq!(resolve(root, "/"), Some(root.join("index.html")));
        assert_eq!(
            resolve(root, "/anhui/"),
            Some(root.join("anhui/index.html"))
        );
        assert_eq!(resolve(root, "/a%20b.html"), Some(root.join("a b.html")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/anhui/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/.minqing-output"), None);
        assert_eq!(resolve(root, "/a%5cb"), None);
    }

    #[test]
    fn live_script_shows_the_overlay_intro_on_one_line() {
        assert!(
            LIVE_JS.contains(r#"the last good build.\n\n" + text;"#),
            "{LIVE_JS}"
        );
    }

    #[test]
    fn text_types_are_utf8() {
        for f in ["a.html", "a.css", "a.js", "a.json", "a.csv", "a.svg"] {
            assert!(content_type(Path::new(f)).ends_with("charset=utf-8"), "{f}");
        }
    }

    #[test]
    fn injects_script_and_overlay_before_body_end() {
        let out = String::from_utf8(inject(
            b"<html><body><p>x</p></body></html>".to_vec(),
            Some("a<b".into()),
        ))
        .unwrap();
        assert!(
            out.contains("<script src=\"/__minqing/live.js\"></script><pre id=\"minqing-errors\"")
        );
        assert!(out.contains("a&lt;b</pre></body>"));
    }
}
