//! Select stage: clause conditions (`when: channels.platform and not facts.bilingual`).
//!
//! A tiny expression language over the template data: names, `"strings"`, numbers,
//! `true`/`false`, comparisons, `not`, `and`, `or` and parentheses. Names are checked
//! against the data before evaluation, so a typo is an error rather than a dropped clause.

use crate::context::{lookup, Lookup};
use serde_yaml::Value as Yaml;

/// A parsed condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A name in the template data.
    Name(String),
    /// A literal value.
    Lit(Lit),
    /// Negation.
    Not(Box<Expr>),
    /// Both sides true.
    And(Box<Expr>, Box<Expr>),
    /// Either side true.
    Or(Box<Expr>, Box<Expr>),
    /// A comparison.
    Cmp(Box<Expr>, CmpOp, Box<Expr>),
}

/// A literal in a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// `"text"`.
    Str(String),
    /// A number.
    Num(f64),
    /// `true` / `false`.
    Bool(bool),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Str(String),
    Num(f64),
    Op(CmpOp),
    LParen,
    RParen,
}

fn lex(s: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' => i += 1,
            '(' => {
                out.push(Tok::LParen);
                i += 1;
            }
            ')' => {
                out.push(Tok::RParen);
                i += 1;
            }
            '"' | '\'' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|x| *x == c)
                    .ok_or("unterminated string")?;
                out.push(Tok::Str(chars[i + 1..i + 1 + end].iter().collect()));
                i += end + 2;
            }
            '=' | '!' | '<' | '>' => {
                let next = chars.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    ('=', Some('=')) => (CmpOp::Eq, 2),
                    ('!', Some('=')) => (CmpOp::Ne, 2),
                    ('<', Some('=')) => (CmpOp::Le, 2),
                    ('>', Some('=')) => (CmpOp::Ge, 2),
                    ('<', _) => (CmpOp::Lt, 1),
                    ('>', _) => (CmpOp::Gt, 1),
                    _ => return Err(format!("unexpected `{c}`; use `==`, `!=` or `not`")),
                };
                out.push(Tok::Op(op));
                i += len;
            }
            c if c.is_ascii_digit() || c == '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let t: String = chars[start..i].iter().collect();
                out.push(Tok::Num(
                    t.parse().map_err(|_| format!("`{t}` is not a number"))?,
                ));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
                {
                    i += 1;
                }
                out.push(Tok::Name(chars[start..i].iter().collect()));
            }
            other => return Err(format!("unexpected `{other}`")),
        }
    }
    Ok(out)
}

struct P {
    toks: Vec<Tok>,
    pos: usize,
}

impl P {
    fn peek_name(&self, kw: &str) -> bool {
        matches!(self.toks.get(self.pos), Some(Tok::Name(n)) if n == kw)
    }
    fn or(&mut self) -> Result<Expr, String> {
        let mut e = self.and()?;
        while self.peek_name("or") {
            self.pos += 1;
            e = Expr::Or(Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut e = self.not()?;
        while self.peek_name("and") {
            self.pos += 1;
            e = Expr::And(Box::new(e), Box::new(self.not()?));
        }
        Ok(e)
    }
    fn not(&mut self) -> Result<Expr, String> {
        if self.peek_name("not") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Result<Expr, String> {
        let left = self.atom()?;
        if let Some(Tok::Op(op)) = self.toks.get(self.pos).cloned() {
            self.pos += 1;
            let right = self.atom()?;
            return Ok(Expr::Cmp(Box::new(left), op, Box::new(right)));
        }
        Ok(left)
    }
    fn atom(&mut self) -> Result<Expr, String> {
        let t = self
            .toks
            .get(self.pos)
            .cloned()
            .ok_or("the condition ends too early")?;
        self.pos += 1;
        Ok(match t {
            Tok::LParen => {
                let e = self.or()?;
                if self.toks.get(self.pos) != Some(&Tok::RParen) {
                    return Err("missing `)`".into());
                }
                self.pos += 1;
                e
            }
            Tok::Str(s) => Expr::Lit(Lit::Str(s)),
            Tok::Num(n) => Expr::Lit(Lit::Num(n)),
            Tok::Name(n) if n == "true" => Expr::Lit(Lit::Bool(true)),
            Tok::Name(n) if n == "false" => Expr::Lit(Lit::Bool(false)),
            Tok::Name(n) if ["and", "or", "not"].contains(&n.as_str()) => {
                return Err(format!("`{n}` needs a name or value before it"))
            }
            Tok::Name(n) => Expr::Name(n),
            Tok::RParen => return Err("unexpected `)`".into()),
            Tok::Op(_) => return Err("a comparison needs a name or value on its left".into()),
        })
    }
}

/// Most words, values, operators and parentheses a condition may have. The parser,
/// evaluation and drop recurse over the tree, so this also bounds their depth
/// (a hostile `((((…` or `not not not …` would otherwise overflow the stack).
pub const MAX_TOKENS: usize = 100;

/// Parses a condition.
pub fn parse(s: &str) -> Result<Expr, String> {
    let toks = lex(s)?;
    if toks.is_empty() {
        return Err("the condition is empty".into());
    }
    if toks.len() > MAX_TOKENS {
        return Err(format!(
            "the condition is too long ({} parts, at most {MAX_TOKENS}); \
             split the clause or simplify the condition",
            toks.len()
        ));
    }
    let mut p = P { toks, pos: 0 };
    let e = p.or()?;
    if p.pos != p.toks.len() {
        return Err(
            "unexpected text after the condition; join conditions with `and` / `or`".into(),
        );
    }
    Ok(e)
}

impl Expr {
    /// Every name the condition reads.
    pub fn names(&self) -> Vec<&str> {
        let mut v = Vec::new();
        self.walk(&mut v);
        v
    }

    fn walk<'a>(&'a self, v: &mut Vec<&'a str>) {
        match self {
            Expr::Name(n) => v.push(n),
            Expr::Lit(_) => {}
            Expr::Not(e) => e.walk(v),
            Expr::And(a, b) | Expr::Or(a, b) | Expr::Cmp(a, _, b) => {
                a.walk(v);
                b.walk(v);
            }
        }
    }

    /// Evaluates the condition over the template data.
    pub fn eval(&self, data: &Yaml) -> bool {
        truthy(&self.value(data))
    }

    fn value(&self, data: &Yaml) -> Yaml {
        match self {
            Expr::Name(n) => match lookup(data, n) {
                Lookup::Found(v) => v.clone(),
                _ => Yaml::Null,
            },
            Expr::Lit(Lit::Str(s)) => Yaml::String(s.clone()),
            Expr::Lit(Lit::Num(n)) => Yaml::Number((*n).into()),
            Expr::Lit(Lit::Bool(b)) => Yaml::Bool(*b),
            Expr::Not(e) => Yaml::Bool(!e.eval(data)),
            Expr::And(a, b) => Yaml::Bool(a.eval(data) && b.eval(data)),
            Expr::Or(a, b) => Yaml::Bool(a.eval(data) || b.eval(data)),
            Expr::Cmp(a, op, b) => Yaml::Bool(compare(&a.value(data), *op, &b.value(data))),
        }
    }
}

fn truthy(v: &Yaml) -> bool {
    match v {
        Yaml::Null => false,
        Yaml::Bool(b) => *b,
        Yaml::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Yaml::String(s) => !s.is_empty(),
        Yaml::Sequence(s) => !s.is_empty(),
        Yaml::Mapping(m) => !m.is_empty(),
        Yaml::Tagged(t) => truthy(&t.value),
    }
}

fn compare(a: &Yaml, op: CmpOp, b: &Yaml) -> bool {
    use std::cmp::Ordering;
    let ord = match (a, b) {
        (Yaml::Number(x), Yaml::Number(y)) => x
            .as_f64()
            .zip(y.as_f64())
            .and_then(|(x, y)| x.partial_cmp(&y)),
        (Yaml::String(x), Yaml::String(y)) => Some(x.cmp(y)),
        (Yaml::Bool(x), Yaml::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    };
    match (op, ord) {
        (CmpOp::Eq, o) => o == Some(Ordering::Equal),
        (CmpOp::Ne, o) => o != Some(Ordering::Equal),
        (CmpOp::Lt, Some(o)) => o == Ordering::Less,
        (CmpOp::Le, Some(o)) => o != Ordering::Greater,
        (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
        (CmpOp::Ge, Some(o)) => o != Ordering::Less,
        (_, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Yaml {
        serde_yaml::from_str(
            "channels: {platform: {name: Trello}, im_group: null}\nfacts: {bilingual: true, buyer_in_eea: false}\nterms: {approvers: 2}\nbuyer: {country: SE}\n",
        )
        .unwrap()
    }

    fn eval(s: &str) -> bool {
        parse(s).unwrap().eval(&data())
    }

    #[test]
    fn presence_negation_and_logic() {
        assert!(eval("channels.platform"));
        assert!(!eval("channels.im_group"));
        assert!(eval("not channels.im_group"));
        assert!(eval("facts.bilingual and not facts.buyer_in_eea"));
        assert!(eval("channels.im_group or channels.platform"));
        assert!(!eval("not (channels.platform or channels.im_group)"));
    }

    #[test]
    fn comparisons() {
        assert!(eval("terms.approvers >= 2"));
        assert!(!eval("terms.approvers > 2"));
        assert!(eval("buyer.country == \"SE\" or buyer.country == 'NO'"));
        assert!(eval("buyer.country != \"DE\""));
        assert!(eval("facts.bilingual == true"));
    }

    #[test]
    fn syntax_errors_are_explained() {
        assert!(parse("").is_err());
        assert!(parse("a and").is_err());
        assert!(parse("(a or b").is_err());
        assert!(parse("a = 1").unwrap_err().contains("=="));
        assert!(parse("a b").unwrap_err().contains("and"));
    }

    #[test]
    fn overlong_conditions_are_refused_before_parsing() {
        // Each of these overflowed the stack before the limit existed.
        let deep_parens = format!("{}true{}", "(".repeat(100_000), ")".repeat(100_000));
        let deep_not = format!("{}true", "not ".repeat(100_000));
        let long_and = format!("true{}", " and true".repeat(100_000));
        for s in [deep_parens, deep_not, long_and] {
            let err = parse(&s).unwrap_err();
            assert!(err.contains("too long"), "{err}");
        }
        // The limit leaves room for real conditions.
        let ok = format!("{}true{}", "(".repeat(30), ")".repeat(30));
        assert!(eval(&ok));
        let ok = format!("true{}", " and true".repeat(49));
        assert!(eval(&ok));
    }

    #[test]
    fn names_are_listed() {
        assert_eq!(parse("a.b and not (c == 1)").unwrap().names(), ["a.b", "c"]);
    }
}
