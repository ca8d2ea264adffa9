//! From a phone on the same network (`--lan`): the week's page shows a QR code that opens a
//! small upload page on the phone; the site photos taken there go straight into the week.
//! The code carries the token (the phone has no cookie yet), so it is shown only on the
//! computer's own page, to the people it is for.

use super::super::deals;
use super::super::App;
use super::{enc, ui, week_of, WeekQuery};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

/// `GET /phone?d=&w=`: the upload page for a phone.
pub(crate) async fn page(
    State(app): State<Arc<App>>,
    Query(q): Query<WeekQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = ui(&uri, &headers);
    match week_of(&app, &q.d, &q.w) {
        Some((d, iso, _)) => app.pages.respond(
            &lang,
            StatusCode::OK,
            "phone.html",
            json!({"d": d.key, "dq": enc(&d.key), "w": iso.label(), "added": q.added}),
        ),
        None => app
            .pages
            .not_found(&lang, format!("no week `{}` of deal `{}` here", q.w, q.d)),
    }
}

/// `GET /qr?d=&w=`: the QR code (SVG) of the phone's upload page, with the token; only with
/// `--lan`.
pub(crate) async fn qr(State(app): State<Arc<App>>, Query(q): Query<WeekQuery>) -> Response {
    let Some(lan) = &app.lan else {
        return (StatusCode::NOT_FOUND, "404: start with --lan for phones\n").into_response();
    };
    let known = deals::find(&app.root, &q.d).and_then(|d| d.week_file(&q.w));
    let Some((iso, _)) = known else {
        return (StatusCode::NOT_FOUND, "404: no such week\n").into_response();
    };
    let url = format!(
        "{lan}/phone?d={}&w={}&token={}",
        enc(&q.d),
        iso.label(),
        app.token
    );
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<qrcode::render::svg::Color>()
                .min_dimensions(240, 240)
                .build();
            ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("500: {e}\n")).into_response(),
    }
}
