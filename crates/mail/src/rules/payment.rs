//! Verify stage: the signs of what a mail asks for about money and access — a change of the
//! payee side, a request to pay elsewhere, a hold, payment outside the credit, a credential,
//! the call-back steered away from — and the bank details it offers as where to pay, weighed
//! by whose they are (payee or payer), where they stand (what the sender wrote, an
//! attachment, a forward; not the quoted thread) and who sent the mail.

use super::{both, classify, sign, Class};
use crate::bank::{self, Details, Found, Kind, Role};
use crate::domains;
use crate::intent::{self, Hit, Intent, Where};
use crate::language::{excerpt, SignKind};
use crate::mail::{Mail, Source};
use crate::scan;
use crate::{Facts, Level, Sign};

/// Who sent the mail, as far as money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sender {
    /// The payee's own domain (the seller's): its details speak for the payee.
    Payee,
    /// The payer's own domain (the buyer's): details it gives are normally its own.
    Payer,
    /// A look-alike, free mail or no readable address.
    Doubtful,
    /// Anyone else (a forwarder, an inspector, a bank, a newsletter).
    Unrelated,
}

fn sender(deal: &Facts, mail: &Mail) -> Sender {
    let Some(d) = mail
        .from
        .first()
        .and_then(|a| domains::of_address(&a.address))
    else {
        return Sender::Doubtful;
    };
    match classify(deal, &d) {
        Class::Known(0, _) => Sender::Payee,
        Class::Known(..) => Sender::Payer,
        Class::LookAlike(..) => Sender::Doubtful,
        Class::Unrelated if d.is_free_mail() => Sender::Doubtful,
        Class::Unrelated => Sender::Unrelated,
    }
}

/// The stretches of the text the rules read: the subject, what the sender wrote in each body
/// part (not the quoted thread), attachments and forwarded mails whole. Each with whether it
/// is a body part (for comparing the plain and HTML versions).
fn ranges(mail: &Mail) -> Vec<(usize, usize, Option<bool>)> {
    if mail.parts.is_empty() {
        return crate::quote::own_ranges(&mail.text, 0, mail.text.len())
            .into_iter()
            .map(|(a, b)| (a, b, None))
            .collect();
    }
    let mut out = Vec::new();
    for p in &mail.parts {
        let (lo, hi) = (p.range.start, p.range.end.min(mail.text.len()));
        match &p.source {
            Source::Plain | Source::Html => {
                let html = Some(p.source == Source::Html);
                out.extend(
                    crate::quote::own_ranges(&mail.text, lo, hi)
                        .into_iter()
                        .map(|(a, b)| (a, b, html)),
                );
            }
            _ => out.push((lo, hi, None)),
        }
    }
    out
}

/// The payment and access signs of one mail.
pub(crate) fn check(deal: &Facts, mail: &Mail, out: &mut Vec<Sign>) {
    let text = &mail.text;
    let lower = text.to_ascii_lowercase();
    let parts = ranges(mail);
    let spans: Vec<(usize, usize)> = parts.iter().map(|&(a, b, _)| (a, b)).collect();
    let hits = intent::find(text, &lower, &spans, &deal.known);
    let details = bank::find(text, &lower, &spans, &deal.contract);
    let from = sender(deal, mail);
    let payment = hits.iter().any(|h| h.intent.is_payment());
    let changed = bank_signs(deal, &details, from, payment, out);
    intent_signs(text, &hits, &details, changed, out);
    hidden(deal, mail, from, out);
    parts_differ(deal, text, &lower, &parts, &hits, out);
}

fn label(kind: Kind) -> [String; 2] {
    let (en, zh) = match kind {
        Kind::Iban => ("IBAN", "IBAN"),
        Kind::Swift => ("SWIFT/BIC", "SWIFT/BIC 代码"),
        Kind::Account => ("account number", "账号"),
        Kind::Bank => ("bank", "开户行"),
        Kind::Holder => ("account holder", "户名"),
    };
    [en.to_string(), zh.to_string()]
}

fn contract_value(deal: &Facts, kind: Kind) -> String {
    let c = &deal.contract;
    match kind {
        Kind::Iban | Kind::Account => c.account.clone(),
        Kind::Swift => c.swift.clone(),
        Kind::Bank => c.banks.first().cloned().unwrap_or_default(),
        Kind::Holder => c.holders.first().cloned().unwrap_or_default(),
    }
}

/// Bank details: the contract's are a note; others are a strong sign when they are offered as
/// where to pay by a sender that speaks for the payee (or claims to), and a note when they
/// are a third party's own account on its own invoice or the payer's own. Returns whether a
/// detail was judged changed.
fn bank_signs(deal: &Facts, d: &Details, from: Sender, payment: bool, out: &mut Vec<Sign>) -> bool {
    let holder_is_payee = d
        .found
        .iter()
        .any(|f| f.kind == Kind::Holder && f.same_as_contract && f.role != Role::Payer);
    let mut changed = false;
    let mut same_noted: Vec<Kind> = Vec::new();
    for f in d.found.iter().filter(|f| f.role != Role::Payer) {
        if f.same_as_contract {
            if !same_noted.contains(&f.kind)
                && matches!(f.kind, Kind::Iban | Kind::Account | Kind::Swift)
            {
                same_noted.push(f.kind);
                let args = vec![label(f.kind), both(&f.value)];
                out.push(sign(
                    SignKind::BankSame,
                    Level::Note,
                    args,
                    f.excerpt.clone(),
                ));
            }
            continue;
        }
        if judged_changed(f, from, payment, holder_is_payee) {
            changed = true;
            let args = vec![
                label(f.kind),
                both(&f.value),
                both(contract_value(deal, f.kind)),
            ];
            out.push(sign(
                SignKind::BankChanged,
                Level::Strong,
                args,
                f.excerpt.clone(),
            ));
        } else if matches!(f.kind, Kind::Iban | Kind::Account) {
            let args = vec![label(f.kind), both(&f.value)];
            out.push(sign(
                SignKind::ThirdPartyAccount,
                Level::Note,
                args,
                f.excerpt.clone(),
            ));
        }
    }
    if d.more > 0 {
        let n = d.more.to_string();
        out.push(sign(
            SignKind::BankMore,
            Level::Note,
            vec![both(n)],
            String::new(),
        ));
    }
    changed
}

/// Whether a detail that differs from the contract is a changed payee detail.
fn judged_changed(f: &Found, from: Sender, payment: bool, holder_is_payee: bool) -> bool {
    if payment || holder_is_payee {
        return true;
    }
    match from {
        Sender::Payee | Sender::Doubtful => true,
        // The buyer's own details (its account on a payment advice), or a third party's
        // account on its own invoice: only when explicitly the payee of the deal.
        Sender::Payer => f.role == Role::Payee && matches!(f.kind, Kind::Iban | Kind::Account),
        Sender::Unrelated => false,
    }
}

fn trigger(text: &str, h: &Hit) -> String {
    text.get(h.at..h.end).unwrap_or_default().to_string()
}

fn evidence(text: &str, h: &Hit) -> String {
    let (a, b) = h.sentence;
    if b - a <= 200 {
        text.get(a..b)
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        excerpt(text, h.at, h.end - h.at)
    }
}

/// One sign per kind of intent (the first hit), with its level: payment and credential
/// intents strong; steering away from the call-back a warning on its own, strong with a
/// payment intent; secrecy, mail-only confirmation, pressure and pretexts only beside one.
fn intent_signs(text: &str, hits: &[Hit], d: &Details, changed: bool, out: &mut Vec<Sign>) {
    let payment = hits.iter().any(|h| h.intent.is_payment()) || changed;
    let attack = payment || hits.iter().any(|h| h.intent == Intent::Credential);
    let same_given = d
        .found
        .iter()
        .any(|f| f.same_as_contract && f.role != Role::Payer)
        && !changed;
    let mut done: Vec<SignKind> = Vec::new();
    for h in hits {
        let (kind, level) = match h.intent {
            Intent::Change => (SignKind::PaymentChange, Level::Strong),
            Intent::Redirect(w) => match w {
                _ if changed => (SignKind::PayElsewhere, Level::Strong),
                Where::Other => (SignKind::PayElsewhere, Level::Strong),
                Where::Attached if !same_given => (SignKind::PayElsewhere, Level::Strong),
                Where::Below if !same_given => (SignKind::PayElsewhere, Level::Warning),
                _ => continue,
            },
            Intent::Hold => (SignKind::HoldPayment, Level::Strong),
            Intent::LcDivert => (SignKind::LcDivert, Level::Strong),
            Intent::Credential => (SignKind::Credential, Level::Strong),
            Intent::NoCall if payment => (SignKind::NoCall, Level::Strong),
            Intent::NoCall => (SignKind::NoCall, Level::Warning),
            Intent::NewNumber => (SignKind::NewNumber, Level::Warning),
            Intent::MailOnly if attack => (SignKind::MailOnly, Level::Warning),
            Intent::Secrecy if attack => (SignKind::Secrecy, Level::Warning),
            Intent::Pressure | Intent::Pretext if attack => (SignKind::Pressure, Level::Warning),
            _ => continue,
        };
        if done.contains(&kind) {
            continue;
        }
        done.push(kind);
        out.push(sign(
            kind,
            level,
            vec![both(trigger(text, h))],
            evidence(text, h),
        ));
    }
}

/// Text hidden from the reader: strong when it asks for anything, a warning when it speaks of
/// the payee side or credentials at all (a hidden "we never" that would turn a request into
/// policy is such a text too).
fn hidden(deal: &Facts, mail: &Mail, from: Sender, out: &mut Vec<Sign>) {
    use crate::language::F;
    for h in &mail.hidden {
        let t = &h.text;
        let lower = t.to_ascii_lowercase();
        let hits = intent::find(t, &lower, &[(0, t.len())], &deal.known);
        let asks = hits
            .iter()
            .find(|x| x.intent.is_payment() || x.intent == Intent::Credential);
        let level = if asks.is_some() {
            Level::Strong
        } else {
            let marks = scan::marks(&lower, 0, t.len());
            let speaks = marks.iter().any(|m| {
                m.feats.has(F::Payee) || m.feats.has(F::Credential) || m.feats.has(F::Change)
            });
            if !speaks || from == Sender::Unrelated {
                continue;
            }
            Level::Warning
        };
        let shown: String = t.chars().take(120).collect();
        let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(sign(
            SignKind::HiddenText,
            level,
            vec![both(&shown)],
            shown.clone(),
        ));
        return;
    }
}

/// The plain and HTML versions of the body disagree on a request or on bank details.
fn parts_differ(
    deal: &Facts,
    text: &str,
    lower: &str,
    parts: &[(usize, usize, Option<bool>)],
    hits: &[Hit],
    out: &mut Vec<Sign>,
) {
    let bodies: Vec<&(usize, usize, Option<bool>)> =
        parts.iter().filter(|p| p.2.is_some()).collect();
    let has_plain = bodies.iter().any(|p| p.2 == Some(false));
    let has_html = bodies.iter().any(|p| p.2 == Some(true));
    if !(has_plain && has_html) {
        return;
    }
    let said = |html: bool| -> (bool, Vec<String>) {
        let inside = |at: usize| {
            bodies
                .iter()
                .any(|p| p.2 == Some(html) && at >= p.0 && at < p.1)
        };
        let asks = hits
            .iter()
            .any(|h| (h.intent.is_payment() || h.intent == Intent::Credential) && inside(h.at));
        // Each version's details found on their own: the finder keeps a value once per call.
        let spans: Vec<(usize, usize)> = bodies
            .iter()
            .filter(|p| p.2 == Some(html))
            .map(|p| (p.0, p.1))
            .collect();
        let mut values: Vec<String> = bank::find(text, lower, &spans, &deal.contract)
            .found
            .iter()
            .filter(|f| matches!(f.kind, Kind::Iban | Kind::Account))
            .map(|f| bank::normalise(&f.value))
            .collect();
        values.sort();
        values.dedup();
        (asks, values)
    };
    let (plain, html) = (said(false), said(true));
    if plain != html {
        let what = if plain.0 != html.0 {
            [
                "one asks for a payment change or a login, the other does not",
                "其中一个版本要求变更付款或提供登录信息，另一个没有",
            ]
        } else {
            ["they give different bank details", "两个版本的银行信息不同"]
        };
        let args = vec![[what[0].to_string(), what[1].to_string()]];
        out.push(sign(
            SignKind::PartsDiffer,
            Level::Warning,
            args,
            String::new(),
        ));
    }
}
