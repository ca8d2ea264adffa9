//! Load stage: the deal profile (`deal.yaml`) as typed data.

pub use super::payment::{Beneficiary, Payment, Verification};
use super::text::{Date, Lang, Text};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::path::PathBuf;

/// Everything dealguard knows about one export order.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The order itself.
    pub deal: Deal,
    /// The exporter.
    pub seller: Party,
    /// The foreign buyer.
    pub buyer: Party,
    /// Payment terms and the account payments go to.
    pub payment: Payment,
    /// How the two sides communicate.
    pub channels: Channels,
    /// Security numbers and the clause set.
    pub security: Security,
    /// The production stages the weekly reports track.
    #[serde(default)]
    pub production: Production,
    /// How documents are produced.
    #[serde(default)]
    pub output: OutputSettings,
}

/// How documents are produced.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSettings {
    /// A TrueType/OpenType font for the PDFs (relative to `deal.yaml`; `PATH#INDEX` or
    /// `PATH#FAMILY` picks a face of a collection); the built-in fonts cover what it lacks.
    #[serde(default)]
    pub font: Option<PathBuf>,
    /// The bold of `font` (relative to `deal.yaml`); by default a `*-Bold` file beside it, else
    /// `font` drawn stroked.
    #[serde(default)]
    pub font_bold: Option<PathBuf>,
    /// Folders of the company's own templates (relative to `deal.yaml`); later ones win.
    #[serde(default)]
    pub template_dirs: Vec<PathBuf>,
    /// Formats `build` writes for each document.
    #[serde(default)]
    pub formats: Formats,
    /// Show the report's material suppliers as "Supplier A", "Supplier B"… (the buyer cannot
    /// go around the seller to them).
    #[serde(default)]
    pub hide_suppliers: bool,
}

/// Formats `build` writes for each document.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    /// Contract schedule: `md`, `html`, `pdf`.
    #[serde(default = "default_contract_formats")]
    pub contract: Vec<Format>,
    /// Welcome letter: `md`, `txt`, `html`, `eml`, `pdf`.
    #[serde(default = "default_letter_formats")]
    pub letter: Vec<Format>,
    /// Reply to a credential request: `md`, `txt`, `html`.
    #[serde(default = "default_reply_formats")]
    pub reply: Vec<Format>,
    /// Staff briefing: `md`, `pdf` (`[]` builds none).
    #[serde(default = "default_briefing_formats")]
    pub briefing: Vec<Format>,
    /// Call-back record: `pdf` (`[]` builds none).
    #[serde(default = "default_callback_formats")]
    pub callback_form: Vec<Format>,
    /// Weekly report: `pdf`, `eml` (the mail to the buyer with the PDF attached).
    #[serde(default = "default_report_formats")]
    pub report: Vec<Format>,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            contract: default_contract_formats(),
            letter: default_letter_formats(),
            reply: default_reply_formats(),
            briefing: default_briefing_formats(),
            callback_form: default_callback_formats(),
            report: default_report_formats(),
        }
    }
}

/// A document format, as `output.formats` names it (the command line has one enum per command).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
    /// A standalone HTML page.
    Html,
    /// An e-mail message (RFC 5322, multipart text + HTML).
    Eml,
    /// PDF.
    Pdf,
}

impl Format {
    /// File extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Eml => "eml",
            Format::Pdf => "pdf",
        }
    }

    /// Whether the format is text (may go to standard output).
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Pdf)
    }
}

/// The formats of the contract schedule.
pub const CONTRACT_FORMATS: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];
/// Formats of the welcome letter.
pub const LETTER_FORMATS: [Format; 5] = [
    Format::Md,
    Format::Txt,
    Format::Html,
    Format::Eml,
    Format::Pdf,
];
/// Formats of the reply.
pub const REPLY_FORMATS: [Format; 3] = [Format::Md, Format::Txt, Format::Html];
/// Formats of the staff briefing.
pub const BRIEFING_FORMATS: [Format; 2] = [Format::Md, Format::Pdf];
/// Formats of the call-back record.
pub const CALLBACK_FORMATS: [Format; 1] = [Format::Pdf];
/// Formats of the weekly report.
pub const REPORT_FORMATS: [Format; 2] = [Format::Pdf, Format::Eml];

fn default_contract_formats() -> Vec<Format> {
    vec![Format::Md, Format::Pdf]
}

fn default_letter_formats() -> Vec<Format> {
    vec![Format::Md, Format::Pdf, Format::Eml]
}

fn default_reply_formats() -> Vec<Format> {
    vec![Format::Md, Format::Txt]
}

fn default_briefing_formats() -> Vec<Format> {
    BRIEFING_FORMATS.to_vec()
}

fn default_callback_formats() -> Vec<Format> {
    CALLBACK_FORMATS.to_vec()
}

fn default_report_formats() -> Vec<Format> {
    vec![Format::Pdf]
}

/// The order: number, goods, dates, languages.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Deal {
    /// Contract / purchase-order number.
    pub id: String,
    /// What is sold, per language.
    pub title: Text,
    /// Date the contract was signed.
    pub signed: Date,
    /// Latest shipment date.
    pub ship_by: Date,
    /// Incoterm and place, such as `FOB Ningbo`.
    #[serde(default)]
    pub incoterm: Option<String>,
    /// Output languages, in order.
    pub languages: Vec<Lang>,
    /// Which text prevails when a bilingual document's two texts differ.
    pub governing_language: Lang,
}

/// A company: seller or buyer.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Registered name (Latin script).
    pub name: String,
    /// Name in Chinese, when the company has one.
    #[serde(default)]
    pub name_local: Option<String>,
    /// Registered address.
    pub address: String,
    /// The address in Chinese, when the party has one (the Chinese text shows it).
    #[serde(default)]
    pub address_local: Option<String>,
    /// ISO 3166 two-letter country code.
    pub country: String,
    /// The only domains official mail comes from.
    pub email_domains: Vec<String>,
    /// Switchboard number on file.
    pub phone: String,
    /// Named people who act for the party.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Where security incidents are reported (ISO/IEC 27002 5.20 asks for one on each side).
    #[serde(default)]
    pub security_contact: Option<String>,
    /// The person who signs the contract for the party (the "Authorised Signatory").
    #[serde(default)]
    pub signatory: Option<Signatory>,
    /// Whether the party seals with a company chop; by default only parties in China do.
    #[serde(default)]
    pub chop: Option<bool>,
}

/// The person who signs for a party.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name in Latin script.
    pub name: String,
    /// Name in Chinese characters.
    #[serde(default)]
    pub name_local: Option<String>,
    /// Position, such as `General Manager`.
    pub title: String,
    /// Position in Chinese.
    #[serde(default)]
    pub title_local: Option<String>,
}

impl Signatory {
    /// The signatory's name for readers of `lang`.
    pub fn display_name(&self, lang: Lang) -> &str {
        local_or(lang, &self.name, &self.name_local)
    }

    /// The signatory's title for readers of `lang`.
    pub fn display_title(&self, lang: Lang) -> &str {
        local_or(lang, &self.title, &self.title_local)
    }
}

/// The Chinese form for Chinese readers when there is one, else the Latin form.
fn local_or<'a>(lang: Lang, latin: &'a str, local: &'a Option<String>) -> &'a str {
    match (lang, local) {
        (Lang::Zh, Some(l)) if !l.trim().is_empty() => l,
        _ => latin,
    }
}

impl Party {
    /// The party's name for readers of `lang`.
    pub fn display_name(&self, lang: Lang) -> &str {
        local_or(lang, &self.name, &self.name_local)
    }

    /// The party's address for readers of `lang`.
    pub fn display_address(&self, lang: Lang) -> &str {
        local_or(lang, &self.address, &self.address_local)
    }

    /// Whether the party seals documents with a company chop (`chop`, else: based in China).
    pub fn uses_chop(&self) -> bool {
        self.chop
            .unwrap_or_else(|| self.country.eq_ignore_ascii_case("CN"))
    }
}

/// A named person at one of the parties.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name in Latin script.
    pub name: String,
    /// Name in Chinese characters.
    #[serde(default)]
    pub name_local: Option<String>,
    /// What the person does for this deal.
    pub role: Role,
    /// Official e-mail address.
    pub email: String,
    /// Direct phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// How letters greet the person (`Ms Lindqvist`, `Anna`, or per language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<Text>,
}

impl Contact {
    /// The name after "Dear": the `salutation` when given; else the full name in the formal
    /// tone, and in the warm tone the given name — the first word of a Latin name, but the
    /// full name of a Chinese one, even in Latin letters (the given name alone is too familiar).
    pub fn greeting(&self, lang: Lang, warm: bool) -> String {
        if let Some(s) = &self.salutation {
            let s = s.get_or_any(lang).trim();
            if !s.is_empty() {
                return s.to_string();
            }
        }
        let name = self.display_name(lang).trim();
        // A Chinese name written in Latin letters puts the family name first: keep it whole.
        let cjk = |s: &str| s.chars().any(|c| c as u32 >= 0x2E80);
        let latin = !cjk(name) && !self.name_local.as_deref().is_some_and(cjk);
        match name.split_whitespace().next() {
            Some(first) if warm && latin => first.to_string(),
            _ => name.to_string(),
        }
    }

    /// The person's name for readers of `lang`.
    pub fn display_name(&self, lang: Lang) -> &str {
        match (lang, &self.name_local) {
            (Lang::Zh, Some(local)) if !local.trim().is_empty() => local,
            _ => &self.name,
        }
    }
}

/// A contact's role: one of the known roles, or free text per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A role dealguard knows how to name in every language (`sales`, `qc`, …).
    Known(String),
    /// A role the profile names itself.
    Custom(Text),
}

/// The roles dealguard can name in English and Chinese.
pub const KNOWN_ROLES: [(&str, &str, &str); 12] = [
    ("sales", "Sales", "销售"),
    ("merchandiser", "Merchandiser", "跟单"),
    ("qc", "Quality control", "质检"),
    ("quality", "Quality", "质量"),
    ("finance", "Finance", "财务"),
    ("purchasing", "Purchasing", "采购"),
    ("logistics", "Logistics", "物流"),
    ("management", "Management", "管理层"),
    ("legal", "Legal", "法务"),
    ("it", "IT", "信息技术"),
    ("engineering", "Engineering", "工程技术"),
    ("production", "Production", "生产"),
];

impl Role {
    /// The role named for readers of `lang`; unknown keys are returned as written.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Role::Known(k) => role_label(k, lang).unwrap_or(k).to_string(),
            Role::Custom(t) => t.get_or_any(lang).to_string(),
        }
    }

    /// The key for known roles (`sales`), `None` for free-text roles.
    pub fn key(&self) -> Option<&str> {
        match self {
            Role::Known(k) => Some(k),
            Role::Custom(_) => None,
        }
    }
}

/// The label of a known role key.
pub fn role_label(key: &str, lang: Lang) -> Option<&'static str> {
    KNOWN_ROLES.iter().find(|r| r.0 == key).map(|r| match lang {
        Lang::En => r.1,
        Lang::Zh => r.2,
    })
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Role::Known(k) => s.serialize_str(k),
            Role::Custom(t) => t.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Role;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a role such as `sales`, or `{en: …, zh: …}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Role, E> {
                // A misspelt role is a shape mistake: reported with the others (yaml.rs hints).
                match role_label(v, Lang::En) {
                    Some(_) => Ok(Role::Known(v.to_string())),
                    None => Err(E::custom(format!("unknown role `{v}`"))),
                }
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Role, A::Error> {
                Text::deserialize(de::value::MapAccessDeserializer::new(map)).map(Role::Custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// The agreed communication channels.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Channels {
    /// The progress report.
    pub reports: Reports,
    /// A shared project board, if the deal uses one.
    #[serde(default)]
    pub platform: Option<Platform>,
    /// An instant-messaging group, if the deal uses one.
    #[serde(default)]
    pub im_group: Option<ImGroup>,
}

/// When progress reports are sent.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    /// `weekly` or `milestones`.
    pub cadence: Cadence,
    /// The day weekly reports go out.
    pub weekday: Weekday,
}

/// How often reports are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    /// Every week.
    Weekly,
    /// At each production milestone.
    Milestones,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// All days, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The day's name for readers of `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        const EN: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        const ZH: [&str; 7] = [
            "星期一",
            "星期二",
            "星期三",
            "星期四",
            "星期五",
            "星期六",
            "星期日",
        ];
        let i = Weekday::ALL.iter().position(|d| *d == self).unwrap_or(0);
        match lang {
            Lang::En => EN[i],
            Lang::Zh => ZH[i],
        }
    }

    /// ISO number, Monday = 1.
    pub fn iso(self) -> u32 {
        Weekday::ALL.iter().position(|d| *d == self).unwrap_or(0) as u32 + 1
    }
}

/// A shared project board with scoped access.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// Product name, such as `Trello`.
    pub name: String,
    /// Link to the deal's board.
    pub url: String,
    /// What the buyer's named accounts may do.
    pub buyer_access: Access,
}

/// The buyer's rights on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Read only.
    View,
    /// Read and comment.
    Comment,
}

impl Access {
    /// The access level for readers of `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Access::View, Lang::En) => "view only",
            (Access::View, Lang::Zh) => "仅查看",
            (Access::Comment, Lang::En) => "view and comment",
            (Access::Comment, Lang::Zh) => "查看和评论",
        }
    }
}

/// An instant-messaging group for quick updates.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImGroup {
    /// The app, such as `WhatsApp` or `WeChat`.
    pub app: String,
    /// Names of the contacts in the group.
    #[serde(default)]
    pub members: Vec<String>,
}

/// Security numbers and which clauses to use.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Hours within which an incident or fraud attempt is notified.
    pub incident_notice_hours: u32,
    /// Years records are kept.
    pub retention_years: u32,
    /// The clause set to start from.
    #[serde(default = "default_set")]
    pub clause_set: String,
    /// Clause ids to leave out of the set.
    #[serde(default)]
    pub remove: Vec<String>,
    /// Clause ids to add to the set.
    #[serde(default)]
    pub add: Vec<String>,
    /// Folders of the company's own clauses, relative to `deal.yaml`.
    #[serde(default)]
    pub clause_dirs: Vec<PathBuf>,
}

fn default_set() -> String {
    "standard".to_string()
}

/// The production stages.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Production {
    /// Stages in order.
    #[serde(default)]
    pub stages: Vec<Stage>,
}

/// One production stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Short id used by week files.
    pub id: String,
    /// Name per language.
    pub name: Text,
    /// When the stage is planned to finish.
    pub planned_end: Date,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warm_greetings_use_a_latin_given_name_and_a_whole_chinese_name() {
        let c: Contact =
            serde_yaml::from_str("{name: Chen Jing, name_local: 陈静, role: sales, email: a@b.cn}")
                .unwrap();
        assert_eq!(c.greeting(Lang::En, true), "Chen Jing");
        assert_eq!(c.greeting(Lang::Zh, true), "陈静");
        assert_eq!(c.greeting(Lang::Zh, false), "陈静");
        assert_eq!(c.greeting(Lang::En, false), "Chen Jing");
    }
}
