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
    let lower = text[lo..hi].to_lowercase();
    if lower.len() != hi - lo {
        // Lowercasing changed lengths (rare letters): fall back to ASCII lowercasing.
        return own_in(&text[lo..hi].to_ascii_lowercase(), lo);
    }
    own_in(&lower, lo)
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
    fn forwards_are_read() {
        let t = "FYI\n---------- Forwarded message ---------\nFrom: x <x@y.com>\nDate: Mon\nSubject: new bank\n\nour new account";
        assert_eq!(own(t), t);
    }
}
