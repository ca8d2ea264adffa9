use super::*;

/// Latin characters are 0.5 wide, everything else 1.
fn adv(s: &str) -> f32 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

fn texts(t: &str, w: f32) -> Vec<String> {
    wrap(t, w, &adv).into_iter().map(|l| l.text).collect()
}

#[test]
fn a_lone_character_is_one_with_at_most_its_punctuation() {
    assert!(is_lone("司") && is_lone("司。") && is_lone(" a "));
    assert!(!is_lone("公司") && !is_lone("") && !is_lone("。") && !is_lone("Co."));
}

#[test]
fn the_line_before_gives_a_lone_last_character_company() {
    let t = "深圳喆堃声学科技有限公司";
    let ranges = wrap_ranges(t, 11.0, 11.0, &|a, b| adv(&t[a..b]));
    let (lines, need) = without_lone_last(t, ranges, 11.0, &|a, b| adv(&t[a..b]));
    let lines: Vec<&str> = lines.iter().map(|(a, b)| &t[*a..*b]).collect();
    assert_eq!(lines, ["深圳喆堃声学科技有限", "公司"]);
    // One character more room would have taken it up.
    assert!((need - 1.0).abs() < 1e-4, "{need}");
    // A forced break and a last line with company are left alone.
    for t in ["有限公\n司", "有限公司有限", "有"] {
        let r = wrap_ranges(t, 3.0, 3.0, &|a, b| adv(&t[a..b]));
        assert_eq!(
            without_lone_last(t, r.clone(), 3.0, &|a, b| adv(&t[a..b])).0,
            r
        );
    }
}

#[test]
fn english_breaks_at_spaces() {
    assert_eq!(
        texts("the quick brown fox", 5.0),
        ["the quick", "brown fox"]
    );
    assert_eq!(texts("the quick brown fox", 100.0), ["the quick brown fox"]);
}

#[test]
fn chinese_breaks_between_characters() {
    assert_eq!(texts("不锈钢锅具套装", 3.0), ["不锈钢", "锅具套", "装"]);
}

#[test]
fn closing_punctuation_never_starts_a_line() {
    // Width 4 would put "，" at the start of line 2; it stays with the character before.
    let lines = texts("物料采购，已全部完成。", 4.0);
    for l in &lines {
        let first = l.chars().next().unwrap();
        assert!(!"，。、；：？！）》」』".contains(first), "{lines:?}");
    }
    assert_eq!(lines.concat(), "物料采购，已全部完成。");
}

#[test]
fn opening_punctuation_never_ends_a_line() {
    let lines = texts("详见《检验报告》与「附件」说明", 3.0);
    for l in &lines {
        let last = l.chars().last().unwrap();
        assert!(!"（《「『".contains(last), "{lines:?}");
    }
}

#[test]
fn mixed_text_and_long_words() {
    let lines = texts("拉伸后壁厚 wall thickness 0.8 mm", 6.0);
    assert!(
        lines.iter().all(|l| wrap(l, 6.0, &adv)[0].width <= 6.0),
        "{lines:?}"
    );
    // A word wider than the line is cut, never lost.
    let long = texts("https://videos.hengli-kitchen.com/nh0148/w49.mp4", 5.0);
    assert_eq!(
        long.concat(),
        "https://videos.hengli-kitchen.com/nh0148/w49.mp4"
    );
    assert!(long.iter().all(|l| l.len() as f32 * 0.5 <= 5.0));
}

#[test]
fn newlines_force_breaks_and_empty_gives_nothing() {
    assert_eq!(texts("a\nb", 100.0), ["a", "b"]);
    assert!(texts("", 10.0).is_empty());
    assert_eq!(texts("a\n", 10.0), ["a"]);
}

#[test]
fn hanging_indents_narrow_the_following_lines() {
    let t = "aa bb cc dd ee";
    let r = wrap_ranges(t, 3.0, 1.5, &|a, b| adv(&t[a..b]));
    let lines: Vec<&str> = r.iter().map(|(a, b)| &t[*a..*b]).collect();
    assert_eq!(lines, ["aa bb", "cc", "dd", "ee"]);
}

#[test]
fn ranges_cover_the_text_without_loss() {
    let t = "拉伸后壁厚 wall thickness 0.8 mm, https://videos.hengli-kitchen.com/nh0148/w49.mp4 ok";
    let r = wrap_ranges(t, 6.0, 6.0, &|a, b| adv(&t[a..b]));
    let joined: String = r.iter().map(|(a, b)| t[*a..*b].replace(' ', "")).collect();
    assert_eq!(joined, t.replace(' ', ""));
    assert!(r.iter().all(|(a, b)| adv(&t[*a..*b]) <= 6.0), "{r:?}");
}

#[test]
fn phone_numbers_and_addresses_stay_whole() {
    let t = "call +86 574 8888 1234 or li.wei@hengli-kitchen.com now";
    let r = wrap_ranges(t, 14.0, 14.0, &|a, b| adv(&t[a..b]));
    let lines: Vec<&str> = r.iter().map(|(a, b)| &t[*a..*b]).collect();
    assert!(
        lines.iter().any(|l| l.contains("+86 574 8888 1234")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("li.wei@hengli-kitchen.com")),
        "{lines:?}"
    );
}

#[test]
fn addresses_inside_chinese_text_do_not_block_other_breaks() {
    let t = "卖方为@hengli-kitchen.com，买方为@nordichome.se；其余文字可以正常换行";
    let r = wrap_ranges(t, 12.0, 12.0, &|a, b| adv(&t[a..b]));
    let lines: Vec<&str> = r.iter().map(|(a, b)| &t[*a..*b]).collect();
    assert!(
        lines.iter().any(|l| l.contains("@nordichome.se")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("@hengli-kitchen.com")),
        "{lines:?}"
    );
}

#[test]
fn multibyte_spaces_and_punctuation_are_safe() {
    let t = "请致电+86\u{a0}574\u{a0}8888\u{a0}1250核实。\u{3000}全角空格 a\u{2003}b li@x.com";
    for w in [1.0, 2.0, 3.5, 7.0] {
        let r = wrap_ranges(t, w, w, &|a, b| adv(&t[a..b]));
        assert!(!r.is_empty());
    }
}

#[test]
fn numbers_stay_with_the_words_beside_them() {
    // A number is glued on both sides (`on 8 March 2027 at` is one group), so the lines
    // are at least as wide as the longest group (9.0) and narrow enough to wrap.
    let cases = [
        ("ship on 8 March 2027 at the latest", "8 March 2027"),
        ("delivery March 2027 or later", "March 2027"),
        ("a total of 12 pcs were short", "12 pcs"),
        ("a deposit of 30 % is due", "30 %"),
        ("the balance of USD 12,000 is due", "USD 12,000"),
    ];
    for (t, group) in cases {
        for w in [9.0, 10.0, 12.0, 14.0] {
            let lines = texts(t, w);
            assert!(lines.iter().any(|l| l.contains(group)), "{w}: {lines:?}");
            assert_eq!(lines.join(" "), t);
        }
    }
    // Without a space, in Chinese: the number keeps its measure word.
    for w in [3.0, 4.0, 5.0] {
        let lines = texts("本批共12套锅具", w);
        assert!(lines.iter().any(|l| l.contains("12套")), "{lines:?}");
    }
    // A long word beside a number is not glued: the line breaks before it.
    assert_eq!(
        texts("in 2027 production starts", 5.0),
        ["in 2027", "production", "starts"]
    );
    // Across a space, Chinese does not hold on to a number.
    assert_eq!(texts("预计 2027", 2.0), ["预计", "2027"]);
    // Latin text inside Chinese keeps its spaces.
    let lines = texts("交货日期为 8 March 2027，请确认", 100.0);
    assert_eq!(lines, ["交货日期为 8 March 2027，请确认"]);
}

#[test]
fn a_glued_group_wider_than_the_line_is_cut_at_a_space() {
    let lines = texts("due 8 March 2027", 3.0);
    assert_eq!(lines.concat().replace(' ', ""), "due8March2027");
    assert!(lines.iter().all(|l| adv(l) <= 3.0), "{lines:?}");
    assert!(lines.contains(&"March".to_string()), "{lines:?}");
}

#[test]
fn a_wrapped_title_never_leaves_one_word_alone() {
    let t = "Supply contract for stainless steel cookware";
    assert_eq!(texts(t, 20.0).last().unwrap(), "cookware");
    let w = balanced_width(t, 20.0, &adv);
    let lines = texts(t, w);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].contains(' '), "{lines:?}");
    assert!(w <= 20.0);
    // Titles that fit, already end with two words, or end in Chinese are left alone.
    assert_eq!(balanced_width(t, 100.0, &adv), 100.0);
    assert_eq!(balanced_width("aa bb cc dd ee", 4.0, &adv), 4.0);
    assert_eq!(balanced_width("不锈钢锅具套装采购合同", 5.0, &adv), 5.0);
}

#[test]
fn widths_exclude_trailing_spaces() {
    let l = wrap("ab cd", 1.5, &adv);
    assert_eq!(l[0].text, "ab");
    assert_eq!(l[0].width, 1.0);
}
