//! Verify stage, reading: one form for every text the rules read — NFKC (full-width letters
//! and digits become ASCII), no format or control characters (zero-width characters cannot
//! split a word), one kind of space, `\n` line ends, at most one blank line, traditional
//! Chinese as simplified.
//!
//! One pass over the characters after NFKC, so it stays linear; NFKC itself is skipped when the
//! quick check says the text already is NFKC (plain ASCII and most Chinese text).

use super::t2s;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// `s` in the one form the rules read (see the module doc).
pub fn normalise(s: &str) -> String {
    let mut out = Writer {
        s: String::with_capacity(s.len()),
        space: false,
        newlines: 0,
    };
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        out.text(s);
        return out.finish();
    }
    // NFKC only on the runs it can change: ASCII and the CJK ideographs (with 、。 and the
    // CJK brackets) are stable, and Chinese text is mostly those, so a mail with one
    // full-width comma is not put through NFKC whole (it was an eighth of `verify`'s time).
    let (mut start, mut kind) = (0, true);
    for (i, c) in s.char_indices() {
        let k = stable(c);
        if k != kind && i > start {
            out.run(&s[start..i], kind);
            start = i;
        }
        kind = k;
    }
    out.run(&s[start..], kind);
    out.finish()
}

/// Characters that NFKC leaves as they are, alone and beside any other (no decomposition,
/// no composition with a following mark that we keep).
///
/// Chinese sentence punctuation (`，：；！？（）`) is kept as written too, though NFKC would make
/// it ASCII: the rules split Chinese sentences and clauses on it. They are starters that
/// compose with nothing, so leaving them out of NFKC changes nothing else.
fn stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3001..=0x3002 | 0x3008..=0x3011)
        || matches!(c, '，' | '：' | '；' | '！' | '？' | '（' | '）')
}

/// A one-line form (display names, the subject): [`normalise`] with line breaks as spaces.
pub fn one_line(s: &str) -> String {
    let n = normalise(s);
    if !n.contains('\n') {
        return n;
    }
    n.split('\n')
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What one character becomes.
enum Class {
    Keep(char),
    Space,
    Newline,
    Drop,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            '\n' | '\r' | '\u{0B}' | '\u{0C}' => Class::Newline,
            ' ' | '\t' => Class::Space,
            c if c.is_ascii_control() => Class::Drop,
            c => Class::Keep(c),
        };
    }
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        c if c.is_whitespace() => Class::Space,
        c if c.is_control() || invisible(c) => Class::Drop,
        c if c < '\u{3400}' => Class::Keep(c),
        c => Class::Keep(t2s::simplified(c)),
    }
}

/// Format characters (general category `Cf`, Unicode 15) and the other characters that draw
/// nothing (fillers, variation selectors, the combining grapheme joiner): a reader never sees
/// them, so a word split by one must still match.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{600}'..='\u{605}' | '\u{61C}' | '\u{6DD}' | '\u{70F}'
        | '\u{890}'..='\u{891}' | '\u{8E2}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Builds the output: spaces and newlines are held back until the next visible character, so
/// runs collapse and nothing trails a line.
struct Writer {
    s: String,
    /// A space is pending.
    space: bool,
    /// Newlines pending (kept up to 2: one blank line).
    newlines: u8,
}

impl Writer {
    /// A run of stable characters as they are, or of others through NFKC.
    fn run(&mut self, s: &str, stable: bool) {
        if stable {
            self.text(s);
        } else {
            self.extend(s.nfkc());
        }
    }

    /// `s` as [`Writer::extend`] would write it, with runs of printable ASCII copied whole
    /// (most of a mail's bytes: the per-character path was a tenth of `verify`'s time).
    fn text(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let run = b[i..]
                .iter()
                .take_while(|c| matches!(c, 0x21..=0x7E))
                .count();
            if run > 0 {
                self.visible();
                // A run of ASCII bytes ends on a character boundary.
                self.s.push_str(&s[i..i + run]);
                i += run;
                continue;
            }
            let next = b[i..]
                .iter()
                .position(|c| matches!(c, 0x21..=0x7E))
                .map_or(b.len(), |n| i + n);
            // `next` is an ASCII byte or the end: a boundary.
            self.extend(s[i..next].chars());
            i = next;
        }
    }

    /// Writes what is pending before a visible character.
    fn visible(&mut self) {
        if !self.s.is_empty() {
            for _ in 0..self.newlines {
                self.s.push('\n');
            }
            if self.newlines == 0 && self.space {
                self.s.push(' ');
            }
        }
        self.newlines = 0;
        self.space = false;
    }

    fn extend(&mut self, chars: impl Iterator<Item = char>) {
        let mut cr = false;
        for c in chars {
            // CRLF is one line end.
            if c == '\n' && cr {
                cr = false;
                continue;
            }
            cr = c == '\r';
            match class(c) {
                Class::Keep(k) => {
                    self.visible();
                    self.s.push(k);
                }
                Class::Space => self.space = true,
                Class::Newline => {
                    self.newlines = (self.newlines + 1).min(2);
                    self.space = false;
                }
                Class::Drop => {}
            }
        }
    }

    fn finish(self) -> String {
        self.s
    }
}
