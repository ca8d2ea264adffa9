//! Tests of the deal profile types.

use super::*;

#[test]
fn warm_greetings_use_a_latin_given_name_and_a_whole_chinese_name() {
    let c: Contact =
        serde_yaml::from_str("{name: Chen Jing, name_local: 陈静, role: sales, email: a@b.cn}")
            .unwrap();
    assert_eq!(c.greeting(Lang::En, true), "Chen Jing");
    assert_eq!(c.greeting(Lang::Zh, true), "陈静");
    assert_eq!(c.greeting(Lang::Zh, false), "陈静");
    assert_eq!(c.greeting(Lang::En, false), "Chen Jing");
}
