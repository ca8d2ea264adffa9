//! A DOCX from someone else (a contract returned for `diff`, an attachment of a mail), read
//! bounded — entry count, each part's unpacked size (a zip bomb stops at the limit, whatever
//! its header claims), XML nesting before parsing, node count while parsing — into paragraphs
//! of plain text with their tracked changes, and the custom properties. Robust to Word re-saving: text is gathered
//! from every run whatever splits it (rsids, bookmarks, proofing marks, fields, content
//! controls); formatting is ignored.

use crate::zip::Zip;
use roxmltree::{Document, Node, ParsingOptions};
use std::collections::BTreeMap;

/// Most zip entries a DOCX may hold (Word writes about a dozen; a long one with images, a few hundred).
pub const MAX_ENTRIES: usize = 5_000;
/// Most bytes one part may unpack to.
pub const MAX_PART: u64 = 32 * 1024 * 1024;
/// Deepest element nesting read (Word's own documents stay well under 40).
pub const MAX_DEPTH: usize = 200;
/// Most XML nodes of one part.
const MAX_NODES: u32 = 4_000_000;

/// A tracked change: an insertion or a deletion, by whom, and its text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// `insertion` or `deletion`.
    pub kind: &'static str,
    /// `w:author`, or empty.
    pub author: String,
    /// The inserted or deleted text.
    pub text: String,
}

/// One paragraph: its style id, its list level if numbered, its text with every tracked
/// change accepted, and the tracked changes.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// `w:pStyle` (empty when none).
    pub style: String,
    /// `w:ilvl` of the paragraph's own numbering, if any.
    pub level: Option<u32>,
    /// The text as it reads with every tracked change accepted.
    pub text: String,
    /// Tracked insertions and deletions, in order.
    pub changes: Vec<Change>,
    /// The column of the table cell the paragraph is in, if any.
    pub cell: Option<usize>,
    /// Whether a run of it has the `Chinese` character style (as we write Chinese text).
    pub chinese: bool,
}

/// What a returned DOCX says.
#[derive(Debug, Clone, Default)]
pub struct Returned {
    /// Custom document properties by name.
    pub props: BTreeMap<String, String>,
    /// Body paragraphs in order (table cells row by row, cell by cell).
    pub paras: Vec<Para>,
}

/// Reads a DOCX: every problem is a message naming the part it is in.
pub fn read(bytes: &[u8]) -> Result<Returned, String> {
    // The zip reader is third-party code on hostile bytes: a panic in it is a bad file.
    std::panic::catch_unwind(|| read_inner(bytes))
        .unwrap_or_else(|_| Err("is not a readable DOCX file (the zip reader failed)".to_string()))
}

/// The body text of a DOCX (`.docx`, `.docm`, `.dotx`: an attachment of a mail), one
/// paragraph a line, read with the same limits as [`read`]; `Ok(None)` when the zip is not a
/// Word document.
pub fn body_text(bytes: &[u8]) -> Result<Option<String>, String> {
    std::panic::catch_unwind(|| {
        let mut zip = open(bytes)?;
        let paras = body(&mut zip)?;
        Ok(paras.map(|p| {
            p.iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        }))
    })
    .unwrap_or_else(|_| Err("is not a readable DOCX file (the zip reader failed)".to_string()))
}

/// The zip of a DOCX, its entry count checked.
fn open(bytes: &[u8]) -> Result<Zip<'_>, String> {
    let zip =
        Zip::open(bytes).map_err(|e| format!("is not a DOCX file: not a zip archive ({e})"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "holds {} zip entries; a DOCX may hold at most {MAX_ENTRIES}",
            zip.len()
        ));
    }
    Ok(zip)
}

/// The paragraphs of `word/document.xml`; `None` when the package has none.
fn body(zip: &mut Zip) -> Result<Option<Vec<Para>>, String> {
    let Some(document) = part(zip, "word/document.xml")? else {
        return Ok(None);
    };
    let paras = with_xml("word/document.xml", &document, |doc| {
        let mut out = Vec::new();
        if let Some(body) = doc
            .root_element()
            .children()
            .find(|n| n.has_tag_name_local("body"))
        {
            block(body, None, &mut out);
        }
        out
    })?;
    Ok(Some(paras))
}

fn read_inner(bytes: &[u8]) -> Result<Returned, String> {
    let mut zip = open(bytes)?;
    let paras = body(&mut zip)?.ok_or("is not a Word document: it has no `word/document.xml`")?;
    let props = match part(&mut zip, "docProps/custom.xml")? {
        Some(text) => with_xml("docProps/custom.xml", &text, custom_props)?,
        None => BTreeMap::new(),
    };
    Ok(Returned { props, paras })
}

/// One part as text, unpacked at most to [`MAX_PART`]; `None` when the package lacks it.
fn part(zip: &mut Zip, name: &str) -> Result<Option<String>, String> {
    let Some(buf) = zip.part(name, MAX_PART)? else {
        return Ok(None);
    };
    let text = String::from_utf8(buf).map_err(|_| format!("`{name}` is not UTF-8 text"))?;
    Ok(Some(text))
}

/// Parses a part after checking its nesting, and reads it with `f`.
fn with_xml<T>(name: &str, text: &str, f: impl FnOnce(&Document) -> T) -> Result<T, String> {
    if let Some(line) = too_deep(text) {
        return Err(format!(
            "`{name}` nests elements deeper than {MAX_DEPTH} levels (line {line})"
        ));
    }
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    let doc = Document::parse_with_options(text, opts)
        .map_err(|e| format!("`{name}` is not well-formed XML: {e}"))?;
    Ok(f(&doc))
}

/// The line where nesting first passes [`MAX_DEPTH`], by a scan of the tags (before any
/// parser, whose tree we walk recursively). Comments and declarations are not counted; a `>`
/// inside an attribute can only make the count higher, never let a deep file through.
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (mut depth, mut line, mut i) = (0usize, 1usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'<' => match b.get(i + 1) {
                Some(b'/') => depth = depth.saturating_sub(1),
                Some(b'?' | b'!') => {}
                _ => {
                    let end = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |k| i + k);
                    if end == 0 || b.get(end.wrapping_sub(1)) != Some(&b'/') {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Some(line);
                        }
                    }
                }
            },
            _ => {}
        }
        i += 1;
    }
    None
}

/// Local-name matching: Word, LibreOffice and Strict OOXML use different namespaces.
trait Local<'a> {
    fn has_tag_name_local(&self, n: &str) -> bool;
    fn attr_local(&self, n: &str) -> Option<&'a str>;
}

impl<'a> Local<'a> for Node<'a, '_> {
    fn has_tag_name_local(&self, n: &str) -> bool {
        self.is_element() && self.tag_name().name() == n
    }
    fn attr_local(&self, n: &str) -> Option<&'a str> {
        self.attributes().find(|a| a.name() == n).map(|a| a.value())
    }
}

/// Block-level content: paragraphs, and what holds them (tables, rows, cells, content
/// controls); alternate content is read once (its fallback copy is skipped).
fn block(n: Node, cell: Option<usize>, out: &mut Vec<Para>) {
    let mut column = 0;
    for c in n.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "p" => {
                let mut p = paragraph(c);
                p.cell = cell;
                out.push(p);
            }
            "tc" => {
                block(c, Some(column), out);
                column += 1;
            }
            "Fallback" | "sectPr" | "tblPr" | "trPr" | "tcPr" | "sdtPr" => {}
            _ => block(c, cell, out),
        }
    }
}

/// One paragraph's style, level, accepted text and tracked changes.
fn paragraph(p: Node) -> Para {
    let mut para = Para::default();
    if let Some(ppr) = p.children().find(|c| c.has_tag_name_local("pPr")) {
        for c in ppr.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "pStyle" => para.style = c.attr_local("val").unwrap_or("").to_string(),
                "numPr" => {
                    para.level = c
                        .children()
                        .find(|x| x.has_tag_name_local("ilvl"))
                        .and_then(|x| x.attr_local("val"))
                        .and_then(|v| v.parse().ok())
                        .or(Some(0));
                }
                _ => {}
            }
        }
    }
    inline(p, &mut para, None);
    para
}

/// Gathers the text of runs under `n`. Inside a tracked change, `change` collects its text;
/// deleted text never reaches the accepted text.
fn inline(n: Node, para: &mut Para, mut change: Option<&mut Change>) {
    for c in n.children() {
        if c.is_text() {
            continue;
        }
        let name = c.tag_name().name();
        let piece = match name {
            "t" | "delText" => c.text().unwrap_or(""),
            "tab" => " ",
            "br" | "cr" => "\n",
            "noBreakHyphen" => "-",
            "rStyle" => {
                para.chinese |= c.attr_local("val") == Some("Chinese");
                continue;
            }
            "pPr" | "instrText" | "txbxContent" | "Fallback" | "fldData" => continue,
            "ins" | "moveTo" | "del" | "moveFrom" => {
                let kind = if matches!(name, "ins" | "moveTo") {
                    "insertion"
                } else {
                    "deletion"
                };
                let mut ch = Change {
                    kind,
                    author: c.attr_local("author").unwrap_or("").to_string(),
                    text: String::new(),
                };
                inline(c, para, Some(&mut ch));
                if !ch.text.trim().is_empty() {
                    para.changes.push(ch);
                }
                continue;
            }
            _ => {
                inline(c, para, change.as_deref_mut());
                continue;
            }
        };
        let deleted = change.as_ref().is_some_and(|ch| ch.kind == "deletion");
        if let Some(ch) = change.as_deref_mut() {
            ch.text.push_str(piece);
        }
        if !deleted && name != "delText" {
            para.text.push_str(piece);
        }
    }
}

/// `docProps/custom.xml`: each property's name and its value's text.
fn custom_props(doc: &Document) -> BTreeMap<String, String> {
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name_local("property"))
        .filter_map(|n| {
            let name = n.attr_local("name")?.to_string();
            let value = n
                .children()
                .find(Node::is_element)?
                .text()
                .unwrap_or("")
                .to_string();
            Some((name, value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_counts_open_tags_only() {
        assert_eq!(too_deep("<a><b/><c></c></a>"), None);
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some(1));
    }

    #[test]
    fn not_a_zip_is_an_error() {
        let e = read(b"hello").unwrap_err();
        assert!(e.contains("not a zip"), "{e}");
    }
}
