//! Verify stage, senders: what a mail's own text says of its sender — the signature of a
//! free-mail sender that claims a party's company (the short lines after the sign-off, quoted
//! mail cut off), and whether the mail talks about payment or logins at all (which weighs a
//! sender sign).

use super::{claim, Claim};
use crate::domains;
use crate::language::SignKind;
use crate::mail::{Mail, Source};
use crate::rules::{both, sign};
use crate::{Facts, Level, Sign};

/// Rule 2b: a free-mail `From` whose signature names a party's company: strong when the mail
/// also talks about payment, bank details or logins.
pub(super) fn signature_claim(deal: &Facts, mail: &Mail, out: &mut Vec<Sign>) {
    let Some((i, line)) = signature_party(deal, mail) else {
        return;
    };
    let level = if talks_money(deal, mail) {
        Level::Strong
    } else {
        Level::Warning
    };
    let address = mail
        .from
        .first()
        .map(|a| a.address.as_str())
        .unwrap_or_default();
    let args = vec![both(address), deal.parties[i].name.clone()];
    let evidence = format!("signature: {}", line.trim());
    out.push(sign(SignKind::FreeMailClaim, level, args, evidence));
}

/// The party whose company a free-mail sender's signature names, with the line.
pub(super) fn signature_party<'m>(deal: &Facts, mail: &'m Mail) -> Option<(usize, &'m str)> {
    let from = mail.from.first()?;
    if !domains::of_address(&from.address).is_some_and(|d| d.is_free_mail()) {
        return None;
    }
    let lines = signature(first_body(mail));
    (0..deal.parties.len()).find_map(|i| {
        lines
            .iter()
            .find(|l| claim(deal, i, l) == Some(Claim::Company))
            .map(|l| (i, *l))
    })
}

/// The first body part's text (plain or HTML), or the text after the subject when the reader
/// names no parts.
fn first_body(mail: &Mail) -> &str {
    match mail
        .parts
        .iter()
        .find(|p| matches!(p.source, Source::Plain | Source::Html))
    {
        Some(p) => mail.part_text(p),
        None if mail.parts.is_empty() => mail.text.split_once('\n').map_or("", |(_, b)| b),
        None => "",
    }
}

/// Lines that open a quoted earlier mail: what follows is not the sender's signature.
const QUOTE_OPENERS: &[&str] = &[
    "-----original message-----",
    "-----原始邮件-----",
    "________________________________",
    "from:",
    "发件人:",
    "发件人：",
    "---- replied message ----",
];

/// Lines that close a mail before the signature.
const SIGN_OFFS: &[&str] = &[
    "regards",
    "best regards",
    "kind regards",
    "best",
    "thanks",
    "thank you",
    "sincerely",
    "yours sincerely",
    "cheers",
    "br",
    "--",
    "此致",
    "敬礼",
    "此致敬礼",
    "祝好",
    "谢谢",
    "顺祝商祺",
];

/// The signature of a body: the short lines after the last sign-off among the last 15 lines
/// of the sender's own text (quoted mail cut off), or its last 6 short lines when there is no
/// sign-off. A name mentioned in a sentence of the body is no signature.
fn signature(body: &str) -> Vec<&str> {
    let mut own: Vec<&str> = Vec::new();
    for line in body.lines().take(2000) {
        let l = line.trim().to_ascii_lowercase();
        let wrote = l.starts_with("on ") && l.ends_with("wrote:");
        if l.starts_with('>') || wrote || QUOTE_OPENERS.iter().any(|q| l.starts_with(q)) {
            break;
        }
        if !l.is_empty() {
            own.push(line);
        }
    }
    let tail = &own[own.len().saturating_sub(15)..];
    let off = tail.iter().rposition(|l| {
        let l = l
            .trim()
            .trim_end_matches([',', '，', '!', '.'])
            .to_ascii_lowercase();
        SIGN_OFFS.contains(&l.as_str())
    });
    let lines = match off {
        Some(i) => &tail[i + 1..],
        None => &tail[tail.len().saturating_sub(6)..],
    };
    lines
        .iter()
        .copied()
        .filter(|l| l.chars().count() <= 80)
        .collect()
}

/// Whether the mail talks about payment, bank details or logins, or names the deal: word
/// families, enough to weigh a sender sign (the payment detector judges the intent).
pub(super) fn talks_money(deal: &Facts, mail: &Mail) -> bool {
    const EN: &[&str] = &[
        "pay",
        "remit",
        "bank",
        "iban",
        "swift",
        "invoice",
        "transfer",
        "wire",
        "beneficiary",
        "account",
        "password",
        "passcode",
        "login",
        "log in",
        "sign in",
        "credential",
        "deposit",
        "balance",
    ];
    const ZH: &[&str] = &[
        "付款", "汇款", "转账", "银行", "账户", "账号", "收款", "发票", "密码", "登录", "尾款",
        "定金", "货款", "打款",
    ];
    // The first 256 KiB are enough to tell; the cost stays bounded on a large mail.
    let mut end = mail.text.len().min(256 * 1024);
    while !mail.text.is_char_boundary(end) {
        end -= 1;
    }
    let lower = mail.text[..end].to_ascii_lowercase();
    let b = lower.as_bytes();
    let starts_word = |w: &str| {
        memchr::memmem::find_iter(b, w.as_bytes())
            .any(|at| at == 0 || !b[at - 1].is_ascii_alphanumeric())
    };
    EN.iter().any(|w| starts_word(w))
        || ZH.iter().any(|w| lower.contains(w))
        || (!deal.deal_id.is_empty() && lower.contains(&deal.deal_id.to_ascii_lowercase()))
}
