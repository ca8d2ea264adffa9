//! Lay-out stage: breaking text into lines that fit a width.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`): English breaks at spaces and
//! hyphens, Chinese between any two ideographs, and the CJK line-start/line-end rules (no line
//! starts with `，。、；：？！）》」』`, none ends with `（《「『`) hold because those characters
//! belong to the classes UAX #14 keeps attached. A word wider than the line is cut between
//! characters, as a last resort.
//!
//! A number stays with the short word next to it (`8 March 2027`, `12 pcs`, `USD 12,000`,
//! `共12套`): no break between a digit and a word of up to six letters or a month, with or
//! without a space between them, or an ideograph it touches.
//! Latin text inside Chinese keeps its own spaces (none are added or removed). A glued group
//! wider than the line is cut at a space inside it before it is cut between characters.

use unicode_linebreak::{linebreaks, BreakOpportunity};

/// One line of wrapped text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text, without trailing spaces.
    pub text: String,
    /// Its width, in the unit of the advance function.
    pub width: f32,
}

/// Characters that must not start a line (CJK closing punctuation and the like).
const NO_START: &str = "，。、；：？！）》」』〉】〕”’,.;:?!)]}%";
/// Characters that must not end a line (CJK opening punctuation).
const NO_END: &str = "（《「『〈【〔“‘([{";

/// Wraps `text` to `max_width`; `measure` gives the width of a piece of text (it may depend on
/// the characters around each one, as font choice does). Newlines force breaks; an empty text
/// gives no lines.
pub fn wrap(text: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<Line> {
    wrap_ranges(text, max_width, max_width, &|a, b| measure(&text[a..b]))
        .into_iter()
        .map(|(a, b)| Line {
            text: text[a..b].to_string(),
            width: measure(&text[a..b]),
        })
        .collect()
}

/// Whether a line holds one character alone — one, or one with the closing punctuation that
/// must follow it (`司`, `司。`): the last line of a wrapped name that reads as cut off.
pub fn is_lone(line: &str) -> bool {
    let mut chars = line.trim().chars().filter(|c| !NO_START.contains(*c));
    chars.next().is_some() && chars.next().is_none()
}

/// Lines with no character alone on the last one (`有限公⏎司`): the line before gives its
/// last characters down, when the two still make two lines. Also returns how much wider the
/// line before would have to be to take the lone character up instead (0 when none is alone),
/// so that a table can widen the column when a neighbour has room. `ranges` are those
/// [`wrap_ranges`] made of `text` with `rest_max`; forced line breaks are left as they are.
pub fn without_lone_last(
    text: &str,
    mut ranges: Vec<(usize, usize)>,
    rest_max: f32,
    width: &dyn Fn(usize, usize) -> f32,
) -> (Vec<(usize, usize)>, f32) {
    let n = ranges.len();
    if n < 2 {
        return (ranges, 0.0);
    }
    let ((a, b), (c, d)) = (ranges[n - 2], ranges[n - 1]);
    if !is_lone(&text[c..d]) || text[b..c].contains('\n') {
        return (ranges, 0.0);
    }
    let need = (width(a, d) - rest_max).max(0.0);
    // Narrow the pair a little at a time until the last line has company (a few tries: each
    // brings down at least one more character).
    let mut limit = width(a, b);
    for _ in 0..4 {
        limit -= 0.01;
        let pair: Vec<(usize, usize)> =
            wrap_ranges(&text[a..d], limit, limit, &|x, y| width(a + x, a + y))
                .into_iter()
                .map(|(x, y)| (a + x, a + y))
                .collect();
        match pair.as_slice() {
            [_, last] if !is_lone(&text[last.0..last.1]) => {
                ranges.truncate(n - 2);
                ranges.extend(pair);
                break;
            }
            [first, _] => limit = width(first.0, first.1),
            _ => break,
        }
    }
    (ranges, need)
}

/// The width to wrap a title at so that its last line does not hold one word alone: the
/// narrowest width at which it still takes as many lines as at `max_width` (words move down
/// from the lines above, as CSS `text-wrap: balance` does). `max_width` when the title fits on
/// one line, already ends with two words or more, or ends in Chinese (no words to move).
pub fn balanced_width(text: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> f32 {
    let lone = |lines: &[Line]| {
        lines.len() > 1
            && lines.last().is_some_and(|l| {
                !l.text.contains(' ') && !l.text.chars().any(|c| c as u32 >= 0x2E80)
            })
    };
    let lines = wrap(text, max_width, measure);
    if !lone(&lines) {
        return max_width;
    }
    let n = lines.len();
    // Line counts only grow as the width shrinks: bisect for the narrowest width giving `n`.
    let (mut lo, mut hi) = (0.0, max_width);
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if wrap(text, mid, measure).len() <= n {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // Moving words down helps only if the last line then has company.
    if lone(&wrap(text, hi, measure)) {
        max_width
    } else {
        hi
    }
}

/// The core of wrapping: byte ranges of `text`, one per line, without trailing spaces. The
/// first line may be `first_max` wide, the others `rest_max` (hanging indents); `width(a, b)`
/// measures `text[a..b]`, so pieces in different styles can be measured each with its own.
pub fn wrap_ranges(
    text: &str,
    first_max: f32,
    rest_max: f32,
    width: &dyn Fn(usize, usize) -> f32,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    for para in text.split('\n') {
        let start = offset;
        offset += para.len() + 1;
        let end = start + para.trim_end().len();
        wrap_paragraph(text, start, end, first_max, rest_max, width, &mut out);
    }
    // A trailing newline or an empty text gives no trailing empty line.
    while out.last().is_some_and(|(a, b)| a == b) && out.len() > 1 {
        out.pop();
    }
    if out.len() == 1 && out[0].0 == out[0].1 {
        out.clear();
    }
    out
}

/// Byte offsets where a line may start (beyond 0), per UAX #14 plus our CJK rules.
fn break_points(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = linebreaks(s)
        .filter(|(i, o)| {
            *i < s.len() && matches!(o, BreakOpportunity::Allowed | BreakOpportunity::Mandatory)
        })
        .map(|(i, _)| i)
        .filter(|&i| {
            let next = s[i..].chars().next();
            let prev = s[..i].chars().next_back();
            !next.is_some_and(|c| NO_START.contains(c)) && !prev.is_some_and(|c| NO_END.contains(c))
        })
        .filter(|&i| !inside_address(s, i) && !inside_phone(s, i) && !number_and_word(s, i))
        .collect();
    v.dedup();
    v
}

/// Whether `i` falls inside an e-mail address or URL (a break there would look like two
/// addresses); an address longer than a line is still cut, as a last resort.
fn inside_address(s: &str, i: usize) -> bool {
    let addr = |c: char| c.is_ascii_alphanumeric() || "@._-+%/:?=&#~".contains(c);
    let start = s[..i]
        .char_indices()
        .rev()
        .take_while(|(_, c)| addr(*c))
        .last()
        .map_or(i, |(p, _)| p);
    let end = i + s[i..]
        .chars()
        .take_while(|c| addr(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    if start == i || end == i {
        return false;
    }
    let token = &s[start..end];
    token.contains('@') || token.contains("://")
}

/// Month names, which stay with a day or a year however long they are.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether a break at `i` would part a number from the short word beside it: a unit, a
/// currency, a month (`8⏎March`, `March⏎2027`, `12⏎pcs`, `USD⏎12,000`, `第⏎12`). A long word
/// next to a number (`2027 production`) is not glued, so a line is not left short for it.
fn number_and_word(s: &str, i: usize) -> bool {
    let before = s[..i].trim_end_matches([' ', '\u{a0}']);
    let (Some(p), Some(n)) = (before.chars().next_back(), s[i..].chars().next()) else {
        return false;
    };
    // An ideograph holds on to a number it touches (`12套`); across a space (`预计 2027`) the
    // line may break there, as Chinese lines break between any two characters.
    let spaced = before.len() < i;
    let short = |word: &str| {
        if word.starts_with(|c: char| c as u32 >= 0x2E80) {
            !spaced
        } else {
            word.chars().count() <= 6 || MONTHS.contains(&word)
        }
    };
    if p.is_ascii_digit() && n.is_alphabetic() {
        let end = s[i..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(s.len() - i);
        short(&s[i..i + end])
    } else if p.is_alphabetic() && n.is_ascii_digit() {
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(before.len(), |(k, _)| k);
        short(&before[start..])
    } else {
        false
    }
}

/// Whether `i` is a space inside a phone number such as `+86 574 8888 1234`.
fn inside_phone(s: &str, i: usize) -> bool {
    let next_digit = s[i..].chars().next().is_some_and(|c| c.is_ascii_digit());
    let before = s[..i].trim_end_matches(' ');
    if !next_digit || before.len() == i || !before.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // Back over digits and single spaces to a '+' that starts the number.
    let run: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ' ' || *c == '+')
        .collect();
    run.trim_end().ends_with('+') && run.chars().filter(|c| *c == '+').count() == 1
}

/// `text[a..b]` without trailing whitespace, as an end offset.
fn trim_end(text: &str, a: usize, b: usize) -> usize {
    a + text[a..b].trim_end().len()
}

/// `text[a..b]` without leading whitespace, as a start offset.
fn trim_start(text: &str, a: usize, b: usize) -> usize {
    b - text[a..b].trim_start().len()
}

/// A segment wider than a whole line, cut between characters; returns where the last,
/// unfinished piece starts.
fn cut(
    text: &str,
    from: usize,
    to: usize,
    first_max: f32,
    rest_max: f32,
    width: &dyn Fn(usize, usize) -> f32,
    out: &mut Vec<(usize, usize)>,
) -> usize {
    let mut piece = from;
    for (i, ch) in text[from..to].char_indices() {
        let here = from + i;
        let max = if out.is_empty() { first_max } else { rest_max };
        if width(piece, here + ch.len_utf8()) > max && piece < here {
            // A group glued at its spaces (a number and its unit, a phone number) is cut at
            // its last space that fits, rather than inside a word.
            let space = text[piece..here].rfind(' ').map(|s| piece + s);
            match space.filter(|&sp| sp > piece && trim_end(text, piece, sp) > piece) {
                Some(sp) => {
                    out.push((piece, trim_end(text, piece, sp)));
                    piece = trim_start(text, sp, here + ch.len_utf8()).min(here);
                }
                None => {
                    out.push((piece, here));
                    piece = here;
                }
            }
        }
    }
    piece
}

#[allow(clippy::too_many_arguments)]
fn wrap_paragraph(
    text: &str,
    start: usize,
    end: usize,
    first_max: f32,
    rest_max: f32,
    width: &dyn Fn(usize, usize) -> f32,
    out: &mut Vec<(usize, usize)>,
) {
    if start == end {
        out.push((start, start));
        return;
    }
    let max = |out: &Vec<(usize, usize)>| if out.is_empty() { first_max } else { rest_max };
    let mut bounds: Vec<usize> = break_points(&text[start..end])
        .into_iter()
        .map(|i| start + i)
        .collect();
    bounds.push(end);
    // The line being filled is text[line..cur].
    let (mut line, mut cur) = (start, start);
    for b in bounds {
        let candidate_end = trim_end(text, line, b);
        if line == cur || width(line, candidate_end) <= max(out) {
            if line == cur && width(line, candidate_end) > max(out) {
                line = cut(text, line, b, first_max, rest_max, width, out);
            }
            cur = b;
            continue;
        }
        out.push((line, trim_end(text, line, cur)));
        line = trim_start(text, cur, b);
        // Re-run the segment on the new line (it may itself be too wide).
        if width(line, trim_end(text, line, b)) > max(out) {
            line = cut(text, line, b, first_max, rest_max, width, out);
        }
        cur = b;
    }
    out.push((line, trim_end(text, line, cur)));
}

#[cfg(test)]
mod tests;
