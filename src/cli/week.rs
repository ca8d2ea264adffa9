//! Command line: the weekly routine's commands — `week new` (the next week's file, to edit)
//! and `status` (one line per week, or with `--all` one line per deal).

use super::documents::parse_date;
use crate::profile::week::IsoWeek;
use crate::profile::Ymd;
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
pub struct StatusArgs {
    /// One line per deal folder under DIR (default: the current folder) instead of one line
    /// per week of `--deal`: DIR/deal.yaml, DIR/*/deal.yaml and DIR/*/*/deal.yaml.
    #[arg(
        long,
        value_name = "DIR",
        num_args = 0..=1,
        default_missing_value = "."
    )]
    pub all: Option<PathBuf>,
    /// The day that decides which reports are late (default: today's date in UTC); nothing
    /// else `status --all` prints depends on it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "all")]
    pub today: Option<Ymd>,
}

fn parse_week(s: &str) -> Result<IsoWeek, String> {
    IsoWeek::parse(s).ok_or_else(|| format!("`{s}` is not an ISO week; write it as 2026-W50"))
}
