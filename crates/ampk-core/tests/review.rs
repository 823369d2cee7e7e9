//! Golden test of the review (`docs/review-format.md`): a committed review file of Contoh A reads,
//! checks against the example batch, gives the published verified scores to the digit, and is
//! written back byte for byte.

use ampk_core::example::{example, EXAMPLE_EXPORTED_AT};
use ampk_core::import::{import, JuryMarks};
use ampk_core::review::{self, ReviewState};
use wasm_bindgen_test::wasm_bindgen_test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const CONTOH_A: &str = include_str!("data/review/contoh-a.review.json");

#[wasm_bindgen_test(unsupported = test)]
fn the_committed_review_of_contoh_a_gives_its_verified_scores() {
    let r = ampk_core::builtin();
    let s = example(r, "opd").expect("opd example");
    let text = ampk_core::submission::write(r, &s, EXAMPLE_EXPORTED_AT);
    let report = import(r, &[("a.json".into(), text.into_bytes())], &JuryMarks::new());
    let rv = review::read(CONTOH_A.as_bytes()).expect("the committed review reads");
    assert_eq!(review::write(&rv), CONTOH_A, "the writer reproduces the committed file");
    assert_eq!(review::check(r, &report, &rv), []);
    let v = review::apply(r, &report, &rv);
    // (category, self-reported, verified, indicators that changed with their differences)
    let mut got = Vec::new();
    for c in &v.categories {
        for card in &c.cards {
            assert_eq!(card.state, ReviewState::NeedsFixing);
            let diffs: Vec<(String, f64)> =
                card.differences(r).filter(|d| d.1 != 0.0).map(|(id, d)| (id.to_string(), d)).collect();
            got.push((
                r.file.categories[c.category].id.clone(),
                card.reported.rounded(),
                card.verified.rounded(),
                diffs,
            ));
        }
        // needs_fixing stays in the ranking.
        assert_eq!(c.rows.len(), c.cards.len());
    }
    let want = [
        ("top_influencer", 68.75, 68.75, vec![]),
        ("media_massa_online", 73.67, 73.67, vec![]),
        ("website", 70.05, 67.55, vec![("W4".to_string(), -50.0)]),
        ("media_sosial_opd", 78.34, 68.09, vec![("S1".to_string(), -68.33)]),
        ("lapor_opd", 87.87, 87.87, vec![]),
    ];
    let want: Vec<_> = want.into_iter().map(|(c, a, b, d)| (c.to_string(), a, b, d)).collect();
    assert_eq!(got, want);
    let csv = review::audit_csv(&rv.audit, ampk_core::Lang::default());
    assert_eq!(csv.lines().count(), 3);
    assert!(csv.contains(";media_sosial_opd.posts;420;10;"), "{csv}");
}
