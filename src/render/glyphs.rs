//! Render stage: characters of the profile and week files that no font draws — the one
//! check that every command drawing a PDF (and `check`) runs, filtered to the languages drawn.

use crate::diag::{Diagnostic, Problems};
use crate::profile::week::LoadedWeek;
use crate::profile::{Index, Lang, Langs, Loaded};
use dealguard_pdf::font::Fonts;
use serde_yaml::Value as Yaml;
use std::collections::BTreeSet;
use std::path::Path;

/// Warnings for the profile's texts drawn in `langs` that have characters no font has.
pub fn profile(loaded: &Loaded, langs: &Langs, fonts: &Fonts) -> Problems {
    check(
        &profile_value(loaded),
        &loaded.src.path,
        &loaded.index,
        langs,
        fonts,
    )
}

/// The parts of the profile that documents draw, as one value.
fn profile_value(loaded: &Loaded) -> Yaml {
    let prof = &loaded.profile;
    // `security` and `output` hold names and paths that no document draws.
    let mut m = serde_yaml::Mapping::new();
    for (name, v) in [
        ("deal", serde_yaml::to_value(&prof.deal)),
        ("seller", serde_yaml::to_value(&prof.seller)),
        ("buyer", serde_yaml::to_value(&prof.buyer)),
        ("payment", serde_yaml::to_value(&prof.payment)),
        ("channels", serde_yaml::to_value(&prof.channels)),
        ("production", serde_yaml::to_value(&prof.production)),
    ] {
        m.insert(Yaml::String(name.to_string()), v.unwrap_or(Yaml::Null));
    }
    Yaml::Mapping(m)
}

/// Every character of the profile's and the weeks' texts drawn in `langs` (`check --fonts`).
pub fn chars(loaded: &Loaded, weeks: &[LoadedWeek], langs: &Langs) -> BTreeSet<char> {
    let mut all = Vec::new();
    strings(&profile_value(loaded), String::new(), &mut all);
    for w in weeks {
        let v = serde_yaml::to_value(&w.week).unwrap_or(Yaml::Null);
        strings(&v, String::new(), &mut all);
    }
    all.iter()
        .filter(|(field, _)| drawn(field, langs))
        .flat_map(|(_, text)| text.chars())
        .collect()
}

/// Warnings for the week file's texts drawn in `langs` that have characters no font has.
pub fn week(week: &LoadedWeek, langs: &Langs, fonts: &Fonts) -> Problems {
    let v = serde_yaml::to_value(&week.week).unwrap_or(Yaml::Null);
    check(&v, &week.src.path, &week.index, langs, fonts)
}

/// One warning per field, naming each missing character once.
fn check(v: &Yaml, file: &Path, index: &Index, langs: &Langs, fonts: &Fonts) -> Problems {
    let mut all = Vec::new();
    strings(v, String::new(), &mut all);
    // A text written once for both languages is one field in the file, not two.
    let mut fields: Vec<(String, Vec<char>)> = Vec::new();
    for (field, text) in all {
        if !drawn(&field, langs) {
            continue;
        }
        let missing = fonts.missing(&text);
        if missing.is_empty() {
            continue;
        }
        let shown = as_written(&field, index);
        match fields.iter_mut().find(|(f, _)| *f == shown) {
            Some((_, chars)) => {
                for c in missing {
                    if !chars.contains(&c) {
                        chars.push(c);
                    }
                }
            }
            None => fields.push((shown, missing)),
        }
    }
    let mut p = Problems::new();
    for (field, missing) in fields {
        let chars: Vec<String> = missing
            .iter()
            .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
            .collect();
        p.push(
            Diagnostic::warning(
                file,
                format!("no font has {}; drawn as `?`", chars.join(", ")),
            )
            .at(index.pos(&field))
            .field(field)
            .hint("choose a font that has them with `--font PATH`, or write the text without them"),
        );
    }
    p
}

/// Whether a field is drawn in `langs`: a text's `en`/`zh` value only in its language, and a
/// `name_local` (the name in Chinese characters) only in Chinese.
fn drawn(field: &str, langs: &Langs) -> bool {
    let last = field.rsplit(['.', '[']).next().unwrap_or(field);
    let has = |l: Lang| langs.list().contains(&l);
    match last {
        "en" => has(Lang::En),
        "zh" | "name_local" => has(Lang::Zh),
        _ => true,
    }
}

/// The field as the file spells it: `deal.title` for a text given once for both languages.
fn as_written(field: &str, index: &Index) -> String {
    match field.rsplit_once('.') {
        Some((parent, "en" | "zh")) if !index.has(field) => parent.to_string(),
        _ => field.to_string(),
    }
}

/// Every string of a value with its field path (`photos[2].caption.en`).
fn strings(v: &Yaml, path: String, out: &mut Vec<(String, String)>) {
    match v {
        Yaml::String(s) => out.push((path, s.clone())),
        Yaml::Sequence(items) => {
            for (i, x) in items.iter().enumerate() {
                strings(x, format!("{path}[{i}]"), out);
            }
        }
        Yaml::Mapping(m) => {
            for (k, x) in m {
                let k = k.as_str().unwrap_or("?");
                let p = if path.is_empty() {
                    k.to_string()
                } else {
                    format!("{path}.{k}")
                };
                strings(x, p, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_filtered_to_the_languages_drawn() {
        let en: Langs = "en".parse().unwrap_or_else(|_| Langs::new(&[]));
        let zh = Langs::new(&[Lang::Zh]);
        assert!(drawn("deal.title.en", &en));
        assert!(!drawn("deal.title.zh", &en));
        assert!(!drawn("seller.name_local", &en));
        assert!(!drawn("seller.contacts[0].name_local", &en));
        assert!(drawn("seller.name_local", &zh));
        assert!(!drawn("photos[0].caption.en", &zh));
        assert!(drawn("seller.name", &zh));
    }

    #[test]
    fn a_text_given_once_is_named_by_its_field() {
        let idx = Index::default();
        assert_eq!(as_written("deal.title.zh", &idx), "deal.title");
        assert_eq!(as_written("seller.name", &idx), "seller.name");
    }
}
