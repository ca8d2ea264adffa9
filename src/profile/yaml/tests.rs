use super::*;
use serde::Deserialize;

fn src(text: &str) -> Source {
    Source::from_bytes(Path::new("t.yaml"), text.as_bytes()).unwrap()
}

#[test]
fn index_locates_nested_fields() {
    let s = src("a:\n  b: 1\n  list:\n    - x: 2\n      y: [3, 4]\n    - {x: 5}\n");
    let idx = index(&s).unwrap();
    assert_eq!(idx.pos("a.b"), Some((2, 6)));
    assert_eq!(idx.pos("a.list[0].x"), Some((4, 10)));
    assert_eq!(idx.pos("a.list[0].y[1]"), Some((5, 14)));
    assert_eq!(idx.pos("a.list[1].x"), Some((6, 11)));
    assert_eq!(idx.key_pos("a.list[1].x"), Some((6, 8)));
    // A missing field falls back to its parent.
    assert_eq!(idx.pos("a.list[1].z"), idx.pos("a.list[1]"));
}

#[test]
fn duplicate_keys_are_located() {
    let e = index(&src("a: 1\nb: 2\na: 3\n")).unwrap_err();
    assert_eq!(e.pos, Some((3, 1)));
    assert!(e.message.contains("duplicate key `a`"));
}

#[test]
fn deep_flow_nesting_is_refused_before_parsing() {
    let t = std::time::Instant::now();
    let e = index(&src(&format!("a: {}\n", "[".repeat(100_000)))).unwrap_err();
    assert!(e.message.contains("deeper than 64"), "{}", e.message);
    assert_eq!(e.pos, Some((1, 68)));
    assert!(t.elapsed().as_millis() < 500);
    // Brackets inside plain text and quotes do not count.
    assert!(index(&src(
        "a: 0.8 mm [approx] [[\nb: '[[[['\nc: [[1], {x: [2]}]\n"
    ))
    .is_ok());
}

#[test]
fn anchors_and_aliases_are_refused() {
    let e = index(&src("a: &x [1, 2]\nb: [*x, *x]\n")).unwrap_err();
    assert!(e.message.contains("anchors and aliases"));
    assert_eq!(e.pos.map(|p| p.0), Some(1));
}

#[test]
fn several_documents_are_refused() {
    let e = index(&src("a: 1\n---\nb: 2\n")).unwrap_err();
    assert!(e.message.contains("several YAML documents"));
}

#[test]
fn devices_and_folders_are_not_read() {
    assert!(matches!(
        read_bounded(Path::new("/dev/zero"), 10),
        Err(ReadFail::NotAFile)
    ));
    assert!(matches!(
        read_bounded(Path::new("/"), 10),
        Err(ReadFail::NotAFile)
    ));
    let e = Source::read(Path::new("/dev/zero")).unwrap_err();
    assert!(e.message.contains("not a regular file"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let s = Source::from_bytes(Path::new("t.yaml"), b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n").unwrap();
    assert_eq!(s.text, "a: 1\nb: 2\n");
}

#[test]
fn non_utf8_is_located() {
    let e = Source::from_bytes(Path::new("t.yaml"), b"a: 1\nb: \xff\n").unwrap_err();
    assert_eq!(e.pos, Some((2, 4)));
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Inner {
    name: String,
    phone: Option<String>,
}
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Outer {
    people: Vec<Inner>,
    #[serde(default)]
    places: Vec<String>,
}

#[test]
fn unknown_field_has_location_path_and_hint() {
    let s = src("people:\n  - name: a\n    phon: b\n");
    let p = parse::<Outer>(&s).unwrap_err();
    let d = p.iter().next().unwrap();
    assert_eq!(d.pos, Some((3, 5)));
    assert_eq!(d.field.as_deref(), Some("people[0]"));
    assert!(
        d.message.starts_with("unknown field `phon`"),
        "{}",
        d.message
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `phone`?"));
}

#[test]
fn comma_in_flow_mapping_gets_a_quoting_hint() {
    let s = src("people: [{name: Co., Ltd., phone: x}]\n");
    let p = parse::<Outer>(&s).unwrap_err();
    let d = p.iter().next().unwrap();
    assert!(d.hint.as_deref().unwrap_or("").contains("in quotes"), "{d}");
}

#[test]
fn empty_file_is_an_error() {
    let p = parse::<Outer>(&src("# only a comment\n")).unwrap_err();
    assert!(p.iter().next().unwrap().message.contains("empty"));
}

#[test]
fn a_repaired_value_comes_with_what_its_errors_leave_intact() {
    let s = src("people:\n  - name: a\n    phon: b\n  - name: [c]\n");
    let Err(b) = parse_or_repair::<Outer>(&s) else {
        panic!("parsed");
    };
    assert_eq!(b.problems.len(), 2);
    let (v, _) = b.repaired.as_ref().expect("repaired");
    assert_eq!(v.people.len(), 2);
    // An unknown key beside the field, a wrong value in or around it: not intact.
    assert!(!b.intact("people[0].name"));
    assert!(!b.intact("people[1].name"));
    assert!(!b.intact("people"));
    assert!(b.intact("places"));
}

#[test]
fn tabs_are_found_where_they_are() {
    // Where the scanner stops (the end of line 2), the tab is on the line below.
    let e = index(&src("a:\n  b: x\n\tc: 2\n")).unwrap_err();
    assert_eq!(e.pos, Some((3, 1)), "{e}");
    assert_eq!(e.hint.as_deref(), Some("replace the tab with spaces"));
    assert_eq!(tab_at("a:\tb\n", "other", (1, 4)), Some((1, 3)));
    assert_eq!(tab_at("a: b\n", "other", (1, 4)), None);
    assert_eq!(tab_at("x\n  - \ty\n", "found a tab", (1, 2)), Some((2, 5)));
}

#[test]
fn a_file_in_another_encoding_is_named() {
    let text = "a: 宁波恒力厨具有限公司\n";
    let gbk = encoding_rs::GBK.encode(text).0;
    let e = Source::from_bytes(Path::new("t.yaml"), &gbk).unwrap_err();
    assert_eq!(
        e.message,
        "is not UTF-8 text: it looks like GBK (or GB18030)"
    );
    assert_eq!(e.pos, Some((1, 4)));
    let yaml = "deal:\n  id: NH-2026-0148\n  title: 厨房水槽\n  signed: 2026-11-20\n";
    let utf16: Vec<u8> = yaml.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let e = Source::from_bytes(Path::new("t.yaml"), &utf16).unwrap_err();
    assert!(
        e.message.ends_with("UTF-16 (without a byte-order mark)"),
        "{e}"
    );
    // A zero byte in UTF-8 text is no UTF-16: the YAML reader says what is wrong with it.
    assert!(Source::from_bytes(Path::new("t.yaml"), b"a: 1\nb: \0\n").is_ok());
}

#[test]
fn syntax_error_is_located() {
    let e = index(&src("a:\n  b: 1\n c: 2\n")).unwrap_err();
    assert!(e.pos.is_some());
    assert!(e.message.starts_with("YAML syntax error"));
}
