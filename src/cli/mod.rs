//! Command line: the arguments of every command (clap derive), parsed into the pipeline's types
//! at the edge. Doc comments are the help text. The only module besides `main` that uses clap.

use crate::profile::deal::Format;
use crate::profile::Langs;
use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

mod diff;
mod documents;
mod serve;
mod verify;
mod week;

pub use diff::*;
pub use documents::*;
pub use serve::*;
pub use verify::*;
pub use week::*;

/// Information-security clauses, secure-communication letters and weekly progress reports for
/// export deals, generated from one deal profile (`deal.yaml`).
#[derive(Debug, Parser)]
#[command(name = "dealguard", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  dealguard init my-deal\n  dealguard --deal my-deal/deal.yaml build\n  dealguard --deal my-deal/deal.yaml check\n  dealguard contract --lang en+zh --format md,html\n  dealguard --deal my-deal/deal.yaml verify suspicious.eml\n\nExit codes: 0 ok, 1 problems in the inputs, 2 usage, 3 cannot read or write files,\n4 `verify` found warning signs, 5 `diff` found differences, 70 internal error."
)]
pub struct Cli {
    /// The deal profile.
    #[arg(long, global = true, value_name = "PATH", default_value = "deal.yaml")]
    pub deal: PathBuf,
    /// Leave out the line that counts the profile's warnings.
    ///
    /// Commands other than `check` count the warnings of the profile's own checks in one line,
    /// such as "deal.yaml: 3 warnings — `dealguard check` shows them"; `--quiet` leaves that
    /// line out. Errors, and warnings about what the command itself reads or writes (a
    /// character no font draws, a week file's warnings), still print in full.
    #[arg(short, long, global = true)]
    pub quiet: bool,
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
    #[command(
        after_help = "Examples:\n  dealguard --deal deals/nh-0148/deal.yaml check\n  dealguard check reports/*.yaml --fonts   # also which font draws each character"
    )]
    Check(CheckArgs),
    /// The information-security clauses for the sales contract.
    #[command(
        after_help = "Examples:\n  dealguard contract                      # out/<deal id>-contract-<langs>.md\n  dealguard contract --lang zh --format html\n  dealguard contract --format docx          # for the other side's lawyers to redline in Word\n  dealguard contract --lang en+zh --format md -o -   # print to the terminal"
    )]
    Contract(ContractArgs),
    /// The welcome letter on secure communication, for the buyer at deal start.
    #[command(
        after_help = "Examples:\n  dealguard letter                                  # out/<deal id>-letter-<langs>.md\n  dealguard letter --format eml,pdf\n  dealguard letter --format docx            # in the buyer's languages (buyer.languages)\n  dealguard letter --lang zh --format txt -o -"
    )]
    Letter(LetterArgs),
    /// The reply to a buyer who asks for a mailbox login.
    #[command(
        after_help = "Examples:\n  dealguard reply --tone warm --format txt -o -\n  dealguard reply --date 2026-12-09 --lang en+zh --format html"
    )]
    Reply(ReplyArgs),
    /// Which clauses of a returned DOCX (a redline) differ from the generated schedule; exit 5 when any.
    #[command(
        after_help = "Examples:\n  dealguard contract --lang en+zh --format docx    # send out/<deal id>-contract-en+zh.docx\n  dealguard diff returned/NH-2026-0148-contract-en+zh.docx\n  dealguard diff theirs.docx --format json -o diff.json\n\nText is compared with formatting ignored; tracked insertions and deletions are listed as such.\nExit codes: 0 no differences, 5 clauses differ, 1 problems in the inputs (a damaged or hostile\nDOCX), 2 usage, 3 cannot read or write files."
    )]
    Diff(DiffArgs),
    /// Everything for the deal: contract, letter, reply and every week in reports/, into out/.
    #[command(
        after_help = "Example:\n  dealguard --deal examples/nordic-home/deal.yaml build\n\nOutputs whose inputs have not changed are skipped (out/.dealguard-build.yaml);\nediting or touching an input rebuilds what depends on it. --force rebuilds everything."
    )]
    Build(BuildArgs),
    /// The weekly progress-report PDF for one week file, and the mail to the buyer with it.
    #[command(
        after_help = "Examples:\n  dealguard report reports/2026-W49.yaml        # out/<deal id>-report-2026-W49-<langs>.pdf\n  dealguard report reports/2026-W49.yaml --lang zh -o week49.pdf\n  dealguard report reports/2026-W49.yaml --format pdf,eml   # also the .eml, PDF attached\n  dealguard report reports/2026-W50.yaml --draft    # with a DRAFT band while FILL IN is left"
    )]
    Report(ReportArgs),
    /// The weekly routine: `week new` writes the next week's file to edit.
    #[command(
        subcommand,
        after_help = "Every week:\n  dealguard week new                      # reports/2026-W50.yaml, FILL IN marks what to write\n  (edit the file: actual %, captions, summary)\n  dealguard report reports/2026-W50.yaml"
    )]
    Week(WeekCommand),
    /// One line per week of the deal (status, completion, forecast shipment), or with `--all` per deal.
    #[command(
        after_help = "Examples:\n  dealguard --deal deals/nh-0148/deal.yaml status\n  dealguard status --all deals                     # one line per deal folder under deals/\n  dealguard status --all deals --today 2026-12-20  # which reports are late on that day\n\nWith --all, each line shows the deal, its buyer, the last report's week and status, actual\nand planned completion, the contract's ship date and the forecast's slip, the next report's\nweek and day (LATE when that day has passed and the report is not written), the buyer's open\nactions and the deal's errors and warnings; then each deal's open buyer actions and errors.\nOnly LATE depends on the date (--today, default today in UTC). A deal whose profile does not\nload is listed with its errors; the others are still shown. `check` on a deal prints its\nproblems in full. Exit codes: 0 once the table is printed, 1 when DIR holds no deal, 3 when\nDIR cannot be read."
    )]
    Status(StatusArgs),
    /// The deals as a local web page: portfolio, documents, the week's form, checking a mail.
    #[command(
        after_help = "Examples:\n  dealguard serve deals/            # every deals/*/deal.yaml; open the URL it prints\n  dealguard serve --port 0 .        # any free port\n  dealguard serve deals/ --lan      # phones of the local network upload site photos\n\nSecurity: listens on 127.0.0.1 unless --lan; every request needs the token in the printed\nURL (then a cookie); a foreign Host header or a cross-site form is refused."
    )]
    Serve(ServeArgs),
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
    /// Check mails against the deal for the signs of payment fraud; exit 4 when any shows one.
    #[command(
        after_help = "Examples:\n  dealguard verify suspicious.eml\n  dealguard verify \"Bank details.msg\" ~/Maildir/new\n  dealguard verify --mbox inbox.mbox --format json\n  cat mail.eml | dealguard verify - --lang en+zh\n\nExit codes: 0 no warning signs found, 4 warning signs found in at least one mail,\n1 problems in the inputs, 2 usage, 3 cannot read or write files.\nNo warning signs is not a proof: payment details are confirmed only by calling the number in the contract."
    )]
    Verify(VerifyArgs),
    /// The look-alike domains of the deal's domains, to block in the mail server or to register.
    #[command(
        after_help = "Examples:\n  dealguard lookalikes --party seller > block.txt\n  dealguard lookalikes --format csv -o lookalikes.csv\n  dealguard lookalikes --format sieve > lookalikes.sieve"
    )]
    Lookalikes(LookalikesArgs),
    /// The one-page staff briefing: the rule, the three-step reply, the red flags, whom to call.
    #[command(
        after_help = "Examples:\n  dealguard briefing                       # out/<deal id>-briefing-<langs>.md\n  dealguard briefing --format md,pdf --lang en+zh"
    )]
    Briefing(BriefingArgs),
    /// The call-back record: the paper form for confirming payment details by phone.
    #[command(
        name = "callback-form",
        after_help = "Example:\n  dealguard callback-form --lang en+zh   # out/<deal id>-callback-form-<langs>.pdf"
    )]
    CallbackForm(CallbackFormArgs),
    /// Print a shell completion script for dealguard.
    #[command(
        after_help = "Examples:\n  dealguard completions bash > ~/.local/share/bash-completion/completions/dealguard\n  dealguard completions zsh > ~/.zfunc/_dealguard\n  dealguard completions fish > ~/.config/fish/completions/dealguard.fish"
    )]
    Completions(CompletionsArgs),
}

/// `--lang`, shared by every command that writes or shows text.
#[derive(Debug, Args)]
pub struct LangArg {
    /// Languages: en, zh, en+zh or zh+en; the first language leads (`zh+en` = Chinese first).
    ///
    /// In a bilingual document the first language's text comes first and names the file.
    /// Default: the profile's `deal.languages`, in the order written there; letters and replies
    /// take `buyer.languages` when the profile has it.
    #[arg(long, value_name = "en|zh|en+zh|zh+en")]
    pub lang: Option<Langs>,
}

/// `-o/--output`, shared by the commands that write one document.
#[derive(Debug, Args)]
pub struct OutputArg {
    /// Output file (one format), folder (several formats), or `-` for standard output (one
    /// text format). Default: out/ beside deal.yaml.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// `--font`, shared by the commands that write PDFs.
#[derive(Debug, Args)]
pub struct FontArg {
    /// A TrueType/OpenType font (.ttf, .otf, .ttc) for the PDF, instead of the profile's
    /// `output.font` or the built-in one.
    #[arg(long, value_name = "PATH")]
    pub font: Option<PathBuf>,
}

/// `clauses` subcommands.
#[derive(Debug, Subcommand)]
pub enum ClausesCommand {
    /// List the clauses: those of the set in order, then the others.
    #[command(after_help = "Example:\n  dealguard clauses list --set strict")]
    List {
        /// The set to list (default: the deal's set, or `standard`).
        #[arg(long)]
        set: Option<String>,
    },
    /// Show one clause: where it comes from, its hash, and its text for this deal.
    #[command(after_help = "Example:\n  dealguard clauses show payment-verification --lang zh")]
    Show {
        /// Clause id.
        id: String,
        /// The languages to show.
        #[command(flatten)]
        lang: LangArg,
        /// Print the template as written instead of the text for this deal.
        #[arg(long)]
        raw: bool,
    },
    /// Map the security topics to the clause numbers that cover them; gaps are flagged (exit 1).
    #[command(after_help = "Example:\n  dealguard clauses coverage --set strict")]
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

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

impl CompletionsArgs {
    /// The completion script for the shell.
    pub fn script(&self) -> Vec<u8> {
        let mut out = Vec::new();
        clap_complete::generate(self.shell, &mut Cli::command(), "dealguard", &mut out);
        out
    }
}

impl Cli {
    /// Parses the command line. Usage errors, including the combinations clap cannot express
    /// by itself, print clap's message and exit with 2 (0 for `--help` and `--version`).
    pub fn parse_or_exit() -> Cli {
        let cli = Cli::parse();
        if let Err(e) = cli.check() {
            e.exit();
        }
        cli
    }

    /// Checks combinations of arguments that single-value parsers cannot see: `-o -` takes one
    /// text format.
    pub fn check(&self) -> Result<(), clap::Error> {
        if let Command::Report(a) = &self.command {
            if a.draft && a.formats().contains(&Format::Eml) {
                return Err(Self::conflict(
                    "report",
                    "a draft is never mailed: `--draft` makes the PDF only (the mail to the buyer comes with the finished report)",
                ));
            }
        }
        let (name, output, formats) = match &self.command {
            Command::Contract(a) => ("contract", &a.output, a.formats()),
            Command::Letter(a) => ("letter", &a.output, a.formats()),
            Command::Reply(a) => ("reply", &a.output, a.formats()),
            Command::Report(a) => ("report", &a.output, a.formats()),
            Command::Briefing(a) => ("briefing", &a.output, a.formats()),
            Command::CallbackForm(a) => ("callback-form", &a.output, vec![Format::Pdf]),
            _ => return Ok(()),
        };
        if output.output.as_ref().is_none_or(|o| o.as_os_str() != "-") {
            return Ok(());
        }
        let message = if formats.len() > 1 {
            "`-o -` prints one format; choose one with `--format`"
        } else if formats.contains(&Format::Docx) {
            "a DOCX cannot go to standard output; give a file name with `-o`"
        } else if formats.iter().any(|f| !f.is_text()) {
            "a PDF cannot go to standard output; give a file name with `-o`"
        } else {
            return Ok(());
        };
        Err(Self::conflict(name, message))
    }

    /// A usage error of subcommand `name`.
    fn conflict(name: &str, message: &str) -> clap::Error {
        // Built, so that the subcommand's usage line reads `dealguard <name> …`.
        let mut cmd = Cli::command();
        cmd.build();
        match cmd.find_subcommand_mut(name) {
            Some(sub) => sub.error(ErrorKind::ArgumentConflict, message),
            None => cmd.error(ErrorKind::ArgumentConflict, message),
        }
    }
}

#[cfg(test)]
mod tests;
