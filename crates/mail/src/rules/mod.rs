//! Verify stage: the signs, each a function from one read mail (and the deal) to the signs it
//! finds: who sent it (`sender.rs`), what it asks for (here), what it carries (`content.rs`).

use super::domains::{self, Domain, Relation};
use super::language::SignKind;
use super::mail::Mail;
use super::{Facts, Level, Sign};

mod content;
mod payment;
mod sender;

use content::{attachments, links};
use sender::{authentication, display_name, reply_to, sender};
pub(crate) use sender::{whom_to_call, Company, Person};

/// All signs of one mail, rule by rule.
pub(crate) fn check(deal: &Facts, mail: &Mail) -> Vec<Sign> {
    let mut signs = Vec::new();
    sender(deal, mail, &mut signs);
    display_name(deal, mail, &mut signs);
    reply_to(deal, mail, &mut signs);
    authentication(deal, mail, &mut signs);
    payment::check(deal, mail, &mut signs);
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

pub(crate) fn classify(deal: &Facts, d: &Domain) -> Class {
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
