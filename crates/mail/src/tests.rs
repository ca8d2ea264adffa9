//! Tests of the sender, link and attachment signs, on mails the tests write themselves (never
//! real mail) against the example deal's facts — each sign, and the ordinary mails that must
//! not show it: a newsletter behind Safe Links and Mailchimp, a party's newsletter sent
//! through a mail service, `dkim=none` from a courier, a stranger who shares a contact's first
//! name. (The report's side of them is the app's: `src/verify/tests_senders.rs`.)

use crate::mail::{Addr, Attachment, Link, Mail};
use crate::testing::{eml, example_deal, kinds, level, zip};
use crate::*;
fn run(mails: Vec<Vec<u8>>) -> Vec<MailReport> {
    let inputs: Vec<(PathBuf, Vec<u8>)> = mails
        .into_iter()
        .enumerate()
        .map(|(i, b)| (PathBuf::from(format!("m{i}.eml")), b))
        .collect();
    crate::check(&example_deal(), &inputs)
}

fn one(mail: Vec<u8>) -> MailReport {
    run(vec![mail]).remove(0)
}

fn plain(from: &str, extra: &[&str], body: &str) -> Vec<u8> {
    let mut h = vec![from, "To: li.wei@hengli-kitchen.com", "Subject: order"];
    h.extend_from_slice(extra);
    eml(&h, body, &[])
}

fn html(from: &str, extra: &[&str], body: &str) -> Vec<u8> {
    let mut m = format!("{from}\r\nTo: li.wei@hengli-kitchen.com\r\nSubject: news\r\n");
    for h in extra {
        m.push_str(h);
        m.push_str("\r\n");
    }
    m.push_str("MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n");
    m.push_str(body);
    m.into_bytes()
}

/// The rules alone on a mail built as data (links and attachments as the reader lists them).
fn check(from: &str, links: &[(&str, &str)], files: Vec<Attachment>) -> Vec<Sign> {
    let mail = Mail {
        from: vec![Addr {
            header: "From",
            name: None,
            address: from.to_string(),
        }],
        text: "order\nplease see the attached documents".into(),
        links: links
            .iter()
            .map(|(shown, target)| Link {
                shown: shown.to_string(),
                target: target.to_string(),
            })
            .collect(),
        attachments: files,
        ..Mail::default()
    };
    rules::check(&Facts::new(&example_deal()), &mail)
}

fn file(name: &str) -> Attachment {
    Attachment {
        name: name.to_string(),
        content_type: "application/octet-stream".into(),
        size: 10,
        ..Attachment::default()
    }
}

const PARTY_PASS: &str = "Authentication-Results: mx.hengli-kitchen.com; spf=pass smtp.mailfrom=nordichome.se; dkim=pass header.d=nordichome.se; dmarc=pass header.from=nordichome.se";

#[test]
fn display_names_near_a_contact_or_the_company_are_signs() {
    let cases = [
        (
            "\"Lindqvist, Anna\" <anna.lindqvist.se@gmail.com>",
            SignKind::DisplayName,
        ),
        (
            "Anna Lindqvist (Nordic Home AB) <purchasing@nordic-trading.eu>",
            SignKind::DisplayName,
        ),
        (
            "Anna Lindqvist via Docs <share@docs-mailer.example>",
            SignKind::DisplayName,
        ),
        (
            "\"王芳（财务）\" <finance2026@163.com>",
            SignKind::DisplayName,
        ),
        ("王芳 Wang Fang <wf.finance@qq.com>", SignKind::DisplayName),
        ("WangFang <wf.finance@qq.com>", SignKind::DisplayName),
        (
            "\"Lindqvíst, Ánna\" <lindqvist@gmail.com>",
            SignKind::DisplayName,
        ),
        (
            "Nordic Home AB <accounts.nordic@gmail.com>",
            SignKind::DisplayCompany,
        ),
        ("宁波恒力厨具 <hl2026@163.com>", SignKind::DisplayCompany),
        (
            "Hengli Kitchenware <sales.hl@outlook.com>",
            SignKind::DisplayCompany,
        ),
        (
            "HENGLI Finance Dept <hl.finance@yahoo.com>",
            SignKind::DisplayCompany,
        ),
        ("NordicHome <nh@mail.com>", SignKind::DisplayCompany),
    ];
    for (from, kind) in cases {
        let r = one(plain(&format!("From: {from}"), &[], "Hello, see below."));
        assert_eq!(
            level(&r, kind),
            Some(Level::Strong),
            "{from}: {:?}",
            kinds(&r)
        );
    }
    // Title and surname: many people share it, so it weighs by what else the mail says.
    let pay = "Please pay the balance this week.";
    let r = one(plain("From: Mr. Wang <wang.sales@163.com>", &[], pay));
    assert_eq!(level(&r, SignKind::DisplayName), Some(Level::Strong));
    let r = one(plain("From: Ms Lindqvist <ms.l@gmail.com>", &[], pay));
    assert_eq!(level(&r, SignKind::DisplayName), Some(Level::Strong));
    let r = one(plain("From: 王总 <boss@163.com>", &[], "样品收到了吗"));
    assert_eq!(level(&r, SignKind::DisplayName), Some(Level::Warning));
    let r = one(plain(
        "From: Mr. Wang <wang@forwarder-logistics.com>",
        &[],
        "Container booked.",
    ));
    assert!(!r.has_warning(), "{:?}", kinds(&r));
}

#[test]
fn names_that_only_share_a_word_are_not_signs() {
    let clean = [
        "Anna Svensson <anna.svensson@gmail.com>",
        "Anna <anna1990@gmail.com>",
        "Wang <wang@abc-tools.com>",
        "Wang Wei <wangwei@abc-tools.com>",
        "Fang <fang@qq.com>",
        "Trading Co., Ltd. <info@sometrade.cn>",
        "Home Depot <news@homedepot.com>",
        "Ningbo Trading <x@ningbotrade.cn>",
        "Kitchen Supplies <x@kitchensupplies.com>",
        "Nordic Logistics <x@nordiclogistics.com>",
        "王伟 <wangwei@abc-tools.com>",
        "宁波进出口 <trade@nbtrade.cn>",
        "Chen Jing <chen.jing@hengli-kitchen.com>",
    ];
    for from in clean {
        let r = one(plain(
            &format!("From: {from}"),
            &[],
            "Hello, here is our catalogue.",
        ));
        assert!(!r.has_warning(), "{from}: {:?}", kinds(&r));
    }
}

#[test]
fn free_mail_signing_as_a_party_is_a_sign() {
    let pay = "Hi Li Wei,\n\nplease send the invoice for the balance to this address from now on.\n\nBest regards\nJohn Smith\nPurchasing\nNordic Home AB\nStockholm\n";
    let r = one(plain("From: John <john.smith88@gmail.com>", &[], pay));
    assert_eq!(
        level(&r, SignKind::FreeMailClaim),
        Some(Level::Strong),
        "{:?}",
        kinds(&r)
    );
    assert_eq!(
        r.call.as_ref().map(|c| c.party[0].as_str()),
        Some("Nordic Home AB")
    );
    let small = "Hi,\n\nthe samples arrived, thanks.\n\nBest regards\nJohn Smith\nNordic Home AB";
    let r = one(plain("From: John <john.smith88@gmail.com>", &[], small));
    assert_eq!(level(&r, SignKind::FreeMailClaim), Some(Level::Warning));
    let zh = "李总您好，\n\n请把发票发到这个邮箱。\n\n谢谢\n王芳\n宁波恒力厨具有限公司 财务部";
    let r = one(plain("From: Fang <fang1990@163.com>", &[], zh));
    assert_eq!(
        level(&r, SignKind::FreeMailClaim),
        Some(Level::Strong),
        "{:?}",
        kinds(&r)
    );
    // The party named in a sentence, or in a quoted mail below, is no signature.
    let mention = "Hello,\nWe met Nordic Home AB at the fair last year and would like to offer our handles to you as well.\n\nRegards\nTom";
    let quoted = "Thanks, noted.\n\nOn Mon, 7 Dec 2026 at 09:00, Anna Lindqvist <anna.lindqvist@nordichome.se> wrote:\n> Best regards\n> Anna Lindqvist\n> Nordic Home AB";
    for body in [mention, quoted] {
        let r = one(plain("From: Tom <tom.w@gmail.com>", &[], body));
        assert!(
            level(&r, SignKind::FreeMailClaim).is_none(),
            "{body}: {:?}",
            kinds(&r)
        );
    }
}

#[test]
fn sender_and_return_path_on_free_mail_behind_a_party_from() {
    let anna = "From: Anna Lindqvist <anna.lindqvist@nordichome.se>";
    for h in [
        "Sender: <anna.lindqvist.se@gmail.com>",
        "Return-Path: <anna.l@outlook.com>",
    ] {
        let r = one(plain(anna, &[h], "Hi"));
        assert_eq!(
            level(&r, SignKind::SentViaFreeMail),
            Some(Level::Strong),
            "{h}: {:?}",
            kinds(&r)
        );
    }
}

#[test]
fn authentication_weighs_by_who_the_sender_is() {
    let dhl = "From: DHL Express <noreply@dhl.com>";
    let none = "Authentication-Results: mx.hengli-kitchen.com; spf=pass smtp.mailfrom=dhl.com; dkim=none; dmarc=none header.from=dhl.com";
    let r = one(plain(dhl, &[none], "Your shipment is on its way."));
    assert!(!r.has_warning(), "{:?}", kinds(&r));
    assert_eq!(level(&r, SignKind::AuthFailed), Some(Level::Note));
    let fail = "Authentication-Results: mx.hengli-kitchen.com; spf=fail smtp.mailfrom=dhl.com; dkim=fail header.d=dhl.com";
    let r = one(plain(dhl, &[fail], "Your shipment is on its way."));
    assert_eq!(level(&r, SignKind::AuthFailed), Some(Level::Warning));
    let anna = "From: Anna Lindqvist <anna.lindqvist@nordichome.se>";
    let r = one(plain(
        anna,
        &["Authentication-Results: mx; spf=none smtp.mailfrom=nordichome.se; dkim=none"],
        "Hi",
    ));
    assert_eq!(level(&r, SignKind::AuthFailed), Some(Level::Warning));
    // A party without DMARC whose SPF and DKIM pass is authenticated.
    let no_dmarc = "Authentication-Results: mx; spf=pass smtp.mailfrom=nordichome.se; dkim=pass header.d=nordichome.se; dmarc=none header.from=nordichome.se";
    let r = one(plain(anna, &[no_dmarc], "Hi"));
    assert!(!r.has_warning(), "{:?}", kinds(&r));
    // A `pass` the sender wrote below the receiving server's header counts for nothing.
    let top = "Authentication-Results: mx.hengli-kitchen.com; spf=none smtp.mailfrom=nordichome.se; dkim=none";
    let forged = "Authentication-Results: evil; dkim=pass header.d=nordichome.se; dmarc=pass header.from=nordichome.se";
    let r = one(plain(anna, &[top, forged], "Hi"));
    assert_eq!(level(&r, SignKind::AuthFailed), Some(Level::Warning));
}

#[test]
fn a_party_newsletter_through_a_mail_service_is_not_a_reply_elsewhere() {
    let from = "From: Nordic Home <news@nordichome.se>";
    let esp = [
        "Return-Path: <bounce-mc.us5_123.456-li.wei=hengli-kitchen.com@mail123.atl11.mcsv.net>",
        "List-Unsubscribe: <https://nordichome.us5.list-manage.com/unsubscribe?u=1>",
        "Authentication-Results: mx.hengli-kitchen.com; spf=pass smtp.mailfrom=mail123.atl11.mcsv.net; dkim=pass header.i=@nordichome.se; dkim=pass header.d=mcsv.net; dmarc=pass header.from=nordichome.se",
    ];
    let body = "<p>Our spring collection is here.</p><p><a href=\"https://nordichome.us5.list-manage.com/track/click?u=1&id=2\">www.nordichome.se</a> <a href=\"https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.nordichome.se%2Fspring&data=05%7C01\">www.nordichome.se/spring</a> <a href=\"https://protect-eu.mimecast.com/s/AbCd?domain=dhl.com\">www.dhl.com</a> <a href=\"https://nordichome.us5.list-manage.com/track/click?u=1&id=3\">Unsubscribe</a></p>";
    let r = one(html(from, &esp, body));
    assert!(!r.has_warning(), "{:?}", kinds(&r));
    // The same without the party's own signature: the bounce address is elsewhere.
    let unsigned = [
        esp[0],
        esp[1],
        "Authentication-Results: mx; spf=pass smtp.mailfrom=mcsv.net; dkim=pass header.d=mcsv.net",
    ];
    let r = one(html(from, &unsigned, body));
    assert_eq!(level(&r, SignKind::ReplyElsewhere), Some(Level::Warning));
    // Replies sent elsewhere stay a sign even when the signature aligns.
    let mut other = esp.to_vec();
    other.push("Reply-To: <offers@other-shop.example>");
    let r = one(html(from, &other, body));
    assert_eq!(level(&r, SignKind::ReplyElsewhere), Some(Level::Warning));
}

#[test]
fn links_are_compared_after_unwrapping_rewriters() {
    let anna = "From: Anna Lindqvist <anna.lindqvist@nordichome.se>";
    let wrapped = [
        "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fpay-portal.example.com%2Flogin&data=1",
        "https://urldefense.proofpoint.com/v2/url?u=https-3A__pay-2Dportal.example.com_login&d=x",
        "https://urldefense.com/v3/__https://pay-portal.example.com/login__;!!x$",
        "https://www.google.com/url?q=https://pay-portal.example.com/login&sa=D",
    ];
    for w in wrapped {
        let body = format!("<p><a href=\"{w}\">www.nordichome.se</a></p>");
        let r = one(html(anna, &[PARTY_PASS], &body));
        assert_eq!(
            level(&r, SignKind::LinkMismatch),
            Some(Level::Strong),
            "{w}: {:?}",
            kinds(&r)
        );
    }
    // A rewritten URL written out as text shows where it goes: nothing to compare.
    let text = "Tracking: https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.dhl.com%2Ftrack&data=1";
    let r = one(plain(anna, &[PARTY_PASS], text));
    assert!(!r.has_warning(), "{:?}", kinds(&r));
    // A click-tracking host in a mail that is not the sender's newsletter is compared.
    let body = "<a href=\"https://click.evil.example/x\">www.hengli-kitchen.com</a>";
    let r = one(html(anna, &[PARTY_PASS], body));
    assert_eq!(level(&r, SignKind::LinkMismatch), Some(Level::Strong));
}

#[test]
fn a_party_name_before_at_in_a_link_is_strong() {
    let anna = "From: Anna Lindqvist <anna.lindqvist@nordichome.se>";
    let body = "<a href=\"https://nordichome.se@other.example/pay\">https://nordichome.se@other.example/pay</a>";
    let r = one(html(anna, &[PARTY_PASS], body));
    assert_eq!(
        level(&r, SignKind::LinkUserinfo),
        Some(Level::Strong),
        "{:?}",
        kinds(&r)
    );
    let r = one(plain(
        anna,
        &[PARTY_PASS],
        "Portal: https://www.hengli-kitchen.com:443@x.example/ login there",
    ));
    assert_eq!(
        level(&r, SignKind::LinkUserinfo),
        Some(Level::Strong),
        "{:?}",
        kinds(&r)
    );
}

#[test]
fn a_document_button_to_a_file_share_behind_a_login_is_a_sign() {
    let anna = "From: Anna Lindqvist <anna.lindqvist@nordichome.se>";
    let body = "<p>Please find the invoice. <a href=\"https://drive.google.com/file/d/abc/view\">View invoice</a></p><p>Sign in with your company e-mail to view it.</p>";
    let r = one(html(anna, &[PARTY_PASS], body));
    assert_eq!(
        level(&r, SignKind::LinkFileShare),
        Some(Level::Warning),
        "{:?}",
        kinds(&r)
    );
    let zh = "<p>发票见链接：<a href=\"https://www.dropbox.com/s/x/inv.pdf\">查看发票</a>，请登录后查看。</p>";
    let r = one(html("From: 王芳 <wf2026@163.com>", &[], zh));
    assert_eq!(
        level(&r, SignKind::LinkFileShare),
        Some(Level::Strong),
        "{:?}",
        kinds(&r)
    );
    // No login asked, an unrelated sender, or the party's own SharePoint: no sign.
    let no_login =
        "<p>Photos: <a href=\"https://drive.google.com/drive/folders/x\">Week 49 photos</a></p>";
    let r = one(html(anna, &[PARTY_PASS], no_login));
    assert!(
        level(&r, SignKind::LinkFileShare).is_none(),
        "{:?}",
        kinds(&r)
    );
    let r = one(html(
        "From: Google Drive <drive-shares-noreply@google.com>",
        &[],
        body,
    ));
    assert!(
        level(&r, SignKind::LinkFileShare).is_none(),
        "{:?}",
        kinds(&r)
    );
    let own =
        "<a href=\"https://nordichome.sharepoint.com/sites/x\">Review document</a> sign in to view";
    let r = one(html(anna, &[PARTY_PASS], own));
    assert!(
        level(&r, SignKind::LinkFileShare).is_none(),
        "{:?}",
        kinds(&r)
    );
}

#[test]
fn qr_codes_ip_hosts_and_shorteners_are_checked_like_links() {
    let has = |signs: &[Sign], k: SignKind| signs.iter().any(|s| s.kind == k);
    let party = "anna.lindqvist@nordichome.se";
    let s = check(
        party,
        &[("QR code in invoice.pdf", "https://nordichorne.se/pay")],
        vec![],
    );
    assert!(has(&s, SignKind::LinkLookalike), "{s:?}");
    let s = check(
        party,
        &[("QR code in scan.png", "https://bit.ly/3xYz")],
        vec![],
    );
    assert!(has(&s, SignKind::LinkShortener), "{s:?}");
    let s = check(
        party,
        &[("QR code in scan.png", "http://192.0.2.10/invoice")],
        vec![],
    );
    assert!(has(&s, SignKind::LinkIp), "{s:?}");
    let s = check(
        "x@gmail.com",
        &[("https://tinyurl.com/abc", "https://tinyurl.com/abc")],
        vec![],
    );
    assert!(has(&s, SignKind::LinkShortener), "{s:?}");
    // A stranger's newsletter with a shortener: its own business.
    let s = check(
        "news@shop.example",
        &[("https://bit.ly/x", "https://bit.ly/x")],
        vec![],
    );
    assert!(!has(&s, SignKind::LinkShortener), "{s:?}");
    // The look-alike kind is an argument in words, in both languages, beside the domains.
    let r = one(plain("From: Anna <anna@nordichmoe.se>", &[], "Hi"));
    let s = r.signs.iter().find(|s| s.kind == SignKind::SenderLookalike);
    let args = &s.expect("a look-alike sender").args;
    assert_eq!(args[1][0], "nordichmoe.se", "{args:?}");
    assert_eq!(args[2][0], "nordichome.se", "{args:?}");
    assert!(
        args.iter()
            .any(|a| a[0].contains("typo") && a[1].contains("拼写仿冒")),
        "{args:?}"
    );
}

#[test]
fn risky_attachments_from_one_list_at_every_depth() {
    let risky = [
        "report.xll",
        "site.url",
        "notes.one",
        "notes.onepkg",
        "a.hta",
        "a.vbs",
        "a.js",
        "a.wsf",
        "setup.msi",
        "disk.img",
        "disk.vhd",
        "disk.vhdx",
        "disk.iso",
        "file.lnk",
        "x.scf",
        "x.library-ms",
        "x.settingcontent-ms",
        "app.appx",
        "app.msix",
        "app.appinstaller",
        "x.reg",
        "x.ps1",
        "x.bat",
        "x.cmd",
        "x.jar",
        "x.xlam",
        "q.iqy",
        "q.slk",
        "invoice.pdf.exe",
        "RUN.EXE. ",
    ];
    for name in risky {
        let s = check("a@b.example", &[], vec![file(name)]);
        assert!(
            s.iter()
                .any(|s| s.kind == SignKind::RiskyAttachment && s.level == Level::Strong),
            "{name}"
        );
    }
    let s = check("a@b.example", &[], vec![file("logo.svg")]);
    assert!(
        s.iter().any(|s| s.kind == SignKind::HtmlAttachment),
        "{s:?}"
    );
    let s = check("a@b.example", &[], vec![file("invoice\u{202e}fdp.exe")]);
    assert!(
        s.iter().any(|s| s.kind == SignKind::AttachmentDisguised),
        "{s:?}"
    );
    let mut nested = file("docs.zip");
    nested.entries = vec![
        "a/BL.pdf".into(),
        "inner.zip".into(),
        "inner.zip/deep.7z/run.js".into(),
    ];
    let s = check("a@b.example", &[], vec![nested]);
    assert!(
        s.iter()
            .any(|s| s.kind == SignKind::RiskyAttachment && s.args[0][0].ends_with("run.js")),
        "{s:?}"
    );
    let mut locked = file("invoice.pdf");
    locked.encrypted = true;
    let s = check("a@b.example", &[], vec![locked]);
    assert!(s
        .iter()
        .any(|s| s.kind == SignKind::EncryptedAttachment && s.level == Level::Warning));
    let ordinary = [
        "invoice.pdf",
        "photo.jpg",
        "PI.xlsx",
        "contract.docx",
        "packing list.pdf",
    ];
    let s = check(
        "a@b.example",
        &[],
        ordinary.iter().map(|n| file(n)).collect(),
    );
    assert!(s.iter().all(|s| s.level == Level::Note), "{s:?}");
    // Through the reader: a real zip's directory.
    let r = one(eml(
        &["From: a@b.example", "Subject: docs"],
        "see",
        &[(
            "docs.zip",
            "application/zip",
            &zip(&["BL.pdf", "tools/setup.msi"]),
        )],
    ));
    assert_eq!(level(&r, SignKind::RiskyAttachment), Some(Level::Strong));
}
