//! Workbooks the tests make: the base test rubric written by the kit, read back cell by cell
//! with calamine, edited, and written again with rust_xlsxwriter.
#![allow(dead_code)]

use ampk_core::rubric;
use ampk_rubric_xlsx::to_workbook;
use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::Cursor;
use std::path::PathBuf;

/// The rubric file of a valid fixture (`valid-base.json`).
pub(crate) fn fixture(name: &str) -> rubric::Rubric {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ampk-core/tests/data/rubrics/valid").join(name);
    rubric::load(&std::fs::read(path).unwrap()).unwrap()
}

/// A workbook as sheets of rows of cells, from A1.
#[derive(Clone)]
pub(crate) struct Book(pub(crate) Vec<(String, Vec<Vec<Data>>)>);

pub(crate) fn base() -> Book {
    let r = fixture("valid-base.json");
    let bytes = to_workbook(&r.file).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
        sheets.push((name.clone(), range.rows().map(|r| r.to_vec()).collect()));
    }
    Book(sheets)
}

impl Book {
    pub(crate) fn sheet(&mut self, name: &str) -> &mut Vec<Vec<Data>> {
        &mut self.0.iter_mut().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no sheet {name}")).1
    }

    pub(crate) fn col(&mut self, sheet: &str, column: &str) -> usize {
        let header = &self.sheet(sheet)[0];
        header.iter().position(|c| *c == Data::String(column.into())).unwrap_or_else(|| panic!("{sheet}.{column}"))
    }

    /// Sets the cell of `column` in the spreadsheet row `row` (the header is row 1).
    pub(crate) fn set(mut self, sheet: &str, row: usize, column: &str, v: impl Into<Data>) -> Self {
        let c = self.col(sheet, column);
        let rows = self.sheet(sheet);
        while rows.len() < row {
            rows.push(Vec::new());
        }
        let r = &mut rows[row - 1];
        if r.len() <= c {
            r.resize(c + 1, Data::Empty);
        }
        r[c] = v.into();
        self
    }

    pub(crate) fn rename_sheet(mut self, from: &str, to: &str) -> Self {
        self.0.iter_mut().find(|(n, _)| n == from).unwrap().0 = to.into();
        self
    }

    pub(crate) fn remove_row(mut self, sheet: &str, row: usize) -> Self {
        self.sheet(sheet).remove(row - 1);
        self
    }

    pub(crate) fn bytes(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (name, rows) in &self.0 {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    match v {
                        Data::String(s) => _ = ws.write_string(r, c, s).unwrap(),
                        Data::Float(f) => _ = ws.write_number(r, c, *f).unwrap(),
                        Data::Int(i) => _ = ws.write_number(r, c, *i as f64).unwrap(),
                        Data::Bool(b) => _ = ws.write_boolean(r, c, *b).unwrap(),
                        Data::DateTime(d) => {
                            let (y, m, day, ..) = d.to_ymd_hms_milli();
                            let d = ExcelDateTime::from_ymd(y, m, day).unwrap();
                            _ = ws.write_datetime_with_format(r, c, d, &date).unwrap()
                        }
                        Data::Empty => {}
                        other => panic!("unexpected cell {other:?}"),
                    }
                }
            }
        }
        wb.save_to_buffer().unwrap()
    }
}
