//! Verify stage, links: URLs taken apart as a browser would — scheme, user information, host —
//! and the rewriters of mail filters unwrapped (Microsoft Safe Links, Proofpoint URL Defense,
//! Google's redirect, Barracuda, Trend Micro), so that the place a link really goes is compared
//! with what it shows. Mimecast's links are opaque: the target is a token on Mimecast's
//! servers. Every decoding is bounded.

/// Longest URL taken apart (bytes); a longer one is cut there.
const MAX_URL: usize = 8192;
/// Most rewriters unwrapped around one link (a Safe Link around a Proofpoint link…).
const MAX_WRAPS: usize = 4;

/// An `http(s)` URL's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Url {
    /// The host, lowercase, without port or brackets.
    pub host: String,
    /// What stands before `@` in the authority (`nordichome.se` in
    /// `https://nordichome.se@other.net/`): the reader sees it, the browser ignores it.
    pub userinfo: Option<String>,
    /// Path, query and fragment.
    pub rest: String,
}

fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Takes an `http://` or `https://` URL apart; `None` for other schemes.
pub(super) fn parse(url: &str) -> Option<Url> {
    let t = cut(url.trim(), MAX_URL);
    let scheme = t.find("://")?;
    if !["http", "https"].contains(&t[..scheme].to_ascii_lowercase().as_str()) {
        return None;
    }
    let after = &t[scheme + 3..];
    // Browsers read `\` as `/` in http URLs.
    let end = after.find(['/', '?', '#', '\\']).unwrap_or(after.len());
    let authority = &after[..end];
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => (Some(authority[..i].to_string()), &authority[i + 1..]),
        None => (None, authority),
    };
    let host = match hostport.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => hostport.split(':').next().unwrap_or_default(),
    };
    Some(Url {
        host: host.trim_end_matches('.').to_ascii_lowercase(),
        userinfo: userinfo.filter(|u| !u.is_empty()),
        rest: after[end..].to_string(),
    })
}

/// `%XX` decoded, at most `MAX_URL` bytes read; invalid escapes stay as written.
pub(super) fn percent_decode(s: &str) -> String {
    let b = cut(s, MAX_URL).as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let esc = (b[i] == b'%')
            .then(|| Some((hex(*b.get(i + 1)?)?, hex(*b.get(i + 2)?)?)))
            .flatten();
        match esc {
            Some((h, l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The raw value of query parameter `name` in `rest` (`?a=1&url=…`).
fn param<'a>(rest: &'a str, name: &str) -> Option<&'a str> {
    let query = rest.split_once('?')?.1.split('#').next()?;
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// Where a link goes once filters' rewriting is undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Dest {
    /// The URL it ends at (as written when no rewriter wraps it).
    Url(String),
    /// A rewriter whose target cannot be read from the link (Mimecast).
    Opaque,
}

/// What one rewriter makes of a URL.
enum Step {
    To(String),
    Opaque,
    Done,
}

fn step(u: &Url) -> Step {
    let h = u.host.as_str();
    let to = |v: Option<String>| v.map_or(Step::Done, Step::To);
    if h.ends_with(".safelinks.protection.outlook.com") {
        return to(param(&u.rest, "url").map(percent_decode));
    }
    if h == "urldefense.proofpoint.com" {
        // v2 writes `%` as `-` and `/` as `_` inside the percent-encoded target.
        if u.rest.starts_with("/v2/") {
            let v = param(&u.rest, "u").map(|v| v.replace('-', "%").replace('_', "/"));
            return to(v.map(|v| percent_decode(&v)));
        }
        return to(param(&u.rest, "u").map(percent_decode));
    }
    if h == "urldefense.com" {
        // v3: `/v3/__<url>__;<substitutions>!<signature>$`.
        let inner = u.rest.strip_prefix("/v3/__").map(|r| match r.rfind("__;") {
            Some(end) => &r[..end],
            None => r,
        });
        return to(inner.map(str::to_string));
    }
    if h.ends_with(".mimecast.com") && (h.starts_with("protect") || u.rest.starts_with("/s/")) {
        return Step::Opaque;
    }
    let google = h == "google.com" || h.starts_with("www.google.") || h.starts_with("google.");
    if google && u.rest.starts_with("/url?") {
        return to(param(&u.rest, "q")
            .or_else(|| param(&u.rest, "url"))
            .map(percent_decode));
    }
    if h == "linkprotect.cudasvc.com" {
        return to(param(&u.rest, "a").map(percent_decode));
    }
    if h.ends_with(".trendmicro.com") && u.rest.contains("/clicktime/") {
        return to(param(&u.rest, "url").map(percent_decode));
    }
    Step::Done
}

/// Undoes the rewriters around `target`, at most `MAX_WRAPS` deep.
pub(super) fn unwrap(target: &str) -> Dest {
    let mut cur = cut(target.trim(), MAX_URL).to_string();
    for _ in 0..MAX_WRAPS {
        let Some(u) = parse(&cur) else {
            break;
        };
        match step(&u) {
            Step::To(next) => cur = next,
            Step::Opaque => return Dest::Opaque,
            Step::Done => break,
        }
    }
    Dest::Url(cur)
}

/// Whether `host` is an IP address (dotted, bracketed v6, or one decimal or hex number).
pub(super) fn is_ip(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    let dotted = parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
    let number = !host.is_empty()
        && (host.bytes().all(|b| b.is_ascii_digit())
            || host
                .strip_prefix("0x")
                .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit())));
    dotted || number || host.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(s: &str) -> Dest {
        Dest::Url(s.to_string())
    }

    #[test]
    fn rewriters_unwrap_to_their_target() {
        let safe = "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2Fpay&data=05%7C01&reserved=0";
        assert_eq!(unwrap(safe), to("https://evil.example/pay"));
        let v2 = "https://urldefense.proofpoint.com/v2/url?u=https-3A__www.nordichome.se_orders_&d=DwMF&c=x";
        assert_eq!(unwrap(v2), to("https://www.nordichome.se/orders/"));
        let v3 = "https://urldefense.com/v3/__https://evil.example/login__;!!ABC!xyz$";
        assert_eq!(unwrap(v3), to("https://evil.example/login"));
        let g = "https://www.google.com/url?sa=t&q=https%3A%2F%2Fevil.example%2F&usg=x";
        assert_eq!(unwrap(g), to("https://evil.example/"));
        let mime = "https://protect-eu.mimecast.com/s/AbCdEfGh?domain=nordichome.se";
        assert_eq!(unwrap(mime), Dest::Opaque);
        // A Safe Link around a Proofpoint link.
        let both = format!(
            "https://nam02.safelinks.protection.outlook.com/?url={}",
            v3.replace(':', "%3A").replace('/', "%2F")
        );
        assert_eq!(unwrap(&both), to("https://evil.example/login"));
        assert_eq!(unwrap("https://www.dhl.com/x"), to("https://www.dhl.com/x"));
        // A bad escape stays as written; a huge URL is cut, not decoded whole.
        assert_eq!(percent_decode("a%zzb%4"), "a%zzb%4");
        assert!(percent_decode(&"%41".repeat(100_000)).len() <= MAX_URL);
    }

    #[test]
    fn userinfo_hosts_and_ips() {
        let u = parse("https://www.hengli-kitchen.com:443@x.example/pay").unwrap();
        assert_eq!(u.host, "x.example");
        assert_eq!(u.userinfo.as_deref(), Some("www.hengli-kitchen.com:443"));
        let u = parse("HTTP://nordichome.se\\@evil.example/").unwrap();
        assert_eq!((u.host.as_str(), u.userinfo), ("nordichome.se", None));
        assert!(parse("mailto:a@b.se").is_none());
        assert!(is_ip("192.168.10.1") && is_ip("3232235777") && is_ip("0xC0A80A01"));
        assert!(is_ip(&parse("http://[::1]:8080/").unwrap().host));
        assert!(!is_ip("nordichome.se") && !is_ip("1.2.3.example"));
    }
}
