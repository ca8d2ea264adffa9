//! Render stage: a week's data → the report's blocks, in the fixed order of the SPEC:
//! title block, summary, production progress, key inspections, material purchases, site
//! photos and videos, next-stage plan, issues and risks with buyer actions, sign-off.

use super::aql;
use crate::pdf::layout::{Align, Block, Cell, Column, Part, Photo, PhotoGrid, Rgb, Style, Table};
use crate::profile::deal::{Profile, Stage};
use crate::profile::week::{LoadedWeek, MaterialStatus, Status};
use crate::profile::{Lang, Langs, Text, Ymd};
use crate::render::templates::Labels;

pub use crate::pdf::page::colors;
use colors::*;

/// Body text.
pub const BODY: Style = Style::new(8.5, INK);
/// Table text.
pub const SMALL: Style = Style::new(7.8, INK);
/// Secondary table text.
pub const FINE: Style = Style::new(7.0, MUTED);
/// Section headings.
pub const H2: Style = Style::new(11.0, NAVY).bold();

/// Everything a report is made from.
pub struct Input<'a> {
    /// The deal.
    pub profile: &'a Profile,
    /// The week.
    pub week: &'a LoadedWeek,
    /// Output languages.
    pub langs: &'a Langs,
    /// Labels in those languages.
    pub labels: &'a Labels,
    /// For each photo of the week: image index and pixel size, when it could be prepared.
    pub photos: Vec<Option<(usize, u32, u32)>>,
    /// For each video: its QR code (modules, width).
    pub qr: Vec<(Vec<bool>, usize)>,
}

impl Input<'_> {
    /// A text in every output language, stacked as parts (first language in `style`, the
    /// others in `second`).
    fn parts(&self, t: &Text, style: Style, second: Style) -> Vec<Part> {
        let mut out: Vec<Part> = Vec::new();
        for (i, l) in self.langs.list().iter().enumerate() {
            let s = t.get_or_any(*l);
            if out.iter().any(|p| p.text == s) {
                continue;
            }
            out.push(Part::new(s, if i == 0 { style } else { second }));
        }
        out
    }

    fn joined(&self, t: &Text) -> String {
        self.langs
            .distinct(|l| t.get_or_any(l).to_string())
            .join(" / ")
    }

    fn date(&self, d: Option<Ymd>) -> String {
        d.map_or_else(|| "—".to_string(), |d| d.iso())
    }

    fn stage(&self, id: &str) -> Option<&Stage> {
        self.profile.production.stages.iter().find(|s| s.id == id)
    }

    fn stage_name(&self, id: &str) -> String {
        self.stage(id)
            .map_or_else(|| id.to_string(), |s| self.joined(&s.name))
    }

    fn table(&self, columns: &[(f32, Align)], header: Vec<&str>, rows: Vec<Vec<Cell>>) -> Block {
        Block::Table(Table {
            columns: columns.iter().map(|(w, a)| Column::new(*w, *a)).collect(),
            header: Some(header.into_iter().map(|k| self.header_cell(k)).collect()),
            rows,
            header_fill: HEADER,
            zebra: Some(ZEBRA),
            rule: RULE,
            pad: 3.5,
        })
    }

    /// A table header: the label in each language on its own line.
    fn header_cell(&self, key: &str) -> Cell {
        let lines = self.labels.lines(key);
        Cell::Text(
            lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    Part::new(
                        l,
                        if i == 0 {
                            SMALL.bold().color(NAVY)
                        } else {
                            FINE.bold().color(NAVY)
                        },
                    )
                })
                .collect(),
        )
    }

    /// Starts section `n`: some space, then its numbered heading.
    fn section(&self, out: &mut Vec<Block>, n: usize, key: &str) {
        out.push(Block::Spacer(8.0));
        out.push(Block::Heading {
            text: format!("{n}  {}", self.labels.get(key)),
            style: H2,
            rule: Some(ACCENT),
        });
    }

    fn none(&self) -> Block {
        Block::Paragraph(vec![Part::new(self.labels.get("none"), BODY.color(MUTED))])
    }
}

/// The person's name as a contact of either party, in every language (`Chen Jing 陈静`).
fn person(p: &Profile, name: &str, langs: &Langs) -> String {
    let contact = p
        .seller
        .contacts
        .iter()
        .chain(&p.buyer.contacts)
        .find(|c| c.name == name || c.name_local.as_deref() == Some(name));
    match contact {
        Some(c) => langs.distinct(|l| c.display_name(l).to_string()).join(" "),
        None => name.to_string(),
    }
}

/// Average completion over the deal's stages (a stage without a row counts as 0).
pub fn overall(profile: &Profile, week: &LoadedWeek) -> (f64, f64) {
    let n = profile.production.stages.len().max(1) as f64;
    let (mut p, mut a) = (0.0, 0.0);
    for s in &profile.production.stages {
        if let Some(r) = week.week.progress.iter().find(|r| r.stage == s.id) {
            p += r.planned;
            a += r.actual;
        }
    }
    (p / n, a / n)
}

fn pct(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{:.0}%", v)
    } else {
        format!("{:.1}%", v)
    }
}

/// Colour of a progress bar: on plan, a little behind, far behind.
fn bar_color(planned: f64, actual: f64) -> Rgb {
    if actual + 0.01 >= planned {
        GOOD
    } else if planned - actual <= 10.0 {
        WARN
    } else {
        BAD
    }
}

/// The report's blocks, section by section.
pub fn blocks(inp: &Input) -> Vec<Block> {
    let p = inp.profile;
    let w = &inp.week.week;
    let iso = inp.week.iso;
    let lb = inp.labels;
    let mut out = Vec::new();

    // 1. Title block.
    let titles = inp
        .langs
        .distinct(|l| p.deal.title.get_or_any(l).to_string());
    out.push(Block::Heading {
        text: format!("{} — {}", p.deal.id, titles[0]),
        style: Style::new(14.0, NAVY).bold(),
        rule: None,
    });
    if let Some(second) = titles.get(1) {
        out.push(Block::Paragraph(vec![Part::new(
            second.clone(),
            Style::new(11.0, NAVY).bold(),
        )]));
    }
    out.push(Block::Spacer(4.0));
    let names = |party: &crate::profile::deal::Party| {
        inp.langs
            .distinct(|l| party.display_name(l).to_string())
            .join(" / ")
    };
    let (mon, sun) = (iso.monday(), iso.sunday());
    let period: Vec<String> = inp
        .langs
        .list()
        .iter()
        .map(|l| format!("{} – {}", mon.long(*l), sun.long(*l)))
        .collect();
    let mut period = period;
    period.dedup();
    let kv = |k: &str, v: String| (lb.get(k), vec![Part::new(v, BODY)]);
    out.push(Block::KeyValue {
        items: vec![
            kv("buyer", names(&p.buyer)),
            kv("seller", names(&p.seller)),
            kv("week", iso.label()),
            kv("period", period.join(" / ")),
            kv("report_no", format!("{}", w.number)),
            kv("deal", p.deal.id.clone()),
            kv("prepared_by", person(p, &w.prepared_by, inp.langs)),
            kv("reviewed_by", person(p, &w.reviewed_by, inp.langs)),
        ],
        pairs: 2,
        label: SMALL.bold().color(MUTED),
    });
    let (status_key, status_fill, status_ink) = match w.status {
        Status::OnTrack => ("on_track", GOOD, Rgb::WHITE),
        Status::AtRisk => ("at_risk", WARN, Rgb::BLACK),
        Status::Delayed => ("delayed", BAD, Rgb::WHITE),
    };
    let (op, oa) = overall(p, inp.week);
    let ship = match (p.deal.ship_by.ymd, w.forecast_ship.ymd) {
        (Some(plan), Some(fc)) => {
            let diff = fc.days_since_epoch() - plan.days_since_epoch();
            let verdict = match diff {
                0 => lb.get("on_time"),
                d if d > 0 => lb.fill("days_late", &[("n", d.to_string())]),
                d => lb.fill("days_early", &[("n", (-d).to_string())]),
            };
            format!(
                "{} {} → {} {} ({verdict})",
                lb.get("ship_planned"),
                plan.iso(),
                lb.get("ship_forecast"),
                fc.iso()
            )
        }
        _ => "—".to_string(),
    };
    out.push(Block::Spacer(4.0));
    out.push(Block::Table(Table {
        columns: vec![
            Column::left(1.5),
            Column::left(2.2),
            Column::left(1.6),
            Column::left(3.4),
        ],
        header: Some(vec![
            inp.header_cell("status"),
            inp.header_cell("completion"),
            Cell::Empty,
            inp.header_cell("ship_date"),
        ]),
        rows: vec![vec![
            Cell::Badge {
                text: lb.get(status_key),
                style: Style::new(9.0, status_ink).bold(),
                fill: status_fill,
            },
            Cell::Text(vec![Part::new(
                format!("{}  ({} {})", pct(oa), lb.get("planned_short"), pct(op)),
                BODY.bold(),
            )]),
            Cell::Bar {
                planned: op as f32,
                actual: oa as f32,
                color: bar_color(op, oa),
            },
            Cell::text(ship, BODY),
        ]],
        header_fill: HEADER,
        zebra: None,
        rule: RULE,
        pad: 3.5,
    }));

    // 2. Summary.
    inp.section(&mut out, 2, "s_summary");
    out.push(Block::Paragraph(inp.parts(
        &w.summary,
        BODY,
        BODY.color(MUTED),
    )));

    // 3. Production progress: every stage of the deal, in the deal's order.
    inp.section(&mut out, 3, "s_progress");
    if p.production.stages.is_empty() {
        out.push(inp.none());
    } else {
        let rows = p
            .production
            .stages
            .iter()
            .map(|s| match w.progress.iter().find(|r| r.stage == s.id) {
                Some(r) => vec![
                    Cell::Text(inp.parts(&s.name, SMALL.bold(), FINE)),
                    Cell::text(pct(r.planned), SMALL),
                    Cell::text(pct(r.actual), SMALL.bold()),
                    Cell::Bar {
                        planned: r.planned as f32,
                        actual: r.actual as f32,
                        color: bar_color(r.planned, r.actual),
                    },
                    Cell::Text(
                        r.note
                            .as_ref()
                            .map_or_else(Vec::new, |n| inp.parts(n, SMALL, FINE)),
                    ),
                ],
                None => vec![
                    Cell::Text(inp.parts(&s.name, SMALL.bold(), FINE)),
                    Cell::text("—", SMALL),
                    Cell::text("—", SMALL),
                    Cell::text(lb.get("not_reported"), FINE),
                    Cell::Empty,
                ],
            })
            .collect();
        out.push(inp.table(
            &[
                (2.5, Align::Left),
                (1.15, Align::Right),
                (1.15, Align::Right),
                (2.2, Align::Left),
                (3.0, Align::Left),
            ],
            vec!["stage", "planned", "actual", "bar", "note"],
            rows,
        ));
        out.push(Block::Paragraph(vec![Part::new(
            lb.get("bar_legend"),
            FINE,
        )]));
    }

    // 4. Key inspections, with the ISO 2859-1 plans computed here.
    inp.section(&mut out, 4, "s_inspections");
    if w.inspections.is_empty() {
        out.push(inp.none());
    }
    let mut rows = Vec::new();
    for ins in &w.inspections {
        let level = aql::Level::parse(&ins.aql.level);
        let ev = level.and_then(|lv| {
            aql::evaluate(
                ins.lot_size,
                lv,
                [ins.aql.critical, ins.aql.major, ins.aql.minor],
                [ins.defects.critical, ins.defects.major, ins.defects.minor],
            )
            .ok()
        });
        let mut item = inp.parts(&ins.item, SMALL.bold(), FINE);
        item.push(Part::new(ins.standard.clone(), FINE));
        let who: Vec<&str> = [ins.inspector.as_deref(), ins.report_ref.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !who.is_empty() {
            item.push(Part::new(who.join(" · "), FINE));
        }
        let Some(ev) = ev else { continue };
        // One line per defect class in each of five columns, so the numbers line up.
        let classes = [
            ("critical", &ev.critical),
            ("major", &ev.major),
            ("minor", &ev.minor),
        ];
        let col = |f: &dyn Fn(&aql::ClassResult) -> String, bold: bool| -> Cell {
            Cell::Text(
                classes
                    .iter()
                    .map(|(_, r)| {
                        let st = if !r.pass {
                            SMALL.bold().color(BAD)
                        } else if bold {
                            SMALL.bold()
                        } else {
                            SMALL
                        };
                        Part::new(f(r), st)
                    })
                    .collect(),
            )
        };
        let names = Cell::Text(
            classes
                .iter()
                .map(|(k, r)| {
                    Part::new(
                        lb.get_sep(k, " "),
                        if r.pass {
                            SMALL
                        } else {
                            SMALL.bold().color(BAD)
                        },
                    )
                })
                .collect(),
        );
        let lot = ins.lot_size;
        let (word, fill) = if ev.pass {
            ("pass", GOOD)
        } else {
            ("fail", BAD)
        };
        rows.push(vec![
            Cell::Text(item),
            Cell::Text(vec![Part::new(inp.stage_name(&ins.stage), SMALL)]),
            Cell::Text(vec![
                Part::new(format!("{lot}"), SMALL),
                Part::new(
                    format!("{} · {}", level.map_or("?", aql::Level::label), ev.letter),
                    FINE,
                ),
            ]),
            names,
            col(&|r| trim_aql(r.aql), false),
            col(
                &|r| {
                    if r.plan.sample_size >= lot {
                        format!("{}*", r.plan.sample_size)
                    } else {
                        r.plan.sample_size.to_string()
                    }
                },
                false,
            ),
            col(&|r| format!("{} / {}", r.plan.accept, r.plan.reject), false),
            col(&|r| r.found.to_string(), true),
            Cell::Badge {
                text: lb.get(word),
                style: Style::new(8.0, Rgb::WHITE).bold(),
                fill,
            },
        ]);
    }
    if !rows.is_empty() {
        out.push(inp.table(
            &[
                (2.8, Align::Left),
                (1.5, Align::Left),
                (0.9, Align::Left),
                (1.5, Align::Left),
                (0.6, Align::Right),
                (0.8, Align::Right),
                (0.8, Align::Right),
                (0.8, Align::Right),
                (1.3, Align::Center),
            ],
            vec![
                "item",
                "stage",
                "lot_level",
                "class",
                "AQL",
                "sample",
                "Ac / Re",
                "found",
                "result",
            ],
            rows,
        ));
        out.push(Block::Paragraph(vec![Part::new(
            lb.get("sampling_note"),
            FINE,
        )]));
    }

    // 5. Material purchases.
    inp.section(&mut out, 5, "s_materials");
    if w.materials.is_empty() {
        out.push(inp.none());
    } else {
        let rows = w
            .materials
            .iter()
            .map(|m| {
                let (key, col) = match m.status {
                    MaterialStatus::Ordered => ("m_ordered", BAD),
                    MaterialStatus::Partial => ("m_partial", Rgb::hex(0x8a5a00)),
                    MaterialStatus::Received => ("m_received", GOOD),
                };
                vec![
                    Cell::Text(inp.parts(&m.material, SMALL.bold(), FINE)),
                    Cell::text(m.supplier.clone(), SMALL),
                    Cell::text(m.voucher.clone(), SMALL),
                    Cell::text(m.ordered.clone(), SMALL),
                    Cell::text(m.received.clone(), SMALL),
                    Cell::text(inp.date(m.date.ymd), SMALL),
                    Cell::Text(
                        lb.lines(key)
                            .into_iter()
                            .enumerate()
                            .map(|(i, l)| {
                                Part::new(
                                    l,
                                    if i == 0 {
                                        SMALL.bold().color(col)
                                    } else {
                                        FINE.color(col)
                                    },
                                )
                            })
                            .collect(),
                    ),
                ]
            })
            .collect();
        out.push(inp.table(
            &[
                (2.6, Align::Left),
                (1.9, Align::Left),
                (1.3, Align::Left),
                (1.15, Align::Right),
                (1.15, Align::Right),
                (1.2, Align::Left),
                (1.4, Align::Left),
            ],
            vec![
                "material", "supplier", "voucher", "ordered", "received", "date", "status",
            ],
            rows,
        ));
    }

    // 6. Site photos (a row never splits) and videos with QR codes.
    inp.section(&mut out, 6, "s_photos");
    if w.photos.is_empty() && w.videos.is_empty() {
        out.push(inp.none());
    }
    if !w.photos.is_empty() {
        let photos = w
            .photos
            .iter()
            .zip(&inp.photos)
            .enumerate()
            .map(|(i, (ph, img))| {
                let mut caption = vec![Part::new(
                    format!("{}. {}", i + 1, inp.joined(&ph.caption)),
                    SMALL.bold(),
                )];
                let stage = ph.stage.as_deref().map(|s| inp.stage_name(s));
                let when = format!("{} {}", lb.get("taken"), inp.date(ph.taken.ymd));
                caption.push(Part::new(
                    stage.map_or(when.clone(), |s| format!("{s} · {when}")),
                    FINE,
                ));
                Photo {
                    image: *img,
                    caption,
                }
            })
            .collect();
        out.push(Block::Photos(PhotoGrid {
            columns: 2,
            aspect: 0.75,
            photos,
        }));
    }
    if !w.videos.is_empty() {
        // A heading, so it is kept with the first video and never left at a page's foot.
        out.push(Block::Heading {
            text: lb.get("videos"),
            style: SMALL.bold().color(NAVY),
            rule: None,
        });
        let rows = w
            .videos
            .iter()
            .zip(&inp.qr)
            .map(|(v, (modules, width))| {
                let mut parts = inp.parts(&v.caption, SMALL.bold(), FINE);
                parts.push(Part::link(v.url.clone(), SMALL.color(LINK), v.url.clone()));
                vec![
                    Cell::Qr {
                        modules: modules.clone(),
                        width: *width,
                        size: 46.0,
                        link: Some(v.url.clone()),
                    },
                    Cell::Text(parts),
                ]
            })
            .collect();
        out.push(Block::Table(Table {
            columns: vec![Column::left(1.0), Column::left(8.0)],
            header: None,
            rows,
            header_fill: HEADER,
            zebra: None,
            rule: RULE,
            pad: 4.0,
        }));
    }

    // 7. Next-stage plan.
    inp.section(&mut out, 7, "s_plan");
    if w.plan.is_empty() {
        out.push(inp.none());
    } else {
        let rows = w
            .plan
            .iter()
            .map(|t| {
                vec![
                    Cell::Text(inp.parts(&t.task, SMALL.bold(), FINE)),
                    Cell::text(person(p, &t.owner, inp.langs), SMALL),
                    Cell::text(
                        t.start
                            .as_ref()
                            .map_or("—".to_string(), |s| inp.date(s.ymd)),
                        SMALL,
                    ),
                    Cell::text(inp.date(t.due.ymd), SMALL.bold()),
                    if t.milestone {
                        Cell::text(
                            format!("★ {}", lb.get("milestone")),
                            SMALL.bold().color(NAVY),
                        )
                    } else {
                        Cell::Empty
                    },
                ]
            })
            .collect();
        out.push(inp.table(
            &[
                (3.8, Align::Left),
                (2.0, Align::Left),
                (1.2, Align::Left),
                (1.2, Align::Left),
                (1.9, Align::Left),
            ],
            vec!["task", "owner", "start", "due", "milestone"],
            rows,
        ));
    }

    // 8. Issues and risks; actions needed from the buyer.
    inp.section(&mut out, 8, "s_issues");
    let bullets = |items: &[Text], mark: &str| -> Vec<Block> {
        items
            .iter()
            .flat_map(|t| {
                let mut parts = inp.parts(t, BODY, BODY.color(MUTED));
                if let Some(first) = parts.first_mut() {
                    first.text = format!("{mark} {}", first.text);
                }
                [Block::Paragraph(parts), Block::Spacer(3.0)]
            })
            .collect()
    };
    if w.issues.is_empty() {
        out.push(inp.none());
    }
    out.extend(bullets(&w.issues, "•"));
    out.push(Block::Spacer(4.0));
    out.push(Block::Heading {
        text: lb.get("s_buyer_actions"),
        style: Style::new(9.5, NAVY).bold(),
        rule: None,
    });
    if w.buyer_actions.is_empty() {
        out.push(inp.none());
    }
    out.extend(bullets(&w.buyer_actions, "→"));

    // 9. Sign-off.
    inp.section(&mut out, 9, "s_signoff");
    out.push(Block::Table(Table {
        columns: vec![Column::left(1.0), Column::left(1.0)],
        header: Some(vec![
            inp.header_cell("prepared_by"),
            inp.header_cell("reviewed_by"),
        ]),
        rows: vec![vec![
            Cell::Text(vec![
                Part::new(person(p, &w.prepared_by, inp.langs), BODY.bold()),
                Part::new(
                    format!("\n\n{}: ______________________", lb.get("signature")),
                    FINE,
                ),
            ]),
            Cell::Text(vec![
                Part::new(person(p, &w.reviewed_by, inp.langs), BODY.bold()),
                Part::new(
                    format!("\n\n{}: ______________________", lb.get("signature")),
                    FINE,
                ),
            ]),
        ]],
        header_fill: HEADER,
        zebra: None,
        rule: RULE,
        pad: 5.0,
    }));
    out
}

/// `2.5`, `0.65`, `0` — as written in the standard, without trailing zeros.
fn trim_aql(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The language-independent words for the footer's confidentiality line.
pub fn party_names(p: &Profile, lang: Lang) -> (String, String) {
    (
        p.buyer.display_name(lang).to_string(),
        p.seller.display_name(lang).to_string(),
    )
}
