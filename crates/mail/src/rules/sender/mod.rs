//! Verify stage: the signs of who sent a mail — the `From` domain and the other address
//! headers, display names and signatures that claim a party (`names.rs` compares the names),
//! authentication results — whether the sender is one whose money talk concerns the deal, and
//! which party a mail comes from or poses as (whom to call).

mod auth;
mod names;
mod signature;

pub(crate) use auth::authentication;
use auth::Origin;
pub(crate) use names::{Company, Named, Person, Tokens};
use signature::{signature_claim, signature_party, talks_money};

use super::{both, classify, shown, sign, Class};
use crate::domains::{self, Likeness};
use crate::language::SignKind;
use crate::mail::Mail;
use crate::{Facts, Level, Sign};

/// Rule 1: the domain of `From`, and separately of `Reply-To`, `Sender`, `Return-Path`.
pub(super) fn sender(deal: &Facts, mail: &Mail, out: &mut Vec<Sign>) {
    if mail.from.is_empty() {
        out.push(sign(
            SignKind::NoFrom,
            Level::Warning,
            vec![],
            String::from("From: (none)"),
        ));
    }
    for a in mail.from.iter().chain(&mail.other) {
        let Some(d) = domains::of_address(&a.address) else {
            continue;
        };
        match classify(deal, &d) {
            Class::Known(i, pd) if a.header == "From" => {
                let p = &deal.parties[i];
                let args = vec![both(&a.address), p.name.clone(), both(&pd.unicode)];
                out.push(sign(SignKind::SenderKnown, Level::Note, args, a.line()));
            }
            Class::LookAlike(i, pd, how) => {
                let p = &deal.parties[i];
                let args = vec![
                    both(&a.address),
                    both(shown(&d)),
                    both(&pd.unicode),
                    p.name.clone(),
                    likeness_words(how),
                ];
                out.push(sign(
                    SignKind::SenderLookalike,
                    Level::Strong,
                    args,
                    a.line(),
                ));
            }
            _ => {}
        }
    }
}

/// The kind of look-alike in words, `[en, zh]`: "typo" in "`x` (typo of `y`)".
pub(crate) fn likeness_words(how: Likeness) -> [String; 2] {
    let (en, zh) = match how {
        Likeness::Typo => ("typo", "拼写仿冒"),
        Likeness::Homoglyph => ("homoglyph", "同形字符仿冒"),
        Likeness::BitFlip => ("bit-flip", "比特翻转仿冒"),
        Likeness::Contains => ("name copied into another domain", "在其他域名中嵌入名称"),
        Likeness::OtherSuffix => ("same name under another suffix", "同名换后缀"),
    };
    [en.to_string(), zh.to_string()]
}

/// What a display name claims of one party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// One of its contacts (index), by whole name or by title and surname.
    Contact(usize, Named),
    /// The company itself.
    Company,
}

/// What `name` claims of party `p`, the closest claim first.
fn claim(deal: &Facts, p: usize, name: &str) -> Option<Claim> {
    let party = &deal.parties[p];
    let t = Tokens::of(name);
    // A name that *is* a party address (`"anna@nordichome.se" <x@y>`) is the whole claim.
    let raw = name.trim().trim_matches(['"', '\'']).to_lowercase();
    if raw.contains('@') && party.domains.iter().any(|pd| raw.contains(&pd.unicode)) {
        return Some(
            party
                .people
                .iter()
                .position(|c| raw.contains(&c.email))
                .map_or(Claim::Company, |i| Claim::Contact(i, Named::Full)),
        );
    }
    let person = party
        .people
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.named_in(&t).map(|n| (n, i)))
        .max();
    match person {
        Some((Named::Full, i)) => Some(Claim::Contact(i, Named::Full)),
        _ if party.company.named_in(&t) => Some(Claim::Company),
        Some((n, i)) => Some(Claim::Contact(i, n)),
        None => None,
    }
}

/// Rule 2: the display name names a party's contact (in any order, script or with a title) or
/// the company, and the address is not on that party's domains; a free-mail sender whose
/// signature claims a party.
pub(super) fn display_name(deal: &Facts, mail: &Mail, out: &mut Vec<Sign>) {
    let mut claimed = false;
    for a in &mail.from {
        let Some(name) = a.name.as_deref().filter(|n| !n.trim().is_empty()) else {
            continue;
        };
        let domain = domains::of_address(&a.address);
        let free = domain.as_ref().is_some_and(domains::Domain::is_free_mail);
        for (i, p) in deal.parties.iter().enumerate() {
            let on_party = domain
                .as_ref()
                .is_some_and(|d| p.domains.iter().any(|pd| d.is_within(pd)));
            let Some(c) = claim(deal, i, name).filter(|_| !on_party) else {
                continue;
            };
            claimed = true;
            let args = vec![both(name), p.name.clone(), both(&a.address)];
            let (kind, level) = match c {
                Claim::Company => (SignKind::DisplayCompany, Level::Strong),
                Claim::Contact(_, Named::Full) => (SignKind::DisplayName, Level::Strong),
                // `Mr. Wang` is many people: a sign by itself only from free mail, strong
                // only together with money or login talk.
                Claim::Contact(_, Named::Title) => {
                    let money = talks_money(deal, mail);
                    let level = match (free, money) {
                        (true, true) => Level::Strong,
                        (true, false) | (false, true) => Level::Warning,
                        (false, false) => Level::Note,
                    };
                    (SignKind::DisplayName, level)
                }
            };
            out.push(sign(kind, level, args, a.line()));
        }
    }
    if !claimed {
        signature_claim(deal, mail, out);
    }
}

/// Rule 3: `Reply-To` on another domain than `From`: strong when it is free mail or a
/// look-alike; a warning when `From` is a party's domain; nothing for an unrelated sender
/// with its own help-desk domain (newsletters do that). `Return-Path` and `Sender` on free
/// mail while `From` is a party's (or a look-alike's): the mail was sent from another
/// mailbox. A party's newsletter sent through a mail service bounces to the service's domain:
/// when the party's own DKIM signature passes (aligned), that `Return-Path` is no sign.
pub(super) fn reply_to(deal: &Facts, mail: &Mail, out: &mut Vec<Sign>) {
    let Some(from) = Origin::of(deal, mail) else {
        return;
    };
    for a in &mail.other {
        let Some(od) = domains::of_address(&a.address) else {
            continue;
        };
        if od.registrable() == from.domain.registrable() {
            continue;
        }
        let class = classify(deal, &od);
        let args = vec![both(a.header), both(&a.address), both(&from.domain.unicode)];
        if a.header == "Reply-To" {
            if od.is_free_mail() || matches!(class, Class::LookAlike(..)) {
                out.push(sign(SignKind::ReplyFreeMail, Level::Strong, args, a.line()));
            } else if from.party && !matches!(class, Class::Known(..)) {
                let level = Level::Warning;
                out.push(sign(SignKind::ReplyElsewhere, level, args, a.line()));
            }
            continue;
        }
        // `Sender` and `Return-Path`: who really sent it.
        if od.is_free_mail() && !from.domain.is_free_mail() {
            let level = if from.party || from.lookalike {
                Level::Strong
            } else {
                Level::Warning
            };
            out.push(sign(SignKind::SentViaFreeMail, level, args, a.line()));
        } else if a.header == "Return-Path"
            && from.party
            && !from.aligned
            && matches!(class, Class::Unrelated)
        {
            out.push(sign(
                SignKind::ReplyElsewhere,
                Level::Warning,
                args,
                a.line(),
            ));
        }
    }
}

/// The party a mail comes from or poses as, and the contact when one is named: by the `From`
/// domain (a party's or a look-alike's), the display name, a look-alike in another address
/// header, a free-mail signature, or a link to a look-alike — in that order.
pub(crate) fn whom_to_call(deal: &Facts, mail: &Mail) -> Option<(usize, Option<usize>)> {
    let from = mail.from.first();
    let address = from.map(|a| a.address.trim().to_ascii_lowercase());
    let display = from.and_then(|a| a.name.as_deref()).unwrap_or_default();
    let person_of = |p: usize| {
        let by_address = address
            .as_ref()
            .and_then(|a| deal.parties[p].people.iter().position(|c| &c.email == a));
        let by_name = match claim(deal, p, display) {
            Some(Claim::Contact(i, _)) => Some(i),
            _ => None,
        };
        by_address.or(by_name)
    };
    let domain_party = |addr: &str| match domains::of_address(addr).map(|d| classify(deal, &d)) {
        Some(Class::Known(i, _) | Class::LookAlike(i, ..)) => Some(i),
        _ => None,
    };
    if let Some(p) = from.and_then(|a| domain_party(&a.address)) {
        return Some((p, person_of(p)));
    }
    if let Some(p) = (0..deal.parties.len()).find(|&p| claim(deal, p, display).is_some()) {
        return Some((p, person_of(p)));
    }
    if let Some(p) = mail.other.iter().find_map(|a| domain_party(&a.address)) {
        return Some((p, None));
    }
    if let Some((p, _)) = signature_party(deal, mail) {
        return Some((p, None));
    }
    mail.links
        .iter()
        .take(super::content::LINKS_CHECKED)
        .find_map(
            |l| match super::content::link_host(&l.target).map(|d| classify(deal, &d)) {
                Some(Class::LookAlike(i, ..)) => Some((i, None)),
                _ => None,
            },
        )
}
