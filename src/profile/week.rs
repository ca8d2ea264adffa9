//! Load stage: the weekly report file (`reports/2026-W49.yaml`) as typed data, and its checks.

use super::aql;
use super::check::Checker;
use super::deal::Profile;
use super::text::{Date, Lang, Text, Ymd};
use super::yaml::{self, Index, Source};
use crate::diag::{did_you_mean, Problems};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Most photos one report holds (each is decoded and embedded).
pub const MAX_PHOTOS: usize = 200;

/// Most source-photo bytes one report reads (twelve 4000×3000 photos are about 40 MB).
pub const MAX_PHOTO_BYTES_TOTAL: u64 = 500 * 1024 * 1024;

/// One week's report data.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Week {
    /// ISO week, such as `2026-W49`.
    pub week: String,
    /// Report sequence number for the deal.
    pub number: u32,
    /// Who wrote the report.
    pub prepared_by: String,
    /// Who checked it.
    pub reviewed_by: String,
    /// Overall status.
    pub status: Status,
    /// Forecast shipment date.
    pub forecast_ship: Date,
    /// A few sentences on the week.
    pub summary: Text,
    /// Completion per production stage.
    #[serde(default)]
    pub progress: Vec<Progress>,
    /// Key inspections of the week.
    #[serde(default)]
    pub inspections: Vec<Inspection>,
    /// Material purchase records.
    #[serde(default)]
    pub materials: Vec<Material>,
    /// Site photos.
    #[serde(default)]
    pub photos: Vec<PhotoRef>,
    /// Site videos (links).
    #[serde(default)]
    pub videos: Vec<Video>,
    /// Next-stage plan.
    #[serde(default)]
    pub plan: Vec<Task>,
    /// Open issues and risks.
    #[serde(default)]
    pub issues: Vec<Text>,
    /// What the buyer is asked to do.
    #[serde(default)]
    pub buyer_actions: Vec<Text>,
}

/// Overall status of the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// On schedule.
    OnTrack,
    /// Could slip unless something is done.
    AtRisk,
    /// Behind schedule.
    Delayed,
}

/// Completion of one stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// Stage id from `deal.yaml`.
    pub stage: String,
    /// Planned completion, percent.
    pub planned: f64,
    /// Actual completion, percent.
    pub actual: f64,
    /// A short remark.
    #[serde(default)]
    pub note: Option<Text>,
}

/// An inspection with its sampling plan.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// What was inspected.
    pub item: Text,
    /// Stage id from `deal.yaml`.
    pub stage: String,
    /// The standard or tolerance checked against.
    pub standard: String,
    /// Lot size.
    pub lot_size: u32,
    /// Inspection level and AQLs.
    pub aql: AqlSpec,
    /// Defects found per class.
    pub defects: Defects,
    /// Who inspected.
    #[serde(default)]
    pub inspector: Option<String>,
    /// Inspection report number.
    #[serde(default)]
    pub report_ref: Option<String>,
}

/// Inspection level and AQL per defect class.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AqlSpec {
    /// `I`, `II`, `III`, `S-1` … `S-4`.
    pub level: String,
    /// AQL for critical defects (0 = none accepted).
    pub critical: f64,
    /// AQL for major defects.
    pub major: f64,
    /// AQL for minor defects.
    pub minor: f64,
}

/// Defects found per class.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Defects {
    /// Critical defects.
    pub critical: u32,
    /// Major defects.
    pub major: u32,
    /// Minor defects.
    pub minor: u32,
}

/// A material purchase record.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Material name.
    pub material: Text,
    /// Supplier.
    pub supplier: String,
    /// Purchase order or voucher number.
    pub voucher: String,
    /// Quantity ordered.
    pub ordered: String,
    /// Quantity received.
    pub received: String,
    /// Date of the record.
    pub date: Date,
    /// Ordered, partly received, received.
    pub status: MaterialStatus,
}

/// Where a purchase stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialStatus {
    /// Ordered, nothing received.
    Ordered,
    /// Partly received.
    Partial,
    /// Fully received.
    Received,
}

/// A site photo.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoRef {
    /// Path relative to the week file.
    pub file: String,
    /// Caption.
    pub caption: Text,
    /// Stage id.
    #[serde(default)]
    pub stage: Option<String>,
    /// Date taken.
    pub taken: Date,
}

/// A site video, linked.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Video {
    /// Where it can be watched (https).
    pub url: String,
    /// Caption.
    pub caption: Text,
}

/// A task of the next-stage plan.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// What is to be done.
    pub task: Text,
    /// Who does it.
    pub owner: String,
    /// Start date, if planned.
    #[serde(default)]
    pub start: Option<Date>,
    /// Due date.
    pub due: Date,
    /// Whether this is a milestone.
    #[serde(default)]
    pub milestone: bool,
}

/// An ISO week (Monday to Sunday), held as its Monday so that it is always a real week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IsoWeek {
    monday: Ymd,
}

impl IsoWeek {
    /// Parses exactly `2026-W49`: a four-digit ISO year 1900–9999, `-W`, a two-digit week that
    /// the year has (01 to 52, or 53) and that ends by 9999-12-31.
    pub fn parse(s: &str) -> Option<IsoWeek> {
        let b = s.as_bytes();
        // Checked by hand: Rust's integer parsing would take `+4` for a week.
        let shape = b.len() == 8
            && b[4..6] == *b"-W"
            && b[..4].iter().chain(&b[6..]).all(u8::is_ascii_digit);
        if !shape {
            return None;
        }
        let num = |d: &[u8]| d.iter().fold(0, |n, c| n * 10 + i32::from(c - b'0'));
        let (year, week) = (num(&b[..4]), u8::try_from(num(&b[6..])).ok()?);
        if !(1900..=9999).contains(&year) {
            return None;
        }
        let monday = time::Date::from_iso_week_date(year, week, time::Weekday::Monday).ok()?;
        // The last days of 9999-W52 fall in the year 10000, which no date here holds.
        time::Date::from_iso_week_date(year, week, time::Weekday::Sunday).ok()?;
        Some(IsoWeek {
            monday: Ymd::from_date(monday)?,
        })
    }

    /// Monday of the week.
    pub fn monday(self) -> Ymd {
        self.monday
    }

    /// Sunday of the week.
    pub fn sunday(self) -> Ymd {
        self.monday.plus_days(6)
    }

    /// `2026-W49`.
    pub fn label(self) -> String {
        let (year, week, _) = self.monday.date().to_iso_week_date();
        format!("{year}-W{week:02}")
    }
}

/// A week file that passed its checks, with where it came from.
#[derive(Debug, Clone)]
pub struct LoadedWeek {
    /// The data.
    pub week: Week,
    /// The ISO week.
    pub iso: IsoWeek,
    /// The file.
    pub src: Source,
    /// Where each field is.
    pub index: Index,
    /// Photo files, resolved and checked but not read, in the order of `photos`.
    pub photo_files: Vec<PhotoFile>,
    /// Warnings found while checking.
    pub warnings: Problems,
}

/// A photo of the week: found inside the deal folder, a regular file within the size limit and
/// a JPEG or PNG by its first bytes. Its pixels are read only when a report uses it, one photo
/// per worker, so memory stays near one photo per core instead of the sum of the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFile {
    /// The file, resolved.
    pub path: PathBuf,
    /// Its size in bytes when the week was loaded.
    pub len: u64,
}

impl PhotoFile {
    /// Reads the photo (a regular file, at most the photo limit). The error is a message about
    /// `shown` (the name in the week file) and a hint.
    pub fn read(&self, shown: &str) -> Result<Vec<u8>, (String, String)> {
        let max = crate::pdf::photo::Limits::default().max_bytes;
        crate::fs::read_bounded(&self.path, max).map_err(|e| read_fail(e, shown, max))
    }
}

/// Reads and checks a week file against its deal; every problem is reported at once.
/// `deal_dir` is the folder of `deal.yaml`: photos must stay inside it.
pub fn load(path: &Path, profile: &Profile, deal_dir: &Path) -> Result<LoadedWeek, Problems> {
    load_source(Source::read(path)?, path, profile, deal_dir)
}

/// Checks a week file already read (`path` is where it lives: photo paths start there).
pub fn load_source(
    src: Source,
    path: &Path,
    profile: &Profile,
    deal_dir: &Path,
) -> Result<LoadedWeek, Problems> {
    let (week, index) = yaml::parse::<Week>(&src)?;
    let mut c = Checker::new(&src, &index);
    super::check::check_sizes(&mut c, &serde_yaml::to_value(&week).unwrap_or_default(), "");
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
    let stage_ids: Vec<&str> = profile
        .production
        .stages
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let langs = profile.deal.languages.clone();
    let iso = check_head(&mut c, &week, &langs);
    check_progress(&mut c, &week, &stage_ids, &langs);
    check_inspections(&mut c, &week, &stage_ids, &langs);
    check_materials(&mut c, &week, &langs);
    let photo_files = check_photos(&mut c, &week, path, deal_dir, &stage_ids, &langs);
    check_rest(&mut c, &week, &langs);
    if let (Some(w), Some(signed)) = (iso, profile.deal.signed.ymd) {
        if w.sunday() < signed {
            c.warning(
                "week",
                format!(
                    "{} ends before the contract date {}",
                    w.label(),
                    signed.iso()
                ),
            );
        }
    }
    let problems = c.problems;
    if problems.has_errors() {
        return Err(problems);
    }
    // `iso` is `None` only with an error, returned above.
    let Some(iso) = iso else {
        return Err(problems);
    };
    Ok(LoadedWeek {
        week,
        iso,
        src,
        index,
        photo_files,
        warnings: problems,
    })
}

/// The head of the week: ISO week, report number, names, forecast, summary.
fn check_head(c: &mut Checker, week: &Week, langs: &[Lang]) -> Option<IsoWeek> {
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
fn check_progress(c: &mut Checker, week: &Week, stage_ids: &[&str], langs: &[Lang]) {
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

/// Inspections: stage, lot size, inspection level, and AQLs the ISO 2859-1 table has.
fn check_inspections(c: &mut Checker, week: &Week, stage_ids: &[&str], langs: &[Lang]) {
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
fn check_materials(c: &mut Checker, week: &Week, langs: &[Lang]) {
    for (i, m) in week.materials.iter().enumerate() {
        let f = format!("materials[{i}]");
        c.text(&format!("{f}.material"), &m.material, langs);
        c.non_empty(&format!("{f}.supplier"), &m.supplier);
        c.date(&format!("{f}.date"), &m.date);
    }
}

/// Photos: captions and stages, then each file resolved inside the deal folder and checked
/// (regular file, size, JPEG/PNG), within the week's total; the files are not read here.
fn check_photos(
    c: &mut Checker,
    week: &Week,
    path: &Path,
    deal_dir: &Path,
    stage_ids: &[&str],
    langs: &[Lang],
) -> Vec<PhotoFile> {
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
fn check_rest(c: &mut Checker, week: &Week, langs: &[Lang]) {
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

/// Checks a resolved photo without reading it: a regular file within the photo limit, and a
/// JPEG or PNG by its first bytes (so a wrong file is reported with the week's other problems).
fn check_photo(path: PathBuf, shown: &str) -> Result<PhotoFile, (String, String)> {
    use std::io::Read;
    let max = crate::pdf::photo::Limits::default().max_bytes;
    let fail = |e| read_fail(e, shown, max);
    let meta = std::fs::metadata(&path).map_err(|e| fail(crate::fs::ReadFail::Io(e)))?;
    if !meta.is_file() {
        return Err(fail(crate::fs::ReadFail::NotAFile));
    }
    if meta.len() > max {
        return Err(fail(crate::fs::ReadFail::TooBig(meta.len())));
    }
    let mut head = Vec::with_capacity(16);
    std::fs::File::open(&path)
        .and_then(|f| f.take(16).read_to_end(&mut head))
        .map_err(|e| fail(crate::fs::ReadFail::Io(e)))?;
    match crate::pdf::photo::sniff(&head) {
        Ok(_) => Ok(PhotoFile {
            path,
            len: meta.len(),
        }),
        Err(e) => Err((
            format!("`{shown}` {e}"),
            "photos are recognised by their content, not their name: use the JPEG or PNG from the phone or camera".into(),
        )),
    }
}

/// The message and hint for a photo that cannot be read.
fn read_fail(e: crate::fs::ReadFail, shown: &str, max: u64) -> (String, String) {
    match e {
        crate::fs::ReadFail::TooBig(len) => (
            format!(
                "`{shown}` is {} MB; photos may be at most {} MB",
                len / 1_000_000,
                max / 1_000_000
            ),
            "export the photo from the phone at a normal size, or resize it".into(),
        ),
        crate::fs::ReadFail::NotAFile => (
            format!("`{shown}` is not a file"),
            "name a photo file".into(),
        ),
        crate::fs::ReadFail::Io(e) => (
            format!("`{shown}` cannot be read ({})", crate::fs::io_reason(&e)),
            "check the file's permissions".into(),
        ),
    }
}

/// Resolves a photo path relative to the week file and checks that it stays in the deal folder.
fn resolve_photo(base: &Path, deal_root: &Path, file: &str) -> Result<PathBuf, (String, String)> {
    let p = Path::new(file);
    if file.trim().is_empty() {
        return Err((
            "is empty".into(),
            "name the photo file, relative to the week file".into(),
        ));
    }
    if p.is_absolute() {
        return Err((
            format!("`{file}` is an absolute path"),
            "give the path relative to the week file, such as photos/line-1.jpg".into(),
        ));
    }
    let joined = base.join(p);
    let real = match joined.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            return Err((
                format!("`{file}` cannot be read ({})", crate::fs::io_reason(&e)),
                "paths are relative to the week file; check the name and that the photo is in the deal folder".into(),
            ))
        }
    };
    if !real.starts_with(deal_root) {
        return Err((
            format!("`{file}` is outside the deal folder"),
            "copy the photo into the deal folder (for example photos/) and name it from there"
                .into(),
        ));
    }
    if !real.is_file() {
        return Err((
            format!("`{file}` is not a file"),
            "name a photo file".into(),
        ));
    }
    Ok(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_map_to_monday_and_sunday() {
        let w = IsoWeek::parse("2026-W49").unwrap();
        assert_eq!(w.monday().iso(), "2026-11-30");
        assert_eq!(w.sunday().iso(), "2026-12-06");
        assert_eq!(w.label(), "2026-W49");
        // Week 1 of 2026 starts on 29 December 2025; 2026 has 53 weeks (1 January is a Thursday).
        assert_eq!(
            IsoWeek::parse("2026-W01").unwrap().monday().iso(),
            "2025-12-29"
        );
        let w53 = IsoWeek::parse("2026-W53").unwrap();
        assert_eq!(w53.monday().iso(), "2026-12-28");
        assert_eq!(w53.sunday().iso(), "2027-01-03");
        assert_eq!(w53.label(), "2026-W53");
        // 2027 has 52 weeks, and its week 1 starts on 4 January.
        assert!(IsoWeek::parse("2027-W53").is_none());
        assert_eq!(
            IsoWeek::parse("2027-W01").unwrap().monday().iso(),
            "2027-01-04"
        );
        assert_eq!(
            IsoWeek::parse("2027-W52").unwrap().sunday().iso(),
            "2028-01-02"
        );
        // 2020 was a leap year starting on a Wednesday: 53 weeks, the last ending 3 January 2021.
        assert_eq!(
            IsoWeek::parse("2020-W53").unwrap().sunday().iso(),
            "2021-01-03"
        );
        assert_eq!(
            IsoWeek::parse("2021-W01").unwrap().monday().iso(),
            "2021-01-04"
        );
        // 2015 and 2032 have 53 weeks too, 2019 and 2100 do not.
        assert!(IsoWeek::parse("2015-W53").is_some());
        assert!(IsoWeek::parse("2032-W53").is_some());
        assert!(IsoWeek::parse("2019-W53").is_none());
        assert!(IsoWeek::parse("2100-W53").is_none());
        // The ends of the range: 1900-01-01 was a Monday; 9999-W52 would end on 10000-01-02.
        assert_eq!(
            IsoWeek::parse("1900-W01").unwrap().monday().iso(),
            "1900-01-01"
        );
        assert_eq!(
            IsoWeek::parse("9999-W51").unwrap().sunday().iso(),
            "9999-12-26"
        );
        assert!(IsoWeek::parse("9999-W52").is_none());
    }

    #[test]
    fn weeks_order_across_years() {
        let w = |s| IsoWeek::parse(s).unwrap();
        assert!(w("2026-W53") < w("2027-W01"));
        assert!(w("2026-W09") < w("2026-W10"));
    }

    #[test]
    fn bad_weeks_are_refused() {
        for s in [
            "2026-49",
            "2026-W00",
            "2026-W54",
            "W49",
            "2026-W4",
            "26-W49",
            "2026W49",
            "2026-w49",
            "2026-W+4",
            "+2026-W49",
            "2026-W-1",
            " 2026-W49",
            "2026-W49 ",
            "1899-W52",
            "0000-W01",
            "2026-W049",
            "2026-W٤٩",
            "",
        ] {
            assert!(IsoWeek::parse(s).is_none(), "{s:?}");
        }
    }
}
