//! Render stage: the DOCX package — its parts zipped in a fixed order with fixed entry times,
//! so that the same inputs give the same bytes.

use super::parts::{self, Core};
use super::xml::esc;
use crate::render::templates::Labels;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Everything that differs between two of our documents.
pub struct Package {
    /// The content of `w:body` before the section properties.
    pub body: String,
    /// The header's paragraphs.
    pub header: String,
    /// The footer's paragraphs.
    pub footer: String,
    /// Hyperlink targets, in the order of their relation ids.
    pub links: Vec<String>,
    /// Core properties.
    pub core: Core,
    /// Custom properties.
    pub custom: Vec<(String, String)>,
}

/// A4 portrait with 2 cm side margins, header and footer 1.25 cm from the edge.
const SECT: &str = r#"<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1134" w:bottom="1418" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>"#;

/// Text width of the page in twips (A4 less the margins).
pub const TEXT_WIDTH: u32 = 11906 - 2 * 1134;

impl Package {
    /// The zipped package.
    pub fn zip(&self) -> Result<Vec<u8>, String> {
        let (ns, decl) = (parts::w_ns(), parts::decl());
        let document = format!(
            "{decl}<w:document {ns}><w:body>{}{SECT}</w:body></w:document>",
            self.body
        );
        let header = format!("{decl}<w:hdr {ns}>{}</w:hdr>", self.header);
        let footer = format!("{decl}<w:ftr {ns}>{}</w:ftr>", self.footer);
        // Content types first (some readers expect it there), then in the order of the rels.
        let entries: [(&str, String); 12] = [
            ("[Content_Types].xml", parts::content_types()),
            ("_rels/.rels", parts::package_rels()),
            ("docProps/core.xml", parts::core(&self.core)),
            ("docProps/app.xml", parts::app()),
            ("docProps/custom.xml", parts::custom(&self.custom)),
            ("word/document.xml", document),
            ("word/styles.xml", parts::styles()),
            ("word/numbering.xml", parts::numbering()),
            ("word/settings.xml", parts::settings()),
            ("word/header1.xml", header),
            ("word/footer1.xml", footer),
            (
                "word/_rels/document.xml.rels",
                parts::document_rels(&self.links),
            ),
        ];
        zip_entries(&entries).map_err(|e| format!("cannot write the DOCX package: {e}"))
    }
}

/// Zips the entries: deflated, dated 1980-01-01 (the zip epoch), mode 0644, in the order given.
fn zip_entries(entries: &[(&str, String)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, text) in entries {
        z.start_file(*name, opts)?;
        z.write_all(text.as_bytes())?;
    }
    Ok(z.finish()?.into_inner())
}

/// The footer line "Page n / N" of `labels`' `page` label, its numbers as `PAGE` and `NUMPAGES`
/// fields.
pub fn page_numbers(labels: &Labels) -> String {
    let pages = labels.fill(
        "page",
        &[("n", "{PAGE}".into()), ("total", "{NUMPAGES}".into())],
    );
    with_fields("Footer", &pages)
}

/// A header or footer paragraph whose text holds `{PAGE}` and `{NUMPAGES}` as Word fields.
pub fn with_fields(style: &str, text: &str) -> String {
    let mut runs = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = ["{PAGE}", "{NUMPAGES}"]
            .iter()
            .filter_map(|f| rest.find(f).map(|i| (i, *f)))
            .min();
        let Some((i, field)) = next else {
            runs.push_str(&super::xml::lang_run(rest, false));
            break;
        };
        if i > 0 {
            runs.push_str(&super::xml::lang_run(&rest[..i], false));
        }
        let name = &field[1..field.len() - 1];
        runs.push_str(&format!(
            r#"<w:fldSimple w:instr=" {name} \* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#
        ));
        rest = &rest[i + field.len()..];
    }
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{}"/></w:pPr>{runs}</w:p>"#,
        esc(style)
    )
}
