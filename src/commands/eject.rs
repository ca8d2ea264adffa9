//! `dealguard eject DIR`: the built-in clauses and templates written out byte for byte, so
//! that a company edits its own copy (and an ejected set reproduces the built-in output).

use super::shared::Outcome;
use crate::assets;
use crate::cli::EjectArgs;
use crate::diag::{Diagnostic, Problems};
use crate::output::{self, Output};

pub(super) fn eject(a: &EjectArgs) -> Outcome {
    let files: Vec<(&str, &[u8])> = assets::files_under("clauses/")
        .chain(assets::files_under("templates/"))
        .collect();
    let outputs: Vec<Output> = files
        .iter()
        .map(|(p, b)| Output {
            path: a.dir.join(p),
            bytes: b.to_vec(),
        })
        .collect();
    if !a.force {
        let existing: Vec<&Output> = outputs.iter().filter(|o| o.path.exists()).collect();
        if let Some(first) = existing.first() {
            return Err(Diagnostic::error(
                &first.path,
                format!(
                    "already exists ({} of the files to write do)",
                    existing.len()
                ),
            )
            .hint("eject into a new folder, or add `--force` to overwrite")
            .into());
        }
    }
    output::write_all(&outputs).map_err(Problems::from)?;
    crate::outln!("wrote {} files under {}", outputs.len(), a.dir.display());
    crate::outln!(
        "use them with `security: {{ clause_dirs: [{}] }}` in deal.yaml",
        a.dir.join("clauses").display()
    );
    Ok(Problems::new())
}
