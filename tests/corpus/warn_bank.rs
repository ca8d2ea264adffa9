//! WARN families: a changed payee — in the text (`bank-change`), only in an attached invoice,
//! letter or forwarded mail (`bank-change-attachment`), or from the party's real, authenticated
//! mailbox inside the real thread (`hijacked`).

use super::attach;
use super::build::{file, mailbox, multi, words, Cs, Mail, Node};
use super::common::*;
use super::{DealRef, Gen};

/// New payee details as a fraudster writes them, in a language, varied by `k`.
pub fn new_account(l: Lang, k: usize) -> String {
    let gb = iban("GB", &format!("NWBK6016133{:07}", 1_926_819 + k * 37));
    let de = iban("DE", &format!("370400440532{:06}", 13_000 + k * 11));
    match (l, k % 6) {
        (Lang::En, 0) => "Beneficiary: Hengli Kitchenware (HK) Trading Ltd\nBank: HSBC Hong Kong, 1 Queen's Road Central\nAccount No.: 817-294561-838\nSWIFT: HSBCHKHHHKH".into(),
        (Lang::En, 1) => format!("Account name: Ningbo Hengli Kitchenware Co Ltd\nBank name: Barclays Bank UK PLC, London\nIBAN: {gb}\nBIC: BARCGB22"),
        (Lang::En, 2) => "Bank of Communications, Ningbo Branch\nA/C No. 3320 8800 0018 5566 012\nA/C name: Ningbo Hengli Import & Export Co., Ltd.\nSwift code: COMMCNSHNBO".into(),
        (Lang::En, 3) => format!("Beneficiary name: HL Global Sourcing GmbH\nBeneficiary bank: Commerzbank AG, Frankfurt\nIBAN {de}\nBIC COBADEFFXXX"),
        (Lang::En, 4) => "Bank: DBS Bank Ltd, Singapore\nAcc No: 072-012345-6\nBank code: 7171, branch 072\nBeneficiary: Hengli Holdings Pte. Ltd.".into(),
        (Lang::En, _) => "Beneficiary Bank: Standard Chartered Bank (Hong Kong) Limited\nSWIFT/BIC: SCBLHKHHXXX\nAccount Number: 447.0.123456.7\nAccount Holder: Heng Li Trading Co., Limited".into(),
        (Lang::Hans, 0) => "开户行：中国工商银行宁波鄞州支行\n户名：宁波恒力进出口贸易有限公司\n账号：3901 1100 0920 0123 456\nSWIFT：ICBKCNBJNBO".into(),
        (Lang::Hans, 1) => "收款人：恒力国际贸易（香港）有限公司\n收款银行：香港汇丰银行\n账号：817-294561-838\n银行代码：HSBCHKHHHKH".into(),
        (Lang::Hans, 2) => "卡号：6222 0210 0112 3456 789\n户名：王芳\n开户行：工商银行宁波分行".into(),
        (Lang::Hans, 3) => "户名：宁波恒力厨具有限公司\n开户银行：交通银行宁波分行\n账号：332088000185566012\nSWIFT CODE：COMMCNSHNBO".into(),
        (Lang::Hans, 4) => "收款账户：3320 8800 0018 5566 012（交通银行宁波分行）\n户名：宁波恒力进出口有限公司".into(),
        (Lang::Hans, _) => "收款行：中国建设银行宁波分行营业部\n账号：3315 0198 3610 5000 0888\n户名：宁波恒力厨具销售有限公司".into(),
        (Lang::Hant, 0) => "受款人：恆力國際貿易（香港）有限公司\n收款銀行：香港上海滙豐銀行\n帳號：817-294561-838\nSWIFT：HSBCHKHHHKH".into(),
        (Lang::Hant, 1) => "戶名：寧波恆力進出口貿易有限公司\n開戶行：中國工商銀行寧波分行\n帳號：3901 1100 0920 0123 456".into(),
        (Lang::Hant, 2) => "銀行：星展銀行（香港）\n帳戶號碼：016-478-000123456\n戶名：恆力控股有限公司".into(),
        (Lang::Hant, _) => "收款帳戶：渣打銀行（香港）447-0-123456-7\n戶名：恆力貿易有限公司\nSWIFT：SCBLHKHHXXX".into(),
    }
}

/// A sender impersonating a seller person: real authenticated mailbox, look-alike domain, real
/// domain without authentication and a free-mail Reply-To, or free mail.
fn seller_sender(g: &mut Gen, w: &Who, k: usize) -> (String, String, &'static str) {
    const LOOK: [&str; 8] = [
        "hengli-kitchen.co",
        "hengli-kitchens.com",
        "hengli-kltchen.com",
        "henglikitchen.com",
        "hengll-kitchen.com",
        "hengli-kitchen.com.cn",
        "hengil-kitchen.com",
        "hengli-kitchen.net",
    ];
    let user = w.addr.split('@').next().unwrap_or("info");
    match k % 4 {
        0 => (w.addr.to_string(), String::new(), "pass"),
        1 => (format!("{user}@{}", g.r.pick(&LOOK)), String::new(), "pass"),
        2 => (
            w.addr.to_string(),
            format!(
                "{user}.hengli@{}",
                g.r.pick(&["gmail.com", "outlook.com", "163.com"])
            ),
            "none",
        ),
        _ => (
            format!(
                "{}{}@{}",
                user.replace('.', ""),
                g.r.range(1, 99),
                g.r.pick(&["gmail.com", "163.com", "qq.com", "hotmail.com"])
            ),
            String::new(),
            "pass",
        ),
    }
}

const EN: [&str; 8] = [
    "Dear Anna,\n\nPlease be informed that our remittance details have been updated. Kindly use the following for the balance payment of NH-2026-0148 and all future payments:\n\n{acct}\n\nPlease let me know once the transfer is arranged.",
    "Dear Anna,\n\nDue to the annual audit our Bank of China account is temporarily frozen and cannot receive foreign currency until January. Please arrange the 70% balance to our other account below:\n\n{acct}\n\nSorry for the inconvenience and thank you for your understanding.",
    "Hi Anna,\n\nJust a heads-up: our banking partner changed this month, the old account can no longer receive USD. Updated payment instructions:\n\n{acct}\n\nThe amount stays USD 215,640.00 as per invoice.",
    "Dear Ms. Lindqvist,\n\nFor tax reasons the payment this time should be made to our overseas office. Kindly remit the balance to:\n\n{acct}\n\nThe invoice value and all other terms remain unchanged.",
    "Dear Anna,\n\nWe received your deposit, many thanks. For the balance please remit to our new USD account, as our bank is upgrading its settlement system and the previous one is suspended:\n\n{acct}\n\nPlease send us the bank slip when done.",
    "Hello Anna,\n\nKindly update your vendor master data with our new bank details below and confirm by return mail. Payments to the previous account will be returned.\n\n{acct}",
    "Dear Anna,\n\nThe shipment is ready and the B/L copy will follow tomorrow. Kindly note the beneficiary information for the balance:\n\n{acct}\n\nPlease process it today so we can release the documents.",
    "Dear Anna,\nour finance department informs that from now on all USD receipts go through our Hong Kong company. Please transfer the remaining 70 % to the following account:\n{acct}\nBest regards",
];

const HANS: [&str; 6] = [
    "Anna您好！\n\n因我司更换了收款银行，本次尾款请汇至以下账户：\n{acct}\n原账户不再使用，请知悉。",
    "李伟：\n\n公司原中国银行账户因年审被冻结了，客户的70%尾款请让他们汇入我们另一个账户：\n{acct}\n请尽快通知客户。",
    "尊敬的客户：\n\n我司收款账户已变更，请更新贵司系统中的银行信息，后续货款请付至新账户：\n{acct}\n给您带来不便，敬请谅解。",
    "您好，由于税务原因，这次货款请付到我们香港公司的账户，金额不变：\n{acct}\n谢谢配合！",
    "Anna你好，货已经装柜了，提单副本明天发你。请汇至以下账户，汇款后把水单发给我们：\n{acct}",
    "王芳：\n\n银行通知我们美元账户正在接受审计，暂时不能收汇。请通知瑞典客户把货款打到下面这个账户：\n{acct}\n此事比较急，今天处理一下。",
];

const HANT: [&str; 4] = [
    "您好，\n\n敝司帳戶變更，餘款請匯至以下帳戶：\n{acct}\n舊帳戶已停用，請勿再匯入。",
    "Anna 您好：\n\n因銀行系統升級，原收款帳戶暫停使用，請將尾款匯入新帳戶：\n{acct}\n謝謝！",
    "您好，因稅務審查，本公司帳戶暫時凍結，貨款請改匯香港分公司帳戶：\n{acct}\n不便之處敬請見諒。",
    "Anna 小姐：\n\n本公司收款銀行已更換，請更新貴司的付款資料，新的匯款資訊如下：\n{acct}",
];

fn subject(l: Lang, k: usize) -> &'static str {
    match (l, k % 3) {
        (Lang::En, 0) => "RE: NH-2026-0148 balance payment",
        (Lang::En, 1) => "Updated payment information",
        (Lang::En, _) => "NH-2026-0148 / invoice CI-2026-112",
        (Lang::Hans, 0) => "回复：NH-2026-0148 尾款",
        (Lang::Hans, _) => "关于收款账户的通知",
        (Lang::Hant, _) => "回覆：NH-2026-0148 付款事宜",
    }
}

/// Explicit and soft payee changes in the text, from every kind of sender.
pub fn bank_change(g: &mut Gen) {
    for i in 0..32 {
        let l = LANGS[i % 3];
        let tpl = match l {
            Lang::En => EN[i / 3 % EN.len()],
            Lang::Hans => HANS[i / 3 % HANS.len()],
            Lang::Hant => HANT[i / 3 % HANT.len()],
        };
        let w = if i % 5 == 3 { WANG_FANG } else { LI_WEI };
        let main = format!(
            "{}\n\n{}",
            tpl.replace("{acct}", &new_account(l, i)),
            sig(&w, l)
        );
        let pad = g.pad();
        let quoted = if i % 4 == 0 {
            String::new()
        } else {
            history(l, pad, i)
        };
        let fmt = [Fmt::Plain, Fmt::Alt, Fmt::Html][i % 3];
        let b = body(l, &main, &quoted, fmt, i / 3);
        let n = g.n();
        let (from, reply_to, auth) = seller_sender(g, &w, i / 2);
        let cs = cs_for(l, i, w.name(l));
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, cs, i % 2 == 1),
            &mailbox("Anna Lindqvist", ANNA.addr, Cs::Utf8, false),
            &words(subject(l, i), cs, i % 2 == 1),
            b,
        );
        let m = if reply_to.is_empty() {
            m
        } else {
            m.header("Reply-To", &reply_to)
        };
        let m = delivered(m, &from, auth, "nordichome.se", n);
        g.push(
            "bank-change",
            true,
            format!("{l:?}-{auth}-{}", from.replace('@', "-at-")),
            DealRef::Example,
            m,
        );
    }
}

fn invoice_lines(k: usize) -> Vec<String> {
    let acct = new_account(Lang::En, k + 1);
    let mut v = vec![
        "Ningbo Hengli Kitchenware Co., Ltd.".to_string(),
        "No. 88 Binhai 2nd Road, Hangzhou Bay New Zone, Ningbo, China".into(),
        String::new(),
        format!(
            "Invoice No.: CI-2026-{:03}      Date: 2026-12-{:02}",
            100 + k,
            10 + k % 18
        ),
        "Buyer: Nordic Home AB, Stora Nygatan 12, 111 27 Stockholm, Sweden".into(),
        "Contract: NH-2026-0148      Terms: FOB Ningbo".into(),
        String::new(),
        "Item            Description                       Qty      Unit USD    Amount USD".into(),
        "NH-CW-12        Stainless steel cookware set 12pc 12,000   59.90       718,800.00".into(),
        "                Less 30% deposit received                          -215,640.00".into(),
        "                Balance due (70%)                                   503,160.00".into(),
        String::new(),
        "PAYMENT INSTRUCTIONS (please note our new bank details):".into(),
    ];
    v.extend(acct.lines().map(str::to_string));
    v.push(String::new());
    v.push("Please quote the invoice number as payment reference.".into());
    v
}

fn letter_lines(l: Lang, k: usize) -> Vec<String> {
    let acct = new_account(l, k + 2);
    let head = match l {
        Lang::En => "NOTICE OF CHANGE OF BANK ACCOUNT\n\nTo our valued customers,\n\nPlease be advised that with effect from 1 December 2026 Ningbo Hengli Kitchenware Co., Ltd. receives all payments at the following account. Payments to any previous account will not be credited.",
        Lang::Hans => "关于变更收款账户的通知\n\n尊敬的客户：\n\n自2026年12月1日起，我司所有货款统一汇入以下账户，原账户停止使用。",
        Lang::Hant => "關於變更收款帳戶的通知\n\n尊敬的客戶：\n\n自2026年12月1日起，本公司所有貨款請匯入以下帳戶，原帳戶停止使用。",
    };
    let mut v: Vec<String> = head.lines().map(str::to_string).collect();
    v.extend(acct.lines().map(str::to_string));
    v.push(String::new());
    v.push(seller_co(l).to_string());
    v.push(
        match l {
            Lang::En => "Finance Department (company seal)",
            Lang::Hans => "财务部（盖章）",
            Lang::Hant => "財務部（蓋章）",
        }
        .into(),
    );
    v
}

const ATT_TEXT: [(&str, &str, &str); 3] = [
    ("Dear Anna,\n\nPlease find attached the commercial invoice for the 70% balance. Kindly arrange payment before the vessel departs on 12 January.", "Anna您好，\n\n附件是尾款发票，请查收并安排付款。", "Anna 您好，\n\n附件為尾款發票，請查收並安排付款。"),
    ("Hi Anna,\n\nPlease remit to the account in the attached letter from our finance department. Everything else stays as agreed.", "您好，请按附件通知中的账户信息付款，其他条款不变。", "您好，請依附件通知中的帳戶資料付款，其他條款不變。"),
    ("Dear Anna,\n\nAttached our updated invoice and payment details. Please use these for the transfer.", "Anna，附件是更新后的发票和付款信息，请按此安排汇款。", "Anna，附件是更新後的發票及付款資訊，請據此安排匯款。"),
];

/// The changed account only in an attached PDF invoice, DOCX letter or forwarded mail.
pub fn bank_change_attachment(g: &mut Gen) {
    for i in 0..20 {
        let l = LANGS[i % 3];
        let t = ATT_TEXT[i / 3 % 3];
        let text = match l {
            Lang::En => t.0,
            Lang::Hans => t.1,
            Lang::Hant => t.2,
        };
        let w = [LI_WEI, WANG_FANG, CHEN_JING][i % 3];
        let main = format!("{text}\n\n{}", sig(&w, l));
        let pad = g.pad();
        let quoted = if i % 3 == 0 {
            String::new()
        } else {
            history(l, pad / 2, i)
        };
        let b = body(l, &main, &quoted, [Fmt::Plain, Fmt::Alt][i % 2], i);
        let n = g.n();
        let att: Node = match i % 4 {
            0 | 2 => file(
                "application/pdf",
                &format!("CI-2026-{:03}.pdf", 100 + i),
                attach::pdf("COMMERCIAL INVOICE", &invoice_lines(i), i % 4 == 0),
            ),
            1 => file(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                if l == Lang::En {
                    "Bank change notice.docx"
                } else {
                    "变更通知.docx"
                },
                attach::docx(&letter_lines(l, i)),
            ),
            _ => {
                let inner = Mail::new(
                    n + 500,
                    &mailbox("Wang Fang", WANG_FANG.addr, Cs::Utf8, false),
                    &mailbox("Li Wei", LI_WEI.addr, Cs::Utf8, false),
                    "New receiving account",
                    super::build::text(
                        "plain",
                        letter_lines(l, i).join("\n"),
                        Cs::Utf8,
                        super::build::Cte::Qp,
                    ),
                );
                Node::Forward(inner.bytes())
            }
        };
        let (from, _, auth) = seller_sender(g, &w, i);
        let cs = cs_for(l, i, w.name(l));
        let subj = match l {
            Lang::En => "Invoice CI-2026 balance / NH-2026-0148",
            Lang::Hans => "尾款发票 NH-2026-0148",
            Lang::Hant => "尾款發票 NH-2026-0148",
        };
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, cs, false),
            &mailbox("", ANNA.addr, cs, false),
            &words(subj, cs, false),
            multi("mixed", vec![b, att]),
        );
        let m = delivered(m, &from, auth, "nordichome.se", n);
        g.push(
            "bank-change-attachment",
            true,
            format!("{l:?}-{}", ["pdf", "docx", "pdf-flate", "forward"][i % 4]),
            DealRef::Example,
            m,
        );
    }
}

const HIJACK_EN: [&str; 4] = [
    "Dear Anna,\n\nThank you for the confirmation. One more thing before you release the balance: our company has opened a new account for USD receipts, please use it instead of the one in the PI.\n\n{acct}",
    "Hi Anna,\n\nFollowing up on the below. Our accountant reminded me that the Bank of China account is under review this month, so please make the payment to the details below and send me the MT103 copy.\n\n{acct}",
    "Anna,\n\nSorry, small change: please hold the transfer if not yet done. Our finance will send the updated remittance details tomorrow morning. Don't use the account in the contract for this payment.",
    "Dear Anna,\n\nAs discussed in the thread, attached is the B/L copy. For the balance kindly pay to our subsidiary account (same company group, for export tax refund purposes):\n\n{acct}",
];

const HIJACK_ZH: [&str; 3] = [
    "Anna你好，\n\n感谢确认。付尾款之前请注意：我司新开了美元收款账户，请不要再用形式发票上的账户，改用以下账户：\n{acct}",
    "王芳：\n\n接上封邮件，客户那边的尾款改到下面的账户收，原来的账户这个月在审计，你跟客户确认一下。\n{acct}",
    "Anna 您好：\n\n承上，敝司中國銀行帳戶本月審查中，尾款請改匯以下帳戶，匯款後請回傳水單：\n{acct}",
];

/// From the party's real, authenticated mailbox, replying inside the real thread.
pub fn hijacked(g: &mut Gen) {
    for i in 0..24 {
        let l = if i % 3 == 0 { Lang::Hans } else { Lang::En };
        let l = if i % 6 == 3 { Lang::Hant } else { l };
        let text = match l {
            Lang::En => HIJACK_EN[i % 4].to_string(),
            Lang::Hans => HIJACK_ZH[i / 3 % 2].to_string(),
            Lang::Hant => HIJACK_ZH[2].to_string(),
        };
        let w = [LI_WEI, WANG_FANG, CHEN_JING][i % 3];
        let main = format!(
            "{}\n\n{}",
            text.replace("{acct}", &new_account(l, i + 3)),
            sig(&w, l)
        );
        let pad = g.pad().max(2_000);
        let quoted = history(l, pad, i);
        let b = body(
            l,
            &main,
            &quoted,
            [Fmt::Alt, Fmt::Plain, Fmt::Html][i % 3],
            i,
        );
        let n = g.n();
        let cs = cs_for(l, i, w.name(l));
        let to = if main.contains("王芳") {
            mailbox("王芳", WANG_FANG.addr, cs, false)
        } else {
            mailbox("Anna Lindqvist", ANNA.addr, cs, false)
        };
        let rcpt = if to.contains("hengli") {
            "hengli-kitchen.com"
        } else {
            "nordichome.se"
        };
        let subj = match l {
            Lang::En => "RE: RE: NH-2026-0148 shipment and balance",
            Lang::Hans => "回复：回复：NH-2026-0148 出货及尾款",
            Lang::Hant => "回覆：NH-2026-0148 出貨及尾款",
        };
        let mut m = Mail::new(
            n,
            &mailbox(w.name(l), w.addr, cs, i % 2 == 0),
            &to,
            &words(subj, cs, false),
            b,
        )
        .header("In-Reply-To", &format!("<thread-{i}@nordichome.se>"))
        .header(
            "References",
            &format!("<start-{i}@hengli-kitchen.com> <thread-{i}@nordichome.se>"),
        )
        .header("Thread-Topic", "NH-2026-0148 shipment and balance");
        if i % 4 == 1 {
            m = m.header(
                "Reply-To",
                &format!(
                    "{}@hengli-kitchen-finance.com",
                    w.addr.split('@').next().unwrap_or("x")
                ),
            );
        }
        let m = delivered(m, w.addr, "pass", rcpt, n);
        g.push(
            "hijacked",
            true,
            format!("{l:?}-{}", w.en.replace(' ', "-")),
            DealRef::Example,
            m,
        );
    }
}
