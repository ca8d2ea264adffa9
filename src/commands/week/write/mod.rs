//! The one writer of week files: any [`Week`] as YAML text with comments, written by hand so
//! that the keys keep the order of the bundled example and every line says where its value
//! came from. `week new` writes a carried-over week with the new photos it found; the week
//! form of `serve` writes the week it loaded (`super::form`). Every field of a `Week` is
//! written, so a file read and written again holds the same week.

mod sections;

use super::photos::NewPhoto;
use crate::profile::deal::Cadence;
use crate::profile::week::{IsoWeek, Status, Week, FILL_IN};
use crate::profile::{Text, Ymd};
use std::fmt::Write;

/// Comments start in this column, as in the bundled example.
const COMMENT_COL: usize = 36;

/// What the header comments say.
pub(crate) struct Head<'a> {
    /// The deal id.
    pub(crate) deal_id: &'a str,
    /// The report day of the week.
    pub(crate) day: Ymd,
    /// The deal's report cadence.
    pub(crate) cadence: Cadence,
    /// Why the file is written, which decides what its comments say.
    pub(crate) origin: Origin<'a>,
}

/// Why a week file is written.
pub(crate) enum Origin<'a> {
    /// `week new`: a week carried over, with the photos found for it.
    New(New<'a>),
    /// The week form saved it: the comments say what each field is, nothing of where it came
    /// from (the values are the user's now).
    Edited,
}

/// What `week new` adds to a carried-over week.
pub(crate) struct New<'a> {
    /// The week file carried from (`2026-W49.yaml`), if any.
    pub(crate) from: Option<String>,
    /// A text to fill, in the deal's languages.
    pub(crate) fill: Text,
    /// Why the report falls in this week (`None` when `--week` chose it).
    pub(crate) due: Option<String>,
    /// The photos found for the week, listed after the week's own (commented out when taken
    /// outside the week).
    pub(crate) photos: &'a [NewPhoto],
}

impl Head<'_> {
    /// The week new starts from, if this is `week new`.
    fn started(&self) -> Option<&New<'_>> {
        match &self.origin {
            Origin::New(n) => Some(n),
            Origin::Edited => None,
        }
    }

    /// `carried from 2026-W49.yaml` for `week new` from an earlier file, else empty.
    fn carried(&self) -> String {
        self.started()
            .and_then(|n| n.from.as_deref())
            .map_or(String::new(), |f| format!("carried from {f}"))
    }

    /// A comment for `week new` (`new`), or for a saved week (`edited`).
    fn say<'s>(&self, new: &'s str, edited: &'s str) -> &'s str {
        if self.started().is_some() {
            new
        } else {
            edited
        }
    }
}

/// A scalar as YAML: plain when that reads back as the same string, else double-quoted.
pub(crate) fn scalar(s: &str) -> String {
    const RESERVED: [&str; 11] = [
        "yes", "no", "true", "false", "null", "on", "off", "y", "n", "~", "",
    ];
    let plain_char = |c: char| {
        c.is_alphanumeric()
            || (!c.is_ascii() && !c.is_control() && !needs_escape(c))
            || " .-()/+%_=;".contains(c)
    };
    if Ymd::parse(s).is_some() {
        return s.to_string();
    }
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars().all(plain_char)
        && !s.ends_with(' ')
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        return s.to_string();
    }
    quoted(s)
}

/// Characters YAML 1.1 reads as line breaks or drops (the line and paragraph separators, the
/// byte-order mark) though they are not control characters: written escaped, they read back.
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A number as YAML: the shortest text that reads back as the same `f64` (`4`, `2.5`, `33.3`).
pub(crate) fn number(v: f64) -> String {
    match v {
        v if v.is_nan() => ".nan".into(),
        v if v.is_infinite() && v > 0.0 => ".inf".into(),
        v if v.is_infinite() => "-.inf".into(),
        v => v.to_string(),
    }
}

/// A scalar double-quoted, whatever it holds.
fn quoted(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() || needs_escape(c) => {
                let _ = write!(q, "\\u{:04x}", u32::from(c));
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}
/// A text in block style, each language double-quoted on its own line, so that a value
/// written over a placeholder (a caption with a comma or a colon) cannot break the mapping
/// as it would in `{en: …, zh: …}`. `head` is the line's start: a key (`    caption:`,
/// the languages go below it, two columns further in) or a list dash (`  - `, the first
/// language on its line).
fn text(o: &mut String, head: &str, t: &Text) {
    let langs = [("en", &t.en), ("zh", &t.zh)];
    let langs = langs.iter().filter_map(|(k, v)| v.as_ref().map(|v| (k, v)));
    if t.en.is_none() && t.zh.is_none() {
        // No language at all (`{}` in the file): written so, it reads back the same.
        let _ = writeln!(o, "{} {{}}", head.trim_end());
        return;
    }
    if let Some(dash) = head.strip_suffix("- ") {
        let indent = " ".repeat(dash.len() + 2);
        for (i, (k, v)) in langs.enumerate() {
            let lead = if i == 0 { head } else { indent.as_str() };
            let _ = writeln!(o, "{lead}{k}: {}", quoted(v));
        }
        return;
    }
    // The key's column (after a list dash, if any), and two more for its languages.
    let key = head.trim_start().trim_start_matches("- ");
    let indent = " ".repeat(head.len() - key.len() + 2);
    let _ = writeln!(o, "{head}");
    for (k, v) in langs {
        let _ = writeln!(o, "{indent}{k}: {}", quoted(v));
    }
}

/// `lines` commented out, the list's indentation giving way to `# `.
fn commented(o: &mut String, lines: &str) {
    for l in lines.lines() {
        let _ = writeln!(o, "# {}", l.strip_prefix("  ").unwrap_or(l));
    }
}

/// Pushes `line`, with `comment` aligned in the comment column.
fn line(out: &mut String, line: &str, comment: &str) {
    out.push_str(line);
    if !comment.is_empty() {
        let pad = COMMENT_COL.saturating_sub(line.chars().count()).max(1);
        out.push_str(&" ".repeat(pad));
        out.push_str("# ");
        out.push_str(comment);
    }
    out.push('\n');
}

/// The whole file.
pub(crate) fn week_file(h: &Head, w: &Week, iso: IsoWeek) -> String {
    let mut o = String::new();
    head(&mut o, h, w, iso);
    sections::progress(&mut o, h, w);
    sections::inspections(&mut o, w);
    sections::materials(&mut o, h, w);
    sections::photos(&mut o, h, w);
    sections::videos(&mut o, w);
    sections::plan(&mut o, h, w);
    sections::lists(&mut o, h, w);
    o
}

/// The comment lines at the top: what the file is, where it came from, what to do.
fn intro(o: &mut String, h: &Head, iso: IsoWeek) {
    let (year, num, _) = iso.monday().date().to_iso_week_date();
    match h.cadence {
        Cadence::Weekly => {
            let _ = writeln!(
                o,
                "# Weekly progress report for deal {}, week {num} of {year}.",
                h.deal_id
            );
        }
        Cadence::Milestones => {
            let _ = writeln!(
                o,
                "# Progress report for deal {}, week {num} of {year} (reports follow the milestones).",
                h.deal_id
            );
            if let Some(due) = h.started().and_then(|n| n.due.as_ref()) {
                let _ = writeln!(o, "# This week because {due}.");
            }
        }
    }
    if h.started().is_some() {
        let carried = h.carried();
        let _ = writeln!(
            o,
            "# Written by `dealguard week new`{}. Replace every {FILL_IN},",
            if carried.is_empty() {
                String::new()
            } else {
                format!(", {carried}")
            }
        );
        o.push_str(
            "# update each stage's actual %, add the week's inspections, then make the report.\n",
        );
    }
    o.push_str("# Paths are relative to this file. Cite the contract by clause id, as in\n");
    o.push_str("# [[third-parties]] or [[confidentiality.2]] (its second paragraph): the report\n");
    o.push_str(
        "# prints the clause's number in this deal's schedule; `dealguard clauses list`.\n\n",
    );
}

fn head(o: &mut String, h: &Head, w: &Week, iso: IsoWeek) {
    let carried = h.carried();
    intro(o, h, iso);
    line(
        o,
        &format!("week: {}", w.week),
        &format!(
            "{} to {}; report day {}",
            iso.monday().iso(),
            iso.sunday().iso(),
            h.day.iso()
        ),
    );
    line(
        o,
        &format!("number: {}", w.number),
        "report sequence number for this deal",
    );
    line(o, &format!("prepared_by: {}", scalar(&w.prepared_by)), "");
    line(o, &format!("reviewed_by: {}", scalar(&w.reviewed_by)), "");
    let status = match w.status {
        Status::OnTrack => "on_track",
        Status::AtRisk => "at_risk",
        Status::Delayed => "delayed",
    };
    line(
        o,
        &format!("status: {status}"),
        &format!(
            "on_track | at_risk | delayed{}",
            if carried.is_empty() {
                String::new()
            } else {
                format!("; {carried}")
            }
        ),
    );
    line(
        o,
        &format!("forecast_ship: {}", scalar(&w.forecast_ship.raw)),
        &carried,
    );
    o.push('\n');
    text(o, "summary:", &w.summary);
}
