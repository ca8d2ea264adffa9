//! Render stage: templates → plain text → Markdown / HTML; returns strings, writes nothing.

pub mod clauses;
pub mod contract;
pub mod eml;
pub mod env;
pub mod escape;
pub mod guard;
pub mod letters;
pub mod markup;
pub mod pdfdoc;
pub mod templates;

pub use clauses::{render as render_schedule, Schedule};

/// An output format.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Deserialize,
    serde::Serialize,
    clap::ValueEnum,
)]
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
        }
    }

    /// Whether the format is text (may go to standard output).
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Pdf)
    }
}

/// The formats each document exists in.
pub const CONTRACT_FORMATS: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];
/// Formats of the welcome letter.
pub const LETTER_FORMATS: [Format; 5] = [
    Format::Md,
    Format::Txt,
    Format::Html,
    Format::Eml,
    Format::Pdf,
];
/// Formats of the reply.
pub const REPLY_FORMATS: [Format; 3] = [Format::Md, Format::Txt, Format::Html];
