//! Load stage: the usual free-text payment terms read into parts of the price.

use super::{By, Due, Part};

/// Reads the usual free-text terms (`100% L/C at sight`, `30% T/T deposit, 70% T/T against
/// copy of B/L`, `D/P at sight`, `D/A 60 days`); `None` unless every part is understood.
pub fn recognise(terms: &str) -> Option<Vec<Part>> {
    let segments: Vec<&str> = terms
        .split([',', ';', '+', '，', '；'])
        .flat_map(|s| s.split(" and "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if segments.is_empty() || segments.len() > 10 {
        return None;
    }
    let mut parts: Vec<Part> = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        let prev = parts.last().map(|p| p.by);
        parts.push(segment(seg, i, segments.len(), prev)?);
    }
    Some(parts)
}

/// One part of free-text terms; a part that names no method takes the previous part's.
fn segment(seg: &str, i: usize, n: usize, prev: Option<By>) -> Option<Part> {
    let low = seg.to_ascii_lowercase();
    let compact: String = low.chars().filter(|c| !c.is_whitespace()).collect();
    let percent = match percent_of(&compact) {
        Some(p) => p,
        None if n == 1 => 100,
        None => return None,
    };
    let has = |w: &[&str]| w.iter().any(|x| compact.contains(x));
    // Short codes only as whole words: `tt` is inside "letter" and "settlement".
    let words: Vec<&str> = low
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .collect();
    let word = |w: &[&str]| words.iter().any(|x| w.contains(x));
    let by = if word(&["l/c", "lc"]) || has(&["letterofcredit", "信用证"]) {
        By::Lc
    } else if word(&["d/p", "dp"]) || has(&["documentsagainstpayment", "付款交单"]) {
        By::Dp
    } else if word(&["d/a", "da"]) || has(&["documentsagainstacceptance", "承兑交单"]) {
        By::Da
    } else if word(&["t/t", "tt", "wire"]) || has(&["telegraphic", "电汇"]) {
        By::Tt
    } else {
        prev?
    };
    let days = days_of(&low);
    let due = match by {
        By::Tt => Some(tt_due(&compact, i)?),
        _ => None,
    };
    if by != By::Tt && days.is_none() && !has(&["sight", "即期"]) && by != By::Dp {
        return None;
    }
    Some(Part {
        percent,
        by,
        due,
        days: days.unwrap_or(0),
        issuing_bank: None,
        advising_bank: None,
    })
}

/// The number before the first `%`.
fn percent_of(compact: &str) -> Option<u32> {
    let at = compact.find('%')?;
    number_at_end(&compact[..at])
}

/// The whole number that ends `s` (`30` of `deposit 30`), if any.
fn number_at_end(s: &str) -> Option<u32> {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()?
        .0;
    s[start..].parse().ok()
}

/// The number before `days` / `天` / `日`, if any.
fn days_of(low: &str) -> Option<u32> {
    let at = ["days", "day", "天", "日"]
        .iter()
        .filter_map(|w| low.find(w))
        .min()?;
    number_at_end(low[..at].trim_end())
}

/// When a T/T part falls due, from its words; a first deposit is due on signing.
fn tt_due(compact: &str, i: usize) -> Option<Due> {
    let has = |w: &[&str]| w.iter().any(|x| compact.contains(x));
    if has(&["b/l", "billoflading", "提单"]) {
        Some(Due::CopyBl)
    } else if has(&[
        "beforeshipment",
        "beforeloading",
        "priortoshipment",
        "装运前",
        "发货前",
    ]) {
        Some(Due::BeforeShipment)
    } else if has(&["arrival", "到港", "到货"]) {
        Some(Due::Arrival)
    } else if has(&["deposit", "advance", "signing", "order", "定金", "预付"]) && i == 0 {
        Some(Due::Signing)
    } else {
        None
    }
}
