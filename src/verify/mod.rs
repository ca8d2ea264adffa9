//! Verify stage (profile → verdicts): the app's side of `dealguard verify` and `lookalikes`.
//! The engine — reading mail, the rules, the look-alike domains — is the `dealguard-mail`
//! crate, re-exported here; this module gives it the deal's facts taken from the profile
//! (`facts.rs`), turns a mail it cannot read into a located [`Diagnostic`], and owns the
//! presentation: the messages a sign prints (`messages.rs`) and the text and JSON reports
//! (`report.rs`) in the chosen languages. The CLI reads the files and picks the exit code with
//! [`Verdicts::exit_code`]. It never calls a mail safe: a clean mail has "no warning signs
//! found", and every report ends with the call-back rule.

mod facts;
pub mod messages;
pub mod report;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_senders;

pub use facts::deal;
pub use report::{render_json, render_text};

use crate::diag::{Diagnostic, Problems};
use crate::profile::deal::Profile;
use dealguard_mail::MailReport;
use std::path::PathBuf;

/// The exit code when at least one mail shows a warning sign.
pub const EXIT_WARNING: u8 = 4;

/// The verdicts on all mails of one call, with the deal's call-back number.
#[derive(Debug, Clone)]
pub struct Verdicts {
    /// One report per mail, in input order.
    pub mails: Vec<MailReport>,
    /// The number the closing rule names.
    pub callback: String,
}

impl Verdicts {
    /// 4 when any mail shows a warning sign, else 0 (read problems are the CLI's to weigh).
    pub fn exit_code(&self) -> u8 {
        if self.mails.iter().any(MailReport::has_warning) {
            EXIT_WARNING
        } else {
            0
        }
    }

    /// The mails that could not be read, as diagnostics.
    pub fn problems(&self) -> Problems {
        let mut p = Problems::new();
        for e in self.mails.iter().filter_map(|m| m.problem.as_ref()) {
            p.push(diagnostic(e));
        }
        p
    }
}

/// Checks every mail against the deal, on all cores; reports come back in input order.
pub fn verify(profile: &Profile, mails: &[(PathBuf, Vec<u8>)]) -> Verdicts {
    Verdicts {
        mails: dealguard_mail::check(&deal(profile), mails),
        callback: profile.payment.verification.callback().to_string(),
    }
}

/// A mail that could not be read, as the located diagnostic every command prints: the one
/// place the mail crate's errors become the app's.
pub fn diagnostic(e: &dealguard_mail::Error) -> Diagnostic {
    let d = Diagnostic::error(&e.file, e.message.clone()).at(e.pos);
    match &e.hint {
        Some(h) => d.hint(h.clone()),
        None => d,
    }
}
