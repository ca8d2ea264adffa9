//! Load stage: mail domains and addresses of the deal profile — well formed, on the party's
//! own domains, not shared between the parties, not a free mail service.

use super::Checker;
use crate::diag::did_you_mean;
use crate::profile::deal::Profile;
use dealguard_mail::domains::Domain;

/// Whether `d` is a plausible mail domain such as `hengli-kitchen.com`.
pub(super) fn valid_domain(d: &str) -> bool {
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
pub(super) fn email_domain(addr: &str) -> Option<&str> {
    let (local, domain) = addr.rsplit_once('@')?;
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._+-'".contains(c));
    (local_ok && valid_domain(domain)).then_some(domain)
}

/// The parties' domains: none shared between them, none of the seller's a free mail service
/// (`dealguard_mail::domains::FREE_MAIL`, the list `verify` reads senders by).
pub(super) fn check_domains(c: &mut Checker, p: &Profile) {
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
        if Domain::parse(d).is_some_and(|d| d.is_free_mail()) {
            c.warning(&format!("seller.email_domains[{i}]"), format!("`{d}` is a free mail service"))
                .set_hint("anyone can open an address there; official mail should come from the company's own domain");
        }
    }
}

/// An address must be well formed and on one of its party's official domains.
pub(super) fn check_address(c: &mut Checker, field: &str, addr: &str, domains: &[String]) {
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

/// Local parts of shared role mailboxes (`finance@`, `info@`…), the one list dealguard keeps.
/// A Named Contact is a person with an account of their own: a mailbox that several people
/// read cannot show who wrote, and its password is shared by design. An address is a shared
/// mailbox when its local part, without digits and separators, is one of these words, or
/// when every word of it is (`sales.team@`, `it-support@`, `finance2@`).
pub const GENERIC_MAILBOXES: [&str; 51] = [
    "account",
    "accounting",
    "accounts",
    "admin",
    "administrator",
    "ap",
    "ar",
    "billing",
    "business",
    "contact",
    "cs",
    "customer",
    "customerservice",
    "dept",
    "department",
    "enquiries",
    "enquiry",
    "export",
    "finance",
    "general",
    "hello",
    "help",
    "hr",
    "import",
    "info",
    "inquiry",
    "it",
    "logistics",
    "mail",
    "marketing",
    "noreply",
    "office",
    "operations",
    "order",
    "orders",
    "payment",
    "payments",
    "procurement",
    "purchase",
    "purchasing",
    "qc",
    "quality",
    "reception",
    "sales",
    "security",
    "service",
    "services",
    "shipping",
    "support",
    "team",
    "trade",
];

/// Whether an address is a shared role mailbox (see `GENERIC_MAILBOXES`).
pub(super) fn is_generic_mailbox(addr: &str) -> bool {
    let Some((local, _)) = addr.rsplit_once('@') else {
        return false;
    };
    let local = local.to_ascii_lowercase();
    let generic =
        |w: &str| GENERIC_MAILBOXES.contains(&w.trim_end_matches(|c: char| c.is_ascii_digit()));
    let joined: String = local.chars().filter(char::is_ascii_alphabetic).collect();
    let words: Vec<&str> = local
        .split(['.', '-', '_', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    generic(&joined) || (!words.is_empty() && words.iter().all(|w| generic(w)))
}

/// A Named Contact's address must be the person's own, not a shared mailbox.
pub(super) fn check_named_account(c: &mut Checker, field: &str, addr: &str) {
    if email_domain(addr).is_some() && is_generic_mailbox(addr) {
        c.warning(
            field,
            format!("`{addr}` is a shared mailbox, not a named account: the schedule's Named Contacts are persons, and anyone who reads a shared mailbox can write as this contact"),
        )
        .set_hint("give the person's own address, such as `firstname.lastname@…`; a shared mailbox may receive copies, but it is not a contact");
    }
}
