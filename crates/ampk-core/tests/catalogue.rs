//! The text catalogues (`i18n/<tag>.toml`) read independently of `build.rs`: every language has
//! the same keys with the same `{arguments}`, the core builds its problems from them and never
//! branches on a language, and (once every area uses the catalogue) every key is used.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every catalogue: tag → key → text (sections only group keys).
fn catalogues() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(manifest().join("i18n")).expect("i18n/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let tag = path.file_stem().expect("a file name").to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).expect("a catalogue is readable");
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut keys = BTreeMap::new();
        for (section, entries) in table {
            let entries = entries.as_table().unwrap_or_else(|| panic!("{tag}: [{section}] is a section"));
            for (key, text) in entries {
                let text = text.as_str().unwrap_or_else(|| panic!("{tag}: {key} is a string"));
                assert!(keys.insert(key.clone(), text.to_string()).is_none(), "{tag}: {key} is in two sections");
            }
        }
        out.insert(tag, keys);
    }
    assert!(out.len() >= 2, "the catalogues: {:?}", out.keys());
    out
}

/// The `{arguments}` of a text; `{{` and `}}` are literal braces.
fn arguments(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text.replace("{{", "").replace("}}", "");
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c).unwrap_or_else(|| panic!("unclosed {{ in {text:?}"));
        out.insert(rest[open + 1..close].to_string());
        rest = rest[close + 1..].to_string();
    }
    out
}

#[test]
fn every_language_has_the_same_keys_and_arguments() {
    let cats = catalogues();
    let (first, base) = cats.iter().next().expect("a catalogue");
    let mut problems = Vec::new();
    for (tag, cat) in &cats {
        let (mine, theirs): (BTreeSet<&String>, BTreeSet<&String>) = (cat.keys().collect(), base.keys().collect());
        for k in theirs.difference(&mine) {
            problems.push(format!("{tag}.toml lacks `{k}` ({first}.toml has it)"));
        }
        for k in mine.difference(&theirs) {
            problems.push(format!("{tag}.toml has `{k}`, which {first}.toml lacks"));
        }
        for (k, text) in cat {
            if let Some(other) = base.get(k) {
                if arguments(text) != arguments(other) {
                    problems.push(format!(
                        "`{k}`: {tag}.toml uses {:?}, {first}.toml uses {:?}",
                        arguments(text),
                        arguments(other)
                    ));
                }
            }
            if text.is_empty() && !k.ends_with("_separator") {
                problems.push(format!("{tag}.toml: `{k}` is empty"));
            }
        }
    }
    assert!(problems.is_empty(), "the catalogues disagree:\n{}", problems.join("\n"));
}

/// The Rust sources under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A source without its unit tests (a file's `#[cfg(test)]` module comes last) and without
/// comment lines.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("a source is readable");
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_core_takes_its_texts_from_the_catalogue() {
    let src = manifest().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 10, "no sources under {}", src.display());
    let variants: Vec<String> = catalogues().keys().map(|tag| tag[..1].to_uppercase() + &tag[1..]).collect();
    let mut bad = Vec::new();
    for f in &files {
        let name = f.strip_prefix(&src).expect("under src").display().to_string();
        let code = code_of(f);
        let mut forbidden = vec![
            // Problems come from catalogue keys: `Problem::of(code, path, |t| t.key(…))`.
            "Problem::new(".to_string(),
            // Codes are compared as `ProblemCode` variants.
            "code == \"".to_string(),
            "code != \"".to_string(),
        ];
        for v in &variants {
            // A language branch: texts and separators are catalogue data.
            forbidden.extend([
                format!("Lang::{v} =>"),
                format!("Lang::{v}) =>"),
                format!("== Lang::{v}"),
                format!("!= Lang::{v}"),
            ]);
        }
        for pattern in &forbidden {
            if code.contains(pattern.as_str()) {
                bad.push(format!("src/{name}: `{pattern}`"));
            }
        }
    }
    assert!(bad.is_empty(), "texts and codes outside the catalogue:\n{}", bad.join("\n"));
}

/// Every key is used: some Rust source of the workspace (`src/`, `crates/*/src/`, `xtask/tests/`) calls
/// `.key(` or names `Texts::key`.
#[test]
fn every_catalogue_key_is_used() {
    let root = manifest().join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    // `noscript` is read by the test that keeps `index.html`'s <noscript> equal to it.
    rust_files(&root.join("xtask/tests"), &mut files);
    for krate in std::fs::read_dir(root.join("crates")).expect("crates/ is readable").flatten() {
        rust_files(&krate.path().join("src"), &mut files);
    }
    let sources: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).expect("readable")).collect();
    let cats = catalogues();
    let (_, keys) = cats.iter().next().expect("a catalogue");
    let used = |k: &str| sources.iter().any(|s| s.contains(&format!(".{k}(")) || s.contains(&format!("Texts::{k}")));
    let unused: Vec<&String> = keys.keys().filter(|k| !used(k)).collect();
    assert!(unused.is_empty(), "catalogue keys no code uses ({}):\n{unused:#?}", unused.len());
}
