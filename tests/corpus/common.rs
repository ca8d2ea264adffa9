//! Corpus helper: the people of the two deals, their signatures and disclaimers, quoted thread
//! history that gives mails their real size, and the assembly of a body into plain, HTML or
//! multipart/alternative in a charset chosen per language.

use super::build::{multi, text, Cs, Cte, Node};

/// The language a mail is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Hans,
    Hant,
}

/// The three languages, for loops that write a family in each.
pub const LANGS: [Lang; 3] = [Lang::En, Lang::Hans, Lang::Hant];

/// A tiny LCG: variation without a clock or the rand crate.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next value.
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// One element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }

    /// A value in `lo..hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() as usize) % (hi - lo).max(1)
    }
}

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

/// How a body is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fmt {
    Plain,
    Html,
    Alt,
}

/// A charset for a language, varied by `k`; windows-1252 only when the text fits it.
pub fn cs_for(l: Lang, k: usize, text: &str) -> Cs {
    let cs = match l {
        Lang::En => [Cs::Utf8, Cs::Win1252, Cs::Utf8][k % 3],
        Lang::Hans => [Cs::Gbk, Cs::Utf8, Cs::Gb18030, Cs::Gbk][k % 4],
        Lang::Hant => [Cs::Big5, Cs::Utf8, Cs::Big5][k % 3],
    };
    if cs == Cs::Utf8 || fits(cs, text) {
        cs
    } else {
        Cs::Utf8
    }
}

/// Whether `text` is encodable in `cs`.
pub fn fits(cs: Cs, text: &str) -> bool {
    let enc = match cs {
        Cs::Utf8 => return true,
        Cs::Gbk => encoding_rs::GBK,
        Cs::Gb18030 => encoding_rs::GB18030,
        Cs::Big5 => encoding_rs::BIG5,
        Cs::Jis => encoding_rs::ISO_2022_JP,
        Cs::Win1252 => encoding_rs::WINDOWS_1252,
    };
    !enc.encode(text).2
}

/// HTML escaping plus the entities mail editors write (`&nbsp;` after punctuation).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(": ", ":&nbsp;")
        .replace('"', "&quot;")
}

/// Plain text → the HTML a mail editor writes: one `<div>` or `<p>` per line, `<br>` for
/// empty lines, quoted history in a `<blockquote>`.
pub fn html_of(main: &str, quoted: &str, k: usize, cs: Cs) -> String {
    let mut h = format!("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={}\"><style>p{{margin:0}}</style></head>\n<body style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n", cs.label());
    for line in main.lines() {
        if line.trim().is_empty() {
            h.push_str("<div><br></div>\n");
        } else if k.is_multiple_of(2) {
            h.push_str(&format!("<div>{}</div>\n", esc(line)));
        } else {
            h.push_str(&format!(
                "<p class=\"MsoNormal\">{}<o:p></o:p></p>\n",
                esc(line)
            ));
        }
    }
    if !quoted.is_empty() {
        h.push_str("<blockquote style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex\">\n");
        for line in quoted.lines() {
            h.push_str(&esc(line.trim_start_matches("> ").trim_start_matches('>')));
            h.push_str("<br>\n");
        }
        h.push_str("</blockquote>\n");
    }
    h.push_str("</body></html>\n");
    h
}

/// A body: the new text (with signature) and the quoted history, laid out per `fmt`.
pub fn body(l: Lang, main: &str, quoted: &str, fmt: Fmt, k: usize) -> Node {
    let plain = if quoted.is_empty() {
        main.to_string()
    } else {
        format!("{main}\n{quoted}")
    };
    let cs = cs_for(l, k, &plain);
    let cte = [Cte::Bit8, Cte::B64, Cte::Qp, Cte::B64][k % 4];
    let cte = if cs == Cs::Win1252 && cte == Cte::B64 {
        Cte::Qp
    } else {
        cte
    };
    match fmt {
        Fmt::Plain => text("plain", plain, cs, cte),
        Fmt::Html => text("html", html_of(main, quoted, k, cs), cs, cte),
        Fmt::Alt => multi(
            "alternative",
            vec![
                text("plain", plain, cs, cte),
                text(
                    "html",
                    html_of(main, quoted, k, cs),
                    cs,
                    if cte == Cte::Bit8 { Cte::Qp } else { cte },
                ),
            ],
        ),
    }
}

/// The natural size of a mail's quoted history: most short or medium, some long.
pub fn natural(r: &mut Lcg) -> usize {
    match r.next() % 10 {
        0..=2 => 0,
        3..=7 => r.range(1_500, 9_000),
        _ => r.range(10_000, 16_000),
    }
}

/// Trace and authentication headers as the recipient's server writes them for a sender domain:
/// `auth` is `pass`, `none` or `fail`; `rcpt` is the receiving domain.
pub fn delivered(
    m: super::build::Mail,
    sender: &str,
    auth: &str,
    rcpt: &str,
    n: u64,
) -> super::build::Mail {
    let domain = sender
        .rsplit('@')
        .next()
        .unwrap_or(sender)
        .trim_end_matches('>');
    let res = match auth {
        "pass" => format!("mx.{rcpt}; dkim=pass (2048-bit key) header.d={domain} header.s=s1 header.b=Kx{n:x}; spf=pass (mx.{rcpt}: domain of {sender} designates 203.0.113.{} as permitted sender) smtp.mailfrom={domain}; dmarc=pass (p=QUARANTINE) header.from={domain}", n % 250),
        "fail" => format!("mx.{rcpt}; dkim=fail header.d={domain}; spf=softfail smtp.mailfrom={domain}; dmarc=fail (p=NONE) header.from={domain}"),
        _ => format!("mx.{rcpt}; dkim=none; spf=none smtp.mailfrom={domain}; dmarc=none header.from={domain}"),
    };
    m.trace("Authentication-Results", &res)
        .trace("Received", &format!("from mail.{domain} (mail.{domain} [203.0.113.{}])\r\n\tby mx.{rcpt} with ESMTPS id {n:x}; Tue, 8 Dec 2026 10:{:02}:00 +0800", n % 250, n % 60))
        .trace("Return-Path", &format!("<{sender}>"))
}

/// A valid IBAN for a country and BBAN (ISO 13616 check digits).
pub fn iban(country: &str, bban: &str) -> String {
    let moved = format!("{bban}{country}00");
    let mut rem: u32 = 0;
    for c in moved.chars() {
        let v = c.to_digit(36).unwrap_or(0);
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    let raw = format!("{country}{:02}{bban}", 98 - rem);
    raw.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
