//! The rules of ARCHITECTURE.md that a machine can check: which crate may depend on which
//! (from `cargo metadata`, with every dependency followed to the bottom), and which module of
//! the app may import which (from the `crate::…` paths in its source).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What no engine crate may reach, directly or through another crate: the app, and the
/// crates of the app's own concerns (arguments, templates, the YAML of the profile).
const APP_ONLY: [&str; 4] = ["dealguard", "clap", "tera", "serde_yaml"];

/// The engine crates and the other engine crates each may use (ARCHITECTURE.md, Crates).
const ENGINES: [(&str, &[&str]); 4] = [
    ("dealguard-image", &[]),
    ("dealguard-pdf", &[]),
    ("dealguard-ooxml", &[]),
    ("dealguard-mail", &["dealguard-image", "dealguard-ooxml"]),
];

/// Every package's normal (not dev, not build) dependencies, by name.
fn dependency_graph() -> BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let name_of: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let mut graph = BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().unwrap() {
        let deps = node["deps"].as_array().unwrap().iter().filter(|d| {
            d["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null())
        });
        let names = deps.map(|d| name_of[d["pkg"].as_str().unwrap()].to_string());
        let name = name_of[node["id"].as_str().unwrap()].to_string();
        graph
            .entry(name)
            .or_insert_with(BTreeSet::new)
            .extend(names);
    }
    graph
}

/// Everything `from` depends on, directly or not.
fn reach(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_string()];
    while let Some(p) = todo.pop() {
        for d in graph.get(&p).into_iter().flatten() {
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn engine_crates_reach_neither_the_app_nor_its_crates() {
    let graph = dependency_graph();
    let engines: BTreeSet<&str> = ENGINES.iter().map(|(n, _)| *n).collect();
    for (engine, allowed) in ENGINES {
        assert!(
            graph.contains_key(engine),
            "`{engine}` is not in the workspace"
        );
        let reached = reach(&graph, engine);
        for bad in APP_ONLY {
            assert!(!reached.contains(bad), "`{engine}` reaches `{bad}`");
        }
        for other in reached.iter().filter(|r| engines.contains(r.as_str())) {
            assert!(
                allowed.contains(&other.as_str()),
                "`{engine}` uses `{other}`, which ARCHITECTURE.md does not allow it"
            );
        }
    }
    // Every crate of the workspace is either the app or an engine listed above.
    let members: Vec<_> = graph
        .keys()
        .filter(|k| k.starts_with("dealguard-"))
        .collect();
    for m in members {
        assert!(
            engines.contains(m.as_str()),
            "`{m}`: add it to ENGINES and ARCHITECTURE.md"
        );
    }
}

/// The app's top-level modules from the bottom up: a module imports only modules of its own
/// layer or of the layers below (ARCHITECTURE.md, Rules).
const LAYERS: [&[&str]; 8] = [
    &["assets", "diag", "fs", "memory", "output"],
    &["profile"],
    &["context", "country"],
    &["clauses"],
    &["render", "verify"],
    &["report"],
    &["cli"],
    &["commands"],
];

/// A path as the repository names it.
fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`None` for `lib.rs` and `main.rs`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

#[test]
fn app_modules_import_only_their_layer_and_those_below() {
    let layer_of: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |m| (*m, i)))
        .collect();
    let src = root().join("src");
    let mut files = Vec::new();
    rs_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for f in &files {
        let Some(m) = module_of(&src, f) else {
            continue;
        };
        let Some(&mine) = layer_of.get(m.as_str()) else {
            panic!("`src/{m}` is in no layer: add it to LAYERS and ARCHITECTURE.md");
        };
        let text = std::fs::read_to_string(f).unwrap();
        for (i, _) in text.match_indices("crate::") {
            let used: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            match layer_of.get(used.as_str()) {
                Some(&theirs) if theirs > mine => {
                    wrong.push(format!("{} imports `{used}`", rel(f)))
                }
                _ => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports up the layers:\n{}",
        wrong.join("\n")
    );
}
