//! Reusable components, one per file.

pub mod rubric_summary;

pub use rubric_summary::{RubricRef, RubricSummary};
