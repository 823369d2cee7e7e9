//! XLSX export of an import report: one sheet per category and one of file statuses. Numbers
//! are written as numbers and text as text (never as formulas); the header row is frozen and
//! the columns are sized. Kept apart from `ampk-core` because the writer stamps the workbook
//! with a creation time, and out of the officer's bundle because of its size.

use ampk_core::export::{headers, indicator_columns, ranking_rows, Cell};
use ampk_core::import::ImportReport;
use ampk_core::review::{self, ReviewFile, Verified};
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
    reviewed_xlsx(rubric, report, None, lang, created)
}

/// A sheet of a table: a bold header row, frozen, then the rows; columns sized.
fn table_sheet(
    wb: &mut Workbook,
    name: &str,
    header: &[&str],
    rows: &[Vec<Cell>],
    used: &mut Vec<String>,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(name, used))?;
    for (col, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    for (r, cells) in (1u32..).zip(rows) {
        for (col, cell) in cells.iter().enumerate() {
            write_cell(ws, r, col as u16, cell)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    Ok(())
}

/// Builds the workbook bytes; with a review (its file and its outcome), each category sheet
/// gains the review columns after the indicators, and three sheets follow the file statuses:
/// the review of each submission, the corrections and the audit log. Without one it is
/// [`ranking_xlsx`].
pub fn reviewed_xlsx(
    rubric: &Rubric,
    report: &ImportReport,
    review: Option<(&ReviewFile, &Verified)>,
    lang: Lang,
    created: Stamp,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let (y, mo, d, h, mi, s) = created;
    let stamp = ExcelDateTime::from_ymd(y, mo, d)?.and_hms(h, mi, s)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&stamp).set_title(rubric.file.title.get(lang)));
    let bold = Format::new().set_bold();
    let columns = indicator_columns(rubric);
    let rows = ranking_rows(rubric, report, lang);
    let extra = review.map(|(_, v)| review::review_cells(report, v)).unwrap_or_default();
    let extra_headers = review.map(|_| review::review_headers(lang)).unwrap_or_default();
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
        let head = base.iter().copied().chain(def.indicators.iter().map(|i| i.id.as_str()));
        for (col, h) in head.chain(extra_headers.iter().copied()).enumerate() {
            ws.write_string_with_format(0, col as u16, h, &bold)?;
        }
        let own_rows = rows.iter().enumerate().filter(|(_, (cat, _))| *cat == c.category);
        for (r, (i, (_, cells))) in (1u32..).zip(own_rows) {
            let more = extra.get(i).map(Vec::as_slice).unwrap_or_default();
            let shown = cells[..base.len()].iter().chain(own.iter().map(|&k| &cells[k])).chain(more);
            for (col, cell) in shown.enumerate() {
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
    if let Some((file, _)) = review {
        let state_rows = review::review_state_rows(report, file);
        table_sheet(&mut wb, t.workbook_review_sheet(), &review::review_state_headers(lang), &state_rows, &mut used)?;
        let corrections = review::correction_rows(report, file);
        table_sheet(
            &mut wb,
            t.workbook_corrections_sheet(),
            &review::correction_headers(lang),
            &corrections,
            &mut used,
        )?;
        let audit = review::audit_rows(&file.audit);
        table_sheet(&mut wb, t.workbook_audit_sheet(), &review::audit_headers(lang), &audit, &mut used)?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ampk_core::review::{Correction, ReviewState, SubmissionReview};
    use calamine::{Data, Reader, Xlsx};

    /// Every sheet's name and rows (cells as text).
    fn read(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
        book.sheet_names()
            .into_iter()
            .map(|n| {
                let range = book.worksheet_range(&n).expect("a sheet");
                let rows = range
                    .rows()
                    .map(|r| {
                        r.iter()
                            .map(|c| match c {
                                Data::Empty => String::new(),
                                other => other.to_string(),
                            })
                            .collect()
                    })
                    .collect();
                (n, rows)
            })
            .collect()
    }

    #[test]
    fn a_review_adds_its_columns_and_sheets_and_none_changes_nothing() {
        let r = ampk_core::builtin();
        let sub = ampk_core::example::example(r, "opd").expect("opd example");
        let text = ampk_core::submission::write(r, &sub, ampk_core::example::EXAMPLE_EXPORTED_AT);
        let report = ampk_core::import::import(r, &[("a.json".into(), text.into_bytes())], &Default::default());
        let stamp = (2025, 11, 3, 2, 0, 0);
        let plain = read(ranking_xlsx(r, &report, Lang::Id, stamp).unwrap());
        let mut file = review::ReviewFile::new(r);
        let correction = Correction {
            category: "lapor_opd".into(),
            input: "received".into(),
            item: None,
            value: serde_json::json!(3),
            reason: "=SUM(A1)".into(),
        };
        let old = SubmissionReview { submission_id: sub.submission_id.clone(), ..Default::default() };
        let new = SubmissionReview { state: ReviewState::Verified, corrections: vec![correction], ..old.clone() };
        let reported =
            |c: &str, i: &str, item: Option<&str>| review::reported_value(&report, &old.submission_id, c, i, item);
        file.audit = review::audit_diff(&old, &new, reported, "Rina", "2025-11-04T08:00:00Z");
        file.set(new);
        let v = review::apply(r, &report, &file);
        let got = read(reviewed_xlsx(r, &report, Some((&file, &v)), Lang::Id, stamp).unwrap());
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        let plain_names: Vec<&str> = plain.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[..plain_names.len()], plain_names[..]);
        assert_eq!(names[plain_names.len()..], ["pemeriksaan", "koreksi", "audit"]);
        let lapor = &got.iter().find(|(n, _)| n == "lapor_opd").unwrap().1;
        let plain_lapor = &plain.iter().find(|(n, _)| n == "lapor_opd").unwrap().1;
        assert_eq!(lapor[0][..plain_lapor[0].len()], plain_lapor[0][..], "the same columns first");
        assert_eq!(
            lapor[0][plain_lapor[0].len()..],
            ["status_pemeriksaan", "nilai_data_terverifikasi", "peringkat_terverifikasi"]
        );
        let cat = r.category_index("lapor_opd").unwrap();
        let verified = v.categories[cat].cards[0].verified.rounded();
        assert_eq!(lapor[1][plain_lapor[0].len()..], ["verified".to_string(), verified.to_string(), "1".to_string()]);
        let corrections = &got.iter().find(|(n, _)| n == "koreksi").unwrap().1;
        assert_eq!(corrections.len(), 2);
        assert_eq!(corrections[1][6..], ["3", "=SUM(A1)"], "text, never a formula");
        let audit = &got.iter().find(|(n, _)| n == "audit").unwrap().1;
        assert_eq!(audit.len(), 3, "header, the state and the correction");
        assert_eq!(
            audit[2][3..6],
            [
                "lapor_opd.received".to_string(),
                review::reported_value(&report, &sub.submission_id, "lapor_opd", "received", None).to_string(),
                "3".into()
            ]
        );
    }

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
