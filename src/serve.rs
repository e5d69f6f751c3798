//! `minqing serve`: the site over HTTP on loopback, reloading the open tab after each rebuild and
//! showing the content's errors over the page.
//!
//! Serves only files inside the output folder (no `..`, no hidden files, no listings), through
//! tower-http's `ServeDir` (as mdBook does), with UTF-8 content types, and only to requests for
//! a loopback name, an IP address or a name given with `--allow-host` (see [`hosts`], against
//! DNS rebinding). Connections live under the limits of [`connections`]: a request's headers
//! within 10 s of connecting or of the previous response (so an idle keep-alive connection
//! lasts 10 s), at most 256 connections at once, and while all are taken, those without a
//! request for 1 s are closed to make room. The live-reload event stream is a response in
//! progress, which no limit cuts.
//!
//! The rebuild loop is `watch`'s; this module only serves and notifies. When the loop ends (a
//! stop asked for by Ctrl+C, SIGTERM or SIGHUP, or an error), the event streams end, the
//! server stops accepting, gives the requests in flight up to 2 s and the temporary site is
//! removed, as it is when building or binding fails.

pub mod connections;
pub mod hosts;

use crate::i18n::Language;
use crate::l10n::Msg;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, Response, StatusCode, header};
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
use tower::ServiceExt as _;
use tower::util::MapRequest;
use tower_http::services::fs::ServeFileSystemResponseBody as ResponseBody;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_status::SetStatus;

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
        .fallback_service(get(file).with_state(Files::new(live.clone())))
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
    /// `--poll`: look for changes this often instead of waiting for the system's notices.
    pub poll: Option<Duration>,
    pub lang: Language,
}

/// How long requests in flight may take to finish once serve stops.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// The server's runtime: one thread of its own beside the rebuild loop. Two threads did not help
/// (examples/serve_load on the 10k site's /index.html, 2 cores, medians of 5 runs: p50/p99
/// 11.2/24.1 ms current-thread vs 11.9/23.7 ms multi-thread at 100 connections, 0.85/1.57 vs
/// 0.84/1.85 ms at 10).
fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

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
        live.notify(Notice::Errors(overlay_text(&outcome.diagnostics, lang)));
    }
    let runtime = runtime()?;
    let (bind, port) = (options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((bind, port)))
        .map_err(|e| {
            Msg::new("cannot-listen")
                .arg("bind", bind)
                .arg("port", port)
                .arg("error", e)
        })?;
    let addr = listener.local_addr()?;
    let serving = Msg::new("serving")
        .path("content", content)
        .arg("addr", addr);
    println!("{}", serving.render(lang));
    let app = router(live.clone(), Hosts::new(&options.allow_hosts, lang));
    let stop = live.stop.clone();
    let server = std::thread::spawn(move || {
        runtime.block_on(async {
            let grace = async {
                stop.cancelled().await;
                // A response that outlasts the grace (a download to a stalled reader) is cut.
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            };
            tokio::select! {
                () = connections::serve(listener, app, stop.clone()) => {}
                () = grace => {}
            }
        });
        runtime.shutdown_timeout(Duration::from_millis(200));
    });
    let watching = crate::watch::Options {
        content,
        poll: options.poll,
        lang,
    };
    let result = crate::watch::run(&mut site, &watching, |outcome| {
        if outcome.published {
            live.notify(Notice::Reload);
        } else {
            live.notify(Notice::Errors(overlay_text(&outcome.diagnostics, lang)));
        }
    });
    live.stop();
    if let Err(panic) = server.join() {
        std::panic::resume_unwind(panic);
    }
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

/// The error overlay's look, shared by the page the server sends and the script that shows
/// errors arriving later.
macro_rules! overlay_style {
    () => {
        "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;margin:0;padding:16px 20px;background:#fff4f4;color:#7a0c0c;border-bottom:3px solid #a4161a;font:13px/1.5 ui-monospace,Consolas,monospace;white-space:pre-wrap;z-index:2147483647"
    };
}

/// What the error overlay says: that the site shown is the last good one, then the problems.
fn overlay_text(diagnostics: &crate::diagnostics::Diagnostics, lang: Language) -> String {
    let intro = Msg::new("serve-overlay-intro").render(lang);
    format!("{intro}\n\n{}", diagnostics.render(lang))
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
    box.textContent = text;
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

/// The site's files: tower-http's `ServeDir` on the output folder, with 404.html (status 404)
/// for a missing path.
#[derive(Clone)]
struct Files {
    live: Arc<Live>,
    dir: ServeDir<SetStatus<NotFound>>,
}

/// 404.html, whole (see [`whole`]).
type NotFound = MapRequest<ServeFile, fn(Request<Body>) -> Request<Body>>;

impl Files {
    fn new(live: Arc<Live>) -> Files {
        let not_found = ServeFile::new(live.root.join("404.html"))
            .map_request(whole as fn(Request<Body>) -> Request<Body>);
        let dir = ServeDir::new(&live.root)
            // `/anhui` is answered with anhui/index.html, as `/anhui/` is, not redirected.
            .redirect_to_trailing_slash(false)
            .not_found_service(not_found);
        Files { live, dir }
    }
}

/// Whether a request path names what serve never sends: a way out of the site (`..`, also
/// as `%2e%2e`, a backslash, a drive), a NUL, or a hidden file or folder (`.minqing-output`,
/// a staging folder), which `ServeDir` would send.
fn refused(uri_path: &str) -> bool {
    let Ok(decoded) = percent_encoding::percent_decode_str(uri_path).decode_utf8() else {
        return true;
    };
    decoded
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .any(|part| {
            let mut components = Path::new(part).components();
            part.starts_with('.')
                || part.contains(['\\', '\0'])
                || !matches!(
                    (components.next(), components.next()),
                    (Some(Component::Normal(_)), None)
                )
        })
}

/// The request headers that ask for part of a file, or for it only if it changed (or did not).
const PARTIAL: [header::HeaderName; 6] = [
    header::RANGE,
    header::IF_RANGE,
    header::IF_MATCH,
    header::IF_NONE_MATCH,
    header::IF_MODIFIED_SINCE,
    header::IF_UNMODIFIED_SINCE,
];

/// A request for a page as it is sent: whole, with the script in it (see [`finish`]), so
/// without the ranges and conditions that `ServeDir` would answer from the file's bytes.
fn whole(mut request: Request<Body>) -> Request<Body> {
    for name in PARTIAL {
        request.headers_mut().remove(name);
    }
    request
}

/// Whether a request path may be answered with a page: its last part ends in .html or .htm,
/// or has no extension (a folder, answered with its index.html).
fn may_be_page(uri_path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(uri_path).decode_utf8_lossy();
    let last = decoded.rsplit('/').next().unwrap_or("");
    Path::new(last)
        .extension()
        .is_none_or(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

async fn file(State(files): State<Files>, mut request: Request<Body>) -> Response<Body> {
    let path = request.uri().path().to_owned();
    if refused(&path) {
        return respond(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            b"forbidden\n".to_vec(),
        );
    }
    if may_be_page(&path) {
        request = whole(request);
    }
    // A HEAD is answered as its GET (axum leaves the body out), so that its length is that of
    // the page with the script, not of the file.
    if request.method() == Method::HEAD {
        *request.method_mut() = Method::GET;
    }
    let Ok(response) = files.dir.clone().oneshot(request).await;
    finish(response, &path, files.live.errors()).await
}

/// `ServeDir`'s answer as serve sends it: every text type in UTF-8, `no-cache`, and an HTML
/// page (a file, or 404.html for a missing path) with the live-reload script and the errors.
async fn finish(
    response: Response<ResponseBody>,
    path: &str,
    errors: Option<String>,
) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let guessed = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let Some(ctype) = guessed.map(|g| content_type(g, path)) else {
        if parts.status == StatusCode::NOT_FOUND {
            // No such file and no 404.html either.
            return respond(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                b"not found\n".to_vec(),
            );
        }
        // 304, 412, 416: nothing to type.
        parts
            .headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        return Response::from_parts(parts, Body::new(body));
    };
    let whole = matches!(parts.status, StatusCode::OK | StatusCode::NOT_FOUND);
    let html = whole && ctype.starts_with("text/html");
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&ctype).expect("a content type is a header value"),
    );
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if !html {
        return Response::from_parts(parts, Body::new(body));
    }
    // Pages are small: the whole file, to put the script in.
    let Ok(bytes) = axum::body::to_bytes(Body::new(body), usize::MAX).await else {
        return respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain; charset=utf-8",
            Vec::new(),
        );
    };
    let mut page = bytes.to_vec();
    if parts.status == StatusCode::NOT_FOUND {
        // Sent for a missing path at any depth, its relative links must resolve from its own
        // address, as they do when it is opened there (or from file://).
        page = with_base(page, "/404.html");
    }
    // The page is no longer the file's bytes, and it changes with the errors while the file
    // stays as it was: no length, ranges or validators of the file (a reload must not get a
    // 304 and keep an overlay that is gone).
    for name in [
        header::CONTENT_LENGTH,
        header::ACCEPT_RANGES,
        header::ETAG,
        header::LAST_MODIFIED,
    ] {
        parts.headers.remove(name);
    }
    Response::from_parts(parts, Body::from(inject(page, errors)))
}

/// The content type sent for a file whose type `ServeDir` guessed (mime_guess, from the
/// extension): UTF-8 for every text type, and minqing's own types where mime_guess has
/// another or none.
fn content_type(guessed: &str, path: &str) -> String {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let base = match (guessed, ext.as_str()) {
        // The archive's MANIFEST.sha256 is text (sha256sum's), unknown to mime_guess.
        ("application/octet-stream", "sha256") => "text/plain",
        // Shown, not downloaded.
        ("text/markdown", _) => "text/plain",
        // The types serve always sent: feed.xml, and JavaScript's one name (RFC 9239).
        ("text/xml", _) => "application/xml",
        ("application/javascript", _) => "text/javascript",
        (g, _) => g,
    };
    let text = base.starts_with("text/")
        || matches!(base, "application/json" | "application/xml")
        || base.ends_with("+xml")
        || base.ends_with("+json");
    if text && !base.contains("charset") {
        format!("{base}; charset=utf-8")
    } else {
        base.to_string()
    }
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
        tag.push_str(&crate::xml::escape(&text));
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
    fn refuses_ways_out_of_the_site_and_hidden_names() {
        for ok in [
            "/",
            "/anhui/",
            "/a%20b.html",
            "/./index.html",
            "/data/localities.csv",
        ] {
            assert!(!refused(ok), "{ok}");
        }
        for bad in [
            "/../etc/passwd",
            "/anhui/%2e%2e/%2e%2e/etc/passwd",
            "/a%2f..%2fb",
            "/.minqing-output",
            "/anhui/.hidden/x.html",
            "/a%5cb",
            "/a%00b",
            "/%ff",
        ] {
            assert!(refused(bad), "{bad}");
        }
    }

    #[test]
    fn the_overlay_says_what_is_shown_then_the_problems_in_the_readers_language() {
        let mut problems = crate::diagnostics::Diagnostics::default();
        problems.push(crate::diagnostics::Diagnostic::error(
            "duplicate-date",
            "a/locality.yaml",
            Msg::new("duplicate-date").arg("date", "2014-04-09"),
        ));
        for (lang, intro, problem) in [
            (
                Language::En,
                "the site shows the last good build.",
                "two reports are dated",
            ),
            (
                Language::ZhCn,
                "上一次成功生成的版本。",
                "有两次上报的日期都是",
            ),
            (
                Language::ZhTw,
                "上一次成功產生的版本。",
                "有兩次填報的日期都是",
            ),
        ] {
            let text = overlay_text(&problems, lang);
            let (first, rest) = text.split_once("\n\n").unwrap();
            assert!(first.ends_with(intro), "{text}");
            assert!(rest.contains(problem), "{text}");
        }
        // The script shows the text as it comes.
        assert!(LIVE_JS.contains("box.textContent = text;"), "{LIVE_JS}");
    }

    #[test]
    fn text_types_are_utf8_and_as_before() {
        // What mime_guess gives for each name (as ServeDir sends it) and what serve sends.
        for (path, guessed, sent) in [
            ("/a.html", "text/html", "text/html; charset=utf-8"),
            ("/a.css", "text/css", "text/css; charset=utf-8"),
            ("/a.js", "text/javascript", "text/javascript; charset=utf-8"),
            (
                "/a.mjs",
                "application/javascript",
                "text/javascript; charset=utf-8",
            ),
            (
                "/a.json",
                "application/json",
                "application/json; charset=utf-8",
            ),
            ("/a.csv", "text/csv", "text/csv; charset=utf-8"),
            ("/a.svg", "image/svg+xml", "image/svg+xml; charset=utf-8"),
            ("/feed.xml", "text/xml", "application/xml; charset=utf-8"),
            ("/a.txt", "text/plain", "text/plain; charset=utf-8"),
            ("/a.md", "text/markdown", "text/plain; charset=utf-8"),
            (
                "/MANIFEST.SHA256",
                "application/octet-stream",
                "text/plain; charset=utf-8",
            ),
            ("/a.png", "image/png", "image/png"),
            ("/a.woff2", "font/woff2", "font/woff2"),
            ("/a.zip", "application/zip", "application/zip"),
            ("/a", "application/octet-stream", "application/octet-stream"),
            // A missing file.sha256 gets 404.html.
            ("/no.sha256", "text/html", "text/html; charset=utf-8"),
        ] {
            assert_eq!(content_type(guessed, path), sent, "{path}");
        }
    }

    /// Sends a request (Host 127.0.0.1, `headers` added) to serve's router for `root`:
    /// (status, headers, body).
    async fn ask(
        root: &Path,
        method: Method,
        uri: &str,
        headers: &[(header::HeaderName, &str)],
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "127.0.0.1");
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        let app = router(Live::new(root.to_path_buf()), Hosts::new(&[], Language::En));
        let Ok(response) = app.oneshot(request.body(Body::empty()).unwrap()).await;
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        let body = String::from_utf8_lossy(&body).into_owned();
        (parts.status, parts.headers, body)
    }

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let page = |title: &str| {
            format!(
                "<!doctype html><html><head><title>{title}</title></head><body><p>{title}</p></body></html>"
            )
        };
        for (name, text) in [
            ("index.html", page("home")),
            ("404.html", page("missing")),
            ("anhui/index.html", page("anhui")),
            ("feed.xml", "<feed/>".into()),
            ("MANIFEST.sha256", "0  index.html\n".into()),
            ("notes/a.md", "# a".into()),
            ("static/app.js", "1".into()),
            ("static/style.css", "p{}".into()),
            ("data/localities.csv", "a,b".into()),
            ("charts/c.svg", "<svg/>".into()),
            ("search.json", "{}".into()),
            ("static/logo.png", "png".into()),
            ("archive.zip", "0123456789".into()),
            (".minqing-output", String::new()),
            (".staging-1/index.html", page("staged")),
        ] {
            let path = tmp.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        tmp
    }

    #[tokio::test]
    async fn serves_files_with_the_types_as_before() {
        let tmp = site();
        for (uri, ctype) in [
            ("/", "text/html; charset=utf-8"),
            ("/anhui", "text/html; charset=utf-8"),
            ("/anhui/", "text/html; charset=utf-8"),
            ("/feed.xml", "application/xml; charset=utf-8"),
            ("/MANIFEST.sha256", "text/plain; charset=utf-8"),
            ("/notes/a.md", "text/plain; charset=utf-8"),
            ("/static/app.js", "text/javascript; charset=utf-8"),
            ("/static/style.css", "text/css; charset=utf-8"),
            ("/data/localities.csv", "text/csv; charset=utf-8"),
            ("/charts/c.svg", "image/svg+xml; charset=utf-8"),
            ("/search.json", "application/json; charset=utf-8"),
            ("/static/logo.png", "image/png"),
            ("/archive.zip", "application/zip"),
        ] {
            let (status, headers, _) = ask(tmp.path(), Method::GET, uri, &[]).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert_eq!(headers[header::CONTENT_TYPE], ctype, "{uri}");
            assert_eq!(headers[header::CACHE_CONTROL], "no-cache", "{uri}");
        }
        let (_, _, body) = ask(tmp.path(), Method::GET, "/anhui", &[]).await;
        assert!(
            body.contains("<p>anhui</p><script src=\"/__minqing/live.js\"></script></body>"),
            "{body}"
        );
    }

    #[tokio::test]
    async fn refuses_ways_out_and_hidden_files_and_sends_404_html_for_the_missing() {
        let tmp = site();
        for uri in [
            "/../index.html",
            "/anhui/%2e%2e/%2e%2e/etc/passwd",
            "/.minqing-output",
            "/.staging-1/index.html",
            "/a%5c..%5cindex.html",
            "/a%00b",
        ] {
            let (status, _, body) = ask(tmp.path(), Method::GET, uri, &[]).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
            assert_eq!(body, "forbidden\n", "{uri}");
        }
        for uri in [
            "/no/such/page.html",
            "/no.sha256",
            "/index.html/",
            "/no.png",
        ] {
            let (status, headers, body) = ask(tmp.path(), Method::GET, uri, &[]).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
            assert_eq!(
                headers[header::CONTENT_TYPE],
                "text/html; charset=utf-8",
                "{uri}"
            );
            assert!(
                body.contains("<head><base href=\"/404.html\"><title>missing"),
                "{body}"
            );
            assert!(body.contains("/__minqing/live.js"), "{body}");
        }
        // A range of a missing file is not a range of 404.html.
        let range = [(header::RANGE, "bytes=0-3")];
        let (status, headers, body) = ask(tmp.path(), Method::GET, "/no.mp4", &range).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(headers.get(header::CONTENT_RANGE).is_none());
        assert!(body.contains("/__minqing/live.js"), "{body}");
        std::fs::remove_file(tmp.path().join("404.html")).unwrap();
        let (status, headers, body) = ask(tmp.path(), Method::GET, "/no.html", &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(headers[header::CONTENT_TYPE], "text/plain; charset=utf-8");
        assert_eq!(body, "not found\n");
    }

    #[tokio::test]
    async fn a_page_is_sent_whole_and_without_the_files_validators() {
        let tmp = site();
        let partial = [
            (header::RANGE, "bytes=0-3"),
            (header::IF_MODIFIED_SINCE, "Sun, 06 Nov 2044 08:49:37 GMT"),
        ];
        for uri in ["/", "/index.html", "/anhui"] {
            let (status, headers, body) = ask(tmp.path(), Method::GET, uri, &partial).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(body.contains("/__minqing/live.js"), "{uri}: {body}");
            for name in [header::ETAG, header::LAST_MODIFIED, header::ACCEPT_RANGES] {
                assert!(headers.get(&name).is_none(), "{uri}: {name}");
            }
        }
        // HEAD: the length of the page with the script, no body.
        let (_, _, page) = ask(tmp.path(), Method::GET, "/", &[]).await;
        let (status, headers, body) = ask(tmp.path(), Method::HEAD, "/", &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "");
        assert_eq!(
            headers[header::CONTENT_LENGTH],
            page.len().to_string().as_str()
        );
        // Other files keep ServeDir's ranges and validators.
        let (status, headers, body) =
            ask(tmp.path(), Method::GET, "/archive.zip", &partial[..1]).await;
        assert_eq!(status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(body, "0123");
        assert!(headers.get(header::ETAG).is_some());
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
