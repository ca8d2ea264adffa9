//! Select stage: one clause file or set file parsed and checked on its own (what needs no
//! profile): ids, versions, languages, paragraph alignment, the text's hash.

use super::{paragraphs, topics, when, Clause, ClauseSet, Origin, Section};
use crate::context::Policy;
use crate::diag::{did_you_mean, Diagnostic, Problems};
use crate::profile::yaml::{self, Index, Source};
use crate::profile::{Lang, Text};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// A set file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    name: String,
    title: Text,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    policy: Policy,
    sections: Vec<Section>,
}

/// A clause file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClauseFile {
    id: String,
    version: u32,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    when: Option<String>,
    #[serde(default)]
    uses: Vec<String>,
    title: Text,
    text: Text,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// An error of a clause file at `field`.
fn error_at(src: &Source, index: &Index, field: &str, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::error(&src.path, msg)
        .at(index.pos(field))
        .field(field)
}

/// Parses and checks one clause file (checks that need no profile).
pub(super) fn parse_clause(src: Source, origin: Origin) -> Result<Clause, Problems> {
    let (f, index) = yaml::parse::<ClauseFile>(&src)?;
    let mut p = Problems::new();
    check_naming(&mut p, &f, &src, &index);
    check_topics(&mut p, &f, &src, &index);
    let when = match &f.when {
        None => None,
        Some(w) => match when::parse(w) {
            Ok(e) => Some((w.clone(), e)),
            Err(m) => {
                p.push(
                    error_at(&src, &index, "when", format!("bad condition: {m}"))
                        .hint("see `docs/clauses.md`, Conditions"),
                );
                None
            }
        },
    };
    check_texts(&mut p, &f, &src, &index);
    if p.has_errors() {
        return Err(p);
    }
    let hash = sha256_hex(&src.text);
    Ok(Clause {
        id: f.id,
        version: f.version,
        section: f.section,
        topics: f.topics,
        when,
        uses: f.uses,
        title: f.title,
        text: f.text,
        src,
        index,
        hash,
        origin,
    })
}

/// The id (its characters, and the file named for it) and the version.
fn check_naming(p: &mut Problems, f: &ClauseFile, src: &Source, index: &Index) {
    if !valid_id(&f.id) {
        p.push(
            error_at(
                src,
                index,
                "id",
                format!("`{}` is not a valid clause id", f.id),
            )
            .hint("use lowercase letters, digits and `-`, such as `bank-details`"),
        );
    }
    let stem = src.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != f.id {
        p.push(
            error_at(
                src,
                index,
                "id",
                format!("clause `{}` is in a file named `{stem}.yaml`", f.id),
            )
            .hint(format!(
                "name the file `{}.yaml`, so overrides by id are easy to find",
                f.id
            )),
        );
    }
    if f.version == 0 {
        p.push(error_at(src, index, "version", "must be 1 or more"));
    }
}

/// Topics outside the SPEC's list: a warning with the nearest topic.
fn check_topics(p: &mut Problems, f: &ClauseFile, src: &Source, index: &Index) {
    for t in &f.topics {
        if !topics::is_topic(t) {
            let mut d = Diagnostic::warning(
                &src.path,
                format!("`{t}` is not one of the security topics"),
            )
            .at(index.pos("topics"))
            .field("topics");
            if let Some(best) = did_you_mean(t, topics::TOPICS.iter().map(|t| t.id)) {
                d = d.hint(format!("did you mean `{best}`?"));
            }
            p.push(d);
        }
    }
}

/// Titles and texts not empty, and as many paragraphs (sub-clauses) in each language.
fn check_texts(p: &mut Problems, f: &ClauseFile, src: &Source, index: &Index) {
    for l in Lang::ALL {
        for (what, t) in [("title", &f.title), ("text", &f.text)] {
            if let Some(s) = t.get(l) {
                if s.trim().is_empty() {
                    p.push(error_at(
                        src,
                        index,
                        &format!("{what}.{l}"),
                        "must not be empty",
                    ));
                }
            }
        }
    }
    if let (Some(en), Some(zh)) = (&f.text.en, &f.text.zh) {
        let (ne, nz) = (paragraphs(en).len(), paragraphs(zh).len());
        if ne != nz {
            p.push(error_at(src, index, "text", format!("the `en` text has {ne} paragraphs and the `zh` text {nz}")).hint("sub-clause numbers must match in both languages: one paragraph per sub-clause, separated by a blank line"));
        }
    }
}

pub(super) fn parse_set(src: Source, origin: Origin) -> Result<ClauseSet, Problems> {
    let (f, index) = yaml::parse::<SetFile>(&src)?;
    let stem = src.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != f.name {
        return Err(Diagnostic::error(
            &src.path,
            format!("set `{}` is in a file named `{stem}.yaml`", f.name),
        )
        .at(index.pos("name"))
        .field("name")
        .hint(format!("name the file `{}.yaml`", f.name))
        .into());
    }
    Ok(ClauseSet {
        name: f.name,
        title: f.title,
        description: f.description,
        policy: f.policy,
        sections: f.sections,
        src,
        index,
        origin,
    })
}
