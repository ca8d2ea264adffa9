//! Command line: the arguments of `diff` (a returned DOCX against the generated schedule).

use super::LangArg;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// How `diff` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Lines to read: each clause that differs, its words marked `[-old-]{+new+}`.
    Text,
    /// One JSON object, for scripts.
    Json,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The DOCX the other side returned (made by `contract --format docx`, edited in Word).
    #[arg(value_name = "THEIRS.docx")]
    pub theirs: PathBuf,
    /// The languages to compare (default: those the DOCX was made in, from its properties).
    #[command(flatten)]
    pub lang: LangArg,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Write the report to a file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}
