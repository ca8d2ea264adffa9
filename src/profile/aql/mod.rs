//! Load stage: ISO 2859-1 single sampling, normal inspection — the week file's inspection
//! plans are checked against it here, and the report prints the plans it resolves.
//!
//! Implements ISO 2859-1 (identical to ANSI/ASQ Z1.4 and the former MIL-STD-105E),
//! single sampling plans for normal inspection:
//!
//! * Table 1 — sample size code letter from the lot size and the inspection level
//!   (general levels I, II, III; special levels S-1 … S-4).
//! * Table 2-A — the master table: code letter → sample size n, and for each AQL
//!   either an acceptance/rejection pair (Ac/Re) or an arrow.
//!
//! **Arrow rule.** An arrow cell carries no plan of its own: ↓ means "use the first
//! sampling plan below the arrow", ↑ means "use the first sampling plan above the
//! arrow". Following an arrow moves to another code letter, and the sample size
//! *and* Ac/Re are those of that letter, so one inspection may use different sample
//! sizes for different AQLs (defect classes). If the sample size so reached equals or
//! exceeds the lot size, the whole lot is inspected (n = lot size), keeping the Ac/Re
//! of the plan used (ISO 2859-1, note to Table 2-A).

/// Inspection level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// General inspection level I (reduced discrimination).
    I,
    /// General inspection level II (the default level).
    II,
    /// General inspection level III (increased discrimination).
    III,
    /// Special inspection level S-1.
    S1,
    /// Special inspection level S-2.
    S2,
    /// Special inspection level S-3.
    S3,
    /// Special inspection level S-4.
    S4,
}

impl Level {
    /// Parses "I", "II", "III", "S-1" … "S-4" (also "S1" … "S4"), case-insensitive.
    pub fn parse(s: &str) -> Option<Level> {
        match s.trim().to_ascii_uppercase().as_str() {
            "I" => Some(Level::I),
            "II" => Some(Level::II),
            "III" => Some(Level::III),
            "S-1" | "S1" => Some(Level::S1),
            "S-2" | "S2" => Some(Level::S2),
            "S-3" | "S3" => Some(Level::S3),
            "S-4" | "S4" => Some(Level::S4),
            _ => None,
        }
    }

    /// Label as printed in the standard, e.g. "II" or "S-3".
    pub fn label(self) -> &'static str {
        match self {
            Level::I => "I",
            Level::II => "II",
            Level::III => "III",
            Level::S1 => "S-1",
            Level::S2 => "S-2",
            Level::S3 => "S-3",
            Level::S4 => "S-4",
        }
    }

    /// Column of Table 1 for this level.
    fn table1_column(self) -> &'static [u8; 15] {
        match self {
            Level::S1 => TABLE_1[0],
            Level::S2 => TABLE_1[1],
            Level::S3 => TABLE_1[2],
            Level::S4 => TABLE_1[3],
            Level::I => TABLE_1[4],
            Level::II => TABLE_1[5],
            Level::III => TABLE_1[6],
        }
    }
}

/// Upper bounds of the Table 1 lot size ranges 2–8 … 150001–500000; the 15th range is
/// "500001 and over".
const LOT_UPPER: [u32; 14] = [
    8, 15, 25, 50, 90, 150, 280, 500, 1200, 3200, 10_000, 35_000, 150_000, 500_000,
];

/// Table 1, one string per level (S-1, S-2, S-3, S-4, I, II, III); the k-th byte is the
/// code letter for the k-th lot size range.
const TABLE_1: [&[u8; 15]; 7] = [
    b"AAAABBBBCCCCDDD", // S-1
    b"AAABBBCCCDDDEEE", // S-2
    b"AABBCCDDEEFFGGH", // S-3
    b"AABCCDEEFGGHJJK", // S-4
    b"AABCCDEFGHJKLMN", // I
    b"ABCDEFGHJKLMNPQ", // II
    b"BCDEFGHJKLMNPQR", // III
];

/// Sample size code letters (I and O are not used by the standard).
const LETTERS: [char; 16] = [
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R',
];

/// Sample size for each code letter of Table 2-A.
const SAMPLE_SIZES: [u32; 16] = [
    2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000,
];

/// AQL columns of Table 2-A (percent nonconforming or nonconformities per 100 units).
const AQL_VALUES: [f64; 26] = [
    0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10.0,
    15.0, 25.0, 40.0, 65.0, 100.0, 150.0, 250.0, 400.0, 650.0, 1000.0,
];

/// The AQL column headings as printed, used in error messages.
const AQL_LABELS: [&str; 26] = [
    "0.010", "0.015", "0.025", "0.040", "0.065", "0.10", "0.15", "0.25", "0.40", "0.65", "1.0",
    "1.5", "2.5", "4.0", "6.5", "10", "15", "25", "40", "65", "100", "150", "250", "400", "650",
    "1000",
];

/// Table 2-A cell: ↓ — use the first sampling plan below the arrow.
const D: i8 = -1;
/// Table 2-A cell: ↑ — use the first sampling plan above the arrow.
const U: i8 = -2;

/// Table 2-A, single sampling plans for normal inspection (master table).
///
/// Rows are code letters A…R, columns the 26 AQLs of `AQL_VALUES`. A non-negative cell
/// is the acceptance number Ac (Re is always Ac + 1 in this table); `D`/`U` are the
/// arrows. Structure, for checking against the printed table: along each column the
/// plans step Ac 0, 1, 2, 3, 5, 7, 10, 14, 21 (30, 44 only in rows A–E) one letter at a
/// time; between the 0/1 plan and the 1/2 plan lie exactly two arrow cells, ↑ (directly
/// below 0/1) then ↓ (directly above 1/2); cells above a column's first plan are ↓ and
/// cells below its last plan are ↑.
///
/// Two edge cells cannot follow the "↑ then ↓" gap pattern because the table ends there:
/// A/10 (nothing above: no 0/1 plan exists for AQL 10, so ↓ to C, n = 5, 1/2) and
/// R/0.015 (nothing below: the 1/2 plan would need a letter after R, so ↑ to P,
/// n = 800, 0/1). Both are encoded as the only direction that reaches a plan.
#[rustfmt::skip]
const TABLE_2A: [[i8; 26]; 16] = [
    //        .010 .015 .025 .040 .065 .10 .15 .25 .40 .65 1.0 1.5 2.5 4.0 6.5  10  15  25  40  65 100 150 250 400 650 1000
    /* A    2 */ [D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  0,  D,  D,  1,  2,  3,  5,  7, 10, 14, 21, 30],
    /* B    3 */ [D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21, 30, 44],
    /* C    5 */ [D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21, 30, 44,  U],
    /* D    8 */ [D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21, 30, 44,  U,  U],
    /* E   13 */ [D,  D,  D,  D,  D,  D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21, 30, 44,  U,  U,  U],
    /* F   20 */ [D,  D,  D,  D,  D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U],
    /* G   32 */ [D,  D,  D,  D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U],
    /* H   50 */ [D,  D,  D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U],
    /* J   80 */ [D,  D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U,  U],
    /* K  125 */ [D,  D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U],
    /* L  200 */ [D,  D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U],
    /* M  315 */ [D,  D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U],
    /* N  500 */ [D,  D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U],
    /* P  800 */ [D,  0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U],
    /* Q 1250 */ [0,  U,  D,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U],
    /* R 2000 */ [U,  U,  1,  2,  3,  5,  7, 10, 14, 21,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U,  U],
];

/// Sample size code letter from Table 1, e.g. 'J'; `None` for lot sizes below 2.
pub fn code_letter(lot_size: u32, level: Level) -> Option<char> {
    if lot_size < 2 {
        return None;
    }
    let range = LOT_UPPER
        .iter()
        .position(|&upper| lot_size <= upper)
        .unwrap_or(LOT_UPPER.len());
    level.table1_column().get(range).map(|&b| b as char)
}

/// One sampling plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Code letter actually used, after following arrows.
    pub letter: char,
    /// Number of units to inspect (capped at the lot size by [`evaluate`]).
    pub sample_size: u32,
    /// Acceptance number Ac: accept when defects found ≤ Ac.
    pub accept: u32,
    /// Rejection number Re: reject when defects found ≥ Re.
    pub reject: u32,
}

/// Row index of a code letter in Table 2-A (case-insensitive).
fn letter_index(letter: char) -> Option<usize> {
    let upper = letter.to_ascii_uppercase();
    LETTERS.iter().position(|&l| l == upper)
}

/// Column index of an AQL in Table 2-A, matched with a small relative tolerance.
fn aql_index(aql: f64) -> Option<usize> {
    if !aql.is_finite() || aql <= 0.0 {
        return None;
    }
    AQL_VALUES
        .iter()
        .position(|&v| ((aql - v) / v).abs() < 1e-6)
}

/// Error message for an AQL that is not a column of Table 2-A.
fn aql_error(aql: f64) -> String {
    format!(
        "AQL {aql:?} is not in the ISO 2859-1 table; use one of {}",
        AQL_LABELS.join(", ")
    )
}

/// The plan for one AQL value at a code letter, arrows followed; `Err` when the letter
/// or the AQL is not in Table 2-A.
pub fn plan(letter: char, aql: f64) -> Result<Plan, String> {
    let row = letter_index(letter).ok_or_else(|| {
        format!("sample size code letter {letter:?} is not in ISO 2859-1; use one of A–H, J–N, P–R")
    })?;
    let col = aql_index(aql).ok_or_else(|| aql_error(aql))?;
    resolve(row, col)
}

/// Follows the arrow (if any) in cell (`row`, `col`) to the first plan in that direction.
fn resolve(row: usize, col: usize) -> Result<Plan, String> {
    let cell = |r: usize| TABLE_2A.get(r).and_then(|cells| cells.get(col)).copied();
    let found = match cell(row) {
        Some(ac) if ac >= 0 => Some(row),
        Some(D) => (row + 1..TABLE_2A.len()).find(|&r| cell(r).is_some_and(|c| c >= 0)),
        Some(U) => (0..row).rev().find(|&r| cell(r).is_some_and(|c| c >= 0)),
        _ => None,
    };
    let plan_row = found.ok_or_else(|| {
        format!("ISO 2859-1 table has no plan for cell {row}/{col} (internal table error)")
    })?;
    let accept = cell(plan_row).map_or(0, |c| c.max(0) as u32);
    Ok(Plan {
        letter: LETTERS[plan_row],
        sample_size: SAMPLE_SIZES[plan_row],
        accept,
        reject: accept + 1,
    })
}

/// Result for one defect class (critical, major or minor).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassResult {
    /// AQL of this class as given (0 for zero-tolerance critical).
    pub aql: f64,
    /// Plan used, with the sample size capped at the lot size.
    pub plan: Plan,
    /// Defects found in the sample.
    pub found: u32,
    /// True when `found` ≤ Ac.
    pub pass: bool,
}

/// Full evaluation for one inspection.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Code letter from Table 1 (before any arrow).
    pub letter: char,
    /// Lot size inspected.
    pub lot_size: u32,
    /// Critical defects.
    pub critical: ClassResult,
    /// Major defects.
    pub major: ClassResult,
    /// Minor defects.
    pub minor: ClassResult,
    /// PASS when every class passes.
    pub pass: bool,
}

/// Evaluates one inspection: `aql` and `found` are [critical, major, minor]; critical
/// AQL 0 means zero tolerance.
pub fn evaluate(
    lot_size: u32,
    level: Level,
    aql: [f64; 3],
    found: [u32; 3],
) -> Result<Evaluation, String> {
    let letter = code_letter(lot_size, level).ok_or_else(|| {
        format!("lot size {lot_size} is too small for ISO 2859-1 sampling (minimum 2)")
    })?;
    let critical = class_result("critical", letter, lot_size, aql[0], found[0], true)?;
    let major = class_result("major", letter, lot_size, aql[1], found[1], false)?;
    let minor = class_result("minor", letter, lot_size, aql[2], found[2], false)?;
    let pass = critical.pass && major.pass && minor.pass;
    Ok(Evaluation {
        letter,
        lot_size,
        critical,
        major,
        minor,
        pass,
    })
}

/// Plan and verdict for one defect class.
fn class_result(
    class: &str,
    letter: char,
    lot_size: u32,
    aql: f64,
    found: u32,
    zero_tolerance_allowed: bool,
) -> Result<ClassResult, String> {
    let mut p = if zero_tolerance_allowed && aql == 0.0 {
        // AQL 0 is not a column of ISO 2859-1 (the standard has no "zero" AQL). Common
        // industry practice for critical defects is zero tolerance: Ac 0 / Re 1 on the
        // sample size of the lot's own code letter (no arrows involved).
        let row = letter_index(letter)
            .ok_or_else(|| format!("{class} defects: unknown code letter {letter:?}"))?;
        Plan {
            letter: LETTERS[row],
            sample_size: SAMPLE_SIZES[row],
            accept: 0,
            reject: 1,
        }
    } else {
        plan(letter, aql).map_err(|e| format!("{class} defects: {e}"))?
    };
    // ISO 2859-1: if the sample size equals or exceeds the lot size, inspect 100 %.
    if p.sample_size >= lot_size {
        p.sample_size = lot_size;
    }
    Ok(ClassResult {
        aql,
        plan: p,
        found,
        pass: found <= p.accept,
    })
}

#[cfg(test)]
mod tests;
