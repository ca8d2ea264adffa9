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
