//! Verify stage: the data table — the phrases the rules look for (en and zh) and every
//! message a sign prints, in both languages. Words change more often than rules: they live
//! here, in one place, and nowhere else.

use super::context;
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

/// The kinds of sign, one per message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum SignKind {
    SenderKnown,
    SenderLookalike,
    NoFrom,
    DisplayName,
    ReplyElsewhere,
    ReplyFreeMail,
    AuthFailed,
    BankChanged,
    BankSame,
    PaymentChange,
    Pressure,
    NoCall,
    Credential,
    RiskyAttachment,
    HtmlAttachment,
    ArchiveListed,
    LinkMismatch,
    LinkLookalike,
}

/// The texts of one kind of sign: what was found and what to do, per language. `{0}`…`{3}`
/// are the sign's arguments.
pub struct Texts {
    /// Stable key for JSON.
    pub key: &'static str,
    /// What was found, in English.
    pub en: &'static str,
    /// What was found, in Chinese.
    pub zh: &'static str,
    /// What to do, in English.
    pub todo_en: &'static str,
    /// What to do, in Chinese.
    pub todo_zh: &'static str,
}

const CALL: &str =
    "do not reply, pay or open anything; call the party on the number in the contract";
const CALL_ZH: &str = "不要回复、付款或打开任何内容；按合同中的号码致电对方核实";

/// Every message, in the order of `SignKind`.
pub const MESSAGES: &[(SignKind, Texts)] = &[
    (SignKind::SenderKnown, Texts { key: "sender-known", en: "`{0}` is on {1}'s domain `{2}`", zh: "`{0}` 来自{1}的域名 `{2}`", todo_en: "", todo_zh: "" }),
    (SignKind::SenderLookalike, Texts { key: "sender-lookalike", en: "`{0}` is on `{1}`, a look-alike of `{2}` ({3}'s domain)", zh: "`{0}` 的域名 `{1}` 仿冒 `{2}`（{3}的域名）", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::NoFrom, Texts { key: "no-from", en: "the mail has no readable `From` address", zh: "邮件没有可读的 `From` 发件地址", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::DisplayName, Texts { key: "display-name", en: "the name `{0}` is {1}'s contact, but the address `{2}` is not on {1}'s domains", zh: "发件人名称 `{0}` 是{1}的联系人，但地址 `{2}` 不在{1}的域名上", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::ReplyElsewhere, Texts { key: "reply-elsewhere", en: "`{0}` sends replies to `{1}`, another domain than `From` (`{2}`)", zh: "`{0}` 把回复发往 `{1}`，与 `From` 的域名（`{2}`）不同", todo_en: "reply only to the addresses in the contract, never with the reply button", todo_zh: "只回复合同中列明的地址，不要直接点“回复”" }),
    (SignKind::ReplyFreeMail, Texts { key: "reply-freemail", en: "`{0}` sends replies to `{1}`, a free-mail or look-alike address, not `From` (`{2}`)", zh: "`{0}` 把回复发往 `{1}`：免费邮箱或仿冒域名，而非 `From`（`{2}`）", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::AuthFailed, Texts { key: "auth-failed", en: "the receiving server recorded `{0}={1}` for `{2}`", zh: "收件服务器记录 `{2}` 的 `{0}={1}`", todo_en: "treat the sender as unproven; confirm by phone on the number in the contract", todo_zh: "发件人身份未经证实；按合同中的号码电话确认" }),
    (SignKind::BankChanged, Texts { key: "bank-changed", en: "{0} `{1}` differs from the contract's `{2}`", zh: "{0} `{1}` 与合同中的 `{2}` 不同", todo_en: "do not pay to it; call the number in the contract and follow the change procedure", todo_zh: "不要付款；按合同中的号码致电，并按合同约定的变更程序处理" }),
    (SignKind::BankSame, Texts { key: "bank-same", en: "{0} `{1}` is the contract's", zh: "{0} `{1}` 与合同一致", todo_en: "", todo_zh: "" }),
    (SignKind::PaymentChange, Texts { key: "payment-change", en: "says the payment account changes (`{0}`)", zh: "声称收款账户变更（`{0}`）", todo_en: "bank details never change by email; call the number in the contract", todo_zh: "银行信息从不通过邮件变更；按合同中的号码致电核实" }),
    (SignKind::Pressure, Texts { key: "pressure", en: "presses for payment (`{0}`)", zh: "催促付款（`{0}`）", todo_en: "urgency is no reason to skip the call-back", todo_zh: "再紧急也必须先电话回拨核实" }),
    (SignKind::NoCall, Texts { key: "no-call", en: "steers you away from calling (`{0}`)", zh: "劝阻您打电话核实（`{0}`）", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::Credential, Texts { key: "credential", en: "asks for a password or login (`{0}`)", zh: "索要密码或登录信息（`{0}`）", todo_en: "never share credentials; answer with `dealguard reply`", todo_zh: "绝不提供账号密码；用 `dealguard reply` 生成的回复答复" }),
    (SignKind::RiskyAttachment, Texts { key: "risky-attachment", en: "attachment `{0}` is an executable or macro-enabled file", zh: "附件 `{0}` 是可执行文件或含宏文件", todo_en: "do not open it; report it to IT", todo_zh: "不要打开；报告信息技术部门" }),
    (SignKind::HtmlAttachment, Texts { key: "html-attachment", en: "attachment `{0}` is a web page (it can imitate a login or bank page)", zh: "附件 `{0}` 是网页文件（可伪装成登录页或银行页面）", todo_en: "do not open it or enter anything in it", todo_zh: "不要打开，也不要在其中输入任何信息" }),
    (SignKind::ArchiveListed, Texts { key: "archive-listed", en: "archive `{0}` was listed, not unpacked{1}", zh: "压缩包 `{0}` 仅列出、未解压{1}", todo_en: "", todo_zh: "" }),
    (SignKind::LinkMismatch, Texts { key: "link-mismatch", en: "a link shows `{0}` but goes to `{1}`", zh: "链接显示为 `{0}`，实际指向 `{1}`", todo_en: "do not click; type the address you know instead", todo_zh: "不要点击；自己输入已知的网址" }),
    (SignKind::LinkLookalike, Texts { key: "link-lookalike", en: "a link goes to `{0}`, a look-alike of `{1}`", zh: "链接指向 `{0}`，仿冒 `{1}`", todo_en: "do not click; type the address you know instead", todo_zh: "不要点击；自己输入已知的网址" }),
];

impl SignKind {
    /// This kind's texts.
    pub fn texts(self) -> &'static Texts {
        // Every kind has its row (a test checks it); the first row stands in for none.
        MESSAGES
            .iter()
            .find(|(k, _)| *k == self)
            .map_or(&MESSAGES[0].1, |(_, t)| t)
    }
}

/// The closing rule, in both languages; `{0}` is the deal's call-back number.
pub const RULE: (&str, &str) = (
    "payment details are confirmed only by calling the number in the contract: {0}",
    "付款信息只能通过拨打合同中的号码确认：{0}",
);

/// The verdict of a mail without warning signs: never "safe".
pub const NO_SIGNS: (&str, &str) = ("no warning signs found", "未发现警示迹象");

/// The verdict of a mail with warning signs.
pub const SIGNS: (&str, &str) = ("warning signs found", "发现警示迹象");

/// Fills `{0}`…`{3}`.
pub fn fill(template: &str, args: &[String]) -> String {
    let mut s = template.to_string();
    for (i, a) in args.iter().enumerate() {
        s = s.replace(&format!("{{{i}}}"), a);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_row_in_order() {
        let kinds: Vec<SignKind> = MESSAGES.iter().map(|(k, _)| *k).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(kinds, sorted);
        assert_eq!(kinds.len(), SignKind::LinkLookalike as usize + 1);
    }

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
