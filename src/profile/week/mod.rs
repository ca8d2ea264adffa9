//! Load stage: the weekly report file (`reports/2026-W49.yaml`) as typed data, and its checks.

mod attach;
mod checks;
mod fill;
mod iso;
mod photos;
pub mod schedule;
mod texts;

use super::aql;
use super::check::Checker;
use super::deal::Profile;
use super::text::{Date, Text};
use super::yaml::{self, Index, Source};
use crate::diag::Problems;
pub use attach::{
    reference, Attachment, AttachmentFile, Owner, Redact, MAX_ATTACHMENTS, MAX_REDACT_BOXES,
};
use checks::{
    check_head, check_inspections, check_materials, check_photos, check_planned, check_progress,
    check_rest,
};
pub use fill::{is_marker, unfilled, FILL_IN};
pub use iso::IsoWeek;
pub use photos::PhotoFile;
use serde::{Deserialize, Serialize};
use std::path::Path;
pub use texts::{texts, texts_mut};

/// Most photos one report holds (each is decoded and embedded).
pub const MAX_PHOTOS: usize = 200;

/// Most source-photo bytes one report reads (twelve 4000×3000 photos are about 40 MB).
pub const MAX_PHOTO_BYTES_TOTAL: u64 = 500 * 1024 * 1024;

/// One week's report data.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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

impl Status {
    /// The status as week files write it: `on_track`, `at_risk`, `delayed` (also the key of
    /// its label in the report's labels).
    pub fn key(self) -> &'static str {
        match self {
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::Delayed => "delayed",
        }
    }
}

/// Completion of one stage.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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
    /// Scans of the inspection report and certificates, shown in the annex.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// Inspection level and AQL per defect class.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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
    /// Scans of the voucher and certificates, shown in the annex.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Video {
    /// Where it can be watched (https).
    pub url: String,
    /// Caption.
    pub caption: Text,
}

/// A task of the next-stage plan.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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
    /// Attachment files, resolved and checked but not read: materials first, in file order.
    pub attachment_files: Vec<AttachmentFile>,
    /// Warnings found while checking.
    pub warnings: Problems,
    /// Fields still holding the fill-in marker ([`FILL_IN`]), in file order.
    pub unfilled: Vec<String>,
    /// Whether the report is a draft (`report --draft`): every page carries a DRAFT band.
    pub draft: bool,
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
    let stage_ids: Vec<&str> = profile
        .production
        .stages
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let langs = profile.deal.languages.clone();
    let iso = check_head(&mut c, &week, &langs);
    check_progress(&mut c, &week, &stage_ids, &langs);
    if let Some(iso) = iso {
        check_planned(&mut c, &week, profile, iso);
    }
    check_inspections(&mut c, &week, &stage_ids, &langs);
    check_materials(&mut c, &week, &langs);
    let photo_files = check_photos(&mut c, &week, path, deal_dir, &stage_ids, &langs);
    // An unresolvable deal folder is reported by `check_photos`.
    let root = deal_dir.canonicalize().ok();
    let mut total: u64 = photo_files.iter().map(|f| f.len).sum();
    let attachment_files =
        attach::check_attachments(&mut c, &week, (path, root.as_deref()), &langs, &mut total);
    check_rest(&mut c, &week, &langs);
    let unfilled = fill::warn_unfilled(&mut c, &week);
    if let Some(w) = iso {
        check_identity(&mut c, w, path, profile);
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
        attachment_files,
        warnings: problems,
        unfilled,
        draft: false,
    })
}

/// The week's identity: inside the contract (not ending before the signing), and the week
/// its file is named for.
fn check_identity(c: &mut Checker, w: IsoWeek, path: &Path, profile: &Profile) {
    if let Some(signed) = profile.deal.signed.ymd {
        if w.sunday() < signed {
            c.error(
                "week",
                format!(
                    "{} ends before the contract was signed ({})",
                    w.label(),
                    signed.iso()
                ),
            )
            .set_hint("a report covers a week of the contract: check `week:` (or `deal.signed`)");
        }
    }
    // A file named for a week (`2026-W49.yaml`) must be that week: a copied file whose
    // `week:` was not changed would report another week under this one's name.
    let named = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(IsoWeek::parse);
    if let Some(n) = named {
        if w != n {
            c.error(
                "week",
                format!("says {} but the file is named for {}", w.label(), n.label()),
            )
            .set_hint(format!(
                "write `week: {}`, or rename the file to {}.yaml",
                n.label(),
                w.label()
            ));
        }
    }
}

impl LoadedWeek {
    /// Every image file the report embeds: the photos, then the attachments (the inputs of
    /// the report besides the week file).
    pub fn embedded_files(&self) -> impl Iterator<Item = &PhotoFile> {
        self.photo_files
            .iter()
            .chain(self.attachment_files.iter().map(|a| &a.file))
    }
}

#[cfg(test)]
mod tests;
