//! Lay-out stage tests: pagination, repeated headers, keep-with-next, photo rows, alignment.
use super::*;
use crate::pdf::font::Weight;

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
