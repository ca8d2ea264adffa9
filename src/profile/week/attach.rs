//! Load stage: attached evidence of a week — scans or photos of vouchers, mill certificates and
//! inspection reports under `materials[].attachments` and `inspections[].attachments`, their
//! redaction boxes, and the checks of their files (resolved and sniffed like photos, not read).

use super::photos::{check_head, resolve_photo};
use super::{PhotoFile, Week};
use crate::profile::check::Checker;
use crate::profile::text::{Lang, Text};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::path::Path;

/// Most attachments one report holds (each is decoded and embedded at page width).
pub const MAX_ATTACHMENTS: usize = 50;

/// Most redaction boxes one attachment takes.
pub const MAX_REDACT_BOXES: usize = 64;

/// A scan or photo of a document that backs a material record or an inspection.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Path relative to the week file (JPEG or PNG).
    pub file: String,
    /// The document's reference; defaults to the voucher or inspection report number.
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What the document is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
    /// Areas blacked out in the pixels, in pixels of the image as displayed.
    #[serde(default, skip_serializing_if = "Redact::is_empty")]
    pub redact: Redact,
}

/// Redaction boxes `[x, y, w, h]`: written as one box or a list of boxes, in pixels of the
/// image as displayed (after its EXIF orientation), from its top left corner.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redact(pub Vec<[u32; 4]>);

impl Redact {
    /// Whether there is no box.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Redact {
    /// One box as `[x, y, w, h]`, several as a list of them.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Redact {
    /// Reads `[x, y, w, h]` or `[[x, y, w, h], …]`; whole pixels, width and height above 0.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_yaml::Value::deserialize(d)?;
        parse_redact(&v)
            .map(Redact)
            .map_err(serde::de::Error::custom)
    }
}

const REDACT_SHAPE: &str = "`redact` is a box [x, y, w, h] or a list of such boxes, in whole pixels of the image as displayed";

fn parse_redact(v: &serde_yaml::Value) -> Result<Vec<[u32; 4]>, String> {
    let serde_yaml::Value::Sequence(items) = v else {
        return Err(REDACT_SHAPE.into());
    };
    if items.iter().all(|i| i.is_sequence()) {
        if items.len() > MAX_REDACT_BOXES {
            return Err(format!(
                "{} redaction boxes; an attachment takes at most {MAX_REDACT_BOXES}",
                items.len()
            ));
        }
        return items.iter().map(parse_box).collect();
    }
    parse_box(v).map(|b| vec![b])
}

fn parse_box(v: &serde_yaml::Value) -> Result<[u32; 4], String> {
    let nums: Option<Vec<u32>> = v.as_sequence().and_then(|s| {
        s.iter()
            .map(|n| n.as_u64().and_then(|n| u32::try_from(n).ok()))
            .collect()
    });
    match nums.as_deref() {
        Some(&[x, y, w, h]) if w > 0 && h > 0 => Ok([x, y, w, h]),
        Some(&[_, _, _, _]) => Err("a redaction box needs a width and a height above 0".into()),
        _ => Err(REDACT_SHAPE.into()),
    }
}

/// What an attachment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// `materials[i]`.
    Material(usize),
    /// `inspections[i]`.
    Inspection(usize),
}

/// An attachment whose file was found inside the deal folder and checked (not read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentFile {
    /// The material or inspection it belongs to.
    pub owner: Owner,
    /// Its index in that entry's `attachments`.
    pub index: usize,
    /// The file, resolved and checked.
    pub file: PhotoFile,
}

impl AttachmentFile {
    /// Its field in the week file, such as `materials[0].attachments[1]`.
    pub fn field(&self) -> String {
        field_of(self.owner, self.index)
    }

    /// Its entry in the week.
    pub fn entry<'w>(&self, week: &'w Week) -> Option<&'w Attachment> {
        let list = match self.owner {
            Owner::Material(i) => &week.materials.get(i)?.attachments,
            Owner::Inspection(i) => &week.inspections.get(i)?.attachments,
        };
        list.get(self.index)
    }
}

/// The field of attachment `index` of `owner`, such as `materials[0].attachments[1]`.
fn field_of(owner: Owner, index: usize) -> String {
    match owner {
        Owner::Material(i) => format!("materials[{i}].attachments[{index}]"),
        Owner::Inspection(i) => format!("inspections[{i}].attachments[{index}]"),
    }
}

/// Every attachment of the week, materials first, in file order.
fn all(week: &Week) -> impl Iterator<Item = (Owner, usize, &Attachment)> {
    let m = week.materials.iter().enumerate().flat_map(|(i, m)| {
        m.attachments
            .iter()
            .enumerate()
            .map(move |(j, a)| (Owner::Material(i), j, a))
    });
    let n = week.inspections.iter().enumerate().flat_map(|(i, n)| {
        n.attachments
            .iter()
            .enumerate()
            .map(move |(j, a)| (Owner::Inspection(i), j, a))
    });
    m.chain(n)
}

/// Attachments: captions, references, then each file resolved inside the deal folder and
/// checked like a photo (regular file, size, JPEG or PNG by content; a PDF is refused with
/// what to do). `total` is the source bytes counted so far (photos), shared with their limit.
pub(super) fn check_attachments(
    c: &mut Checker,
    week: &Week,
    (path, deal_root): (&Path, Option<&Path>),
    langs: &[Lang],
    total: &mut u64,
) -> Vec<AttachmentFile> {
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let count = all(week).count();
    let mut files = Vec::new();
    for (owner, index, a) in all(week) {
        let f = field_of(owner, index);
        if let Some(t) = &a.caption {
            c.text(&format!("{f}.caption"), t, langs);
        }
        if let Some(r) = &a.reference {
            c.non_empty(&format!("{f}.ref"), r);
        }
        if count > MAX_ATTACHMENTS {
            c.error(
                &f,
                format!("{count} attachments; a report holds at most {MAX_ATTACHMENTS}"),
            )
            .set_hint("attach the documents the buyer needs to see; keep the rest on file");
            break;
        }
        if *total > super::MAX_PHOTO_BYTES_TOTAL {
            c.error(&format!("{f}.file"), format!("the photos and attachments before this one already add up to {} MB; a report may embed at most {} MB of source images", *total / 1_000_000, super::MAX_PHOTO_BYTES_TOTAL / 1_000_000))
                .set_hint("scan the documents at 150–300 dpi");
            break;
        }
        let Some(root) = deal_root else { break };
        let checked =
            resolve_photo(&base, root, &a.file).and_then(|pb| check_attachment(pb, &a.file));
        match checked {
            Ok(file) => {
                *total += file.len;
                files.push(AttachmentFile { owner, index, file });
            }
            Err((msg, hint)) => {
                c.error(&format!("{f}.file"), msg).set_hint(hint);
            }
        }
    }
    files
}

/// A resolved attachment: a regular file within the photo limit, JPEG or PNG by content.
/// PDFs are refused: their pages would have to be copied into the report as vector content,
/// where a redaction box could not remove the text under it.
fn check_attachment(path: std::path::PathBuf, shown: &str) -> Result<PhotoFile, (String, String)> {
    let (file, head) = check_head(path, shown)?;
    if head.starts_with(b"%PDF") {
        return Err((
            format!("`{shown}` is a PDF; attachments are embedded as images (JPEG or PNG)"),
            "export or scan the page as a JPEG or PNG image (at 150–300 dpi) and attach that; an image can also be redacted".into(),
        ));
    }
    match dealguard_image::sniff(&head) {
        Ok(_) => Ok(file),
        Err(e) => Err((
            format!("`{shown}` {e}"),
            "attachments are recognised by their content, not their name: scan or photograph the document as JPEG or PNG".into(),
        )),
    }
}

/// The reference shown for an attachment: its own `ref`, else the voucher number of its
/// material or the report number of its inspection.
pub fn reference(week: &Week, a: &AttachmentFile) -> Option<String> {
    if let Some(r) = a.entry(week).and_then(|e| e.reference.clone()) {
        return Some(r);
    }
    match a.owner {
        Owner::Material(i) => week.materials.get(i).map(|m| m.voucher.clone()),
        Owner::Inspection(i) => week.inspections.get(i).and_then(|n| n.report_ref.clone()),
    }
}
