//! Verify stage: which stretches of a body the sender wrote and which it quotes from earlier
//! mail. A reply carries the thread below it (top-posting), after a reply header — "On … wrote:",
//! "-----Original Message-----", an Outlook block of `From:`/`Sent:`/`To:`/`Subject:` lines,
//! 发件人/发送时间, Foxmail's "原始邮件", "在 … 写道：" — or as lines starting with `>`. Signs come
//! from what the sender wrote: an old warning quoted in a thread is history, not a request.
//! A forwarded block ("Forwarded message", 转发) is not quoted: a forward carries its content
//! to be read.

/// Lines that open a quoted reply block (lowercase, trimmed; matched at the line's start).
const OPENERS: &[&str] = &[
    "-----original message-----",
    "----- original message -----",
    "-----邮件原件-----",
    "------------------ 原始邮件 ------------------",
    "------------------原始邮件------------------",
    "原始邮件",
    "-----原始邮件-----",
    "________________________________",
];

/// Header names of an Outlook-style quoted block, English and Chinese.
const FROM_NAMES: &[&str] = &[
    "from:",
    "发件人:",
    "发件人：",
    "寄件者:",
    "寄件者：",
    "von:",
    "de:",
];
const SENT_NAMES: &[&str] = &[
    "sent:",
    "date:",
    "发送时间:",
    "发送时间：",
    "日期:",
    "日期：",
    "时间:",
    "时间：",
    "gesendet:",
    "envoyé:",
];

fn is_forward_marker(line: &str) -> bool {
    line.contains("forwarded message")
        || line.contains("begin forwarded")
        || line.contains("转发邮件")
        || line.contains("转发的邮件")
}

/// The byte ranges of `text[lo..hi]` that the sender wrote (quoted history left out).
pub fn own_ranges(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    own_in(&lower_same_len(&text[lo..hi]), lo)
}

/// `s` in lower case, every character keeping its UTF-8 length (byte offsets stay valid): a
/// letter whose lower case would change length stays as it is. ASCII and CJK text, most of
/// a mail, skip the Unicode tables (`to_lowercase` was a twentieth of `verify`'s time).
fn lower_same_len(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c >= '\u{2E80}' {
            out.push(c);
        } else {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => out.push(x),
                _ => out.push(c),
            }
        }
    }
    out
}

fn own_in(lower: &str, base: usize) -> Vec<(usize, usize)> {
    let lines: Vec<(usize, &str)> = line_offsets(lower);
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut forwarded = false;
    for (i, &(at, line)) in lines.iter().enumerate() {
        let t = line.trim();
        if is_forward_marker(t) {
            forwarded = true;
        }
        if t.starts_with('>') {
            push(&mut out, base + start, base + at);
            start = at + line.len();
            continue;
        }
        if !forwarded && opens_reply(&lines, i) {
            push(&mut out, base + start, base + at);
            return out;
        }
    }
    push(&mut out, base + start, base + lower.len());
    out
}

fn push(out: &mut Vec<(usize, usize)>, a: usize, b: usize) {
    if b > a {
        match out.last_mut() {
            Some(last) if last.1 == a => last.1 = b,
            _ => out.push((a, b)),
        }
    }
}

fn line_offsets(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in s.split_inclusive('\n') {
        out.push((at, line));
        at += line.len();
    }
    out
}

/// Whether line `i` opens a quoted reply: an opener, a "wrote:" line (over at most two
/// lines), or a `From:` line followed within four lines by a `Sent:`/`Date:` line.
fn opens_reply(lines: &[(usize, &str)], i: usize) -> bool {
    let t = lines[i].1.trim();
    if OPENERS.iter().any(|o| t.starts_with(o)) {
        return true;
    }
    let wrote = |s: &str| {
        let s = s.trim_end();
        s.ends_with("wrote:")
            || s.ends_with("写道：")
            || s.ends_with("写道:")
            || s.ends_with("schrieb:")
            || s.ends_with("a écrit :")
            || s.ends_with("escribió:")
    };
    if (t.starts_with("on ") || t.starts_with("在") || t.starts_with("am ") || t.starts_with("le "))
        && (wrote(t) || lines.get(i + 1).is_some_and(|(_, n)| wrote(n)))
    {
        return true;
    }
    if FROM_NAMES.iter().any(|f| t.starts_with(f)) {
        return lines[i + 1..(i + 5).min(lines.len())]
            .iter()
            .any(|(_, l)| SENT_NAMES.iter().any(|s| l.trim().starts_with(s)));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(t: &str) -> String {
        own_ranges(t, 0, t.len())
            .into_iter()
            .map(|(a, b)| &t[a..b])
            .collect()
    }

    #[test]
    fn replies_keep_only_what_the_sender_wrote() {
        let t = "Please use the new account.\n\nOn Mon, 20 Nov 2026, Anna wrote:\n> old text\nmore";
        assert_eq!(own(t), "Please use the new account.\n\n");
        let t =
            "Thanks!\n\nFrom: Li Wei <li.wei@x.com>\nSent: Monday\nTo: Anna\nSubject: Re: x\n\nold";
        assert_eq!(own(t), "Thanks!\n\n");
        let t = "好的\n------------------ 原始邮件 ------------------\n发件人: 李伟";
        assert_eq!(own(t), "好的\n");
        let t = "a\n> quoted\nb\n";
        assert_eq!(own(t), "a\nb\n");
    }

    #[test]
    fn lower_case_keeps_every_offset() {
        // "İ" lowers to two characters and "Ⱥ" (2 bytes) to a 3-byte letter: both stay.
        let t = "ENVOYÉ: Ab 原始邮件 İ Ⱥ ΣΑ";
        let l = lower_same_len(t);
        assert_eq!(l, "envoyé: ab 原始邮件 İ Ⱥ σα");
        assert!(t.char_indices().all(|(i, _)| l.is_char_boundary(i)));
    }

    #[test]
    fn forwards_are_read() {
        let t = "FYI\n---------- Forwarded message ---------\nFrom: x <x@y.com>\nDate: Mon\nSubject: new bank\n\nour new account";
        assert_eq!(own(t), t);
    }
}
