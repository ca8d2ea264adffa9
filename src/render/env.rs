//! Render stage: the tera environment (filters and functions every template may use) and the
//! translation of tera errors into located diagnostics.

use crate::clauses::select::name_exists;
use crate::clauses::vars::{self, VarUse};
use crate::context;
use crate::diag::{did_you_mean, Diagnostic};
use crate::profile::deal::{role_label, Access, Weekday};
use crate::profile::yaml::{Index, Source};
use crate::profile::{Lang, Ymd};
use serde_yaml::Value as Yaml;
use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// Clause numbers of the document being rendered, for `ref()` and `included()`.
pub type Numbers = Arc<BTreeMap<String, usize>>;

/// A tera instance for one language, with dealguard's filters and functions registered.
pub fn tera(lang: Lang, numbers: Numbers) -> Tera {
    let mut t = Tera::new();
    // Templates produce plain text; each output format escapes it on the way out.
    t.autoescape_on(Vec::<&str>::new());
    t.register_filter(
        "list",
        move |v: Value, kw: Kwargs, _: &State| -> TeraResult<String> {
            let prefix: String = kw.get("prefix")?.unwrap_or_default();
            let items: Vec<String> = match v.as_array() {
                Some(a) => a.iter().map(|x| format!("{prefix}{}", plain(x))).collect(),
                None => vec![format!("{prefix}{}", plain(&v))],
            };
            Ok(join_list(&items, lang))
        },
    );
    t.register_filter("weekday", move |v: &str, _: Kwargs, _: &State| -> String {
        let day = Weekday::ALL
            .iter()
            .find(|d| format!("{d:?}").eq_ignore_ascii_case(v));
        day.map_or_else(|| v.to_string(), |d| d.label(lang).to_string())
    });
    t.register_filter("role", move |v: Value, _: Kwargs, _: &State| -> String {
        if let Some(s) = v.as_str() {
            return role_label(s, lang).unwrap_or(s).to_string();
        }
        let key = lang.code();
        v.as_map()
            .and_then(|m| {
                m.iter()
                    .find(|(k, _)| k.as_str() == Some(key))
                    .map(|(_, v)| plain(v))
            })
            .unwrap_or_default()
    });
    t.register_filter("access", move |v: &str, _: Kwargs, _: &State| -> String {
        match v {
            "view" => Access::View.label(lang).to_string(),
            "comment" => Access::Comment.label(lang).to_string(),
            other => other.to_string(),
        }
    });
    t.register_filter("date", move |v: &str, _: Kwargs, _: &State| -> String {
        Ymd::parse(v).map_or_else(|| v.to_string(), |d| d.long(lang))
    });
    let nums = numbers.clone();
    t.register_function("ref", move |kw: Kwargs, _: &State| -> TeraResult<String> {
        let id: String = kw.must_get("id")?;
        let para: Option<u32> = kw.get("para")?;
        let Some(n) = nums.get(&id) else {
            return Err(tera::Error::message(format!(
                "`ref(id=\"{id}\")`: clause `{id}` is not in this document; guard the reference with `{{% if included(id=\"{id}\") %}}`"
            )));
        };
        Ok(clause_ref(*n, para, lang))
    });
    t.register_function(
        "included",
        move |kw: Kwargs, _: &State| -> TeraResult<bool> {
            let id: String = kw.must_get("id")?;
            Ok(numbers.contains_key(&id))
        },
    );
    t
}

/// "Clause 7" / "第7条", or "Clause 7.2" / "第7.2款".
pub fn clause_ref(n: usize, para: Option<u32>, lang: Lang) -> String {
    match (lang, para) {
        (Lang::En, None) => format!("Clause {n}"),
        (Lang::En, Some(p)) => format!("Clause {n}.{p}"),
        (Lang::Zh, None) => format!("第{n}条"),
        (Lang::Zh, Some(p)) => format!("第{n}.{p}款"),
    }
}

fn plain(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// "a, b and c" / "a、b和c".
pub fn join_list(items: &[String], lang: Lang) -> String {
    let (sep, last) = match lang {
        Lang::En => (", ", " and "),
        Lang::Zh => ("、", "和"),
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{}{last}{tail}", init.join(sep)),
    }
}

/// Where a template stored in a YAML field starts in its file, so template positions can be
/// turned into file positions.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    line: usize,
    col: usize,
    /// Block scalars (`|`, `>`) start on the next line at this indentation.
    block_indent: Option<usize>,
}

impl Origin {
    /// Finds where `field`'s value starts in the file.
    pub fn of(src: &Source, index: &Index, field: &str) -> Origin {
        let lines: Vec<&str> = src.text.lines().collect();
        // A block scalar (`key: |`) starts on the line after its key, at the indentation of
        // its first line.
        let (kline, _) = index.key_pos(field).unwrap_or((1, 1));
        let after_colon = lines
            .get(kline.wrapping_sub(1))
            .and_then(|l| {
                l.split_once(": ")
                    .map(|(_, v)| v.trim_start())
                    .or(l.strip_suffix(':').map(|_| ""))
            })
            .unwrap_or("");
        if after_colon.starts_with('|') || after_colon.starts_with('>') {
            let indent = lines[kline.min(lines.len())..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .map_or(0, |l| l.len() - l.trim_start().len());
            return Origin {
                line: kline,
                col: 1,
                block_indent: Some(indent),
            };
        }
        let (line, col) = index.pos(field).unwrap_or((1, 1));
        let at = lines
            .get(line.wrapping_sub(1))
            .and_then(|l| l.chars().nth(col - 1));
        let quoted = matches!(at, Some('"') | Some('\''));
        Origin {
            line,
            col: col + usize::from(quoted),
            block_indent: None,
        }
    }

    /// A template that is a whole file: template positions are file positions.
    pub fn of_file() -> Origin {
        Origin {
            line: 1,
            col: 1,
            block_indent: None,
        }
    }

    /// File position of a 1-based template position.
    pub fn map(&self, tline: usize, tcol: usize) -> (usize, usize) {
        match self.block_indent {
            Some(indent) => (self.line + tline, indent + tcol),
            None if tline <= 1 => (self.line, self.col + tcol - 1),
            None => (self.line + tline - 1, tcol),
        }
    }
}

/// A name a template reads that the template data does not have.
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

/// Checks every name a template reads against the data (and the schema of a full profile, so
/// names of sections this deal leaves out still count). Returns the bad names and all uses.
pub fn check_names(tpl: &str, data: &Yaml, schema: &Yaml) -> (Vec<BadName>, Vec<VarUse>) {
    let roots: Vec<&str> = data
        .as_mapping()
        .map_or(Vec::new(), |m| m.keys().filter_map(Yaml::as_str).collect());
    let mut bad = Vec::new();
    let uses = vars::scan(tpl);
    for v in &uses {
        let root = v.path.split('.').next().unwrap_or("");
        if !roots.contains(&root) {
            bad.push(BadName {
                message: format!("`{root}` is not defined"),
                line: v.line,
                col: v.col,
                hint: did_you_mean(root, roots.iter().copied())
                    .map(|b| format!("did you mean `{b}`?")),
            });
        } else if !name_exists(data, schema, &v.path) {
            let (parent, last) = v.path.rsplit_once('.').unwrap_or(("", &v.path));
            let hint = match context::lookup_found(schema, parent)
                .or_else(|| context::lookup_found(data, parent))
            {
                Some(Yaml::Mapping(m)) => did_you_mean(last, m.keys().filter_map(Yaml::as_str))
                    .map(|b| format!("did you mean `{parent}.{b}`?")),
                _ => None,
            };
            bad.push(BadName {
                message: format!("`{}` is not in the deal profile", v.path),
                line: v.line,
                col: v.col,
                hint,
            });
        }
    }
    (bad, uses)
}

/// Deepest nesting of `for` loops a template may use.
pub const MAX_LOOP_DEPTH: usize = 2;
/// Most numbers a `range()` in a template may produce.
pub const MAX_RANGE: i64 = 1_000;
/// Most `~` concatenations in one template (each may double a string).
pub const MAX_CONCAT: usize = 16;
/// Longest text one template may produce.
pub const MAX_RENDER_BYTES: usize = 1024 * 1024;
/// Longest time the templates of one document may take to render.
pub const RENDER_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// Refuses what a template from a company folder could use to loop or grow without end:
/// unsupported tags, loops nested deeper than two, large or computed `range()`s, chains of
/// `~`. Built-in templates pass the same checks.
pub fn check_safe(tpl: &str) -> Vec<BadName> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut concat = 0usize;
    let bytes = tpl.as_bytes();
    let mut i = 0;
    let pos = |off: usize| {
        let before = &tpl[..off];
        (
            before.matches('\n').count() + 1,
            before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
        )
    };
    let mut bad = |off: usize, message: String, hint: &str| {
        let (line, col) = pos(off);
        out.push(BadName {
            message,
            line,
            col,
            hint: Some(hint.to_string()),
        });
    };
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
        if close == "%}" {
            let word = inner
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .next()
                .unwrap_or("");
            match word {
                "for" => {
                    depth += 1;
                    if depth > MAX_LOOP_DEPTH {
                        bad(start, format!("loops are nested {depth} deep; templates may nest at most {MAX_LOOP_DEPTH}"), "rewrite without the innermost loop");
                    }
                }
                "endfor" => depth = depth.saturating_sub(1),
                "set_global" | "include" | "extends" | "import" | "macro" | "component"
                | "block" | "filter" | "raw" => {
                    bad(
                        start,
                        format!("`{{% {word} %}}` is not supported in dealguard templates"),
                        "use `if`, `for` and `set` only",
                    );
                }
                _ => {}
            }
        }
        // Strings aside, count `~` and check every range().
        let mut in_str: Option<char> = None;
        for (k, c) in inner.char_indices() {
            match in_str {
                Some(q) if c == q => in_str = None,
                Some(_) => {}
                None if c == '"' || c == '\'' || c == '`' => in_str = Some(c),
                None if c == '~' => concat += 1,
                None => {
                    if inner[k..].starts_with("range(")
                        && (k == 0
                            || !inner[..k].ends_with(|x: char| x.is_alphanumeric() || x == '_'))
                    {
                        let args = inner[k + 6..].split(')').next().unwrap_or("");
                        let num = |key: &str| -> Option<Option<i64>> {
                            args.split(',').find_map(|a| {
                                let (k2, v) = a.split_once('=')?;
                                (k2.trim() == key).then(|| v.trim().parse::<i64>().ok())
                            })
                        };
                        let (s, e, st) = (num("start"), num("end"), num("step_by"));
                        let literal =
                            [s, e, st].iter().all(|x| !matches!(x, Some(None))) && e.is_some();
                        let count = match (
                            s.flatten().unwrap_or(0),
                            e.flatten(),
                            st.flatten().unwrap_or(1),
                        ) {
                            (a, Some(b), step) if step != 0 => ((b - a) / step).abs(),
                            _ => i64::MAX,
                        };
                        if !literal || count > MAX_RANGE {
                            bad(start + (inner.as_ptr() as usize - tpl[start..].as_ptr() as usize) + k, format!("`range()` must have literal numbers and give at most {MAX_RANGE} values"), "loop over a list of the profile instead");
                        }
                    }
                }
            }
        }
        i = (end + 2).min(tpl.len());
    }
    if concat > MAX_CONCAT {
        bad(
            0,
            format!("{concat} `~` concatenations; a template may use at most {MAX_CONCAT}"),
            "write the text out instead of building it",
        );
    }
    out
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderFail {
    /// Tera's own error.
    Tera(tera::Error),
    /// The output passed `MAX_RENDER_BYTES`.
    TooLong,
    /// Rendering did not finish in `RENDER_TIME`.
    TooSlow,
}

/// A writer that refuses to grow past a limit.
struct Capped {
    buf: Vec<u8>,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + data.len() > MAX_RENDER_BYTES {
            self.over = true;
            return Err(std::io::Error::other("output limit"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders templates on a watchdog thread: each output is capped at `MAX_RENDER_BYTES`, and
/// if the whole batch has not finished within `RENDER_TIME`, the unfinished ones fail with
/// `TooSlow` (the runaway thread is left to the process exit; it holds only its own data).
pub fn render_guarded(
    tera: Tera,
    ctx: tera::Context,
    names: Vec<String>,
) -> Vec<Result<String, RenderFail>> {
    render_within(tera, ctx, names, RENDER_TIME)
}

fn render_within(
    tera: Tera,
    ctx: tera::Context,
    names: Vec<String>,
    time: std::time::Duration,
) -> Vec<Result<String, RenderFail>> {
    let n = names.len();
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("template".into())
        .spawn(move || {
            for (k, name) in names.iter().enumerate() {
                let mut w = Capped {
                    buf: Vec::new(),
                    over: false,
                };
                let r = match tera.render_to(name, &ctx, &mut w) {
                    Ok(()) => Ok(String::from_utf8_lossy(&w.buf).into_owned()),
                    Err(_) if w.over => Err(RenderFail::TooLong),
                    Err(e) => Err(RenderFail::Tera(e)),
                };
                if tx.send((k, r)).is_err() {
                    return;
                }
            }
        });
    let mut out: Vec<Option<Result<String, RenderFail>>> = (0..n).map(|_| None).collect();
    if spawned.is_err() {
        return (0..n).map(|_| Err(RenderFail::TooSlow)).collect();
    }
    let deadline = std::time::Instant::now() + time;
    let mut done = 0;
    while done < n {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok((k, r)) => {
                out[k] = Some(r);
                done += 1;
            }
            Err(_) => break,
        }
    }
    out.into_iter()
        .map(|r| r.unwrap_or(Err(RenderFail::TooSlow)))
        .collect()
}

/// Turns a tera error into a diagnostic located in the clause or template file.
pub fn error(e: &tera::Error, file: &std::path::Path, origin: Origin, field: &str) -> Diagnostic {
    let (msg, pos) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => (
            r.message().to_string(),
            Some((r.span().start_line, r.span().start_col + 1)),
        ),
        tera::ErrorKind::Msg(m) => {
            // "error: Unknown filter `x`\n --> name:1:10 ..." : keep the first line and the position.
            let first = m
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            let pos = m.lines().find_map(|l| {
                let rest = l.trim().strip_prefix("--> ")?;
                let mut parts = rest.rsplitn(3, ':');
                let col = parts.next()?.parse().ok()?;
                let line = parts.next()?.parse().ok()?;
                Some((line, col))
            });
            (first, pos)
        }
        _ => (e.to_string(), None),
    };
    // Tera capitalises its messages; ours are lowercase.
    let mut msg = msg;
    if let Some(c) = msg.get(0..1) {
        msg = c.to_lowercase() + &msg[1..];
    }
    let mut d = Diagnostic::error(file, format!("template error in `{field}`: {msg}")).field(field);
    d.pos = Some(pos.map_or((origin.line, origin.col), |(l, c)| origin.map(l, c)));
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn lists_per_language() {
        let items: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(join_list(&items, Lang::En), "a, b and c");
        assert_eq!(join_list(&items, Lang::Zh), "a、b和c");
        assert_eq!(join_list(&items[..1], Lang::En), "a");
    }

    #[test]
    fn refs_per_language() {
        assert_eq!(clause_ref(7, None, Lang::En), "Clause 7");
        assert_eq!(clause_ref(7, Some(2), Lang::Zh), "第7.2款");
    }

    #[test]
    fn block_scalar_positions_map_to_file_lines() {
        let src = Source::from_bytes(
            Path::new("c.yaml"),
            b"id: x\ntext:\n  en: |\n    line one\n    line {{ two }}\n",
        )
        .unwrap();
        let idx = crate::profile::yaml::index(&src).unwrap();
        let o = Origin::of(&src, &idx, "text.en");
        assert_eq!(o.map(2, 6), (5, 10));
        let src = Source::from_bytes(Path::new("c.yaml"), b"title: {en: \"A {{ b }}\"}\n").unwrap();
        let idx = crate::profile::yaml::index(&src).unwrap();
        assert_eq!(Origin::of(&src, &idx, "title.en").map(1, 4), (1, 17));
    }

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
    fn rendering_is_bounded_in_time_and_size() {
        let mut t = Tera::new();
        t.add_raw_template("slow", "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}").unwrap();
        t.add_raw_template("big", "{% for i in range(end=100000) %}{{ s }}{% endfor %}")
            .unwrap();
        t.add_raw_template("ok", "fine").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("s", &"x".repeat(1000));
        let started = std::time::Instant::now();
        let r = render_within(
            t,
            ctx,
            vec!["big".into(), "ok".into(), "slow".into()],
            std::time::Duration::from_millis(300),
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(matches!(r[0], Err(RenderFail::TooLong)));
        assert_eq!(r[1].as_deref().ok(), Some("fine"));
        assert!(matches!(r[2], Err(RenderFail::TooSlow)));
    }

    #[test]
    fn filters_render() {
        let mut t = tera(Lang::Zh, Arc::new(BTreeMap::from([("x".to_string(), 3)])));
        t.add_raw_template(
            "t",
            r#"{{ d | list(prefix="@") }}|{{ "friday" | weekday }}|{{ "qc" | role }}|{{ "comment" | access }}|{{ "2026-11-20" | date }}|{{ ref(id="x") }}|{{ included(id="y") }}"#,
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("d", &["a.com", "b.com"]);
        assert_eq!(
            t.render("t", &ctx).unwrap(),
            "@a.com和@b.com|星期五|质检|查看和评论|2026年11月20日|第3条|false"
        );
    }
}
