//! Verify stage: what a mail *asks for*. An intent is a combination of features
//! (`language.rs`) in one sentence or clause — a change said of the payee side, a request to pay
//! somewhere, a hold on a payment until new details come, a credential asked for — never a
//! phrase alone. Context turns a use into a mention: a negation governing the word ("we never
//! change bank details by e-mail"), a condition or a generic quantifier ("if our bank details
//! ever change", "any change of account"), talk about fraud with hearsay or possibility
//! ("fraudsters may claim that our account changed"), the language of a rule ("a change shall
//! take effect only after a call-back"), or quotation marks.

use super::context;
use super::language::{Feats, F};
use super::scan::{self, Mark};

/// Where a request to pay sends the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// To details in an attachment or letter.
    Attached,
    /// To details given below in the mail.
    Below,
    /// To a new, other or different account, or "instead".
    Other,
}

/// What a sentence asks for or does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// The payee side is said to change (new, updated, frozen, under audit…).
    Change,
    /// A request to pay to details other than the contract's.
    Redirect(Where),
    /// A payment is to be held until new details come.
    Hold,
    /// Payment outside the letter of credit, or the credit's beneficiary or banks changed.
    LcDivert,
    /// Steering away from the call-back.
    NoCall,
    /// Confirmation by e-mail offered instead of the call-back.
    MailOnly,
    /// Secrecy asked for.
    Secrecy,
    /// Another phone number offered for confirmation (not one on file).
    NewNumber,
    /// A password, login or code asked for, or a log-in lure.
    Credential,
    /// Hurry.
    Pressure,
    /// An official-sounding reason.
    Pretext,
}

impl Intent {
    /// Whether the intent concerns where money goes (change, redirect, hold, L/C divert).
    pub fn is_payment(self) -> bool {
        matches!(
            self,
            Intent::Change | Intent::Redirect(_) | Intent::Hold | Intent::LcDivert
        )
    }
}

/// One intent found: the sentence it is in and the word that triggered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// What it asks for.
    pub intent: Intent,
    /// Byte range of the triggering word in the text.
    pub at: usize,
    /// End of that range.
    pub end: usize,
    /// Byte range of its sentence.
    pub sentence: (usize, usize),
}

/// What the finder needs from the deal.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Whether the deal is paid by letter of credit.
    pub lc: bool,
    /// Phone numbers on file, digits only.
    pub phones: Vec<String>,
}

/// Most hits kept per intent and range: a mail padded with ten thousand requests is flagged by
/// the first ones and stays fast.
const MAX_PER_INTENT: usize = 8;

/// Every intent in `text[lo..hi]` for each range, in order. `lower` is `text` with ASCII
/// letters lowercased (same byte offsets).
pub fn find(text: &str, lower: &str, ranges: &[(usize, usize)], known: &Known) -> Vec<Hit> {
    let mut out = Vec::new();
    for &(lo, hi) in ranges {
        let marks = scan::marks(lower, lo, hi);
        let sents = scan::sentences(lower, lo, hi);
        let mut first = 0;
        let groups: Vec<(usize, usize, usize, usize)> = sents
            .iter()
            .map(|&(a, b)| {
                while first < marks.len() && marks[first].at < a {
                    first += 1;
                }
                let mut last = first;
                while last < marks.len() && marks[last].end <= b {
                    last += 1;
                }
                (a, b, first, last)
            })
            .collect();
        let mut found = Vec::new();
        for (i, &(a, b, m0, m1)) in groups.iter().enumerate() {
            let s = Sentence::new(lower, (a, b), &marks[m0..m1]);
            // The next two sentences, for a hold whose reason follows it.
            let after: Feats = groups[i + 1..(i + 3).min(groups.len())]
                .iter()
                .fold(Feats::default(), |acc, &(_, _, x, y)| {
                    marks[x..y].iter().fold(acc, |f, m| Feats(f.0 | m.feats.0))
                });
            s.intents(text, known, after, &mut found);
        }
        for hit in found {
            let n = out.iter().filter(|h: &&Hit| h.intent == hit.intent).count();
            if n < MAX_PER_INTENT {
                out.push(hit);
            }
        }
    }
    out
}

/// One sentence: its marks, the clause of each, and what the whole sentence holds.
struct Sentence<'a> {
    lower: &'a str,
    range: (usize, usize),
    marks: &'a [Mark],
    /// Clause boundaries of the sentence (byte offsets), computed once.
    breaks: Vec<usize>,
    clause: Vec<usize>,
    all: Feats,
}

impl<'a> Sentence<'a> {
    fn new(lower: &'a str, range: (usize, usize), marks: &'a [Mark]) -> Sentence<'a> {
        let breaks = scan::clause_breaks(lower, range.0, range.1);
        let clause = marks
            .iter()
            .map(|m| breaks.partition_point(|&b| b < m.at))
            .collect();
        let all = marks
            .iter()
            .fold(Feats::default(), |f, m| Feats(f.0 | m.feats.0));
        Sentence {
            lower,
            range,
            marks,
            breaks,
            clause,
            all,
        }
    }

    fn has(&self, f: F) -> bool {
        self.all.has(f)
    }

    fn any(&self, fs: &[F]) -> bool {
        fs.iter().any(|f| self.has(*f))
    }

    /// Marks with `f` in the clause of mark `k`.
    fn in_clause(&self, k: usize, f: F) -> bool {
        self.marks
            .iter()
            .enumerate()
            .any(|(j, m)| self.clause[j] == self.clause[k] && m.feats.has(f))
    }

    /// Whether a mark with `f` stands within `n` tokens before mark `k` (`zh_n` for Chinese),
    /// in the same clause.
    fn before(&self, k: usize, f: F, n: usize, zh_n: usize) -> bool {
        // Marks are in text order: walk back only as far as the widest window reaches.
        let reach = n.max(zh_n);
        (0..k)
            .rev()
            .take_while(|&j| {
                self.marks[k].pos - self.marks[j].pos <= reach && self.clause[j] == self.clause[k]
            })
            .any(|j| {
                let m = self.marks[j];
                m.feats.has(f) && self.marks[k].pos - m.pos <= if m.zh { zh_n } else { n }
            })
    }

    /// Whether a negation governs mark `k`: a negator at most 4 words (8 Chinese characters)
    /// before it in its clause.
    fn negated(&self, k: usize) -> bool {
        self.before(k, F::Negator, 4, 8)
    }

    /// Whether mark `k` is said under a condition (`if…`, `如有…`).
    fn hypothetical(&self, k: usize) -> bool {
        self.marks[..k]
            .iter()
            .enumerate()
            .any(|(j, m)| m.feats.has(F::Condition) && self.clause[j] == self.clause[k])
    }

    /// Whether a change is said of any case (`any change`, `任何变更`), not of this one.
    fn generic(&self, k: usize) -> bool {
        self.before(k, F::Generic, 3, 4)
    }

    /// Whether mark `k` is used, not mentioned: not negated, not hypothetical, not in quotes.
    fn used(&self, k: usize) -> bool {
        let m = self.marks[k];
        !self.negated(k)
            && !self.hypothetical(k)
            && !context::mentioned(self.lower, m.at, m.end - m.at)
    }

    /// Whether the sentence states a policy: talk about fraud with hearsay, possibility,
    /// negation or a condition, or the language of a rule with one of those.
    fn policy(&self) -> bool {
        let hedged = self.any(&[F::Modal, F::Negator, F::Condition, F::Generic]);
        // A contract's procedure stacks rule words (call-back, verification, approval: 回拨
        // 核实…批准); a request steering away from the call does not.
        let rules = self.marks.iter().filter(|m| m.feats.has(F::Rule)).count();
        let procedure = rules >= 2 && !self.any(&[F::NoCall, F::MailOnly]);
        (self.has(F::Fraud) && (hedged || self.any(&[F::InMail, F::Rule])))
            || (self.has(F::Rule) && hedged)
            || procedure
    }

    /// Whether mark `k` is the payee side: a payee word, or "account"/"bank" with money talk
    /// in the sentence, or our own, or a change right beside it.
    fn object(&self, k: usize) -> bool {
        let m = self.marks[k];
        if m.feats.has(F::Payee) {
            return true;
        }
        if !m.feats.has(F::Account) {
            return false;
        }
        let money = self.any(&[F::Money, F::Pay, F::Payee, F::Tt, F::Lc]);
        let beside = self.marks.iter().enumerate().any(|(j, x)| {
            self.clause[j] == self.clause[k]
                && x.feats.has(F::Change)
                && x.pos.abs_diff(m.pos) <= if x.zh { 8 } else { 6 }
        });
        money || beside || self.before(k, F::Own, 5, 4) || self.before(k, F::Toward, 3, 3)
    }

    fn hit(&self, intent: Intent, k: usize) -> Hit {
        let m = self.marks[k];
        Hit {
            intent,
            at: m.at,
            end: m.end,
            sentence: self.range,
        }
    }

    /// Every intent of this sentence into `out`.
    fn intents(&self, text: &str, known: &Known, after: Feats, out: &mut Vec<Hit>) {
        if self.marks.is_empty() || self.policy() {
            return;
        }
        let mut payment = false;
        if let Some(h) = self.change() {
            out.push(h);
            payment = true;
        }
        if let Some(h) = self.redirect() {
            out.push(h);
            payment = true;
        }
        if let Some(h) = self.hold(after) {
            out.push(h);
            payment = true;
        }
        if known.lc {
            out.extend(self.lc_divert());
        }
        out.extend(self.credential());
        self.bypass(text, known, payment, out);
        for (k, m) in self.marks.iter().enumerate() {
            if m.feats.has(F::Pressure) && self.used(k) {
                out.push(self.hit(Intent::Pressure, k));
            }
            if m.feats.has(F::Pretext) && !self.negated(k) {
                out.push(self.hit(Intent::Pretext, k));
            }
        }
    }

    /// The payee side changes: a change word near a payee object in its clause, a "new" right
    /// before one, or "the old account" with a change, hold or negation.
    fn change(&self) -> Option<Hit> {
        for (k, m) in self.marks.iter().enumerate() {
            if !self.object(k)
                || self.hypothetical(k)
                || self.generic(k)
                || self.in_clause(k, F::Same)
            {
                continue;
            }
            let near = self.marks.iter().enumerate().find(|(j, x)| {
                x.feats.has(F::Change)
                    && self.clause[*j] == self.clause[k]
                    && x.pos.abs_diff(m.pos) <= if x.zh { 12 } else { 7 }
                    && self.used(*j)
                    && !self.generic(*j)
            });
            if let Some((j, _)) = near {
                return Some(self.hit(Intent::Change, j));
            }
            let fresh = (0..k).rev().find(|&j| {
                self.marks[j].feats.has(F::Fresh)
                    && self.clause[j] == self.clause[k]
                    && m.pos - self.marks[j].pos <= 3
                    && self.used(j)
            });
            let account_only = !m.feats.has(F::Payee);
            if let Some(j) = fresh {
                // "a new account" alone is a customer account; ours, or with money, is a payee.
                let sure =
                    !account_only || self.any(&[F::Money, F::Pay, F::Own, F::Toward, F::Lc, F::Tt]);
                if sure {
                    return Some(self.hit(Intent::Change, j));
                }
            }
            if self.before(k, F::Old, 3, 4) && self.any(&[F::Negator, F::Hold, F::Change]) {
                return Some(self.hit(Intent::Change, k));
            }
        }
        None
    }

    /// A request to pay to details elsewhere than the contract's.
    fn redirect(&self) -> Option<Hit> {
        let shift = self.has(F::Shift);
        for (k, m) in self.marks.iter().enumerate() {
            let pays =
                m.feats.has(F::Pay) || (m.feats.has(F::PayWeak) && self.in_clause(k, F::Money));
            if !pays || !self.used(k) || self.in_clause(k, F::Done) {
                continue;
            }
            let first_in_clause = self.clause[k]
                != self
                    .clause
                    .get(k.wrapping_sub(1))
                    .copied()
                    .unwrap_or(usize::MAX)
                && self.imperative_start(k);
            let asked = self.marks[..=k]
                .iter()
                .enumerate()
                .any(|(j, x)| x.feats.has(F::Request) && self.clause[j] <= self.clause[k])
                || first_in_clause
                || (m.zh && m.feats.has(F::Toward));
            if !asked {
                continue;
            }
            let rest: Vec<(usize, &Mark)> = self
                .marks
                .iter()
                .enumerate()
                .skip(k + 1)
                .filter(|(j, x)| self.clause[*j] == self.clause[k] && x.pos - m.pos <= 14)
                .collect();
            let other = shift
                || rest.iter().any(|(_, x)| {
                    x.feats.has(F::Fresh) || x.feats.has(F::Instead) || x.feats.has(F::Change)
                });
            let contract = rest
                .iter()
                .any(|(_, x)| x.feats.has(F::Contract) || x.feats.has(F::Same));
            if contract && !other {
                continue;
            }
            let attached = rest.iter().any(|(_, x)| {
                x.feats.has(F::Elsewhere) && {
                    let w = &self.lower[x.at..x.end];
                    w.starts_with("attach")
                        || w == "enclosed"
                        || w == "letter"
                        || w.starts_with('附')
                }
            });
            let below = rest.iter().any(|(_, x)| x.feats.has(F::Elsewhere));
            let to_object = rest.iter().any(|(j, x)| {
                (x.feats.has(F::Payee) || x.feats.has(F::Account)) && self.object(*j)
            });
            let place = if other && (to_object || below) {
                Where::Other
            } else if attached {
                Where::Attached
            } else if below {
                Where::Below
            } else {
                continue;
            };
            return Some(self.hit(Intent::Redirect(place), k));
        }
        None
    }

    /// Whether mark `k` opens its clause as an imperative ("Remit to…", "Pay the balance to…").
    fn imperative_start(&self, k: usize) -> bool {
        let m = self.marks[k];
        let lo = if self.clause[k] == 0 {
            self.range.0
        } else {
            self.breaks
                .get(self.clause[k] - 1)
                .map_or(self.range.0, |&b| {
                    b + self.lower[b..].chars().next().map_or(1, char::len_utf8)
                })
        };
        let head = &self.lower[lo.min(m.at)..m.at];
        !m.zh && head.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
    }

    /// A payment held until new details come: a hold word with a payment beside it, and the
    /// payee side, a change or "until" in this sentence or the two after it.
    fn hold(&self, after: Feats) -> Option<Hit> {
        for (k, m) in self.marks.iter().enumerate() {
            if !m.feats.has(F::Hold) || self.negated(k) || self.hypothetical(k) {
                continue;
            }
            if self.in_clause(k, F::Done) {
                continue;
            }
            let paid = self.marks.iter().enumerate().any(|(j, x)| {
                (x.feats.has(F::Money) || x.feats.has(F::Pay))
                    && self.clause[j] == self.clause[k]
                    && x.pos.abs_diff(m.pos) <= if m.zh { 8 } else { 6 }
            });
            let why = [F::Payee, F::Change, F::Fresh, F::Until]
                .iter()
                .any(|f| self.has(*f) || after.has(*f))
                || self.any(&[F::Account]) && after.any_of(&[F::Change, F::Fresh]);
            if paid && why {
                return Some(self.hit(Intent::Hold, k));
            }
        }
        None
    }

    /// On a letter-of-credit deal: payment by T/T instead of the credit, "discrepancies, pay
    /// directly", or an amendment of the credit's beneficiary, bank or account.
    fn lc_divert(&self) -> Option<Hit> {
        let pick = |f: F| {
            self.marks
                .iter()
                .enumerate()
                .find(|(k, m)| m.feats.has(f) && self.used(*k))
                .map(|(k, _)| k)
        };
        let instead = self.any(&[F::Instead, F::Change, F::Fresh]);
        if let Some(k) = pick(F::Tt).filter(|_| instead || self.has(F::Discrepancy)) {
            return Some(self.hit(Intent::LcDivert, k));
        }
        if let Some(k) = pick(F::Discrepancy).filter(|_| self.any(&[F::Pay, F::Instead])) {
            return Some(self.hit(Intent::LcDivert, k));
        }
        if let Some(k) = pick(F::Amend).filter(|_| self.any(&[F::Payee, F::Account])) {
            return Some(self.hit(Intent::LcDivert, k));
        }
        if let Some(k) = pick(F::Documents).filter(|_| self.has(F::Instead) && self.has(F::Own)) {
            return Some(self.hit(Intent::LcDivert, k));
        }
        pick(F::Lc)
            .filter(|_| self.has(F::Instead) && self.has(F::Pay))
            .map(|k| self.hit(Intent::LcDivert, k))
    }

    /// A credential asked for (not our policy about it), or a log-in lure about a mailbox or
    /// account.
    fn credential(&self) -> Option<Hit> {
        for (k, m) in self.marks.iter().enumerate() {
            if m.feats.has(F::Credential) {
                if context::credential_policy(self.lower, m.at, m.end - m.at)
                    || self.hypothetical(k)
                    || self
                        .marks
                        .iter()
                        .any(|x| x.feats.has(F::Reset) && x.pos.abs_diff(m.pos) <= 4)
                    || self.before(k, F::Change, 3, 3)
                {
                    continue;
                }
                // Asked for in its sentence, or "your login details" said as what is missing.
                if self.any(&[F::Share, F::Request, F::Phish]) || self.before(k, F::Yours, 3, 3) {
                    return Some(self.hit(Intent::Credential, k));
                }
            }
            // "verify your account", "your mailbox expires": a lure; "log in to the bank as
            // usual" is only one when it is about a mailbox or a credential.
            let lure = (m.feats.has(F::Phish) && (self.has(F::Account) || self.mailbox()))
                || (m.feats.has(F::LogIn) && (self.has(F::Credential) || self.mailbox()))
                || (m.feats.has(F::Phish) && self.has(F::Credential));
            if lure && self.used(k) && !self.has(F::Reset) {
                return Some(self.hit(Intent::Credential, k));
            }
        }
        None
    }

    fn mailbox(&self) -> bool {
        let s = &self.lower[self.range.0..self.range.1];
        s.contains("mailbox") || s.contains("邮箱") || s.contains("email account")
    }

    /// Steering away from the call-back: no-call phrases (not "do not call the number in an
    /// e-mail"), confirmation by mail, secrecy, another number.
    fn bypass(&self, text: &str, known: &Known, payment: bool, out: &mut Vec<Hit>) {
        for (k, m) in self.marks.iter().enumerate() {
            let intent = if m.feats.has(F::NoCall) {
                Intent::NoCall
            } else if m.feats.has(F::MailOnly) {
                Intent::MailOnly
            } else if m.feats.has(F::Secrecy) {
                Intent::Secrecy
            } else if m.feats.has(F::NewNumber) {
                Intent::NewNumber
            } else {
                continue;
            };
            if self.has(F::InMail)
                || self.hypothetical(k)
                || context::mentioned(self.lower, m.at, m.end - m.at)
            {
                continue;
            }
            // "no need to call" is itself negative; other phrases are negated by a negator.
            if intent != Intent::NoCall && self.negated(k) {
                continue;
            }
            if intent == Intent::NewNumber {
                let (lo, hi) = (m.at, (self.range.1 + 80).min(text.len()));
                let fresh = phones_in(text, lo, hi).iter().any(|p| {
                    !known
                        .phones
                        .iter()
                        .any(|k| k.ends_with(p.as_str()) || p.ends_with(k.as_str()))
                });
                if !fresh && !payment {
                    continue;
                }
            }
            out.push(self.hit(intent, k));
        }
    }
}

impl Feats {
    /// Whether any of `fs` is in the set.
    pub fn any_of(self, fs: &[F]) -> bool {
        fs.iter().any(|f| self.has(*f))
    }
}

/// Phone numbers written in `text[lo..hi]` (7 to 15 digits, with `+`, spaces, dots, dashes or
/// brackets between), digits only.
pub fn phones_in(text: &str, lo: usize, hi: usize) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let (lo, hi) = (lo.min(b.len()), hi.min(b.len()));
    let mut i = lo;
    while i < hi {
        if b[i].is_ascii_digit() || (b[i] == b'+' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let mut digits = String::new();
            let mut j = i;
            while j < hi && (b[j].is_ascii_digit() || b" +-.()".contains(&b[j])) {
                if b[j].is_ascii_digit() {
                    digits.push(b[j] as char);
                }
                j += 1;
            }
            if (7..=15).contains(&digits.len()) {
                out.push(digits);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests;
