//! The fonts of a deal's PDFs: `--font`, `output.font`, built in; read bounded, every problem
//! located at the option or the profile field that named the font.

use super::{Prepared, Run};
use crate::diag::{Diagnostic, Problems, Where};
use crate::profile::deal::Format;
use crate::profile::Loaded;
use crate::render::glyphs;
use dealguard_pdf::font::{FacePick, Fonts, UserFont};
use std::path::{Path, PathBuf};

/// The fonts of a deal's PDFs: `--font`, else `output.font` (and `output.font_bold`), else
/// built in; installed fonts last, unless `DEALGUARD_NO_SYSTEM_FONTS` is set.
pub(crate) fn load_fonts(loaded: &Loaded, arg: Option<&Path>) -> Result<Fonts, Problems> {
    let system = |f: Fonts| match std::env::var_os("DEALGUARD_NO_SYSTEM_FONTS") {
        Some(_) => f,
        None => f.with_system_fonts(),
    };
    let (regular, field) = match (arg, &loaded.profile.output.font) {
        (Some(a), _) => (a.to_path_buf(), None),
        (None, Some(f)) => (f.clone(), Some("output.font")),
        (None, None) => {
            return Fonts::builtin()
                .map(system)
                .map_err(|m| Diagnostic::error(Where::built_in("font"), m).into());
        }
    };
    let user = |shown: &Path, field: Option<&'static str>, bold: bool| {
        let full = if field.is_some() {
            loaded.dir.join(shown)
        } else {
            shown.to_path_buf()
        };
        let (path, pick) = FacePick::split(&full);
        let bytes = read_font(loaded, &path, shown, field)?;
        Ok::<_, Problems>(UserFont {
            path,
            bytes: std::sync::Arc::new(bytes),
            pick,
            bold,
        })
    };
    let font = user(&regular, field, false)?;
    let bold = match (field, &loaded.profile.output.font_bold) {
        (Some(_), Some(b)) => Some(user(b, Some("output.font_bold"), true)?),
        // A `*-Bold` file beside the regular one, if there is one.
        _ => font_bold_sibling(&font.path)
            .map(|p| user(&p, None, true))
            .transpose()?,
    };
    let shown = regular.clone();
    Fonts::with_user_font(font, bold).map(system).map_err(|m| {
        locate(loaded, &shown, field, Diagnostic::error(&shown, m))
            .hint("give a TrueType or OpenType font (.ttf, .otf, .ttc), `PATH#INDEX` or `PATH#FAMILY` for a face of a collection")
            .into()
    })
}

fn font_bold_sibling(path: &Path) -> Option<PathBuf> {
    dealguard_pdf::font::bold_siblings(path)
        .into_iter()
        .find(|p| p.is_file())
}

/// A diagnostic about a font named in the profile, located at its field.
fn locate(loaded: &Loaded, shown: &Path, field: Option<&str>, d: Diagnostic) -> Diagnostic {
    match field {
        Some(f) => Diagnostic::error(
            &loaded.src.path,
            format!("font `{}` {}", shown.display(), d.message),
        )
        .at(loaded.pos(f))
        .field(f),
        None => d,
    }
}

fn read_font(
    loaded: &Loaded,
    path: &Path,
    shown: &Path,
    field: Option<&str>,
) -> Result<Vec<u8>, Problems> {
    use crate::fs::{io_error, read_bounded, ReadFail};
    const MAX_FONT: u64 = 64 * 1024 * 1024;
    read_bounded(path, MAX_FONT).map_err(|e| {
        let d = match e {
            ReadFail::TooBig(n) => Diagnostic::error(
                shown,
                format!("is {n} bytes; fonts may be at most {MAX_FONT} bytes"),
            ),
            ReadFail::NotAFile => Diagnostic::error(shown, "is not a regular file"),
            ReadFail::Io(e) => io_error(shown, "read font", &e),
        };
        locate(loaded, shown, field, d).into()
    })
}

/// The fonts, when one of `formats` is a PDF; the profile's texts in the languages of
/// document `what` are checked against them.
pub(crate) fn pdf_fonts(
    run: &mut Run,
    p: &Prepared,
    what: &str,
    formats: &[Format],
    font: Option<&Path>,
) -> Result<Option<Fonts>, Problems> {
    if !formats.contains(&Format::Pdf) {
        return Ok(None);
    }
    let fonts = run.stage(load_fonts(&p.loaded, font))?;
    run.problems
        .extend(glyphs::profile(&p.loaded, p.langs_for(what), &fonts));
    Ok(Some(fonts))
}
