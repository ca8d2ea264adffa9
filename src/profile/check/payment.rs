//! Load stage: the checks of `payment` — terms or structured method, currency, beneficiary
//! account (its holder's name in `names`), the call-back number and the approvers each party
//! can actually provide.

use super::names::check_payment_names;
use super::Checker;
use crate::profile::deal::Profile;
use crate::profile::payment::{recognise, By, Part};

/// Most parts a price is split into (the contract lists each one).
const MAX_PARTS: usize = 10;

/// `payment`: terms or method, currency, beneficiary account, the call-back rule.
pub fn check_payment(c: &mut Checker, p: &Profile) {
    check_method(c, p);
    let cur = &p.payment.currency;
    if cur.len() != 3 || !cur.chars().all(|ch| ch.is_ascii_uppercase()) {
        c.error(
            "payment.currency",
            format!("`{cur}` is not an ISO 4217 currency code"),
        )
        .set_hint("use three capital letters, such as USD, EUR or CNY");
    }
    let b = &p.payment.beneficiary;
    c.non_empty("payment.beneficiary.account_name", &b.account_name);
    c.non_empty("payment.beneficiary.bank", &b.bank);
    c.non_empty("payment.beneficiary.account_number", &b.account_number);
    let swift = b.swift.trim();
    if !(swift.len() == 8 || swift.len() == 11)
        || !swift
            .chars()
            .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
    {
        c.error(
            "payment.beneficiary.swift",
            format!("`{swift}` is not a SWIFT/BIC code"),
        )
        .set_hint("a SWIFT code has 8 or 11 capital letters and digits, such as BKCHCNBJ92A");
    }
    check_payment_names(c, p);
    check_verification(c, p);
}

/// `payment.terms` / `payment.method`: one of them, parts adding up to 100, each part's
/// fields fitting its method; recognised free text gets the structured form to paste.
fn check_method(c: &mut Checker, p: &Profile) {
    let pay = &p.payment;
    match (&pay.method, pay.terms.as_deref()) {
        (None, None) => {
            c.error("payment", "has neither `method` nor `terms`")
                .set_hint("add `method:` with the parts of the price, such as `- {percent: 100, by: lc, days: 0}`");
        }
        (None, Some(t)) if t.trim().is_empty() => {
            c.error("payment.terms", "must not be empty");
        }
        (None, Some(t)) => match recognise(t) {
            Some(parts) if parts_ok(&parts) => {
                c.warning(
                    "payment.terms",
                    format!("`{t}` is free text; the schedule states the structured form"),
                )
                .set_hint(format!(
                    "to say exactly what the contract means, replace `terms:` with\n{}",
                    yaml_of(&parts)
                ));
            }
            _ => {
                c.warning("payment.terms", format!("dealguard cannot read `{t}`: the schedule quotes it as written and assumes wire transfers to the Designated Account"))
                    .set_hint("describe it with `method:`, such as\n  method:\n    - {percent: 30, by: tt, due: signing}\n    - {percent: 70, by: tt, due: copy_bl}");
            }
        },
        (Some(parts), terms) => {
            check_parts(c, parts);
            if let Some(read) = terms.and_then(recognise) {
                if &read != parts {
                    c.warning("payment.terms", "says something else than `payment.method`")
                        .set_hint("the schedule follows `method`; correct `terms` or leave it out");
                }
            }
        }
    }
}

/// Whether recognised parts are worth suggesting: they add up to 100.
fn parts_ok(parts: &[Part]) -> bool {
    parts.iter().map(|p| u64::from(p.percent)).sum::<u64>() == 100
}

/// The parts as the YAML a user pastes under `payment:`.
fn yaml_of(parts: &[Part]) -> String {
    let mut out = String::from("  method:");
    for p in parts {
        out.push_str(&format!(
            "\n    - {{percent: {}, by: {}",
            p.percent,
            p.by.key()
        ));
        if let Some(d) = p.due {
            out.push_str(&format!(", due: {}", d.key()));
        }
        if p.by != By::Tt || p.days != 0 {
            out.push_str(&format!(", days: {}", p.days));
        }
        out.push('}');
    }
    out
}

/// The parts of `payment.method`: shares 1–100 adding up to 100, fields fitting the method.
fn check_parts(c: &mut Checker, parts: &[Part]) {
    if parts.is_empty() {
        c.error("payment.method", "names no part of the price")
            .set_hint("add `- {percent: 100, by: tt, due: before_shipment}` or the parts agreed");
        return;
    }
    if parts.len() > MAX_PARTS {
        c.error(
            "payment.method",
            format!("has {} parts; at most {MAX_PARTS} are allowed", parts.len()),
        );
        return;
    }
    for (i, part) in parts.iter().enumerate() {
        let f = format!("payment.method[{i}]");
        if !(1..=100).contains(&part.percent) {
            c.error(
                &format!("{f}.percent"),
                format!("{}%; use 1 to 100", part.percent),
            );
        }
        if part.days > 360 {
            c.error(
                &format!("{f}.days"),
                format!("{} days; use 0 to 360", part.days),
            );
        }
        match part.by {
            By::Tt if part.due.is_none() => {
                c.error(&f, "a T/T part has no `due`")
                    .set_hint("use `due: signing`, `before_shipment`, `copy_bl` or `arrival`");
            }
            By::Tt => {}
            _ if part.due.is_some() => {
                c.error(&format!("{f}.due"), format!("only a T/T part has `due`; a `{}` part is paid at sight or `days` after sight", part.by.key()));
            }
            _ => {}
        }
        if part.by != By::Lc && (part.issuing_bank.is_some() || part.advising_bank.is_some()) {
            c.error(&f, "only an L/C part names an issuing or advising bank");
        }
        for (k, v) in [
            ("issuing_bank", &part.issuing_bank),
            ("advising_bank", &part.advising_bank),
        ] {
            if v.as_deref().is_some_and(|s| s.trim().is_empty()) {
                c.error(&format!("{f}.{k}"), "must not be empty");
            }
        }
    }
    // Summed wide: a hostile file may hold large percentages.
    let sum: u64 = parts.iter().map(|p| u64::from(p.percent)).sum();
    if sum != 100 {
        let shares: Vec<String> = parts.iter().map(|p| format!("{}%", p.percent)).collect();
        c.error(
            "payment.method",
            format!(
                "the parts add up to {sum}% ({}), not 100%",
                shares.join(" + ")
            ),
        )
        .set_hint(
            "each part's `percent` is its share of the price; together they are the whole price",
        );
    }
}

/// `payment.verification`: one call-back number that is not one person's line, a sensible
/// number of approvers that each party has enough contacts for.
fn check_verification(c: &mut Checker, p: &Profile) {
    match &p.payment.verification.callback_phone {
        None => {
            c.error("payment.verification", "has no `callback_phone`")
                .set_hint("add `callback_phone: \"+86 …\"`: the one number used to confirm any payment instruction");
        }
        Some(ph) => {
            c.phone("payment.verification.callback_phone", ph);
            check_callback_owner(c, p, ph);
        }
    }
    let approvers = p.payment.verification.approvers;
    if !(1..=10).contains(&approvers) {
        c.error(
            "payment.verification.approvers",
            format!("{approvers} approvers; use 1 to 10"),
        )
        .set_hint("the usual rule is 2: no single person can change where money goes");
        return;
    }
    for (who, n) in short_of_approvers(p, approvers) {
        c.error(
            "payment.verification.approvers",
            format!("{approvers} approvers are required on each side, but the {who} names {n} contact{} who could approve", if n == 1 { "" } else { "s" }),
        )
        .set_hint(format!("add the {who}'s approvers to `{who}.contacts`, or lower `approvers`"));
    }
}

/// The parties (`seller`, `buyer`) with fewer contacts than `approvers`, and how many they have:
/// the contract would ask for approvals that no one can give.
pub fn short_of_approvers(p: &Profile, approvers: u32) -> Vec<(&'static str, usize)> {
    [("seller", &p.seller), ("buyer", &p.buyer)]
        .into_iter()
        .map(|(who, party)| (who, party.contacts.len()))
        .filter(|(_, n)| (*n as u64) < u64::from(approvers))
        .collect()
}

/// Digits only: `+86 574 8888 1250` and `+86-574-88881250` are one number.
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The call-back number should be a company line, not one person's direct phone.
fn check_callback_owner(c: &mut Checker, p: &Profile, phone: &str) {
    let d = digits(phone);
    if d.is_empty() {
        return;
    }
    let owner = p
        .seller
        .contacts
        .iter()
        .find(|ct| ct.phone.as_deref().is_some_and(|x| digits(x) == d));
    if let Some(ct) = owner {
        c.warning(
            "payment.verification.callback_phone",
            format!("`{phone}` is the direct line of {}: when that person is away or leaves, no one answers the call-back", ct.name),
        )
        .set_hint(format!(
            "use a company line that is always staffed, such as the switchboard `{}` or the finance department's number",
            p.seller.phone
        ));
    }
}
