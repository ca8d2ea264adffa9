//! Verify stage: tests of the whole engine on a corpus of mails the tests write themselves
//! (never real mail): every sign, in English and Chinese where language matters; clean mails
//! that must show none; hostile mails that must end in a verdict or a located error.

use super::*;
use crate::profile::text::Langs;
use dealguard_mail::domains::{Domain, Relation};
use dealguard_mail::testing::{eml, example_deal, kinds, zip};
use dealguard_mail::{
    domains, lookalikes, lookalikes_csv, lookalikes_sieve, lookalikes_txt, mbox_inputs, Level,
    MailReport, SignKind,
};

pub(crate) fn profile() -> Profile {
    serde_yaml::from_str(crate::assets::EXAMPLE_DEAL).expect("the example profile parses")
}

fn run(mails: Vec<(&str, Vec<u8>)>) -> Verdicts {
    let inputs: Vec<(PathBuf, Vec<u8>)> = mails
        .into_iter()
        .map(|(n, b)| (PathBuf::from(n), b))
        .collect();
    verify(&profile(), &inputs)
}

fn one(mail: Vec<u8>) -> MailReport {
    run(vec![("m.eml", mail)]).mails.remove(0)
}

fn assert_sign(r: &MailReport, kind: SignKind, level: Level) {
    assert!(
        r.signs.iter().any(|s| s.kind == kind && s.level == level),
        "expected {kind:?} {level:?}, got {:?} ({:?})",
        kinds(r),
        r.problem
    );
}

const ANNA: &str = "From: Anna Lindqvist <anna.lindqvist@nordichome.se>";
const LI: &str = "From: =?UTF-8?B?5p2O5Lyf?= <li.wei@hengli-kitchen.com>";
const PASS: &str = "Authentication-Results: mx.hengli-kitchen.com; spf=pass smtp.mailfrom=nordichome.se; dkim=pass header.d=nordichome.se; dmarc=pass header.from=nordichome.se";

fn mail_from(from: &str, extra: &[&str], body: &str) -> Vec<u8> {
    let mut h = vec![
        from,
        "To: li.wei@hengli-kitchen.com",
        "Subject: order NH-2026-0148",
    ];
    h.extend_from_slice(extra);
    eml(&h, body, &[])
}

#[test]
fn rule1_lookalike_sender_in_every_header() {
    let body = "Hello, see the attached packing list.";
    let r = one(mail_from(
        "From: Anna <anna.lindqvist@nordichorne.se>",
        &[],
        body,
    ));
    assert_sign(&r, SignKind::SenderLookalike, Level::Strong);
    assert!(r.signs[0].evidence.contains("nordichorne.se"));
    for h in ["Reply-To", "Sender", "Return-Path"] {
        let line = format!("{h}: <anna@nordichome-se.com>");
        let r = one(mail_from(ANNA, &[&line], body));
        assert!(
            r.signs
                .iter()
                .any(|s| s.kind == SignKind::SenderLookalike && s.evidence.starts_with(h)),
            "{h}: {:?}",
            kinds(&r)
        );
    }
    // An IDN in punycode, and the same in raw UTF-8 (RFC 6532).
    let puny = Domain::parse("nоrdichome.se").unwrap().ascii;
    assert!(puny.starts_with("xn--"));
    let r = one(mail_from(&format!("From: Anna <anna@{puny}>"), &[], body));
    assert_sign(&r, SignKind::SenderLookalike, Level::Strong);
    let r = one(mail_from("From: Anna <anna@nоrdichome.se>", &[], body));
    assert_sign(&r, SignKind::SenderLookalike, Level::Strong);
    let text = render_text(
        &run(vec![(
            "x.eml",
            mail_from("From: a@nordichome.com", &[], body),
        )]),
        &"en+zh".parse().unwrap(),
    );
    assert!(
        text.contains("under another suffix of `nordichome.se`"),
        "{text}"
    );
    assert!(text.contains("仿冒 `nordichome.se`"), "{text}");
}

#[test]
fn rule2_display_name_spoof_en_and_zh() {
    let r = one(mail_from(
        "From: Anna Lindqvist <anna.lindqvist.se@gmail.com>",
        &[],
        "Hi",
    ));
    assert_sign(&r, SignKind::DisplayName, Level::Strong);
    let r = one(mail_from(
        "From: \"Lindqvist Anna\" <purchasing@nordic-trade.eu>",
        &[],
        "Hi",
    ));
    assert_sign(&r, SignKind::DisplayName, Level::Strong);
    let r = one(mail_from(
        "From: =?UTF-8?B?5p2O5Lyf?= <liwei1988@163.com>",
        &[],
        "您好",
    ));
    assert_sign(&r, SignKind::DisplayName, Level::Strong);
    let r = one(mail_from(
        "From: \"anna.lindqvist@nordichome.se\" <x@mailer.example>",
        &[],
        "Hi",
    ));
    assert_sign(&r, SignKind::DisplayName, Level::Strong);
}

#[test]
fn rule3_reply_to_elsewhere() {
    let r = one(mail_from(
        ANNA,
        &["Reply-To: anna.lindqvist@outlook.com"],
        "Hi",
    ));
    assert_sign(&r, SignKind::ReplyFreeMail, Level::Strong);
    let r = one(mail_from(
        ANNA,
        &["Return-Path: <bounce@mailer-service.net>"],
        "Hi",
    ));
    assert_sign(&r, SignKind::ReplyElsewhere, Level::Warning);
}

#[test]
fn rule4_authentication_results() {
    let fail = "Authentication-Results: mx.hengli-kitchen.com; spf=pass smtp.mailfrom=nordichome.se; dmarc=fail (p=reject) header.from=nordichome.se";
    let r = one(mail_from(ANNA, &[fail], "Hi"));
    assert_sign(&r, SignKind::AuthFailed, Level::Strong);
    assert_eq!(
        r.signs
            .iter()
            .filter(|s| s.kind == SignKind::AuthFailed)
            .count(),
        1
    );
    let soft =
        "Authentication-Results: mx.example; spf=softfail smtp.mailfrom=nordichome.se; dkim=none";
    let r = one(mail_from(ANNA, &[soft], "Hi"));
    assert_sign(&r, SignKind::AuthFailed, Level::Warning);
    // A failed signature of another domain (the mail service's) is not about the sender.
    let other = "Authentication-Results: mx.example; dkim=fail header.d=sendgrid.net; dmarc=pass header.from=nordichome.se";
    assert!(!one(mail_from(ANNA, &[other], "Hi")).has_warning());
}

#[test]
fn rule5_bank_details_en_and_zh() {
    let en = "Please remit the balance to our IBAN GB82 WEST 1234 5698 7654 32, SWIFT: NWBKGB2L.";
    let r = one(mail_from(LI, &[], en));
    assert_sign(&r, SignKind::BankChanged, Level::Strong);
    let text = render_text(
        &run(vec![("x.eml", mail_from(LI, &[], en))]),
        &"en".parse().unwrap(),
    );
    assert!(
        text.contains(
            "`GB82 WEST 1234 5698 7654 32` differs from the contract's `3561 0000 1234 5678`"
        ),
        "{text}"
    );
    let zh = "请将尾款汇至以下账户：户名：宁波恒力厨具有限公司 账号：6222 0210 0100 8888 999 开户行：中国工商银行";
    let r = one(mail_from(LI, &[], zh));
    assert_sign(&r, SignKind::BankChanged, Level::Strong);
    let same = "请按合同付款：账号 3561 0000 1234 5678，SWIFT BKCHCNBJ92A。";
    let r = one(mail_from(LI, &[], same));
    assert!(!r.has_warning(), "{:?}", kinds(&r));
    assert_sign(&r, SignKind::BankSame, Level::Note);
}

#[test]
fn rule6_language_en_and_zh() {
    let cases = [
        (
            "Due to a tax audit we have a new bank account for this payment.",
            SignKind::PaymentChange,
            Level::Strong,
        ),
        (
            "由于审计原因，我们变更账户，请付款到新账户。",
            SignKind::PaymentChange,
            Level::Strong,
        ),
        (
            "The balance payment is urgent, please transfer today to our new account.",
            SignKind::Pressure,
            Level::Warning,
        ),
        (
            "尾款很紧急，请今天付款到新账户。",
            SignKind::Pressure,
            Level::Warning,
        ),
        (
            "I am in a meeting, do not call, just reply by mail.",
            SignKind::NoCall,
            Level::Warning,
        ),
        (
            "我在开会，不要打电话，邮件回复即可。",
            SignKind::NoCall,
            Level::Warning,
        ),
        (
            "Please send your mailbox login and password so we can follow the order.",
            SignKind::Credential,
            Level::Strong,
        ),
        (
            "请把你们的邮箱登录账号密码发给我们，方便跟单。",
            SignKind::Credential,
            Level::Strong,
        ),
    ];
    for (body, kind, level) in cases {
        let r = one(mail_from(ANNA, &[PASS], body));
        assert_sign(&r, kind, level);
        let s = r.signs.iter().find(|s| s.kind == kind).unwrap();
        assert!(!s.evidence.is_empty());
    }
    let r = one(mail_from(ANNA, &[PASS], "请提供邮箱登录密码"));
    let out = render_text(
        &Verdicts {
            mails: vec![r],
            callback: "+86 1".into(),
        },
        &"zh".parse().unwrap(),
    );
    assert!(out.contains("dealguard reply"), "{out}");
}

#[test]
fn rule7_attachments_and_links() {
    let h = [ANNA, "Subject: documents", PASS];
    let cases: [(&str, &str, Vec<u8>, SignKind); 4] = [
        (
            "invoice.pdf.exe",
            "application/octet-stream",
            b"MZ".to_vec(),
            SignKind::RiskyAttachment,
        ),
        (
            "PI-0148.xlsm",
            "application/vnd.ms-excel.sheet.macroEnabled.12",
            b"PK".to_vec(),
            SignKind::RiskyAttachment,
        ),
        (
            "payment.html",
            "text/html",
            b"<form>".to_vec(),
            SignKind::HtmlAttachment,
        ),
        (
            "docs.zip",
            "application/zip",
            zip(&["BL.pdf", "BL.pdf.scr"]),
            SignKind::RiskyAttachment,
        ),
    ];
    for (name, ctype, data, kind) in cases {
        let r = one(eml(&h, "See attached.", &[(name, ctype, &data)]));
        assert!(
            r.has_warning() && r.signs.iter().any(|s| s.kind == kind),
            "{name}: {:?}",
            kinds(&r)
        );
    }
    let html = "From: Anna Lindqvist <anna.lindqvist@nordichome.se>\r\nSubject: portal\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Log in at <a href=\"https://pay-portal.example.com/x\">www.nordichome.se</a> or <A HREF='http://nordichome-se.com/'>here</A></p>";
    let r = one(html.as_bytes().to_vec());
    assert_sign(&r, SignKind::LinkMismatch, Level::Strong);
    assert_sign(&r, SignKind::LinkLookalike, Level::Strong);
}

#[test]
fn clean_mails_show_no_warning() {
    let mails = vec![
        ("buyer.eml", mail_from(ANNA, &[PASS, "Return-Path: <anna.lindqvist@nordichome.se>"],
            "Dear Li Wei,\n\nThank you for the report of week 49. The polishing looks good; please send the photos of the handles next week.\n\nBest regards,\nAnna")),
        ("colleague.eml", eml(&["From: 陈静 <chen.jing@hengli-kitchen.com>", "To: li.wei@hengli-kitchen.com", "Subject: =?UTF-8?B?5oqb5YWJ6L+b5bqm?="],
            "李伟：今天完成了抛光，明天开始铆把。质检报告见附件。\n陈静", &[("质检报告.pdf", "application/pdf", b"%PDF-1.7")])),
        ("finance.eml", mail_from("From: Wang Fang <wang.fang@hengli-kitchen.com>", &[],
            "Dear Anna,\nplease pay the balance as in the contract: Bank of China, Ningbo Branch, account no. 3561 0000 1234 5678, SWIFT BKCHCNBJ92A.\n如有疑问请致电 +86 574 8888 1250。")),
        ("finance-zh.eml", mail_from("From: 王芳 <wang.fang@hengli-kitchen.com>", &[],
            "您好，请按合同付款。户名：宁波恒力厨具有限公司；账号：3561 0000 1234 5678；开户行：中国银行宁波分行。")),
        ("courier.eml", eml(&["From: DHL Express <noreply@dhl.com>", "Return-Path: <bounce@bounce.dhl.com>", "Subject: Your shipment is on its way",
            "Authentication-Results: mx.hengli-kitchen.com; spf=pass smtp.mailfrom=bounce.dhl.com; dkim=pass header.d=dhl.com; dmarc=pass header.from=dhl.com"],
            "Your shipment 1234567890 is on its way. Track it at https://www.dhl.com/track?id=1234567890", &[])),
        ("bank-news.eml", {
            let mut m = b"From: HSBC <news@email.hsbc.com.hk>\r\nReply-To: <service@hsbc.com.hk>\r\nSubject: Trade finance news\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
            m.extend_from_slice("<p>Open a trade account today and pay suppliers in 30 currencies.</p><p><a href=\"https://www.hsbc.com.hk/trade\">www.hsbc.com.hk/trade</a></p>".as_bytes());
            m
        }),
    ];
    let v = run(mails);
    for m in &v.mails {
        assert!(
            m.problem.is_none() && !m.has_warning(),
            "{}: {:?}",
            m.file.display(),
            kinds(m)
        );
    }
    assert_eq!(v.exit_code(), 0);
    let text = render_text(&v, &"en+zh".parse().unwrap());
    assert!(text.contains("no warning signs found") && text.contains("未发现警示迹象"));
    assert!(!text.to_lowercase().contains("safe"));
    assert!(
        text.ends_with("付款信息只能通过拨打合同中的号码确认：+86 574 8888 1250\n"),
        "{text}"
    );
}

#[test]
fn exit_code_and_json() {
    let v = run(vec![
        ("ok.eml", mail_from(ANNA, &[PASS], "Thanks.")),
        (
            "bad.eml",
            mail_from("From: Anna <anna@nordichome.co>", &[], "new account"),
        ),
    ]);
    assert_eq!(v.exit_code(), EXIT_WARNING);
    let json: serde_json::Value = serde_json::from_str(&render_json(
        &v,
        &Langs::new(&[crate::profile::text::Lang::En]),
    ))
    .unwrap();
    assert_eq!(json["exit_code"], 4);
    assert_eq!(json["mails"][0]["verdict"], "no-warning-signs");
    assert_eq!(json["mails"][1]["verdict"], "warning-signs");
    assert_eq!(json["mails"][1]["signs"][0]["kind"], "sender-lookalike");
    assert!(json["rule"]["en"]
        .as_str()
        .unwrap()
        .contains("+86 574 8888 1250"));
}

#[test]
fn every_generated_lookalike_is_detected() {
    let p = profile();
    let mut total = 0;
    for party in [&p.seller, &p.buyer] {
        for d in &party.email_domains {
            let pd = Domain::parse(d).unwrap();
            let list = lookalikes(d);
            for kind in [
                "addition",
                "bitsquatting",
                "cyrillic",
                "homoglyph",
                "hyphenation",
                "insertion",
                "omission",
                "plural",
                "repetition",
                "replacement",
                "subdomain",
                "transposition",
                "vowel-swap",
                "various",
                "dictionary",
                "tld-swap",
            ] {
                assert!(list.iter().any(|l| l.kind == kind), "{d}: no {kind}");
            }
            for l in &list {
                let c = Domain::parse(&l.ascii).unwrap();
                assert!(
                    matches!(domains::relate(&c, &pd), Relation::LookAlike(_)),
                    "{} ({}) from {d} not caught",
                    l.unicode,
                    l.kind
                );
            }
            total += list.len();
        }
    }
    assert!(total > 500, "{total}");
}

#[test]
fn unrelated_real_domains_are_not_lookalikes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/verify/unrelated-domains.txt"
    );
    let list = std::fs::read_to_string(path).unwrap();
    let doms: Vec<&str> = list
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    assert!(doms.len() >= 200, "{}", doms.len());
    let p = profile();
    for party in [&p.seller, &p.buyer] {
        for d in &party.email_domains {
            let pd = Domain::parse(d).unwrap();
            for u in &doms {
                let c = Domain::parse(u).unwrap();
                assert_eq!(domains::relate(&c, &pd), Relation::Unrelated, "{u} vs {d}");
            }
        }
    }
}

#[test]
fn lookalike_outputs_are_stable() {
    let a = lookalikes("nordichome.se");
    assert_eq!(a, lookalikes("nordichome.se"));
    let csv = lookalikes_csv(&a);
    assert!(csv.starts_with("rank,kind,domain,unicode\n1,addition,nordichomea.se,"));
    assert!(lookalikes_txt(&a).lines().all(|l| l.is_ascii()));
    let sieve = lookalikes_sieve(&a);
    assert!(sieve.contains("\"xn--") && sieve.contains("fileinto :create \"Suspicious\";"));
}

#[test]
fn hostile_mails_end_in_a_verdict_or_a_located_error() {
    // Deep MIME nesting.
    let mut deep = String::from("From: a@b.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
    for i in 0..5000 {
        deep.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"n{i}\"\r\n\r\n--n{i}\r\n"
        ));
    }
    deep.push_str("Content-Type: text/plain\r\n\r\nhi\r\n");
    let r = one(deep.into_bytes());
    let d = r.problem.expect("refused");
    assert_eq!(d.pos.map(|p| p.0), Some(1 + 3 + 3 * 200));
    // 150 levels is within the bound and still reads.
    let mut ok = String::from("From: a@b.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
    for i in 0..150 {
        ok.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"n{i}\"\r\n\r\n--n{i}\r\n"
        ));
    }
    ok.push_str("Content-Type: text/plain\r\n\r\nnew account\r\n");
    assert!(one(ok.into_bytes()).problem.is_none());
    // A 10 MB header.
    let mut big = String::from("From: a@b.com\r\nX-Big: ");
    big.push_str(&"a".repeat(10 * 1024 * 1024));
    big.push_str("\r\n\r\nbody");
    let d = one(big.into_bytes()).problem.expect("refused");
    assert!(d.message.contains("header section"), "{d}");
    assert_eq!(d.pos, Some((1, 1)));
    // Over 25 MB.
    assert!(one(vec![b'a'; 26 * 1024 * 1024]).problem.is_some());
    // Invalid encodings: bad base64, an unknown charset, broken encoded words, bad UTF-8.
    let mut bad = b"From: =?x-unknown?B?!!!?= <a@nordichome.se>\r\nSubject: =?UTF-8?Q?=ZZ=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-nothing\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@====\xff\xfe\r\n".to_vec();
    bad.extend_from_slice(b"\xc3\x28\xa0\xa1");
    assert!(one(bad).problem.is_none());
    // A zip bomb's directory is listed, never inflated.
    let bomb = zip(&["0.bin", "1.bin", "2.bin"]);
    let r = one(eml(
        &[ANNA, PASS],
        "see",
        &[("bomb.zip", "application/zip", &bomb)],
    ));
    assert!(r
        .signs
        .iter()
        .any(|s| s.kind == SignKind::ArchiveListed && s.args[1][0].contains("3 files")));
    // Not a mail at all.
    let d = one(b"\r\n\r\n".to_vec()).problem.expect("refused");
    assert_eq!(d.pos, Some((1, 1)));
    // Truncated random bytes never panic.
    let seed = eml(
        &[ANNA, PASS],
        "IBAN GB82 WEST 1234 5698 7654 32",
        &[("a.zip", "application/zip", &bomb)],
    );
    for cut in (0..seed.len()).step_by(7) {
        let _ = one(seed[..cut].to_vec());
    }
}

#[test]
fn mbox_splits_into_numbered_mails() {
    let mut mbox = Vec::new();
    for i in 0..3 {
        mbox.extend_from_slice(b"From MAILER-DAEMON Mon Nov 30 00:00:00 2026\n");
        mbox.extend_from_slice(&mail_from(ANNA, &[PASS], &format!("mail {i}\n")));
        mbox.push(b'\n');
    }
    let inputs = mbox_inputs(std::path::Path::new("box.mbox"), &mbox);
    assert_eq!(inputs.len(), 3);
    assert_eq!(inputs[2].0, PathBuf::from("box.mbox#3"));
    let v = verify(&profile(), &inputs);
    assert!(v
        .mails
        .iter()
        .all(|m| m.problem.is_none() && m.from.contains("anna")));
}

#[test]
fn the_deals_facts_are_the_profiles() {
    // The mail crate's tests run on these facts by hand; the builder gives the same.
    assert_eq!(deal(&profile()), example_deal());
}
