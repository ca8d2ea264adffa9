//! Test mails built by hand, for the tests of this crate and of the app (feature `testing`):
//! base64 text, a mail with attachments, a report's signs by kind, a zip bomb's directory, and the facts of the example
//! deal (`examples/nordic-home/deal.yaml`, which the app's test checks against its profile).

use crate::{Account, Contact, Deal, Level, MailReport, Party, SignKind};

/// The highest level of `kind` among a mail's signs, if any.
pub fn level(r: &MailReport, kind: SignKind) -> Option<Level> {
    r.signs
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.level)
        .max()
}

/// A mail's signs as (kind, level), in order.
pub fn kinds(r: &MailReport) -> Vec<(SignKind, Level)> {
    r.signs.iter().map(|s| (s.kind, s.level)).collect()
}

/// Base64 in lines of 76 characters, as a mail carries it.
pub fn b64(data: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for (i, c) in data.chunks(3).enumerate() {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= c.len() {
                s.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
        if i % 19 == 18 {
            s.push_str("\r\n");
        }
    }
    s
}

/// A mail: header lines, a plain UTF-8 body, and attachments (name, type, bytes).
pub fn eml(headers: &[&str], body: &str, files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut m = String::new();
    for h in headers {
        m.push_str(h);
        m.push_str("\r\n");
    }
    m.push_str("MIME-Version: 1.0\r\n");
    if files.is_empty() {
        m.push_str(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
        );
        m.push_str(body);
        return m.into_bytes();
    }
    m.push_str("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n");
    m.push_str(
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
    );
    m.push_str(&b64(body.as_bytes()));
    for (name, ctype, data) in files {
        m.push_str(&format!(
            "\r\n--b1\r\nContent-Type: {ctype}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
            b64(data)
        ));
    }
    m.push_str("\r\n--b1--\r\n");
    m.into_bytes()
}

/// A stored (uncompressed) zip whose central directory names `files` and claims each is
/// 4 GB once inflated — a zip bomb's directory, which we list and never inflate.
pub fn zip(files: &[&str]) -> Vec<u8> {
    let mut z = Vec::new();
    let mut dir = Vec::new();
    for f in files {
        let off = z.len() as u32;
        z.extend_from_slice(b"PK\x03\x04");
        z.extend_from_slice(&[
            20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ]);
        z.extend_from_slice(&(f.len() as u16).to_le_bytes());
        z.extend_from_slice(&[0, 0]);
        z.extend_from_slice(f.as_bytes());
        dir.extend_from_slice(b"PK\x01\x02");
        dir.extend_from_slice(&[20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        dir.extend_from_slice(&[0, 0, 0, 0]); // compressed size
        dir.extend_from_slice(&u32::MAX.to_le_bytes()); // uncompressed: 4 GB
        dir.extend_from_slice(&(f.len() as u16).to_le_bytes());
        dir.extend_from_slice(&[0; 12]);
        dir.extend_from_slice(&off.to_le_bytes());
        dir.extend_from_slice(f.as_bytes());
    }
    let cd = z.len() as u32;
    z.extend_from_slice(&dir);
    z.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    z.extend_from_slice(&(files.len() as u16).to_le_bytes());
    z.extend_from_slice(&(files.len() as u16).to_le_bytes());
    z.extend_from_slice(&(dir.len() as u32).to_le_bytes());
    z.extend_from_slice(&cd.to_le_bytes());
    z.extend_from_slice(&[0, 0]);
    z
}

/// A contact as the example deal writes it.
fn contact(name: &str, local: Option<&str>, email: &str, phone: Option<&str>) -> Contact {
    Contact {
        name: name.to_string(),
        name_local: local.map(str::to_string),
        email: email.to_string(),
        phone: phone.map(str::to_string),
    }
}

/// The facts of the example deal: a seller in Ningbo with Chinese names, a buyer in Sweden
/// without, paid by wire to the seller's account, a call-back number of its own.
pub fn example_deal() -> Deal {
    let seller = Party {
        name: "Ningbo Hengli Kitchenware Co., Ltd.".into(),
        name_local: Some("宁波恒力厨具有限公司".into()),
        domains: vec!["hengli-kitchen.com".into()],
        phone: "+86 574 8888 1234".into(),
        contacts: vec![
            contact(
                "Li Wei",
                Some("李伟"),
                "li.wei@hengli-kitchen.com",
                Some("+86 138 0574 1111"),
            ),
            contact(
                "Chen Jing",
                Some("陈静"),
                "chen.jing@hengli-kitchen.com",
                Some("+86 139 0574 2222"),
            ),
            contact(
                "Zhao Lei",
                Some("赵磊"),
                "zhao.lei@hengli-kitchen.com",
                None,
            ),
            contact(
                "Wang Fang",
                Some("王芳"),
                "wang.fang@hengli-kitchen.com",
                Some("+86 574 8888 1251"),
            ),
        ],
    };
    let buyer = Party {
        name: "Nordic Home AB".into(),
        name_local: None,
        domains: vec!["nordichome.se".into()],
        phone: "+46 8 555 010 00".into(),
        contacts: vec![
            contact(
                "Anna Lindqvist",
                None,
                "anna.lindqvist@nordichome.se",
                Some("+46 70 555 12 34"),
            ),
            contact("Erik Sundberg", None, "erik.sundberg@nordichome.se", None),
        ],
    };
    Deal {
        seller,
        buyer,
        account: Account {
            holder: "Ningbo Hengli Kitchenware Co., Ltd.".into(),
            number: "3561 0000 1234 5678".into(),
            swift: "BKCHCNBJ92A".into(),
            bank: "Bank of China, Ningbo Branch".into(),
            bank_local: Some("中国银行宁波分行".into()),
        },
        callback: "+86 574 8888 1250".into(),
        lc: false,
        id: "NH-2026-0148".into(),
    }
}
