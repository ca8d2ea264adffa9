//! Command line: the arguments of every command (clap derive), parsed into the pipeline's types
//! at the edge. Doc comments are the help text. The only module besides `main` that uses clap.

use crate::profile::deal::Format;
use crate::profile::{Langs, Ymd};
use crate::render::letters;
use crate::render::pdfdoc::ContractLayout;
use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Information-security clauses, secure-communication letters and weekly progress reports for
/// export deals, generated from one deal profile (`deal.yaml`).
#[derive(Debug, Parser)]
#[command(name = "dealguard", version, propagate_version = true)]
#[command(
    after_help = "Examples:\n  dealguard init my-deal\n  dealguard --deal my-deal/deal.yaml build\n  dealguard --deal my-deal/deal.yaml check\n  dealguard contract --lang en+zh --format md,html\n  dealguard --deal my-deal/deal.yaml verify suspicious.eml\n\nExit codes: 0 ok, 1 problems in the inputs, 2 usage, 3 cannot read or write files,\n4 `verify` found warning signs, 70 internal error."
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
    /// Check mails against the deal for the signs of payment fraud; exit 4 when any shows one.
    #[command(
        after_help = "Examples:\n  dealguard verify suspicious.eml\n  dealguard verify --mbox inbox.mbox --format json\n  dealguard verify a.eml b.eml --lang en+zh\n\nExit codes: 0 no warning signs found, 4 warning signs found in at least one mail,\n1 problems in the inputs, 2 usage, 3 cannot read or write files.\nNo warning signs is not a proof: payment details are confirmed only by calling the number in the contract."
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
    /// Default: the profile's `deal.languages`, in the order written there.
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
fn formats<F: Copy + Into<Format>>(list: &[F]) -> Vec<Format> {
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
    /// How a bilingual PDF shows the two texts.
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

/// `--date`: the profile's date rule, so the command line accepts what `deal.yaml` does.
fn parse_date(s: &str) -> Result<Ymd, String> {
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
    /// Where to write (a file or folder; a PDF never goes to standard output).
    #[command(flatten)]
    pub output: OutputArg,
    /// The font of the PDF.
    #[command(flatten)]
    pub font: FontArg,
}

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
    /// Mail files as saved from the mail program (`.eml`, RFC 5322).
    #[arg(value_name = "MAIL.eml", required_unless_present = "mbox")]
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
    /// One domain a line (punycode), for a block list.
    Txt,
    /// `kind,domain,unicode` with a header row.
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
    #[arg(long, value_enum, default_value = "txt")]
    pub format: LookalikesFormat,
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
        let (name, output, formats) = match &self.command {
            Command::Contract(a) => ("contract", &a.output, a.formats()),
            Command::Letter(a) => ("letter", &a.output, a.formats()),
            Command::Reply(a) => ("reply", &a.output, a.formats()),
            Command::Report(a) => ("report", &a.output, vec![Format::Pdf]),
            Command::Briefing(a) => ("briefing", &a.output, a.formats()),
            Command::CallbackForm(a) => ("callback-form", &a.output, vec![Format::Pdf]),
            _ => return Ok(()),
        };
        if output.output.as_ref().is_none_or(|o| o.as_os_str() != "-") {
            return Ok(());
        }
        let message = if formats.len() > 1 {
            "`-o -` prints one format; choose one with `--format`"
        } else if formats.iter().any(|f| !f.is_text()) {
            "a PDF cannot go to standard output; give a file name with `-o`"
        } else {
            return Ok(());
        };
        // Built, so that the subcommand's usage line reads `dealguard <name> …`.
        let mut cmd = Cli::command();
        cmd.build();
        Err(match cmd.find_subcommand_mut(name) {
            Some(sub) => sub.error(ErrorKind::ArgumentConflict, message),
            None => cmd.error(ErrorKind::ArgumentConflict, message),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        let cli = Cli::try_parse_from(std::iter::once("dealguard").chain(args.iter().copied()))?;
        cli.check()?;
        Ok(cli)
    }

    #[test]
    fn the_arguments_are_valid_clap() {
        Cli::command().debug_assert();
    }

    #[test]
    fn each_command_takes_only_its_formats() {
        assert!(parse(&["contract", "--format", "md,html,pdf"]).is_ok());
        assert!(parse(&["contract", "--format", "eml"]).is_err());
        assert!(parse(&["contract", "--format", "txt"]).is_err());
        assert!(parse(&["letter", "--format", "md,txt,html,eml,pdf"]).is_ok());
        assert!(parse(&["reply", "--format", "pdf"]).is_err());
        assert!(parse(&["reply", "--format", "eml"]).is_err());
    }

    #[test]
    fn formats_are_converted_once_each_in_order() {
        let Ok(Cli {
            command: Command::Letter(a),
            ..
        }) = parse(&["letter", "--format", "pdf,md,pdf"])
        else {
            panic!("letter did not parse");
        };
        assert_eq!(a.formats(), [Format::Pdf, Format::Md]);
    }

    #[test]
    fn languages_and_dates_are_typed() {
        let Ok(Cli {
            command: Command::Reply(a),
            ..
        }) = parse(&["reply", "--lang", "zh+en", "--date", "2026-12-09"])
        else {
            panic!("reply did not parse");
        };
        assert_eq!(a.lang.lang.map(|l| l.code()).as_deref(), Some("zh+en"));
        assert_eq!(a.date, Ymd::new(2026, 12, 9));
        assert!(parse(&["contract", "--lang", "fr"]).is_err());
        assert!(parse(&["reply", "--date", "2026-13-40"]).is_err());
    }

    #[test]
    fn standard_output_takes_one_text_format() {
        let e = |args: &[&str]| parse(args).err().map(|e| e.kind());
        assert_eq!(e(&["contract", "-o", "-"]), None);
        assert_eq!(
            e(&["contract", "--format", "md,html", "-o", "-"]),
            Some(ErrorKind::ArgumentConflict)
        );
        assert_eq!(
            e(&["letter", "--format", "pdf", "-o", "-"]),
            Some(ErrorKind::ArgumentConflict)
        );
        assert_eq!(
            e(&["report", "w.yaml", "-o", "-"]),
            Some(ErrorKind::ArgumentConflict)
        );
    }
}
