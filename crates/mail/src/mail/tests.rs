//! Verify stage, reading: tests of the mail reader on mails built here — every charset in
//! bodies, subjects and display names (labelled, mislabelled, raw 8-bit headers), HTML as the
//! reader sees it, hidden text, normalisation, every part, forwarded mails, limits, and files
//! that are not mails.

use super::normalise::normalise;
use super::*;
use encoding_rs::{Encoding, BIG5, GB18030, GBK, ISO_2022_JP, WINDOWS_1252};

fn b64(data: &[u8]) -> String {
    crate::testing::b64(data)
}

fn enc(e: &'static Encoding, s: &str) -> Vec<u8> {
    let (b, _, bad) = e.encode(s);
    assert!(!bad, "{s} is not in {}", e.name());
    b.into_owned()
}

/// An RFC 2047 encoded word.
fn word(e: &'static Encoding, label: &str, s: &str) -> String {
    format!("=?{label}?B?{}?=", b64(&enc(e, s)).replace("\r\n", ""))
}

fn read_ok(bytes: &[u8]) -> Mail {
    read(Path::new("m.eml"), bytes).unwrap_or_else(|d| panic!("{d}"))
}

fn texts(m: &Mail, source: &Source) -> Vec<String> {
    m.parts
        .iter()
        .filter(|p| &p.source == source)
        .map(|p| m.part_text(p).to_string())
        .collect()
}

/// A one-part mail: header lines (raw bytes), then a body with its content type and transfer
/// encoding.
fn mail(headers: &[&[u8]], ctype: &str, cte: &str, body: &[u8]) -> Vec<u8> {
    let mut m = Vec::new();
    for h in headers {
        m.extend_from_slice(h);
        m.extend_from_slice(b"\r\n");
    }
    m.extend_from_slice(
        format!("MIME-Version: 1.0\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n")
            .as_bytes(),
    );
    m.extend_from_slice(body);
    m
}

fn qp(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, b) in data.iter().enumerate() {
        if i > 0 && i % 24 == 0 {
            out.extend_from_slice(b"=\r\n");
        }
        if *b >= 0x80 || *b == b'=' {
            out.extend_from_slice(format!("={b:02X}").as_bytes());
        } else {
            out.push(*b);
        }
    }
    out
}

#[test]
fn every_charset_decodes_in_body_subject_and_display_name() {
    let cases: [(&'static Encoding, &str, &str, &str); 5] = [
        (GBK, "gbk", "收款账户已变更，请汇至新账户", "王芳（财务）"),
        (GB18030, "gb18030", "请确认银行账号 ㈠ 镕", "陈静"),
        (BIG5, "big5", "收款帳戶已變更，請匯至新帳號", "王芳"),
        (
            ISO_2022_JP,
            "iso-2022-jp",
            "口座番号を変更しました",
            "山田太郎",
        ),
        (
            WINDOWS_1252,
            "windows-1252",
            "Grüße aus München – Überweisung",
            "Jürgen Müller",
        ),
    ];
    for (e, label, text, name) in cases {
        let want = normalise(text);
        let want_name = normalise(name);
        for cte in ["8bit", "base64", "quoted-printable"] {
            let body = enc(e, text);
            let body = match cte {
                "base64" => b64(&body).into_bytes(),
                "quoted-printable" => qp(&body),
                _ => body,
            };
            let from = format!("From: {} <a@b.cn>", word(e, label, name));
            let subject = format!("Subject: {}", word(e, label, text));
            let m = read_ok(&mail(
                &[from.as_bytes(), subject.as_bytes()],
                &format!("text/plain; charset={label}"),
                cte,
                &body,
            ));
            assert_eq!(
                texts(&m, &Source::Plain),
                std::slice::from_ref(&want),
                "{label} {cte}"
            );
            assert_eq!(m.subject, want, "{label} subject");
            assert_eq!(m.from[0].name.as_deref(), Some(&*want_name), "{label} name");
            assert_eq!(texts(&m, &Source::Subject), std::slice::from_ref(&want));
        }
        // Raw 8-bit headers, no label: the first text part's charset.
        if e != ISO_2022_JP {
            let mut from = b"From: ".to_vec();
            from.extend(enc(e, name));
            from.extend_from_slice(b" <a@b.cn>");
            let mut subject = b"Subject: ".to_vec();
            subject.extend(enc(e, text));
            let m = read_ok(&mail(
                &[&from, &subject],
                &format!("text/plain; charset=\"{label}\""),
                "8bit",
                &enc(e, text),
            ));
            assert_eq!(m.subject, want, "{label} raw subject");
            assert_eq!(
                m.from[0].name.as_deref(),
                Some(&*want_name),
                "{label} raw name"
            );
        }
    }
    assert_eq!(
        normalise("收款帳戶已變更，請匯至新帳號"),
        "收款账户已变更，请汇至新账号"
    );
}

#[test]
fn mislabelled_and_unlabelled_chinese_is_recognised() {
    let text = "您好，我司收款账户因审计原因已变更，请将货款汇至以下新账户。";
    for ctype in [
        "text/plain; charset=us-ascii",
        "text/plain; charset=iso-8859-1",
        "text/plain; charset=utf-8",
        "text/plain",
    ] {
        let m = read_ok(&mail(
            &[b"From: a@b.cn"],
            ctype,
            "base64",
            b64(&enc(GBK, text)).as_bytes(),
        ));
        assert_eq!(texts(&m, &Source::Plain), [normalise(text)], "{ctype}");
    }
    // gb2312 holding characters only GBK has (喆, 堃).
    let m = read_ok(&mail(
        &[b"From: a@b.cn"],
        "text/plain; charset=gb2312",
        "8bit",
        &enc(GBK, "王喆 李堃 账户"),
    ));
    assert_eq!(texts(&m, &Source::Plain), ["王喆 李堃 账户"]);
    // Big5 under a wrong label.
    let m = read_ok(&mail(
        &[b"From: a@b.cn"],
        "text/plain; charset=us-ascii",
        "8bit",
        &enc(BIG5, "請將款項匯至以下帳戶，謝謝您的配合"),
    ));
    assert_eq!(
        texts(&m, &Source::Plain),
        ["请将款项汇至以下账户，谢谢您的配合"]
    );
    // Real Latin-1 stays Latin-1; UTF-8 under a Latin-1 label is UTF-8.
    let german = "Grüße aus München, Herr Müller; die Überweisung ist unterwegs.";
    let m = read_ok(&mail(
        &[b"From: a@b.de"],
        "text/plain; charset=iso-8859-1",
        "8bit",
        &enc(WINDOWS_1252, german),
    ));
    assert_eq!(texts(&m, &Source::Plain), [german]);
    let m = read_ok(&mail(
        &[b"From: a@b.de"],
        "text/plain; charset=iso-8859-1",
        "8bit",
        "账户 Grüße".as_bytes(),
    ));
    assert_eq!(texts(&m, &Source::Plain), ["账户 Grüße"]);
}

#[test]
fn html_reads_as_the_reader_sees_it() {
    let html = concat!(
        "<html><head><title>T</title><style>.pre{display:none} p{margin:0}</style></head><body>",
        "<div>Dear Anna,</div><div>please note&nbsp;the new details:</div>",
        "<table><tr><td>Bank</td><td>HSBC</td></tr><tr><th>Account</th><td>&#x8D26;&#25143; 12&amp;34</td></tr></table>",
        "<p>Call <b>me</b><br>today</p><ul><li>one<li>two</ul>",
        "<a href=\"https://evil.example/a?x=1&amp;y=2\">www.nordichome.se</a>",
        "<img src=\"x.png\" alt=\"logo text\">",
        "<script>var secret = 1;</script><!-- a comment -->",
        "<span class=\"pre\">preheader hidden by class</span>",
        "<div style=\"display:none\">none text</div>",
        "<span style=\"font-size:0px\">zero font</span>",
        "<font color=\"#ffffff\">white on white</font>",
        "<div style=\"visibility:hidden\">invisible text</div>",
        "<div style=\"color:#fefefe\">near white</div>",
        "<div style=\"background-color:#0066cc\"><span style=\"color:#fff\">white on blue</span></div>",
        "<div style=\"font-size:0\"><span style=\"font-size:14px\">reset font</span></div>",
        "<div aria-hidden=\"true\">aria stays</div>",
        "<div style=\"max-height:0;overflow:hidden\">clipped text</div>",
        "<p hidden>hidden attribute</p>",
        "Ban<span style=\"display:none\">XX</span>k",
        "</body></html>"
    );
    let m = read_ok(&mail(
        &[b"From: a@b.se", b"Subject: s"],
        "text/html; charset=utf-8",
        "8bit",
        html.as_bytes(),
    ));
    let text = texts(&m, &Source::Html).join("");
    let lines: Vec<&str> = text.lines().collect();
    for want in [
        "Dear Anna,",
        "please note the new details:",
        "Bank HSBC",
        "Account 账户 12&34",
        "Call me",
        "today",
        "one",
        "two",
    ] {
        assert!(lines.contains(&want), "{want:?} in {text:?}");
    }
    for shown in [
        "white on blue",
        "reset font",
        "aria stays",
        "logo text",
        "Bank",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    let hidden: Vec<&str> = m.hidden.iter().map(|h| h.text.as_str()).collect();
    for h in [
        "preheader hidden by class",
        "none text",
        "zero font",
        "white on white",
        "invisible text",
        "near white",
        "clipped text",
        "hidden attribute",
        "XX",
    ] {
        assert!(!text.contains(h), "{h} visible in {text}");
        assert!(
            hidden.iter().any(|x| x.contains(h)),
            "{h} not in {hidden:?}"
        );
    }
    assert!(m.hidden.iter().all(|h| h.source == Source::Html));
    for gone in ["var secret", "a comment", "T\n"] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    assert_eq!(
        m.links[0],
        Link {
            shown: "www.nordichome.se".into(),
            target: "https://evil.example/a?x=1&y=2".into()
        }
    );
}

#[test]
fn normalisation_removes_what_the_reader_does_not_see() {
    assert_eq!(
        normalise("ac\u{200B}co\u{200D}unt\u{FEFF} ch\u{AD}ange"),
        "account change"
    );
    assert_eq!(
        normalise("ＩＢＡＮ：１２３４　５６，ｏｋ"),
        "IBAN：1234 56，ok"
    );
    assert_eq!(
        normalise("a\u{A0}\u{2003}\tb  c \r\n\r\n\r\n\r\nd\u{1B}[2J\u{7}\u{202E}e"),
        "a b c\n\nd[2Je"
    );
    assert_eq!(
        normalise("帳號變更 銀行 匯款 電話 請 凍結 審計 確認"),
        "账号变更 银行 汇款 电话 请 冻结 审计 确认"
    );
    assert_eq!(
        normalise("line one   \nline two\u{2028}three"),
        "line one\nline two\nthree"
    );
    // Every table entry keeps its UTF-8 length, and the table is sorted.
    assert!(t2s::T2S.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(t2s::T2S
        .iter()
        .all(|(t, s)| t.len_utf8() == 3 && s.len_utf8() == 3));
    // The bitmap in front of the search knows every entry, and only the entries.
    assert!(t2s::T2S.iter().all(|&(t, s)| t2s::simplified(t) == s));
    let entries: std::collections::BTreeSet<char> = t2s::T2S.iter().map(|e| e.0).collect();
    for c in ('\u{3300}'..='\u{FFFF}').filter(|c| !entries.contains(c)) {
        assert_eq!(t2s::simplified(c), c);
    }
    // A mail's ASCII runs are copied whole; what lies between them still goes through the
    // per-character rules.
    assert_eq!(
        normalise("Dear  Anna,\r\n\r\nour\u{200B}account \u{FF21}\u{FF22} 帳戶\t\u{1}ok "),
        "Dear Anna,\n\nouraccount AB 账户 ok"
    );
}

/// A multipart mail from parts given as (headers, body).
fn multipart(kind: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
    multipart_in("XYZ", kind, parts)
}

fn multipart_in(boundary: &str, kind: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut m = format!(
        "From: Anna <anna@b.se>\r\nSubject: parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/{kind}; boundary=\"{boundary}\"\r\n\r\n"
    )
    .into_bytes();
    for (h, body) in parts {
        m.extend_from_slice(format!("--{boundary}\r\n{h}\r\n\r\n").as_bytes());
        m.extend_from_slice(body);
        m.extend_from_slice(b"\r\n");
    }
    m.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    m
}

#[test]
fn every_part_is_read_in_order() {
    let m = read_ok(&multipart(
        "alternative",
        &[
            (
                "Content-Type: text/plain; charset=utf-8; format=flowed",
                b"Thanks for the order. We \r\nship on Monday.\r\n",
            ),
            (
                "Content-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: base64",
                b64(&enc(GBK, "<p>请汇至新账户</p>")).as_bytes(),
            ),
        ],
    ));
    let order: Vec<&Source> = m.parts.iter().map(|p| &p.source).collect();
    assert_eq!(order, [&Source::Subject, &Source::Plain, &Source::Html]);
    assert_eq!(
        m.text,
        "parts\n\nThanks for the order. We ship on Monday.\n\n请汇至新账户"
    );
    // Attachments: text read here, others listed (and given to `attach`).
    let m = read_ok(&multipart(
        "mixed",
        &[
            ("Content-Type: text/plain", b"See the files."),
            ("Content-Type: text/plain; charset=gbk; name=\"note.txt\"\r\nContent-Disposition: attachment; filename=\"note.txt\"", &enc(GBK, "新账户 6222")),
            ("Content-Type: application/octet-stream; name=\"page.html\"\r\nContent-Transfer-Encoding: base64", b64(b"<a href='https://x.example/'>log in</a>").as_bytes()),
            ("Content-Type: image/png; name=\"a.png\"\r\nContent-Disposition: inline", b"\x89PNG"),
        ],
    ));
    assert_eq!(
        texts(&m, &Source::Attachment("note.txt".into())),
        ["新账户 6222"]
    );
    assert_eq!(
        texts(&m, &Source::Attachment("page.html".into())),
        ["log in"]
    );
    assert!(m
        .links
        .iter()
        .any(|l| l.target == "https://x.example/" && l.shown == "log in"));
    let names: Vec<(&str, bool)> = m
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.text_read))
        .collect();
    assert_eq!(
        names,
        [("note.txt", true), ("page.html", true), ("a.png", false)]
    );
}

#[test]
fn forwarded_mails_are_read_and_bounded() {
    let inner = mail(
        &[
            b"From: Wang Fang <wang@seller.cn>",
            b"Subject: =?UTF-8?B?5Lu35qC8?=",
        ],
        "text/plain; charset=gbk",
        "8bit",
        &enc(GBK, "原账户冻结，请付至新账户"),
    );
    let outer = multipart(
        "mixed",
        &[
            ("Content-Type: text/plain", b"FYI below"),
            ("Content-Type: message/rfc822", &inner),
        ],
    );
    let m = read_ok(&outer);
    let fwd = Source::Forwarded("From: Wang Fang <wang@seller.cn>".into());
    assert_eq!(
        texts(&m, &fwd),
        ["From: Wang Fang <wang@seller.cn>\nSubject: 价格"]
    );
    assert!(m.text.ends_with("原账户冻结，请付至新账户"), "{}", m.text);
    // base64-encoded, and nested four deep: the fourth is not read, and that is said.
    let mut nested = inner.clone();
    for i in 0..4 {
        nested = multipart_in(
            &format!("L{i}"),
            "mixed",
            &[
                ("Content-Type: text/plain", format!("level {i}").as_bytes()),
                (
                    "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64",
                    b64(&nested).as_bytes(),
                ),
            ],
        );
    }
    let m = read_ok(&nested);
    assert!(
        m.text.contains("level 3") && m.text.contains("level 0"),
        "{}",
        m.text
    );
    assert!(!m.text.contains("原账户"), "{}", m.text);
    assert!(
        m.cut.iter().any(|c| c.what[0].contains("3 levels deep")),
        "{:?}",
        m.cut
    );
}

#[test]
fn text_over_the_limit_is_cut_and_said() {
    let body = "account ".repeat(MAX_TEXT / 8 + 1000);
    let m = read_ok(&mail(
        &[b"From: a@b.se", b"Subject: big"],
        "text/plain",
        "8bit",
        body.as_bytes(),
    ));
    assert!(m.text.len() <= MAX_TEXT);
    assert_eq!(m.cut.len(), 1);
    assert_eq!(
        m.cut[0].what[0],
        "only the first 8 MiB of the mail's text were read"
    );
    assert_eq!(m.cut[0].what[1], "仅读取了邮件文字的前 8 MiB");
    let small = read_ok(&mail(&[b"From: a@b.se"], "text/plain", "8bit", b"hello"));
    assert!(small.cut.is_empty());
}

#[test]
fn files_that_are_not_mails_are_refused_as_such() {
    let cases: [(&[u8], &str); 6] = [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        (b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", "JPEG"),
        (b"", "empty"),
        (b"\r\n\r\n", "empty"),
        (
            b"Dear Anna, thank you for the order.\nWe ship on Monday: all good.\n",
            "header lines",
        ),
        (b"Note: this is a list\nItem: one\n\nbody", "header lines"),
    ];
    for (bytes, what) in cases {
        let d = read(Path::new("x"), bytes).expect_err("refused");
        assert!(
            d.message.starts_with("not a mail message") && d.message.contains(what),
            "{d}"
        );
        assert_eq!(d.pos, Some((1, 1)));
    }
    assert!(looks_like_mail(
        b"From MAILER-DAEMON Mon Nov 30\nFrom: a@b.se\n\nhi"
    ));
    assert!(looks_like_mail(b"Received: from x\r\nX-Y: z\r\n\r\nhi"));
}

#[test]
fn bulk_mail_is_marked() {
    for (h, bulk) in [
        ("List-Unsubscribe: <mailto:u@x.com>", true),
        ("List-Id: news <news.x.com>", true),
        ("Precedence: bulk", true),
        ("Precedence: first-class", false),
        ("Auto-Submitted: auto-replied", true),
        ("Auto-Submitted: no", false),
    ] {
        let m = read_ok(&mail(
            &[b"From: a@b.se", h.as_bytes()],
            "text/plain",
            "7bit",
            b"hi",
        ));
        assert_eq!(m.bulk, bulk, "{h}");
    }
}
