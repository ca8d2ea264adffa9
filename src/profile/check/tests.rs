//! Load stage tests: mail domains and addresses; the check groups report in the file's order.
use super::mail::{email_domain, valid_domain};
use super::*;
use crate::assets;
use crate::profile::deal::Profile;
use crate::profile::yaml;
use std::path::Path;

#[test]
fn domains_and_addresses() {
    assert!(valid_domain("hengli-kitchen.com"));
    assert!(valid_domain("mail.nordichome.se"));
    assert!(!valid_domain("localhost"));
    assert!(!valid_domain("-a.com"));
    assert!(!valid_domain("a@b.com"));
    assert_eq!(
        email_domain("li.wei@hengli-kitchen.com"),
        Some("hengli-kitchen.com")
    );
    assert_eq!(email_domain("li wei@hengli-kitchen.com"), None);
    assert_eq!(email_domain("hengli-kitchen.com"), None);
}

/// The fields of the problems `check_profile` finds in the example broken by `edit`.
fn fields(edit: impl FnOnce(&mut Profile)) -> Vec<String> {
    let src = Source::from_bytes(Path::new("deal.yaml"), assets::EXAMPLE_DEAL.as_bytes())
        .map_err(|d| d.message)
        .unwrap();
    let (mut p, index) = yaml::parse::<Profile>(&src).map_err(|_| "parse").unwrap();
    edit(&mut p);
    check_profile(&p, &src, &index)
        .iter()
        .filter_map(|d| d.field.clone())
        .collect()
}

#[test]
fn groups_report_in_the_order_of_the_file() {
    assert!(fields(|_| {}).is_empty());
    let got = fields(|p| {
        // One problem per group, broken from the last group to the first.
        p.production.stages[0].id = "Bad Id".into();
        p.security.retention_years = 0;
        p.channels.im_group.as_mut().unwrap().members[0] = "Nobody".into();
        p.payment.currency = "usd".into();
        p.seller.email_domains.push("gmail.com".into());
        p.buyer.contacts[0].email = "anna@nordic-h0me.se".into();
        p.deal.id = "a/b".into();
    });
    assert_eq!(
        got,
        [
            "deal.id",
            "buyer.contacts[0].email",
            "seller.email_domains[1]",
            "payment.currency",
            "channels.im_group.members[0]",
            "security.retention_years",
            "production.stages[0].id",
        ]
    );
}

/// Severity, field and message of each problem `check_profile` finds in the edited example.
fn problems(edit: impl FnOnce(&mut Profile)) -> Vec<(crate::diag::Severity, String, String)> {
    let src = Source::from_bytes(Path::new("deal.yaml"), assets::EXAMPLE_DEAL.as_bytes())
        .map_err(|d| d.message)
        .unwrap();
    let (mut p, index) = yaml::parse::<Profile>(&src).map_err(|_| "parse").unwrap();
    edit(&mut p);
    check_profile(&p, &src, &index)
        .iter()
        .map(|d| {
            (
                d.severity,
                d.field.clone().unwrap_or_default(),
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn payment_checks_approvers_account_name_and_call_back_owner() {
    use crate::diag::Severity::{Error, Warning};
    // More approvers than the buyer has contacts: an error at `approvers`.
    let got = problems(|p| p.payment.verification.approvers = 3);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, Error);
    assert_eq!(got[0].1, "payment.verification.approvers");
    assert!(got[0].2.contains("the buyer names 2 contacts"), "{got:?}");
    // The bank's spelling of the seller's name is the same name; another name is a warning.
    assert!(problems(
        |p| p.payment.beneficiary.account_name = "NINGBO HENGLI KITCHENWARE CO LTD".into()
    )
    .is_empty());
    let got = problems(|p| p.payment.beneficiary.account_name = "Hengli Trading Ltd".into());
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].0, got[0].1.as_str()),
        (Warning, "payment.beneficiary.account_name")
    );
    // The call-back number is one person's direct line, however it is written.
    let got = problems(|p| p.payment.verification.callback_phone = Some("+86-574-88881251".into()));
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].0, got[0].1.as_str()),
        (Warning, "payment.verification.callback_phone")
    );
    assert!(got[0].2.contains("Wang Fang") && got[0].2.contains("direct line"));
}

#[test]
fn payment_terms_are_recognised_or_checked_part_by_part() {
    use crate::diag::Severity::{Error, Warning};
    use crate::profile::payment::{By, Due, Part};
    // Free text in the usual form: a warning with the structured form to paste.
    let got = problems(|p| {
        p.payment.method = None;
        p.payment.terms = Some("100% L/C at sight".into());
    });
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0, got[0].1.as_str()), (Warning, "payment.terms"));
    // Parts must add up to 100 and fit their method.
    let got = problems(|p| {
        let m = p.payment.method.as_mut().unwrap();
        m[1].percent = 60;
        m[1].issuing_bank = Some("Citibank".into());
        m.push(Part {
            percent: 10,
            by: By::Da,
            due: Some(Due::Arrival),
            days: 60,
            issuing_bank: None,
            advising_bank: None,
        });
    });
    let fields: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
    assert_eq!(
        fields,
        ["payment.method[1]", "payment.method[2].due"],
        "{got:?}"
    );
    assert!(got.iter().all(|g| g.0 == Error));
    let got = problems(|p| p.payment.method.as_mut().unwrap()[1].percent = 50);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1, "payment.method");
    assert!(got[0].2.contains("add up to 80%"), "{got:?}");
}

/// The example paid 100% by L/C at sight.
fn lc(p: &mut Profile) {
    use crate::profile::payment::{By, Part};
    p.payment.method = Some(vec![Part {
        percent: 100,
        by: By::Lc,
        due: None,
        days: 0,
        issuing_bank: Some("Handelsbanken, Stockholm".into()),
        advising_bank: None,
    }]);
}

#[test]
fn an_lc_account_in_another_name_is_an_error_a_tt_one_a_warning() {
    use crate::diag::Severity::{Error, Warning};
    let other = |p: &mut Profile| p.payment.beneficiary.account_name = "Hengli Trading Ltd".into();
    let got = problems(|p| {
        lc(p);
        other(p);
    });
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0, got[0].1.as_str()),
        (Error, "payment.beneficiary.account_name")
    );
    assert!(got[0].2.contains("UCP 600"), "{got:?}");
    let got = problems(other);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, Warning);
    // The bank's spelling of the same name is no mismatch, under an L/C either.
    assert!(problems(|p| {
        lc(p);
        p.payment.beneficiary.account_name = "NINGBO HENGLI KITCHENWARE COMPANY LIMITED".into();
    })
    .is_empty());
}

#[test]
fn names_an_mt700_carries_stay_in_the_swift_character_set() {
    use crate::diag::Severity::Warning;
    let got = problems(|p| {
        lc(p);
        p.buyer.name = "Nordic Home & Kök AB".into();
        p.payment.method.as_mut().unwrap()[0].issuing_bank = Some("Bank \"North\"; Oslo".into());
    });
    let fields: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
    assert_eq!(
        fields,
        ["buyer.name", "payment.method[0].issuing_bank"],
        "{got:?}"
    );
    assert!(got.iter().all(|g| g.0 == Warning));
    assert!(
        got[0].2.contains("`&`, `ö`") && got[0].2.contains("MT700"),
        "{got:?}"
    );
    assert!(got[1].2.contains("`\"`, `;`"), "{got:?}");
    // A T/T deal sends no MT700; a Chinese name is not carried in one.
    assert!(problems(|p| p.buyer.name = "Nordic Home & Kök AB".into()).is_empty());
    assert!(problems(lc).is_empty());
}

#[test]
fn a_branch_as_seller_warns_unless_its_person_in_charge_signs() {
    use crate::diag::Severity::Warning;
    let branch = |p: &mut Profile| {
        p.seller.name_local = Some("宁波恒力厨具有限公司杭州湾分公司".into());
    };
    let got = problems(branch);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0, got[0].1.as_str()),
        (Warning, "seller.name_local")
    );
    assert!(got[0].2.contains("head company"), "{got:?}");
    let got = problems(|p| {
        p.seller.name = "Ningbo Hengli Kitchenware Co., Ltd. Hangzhou Bay Branch".into()
    });
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1, "seller.name");
    // The account holder is now another name than the branch's: the usual warning follows.
    assert_eq!(got[1].1, "payment.beneficiary.account_name");
    assert!(problems(|p| {
        branch(p);
        let s = p.seller.signatory.as_mut().unwrap();
        s.title = "Person in charge".into();
        s.title_local = Some("负责人".into());
    })
    .is_empty());
}

#[test]
fn markup_in_a_legal_name_is_refused_where_it_is() {
    use crate::diag::Severity::Error;
    let got = problems(|p| p.buyer.name = "<b>Nordic Home AB</b>".into());
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0, got[0].1.as_str()), (Error, "buyer.name"));
    assert!(got[0].2.contains("`<b>`"), "{got:?}");
    let got = problems(|p| p.seller.name_local = Some("宁波恒力<span>厨具</span>有限公司".into()));
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "seller.name_local");
}

#[test]
fn a_shared_mailbox_is_no_named_contact() {
    use crate::diag::Severity::Warning;
    for addr in [
        "finance@hengli-kitchen.com",
        "Sales2@hengli-kitchen.com",
        "sales.team@hengli-kitchen.com",
        "no-reply@hengli-kitchen.com",
    ] {
        let got = problems(|p| p.seller.contacts[3].email = addr.into());
        assert_eq!(got.len(), 1, "{addr}: {got:?}");
        assert_eq!(
            (got[0].0, got[0].1.as_str()),
            (Warning, "seller.contacts[3].email")
        );
        assert!(got[0].2.contains("shared mailbox"), "{got:?}");
    }
    for addr in [
        "wang.fang@hengli-kitchen.com",
        "fang.wang2@hengli-kitchen.com",
        "salesman.li@hengli-kitchen.com",
    ] {
        assert!(
            problems(|p| p.seller.contacts[3].email = addr.into()).is_empty(),
            "{addr}"
        );
    }
    // The security contact is a role mailbox by design.
    assert!(
        problems(|p| p.seller.security_contact = Some("security@hengli-kitchen.com".into()))
            .is_empty()
    );
}

#[test]
fn a_zh_first_deal_abroad_is_asked_for_the_buyers_languages() {
    let zh_first = |country: &'static str, buyer: Option<Vec<Lang>>, deal: Vec<Lang>| {
        fields(move |p| {
            p.deal.languages = deal;
            p.deal.governing_language = Lang::Zh;
            p.buyer.country = country.into();
            p.buyer.languages = buyer;
        })
        .contains(&"buyer.languages".to_string())
    };
    let (zh_en, zh) = (vec![Lang::Zh, Lang::En], vec![Lang::Zh]);
    assert!(zh_first("US", None, zh_en.clone()));
    assert!(zh_first("SE", None, zh.clone()));
    for cc in ["CN", "HK", "TW", "SG", "MO"] {
        assert!(!zh_first(cc, None, zh_en.clone()), "{cc}");
    }
    assert!(!zh_first("US", Some(vec![Lang::En]), zh_en.clone()));
    // English first: the buyer reads English first already.
    assert!(!fields(|p| {
        p.buyer.country = "US".into();
        p.buyer.languages = None;
    })
    .contains(&"buyer.languages".to_string()));
}
