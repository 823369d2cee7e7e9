//! The rubric studio (`#/rubrik`): Diskominfo opens the rubric it writes in a spreadsheet (or a
//! rubric file), sees every problem at its cell, previews each category's form as officers will
//! see it, compares it with another rubric and downloads the `rubric.json` to publish. Built into
//! its own WebAssembly module (`src/main.rs`), fetched only when `#/rubrik` is opened, so neither
//! the workbook reader and writer nor this page is in the officer's first load. The form
//! components and the generic browser I/O come from the officer's crate, `ampk-web`.
//!
//! `state` holds the pure part (reading a file into a rubric or its problems, the preview's
//! figures), `page` renders it, and `browser` is this crate's only browser I/O.

pub mod browser;
pub mod page;
pub mod state;

pub use page::StudioPage;
