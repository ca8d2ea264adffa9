//! Command line: the weekly routine's commands — `week new` (the next week's file, to edit)
//! and `status` (one line per week).

use crate::profile::week::IsoWeek;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `week` subcommands.
#[derive(Debug, Subcommand)]
pub enum WeekCommand {
    /// Write the next week's file into reports/, carried over from the latest week, to edit.
    #[command(
        after_help = "Examples:\n  dealguard week new                     # reports/<next ISO week>.yaml\n  dealguard week new --week 2026-W50 --photos ~/phone-export\n\nCarries each stage's actual %, open plan items, buyer actions, issues and materials not yet\nreceived; computes planned % from the stage dates; lists the new photos of reports/photos/.\nWhat you must still write says FILL IN: `check` warns, `report` waits (or use `report --draft`).\nAn existing file is never overwritten."
    )]
    New(WeekNewArgs),
}

/// Arguments of `week new`.
#[derive(Debug, Args)]
pub struct WeekNewArgs {
    /// The week file to carry over from (default: the latest in reports/).
    #[arg(long, value_name = "WEEK.yaml")]
    pub from: Option<PathBuf>,
    /// The ISO week to write (default: the week after the latest in reports/).
    #[arg(long, value_name = "YYYY-Www", value_parser = parse_week)]
    pub week: Option<IsoWeek>,
    /// A folder of photos to copy into reports/photos/ and list (default: the new photos
    /// already in reports/photos/).
    #[arg(long, value_name = "DIR")]
    pub photos: Option<PathBuf>,
}

/// Arguments of `status`.
#[derive(Debug, Args)]
pub struct StatusArgs {}

fn parse_week(s: &str) -> Result<IsoWeek, String> {
    IsoWeek::parse(s).ok_or_else(|| format!("`{s}` is not an ISO week; write it as 2026-W50"))
}
