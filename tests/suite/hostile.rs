//! Hostile-input tests beyond the fixture corpus: escaping of every profile string in every
//! format, determinism whatever the thread count, read-only output, photos by content, and no
//! exit code 101 ever.

use crate::photos;

use crate::support;

use std::collections::BTreeMap;
use std::path::Path;
use support::*;

fn deal() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/nordic-home/deal.yaml"),
        t.path().join("deal.yaml"),
    )
    .unwrap();
    t
}

const EVIL: &str = "<i>X&Y</i> *z* _w_ [l](u) | `c` {{ x }} # h";

#[test]
fn every_profile_string_is_escaped_in_every_format() {
    let t = deal();
    let mut deal = std::fs::read_to_string(t.path().join("deal.yaml")).unwrap();
    let quoted = format!("'{}'", EVIL);
    // A party's legal name refuses markup (`check`), so the party's address carries it here.
    for field in [
        "  incoterm: FOB Ningbo",
        "  address: Stora Nygatan 12, 111 27 Stockholm, Sweden",
        "    bank: Bank of China, Ningbo Branch",
        "    name: Trello",
    ] {
        let (k, _) = field.split_once(": ").unwrap();
        assert!(deal.contains(field), "{field}");
        deal = deal.replace(field, &format!("{k}: {quoted}"));
    }
    // Free-text terms dealguard cannot read are quoted as written.
    let method = deal.find("  method:").unwrap();
    let currency = deal.find("  currency:").unwrap();
    deal.replace_range(method..currency, &format!("  terms: {quoted}\n"));
    deal = deal.replace(
        "    en: Stainless steel cookware sets, 12,000 sets",
        &format!("    en: {quoted}"),
    );
    std::fs::write(t.path().join("deal.yaml"), deal).unwrap();
    for (cmd, format) in [
        ("contract", "html"),
        ("contract", "md"),
        ("letter", "html"),
        ("letter", "md"),
        ("letter", "txt"),
        ("reply", "html"),
        ("reply", "md"),
    ] {
        let r = dealguard(
            t.path(),
            &[cmd, "--lang", "en", "--format", format, "-o", "-"],
        );
        assert_eq!(r.code, 0, "{cmd} {format}: {}", r.stderr);
        let out = &r.stdout;
        match format {
            "html" => {
                assert!(!out.contains("<i>X"), "{cmd} html has raw markup");
                assert!(
                    out.contains("&lt;i&gt;X&amp;Y&lt;/i&gt;"),
                    "{cmd} html lost the text"
                );
            }
            "md" => {
                assert!(
                    !out.contains("<i>X") && !out.contains(" *z* "),
                    "{cmd} md has raw markup"
                );
                assert!(
                    out.contains("\\<i\\>X\\&Y\\</i\\>"),
                    "{cmd} md lost the text"
                );
            }
            _ => assert!(out.contains(EVIL), "{cmd} txt changed the text"),
        }
        // The template syntax in the value is text, never evaluated.
        assert!(
            out.contains("x }}") || out.contains("x \\}\\}"),
            "{cmd} {format} evaluated {{{{ x }}}}"
        );
    }
}

#[test]
fn outputs_are_the_same_whatever_the_thread_count() {
    let t = deal();
    std::fs::create_dir_all(t.path().join("reports/photos")).unwrap();
    let week =
        std::fs::read_to_string(root().join("examples/nordic-home/reports/2026-W49.yaml")).unwrap();
    std::fs::write(t.path().join("reports/2026-W49.yaml"), week).unwrap();
    // The example week attaches a voucher scan (its annex).
    copy_dir(
        &root().join("examples/nordic-home/reports/vouchers"),
        &t.path().join("reports/vouchers"),
    );
    let dir = t.path().join("reports/photos");
    for (i, name) in [
        "w49-cutting-line.jpg",
        "w49-thickness-check.jpg",
        "w49-sheet-stock.jpg",
    ]
    .iter()
    .enumerate()
    {
        std::fs::write(
            dir.join(name),
            photos::jpeg(&photos::scene(1200, 900, i as u64), 85),
        )
        .unwrap();
    }
    std::fs::write(
        dir.join("w49-handles.png"),
        photos::png_with_alpha(600, 450, 9),
    )
    .unwrap();
    let read_out = |p: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(p.join("out"))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(dealguard(t.path(), &["build", "--jobs", "1"]).code, 0);
    let one = read_out(t.path());
    assert_eq!(
        dealguard(t.path(), &["build", "--force", "--jobs", "4"]).code,
        0
    );
    let four = read_out(t.path());
    assert_eq!(one.len(), four.len());
    for (a, b) in one.iter().zip(&four) {
        assert!(a == b, "{} differs between 1 and 4 threads", a.0);
    }
}

#[test]
fn photos_are_recognised_by_content_not_name() {
    let t = deal();
    std::fs::create_dir_all(t.path().join("reports/photos")).unwrap();
    let week =
        std::fs::read_to_string(root().join("examples/nordic-home/reports/2026-W49.yaml")).unwrap();
    std::fs::write(t.path().join("reports/w.yaml"), week).unwrap();
    // The example week attaches a voucher scan (its annex).
    copy_dir(
        &root().join("examples/nordic-home/reports/vouchers"),
        &t.path().join("reports/vouchers"),
    );
    let dir = t.path().join("reports/photos");
    // A PNG named .jpg and a JPEG named .png both work.
    std::fs::write(
        dir.join("w49-cutting-line.jpg"),
        photos::png_with_alpha(400, 300, 1),
    )
    .unwrap();
    std::fs::write(
        dir.join("w49-thickness-check.jpg"),
        photos::jpeg(&photos::scene(400, 300, 2), 80),
    )
    .unwrap();
    std::fs::write(
        dir.join("w49-sheet-stock.jpg"),
        photos::jpeg(&photos::scene(400, 300, 3), 80),
    )
    .unwrap();
    std::fs::write(
        dir.join("w49-handles.png"),
        photos::jpeg(&photos::scene(400, 300, 4), 80),
    )
    .unwrap();
    let r = dealguard(t.path(), &["report", "reports/w.yaml", "-o", "r.pdf"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_read_only_output_folder_gives_a_clear_error_and_changes_nothing() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let t = deal();
        let out = t.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("NH-2026-0148-contract-en+zh.md"), "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root writes anywhere; the check below only means something for other users.
        let probe = out.join(".probe");
        let writable = std::fs::write(&probe, "x").is_ok();
        let _ = std::fs::remove_file(&probe);
        let r = dealguard(t.path(), &["contract"]);
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
        if writable {
            eprintln!("running as a user who can write read-only folders (root): only the exit code is checked");
            assert_eq!(r.code, 0);
            return;
        }
        assert_eq!(r.code, 3, "{}", r.stderr);
        assert!(
            r.stderr.contains("failed to write") && r.stderr.contains("Permission denied"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("hint: the folder is not writable"),
            "{}",
            r.stderr
        );
        assert_eq!(
            std::fs::read_to_string(out.join("NH-2026-0148-contract-en+zh.md")).unwrap(),
            "old"
        );
    }
}

#[test]
fn no_input_ever_gives_exit_code_101() {
    let t = deal();
    let junk: [&[u8]; 6] = [
        b"",
        b"\x00\x01\x02",
        b"deal: [",
        b"---\n- - - -\n",
        b"\xff\xfe\x00d\x00e\x00",
        b"deal: {id: 1}\n",
    ];
    for (i, bytes) in junk.iter().enumerate() {
        std::fs::write(t.path().join("deal.yaml"), bytes).unwrap();
        for cmd in [
            &["check"][..],
            &["contract"],
            &["letter"],
            &["reply"],
            &["build"],
            &["clauses", "coverage"],
        ] {
            let r = dealguard(t.path(), cmd);
            assert!(
                r.code == 1 || r.code == 3,
                "case {i} {cmd:?}: exit {} {}",
                r.code,
                r.stderr
            );
            assert!(!r.stderr.contains("panicked"));
        }
    }
}

/// The files of `out/`: the documents (with the manifest) and the temporary files.
fn out_files(dir: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let (mut docs, mut temps) = (BTreeMap::new(), Vec::new());
    for e in std::fs::read_dir(dir.join("out")).into_iter().flatten() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".tmp") {
            temps.push(name);
        } else {
            docs.insert(name, std::fs::read(e.path()).unwrap());
        }
    }
    (docs, temps)
}

// Linux: the sweep checks `/proc` for the writer; elsewhere it waits an hour.
#[cfg(target_os = "linux")]
#[test]
fn a_build_killed_at_any_moment_damages_nothing_and_its_temp_files_go() {
    use std::process::{Command, Stdio};
    use std::time::Instant;
    let t = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/nordic-home"), t.path());
    let started = Instant::now();
    ok(&dealguard(t.path(), &["build"]));
    let full = started.elapsed();
    let (reference, temps) = out_files(t.path());
    assert!(temps.is_empty(), "{temps:?}");
    let mut left = 0;
    // Kill at 10 moments of a build, most near its end where the writes are, half of them
    // into an empty `out/`, so outputs may be missing but never damaged.
    for (k, at) in [0.2, 0.4, 0.6, 0.8, 0.85, 0.9, 0.94, 0.97, 1.0, 1.05]
        .into_iter()
        .enumerate()
    {
        if k % 2 == 0 {
            let _ = std::fs::remove_dir_all(t.path().join("out"));
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_dealguard"))
            .args(["build", "--force"])
            .current_dir(t.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(at));
        // SIGKILL: no unwinding, no cleanup of any kind.
        let _ = child.kill();
        child.wait().unwrap();
        let (docs, temps) = out_files(t.path());
        for (name, bytes) in &docs {
            assert!(
                reference.get(name) == Some(bytes),
                "`{name}` is damaged after a kill at {at} of a build"
            );
        }
        left += temps.len();
    }
    // What a kill during the renames leaves (the moment is hard to hit): temporary files of a
    // dead process, in this version's and in the earlier naming. 5000000 is above any PID.
    std::fs::create_dir_all(t.path().join("out")).unwrap();
    for stale in [
        ".dealguard-5000000-Ab3dE5gH.tmp",
        ".x.pdf.dealguard-5000000.tmp",
    ] {
        std::fs::write(t.path().join("out").join(stale), "half").unwrap();
    }
    ok(&dealguard(t.path(), &["build"]));
    let (docs, temps) = out_files(t.path());
    assert!(temps.is_empty(), "temporary files stayed: {temps:?}");
    assert_eq!(docs, reference);
    eprintln!("the killed builds left {left} temporary files; the next build removed them");
}
