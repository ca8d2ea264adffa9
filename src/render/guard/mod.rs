//! Render stage: what keeps templates from company folders in bounds — the static checks
//! before rendering (here) and rendering under watch (`watch`).

mod watch;

pub use watch::{register_capped, render_guarded, too_long, RenderFail};

/// A problem found in a template before it runs (a name the data lacks, a construct out of
/// bounds), at its line and column. It lives here, below `env`, so imports go one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadName {
    /// What is wrong.
    pub message: String,
    /// Line in the template, from 1.
    pub line: usize,
    /// Column in the template, from 1.
    pub col: usize,
    /// A "did you mean" suggestion.
    pub hint: Option<String>,
}

/// Deepest nesting of `for` loops a template may use.
pub const MAX_LOOP_DEPTH: usize = 2;
/// Most numbers a `range()` in a template may produce.
pub const MAX_RANGE: i64 = 1_000;
/// Most `~` concatenations in one template (each may double a string).
pub const MAX_CONCAT: usize = 16;
/// Longest text one template may produce.
pub const MAX_RENDER_BYTES: usize = 1024 * 1024;
/// Most memory the thread rendering one document's templates may take.
pub const RENDER_MEMORY: usize = 256 * 1024 * 1024;
/// Longest time the templates of one document may take to render.
pub const RENDER_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// Filters a template may use: dealguard's own and the built-in ones whose result is never
/// much longer than their input. `replace` and `join` are dealguard's capped versions.
pub const FILTERS: [&str; 31] = [
    "list",
    "weekday",
    "role",
    "access",
    "date",
    "upper",
    "lower",
    "capitalize",
    "title",
    "trim",
    "trim_start",
    "trim_end",
    "default",
    "length",
    "wordcount",
    "first",
    "last",
    "nth",
    "get",
    "keys",
    "values",
    "sort",
    "unique",
    "reverse",
    "int",
    "float",
    "round",
    "abs",
    "pluralize",
    "replace",
    "join",
];

/// A piece of a tag or expression, strings left out.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Word(&'a str),
    Tilde,
    Pipe,
    /// `=` that assigns (not `==`, `!=`, `<=`, `>=`).
    Assign,
    Other,
}

/// Splits the inside of a tag into pieces, with their byte offsets; string literals are skipped.
fn pieces(inner: &str) -> Vec<(usize, Piece<'_>)> {
    let mut out = Vec::new();
    let mut in_str: Option<char> = None;
    let mut word_start: Option<usize> = None;
    let mut prev = ' ';
    let chars: Vec<(usize, char)> = inner.char_indices().collect();
    for (n, &(k, c)) in chars.iter().enumerate() {
        let is_word = c.is_alphanumeric() || c == '_';
        if let Some(w) = word_start {
            if in_str.is_none() && !is_word {
                out.push((w, Piece::Word(&inner[w..k])));
                word_start = None;
            }
        }
        match in_str {
            Some(q) if c == q => in_str = None,
            Some(_) => {}
            None if c == '"' || c == '\'' || c == '`' => in_str = Some(c),
            None if is_word => {
                if word_start.is_none() {
                    word_start = Some(k);
                }
            }
            None if c == '~' => out.push((k, Piece::Tilde)),
            None if c == '|' => out.push((k, Piece::Pipe)),
            None if c == '=' => {
                let next = chars.get(n + 1).map_or(' ', |x| x.1);
                if next != '=' && !matches!(prev, '=' | '!' | '<' | '>') {
                    out.push((k, Piece::Assign));
                }
            }
            None if c.is_whitespace() => {}
            None => out.push((k, Piece::Other)),
        }
        prev = c;
    }
    if let (Some(w), None) = (word_start, in_str) {
        out.push((w, Piece::Word(&inner[w..])));
    }
    out
}

/// Refuses what a template from a company folder could use to loop or grow without end:
/// unsupported tags, loops nested deeper than two, list comprehensions, large or computed
/// `range()`s, `~` outside `{{ }}` or more than 16 of them, filters that can multiply a text.
/// Built-in templates pass the same checks.
pub fn check_safe(tpl: &str) -> Vec<BadName> {
    let mut scan = Scan {
        tpl,
        out: Vec::new(),
        depth: 0,
        concat: 0,
    };
    let bytes = tpl.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let close = match &bytes[i..i + 2] {
            b"{{" => "}}",
            b"{%" => "%}",
            _ => {
                i += 1;
                continue;
            }
        };
        let start = i + 2;
        let end = tpl[start..].find(close).map_or(tpl.len(), |e| start + e);
        let inner =
            tpl[start..end].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        // Offset of `inner` in `tpl`.
        let base = inner.as_ptr() as usize - tpl.as_ptr() as usize;
        let ps = pieces(inner);
        let is_tag = close == "%}";
        if let (true, Some((_, Piece::Word(word)))) = (is_tag, ps.first()) {
            scan.tag(start, word, &ps);
        }
        scan.pieces(inner, base, &ps, is_tag);
        i = (end + 2).min(tpl.len());
    }
    if scan.concat > MAX_CONCAT {
        let concat = scan.concat;
        scan.bad(
            0,
            format!("{concat} `~` concatenations; a template may use at most {MAX_CONCAT}"),
            "write the text out instead of building it",
        );
    }
    scan.out
}

/// What `check_safe` has found so far in one template, and the loop depth and `~` count.
struct Scan<'t> {
    tpl: &'t str,
    out: Vec<BadName>,
    depth: usize,
    concat: usize,
}

impl Scan<'_> {
    /// Records a problem at byte offset `off` of the template.
    fn bad(&mut self, off: usize, message: String, hint: &str) {
        let before = &self.tpl[..off];
        self.out.push(BadName {
            message,
            line: before.matches('\n').count() + 1,
            col: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            hint: Some(hint.to_string()),
        });
    }

    /// The tag's own word at `start`: loop depth, and the tags dealguard does not allow.
    fn tag(&mut self, start: usize, word: &str, ps: &[(usize, Piece)]) {
        match word {
            "for" => {
                self.depth += 1;
                if self.depth > MAX_LOOP_DEPTH {
                    let depth = self.depth;
                    self.bad(start, format!("loops are nested {depth} deep; templates may nest at most {MAX_LOOP_DEPTH}"), "rewrite without the innermost loop");
                }
            }
            "endfor" => self.depth = self.depth.saturating_sub(1),
            "set" if !ps.iter().any(|(_, p)| *p == Piece::Assign) => self.bad(
                start,
                "`{% set name %}…{% endset %}` blocks are not supported in dealguard templates"
                    .into(),
                "use `{% set name = value %}`",
            ),
            "set_global" | "include" | "extends" | "import" | "macro" | "component" | "block"
            | "filter" | "raw" => {
                self.bad(
                    start,
                    format!("`{{% {word} %}}` is not supported in dealguard templates"),
                    "use `if`, `for` and `set` only",
                );
            }
            _ => {}
        }
    }

    /// The pieces of one `{{ … }}` or `{% … %}` (`inner`, at offset `base`): `~`, list
    /// comprehensions, filters and `range()`.
    fn pieces(&mut self, inner: &str, base: usize, ps: &[(usize, Piece)], is_tag: bool) {
        let mut tilde_reported = false;
        for (n, (k, p)) in ps.iter().enumerate() {
            let at = base + k;
            match p {
                Piece::Tilde => {
                    self.concat += 1;
                    if is_tag && !tilde_reported {
                        tilde_reported = true;
                        self.bad(at, "`~` may only join text inside `{{ … }}`, not in `{% … %}` tags".into(), "write the pieces next to each other in the text");
                    }
                }
                Piece::Word("for") if n > 0 || !is_tag => self.bad(
                    at,
                    "list comprehensions (`[x for x in …]`) are not supported in dealguard templates".into(),
                    "loop with `{% for %}` instead",
                ),
                Piece::Pipe => {
                    if let Some((_, Piece::Word(f))) = ps.get(n + 1) {
                        if !FILTERS.contains(f) {
                            self.bad(
                                at,
                                format!("filter `{f}` is not available in dealguard templates"),
                                &format!("available filters: {}", FILTERS.join(", ")),
                            );
                        }
                    }
                }
                Piece::Word("range")
                    if matches!(ps.get(n + 1), Some((j, Piece::Other)) if inner[*j..].starts_with('(')) =>
                {
                    let args = inner[k + 6..].split(')').next().unwrap_or("");
                    self.range(at, args);
                }
                _ => {}
            }
        }
    }

    /// `range(start=…, end=…, step_by=…)` at `at`: literal numbers, at most `MAX_RANGE` values.
    fn range(&mut self, at: usize, args: &str) {
        let num = |key: &str| -> Option<Option<i64>> {
            args.split(',').find_map(|a| {
                let (k2, v) = a.split_once('=')?;
                (k2.trim() == key).then(|| v.trim().parse::<i64>().ok())
            })
        };
        let (s, e, st) = (num("start"), num("end"), num("step_by"));
        let literal = [s, e, st].iter().all(|x| !matches!(x, Some(None))) && e.is_some();
        let count = match (
            s.flatten().unwrap_or(0),
            e.flatten(),
            st.flatten().unwrap_or(1),
        ) {
            (a, Some(b), step) if step != 0 => ((b - a) / step).abs(),
            _ => i64::MAX,
        };
        if !literal || count > MAX_RANGE {
            self.bad(
                at,
                format!("`range()` must have literal numbers and give at most {MAX_RANGE} values"),
                "loop over a list of the profile instead",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_templates_are_refused() {
        let msgs = |t: &str| {
            check_safe(t)
                .into_iter()
                .map(|b| b.message)
                .collect::<Vec<_>>()
        };
        assert!(msgs(
            "{% for a in x %}{% for b in y %}{% for c in z %}{% endfor %}{% endfor %}{% endfor %}"
        )[0]
        .contains("nested 3 deep"));
        assert!(msgs("{% set_global s = 1 %}")[0].contains("not supported"));
        assert!(msgs("{% include \"x\" %}")[0].contains("not supported"));
        assert!(msgs("{% for i in range(end=100000) %}{% endfor %}")[0].contains("range()"));
        assert!(
            msgs("{% for i in range(end=terms.approvers) %}{% endfor %}")[0].contains("literal")
        );
        assert!(msgs(&"{{ a ~ b }}".repeat(17))[0].contains("17 `~`"));
        // What the built-in texts do is fine.
        assert!(msgs("{% for c in seller.contacts %}{{ c.name }}{% if not loop.last %}; {% endif %}{% endfor %}{% for i in range(end=3) %}x{% endfor %} {{ \"a~b\" }}").is_empty());
    }

    #[test]
    fn growing_constructs_are_refused() {
        let msgs = |t: &str| {
            check_safe(t)
                .into_iter()
                .map(|b| b.message)
                .collect::<Vec<_>>()
        };
        // `~` in a tag could store a doubled text and double it again.
        let m = msgs("{% set a = x ~ x %}{% set b = a ~ a %}{{ b }}");
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("only join text inside"), "{m:?}");
        assert!(msgs("{{ a ~ \" \" ~ b }}{% if a == \"~\" %}{% endif %}").is_empty());
        // A set block captures whatever its loops write, past the output cap.
        assert!(
            msgs("{% set x %}{% for a in b %}{{ a }}{% endfor %}{% endset %}")[0]
                .contains("blocks are not supported")
        );
        assert!(msgs("{% set x = 1 %}{% set y = x == 1 %}").is_empty());
        // List comprehensions are loops the loop-depth check would not see.
        assert!(msgs("{{ [a for a in b] | length }}")[0].contains("comprehensions"));
        assert!(msgs("{% for x in [y for y in z] %}{% endfor %}")[0].contains("comprehensions"));
        // Filters outside the list, wherever they appear.
        for f in [
            "indent",
            "escape",
            "split(pat=\"\")",
            "str",
            "newlines_to_br",
            "truncate(length=1)",
        ] {
            let m = msgs(&format!("{{% if a | {f} %}}{{% endif %}}"));
            assert!(m[0].contains("is not available"), "{f}: {m:?}");
        }
        assert!(msgs(
            "{{ a | upper | replace(from=\"a\", to=\"|indent\") | list(prefix=\"- \") }}"
        )
        .is_empty());
    }
}
