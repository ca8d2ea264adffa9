//! Corpus helper: the people of the two deals, their signatures and confidentiality footers,
//! and the quoted history of an ordinary deal thread that gives mails their real size.

use super::common::Lang;

/// A person: display name in each script and an address.
#[derive(Clone, Copy)]
pub struct Who {
    pub en: &'static str,
    pub hans: &'static str,
    pub hant: &'static str,
    pub title: &'static str,
    pub addr: &'static str,
}

impl Who {
    /// The name in a language.
    pub fn name(&self, l: Lang) -> &'static str {
        match l {
            Lang::En => self.en,
            Lang::Hans => self.hans,
            Lang::Hant => self.hant,
        }
    }
}

pub const LI_WEI: Who = Who {
    en: "Li Wei",
    hans: "李伟",
    hant: "李偉",
    title: "Sales Manager",
    addr: "li.wei@hengli-kitchen.com",
};
pub const CHEN_JING: Who = Who {
    en: "Chen Jing",
    hans: "陈静",
    hant: "陳靜",
    title: "Merchandiser",
    addr: "chen.jing@hengli-kitchen.com",
};
pub const ZHAO_LEI: Who = Who {
    en: "Zhao Lei",
    hans: "赵磊",
    hant: "趙磊",
    title: "QC Supervisor",
    addr: "zhao.lei@hengli-kitchen.com",
};
pub const WANG_FANG: Who = Who {
    en: "Wang Fang",
    hans: "王芳",
    hant: "王芳",
    title: "Finance Manager",
    addr: "wang.fang@hengli-kitchen.com",
};
pub const ANNA: Who = Who {
    en: "Anna Lindqvist",
    hans: "Anna Lindqvist",
    hant: "Anna Lindqvist",
    title: "Purchasing Manager",
    addr: "anna.lindqvist@nordichome.se",
};
pub const ERIK: Who = Who {
    en: "Erik Sundberg",
    hans: "Erik Sundberg",
    hant: "Erik Sundberg",
    title: "Quality Manager",
    addr: "erik.sundberg@nordichome.se",
};
pub const XU_MING: Who = Who {
    en: "Xu Ming",
    hans: "徐明",
    hant: "徐明",
    title: "General Manager",
    addr: "xu.ming@qingshan-home.com",
};
pub const HE_LI: Who = Who {
    en: "He Li",
    hans: "何丽",
    hant: "何麗",
    title: "Finance",
    addr: "he.li@qingshan-home.com",
};
pub const MEGAN: Who = Who {
    en: "Megan Walsh",
    hans: "Megan Walsh",
    hant: "Megan Walsh",
    title: "Purchasing",
    addr: "megan.walsh@harborkitchen.com",
};

/// The seller staff of the example deal.
pub const SELLER: [Who; 4] = [LI_WEI, CHEN_JING, ZHAO_LEI, WANG_FANG];

/// The seller's company name in a language.
pub fn seller_co(l: Lang) -> &'static str {
    match l {
        Lang::En => "Ningbo Hengli Kitchenware Co., Ltd.",
        Lang::Hans => "宁波恒力厨具有限公司",
        Lang::Hant => "寧波恆力廚具有限公司",
    }
}

/// A signature block for a seller person (example or L/C deal by the address).
pub fn sig(w: &Who, l: Lang) -> String {
    let lc = w.addr.ends_with("qingshan-home.com");
    let buyer = w.addr.ends_with("nordichome.se") || w.addr.ends_with("harborkitchen.com");
    if buyer {
        return if lc {
            format!("Best,\n{}\n{} | Harbor Kitchen Supply LLC\n200 Summer Street, Boston, MA 02210\nT +1 617 555 0142", w.en, w.title)
        } else {
            format!("Kind regards / Vänliga hälsningar\n{}\n{}, Nordic Home AB\nStora Nygatan 12, 111 27 Stockholm, Sweden\nMobile +46 70 555 12 34 · www.nordichome.se", w.en, w.title)
        };
    }
    let (co_en, co_hans, co_hant, tel, web) = if lc {
        (
            "Yiwu Qingshan Housewares Co., Ltd.",
            "义乌青山家居用品有限公司",
            "義烏青山家居用品有限公司",
            "+86 579 8555 6000",
            "www.qingshan-home.com",
        )
    } else {
        (
            "Ningbo Hengli Kitchenware Co., Ltd.",
            "宁波恒力厨具有限公司",
            "寧波恆力廚具有限公司",
            "+86 574 8888 1234",
            "www.hengli-kitchen.com",
        )
    };
    match l {
        Lang::En => format!(
            "Best regards,\n{}\n{}\n{co_en}\nTel: {tel}\nWeb: {web}",
            w.en, w.title
        ),
        Lang::Hans => format!("祝好！\n{}\n{co_hans}\n电话：{tel}\n网址：{web}", w.hans),
        Lang::Hant => format!("順頌商祺\n{}\n{co_hant}\n電話：{tel}\n網址：{web}", w.hant),
    }
}

/// A company's confidentiality footer.
pub fn disclaimer(l: Lang, k: usize) -> &'static str {
    match (l, k % 3) {
        (Lang::En, 0) => "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. If you have received it in error, please notify the sender and delete it. Any unauthorised use, disclosure or copying is prohibited.",
        (Lang::En, 1) => "This message may contain privileged information. Please consider the environment before printing this e-mail.",
        (Lang::En, _) => "Nordic Home AB, org.nr 556677-8899. Information about how we process personal data: www.nordichome.se/privacy",
        (Lang::Hans, 0) => "本邮件及其附件含有保密信息，仅限于发送给上述收件人。如果您错收了本邮件，请立即电话或邮件通知发件人并删除本邮件。",
        (Lang::Hans, _) => "【温馨提示】本邮件内容仅供收件人参考，未经许可请勿转发。",
        (Lang::Hant, _) => "本電子郵件及附件所載資料屬機密，僅供指定收件人使用。如您誤收本郵件，請通知寄件人並刪除。",
    }
}

/// Earlier mails of an ordinary deal thread, newest first, as `(from, subject, text)`.
const HISTORY_EN: [(&str, &str); 8] = [
    ("Anna Lindqvist <anna.lindqvist@nordichome.se>", "Thank you for the weekly report. The polishing of lot 2 looks good. Could you send close-up photos of the handle rivets and the carton marks before packing starts?"),
    ("Li Wei <li.wei@hengli-kitchen.com>", "Dear Anna,\nPlease find attached the report for week 49. Cutting and deep drawing are 85% done, polishing started on Monday. We expect the inspection of lot 2 on 18 December."),
    ("Anna Lindqvist <anna.lindqvist@nordichome.se>", "Hi Li Wei,\nWe confirm the carton marks as per your drawing v3. Please use the Swedish warning label on the inner box as well. Erik will join the inspection call on Thursday."),
    ("Chen Jing <chen.jing@hengli-kitchen.com>", "Dear Anna,\nThe lids from our glass supplier arrived yesterday, 12,400 pcs. We found 0.6% with bubbles and returned them. The replacement is promised for next Tuesday."),
    ("Erik Sundberg <erik.sundberg@nordichome.se>", "Hello Zhao Lei,\nThanks for the inspection plan. Please add the dishwasher test (EN 12875-1, 125 cycles) for two sets from each lot and send the results with the weekly report."),
    ("Li Wei <li.wei@hengli-kitchen.com>", "Dear Anna,\nAs discussed, the proforma invoice PI-NH0148 is attached. Payment terms as in the contract: 30% deposit by T/T, 70% against copy of B/L, to our account on file."),
    ("Anna Lindqvist <anna.lindqvist@nordichome.se>", "Dear Li Wei,\nGood news, the PO NH-2026-0148 is signed, please see the attachment. We look forward to a smooth production. Please share the production schedule when ready."),
    ("Zhao Lei <zhao.lei@hengli-kitchen.com>", "Dear Erik,\nThe first article of the 24 cm frying pan passed the thickness check (0.8 mm ±0.05). Photos of the base and the laser logo are on Trello."),
];

const HISTORY_ZH: [(&str, &str); 6] = [
    ("李伟 <li.wei@hengli-kitchen.com>", "Anna您好，\n第49周的生产报告见附件。拉伸工序已完成85%，抛光周一开始，第二批预计12月18日验货。"),
    ("陈静 <chen.jing@hengli-kitchen.com>", "李经理：\n玻璃盖已到货12400只，气泡不良约0.6%，已退回供应商，补货预计下周二到。"),
    ("赵磊 <zhao.lei@hengli-kitchen.com>", "各位好，\n24厘米煎锅首件厚度检测合格（0.8毫米±0.05），底部和激光标志的照片已上传到Trello。"),
    ("李伟 <li.wei@hengli-kitchen.com>", "陈静：\n客户确认了外箱唛头第三版，内盒也要贴瑞典语警示标签，请通知包装车间。"),
    ("王芳 <wang.fang@hengli-kitchen.com>", "李伟：\n客户的30%定金已于上周到账，已在系统里登记，请安排生产。"),
    ("陈静 <chen.jing@hengli-kitchen.com>", "李经理：\n下周三海关查验样品，报关资料我已经准备好了，请您确认装箱单。"),
];

/// Quoted history until the text is about `target` bytes long (0: none), in the mail client's
/// style for the language.
pub fn history(l: Lang, target: usize, seed: usize) -> String {
    let mut out = String::new();
    let mut i = seed;
    while out.len() < target {
        let day = 30 - (i % 25);
        let block = match l {
            Lang::En => {
                let (from, body) = HISTORY_EN[i % HISTORY_EN.len()];
                let q: String = body.lines().map(|x| format!("> {x}\n")).collect();
                if i.is_multiple_of(2) {
                    format!(
                        "\nOn Mon, {day} Nov 2026 at 10:{:02}, {from} wrote:\n{q}>\n> {}\n",
                        i % 60,
                        disclaimer(Lang::En, i)
                    )
                } else {
                    format!("\n-----Original Message-----\nFrom: {from}\nSent: {day} November 2026 09:14\nSubject: RE: NH-2026-0148 cookware sets\n\n{body}\n\n{}\n", disclaimer(Lang::En, i))
                }
            }
            Lang::Hans | Lang::Hant => {
                let (from, body) = HISTORY_ZH[i % HISTORY_ZH.len()];
                let (h, f, t, s) = if l == Lang::Hans {
                    ("原始邮件", "发件人", "发送时间", "主题")
                } else {
                    ("原始郵件", "寄件者", "寄件日期", "主旨")
                };
                let (from, body) = if l == Lang::Hant {
                    (to_hant(from), to_hant(body))
                } else {
                    (from.to_string(), body.to_string())
                };
                format!("\n------------------ {h} ------------------\n{f}: {from}\n{t}: 2026年11月{day}日 10:{:02}\n{s}: 回复：NH-2026-0148\n\n{body}\n", i % 60)
            }
        };
        out.push_str(&block);
        i += 1;
    }
    out
}

/// Simplified → traditional for the characters of this corpus's history texts.
pub fn to_hant(s: &str) -> String {
    const MAP: &[(char, char)] = &[
        ('验', '驗'),
        ('内', '內'),
        ('签', '簽'),
        ('开', '開'),
        ('贴', '貼'),
        ('传', '傳'),
        ('抛', '拋'),
        ('伟', '偉'),
        ('陈', '陳'),
        ('静', '靜'),
        ('赵', '趙'),
        ('产', '產'),
        ('报', '報'),
        ('见', '見'),
        ('伸', '伸'),
        ('预', '預'),
        ('计', '計'),
        ('货', '貨'),
        ('盖', '蓋'),
        ('约', '約'),
        ('应', '應'),
        ('补', '補'),
        ('厘', '釐'),
        ('锅', '鍋'),
        ('检', '檢'),
        ('测', '測'),
        ('毫', '毫'),
        ('标', '標'),
        ('志', '誌'),
        ('经', '經'),
        ('户', '戶'),
        ('认', '認'),
        ('箱', '箱'),
        ('唛', '嘜'),
        ('语', '語'),
        ('请', '請'),
        ('通', '通'),
        ('车', '車'),
        ('间', '間'),
        ('账', '帳'),
        ('记', '記'),
        ('统', '統'),
        ('里', '裡'),
        ('关', '關'),
        ('样', '樣'),
        ('资', '資'),
        ('单', '單'),
        ('们', '們'),
        ('发', '發'),
        ('时', '時'),
        ('题', '題'),
        ('复', '覆'),
        ('邮', '郵'),
        ('贵', '貴'),
        ('这', '這'),
        ('为', '為'),
        ('务', '務'),
        ('银', '銀'),
        ('汇', '匯'),
        ('款', '款'),
        ('项', '項'),
        ('谢', '謝'),
        ('个', '個'),
        ('续', '續'),
        ('运', '運'),
    ];
    s.chars()
        .map(|c| {
            MAP.iter()
                .find(|(a, _)| *a == c)
                .map(|(_, b)| *b)
                .unwrap_or(c)
        })
        .collect()
}
