//! Rubric file → workbook (rubric-xlsx §4): every member written, defaults included, a
//! `petunjuk` sheet first, drop-down lists on every enumerated column, frozen headers, sized
//! columns and the text format on id columns. Texts are written as text, never as formulas.
//! The output is deterministic: the creation time in the document properties is 1 January of
//! the rubric's edition, not the clock.

use crate::layout::{self, word, Kind, SheetDef, KEYS};
use crate::petunjuk;
use ampk_core::fmt::plain;
use ampk_core::json::parse_date;
use ampk_core::rubric::{RubricFile, Scale, Text};
use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};
use serde::Serialize;

/// Rows below the data that still get the drop-down lists, for rows the author adds.
const SPARE_ROWS: u32 = 300;

/// One cell to write.
enum Cell {
    Text(String),
    Number(f64),
    Date(u16, u8, u8),
    Empty,
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// The language `tag` of a rubric text, or nothing.
fn lang(t: Option<&Text>, tag: &str) -> Cell {
    t.and_then(|t| t.0.get(tag)).map_or(Cell::Empty, |s| text(s))
}

fn number(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, Cell::Number)
}

/// The JSON word of an enumeration value, in the workbook's words.
fn choice<T: Serialize>(words: &[(&'static str, &'static str)], v: &T) -> Cell {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => text(word(words, &s)),
        Ok(serde_json::Value::Bool(b)) => text(word(words, if b { "true" } else { "false" })),
        _ => Cell::Empty,
    }
}

fn list(items: &[String]) -> Cell {
    if items.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(items.join(", "))
    }
}

fn date(s: &str) -> Cell {
    match parse_date(s) {
        Some((y, m, d)) if y <= 9999 => Cell::Date(y as u16, m as u8, d as u8),
        _ => text(s),
    }
}

/// The formats the writer uses.
struct Formats {
    header: Format,
    id: Format,
    date: Format,
    wrap: Format,
    title: Format,
}

/// Writes `file` as a workbook.
pub fn to_workbook(file: &RubricFile) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let year = u16::try_from(file.edition.clamp(1900, 9999)).unwrap_or(2000);
    let created = ExcelDateTime::from_ymd(year, 1, 1)?;
    let title = file.title.0.get("id").map_or("", String::as_str);
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title(title));
    let f = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border_bottom(FormatBorder::Thin),
        id: Format::new().set_num_format("@"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        wrap: Format::new().set_text_wrap(),
        title: Format::new().set_bold().set_font_size(14),
    };
    write_petunjuk(wb.add_worksheet(), &f)?;
    for def in layout::SHEETS {
        let rows = rows_of(def, file);
        write_sheet(wb.add_worksheet(), def, &rows, &f)?;
    }
    wb.save_to_buffer()
}

/// The rows of a sheet, each parallel to the sheet's columns.
fn rows_of(def: &SheetDef, file: &RubricFile) -> Vec<Vec<Cell>> {
    match def.name {
        "rubrik" => KEYS
            .iter()
            .map(|&(key, ..)| {
                let v = match key {
                    "id" => text(&file.id),
                    "edisi" => Cell::Number(f64::from(file.edition)),
                    "status" => choice(layout::STATUS, &file.status),
                    "judul" => lang(Some(&file.title), "id"),
                    "judul_en" => lang(Some(&file.title), "en"),
                    "diterbitkan_oleh" => file.published_by.as_deref().map_or(Cell::Empty, text),
                    "periode_mulai" => date(&file.period.start),
                    "periode_selesai" => date(&file.period.end),
                    "bobot_data" => Cell::Number(file.final_score.data_weight),
                    _ => Cell::Number(file.final_score.jury_weight),
                };
                vec![text(key), v]
            })
            .collect(),
        "jenis_instansi" => file
            .agency_types
            .iter()
            .map(|t| vec![text(&t.id), lang(Some(&t.label), "id"), lang(Some(&t.label), "en")])
            .collect(),
        "predikat" => file
            .bands
            .iter()
            .map(|b| vec![Cell::Number(b.min), lang(Some(&b.label), "id"), lang(Some(&b.label), "en")])
            .collect(),
        "kategori" => file
            .categories
            .iter()
            .map(|c| {
                let tie = match &c.tie_break {
                    None => Cell::Empty,
                    Some(l) if l.is_empty() => text("-"),
                    Some(l) => list(l),
                };
                vec![
                    text(&c.id),
                    lang(Some(&c.label), "id"),
                    lang(Some(&c.label), "en"),
                    lang(c.description.as_ref(), "id"),
                    lang(c.description.as_ref(), "en"),
                    list(&c.eligible),
                    Cell::Number(f64::from(c.winners)),
                    tie,
                ]
            })
            .collect(),
        "masukan" => file
            .categories
            .iter()
            .flat_map(|c| {
                c.inputs.iter().map(move |i| {
                    vec![
                        text(&c.id),
                        text(&i.id),
                        lang(Some(&i.label), "id"),
                        lang(Some(&i.label), "en"),
                        lang(i.help.as_ref(), "id"),
                        lang(i.help.as_ref(), "en"),
                        lang(i.unit.as_ref(), "id"),
                        lang(i.unit.as_ref(), "en"),
                        choice(layout::KIND, &i.kind),
                        number(i.min),
                        number(i.max),
                        choice(layout::EVIDENCE, &i.evidence),
                        choice(layout::YES_NO, &i.required),
                    ]
                })
            })
            .collect(),
        "butir" => file
            .categories
            .iter()
            .flat_map(|c| {
                c.inputs.iter().flat_map(move |i| {
                    i.items.iter().flatten().map(move |it| {
                        vec![
                            text(&c.id),
                            text(&i.id),
                            text(&it.id),
                            lang(Some(&it.label), "id"),
                            lang(Some(&it.label), "en"),
                            lang(it.help.as_ref(), "id"),
                            lang(it.help.as_ref(), "en"),
                        ]
                    })
                })
            })
            .collect(),
        "indikator" => file
            .categories
            .iter()
            .flat_map(|c| {
                c.indicators.iter().map(move |i| {
                    let (kind, min, max, dir, steps, otherwise) = match &i.scale {
                        Scale::Linear { min, max } => {
                            ("linear", Some(*min), Some(*max), Cell::Empty, Cell::Empty, None)
                        }
                        Scale::Log { min, max } => ("log", Some(*min), Some(*max), Cell::Empty, Cell::Empty, None),
                        Scale::Bands { direction, steps, otherwise } => {
                            let s: Vec<String> =
                                steps.iter().map(|s| format!("{}:{}", plain(s.at), plain(s.score))).collect();
                            (
                                "bands",
                                None,
                                None,
                                choice(layout::DIRECTION, direction),
                                Cell::Text(s.join("; ")),
                                Some(*otherwise),
                            )
                        }
                        Scale::Percent => ("percent", None, None, Cell::Empty, Cell::Empty, None),
                    };
                    vec![
                        text(&c.id),
                        text(&i.id),
                        lang(Some(&i.label), "id"),
                        lang(Some(&i.label), "en"),
                        lang(i.help.as_ref(), "id"),
                        lang(i.help.as_ref(), "en"),
                        Cell::Number(i.weight),
                        text(&i.value),
                        text(word(layout::SCALE, kind)),
                        number(min),
                        number(max),
                        dir,
                        steps,
                        number(otherwise),
                        list(&i.requires),
                        Cell::Number(i.when_undefined),
                    ]
                })
            })
            .collect(),
        _ => file
            .categories
            .iter()
            .flat_map(|c| {
                c.checks.iter().map(move |ch| {
                    vec![text(&c.id), text(&ch.rule), lang(Some(&ch.message), "id"), lang(Some(&ch.message), "en")]
                })
            })
            .collect(),
    }
}

fn write_sheet(ws: &mut Worksheet, def: &SheetDef, rows: &[Vec<Cell>], f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(def.name)?;
    let last = rows.len() as u32 + SPARE_ROWS;
    for (c, col) in def.columns.iter().enumerate() {
        let c = c as u16;
        ws.set_column_width(c, col.width)?;
        if col.kind == Kind::Id {
            ws.set_column_format(c, &f.id)?;
        }
        ws.write_string_with_format(0, c, col.name, &f.header)?;
        let choices: Vec<&str> = match col.kind {
            Kind::Choice(words) => words.iter().map(|(w, _)| *w).collect(),
            _ if def.name == "rubrik" && col.name == "kunci" => KEYS.iter().map(|(k, ..)| *k).collect(),
            _ => continue,
        };
        let dv = DataValidation::new().allow_list_strings(&choices)?;
        ws.add_data_validation(1, c, last, c, &dv)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(r, c, s).map(|_| ())?,
                Cell::Number(n) => ws.write_number(r, c, *n).map(|_| ())?,
                Cell::Date(y, m, d) => {
                    ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d)?, &f.date).map(|_| ())?
                }
                Cell::Empty => {}
            }
        }
    }
    if def.name == "rubrik" {
        // The status row's value is a choice too.
        if let Some(row) = KEYS.iter().position(|(k, ..)| *k == "status") {
            let words: Vec<&str> = layout::STATUS.iter().map(|(w, _)| *w).collect();
            let row = row as u32 + 1;
            ws.add_data_validation(row, 1, row, 1, &DataValidation::new().allow_list_strings(&words)?)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_petunjuk(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(layout::PETUNJUK)?;
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 22)?;
    ws.set_column_width(2, 100)?;
    let mut r = paragraphs(ws, 0, petunjuk::INTRO, 48, f)? + 1;
    for (c, h) in ["lembar", "kolom", "penjelasan"].iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &f.header)?;
    }
    r += 1;
    for (sheet, column, text) in petunjuk::COLUMNS {
        ws.write_string(r, 0, *sheet)?;
        ws.write_string(r, 1, *column)?;
        ws.write_string_with_format(r, 2, *text, &f.wrap)?;
        r += 1;
    }
    paragraphs(ws, r + 1, petunjuk::EXAMPLE, 32, f)?;
    Ok(())
}

/// A title and paragraphs (each across the three columns, `height` points high) from row `r`;
/// returns the row after them.
fn paragraphs(ws: &mut Worksheet, mut r: u32, lines: &[&str], height: u16, f: &Formats) -> Result<u32, XlsxError> {
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            ws.write_string_with_format(r, 0, *line, &f.title)?;
        } else {
            ws.merge_range(r, 0, r, 2, line, &f.wrap)?;
            ws.set_row_height(r, height)?;
        }
        r += 1;
    }
    Ok(r)
}
