//! Verify stage (profile → verdicts): checks incoming mail against the deal — look-alike and
//! spoofed senders, failed authentication, changed bank details, pressure and credential
//! requests, risky attachments and links — and generates the look-alike domains to block.
//!
//! The engine of `dealguard verify` and `dealguard lookalikes`: plain data in (the profile and
//! mail bytes), plain data and strings out; the CLI reads the files and picks the exit code
//! with [`Verdicts::exit_code`]. It never calls a mail safe: a clean mail has "no warning
//! signs found", and every report ends with the call-back rule.

pub mod bank;
pub mod context;
pub mod domains;
mod intent;
pub mod language;
pub mod lookalike;
pub mod mail;
pub mod messages;
mod quote;
pub mod report;
mod rules;
mod scan;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_senders;

pub use language::SignKind;
pub use lookalike::{
    lookalikes, lookalikes_csv, lookalikes_sieve, lookalikes_table, lookalikes_txt, ranked,
    Lookalike,
};
pub use report::{render_json, render_text};

use crate::diag::{Diagnostic, Problems};
use crate::profile::deal::{Party, Profile};
use domains::Domain;
use rayon::prelude::*;
use std::path::PathBuf;

/// The exit code when at least one mail shows a warning sign.
pub const EXIT_WARNING: u8 = 4;

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
    pub problem: Option<Diagnostic>,
}

impl MailReport {
    /// Whether any sign is a warning (notes are not).
    pub fn has_warning(&self) -> bool {
        self.signs.iter().any(|s| s.level >= Level::Warning)
    }
}

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
        for d in self.mails.iter().filter_map(|m| m.problem.clone()) {
            p.push(d);
        }
        p
    }
}

/// One party as the rules see it.
#[derive(Debug, Clone)]
pub(crate) struct PartyFacts {
    /// `[en, zh]` display names.
    pub name: [String; 2],
    /// Official domains.
    pub domains: Vec<Domain>,
    /// The contacts, as display names and signatures are compared with them (any order,
    /// script, accents, titles).
    pub people: Vec<rules::Person>,
    /// The company name as display names and signatures are compared with it.
    pub company: rules::Company,
    /// The number to call about a mail from or posing as this party.
    pub phone: String,
}

/// What the rules need from the profile.
#[derive(Debug, Clone)]
pub(crate) struct Deal {
    /// The seller (the payee) first, then the buyer.
    pub parties: Vec<PartyFacts>,
    pub contract: bank::Contract,
    pub known: intent::Known,
    /// The deal's number (`NH-2026-0148`): a mail naming it is about this deal.
    pub deal_id: String,
}

impl Deal {
    fn new(profile: &Profile) -> Deal {
        let (mut contract, _) = payment_facts(profile);
        let mut phones = vec![profile.seller.phone.clone(), profile.buyer.phone.clone()];
        for p in [&profile.seller, &profile.buyer] {
            phones.extend(p.contacts.iter().filter_map(|c| c.phone.clone()));
        }
        phones.extend(profile.payment.verification.callback_phone.clone());
        contract.phones = phones
            .iter()
            .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
            .filter(|p| p.len() >= 7)
            .collect();
        let lc = profile.payment.plan().is_some_and(|parts| {
            parts
                .iter()
                .any(|p| p.by == crate::profile::payment::By::Lc)
        });
        let known = intent::Known {
            lc,
            phones: contract.phones.clone(),
        };
        let mut seller = party_facts(&profile.seller);
        // The contract's call-back number is the seller's finance line (the profile checks
        // warn when it is one person's): a mail posing as the seller is checked on it.
        let callback = profile.payment.verification.callback().trim();
        if !callback.is_empty() {
            seller.phone = callback.to_string();
        }
        Deal {
            parties: vec![seller, party_facts(&profile.buyer)],
            contract,
            known,
            deal_id: profile.deal.id.trim().to_string(),
        }
    }
}

/// The one place that reads `payment`: the contract's account and the call-back number.
/// (`payment` is due to be restructured; only this function follows it.)
fn payment_facts(profile: &Profile) -> (bank::Contract, String) {
    let b = &profile.payment.beneficiary;
    let s = &profile.seller;
    let mut holders = vec![b.account_name.clone(), s.name.clone()];
    holders.extend(s.name_local.clone());
    let mut banks = vec![b.bank.clone()];
    banks.extend(b.bank_local.clone());
    let contract = bank::Contract {
        account: b.account_number.clone(),
        swift: b.swift.clone(),
        banks,
        holders,
        phones: Vec::new(),
    };
    (
        contract,
        profile.payment.verification.callback().to_string(),
    )
}

fn party_facts(p: &Party) -> PartyFacts {
    use crate::profile::text::Lang;
    let domains: Vec<Domain> = p
        .email_domains
        .iter()
        .filter_map(|d| Domain::parse(d))
        .collect();
    let people = p
        .contacts
        .iter()
        .map(|c| rules::Person::new(&c.name, c.name_local.as_deref(), &c.email, c.phone.clone()))
        .collect();
    PartyFacts {
        name: [
            p.display_name(Lang::En).to_string(),
            p.display_name(Lang::Zh).to_string(),
        ],
        company: rules::Company::new(&p.name, p.name_local.as_deref(), &domains),
        domains,
        people,
        phone: p.phone.trim().to_string(),
    }
}

/// Checks every mail against the deal, on all cores; reports come back in input order.
pub fn verify(profile: &Profile, mails: &[(PathBuf, Vec<u8>)]) -> Verdicts {
    let deal = Deal::new(profile);
    let mails = mails
        .par_iter()
        .map(|(file, bytes)| verify_one(&deal, file, bytes))
        .collect();
    Verdicts {
        mails,
        callback: payment_facts(profile).1,
    }
}

/// Splits an mbox into `(file#n, bytes)` inputs for [`verify`].
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

fn verify_one(deal: &Deal, file: &std::path::Path, bytes: &[u8]) -> MailReport {
    // The parser is third-party code on hostile input: a panic in it becomes this mail's
    // error, not the end of the run (as for photo decoders).
    let read = std::panic::catch_unwind(|| mail::read(file, bytes)).unwrap_or_else(|_| {
        Err(Diagnostic::error(
            file,
            "the mail parser failed on this mail",
        ))
    });
    // The rules run on hostile text too: a panic there is this mail's error as well.
    let read = read.and_then(|m| {
        std::panic::catch_unwind(|| rules::check(deal, &m))
            .map(|signs| (m, signs))
            .map_err(|_| {
                Diagnostic::error(
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
/// direct line when the profile has one.
fn call(deal: &Deal, m: &mail::Mail) -> Option<Call> {
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
