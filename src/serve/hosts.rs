//! Which Host names serve answers: the defence against DNS rebinding.
//!
//! A page on a name an attacker controls can make that name resolve to 127.0.0.1 once it has
//! loaded, and then read the preview (and its error stream) as its own origin. Its requests
//! still carry the attacker's name in `Host`, so serve answers only names such an attack cannot
//! use: IP literals (`127.0.0.1`, `[::1]`, the bound address or any other: the attack needs a
//! name), `localhost` and `*.localhost` (RFC 6761: always loopback, never in public DNS), and
//! the names given with `--allow-host`. The port is ignored; others get 403 and a short page
//! in the reader's language saying how to allow the name.
//!
//! A request without `Host` is answered only in HTTP/1.0: browsers always send `Host`, so such
//! a request cannot come from a rebinding page, and a program that could send it could as well
//! name the address. HTTP/1.1 requires `Host` (RFC 9112 §3.2), and hyper does not check it, so
//! a 1.1 request without one gets 400 here.

use crate::i18n::Language;
use crate::l10n::Msg;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Response, StatusCode, Version, header};
use axum::middleware::Next;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

/// The names answered besides IP literals and loopback names, and the language of refusals.
#[derive(Debug, Clone, Default)]
pub struct Hosts {
    allowed: Vec<String>,
    lang: Language,
}

/// What a `host[:port]` names.
#[derive(Debug, PartialEq, Eq)]
enum Host {
    Ip,
    /// Lower case, without a trailing dot.
    Name(String),
}

impl Hosts {
    /// `allowed` as given to `--allow-host`: any case, a trailing dot or a port is ignored.
    pub fn new(allowed: &[String], lang: Language) -> Hosts {
        let allowed = allowed
            .iter()
            .filter_map(|a| match parse(a) {
                Some(Host::Name(n)) => Some(n),
                _ => None,
            })
            .collect();
        Hosts { allowed, lang }
    }

    /// Whether a `Host` value (or the authority of an absolute request line) is answered.
    pub fn allows(&self, authority: &str) -> bool {
        match parse(authority) {
            Some(Host::Ip) => true,
            Some(Host::Name(n)) => {
                n == "localhost" || n.ends_with(".localhost") || self.allowed.contains(&n)
            }
            None => false,
        }
    }
}

/// The host of `host[:port]`, or `None` when it is not one.
fn parse(authority: &str) -> Option<Host> {
    if let Some(rest) = authority.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        ip.parse::<Ipv6Addr>().ok()?;
        return port_only(after).then_some(Host::Ip);
    }
    let (name, after) = match authority.find(':') {
        Some(i) => authority.split_at(i),
        None => (authority, ""),
    };
    if !port_only(after) {
        return None;
    }
    if name.parse::<Ipv4Addr>().is_ok() {
        return Some(Host::Ip);
    }
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    valid.then_some(Host::Name(name))
}

/// Whether `rest` is empty or `:` and a port number (which may be empty, RFC 3986).
fn port_only(rest: &str) -> bool {
    rest.is_empty()
        || rest
            .strip_prefix(':')
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// Middleware: the request goes on only if every name it carries is answered.
pub async fn check(
    State(hosts): State<Arc<Hosts>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let authority = request.uri().authority().map(|a| a.as_str());
    match refusal(&hosts, request.headers(), authority, request.version()) {
        Some(response) => response,
        None => next.run(request).await,
    }
}

/// The answer to a request whose names are not all answered, or `None` to serve it.
fn refusal(
    hosts: &Hosts,
    headers: &HeaderMap,
    authority: Option<&str>,
    version: Version,
) -> Option<Response<Body>> {
    let values = headers.get_all(header::HOST);
    if values.iter().next().is_none() && authority.is_none() {
        return (version > Version::HTTP_10).then(|| {
            page(
                StatusCode::BAD_REQUEST,
                hosts.lang,
                Msg::new("serve-host-missing-title"),
                Msg::new("serve-host-missing"),
            )
        });
    }
    let names = values
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .chain(authority.map(str::to_string));
    for name in names {
        if !hosts.allows(&name) {
            let shown = match parse(&name) {
                Some(Host::Name(n)) => n,
                _ => name,
            };
            return Some(page(
                StatusCode::FORBIDDEN,
                hosts.lang,
                Msg::new("serve-host-refused-title"),
                Msg::new("serve-host-refused").arg("name", shown),
            ));
        }
    }
    None
}

/// A short page: a heading and a paragraph, escaped.
fn page(status: StatusCode, lang: Language, title: Msg, text: Msg) -> Response<Body> {
    let title = crate::xml::escape(&title.render(lang));
    let text = crate::xml::escape(&text.render(lang));
    let html = format!(
        "<!doctype html>\n<html lang=\"{}\">\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<h1>{title}</h1>\n<p>{text}</p>\n</html>\n",
        lang.tag()
    );
    super::respond(status, "text/html; charset=utf-8", html.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_ip_literals_and_loopback_names_whatever_the_port() {
        let hosts = Hosts::default();
        for ok in [
            "127.0.0.1",
            "127.0.0.1:1111",
            "192.168.1.20:8080",
            "0.0.0.0",
            "[::1]",
            "[::1]:1111",
            "[fd00::5]:80",
            "localhost",
            "LocalHost:1111",
            "localhost.",
            "preview.localhost:1111",
            "127.0.0.1:",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_other_names_and_malformed_hosts() {
        let hosts = Hosts::default();
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "evillocalhost",
            "127.1",
            "",
            ":1111",
            "[::1",
            "[::1]x",
            "[evil.example]",
            "::1",
            "localhost:x",
            "localhost:1111:2",
            "local host",
            "localhost\0",
            "<b>x</b>",
        ] {
            assert!(!hosts.allows(bad), "{bad:?}");
        }
    }

    #[test]
    fn allow_host_names_match_in_any_case_and_only_themselves() {
        let hosts = Hosts::new(
            &["Intranet.Local".into(), "docs.example.:8080".into()],
            Language::En,
        );
        assert!(hosts.allows("intranet.local"));
        assert!(hosts.allows("INTRANET.LOCAL:1111"));
        assert!(hosts.allows("docs.example"));
        assert!(!hosts.allows("sub.intranet.local"));
        assert!(!hosts.allows("intranet.local.evil.example"));
    }

    #[test]
    fn host_is_required_from_http_1_1_on() {
        let hosts = Hosts::default();
        let none = HeaderMap::new();
        let status = |v| refusal(&hosts, &none, None, v).map(|r| r.status());
        assert_eq!(status(Version::HTTP_11), Some(StatusCode::BAD_REQUEST));
        assert_eq!(status(Version::HTTP_10), None);
        assert_eq!(status(Version::HTTP_09), None);
        // An absolute request line names the host itself.
        let refused = refusal(&hosts, &none, Some("evil.example"), Version::HTTP_11);
        assert_eq!(refused.map(|r| r.status()), Some(StatusCode::FORBIDDEN));
        assert!(refusal(&hosts, &none, Some("127.0.0.1:80"), Version::HTTP_11).is_none());
    }

    #[test]
    fn every_host_header_must_be_answered() {
        let hosts = Hosts::default();
        let mut two = HeaderMap::new();
        two.append(header::HOST, "localhost".parse().unwrap());
        two.append(header::HOST, "evil.example".parse().unwrap());
        let refused = refusal(&hosts, &two, None, Version::HTTP_11);
        assert_eq!(refused.map(|r| r.status()), Some(StatusCode::FORBIDDEN));
    }

    #[test]
    fn refusal_pages_exist_in_every_language() {
        for lang in [Language::ZhCn, Language::ZhTw, Language::En] {
            let text = Msg::new("serve-host-refused")
                .arg("name", "evil.example")
                .render(lang);
            assert!(
                text.contains("evil.example") && text.contains("--allow-host"),
                "{text}"
            );
            for id in [
                "serve-host-refused-title",
                "serve-host-missing-title",
                "serve-host-missing",
            ] {
                assert_ne!(Msg::new(id).render(lang), id);
            }
        }
    }
}
