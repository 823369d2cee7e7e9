//! Opening a workbook: the format is told by the archive's content (an ODS has `mimetype` and
//! `content.xml`, an XLSX `xl/workbook.xml`), then every sheet is read into a sparse grid of
//! cells at their absolute positions. XLSX sheets are streamed cell by cell, so a stray cell at
//! `XFD1048576` costs one cell, not a million rows; the total number of cells is bounded.

use calamine::{Data, Ods, Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Most cells read from one workbook (a rubric has a few thousand).
pub(crate) const MAX_CELLS: usize = 200_000;

/// One sheet: its name and its non-empty cells by (row, column), both 0-based.
#[derive(Debug)]
pub(crate) struct Grid {
    pub name: String,
    pub cells: BTreeMap<(u32, u32), Data>,
}

/// Why a workbook could not be opened.
#[derive(Debug)]
pub(crate) enum OpenError {
    /// Not an XLSX or ODS archive; the reader's reason when it says one.
    NotAWorkbook(Option<String>),
    /// More than [`MAX_CELLS`] cells.
    TooManyCells,
}

/// The names of every sheet and the grids of those `wanted` says to read, in workbook order.
pub(crate) fn open(bytes: &[u8], wanted: impl Fn(&str) -> bool) -> Result<(Vec<String>, Vec<Grid>), OpenError> {
    let names: Vec<String> = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z.file_names().map(str::to_string).collect(),
        Err(_) => return Err(OpenError::NotAWorkbook(None)),
    };
    let has = |n: &str| names.iter().any(|x| x == n);
    let reason = |e: &dyn std::fmt::Display| OpenError::NotAWorkbook(Some(e.to_string()));
    let mut count = 0usize;
    let mut keep = |grid: &mut BTreeMap<(u32, u32), Data>, pos: (u32, u32), v: Data| {
        if v != Data::Empty {
            count += 1;
            grid.insert(pos, v);
        }
        count <= MAX_CELLS
    };
    let mut grids = Vec::new();
    if has("content.xml") || has("mimetype") {
        let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| reason(&e))?;
        let sheets = wb.sheet_names();
        for name in sheets.iter().filter(|n| wanted(n)) {
            let range = wb.worksheet_range(name).map_err(|e| reason(&e))?;
            let mut cells = BTreeMap::new();
            for (r, c, v) in range.used_cells() {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                let pos = (r0.saturating_add(r as u32), c0.saturating_add(c as u32));
                if !keep(&mut cells, pos, v.clone()) {
                    return Err(OpenError::TooManyCells);
                }
            }
            grids.push(Grid { name: name.clone(), cells });
        }
        Ok((sheets, grids))
    } else if has("xl/workbook.xml") {
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| reason(&e))?;
        let sheets = wb.sheet_names();
        for name in sheets.iter().filter(|n| wanted(n)) {
            let mut reader = wb.worksheet_cells_reader(name).map_err(|e| reason(&e))?;
            let mut cells = BTreeMap::new();
            while let Some(cell) = reader.next_cell().map_err(|e| reason(&e))? {
                let v: Data = cell.get_value().clone().into();
                if !keep(&mut cells, cell.get_position(), v) {
                    return Err(OpenError::TooManyCells);
                }
            }
            grids.push(Grid { name: name.clone(), cells });
        }
        Ok((sheets, grids))
    } else {
        Err(OpenError::NotAWorkbook(None))
    }
}

/// Whether a cell holds nothing (empty, or only spaces).
pub(crate) fn blank(v: &Data) -> bool {
    match v {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Reads a number typed as text: digits with an optional fraction after a point or a comma, an
/// optional leading minus sign, spaces around ignored (`"12,5"`, `"12.5"`, `"-3"`).
pub(crate) fn parse_number_text(s: &str) -> Option<f64> {
    let s = s.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    let (int, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let v = ampk_core::fmt::parse_decimal(int, frac)?;
    Some(if negative { -v } else { v })
}

/// A date cell, an ISO date-time (ODS) or `YYYY-MM-DD` text, as `YYYY-MM-DD`.
pub(crate) fn date(v: &Data) -> Option<String> {
    let iso = |s: &str| {
        let s = s.trim();
        let day = s.get(..10)?;
        let rest = &s[10..];
        (ampk_core::json::parse_date(day).is_some() && (rest.is_empty() || rest.starts_with('T')))
            .then(|| day.to_string())
    };
    match v {
        Data::DateTime(d) if d.is_datetime() && (1.0..2_958_466.0).contains(&d.as_f64()) => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            let s = format!("{y:04}-{m:02}-{d:02}");
            ampk_core::json::parse_date(&s).map(|_| s)
        }
        Data::DateTimeIso(s) => iso(s),
        Data::String(s) if s.trim().len() == 10 => iso(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_as_text() {
        assert_eq!(parse_number_text("12,5"), Some(12.5));
        assert_eq!(parse_number_text(" 12.5 "), Some(12.5));
        assert_eq!(parse_number_text("-3"), Some(-3.0));
        assert_eq!(parse_number_text("007"), Some(7.0));
        for bad in ["", "12,", ",5", "1.000,5", "12 5", "1e3", "abc", "--1", "+1"] {
            assert_eq!(parse_number_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date(&Data::String("2025-01-31".into())), Some("2025-01-31".into()));
        assert_eq!(date(&Data::String("2025-02-30".into())), None);
        assert_eq!(date(&Data::String("31/01/2025".into())), None);
        assert_eq!(date(&Data::DateTimeIso("2025-03-01T00:00:00".into())), Some("2025-03-01".into()));
        assert_eq!(date(&Data::Float(45658.0)), None);
        let excel = calamine::ExcelDateTime::new(45658.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date(&Data::DateTime(excel)), Some("2025-01-01".into()));
        let huge = calamine::ExcelDateTime::new(1e300, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(date(&Data::DateTime(huge)), None);
    }
}
