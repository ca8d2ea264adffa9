//! `verify` and `lookalikes`, the verify stage's commands, and the two documents of the
//! call-back rule: `briefing` (for the seller's staff) and `callback-form`. `verify` reads the
//! mails — files (`.eml`, `.msg`, an mbox by its first line), Maildir folders, standard input,
//! every one bounded — runs the engine (`dealguard-mail`, through `src/verify/`) and hands `main` the exit code (4 when
//! a mail shows a warning sign).

use super::shared::{inputs, load_fonts, prepare, resolve_langs, select, write, Ended};
use super::shared::{occasion, outputs, pdf_error, timestamp, Outcome, Prepared, Rendered, Run};
use crate::clauses::Selection;
use crate::cli::{
    BriefingArgs, CallbackFormArgs, LookalikesArgs, LookalikesFormat, PartyPick, VerifyArgs,
    VerifyFormat,
};
use crate::diag::{Diagnostic, Problems};
use crate::fs::{io_error, read_bounded, ReadFail};
use crate::output::Output;
use crate::profile::deal::Format;
use crate::profile::{self, Langs, Loaded};
use crate::render::briefing::{self, Examples};
use crate::render::env::Numbers;
use crate::render::letters::Tone;
use crate::render::templates::Labels;
use crate::render::{callback, pdfdoc};
use crate::verify;
use dealguard_mail::Lookalike;
use dealguard_pdf::font::Fonts;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Largest mail file read: mail servers refuse messages above 25–50 MB.
const MAX_MAIL: u64 = 64 * 1024 * 1024;
/// Largest mbox read: a year of a busy mailbox, still well inside the machine's memory.
const MAX_MBOX: u64 = 1024 * 1024 * 1024;

/// The profile and the languages of the output, or every problem found loading them.
fn load(run: &mut Run, deal: &Path, lang: Option<&Langs>) -> Result<(Loaded, Langs), Problems> {
    let mut loaded = run.stage(profile::load(deal))?;
    run.problems.extend(std::mem::take(&mut loaded.problems));
    let langs = resolve_langs(lang, &loaded);
    run.problems.extend(loaded.check_langs(&langs));
    run.checkpoint()?;
    Ok((loaded, langs))
}

/// One mail to check: the name to report it under and its bytes.
type Mail = (PathBuf, Vec<u8>);

/// The name standard input is reported under.
const STDIN: &str = "(stdin)";

/// Reads one input file: regular files only, at most `max` bytes.
fn read_input(path: &Path, max: u64, what: &str) -> Result<Vec<u8>, Diagnostic> {
    read_bounded(path, max).map_err(|e| match e {
        ReadFail::TooBig(n) => Diagnostic::error(
            path,
            format!("is {}; a {what} may be at most {}", mib(n), mib(max)),
        ),
        ReadFail::NotAFile => Diagnostic::error(path, "is not a regular file")
            .hint(format!("give a {what} saved from the mail program")),
        ReadFail::Io(e) => io_error(path, "read", &e),
    })
}

/// A size for messages: MiB when it is MiB.
fn mib(n: u64) -> String {
    dealguard_mail::mail::attach::size(n)
}

/// Standard input, at most `MAX_MAIL` bytes (a pipe has no size to check first).
fn read_stdin() -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let path = Path::new(STDIN);
    std::io::stdin()
        .lock()
        .take(MAX_MAIL + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, "read", &e))?;
    if bytes.len() as u64 > MAX_MAIL {
        return Err(Diagnostic::error(
            path,
            format!("is over {}, the limit for one mail", mib(MAX_MAIL)),
        )
        .hint("give an mbox file with `--mbox` for many mails"));
    }
    Ok(bytes)
}

/// The message files of a Maildir (`cur/` and `new/`, or one of them given itself), each
/// folder sorted by name; `None` when `dir` is not a Maildir.
fn maildir_files(dir: &Path) -> Option<Vec<PathBuf>> {
    let is_box = |p: &Path| matches!(p.file_name().and_then(|n| n.to_str()), Some("cur" | "new"));
    let folders: Vec<PathBuf> = if is_box(dir) {
        vec![dir.to_path_buf()]
    } else {
        ["cur", "new"]
            .iter()
            .map(|f| dir.join(f))
            .filter(|f| f.is_dir())
            .collect()
    };
    if folders.is_empty() {
        return None;
    }
    let mut files = Vec::new();
    for folder in folders {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            // Dot files are the mail program's own (`.DS_Store`, Dovecot's indexes).
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .collect();
        names.sort();
        files.extend(names);
    }
    Some(files)
}

/// Every mail of one mbox, numbered; a warning when it holds none.
fn mbox_mails(path: &Path, bytes: &[u8], mails: &mut Vec<Mail>, problems: &mut Problems) {
    let found = dealguard_mail::mbox_inputs(path, bytes);
    if found.is_empty() {
        problems.push(
            Diagnostic::warning(path, "holds no messages")
                .hint("an mbox starts each message with a `From ` line"),
        );
    }
    mails.extend(found);
}

/// One `MAIL` argument: a file (a mail, an `.msg`, or an mbox by its first line), a Maildir
/// folder, or `-` for standard input.
fn read_arg(path: &Path, budget: &mut u64, mails: &mut Vec<Mail>, problems: &mut Problems) {
    let one = |bytes: Vec<u8>, name: &Path, mails: &mut Vec<Mail>, problems: &mut Problems| {
        // A file that starts with an mbox `From ` line holds one or more messages; a single
        // one keeps the file's own name.
        if bytes.starts_with(b"From ") {
            let found = dealguard_mail::mbox_inputs(name, &bytes);
            if found.len() > 1 {
                mails.extend(found);
                return;
            }
            if found.is_empty() {
                mbox_mails(name, &bytes, mails, problems);
                return;
            }
        }
        mails.push((name.to_path_buf(), bytes));
    };
    if path == Path::new("-") {
        match read_stdin() {
            Ok(bytes) => one(bytes, Path::new(STDIN), mails, problems),
            Err(d) => problems.push(d),
        }
        return;
    }
    if path.is_dir() {
        let Some(files) = maildir_files(path) else {
            problems.push(
                Diagnostic::error(
                    path,
                    "is not a regular file nor a Maildir folder (it has no `cur/` or `new/`)",
                )
                .hint("give the mail files (`.eml`, `.msg`), an mbox, or a Maildir folder"),
            );
            return;
        };
        for f in files {
            match read_input(&f, MAX_MAIL, "mail file") {
                Ok(bytes) if bytes.len() as u64 > *budget => {
                    problems.push(
                        Diagnostic::error(
                            path,
                            format!("holds more than {} of mail", mib(MAX_MBOX)),
                        )
                        .hint("check the Maildir's folders one by one"),
                    );
                    return;
                }
                Ok(bytes) => {
                    *budget -= bytes.len() as u64;
                    mails.push((f, bytes));
                }
                Err(d) => problems.push(d),
            }
        }
        return;
    }
    // A plain argument may be a whole mbox file: it gets the mbox's limit.
    match read_input(path, MAX_MBOX, "mail file") {
        Ok(bytes) if bytes.len() as u64 > MAX_MAIL && !bytes.starts_with(b"From ") => {
            problems.push(
                Diagnostic::error(
                    path,
                    format!("is {}; a mail file may be at most {}", mib(bytes.len() as u64), mib(MAX_MAIL)),
                )
                .hint("give an mbox file with `--mbox`, or save the mail without its large attachments"),
            );
        }
        Ok(bytes) => one(bytes, path, mails, problems),
        Err(d) => problems.push(d),
    }
}

/// Every mail to check, in the order given: the `MAIL` arguments (files, Maildir folders,
/// standard input), then each `--mbox`'s messages. All inputs are read before any problem is
/// reported, so one run names every bad file.
fn read_mails(a: &VerifyArgs) -> Result<(Vec<Mail>, Problems), Problems> {
    let mut mails = Vec::new();
    let mut problems = Problems::new();
    let mut budget = MAX_MBOX;
    if a.mails.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        problems.push(
            Diagnostic::error(Path::new(STDIN), "`-` is given more than once")
                .hint("standard input can be read once"),
        );
    }
    for path in &a.mails {
        read_arg(path, &mut budget, &mut mails, &mut problems);
    }
    for path in &a.mbox {
        match read_input(path, MAX_MBOX, "mbox file") {
            Ok(bytes) => mbox_mails(path, &bytes, &mut mails, &mut problems),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((mails, problems))
}

/// `verify`: the verdicts on every mail, to standard output or `-o`; exit 4 on warning signs.
pub(super) fn verify_cmd(deal: &Path, a: &VerifyArgs) -> Ended {
    let mut run = Run::new();
    let (loaded, langs) = load(&mut run, deal, a.lang.lang.as_ref())?;
    let (mails, warnings) = run.stage(read_mails(a))?;
    run.problems.extend(warnings);
    let verdicts = verify::verify(&loaded.profile, &mails);
    // A mail that cannot be parsed is a problem in the input: report it located, write nothing.
    run.problems.extend(verdicts.problems());
    run.checkpoint()?;
    let text = match a.format {
        VerifyFormat::Text => verify::render_text(&verdicts, &langs),
        VerifyFormat::Json => verify::render_json(&verdicts, &langs),
    };
    let out = Output {
        path: a.output.clone().unwrap_or_else(|| PathBuf::from("-")),
        bytes: text.into_bytes(),
    };
    // `-o` may not overwrite any mail read (Maildir files included).
    let mut inputs = vec![loaded.src.path.clone()];
    inputs.extend(a.mails.iter().chain(&a.mbox).cloned());
    inputs.extend(mails.iter().map(|(p, _)| p.clone()));
    inputs.retain(|p| p != Path::new(STDIN) && p != Path::new("-"));
    write(&mut run, &[out], &inputs)?;
    let code = verdicts.exit_code();
    run.finish().map(|w| (w, code))
}

/// The look-alikes of the chosen parties' domains, each once, the deal's own domains left out.
pub(crate) fn deal_lookalikes(loaded: &Loaded, party: PartyPick) -> Vec<Lookalike> {
    let p = &loaded.profile;
    let parties = match party {
        PartyPick::Seller => vec![&p.seller],
        PartyPick::Buyer => vec![&p.buyer],
        PartyPick::Both => vec![&p.seller, &p.buyer],
    };
    let own: BTreeSet<String> = [&p.seller, &p.buyer]
        .iter()
        .flat_map(|x| x.email_domains.iter().map(|d| d.to_ascii_lowercase()))
        .collect();
    let mut seen = BTreeSet::new();
    let mut list = Vec::new();
    for d in parties.iter().flat_map(|x| &x.email_domains) {
        for l in dealguard_mail::lookalikes(d) {
            // One seller domain may be a look-alike of the other party's: never block a party.
            if !own.contains(&l.ascii) && seen.insert(l.ascii.clone()) {
                list.push((d.to_lowercase(), l));
            }
        }
    }
    // The likeliest first, whichever party's they are.
    dealguard_mail::ranked(&list).into_iter().cloned().collect()
}

/// `lookalikes`: the list as text, CSV or a Sieve rule, to standard output or `-o`.
pub(super) fn lookalikes_cmd(deal: &Path, a: &LookalikesArgs) -> Outcome {
    let mut run = Run::new();
    let (loaded, _) = load(&mut run, deal, None)?;
    let list = deal_lookalikes(&loaded, a.party);
    if list.is_empty() {
        let field = match a.party {
            PartyPick::Buyer => "buyer.email_domains",
            _ => "seller.email_domains",
        };
        return Err(Diagnostic::error(&loaded.src.path, "no domain to permute")
            .at(loaded.pos(field))
            .field(field)
            .hint("list the party's mail domains in `email_domains`")
            .into());
    }
    let shown = if a.all {
        list.len()
    } else {
        a.top.min(list.len())
    };
    let list = &list[..shown];
    let text = match a.format {
        LookalikesFormat::Table => dealguard_mail::lookalikes_table(list),
        LookalikesFormat::Txt => dealguard_mail::lookalikes_txt(list),
        LookalikesFormat::Csv => dealguard_mail::lookalikes_csv(list),
        LookalikesFormat::Sieve => dealguard_mail::lookalikes_sieve(list),
    };
    let out = Output {
        path: a.output.clone().unwrap_or_else(|| PathBuf::from("-")),
        bytes: text.into_bytes(),
    };
    write(&mut run, &[out], std::slice::from_ref(&loaded.src.path))?;
    run.finish()
}

/// The staff briefing in `formats` (Markdown, PDF on the letterhead).
pub(crate) fn briefing_docs(
    p: &Prepared,
    sel: &Selection,
    formats: &[Format],
    fonts: Option<&Fonts>,
) -> Result<Rendered, Problems> {
    let o = occasion(p, sel, Tone::Formal, None)?;
    let numbers: Numbers = Arc::new(sel.numbers().clone());
    let ex = Examples::for_deal(&p.loaded.profile);
    let r = briefing::render(
        &p.loaded.profile,
        &sel.terms,
        numbers,
        &p.templates,
        &p.langs,
        &o,
        &ex,
    )?;
    let mut out = Vec::new();
    for f in formats {
        let bytes = match f {
            Format::Md => r.markdown().into_bytes(),
            Format::Pdf => {
                let fonts = fonts.ok_or_else(|| pdf_error(&p.loaded, "no fonts".into()))?;
                let labels = Labels::load(&p.templates, "report-labels.yaml", &p.langs)?;
                let ts = timestamp(&p.loaded, 1);
                pdfdoc::briefing(&r, &p.loaded.profile, &p.langs, &labels, fonts, ts)
                    .map_err(|m| pdf_error(&p.loaded, m))?
            }
            _ => continue,
        };
        out.push((*f, bytes));
    }
    Ok(out)
}

/// The call-back record as a PDF.
pub(crate) fn callback_doc(
    p: &Prepared,
    sel: &Selection,
    fonts: &Fonts,
) -> Result<Vec<u8>, Problems> {
    let lb = Labels::load(&p.templates, "callback-labels.yaml", &p.langs)?;
    let report = Labels::load(&p.templates, "report-labels.yaml", &p.langs)?;
    let clause = sel
        .numbers()
        .get("payment-verification")
        .map_or_else(|| "payment-verification".to_string(), usize::to_string);
    let ts = timestamp(&p.loaded, 1);
    callback::form(
        &p.loaded.profile,
        &p.langs,
        &lb,
        &report,
        &clause,
        fonts,
        ts,
    )
    .map_err(|m| pdf_error(&p.loaded, m))
}

/// `briefing`: the one-page staff briefing.
pub(super) fn briefing_cmd(deal: &Path, a: &BriefingArgs) -> Outcome {
    let formats = a.formats();
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let fonts = if formats.contains(&Format::Pdf) {
        Some(run.stage(load_fonts(&p.loaded, a.font.font.as_deref()))?)
    } else {
        None
    };
    let files = run.stage(briefing_docs(&p, &sel, &formats, fonts.as_ref()))?;
    let outs = outputs(&p, "briefing", files, a.output.output.as_deref());
    write(&mut run, &outs, &inputs(&p))?;
    run.finish()
}

/// `callback-form`: the call-back record PDF.
pub(super) fn callback_cmd(deal: &Path, a: &CallbackFormArgs) -> Outcome {
    let mut run = Run::new();
    let p = prepare(&mut run, deal, a.lang.lang.as_ref(), None)?;
    let sel = select(&mut run, &p)?;
    let fonts = run.stage(load_fonts(&p.loaded, a.font.font.as_deref()))?;
    let bytes = run.stage(callback_doc(&p, &sel, &fonts))?;
    let files = vec![(Format::Pdf, bytes)];
    let outs = outputs(&p, "callback-form", files, a.output.output.as_deref());
    write(&mut run, &outs, &inputs(&p))?;
    run.finish()
}
