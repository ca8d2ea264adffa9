//! Command line: the arguments of the document commands (`init`, `check`, `contract`, `letter`,
//! `reply`, `build`, `report`), their format enums and the conversions into the pipeline's types.

use super::{FontArg, LangArg, OutputArg};
use crate::profile::deal::Format;
use crate::profile::Ymd;
use crate::render::letters;
use crate::render::pdfdoc::ContractLayout;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the deal in.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Week files to check as well (photos included).
    #[arg(value_name = "WEEK.yaml")]
    pub weeks: Vec<PathBuf>,
    /// The languages to check the clauses for.
    #[command(flatten)]
    pub lang: LangArg,
    /// Also list which font draws the characters of the profile, the weeks and the clauses:
    /// the face and its file, per range of characters.
    #[arg(long)]
    pub fonts: bool,
}

/// Formats of the contract schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContractFormat {
    /// Markdown.
    Md,
    /// A standalone HTML page.
    Html,
    /// PDF.
    Pdf,
    /// Word, with real headings, clause numbering and the manifest as document properties:
    /// for the other side's lawyers to redline (read it back with `dealguard diff`).
    Docx,
}

/// Formats of the welcome letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LetterFormat {
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
    /// A standalone HTML page.
    Html,
    /// An e-mail message to send as it is (text and HTML).
    Eml,
    /// PDF on the seller's letterhead.
    Pdf,
    /// Word, on the seller's letterhead (header and footer).
    Docx,
}

/// Formats of the weekly report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// The report PDF.
    Pdf,
    /// The mail to the buyer's contacts with the PDF attached.
    Eml,
}

/// Formats of the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReplyFormat {
    /// Markdown.
    Md,
    /// Plain text, to paste into a mail.
    Txt,
    /// An HTML page, to paste into a mail.
    Html,
}

/// The tone of a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tone {
    /// Courteous and businesslike.
    Formal,
    /// Friendly and personal, still firm.
    Warm,
}

/// How a bilingual contract PDF shows the two texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    /// English and Chinese side by side, aligned per sub-clause.
    Columns,
    /// English, then Chinese, sub-clause by sub-clause.
    Stacked,
}

impl From<ContractFormat> for Format {
    fn from(f: ContractFormat) -> Format {
        match f {
            ContractFormat::Md => Format::Md,
            ContractFormat::Html => Format::Html,
            ContractFormat::Pdf => Format::Pdf,
            ContractFormat::Docx => Format::Docx,
        }
    }
}

impl From<LetterFormat> for Format {
    fn from(f: LetterFormat) -> Format {
        match f {
            LetterFormat::Md => Format::Md,
            LetterFormat::Txt => Format::Txt,
            LetterFormat::Html => Format::Html,
            LetterFormat::Eml => Format::Eml,
            LetterFormat::Pdf => Format::Pdf,
            LetterFormat::Docx => Format::Docx,
        }
    }
}

impl From<ReportFormat> for Format {
    fn from(f: ReportFormat) -> Format {
        match f {
            ReportFormat::Pdf => Format::Pdf,
            ReportFormat::Eml => Format::Eml,
        }
    }
}

impl From<ReplyFormat> for Format {
    fn from(f: ReplyFormat) -> Format {
        match f {
            ReplyFormat::Md => Format::Md,
            ReplyFormat::Txt => Format::Txt,
            ReplyFormat::Html => Format::Html,
        }
    }
}

impl From<Tone> for letters::Tone {
    fn from(t: Tone) -> letters::Tone {
        match t {
            Tone::Formal => letters::Tone::Formal,
            Tone::Warm => letters::Tone::Warm,
        }
    }
}

impl From<Layout> for ContractLayout {
    fn from(l: Layout) -> ContractLayout {
        match l {
            Layout::Columns => ContractLayout::Columns,
            Layout::Stacked => ContractLayout::Stacked,
        }
    }
}

/// The formats asked for, in the pipeline's type, each once, in the order given.
pub(super) fn formats<F: Copy + Into<Format>>(list: &[F]) -> Vec<Format> {
    let mut v: Vec<Format> = Vec::new();
    for f in list.iter().map(|f| (*f).into()) {
        if !v.contains(&f) {
            v.push(f);
        }
    }
    v
}

/// Arguments of `contract`.
#[derive(Debug, Args)]
pub struct ContractArgs {
    /// The schedule's languages.
    #[command(flatten)]
    pub lang: LangArg,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "md")]
    pub format: Vec<ContractFormat>,
    /// How a bilingual PDF or DOCX shows the two texts.
    #[arg(long, value_enum, default_value = "columns")]
    pub layout: Layout,
    /// Where to write.
    #[command(flatten)]
    pub output: OutputArg,
    /// The font of the PDF.
    #[command(flatten)]
    pub font: FontArg,
}

impl ContractArgs {
    /// The formats asked for, each once.
    pub fn formats(&self) -> Vec<Format> {
        formats(&self.format)
    }
}

/// Arguments of `letter`.
#[derive(Debug, Args)]
pub struct LetterArgs {
    /// The letter's languages.
    #[command(flatten)]
    pub lang: LangArg,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "md")]
    pub format: Vec<LetterFormat>,
    /// Where to write.
    #[command(flatten)]
    pub output: OutputArg,
    /// The font of the PDF.
    #[command(flatten)]
    pub font: FontArg,
}

impl LetterArgs {
    /// The formats asked for, each once.
    pub fn formats(&self) -> Vec<Format> {
        formats(&self.format)
    }
}

/// Arguments of `reply`.
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// The reply's languages.
    #[command(flatten)]
    pub lang: LangArg,
    /// Tone of the reply.
    #[arg(long, value_enum, default_value = "formal")]
    pub tone: Tone,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "md")]
    pub format: Vec<ReplyFormat>,
    /// The day of the reply (default: the latest week file's report day, else the contract date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Ymd>,
    /// Where to write.
    #[command(flatten)]
    pub output: OutputArg,
}

impl ReplyArgs {
    /// The formats asked for, each once.
    pub fn formats(&self) -> Vec<Format> {
        formats(&self.format)
    }
}

/// `--date`, `--today`: the profile's date rule, so the command line accepts what `deal.yaml`
/// does.
pub(super) fn parse_date(s: &str) -> Result<Ymd, String> {
    Ymd::parse(s).ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Rebuild every document, even when its inputs have not changed.
    #[arg(long)]
    pub force: bool,
    /// Worker threads for documents and their photos, 1 to 64 (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: Option<u16>,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The week file, such as reports/2026-W49.yaml.
    #[arg(value_name = "WEEK.yaml")]
    pub week: PathBuf,
    /// The report's languages (labels are bilingual in en+zh).
    #[command(flatten)]
    pub lang: LangArg,
    /// Output formats, comma-separated: the PDF, and the mail to the buyer with it attached.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf")]
    pub format: Vec<ReportFormat>,
    /// Where to write (a file or folder; a PDF never goes to standard output).
    #[command(flatten)]
    pub output: OutputArg,
    /// The font of the PDF.
    #[command(flatten)]
    pub font: FontArg,
    /// Make the PDF even though fields still say `FILL IN`; every page then carries a DRAFT band.
    #[arg(long)]
    pub draft: bool,
}

impl ReportArgs {
    /// The formats asked for, each once.
    pub fn formats(&self) -> Vec<Format> {
        formats(&self.format)
    }
}
