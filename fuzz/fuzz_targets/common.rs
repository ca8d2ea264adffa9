//! Shared, cached set-up for the fuzz targets.
#![allow(dead_code)]

use dealguard::clauses::Library;
use dealguard_pdf::font::Fonts;
use dealguard::profile::{self, Loaded, Source};
use dealguard::render::templates::Templates;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| Fonts::builtin().expect("built-in fonts load"))
}

pub fn library() -> &'static Library {
    static L: OnceLock<Library> = OnceLock::new();
    L.get_or_init(|| Library::builtin().expect("built-in clauses load"))
}

pub fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| Templates::builtin().expect("built-in templates load"))
}

/// A folder for inputs that need to be files.
pub fn scratch() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("dealguard-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(d.join("reports/photos")).expect("scratch folder");
        d
    })
}

/// A profile parsed from bytes, as `profile::load` would, without touching other files.
pub fn loaded(bytes: &[u8]) -> Option<Loaded> {
    let path = scratch().join("deal.yaml");
    let src = Source::from_bytes(&path, bytes).ok()?;
    let (mut p, index) = profile::yaml::parse::<profile::Profile>(&src).ok()?;
    let problems = profile::check::check_profile(&p, &src, &index);
    // Company folders would make the fuzzer read the machine's files.
    p.security.clause_dirs.clear();
    p.output.template_dirs.clear();
    p.output.font = None;
    Some(Loaded { profile: p, src, index, dir: scratch().clone(), problems })
}

/// The bundled example profile.
pub fn example() -> &'static Loaded {
    static E: OnceLock<Loaded> = OnceLock::new();
    E.get_or_init(|| loaded(include_bytes!("../../examples/nordic-home/deal.yaml")).expect("example loads"))
}

pub fn path(p: &str) -> &Path {
    Path::new(p)
}
