//! PDF read-back helpers shared by the integration tests (lopdf).

use lopdf::{Document, Object};

/// (FontName, embedded font program size) of every font descriptor.
pub fn fonts_of(pdf: &[u8]) -> Vec<(String, usize)> {
    let doc = Document::load_mem(pdf).unwrap();
    let mut v = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(Object::as_name).ok() != Some(&b"FontDescriptor"[..]) {
            continue;
        }
        let name = String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap());
        let file = ["FontFile2", "FontFile3"]
            .iter()
            .find_map(|k| d.get(k.as_bytes()).ok())
            .unwrap_or_else(|| panic!("{name} not embedded"));
        let len = doc
            .get_object(file.as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap()
            .content
            .len();
        v.push((name.into_owned(), len));
    }
    v.sort();
    v
}
