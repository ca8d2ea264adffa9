//! Render stage tests: the letter markup parsed and written as Markdown, text, HTML and blocks.
use super::*;

const SAMPLE: &str = "# Welcome to order NH-1\n\nDear Anna,\nthank you.\n\n## Your team\n\n- **Li Wei**, sales: li.wei@hengli-kitchen.com\n- board: https://trello.com/b/nh0148.\n\n| Channel | Security |\n|---|---|\n| Password | Never |\n\n> Call +86 574 8888 1250 before paying.\n";

#[test]
fn parses_every_kind_of_block() {
    let d = parse(SAMPLE);
    assert_eq!(d.title().as_deref(), Some("Welcome to order NH-1"));
    assert!(matches!(&d.nodes[1], Node::Para(l) if l.len() == 2));
    assert!(matches!(&d.nodes[2], Node::Heading(2, _)));
    let Node::List(items) = &d.nodes[3] else {
        panic!("{:?}", d.nodes[3])
    };
    assert_eq!(items[0][0], Inline::Bold("Li Wei".into()));
    assert!(items[0].contains(&Inline::Link(
        "li.wei@hengli-kitchen.com".into(),
        "mailto:li.wei@hengli-kitchen.com".into()
    )));
    // The full stop after a URL is not part of it.
    assert!(items[1].contains(&Inline::Link(
        "https://trello.com/b/nh0148".into(),
        "https://trello.com/b/nh0148".into()
    )));
    assert!(matches!(&d.nodes[4], Node::Table(h, r) if h.len() == 2 && r.len() == 1));
    assert!(matches!(&d.nodes[5], Node::Note(_)));
}

#[test]
fn escaped_values_stay_text() {
    let v = escape_value("**A|B** <b>\n# x");
    let d = parse(&format!("| {v} | y |\n"));
    let Node::Table(h, _) = &d.nodes[0] else {
        panic!()
    };
    assert_eq!(plain(&h[0]), "**A|B** <b> # x");
    assert_eq!(h.len(), 2);
    let d = parse(&format!("{}\n", escape_value("# not a heading")));
    assert!(matches!(&d.nodes[0], Node::Para(_)));
}

#[test]
fn outputs_escape_for_their_format() {
    let d = parse(&format!("Dear {},\n", escape_value("<b>A&B</b>")));
    assert!(
        to_html_fragment(&d, crate::profile::Lang::En).contains("Dear &lt;b&gt;A&amp;B&lt;/b&gt;,")
    );
    assert!(to_markdown(&d).contains("Dear \\<b\\>A\\&B\\</b\\>,"));
    assert_eq!(to_text(&d), "Dear <b>A&B</b>,\n");
}

#[test]
fn html_is_email_safe() {
    let html = to_html_page(
        "t",
        crate::profile::Lang::En,
        &[to_html_fragment(&parse(SAMPLE), crate::profile::Lang::En)],
    );
    assert!(!html.contains("<script") && !html.contains("<style") && !html.contains("<link"));
    assert!(!html.contains("src="));
}

#[test]
fn plain_text_lists_table_rows() {
    let t = to_text(&parse(SAMPLE));
    assert!(t.starts_with("Welcome to order NH-1\n=====================\n"));
    assert!(t.contains("  • Password\n    Security: Never\n"));
}

#[test]
fn full_width_indents_are_kept_and_ascii_indents_trimmed() {
    let d = parse("正文。\n\n\u{3000}\u{3000}此致\n敬礼！\n   indented\n");
    let Node::Para(lines) = &d.nodes[1] else {
        panic!("{:?}", d.nodes)
    };
    assert_eq!(plain(&lines[0]), "\u{3000}\u{3000}此致");
    assert_eq!(plain(&lines[1]), "敬礼！");
    assert_eq!(plain(&lines[2]), "indented");
    let closing = "\u{3000}\u{3000}此致";
    assert!(to_text(&d).contains(&format!("\n{closing}\n敬礼！\n")));
    assert!(to_markdown(&d).contains(&format!("\n{closing}  \n敬礼！")));
    assert!(
        to_html_fragment(&d, crate::profile::Lang::Zh).contains(&format!("{closing}<br>\n敬礼！"))
    );
}

#[test]
fn a_value_s_final_line_break_is_dropped_not_made_a_space() {
    assert_eq!(escape_value("共8,000台（排产）\n"), "共8,000台（排产）");
    assert_eq!(escape_value("a\nb"), "a b");
}

#[test]
fn numbered_items_are_a_list_of_their_own_with_one_marker_each() {
    let d = parse("Steps:\n\n1. **Decline.** Kindly.\n2. Offer the report.\n3. Tell security.\n\n- a bullet\n");
    let Node::Numbered(items) = &d.nodes[1] else {
        panic!("{:?}", d.nodes)
    };
    assert_eq!(items.len(), 3);
    assert_eq!(items[0][0], Inline::Bold("Decline.".into()));
    assert!(matches!(&d.nodes[2], Node::List(l) if l.len() == 1));
    let md = to_markdown(&d);
    assert!(md.contains("1. **Decline.** Kindly.\n2. Offer the report.\n3. Tell security.\n"));
    let text = to_text(&d);
    assert!(text.contains("  1. Decline. Kindly.\n") && text.contains("  • a bullet\n"));
    let html = to_html_fragment(&d, crate::profile::Lang::En);
    assert!(
        html.contains("<ol ") && html.contains("<li style=\"margin:0 0 4px 0;\"><strong>Decline.")
    );
    // No line carries both a bullet and a number, in any format.
    for out in [md, text] {
        for l in out.lines() {
            let t = l.trim_start().trim_start_matches(['-', '•']).trim_start();
            let numbered = t
                .trim_start_matches('*')
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
            assert!(!(numbered && l.trim_start() != t), "{l}");
        }
    }
    // In the PDF the marker stands apart from the text, numbers and bullets alike.
    let st = PdfStyles {
        body: dealguard_pdf::layout::Style::new(9.5, dealguard_pdf::layout::Rgb::BLACK),
        h1: dealguard_pdf::layout::Style::new(14.0, dealguard_pdf::layout::Rgb::BLACK),
        h2: dealguard_pdf::layout::Style::new(10.5, dealguard_pdf::layout::Rgb::BLACK),
        link: dealguard_pdf::layout::Rgb::BLACK,
        header_fill: dealguard_pdf::layout::Rgb::WHITE,
        rule: dealguard_pdf::layout::Rgb::BLACK,
        note: dealguard_pdf::layout::Rgb::BLACK,
    };
    let marks: Vec<(String, String)> = to_blocks(&d, &st)
        .into_iter()
        .filter_map(|b| match b {
            dealguard_pdf::layout::Block::Paragraph(p) => {
                let p = p.into_iter().next()?;
                Some((p.marker?, p.text))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("1.".to_string(), "Decline. Kindly.".to_string()),
            ("2.".into(), "Offer the report.".into()),
            ("3.".into(), "Tell security.".into()),
            ("•".into(), "a bullet".into()),
        ]
    );
}
