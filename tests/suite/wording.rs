//! The wording of everything we send (issue 22), read sentence by sentence over every
//! built-in clause (both sets, T/T, L/C and collection deals) and every template (letter,
//! both replies, briefing, report mail) in English and Chinese: no sentence lets e-mail
//! confirm or change bank details or payment; an L/C deal states only the credit terms the
//! profile gives, one route to change the credit and no payment outside it; PRC terms.

use crate::support::*;
use std::path::Path;

/// Replaces `from` by `to` in the deal of `dir` (the text must be there).
fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("deal.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in the deal");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// A temp copy of the bundled example, week files and photos included.
fn example() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/nordic-home"), t.path());
    t
}

const EXAMPLE_METHOD: &str = "    - {percent: 30, by: tt, due: signing}   # by: tt | lc | dp | da
    - {percent: 70, by: tt, due: copy_bl}   # due (T/T): signing | before_shipment | copy_bl | arrival
";
const BOSTON_METHOD: &str = "  method:
    - percent: 100
      by: lc
      days: 0
      issuing_bank: Citizens Bank, N.A., Boston
      advising_bank: Bank of China, Yiwu Branch
";
const SHENZHEN_METHOD: &str = "  method:
    - {percent: 30, by: tt, due: signing}
    - {percent: 70, by: tt, due: copy_bl}
";

/// A second buyer contact for boston-lc, so that the strict set's two approvers fit.
fn second_boston_contact(dir: &Path) {
    edit(
        dir,
        "      phone: \"+1 617 555 0142\"\n",
        "      phone: \"+1 617 555 0142\"\n    - name: Tom Price\n      role: finance\n      email: tom.price@harborkitchen.com\n",
    );
}

/// The deals every check reads: a name, the folder, whether it pays by L/C only.
fn deals() -> Vec<(&'static str, tempfile::TempDir, bool)> {
    let mut v = Vec::new();
    v.push(("example", example(), false));
    let t = example();
    edit(t.path(), "clause_set: standard", "clause_set: strict");
    v.push(("example strict", t, false));
    // The example paid by an L/C whose banks the profile does not name.
    let t = example();
    edit(
        t.path(),
        EXAMPLE_METHOD,
        "    - {percent: 100, by: lc, days: 0}\n",
    );
    v.push(("example L/C", t, true));
    v.push(("boston-lc", fixture("valid", "boston-lc"), true));
    let t = fixture("valid", "boston-lc");
    second_boston_contact(t.path());
    edit(
        t.path(),
        "retention_years: 5",
        "retention_years: 5\n  clause_set: strict",
    );
    v.push(("boston-lc strict", t, true));
    // 70% L/C, 30% D/A: the collection clause too.
    let t = fixture("valid", "boston-lc");
    edit(
        t.path(),
        BOSTON_METHOD,
        "  method:\n    - {percent: 70, by: lc, days: 0, issuing_bank: Citizens Bank, advising_bank: \"Bank of China, Yiwu Branch\"}\n    - {percent: 30, by: da, days: 60}\n",
    );
    v.push(("boston L/C and D/A", t, false));
    v.push(("shenzhen-zh", fixture("valid", "shenzhen-zh"), false));
    // A Chinese-first L/C deal written as free text, reporting at milestones.
    let t = fixture("valid", "shenzhen-zh");
    edit(t.path(), SHENZHEN_METHOD, "  terms: 100% L/C at sight\n");
    edit(t.path(), "cadence: weekly", "cadence: milestones");
    edit(t.path(), "    weekday: friday\n", "");
    v.push(("shenzhen L/C milestones", t, true));
    v.push(("no-channels", fixture("valid", "no-channels"), false));
    v
}

/// One document as Markdown on stdout.
fn md(dir: &Path, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--format", "md", "-o", "-"]);
    let r = dealguard(dir, &all);
    ok(&r);
    r.stdout
}

/// The text parts of the mail of the deal's latest week, if it has week files.
fn report_mail(dir: &Path) -> Option<String> {
    let mut weeks: Vec<_> = std::fs::read_dir(dir.join("reports"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    weeks.sort();
    let week = weeks.last()?;
    let out = dir.join("mail-out");
    let args = ["report", week.to_str().unwrap(), "--lang", "en+zh"];
    let mut all = args.to_vec();
    all.extend(["--format", "pdf,eml", "-o", out.to_str().unwrap()]);
    ok(&dealguard(dir, &all));
    let eml = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "eml"))
        .expect("the report mail");
    let raw = std::fs::read(eml).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
    Some(msg.body_text(0).unwrap_or_default().into_owned())
}

/// Every text we send for the deal in `dir`, named: the schedule, the letter, both replies
/// and the briefing in English and Chinese, and the report mail.
fn documents(dir: &Path) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for lang in ["en", "zh"] {
        for (name, args) in [
            ("contract", vec!["contract"]),
            ("letter", vec!["letter"]),
            ("formal reply", vec!["reply", "--tone", "formal"]),
            ("warm reply", vec!["reply", "--tone", "warm"]),
            ("briefing", vec!["briefing"]),
        ] {
            let mut args = args.clone();
            args.extend(["--lang", lang]);
            v.push((format!("{name} {lang}"), md(dir, &args)));
        }
    }
    // The bilingual schedule adds the clause on the governing language.
    v.push((
        "contract en+zh".into(),
        md(dir, &["contract", "--lang", "en+zh"]),
    ));
    if let Some(mail) = report_mail(dir) {
        v.push(("report mail".into(), mail));
    }
    v
}

/// Sentences: cut at a full stop followed by a space, at Chinese end marks, line ends and
/// table cells.
fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let end = matches!(c, '。' | '！' | '？' | '\n' | '|')
            || (matches!(c, '.' | '!' | '?') && next.is_whitespace());
        if end {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_string());
            }
            cur.clear();
        } else {
            cur.push(*c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The parts of a sentence: cut at semicolons, colons and dashes.
fn parts(sentence: &str) -> Vec<String> {
    sentence
        .split([';', ':', '—', '；', '：'])
        .map(str::to_string)
        .collect()
}

/// The sentence in lower case with the phrases that look like negations but are not
/// (irrevocable, not less than, whatever) taken out.
fn plain(s: &str) -> String {
    let mut s = s.to_lowercase();
    for idiom in [
        "不可撤销",
        "不少于",
        "不低于",
        "不迟于",
        "不超过",
        "不可分割",
        "无论",
        "not later than",
        "no later than",
        "not less than",
    ] {
        s = s.replace(idiom, " ");
    }
    s
}

fn has_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

const PAY: &[&str] = &[
    "bank",
    "account",
    "pay",
    "paid",
    "beneficiar",
    "remit",
    "refund",
    "credit",
    "付款",
    "支付",
    "账户",
    "账号",
    "银行",
    "收款",
    "汇款",
    "受益人",
    "退款",
    "信用证",
    "款项",
];
const CONFIRM: &[&str] = &[
    "confirm",
    "change",
    "amend",
    "alter",
    "update",
    "verif",
    "take effect",
    "takes effect",
    "valid",
    "确认",
    "变更",
    "更改",
    "修改",
    "更新",
    "核实",
    "为准",
    "生效",
];
const MAIL: &[&str] = &[
    "mail",
    "official domain",
    "official address",
    "邮件",
    "邮箱",
    "官方域名",
];

fn negated(part: &str) -> bool {
    let p = plain(part);
    let en = [
        "never", "not", "no", "nor", "neither", "cannot", "none", "nothing",
    ];
    words(&p)
        .iter()
        .any(|w| en.contains(&w.as_str()) || w.ends_with("n't"))
        || has_any(&p, &["不", "勿", "别", "无", "非", "未", "禁止"])
}

/// A sentence that speaks of bank details or payment, of confirming or changing, and of
/// e-mail must deny that e-mail does it: a negation in the part that names the e-mail or
/// the confirming. `None` when the sentence passes.
fn lets_email_decide_payment(sentence: &str) -> Option<String> {
    let s = plain(sentence);
    if !(has_any(&s, PAY) && has_any(&s, CONFIRM) && has_any(&s, MAIL)) {
        return None;
    }
    let fine = parts(sentence).iter().any(|p| {
        let low = plain(p);
        negated(p) && (has_any(&low, MAIL) || has_any(&low, CONFIRM))
    });
    (!fine).then(|| sentence.to_string())
}

#[test]
fn the_sentence_check_catches_the_old_wording_and_passes_the_rule() {
    for bad in [
        "It is perfect for a photo or a reminder, but decisions, specifications, prices, bank details and payment instructions never go through it: we always confirm them by e-mail from an official address.",
        "Any decision or instruction concerning the Contract, including the approval of samples and any change to specifications, quantities, packing, shipping dates or payment, takes effect only when confirmed by email sent from an Official Domain in accordance with Clause 3.",
        "但群里只做快速沟通：凡涉及决定、技术规格、价格、银行账户或付款指令的事项，一律以我方官方邮箱发出的电子邮件为准。",
        "Payment details are confirmed by e-mail from our official address.",
    ] {
        assert!(lets_email_decide_payment(bad).is_some(), "passed: {bad}");
    }
    for good in [
        "Our bank details will never change by e-mail — not even by a signed PDF from our own address.",
        "A request to amend the credit, or to pay outside it, that is made by email has no effect.",
        "我方银行账户信息绝不会通过邮件变更，即使是从我方官方邮箱发出、经签字的PDF文件也不行。",
        "Samples and specifications are confirmed by e-mail from an official address.",
    ] {
        assert!(lets_email_decide_payment(good).is_none(), "failed: {good}");
    }
}

#[test]
fn no_sentence_we_send_lets_email_confirm_or_change_bank_details_or_payment() {
    let mut bad = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (deal, dir, _) in deals() {
        for (doc, text) in documents(dir.path()) {
            if doc.starts_with("contract") {
                seen.extend(
                    text.lines()
                        .filter_map(|l| l.strip_prefix("### "))
                        .map(str::to_string),
                );
            }
            for s in sentences(&text) {
                if let Some(s) = lets_email_decide_payment(&s) {
                    bad.push(format!("{deal} / {doc}: {s}"));
                }
            }
        }
    }
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "{} sentences:\n{}",
        bad.len(),
        bad.join("\n")
    );
    // Every built-in clause was read: each title appears in some schedule.
    let lib = dealguard::clauses::Library::builtin().unwrap();
    for (id, c) in &lib.clauses {
        for lang in [dealguard::profile::Lang::En, dealguard::profile::Lang::Zh] {
            let title = c.title.get_or_any(lang);
            assert!(
                seen.iter().any(|h| h.contains(title)),
                "{id} ({title}) never rendered"
            );
        }
    }
}

/// The text of the clause titled `title` in a Markdown schedule (to the next heading).
fn clause<'a>(md: &'a str, title: &str) -> &'a str {
    let start = md
        .lines()
        .position(|l| l.starts_with("### ") && l.ends_with(title))
        .unwrap_or_else(|| panic!("no clause {title}"));
    let lines: Vec<&str> = md.lines().collect();
    let from = md.find(lines[start]).unwrap();
    let rest = &md[from + lines[start].len()..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    &rest[..end]
}

/// The number of the clause titled `title`: `### 8. Letter of credit` / `### 第8条 信用证`.
fn number_of(md: &str, title: &str) -> String {
    let line = md
        .lines()
        .find(|l| l.starts_with("### ") && l.ends_with(title))
        .unwrap();
    line.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn an_lc_deal_states_the_credit_the_profile_gives_and_one_route_to_change_it() {
    for (deal, dir, lc_only) in deals() {
        let d = dir.path();
        let yaml = std::fs::read_to_string(d.join("deal.yaml")).unwrap();
        let en = md(d, &["contract", "--lang", "en"]);
        if !en.contains("### ") || !en.contains("Letter of credit") {
            continue;
        }
        let zh = md(d, &["contract", "--lang", "zh"]);
        let phone = yaml
            .lines()
            .find_map(|l| l.trim().strip_prefix("callback_phone:"))
            .unwrap()
            .split('#')
            .next()
            .unwrap()
            .trim()
            .trim_matches('"')
            .to_string();
        let account = yaml
            .lines()
            .find_map(|l| l.trim().strip_prefix("account_number:"))
            .unwrap()
            .trim()
            .trim_matches('"')
            .to_string();
        let lc = clause(&en, "Letter of credit");
        for want in [
            "UCP 600",
            "MT700",
            "irrevocable",
            "transferable",
            "MT707",
            "chop",
            phone.as_str(),
            "for verification only",
        ] {
            assert!(
                lc.contains(want),
                "{deal}: L/C clause lacks {want:?}:\n{lc}"
            );
        }
        assert!(
            lc.contains(&account) || lc.contains("states no account"),
            "{deal}: no beneficiary account in\n{lc}"
        );
        let lc_zh = clause(&zh, "信用证");
        for want in [
            "UCP 600",
            "MT700",
            "不可撤销",
            "不可转让",
            "MT707",
            "公章",
            phone.as_str(),
        ] {
            assert!(
                lc_zh.contains(want),
                "{deal}: 信用证 lacks {want:?}:\n{lc_zh}"
            );
        }
        // Nothing the profile did not give: no veto, no bank "named" where none is.
        for text in [&en, &zh] {
            for invented in [
                "acceptable to the Seller",
                "卖方认可",
                "named in Clause",
                "所列开证行",
                "所列通知行",
            ] {
                assert!(!text.contains(invented), "{deal}: {invented:?}");
            }
        }
        let given =
            |key: &str| (yaml.lines()).any(|l| !l.trim_start().starts_with('#') && l.contains(key));
        if !given("advising_bank") {
            for text in [&en, &zh] {
                assert!(!text.contains("advised through Bank of China"), "{deal}");
                assert!(!text.contains("经Bank of China"), "{deal}");
                assert!(!text.contains("经中国银行"), "{deal}");
            }
        } else {
            assert!(lc.contains("Bank of China, Yiwu Branch"), "{deal}");
        }
        // The approvals clause speaks of the credit, not of a T/T notice or a new account.
        if lc_only {
            let v = clause(&en, "Verification of Payment Instructions");
            for tt in ["its signed notice", "first payment to a new account"] {
                assert!(!v.contains(tt), "{deal}: {tt:?} in\n{v}");
            }
            let v = clause(&zh, "付款指令的核实");
            for tt in ["经签署的变更通知", "向新账户首次付款"] {
                assert!(!v.contains(tt), "{deal}: {tt:?} in\n{v}");
            }
        }
        // Amendments: the credit's route is among the exceptions.
        let n = number_of(&en, "Letter of credit");
        let p = clause(&en, "Order of precedence and amendments");
        assert!(p.contains(&format!("Clause {n} (")), "{deal}: {p}");
        let p = clause(&zh, "效力顺序及修改");
        assert!(p.contains(&format!("第{n}条（")), "{deal}: {p}");
        if lc_only {
            no_payment_outside_the_credit(deal, d);
        }
    }
}

/// The letter and replies of an L/C deal never offer to pay outside the credit: no sentence
/// speaks of paying to another account or bank on a condition (after a call, once approved).
fn no_payment_outside_the_credit(deal: &str, d: &Path) {
    for lang in ["en", "zh"] {
        for args in [
            vec!["letter"],
            vec!["reply", "--tone", "formal"],
            vec!["reply", "--tone", "warm"],
        ] {
            let mut args = args.clone();
            args.extend(["--lang", lang]);
            let text = md(d, &args);
            for s in sentences(&text) {
                let low = plain(&s);
                let other = has_any(
                    &low,
                    &[
                        "other than",
                        "another",
                        "outside",
                        "instead",
                        "以外",
                        "之外",
                        "其他",
                        "改为",
                    ],
                );
                let when = words(&low).iter().any(|w| {
                    ["until", "before", "after", "unless", "once", "when"].contains(&w.as_str())
                }) || has_any(&low, &["之前", "之后", "除非", "方可", "后"]);
                let pay = has_any(&low, &["pay", "paid", "付款", "支付"]);
                assert!(
                    !(pay && other && when),
                    "{deal} {args:?}: offers payment outside the credit: {s}"
                );
            }
            assert!(text.contains("MT707"), "{deal} {args:?}");
        }
    }
}

#[test]
fn nothing_we_send_says_ding_jin() {
    for (deal, dir, _) in deals() {
        for (doc, text) in documents(dir.path()) {
            assert!(!text.contains("定金"), "{deal} / {doc} says 定金");
        }
    }
    let t = example();
    let zh = md(t.path(), &["contract", "--lang", "zh"]);
    assert!(zh.contains("合同价款的30%（预付款）"), "{zh}");
}

#[test]
fn dmarc_before_the_first_payment_and_proportionate_strict_remedies() {
    let t = example();
    let en = md(t.path(), &["contract", "--lang", "en"]);
    let zh = md(t.path(), &["contract", "--lang", "zh"]);
    let m = clause(&en, "Security measures");
    assert!(
        m.contains("before the first payment under the Contract falls due"),
        "{m}"
    );
    assert!(!m.contains("90 days"), "{m}");
    let m = clause(&zh, "安全措施");
    assert!(m.contains("首笔款项到期之前"), "{m}");
    assert!(!m.contains("90日"), "{m}");

    let t = fixture("valid", "no-channels");
    let en = md(t.path(), &["contract", "--lang", "en"]);
    let zh = md(t.path(), &["contract", "--lang", "zh"]);
    // Material only when repeated or aimed at a payment, for both parties; (b) is about
    // beneficiary and bank details and the payment route, not dates agreed by amendment.
    let r = clause(&en, "Remedies for breach of this Schedule");
    let b = r.lines().find(|l| l.starts_with("(b)")).unwrap();
    assert!(
        !r.contains("cannot be remedied") && !b.contains("date"),
        "{r}"
    );
    assert!(
        r.contains("repeated") && b.contains("a party requesting"),
        "{r}"
    );
    assert!(
        r.contains("whichever party") && !r.contains("the Seller requesting"),
        "{r}"
    );
    let r = clause(&zh, "违反本附件的责任");
    let b = r.lines().find(|l| l.starts_with("（二）")).unwrap();
    assert!(!r.contains("无法纠正") && !b.contains("日期"), "{r}");
    assert!(
        r.contains("再次") && b.contains("一方不按照") && r.contains("任何一方"),
        "{r}"
    );
    // Encrypted files never carry a change of bank details; passwords only by call-back.
    let e = clause(&en, "Encrypted transfer of documents");
    assert!(
        e.contains("never changes") && e.contains("never by text message"),
        "{e}"
    );
    assert!(!e.contains("such as telephone or text message"), "{e}");
    let e = clause(&zh, "文件的加密传输");
    assert!(e.contains("不得通过短信"), "{e}");
}

#[test]
fn milestones_reports_have_a_longest_interval_and_no_week() {
    let t = fixture("valid", "shenzhen-zh");
    edit(t.path(), "cadence: weekly", "cadence: milestones");
    edit(t.path(), "    weekday: friday\n", "");
    let en = md(t.path(), &["contract", "--lang", "en"]);
    assert!(en.contains("and at least every 14 days"), "{en}");
    let zh = md(t.path(), &["contract", "--lang", "zh"]);
    assert!(zh.contains("且至少每14日"), "{zh}");
    edit(
        t.path(),
        "cadence: milestones",
        "cadence: milestones\n    max_interval_days: 10",
    );
    let en = md(t.path(), &["contract", "--lang", "en"]);
    assert!(en.contains("and at least every 10 days"), "{en}");
    // The report's header and title block say no "Week".
    let pdf = t.path().join("r.pdf");
    let r = dealguard(
        t.path(),
        &[
            "report",
            "reports/2026-W49.yaml",
            "--lang",
            "en+zh",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    ok(&r);
    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    for week in ["Week", "周次", "本周"] {
        assert!(!text.contains(week), "{week} in\n{text}");
    }
}

#[test]
fn incident_notices_go_to_the_security_contacts() {
    let t = example();
    let en = md(t.path(), &["contract", "--lang", "en"]);
    let c = clause(&en, "Security Incidents and fraud attempts");
    assert!(c.contains("Security Contact"), "{c}");
    let zh = md(t.path(), &["contract", "--lang", "zh"]);
    let c = clause(&zh, "安全事件及欺诈企图的通知");
    assert!(c.contains("安全联络邮箱"), "{c}");
}
