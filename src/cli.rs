//! Command line: the arguments of every command (clap derive). Doc comments are the help text.

use crate::render::letters::Tone;
use crate::render::pdfdoc::ContractLayout;
use crate::render::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Information-security clauses, secure-communication letters and weekly progress reports for
/// export deals, generated from one deal profile (`deal.yaml`).
#[derive(Debug, Parser)]
#[command(name = "dealguard", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  dealguard init my-deal\n  dealguard --deal my-deal/deal.yaml build\n  dealguard --deal my-deal/deal.yaml check\n  dealguard contract --lang en+zh --format md,html\n\nExit codes: 0 ok, 1 problems in the inputs, 2 usage, 3 cannot read or write files, 70 internal error."
)]
pub struct Cli {
    /// The deal profile.
    #[arg(long, global = true, value_name = "PATH", default_value = "deal.yaml")]
    pub deal: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a commented example deal folder that works as it is.
    #[command(
        after_help = "Example:\n  dealguard init nordic-order   # writes nordic-order/deal.yaml"
    )]
    Init(InitArgs),
    /// Check the profile, clause set and week files; print every problem and the resolved clause list.
    #[command(after_help = "Example:\n  dealguard --deal deals/nh-0148/deal.yaml check")]
    Check(CheckArgs),
    /// The information-security clauses for the sales contract.
    #[command(
        after_help = "Examples:\n  dealguard contract                      # out/<deal id>-contract-<langs>.md\n  dealguard contract --lang zh --format html\n  dealguard contract --lang en+zh --format md -o -   # print to the terminal"
    )]
    Contract(ContractArgs),
    /// The welcome letter on secure communication, for the buyer at deal start.
    #[command(
        after_help = "Examples:\n  dealguard letter                                  # out/<deal id>-letter-<langs>.md\n  dealguard letter --format eml,pdf\n  dealguard letter --lang zh --format txt -o -"
    )]
    Letter(LetterArgs),
    /// The reply to a buyer who asks for a mailbox login.
    #[command(
        after_help = "Examples:\n  dealguard reply --tone warm --format txt -o -\n  dealguard reply --date 2026-12-09 --lang en+zh --format html"
    )]
    Reply(ReplyArgs),
    /// Everything for the deal: contract, letter, reply and every week in reports/, into out/.
    #[command(
        after_help = "Example:\n  dealguard --deal examples/nordic-home/deal.yaml build\n\nOutputs whose inputs have not changed are skipped (out/.dealguard-build.yaml);\nediting or touching an input rebuilds what depends on it. --force rebuilds everything."
    )]
    Build(BuildArgs),
    /// The weekly progress-report PDF for one week file.
    #[command(
        after_help = "Examples:\n  dealguard report reports/2026-W49.yaml        # out/<deal id>-report-2026-W49-<langs>.pdf\n  dealguard report reports/2026-W49.yaml --lang zh -o week49.pdf"
    )]
    Report(ReportArgs),
    /// Browse the clause library.
    #[command(
        subcommand,
        after_help = "Examples:\n  dealguard clauses list --set strict\n  dealguard clauses show payment-verification --lang zh\n  dealguard clauses coverage"
    )]
    Clauses(ClausesCommand),
    /// Print the licences of the fonts built into dealguard (SIL Open Font License 1.1).
    #[command(after_help = "Example:\n  dealguard licenses > FONT-LICENSES.txt")]
    Licenses,
    /// Write the built-in clauses and templates to DIR, as a start for a company set.
    #[command(
        after_help = "Example:\n  dealguard eject ../legal\n  # then in deal.yaml:  security: { clause_dirs: [../legal/clauses] }"
    )]
    Eject(EjectArgs),
}

/// Arguments of `init`.
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
    /// Languages to check the clauses for (default: the profile's languages).
    #[arg(long, value_name = "en|zh|en+zh")]
    pub lang: Option<String>,
}

/// Arguments of `letter`.
#[derive(Debug, Args)]
pub struct LetterArgs {
    /// Languages: en, zh or en+zh (default: the profile's languages).
    #[arg(long, value_name = "en|zh|en+zh")]
    pub lang: Option<String>,
    /// Output formats, comma-separated: md, txt, html, eml, pdf.
    #[arg(long, value_delimiter = ',', default_value = "md")]
    pub format: Vec<Format>,
    /// Output file (one format), folder (several formats), or `-` for standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// A TrueType/OpenType font for the PDF.
    #[arg(long, value_name = "PATH")]
    pub font: Option<PathBuf>,
}

/// Arguments of `reply`.
#[derive(Debug, Args)]
pub struct ReplyArgs {
    /// Languages: en, zh or en+zh (default: the profile's languages).
    #[arg(long, value_name = "en|zh|en+zh")]
    pub lang: Option<String>,
    /// Tone of the reply.
    #[arg(long, value_enum, default_value = "formal")]
    pub tone: Tone,
    /// Output formats, comma-separated: md, txt, html.
    #[arg(long, value_delimiter = ',', default_value = "md")]
    pub format: Vec<Format>,
    /// The day of the reply (default: the latest week file's report day, else the contract date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Output file (one format), folder (several formats), or `-` for standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Rebuild every document, even when its inputs have not changed.
    #[arg(long)]
    pub force: bool,
    /// Documents built at the same time (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The week file, such as reports/2026-W49.yaml.
    #[arg(value_name = "WEEK.yaml")]
    pub week: PathBuf,
    /// Languages: en, zh or en+zh (default: the profile's languages; labels are bilingual in en+zh).
    #[arg(long, value_name = "en|zh|en+zh")]
    pub lang: Option<String>,
    /// Output file (default: out/ beside deal.yaml).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A TrueType/OpenType font (.ttf, .otf, .ttc) to use instead of the built-in one.
    #[arg(long, value_name = "PATH")]
    pub font: Option<PathBuf>,
}

/// Arguments of `contract`.
#[derive(Debug, Args)]
pub struct ContractArgs {
    /// Languages: en, zh or en+zh (default: the profile's languages).
    #[arg(long, value_name = "en|zh|en+zh")]
    pub lang: Option<String>,
    /// Output formats, comma-separated: md, html, pdf.
    #[arg(long, value_delimiter = ',', default_value = "md")]
    pub format: Vec<Format>,
    /// How a bilingual PDF shows the two texts.
    #[arg(long, value_enum, default_value = "columns")]
    pub layout: ContractLayout,
    /// Output file (one format), folder (several formats), or `-` for standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// `clauses` subcommands.
#[derive(Debug, Subcommand)]
pub enum ClausesCommand {
    /// List the clauses: those of the set in order, then the others.
    List {
        /// The set to list (default: the deal's set, or `standard`).
        #[arg(long)]
        set: Option<String>,
    },
    /// Show one clause: where it comes from, its hash, and its text for this deal.
    Show {
        /// Clause id.
        id: String,
        /// Languages: en, zh or en+zh.
        #[arg(long, value_name = "en|zh|en+zh")]
        lang: Option<String>,
        /// Print the template as written instead of the text for this deal.
        #[arg(long)]
        raw: bool,
    },
    /// Map the security topics to the clause numbers that cover them; gaps are flagged (exit 1).
    Coverage {
        /// The set to check (default: the deal's set).
        #[arg(long)]
        set: Option<String>,
    },
}

/// Arguments of `eject`.
#[derive(Debug, Args)]
pub struct EjectArgs {
    /// Folder to write `clauses/` and `templates/` into.
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}
