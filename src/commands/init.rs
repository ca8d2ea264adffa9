//! `dealguard init [DIR]`: a commented example deal folder that runs as is — the bundled
//! deal and its first week (photos and attachments left out: they are not in the binary).

use super::shared::Outcome;
use crate::assets;
use crate::cli::InitArgs;
use crate::diag::{Diagnostic, Problems};
use crate::output::{self, Output};

pub(super) fn init(a: &InitArgs) -> Outcome {
    let deal = a.dir.join("deal.yaml");
    if deal.exists() {
        return Err(
            Diagnostic::error(&deal, "already exists; `init` never overwrites a deal")
                .hint("choose an empty folder: `dealguard init my-new-deal`")
                .into(),
        );
    }
    let week = a.dir.join("reports/2026-W49.yaml");
    let outputs = [
        Output {
            path: deal.clone(),
            bytes: assets::EXAMPLE_DEAL.as_bytes().to_vec(),
        },
        Output {
            path: week.clone(),
            bytes: example_week_without_photos().into_bytes(),
        },
    ];
    output::write_all(&outputs).map_err(Problems::from)?;
    crate::outln!("wrote {} and {}", deal.display(), week.display());
    crate::outln!(
        "next: edit them, then `dealguard --deal {} build`",
        deal.display()
    );
    // The report is the weekly job: show its routine once, where the deal starts.
    let d = deal.display();
    crate::outln!("every week: `dealguard --deal {d} week new` (writes the next week's file; FILL IN marks what to write),");
    crate::outln!("  edit it (actual %, captions, summary), then `dealguard --deal {d} report reports/<week>.yaml`;");
    crate::outln!("  `dealguard --deal {d} status` shows all weeks");
    // The moment money is lost is when a mail asks for it: say how to check one.
    crate::outln!(
        "when a mail asks for a payment, new bank details or a login: `dealguard --deal {} verify MAIL.eml` (exit 4 = warning signs; then call the number in the contract)",
        deal.display()
    );
    Ok(Problems::new())
}

/// The example week with its photo list emptied (the photos are not part of the binary),
/// and a comment showing how to add some.
fn example_week_without_photos() -> String {
    let week = &commented_attachments(assets::EXAMPLE_WEEK);
    match (week.find("\nphotos:\n"), week.find("\nvideos:")) {
        (Some(a), Some(b)) if a < b => format!(
            "{}\nphotos: []   # add site photos from the phone, for example:\n#  - file: photos/line-1.jpg        # relative to this file, inside the deal folder\n#    caption: {{en: Deep drawing line 1, zh: 一号拉伸线}}\n#    stage: cutting\n#    taken: 2026-12-02\n{}",
            &week[..a],
            &week[b..]
        ),
        _ => week.to_string(),
    }
}

/// The example week with its attachments commented out: their scans are not written, and the
/// lines show how to attach one.
fn commented_attachments(week: &str) -> String {
    let mut inside = false;
    let mut out = String::with_capacity(week.len() + 64);
    for line in week.lines() {
        let indent = line.len() - line.trim_start().len();
        inside = line.trim_start().starts_with("attachments:") || (inside && indent > 4);
        if inside {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
