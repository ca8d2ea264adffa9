//! Verify stage: bank details in mail text — IBANs (with their checksum), SWIFT/BIC codes
//! and account numbers next to the words that introduce them — compared with the contract's
//! account.

use super::language::{excerpt, ACCOUNT_WORDS, SWIFT_WORDS};
use memchr::memmem;

/// How far after an introducing word a number may stand (bytes; a Chinese character is 3).
const WINDOW: usize = 80;

/// The account the contract names, normalised for comparison.
#[derive(Debug, Clone, Default)]
pub struct Contract {
    /// Account number as the contract writes it.
    pub account: String,
    /// SWIFT/BIC as the contract writes it.
    pub swift: String,
    /// Phone numbers of the profile, digits only: a number near "account" that is one of
    /// them is a phone number, not an account.
    pub phones: Vec<String>,
}

/// What kind of bank detail was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An IBAN whose checksum holds.
    Iban,
    /// A SWIFT/BIC code after a word that introduces one.
    Swift,
    /// A run of 9 or more digits after a word such as `account` or `账号`.
    Account,
}

/// One bank detail found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// IBAN, SWIFT or account number.
    pub kind: Kind,
    /// As written in the mail.
    pub value: String,
    /// The text around it, on one line.
    pub excerpt: String,
    /// Whether the contract's account has the same detail.
    pub same_as_contract: bool,
}

/// Letters and digits only, uppercase: `de89 3704…` and `DE89-3704…` compare equal.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97.
pub fn iban_valid(iban: &str) -> bool {
    let s = normalise(iban);
    if !(15..=34).contains(&s.len()) || !s.as_bytes()[..2].iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    let mut rem: u32 = 0;
    for c in s[4..].chars().chain(s[..4].chars()) {
        let v = c.to_digit(36).unwrap_or(99);
        rem = if v < 10 {
            (rem * 10 + v) % 97
        } else {
            (rem * 100 + v) % 97
        };
    }
    rem == 1
}

/// Every bank detail in `text`, in order, each compared with the contract.
pub fn find(text: &str, contract: &Contract) -> Vec<Found> {
    let mut out = ibans(text, contract);
    let lower = text.to_ascii_lowercase();
    out.extend(swifts(text, &lower, contract));
    let taken: Vec<String> = out.iter().map(|f| normalise(&f.value)).collect();
    out.extend(
        accounts(text, &lower, contract)
            .into_iter()
            .filter(|f| !taken.iter().any(|t| t.contains(&normalise(&f.value)))),
    );
    out
}

fn ibans(text: &str, contract: &Contract) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let starts = b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_uppercase()
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        // Take uppercase letters and digits, with single spaces between groups.
        let mut end = i;
        let mut count = 0;
        let mut best = None;
        while end < b.len() && count < 34 {
            let c = b[end];
            if c.is_ascii_uppercase() || c.is_ascii_digit() {
                count += 1;
                end += 1;
                if count >= 15 && iban_valid(&text[i..end]) {
                    best = Some(end);
                }
            } else if c == b' ' && end + 1 < b.len() && b[end + 1].is_ascii_alphanumeric() {
                end += 1;
            } else {
                break;
            }
        }
        if let Some(e) = best {
            let value = text[i..e].to_string();
            let same = normalise(&value) == normalise(&contract.account);
            out.push(found(Kind::Iban, value, text, i, same));
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

fn found(kind: Kind, value: String, text: &str, at: usize, same: bool) -> Found {
    Found {
        kind,
        excerpt: excerpt(text, at, value.len()),
        value,
        same_as_contract: same,
    }
}

/// Byte offsets just past each occurrence of any of `words` in `lower`.
fn after_words(lower: &str, words: &[&str]) -> Vec<usize> {
    let mut v: Vec<usize> = words
        .iter()
        .flat_map(|w| memmem::find_iter(lower.as_bytes(), w.as_bytes()).map(move |p| p + w.len()))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn window(text: &str, from: usize) -> (usize, &str) {
    let mut end = (from + WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (from, text.get(from..end).unwrap_or_default())
}

fn swifts(text: &str, lower: &str, contract: &Contract) -> Vec<Found> {
    let mut out = Vec::new();
    let want = normalise(&contract.swift);
    for p in after_words(lower, SWIFT_WORDS) {
        let (base, w) = window(text, p);
        let code = w
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find(|t| is_bic(t));
        if let Some(code) = code {
            let at = base + w.find(code).unwrap_or(0);
            // An 8-letter code is the head office; `XXX` names it explicitly.
            let same = code == want
                || (want.len() == 11
                    && code.len() == 8
                    && want.ends_with("XXX")
                    && want.starts_with(code))
                || (code.len() == 11
                    && want.len() == 8
                    && code.ends_with("XXX")
                    && code.starts_with(&want));
            out.push(found(Kind::Swift, code.to_string(), text, at, same));
        }
    }
    dedup(out)
}

fn is_bic(t: &str) -> bool {
    let b = t.as_bytes();
    (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn accounts(text: &str, lower: &str, contract: &Contract) -> Vec<Found> {
    let mut out = Vec::new();
    let want: String = contract
        .account
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    for p in after_words(lower, ACCOUNT_WORDS) {
        let (base, w) = window(text, p);
        let Some((start, value)) = digit_run(w) else {
            continue;
        };
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        if contract
            .phones
            .iter()
            .any(|ph| ph.ends_with(&digits) || digits.ends_with(ph.as_str()))
        {
            continue;
        }
        let same = digits == want;
        out.push(found(
            Kind::Account,
            value.to_string(),
            text,
            base + start,
            same,
        ));
    }
    dedup(out)
}

/// The first run of 9 to 34 digits (single spaces or hyphens between groups allowed) that is
/// not a phone number (`+…`) or a date (`2026-11-20`).
fn digit_run(w: &str) -> Option<(usize, &str)> {
    let b = w.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'+'))
        {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut digits = 0;
        while end < b.len() {
            if b[end].is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if (b[end] == b' ' || b[end] == b'-')
                && end + 1 < b.len()
                && b[end + 1].is_ascii_digit()
            {
                end += 1;
            } else {
                break;
            }
        }
        let run = &w[i..end];
        let date_like = run.len() == 10 && run.as_bytes()[4] == b'-';
        if (9..=34).contains(&digits)
            && !date_like
            && !(end < b.len() && b[end].is_ascii_alphabetic())
        {
            return Some((i, run));
        }
        i = end.max(i + 1);
    }
    None
}

fn dedup(v: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for f in v {
        if !out
            .iter()
            .any(|o| normalise(&o.value) == normalise(&f.value))
        {
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract() -> Contract {
        Contract {
            account: "3561 0000 1234 5678".into(),
            swift: "BKCHCNBJ92A".into(),
            phones: vec!["8657488881250".into()],
        }
    }

    #[test]
    fn iban_checksum() {
        assert!(iban_valid("DE89 3704 0044 0532 0130 00"));
        assert!(iban_valid("GB82WEST12345698765432"));
        assert!(!iban_valid("DE89 3704 0044 0532 0130 01"));
        assert!(!iban_valid("XX"));
    }

    #[test]
    fn finds_new_details_and_recognises_the_contracts() {
        let t = "Please pay to IBAN GB82 WEST 1234 5698 7654 32, SWIFT: HSBCHKHHHKH. \
                 Our account no. 3561 0000 1234 5678 stays. 新账号：6222 0210 0100 8888 999";
        let f = find(t, &contract());
        let got: Vec<(Kind, &str, bool)> = f
            .iter()
            .map(|f| (f.kind, f.value.as_str(), f.same_as_contract))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::Iban, "GB82 WEST 1234 5698 7654 32", false),
                (Kind::Swift, "HSBCHKHHHKH", false),
                (Kind::Account, "3561 0000 1234 5678", true),
                (Kind::Account, "6222 0210 0100 8888 999", false),
            ]
        );
    }

    #[test]
    fn phones_and_dates_are_no_accounts() {
        let t = "account manager: +86 574 8888 1250; account statement of 2026-11-20; \
                 finance account team call 86 574 8888 1250";
        assert!(find(t, &contract()).is_empty());
    }
}
