//! Verify stage: the signs in what a mail carries — attachments (one documented list of risky
//! extensions, checked at every archive depth; names that hide their extension; encrypted
//! files) and links: the shown text against the real target once filters' rewriting is undone
//! (`urls.rs`), a party's name before `@` in the host, look-alikes, IP hosts and shorteners,
//! and file-sharing hosts behind a login request (`hosts.rs`).

mod hosts;
mod urls;

use super::sender::likeness_words;
use super::{both, classify, shown, sign, Class};
use crate::domains::{self, Domain};
use crate::language::SignKind;
use crate::mail::{Attachment, Link, Mail};
use crate::{Facts, Level, Sign};
use std::collections::BTreeSet;
use urls::Dest;

/// Most links checked per mail (the reader keeps at most as many).
pub(super) const LINKS_CHECKED: usize = crate::mail::MAX_LINKS;

/// The one list of extensions that run code, or fetch and run it, when opened:
/// - programs and installers: `exe scr com pif cpl dll msi msp msix msixbundle appx appxbundle
///   appinstaller application apk jar gadget`;
/// - scripts and system files: `bat cmd js jse vbs vbe wsf wsh wsc ws sct hta ps1 psm1 psd1
///   reg inf scf msc`;
/// - shortcuts: `lnk url library-ms settingcontent-ms searchconnector-ms`;
/// - disk images, which carry files past the "downloaded from the internet" mark: `iso img
///   vhd vhdx`;
/// - macro documents and add-ins: `docm dotm xlsm xltm xlam xla xll pptm potm ppam ppsm sldm`;
/// - other formats that run or fetch: OneNote `one onepkg`, Excel web queries and symbolic
///   links `iqy slk`, compiled help `chm`.
const RISKY: &[&str] = &[
    "exe",
    "scr",
    "com",
    "pif",
    "cpl",
    "dll",
    "msi",
    "msp",
    "msix",
    "msixbundle",
    "appx",
    "appxbundle",
    "appinstaller",
    "application",
    "apk",
    "jar",
    "gadget",
    "bat",
    "cmd",
    "js",
    "jse",
    "vbs",
    "vbe",
    "wsf",
    "wsh",
    "wsc",
    "ws",
    "sct",
    "hta",
    "ps1",
    "psm1",
    "psd1",
    "reg",
    "inf",
    "scf",
    "msc",
    "lnk",
    "url",
    "library-ms",
    "settingcontent-ms",
    "searchconnector-ms",
    "iso",
    "img",
    "vhd",
    "vhdx",
    "docm",
    "dotm",
    "xlsm",
    "xltm",
    "xlam",
    "xla",
    "xll",
    "pptm",
    "potm",
    "ppam",
    "ppsm",
    "sldm",
    "one",
    "onepkg",
    "iqy",
    "slk",
    "chm",
];
/// Web pages (an SVG is one too: it runs script and draws forms).
const WEB: &[&str] = &["htm", "html", "shtml", "xhtml", "svg", "mht", "mhtml"];
const ARCHIVES: &[&str] = &[
    "zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "xz", "cab", "arj",
];

/// Direction marks that reorder how a name is shown: `invoice\u{202e}fdp.exe` shows as
/// `invoiceexe.pdf`.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// The extension Windows acts on: after the last dot, trailing dots and spaces ignored.
fn extension(name: &str) -> String {
    name.trim_end_matches(['.', ' '])
        .rsplit_once('.')
        .map(|(_, e)| e.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Rule 7a: executable, macro-enabled and web attachments, at every depth of an archive
/// (`entries` lists nested paths: `inner.zip/run.exe`); names with direction marks; encrypted
/// files, whose contents cannot be checked. Archives are listed, never unpacked.
pub(super) fn attachments(mail: &Mail, out: &mut Vec<Sign>) {
    for a in &mail.attachments {
        let evidence = format!(
            "attachment: {} ({}, {} bytes)",
            a.name, a.content_type, a.size
        );
        let exe_type = a.content_type.contains("msdownload")
            || a.content_type.contains("dosexec")
            || a.content_type.contains("macroenabled");
        let html = a.content_type == "text/html" || a.content_type == "image/svg+xml";
        file_signs(&a.name, &a.name, (exe_type, html), &evidence, out);
        for e in &a.entries {
            file_signs(
                e,
                &format!("{} → {e}", a.name),
                (false, false),
                &evidence,
                out,
            );
        }
        if a.encrypted {
            let args = vec![both(&a.name)];
            let kind = SignKind::EncryptedAttachment;
            out.push(sign(kind, Level::Warning, args, evidence.clone()));
        }
        archive_note(a, evidence, out);
    }
}

/// Signs of one file name, at the top or inside an archive; `types` says whether its MIME
/// type is a program's or a web page's.
fn file_signs(name: &str, shown: &str, types: (bool, bool), evidence: &str, out: &mut Vec<Sign>) {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let real: String = base.chars().filter(|c| !is_bidi(*c)).collect();
    let ext = extension(&real);
    if real.len() != base.len() {
        let args = vec![both(shown), both(format!(".{ext}"))];
        let kind = SignKind::AttachmentDisguised;
        out.push(sign(kind, Level::Strong, args, evidence.to_string()));
    }
    if RISKY.contains(&ext.as_str()) || types.0 {
        let args = vec![both(shown)];
        let kind = SignKind::RiskyAttachment;
        out.push(sign(kind, Level::Strong, args, evidence.to_string()));
    } else if WEB.contains(&ext.as_str()) || types.1 {
        let args = vec![both(shown)];
        let kind = SignKind::HtmlAttachment;
        out.push(sign(kind, Level::Warning, args, evidence.to_string()));
    }
}

/// A note that an archive was listed and not unpacked, with its number of files.
fn archive_note(a: &Attachment, evidence: String, out: &mut Vec<Sign>) {
    let ext = extension(&a.name);
    if !(ARCHIVES.contains(&ext.as_str()) || a.content_type.contains("zip")) {
        return;
    }
    let inside = if a.entries.is_empty() {
        [String::new(), String::new()]
    } else {
        [
            format!(" ({} files)", a.entries.len()),
            format!("（{} 个文件）", a.entries.len()),
        ]
    };
    let args = vec![both(&a.name), inside];
    out.push(sign(SignKind::ArchiveListed, Level::Note, args, evidence));
}

/// The host of a URL or `mailto:` target as written, without undoing rewriters.
fn target_host(url: &str) -> Option<Domain> {
    let t = url.trim();
    // `get`: a damaged mail can put a multi-byte character across the seventh byte.
    if let Some(rest) = t
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("mailto:"))
        .and_then(|_| t.get(7..))
        .filter(|r| !r.is_empty())
    {
        return domains::of_address(rest.split('?').next().unwrap_or(rest));
    }
    Domain::parse(&urls::parse(t)?.host)
}

/// Where a link really goes: its host once filters' rewriting is undone (`None` for opaque
/// rewriters and targets without a host).
pub(super) fn link_host(target: &str) -> Option<Domain> {
    match urls::unwrap(target) {
        Dest::Url(u) => target_host(&u),
        Dest::Opaque => None,
    }
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
    let d = match urls::parse(&lower) {
        Some(u) => Domain::parse(&u.host)?,
        None => Domain::parse(lower.split(['/', '?', '#', ':']).next()?)?,
    };
    // `www.x.com` or `x.com/path`, with a real-looking suffix: not "Invoice.pdf" or "v1.2".
    let (_, suffix) = d.split();
    let tld = suffix.rsplit('.').next().unwrap_or("");
    (tld.len() >= 2
        && tld.chars().all(char::is_alphabetic)
        && !["pdf", "doc", "xls", "jpg", "png", "zip"].contains(&tld))
    .then_some(d)
}

/// What the links of one mail are judged against.
struct Ctx<'a> {
    deal: &'a Facts,
    mail: &'a Mail,
    /// The `From` domain.
    from: Option<Domain>,
    /// The sender is a party, a look-alike of one, or free mail.
    sender_claims: bool,
    /// The mail asks the reader to log in or verify (computed on first use).
    login: std::cell::OnceCell<bool>,
    seen: BTreeSet<(SignKind, String)>,
}

impl Ctx<'_> {
    fn push(&mut self, kind: SignKind, key: &str, s: Sign, out: &mut Vec<Sign>) {
        if self.seen.insert((kind, key.to_string())) {
            out.push(s);
        }
    }

    fn asks_login(&self) -> bool {
        *self.login.get_or_init(|| asks_login(&self.mail.text))
    }
}

/// Whether the text asks to log in, sign in, enter credentials or verify (en and zh).
fn asks_login(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "log in",
        "login",
        "log on",
        "sign in",
        "sign-in",
        "signin",
        "sign on",
        "enter your",
        "verify your",
        "confirm your",
        "password",
        "credentials",
        "authenticate",
        "登录",
        "登陆",
        "登入",
        "验证",
        "输入密码",
        "账号密码",
        "口令",
    ];
    let mut end = text.len().min(256 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let lower = text[..end].to_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

/// Rule 7b: links — shown text naming another domain than the real target, a name before `@`
/// in the host, look-alikes of a party's domain, IP hosts and shorteners, file-sharing hosts
/// behind a login request from a sender that claims a party. Each (target, text) once: a
/// newsletter repeats one link a hundred times.
pub(super) fn links(deal: &Facts, mail: &Mail, out: &mut Vec<Sign>) {
    let from = mail
        .from
        .first()
        .and_then(|a| domains::of_address(&a.address));
    let sender_claims = from
        .as_ref()
        .is_some_and(|d| d.is_free_mail() || !matches!(classify(deal, d), Class::Unrelated));
    let mut ctx = Ctx {
        deal,
        mail,
        from,
        sender_claims,
        login: std::cell::OnceCell::new(),
        seen: BTreeSet::new(),
    };
    let mut checked: BTreeSet<(&str, &str)> = BTreeSet::new();
    for l in mail.links.iter().take(LINKS_CHECKED) {
        if checked.insert((l.target.as_str(), l.shown.as_str())) {
            link(&mut ctx, l, out);
        }
    }
}

/// The signs of one link.
fn link(ctx: &mut Ctx, l: &Link, out: &mut Vec<Sign>) {
    let Dest::Url(real) = urls::unwrap(&l.target) else {
        // Mimecast: where it goes is not in the link, so there is nothing to compare.
        return;
    };
    let Some(target) = target_host(&real) else {
        return;
    };
    let url = urls::parse(&real);
    let evidence = format!("<a href=\"{}\">{}</a>", l.target, l.shown);
    if let Some(info) = url.as_ref().and_then(|u| u.userinfo.as_ref()) {
        let args = vec![both(info), both(&target.unicode)];
        let s = sign(
            SignKind::LinkUserinfo,
            Level::Strong,
            args,
            evidence.clone(),
        );
        ctx.push(SignKind::LinkUserinfo, &real, s, out);
    }
    let qr = l.shown.starts_with("QR code");
    if url.as_ref().is_some_and(|u| urls::is_ip(&u.host)) {
        let args = vec![both(&l.shown), both(&target.unicode)];
        let s = sign(SignKind::LinkIp, Level::Warning, args, evidence.clone());
        ctx.push(SignKind::LinkIp, &target.unicode, s, out);
    } else if hosts::listed(&target.unicode, hosts::SHORTENERS)
        && (qr || (ctx.sender_claims && !ctx.mail.bulk))
    {
        let args = vec![both(&l.shown), both(&real)];
        let s = sign(
            SignKind::LinkShortener,
            Level::Warning,
            args,
            evidence.clone(),
        );
        ctx.push(SignKind::LinkShortener, &real, s, out);
    }
    mismatch(ctx, l, &target, &evidence, out);
    let lookalike = match classify(ctx.deal, &target) {
        Class::LookAlike(_, pd, how) if !tenant_of_party(ctx.deal, &target) => Some((pd, how)),
        _ => None,
    };
    if let Some((pd, how)) = lookalike {
        let args = vec![both(shown(&target)), both(&pd.unicode), likeness_words(how)];
        let s = sign(SignKind::LinkLookalike, Level::Strong, args, real.clone());
        ctx.push(SignKind::LinkLookalike, &target.unicode, s, out);
    }
    file_share(ctx, l, &target, &evidence, out);
}

/// A party's own space on a file-sharing or newsletter service: `nordichome.sharepoint.com`,
/// `nordichome-my.sharepoint.com`, `nordichome.us5.list-manage.com` — the party's name in the
/// first label, the service's domain after it. Not a look-alike: the service names it so.
fn tenant_of_party(deal: &Facts, host: &Domain) -> bool {
    let service =
        hosts::listed(&host.unicode, hosts::FILE_SHARING) || hosts::is_tracker(&host.unicode);
    // SharePoint adds `-my` (OneDrive) and `-admin` to a tenant's name.
    let first = host.unicode.split('.').next().unwrap_or_default();
    let tenant = ["-my", "-admin", "-files"]
        .iter()
        .find_map(|s| first.strip_suffix(s))
        .unwrap_or(first)
        .replace('-', "");
    service
        && deal.parties.iter().any(|p| {
            p.domains
                .iter()
                .any(|d| d.split().0.replace('-', "") == tenant)
        })
}

/// A link whose text names a domain and whose real target is on another one. A newsletter's
/// click-tracking link hides its target for an ordinary reason: no sign in bulk mail, for a
/// text that is no domain, or for a text on the sender's own domain.
fn mismatch(ctx: &mut Ctx, l: &Link, target: &Domain, evidence: &str, out: &mut Vec<Sign>) {
    // A URL written out as the text is where it goes, rewritten or not.
    if l.shown.trim() == l.target.trim() {
        return;
    }
    let shown = match urls::unwrap(&l.shown) {
        Dest::Url(u) => u,
        Dest::Opaque => return,
    };
    let Some(sh) = shown_host(&shown) else {
        return;
    };
    if sh.registrable() == target.registrable() {
        return;
    }
    let own = ctx
        .from
        .as_ref()
        .is_some_and(|f| sh.registrable() == f.registrable());
    if hosts::is_tracker(&target.unicode) && (ctx.mail.bulk || own) {
        return;
    }
    let args = vec![both(&l.shown), both(&l.target)];
    let s = sign(
        SignKind::LinkMismatch,
        Level::Strong,
        args,
        evidence.to_string(),
    );
    ctx.push(SignKind::LinkMismatch, &target.unicode, s, out);
}

/// A button ("View invoice", "查看发票", a QR code) from a sender claiming a party, to a
/// file-sharing or e-signature host, or any host that is not a party's (a SharePoint tenant
/// named after the party is one), in a mail that asks to log in: the fake-document login page.
fn file_share(ctx: &mut Ctx, l: &Link, target: &Domain, evidence: &str, out: &mut Vec<Sign>) {
    // A listed file-sharing or e-signature host, or any host that is not a party's: a log-in
    // page behind a button is the lure whatever the host is called.
    // (Not in bulk mail: a newsletter's "log in to your account" button goes to its shop.)
    let unrelated = matches!(classify(ctx.deal, target), Class::Unrelated) && !ctx.mail.bulk;
    if shown_host(&l.shown).is_some()
        || !ctx.sender_claims
        || !(hosts::listed(&target.unicode, hosts::FILE_SHARING) || unrelated)
    {
        return;
    }
    if tenant_of_party(ctx.deal, target) || !ctx.asks_login() {
        return;
    }
    let level = match ctx.from.as_ref().map(|d| classify(ctx.deal, d)) {
        Some(Class::Known(..)) => Level::Warning,
        _ => Level::Strong,
    };
    let args = vec![both(&l.shown), both(&target.unicode)];
    let s = sign(SignKind::LinkFileShare, level, args, evidence.to_string());
    ctx.push(SignKind::LinkFileShare, &target.unicode, s, out);
}

#[cfg(test)]
mod target_tests {
    use super::target_host;

    #[test]
    fn a_damaged_scheme_is_no_panic() {
        // A damaged mail's `https:` with U+FFFD over the colon: byte 7 falls inside it.
        let _ = target_host("https\u{FFFD}//wetransfer-files.net/d/NH0148");
        let _ = target_host("mailt\u{FFFD}x@evil.com");
        assert!(target_host("mailto:anna@nordichome.se").is_some());
        assert_eq!(target_host("mailto:"), None);
    }
}
