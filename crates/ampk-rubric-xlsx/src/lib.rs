//! Rubric workbooks (`../shared/spec/rubric-xlsx.md`): a workbook (XLSX, or ODS for reading)
//! turned into a rubric file, every problem reported at a cell, and a rubric file written as a
//! workbook with instructions, drop-down lists and frozen headers.
//!
//! - `layout.rs`: the sheets and columns, shared by the reader and the writer;
//! - `cells.rs`: opening the archive and reading its cells;
//! - `read.rs`: building the [`RubricFile`] row by row, with a map from JSON paths to rows;
//! - `locate.rs`: the core's validation problems (JSON paths) mapped back to cells;
//! - `write.rs` and `petunjuk.rs`: the writer and its instructions sheet.
//!
//! Kept out of `ampk-core` (the writer stamps a time, the reader brings calamine) and out of the
//! officer's bundle; it builds for `wasm32-unknown-unknown` for a browser studio.

mod cells;
mod layout;
mod locate;
mod petunjuk;
mod read;
mod write;

use ampk_core::rubric::Rubric;
use ampk_core::{Lang, ProblemCode};
use serde::Serialize;

pub use write::to_workbook;

/// Largest workbook read, in bytes (rubric-xlsx §1).
pub const MAX_WORKBOOK_BYTES: usize = 5 << 20;

/// One problem of a workbook, at the cell (or row, or sheet) that causes it. Serialised as
/// `{"sheet", "row", "column", "cell", "code", "message"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellProblem {
    /// The sheet's name; empty for the file as a whole.
    pub sheet: String,
    /// The row as the spreadsheet shows it (the header is row 1).
    pub row: Option<u32>,
    /// The column's name (`bobot`).
    pub column: Option<String>,
    /// The cell (`F7`), when both the row and the column are known.
    pub cell: Option<String>,
    /// The problem's code.
    pub code: ProblemCode,
    /// What is wrong and how to fix it, in the language asked for.
    pub message: String,
}

impl CellProblem {
    /// Where the problem is, as a spreadsheet names it: `indikator!F7 (bobot)`, `indikator!7:7`,
    /// `kategori (peserta)`, `masukan`; empty for the file as a whole.
    pub fn place(&self) -> String {
        let mut out = self.sheet.clone();
        match (&self.cell, self.row) {
            (Some(cell), _) => out = format!("{out}!{cell}"),
            (None, Some(row)) => out = format!("{out}!{row}:{row}"),
            _ => {}
        }
        if let Some(c) = &self.column {
            out = format!("{out} ({c})");
        }
        out
    }
}

/// Reads a workbook (XLSX or ODS, told by its content) into a rubric file: its JSON text
/// (pretty-printed, with `format` and `format_version`) and the rubric compiled from that text
/// (fingerprint included). Otherwise every problem found, each at its sheet, row and column,
/// with messages in `lang`.
pub fn from_workbook(bytes: &[u8], lang: Lang) -> Result<(String, Rubric), Vec<CellProblem>> {
    read::from_workbook(bytes, lang)
}
