//! The one zip reader: an archive opened from bytes, its entries listed, one entry unpacked
//! with a size limit that holds whatever the entry's header claims (a zip bomb stops there).
//! The `zip` library is third-party code on hostile bytes: opening it catches its panics.

use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// A zip archive read from memory.
pub struct Zip<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
}

/// One entry as the central directory lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its path inside the archive (bytes that are not UTF-8 shown lossily).
    pub name: String,
    /// Whether it is a directory.
    pub dir: bool,
    /// Whether it is encrypted (its bytes cannot be read).
    pub encrypted: bool,
}

impl<'a> Zip<'a> {
    /// Opens an archive; the error is the zip library's message, or that it failed.
    pub fn open(bytes: &'a [u8]) -> Result<Zip<'a>, String> {
        match std::panic::catch_unwind(|| ZipArchive::new(Cursor::new(bytes))) {
            Ok(Ok(archive)) => Ok(Zip { archive }),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err("the zip reader failed".to_string()),
        }
    }

    /// How many entries the central directory lists.
    pub fn len(&self) -> usize {
        self.archive.len()
    }

    /// Whether it lists no entry.
    pub fn is_empty(&self) -> bool {
        self.archive.is_empty()
    }

    /// The `i`th entry, without unpacking it; `None` when its header cannot be read.
    pub fn entry(&mut self, i: usize) -> Option<Entry> {
        let f = self.archive.by_index_raw(i).ok()?;
        let name = match f.name() {
            Ok(n) => n.into_owned(),
            Err(_) => String::from_utf8_lossy(f.name_raw()).into_owned(),
        };
        Some(Entry {
            name,
            dir: f.is_dir(),
            encrypted: f.encrypted(),
        })
    }

    /// The `i`th entry's unpacked bytes as a stream (the caller bounds what it reads).
    pub fn reader(&mut self, i: usize) -> Option<impl Read + use<'_, 'a>> {
        self.archive.by_index(i).ok()
    }

    /// The entry named `name` unpacked, at most `max` bytes; `None` when there is none. The
    /// error says which entry and why: over `max`, or not unpackable.
    pub fn part(&mut self, name: &str, max: u64) -> Result<Option<Vec<u8>>, String> {
        let f = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("cannot unpack `{name}` ({e})")),
        };
        let too_big = || format!("`{name}` unpacks to more than {max} bytes (a zip bomb?)");
        if f.size() > max {
            return Err(too_big());
        }
        let mut buf = Vec::new();
        // The header's size may lie: the read itself stops one byte past the limit.
        f.take(max + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot unpack `{name}` ({e})"))?;
        if buf.len() as u64 > max {
            return Err(too_big());
        }
        Ok(Some(buf))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            let opts = zip::write::SimpleFileOptions::default();
            w.start_file(*name, opts).expect("a new entry");
            w.write_all(data).expect("entry bytes");
        }
        w.finish().expect("the archive").into_inner()
    }

    #[test]
    fn entries_are_listed_and_read_within_the_limit() {
        let bytes = zip_of(&[("a.txt", b"hello"), ("big.bin", &[7u8; 100])]);
        let mut z = Zip::open(&bytes).expect("a zip");
        assert_eq!(z.len(), 2);
        let e = z.entry(0).expect("the first entry");
        assert_eq!(
            (e.name.as_str(), e.dir, e.encrypted),
            ("a.txt", false, false)
        );
        assert_eq!(z.part("a.txt", 5).expect("read"), Some(b"hello".to_vec()));
        assert_eq!(z.part("none", 5).expect("read"), None);
        let over = z.part("big.bin", 99).expect_err("over the limit");
        assert!(over.contains("more than 99 bytes"), "{over}");
        let mut all = Vec::new();
        z.reader(1)
            .expect("a stream")
            .read_to_end(&mut all)
            .expect("read");
        assert_eq!(all.len(), 100);
    }

    #[test]
    fn not_a_zip_is_an_error_not_a_panic() {
        assert!(Zip::open(b"PK\x03\x04 not really").is_err());
        assert!(Zip::open(b"").is_err());
    }
}
