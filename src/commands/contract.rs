//! `dealguard contract`: the information-security schedule (Markdown, HTML, PDF, DOCX); its
//! document function is shared with `build`.

use super::shared::{
    docx_error, inputs, outputs, pdf_error, pdf_fonts, prepare, select, timestamp, write, Outcome,
    Prepared, Rendered, Run,
};
use crate::clauses::Selection;
use crate::cli::ContractArgs;
use crate::diag::Problems;
use crate::profile::deal::Format;
use crate::render::pdfdoc::{self, ContractLayout};
use crate::render::templates::Labels;
use crate::render::{self, contract};
use dealguard_pdf::font::Fonts;
use std::path::Path;

/// The contract schedule in `formats`.
pub(crate) fn contract_docs(
    p: &Prepared,
    sel: &Selection,
    formats: &[Format],
    layout: ContractLayout,
    fonts: Option<&Fonts>,
) -> Result<Rendered, Problems> {
    let schedule = p.schedule(sel)?;
    let labels = Labels::load(&p.templates, "contract-labels.yaml", &p.langs)?;
    let mut out = Vec::new();
    for f in formats {
        let bytes = match f {
            Format::Md => contract::markdown(&schedule, &p.loaded.profile, &labels).into_bytes(),
            Format::Html => contract::html(&schedule, &p.loaded.profile, &labels).into_bytes(),
            Format::Pdf => {
                let fonts = fonts.ok_or_else(|| pdf_error(&p.loaded, "no fonts".into()))?;
                pdfdoc::contract(
                    &schedule,
                    &p.loaded.profile,
                    &labels,
                    fonts,
                    layout,
                    timestamp(&p.loaded, 0),
                )
                .map_err(|m| pdf_error(&p.loaded, m))?
            }
            Format::Docx => render::docx::contract(
                &schedule,
                &p.loaded.profile,
                &labels,
                layout,
                timestamp(&p.loaded, 0),
            )
            .map_err(|m| docx_error(&p.loaded, m))?,
            _ => continue,
        };
        out.push((*f, bytes));
    }
    Ok(out)
}

pub(super) fn contract_cmd(deal: &Path, a: &ContractArgs) -> Outcome {
    let (formats, layout, output) = (a.formats(), a.layout.into(), a.output.output.as_deref());
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let fonts = pdf_fonts(&mut run, &p, "contract", &formats, a.font.font.as_deref())?;
    let files = run.stage(contract_docs(&p, &sel, &formats, layout, fonts.as_ref()))?;
    let outs = outputs(&p, "contract", files, output);
    write(&mut run, &outs, &inputs(&p))?;
    run.finish()
}
