//! Verify stage: the signs, each a function from one read mail (and the deal) to the signs it
//! finds: who sent it (`sender.rs`), what it asks for (here), what it carries (`content.rs`).

use super::bank::{self, Kind};
use super::domains::{self, Domain, Relation};
use super::language::{cues, excerpt, Cue, SignKind};
use super::mail::Mail;
use super::{Deal, Level, Sign};

mod content;
mod sender;

use content::{attachments, links};
use sender::{authentication, display_name, reply_to, sender, sender_matters};
pub(crate) use sender::{whom_to_call, Company, Person};

/// All signs of one mail, rule by rule.
pub(crate) fn check(deal: &Deal, mail: &Mail) -> Vec<Sign> {
    let mut signs = Vec::new();
    sender(deal, mail, &mut signs);
    display_name(deal, mail, &mut signs);
    reply_to(deal, mail, &mut signs);
    authentication(deal, mail, &mut signs);
    let changed = bank_details(deal, mail, &mut signs);
    language(mail, changed, sender_matters(deal, mail), &mut signs);
    attachments(mail, &mut signs);
    links(deal, mail, &mut signs);
    signs
}

fn sign(kind: SignKind, level: Level, args: Vec<[String; 2]>, evidence: String) -> Sign {
    Sign {
        kind,
        level,
        args,
        evidence,
    }
}

/// The same text in both languages.
fn both(s: impl Into<String>) -> [String; 2] {
    let s = s.into();
    [s.clone(), s]
}

/// How a domain relates to the deal: a party's, a look-alike of one, or neither.
#[derive(Debug, Clone)]
pub(crate) enum Class {
    Known(usize, Domain),
    LookAlike(usize, Domain, domains::Likeness),
    Unrelated,
}

pub(crate) fn classify(deal: &Deal, d: &Domain) -> Class {
    for (i, p) in deal.parties.iter().enumerate() {
        if let Some(pd) = p.domains.iter().find(|pd| d.is_within(pd)) {
            return Class::Known(i, pd.clone());
        }
    }
    for (i, p) in deal.parties.iter().enumerate() {
        for pd in &p.domains {
            if let Relation::LookAlike(l) = domains::relate(d, pd) {
                return Class::LookAlike(i, pd.clone(), l);
            }
        }
    }
    Class::Unrelated
}

/// `nоrdichome.se (xn--nrdichome-yok.se)` when the two forms differ.
fn shown(d: &Domain) -> String {
    if d.ascii == d.unicode {
        d.unicode.clone()
    } else {
        format!("{} ({})", d.unicode, d.ascii)
    }
}

/// Rule 5: bank details in the text that differ from the contract. Returns whether any did.
fn bank_details(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) -> bool {
    let mut changed = false;
    for f in bank::find(&mail.text, &deal.contract) {
        let (label, theirs) = match f.kind {
            Kind::Iban => (["IBAN", "IBAN"], &deal.contract.account),
            Kind::Swift => (["SWIFT/BIC", "SWIFT/BIC 代码"], &deal.contract.swift),
            Kind::Account => (["account number", "账号"], &deal.contract.account),
        };
        let label = [label[0].to_string(), label[1].to_string()];
        if f.same_as_contract {
            let args = vec![label, both(&f.value)];
            out.push(sign(SignKind::BankSame, Level::Note, args, f.excerpt));
        } else {
            changed = true;
            let args = vec![label, both(&f.value), both(theirs)];
            out.push(sign(SignKind::BankChanged, Level::Strong, args, f.excerpt));
        }
    }
    changed
}

/// Rule 6: payment-change, pressure and no-call language, and credential requests; quoted
/// phrases and policy statements ("we will never ask for your password") are not signs, so
/// the seller's own letter and replies pass. Pressure alone is ordinary business ("urgent:
/// approve the sample today"); it is a sign in a mail that announces a new account, quotes
/// changed bank details or asks for a credential, or where it presses for payment in the
/// same sentence in a mail from a sender that matters.
fn language(mail: &Mail, bank_changed: bool, sender_matters: bool, out: &mut Vec<Sign>) {
    let lower = mail.text.to_ascii_lowercase();
    let found = cues(&lower);
    let has = |c: Cue| found.iter().any(|f| f.cue == c);
    let attack = has(Cue::PaymentChange) || bank_changed || has(Cue::Credential);
    for hit in &found {
        let (kind, level) = match hit.cue {
            Cue::PaymentChange => (SignKind::PaymentChange, Level::Strong),
            Cue::Credential => (SignKind::Credential, Level::Strong),
            Cue::NoCall => (SignKind::NoCall, Level::Warning),
            Cue::Pressure if attack || (hit.about_money && sender_matters) => {
                (SignKind::Pressure, Level::Warning)
            }
            _ => continue,
        };
        let evidence = excerpt(&mail.text, hit.at, hit.phrase.len());
        out.push(sign(kind, level, vec![both(hit.phrase)], evidence));
    }
}
