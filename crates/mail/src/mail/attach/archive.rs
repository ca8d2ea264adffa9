//! Verify stage, reading: archives listed to the bottom — zip (with `dealguard-ooxml`), tar,
//! gz and tar.gz (with `flate2`), nested ones inflated in memory — and the PDF and DOCX files
//! inside them read for their text; nothing is written to disk.
//!
//! Every read is bounded: an inner file is inflated only when its first KiB says it is an
//! archive, a PDF or a DOCX, at most `MAX_INNER` of it, at most `MAX_INFLATED` per attachment
//! in all (skipped tar data counts too: a 1 KB gz that claims 10 GB stops there), at most
//! `MAX_DEPTH` levels and `MAX_ENTRIES` paths. A tar inside a gz is read as a stream: only
//! the files we read are held in memory.

use super::{count, kind, pdf, push_text, size, text_cut, Kind};
use dealguard_ooxml::{docx, zip::Zip};
use flate2::read::MultiGzDecoder;
use std::io::{Cursor, Read};

/// Largest inner file inflated to look inside (bytes).
pub const MAX_INNER: u64 = 8 * 1024 * 1024;
/// Most bytes inflated per attachment, whatever is nested in it.
pub const MAX_INFLATED: u64 = 32 * 1024 * 1024;
/// Deepest nesting of archives opened.
pub const MAX_DEPTH: usize = 5;
/// Most paths listed per attachment.
pub const MAX_ENTRIES: usize = super::super::MAX_ENTRIES;
/// Most limit notes kept per attachment (one per kind of limit is enough to say it).
const MAX_NOTES: usize = 16;
/// How much of an inner file is read to tell its kind.
const SNIFF: u64 = 1024;

/// The state of one attachment's walk: what was found, what was spent.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// Paths inside, nested ones as `inner.zip/dir/run.exe`.
    pub entries: Vec<String>,
    /// Whether anything in it is encrypted.
    pub encrypted: bool,
    /// Limits reached, `[en, zh]`.
    pub cut: Vec<[String; 2]>,
    /// The text of the PDF and DOCX files in it.
    pub text: String,
    inflated: u64,
    full: bool,
}

impl Walk {
    /// Reads one file: `shown` is how it is named in notes (`outer.zip/inner.zip`), `prefix`
    /// what its entries' paths start with (empty at the top).
    pub fn visit(&mut self, shown: &str, prefix: &str, bytes: &[u8], depth: usize) {
        match kind(shown, "", bytes) {
            Kind::Pdf => self.pdf(shown, bytes),
            Kind::Zip => {
                if let Some(text) = docx_text(bytes) {
                    self.add_text(shown, &text);
                } else {
                    self.zip(shown, prefix, bytes, depth);
                }
            }
            Kind::Gz => self.gz(shown, prefix, bytes, depth),
            Kind::Tar => self.tar(shown, prefix, &mut Cursor::new(bytes), depth),
            Kind::Closed(format) => self.note([
                format!("`{shown}` is a {format} archive: its contents were not listed"),
                format!("`{shown}` 是 {format} 压缩包：未列出其内容"),
            ]),
            Kind::Png | Kind::Jpeg | Kind::Other => {}
        }
    }

    fn note(&mut self, what: [String; 2]) {
        if self.cut.len() < MAX_NOTES && !self.cut.contains(&what) {
            self.cut.push(what);
        }
    }

    fn add_text(&mut self, shown: &str, text: &str) {
        if !self.text.is_empty() {
            push_text(&mut self.text, "\n\n");
        }
        if !push_text(&mut self.text, text) {
            self.note(text_cut(shown));
        }
    }

    fn pdf(&mut self, shown: &str, bytes: &[u8]) {
        let read = pdf::read(shown, bytes);
        self.encrypted |= read.encrypted;
        for c in read.cut {
            self.note(c);
        }
        if !read.text.is_empty() {
            self.add_text(shown, &read.text);
        }
    }

    /// Lists a path; `false` once `MAX_ENTRIES` are listed.
    fn list(&mut self, path: String) -> bool {
        if self.entries.len() >= MAX_ENTRIES {
            if !self.full {
                self.full = true;
                let n = count(MAX_ENTRIES);
                self.note([
                    format!("only the first {n} files inside the archive were listed"),
                    format!("压缩包内仅列出了前 {n} 个文件"),
                ]);
            }
            return false;
        }
        self.entries.push(path);
        true
    }

    /// Charges `n` inflated bytes; `false` once the attachment's budget is spent.
    fn spend(&mut self, shown: &str, n: u64) -> bool {
        self.inflated += n;
        if self.inflated > MAX_INFLATED {
            let m = size(MAX_INFLATED);
            self.note([
                format!("only the first {m} unpacked from `{shown}` were read"),
                format!("`{shown}` 仅读取了解压后的前 {m}"),
            ]);
            return false;
        }
        true
    }

    /// The bytes of an inner file worth opening (an archive, a PDF, a DOCX), read from `r`
    /// within the limits; `None` when it is none of those or over a limit (noted).
    fn inner(&mut self, path: &str, r: &mut dyn Read, depth: usize) -> Option<Vec<u8>> {
        let mut buf = Vec::new();
        let room = MAX_INFLATED.saturating_sub(self.inflated);
        let got = r.take(SNIFF.min(room)).read_to_end(&mut buf).ok()?;
        if !self.spend(path, got as u64) {
            return None;
        }
        if matches!(kind(path, "", &buf), Kind::Other | Kind::Png | Kind::Jpeg) {
            return None;
        }
        if depth + 1 > MAX_DEPTH {
            self.note([
                format!(
                    "archives nested deeper than {MAX_DEPTH} levels were not opened (`{path}`)"
                ),
                format!("嵌套超过 {MAX_DEPTH} 层的压缩包未打开（`{path}`）"),
            ]);
            return None;
        }
        let room = MAX_INFLATED.saturating_sub(self.inflated);
        let want = (MAX_INNER + 1 - buf.len() as u64).min(room + 1);
        let got = r.take(want).read_to_end(&mut buf).ok()?;
        if buf.len() as u64 > MAX_INNER {
            let m = size(MAX_INNER);
            self.note([
                format!("`{path}` is over {m} unpacked: what is inside it was not read"),
                format!("`{path}` 解压后超过 {m}：未读取其内容"),
            ]);
            return None;
        }
        if !self.spend(path, got as u64) {
            return None;
        }
        Some(buf)
    }

    fn zip(&mut self, shown: &str, prefix: &str, bytes: &[u8], depth: usize) {
        let Ok(mut z) = Zip::open(bytes) else {
            self.note([
                format!("`{shown}` is a damaged zip archive: its contents were not listed"),
                format!("`{shown}` 是损坏的 zip 压缩包：未列出其内容"),
            ]);
            return;
        };
        for i in 0..z.len() {
            let Some(entry) = z.entry(i) else { continue };
            if entry.dir {
                continue;
            }
            let path = format!("{prefix}{}", entry.name);
            if !self.list(path.clone()) {
                return;
            }
            if entry.encrypted {
                // Its bytes are unknown; that it is there, and its name, is what we can say.
                self.encrypted = true;
                continue;
            }
            let bytes = match z.reader(i) {
                Some(mut f) => self.inner(&path, &mut f, depth),
                None => None,
            };
            if let Some(inner) = bytes {
                self.visit(&path, &format!("{path}/"), &inner, depth + 1);
            }
        }
    }

    fn gz(&mut self, shown: &str, prefix: &str, bytes: &[u8], depth: usize) {
        let mut gz = MultiGzDecoder::new(bytes);
        let mut head = Vec::new();
        let room = MAX_INFLATED.saturating_sub(self.inflated);
        if gz
            .by_ref()
            .take(512.min(room))
            .read_to_end(&mut head)
            .is_err()
        {
            self.note([
                format!("`{shown}` is a damaged gz file: its contents were not listed"),
                format!("`{shown}` 是损坏的 gz 文件：未列出其内容"),
            ]);
            return;
        }
        if !self.spend(shown, head.len() as u64) {
            return;
        }
        if head.get(257..262) == Some(b"ustar") {
            self.tar(shown, prefix, &mut Cursor::new(head).chain(gz), depth);
            return;
        }
        let inner = gz
            .header()
            .and_then(|h| h.filename())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| gz_inner_name(shown));
        let path = format!("{prefix}{inner}");
        if !self.list(path.clone()) {
            return;
        }
        if let Some(b) = self.inner(&path, &mut Cursor::new(head).chain(gz), depth) {
            self.visit(&path, &format!("{path}/"), &b, depth + 1);
        }
    }

    /// A tar stream: 512-byte headers, each file's data rounded up to 512 bytes.
    fn tar(&mut self, shown: &str, prefix: &str, r: &mut dyn Read, depth: usize) {
        let mut long_name: Option<String> = None;
        loop {
            let mut h = [0u8; 512];
            if r.read_exact(&mut h).is_err() || h.iter().all(|&b| b == 0) {
                return;
            }
            if !self.spend(shown, 512) {
                return;
            }
            let size = octal(&h[124..136]);
            let padded = size.div_ceil(512) * 512;
            let name = long_name.take().unwrap_or_else(|| tar_name(&h));
            let mut data = r.take(padded);
            match h[156] {
                // GNU long name: the next header's name is this entry's data.
                b'L' => {
                    let mut n = Vec::new();
                    let _ = data.by_ref().take(4096).read_to_end(&mut n);
                    long_name = Some(cstr(&n));
                }
                b'0' | 0 | b'7' => {
                    let path = format!("{prefix}{name}");
                    if !self.list(path.clone()) {
                        return;
                    }
                    let mut file = data.by_ref().take(size);
                    if let Some(b) = self.inner(&path, &mut file, depth) {
                        self.visit(&path, &format!("{path}/"), &b, depth + 1);
                    }
                }
                _ => {}
            }
            // What was not read of this entry is skipped, but it is inflated all the same:
            // at most one byte past the budget, so that a bomb stops there.
            let room = MAX_INFLATED.saturating_sub(self.inflated);
            let rest = std::io::copy(&mut data.take(room + 1), &mut std::io::sink()).unwrap_or(0);
            if !self.spend(shown, rest) {
                return;
            }
        }
    }
}

/// The body text of a DOCX (or `.docm`, `.dotx`), through the one DOCX reader of the code
/// base; `None` when the zip is not a Word document.
fn docx_text(bytes: &[u8]) -> Option<String> {
    docx::body_text(bytes).ok().flatten()
}

/// A `.gz` file's inner name when its header has none: `a.pdf.gz` → `a.pdf`.
fn gz_inner_name(shown: &str) -> String {
    let base = shown.rsplit('/').next().unwrap_or(shown);
    let lower = base.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix(".gz").map(|s| &base[..s.len()]) {
        stem.to_string()
    } else {
        base.to_string()
    }
}

/// A tar header's path: ustar prefix and name.
fn tar_name(h: &[u8; 512]) -> String {
    let name = cstr(&h[0..100]);
    let prefix = if &h[257..262] == b"ustar" {
        cstr(&h[345..500])
    } else {
        String::new()
    };
    if prefix.is_empty() {
        name
    } else {
        format!("{prefix}/{name}")
    }
}

fn cstr(b: &[u8]) -> String {
    let end = memchr::memchr(0, b).unwrap_or(b.len());
    String::from_utf8_lossy(&b[..end]).into_owned()
}

/// A tar size field: octal digits, or base-256 when the high bit is set (GNU, > 8 GiB).
fn octal(b: &[u8]) -> u64 {
    if b.first().is_some_and(|&x| x & 0x80 != 0) {
        return b[1..]
            .iter()
            .fold(0u64, |n, &x| n.saturating_mul(256).saturating_add(x as u64));
    }
    b.iter()
        .skip_while(|&&c| c == b' ')
        .take_while(|&&c| (b'0'..=b'7').contains(&c))
        .fold(0u64, |n, &c| {
            n.saturating_mul(8).saturating_add((c - b'0') as u64)
        })
}
