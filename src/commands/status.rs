//! `dealguard status`: one line per week file, then the next report's week and why; with
//! `--all DIR`, one line per deal folder under DIR (the portfolio), then each deal's open
//! buyer actions and errors. It reads deal and week files; nothing is written.

use super::shared::{find_deals, load_weeks, portfolio, problem_lines, to_stdout};
use super::shared::{DealRow, Outcome, Run};
use crate::diag::{Diagnostic, Problems, Where};
use crate::profile;
use crate::profile::text::is_cjk_wide;
use crate::profile::week::schedule;
use crate::profile::Ymd;
use crate::verify::report::clean;
use std::path::{Path, PathBuf};

/// `status`: one line per week file — week, status, planned and actual completion, forecast
/// shipment, and what is still to fill.
pub(super) fn status_cmd(deal: &Path) -> Outcome {
    let mut run = Run::new();
    let mut loaded = run.stage(profile::load(deal))?;
    run.problems.extend(std::mem::take(&mut loaded.problems));
    run.checkpoint()?;
    let weeks = load_weeks(&loaded, &mut run);
    let mut out = format!(
        "{:<9}  {:<9}  {:>7}  {:>7}  forecast\n",
        "week", "status", "planned", "actual"
    );
    for w in &weeks {
        let (planned, actual) = schedule::overall(&loaded.profile, &w.week);
        let status = w.week.status.key();
        let fill = match w.unfilled.len() {
            0 => String::new(),
            n => format!("  draft: {n} to fill"),
        };
        out.push_str(&format!(
            "{:<9}  {:<9}  {:>6.1}%  {:>6.1}%  {}{fill}\n",
            w.iso.label(),
            status,
            planned,
            actual,
            w.week.forecast_ship.raw
        ));
    }
    if weeks.is_empty() {
        out.push_str("no week files in reports/ yet: `dealguard week new` writes the first\n");
    }
    if let Some((w, due)) = schedule::next_report(&loaded.profile, weeks.last().map(|w| w.iso)) {
        let day = loaded.profile.channels.reports.date_in(w);
        out.push_str(&format!(
            "next report: {} (report day {}): {}\n",
            w.label(),
            day.iso(),
            due.describe()
        ));
    }
    // The week files' own warnings (such as fields to fill) are shown by `check`, not here.
    if let Err(e) = to_stdout(out.into_bytes()) {
        run.problems.extend(e);
    }
    run.finish()
}

/// The widest a line of the portfolio table gets, in terminal columns.
const WIDTH: usize = 120;
/// The columns after the buyer, with the two spaces before each (see [`table_line`]).
const REST: usize = 2 + 17 + 2 + 11 + 2 + 16 + 2 + 19 + 2 + 7 + 2 + 8;

/// `status --all DIR`: one line per deal under DIR, then each deal's open buyer actions and
/// errors. `today` decides only which next reports are late. The deals' own problems are
/// part of the table (exit 0); an unreadable DIR, or one with no deal, is an error.
pub(super) fn status_all_cmd(dir: &Path, today: Ymd) -> Outcome {
    if let Err(e) = std::fs::read_dir(dir) {
        return Err(crate::fs::io_error(dir, "read", &e).into());
    }
    if find_deals(dir).is_empty() {
        return Err(Diagnostic::error(
            Where::arg("--all"),
            format!("no `deal.yaml` in `{}` or the two folder levels below it", dir.display()),
        )
        .hint("a deal is a folder with a deal.yaml (`dealguard init DIR/NAME` writes one); hidden folders and out/ are skipped")
        .into());
    }
    let rows = portfolio(dir, today);
    to_stdout(portfolio_text(dir, &rows).into_bytes())
}

/// The portfolio as the terminal shows it: the table, then per deal its open buyer actions,
/// drafts and errors (short: one line each), then where to read the problems in full. A deal
/// whose profile does not load is named by its path from `dir`.
pub(crate) fn portfolio_text(dir: &Path, rows: &[Result<DealRow, (PathBuf, Problems)>]) -> String {
    let ids = rows.iter().filter_map(|r| r.as_ref().ok());
    let deal_w = ids.clone().map(|r| columns(&clean(&r.deal_id))).max();
    let deal_w = deal_w.unwrap_or(0).clamp(4, 16);
    let buyer_w = ids.map(|r| columns(&clean(&r.buyer))).max().unwrap_or(0);
    let buyer_w = buyer_w.clamp(5, 30).min(WIDTH - REST - 2 - deal_w);
    let head = [
        "last report",
        "done/plan %",
        "ship by     slip",
        "next report",
        "actions",
        "err/warn",
    ];
    let mut out = table_line(("deal", deal_w), ("buyer", buyer_w), head.map(String::from));
    for r in rows {
        out.push_str(&match r {
            Ok(row) => table_line(
                (&clean(&row.deal_id), deal_w),
                (&clean(&row.buyer), buyer_w),
                cells(row),
            ),
            Err((profile, p)) => {
                let n = p.error_count();
                format!(
                    "{}  profile does not load: {n} error{} (below)\n",
                    cell(&shown(dir, profile), deal_w + 2 + buyer_w),
                    if n == 1 { "" } else { "s" }
                )
            }
        });
    }
    let mut details = String::new();
    for r in rows {
        details.push_str(&deal_details(dir, r));
    }
    if !details.is_empty() {
        out.push('\n');
        out.push_str(&details);
    }
    if rows
        .iter()
        .any(|r| r.as_ref().map_or(true, |r| !r.problems.is_empty()))
    {
        out.push_str("\n`dealguard --deal PATH/deal.yaml check` prints a deal's problems in full, with hints\n");
    }
    out
}

/// One line of the table: the deal, the buyer and the other cells, each cut to its width.
fn table_line(deal: (&str, usize), buyer: (&str, usize), rest: [String; 6]) -> String {
    let widths = [17, 11, 16, 19, 7, 8];
    let mut line = format!("{}  {}", cell(deal.0, deal.1), cell(buyer.0, buyer.1));
    for (i, (text, w)) in rest.iter().zip(widths).enumerate() {
        line.push_str("  ");
        // Numbers are right-aligned under their headings.
        if matches!(i, 1 | 4 | 5) {
            let c = cell(text, w);
            let c = c.trim_end();
            line.push_str(&" ".repeat(w.saturating_sub(columns(c))));
            line.push_str(c);
        } else {
            line.push_str(&cell(text, w));
        }
    }
    let mut line = line.trim_end().to_string();
    line.push('\n');
    line
}

/// A deal's cells after the buyer: last report, completion, shipment, next report, buyer
/// actions, errors and warnings.
fn cells(row: &DealRow) -> [String; 6] {
    let last = match (&row.last_week, row.last_status) {
        (Some(w), Some(s)) => format!("{w} {s}"),
        _ => "none yet".to_string(),
    };
    let done = match (row.actual, row.planned) {
        (Some(a), Some(p)) => format!("{a:.1}/{p:.1}"),
        _ => "-".to_string(),
    };
    let slip = match row.slip_days() {
        Some(d) if d > 0 => format!(" +{d}d"),
        _ => String::new(),
    };
    let ship = format!("{:<10}{slip}", clean(&row.ship_by.raw));
    let next = match &row.next_report {
        Some((w, day, _)) => {
            // The week label has the year; the day's month and day are enough beside it.
            let iso = day.iso();
            let late = if row.late { " LATE" } else { "" };
            format!("{w} {}{late}", iso.get(5..).unwrap_or(&iso))
        }
        None => "-".to_string(),
    };
    [
        last,
        done,
        ship,
        next,
        row.buyer_actions.len().to_string(),
        format!("{}/{}", row.errors, row.warnings),
    ]
}

/// Under the table, for a deal with something to act on: its open buyer actions, its drafts
/// and its errors (short: paths from the deal's folder, cut to the width; `check` has them in
/// full), one line each; empty otherwise.
fn deal_details(dir: &Path, r: &Result<DealRow, (PathBuf, Problems)>) -> String {
    let (profile, title, mut lines, errors) = match r {
        Ok(row) => {
            let mut lines: Vec<String> = (row.buyer_actions.iter())
                .map(|a| format!("buyer action: {}", clean(a)))
                .collect();
            if row.drafts > 0 {
                let s = if row.drafts == 1 {
                    " still says"
                } else {
                    "s still say"
                };
                lines.push(format!("{} week file{s} FILL IN", row.drafts));
            }
            let title = format!("{} ({})", clean(&row.deal_id), clean(&row.buyer));
            (&row.profile, title, lines, row.error_lines().to_vec())
        }
        Err((profile, p)) => {
            let mut errors = problem_lines(p);
            errors.truncate(p.error_count());
            (
                profile,
                "profile does not load".to_string(),
                Vec::new(),
                errors,
            )
        }
    };
    // Problems name their files as given (`DIR/deal/reports/…`): from the deal's folder here.
    let base = profile.parent().map(|d| format!("{}/", d.display()));
    for e in &errors {
        let short = base.as_deref().and_then(|b| e.strip_prefix(b)).unwrap_or(e);
        lines.push(clean(short));
    }
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "{}\n",
        cell(&format!("{}: {title}", shown(dir, profile)), WIDTH).trim_end()
    );
    for l in lines {
        out.push_str(cell(&format!("  {l}"), WIDTH).trim_end());
        out.push('\n');
    }
    out
}

/// A deal's profile as a path from `dir` (`nordic-home/deal.yaml`), made safe to print.
fn shown(dir: &Path, profile: &Path) -> String {
    let p = profile.strip_prefix(dir).unwrap_or(profile);
    clean(&p.display().to_string())
}

/// Terminal columns of a text: two for wide East Asian characters, one for the others.
fn columns(s: &str) -> usize {
    s.chars().map(|c| if is_cjk_wide(c) { 2 } else { 1 }).sum()
}

/// A text cut to `width` columns (the cut marked with `…`) and padded to it with spaces.
fn cell(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if columns(s) <= width {
        out.push_str(s);
        used = columns(s);
    } else {
        for c in s.chars() {
            let w = if is_cjk_wide(c) { 2 } else { 1 };
            if used + w + 1 > width {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_count_wide_characters_twice_and_mark_the_cut() {
        assert_eq!(cell("Nordic Home AB", 16), "Nordic Home AB  ");
        assert_eq!(cell("Nordic Home Interiors AB", 16), "Nordic Home Int…");
        // 深圳喆堃 is eight columns: the cut keeps what fits beside the `…`.
        assert_eq!(cell("深圳喆堃声学", 9), "深圳喆堃…");
        assert_eq!(cell("深圳喆堃声学", 8), "深圳喆… ");
        assert_eq!(columns(&cell("深圳喆堃声学", 8)), 8);
        assert_eq!(cell("", 3), "   ");
    }

    #[test]
    fn table_lines_fit_the_width_whatever_the_texts() {
        let long = "W".repeat(200);
        let line = table_line(
            (&long, 16),
            (&long, WIDTH - REST - 2 - 16),
            [0; 6].map(|_| long.clone()),
        );
        assert_eq!(columns(line.trim_end()), WIDTH);
        let wide = "宽".repeat(100);
        let line = table_line((&wide, 16), (&wide, 12), [0; 6].map(|_| wide.clone()));
        assert!(columns(line.trim_end()) <= WIDTH);
    }
}
