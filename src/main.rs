//! The `dealguard` binary: parses arguments, runs the command, prints problems, picks the exit code.

use clap::Parser;
use dealguard::{app, cli::Cli, diag::Problems};
use std::process::ExitCode;

fn print(problems: &Problems) {
    for d in problems.sorted() {
        eprintln!("{d}");
    }
}

fn main() -> ExitCode {
    // clap exits with 2 on usage errors and 0 for --help/--version.
    let cli = Cli::parse();
    match app::run(&cli) {
        Ok(warnings) => {
            print(&warnings);
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print(&problems);
            let n = problems.error_count();
            if problems.only_io_errors() {
                ExitCode::from(3)
            } else {
                eprintln!(
                    "{n} error{}; nothing was written",
                    if n == 1 { "" } else { "s" }
                );
                ExitCode::from(1)
            }
        }
    }
}
