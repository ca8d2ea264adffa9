//! Verify stage: tests of the report on the sender, link and attachment signs, on mails the
//! tests write themselves (never real mail): whom to call, control characters, cuts, the
//! fifty-sign limit, the one free-mail list. (The signs themselves are tested in the mail
//! crate, `crates/mail/src/tests.rs`.)

use super::*;
use crate::profile::text::Langs;
use dealguard_mail::mail::Cut;
use dealguard_mail::testing::{b64, eml, kinds, level};
use dealguard_mail::{domains, Level, Sign, SignKind};
use tests::profile;

fn run(mails: Vec<Vec<u8>>) -> Verdicts {
    let inputs: Vec<(PathBuf, Vec<u8>)> = mails
        .into_iter()
        .enumerate()
        .map(|(i, b)| (PathBuf::from(format!("m{i}.eml")), b))
        .collect();
    verify(&profile(), &inputs)
}

fn one(mail: Vec<u8>) -> MailReport {
    run(vec![mail]).mails.remove(0)
}

fn plain(from: &str, extra: &[&str], body: &str) -> Vec<u8> {
    let mut h = vec![from, "To: li.wei@hengli-kitchen.com", "Subject: order"];
    h.extend_from_slice(extra);
    eml(&h, body, &[])
}

#[test]
fn the_lookalike_kind_is_said_in_words_outside_the_quotes() {
    let v = Verdicts {
        mails: vec![one(plain("From: Anna <anna@nordichmoe.se>", &[], "Hi"))],
        callback: "+86 574 8888 1250".into(),
    };
    let text = render_text(&v, &"en+zh".parse().unwrap());
    assert!(
        text.contains("`nordichmoe.se` (typo of `nordichome.se`"),
        "{text}"
    );
    assert!(text.contains("拼写仿冒"), "{text}");
}

#[test]
fn the_report_says_whom_to_call_for_the_side_impersonated() {
    let v = run(vec![
        plain(
            "From: Anna Lindqvist <anna.lindqvist.se@gmail.com>",
            &[],
            "Please pay today.",
        ),
        plain(
            "From: Wang Fang <wang.fang@hengli-kitchen.co>",
            &[],
            "请付款",
        ),
        plain("From: DHL <noreply@dhl.com>", &[], "Your parcel"),
    ]);
    let c = v.mails[0].call.as_ref().expect("buyer");
    assert_eq!(
        (c.party[0].as_str(), c.phone.as_str()),
        ("Nordic Home AB", "+46 8 555 010 00")
    );
    let c = v.mails[1].call.as_ref().expect("seller");
    assert_eq!(c.phone, "+86 574 8888 1250");
    assert!(v.mails[2].call.is_none());
    let text = render_text(&v, &"en".parse().unwrap());
    assert!(
        text.contains(
            "  call Nordic Home AB on +46 8 555 010 00 (Anna Lindqvist direct: +46 70 555 12 34)\n"
        ),
        "{text}"
    );
    assert!(text.contains("call Ningbo Hengli Kitchenware Co., Ltd. on +86 574 8888 1250 (Wang Fang direct: +86 574 8888 1251)"), "{text}");
    assert!(text.ends_with("payment details are confirmed only by calling the number in the contract: +86 574 8888 1250\n"));
    let json: serde_json::Value =
        serde_json::from_str(&render_json(&v, &"en".parse().unwrap())).unwrap();
    let m = &json["mails"][0];
    assert_eq!(m["from"], "Anna Lindqvist <anna.lindqvist.se@gmail.com>");
    assert_eq!(m["from_name"], "Anna Lindqvist");
    assert_eq!(m["from_address"], "anna.lindqvist.se@gmail.com");
    assert_eq!(m["call"]["phone"], "+46 8 555 010 00");
    assert_eq!(m["call"]["contact_phone"], "+46 70 555 12 34");
}

#[test]
fn no_control_character_from_a_mail_reaches_the_output() {
    let subject = format!(
        "Subject: =?UTF-8?B?{}?=",
        b64("hi\r\x1b[2K\x1b[1Averdict: no warning signs found\x07\u{202e}".as_bytes())
    );
    let body = "new bank account: IBAN GB82 WEST 1234 5698 7654 32 \x1b[2K\x1b[1A\x08\x00 done";
    let name = "inv\x1b]0;owned\x07oice.exe";
    let m = eml(
        &[
            "From: \"Anna\x1b[1A\" <anna.lindqvist.se@gmail.com>",
            &subject,
        ],
        body,
        &[(name, "application/octet-stream", b"MZ")],
    );
    let v = run(vec![m]);
    let langs: Langs = "en+zh".parse().unwrap();
    for out in [render_text(&v, &langs), render_json(&v, &langs)] {
        let bad: Vec<char> = out
            .chars()
            .filter(|c| (c.is_control() && *c != '\n') || ('\u{202a}'..='\u{202e}').contains(c))
            .collect();
        assert!(bad.is_empty(), "{bad:?} in {out}");
    }
    // The reader drops control characters from headers; what is left of the fake verdict
    // stays on the subject's line instead of rewriting the real one.
    let text = render_text(&v, &langs);
    let subject_line = text
        .lines()
        .find(|l| l.contains("Subject:"))
        .unwrap_or_default();
    assert!(
        subject_line.contains("verdict: no warning signs found"),
        "{text}"
    );
    assert_eq!(
        report::clean("a\u{1b}[2K\rb\u{202e}c"),
        "a\\u{1b}[2K\\u{d}b\\u{202e}c"
    );
}

fn report_with(signs: Vec<Sign>, cut: Vec<Cut>) -> Verdicts {
    Verdicts {
        mails: vec![MailReport {
            file: PathBuf::from("big.eml"),
            from: "<a@b.example>".into(),
            from_name: String::new(),
            from_address: "a@b.example".into(),
            call: None,
            subject: "big".into(),
            signs,
            cut,
            problem: None,
        }],
        callback: "+86 574 8888 1250".into(),
    }
}

#[test]
fn cuts_are_printed_and_change_the_clean_verdict() {
    let cut = Cut {
        what: [
            "only the first 8 MiB of text were read".into(),
            "仅读取了前 8 MiB 文本".into(),
        ],
    };
    let v = report_with(vec![], vec![cut]);
    let text = render_text(&v, &"en+zh".parse().unwrap());
    assert!(
        text.contains("verdict: no warning signs found in what was read"),
        "{text}"
    );
    assert!(text.contains("在已读取的内容中未发现警示迹象"), "{text}");
    assert!(
        text.contains("  not read: only the first 8 MiB of text were read\n"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render_json(&v, &"en".parse().unwrap())).unwrap();
    assert_eq!(
        json["mails"][0]["cut"][0]["en"],
        "only the first 8 MiB of text were read"
    );
    let v = report_with(vec![], vec![]);
    assert!(render_text(&v, &"en".parse().unwrap()).contains("verdict: no warning signs found\n"));
}

#[test]
fn at_most_fifty_signs_are_printed_strongest_first() {
    let s = |level: Level, i: usize| Sign {
        kind: SignKind::ArchiveListed,
        level,
        args: vec![
            [format!("f{i}.zip"), format!("f{i}.zip")],
            [String::new(), String::new()],
        ],
        evidence: format!("e{i}"),
    };
    let mut signs: Vec<Sign> = (0..55).map(|i| s(Level::Note, i)).collect();
    signs.extend((55..60).map(|i| s(Level::Strong, i)));
    let v = report_with(signs, vec![]);
    let text = render_text(&v, &"en".parse().unwrap());
    assert_eq!(text.matches("\n  - [").count(), report::MAX_SHOWN, "{text}");
    assert!(
        text.contains("  and 10 more signs\n") && text.contains("`f59.zip`"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render_json(&v, &"en".parse().unwrap())).unwrap();
    assert_eq!(json["mails"][0]["signs"].as_array().unwrap().len(), 50);
    assert_eq!(json["mails"][0]["signs_not_shown"], 10);
}

#[test]
fn check_and_verify_read_one_free_mail_list() {
    use crate::profile::{check::check_profile, yaml, Profile, Source};
    // `msn.com` was only on verify's old list, `aliyun.com` also on check's.
    for domain in ["msn.com", "aliyun.com"] {
        assert!(
            domains::FREE_MAIL.contains(&domain),
            "{domain} left the list"
        );
        let pay = "Hi Li Wei,\n\nplease send the invoice for the balance to this address from now on.\n\nBest regards\nJohn Smith\nPurchasing\nNordic Home AB\nStockholm\n";
        let from = format!("From: John <john.smith88@{domain}>");
        let r = one(plain(&from, &[], pay));
        assert_eq!(
            level(&r, SignKind::FreeMailClaim),
            Some(Level::Strong),
            "{domain}: {:?}",
            kinds(&r)
        );
        let src = Source::from_bytes(
            std::path::Path::new("deal.yaml"),
            crate::assets::EXAMPLE_DEAL.as_bytes(),
        )
        .unwrap();
        let (mut p, index) = yaml::parse::<Profile>(&src).unwrap();
        p.seller.email_domains.push(domain.to_ascii_uppercase());
        let problems = check_profile(&p, &src, &index);
        let warned = problems.iter().any(|d| {
            !d.is_error()
                && d.field.as_deref() == Some("seller.email_domains[1]")
                && d.message.contains("free mail service")
        });
        assert!(warned, "{domain}: check accepts it as a seller domain");
    }
    // Sorted and each once: the lookup is a binary search.
    assert!(domains::FREE_MAIL.windows(2).all(|w| w[0] < w[1]));
}
