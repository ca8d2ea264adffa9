//! Verify stage: the signs in what a mail carries — risky attachments and links whose text and
//! target disagree or lead to a look-alike of a party's domain.

use super::{both, classify, shown, sign, Class};
use crate::verify::domains::{self, Domain};
use crate::verify::language::SignKind;
use crate::verify::mail::Mail;
use crate::verify::{Deal, Level, Sign};
use std::collections::BTreeSet;

/// Extensions that run code when opened (executables, scripts, macro documents, disk images).
const RISKY: &[&str] = &[
    "exe", "scr", "com", "pif", "bat", "cmd", "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta",
    "msi", "msp", "ps1", "jar", "lnk", "cpl", "reg", "dll", "chm", "apk", "iso", "img", "vhd",
    "vhdx", "docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm", "one",
];
const WEB: &[&str] = &["htm", "html", "shtml", "xhtml", "svg", "mht", "mhtml"];
const ARCHIVES: &[&str] = &[
    "zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "xz", "cab", "arj",
];

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Rule 7a: executable, macro-enabled and HTML attachments; archives listed, never unpacked.
pub(super) fn attachments(mail: &Mail, out: &mut Vec<Sign>) {
    for a in &mail.attachments {
        let ext = extension(&a.name);
        let evidence = format!(
            "attachment: {} ({}, {} bytes)",
            a.name, a.content_type, a.size
        );
        let exe_type = a.content_type.contains("msdownload")
            || a.content_type.contains("dosexec")
            || a.content_type.contains("macroenabled");
        if RISKY.contains(&ext.as_str()) || exe_type {
            out.push(sign(
                SignKind::RiskyAttachment,
                Level::Strong,
                vec![both(&a.name)],
                evidence,
            ));
        } else if WEB.contains(&ext.as_str()) || a.content_type == "text/html" {
            out.push(sign(
                SignKind::HtmlAttachment,
                Level::Warning,
                vec![both(&a.name)],
                evidence,
            ));
        } else if ARCHIVES.contains(&ext.as_str()) || a.content_type.contains("zip") {
            for e in a
                .entries
                .iter()
                .filter(|e| RISKY.contains(&extension(e).as_str()))
            {
                let args = vec![both(format!("{} → {e}", a.name))];
                out.push(sign(
                    SignKind::RiskyAttachment,
                    Level::Strong,
                    args,
                    evidence.clone(),
                ));
            }
            let inside = if a.entries.is_empty() {
                [String::new(), String::new()]
            } else {
                [
                    format!(" ({} files)", a.entries.len()),
                    format!("（{} 个文件）", a.entries.len()),
                ]
            };
            out.push(sign(
                SignKind::ArchiveListed,
                Level::Note,
                vec![both(&a.name), inside],
                evidence,
            ));
        }
    }
}

/// The host of a URL or `mailto:` target, if it has one.
fn target_host(url: &str) -> Option<Domain> {
    let lower = url.trim().to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("mailto:") {
        return domains::of_address(rest.split('?').next().unwrap_or(rest));
    }
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    host_of(rest)
}

fn host_of(rest: &str) -> Option<Domain> {
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    Domain::parse(host)
}

/// The domain a link's visible text names, when the text looks like an address or URL.
fn shown_host(text: &str) -> Option<Domain> {
    let t = text.trim().trim_end_matches(['.', ',']);
    if t.contains(char::is_whitespace) || t.is_empty() {
        return None;
    }
    if t.contains('@') && !t.contains('/') {
        return domains::of_address(t);
    }
    let lower = t.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let d = host_of(rest)?;
    // `www.x.com` or `x.com/path`, with a real-looking suffix: not "Invoice.pdf" or "v1.2".
    let (_, suffix) = d.split();
    let tld = suffix.rsplit('.').next().unwrap_or("");
    (tld.len() >= 2
        && tld.chars().all(char::is_alphabetic)
        && !["pdf", "doc", "xls", "jpg", "png", "zip"].contains(&tld))
    .then_some(d)
}

/// Rule 7b: links whose shown text names another domain than their target, and links to a
/// look-alike of a party's domain.
pub(super) fn links(deal: &Deal, mail: &Mail, out: &mut Vec<Sign>) {
    let mut seen: Vec<(SignKind, String)> = Vec::new();
    // A newsletter repeats one link a hundred times: each (target, text) is checked once
    // (classifying a host computes its confusable skeleton).
    let mut checked: BTreeSet<(&str, &str)> = BTreeSet::new();
    for l in &mail.links {
        if !checked.insert((l.target.as_str(), l.shown.as_str())) {
            continue;
        }
        let Some(target) = target_host(&l.target) else {
            continue;
        };
        if let Some(sh) = shown_host(&l.shown) {
            let key = (SignKind::LinkMismatch, target.unicode.clone());
            if sh.registrable() != target.registrable() && !seen.contains(&key) {
                seen.push(key);
                let args = vec![both(&l.shown), both(&l.target)];
                let evidence = format!("<a href=\"{}\">{}</a>", l.target, l.shown);
                out.push(sign(SignKind::LinkMismatch, Level::Strong, args, evidence));
            }
        }
        if let Class::LookAlike(_, pd, _) = classify(deal, &target) {
            let key = (SignKind::LinkLookalike, target.unicode.clone());
            if !seen.contains(&key) {
                seen.push(key);
                let args = vec![both(shown(&target)), both(&pd.unicode)];
                out.push(sign(
                    SignKind::LinkLookalike,
                    Level::Strong,
                    args,
                    l.target.clone(),
                ));
            }
        }
    }
}
