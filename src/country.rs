//! Select/render stages: what the documents say that depends on a party's country — where a
//! fraud is reported (the incident clause) and, for an EU/EEA buyer, the data-protection
//! supervisory authority (the SCC annexes). One table each, looked up by ISO 3166 code; a
//! country not in a table gets a general wording, never another country's authority.

use crate::profile::deal::Profile;
use crate::profile::Lang;
use serde_yaml::{Mapping, Value as Yaml};

/// A text in English and Chinese: a noun phrase that fits "report it to …" / "向……报案".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    /// English.
    pub en: &'static str,
    /// Chinese.
    pub zh: &'static str,
}

impl Said {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

const fn said(en: &'static str, zh: &'static str) -> Said {
    Said { en, zh }
}

/// Where a party reports a fraud (a payment made on a fraudulent instruction), by country.
/// Numbers are the non-emergency or reporting lines; the police take reports in every country.
const FRAUD_REPORT: [(&str, Said); 17] = [
    ("AU", said("ReportCyber of the Australian Cyber Security Centre (www.cyber.gov.au) and the police (131 444)", "澳大利亚网络安全中心ReportCyber平台（www.cyber.gov.au）及警方（电话131 444）")),
    ("CA", said("the Canadian Anti-Fraud Centre (1-888-495-8501, www.antifraudcentre-centreantifraude.ca) and the local police", "加拿大反欺诈中心（电话1-888-495-8501，网址www.antifraudcentre-centreantifraude.ca）及当地警方")),
    ("CN", said("the public security authorities (telephone 110; anti-fraud hotline 96110)", "公安机关（报警电话110；反诈专线96110）")),
    ("DE", said("the police (the online police station, Onlinewache, of its Land; 110 in an emergency)", "德国警方（所在州警方的网上报案平台Onlinewache；紧急情况拨打110）")),
    ("ES", said("the Policía Nacional (091, www.policia.es) or the Guardia Civil (062)", "西班牙国家警察（电话091，网址www.policia.es）或者国民警卫队（电话062）")),
    ("FR", said("the police nationale or the gendarmerie (17 in an emergency)", "法国国家警察或者宪兵（紧急情况拨打17）")),
    ("GB", said("Action Fraud (0300 123 2040, www.actionfraud.police.uk; in Scotland, Police Scotland on 101)", "英国反欺诈举报中心Action Fraud（电话0300 123 2040，网址www.actionfraud.police.uk；苏格兰地区为苏格兰警察局，电话101）")),
    ("HK", said("the Hong Kong Police Force (e-Report Centre at www.police.gov.hk; Anti-Scam Helpline 18222)", "香港警务处（网上报案中心www.police.gov.hk；防骗易热线18222）")),
    ("IE", said("An Garda Síochána (any Garda station; 999 or 112 in an emergency)", "爱尔兰国家警察An Garda Síochána（任一警署；紧急情况拨打999或者112）")),
    ("IT", said("the Polizia Postale e delle Comunicazioni (www.commissariatodips.it) or the Carabinieri (112)", "意大利邮政与通信警察（www.commissariatodips.it）或者宪兵（电话112）")),
    ("JP", said("the police (110; police consultation line #9110)", "日本警方（报警电话110；警察咨询专线#9110）")),
    ("KR", said("the Korean National Police Agency (112; cyber crime reports at ecrm.police.go.kr)", "韩国警察厅（报警电话112；网络犯罪举报平台ecrm.police.go.kr）")),
    ("NL", said("the police (Politie, 0900 8844, www.politie.nl) and the Fraudehelpdesk (www.fraudehelpdesk.nl)", "荷兰警方（电话0900 8844，网址www.politie.nl）及荷兰反欺诈咨询中心Fraudehelpdesk（www.fraudehelpdesk.nl）")),
    ("SE", said("the Swedish Police Authority (Polisen: telephone 114 14, www.polisen.se)", "瑞典警察局（Polisen，电话114 14，网址www.polisen.se）")),
    ("SG", said("the Singapore Police Force (police hotline 1800 255 0000; eservices.police.gov.sg)", "新加坡警察部队（警方热线1800 255 0000；网上报案eservices.police.gov.sg）")),
    ("UK", said("Action Fraud (0300 123 2040, www.actionfraud.police.uk; in Scotland, Police Scotland on 101)", "英国反欺诈举报中心Action Fraud（电话0300 123 2040，网址www.actionfraud.police.uk；苏格兰地区为苏格兰警察局，电话101）")),
    ("US", said("the FBI’s Internet Crime Complaint Center (IC3, www.ic3.gov) and the local police", "美国联邦调查局互联网犯罪投诉中心（IC3，www.ic3.gov）及当地警方")),
];

/// Where a party in a country not in `FRAUD_REPORT` reports a fraud.
pub const FRAUD_REPORT_ELSEWHERE: Said =
    said("the police of its country", "其所在国家或者地区的警方");

/// Where a party in `country` reports a fraud.
pub fn fraud_report(country: &str) -> Said {
    let cc = country.trim().to_ascii_uppercase();
    FRAUD_REPORT
        .iter()
        .find(|(c, _)| *c == cc)
        .map_or(FRAUD_REPORT_ELSEWHERE, |(_, s)| *s)
}

/// `facts.fraud_report`: `buyer` and `seller`, where each reports a fraud, in `lang`.
pub fn fraud_report_facts(p: &Profile, lang: Lang) -> Yaml {
    let mut m = Mapping::new();
    for (who, party) in [("buyer", &p.buyer), ("seller", &p.seller)] {
        m.insert(
            Yaml::String(who.into()),
            Yaml::String(fraud_report(&party.country).get(lang).into()),
        );
    }
    Yaml::Mapping(m)
}

/// The data-protection supervisory authority of each EU/EEA country (SCC Clause 13(a): the
/// authority of the data exporter's establishment). Germany has one per Land.
const SUPERVISORY_AUTHORITY: [(&str, Said); 30] = [
    ("AT", said("the Österreichische Datenschutzbehörde (Austrian Data Protection Authority)", "奥地利数据保护局（Österreichische Datenschutzbehörde）")),
    ("BE", said("the Autorité de protection des données / Gegevensbeschermingsautoriteit (Belgian Data Protection Authority)", "比利时数据保护局（Autorité de protection des données / Gegevensbeschermingsautoriteit）")),
    ("BG", said("the Commission for Personal Data Protection of Bulgaria", "保加利亚个人数据保护委员会")),
    ("CY", said("the Commissioner for Personal Data Protection of Cyprus", "塞浦路斯个人数据保护专员")),
    ("CZ", said("the Úřad pro ochranu osobních údajů (Czech Office for Personal Data Protection)", "捷克个人数据保护办公室（Úřad pro ochranu osobních údajů）")),
    ("DE", said("the supervisory authority of the German Land (federal state) in which the Buyer is established", "买方设立地所在的德国联邦州的数据保护监管机构")),
    ("DK", said("Datatilsynet (Danish Data Protection Agency)", "丹麦数据保护局（Datatilsynet）")),
    ("EE", said("the Andmekaitse Inspektsioon (Estonian Data Protection Inspectorate)", "爱沙尼亚数据保护监察局（Andmekaitse Inspektsioon）")),
    ("ES", said("the Agencia Española de Protección de Datos (AEPD)", "西班牙数据保护局（Agencia Española de Protección de Datos，AEPD）")),
    ("FI", said("the Office of the Data Protection Ombudsman of Finland (Tietosuojavaltuutetun toimisto)", "芬兰数据保护监察专员办公室（Tietosuojavaltuutetun toimisto）")),
    ("FR", said("the Commission nationale de l’informatique et des libertés (CNIL)", "法国国家信息与自由委员会（Commission nationale de l’informatique et des libertés，CNIL）")),
    ("GR", said("the Hellenic Data Protection Authority", "希腊数据保护局")),
    ("HR", said("the Agencija za zaštitu osobnih podataka (Croatian Personal Data Protection Agency, AZOP)", "克罗地亚个人数据保护局（Agencija za zaštitu osobnih podataka，AZOP）")),
    ("HU", said("the Nemzeti Adatvédelmi és Információszabadság Hatóság (Hungarian National Authority for Data Protection and Freedom of Information, NAIH)", "匈牙利国家数据保护与信息自由局（Nemzeti Adatvédelmi és Információszabadság Hatóság，NAIH）")),
    ("IE", said("the Data Protection Commission (DPC) of Ireland", "爱尔兰数据保护委员会（Data Protection Commission，DPC）")),
    ("IS", said("Persónuvernd (Icelandic Data Protection Authority)", "冰岛数据保护局（Persónuvernd）")),
    ("IT", said("the Garante per la protezione dei dati personali (Italian Data Protection Authority)", "意大利个人数据保护监管局（Garante per la protezione dei dati personali）")),
    ("LI", said("the Datenschutzstelle Liechtenstein (Data Protection Authority of Liechtenstein)", "列支敦士登数据保护局（Datenschutzstelle Liechtenstein）")),
    ("LT", said("the Valstybinė duomenų apsaugos inspekcija (State Data Protection Inspectorate of Lithuania)", "立陶宛国家数据保护监察局（Valstybinė duomenų apsaugos inspekcija）")),
    ("LU", said("the Commission nationale pour la protection des données (CNPD) of Luxembourg", "卢森堡国家数据保护委员会（Commission nationale pour la protection des données，CNPD）")),
    ("LV", said("the Datu valsts inspekcija (Data State Inspectorate of Latvia)", "拉脱维亚国家数据监察局（Datu valsts inspekcija）")),
    ("MT", said("the Information and Data Protection Commissioner (IDPC) of Malta", "马耳他信息与数据保护专员（Information and Data Protection Commissioner，IDPC）")),
    ("NL", said("the Autoriteit Persoonsgegevens (Dutch Data Protection Authority)", "荷兰个人数据管理局（Autoriteit Persoonsgegevens）")),
    ("NO", said("Datatilsynet (Norwegian Data Protection Authority)", "挪威数据保护局（Datatilsynet）")),
    ("PL", said("the Prezes Urzędu Ochrony Danych Osobowych (President of the Polish Personal Data Protection Office, UODO)", "波兰个人数据保护局局长（Prezes Urzędu Ochrony Danych Osobowych，UODO）")),
    ("PT", said("the Comissão Nacional de Proteção de Dados (CNPD) of Portugal", "葡萄牙国家数据保护委员会（Comissão Nacional de Proteção de Dados，CNPD）")),
    ("RO", said("the Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal (Romanian National Supervisory Authority for Personal Data Processing, ANSPDCP)", "罗马尼亚国家个人数据处理监管局（ANSPDCP）")),
    ("SE", said("Integritetsskyddsmyndigheten (IMY), the Swedish Authority for Privacy Protection", "瑞典隐私保护局（Integritetsskyddsmyndigheten，IMY）")),
    ("SI", said("the Informacijski pooblaščenec (Information Commissioner of Slovenia)", "斯洛文尼亚信息专员（Informacijski pooblaščenec）")),
    ("SK", said("the Úrad na ochranu osobných údajov Slovenskej republiky (Office for Personal Data Protection of the Slovak Republic)", "斯洛伐克个人数据保护办公室（Úrad na ochranu osobných údajov Slovenskej republiky）")),
];

/// The supervisory authority of an EU/EEA country; `None` elsewhere.
pub fn supervisory_authority(country: &str) -> Option<Said> {
    let cc = country.trim().to_ascii_uppercase();
    SUPERVISORY_AUTHORITY
        .iter()
        .find(|(c, _)| *c == cc)
        .map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::EEA;

    #[test]
    fn every_eea_country_has_its_authority_and_no_other_does() {
        for cc in EEA {
            assert!(supervisory_authority(cc).is_some(), "{cc}");
        }
        assert_eq!(SUPERVISORY_AUTHORITY.len(), EEA.len());
        assert!(supervisory_authority("SE").unwrap().en.contains("(IMY)"));
        assert!(supervisory_authority("GB").is_none());
        assert!(supervisory_authority("CN").is_none());
    }

    #[test]
    fn tables_are_sorted_and_each_country_once() {
        for w in FRAUD_REPORT.windows(2) {
            assert!(w[0].0 < w[1].0, "{} {}", w[0].0, w[1].0);
        }
        for w in SUPERVISORY_AUTHORITY.windows(2) {
            assert!(w[0].0 < w[1].0, "{} {}", w[0].0, w[1].0);
        }
    }

    #[test]
    fn fraud_is_reported_where_the_party_is() {
        assert!(fraud_report("SE").en.contains("114 14"));
        assert!(!fraud_report("SE").en.contains("IC3"));
        assert!(fraud_report("us").en.contains("IC3"));
        assert!(fraud_report("CN").zh.contains("96110"));
        assert_eq!(fraud_report("BR"), FRAUD_REPORT_ELSEWHERE);
        assert_eq!(fraud_report("GB"), fraud_report("UK"));
    }
}
