//! The facts of one deal that mail is checked against ([`Deal`], plain data the app fills in
//! from its profile), and the forms the rules compare with ([`Facts`]: parsed domains, names
//! tokenised, phone numbers as digits), derived once per call.

use crate::bank;
use crate::domains::Domain;
use crate::intent;
use crate::rules::{Company, Person};

/// What the rules need to know of a deal, and nothing more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deal {
    /// The seller: the payee, whose account the contract names.
    pub seller: Party,
    /// The buyer.
    pub buyer: Party,
    /// The account the contract says to pay to.
    pub account: Account,
    /// The number the contract says to call about payment details, as written (empty when
    /// none): a mail posing as the seller is checked on it, and it is a number on file.
    pub callback: String,
    /// Whether part of the price is paid by letter of credit.
    pub lc: bool,
    /// The deal's number (`NH-2026-0148`): a mail naming it is about this deal.
    pub id: String,
}

/// One party of the deal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Party {
    /// The company's name in Latin letters.
    pub name: String,
    /// The company's name in Chinese, when it has one.
    pub name_local: Option<String>,
    /// The domains its mail comes from.
    pub domains: Vec<String>,
    /// Its switchboard number.
    pub phone: String,
    /// The people who write for it.
    pub contacts: Vec<Contact>,
}

/// One person who writes for a party.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// The name in Latin letters.
    pub name: String,
    /// The name in Chinese, when it has one.
    pub name_local: Option<String>,
    /// The mail address.
    pub email: String,
    /// The direct number, when on file.
    pub phone: Option<String>,
}

/// The contract's account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Account {
    /// The name the account is held in.
    pub holder: String,
    /// The account number (or IBAN) as the contract writes it.
    pub number: String,
    /// SWIFT/BIC as the contract writes it.
    pub swift: String,
    /// The bank's name.
    pub bank: String,
    /// The bank's name in Chinese, when it has one.
    pub bank_local: Option<String>,
}

/// One party as the rules see it.
#[derive(Debug, Clone)]
pub(crate) struct PartyFacts {
    /// `[en, zh]` display names.
    pub name: [String; 2],
    /// Official domains.
    pub domains: Vec<Domain>,
    /// The contacts, as display names and signatures are compared with them (any order,
    /// script, accents, titles).
    pub people: Vec<Person>,
    /// The company name as display names and signatures are compared with it.
    pub company: Company,
    /// The number to call about a mail from or posing as this party.
    pub phone: String,
}

/// What the rules need from the deal, in the forms they compare with.
#[derive(Debug, Clone)]
pub(crate) struct Facts {
    /// The seller (the payee) first, then the buyer.
    pub parties: Vec<PartyFacts>,
    pub contract: bank::Contract,
    pub known: intent::Known,
    /// The deal's number, trimmed.
    pub deal_id: String,
}

impl Facts {
    pub(crate) fn new(deal: &Deal) -> Facts {
        let (a, s) = (&deal.account, &deal.seller);
        let mut holders = vec![a.holder.clone(), s.name.clone()];
        holders.extend(s.name_local.clone());
        let mut banks = vec![a.bank.clone()];
        banks.extend(a.bank_local.clone());
        let mut phones = vec![deal.seller.phone.clone(), deal.buyer.phone.clone()];
        for p in [&deal.seller, &deal.buyer] {
            phones.extend(p.contacts.iter().filter_map(|c| c.phone.clone()));
        }
        phones.push(deal.callback.clone());
        let phones: Vec<String> = phones
            .iter()
            .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
            .filter(|p| p.len() >= 7)
            .collect();
        let known = intent::Known {
            lc: deal.lc,
            phones: phones.clone(),
        };
        let contract = bank::Contract {
            account: a.number.clone(),
            swift: a.swift.clone(),
            banks,
            holders,
            phones,
        };
        let mut seller = party_facts(&deal.seller);
        // The contract's call-back number is the seller's finance line (the app's profile checks
        // warn when it is one person's): a mail posing as the seller is checked on it.
        let callback = deal.callback.trim();
        if !callback.is_empty() {
            seller.phone = callback.to_string();
        }
        Facts {
            parties: vec![seller, party_facts(&deal.buyer)],
            contract,
            known,
            deal_id: deal.id.trim().to_string(),
        }
    }
}

fn party_facts(p: &Party) -> PartyFacts {
    let domains: Vec<Domain> = p.domains.iter().filter_map(|d| Domain::parse(d)).collect();
    let people = p
        .contacts
        .iter()
        .map(|c| Person::new(&c.name, c.name_local.as_deref(), &c.email, c.phone.clone()))
        .collect();
    // The Chinese name for Chinese readers when there is one, else the Latin one.
    let zh = match &p.name_local {
        Some(l) if !l.trim().is_empty() => l.clone(),
        _ => p.name.clone(),
    };
    PartyFacts {
        name: [p.name.clone(), zh],
        company: Company::new(&p.name, p.name_local.as_deref(), &domains),
        domains,
        people,
        phone: p.phone.trim().to_string(),
    }
}
