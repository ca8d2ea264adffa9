//! Tests of the e-mail writer: each message is parsed back by hand (headers, encoded-words,
//! parts, base64) and checked against what went in.

use super::*;

fn mb(name: &str, address: &str) -> Mailbox {
    Mailbox {
        name: name.into(),
        address: address.into(),
    }
}

fn sample() -> Message {
    Message {
        from: mb("宁波恒力厨具有限公司", "sales@hengli-kitchen.com"),
        to: vec![
            mb("Müller, Hans", "hans.mueller@example.de"),
            mb("", "buyer@example.com"),
        ],
        cc: vec![mb("王小明", "wang@hengli-kitchen.com")],
        subject: "Welcome to order NH-2026-0148 / 订单NH-2026-0148欢迎信".into(),
        date: 1_795_136_400,
        utc_offset_minutes: 480,
        message_id: "3f9a0c1d2e@hengli-kitchen.com".into(),
        text: "Dear Hans,\n\nwelcome — 欢迎!\nLine three.\n".into(),
        html: "<!DOCTYPE html>\n<html><body><p>Dear Hans,</p>\n<p>欢迎!</p></body></html>\n".into(),
    }
}

fn b64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let bytes: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert_eq!(bytes.len() % 4, 0, "base64 length");
    let mut out = Vec::new();
    for q in bytes.chunks(4) {
        let pad = q.iter().filter(|&&b| b == b'=').count();
        let mut n = 0u32;
        for &b in q {
            n = (n << 6) | if b == b'=' { 0 } else { val(b) };
        }
        let three = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&three[..3 - pad]);
    }
    out
}

/// Decodes a header value: unfolds, then replaces encoded-words (dropping the whitespace
/// between adjacent ones).
fn decode_header(v: &str) -> String {
    let v = v.replace("\r\n ", " ");
    let mut out = String::new();
    let mut prev_was_ew = false;
    for (i, w) in v.split(' ').enumerate() {
        let ew = w
            .strip_prefix("=?UTF-8?B?")
            .and_then(|r| r.strip_suffix("?="));
        if i > 0 && !(prev_was_ew && ew.is_some()) {
            out.push(' ');
        }
        match ew {
            Some(inner) => out.push_str(&String::from_utf8(b64_decode(inner)).unwrap()),
            None => out.push_str(w),
        }
        prev_was_ew = ew.is_some();
    }
    out
}

/// Splits a rendered message into (header lines as unfolded (name, raw value)) and body.
fn parse(bytes: &[u8]) -> (Vec<(String, String)>, String) {
    let s = String::from_utf8(bytes.to_vec()).expect("message is UTF-8 (in fact ASCII)");
    assert!(s.is_ascii(), "message is 7-bit");
    let (head, body) = s.split_once("\r\n\r\n").expect("header/body separator");
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with(' ') {
            let last = headers.last_mut().expect("continuation after a header");
            last.1.push_str("\r\n");
            last.1.push_str(line);
        } else {
            let (n, v) = line.split_once(':').expect("header has a colon");
            headers.push((n.to_string(), v.strip_prefix(' ').unwrap_or(v).to_string()));
        }
    }
    (headers, body.to_string())
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The two parts: (content-type, decoded body).
fn parts(headers: &[(String, String)], body: &str) -> Vec<(String, String)> {
    let ct = header(headers, "Content-Type").unwrap();
    let b = ct
        .split("boundary=\"")
        .nth(1)
        .unwrap()
        .trim_end_matches('"');
    let delim = format!("--{b}");
    let close = format!("\r\n--{b}--\r\n");
    assert!(body.starts_with(&delim), "body starts with the boundary");
    assert!(body.ends_with(&close), "body ends with the close delimiter");
    let inner = &body[delim.len()..body.len() - close.len()];
    inner
        .split(&format!("\r\n{delim}"))
        .map(|p| {
            // An empty body shares its CRLF with the delimiter: add one back.
            let p = format!("{}\r\n", p.strip_prefix("\r\n").unwrap());
            let (ph, pb) = p.split_once("\r\n\r\n").unwrap();
            let (hs, _) = parse(format!("{ph}\r\n\r\n").as_bytes());
            assert_eq!(header(&hs, "Content-Transfer-Encoding"), Some("base64"));
            for line in pb.trim_end().split("\r\n") {
                assert!(line.len() <= 76, "base64 line too long: {line}");
                assert!(!line.contains(b), "boundary inside a part");
            }
            let text = String::from_utf8(b64_decode(pb)).unwrap();
            (header(&hs, "Content-Type").unwrap().to_string(), text)
        })
        .collect()
}

fn header_lines(bytes: &[u8]) -> Vec<String> {
    let s = String::from_utf8(bytes.to_vec()).unwrap();
    let (head, _) = s.split_once("\r\n\r\n").unwrap();
    head.split("\r\n").map(str::to_string).collect()
}

#[test]
fn dates() {
    assert_eq!(date(0, 0), "Thu, 01 Jan 1970 00:00:00 +0000");
    assert_eq!(date(1_795_136_400, 480), "Fri, 20 Nov 2026 09:00:00 +0800");
    assert_eq!(date(1_709_251_199, 0), "Thu, 29 Feb 2024 23:59:59 +0000");
    assert_eq!(date(951_782_400, 0), "Tue, 29 Feb 2000 00:00:00 +0000");
    // Negative offsets and a half-hour zone.
    assert_eq!(date(0, -300), "Wed, 31 Dec 1969 19:00:00 -0500");
    assert_eq!(date(0, 330), "Thu, 01 Jan 1970 05:30:00 +0530");
    assert_eq!(date(-1, 0), "Wed, 31 Dec 1969 23:59:59 +0000");
    // Clamped, not panicking.
    assert_eq!(date(i64::MIN, i32::MIN), "Mon, 01 Jan 1900 00:00:00 -2359");
    assert_eq!(date(i64::MAX, i32::MAX), "Fri, 31 Dec 9999 23:59:59 +2359");
}

#[test]
fn chinese_name_is_one_encoded_word() {
    assert_eq!(
        phrase_tokens("宁波恒力厨具有限公司"),
        vec!["=?UTF-8?B?5a6B5rOi5oGS5Yqb5Y6o5YW35pyJ6ZmQ5YWs5Y+4?=".to_string()]
    );
    let out = render(&sample());
    let (h, _) = parse(&out);
    assert_eq!(
        header(&h, "From"),
        Some("=?UTF-8?B?5a6B5rOi5oGS5Yqb5Y6o5YW35pyJ6ZmQ5YWs5Y+4?=\r\n <sales@hengli-kitchen.com>")
    );
}

#[test]
fn mixed_subject_round_trips() {
    let m = sample();
    let out = render(&m);
    let (h, _) = parse(&out);
    let subj = header(&h, "Subject").unwrap();
    assert_eq!(decode_header(subj), m.subject);
    for w in subj.split_whitespace() {
        assert!(w.len() <= 75, "encoded-word too long: {w}");
    }
}

#[test]
fn long_subjects_split_on_characters_and_fold() {
    let subjects = [
        "订".repeat(200),
        "a😀".repeat(60),
        "é".repeat(101),
        "x".repeat(300),
        "word ".repeat(60).trim_end().to_string(),
        "  leading, double  and trailing spaces  ".to_string(),
        "looks like =?UTF-8?B?QQ==?= an encoded word".to_string(),
    ];
    for s in subjects {
        let mut m = sample();
        m.subject = s.clone();
        let out = render(&m);
        for line in header_lines(&out) {
            assert!(
                line.len() <= MAX_LINE,
                "line too long ({}): {line}",
                line.len()
            );
            assert!(!line.trim().is_empty(), "whitespace-only header line");
        }
        let (h, _) = parse(&out);
        let subj = header(&h, "Subject").unwrap();
        assert_eq!(decode_header(subj), s);
        for w in subj.split_whitespace().filter(|w| w.starts_with("=?")) {
            assert!(w.len() <= 75);
            let inner = &w[10..w.len() - 2];
            // Each word holds whole characters.
            String::from_utf8(b64_decode(inner)).expect("encoded-word splits a character");
        }
    }
}

#[test]
fn ascii_subject_stays_readable() {
    let mut m = sample();
    m.subject = "Weekly report, week 47".into();
    let (h, _) = parse(&render(&m));
    assert_eq!(header(&h, "Subject"), Some("Weekly report, week 47"));
}

#[test]
fn crlf_injection_is_neutralised() {
    let mut m = sample();
    m.subject = "Hello\r\nBcc: evil@attacker.example\r\n\r\nbody".into();
    m.from.name = "Eve\nX-Evil: 1".into();
    m.to[0].address = "a@b.com>\r\nBcc: evil@attacker.example".into();
    m.cc[0].name = "王\r\nBcc: x@y".into();
    m.message_id = "id@x\r\nBcc: evil@attacker.example".into();
    let out = render(&m);
    let names: Vec<String> = parse(&out).0.into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "Date",
            "From",
            "To",
            "Cc",
            "Subject",
            "Message-ID",
            "MIME-Version",
            "X-Unsent",
            "Content-Type",
            "X-Mailer"
        ]
    );
    let (h, _) = parse(&out);
    assert_eq!(
        decode_header(header(&h, "Subject").unwrap()),
        "Hello  Bcc: evil@attacker.example    body"
    );
    assert!(header(&h, "To")
        .unwrap()
        .contains("<a.b.comBccevil@attacker.example>"));
    assert_eq!(
        header(&h, "Message-ID"),
        Some("<id.xBccevil@attacker.example>")
    );
}

#[test]
fn headers_in_order_and_cc_optional() {
    let mut m = sample();
    m.cc.clear();
    let out = render(&m);
    let names: Vec<String> = parse(&out).0.into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "Date",
            "From",
            "To",
            "Subject",
            "Message-ID",
            "MIME-Version",
            "X-Unsent",
            "Content-Type",
            "X-Mailer"
        ]
    );
    let (h, _) = parse(&out);
    assert_eq!(header(&h, "Date"), Some("Fri, 20 Nov 2026 09:00:00 +0800"));
    assert_eq!(
        header(&h, "Message-ID"),
        Some("<3f9a0c1d2e@hengli-kitchen.com>")
    );
    assert_eq!(header(&h, "MIME-Version"), Some("1.0"));
    // Opened as a draft to send, not as a received mail.
    assert_eq!(header(&h, "X-Unsent"), Some("1"));
}

#[test]
fn names_with_specials_are_quoted() {
    assert_eq!(
        phrase_tokens("Smith, John"),
        vec!["\"Smith, John\"".to_string()]
    );
    assert_eq!(
        phrase_tokens("J. \"Jay\" O\\Neil"),
        vec![r#""J. \"Jay\" O\\Neil""#.to_string()]
    );
    assert_eq!(
        phrase_tokens("Hans Mueller"),
        vec!["Hans".to_string(), "Mueller".to_string()]
    );
    assert!(phrase_tokens("   ").is_empty());
    let mut m = sample();
    m.to = vec![
        mb("Smith, John", "john@example.com"),
        mb("Ann", "ann@example.com"),
    ];
    let (h, _) = parse(&render(&m));
    assert_eq!(
        header(&h, "To"),
        Some("\"Smith, John\" <john@example.com>, Ann <ann@example.com>")
    );
}

#[test]
fn long_address_lists_fold_between_mailboxes() {
    let mut m = sample();
    m.to = (0..12)
        .map(|i| {
            mb(
                &format!("客户{i} Purchasing"),
                &format!("buyer{i}@customer-domain.example"),
            )
        })
        .collect();
    let out = render(&m);
    for line in header_lines(&out) {
        assert!(
            line.len() <= MAX_LINE,
            "line too long ({}): {line}",
            line.len()
        );
    }
    let (h, _) = parse(&out);
    let to = header(&h, "To").unwrap();
    assert!(to.contains("\r\n "));
    assert_eq!(to.matches(">,").count(), 11);
    // Folds never fall inside an address.
    for a in to.split('<').skip(1) {
        let a = a.split('>').next().unwrap();
        assert!(!a.contains('\r') && !a.contains(' '));
    }
}

#[test]
fn bodies_round_trip_with_crlf() {
    let mut m = sample();
    m.text = format!("{}\nend\r\nmixed\rline", "长行 long line ".repeat(50));
    let out = render(&m);
    let (h, body) = parse(&out);
    let p = parts(&h, &body);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].0, "text/plain; charset=utf-8");
    assert_eq!(p[0].1, crlf(&m.text));
    assert!(p[0].1.ends_with("end\r\nmixed\r\nline"));
    assert!(!p[0].1.contains("\r\r"));
    assert_eq!(p[1].0, "text/html; charset=utf-8");
    assert_eq!(p[1].1, m.html.replace('\n', "\r\n"));
}

#[test]
fn empty_bodies_and_recipients() {
    let mut m = sample();
    m.text.clear();
    m.html.clear();
    m.to.clear();
    m.subject.clear();
    m.from = mb("", "");
    let out = render(&m);
    let (h, body) = parse(&out);
    assert_eq!(header(&h, "To"), Some("undisclosed-recipients:;"));
    assert_eq!(header(&h, "From"), Some("unknown@invalid"));
    assert_eq!(header(&h, "Subject"), Some(""));
    let p = parts(&h, &body);
    assert_eq!(p[0].1, "");
    assert_eq!(p[1].1, "");
}

#[test]
fn boundary_is_deterministic_and_content_derived() {
    let m = sample();
    assert_eq!(render(&m), render(&m));
    let mut m2 = sample();
    m2.text.push('!');
    assert_ne!(boundary(&m), boundary(&m2));
    assert!(boundary(&m).starts_with("=_dealguard_"));
    let out = render(&m);
    let s = String::from_utf8(out).unwrap();
    // Boundary appears exactly: once in the header, twice as delimiter, once as close.
    assert_eq!(s.matches(&boundary(&m)).count(), 4);
}

#[test]
fn addresses_are_cleaned() {
    assert_eq!(clean_addr_spec("a@b.com", "u", "d"), "a@b.com");
    assert_eq!(clean_addr_spec(" <a b@c d.com> ", "u", "d"), "ab@cd.com");
    assert_eq!(clean_addr_spec("a@b@c.com", "u", "d"), "a.b@c.com");
    assert_eq!(clean_addr_spec("..a..b.@.c..", "u", "d"), "a.b@c");
    assert_eq!(clean_addr_spec("alice", "u", "d"), "alice@d");
    assert_eq!(clean_addr_spec("@x.com", "u", "d"), "u@x.com");
    assert_eq!(clean_addr_spec("用户@例子.公司", "u", "d"), "u@d");
    let long = clean_addr_spec(
        &format!("{}@{}", "l".repeat(100), "d.".repeat(200)),
        "u",
        "d",
    );
    assert!(long.len() <= 254 && !long.ends_with('.'));
    let mut m = sample();
    m.message_id = "<>".into();
    let (h, _) = parse(&render(&m));
    let id = header(&h, "Message-ID").unwrap();
    assert!(
        id.starts_with('<') && id.ends_with("@dealguard.invalid>"),
        "{id}"
    );
}

#[test]
fn dates_clamp_with_the_offset_on_either_side() {
    assert_eq!(date(1_795_136_400, -330), "Thu, 19 Nov 2026 19:30:00 -0530");
    assert_eq!(date(-1, 60), "Thu, 01 Jan 1970 00:59:59 +0100");
    assert_eq!(date(0, 5000), "Thu, 01 Jan 1970 23:59:00 +2359");
    // The local time is clamped, whichever way the offset points.
    assert_eq!(date(i64::MIN, 1439), "Mon, 01 Jan 1900 00:00:00 +2359");
    assert_eq!(date(i64::MAX, -1439), "Fri, 31 Dec 9999 23:59:59 -2359");
}

#[test]
fn base64_matches_known_vectors() {
    for (i, o) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(i.as_bytes()), o);
        assert_eq!(b64_decode(o), i.as_bytes());
    }
}

#[test]
fn arbitrary_input_never_breaks_the_message() {
    // A small deterministic generator over awkward characters.
    let pool: Vec<char> = "aZ9 ,\"()<>@;:\\.[]\r\n\t\0\u{7f}\u{85}\u{2028}=?_-é宁😀\u{200b}"
        .chars()
        .collect();
    let mut seed: u64 = 0x1234_5678;
    let mut gen = |n: usize| -> String {
        (0..n)
            .map(|_| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                pool[(seed >> 33) as usize % pool.len()]
            })
            .collect()
    };
    for round in 0..300 {
        let n = round % 120;
        let m = Message {
            from: mb(&gen(n), &gen(n / 2)),
            to: (0..round % 4).map(|_| mb(&gen(n), &gen(20))).collect(),
            cc: (0..round % 3).map(|_| mb(&gen(n), &gen(20))).collect(),
            subject: gen(n * 2),
            date: (round as i64 - 150) * 10_000_000_000,
            utc_offset_minutes: (round as i32 - 150) * 20,
            message_id: gen(n / 2),
            text: gen(n * 3),
            html: gen(n),
        };
        let out = render(&m);
        let names: Vec<String> = parse(&out).0.into_iter().map(|(n, _)| n).collect();
        let mut want = vec!["Date", "From", "To"];
        if !m.cc.is_empty() {
            want.push("Cc");
        }
        want.extend([
            "Subject",
            "Message-ID",
            "MIME-Version",
            "X-Unsent",
            "Content-Type",
            "X-Mailer",
        ]);
        assert_eq!(names, want);
        for line in header_lines(&out) {
            assert!(
                line.len() <= MAX_LINE,
                "line too long ({}): {line:?}",
                line.len()
            );
        }
        let (h, body) = parse(&out);
        assert_eq!(
            decode_header(header(&h, "Subject").unwrap()),
            clean_header_text(&m.subject)
        );
        let p = parts(&h, &body);
        assert_eq!(p[0].1, crlf(&m.text));
        assert_eq!(p[1].1, crlf(&m.html));
    }
}

/// Writes the sample to /tmp/dealguard-test.eml for checking with other parsers
/// (`cargo test --lib eml -- --ignored`).
#[test]
#[ignore]
fn write_sample_eml() {
    std::fs::write("/tmp/dealguard-test.eml", render(&sample())).unwrap();
    // A second one with quoted names, a folded ASCII subject and an injection attempt.
    let mut m = sample();
    m.to = vec![
        mb("Smith, John \"JJ\"", "john@example.com"),
        mb("Ann Lee", "ann@example.com"),
    ];
    m.cc = (0..5)
        .map(|i| mb(&format!("采购部 {i}"), &format!("buyer{i}@example.com")))
        .collect();
    m.subject =
        "Weekly progress report for order NH-2026-0148, week 47 of 2026 (draft)\r\nBcc: x@y".into();
    m.utc_offset_minutes = -330;
    std::fs::write("/tmp/dealguard-test-2.eml", render(&m)).unwrap();
}

/// A MIME entity read back: its content types depth first (multiparts included) and the
/// decoded bodies of its leaves as (content type, disposition, bytes).
fn walk(entity: &str, types: &mut Vec<String>, leaves: &mut Vec<(String, String, Vec<u8>)>) {
    let (hs, body) = parse(entity.as_bytes());
    let ct = header(&hs, "Content-Type").unwrap().replace("\r\n ", " ");
    types.push(ct.split(';').next().unwrap().to_string());
    if ct.starts_with("multipart/") {
        let b = ct
            .split("boundary=\"")
            .nth(1)
            .unwrap()
            .trim_end_matches('"');
        let open = format!("--{b}\r\n");
        let close = format!("\r\n--{b}--\r\n");
        assert!(body.starts_with(&open), "no preamble");
        let end = body.find(&close).expect("close delimiter");
        assert!(
            body[end + close.len()..].is_empty(),
            "nothing after the close delimiter"
        );
        for part in body[open.len()..end].split(&format!("\r\n--{b}\r\n")) {
            walk(part, types, leaves);
        }
    } else {
        assert_eq!(header(&hs, "Content-Transfer-Encoding"), Some("base64"));
        for line in body.split("\r\n") {
            assert!(line.len() <= 76, "base64 line too long");
        }
        let disposition = header(&hs, "Content-Disposition").unwrap_or("").to_string();
        leaves.push((ct, disposition, b64_decode(&body)));
    }
}

fn pdf_attachment(bytes: Vec<u8>) -> Attachment {
    Attachment {
        filename: "NH-2026-0148-report-2026-W49-en+zh.pdf".into(),
        content_type: "application/pdf".into(),
        bytes,
    }
}

#[test]
fn attachments_go_in_a_mixed_message_byte_for_byte() {
    // Every byte value, and a length that leaves base64 padding.
    let pdf: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let m = sample();
    let bytes = render_with(&m, &[pdf_attachment(pdf.clone())]);
    let s = String::from_utf8(bytes.clone()).unwrap();
    assert!(s.is_ascii());
    let (mut types, mut leaves) = (Vec::new(), Vec::new());
    walk(&s, &mut types, &mut leaves);
    assert_eq!(
        types,
        [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "application/pdf"
        ]
    );
    assert_eq!(
        String::from_utf8(leaves[0].2.clone()).unwrap(),
        crlf(&m.text)
    );
    let (ct, disposition, data) = &leaves[2];
    assert_eq!(
        ct,
        "application/pdf; name=\"NH-2026-0148-report-2026-W49-en+zh.pdf\""
    );
    assert_eq!(
        disposition,
        "attachment; filename=\"NH-2026-0148-report-2026-W49-en+zh.pdf\""
    );
    assert_eq!(data, &pdf);
    // The same headers as without attachments, up to the content type.
    let plain = String::from_utf8(render(&m)).unwrap();
    let cut = |s: &str| s[..s.find("Content-Type").unwrap()].to_string();
    assert_eq!(cut(&s), cut(&plain));
    // Deterministic, and the files are part of the outer boundary.
    assert_eq!(bytes, render_with(&m, &[pdf_attachment(pdf.clone())]));
    let other = render_with(&m, &[pdf_attachment(vec![1, 2, 3])]);
    assert_ne!(header_lines(&bytes), header_lines(&other));
}

#[test]
fn no_attachments_is_the_plain_message() {
    let m = sample();
    assert_eq!(render_with(&m, &[]), render(&m));
}

#[test]
fn attachment_names_and_types_are_cleaned() {
    let a = Attachment {
        filename: "a\"b\\c\r\nX-Evil: 1 报告.pdf".into(),
        content_type: "text/html\r\nX: y".into(),
        bytes: Vec::new(),
    };
    let s = String::from_utf8(render_with(&sample(), &[a])).unwrap();
    assert!(
        s.contains("Content-Type: application/octet-stream; name=\"a_b_c__X-Evil_ 1 __.pdf\"\r\n")
    );
    assert!(!s.contains("\r\nX-Evil"));
    assert!(!s.contains("\r\nX: y"));
    let (mut types, mut leaves) = (Vec::new(), Vec::new());
    walk(&s, &mut types, &mut leaves);
    assert_eq!(leaves.len(), 3);
    assert!(leaves[2].2.is_empty());
}
