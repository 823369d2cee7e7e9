//! Tabular exports and the jury-mark CSV: the same content for the CLI and the browser.
//!
//! CSV: UTF-8 with a BOM, `;` by default (the Indonesian Excel locale, with decimal commas) or
//! `,` (with decimal points); one row per ranked entry; text cells that Excel would read as a
//! formula (starting with `= + - @`, tab or CR) get a leading `'`.

use crate::import::{ImportReport, JuryMarks, Status};
use crate::problem::{Lang, Problem, ProblemCode};
use crate::rank::name_key;
use crate::review::{AuditEntry, ReviewFile, Verified};
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
    reviewed_ranking_csv(rubric, report, None, sep, lang)
}

/// The ranking as CSV bytes; with a review's outcome, each row gains the review columns
/// ([`review_headers`]) after the indicators. Without one it is [`ranking_csv`].
pub fn reviewed_ranking_csv(
    rubric: &Rubric,
    report: &ImportReport,
    verified: Option<&Verified>,
    sep: u8,
    lang: Lang,
) -> Vec<u8> {
    let mut header: Vec<String> = headers(lang).iter().map(|s| s.to_string()).collect();
    header.extend(indicator_columns(rubric));
    let mut rows: Vec<Vec<Cell>> = ranking_rows(rubric, report, lang).into_iter().map(|(_, cells)| cells).collect();
    if let Some(v) = verified {
        header.extend(review_headers(lang).iter().map(|s| s.to_string()));
        for (row, more) in rows.iter_mut().zip(review_cells(report, v)) {
            row.extend(more);
        }
    }
    table_csv(&header, &rows, sep)
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

/// The review columns a ranking row gains when a review exists: its review state, its verified
/// data score and its rank by verified score (empty when rejected).
pub fn review_headers(lang: Lang) -> [&'static str; 3] {
    let t = lang.texts();
    [t.column_review_state(), t.column_verified_score(), t.column_verified_rank()]
}

/// The review columns of every row of [`ranking_rows`], in the same order.
pub fn review_cells(report: &ImportReport, verified: &Verified) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    for c in &report.categories {
        let v = verified.categories.iter().find(|v| v.category == c.category);
        for row in &c.rows {
            let card = v.and_then(|v| v.cards.iter().position(|k| k.file == row.file).map(|i| (v, i)));
            out.push(match card {
                Some((v, i)) => {
                    let k = &v.cards[i];
                    let rank = v.rows.iter().find(|r| r.card == i).map_or(Cell::Empty, |r| Cell::Number(r.rank as f64));
                    vec![Cell::Text(k.state.as_str().into()), Cell::Number(k.verified.rounded()), rank]
                }
                None => vec![Cell::Empty, Cell::Empty, Cell::Empty],
            });
        }
    }
    out
}

/// The agency of the accepted submission with this id, as the import read it.
fn agency_of<'a>(report: &'a ImportReport, submission_id: &str) -> &'a str {
    report
        .files
        .iter()
        .filter(|f| matches!(f.status, Status::Accepted | Status::AcceptedWithWarnings))
        .find(|f| f.submission_id() == Some(submission_id))
        .and_then(|f| f.agency())
        .unwrap_or_default()
}

/// A JSON value as a cell's text: a string as it is, `null` as nothing, anything else as JSON.
pub fn json_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The columns of the review table (one row per reviewed submission).
pub fn review_state_headers(lang: Lang) -> [&'static str; 5] {
    let t = lang.texts();
    [t.audit_column_submission(), t.column_agency(), t.column_review_state(), t.audit_column_reason(), t.column_notes()]
}

/// One row per reviewed submission: its id, agency, state (its machine name), reason and
/// notes (`category: text`, one per line).
pub fn review_state_rows(report: &ImportReport, review: &ReviewFile) -> Vec<Vec<Cell>> {
    review
        .reviews
        .iter()
        .map(|r| {
            let notes: Vec<String> = r.notes.iter().map(|(c, n)| format!("{c}: {n}")).collect();
            vec![
                Cell::Text(r.submission_id.clone()),
                Cell::Text(agency_of(report, &r.submission_id).to_string()),
                Cell::Text(r.state.as_str().into()),
                Cell::Text(r.reason.clone().unwrap_or_default()),
                Cell::Text(notes.join("\n")),
            ]
        })
        .collect()
}

/// The columns of the corrections table.
pub fn correction_headers(lang: Lang) -> [&'static str; 8] {
    let t = lang.texts();
    [
        t.audit_column_submission(),
        t.column_agency(),
        t.column_category(),
        t.column_input(),
        t.column_item(),
        t.column_reported_value(),
        t.column_corrected_value(),
        t.audit_column_reason(),
    ]
}

/// One row per correction, in review order: submission, agency, category, input, checklist
/// item, the self-reported value and the corrected one (as JSON text: exact, and never a
/// formula), and the reason.
pub fn correction_rows(report: &ImportReport, review: &ReviewFile) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    for r in &review.reviews {
        for c in &r.corrections {
            let reported =
                crate::review::reported_value(report, &r.submission_id, &c.category, &c.input, c.item.as_deref());
            out.push(vec![
                Cell::Text(r.submission_id.clone()),
                Cell::Text(agency_of(report, &r.submission_id).to_string()),
                Cell::Text(c.category.clone()),
                Cell::Text(c.input.clone()),
                c.item.clone().map_or(Cell::Empty, Cell::Text),
                Cell::Text(json_text(&reported)),
                Cell::Text(json_text(&c.value)),
                Cell::Text(c.reason.clone()),
            ]);
        }
    }
    out
}

/// The columns of the audit log.
pub fn audit_headers(lang: Lang) -> [&'static str; 7] {
    let t = lang.texts();
    [
        t.audit_column_at(),
        t.audit_column_reviewer(),
        t.audit_column_submission(),
        t.audit_column_field(),
        t.audit_column_from(),
        t.audit_column_to(),
        t.audit_column_reason(),
    ]
}

/// One row per audit entry, oldest first; `from` and `to` as JSON text.
pub fn audit_rows(entries: &[AuditEntry]) -> Vec<Vec<Cell>> {
    entries
        .iter()
        .map(|e| {
            [&e.at, &e.reviewer, &e.submission_id, &e.field, &json_text(&e.from), &json_text(&e.to), &e.reason]
                .into_iter()
                .map(|c| Cell::Text(c.clone()))
                .collect()
        })
        .collect()
}

/// The corrections as CSV (`;`, BOM, formulas neutralised).
pub fn corrections_csv(report: &ImportReport, review: &ReviewFile, lang: Lang) -> Vec<u8> {
    table_csv(&correction_headers(lang), &correction_rows(report, review), b';')
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

    /// Contoh A (opd) and a copy with another id and agency, imported.
    fn reviewed_batch() -> (crate::import::ImportReport, String, String) {
        let r = crate::rubric::builtin();
        let a = crate::example::example(r, "opd").unwrap();
        let mut b = a.clone();
        b.submission_id = "16fd2706-8baf-433b-82eb-8c7fada847da".into();
        b.agency.name = "=Dinas B".into();
        let files: Vec<(String, Vec<u8>)> = [&a, &b]
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let text = crate::submission::write(r, s, crate::example::EXAMPLE_EXPORTED_AT);
                (format!("{i}.json"), text.into_bytes())
            })
            .collect();
        (crate::import::import(r, &files, &JuryMarks::new()), a.submission_id, b.submission_id)
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_ranking_csv_gains_the_review_columns_only_with_a_review() {
        use crate::review::{self, Correction, ReviewFile, ReviewState, SubmissionReview};
        let r = crate::rubric::builtin();
        let (report, a, b) = reviewed_batch();
        let mut file = ReviewFile::new(r);
        file.set(SubmissionReview {
            submission_id: a.clone(),
            state: ReviewState::Verified,
            corrections: vec![Correction {
                category: "lapor_opd".into(),
                input: "received".into(),
                item: None,
                value: serde_json::json!(1),
                reason: "=only one".into(),
            }],
            ..Default::default()
        });
        file.set(SubmissionReview {
            submission_id: b.clone(),
            state: ReviewState::Rejected,
            reason: Some("fabricated".into()),
            ..Default::default()
        });
        assert_eq!(review::check(r, &report, &file), []);
        let v = review::apply(r, &report, &file);
        // Without a review: the plain ranking CSV, byte for byte.
        assert_eq!(reviewed_ranking_csv(r, &report, None, b';', Lang::Id), ranking_csv(r, &report, b';', Lang::Id));
        let text = String::from_utf8(reviewed_ranking_csv(r, &report, Some(&v), b';', Lang::Id)).unwrap();
        let mut lines = text.lines();
        let header = lines.next().unwrap();
        assert!(header.ends_with(";status_pemeriksaan;nilai_data_terverifikasi;peringkat_terverifikasi"), "{header}");
        let lapor: Vec<Vec<&str>> =
            lines.map(|l| l.split(';').collect::<Vec<_>>()).filter(|c| c[3] == "lapor_opd").collect();
        assert_eq!(lapor.len(), 2);
        let cat = r.category_index("lapor_opd").unwrap();
        let card = |id: &str| v.categories[cat].cards.iter().find(|c| c.submission_id == id).unwrap();
        let verified_a = card(&a).verified.rounded();
        assert!(verified_a < card(&a).reported.rounded());
        let tail = |row: &Vec<&str>| row[row.len() - 3..].join(";");
        let row_a = lapor.iter().find(|c| c[1] == "Dinas Contoh A").unwrap();
        let row_b = lapor.iter().find(|c| c[1] == "'=Dinas B").unwrap();
        // A is alone in the verified ranking (B is rejected): rank 1, its verified score.
        assert_eq!(tail(row_a), format!("verified;{};1", crate::fmt::fixed(verified_a, 2).replace('.', ",")));
        assert!(tail(row_b).starts_with("rejected;") && tail(row_b).ends_with(';'), "{}", tail(row_b));

        // The corrections table: the self-reported value beside the corrected one, neutralised.
        let corrections = String::from_utf8(corrections_csv(&report, &file, Lang::En)).unwrap();
        let mut lines = corrections.lines();
        assert_eq!(
            lines.next().unwrap(),
            "\u{feff}submission;agency;category;input;item;reported_value;corrected_value;reason"
        );
        let reported = review::reported_value(&report, &a, "lapor_opd", "received", None);
        assert_eq!(lines.next().unwrap(), format!("{a};Dinas Contoh A;lapor_opd;received;;{reported};1;'=only one"));
        assert_eq!(lines.next(), None);
        // The review table: one row per reviewed submission.
        let states = review_state_rows(&report, &file);
        assert_eq!(states.len(), 2);
        assert_eq!(states[1][1], Cell::Text("=Dinas B".into()), "neutralised when written, not here");
        assert_eq!(states[1][2], Cell::Text("rejected".into()));
        assert_eq!(states[1][3], Cell::Text("fabricated".into()));
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
