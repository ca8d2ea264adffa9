//! Render stage: the contract schedule as Markdown and as a standalone HTML page, with the SCC
//! annexes of an EU/EEA buyer's deal (`appendix`) — what both (and the PDF) share: headings,
//! numbering, party names and addresses, the signature columns.

mod appendix;
mod html;
mod markdown;
pub(crate) mod refs;

pub use html::html;
pub use markdown::markdown;

use super::clauses::{RenderedClause, RenderedSection};
use crate::profile::deal::Party;
use crate::profile::{Lang, Langs, Text};
use crate::render::templates::Labels;

/// "Part IV" / "第四部分".
fn part(lb: &Labels, lang: Lang, n: usize) -> String {
    let num = match lang {
        Lang::En => roman(n),
        Lang::Zh => zh_number(n),
    };
    lb.fill_one("part", lang, &[("n", num)])
}

fn roman(n: usize) -> String {
    const R: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    R.get(n.wrapping_sub(1))
        .map_or_else(|| n.to_string(), |s| s.to_string())
}

/// Chinese numerals for small counts (parts, sections): 1 → 一, 12 → 十二.
pub fn zh_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// A section's heading in every language of the document: "Part II Payments / 第二部分 付款".
pub fn section_heading(lb: &Labels, langs: &Langs, n: usize, sec: &RenderedSection) -> String {
    langs
        .list()
        .iter()
        .map(|l| section_heading_one(lb, *l, n, &sec.title))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A section's heading in one language: "Part II Payments".
pub(crate) fn section_heading_one(lb: &Labels, lang: Lang, n: usize, title: &Text) -> String {
    format!("{} {}", part(lb, lang, n), title.get_or_any(lang))
}

/// A party's name in every script it has.
pub fn party_name(p: &Party, langs: &Langs) -> Vec<String> {
    langs.distinct(|l| p.display_name(l).to_string())
}

/// Number of a sub-clause, or of the clause when it has one paragraph.
pub(crate) fn para_number(c: &RenderedClause, i: usize, count: usize) -> String {
    if count > 1 {
        format!("{}.{}", c.number, i + 1)
    } else {
        String::new()
    }
}

/// "7. Title" / "第7条 标题".
pub fn clause_heading(c: &RenderedClause, lang: Lang) -> String {
    let t = c.title.get(&lang).map_or("", String::as_str);
    match lang {
        Lang::En => format!("{}. {t}", c.number),
        Lang::Zh => format!("第{}条 {t}", c.number),
    }
}

/// `：` after a label in a Chinese-only document, `:` otherwise.
pub fn colon(langs: &Langs) -> &'static str {
    if langs.list() == [Lang::Zh] {
        "："
    } else {
        ":"
    }
}

/// One party's column of the signature block, in the document's languages.
pub struct SignatureColumn {
    /// The party's names, one per script.
    pub party: Vec<String>,
    /// The Authorised Signatory's name (" / " between scripts), if the profile names one.
    pub name: Option<String>,
    /// The signatory's title, likewise.
    pub title: Option<String>,
    /// Whether the party seals with a company chop (a box is drawn only then).
    pub chop: bool,
}

impl SignatureColumn {
    /// The column of one party.
    pub fn of(p: &Party, langs: &Langs) -> SignatureColumn {
        let sig = p.signatory.as_ref();
        SignatureColumn {
            party: party_name(p, langs),
            name: sig.map(|s| {
                langs
                    .distinct(|l| s.display_name(l).to_string())
                    .join(" / ")
            }),
            title: sig.map(|s| {
                langs
                    .distinct(|l| s.display_title(l).to_string())
                    .join(" / ")
            }),
            chop: p.uses_chop(),
        }
    }
}

/// The sentence above the signatures, once per language: two originals, one for each party.
pub fn signature_intro(lb: &Labels, langs: &Langs) -> Vec<String> {
    let key = if langs.is_bilingual() {
        "sig_intro_bilingual"
    } else {
        "sig_intro"
    };
    langs.list().iter().map(|l| lb.one(key, *l)).collect()
}

/// A party's address in every script it has (`address_local` for Chinese readers).
pub fn party_address(p: &Party, langs: &Langs) -> Vec<String> {
    langs.distinct(|l| p.display_address(l).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(zh_number(1), "一");
        assert_eq!(zh_number(10), "十");
        assert_eq!(zh_number(12), "十二");
        assert_eq!(zh_number(20), "二十");
        assert_eq!(zh_number(23), "二十三");
    }
}
