//! The rubric studio's commands on the real `ampk` binary: `rubric template`, `to-xlsx` and
//! `from-xlsx`, their files, messages, JSON problems and exit codes.

use ampk_core::{rubric, Lang};
use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn run(dir: &Path, args: &[&str]) -> Output {
    let out = Command::cargo_bin("ampk").unwrap().current_dir(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "ampk {args:?} panicked:\n{stderr}");
    out
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn model_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ampk-core/rubrics/ampk-2025-model.json")
}

#[test]
fn template_writes_the_model_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run(d, &["rubric", "template"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("rubrik-model.xlsx: buku kerja rubrik ampk-2025-model ditulis"));
    let bytes = fs::read(d.join("rubrik-model.xlsx")).expect("the default file name");
    let (_, r) = ampk_rubric_xlsx::from_workbook(&bytes, Lang::Id).unwrap();
    assert_eq!(r.file, rubric::builtin().file);
    // `--out -`: the workbook on standard output, the same bytes.
    let out = run(d, &["rubric", "template", "--out", "-", "--lang", "en"]);
    assert_eq!(code(&out), 0);
    assert_eq!(out.stdout, bytes);
    assert!(text(&out.stderr).contains("workbook of rubric ampk-2025-model written"));
    let out = run(d, &["rubric", "template", "--out", "no-such-dir/x.xlsx"]);
    assert_eq!(code(&out), 2, "an unwritable path is a usage error");
}

#[test]
fn to_xlsx_then_from_xlsx_gives_a_rubric_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let model = model_path();
    let out = run(d, &["rubric", "to-xlsx", model.to_str().unwrap(), "--out", "m.xlsx"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let out = run(d, &["rubric", "from-xlsx", "m.xlsx", "--out", "rubric.json"]);
    assert_eq!(code(&out), 0, "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("rubric.json: rubrik ampk-2025-model (edisi 2025) ditulis dari m.xlsx"), "{err}");
    let sha = err.lines().find_map(|l| l.strip_prefix("sha256 ")).expect("the fingerprint line").to_string();
    assert_eq!(sha.len(), 64);
    let check = run(d, &["rubric", "check", "rubric.json"]);
    assert_eq!(code(&check), 0);
    assert!(text(&check.stdout).contains(&format!("sha256 {sha}")), "{}", text(&check.stdout));
    let written: rubric::RubricFile = serde_json::from_slice(&fs::read(d.join("rubric.json")).unwrap()).unwrap();
    assert_eq!(written, rubric::builtin().file);
    // `--out -`: the rubric file on standard output.
    let out = run(d, &["rubric", "from-xlsx", "m.xlsx", "--out", "-"]);
    assert_eq!(code(&out), 0);
    assert_eq!(out.stdout, fs::read(d.join("rubric.json")).unwrap());
}

#[test]
fn to_xlsx_refuses_an_invalid_rubric() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bad = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ampk-core/tests/data/rubrics/invalid/invalid-final-weights-sum.json");
    let out = run(d, &["rubric", "to-xlsx", bad.to_str().unwrap(), "--out", "x.xlsx"]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stdout).contains("[final_weights]"), "{}", text(&out.stdout));
    assert!(!d.join("x.xlsx").exists());
}

/// The model as a workbook with the first indicator's weight raised by 5: its category's
/// weights sum to 105.
fn bad_workbook(d: &Path) {
    let mut f = rubric::builtin().file.clone();
    f.categories[0].indicators[0].weight += 5.0;
    fs::write(d.join("bad.xlsx"), ampk_rubric_xlsx::to_workbook(&f).unwrap()).unwrap();
}

#[test]
fn from_xlsx_lists_problems_at_cells_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    bad_workbook(d);
    let out = run(d, &["rubric", "from-xlsx", "bad.xlsx", "--out", "r.json"]);
    assert_eq!(code(&out), 1);
    let stdout = text(&out.stdout);
    let first = stdout.lines().next().unwrap();
    assert!(first.starts_with("indikator!G2 (bobot): "), "{stdout}");
    assert!(first.contains("top_influencer") && first.ends_with("[weights_sum]"), "{first}");
    assert!(stdout.contains("bad.xlsx: 1 masalah ditemukan; berkas rubrik tidak ditulis"), "{stdout}");
    assert!(!d.join("r.json").exists(), "no output file on problems");

    let out = run(d, &["rubric", "from-xlsx", "bad.xlsx", "--out", "r.json", "--json", "--lang", "en"]);
    assert_eq!(code(&out), 1);
    let v: Value = serde_json::from_slice(&out.stdout).expect("only JSON on stdout");
    let p = &v.as_array().unwrap()[0];
    let keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["sheet", "row", "column", "cell", "code", "message"]);
    assert_eq!(
        (&p["sheet"], &p["row"], &p["column"], &p["cell"]),
        (&"indikator".into(), &2.into(), &"bobot".into(), &"G2".into())
    );
    assert_eq!(p["code"], "weights_sum");
    assert!(p["message"].as_str().unwrap().contains("must sum to 100"), "{p}");
    assert!(text(&out.stderr).contains("1 problem(s) found"));
    assert!(!d.join("r.json").exists());
}

#[test]
fn from_xlsx_file_problems_and_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("notes.xlsx"), "not a workbook").unwrap();
    let out = run(d, &["rubric", "from-xlsx", "notes.xlsx", "--out", "r.json"]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stdout).starts_with("notes.xlsx: berkas ini bukan buku kerja"), "{}", text(&out.stdout));
    let big = fs::File::create(d.join("big.xlsx")).unwrap();
    big.set_len(ampk_rubric_xlsx::MAX_WORKBOOK_BYTES as u64 + 1).unwrap();
    let out = run(d, &["rubric", "from-xlsx", "big.xlsx", "--out", "r.json", "--json"]);
    assert_eq!(code(&out), 1);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["code"], "too_large");
    assert!(!d.join("r.json").exists());
    for args in [
        &["rubric", "from-xlsx", "missing.xlsx", "--out", "r.json"][..],
        &["rubric", "from-xlsx", "notes.xlsx"],
        &["rubric", "to-xlsx", "missing.json", "--out", "x.xlsx"],
        &["rubric", "to-xlsx", "notes.xlsx"],
        &["rubric", "template", "--out"],
        &["rubric", "template", "extra"],
    ] {
        let out = run(d, args);
        assert_eq!(code(&out), 2, "ampk {args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("usage: ampk rubric"), "ampk {args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn help_describes_the_studio_commands() {
    let out = run(Path::new("."), &["rubric", "--help"]);
    let help = text(&out.stdout);
    for synopsis in [
        "ampk rubric template [--out FILE.xlsx]",
        "ampk rubric to-xlsx RUBRIC.json --out FILE.xlsx",
        "ampk rubric from-xlsx FILE.xlsx --out RUBRIC.json [--json]",
    ] {
        assert!(help.contains(synopsis), "{synopsis}:\n{help}");
    }
    let from = text(&run(Path::new("."), &["rubric", "from-xlsx", "--help"]).stdout);
    assert!(from.contains("fingerprint on") && from.contains("--json"), "{from}");
    let template = text(&run(Path::new("."), &["rubric", "template", "--help"]).stdout);
    assert!(template.contains("[default: rubrik-model.xlsx]"), "{template}");
}

#[test]
fn diff_reads_workbooks_too() {
    // The official fixture as a workbook: compared with the model, the same lines as its JSON.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let official = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/fixtures/official-rubric.json");
    let out = run(d, &["rubric", "to-xlsx", official.to_str().unwrap(), "--out", "resmi.xlsx"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    let model = model_path();
    let lines = |new: &str| {
        let out = run(d, &["rubric", "diff", model.to_str().unwrap(), new, "--json"]);
        assert_eq!(code(&out), 1, "{}", text(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["lines"].clone()
    };
    let from_json = lines(official.to_str().unwrap());
    assert!(from_json.as_array().is_some_and(|l| l.len() > 10), "{from_json}");
    assert_eq!(lines("resmi.xlsx"), from_json);
    // A broken workbook is an error (exit 2) naming its cells.
    fs::write(d.join("rusak.xlsx"), b"PK\x03\x04 not really a zip").unwrap();
    let out = run(d, &["rubric", "diff", model.to_str().unwrap(), "rusak.xlsx"]);
    assert_eq!(code(&out), 2, "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("rusak.xlsx"), "{}", text(&out.stderr));
}
