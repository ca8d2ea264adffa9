//! Verify stage, reading HTML: what an element's `style` (and its old colour attributes) says
//! about whether its text can be seen — `display:none`, `visibility`, tiny fonts, zero opacity,
//! a box clipped to nothing, colours.
//!
//! Only inline styles and the simple rules of `<style>` blocks are read (mail clients drop
//! most other CSS); the declarations that matter are few and have simple values.

use std::collections::BTreeMap;

/// An sRGB colour; `None` alpha is opaque.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// An opaque colour.
    Rgb(u8, u8, u8),
    /// `transparent` or zero alpha: text in it is not seen.
    Clear,
}

/// A background as far as text colour goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    /// A plain colour.
    Color(Color),
    /// An image or gradient: any text colour may show on it.
    Unknown,
}

/// What one element's declarations say; `None` is "not said here" (inherited).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// `display:none`, `opacity:0`, `mso-hide:all`, a box clipped to nothing, far off-screen:
    /// nothing inside can be seen, whatever the children say.
    pub gone: bool,
    /// `visibility:hidden` (true) or `visible` (false).
    pub invisible: Option<bool>,
    /// A font size of at most 2 px or pt (true), or a readable one (false).
    pub tiny: Option<bool>,
    /// The text colour.
    pub color: Option<Color>,
    /// The background.
    pub background: Option<Background>,
}

/// Most bytes of one `style` attribute read: a real one is far shorter.
const MAX_STYLE: usize = 4096;

/// Reads a `style` attribute's declarations into `st` (later ones win, as in CSS).
pub fn declarations(css: &str, st: &mut Style) {
    let css = &css[..floor(css, MAX_STYLE)];
    let (mut overflow_hidden, mut zero_height) = (false, false);
    for decl in css.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        let value = value.trim_end_matches("!important").trim();
        match prop.as_str() {
            "display" => st.gone |= value == "none",
            "mso-hide" => st.gone |= value == "all",
            "visibility" => st.invisible = Some(value == "hidden" || value == "collapse"),
            "opacity" => st.gone |= number(value).is_some_and(|o| o <= 0.05),
            "font-size" => st.tiny = font_tiny(value),
            "font" => st.tiny = value.split_whitespace().find_map(font_tiny).or(st.tiny),
            "color" => st.color = color(value).or(st.color),
            // A transparent background shows the one behind it.
            "background-color" => match color(value) {
                Some(Color::Clear) | None => {}
                Some(c) => st.background = Some(Background::Color(c)),
            },
            "background" | "background-image" => st.background = background(value),
            "overflow" | "overflow-y" | "overflow-x" => overflow_hidden |= value == "hidden",
            "max-height" | "height" | "max-width" | "width" => {
                zero_height |= length_px(value).is_some_and(|l| l <= 1.0)
            }
            "clip" => st.gone |= value.replace(' ', "") == "rect(0,0,0,0)",
            "left" | "top" | "text-indent" | "margin-left" => {
                st.gone |= length_px(value).is_some_and(|l| l <= -999.0)
            }
            _ => {}
        }
    }
    st.gone |= overflow_hidden && zero_height;
}

fn floor(s: &str, mut at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn number(v: &str) -> Option<f32> {
    v.parse::<f32>().ok().filter(|n| n.is_finite())
}

/// A length in px (`pt` taken as px: both ≤ 2 are unreadable); `0` in any unit is 0.
fn length_px(v: &str) -> Option<f32> {
    let v = v.trim();
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(v.len());
    let (n, unit) = v.split_at(split);
    let n = number(n)?;
    match unit.trim() {
        "" | "px" | "pt" => Some(n),
        _ if n == 0.0 => Some(0.0),
        "em" | "rem" => Some(n * 16.0),
        "%" => Some(n * 0.16),
        _ => None,
    }
}

/// Whether a `font-size` value is unreadably small; keywords are readable.
fn font_tiny(v: &str) -> Option<bool> {
    if v.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return Some(false);
    }
    length_px(v.split('/').next().unwrap_or(v)).map(|px| px <= 2.0)
}

/// A background shorthand: its colour if it has one and no image or gradient.
fn background(v: &str) -> Option<Background> {
    if v.contains("url(") || v.contains("gradient(") {
        return Some(Background::Unknown);
    }
    if v == "none" {
        return None;
    }
    tokens(v)
        .find_map(color)
        .filter(|c| *c != Color::Clear)
        .map(Background::Color)
}

/// Whitespace-separated tokens, keeping `rgb( … )` together.
fn tokens(v: &str) -> impl Iterator<Item = &str> {
    let mut rest = v.trim();
    std::iter::from_fn(move || {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let end = match (rest.find('('), rest.find(char::is_whitespace)) {
            (Some(p), Some(w)) if p < w => rest.find(')').map_or(rest.len(), |e| e + 1),
            (_, Some(w)) => w,
            _ => rest.len(),
        };
        let (t, r) = rest.split_at(end);
        rest = r;
        Some(t)
    })
}

/// A CSS colour: `#rgb`, `#rrggbb` (and with alpha), `rgb()`/`rgba()`, common names.
pub fn color(v: &str) -> Option<Color> {
    let v = v.trim().to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        return hex_color(hex);
    }
    if let Some(args) = v
        .strip_prefix("rgba(")
        .or_else(|| v.strip_prefix("rgb("))
        .and_then(|a| a.strip_suffix(')'))
    {
        let parts: Vec<&str> = args
            .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let channel = |p: &str| -> Option<u8> {
            match p.strip_suffix('%') {
                Some(pc) => number(pc).map(|n| (n.clamp(0.0, 100.0) * 2.55) as u8),
                None => number(p).map(|n| n.clamp(0.0, 255.0) as u8),
            }
        };
        let (r, g, b) = (
            channel(parts.first()?)?,
            channel(parts.get(1)?)?,
            channel(parts.get(2)?)?,
        );
        let alpha = parts.get(3).and_then(|a| match a.strip_suffix('%') {
            Some(pc) => number(pc).map(|n| n / 100.0),
            None => number(a),
        });
        return Some(match alpha {
            Some(a) if a <= 0.05 => Color::Clear,
            _ => Color::Rgb(r, g, b),
        });
    }
    named(&v)
}

fn hex_color(hex: &str) -> Option<Color> {
    let d = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
    let dd = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    match hex.len() {
        3 | 4 => {
            if hex.len() == 4 && d(3)? == 0 {
                return Some(Color::Clear);
            }
            Some(Color::Rgb(d(0)? * 17, d(1)? * 17, d(2)? * 17))
        }
        6 | 8 => {
            if hex.len() == 8 && dd(6)? < 13 {
                return Some(Color::Clear);
            }
            Some(Color::Rgb(dd(0)?, dd(2)?, dd(4)?))
        }
        _ => None,
    }
}

/// The named colours that mail uses, and every near-white one (those hide text on white).
fn named(v: &str) -> Option<Color> {
    let rgb = match v {
        "transparent" => return Some(Color::Clear),
        "white" => (255, 255, 255),
        "snow" => (255, 250, 250),
        "ivory" => (255, 255, 240),
        "ghostwhite" => (248, 248, 255),
        "floralwhite" => (255, 250, 240),
        "whitesmoke" => (245, 245, 245),
        "azure" => (240, 255, 255),
        "mintcream" => (245, 255, 250),
        "honeydew" => (240, 255, 240),
        "seashell" => (255, 245, 238),
        "aliceblue" => (240, 248, 255),
        "oldlace" => (253, 245, 230),
        "linen" => (250, 240, 230),
        "lavenderblush" => (255, 240, 245),
        "black" => (0, 0, 0),
        "red" => (255, 0, 0),
        "green" => (0, 128, 0),
        "blue" => (0, 0, 255),
        "navy" => (0, 0, 128),
        "gray" | "grey" => (128, 128, 128),
        "silver" => (192, 192, 192),
        "yellow" => (255, 255, 0),
        "orange" => (255, 165, 0),
        _ => return None,
    };
    Some(Color::Rgb(rgb.0, rgb.1, rgb.2))
}

/// Whether text in `text` colour cannot be read on `bg` (unset backgrounds are white).
pub fn unreadable(text: Option<Color>, bg: Option<Background>) -> bool {
    let bg = match bg {
        None => Color::Rgb(255, 255, 255),
        Some(Background::Color(c)) => c,
        Some(Background::Unknown) => return text == Some(Color::Clear),
    };
    match (text, bg) {
        (Some(Color::Clear), _) => true,
        (Some(Color::Rgb(r, g, b)), Color::Rgb(br, bg_, bb)) => {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs();
            d(r, br).max(d(g, bg_)).max(d(b, bb)) <= 12
        }
        _ => false,
    }
}

impl Style {
    /// `over`'s declarations on top of these (a later rule or the inline style).
    pub fn merge(&mut self, over: &Style) {
        self.gone |= over.gone;
        self.invisible = over.invisible.or(self.invisible);
        self.tiny = over.tiny.or(self.tiny);
        self.color = over.color.or(self.color);
        self.background = over.background.or(self.background);
    }
}

/// The rules of `<style>` blocks that the reading needs: by class name and by tag name.
#[derive(Debug, Default)]
pub struct Sheet {
    /// `.name { … }` and `tag.name { … }`, by lowercase class name.
    pub classes: BTreeMap<String, Style>,
    /// `tag { … }`, by tag name.
    pub tags: BTreeMap<String, Style>,
}

/// Most rules kept from `<style>` blocks.
const MAX_RULES: usize = 2000;

impl Sheet {
    /// Reads the rules of one `<style>` block with one simple selector (`.x`, `td`, `td.x`),
    /// outside `@media` blocks (those apply to one screen size only).
    pub fn read(&mut self, css: &str) {
        let mut rest = css;
        while let Some(open) = rest.find('{') {
            // The selector follows the last rule, comment or `@import …;`.
            let selector = rest[..open].rsplit([';', '/']).next().unwrap_or("").trim();
            let after = &rest[open + 1..];
            if selector.starts_with('@') {
                rest = &after[block_end(after)..];
                continue;
            }
            let close = after.find('}').unwrap_or(after.len());
            let mut st = Style::default();
            declarations(&after[..close], &mut st);
            for sel in selector.split(',').map(str::trim) {
                self.add(sel, &st);
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
    }

    fn add(&mut self, selector: &str, st: &Style) {
        let simple = |n: &str| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if self.classes.len() + self.tags.len() >= MAX_RULES {
            return;
        }
        let (tag, class) = selector.split_once('.').unwrap_or((selector, ""));
        let map = if !class.is_empty() && (tag.is_empty() || simple(tag)) && simple(class) {
            (&mut self.classes, class)
        } else if class.is_empty() && simple(tag) {
            (&mut self.tags, tag)
        } else {
            return;
        };
        map.0
            .entry(map.1.to_ascii_lowercase())
            .or_default()
            .merge(st);
    }
}

/// Where an at-rule's block ends in `after` (the text after its `{`), nested blocks included.
fn block_end(after: &str) -> usize {
    let mut depth = 1;
    for (i, c) in after.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    after.len()
}
