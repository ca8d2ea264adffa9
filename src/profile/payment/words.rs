//! Load stage: a part of the price as one phrase of contract language, in English and
//! Chinese, and in short for forms.

use super::{By, Due, Part};
use crate::profile::text::Lang;

/// The list mark of the `i`-th part: `(a)` in English, `（一）` in Chinese.
pub fn mark(lang: Lang, i: usize) -> String {
    const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match lang {
        Lang::En => format!("({})", char::from(b'a' + (i % 26) as u8)),
        Lang::Zh => format!("（{}）", ZH.get(i).copied().unwrap_or("十")),
    }
}

/// A part in short, as a buyer writes terms: `30% T/T on signing`, `100% L/C at sight`; in
/// Chinese `30% T/T 签约时`, `100% L/C 即期` (the instruments keep the abbreviations both
/// sides of a trade use).
pub(super) fn short(p: &Part, lang: Lang) -> String {
    let by = match p.by {
        By::Tt => "T/T",
        By::Lc => "L/C",
        By::Dp => "D/P",
        By::Da => "D/A",
    };
    let when = match (lang, p.by, p.due) {
        (Lang::En, By::Tt, Some(Due::Signing)) => " on signing".to_string(),
        (Lang::En, By::Tt, Some(Due::BeforeShipment)) => " before shipment".to_string(),
        (Lang::En, By::Tt, Some(Due::CopyBl)) => " against copy of B/L".to_string(),
        (Lang::En, By::Tt, Some(Due::Arrival)) => " on arrival".to_string(),
        (Lang::Zh, By::Tt, Some(Due::Signing)) => " 签约时".to_string(),
        (Lang::Zh, By::Tt, Some(Due::BeforeShipment)) => " 发货前".to_string(),
        (Lang::Zh, By::Tt, Some(Due::CopyBl)) => " 凭提单副本".to_string(),
        (Lang::Zh, By::Tt, Some(Due::Arrival)) => " 货到时".to_string(),
        (_, By::Tt, None) => String::new(),
        (Lang::En, _, _) if p.days == 0 => " at sight".to_string(),
        (Lang::Zh, _, _) if p.days == 0 => " 即期".to_string(),
        (Lang::En, _, _) => format!(" {} days", p.days),
        (Lang::Zh, _, _) => format!(" {}天", p.days),
    };
    format!("{}% {by}{when}", p.percent)
}

/// A part as one phrase of contract language: what share, by which instrument, when. An L/C
/// names its issuing and advising banks only when the profile gives them: nothing is invented.
pub fn describe(p: &Part, lang: Lang, i: usize, n: usize) -> String {
    let pct = p.percent;
    let d = p.days;
    // The first part due on signing is the advance payment (预付款: not 定金, a deposit with
    // the double-return penalty of Civil Code art. 587), the last of several parts the balance.
    let role = match (p.due, i, n) {
        (Some(Due::Signing), 0, 2..) => Some(("deposit", "预付款")),
        (_, i, 2..) if i + 1 == n => Some(("balance", "余款")),
        _ => None,
    };
    match lang {
        Lang::En => {
            let head = match role {
                Some((r, _)) => format!("{pct}% of the price ({r})"),
                None => format!("{pct}% of the price"),
            };
            match p.by {
                By::Tt => format!("{head} by telegraphic transfer (T/T) to the Designated Account {}", tt_when_en(p.due, d)),
                By::Lc => {
                    let banks = match (p.issuing_bank.as_deref(), p.advising_bank.as_deref()) {
                        (Some(i), Some(a)) => format!(", issued by {i} and advised through {a}"),
                        (Some(i), None) => format!(", issued by {i}"),
                        (None, Some(a)) => format!(", advised through {a}"),
                        (None, None) => String::new(),
                    };
                    format!("{head} by irrevocable documentary letter of credit (L/C) subject to UCP 600, payable {}{banks}", sight_en(d))
                }
                By::Dp => format!("{head} by documents against payment (D/P) {}, through the collecting bank", sight_en(d)),
                By::Da => format!("{head} by documents against acceptance (D/A), payable {}, through the collecting bank", sight_en(d)),
            }
        }
        Lang::Zh => {
            let head = match role {
                Some((_, r)) => format!("合同价款的{pct}%（{r}）"),
                None => format!("合同价款的{pct}%"),
            };
            match p.by {
                By::Tt => format!(
                    "{head}{}以电汇（T/T）方式支付至指定收款账户",
                    tt_when_zh(p.due, d)
                ),
                By::Lc => {
                    let banks = match (p.issuing_bank.as_deref(), p.advising_bank.as_deref()) {
                        (Some(i), Some(a)) => format!("，由{i}开立、经{a}通知"),
                        (Some(i), None) => format!("，由{i}开立"),
                        (None, Some(a)) => format!("，经{a}通知"),
                        (None, None) => String::new(),
                    };
                    format!(
                        "{head}以适用UCP 600的不可撤销跟单信用证（L/C）方式支付，{}{banks}",
                        sight_zh(d)
                    )
                }
                By::Dp => format!("{head}以付款交单（D/P）方式经代收行支付，{}", sight_zh(d)),
                By::Da => format!("{head}以承兑交单（D/A）方式经代收行支付，{}", sight_zh(d)),
            }
        }
    }
}

fn sight_en(days: u32) -> String {
    match days {
        0 => "at sight".to_string(),
        n => format!("{n} days after sight"),
    }
}

fn sight_zh(days: u32) -> String {
    match days {
        0 => "即期付款".to_string(),
        n => format!("见票后{n}日付款"),
    }
}

fn tt_when_en(due: Option<Due>, d: u32) -> String {
    match (due, d) {
        (Some(Due::Signing), 0) => "on signing of the Contract".to_string(),
        (Some(Due::Signing), n) => format!("within {n} days after signing of the Contract"),
        (Some(Due::BeforeShipment), 0) => "before shipment".to_string(),
        (Some(Due::BeforeShipment), n) => format!("no later than {n} days before shipment"),
        (Some(Due::CopyBl), 0) => "against a copy of the bill of lading".to_string(),
        (Some(Due::CopyBl), n) => {
            format!("within {n} days after receipt of a copy of the bill of lading")
        }
        (Some(Due::Arrival), 0) => "on arrival of the goods at the port of destination".to_string(),
        (Some(Due::Arrival), n) => {
            format!("within {n} days after arrival of the goods at the port of destination")
        }
        (None, _) => "as agreed in the Contract".to_string(),
    }
}

fn tt_when_zh(due: Option<Due>, d: u32) -> String {
    match (due, d) {
        (Some(Due::Signing), 0) => "于本合同签订时".to_string(),
        (Some(Due::Signing), n) => format!("于本合同签订后{n}日内"),
        (Some(Due::BeforeShipment), 0) => "于装运前".to_string(),
        (Some(Due::BeforeShipment), n) => format!("不迟于装运前{n}日"),
        (Some(Due::CopyBl), 0) => "凭提单副本".to_string(),
        (Some(Due::CopyBl), n) => format!("于收到提单副本后{n}日内"),
        (Some(Due::Arrival), 0) => "于货物到达目的港时".to_string(),
        (Some(Due::Arrival), n) => format!("于货物到达目的港后{n}日内"),
        (None, _) => "按照本合同约定的时间".to_string(),
    }
}
