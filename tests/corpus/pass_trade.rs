//! PASS families of everyday trade mail: quotations (`quotation`), shipping notices, B/L copies
//! and forwarders' updates (`shipping`), Chinese small talk, holidays and samples (`smalltalk`),
//! and production, QC and inspection updates with photos (`production`).

use super::attach;
use super::build::{file, mailbox, multi, text, words, Cs, Cte, Mail};
use super::common::*;
use super::{DealRef, Gen};

/// A PASS mail between the parties, with history, delivered with authentication `pass`.
#[allow(clippy::too_many_arguments)]
pub fn party_mail(
    g: &mut Gen,
    cat: &'static str,
    l: Lang,
    from: Who,
    to: Who,
    subj: &str,
    text_: &str,
    k: usize,
    extra: Option<super::build::Node>,
) {
    let main = format!("{text_}\n\n{}", sig(&from, l));
    let lc = from.addr.contains("qingshan") || to.addr.contains("qingshan");
    let pad = g.pad();
    // The thread history is the example deal's: an L/C deal mail has none of it.
    let quoted = if lc || k.is_multiple_of(4) && g.fixed.is_none() {
        String::new()
    } else {
        history(l, pad, k)
    };
    let b = body(
        l,
        &main,
        &quoted,
        [Fmt::Plain, Fmt::Alt, Fmt::Html, Fmt::Alt][k % 4],
        k,
    );
    let b = match extra {
        Some(x) => multi("mixed", vec![b, x]),
        None => b,
    };
    let n = g.n();
    let cs = cs_for(l, k, &format!("{}{}{subj}", from.name(l), to.name(l)));
    let rcpt = to.addr.rsplit('@').next().unwrap_or("");
    let deal = if lc { DealRef::Lc } else { DealRef::Example };
    let m = Mail::new(
        n,
        &mailbox(from.name(l), from.addr, cs, k.is_multiple_of(2)),
        &mailbox(to.name(l), to.addr, cs, k.is_multiple_of(3)),
        &words(subj, cs, k % 2 == 1),
        b,
    );
    let m = delivered(m, from.addr, "pass", rcpt, n);
    g.push(
        cat,
        false,
        format!("{l:?}-{}", from.en.replace(' ', "-")),
        deal,
        m,
    );
}

const QUOTE: [(Lang, bool, &str); 10] = [
    (Lang::En, false, "Dear Li Wei,\n\nFor our spring catalogue we would like a quotation for 4,000 sets of the 7-piece stainless set (item NH-CW-07), packed in colour boxes, FOB Ningbo. Please also quote the 28 cm wok separately. Delivery wanted by end of March."),
    (Lang::En, true, "Dear Anna,\n\nThank you for your enquiry. Please find our quotation below:\n\nNH-CW-07 7-pc set, colour box: USD 38.50/set, MOQ 2,000 sets\n28 cm wok with glass lid: USD 9.80/pc, MOQ 3,000 pcs\nPayment: 30% T/T deposit, 70% T/T against copy of B/L, to our account as stated in the contract.\nLead time: 45 days after deposit.\nValidity: 30 days.\n\nBank charges outside China are for the buyer's account."),
    (Lang::En, true, "Hi Anna,\n\nAttached is our revised offer with the new price for the induction base (steel price went up 4% this month). The payment terms stay the same as our running contract."),
    (Lang::En, false, "Hi Li Wei,\n\nThanks for the offer. USD 38.50 is a bit above our target; could you do USD 36.90 if we take 6,000 sets and accept 60 days lead time? Payment terms as usual."),
    (Lang::Hans, true, "Anna您好，\n\n感谢询价。7件套（NH-CW-07）彩盒包装报价为每套38.50美元，FOB宁波，起订量2000套。付款方式：30%定金，70%见提单副本付清，汇入合同约定账户。报价有效期30天。"),
    (Lang::Hans, true, "陈静：\n\n客户要的28厘米炒锅报价我已经算好了，9.80美元一只，你核对一下包装成本，没问题我今天就发给Anna。"),
    (Lang::Hans, false, "李经理您好，我们下个季度想加一款带蒸笼的汤锅，请报个价，数量3000套左右，付款方式跟现在的合同一样。"),
    (Lang::Hant, true, "Anna 您好：\n\n感謝您的詢價，7件套每套報價38.50美元，FOB寧波，最低訂量2000套。付款方式與現行合約相同：30%訂金，70%憑提單副本付清。"),
    (Lang::Hant, false, "李經理您好，請報價湯鍋3000套，交期希望在三月底前，付款條件照舊。"),
    (Lang::En, true, "Dear Megan,\n\nPlease find our offer for 10,000 additional jars with bamboo lids, USD 1.62/pc FOB Ningbo, payment by irrevocable L/C at sight as in our current contract, advising bank Bank of China, Yiwu Branch."),
];

/// Enquiries, offers and counter-offers, some with a PDF quotation.
pub fn quotation(g: &mut Gen) {
    for i in 0..17 {
        let (l, seller, t) = QUOTE[i % QUOTE.len()];
        let lc = t.contains("Megan");
        let (from, to) = match (lc, seller, t.contains("陈静")) {
            (true, _, _) => (XU_MING, MEGAN),
            (_, true, true) => (LI_WEI, CHEN_JING),
            (_, true, _) => (LI_WEI, ANNA),
            _ => (ANNA, LI_WEI),
        };
        let pdf = (seller && i % 3 == 1).then(|| {
            let lines = vec![
                "Quotation Q-2027-0031 for Nordic Home AB".to_string(),
                "NH-CW-07 7-pc stainless set, colour box      USD 38.50 / set".into(),
                "28 cm wok with glass lid                     USD  9.80 / pc".into(),
                "Terms: FOB Ningbo, 30% T/T deposit, 70% against copy of B/L".into(),
                "Beneficiary: Ningbo Hengli Kitchenware Co., Ltd.".into(),
                "Bank of China, Ningbo Branch, A/C 3561 0000 1234 5678, SWIFT BKCHCNBJ92A".into(),
                "Valid until 31 January 2027".into(),
            ];
            file(
                "application/pdf",
                "Quotation_Q-2027-0031.pdf",
                attach::pdf("QUOTATION", &lines, i % 2 == 0),
            )
        });
        let subj = match l {
            Lang::En => "Quotation request - spring 2027",
            Lang::Hans => "报价 - 2027春季",
            Lang::Hant => "報價 - 2027春季",
        };
        party_mail(g, "quotation", l, from, to, subj, t, i, pdf);
    }
}

/// Forwarders' booking confirmations, B/L drafts, the seller's shipment notice and balance
/// invoice with the contract's own account, a Japanese forwarder in ISO-2022-JP.
pub fn shipping(g: &mut Gen) {
    const FWD: [&str; 4] = [
        "Booking confirmation\n\nShipper: Ningbo Hengli Kitchenware Co., Ltd.\nConsignee: Nordic Home AB\nBooking no.: NGB2612345\nVessel/voyage: MAERSK EMDEN 651W\nPort of loading: Ningbo, ETD 08 Jan 2027\nPort of discharge: Gothenburg, ETA 14 Feb 2027\nContainer: 2 x 40'HC\nCut-off: 06 Jan 2027 12:00\nSI cut-off: 05 Jan 2027 17:00\n\nPlease send the shipping instructions before the SI cut-off.",
        "Dear Li Wei,\n\nAttached please find the draft B/L for NH-2026-0148. Kindly check shipper, consignee, notify party, marks and gross weights and confirm within 24 hours, otherwise the draft will be deemed correct.",
        "Dear all,\n\nVessel delay notice: MAERSK EMDEN 651W now ETD 10 Jan 2027 due to port congestion. Your containers MSKU 7712345 and MSKU 7712350 are gated in. We will update you on the new ETA.",
        "尊敬的客户：\n\n贵司订舱已确认，订舱号NGB2612345，船名航次MAERSK EMDEN 651W，预计1月8日开船，截关时间1月6日中午12点，请于1月5日前提交补料。",
    ];
    for i in 0..22 {
        let n = g.n();
        let k = i % 6;
        if k == 4 {
            // A Japanese forwarder's notice, ISO-2022-JP as Japanese mailers still send it.
            let t = format!("Li Wei様\n\nいつもお世話になっております。海洋ロジスティクスの佐藤です。\nNH-2026-0148の貨物は1月8日に寧波を出港予定です。\n船名：MAERSK EMDEN 651W\nETA Gothenburg: 14 Feb 2027\nB/Lドラフトを添付いたしますので、ご確認をお願いいたします。\n\n佐藤 健\nKaiyo Logistics Co., Ltd.\nTEL 03-5555-0101\n\n{}", cargo_lines(g.pad() / 3));
            let subj = words("【船積案内】NH-2026-0148 MAERSK EMDEN 651W", Cs::Jis, false);
            let m = Mail::new(
                n,
                &mailbox("佐藤 健", "k.sato@kaiyo-logistics.co.jp", Cs::Jis, false),
                &mailbox("Li Wei", LI_WEI.addr, Cs::Utf8, false),
                &subj,
                text("plain", t, Cs::Jis, Cte::Bit8),
            );
            let m = delivered(
                m,
                "k.sato@kaiyo-logistics.co.jp",
                "pass",
                "hengli-kitchen.com",
                n,
            );
            g.push(
                "shipping",
                false,
                "Ja-forwarder-iso-2022-jp".into(),
                DealRef::Example,
                m,
            );
            continue;
        }
        if k == 5 || k == 2 {
            let l = if k == 5 {
                Lang::En
            } else {
                [Lang::Hans, Lang::Hant][i % 2]
            };
            let t = match l {
                Lang::En => "Dear Anna,\n\nGood news: both containers were loaded on MAERSK EMDEN 651W yesterday. Attached the copy of B/L and our commercial invoice. As per contract, please arrange the 70% balance (USD 503,160.00) to our account on file with Bank of China, Ningbo Branch, A/C 3561 0000 1234 5678, SWIFT BKCHCNBJ92A. The original documents will be released on receipt.",
                Lang::Hans => "Anna您好，\n\n货物已于昨日装船，提单副本和商业发票见附件。请按合同约定将70%尾款汇至我司合同账户（中国银行宁波分行，账号3561 0000 1234 5678）。收到货款后我们即放正本单据。",
                Lang::Hant => "Anna 您好：\n\n貨物已於昨日裝船，提單副本及商業發票請見附件。請依合約將70%餘款匯至本公司合約帳戶（中國銀行寧波分行，帳號3561 0000 1234 5678）。",
            };
            let lines = vec![
                "Shipper: Ningbo Hengli Kitchenware Co., Ltd.".to_string(),
                "Consignee: Nordic Home AB, Stockholm".into(),
                "B/L No. MAEU 2612345678   Vessel MAERSK EMDEN 651W".into(),
                "2 x 40'HC  1,000 cartons  12,000 sets stainless steel cookware".into(),
                "COPY - NON NEGOTIABLE".into(),
            ];
            let pdf = file(
                "application/pdf",
                "BL_copy_MAEU2612345678.pdf",
                attach::pdf("BILL OF LADING", &lines, true),
            );
            let subj = match l {
                Lang::En => "Shipment advice NH-2026-0148",
                Lang::Hans => "出货通知 NH-2026-0148",
                Lang::Hant => "出貨通知 NH-2026-0148",
            };
            party_mail(g, "shipping", l, LI_WEI, ANNA, subj, t, i, Some(pdf));
            continue;
        }
        let t = FWD[k.min(3)];
        let l = if k == 3 { Lang::Hans } else { Lang::En };
        let main = format!("{t}\n\nBest regards\nJoyce Xu | Customer Service\nNingbo Ocean Shipping Agency Co., Ltd.\nTel +86 574 2769 3300\n{}", disclaimer(Lang::En, i));
        let cs = cs_for(l, i, &main);
        let b = body(l, &main, "", [Fmt::Plain, Fmt::Alt][i % 2], i);
        let b = if k == 1 {
            multi(
                "mixed",
                vec![
                    b,
                    file(
                        "application/pdf",
                        "Draft_BL_NGB2612345.pdf",
                        attach::pdf(
                            "DRAFT BILL OF LADING",
                            &[
                                "Shipper: Ningbo Hengli Kitchenware Co., Ltd.".into(),
                                "Consignee: TO ORDER".into(),
                                "Notify: Nordic Home AB".into(),
                            ],
                            false,
                        ),
                    ),
                ],
            )
        } else {
            b
        };
        let m = Mail::new(
            n,
            &mailbox("Joyce Xu", "cs3@nbosa-logistics.com", cs, false),
            &mailbox("Li Wei", LI_WEI.addr, cs, false),
            &words(
                &format!(
                    "NGB2612345 / NH-2026-0148 / {}",
                    ["booking", "draft B/L", "delay", "订舱确认"][k.min(3)]
                ),
                cs,
                false,
            ),
            b,
        )
        .header("Cc", "chen.jing@hengli-kitchen.com");
        let m = delivered(
            m,
            "cs3@nbosa-logistics.com",
            if i % 3 == 0 { "none" } else { "pass" },
            "hengli-kitchen.com",
            n,
        );
        g.push(
            "shipping",
            false,
            format!("{l:?}-forwarder-{k}"),
            DealRef::Example,
            m,
        );
    }
    let t = "Dear Megan,\n\nThe jars were shipped on 10 April on COSCO SHIPPING ROSE 022E. We presented the documents under your L/C to Bank of China, Yiwu Branch today; you should receive them through Citizens Bank next week. Copy of B/L attached for your information.";
    party_mail(
        g,
        "shipping",
        Lang::En,
        XU_MING,
        MEGAN,
        "YW-2027-0007 shipped, documents presented",
        t,
        1,
        None,
    );
}

/// A forwarder's cargo detail lines (Japanese), about `target` bytes.
fn cargo_lines(target: usize) -> String {
    let mut out = String::from("【貨物明細】\n");
    let mut j = 0;
    while out.len() < target {
        j += 1;
        out.push_str(&format!("{j:03}  MSKU77{:05}  40'HC  NH-CW-12 ステンレス鍋セット  {} ctns  {},{:03} kg  封印番号 ML{:06}\n", 12_000 + j, 480 + j % 40, 7 + j % 3, (j * 37) % 1000, 880_000 + j));
    }
    out
}

const SMALL: [(Lang, &str); 10] = [
    (Lang::Hans, "Anna您好！\n\n春节快到了，我司将于1月25日至2月10日放假，2月11日正常上班。放假期间如有急事请联系我的手机。提前祝您新年快乐！"),
    (Lang::Hans, "陈静：\n\n样品今天已经用顺丰寄出了，单号SF1234567890，麻烦明天跟Anna说一声。晚上一起吃饭吗？"),
    (Lang::Hant, "Anna 您好：\n\n中秋節快樂！我們寄了一盒月餅給您和同事，希望您喜歡。工廠中秋放假一天。"),
    (Lang::Hans, "Anna你好，上周在广交会见到你很开心，照片发给你留念。下次来宁波请一定告诉我们，带你去吃海鲜。"),
    (Lang::En, "Hi Li Wei,\n\nMerry Christmas and happy new year to you and the whole Hengli team! Our office is closed 24 Dec to 6 Jan. It was a pleasure working with you this year."),
    (Lang::En, "Dear Li Wei,\n\nThe samples arrived today in perfect condition, thank you! The colleagues love the copper colour. Erik will send his comments on the handles next week."),
    (Lang::Hant, "李經理您好，樣品已收到，包裝很好，謝謝。祝您週末愉快！"),
    (Lang::Hans, "李伟：\n\n下周二客户要来厂里参观，我订了会议室和午饭，你看看还需要准备什么资料？"),
    (Lang::En, "Hi Anna,\n\nThank you for the Swedish chocolates, the whole office enjoyed them! Please tell me when you plan to visit Ningbo in spring, we will pick you up at the airport."),
    (Lang::Hant, "各位同事：\n\n元旦放假三天，1月4日正常上班，請各部門安排好值班。"),
];

/// Greetings, holidays, samples and visits.
pub fn smalltalk(g: &mut Gen) {
    for i in 0..17 {
        let (l, t) = SMALL[i % SMALL.len()];
        let (from, to) = if t.contains("陈静：") {
            (LI_WEI, CHEN_JING)
        } else if t.contains("李伟：") || t.contains("各位同事") {
            (CHEN_JING, LI_WEI)
        } else if t.starts_with("Hi Li") || t.starts_with("Dear Li") || t.starts_with("李經理") {
            (ANNA, LI_WEI)
        } else {
            (LI_WEI, ANNA)
        };
        let photo =
            (i % 5 == 3).then(|| file("image/png", "canton_fair.png", attach::plain_png(i as u32)));
        let subj = match l {
            Lang::En => "Season's greetings",
            Lang::Hans => "春节放假通知",
            Lang::Hant => "節日問候",
        };
        party_mail(g, "smalltalk", l, from, to, subj, t, i, photo);
    }
}

const PROD: [(Lang, &str); 10] = [
    (Lang::En, "Dear Anna,\n\nWeekly update: cutting and deep drawing 100%, polishing 60%, handle riveting started today. Two photos of the polishing line attached. No issues this week."),
    (Lang::En, "Hi Zhao Lei,\n\nThe inspection report of lot 2 looks good. AQL 2.5 / 4.0, 1 major defect found in 200 samples is within limits. Please fix the scratch on the lid rim before packing."),
    (Lang::En, "Dear Erik,\n\nThe dishwasher test (EN 12875-1, 125 cycles) is finished: no corrosion, the laser logo is still readable. Test photos are attached and the full report is on Trello."),
    (Lang::Hans, "Anna您好，\n\n本周生产进度：拉伸完成100%，抛光60%，铆把今天开始。附上两张抛光线的照片，本周无异常。"),
    (Lang::Hans, "赵磊：\n\n第二批抽检200套，发现1个主要缺陷（锅盖边缘划伤），在AQL 2.5允收范围内，包装前请返修。"),
    (Lang::Hant, "Anna 您好：\n\n本週生產進度：拉伸100%，拋光60%，鉚把今天開始，附上照片兩張。"),
    (Lang::En, "Dear Li Wei,\n\nOur inspector from AsiaQC will be at your factory on 18 December at 9:00 for the pre-shipment inspection. Please have at least 80% of the goods packed."),
    (Lang::Hans, "李经理：\n\n玻璃盖补货已到，共420只，已全检合格入库，可以安排组装了。"),
    (Lang::Hant, "趙磊您好，第二批驗貨報告已收到，請在包裝前修正鍋蓋刮傷問題，謝謝。"),
    (Lang::En, "Dear Megan,\n\nProduction of the jars is 70% complete. The bamboo lids passed the moisture test (below 12%). Photos attached; we are on track for the 15 April shipment."),
];

/// QC, inspection results and production progress, some with photos.
pub fn production(g: &mut Gen) {
    for i in 0..17 {
        let (l, t) = PROD[i % PROD.len()];
        let (from, to) = if t.contains("Megan") {
            (XU_MING, MEGAN)
        } else if t.starts_with("Hi Zhao") {
            (ERIK, ZHAO_LEI)
        } else if t.contains("赵磊：") || t.contains("趙磊") {
            (CHEN_JING, ZHAO_LEI)
        } else if t.contains("李经理") {
            (ZHAO_LEI, LI_WEI)
        } else if t.contains("Dear Erik") {
            (ZHAO_LEI, ERIK)
        } else if t.contains("Dear Li Wei") {
            (ANNA, LI_WEI)
        } else {
            (LI_WEI, ANNA)
        };
        let photo = (i % 2 == 0).then(|| {
            file(
                "image/png",
                &format!("IMG_20261208_{i:04}.png"),
                attach::plain_png(i as u32 * 7),
            )
        });
        let subj = match l {
            Lang::En => "Production update NH-2026-0148",
            Lang::Hans => "生产进度 NH-2026-0148",
            Lang::Hant => "生產進度 NH-2026-0148",
        };
        party_mail(g, "production", l, from, to, subj, t, i, photo);
    }
}
