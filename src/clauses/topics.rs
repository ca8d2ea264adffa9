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
