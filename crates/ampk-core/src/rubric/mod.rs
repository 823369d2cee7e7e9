//! The rubric file format v1 (`../shared/spec/rubric-format.md`): loading, validation (every
//! problem at once) and compilation of expressions, and the built-in model rubric.
//!
//! # Format
//!
//! A rubric is a JSON document with `format: "ampk-rubric"` and `format_version: 1`; the Rust
//! types of `v1.rs` mirror it member for member (serde names are the JSON names). Its
//! fingerprint is the SHA-256 of the RFC 8785 canonical form of the document *as given*.
//! `validate.rs` holds the semantic rules (§8), which also compile each category; `diff.rs`
//! compares two rubrics ([`diff()`]).

mod diff;
mod pack;
mod v1;
mod validate;

pub use pack::{pack, unpack, without_languages, MODEL_RUBRIC_ALL_PACK, MODEL_RUBRIC_PACK};

pub use diff::{
    diff, kind_name, scale_words, CategoryDiff, Change, Identity, IndicatorChange, InputChange, Named, RubricDiff,
};

pub use v1::{
    AgencyType, Band, CategoryDef, CheckDef, Direction, Evidence, FinalScore, IndicatorDef, InputDef, InputKind,
    ItemDef, Period, RubricFile, Scale, Status, Step, Text,
};

use crate::expr::{CheckRule, Expr};
use crate::jcs;
use crate::json::{self, parse_date};
use crate::problem::{Problem, ProblemCode};
use crate::shape;
use serde_json::Value;
use std::sync::OnceLock;

/// Largest rubric file accepted, in bytes.
pub const MAX_RUBRIC_BYTES: usize = 1 << 20;

/// The rubric format version this kit reads.
pub const FORMAT_VERSION: u32 = 1;

/// The built-in model rubric (`rubrics/ampk-2025-model.json`), minified by the build script:
/// the same document, smaller in the browser bundle.
pub const MODEL_RUBRIC_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/ampk-2025-model.min.json"));

/// The fingerprint of [`MODEL_RUBRIC_JSON`] (a test recomputes it), so that compiling the
/// built-in rubric needs neither the canonicaliser nor SHA-256.
pub const MODEL_RUBRIC_SHA256: &str = "76d8c6f7513544140714c5a87e257f749808130712f115f0e94f858972f737d3";

/// A loaded, validated rubric with its expressions compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Rubric {
    /// The file as read.
    pub file: RubricFile,
    /// SHA-256 of the canonical form (rubric-format §9).
    pub sha256: String,
    /// Number of calendar months the period touches; the default `months` of a submission.
    pub period_months: u32,
    /// Compiled categories, parallel to `file.categories`.
    pub categories: Vec<Category>,
}

/// A category with its expressions compiled against its inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Indicator value expressions, parallel to the indicators.
    pub values: Vec<Expr>,
    /// Input slots each indicator requires, parallel to the indicators.
    pub requires: Vec<Vec<usize>>,
    /// Parsed check rules, parallel to the checks.
    pub checks: Vec<CheckRule>,
    /// Indicator indexes used to break ties, in order.
    pub tie_break: Vec<usize>,
}

impl Rubric {
    /// The index of a category by id.
    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.file.categories.iter().position(|c| c.id == id)
    }

    /// Indexes of the categories an agency type may enter, in rubric order.
    pub fn eligible_categories(&self, agency_type: &str) -> Vec<usize> {
        (0..self.file.categories.len())
            .filter(|&i| self.file.categories[i].eligible.iter().any(|e| e == agency_type))
            .collect()
    }

    /// The predicate (band label) of an already rounded score.
    pub fn predicate(&self, rounded: f64) -> &Text {
        self.file
            .bands
            .iter()
            .find(|b| b.min <= rounded)
            .or(self.file.bands.last())
            .map(|b| &b.label)
            .expect("a valid rubric has bands")
    }
}

/// The built-in model rubric, loaded once.
pub fn builtin() -> &'static Rubric {
    static MODEL: OnceLock<Rubric> = OnceLock::new();
    MODEL.get_or_init(model)
}

/// The built-in model rubric, compiled (once, by [`builtin`]).
fn model() -> Rubric {
    match compile(MODEL_RUBRIC_JSON, MODEL_RUBRIC_SHA256.to_string()) {
        Ok(r) => r,
        // A tested constant (`builtin_equals_the_fully_validated_model_and_its_fingerprint`).
        // The message has no `{:?}`: that would put every problem code's name in the page.
        Err(_) => panic!("the built-in rubric is invalid"),
    }
}

/// JSON Schema (draft 2020-12) of the rubric format, generated from [`RubricFile`].
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(RubricFile)).expect("schema serialises")
}

/// The committed copy of [`json_schema`] (`schemas/ampk-rubric-v1.schema.json`), which a test
/// keeps identical to the generated one. Reading it instead of generating it at run time keeps
/// the schema generator out of the browser bundle.
pub const JSON_SCHEMA: &str = include_str!("../../../../schemas/ampk-rubric-v1.schema.json");

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(JSON_SCHEMA).expect("committed schema parses"))
}

/// Loads and validates a rubric, reporting every problem at once.
pub fn load(bytes: &[u8]) -> Result<Rubric, Vec<Problem>> {
    let value = json::parse_json(bytes, MAX_RUBRIC_BYTES).map_err(|p| vec![p])?;
    from_value(&value)
}

/// Validates a parsed rubric document.
pub fn from_value(value: &Value) -> Result<Rubric, Vec<Problem>> {
    let mut pruned = value.clone();
    let mut problems = shape::check_and_prune(schema(), &mut pruned);
    // Unknown members are reported and removed; when they are the only structural problems the
    // rest of the file is still validated, so that every mistake is listed at once.
    if problems.iter().any(|p| p.code != ProblemCode::UnknownMember) {
        return Err(problems);
    }
    let file = serde_json::from_value(pruned).map_err(|e| vec![json::structure(e)]);
    match file.and_then(|f| compile_file(f, String::new())) {
        // A file serde cannot read says only that.
        Err(more) if more.iter().any(|p| p.code == ProblemCode::Structure) => Err(more),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
        Ok(_) if !problems.is_empty() => Err(problems),
        Ok(r) => Ok(Rubric { sha256: jcs::sha256_hex(value), ..r }),
    }
}

/// Compiles a rubric text whose fingerprint is already known, with the semantic rules of
/// [`load`] but without its structural check: read straight into the typed form, without a
/// `serde_json::Value` in between. It serves the built-in rubric ([`builtin`], [`model`]). The
/// officer's page compiles no rubric: it takes them packed ([`pack()`]).
pub fn compile(text: &str, sha256: String) -> Result<Rubric, Vec<Problem>> {
    // The parser's own message is not formatted here (`load` reports it).
    let file: RubricFile =
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|_| unreadable())?;
    compile_file(file, sha256)
}

/// What [`compile`] reports for a text that is not a rubric file at all: load it again.
pub fn unreadable() -> Vec<Problem> {
    vec![Problem::of(ProblemCode::Structure, "", |t| t.rubric_validate_again())]
}

/// The semantic rules of the format (rubric-format §8), every problem with its message, and the
/// compiled form.
fn compile_file(file: RubricFile, sha256: String) -> Result<Rubric, Vec<Problem>> {
    let mut problems = Vec::new();
    let categories = validate::validate(&file, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(compiled(file, categories, sha256))
}

fn compiled(file: RubricFile, categories: Vec<Category>, sha256: String) -> Rubric {
    let period_months = period_months(&file.period).unwrap_or(1);
    Rubric { sha256, period_months, categories, file }
}

/// Number of calendar months touched by the period (2025-01-01 … 2025-10-31 → 10).
pub fn period_months(p: &Period) -> Option<u32> {
    let (sy, sm, _) = parse_date(&p.start)?;
    let (ey, em, _) = parse_date(&p.end)?;
    let n = (ey as i64 - sy as i64) * 12 + (em as i64 - sm as i64) + 1;
    u32::try_from(n).ok().filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn builtin_loads_with_model_status() {
        let r = builtin();
        assert_eq!(r.file.id, "ampk-2025-model");
        assert_eq!(r.file.status, Status::Model);
        assert_eq!(r.period_months, 10);
        assert_eq!(r.categories.len(), 8);
        assert_eq!(r.sha256.len(), 64);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn period_months_counts_touched_months() {
        let p = |s: &str, e: &str| period_months(&Period { start: s.into(), end: e.into() });
        assert_eq!(p("2025-01-01", "2025-10-31"), Some(10));
        assert_eq!(p("2025-01-31", "2025-02-01"), Some(2));
        assert_eq!(p("2024-11-15", "2025-02-01"), Some(4));
        assert_eq!(p("2025-03-01", "2025-03-01"), Some(1));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn default_tie_break_is_weight_then_file_order() {
        let r = builtin();
        let c = r.category_index("media_sosial_opd").unwrap();
        let ids: Vec<&str> =
            r.categories[c].tie_break.iter().map(|&i| r.file.categories[c].indicators[i].id.as_str()).collect();
        assert_eq!(ids, ["S3", "S1", "S4", "S8", "S2", "S5", "S6", "S7"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn bom_is_tolerated_and_size_is_limited() {
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(MODEL_RUBRIC_JSON.as_bytes());
        assert!(load(&with_bom).is_ok());
        let big = vec![b' '; MAX_RUBRIC_BYTES + 1];
        assert_eq!(load(&big).unwrap_err()[0].code, "too_large");
        assert_eq!(load(b"{\"format\": ").unwrap_err()[0].code, "not_json");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn builtin_equals_the_fully_validated_model_and_its_fingerprint() {
        let source: Value = serde_json::from_str(include_str!("../../rubrics/ampk-2025-model.json")).unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(MODEL_RUBRIC_JSON).unwrap(),
            source,
            "the embedded copy is the source"
        );
        let full = load(MODEL_RUBRIC_JSON.as_bytes()).expect("the model rubric is valid");
        assert_eq!(full.sha256, MODEL_RUBRIC_SHA256, "MODEL_RUBRIC_SHA256 is the model's fingerprint");
        assert_eq!(builtin(), &full);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn compile_keeps_the_semantic_rules() {
        let mut v: Value = serde_json::from_str(MODEL_RUBRIC_JSON).unwrap();
        v["categories"][0]["indicators"][0]["weight"] = serde_json::json!(-1);
        let p = compile(&v.to_string(), "x".into()).unwrap_err();
        assert!(p.iter().any(|p| p.code == "weight_positive"), "{p:?}");
        assert_eq!(compile("{\"format\": 1}", "x".into()).unwrap_err()[0].code, "structure");
    }
}
