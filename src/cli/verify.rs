//! Command line: the arguments of the mail-checking commands (`verify`, `lookalikes`,
//! `briefing`, `callback-form`) and their format enums.

use super::documents::formats;
use super::{FontArg, LangArg, OutputArg};
use crate::profile::deal::Format;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Formats of `verify`'s verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyFormat {
    /// For people: per mail its verdict and every sign, then the call-back rule.
    Text,
    /// The same as data (JSON).
    Json,
}

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// `.eml`, Outlook `.msg`, an mbox file, a Maildir folder, or `-` for standard input.
    #[arg(value_name = "MAIL", required_unless_present = "mbox")]
    pub mails: Vec<PathBuf>,
    /// An mbox file: every message in it is checked (may be given more than once).
    #[arg(long, value_name = "FILE")]
    pub mbox: Vec<PathBuf>,
    /// The languages of the verdicts.
    #[command(flatten)]
    pub lang: LangArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: VerifyFormat,
    /// Output file, or `-` for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Whose domains `lookalikes` permutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PartyPick {
    /// The seller's domains.
    Seller,
    /// The buyer's domains.
    Buyer,
    /// Both parties' domains, the seller's first.
    Both,
}

/// Formats of the look-alike list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LookalikesFormat {
    /// Rank, domain, kind (and the form a mail client shows for an IDN), for reading.
    Table,
    /// One domain a line (punycode), for a block list.
    Txt,
    /// `rank,kind,domain,unicode` with a header row.
    Csv,
    /// A Sieve rule that files mail from any of them away from the inbox.
    Sieve,
}

/// Arguments of `lookalikes`.
#[derive(Debug, Args)]
pub struct LookalikesArgs {
    /// Whose domains to permute.
    #[arg(long, value_enum, default_value = "both")]
    pub party: PartyPick,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: LookalikesFormat,
    /// How many to list, the likeliest first (one edit that reads as the name, homoglyphs,
    /// another top-level domain, a hyphen).
    #[arg(long, value_name = "N", default_value_t = 50, conflicts_with = "all")]
    pub top: usize,
    /// List every look-alike generated (well over a thousand), still ranked: for a block list.
    #[arg(long)]
    pub all: bool,
    /// Output file, or `-` for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Formats of the staff briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefingFormat {
    /// Markdown.
    Md,
    /// PDF on the seller's letterhead.
    Pdf,
}

impl From<BriefingFormat> for Format {
    fn from(f: BriefingFormat) -> Format {
        match f {
            BriefingFormat::Md => Format::Md,
            BriefingFormat::Pdf => Format::Pdf,
        }
    }
}

/// Arguments of `briefing`.
#[derive(Debug, Args)]
pub struct BriefingArgs {
    /// The briefing's languages.
    #[command(flatten)]
    pub lang: LangArg,
    /// Output formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "md")]
    pub format: Vec<BriefingFormat>,
    /// Where to write.
    #[command(flatten)]
    pub output: OutputArg,
    /// The font of the PDF.
    #[command(flatten)]
    pub font: FontArg,
}

impl BriefingArgs {
    /// The formats asked for, each once.
    pub fn formats(&self) -> Vec<Format> {
        formats(&self.format)
    }
}

/// Formats of the call-back record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CallbackFormat {
    /// PDF, to print and fill in by hand.
    Pdf,
}

/// Arguments of `callback-form`.
#[derive(Debug, Args)]
pub struct CallbackFormArgs {
    /// The form's languages.
    #[command(flatten)]
    pub lang: LangArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "pdf")]
    pub format: CallbackFormat,
    /// Where to write (a file or folder; a PDF never goes to standard output).
    #[command(flatten)]
    pub output: OutputArg,
    /// The font of the PDF.
    #[command(flatten)]
    pub font: FontArg,
}
