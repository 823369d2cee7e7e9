//! Determinism across targets: the worked examples plus a few hundred generated cases, scored
//! natively into a committed fixture (`tests/data/determinism.json`), must give the very same
//! digits (and the same full-precision bits) when scored again, natively and in the browser.
//!
//! Regenerate the fixture with `UPDATE_FIXTURES=1 cargo test -p ampk-core --test determinism`.

mod common;

use ampk_core::score::Figures;
use ampk_core::{builtin, score};
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::wasm_bindgen_test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("data/determinism.json");

#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Case {
    category: String,
    months: u32,
    inputs: Figures,
    /// Rounded indicator scores, then the rounded data score, as 2-decimal strings.
    digits: Vec<String>,
    /// The full-precision data score.
    exact: f64,
    /// Its bits: compared instead of `exact`, so the check does not depend on the JSON number
    /// parser (the officer's bundle reads JSON without serde_json's exactly rounded parser, and
    /// the browser suite runs this test in that configuration too).
    exact_bits: u64,
}

fn run(category: &str, months: u32, inputs: Figures) -> Case {
    let r = builtin();
    let card = score(r, r.category_index(category).unwrap(), &inputs, months);
    let mut digits: Vec<String> = card.indicators.iter().map(|i| common::two(i.score)).collect();
    digits.push(common::two(card.data_score));
    Case {
        category: category.into(),
        months,
        inputs,
        digits,
        exact: card.data_score,
        exact_bits: card.data_score.to_bits(),
    }
}

/// A small deterministic generator (64-bit LCG); the core itself never uses randomness.
#[cfg(not(target_arch = "wasm32"))]
struct Lcg(u64);

#[cfg(not(target_arch = "wasm32"))]
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 11
    }
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 53) as f64
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn generated() -> Vec<Case> {
    use ampk_core::rubric::InputKind;
    use ampk_core::score::{Answer, InputValue};
    use std::collections::BTreeMap;
    let r = builtin();
    let mut rng = Lcg(0x414d_504b);
    let mut out = Vec::new();
    for w in common::WORKED {
        let w: common::Worked = serde_json::from_str(w.1).unwrap();
        out.push(run(&w.category, w.months, w.inputs));
    }
    for c in &r.file.categories {
        for _ in 0..40 {
            let months = 1 + (rng.next() % 12) as u32;
            let mut inputs = BTreeMap::new();
            for d in &c.inputs {
                if rng.unit() < 0.05 {
                    continue; // sometimes missing
                }
                let v = match d.kind {
                    InputKind::Integer | InputKind::Number => {
                        let max = d.max.unwrap_or(1e6);
                        // Log-uniform over the range, with zeros now and then.
                        let x = if rng.unit() < 0.1 { 0.0 } else { (rng.unit() * (max + 1.0).ln()).exp() - 1.0 };
                        let x = if d.kind == InputKind::Integer { x.floor() } else { (x * 10.0).round() / 10.0 };
                        InputValue::Number(x.clamp(d.min.unwrap_or(0.0), max))
                    }
                    InputKind::Boolean => InputValue::Bool(rng.unit() < 0.5),
                    InputKind::Checklist => InputValue::Checklist(
                        d.items
                            .iter()
                            .flatten()
                            .map(|it| {
                                let a = [Answer::Yes, Answer::Partial, Answer::No][(rng.next() % 3) as usize];
                                (it.id.clone(), a)
                            })
                            .collect(),
                    ),
                };
                inputs.insert(d.id.clone(), v);
            }
            out.push(run(&c.id, months, inputs));
        }
    }
    out
}

#[wasm_bindgen_test(unsupported = test)]
fn scores_match_the_committed_native_fixture() {
    let committed: Vec<Case> = serde_json::from_str(FIXTURE).expect("fixture parses");
    assert!(committed.len() >= 300, "only {} cases", committed.len());
    for (i, c) in committed.iter().enumerate() {
        let again = run(&c.category, c.months, c.inputs.clone());
        assert_eq!(again.digits, c.digits, "case {i} ({})", c.category);
        assert_eq!(again.exact.to_bits(), c.exact_bits, "case {i} ({})", c.category);
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn committed_fixture_is_current() {
    let fresh = generated();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/determinism.json");
    let text = serde_json::to_string_pretty(&fresh).unwrap() + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(path).unwrap(), text, "run with UPDATE_FIXTURES=1 to regenerate");
}
