//! Lay-out stage tests: pagination, repeated headers, keep-with-next, photo rows, alignment.
use super::*;
use crate::font::Weight;

fn fonts() -> Fonts {
    Fonts::builtin().unwrap()
}

const BODY: Style = Style::new(9.0, Rgb::BLACK);

fn frame() -> Frame {
    Frame::a4(mm(15.0), mm(30.0), mm(20.0))
}

fn texts(p: &Page) -> Vec<&str> {
    p.items
        .iter()
        .filter_map(|i| {
            if let Item::Text { text, .. } = i {
                Some(text.as_str())
            } else {
                None
            }
        })
        .collect()
}

fn table(rows: usize) -> Table {
    Table {
        columns: vec![Column::left(3.0), Column::new(1.0, Align::Right)],
        header: Some(vec![
            Cell::text("Material", BODY.bold()),
            Cell::text("Qty", BODY.bold()),
        ]),
        rows: (0..rows)
            .map(|i| {
                vec![
                    Cell::text(format!("row {i} 不锈钢板"), BODY),
                    Cell::text(format!("{i}"), BODY),
                ]
            })
            .collect(),
        header_fill: Rgb::hex(0xeeeeee),
        zebra: Some(Rgb::hex(0xf8f8f8)),
        rule: Rgb::hex(0xcccccc),
        pad: 3.0,
    }
}

#[test]
fn long_tables_repeat_their_header_and_keep_every_row() {
    let pages = layout(&[Block::Table(table(120))], &frame(), &fonts());
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for p in &pages {
        let t = texts(p);
        assert_eq!(t[0], "Material", "every page starts with the header");
        assert_eq!(t.iter().filter(|x| **x == "Material").count(), 1);
    }
    let rows: usize = pages
        .iter()
        .map(|p| texts(p).iter().filter(|t| t.starts_with("row ")).count())
        .sum();
    assert_eq!(rows, 120);
}

#[test]
fn nothing_leaves_the_body() {
    let f = frame();
    let blocks = vec![
        Block::Table(table(80)),
        Block::Paragraph(vec![Part::new("word ".repeat(2000), BODY)]),
    ];
    for p in layout(&blocks, &f, &fonts()) {
        for it in &p.items {
            if let Item::Text { y, x, .. } = it {
                assert!(*y > f.top && *y <= f.bottom + 1.0, "y {y}");
                assert!(*x >= f.left - 0.01 && *x < f.right);
            }
        }
    }
}

#[test]
fn a_heading_is_never_the_last_thing_on_a_page() {
    let f = frame();
    let h = Block::Heading {
        text: "Section".into(),
        style: BODY.bold(),
        rule: None,
    };
    // Fill a page almost to the end, then a heading and a table.
    let filler = Block::Paragraph(vec![Part::new("line\n".repeat(66), BODY)]);
    let pages = layout(&[filler, h, Block::Table(table(3))], &f, &fonts());
    for p in &pages {
        let t = texts(p);
        if let Some(pos) = t.iter().position(|x| *x == "Section") {
            assert!(t.len() > pos + 3, "heading separated from its table: {t:?}");
        }
    }
}

#[test]
fn page_breaks_start_a_new_page_but_never_an_empty_one() {
    let p = |t: &str| Block::Paragraph(vec![Part::new(t, BODY)]);
    let pages = layout(
        &[
            Block::PageBreak,
            p("one"),
            Block::PageBreak,
            Block::PageBreak,
            p("two"),
        ],
        &frame(),
        &fonts(),
    );
    assert_eq!(pages.len(), 2);
    assert_eq!(texts(&pages[0]), ["one"]);
    assert_eq!(texts(&pages[1]), ["two"]);
}

#[test]
fn photo_rows_never_split() {
    let f = frame();
    let photos: Vec<Photo> = (0..20)
        .map(|i| Photo {
            image: Some((i, 4000, 3000)),
            caption: vec![Part::new(format!("photo {i}"), BODY)],
        })
        .collect();
    let pages = layout(
        &[Block::Photos(PhotoGrid {
            columns: 2,
            aspect: 0.75,
            photos,
        })],
        &f,
        &fonts(),
    );
    let mut seen = 0;
    for p in &pages {
        for it in &p.items {
            if let Item::Image { y, h, .. } = it {
                assert!(
                    *y >= f.top && y + h <= f.bottom + 0.01,
                    "photo cut: {y} + {h}"
                );
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 20);
}

#[test]
fn a_row_taller_than_a_page_is_cut_between_lines() {
    let mut t = table(1);
    t.rows[0][0] = Cell::text("很长的说明".repeat(3000), BODY);
    let pages = layout(&[Block::Table(t)], &frame(), &fonts());
    assert!(pages.len() > 2);
    for p in &pages {
        assert_eq!(texts(p)[0], "Material");
    }
}

#[test]
fn right_aligned_cells_end_at_the_column_edge() {
    let f = frame();
    let pages = layout(&[Block::Table(table(1))], &f, &fonts());
    let fonts = fonts();
    let (x, text) = pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text { x, text, .. } if text == "0" => Some((*x, text.clone())),
            _ => None,
        })
        .unwrap();
    let w = fonts.width(Weight::Regular, &text) * 9.0;
    assert!(
        (x + w - (f.right - 3.0)).abs() < 0.5,
        "{} vs {}",
        x + w,
        f.right - 3.0
    );
}

#[test]
fn a_kept_group_moves_whole_and_a_too_long_one_flows() {
    let f = frame();
    let filler = |n: usize| Block::Paragraph(vec![Part::new("line\n".repeat(n), BODY)]);
    let sig = || {
        Block::Keep(vec![
            Block::Heading {
                text: "Signatures".into(),
                style: BODY.bold(),
                rule: None,
            },
            Block::Table(table(6)),
        ])
    };
    // Without the group, the table's rows would be split across the page break.
    for n in [55, 60, 64] {
        let pages = layout(&[filler(n), sig()], &f, &fonts());
        let last = texts(&pages[pages.len() - 1]).join(" ");
        let on_last = pages.len() == 1 || last.contains("Signatures");
        assert!(on_last && last.contains("row 5"), "{n}: {last}");
        let rows: usize = pages
            .iter()
            .map(|p| texts(p).iter().filter(|t| t.starts_with("row ")).count())
            .sum();
        assert_eq!(rows, 6);
        for p in &pages[..pages.len() - 1] {
            assert!(
                !texts(p).iter().any(|t| t.starts_with("row ")),
                "{n}: split"
            );
        }
    }
    // A group that fits on what is left of a page stays there: no page of its own.
    assert_eq!(layout(&[filler(10), sig()], &f, &fonts()).len(), 1);
    // A group longer than a page flows like any other block.
    let long = Block::Keep(vec![Block::Table(table(200))]);
    let pages = layout(&[filler(10), long], &f, &fonts());
    assert!(texts(&pages[0]).iter().any(|t| t.starts_with("row ")));
}

#[test]
fn a_too_long_kept_group_flows_but_its_last_block_keeps_the_line_before() {
    let f = frame();
    let sig = Block::Keep(vec![
        Block::Heading {
            text: "Signatures".into(),
            style: BODY.bold(),
            rule: None,
        },
        Block::Table(table(6)),
    ]);
    let items = Block::Paragraph(vec![Part::new("item\n".repeat(80), BODY)]);
    let pages = layout(&[Block::Keep(vec![items, sig])], &f, &fonts());
    let count = |p: &Page| texts(p).iter().filter(|t| **t == "item").count();
    // The first page is filled, not cut where the rest would fit on one page.
    let full = ((f.bottom - f.top) / BODY.line_height()) as usize;
    assert!(
        count(&pages[0]) + 2 >= full,
        "{} of {full} lines",
        count(&pages[0])
    );
    // The sign-off is whole, and not alone: the last item comes with it.
    let last = pages.last().unwrap();
    let t = texts(last);
    let at = t.iter().position(|x| *x == "Signatures").unwrap();
    assert!(at > 0 && t[at - 1] == "item", "{t:?}");
    assert!(t.iter().any(|x| x.starts_with("row 5")));
    assert_eq!(pages.iter().map(count).sum::<usize>(), 80);
}

/// Text items with their x, on every page.
fn placed(pages: &[Page]) -> Vec<(f32, String)> {
    pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { x, text, .. } => Some((*x, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_table_column_takes_room_from_a_neighbour_rather_than_leave_a_character_alone() {
    let f = frame();
    let name = "深圳喆堃声学科技有限公司";
    // Eleven of the twelve characters fit the first column's line.
    let first = 2.0 * 3.0 + 11.5 * 9.0;
    let t = |other: Cell| Table {
        columns: vec![Column::left(first), Column::left(f.body_width() - first)],
        header: None,
        rows: vec![vec![Cell::text(name, BODY), other]],
        header_fill: Rgb::WHITE,
        zebra: None,
        rule: Rgb::BLACK,
        pad: 3.0,
    };
    // A neighbour with room: the name stays on one line.
    let pages = layout(&[Block::Table(t(Cell::text("short", BODY)))], &f, &fonts());
    assert!(
        placed(&pages).iter().any(|(_, s)| s == name),
        "{:?}",
        placed(&pages)
    );
    // Parallel texts keep their columns: the line before gives company instead.
    let mut fixed = t(Cell::text("short", BODY));
    fixed.columns = fixed.columns.into_iter().map(Column::fixed).collect();
    let pages = layout(&[Block::Table(fixed)], &f, &fonts());
    assert!(
        placed(&pages).iter().any(|(_, s)| s == "公司"),
        "{:?}",
        placed(&pages)
    );
    // A neighbour that fills its width (a box): the line before gives the last one company.
    let full = Cell::Frame {
        height: 20.0,
        label: String::new(),
        style: BODY,
    };
    let pages = layout(&[Block::Table(t(full))], &f, &fonts());
    let lines: Vec<String> = placed(&pages)
        .into_iter()
        .filter(|(x, _)| *x < f.left + first)
        .map(|(_, s)| s)
        .collect();
    assert_eq!(lines, ["深圳喆堃声学科技有限", "公司"]);
}

#[test]
fn list_items_start_their_text_at_one_indent_whatever_font_draws_the_mark() {
    let f = frame();
    let long = "不锈钢锅具套装的拉伸工序".repeat(8);
    let blocks: Vec<Block> = [long.as_str(), "SUS304 sheet received", "12 pcs 铆钉"]
        .iter()
        .map(|t| Block::Paragraph(vec![Part::new(*t, BODY).marked("•", 12.0)]))
        .collect();
    let items = placed(&layout(&blocks, &f, &fonts()));
    let marks: Vec<f32> = items
        .iter()
        .filter(|(_, t)| t == "•")
        .map(|(x, _)| *x)
        .collect();
    assert_eq!(marks.len(), 3, "{items:?}");
    let text: Vec<f32> = items
        .iter()
        .filter(|(_, t)| t != "•")
        .map(|(x, _)| *x)
        .collect();
    assert!(text.len() > 3, "the long item wraps");
    for x in &text {
        assert!((x - (f.left + 12.0)).abs() < 0.01, "{items:?}");
    }
    // The mark is the narrow bullet even before Chinese: measured alone, it fits the gutter.
    let fonts = fonts();
    assert!(fonts.width(Weight::Regular, "•") * BODY.size < 12.0 - BODY.size * 0.35);
}

#[test]
fn a_frame_label_wraps_inside_its_box_and_the_box_grows() {
    let f = frame();
    let label = "Instruction checked (sender, date, subject) / 所核实的指令（发件人、日期、主题）";
    let cell = |label: &str| Cell::Frame {
        height: 30.0,
        label: label.into(),
        style: BODY,
    };
    let t = Table {
        columns: vec![Column::left(1.0), Column::left(1.0), Column::left(1.0)],
        header: None,
        rows: vec![vec![cell(label), cell("Date"), Cell::Empty]],
        header_fill: Rgb::WHITE,
        zebra: None,
        rule: Rgb::WHITE,
        pad: 3.0,
    };
    let pages = layout(&[Block::Table(t)], &f, &fonts());
    let rects: Vec<(f32, f32, f32)> = pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect {
                x,
                w,
                h,
                stroke: Some(_),
                ..
            } => Some((*x, *w, *h)),
            _ => None,
        })
        .collect();
    let (x, w, h) = rects[0];
    assert!(h > 30.0 + BODY.line_height() - 0.1, "{rects:?}");
    assert!(
        (rects[1].2 - 30.0).abs() < 0.01,
        "a one-line label keeps the height"
    );
    let fonts = fonts();
    for (tx, text) in placed(&pages).iter().filter(|(tx, _)| *tx < x + w) {
        let tw = fonts.width(Weight::Regular, text) * BODY.size;
        assert!(*tx > x && tx + tw < x + w, "{text} leaves its box");
    }
}

#[test]
fn a_following_note_never_starts_a_page() {
    let f = frame();
    let note = || {
        Block::Follow(vec![Block::Paragraph(vec![Part::new(
            "note\nnote\nnote",
            BODY,
        )])])
    };
    // Whatever room the table leaves, its note shares a page with its last row.
    for n in 30..80 {
        let pages = layout(&[Block::Table(table(n)), note()], &f, &fonts());
        for p in &pages {
            let t = texts(p);
            if let Some(at) = t.iter().position(|x| *x == "note") {
                assert!(at > 0 && t[at - 1] == format!("{}", n - 1), "{n}: {t:?}");
            }
        }
    }
}
