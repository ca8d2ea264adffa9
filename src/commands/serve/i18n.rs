//! The page's words in English and Chinese. The language is the `lang` cookie (set by the
//! switch on every page, `?lang=zh`), else the browser's `Accept-Language`, else English.
//! Documents and `verify`'s verdicts keep their own language choice (the deal's, the reader's).

use super::guard::{cookie, query_param};
use axum::http::HeaderMap;
use serde_json::{Map, Value};

/// The cookie that keeps the chosen language.
pub(crate) const COOKIE: &str = "dealguard_lang";

/// A request's language: the one to show, whether the query just chose it (then the cookie is
/// set), and the address of the same page in the other language.
#[derive(Debug, Clone)]
pub(crate) struct Asked {
    /// The language to show.
    pub(crate) ui: Ui,
    /// `?lang=` chose it.
    pub(crate) chosen: bool,
    /// This page in the other language.
    pub(crate) switch: String,
}

impl Asked {
    /// The language of a request to `path` with `query`.
    pub(crate) fn of(path: &str, query: Option<&str>, headers: &HeaderMap) -> Asked {
        let (ui, chosen) = Ui::of(query, headers);
        let mut rest: Vec<&str> = query
            .unwrap_or("")
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("lang=") && !kv.starts_with("token="))
            .collect();
        let other = match ui {
            Ui::En => "lang=zh",
            Ui::Zh => "lang=en",
        };
        rest.push(other);
        Asked {
            ui,
            chosen,
            switch: format!("{path}?{}", rest.join("&")),
        }
    }
}

/// The interface's two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ui {
    En,
    Zh,
}

impl Ui {
    /// `en` or `zh`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Ui::En => "en",
            Ui::Zh => "zh",
        }
    }

    fn parse(s: &str) -> Option<Ui> {
        match s {
            "en" => Some(Ui::En),
            "zh" => Some(Ui::Zh),
            _ => None,
        }
    }

    /// The language of a request: asked in the query, kept in the cookie, or the browser's.
    pub(crate) fn of(query: Option<&str>, headers: &HeaderMap) -> (Ui, bool) {
        if let Some(l) = query_param(query, "lang").and_then(Ui::parse) {
            return (l, true);
        }
        if let Some(l) = cookie(headers, COOKIE).and_then(Ui::parse) {
            return (l, false);
        }
        let accept = headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        (from_accept(accept), false)
    }

    /// The page's words in this language, as `t` of the templates.
    pub(crate) fn words(self) -> Value {
        let mut m = Map::new();
        for (k, en, zh) in WORDS {
            let w = match self {
                Ui::En => en,
                Ui::Zh => zh,
            };
            m.insert((*k).to_string(), Value::String((*w).to_string()));
        }
        Value::Object(m)
    }
}

/// The first language of `Accept-Language` that we have (by the order of the header, the
/// weights of real browsers follow it), English when none.
fn from_accept(accept: &str) -> Ui {
    accept
        .split(',')
        .filter_map(|part| {
            let tag = part.split(';').next()?.trim().to_ascii_lowercase();
            let primary = tag.split('-').next()?.to_string();
            Ui::parse(&primary)
        })
        .next()
        .unwrap_or(Ui::En)
}

/// Every word of the interface: key, English, Chinese.
const WORDS: &[(&str, &str, &str)] = &[
    ("app", "dealguard", "dealguard"),
    ("switch", "中文", "English"),
    ("portfolio", "Deals", "订单总览"),
    ("deal", "Deal", "订单"),
    ("buyer", "Buyer", "买方"),
    ("last_report", "Last report", "最近一期报告"),
    ("completion", "Completion (actual / planned)", "完成度（实际 / 计划）"),
    ("shipment", "Shipment (contract / forecast)", "出货（合同 / 预计）"),
    ("next_report", "Next report", "下一期报告"),
    ("late", "late", "已逾期"),
    ("buyer_actions", "Open buyer actions", "待买方处理事项"),
    ("problems", "Problems", "问题"),
    ("errors", "Errors:", "错误："),
    ("warnings", "Warnings:", "警告："),
    ("none", "none", "无"),
    ("no_deals", "No deal here: a deal is a folder with a deal.yaml (`dealguard init my-deal` writes one).", "这里没有订单：每个订单是一个含 deal.yaml 的文件夹（`dealguard init my-deal` 可生成）。"),
    ("not_loaded", "The profile does not load", "订单资料无法读取"),
    ("documents", "Documents", "文件"),
    ("document", "Document", "文件"),
    ("contract", "Contract schedule (information security)", "合同附件（信息安全条款）"),
    ("letter", "Welcome letter to the buyer", "致买方的安全沟通函"),
    ("reply", "Reply to a password request", "索要邮箱密码时的回复"),
    ("briefing", "Staff briefing", "员工须知"),
    ("callback", "Call-back record", "电话核实记录表"),
    ("report", "Progress report", "进度报告"),
    ("preview", "Preview", "预览"),
    ("report_mail", "Mail to the buyer (.eml)", "致买方邮件（.eml）"),
    ("download", "Download", "下载"),
    ("weeks", "Weekly reports", "周报"),
    ("week", "Week", "周次"),
    ("status", "Status", "状态"),
    ("edit", "Edit the week", "填写本周"),
    ("new_week", "New week", "新建一周"),
    ("new_week_help", "Writes the next report's week file, carried over from the latest (as `dealguard week new`).", "生成下一期周报文件，沿用上一期内容（同 `dealguard week new`）。"),
    ("check_problems", "Problems found by the check", "检查发现的问题"),
    ("no_problems", "The check finds no problem.", "检查未发现问题。"),
    ("field", "Field", "字段"),
    ("file", "File", "文件"),
    ("check_mail", "Check a mail", "核查邮件"),
    ("check_mail_help", "Drop .eml or .msg files (saved from the mail program), or paste the mail's source. The mail is checked against this deal before anyone pays.", "拖入 .eml 或 .msg 文件（从邮件程序另存），或粘贴邮件原文。付款前先按本订单核查邮件。"),
    ("mail_files", "Mail files (.eml, .msg)", "邮件文件（.eml、.msg）"),
    ("paste", "Or paste the raw mail (headers and body)", "或粘贴邮件原文（含邮件头）"),
    ("check", "Check", "核查"),
    ("verdict", "Verdict", "结论"),
    ("warn", "Warning signs: do not pay, call back", "发现可疑迹象：不要付款，先电话核实"),
    ("pass", "No warning sign found", "未发现可疑迹象"),
    ("evidence", "Evidence", "依据"),
    ("summary", "Summary", "本周概述"),
    ("progress", "Progress", "生产进度"),
    ("stage", "Stage", "工序"),
    ("planned", "Planned %", "计划 %"),
    ("actual", "Actual %", "实际 %"),
    ("note", "Note", "备注"),
    ("inspections", "Inspections (ISO 2859-1)", "检验（ISO 2859-1）"),
    ("item", "Item", "检验项目"),
    ("standard", "Standard", "标准"),
    ("lot_size", "Lot size", "批量"),
    ("level", "Inspection level", "检验水平"),
    ("aql", "AQL", "AQL"),
    ("critical", "Critical", "致命"),
    ("major", "Major", "严重"),
    ("minor", "Minor", "轻微"),
    ("aql_critical", "AQL critical", "AQL 致命"),
    ("aql_major", "AQL major", "AQL 严重"),
    ("aql_minor", "AQL minor", "AQL 轻微"),
    ("found_critical", "Critical found", "致命缺陷数"),
    ("found_major", "Major found", "严重缺陷数"),
    ("found_minor", "Minor found", "轻微缺陷数"),
    ("inspector", "Inspector", "检验员"),
    ("report_ref", "Report ref.", "报告编号"),
    ("sample", "Sample:", "抽样："),
    ("sample_size", "sample size", "样本量"),
    ("accept_reject", "Ac/Re", "Ac/Re"),
    ("materials", "Material purchases", "物料采购"),
    ("material", "Material", "物料"),
    ("supplier", "Supplier", "供应商"),
    ("voucher", "Voucher", "凭证号"),
    ("ordered", "Ordered", "订购"),
    ("received", "Received", "已收"),
    ("date", "Date", "日期"),
    ("photos", "Site photos", "现场照片"),
    ("caption", "Caption", "说明"),
    ("taken", "Taken", "拍摄日期"),
    ("add_photos", "Add photos (JPEG or PNG; several at once, or drop them here)", "添加照片（JPEG 或 PNG，可多选，或拖到这里）"),
    ("upload", "Upload", "上传"),
    ("heic", "HEIC/HEIF photos are not supported: set the camera to “Most Compatible” (JPEG), or export them as JPEG or PNG, then upload:", "不支持 HEIC/HEIF 照片：请把相机设为“兼容性最佳”（JPEG），或导出为 JPEG/PNG 后再上传："),
    ("videos", "Videos", "视频"),
    ("plan", "Next-stage plan", "下阶段计划"),
    ("task", "Task", "任务"),
    ("owner", "Owner", "负责人"),
    ("start", "Start", "开始"),
    ("due", "Due", "截止"),
    ("milestone", "Milestone", "里程碑"),
    ("issues", "Issues", "问题与风险"),
    ("add_row", "Add a row", "添加一行"),
    ("save", "Save", "保存"),
    ("finish", "Finish: PDF and mail", "完成：生成 PDF 和邮件"),
    ("saved", "Saved.", "已保存。"),
    ("fill_in", "FILL IN", "待填写"),
    ("fill_in_left", "fields still say FILL IN: the report waits for them (Preview marks the draft).", "个字段仍为“待填写”：填完才能出正式报告（预览为草稿）。"),
    ("conflict", "This week was changed in another tab or by another person since you opened it. Nothing was saved. Your entries are below: open the week again, and enter them there.", "打开本页后，本周文件已在其他标签页或被他人修改，本次未保存。你填写的内容保留在下方：请重新打开本周后再填入。"),
    ("reopen", "Open the week as saved", "打开已保存的版本"),
    ("invalid", "Nothing was saved: correct the fields marked below.", "未保存：请更正下方标出的字段。"),
    ("finished", "The report and its mail are made.", "报告和邮件已生成。"),
    ("open_mail", "Open the .eml in the mail program, check it, send it.", "在邮件程序中打开 .eml 文件，核对后发送。"),
    ("failed", "It did not work", "未能完成"),
    ("back", "Back", "返回"),
    ("phone_title", "Site photos for", "上传现场照片："),
    ("phone_help", "Choose or take photos; they go straight into this week's report.", "选择或拍摄照片，直接加入本周报告。"),
    ("uploaded", "photos added", "张照片已添加"),
    ("lan_qr", "Scan with a phone on the same network to upload site photos into this week.", "用同一网络的手机扫码，直接上传本周现场照片。"),
    ("lang_of_docs", "Language", "语言"),
    ("format", "Format", "格式"),
    ("draft", "draft", "草稿"),
    ("other_problems", "Not at a field", "其他问题"),
    ("week_of", "Week", "周次"),
    ("prepared_by", "Prepared by", "编制"),
    ("reviewed_by", "Reviewed by", "审核"),
    ("forecast_ship", "Forecast shipment", "预计出货"),
    ("number", "Report number", "报告序号"),
    ("on_track", "on track", "正常"),
    ("at_risk", "at risk", "有风险"),
    ("delayed", "delayed", "延误"),
    ("partial", "partial", "部分到货"),
    ("url", "Link", "链接"),
    ("hint", "Hint", "提示"),
    ("skip", "Skip to the content", "跳到正文"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_first_language_we_have_wins() {
        assert_eq!(from_accept("zh-CN,zh;q=0.9,en;q=0.8"), Ui::Zh);
        assert_eq!(from_accept("de-DE,en;q=0.7,zh;q=0.5"), Ui::En);
        assert_eq!(from_accept("fr"), Ui::En);
        assert_eq!(from_accept("zh-Hant-TW"), Ui::Zh);
    }

    #[test]
    fn every_word_has_both_languages_and_one_key() {
        let mut keys: Vec<&str> = WORDS.iter().map(|w| w.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is repeated");
        assert!(WORDS
            .iter()
            .all(|(_, en, zh)| !en.is_empty() && !zh.is_empty()));
    }
}
