use super::*;

#[test]
fn atomic_write_replaces_and_leaves_no_temp_files() {
    let dir = std::env::temp_dir().join(format!("dealguard-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let f = dir.join("sub/a.md");
    let out = |b: &[u8]| {
        [Output {
            path: f.clone(),
            bytes: b.to_vec(),
        }]
    };
    write_all(&out(b"one")).unwrap();
    write_all(&out(b"two")).unwrap();
    assert_eq!(std::fs::read(&f).unwrap(), b"two");
    let names: Vec<_> = std::fs::read_dir(dir.join("sub"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o644
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_write_changes_nothing() {
    let dir = std::env::temp_dir().join(format!("dealguard-tx-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.md"), "old").unwrap();
    // The second output cannot be written: a file stands where its folder should be.
    std::fs::write(dir.join("blocker"), "x").unwrap();
    let outs = [
        Output {
            path: dir.join("a.md"),
            bytes: b"new".to_vec(),
        },
        Output {
            path: dir.join("blocker/b.md"),
            bytes: b"b".to_vec(),
        },
    ];
    let e = write_all(&outs).unwrap_err();
    assert!(e.io && e.message.contains("blocker"), "{e}");
    assert_eq!(std::fs::read(dir.join("a.md")).unwrap(), b"old");
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "temporary files left: {names:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refuses_to_overwrite_inputs() {
    let dir = std::env::temp_dir().join(format!("dealguard-in-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("deal.yaml");
    std::fs::write(&input, "x").unwrap();
    let outs = [Output {
        path: dir.join("./deal.yaml"),
        bytes: vec![],
    }];
    assert!(check_targets(&outs, &[input]).has_errors());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn temp_names_carry_the_writers_pid() {
    assert_eq!(temp_owner(".dealguard-123-aB3dE5gH.tmp"), Some(123));
    // Names of earlier versions: `.<name>.dealguard-<pid>.tmp`.
    assert_eq!(temp_owner(".a.pdf.dealguard-77.tmp"), Some(77));
    assert_eq!(temp_owner(".dealguard-build.yaml.dealguard-9.tmp"), Some(9));
    for other in [
        ".dealguard-build.yaml",
        "dealguard-1-x.tmp",
        ".dealguard--x.tmp",
        ".dealguard-+1-x.tmp",
        ".notes.tmp",
    ] {
        assert_eq!(temp_owner(other), None, "{other}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn temp_files_of_dead_processes_are_swept_and_live_ones_kept() {
    let dir = std::env::temp_dir().join(format!("dealguard-sweep-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Above the largest PID Linux hands out (2^22), so never a running process.
    let dead = 5_000_000;
    let live = std::os::unix::process::parent_id();
    let own = std::process::id();
    let stale = [
        format!(".dealguard-{dead}-aaaaaaaa.tmp"),
        format!(".a.md.dealguard-{dead}.tmp"),
    ];
    let kept = [
        format!(".dealguard-{live}-bbbbbbbb.tmp"),
        format!(".dealguard-{own}-cccccccc.tmp"),
        "notes.txt".to_string(),
    ];
    for n in stale.iter().chain(&kept) {
        std::fs::write(dir.join(n), "x").unwrap();
    }
    // A folder with a temporary file's name is not ours to remove.
    std::fs::create_dir(dir.join(format!(".dealguard-{dead}-dddddddd.tmp"))).unwrap();
    write_all(&[Output {
        path: dir.join("a.md"),
        bytes: b"a".to_vec(),
    }])
    .unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> = kept.to_vec();
    want.push("a.md".into());
    want.push(format!(".dealguard-{dead}-dddddddd.tmp"));
    want.sort();
    assert_eq!(names, want);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_rename_puts_back_the_files_already_renamed() {
    let dir = std::env::temp_dir().join(format!("dealguard-undo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("c/inside")).unwrap();
    std::fs::write(dir.join("a.md"), "old").unwrap();
    // `a.md` and the new `b.md` are renamed into place; `c` is a folder, so its rename fails.
    let outs = [
        Output {
            path: dir.join("a.md"),
            bytes: b"new".to_vec(),
        },
        Output {
            path: dir.join("b.md"),
            bytes: b"b".to_vec(),
        },
        Output {
            path: dir.join("c"),
            bytes: b"c".to_vec(),
        },
    ];
    let e = write_all(&outs).unwrap_err();
    assert!(e.io && e.message.contains("failed to write"), "{e}");
    assert_eq!(std::fs::read(dir.join("a.md")).unwrap(), b"old");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "c"], "temporary or new files left");
    std::fs::remove_dir_all(&dir).unwrap();
}
