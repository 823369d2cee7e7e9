//! Reusable components, one per file.

pub mod error_summary;
pub mod input_field;
pub mod keep;
pub mod rubric_summary;
pub mod score_card;

pub use error_summary::{ErrorSummary, SummaryItem};
pub use input_field::InputField;
pub use keep::{deps, Keep};
pub use rubric_summary::{rubric_badge, rubric_summary, same_rc, RubricRef};
pub use score_card::{score_card, ScoreCard};

/// A class list: `base`, then `extra` when given. What `classes!` builds for these lists,
/// without its set type (and its hashing) in the officer's bundle.
pub fn class(base: &'static str, extra: Option<&str>) -> yew::AttrValue {
    match extra {
        None => yew::AttrValue::Static(base),
        Some(e) => yew::AttrValue::from(format!("{base} {e}")),
    }
}
