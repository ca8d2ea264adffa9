//! PASS families of mail around the deal: newsletters through ESPs with tracking and rewritten
//! links (`newsletter`), long threads quoting an old fraud warning (`thread`), signatures that
//! warn against bank changes by mail (`signature-warning`), automatic notifications (`notice`).

use super::build::{mailbox, multi, text, words, Cs, Cte, Mail};
use super::common::*;
use super::pass_trade::party_mail;
use super::{DealRef, Gen};

/// `(shown text, href)`: links as ESPs and link-protection services rewrite them.
fn tracked(k: usize, target: &str) -> (String, String) {
    let enc = target.replace(':', "%3A").replace('/', "%2F");
    match k % 5 {
        0 => (target.to_string(), format!("https://eur03.safelinks.protection.outlook.com/?url={enc}&amp;data=05%7C02%7Canna.lindqvist%40nordichome.se%7C8d1f&amp;reserved=0")),
        1 => (target.to_string(), format!("https://protect-eu.mimecast.com/s/Ab{k}CdEfGh?domain={}", target.trim_start_matches("https://").split('/').next().unwrap_or(""))),
        2 => (target.to_string(), format!("https://urldefense.proofpoint.com/v2/url?u={}&amp;d=DwMFaQ&amp;c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM", target.replace("://", "-3A__").replace('/', "_").replace('-', "-2D"))),
        3 => ("Read more".to_string(), format!("https://{}.us5.list-manage.com/track/click?u=7f3e2a9c{k}&amp;id=1b2c3d&amp;e=5a6b7c", target.trim_start_matches("https://www.").split('.').next().unwrap_or("news"))),
        _ => ("See the new collection".to_string(), format!("https://u1234567.ct.sendgrid.net/ls/click?upn=u001.Xy{k}Zz-2BQk-3D")),
    }
}

const NEWS: [(&str, &str, &str, Lang); 6] = [
    ("Nordic Home AB", "news@nordichome.se", "Nordic Home supplier newsletter: spring 2027 range, new packaging guidelines and our supplier day in Jönköping on 12 March.", Lang::En),
    ("Canton Fair", "newsletter@cantonfair.org.cn", "The 141st China Import and Export Fair opens on 15 April. Register now for your buyer badge and meet 25,000 exhibitors.", Lang::En),
    ("Hengli Kitchenware", "news@hengli-kitchen.com", "Hengli Kitchenware news: our new induction line is running, see the factory video and the 2027 catalogue.", Lang::En),
    ("中国五金制品协会", "info@cnhardware.org.cn", "协会通讯：2027年厨具出口形势分析、欧盟食品接触材料新规解读，以及春季展会安排。", Lang::Hans),
    ("Global Sources", "newsletter@globalsources-mail.com", "Top 10 trending kitchenware products this week, chosen by our sourcing editors.", Lang::En),
    ("台灣廚具月刊", "news@kitchen-monthly.com.tw", "本期專題：不鏽鋼鍋具的表面處理與食品安全法規，以及二〇二七年展覽行事曆。", Lang::Hant),
];

/// Newsletters through an ESP: bounce Return-Path, DKIM aligned with From, List-Unsubscribe.
pub fn newsletter(g: &mut Gen) {
    for i in 0..18 {
        let (name, addr, lead, l) = NEWS[i % NEWS.len()];
        let dom = addr.rsplit('@').next().unwrap_or("");
        let mut html = format!("<html><body style=\"margin:0;background:#f4f4f4\"><table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\">\n<table width=\"600\" style=\"background:#fff\"><tr><td style=\"padding:24px\"><h1 style=\"font-size:22px\">{}</h1>\n<p>{}</p>\n", esc(name), esc(lead));
        for (j, path) in ["/news/2027-spring", "/suppliers/packaging", "/events"]
            .iter()
            .enumerate()
        {
            let (shown, href) = tracked(i + j, &format!("https://www.{dom}{path}"));
            html.push_str(&format!(
                "<p><a href=\"{href}\" style=\"color:#0b5ed7\">{}</a></p>\n",
                esc(&shown)
            ));
        }
        html.push_str(&format!("<p style=\"font-size:11px;color:#888\">You receive this mail because you subscribed at {dom}. <a href=\"https://{dom}/unsubscribe?e=anna\">Unsubscribe</a> | Forgot your password? Reset it in your account settings. {}</p>\n<img src=\"https://mcusercontent.com/open.gif?u={i}\" width=\"1\" height=\"1\" alt=\"\"></td></tr></table></td></tr></table></body></html>\n", esc(disclaimer(Lang::En, 2))));
        let plain = format!("{name}\n\n{lead}\n\nRead more: https://www.{dom}/news/2027-spring\n\nUnsubscribe: https://{dom}/unsubscribe?e=anna");
        let cs = cs_for(l, i, &plain);
        let b = multi(
            "alternative",
            vec![
                text("plain", plain, cs, Cte::Qp),
                text("html", html, cs, [Cte::Qp, Cte::B64][i % 2]),
            ],
        );
        let n = g.n();
        let to = if i % 2 == 0 { ANNA } else { LI_WEI };
        let bounce = format!(
            "bounce-mc.us5_{n}.{}-{}@mail{}.mcsv.net",
            1000 + i,
            to.addr.replace('@', "="),
            40 + i % 9
        );
        let m = Mail::new(n, &mailbox(name, addr, cs, true), &mailbox("", to.addr, cs, false), &words(&format!("{} #{}", name, 40 + i), cs, false), b)
            .header("List-Unsubscribe", &format!("<https://{dom}/unsubscribe?e={n}>, <mailto:unsubscribe@{dom}>"))
            .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
            .header("Precedence", "bulk")
            .header("X-Mailer", "Mailchimp Mailer - **CID7f3e2a9c**")
            .trace("Authentication-Results", &format!("mx.{}; dkim=pass header.d={dom} header.s=k1; dkim=pass header.d=mcsv.net; spf=pass smtp.mailfrom=mail{}.mcsv.net; dmarc=pass header.from={dom}", to.addr.rsplit('@').next().unwrap_or(""), 40 + i % 9))
            .trace("Return-Path", &format!("<{bounce}>"));
        g.push(
            "newsletter",
            false,
            format!("{l:?}-{dom}"),
            DealRef::Example,
            m,
        );
    }
}

const OLD_WARNING: [&str; 3] = [
    "\n> From: Li Wei\n> Sent: 21 November 2026\n> Subject: Important - beware of fake payment mails\n>\n> Dear Anna, several exporters in Ningbo received fake mails asking their customers to pay to a Hong Kong account. Our bank details will never change by e-mail; please always call +86 574 8888 1250 before any payment.\n",
    "\n> 发件人: 王芳\n> 主题: 重要提醒\n>\n> Anna您好，近期有不法分子冒充供应商发邮件要求更改收款账户。我司账户不会变更，如收到此类邮件请务必电话核实。\n",
    "\n> On 2 Dec 2026, Anna Lindqvist wrote:\n> We received a strange mail from hengli-kitchen.co asking us to pay the deposit to a new account at HSBC Hong Kong. We ignored it and called your office. Just so you know.\n",
];

const THREAD: [(Lang, &str); 8] = [
    (Lang::En, "Hi Li Wei,\n\nThanks, the photos of the rivets are fine. Go ahead with packing of lot 2."),
    (Lang::En, "Dear Anna,\n\nNoted with thanks. We will use the Swedish labels on the inner boxes too. The carton drop test is scheduled for Wednesday."),
    (Lang::Hans, "Anna您好，\n\n收到，谢谢。第二批下周一开始包装，包装完成后拍照给您确认。"),
    (Lang::Hant, "Anna 您好：\n\n收到，謝謝。第二批下週一開始包裝，完成後拍照給您確認。"),
    (Lang::En, "Hi Erik,\n\nThe dishwasher test report is on Trello now. Let me know if you need the raw data."),
    (Lang::En, "Hello Li Wei,\n\nThanks for the reminder below, we keep following the call-back rule. All good on our side; the deposit went out on Monday as agreed."),
    (Lang::Hans, "李经理：\n\n好的，唛头按第三版执行，内盒标签下周二前到货。"),
    (Lang::En, "Dear Anna,\n\nThank you for telling us about that mail and for calling. Our account is unchanged. See you at the supplier day in March."),
];

/// Replies deep in a thread, quoting an old fraud warning or report.
pub fn thread(g: &mut Gen) {
    for i in 0..18 {
        let (l, t) = THREAD[i % THREAD.len()];
        let (from, to) = if t.starts_with("Hi Li") || t.starts_with("Hello Li") {
            (ANNA, LI_WEI)
        } else if t.contains("李经理") {
            (CHEN_JING, LI_WEI)
        } else if t.contains("Hi Erik") {
            (ZHAO_LEI, ERIK)
        } else {
            (LI_WEI, ANNA)
        };
        let warning = OLD_WARNING[i % 3];
        let warning = if l == Lang::Hant {
            to_hant(warning)
        } else {
            warning.to_string()
        };
        let text_ = format!("{t}\n{warning}");
        party_mail(
            g,
            "thread",
            l,
            from,
            to,
            &format!("RE: RE: RE: NH-2026-0148 lot {}", 2 + i % 3),
            &text_,
            i + 1,
            None,
        );
    }
}

const SIGWARN: [(Lang, &str); 4] = [
    (Lang::En, "IMPORTANT: Ningbo Hengli Kitchenware will never change its bank details by e-mail. If you receive such a request, do not pay; call us on +86 574 8888 1250."),
    (Lang::Hans, "重要提示：我司不会通过邮件变更银行账户。如收到任何更改收款信息的邮件，请勿付款并致电 +86 574 8888 1250 核实。"),
    (Lang::Hant, "重要提醒：本公司不會以電子郵件變更銀行帳戶資料，如收到相關要求，請勿付款並致電 +86 574 8888 1250 查證。"),
    (Lang::En, "Beware of fraud: Nordic Home AB never asks suppliers for passwords and never changes payment information by e-mail. Report suspicious mails to security@nordichome.se."),
];

const SIG_TEXT: [(Lang, &str); 6] = [
    (Lang::En, "Dear Anna,\n\nAttached the packing list for lot 1. Gross weight per carton 14.2 kg, 500 cartons."),
    (Lang::Hans, "Anna您好，\n\n第一批装箱单见附件，每箱毛重14.2公斤，共500箱。"),
    (Lang::Hant, "Anna 您好：\n\n第一批裝箱單如附件，每箱毛重14.2公斤，共500箱。"),
    (Lang::En, "Hi Li Wei,\n\nWe approve the packing list. Please send the final photos before loading."),
    (Lang::En, "Dear Anna,\n\nThe weekly report for week 50 is attached. Overall status: on track."),
    (Lang::Hans, "李经理您好，\n\n周报已收到，谢谢。请下周提供铆把工序的照片。"),
];

/// Ordinary mail whose signature or footer warns against bank changes by e-mail.
pub fn signature_warning(g: &mut Gen) {
    for i in 0..17 {
        let (l, t) = SIG_TEXT[i % SIG_TEXT.len()];
        let buyer = t.starts_with("Hi Li");
        let warn = if buyer {
            SIGWARN[3].1
        } else {
            SIGWARN[[0, 1, 2][i % 3].min(if l == Lang::En { 0 } else { 2 })].1
        };
        let warn = if l == Lang::Hans && !buyer {
            SIGWARN[1].1
        } else if l == Lang::Hant {
            SIGWARN[2].1
        } else {
            warn
        };
        let (from, to) = if buyer || t.contains("李经理") {
            (ANNA, LI_WEI)
        } else {
            (LI_WEI, ANNA)
        };
        party_mail(
            g,
            "signature-warning",
            l,
            from,
            to,
            "NH-2026-0148 packing list",
            &format!("{t}\n\n--\n{warn}"),
            i,
            None,
        );
    }
}

const NOTICES: [(&str, &str, &str, &str); 9] = [
    (
        "順豐速運",
        "noreply@sf-express.com",
        "您的快件SF1234567890已簽收，簽收人：本人。感謝您使用順豐速運。",
        "此郵件為系統自動發送，請勿直接回覆。",
    ),
    ("Trello", "do-not-reply@trello.com", "Li Wei moved the card \"Lot 2 polishing photos\" to \"Done\" on board NH-0148.", "You are receiving this because you are a member of the board. Forgot your password? Reset it at https://trello.com/forgot. Manage notification settings."),
    ("DHL Express", "noreply@dhl.com", "Your shipment 1234567890 from NINGBO, CN has been delivered. Signed by: LINDQVIST.", "This is an automatically generated e-mail, please do not reply."),
    ("Zoom", "no-reply@zoom.us", "Reminder: NH-2026-0148 inspection call starts in 1 hour. Join: https://zoom.us/j/8812345678", "If you did not request a password reset, you can ignore this email. Copyright 2026 Zoom Communications, Inc."),
    ("Mail Delivery System", "MAILER-DAEMON@mx.nordichome.se", "This is the mail system at host mx.nordichome.se. Your message to j.doe@old-supplier.example could not be delivered: mailbox unavailable.", "Reporting-MTA: dns; mx.nordichome.se"),
    ("SEB Business", "no-reply@notice.seb.se", "A new statement for your account is available in SEB Business Online. Log in to the bank as usual to read it; we never send links to log in.", "SEB will never ask for your security codes by e-mail or phone."),
    ("Microsoft Teams", "noreply@email.teams.microsoft.com", "Erik Sundberg mentioned you in NH-2026-0148 QA: \"the lid samples passed\".", "Unsubscribe from these notifications."),
    ("WeChat Work", "noreply@work.weixin.qq.com", "企业微信：您有3条未读消息来自\"NH-2026-0148项目群\"。", "此邮件由系统自动发送，请勿回复。"),
    ("Out of office", "erik.sundberg@nordichome.se", "I am out of the office until 7 January with limited access to e-mail. For urgent matters please contact Anna Lindqvist.", "Vänliga hälsningar, Erik Sundberg"),
];

/// Automatic notifications, auto-replies and bounces; unrelated senders without DKIM.
pub fn notice(g: &mut Gen) {
    for i in 0..17 {
        let (name, addr, t, foot) = NOTICES[i % NOTICES.len()];
        let l = if t.is_ascii() {
            Lang::En
        } else if t.contains('簽') {
            Lang::Hant
        } else {
            Lang::Hans
        };
        let plain = format!("{t}\n\n{foot}");
        let cs = if plain.is_ascii() || fits(Cs::Win1252, &plain) && l == Lang::En {
            [Cs::Utf8, Cs::Win1252][i % 2]
        } else {
            cs_for(l, i, &plain)
        };
        let b = if i % 2 == 0 {
            text("plain", plain.clone(), cs, Cte::Qp)
        } else {
            multi("alternative", vec![text("plain", plain.clone(), cs, Cte::Qp), text("html", format!("<html><body><table><tr><td>{}</td></tr><tr><td style=\"font-size:10px;color:#999\">{}</td></tr></table></body></html>", esc(t), esc(foot)), cs, Cte::Qp)])
        };
        let n = g.n();
        let to = if i % 3 == 0 { LI_WEI } else { ANNA };
        let mut m = Mail::new(
            n,
            &mailbox(name, addr, cs, false),
            &mailbox("", to.addr, cs, false),
            &words(&format!("{name}: notification {}", 100 + i), cs, false),
            b,
        );
        if name == "Out of office" {
            m = m.header("Auto-Submitted", "auto-replied");
        }
        let auth = if addr.contains("nordichome") || i % 3 == 1 {
            "pass"
        } else {
            "none"
        };
        let m = delivered(m, addr, auth, to.addr.rsplit('@').next().unwrap_or(""), n);
        g.push(
            "notice",
            false,
            format!("{l:?}-{}", addr.replace('@', "-at-")),
            DealRef::Example,
            m,
        );
    }
}
