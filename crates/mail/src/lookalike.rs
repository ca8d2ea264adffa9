//! Verify stage: the look-alike *generator* behind `lookalikes` — the permutations dnstwist
//! makes of a domain (its fuzzer names), in a stable order, as text, CSV or a Sieve rule to
//! block them.

use super::domains::Domain;
use std::collections::BTreeSet;

/// One permutation of a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// The fuzzer that made it (dnstwist's names: `addition`, `homoglyph`, …).
    pub kind: &'static str,
    /// As it travels in mail headers (punycode for IDNs).
    pub ascii: String,
    /// As a mail client shows it.
    pub unicode: String,
}

const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
const VOWELS: &str = "aeiou";

/// QWERTY neighbours, the keyboard most of our buyers type on.
const KEYS: &[(char, &str)] = &[
    ('1', "2q"),
    ('2', "3wq1"),
    ('3', "4ew2"),
    ('4', "5re3"),
    ('5', "6tr4"),
    ('6', "7yt5"),
    ('7', "8uy6"),
    ('8', "9iu7"),
    ('9', "0oi8"),
    ('0', "po9"),
    ('q', "12wa"),
    ('w', "3esaq2"),
    ('e', "4rdsw3"),
    ('r', "5tfde4"),
    ('t', "6ygfr5"),
    ('y', "7uhgt6"),
    ('u', "8ijhy7"),
    ('i', "9okju8"),
    ('o', "0plki9"),
    ('p', "lo0"),
    ('a', "qwsz"),
    ('s', "edxzaw"),
    ('d', "rfcxse"),
    ('f', "tgvcdr"),
    ('g', "yhbvft"),
    ('h', "ujnbgy"),
    ('j', "ikmnhu"),
    ('k', "olmji"),
    ('l', "kop"),
    ('z', "asx"),
    ('x', "zsdc"),
    ('c', "xdfv"),
    ('v', "cfgb"),
    ('b', "vghn"),
    ('n', "bhjm"),
    ('m', "njk"),
];

/// Characters that look like an ASCII letter: Cyrillic, Greek, Latin with marks, and ASCII
/// look-alikes (`0` for `o`, `rn` for `m`).
const GLYPHS: &[(char, &[&str])] = &[
    ('a', &["а", "à", "á", "â", "ã", "ä", "å", "ɑ", "α"]),
    ('b', &["d", "lb", "ь", "ḃ"]),
    ('c', &["с", "ϲ", "ç", "ć"]),
    ('d', &["b", "cl", "dl", "ԁ", "ḋ"]),
    ('e', &["е", "è", "é", "ê", "ë", "ė", "ε"]),
    ('g', &["q", "ɡ", "ġ"]),
    ('h', &["lh", "һ", "ḣ"]),
    ('i', &["1", "l", "і", "í", "ì", "ï", "ι"]),
    ('j', &["ј", "ʝ"]),
    ('k', &["lk", "ik", "κ"]),
    ('l', &["1", "i", "ӏ", "ł", "ι"]),
    ('m', &["n", "nn", "rn", "rr", "м"]),
    ('n', &["m", "r", "п", "ń", "ñ"]),
    ('o', &["0", "о", "ο", "ò", "ó", "ö", "ø"]),
    ('p', &["р", "ρ"]),
    ('q', &["g", "ԛ"]),
    ('r', &["г", "ŕ"]),
    ('s', &["ѕ", "ś", "ş"]),
    ('t', &["τ", "ţ"]),
    ('u', &["μ", "υ", "ü", "ú", "ù"]),
    ('v', &["ν", "ѵ"]),
    ('w', &["vv", "ѡ", "ω"]),
    ('x', &["х", "χ"]),
    ('y', &["у", "ý"]),
    ('z', &["ʐ", "ż"]),
];

/// Suffixes tried by `tld-swap`.
const TLDS: &[&str] = &[
    "com", "net", "org", "co", "io", "info", "biz", "eu", "de", "se", "uk", "co.uk", "cn",
    "com.cn", "hk", "us", "shop", "online", "xyz", "top", "cc", "me", "app",
];

/// Words attackers put beside a name (`dictionary`).
const WORDS: &[&str] = &[
    "mail", "email", "secure", "pay", "payment", "invoice", "account", "login", "support",
    "service", "portal", "online", "bank", "finance", "group", "office", "team", "verify",
];

/// Every permutation of `domain`, grouped by fuzzer in dnstwist's order, each once.
pub fn lookalikes(domain: &str) -> Vec<Lookalike> {
    let Some(d) = Domain::parse(domain) else {
        return Vec::new();
    };
    let (name, suffix) = d.split();
    let name: Vec<char> = name.chars().collect();
    if name.is_empty() {
        return Vec::new();
    }
    let mut raw: Vec<(&'static str, String)> = Vec::new();
    let mut names = |kind: &'static str, list: Vec<String>| {
        raw.extend(list.into_iter().map(|n| (kind, format!("{n}.{suffix}"))));
    };
    names("addition", addition(&name));
    names("bitsquatting", bitsquatting(&name));
    names("cyrillic", cyrillic(&name));
    names("homoglyph", homoglyph(&name));
    names("hyphenation", hyphenation(&name));
    names("insertion", insertion(&name));
    names("omission", omission(&name));
    names("plural", plural(&name));
    names("repetition", repetition(&name));
    names("replacement", replacement(&name));
    names("subdomain", subdomain(&name));
    names("transposition", transposition(&name));
    names("vowel-swap", vowel_swap(&name));
    let n: String = name.iter().collect();
    let flat = suffix.replace('.', "");
    names(
        "various",
        vec![
            format!("{n}{flat}"),
            format!("{n}-{flat}"),
            format!("www{n}"),
            format!("www-{n}"),
        ],
    );
    let dict = WORDS.iter().flat_map(|w| {
        [
            format!("{n}-{w}"),
            format!("{w}-{n}"),
            format!("{n}{w}"),
            format!("{w}{n}"),
        ]
    });
    names("dictionary", dict.collect());
    for t in TLDS.iter().filter(|t| **t != suffix) {
        raw.push(("tld-swap", format!("{n}.{t}")));
    }
    // The whole domain as a label of another: the address bar shows it first.
    for host in ["pay-portal.com", "secure-login.net", "mail-server.online"] {
        raw.push(("various", format!("{}.{host}", d.unicode)));
    }
    for t in ["com", "net"] {
        raw.push(("various", format!("{n}-{flat}.{t}")));
        raw.push(("various", format!("{n}{flat}.{t}")));
    }
    finish(&d, raw)
}

/// Drops invalid and repeated names and the domain itself; adds the ASCII form.
fn finish(original: &Domain, raw: Vec<(&'static str, String)>) -> Vec<Lookalike> {
    let mut seen = BTreeSet::new();
    seen.insert(original.unicode.clone());
    let mut out = Vec::new();
    for (kind, name) in raw {
        let valid = name
            .split('.')
            .all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-'));
        if !valid || !seen.insert(name.clone()) {
            continue;
        }
        if let Some(dom) = Domain::parse(&name) {
            out.push(Lookalike {
                kind,
                ascii: dom.ascii,
                unicode: dom.unicode,
            });
        }
    }
    out
}

fn each_position(name: &[char], f: impl Fn(usize) -> Vec<String>) -> Vec<String> {
    (0..name.len()).flat_map(f).collect()
}

fn splice(name: &[char], at: usize, drop: usize, insert: &str) -> String {
    let mut s: String = name[..at].iter().collect();
    s.push_str(insert);
    s.extend(&name[(at + drop).min(name.len())..]);
    s
}

fn addition(name: &[char]) -> Vec<String> {
    let n: String = name.iter().collect();
    ALPHABET.chars().map(|c| format!("{n}{c}")).collect()
}

fn bitsquatting(name: &[char]) -> Vec<String> {
    each_position(name, |i| {
        (0..8)
            .filter_map(|bit| {
                let c = u8::try_from(u32::from(name[i])).ok()? ^ (1 << bit);
                let c = c as char;
                (c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    .then(|| splice(name, i, 1, &c.to_string()))
            })
            .collect()
    })
}

fn glyphs(c: char) -> &'static [&'static str] {
    GLYPHS.iter().find(|g| g.0 == c).map(|g| g.1).unwrap_or(&[])
}

fn homoglyph(name: &[char]) -> Vec<String> {
    let mut out = each_position(name, |i| {
        glyphs(name[i])
            .iter()
            .map(|g| splice(name, i, 1, g))
            .collect()
    });
    // Two substitutions of the same glyph, as dnstwist does (`nоrdichоme`).
    out.extend(each_position(name, |i| {
        glyphs(name[i])
            .iter()
            .filter_map(|g| {
                let j = (i + 1..name.len()).find(|j| name[*j] == name[i])?;
                let once: Vec<char> = splice(name, i, 1, g).chars().collect();
                let shift = g.chars().count() - 1;
                Some(splice(&once, j + shift, 1, g))
            })
            .collect()
    }));
    out
}

fn cyrillic(name: &[char]) -> Vec<String> {
    const MAP: &[(char, char)] = &[
        ('a', 'а'),
        ('c', 'с'),
        ('e', 'е'),
        ('o', 'о'),
        ('p', 'р'),
        ('x', 'х'),
        ('y', 'у'),
        ('i', 'і'),
        ('s', 'ѕ'),
        ('j', 'ј'),
        ('h', 'һ'),
    ];
    let s: String = name
        .iter()
        .map(|c| MAP.iter().find(|m| m.0 == *c).map_or(*c, |m| m.1))
        .collect();
    vec![s]
}

fn hyphenation(name: &[char]) -> Vec<String> {
    (1..name.len()).map(|i| splice(name, i, 0, "-")).collect()
}

fn neighbours(c: char) -> &'static str {
    KEYS.iter().find(|k| k.0 == c).map(|k| k.1).unwrap_or("")
}

fn insertion(name: &[char]) -> Vec<String> {
    each_position(name, |i| {
        neighbours(name[i])
            .chars()
            .flat_map(|k| {
                [
                    splice(name, i, 0, &k.to_string()),
                    splice(name, i + 1, 0, &k.to_string()),
                ]
            })
            .collect()
    })
}

fn omission(name: &[char]) -> Vec<String> {
    each_position(name, |i| vec![splice(name, i, 1, "")])
}

fn plural(name: &[char]) -> Vec<String> {
    let n: String = name.iter().collect();
    let mut out = vec![format!("{n}s"), format!("{n}es")];
    // dnstwist also pluralises inside the name (`nordicshome`).
    out.extend((2..name.len().saturating_sub(2)).map(|i| {
        let s = if "sxz".contains(name[i]) { "es" } else { "s" };
        splice(name, i + 1, 0, s)
    }));
    out
}

fn repetition(name: &[char]) -> Vec<String> {
    each_position(name, |i| vec![splice(name, i, 0, &name[i].to_string())])
}

fn replacement(name: &[char]) -> Vec<String> {
    each_position(name, |i| {
        neighbours(name[i])
            .chars()
            .map(|k| splice(name, i, 1, &k.to_string()))
            .collect()
    })
}

fn subdomain(name: &[char]) -> Vec<String> {
    (1..name.len())
        .filter(|i| name[*i] != '-' && name[i - 1] != '-')
        .map(|i| splice(name, i, 0, "."))
        .collect()
}

fn transposition(name: &[char]) -> Vec<String> {
    (0..name.len().saturating_sub(1))
        .filter(|i| name[*i] != name[i + 1])
        .map(|i| {
            let mut v = name.to_vec();
            v.swap(i, i + 1);
            v.into_iter().collect()
        })
        .collect()
}

fn vowel_swap(name: &[char]) -> Vec<String> {
    each_position(name, |i| {
        if !VOWELS.contains(name[i]) {
            return Vec::new();
        }
        VOWELS
            .chars()
            .filter(|v| *v != name[i])
            .map(|v| splice(name, i, 1, &v.to_string()))
            .collect()
    })
}

/// How likely a fraudster is to register a look-alike of `original`, most likely first: a
/// tier by kind — one edit that reads as the name (an ASCII homoglyph such as `rn` for `m`, a
/// letter left out, doubled or swapped, a hyphen, a plural, another top-level domain), then
/// the other one-letter edits, then the spoofs a careful reader may notice (Cyrillic letters,
/// added words, sub-domains), then the rest — and within a tier the fewer changes first.
pub fn likelihood(original: &str, l: &Lookalike) -> (u8, usize) {
    let tier = match l.kind {
        "homoglyph" if l.ascii == l.unicode => 0,
        "omission" | "transposition" | "repetition" | "hyphenation" | "plural" | "tld-swap" => 0,
        "homoglyph" | "replacement" | "insertion" | "vowel-swap" | "addition" => 1,
        "cyrillic" | "dictionary" | "subdomain" => 2,
        _ => 3,
    };
    // A swapped top-level domain is one change to the reader, however long the suffix.
    let changes = if l.kind == "tld-swap" {
        1
    } else {
        strsim::osa_distance(original, &l.unicode)
    };
    (tier, changes)
}

/// `list` — each look-alike with the domain it was made from — ordered by [`likelihood`],
/// the generator's order kept among equals.
pub fn ranked(list: &[(String, Lookalike)]) -> Vec<&Lookalike> {
    // Among equals the kinds take turns (the first of each kind, then the second…), so a
    // short list shows every kind of trick rather than fifty homoglyphs.
    let mut nth: std::collections::BTreeMap<(u8, usize, &str), usize> = Default::default();
    let mut v: Vec<((u8, usize, usize), &Lookalike)> = list
        .iter()
        .map(|(o, l)| {
            let (tier, changes) = likelihood(o, l);
            let n = nth.entry((tier, changes, l.kind)).or_default();
            *n += 1;
            ((tier, changes, *n), l)
        })
        .collect();
    v.sort_by_key(|(k, _)| *k);
    v.into_iter().map(|(_, l)| l).collect()
}

/// Ranked look-alikes as a table for the terminal: rank, domain, kind, and the form a mail
/// client shows when it differs (an IDN).
pub fn lookalikes_table(list: &[Lookalike]) -> String {
    let width = list.iter().map(|l| l.ascii.len()).max().unwrap_or(0);
    let mut s = String::new();
    for (i, l) in list.iter().enumerate() {
        let shown = if l.unicode == l.ascii {
            String::new()
        } else {
            format!("  shown as {}", l.unicode)
        };
        s.push_str(&format!(
            "{:>4}  {:<width$}  {}{shown}\n",
            i + 1,
            l.ascii,
            l.kind
        ));
    }
    s
}

/// One ASCII domain a line, the form to paste into a block list.
pub fn lookalikes_txt(list: &[Lookalike]) -> String {
    list.iter().map(|l| format!("{}\n", l.ascii)).collect()
}

/// `rank,kind,domain,unicode` with a header row.
pub fn lookalikes_csv(list: &[Lookalike]) -> String {
    let mut s = String::from("rank,kind,domain,unicode\n");
    for (i, l) in list.iter().enumerate() {
        // Domains hold no commas or quotes; the Unicode form is quoted all the same.
        s.push_str(&format!(
            "{},{},{},\"{}\"\n",
            i + 1,
            l.kind,
            l.ascii,
            l.unicode.replace('"', "\"\"")
        ));
    }
    s
}

/// A Sieve (RFC 5228) script that files mail from any look-alike into a `Suspicious` folder (created if missing), flagged.
pub fn lookalikes_sieve(list: &[Lookalike]) -> String {
    let mut s = String::from(
        "# Look-alike domains of the deal's parties, generated by dealguard lookalikes.\n\
         require [\"fileinto\", \"imap4flags\", \"mailbox\"];\n\
         if address :domain :is [\"from\", \"reply-to\", \"sender\"] [\n",
    );
    let items: Vec<String> = list.iter().map(|l| format!("  \"{}\"", l.ascii)).collect();
    s.push_str(&items.join(",\n"));
    s.push_str("\n] {\n  addflag \"$dealguard-lookalike\";\n  fileinto :create \"Suspicious\";\n  stop;\n}\n");
    s
}
