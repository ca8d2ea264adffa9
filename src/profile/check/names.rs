//! Load stage: the parties' legal names, as the banks will read them — the account holder is
//! the seller (an error in an L/C deal, whose documents must match the credit; a warning
//! otherwise), characters an MT700 cannot carry, a branch as the seller, markup in a name.

use super::Checker;
use crate::profile::deal::{Party, Profile};
use crate::profile::payment::By;

/// The words of a legal form that banks and registries abbreviate: `Co., Ltd.` and
/// `Company Limited` are one name; `&` is `and`.
const SAME_WORDS: [(&str, &str); 6] = [
    ("company", "co"),
    ("limited", "ltd"),
    ("corporation", "corp"),
    ("incorporated", "inc"),
    ("&", "and"),
    ("international", "intl"),
];

/// A company name as banks compare it: lowercase words, spaces and punctuation dropped, the
/// usual abbreviations of legal forms taken as the word. `NINGBO HENGLI KITCHENWARE CO LTD`
/// and `Ningbo Hengli Kitchenware Co., Ltd.` give one key; another word gives another.
pub(super) fn name_key(s: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for ch in s.chars() {
        if ch.is_alphanumeric() {
            cur.extend(ch.to_lowercase());
            continue;
        }
        if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if ch == '&' {
            words.push("&".into());
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
        .iter()
        .map(|w| {
            SAME_WORDS
                .iter()
                .find(|(long, _)| long == w)
                .map_or(w.as_str(), |(_, short)| short)
        })
        .collect()
}

/// Whether an account holder's name is the party's name (Latin or Chinese).
pub(super) fn same_company(holder: &str, party: &Party) -> bool {
    let h = name_key(holder);
    h == name_key(&party.name)
        || party
            .name_local
            .as_deref()
            .is_some_and(|l| h == name_key(l))
}

/// Whether any part of the price is paid by letter of credit.
pub(super) fn uses_lc(p: &Profile) -> bool {
    p.payment
        .plan()
        .is_some_and(|parts| parts.iter().any(|x| x.by == By::Lc))
}

/// Runs the name checks: markup and the branch first (where the parties are), then the account
/// holder and the SWIFT characters (where the payment is); the caller keeps the file's order.
pub(super) fn check_party_names(c: &mut Checker, p: &Profile) {
    for (who, party) in [("seller", &p.seller), ("buyer", &p.buyer)] {
        check_markup(c, &format!("{who}.name"), &party.name);
        if let Some(l) = &party.name_local {
            check_markup(c, &format!("{who}.name_local"), l);
        }
    }
    check_branch(c, &p.seller);
}

/// The beneficiary account's name, then the names an MT700 carries.
pub(super) fn check_payment_names(c: &mut Checker, p: &Profile) {
    let b = &p.payment.beneficiary;
    let field = "payment.beneficiary.account_name";
    check_markup(c, field, &b.account_name);
    let lc = uses_lc(p);
    if !b.account_name.trim().is_empty() && !same_company(&b.account_name, &p.seller) {
        let msg = format!(
            "`{}` is not the seller's name `{}`",
            b.account_name, p.seller.name
        );
        if lc {
            c.error(field, format!("{msg}: under UCP 600 the beneficiary of the credit, the party that invoices and the account holder are one company"))
                .set_hint("write the account holder as the seller's registered name (banks may write `Co., Ltd.` as `CO LTD`), or make the account holder the contracting seller");
        } else {
            c.warning(field, msg)
                .set_hint("the schedule calls an account in another name a sign of fraud; pay only to an account in the seller's own name");
        }
    }
    if lc {
        check_swift_names(c, p);
    }
}

/// The SWIFT `x` character set of FIN messages: what an MT700 can carry.
pub fn swift_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || "/-?:().,'+ ".contains(ch)
}

/// The Latin names an MT700 carries — seller (beneficiary), account holder, buyer
/// (applicant), the banks — each warned once, naming the characters a bank must rewrite.
/// Chinese names are not carried in an MT700.
fn check_swift_names(c: &mut Checker, p: &Profile) {
    let b = &p.payment.beneficiary;
    let mut fields: Vec<(String, &str)> = vec![
        ("seller.name".into(), p.seller.name.as_str()),
        ("buyer.name".into(), p.buyer.name.as_str()),
        ("payment.beneficiary.account_name".into(), &b.account_name),
        ("payment.beneficiary.bank".into(), &b.bank),
    ];
    for (i, part) in p.payment.method.iter().flatten().enumerate() {
        for (k, v) in [
            ("issuing_bank", &part.issuing_bank),
            ("advising_bank", &part.advising_bank),
        ] {
            if let Some(v) = v {
                fields.push((format!("payment.method[{i}].{k}"), v));
            }
        }
    }
    for (field, value) in fields {
        let mut bad: Vec<char> = Vec::new();
        for ch in value.chars().filter(|ch| !swift_char(*ch)) {
            if !bad.contains(&ch) {
                bad.push(ch);
            }
        }
        if bad.is_empty() {
            continue;
        }
        let shown: Vec<String> = bad.iter().map(|ch| show_char(*ch)).collect();
        c.warning(
            &field,
            format!(
                "`{value}` has characters outside the SWIFT character set ({}): the MT700 will carry a bank's rewriting of it, and the documents must match the credit",
                shown.join(", ")
            ),
        )
        .set_hint("agree with the buyer and the banks how the credit spells the name (`and` for `&`, `o` for `ö`) and use that spelling on every document");
    }
}

/// A character as a message shows it: in backticks, or as `U+0009` when it cannot be seen.
fn show_char(ch: char) -> String {
    if ch.is_control() || ch.is_whitespace() || ch == '`' {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("`{ch}`")
    }
}

/// A seller that is a branch (分公司, `Branch`): a branch has no legal personality of its own;
/// the head company should contract, or the schedule must name the branch's person in charge
/// (负责人), who signs for it. Silent when the signatory is that person.
fn check_branch(c: &mut Checker, seller: &Party) {
    let latin = seller
        .name
        .split(|ch: char| !ch.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("branch"));
    let local = seller
        .name_local
        .as_deref()
        .is_some_and(|l| l.contains("分公司"));
    if !latin && !local {
        return;
    }
    let in_charge = seller.signatory.as_ref().is_some_and(|s| {
        s.title_local
            .as_deref()
            .is_some_and(|t| t.contains("负责人"))
            || s.title.to_lowercase().contains("person in charge")
    });
    if in_charge {
        return;
    }
    let (field, name) = if local {
        (
            "seller.name_local",
            seller.name_local.as_deref().unwrap_or_default(),
        )
    } else {
        ("seller.name", seller.name.as_str())
    };
    c.warning(
        field,
        format!("`{name}` is a branch (分公司): a branch has no legal personality of its own, so the head company should be the seller"),
    )
    .set_hint("make the head company the seller; if the branch contracts, name its person in charge as `signatory` (`title: Person in charge`, `title_local: 负责人`), not a legal representative (法定代表人)");
}

/// A legal name is printed exactly as given: markup (`<b>`, `</span>`, `<!-- -->`) in it is
/// refused rather than printed or interpreted.
fn check_markup(c: &mut Checker, field: &str, value: &str) {
    if let Some(tag) = markup(value) {
        c.error(
            field,
            format!("`{tag}` is markup, not part of a name: the documents print a legal name exactly as given"),
        )
        .set_hint(
            "write the registered name only, as it stands in the business licence or register",
        );
    }
}

/// The first tag in `s`: `<` then a letter, `/` or `!`, up to the next `>` with no `<` between.
fn markup(s: &str) -> Option<&str> {
    let mut rest = s;
    let mut at = 0;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let starts = after
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_alphabetic() || ch == '/' || ch == '!');
        if let Some(j) = after.find(['<', '>']) {
            if starts && after[j..].starts_with('>') {
                let start = at + i;
                return Some(&s[start..start + j + 2]);
            }
        }
        at += i + 1;
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_banks_write_them() {
        let k = name_key("Ningbo Hengli Kitchenware Co., Ltd.");
        assert_eq!(k, name_key("NINGBO HENGLI KITCHENWARE CO LTD"));
        assert_eq!(k, name_key("Ningbo  Hengli Kitchenware Company Limited"));
        assert_ne!(k, name_key("Ningbo Hengli Trading Co., Ltd."));
        assert_ne!(k, name_key("Ningbo Hengli Kitchenware Co."));
        assert_eq!(name_key("A & B Ltd"), name_key("A and B Limited"));
        assert_eq!(
            name_key("宁波恒力厨具有限公司"),
            name_key("宁波恒力厨具 有限公司")
        );
    }

    #[test]
    fn markup_is_a_tag_not_a_sign() {
        assert_eq!(markup("<b>Nordic</b> Home AB"), Some("<b>"));
        assert_eq!(markup("Nordic Home AB</span>"), Some("</span>"));
        assert_eq!(markup("A <!-- x --> B"), Some("<!-- x -->"));
        assert_eq!(markup("A < B > C"), None);
        assert_eq!(markup("1<2 and 3>2"), None);
        assert_eq!(markup("Nordic Home AB"), None);
        assert_eq!(markup("<<b>"), Some("<b>"));
    }

    #[test]
    fn swift_characters() {
        assert!("Ningbo Hengli Kitchenware Co., Ltd."
            .chars()
            .all(swift_char));
        assert!(!swift_char('&') && !swift_char('ö') && !swift_char(';') && !swift_char('"'));
        assert_eq!(show_char('&'), "`&`");
        assert_eq!(show_char('\t'), "U+0009");
    }
}
