//! The server's security, one middleware in front of every route:
//! 1. the `Host` header must be an address this server listens on (a web page on another
//!    site whose name was made to resolve to 127.0.0.1 — DNS rebinding — gets 403);
//! 2. the token: the URL printed at start carries `?token=…`; the first visit sets it as an
//!    HttpOnly, SameSite=Strict cookie and redirects to the same page without it; a request
//!    with neither gets 401;
//! 3. state changes are POST only, and a POST's `Origin` must be this server's (a form on
//!    another site — CSRF — gets 403); other methods than GET, HEAD and POST get 405.
//!
//! Body sizes are bounded per route (`routes.rs`); uploads are checked as the CLI checks files.

use super::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The cookie that carries the token after the first visit.
pub(crate) const COOKIE: &str = "dealguard_token";

/// 128 random bits from the system, as 32 hex digits.
pub(crate) fn new_token() -> Result<String, getrandom::Error> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b)?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Equal strings, compared in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of a cookie in the request, if any.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The value of a query parameter (not decoded: tokens and languages are plain ASCII).
pub(crate) fn query_param<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The query without `token=…`, for the redirect after the cookie is set.
fn without_token(query: Option<&str>) -> String {
    let rest: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("token="))
        .collect();
    if rest.is_empty() {
        String::new()
    } else {
        format!("?{}", rest.join("&"))
    }
}

/// A plain-text refusal.
fn refuse(status: StatusCode, why: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{why}\n"),
    )
        .into_response()
}

/// The middleware: Host, then token, then method and Origin.
pub(crate) async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !app.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return refuse(
            StatusCode::FORBIDDEN,
            "403: this server answers only to the address it printed at start",
        );
    }
    let query = req.uri().query();
    let by_url = query_param(query, "token").is_some_and(|t| same(t, &app.token));
    let by_cookie = cookie(req.headers(), COOKIE).is_some_and(|t| same(t, &app.token));
    if !by_url && !by_cookie {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "401: open the address dealguard serve printed at start (it carries the token)",
        );
    }
    match *req.method() {
        Method::GET | Method::HEAD => {}
        Method::POST => {
            let origin = req
                .headers()
                .get(header::ORIGIN)
                .and_then(|h| h.to_str().ok())
                .and_then(|o| o.strip_prefix("http://"));
            if !origin.is_some_and(|o| o.eq_ignore_ascii_case(host)) {
                return refuse(
                    StatusCode::FORBIDDEN,
                    "403: a form of another site cannot change this server's files",
                );
            }
        }
        _ => return refuse(StatusCode::METHOD_NOT_ALLOWED, "405: GET or POST only"),
    }
    let length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.parse::<u64>().ok());
    let limit = super::routes::body_limit(req.uri().path());
    if length.is_some_and(|n| n > limit as u64) {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("413: at most {} MiB in one request here", limit >> 20),
        );
    }
    // The first visit by URL: the cookie, then the same page without the token in its address
    // (a GET; a POST with the token in its URL — the phone's upload — goes on).
    if by_url && !by_cookie && *req.method() == Method::GET {
        let to = format!("{}{}", req.uri().path(), without_token(query));
        return Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, to)
            .header(
                header::SET_COOKIE,
                format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", app.token),
            )
            .body(Body::empty())
            .unwrap_or_else(|_| refuse(StatusCode::INTERNAL_SERVER_ERROR, "500"));
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    // Nothing of ours is framed by another site, and nothing is fetched from elsewhere.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data: blob:; object-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    // `same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null` with
    // its own forms' POSTs, which the Origin check must refuse.
    h.insert(
        header::REFERRER_POLICY,
        header::HeaderValue::from_static("same-origin"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_32_hex_digits_and_differ() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn the_token_leaves_the_query_and_the_rest_stays() {
        assert_eq!(without_token(Some("token=abc")), "");
        assert_eq!(without_token(Some("d=x&token=abc&lang=zh")), "?d=x&lang=zh");
        assert_eq!(without_token(None), "");
    }

    #[test]
    fn comparison_needs_every_byte() {
        assert!(same("abcd", "abcd"));
        assert!(!same("abcd", "abce"));
        assert!(!same("abc", "abcd"));
    }
}
