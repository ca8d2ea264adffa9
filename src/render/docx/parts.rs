//! Render stage: the fixed parts of every DOCX of ours — styles (named, so a company can
//! restyle them), the clause numbering, settings, the package's content types and relations,
//! and the document properties (core, app, custom).

use super::xml::esc;

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Latin face of the styles: present on every Word and LibreOffice install (metric clones).
const LATIN: &str = "Arial";
/// East Asian face: SimSun (宋体) is the face of Chinese contracts and ships with every
/// Chinese Windows and Office for Mac; LibreOffice on Linux substitutes a Noto/WenQuanYi face.
const EAST_ASIAN: &str = "SimSun";

/// Navy of the house headings (as in the PDF).
const NAVY: &str = "1F3A5F";

/// Word's own style names (written lowercase where Word writes them so): not custom styles.
const BUILT_IN: [&str; 7] = [
    "Title",
    "Subtitle",
    "heading 1",
    "heading 2",
    "Header",
    "Footer",
    "List Bullet",
];

/// `word/styles.xml`: the named styles every document uses.
pub fn styles() -> String {
    let mut o = format!(
        r#"{DECL}<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{EAST_ASIAN}" w:cs="{LATIN}"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    o.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#);
    o.push_str(&paragraph_styles());
    o.push_str(&character_and_table_styles());
    o.push_str("</w:styles>");
    o
}

/// The paragraph styles: title, headings, clause body, table text, note, warning, list, header
/// and footer.
fn paragraph_styles() -> String {
    let mut o = String::new();
    o.push_str(&para(
        "Title",
        "Title",
        "Normal",
        r#"<w:keepNext/><w:spacing w:after="60"/>"#,
        &format!(r#"<w:b/><w:color w:val="{NAVY}"/><w:sz w:val="32"/><w:szCs w:val="32"/>"#),
    ));
    o.push_str(&para(
        "Subtitle",
        "Subtitle",
        "Normal",
        r#"<w:keepNext/><w:spacing w:after="120"/>"#,
        &format!(r#"<w:b/><w:color w:val="{NAVY}"/><w:sz w:val="26"/><w:szCs w:val="26"/>"#),
    ));
    o.push_str(&para("Heading1", "heading 1", "Normal", r#"<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="C8102E"/></w:pBdr><w:spacing w:before="280" w:after="120"/><w:outlineLvl w:val="0"/>"#, &format!(r#"<w:b/><w:color w:val="{NAVY}"/><w:sz w:val="24"/><w:szCs w:val="24"/>"#)));
    o.push_str(&para("Heading2", "heading 2", "Normal", r#"<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="80"/><w:outlineLvl w:val="1"/>"#, &format!(r#"<w:b/><w:color w:val="{NAVY}"/>"#)));
    o.push_str(&para(
        "ClauseBody",
        "Clause body",
        "Normal",
        r#"<w:spacing w:after="80"/><w:ind w:left="567"/>"#,
        "",
    ));
    o.push_str(&para(
        "TableText",
        "Table text",
        "Normal",
        r#"<w:spacing w:after="40"/>"#,
        r#"<w:sz w:val="18"/><w:szCs w:val="18"/>"#,
    ));
    o.push_str(&para(
        "Note",
        "Note",
        "Normal",
        "",
        r#"<w:color w:val="5A6270"/><w:sz w:val="16"/><w:szCs w:val="16"/>"#,
    ));
    o.push_str(&para("Warning", "Warning", "Normal", r#"<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="B00020"/><w:left w:val="single" w:sz="8" w:space="4" w:color="B00020"/><w:bottom w:val="single" w:sz="8" w:space="4" w:color="B00020"/><w:right w:val="single" w:sz="8" w:space="4" w:color="B00020"/></w:pBdr><w:ind w:left="113" w:right="113"/>"#, r#"<w:b/><w:color w:val="B00020"/>"#));
    o.push_str(&para(
        "ListBullet",
        "List Bullet",
        "Normal",
        r#"<w:numPr><w:numId w:val="3"/></w:numPr><w:spacing w:after="40"/>"#,
        "",
    ));
    o.push_str(&para(
        "Header",
        "Header",
        "Normal",
        r#"<w:spacing w:after="0"/><w:jc w:val="right"/>"#,
        r#"<w:color w:val="5A6270"/><w:sz w:val="16"/><w:szCs w:val="16"/>"#,
    ));
    o.push_str(&para(
        "Footer",
        "Footer",
        "Normal",
        r#"<w:spacing w:after="0"/>"#,
        r#"<w:color w:val="5A6270"/><w:sz w:val="14"/><w:szCs w:val="14"/>"#,
    ));
    o
}

/// The character styles (Chinese runs, links) and the deals' table style.
fn character_and_table_styles() -> String {
    let mut o = String::new();
    // The character style of Chinese runs: the East Asian face and language named again, so
    // a company that restyles Normal with a Western face keeps a Chinese face here.
    o.push_str(&format!(r#"<w:style w:type="character" w:customStyle="1" w:styleId="Chinese"><w:name w:val="Chinese"/><w:qFormat/><w:rPr><w:rFonts w:eastAsia="{EAST_ASIAN}" w:hint="eastAsia"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:style>"#));
    o.push_str(r#"<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>"#);
    o.push_str(r#"<w:style w:type="table" w:customStyle="1" w:styleId="DealTable"><w:name w:val="Deal table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="BFC5CC"/><w:left w:val="single" w:sz="4" w:space="0" w:color="BFC5CC"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="BFC5CC"/><w:right w:val="single" w:sz="4" w:space="0" w:color="BFC5CC"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFC5CC"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="BFC5CC"/></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    o
}

/// One paragraph style: custom unless Word knows its name; a heading's next paragraph is clause
/// body, any other's its own style.
fn para(id: &str, name: &str, based: &str, ppr: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="paragraph" w:customStyle="{custom}" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="{based}"/><w:next w:val="{next}"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#,
        custom = u8::from(!BUILT_IN.contains(&name)),
        next = if id.starts_with("Heading") {
            "ClauseBody"
        } else {
            id
        },
    )
}

/// One level of a list: number format, text, indent.
fn level(ilvl: u32, fmt: &str, text: &str, left: u32, hanging: u32, suff: &str) -> String {
    let suff = if suff.is_empty() {
        String::new()
    } else {
        format!(r#"<w:suff w:val="{suff}"/>"#)
    };
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{suff}<w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>"#,
        esc(text)
    )
}

/// `word/numbering.xml`: the clause list in English (`1.`, `1.1`, `(a)`, `(i)`), its Chinese
/// mirror (`第1条`, `1.1`, …) and the letters' bullets. The two clause lists count the same
/// headings, one in each language, so they stay in step (see `contract.rs`).
pub fn numbering() -> String {
    let clause_list = |id: u32, first: &str, suff: &str| {
        format!(
            r#"<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="multilevel"/>{}{}{}{}</w:abstractNum>"#,
            level(0, "decimal", first, 567, 567, suff),
            level(1, "decimal", "%1.%2", 567, 567, ""),
            level(2, "lowerLetter", "(%3)", 1134, 567, ""),
            level(3, "lowerRoman", "(%4)", 1701, 567, ""),
        )
    };
    format!(
        r#"{DECL}<w:numbering {W_NS}>{}{}<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/>{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num></w:numbering>"#,
        clause_list(0, "%1.", ""),
        clause_list(1, "第%1条", "space"),
        level(0, "bullet", "•", 397, 397, ""),
    )
}

/// `word/settings.xml`: compressed CJK punctuation (what the PDF's clreq adjustment does),
/// the document's languages, Word 2013+ compatibility (no compatibility-mode banner).
pub fn settings() -> String {
    format!(
        r#"{DECL}<w:settings {W_NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-GB" w:eastAsia="zh-CN"/></w:settings>"#
    )
}

/// `[Content_Types].xml`.
pub fn content_types() -> String {
    let ov = |part: &str, t: &str| format!(r#"<Override PartName="{part}" ContentType="{t}"/>"#);
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{}{}{}{}{}{}{}{}{}</Types>"#,
        ov("/word/document.xml", &format!("{wml}.document.main+xml")),
        ov("/word/styles.xml", &format!("{wml}.styles+xml")),
        ov("/word/numbering.xml", &format!("{wml}.numbering+xml")),
        ov("/word/settings.xml", &format!("{wml}.settings+xml")),
        ov("/word/header1.xml", &format!("{wml}.header+xml")),
        ov("/word/footer1.xml", &format!("{wml}.footer+xml")),
        ov(
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml"
        ),
        ov(
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        ),
        ov(
            "/docProps/custom.xml",
            "application/vnd.openxmlformats-officedocument.custom-properties+xml"
        ),
    )
}

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `_rels/.rels`: the main document and the three property parts.
pub fn package_rels() -> String {
    format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="{REL}/custom-properties" Target="docProps/custom.xml"/></Relationships>"#
    )
}

/// The first relation id of the document's hyperlinks (`rId1`–`rId5` are the fixed parts).
pub const FIRST_LINK_REL: usize = 6;

/// `word/_rels/document.xml.rels`: styles, numbering, settings, header, footer, then one
/// external relation per hyperlink, numbered in document order.
pub fn document_rels(links: &[String]) -> String {
    let mut o = format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{REL}/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="{REL}/settings" Target="settings.xml"/><Relationship Id="rId4" Type="{REL}/header" Target="header1.xml"/><Relationship Id="rId5" Type="{REL}/footer" Target="footer1.xml"/>"#
    );
    for (k, url) in links.iter().enumerate() {
        o.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{REL}/hyperlink" Target="{}" TargetMode="External"/>"#,
            k + FIRST_LINK_REL,
            esc(url)
        ));
    }
    o.push_str("</Relationships>");
    o
}

/// Dublin Core properties of `docProps/core.xml`.
pub struct Core {
    /// Title.
    pub title: String,
    /// Author (the seller).
    pub creator: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Seconds since 1970: created and modified (from the inputs, never the clock).
    pub timestamp: i64,
}

/// `docProps/core.xml`.
pub fn core(c: &Core) -> String {
    use time::format_description::well_known::Rfc3339;
    let when = time::OffsetDateTime::from_unix_timestamp(c.timestamp)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string());
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>"#,
        esc(&c.title),
        esc(&c.subject),
        esc(&c.creator),
        esc(&c.keywords.join("; ")),
    )
}

/// `docProps/app.xml`.
pub fn app() -> String {
    format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>dealguard {}</Application></Properties>"#,
        env!("CARGO_PKG_VERSION")
    )
}

/// `docProps/custom.xml`: name/value text properties, in the order given.
pub fn custom(props: &[(String, String)]) -> String {
    let mut o = format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
    );
    for (k, (name, value)) in props.iter().enumerate() {
        o.push_str(&format!(
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
            k + 2,
            esc(name),
            esc(value)
        ));
    }
    o.push_str("</Properties>");
    o
}

/// The `w:` namespace declarations, for the parts built elsewhere.
pub fn w_ns() -> &'static str {
    W_NS
}

/// The XML declaration every part starts with.
pub fn decl() -> &'static str {
    DECL
}
