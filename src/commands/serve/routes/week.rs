//! The week: the form for every field of the week file, saving through the same writer as
//! `week new` (with a version token, so a second tab cannot overwrite the first), photos
//! uploaded into the week, preview (the draft PDF) and finish (the PDF and the buyer's mail).

use super::super::deals::{self, DealRef};
use super::super::run::dealguard;
use super::super::App;
use super::form;
use super::portfolio::problem;
use super::{deal_or_404, enc, read_multipart, ui, week_of, DealQuery, WeekQuery, MAX_FILES};
use crate::commands::shared::reported_weeks;
use crate::commands::week::form as week_form;
use crate::diag::Problems;
use crate::profile::{self, week};
use axum::extract::{Multipart, Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use serde_json::{json, Value};
use std::ffi::OsString;
use std::sync::Arc;

/// `GET /week?d=&w=`: the form, as the file is now.
pub(crate) async fn page(
    State(app): State<Arc<App>>,
    Query(q): Query<WeekQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = ui(&uri, &headers);
    let Some((d, _, path)) = week_of(&app, &q.d, &q.w) else {
        return app
            .pages
            .not_found(&lang, format!("no week `{}` of deal `{}` here", q.w, q.d));
    };
    let loaded = match profile::load(&d.profile) {
        Ok(l) => l,
        Err(p) => return problems_page(&app, &lang, &p, &d),
    };
    let lw = match week::load(&path, &loaded.profile, &loaded.dir) {
        Ok(w) => w,
        Err(p) => return problems_page(&app, &lang, &p, &d),
    };
    let values = week_form::values(&lw);
    // The week's warnings, in `check`'s words, at their inputs.
    let (model, _) = form::model(&values, &form::Context::of(&loaded.profile), &lw.warnings);
    let mut data = week_data(&app, &d, &q.w, &values, model);
    data["saved"] = json!(q.saved.is_some());
    data["added"] = json!(q.added);
    app.pages.respond(&lang, StatusCode::OK, "week.html", data)
}

/// What the week page shows besides the form.
fn week_data(app: &App, d: &DealRef, w: &str, values: &Value, model: Vec<form::Section>) -> Value {
    let unfilled = values
        .get("unfilled")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let qr = app
        .lan
        .is_some()
        .then(|| format!("/qr?d={}&w={}", enc(&d.key), enc(w)));
    json!({
        "d": d.key,
        "dq": enc(&d.key),
        "w": w,
        "version": values.get("version").cloned().unwrap_or(Value::Null),
        "sections": model,
        "unfilled": unfilled,
        "qr": qr,
        "problems": [],
        "unplaced": [],
    })
}

/// The problems of a profile or week that does not load, on a page of their own.
fn problems_page(
    app: &App,
    lang: &super::super::i18n::Asked,
    p: &Problems,
    d: &DealRef,
) -> Response {
    let lines: Vec<String> = p.sorted().iter().map(|x| x.to_string()).collect();
    app.pages.message(
        lang,
        StatusCode::UNPROCESSABLE_ENTITY,
        "failed",
        &lines,
        &format!("/deal?d={}", enc(&d.key)),
    )
}

/// `POST /week/save`: the form's fields; `then` = `save` | `preview` | `finish`.
pub(crate) async fn save(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let lang = ui(&uri, &headers);
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (dk, wk, version, then) = (get("_d"), get("_w"), get("_version"), get("_then"));
    let Some((d, iso, path)) = week_of(&app, &dk, &wk) else {
        return app
            .pages
            .not_found(&lang, format!("no week `{wk}` of deal `{dk}` here"));
    };
    let loaded = match profile::load(&d.profile) {
        Ok(l) => l,
        Err(p) => return problems_page(&app, &lang, &p, &d),
    };
    let data: Vec<(String, String)> = fields
        .into_iter()
        .filter(|(k, _)| !k.starts_with('_'))
        .collect();
    let saved = week_form::save(&loaded, &path, &data, &version);
    let back = format!("/week?d={}&w={}", enc(&d.key), iso.label());
    match saved {
        Ok(_) => match then.as_str() {
            "preview" => {
                let langs = crate::profile::Langs::new(&loaded.profile.deal.languages).code();
                Redirect::to(&format!(
                    "/doc?d={}&kind=report&week={}&lang={}&format=pdf",
                    enc(&d.key),
                    iso.label(),
                    enc(&langs)
                ))
                .into_response()
            }
            "finish" => finish(&app, &lang, &d, &loaded, iso, &path).await,
            _ => Redirect::to(&format!("{back}&saved=1")).into_response(),
        },
        Err(e) => {
            // The form again with what was entered, and why it was not saved.
            let (status, problems, conflict) = match e {
                week_form::SaveError::Invalid(p) => (StatusCode::UNPROCESSABLE_ENTITY, p, false),
                week_form::SaveError::Conflict => (StatusCode::CONFLICT, Problems::new(), true),
            };
            let mut values = form::nest(&data);
            values["week"] = json!(iso.label());
            let (model, unplaced) =
                form::model(&values, &form::Context::of(&loaded.profile), &problems);
            let unplaced: Vec<Value> = unplaced.iter().map(|p| problem(&app.root, p)).collect();
            let mut page = week_data(&app, &d, &iso.label(), &values, model);
            page["version"] = json!(version);
            page["conflict"] = json!(conflict);
            page["problems"] = json!(problems
                .sorted()
                .iter()
                .map(|p| problem(&app.root, p))
                .collect::<Vec<_>>());
            page["unplaced"] = json!(unplaced);
            app.pages.respond(&lang, status, "week.html", page)
        }
    }
}

/// Finish: the report and the buyer's mail into `out/`, as `dealguard report --format pdf,eml`.
async fn finish(
    app: &App,
    lang: &super::super::i18n::Asked,
    d: &DealRef,
    loaded: &profile::Loaded,
    iso: week::IsoWeek,
    path: &std::path::Path,
) -> Response {
    let args: Vec<OsString> = vec![
        "report".into(),
        path.into(),
        "--format".into(),
        "pdf,eml".into(),
    ];
    let ran = dealguard(&app.exe, &d.profile, args).await;
    let back = format!("/week?d={}&w={}", enc(&d.key), iso.label());
    if ran.code != 0 {
        return app.pages.message(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "failed",
            &ran.problems(),
            &back,
        );
    }
    // The files `report` names: `<deal id>-report-<week>-<languages>.<pdf|eml>` in out/.
    let prefix = format!("{}-report-{}-", loaded.profile.deal.id, iso.label());
    let mut files: Vec<String> = std::fs::read_dir(d.dir.join("out"))
        .map(|e| {
            e.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| {
                    n.starts_with(&prefix)
                        && !n.contains("-DRAFT")
                        && (n.ends_with(".pdf") || n.ends_with(".eml"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let links: Vec<Value> = files
        .iter()
        .map(|f| json!({"name": f, "href": format!("/out?d={}&f={}", enc(&d.key), enc(f))}))
        .collect();
    app.pages.respond(lang,
        StatusCode::OK,
        "message.html",
        json!({"title": "finished", "lines": ran.problems(), "files": links, "back": back, "note": "open_mail"}),
    )
}

/// `POST /week/new` with `d`: the next week's file, as `dealguard week new`; then its form.
pub(crate) async fn new_week(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
    Form(f): Form<DealQuery>,
) -> Response {
    let lang = ui(&uri, &headers);
    let d = match deal_or_404(&app, &lang, &f.d) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let before = reported_weeks(&d.dir);
    let ran = dealguard(&app.exe, &d.profile, vec!["week".into(), "new".into()]).await;
    let back = format!("/deal?d={}", enc(&d.key));
    let added: Vec<String> = (reported_weeks(&d.dir).into_iter())
        .filter(|w| !before.contains(w))
        .map(|w| w.label())
        .collect();
    match (ran.code, added.first()) {
        (0, Some(w)) => Redirect::to(&format!("/week?d={}&w={w}", enc(&d.key))).into_response(),
        _ => app.pages.message(
            &lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "failed",
            &ran.problems(),
            &back,
        ),
    }
}

/// `POST /week/photos` (multipart: `_d`, `_w`, `_back`, files): photos into the week.
pub(crate) async fn photos(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
    mp: Multipart,
) -> Response {
    let lang = ui(&uri, &headers);
    let up = match read_multipart(mp, MAX_FILES).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (dk, wk, back) = (up.field("_d"), up.field("_w"), up.field("_back"));
    let files: Vec<(String, Vec<u8>)> = up.files.into_iter().map(|(_, f, b)| (f, b)).collect();
    let Some((d, iso, path)) = week_of(&app, &dk, &wk) else {
        return app
            .pages
            .not_found(&lang, format!("no week `{wk}` of deal `{dk}` here"));
    };
    let to = if back == "phone" { "phone" } else { "week" };
    let back_url = format!("/{to}?d={}&w={}", enc(&d.key), iso.label());
    let loaded = match profile::load(&d.profile) {
        Ok(l) => l,
        Err(p) => return problems_page(&app, &lang, &p, &d),
    };
    let n = files.len();
    let added =
        tokio::task::spawn_blocking(move || week_form::add_photos(&loaded, &path, &files)).await;
    match added {
        Ok(Ok(_)) => Redirect::to(&format!("{back_url}&added={n}")).into_response(),
        Ok(Err(p)) => {
            let lines: Vec<String> = p.sorted().iter().map(|x| x.to_string()).collect();
            app.pages.message(
                &lang,
                StatusCode::UNPROCESSABLE_ENTITY,
                "failed",
                &lines,
                &back_url,
            )
        }
        Err(e) => app.pages.message(
            &lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "500",
            &[e.to_string()],
            &back_url,
        ),
    }
}

/// The query of `/photo`.
#[derive(Deserialize)]
pub(crate) struct PhotoQuery {
    d: String,
    f: String,
}

/// `GET /photo?d=&f=`: a photo of the week as a thumbnail, by its path in the week file (under
/// `reports/`): read with the CLI's limits, turned as its EXIF says, at most 480×360.
pub(crate) async fn photo(State(app): State<Arc<App>>, Query(q): Query<PhotoQuery>) -> Response {
    let Some(file) = deals::find(&app.root, &q.d).and_then(|d| d.file_in("reports", &q.f)) else {
        return (StatusCode::NOT_FOUND, "404: no such photo\n").into_response();
    };
    let thumb = tokio::task::spawn_blocking(move || {
        let bytes = std::fs::read(file).ok()?;
        dealguard_image::prepare(&bytes, 480, 360, 75, dealguard_image::Limits::default()).ok()
    })
    .await;
    match thumb {
        Ok(Some(p)) => ([(header::CONTENT_TYPE, "image/jpeg")], p.jpeg).into_response(),
        _ => (
            StatusCode::NOT_FOUND,
            "404: not a photo dealguard can read\n",
        )
            .into_response(),
    }
}
