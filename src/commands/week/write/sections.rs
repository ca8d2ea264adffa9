//! The week file's sections after the head, one function each, in the order of the bundled
//! example: progress, inspections, materials, photos, videos, plan, issues, buyer actions.

use super::{commented, line, number, scalar, text, Head, NewPhoto};
use crate::profile::week::{Attachment, MaterialStatus, PhotoRef, Week};
use std::fmt::Write;

pub(super) fn progress(o: &mut String, h: &Head, w: &Week) {
    o.push('\n');
    let planned = format!(
        "planned: from the stage dates in deal.yaml on {}",
        h.day.iso()
    );
    // A deal without stages gets `progress:` and no row, which reads as an empty list.
    line(
        o,
        "progress:",
        h.say(&planned, "one row per stage in deal.yaml"),
    );
    if h.started().is_some_and(|n| n.from.is_some()) {
        line(o, "", "actual: last week's, to update");
    }
    for p in &w.progress {
        let _ = writeln!(o, "  - stage: {}", scalar(&p.stage));
        let _ = writeln!(o, "    planned: {}", number(p.planned));
        let _ = writeln!(o, "    actual: {}", number(p.actual));
        if let Some(n) = &p.note {
            text(o, "    note:", n);
        }
    }
}

pub(super) fn inspections(o: &mut String, w: &Week) {
    o.push('\n');
    if w.inspections.is_empty() {
        line(
            o,
            "inspections: []",
            "this week's inspections (item, stage, standard, lot_size, aql, defects)",
        );
        return;
    }
    o.push_str("inspections:\n");
    for n in &w.inspections {
        text(o, "  - item:", &n.item);
        let _ = writeln!(o, "    stage: {}", scalar(&n.stage));
        let _ = writeln!(o, "    standard: {}", scalar(&n.standard));
        let _ = writeln!(o, "    lot_size: {}", n.lot_size);
        let a = &n.aql;
        let _ = writeln!(
            o,
            "    aql: {{level: {}, critical: {}, major: {}, minor: {}}}",
            scalar(&a.level),
            number(a.critical),
            number(a.major),
            number(a.minor)
        );
        let d = &n.defects;
        let _ = writeln!(
            o,
            "    defects: {{critical: {}, major: {}, minor: {}}}",
            d.critical, d.major, d.minor
        );
        if let Some(i) = &n.inspector {
            let _ = writeln!(o, "    inspector: {}", scalar(i));
        }
        if let Some(r) = &n.report_ref {
            let _ = writeln!(o, "    report_ref: {}", scalar(r));
        }
        attachments(o, &n.attachments);
    }
}

pub(super) fn materials(o: &mut String, h: &Head, w: &Week) {
    o.push('\n');
    if w.materials.is_empty() {
        o.push_str("materials: []\n");
        return;
    }
    line(
        o,
        "materials:",
        h.say("not yet received last week: update them", ""),
    );
    for m in &w.materials {
        let status = match m.status {
            MaterialStatus::Ordered => "ordered",
            MaterialStatus::Partial => "partial",
            MaterialStatus::Received => "received",
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
        attachments(o, &m.attachments);
    }
}

/// The scans of a material or an inspection, under its `attachments:`.
fn attachments(o: &mut String, list: &[Attachment]) {
    if list.is_empty() {
        return;
    }
    line(
        o,
        "    attachments:",
        "scans in the report's annex (JPEG or PNG)",
    );
    for a in list {
        let _ = writeln!(o, "      - file: {}", scalar(&a.file));
        if let Some(r) = &a.reference {
            let _ = writeln!(o, "        ref: {}", scalar(r));
        }
        if let Some(c) = &a.caption {
            text(o, "        caption:", c);
        }
        let boxes: Vec<String> = (a.redact.0.iter())
            .map(|[x, y, w, h]| format!("[{x}, {y}, {w}, {h}]"))
            .collect();
        match boxes.as_slice() {
            [] => {}
            [one] => line(o, &format!("        redact: {one}"), "x, y, width, height"),
            many => {
                let _ = writeln!(o, "        redact: [{}]", many.join(", "));
            }
        }
    }
}

pub(super) fn photos(o: &mut String, h: &Head, w: &Week) {
    o.push('\n');
    let found = h.started().map_or(&[][..], |n| n.photos);
    let (inside, outside): (Vec<&NewPhoto>, Vec<&NewPhoto>) =
        found.iter().partition(|p| p.listed());
    if w.photos.is_empty() && inside.is_empty() {
        line(
            o,
            "photos: []",
            h.say("no new photo of this week in photos/", ""),
        );
    } else {
        let new = if inside.is_empty() {
            ""
        } else {
            "new in photos/: write each caption"
        };
        line(o, "photos:", new);
    }
    for p in &w.photos {
        photo(o, p);
    }
    let Some(fill) = h.started().map(|n| &n.fill) else {
        return;
    };
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
}

/// A photo the week already lists.
fn photo(o: &mut String, p: &PhotoRef) {
    let _ = writeln!(o, "  - file: {}", scalar(&p.file));
    text(o, "    caption:", &p.caption);
    if let Some(s) = &p.stage {
        let _ = writeln!(o, "    stage: {}", scalar(s));
    }
    let _ = writeln!(o, "    taken: {}", scalar(&p.taken.raw));
}

pub(super) fn videos(o: &mut String, w: &Week) {
    o.push('\n');
    if w.videos.is_empty() {
        o.push_str("videos: []\n");
        return;
    }
    o.push_str("videos:\n");
    for v in &w.videos {
        let _ = writeln!(o, "  - url: {}", scalar(&v.url));
        text(o, "    caption:", &v.caption);
    }
}

pub(super) fn plan(o: &mut String, h: &Head, w: &Week) {
    o.push('\n');
    if w.plan.is_empty() {
        o.push_str("plan: []\n");
    } else {
        line(
            o,
            "plan:",
            h.say(
                "open items of last week's plan (due this week or later)",
                "next stage",
            ),
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
}

/// Issues and buyer actions: lists of texts.
pub(super) fn lists(o: &mut String, h: &Head, w: &Week) {
    for (key, list) in [("issues", &w.issues), ("buyer_actions", &w.buyer_actions)] {
        o.push('\n');
        if list.is_empty() {
            let _ = writeln!(o, "{key}: []");
            continue;
        }
        line(
            o,
            &format!("{key}:"),
            h.say("carried from last week: delete what is done", ""),
        );
        for t in list {
            text(o, "  - ", t);
        }
    }
}
