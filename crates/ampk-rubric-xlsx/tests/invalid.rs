//! Invalid workbooks, made here: the base test rubric written by the kit, read back cell by cell
//! with calamine, edited, and written again with rust_xlsxwriter. Each rule of the contract
//! (rubric-xlsx §1–3) has its expected `[sheet, row, column, code]`.

use ampk_core::Lang;
use ampk_rubric_xlsx::{from_workbook, to_workbook, CellProblem};
use calamine::Data;

mod common;

use common::{base, fixture, Book};

impl Book {
    fn problems(&self) -> Vec<CellProblem> {
        match from_workbook(&self.bytes(), Lang::Id) {
            Ok(_) => panic!("expected problems"),
            Err(p) => p,
        }
    }
}

type Expected<'a> = (&'a str, Option<u32>, Option<&'a str>, &'a str);

fn key(p: &CellProblem) -> (String, Option<u32>, Option<String>, String) {
    (p.sheet.clone(), p.row, p.column.clone(), p.code.to_string())
}

/// The problems are exactly `expected` (in any order); returns them for further checks.
fn expect(book: &Book, expected: &[Expected<'_>]) -> Vec<CellProblem> {
    let found = book.problems();
    let mut got: Vec<_> = found.iter().map(key).collect();
    let mut want: Vec<_> =
        expected.iter().map(|(s, r, c, code)| (s.to_string(), *r, c.map(String::from), code.to_string())).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{found:#?}");
    found
}

fn message<'a>(found: &'a [CellProblem], code: &str) -> &'a str {
    &found.iter().find(|p| p.code == code).unwrap_or_else(|| panic!("no {code}")).message
}

#[test]
fn the_base_workbook_is_valid_as_rebuilt() {
    assert!(from_workbook(&base().bytes(), Lang::Id).is_ok());
}

#[test]
fn unknown_sheet_with_a_suggestion() {
    let found = expect(
        &base().rename_sheet("indikator", "Indikator "),
        &[("Indikator ", None, None, "unknown_sheet"), ("indikator", None, None, "missing_sheet")],
    );
    assert!(message(&found, "unknown_sheet").contains("maksudnya `indikator`?"));
    let mut book = base();
    book.0.push(("ringkasan".into(), vec![vec![Data::String("catatan".into())]]));
    let found = expect(&book, &[("ringkasan", None, None, "unknown_sheet")]);
    assert!(message(&found, "unknown_sheet").contains("indikator"));
    // Sheets starting with `_` are ignored, so a removed `butir` only leaves the checklist empty.
    let found =
        expect(&base().rename_sheet("butir", "_butir"), &[("masukan", Some(6), Some("jenis"), "checklist_items")]);
    assert_eq!(found[0].cell.as_deref(), Some("I6"));
}

#[test]
fn unknown_column_with_a_suggestion() {
    let found = expect(
        &base().set("indikator", 1, "bobot", "bobt"),
        &[
            ("indikator", Some(1), Some("bobt"), "unknown_column"),
            ("indikator", Some(1), Some("bobot"), "missing_column"),
        ],
    );
    assert!(message(&found, "unknown_column").contains("maksudnya `bobot`?"), "{found:?}");
    assert_eq!(found.iter().find(|p| p.code == "unknown_column").unwrap().cell.as_deref(), Some("G1"));
}

#[test]
fn bad_enumeration_value() {
    let found =
        expect(&base().set("masukan", 2, "jenis", "angka"), &[("masukan", Some(2), Some("jenis"), "bad_choice")]);
    assert!(found[0].message.contains("bilangan_bulat, bilangan, ya_tidak, daftar_periksa"), "{found:?}");
    // English JSON words and any case are accepted.
    assert!(from_workbook(&base().set("masukan", 2, "jenis", "Integer").bytes(), Lang::Id).is_ok());
}

#[test]
fn numbers_typed_as_text() {
    let found = expect(
        &base().set("indikator", 2, "bobot", "40 persen"),
        &[("indikator", Some(2), Some("bobot"), "not_a_number")],
    );
    assert_eq!(found[0].cell.as_deref(), Some("G2"));
    // A decimal comma or point in text is a number; so the weights still sum to 100.
    let book = base().set("indikator", 2, "bobot", "39,5").set("indikator", 3, "bobot", "30.5");
    let (_, r) = from_workbook(&book.bytes(), Lang::Id).unwrap();
    assert_eq!(r.file.categories[0].indicators[0].weight, 39.5);
    assert_eq!(r.file.categories[0].indicators[1].weight, 30.5);
}

#[test]
fn unknown_category_in_masukan() {
    let book = base()
        .set("masukan", 9, "kategori", "medsos")
        .set("masukan", 9, "id", "extra")
        .set("masukan", 9, "label", "Tambahan");
    let book = book.set("masukan", 9, "jenis", "bilangan");
    let found = expect(&book, &[("masukan", Some(9), Some("kategori"), "unknown_category")]);
    assert_eq!(found[0].cell.as_deref(), Some("A9"));
}

#[test]
fn unknown_checklist_input_in_butir() {
    expect(&base().set("butir", 2, "masukan", "sopp"), &[("butir", Some(2), Some("masukan"), "unknown_input")]);
}

#[test]
fn weights_not_100() {
    let found =
        expect(&base().set("indikator", 2, "bobot", 45.0), &[("indikator", Some(2), Some("bobot"), "weights_sum")]);
    let m = &found[0].message;
    assert!(m.contains("media_sosial") && m.contains("G2, G3, G4") && m.contains("105"), "{m}");
}

#[test]
fn formula_error_and_unknown_identifier() {
    expect(
        &base().set("indikator", 2, "rumus", "posts / / months"),
        &[("indikator", Some(2), Some("rumus"), "expr_syntax")],
    );
    let found = expect(
        &base().set("indikator", 2, "rumus", "post / months"),
        &[("indikator", Some(2), Some("rumus"), "unknown_identifier")],
    );
    assert!(found[0].message.contains("post"), "{found:?}");
    assert_eq!(found[0].cell.as_deref(), Some("H2"));
    // A check naming an unknown input: the `aturan` cell.
    expect(
        &base().set("pemeriksaan", 2, "aturan", "interactions <= reech * 100"),
        &[("pemeriksaan", Some(2), Some("aturan"), "unknown_identifier")],
    );
}

#[test]
fn malformed_steps_and_columns_a_scale_does_not_use() {
    let found = expect(
        &base().set("indikator", 2, "tangga", "30:100; 15-70"),
        &[("indikator", Some(2), Some("tangga"), "steps_malformed")],
    );
    assert!(found[0].message.contains("15-70"));
    expect(
        &base().set("indikator", 2, "tangga", "30:100; 30:70"),
        &[("indikator", Some(2), Some("tangga"), "band_steps_unique")],
    );
    // S2 is linear: a `tangga` there would be silently ignored, so it is an error.
    expect(&base().set("indikator", 3, "tangga", "1:2"), &[("indikator", Some(3), Some("tangga"), "not_for_scale")]);
    // Linear with min = max: the `skala_maks` cell.
    expect(
        &base().set("indikator", 3, "skala_maks", 0.0),
        &[("indikator", Some(3), Some("skala_maks"), "scale_params")],
    );
}

#[test]
fn requires_naming_an_unknown_input() {
    expect(
        &base().set("indikator", 3, "syarat", "reach, reech"),
        &[("indikator", Some(3), Some("syarat"), "requires_unknown")],
    );
}

#[test]
fn duplicate_ids() {
    expect(&base().set("indikator", 4, "id", "S2"), &[("indikator", Some(4), Some("id"), "duplicate_id")]);
    expect(&base().set("butir", 3, "id", "tertulis"), &[("butir", Some(3), Some("id"), "duplicate_id")]);
    // A category id used twice: the rows naming the lost id `website` name no category now.
    expect(
        &base().set("kategori", 3, "id", "media_sosial"),
        &[
            ("kategori", Some(3), Some("id"), "duplicate_id"),
            ("masukan", Some(7), Some("kategori"), "unknown_category"),
            ("masukan", Some(8), Some("kategori"), "unknown_category"),
            ("indikator", Some(5), Some("kategori"), "unknown_category"),
            ("indikator", Some(6), Some("kategori"), "unknown_category"),
        ],
    );
}

#[test]
fn missing_rubrik_keys() {
    // Rows 3 (edisi) and 11 (bobot_juri): the final weights then no longer sum to 100, which is
    // not reported again.
    let found = expect(
        &base().remove_row("rubrik", 11).remove_row("rubrik", 3),
        &[("rubrik", None, Some("kunci"), "missing_key"), ("rubrik", None, Some("kunci"), "missing_key")],
    );
    assert!(
        found.iter().any(|p| p.message.contains("`edisi`")) && found.iter().any(|p| p.message.contains("`bobot_juri`"))
    );
    let found = expect(
        &base().set("rubrik", 3, "kunci", "edsi"),
        &[("rubrik", Some(3), Some("kunci"), "unknown_key"), ("rubrik", None, Some("kunci"), "missing_key")],
    );
    assert!(message(&found, "unknown_key").contains("maksudnya `edisi`?"));
}

#[test]
fn dates_as_cells_or_text_and_unreadable_dates() {
    let found =
        expect(&base().set("rubrik", 8, "nilai", "31/01/2025"), &[("rubrik", Some(8), Some("nilai"), "period_date")]);
    assert_eq!(found[0].cell.as_deref(), Some("B8"));
    let (_, r) = from_workbook(&base().set("rubrik", 8, "nilai", "2025-02-01").bytes(), Lang::Id).unwrap();
    assert_eq!(r.file.period.start, "2025-02-01");
    expect(&base().set("rubrik", 8, "nilai", "2025-12-01"), &[("rubrik", Some(8), Some("nilai"), "period_order")]);
}

#[test]
fn missing_values_and_sheets() {
    expect(&base().set("indikator", 2, "skala", ""), &[("indikator", Some(2), Some("skala"), "missing_value")]);
    expect(&base().set("kategori", 2, "label", ""), &[("kategori", Some(2), Some("label"), "missing_value")]);
    let mut b = base();
    b.0.retain(|(n, _)| n != "predikat");
    expect(&b, &[("predikat", None, None, "missing_sheet")]);
    let found = expect(
        &base().set("masukan", 2, "kategori", "x").set("masukan", 2, "id", "y"),
        &[
            ("masukan", Some(2), Some("kategori"), "unknown_category"),
            // `posts` is gone from media_sosial, so S1's formula names an unknown input.
            ("indikator", Some(2), Some("rumus"), "unknown_identifier"),
        ],
    );
    assert!(found.iter().all(|p| p.cell.is_some()));
}

#[test]
fn ten_problems_at_once() {
    let book = base()
        .set("rubrik", 8, "nilai", "kemarin")
        .set("kategori", 2, "pemenang", "tiga")
        .set("masukan", 2, "jenis", "angka")
        .set("masukan", 4, "bukti", "perlu")
        .set("butir", 3, "masukan", "sopp")
        .set("indikator", 2, "tangga", "30:100; 15=70")
        .set("indikator", 3, "syarat", "reech")
        .set("indikator", 5, "rumus", "visitors / bulan")
        .set("indikator", 6, "bobot", 50.0)
        .set("pemeriksaan", 2, "aturan", "interactions <= reech");
    let found = expect(
        &book,
        &[
            ("rubrik", Some(8), Some("nilai"), "period_date"),
            ("kategori", Some(2), Some("pemenang"), "not_a_number"),
            ("masukan", Some(2), Some("jenis"), "bad_choice"),
            ("masukan", Some(4), Some("bukti"), "bad_choice"),
            ("butir", Some(3), Some("masukan"), "unknown_input"),
            ("indikator", Some(2), Some("tangga"), "steps_malformed"),
            ("indikator", Some(3), Some("syarat"), "requires_unknown"),
            ("indikator", Some(5), Some("rumus"), "unknown_identifier"),
            ("indikator", Some(5), Some("bobot"), "weights_sum"),
            ("pemeriksaan", Some(2), Some("aturan"), "unknown_identifier"),
        ],
    );
    assert_eq!(found.len(), 10);
    // In reading order: sheet by sheet, row by row.
    let order: Vec<&str> = found.iter().map(|p| p.sheet.as_str()).collect();
    assert_eq!(
        order,
        [
            "rubrik",
            "kategori",
            "masukan",
            "masukan",
            "butir",
            "indikator",
            "indikator",
            "indikator",
            "indikator",
            "pemeriksaan"
        ]
    );
    // The JSON shape and the place a person reads.
    let json = serde_json::to_value(&found[0]).unwrap();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["sheet", "row", "column", "cell", "code", "message"]);
    assert_eq!(json["code"], "period_date");
    assert_eq!(found[0].place(), "rubrik!B8 (nilai)");
}

#[test]
fn messages_follow_the_language() {
    let book = base().set("masukan", 2, "jenis", "angka");
    let en = from_workbook(&book.bytes(), Lang::En).unwrap_err();
    let id = from_workbook(&book.bytes(), Lang::Id).unwrap_err();
    assert!(en[0].message.contains("is not a known choice"), "{en:?}");
    assert!(id[0].message.contains("bukan pilihan"), "{id:?}");
}

#[test]
fn not_a_workbook_and_too_large() {
    for bytes in [&b"not a zip"[..], b"", b"PK\x03\x04garbage"] {
        let p = from_workbook(bytes, Lang::Id).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].sheet.as_str(), p[0].code.as_str()), ("", "not_a_workbook"));
    }
    let big = vec![0u8; ampk_rubric_xlsx::MAX_WORKBOOK_BYTES + 1];
    assert_eq!(from_workbook(&big, Lang::Id).unwrap_err()[0].code, "too_large");
}

#[test]
fn an_explicitly_empty_tie_break_survives() {
    let mut r = fixture("valid-base.json");
    r.file.categories[1].tie_break = Some(Vec::new());
    let (_, back) = from_workbook(&to_workbook(&r.file).unwrap(), Lang::Id).unwrap();
    assert_eq!(back.file, r.file);
    assert!(back.categories[1].tie_break.is_empty());
}
