//! Verify stage: the data table — the phrases the rules look for (en and zh) and every
//! message a sign prints, in both languages. Words change more often than rules: they live
//! here, in one place, and nowhere else.

use super::context;
pub use super::messages::{fill, SignKind, Texts, MESSAGES, NO_SIGNS, RULE, SIGNS};
use super::present::{find_phrase, find_phrases, Present};

/// What a phrase tells about a mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// The payment account is said to change.
    PaymentChange,
    /// Hurry, secrecy or an official-sounding reason; a sign only in a mail about payment.
    Pressure,
    /// The reader is steered away from the call-back.
    NoCall,
    /// A password or mailbox login is asked for.
    Credential,
    /// The mail is about money at all (makes pressure relevant).
    Payment,
}

/// (cue, phrase). English phrases match whole words in lowercase text; Chinese ones anywhere.
pub const PHRASES: &[(Cue, &str)] = &[
    (Cue::PaymentChange, "new account"),
    (Cue::PaymentChange, "new bank account"),
    (Cue::PaymentChange, "new bank details"),
    (Cue::PaymentChange, "new beneficiary"),
    (Cue::PaymentChange, "changed our bank"),
    (Cue::PaymentChange, "changed bank"),
    (Cue::PaymentChange, "change of bank"),
    (Cue::PaymentChange, "change of account"),
    (Cue::PaymentChange, "bank details have changed"),
    (Cue::PaymentChange, "bank details changed"),
    (Cue::PaymentChange, "updated bank details"),
    (Cue::PaymentChange, "account has changed"),
    (Cue::PaymentChange, "account has been changed"),
    (Cue::PaymentChange, "different account"),
    (Cue::PaymentChange, "alternative account"),
    (Cue::PaymentChange, "another account"),
    (Cue::PaymentChange, "updated account"),
    (Cue::PaymentChange, "account is under audit"),
    (Cue::PaymentChange, "account is frozen"),
    (Cue::PaymentChange, "更改账户"),
    (Cue::PaymentChange, "变更账户"),
    (Cue::PaymentChange, "更改账号"),
    (Cue::PaymentChange, "变更账号"),
    (Cue::PaymentChange, "更换账户"),
    (Cue::PaymentChange, "更换银行"),
    (Cue::PaymentChange, "新账户"),
    (Cue::PaymentChange, "新账号"),
    (Cue::PaymentChange, "新的账户"),
    (Cue::PaymentChange, "新的银行账户"),
    (Cue::PaymentChange, "账户变更"),
    (Cue::PaymentChange, "账号变更"),
    (Cue::PaymentChange, "另一个账户"),
    (Cue::PaymentChange, "账户被冻结"),
    (Cue::Pressure, "urgent"),
    (Cue::Pressure, "urgently"),
    (Cue::Pressure, "immediately"),
    (Cue::Pressure, "today"),
    (Cue::Pressure, "as soon as possible"),
    (Cue::Pressure, "asap"),
    (Cue::Pressure, "right away"),
    (Cue::Pressure, "within 24 hours"),
    (Cue::Pressure, "final notice"),
    (Cue::Pressure, "audit"),
    (Cue::Pressure, "tax reasons"),
    (Cue::Pressure, "confidential"),
    (Cue::Pressure, "keep this between us"),
    (Cue::Pressure, "紧急"),
    (Cue::Pressure, "加急"),
    (Cue::Pressure, "马上"),
    (Cue::Pressure, "立即"),
    (Cue::Pressure, "立刻"),
    (Cue::Pressure, "今天"),
    (Cue::Pressure, "尽快"),
    (Cue::Pressure, "审计"),
    (Cue::Pressure, "税务"),
    (Cue::Pressure, "保密"),
    (Cue::NoCall, "do not call"),
    (Cue::NoCall, "don't call"),
    (Cue::NoCall, "no need to call"),
    (Cue::NoCall, "do not phone"),
    (Cue::NoCall, "cannot take calls"),
    (Cue::NoCall, "can't take calls"),
    (Cue::NoCall, "only by email"),
    (Cue::NoCall, "不要打电话"),
    (Cue::NoCall, "不要致电"),
    (Cue::NoCall, "不用打电话"),
    (Cue::NoCall, "无需电话"),
    (Cue::NoCall, "电话打不通"),
    (Cue::NoCall, "不方便接电话"),
    (Cue::NoCall, "只通过邮件"),
    (Cue::Credential, "password"),
    (Cue::Credential, "passcode"),
    (Cue::Credential, "login details"),
    (Cue::Credential, "login credentials"),
    (Cue::Credential, "your login"),
    (Cue::Credential, "mailbox login"),
    (Cue::Credential, "email login"),
    (Cue::Credential, "username and password"),
    (Cue::Credential, "密码"),
    (Cue::Credential, "账号密码"),
    (Cue::Credential, "邮箱登录"),
    (Cue::Credential, "登录账号"),
    (Cue::Credential, "登录信息"),
    (Cue::Credential, "邮箱账号"),
    (Cue::Payment, "payment"),
    (Cue::Payment, "pay"),
    (Cue::Payment, "transfer"),
    (Cue::Payment, "remit"),
    (Cue::Payment, "remittance"),
    (Cue::Payment, "wire"),
    (Cue::Payment, "invoice"),
    (Cue::Payment, "balance"),
    (Cue::Payment, "deposit"),
    (Cue::Payment, "bank"),
    (Cue::Payment, "付款"),
    (Cue::Payment, "汇款"),
    (Cue::Payment, "转账"),
    (Cue::Payment, "货款"),
    (Cue::Payment, "尾款"),
    (Cue::Payment, "定金"),
    (Cue::Payment, "发票"),
    (Cue::Payment, "银行"),
];

/// Words after which an account number stands (lowercase).
pub const ACCOUNT_WORDS: &[&str] = &[
    "account",
    "acct",
    "a/c",
    "iban",
    "账号",
    "帐号",
    "账户",
    "帐户",
    "户名",
    "开户行",
    "收款人",
];

/// Words after which a SWIFT/BIC code stands (lowercase).
pub const SWIFT_WORDS: &[&str] = &["swift", "bic", "银行代码", "识别码"];

/// One phrase found in a mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// What the phrase tells.
    pub cue: Cue,
    /// The phrase of the table.
    pub phrase: &'static str,
    /// Its byte offset in the text.
    pub at: usize,
    /// Whether its sentence also speaks of payment, a new account or a credential: pressure
    /// in "the balance is urgent, pay today" presses for money, in "call whenever something
    /// is urgent" it does not.
    pub about_money: bool,
}

/// Occurrences of one phrase examined for context; past it, the next one counts as used, so
/// padding a mail with policy sentences cannot hide a request (and cannot make it slow).
const MAX_OCCURRENCES: usize = 10_000;

/// Whether the occurrence is used, not mentioned as policy (see `context`).
fn used(lower: &str, cue: Cue, at: usize, len: usize) -> bool {
    match cue {
        Cue::Credential => !context::credential_policy(lower, at, len),
        Cue::PaymentChange | Cue::Pressure => !context::mentioned(lower, at, len),
        Cue::NoCall | Cue::Payment => true,
    }
}

/// Whether the sentence around `at` speaks of payment, a new account or a credential.
fn sentence_about_money(lower: &str, at: usize) -> bool {
    let (lo, hi) = context::sentence(lower, at);
    let s = &lower[lo..hi];
    PHRASES.iter().any(|(c, p)| {
        matches!(c, Cue::Payment | Cue::PaymentChange | Cue::Credential)
            && find_phrase(s, p).is_some()
    })
}

/// For each cue, the first phrase of the table used in `lower` (ASCII-lowercased text):
/// quoted phrases and policy statements ("we will never ask for your password") do not
/// count. For pressure, the first one in a sentence about money, else the first one. One
/// phrase per cue is enough to tell and to quote.
pub fn cues(lower: &str) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    let present = Present::of(lower);
    for (cue, phrase) in PHRASES {
        if !present.may_hold(phrase) {
            continue;
        }
        let pressure = *cue == Cue::Pressure;
        let have = out.iter().position(|h| h.cue == *cue);
        if have.is_some_and(|i| !pressure || out[i].about_money) {
            continue;
        }
        let first = find_phrases(lower, phrase)
            .take(MAX_OCCURRENCES + 1)
            .enumerate()
            .filter(|(n, at)| *n == MAX_OCCURRENCES || used(lower, *cue, *at, phrase.len()))
            .map(|(_, at)| Hit {
                cue: *cue,
                phrase,
                at,
                about_money: pressure && sentence_about_money(lower, at),
            })
            .find(|h| !pressure || h.about_money || have.is_none());
        match (first, have) {
            (Some(h), Some(i)) if h.about_money => out[i] = h,
            (Some(h), None) => out.push(h),
            _ => {}
        }
    }
    out
}

/// The text around `at..at+len` on one line, about 60 bytes each side, marked with `…`.
pub fn excerpt(text: &str, at: usize, len: usize) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(at.saturating_sub(60));
    let end = floor(at + len + 60);
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(
        &text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    if end < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefilter_never_hides_a_phrase() {
        let text = "please don't call; a/c no. 12, 请尽快付款到新账户";
        let p = Present::of(text);
        for phrase in ["don't call", "a/c", "please", "尽快", "新账户", "付款"] {
            assert!(p.may_hold(phrase), "{phrase}");
        }
        assert!(!p.may_hold("password") && !p.may_hold("密码"));
        // Every phrase of the table found by search is also let through by the prefilter.
        let all: String = PHRASES.iter().map(|(_, ph)| format!("{ph}. ")).collect();
        let p = Present::of(&all);
        assert!(PHRASES.iter().all(|(_, ph)| p.may_hold(ph)));
    }

    #[test]
    fn whole_words_in_english_anywhere_in_chinese() {
        assert!(find_phrase("payday", "pay").is_none());
        assert_eq!(find_phrase("please pay now", "pay"), Some(7));
        assert!(find_phrase("请提供邮箱登录密码", "邮箱登录").is_some());
        let c = cues("urgent: new account, do not call. 密码");
        let got: Vec<Cue> = c.iter().map(|x| x.cue).collect();
        assert_eq!(
            got,
            [
                Cue::PaymentChange,
                Cue::Pressure,
                Cue::NoCall,
                Cue::Credential
            ]
        );
    }
}
