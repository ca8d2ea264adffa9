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
