//! Lay-out stage: the EXIF orientation of a photo, read from its TIFF-structured block.

/// EXIF orientation (tag 0x0112 in IFD0) from a TIFF-structured EXIF block, with or without
/// the `Exif\0\0` prefix of the JPEG APP1 segment.
pub(super) fn exif_orientation(exif: &[u8]) -> Option<u8> {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big = match tiff.get(..4)? {
        [b'I', b'I', 42, 0] => false,
        [b'M', b'M', 0, 42] => true,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let ifd0 = usize::try_from(u32_at(4)?).ok()?;
    let count = u16_at(ifd0)?;
    // Each entry is 12 bytes; `count` is at most 65535 and every read is bounds-checked.
    for i in 0..usize::from(count) {
        let entry = ifd0.checked_add(2 + 12 * i)?;
        if u16_at(entry)? != 0x0112 {
            continue;
        }
        // Type 3 is SHORT; the value sits in the first two bytes of the value field.
        if u16_at(entry + 2)? != 3 {
            return None;
        }
        let o = u16_at(entry + 8)?;
        return u8::try_from(o).ok().filter(|o| (1..=8).contains(o));
    }
    None
}
