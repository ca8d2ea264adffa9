//! Verify stage: one pass over a text that marks every word or phrase of the lexicon
//! (`language.rs`) with its features, and cuts the text into sentences and clauses. Linear in
//! the text: each English word is one hash look-up (then the few phrases starting with it),
//! each Chinese character one look-up in a table of first characters.

use super::language::{Feats, EN, ZH};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One lexicon entry found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Its features.
    pub feats: Feats,
    /// Byte range in the text.
    pub at: usize,
    /// End of the byte range.
    pub end: usize,
    /// Token position: English words and Chinese characters counted from the text's start.
    pub pos: usize,
    /// Whether the entry is Chinese (distances are counted in characters there).
    pub zh: bool,
}

struct Lexicon {
    /// First word → (all words, features), longest first.
    en: HashMap<&'static str, Vec<(Vec<&'static str>, Feats)>>,
    /// First character → (phrase, features), longest first.
    zh: HashMap<char, Vec<(&'static str, Feats)>>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut en: HashMap<&'static str, Vec<(Vec<&'static str>, Feats)>> = HashMap::new();
        for (phrase, f) in EN {
            let words: Vec<&'static str> = phrase.split(' ').collect();
            en.entry(words[0])
                .or_default()
                .push((words, super::language::feats(f)));
        }
        for v in en.values_mut() {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        let mut zh: HashMap<char, Vec<(&'static str, Feats)>> = HashMap::new();
        for (phrase, f) in ZH {
            if let Some(c) = phrase.chars().next() {
                zh.entry(c)
                    .or_default()
                    .push((phrase, super::language::feats(f)));
            }
        }
        for v in zh.values_mut() {
            v.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        Lexicon { en, zh }
    })
}

/// A token of the text: an English word or one Chinese character.
#[derive(Debug, Clone, Copy)]
struct Tok {
    at: usize,
    end: usize,
    han: bool,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Tokens of `lower[lo..hi]`: words of ASCII letters and digits (with `/` and `'` inside,
/// as in `a/c`, `t/t`, `don't`) and single Chinese characters.
fn tokens(lower: &str, lo: usize, hi: usize) -> Vec<Tok> {
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = lo;
    while i < hi {
        let c = b[i];
        if is_word_byte(c) {
            let start = i;
            loop {
                let inside =
                    i + 1 < hi && (b[i] == b'/' || b[i] == b'\'') && is_word_byte(b[i + 1]);
                if (i < hi && is_word_byte(b[i])) || inside {
                    i += 1;
                } else if lower[i..hi].starts_with('’')
                    && b.get(i + 3).is_some_and(|c| is_word_byte(*c))
                    && i + 3 < hi
                {
                    i += 3;
                } else {
                    break;
                }
            }
            out.push(Tok {
                at: start,
                end: i,
                han: false,
            });
        } else if c < 0x80 {
            i += 1;
        } else {
            let ch = lower[i..].chars().next().unwrap_or(' ');
            let len = ch.len_utf8();
            if is_han(ch) {
                out.push(Tok {
                    at: i,
                    end: i + len,
                    han: true,
                });
            }
            i += len;
        }
    }
    out
}

/// Every lexicon entry in `lower[lo..hi]`, longest match first at each token, in order.
/// `lower` is the ASCII-lowercased text with `’` written as `'`.
pub fn marks(lower: &str, lo: usize, hi: usize) -> Vec<Mark> {
    let lex = lexicon();
    let toks = tokens(lower, lo, hi);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let raw = &lower[t.at..t.end];
        // The typographic apostrophe (`don’t`) looks up as `'`.
        let owned;
        let text = if raw.contains('’') {
            owned = raw.replace('’', "'");
            owned.as_str()
        } else {
            raw
        };
        let mut taken = 1;
        if t.han {
            let c = text.chars().next().unwrap_or(' ');
            if let Some(cands) = lex.zh.get(&c) {
                let rest = &lower[t.at..hi];
                if let Some((p, f)) = cands.iter().find(|(p, _)| rest.starts_with(p)) {
                    let n = p.chars().count();
                    // A Chinese phrase covers `n` consecutive Han tokens.
                    if toks[i..].iter().take(n).all(|x| x.han) && toks.len() >= i + n {
                        out.push(Mark {
                            feats: *f,
                            at: t.at,
                            end: t.at + p.len(),
                            pos: i,
                            zh: true,
                        });
                        taken = n;
                    }
                }
            }
        } else if let Some(cands) = lex.en.get(text) {
            let found = cands.iter().find(|(words, _)| {
                words.len() <= toks.len() - i
                    && words
                        .iter()
                        .zip(&toks[i..])
                        .all(|(w, k)| !k.han && same_word(&lower[k.at..k.end], w))
                    && adjacent(lower, &toks[i..i + words.len()])
            });
            if let Some((words, f)) = found {
                let last = toks[i + words.len() - 1];
                out.push(Mark {
                    feats: *f,
                    at: t.at,
                    end: last.end,
                    pos: i,
                    zh: false,
                });
                taken = words.len();
            }
        }
        i += taken;
    }
    out
}

fn same_word(tok: &str, w: &str) -> bool {
    tok == w || (tok.contains('’') && tok.replace('’', "'") == w)
}

/// Whether the words of a phrase stand together: only spaces, hyphens or one line break
/// between them (not a sentence end).
fn adjacent(lower: &str, toks: &[Tok]) -> bool {
    toks.windows(2).all(|w| {
        let gap = &lower[w[0].end..w[1].at];
        gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '-' || c == '\n')
    })
}

/// Longest sentence judged as one (bytes): a table or a run of text without punctuation is cut
/// into pieces of about this size at a space, so that judging a sentence stays cheap.
const MAX_SENTENCE: usize = 600;

/// Sentence ends: `.` before white space, `!`, `?`, `;`, the Chinese marks, a blank line, and
/// a line break unless the line before is long prose continuing in lowercase (a hard wrap).
/// Sentences longer than `MAX_SENTENCE` are cut at a space or a clause mark.
pub fn sentences(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (a, b) in whole_sentences(text, lo, hi) {
        let mut a = a;
        while b - a > MAX_SENTENCE {
            let mut cut = a + MAX_SENTENCE;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let piece = &text[a..cut];
            let at = piece
                .rfind([' ', ',', '，', '、'])
                .filter(|&p| p > MAX_SENTENCE / 2)
                .map_or(cut, |p| a + p + 1);
            let mut at = at;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            out.push((a, at));
            a = at;
        }
        out.push((a, b));
    }
    out
}

fn whole_sentences(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = lo;
    let mut line_start = lo;
    let mut i = lo;
    while i < hi {
        let c = b[i];
        let (ends, len) = match c {
            b'!' | b'?' | b';' => (true, 1),
            b'.' => (i + 1 >= hi || b[i + 1].is_ascii_whitespace(), 1),
            b'\n' => {
                let line = &text[line_start..i];
                let next = b.get(i + 1).copied().unwrap_or(b'\n');
                let wrapped = line.len() >= 40
                    && !line.trim_end().ends_with(':')
                    && (next.is_ascii_lowercase() || next.is_ascii_digit());
                line_start = i + 1;
                (!wrapped, 1)
            }
            0xE3 | 0xEF => {
                let ch = text[i..].chars().next().unwrap_or(' ');
                (matches!(ch, '。' | '！' | '？' | '；'), ch.len_utf8())
            }
            _ => (false, 1),
        };
        if ends {
            if i > start {
                out.push((start, i));
            }
            start = i + len;
        }
        i += len.max(1);
        while i < hi && !text.is_char_boundary(i) {
            i += 1;
        }
    }
    if hi > start {
        out.push((start, hi));
    }
    out
}

/// Clause boundaries inside a sentence: byte offsets of `,` `:` `，` `：` `、` and of the words
/// "but", "however", "and then".
pub fn clause_breaks(text: &str, lo: usize, hi: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, c) in text[lo..hi].char_indices() {
        if matches!(c, ',' | ':' | '，' | '：' | '(' | ')' | '（' | '）') {
            out.push(lo + i);
        }
    }
    for w in [" but ", " however ", " whereas ", "但是", "不过"] {
        let mut from = lo;
        while let Some(p) = text[from..hi].find(w) {
            out.push(from + p);
            from += p + w.len();
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::F;

    #[test]
    fn longest_phrase_wins_and_words_are_whole() {
        let t = "our account manager changed; the account no longer works. payday";
        let m = marks(t, 0, t.len());
        let got: Vec<&str> = m.iter().map(|m| &t[m.at..m.end]).collect();
        assert!(got.contains(&"account manager"));
        assert!(got.contains(&"no longer"));
        assert!(!got.contains(&"pay"));
        let t = "请将货款汇至以下新账户，不锈钢锅";
        let m = marks(t, 0, t.len());
        let got: Vec<&str> = m.iter().map(|m| &t[m.at..m.end]).collect();
        assert_eq!(got, ["请", "货款", "汇至", "以下", "新", "账户", "不锈钢"]);
        assert!(m[2].feats.has(F::Pay) && m[2].feats.has(F::Toward));
    }

    #[test]
    fn sentences_end_at_marks_and_short_lines() {
        let t = "Dear Li,\nour bank changed. See below:\nBank: HSBC\n尾款很紧急。请今天付款";
        let s: Vec<&str> = sentences(t, 0, t.len())
            .into_iter()
            .map(|(a, b)| &t[a..b])
            .collect();
        assert_eq!(
            s,
            [
                "Dear Li,",
                "our bank changed",
                " See below:",
                "Bank: HSBC",
                "尾款很紧急",
                "请今天付款"
            ]
        );
        let wrapped = "we would like to inform you that our company bank\naccount has changed";
        assert_eq!(sentences(wrapped, 0, wrapped.len()).len(), 1);
    }
}
