//! The coordinator area (Rekap): import a batch of submission files, see their statuses, rank
//! each category with jury marks, and export the results. Built into its own WebAssembly module
//! (`src/main.rs`), fetched only when `#/rekap` is opened, so none of it is in the officer's
//! first load; what both apps use (generic browser I/O, shared components) comes from the
//! officer's crate, `ampk-web`.
//!
//! `state` is the page's pure reducer, `page` renders it, `bundle` zips several downloads into
//! one, and `browser` is this crate's only browser I/O.

pub mod browser;
pub mod bundle;
pub mod page;
pub mod state;

pub use page::RekapPage;
