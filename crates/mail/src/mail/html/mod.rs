//! Verify stage, reading: an HTML part as its reader sees it — the visible text with block
//! boundaries kept (one line per block, table cells of a row on one line), the text hidden
//! from the reader apart, and every link with the text it shows.
//!
//! The html5ever tokenizer does the parsing (entities in text and attributes, raw text of
//! `<style>`/`<script>`/`<title>`, comments); no tree is built. Open elements sit on a small
//! stack (at most [`MAX_DEPTH`]) that carries what decides visibility — `display:none`,
//! `visibility`, tiny fonts, zero opacity, clipped boxes, text colour on its background — so
//! the conversion is one linear pass.

mod style;
mod tags;

use super::Link;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;
use std::cell::RefCell;
use style::{Background, Color, Sheet, Style};

/// Most open elements tracked; deeper ones inherit their parent's visibility.
pub const MAX_DEPTH: usize = 256;
/// Most hidden stretches kept apart; later ones join the last.
const MAX_HIDDEN: usize = 1000;
/// Most characters of a link's shown text kept.
const MAX_SHOWN: usize = 1000;
/// Most bytes of `<style>` text read for rules.
const MAX_CSS: usize = 256 * 1024;

/// One HTML part, converted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Converted {
    /// The text a reader sees (not yet normalised).
    pub text: String,
    /// Stretches of text the reader does not see, in order.
    pub hidden: Vec<String>,
    /// Links (`<a href>`, `<area href>`) with the text they show.
    pub links: Vec<Link>,
    /// Whether links were left out at the limit.
    pub links_cut: bool,
}

/// Converts one HTML document; at most `max_links` links are kept.
pub fn convert(html: &str, max_links: usize) -> Converted {
    let sink = Sink(RefCell::new(State {
        max_links,
        ..State::default()
    }));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks to run a script, so one feed reads everything.
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.0.into_inner();
    st.close_link();
    st.flush_hidden();
    Converted {
        text: st.visible.s,
        hidden: st.hidden,
        links: st.links,
        links_cut: st.links_cut,
    }
}

/// What decides whether text inside an element is seen, inherited down the stack.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    gone: bool,
    invisible: bool,
    tiny: bool,
    color: Option<Color>,
    background: Option<Background>,
}

impl Seen {
    fn child(self, st: &Style) -> Seen {
        Seen {
            gone: self.gone || st.gone,
            invisible: st.invisible.unwrap_or(self.invisible),
            tiny: st.tiny.unwrap_or(self.tiny),
            color: st.color.or(self.color),
            background: st.background.or(self.background),
        }
    }

    fn hidden(self) -> bool {
        self.gone || self.invisible || self.tiny || style::unreadable(self.color, self.background)
    }
}

struct Open {
    name: LocalName,
    seen: Seen,
}

/// What the text of a raw-text element is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    /// `<style>`: read for its rules.
    Style,
    /// `<script>`, `<title>`, `<iframe>`…: dropped.
    Drop,
    /// `<textarea>`, `<xmp>`: shown.
    Show,
}

#[derive(Default)]
struct State {
    visible: Buf,
    hidden_buf: Buf,
    hidden: Vec<String>,
    stack: Vec<Open>,
    /// Elements opened past `MAX_DEPTH`, not tracked.
    overflow: usize,
    /// Inside `<template>` (its content is never shown).
    template: usize,
    raw: Option<(Raw, LocalName)>,
    css: String,
    sheet: Sheet,
    /// Open `<pre>`-like elements: whitespace is kept.
    pre: usize,
    link: Option<(String, String)>,
    links: Vec<Link>,
    links_cut: bool,
    max_links: usize,
}

/// Text being built with HTML's whitespace rule: runs collapse to one space, held back until
/// the next character so that nothing trails a line.
#[derive(Default)]
struct Buf {
    s: String,
    space: bool,
}

impl Buf {
    fn text(&mut self, t: &str, pre: bool) {
        for c in t.chars() {
            match c {
                '\n' if pre => {
                    self.s.push('\n');
                    self.space = false;
                }
                ' ' | '\t' | '\n' | '\r' | '\u{0C}' => self.space = true,
                c => {
                    if self.space && !self.s.is_empty() && !self.s.ends_with(['\n', '\t']) {
                        self.s.push(' ');
                    }
                    self.space = false;
                    self.s.push(c);
                }
            }
        }
    }

    /// Ends the line: at least `n` newlines end the text (unless it is empty).
    fn line(&mut self, n: usize) {
        self.space = false;
        if self.s.is_empty() {
            return;
        }
        let have = self.s.len() - self.s.trim_end_matches('\n').len();
        for _ in have..n {
            self.s.push('\n');
        }
    }

    /// A table cell: cells of one row stay on one line, a tab apart.
    fn cell(&mut self) {
        self.space = false;
        if !self.s.is_empty() && !self.s.ends_with(['\n', '\t']) {
            self.s.push('\t');
        }
    }
}

impl State {
    fn seen(&self) -> Seen {
        self.stack.last().map(|o| o.seen).unwrap_or_default()
    }

    /// The buffer text in the current element goes to.
    fn buf(&mut self, seen: Seen) -> &mut Buf {
        if seen.hidden() {
            &mut self.hidden_buf
        } else {
            &mut self.visible
        }
    }

    fn text(&mut self, t: &str) {
        if self.template > 0 {
            return;
        }
        match self.raw {
            Some((Raw::Style, _)) => {
                if self.css.len() + t.len() <= MAX_CSS {
                    self.css.push_str(t);
                }
                return;
            }
            Some((Raw::Drop, _)) => return,
            _ => {}
        }
        let seen = self.seen();
        let pre = self.pre > 0 || self.raw.is_some();
        if !seen.hidden() && t.chars().any(|c| !c.is_ascii_whitespace()) {
            self.flush_hidden();
            if let Some((_, shown)) = &mut self.link {
                if shown.chars().count() < MAX_SHOWN {
                    shown.push_str(t);
                }
            }
        }
        self.buf(seen).text(t, pre);
    }

    /// Ends the hidden stretch being built (a visible character follows, or the end).
    fn flush_hidden(&mut self) {
        let h = std::mem::take(&mut self.hidden_buf.s);
        self.hidden_buf.space = false;
        if h.trim().is_empty() {
            return;
        }
        let full = self.hidden.len() >= MAX_HIDDEN;
        match self.hidden.last_mut() {
            Some(last) if full => {
                last.push(' ');
                last.push_str(&h);
            }
            _ => self.hidden.push(h),
        }
    }

    fn close_link(&mut self) {
        let Some((target, shown)) = self.link.take() else {
            return;
        };
        self.push_link(target, shown);
    }

    fn push_link(&mut self, target: String, shown: String) {
        // Browsers drop tabs and line breaks anywhere in a URL and trim its ends.
        let target: String = target
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let target = target.trim_matches(|c: char| c <= ' ').to_string();
        if target.is_empty() || target.starts_with('#') {
            return;
        }
        if self.links.len() >= self.max_links {
            self.links_cut = true;
            return;
        }
        let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        self.links.push(Link { shown, target });
    }
}

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return st.start(&tag),
                TagKind::EndTag => st.end(&tag),
            },
            Token::CharacterTokens(t) => st.text(&t),
            // Comments (and Outlook's conditional blocks inside them), doctypes, NUL
            // characters and parse errors show nothing.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}
