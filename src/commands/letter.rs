//! `dealguard letter`: the welcome letter; its document function writes the replies too
//! (`reply.rs`) and is shared with `build`.

use super::shared::{
    docx_error, inputs, occasion, outputs, pdf_error, pdf_fonts, prepare, select, timestamp, write,
    Outcome, Prepared, Rendered, Run,
};
use crate::clauses::Selection;
use crate::cli::LetterArgs;
use crate::diag::Problems;
use crate::profile::deal::Format;
use crate::profile::Ymd;
use crate::render;
use crate::render::env::Numbers;
use crate::render::letters::{self, Kind, Tone};
use crate::render::pdfdoc;
use crate::render::templates::Labels;
use dealguard_pdf::font::Fonts;
use std::path::Path;
use std::sync::Arc;

/// The welcome letter or a reply in `formats`.
pub(crate) fn letter_docs(
    p: &Prepared,
    sel: &Selection,
    kind: Kind,
    formats: &[Format],
    reply_date: Option<Ymd>,
    fonts: Option<&Fonts>,
) -> Result<Rendered, Problems> {
    let tone = match kind {
        Kind::Reply(t) => t,
        Kind::Letter => Tone::Formal,
    };
    let langs = &p.reader_langs;
    let o = occasion(p, sel, tone, reply_date)?;
    let numbers: Numbers = Arc::new(sel.numbers().clone());
    let r = letters::render(
        kind,
        &p.loaded.profile,
        &sel.terms,
        numbers,
        &p.templates,
        langs,
        &o,
    )?;
    let mut out = Vec::new();
    for f in formats {
        let bytes = match f {
            Format::Md => r.markdown().into_bytes(),
            Format::Txt => r.text().into_bytes(),
            Format::Html => r.html().into_bytes(),
            Format::Eml => letters::eml(&r, &p.loaded.profile, langs, timestamp(&p.loaded, 1)),
            Format::Pdf => {
                let fonts = fonts.ok_or_else(|| pdf_error(&p.loaded, "no fonts".into()))?;
                let labels = Labels::load(&p.templates, "report-labels.yaml", langs)?;
                pdfdoc::letter(
                    &r,
                    &p.loaded.profile,
                    langs,
                    &labels,
                    fonts,
                    timestamp(&p.loaded, 1),
                )
                .map_err(|m| pdf_error(&p.loaded, m))?
            }
            Format::Docx => {
                let labels = Labels::load(&p.templates, "report-labels.yaml", langs)?;
                let ts = timestamp(&p.loaded, 1);
                render::docx::letter(&r, &p.loaded.profile, langs, &labels, ts)
                    .map_err(|m| docx_error(&p.loaded, m))?
            }
        };
        out.push((*f, bytes));
    }
    Ok(out)
}

pub(super) fn letter_cmd(deal: &Path, a: &LetterArgs) -> Outcome {
    let formats = a.formats();
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let fonts = pdf_fonts(&mut run, &p, "letter", &formats, a.font.font.as_deref())?;
    let files = run.stage(letter_docs(
        &p,
        &sel,
        Kind::Letter,
        &formats,
        None,
        fonts.as_ref(),
    ))?;
    let outs = outputs(&p, "letter", files, a.output.output.as_deref());
    write(&mut run, &outs, &inputs(&p))?;
    run.finish()
}
