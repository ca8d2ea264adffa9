//! The mail reader from arbitrary bytes, through every input path: a mail (`.eml`, or `.msg`
//! by its magic bytes), an mbox split, the `.msg` converter, an HTML part, an attachment read
//! for its text, entries and QR codes (PDF, archives, images: the kind by magic bytes, then by
//! name), and the whole check against the example deal.
#![no_main]
mod common;

use dealguard::profile::{Lang, Langs};
use dealguard::verify;
use dealguard_mail::mail;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let file = common::path("in.eml");
    let _ = mail::read(file, data);
    for (name, bytes) in dealguard_mail::mbox_inputs(file, data).iter().take(8) {
        let _ = mail::read(name, bytes);
    }
    if let Ok((eml, _)) = mail::msg::to_eml(data) {
        let _ = mail::read(file, &eml);
    }
    // The bytes as the HTML part of a mail.
    let mut html = b"From: a@b.cn\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    html.extend_from_slice(data);
    let _ = mail::read(file, &html);
    // As an attachment: by magic bytes, and by name when the bytes have none.
    let _ = mail::attach::read("a.bin", "application/octet-stream", data);
    let _ = mail::attach::read("a.pdf", "application/pdf", data);
    let _ = mail::attach::read("a.tar", "application/x-tar", data);
    // And the whole check, rules included.
    let v = verify::verify(&common::example().profile, &[(PathBuf::from("in.eml"), data.to_vec())]);
    let both = Langs::new(&[Lang::En, Lang::Zh]);
    let text = verify::render_text(&v, &both);
    // Text taken from a mail never reaches the terminal with its control characters.
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    let _ = verify::render_json(&v, &both);
});
