//! Verify stage, reading HTML: what each start and end tag does — raw-text elements, the
//! stack of open elements (implicit closes as a browser does them), line breaks and cells,
//! links and image text, and the declarations that apply to an element.

use super::style::{self, Background, Color, Style};
use super::{attr, Open, Raw, Seen, State, MAX_DEPTH, MAX_SHOWN};
use html5ever::tokenizer::{states::RawKind, Tag, TokenSinkResult};

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
const PARAGRAPH: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6"];
const BLOCK: &[&str] = &[
    "div",
    "tr",
    "li",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "center",
    "address",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "form",
    "fieldset",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "caption",
    "details",
    "summary",
    "legend",
    "listing",
    "textarea",
    "option",
    "body",
];
/// Starting one of these closes an open `<p>`, as in a browser.
const CLOSES_P: &[&str] = &[
    "p",
    "div",
    "table",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "li",
    "dl",
    "address",
    "section",
    "article",
    "header",
    "footer",
    "center",
    "form",
    "fieldset",
    "nav",
    "aside",
    "main",
    "figure",
    "details",
];

pub(super) fn breaks(name: &str) -> usize {
    if PARAGRAPH.contains(&name) {
        2
    } else if BLOCK.contains(&name) {
        1
    } else {
        0
    }
}

impl State {
    pub(super) fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if self.template > 0 || name == "template" {
            self.template += 1;
            return TokenSinkResult::Continue;
        }
        let raw = match name {
            "style" => Some((Raw::Style, RawKind::Rawtext)),
            "script" => Some((Raw::Drop, RawKind::ScriptData)),
            "title" => Some((Raw::Drop, RawKind::Rcdata)),
            "iframe" | "noembed" | "noframes" => Some((Raw::Drop, RawKind::Rawtext)),
            "textarea" => Some((Raw::Show, RawKind::Rcdata)),
            "xmp" => Some((Raw::Show, RawKind::Rawtext)),
            "plaintext" => {
                self.raw = Some((Raw::Show, tag.name.clone()));
                return TokenSinkResult::Plaintext;
            }
            _ => None,
        };
        if let Some((what, kind)) = raw {
            self.raw = Some((what, tag.name.clone()));
            if what == Raw::Show {
                let seen = self.seen();
                self.buf(seen).line(1);
            }
            return TokenSinkResult::RawData(kind);
        }
        self.implicit_close(name);
        let seen = self.seen().child(&self.style_of(tag));
        self.open_effects(tag, seen);
        if VOID.contains(&name) {
            return TokenSinkResult::Continue;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.overflow += 1;
        } else {
            if name == "pre" || name == "listing" {
                self.pre += 1;
            }
            self.stack.push(Open {
                name: tag.name.clone(),
                seen,
            });
        }
        TokenSinkResult::Continue
    }

    /// What a start tag does to the text: line breaks, cells, links, image text.
    fn open_effects(&mut self, tag: &Tag, seen: Seen) {
        let name: &str = &tag.name;
        match name {
            "td" | "th" => self.buf(seen).cell(),
            "br" => {
                let buf = self.buf(seen);
                buf.space = false;
                buf.s.push('\n');
            }
            "a" => {
                self.close_link();
                if let Some(href) = attr(tag, "href") {
                    self.link = Some((href.to_string(), String::new()));
                }
            }
            "area" => {
                if let Some(href) = attr(tag, "href") {
                    let alt = attr(tag, "alt").unwrap_or_default().to_string();
                    self.push_link(href.to_string(), alt);
                }
            }
            "img" => {
                if let Some(alt) = attr(tag, "alt").filter(|a| !a.trim().is_empty()) {
                    let alt = alt.to_string();
                    if let Some((_, shown)) = &mut self.link {
                        if !seen.hidden() && shown.chars().count() < MAX_SHOWN {
                            shown.push(' ');
                            shown.push_str(&alt);
                        }
                    }
                    let buf = self.buf(seen);
                    buf.text(" ", false);
                    buf.text(&alt, false);
                    buf.text(" ", false);
                }
            }
            _ => {
                let n = breaks(name);
                if n > 0 {
                    self.buf(seen).line(n);
                }
            }
        }
    }

    /// The declarations that apply to one element: `<style>` rules by tag and class, old
    /// colour attributes, the `hidden` attribute, then its inline style.
    fn style_of(&self, tag: &Tag) -> Style {
        let mut st = Style::default();
        if let Some(s) = self.sheet.tags.get(&*tag.name) {
            st.merge(s);
        }
        if let Some(classes) = attr(tag, "class") {
            for c in classes.split_ascii_whitespace().take(16) {
                if let Some(s) = self.sheet.classes.get(&c.to_ascii_lowercase()) {
                    st.merge(s);
                }
            }
        }
        for a in &tag.attrs {
            let value: &str = &a.value;
            match &*a.name.local {
                "hidden" => st.gone = true,
                "bgcolor" => {
                    if let Some(c) = style::color(value).filter(|c| *c != Color::Clear) {
                        st.background = Some(Background::Color(c));
                    }
                }
                "background" if !value.trim().is_empty() => {
                    st.background = Some(Background::Unknown)
                }
                "color" | "text" if matches!(&*tag.name, "font" | "body") => {
                    st.color = style::color(value).or(st.color);
                }
                _ => {}
            }
        }
        if let Some(inline) = attr(tag, "style") {
            let mut own = Style::default();
            style::declarations(inline, &mut own);
            st.merge(&own);
        }
        st
    }

    /// Closes what a browser closes before this start tag: an open `<p>` before a block, the
    /// previous `<li>`, cell or row.
    fn implicit_close(&mut self, name: &str) {
        let (targets, scope): (&[&str], &[&str]) = match name {
            "li" => (&["li"], &["ul", "ol", "table", "td", "th"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "tr" => (&["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
            n if CLOSES_P.contains(&n) => (&["p"], &["td", "th", "table", "body", "button"]),
            _ => return,
        };
        let found = self
            .stack
            .iter()
            .rev()
            .take_while(|o| !scope.contains(&&*o.name))
            .position(|o| targets.contains(&&*o.name));
        if let Some(from_top) = found {
            let at = self.stack.len() - 1 - from_top;
            self.pop_to(at);
        }
    }

    /// Pops the stack down to (and including) index `at`, ending each element.
    fn pop_to(&mut self, at: usize) {
        while self.stack.len() > at {
            let Some(open) = self.stack.pop() else {
                break;
            };
            let name: &str = &open.name;
            if name == "pre" || name == "listing" {
                self.pre = self.pre.saturating_sub(1);
            }
            if name == "a" {
                self.close_link();
            }
            let n = breaks(name);
            if n > 0 {
                self.buf(open.seen).line(n);
            }
        }
    }

    pub(super) fn end(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        if self.template > 0 {
            if name == "template" {
                self.template -= 1;
            }
            return;
        }
        if let Some((what, open)) = &self.raw {
            if *open == tag.name {
                if *what == Raw::Style {
                    let css = std::mem::take(&mut self.css);
                    self.sheet.read(&css);
                }
                self.raw = None;
            }
            return;
        }
        if name == "br" {
            let seen = self.seen();
            self.open_effects(tag, seen);
            return;
        }
        if self.overflow > 0 {
            // Past the depth limit an end tag closes an element that was not tracked.
            self.overflow -= 1;
            return;
        }
        match self.stack.iter().rposition(|o| o.name == tag.name) {
            Some(at) => self.pop_to(at),
            None => {
                if name == "a" {
                    self.close_link();
                }
                let n = breaks(name);
                if n > 0 {
                    let seen = self.seen();
                    self.buf(seen).line(n);
                }
            }
        }
    }
}
