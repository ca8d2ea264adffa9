//! Load stage: the checks of a week file against its deal, one function per section.

use super::photos::{check_photo, resolve_photo};
use super::{aql, IsoWeek, PhotoFile, Week, MAX_PHOTOS, MAX_PHOTO_BYTES_TOTAL};
use crate::diag::did_you_mean;
use crate::profile::check::Checker;
use crate::profile::deal::Profile;
use crate::profile::text::Lang;
use std::path::Path;

/// The head of the week: ISO week, report number, names, forecast, summary.
pub(super) fn check_head(c: &mut Checker, week: &Week, langs: &[Lang]) -> Option<IsoWeek> {
    let iso = IsoWeek::parse(&week.week);
    if iso.is_none() {
        c.error("week", format!("`{}` is not an ISO week", week.week))
            .set_hint("write it as YEAR-Wnn, such as 2026-W49 (weeks run Monday to Sunday, 01 to 52 or 53)");
    }
    if week.number == 0 {
        c.error("number", "report numbers start at 1");
    }
    c.non_empty("prepared_by", &week.prepared_by);
    c.non_empty("reviewed_by", &week.reviewed_by);
    c.date("forecast_ship", &week.forecast_ship);
    c.text("summary", &week.summary, langs);

    iso
}

/// A stage id that must be one of the deal's stages.
fn check_stage(c: &mut Checker, stage_ids: &[&str], field: &str, id: &str) {
    if !stage_ids.contains(&id) {
        let e = c.error(field, format!("`{id}` is not a stage of the deal"));
        match did_you_mean(id, stage_ids.iter().copied()) {
            Some(b) => e.set_hint(format!("did you mean `{b}`?")),
            None => e.set_hint(format!("stages in deal.yaml: {}", stage_ids.join(", "))),
        }
    }
}

/// Production progress: known stages, once each, percentages from 0 to 100.
pub(super) fn check_progress(c: &mut Checker, week: &Week, stage_ids: &[&str], langs: &[Lang]) {
    for (i, p) in week.progress.iter().enumerate() {
        let f = format!("progress[{i}]");
        check_stage(c, stage_ids, &format!("{f}.stage"), &p.stage);
        if week.progress[..i].iter().any(|o| o.stage == p.stage) {
            c.error(
                &format!("{f}.stage"),
                format!("stage `{}` has two progress rows", p.stage),
            );
        }
        for (k, v) in [("planned", p.planned), ("actual", p.actual)] {
            if !(0.0..=100.0).contains(&v) || !v.is_finite() {
                c.error(
                    &format!("{f}.{k}"),
                    format!("{v} is not a percentage from 0 to 100"),
                );
            }
        }
        if let Some(n) = &p.note {
            c.text(&format!("{f}.note"), n, langs);
        }
    }
    for s in stage_ids {
        if !week.progress.iter().any(|p| p.stage == *s) && !week.progress.is_empty() {
            c.warning(
                "progress",
                format!("stage `{s}` has no progress row; the report shows it as not reported"),
            );
        }
    }
}

/// How far a week's planned % may be from the stage dates' figure before `check` says so:
/// a merchandiser rounding 58.3 to 60 (or to 55) is not wrong.
const PLANNED_TOLERANCE: f64 = 5.0;

/// Each stage's planned % against what the stage dates give on the week's report day: a
/// copied or guessed figure makes the report's "behind plan" colours and overall figure wrong.
pub(super) fn check_planned(c: &mut Checker, week: &Week, profile: &Profile, iso: IsoWeek) {
    let day = profile.channels.reports.date_in(iso);
    use super::schedule::{percent as pct, planned_share, spans};
    let spans = spans(profile);
    for (i, p) in week.progress.iter().enumerate() {
        let Some(span) = spans.iter().find(|s| s.stage == p.stage) else {
            continue;
        };
        let Some((start, end)) = span.dates else {
            continue;
        };
        let due = planned_share(start, end, day);
        if (p.planned - due).abs() > PLANNED_TOLERANCE {
            c.warning(
                &format!("progress[{i}].planned"),
                format!(
                    "planned {}% but the stage dates give {}% on the report day {} \
                     (`{}` runs {} → {})",
                    pct(p.planned),
                    pct(due),
                    day.iso(),
                    p.stage,
                    start.iso(),
                    end.iso()
                ),
            )
            .set_hint(format!(
                "write `planned: {}`, or move the stage's `planned_end` in deal.yaml if the plan changed",
                pct(due)
            ));
        }
    }
}

/// Inspections: stage, lot size, inspection level, and AQLs the ISO 2859-1 table has.
pub(super) fn check_inspections(c: &mut Checker, week: &Week, stage_ids: &[&str], langs: &[Lang]) {
    for (i, ins) in week.inspections.iter().enumerate() {
        let f = format!("inspections[{i}]");
        c.text(&format!("{f}.item"), &ins.item, langs);
        check_stage(c, stage_ids, &format!("{f}.stage"), &ins.stage);
        if ins.lot_size < 2 {
            c.error(
                &format!("{f}.lot_size"),
                format!(
                    "lot size {} is too small to sample; use 2 or more",
                    ins.lot_size
                ),
            );
        }
        match aql::Level::parse(&ins.aql.level) {
            None => {
                c.error(
                    &format!("{f}.aql.level"),
                    format!("`{}` is not an inspection level", ins.aql.level),
                )
                .set_hint("use I, II, III (general) or S-1, S-2, S-3, S-4 (special)");
            }
            Some(level) if ins.lot_size >= 2 => {
                let aqls = [ins.aql.critical, ins.aql.major, ins.aql.minor];
                let found = [ins.defects.critical, ins.defects.major, ins.defects.minor];
                match aql::evaluate(ins.lot_size, level, aqls, found) {
                    Ok(ev) => {
                        for (class, r) in [
                            ("critical", &ev.critical),
                            ("major", &ev.major),
                            ("minor", &ev.minor),
                        ] {
                            if r.found > r.plan.sample_size {
                                c.warning(&format!("{f}.defects.{class}"), format!("{} defects in a sample of {}", r.found, r.plan.sample_size))
                                    .set_hint("more defects than sampled units is possible only when one unit has several defects; check the count");
                            }
                        }
                    }
                    Err(m) => {
                        // Name the class whose AQL the table does not have.
                        let bad = ["critical", "major", "minor"]
                            .into_iter()
                            .zip(aqls)
                            .find(|(_, a)| aql::plan('K', *a).is_err() && *a != 0.0)
                            .map_or("major", |(k, _)| k);
                        c.error(&format!("{f}.aql.{bad}"), m);
                    }
                }
            }
            Some(_) => {}
        }
    }
}

/// Material purchase records.
pub(super) fn check_materials(c: &mut Checker, week: &Week, langs: &[Lang]) {
    for (i, m) in week.materials.iter().enumerate() {
        let f = format!("materials[{i}]");
        c.text(&format!("{f}.material"), &m.material, langs);
        c.non_empty(&format!("{f}.supplier"), &m.supplier);
        c.date(&format!("{f}.date"), &m.date);
    }
}

/// Photos: captions and stages, then each file resolved inside the deal folder and checked
/// (regular file, size, JPEG/PNG), within the week's total; the files are not read here.
pub(super) fn check_photos(
    c: &mut Checker,
    week: &Week,
    path: &Path,
    deal_dir: &Path,
    stage_ids: &[&str],
    langs: &[Lang],
) -> Vec<PhotoFile> {
    if week.photos.len() > MAX_PHOTOS {
        c.error(
            "photos",
            format!(
                "{} photos; a report holds at most {MAX_PHOTOS}",
                week.photos.len()
            ),
        )
        .set_hint(
            "choose the photos that show the week best; link the rest from the project platform",
        );
    }
    // The deal folder, resolved; without it no photo can be shown to be inside it.
    let deal_root = match deal_dir.canonicalize() {
        Ok(r) => Some(r),
        Err(e) => {
            c.error(
                "photos",
                format!(
                    "the deal folder `{}` cannot be resolved ({})",
                    deal_dir.display(),
                    crate::fs::io_reason(&e)
                ),
            );
            None
        }
    };
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut photo_files = Vec::new();
    let mut total_bytes: u64 = 0;
    for (i, p) in week.photos.iter().enumerate() {
        let f = format!("photos[{i}]");
        c.text(&format!("{f}.caption"), &p.caption, langs);
        c.date(&format!("{f}.taken"), &p.taken);
        if let Some(s) = &p.stage {
            check_stage(c, stage_ids, &format!("{f}.stage"), s);
        }
        if week.photos.len() > MAX_PHOTOS {
            // Too many to check; the count is already reported.
            continue;
        }
        if total_bytes > MAX_PHOTO_BYTES_TOTAL {
            c.error(&format!("{f}.file"), format!("the photos before this one already add up to {} MB; a report may embed at most {} MB of source photos", total_bytes / 1_000_000, MAX_PHOTO_BYTES_TOTAL / 1_000_000))
                .set_hint("use fewer photos, or export them from the phone at a normal size");
            break;
        }
        let Some(deal_root) = &deal_root else { break };
        let checked =
            resolve_photo(&base, deal_root, &p.file).and_then(|pb| check_photo(pb, &p.file));
        match checked {
            Ok(file) => {
                total_bytes += file.len;
                photo_files.push(file)
            }
            Err((msg, hint)) => {
                c.error(&format!("{f}.file"), msg).set_hint(hint);
            }
        }
    }
    photo_files
}

/// Videos, plan, issues and buyer actions.
pub(super) fn check_rest(c: &mut Checker, week: &Week, langs: &[Lang]) {
    for (i, v) in week.videos.iter().enumerate() {
        let f = format!("videos[{i}]");
        if !(v.url.starts_with("https://") || v.url.starts_with("http://"))
            || v.url.contains(char::is_whitespace)
        {
            c.error(
                &format!("{f}.url"),
                format!("`{}` is not a web link", v.url),
            )
            .set_hint("give the full address, starting with https://");
        }
        c.text(&format!("{f}.caption"), &v.caption, langs);
    }
    for (i, t) in week.plan.iter().enumerate() {
        let f = format!("plan[{i}]");
        c.text(&format!("{f}.task"), &t.task, langs);
        c.non_empty(&format!("{f}.owner"), &t.owner);
        let due = c.date(&format!("{f}.due"), &t.due);
        if let Some(s) = &t.start {
            if let (Some(s), Some(d)) = (c.date(&format!("{f}.start"), s), due) {
                if s > d {
                    c.error(
                        &format!("{f}.due"),
                        format!("due {} is before the start {}", d.iso(), s.iso()),
                    );
                }
            }
        }
    }
    for (i, t) in week.issues.iter().enumerate() {
        c.text(&format!("issues[{i}]"), t, langs);
    }
    for (i, t) in week.buyer_actions.iter().enumerate() {
        c.text(&format!("buyer_actions[{i}]"), t, langs);
    }
}
