//! Pure core of the AMPK self-assessment kit.
//!
//! Everything that scores, validates, ranks, or reads or writes a file format lives here. The
//! crate has no web dependency, never reads the clock and never uses randomness: callers pass
//! time and identifiers in. The same code runs natively (the `ampk` CLI) and in the browser.

mod decimal;
pub mod draft;
pub mod example;
pub mod export;
pub mod expr;
pub mod feedback;
pub mod fmt;
pub mod gain;
pub mod i18n;
pub mod import;
pub mod jcs;
pub mod json;
pub mod officer;
pub mod problem;
pub mod rank;
pub mod review;
pub mod rubric;
pub mod score;
pub mod shape;
pub mod submission;
pub mod util;
pub mod workbook;

pub use problem::{Lang, Problem, ProblemCode};
pub use rubric::{builtin, Rubric};
pub use score::{score, Figures, InputValue, Scorecard};
pub use util::round2;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
