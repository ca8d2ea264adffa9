//! Verify stage, senders: what the receiving server recorded in `Authentication-Results` —
//! SPF, DKIM or DMARC failed or missing for the `From` domain — and whether the `From` domain's
//! own signature passes (aligned), which makes a mail service's bounce address ordinary.
//!
//! Passes are read from the topmost header only: the receiving server adds it last, above
//! whatever the sender wrote; a sender can forge a lower header that says `pass`, not the top
//! one. Failures count from any header.

use super::super::{both, classify, sign, Class};
use crate::domains::{self, Domain};
use crate::language::{excerpt, SignKind};
use crate::mail::Mail;
use crate::{Facts, Level, Sign};

/// The `From` domain and how it relates to the deal.
pub(super) struct Origin {
    /// The `From` domain.
    pub domain: Domain,
    /// A party's domain.
    pub party: bool,
    /// A look-alike of a party's domain.
    pub lookalike: bool,
    /// The topmost results pass DKIM (or DMARC) for the `From` domain itself.
    pub aligned: bool,
}

impl Origin {
    /// The origin of the first `From` address, if it has a domain.
    pub(super) fn of(deal: &Facts, mail: &Mail) -> Option<Origin> {
        let domain = mail
            .from
            .first()
            .and_then(|a| domains::of_address(&a.address))?;
        let class = classify(deal, &domain);
        Some(Origin {
            party: matches!(class, Class::Known(..)),
            lookalike: matches!(class, Class::LookAlike(..)),
            aligned: passes(mail, &domain, false),
            domain,
        })
    }
}

/// One result of an `Authentication-Results` header: method, result, the domains it names.
struct Outcome {
    method: String,
    result: String,
    about: Vec<Domain>,
}

/// The results of one header (the first element is the server's own name).
fn outcomes(header: &str) -> impl Iterator<Item = Outcome> + '_ {
    header.split(';').skip(1).filter_map(|res| {
        let mut words = res.split_whitespace();
        let (method, result) = words.next()?.split_once('=')?;
        let about = words
            .filter_map(|w| w.split_once('='))
            .filter(|(k, _)| ["smtp.mailfrom", "header.from", "header.d", "header.i"].contains(k))
            .filter_map(|(_, v)| Domain::parse(v.rsplit('@').next().unwrap_or(v)))
            .collect();
        Some(Outcome {
            method: method.to_ascii_lowercase(),
            result: result.to_ascii_lowercase(),
            about,
        })
    })
}

impl Outcome {
    /// Whether the result is about `d`'s registrable domain (or names no domain at all).
    fn about(&self, d: &Domain) -> bool {
        self.about.is_empty()
            || self
                .about
                .iter()
                .any(|a| a.registrable() == d.registrable())
    }

    /// Whether it names `d`'s registrable domain.
    fn names(&self, d: &Domain) -> bool {
        self.about
            .iter()
            .any(|a| a.registrable() == d.registrable())
    }
}

/// Whether the topmost header passes the `From` domain: DMARC, or DKIM signed by it, or (with
/// `spf`) SPF for it — and fails none of them.
fn passes(mail: &Mail, fd: &Domain, spf: bool) -> bool {
    let Some(top) = mail.auth.first() else {
        return false;
    };
    let mut pass = false;
    for o in outcomes(top) {
        let failed = ["fail", "softfail", "permerror"].contains(&o.result.as_str());
        if failed && o.names(fd) && o.method != "spf" {
            return false;
        }
        if o.result == "pass"
            && o.names(fd)
            && (o.method == "dkim" || o.method == "dmarc" || (spf && o.method == "spf"))
        {
            pass = true;
        }
    }
    pass
}

/// Rule 4: SPF, DKIM or DMARC failed or missing for the `From` domain. A party's or a
/// look-alike's domain: `fail` is strong, `none`/`softfail` a warning — unless the topmost
/// results authenticate the domain otherwise (a party without DMARC whose SPF and DKIM pass).
/// An unrelated sender (a courier, a bank, a newsletter): `none` is a note, a failure a
/// warning.
pub(crate) fn authentication(deal: &Facts, mail: &Mail, out: &mut Vec<Sign>) {
    let Some(origin) = Origin::of(deal, mail) else {
        return;
    };
    let fd = &origin.domain;
    let related = origin.party || origin.lookalike;
    let authenticated = passes(mail, fd, true);
    let mut seen: Vec<(String, String)> = Vec::new();
    for header in &mail.auth {
        for o in outcomes(header) {
            let failure = ["fail", "softfail", "permerror"].contains(&o.result.as_str());
            if !["spf", "dkim", "dmarc"].contains(&o.method.as_str())
                || !(failure || o.result == "none")
                || !o.about(fd)
            {
                continue;
            }
            let key = (o.method.clone(), o.result.clone());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let hard = o.result == "fail" || o.result == "permerror";
            let level = match (related, authenticated, hard, failure) {
                (true, false, true, _) => Level::Strong,
                (true, false, false, _) => Level::Warning,
                (_, _, _, true) if !authenticated || hard => Level::Warning,
                _ => Level::Note,
            };
            let evidence = format!("Authentication-Results: {}", excerpt(header, 0, 0));
            let args = vec![both(&o.method), both(&o.result), both(&fd.unicode)];
            out.push(sign(SignKind::AuthFailed, level, args, evidence));
        }
    }
}
