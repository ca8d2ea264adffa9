//! Load stage: the agreed communication channels — reports and their cadence, the project
//! platform, the instant-messaging group.

use crate::profile::text::Lang;
use serde::{Deserialize, Serialize};

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
    /// The day weekly reports go out (required for `weekly`; `check` says so).
    #[serde(default)]
    pub weekday: Option<Weekday>,
    /// `milestones` only: the longest time between two reports, in days, even when no stage
    /// ends (the contract says "and at least every N days").
    #[serde(default = "default_max_interval_days")]
    pub max_interval_days: u32,
}

/// Two weeks: a stage that runs longer still gets a report in between.
fn default_max_interval_days() -> u32 {
    14
}

impl Reports {
    /// The day of the week a report is dated: the agreed weekday, or Friday — the end of
    /// the working week — for a `milestones` deal, whose reports follow the stages.
    pub fn day(&self) -> Weekday {
        self.weekday.unwrap_or(Weekday::Friday)
    }

    /// The date of the report of ISO week `w`: its [`Reports::day`].
    pub fn date_in(&self, w: crate::profile::week::IsoWeek) -> crate::profile::Ymd {
        w.day(self.day().iso())
    }
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

impl Cadence {
    /// The suffix of the labels this cadence reads first (`title_milestones`): a report that
    /// follows the stages is not "weekly". `None`: the plain labels.
    pub fn label_variant(self) -> Option<&'static str> {
        match self {
            Cadence::Weekly => None,
            Cadence::Milestones => Some("milestones"),
        }
    }
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
