//! Render stage: ISO 2859-1 single sampling, normal inspection (acceptance sampling for the report).
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
mod tests {
    use super::*;

    /// Shorthand: expected plan.
    fn pl(letter: char, n: u32, ac: u32) -> Plan {
        Plan {
            letter,
            sample_size: n,
            accept: ac,
            reject: ac + 1,
        }
    }

    #[test]
    fn level_parse_and_label() {
        assert_eq!(Level::parse("II"), Some(Level::II));
        assert_eq!(Level::parse("iii"), Some(Level::III));
        assert_eq!(Level::parse(" i "), Some(Level::I));
        assert_eq!(Level::parse("S-3"), Some(Level::S3));
        assert_eq!(Level::parse("s-1"), Some(Level::S1));
        assert_eq!(Level::parse("S4"), Some(Level::S4));
        assert_eq!(Level::parse("s2"), Some(Level::S2));
        assert_eq!(Level::parse("IV"), None);
        assert_eq!(Level::parse("S-5"), None);
        assert_eq!(Level::parse(""), None);
        for l in [
            Level::I,
            Level::II,
            Level::III,
            Level::S1,
            Level::S2,
            Level::S3,
            Level::S4,
        ] {
            assert_eq!(Level::parse(l.label()), Some(l));
        }
        assert_eq!(Level::S3.label(), "S-3");
        assert_eq!(Level::II.label(), "II");
    }

    #[test]
    fn code_letter_general_level_anchors() {
        assert_eq!(code_letter(3000, Level::II), Some('K'));
        assert_eq!(code_letter(1200, Level::II), Some('J'));
        assert_eq!(code_letter(500, Level::II), Some('H'));
        assert_eq!(code_letter(2, Level::II), Some('A'));
        assert_eq!(code_letter(8, Level::III), Some('B'));
        assert_eq!(code_letter(9, Level::I), Some('A'));
        assert_eq!(code_letter(16, Level::I), Some('B'));
    }

    #[test]
    fn code_letter_range_boundaries() {
        assert_eq!(code_letter(3200, Level::I), Some('H'));
        assert_eq!(code_letter(3201, Level::I), Some('J'));
        assert_eq!(code_letter(150_000, Level::I), Some('L'));
        assert_eq!(code_letter(150_001, Level::I), Some('M'));
        assert_eq!(code_letter(500_000, Level::II), Some('P'));
        assert_eq!(code_letter(500_001, Level::II), Some('Q'));
    }

    #[test]
    fn code_letter_special_levels() {
        // Table 1 rows 26–50, 281–500, 35001–150000: S-1 S-2 S-3 S-4 I II III.
        let levels = [
            Level::S1,
            Level::S2,
            Level::S3,
            Level::S4,
            Level::I,
            Level::II,
            Level::III,
        ];
        for (lot, row) in [(50, "ABBCCDE"), (281, "BCDEFHJ"), (100_000, "DEGJLNP")] {
            let got: String = levels
                .iter()
                .map(|&l| code_letter(lot, l).unwrap())
                .collect();
            assert_eq!(got, row, "lot {lot}");
        }
        assert_eq!(code_letter(50, Level::S3), Some('B'));
    }

    #[test]
    fn code_letter_huge_and_tiny_lots() {
        assert_eq!(code_letter(u32::MAX, Level::III), Some('R'));
        assert_eq!(code_letter(u32::MAX, Level::II), Some('Q'));
        assert_eq!(code_letter(1_000_000, Level::S1), Some('D'));
        assert_eq!(code_letter(1_000_000, Level::S3), Some('H'));
        assert_eq!(code_letter(1, Level::II), None);
        assert_eq!(code_letter(0, Level::S4), None);
    }

    #[test]
    fn plan_k_anchors() {
        assert_eq!(plan('K', 2.5), Ok(pl('K', 125, 7)));
        assert_eq!(plan('K', 4.0), Ok(pl('K', 125, 10)));
        assert_eq!(plan('K', 1.0), Ok(pl('K', 125, 3)));
        assert_eq!(plan('K', 0.65), Ok(pl('K', 125, 2)));
        assert_eq!(plan('K', 0.10), Ok(pl('K', 125, 0)));
        assert_eq!(plan('K', 10.0), Ok(pl('K', 125, 21)));
    }

    #[test]
    fn plan_j_and_h_anchors() {
        assert_eq!(plan('J', 2.5), Ok(pl('J', 80, 5)));
        assert_eq!(plan('J', 1.0), Ok(pl('J', 80, 2)));
        assert_eq!(plan('H', 1.5), Ok(pl('H', 50, 2)));
        assert_eq!(plan('H', 4.0), Ok(pl('H', 50, 5)));
        assert_eq!(plan('H', 6.5), Ok(pl('H', 50, 7)));
        assert_eq!(plan('H', 10.0), Ok(pl('H', 50, 10)));
        assert_eq!(plan('H', 15.0), Ok(pl('H', 50, 14)));
    }

    #[test]
    fn arrow_down_from_letter_a() {
        // The 0/1 plans form a diagonal: AQL 1.0 → E (13), 2.5 → C (5), 4.0 → B (3),
        // 6.5 → A (2), 0.065 → L (200), 0.010 → Q (1250).
        assert_eq!(plan('A', 1.0), Ok(pl('E', 13, 0)));
        assert_eq!(plan('A', 2.5), Ok(pl('C', 5, 0)));
        assert_eq!(plan('A', 4.0), Ok(pl('B', 3, 0)));
        assert_eq!(plan('A', 6.5), Ok(pl('A', 2, 0)));
        assert_eq!(plan('A', 0.065), Ok(pl('L', 200, 0)));
        assert_eq!(plan('A', 0.010), Ok(pl('Q', 1250, 0)));
        assert_eq!(plan('C', 1.5), Ok(pl('D', 8, 0)));
    }

    #[test]
    fn arrow_down_in_gap_to_one_two() {
        // Cell directly above the 1/2 plan points down.
        assert_eq!(plan('E', 2.5), Ok(pl('F', 20, 1)));
        assert_eq!(plan('H', 0.65), Ok(pl('J', 80, 1)));
        assert_eq!(plan('C', 6.5), Ok(pl('D', 8, 1)));
        assert_eq!(plan('N', 0.065), Ok(pl('P', 800, 1)));
    }

    #[test]
    fn arrow_up_in_gap_to_zero_one() {
        // Cell directly below the 0/1 plan points up.
        assert_eq!(plan('G', 0.65), Ok(pl('F', 20, 0)));
        assert_eq!(plan('D', 2.5), Ok(pl('C', 5, 0)));
        assert_eq!(plan('K', 0.15), Ok(pl('J', 80, 0)));
        assert_eq!(plan('B', 6.5), Ok(pl('A', 2, 0)));
        assert_eq!(plan('J', 0.25), Ok(pl('H', 50, 0)));
    }

    #[test]
    fn arrow_up_below_last_plan() {
        assert_eq!(plan('L', 10.0), Ok(pl('K', 125, 21)));
        assert_eq!(plan('R', 1.0), Ok(pl('Q', 1250, 21)));
        assert_eq!(plan('F', 100.0), Ok(pl('E', 13, 21)));
        assert_eq!(plan('F', 150.0), Ok(pl('E', 13, 30)));
        assert_eq!(plan('C', 1000.0), Ok(pl('B', 3, 44)));
        assert_eq!(plan('R', 1000.0), Ok(pl('B', 3, 44)));
        assert_eq!(plan('G', 65.0), Ok(pl('F', 20, 21)));
    }

    #[test]
    fn table_corners() {
        assert_eq!(plan('A', 1000.0), Ok(pl('A', 2, 30)));
        assert_eq!(plan('B', 1000.0), Ok(pl('B', 3, 44)));
        assert_eq!(plan('E', 250.0), Ok(pl('E', 13, 44)));
        assert_eq!(plan('E', 150.0), Ok(pl('E', 13, 30)));
        assert_eq!(plan('A', 25.0), Ok(pl('A', 2, 1)));
        assert_eq!(plan('A', 15.0), Ok(pl('B', 3, 1)));
        // Edge cell (see TABLE_2A doc): no plan above A, first plan below is C 1/2.
        assert_eq!(plan('A', 10.0), Ok(pl('C', 5, 1)));
        assert_eq!(plan('Q', 0.010), Ok(pl('Q', 1250, 0)));
        assert_eq!(plan('R', 0.010), Ok(pl('Q', 1250, 0)));
        // Edge cell: no plan below R, first plan above is P 0/1.
        assert_eq!(plan('R', 0.015), Ok(pl('P', 800, 0)));
    }

    #[test]
    fn letter_r_plans() {
        assert_eq!(plan('R', 0.025), Ok(pl('R', 2000, 1)));
        assert_eq!(plan('R', 0.10), Ok(pl('R', 2000, 5)));
        assert_eq!(plan('R', 0.65), Ok(pl('R', 2000, 21)));
        assert_eq!(plan('Q', 0.065), Ok(pl('Q', 1250, 2)));
    }

    #[test]
    fn special_level_published_examples() {
        // ISO 2859-1 normal single plans for lot 35 001–500 000 at special levels.
        let s4 = code_letter(100_000, Level::S4).unwrap();
        let s3 = code_letter(100_000, Level::S3).unwrap();
        assert_eq!((s4, s3), ('J', 'G'));
        assert_eq!(plan(s4, 0.65), Ok(pl('J', 80, 1)));
        assert_eq!(plan(s3, 0.65), Ok(pl('F', 20, 0)));
        assert_eq!(plan(s4, 0.40), Ok(pl('K', 125, 1)));
        assert_eq!(plan(s3, 0.40), Ok(pl('G', 32, 0)));
        assert_eq!(plan(s4, 0.25), Ok(pl('H', 50, 0)));
        assert_eq!(plan(s4, 0.15), Ok(pl('J', 80, 0)));
    }

    #[test]
    fn aql_tolerance() {
        assert_eq!(plan('K', 2.50), plan('K', 2.5));
        assert_eq!(plan('K', 4.0), plan('K', 4_f64));
        assert_eq!(plan('K', 4.0 + 1e-12), Ok(pl('K', 125, 10)));
        assert_eq!(plan('K', 0.1 + 0.2 - 0.2), Ok(pl('K', 125, 0)));
        assert_eq!(plan('L', 65.0 / 100.0), Ok(pl('L', 200, 3)));
        assert_eq!(plan('k', 2.5), Ok(pl('K', 125, 7)));
    }

    #[test]
    fn unknown_aql_is_an_error() {
        let e = plan('K', 3.0).unwrap_err();
        assert!(
            e.starts_with("AQL 3.0 is not in the ISO 2859-1 table; use one of 0.010, 0.015, 0.025"),
            "{e}"
        );
        assert!(e.ends_with("650, 1000"), "{e}");
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -2.5,
            0.0,
            0.011,
            2000.0,
            f64::MIN_POSITIVE,
        ] {
            assert!(plan('K', bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unknown_letter_is_an_error() {
        for bad in ['I', 'O', 'S', 'Z', '1', ' ', 'é'] {
            assert!(plan(bad, 1.0).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn whole_table_resolves_consistently() {
        let steps = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 44];
        for (col, &aql) in AQL_VALUES.iter().enumerate() {
            let mut prev: Option<Plan> = None;
            for &letter in &LETTERS {
                let p = plan(letter, aql).unwrap();
                assert_eq!(p.reject, p.accept + 1);
                assert!(steps.contains(&p.accept));
                if let Some(q) = prev {
                    // Moving down a column never shrinks the sample or Ac.
                    assert!(p.sample_size >= q.sample_size, "{letter} col {col}");
                    assert!(p.accept >= q.accept, "{letter} col {col}");
                }
                prev = Some(p);
            }
            // Plans actually present in the column step through the Ac sequence.
            let acs: Vec<u32> = TABLE_2A
                .iter()
                .filter_map(|r| (r[col] >= 0).then_some(r[col] as u32))
                .collect();
            let start = steps.iter().position(|&s| s == acs[0]).unwrap();
            assert_eq!(acs, steps[start..start + acs.len()].to_vec(), "col {col}");
        }
    }

    #[test]
    fn evaluate_pass_at_accept_numbers() {
        let ev = evaluate(3000, Level::II, [0.0, 2.5, 4.0], [0, 7, 10]).unwrap();
        assert_eq!(ev.letter, 'K');
        assert_eq!(ev.lot_size, 3000);
        assert_eq!(ev.critical.plan, pl('K', 125, 0));
        assert_eq!(ev.major.plan, pl('K', 125, 7));
        assert_eq!(ev.minor.plan, pl('K', 125, 10));
        assert!(ev.critical.pass && ev.major.pass && ev.minor.pass);
        assert!(ev.pass);
    }

    #[test]
    fn evaluate_fail_at_reject_numbers() {
        let ev = evaluate(3000, Level::II, [0.0, 2.5, 4.0], [0, 8, 10]).unwrap();
        assert!(!ev.major.pass);
        assert!(ev.minor.pass);
        assert!(!ev.pass);
        let ev = evaluate(3000, Level::II, [0.0, 2.5, 4.0], [0, 0, 11]).unwrap();
        assert!(!ev.minor.pass && !ev.pass);
    }

    #[test]
    fn zero_tolerance_critical() {
        let ev = evaluate(1200, Level::II, [0.0, 2.5, 4.0], [1, 0, 0]).unwrap();
        assert_eq!(ev.critical.plan, pl('J', 80, 0));
        assert_eq!(ev.critical.aql, 0.0);
        assert!(!ev.critical.pass);
        assert!(!ev.pass);
        // A real AQL for critical defects goes through the table (arrows included).
        let ev = evaluate(1200, Level::II, [0.065, 2.5, 4.0], [0, 5, 7]).unwrap();
        assert_eq!(ev.critical.plan, pl('L', 200, 0));
        assert!(ev.pass);
    }

    #[test]
    fn classes_can_use_different_sample_sizes() {
        let ev = evaluate(500, Level::II, [0.0, 1.5, 4.0], [0, 2, 5]).unwrap();
        assert_eq!(ev.letter, 'H');
        assert_eq!(ev.major.plan, pl('H', 50, 2));
        assert_eq!(ev.minor.plan, pl('H', 50, 5));
        assert!(ev.pass);
        let ev = evaluate(500, Level::II, [0.0, 0.65, 2.5], [0, 1, 3]).unwrap();
        assert_eq!(ev.major.plan, pl('J', 80, 1)); // ↓ from H
        assert_eq!(ev.minor.plan, pl('H', 50, 3));
        assert!(ev.pass);
    }

    #[test]
    fn hundred_percent_inspection_when_sample_exceeds_lot() {
        // Lot 8, level II → A; AQL 1.0 arrows down to E (n = 13 ≥ 8) → inspect all 8.
        let ev = evaluate(8, Level::II, [0.0, 1.0, 4.0], [0, 0, 1]).unwrap();
        assert_eq!(ev.letter, 'A');
        assert_eq!(ev.critical.plan, pl('A', 2, 0));
        assert_eq!(ev.major.plan, pl('E', 8, 0));
        assert_eq!(ev.minor.plan, pl('B', 3, 0));
        assert!(!ev.minor.pass && !ev.pass);
        // Lot 10, level III → C; AQL 0.65 → F (n = 20) → capped at 10.
        let ev = evaluate(10, Level::III, [0.0, 0.65, 6.5], [0, 0, 1]).unwrap();
        assert_eq!(ev.major.plan, pl('F', 10, 0));
        assert_eq!(ev.minor.plan, pl('D', 8, 1));
        assert!(ev.pass);
        // n equal to the lot size also counts as 100 %.
        let ev = evaluate(2, Level::II, [0.0, 6.5, 6.5], [0, 0, 0]).unwrap();
        assert_eq!(ev.major.plan.sample_size, 2);
    }

    #[test]
    fn evaluate_huge_lot() {
        let ev = evaluate(u32::MAX, Level::III, [0.0, 0.65, 1.5], [0, 21, 22]).unwrap();
        assert_eq!(ev.letter, 'R');
        assert_eq!(ev.critical.plan, pl('R', 2000, 0));
        assert_eq!(ev.major.plan, pl('R', 2000, 21));
        assert_eq!(ev.minor.plan, pl('P', 800, 21)); // ↑ from R past Q
        assert!(ev.major.pass && !ev.minor.pass && !ev.pass);
    }

    #[test]
    fn evaluate_errors() {
        assert!(evaluate(0, Level::II, [0.0, 2.5, 4.0], [0; 3]).is_err());
        assert!(evaluate(1, Level::II, [0.0, 2.5, 4.0], [0; 3]).is_err());
        let e = evaluate(100, Level::II, [0.0, 3.0, 4.0], [0; 3]).unwrap_err();
        assert!(
            e.contains("major") && e.contains("AQL 3.0 is not in the ISO 2859-1 table"),
            "{e}"
        );
        // Zero tolerance is only defined for the critical class.
        assert!(evaluate(100, Level::II, [0.0, 0.0, 4.0], [0; 3]).is_err());
        assert!(evaluate(100, Level::II, [f64::NAN, 2.5, 4.0], [0; 3]).is_err());
        assert!(evaluate(100, Level::II, [0.0, 2.5, f64::INFINITY], [0; 3]).is_err());
    }

    #[test]
    fn no_panic_on_any_input() {
        let lots = [
            0,
            1,
            2,
            3,
            8,
            9,
            50,
            51,
            1200,
            1201,
            500_000,
            500_001,
            u32::MAX,
        ];
        let aqls = [
            0.0,
            -0.0,
            -1.0,
            0.01,
            0.015,
            1.0,
            2.5,
            1000.0,
            1e300,
            f64::NAN,
            f64::INFINITY,
        ];
        let levels = [
            Level::I,
            Level::II,
            Level::III,
            Level::S1,
            Level::S2,
            Level::S3,
            Level::S4,
        ];
        for &lot in &lots {
            for &level in &levels {
                for &a in &aqls {
                    let r = evaluate(lot, level, [a, a, a], [u32::MAX, 0, 1]);
                    if let Ok(ev) = r {
                        assert!(ev.major.plan.sample_size <= lot);
                    }
                }
            }
        }
        for c in ['\0', 'A', 'r', '\u{10FFFF}'] {
            for &a in &aqls {
                let _ = plan(c, a);
            }
        }
    }
}
