//! dealguard-mail: incoming mail checked against the facts of one deal.
//!
//! Owns reading mail — `.eml`, mbox, Outlook `.msg`, HTML and plain parts in any charset,
//! attachments (archives listed, PDF and DOCX text, QR codes in images) — and the rules that
//! find the signs of an attack in it: look-alike and spoofed senders, failed authentication,
//! changed bank details, pressure and credential requests, risky attachments and links; and
//! the look-alike domains to block. It also owns the recogniser of unlabelled encodings
//! ([`sniff`]), which the app's profile loader uses to name a file that is not UTF-8.
//!
//! Plain data in — a [`Deal`] (domains, contacts, the payee account, call-back numbers) and
//! mail bytes — and plain data out: a [`MailReport`] per mail, with its [`Sign`]s and their
//! arguments in English and Chinese. It knows nothing of deals as the app models them: it must
//! never depend on the dealguard app crate (its profile, diagnostics or languages), nor on
//! `dealguard-pdf`, clap, tera or serde_yaml (it may use `dealguard-image` and `dealguard-ooxml`). Presentation lives in the app: the messages a sign prints, the
//! text and JSON reports, the exit code. It never calls a mail safe: that is the report's
//! wording ("no warning signs found"), always ending with the call-back rule.
//!
//! The boundary is the compiler's: the app is not a dependency, so a deal type does not
//! compile here (`tests/suite/architecture.rs` checks the whole dependency graph):
//!
//! ```compile_fail
//! use dealguard::profile::deal::Profile;
//! ```

pub mod bank;
pub mod context;
pub mod domains;
mod error;
mod facts;
mod intent;
pub mod language;
pub mod lookalike;
pub mod mail;
mod quote;
mod rules;
mod scan;
pub mod sniff;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
#[cfg(test)]
mod tests;

pub use error::Error;
pub use facts::{Account, Contact, Deal, Party};
pub use lookalike::{
    lookalikes, lookalikes_csv, lookalikes_sieve, lookalikes_table, lookalikes_txt, ranked,
    Lookalike,
};

use facts::Facts;
use rayon::prelude::*;
use std::path::PathBuf;

/// The kinds of sign, one per message (the app holds the messages, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum SignKind {
    SenderKnown,
    SenderLookalike,
    NoFrom,
    DisplayName,
    ReplyElsewhere,
    ReplyFreeMail,
    AuthFailed,
    BankChanged,
    BankSame,
    PaymentChange,
    Pressure,
    NoCall,
    Credential,
    RiskyAttachment,
    HtmlAttachment,
    ArchiveListed,
    LinkMismatch,
    LinkLookalike,
    // payment intent (main)
    PayElsewhere,
    HoldPayment,
    LcDivert,
    MailOnly,
    Secrecy,
    NewNumber,
    HiddenText,
    PartsDiffer,
    ThirdPartyAccount,
    BankMore,
    // senders, links, attachments (h-senders)
    DisplayCompany,
    FreeMailClaim,
    SentViaFreeMail,
    LinkUserinfo,
    LinkFileShare,
    LinkIp,
    LinkShortener,
    EncryptedAttachment,
    AttachmentDisguised,
}

/// How much a sign weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Information (the sender is a party; the mail quotes the contract's account).
    Note,
    /// A warning sign.
    Warning,
    /// A strong warning sign: the pattern of an attack.
    Strong,
}

impl Level {
    /// Stable key for JSON.
    pub fn key(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Strong => "strong",
        }
    }
}

/// One sign found in one mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sign {
    /// Which message it prints.
    pub kind: SignKind,
    /// How much it weighs.
    pub level: Level,
    /// The message's arguments, `[en, zh]` each.
    pub args: Vec<[String; 2]>,
    /// The header line or body excerpt it was found in.
    pub evidence: String,
}

/// Whom to call about one mail: the party it comes from or poses as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The party's name, `[en, zh]`.
    pub party: [String; 2],
    /// Its number on file (for the party that owns the contract's call-back number, that one).
    pub phone: String,
    /// The contact the mail names or comes from, with their direct number, when on file.
    pub contact: Option<(String, String)>,
}

/// The verdict on one mail.
#[derive(Debug, Clone)]
pub struct MailReport {
    /// The file as the user named it (`box.mbox#3` for the third message of an mbox).
    pub file: PathBuf,
    /// The `From` address as written, without the header name: `Anna <anna@x.se>`.
    pub from: String,
    /// The `From` display name, decoded ("" when there is none).
    pub from_name: String,
    /// The `From` address itself.
    pub from_address: String,
    /// Whom to call about it, when it comes from or poses as a party.
    pub call: Option<Call>,
    /// The subject, decoded.
    pub subject: String,
    /// Every sign found, in rule order.
    pub signs: Vec<Sign>,
    /// Limits reached while reading it: what was not read.
    pub cut: Vec<mail::Cut>,
    /// Why the mail could not be read, if it could not.
    pub problem: Option<Error>,
}

impl MailReport {
    /// Whether any sign is a warning (notes are not).
    pub fn has_warning(&self) -> bool {
        self.signs.iter().any(|s| s.level >= Level::Warning)
    }
}

/// Checks every mail against the deal, on all cores; reports come back in input order.
pub fn check(deal: &Deal, mails: &[(PathBuf, Vec<u8>)]) -> Vec<MailReport> {
    let facts = Facts::new(deal);
    mails
        .par_iter()
        .map(|(file, bytes)| check_one(&facts, file, bytes))
        .collect()
}

/// Splits an mbox into `(file#n, bytes)` inputs for [`check`].
pub fn mbox_inputs(file: &std::path::Path, bytes: &[u8]) -> Vec<(PathBuf, Vec<u8>)> {
    mail::split_mbox(bytes)
        .into_iter()
        .enumerate()
        .map(|(i, (_, m))| {
            (
                PathBuf::from(format!("{}#{}", file.display(), i + 1)),
                m.to_vec(),
            )
        })
        .collect()
}

fn check_one(deal: &Facts, file: &std::path::Path, bytes: &[u8]) -> MailReport {
    // The parser is third-party code on hostile input: a panic in it becomes this mail's
    // error, not the end of the run (as for photo decoders).
    let read = std::panic::catch_unwind(|| mail::read(file, bytes))
        .unwrap_or_else(|_| Err(Error::new(file, "the mail parser failed on this mail")));
    // The rules run on hostile text too: a panic there is this mail's error as well.
    let read = read.and_then(|m| {
        std::panic::catch_unwind(|| rules::check(deal, &m))
            .map(|signs| (m, signs))
            .map_err(|_| {
                Error::new(
                    file,
                    "the mail checker failed on this mail (a bug: please report it)",
                )
            })
    });
    match read {
        Ok((m, signs)) => {
            let first = m.from.first();
            let from_name = first.and_then(|a| a.name.clone()).unwrap_or_default();
            let from_address = first.map(|a| a.address.clone()).unwrap_or_default();
            MailReport {
                file: file.to_path_buf(),
                from: match (from_name.is_empty(), from_address.is_empty()) {
                    (_, true) => from_name.clone(),
                    (true, false) => format!("<{from_address}>"),
                    (false, false) => format!("{from_name} <{from_address}>"),
                },
                from_name,
                from_address,
                call: call(deal, &m),
                subject: m.subject.clone(),
                signs,
                cut: m.cut.clone(),
                problem: None,
            }
        }
        Err(d) => MailReport {
            file: file.to_path_buf(),
            from: String::new(),
            from_name: String::new(),
            from_address: String::new(),
            call: None,
            subject: String::new(),
            signs: Vec::new(),
            cut: Vec::new(),
            problem: Some(d),
        },
    }
}

/// Whom to call about a mail: the party it comes from or poses as, with the named contact's
/// direct line when the deal has one.
fn call(deal: &Facts, m: &mail::Mail) -> Option<Call> {
    let (p, c) = rules::whom_to_call(deal, m)?;
    let party = deal.parties.get(p)?;
    let contact = c
        .and_then(|c| party.people.get(c))
        .and_then(|c| Some((c.name.clone(), c.phone.clone()?)));
    Some(Call {
        party: party.name.clone(),
        phone: party.phone.clone(),
        contact,
    })
}
