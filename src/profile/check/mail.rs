//! Load stage: mail domains and addresses of the deal profile — well formed, on the party's
//! own domains, not shared between the parties, not a free mail service.

use super::Checker;
use crate::diag::did_you_mean;
use crate::profile::deal::Profile;

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

/// The parties' domains: none shared between them, none of the seller's a free mail service.
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
        if FREEMAIL.contains(&d.to_ascii_lowercase().as_str()) {
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
