//! Pages: one per area of the app.

pub mod officer;

pub use officer::OfficerPage;
