use super::*;

fn contract() -> Contract {
    Contract {
        account: "3561 0000 1234 5678".into(),
        swift: "BKCHCNBJ92A".into(),
        banks: vec!["Bank of China, Ningbo Branch".into()],
        holders: vec![
            "Ningbo Hengli Kitchenware Co., Ltd.".into(),
            "宁波恒力厨具有限公司".into(),
        ],
        phones: vec!["8657488881250".into()],
    }
}

fn all(t: &str) -> Vec<(Kind, String, Role, bool)> {
    find(t, &t.to_ascii_lowercase(), &[(0, t.len())], &contract())
        .found
        .into_iter()
        .map(|f| (f.kind, f.value, f.role, f.same_as_contract))
        .collect()
}

#[test]
fn a_non_ascii_iban_is_invalid_not_a_panic() {
    assert!(!super::iban_valid("DE8\u{4E2D}37040044053201300"));
    assert!(!super::iban_valid("DE\u{00E9}\u{4E2D}0370400440532013000"));
}

#[test]
fn iban_checksum() {
    assert!(iban_valid("DE89 3704 0044 0532 0130 00"));
    assert!(iban_valid("GB82WEST12345698765432"));
    assert!(!iban_valid("DE89 3704 0044 0532 0130 01"));
    assert!(!iban_valid("XX"));
}

#[test]
fn finds_new_details_and_recognises_the_contracts() {
    let t = "Please pay to IBAN GB82 WEST 1234 5698 7654 32, SWIFT: HSBCHKHHHKH.\n\
                 Our account no. 3561 0000 1234 5678 stays.\n新账号：6222 0210 0100 8888 999";
    let got = all(t);
    assert_eq!(
        got[0],
        (
            Kind::Iban,
            "GB82 WEST 1234 5698 7654 32".into(),
            Role::Payee,
            false
        )
    );
    assert_eq!(got[1].0, Kind::Swift);
    assert!(!got[1].3);
    assert!(got
        .iter()
        .any(|f| f.0 == Kind::Account && f.1 == "3561 0000 1234 5678" && f.3));
    assert!(got.iter().any(|f| f.1 == "6222 0210 0100 8888 999" && !f.3));
}

#[test]
fn labels_and_groupings_of_real_mail() {
    let t = "Acc No.: 6222.0210.0100.8888\nA/C 4471 2233\n9981 0042\n卡号 6217 0000 1111 2222 333 户名 李明";
    let got = all(t);
    let values: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
    assert!(values.contains(&"6222.0210.0100.8888"), "{values:?}");
    assert!(values.contains(&"4471 2233\n9981 0042"), "{values:?}");
    assert!(values.contains(&"6217 0000 1111 2222 333"), "{values:?}");
    assert!(got
        .iter()
        .any(|g| g.0 == Kind::Holder && g.1 == "李明" && !g.3));
}

#[test]
fn payer_details_and_bank_names() {
    let t = ":50K: Ordering customer\nNordic Home AB\nIBAN SE45 5000 0000 0583 9825 7466\n\
                 :59: Beneficiary\nAccount 3561 0000 1234 5678\nBeneficiary bank: BANK OF CHINA NINGBO BRANCH";
    let got = all(t);
    assert!(got.iter().any(|g| g.0 == Kind::Iban && g.2 == Role::Payer));
    assert!(got.iter().any(|g| g.0 == Kind::Account && g.3));
    assert!(got.iter().any(|g| g.0 == Kind::Bank && g.3), "{got:?}");
    let t = "Beneficiary bank: HSBC Hong Kong\nAccount name: Hengli Trading Ltd";
    let got = all(t);
    assert!(got.iter().all(|g| !g.3), "{got:?}");
}

#[test]
fn phones_dates_and_amounts_are_no_accounts() {
    let t = "account manager: +86 574 8888 1250; account statement of 2026-11-20; \
                 account team tel 0574 8888 1250; amount credited to account: 25200.00; \
                 to our account on file. Nordic Home AB, org.nr 556677-8899";
    assert!(all(t).is_empty(), "{:?}", all(t));
}

#[test]
fn ten_thousand_accounts_stay_linear_and_capped() {
    let mut t = String::new();
    for i in 0..10_000u64 {
        t.push_str(&format!("Beneficiary account: 6222 0210 {:08}\n", i));
    }
    let d = find(&t, &t.to_ascii_lowercase(), &[(0, t.len())], &contract());
    assert_eq!(d.found.len(), MAX_FOUND);
    assert_eq!(d.more, 10_000 - MAX_FOUND);
}
