//! Lay-out stage: breaking text into lines that fit a width.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`): English breaks at spaces and
//! hyphens, Chinese between any two ideographs, and the CJK line-start/line-end rules (no line
//! starts with `，。、；：？！）》」』`, none ends with `（《「『`) hold because those characters
//! belong to the classes UAX #14 keeps attached. A word wider than the line is cut between
//! characters, as a last resort.

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

fn width_of(s: &str, measure: &dyn Fn(&str) -> f32) -> f32 {
    measure(s)
}

/// Wraps `text` to `max_width`; `measure` gives the width of a piece of text (it may depend on
/// the characters around each one, as font choice does). Newlines force breaks; an empty text
/// gives no lines.
pub fn wrap(text: &str, max_width: f32, advance: &dyn Fn(&str) -> f32) -> Vec<Line> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        wrap_paragraph(para.trim_end(), max_width, advance, &mut out);
    }
    // A trailing newline or an empty text gives no trailing empty line.
    while out.last().is_some_and(|l: &Line| l.text.is_empty()) && out.len() > 1 {
        out.pop();
    }
    if out.len() == 1 && out[0].text.is_empty() {
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
        .collect();
    v.dedup();
    v
}

fn wrap_paragraph(para: &str, max_width: f32, advance: &dyn Fn(&str) -> f32, out: &mut Vec<Line>) {
    if para.is_empty() {
        out.push(Line {
            text: String::new(),
            width: 0.0,
        });
        return;
    }
    let mut bounds = break_points(para);
    bounds.push(para.len());
    let mut line = String::new();
    let mut start = 0;
    for end in bounds {
        let seg = &para[start..end];
        start = end;
        let candidate = format!("{line}{seg}");
        if width_of(candidate.trim_end(), advance) <= max_width
            || line.is_empty() && width_of(seg.trim_end(), advance) <= max_width
        {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            let text = line.trim_end().to_string();
            out.push(Line {
                width: width_of(&text, advance),
                text,
            });
        }
        // The segment alone: fits, or has to be cut between characters.
        if width_of(seg.trim_end(), advance) <= max_width {
            line = seg.trim_start().to_string();
        } else {
            let mut piece = String::new();
            for ch in seg.chars() {
                let w = width_of(&format!("{piece}{ch}"), advance);
                if w > max_width && !piece.is_empty() {
                    out.push(Line {
                        width: width_of(&piece, advance),
                        text: std::mem::take(&mut piece),
                    });
                }
                piece.push(ch);
            }
            line = piece;
        }
    }
    let text = line.trim_end().to_string();
    out.push(Line {
        width: width_of(&text, advance),
        text,
    });
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
    fn widths_exclude_trailing_spaces() {
        let l = wrap("ab cd", 1.5, &adv);
        assert_eq!(l[0].text, "ab");
        assert_eq!(l[0].width, 1.0);
    }
}
