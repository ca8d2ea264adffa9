//! Render stage: the weekly progress report (week file → blocks → laid-out pages → PDF bytes).

pub mod clause_refs;
pub mod compose;
pub mod mail;

use crate::diag::{Diagnostic, Problems};
use crate::profile::text::join_cjk_breaks;
use crate::profile::week::{AttachmentFile, LoadedWeek, PhotoFile};
use crate::profile::{Lang, Langs, Loaded};
use crate::render::templates::{Labels, Templates};
use dealguard_image::{self as photo, Limits};
use dealguard_pdf::font::Fonts;
use dealguard_pdf::layout::{self, Block, Frame, PhotoGrid};
use dealguard_pdf::page::{self, Furniture};
use dealguard_pdf::write::{self, Document, Image, Meta};
use rayon::prelude::*;

/// Photo resolution in the PDF: sharp in print, small enough to e-mail.
pub const PHOTO_DPI: f32 = 200.0;
/// JPEG quality of embedded photos.
pub const PHOTO_QUALITY: u8 = 85;
/// Resolution of attachments at their largest (the page width): a scanned voucher stays
/// legible when printed, and a page of the annex stays a few hundred KB.
pub const ANNEX_DPI: f32 = 150.0;
/// Tallest box of an attachment, as a share of its width: with the annex heading and a title
/// of a few lines it still fits one page (an A4 scan is drawn a little narrower than the page).
pub const ANNEX_MAX_ASPECT: f32 = 1.15;

/// The largest size in pixels of an image in `columns` columns of the page, `aspect` times as
/// tall as wide, at `dpi`.
fn box_px(frame: &Frame, columns: usize, aspect: f32, dpi: f32) -> (u32, u32) {
    let (w, h) = PhotoGrid::box_size(frame, columns, aspect);
    let px = |v: f32| (v / 72.0 * dpi).round() as u32;
    (px(w), px(h))
}

/// Reads, decodes and scales the week's photos on the thread pool (rayon: the pool of `build`,
/// or the global one), in the order of the week file; a photo that cannot be used is an error
/// at its `photos[i].file`.
fn prepare_photos(week: &LoadedWeek, frame: &Frame) -> Vec<Result<Image, Diagnostic>> {
    let bx = box_px(frame, 2, 0.75, PHOTO_DPI);
    week.photo_files
        .par_iter()
        .enumerate()
        .map(|(i, file)| prepare_photo(week, i, file, bx))
        .collect()
}

/// Reads, decodes, redacts and scales the week's attachments on the thread pool, like the
/// photos: at most the page width (and [`ANNEX_MAX_ASPECT`] of it tall) at [`ANNEX_DPI`].
fn prepare_attachments(week: &LoadedWeek, frame: &Frame) -> Vec<Result<Image, Diagnostic>> {
    let bx = box_px(frame, 1, ANNEX_MAX_ASPECT, ANNEX_DPI);
    week.attachment_files
        .par_iter()
        .map(|a| prepare_attachment(week, a, bx))
        .collect()
}

/// The images when every one was prepared, else every problem (one per file).
fn all_or_problems(results: Vec<Result<Image, Diagnostic>>) -> Result<Vec<Image>, Problems> {
    let mut images = Vec::with_capacity(results.len());
    let mut problems = Problems::new();
    for r in results {
        match r {
            Ok(image) => images.push(image),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(images)
}

/// One attachment, read, redacted and encoded inside its worker; a box outside the image is
/// an error at its `redact`, any other problem at its `file`.
fn prepare_attachment(
    week: &LoadedWeek,
    a: &AttachmentFile,
    (max_w, max_h): (u32, u32),
) -> Result<Image, Diagnostic> {
    let entry = a.entry(&week.week);
    let shown = entry.map_or("attachment", |e| e.file.as_str());
    let boxes = entry.map_or(&[][..], |e| e.redact.0.as_slice());
    let fail = |field: String, message: String, hint: &str| {
        Diagnostic::error(&week.src.path, message)
            .at(week.index.pos(&field))
            .field(field)
            .hint(hint)
    };
    let file_field = format!("{}.file", a.field());
    let bytes = a
        .file
        .read(shown)
        .map_err(|(m, h)| fail(file_field.clone(), m, &h))?;
    let limits = Limits::default();
    let p = photo::prepare_redacted(&bytes, (max_w, max_h), PHOTO_QUALITY, limits, boxes)
        .map_err(|e| {
            let (field, hint) = match e {
                photo::PhotoError::RedactOutside(i, _) => {
                    let f = format!("{}.redact", a.field());
                    let f = if boxes.len() > 1 { format!("{f}[{i}]") } else { f };
                    (f, "boxes are [x, y, w, h] in pixels of the image as displayed (turned upright), from its top left corner")
                }
                photo::PhotoError::Truncated => (file_field.clone(), "the file is incomplete; copy or scan it again"),
                photo::PhotoError::TooLarge(_) => (file_field.clone(), "scan the document at 150–300 dpi"),
                _ => (file_field.clone(), "open the scan and save it again as JPEG"),
            };
            fail(field, format!("`{shown}` {e}"), hint)
        })?;
    Ok(image(p))
}

/// One photo, read inside its worker: its source bytes are dropped as soon as it is encoded,
/// so memory holds about one source photo per core.
fn prepare_photo(
    week: &LoadedWeek,
    i: usize,
    file: &PhotoFile,
    (max_w, max_h): (u32, u32),
) -> Result<Image, Diagnostic> {
    let field = format!("photos[{i}].file");
    let shown = week.week.photos.get(i).map_or("photo", |p| p.file.as_str());
    let fail = |message: String, hint: &str| {
        Diagnostic::error(&week.src.path, message)
            .at(week.index.pos(&field))
            .field(field.clone())
            .hint(hint)
    };
    let bytes = file.read(shown).map_err(|(m, h)| fail(m, &h))?;
    let p = photo::prepare(&bytes, max_w, max_h, PHOTO_QUALITY, Limits::default()).map_err(|e| {
        let hint = match e {
            photo::PhotoError::Truncated => "the file is incomplete (a copy or download was cut off); copy it again from the phone",
            photo::PhotoError::TooLarge(_) => "export the photo from the phone at its normal size, or resize it",
            photo::PhotoError::NotAnImage(_) => "photos are recognised by their content, not their name: use the JPEG or PNG from the phone or camera",
            _ => "open the photo and save it again as JPEG",
        };
        fail(format!("`{shown}` {e}"), hint)
    })?;
    Ok(image(p))
}

/// A prepared photo or scan as the PDF writer embeds it.
fn image(p: photo::Prepared) -> Image {
    Image {
        jpeg: p.jpeg,
        width: p.width,
        height: p.height,
        gray: p.gray,
    }
}

/// A QR code for a URL: modules row by row, and the side length in modules (with quiet zone).
pub fn qr(data: &str) -> Option<(Vec<bool>, usize)> {
    let code =
        qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M).ok()?;
    let n = code.width();
    let quiet = 2;
    let side = n + 2 * quiet;
    let mut m = vec![false; side * side];
    for (i, c) in code.to_colors().iter().enumerate() {
        let (r, col) = (i / n, i % n);
        m[(r + quiet) * side + col + quiet] = *c == qrcode::Color::Dark;
    }
    Some((m, side))
}

/// What dates a report in its band and mail subject: the ISO week (`2026-W49`) of a weekly
/// deal; the report's date of a `milestones` deal, whose reports are not weekly.
pub(crate) fn stamp(p: &crate::profile::deal::Profile, week: &LoadedWeek) -> String {
    match p.channels.reports.cadence.label_variant() {
        None => week.iso.label(),
        Some(_) => p.channels.reports.date_in(week.iso).iso(),
    }
}

/// Band and footer of the report: seller, title, deal and week; confidentiality and the
/// channel rule with the call-back number; page n / N.
fn furniture(loaded: &Loaded, week: &LoadedWeek, langs: &Langs, labels: &Labels) -> Furniture {
    let p = &loaded.profile;
    let phone = page::unbreakable(p.payment.verification.callback());
    let mut left: Vec<String> = Vec::new();
    let mut footer = Vec::new();
    for l in langs.list() {
        let n = p.seller.display_name(*l).to_string();
        if !left.contains(&n) {
            left.push(n);
        }
        let (buyer, seller) = compose::party_names(p, *l);
        // Two sentences: in Chinese they follow each other without a space.
        footer.push(join_cjk_breaks(&format!(
            "{} {}",
            labels.fill_one("confidential", *l, &[("buyer", buyer), ("seller", seller)]),
            labels.fill_one("channels", *l, &[("phone", phone.clone())])
        )));
    }
    let labels = labels.clone();
    Furniture {
        left,
        title: labels.get("title"),
        subtitle: format!("{} · {} · #{}", p.deal.id, stamp(p, week), week.week.number),
        footer,
        page_label: Box::new(move |n, total| {
            labels.fill(
                "page",
                &[("n", n.to_string()), ("total", total.to_string())],
            )
        }),
    }
}

/// The words of the draft band, in the report's languages.
fn draft_label(langs: &Langs) -> String {
    let words: Vec<&str> = langs
        .list()
        .iter()
        .map(|l| match l {
            crate::profile::Lang::En => "DRAFT — not for the buyer",
            crate::profile::Lang::Zh => "草稿 — 请勿发给买方",
        })
        .collect();
    words.join("  ·  ")
}

/// When the report goes out: `SOURCE_DATE_EPOCH`, else the deal's report weekday of the ISO
/// week at `hour` UTC.
fn timestamp(loaded: &Loaded, week: &LoadedWeek, source_date: Option<i64>, hour: i64) -> i64 {
    let day = loaded.profile.channels.reports.date_in(week.iso);
    source_date.unwrap_or(day.days_since_epoch() * 86_400 + hour * 3600)
}

/// The report as an e-mail to the buyer with `pdf` attached as `filename`, dated like the
/// report (at 01:00 UTC, 09:00 in China, as the letter).
pub fn mail(
    loaded: &Loaded,
    week: &LoadedWeek,
    langs: &Langs,
    templates: &Templates,
    (pdf, filename): (&[u8], &str),
    source_date: Option<i64>,
) -> Result<Vec<u8>, Problems> {
    let labels = labels(loaded, templates, langs)?;
    let m = mail::Mail {
        pdf,
        filename,
        timestamp: timestamp(loaded, week, source_date, 1),
    };
    Ok(mail::eml(&loaded.profile, week, langs, &labels, &m))
}

/// The report's labels; a `milestones` deal's read their `_milestones` variants (no "weekly").
fn labels(loaded: &Loaded, templates: &Templates, langs: &Langs) -> Result<Labels, Problems> {
    let labels = Labels::load(templates, "report-labels.yaml", langs)?;
    Ok(
        match loaded.profile.channels.reports.cadence.label_variant() {
            Some(v) => labels.variant(v),
            None => labels,
        },
    )
}

/// Renders the report PDF of a week on its own (no trend). (Missing glyphs are checked apart,
/// by `render::glyphs`, so that `build` warns about a report it skips as unchanged.)
pub fn render(
    loaded: &Loaded,
    week: &LoadedWeek,
    langs: &Langs,
    fonts: &Fonts,
    templates: &Templates,
    source_date: Option<i64>,
) -> Result<Vec<u8>, Problems> {
    render_with(loaded, (week, &[]), langs, fonts, templates, source_date)
}

/// The week's images — photos, then the attachments' pages — prepared on the pool, and where
/// each photo and attachment finds its image: index and pixel size (`None`: a photo that
/// could not be prepared).
type WeekImages = (
    Vec<Image>,
    Vec<Option<(usize, u32, u32)>>,
    Vec<(usize, u32, u32)>,
);

/// Prepares the week's photos and attachments at once; any that fails stops the report.
fn images(week: &LoadedWeek, frame: &Frame) -> Result<WeekImages, Problems> {
    let (mut results, annex) = rayon::join(
        || prepare_photos(week, frame),
        || prepare_attachments(week, frame),
    );
    // The attachments' images follow the photos'.
    let photo_count = results.len();
    results.extend(annex);
    let images = all_or_problems(results)?;
    let mut img_iter = images[..photo_count].iter().enumerate();
    let photos = week
        .week
        .photos
        .iter()
        .map(|_| img_iter.next().map(|(i, im)| (i, im.width, im.height)))
        .collect();
    let attachments = (photo_count..)
        .zip(&images[photo_count..])
        .map(|(i, im)| (i, im.width, im.height))
        .collect();
    Ok((images, photos, attachments))
}

/// The PDF's document information: title, author, subject and keywords in both languages.
fn meta(loaded: &Loaded, week: &LoadedWeek, labels: &Labels, timestamp: i64) -> Meta {
    let p = &loaded.profile;
    Meta {
        title: format!(
            "{} — {} {} #{}",
            labels.get("title"),
            p.deal.id,
            week.iso.label(),
            week.week.number
        ),
        author: p.seller.name.clone(),
        subject: format!("{} {}", p.deal.id, week.iso.label()),
        keywords: vec![
            p.deal.id.clone(),
            week.iso.label(),
            labels.one("title", Lang::En).to_lowercase(),
            labels.one("title", Lang::Zh),
            p.buyer.name.clone(),
        ],
        timestamp,
    }
}

/// Renders the report PDF of `week` with the deal's `earlier` weeks (oldest first), which
/// give the trend: the chart and each stage's change since the previous report.
pub fn render_with(
    loaded: &Loaded,
    (week, earlier): (&LoadedWeek, &[LoadedWeek]),
    langs: &Langs,
    fonts: &Fonts,
    templates: &Templates,
    source_date: Option<i64>,
) -> Result<Vec<u8>, Problems> {
    let labels = labels(loaded, templates, langs)?;
    let frame = page::frame();
    let (images, photos, attachments) = images(week, &frame)?;
    let qr = week
        .week
        .videos
        .iter()
        .map(|v| qr(&v.url).unwrap_or((Vec::new(), 1)))
        .collect();
    let input = compose::Input {
        profile: &loaded.profile,
        week,
        langs,
        labels: &labels,
        photos,
        qr,
        earlier,
        attachments,
    };
    let blocks: Vec<Block> = compose::blocks(&input);
    let mut pages = layout::layout(&blocks, &frame, fonts);
    page::decorate(
        &mut pages,
        &frame,
        &furniture(loaded, week, langs, &labels),
        fonts,
    );
    if week.draft {
        page::draft_band(&mut pages, &frame, &draft_label(langs), fonts);
    }
    let meta = meta(
        loaded,
        week,
        &labels,
        timestamp(loaded, week, source_date, 0),
    );
    let doc = Document {
        frame,
        pages,
        images,
        meta,
    };
    let bytes = write::write(&doc, fonts).map_err(|m| {
        Problems::from(Diagnostic::error(
            &week.src.path,
            format!("cannot write the PDF: {m}"),
        ))
    })?;
    Ok(bytes)
}
