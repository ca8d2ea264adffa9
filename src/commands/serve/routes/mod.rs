//! The routes: every page and action, behind `guard::guard`, with the body limits.
//!
//! | route | what |
//! |---|---|
//! | `GET /` | the portfolio (`portfolio.rs`) |
//! | `GET /deal?d=` | a deal: documents, weeks, the check's problems by field |
//! | `GET /doc?d=&kind=&lang=&format=[&week=][&dl=1]` | a document, made by the CLI |
//! | `GET /out?d=&f=` | a file of the deal's `out/` (a finished report and its mail) |
//! | `GET /week?d=&w=`, `POST /week/save` (then preview or finish), `POST /week/new`, `POST /week/photos`, `GET /photo?d=&f=` | the week (`week.rs`) |
//! | `GET /verify?d=`, `POST /verify` | checking a mail (`verify.rs`) |
//! | `GET /phone?d=&w=`, `GET /qr?d=&w=` | the phone's upload page and its QR code (`phone.rs`) |
//! | `GET /aql?lot=&level=&critical=&major=&minor=` | the ISO 2859-1 plan, for the form's live display |
//! | `GET /static/<file>` | the style sheet and the script |

mod form;
mod phone;
mod portfolio;
mod verify;
mod week;

use super::deals::DealRef;
use super::i18n::Asked;
use super::{guard, pages, App};
use crate::profile::aql;
use axum::extract::multipart::MultipartError;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use std::sync::Arc;

/// Photos in one upload: at most this many files (the CLI's own limits are checked on each).
pub(crate) const MAX_FILES: usize = 24;

/// The most bytes a request's body may have on a path: photos 200 MiB together, mails to
/// check 50 MiB, any other form 1 MiB. The guard refuses a larger `Content-Length` before
/// reading anything (413); the routes' body limits stop a body without one as it comes.
pub(crate) fn body_limit(path: &str) -> usize {
    match path {
        "/week/photos" => 200 << 20,
        "/verify" => 50 << 20,
        _ => 1 << 20,
    }
}

/// The router with its guard.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(portfolio::portfolio))
        .route("/deal", get(portfolio::deal))
        .route("/doc", get(portfolio::document))
        .route("/out", get(portfolio::out_file))
        .route("/week", get(week::page))
        .route("/week/new", post(week::new_week))
        .route("/week/save", post(week::save))
        .route(
            "/week/photos",
            post(week::photos).layer(DefaultBodyLimit::max(body_limit("/week/photos"))),
        )
        .route("/photo", get(week::photo))
        .route(
            "/verify",
            get(verify::page)
                .post(verify::check)
                .layer(DefaultBodyLimit::max(body_limit("/verify"))),
        )
        .route("/phone", get(phone::page))
        .route("/qr", get(phone::qr))
        .route("/aql", get(aql_plan))
        .route("/static/{file}", get(static_file))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(body_limit("")))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ))
        .with_state(app)
}

/// Serves on every listener until the process is stopped.
pub(crate) fn serve(app: Arc<App>, listeners: Vec<std::net::TcpListener>) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    rt.block_on(async move {
        let mut tasks = Vec::new();
        for l in listeners {
            l.set_nonblocking(true)?;
            let l = tokio::net::TcpListener::from_std(l)?;
            let r = router(app.clone());
            tasks.push(tokio::spawn(async move { axum::serve(l, r).await }));
        }
        for t in tasks {
            t.await.map_err(std::io::Error::other)??;
        }
        Ok(())
    })
}

/// The query (or form) naming a deal: `d`, its folder under the served one.
#[derive(Deserialize)]
pub(crate) struct DealQuery {
    pub(crate) d: String,
}

/// The query naming a week of a deal (`d`, `w`), and what the last action did (`saved`,
/// `added` photos).
#[derive(Deserialize)]
pub(crate) struct WeekQuery {
    pub(crate) d: String,
    pub(crate) w: String,
    pub(crate) saved: Option<String>,
    pub(crate) added: Option<String>,
}

/// The deal a request names, or the 404 page saying so.
pub(crate) fn deal_or_404(app: &App, lang: &Asked, key: &str) -> Result<DealRef, Response> {
    super::deals::find(&app.root, key)
        .ok_or_else(|| app.pages.not_found(lang, format!("no deal `{key}` here")))
}

/// The deal, the week and its file, when the request names a week file that exists.
pub(crate) fn week_of(
    app: &App,
    d: &str,
    w: &str,
) -> Option<(DealRef, crate::profile::week::IsoWeek, std::path::PathBuf)> {
    let deal = super::deals::find(&app.root, d)?;
    let (iso, path) = deal.week_file(w)?;
    path.is_file().then_some((deal, iso, path))
}

/// The interface language of a request.
pub(crate) fn ui(uri: &Uri, headers: &HeaderMap) -> Asked {
    Asked::of(uri.path(), uri.query(), headers)
}

/// A query value percent-encoded (deal folders may hold spaces or non-ASCII letters).
pub(crate) fn enc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            o.push(char::from(b));
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

/// A multipart form as it came: its text fields and its files (field, file name, bytes).
pub(crate) struct Upload {
    pub(crate) fields: Vec<(String, String)>,
    pub(crate) files: Vec<(String, String, Vec<u8>)>,
}

impl Upload {
    /// The value of a text field, empty when absent.
    pub(crate) fn field(&self, name: &str) -> String {
        (self.fields.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Reads a multipart form: at most `max_files` non-empty files (413 beyond), the route's body
/// limit applied as it streams (413), a broken body refused (400).
pub(crate) async fn read_multipart(
    mut mp: Multipart,
    max_files: usize,
) -> Result<Upload, Response> {
    let refuse = |e: MultipartError| {
        (
            e.status(),
            format!("{}: {}\n", e.status().as_u16(), e.body_text()),
        )
            .into_response()
    };
    let mut up = Upload {
        fields: Vec::new(),
        files: Vec::new(),
    };
    while let Some(field) = mp.next_field().await.map_err(refuse)? {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(refuse)?;
        match file_name {
            Some(f) if !bytes.is_empty() => {
                if up.files.len() == max_files {
                    return Err((
                        StatusCode::PAYLOAD_TOO_LARGE,
                        format!("413: at most {max_files} files at once\n"),
                    )
                        .into_response());
                }
                up.files.push((name, f, bytes.to_vec()));
            }
            Some(_) => {}
            None => up
                .fields
                .push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
    }
    Ok(up)
}

/// `/static/<file>`.
async fn static_file(UrlPath(file): UrlPath<String>) -> Response {
    match pages::STATIC.iter().find(|(n, _, _)| *n == file) {
        Some((_, ty, body)) => ([(header::CONTENT_TYPE, *ty)], *body).into_response(),
        None => (StatusCode::NOT_FOUND, "404: no such file\n").into_response(),
    }
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "404: no such page\n").into_response()
}

/// The query of `/aql`.
#[derive(Deserialize)]
pub(crate) struct AqlQuery {
    lot: String,
    level: String,
    critical: String,
    major: String,
    minor: String,
}

/// The sampling plan of an inspection as the form is typed: sample size, Ac/Re per class, or
/// the library's own message when the values are not a plan (JSON).
async fn aql_plan(Query(q): Query<AqlQuery>) -> Response {
    let json = match aql_json(&q) {
        Ok(v) => v,
        Err(msg) => serde_json::json!({ "error": msg }),
    };
    (
        [(header::CONTENT_TYPE, "application/json")],
        json.to_string(),
    )
        .into_response()
}

/// The plan for the form's values, or why there is none.
pub(crate) fn aql_json(q: &AqlQuery) -> Result<serde_json::Value, String> {
    let lot: u32 = q
        .lot
        .trim()
        .parse()
        .map_err(|_| format!("lot size `{}` is not a whole number", q.lot))?;
    let level = aql::Level::parse(q.level.trim()).ok_or_else(|| {
        format!(
            "`{}` is not an inspection level (I, II, III, S-1 … S-4)",
            q.level
        )
    })?;
    let num = |s: &str| -> Result<f64, String> {
        s.trim()
            .parse::<f64>()
            .map_err(|_| format!("AQL `{s}` is not a number"))
    };
    let e = aql::evaluate(
        lot,
        level,
        [num(&q.critical)?, num(&q.major)?, num(&q.minor)?],
        [0, 0, 0],
    )?;
    let class = |c: &aql::ClassResult| serde_json::json!({"n": c.plan.sample_size, "ac": c.plan.accept, "re": c.plan.reject});
    Ok(serde_json::json!({
        "letter": e.letter.to_string(),
        "critical": class(&e.critical),
        "major": class(&e.major),
        "minor": class(&e.minor),
    }))
}
