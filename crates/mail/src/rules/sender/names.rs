//! Verify stage, senders: names as tokens — a display name or a signature line compared with
//! a party's contacts and company name whatever the order, punctuation, accents, titles or
//! script ("Lindqvist, Anna", "Ms Lindqvist", "王芳（财务）", "Hengli Kitchenware").
//!
//! Matching is on normalised tokens, not on a list of forms: both parts of a contact's name in
//! any order, a title with the contact's surname, the contact's name in Chinese characters
//! contained, or a distinctive part of the company's name. A first name alone ("Anna") or the
//! generic words of a company name ("Trading Co., Ltd.") never match: too many strangers
//! share them.

use crate::domains::{skeleton, Domain};
use unicode_normalization::UnicodeNormalization;

/// The legal-form words dropped from the end of a company name before it is compared whole.
const LEGAL: &[&str] = &[
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "plc",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "ab",
    "as",
    "asa",
    "oy",
    "oyj",
    "aps",
    "bv",
    "nv",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "pte",
    "pty",
    "sdn",
    "bhd",
    "kk",
];

/// Words of a company name that tell what kind of company it is, not which one, besides its
/// legal form: trades, "international", "home". A name made only of these and of legal-form
/// words ([`LEGAL`]) matches nothing.
const TRADE: &[&str] = &[
    "group",
    "holding",
    "holdings",
    "the",
    "and",
    "of",
    "trading",
    "trade",
    "traders",
    "import",
    "export",
    "imp",
    "exp",
    "international",
    "intl",
    "industrial",
    "industry",
    "industries",
    "manufacturing",
    "manufacturer",
    "factory",
    "products",
    "product",
    "technology",
    "technologies",
    "tech",
    "global",
    "enterprise",
    "enterprises",
    "home",
    "house",
    "commerce",
    "commercial",
    "services",
    "service",
    "solutions",
    "supply",
    "supplies",
    "sourcing",
    "logistics",
    "shipping",
    "development",
    "investment",
    "store",
    "shop",
    "design",
    "team",
    "office",
];

/// Chinese legal forms and trade words dropped from the end of a company's Chinese name.
const LEGAL_ZH: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "分公司",
    "公司",
    "集团",
    "进出口",
    "贸易",
    "实业",
    "工贸",
    "科技",
    "厂",
];

/// Titles before a surname: `Mr. Wang`, `Ms Lindqvist`.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "madam", "mme", "mlle", "herr", "frau", "sir", "fru",
];

/// Honorifics after a Chinese surname: 王先生, 王总.
const TITLES_ZH: &[&str] = &["先生", "女士", "小姐", "总", "经理"];

/// Whether `c` is a CJK ideograph (the scripts Chinese names are written in).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// A text as name tokens: Latin-script words (folded: lowercase, accents dropped) and runs of
/// CJK characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tokens {
    /// Words in other scripts than CJK, in order.
    pub latin: Vec<String>,
    /// Runs of CJK characters, in order.
    pub cjk: Vec<String>,
}

impl Tokens {
    /// Tokens of `s`, read at most 512 characters far (a display name or a signature line).
    pub(crate) fn of(s: &str) -> Tokens {
        let norm = fold(&s.chars().take(512).collect::<String>());
        let mut t = Tokens::default();
        let (mut word, mut run) = (String::new(), String::new());
        for c in norm.chars() {
            if is_cjk(c) {
                flush(&mut word, &mut t.latin);
                run.push(c);
            } else if c.is_alphanumeric() {
                flush(&mut run, &mut t.cjk);
                word.push(c);
            } else {
                flush(&mut word, &mut t.latin);
                flush(&mut run, &mut t.cjk);
            }
        }
        flush(&mut word, &mut t.latin);
        flush(&mut run, &mut t.cjk);
        t
    }

    fn has(&self, w: &str) -> bool {
        self.latin.iter().any(|x| x == w)
    }

    fn cjk_has(&self, s: &str) -> bool {
        !s.is_empty() && self.cjk.iter().any(|r| r.contains(s))
    }
}

/// Lowercase, accents dropped, other scripts' look-alikes of Latin letters mapped to them
/// (Cyrillic `А` → `a`); ASCII and CJK kept as they are. (The full TR39 skeleton would also
/// turn `m` into `rn`, which no list of words here is written in.)
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_cjk(c) {
            out.push(c);
        } else if !unicode_normalization::char::is_combining_mark(c) {
            out.push_str(&skeleton(c.encode_utf8(&mut [0; 4])));
        }
    }
    out
}

fn flush(buf: &mut String, out: &mut Vec<String>) {
    if !buf.is_empty() {
        out.push(std::mem::take(buf));
    }
}

/// One contact as names are compared.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// The name as the deal writes it.
    pub name: String,
    /// Direct phone on file.
    pub phone: Option<String>,
    /// Official address, lowercase.
    pub email: String,
    latin: Vec<String>,
    local: Option<String>,
    surname: Option<String>,
    local_surname: Option<String>,
}

impl Person {
    /// A contact from the deal's name, Chinese name, address and phone.
    pub(crate) fn new(
        name: &str,
        local: Option<&str>,
        email: &str,
        phone: Option<String>,
    ) -> Person {
        let latin = Tokens::of(name).latin;
        let local = local
            .map(|l| Tokens::of(l).cjk.concat())
            .filter(|l| l.chars().count() >= 2);
        // A Chinese name in Latin letters puts the family name first ("Wang Fang").
        let surname = if local.is_some() {
            latin.first().cloned()
        } else {
            latin.last().cloned()
        }
        .filter(|_| latin.len() >= 2);
        let local_surname = local
            .as_ref()
            .and_then(|l| l.chars().next())
            .map(String::from);
        Person {
            name: name.trim().to_string(),
            phone,
            email: email.trim().to_ascii_lowercase(),
            latin,
            local,
            surname,
            local_surname,
        }
    }

    /// How `t` names this person, if it does.
    pub(crate) fn named_in(&self, t: &Tokens) -> Option<Named> {
        if self.local.as_deref().is_some_and(|l| t.cjk_has(l)) {
            return Some(Named::Full);
        }
        match self.latin.len() {
            0 => {}
            // A one-word name is matched only when it is the whole name shown.
            1 => {
                if t.latin == self.latin && t.cjk.is_empty() {
                    return Some(Named::Full);
                }
            }
            _ => {
                let forward = self.latin.concat();
                let backward: String = self.latin.iter().rev().map(String::as_str).collect();
                if self.latin.iter().all(|w| t.has(w)) || t.has(&forward) || t.has(&backward) {
                    return Some(Named::Full);
                }
            }
        }
        self.titled_in(t).then_some(Named::Title)
    }

    /// `Mr. Wang`, `Ms Lindqvist`, 王先生, 王总.
    fn titled_in(&self, t: &Tokens) -> bool {
        let latin = self.surname.as_ref().is_some_and(|s| {
            t.latin
                .windows(2)
                .any(|w| TITLES.contains(&w[0].as_str()) && &w[1] == s)
        });
        let zh = self
            .local_surname
            .as_ref()
            .is_some_and(|s| TITLES_ZH.iter().any(|h| t.cjk_has(&format!("{s}{h}"))));
        latin || zh
    }
}

/// How closely a text names a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Named {
    /// Only a title and the surname: `Mr. Wang` (many people share it).
    Title,
    /// The whole name, in any order or script.
    Full,
}

/// A party's company name as names are compared.
#[derive(Debug, Clone)]
pub(crate) struct Company {
    /// The name without its legal form: `[ningbo, hengli, kitchenware]`.
    core: Vec<String>,
    /// The Chinese name without legal form and trade words: `宁波恒力厨具`.
    local: Option<String>,
    /// The words of the party's domain labels: `[hengli, kitchen]`, `[nordichome]`.
    domain_words: Vec<String>,
    /// The party's domain labels without hyphens: `henglikitchen`, `nordichome`.
    labels: Vec<String>,
}

impl Company {
    /// A party's company from its name, Chinese name and domains.
    pub(crate) fn new(name: &str, local: Option<&str>, domains: &[Domain]) -> Company {
        let mut core = Tokens::of(name).latin;
        while core.last().is_some_and(|w| LEGAL.contains(&w.as_str())) {
            core.pop();
        }
        let local = local.map(|l| {
            let mut s = Tokens::of(l).cjk.concat();
            while let Some(rest) = LEGAL_ZH.iter().find_map(|x| s.strip_suffix(x)) {
                s = rest.to_string();
            }
            s
        });
        let mut domain_words = Vec::new();
        let mut labels = Vec::new();
        for d in domains {
            let (label, _) = d.split();
            domain_words.extend(
                label
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| w.chars().count() >= 4)
                    .map(str::to_string),
            );
            labels.push(label.replace('-', ""));
        }
        Company {
            core,
            local: local.filter(|l| l.chars().count() >= 2),
            domain_words,
            labels,
        }
    }

    fn distinctive(w: &str) -> bool {
        !LEGAL.contains(&w) && !TRADE.contains(&w) && w.chars().count() >= 3
    }

    /// Whether `t` names this company: the whole name, two neighbouring words of it of which
    /// one is distinctive, a distinctive word that is also a word of the party's domain, or
    /// four characters of its Chinese name.
    pub(crate) fn named_in(&self, t: &Tokens) -> bool {
        let joined: String = t.latin.concat();
        let core = self.core.concat();
        if self.core.iter().any(|w| Company::distinctive(w))
            && core.chars().count() >= 6
            && joined.contains(&core)
        {
            return true;
        }
        for pair in self.core.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let both = format!("{a}{b}");
            if !(Company::distinctive(a) || Company::distinctive(b)) || both.chars().count() < 8 {
                continue;
            }
            if t.latin.windows(2).any(|w| &w[0] == a && &w[1] == b) || t.has(&both) {
                return true;
            }
        }
        // A word the party chose twice, in its name and its domain (`Hengli`), or the whole
        // domain label as one word (`NordicHome`); "Kitchen" alone is only in the domain.
        let chosen = t.latin.iter().any(|w| {
            Company::distinctive(w)
                && ((self.core.contains(w) && self.domain_words.contains(w))
                    || self.labels.contains(w))
        });
        if chosen {
            return true;
        }
        self.local.as_deref().is_some_and(|l| {
            let chars: Vec<char> = l.chars().collect();
            if chars.len() < 4 {
                return t.cjk_has(l);
            }
            chars
                .windows(4)
                .any(|w| t.cjk_has(&w.iter().collect::<String>()))
        })
    }
}
