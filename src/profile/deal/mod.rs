//! Load stage: the deal profile (`deal.yaml`) as typed data.

pub use super::payment::{Beneficiary, Payment, Verification};
use super::text::{Date, Lang, Text};
use serde::{Deserialize, Serialize};
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

mod channels;
mod output;
mod party;

pub use channels::*;
pub use output::*;
pub use party::*;

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
mod tests;
