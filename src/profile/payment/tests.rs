//! Load stage tests: free-text terms recognised or left alone; parts described in both languages.

use super::*;

fn p(percent: u32, by: By, due: Option<Due>, days: u32) -> Part {
    Part {
        percent,
        by,
        due,
        days,
        issuing_bank: None,
        advising_bank: None,
    }
}

#[test]
fn recognises_the_usual_forms() {
    assert_eq!(
        recognise("30% T/T deposit, 70% T/T against copy of B/L"),
        Some(vec![
            p(30, By::Tt, Some(Due::Signing), 0),
            p(70, By::Tt, Some(Due::CopyBl), 0)
        ])
    );
    assert_eq!(
        recognise("30% T/T deposit, 70% against copy of B/L"),
        recognise("30% T/T deposit, 70% T/T against copy of B/L")
    );
    assert_eq!(
        recognise("100% L/C at sight"),
        Some(vec![p(100, By::Lc, None, 0)])
    );
    assert_eq!(
        recognise("L/C 90 days"),
        Some(vec![p(100, By::Lc, None, 90)])
    );
    assert_eq!(
        recognise("D/P at sight"),
        Some(vec![p(100, By::Dp, None, 0)])
    );
    assert_eq!(
        recognise("D/A 60 days"),
        Some(vec![p(100, By::Da, None, 60)])
    );
    assert_eq!(
        recognise("30% TT in advance + 70% TT before shipment"),
        Some(vec![
            p(30, By::Tt, Some(Due::Signing), 0),
            p(70, By::Tt, Some(Due::BeforeShipment), 0)
        ])
    );
}

#[test]
fn leaves_what_it_cannot_read() {
    assert_eq!(recognise("net 30 by cheque"), None);
    assert_eq!(recognise("30% T/T, 70% balance"), None);
    assert_eq!(recognise(""), None);
    assert_eq!(recognise("50% T/T deposit, the rest later"), None);
}

#[test]
fn describes_deposit_and_balance_in_both_languages() {
    let parts = [
        p(30, By::Tt, Some(Due::Signing), 0),
        p(70, By::Tt, Some(Due::CopyBl), 0),
    ];
    let en: Vec<String> = (0..2)
        .map(|i| describe(&parts[i], Lang::En, i, 2))
        .collect();
    assert!(en[0].starts_with("30% of the price (deposit) by telegraphic transfer"));
    assert!(en[1].contains("(balance)") && en[1].ends_with("copy of the bill of lading"));
    let zh = describe(&parts[1], Lang::Zh, 1, 2);
    assert_eq!(
        zh,
        "合同价款的70%（余款）凭提单副本以电汇（T/T）方式支付至指定收款账户"
    );
    // An L/C names no bank the profile does not give.
    let lc = describe(&p(100, By::Lc, None, 0), Lang::En, 0, 1);
    assert!(lc.contains("payable at sight") && lc.contains("UCP 600"));
    assert!(!lc.contains("issued by") && !lc.contains("advised through"));
    let mut given = p(100, By::Lc, None, 0);
    given.advising_bank = Some("BOC".into());
    assert!(describe(&given, Lang::Zh, 0, 1).ends_with("即期付款，经BOC通知"));
    let zh = describe(&p(30, By::Tt, Some(Due::Signing), 0), Lang::Zh, 0, 2);
    assert!(zh.contains("（预付款）") && !zh.contains("定金"));
    assert_eq!(super::currency_name("usd", Lang::Zh), "美元（USD）");
    assert_eq!(super::currency_name("USD", Lang::En), "USD");
    assert_eq!(super::currency_name("XAU", Lang::Zh), "XAU");
}

#[test]
fn terms_in_short_read_in_each_language_and_free_text_stays_as_written() {
    use super::Payment;
    let parts = vec![
        p(30, By::Tt, Some(Due::Signing), 0),
        p(70, By::Lc, None, 60),
    ];
    let pay = Payment {
        method: Some(parts),
        terms: None,
        ..crate::profile::example().payment.clone()
    };
    let cur = &pay.currency;
    assert_eq!(
        pay.short(Lang::En),
        format!("30% T/T on signing, 70% L/C 60 days ({cur})")
    );
    assert_eq!(
        pay.short(Lang::Zh),
        format!("30% T/T 签约时，70% L/C 60天 ({cur})")
    );
    let free = Payment {
        method: None,
        terms: Some("CAD 30 days".into()),
        ..pay.clone()
    };
    assert_eq!(free.short(Lang::Zh), free.short(Lang::En));
}
