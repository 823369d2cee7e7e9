//! Fuzzes the submission reader and the import pipeline: arbitrary bytes as a submission file,
//! read, assessed against the built-in rubric, then resolved (twice, as a duplicate), ranked
//! and exported. Nothing may panic, whatever the bytes.
#![no_main]

use ampk_core::import::{self, JuryMarks};
use ampk_core::{export, submission, Lang};
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

#[path = "../common/json_mutator.rs"]
mod json_mutator;

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    json_mutator::mutate(data, size, max_size, seed)
});

fuzz_target!(|data: &[u8]| {
    let rubric = ampk_core::builtin();
    let read = submission::read(data);
    let report = import::assess(rubric, "fuzz.json", data);
    assert_eq!(read.is_ok(), report.read.is_some(), "assess reads like submission::read");
    if let Ok(read) = &read {
        let checked = submission::check(rubric, read);
        assert_eq!(checked.eligible(), report.status != import::Status::Rejected);
    }
    let copy = import::assess(rubric, "copy.json", data);
    let mut jury = JuryMarks::new();
    if let Some(name) = report.agency() {
        for c in &rubric.file.categories {
            jury.insert((c.id.clone(), ampk_core::rank::name_key(name)), 50.0);
        }
    }
    let resolved = import::resolve(rubric, vec![report, copy], &jury);
    for lang in [Lang::Id, Lang::En] {
        let _ = import::report_json(rubric, &resolved, lang);
        let _ = export::ranking_csv(rubric, &resolved, b';', lang);
    }
});
