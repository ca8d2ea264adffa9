//! Load stage: the semantic checks of a structurally valid deal profile, all reported at once.

use super::deal::{Party, Profile, Role, KNOWN_ROLES};
use super::text::{Date, Lang, Text, Ymd};
use super::yaml::{Index, Source};
use crate::diag::{did_you_mean, Diagnostic, Problems};

/// Mail services anyone can sign up to: they cannot show that a message comes from the company.
const FREEMAIL: [&str; 14] = [
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "qq.com",
    "foxmail.com",
    "163.com",
    "126.com",
    "yeah.net",
    "sina.com",
    "aliyun.com",
];

/// Collects located problems for one file.
pub struct Checker<'a> {
    src: &'a Source,
    idx: &'a Index,
    /// The problems found so far.
    pub problems: Problems,
}

impl<'a> Checker<'a> {
    /// A checker for one parsed file.
    pub fn new(src: &'a Source, idx: &'a Index) -> Self {
        Checker {
            src,
            idx,
            problems: Problems::new(),
        }
    }

    /// An error at `field`.
    pub fn error(&mut self, field: &str, msg: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(&self.src.path, msg)
            .at(self.idx.pos(field))
            .field(field);
        self.push(d)
    }

    /// A warning at `field`.
    pub fn warning(&mut self, field: &str, msg: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::warning(&self.src.path, msg)
            .at(self.idx.pos(field))
            .field(field);
        self.push(d)
    }

    fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.problems.push_mut(d)
    }

    /// A required text must not be blank.
    pub fn non_empty(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.error(field, "must not be empty");
        }
    }

    /// A date must be a real calendar date.
    pub fn date(&mut self, field: &str, d: &Date) -> Option<Ymd> {
        if d.ymd.is_none() {
            self.error(field, format!("`{}` is not a valid date", d.raw))
                .set_hint("write dates as YYYY-MM-DD, such as 2026-11-20");
        }
        d.ymd
    }

    /// A text must exist in every language of `langs`.
    pub fn text(&mut self, field: &str, t: &Text, langs: &[Lang]) {
        for l in langs {
            match t.get(*l) {
                None => {
                    self.error(
                        field,
                        format!("has no `{l}` text, but the deal is written in `{l}`"),
                    )
                    .set_hint(format!("add `{l}: …` to `{field}`"));
                }
                Some(s) if s.trim().is_empty() => {
                    self.error(&format!("{field}.{l}"), "must not be empty");
                }
                Some(_) => {}
            }
        }
    }

    /// A phone number must look like one.
    pub fn phone(&mut self, field: &str, value: &str) {
        let digits = value.chars().filter(char::is_ascii_digit).count();
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/'));
        if value.trim().is_empty() {
            self.error(field, "must not be empty");
        } else if !allowed || !(6..=20).contains(&digits) {
            self.error(
                field,
                format!("`{value}` does not look like a phone number"),
            )
            .set_hint("write it with the country code, such as \"+86 574 8888 1234\"");
        }
    }
}

/// Whether `d` is a plausible mail domain such as `hengli-kitchen.com`.
fn valid_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && d.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// The domain of an address, if it is a plausible address.
fn email_domain(addr: &str) -> Option<&str> {
    let (local, domain) = addr.rsplit_once('@')?;
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._+-'".contains(c));
    (local_ok && valid_domain(domain)).then_some(domain)
}

/// Longest text dealguard accepts in one field (a long summary is a few hundred characters).
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Longest list dealguard accepts (contacts, rows of a week, …).
pub const MAX_LIST: usize = 1_000;

/// Refuses oversized texts and lists anywhere in a parsed file, each at its location. Bounds
/// like these keep every later stage (layout, templates) small whatever the input.
pub fn check_sizes(c: &mut Checker, v: &serde_yaml::Value, path: &str) {
    match v {
        serde_yaml::Value::String(s) => {
            let n = s.chars().count();
            if n > MAX_TEXT_CHARS {
                c.error(
                    path,
                    format!("is {n} characters long; a field may have at most {MAX_TEXT_CHARS}"),
                )
                .set_hint("shorten it, or attach the long text as a document");
            }
        }
        serde_yaml::Value::Sequence(items) => {
            if items.len() > MAX_LIST {
                c.error(
                    path,
                    format!(
                        "has {} entries; at most {MAX_LIST} are allowed",
                        items.len()
                    ),
                );
                return;
            }
            for (i, x) in items.iter().enumerate() {
                check_sizes(c, x, &format!("{path}[{i}]"));
            }
        }
        serde_yaml::Value::Mapping(m) => {
            for (k, x) in m {
                let k = k.as_str().unwrap_or("?");
                check_sizes(
                    c,
                    x,
                    &if path.is_empty() {
                        k.to_string()
                    } else {
                        format!("{path}.{k}")
                    },
                );
            }
        }
        _ => {}
    }
}

/// Runs every semantic check of the profile.
pub fn check_profile(p: &Profile, src: &Source, idx: &Index) -> Problems {
    let mut c = Checker::new(src, idx);
    let langs = p.deal.languages.clone();
    check_sizes(&mut c, &serde_yaml::to_value(p).unwrap_or_default(), "");

    // deal
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
    c.text("deal.title", &p.deal.title, &langs);
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

    // parties
    check_party(&mut c, "seller", &p.seller, &langs);
    check_party(&mut c, "buyer", &p.buyer, &langs);
    match &p.seller.security_contact {
        None => {
            c.error("seller", "has no `security_contact`").set_hint(
                "add `security_contact: it-security@your-domain.com`: incident notices go there",
            );
        }
        Some(addr) => check_address(
            &mut c,
            "seller.security_contact",
            addr,
            &p.seller.email_domains,
        ),
    }
    if let Some(addr) = &p.buyer.security_contact {
        check_address(
            &mut c,
            "buyer.security_contact",
            addr,
            &p.buyer.email_domains,
        );
    }
    for (i, d) in p.buyer.email_domains.iter().enumerate() {
        if p.seller
            .email_domains
            .iter()
            .any(|s| s.eq_ignore_ascii_case(d))
        {
            c.error(
                &format!("buyer.email_domains[{i}]"),
                format!("`{d}` is also a seller domain"),
            )
            .set_hint("each side's official domains must be its own, or nobody can tell who wrote");
        }
    }
    for (i, d) in p.seller.email_domains.iter().enumerate() {
        if FREEMAIL.contains(&d.to_ascii_lowercase().as_str()) {
            c.warning(&format!("seller.email_domains[{i}]"), format!("`{d}` is a free mail service"))
                .set_hint("anyone can open an address there; official mail should come from the company's own domain");
        }
    }

    // payment
    c.non_empty("payment.terms", &p.payment.terms);
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
    match &p.payment.verification.callback_phone {
        None => {
            c.error("payment.verification", "has no `callback_phone`")
                .set_hint("add `callback_phone: \"+86 …\"`: the one number used to confirm any payment instruction");
        }
        Some(ph) => c.phone("payment.verification.callback_phone", ph),
    }
    let approvers = p.payment.verification.approvers;
    if !(1..=10).contains(&approvers) {
        c.error(
            "payment.verification.approvers",
            format!("{approvers} approvers; use 1 to 10"),
        )
        .set_hint("the usual rule is 2: no single person can change where money goes");
    }

    // channels
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

    // security
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

    // company folders: a handful is plenty; each is read in full
    for (field, n) in [
        ("security.clause_dirs", p.security.clause_dirs.len()),
        ("output.template_dirs", p.output.template_dirs.len()),
    ] {
        if n > 20 {
            c.error(field, format!("names {n} folders; at most 20 are read"));
        }
    }

    // output
    for (doc, list, allowed) in [
        (
            "contract",
            &p.output.formats.contract,
            &super::deal::CONTRACT_FORMATS[..],
        ),
        (
            "letter",
            &p.output.formats.letter,
            &super::deal::LETTER_FORMATS[..],
        ),
        (
            "reply",
            &p.output.formats.reply,
            &super::deal::REPLY_FORMATS[..],
        ),
    ] {
        for (i, f) in list.iter().enumerate() {
            if !allowed.contains(f) {
                let names: Vec<&str> = allowed.iter().map(|f| f.ext()).collect();
                c.error(
                    &format!("output.formats.{doc}[{i}]"),
                    format!("the {doc} has no `{}` format", f.ext()),
                )
                .set_hint(format!("use {}", names.join(", ")));
            }
        }
    }

    // production
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
        c.text(&format!("{f}.name"), &s.name, &langs);
        c.date(&format!("{f}.planned_end"), &s.planned_end);
    }

    c.problems
}

fn check_party(c: &mut Checker, who: &str, p: &Party, _langs: &[Lang]) {
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
        check_address(c, &format!("{f}.email"), &ct.email, &p.email_domains);
        if let Some(ph) = &ct.phone {
            c.phone(&format!("{f}.phone"), ph);
        }
    }
}

/// An address must be well formed and on one of its party's official domains.
fn check_address(c: &mut Checker, field: &str, addr: &str, domains: &[String]) {
    match email_domain(addr) {
        None => {
            c.error(field, format!("`{addr}` is not an e-mail address"));
        }
        Some(d) => {
            if !domains.iter().any(|o| o.eq_ignore_ascii_case(d)) {
                let official = domains.join(", ");
                let near = did_you_mean(d, domains.iter().map(String::as_str));
                let e = c.error(
                    field,
                    format!("`{addr}` is not on an official domain ({official})"),
                );
                match near {
                    Some(n) => e.set_hint(format!(
                        "`{d}` looks like `{n}` but is not: impostor addresses are made this way. Check the address by phone before you use it"
                    )),
                    None => e.set_hint(format!(
                        "official mail comes only from {official}; if `{d}` is genuinely theirs, add it to `email_domains` after confirming by phone"
                    )),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_and_addresses() {
        assert!(valid_domain("hengli-kitchen.com"));
        assert!(valid_domain("mail.nordichome.se"));
        assert!(!valid_domain("localhost"));
        assert!(!valid_domain("-a.com"));
        assert!(!valid_domain("a@b.com"));
        assert_eq!(
            email_domain("li.wei@hengli-kitchen.com"),
            Some("hengli-kitchen.com")
        );
        assert_eq!(email_domain("li wei@hengli-kitchen.com"), None);
        assert_eq!(email_domain("hengli-kitchen.com"), None);
    }
}
