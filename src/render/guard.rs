//! Render stage: what keeps templates from company folders in bounds — static checks before
//! rendering, and a watchdog with an output cap while rendering.

use super::env::BadName;
use tera::Tera;

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
}
