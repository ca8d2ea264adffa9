//! Load stage: the small value types every input file shares (languages, localised text, dates).

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A language dealguard writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, in the order bilingual documents use.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code used in files and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language's name, written in `in_lang`.
    pub fn name_in(self, in_lang: Lang) -> &'static str {
        match (self, in_lang) {
            (Lang::En, Lang::En) => "English",
            (Lang::Zh, Lang::En) => "Chinese",
            (Lang::En, Lang::Zh) => "英文",
            (Lang::Zh, Lang::Zh) => "中文",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The languages of one output: `en`, `zh` or `en+zh`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Langs(Vec<Lang>);

impl Langs {
    /// Builds a selection; duplicates are dropped, order is kept.
    pub fn new(langs: &[Lang]) -> Self {
        let mut v: Vec<Lang> = Vec::new();
        for l in langs {
            if !v.contains(l) {
                v.push(*l);
            }
        }
        Langs(v)
    }

    /// The languages, in order.
    pub fn list(&self) -> &[Lang] {
        &self.0
    }

    /// Whether both languages are written.
    pub fn is_bilingual(&self) -> bool {
        self.0.len() > 1
    }

    /// The first language: the one used for file names and labels that cannot be doubled.
    pub fn primary(&self) -> Lang {
        self.0.first().copied().unwrap_or(Lang::En)
    }

    /// `f` in every language, without repeats (a name that is the same in both scripts
    /// appears once).
    pub fn distinct(&self, f: impl Fn(Lang) -> String) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for l in &self.0 {
            let s = f(*l);
            if !v.contains(&s) {
                v.push(s);
            }
        }
        v
    }

    /// `en`, `zh` or `en+zh`.
    pub fn code(&self) -> String {
        self.0
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join("+")
    }
}

impl std::str::FromStr for Langs {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut v = Vec::new();
        for part in s.split('+') {
            match part.trim() {
                "en" => v.push(Lang::En),
                "zh" => v.push(Lang::Zh),
                other => {
                    return Err(format!(
                        "unknown language `{other}`; use `en`, `zh` or `en+zh`"
                    ))
                }
            }
        }
        Ok(Langs::new(&v))
    }
}

/// Whether a line break next to `c` is one Chinese typesetting removes: Han characters, CJK
/// and full-width punctuation, kana (East Asian Width F or W, Hangul aside — CSS Text 3).
pub fn is_cjk_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF     // radicals
        | 0x3000..=0x303F   // CJK symbols and punctuation: 、。「」
        | 0x3040..=0x30FF   // kana
        | 0x3100..=0x312F   // bopomofo
        | 0x31C0..=0x31EF   // strokes
        | 0x3400..=0x4DBF   // extension A
        | 0x4E00..=0x9FFF   // unified ideographs
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0xFE30..=0xFE4F   // compatibility forms
        | 0xFF01..=0xFF60   // full-width forms: ，（）：
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFF // extensions B and later
    )
}

/// The segment-break rule of CSS Text 3 for Chinese: YAML folding (`>`) turns a line break
/// into a space, and a single space between two CJK characters is such a break, so it goes
/// (`使用。 本报告` → `使用。本报告`). Spaces next to Latin text stay (`Hello 世界`).
pub fn join_cjk_breaks(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let removable = c == ' '
            && i > 0
            && chars.get(i - 1).is_some_and(|&p| is_cjk_wide(p))
            && chars.get(i + 1).is_some_and(|&n| is_cjk_wide(n));
        if !removable {
            out.push(c);
        }
    }
    out
}

/// A text as the file gives it, made ready to print: the final line break that a YAML block
/// scalar (`>` or `|`) keeps is dropped (it would print as a stray space or empty line), and
/// folded breaks between Chinese characters are joined.
fn text_value(s: &str) -> String {
    join_cjk_breaks(s.trim_end_matches(['\n', '\r']))
}

/// Text given once for every language, or per language (`{en: …, zh: …}`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The English text, if given.
    pub en: Option<String>,
    /// The Chinese text, if given.
    pub zh: Option<String>,
}

impl Text {
    /// The same text in every language.
    pub fn same(s: &str) -> Self {
        Text {
            en: Some(s.to_string()),
            zh: Some(s.to_string()),
        }
    }

    /// The text in `lang`, if given.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_deref(),
            Lang::Zh => self.zh.as_deref(),
        }
    }

    /// The text in `lang`, falling back to the other language (for names and labels).
    pub fn get_or_any(&self, lang: Lang) -> &str {
        self.get(lang)
            .or(self.en.as_deref())
            .or(self.zh.as_deref())
            .unwrap_or("")
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("en", &self.en)?;
        m.serialize_entry("zh", &self.zh)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text, or text per language such as `{en: …, zh: …}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::same(&text_value(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut t = Text::default();
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "en" => &mut t.en,
                        "zh" => &mut t.zh,
                        other => {
                            return Err(de::Error::custom(format!(
                                "unknown language `{other}`, expected `en` or `zh`"
                            )))
                        }
                    };
                    if slot.is_some() {
                        return Err(de::Error::custom(format!("duplicate language `{key}`")));
                    }
                    *slot = Some(text_value(&map.next_value::<String>()?));
                }
                Ok(t)
            }
        }
        d.deserialize_any(V)
    }
}

/// A calendar date (`YYYY-MM-DD`), kept as written so that a bad one is reported with the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    /// The text as written in the file.
    pub raw: String,
    /// The date, when the text is a valid one.
    pub ymd: Option<Ymd>,
}

/// A valid calendar date, year 1900 to 9999 (four digits, as RFC 5322 and PDF dates need).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd(time::Date);

/// The first and last days a `Ymd` can hold.
const FIRST: time::Date = match time::Date::from_ordinal_date(1900, 1) {
    Ok(d) => d,
    Err(_) => time::Date::MIN,
};
const LAST: time::Date = time::Date::MAX; // 9999-12-31 without `time`'s `large-dates`
/// Julian day number of 1970-01-01.
const EPOCH_JULIAN_DAY: i64 = 2_440_588;

impl Ymd {
    /// A date of `time`'s, if its year is in range.
    pub fn from_date(d: time::Date) -> Option<Ymd> {
        (FIRST..=LAST).contains(&d).then_some(Ymd(d))
    }

    /// Checks and builds a date.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
        let date = time::Date::from_calendar_date(y, month, u8::try_from(d).ok()?).ok()?;
        Ymd::from_date(date)
    }

    /// Parses exactly `YYYY-MM-DD`: ASCII digits only, no sign, no spaces, no short fields.
    pub fn parse(s: &str) -> Option<Ymd> {
        let b = s.as_bytes();
        // Checked by hand: Rust's integer parsing would take `+1` for a month.
        let shape = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !shape {
            return None;
        }
        Ymd::new(digits(&b[0..4]) as i32, digits(&b[5..7]), digits(&b[8..10]))
    }

    /// The day (UTC) of `secs` seconds since 1970, clamped to the years a `Ymd` holds.
    pub fn from_unix(secs: i64) -> Ymd {
        let day = secs.div_euclid(86_400) + EPOCH_JULIAN_DAY;
        let range = i64::from(FIRST.to_julian_day())..=i64::from(LAST.to_julian_day());
        let day = day.clamp(*range.start(), *range.end());
        let date = i32::try_from(day)
            .ok()
            .and_then(|d| time::Date::from_julian_day(d).ok());
        Ymd(date.unwrap_or(FIRST))
    }

    /// The date as `time` has it.
    pub fn date(self) -> time::Date {
        self.0
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        i64::from(self.0.to_julian_day()) - EPOCH_JULIAN_DAY
    }

    /// Adds days, stopping at the first or last day a `Ymd` holds.
    pub fn plus_days(self, n: i64) -> Ymd {
        // `Duration::days` panics when the seconds overflow; 4 million days is more than the
        // 8100 years between FIRST and LAST.
        let n = n.clamp(-4_000_000, 4_000_000);
        Ymd(self
            .0
            .saturating_add(time::Duration::days(n))
            .clamp(FIRST, LAST))
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub fn iso_weekday(self) -> u32 {
        u32::from(self.0.weekday().number_from_monday())
    }

    /// The date as `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let d = self.0;
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }

    /// The date written for readers of `lang`: `20 November 2026` / `2026年11月20日`.
    pub fn long(self, lang: Lang) -> String {
        let d = self.0;
        match lang {
            // `time::Month` displays as the English name.
            Lang::En => format!("{} {} {}", d.day(), d.month(), d.year()),
            Lang::Zh => format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day()),
        }
    }
}

/// The value of a run of ASCII digits (at most four here, so no overflow).
fn digits(b: &[u8]) -> u32 {
    b.iter()
        .fold(0, |n, c| n * 10 + u32::from(c.wrapping_sub(b'0')))
}

impl Date {
    /// A date from text; `ymd` is `None` when the text is not a valid date.
    pub fn parse(raw: &str) -> Date {
        Date {
            raw: raw.to_string(),
            // Not trimmed: a date is exactly `YYYY-MM-DD` (YAML already drops the spaces around
            // plain values; spaces inside quotes are a mistake worth reporting).
            ymd: Ymd::parse(raw),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date `YYYY-MM-DD` such as `2026-11-20`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Ok(Date::parse(v))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests;
