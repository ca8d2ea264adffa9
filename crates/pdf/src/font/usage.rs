//! Lay-out stage: which face draws which characters, for `check --fonts`.

use super::{Fonts, Weight};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Characters in code point order that one face draws: the face (`None`: no face has them),
/// fake bold, first and last character, how many.
type Range = (Option<usize>, bool, char, char, usize);

impl Fonts {
    /// Which face draws each of `chars`, per weight: one line per range of characters (in code
    /// point order) drawn by the same face, naming the face and its file — built in, the
    /// `--font` path or an installed font's path. Spaces and controls are left out.
    pub fn usage(&self, chars: &BTreeSet<char>) -> String {
        let mut out = String::new();
        for (name, w) in [("regular", Weight::Regular), ("bold", Weight::Bold)] {
            let _ = writeln!(out, "{name}:");
            let mut ranges: Vec<Range> = Vec::new();
            for &c in chars {
                let Some(c) = Fonts::normalise(c).filter(|c| !c.is_whitespace()) else {
                    continue;
                };
                let (face, fake) = self
                    .pick(w, c, false)
                    .map_or((None, false), |(f, _, fake)| (Some(f), fake));
                match ranges.last_mut() {
                    Some(r) if r.0 == face && r.1 == fake => {
                        r.3 = c;
                        r.4 += 1;
                    }
                    _ => ranges.push((face, fake, c, c, 1)),
                }
            }
            for r in ranges {
                self.usage_line(&mut out, r);
            }
        }
        out
    }

    fn usage_line(&self, out: &mut String, (face, fake, first, last, n): Range) {
        let span = if first == last {
            format!("U+{:04X} {first}", first as u32)
        } else {
            format!(
                "U+{:04X}–U+{:04X} {first}…{last}",
                first as u32, last as u32
            )
        };
        let plural = if n == 1 { "" } else { "s" };
        let by = match face.and_then(|i| self.face(i)) {
            Some(f) => format!("{} ({})", f.name, f.origin),
            None => "no font: drawn as `?`".to_string(),
        };
        let fake = if fake { ", fake bold" } else { "" };
        let _ = writeln!(out, "  {span} ({n} character{plural}): {by}{fake}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_names_the_face_of_each_range_in_code_point_order() {
        let f = Fonts::builtin().unwrap();
        // A, b, ✓ and 吴 come from the GB 2312 face: one range, though not adjacent code points.
        let chars: BTreeSet<char> = "Ab 吴喆，✓\u{e001}".chars().collect();
        let u = f.usage(&chars);
        let regular: Vec<&str> = u.lines().take_while(|l| *l != "bold:").collect();
        assert_eq!(
            regular,
            [
                "regular:",
                "  U+0041–U+5434 A…吴 (4 characters): NotoSansCJKsc-Regular (built in)",
                "  U+5586 喆 (1 character): NotoSansCJKscExt-Regular (built in)",
                "  U+E001 \u{e001} (1 character): no font: drawn as `?`",
                "  U+FF0C ， (1 character): NotoSansCJKsc-Regular (built in)",
            ],
            "{u}"
        );
        assert!(u.contains("  U+5586 喆 (1 character): NotoSansCJKscExt-Bold (built in)"));
        assert_eq!(u, f.usage(&chars));
    }
}
