//! Render stage: the staff briefing — one page for the seller's own team, from
//! `templates/briefing/<lang>.md` with the letter's data, so its facts match the letter's,
//! and examples made from this deal (`Examples`): its buyer contact's mailbox on the likeliest
//! look-alike of its domain.

use super::env::Numbers;
use super::letters::Rendered;
use super::markup::{Doc, Inline, Line, Node};
use super::templates::{self, Occasion, Templates};
use crate::context::Terms;
use crate::diag::Problems;
use crate::profile::deal::Profile;
use crate::profile::Langs;
use dealguard_mail::lookalike::{self, lookalikes, Lookalike};
use serde_yaml::{Mapping, Value as Yaml};

/// What the briefing shows beyond the letter's data: examples made for this deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Examples {
    /// The buyer's contact the spoof imitates: its real address (`anna.lindqvist@nordichome.se`).
    pub contact: String,
    /// The same mailbox on [`Examples::lookalike`] (`anna.lindqvist@mordichome.se`).
    pub spoof: String,
    /// The likeliest look-alike of the contact's domain.
    pub lookalike: String,
    /// The likeliest look-alike of the seller's first domain.
    pub seller_lookalike: String,
}

impl Examples {
    /// The examples of this deal: the letter's recipient at the buyer as a fraudster would
    /// imitate them — the same mailbox on the look-alike of its domain a fraudster most likely
    /// registers — and the seller's first domain's; never one of the deal's own domains.
    pub fn for_deal(p: &Profile) -> Examples {
        let own: Vec<String> = [&p.seller, &p.buyer]
            .iter()
            .flat_map(|x| {
                x.email_domains
                    .iter()
                    .map(|d| d.trim().to_ascii_lowercase())
            })
            .collect();
        let address = templates::recipient(p)
            .map(|c| c.email.trim().to_string())
            .filter(|e| e.contains('@'));
        let (local, domain) = match &address {
            Some(a) => a.rsplit_once('@').map_or(("", a.as_str()), |(l, d)| (l, d)),
            None => ("", p.buyer.email_domains.first().map_or("", String::as_str)),
        };
        let lookalike = likeliest(domain, &own);
        let seller_domain = p.seller.email_domains.first().map_or("", String::as_str);
        Examples {
            contact: format!("{local}@{domain}"),
            spoof: format!("{local}@{lookalike}"),
            lookalike,
            seller_lookalike: likeliest(seller_domain, &own),
        }
    }
}

/// The look-alike of `domain` a fraudster most likely registers: the first of the ranked
/// list that is one edit of a kind that reads as the name (`lookalike::likelihood` tier 0),
/// else the first ranked; `example.invalid` for a domain nothing can be made of.
fn likeliest(domain: &str, own: &[String]) -> String {
    let d = domain.trim().to_ascii_lowercase();
    let list: Vec<(String, Lookalike)> = lookalikes(&d)
        .into_iter()
        .filter(|l| !own.contains(&l.ascii))
        .map(|l| (d.clone(), l))
        .collect();
    let ranked = lookalike::ranked(&list);
    let realistic = ranked
        .iter()
        .find(|l| lookalike::likelihood(&d, l) == (0, 1));
    realistic
        .or(ranked.first())
        .map_or_else(|| "example.invalid".to_string(), |l| l.ascii.clone())
}

fn with_examples(mut data: Yaml, e: &Examples) -> Yaml {
    if let Some(m) = data.as_mapping_mut() {
        let mut b = Mapping::new();
        for (k, v) in [
            ("contact", &e.contact),
            ("spoof", &e.spoof),
            ("lookalike", &e.lookalike),
            ("seller_lookalike", &e.seller_lookalike),
        ] {
            b.insert(k.into(), Yaml::String(v.clone()));
        }
        m.insert("briefing".into(), Yaml::Mapping(b));
    }
    data
}

/// The briefing with its fraud examples as plain text: the look-alike addresses and domains it
/// shows are what staff must never write to, so none of them is a link to click (the markup
/// makes a link of every address it finds).
fn unlinked(mut doc: Doc, e: &Examples) -> Doc {
    let fake = [e.lookalike.as_str(), e.seller_lookalike.as_str()];
    let is_fake = |text: &str| {
        let domain = text.rsplit('@').next().unwrap_or(text).to_ascii_lowercase();
        fake.iter().any(|f| !f.is_empty() && domain == *f)
    };
    let fix = |line: &mut Line| {
        for run in line.iter_mut() {
            if let Inline::Link(text, _) = run {
                if is_fake(text) {
                    *run = Inline::Text(std::mem::take(text));
                }
            }
        }
    };
    for node in &mut doc.nodes {
        match node {
            Node::Heading(_, line) => fix(line),
            Node::Para(lines) | Node::List(lines) | Node::Numbered(lines) | Node::Note(lines) => {
                lines.iter_mut().for_each(fix)
            }
            Node::Table(head, rows) => {
                head.iter_mut().for_each(fix);
                rows.iter_mut().flatten().for_each(fix);
            }
        }
    }
    doc
}

/// The briefing in every language of `langs`, one document each.
pub fn render(
    p: &Profile,
    terms: &Terms,
    numbers: Numbers,
    t: &Templates,
    langs: &Langs,
    o: &Occasion,
    e: &Examples,
) -> Result<Rendered, Problems> {
    // Names are checked against the example profile's data plus the same `briefing` extras.
    let schema = with_examples(templates::schema(terms, langs, o), e);
    let mut docs = Vec::new();
    let mut problems = Problems::new();
    for l in langs.list() {
        let data = with_examples(templates::data(p, terms, *l, langs, o), e);
        let name = format!("briefing/{}.md", l.code());
        match templates::render(t, &name, &data, &schema, *l, numbers.clone()) {
            Ok(d) => docs.push((*l, unlinked(d, e))),
            Err(err) => problems.extend(err),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Rendered { docs })
}
