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
                Ok(Text::same(v))
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
                    *slot = Some(map.next_value::<String>()?);
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

/// A valid calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month, 1–12.
    pub m: u32,
    /// Day, 1–31.
    pub d: u32,
}

impl Ymd {
    /// Checks and builds a date.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        if !(1..=12).contains(&m)
            || d == 0
            || d > days_in_month(y, m)
            || !(1900..=9999).contains(&y)
        {
            return None;
        }
        Some(Ymd { y, m, d })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Ymd> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = s.get(0..4)?.parse().ok()?;
        let m = s.get(5..7)?.parse().ok()?;
        let d = s.get(8..10)?.parse().ok()?;
        Ymd::new(y, m, d)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Ymd {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Ymd { y, m, d }
    }

    /// Adds days.
    pub fn plus_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days_since_epoch() + n)
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub fn iso_weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u32
    }

    /// The date as `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// The date written for readers of `lang`: `20 November 2026` / `2026年11月20日`.
    pub fn long(self, lang: Lang) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match lang {
            Lang::En => format!("{} {} {}", self.d, MONTHS[(self.m - 1) as usize], self.y),
            Lang::Zh => format!("{}年{}月{}日", self.y, self.m, self.d),
        }
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date from text; `ymd` is `None` when the text is not a valid date.
    pub fn parse(raw: &str) -> Date {
        Date {
            raw: raw.to_string(),
            ymd: Ymd::parse(raw.trim()),
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
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-27",
            "2027-01-15",
            "1999-12-31",
        ] {
            let d = Ymd::parse(s).unwrap();
            assert_eq!(Ymd::from_days(d.days_since_epoch()).iso(), s);
        }
        assert_eq!(Ymd::parse("1970-01-01").unwrap().days_since_epoch(), 0);
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-4-1",
            "20261120",
            "2026-11-31",
        ] {
            assert_eq!(Ymd::parse(s), None, "{s}");
        }
        assert!(Ymd::parse("2024-02-29").is_some());
    }

    #[test]
    fn weekdays_are_iso() {
        // 2026-11-27 is a Friday, 2026-11-30 a Monday.
        assert_eq!(Ymd::parse("2026-11-27").unwrap().iso_weekday(), 5);
        assert_eq!(Ymd::parse("2026-11-30").unwrap().iso_weekday(), 1);
        assert_eq!(Ymd::parse("2026-12-06").unwrap().iso_weekday(), 7);
    }

    #[test]
    fn long_dates_per_language() {
        let d = Ymd::parse("2026-11-20").unwrap();
        assert_eq!(d.long(Lang::En), "20 November 2026");
        assert_eq!(d.long(Lang::Zh), "2026年11月20日");
    }

    #[test]
    fn langs_parse_and_print() {
        let l: Langs = "en+zh".parse().unwrap();
        assert!(l.is_bilingual());
        assert_eq!(l.code(), "en+zh");
        assert!("fr".parse::<Langs>().is_err());
    }
}
