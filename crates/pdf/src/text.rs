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
mod tests {
    use super::*;

    /// Latin characters are 0.5 wide, everything else 1.
    fn adv(s: &str) -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    }

    fn texts(t: &str, w: f32) -> Vec<String> {
        wrap(t, w, &adv).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_lone_character_is_one_with_at_most_its_punctuation() {
        assert!(is_lone("司") && is_lone("司。") && is_lone(" a "));
        assert!(!is_lone("公司") && !is_lone("") && !is_lone("。") && !is_lone("Co."));
    }

    #[test]
    fn the_line_before_gives_a_lone_last_character_company() {
        let t = "深圳喆堃声学科技有限公司";
        let ranges = wrap_ranges(t, 11.0, 11.0, &|a, b| adv(&t[a..b]));
        let (lines, need) = without_lone_last(t, ranges, 11.0, &|a, b| adv(&t[a..b]));
        let lines: Vec<&str> = lines.iter().map(|(a, b)| &t[*a..*b]).collect();
        assert_eq!(lines, ["深圳喆堃声学科技有限", "公司"]);
        // One character more room would have taken it up.
        assert!((need - 1.0).abs() < 1e-4, "{need}");
        // A forced break and a last line with company are left alone.
        for t in ["有限公\n司", "有限公司有限", "有"] {
            let r = wrap_ranges(t, 3.0, 3.0, &|a, b| adv(&t[a..b]));
            assert_eq!(
                without_lone_last(t, r.clone(), 3.0, &|a, b| adv(&t[a..b])).0,
                r
            );
        }
    }

    #[test]
    fn english_breaks_at_spaces() {
        assert_eq!(
            texts("the quick brown fox", 5.0),
            ["the quick", "brown fox"]
        );
        assert_eq!(texts("the quick brown fox", 100.0), ["the quick brown fox"]);
    }

    #[test]
    fn chinese_breaks_between_characters() {
        assert_eq!(texts("不锈钢锅具套装", 3.0), ["不锈钢", "锅具套", "装"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // Width 4 would put "，" at the start of line 2; it stays with the character before.
        let lines = texts("物料采购，已全部完成。", 4.0);
        for l in &lines {
            let first = l.chars().next().unwrap();
            assert!(!"，。、；：？！）》」』".contains(first), "{lines:?}");
        }
        assert_eq!(lines.concat(), "物料采购，已全部完成。");
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = texts("详见《检验报告》与「附件」说明", 3.0);
        for l in &lines {
            let last = l.chars().last().unwrap();
            assert!(!"（《「『".contains(last), "{lines:?}");
        }
    }

    #[test]
    fn mixed_text_and_long_words() {
        let lines = texts("拉伸后壁厚 wall thickness 0.8 mm", 6.0);
        assert!(
            lines.iter().all(|l| wrap(l, 6.0, &adv)[0].width <= 6.0),
            "{lines:?}"
        );
        // A word wider than the line is cut, never lost.
        let long = texts("https://videos.hengli-kitchen.com/nh0148/w49.mp4", 5.0);
        assert_eq!(
            long.concat(),
            "https://videos.hengli-kitchen.com/nh0148/w49.mp4"
        );
        assert!(long.iter().all(|l| l.len() as f32 * 0.5 <= 5.0));
    }

    #[test]
    fn newlines_force_breaks_and_empty_gives_nothing() {
        assert_eq!(texts("a\nb", 100.0), ["a", "b"]);
        assert!(texts("", 10.0).is_empty());
        assert_eq!(texts("a\n", 10.0), ["a"]);
    }

    #[test]
    fn hanging_indents_narrow_the_following_lines() {
        let t = "aa bb cc dd ee";
        let r = wrap_ranges(t, 3.0, 1.5, &|a, b| adv(&t[a..b]));
        let lines: Vec<&str> = r.iter().map(|(a, b)| &t[*a..*b]).collect();
        assert_eq!(lines, ["aa bb", "cc", "dd", "ee"]);
    }

    #[test]
    fn ranges_cover_the_text_without_loss() {
        let t =
            "拉伸后壁厚 wall thickness 0.8 mm, https://videos.hengli-kitchen.com/nh0148/w49.mp4 ok";
        let r = wrap_ranges(t, 6.0, 6.0, &|a, b| adv(&t[a..b]));
        let joined: String = r.iter().map(|(a, b)| t[*a..*b].replace(' ', "")).collect();
        assert_eq!(joined, t.replace(' ', ""));
        assert!(r.iter().all(|(a, b)| adv(&t[*a..*b]) <= 6.0), "{r:?}");
    }

    #[test]
    fn phone_numbers_and_addresses_stay_whole() {
        let t = "call +86 574 8888 1234 or li.wei@hengli-kitchen.com now";
        let r = wrap_ranges(t, 14.0, 14.0, &|a, b| adv(&t[a..b]));
        let lines: Vec<&str> = r.iter().map(|(a, b)| &t[*a..*b]).collect();
        assert!(
            lines.iter().any(|l| l.contains("+86 574 8888 1234")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains("li.wei@hengli-kitchen.com")),
            "{lines:?}"
        );
    }

    #[test]
    fn addresses_inside_chinese_text_do_not_block_other_breaks() {
        let t = "卖方为@hengli-kitchen.com，买方为@nordichome.se；其余文字可以正常换行";
        let r = wrap_ranges(t, 12.0, 12.0, &|a, b| adv(&t[a..b]));
        let lines: Vec<&str> = r.iter().map(|(a, b)| &t[*a..*b]).collect();
        assert!(
            lines.iter().any(|l| l.contains("@nordichome.se")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("@hengli-kitchen.com")),
            "{lines:?}"
        );
    }

    #[test]
    fn multibyte_spaces_and_punctuation_are_safe() {
        let t = "请致电+86\u{a0}574\u{a0}8888\u{a0}1250核实。\u{3000}全角空格 a\u{2003}b li@x.com";
        for w in [1.0, 2.0, 3.5, 7.0] {
            let r = wrap_ranges(t, w, w, &|a, b| adv(&t[a..b]));
            assert!(!r.is_empty());
        }
    }

    #[test]
    fn numbers_stay_with_the_words_beside_them() {
        // A number is glued on both sides (`on 8 March 2027 at` is one group), so the lines
        // are at least as wide as the longest group (9.0) and narrow enough to wrap.
        let cases = [
            ("ship on 8 March 2027 at the latest", "8 March 2027"),
            ("delivery March 2027 or later", "March 2027"),
            ("a total of 12 pcs were short", "12 pcs"),
            ("a deposit of 30 % is due", "30 %"),
            ("the balance of USD 12,000 is due", "USD 12,000"),
        ];
        for (t, group) in cases {
            for w in [9.0, 10.0, 12.0, 14.0] {
                let lines = texts(t, w);
                assert!(lines.iter().any(|l| l.contains(group)), "{w}: {lines:?}");
                assert_eq!(lines.join(" "), t);
            }
        }
        // Without a space, in Chinese: the number keeps its measure word.
        for w in [3.0, 4.0, 5.0] {
            let lines = texts("本批共12套锅具", w);
            assert!(lines.iter().any(|l| l.contains("12套")), "{lines:?}");
        }
        // A long word beside a number is not glued: the line breaks before it.
        assert_eq!(
            texts("in 2027 production starts", 5.0),
            ["in 2027", "production", "starts"]
        );
        // Across a space, Chinese does not hold on to a number.
        assert_eq!(texts("预计 2027", 2.0), ["预计", "2027"]);
        // Latin text inside Chinese keeps its spaces.
        let lines = texts("交货日期为 8 March 2027，请确认", 100.0);
        assert_eq!(lines, ["交货日期为 8 March 2027，请确认"]);
    }

    #[test]
    fn a_glued_group_wider_than_the_line_is_cut_at_a_space() {
        let lines = texts("due 8 March 2027", 3.0);
        assert_eq!(lines.concat().replace(' ', ""), "due8March2027");
        assert!(lines.iter().all(|l| adv(l) <= 3.0), "{lines:?}");
        assert!(lines.contains(&"March".to_string()), "{lines:?}");
    }

    #[test]
    fn a_wrapped_title_never_leaves_one_word_alone() {
        let t = "Supply contract for stainless steel cookware";
        assert_eq!(texts(t, 20.0).last().unwrap(), "cookware");
        let w = balanced_width(t, 20.0, &adv);
        let lines = texts(t, w);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].contains(' '), "{lines:?}");
        assert!(w <= 20.0);
        // Titles that fit, already end with two words, or end in Chinese are left alone.
        assert_eq!(balanced_width(t, 100.0, &adv), 100.0);
        assert_eq!(balanced_width("aa bb cc dd ee", 4.0, &adv), 4.0);
        assert_eq!(balanced_width("不锈钢锅具套装采购合同", 5.0, &adv), 5.0);
    }

    #[test]
    fn widths_exclude_trailing_spaces() {
        let l = wrap("ab cd", 1.5, &adv);
        assert_eq!(l[0].text, "ab");
        assert_eq!(l[0].width, 1.0);
    }
}
