//! `dealguard serve` over HTTP: the server started on 127.0.0.1:0 against copies of fixture
//! deals, every page and action requested as a browser would, and the security cases — no
//! token, a foreign Host, a cross-site POST, oversized and hostile uploads, two saves of the
//! same week.

use crate::photos;
use crate::server::{form_fields, multipart, read_response, set, unescape, Server};
use std::io::Write;
use std::net::TcpStream;

#[test]
fn the_token_is_needed_and_becomes_an_http_only_strict_cookie() {
    let s = Server::start(&[]);
    let r = s.raw("GET", "/", &[], b"");
    assert_eq!(r.status, 401, "{}", r.text());
    let r = s.raw("GET", "/?token=0000", &[], b"");
    assert_eq!(r.status, 401);
    let r = s.raw(
        "GET",
        &format!("/deal?d=nordic-home&token={}", s.token),
        &[],
        b"",
    );
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/deal?d=nordic-home"));
    let c = r.header("set-cookie").unwrap();
    assert!(
        c.starts_with(&format!("dealguard_token={};", s.token)),
        "{c}"
    );
    assert!(
        c.contains("HttpOnly") && c.contains("SameSite=Strict"),
        "{c}"
    );
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn a_foreign_host_and_a_cross_site_post_are_refused() {
    let s = Server::start(&[]);
    let cookie = format!("dealguard_token={}", s.token);
    // DNS rebinding: a page of another site whose name resolves to 127.0.0.1.
    let r = s.raw(
        "GET",
        "/",
        &[
            ("Host", &format!("evil.example:{}", s.port)),
            ("Cookie", &cookie),
        ],
        b"",
    );
    assert_eq!(r.status, 403);
    let r = s.raw(
        "GET",
        &format!("/?token={}", s.token),
        &[("Host", "evil.example")],
        b"",
    );
    assert_eq!(r.status, 403);
    // CSRF: a form of another site posting with the user's cookie.
    let body = b"d=nordic-home";
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let r = s.raw(
        "POST",
        "/week/new",
        &[("Cookie", &cookie), ("Origin", "http://evil.example"), form],
        body,
    );
    assert_eq!(r.status, 403);
    let r = s.raw("POST", "/week/new", &[("Cookie", &cookie), form], body);
    assert_eq!(r.status, 403, "a POST without Origin");
    let r = s.req("PUT", "/week/new", &[], body);
    assert_eq!(r.status, 405);
    assert!(
        !s.path("nordic-home/reports/2026-W50.yaml").exists(),
        "nothing written"
    );
    // localhost is the same server.
    let r = s.raw(
        "GET",
        "/",
        &[
            ("Host", &format!("localhost:{}", s.port)),
            ("Cookie", &cookie),
        ],
        b"",
    );
    assert_eq!(r.status, 200);
}

#[test]
fn the_portfolio_shows_every_deal_and_the_one_that_does_not_load() {
    let s = Server::start(&[]);
    let r = s.get("/");
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("NH-2026-0148"), "{html}");
    assert!(html.contains("Nordic Home AB"));
    assert!(html.contains("2026-W49"));
    assert!(html.contains("broken"), "the broken deal has its row");
    // The page is all ours: no external address in it.
    assert!(!html.contains("https://"), "an external request");
    // Chinese by the browser's language, then kept by the switch's cookie.
    let r = s.req("GET", "/", &[("Accept-Language", "zh-CN,zh;q=0.9")], b"");
    assert!(r.text().contains("订单总览"));
    let r = s.get("/?lang=zh");
    assert!(r
        .header("set-cookie")
        .unwrap()
        .starts_with("dealguard_lang=zh"));
}

#[test]
fn a_deal_page_lists_documents_weeks_and_problems_and_makes_each_document() {
    let s = Server::start(&[]);
    let html = s.get("/deal?d=nordic-home").text();
    assert!(
        html.contains("/doc?d=nordic-home&amp;kind=contract&amp;lang=en+zh&amp;format=pdf")
            || html.contains("kind=contract"),
        "{html}"
    );
    assert!(html.contains("/week?d=nordic-home&amp;w=2026-W49"));
    let pdf = s.get("/doc?d=nordic-home&kind=contract&lang=zh&format=pdf");
    assert_eq!(pdf.status, 200, "{}", pdf.text());
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF"));
    let docx = s.get("/doc?d=nordic-home&kind=letter&lang=en&format=docx&dl=1");
    assert!(docx.body.starts_with(b"PK"));
    assert!(docx
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment"));
    let reply = s.get("/doc?d=nordic-home&kind=reply&lang=en&format=txt");
    assert_eq!(reply.status, 200);
    let report = s.get("/doc?d=nordic-home&kind=report&week=2026-W49&lang=en%2Bzh&format=pdf");
    assert!(report.body.starts_with(b"%PDF"), "{}", report.text());
    // A photo of the week as a thumbnail, read as the report reads it.
    let thumb = s.get("/photo?d=nordic-home&f=photos/w49-cutting-line.jpg");
    assert_eq!(thumb.header("content-type"), Some("image/jpeg"));
    assert!(thumb.body.starts_with(&[0xFF, 0xD8]));
    assert!(thumb.body.len() < 100_000, "{} bytes", thumb.body.len());
    // Not a document, not a deal, not a file of the deal: 404, nothing read outside.
    assert_eq!(
        s.get("/doc?d=nordic-home&kind=deal.yaml&lang=en&format=pdf")
            .status,
        404
    );
    assert_eq!(s.get("/deal?d=..").status, 404);
    assert_eq!(s.get("/photo?d=nordic-home&f=../deal.yaml").status, 404);
    assert_eq!(s.get("/photo?d=nordic-home&f=%2Fetc%2Fpasswd").status, 404);
    assert_eq!(s.get("/out?d=nordic-home&f=../deal.yaml").status, 404);
    // The broken deal's page shows its error at its place.
    let broken = s.get("/deal?d=broken").text();
    assert!(broken.contains("deal.yaml:"), "{broken}");
}

#[test]
fn a_new_week_is_saved_previewed_and_a_second_tab_gets_a_conflict() {
    let s = Server::start(&[]);
    let r = s.post_form("/week/new", &[("d".into(), "nordic-home".into())]);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/week?d=nordic-home&w=2026-W50"));
    let file = s.path("nordic-home/reports/2026-W50.yaml");
    assert!(file.exists());
    let page = s.get("/week?d=nordic-home&w=2026-W50").text();
    assert!(page.contains("is-fill"), "FILL IN fields are marked");
    let tab1 = form_fields(&page, "week");
    let tab2 = tab1.clone();
    let mut f = tab1.clone();
    set(
        &mut f,
        "summary.en",
        "Cutting finished; polishing line 2 is back.",
    );
    let r = s.post_form("/week/save", &f);
    assert_eq!(r.status, 303, "{}", r.text());
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("Cutting finished; polishing line 2 is back."),
        "{saved}"
    );
    // The second tab still has the first version: its save is refused, the file is unchanged.
    let mut g = tab2;
    set(&mut g, "summary.en", "Something else");
    let r = s.post_form("/week/save", &g);
    assert_eq!(r.status, 409, "{}", r.text());
    assert!(
        r.text().contains("Something else"),
        "the entry is kept on the page"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), saved);
    // Preview: saved, then the draft PDF.
    let page = s.get("/week?d=nordic-home&w=2026-W50").text();
    let mut f = form_fields(&page, "week");
    f.push(("_then".into(), "preview".into()));
    let r = s.post_form("/week/save", &f);
    assert_eq!(r.status, 303);
    let pdf = s.get(r.header("location").unwrap());
    assert!(pdf.body.starts_with(b"%PDF"), "{}", pdf.text());
}

#[test]
fn an_invalid_field_comes_back_at_its_input_in_the_checks_words() {
    let s = Server::start(&[]);
    let page = s.get("/week?d=nordic-home&w=2026-W49").text();
    let before = std::fs::read(s.path("nordic-home/reports/2026-W49.yaml")).unwrap();
    let mut f = form_fields(&page, "week");
    set(&mut f, "inspections[0].lot_size", "three thousand");
    let r = s.post_form("/week/save", &f);
    assert_eq!(r.status, 422, "{}", r.text());
    let html = r.text();
    let input = html.find("name=\"inspections[0].lot_size\"").unwrap();
    let tag_start = html[..input].rfind('<').unwrap();
    let tag = &html[tag_start..input + 200];
    assert!(tag.contains("aria-invalid=\"true\""), "{tag}");
    assert!(
        html[input..].find("whole number").is_some_and(|i| i < 600),
        "the message is at the input"
    );
    assert_eq!(
        std::fs::read(s.path("nordic-home/reports/2026-W49.yaml")).unwrap(),
        before,
        "nothing written"
    );
}

#[test]
fn finishing_a_week_makes_the_pdf_and_the_buyers_mail() {
    let s = Server::start(&[]);
    let page = s.get("/week?d=nordic-home&w=2026-W49").text();
    let mut f = form_fields(&page, "week");
    f.push(("_then".into(), "finish".into()));
    let r = s.post_form("/week/save", &f);
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    let eml = html
        .split("href=\"")
        .skip(1)
        .map(|h| unescape(&h[..h.find('"').unwrap()]))
        .find(|h| h.ends_with(".eml"))
        .expect("a link to the mail");
    let m = s.get(&eml);
    assert_eq!(m.header("content-type"), Some("message/rfc822"));
    assert!(m.text().contains("Subject:"));
    assert!(std::fs::read_dir(s.path("nordic-home/out"))
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".pdf")));
    // A week with FILL IN left is refused with the CLI's message.
    s.post_form("/week/new", &[("d".into(), "nordic-home".into())]);
    let page = s.get("/week?d=nordic-home&w=2026-W50").text();
    let mut f = form_fields(&page, "week");
    f.push(("_then".into(), "finish".into()));
    let r = s.post_form("/week/save", &f);
    assert_eq!(r.status, 422);
    assert!(r.text().contains("FILL IN"), "{}", r.text());
}

#[test]
fn photos_dropped_into_the_week_are_checked_named_safely_and_listed() {
    let s = Server::start(&[]);
    let jpeg = photos::jpeg(&photos::scene(64, 48, 1), 80);
    let fields = [("_d", "nordic-home"), ("_w", "2026-W49")];
    // A path in the name lands as its last part, in the deal's photos folder.
    let r = s.post_multipart(
        "/week/photos",
        &fields,
        &[("photo", "../../../escaped.jpg", &jpeg)],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(s.path("nordic-home/reports/photos/escaped.jpg").exists());
    assert!(
        !s.path("escaped.jpg").exists()
            && !s.dir.path().parent().unwrap().join("escaped.jpg").exists()
    );
    let week = std::fs::read_to_string(s.path("nordic-home/reports/2026-W49.yaml")).unwrap();
    assert!(week.contains("photos/escaped.jpg"), "{week}");
    // A PNG that claims 60000×60000 pixels (a decompression bomb) and a HEIC are refused.
    let bomb = photos::png_header(60_000, 60_000);
    let r = s.post_multipart("/week/photos", &fields, &[("photo", "bomb.png", &bomb)]);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(!s.path("nordic-home/reports/photos/bomb.png").exists());
    let heic = [&[0u8, 0, 0, 24][..], b"ftypheic", &[0u8; 64]].concat();
    let r = s.post_multipart(
        "/week/photos",
        &fields,
        &[("photo", "IMG_0001.HEIC", &heic)],
    );
    assert_eq!(r.status, 422);
    assert!(r.text().contains("JPEG"), "{}", r.text());
    // Too many files at once, and a body over the bound: 413 before anything is read.
    let many: Vec<(&str, &str, &[u8])> = (0..25)
        .map(|_| ("photo", "a.jpg", jpeg.as_slice()))
        .collect();
    assert_eq!(s.post_multipart("/week/photos", &fields, &many).status, 413);
    let cookie = format!("dealguard_token={}", s.token);
    let origin = s.origin();
    let mut st = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    let head = format!("POST /week/photos HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nOrigin: {origin}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", s.host, 1u64 << 30);
    st.write_all(head.as_bytes()).unwrap();
    let _ = st.write_all(&[b'x'; 4096]);
    let r = read_response(&mut st);
    assert_eq!(r.status, 413);
}

#[test]
fn a_mail_checked_on_the_page_gets_the_verdict_in_the_readers_language() {
    let s = Server::start(&[]);
    let mail = "From: \"Anna Lindqvist\" <anna.lindqvist@nordic-home-trading.com>\r\nTo: chen.jing@hengli-kitchen.com\r\nSubject: Updated bank details\r\nDate: Mon, 07 Dec 2026 09:00:00 +0100\r\nMessage-ID: <a@nordic-home-trading.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOur bank has changed. Please pay the balance to our new account IBAN GB33BUKB20201555555555.\r\n";
    assert_eq!(s.get("/verify?d=nordic-home").status, 200);
    let r = s.post_multipart(
        "/verify",
        &[("_d", "nordic-home")],
        &[("mail", "../Bank details.eml", mail.as_bytes())],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains("do not pay"), "{html}");
    assert!(html.contains("+86 574 8888 1250"), "the call-back number");
    assert!(html.contains("Bank details.eml"));
    let r = s.req(
        "POST",
        "/verify",
        &[
            (
                "Content-Type",
                &multipart(&[("_d", "nordic-home"), ("paste", mail)], &[]).0,
            ),
            ("Accept-Language", "zh-CN"),
        ],
        &multipart(&[("_d", "nordic-home"), ("paste", mail)], &[]).1,
    );
    assert_eq!(r.status, 200);
    assert!(r.text().contains("不要付款"), "{}", r.text());
    // An ordinary mail passes.
    let ok = mail.replace("nordic-home-trading.com", "nordichome.se").replace("Our bank has changed. Please pay the balance to our new account IBAN GB33BUKB20201555555555.", "The samples arrived, thank you.").replace("Updated bank details", "Samples");
    let r = s.post_multipart("/verify", &[("_d", "nordic-home"), ("paste", &ok)], &[]);
    assert!(r.text().contains("No warning sign found"), "{}", r.text());
}

#[test]
fn the_sampling_plan_and_the_static_files_are_served() {
    let s = Server::start(&[]);
    let r = s.get("/aql?lot=3000&level=II&critical=0&major=2.5&minor=4.0");
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["letter"], "K");
    assert_eq!(v["major"]["n"], 125);
    assert_eq!(v["major"]["ac"], 7);
    let r = s.get("/aql?lot=x&level=II&critical=0&major=2.5&minor=4.0");
    assert!(r.text().contains("error"));
    assert!(s.get("/static/app.css").text().contains("body"));
    assert_eq!(s.get("/static/../deal.yaml").status, 404);
}

#[test]
fn with_lan_a_phone_uploads_photos_through_the_qr_codes_page() {
    let s = Server::start(&["--lan", "127.0.0.2"]);
    let page = s.get("/week?d=nordic-home&w=2026-W49").text();
    assert!(page.contains("/qr?d=nordic-home&amp;w=2026-W49"), "{page}");
    let qr = s.get("/qr?d=nordic-home&w=2026-W49");
    assert_eq!(qr.header("content-type"), Some("image/svg+xml"));
    // The phone: the LAN address, the token from the code, then its cookie.
    let lan = format!("127.0.0.2:{}", s.port);
    let mut st = TcpStream::connect(("127.0.0.2", s.port)).unwrap();
    st.write_all(format!("GET /phone?d=nordic-home&w=2026-W49&token={} HTTP/1.1\r\nHost: {lan}\r\nConnection: close\r\n\r\n", s.token).as_bytes()).unwrap();
    let r = read_response(&mut st);
    assert_eq!(r.status, 303);
    let jpeg = photos::jpeg(&photos::scene(64, 48, 2), 80);
    let (ty, body) = multipart(
        &[
            ("_d", "nordic-home"),
            ("_w", "2026-W49"),
            ("_back", "phone"),
        ],
        &[("photo", "site.jpg", &jpeg)],
    );
    let mut st = TcpStream::connect(("127.0.0.2", s.port)).unwrap();
    st.write_all(format!("POST /week/photos HTTP/1.1\r\nHost: {lan}\r\nOrigin: http://{lan}\r\nCookie: dealguard_token={}\r\nContent-Type: {ty}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", s.token, body.len()).as_bytes()).unwrap();
    st.write_all(&body).unwrap();
    let r = read_response(&mut st);
    assert_eq!(r.status, 303, "{}", r.text());
    assert!(r.header("location").unwrap().starts_with("/phone?"));
    assert!(s.path("nordic-home/reports/photos/site.jpg").exists());
    // Without --lan there is no code.
    let s2 = Server::start(&[]);
    assert_eq!(s2.get("/qr?d=nordic-home&w=2026-W49").status, 404);
}
