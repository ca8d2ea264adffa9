//! Lay-out stage: the one walk over a JPEG's marker segments, from SOI up to and including
//! the first start of scan — what the EXIF reader, the whole-file checks and the reduced
//! decoder each look for.

/// One marker of a JPEG before its image data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Segment<'a> {
    /// The marker byte (`0xE1` for APP1, `0xDA` for SOS).
    pub(super) marker: u8,
    /// Offset of the marker's `0xFF` in the file.
    pub(super) at: usize,
    /// The segment's data after its length field (empty for a marker without one: RST, SOI,
    /// EOI, TEM).
    pub(super) body: &'a [u8],
    /// Offset just after the segment: for SOS, where the entropy-coded data starts.
    pub(super) end: usize,
}

/// The markers of a JPEG file (`bytes` starts with SOI, which is skipped): fill bytes are
/// skipped, and the walk ends after SOS or EOI, at a byte that is not a marker, or at a
/// length that is short or runs past the end of the file.
pub(super) fn segments(bytes: &[u8]) -> impl Iterator<Item = Segment<'_>> {
    let mut at = 2;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        // Fill bytes before a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            done = true;
            return None;
        };
        let start = at;
        if matches!(marker, 0x01 | 0xD0..=0xD9) {
            at += 2;
            done = marker == 0xD9;
            return Some(Segment {
                marker,
                at: start,
                body: &[],
                end: at,
            });
        }
        let len = bytes
            .get(at + 2..at + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])));
        let body = len
            .filter(|&l| l >= 2)
            .and_then(|l| bytes.get(at + 4..at + 2 + l));
        let (Some(len), Some(body)) = (len, body) else {
            done = true;
            return None;
        };
        at += 2 + len;
        done = marker == 0xDA;
        Some(Segment {
            marker,
            at: start,
            body,
            end: at,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn the_walk_yields_each_marker_up_to_the_scan() {
        // SOI, APP1 "Exif" (len 6), fill byte, DQT (len 3), RST0, SOS (len 2), scan data.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE1, 0, 6, b'E', b'x', b'i', b'f', 0xFF, 0xFF, 0xDB, 0, 3, 7, 0xFF,
            0xD0, 0xFF, 0xDA, 0, 2, 1, 2, 3,
        ];
        let got: Vec<(u8, usize, usize, usize)> = segments(&jpeg)
            .map(|s| (s.marker, s.at, s.body.len(), s.end))
            .collect();
        assert_eq!(
            got,
            [
                (0xE1, 2, 4, 10),
                (0xDB, 11, 1, 16),
                (0xD0, 16, 0, 18),
                (0xDA, 18, 0, 22)
            ]
        );
        assert_eq!(segments(&jpeg).next().unwrap().body, b"Exif");
    }

    #[test]
    fn damaged_files_end_the_walk() {
        // A short length, a length past the end, a byte that is no marker, EOI, nothing.
        for bad in [
            &[0xFF, 0xD8, 0xFF, 0xE0, 0, 1][..],
            &[0xFF, 0xD8, 0xFF, 0xE0, 0, 9, 1],
            &[0xFF, 0xD8, 0x00, 0xE0],
            &[0xFF, 0xD8],
            &[],
        ] {
            assert_eq!(segments(bad).count(), 0, "{bad:?}");
        }
        let eoi = [0xFF, 0xD8, 0xFF, 0xD9, 0xFF, 0xE0, 0, 2];
        assert_eq!(segments(&eoi).map(|s| s.marker).collect::<Vec<_>>(), [0xD9]);
    }
}
