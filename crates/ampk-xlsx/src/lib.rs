//! XLSX export of an import report: one sheet per category and one of file statuses. Numbers
//! are written as numbers and text as text (never as formulas); the header row is frozen and
//! the columns are sized. Kept apart from `ampk-core` because the writer stamps the workbook
//! with a creation time, and out of the officer's bundle because of its size.

use ampk_core::export::{headers, indicator_columns, ranking_rows, Cell};
use ampk_core::import::ImportReport;
use ampk_core::{Lang, Rubric};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// A creation time for the workbook's properties (UTC): year, month, day, hour, minute, second.
pub type Stamp = (u16, u8, u8, u16, u8, u8);

fn sheet_name(id: &str, used: &mut Vec<String>) -> String {
    // Sheet names: at most 31 characters, unique; category ids are [a-z0-9_] so no bad characters.
    let mut name: String = id.chars().take(31).collect();
    let mut n = 2;
    while used.contains(&name) {
        let suffix = format!("_{n}");
        name = format!("{}{suffix}", id.chars().take(31 - suffix.len()).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(t) => ws.write_string(row, col, t).map(|_| ()),
        Cell::Number(n) => ws.write_number(row, col, *n).map(|_| ()),
        Cell::Empty => Ok(()),
    }
}

/// Builds the workbook bytes.
pub fn ranking_xlsx(rubric: &Rubric, report: &ImportReport, lang: Lang, created: Stamp) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let (y, mo, d, h, mi, s) = created;
    let stamp = ExcelDateTime::from_ymd(y, mo, d)?.and_hms(h, mi, s)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&stamp).set_title(rubric.file.title.get(lang)));
    let bold = Format::new().set_bold();
    let columns = indicator_columns(rubric);
    let rows = ranking_rows(rubric, report, lang);
    let mut used = Vec::new();
    for c in &report.categories {
        let def = &rubric.file.categories[c.category];
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&def.id, &mut used))?;
        let base = headers(lang);
        let own: Vec<usize> = def
            .indicators
            .iter()
            .filter_map(|i| columns.iter().position(|c| c == &i.id))
            .map(|k| base.len() + k)
            .collect();
        for (col, h) in base.iter().copied().chain(def.indicators.iter().map(|i| i.id.as_str())).enumerate() {
            ws.write_string_with_format(0, col as u16, h, &bold)?;
        }
        for (r, (_, cells)) in (1u32..).zip(rows.iter().filter(|(cat, _)| *cat == c.category)) {
            for (col, cell) in cells[..base.len()].iter().chain(own.iter().map(|&k| &cells[k])).enumerate() {
                write_cell(ws, r, col as u16, cell)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        ws.autofit();
    }
    let t = lang.texts();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(t.workbook_status_sheet(), &mut used))?;
    let head = [
        t.workbook_status_file(),
        t.workbook_status_status(),
        t.workbook_status_agency(),
        t.workbook_status_submission_id(),
        t.workbook_status_reasons(),
    ];
    for (col, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    for (i, f) in report.files.iter().enumerate() {
        let r = i as u32 + 1;
        let reasons: Vec<String> = f
            .reasons
            .iter()
            .map(|p| {
                if p.path.is_empty() {
                    format!("[{}] {}", p.code, p.message(lang))
                } else {
                    format!("[{}] {}: {}", p.code, p.path, p.message(lang))
                }
            })
            .collect();
        ws.write_string(r, 0, &f.file)?;
        ws.write_string(r, 1, f.status.label(lang))?;
        ws.write_string(r, 2, f.agency().unwrap_or(""))?;
        ws.write_string(r, 3, f.submission_id().unwrap_or(""))?;
        ws.write_string(r, 4, reasons.join("\n"))?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_and_unique() {
        let mut used = Vec::new();
        let long = "a".repeat(40);
        assert_eq!(sheet_name(&long, &mut used).len(), 31);
        let second = sheet_name(&long, &mut used);
        assert_eq!(second.len(), 31);
        assert!(second.ends_with("_2"));
    }
}
