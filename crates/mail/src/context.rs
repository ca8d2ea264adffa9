//! Verify stage: the context of a phrase — its sentence and clause, and whether the text
//! around it *states a policy* about the phrase instead of *using* it. A seller's own letter
//! says "we will never ask for your password" and warns of so-called “new bank details”;
//! an attacker asks for the password and announces the new account. Three kinds of policy
//! text, each narrow on purpose (an attacker's sentence often holds a negation too, as in
//! "don't ask IT, just send me your password"):
//! - the phrase is quoted (“new bank details”, 所谓“账户变更”);
//! - for credentials, the phrase's clause holds a sharing verb that is negated ("never ask
//!   for", "unable to share", 绝不会索要, 恕不能提供);
//! - for credentials, the sentence is a short label that names the practice ("Sharing a
//!   mailbox password", 共享邮箱密码 in a table of channels).

/// Sentence ends: `.` only before white space (not in `hengli-kitchen.com` or `v1.2`).
fn ends_sentence(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'!' | b'?' | b';' | b'\n' => true,
        b'.' => b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()),
        _ => false,
    }
}

/// Clause ends inside a sentence (ASCII part): `,` `:` and the sentence ends.
fn ends_clause(b: &[u8], i: usize) -> bool {
    matches!(b[i], b',' | b':') || ends_sentence(b, i)
}

/// Chinese sentence and clause marks (full width).
const ZH_SENTENCE: &[char] = &['。', '！', '？', '；'];
const ZH_CLAUSE: &[char] = &['。', '！', '？', '；', '，', '：'];

/// Byte range of the span around `at` that `ascii_end`/`zh_marks` delimit, at most
/// `LIMIT` bytes each side (a 50 KB mail with no punctuation stays cheap).
fn span(text: &str, at: usize, ascii_end: fn(&[u8], usize) -> bool, zh: &[char]) -> (usize, usize) {
    const LIMIT: usize = 600;
    let b = text.as_bytes();
    let at = at.min(b.len());
    let lo = at.saturating_sub(LIMIT);
    let mut start = lo;
    let mut i = at;
    while i > lo {
        i -= 1;
        if ends_sentence_or(text, b, i, ascii_end, zh) {
            start = i + text[i..].chars().next().map_or(1, char::len_utf8);
            break;
        }
    }
    let hi = (at + LIMIT).min(b.len());
    let mut end = hi;
    let mut j = at;
    while j < hi {
        if ends_sentence_or(text, b, j, ascii_end, zh) {
            end = j;
            break;
        }
        j += 1;
    }
    (floor(text, start), floor(text, end))
}

fn ends_sentence_or(
    text: &str,
    b: &[u8],
    i: usize,
    ascii_end: fn(&[u8], usize) -> bool,
    zh: &[char],
) -> bool {
    if b[i].is_ascii() {
        return ascii_end(b, i);
    }
    // A multi-byte mark is tested at its first byte.
    text.is_char_boundary(i) && text[i..].chars().next().is_some_and(|c| zh.contains(&c))
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The sentence around byte `at` of `text`, as a byte range.
pub fn sentence(text: &str, at: usize) -> (usize, usize) {
    span(text, at, ends_sentence, ZH_SENTENCE)
}

fn clause(text: &str, at: usize) -> (usize, usize) {
    span(text, at, ends_clause, ZH_CLAUSE)
}

/// Quotation marks that open and close a mention.
const QUOTES: &[(char, char)] = &[('“', '”'), ('"', '"'), ('「', '」'), ('『', '』')];

/// Whether `at..at+len` sits inside a short quotation (at most 40 bytes each side).
fn quoted(text: &str, at: usize, len: usize) -> bool {
    let left = &text[floor(text, at.saturating_sub(40))..floor(text, at)];
    let right = &text[floor(text, at + len)..floor(text, at + len + 40)];
    QUOTES.iter().any(|(open, close)| {
        let opened = left
            .rfind(*open)
            .is_some_and(|o| !left[o + open.len_utf8()..].contains(*close));
        opened && right.contains(*close)
    })
}

const NEGATORS: &[&str] = &[
    "never", "not", "no", "nobody", "noone", "cannot", "can't", "can’t", "won't", "won’t", "don't",
    "don’t", "unable", "nor", "neither",
];
const SHARE_VERBS: &[&str] = &[
    "ask",
    "asks",
    "asking",
    "request",
    "requests",
    "requesting",
    "share",
    "shares",
    "sharing",
    "provide",
    "provides",
    "give",
    "gives",
    "disclose",
    "reveal",
    "allow",
    "allows",
    "permit",
];
const ZH_NEGATORS: &[char] = &['不', '勿'];
const ZH_SHARE_VERBS: &[&str] = &[
    "索要", "要求", "提供", "共享", "分享", "透露", "泄露", "交给", "告知",
];

/// English words of `text[lo..hi]` with their byte offsets (letters, digits, apostrophes).
fn words(text: &str, lo: usize, hi: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[lo..hi].char_indices() {
        let part = c.is_ascii_alphanumeric() || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((lo + s, &text[lo + s..lo + i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((lo + s, &text[lo + s..hi]));
    }
    out
}

/// Byte offsets of the sharing verbs of `text[lo..hi]` that a negation governs: an English
/// negator at most three words before ("cannot do, though: share"), a Chinese one at most
/// eight characters before without a comma between (绝不会对外提供, 不会把账号密码交给).
fn negated_verbs(text: &str, lo: usize, hi: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let w = words(text, lo, hi);
    for (i, (neg_at, word)) in w.iter().enumerate() {
        if NEGATORS.contains(word) {
            // Three words on ("cannot do, though: share"), or six in the negator's clause
            // ("nobody on our side will ever ask for"); "I can't access the portal, please
            // share…" negates no sharing.
            let here = clause(text, *neg_at);
            out.extend(
                w[i + 1..(i + 7).min(w.len())]
                    .iter()
                    .enumerate()
                    .filter(|(n, (at, v))| {
                        SHARE_VERBS.contains(v) && (*n < 3 || clause(text, *at) == here)
                    })
                    .map(|(_, (at, _))| *at),
            );
        }
    }
    let s = &text[lo..hi];
    for (i, c) in s.char_indices().filter(|(_, c)| ZH_NEGATORS.contains(c)) {
        let after = &s[i + c.len_utf8()..];
        // The reader's NFKC turns `，` into `,`: either ends the clause.
        let window: String = after
            .chars()
            .take_while(|c| *c != '，' && *c != ',')
            .take(10)
            .collect();
        for v in ZH_SHARE_VERBS {
            if let Some(k) = window.find(v) {
                if window[..k].chars().count() <= 8 {
                    out.push(lo + i + c.len_utf8() + k);
                }
            }
        }
    }
    out
}

/// Whether the sentence is a short label naming the practice: "Sharing a mailbox password".
fn names_practice(text: &str, lo: usize, hi: usize) -> bool {
    let s = text[lo..hi].trim_start_matches(|c: char| c.is_whitespace() || "•-*|>".contains(c));
    let short = words(s, 0, s.len()).len() <= 6 && s.chars().count() <= 40;
    short && (s.starts_with("sharing ") || s.starts_with("共享"))
}

/// Whether a payment-change or pressure phrase at `at..at+len` of `lower` is mentioned, not
/// used: quoted.
pub fn mentioned(lower: &str, at: usize, len: usize) -> bool {
    quoted(lower, at, len)
}

/// Whether a credential phrase at `at..at+len` of `lower` (ASCII-lowercased text) is policy
/// text: quoted, in a clause with a negated sharing verb, or a label naming the practice.
pub fn credential_policy(lower: &str, at: usize, len: usize) -> bool {
    if quoted(lower, at, len) {
        return true;
    }
    let (lo, hi) = sentence(lower, at);
    if names_practice(lower, lo, hi) {
        return true;
    }
    let here = clause(lower, at);
    negated_verbs(lower, lo, hi)
        .into_iter()
        .any(|v| clause(lower, v) == here)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(text: &str, phrase: &str) -> bool {
        let lower = text.to_ascii_lowercase();
        let at = lower.find(phrase).unwrap();
        credential_policy(&lower, at, phrase.len())
    }

    #[test]
    fn our_own_policy_sentences_are_policy() {
        for (t, p) in [
            ("We will never ask for the password or login of your mailbox, ERP or platform accounts.", "password"),
            ("We are, however, unable to share the login details of our mailbox.", "login details"),
            ("Our policy does not allow either party to share or request passwords or other login details.", "login details"),
            ("There is one thing we cannot do, though: share our mailbox login. It is a rule.", "mailbox login"),
            ("  • Sharing a mailbox password\n    Security: None", "password"),
            ("但我司邮箱的登录信息恕不能提供。", "登录信息"),
            ("双方均不得共享或索要密码等登录信息。", "密码"),
            ("所以，我们不会把账号密码交给任何人，也绝不会向您索要。", "账号密码"),
            ("双方都不共享、也不索要账号密码。", "账号密码"),
            ("  • 共享邮箱密码\n    安全性: 极低", "密码"),
            ("fraudsters then send “password reset” links", "password"),
        ] {
            assert!(policy(t, p), "{t}");
        }
    }

    #[test]
    fn requests_stay_requests() {
        for (t, p) in [
            (
                "Please send your mailbox login and password so we can follow the order.",
                "password",
            ),
            ("Don't ask IT, just send me your password.", "password"),
            (
                "I can't access the portal, please share your login details.",
                "login details",
            ),
            (
                "We can't see the reports without your login details.",
                "login details",
            ),
            (
                "Would you mind sharing your mailbox login with our auditor today?",
                "mailbox login",
            ),
            ("请不要告诉别人，把邮箱密码发给我。", "密码"),
            ("我们不能提供更多时间，请提供邮箱密码。", "密码"),
            ("请把你们的邮箱登录账号密码发给我们，方便跟单。", "密码"),
        ] {
            assert!(!policy(t, p), "{t}");
        }
    }

    #[test]
    fn quotes_and_sentences() {
        let t = "then send “new bank details” at the right moment";
        assert!(mentioned(t, t.find("new bank").unwrap(), 16));
        let t = "尤其是收到所谓“账户变更”通知时";
        assert!(mentioned(t, t.find("账户变更").unwrap(), "账户变更".len()));
        let t = "we have a new bank account: \"IBAN\" below";
        assert!(!mentioned(t, t.find("new bank").unwrap(), 16));
        let t = "Visit hengli-kitchen.com today. Pay now; thanks";
        let (lo, hi) = sentence(t, t.find("today").unwrap());
        assert_eq!(&t[lo..hi], "Visit hengli-kitchen.com today");
        let t = "第一句。尾款很紧急，请今天付款。";
        let (lo, hi) = sentence(t, t.find("紧急").unwrap());
        assert_eq!(&t[lo..hi], "尾款很紧急，请今天付款");
    }
}
