//! Load stage: the `payment` part of the deal profile — the structured payment method
//! (`payment.method`, parts of the price by T/T, L/C, D/P or D/A), recognition of the usual
//! free-text `payment.terms`, the beneficiary account and the call-back rule.

use super::text::Lang;
use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value as Yaml};

/// Payment terms and the fixed beneficiary account.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// Payment terms as written in the contract, such as `30% T/T deposit, 70% T/T against
    /// copy of B/L`; the usual forms are recognised when `method` is not given.
    #[serde(default)]
    pub terms: Option<String>,
    /// The parts of the price: how and when each is paid (wins over `terms`).
    #[serde(default)]
    pub method: Option<Vec<Part>>,
    /// Contract currency.
    pub currency: String,
    /// The seller's account: the only one payments go to.
    pub beneficiary: Beneficiary,
    /// How a payment instruction is verified.
    pub verification: Verification,
}

/// The seller's bank account.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Beneficiary {
    /// Account holder.
    pub account_name: String,
    /// Bank and branch.
    pub bank: String,
    /// Account number (quote it: it is text, not a number).
    pub account_number: String,
    /// SWIFT/BIC code.
    pub swift: String,
}

/// Call-back verification of payment instructions.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// The only number used to confirm a payment instruction.
    #[serde(default)]
    pub callback_phone: Option<String>,
    /// People who must approve a change of bank details, on each side.
    pub approvers: u32,
}

impl Verification {
    /// The call-back number, or "" when the profile has none (checks report that).
    pub fn callback(&self) -> &str {
        self.callback_phone.as_deref().unwrap_or_default()
    }
}

/// How one part of the price is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// Telegraphic (wire) transfer to the Designated Account.
    Tt,
    /// Irrevocable documentary letter of credit.
    Lc,
    /// Documents against payment (collection).
    Dp,
    /// Documents against acceptance (collection).
    Da,
}

impl By {
    /// The key used in `deal.yaml` and in the template data.
    pub fn key(self) -> &'static str {
        match self {
            By::Tt => "tt",
            By::Lc => "lc",
            By::Dp => "dp",
            By::Da => "da",
        }
    }
}

/// When a T/T part falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// On signing the contract (a deposit).
    Signing,
    /// Before the goods are shipped.
    BeforeShipment,
    /// Against a copy of the bill of lading.
    CopyBl,
    /// When the goods arrive at the port of destination.
    Arrival,
}

impl Due {
    /// The key used in `deal.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Due::Signing => "signing",
            Due::BeforeShipment => "before_shipment",
            Due::CopyBl => "copy_bl",
            Due::Arrival => "arrival",
        }
    }
}

/// One part of the price: its share, how and when it is paid.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Share of the price, in percent (the parts add up to 100).
    pub percent: u32,
    /// `tt`, `lc`, `dp` or `da`.
    pub by: By,
    /// T/T only: `signing`, `before_shipment`, `copy_bl` or `arrival`.
    #[serde(default)]
    pub due: Option<Due>,
    /// Days: after the T/T trigger, or after sight for L/C, D/P and D/A (0 = at sight).
    #[serde(default)]
    pub days: u32,
    /// L/C only: the bank that issues the credit.
    #[serde(default)]
    pub issuing_bank: Option<String>,
    /// L/C only: the bank that advises the credit to the seller (default: the seller's bank).
    #[serde(default)]
    pub advising_bank: Option<String>,
}

impl Payment {
    /// The parts of the price: `method` when given, else the recognised `terms`; `None` when
    /// the terms are free text dealguard does not recognise.
    pub fn plan(&self) -> Option<Vec<Part>> {
        match &self.method {
            Some(parts) => Some(parts.clone()),
            None => self.terms.as_deref().and_then(recognise),
        }
    }

    /// The terms in one line for forms: as written, else the structured parts in short.
    pub fn short(&self) -> String {
        if let Some(t) = self.terms.as_deref().filter(|t| !t.trim().is_empty()) {
            return format!("{t} ({})", self.currency);
        }
        let parts: Vec<String> = self.plan().unwrap_or_default().iter().map(short).collect();
        format!("{} ({})", parts.join(", "), self.currency)
    }

    /// Derived template data for one language: `plan` (each part with its `text`), `uses`
    /// (which methods the deal pays by, for `when`) and `structured`.
    pub fn template_fields(&self, lang: Lang) -> Mapping {
        let plan = self.plan();
        let parts = plan.clone().unwrap_or_default();
        let uses = |b: By| Yaml::Bool(parts.iter().any(|p| p.by == b));
        let mut used = Mapping::new();
        // Terms dealguard cannot read keep the wire-transfer clauses: the safe default.
        used.insert(
            key("tt"),
            Yaml::Bool(plan.is_none() || parts.iter().any(|p| p.by == By::Tt)),
        );
        used.insert(key("lc"), uses(By::Lc));
        used.insert(key("dp"), uses(By::Dp));
        used.insert(key("da"), uses(By::Da));
        let collection = parts.iter().any(|p| matches!(p.by, By::Dp | By::Da));
        used.insert(key("collection"), Yaml::Bool(collection));
        let n = parts.len();
        let items = parts
            .iter()
            .enumerate()
            .map(|(i, p)| self.part_data(p, lang, i, n))
            .collect();
        let mut m = Mapping::new();
        m.insert(key("plan"), Yaml::Sequence(items));
        m.insert(key("uses"), Yaml::Mapping(used));
        m.insert(key("structured"), Yaml::Bool(plan.is_some()));
        m
    }

    /// One part as template data; every key is present so that the example is a full schema.
    fn part_data(&self, p: &Part, lang: Lang, i: usize, n: usize) -> Yaml {
        let advising = p
            .advising_bank
            .clone()
            .unwrap_or_else(|| self.beneficiary.bank.clone());
        let mut m = Mapping::new();
        m.insert(key("percent"), Yaml::Number(p.percent.into()));
        m.insert(key("by"), key(p.by.key()));
        m.insert(key("due"), p.due.map_or(Yaml::Null, |d| key(d.key())));
        m.insert(key("days"), Yaml::Number(p.days.into()));
        m.insert(
            key("issuing_bank"),
            p.issuing_bank.clone().map_or(Yaml::Null, Yaml::String),
        );
        m.insert(key("advising_bank"), Yaml::String(advising));
        m.insert(key("mark"), Yaml::String(mark(lang, i)));
        m.insert(
            key("text"),
            Yaml::String(describe(p, lang, i, n, &self.beneficiary.bank)),
        );
        Yaml::Mapping(m)
    }
}

/// The list mark of the `i`-th part: `(a)` in English, `（一）` in Chinese.
fn mark(lang: Lang, i: usize) -> String {
    const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    match lang {
        Lang::En => format!("({})", char::from(b'a' + (i % 26) as u8)),
        Lang::Zh => format!("（{}）", ZH.get(i).copied().unwrap_or("十")),
    }
}

fn key(s: &str) -> Yaml {
    Yaml::String(s.to_string())
}

/// A part in short, as a buyer writes terms: `30% T/T on signing`, `100% L/C at sight`.
fn short(p: &Part) -> String {
    let by = match p.by {
        By::Tt => "T/T",
        By::Lc => "L/C",
        By::Dp => "D/P",
        By::Da => "D/A",
    };
    let when = match (p.by, p.due) {
        (By::Tt, Some(Due::Signing)) => " on signing".to_string(),
        (By::Tt, Some(Due::BeforeShipment)) => " before shipment".to_string(),
        (By::Tt, Some(Due::CopyBl)) => " against copy of B/L".to_string(),
        (By::Tt, Some(Due::Arrival)) => " on arrival".to_string(),
        (By::Tt, None) => String::new(),
        (_, _) if p.days == 0 => " at sight".to_string(),
        (_, _) => format!(" {} days", p.days),
    };
    format!("{}% {by}{when}", p.percent)
}

/// A part as one phrase of contract language: what share, by which instrument, when.
pub fn describe(p: &Part, lang: Lang, i: usize, n: usize, seller_bank: &str) -> String {
    let pct = p.percent;
    let d = p.days;
    // The first part due on signing is the deposit, the last of several parts the balance.
    let role = match (p.due, i, n) {
        (Some(Due::Signing), 0, 2..) => Some(("deposit", "定金")),
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
                    let issuer = p.issuing_bank.as_deref().map_or("a bank acceptable to the Seller".to_string(), str::to_string);
                    let adv = p.advising_bank.as_deref().unwrap_or(seller_bank);
                    format!("{head} by irrevocable documentary letter of credit (L/C) payable {}, issued by {issuer} and advised through {adv}", sight_en(d))
                }
                By::Dp => format!("{head} by documents against payment (D/P) {}, through the collecting bank", sight_en(d).replace("payable ", "")),
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
                    let issuer = p
                        .issuing_bank
                        .as_deref()
                        .map_or("卖方认可的银行".to_string(), str::to_string);
                    let adv = p.advising_bank.as_deref().unwrap_or(seller_bank);
                    format!("{head}以不可撤销跟单信用证（L/C）方式支付，{}，由{issuer}开立、经{adv}通知", sight_zh(d))
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

/// Reads the usual free-text terms (`100% L/C at sight`, `30% T/T deposit, 70% T/T against
/// copy of B/L`, `D/P at sight`, `D/A 60 days`); `None` unless every part is understood.
pub fn recognise(terms: &str) -> Option<Vec<Part>> {
    let segments: Vec<&str> = terms
        .split([',', ';', '+', '，', '；'])
        .flat_map(|s| s.split(" and "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() || segments.len() > 10 {
        return None;
    }
    let mut parts: Vec<Part> = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        let prev = parts.last().map(|p| p.by);
        parts.push(segment(seg, i, segments.len(), prev)?);
    }
    Some(parts)
}

/// One part of free-text terms; a part that names no method takes the previous part's.
fn segment(seg: &str, i: usize, n: usize, prev: Option<By>) -> Option<Part> {
    let low = seg.to_ascii_lowercase();
    let compact: String = low.chars().filter(|c| !c.is_whitespace()).collect();
    let percent = match percent_of(&compact) {
        Some(p) => p,
        None if n == 1 => 100,
        None => return None,
    };
    let has = |w: &[&str]| w.iter().any(|x| compact.contains(x));
    // Short codes only as whole words: `tt` is inside "letter" and "settlement".
    let words: Vec<&str> = low
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .collect();
    let word = |w: &[&str]| words.iter().any(|x| w.contains(x));
    let by = if word(&["l/c", "lc"]) || has(&["letterofcredit", "信用证"]) {
        By::Lc
    } else if word(&["d/p", "dp"]) || has(&["documentsagainstpayment", "付款交单"]) {
        By::Dp
    } else if word(&["d/a", "da"]) || has(&["documentsagainstacceptance", "承兑交单"]) {
        By::Da
    } else if word(&["t/t", "tt", "wire"]) || has(&["telegraphic", "电汇"]) {
        By::Tt
    } else {
        prev?
    };
    let days = days_of(&low);
    let due = match by {
        By::Tt => Some(tt_due(&compact, i)?),
        _ => None,
    };
    if by != By::Tt && days.is_none() && !has(&["sight", "即期"]) && by != By::Dp {
        return None;
    }
    Some(Part {
        percent,
        by,
        due,
        days: days.unwrap_or(0),
        issuing_bank: None,
        advising_bank: None,
    })
}

/// The number before the first `%`.
fn percent_of(compact: &str) -> Option<u32> {
    let at = compact.find('%')?;
    let digits: String = compact[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// The number before `days` / `天` / `日`, if any.
fn days_of(low: &str) -> Option<u32> {
    let at = ["days", "day", "天", "日"]
        .iter()
        .filter_map(|w| low.find(w))
        .min()?;
    let digits: String = low[..at]
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// When a T/T part falls due, from its words; a first deposit is due on signing.
fn tt_due(compact: &str, i: usize) -> Option<Due> {
    let has = |w: &[&str]| w.iter().any(|x| compact.contains(x));
    if has(&["b/l", "billoflading", "提单"]) {
        Some(Due::CopyBl)
    } else if has(&[
        "beforeshipment",
        "beforeloading",
        "priortoshipment",
        "装运前",
        "发货前",
    ]) {
        Some(Due::BeforeShipment)
    } else if has(&["arrival", "到港", "到货"]) {
        Some(Due::Arrival)
    } else if has(&["deposit", "advance", "signing", "order", "定金", "预付"]) && i == 0 {
        Some(Due::Signing)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(percent: u32, by: By, due: Option<Due>, days: u32) -> Part {
        Part {
            percent,
            by,
            due,
            days,
            issuing_bank: None,
            advising_bank: None,
        }
    }

    #[test]
    fn recognises_the_usual_forms() {
        assert_eq!(
            recognise("30% T/T deposit, 70% T/T against copy of B/L"),
            Some(vec![
                p(30, By::Tt, Some(Due::Signing), 0),
                p(70, By::Tt, Some(Due::CopyBl), 0)
            ])
        );
        assert_eq!(
            recognise("30% T/T deposit, 70% against copy of B/L"),
            recognise("30% T/T deposit, 70% T/T against copy of B/L")
        );
        assert_eq!(
            recognise("100% L/C at sight"),
            Some(vec![p(100, By::Lc, None, 0)])
        );
        assert_eq!(
            recognise("L/C 90 days"),
            Some(vec![p(100, By::Lc, None, 90)])
        );
        assert_eq!(
            recognise("D/P at sight"),
            Some(vec![p(100, By::Dp, None, 0)])
        );
        assert_eq!(
            recognise("D/A 60 days"),
            Some(vec![p(100, By::Da, None, 60)])
        );
        assert_eq!(
            recognise("30% TT in advance + 70% TT before shipment"),
            Some(vec![
                p(30, By::Tt, Some(Due::Signing), 0),
                p(70, By::Tt, Some(Due::BeforeShipment), 0)
            ])
        );
    }

    #[test]
    fn leaves_what_it_cannot_read() {
        assert_eq!(recognise("net 30 by cheque"), None);
        assert_eq!(recognise("30% T/T, 70% balance"), None);
        assert_eq!(recognise(""), None);
        assert_eq!(recognise("50% T/T deposit, the rest later"), None);
    }

    #[test]
    fn describes_deposit_and_balance_in_both_languages() {
        let parts = [
            p(30, By::Tt, Some(Due::Signing), 0),
            p(70, By::Tt, Some(Due::CopyBl), 0),
        ];
        let en: Vec<String> = (0..2)
            .map(|i| describe(&parts[i], Lang::En, i, 2, "BOC"))
            .collect();
        assert!(en[0].starts_with("30% of the price (deposit) by telegraphic transfer"));
        assert!(en[1].contains("(balance)") && en[1].ends_with("copy of the bill of lading"));
        let zh = describe(&parts[1], Lang::Zh, 1, 2, "BOC");
        assert_eq!(
            zh,
            "合同价款的70%（余款）凭提单副本以电汇（T/T）方式支付至指定收款账户"
        );
        let lc = describe(&p(100, By::Lc, None, 0), Lang::En, 0, 1, "BOC");
        assert!(lc.contains("payable at sight") && lc.contains("advised through BOC"));
    }
}
