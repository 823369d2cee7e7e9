//! The rubric studio's commands: `ampk rubric template`, `to-xlsx` and `from-xlsx`, over
//! `ampk_rubric_xlsx` (rubric workbooks, `../shared/spec/rubric-xlsx.md`).
//!
//! Workbooks are written to a file (`-` is standard output) and the confirmation goes to
//! standard error. `from-xlsx` writes the rubric file only when the workbook has no problem; it
//! then prints the fingerprint on standard error. Problems go to standard output, one per line
//! (`indikator!F7 (bobot): message [code]`) or with `--json` as one JSON array, and exit 1.

use crate::{emit, read_limited, read_rubric, Fail, Outcome};
use ampk_core::rubric::{self, RubricFile};
use ampk_core::{Lang, ProblemCode};
use ampk_rubric_xlsx::{from_workbook, to_workbook, CellProblem, MAX_WORKBOOK_BYTES};
use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `out`, or to standard output for `-`.
fn write_out(out: &str, bytes: &[u8]) -> Result<(), Fail> {
    if out == "-" {
        let mut o = std::io::stdout().lock();
        return o.write_all(bytes).and_then(|_| o.flush()).map_err(|e| Fail::Usage(format!("-: {e}")));
    }
    fs::write(out, bytes).map_err(|e| Fail::Usage(format!("{out}: {e}")))
}

fn workbook(file: &RubricFile, out: &str, lang: Lang) -> Outcome {
    let bytes = to_workbook(file).map_err(|e| Fail::Usage(lang.texts().cli_workbook_failed(e, out)))?;
    write_out(out, &bytes)?;
    eprintln!("{}", lang.texts().studio_cli_workbook_written(&file.id, out));
    Ok(true)
}

/// `ampk rubric template`: the built-in model rubric as a workbook.
pub(crate) fn template(out: &str, lang: Lang) -> Outcome {
    workbook(&rubric::builtin().file, out, lang)
}

/// `ampk rubric to-xlsx`: a rubric file (checked first, as `rubric check` does) as a workbook.
pub(crate) fn to_xlsx(file: &str, out: &str, lang: Lang) -> Outcome {
    let r = read_rubric(file, lang)?;
    workbook(&r.file, out, lang)
}

/// `ampk rubric from-xlsx`: a workbook as a rubric file, or its problems.
pub(crate) fn from_xlsx(file: &str, out: &str, json: bool, lang: Lang) -> Outcome {
    let t = lang.texts();
    let read = match read_limited(Path::new(file), MAX_WORKBOOK_BYTES)? {
        Ok(bytes) => from_workbook(&bytes, lang),
        Err(size) => Err(vec![CellProblem {
            sheet: String::new(),
            row: None,
            column: None,
            cell: None,
            code: ProblemCode::TooLarge,
            message: t.file_too_large(MAX_WORKBOOK_BYTES, size),
        }]),
    };
    match read {
        Ok((text, r)) => {
            write_out(out, text.as_bytes())?;
            eprintln!("{}", t.studio_cli_rubric_written(r.file.edition, file, &r.file.id, out));
            eprintln!("{}", t.studio_cli_fingerprint(&r.sha256));
            Ok(true)
        }
        Err(problems) => {
            let summary = t.studio_cli_problems(problems.len(), file);
            if json {
                let text = serde_json::to_string_pretty(&problems).map_err(|e| Fail::Usage(e.to_string()))?;
                emit(format_args!("{text}"), true);
                eprintln!("{summary}");
            } else {
                for p in &problems {
                    let place = p.place();
                    let place = if place.is_empty() { file.to_string() } else { place };
                    emit(format_args!("{place}: {} [{}]", p.message, p.code), true);
                }
                emit(format_args!("{summary}"), true);
            }
            Err(Fail::Problems)
        }
    }
}
