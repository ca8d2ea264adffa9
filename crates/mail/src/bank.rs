//! Verify stage: bank details in mail text — IBANs (with their checksum) anywhere, and after
//! the labels that introduce them: account numbers (`Account No.`, `A/C`, `Acc No.`, 账号, 卡号;
//! digits grouped by spaces, dots or dashes, or broken over a line), SWIFT/BIC codes, bank
//! names (`Beneficiary Bank`, 开户行) and account holders (`Beneficiary`, 户名, 收款人). Each is
//! given its *role* — the payee ("beneficiary", "pay to", MT103 field 59, 收款), the payer
//! ("ordering customer", "from our account", field 50, 付款人) or unknown — and compared with
//! the contract's account. Linear in the text: every label is found once, every value read
//! in a bounded window, duplicates dropped through a set, at most `MAX_FOUND` values a kind.

use super::language::excerpt;
use memchr::memmem;
use std::collections::HashSet;

/// How far after a label a value may stand (bytes; a Chinese character is 3).
const WINDOW: usize = 80;
/// How far before a label its role may be said (bytes).
const ROLE_WINDOW: usize = 160;
/// Most distinct values kept per kind; the rest are counted.
pub const MAX_FOUND: usize = 20;

/// The account the contract names.
#[derive(Debug, Clone, Default)]
pub struct Contract {
    /// Account number as the contract writes it.
    pub account: String,
    /// SWIFT/BIC as the contract writes it.
    pub swift: String,
    /// The account bank's name, in each form the deal gives.
    pub banks: Vec<String>,
    /// The names the account may be held in: the account name and the payee's names.
    pub holders: Vec<String>,
    /// Phone numbers of the deal, digits only: a number near "account" that is one of
    /// them is a phone number, not an account.
    pub phones: Vec<String>,
}

/// What kind of bank detail was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// An IBAN whose checksum holds.
    Iban,
    /// A SWIFT/BIC code after a word that introduces one.
    Swift,
    /// A run of 8 or more digits after an account label.
    Account,
    /// A bank's name after a bank label.
    Bank,
    /// An account holder's name after a holder label.
    Holder,
}

/// Whose detail it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Where the money goes.
    Payee,
    /// Where the money comes from (a payment advice, an MT103's ordering customer).
    Payer,
    /// Not said.
    Unknown,
}

/// One bank detail found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// IBAN, SWIFT, account number, bank or holder.
    pub kind: Kind,
    /// As written in the mail.
    pub value: String,
    /// Byte offset in the text.
    pub at: usize,
    /// The text around it, on one line.
    pub excerpt: String,
    /// Whose it is.
    pub role: Role,
    /// Whether the contract's account has the same detail.
    pub same_as_contract: bool,
}

/// All bank details of a text: the first `MAX_FOUND` distinct values of each kind, and how
/// many more distinct values there were.
#[derive(Debug, Clone, Default)]
pub struct Details {
    /// The details, in text order per kind.
    pub found: Vec<Found>,
    /// Distinct values past the cap.
    pub more: usize,
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
    // An IBAN is ASCII: anything else is not one (and would not cut at byte 4).
    if !s.is_ascii()
        || !(15..=34).contains(&s.len())
        || !s.as_bytes()[..2].iter().all(u8::is_ascii_uppercase)
    {
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

/// Labels of account numbers (lowercase).
const ACCOUNT_LABELS: &[&str] = &[
    "account", "acct", "acc no", "acc. no", "a/c", "iban", "账号", "账户", "卡号", "帐号",
];
/// Labels of SWIFT/BIC codes.
const SWIFT_LABELS: &[&str] = &["swift", "bic", "银行代码", "识别码"];
/// Labels of a bank's name: the text after them on the line is the name.
const BANK_LABELS: &[&str] = &[
    "beneficiary bank",
    "beneficiary's bank",
    "bank name",
    "receiving bank",
    "bank:",
    "account with institution",
    "开户行",
    "开户银行",
    "收款银行",
    "收款行",
    "银行名称",
];
/// Labels of an account holder's name.
const HOLDER_LABELS: &[&str] = &[
    "beneficiary name",
    "beneficiary:",
    "account name",
    "account holder",
    "a/c name",
    "payee:",
    "pay to:",
    "户名",
    "收款人",
    "收款单位",
    "账户名称",
    "收款方",
];
/// Words that make what follows the payer's (lowercase).
const PAYER_WORDS: &[&str] = &[
    "ordering customer",
    "ordering institution",
    "ordering",
    "remitter",
    "remitting",
    "payer",
    "applicant",
    "from our account",
    "from account",
    "debit account",
    "debited",
    "sender",
    ":50",
    ":52",
    "付款人",
    "汇款人",
    "付款账",
    "付款行",
    "汇款行",
    "付款方",
];
/// Words that make what follows the payee's (lowercase).
const PAYEE_WORDS: &[&str] = &[
    "beneficiary",
    "payee",
    "pay to",
    "remit to",
    "transfer to",
    "credit to",
    "in favour of",
    "in favor of",
    "receiving",
    "receiver",
    ":59",
    ":57",
    "收款",
    "受益人",
    "汇至",
    "汇到",
];

/// Every bank detail in `text[lo..hi]` for each range, each compared with the contract.
/// `lower` is `text` with ASCII letters lowercased.
pub fn find(text: &str, lower: &str, ranges: &[(usize, usize)], contract: &Contract) -> Details {
    let mut d = Details::default();
    let mut seen: HashSet<(Kind, String)> = HashSet::new();
    for &(lo, hi) in ranges {
        let ibans = ibans(text, lo, hi);
        let spans: Vec<(usize, usize)> = ibans.iter().map(|(a, b)| (*a, *b)).collect();
        let mut cands: Vec<(Kind, usize, usize)> =
            ibans.into_iter().map(|(a, b)| (Kind::Iban, a, b)).collect();
        for at in after_labels(lower, lo, hi, ACCOUNT_LABELS) {
            if let Some((a, b)) = digit_run(text, at, hi) {
                let inside = spans.iter().any(|&(s, e)| a >= s && a < e);
                if !inside && !is_phone(text, a, b, contract) {
                    cands.push((Kind::Account, a, b));
                }
            }
        }
        for at in after_labels(lower, lo, hi, SWIFT_LABELS) {
            if let Some((a, b)) = bic(text, at, hi) {
                cands.push((Kind::Swift, a, b));
            }
        }
        for (kind, labels) in [(Kind::Bank, BANK_LABELS), (Kind::Holder, HOLDER_LABELS)] {
            for at in after_labels(lower, lo, hi, labels) {
                if let Some((a, b)) = name_after(text, lower, at, hi) {
                    if looks_like(kind, &text[a..b]) {
                        cands.push((kind, a, b));
                    }
                }
            }
        }
        cands.sort_by_key(|c| (c.1, c.0));
        for (kind, a, b) in cands {
            let value = text[a..b].trim().to_string();
            let key = match kind {
                Kind::Bank | Kind::Holder => name_key(&value),
                _ => normalise(&value),
            };
            if key.is_empty() || !seen.insert((kind, key)) {
                continue;
            }
            if d.found.iter().filter(|f| f.kind == kind).count() >= MAX_FOUND {
                d.more += 1;
                continue;
            }
            let same = same_as_contract(kind, &value, contract);
            d.found.push(Found {
                kind,
                excerpt: excerpt(text, a, b - a),
                role: role(lower, a, lo),
                value,
                at: a,
                same_as_contract: same,
            });
        }
    }
    d
}

/// IBANs of `text[lo..hi]` (uppercase, single spaces between groups allowed), as byte ranges.
fn ibans(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = lo;
    while i + 4 <= hi {
        let starts = b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_uppercase()
            && b[i + 2].is_ascii_digit()
            && b[i + 3].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut count = 0;
        let mut best = None;
        let mut compact = String::with_capacity(34);
        while end < hi && count < 34 {
            let c = b[end];
            if c.is_ascii_uppercase() || c.is_ascii_digit() {
                count += 1;
                compact.push(c as char);
                end += 1;
                if count >= 15 && iban_valid(&compact) {
                    best = Some(end);
                }
            } else if c == b' ' && end + 1 < hi && b[end + 1].is_ascii_alphanumeric() {
                end += 1;
            } else {
                break;
            }
        }
        if let Some(e) = best {
            out.push((i, e));
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

/// Byte offsets just past each label of `labels` in `lower[lo..hi]` (English labels as whole
/// words), in order, each once.
fn after_labels(lower: &str, lo: usize, hi: usize, labels: &[&str]) -> Vec<usize> {
    let b = lower.as_bytes();
    let mut v: Vec<usize> = Vec::new();
    for w in labels {
        let ascii = w.is_ascii();
        for p in memmem::find_iter(&b[lo..hi], w.as_bytes()) {
            let at = lo + p;
            let end = at + w.len();
            let word_start = at == 0 || !b[at - 1].is_ascii_alphanumeric();
            let last = w.as_bytes()[w.len() - 1];
            let word_end = !last.is_ascii_alphanumeric()
                || end >= b.len()
                || !b[end].is_ascii_alphanumeric()
                // "accounts", "account's", "accountno" still label what follows
                || b[end] == b's';
            if !ascii || (word_start && word_end) {
                v.push(end);
            }
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The first run of 8 to 34 digits within `WINDOW` bytes after `from` — groups separated by
/// a space, dot, dash or a line break — that is not a date, a phone number (`+…`) or part of a
/// word; as a byte range.
fn digit_run(text: &str, from: usize, hi: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let stop = floor(text, (from + WINDOW).min(hi));
    let stop = sentence_end(text, from, stop);
    let mut i = from;
    while i < stop {
        if !b[i].is_ascii_digit()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'+'))
        {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut digits = 0;
        while end < hi && digits <= 34 {
            if b[end].is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if matches!(b[end], b' ' | b'-' | b'.' | b'\n')
                && end + 1 < hi
                && b[end + 1].is_ascii_digit()
            {
                end += 1;
            } else {
                break;
            }
        }
        let run = &text[i..end];
        let date_like = run.len() == 10 && matches!(run.as_bytes()[4], b'-' | b'.');
        let amount = run.contains('.') && run.rsplit('.').next().is_some_and(|t| t.len() <= 2);
        let glued = end < b.len() && b[end].is_ascii_alphabetic();
        if (8..=34).contains(&digits) && !date_like && !amount && !glued {
            return Some((i, end));
        }
        i = end.max(i + 1);
    }
    None
}

/// Where the sentence of a label ends, before `stop`: a full stop after a word of four or
/// more letters and before a capital ("…account settings. Nordic Home AB, org.nr 556677-8899"),
/// so that a number of the next sentence is not taken for the account. Abbreviations such as
/// `No.` and `Acc.` do not end it.
fn sentence_end(text: &str, from: usize, stop: usize) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    while i + 2 < stop {
        if b[i] == b'.' && matches!(b[i + 1], b' ' | b'\n') && b[i + 2].is_ascii_uppercase() {
            let word = text[from..i]
                .rsplit(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            if word.len() >= 4 {
                return i;
            }
        }
        i += 1;
    }
    stop
}

/// Whether the digits at `a..b` are one of the deal's phone numbers, or written after a
/// phone word or the label of another kind of number (a company registration, a tax, order
/// or invoice number).
fn is_phone(text: &str, a: usize, b: usize, contract: &Contract) -> bool {
    let digits: String = text[a..b].chars().filter(char::is_ascii_digit).collect();
    if contract
        .phones
        .iter()
        .any(|ph| ph.ends_with(&digits) || digits.ends_with(ph.as_str()))
    {
        return true;
    }
    let before = text[floor(text, a.saturating_sub(24))..a].to_ascii_lowercase();
    [
        "tel",
        "phone",
        "mobile",
        "fax",
        "whatsapp",
        "org.nr",
        "org nr",
        "org. nr",
        "reg",
        "vat",
        "tax",
        "order",
        "invoice",
        "b/l",
        "booking",
        "container",
        "电话",
        "手机",
        "传真",
        "税号",
        "订单",
        "发票",
        "统一社会信用代码",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// A SWIFT/BIC code (8 or 11 characters, bank and country letters) within the window.
fn bic(text: &str, from: usize, hi: usize) -> Option<(usize, usize)> {
    let stop = floor(text, (from + WINDOW).min(hi));
    let w = &text[from..stop];
    let mut off = 0;
    for tok in w.split(|c: char| !c.is_ascii_alphanumeric()) {
        let b = tok.as_bytes();
        let is = (b.len() == 8 || b.len() == 11)
            && b[..6].iter().all(u8::is_ascii_uppercase)
            && b[6..]
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if is {
            let at = from + off;
            return Some((at, at + tok.len()));
        }
        off += tok.len()
            + w[off + tok.len()..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        if off >= w.len() {
            break;
        }
    }
    None
}

/// The name after a label: the rest of its line (or the next line when the label ends its
/// line), without punctuation at the ends, 3 to 120 bytes.
fn name_after(text: &str, lower: &str, from: usize, hi: usize) -> Option<(usize, usize)> {
    let rest = &text[from..hi];
    let skip = rest
        .char_indices()
        .find(|(_, c)| !matches!(c, ':' | '：' | ' ' | '-' | '\t' | '.'))
        .map_or(rest.len(), |(i, _)| i);
    let mut a = from + skip;
    if text[a..hi].starts_with('\n') {
        a += 1;
    }
    let line_end = text[a..hi].find('\n').map_or(hi, |p| a + p);
    let mut end = floor(text, line_end.min(a + 120));
    // Dense Chinese lists run on: `户名X公司,开户银行Y,账号Z` — the name ends at a comma
    // before a Chinese character or at the next label.
    let window = &text[a..end];
    if let Some(p) = window
        .char_indices()
        .find(|(i, c)| {
            matches!(c, ',' | '，' | '。' | '；' | ';' | '|')
                && window[i + c.len_utf8()..].starts_with(|n: char| n as u32 >= 0x3400)
        })
        .map(|(i, _)| i)
    {
        end = a + p;
    }
    let lw = &lower[a..end];
    let next_label = ACCOUNT_LABELS
        .iter()
        .chain(SWIFT_LABELS)
        .chain(BANK_LABELS)
        .chain(HOLDER_LABELS)
        .filter_map(|l| lw.find(l))
        .filter(|&p| p > 0)
        .min();
    if let Some(p) = next_label {
        end = floor(text, a + p);
    }
    let name = text[a..end].trim_end_matches([' ', ',', ';', '.', '，', '；', '。']);
    let words = name.split_whitespace().count();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let han = name.chars().any(|c| c as u32 >= 0x3400);
    (letters >= if han { 2 } else { 3 }
        && words <= 12
        && name.chars().next().is_some_and(char::is_alphabetic))
    .then_some((a, a + name.len()))
}

/// Whether a name after a label looks like one of its kind: a bank's name names a bank; a
/// holder is a company or a person — not the rest of a sentence that merely holds the label
/// ("变更开户银行之前，须…").
fn looks_like(kind: Kind, name: &str) -> bool {
    let lower = name.to_lowercase();
    let han = name.chars().filter(|c| *c as u32 >= 0x3400).count();
    match kind {
        Kind::Bank => [
            "bank",
            "banco",
            "banque",
            "bk",
            "银行",
            "信用社",
            "hsbc",
            "citi",
            "barclays",
        ]
        .iter()
        .any(|w| lower.contains(w)),
        Kind::Holder => {
            let company = [
                "co", "ltd", "limited", "inc", "gmbh", "ab", "llc", "corp", "company", "trading",
                "公司", "有限", "厂", "集团", "商行",
            ]
            .iter()
            .any(|w| {
                lower.split(|c: char| !c.is_alphanumeric()).any(|t| t == *w)
                    || (!w.is_ascii() && lower.contains(w))
            });
            let person_zh = han == name.chars().count() && (2..=4).contains(&han);
            let person_latin = han == 0
                && (2..=5).contains(&name.split_whitespace().count())
                && name
                    .split_whitespace()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()));
            company || person_zh || person_latin
        }
        _ => true,
    }
}

/// A name's comparable form: lowercase letters, digits and Chinese characters, without the
/// words every company or bank name has.
pub fn name_key(s: &str) -> String {
    const FILLER: &[&str] = &[
        "bank",
        "of",
        "the",
        "co",
        "ltd",
        "limited",
        "company",
        "corp",
        "corporation",
        "inc",
        "plc",
        "ag",
        "sa",
        "na",
        "branch",
        "br",
        "sub",
        "and",
        "&",
        "llc",
        "gmbh",
        "ab",
    ];
    const ZH_FILLER: &[&str] = &[
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "公司",
        "银行",
        "分行",
        "支行",
        "营业部",
    ];
    let mut lower = s.to_lowercase();
    for f in ZH_FILLER {
        lower = lower.replace(f, " ");
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two names are the same: one's words all in the other's (Latin), or one contains the
/// other (Chinese). Names in different scripts are not compared (`None`).
fn same_name(a: &str, b: &str) -> Option<bool> {
    let (ka, kb) = (name_key(a), name_key(b));
    if ka.is_empty() || kb.is_empty() {
        return None;
    }
    let han = |s: &str| s.chars().any(|c| c as u32 >= 0x3400);
    if han(&ka) != han(&kb) {
        return None;
    }
    if han(&ka) {
        let (x, y) = (ka.replace(' ', ""), kb.replace(' ', ""));
        return Some(x.contains(&y) || y.contains(&x));
    }
    let wa: HashSet<&str> = ka.split(' ').collect();
    let wb: HashSet<&str> = kb.split(' ').collect();
    Some(wa.is_subset(&wb) || wb.is_subset(&wa))
}

fn same_as_contract(kind: Kind, value: &str, c: &Contract) -> bool {
    match kind {
        Kind::Iban | Kind::Account => {
            let want: String = normalise(&c.account);
            let got = normalise(value);
            !want.is_empty() && (got == want || (kind == Kind::Iban && got.ends_with(&want)))
        }
        Kind::Swift => {
            let (code, want) = (normalise(value), normalise(&c.swift));
            // An 8-letter code is the head office; `XXX` names it explicitly.
            code == want
                || (want.len() == 11
                    && code.len() == 8
                    && want.ends_with("XXX")
                    && want.starts_with(&code))
                || (code.len() == 11
                    && want.len() == 8
                    && code.ends_with("XXX")
                    && code.starts_with(&want))
        }
        Kind::Bank => {
            // A name in a script the contract does not give cannot be told apart: same.
            let verdicts: Vec<bool> = c.banks.iter().filter_map(|b| same_name(value, b)).collect();
            verdicts.is_empty() || verdicts.contains(&true)
        }
        Kind::Holder => {
            let verdicts: Vec<bool> = c
                .holders
                .iter()
                .filter_map(|h| same_name(value, h))
                .collect();
            verdicts.is_empty() || verdicts.contains(&true)
        }
    }
}

/// The role said before `at`: on its line and the two lines before (at most `ROLE_WINDOW` bytes),
/// the nearest payer or payee word wins.
fn role(lower: &str, at: usize, lo: usize) -> Role {
    let start = floor(lower, at.saturating_sub(ROLE_WINDOW).max(lo));
    let w = &lower[start..at];
    // Only the current line and the two before it.
    let w = match w.rmatch_indices('\n').nth(2) {
        Some((p, _)) => &w[p + 1..],
        None => w,
    };
    let last = |words: &[&str]| words.iter().filter_map(|x| w.rfind(x)).max();
    match (last(PAYER_WORDS), last(PAYEE_WORDS)) {
        (Some(p), Some(q)) if p > q => Role::Payer,
        (Some(_), None) => Role::Payer,
        (_, Some(_)) => Role::Payee,
        (None, None) => Role::Unknown,
    }
}

#[cfg(test)]
mod tests;
