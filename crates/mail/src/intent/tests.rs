//! Intents of single sentences: requests caught in many wordings, policy sentences with the
//! same words left alone.

use super::*;

fn intents(text: &str, lc: bool) -> Vec<Intent> {
    let lower = text.to_ascii_lowercase();
    let known = Known {
        lc,
        phones: vec!["8657488881250".into(), "46855501000".into()],
    };
    find(text, &lower, &[(0, text.len())], &known)
        .into_iter()
        .map(|h| h.intent)
        .collect()
}

fn pays(text: &str) -> bool {
    intents(text, false).iter().any(|i| i.is_payment())
}

#[test]
fn payment_changes_in_many_wordings() {
    for t in [
        "Please note that our bank account has been changed due to the annual audit.",
        "Our remittance details have been updated, kindly use the details below for the balance.",
        "We have switched our banking partner to HSBC Hong Kong.",
        "Please remit the balance to the account in the attached letter.",
        "Kindly arrange the payment to our new account.",
        "The account we gave you is frozen at the moment.",
        "Our previous account is no longer in use.",
        "From now on please pay to our Hong Kong account.",
        "Please do not pay to the old account.",
        "Please hold the payment, we will send new bank details tomorrow.",
        "换了收款银行，请注意。",
        "请将尾款汇至以下账户：",
        "我司收款账户已变更。",
        "由于年审，我们的银行账户暂时被冻结了。",
        "請將貨款匯至以下新賬戶"
            .replace("請", "请")
            .replace("將", "将")
            .replace("貨", "货")
            .replace("匯", "汇")
            .replace("賬", "账")
            .as_str(),
        "先不要付款，我们的账户正在更换。",
        "Payment should be made to the following beneficiary:",
    ] {
        assert!(pays(t), "{t}: {:?}", intents(t, false));
    }
}

#[test]
fn policy_and_ordinary_sentences_are_no_change() {
    for t in [
        "We never change our bank details by e-mail.",
        "Our bank details remain unchanged.",
        "If our bank details ever change, we will call you first.",
        "Any change of bank details must be verified by call-back to the number on file.",
        "Fraudsters may send e-mails claiming that our bank account has changed.",
        "The deposit arrived in our account today, thank you.",
        "We have remitted the deposit to your account with Bank of China.",
        "Please pay the balance to the account stated in the contract.",
        "Your new account manager is Sara, phone +46 8 555 010 00.",
        "我司不会通过邮件变更银行账户。",
        "如收到账户变更通知，请致电核实。",
        "预付款已收到，谢谢。",
        "We updated the packing list; the shipping marks stay as agreed.",
        "Please take the delay into account.",
        "Bank holidays next week may delay the shipment.",
        "The L/C amendment extends the shipment date to 15 January.",
    ] {
        assert!(!pays(t), "{t}: {:?}", intents(t, false));
    }
}

#[test]
fn credentials_bypass_and_lc() {
    let has = |t: &str, i: Intent, lc: bool| intents(t, lc).contains(&i);
    assert!(has(
        "Could you share your mailbox password so we can follow the order?",
        Intent::Credential,
        false
    ));
    assert!(has(
        "请把邮箱密码发给我，方便跟单。",
        Intent::Credential,
        false
    ));
    assert!(has(
        "Your mailbox quota is full, log in to keep your account.",
        Intent::Credential,
        false
    ));
    assert!(!has(
        "We will never ask for your password.",
        Intent::Credential,
        false
    ));
    assert!(!has(
        "Click here to reset your password.",
        Intent::Credential,
        false
    ));
    assert!(has(
        "I am in a meeting, please do not call, just confirm by email only.",
        Intent::NoCall,
        false
    ));
    assert!(!has(
        "Do not call numbers given in e-mails; call the number in the contract.",
        Intent::NoCall,
        false
    ));
    assert!(has(
        "Please call me on +44 7700 900123 instead to confirm.",
        Intent::NewNumber,
        false
    ));
    assert!(has(
        "Due to discrepancies, please pay by T/T instead.",
        Intent::LcDivert,
        true
    ));
    assert!(has(
        "Please amend the L/C beneficiary bank to HSBC.",
        Intent::LcDivert,
        true
    ));
    assert!(!has(
        "Please amend the L/C to extend the shipment date.",
        Intent::LcDivert,
        true
    ));
}
