//! Lay-out stage: EXIF of a photo — the orientation, read from its TIFF-structured block, and
//! the date taken (DateTimeOriginal), found in a JPEG or PNG file without decoding it.

/// A TIFF-structured block: its bytes and byte order.
struct Tiff<'a> {
    bytes: &'a [u8],
    big: bool,
}

impl<'a> Tiff<'a> {
    /// The block, with or without the `Exif\0\0` prefix of the JPEG APP1 segment.
    fn new(exif: &'a [u8]) -> Option<Self> {
        let bytes = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
        let big = match bytes.get(..4)? {
            [b'I', b'I', 42, 0] => false,
            [b'M', b'M', 0, 42] => true,
            _ => return None,
        };
        Some(Tiff { bytes, big })
    }

    fn u16_at(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.bytes.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if self.big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        let b: [u8; 4] = self.bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if self.big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }

    /// The offset of the 12-byte entry of `tag` in the IFD at `ifd`.
    fn entry(&self, ifd: usize, tag: u16) -> Option<usize> {
        let count = self.u16_at(ifd)?;
        // `count` is at most 65535 and every read is bounds-checked.
        (0..usize::from(count))
            .filter_map(|i| ifd.checked_add(2 + 12 * i))
            .find(|&e| self.u16_at(e) == Some(tag))
    }

    /// The offset of IFD0.
    fn ifd0(&self) -> Option<usize> {
        usize::try_from(self.u32_at(4)?).ok()
    }
}

/// EXIF orientation (tag 0x0112 in IFD0) from a TIFF-structured EXIF block, with or without
/// the `Exif\0\0` prefix of the JPEG APP1 segment.
pub(super) fn exif_orientation(exif: &[u8]) -> Option<u8> {
    let t = Tiff::new(exif)?;
    let entry = t.entry(t.ifd0()?, 0x0112)?;
    // Type 3 is SHORT; the value sits in the first two bytes of the value field.
    if t.u16_at(entry + 2)? != 3 {
        return None;
    }
    let o = t.u16_at(entry + 8)?;
    u8::try_from(o).ok().filter(|o| (1..=8).contains(o))
}

/// The day a photo was taken (DateTimeOriginal, tag 0x9003 in the Exif sub-IFD that tag 0x8769
/// of IFD0 points to), as year, month, day; `None` when absent or not a plausible date.
pub fn exif_taken(exif: &[u8]) -> Option<(i32, u8, u8)> {
    let t = Tiff::new(exif)?;
    let ptr = t.entry(t.ifd0()?, 0x8769)?;
    let sub = usize::try_from(t.u32_at(ptr + 8)?).ok()?;
    let entry = t.entry(sub, 0x9003)?;
    // Type 2 is ASCII, "YYYY:MM:DD HH:MM:SS\0" (20 bytes, so stored at an offset).
    if t.u16_at(entry + 2)? != 2 {
        return None;
    }
    let len = usize::try_from(t.u32_at(entry + 4)?).ok()?;
    let at = if len <= 4 {
        entry + 8
    } else {
        usize::try_from(t.u32_at(entry + 8)?).ok()?
    };
    let s = t.bytes.get(at..at.checked_add(10)?)?;
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        let d = s.get(r)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| d.iter().fold(0, |n, c| n * 10 + i32::from(c - b'0')))
    };
    if s[4] != b':' || s[7] != b':' {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    // Cameras write `0000:00:00` when the clock was never set.
    ((1900..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m as u8, d as u8))
}

/// The EXIF block of a JPEG (the `Exif` APP1 segment before the image data) or a PNG (its
/// `eXIf` chunk), found by walking the markers or chunks of the file's first bytes.
pub fn find_exif(file: &[u8]) -> Option<&[u8]> {
    if file.starts_with(&[0xFF, 0xD8]) {
        return jpeg_exif(file);
    }
    let mut at = 8;
    if file.get(..8)? != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    loop {
        let len =
            usize::try_from(u32::from_be_bytes(file.get(at..at + 4)?.try_into().ok()?)).ok()?;
        let kind = file.get(at + 4..at + 8)?;
        let body = file.get(at + 8..(at + 8).checked_add(len)?)?;
        match kind {
            b"eXIf" => return Some(body),
            b"IDAT" | b"IEND" => return None,
            _ => at = at.checked_add(12)?.checked_add(len)?,
        }
    }
}

/// The `Exif\0\0` APP1 segment among a JPEG's markers, up to the image data.
fn jpeg_exif(file: &[u8]) -> Option<&[u8]> {
    super::markers::segments(file)
        .take_while(|s| s.marker != 0xDA)
        .find(|s| s.marker == 0xE1 && s.body.starts_with(b"Exif\0\0"))
        .map(|s| s.body)
}

#[cfg(test)]
mod tests {
    use super::{exif_taken, find_exif};

    /// A big-endian block: IFD0 → Exif IFD at 26 → DateTimeOriginal at 44.
    fn block(when: &[u8]) -> Vec<u8> {
        let mut t = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
        t.extend_from_slice(&[0, 1, 0x87, 0x69, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
        t.extend_from_slice(&[0, 1, 0x90, 0x03, 0, 2, 0, 0, 0, 20, 0, 0, 0, 44, 0, 0, 0, 0]);
        t.extend_from_slice(when);
        t
    }

    #[test]
    fn date_taken_is_read_and_bad_blocks_give_none() {
        assert_eq!(
            exif_taken(&block(b"2026:12:08 10:15:00\0")),
            Some((2026, 12, 8))
        );
        assert_eq!(exif_taken(&block(b"0000:00:00 00:00:00\0")), None);
        assert_eq!(exif_taken(&block(b"2026-12")), None);
        let full = block(b"2026:12:08 10:15:00\0");
        // Every truncation is refused without a panic.
        for n in 0..full.len() - 10 {
            assert_eq!(exif_taken(&full[..n]), None, "{n}");
        }
        // Found in a JPEG's APP1 segment, not after the image data.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
        jpeg.extend_from_slice(&u16::try_from(full.len() + 2).unwrap().to_be_bytes());
        jpeg.extend_from_slice(&full);
        assert_eq!(find_exif(&jpeg), Some(&full[..]));
        assert_eq!(find_exif(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), None);
        assert_eq!(find_exif(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF]), None);
    }
}
