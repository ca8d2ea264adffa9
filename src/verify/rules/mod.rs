//! Verify stage: the seven signs, each a function from one read mail (and the deal) to the
//! signs it finds.

use super::bank::{self, Kind};
use super::domains::{self, Domain, Relation};
use super::language::{cues, excerpt, Cue, SignKind};
use super::mail::Mail;
use super::{Deal, Level, Sign};

mod content;

use content::{attachments, links};

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

/// Rule 1: the domain of `From`, and separately of `Reply-To`, `Sender`, `Return-Path`.
fn sender(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
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
                    both(format!("{}, {}", shown(&d), how.key())),
                    both(&pd.unicode),
                    p.name.clone(),
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

/// Lowercase, one space between words, TR39 skeleton: `Аnna  Lindqvist` (Cyrillic А) and
/// `anna lindqvist` give the same key.
pub(crate) fn name_key(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    domains::skeleton(&words.join(" "))
        .trim_matches(['"', '\''])
        .to_string()
}

/// Rule 2: the display name is a party's contact, the address is not on that party's domains.
fn display_name(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
    for a in &mail.from {
        let Some(name) = a.name.as_deref().filter(|n| !n.is_empty()) else {
            continue;
        };
        let key = name_key(name);
        let domain = domains::of_address(&a.address);
        for p in &deal.parties {
            let on_party = domain
                .as_ref()
                .is_some_and(|d| p.domains.iter().any(|pd| d.is_within(pd)));
            // A name that *is* a party address (`"anna@nordichome.se" <x@y>`) counts too.
            let named = p.contacts.contains(&key)
                || (key.contains('@') && p.domains.iter().any(|pd| key.contains(&pd.unicode)));
            if named && !on_party {
                let args = vec![both(name), p.name.clone(), both(&a.address)];
                out.push(sign(SignKind::DisplayName, Level::Strong, args, a.line()));
            }
        }
    }
}

/// Rule 3: `Reply-To` or `Return-Path` on another domain than `From`. Strong when it is
/// free mail or a look-alike; a warning when `From` is a party's domain; nothing for an
/// unrelated sender with its own bounce or help-desk domain (newsletters do that).
fn reply_to(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
    let Some(from) = mail.from.first() else {
        return;
    };
    let Some(fd) = domains::of_address(&from.address) else {
        return;
    };
    let from_party = matches!(classify(deal, &fd), Class::Known(..));
    for a in mail.other.iter().filter(|a| a.header != "Sender") {
        let Some(od) = domains::of_address(&a.address) else {
            continue;
        };
        if od.registrable() == fd.registrable() {
            continue;
        }
        let class = classify(deal, &od);
        let args = vec![both(a.header), both(&a.address), both(&fd.unicode)];
        if od.is_free_mail() || matches!(class, Class::LookAlike(..)) {
            out.push(sign(SignKind::ReplyFreeMail, Level::Strong, args, a.line()));
        } else if from_party && !matches!(class, Class::Known(..)) {
            out.push(sign(
                SignKind::ReplyElsewhere,
                Level::Warning,
                args,
                a.line(),
            ));
        }
    }
}

/// Rule 4: SPF, DKIM or DMARC `fail`/`softfail`/`none` for the `From` domain, as recorded by
/// the receiving server in `Authentication-Results`.
fn authentication(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
    let Some(fd) = mail
        .from
        .first()
        .and_then(|a| domains::of_address(&a.address))
    else {
        return;
    };
    let party = !matches!(classify(deal, &fd), Class::Unrelated);
    let mut seen: Vec<(String, String)> = Vec::new();
    for header in &mail.auth {
        // The first element is the server's own name; results follow, `;`-separated.
        for res in header.split(';').skip(1) {
            let mut words = res.split_whitespace();
            let Some((method, result)) = words.next().and_then(|w| w.split_once('=')) else {
                continue;
            };
            let (method, result) = (method.to_ascii_lowercase(), result.to_ascii_lowercase());
            if !["spf", "dkim", "dmarc"].contains(&method.as_str())
                || !["fail", "softfail", "none"].contains(&result.as_str())
            {
                continue;
            }
            // A result about another domain (a DKIM signature of the mail service) is not
            // about the sender.
            let about: Vec<Domain> = words
                .filter_map(|w| w.split_once('='))
                .filter(|(k, _)| {
                    ["smtp.mailfrom", "header.from", "header.d", "header.i"].contains(k)
                })
                .filter_map(|(_, v)| Domain::parse(v.rsplit('@').next().unwrap_or(v)))
                .collect();
            if !about.is_empty() && !about.iter().any(|d| d.registrable() == fd.registrable()) {
                continue;
            }
            if seen.contains(&(method.clone(), result.clone())) {
                continue;
            }
            seen.push((method.clone(), result.clone()));
            let level = if result == "fail" && party {
                Level::Strong
            } else {
                Level::Warning
            };
            let evidence = format!("Authentication-Results: {}", excerpt(header, 0, 0));
            let args = vec![both(&method), both(&result), both(&fd.unicode)];
            out.push(sign(SignKind::AuthFailed, level, args, evidence));
        }
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

/// Whether money talk from this sender is the deal's business: a party, a look-alike, free
/// mail or no sender at all — not a courier's or a bank's newsletter ("pay today!").
fn sender_matters(deal: &Deal, mail: &Mail) -> bool {
    let Some(d) = mail
        .from
        .first()
        .and_then(|a| domains::of_address(&a.address))
    else {
        return true;
    };
    d.is_free_mail() || !matches!(classify(deal, &d), Class::Unrelated)
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
