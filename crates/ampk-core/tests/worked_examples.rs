//! Golden test: every worked example of `model-rubric.md` scores exactly as published, to the
//! digit, natively and (via wasm-pack) in headless Chromium.

mod common;

use common::{actual, Worked, WORKED};
use wasm_bindgen_test::wasm_bindgen_test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test(unsupported = test)]
fn worked_examples_match_the_model_rubric_document() {
    let r = ampk_core::builtin();
    for (name, src) in WORKED {
        let w: Worked = serde_json::from_str(src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let cat = r.category_index(&w.category).unwrap();
        assert!(
            r.file.categories[cat].eligible.contains(&w.agency_type),
            "{name}: {} may not enter {}",
            w.agency,
            w.category
        );
        let (card, got) = actual(&w);
        assert_eq!(got, w.expect, "{name}");
        assert!(card.failed_checks.is_empty() && card.missing.is_empty(), "{name}: {card:?}");
        let problems = ampk_core::score::validate_figures(r, cat, &w.inputs, w.months);
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
    assert_eq!(WORKED.len(), 11);
}
