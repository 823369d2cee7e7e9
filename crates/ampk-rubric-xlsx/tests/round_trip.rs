//! Round trip: the built-in model rubric and every valid rubric fixture, written as a workbook
//! and read back, give the same rubric file in every member (defaults are filled in on both
//! sides by the wire types, so explicit and implied defaults compare equal), the same compiled
//! rubric and the same scores. The file read back writes every default explicitly, so its
//! fingerprint is that of the original with its defaults made explicit (the original's own
//! fingerprint differs when it leaves defaults out, as the model does).

use ampk_core::rubric::{self, Rubric};
use ampk_core::{example, jcs, score, Lang};
use ampk_rubric_xlsx::{from_workbook, to_workbook};
use std::path::PathBuf;

fn fixtures() -> Vec<(String, Rubric)> {
    let mut out = vec![("model".to_string(), rubric::builtin().clone())];
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ampk-core/tests/data/rubrics/valid");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for p in names {
        let r = rubric::load(&std::fs::read(&p).unwrap()).unwrap_or_else(|e| panic!("{}: {e:?}", p.display()));
        out.push((p.file_name().unwrap().to_string_lossy().into_owned(), r));
    }
    assert!(out.len() >= 3, "the model and the valid fixtures");
    out
}

#[test]
fn every_valid_rubric_survives_a_workbook() {
    for (name, r) in fixtures() {
        let bytes = to_workbook(&r.file).unwrap();
        let (text, back) = from_workbook(&bytes, Lang::En).unwrap_or_else(|p| panic!("{name}: {p:#?}"));
        assert_eq!(back.file, r.file, "{name}: every member");
        let explicit = jcs::sha256_hex(&serde_json::to_value(&r.file).unwrap());
        assert_eq!(back.sha256, explicit, "{name}: the fingerprint, defaults explicit");
        assert_eq!(rubric::load(text.as_bytes()).unwrap(), back, "{name}: the text is the rubric");
        assert_eq!(back.categories, r.categories, "{name}: compiled expressions, requires, tie-breaks");
        for cat in 0..r.file.categories.len() {
            let figures = example::sample_figures(&r, cat);
            for months in [1, r.period_months.clamp(1, 12), 12] {
                let a = score::score(&r, cat, &figures, months);
                let b = score::score(&back, cat, &figures, months);
                assert_eq!(a, b, "{name}: category {cat}, {months} months");
            }
        }
    }
}

#[test]
fn the_workbook_is_deterministic() {
    let r = rubric::builtin();
    assert_eq!(to_workbook(&r.file).unwrap(), to_workbook(&r.file).unwrap());
}
