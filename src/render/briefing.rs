//! Render stage: the staff briefing — one page for the seller's own team, from
//! `templates/briefing/<lang>.md` with the letter's data, so its facts match the letter's.

use super::env::Numbers;
use super::letters::Rendered;
use super::templates::{self, Occasion, Templates};
use crate::context::Terms;
use crate::diag::Problems;
use crate::profile::deal::Profile;
use crate::profile::Langs;
use serde_yaml::{Mapping, Value as Yaml};

/// What the briefing shows beyond the letter's data: examples made for this deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Examples {
    /// A look-alike of the buyer's first domain (`nordichorne.se`).
    pub lookalike: String,
    /// A look-alike of the seller's first domain.
    pub seller_lookalike: String,
}

fn with_examples(mut data: Yaml, e: &Examples) -> Yaml {
    if let Some(m) = data.as_mapping_mut() {
        let mut b = Mapping::new();
        b.insert("lookalike".into(), Yaml::String(e.lookalike.clone()));
        b.insert(
            "seller_lookalike".into(),
            Yaml::String(e.seller_lookalike.clone()),
        );
        m.insert("briefing".into(), Yaml::Mapping(b));
    }
    data
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
            Ok(d) => docs.push((*l, d)),
            Err(err) => problems.extend(err),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Rendered { docs })
}
