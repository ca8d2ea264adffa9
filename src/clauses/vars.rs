//! Select stage: which profile fields a clause template reads.
//!
//! Tera treats an undefined name inside `{% if %}` as false, so a misspelt field would silently
//! drop text. This scanner lists every name a template reads, so each can be checked against the
//! profile and against the clause's `uses` list before anything is rendered.

/// A name read by a template, with where it is written (1-based line and column in the template).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarUse {
    /// Dotted path with loop variables expanded: `c.email` in `for c in seller.contacts`
    /// becomes `seller.contacts.email`; list indexes are dropped.
    pub path: String,
    /// Line in the template, from 1.
    pub line: usize,
    /// Column in the template, from 1.
    pub col: usize,
}

const KEYWORDS: [&str; 18] = [
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "in",
    "endfor",
    "set",
    "set_global",
    "and",
    "or",
    "not",
    "true",
    "false",
    "none",
    "is",
    "break",
    "endset",
];

/// Lists the names a template reads. `loop`, loop variables and `set` names are resolved or skipped.
pub fn scan(template: &str) -> Vec<VarUse> {
    let mut out = Vec::new();
    // Loop variables and their sources, innermost last.
    let mut aliases: Vec<(String, Option<String>)> = Vec::new();
    let bytes = template.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        // Byte comparisons: `i` may sit inside a multi-byte character.
        let close = match &bytes[i..i + 2] {
            b"{{" => "}}",
            b"{%" => "%}",
            b"{#" => "#}",
            _ => {
                i += 1;
                continue;
            }
        };
        let is_comment = close == "#}";
        let start = i + 2;
        let end = template[start..]
            .find(close)
            .map_or(template.len(), |e| start + e);
        if !is_comment {
            scan_tag(template, start, end, &mut aliases, &mut out);
        }
        i = (end + 2).min(template.len());
    }
    out
}

#[derive(Debug, PartialEq)]
enum Tok {
    Path(String),
    Str,
    Num,
    Op(String),
}

fn tokenize(s: &str, base: usize) -> Vec<(Tok, usize)> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (off, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
        } else if c == '"' || c == '\'' || c == '`' {
            k += 1;
            while k < chars.len() && chars[k].1 != c {
                if chars[k].1 == '\\' {
                    k += 1;
                }
                k += 1;
            }
            k += 1;
            toks.push((Tok::Str, base + off));
        } else if c.is_ascii_digit() {
            while k < chars.len() && (chars[k].1.is_ascii_alphanumeric() || chars[k].1 == '.') {
                k += 1;
            }
            toks.push((Tok::Num, base + off));
        } else if c.is_alphabetic() || c == '_' {
            let mut path = String::new();
            loop {
                while k < chars.len() && (chars[k].1.is_alphanumeric() || chars[k].1 == '_') {
                    path.push(chars[k].1);
                    k += 1;
                }
                // `.field` continues the path; `[0]` / `["key"]` indexes are skipped or kept.
                if k + 1 < chars.len()
                    && chars[k].1 == '.'
                    && (chars[k + 1].1.is_alphabetic() || chars[k + 1].1 == '_')
                {
                    path.push('.');
                    k += 1;
                } else if k < chars.len() && chars[k].1 == '[' {
                    let close = chars[k..]
                        .iter()
                        .position(|x| x.1 == ']')
                        .map_or(chars.len(), |p| k + p);
                    let inner: String = chars[k + 1..close.min(chars.len())]
                        .iter()
                        .map(|x| x.1)
                        .collect();
                    let inner = inner.trim();
                    if inner.len() >= 2 && (inner.starts_with('"') || inner.starts_with('\'')) {
                        path.push('.');
                        path.push_str(&inner[1..inner.len() - 1]);
                    }
                    k = close + 1;
                    if k < chars.len() && chars[k].1 == '.' {
                        path.push('.');
                        k += 1;
                    }
                } else {
                    break;
                }
            }
            toks.push((
                Tok::Path(path.trim_end_matches('.').to_string()),
                base + off,
            ));
        } else {
            let two: String = chars[k..(k + 2).min(chars.len())]
                .iter()
                .map(|x| x.1)
                .collect();
            if ["==", "!=", "<=", ">="].contains(&two.as_str()) {
                toks.push((Tok::Op(two), base + off));
                k += 2;
            } else {
                toks.push((Tok::Op(c.to_string()), base + off));
                k += 1;
            }
        }
    }
    toks
}

fn line_col(s: &str, offset: usize) -> (usize, usize) {
    let before = &s[..offset.min(s.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn scan_tag(
    template: &str,
    start: usize,
    end: usize,
    aliases: &mut Vec<(String, Option<String>)>,
    out: &mut Vec<VarUse>,
) {
    let inner = &template[start..end];
    let inner_trim = inner
        .trim_start_matches(['-', '+'])
        .trim_end_matches(['-', '+']);
    let offset = start + (inner.len() - inner.trim_start_matches(['-', '+']).len());
    let toks = tokenize(inner_trim, offset);
    let first = match toks.first() {
        Some((Tok::Path(p), _)) => p.as_str(),
        _ => "",
    };
    match first {
        "endfor" => {
            // Drop the variables of the loop that ends here.
            if let Some(pos) = aliases.iter().rposition(|a| a.0 == "\u{0}for") {
                aliases.truncate(pos);
            }
            return;
        }
        "for" => {
            // for x in source | for k, v in source
            let in_pos = toks.iter().position(|t| t.0 == Tok::Path("in".into()));
            let names: Vec<String> = toks[1..in_pos.unwrap_or(1)]
                .iter()
                .filter_map(|t| match &t.0 {
                    Tok::Path(p) => Some(p.clone()),
                    _ => None,
                })
                .collect();
            let rest = in_pos.map_or(&toks[..0], |p| &toks[p + 1..]);
            let source = match rest.first() {
                Some((Tok::Path(p), _))
                    if rest.get(1).is_none_or(|t| t.0 != Tok::Op("(".into())) =>
                {
                    Some(resolve(p, aliases))
                }
                _ => None,
            };
            collect(rest, aliases, template, out);
            aliases.push(("\u{0}for".into(), None));
            let n = names.len();
            for (j, name) in names.into_iter().enumerate() {
                // In `for k, v in map` only the value stands for the source's entries.
                let src = if j + 1 == n { source.clone() } else { None };
                aliases.push((name, src));
            }
            return;
        }
        "set" | "set_global" => {
            if let Some((Tok::Path(name), _)) = toks.get(1) {
                collect(&toks[2..], aliases, template, out);
                aliases.push((name.clone(), None));
            }
            return;
        }
        _ => {}
    }
    collect(&toks, aliases, template, out);
}

fn resolve(path: &str, aliases: &[(String, Option<String>)]) -> String {
    let (root, rest) = path
        .split_once('.')
        .map_or((path, None), |(r, x)| (r, Some(x)));
    for (name, src) in aliases.iter().rev() {
        if name == root {
            return match (src, rest) {
                (Some(s), Some(r)) => format!("{s}.{r}"),
                (Some(s), None) => s.clone(),
                (None, _) => String::new(),
            };
        }
    }
    path.to_string()
}

fn collect(
    toks: &[(Tok, usize)],
    aliases: &[(String, Option<String>)],
    template: &str,
    out: &mut Vec<VarUse>,
) {
    for (j, (tok, off)) in toks.iter().enumerate() {
        let Tok::Path(p) = tok else { continue };
        let root = p.split('.').next().unwrap_or("");
        let prev = j.checked_sub(1).map(|x| &toks[x].0);
        let next = toks.get(j + 1).map(|t| &t.0);
        let is_call = next == Some(&Tok::Op("(".into()));
        let is_kwarg = next == Some(&Tok::Op("=".into()));
        let is_filter_or_test = matches!(prev, Some(Tok::Op(o)) if o == "|")
            || matches!(prev, Some(Tok::Path(k)) if k == "is");
        if is_call
            || is_kwarg
            || is_filter_or_test
            || KEYWORDS.contains(&root)
            || root == "loop"
            || root == "lang"
        {
            continue;
        }
        let path = resolve(p, aliases);
        if path.is_empty() {
            continue;
        }
        let (line, col) = line_col(template, *off);
        out.push(VarUse { path, line, col });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(t: &str) -> Vec<String> {
        scan(t).into_iter().map(|v| v.path).collect()
    }

    #[test]
    fn finds_plain_and_nested_names() {
        assert_eq!(
            paths("Hello {{ seller.name }} and {{ buyer.display_name }}."),
            ["seller.name", "buyer.display_name"]
        );
    }

    #[test]
    fn skips_filters_functions_kwargs_and_strings() {
        let t = r#"{{ seller.email_domains | list(prefix="@") }} {{ ref(id="bank-details") }} {{ "seller.x" }}"#;
        assert_eq!(paths(t), ["seller.email_domains"]);
    }

    #[test]
    fn expands_loop_variables_and_forgets_them_after_the_loop() {
        let t = "{% for c in seller.contacts %}{{ c.name }}{% if c.phone %}{{ c.phone }}{% endif %}{% endfor %}{{ c.x }}";
        assert_eq!(
            paths(t),
            [
                "seller.contacts",
                "seller.contacts.name",
                "seller.contacts.phone",
                "seller.contacts.phone",
                "c.x"
            ]
        );
    }

    #[test]
    fn conditions_are_scanned_too() {
        let t = "{% if channels.platform and not facts.bilingual %}x{% elif terms.approvers >= 2 %}y{% endif %}";
        assert_eq!(
            paths(t),
            ["channels.platform", "facts.bilingual", "terms.approvers"]
        );
    }

    #[test]
    fn set_names_and_lang_and_loop_need_nothing() {
        let t = "{% set n = terms.approvers %}{{ n }}{% if lang == \"zh\" %}{{ loop.index }}{% endif %}";
        assert_eq!(paths(t), ["terms.approvers"]);
    }

    #[test]
    fn works_between_chinese_characters() {
        let v = scan("本附件{{ seller.display_name }}（以下简称“卖方”）\n第二行{{ buyer.phone }}");
        assert_eq!(
            v.iter().map(|x| x.path.as_str()).collect::<Vec<_>>(),
            ["seller.display_name", "buyer.phone"]
        );
        assert_eq!((v[1].line, v[1].col), (2, 7));
    }

    #[test]
    fn reports_positions() {
        let v = scan("line one\n  {{ seller.phon }}");
        assert_eq!((v[0].line, v[0].col), (2, 6));
    }

    #[test]
    fn index_access_is_kept_as_path() {
        assert_eq!(
            paths(r#"{{ seller.contacts[0].email }} {{ deal.title["en"] }}"#),
            ["seller.contacts.email", "deal.title.en"]
        );
    }
}
