//! Select stage: the security topics a contract schedule must cover (SPEC, "Clause library").

/// A topic: id used in clause files, and its description in English and Chinese.
pub struct Topic {
    /// Id written in `topics:` of a clause file.
    pub id: &'static str,
    /// What the topic is, in English.
    pub en: &'static str,
    /// What the topic is, in Chinese.
    pub zh: &'static str,
}

/// Every topic the built-in `standard` set covers, in the order of the SPEC.
pub const TOPICS: [Topic; 18] = [
    Topic {
        id: "scope",
        en: "Scope of information exchanged",
        zh: "交换信息的范围",
    },
    Topic {
        id: "channels",
        en: "Official channels, named contacts, changes confirmed by call-back",
        zh: "正式渠道、指定联系人及回拨确认变更",
    },
    Topic {
        id: "credentials",
        en: "No sharing or requesting of credentials; named accounts only",
        zh: "不共享、不索要账号密码；仅用实名账户",
    },
    Topic {
        id: "reporting",
        en: "Structured transparency: the progress report",
        zh: "结构化透明：进度报告",
    },
    Topic {
        id: "platform",
        en: "Project platform with scoped access and revocation",
        zh: "项目平台的分级权限与撤销",
    },
    Topic {
        id: "instant-messaging",
        en: "Instant messaging for quick updates only",
        zh: "即时通讯仅用于快速沟通",
    },
    Topic {
        id: "bank-details",
        en: "Fixed bank details; changes verified by call-back with approvers",
        zh: "收款账户固定；变更须回拨核实并经审批",
    },
    Topic {
        id: "payment-loss",
        en: "Loss from unverified payment instructions",
        zh: "未经核实付款指令造成的损失",
    },
    Topic {
        id: "confidentiality",
        en: "Confidentiality of prices, designs, customer and supplier data",
        zh: "价格、设计、客户及供应商信息保密",
    },
    Topic {
        id: "personal-data",
        en: "Personal data of staff (GDPR variant for EU/EEA buyers)",
        zh: "员工个人信息（欧盟/欧洲经济区买方适用GDPR）",
    },
    Topic {
        id: "security-measures",
        en: "Security measures: multi-factor login, malware protection, access control, training",
        zh: "安全措施：多因素登录、恶意软件防护、访问控制、培训",
    },
    Topic {
        id: "incident-notice",
        en: "Incident and fraud-attempt notice, cooperation, bank recall",
        zh: "安全事件及诈骗企图通知、配合、银行追回",
    },
    Topic {
        id: "records",
        en: "Record keeping for the retention period",
        zh: "保存期内的记录留存",
    },
    Topic {
        id: "return-destruction",
        en: "Return or destruction at the end",
        zh: "合同终止后的返还或销毁",
    },
    Topic {
        id: "third-parties",
        en: "Subcontractors, inspectors and forwarders on need-to-know terms",
        zh: "分包方、检验机构及货代按需知悉",
    },
    Topic {
        id: "audit",
        en: "Audit and evidence on request",
        zh: "应要求提供证明或接受审核",
    },
    Topic {
        id: "precedence",
        en: "Order of precedence",
        zh: "效力优先顺序",
    },
    Topic {
        id: "governing-language",
        en: "Governing language of a bilingual text",
        zh: "双语文本的准据语言",
    },
];

/// Whether `id` is a known topic.
pub fn is_topic(id: &str) -> bool {
    TOPICS.iter().any(|t| t.id == id)
}

/// A point of a published guidance text that clauses can cover: ISO/IEC 27002:2022 control 5.20
/// (information security in supplier agreements) or the FBI IC3's advice on business e-mail
/// compromise. The points are paraphrased, not quoted (the standard is copyrighted).
pub struct Point {
    /// Short id shown in `clauses coverage`.
    pub id: &'static str,
    /// What the guidance asks for, in English.
    pub en: &'static str,
    /// Built-in clause ids that cover it (a company clause with the same id counts too).
    pub clauses: &'static [&'static str],
}

const fn point(id: &'static str, en: &'static str, clauses: &'static [&'static str]) -> Point {
    Point { id, en, clauses }
}

/// A guidance text and its points.
pub struct Guidance {
    /// Its name, as `clauses coverage` prints it.
    pub name: &'static str,
    /// The points, in the order of the text.
    pub points: &'static [Point],
}

/// ISO/IEC 27002:2022 control 5.20 and the IC3 business e-mail compromise advice.
pub const GUIDANCE: [Guidance; 2] = [
    Guidance {
        name: "ISO/IEC 27002:2022 control 5.20 (information security in supplier agreements)",
        points: &ISO_27002_5_20,
    },
    Guidance {
        name: "IC3 advice on business e-mail compromise",
        points: &IC3_BEC,
    },
];

/// The points of ISO/IEC 27002:2022 5.20, paraphrased, in the order of its guidance.
const ISO_27002_5_20: [Point; 16] = [
    point(
        "information",
        "Information provided or accessed, and how",
        &[
            "scope",
            "official-channels",
            "project-platform",
            "progress-reporting",
        ],
    ),
    point(
        "legal",
        "Legal and regulatory requirements, data protection",
        &["personal-data", "personal-data-gdpr", "governing-law"],
    ),
    point(
        "controls",
        "Each party's obligation to apply agreed controls",
        &["security-measures", "encrypted-transfer"],
    ),
    point(
        "acceptable-use",
        "Acceptable and unacceptable use of information",
        &[
            "no-credential-sharing",
            "instant-messaging",
            "confidentiality",
        ],
    ),
    point(
        "authorisation",
        "Which people are authorised, and removing them",
        &[
            "definitions",
            "official-channels",
            "contact-changes",
            "project-platform",
            "access-review",
        ],
    ),
    point(
        "remedies",
        "Remedies and indemnities for failing the requirements",
        &[
            "no-credential-sharing",
            "unverified-payment-loss",
            "breach-remedies",
        ],
    ),
    point(
        "incidents",
        "Incident notice and cooperation in remediation",
        &["incident-notice"],
    ),
    point("training", "Training and awareness", &["security-measures"]),
    point(
        "subcontracting",
        "Subcontractors and their controls",
        &["third-parties"],
    ),
    point(
        "security-contact",
        "A contact for information security on each side",
        &["definitions", "incident-notice"],
    ),
    point(
        "assurance",
        "Evidence and assurance of the controls",
        &["security-evidence"],
    ),
    point("audit", "Right to audit", &["audit-rights"]),
    point(
        "disputes",
        "Conflict and dispute resolution",
        &[
            "order-of-precedence",
            "governing-law",
            "governing-language",
            "formal-notices",
        ],
    ),
    point(
        "transfer",
        "Protection of information in transfer",
        &["official-channels", "encrypted-transfer"],
    ),
    point(
        "change-notice",
        "Changes notified in advance and agreed",
        &["contact-changes", "bank-details", "order-of-precedence"],
    ),
    point(
        "termination",
        "End of the agreement: records, return, disposal, lasting confidentiality",
        &[
            "record-keeping",
            "return-destruction",
            "survival",
            "confidentiality",
        ],
    ),
];

/// The FBI IC3's advice on business e-mail compromise, paraphrased.
const IC3_BEC: [Point; 10] = [
    point(
        "call-back",
        "Verify payment and account changes by calling a number on file, not one in the message",
        &["payment-verification", "contact-changes", "bank-details"],
    ),
    point(
        "pressure",
        "Distrust pressure to act quickly or secretly",
        &["payment-verification"],
    ),
    point(
        "look-alikes",
        "Check sender addresses and links for look-alike domains",
        &["official-channels"],
    ),
    point(
        "mfa",
        "Multi-factor authentication on e-mail",
        &["security-measures"],
    ),
    point(
        "credentials",
        "Never give out log-in credentials",
        &["no-credential-sharing"],
    ),
    point(
        "two-approvers",
        "More than one person approves a payment change",
        &["payment-verification"],
    ),
    point(
        "training",
        "Train staff to recognise the scheme",
        &["security-measures"],
    ),
    point(
        "recall",
        "Money sent: ask the sending bank to recall it at once",
        &["incident-notice", "governing-law"],
    ),
    point(
        "report",
        "Report to IC3 (in the US) or the police; the clause names each party's authority by country",
        &["incident-notice"],
    ),
    point(
        "preserve",
        "Keep the messages with their headers",
        &["record-keeping", "incident-notice"],
    ),
];

/// What the schedule deliberately leaves to the main contract, and why.
pub const LEFT_TO_MAIN_CONTRACT: [(&str, &str); 5] = [
    ("intellectual property in drawings", "ownership and licences are commercial terms of the main contract; the schedule only keeps drawings confidential"),
    ("information classification", "two trading companies rarely share a scheme; all non-public information is Confidential Information instead"),
    ("staff screening", "governed by each side's employment and privacy law (PIPL, GDPR); named accounts and training are required instead"),
    ("backup", "concerns the availability of each party's own systems, not the information exchanged"),
    ("physical security", "each party's own premises; only inspectors' conduct on site is in the schedule (third parties)"),
];
