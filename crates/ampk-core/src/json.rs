//! Reading JSON documents, shared by the rubric loader and the submission reader: the size
//! limit and BOM tolerance of every file the kit reads, the problem a serde error becomes, and
//! the `YYYY-MM-DD` dates both formats use.

use crate::problem::{Problem, ProblemCode};
use serde_json::Value;

/// Parses JSON bytes with the size limit and BOM tolerance shared by every file the kit reads.
pub fn parse_json(bytes: &[u8], limit: usize) -> Result<Value, Problem> {
    parse_json_or(bytes, limit, |_| None)
}

/// As [`parse_json`], but a parse error for which `special` gives a problem is reported with
/// that problem instead of `not_json` (the submission reader's nesting limit).
pub fn parse_json_or(
    bytes: &[u8],
    limit: usize,
    special: impl FnOnce(&serde_json::Error) -> Option<Problem>,
) -> Result<Value, Problem> {
    if bytes.len() > limit {
        let size = bytes.len();
        return Err(Problem::of(ProblemCode::TooLarge, "", |t| t.file_too_large(limit, size)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| {
        special(&e).unwrap_or_else(|| Problem::of(ProblemCode::NotJson, "", |t| t.not_json(e.column(), &e, e.line())))
    })
}

/// The problem reported when serde cannot read a document into its wire types.
pub fn structure(e: serde_json::Error) -> Problem {
    Problem::of(ProblemCode::Structure, "", |t| t.bad_structure(&e))
}

/// Parses `YYYY-MM-DD` with a real calendar check.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("2025-1-01"), None);
        assert_eq!(parse_date("2025-01-+1"), None);
    }
}
