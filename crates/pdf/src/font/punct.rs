//! Lay-out stage: the half-width adjustment of adjacent full-width CJK punctuation, as the
//! W3C "Requirements for Chinese Text Layout" (clreq) describes it.
//!
//! A full-width mark is drawn in one half of its em box and leaves the other half empty: a
//! closing bracket or a stop (`，。、；：`, drawn in the left half by Simplified-Chinese faces)
//! on the left, an opening bracket on the right. Two such marks side by side show a gap of a
//! whole em between them, so one of the empty halves is removed: a closing mark or stop
//! followed by another closing mark or stop loses its trailing half (`），` `。」` `）。`), an
//! opening mark preceded by an opening or closing mark or stop loses its leading half (`，“`
//! `（「`). `！？` are never shortened (faces differ in where they draw them) but do shorten a
//! mark before them.

/// Opening brackets and quotation marks: the glyph sits in the right half.
const OPENING: &str = "（《「『〈【〔〖〘〚“‘";
/// Closing brackets and quotation marks: the glyph sits in the left half.
const CLOSING: &str = "）》」』〉】〕〗〙〛”’";
/// Pause and stop marks that Simplified-Chinese faces draw in the left half.
const STOPS: &str = "，。、；：";
/// Marks that end a phrase but whose glyph may be centred: they only shorten what precedes.
const CENTRED_STOPS: &str = "！？";

/// How much of an em each character loses: `(leading, trailing)`. `full(i)` says whether
/// character `i` is drawn full width (a narrow Latin quote is never adjusted).
pub(super) fn squeeze(chars: &[char], full: &dyn Fn(usize) -> bool) -> Vec<(f32, f32)> {
    let closes = |c: char| CLOSING.contains(c) || STOPS.contains(c);
    let mut out = vec![(0.0, 0.0); chars.len()];
    for i in 1..chars.len() {
        let (a, b) = (chars[i - 1], chars[i]);
        if !(full(i - 1) && full(i)) {
            continue;
        }
        if closes(a) && (closes(b) || CENTRED_STOPS.contains(b)) {
            out[i - 1].1 = 0.5;
        } else if OPENING.contains(b) && (OPENING.contains(a) || closes(a)) {
            out[i].0 = 0.5;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(s: &str) -> Vec<(f32, f32)> {
        let chars: Vec<char> = s.chars().collect();
        squeeze(&chars, &|_| true)
    }

    #[test]
    fn closing_marks_before_closing_marks_lose_their_trailing_half() {
        assert_eq!(of("），"), [(0.0, 0.5), (0.0, 0.0)]);
        assert_eq!(of("。」"), [(0.0, 0.5), (0.0, 0.0)]);
        assert_eq!(of("）。"), [(0.0, 0.5), (0.0, 0.0)]);
        assert_eq!(of("）！"), [(0.0, 0.5), (0.0, 0.0)]);
    }

    #[test]
    fn opening_marks_after_marks_lose_their_leading_half() {
        assert_eq!(of("，“"), [(0.0, 0.0), (0.5, 0.0)]);
        assert_eq!(of("（「"), [(0.0, 0.0), (0.5, 0.0)]);
        assert_eq!(of("）（"), [(0.0, 0.0), (0.5, 0.0)]);
    }

    #[test]
    fn single_marks_centred_marks_and_narrow_marks_keep_their_width() {
        assert_eq!(of("好，好"), [(0.0, 0.0); 3]);
        assert_eq!(of("！」"), [(0.0, 0.0); 2]);
        let chars: Vec<char> = "),".chars().collect();
        assert_eq!(squeeze(&chars, &|_| false), [(0.0, 0.0); 2]);
        // Three in a row: each pair is adjusted once.
        assert_eq!(of("）。」"), [(0.0, 0.5), (0.0, 0.5), (0.0, 0.0)]);
    }
}
