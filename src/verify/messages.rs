//! Verify stage: every message a sign prints, in English and Chinese, with what to do about
//! it; the verdict words and the closing call-back rule. The kinds are the mail crate's
//! (`dealguard_mail::SignKind`); what they print is the app's.

pub use dealguard_mail::SignKind;

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
    (SignKind::SenderLookalike, Texts { key: "sender-lookalike", en: "`{0}` is on the look-alike `{1}` ({4} of `{2}`, {3}'s domain)", zh: "`{0}` 的域名 `{1}` 仿冒 `{2}`（{4}；{3}的域名）", todo_en: CALL, todo_zh: CALL_ZH }),
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
    (SignKind::LinkLookalike, Texts { key: "link-lookalike", en: "a link goes to the look-alike `{0}` ({2} of `{1}`)", zh: "链接指向 `{0}`，仿冒 `{1}`（{2}）", todo_en: "do not click; type the address you know instead", todo_zh: "不要点击；自己输入已知的网址" }),
    // payment intent (main)
    (SignKind::PayElsewhere, Texts { key: "pay-elsewhere", en: "asks for payment to details other than the contract's account (`{0}`)", zh: "要求付款至合同账户以外的账户（`{0}`）", todo_en: "do not pay; call the number in the contract and follow the change procedure", todo_zh: "不要付款；按合同中的号码致电，并按合同约定的变更程序处理" }),
    (SignKind::HoldPayment, Texts { key: "hold-payment", en: "asks to hold a payment until other details come (`{0}`)", zh: "要求暂停付款、等待新的收款信息（`{0}`）", todo_en: "pay only as the contract says; call the number in the contract", todo_zh: "只按合同约定付款；按合同中的号码致电核实" }),
    (SignKind::LcDivert, Texts { key: "lc-divert", en: "asks for payment outside the letter of credit, or to change its beneficiary, bank or documents route (`{0}`)", zh: "要求在信用证之外付款，或变更信用证受益人、银行或交单路径（`{0}`）", todo_en: "an L/C changes only by an MT707 amendment through the issuing bank; call the number in the contract", todo_zh: "信用证只能通过开证行的 MT707 修改；按合同中的号码致电核实" }),
    (SignKind::MailOnly, Texts { key: "mail-only", en: "offers confirmation by e-mail instead of a call (`{0}`)", zh: "以邮件确认代替电话核实（`{0}`）", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::Secrecy, Texts { key: "secrecy", en: "asks you to keep it secret (`{0}`)", zh: "要求保密、不让他人知道（`{0}`）", todo_en: "tell your approvers; a real change is never secret", todo_zh: "告知审批人；真实的变更从不需要保密" }),
    (SignKind::NewNumber, Texts { key: "new-number", en: "gives another phone number to call (`{0}`)", zh: "提供了另一个电话号码（`{0}`）", todo_en: "call only the number on file in the contract, never one from the mail", todo_zh: "只拨打合同中留存的号码，不要拨打邮件中的号码" }),
    (SignKind::HiddenText, Texts { key: "hidden-text", en: "text hidden from the reader says: `{0}`", zh: "邮件中隐藏的文字写道：`{0}`", todo_en: "hidden text is a trick to pass filters; treat the mail as an attack", todo_zh: "隐藏文字是绕过过滤的手法；按攻击邮件处理" }),
    (SignKind::PartsDiffer, Texts { key: "parts-differ", en: "the mail's HTML and plain-text versions say different things ({0})", zh: "邮件的 HTML 版本与纯文本版本内容不同（{0}）", todo_en: "read the version your mail program does not show; call the number in the contract", todo_zh: "另一个版本可能藏有指令；按合同中的号码致电核实" }),
    (SignKind::ThirdPartyAccount, Texts { key: "third-party-account", en: "{0} `{1}` of the sender's own (not the deal's payee)", zh: "{0} `{1}` 属于发件方自己（不是本合同的收款账户）", todo_en: "", todo_zh: "" }),
    (SignKind::BankMore, Texts { key: "bank-more", en: "{0} more bank details were found and not listed", zh: "另有 {0} 项银行信息未列出", todo_en: "", todo_zh: "" }),
    // senders, links, attachments (h-senders)
    (SignKind::DisplayCompany, Texts { key: "display-company", en: "the name `{0}` claims to be {1}, but the address `{2}` is not on {1}'s domains", zh: "发件人名称 `{0}` 自称{1}，但地址 `{2}` 不在{1}的域名上", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::FreeMailClaim, Texts { key: "freemail-claim", en: "`{0}` is a free-mail address, but the mail signs as {1}", zh: "`{0}` 是免费邮箱，但邮件署名为{1}", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::SentViaFreeMail, Texts { key: "sent-via-freemail", en: "`{0}` is `{1}`, a free-mail address, though `From` is on `{2}`: the mail was sent from another mailbox", zh: "`{0}` 是免费邮箱 `{1}`，而 `From` 在 `{2}` 上：邮件实际从其他邮箱发出", todo_en: CALL, todo_zh: CALL_ZH }),
    (SignKind::LinkUserinfo, Texts { key: "link-userinfo", en: "a link shows `{0}` before an `@`, but goes to `{1}`", zh: "链接在 `@` 前显示 `{0}`，实际指向 `{1}`", todo_en: "do not click; type the address you know instead", todo_zh: "不要点击；自己输入已知的网址" }),
    (SignKind::LinkFileShare, Texts { key: "link-file-share", en: "the link `{0}` leads to `{1}`, a file-sharing or e-signature site, in a mail that asks you to log in", zh: "链接 `{0}` 指向文件共享或电子签名网站 `{1}`，且邮件要求登录", todo_en: "do not log in through a link in a mail; call the sender on the number in the contract", todo_zh: "不要通过邮件中的链接登录；按合同中的号码致电发件人核实" }),
    (SignKind::LinkIp, Texts { key: "link-ip", en: "the link `{0}` goes to the bare IP address `{1}`", zh: "链接 `{0}` 指向裸 IP 地址 `{1}`", todo_en: "do not click; type the address you know instead", todo_zh: "不要点击；自己输入已知的网址" }),
    (SignKind::LinkShortener, Texts { key: "link-shortener", en: "the link `{0}` goes through a URL shortener (`{1}`) that hides where it leads", zh: "链接 `{0}` 使用短网址（`{1}`），隐藏了真实去向", todo_en: "do not click; type the address you know instead", todo_zh: "不要点击；自己输入已知的网址" }),
    (SignKind::EncryptedAttachment, Texts { key: "encrypted-attachment", en: "attachment `{0}` is encrypted: its contents cannot be checked; passwords sent with the file are a common way past filters", zh: "附件 `{0}` 已加密：其内容无法检查；随文件附上密码是绕过过滤的常见手法", todo_en: "open it only after the sender confirms by phone, on the number in the contract, that they sent it", todo_zh: "先按合同中的号码致电对方，确认确实发送后再打开" }),
    (SignKind::AttachmentDisguised, Texts { key: "attachment-disguised", en: "attachment `{0}` holds a direction mark that hides its real extension `{1}`", zh: "附件 `{0}` 含方向控制字符，掩盖了真实扩展名 `{1}`", todo_en: "do not open it; report it to IT", todo_zh: "不要打开；报告信息技术部门" }),
];

/// The texts of one kind of sign.
pub fn texts(kind: SignKind) -> &'static Texts {
    // Every kind has its row (a test checks it); the first row stands in for none.
    MESSAGES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&MESSAGES[0].1, |(_, t)| t)
}

/// The closing rule, in both languages; `{0}` is the deal's call-back number.
pub const RULE: (&str, &str) = (
    "payment details are confirmed only by calling the number in the contract: {0}",
    "付款信息只能通过拨打合同中的号码确认：{0}",
);

/// The verdict of a mail without warning signs: never "safe".
pub const NO_SIGNS: (&str, &str) = ("no warning signs found", "未发现警示迹象");

/// The verdict of a mail without warning signs of which not everything was read.
pub const NO_SIGNS_READ: (&str, &str) = (
    "no warning signs found in what was read",
    "在已读取的内容中未发现警示迹象",
);

/// Whom to call about one mail: `{0}` the party, `{1}` its number on file.
pub const CALL_PARTY: (&str, &str) = ("call {0} on {1}", "请致电{0}：{1}");

/// The impersonated contact's direct line: `{0}` the name, `{1}` the number.
pub const CALL_CONTACT: (&str, &str) = (" ({0} direct: {1})", "（{0}直线：{1}）");

/// The label of a limit reached while reading a mail.
pub const NOT_READ: (&str, &str) = ("not read", "未读取");

/// The signs past the printed ones: `{0}` how many.
pub const MORE_SIGNS: (&str, &str) = ("and {0} more signs", "另有 {0} 项迹象未列出");

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
        // Every kind has its row: the last kind's number is one less than the rows.
        assert_eq!(kinds.len(), SignKind::AttachmentDisguised as usize + 1);
    }
}
