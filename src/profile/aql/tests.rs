//! Load stage tests: ISO 2859-1 code letters, the whole master table, arrows and verdicts.
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
