//! Payment methods end to end: an L/C deal gets the L/C clauses and no Designated Account, a
//! T/T deal states its deposit and balance, free-text terms are recognised; contract, letter
//! and reply in English and Chinese.

use crate::support::*;
use std::path::Path;

/// The text of one document of the deal in `dir`, checked to have been made.
fn doc(dir: &Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--format", "md", "-o", "-"]);
    let r = dealguard(dir, &all);
    ok(&r);
    assert!(!r.stdout.contains("{{") && !r.stdout.contains("{%"));
    r.stdout
}

/// Replaces `from` by `to` in the deal of `dir` (the text must be there).
fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("deal.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in the deal");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

const LC_METHOD: &str = "  method:
    - percent: 100
      by: lc
      days: 0
      issuing_bank: Citizens Bank, N.A., Boston
      advising_bank: Bank of China, Yiwu Branch
";

#[test]
fn an_lc_deal_gets_the_lc_clauses_and_no_wire_transfer_clause() {
    let t = fixture("valid", "boston-lc");
    let check = dealguard(t.path(), &["check"]);
    ok(&check);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    assert!(check.stdout.contains("letter-of-credit"));
    for gone in [
        "bank-details",
        "unverified-payment-loss",
        "documentary-collection",
    ] {
        assert!(!check.stdout.contains(gone), "{gone} in\n{}", check.stdout);
    }
    let en = doc(t.path(), &["contract", "--lang", "en"]);
    for want in [
        "The price under the Contract shall be paid in USD as follows:",
        "(a) 100% of the price by irrevocable documentary letter of credit (L/C) subject to UCP 600, payable at sight, issued by Citizens Bank, N.A., Boston and advised through Bank of China, Yiwu Branch.",
        "### 8. Letter of credit",
        "SWIFT message MT707",
        "only through the banks",
        "confirm by telephone with the advising bank",
    ] {
        assert!(en.contains(want), "missing {want:?}");
    }
    // No wire-transfer clause (other clauses may still name the Designated Account in passing;
    // the L/C clause names telegraphic transfer only to refuse payment outside the credit).
    assert!(
        !en.contains("(the “Designated Account”)") && !en.contains("by telegraphic transfer (T/T)")
    );
    let zh = doc(t.path(), &["contract", "--lang", "zh"]);
    for want in [
        "本合同价款以美元（USD）支付，具体如下：",
        "（一）合同价款的100%以适用UCP 600的不可撤销跟单信用证（L/C）方式支付，即期付款，由Citizens Bank, N.A., Boston开立、经Bank of China, Yiwu Branch通知。",
        "### 第8条 信用证",
        "（MT707）",
        "UCP 600",
    ] {
        assert!(zh.contains(want), "missing {want:?}");
    }
    assert!(!zh.contains("（以下简称“指定收款账户”）") && !zh.contains("以电汇（T/T）方式"));
}

#[test]
fn a_tt_deal_states_deposit_and_balance_and_the_three_part_change_rule() {
    let t = fixture("valid", "nordic-home");
    let en = doc(t.path(), &["contract", "--lang", "en"]);
    for want in [
        "(a) 30% of the price (deposit) by telegraphic transfer (T/T) to the Designated Account on signing of the Contract;",
        "(b) 70% of the price (balance) by telegraphic transfer (T/T) to the Designated Account against a copy of the bill of lading.",
        "signed by an Authorised Signatory of the Seller and bearing the Seller’s company chop or contract chop",
        "a signed and chopped notice sent as a scanned copy or PDF without the call-back and the approvals, does not change the Designated Account",
        "may be changed only by a notice signed by an Authorised Signatory",
        "first 72 hours",
        "96110",
        "114 14",
    ] {
        assert!(en.contains(want), "missing {want:?}");
    }
    assert!(!en.contains("Letter of credit") && !en.contains("MT707"));
    // The refund case names the Buyer's account instead of assuming one exists.
    assert!(en.contains("roles of the parties reversed: the Buyer’s account is the one stated in a notice signed by an Authorised Signatory of the Buyer"));
    let zh = doc(t.path(), &["contract", "--lang", "zh"]);
    for want in [
        "（一）合同价款的30%（预付款）于本合同签订时以电汇（T/T）方式支付至指定收款账户；",
        "（二）合同价款的70%（余款）凭提单副本以电汇（T/T）方式支付至指定收款账户。",
        "由卖方授权签字人签署并加盖卖方公章或者合同专用章",
        "最初72小时",
        "96110",
    ] {
        assert!(zh.contains(want), "missing {want:?}");
    }
    let payments = &zh[zh.find("付款安全").unwrap()..zh.find("保密与数据").unwrap()];
    assert!(!payments.contains("信用证") && !payments.contains("托收"));
}

#[test]
fn the_payment_clauses_use_prc_wording() {
    for id in [
        "payment-terms",
        "bank-details",
        "letter-of-credit",
        "documentary-collection",
        "payment-verification",
        "unverified-payment-loss",
        "contact-changes",
        "incident-notice",
    ] {
        let text = std::fs::read_to_string(root().join(format!("clauses/{id}.yaml"))).unwrap();
        for taiwan in ["仅得", "亦同"] {
            assert!(!text.contains(taiwan), "{id} has {taiwan}");
        }
    }
}

#[test]
fn letter_and_reply_say_what_is_paid_where_and_that_the_buyer_approves_too() {
    let tt = fixture("valid", "nordic-home");
    let lc = fixture("valid", "boston-lc");
    let letter = doc(tt.path(), &["letter", "--lang", "en"]);
    assert!(letter.contains("## Your payments: what, when, where"));
    assert!(letter.contains("- 30% of the price (deposit)"));
    assert!(letter.contains("account 3561 0000 1234 5678, SWIFT BKCHCNBJ92A"));
    assert!(letter.contains("2 of your named colleagues approve it after the call"));
    let letter = doc(lc.path(), &["letter", "--lang", "en"]);
    assert!(letter.contains("SWIFT MT707") && !letter.contains("Designated Account"));
    assert!(letter.contains("one of your named colleagues approves it"));
    let letter = doc(lc.path(), &["letter", "--lang", "zh"]);
    assert!(letter.contains("## 您的付款：付什么、何时付、付到哪里"));
    assert!(letter.contains("由贵司1名指定联系人批准"));
    for tone in ["warm", "formal"] {
        let en = doc(tt.path(), &["reply", "--tone", tone, "--lang", "en"]);
        assert!(en.contains("70% of the price (balance)"), "{tone}");
        assert!(
            en.contains("2 of your named colleagues have approved it"),
            "{tone}"
        );
        let zh = doc(lc.path(), &["reply", "--tone", tone, "--lang", "zh"]);
        assert!(
            zh.contains("不可撤销跟单信用证") && zh.contains("MT707"),
            "{tone}"
        );
        assert!(zh.contains("贵司1名指定联系人批准"), "{tone}");
    }
}

#[test]
fn free_text_terms_are_recognised_and_the_structured_form_suggested() {
    let t = fixture("valid", "boston-lc");
    edit(t.path(), LC_METHOD, "  terms: 100% L/C at sight\n");
    let r = dealguard(t.path(), &["check"]);
    ok(&r);
    assert!(
        r.stderr.contains("warning: `payment.terms`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("    - {percent: 100, by: lc, days: 0}"),
        "{}",
        r.stderr
    );
    let en = doc(t.path(), &["contract", "--lang", "en"]);
    // Free text names no bank: none is invented, the contract's banks are referred to.
    assert!(en.contains("letter of credit (L/C) subject to UCP 600, payable at sight."));
    assert!(en.contains("issued by authenticated SWIFT message MT700 by the issuing bank stated in the Contract and advised to the Seller through the advising bank stated in the Contract"));
    assert!(
        !en.contains("acceptable to the Seller") && !en.contains("advised through Bank of China")
    );
    assert!(!en.contains("(the “Designated Account”)"));

    let t = fixture("valid", "boston-lc");
    edit(t.path(), LC_METHOD, "  terms: D/A 60 days\n");
    let en = doc(t.path(), &["contract", "--lang", "en"]);
    assert!(en.contains("documents against acceptance (D/A), payable 60 days after sight"));
    assert!(en.contains("Documentary collection") && en.contains("ICC Publication No. 522"));
    assert!(!en.contains("(the “Designated Account”)") && !en.contains("MT707"));

    // Terms dealguard cannot read are quoted, and the wire-transfer clauses stay.
    let t = fixture("valid", "boston-lc");
    edit(t.path(), LC_METHOD, "  terms: net 30 days by cheque\n");
    let r = dealguard(t.path(), &["check"]);
    ok(&r);
    assert!(
        r.stderr.contains("cannot read `net 30 days by cheque`"),
        "{}",
        r.stderr
    );
    let zh = doc(t.path(), &["contract", "--lang", "zh"]);
    assert!(zh.contains("付款条件按照本合同的约定：net 30 days by cheque。"));
    assert!(zh.contains("指定收款账户"));
}
