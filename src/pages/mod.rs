//! Pages: one per area of the app. The coordinator's page is in its own crate
//! (`crates/ampk-rekap`), built into its own module.

pub mod officer;

pub use officer::OfficerPage;
