//! WARN families around the payment moment: a payment held until "new details follow"
//! (`hold-payment`), the call-back bypassed or replaced (`callback-bypass`), and an L/C deal's
//! credit diverted — T/T instead, another beneficiary or bank (`lc-divert`).

use super::build::{mailbox, words, Cs, Mail};
use super::common::*;
use super::warn_bank::new_account;
use super::{DealRef, Gen};

const HOLD: [(Lang, &str); 12] = [
    (Lang::En, "Dear Anna,\n\nPlease hold the balance payment for now. New bank details will follow from our finance department in a separate mail. Do not send it to the old account."),
    (Lang::En, "Hi Anna,\n\nKindly do not proceed with the transfer yet. There is an issue with our receiving bank and we will share updated instructions by Monday."),
    (Lang::En, "Anna,\n\nIf the 70% has not gone out yet, please stop it. Our account is being migrated. I'll send you the correct details shortly."),
    (Lang::En, "Dear Ms Lindqvist,\n\nWe kindly ask you to postpone the payment of invoice CI-2026-112 until you receive our updated remittance information. Thank you for your cooperation."),
    (Lang::En, "Dear Anna,\n\nPlease put the deposit transfer on hold, our bank has asked us to provide a new receiving account for this contract. Will revert asap."),
    (Lang::Hans, "Anna您好，\n\n尾款请先暂停付款，我们财务会另外发邮件告知新的收款信息，请勿付到原账户。"),
    (Lang::Hans, "您好，货款先别付，我们收款银行这边有点问题，下周一把新的账户发给您。"),
    (Lang::Hans, "王芳：\n\n客户这笔尾款先别收，让他们先暂停汇款，等我把新账户发过去再付。"),
    (Lang::Hans, "Anna 你好：\n\n如果尾款还没汇出，请先暂缓，我司账户正在迁移，稍后发您正确的信息。"),
    (Lang::Hant, "Anna 您好：\n\n餘款請先暫停支付，新的匯款資料將由財務另行通知，請勿匯入原帳戶。"),
    (Lang::Hant, "您好，請暫緩付款，本公司收款銀行有變動，確認後再通知您新的帳戶資料。"),
    (Lang::Hant, "Anna 小姐：\n\n貨款請先不要匯出，我們正在更換收款帳戶，明天會寄給您新的資料。"),
];

/// "Hold the payment, new details follow", from the real mailbox or an impersonator.
pub fn hold_payment(g: &mut Gen) {
    for i in 0..18 {
        let (l, text) = HOLD[i % HOLD.len()];
        let w = [LI_WEI, WANG_FANG][i % 2];
        let main = format!("{text}\n\n{}", sig(&w, l));
        let pad = g.pad();
        let quoted = if i % 3 == 0 {
            String::new()
        } else {
            history(l, pad, i)
        };
        let b = body(
            l,
            &main,
            &quoted,
            [Fmt::Plain, Fmt::Html, Fmt::Alt][i % 3],
            i,
        );
        let n = g.n();
        let from = match i % 3 {
            0 => w.addr.to_string(),
            1 => w.addr.replace("hengli-kitchen.com", "hengli-kitchen.co"),
            _ => w.addr.replace("hengli-kitchen.com", "hengli-kitchens.com"),
        };
        let cs = cs_for(l, i, w.name(l));
        let to = if text.contains("王芳") {
            mailbox("王芳", WANG_FANG.addr, cs, false)
        } else {
            mailbox("Anna Lindqvist", ANNA.addr, cs, false)
        };
        let subj = match l {
            Lang::En => "URGENT - NH-2026-0148 payment",
            Lang::Hans => "急：NH-2026-0148 付款",
            Lang::Hant => "急件：NH-2026-0148 付款",
        };
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, cs, i % 2 == 0),
            &to,
            &words(subj, cs, i % 2 == 0),
            b,
        )
        .header("X-Priority", "1 (Highest)")
        .header("Importance", "High");
        let m = delivered(m, &from, "pass", "nordichome.se", n);
        g.push(
            "hold-payment",
            true,
            format!("{l:?}-{}", from.replace('@', "-at-")),
            DealRef::Example,
            m,
        );
    }
}

const BYPASS: [(Lang, &str); 12] = [
    (Lang::En, "Dear Anna,\n\nRegarding the new account I sent yesterday: I'm in meetings with the bank all day, please don't call the office, just confirm by e-mail once the payment is released."),
    (Lang::En, "Hi Anna,\n\nOur switchboard number is out of order after the office move. If your finance needs to verify the new beneficiary, call me on my mobile +86 135 6678 2219 instead.\n\n{acct}"),
    (Lang::En, "Anna,\n\nPlease confirm the updated remittance details by e-mail only; phone verification is not necessary this time as the CEO has already approved it.\n\n{acct}"),
    (Lang::En, "Dear Anna,\n\nThis is confidential. Please keep this between us until the restructuring is announced: the balance goes to our new account below. No need to involve Li Wei or call our office.\n\n{acct}"),
    (Lang::En, "Hello Anna,\n\nYour colleague tried to call about the new bank details but our lines are busy this week. Please have him reach Mr. Zhang of our finance at +852 5123 8866, he will confirm everything.\n\n{acct}"),
    (Lang::En, "Dear Anna,\n\nI'm travelling and can't take calls. Please go ahead with the transfer to the account in my last mail and reply here when it's done. Time is short, the vessel closes Friday."),
    (Lang::Hans, "Anna您好，\n\n新账户的事情我今天一直在银行开会，电话不方便接，请不要打公司电话，付款后邮件回复确认即可。"),
    (Lang::Hans, "王芳：\n\n我在外面谈事情，别打电话，客户的尾款按我刚发的账户处理，这事先不要跟其他人说。\n{acct}"),
    (Lang::Hans, "您好，我司座机这几天在维修，如需核实新的收款账户，请拨打我的手机 +86 186 2745 9031。\n{acct}"),
    (Lang::Hant, "Anna 您好：\n\n關於新帳戶，請勿致電本公司總機，財務主管在開會，請以郵件確認付款即可。\n{acct}"),
    (Lang::Hant, "您好，公司電話線路故障，如需核對新的匯款資料，請改撥 +852 6234 1188 與陳小姐聯絡。\n{acct}"),
    (Lang::Hant, "Anna 小姐：\n\n此事請暫時保密，不要電話聯絡我們公司，直接依照郵件中的帳戶付款即可。\n{acct}"),
];

/// The call-back bypassed: do not call, confirm by e-mail, a new number, secrecy.
pub fn callback_bypass(g: &mut Gen) {
    for i in 0..18 {
        let (l, text) = BYPASS[i % BYPASS.len()];
        let w = [WANG_FANG, LI_WEI, CHEN_JING][i % 3];
        let main = format!(
            "{}\n\n{}",
            text.replace("{acct}", &new_account(l, i + 5)),
            sig(&w, l)
        );
        let pad = g.pad();
        let quoted = if i % 2 == 0 {
            String::new()
        } else {
            history(l, pad, i + 1)
        };
        let b = body(
            l,
            &main,
            &quoted,
            [Fmt::Alt, Fmt::Plain, Fmt::Html][i % 3],
            i + 1,
        );
        let n = g.n();
        let from = match i % 3 {
            0 => w.addr.to_string(),
            1 => w.addr.replace("hengli-kitchen.com", "henglikitchen.com"),
            _ => format!("{}.hk@outlook.com", w.addr.split('@').next().unwrap_or("x")),
        };
        let cs = cs_for(l, i + 1, w.name(l));
        let to = if text.contains("王芳") {
            mailbox("王芳", WANG_FANG.addr, cs, false)
        } else {
            mailbox("Anna Lindqvist", ANNA.addr, cs, false)
        };
        let subj = match l {
            Lang::En => "RE: new bank details - confidential",
            Lang::Hans => "回复：新账户确认",
            Lang::Hant => "回覆：新帳戶確認",
        };
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, cs, false),
            &to,
            &words(subj, cs, true),
            b,
        );
        let m = delivered(m, &from, "pass", "nordichome.se", n);
        g.push(
            "callback-bypass",
            true,
            format!("{l:?}-{}", from.replace('@', "-at-")),
            DealRef::Example,
            m,
        );
    }
}

const LC: [(Lang, &str); 10] = [
    (Lang::En, "Dear Megan,\n\nOur bank found discrepancies in the documents (late shipment and a typo in the packing list), so the L/C will not be honoured in time. To avoid delay please pay the invoice value by T/T instead to the account below, and we will cancel the credit.\n\n{acct}"),
    (Lang::En, "Hi Megan,\n\nPlease ask Citizens Bank to amend the L/C: the beneficiary should be our Hong Kong subsidiary, Qingshan Trading (HK) Ltd, advising bank HSBC Hong Kong instead of Bank of China Yiwu. The amendment is urgent because documents are ready."),
    (Lang::En, "Dear Megan,\n\nFor this shipment the original documents will be presented through Standard Chartered Bank, Hong Kong, not Bank of China. Kindly instruct your issuing bank to accept presentation there and to pay to account 447-0-998877-1."),
    (Lang::En, "Dear Megan,\n\nThe advising bank charges are too high, please amend the credit so that payment is made to our account with DBS Bank Singapore, Acc No 072-998877-3, SWIFT DBSSSGSG. Everything else unchanged."),
    (Lang::En, "Megan,\n\nGood news, goods are on board. As the L/C expires soon and the bank is slow, could you please release the payment directly by wire to our new USD account? We will send the original documents to you by courier.\n\n{acct}"),
    (Lang::Hans, "Megan您好，\n\n银行审单发现有不符点，信用证可能被拒付。为了不耽误交货，请改为电汇支付货款到以下账户，我们会撤销信用证：\n{acct}"),
    (Lang::Hans, "您好，请通知开证行修改信用证，受益人改为我司香港公司（青山贸易（香港）有限公司），通知行改为香港汇丰银行。"),
    (Lang::Hans, "Megan，正本单据这次改由香港渣打银行交单，请让开证行付款到该行账户 447-0-998877-1，谢谢。"),
    (Lang::Hant, "Megan 您好：\n\n銀行審單發現不符點，信用證恐遭拒付，請改以電匯方式支付貨款至以下帳戶：\n{acct}"),
    (Lang::Hant, "您好，請通知開證行修改信用證受益人及通知行，改為本公司香港分公司及香港滙豐銀行。"),
];

/// The L/C deal diverted: T/T outside the credit, another beneficiary, bank or route.
pub fn lc_divert(g: &mut Gen) {
    const LOOK: [&str; 4] = [
        "qingshan-homes.com",
        "qingshan-home.co",
        "qingshan-h0me.com",
        "qlngshan-home.com",
    ];
    for i in 0..18 {
        let (l, text) = LC[i % LC.len()];
        let w = [XU_MING, HE_LI][i % 2];
        let main = format!(
            "{}\n\n{}",
            text.replace("{acct}", &new_account(l, i + 2)),
            sig(&w, l)
        );
        let quoted = if i % 3 == 1 {
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
        let n = g.n();
        let from = if i % 2 == 0 {
            w.addr.to_string()
        } else {
            let look = *g.r.pick(&LOOK);
            w.addr.replace("qingshan-home.com", look)
        };
        let cs = cs_for(l, i, w.name(l));
        let subj = match l {
            Lang::En => "YW-2027-0007 L/C documents",
            Lang::Hans => "YW-2027-0007 信用证单据",
            Lang::Hant => "YW-2027-0007 信用證單據",
        };
        let m = Mail::new(
            n,
            &mailbox(w.name(l), &from, cs, false),
            &mailbox("Megan Walsh", MEGAN.addr, Cs::Utf8, false),
            &words(subj, cs, false),
            b,
        );
        let m = delivered(m, &from, "pass", "harborkitchen.com", n);
        g.push(
            "lc-divert",
            true,
            format!("{l:?}-{}", from.replace('@', "-at-")),
            DealRef::Lc,
            m,
        );
    }
}
