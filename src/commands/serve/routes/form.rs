//! The week form's model: every field of the week file as an input named by its field path
//! (`inspections[0].aql.major`) — the path `check` names in its messages, so an error lands at
//! its input. Fields the form does not show as inputs (a scan's redaction box) travel as hidden
//! inputs, so saving the form never drops a field. Each list gets one blank row to add.

use super::super::i18n::Ui;
use super::aql_json;
use super::AqlQuery;
use crate::commands::week::form::{steps, Step};
use crate::diag::{Diagnostic, Problems};
use crate::profile::{Lang, Profile};
use serde::Serialize;
use serde_json::{Map, Value};

/// One input.
#[derive(Debug, Serialize)]
pub(crate) struct Field {
    /// The field path, the input's name.
    pub(crate) name: String,
    /// The key of its label in the interface's words.
    pub(crate) label: &'static str,
    /// The text's language, for a text in several (`en`, `zh`).
    pub(crate) lang: Option<String>,
    /// What the input shows.
    pub(crate) value: String,
    /// `text`, `number`, `date`, `textarea`, `select`, `checkbox`, `readonly`.
    pub(crate) kind: &'static str,
    /// The choices of a select.
    pub(crate) options: Vec<Opt>,
    /// Still `FILL IN`.
    pub(crate) fill: bool,
    /// The check's messages for this field (with their hints).
    pub(crate) errors: Vec<String>,
}

/// One choice of a select: the value written, what it reads in each interface language.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Opt {
    pub(crate) value: String,
    pub(crate) en: String,
    pub(crate) zh: String,
}

impl Opt {
    /// A choice named by the interface's word for it (`at_risk`), or by itself.
    fn word(value: &str) -> Opt {
        let say = |ui: Ui| {
            ui.words()
                .get(value)
                .and_then(|v| v.as_str())
                .map_or_else(|| value.to_string(), str::to_string)
        };
        Opt {
            value: value.to_string(),
            en: say(Ui::En),
            zh: say(Ui::Zh),
        }
    }

    /// A choice that reads as it is written (an inspection level).
    fn plain(value: &str) -> Opt {
        Opt {
            value: value.to_string(),
            en: value.to_string(),
            zh: value.to_string(),
        }
    }
}

/// One row of a list (or the one row of a section that is not a list).
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    /// Its index in the list.
    pub(crate) index: usize,
    /// The blank row to add one.
    pub(crate) blank: bool,
    /// The inputs.
    pub(crate) fields: Vec<Field>,
    /// Fields kept as they are: name, value.
    pub(crate) hidden: Vec<(String, String)>,
    /// A photo's file under `reports/`, for its thumbnail.
    pub(crate) photo: Option<String>,
    /// An inspection's sampling plan, as the form holds it (or why there is none).
    pub(crate) plan: Option<Value>,
}

/// One part of the form.
#[derive(Debug, Serialize)]
pub(crate) struct Section {
    /// Its key, and the key of its title in the interface's words.
    pub(crate) key: &'static str,
    /// A list (rows to add) or one row.
    pub(crate) list: bool,
    /// The rows.
    pub(crate) rows: Vec<Row>,
}

/// What the choices come from.
pub(crate) struct Context {
    /// The stages of the deal: id, and its name in each language.
    stages: Vec<Opt>,
    /// The deal's languages.
    langs: Vec<String>,
}

impl Context {
    /// The deal's stages and languages.
    pub(crate) fn of(p: &Profile) -> Context {
        Context {
            stages: p
                .production
                .stages
                .iter()
                .map(|s| Opt {
                    value: s.id.clone(),
                    en: format!("{} ({})", s.name.get_or_any(Lang::En), s.id),
                    zh: format!("{}（{}）", s.name.get_or_any(Lang::Zh), s.id),
                })
                .collect(),
            langs: p
                .deal
                .languages
                .iter()
                .map(|l| l.code().to_string())
                .collect(),
        }
    }
}

/// What an input is: relative name, label, kind.
#[derive(Clone, Copy)]
enum Spec {
    /// A plain value.
    One(&'static str, &'static str, &'static str),
    /// A text in each of the deal's languages (`item.en`, `item.zh`; `""` for a list of texts).
    Text(&'static str, &'static str, &'static str),
}

const STATUS: &[&str] = &["on_track", "at_risk", "delayed"];
const MATERIAL_STATUS: &[&str] = &["ordered", "partial", "received"];
const LEVELS: &[&str] = &["I", "II", "III", "S-1", "S-2", "S-3", "S-4"];

/// The sections: key, list or not, the inputs of a row.
const SECTIONS: &[(&str, bool, &[Spec])] = &[
    (
        "head",
        false,
        &[
            Spec::One("week", "week_of", "readonly"),
            Spec::One("number", "number", "number"),
            Spec::One("prepared_by", "prepared_by", "text"),
            Spec::One("reviewed_by", "reviewed_by", "text"),
            Spec::One("status", "status", "status"),
            Spec::One("forecast_ship", "forecast_ship", "date"),
        ],
    ),
    (
        "summary",
        false,
        &[Spec::Text("summary", "summary", "textarea")],
    ),
    (
        "progress",
        true,
        &[
            Spec::One("stage", "stage", "stage"),
            Spec::One("planned", "planned", "number"),
            Spec::One("actual", "actual", "number"),
            Spec::Text("note", "note", "text"),
        ],
    ),
    (
        "inspections",
        true,
        &[
            Spec::Text("item", "item", "text"),
            Spec::One("stage", "stage", "stage"),
            Spec::One("standard", "standard", "text"),
            Spec::One("lot_size", "lot_size", "number"),
            Spec::One("aql.level", "level", "level"),
            Spec::One("aql.critical", "aql_critical", "number"),
            Spec::One("aql.major", "aql_major", "number"),
            Spec::One("aql.minor", "aql_minor", "number"),
            Spec::One("defects.critical", "found_critical", "number"),
            Spec::One("defects.major", "found_major", "number"),
            Spec::One("defects.minor", "found_minor", "number"),
            Spec::One("inspector", "inspector", "text"),
            Spec::One("report_ref", "report_ref", "text"),
        ],
    ),
    (
        "materials",
        true,
        &[
            Spec::Text("material", "material", "text"),
            Spec::One("supplier", "supplier", "text"),
            Spec::One("voucher", "voucher", "text"),
            Spec::One("ordered", "ordered", "text"),
            Spec::One("received", "received", "text"),
            Spec::One("date", "date", "date"),
            Spec::One("status", "status", "material_status"),
        ],
    ),
    (
        "photos",
        true,
        &[
            Spec::One("file", "file", "readonly"),
            Spec::Text("caption", "caption", "text"),
            Spec::One("stage", "stage", "stage"),
            Spec::One("taken", "taken", "date"),
        ],
    ),
    (
        "videos",
        true,
        &[
            Spec::One("url", "url", "text"),
            Spec::Text("caption", "caption", "text"),
        ],
    ),
    (
        "plan",
        true,
        &[
            Spec::Text("task", "task", "text"),
            Spec::One("owner", "owner", "text"),
            Spec::One("start", "start", "date"),
            Spec::One("due", "due", "date"),
            Spec::One("milestone", "milestone", "checkbox"),
        ],
    ),
    ("issues", true, &[Spec::Text("", "issues", "textarea")]),
    (
        "buyer_actions",
        true,
        &[Spec::Text("", "buyer_actions", "textarea")],
    ),
];

/// A leaf of the values as the input shows it.
fn text_of(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => other.to_string(),
    }
}

/// The value at a relative path (`aql.major`) of a row.
fn at<'a>(row: &'a Value, rel: &str) -> Option<&'a Value> {
    if rel.is_empty() {
        return Some(row);
    }
    rel.split('.').try_fold(row, |v, k| v.get(k))
}

/// Every leaf under `v` as (path, text), paths written as the week file's fields are.
fn leaves(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(x, &p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, &format!("{path}[{i}]"), out);
            }
        }
        Value::Null => {}
        leaf => out.push((path.to_string(), text_of(Some(leaf)))),
    }
}

/// The form for the week's values (as `week::form::values` gives them, or as a failed save
/// sent them), the deal's choices, and the problems to show at their inputs; with the problems
/// no input shows, for the top of the page.
pub(crate) fn model<'p>(
    values: &Value,
    cx: &Context,
    problems: &'p Problems,
) -> (Vec<Section>, Vec<&'p Diagnostic>) {
    let unfilled: Vec<&str> = values
        .get("unfilled")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut sections = Vec::new();
    for (key, list, specs) in SECTIONS {
        let mut rows = Vec::new();
        if *list {
            let items = values
                .get(*key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for (i, item) in items.iter().enumerate() {
                rows.push(row(cx, specs, &format!("{key}[{i}]"), item, i, false));
            }
            // Photos come by upload, not by typing their file name.
            if *key != "photos" {
                rows.push(row(
                    cx,
                    specs,
                    &format!("{key}[{}]", items.len()),
                    &Value::Null,
                    items.len(),
                    true,
                ));
            }
        } else {
            rows.push(row(cx, specs, "", values, 0, false));
        }
        for r in &mut rows {
            for f in &mut r.fields {
                f.fill = unfilled.contains(&f.name.as_str());
            }
            if *key == "inspections" && !r.blank {
                r.plan = Some(plan_of(&r.fields));
            }
        }
        sections.push(Section {
            key,
            list: *list,
            rows,
        });
    }
    let names: Vec<String> = inputs(&sections).map(|f| f.name.clone()).collect();
    let mut unplaced = Vec::new();
    for d in problems.iter() {
        let Some(at) = place(d, &names) else {
            unplaced.push(d);
            continue;
        };
        if let Some(f) = sections
            .iter_mut()
            .flat_map(|s| s.rows.iter_mut())
            .flat_map(|r| r.fields.iter_mut())
            .nth(at)
        {
            f.errors.push(match &d.hint {
                Some(h) => format!("{} — {h}", d.message),
                None => d.message.clone(),
            });
        }
    }
    (sections, unplaced)
}

/// Every input of the form, in order.
fn inputs(sections: &[Section]) -> impl Iterator<Item = &Field> {
    sections
        .iter()
        .flat_map(|s| &s.rows)
        .flat_map(|r| &r.fields)
}

/// The sampling plan for an inspection row's inputs.
fn plan_of(fields: &[Field]) -> Value {
    let get = |suffix: &str| {
        fields
            .iter()
            .find(|f| f.name.ends_with(suffix))
            .map_or(String::new(), |f| f.value.clone())
    };
    let q = AqlQuery {
        lot: get(".lot_size"),
        level: get(".aql.level"),
        critical: get(".aql.critical"),
        major: get(".aql.major"),
        minor: get(".aql.minor"),
    };
    aql_json(&q).unwrap_or_else(|e| serde_json::json!({ "error": e }))
}

/// The input a problem belongs at: the one its field names, else the first input of the group
/// it names (`summary` for a missing language, `inspections[0]` for a missing field of that
/// row); `None` for a problem of no input (at the top of the page).
fn place(d: &Diagnostic, names: &[String]) -> Option<usize> {
    let f = d.field.as_deref()?;
    names.iter().position(|n| n == f).or_else(|| {
        names.iter().position(|n| {
            n.strip_prefix(f)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    })
}

/// One row's inputs, and its other fields as hidden inputs.
fn row(cx: &Context, specs: &[Spec], prefix: &str, item: &Value, index: usize, blank: bool) -> Row {
    let name = |rel: &str| match (prefix.is_empty(), rel.is_empty()) {
        (true, _) => rel.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}.{rel}"),
    };
    let mut fields = Vec::new();
    for spec in specs {
        match *spec {
            Spec::One(rel, label, kind) => {
                let (kind, options): (&str, Vec<Opt>) = match kind {
                    "status" => ("select", STATUS.iter().map(|s| Opt::word(s)).collect()),
                    "material_status" => (
                        "select",
                        MATERIAL_STATUS.iter().map(|s| Opt::word(s)).collect(),
                    ),
                    "level" => ("select", LEVELS.iter().map(|s| Opt::plain(s)).collect()),
                    "stage" => ("select", cx.stages.clone()),
                    k => (k, Vec::new()),
                };
                let value = text_of(at(item, rel));
                // An empty choice shows as empty (a blank row stays blank, and is dropped); a
                // value the deal does not list (a stage since renamed) stays as it is.
                let mut options = options;
                if kind == "select" && !options.iter().any(|o| o.value == value) {
                    options.insert(0, Opt::plain(&value));
                }
                fields.push(Field {
                    name: name(rel),
                    label,
                    lang: None,
                    value,
                    kind,
                    options,
                    fill: false,
                    errors: Vec::new(),
                });
            }
            Spec::Text(rel, label, kind) => {
                for l in &cx.langs {
                    let sub = if rel.is_empty() {
                        l.clone()
                    } else {
                        format!("{rel}.{l}")
                    };
                    fields.push(Field {
                        name: name(&sub),
                        label,
                        lang: Some(l.clone()),
                        value: text_of(at(item, &sub)),
                        kind,
                        options: Vec::new(),
                        fill: false,
                        errors: Vec::new(),
                    });
                }
            }
        }
    }
    // What the inputs do not show (attachments, a language the deal does not use) is kept.
    let mut all = Vec::new();
    if !prefix.is_empty() {
        leaves(item, prefix, &mut all);
    }
    let shown: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let hidden = all
        .into_iter()
        .filter(|(n, _)| !shown.contains(&n.as_str()))
        .collect();
    let photo = prefix
        .starts_with("photos[")
        .then(|| text_of(at(item, "file")))
        .filter(|f| !f.is_empty());
    Row {
        index,
        blank,
        fields,
        hidden,
        photo,
        plan: None,
    }
}

/// The form's fields as nested values (`a[0].b` → `{"a": [{"b": …}]}`), to show a form again
/// with what was entered when it was not saved.
pub(crate) fn nest(fields: &[(String, String)]) -> Value {
    let mut root = Value::Object(Map::new());
    for (path, value) in fields {
        // A name that is not a field path is not a field of the week (save says so).
        if let Some(steps) = steps(path) {
            put(&mut root, &steps, value);
        }
    }
    root
}

/// Rows a form may have in one list: an index beyond it is not a row of ours.
const MAX_ROWS: usize = 10_000;

/// Sets the value at `steps` under `cur`, making the objects and lists on the way.
fn put(cur: &mut Value, steps: &[Step], value: &str) {
    let Some((first, rest)) = steps.split_first() else {
        *cur = Value::String(value.to_string());
        return;
    };
    let next = match first {
        Step::Key(k) => {
            if !cur.is_object() {
                *cur = Value::Object(Map::new());
            }
            let Some(m) = cur.as_object_mut() else { return };
            m.entry(k.clone()).or_insert(Value::Null)
        }
        Step::Index(i) => {
            if *i > MAX_ROWS {
                return;
            }
            if !cur.is_array() {
                *cur = Value::Array(Vec::new());
            }
            let Some(a) = cur.as_array_mut() else { return };
            if a.len() <= *i {
                a.resize(*i + 1, Value::Null);
            }
            let Some(slot) = a.get_mut(*i) else { return };
            slot
        }
    };
    put(next, rest, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn field_paths_nest_into_the_week_files_shape() {
        let v = nest(&pairs(&[
            ("summary.en", "Cutting started"),
            ("inspections[1].aql.major", "2.5"),
            ("inspections[0].lot_size", "3000"),
            ("issues[0].zh", "延误"),
        ]));
        assert_eq!(v["summary"]["en"], "Cutting started");
        assert_eq!(v["inspections"][1]["aql"]["major"], "2.5");
        assert_eq!(v["inspections"][0]["lot_size"], "3000");
        assert_eq!(v["issues"][0]["zh"], "延误");
    }

    #[test]
    fn a_hostile_index_is_not_an_allocation() {
        let v = nest(&pairs(&[("photos[99999999999].file", "x")]));
        assert!(v
            .get("photos")
            .and_then(Value::as_array)
            .is_none_or(|a| a.len() < 10_001));
    }

    #[test]
    fn every_section_has_a_blank_row_but_photos_and_attachments_stay_hidden() {
        let v = serde_json::json!({
            "week": "2026-W49",
            "materials": [{"material": {"en": "Sheet"}, "attachments": [{"file": "v.jpg", "redact": ["1", "2", "3", "4"]}]}],
            "photos": [{"file": "photos/a.jpg", "caption": {"en": "FILL IN"}}],
            "unfilled": ["photos[0].caption.en"],
        });
        let cx = Context {
            stages: vec![Opt::plain("cutting")],
            langs: vec!["en".into()],
        };
        let (m, _) = model(&v, &cx, &Problems::new());
        let mats = m.iter().find(|s| s.key == "materials").unwrap();
        assert_eq!(mats.rows.len(), 2);
        assert!(mats.rows[1].blank);
        assert!(mats.rows[0]
            .hidden
            .contains(&("materials[0].attachments[0].redact[2]".into(), "3".into())));
        let photos = m.iter().find(|s| s.key == "photos").unwrap();
        assert_eq!(photos.rows.len(), 1);
        assert_eq!(photos.rows[0].photo.as_deref(), Some("photos/a.jpg"));
        assert!(photos.rows[0]
            .fields
            .iter()
            .any(|f| f.name == "photos[0].caption.en" && f.fill));
    }

    #[test]
    fn a_problem_lands_at_its_input_and_a_whole_text_at_its_first_language() {
        let mut p = Problems::new();
        p.push(
            Diagnostic::error(std::path::Path::new("w.yaml"), "expected a whole number")
                .field("inspections[0].lot_size"),
        );
        p.push(Diagnostic::error(std::path::Path::new("w.yaml"), "missing").field("summary"));
        p.push(Diagnostic::error(
            std::path::Path::new("w.yaml"),
            "two files for one week",
        ));
        let v = serde_json::json!({"inspections": [{"lot_size": "x"}]});
        let cx = Context {
            stages: vec![],
            langs: vec!["en".into(), "zh".into()],
        };
        let (m, top) = model(&v, &cx, &p);
        let all: Vec<&Field> = m
            .iter()
            .flat_map(|s| &s.rows)
            .flat_map(|r| &r.fields)
            .collect();
        let lot = all
            .iter()
            .find(|f| f.name == "inspections[0].lot_size")
            .unwrap();
        assert_eq!(lot.errors, vec!["expected a whole number".to_string()]);
        assert_eq!(
            all.iter()
                .find(|f| f.name == "summary.en")
                .unwrap()
                .errors
                .len(),
            1
        );
        assert!(all
            .iter()
            .find(|f| f.name == "summary.zh")
            .unwrap()
            .errors
            .is_empty());
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].message, "two files for one week");
    }
}
