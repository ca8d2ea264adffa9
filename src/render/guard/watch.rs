//! Render stage: rendering under watch — output capped, time and memory bounded — and the
//! capped versions of the filters that could multiply a text.

use super::{MAX_RENDER_BYTES, RENDER_MEMORY, RENDER_TIME};
use crate::memory::Budget;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// An error for a filter whose result would pass `MAX_RENDER_BYTES`.
pub fn too_long(filter: &str, bytes: usize) -> tera::Error {
    tera::Error::message(format!(
        "`{filter}` would make a text of {bytes} bytes; a template may produce at most {MAX_RENDER_BYTES}"
    ))
}

/// Registers `replace` and `join` in versions that work out the length of their result
/// first and refuse one over `MAX_RENDER_BYTES` (tera's own can multiply a text:
/// `replace(from="", to=x)` inserts `x` between every two characters).
pub fn register_capped(t: &mut Tera) {
    t.register_filter(
        "replace",
        |v: &str, kw: Kwargs, _: &State| -> TeraResult<String> {
            let from: &str = kw.must_get("from")?;
            let to: &str = kw.must_get("to")?;
            let hits = if from.is_empty() {
                v.chars().count() + 1
            } else {
                v.matches(from).count()
            };
            let bytes = (v.len() - hits * from.len()).saturating_add(hits.saturating_mul(to.len()));
            if bytes > MAX_RENDER_BYTES {
                return Err(too_long("replace", bytes));
            }
            Ok(v.replace(from, to))
        },
    );
    t.register_filter(
        "join",
        |v: &[Value], kw: Kwargs, _: &State| -> TeraResult<String> {
            let sep: &str = kw.get("sep")?.unwrap_or("");
            let mut parts = Vec::with_capacity(v.len());
            let mut bytes = sep.len().saturating_mul(v.len().saturating_sub(1));
            for x in v {
                if x.is_array() || x.is_map() {
                    return Err(tera::Error::message(
                        "`join` joins texts and numbers, and one item is a list or a map",
                    ));
                }
                let part = x.as_str().map_or_else(|| x.to_string(), str::to_string);
                bytes = bytes.saturating_add(part.len());
                if bytes > MAX_RENDER_BYTES {
                    return Err(too_long("join", bytes));
                }
                parts.push(part);
            }
            Ok(parts.join(sep))
        },
    );
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
    /// Rendering needed more than `RENDER_MEMORY`.
    TooBig,
}

impl RenderFail {
    /// What went wrong and a hint, for every failure but tera's own errors.
    pub fn describe(&self) -> Option<(String, &'static str)> {
        match self {
            RenderFail::Tera(_) => None,
            RenderFail::TooLong => Some((
                format!("renders to more than {MAX_RENDER_BYTES} bytes"),
                "look for a loop or a value that repeats more than intended",
            )),
            RenderFail::TooSlow => Some((
                format!(
                    "did not finish rendering within {} s",
                    RENDER_TIME.as_secs()
                ),
                "look for loops that run too long",
            )),
            RenderFail::TooBig => Some((
                format!(
                    "needed more than {} MiB of memory to render",
                    RENDER_MEMORY >> 20
                ),
                "look for a long text or list that is repeated, joined or printed many times",
            )),
        }
    }
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

/// Renders templates on a watchdog thread: each output is capped at `MAX_RENDER_BYTES`, the
/// thread may take at most `RENDER_MEMORY` (see `crate::memory`), and if the whole batch has
/// not finished within `RENDER_TIME`, the unfinished ones fail with `TooSlow` (the runaway
/// thread is left to the process exit; it holds only its own data).
pub fn render_guarded(
    tera: Tera,
    ctx: tera::Context,
    names: Vec<String>,
) -> Vec<Result<String, RenderFail>> {
    render_within(tera, ctx, names, RENDER_TIME, RENDER_MEMORY)
}

fn render_within(
    tera: Tera,
    ctx: tera::Context,
    names: Vec<String>,
    time: std::time::Duration,
    memory: usize,
) -> Vec<Result<String, RenderFail>> {
    let n = names.len();
    let (tx, rx) = std::sync::mpsc::channel();
    let over = Arc::new(AtomicBool::new(false));
    let flag = over.clone();
    let spawned = std::thread::Builder::new()
        .name("template".into())
        .spawn(move || {
            let _budget = Budget::start(memory, flag);
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
    let mut too_big = false;
    while done < n {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        // Wake up now and then to see whether the thread ran out of memory.
        match rx.recv_timeout(left.min(std::time::Duration::from_millis(20))) {
            Ok((k, r)) => {
                out[k] = Some(r);
                done += 1;
            }
            Err(RecvTimeoutError::Timeout) if Budget::exceeded(&over) => {
                too_big = true;
                break;
            }
            Err(RecvTimeoutError::Timeout) if !left.is_zero() => {}
            Err(_) => break,
        }
    }
    out.into_iter()
        .map(|r| {
            r.unwrap_or(Err(if too_big {
                RenderFail::TooBig
            } else {
                RenderFail::TooSlow
            }))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_is_bounded_in_memory() {
        let mut t = Tera::new();
        // What the static checks refuse, rendered anyway: the memory budget stops it.
        t.add_raw_template("ok", "{{ s | length }}").unwrap();
        t.add_raw_template(
            "grows",
            "{% set a = s ~ s %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c | length }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("s", &"x".repeat(1 << 20));
        let started = std::time::Instant::now();
        let r = render_within(
            t,
            ctx,
            vec!["ok".into(), "grows".into(), "ok".into()],
            std::time::Duration::from_secs(10),
            4 << 20,
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(r[0].as_deref().ok(), Some("1048576"));
        assert!(matches!(r[1], Err(RenderFail::TooBig)), "{:?}", r[1]);
        assert!(matches!(r[2], Err(RenderFail::TooBig)));
        let (msg, _) = RenderFail::TooBig.describe().unwrap();
        assert_eq!(msg, "needed more than 256 MiB of memory to render");
    }

    #[test]
    fn growing_filters_are_capped() {
        let mut t = Tera::new();
        register_capped(&mut t);
        let mut ctx = tera::Context::new();
        ctx.insert("s", &"x".repeat(2000));
        ctx.insert("list", &vec!["ab"; 600]);
        let mut render = |src: &str| {
            t.add_raw_template("t", src).unwrap();
            t.render("t", &ctx).map_err(|e| format!("{e:?}"))
        };
        // Small results are what tera gives.
        assert_eq!(
            render("{{ \"a-b-c\" | replace(from=\"-\", to=\", \") }}").unwrap(),
            "a, b, c"
        );
        assert_eq!(
            render("{{ \"ab\" | replace(from=\"\", to=\".\") }}").unwrap(),
            ".a.b."
        );
        assert_eq!(
            render("{{ [1, \"b\", true] | join(sep=\"/\") }}").unwrap(),
            "1/b/true"
        );
        // 2,000 + 2,001 × 2,000 bytes, refused before it is built.
        let e = render("{{ s | replace(from=\"\", to=s) | length }}").unwrap_err();
        assert!(
            e.contains("`replace` would make a text of 4004000 bytes"),
            "{e}"
        );
        let e = render("{{ list | join(sep=s) | length }}").unwrap_err();
        assert!(e.contains("`join` would make"), "{e}");
        let e = render("{{ [list] | join }}").unwrap_err();
        assert!(e.contains("one item is a list"), "{e}");
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
            RENDER_MEMORY,
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(matches!(r[0], Err(RenderFail::TooLong)));
        assert_eq!(r[1].as_deref().ok(), Some("fine"));
        assert!(matches!(r[2], Err(RenderFail::TooSlow)));
    }
}
