//! Load stage: ISO weeks (`2026-W49`), strictly parsed and held as their Monday.

use crate::profile::text::Ymd;

/// An ISO week (Monday to Sunday), held as its Monday so that it is always a real week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IsoWeek {
    monday: Ymd,
}

impl IsoWeek {
    /// Parses exactly `2026-W49`: a four-digit ISO year 1900–9999, `-W`, a two-digit week that
    /// the year has (01 to 52, or 53) and that ends by 9999-12-31.
    pub fn parse(s: &str) -> Option<IsoWeek> {
        let b = s.as_bytes();
        // Checked by hand: Rust's integer parsing would take `+4` for a week.
        let shape = b.len() == 8
            && b[4..6] == *b"-W"
            && b[..4].iter().chain(&b[6..]).all(u8::is_ascii_digit);
        if !shape {
            return None;
        }
        let num = |d: &[u8]| d.iter().fold(0, |n, c| n * 10 + i32::from(c - b'0'));
        let (year, week) = (num(&b[..4]), u8::try_from(num(&b[6..])).ok()?);
        if !(1900..=9999).contains(&year) {
            return None;
        }
        let monday = time::Date::from_iso_week_date(year, week, time::Weekday::Monday).ok()?;
        // The last days of 9999-W52 fall in the year 10000, which no date here holds.
        time::Date::from_iso_week_date(year, week, time::Weekday::Sunday).ok()?;
        Some(IsoWeek {
            monday: Ymd::from_date(monday)?,
        })
    }

    /// The week a day falls in.
    pub fn of(day: Ymd) -> Option<IsoWeek> {
        let (year, week, _) = day.date().to_iso_week_date();
        IsoWeek::parse(&format!("{year}-W{week:02}"))
    }

    /// The week after this one (`None` past 9999).
    pub fn next(self) -> Option<IsoWeek> {
        IsoWeek::of(self.sunday().plus_days(1))
    }

    /// The day of the week numbered `iso_day` (Monday = 1 … Sunday = 7).
    pub fn day(self, iso_day: u32) -> Ymd {
        self.monday.plus_days(i64::from(iso_day.clamp(1, 7)) - 1)
    }

    /// Monday of the week.
    pub fn monday(self) -> Ymd {
        self.monday
    }

    /// Sunday of the week.
    pub fn sunday(self) -> Ymd {
        self.monday.plus_days(6)
    }

    /// `2026-W49`.
    pub fn label(self) -> String {
        let (year, week, _) = self.monday.date().to_iso_week_date();
        format!("{year}-W{week:02}")
    }
}
