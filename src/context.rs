//! Select/render stages: the deal profile as template data, with the derived terms and facts.
//!
//! Clause conditions (`when`) and templates see the same tree, so a name that works in one
//! works in the other.

use crate::assets;
use crate::profile::deal::{Cadence, Party, Profile};
use crate::profile::payment::mark;
use crate::profile::yaml::Source;
use crate::profile::{self, Lang, Langs, Text};
use serde::{Deserialize, Serialize};
use serde_yaml::{Mapping, Value as Yaml};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

/// EU member states plus Iceland, Liechtenstein and Norway: where the GDPR applies.
pub const EEA: [&str; 30] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// The progress report's numbered sections in the order it prints them, as label keys of
/// `templates/report-labels.yaml`. The report composer prints exactly these, and the contract's
/// reporting clause lists them from `report.sections`, so the two cannot disagree.
pub const REPORT_SECTIONS: [&str; 8] = [
    "s_summary",
    "s_progress",
    "s_inspections",
    "s_materials",
    "s_photos",
    "s_plan",
    "s_issues",
    "s_signoff",
];

/// The built-in report labels, parsed once.
pub fn report_labels() -> &'static BTreeMap<String, Text> {
    static LABELS: LazyLock<BTreeMap<String, Text>> = LazyLock::new(|| {
        // Compiled in, not input: the test `report_sections_have_titles` shows it parses.
        let file = "templates/report-labels.yaml";
        assets::files_under(file)
            .find(|(p, _)| *p == file)
            .and_then(|(_, bytes)| Source::from_bytes(Path::new(file), bytes).ok())
            .and_then(|src| profile::labels(&[src]).ok())
            .unwrap_or_default()
    });
    &LABELS
}

/// `report.sections`: each section's label key, list mark and title in `lang`, in report order
/// — the titles the report prints for the deal's `cadence` (its `_milestones` labels).
pub fn report_sections(lang: Lang, cadence: Cadence) -> Yaml {
    report_sections_in(report_labels(), lang, cadence)
}

/// `report.sections` with the titles of `labels`: a company's `report-labels.yaml` layered over
/// the built-in one, so that the reporting clause names the headings its reports print.
pub fn report_sections_in(labels: &BTreeMap<String, Text>, lang: Lang, cadence: Cadence) -> Yaml {
    let items = REPORT_SECTIONS.iter().enumerate().map(|(i, k)| {
        let title = crate::profile::label(labels, k, cadence.label_variant())
            .map_or(*k, |t| t.get_or_any(lang));
        let mut m = Mapping::new();
        m.insert(key("key"), key(k));
        m.insert(key("mark"), key(&mark(lang, i)));
        m.insert(key("title"), key(title));
        Yaml::Mapping(m)
    });
    let mut report = Mapping::new();
    report.insert(key("sections"), Yaml::Sequence(items.collect()));
    Yaml::Mapping(report)
}

/// What a clause set demands of the profile's numbers (the `strict` set tightens them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Longest incident-notice period the set accepts.
    #[serde(default)]
    pub incident_notice_hours_max: Option<u32>,
    /// Fewest approvers of a bank-detail change the set accepts.
    #[serde(default)]
    pub approvers_min: Option<u32>,
    /// Shortest record-retention period the set accepts.
    #[serde(default)]
    pub retention_years_min: Option<u32>,
}

/// The numbers the contract actually promises: the profile's, tightened by the set's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Terms {
    /// Hours to notify an incident or fraud attempt.
    pub incident_notice_hours: u32,
    /// Years records are kept.
    pub retention_years: u32,
    /// People who approve a change of bank details, on each side.
    pub approvers: u32,
}

impl Terms {
    /// Applies a set's policy to the profile's numbers.
    pub fn new(p: &Profile, policy: &Policy) -> Terms {
        let s = &p.security;
        Terms {
            incident_notice_hours: policy
                .incident_notice_hours_max
                .map_or(s.incident_notice_hours, |m| s.incident_notice_hours.min(m)),
            retention_years: policy
                .retention_years_min
                .map_or(s.retention_years, |m| s.retention_years.max(m)),
            approvers: policy
                .approvers_min
                .map_or(p.payment.verification.approvers, |m| {
                    p.payment.verification.approvers.max(m)
                }),
        }
    }
}

/// Whether a party is a branch (分公司, "Branch"): it has no legal representative (法定代表人)
/// but a person in charge (负责人).
pub fn is_branch(party: &Party) -> bool {
    let en = party.name.to_lowercase();
    party.name.contains("分公司")
        || party
            .name_local
            .as_deref()
            .is_some_and(|n| n.contains("分公司"))
        || en.contains(" branch")
        || en.starts_with("branch ")
}

/// Whether a two-letter country code is in the EU/EEA.
pub fn in_eea(country: &str) -> bool {
    EEA.contains(&country.to_ascii_uppercase().as_str())
}

fn key(s: &str) -> Yaml {
    Yaml::String(s.to_string())
}

/// Adds `display_name` to a party and each of its contacts.
fn add_display_names(party: &mut Yaml, names: &[String], contact_names: &[String]) {
    let Some(m) = party.as_mapping_mut() else {
        return;
    };
    if let Some(n) = names.first() {
        m.insert(key("display_name"), key(n));
    }
    if let Some(Yaml::Sequence(contacts)) = m.get_mut("contacts") {
        for (c, n) in contacts.iter_mut().zip(contact_names) {
            if let Some(cm) = c.as_mapping_mut() {
                cm.insert(key("display_name"), key(n));
            }
        }
    }
}

/// Adds `display_address` to a party and `display_name`/`display_title` to its signatory.
fn add_party_local(v: &mut Yaml, party: &Party, lang: Lang) {
    let Some(m) = v.as_mapping_mut() else {
        return;
    };
    m.insert(key("display_address"), key(party.display_address(lang)));
    if let (Some(s), Some(Yaml::Mapping(sm))) = (&party.signatory, m.get_mut("signatory")) {
        sm.insert(key("display_name"), key(s.display_name(lang)));
        sm.insert(key("display_title"), key(s.display_title(lang)));
    }
}

/// The template data for one language of one document, as a YAML value (ordered, deterministic).
pub fn build(p: &Profile, terms: &Terms, lang: Lang, langs: &Langs) -> Yaml {
    // Serialising our own plain data types cannot fail (no maps with non-string keys).
    let mut root = serde_yaml::to_value(p).unwrap_or(Yaml::Null);
    let Some(m) = root.as_mapping_mut() else {
        return Yaml::Null;
    };
    for (who, party) in [("seller", &p.seller), ("buyer", &p.buyer)] {
        let contact_names: Vec<String> = party
            .contacts
            .iter()
            .map(|c| c.display_name(lang).to_string())
            .collect();
        if let Some(v) = m.get_mut(who) {
            add_display_names(v, &[party.display_name(lang).to_string()], &contact_names);
            add_party_local(v, party, lang);
        }
    }
    // The beneficiary bank as this language names it (`bank_local` in Chinese, when given).
    if let Some(Yaml::Mapping(b)) = m.get_mut("payment").and_then(|v| v.get_mut("beneficiary")) {
        let bank = &p.payment.beneficiary;
        let shown = match (lang, &bank.bank_local) {
            (Lang::Zh, Some(l)) if !l.trim().is_empty() => l,
            _ => &bank.bank,
        };
        b.insert(key("display_bank"), key(shown));
    }
    // IM members are contact names: show each as that contact is named in this language.
    if let (Some(im), Some(Yaml::Mapping(ch))) = (&p.channels.im_group, m.get_mut("channels")) {
        let contacts: Vec<_> = p.seller.contacts.iter().chain(&p.buyer.contacts).collect();
        let names: Vec<Yaml> = im
            .members
            .iter()
            .map(|n| {
                let c = contacts
                    .iter()
                    .find(|c| &c.name == n || c.name_local.as_ref() == Some(n));
                key(c.map_or(n.as_str(), |c| c.display_name(lang)))
            })
            .collect();
        if let Some(Yaml::Mapping(g)) = ch.get_mut("im_group") {
            g.insert(key("members"), Yaml::Sequence(names));
        }
    }
    // The payment's parts, each phrased for this language, and which methods it uses.
    if let Some(Yaml::Mapping(pay)) = m.get_mut("payment") {
        pay.extend(p.payment.template_fields(lang));
    }
    m.insert(
        key("terms"),
        serde_yaml::to_value(terms).unwrap_or(Yaml::Null),
    );
    let mut facts = Mapping::new();
    facts.insert(key("buyer_in_eea"), Yaml::Bool(in_eea(&p.buyer.country)));
    facts.insert(key("bilingual"), Yaml::Bool(langs.is_bilingual()));
    facts.insert(key("seller_is_branch"), Yaml::Bool(is_branch(&p.seller)));
    // Where each party reports a fraud, from its country (`country.rs`).
    facts.insert(
        key("fraud_report"),
        crate::country::fraud_report_facts(p, lang),
    );
    facts.insert(
        key("governing_language"),
        key(p.deal.governing_language.name_in(lang)),
    );
    m.insert(key("facts"), Yaml::Mapping(facts));
    m.insert(
        key("report"),
        report_sections(lang, p.channels.reports.cadence),
    );
    m.insert(key("lang"), key(lang.code()));
    root
}

/// The same data as a tera value.
pub fn to_tera(v: &Yaml) -> tera::Value {
    tera::Value::from_serializable(v)
}

/// Looks up a dotted path (`channels.platform.name`) in the data; list indexes are skipped.
pub fn lookup<'a>(root: &'a Yaml, path: &str) -> Lookup<'a> {
    let mut cur = root;
    for seg in path.split('.') {
        if let Yaml::Sequence(items) = cur {
            match items.first() {
                Some(first) => cur = first,
                // An empty list: nothing below it can be checked.
                None => return Lookup::Unknown,
            }
        }
        match cur {
            Yaml::Mapping(m) => match m.get(seg) {
                Some(v) => cur = v,
                None => return Lookup::Missing,
            },
            Yaml::Null => return Lookup::Unknown,
            _ => return Lookup::Missing,
        }
    }
    Lookup::Found(cur)
}

/// The value at `path` when it exists; a list stands for its first entry. An empty path is the root.
pub fn lookup_found<'a>(root: &'a Yaml, path: &str) -> Option<&'a Yaml> {
    let v = if path.is_empty() {
        root
    } else {
        match lookup(root, path) {
            Lookup::Found(v) => v,
            _ => return None,
        }
    };
    match v {
        Yaml::Sequence(items) => items.first(),
        other => Some(other),
    }
}

/// The result of looking a name up in the template data.
#[derive(Debug)]
pub enum Lookup<'a> {
    /// The name exists and has this value.
    Found(&'a Yaml),
    /// The name does not exist.
    Missing,
    /// The name is below an empty list or an absent section: it may exist.
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eea_membership() {
        assert!(in_eea("SE"));
        assert!(in_eea("no"));
        assert!(!in_eea("GB"));
        assert!(!in_eea("CH"));
        assert!(!in_eea("US"));
    }

    #[test]
    fn report_sections_have_titles() {
        let Yaml::Mapping(m) = report_sections(Lang::Zh, Cadence::Weekly) else {
            panic!("not a mapping")
        };
        let Some(Yaml::Sequence(items)) = m.get("sections") else {
            panic!("no sections")
        };
        assert_eq!(items.len(), REPORT_SECTIONS.len());
        assert_eq!(items[1]["title"].as_str(), Some("生产进度"));
        assert_eq!(items[1]["mark"].as_str(), Some("（二）"));
    }
}
