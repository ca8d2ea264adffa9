//! Verify stage: domain names — IDN forms, the registrable part, and the look-alike
//! *detector* that tells a party's domain, a domain made to look like it, and an unrelated one
//! apart.
//!
//! The detector does not use the generator's list (`lookalike.rs`): it compares shapes, so a
//! permutation no generator thought of is still caught. Five tests, each cheap:
//! skeleton equality (TR39, after case folding and NFKD), edit distance on the registrable
//! label (Damerau, ≤ 1 from 4 letters, ≤ 2 from 7, lengths within 2), a single flipped bit,
//! the party's name contained in the domain's letters (sub-domain splits, `nordichome-se.com`,
//! `nordichome.se.pay-portal.com`), and the party's name under another suffix.

use unicode_normalization::UnicodeNormalization;

/// Suffixes of two labels under which companies register (`co.uk`, `com.cn`); one label
/// otherwise. A short list instead of the public-suffix list: we only need the label a
/// company chose, and a wrong split only moves which test catches a look-alike.
const TWO_LABEL_SUFFIXES: &[&str] = &[
    "ac.uk", "co.uk", "org.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "com.cn", "net.cn",
    "org.cn", "gov.cn", "edu.cn", "ac.cn", "com.hk", "com.tw", "com.sg", "com.my", "com.au",
    "net.au", "org.au", "co.nz", "co.jp", "ne.jp", "or.jp", "co.kr", "or.kr", "co.in", "co.id",
    "co.th", "co.za", "com.br", "com.mx", "com.ar", "com.tr", "com.vn", "com.ph", "com.pk",
    "com.sa", "com.eg", "co.il", "com.ua", "com.pl", "com.es", "com.pt",
];

/// Mail providers anyone can sign up to: an address there proves nothing about its owner.
/// The one list: `check` warns about a seller domain on it (`profile::check::mail`) and
/// `verify` reads a sender on it as free mail (`Domain::is_free_mail`, by registrable part).
/// It merges the lists the two kept before (global, Chinese and European services; `check`
/// had 14 of these 40, so it accepted a seller on `msn.com` that `verify` flagged). Sorted
/// (the lookup is a binary search), each once.
pub const FREE_MAIL: &[&str] = &[
    "126.com",
    "139.com",
    "163.com",
    "189.cn",
    "aliyun.com",
    "aol.com",
    "foxmail.com",
    "gmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "googlemail.com",
    "hotmail.co.uk",
    "hotmail.com",
    "icloud.com",
    "laposte.net",
    "live.com",
    "mail.com",
    "mail.ru",
    "me.com",
    "msn.com",
    "orange.fr",
    "outlook.com",
    "outlook.de",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "sina.cn",
    "sina.com",
    "sohu.com",
    "t-online.de",
    "tom.com",
    "web.de",
    "yahoo.co.uk",
    "yahoo.com",
    "yandex.com",
    "yandex.ru",
    "yeah.net",
    "ymail.com",
    "zoho.com",
];

/// A domain as written, in lowercase Unicode (IDNs decoded) and in ASCII (punycode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    /// Unicode form, lowercase, no trailing dot: `nordichome.se`, `nоrdichome.se`.
    pub unicode: String,
    /// ASCII form as it travels in mail headers: `xn--nrdichome-…`.
    pub ascii: String,
}

impl Domain {
    /// Parses a domain in either form; `None` for text that is no domain at all.
    pub fn parse(s: &str) -> Option<Domain> {
        let s = s.trim().trim_end_matches('.');
        if s.is_empty() || s.len() > 253 || !s.contains('.') || s.contains(char::is_whitespace) {
            return None;
        }
        let lower: String = s.chars().flat_map(char::to_lowercase).collect();
        // Both conversions are lenient on purpose: an attacker's domain need not be valid
        // IDNA 2008 to be shown by a mail client, and we must still compare it.
        let (unicode, _) = idna::domain_to_unicode(&lower);
        let ascii = idna::domain_to_ascii(&lower).unwrap_or_else(|_| lower.clone());
        Some(Domain { unicode, ascii })
    }

    /// The labels of the Unicode form.
    fn labels(&self) -> Vec<&str> {
        self.unicode.split('.').collect()
    }

    /// (label the owner chose, public suffix): `("nordichome", "se")`, `("acme", "co.uk")`.
    pub fn split(&self) -> (String, String) {
        let labels = self.labels();
        let n = labels.len();
        let two = n >= 3 && TWO_LABEL_SUFFIXES.contains(&labels[n - 2..].join(".").as_str());
        let k = if two { 2 } else { 1 };
        let suffix = labels[n.saturating_sub(k)..].join(".");
        let name = labels
            .get(n.wrapping_sub(k + 1))
            .copied()
            .unwrap_or_default();
        (name.to_string(), suffix)
    }

    /// The registrable domain: `mail.nordichome.se` → `nordichome.se`.
    pub fn registrable(&self) -> String {
        let (name, suffix) = self.split();
        if name.is_empty() {
            suffix
        } else {
            format!("{name}.{suffix}")
        }
    }

    /// Whether this is `other` or a sub-domain of it.
    pub fn is_within(&self, other: &Domain) -> bool {
        self.unicode == other.unicode || self.unicode.ends_with(&format!(".{}", other.unicode))
    }

    /// Whether anyone can get an address on this domain.
    pub fn is_free_mail(&self) -> bool {
        FREE_MAIL
            .binary_search(&self.registrable().as_str())
            .is_ok()
    }
}

/// The domain part of an address (`Anna <a@x.se>` has already been split off), as a domain.
pub fn of_address(address: &str) -> Option<Domain> {
    let (_, domain) = address.trim().trim_matches(['<', '>']).rsplit_once('@')?;
    Domain::parse(domain)
}

/// Why a domain is taken for a look-alike of a party's domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Likeness {
    /// Same letters once confusable characters are mapped (Cyrillic `о`, `0` for `o`).
    Homoglyph,
    /// One or two letters added, dropped, doubled, swapped or replaced.
    Typo,
    /// One letter differs by a single bit (a flipped bit in memory or on the wire).
    BitFlip,
    /// The party's name inside another domain (`nordic.home.se`, `nordichome-se.com`).
    Contains,
    /// The party's name under another suffix (`nordichome.com`).
    OtherSuffix,
}

impl Likeness {
    /// Stable key for JSON and tests.
    pub fn key(self) -> &'static str {
        match self {
            Likeness::Homoglyph => "homoglyph",
            Likeness::Typo => "typo",
            Likeness::BitFlip => "bit-flip",
            Likeness::Contains => "contains-name",
            Likeness::OtherSuffix => "other-suffix",
        }
    }
}

/// How a domain relates to one party domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The party domain itself or a sub-domain of it.
    Known,
    /// Made to look like the party domain.
    LookAlike(Likeness),
    /// Nothing to do with it.
    Unrelated,
}

/// Lowercase, compatibility-decomposed, TR39 skeleton, lowercase again (the skeleton maps
/// `0` to `O`, so case folding must come after it too), without combining marks.
pub fn skeleton(s: &str) -> String {
    let folded: String = s.chars().flat_map(char::to_lowercase).nfkd().collect();
    unicode_security::skeleton(&folded)
        .flat_map(char::to_lowercase)
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Compares `candidate` with one party domain.
pub fn relate(candidate: &Domain, party: &Domain) -> Relation {
    if candidate.is_within(party) {
        return Relation::Known;
    }
    let (name, suffix) = candidate.split();
    let (pname, psuffix) = party.split();
    if pname.is_empty() {
        return Relation::Unrelated;
    }
    let (sk, psk) = (skeleton(&name), skeleton(&pname));
    if name == pname && suffix != psuffix {
        return Relation::LookAlike(Likeness::OtherSuffix);
    }
    if sk == psk {
        // Same shape, different code points: `nоrdichome.se`, `n0rdichome.se`; or the same
        // name under a confusable suffix.
        return Relation::LookAlike(Likeness::Homoglyph);
    }
    if is_bit_flip(&name, &pname) {
        return Relation::LookAlike(Likeness::BitFlip);
    }
    if close_by_edits(&sk, &psk) {
        return Relation::LookAlike(Likeness::Typo);
    }
    if contains_name(candidate, &psk) {
        return Relation::LookAlike(Likeness::Contains);
    }
    Relation::Unrelated
}

/// Exactly one character differs, by exactly one bit.
fn is_bit_flip(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let diffs: Vec<u8> = a
        .iter()
        .zip(b)
        .map(|(x, y)| x ^ y)
        .filter(|d| *d != 0)
        .collect();
    diffs.len() == 1 && diffs[0].count_ones() == 1
}

/// Edit distance within the bound the length allows: short names would match half the
/// internet at distance 2 (`dhl` → `dpd`), so the bound grows with the party name.
fn close_by_edits(candidate: &str, party: &str) -> bool {
    let (n, m) = (candidate.chars().count(), party.chars().count());
    let limit = match m {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    if limit == 0 || n.abs_diff(m) > limit {
        return false;
    }
    let strip = |s: &str| s.replace('-', "");
    // Optimal string alignment: Levenshtein plus adjacent transpositions, so a swap of two
    // letters (`nordihcome`) counts as one edit, as a typo does.
    let edits = strsim::osa_distance;
    edits(candidate, party) <= limit || edits(&strip(candidate), &strip(party)) <= limit
}

/// The party's name (skeleton, hyphens dropped) inside the candidate's letters (skeleton,
/// dots and hyphens dropped): sub-domain splits, the party domain as a label of another,
/// the name plus words. Names under five letters are too common to be told this way.
fn contains_name(candidate: &Domain, party_skeleton: &str) -> bool {
    let name: String = party_skeleton.chars().filter(|c| *c != '-').collect();
    if name.chars().count() < 5 {
        return false;
    }
    let letters: String = skeleton(&candidate.unicode)
        .chars()
        .filter(|c| *c != '.' && *c != '-')
        .collect();
    letters.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Domain {
        Domain::parse(s).unwrap()
    }

    #[test]
    fn idn_forms_and_registrable_part() {
        let x = d("XN--NRDICHOME-YOK.SE.");
        assert_eq!(x.ascii, "xn--nrdichome-yok.se");
        assert_eq!(
            d("mail.acme.co.uk").split(),
            ("acme".into(), "co.uk".into())
        );
        assert_eq!(d("a.b.nordichome.se").registrable(), "nordichome.se");
        assert!(d("gmail.com").is_free_mail());
        assert_eq!(
            of_address("Anna@NordicHome.se").unwrap().unicode,
            "nordichome.se"
        );
    }

    #[test]
    fn relations() {
        let p = d("nordichome.se");
        assert_eq!(relate(&d("mail.nordichome.se"), &p), Relation::Known);
        let cases = [
            ("nordichome.com", Likeness::OtherSuffix),
            ("nоrdichome.se", Likeness::Homoglyph),
            ("n0rdichome.se", Likeness::Homoglyph),
            ("nordichgme.se", Likeness::BitFlip),
            ("nordichmoe.se", Likeness::Typo),
            ("nordic.home.se", Likeness::Contains),
            ("nordichome.se.pay-portal.com", Likeness::Contains),
            ("nordichome-se.com", Likeness::Contains),
        ];
        for (c, l) in cases {
            assert_eq!(relate(&d(c), &p), Relation::LookAlike(l), "{c}");
        }
        assert_eq!(relate(&d("dhl.com"), &p), Relation::Unrelated);
        assert_eq!(relate(&d("home.se"), &p), Relation::Unrelated);
    }

    #[test]
    fn edits_count_a_swap_once_within_a_bound_that_grows_with_the_name() {
        // The distance used: a swap is one edit (plain Levenshtein would say two).
        assert_eq!(strsim::osa_distance("nordichome", "nordihcome"), 1);
        assert_eq!(strsim::osa_distance("abc", "abc"), 0);
        assert_eq!(strsim::osa_distance("", "ab"), 2);
        assert_eq!(strsim::osa_distance("ca", "abc"), 3);
        // Seven letters or more: two edits, swaps included; not three.
        assert!(close_by_edits("nordihcome", "nordichome"));
        assert!(close_by_edits("nrodihcome", "nordichome"));
        assert!(!close_by_edits("nrodihcoem", "nordichome"));
        // Four to six letters: one edit; three or fewer: none.
        assert!(close_by_edits("hengil", "hengli"));
        assert!(!close_by_edits("hnegil", "hengli"));
        assert!(!close_by_edits("dpd", "dhl"));
        // Hyphens aside: three edits with the hyphen, two without it.
        assert_eq!(strsim::osa_distance("henglikitcehm", "hengli-kitchen"), 3);
        assert!(close_by_edits("henglikitcehm", "hengli-kitchen"));
    }
}
