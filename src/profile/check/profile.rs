//! Load stage: the check groups of a deal profile — deal, parties and contacts, domains,
//! payment and verification, channels, security, output, production stages — in that order.

use super::mail::{check_address, check_domains, check_named_account, valid_domain};
use super::names::check_party_names;
use super::payment::check_payment;
use super::{check_sizes, Checker};
use crate::diag::{did_you_mean, Problems};
use crate::profile::deal::{Cadence, Contact, Party, Profile, Role, KNOWN_ROLES};
use crate::profile::text::Lang;
use crate::profile::yaml::{Index, Source};

/// Runs every semantic check of the profile.
pub fn check_profile(p: &Profile, src: &Source, idx: &Index) -> Problems {
    let mut c = Checker::new(src, idx);
    let langs = p.deal.languages.clone();
    check_sizes(&mut c, &serde_yaml::to_value(p).unwrap_or_default(), "");
    // The groups run in the order of the file, so the diagnostics come out in that order.
    check_deal(&mut c, p, &langs);
    check_parties(&mut c, p);
    check_domains(&mut c, p);
    check_payment(&mut c, p);
    check_channels(&mut c, p);
    check_security(&mut c, p);
    check_output(&mut c, p);
    check_stages(&mut c, p, &langs);
    c.problems
}

/// `deal`: id usable in file names, languages, title, signing and shipment dates.
fn check_deal(c: &mut Checker, p: &Profile, langs: &[Lang]) {
    c.non_empty("deal.id", &p.deal.id);
    if p.deal.id.chars().any(|ch| {
        ch.is_control() || matches!(ch, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    }) {
        c.error(
            "deal.id",
            format!("`{}` cannot be used in file names", p.deal.id),
        )
        .set_hint("use letters, digits and `-`, such as NH-2026-0148");
    }
    check_languages(c, p, langs);
    c.text("deal.title", &p.deal.title, langs);
    let signed = c.date("deal.signed", &p.deal.signed);
    let ship_by = c.date("deal.ship_by", &p.deal.ship_by);
    if let (Some(s), Some(b)) = (signed, ship_by) {
        if b <= s {
            c.error(
                "deal.ship_by",
                format!("{} is not after the signing date {}", b.iso(), s.iso()),
            )
            .set_hint("`ship_by` is the latest shipment date; it comes after `signed`");
        }
    }
}

/// `deal.languages`: at least one, each once, the governing language among them.
fn check_languages(c: &mut Checker, p: &Profile, langs: &[Lang]) {
    if langs.is_empty() {
        c.error("deal.languages", "names no language")
            .set_hint("use [en], [zh] or [en, zh]");
    }
    for (i, l) in langs.iter().enumerate() {
        if langs[..i].contains(l) {
            c.error(
                &format!("deal.languages[{i}]"),
                format!("`{l}` is listed twice"),
            );
        }
    }
    if !langs.is_empty() && !langs.contains(&p.deal.governing_language) {
        c.error(
            "deal.governing_language",
            format!(
                "`{}` is not one of the deal's languages",
                p.deal.governing_language
            ),
        )
        .set_hint(format!(
            "use one of: {}",
            langs
                .iter()
                .map(|l| l.code())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// `seller` and `buyer`: each party with its contacts, then the security contacts.
fn check_parties(c: &mut Checker, p: &Profile) {
    check_party(c, "seller", &p.seller);
    check_party(c, "buyer", &p.buyer);
    for who in ["seller", "buyer"] {
        let party = if who == "seller" { &p.seller } else { &p.buyer };
        if party.signatory.is_none() {
            c.warning(who, "has no `signatory`").set_hint(
                "add `signatory: {name: …, title: …}`: the schedule then names who may sign a \
                 change of bank details instead of describing it in general terms",
            );
        }
    }
    check_buyer_languages(c, p);
    match &p.seller.security_contact {
        None => {
            c.error("seller", "has no `security_contact`").set_hint(
                "add `security_contact: it-security@your-domain.com`: incident notices go there",
            );
        }
        Some(addr) => check_address(c, "seller.security_contact", addr, &p.seller.email_domains),
    }
    if let Some(addr) = &p.buyer.security_contact {
        check_address(c, "buyer.security_contact", addr, &p.buyer.email_domains);
    }
    check_party_names(c, p);
}

/// `buyer.languages`: each once; when it is left out and the deal is written Chinese first,
/// a buyer outside the Chinese-speaking countries would get letters, replies and report mails
/// that lead in Chinese, so the check suggests the field.
fn check_buyer_languages(c: &mut Checker, p: &Profile) {
    let Some(ls) = &p.buyer.languages else {
        let zh_first = p.deal.languages.first() == Some(&Lang::Zh);
        if zh_first && !p.buyer.in_chinese_speaking_country() {
            let both = p.deal.languages.contains(&Lang::En);
            c.warning(
                "buyer.languages",
                format!(
                    "is not set: the letter, the replies and the report mails lead in Chinese (the deal's languages) for a buyer in `{}`",
                    p.buyer.country
                ),
            )
            .set_hint(if both {
                "add `languages: [en, zh]` (or `[en]`) under `buyer:` so that the buyer reads English first; the contract and the report PDF keep `deal.languages`"
            } else {
                "add `languages: [en]` (or `[en, zh]`) under `buyer:` if the buyer reads English; the contract and the report PDF keep `deal.languages`"
            });
        }
        return;
    };
    if ls.is_empty() {
        c.error("buyer.languages", "names no language")
            .set_hint("use [en], [zh] or [en, zh], or leave it out for the deal's languages");
    }
    for (i, l) in ls.iter().enumerate() {
        if ls[..i].contains(l) {
            let f = format!("buyer.languages[{i}]");
            c.error(&f, format!("`{l}` is listed twice"));
        }
    }
}

/// One party: name, address, country, mail domains, phone, then each contact.
fn check_party(c: &mut Checker, who: &str, p: &Party) {
    c.non_empty(&format!("{who}.name"), &p.name);
    c.non_empty(&format!("{who}.address"), &p.address);
    let cc = &p.country;
    if cc.len() != 2 || !cc.chars().all(|ch| ch.is_ascii_uppercase()) {
        c.error(
            &format!("{who}.country"),
            format!("`{cc}` is not a two-letter country code"),
        )
        .set_hint("use ISO 3166 codes in capitals, such as CN, SE, DE, US");
    }
    if p.email_domains.is_empty() {
        c.error(&format!("{who}.email_domains"), "names no domain")
            .set_hint("list the domains official mail comes from, such as [hengli-kitchen.com]");
    }
    for (i, d) in p.email_domains.iter().enumerate() {
        if !valid_domain(d) {
            let e = c.error(
                &format!("{who}.email_domains[{i}]"),
                format!("`{d}` is not a mail domain"),
            );
            if d.contains('@') {
                e.set_hint("write the domain only, without the name and `@`");
            }
        }
    }
    c.phone(&format!("{who}.phone"), &p.phone);
    for (i, ct) in p.contacts.iter().enumerate() {
        let f = format!("{who}.contacts[{i}]");
        c.non_empty(&format!("{f}.name"), &ct.name);
        if p.contacts[..i].iter().any(|o| o.name == ct.name) {
            c.error(
                &format!("{f}.name"),
                format!("`{}` is listed twice", ct.name),
            );
        }
        check_contact(c, &f, ct, &p.email_domains);
    }
}

/// One contact after its name: a known role, a person's own address on the party's domains,
/// a phone.
fn check_contact(c: &mut Checker, f: &str, ct: &Contact, domains: &[String]) {
    if let Role::Known(k) = &ct.role {
        if !KNOWN_ROLES.iter().any(|r| r.0 == k) {
            let keys = KNOWN_ROLES.iter().map(|r| r.0);
            let e = c.error(&format!("{f}.role"), format!("unknown role `{k}`"));
            match did_you_mean(k, keys) {
                Some(best) => e.set_hint(format!(
                    "did you mean `{best}`? Or name it yourself: `role: {{en: …, zh: …}}`"
                )),
                None => e.set_hint(format!(
                    "use one of {}, or name it yourself: `role: {{en: …, zh: …}}`",
                    KNOWN_ROLES
                        .iter()
                        .map(|r| r.0)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
    }
    check_address(c, &format!("{f}.email"), &ct.email, domains);
    check_named_account(c, &format!("{f}.email"), &ct.email);
    if let Some(ph) = &ct.phone {
        c.phone(&format!("{f}.phone"), ph);
    }
}

/// `channels`: the report day of a weekly deal, the project platform's link, the chat
/// group's members.
fn check_channels(c: &mut Checker, p: &Profile) {
    let r = &p.channels.reports;
    if r.cadence == Cadence::Weekly && r.weekday.is_none() {
        c.error("channels.reports", "weekly reports need a `weekday`")
            .set_hint("add `weekday: friday` (the day the report goes out)");
    }
    if !(1..=60).contains(&r.max_interval_days) {
        c.error(
            "channels.reports.max_interval_days",
            format!("`{}` days is not between 1 and 60", r.max_interval_days),
        )
        .set_hint("the longest time between two reports of a `milestones` deal, such as 14");
    }
    if let Some(pl) = &p.channels.platform {
        c.non_empty("channels.platform.name", &pl.name);
        if !pl.url.starts_with("https://")
            || pl.url.len() <= "https://".len()
            || pl.url.contains(char::is_whitespace)
        {
            c.error(
                "channels.platform.url",
                format!("`{}` is not an https:// link", pl.url),
            )
            .set_hint("give the board's full address, such as https://trello.com/b/nh0148");
        }
    }
    if let Some(im) = &p.channels.im_group {
        c.non_empty("channels.im_group.app", &im.app);
        let names: Vec<&str> = p
            .seller
            .contacts
            .iter()
            .chain(&p.buyer.contacts)
            .flat_map(|ct| std::iter::once(ct.name.as_str()).chain(ct.name_local.as_deref()))
            .collect();
        for (i, m) in im.members.iter().enumerate() {
            if !names.contains(&m.as_str()) {
                let field = format!("channels.im_group.members[{i}]");
                let e = c.error(&field, format!("`{m}` is not a contact of either party"));
                match did_you_mean(m, names.iter().copied()) {
                    Some(best) => e.set_hint(format!("did you mean `{best}`?")),
                    None => e.set_hint("only named contacts may be in the group; add the person to `contacts` first"),
                }
            }
        }
    }
}

/// `security`: notice and retention periods, and how many company folders are read.
fn check_security(c: &mut Checker, p: &Profile) {
    let h = p.security.incident_notice_hours;
    if !(1..=168).contains(&h) {
        c.error(
            "security.incident_notice_hours",
            format!("{h} hours; use 1 to 168"),
        )
        .set_hint("24 is usual: a payment can still be recalled within a day or two");
    }
    let y = p.security.retention_years;
    if !(1..=30).contains(&y) {
        c.error(
            "security.retention_years",
            format!("{y} years; use 1 to 30"),
        );
    }
    // Company folders: a handful is plenty; each is read in full.
    for (field, n) in [
        ("security.clause_dirs", p.security.clause_dirs.len()),
        ("output.template_dirs", p.output.template_dirs.len()),
    ] {
        if n > 20 {
            c.error(field, format!("names {n} folders; at most 20 are read"));
        }
    }
}

/// `output.formats`: each document only in the formats it has.
fn check_output(c: &mut Checker, p: &Profile) {
    for (doc, list, allowed) in [
        (
            "contract",
            &p.output.formats.contract,
            &crate::profile::deal::CONTRACT_FORMATS[..],
        ),
        (
            "letter",
            &p.output.formats.letter,
            &crate::profile::deal::LETTER_FORMATS[..],
        ),
        (
            "reply",
            &p.output.formats.reply,
            &crate::profile::deal::REPLY_FORMATS[..],
        ),
        (
            "briefing",
            &p.output.formats.briefing,
            &crate::profile::deal::BRIEFING_FORMATS[..],
        ),
        (
            "callback_form",
            &p.output.formats.callback_form,
            &crate::profile::deal::CALLBACK_FORMATS[..],
        ),
        (
            "report",
            &p.output.formats.report,
            &crate::profile::deal::REPORT_FORMATS[..],
        ),
    ] {
        for (i, f) in list.iter().enumerate() {
            if !allowed.contains(f) {
                let names: Vec<&str> = allowed.iter().map(|f| f.ext()).collect();
                c.error(
                    &format!("output.formats.{doc}[{i}]"),
                    format!("the {} has no `{}` format", doc.replace('_', "-"), f.ext()),
                )
                .set_hint(format!("use {}", names.join(", ")));
            }
        }
    }
}

/// `production.stages`: valid, distinct ids, names in every language, real dates.
fn check_stages(c: &mut Checker, p: &Profile, langs: &[Lang]) {
    for (i, s) in p.production.stages.iter().enumerate() {
        let f = format!("production.stages[{i}]");
        if s.id.is_empty()
            || !s
                .id
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_')
        {
            c.error(
                &format!("{f}.id"),
                format!("`{}` is not a valid stage id", s.id),
            )
            .set_hint("use lowercase letters, digits and `-`, such as `deep-drawing`");
        }
        if p.production.stages[..i].iter().any(|o| o.id == s.id) {
            c.error(
                &format!("{f}.id"),
                format!("stage id `{}` is used twice", s.id),
            );
        }
        c.text(&format!("{f}.name"), &s.name, langs);
        c.date(&format!("{f}.planned_end"), &s.planned_end);
    }
}
