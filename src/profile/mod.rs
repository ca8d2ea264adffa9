//! Load stage: reads the deal profile and checks it; the only stage that parses YAML.

pub mod aql;
pub mod check;
pub mod deal;
pub mod text;
pub mod week;
pub mod yaml;

pub use deal::Profile;
pub use text::{Date, Lang, Langs, Text, Ymd};
pub use yaml::{Index, Source};

use crate::diag::Problems;
use std::path::{Path, PathBuf};

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
    let src = Source::read(path).map_err(|d| {
        if d.io && !path.exists() {
            d.hint("run `dealguard init` to create an example deal, or pass `--deal PATH`")
        } else {
            d
        }
    })?;
    let (profile, index) = yaml::parse::<Profile>(&src)?;
    let problems = check::check_profile(&profile, &src, &index);
    // "deal.yaml" has the empty path as parent; "." is the same folder and can be resolved.
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(Loaded {
        profile,
        src,
        index,
        dir,
        problems,
    })
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
