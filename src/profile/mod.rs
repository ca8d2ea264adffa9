//! Load stage: reads the deal profile and checks it, parses the bundled example and label
//! files; the only stage that parses YAML.

pub mod aql;
pub mod check;
pub mod deal;
pub mod payment;
pub mod text;
pub mod week;
pub mod yaml;

pub use deal::Profile;
pub use text::{Date, Lang, Langs, Text, Ymd};
pub use yaml::{Index, Source};

use crate::assets;
use crate::diag::Problems;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A profile that passed every check, with what is needed to point back into its file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The profile.
    pub profile: Profile,
    /// The file it came from.
    pub src: Source,
    /// Where each field is written.
    pub index: Index,
    /// The folder of `deal.yaml`: relative paths in the profile start here.
    pub dir: PathBuf,
    /// Problems found by the semantic checks (errors and warnings). Loading goes on after
    /// them so that later stages can add theirs and the user sees everything at once.
    pub problems: Problems,
}

impl Loaded {
    /// Line and column of a field of the profile.
    pub fn pos(&self, field: &str) -> Option<(usize, usize)> {
        self.index.pos(field)
    }
}

/// Reads `deal.yaml` and runs the semantic checks. A file that cannot be read or parsed is an
/// `Err`; semantic problems are returned in `Loaded::problems` so later stages can add theirs.
pub fn load(path: &Path) -> Result<Loaded, Problems> {
    load_or_repair(path).map_err(|b| b.problems)
}

/// [`load`]; when the file's structure has errors, the profile repaired beside them (see
/// `yaml::Broken`): later stages may check the fields the errors leave intact in the same run.
pub fn load_or_repair(path: &Path) -> Result<Loaded, yaml::Broken<Loaded>> {
    let src = Source::read(path).map_err(|d| {
        let d = if d.io && !path.exists() {
            d.hint("run `dealguard init` to create an example deal, or pass `--deal PATH`")
        } else {
            d
        };
        yaml::Broken {
            problems: d.into(),
            repaired: None,
        }
    })?;
    // "deal.yaml" has the empty path as parent; "." is the same folder and can be resolved.
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let loaded = |profile, index, problems| Loaded {
        profile,
        src: src.clone(),
        index,
        dir: dir.clone(),
        problems,
    };
    match yaml::parse_or_repair::<Profile>(&src) {
        Ok((profile, index)) => {
            let mut problems = check::check_profile(&profile, &src, &index);
            // About the deal as a whole: `check` shows them, other commands count them.
            problems.mark_profile_wide();
            Ok(loaded(profile, index, problems))
        }
        Err(b) => Err(yaml::Broken {
            repaired: (b.repaired).map(|(p, index)| loaded(p, index, Problems::new())),
            problems: b.problems,
        }),
    }
}

impl Loaded {
    /// Checks that the deal's own texts exist in every language of an output.
    pub fn check_langs(&self, langs: &Langs) -> Problems {
        let mut c = check::Checker::new(&self.src, &self.index);
        c.text("deal.title", &self.profile.deal.title, langs.list());
        for (i, s) in self.profile.production.stages.iter().enumerate() {
            c.text(
                &format!("production.stages[{i}].name"),
                &s.name,
                langs.list(),
            );
        }
        c.problems
    }
}

/// The bundled example profile (`examples/nordic-home/deal.yaml`), parsed once. It fills every
/// optional section, so later stages read it as the schema of the names a profile may have.
pub fn example() -> &'static Profile {
    static EXAMPLE: LazyLock<Profile> = LazyLock::new(|| {
        // Compiled in, not input: the unit test `bundled_example_parses` shows it parses.
        serde_yaml::from_str(assets::EXAMPLE_DEAL).expect("the bundled example profile parses")
    });
    &EXAMPLE
}

/// The label `key` of `map`, its `KEY_VARIANT` form first where there is one (the words that
/// depend on a setting: a `milestones` deal's report is not "weekly").
pub fn label<'a>(
    map: &'a BTreeMap<String, Text>,
    key: &str,
    variant: Option<&str>,
) -> Option<&'a Text> {
    variant
        .and_then(|v| map.get(&format!("{key}_{v}")))
        .or_else(|| map.get(key))
}

/// Label texts by key from the layers of one label file (`templates/report-labels.yaml`),
/// built-in first: each later layer (a company's `template_dirs`) overrides the keys it has.
pub fn labels(layers: &[Source]) -> Result<BTreeMap<String, Text>, Problems> {
    let mut map = BTreeMap::new();
    for src in layers {
        let (layer, _) = yaml::parse::<BTreeMap<String, Text>>(src)?;
        map.extend(layer);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_example_parses() {
        // `example()` relies on this: the bundled profile parses, and passes its own checks.
        assert!(serde_yaml::from_str::<Profile>(assets::EXAMPLE_DEAL).is_ok());
        let src = Source::from_bytes(Path::new("deal.yaml"), assets::EXAMPLE_DEAL.as_bytes());
        let src = src.map_err(|d| d.message).unwrap();
        let (p, index) = yaml::parse::<Profile>(&src).map_err(|_| "parse").unwrap();
        assert!(!check::check_profile(&p, &src, &index).has_errors());
        assert_eq!(example().deal.id, p.deal.id);
    }

    #[test]
    fn later_label_layers_override_keys() {
        let layer = |name: &str, text: &str| {
            Source::from_bytes(Path::new(name), text.as_bytes()).map_err(|d| d.message)
        };
        let base = layer("a.yaml", "none: {en: None, zh: 无}\nweek: {en: Week}\n").unwrap();
        let over = layer("b.yaml", "none: {en: Nothing}\n").unwrap();
        let map = labels(&[base, over]).map_err(|_| "parse").unwrap();
        assert_eq!(map["none"].get(Lang::En), Some("Nothing"));
        assert_eq!(map["week"].get(Lang::En), Some("Week"));
        let bad = layer("c.yaml", "none: [\n").unwrap();
        let problems = labels(&[bad]).err().unwrap();
        assert!(!problems.is_empty());
        assert!(problems
            .iter()
            .all(|d| d.place == crate::diag::Where::File("c.yaml".into()) && d.pos.is_some()));
    }
}
