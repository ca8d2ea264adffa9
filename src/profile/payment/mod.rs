//! Load stage: the `payment` part of the deal profile — the structured payment method
//! (`payment.method`, parts of the price by T/T, L/C, D/P or D/A), the beneficiary account,
//! the call-back rule and the derived template data (here); each part as contract language
//! (`words`); recognition of the usual free-text `payment.terms` (`recognise`).

mod recognise;
mod words;

pub use recognise::recognise;
use words::short;
pub use words::{describe, mark};

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
    /// The bank's name in Chinese, such as `中国银行宁波分行` (the Chinese text shows it).
    #[serde(default)]
    pub bank_local: Option<String>,
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
    /// L/C only: the bank that advises the credit to the seller (when not given, the contract
    /// says "the advising bank stated in the Contract": dealguard invents no bank).
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

    /// The terms in one line for forms, in `lang`: as written (free text is not translated),
    /// else the structured parts in short.
    pub fn short(&self, lang: Lang) -> String {
        if let Some(t) = self.terms.as_deref().filter(|t| !t.trim().is_empty()) {
            return format!("{t} ({})", self.currency);
        }
        let parts: Vec<String> = (self.plan().unwrap_or_default().iter())
            .map(|p| short(p, lang))
            .collect();
        let sep = match lang {
            Lang::En => ", ",
            Lang::Zh => "，",
        };
        format!("{} ({})", parts.join(sep), self.currency)
    }

    /// Derived template data for one language: `plan` (each part with its `text`), `uses`
    /// (which methods the deal pays by, for `when`), `structured`, and `lc`: the issuing and
    /// advising banks of the first L/C part, each null when the profile does not name it.
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
        let lc = parts.iter().find(|p| p.by == By::Lc);
        let bank = |b: Option<&Option<String>>| {
            b.and_then(|b| b.clone())
                .filter(|b| !b.trim().is_empty())
                .map_or(Yaml::Null, Yaml::String)
        };
        let mut banks = Mapping::new();
        banks.insert(key("issuing_bank"), bank(lc.map(|p| &p.issuing_bank)));
        banks.insert(key("advising_bank"), bank(lc.map(|p| &p.advising_bank)));
        m.insert(key("lc"), Yaml::Mapping(banks));
        m.insert(
            key("display_currency"),
            key(&currency_name(&self.currency, lang)),
        );
        m
    }

    /// One part as template data; every key is present so that the example is a full schema.
    fn part_data(&self, p: &Part, lang: Lang, i: usize, n: usize) -> Yaml {
        let mut m = Mapping::new();
        m.insert(key("percent"), Yaml::Number(p.percent.into()));
        m.insert(key("by"), key(p.by.key()));
        m.insert(key("due"), p.due.map_or(Yaml::Null, |d| key(d.key())));
        m.insert(key("days"), Yaml::Number(p.days.into()));
        m.insert(
            key("issuing_bank"),
            p.issuing_bank.clone().map_or(Yaml::Null, Yaml::String),
        );
        m.insert(
            key("advising_bank"),
            p.advising_bank.clone().map_or(Yaml::Null, Yaml::String),
        );
        m.insert(key("mark"), Yaml::String(mark(lang, i)));
        m.insert(key("text"), Yaml::String(describe(p, lang, i, n)));
        Yaml::Mapping(m)
    }
}

/// The currency as a text in `lang` names it: the ISO code in English, the Chinese name with
/// the code in Chinese (`美元（USD）`); a code without a common Chinese name stays as it is.
pub fn currency_name(code: &str, lang: Lang) -> String {
    const ZH: [(&str, &str); 14] = [
        ("USD", "美元"),
        ("EUR", "欧元"),
        ("CNY", "人民币"),
        ("RMB", "人民币"),
        ("GBP", "英镑"),
        ("JPY", "日元"),
        ("HKD", "港元"),
        ("AUD", "澳大利亚元"),
        ("CAD", "加拿大元"),
        ("CHF", "瑞士法郎"),
        ("SEK", "瑞典克朗"),
        ("NOK", "挪威克朗"),
        ("DKK", "丹麦克朗"),
        ("SGD", "新加坡元"),
    ];
    let upper = code.trim().to_ascii_uppercase();
    match (lang, ZH.iter().find(|(c, _)| *c == upper)) {
        (Lang::Zh, Some((c, name))) => format!("{name}（{c}）"),
        _ => code.to_string(),
    }
}

fn key(s: &str) -> Yaml {
    Yaml::String(s.to_string())
}

#[cfg(test)]
mod tests;
