//! `diff`: a returned DOCX's clauses against the ones we generate — clauses
//! found by their headings (style `Heading2`, as we write them), aligned by title, compared
//! text to text per language (formatting ignored, whitespace folded), with a word-level diff
//! (`similar`'s Myers diff on word tokens, one token per Chinese character) and the tracked
//! changes each clause holds.

use crate::profile::Lang;
use crate::render::clauses::RenderedClause;
use crate::render::docx::is_cjk;
use dealguard_ooxml::docx::{Change, Para, Returned};
use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp, DiffTag};
use std::collections::BTreeMap;

/// Tokens of unchanged text shown on each side of a change (words and the spaces between).
const CONTEXT: usize = 12;
/// Most tokens of a text diffed word by word; longer texts are shown as replaced whole.
const MAX_TOKENS: usize = 20_000;

/// One clause of the returned document.
#[derive(Debug, Clone, Default)]
pub struct TheirClause {
    /// Heading text per language (the number comes from the list, so it is not in the text).
    pub titles: BTreeMap<Lang, String>,
    /// Paragraph texts per language.
    pub paras: BTreeMap<Lang, Vec<String>>,
    /// Tracked changes inside the clause.
    pub changes: Vec<Change>,
}

/// The language of a text: Chinese when CJK characters are a fifth of its letters or more (a
/// Chinese clause full of e-mail addresses stays Chinese; an English one naming a Chinese
/// company stays English).
pub fn lang_of(text: &str) -> Option<Lang> {
    let cjk = text.chars().filter(|c| is_cjk(*c)).count();
    let latin = text
        .chars()
        .filter(|c| c.is_alphabetic() && !is_cjk(*c))
        .count();
    match (cjk, latin) {
        (0, 0) => None,
        (c, l) if c * 5 >= c + l => Some(Lang::Zh),
        _ => Some(Lang::En),
    }
}

/// How the returned document was laid out, to tell a paragraph's language by its place.
pub struct Shape<'a> {
    /// The document's languages in order.
    pub langs: &'a [Lang],
    /// Whether clauses are two-column tables (`dealguard.layout: columns`).
    pub columns: bool,
}

impl Shape<'_> {
    /// A paragraph's language: its column in a clause table, else our `Chinese` run style,
    /// else its characters; `None` for a paragraph without text.
    fn lang(&self, p: &Para, text: &str) -> Option<Lang> {
        if text.is_empty() {
            return None;
        }
        if let Some(l) = p
            .cell
            .filter(|_| self.columns)
            .and_then(|k| self.langs.get(k))
        {
            return Some(*l);
        }
        if p.chinese && self.langs.contains(&Lang::Zh) {
            return Some(Lang::Zh);
        }
        lang_of(text).or_else(|| self.langs.first().copied())
    }
}

/// Whitespace folded to single spaces, trimmed.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_clause_heading(p: &Para) -> bool {
    p.style.eq_ignore_ascii_case("heading2") || p.style.eq_ignore_ascii_case("heading 2")
}

fn ends_clauses(p: &Para) -> bool {
    let s = p.style.to_ascii_lowercase();
    s == "heading1" || s == "heading 1" || s == "title" || s == "subtitle"
}

/// The returned document's clauses in order. A clause starts at a heading in a language the
/// current clause already has a heading in (the second language's heading follows the first,
/// in the next cell or the next paragraph); a section heading ends it. Tracked changes in a
/// heading whose text is all deleted go to `loose` (a clause deleted with tracking).
pub fn their_clauses(r: &Returned, shape: &Shape) -> (Vec<TheirClause>, Vec<Change>) {
    let mut out: Vec<TheirClause> = Vec::new();
    let mut loose: Vec<Change> = Vec::new();
    let mut open = false;
    for p in &r.paras {
        let text = fold(&p.text);
        if ends_clauses(p) {
            open = false;
            continue;
        }
        if is_clause_heading(p) {
            let lang = shape.lang(p, &text).unwrap_or(Lang::En);
            let cur = out.last_mut().filter(|c| {
                open && !c.titles.contains_key(&lang) && c.paras.values().all(Vec::is_empty)
            });
            match cur {
                _ if text.is_empty() => {
                    loose.extend(p.changes.iter().cloned());
                    continue;
                }
                Some(c) => {
                    c.titles.insert(lang, text);
                }
                None => {
                    let mut c = TheirClause::default();
                    c.titles.insert(lang, text);
                    out.push(c);
                }
            }
            open = true;
            if let Some(c) = out.last_mut() {
                c.changes.extend(p.changes.iter().cloned());
            }
            continue;
        }
        let Some(c) = out.last_mut().filter(|_| open) else {
            continue;
        };
        c.changes.extend(p.changes.iter().cloned());
        if let Some(lang) = shape.lang(p, &text) {
            c.paras.entry(lang).or_default().push(text);
        }
    }
    (out, loose)
}

/// Our clause as the same shape: titles and paragraphs per language, folded.
pub fn our_clause(c: &RenderedClause) -> TheirClause {
    TheirClause {
        titles: c.title.iter().map(|(l, t)| (*l, fold(t))).collect(),
        paras: c
            .paras
            .iter()
            .map(|(l, ps)| (*l, ps.iter().map(|lines| fold(&lines.join("\n"))).collect()))
            .collect(),
        changes: Vec::new(),
    }
}

/// A difference in one paragraph (or title) of one language.
#[derive(Debug, Clone, Serialize)]
pub struct TextDiff {
    /// `title`, `7.2`, or `text` when the paragraphs no longer line up.
    pub place: String,
    /// Language code.
    pub lang: String,
    /// The words, `[-deleted-]` and `{+inserted+}` marked.
    pub diff: String,
}

/// How two texts of one language differ, place by place; empty when they are the same.
pub fn compare(
    number: usize,
    ours: &TheirClause,
    theirs: &TheirClause,
    langs: &[Lang],
) -> Vec<TextDiff> {
    let mut v = Vec::new();
    for l in langs {
        let code = l.code().to_string();
        let (a, b) = (ours.titles.get(l), theirs.titles.get(l));
        let (a, b) = (a.map_or("", String::as_str), b.map_or("", String::as_str));
        if a != b {
            v.push(TextDiff {
                place: "title".into(),
                lang: code.clone(),
                diff: word_diff(a, b),
            });
        }
        let empty = Vec::new();
        let pa = ours.paras.get(l).unwrap_or(&empty);
        let pb = theirs.paras.get(l).unwrap_or(&empty);
        if pa.len() == pb.len() {
            for (k, (x, y)) in pa.iter().zip(pb).enumerate() {
                if x != y {
                    let place = if pa.len() > 1 {
                        format!("{number}.{}", k + 1)
                    } else {
                        "text".into()
                    };
                    v.push(TextDiff {
                        place,
                        lang: code.clone(),
                        diff: word_diff(x, y),
                    });
                }
            }
        } else {
            v.push(TextDiff {
                place: "text".into(),
                lang: code,
                diff: word_diff(&pa.join("\n"), &pb.join("\n")),
            });
        }
    }
    v
}

/// Word tokens: runs of letters or digits, one Chinese character, one space run, one mark.
fn tokens(s: &str) -> Vec<&str> {
    let mut v = Vec::new();
    let mut start = None;
    let kind = |c: char| {
        if is_cjk(c) {
            0
        } else if c.is_alphanumeric() {
            1
        } else if c.is_whitespace() {
            2
        } else {
            3
        }
    };
    let mut prev = 3;
    for (i, c) in s.char_indices() {
        let k = kind(c);
        if let Some(st) = start {
            if k != prev || k == 0 || k == 3 {
                v.push(&s[st..i]);
                start = Some(i);
            }
        } else {
            start = Some(i);
        }
        prev = k;
    }
    if let Some(st) = start {
        v.push(&s[st..]);
    }
    v
}

/// The new text with `[-deleted-]` and `{+inserted+}` words marked.
pub fn word_diff(a: &str, b: &str) -> String {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.len() > MAX_TOKENS || tb.len() > MAX_TOKENS {
        return format!("[-{a}-]{{+{b}+}}");
    }
    let ops: Vec<DiffOp> = capture_diff_slices(Algorithm::Myers, &ta, &tb);
    let last = ops.len().saturating_sub(1);
    let mut o = String::new();
    for (k, op) in ops.iter().enumerate() {
        let (tag, ra, rb) = op.as_tag_tuple();
        let old: String = ta[ra].concat();
        match tag {
            DiffTag::Equal => o.push_str(&context(&tb[rb], k == 0, k == last)),
            DiffTag::Delete => o.push_str(&format!("[-{old}-]")),
            DiffTag::Insert => o.push_str(&format!("{{+{}+}}", tb[rb].concat())),
            DiffTag::Replace => o.push_str(&format!("[-{old}-]{{+{}+}}", tb[rb].concat())),
        }
    }
    o
}

/// Tokens around a change: an unchanged stretch keeps [`CONTEXT`] tokens next to each change
/// and shows `…` for the rest, so a one-word edit in a long paragraph reads as one line.
fn context(t: &[&str], first: bool, last: bool) -> String {
    let keep_head = if first { 0 } else { CONTEXT };
    let keep_tail = if last { 0 } else { CONTEXT };
    if t.len() <= keep_head + keep_tail + 2 || (first && last) {
        return t.concat();
    }
    let head = t[..keep_head].concat();
    let tail = t[t.len() - keep_tail..].concat();
    format!("{head}…{tail}")
}

/// How alike two clauses' texts are, 0 to 1 (for pairing a retitled clause).
pub fn likeness(a: &TheirClause, b: &TheirClause) -> f32 {
    let join = |c: &TheirClause| {
        c.paras
            .values()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (x, y) = (join(a), join(b));
    let (ta, tb) = (tokens(&x), tokens(&y));
    if ta.len() > MAX_TOKENS || tb.len() > MAX_TOKENS {
        return 0.0;
    }
    let same: usize = capture_diff_slices(Algorithm::Myers, &ta, &tb)
        .iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum();
    let total = ta.len().max(tb.len()).max(1);
    same as f32 / total as f32
}

/// Pairs our clauses with theirs: by title (longest common sequence), then a retitled clause
/// by its text. Returns (our index or none, their index or none) in document order.
pub fn align(
    ours: &[TheirClause],
    theirs: &[TheirClause],
    lang: Lang,
) -> Vec<(Option<usize>, Option<usize>)> {
    let key = |c: &TheirClause| {
        c.titles
            .get(&lang)
            .or_else(|| c.titles.values().next())
            .cloned()
            .unwrap_or_default()
    };
    let ka: Vec<String> = ours.iter().map(key).collect();
    let kb: Vec<String> = theirs.iter().map(key).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        let (tag, ra, rb) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.extend(ra.zip(rb).map(|(a, b)| (Some(a), Some(b)))),
            DiffTag::Delete => out.extend(ra.map(|a| (Some(a), None))),
            DiffTag::Insert => out.extend(rb.map(|b| (None, Some(b)))),
            DiffTag::Replace => {
                let (mut ia, mut ib) = (ra.start, rb.start);
                while ia < ra.end && ib < rb.end {
                    if likeness(&ours[ia], &theirs[ib]) >= 0.5 {
                        out.push((Some(ia), Some(ib)));
                    } else {
                        out.push((Some(ia), None));
                        out.push((None, Some(ib)));
                    }
                    ia += 1;
                    ib += 1;
                }
                out.extend((ia..ra.end).map(|a| (Some(a), None)));
                out.extend((ib..rb.end).map(|b| (None, Some(b))));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_words_and_chinese_characters() {
        assert_eq!(
            word_diff("pay within 5 days", "pay within 10 days"),
            "pay within [-5-]{+10+} days"
        );
        assert_eq!(word_diff("付款五天", "付款十天"), "付款[-五-]{+十+}天");
        assert_eq!(word_diff("a b", "a b"), "a b");
        let long = "one two three four five six seven eight nine ten eleven twelve";
        let d = word_diff(&format!("{long} old {long}"), &format!("{long} new {long}"));
        assert_eq!(
            d,
            "…seven eight nine ten eleven twelve [-old-]{+new+} one two three four five six…"
        );
    }

    #[test]
    fn language_by_majority() {
        assert_eq!(
            lang_of("The Seller, 宁波恒力 Kitchenware Co., Ltd., shall"),
            Some(Lang::En)
        );
        assert_eq!(lang_of("买方 Nordic"), Some(Lang::Zh));
        assert_eq!(lang_of("1.2"), None);
        assert_eq!(
            lang_of("卖方：李伟（销售，li.wei@hengli-kitchen.com）"),
            Some(Lang::Zh)
        );
    }
}
