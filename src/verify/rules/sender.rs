//! Verify stage: the signs of who sent a mail — the `From` domain and the other address
//! headers, display names, authentication results — and whether the sender is one whose money
//! talk concerns the deal.

use super::{both, classify, shown, sign, Class};
use crate::verify::domains::{self, Domain};
use crate::verify::language::{excerpt, SignKind};
use crate::verify::mail::Mail;
use crate::verify::{Deal, Level, Sign};

/// Rule 1: the domain of `From`, and separately of `Reply-To`, `Sender`, `Return-Path`.
pub(super) fn sender(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
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
pub(super) fn display_name(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
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
pub(super) fn reply_to(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
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
pub(super) fn authentication(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
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

/// Whether money talk from this sender is the deal's business: a party, a look-alike, free
/// mail or no sender at all — not a courier's or a bank's newsletter ("pay today!").
pub(super) fn sender_matters(deal: &Deal, mail: &Mail) -> bool {
    let Some(d) = mail
        .from
        .first()
        .and_then(|a| domains::of_address(&a.address))
    else {
        return true;
    };
    d.is_free_mail() || !matches!(classify(deal, &d), Class::Unrelated)
}
