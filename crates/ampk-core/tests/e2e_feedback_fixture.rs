//! The feedback fixture of the officer's end-to-end journey (`tests/e2e/fixtures/feedback-contoh-a.json`):
//! the committed review of Contoh A (`data/review/contoh-a.review.json`) applied to the batch's
//! Contoh A (`tests/e2e/fixtures/batch/01-dinas-contoh-a.json`), written by `feedback::write`.
//! The committed file must equal what the code writes; regenerate it after an intended change
//! with `UPDATE_FIXTURES=1 cargo test -p ampk-core --test e2e_feedback_fixture`.

use ampk_core::feedback;
use ampk_core::import::{import, JuryMarks};
use ampk_core::review;
use wasm_bindgen_test::wasm_bindgen_test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const REVIEW: &str = include_str!("data/review/contoh-a.review.json");
const CONTOH_A: &[u8] = include_bytes!("../../../tests/e2e/fixtures/batch/01-dinas-contoh-a.json");
const FIXTURE: &str = include_str!("../../../tests/e2e/fixtures/feedback-contoh-a.json");
const ISSUED_AT: &str = "2025-11-05T09:00:00Z";

fn written() -> String {
    let r = ampk_core::builtin();
    let report = import(r, &[("01-dinas-contoh-a.json".into(), CONTOH_A.to_vec())], &JuryMarks::new());
    let rv = review::read(REVIEW.as_bytes()).expect("the committed review reads");
    assert_eq!(review::check(r, &report, &rv), []);
    let verified = review::apply(r, &report, &rv);
    let f = feedback::build(r, &report, &rv, &verified, "7c9e6679-7425-40de-944b-e07fc1f90ae7", ISSUED_AT)
        .expect("Contoh A is ranked");
    feedback::write(&f)
}

#[wasm_bindgen_test(unsupported = test)]
fn the_feedback_fixture_is_what_the_coordinator_writes() {
    let text = written();
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var("UPDATE_FIXTURES").as_deref() == Ok("1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/e2e/fixtures/feedback-contoh-a.json");
        std::fs::write(path, &text).unwrap();
        return;
    }
    let f = feedback::read(FIXTURE.as_bytes()).expect("the fixture reads");
    // Byte for byte where objects keep their order (`exact-json`, as the CLI and the coordinator
    // build the core); in the officer's configuration the embedded submission's members come
    // out sorted, so there the content is compared.
    #[cfg(feature = "exact-json")]
    assert!(
        text == FIXTURE,
        "the feedback fixture is stale: run UPDATE_FIXTURES=1 cargo test -p ampk-core --test e2e_feedback_fixture"
    );
    assert_eq!(feedback::read(text.as_bytes()).expect("what is written reads"), f, "stale: UPDATE_FIXTURES=1");
    assert_eq!(
        (f.revision, f.state, f.corrections.len(), f.verdicts.len()),
        (1, review::ReviewState::NeedsFixing, 2, 2)
    );
    assert_eq!(f.corrections[0].from.as_f64(), Some(420.0));
}
