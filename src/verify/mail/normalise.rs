//! Verify stage, reading: one form for every text the rules read — NFKC (full-width letters
//! and digits become ASCII; Chinese sentence punctuation stays), no format or control
//! characters (zero-width characters cannot split a word), one kind of space, `\n` line ends,
//! at most one blank line, traditional Chinese as simplified.
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
        out.extend(s.chars());
        return out.finish();
    }
    // NFKC, but Chinese sentence punctuation stays as written: the rules split Chinese
    // sentences and clauses on it (NFKC would make `，` a `,`). They are starters that compose
    // with nothing, so NFKC of the stretches between them is NFKC of the whole.
    let mut rest = s;
    while let Some(at) = rest.find(CJK_PUNCTUATION) {
        out.extend(rest[..at].nfkc());
        let mut chars = rest[at..].chars();
        out.extend(chars.next().into_iter());
        rest = chars.as_str();
    }
    out.extend(rest.nfkc());
    out.finish()
}

/// Full-width punctuation of Chinese text that NFKC would turn into ASCII.
const CJK_PUNCTUATION: &[char] = &['，', '：', '；', '！', '？', '（', '）'];

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
