//! Pages: one per area of the app.

pub mod officer;
pub mod rekap;

pub use officer::OfficerPage;
pub use rekap::RekapPage;
