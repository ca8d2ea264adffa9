//! Tests of the command line: usage errors, help values, combinations.

use super::*;
use crate::profile::Ymd;

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    let cli = Cli::try_parse_from(std::iter::once("dealguard").chain(args.iter().copied()))?;
    cli.check()?;
    Ok(cli)
}

#[test]
fn the_arguments_are_valid_clap() {
    Cli::command().debug_assert();
}

#[test]
fn each_command_takes_only_its_formats() {
    assert!(parse(&["contract", "--format", "md,html,pdf"]).is_ok());
    assert!(parse(&["contract", "--format", "eml"]).is_err());
    assert!(parse(&["contract", "--format", "txt"]).is_err());
    assert!(parse(&["letter", "--format", "md,txt,html,eml,pdf"]).is_ok());
    assert!(parse(&["reply", "--format", "pdf"]).is_err());
    assert!(parse(&["reply", "--format", "eml"]).is_err());
}

#[test]
fn formats_are_converted_once_each_in_order() {
    let Ok(Cli {
        command: Command::Letter(a),
        ..
    }) = parse(&["letter", "--format", "pdf,md,pdf"])
    else {
        panic!("letter did not parse");
    };
    assert_eq!(a.formats(), [Format::Pdf, Format::Md]);
}

#[test]
fn languages_and_dates_are_typed() {
    let Ok(Cli {
        command: Command::Reply(a),
        ..
    }) = parse(&["reply", "--lang", "zh+en", "--date", "2026-12-09"])
    else {
        panic!("reply did not parse");
    };
    assert_eq!(a.lang.lang.map(|l| l.code()).as_deref(), Some("zh+en"));
    assert_eq!(a.date, Ymd::new(2026, 12, 9));
    assert!(parse(&["contract", "--lang", "fr"]).is_err());
    assert!(parse(&["reply", "--date", "2026-13-40"]).is_err());
}

#[test]
fn standard_output_takes_one_text_format() {
    let e = |args: &[&str]| parse(args).err().map(|e| e.kind());
    assert_eq!(e(&["contract", "-o", "-"]), None);
    assert_eq!(
        e(&["contract", "--format", "md,html", "-o", "-"]),
        Some(ErrorKind::ArgumentConflict)
    );
    assert_eq!(
        e(&["letter", "--format", "pdf", "-o", "-"]),
        Some(ErrorKind::ArgumentConflict)
    );
    assert_eq!(
        e(&["report", "w.yaml", "-o", "-"]),
        Some(ErrorKind::ArgumentConflict)
    );
}
