//! WARN families about who writes: look-alike domains (`lookalike`), a contact's or company's
//! name on another domain (`display-name`), free mail claiming a party (`freemail-claim`), and
//! requests for mailbox, ERP or platform logins (`credential`).

use super::build::{mailbox, words, Cs, Mail};
use super::common::*;
use super::{DealRef, Gen};

/// Ordinary-looking requests, as an impersonator writes them to get a foot in the door.
const ASK: [(Lang, &str); 12] = [
    (Lang::En, "Dear Li Wei,\n\nPlease find attached our PO amendment for the colour of the silicone handles. Kindly send the revised PI with your bank details for our records."),
    (Lang::En, "Hi Anna,\n\nPlease send us your shipping marks and the notify party for the B/L draft. We will also send the balance invoice today."),
    (Lang::En, "Dear Anna,\n\nThe goods are ready for loading. Please find the commercial invoice attached and arrange the balance so we can release the original documents."),
    (Lang::En, "Hello,\n\nCould you please resend the last two weekly reports and the inspection certificate? Our server had a problem and we lost some mails."),
    (Lang::En, "Dear Li Wei,\n\nWe have a new order of 6,000 sets. Please quote your best price and confirm the payment terms and beneficiary account you will use."),
    (Lang::En, "Dear Anna,\n\nKindly confirm the amount of the balance and the expected date of payment. Our accountant needs it for the month-end closing."),
    (Lang::Hans, "李经理您好，\n\n附件是我们修改后的订单，麻烦重新出一份形式发票，并附上贵司的收款信息。"),
    (Lang::Hans, "Anna您好，货已备好，商业发票见附件，请尽快安排尾款，我们好放单。"),
    (Lang::Hans, "陈静你好，麻烦把最近两周的生产报告和验货报告再发我一次，我们邮箱出了点问题。"),
    (Lang::Hant, "李經理您好：\n\n附件為修改後的訂單，煩請重新開立形式發票並附上收款資料。"),
    (Lang::Hant, "Anna 您好，貨物已備妥，請查收附件發票並盡快安排餘款，以便放單。"),
    (Lang::Hant, "您好，請再寄一次最近的生產報告與驗貨報告，我們的郵箱伺服器有問題。"),
];

/// Look-alike domains of the two parties: one edit, a swapped or doubled letter, another TLD,
/// a hyphen, the real name as a subdomain of another site, a homoglyph IDN.
fn lookalike_domain(buyer: bool, k: usize) -> String {
    const SELLER: [&str; 8] = [
        "hengli-kitchen.co",
        "hengli-kitchem.com",
        "hengli-kitchenn.com",
        "henglikitchen.com",
        "hengli-kitchen.com.cn",
        "hengli-kitchen-com.net",
        "hengli-kitchen.com.invoice-docs.cn",
        "hengIi-kitchen.com",
    ];
    const BUYER: [&str; 8] = [
        "nordichome-se.com",
        "nordichorne.se",
        "nordichome.co",
        "nordic-home.se",
        "nordichomes.se",
        "nordichome.se.secure-mailbox.net",
        "nordlchome.se",
        "nordichome-ab.com",
    ];
    if k % 9 == 8 {
        // Cyrillic о in the name, as the mail shows it (punycode on the wire half the time).
        let uni = if buyer {
            "nordichоme.se"
        } else {
            "hengli-kitchеn.com"
        };
        return if k.is_multiple_of(2) {
            uni.to_string()
        } else {
            idna::domain_to_ascii(uni).unwrap_or_default()
        };
    }
    (if buyer { BUYER[k % 8] } else { SELLER[k % 8] }).to_string()
}

/// Ordinary content from a look-alike of a party's domain, both directions.
pub fn lookalike(g: &mut Gen) {
    for i in 0..24 {
        let (l, text) = ASK[i % ASK.len()];
        let to_seller = text.contains("Li Wei") || text.contains("李") || text.contains("陈静");
        let w = if to_seller {
            [ANNA, ERIK][i % 2]
        } else {
            [LI_WEI, WANG_FANG, CHEN_JING][i % 3]
        };
        let dom = lookalike_domain(to_seller, i);
        let from = format!("{}@{dom}", w.addr.split('@').next().unwrap_or("x"));
        let main = format!("{text}\n\n{}", sig(&w, l));
        let pad = g.pad();
        let quoted = if i % 2 == 0 {
            history(l, pad, i)
        } else {
            String::new()
        };
        let b = body(
            l,
            &main,
            &quoted,
            [Fmt::Plain, Fmt::Alt, Fmt::Html][i % 3],
            i,
        );
        let n = g.n();
        let cs = cs_for(l, i, w.name(l));
        let (to, rcpt) = if to_seller {
            (
                mailbox("Li Wei", LI_WEI.addr, cs, false),
                "hengli-kitchen.com",
            )
        } else {
            (
                mailbox("Anna Lindqvist", ANNA.addr, cs, false),
                "nordichome.se",
            )
        };
        let subj = match l {
            Lang::En => "RE: NH-2026-0148",
            Lang::Hans => "回复：NH-2026-0148 订单",
            Lang::Hant => "回覆：NH-2026-0148 訂單",
        };
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, cs, i % 2 == 1),
            &to,
            &words(subj, cs, false),
            b,
        );
        let m = delivered(m, &from, "pass", rcpt, n);
        g.push(
            "lookalike",
            true,
            format!("{l:?}-{}", dom.replace('.', "_")),
            DealRef::Example,
            m,
        );
    }
}

/// A contact's or company's name, or a near form of it, on a domain that is not a party's.
const NAMES: [(&str, &str, &str); 12] = [
    (
        "Lindqvist, Anna",
        "purchasing@nh-group-procurement.com",
        "buyer",
    ),
    (
        "Anna Lindqvist (Nordic Home AB)",
        "a.lindqvist@scandi-sourcing.net",
        "buyer",
    ),
    (
        "Nordic Home AB",
        "accounts.payable@nordic-payments.org",
        "buyer",
    ),
    (
        "Erik Sundberg | Nordic Home",
        "e.sundberg@quality-audit-group.com",
        "buyer",
    ),
    ("ANNA LINDQVIST", "anna@lindqvist-consulting.eu", "buyer"),
    ("王芳（财务）", "finance@nbhl-trade.cn", "seller"),
    (
        "Wang Fang - Finance Dept.",
        "wf@ningbo-export-services.com",
        "seller",
    ),
    (
        "Ningbo Hengli Kitchenware Co., Ltd.",
        "accounts@hl-exports.net",
        "seller",
    ),
    ("Mr. Li Wei", "sales@cookware-global-trade.com", "seller"),
    (
        "宁波恒力厨具有限公司",
        "service@zj-trading-online.cn",
        "seller",
    ),
    ("陳靜", "chenjing@hk-sourcing-office.com", "seller"),
    ("Wei Li", "weili@kitchen-export-center.com", "seller"),
];

const DN_TEXT: [(Lang, &str, &str); 6] = [
    (Lang::En, "Hi,\n\nI'm writing from this address while our mail server is being migrated. Please send the balance invoice and the B/L draft to me here, and reply to this address only.", "Hello Li Wei,\n\nI'm using a temporary address while our IT moves the mailboxes. Please send me the updated PI and confirm the payment details to this address."),
    (Lang::En, "Dear Anna,\n\nAttached is the final invoice for NH-2026-0148. Please let me know when the payment is scheduled.", "Dear Li Wei,\n\nPlease send me the inspection report and the original certificate scan, our auditor needs them today."),
    (Lang::Hans, "Anna您好，\n\n公司邮箱最近在升级，这段时间请用这个邮箱联系我，尾款的事情我们在这里确认。", "李经理您好，\n\n我们这边邮箱在迁移，请把最新的形式发票和付款信息发到这个邮箱。"),
    (Lang::Hans, "您好，附件是尾款发票，请查收，付款时间确定后请告诉我。", "你好，请把验货报告发到这个邮箱，谢谢。"),
    (Lang::Hant, "您好，公司郵箱升級中，這段期間請以此郵箱聯絡，並將水單寄到這裡。", "您好，我們郵箱正在搬遷，請將最新的發票及付款資料寄到此郵箱。"),
    (Lang::En, "Dear Anna,\n\nKindly find the revised proforma invoice. Our accounts team will contact you about the payment.", "Hi,\n\nQuick question about the next order: can you send your company documents and bank reference letter?"),
];

/// A party's name in the display name over another domain.
pub fn display_name(g: &mut Gen) {
    for i in 0..22 {
        let (name, addr, side) = NAMES[i % NAMES.len()];
        let (l, to_buyer, to_seller) = DN_TEXT[i % DN_TEXT.len()];
        // Posing as the seller writes to the buyer, and the other way round.
        let text = if side == "seller" {
            to_buyer
        } else {
            to_seller
        };
        let signer = if side == "seller" {
            [LI_WEI, WANG_FANG][i % 2]
        } else {
            ANNA
        };
        let main = format!("{text}\n\n{}", sig(&signer, l));
        let quoted = if i % 3 == 0 {
            history(l, g.pad() / 2, i)
        } else {
            String::new()
        };
        let b = body(l, &main, &quoted, [Fmt::Alt, Fmt::Plain][i % 2], i);
        let n = g.n();
        let cs = cs_for(l, i, name);
        let (to, rcpt) = if side == "seller" {
            (
                mailbox("Anna Lindqvist", ANNA.addr, cs, false),
                "nordichome.se",
            )
        } else {
            (
                mailbox("Li Wei", LI_WEI.addr, cs, false),
                "hengli-kitchen.com",
            )
        };
        let subj = match l {
            Lang::En => "NH-2026-0148 documents",
            Lang::Hans => "NH-2026-0148 单据",
            Lang::Hant => "NH-2026-0148 單據",
        };
        let m = Mail::new(
            n,
            &mailbox(name, addr, cs, i % 2 == 0),
            &to,
            &words(subj, cs, false),
            b,
        );
        let m = delivered(m, addr, if i % 3 == 0 { "none" } else { "pass" }, rcpt, n);
        g.push(
            "display-name",
            true,
            format!("{l:?}-{}", addr.replace('@', "-at-")),
            DealRef::Example,
            m,
        );
    }
}

const FREE: [(&str, &str, &str, Lang, &str); 10] = [
    ("Nordic Home Purchasing", "nordichome.purchasing@gmail.com", "buyer", Lang::En, "Dear Li Wei,\n\nOur office mailbox is full, please reply to this address for the time being. Kindly send the commercial invoice and your bank details again."),
    ("Anna L.", "annalindqvist.se@gmail.com", "buyer", Lang::En, "Hi Li Wei,\n\nWriting from my private account as I'm travelling. Can you send me the draft documents and the balance amount here?"),
    ("Hengli Kitchenware Finance", "henglikitchenware@163.com", "seller", Lang::En, "Dear Anna,\n\nThis is the finance department of Ningbo Hengli Kitchenware. Please send the payment confirmation of the deposit to this mailbox, it is our new finance contact."),
    ("恒力厨具 财务部", "hengli_cw@126.com", "seller", Lang::Hans, "Anna您好，\n\n这里是宁波恒力厨具有限公司财务部，以后付款相关事宜请联系这个邮箱。"),
    ("宁波恒力 李伟", "1839201734@qq.com", "seller", Lang::Hans, "Anna你好，公司邮箱今天登不上，我先用QQ邮箱发给你。发票见附件，请确认付款时间。"),
    ("Wang Fang", "wangfang.hengli@outlook.com", "seller", Lang::En, "Dear Anna,\n\nI am Wang Fang from the finance team of Ningbo Hengli Kitchenware. Please send future remittance slips to this address directly."),
    ("Erik (Nordic Home QA)", "erik.sundberg.nh@hotmail.com", "buyer", Lang::En, "Hello Zhao Lei,\n\nPlease send the lab test reports and the inspection photos to my hotmail, our company server blocks large attachments."),
    ("恆力廚具 財務", "hengli.finance@yahoo.com.hk", "seller", Lang::Hant, "Anna 您好：\n\n這是寧波恆力廚具財務部的新郵箱，日後付款相關事宜請寄到此處。"),
    ("Li Wei", "liwei.ningbo.sales@gmail.com", "seller", Lang::En, "Dear Anna,\n\nPlease use this gmail for urgent matters, our company server is unstable this week. The balance invoice is attached."),
    ("Sales Dept.", "hengli.sales88@163.com", "seller", Lang::Hans, "您好！我是宁波恒力厨具的李伟，这是我的新邮箱，请以后发这里，谢谢。"),
];

/// Free mail claiming a party's company or role, in the display name or the signature.
pub fn freemail_claim(g: &mut Gen) {
    for i in 0..20 {
        let (name, addr, side, l, text) = FREE[i % FREE.len()];
        let signer = if side == "seller" {
            [WANG_FANG, LI_WEI][i % 2]
        } else {
            [ANNA, ERIK][i % 2]
        };
        let main = format!("{text}\n\n{}", sig(&signer, l));
        let quoted = if i % 2 == 1 {
            history(l, g.pad(), i)
        } else {
            String::new()
        };
        let b = body(
            l,
            &main,
            &quoted,
            [Fmt::Plain, Fmt::Alt, Fmt::Html][i % 3],
            i,
        );
        let n = g.n();
        let cs = cs_for(l, i, name);
        let (to, rcpt) = if side == "seller" {
            (
                mailbox("Anna Lindqvist", ANNA.addr, cs, false),
                "nordichome.se",
            )
        } else {
            (
                mailbox("Li Wei", LI_WEI.addr, cs, false),
                "hengli-kitchen.com",
            )
        };
        let subj = match l {
            Lang::En => "Fw: NH-2026-0148",
            Lang::Hans => "NH-2026-0148 付款",
            Lang::Hant => "NH-2026-0148 付款",
        };
        let m = Mail::new(
            n,
            &mailbox(name, addr, cs, i % 2 == 0),
            &to,
            &words(subj, cs, false),
            b,
        );
        let m = delivered(m, addr, "pass", rcpt, n);
        g.push(
            "freemail-claim",
            true,
            format!("{l:?}-{}", addr.replace('@', "-at-")),
            DealRef::Example,
            m,
        );
    }
}

const CRED: [(Lang, &str); 12] = [
    (Lang::En, "Dear Li Wei,\n\nTo follow the order more closely, could you please send me the username and password of your mailbox? Then we can read the forwarder's updates directly and don't need to bother you."),
    (Lang::En, "Hi Li Wei,\n\nWould it be possible to give our QC team access to your email account? Just the login you use, we only want to see the inspection mails. We will not change anything."),
    (Lang::En, "Dear Chen Jing,\n\nPlease share the ERP login (user and password) so we can check the production status ourselves every day."),
    (Lang::En, "Hello Li Wei,\n\nMy Trello invitation expired. Can you just let me have your Trello password for this week? I'll only look at the photos."),
    (Lang::En, "Hi Li Wei,\n\nWe're setting up the shared folder. You will receive a 6-digit verification code by SMS in a minute, please forward it to me so I can finish the setup."),
    (Lang::En, "Dear Li Wei,\n\nFor our annual supplier audit we need read access to your company mailbox for this order. Kindly send the account and password to this address; the audit is confidential."),
    (Lang::Hans, "李经理您好，\n\n为了更好地跟进订单，请把你们邮箱的账号和密码发给我，我们想直接看货代的邮件。"),
    (Lang::Hans, "陈静你好，能否把ERP系统的登录账号密码给我们一下？我们每天自己上去看生产进度就行。"),
    (Lang::Hans, "李伟你好，等会儿你手机会收到一个短信验证码，麻烦把验证码发给我，我在帮你们开通共享文件夹。"),
    (Lang::Hant, "李經理您好：\n\n為了方便追蹤訂單，請提供貴司郵箱的帳號及密碼，我們只查看貨代的郵件。"),
    (Lang::Hant, "陳小姐您好，方便把系統的登入帳號密碼給我們嗎？我們想自己查看生產進度。"),
    (Lang::Hant, "李經理，稽核需要，請將公司郵箱的登入資料（帳號、密碼）寄給我，謝謝。"),
];

/// Requests for mailbox, ERP, platform logins or one-time codes: real buyer, look-alike, free mail.
pub fn credential(g: &mut Gen) {
    for i in 0..24 {
        let (l, text) = CRED[i % CRED.len()];
        let w = [ANNA, ERIK][i % 2];
        let from = match i % 3 {
            0 => w.addr.to_string(),
            1 => w.addr.replace("nordichome.se", &lookalike_domain(true, i)),
            _ => format!(
                "{}.nordichome@gmail.com",
                w.addr.split('@').next().unwrap_or("x")
            ),
        };
        let main = format!("{text}\n\n{}", sig(&w, Lang::En));
        let quoted = if i % 2 == 0 {
            history(l, g.pad(), i)
        } else {
            String::new()
        };
        let b = body(
            l,
            &main,
            &quoted,
            [Fmt::Alt, Fmt::Plain, Fmt::Html][i % 3],
            i,
        );
        let n = g.n();
        let cs = cs_for(l, i, "");
        let to = if text.contains("Chen") || text.contains("陈") || text.contains("陳") {
            CHEN_JING
        } else {
            LI_WEI
        };
        let subj = match l {
            Lang::En => "Access to follow the order",
            Lang::Hans => "关于订单跟进",
            Lang::Hant => "關於訂單追蹤",
        };
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, Cs::Utf8, false),
            &mailbox(to.name(l), to.addr, cs, false),
            &words(subj, cs, i % 2 == 0),
            b,
        );
        let m = delivered(m, &from, "pass", "hengli-kitchen.com", n);
        g.push(
            "credential",
            true,
            format!("{l:?}-{}", from.replace('@', "-at-")),
            DealRef::Example,
            m,
        );
    }
}
