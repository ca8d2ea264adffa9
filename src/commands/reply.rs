//! `dealguard reply`: the ready reply to a buyer who asks for a login, warm or formal, dated
//! on the latest report day; written by the letter's document function.

use super::letter::letter_docs;
use super::shared::{inputs, outputs, prepare, reported_weeks, select, write, Outcome, Run};
use crate::cli::ReplyArgs;
use crate::profile::{Loaded, Ymd};
use crate::render::letters::{Kind, Tone};
use std::path::Path;

/// The default day of a reply: the report day of the latest week file, else the contract date.
fn default_reply_date(loaded: &Loaded) -> Option<Ymd> {
    let latest = reported_weeks(&loaded.dir).into_iter().max();
    match latest {
        Some(w) => Some(loaded.profile.channels.reports.date_in(w)),
        None => loaded.profile.deal.signed.ymd,
    }
}

/// The reply's day: `--date`, or the default.
pub(crate) fn reply_date(loaded: &Loaded, arg: Option<Ymd>) -> Option<Ymd> {
    arg.or_else(|| default_reply_date(loaded))
}

pub(super) fn reply_cmd(deal: &Path, a: &ReplyArgs) -> Outcome {
    let (formats, tone): (_, Tone) = (a.formats(), a.tone.into());
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let date = reply_date(&p.loaded, a.date);
    let files = run.stage(letter_docs(
        &p,
        &sel,
        Kind::Reply(tone),
        &formats,
        date,
        None,
    ))?;
    let outs = outputs(
        &p,
        &format!("reply-{}", tone.code()),
        files,
        a.output.output.as_deref(),
    );
    write(&mut run, &outs, &inputs(&p))?;
    run.finish()
}
