//! Render stage: the tera environment (filters and functions every template may use) and the
//! translation of tera errors into located diagnostics.

use super::guard::{self, BadName};
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
                Some(a) => a.iter().map(plain).collect(),
                None => vec![plain(&v)],
            };
            let bytes = items
                .iter()
                .map(|x| x.len() + prefix.len() + 5)
                .sum::<usize>();
            if bytes > guard::MAX_RENDER_BYTES {
                return Err(guard::too_long("list", bytes));
            }
            let items: Vec<String> = items.iter().map(|x| format!("{prefix}{x}")).collect();
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
    guard::register_capped(&mut t);
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
