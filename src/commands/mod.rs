//! Commands: one file (or folder) per command, each running the pipeline
//! load → select → render → lay out → write and returning the problems it found. What several
//! commands share is in `shared/`, which imports no command; this file is the dispatch, and
//! only `main` imports it.

mod build;
mod check;
mod clauses;
mod contract;
mod diff;
mod eject;
mod init;
mod letter;
mod reply;
mod report;
#[cfg(feature = "serve")]
mod serve;
mod shared;
mod status;
mod verify;
mod week;

use crate::cli::{Cli, Command, WeekCommand};
use shared::to_stdout;
pub use shared::{Ended, Outcome};

/// Runs the command the user asked for.
pub fn run(cli: &Cli) -> Ended {
    // Only `verify` and `diff` end with a code of their own; every other command succeeds with 0.
    let outcome = match &cli.command {
        Command::Verify(a) => return verify::verify_cmd(&cli.deal, a),
        Command::Diff(a) => return diff::diff_cmd(&cli.deal, a),
        Command::Lookalikes(a) => verify::lookalikes_cmd(&cli.deal, a),
        Command::Briefing(a) => verify::briefing_cmd(&cli.deal, a),
        Command::CallbackForm(a) => verify::callback_cmd(&cli.deal, a),
        Command::Init(a) => init::init(a),
        Command::Check(a) => check::check(&cli.deal, a),
        Command::Contract(a) => contract::contract_cmd(&cli.deal, a),
        Command::Letter(a) => letter::letter_cmd(&cli.deal, a),
        Command::Reply(a) => reply::reply_cmd(&cli.deal, a),
        Command::Report(a) => report::report_cmd(&cli.deal, a),
        Command::Build(a) => build::build(&cli.deal, a),
        Command::Week(WeekCommand::New(a)) => week::new_cmd(&cli.deal, a),
        Command::Status(a) => match &a.all {
            Some(dir) => status::status_all_cmd(dir, a.today.unwrap_or_else(shared::today_utc)),
            None => status::status_cmd(&cli.deal),
        },
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::serve_cmd(a),
        #[cfg(not(feature = "serve"))]
        Command::Serve(_) => Err(crate::diag::Diagnostic::error(
            crate::diag::Where::arg("serve"),
            "this dealguard was built without the web page (the `serve` feature)",
        )
        .hint("build it with `cargo install --path . --features serve` (on by default)")
        .into()),
        Command::Clauses(c) => clauses::clauses_cmd(&cli.deal, c),
        Command::Eject(a) => eject::eject(a),
        Command::Licenses => to_stdout(dealguard_pdf::font::builtin::LICENSE.as_bytes().to_vec()),
        Command::Completions(a) => to_stdout(a.script()),
    };
    outcome.map(|warnings| (warnings, 0))
}
