//! Verify stage, test support: writes Outlook `.msg` files with `cfb`, for the tests, the fuzz
//! target's seeds and `scripts/msg-check.py` (which reads them back with Python's
//! `extract_msg`). Not used by any command: fixtures are made, never committed as binaries.

use std::io::{Cursor, Write};

/// A message to write.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// `PR_SUBJECT`.
    pub subject: String,
    /// `PR_SENDER_NAME`.
    pub sender_name: String,
    /// `PR_SENDER_SMTP_ADDRESS` (and `PR_SENDER_EMAIL_ADDRESS`).
    pub sender_email: String,
    /// `PR_TRANSPORT_MESSAGE_HEADERS`, if any.
    pub headers: Option<String>,
    /// The plain body.
    pub body: Option<Body>,
    /// `PR_HTML` (binary), as given.
    pub html: Option<Vec<u8>>,
    /// `PR_MESSAGE_CODEPAGE`, for 8-bit strings.
    pub codepage: Option<u32>,
    /// The attachments.
    pub attachments: Vec<Attachment>,
}

/// A plain body: UTF-16 (`001F`) or 8-bit bytes in the code page (`001E`).
#[derive(Debug, Clone)]
pub enum Body {
    /// Written as `PT_UNICODE`.
    Unicode(String),
    /// Written as `PT_STRING8`, bytes as given.
    Bytes(Vec<u8>),
}

/// An attachment: a file or an embedded message.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// `PR_ATTACH_LONG_FILENAME`.
    pub name: String,
    /// `PR_ATTACH_MIME_TAG`.
    pub mime: String,
    /// Its content.
    pub data: Data,
}

/// What an attachment holds.
#[derive(Debug, Clone)]
pub enum Data {
    /// `PR_ATTACH_DATA_BIN`.
    Bytes(Vec<u8>),
    /// `PR_ATTACH_DATA_OBJ`: a message of its own.
    Message(Box<Spec>),
}

/// The `.msg` file's bytes.
pub fn write(spec: &Spec) -> std::io::Result<Vec<u8>> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new()))?;
    // The named-property map: empty, but its three streams are required (MS-OXMSG 2.2.3).
    cf.create_storage("/__nameid_version1.0")?;
    for id in ["0002", "0003", "0004"] {
        stream(
            &mut cf,
            &format!("/__nameid_version1.0/__substg1.0_{id}0102"),
            &[],
        )?;
    }
    message(&mut cf, "", spec, 32)?;
    cf.flush()?;
    Ok(cf.into_inner().into_inner())
}

type Cf = cfb::CompoundFile<Cursor<Vec<u8>>>;

fn stream(cf: &mut Cf, path: &str, bytes: &[u8]) -> std::io::Result<()> {
    cf.create_stream(path)?.write_all(bytes)
}

fn unicode(cf: &mut Cf, base: &str, id: u16, s: &str) -> std::io::Result<()> {
    let bytes: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    stream(cf, &format!("{base}/__substg1.0_{id:04X}001F"), &bytes)
}

/// The fixed-size property stream: a header of `header` bytes, then 16-byte entries.
fn properties(cf: &mut Cf, base: &str, header: usize, longs: &[(u16, u32)]) -> std::io::Result<()> {
    let mut p = vec![0u8; header];
    for (id, value) in longs {
        p.extend(((*id as u32) << 16 | 0x0003).to_le_bytes());
        p.extend(6u32.to_le_bytes());
        p.extend(value.to_le_bytes());
        p.extend([0u8; 4]);
    }
    stream(cf, &format!("{base}/__properties_version1.0"), &p)
}

fn message(cf: &mut Cf, base: &str, spec: &Spec, header: usize) -> std::io::Result<()> {
    let mut longs = vec![];
    if let Some(cp) = spec.codepage {
        longs.push((0x3FFD, cp));
    }
    properties(cf, base, header, &longs)?;
    unicode(cf, base, 0x001A, "IPM.Note")?;
    unicode(cf, base, 0x0037, &spec.subject)?;
    unicode(cf, base, 0x0C1A, &spec.sender_name)?;
    unicode(cf, base, 0x0C1F, &spec.sender_email)?;
    unicode(cf, base, 0x5D01, &spec.sender_email)?;
    unicode(cf, base, 0x0C1E, "SMTP")?;
    if let Some(h) = &spec.headers {
        unicode(cf, base, 0x007D, h)?;
    }
    match &spec.body {
        Some(Body::Unicode(s)) => unicode(cf, base, 0x1000, s)?,
        Some(Body::Bytes(b)) => stream(cf, &format!("{base}/__substg1.0_1000001E"), b)?,
        None => {}
    }
    if let Some(h) = &spec.html {
        stream(cf, &format!("{base}/__substg1.0_10130102"), h)?;
    }
    for (i, a) in spec.attachments.iter().enumerate() {
        let at = format!("{base}/__attach_version1.0_#{i:08X}");
        cf.create_storage(&at)?;
        unicode(cf, &at, 0x3707, &a.name)?;
        unicode(cf, &at, 0x3704, &a.name)?;
        unicode(cf, &at, 0x370E, &a.mime)?;
        match &a.data {
            Data::Bytes(b) => {
                properties(cf, &at, 8, &[(0x3705, 1)])?;
                stream(cf, &format!("{at}/__substg1.0_37010102"), b)?;
            }
            Data::Message(m) => {
                properties(cf, &at, 8, &[(0x3705, 5)])?;
                let inner = format!("{at}/__substg1.0_3701000D");
                cf.create_storage(&inner)?;
                message(cf, &inner, m, 24)?;
            }
        }
    }
    Ok(())
}
