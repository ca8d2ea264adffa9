//! The portfolio, a deal's page (documents, weeks, the check's problems by field), and the
//! documents themselves, made by the CLI into a temporary folder and sent.

use super::super::deals::{self, DealRef};
use super::super::run::dealguard;
use super::super::App;
use super::{deal_or_404, enc, ui, DealQuery};
use crate::commands::shared::{portfolio as rows, row, today_utc};
use crate::diag::{Diagnostic, Severity};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use std::ffi::OsString;
use std::path::Path;
use std::sync::Arc;

/// `GET /`: one row per deal.
pub(crate) async fn portfolio(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = ui(&uri, &headers);
    let list = deals::list(&app.root);
    let found = rows(&app.root, today_utc());
    let mut out = Vec::new();
    for r in found {
        match r {
            Ok(row) => {
                let key = list
                    .iter()
                    .find(|d| d.profile == row.profile)
                    .map(|d| d.key.clone());
                out.push(json!({
                    "key": key.as_deref().map(enc),
                    "id": row.deal_id,
                    "buyer": row.buyer,
                    "last_week": row.last_week,
                    "last_status": row.last_status,
                    "planned": row.planned.map(|p| format!("{p:.0}")),
                    "actual": row.actual.map(|a| format!("{a:.0}")),
                    "ship_by": row.ship_by.raw,
                    "forecast": row.forecast_ship.as_ref().map(|f| f.raw.clone()),
                    "slip": row.slip_days().filter(|d| *d > 0),
                    "next_week": row.next_report.as_ref().map(|n| n.0.clone()),
                    "next_day": row.next_report.as_ref().map(|n| n.1.iso()),
                    "late": row.late,
                    "actions": row.buyer_actions,
                    "errors": row.errors,
                    "warnings": row.warnings,
                    "drafts": row.drafts,
                }));
            }
            Err((path, problems)) => {
                let key = list
                    .iter()
                    .find(|d| d.profile == path)
                    .map(|d| d.key.clone());
                out.push(json!({
                    "key": key.as_deref().map(enc),
                    "broken": true,
                    "path": rel(&app.root, &path),
                    "errors": problems.error_count(),
                    "lines": problems.sorted().iter().take(3).map(|d| d.to_string()).collect::<Vec<_>>(),
                }));
            }
        }
    }
    app.pages.respond(
        &lang,
        StatusCode::OK,
        "portfolio.html",
        json!({ "rows": out, "root": app.root.display().to_string() }),
    )
}

/// A path relative to the served folder, for display.
pub(crate) fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}

/// A problem for a page: where, which field, what, what to do.
pub(crate) fn problem(root: &Path, d: &Diagnostic) -> Value {
    let file = match &d.place {
        crate::diag::Where::File(p) => rel(root, p),
        other => other.to_string(),
    };
    json!({
        "error": d.severity == Severity::Error,
        "file": file,
        "line": d.pos.map(|p| p.0),
        "col": d.pos.map(|p| p.1),
        "field": d.field,
        "message": d.message,
        "hint": d.hint,
    })
}

/// The deal's documents: kind, label key, formats.
const DOCS: &[(&str, &str, &[&str])] = &[
    ("contract", "contract", &["pdf", "html", "docx", "md"]),
    (
        "letter",
        "letter",
        &["pdf", "html", "eml", "docx", "txt", "md"],
    ),
    ("reply", "reply", &["html", "txt", "md"]),
    ("briefing", "briefing", &["pdf", "md"]),
    ("callback-form", "callback", &["pdf"]),
];

/// `GET /deal?d=`.
pub(crate) async fn deal(
    State(app): State<Arc<App>>,
    Query(q): Query<DealQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = ui(&uri, &headers);
    let d = match deal_or_404(&app, &lang, &q.d) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let root = app.root.clone();
    let dd = d.clone();
    let facts = tokio::task::spawn_blocking(move || deal_facts(&root, &dd)).await;
    match facts {
        Ok(v) => app.pages.respond(&lang, StatusCode::OK, "deal.html", v),
        Err(e) => app.pages.message(
            &lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "500",
            &[e.to_string()],
            "/",
        ),
    }
}

/// What the deal page shows: the portfolio's row of the deal (what `check` finds, without the
/// glyph coverage that needs the fonts), or the problems of a profile that does not load.
fn deal_facts(root: &Path, d: &DealRef) -> Value {
    let (problems, row) = match row(&d.profile, today_utc()) {
        Ok(mut r) => (std::mem::take(&mut r.found), Some(r)),
        Err(p) => (p, None),
    };
    let probs: Vec<Value> = problems.sorted().iter().map(|p| problem(root, p)).collect();
    let (id, buyer, langs, weeks) = match &row {
        Some(r) => {
            let mut langs: Vec<String> = (r.languages.list().iter())
                .map(|l| l.code().to_string())
                .collect();
            if r.languages.is_bilingual() {
                langs.push(r.languages.code());
            }
            let weeks: Vec<Value> = (r.weeks.iter())
                .map(|(week, status, unfilled)| {
                    json!({"week": week, "status": status, "unfilled": unfilled})
                })
                .collect();
            (r.deal_id.clone(), r.buyer.clone(), langs, weeks)
        }
        None => (d.key.clone(), String::new(), vec!["en".into()], Vec::new()),
    };
    let docs: Vec<Value> = DOCS
        .iter()
        .map(|(kind, label, formats)| json!({"kind": kind, "label": label, "formats": formats}))
        .collect();
    json!({
        "d": d.key,
        "dq": enc(&d.key),
        "id": id,
        "buyer": buyer,
        "profile": rel(root, &d.profile),
        "loads": row.is_some(),
        "langs": langs,
        "docs": docs,
        "weeks": weeks,
        "problems": probs,
    })
}

/// The query of `/doc`.
#[derive(Deserialize)]
pub(crate) struct DocQuery {
    d: String,
    kind: String,
    lang: String,
    format: String,
    week: Option<String>,
    dl: Option<String>,
}

/// The content type of a document format.
pub(crate) fn content_type(format: &str) -> &'static str {
    match format {
        "pdf" => "application/pdf",
        "html" => "text/html; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "eml" => "message/rfc822",
        "md" => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

/// A file as a response, shown in the browser or downloaded.
pub(crate) fn file_response(bytes: Vec<u8>, name: &str, format: &str, download: bool) -> Response {
    let how = if download { "attachment" } else { "inline" };
    // Names are ours (deal ids are checked by the profile): ASCII letters, digits, `-+._`.
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-+._".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type(format).to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("{how}; filename=\"{safe}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /doc`: one document in one language and format, made by the CLI.
pub(crate) async fn document(
    State(app): State<Arc<App>>,
    Query(q): Query<DocQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = ui(&uri, &headers);
    let d = match deal_or_404(&app, &lang, &q.d) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let known = DOCS
        .iter()
        .any(|(k, _, f)| *k == q.kind && f.contains(&q.format.as_str()))
        || (q.kind == "report" && ["pdf", "eml"].contains(&q.format.as_str()));
    let lang_ok = ["en", "zh", "en+zh", "zh+en"].contains(&q.lang.as_str());
    if !known || !lang_ok {
        return app.pages.message(
            &lang,
            StatusCode::NOT_FOUND,
            "404",
            &["no such document".into()],
            &format!("/deal?d={}", q.d),
        );
    }
    let Ok(tmp) = crate::output::scratch_dir() else {
        return app.pages.message(
            &lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "500",
            &["no temporary folder".into()],
            "/",
        );
    };
    let name = format!("{}-{}.{}", q.kind, q.lang, q.format);
    let out = tmp.path().join(&name);
    let mut args: Vec<OsString> = vec![q.kind.clone().into()];
    if q.kind == "report" {
        let Some((_, file)) = q.week.as_deref().and_then(|w| d.week_file(w)) else {
            return app.pages.message(
                &lang,
                StatusCode::NOT_FOUND,
                "404",
                &["no such week".into()],
                &format!("/deal?d={}", q.d),
            );
        };
        args.push(file.into());
        // A preview shows a week with FILL IN left as the draft it is.
        args.push("--draft".into());
    }
    args.extend([
        "--lang".into(),
        q.lang.clone().into(),
        "--format".into(),
        q.format.clone().into(),
        "-o".into(),
    ]);
    args.push(out.clone().into());
    let ran = dealguard(&app.exe, &d.profile, args).await;
    let bytes = if ran.code == 0 {
        std::fs::read(&out).ok()
    } else {
        None
    };
    match bytes {
        Some(b) => {
            let shown = format!("{}-{}", d.key.replace('/', "-"), name);
            file_response(b, &shown, &q.format, q.dl.is_some())
        }
        None => app.pages.message(
            &lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "failed",
            &ran.problems(),
            &format!("/deal?d={}", q.d),
        ),
    }
}

/// The query of `/out`.
#[derive(Deserialize)]
pub(crate) struct OutQuery {
    d: String,
    f: String,
    dl: Option<String>,
}

/// `GET /out?d=&f=`: a file the deal's commands wrote into `out/` (a finished report).
pub(crate) async fn out_file(
    State(app): State<Arc<App>>,
    Query(q): Query<OutQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = ui(&uri, &headers);
    let file = deals::find(&app.root, &q.d).and_then(|d| d.file_in("out", &q.f));
    match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, b)) => {
            let ext = f
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_string();
            file_response(b, &q.f, &ext, q.dl.is_some())
        }
        None => app.pages.not_found(&lang, format!("no file `{}`", q.f)),
    }
}
