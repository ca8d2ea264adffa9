//! Build script: lists the built-in clause and template files so `src/assets.rs` can compile
//! them into the binary without a hand-kept list.

use std::fmt::Write as _;
use std::path::Path;

fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            // Watch every folder too, so a file added to a subfolder triggers a rebuild.
            println!("cargo:rerun-if-changed={}", p.display());
            walk(&p, root, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            // README-like files document the folder; templates are Markdown too.
            if !rel.ends_with("README.md") {
                println!("cargo:rerun-if-changed={}", p.display());
                out.push(rel);
            }
        }
    }
}

fn main() {
    // Read when the script runs, not baked in when it is compiled: a build script compiled
    // for one checkout and reused from a shared target dir by another (same source, other
    // folder) would otherwise list the first checkout's files.
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let mut files = Vec::new();
    for dir in ["clauses", "templates"] {
        println!("cargo:rerun-if-changed={dir}");
        walk(&root.join(dir), root, &mut files);
    }
    let mut code = String::from("/// Built-in clause and template files: (path relative to the crate, bytes).\npub static FILES: &[(&str, &[u8])] = &[\n");
    for f in &files {
        let _ = writeln!(
            code,
            "    ({f:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{f}\"))),"
        );
    }
    code.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("assets.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
