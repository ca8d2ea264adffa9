//! Tests of the week writer and the week form: every week that loads is written back as the
//! same week, the form's values saved give the writer's file, errors land at their inputs,
//! conflicts and uploads.

use super::*;
use crate::profile::week::{AqlSpec, Defects, Inspection, Redact, Task, Video, FILL_IN};
use crate::profile::Date;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The example deal in a temp folder, loaded, with the path of its week file.
fn example() -> (tempfile::TempDir, Loaded, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/nordic-home"), t.path());
    let loaded = crate::profile::load(&t.path().join("deal.yaml")).unwrap();
    let week = t.path().join("reports/2026-W49.yaml");
    (t, loaded, week)
}

fn load_week(loaded: &Loaded, path: &Path) -> LoadedWeek {
    week::load(path, &loaded.profile, &loaded.dir).unwrap()
}

/// The week the writer's text gives when loaded (and checked) as the file at `path`.
fn reread(loaded: &Loaded, path: &Path, w: &Week, iso: IsoWeek) -> Week {
    let text = write::week_file(&head(loaded, iso), w, iso);
    let src = Source::from_bytes(path, text.as_bytes()).unwrap();
    match week::load_source(src, path, &loaded.profile, &loaded.dir) {
        Ok(lw) => lw.week,
        Err(p) => panic!("{:?}\n{text}", p.lines(false, false)),
    }
}

/// Week files under `dir`'s `reports/` folders, with the deal file beside each `reports/`.
fn week_files(dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            week_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml")
            && p.parent()
                .and_then(Path::file_name)
                .is_some_and(|n| n == "reports")
        {
            let deal = p.parent().unwrap().parent().unwrap().join("deal.yaml");
            out.push((deal, p));
        }
    }
}

#[test]
fn every_week_that_loads_is_written_back_as_the_same_week() {
    let mut files = Vec::new();
    week_files(&root().join("examples"), &mut files);
    week_files(&root().join("tests/fixtures"), &mut files);
    let mut checked = Vec::new();
    for (deal, path) in &files {
        let Ok(loaded) = crate::profile::load(deal) else {
            continue;
        };
        let Ok(lw) = week::load(path, &loaded.profile, &loaded.dir) else {
            continue;
        };
        assert_eq!(
            reread(&loaded, path, &lw.week, lw.iso),
            lw.week,
            "{}",
            path.display()
        );
        checked.push(path.strip_prefix(root()).unwrap().to_path_buf());
    }
    // The bundled example (inspections, attachments, photos, videos) and the Chinese-first deal.
    for must in [
        "examples/nordic-home/reports/2026-W49.yaml",
        "tests/fixtures/valid/shenzhen-zh/reports/2026-W49.yaml",
    ] {
        assert!(checked.contains(&PathBuf::from(must)), "{checked:?}");
    }
}

/// The example's week with every optional field set, several ways.
fn full_week(w: &Week) -> Week {
    let mut w = w.clone();
    let both = |en: &str, zh: &str| Text {
        en: Some(en.into()),
        zh: Some(zh.into()),
    };
    w.progress[1].note = Some(both(
        "Line 1: 2 shifts, \"overtime\" # not a comment",
        "一号线：两班",
    ));
    w.progress[2].actual = 12.75;
    w.inspections.push(Inspection {
        item: both("Rivet pull-out force", "铆钉拉脱力"),
        stage: "assembly".into(),
        standard: "≥ 800 N, ISO 14589".into(),
        lot_size: 125,
        aql: AqlSpec {
            level: "S-4".into(),
            critical: 0.0,
            major: 0.65,
            minor: 1.5,
        },
        defects: Defects {
            critical: 0,
            major: 0,
            minor: 2,
        },
        inspector: None,
        report_ref: Some("0042".into()),
        attachments: vec![Attachment {
            file: "vouchers/po-m-2231.jpg".into(),
            reference: Some("yes".into()),
            caption: Some(both("Test report: page 1", "检测报告第1页")),
            redact: Redact(vec![[0, 0, 10, 10], [20, 30, 40, 50]]),
        }],
    });
    w.materials[1].attachments.push(Attachment {
        file: "vouchers/po-m-2231.jpg".into(),
        reference: None,
        caption: None,
        redact: Redact::default(),
    });
    w.photos[0].stage = None;
    w.photos[1].caption = both("Wall thickness\nsecond line", "壁厚\u{2028}测量");
    w.videos.push(Video {
        url: "https://example.com/a?b=c&d=e#f".into(),
        caption: both("Line 2, after maintenance", "二线检修后"),
    });
    w.plan.push(Task {
        task: both(" leading space", "  前有空格"),
        owner: "true".into(),
        start: Some(Date::parse("2026-12-14")),
        due: Date::parse("2026-12-15"),
        milestone: true,
    });
    w.issues.push(both("null", "~"));
    w
}

#[test]
fn a_week_with_every_optional_field_is_written_back_as_the_same_week() {
    let (_t, loaded, path) = example();
    let lw = load_week(&loaded, &path);
    let full = full_week(&lw.week);
    assert_ne!(full, lw.week);
    assert_eq!(reread(&loaded, &path, &full, lw.iso), full);
    // Texts in one language only, or none, read back as such (the parse, before the checks
    // that want the deal's languages).
    let mut one = full.clone();
    one.summary.zh = None;
    one.buyer_actions.push(Text::default());
    let text = write::week_file(&head(&loaded, lw.iso), &one, lw.iso);
    let src = Source::from_bytes(&path, text.as_bytes()).unwrap();
    let (back, _) = crate::profile::yaml::parse::<Week>(&src).unwrap();
    assert_eq!(back, one, "{text}");
}

/// Every input of the form with its value, as a browser sends them.
fn fields(v: &Value) -> Vec<(String, String)> {
    fn walk(v: &Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(v, p, out);
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    walk(v, format!("{path}[{i}]"), out);
                }
            }
            Value::String(s) => {
                // An unchecked checkbox sends nothing.
                if !(path.ends_with("milestone") && s == "false") {
                    out.push((path, s.clone()));
                }
            }
            other => panic!("{path} is {other}"),
        }
    }
    let mut out = Vec::new();
    let mut v = v.clone();
    if let Value::Object(m) = &mut v {
        m.remove("unfilled");
        m.remove("version");
    }
    walk(&v, String::new(), &mut out);
    out
}

fn set(f: &mut Vec<(String, String)>, name: &str, value: &str) {
    f.retain(|(n, _)| n != name);
    f.push((name.into(), value.into()));
}

#[test]
fn the_forms_values_saved_give_the_writers_file() {
    let (_t, loaded, path) = example();
    let lw = load_week(&loaded, &path);
    let v = values(&lw);
    assert_eq!(v["inspections"][0]["aql"]["minor"], "4");
    assert_eq!(v["progress"][1]["note"]["en"], "");
    assert_eq!(v["materials"][0]["attachments"][0]["redact"][0][2], "290");
    let token = v["version"].as_str().unwrap();
    assert_eq!(token, version(&std::fs::read(&path).unwrap()));
    save(&loaded, &path, &fields(&v), token).unwrap();
    let written = std::fs::read(&path).unwrap();
    let expected = write::week_file(&head(&loaded, lw.iso), &lw.week, lw.iso);
    assert_eq!(String::from_utf8(written.clone()).unwrap(), expected);
    assert!(!expected.contains("week new"), "{expected}");
}

#[test]
fn the_version_is_of_the_text_the_loader_reads() {
    assert_eq!(
        version(b"a: 1\r\nb: 2\r\n"),
        version(b"\xEF\xBB\xBFa: 1\nb: 2\n")
    );
    assert_ne!(version(b"a: 1\n"), version(b"a: 2\n"));
    assert_eq!(version(b"").len(), 64);
}

#[test]
fn an_error_lands_at_its_input_with_the_forms_row_numbers() {
    let (_t, loaded, path) = example();
    let lw = load_week(&loaded, &path);
    let before = std::fs::read(&path).unwrap();
    let token = version(&before);
    let mut f = fields(&values(&lw));
    set(&mut f, "inspections[0].lot_size", "3000 pcs");
    let Err(SaveError::Invalid(p)) = save(&loaded, &path, &f, &token) else {
        panic!("saved");
    };
    let at: Vec<_> = p.iter().filter_map(|d| d.field.clone()).collect();
    assert!(
        at.contains(&"inspections[0].lot_size".to_string()),
        "{at:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Rows 0 and 1 of `progress` sent as 0 and 5 with a blank row 3 between: the error of the
    // document's row 1 is the form's row 5.
    let mut f = fields(&values(&lw));
    for (n, _) in f.iter_mut() {
        if let Some(rest) = n.strip_prefix("progress[1]") {
            *n = format!("progress[5]{rest}");
        }
    }
    set(&mut f, "progress[3].stage", "");
    set(&mut f, "progress[5].actual", "lots");
    let Err(SaveError::Invalid(p)) = save(&loaded, &path, &f, &token) else {
        panic!("saved");
    };
    let at: Vec<_> = p.iter().filter_map(|d| d.field.clone()).collect();
    assert!(at.contains(&"progress[5].actual".to_string()), "{at:?}");
    assert!(p.iter().all(|d| d.pos.is_none()));
}

#[test]
fn a_week_changed_since_the_form_was_filled_is_a_conflict() {
    let (_t, loaded, path) = example();
    let lw = load_week(&loaded, &path);
    let v = values(&lw);
    let old = v["version"].as_str().unwrap().to_string();
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("prepared_by: Chen Jing", "prepared_by: Wang Fang");
    std::fs::write(&path, &edited).unwrap();
    match save(&loaded, &path, &fields(&v), &old) {
        Err(SaveError::Conflict) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn a_blank_row_is_dropped_and_chinese_text_survives() {
    let (_t, loaded, path) = example();
    let lw = load_week(&loaded, &path);
    let v = values(&lw);
    let mut f = fields(&v);
    for k in ["task.en", "task.zh", "owner", "start", "due"] {
        set(&mut f, &format!("plan[9].{k}"), "");
    }
    set(&mut f, "materials[5].attachments[0].redact[0][0]", " ");
    let zh = "本周完成下料，壁厚检验合格：见附件「QC-01」。\n二线检修后恢复生产";
    set(&mut f, "summary.zh", zh);
    set(&mut f, "issues[0].zh", "抛光二线 停机");
    set(&mut f, "photos[2].caption.en", "FILL IN");
    let saved = save(&loaded, &path, &f, v["version"].as_str().unwrap()).unwrap();
    let warned: Vec<_> = saved.iter().filter_map(|d| d.field.clone()).collect();
    assert_eq!(warned, ["photos[2].caption.en"]);
    let after = load_week(&loaded, &path).week;
    assert_eq!(after.plan.len(), lw.week.plan.len());
    assert_eq!(after.materials.len(), lw.week.materials.len());
    assert_eq!(after.summary.zh.as_deref(), Some(zh));
    // Folded as a line break would be: the space between Chinese characters goes.
    assert_eq!(after.issues[0].zh.as_deref(), Some("抛光二线停机"));
    let mut expected = lw.week.clone();
    expected.summary.zh = Some(zh.into());
    expected.issues[0].zh = Some("抛光二线停机".into());
    expected.photos[2].caption.en = Some(FILL_IN.into());
    assert_eq!(after, expected);
}

#[test]
fn the_form_cannot_change_the_week_or_send_other_names() {
    let (_t, loaded, path) = example();
    let lw = load_week(&loaded, &path);
    let v = values(&lw);
    let token = v["version"].as_str().unwrap();
    let mut f = fields(&v);
    set(&mut f, "week", "2026-W50");
    let Err(SaveError::Invalid(p)) = save(&loaded, &path, &f, token) else {
        panic!("saved");
    };
    assert_eq!(p.len(), 1, "{:?}", p.lines(false, false));
    let d = p.iter().next().unwrap();
    assert_eq!(d.field.as_deref(), Some("week"));
    assert!(d.message.contains("2026-W49"), "{}", d.message);
    // Left out, the file's week is kept.
    f.retain(|(n, _)| n != "week");
    save(&loaded, &path, &f, token).unwrap();
    assert_eq!(load_week(&loaded, &path).week.week, "2026-W49");
    let token = version(&std::fs::read(&path).unwrap());
    let many = vec![("summary.en".to_string(), "x".to_string()); tree::MAX_FIELDS + 1];
    match save(&loaded, &path, &many, &token) {
        Err(SaveError::Invalid(p)) => assert!(
            p.iter().any(|d| d.message.contains("at most 20000")),
            "{:?}",
            p.lines(false, false)
        ),
        other => panic!("{other:?}"),
    }
    for bad in [
        "../x",
        "summary[",
        "a..b",
        "photos[x].file",
        "summary.en[0]",
    ] {
        let mut f = fields(&v);
        f.push((bad.into(), "1".into()));
        assert!(
            matches!(save(&loaded, &path, &f, &token), Err(SaveError::Invalid(_))),
            "{bad}"
        );
    }
}

#[test]
fn field_paths_split_into_keys_and_rows() {
    use tree::Step::{Index, Key};
    let k = |s: &str| Key(s.into());
    assert_eq!(
        tree::steps("materials[1].attachments[0].redact[0][2]"),
        Some(vec![
            k("materials"),
            Index(1),
            k("attachments"),
            Index(0),
            k("redact"),
            Index(0),
            Index(2)
        ])
    );
    for bad in ["", ".a", "a.", "a[1", "a[]", "a[-1]", "a[1]b", "a b", "[0]"] {
        assert_eq!(tree::steps(bad), None, "{bad}");
    }
}

/// A PNG's bytes with its IHDR claiming `w`×`h` (the chunk's CRC made right again).
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(1, 1)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    let mut b = out.into_inner();
    // Signature (8), length (4), `IHDR` (4), then width and height; the CRC follows the 13
    // bytes of data and covers the type and the data.
    b[16..20].copy_from_slice(&w.to_be_bytes());
    b[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&b[12..29]);
    b[29..33].copy_from_slice(&crc.to_be_bytes());
    b
}

#[test]
fn an_uploaded_photo_lands_in_photos_under_a_safe_name_and_is_listed() {
    let (t, loaded, path) = example();
    let jpeg = std::fs::read(t.path().join("reports/photos/w49-cutting-line.jpg")).unwrap();
    let before = load_week(&loaded, &path).week.photos.len();
    let files = add_photos(
        &loaded,
        &path,
        &[
            ("../../etc/x.jpg".into(), jpeg.clone()),
            ("C:\\Users\\cutting-1.HEIC".into(), jpeg.clone()),
        ],
    )
    .unwrap();
    assert_eq!(files, ["photos/x.jpg", "photos/cutting-1.jpg"]);
    assert_eq!(
        std::fs::read(t.path().join("reports/photos/x.jpg")).unwrap(),
        jpeg
    );
    assert!(!t.path().join("etc").exists());
    let w = load_week(&loaded, &path);
    assert_eq!(w.week.photos.len(), before + 2);
    let added = &w.week.photos[before];
    assert_eq!(added.caption, Text::same(FILL_IN));
    // No stage in its name: the stage in progress (materials are at 95 %).
    assert_eq!(added.stage.as_deref(), Some("materials"));
    assert_eq!(w.week.photos[before + 1].stage.as_deref(), Some("cutting"));
    assert!(w.unfilled.contains(&format!("photos[{before}].caption.en")));
    // The same name again with other bytes takes a free name; the same photo is not copied.
    let png = png_claiming(1, 1);
    let again = add_photos(
        &loaded,
        &path,
        &[("x.jpg".into(), jpeg), ("x.jpg".into(), png)],
    )
    .unwrap();
    assert_eq!(again, ["photos/x.jpg", "photos/x.png"]);
    assert_eq!(load_week(&loaded, &path).week.photos.len(), before + 3);
}

#[test]
fn a_bomb_or_a_heic_upload_is_refused_and_nothing_is_written() {
    let (t, loaded, path) = example();
    let before = std::fs::read(&path).unwrap();
    let good = std::fs::read(t.path().join("reports/photos/w49-handles.png")).unwrap();
    let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    let Err(p) = add_photos(
        &loaded,
        &path,
        &[
            ("fine.png".into(), good),
            ("bomb.png".into(), png_claiming(60_000, 60_000)),
            ("IMG_0001.HEIC".into(), heic),
        ],
    ) else {
        panic!("added");
    };
    let lines = p.lines(false, false).join("\n");
    assert_eq!(p.error_count(), 2, "{lines}");
    assert!(
        lines.contains("`bomb.png` is 60000×60000 pixels"),
        "{lines}"
    );
    assert!(
        lines.contains("`IMG_0001.HEIC` is not supported: HEIC"),
        "{lines}"
    );
    assert!(lines.contains("JPEG or PNG"), "{lines}");
    assert!(p.iter().all(|d| d.field.as_deref() == Some("photos")));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!t.path().join("reports/photos/fine.png").exists());
}

#[test]
fn upload_names_keep_only_safe_characters() {
    assert_eq!(upload::safe_name("../../etc/x.jpg"), "x.jpg");
    assert_eq!(upload::safe_name("..\\..\\boot.ini"), "boot.ini");
    assert_eq!(upload::safe_name(".."), "photo");
    assert_eq!(upload::safe_name(".hidden.jpg"), "hidden.jpg");
    assert_eq!(
        upload::safe_name("微信图片 2026:12\u{0}.jpg"),
        "微信图片-2026-12-.jpg"
    );
    assert_eq!(upload::safe_name(&"a".repeat(300)).chars().count(), 80);
}
