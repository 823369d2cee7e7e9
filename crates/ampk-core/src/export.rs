//! Tabular exports and the jury-mark CSV: the same content for the CLI and the browser.
//!
//! CSV: UTF-8 with a BOM, `;` by default (the Indonesian Excel locale, with decimal commas) or
//! `,` (with decimal points); one row per ranked entry; text cells that Excel would read as a
//! formula (starting with `= + - @`, tab or CR) get a leading `'`.

use crate::import::{ImportReport, JuryMarks};
use crate::problem::{Lang, Problem, ProblemCode};
use crate::rank::name_key;
use crate::rubric::Rubric;
use crate::util::round2;
use serde_json::Value;

/// Prefixes a text cell that a spreadsheet would take for a formula.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Indicator ids of every category, in rubric order of first appearance: the CSV's score columns.
pub fn indicator_columns(rubric: &Rubric) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &rubric.file.categories {
        for i in &c.indicators {
            if !out.contains(&i.id) {
                out.push(i.id.clone());
            }
        }
    }
    out
}

/// Column headers of the ranking table (CSV and XLSX), from the catalogue's `[xlsx]` section
/// (`peringkat`, `instansi`, …); the indicator columns follow, named by indicator id.
pub fn headers(lang: Lang) -> [&'static str; 9] {
    let t = lang.texts();
    [
        t.column_rank(),
        t.column_agency(),
        t.column_type(),
        t.column_category(),
        t.column_data_score(),
        t.column_jury_score(),
        t.column_final_score(),
        t.column_predicate(),
        t.column_winner(),
    ]
}

/// A cell of the ranking table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, to be neutralised in CSV and written as text in XLSX.
    Text(String),
    /// A number (rounded score or rank).
    Number(f64),
    /// Nothing.
    Empty,
}

/// The ranking table: one row per ranked entry, categories in rubric order.
pub fn ranking_rows(rubric: &Rubric, report: &ImportReport, lang: Lang) -> Vec<(usize, Vec<Cell>)> {
    let columns = indicator_columns(rubric);
    let mut out = Vec::new();
    for c in &report.categories {
        let def = &rubric.file.categories[c.category];
        for row in &c.rows {
            let f = &report.files[row.file];
            let card = &f.checked.as_ref().expect("ranked files are checked").cards[row.card];
            let opt = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Number);
            let mut cells = vec![
                Cell::Number(row.rank as f64),
                Cell::Text(f.agency().unwrap_or_default().to_string()),
                Cell::Text(f.agency_type().unwrap_or_default().to_string()),
                Cell::Text(def.id.clone()),
                Cell::Number(row.data_score),
                opt(row.jury),
                opt(row.final_score),
                Cell::Text(card.predicate(rubric, lang).to_string()),
                Cell::Text(if row.winner { lang.texts().winner_yes() } else { lang.texts().winner_no() }.into()),
            ];
            for col in &columns {
                cells.push(match def.indicators.iter().position(|i| &i.id == col) {
                    Some(i) => Cell::Number(round2(card.indicators[i].score)),
                    None => Cell::Empty,
                });
            }
            out.push((c.category, cells));
        }
    }
    out
}

/// The ranking as CSV bytes (with a UTF-8 BOM).
pub fn ranking_csv(rubric: &Rubric, report: &ImportReport, sep: u8, lang: Lang) -> Vec<u8> {
    table_csv(
        &ranking_header(rubric, lang),
        &ranking_rows(rubric, report, lang).into_iter().map(|(_, c)| c).collect::<Vec<_>>(),
        sep,
    )
}

/// The ranking table's header: [`headers`], then the indicator columns.
pub fn ranking_header(rubric: &Rubric, lang: Lang) -> Vec<String> {
    let mut header: Vec<String> = headers(lang).iter().map(|s| s.to_string()).collect();
    header.extend(indicator_columns(rubric));
    header
}

/// A table as CSV bytes: a UTF-8 BOM, the header, then the rows; text cells neutralised
/// ([`neutralise`]), whole numbers bare and others with 2 decimals (a decimal comma with `;`).
pub fn table_csv<S: AsRef<str>>(header: &[S], rows: &[Vec<Cell>], sep: u8) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().delimiter(sep).from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(header.iter().map(AsRef::as_ref)).expect("writing to memory");
    for cells in rows {
        let record: Vec<String> = cells
            .iter()
            .map(|c| match c {
                Cell::Text(t) => neutralise(t),
                Cell::Number(n) => {
                    let s = if n.fract() == 0.0 { format!("{n}") } else { format!("{n:.2}") };
                    if sep == b';' {
                        s.replace('.', ",")
                    } else {
                        s
                    }
                }
                Cell::Empty => String::new(),
            })
            .collect();
        w.write_record(&record).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// A JSON value as a cell's text: a string as it is, `null` as nothing, anything else as JSON.
pub fn json_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The line a record starts on, counted from its byte offset (a quoted name may span lines). The
/// csv reader's own line count is one short after CRLF endings, and a record's offset can point
/// at the line break before it, so skip those first.
fn line_at(bytes: &[u8], offset: u64) -> usize {
    let mut at = usize::try_from(offset).unwrap_or(bytes.len()).min(bytes.len());
    while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
}

/// A row whose number of fields differs from the header's three. A comma-separated row with a
/// fourth field of digits after a whole number is almost surely a decimal comma (`85,5`): say so,
/// rather than reading 85.
fn columns_problem(rec: &csv::StringRecord, sep: u8, line: String) -> Problem {
    let digits = |s: &str| !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit());
    let n = rec.len();
    if sep == b',' && n == 4 && digits(&rec[2]) && digits(&rec[3]) {
        let typed = format!("{},{}", rec[2].trim(), rec[3].trim());
        return Problem::of(ProblemCode::JuryRow, line, |t| t.jury_row_decimal_comma(&typed));
    }
    Problem::of(ProblemCode::JuryRow, line, |t| t.jury_row_columns(n))
}

/// A jury mark as typed: a number 0–100, with a decimal comma where `decimal_comma` (a `;` CSV,
/// a Rekap jury cell) and a point always. `None` when it is not such a mark (`abc`, `150`, `NaN`).
/// The one rule for the jury CSV and the coordinator's inline jury cells.
pub fn jury_mark(text: &str, decimal_comma: bool) -> Option<f64> {
    let text = text.trim();
    let v: f64 = if decimal_comma { text.replace(',', ".").parse() } else { text.parse() }.ok()?;
    (0.0..=100.0).contains(&v).then_some(v)
}

/// Reads a jury-mark CSV: UTF-8 (BOM tolerated), header `agency,category,jury_score`, `;` or
/// `,` separated; a decimal comma is accepted with `;`. Returns the marks and the problems
/// (each naming its line); rows with problems, including a row with more or fewer fields than
/// the header, are skipped.
pub fn parse_jury_csv(rubric: &Rubric, bytes: &[u8]) -> (JuryMarks, Vec<Problem>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let sep = if first.contains(&b';') { b';' } else { b',' };
    let mut r = csv::ReaderBuilder::new().delimiter(sep).has_headers(true).flexible(true).from_reader(bytes);
    let mut marks = JuryMarks::new();
    let mut problems = Vec::new();
    let header_ok = r
        .headers()
        .map(|h| h.iter().map(|x| x.trim().to_lowercase()).collect::<Vec<_>>() == ["agency", "category", "jury_score"])
        .unwrap_or(false);
    if !header_ok {
        problems.push(Problem::of(ProblemCode::JuryHeader, "line 1", |t| t.jury_header()));
        return (marks, problems);
    }
    for (i, rec) in r.records().enumerate() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                problems
                    .push(Problem::of(ProblemCode::JuryRow, format!("line {}", i + 2), |t| t.jury_row_unreadable(&e)));
                continue;
            }
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = format!("line {}", rec.position().map_or(i + 2, |p| line_at(bytes, p.byte())));
        if rec.len() != 3 {
            problems.push(columns_problem(&rec, sep, line));
            continue;
        }
        let (agency, category, score) =
            (rec.get(0).unwrap_or("").trim(), rec.get(1).unwrap_or("").trim(), rec.get(2).unwrap_or("").trim());
        if agency.is_empty() {
            problems.push(Problem::of(ProblemCode::JuryRow, line, |t| t.jury_agency_empty()));
            continue;
        }
        if rubric.category_index(category).is_none() {
            problems.push(Problem::of(ProblemCode::JuryCategory, line, |t| t.unknown_category(category)));
            continue;
        }
        match jury_mark(score, sep == b';') {
            Some(v) => {
                if marks.insert((category.to_string(), name_key(agency)), v).is_some() {
                    problems
                        .push(Problem::of(ProblemCode::JuryDuplicate, line, |t| t.jury_duplicate(agency, category)));
                }
            }
            _ => problems.push(Problem::of(ProblemCode::JuryScore, line, |t| t.jury_score(score))),
        }
    }
    (marks, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn neutralises_formula_starts() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("Dinas Kominfo"), "Dinas Kominfo");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn jury_csv_accepts_both_separators() {
        let r = crate::rubric::builtin();
        let (m, p) =
            parse_jury_csv(r, "\u{feff}agency;category;jury_score\nDinas  Contoh A;lapor_opd;85,5\n".as_bytes());
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(m.get(&("lapor_opd".to_string(), "dinas contoh a".to_string())), Some(&85.5));
        let (m, p) = parse_jury_csv(r, b"agency,category,jury_score\nX,nope,1\nY,website,101\nZ,website,70\n");
        assert_eq!(m.len(), 1);
        let codes: Vec<(&str, &str)> = p.iter().map(|p| (&*p.code, p.path.as_str())).collect();
        assert_eq!(codes, [("jury_category", "line 2"), ("jury_score", "line 3")]);
        let (_, p) = parse_jury_csv(r, b"name,cat,score\n");
        assert_eq!(p[0].code, "jury_header");
        let (m, p) = parse_jury_csv(r, b"agency,category,jury_score\nA,website,\xff\nB,website,70\n");
        assert_eq!((&*p[0].code, p[0].path.as_str(), p.len(), m.len()), ("jury_row", "line 2", 1, 1));
        assert!(p[0].message(crate::problem::Lang::En).starts_with("unreadable row: "), "{}", p[0]);
        assert!(p[0].message(crate::problem::Lang::Id).starts_with("baris tidak terbaca: "), "{}", p[0]);
    }

    fn codes(p: &[Problem]) -> Vec<(&str, &str)> {
        p.iter().map(|p| (&*p.code, p.path.as_str())).collect()
    }

    fn mark(m: &JuryMarks, cat: &str, agency: &str) -> Option<f64> {
        m.get(&(cat.to_string(), agency.to_string())).copied()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn jury_csv_a_decimal_comma_in_a_comma_file_is_an_error_not_a_cut_mark() {
        let r = crate::rubric::builtin();
        let (m, p) = parse_jury_csv(
            r,
            b"agency,category,jury_score\nDinas Contoh A,media_sosial_opd,85,5\nDinas B,website,70\n",
        );
        assert_eq!(codes(&p), [("jury_row", "line 2")]);
        assert!(
            p[0].message(crate::problem::Lang::Id).contains("gunakan pemisah `;` untuk koma desimal"),
            "{}",
            p[0].message(crate::problem::Lang::Id)
        );
        assert!(
            p[0].message(crate::problem::Lang::En).contains("\"85,5\""),
            "{}",
            p[0].message(crate::problem::Lang::En)
        );
        assert_eq!(mark(&m, "media_sosial_opd", "dinas contoh a"), None, "the cut mark 85 is not applied");
        assert_eq!(mark(&m, "website", "dinas b"), Some(70.0), "good rows still count");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn jury_csv_rows_with_more_or_fewer_fields_than_the_header_are_errors() {
        let r = crate::rubric::builtin();
        let csv = b"agency;category;jury_score\nA Satu;website;80;extra\nB Dua;website\nC Tiga;website;75\nD Empat\n";
        let (m, p) = parse_jury_csv(r, csv);
        assert_eq!(codes(&p), [("jury_row", "line 2"), ("jury_row", "line 3"), ("jury_row", "line 5")]);
        assert!(
            p[0].message(crate::problem::Lang::En).contains("4 fields"),
            "{}",
            p[0].message(crate::problem::Lang::En)
        );
        assert!(
            p[1].message(crate::problem::Lang::Id).contains("2 kolom"),
            "{}",
            p[1].message(crate::problem::Lang::Id)
        );
        assert!(
            !p[0].message(crate::problem::Lang::En).contains("decimal"),
            "a text field is not taken for a decimal part: {}",
            p[0].message(crate::problem::Lang::En)
        );
        assert_eq!(m.len(), 1);
        assert_eq!(mark(&m, "website", "c tiga"), Some(75.0));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn jury_csv_crlf_quotes_duplicates_and_bad_marks() {
        let r = crate::rubric::builtin();
        // CRLF line endings, a quoted name holding the separator, then a duplicate.
        let csv = "agency,category,jury_score\r\n\"Dinas Kominfo, Statistik dan Persandian\",website,88.5\r\n\
                   Dinas B,website,70\r\nDINAS  b,website,72\r\n";
        let (m, p) = parse_jury_csv(r, csv.as_bytes());
        assert_eq!(codes(&p), [("jury_duplicate", "line 4")]);
        assert_eq!(mark(&m, "website", "dinas kominfo, statistik dan persandian"), Some(88.5));
        assert_eq!(mark(&m, "website", "dinas b"), Some(72.0), "the last duplicate is used");
        // The same with `;` and a quoted name holding `;`.
        let (m, p) = parse_jury_csv(r, b"agency;category;jury_score\r\n\"A; B\";website;60,25\r\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(mark(&m, "website", "a; b"), Some(60.25));
        // Marks that are not numbers 0-100 are refused, each with its line.
        let (m, p) = parse_jury_csv(
            r,
            b"agency,category,jury_score\nA,website,NaN\nB,website,-1\nC,website,100.01\nD,website,inf\nE,website,\nF,website,100\nG,website,0\n",
        );
        assert_eq!(
            codes(&p),
            [
                ("jury_score", "line 2"),
                ("jury_score", "line 3"),
                ("jury_score", "line 4"),
                ("jury_score", "line 5"),
                ("jury_score", "line 6")
            ]
        );
        assert_eq!(m.len(), 2);
        assert_eq!((mark(&m, "website", "f"), mark(&m, "website", "g")), (Some(100.0), Some(0.0)));
    }
}
