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
