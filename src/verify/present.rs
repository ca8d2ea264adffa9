//! Verify stage: finding the phrases of the table in a mail — one pass that tells which phrases
//! can occur, then whole-word searches for those only.

use memchr::memmem;

/// Which words (ASCII letters and digits, hashed) and which other characters a text holds,
/// as two 64 Kbit maps: one pass over a mail tells which phrases can occur, instead of one
/// search per phrase of the table (those searches were a quarter of `verify`'s time on
/// 50 KB mails). A collision only costs the search it would have saved.
pub(super) struct Present {
    words: Vec<u64>,
    chars: Vec<u64>,
}

const BITS: usize = 1 << 16;

fn set(map: &mut [u64], i: usize) {
    map[(i % BITS) / 64] |= 1 << (i % 64);
}

fn get(map: &[u64], i: usize) -> bool {
    map[(i % BITS) / 64] & (1 << (i % 64)) != 0
}

/// FNV-1a of a word.
fn word_hash(w: &[u8]) -> usize {
    let h = w.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    (h ^ (h >> 32)) as usize
}

impl Present {
    pub(super) fn of(lower: &str) -> Present {
        let mut p = Present {
            words: vec![0; BITS / 64],
            chars: vec![0; BITS / 64],
        };
        for w in lower
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            set(&mut p.words, word_hash(w));
        }
        for c in lower.chars().filter(|c| !c.is_ascii()) {
            set(&mut p.chars, c as usize);
        }
        p
    }

    /// Whether `phrase` can occur: its first word (or first character) is in the text.
    pub(super) fn may_hold(&self, phrase: &str) -> bool {
        match phrase.chars().next() {
            Some(c) if !c.is_ascii() => get(&self.chars, c as usize),
            Some(_) => phrase
                .as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .find(|w| !w.is_empty())
                .is_none_or(|w| get(&self.words, word_hash(w))),
            None => false,
        }
    }
}

/// Whole-word occurrences (ASCII phrases) or any occurrences (others), in order.
pub(super) fn find_phrases<'a>(
    lower: &'a str,
    phrase: &'a str,
) -> impl Iterator<Item = usize> + 'a {
    let b = lower.as_bytes();
    let ascii = phrase.is_ascii();
    memmem::find_iter(b, phrase.as_bytes()).filter(move |&at| {
        let end = at + phrase.len();
        !ascii
            || ((at == 0 || !b[at - 1].is_ascii_alphanumeric())
                && (end >= b.len() || !b[end].is_ascii_alphanumeric()))
    })
}

/// First whole-word occurrence (ASCII phrases) or any occurrence (others).
pub(super) fn find_phrase(lower: &str, phrase: &str) -> Option<usize> {
    find_phrases(lower, phrase).next()
}
