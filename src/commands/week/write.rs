//! `week new`: the new week file as YAML text with comments, written by hand so that the keys
//! keep the order of the bundled example and every line says where its value came from.

use super::photos::NewPhoto;
use crate::profile::deal::Cadence;
use crate::profile::week::schedule::percent as pct;
use crate::profile::week::{IsoWeek, Status, Week, FILL_IN};
use crate::profile::{Text, Ymd};
use std::fmt::Write;

/// Comments start in this column, as in the bundled example.
const COMMENT_COL: usize = 36;

/// What the header comments say.
pub(crate) struct Head<'a> {
    /// The deal id.
    pub(crate) deal_id: &'a str,
    /// The week file carried from (`2026-W49.yaml`), if any.
    pub(crate) from: Option<String>,
    /// The report day of the week.
    pub(crate) day: Ymd,
    /// A text to fill, in the deal's languages.
    pub(crate) fill: Text,
    /// The deal's report cadence.
    pub(crate) cadence: Cadence,
    /// Why the report falls in this week (`None` when `--week` chose it).
    pub(crate) due: Option<String>,
}

/// A scalar as YAML: plain when that reads back as the same string, else double-quoted.
pub(crate) fn scalar(s: &str) -> String {
    const RESERVED: [&str; 11] = [
        "yes", "no", "true", "false", "null", "on", "off", "y", "n", "~", "",
    ];
    let plain_char = |c: char| {
        c.is_alphanumeric() || (!c.is_ascii() && !c.is_control()) || " .-()/+%_=;".contains(c)
    };
    if Ymd::parse(s).is_some() {
        return s.to_string();
    }
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars().all(plain_char)
        && !s.ends_with(' ')
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        return s.to_string();
    }
    quoted(s)
}

/// A scalar double-quoted, whatever it holds.
fn quoted(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(q, "\\u{:04x}", u32::from(c));
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A text in block style, each language double-quoted on its own line, so that a value
/// written over a placeholder (a caption with a comma or a colon) cannot break the mapping
/// as it would in `{en: …, zh: …}`. `head` is the line's start: a key (`    caption:`,
/// the languages go below it, two columns further in) or a list dash (`  - `, the first
/// language on its line).
fn text(o: &mut String, head: &str, t: &Text) {
    let langs = [("en", &t.en), ("zh", &t.zh)];
    let langs = langs.iter().filter_map(|(k, v)| v.as_ref().map(|v| (k, v)));
    if let Some(dash) = head.strip_suffix("- ") {
        let indent = " ".repeat(dash.len() + 2);
        for (i, (k, v)) in langs.enumerate() {
            let lead = if i == 0 { head } else { indent.as_str() };
            let _ = writeln!(o, "{lead}{k}: {}", quoted(v));
        }
        return;
    }
    // The key's column (after a list dash, if any), and two more for its languages.
    let key = head.trim_start().trim_start_matches("- ");
    let indent = " ".repeat(head.len() - key.len() + 2);
    let _ = writeln!(o, "{head}");
    for (k, v) in langs {
        let _ = writeln!(o, "{indent}{k}: {}", quoted(v));
    }
}

/// `lines` commented out, the list's indentation giving way to `# `.
fn commented(o: &mut String, lines: &str) {
    for l in lines.lines() {
        let _ = writeln!(o, "# {}", l.strip_prefix("  ").unwrap_or(l));
    }
}

/// Pushes `line`, with `comment` aligned in the comment column.
fn line(out: &mut String, line: &str, comment: &str) {
    out.push_str(line);
    if !comment.is_empty() {
        let pad = COMMENT_COL.saturating_sub(line.chars().count()).max(1);
        out.push_str(&" ".repeat(pad));
        out.push_str("# ");
        out.push_str(comment);
    }
    out.push('\n');
}

/// The whole file.
pub(crate) fn week_file(h: &Head, w: &Week, iso: IsoWeek, photos: &[NewPhoto]) -> String {
    let mut o = String::new();
    head(&mut o, h, w, iso);
    progress(&mut o, h, w);
    materials(&mut o, w);
    photo_list(&mut o, photos, &h.fill);
    plan(&mut o, w);
    o
}

/// The comment lines at the top: what the file is, where it came from, what to do.
fn intro(o: &mut String, h: &Head, iso: IsoWeek) {
    let (year, num, _) = iso.monday().date().to_iso_week_date();
    let from = h.from.as_deref().map(|f| format!("carried from {f}"));
    match h.cadence {
        Cadence::Weekly => {
            let _ = writeln!(
                o,
                "# Weekly progress report for deal {}, week {num} of {year}.",
                h.deal_id
            );
        }
        Cadence::Milestones => {
            let _ = writeln!(
                o,
                "# Progress report for deal {}, week {num} of {year} (reports follow the milestones).",
                h.deal_id
            );
            if let Some(due) = &h.due {
                let _ = writeln!(o, "# This week because {due}.");
            }
        }
    }
    let _ = writeln!(
        o,
        "# Written by `dealguard week new`{}. Replace every {FILL_IN},",
        from.as_ref().map_or(String::new(), |f| format!(", {f}"))
    );
    o.push_str(
        "# update each stage's actual %, add the week's inspections, then make the report.\n",
    );
    o.push_str("# Paths are relative to this file. Cite the contract by clause id, as in\n");
    o.push_str("# [[third-parties]] or [[confidentiality.2]] (its second paragraph): the report\n");
    o.push_str(
        "# prints the clause's number in this deal's schedule; `dealguard clauses list`.\n\n",
    );
}

fn head(o: &mut String, h: &Head, w: &Week, iso: IsoWeek) {
    let carried = h.from.as_deref().map(|f| format!("carried from {f}"));
    let carried = carried.as_deref().unwrap_or("");
    intro(o, h, iso);
    line(
        o,
        &format!("week: {}", w.week),
        &format!(
            "{} to {}; report day {}",
            iso.monday().iso(),
            iso.sunday().iso(),
            h.day.iso()
        ),
    );
    line(
        o,
        &format!("number: {}", w.number),
        "report sequence number for this deal",
    );
    line(o, &format!("prepared_by: {}", scalar(&w.prepared_by)), "");
    line(o, &format!("reviewed_by: {}", scalar(&w.reviewed_by)), "");
    let status = match w.status {
        Status::OnTrack => "on_track",
        Status::AtRisk => "at_risk",
        Status::Delayed => "delayed",
    };
    line(
        o,
        &format!("status: {status}"),
        &format!(
            "on_track | at_risk | delayed{}",
            if carried.is_empty() {
                String::new()
            } else {
                format!("; {carried}")
            }
        ),
    );
    line(
        o,
        &format!("forecast_ship: {}", scalar(&w.forecast_ship.raw)),
        carried,
    );
    o.push('\n');
    text(o, "summary:", &w.summary);
}

fn progress(o: &mut String, h: &Head, w: &Week) {
    o.push('\n');
    line(
        o,
        "progress:",
        &format!(
            "planned: from the stage dates in deal.yaml on {}",
            h.day.iso()
        ),
    );
    if h.from.is_some() {
        line(o, "", "actual: last week's, to update");
    }
    for p in &w.progress {
        let _ = writeln!(o, "  - stage: {}", scalar(&p.stage));
        let _ = writeln!(o, "    planned: {}", pct(p.planned));
        let _ = writeln!(o, "    actual: {}", pct(p.actual));
    }
    o.push('\n');
    line(
        o,
        "inspections: []",
        "this week's inspections (item, stage, standard, lot_size, aql, defects)",
    );
}

fn materials(o: &mut String, w: &Week) {
    o.push('\n');
    if w.materials.is_empty() {
        o.push_str("materials: []\n");
        return;
    }
    line(o, "materials:", "not yet received last week: update them");
    for m in &w.materials {
        let status = match m.status {
            crate::profile::week::MaterialStatus::Ordered => "ordered",
            crate::profile::week::MaterialStatus::Partial => "partial",
            crate::profile::week::MaterialStatus::Received => "received",
        };
        text(o, "  - material:", &m.material);
        let _ = writeln!(o, "    supplier: {}", scalar(&m.supplier));
        let _ = writeln!(o, "    voucher: {}", scalar(&m.voucher));
        let _ = writeln!(o, "    ordered: {}", scalar(&m.ordered));
        let _ = writeln!(o, "    received: {}", scalar(&m.received));
        let _ = writeln!(o, "    date: {}", scalar(&m.date.raw));
        line(
            o,
            &format!("    status: {status}"),
            "ordered | partial | received",
        );
    }
}

fn photo_list(o: &mut String, photos: &[NewPhoto], fill: &Text) {
    o.push('\n');
    let (inside, outside): (Vec<&NewPhoto>, Vec<&NewPhoto>) =
        photos.iter().partition(|p| p.listed());
    if inside.is_empty() {
        line(o, "photos: []", "no new photo of this week in photos/");
    } else {
        line(o, "photos:", "new in photos/: write each caption");
    }
    for p in &inside {
        let _ = writeln!(o, "  - file: {}", scalar(&p.file));
        text(o, "    caption:", fill);
        line(
            o,
            &format!("    stage: {}", scalar(&p.stage)),
            &format!("from the {}", p.stage_from),
        );
        let when = match (p.from_file_time, p.in_week) {
            (false, _) => "EXIF date",
            (true, true) => "file time, no EXIF date: check it",
            // Brought in with `--photos`, dated outside the week by its file.
            (true, false) => {
                "no EXIF date (WeChat, screenshot): file time, outside this week: check it"
            }
        };
        line(o, &format!("    taken: {}", p.taken.iso()), when);
    }
    if !outside.is_empty() {
        o.push_str("# Taken outside this week: uncomment those that belong in the report.\n");
    }
    for p in &outside {
        let mut entry = format!("  - file: {}\n", scalar(&p.file));
        text(&mut entry, "    caption:", fill);
        let _ = writeln!(entry, "    stage: {}", scalar(&p.stage));
        let when = if p.from_file_time {
            "  # file time, no EXIF date"
        } else {
            ""
        };
        let _ = writeln!(entry, "    taken: {}{when}", p.taken.iso());
        commented(o, &entry);
    }
    o.push_str("\nvideos: []\n");
}

fn plan(o: &mut String, w: &Week) {
    o.push('\n');
    if w.plan.is_empty() {
        o.push_str("plan: []\n");
    } else {
        line(
            o,
            "plan:",
            "open items of last week's plan (due this week or later)",
        );
    }
    for t in &w.plan {
        text(o, "  - task:", &t.task);
        let _ = writeln!(o, "    owner: {}", scalar(&t.owner));
        if let Some(s) = &t.start {
            let _ = writeln!(o, "    start: {}", scalar(&s.raw));
        }
        let _ = writeln!(o, "    due: {}", scalar(&t.due.raw));
        if t.milestone {
            o.push_str("    milestone: true\n");
        }
    }
    for (key, list) in [("issues", &w.issues), ("buyer_actions", &w.buyer_actions)] {
        o.push('\n');
        if list.is_empty() {
            let _ = writeln!(o, "{key}: []");
            continue;
        }
        line(
            o,
            &format!("{key}:"),
            "carried from last week: delete what is done",
        );
        for t in list {
            text(o, "  - ", t);
        }
    }
}
