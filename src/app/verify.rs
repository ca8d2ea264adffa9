//! `verify` and `lookalikes`: the verify stage's commands. Reads the mails (bounded, regular
//! files only), runs the engine of `src/verify/` and hands `main` the exit code (4 when a mail
//! shows a warning sign).

use super::{resolve_langs, write, Ended, Outcome, Run};
use crate::cli::{LookalikesArgs, LookalikesFormat, PartyPick, VerifyArgs, VerifyFormat};
use crate::diag::{Diagnostic, Problems};
use crate::output::Output;
use crate::profile::yaml::{io_error, read_bounded, ReadFail};
use crate::profile::{self, Langs, Loaded};
use crate::verify::{self, Lookalike};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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

/// Reads one input file: regular files only, at most `max` bytes.
fn read_input(path: &Path, max: u64, what: &str) -> Result<Vec<u8>, Diagnostic> {
    read_bounded(path, max).map_err(|e| match e {
        ReadFail::TooBig(n) => Diagnostic::error(
            path,
            format!("is {n} bytes; a {what} may be at most {max} bytes"),
        ),
        ReadFail::NotAFile => Diagnostic::error(path, "is not a regular file")
            .hint(format!("give a {what} saved from the mail program")),
        ReadFail::Io(e) => io_error(path, "read", &e),
    })
}

/// Every mail to check, in the order given: the `.eml` files, then each mbox's messages.
/// All files are read before any problem is reported, so one run names every bad file.
fn read_mails(a: &VerifyArgs) -> Result<(Vec<(PathBuf, Vec<u8>)>, Problems), Problems> {
    let mut mails = Vec::new();
    let mut problems = Problems::new();
    for path in &a.mails {
        match read_input(path, MAX_MAIL, "mail file") {
            Ok(bytes) => mails.push((path.clone(), bytes)),
            Err(d) => problems.push(d),
        }
    }
    for path in &a.mbox {
        match read_input(path, MAX_MBOX, "mbox file") {
            Ok(bytes) => {
                let found = verify::mbox_inputs(path, &bytes);
                if found.is_empty() {
                    problems.push(
                        Diagnostic::warning(path, "holds no messages")
                            .hint("an mbox starts each message with a `From ` line"),
                    );
                }
                mails.extend(found);
            }
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
    let mut inputs = vec![loaded.src.path.clone()];
    inputs.extend(a.mails.iter().chain(&a.mbox).cloned());
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
        for l in verify::lookalikes(d) {
            // One seller domain may be a look-alike of the other party's: never block a party.
            if !own.contains(&l.ascii) && seen.insert(l.ascii.clone()) {
                list.push(l);
            }
        }
    }
    list
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
    let text = match a.format {
        LookalikesFormat::Txt => verify::lookalikes_txt(&list),
        LookalikesFormat::Csv => verify::lookalikes_csv(&list),
        LookalikesFormat::Sieve => verify::lookalikes_sieve(&list),
    };
    let out = Output {
        path: a.output.clone().unwrap_or_else(|| PathBuf::from("-")),
        bytes: text.into_bytes(),
    };
    write(&mut run, &[out], &[loaded.src.path.clone()])?;
    run.finish()
}
