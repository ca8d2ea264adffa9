//! Writes the site photos of the bundled example (`examples/nordic-home/reports/photos/`).
//! They are generated, not photographed: `cargo run --example make-example-photos` recreates
//! them byte for byte. One of them carries an EXIF orientation, as phone photos do.

#[path = "../tests/support/photos.rs"]
mod photos;

fn main() -> std::io::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/nordic-home/reports/photos");
    std::fs::create_dir_all(&dir)?;
    let (w, h) = (2000, 1500);
    let write = |name: &str, bytes: Vec<u8>| -> std::io::Result<()> {
        println!("{name}: {} bytes", bytes.len());
        std::fs::write(dir.join(name), bytes)
    };
    write(
        "w49-cutting-line.jpg",
        photos::jpeg(&photos::scene(w, h, 1), 80),
    )?;
    // Stored sideways with EXIF orientation 6, as a phone held upright writes it.
    let portrait = image::imageops::rotate270(&photos::scene(h, w, 2));
    write(
        "w49-thickness-check.jpg",
        photos::with_orientation(&photos::jpeg(&portrait, 80), 6),
    )?;
    write(
        "w49-sheet-stock.jpg",
        photos::jpeg(&photos::scene(w, h, 3), 80),
    )?;
    write("w49-handles.png", photos::png_with_alpha(1200, 900, 4))?;
    Ok(())
}
