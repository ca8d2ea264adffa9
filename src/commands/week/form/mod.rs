//! The week file as a form, for the week page of `serve`: the week as values for the inputs
//! ([`values`]), a version token against lost edits ([`version`]), the inputs saved back
//! through the week loader and the one week writer ([`save`]), and uploaded photos added to
//! the week ([`add_photos`], in `upload.rs`).
//!
//! Inputs are named by the field paths that diagnostics use (`summary.en`,
//! `progress[2].actual`, `inspections[0].aql.major`, `photos[3].caption.zh`,
//! `buyer_actions[0].en`), so an error of the loader lands at its input.

mod tree;
mod upload;

use super::write::{self, Head, Origin};
use crate::diag::{Diagnostic, Problems};
use crate::output::Output;
use crate::profile::week::{self, Attachment, IsoWeek, LoadedWeek, Week};
use crate::profile::{Loaded, Source, Text};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Mutex;
pub(crate) use tree::{steps, Step};
pub(crate) use upload::add_photos;

/// One save or upload at a time in this process: the version is compared and the file
/// written under it, so two tabs saving together cannot both pass the comparison.
static WRITING: Mutex<()> = Mutex::new(());

/// Why a week was not saved; nothing was written.
#[derive(Debug)]
pub(crate) enum SaveError {
    /// The week as the form gives it has errors, in the words of `dealguard check`. Each
    /// diagnostic's `field` names the input (with the form's row numbers), or a group of them
    /// (`summary` when a language is missing, `inspections[0]` for a missing field); those
    /// without a field belong at the top. A failure to read or write the file is here too,
    /// marked `io` (`Problems::only_io_errors`).
    Invalid(Problems),
    /// The file changed since the form was filled (another tab or an editor saved it).
    Conflict,
}

/// The version token of a week file's bytes: the SHA-256 (hex) of its text as the loader
/// reads it (without a byte-order mark, line ends as `\n`), so the token of
/// `LoadedWeek::src.text` is the token of the file it was read from.
pub(crate) fn version(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut h = Sha256::new();
    let mut rest = bytes;
    // `\r\n` hashed as `\n`, without copying the file.
    while let Some(i) = rest.windows(2).position(|w| w == b"\r\n") {
        h.update(&rest[..i]);
        h.update(b"\n");
        rest = &rest[i + 2..];
    }
    h.update(rest);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A text's inputs: `en` and `zh`, empty where the week has none.
fn text(t: &Text) -> Value {
    json!({
        "en": t.en.clone().unwrap_or_default(),
        "zh": t.zh.clone().unwrap_or_default(),
    })
}

/// An optional text's inputs (both empty when absent).
fn opt_text(t: Option<&Text>) -> Value {
    text(t.unwrap_or(&Text::default()))
}

/// A number as the week file writes it (`4`, `2.5`).
fn num(v: f64) -> Value {
    Value::String(write::number(v))
}

/// The attachments of a material or an inspection; each redaction box as four inputs.
fn attachments(list: &[Attachment]) -> Value {
    let rows = list.iter().map(|a| {
        let boxes: Vec<Value> = (a.redact.0.iter())
            .map(|b| json!(b.iter().map(u32::to_string).collect::<Vec<_>>()))
            .collect();
        json!({
            "file": a.file,
            "ref": a.reference.clone().unwrap_or_default(),
            "caption": opt_text(a.caption.as_ref()),
            "redact": boxes,
        })
    });
    Value::Array(rows.collect())
}

/// The week as the inputs show it: nested objects and arrays of strings mirroring the week
/// file (every optional field present, empty when the week has none; `milestone` is `"true"`
/// or `"false"`; a redaction box is `[x, y, w, h]`), plus `unfilled` (the fields still
/// `FILL IN`) and `version` (the token [`save`] compares).
pub(crate) fn values(w: &LoadedWeek) -> Value {
    let k = &w.week;
    let status = serde_json::to_value(k.status).unwrap_or_default();
    json!({
        "week": k.week,
        "number": k.number.to_string(),
        "prepared_by": k.prepared_by,
        "reviewed_by": k.reviewed_by,
        "status": status,
        "forecast_ship": k.forecast_ship.raw,
        "summary": text(&k.summary),
        "progress": k.progress.iter().map(|p| json!({
            "stage": p.stage,
            "planned": num(p.planned),
            "actual": num(p.actual),
            "note": opt_text(p.note.as_ref()),
        })).collect::<Vec<_>>(),
        "inspections": k.inspections.iter().map(|n| json!({
            "item": text(&n.item),
            "stage": n.stage,
            "standard": n.standard,
            "lot_size": n.lot_size.to_string(),
            "aql": {
                "level": n.aql.level,
                "critical": num(n.aql.critical),
                "major": num(n.aql.major),
                "minor": num(n.aql.minor),
            },
            "defects": {
                "critical": n.defects.critical.to_string(),
                "major": n.defects.major.to_string(),
                "minor": n.defects.minor.to_string(),
            },
            "inspector": n.inspector.clone().unwrap_or_default(),
            "report_ref": n.report_ref.clone().unwrap_or_default(),
            "attachments": attachments(&n.attachments),
        })).collect::<Vec<_>>(),
        "materials": k.materials.iter().map(|m| json!({
            "material": text(&m.material),
            "supplier": m.supplier,
            "voucher": m.voucher,
            "ordered": m.ordered,
            "received": m.received,
            "date": m.date.raw,
            "status": serde_json::to_value(m.status).unwrap_or_default(),
            "attachments": attachments(&m.attachments),
        })).collect::<Vec<_>>(),
        "photos": k.photos.iter().map(|p| json!({
            "file": p.file,
            "caption": text(&p.caption),
            "stage": p.stage.clone().unwrap_or_default(),
            "taken": p.taken.raw,
        })).collect::<Vec<_>>(),
        "videos": k.videos.iter().map(|v| json!({
            "url": v.url,
            "caption": text(&v.caption),
        })).collect::<Vec<_>>(),
        "plan": k.plan.iter().map(|t| json!({
            "task": text(&t.task),
            "owner": t.owner,
            "start": t.start.as_ref().map_or("", |d| d.raw.as_str()),
            "due": t.due.raw,
            "milestone": t.milestone.to_string(),
        })).collect::<Vec<_>>(),
        "issues": k.issues.iter().map(text).collect::<Vec<_>>(),
        "buyer_actions": k.buyer_actions.iter().map(text).collect::<Vec<_>>(),
        "unfilled": w.unfilled,
        "version": version(w.src.text.as_bytes()),
    })
}

/// The week a file must keep: the week it is named for (`2026-W49.yaml`), else the `week:`
/// its current text gives, if it can be read.
fn file_week(path: &Path, current: &Source) -> Option<String> {
    let named = path.file_stem().and_then(|s| s.to_str());
    if let Some(w) = named.and_then(IsoWeek::parse) {
        return Some(w.label());
    }
    crate::profile::yaml::parse::<Week>(current)
        .ok()
        .map(|(w, _)| w.week)
}

/// The writer's head for a saved week.
fn head<'a>(loaded: &'a Loaded, iso: IsoWeek) -> Head<'a> {
    let p = &loaded.profile;
    Head {
        deal_id: &p.deal.id,
        day: p.channels.reports.date_in(iso),
        cadence: p.channels.reports.cadence,
        origin: Origin::Edited,
    }
}

/// Saves the form's `fields` (name = field path, value as typed) to the week file at `path`
/// of the deal `loaded`, if the file is still at `version` and the week they give passes the
/// loader's checks. Rows whose inputs are all empty are dropped (a blank "add row" costs
/// nothing) and empty optional inputs left out; a boolean is sent only when true, as an
/// unchecked checkbox sends nothing. The `week` cannot change: an input `week` other than the
/// file's is an error at `week` (left out, the file's week is kept). The file is written
/// atomically by the week writer, as `week new` writes. `Ok` holds the loader's warnings about
/// the saved week (fields still `FILL IN`…), with the row numbers of the file as saved.
pub(crate) fn save(
    loaded: &Loaded,
    path: &Path,
    fields: &[(String, String)],
    version: &str,
) -> Result<Problems, SaveError> {
    let _writing = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let current = Source::read(path).map_err(|d| SaveError::Invalid(d.into()))?;
    let now = self::version(current.text.as_bytes());
    if now != version {
        return Err(SaveError::Conflict);
    }
    let mut tree = tree::build(path, fields).map_err(|d| SaveError::Invalid(d.into()))?;
    let mut problems = Problems::new();
    if let Some(keep) = file_week(path, &current) {
        keep_week(&mut tree, &keep, path, &mut problems);
    }
    tree.prune();
    let src = Source::from_bytes(path, tree.yaml().as_bytes())
        .map_err(|d| SaveError::Invalid(d.into()))?;
    let loaded_week = week::load_source(src, path, &loaded.profile, &loaded.dir);
    let lw = match loaded_week {
        Ok(lw) if !problems.has_errors() => lw,
        Ok(_) => return Err(SaveError::Invalid(problems)),
        Err(p) => {
            problems.extend(at_inputs(p, &tree));
            return Err(SaveError::Invalid(problems));
        }
    };
    let text = write::week_file(&head(loaded, lw.iso), &lw.week, lw.iso);
    let out = Output {
        path: path.to_path_buf(),
        bytes: text.into_bytes(),
    };
    crate::output::write_all(std::slice::from_ref(&out))
        .map_err(|d| SaveError::Invalid(d.into()))?;
    Ok(lw.warnings)
}

/// Sets the tree's `week` to `keep`; a different week the form gave is an error at `week`.
fn keep_week(tree: &mut tree::Node, keep: &str, path: &Path, problems: &mut Problems) {
    let key = [tree::Step::Key("week".into())];
    let given = match &*tree {
        tree::Node::Map(m) => m.get("week").cloned(),
        _ => None,
    };
    if let Some(tree::Node::Leaf(w)) = &given {
        let same = IsoWeek::parse(w)
            .zip(IsoWeek::parse(keep))
            .is_some_and(|(a, b)| a == b);
        if !w.is_empty() && !same {
            problems.push(
                Diagnostic::error(
                    path,
                    format!(
                        "says {} but this file is the report of {keep}; the form cannot change the week",
                        show(w)
                    ),
                )
                .field("week")
                .hint("make the other week's report with \"new week\" (`dealguard week new --week …`)"),
            );
        }
    }
    // The file's week, so that the other fields are checked as they would be saved.
    let _ = tree.insert(&key, keep.to_string());
}

/// A value typed into the form, safe to print (control characters as `?`, at most 40).
fn show(s: &str) -> String {
    let t: String = s
        .chars()
        .take(40)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    format!("`{t}`")
}

/// The loader's problems about the text made from the form, located at the form's inputs:
/// the row numbers the form used, and no line and column (they were of that text, which is
/// not on disk).
fn at_inputs(problems: Problems, tree: &tree::Node) -> Problems {
    let mut out = Problems::new();
    for mut d in problems.iter().cloned() {
        d.pos = None;
        d.field = d.field.map(|f| tree.form_field(&f));
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests;
