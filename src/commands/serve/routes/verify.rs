//! Checking a mail: `.eml`/`.msg` files dropped (or the raw mail pasted) are checked by
//! `dealguard verify --format json` against the deal, and the verdict shown with its evidence
//! and the call-back number, in the page's language.

use super::super::run::dealguard;
use super::super::App;
use super::{deal_or_404, enc, read_multipart, ui, DealQuery};
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Value};
use std::ffi::OsString;
use std::sync::Arc;

/// Mails in one check.
const MAX_MAILS: usize = 20;

/// `GET /verify?d=`: the form.
pub(crate) async fn page(
    State(app): State<Arc<App>>,
    Query(q): Query<DealQuery>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = ui(&uri, &headers);
    match deal_or_404(&app, &lang, &q.d) {
        Ok(d) => app.pages.respond(
            &lang,
            StatusCode::OK,
            "verify.html",
            json!({"d": d.key, "dq": enc(&d.key)}),
        ),
        Err(r) => r,
    }
}

/// A mail's name as it came, reduced to a safe file name in the temporary folder (the
/// extension decides how `verify` reads it).
fn safe_name(i: usize, name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last
        .chars()
        .filter(|c| c.is_alphanumeric() || "-_. ".contains(*c))
        .take(80)
        .collect();
    let clean = clean.trim_start_matches('.');
    let ext = match clean.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
        Some(e) if e == "msg" => "msg",
        _ => "eml",
    };
    let stem = clean.rsplit_once('.').map_or(clean, |(s, _)| s);
    format!(
        "{:02}-{}.{ext}",
        i + 1,
        if stem.is_empty() { "mail" } else { stem }
    )
}

/// `POST /verify` (multipart: `_d`, files, `paste`).
pub(crate) async fn check(
    State(app): State<Arc<App>>,
    uri: Uri,
    headers: HeaderMap,
    mp: Multipart,
) -> Response {
    let lang = ui(&uri, &headers);
    let up = match read_multipart(mp, MAX_MAILS).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let dk = up.field("_d");
    let paste = up.field("paste");
    let mut mails: Vec<(String, Vec<u8>)> = up.files.into_iter().map(|(_, f, b)| (f, b)).collect();
    if !paste.trim().is_empty() && mails.len() < MAX_MAILS {
        mails.push(("pasted.eml".into(), paste.into_bytes()));
    }
    let d = match deal_or_404(&app, &lang, &dk) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let back = format!("/verify?d={}", enc(&d.key));
    if mails.is_empty() {
        return app.pages.respond(
            &lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "verify.html",
            json!({"d": d.key, "dq": enc(&d.key), "empty": true}),
        );
    }
    let Ok(tmp) = crate::output::scratch_dir() else {
        return app.pages.message(
            &lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "500",
            &["no temporary folder".into()],
            &back,
        );
    };
    let mut args: Vec<OsString> = vec!["verify".into(), "--format".into(), "json".into()];
    let mut shown = Vec::new();
    let mut files = Vec::new();
    for (i, (name, bytes)) in mails.iter().enumerate() {
        let path = tmp.path().join(safe_name(i, name));
        shown.push((path.display().to_string(), name.clone()));
        args.push(path.clone().into());
        files.push(crate::output::Output {
            path,
            bytes: bytes.clone(),
        });
    }
    if crate::output::write_all(&files).is_err() {
        return app.pages.message(
            &lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            "500",
            &["cannot write the mail to check".into()],
            &back,
        );
    }
    let ran = dealguard(&app.exe, &d.profile, args).await;
    let report: Option<Value> = (ran.code == 0 || ran.code == 4)
        .then(|| serde_json::from_slice(&ran.stdout).ok())
        .flatten();
    let Some(mut report) = report else {
        return app.pages.message(
            &lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "failed",
            &ran.problems(),
            &back,
        );
    };
    // Each mail by the name it had, not the temporary file's.
    if let Some(list) = report.get_mut("mails").and_then(Value::as_array_mut) {
        for m in list {
            let file = m
                .get("file")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if let Some((_, orig)) = shown.iter().find(|(p, _)| *p == file) {
                m["file"] = json!(orig);
            }
        }
    }
    app.pages.respond(
        &lang,
        StatusCode::OK,
        "verify.html",
        json!({"d": d.key, "dq": enc(&d.key), "report": report}),
    )
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn uploaded_names_lose_their_paths_and_keep_the_reading_extension() {
        assert_eq!(safe_name(0, "../../etc/passwd"), "01-passwd.eml");
        assert_eq!(
            safe_name(1, "C:\\mail\\Bank details.MSG"),
            "02-Bank details.msg"
        );
        assert_eq!(safe_name(2, "..."), "03-mail.eml");
        assert_eq!(safe_name(3, "银行变更.eml"), "04-银行变更.eml");
    }
}
