//! Load stage: the profile's `output` section — which documents `build` writes in which
//! formats, fonts, template folders.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// How documents are produced.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSettings {
    /// A TrueType/OpenType font for the PDFs (relative to `deal.yaml`; `PATH#INDEX` or
    /// `PATH#FAMILY` picks a face of a collection); the built-in fonts cover what it lacks.
    #[serde(default)]
    pub font: Option<PathBuf>,
    /// The bold of `font` (relative to `deal.yaml`); by default a `*-Bold` file beside it, else
    /// `font` drawn stroked.
    #[serde(default)]
    pub font_bold: Option<PathBuf>,
    /// Folders of the company's own templates (relative to `deal.yaml`); later ones win.
    #[serde(default)]
    pub template_dirs: Vec<PathBuf>,
    /// Formats `build` writes for each document.
    #[serde(default)]
    pub formats: Formats,
    /// Show the report's material suppliers as "Supplier A", "Supplier B"… (the buyer cannot
    /// go around the seller to them).
    #[serde(default)]
    pub hide_suppliers: bool,
}

/// Formats `build` writes for each document.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    /// Contract schedule: `md`, `html`, `pdf`, `docx`.
    #[serde(default = "default_contract_formats")]
    pub contract: Vec<Format>,
    /// Welcome letter: `md`, `txt`, `html`, `eml`, `pdf`, `docx`.
    #[serde(default = "default_letter_formats")]
    pub letter: Vec<Format>,
    /// Reply to a credential request: `md`, `txt`, `html`.
    #[serde(default = "default_reply_formats")]
    pub reply: Vec<Format>,
    /// Staff briefing: `md`, `pdf` (`[]` builds none).
    #[serde(default = "default_briefing_formats")]
    pub briefing: Vec<Format>,
    /// Call-back record: `pdf` (`[]` builds none).
    #[serde(default = "default_callback_formats")]
    pub callback_form: Vec<Format>,
    /// Weekly report: `pdf`, `eml` (the mail to the buyer with the PDF attached).
    #[serde(default = "default_report_formats")]
    pub report: Vec<Format>,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            contract: default_contract_formats(),
            letter: default_letter_formats(),
            reply: default_reply_formats(),
            briefing: default_briefing_formats(),
            callback_form: default_callback_formats(),
            report: default_report_formats(),
        }
    }
}

/// A document format, as `output.formats` names it (the command line has one enum per command).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
    /// A standalone HTML page.
    Html,
    /// An e-mail message (RFC 5322, multipart text + HTML).
    Eml,
    /// PDF.
    Pdf,
    /// Word (WordprocessingML), for the other side's lawyers to redline.
    Docx,
}

impl Format {
    /// File extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Eml => "eml",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// Whether the format is text (may go to standard output).
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Pdf | Format::Docx)
    }
}

/// The formats of the contract schedule.
pub const CONTRACT_FORMATS: [Format; 4] = [Format::Md, Format::Html, Format::Pdf, Format::Docx];
/// Formats of the welcome letter.
pub const LETTER_FORMATS: [Format; 6] = [
    Format::Md,
    Format::Txt,
    Format::Html,
    Format::Eml,
    Format::Pdf,
    Format::Docx,
];
/// Formats of the reply.
pub const REPLY_FORMATS: [Format; 3] = [Format::Md, Format::Txt, Format::Html];
/// Formats of the staff briefing.
pub const BRIEFING_FORMATS: [Format; 2] = [Format::Md, Format::Pdf];
/// Formats of the call-back record.
pub const CALLBACK_FORMATS: [Format; 1] = [Format::Pdf];
/// Formats of the weekly report.
pub const REPORT_FORMATS: [Format; 2] = [Format::Pdf, Format::Eml];

fn default_contract_formats() -> Vec<Format> {
    vec![Format::Md, Format::Pdf]
}

fn default_letter_formats() -> Vec<Format> {
    vec![Format::Md, Format::Pdf, Format::Eml]
}

fn default_reply_formats() -> Vec<Format> {
    vec![Format::Md, Format::Txt]
}

fn default_briefing_formats() -> Vec<Format> {
    BRIEFING_FORMATS.to_vec()
}

fn default_callback_formats() -> Vec<Format> {
    CALLBACK_FORMATS.to_vec()
}

fn default_report_formats() -> Vec<Format> {
    vec![Format::Pdf]
}
