//! Render stage: the small markup letter and reply templates produce (see
//! `docs/templates.md`), parsed into a document model (here) and written as Markdown, plain
//! text, e-mail-safe HTML (`write`) or layout blocks for the PDF (`blocks`).

mod blocks;
mod write;

pub use blocks::{to_blocks, PdfStyles};
pub use write::{to_html_fragment, to_html_page, to_markdown, to_text};

/// A run of text inside a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Bold text.
    Bold(String),
    /// A web or mail link: text and target.
    Link(String, String),
}

/// One line of inline runs.
pub type Line = Vec<Inline>;

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// `#` (1) or `##` (2) heading.
    Heading(u8, Line),
    /// Lines kept as lines.
    Para(Vec<Line>),
    /// Bullet items.
    List(Vec<Line>),
    /// Numbered items (`1. `), numbered from 1 in their order.
    Numbered(Vec<Line>),
    /// Header row and body rows.
    Table(Vec<Line>, Vec<Vec<Line>>),
    /// A boxed note.
    Note(Vec<Line>),
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// Blocks in order.
    pub nodes: Vec<Node>,
}

/// Characters the escape function protects in values (the parser undoes `\x`).
const SPECIAL: &str = "\\*|<>#-`";

/// Escapes a value interpolated into a template, so it stays text.
pub fn escape_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A YAML block scalar ends with a line break: it would become a space before the
    // template's next character (`排产） ）`).
    for c in s.trim_end_matches(['\n', '\r']).chars() {
        if SPECIAL.contains(c) {
            out.push('\\');
        }
        // A value never starts a new block: its line breaks become spaces.
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// Parses inline markup: `**bold**`, URLs and e-mail addresses, backslash escapes.
pub fn inline(s: &str) -> Line {
    let mut out: Line = Vec::new();
    let mut buf = String::new();
    let mut bold = false;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let flush = |buf: &mut String, bold: bool, out: &mut Line| {
        if buf.is_empty() {
            return;
        }
        let t = std::mem::take(buf);
        if bold {
            out.push(Inline::Bold(t));
        } else {
            link_split(&t, out);
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            // An escaped character: keep it, marked so link detection does not see it as markup.
            buf.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '*' && chars.get(i + 1) == Some(&'*') {
            flush(&mut buf, bold, &mut out);
            bold = !bold;
            i += 2;
            continue;
        }
        buf.push(c);
        i += 1;
    }
    flush(&mut buf, bold, &mut out);
    out
}

/// Splits plain text into text and links (https://…, http://…, name@domain.tld).
fn link_split(t: &str, out: &mut Line) {
    let mut rest = t;
    while !rest.is_empty() {
        let next_url = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let next_mail = find_email(rest);
        let pick = match (next_url, next_mail) {
            (Some(u), Some((m, _))) if m < u => Some((m, true)),
            (Some(u), _) => Some((u, false)),
            (None, Some((m, _))) => Some((m, true)),
            (None, None) => None,
        };
        let Some((start, is_mail)) = pick else {
            out.push(Inline::Text(rest.to_string()));
            break;
        };
        if start > 0 {
            out.push(Inline::Text(rest[..start].to_string()));
        }
        let tail = &rest[start..];
        let end = if is_mail {
            find_email(tail).map_or(tail.len(), |(_, len)| len)
        } else {
            tail.find(|c: char| c.is_whitespace() || "<>\"'）】」，。；".contains(c))
                .unwrap_or(tail.len())
        };
        // Trailing punctuation belongs to the sentence, not the link.
        let mut link = &tail[..end];
        while link.ends_with(['.', ',', ';', ':', ')', '!', '?']) {
            link = &link[..link.len() - 1];
        }
        let target = if is_mail {
            format!("mailto:{link}")
        } else {
            link.to_string()
        };
        out.push(Inline::Link(link.to_string(), target));
        rest = &tail[link.len()..];
    }
}

/// Finds an e-mail address: (byte start, byte length).
fn find_email(s: &str) -> Option<(usize, usize)> {
    let at = s.find('@')?;
    let is_local = |c: char| c.is_ascii_alphanumeric() || "._+-".contains(c);
    let is_dom = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let start = s[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_local(*c))
        .last()
        .map(|(i, _)| i)?;
    let dom_len = s[at + 1..]
        .chars()
        .take_while(|c| is_dom(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    let mut domain = &s[at + 1..at + 1 + dom_len];
    while domain.ends_with(['.', '-']) {
        domain = &domain[..domain.len() - 1];
    }
    if start == at || !domain.contains('.') {
        // Not an address here; look further on.
        let skip = at + 1;
        return find_email(&s[skip..]).map(|(st, l)| (st + skip, l));
    }
    Some((start, at + 1 + domain.len() - start))
}

fn cells(line: &str) -> Vec<String> {
    let t = line.trim().trim_start_matches('|');
    let t = t
        .strip_suffix('|')
        .filter(|x| !x.ends_with('\\'))
        .unwrap_or(t);
    // Split on unescaped bars.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut esc = false;
    for c in t.chars() {
        if esc {
            cur.push('\\');
            cur.push(c);
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if c == '|' {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_string());
    out
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The text of a numbered item (`1. text`, one or two digits): what follows the number.
fn numbered(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    line[digits..].strip_prefix(". ")
}

/// Parses rendered template text into a document.
pub fn parse(text: &str) -> Doc {
    let mut nodes = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim_end();
        let t = l.trim_start();
        if t.is_empty() {
            i += 1;
            continue;
        }
        if let Some(h) = t.strip_prefix("## ") {
            nodes.push(Node::Heading(2, inline(h.trim())));
            i += 1;
        } else if let Some(h) = t.strip_prefix("# ") {
            nodes.push(Node::Heading(1, inline(h.trim())));
            i += 1;
        } else if t.starts_with("- ") {
            let mut items = Vec::new();
            while i < lines.len() && lines[i].trim_start().starts_with("- ") {
                items.push(inline(lines[i].trim_start()[2..].trim()));
                i += 1;
            }
            nodes.push(Node::List(items));
        } else if numbered(t).is_some() {
            let mut items = Vec::new();
            while let Some(rest) = lines.get(i).and_then(|l| numbered(l.trim_start())) {
                items.push(inline(rest.trim()));
                i += 1;
            }
            nodes.push(Node::Numbered(items));
        } else if t.starts_with("> ") || t == ">" {
            let mut note = Vec::new();
            while i < lines.len()
                && (lines[i].trim_start().starts_with("> ") || lines[i].trim() == ">")
            {
                note.push(inline(lines[i].trim_start().trim_start_matches('>').trim()));
                i += 1;
            }
            nodes.push(Node::Note(note));
        } else if t.starts_with('|') {
            let mut rows: Vec<Vec<Line>> = Vec::new();
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                if !is_separator(lines[i]) {
                    rows.push(cells(lines[i]).iter().map(|c| inline(c)).collect());
                }
                i += 1;
            }
            if !rows.is_empty() {
                let header = rows.remove(0);
                nodes.push(Node::Table(header, rows));
            }
        } else {
            let mut para = Vec::new();
            while i < lines.len() {
                let x = lines[i].trim();
                if x.is_empty()
                    || x.starts_with("# ")
                    || x.starts_with("## ")
                    || x.starts_with("- ")
                    || numbered(x).is_some()
                    || x.starts_with("> ")
                    || x.starts_with('|')
                {
                    break;
                }
                // Full-width spaces that start a line are the letter's own indent (`　　此致`):
                // only the template's ASCII indentation goes.
                let kept = lines[i]
                    .trim_start_matches(|c: char| c.is_whitespace() && c != '\u{3000}')
                    .trim_end();
                para.push(inline(kept));
                i += 1;
            }
            nodes.push(Node::Para(para));
        }
    }
    Doc { nodes }
}

impl Doc {
    /// The first level-1 heading as plain text (the document's title and e-mail subject).
    pub fn title(&self) -> Option<String> {
        self.nodes.iter().find_map(|n| match n {
            Node::Heading(1, l) => Some(plain(l)),
            _ => None,
        })
    }
}

/// A line as plain text.
pub fn plain(l: &Line) -> String {
    l.iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Bold(t) | Inline::Link(t, _) => t.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
