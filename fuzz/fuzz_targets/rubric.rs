//! Fuzzes the rubric loader and scoring: arbitrary bytes as a rubric file; when it loads, every
//! category is scored with sample figures, and an example submission of every agency type is
//! written, read back and assessed. Nothing may panic, whatever the bytes.
#![no_main]

use ampk_core::score::{self, validate_figures};
use ampk_core::{example, import, rubric, submission, Lang};
use libfuzzer_sys::{fuzz_mutator, fuzz_target};

#[path = "../common/json_mutator.rs"]
mod json_mutator;

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    json_mutator::mutate(data, size, max_size, seed)
});

fuzz_target!(|data: &[u8]| {
    let Ok(r) = rubric::load(data) else { return };
    let months = r.period_months.clamp(1, 12);
    for cat in 0..r.file.categories.len() {
        let figures = example::sample_figures(&r, cat);
        let card = score::score(&r, cat, &figures, months);
        let _ = validate_figures(&r, cat, &figures, months);
        for lang in [Lang::Id, Lang::En] {
            let _ = card.predicate(&r, lang);
        }
        for jury in [0.0, 50.0, 100.0] {
            let _ = card.final_score(&r, jury);
        }
        let _ = score::score_with_zeroed(&r, &card, &[0]);
    }
    for t in &r.file.agency_types {
        if let Some(s) = example::example(&r, &t.id) {
            let text = submission::write(&r, &s, example::EXAMPLE_EXPORTED_AT);
            let _ = import::assess(&r, "example.json", text.as_bytes());
        }
    }
});
