//! PASS families around money that is not a change: the buyer's payment advices and MT103s with
//! the payer's own account (`payment-advice`), forwarders' and inspectors' own invoices with
//! their own accounts (`third-party-invoice`), and policy text — the contract's clause quoted
//! back, incident notices, a new account manager (`policy`).

use super::attach;
use super::build::{file, mailbox, multi, words, Mail};
use super::common::*;
use super::pass_trade::party_mail;
use super::{DealRef, Gen};

fn mt103(k: usize, deposit: bool) -> String {
    let payer = iban("SE", &format!("5000000005491000{:04}", 3 + k));
    let amount = if deposit { "215640,00" } else { "503160,00" };
    format!("{{1:F01ESSESESSAXXX0000000000}}{{2:I103BKCHCNBJ92AXN}}\n:20:NH0148{k:04}\n:23B:CRED\n:32A:26121{}USD{amount}\n:50K:/{}\nNORDIC HOME AB\nSTORA NYGATAN 12\n111 27 STOCKHOLM SE\n:52A:ESSESESS\n:57A:BKCHCNBJ92A\n:59:/3561000012345678\nNINGBO HENGLI KITCHENWARE CO LTD\nNINGBO CHINA\n:70:CONTRACT NH-2026-0148 {}\n:71A:SHA", k % 10, payer.replace(' ', ""), if deposit { "DEPOSIT 30PCT" } else { "BALANCE 70PCT" })
}

const ADVICE: [(Lang, bool, &str); 8] = [
    (Lang::En, true, "Dear Wang Fang,\n\nWe have today remitted the 30% deposit of USD 215,640.00 for contract NH-2026-0148. Please find the MT103 below for your reference.\n\nPaid from our account with SEB, IBAN {payer}, to your account at Bank of China, Ningbo Branch, 3561 0000 1234 5678.\n\n{mt}"),
    (Lang::En, false, "Dear Anna,\n\nThe deposit arrived today, thank you very much! Production starts tomorrow as planned. We will send the first weekly report on Friday."),
    (Lang::Hans, false, "Anna您好，\n\n30%定金今天已经到账，非常感谢！我们明天按计划开始生产，周五发第一份周报。"),
    (Lang::En, true, "Hi Li Wei,\n\nPayment advice: the balance of USD 503,160.00 was released this morning to your contract account. Bank reference 8812-NH0148. Please release the original B/L.\n\n{mt}"),
    (Lang::Hant, false, "Anna 您好：\n\n餘款今天已經到帳，謝謝！正本提單已交快遞寄出，單號DHL 1234567890。"),
    (Lang::Hans, false, "李伟：\n\n瑞典客户的尾款503,160美元今天到账了，已核对合同账户无误，可以放单了。"),
    (Lang::En, true, "Dear Wang Fang,\n\nPlease find attached our remittance advice for invoice CI-2026-112. Payer: Nordic Home AB, IBAN {payer}, BIC ESSESESS. Beneficiary: Ningbo Hengli Kitchenware Co., Ltd., A/C 3561 0000 1234 5678, SWIFT BKCHCNBJ92A."),
    (Lang::En, true, "Dear Xu Ming,\n\nThe L/C for YW-2027-0007 was issued today by Citizens Bank, N.A., Boston, irrevocable, at sight, USD 32,400.00, beneficiary Yiwu Qingshan Housewares Co., Ltd., advising bank Bank of China, Yiwu Branch. The MT700 copy is attached."),
];

/// MT103s and remittance advices showing the payer's account, "the deposit arrived today".
pub fn payment_advice(g: &mut Gen) {
    for i in 0..17 {
        let (l, buyer, t) = ADVICE[i % ADVICE.len()];
        let payer = iban("SE", &format!("5000000005491000{:04}", 3 + i));
        let t = t
            .replace("{payer}", &payer)
            .replace("{mt}", &mt103(i, i % 2 == 0));
        let (from, to) = if t.contains("Xu Ming") {
            (MEGAN, XU_MING)
        } else if t.contains("李伟：") {
            (WANG_FANG, LI_WEI)
        } else if buyer {
            (
                ANNA,
                if t.contains("Li Wei") {
                    LI_WEI
                } else {
                    WANG_FANG
                },
            )
        } else {
            (WANG_FANG, ANNA)
        };
        let pdf = (buyer && i % 3 == 0).then(|| {
            let lines: Vec<String> = mt103(i, false).lines().map(str::to_string).collect();
            file(
                "application/pdf",
                "Remittance_advice.pdf",
                attach::pdf("SEB - Payment confirmation", &lines, i % 2 == 0),
            )
        });
        let subj = match l {
            Lang::En => "Payment advice NH-2026-0148",
            Lang::Hans => "定金到账 NH-2026-0148",
            Lang::Hant => "款項到帳 NH-2026-0148",
        };
        let subj = if t.contains("L/C") {
            "L/C issued YW-2027-0007"
        } else {
            subj
        };
        party_mail(g, "payment-advice", l, from, to, subj, &t, i, pdf);
    }
}

/// `(sender name, address, language, text)` of a third party's own invoice.
const THIRD: [(&str, &str, Lang, &str); 8] = [
    ("Joyce Xu", "cs3@nbosa-logistics.com", Lang::En, "Dear Li Wei,\n\nPlease find our debit note DN-2612-0877 for booking NGB2612345: THC CNY 2,460, document fee CNY 450, seal CNY 100. Total CNY 3,010.\n\nPlease pay to: Ningbo Ocean Shipping Agency Co., Ltd., China Merchants Bank Ningbo Branch, account 5749 0211 3310 901.\nThank you."),
    ("AsiaQC Accounts", "accounts@aqc-inspect.com", Lang::En, "Dear Anna Lindqvist,\n\nThank you for using AsiaQC. Attached is our invoice INV-26-4471 for the pre-shipment inspection of 18 Dec 2026 at Ningbo Hengli (1 man-day, USD 298.00).\n\nBank details: AsiaQC Inspection Ltd, HSBC Hong Kong, account 808-123456-001, SWIFT HSBCHKHHHKH. Payment within 30 days."),
    ("Nordlab Testing AB", "faktura@nordlab-testing.se", Lang::En, "Hej Anna,\n\nAttached is our invoice 2026-1187 for the dishwasher and migration tests of the cookware samples, SEK 14 800 excl. VAT. Payment to bankgiro 5050-1055 or IBAN {iban}, due 30 days net."),
    ("宁波远洋货代 财务", "finance@nbosa-logistics.com", Lang::Hans, "恒力厨具财务：\n\n订舱号NGB2612345的港杂费发票已开具，金额人民币3010元，请汇至我司账户：宁波远洋船务代理有限公司，招商银行宁波分行，账号5749 0211 3310 901。"),
    ("亞洲驗貨 帳務部", "billing@aqc-inspect.com.hk", Lang::Hant, "Anna 您好：\n\n附件為12月18日驗貨服務之發票，金額298美元，請匯至本公司帳戶：亞洲驗貨有限公司，滙豐銀行，帳號808-123456-001。"),
    ("DHL Express Billing", "billing-noreply@dhl.com", Lang::En, "Your DHL invoice SE-26-88120 is ready. Amount due: SEK 1 245,00 for shipment 1234567890 (samples from Ningbo). Pay online or to our account as shown on the invoice."),
    ("Kaiyo Logistics Accounting", "acc@kaiyo-logistics.co.jp", Lang::En, "Dear Sir/Madam,\n\nPlease find our invoice KL-2701-033 for the arrival handling in Gothenburg. Beneficiary: Kaiyo Logistics Co., Ltd., MUFG Bank Tokyo, account 0012345, SWIFT BOTKJPJT."),
    ("Anna Lindqvist", "anna.lindqvist@nordichome.se", Lang::En, "Hi Li Wei,\n\nFYI, forwarding the invoice we received from AsiaQC for the inspection. We pay it directly to them, nothing for you to do. Their account is on the attached invoice."),
];

/// A forwarder's, inspector's, lab's or courier's own invoice with its own account.
pub fn third_party_invoice(g: &mut Gen) {
    for i in 0..17 {
        let (name, addr, l, t) = THIRD[i % THIRD.len()];
        let t = t.replace(
            "{iban}",
            &iban("SE", &format!("80000810590000{:06}", 120 + i)),
        );
        let main = format!("{t}\n\n{}\n{}", name, disclaimer(l, i));
        let quoted = if i % 4 == 3 {
            history(l, g.pad() / 2, i)
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
        let lines = vec![
            format!("Invoice from {}", addr.split('@').nth(1).unwrap_or("")),
            "Service: inspection / freight charges for NH-2026-0148".into(),
            "Amount due: see below, payment within 30 days".into(),
            "Pay to our own account as stated in our mail.".into(),
        ];
        let b = if i % 2 == 0 {
            multi(
                "mixed",
                vec![
                    b,
                    file(
                        "application/pdf",
                        "invoice.pdf",
                        attach::pdf("INVOICE", &lines, i % 4 == 0),
                    ),
                ],
            )
        } else {
            b
        };
        let n = g.n();
        let cs = cs_for(l, i, &format!("{name}{t}"));
        let to = if t.contains("Li Wei") || t.contains("恒力") {
            LI_WEI
        } else {
            ANNA
        };
        let subj = match l {
            Lang::En => "Invoice",
            Lang::Hans => "费用发票",
            Lang::Hant => "服務發票",
        };
        let m = Mail::new(
            n,
            &mailbox(name, addr, cs, i % 2 == 0),
            &mailbox(to.name(l), to.addr, cs, false),
            &words(&format!("{subj} {}", 4400 + i), cs, false),
            b,
        );
        let m = delivered(
            m,
            addr,
            // `dkim=none` only from third parties: a party's own domain signs its mail.
            if i % 5 == 2 && !addr.ends_with("nordichome.se") {
                "none"
            } else {
                "pass"
            },
            to.addr.rsplit('@').next().unwrap_or(""),
            n,
        );
        g.push(
            "third-party-invoice",
            false,
            format!("{l:?}-{}", addr.replace('@', "-at-")),
            DealRef::Example,
            m,
        );
    }
}

const POLICY: [(Lang, &str); 10] = [
    (Lang::En, "Dear Li Wei,\n\nFor the record, our finance team will follow clause 9 of the information-security schedule: \"The Beneficiary Account shall not be changed by e-mail. Any request to change it shall be verified by a call to the number on file, +86 574 8888 1250, and approved by two authorised persons of each party.\" We will call before any payment."),
    (Lang::En, "Dear Anna,\n\nIncident notice under clause 12 of our contract: yesterday we detected phishing mails sent from the look-alike domain hengli-kitchen.co to several customers. Our bank details have NOT changed. Please ignore any mail from that domain and call +86 574 8888 1250 if in doubt. We have reported the domain to the registrar."),
    (Lang::En, "Dear Anna,\n\nPlease welcome Zhou Min, who joins us as new account manager for Nordic Home from January. You can reach her at zhou.min@hengli-kitchen.com or +86 139 0574 3333. I stay responsible for your current order."),
    (Lang::Hans, "Anna您好，\n\n根据合同第12条，特此通知：昨日我司发现有人冒用相似域名hengli-kitchen.co向客户发送钓鱼邮件。我司银行账户没有任何变更，如有疑问请致电+86 574 8888 1250核实。"),
    (Lang::Hans, "李经理：\n\n按照合同的信息安全条款，任何银行信息变更都必须电话回拨合同上的号码并由双方两人批准，我们财务已经知悉。"),
    (Lang::Hant, "Anna 您好：\n\n依合約第12條通知：本公司發現有人以相似網域寄送釣魚郵件，本公司銀行帳戶並無任何變更，如有疑問請致電 +86 574 8888 1250 查證。"),
    (Lang::En, "Hi Li Wei,\n\nOur auditors asked us to confirm the verification procedure. As agreed in the contract, payment details are confirmed only by calling the number in the contract; nobody on our side will ever ask for your mailbox password."),
    (Lang::En, "Dear all,\n\nReminder from Nordic Home AB finance: we will never ask a supplier to change payment details by e-mail, and we do not accept changes of supplier bank accounts without a call-back to the number in our supplier register."),
    (Lang::Hans, "Anna您好，\n\n我司新任客户经理周敏将从一月起负责贵司订单，她的电话是+86 139 0574 3333，邮箱zhou.min@hengli-kitchen.com。"),
    (Lang::Hant, "李經理您好，依照合約的資訊安全條款，本公司不會要求貴司提供任何郵箱或系統密碼，付款資料僅以致電合約號碼確認。"),
];

/// The contract's bank-change clause quoted back, incident notices, a new account manager.
pub fn policy(g: &mut Gen) {
    for i in 0..18 {
        let (l, t) = POLICY[i % POLICY.len()];
        let (from, to) = if t.contains("Dear Li Wei")
            || t.contains("Hi Li Wei")
            || t.contains("李經理")
            || t.contains("Dear all")
        {
            (ANNA, LI_WEI)
        } else if t.contains("李经理：") {
            (WANG_FANG, LI_WEI)
        } else {
            (LI_WEI, ANNA)
        };
        let subj = match l {
            Lang::En => "Payment verification / security notice",
            Lang::Hans => "安全通知",
            Lang::Hant => "安全通知",
        };
        party_mail(g, "policy", l, from, to, subj, t, i, None);
    }
}
