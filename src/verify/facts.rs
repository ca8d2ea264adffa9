//! Verify stage: the facts of the deal that mail is checked against, taken from the profile —
//! the one place that reads the profile for `verify` (and the only reader of `payment` here,
//! which is due to be restructured).

use crate::profile::deal::{Party, Profile};
use crate::profile::payment::By;
use dealguard_mail as mail;

/// The deal as the mail rules see it: both parties, the contract's account, the call-back
/// number, whether an L/C pays, the deal's number.
pub fn deal(profile: &Profile) -> mail::Deal {
    let b = &profile.payment.beneficiary;
    mail::Deal {
        seller: party(&profile.seller),
        buyer: party(&profile.buyer),
        account: mail::Account {
            holder: b.account_name.clone(),
            number: b.account_number.clone(),
            swift: b.swift.clone(),
            bank: b.bank.clone(),
            bank_local: b.bank_local.clone(),
        },
        callback: profile.payment.verification.callback().to_string(),
        lc: profile
            .payment
            .plan()
            .is_some_and(|parts| parts.iter().any(|p| p.by == By::Lc)),
        id: profile.deal.id.clone(),
    }
}

fn party(p: &Party) -> mail::Party {
    mail::Party {
        name: p.name.clone(),
        name_local: p.name_local.clone(),
        domains: p.email_domains.clone(),
        phone: p.phone.clone(),
        contacts: p
            .contacts
            .iter()
            .map(|c| mail::Contact {
                name: c.name.clone(),
                name_local: c.name_local.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
            })
            .collect(),
    }
}
