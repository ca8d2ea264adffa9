//! The labelled mail corpus of `dealguard verify` (issue 21): realistic raw mails generated in
//! code — never copied — for the example T/T deal and the Boston L/C deal: buyers, sellers,
//! forwarders, banks, inspectors, newsletters and fraudsters, in English, Simplified and
//! Traditional Chinese, in UTF-8, GBK, GB18030, Big5, ISO-2022-JP and windows-1252, plain, HTML
//! and multipart, with PDF, DOCX, zip, QR-code and forwarded-mail attachments.
//! Labels: `warn` when a fraud analyst who knows the deal would flag the mail before anyone pays
//! or answers (a payee change from any sender, a look-alike or impersonating sender, a request
//! for credentials, a bypassed call-back, a risky attachment or link); otherwise the mail is
//! ordinary trade mail that must pass. The texts were written without reading the detector.
//! Test: `cargo test --test main corpus -- --nocapture` (`DEALGUARD_CORPUS_DUMP=DIR` also writes
//! every mail to DIR as `.eml`); benchmark: `cargo bench --bench verify`.

#![allow(dead_code)]

pub mod attach;
pub mod build;
pub mod common;
mod pass_docs;
mod pass_misc;
mod pass_trade;
pub mod people;
mod warn_bank;
mod warn_content;
mod warn_pay;
mod warn_sender;

use build::Mail;
use common::Lcg;

/// Which deal a case is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DealRef {
    /// `dealguard::assets::EXAMPLE_DEAL` (Nordic Home AB buys from Ningbo Hengli, T/T).
    Example,
    /// `tests/fixtures/valid/boston-lc/deal.yaml` (Harbor Kitchen buys from Yiwu Qingshan, L/C).
    Lc,
}

/// One labelled mail.
pub struct Case {
    /// The kind of mail (`bank-change`, `quotation`, …).
    pub category: &'static str,
    /// Whether a fraud analyst who knows the deal would flag it.
    pub warn: bool,
    /// A unique, descriptive name.
    pub name: String,
    /// The deal it is checked against.
    pub deal: DealRef,
    /// The raw RFC 5322 mail.
    pub bytes: Vec<u8>,
}

/// The WARN categories.
pub const WARN: [&str; 14] = [
    "bank-change",
    "bank-change-attachment",
    "hijacked",
    "lookalike",
    "display-name",
    "freemail-claim",
    "hold-payment",
    "callback-bypass",
    "credential",
    "lc-divert",
    "html-hidden",
    "link",
    "qr",
    "attachment",
];

/// The PASS categories.
pub const PASS: [&str; 11] = [
    "quotation",
    "shipping",
    "payment-advice",
    "third-party-invoice",
    "newsletter",
    "thread",
    "signature-warning",
    "policy",
    "smalltalk",
    "production",
    "notice",
];

/// The generator's state: variation, a running mail number and the size of quoted history.
pub struct Gen {
    /// Variation.
    pub r: Lcg,
    /// The running mail number (dates, Message-IDs).
    pub n: u64,
    /// A fixed quoted-history size instead of the natural mix (the benchmark's 50 KB mails).
    pub fixed: Option<usize>,
    /// The cases so far.
    pub out: Vec<Case>,
}

impl Gen {
    fn new(seed: u64, fixed: Option<usize>) -> Gen {
        Gen {
            r: Lcg(seed),
            n: seed * 10_000,
            fixed,
            out: Vec::new(),
        }
    }

    /// The next mail number.
    pub fn n(&mut self) -> u64 {
        self.n += 1;
        self.n
    }

    /// The quoted-history size for the next mail.
    pub fn pad(&mut self) -> usize {
        match self.fixed {
            Some(t) => t,
            None => common::natural(&mut self.r),
        }
    }

    /// Adds a case.
    pub fn push(
        &mut self,
        category: &'static str,
        warn: bool,
        name: String,
        deal: DealRef,
        mail: Mail,
    ) {
        let name = format!("{category}/{:03}-{name}", self.out.len());
        self.out.push(Case {
            category,
            warn,
            name,
            deal,
            bytes: mail.bytes(),
        });
    }
}

fn pass_families(g: &mut Gen) {
    pass_trade::quotation(g);
    pass_trade::shipping(g);
    pass_trade::smalltalk(g);
    pass_trade::production(g);
    pass_docs::payment_advice(g);
    pass_docs::third_party_invoice(g);
    pass_docs::policy(g);
    pass_misc::newsletter(g);
    pass_misc::thread(g);
    pass_misc::signature_warning(g);
    pass_misc::notice(g);
}

/// Every case of the corpus, in a fixed order.
pub fn cases() -> Vec<Case> {
    let mut g = Gen::new(1, None);
    warn_bank::bank_change(&mut g);
    warn_bank::bank_change_attachment(&mut g);
    warn_bank::hijacked(&mut g);
    warn_pay::hold_payment(&mut g);
    warn_pay::callback_bypass(&mut g);
    warn_pay::lc_divert(&mut g);
    warn_sender::lookalike(&mut g);
    warn_sender::display_name(&mut g);
    warn_sender::freemail_claim(&mut g);
    warn_sender::credential(&mut g);
    warn_content::html_hidden(&mut g);
    warn_content::link(&mut g);
    warn_content::qr(&mut g);
    warn_content::attachment(&mut g);
    pass_families(&mut g);
    g.out
}

/// `count` ordinary mails (the PASS families) with about `history` bytes of quoted thread
/// each, varied by seed: the benchmark's everyday load.
pub fn ordinary(count: usize, history: usize) -> Vec<Case> {
    let mut all = Vec::with_capacity(count);
    let mut seed = 2;
    while all.len() < count {
        let mut g = Gen::new(seed, Some(history));
        pass_families(&mut g);
        all.extend(g.out.into_iter().filter(|c| c.deal == DealRef::Example));
        seed += 1;
    }
    all.truncate(count);
    all
}
