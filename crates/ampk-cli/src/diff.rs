//! `ampk rubric diff OLD NEW [--json]`: what changed from one rubric to another, with
//! `ampk_core::rubric::diff`, in the interface language or as JSON.
//!
//! Exit codes, like `diff(1)`: 0 the same rubric (the same fingerprint), 1 different, 2 an error
//! (an unreadable or invalid file, or wrong usage).

// `outln!` (defined before this module in main.rs) writes through `emit`.
use super::{emit, Fail, Outcome};
use ampk_core::rubric::{self, Rubric};
use ampk_core::Lang;
use std::path::Path;

/// The arguments of `ampk rubric diff`.
#[derive(clap::Args)]
pub(crate) struct DiffArgs {
    /// The older rubric: a rubric file (JSON) or a rubric workbook (XLSX, ODS)
    #[arg(value_name = "OLD")]
    pub(crate) old: String,
    /// The newer rubric: a rubric file (JSON) or a rubric workbook (XLSX, ODS)
    #[arg(value_name = "NEW")]
    pub(crate) new: String,
    /// Print the comparison as JSON (both rubrics' identity, every change, and the lines of the
    /// text output in `lines`) instead of text
    #[arg(long)]
    pub(crate) json: bool,
}

/// Reads a rubric to compare. The one place that knows file formats: another (a workbook) is
/// a branch here.
pub(crate) type Loader = fn(&str, Lang) -> Result<Rubric, Fail>;

/// A rubric file (JSON) or a rubric workbook (XLSX or ODS: a zip archive, told by its first
/// bytes), every problem of an invalid one in the error.
pub(crate) fn any_rubric(file: &str, lang: Lang) -> Result<Rubric, Fail> {
    let mut head = [0u8; 2];
    let zip = std::fs::File::open(file).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok()
        && head == *b"PK";
    if !zip {
        return json_rubric(file, lang);
    }
    let t = lang.texts();
    let bytes = match super::read_limited(Path::new(file), ampk_rubric_xlsx::MAX_WORKBOOK_BYTES)? {
        Ok(b) => b,
        Err(len) => return Err(Fail::Usage(t.cli_file_too_large(file, ampk_rubric_xlsx::MAX_WORKBOOK_BYTES, len))),
    };
    ampk_rubric_xlsx::from_workbook(&bytes, lang).map(|(_, r)| r).map_err(|problems| {
        let lines: Vec<String> =
            problems.iter().map(|p| format!("  {}: {} [{}]", p.place(), p.message, p.code)).collect();
        Fail::Usage(t.cli_diff_unusable(problems.len(), file, lines.join("\n")))
    })
}

/// A rubric file (JSON), every problem of an invalid one in the error (exit 2: here a file
/// that is not a rubric is an error, not a finding).
pub(crate) fn json_rubric(file: &str, lang: Lang) -> Result<Rubric, Fail> {
    let t = lang.texts();
    let bytes = match super::read_limited(Path::new(file), rubric::MAX_RUBRIC_BYTES)? {
        Ok(b) => b,
        Err(len) => return Err(Fail::Usage(t.cli_file_too_large(file, rubric::MAX_RUBRIC_BYTES, len))),
    };
    rubric::load(&bytes).map_err(|problems| {
        let lines: Vec<String> =
            problems.iter().map(|p| format!("  {}: {} [{}]", p.display_path(), p.message(lang), p.code)).collect();
        Fail::Usage(t.cli_diff_unusable(problems.len(), file, lines.join("\n")))
    })
}

/// Runs the command: `Ok(true)` when both are the same rubric, `Ok(false)` when they differ.
pub(crate) fn run(args: &DiffArgs, lang: Lang, load: Loader) -> Outcome {
    let old = load(&args.old, lang)?;
    let new = load(&args.new, lang)?;
    let d = rubric::diff(&old, &new);
    let lines = d.lines(lang);
    if args.json {
        let mut v = serde_json::to_value(&d).expect("a diff serialises");
        v["lines"] = serde_json::json!(lines);
        outln!("{}", serde_json::to_string_pretty(&v).expect("json"));
    } else {
        outln!("{}", d.heading(lang));
        if d.is_empty() {
            outln!("{}", lang.texts().diff_identical());
        }
        for l in &lines {
            outln!("- {l}");
        }
    }
    Ok(d.is_empty())
}
