//! End-to-end tests of the real `ampk` binary: examples, `rank` over folders with valid, invalid,
//! duplicated and hostile files, the JSON/CSV/XLSX outputs, jury marks, exit codes and languages.

use ampk_core::submission::{self, Submission};
use ampk_core::{example, rubric};
use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};
use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Output;
use tempfile::TempDir;

const HOSTILE_NAME: &str = r#"=HYPERLINK("http://x","y")"#;
const HOSTILE_NOTE: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_ID: &str = "3f2b8c1e-9a4d-4c2e-8f1a-0b6d5e7c9a21";

fn ampk() -> Command {
    Command::cargo_bin("ampk").expect("the ampk binary is built")
}

/// Runs `ampk` in `dir` and checks that it did not panic.
fn run(dir: &Path, args: &[&str]) -> Output {
    let out = ampk().current_dir(dir).args(args).output().expect("ampk runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "ampk {args:?} panicked:\n{stderr}");
    out
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally, not by a signal")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn model_rubric_path() -> PathBuf {
    manifest_dir().join("../ampk-core/rubrics/ampk-2025-model.json")
}

/// A submission built with the library: an example with `edit` applied, written at `at`.
fn build(agency_type: &str, at: &str, edit: impl FnOnce(&mut Submission)) -> String {
    let r = rubric::builtin();
    let mut s = example::example(r, agency_type).expect("known agency type");
    edit(&mut s);
    submission::write(r, &s, at)
}

fn example_text(agency_type: &str) -> String {
    build(agency_type, example::EXAMPLE_EXPORTED_AT, |_| {})
}

fn hostile() -> String {
    build("opd", example::EXAMPLE_EXPORTED_AT, |s| {
        s.submission_id = HOSTILE_ID.into();
        s.agency.name = HOSTILE_NAME.into();
        for e in s.categories.values_mut() {
            e.note = Some(HOSTILE_NOTE.into());
        }
    })
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().expect("has a parent")).expect("mkdir");
    fs::write(p, bytes).expect("write fixture");
}

/// (file, status, reason code) expected of [`mixed_folder`] without `--recursive`.
const MIXED: &[(&str, &str, Option<&str>)] = &[
    ("big.json", "rejected", Some("too_large")),
    ("edited.json", "superseded", Some("superseded_same_id")),
    ("fingerprint.json", "rejected", Some("rubric_mismatch")),
    ("hostile.json", "accepted", None),
    ("newer.json", "rejected", Some("newer_version")),
    ("opd-copy.json", "superseded", Some("duplicate_identical")),
    ("opd.json", "accepted", None),
    ("truncated.json", "rejected", Some("not_json")),
];

/// A folder with valid, invalid, duplicated and hostile files, a non-JSON file and a subfolder.
fn mixed_folder() -> TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let opd = example_text("opd");
    write(d, "opd.json", &opd);
    write(d, "opd-copy.json", &opd);
    // Same submission_id, different content, exported earlier: superseded by opd.json.
    write(d, "edited.json", build("opd", "2025-11-01T00:00:00Z", |s| s.months = 9));
    write(d, "truncated.json", &opd.as_bytes()[..300]);
    let sha = &rubric::builtin().sha256;
    assert!(opd.contains(sha.as_str()));
    write(d, "fingerprint.json", opd.replace(sha.as_str(), &"0".repeat(64)));
    assert!(opd.contains("\"format_version\": 1,"));
    write(d, "newer.json", opd.replace("\"format_version\": 1,", "\"format_version\": 3,"));
    let big_len = 1024 * 1024 * 11 / 10;
    let mut big = opd.clone().into_bytes();
    big.resize(big_len, b' ');
    write(d, "big.json", big);
    write(d, "hostile.json", hostile());
    write(d, "notes.txt", "not a submission");
    write(d, "sub/uptd.json", example_text("uptd"));
    dir
}

fn dir_arg(d: &TempDir) -> &str {
    d.path().to_str().expect("UTF-8 temp path")
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().map(String::as_str).collect()
}

fn set<'a>(items: &[&'a str]) -> BTreeSet<&'a str> {
    items.iter().copied().collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn category_ids() -> Vec<String> {
    rubric::builtin().file.categories.iter().map(|c| c.id.clone()).collect()
}

fn ranking<'a>(report: &'a Value, cat: &str) -> &'a [Value] {
    report["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .find(|c| c["id"] == cat)
        .unwrap_or_else(|| panic!("no category {cat}"))["ranking"]
        .as_array()
        .expect("ranking")
}

/// Checks the documented shape of `report_json` (exact key sets) and the rubric order.
fn assert_report_shape(report: &Value) {
    assert_eq!(keys(report), set(&["rubric", "files", "categories", "unmatched_jury"]));
    assert_eq!(keys(&report["rubric"]), set(&["id", "edition", "sha256"]));
    assert_eq!(report["rubric"]["id"], "ampk-2025-model");
    assert_eq!(report["rubric"]["sha256"], rubric::builtin().sha256.as_str());
    for f in report["files"].as_array().expect("files") {
        assert_eq!(keys(f), set(&["file", "status", "agency", "agency_type", "submission_id", "reasons"]));
        for r in f["reasons"].as_array().expect("reasons") {
            assert_eq!(keys(r), set(&["code", "path", "message"]));
            assert!(r["code"].is_string() && r["message"].is_string());
            assert!(r["path"].is_string() || r["path"].is_null());
        }
    }
    let ids: Vec<&str> =
        report["categories"].as_array().expect("categories").iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, category_ids(), "categories in rubric order");
    for c in report["categories"].as_array().unwrap() {
        assert_eq!(keys(c), set(&["id", "label", "ranked_by", "ranking"]));
        assert!(c["ranked_by"] == "data_score" || c["ranked_by"] == "final_score");
        for row in c["ranking"].as_array().unwrap() {
            assert_eq!(
                keys(row),
                set(&[
                    "rank",
                    "data_rank",
                    "agency",
                    "agency_type",
                    "file",
                    "data_score",
                    "jury_score",
                    "final_score",
                    "predicate",
                    "winner",
                    "indicators"
                ])
            );
            assert!(row["rank"].is_u64() && row["data_score"].is_f64() && row["winner"].is_boolean());
            assert!(row["indicators"].as_object().unwrap().values().all(Value::is_f64));
        }
    }
    for u in report["unmatched_jury"].as_array().expect("unmatched_jury") {
        assert_eq!(keys(u), set(&["category", "agency"]));
    }
}

/// The line of the human report that lists `file`.
fn status_line<'a>(out: &'a str, file: &str) -> &'a str {
    out.lines()
        .find(|l| !l.contains('★') && l.split_whitespace().any(|w| w == file))
        .unwrap_or_else(|| panic!("{file} is not listed:\n{out}"))
}

fn assert_listed(out: &str, file: &str, label: &str) {
    let line = status_line(out, file);
    let rest = line.trim_start().strip_prefix(label).unwrap_or_else(|| panic!("{file}: not {label:?}: {line:?}"));
    assert!(rest.trim_start().starts_with(file), "{file}: not {label:?}: {line:?}");
}

fn label_id(status: &str) -> &'static str {
    match status {
        "accepted" => "diterima",
        "accepted_with_warnings" => "diterima dengan catatan",
        "superseded" => "digantikan",
        "rejected" => "ditolak",
        other => panic!("unknown status {other}"),
    }
}

// ---------------------------------------------------------------------------------------------
// ampk example

#[test]
fn example_writes_valid_reproducible_submissions() {
    let dir = tempfile::tempdir().unwrap();
    for t in ["opd", "uptd", "kabkota"] {
        let first = run(dir.path(), &["example", "--type", t]);
        assert_eq!(code(&first), 0, "{}", stderr(&first));
        let second = run(dir.path(), &["example", "--type", t]);
        assert_eq!(first.stdout, second.stdout, "{t}: stdout differs between runs");
        let file = format!("{t}.json");
        let to_file = run(dir.path(), &["example", "--type", t, "--out", &file]);
        assert_eq!(code(&to_file), 0);
        assert!(to_file.stdout.is_empty(), "--out writes nothing to stdout");
        assert_eq!(fs::read(dir.path().join(&file)).unwrap(), first.stdout, "{t}: --out differs from stdout");
        assert_eq!(first.stdout, example_text(t).into_bytes(), "{t}: differs from the library's example");

        // Valid: read and accepted by the library and by `ampk score`.
        let read = submission::read(&first.stdout).unwrap_or_else(|p| panic!("{t}: {p:?}"));
        assert_eq!(read.wire.agency.agency_type, t);
        let scored = run(dir.path(), &["score", &file, "--json"]);
        assert_eq!(code(&scored), 0, "{t}: {}", stdout(&scored));
        let v: Value = serde_json::from_slice(&scored.stdout).unwrap();
        assert_eq!(v[0]["status"], "accepted", "{t}: {v}");
    }
}

// ---------------------------------------------------------------------------------------------
// ampk rank --json -

#[test]
fn rank_json_to_stdout_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let ex = run(dir.path(), &["example", "--type", "opd"]);
    fs::write(dir.path().join("a.json"), &ex.stdout).unwrap();
    let out = run(dir.path(), &["rank", "a.json", "--json", "-"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("stdout is exactly one JSON document");
    assert_report_shape(&report);
    assert!(stderr(&out).contains("Status berkas"), "the human report goes to stderr");

    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["file"], "a.json");
    assert_eq!(files[0]["status"], "accepted");
    assert_eq!(files[0]["agency"], "Dinas Contoh A");
    assert_eq!(files[0]["submission_id"], "7c9e6679-7425-40de-944b-e07fc1f90ae7");
    assert_eq!(files[0]["reasons"], Value::Array(vec![]));

    let lapor = ranking(&report, "lapor_opd");
    assert_eq!(lapor.len(), 1);
    let row = &lapor[0];
    assert_eq!(row["rank"], 1);
    assert_eq!(row["agency"], "Dinas Contoh A");
    assert_eq!(row["file"], "a.json");
    assert_eq!(row["data_score"].as_f64(), Some(87.87));
    assert_eq!(row["final_score"], Value::Null);
    assert_eq!(row["jury_score"], Value::Null);
    assert_eq!(row["predicate"], "Sangat Baik");
    assert_eq!(row["winner"], true);
    let ind: Vec<&str> = row["indicators"].as_object().unwrap().keys().map(String::as_str).collect();
    let def = &rubric::builtin().file.categories[rubric::builtin().category_index("lapor_opd").unwrap()];
    assert_eq!(ind, def.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), "indicators in rubric order");
    // Categories an OPD cannot enter have an empty ranking.
    assert!(ranking(&report, "lapor_kabkota").is_empty());
    assert_eq!(report["categories"][0]["ranked_by"], "data_score");
}

// ---------------------------------------------------------------------------------------------
// ampk rank over a mixed folder

#[test]
fn rank_mixed_folder_lists_every_file_and_ranks() {
    let dir = mixed_folder();
    let out_dir = tempfile::tempdir().unwrap();
    let json = out_dir.path().join("report.json");
    let out = run(out_dir.path(), &["rank", dir_arg(&dir), "--json", json.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "rejected files → exit 1\n{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("Status berkas ({} berkas)", MIXED.len())), "{text}");
    for (file, status, _) in MIXED {
        assert_listed(&text, file, label_id(status));
    }
    assert!(!text.contains("notes.txt") && !text.contains("uptd.json"), "non-JSON and subfolder files ignored");
    // Every reason code of a non-accepted file is printed.
    for (_, _, reason) in MIXED {
        if let Some(code) = reason {
            assert!(text.contains(&format!("[{code}]")), "{code} not printed:\n{text}");
        }
    }
    // Rankings: every category, with both accepted OPDs.
    assert_eq!(text.matches("Peringkat — ").count(), category_ids().len(), "{text}");
    let lapor_lines: Vec<&str> = text.lines().filter(|l| l.contains("87,87")).collect();
    assert!(lapor_lines.iter().any(|l| l.contains("Dinas Contoh A") && l.contains("(opd.json)")), "{text}");
    assert!(lapor_lines.iter().any(|l| l.contains(HOSTILE_NAME) && l.contains("(hostile.json)")), "{text}");

    let report: Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    assert_report_shape(&report);
    let files: Vec<(&str, &str)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["status"].as_str().unwrap()))
        .collect();
    let expected: Vec<(&str, &str)> = MIXED.iter().map(|(f, s, _)| (*f, *s)).collect();
    assert_eq!(files, expected, "every file, by name relative to the folder, in name order");
    for (f, (_, _, reason)) in report["files"].as_array().unwrap().iter().zip(MIXED) {
        let codes: Vec<&str> = f["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
        match reason {
            Some(c) => assert!(codes.contains(c), "{}: {codes:?}", f["file"]),
            None => assert!(codes.is_empty(), "{}: {codes:?}", f["file"]),
        }
    }
    let lapor = ranking(&report, "lapor_opd");
    let agencies: BTreeSet<&str> = lapor.iter().map(|r| r["agency"].as_str().unwrap()).collect();
    assert_eq!(agencies, set(&["Dinas Contoh A", HOSTILE_NAME]));
    assert!(lapor.iter().all(|r| r["data_score"].as_f64() == Some(87.87) && r["rank"] == 1), "a tie: {lapor:?}");
    let ranked_files: BTreeSet<&str> = report["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["ranking"].as_array().unwrap())
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(ranked_files, set(&["hostile.json", "opd.json"]), "only accepted files are ranked");
}

#[test]
fn rank_recursive_picks_up_subfolders() {
    let dir = mixed_folder();
    let flat = run(dir.path(), &["rank", dir_arg(&dir), "--json", "-"]);
    let deep = run(dir.path(), &["rank", dir_arg(&dir), "--recursive", "--json", "-"]);
    let flat: Value = serde_json::from_slice(&flat.stdout).unwrap();
    let deep: Value = serde_json::from_slice(&deep.stdout).unwrap();
    let names = |v: &Value| -> Vec<String> {
        v["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap().to_string()).collect()
    };
    assert!(!names(&flat).iter().any(|n| n.contains("uptd")));
    assert!(names(&deep).contains(&"sub/uptd.json".to_string()), "{:?}", names(&deep));
    assert_eq!(names(&deep).len(), MIXED.len() + 1);
    assert!(ranking(&flat, "media_sosial_uptd").is_empty());
    let uptd = ranking(&deep, "media_sosial_uptd");
    assert_eq!(uptd.len(), 1);
    assert_eq!(uptd[0]["file"], "sub/uptd.json");
    assert_eq!(uptd[0]["agency"], "UPTD Contoh B");

    // Relative to the folder argument, however it is spelled.
    let parent = dir.path().parent().unwrap();
    let name = dir.path().file_name().unwrap().to_str().unwrap();
    let rel = run(parent, &["rank", name, "--recursive", "--json", "-"]);
    let rel: Value = serde_json::from_slice(&rel.stdout).unwrap();
    assert_eq!(names(&rel), names(&deep));
}

#[cfg(unix)]
#[test]
fn rank_recursive_does_not_follow_folder_links() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "top/a.json", example_text("opd"));
    write(d, "top/sub/b.json", example_text("uptd"));
    // Two loops: following them would visit 2^40 paths before the kernel's ELOOP limit.
    std::os::unix::fs::symlink(".", d.join("top/sub/self")).unwrap();
    std::os::unix::fs::symlink("..", d.join("top/sub/up")).unwrap();
    std::os::unix::fs::symlink("a.json", d.join("top/link.json")).unwrap();
    let out = ampk()
        .current_dir(d)
        .args(["rank", "top", "--recursive", "--json", "-"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<(&str, &str)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["status"].as_str().unwrap()))
        .collect();
    // A link to a file is read like the file: an identical copy of a.json (equal export times:
    // the later file name is kept).
    assert_eq!(files, [("a.json", "superseded"), ("link.json", "accepted"), ("sub/b.json", "accepted")]);
}

#[test]
fn rank_never_panics_on_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let opd = example_text("opd");
    write(d, "empty.json", "");
    write(d, "binary.json", [0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, b'{']);
    write(d, "null.json", "null");
    write(d, "array.json", "[1, 2, 3]");
    write(d, "string.json", "\"ampk-submission\"");
    write(d, "deep-array.json", "[".repeat(100_000));
    write(d, "deep-object.json", "{\"a\":".repeat(50_000));
    write(d, "big-number.json", "1e999999");
    write(d, "bom.json", format!("\u{feff}{opd}"));
    write(d, "utf16.json", opd.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>());
    write(d, "nan.json", opd.replace("\"months\": 10", "\"months\": NaN"));
    write(d, "huge-figure.json", opd.replace("\"received\": 38", "\"received\": 1e308"));
    write(d, "negative.json", opd.replace("\"received\": 38", "\"received\": -38"));
    write(d, "months-zero.json", opd.replace("\"months\": 10", "\"months\": 0"));
    write(d, "months-huge.json", opd.replace("\"months\": 10", "\"months\": 18446744073709551615"));
    write(d, "long-name.json", build("opd", "2025-11-02T00:00:00Z", |s| s.agency.name = "é".repeat(5000)));
    write(d, "no-categories.json", build("opd", "2025-11-02T00:00:00Z", |s| s.categories.clear()));
    fs::create_dir(d.join("folder.json")).unwrap();
    for extra in [&[][..], &["--recursive"], &["--lang", "en"]] {
        let xlsx = d.join("out.xlsx");
        let csv = d.join("out.csv");
        let mut args = vec!["rank", d.to_str().unwrap(), "--json", "-", "--csv", csv.to_str().unwrap()];
        args.extend(["--xlsx", xlsx.to_str().unwrap()]);
        args.extend(extra);
        let out = run(d, &args);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_report_shape(&report);
        assert_eq!(report["files"].as_array().unwrap().len(), 17);
        assert!(report["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["reasons"].as_array().unwrap().is_empty() || f["status"] == "accepted"));
        let _ = fs::remove_file(csv);
        let _ = fs::remove_file(xlsx);
    }
    // The same files as a rubric must not panic either.
    for f in
        ["empty.json", "binary.json", "null.json", "deep-array.json", "deep-object.json", "big-number.json", "bom.json"]
    {
        let out = run(d, &["rubric", "check", f]);
        assert_eq!(code(&out), 1, "{f}: {}", stdout(&out));
        let out = run(d, &["score", "bom.json", "--rubric", f]);
        assert_eq!(code(&out), 1, "{f}: {}", stdout(&out));
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

fn read_csv(path: &Path, sep: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = fs::read(path).unwrap();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("starts with the UTF-8 BOM");
    let mut r = csv::ReaderBuilder::new().delimiter(sep).has_headers(true).from_reader(body);
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r.records().map(|rec| rec.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

const HEADER_ID: [&str; 9] =
    ["peringkat", "instansi", "jenis", "kategori", "nilai_data", "nilai_juri", "nilai_akhir", "predikat", "pemenang"];
const HEADER_EN: [&str; 9] =
    ["rank", "agency", "type", "category", "data_score", "jury_score", "final_score", "predicate", "winner"];

fn indicator_columns() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &rubric::builtin().file.categories {
        for i in &c.indicators {
            if !out.contains(&i.id) {
                out.push(i.id.clone());
            }
        }
    }
    out
}

fn parse_num(cell: &str, sep: u8) -> f64 {
    let text = if sep == b';' { cell.replace(',', ".") } else { cell.to_string() };
    text.parse().unwrap_or_else(|_| panic!("not a number: {cell:?}"))
}

/// Checks a ranking CSV against the JSON report of the same run.
fn assert_csv_matches(report: &Value, header: &[String], rows: &[Vec<String>], sep: u8, head: [&str; 9]) {
    let cols = indicator_columns();
    assert_eq!(&header[..9], head);
    assert_eq!(&header[9..], cols.as_slice(), "every indicator column, in rubric order");
    let entries: Vec<(&str, &Value)> = report["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["ranking"].as_array().unwrap().iter().map(move |r| (c["id"].as_str().unwrap(), r)))
        .collect();
    assert_eq!(rows.len(), entries.len(), "one row per ranked entry");
    for (row, (cat, entry)) in rows.iter().zip(&entries) {
        assert_eq!(row.len(), header.len());
        assert_eq!(row[3], *cat, "rows in category order");
        assert_eq!(parse_num(&row[0], sep), entry["rank"].as_f64().unwrap());
        let agency = entry["agency"].as_str().unwrap();
        if agency == HOSTILE_NAME {
            assert_eq!(row[1], format!("'{HOSTILE_NAME}"), "formula neutralised");
        } else {
            assert_eq!(row[1], agency);
        }
        assert_eq!(row[2], entry["agency_type"].as_str().unwrap());
        assert_eq!(parse_num(&row[4], sep), entry["data_score"].as_f64().unwrap());
        match entry["jury_score"].as_f64() {
            Some(j) => assert_eq!(parse_num(&row[5], sep), j),
            None => assert_eq!(row[5], ""),
        }
        match entry["final_score"].as_f64() {
            Some(j) => assert_eq!(parse_num(&row[6], sep), j),
            None => assert_eq!(row[6], ""),
        }
        assert_eq!(row[7], entry["predicate"].as_str().unwrap());
        assert!(row[8] == "ya" || row[8] == "tidak" || row[8] == "yes" || row[8] == "no");
        assert_eq!(row[8] == "ya" || row[8] == "yes", entry["winner"] == true);
        let ind = entry["indicators"].as_object().unwrap();
        for (k, col) in cols.iter().enumerate() {
            let cell = &row[9 + k];
            match ind.get(col) {
                Some(v) => assert_eq!(parse_num(cell, sep), v.as_f64().unwrap(), "{cat} {col}"),
                None => assert_eq!(cell, "", "{cat} {col}: not an indicator of the category"),
            }
        }
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "unneutralised cell {cell:?}");
        }
    }
}

#[test]
fn csv_export_semicolon_and_comma() {
    let dir = mixed_folder();
    let out_dir = tempfile::tempdir().unwrap();
    let o = out_dir.path();
    let semi = o.join("semi.csv");
    let comma = o.join("comma.csv");
    let out = run(o, &["rank", dir_arg(&dir), "--json", "-", "--csv", semi.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let out = run(o, &["rank", dir_arg(&dir), "--csv", comma.to_str().unwrap(), "--csv-sep", ","]);
    assert_eq!(code(&out), 1);

    let raw = fs::read_to_string(&semi).unwrap();
    assert!(raw.starts_with('\u{feff}'));
    let first = raw.lines().next().unwrap();
    assert!(first.starts_with("\u{feff}peringkat;instansi;jenis;kategori;nilai_data;"), "{first}");
    assert!(!first.contains(','));
    let (header, rows) = read_csv(&semi, b';');
    assert_csv_matches(&report, &header, &rows, b';', HEADER_ID);
    let lapor = rows.iter().find(|r| r[3] == "lapor_opd" && r[1] == "Dinas Contoh A").expect("lapor_opd row");
    assert_eq!(lapor[4], "87,87", "decimal comma with ';'");
    assert_eq!(lapor[0], "1");
    assert_eq!(lapor[8], "ya");
    assert!(rows.iter().any(|r| r[1] == format!("'{HOSTILE_NAME}")));
    assert!(raw.contains(r#""'=HYPERLINK(""http://x"",""y"")""#), "quoted CSV cell: {raw}");

    let raw = fs::read_to_string(&comma).unwrap();
    assert!(raw.starts_with("\u{feff}peringkat,instansi,jenis,kategori,nilai_data,"));
    assert!(!raw.lines().next().unwrap().contains(';'));
    let (header, rows) = read_csv(&comma, b',');
    assert_csv_matches(&report, &header, &rows, b',', HEADER_ID);
    let lapor = rows.iter().find(|r| r[3] == "lapor_opd" && r[1] == "Dinas Contoh A").unwrap();
    assert_eq!(lapor[4], "87.87", "decimal point with ','");
}

// ---------------------------------------------------------------------------------------------
// XLSX

fn xlsx_part(path: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).expect("an XLSX is a zip");
    let mut s = String::new();
    zip.by_name(part).unwrap_or_else(|_| panic!("no part {part}")).read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_export_sheets_types_and_layout() {
    let dir = mixed_folder();
    let out_dir = tempfile::tempdir().unwrap();
    let o = out_dir.path();
    let xlsx = o.join("rank.xlsx");
    let out = run(o, &["rank", dir_arg(&dir), "--recursive", "--json", "-", "--xlsx", xlsx.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();

    let mut wb: Xlsx<_> = open_workbook(&xlsx).expect("calamine opens the workbook");
    let mut expected_sheets = category_ids();
    expected_sheets.push("status_berkas".into());
    assert_eq!(wb.sheet_names(), expected_sheets);

    let r = rubric::builtin();
    let mut hostile_seen = 0;
    for (k, def) in r.file.categories.iter().enumerate() {
        let range = wb.worksheet_range(&def.id).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        let mut expected: Vec<String> = HEADER_ID.iter().map(|s| s.to_string()).collect();
        expected.extend(def.indicators.iter().map(|i| i.id.clone()));
        assert_eq!(header, expected, "{}: header row", def.id);
        assert!(rows[0].iter().all(|c| matches!(c, Data::String(_))));
        let entries = report["categories"][k]["ranking"].as_array().unwrap();
        assert_eq!(rows.len() - 1, entries.len(), "{}: one row per ranked entry", def.id);
        for (row, entry) in rows[1..].iter().zip(entries) {
            assert_eq!(row[0], Data::Float(entry["rank"].as_f64().unwrap()), "rank is a number");
            assert_eq!(row[1], Data::String(entry["agency"].as_str().unwrap().into()), "agency is text, as given");
            if entry["agency"] == HOSTILE_NAME {
                hostile_seen += 1;
            }
            assert_eq!(row[3], Data::String(def.id.clone()));
            assert_eq!(row[4], Data::Float(entry["data_score"].as_f64().unwrap()), "data score is a number");
            assert_eq!(row[5], Data::Empty, "no jury mark");
            assert_eq!(row[6], Data::Empty, "no final score");
            assert_eq!(row[7], Data::String(entry["predicate"].as_str().unwrap().into()));
            for (j, ind) in def.indicators.iter().enumerate() {
                let v = entry["indicators"][&ind.id].as_f64().unwrap();
                assert_eq!(row[9 + j], Data::Float(v), "{} {}", def.id, ind.id);
            }
        }
        let formulas = wb.worksheet_formula(&def.id).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{}: no formulas at all", def.id);
    }
    assert!(hostile_seen >= 5, "the hostile name appears in every OPD category");

    let status = wb.worksheet_range("status_berkas").unwrap();
    let rows: Vec<&[Data]> = status.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["berkas", "status", "instansi", "submission_id", "alasan"]);
    assert_eq!(rows.len() - 1, MIXED.len() + 1);
    let listed: Vec<(String, String)> = rows[1..].iter().map(|r| (r[0].to_string(), r[1].to_string())).collect();
    for f in report["files"].as_array().unwrap() {
        let entry = (f["file"].as_str().unwrap().to_string(), label_id(f["status"].as_str().unwrap()).to_string());
        assert!(listed.contains(&entry), "{entry:?} in {listed:?}");
    }
    let hostile_row = rows.iter().find(|r| r[0] == Data::String("hostile.json".into())).unwrap();
    assert_eq!(hostile_row[2], Data::String(HOSTILE_NAME.into()));
    let big_row = rows.iter().find(|r| r[0] == Data::String("big.json".into())).unwrap();
    assert!(big_row[4].to_string().contains("[too_large]"));
    assert!(wb.worksheet_formula("status_berkas").unwrap().used_cells().all(|(_, _, f)| f.is_empty()));

    // Frozen header row and sized columns on every sheet.
    for n in 1..=expected_sheets.len() {
        let xml = xlsx_part(&xlsx, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#), "sheet {n}: header not frozen");
        assert!(xml.contains("<cols>") && xml.contains("customWidth=\"1\""), "sheet {n}: columns not sized");
        assert!(!xml.contains("<f>"), "sheet {n}: no formulas");
    }
}

// ---------------------------------------------------------------------------------------------
// Jury marks

/// Two accepted OPDs with different scores.
fn two_opds() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.json", example_text("opd"));
    write(
        dir.path(),
        "d.json",
        build("opd", example::EXAMPLE_EXPORTED_AT, |s| {
            s.submission_id = HOSTILE_ID.into();
            s.agency.name = "Dinas Contoh D".into();
            let inputs = &mut s.categories.get_mut("lapor_opd").unwrap().inputs;
            inputs.insert("completed".into(), ampk_core::InputValue::Number(30.0));
        }),
    );
    dir
}

#[test]
fn jury_marks_rank_by_final_score() {
    let dir = two_opds();
    let d = dir.path();
    write(
        d,
        "jury.csv",
        "\u{feff}agency;category;jury_score\nDinas Contoh A;lapor_opd;60,5\nDinas Contoh D;lapor_opd;95\n",
    );
    write(
        d,
        "jury-comma.csv",
        "agency,category,jury_score\nDinas Contoh A,website,70\nDinas Contoh D,website,71.25\nNobody,website,50\n",
    );
    write(d, "partial.csv", "agency,category,jury_score\nDinas Contoh A,lapor_opd,60\n");
    let data_dir = d.to_str().unwrap();

    let out = run(d, &["rank", data_dir, "--jury", "jury.csv", "--json", "-"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_report_shape(&report);
    let lapor = &report["categories"].as_array().unwrap().iter().find(|c| c["id"] == "lapor_opd").unwrap();
    assert_eq!(lapor["ranked_by"], "final_score");
    let rows = lapor["ranking"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        let data = row["data_score"].as_f64().unwrap();
        let jury = row["jury_score"].as_f64().unwrap();
        let fin = row["final_score"].as_f64().unwrap();
        assert!((fin - round2(0.7 * data + 0.3 * jury)).abs() < 0.011, "{row}");
    }
    // Dinas Contoh D has the lower data score but wins on the jury mark.
    assert_eq!(rows[0]["agency"], "Dinas Contoh D");
    assert!(rows[0]["data_score"].as_f64() < rows[1]["data_score"].as_f64(), "{rows:?}");
    assert_eq!(rows[1]["jury_score"].as_f64(), Some(60.5), "decimal comma in a ';' jury file");
    assert_eq!(rows[1]["final_score"].as_f64(), Some(round2(0.7 * 87.87 + 0.3 * 60.5)));
    assert_eq!(ranking(&report, "website")[0]["final_score"], Value::Null);
    assert_eq!(report["categories"][0]["ranked_by"], "data_score", "no marks in other categories");

    let out = run(d, &["rank", data_dir, "--jury", "jury-comma.csv", "--json", "-"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let web = report["categories"].as_array().unwrap().iter().find(|c| c["id"] == "website").unwrap();
    assert_eq!(web["ranked_by"], "final_score");
    assert_eq!(report["unmatched_jury"], serde_json::json!([{"category": "website", "agency": "nobody"}]));
    assert!(stderr(&out).contains("nilai juri tanpa pengajuan"), "{}", stderr(&out));

    // Marks for only some entries: still ranked by data score.
    let out = run(d, &["rank", data_dir, "--jury", "partial.csv", "--json", "-"]);
    assert_eq!(code(&out), 0);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lapor = report["categories"].as_array().unwrap().iter().find(|c| c["id"] == "lapor_opd").unwrap();
    assert_eq!(lapor["ranked_by"], "data_score");

    // CSV carries jury and final scores.
    let csv_path = d.join("out.csv");
    let out = run(d, &["rank", data_dir, "--jury", "jury.csv", "--csv", csv_path.to_str().unwrap()]);
    assert_eq!(code(&out), 0);
    let (_, rows) = read_csv(&csv_path, b';');
    let a = rows.iter().find(|r| r[3] == "lapor_opd" && r[1] == "Dinas Contoh A").unwrap();
    assert_eq!(a[5], "60,50", "two decimals, decimal comma");
    assert_eq!(a[6], format!("{:.2}", round2(0.7 * 87.87 + 0.3 * 60.5)).replace('.', ","));
}

#[test]
fn bad_jury_rows_are_reported() {
    let dir = two_opds();
    let d = dir.path();
    write(
        d,
        "bad.csv",
        "agency;category;jury_score\nDinas Contoh A;lapor_opd;abc\nDinas Contoh D;no_such;50\n;lapor_opd;50\n",
    );
    write(d, "header.csv", "name,cat,score\nDinas Contoh A,lapor_opd,50\n");
    let data_dir = d.join("a.json");
    let out = run(d, &["rank", data_dir.to_str().unwrap(), "--jury", "bad.csv"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("bad.csv: line 2:") && err.contains("[jury_score]"), "{err}");
    assert!(err.contains("line 3") && err.contains("[jury_category]"), "{err}");
    assert!(err.contains("line 4") && err.contains("[jury_row]"), "{err}");
    assert!(stdout(&out).contains("Peringkat"), "the ranking is still printed");

    ampk()
        .current_dir(d)
        .args(["rank", "a.json", "--jury", "header.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[jury_header]").and(predicate::str::contains("agency,category,jury_score")));
    ampk()
        .current_dir(d)
        .args(["rank", "a.json", "--jury", "missing.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.csv"));
}

/// A juror types a decimal comma in a comma-separated file: the row has four fields. It is an
/// error naming line 2 (exit 1), and no mark of 85 is applied (it used to be cut silently).
#[test]
fn a_decimal_comma_in_a_comma_jury_file_is_refused_not_cut() {
    let dir = two_opds();
    let d = dir.path();
    write(
        d,
        "jury.csv",
        "agency,category,jury_score\nDinas Contoh A,media_sosial_opd,85,5\nDinas Contoh A,lapor_opd,60\n",
    );
    let out = run(d, &["rank", d.to_str().unwrap(), "--jury", "jury.csv", "--json", "-"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("jury.csv: line 2:") && err.contains("[jury_row]"), "{err}");
    assert!(err.contains("gunakan pemisah `;` untuk koma desimal"), "{err}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    for cat in report["categories"].as_array().unwrap() {
        for row in cat["ranking"].as_array().unwrap() {
            let expected =
                if cat["id"] == "lapor_opd" && row["agency"] == "Dinas Contoh A" { Some(60.0) } else { None };
            assert_eq!(row["jury_score"].as_f64(), expected, "{} {}", cat["id"], row["agency"]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Usage errors, rubric check, score

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.json", example_text("opd"));
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate"],
        &["rank"],
        &["score"],
        &["rubric"],
        &["rubric", "check"],
        &["rubric", "frob"],
        &["rank", "a.json", "--bogus"],
        &["rank", "a.json", "-x"],
        &["rank", "missing.json"],
        &["rank", "missing-folder"],
        &["score", "missing.json"],
        &["rubric", "check", "missing.json"],
        &["rubric", "diff"],
        &["rubric", "diff", "a.json"],
        &["rubric", "diff", "missing.json", "a.json"],
        &["rank", "a.json", "--json"],
        &["rank", "a.json", "--csv"],
        &["rank", "a.json", "--csv", "out.csv", "--csv-sep", "x"],
        &["rank", "a.json", "--csv-sep", "x"],
        &["rank", "a.json", "--csv-sep", "\\t"],
        &["rank", "a.json", "--rubric", "missing-rubric.json"],
        &["example"],
        &["example", "--type", "nope"],
        &["example", "--type", "opd", "extra"],
    ];
    for args in cases {
        let out = run(d, args);
        assert_eq!(code(&out), 2, "ampk {args:?}: {}{}", stdout(&out), stderr(&out));
        assert!(stdout(&out).contains("usage:") || stderr(&out).contains("usage:"), "ampk {args:?} shows the usage");
    }
    assert!(!d.join("out.csv").exists(), "a bad --csv-sep writes nothing");
    ampk().arg("--help").assert().success().stdout(predicate::str::contains("ampk rank PATH"));
    ampk()
        .args(["rank", "a.json", "--bogus"])
        .current_dir(d)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--bogus"));
}

#[test]
fn rubric_check_valid_and_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let model = model_rubric_path();
    let out = run(dir.path(), &["rubric", "check", model.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("rubrik valid") && stdout(&out).contains(&rubric::builtin().sha256));

    let invalid = manifest_dir().join("../ampk-core/tests/data/rubrics/invalid");
    let expected: Value = serde_json::from_slice(&fs::read(invalid.join("expected.json")).unwrap()).unwrap();
    let expected = expected.as_object().unwrap();
    assert!(expected.len() > 10);
    for (name, problems) in expected {
        let path = invalid.join(name);
        let out = run(dir.path(), &["rubric", "check", path.to_str().unwrap()]);
        assert_eq!(code(&out), 1, "{name}: {}", stdout(&out));
        let text = stdout(&out);
        for p in problems.as_array().unwrap() {
            let code = p[0].as_str().unwrap();
            assert!(text.contains(&format!("[{code}]")), "{name}: {code} not printed:\n{text}");
        }
        assert!(text.contains("masalah ditemukan"), "{name}: {text}");
    }
    // `rank --rubric` with an invalid rubric stops with exit 1 and the problems.
    let first = expected.keys().next().unwrap();
    let out = run(dir.path(), &["rank", ".", "--rubric", invalid.join(first).to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("masalah ditemukan"));
}

#[test]
fn score_json_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.json", example_text("opd"));
    write(d, "bad.json", "{\"format\": \"ampk-submission\"");
    let out = run(d, &["score", "a.json", "--json"]);
    assert_eq!(code(&out), 0);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v.as_array().unwrap()[0];
    assert_eq!(keys(f), set(&["file", "status", "agency", "reasons", "categories"]));
    assert_eq!(f["status"], "accepted");
    let cats: Vec<&str> = f["categories"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    let order: Vec<String> = category_ids().into_iter().filter(|c| cats.contains(&c.as_str())).collect();
    assert_eq!(cats, order, "rubric order");
    let lapor = f["categories"].as_array().unwrap().iter().find(|c| c["id"] == "lapor_opd").unwrap();
    assert_eq!(keys(lapor), set(&["id", "data_score", "predicate", "final_score_range", "incomplete", "indicators"]));
    assert_eq!(lapor["data_score"].as_f64(), Some(87.87));
    assert_eq!(lapor["incomplete"], false);
    let range = lapor["final_score_range"].as_array().unwrap();
    assert!((range[0].as_f64().unwrap() - 0.7 * 87.87).abs() < 0.011);
    assert!((range[1].as_f64().unwrap() - (0.7 * 87.87 + 30.0)).abs() < 0.011);

    let out = run(d, &["score", "a.json", "bad.json", "--json"]);
    assert_eq!(code(&out), 1, "a rejected file → exit 1");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[1]["status"], "rejected");
    assert_eq!(v[1]["reasons"][0]["code"], "not_json");
    assert_eq!(v[1]["agency"], Value::Null);

    let out = run(d, &["score", "a.json", "bad.json"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("bad.json — ? (ditolak)"), "{}", stdout(&out));
    assert!(stdout(&out).contains("lapor_opd") && stdout(&out).contains("87,87"));
}

#[test]
fn lang_en_switches_messages() {
    let dir = mixed_folder();
    let o = tempfile::tempdir().unwrap();
    let csv_path = o.path().join("en.csv");
    let xlsx_path = o.path().join("en.xlsx");
    let out = run(
        o.path(),
        &[
            "rank",
            dir_arg(&dir),
            "--lang",
            "en",
            "--csv",
            csv_path.to_str().unwrap(),
            "--xlsx",
            xlsx_path.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains(&format!("File status ({} files)", MIXED.len())), "{text}");
    assert!(text.contains("Ranking — ") && !text.contains("Peringkat"), "{text}");
    assert!(
        text.lines().any(|l| l.contains("87.87") && l.contains("Very good")),
        "decimal point, English predicate\n{text}"
    );
    assert_listed(&text, "truncated.json", "rejected");
    assert_listed(&text, "opd-copy.json", "superseded");
    assert_listed(&text, "opd.json", "accepted");
    assert!(text.contains("not valid JSON") && !text.contains("bukan JSON"), "{text}");
    assert!(text.contains("file too large"), "{text}");

    let (header, rows) = read_csv(&csv_path, b';');
    assert_eq!(&header[..9], HEADER_EN);
    assert!(rows.iter().all(|r| r[8] == "yes" || r[8] == "no"));

    let wb: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    assert_eq!(wb.sheet_names().last().map(String::as_str), Some("file_status"));

    let model = model_rubric_path();
    let out = run(o.path(), &["rubric", "check", model.to_str().unwrap(), "--lang", "en"]);
    assert!(stdout(&out).contains("valid rubric") && stdout(&out).contains("(edition 2025)"));
    let bad = manifest_dir().join("../ampk-core/tests/data/rubrics/invalid/invalid-final-weights-sum.json");
    let out = run(o.path(), &["rubric", "check", bad.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("problem(s) found") && stdout(&out).contains("must be 100"), "{}", stdout(&out));

    let out = run(dir.path(), &["score", "truncated.json", "--json", "--lang", "en"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v[0]["reasons"][0]["message"].as_str().unwrap().starts_with("not valid JSON"), "{v}");

    let out = run(dir.path(), &["rank", "truncated.json", "--json", "-", "--lang", "en"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["files"][0]["reasons"][0]["message"].as_str().unwrap().starts_with("not valid JSON"), "{v}");
    assert_eq!(v["categories"][0]["label"], "Top Influencer");
}

// ---------------------------------------------------------------------------------------------
// The command line: help, version and clap's usage errors

/// Runs `ampk args` in `dir`, expecting a usage error: exit 2, nothing on stdout, and a message
/// on stderr that contains every one of `named` and the usage.
fn assert_usage_error(dir: &Path, args: &[&str], named: &[&str]) {
    let out = run(dir, args);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "ampk {args:?}: {err}");
    assert!(out.stdout.is_empty(), "ampk {args:?}: nothing on stdout, got {}", stdout(&out));
    assert!(err.starts_with("error: "), "ampk {args:?}: {err}");
    for n in named {
        assert!(err.contains(n), "ampk {args:?}: {n:?} not named in {err}");
    }
    assert!(err.contains("usage: ampk "), "ampk {args:?} shows the usage: {err}");
}

/// The text of `ampk args`, which must succeed (help and version: exit 0, stdout only).
fn help_text(args: &[&str]) -> String {
    let out = ampk().args(args).output().expect("ampk runs");
    assert_eq!(code(&out), 0, "ampk {args:?}: {}", stderr(&out));
    assert!(out.stderr.is_empty(), "ampk {args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Whether a help page lists `option` (`--rubric <FILE>`, `<PATH>...`) with an explanation: on
/// the same line (`-h`) or on the next one (`--help`).
fn described(text: &str, option: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    lines.iter().enumerate().any(|(i, l)| {
        let Some(rest) = l.trim_start().strip_prefix(option) else { return false };
        let next = lines.get(i + 1).map_or("", |n| n.trim());
        (rest.starts_with("  ") && rest.trim().len() > 10) || (rest.is_empty() && next.len() > 10)
    })
}

#[test]
fn help_lists_every_command_and_option() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let text = help_text(args);
        let commands: Vec<&str> = text
            .lines()
            .skip_while(|l| *l != "Commands:")
            .skip(1)
            .take_while(|l| !l.is_empty())
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(commands, ["rubric", "example", "score", "rank", "feedback", "help"], "ampk {args:?}:\n{text}");
        // The usage gives every command's synopsis; --lang and the exit codes are described too.
        for synopsis in [
            "ampk rubric check FILE",
            "ampk rubric show [FILE]",
            "ampk rubric diff OLD NEW [--json]",
            "ampk example --type opd|uptd|kabkota [--out FILE]",
            "ampk score FILE... [--rubric FILE] [--json]",
            "ampk rank PATH... [--rubric FILE] [--jury FILE.csv]",
            "ampk feedback PATH... [--rubric FILE] --review REVIEW.json --out DIR [--recursive]",
        ] {
            assert!(text.contains(synopsis), "ampk {args:?}: no {synopsis:?}:\n{text}");
        }
        assert!(described(&text, "--lang <LANG>"), "ampk {args:?}:\n{text}");
        assert!(text.contains("Exit codes: 0 ok; 1 problems found"), "ampk {args:?}:\n{text}");
    }
    let text = help_text(&["--help"]);
    assert!(text.contains("- id: Bahasa Indonesia") && text.contains("- en: English"), "{text}");
    assert!(text.contains("[default: id]"), "{text}");
    assert!(help_text(&["--version"]).starts_with("ampk "));
    assert!(help_text(&["-V"]).starts_with("ampk "));
}

#[test]
fn every_command_help_describes_its_options() {
    let rank_options = [
        "<PATH>...",
        "--rubric <FILE>",
        "--jury <FILE.csv>",
        "--csv <OUT>",
        "--csv-sep <SEP>",
        "--xlsx <OUT>",
        "--json <OUT|->",
        "--recursive",
        "--lang <LANG>",
    ];
    let pages: &[(&[&str], &[&str])] = &[
        (&["rank"], &rank_options),
        (&["score"], &["<FILE>...", "--rubric <FILE>", "--json", "--lang <LANG>"]),
        (&["example"], &["--type <TYPE>", "--out <FILE>", "--lang <LANG>"]),
        (
            &["feedback"],
            &["<PATH>...", "--rubric <FILE>", "--review <REVIEW.json>", "--out <DIR>", "--recursive", "--lang <LANG>"],
        ),
        (&["rubric", "check"], &["<FILE>", "--lang <LANG>"]),
        (&["rubric", "show"], &["[FILE]", "--lang <LANG>"]),
        (&["rubric", "diff"], &["<OLD>", "<NEW>", "--json", "--lang <LANG>"]),
        (&["rubric"], &["--lang <LANG>"]),
    ];
    for (command, options) in pages {
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = command.iter().copied().chain([flag]).collect();
            let text = help_text(&args);
            assert!(text.contains(&format!("Usage: ampk {}", command.join(" "))), "ampk {args:?}:\n{text}");
            for o in *options {
                assert!(described(&text, o), "ampk {args:?}: {o} is not described:\n{text}");
            }
        }
        // `ampk help COMMAND` is the same page as `ampk COMMAND --help`.
        let via_help: Vec<&str> = ["help"].into_iter().chain(command.iter().copied()).collect();
        let args: Vec<&str> = command.iter().copied().chain(["--help"]).collect();
        assert_eq!(help_text(&via_help), help_text(&args), "ampk {via_help:?}");
    }

    let rank = help_text(&["rank", "--help"]);
    for phrase in [
        "a folder's *.json files are read",
        "--recursive",
        "agency,category,jury_score",
        "';' with decimal commas",
        "',' with",
        "[default: ;]",
        "with '-' the JSON goes to standard output",
        "Excel workbook",
        "[default: the built-in model rubric]",
    ] {
        assert!(rank.contains(phrase), "rank --help lacks {phrase:?}:\n{rank}");
    }
    let score = help_text(&["score", "--help"]);
    assert!(score.contains("takes no") && score.contains("unlike `rank --json OUT`"), "{score}");
    assert!(!score.contains("--json <"), "score --json is a flag:\n{score}");
    assert!(score.contains("a folder stands for the .json files directly inside it"), "{score}");
    let example = help_text(&["example", "--help"]);
    for t in ["opd", "uptd", "kabkota"] {
        assert!(example.lines().any(|l| l.trim_start().starts_with(&format!("- {t}:"))), "{t}:\n{example}");
    }
    assert!(example.contains("'-' is standard output"), "{example}");
    assert!(help_text(&["rubric", "show", "--help"]).contains("built-in model rubric"));
}

#[test]
fn clap_usage_errors_exit_2_and_name_the_culprit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.json", example_text("opd"));
    write(d, "f.json", example_text("uptd"));
    assert_usage_error(d, &["rank", "--bogus", "x"], &["unexpected argument '--bogus'"]);
    assert_usage_error(d, &["rank", "a.json", "--bogus", "x"], &["'--bogus'", "usage: ampk rank PATH..."]);
    assert_usage_error(d, &["score", "a.json", "--recursive"], &["'--recursive'", "usage: ampk score FILE..."]);
    assert_usage_error(d, &["rank", "a.json", "--jury"], &["a value is required for '--jury <FILE.csv>'"]);
    assert_usage_error(d, &["rank", "a.json", "--json"], &["a value is required for '--json <OUT|->'"]);
    assert_usage_error(d, &["example", "--type"], &["a value is required for '--type <TYPE>'"]);
    assert_usage_error(d, &["score", "--lang", "xx", "f.json"], &["invalid value 'xx' for '--lang <LANG>'", "id, en"]);
    assert_usage_error(d, &["--lang", "xx", "score", "f.json"], &["invalid value 'xx' for '--lang <LANG>'"]);
    assert_usage_error(d, &["rank", "a.json", "--csv-sep", "\t"], &["for '--csv-sep <SEP>'"]);
    assert_usage_error(d, &["frobnicate"], &["unrecognized subcommand 'frobnicate'", "ampk rank PATH..."]);
    assert_usage_error(d, &["rubric", "frob"], &["unrecognized subcommand 'frob'", "usage: ampk rubric check FILE"]);
    assert_usage_error(d, &["example", "--type", "bad"], &["invalid value 'bad' for '--type <TYPE>'", "kabkota"]);
    assert_usage_error(d, &["example"], &["--type <TYPE>", "usage: ampk example --type opd|uptd|kabkota"]);
    assert_usage_error(d, &[], &["requires a subcommand", "usage: ampk rubric check FILE"]);
    assert_usage_error(d, &["rubric"], &["requires a subcommand", "ampk rubric show [FILE]"]);
}

#[test]
fn lang_before_or_after_the_command_and_the_last_value_wins() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.json", example_text("opd"));
    let model = model_rubric_path();
    let model = model.to_str().unwrap();
    for args in [
        &["--lang", "en", "rubric", "check", model][..],
        &["rubric", "--lang", "en", "check", model],
        &["rubric", "check", "--lang", "en", model],
        &["rubric", "check", model, "--lang", "en"],
        &["--lang", "id", "rubric", "check", model, "--lang", "en"],
        &["rubric", "check", model, "--lang", "id", "--lang", "en"],
        &["rubric", "check", model, "--lang=en"],
    ] {
        let out = run(d, args);
        assert_eq!(code(&out), 0, "ampk {args:?}: {}", stderr(&out));
        assert!(stdout(&out).contains("valid rubric"), "ampk {args:?}: {}", stdout(&out));
    }
    let out = run(d, &["--lang", "en", "rubric", "check", model, "--lang", "id"]);
    assert!(stdout(&out).contains("rubrik valid"), "{}", stdout(&out));
    // Any option given twice keeps its last value.
    let out = run(d, &["rank", "a.json", "--json", "first.json", "--json", "-"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_report_shape(&report);
    assert!(!d.join("first.json").exists());
    // `--` ends the options: a file may be named like one.
    write(d, "--odd.json", example_text("opd"));
    let out = run(d, &["score", "--json", "--", "--odd.json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// rubric diff

fn official_rubric_path() -> PathBuf {
    manifest_dir().join("../../tests/e2e/fixtures/official-rubric.json")
}

#[test]
fn rubric_diff_same_different_json_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (model, official) = (model_rubric_path(), official_rubric_path());
    let (model, official) = (model.to_str().unwrap(), official.to_str().unwrap());

    // The same rubric, written another way (minified): exit 0, no difference.
    let minified: Value = serde_json::from_slice(&fs::read(model).unwrap()).unwrap();
    write(d, "model-min.json", serde_json::to_string(&minified).unwrap());
    let out = run(d, &["rubric", "diff", model, "model-min.json"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("Tidak ada perbedaan"), "{}", stdout(&out));
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));

    // Different: exit 1, a heading naming both, then a line per change.
    let out = run(d, &["rubric", "diff", model, official]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let heading = lines.next().unwrap();
    assert!(heading.contains("edisi 2025, sidik 76d8c6f75135…") && heading.contains("Rubrik Resmi AMPK 2026 (uji)"));
    let changes: Vec<&str> = lines.collect();
    assert!(changes.iter().all(|l| l.starts_with("- ")), "{text}");
    for expected in [
        "- Kategori `website`: bobot indikator `W3` berubah dari 25 menjadi 30",
        "- Kategori `website`: masukan `lh_best_practices` (Skor Lighthouse Best Practices) dihapus",
        "- Bobot nilai akhir berubah dari data 70 + juri 30 menjadi data 60 + juri 40",
    ] {
        assert!(changes.contains(&expected), "{expected:?} not in:\n{text}");
    }
    // In English with --lang en.
    let out = run(d, &["rubric", "diff", model, official, "--lang", "en"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("- Category `website`: weight of indicator `W3` changed from 25 to 30"),
        "{}",
        stdout(&out)
    );

    // --json: both identities, the structured changes, and the same lines.
    let out = run(d, &["rubric", "diff", model, official, "--json"]);
    assert_eq!(code(&out), 1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        keys(&v),
        set(&["old", "new", "identical", "period", "final_score", "bands", "categories", "lines"]),
        "{v:#}"
    );
    assert_eq!(keys(&v["old"]), set(&["id", "edition", "title", "status", "sha256"]));
    assert_eq!(v["old"]["sha256"], rubric::builtin().sha256.as_str());
    assert_eq!((&v["new"]["status"], &v["identical"]), (&Value::from("official"), &Value::from(false)));
    let website = v["categories"].as_array().unwrap().iter().find(|c| c["id"] == "website").unwrap();
    let w3 = website["indicators_changed"].as_array().unwrap().iter().find(|i| i["id"] == "W3").unwrap();
    assert_eq!(w3["weight"], serde_json::json!({"old": 25.0, "new": 30.0}));
    assert_eq!(website["inputs_removed"][0]["id"], "lh_best_practices");
    let json_lines: Vec<String> =
        v["lines"].as_array().unwrap().iter().map(|l| format!("- {}", l.as_str().unwrap())).collect();
    assert_eq!(json_lines, changes);
    let out = run(d, &["rubric", "diff", model, model, "--json"]);
    assert_eq!(code(&out), 0);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(keys(&v), set(&["old", "new", "identical", "lines"]));
    assert_eq!(v["lines"], serde_json::json!([]));

    // An invalid or unreadable file is an error (exit 2), not a difference, with every problem.
    let invalid = manifest_dir().join("../ampk-core/tests/data/rubrics/invalid/invalid-final-weights-sum.json");
    let out = run(d, &["rubric", "diff", model, invalid.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("invalid-final-weights-sum.json: bukan rubrik yang dapat dibandingkan (1 masalah)"), "{err}");
    assert!(err.contains("[final_weights]") && err.contains("usage: ampk rubric diff OLD NEW"), "{err}");
    write(d, "garbage.json", "{\"format\": ");
    let out = run(d, &["rubric", "diff", "garbage.json", model, "--json"]);
    assert_eq!(code(&out), 2);
    assert!(out.stdout.is_empty() && stderr(&out).contains("[not_json]"), "{}", stderr(&out));
    let out = run(d, &["rubric", "diff", "missing.json", model]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("missing.json"), "{}", stderr(&out));
}

const REVIEW_B: &str = "16fd2706-8baf-433b-82eb-8c7fada847da";

/// Two OPD submissions in `dir`: Contoh A (600 posts) and Dinas B (300 posts), and Contoh A's id.
fn review_batch(dir: &Path, a_posts: f64) -> String {
    let posts = |s: &mut Submission, n: f64| {
        let e = s.categories.get_mut("media_sosial_opd").expect("category");
        e.inputs.insert("posts".into(), ampk_core::InputValue::Number(n));
    };
    let mut id = String::new();
    write(
        dir,
        "a.json",
        build("opd", example::EXAMPLE_EXPORTED_AT, |s| {
            posts(s, a_posts);
            id = s.submission_id.clone();
        }),
    );
    write(
        dir,
        "b.json",
        build("opd", example::EXAMPLE_EXPORTED_AT, |s| {
            posts(s, 300.0);
            s.submission_id = REVIEW_B.into();
            s.agency.name = "Dinas B".into();
        }),
    );
    id
}

fn review_file(reviews: Value, audit: Value) -> String {
    let mut rv = ampk_core::review::ReviewFile::new(rubric::builtin());
    rv.reviews = serde_json::from_value(reviews).expect("reviews");
    rv.audit = serde_json::from_value(audit).expect("audit");
    ampk_core::review::write(&rv)
}

fn entry_of<'a>(rows: &'a [Value], file: &str) -> &'a Value {
    rows.iter().find(|r| r["file"] == file).unwrap_or_else(|| panic!("{file} in {rows:?}"))
}

#[test]
fn rank_review_gives_verified_scores_rankings_and_the_audit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let batch = dir.path().join("batch");
    let a = review_batch(&batch, 600.0);
    let hostile_reason = "=HYPERLINK(\"http://x\")";
    write(
        dir.path(),
        "review.json",
        review_file(
            serde_json::json!([
                {"submission_id": a, "state": "verified",
                 "corrections": [{"category": "media_sosial_opd", "input": "posts", "value": 10, "reason": "10 posts in the evidence"}]},
                {"submission_id": REVIEW_B, "state": "needs_fixing", "reason": "links broken"}
            ]),
            serde_json::json!([{"at": "2025-11-04T08:00:00Z", "reviewer": "Rina", "submission_id": a,
                "field": "media_sosial_opd.posts", "from": 600, "to": 10, "reason": hostile_reason}]),
        ),
    );
    // Without --review the report has no review members.
    let plain = run(dir.path(), &["rank", "batch", "--json", "-"]);
    assert_eq!(code(&plain), 0, "{}", stderr(&plain));
    let plain: Value = serde_json::from_str(&stdout(&plain)).expect("json");
    assert_report_shape(&plain);
    let rows = ranking(&plain, "media_sosial_opd");
    assert_eq!(rows[0]["file"], "a.json");
    assert!(rows[0].get("review_state").is_none() && plain["categories"][0].get("verified").is_none());

    let out = run(
        dir.path(),
        &[
            "rank",
            "batch",
            "--review",
            "review.json",
            "--audit",
            "audit.csv",
            "--json",
            "-",
            "--csv",
            "r.csv",
            "--xlsx",
            "r.xlsx",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // The CSV and the workbook carry the review, as Rekap's exports do.
    let csv = fs::read_to_string(dir.path().join("r.csv")).expect("csv written");
    let header = csv.lines().next().expect("header");
    assert!(header.ends_with("status_pemeriksaan;nilai_data_terverifikasi;peringkat_terverifikasi"), "{header}");
    assert!(csv.contains(";needs_fixing;") && csv.contains(";verified;"), "{csv}");
    let book: Xlsx<_> = open_workbook(dir.path().join("r.xlsx")).expect("xlsx written");
    let sheets = book.sheet_names();
    assert!(sheets.ends_with(&["pemeriksaan".to_string(), "koreksi".to_string(), "audit".to_string()]), "{sheets:?}");
    let report: Value = serde_json::from_str(&stdout(&out)).expect("json");
    let cat = report["categories"].as_array().unwrap().iter().find(|c| c["id"] == "media_sosial_opd").unwrap();
    // The data ranking is unchanged; its entries carry the state and the verified score.
    let data = cat["ranking"].as_array().unwrap();
    assert_eq!(data[0]["file"], "a.json");
    assert_eq!(entry_of(data, "b.json")["review_state"], "needs_fixing");
    assert_eq!(entry_of(data, "a.json")["review_state"], "verified");
    // The verified score equals the data score of a copy of the file with that input changed.
    let copy = tempfile::tempdir().expect("tempdir");
    review_batch(copy.path(), 10.0);
    let copy_out = run(copy.path(), &["rank", ".", "--json", "-"]);
    let copy_report: Value = serde_json::from_str(&stdout(&copy_out)).expect("json");
    let copy_a = entry_of(ranking(&copy_report, "media_sosial_opd"), "a.json")["data_score"].clone();
    assert_eq!(entry_of(data, "a.json")["verified_data_score"], copy_a);
    assert_ne!(entry_of(data, "a.json")["data_score"], copy_a);
    // The verified ranking puts B first.
    let verified = cat["verified"].as_array().unwrap();
    assert_eq!(verified.iter().map(|r| r["file"].as_str().unwrap()).collect::<Vec<_>>(), ["b.json", "a.json"]);
    assert_eq!(verified[1]["verified_data_score"], copy_a);
    // The human-readable report on standard error names the states and the verified ranking.
    let text = stderr(&out);
    assert!(text.contains("perlu perbaikan") && text.contains("links broken"), "{text}");
    assert!(text.contains("Peringkat terverifikasi"), "{text}");
    let diff_line = text.lines().find(|l| l.contains("selisih per indikator:")).expect("differences printed");
    assert!(diff_line.contains(" -"), "a lower verified score: {diff_line}");
    // The audit CSV, formulas neutralised.
    let csv = fs::read_to_string(dir.path().join("audit.csv")).expect("audit written");
    assert!(csv.starts_with("\u{feff}waktu;pemeriksa;"), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(csv.contains(";media_sosial_opd.posts;600;10;"), "{csv}");
}

#[test]
fn rank_review_rejected_leaves_the_verified_ranking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = review_batch(dir.path(), 600.0);
    let review = review_file(
        serde_json::json!([{"submission_id": a, "state": "rejected", "reason": "evidence fabricated"}]),
        serde_json::json!([]),
    );
    let rv = tempfile::tempdir().expect("tempdir");
    write(rv.path(), "review.json", review);
    let path = rv.path().join("review.json");
    let out = run(dir.path(), &["rank", ".", "--review", path.to_str().unwrap(), "--json", "-"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("json");
    for cat in report["categories"].as_array().unwrap() {
        let files: Vec<&str> =
            cat["verified"].as_array().unwrap().iter().map(|r| r["file"].as_str().unwrap()).collect();
        assert!(!files.contains(&"a.json"), "{}: {files:?}", cat["id"]);
        if cat["id"] == "media_sosial_opd" {
            assert_eq!(files, ["b.json"]);
        }
    }
}

#[test]
fn rank_review_with_problems_names_their_paths_and_applies_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let batch = dir.path().join("batch");
    let a = review_batch(&batch, 600.0);
    let bad = review_file(
        serde_json::json!([
            {"submission_id": "00000000-0000-4000-8000-000000000000", "state": "verified"},
            {"submission_id": a, "state": "rejected",
             "corrections": [{"category": "media_sosial_opd", "input": "nope", "value": 1, "reason": "x"}]}
        ]),
        serde_json::json!([]),
    );
    write(dir.path(), "bad.json", &bad);
    let out = run(dir.path(), &["--lang", "en", "rank", "batch", "--review", "bad.json", "--json", "-"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "nothing applied, no report");
    let err = stderr(&out);
    for path in ["reviews[0].submission_id", "reviews[1].reason", "reviews[1].corrections[0].input"] {
        assert!(err.contains(&format!("bad.json: {path}: ")), "{path}:\n{err}");
    }
    assert!(err.contains("3 problem(s) in the review; nothing applied"), "{err}");
    // A changed file: its digest no longer matches.
    write(dir.path(), "tampered.json", bad.replace("\"x\"", "\"y\""));
    let out = run(dir.path(), &["rank", "batch", "--review", "tampered.json"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("integrity.digest"), "{}", stderr(&out));
    // --audit needs --review; a missing review file is a usage error.
    assert_eq!(code(&run(dir.path(), &["rank", "batch", "--audit", "a.csv"])), 2);
    assert_eq!(code(&run(dir.path(), &["rank", "batch", "--review", "missing.json"])), 2);
}

#[test]
fn feedback_writes_one_file_per_reviewed_submission_and_a_revision_supersedes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let batch = dir.path().join("batch");
    let a = review_batch(&batch, 600.0);
    write(
        dir.path(),
        "review.json",
        review_file(
            serde_json::json!([
                {"submission_id": a, "state": "needs_fixing", "reason": "posts not supported",
                 "verdicts": {"media_sosial_opd.posts": "not_ok"},
                 "corrections": [{"category": "media_sosial_opd", "input": "posts", "value": 10, "reason": "10 posts in the evidence"}],
                 "notes": {"media_sosial_opd": "check the archive"}},
                {"submission_id": REVIEW_B, "state": "unreviewed"}
            ]),
            serde_json::json!([{"at": "2025-11-04T08:00:00Z", "reviewer": "Rina", "submission_id": a,
                "field": "media_sosial_opd.posts", "from": 600, "to": 10, "reason": "10 posts in the evidence"}]),
        ),
    );
    let out = run(dir.path(), &["feedback", "batch", "--review", "review.json", "--out", "fb"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Only A's review holds something to send back.
    let names: Vec<String> = fs::read_dir(dir.path().join("fb"))
        .expect("folder written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [format!("umpan-balik-dinas-contoh-a-{}.json", &a[..8])], "{}", stdout(&out));
    assert!(stdout(&out).contains("1 berkas umpan balik ditulis ke fb"), "{}", stdout(&out));
    let text = fs::read_to_string(dir.path().join("fb").join(&names[0])).expect("feedback");
    let f = ampk_core::feedback::read(text.as_bytes()).expect("a valid feedback file");
    assert_eq!((f.submission_id.as_str(), f.revision, f.reviewer.as_str()), (a.as_str(), 1, "Rina"));
    assert_eq!(f.state, ampk_core::review::ReviewState::NeedsFixing);
    assert_eq!(f.corrections[0].from, serde_json::json!(600));
    assert_eq!(f.corrections[0].value, serde_json::json!(10));
    let scores = &f.scores["media_sosial_opd"];
    assert!(scores.verified < scores.reported, "{scores:?}");
    assert!(!scores.differences.is_empty());
    // The submission inside reads as the file that was sent.
    let inner = submission::read(serde_json::to_string(&f.submission).unwrap().as_bytes()).expect("inner submission");
    assert_eq!(inner.wire.submission_id, a);

    // The agency answers: revision 2 accepts the correction and responds.
    let mut s = Submission::from(&inner);
    s.revision = f.revision + 1;
    s.categories
        .get_mut("media_sosial_opd")
        .unwrap()
        .inputs
        .insert("posts".into(), ampk_core::InputValue::Number(10.0));
    s.responses.insert(
        "media_sosial_opd.posts".into(),
        submission::Response { accepted: true, text: Some("benar, 10 unggahan".into()) },
    );
    // Exported earlier than the first file: the revision, not the time, decides.
    write(&batch, "z-revision.json", submission::write(rubric::builtin(), &s, "2025-01-01T00:00:00Z"));
    let out = run(dir.path(), &["rank", "batch", "--review", "review.json", "--json", "-"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("json");
    let files = report["files"].as_array().unwrap();
    let first = files.iter().find(|f| f["file"] == "a.json").unwrap();
    assert_eq!(first["status"], "superseded");
    assert_eq!(first["reasons"][0]["code"], "superseded_revision", "{first}");
    let ranked = entry_of(ranking(&report, "media_sosial_opd"), "z-revision.json");
    assert_eq!(ranked["data_score"], ranked["verified_data_score"], "the accepted correction is the figure now");

    // A review with problems writes nothing.
    write(
        dir.path(),
        "bad.json",
        review_file(serde_json::json!([{"submission_id": a, "state": "rejected"}]), serde_json::json!([])),
    );
    let out = run(dir.path(), &["feedback", "batch", "--review", "bad.json", "--out", "none"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("reviews[0].reason"), "{}", stderr(&out));
    assert!(!dir.path().join("none").exists());
}
