//! Pages: one per area of the app. The coordinator's page is in its own crate
//! (`crates/ampk-rekap`), built into its own module.

mod category;
pub mod officer;

pub use officer::OfficerPage;
