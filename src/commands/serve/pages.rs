//! The pages: tera templates built into the binary (`templates/`), rendered on the server
//! with the interface's words; the style sheet and the small script of our own (`static/`).
//! No page fetches anything from elsewhere.

use super::i18n::{self, Asked, Ui};
use crate::diag::{Diagnostic, Problems};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// The templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("portfolio.html", include_str!("templates/portfolio.html")),
    ("deal.html", include_str!("templates/deal.html")),
    ("week.html", include_str!("templates/week.html")),
    ("verify.html", include_str!("templates/verify.html")),
    ("phone.html", include_str!("templates/phone.html")),
    ("message.html", include_str!("templates/message.html")),
];

/// The files under `/static/`: name, content type, bytes.
pub(crate) const STATIC: &[(&str, &str, &str)] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("static/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("static/app.js"),
    ),
];

/// The parsed templates.
pub(crate) struct Pages {
    tera: tera::Tera,
}

impl Pages {
    /// Parses every template; an error here is a bug in a built-in template (a test renders
    /// each page).
    pub(crate) fn new() -> Result<Pages, Problems> {
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(TEMPLATES.iter().copied())
            .map_err(|e| {
                Problems::from(Diagnostic::error(
                    crate::diag::Where::built_in("serve templates"),
                    e.to_string(),
                ))
            })?;
        Ok(Pages { tera })
    }

    /// A page: `data` with the interface's words (`t`) and language (`ui`, `other`).
    pub(crate) fn render(&self, ui: Ui, name: &str, data: Value) -> Result<String, String> {
        let mut ctx = tera::Context::new();
        if let Value::Object(m) = data {
            for (k, v) in m {
                ctx.insert(k, &v);
            }
        }
        ctx.insert("t", &ui.words());
        ctx.insert("ui", ui.code());
        ctx.insert(
            "other",
            match ui {
                Ui::En => "zh",
                Ui::Zh => "en",
            },
        );
        self.tera.render(name, &ctx).map_err(|e| {
            // Tera's message chain: the cause is what says which variable.
            let mut s = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(c) = src {
                s.push_str(&format!(": {c}"));
                src = c.source();
            }
            s
        })
    }

    /// A page as a response with `status`; the language cookie is set when the query chose it.
    pub(crate) fn respond(
        &self,
        asked: &Asked,
        status: StatusCode,
        name: &str,
        mut data: Value,
    ) -> Response {
        let (ui, chosen) = (asked.ui, asked.chosen);
        if let Value::Object(m) = &mut data {
            m.insert("switch".into(), Value::String(asked.switch.clone()));
        }
        match self.render(ui, name, data) {
            Ok(html) => {
                let mut r = (
                    status,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    html,
                )
                    .into_response();
                if chosen {
                    if let Ok(v) = header::HeaderValue::from_str(&format!(
                        "{}={}; SameSite=Strict; Path=/; Max-Age=31536000",
                        i18n::COOKIE,
                        ui.code()
                    )) {
                        r.headers_mut().insert(header::SET_COOKIE, v);
                    }
                }
                r
            }
            Err(e) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                format!("internal error in the page `{name}`: {e}\nthis is a bug in dealguard; please report it\n"),
            )
                .into_response(),
        }
    }

    /// The 404 page: what the request named that is not here.
    pub(crate) fn not_found(&self, lang: &Asked, what: String) -> Response {
        self.message(lang, StatusCode::NOT_FOUND, "404", &[what], "/")
    }

    /// A page that says one thing (an error, a result) with a way back.
    pub(crate) fn message(
        &self,
        lang: &Asked,
        status: StatusCode,
        title: &str,
        lines: &[String],
        back: &str,
    ) -> Response {
        self.respond(
            lang,
            status,
            "message.html",
            json!({"title": title, "lines": lines, "back": back}),
        )
    }
}
