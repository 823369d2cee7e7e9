//! Invalid rubric files (`tests/data/rubrics/invalid/invalid-*.json`) are rejected with every problem reported.
//!
//! Each fixture is a small, otherwise valid rubric (`tests/data/rubrics/valid/valid-base.json`)
//! with one mistake; the `invalid-multi-*` fixtures carry several at once. The sidecar
//! `expected.json` lists, per file, the `[code, path]` pairs that must be reported. For a
//! single-mistake fixture the list is complete: nothing else may be reported, which proves the
//! rest of the file is valid. For a multi fixture the listed pairs must appear among the
//! problems. The full problem lists, messages included, are pinned by insta snapshots under
//! `tests/snapshots/`; accept deliberate changes with
//! `INSTA_UPDATE=always cargo test -p ampk-core --test invalid_rubrics` and review the diff.
#![cfg(not(target_arch = "wasm32"))]

use ampk_core::rubric::{self, MODEL_RUBRIC_JSON};
use ampk_core::Problem;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Expected = BTreeMap<String, Vec<(String, String)>>;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rubrics")
}

fn expected() -> Expected {
    let path = data_dir().join("invalid/expected.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixture_names() -> BTreeSet<String> {
    std::fs::read_dir(data_dir().join("invalid"))
        .expect("fixture folder")
        .map(|e| e.expect("directory entry").file_name().into_string().expect("UTF-8 file name"))
        .filter(|n| n.starts_with("invalid-") && n.ends_with(".json"))
        .collect()
}

#[test]
fn invalid_rubrics_report_every_expected_problem() {
    let expected = expected();
    insta::glob!("data/rubrics/invalid/invalid-*.json", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).expect("file name");
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let problems: Vec<Problem> = match rubric::load(&bytes) {
            Ok(_) => panic!("{name}: loaded, but it is meant to be invalid"),
            Err(problems) => problems,
        };
        assert!(!problems.is_empty(), "{name}: rejected without any problem");
        for p in &problems {
            assert!(
                !p.message(ampk_core::Lang::Id).trim().is_empty(),
                "{name}: problem without an Indonesian message: {p:?}"
            );
            assert!(
                !p.message(ampk_core::Lang::En).trim().is_empty(),
                "{name}: problem without an English message: {p:?}"
            );
        }
        let found: BTreeSet<(String, String)> = problems.iter().map(|p| (p.code.to_string(), p.path.clone())).collect();
        let want = expected.get(name).unwrap_or_else(|| panic!("{name}: not listed in expected.json"));
        assert!(!want.is_empty(), "{name}: expected.json lists no problem");
        for pair in want {
            assert!(found.contains(pair), "{name}: expected {pair:?} among the problems, found {found:?}");
        }
        if !name.starts_with("invalid-multi-") {
            let want: BTreeSet<(String, String)> = want.iter().cloned().collect();
            let extra: Vec<_> = found.difference(&want).collect();
            assert!(extra.is_empty(), "{name}: a single-mistake fixture reported more than expected: {extra:?}");
        }
        insta::assert_json_snapshot!(problems);
    });
}

#[test]
fn manifest_lists_exactly_the_fixtures() {
    let files = fixture_names();
    let listed: BTreeSet<String> = expected().into_keys().collect();
    let unlisted: Vec<_> = files.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&files).collect();
    assert!(unlisted.is_empty(), "fixtures without an entry in expected.json: {unlisted:?}");
    assert!(missing.is_empty(), "expected.json names files that do not exist: {missing:?}");
    assert!(files.len() >= 30, "only {} invalid fixtures", files.len());
    assert!(files.iter().filter(|n| n.starts_with("invalid-multi-")).count() >= 4, "too few multi-problem fixtures");
}

#[test]
fn valid_rubrics_load() {
    if let Err(problems) = rubric::load(MODEL_RUBRIC_JSON.as_bytes()) {
        panic!("the built-in model rubric is invalid: {problems:#?}");
    }
    let base = std::fs::read(data_dir().join("valid/valid-base.json")).expect("valid-base.json");
    let bom = std::fs::read(data_dir().join("valid/valid-bom.json")).expect("valid-bom.json");
    assert!(bom.starts_with(b"\xEF\xBB\xBF"), "valid-bom.json must start with a UTF-8 BOM");
    assert_eq!(&bom[3..], &base[..], "valid-bom.json must be valid-base.json behind a BOM");
    for (name, bytes) in [("valid-base.json", &base), ("valid-bom.json", &bom)] {
        if let Err(problems) = rubric::load(bytes) {
            panic!("{name} is invalid: {problems:#?}");
        }
    }
    let a = rubric::load(&base).expect("base");
    let b = rubric::load(&bom).expect("bom");
    assert_eq!(a.sha256, b.sha256, "a BOM does not change the fingerprint");
    assert_eq!(a.period_months, 6);
}
