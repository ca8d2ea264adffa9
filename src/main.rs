//! The `dealguard` binary: parses arguments, runs the command, prints problems, picks the exit code.

use dealguard::cli::{Cli, Command};
use dealguard::{commands, diag::Problems, memory::Budgeted};
use std::process::ExitCode;

// The allocator that enforces template-rendering budgets. Declared here, not in the library,
// so that tests, benches and fuzz targets linking the library keep their own allocator.
#[global_allocator]
static ALLOCATOR: Budgeted = Budgeted;

/// Prints the problems: all of them in full for `check`; for other commands the profile's own
/// warnings in one line (none with `--quiet`), the rest in full.
fn print(problems: &Problems, cli: &Cli) {
    let summary = !matches!(cli.command, Command::Check(_));
    for line in problems.lines(summary, cli.quiet) {
        eprintln!("{line}");
    }
}

fn main() -> ExitCode {
    // Exits with 2 on usage errors and 0 for --help/--version.
    let cli = Cli::parse_or_exit();
    // A panic is a bug in dealguard, never the user's fault: say so in one line, exit 70
    // (EX_SOFTWARE) rather than the 101 of an unhandled panic, and write nothing.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("internal error{at}: {info}\nthis is a bug in dealguard; please report it with the input that caused it");
    }));
    let outcome = match std::panic::catch_unwind(|| commands::run(&cli)) {
        Ok(o) => o,
        Err(_) => return ExitCode::from(70),
    };
    match outcome {
        Ok((warnings, code)) => {
            print(&warnings, &cli);
            ExitCode::from(code)
        }
        Err(problems) => {
            print(&problems, &cli);
            let n = problems.error_count();
            if problems.only_io_errors() {
                ExitCode::from(3)
            } else {
                let what = if problems.partly_written() {
                    "the outputs listed as written are new, the others unchanged"
                } else {
                    "nothing was written"
                };
                eprintln!("{n} error{}; {what}", if n == 1 { "" } else { "s" });
                ExitCode::from(1)
            }
        }
    }
}
