//! Load stage: the parties — seller and buyer, their signatories, contacts and roles.

use crate::profile::text::{Lang, Text};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// Countries and regions (ISO 3166) where Chinese is an official language: mainland China,
/// Hong Kong, Macao, Singapore, Taiwan.
const CHINESE_SPEAKING: [&str; 5] = ["CN", "HK", "MO", "SG", "TW"];

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
    /// The languages the party reads, in order: the buyer's choose the languages of the
    /// welcome letter and the replies (the contract keeps the deal's).
    #[serde(default)]
    pub languages: Option<Vec<Lang>>,
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

    /// Whether the party is in a country or region where Chinese is an official language
    /// (`CHINESE_SPEAKING`), so that its staff can be taken to read it.
    pub fn in_chinese_speaking_country(&self) -> bool {
        let cc = self.country.trim().to_ascii_uppercase();
        CHINESE_SPEAKING.contains(&cc.as_str())
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
