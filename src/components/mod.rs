//! Reusable components, one per file.

pub mod error_summary;
pub mod input_field;
pub mod rubric_summary;
pub mod score_card;

pub use error_summary::{ErrorSummary, SummaryItem};
pub use input_field::InputField;
pub use rubric_summary::{rubric_badge, same_rc, RubricRef, RubricSummary};
pub use score_card::ScoreCard;
