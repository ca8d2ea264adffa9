//! Tests of `.msg` reading: files made by the writer in `write.rs`, read back through the
//! RFC 5322 message they become.

use super::write::{write, Attachment, Body, Data, Spec};
use super::*;
use mail_parser::{MessageParser, MimeHeaders};

fn invoice_spec() -> Spec {
    Spec {
        subject: "Balance invoice 发票".into(),
        sender_name: "Li Wei".into(),
        sender_email: "li.wei@hengli-kitchen.com".into(),
        headers: Some(
            "Received: from mx.hengli-kitchen.com\r\n\
             From: Li Wei <li.wei@hengli-kitchen.com>\r\n\
             Reply-To: <accounts@hengli-finance.net>\r\n\
             Authentication-Results: mx.nordichome.se; spf=pass; dkim=pass\r\n\
             Subject: Balance invoice\r\n\
             Content-Type: multipart/mixed; boundary=\"old\"\r\n\
             MIME-Version: 1.0\r\n\r\n"
                .into(),
        ),
        body: Some(Body::Unicode("Please find the invoice attached.".into())),
        html: Some(
            b"<html><head><meta charset=\"gb2312\"></head><body><p>\xc7\xeb\xb8\xb6\xbf\xee</p></body></html>"
                .to_vec(),
        ),
        codepage: Some(65001),
        attachments: vec![
            Attachment {
                name: "发票 INV-118.pdf".into(),
                mime: "application/pdf".into(),
                data: Data::Bytes(b"%PDF-1.4 not really".to_vec()),
            },
            Attachment {
                name: "Earlier mail".into(),
                mime: String::new(),
                data: Data::Message(Box::new(Spec {
                    subject: "Bank details".into(),
                    sender_name: "Anna Lindqvist".into(),
                    sender_email: "anna.lindqvist@nordichome.se".into(),
                    body: Some(Body::Unicode("Our account is on file.".into())),
                    ..Spec::default()
                })),
            },
        ],
    }
}

#[test]
fn a_msg_becomes_a_message_with_its_headers_bodies_and_attachments() {
    let bytes = write(&invoice_spec()).unwrap();
    assert!(is_msg(&bytes));
    let (eml, notes) = to_eml(&bytes).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    let m = MessageParser::default().parse(&eml).unwrap();
    // The transport headers are the truth: Reply-To and Authentication-Results survive.
    assert_eq!(
        m.from().unwrap().first().unwrap().address(),
        Some("li.wei@hengli-kitchen.com")
    );
    assert_eq!(
        m.reply_to().unwrap().first().unwrap().address(),
        Some("accounts@hengli-finance.net")
    );
    assert!(m
        .header_raw("Authentication-Results")
        .unwrap()
        .contains("dkim=pass"));
    assert_eq!(
        m.body_text(0).as_deref(),
        Some("Please find the invoice attached.")
    );
    // The HTML body decodes by its own meta charset (GB 2312).
    assert!(m.body_html(0).unwrap().contains("请付款"));
    let names: Vec<_> = m
        .attachments()
        .map(|a| a.attachment_name().unwrap_or(""))
        .collect();
    assert_eq!(names, ["发票 INV-118.pdf", "Earlier mail"]);
    let pdf = m.attachments().next().unwrap();
    assert_eq!(pdf.contents(), b"%PDF-1.4 not really");
    let inner = m
        .attachments()
        .nth(1)
        .unwrap()
        .message()
        .expect("embedded message");
    assert_eq!(inner.subject(), Some("Bank details"));
    assert_eq!(
        inner.body_text(0).as_deref(),
        Some("Our account is on file.")
    );
    // And the mail reader reads it like an `.eml`.
    let mail = read(Path::new("in.msg"), &bytes).unwrap();
    assert_eq!(mail.from[0].address, "li.wei@hengli-kitchen.com");
    assert!(mail.text.contains("Please find the invoice attached."));
}

#[test]
fn without_transport_headers_the_properties_make_the_headers() {
    let spec = Spec {
        subject: "收款账户已变更".into(),
        sender_name: "王芳（财务）".into(),
        sender_email: "wang.fang@hengli-kitchen.com".into(),
        // GBK bytes of the body, in code page 936.
        body: Some(Body::Bytes(
            encoding_rs::GBK.encode("请汇至以下账户").0.into_owned(),
        )),
        codepage: Some(936),
        ..Spec::default()
    };
    let (eml, _) = to_eml(&write(&spec).unwrap()).unwrap();
    let m = MessageParser::default().parse(&eml).unwrap();
    let from = m.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("王芳（财务）"));
    assert_eq!(from.address(), Some("wang.fang@hengli-kitchen.com"));
    assert_eq!(m.subject(), Some("收款账户已变更"));
    assert_eq!(m.body_text(0).as_deref(), Some("请汇至以下账户"));
}

#[test]
fn an_rtf_only_body_is_noted_and_deep_nesting_stops() {
    let mut spec = Spec {
        subject: "x".into(),
        sender_email: "a@b.cn".into(),
        ..Spec::default()
    };
    for _ in 0..5 {
        spec = Spec {
            subject: "fw".into(),
            sender_email: "a@b.cn".into(),
            attachments: vec![Attachment {
                name: "fw".into(),
                mime: String::new(),
                data: Data::Message(Box::new(spec)),
            }],
            ..Spec::default()
        };
    }
    let mut bytes = write(&spec).unwrap();
    let (_, notes) = to_eml(&bytes).unwrap();
    assert!(
        notes.iter().any(|n| n[0].contains("nested deeper than 3")),
        "{notes:?}"
    );
    // An RTF body alone.
    let mut cf = cfb::CompoundFile::open(Cursor::new(&mut bytes)).unwrap();
    cf.create_stream("/__substg1.0_10090102").unwrap();
    drop(cf);
    let (_, notes) = to_eml(&bytes).unwrap();
    assert!(notes.iter().any(|n| n[0].contains("RTF body")), "{notes:?}");
}

#[test]
fn damaged_and_foreign_ole_files_are_errors_not_panics() {
    let good = write(&invoice_spec()).unwrap();
    for end in (0..good.len()).step_by(211) {
        let _ = to_eml(&good[..end]);
    }
    let mut seed = 7u32;
    for _ in 0..100 {
        let mut bad = good.clone();
        for _ in 0..16 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let i = seed as usize % bad.len();
            bad[i] = (seed >> 16) as u8;
        }
        let _ = to_eml(&bad);
    }
    let mut other = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    other.create_stream("/WordDocument").unwrap();
    let other = other.into_inner().into_inner();
    let e = to_eml(&other).unwrap_err();
    assert!(e.contains("not a mail message"), "{e}");
}

/// Writes the fixture of the first test to `$DEALGUARD_MSG_OUT` for `scripts/msg-check.py`;
/// does nothing without it.
#[test]
fn write_for_cross_check() {
    if let Some(path) = std::env::var_os("DEALGUARD_MSG_OUT") {
        std::fs::write(path, write(&invoice_spec()).unwrap()).unwrap();
    }
}
