//! Render stage: the welcome letter's document model as a DOCX body — headings as Title and
//! Heading 1, bullets on the bullet list, the warning note as a boxed paragraph style, tables,
//! links as real hyperlinks; each language on its own page.

use super::package::{page_numbers, with_fields, Package, TEXT_WIDTH};
use super::parts::{Core, FIRST_LINK_REL};
use super::xml::{esc, page_break, para, run, table};
use crate::profile::deal::Profile;
use crate::profile::{Lang, Langs};
use crate::render::contract::party_name;
use crate::render::letters::Rendered;
use crate::render::markup::{Inline, Line, Node};
use crate::render::templates::Labels;

/// Builds the runs of lines, collecting hyperlink targets in document order.
struct Body {
    links: Vec<String>,
}

impl Body {
    /// One line's runs: bold runs bold, links as `w:hyperlink` with their own relation.
    fn line(&mut self, l: &Line, rstyle: Option<&str>, bold: bool) -> String {
        let mut o = String::new();
        for i in l {
            match i {
                Inline::Text(t) => o.push_str(&run(t, rstyle, bold)),
                Inline::Bold(t) => o.push_str(&run(t, rstyle, true)),
                Inline::Link(t, url) => {
                    let id = self.links.len() + FIRST_LINK_REL;
                    self.links.push(url.clone());
                    o.push_str(&format!(
                        r#"<w:hyperlink r:id="rId{id}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:hyperlink>"#,
                        esc(t)
                    ));
                }
            }
        }
        o
    }

    /// Lines of one paragraph, separated by line breaks.
    fn lines(&mut self, ls: &[Line], rstyle: Option<&str>, bold: bool) -> String {
        let mut o = String::new();
        for (k, l) in ls.iter().enumerate() {
            if k > 0 {
                o.push_str("<w:r><w:br/></w:r>");
            }
            o.push_str(&self.line(l, rstyle, bold));
        }
        o
    }

    /// One language's document.
    fn doc(&mut self, nodes: &[Node], lang: Lang) -> String {
        let rs = (lang == Lang::Zh).then_some("Chinese");
        let mut o = String::new();
        for n in nodes {
            match n {
                Node::Heading(1, l) => {
                    o.push_str(&para("Title", None, "", &self.line(l, rs, false)))
                }
                Node::Heading(_, l) => {
                    o.push_str(&para("Heading1", None, "", &self.line(l, rs, false)))
                }
                Node::Para(ls) => o.push_str(&para("Normal", None, "", &self.lines(ls, rs, false))),
                Node::List(items) => {
                    for it in items {
                        o.push_str(&para("ListBullet", None, "", &self.line(it, rs, false)));
                    }
                }
                // Numbers written out, as the other formats show them (no Word list to restart).
                Node::Numbered(items) => {
                    for (k, it) in items.iter().enumerate() {
                        let runs =
                            run(&format!("{}. ", k + 1), rs, false) + &self.line(it, rs, false);
                        o.push_str(&para("Normal", None, "", &runs));
                    }
                }
                Node::Note(ls) => {
                    o.push_str(&para("Warning", None, "", &self.lines(ls, rs, false)))
                }
                Node::Table(header, rows) => o.push_str(&self.table(header, rows, rs)),
            }
        }
        o
    }

    fn table(&mut self, header: &[Line], rows: &[Vec<Line>], rs: Option<&str>) -> String {
        let n = header.len().max(1) as u32;
        let w: Vec<u32> = (0..n).map(|_| TEXT_WIDTH / n).collect();
        let head: Vec<String> = header
            .iter()
            .map(|h| para("TableText", None, "", &self.line(h, rs, true)))
            .collect();
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| para("TableText", None, "", &self.line(c, rs, false)))
                    .collect()
            })
            .collect();
        format!(
            "{}{}",
            table(&w, Some(&head), &body, "E8EDF3"),
            para("Normal", None, "", "")
        )
    }
}

/// The welcome letter as a DOCX on the seller's letterhead (header and footer as the PDF's).
pub fn letter(
    r: &Rendered,
    p: &Profile,
    langs: &Langs,
    report_labels: &Labels,
    timestamp: i64,
) -> Result<Vec<u8>, String> {
    let mut b = Body { links: Vec::new() };
    let mut body = String::new();
    for (k, (lang, doc)) in r.docs.iter().enumerate() {
        if k > 0 {
            body.push_str(page_break());
        }
        body.push_str(&b.doc(&doc.nodes, *lang));
    }
    let domain = p.seller.email_domains.first().cloned().unwrap_or_default();
    let header = with_fields(
        "Header",
        &format!(
            "{} · {} · {}",
            party_name(&p.seller, langs).join(" / "),
            domain,
            p.seller.phone
        ),
    );
    let phone = dealguard_pdf::page::unbreakable(p.payment.verification.callback());
    let mut footer = with_fields("Footer", &p.seller.address);
    for l in langs.list() {
        footer.push_str(&with_fields(
            "Footer",
            &report_labels.fill_one("channels_document", *l, &[("phone", phone.clone())]),
        ));
    }
    footer.push_str(&page_numbers(report_labels));
    Package {
        body,
        header,
        footer,
        links: b.links,
        core: Core {
            title: r.subject(),
            creator: p.seller.name.clone(),
            subject: format!("{} welcome letter", p.deal.id),
            keywords: vec![
                p.deal.id.clone(),
                "secure communication".into(),
                "安全沟通".into(),
            ],
            timestamp,
        },
        custom: vec![
            ("dealguard.document".to_string(), "letter".to_string()),
            ("dealguard.deal".to_string(), p.deal.id.clone()),
            ("dealguard.langs".to_string(), langs.code()),
        ],
    }
    .zip()
}
