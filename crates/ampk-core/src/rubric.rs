//! The rubric file format v1 (`../shared/spec/rubric-format.md`): wire types, loading,
//! validation (every problem at once) and compilation of expressions.
//!
//! # Format
//!
//! A rubric is a JSON document with `format: "ampk-rubric"` and `format_version: 1`; the Rust
//! types below mirror it member for member (serde names are the JSON names). Its fingerprint is
//! the SHA-256 of the RFC 8785 canonical form of the document *as given*.

use crate::expr::{self, CheckRule, Expr, ExprError, ExprErrorKind};
use crate::fmt::plain;
use crate::jcs;
use crate::problem::{index, join, Lang, Problem};
use crate::shape;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
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

/// A text in several languages: `{"id": "…", "en": "…"}`; `id` is required, others fall back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, falling back to Indonesian.
    pub fn get(&self, lang: Lang) -> &str {
        self.0.get(lang.tag()).or_else(|| self.0.get("id")).map(String::as_str).unwrap_or("")
    }
}

/// Whether a rubric is the kit's model or issued by Diskominfo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not issued by Diskominfo.
    Model,
    /// Issued by Diskominfo.
    Official,
}

/// The whole rubric file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "AMPK rubric, format version 1")]
pub struct RubricFile {
    /// Always `"ampk-rubric"`.
    pub format: String,
    /// Always `1`.
    pub format_version: u32,
    /// `[a-z0-9][a-z0-9-]{2,63}`.
    pub id: String,
    /// The award year.
    pub edition: u32,
    pub status: Status,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_by: Option<String>,
    pub period: Period,
    pub final_score: FinalScore,
    pub bands: Vec<Band>,
    pub agency_types: Vec<AgencyType>,
    pub categories: Vec<CategoryDef>,
}

/// The data period agencies report on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// `YYYY-MM-DD`.
    pub start: String,
    /// `YYYY-MM-DD`, not before `start`.
    pub end: String,
}

/// Weights of the data score and the jury mark in the final score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FinalScore {
    pub data_weight: f64,
    pub jury_weight: f64,
}

/// One rung of the predicate ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: f64,
    pub label: Text,
}

/// A kind of participating agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyType {
    pub id: String,
    pub label: Text,
}

/// An award category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub eligible: Vec<String>,
    pub winners: u32,
    pub inputs: Vec<InputDef>,
    pub indicators: Vec<IndicatorDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<Vec<String>>,
}

/// The kind of value an input takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Integer,
    Number,
    Boolean,
    Checklist,
}

/// Whether an input needs evidence links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    Required,
    #[default]
    Optional,
    None,
}

fn yes() -> bool {
    true
}

/// A figure the officer enters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputDef {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    pub kind: InputKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemDef>>,
    #[serde(default)]
    pub evidence: Evidence,
    #[serde(default = "yes")]
    pub required: bool,
}

/// One checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

/// A scored indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    pub weight: f64,
    pub value: String,
    pub scale: Scale,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    #[serde(default)]
    pub when_undefined: f64,
}

/// Maps an indicator value to a score 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum Scale {
    /// `100 × (v − min) / (max − min)`, clamped.
    Linear { min: f64, max: f64 },
    /// Logarithmic between `min` and `max` (0 < min < max).
    Log { min: f64, max: f64 },
    /// Steps.
    Bands {
        direction: Direction,
        steps: Vec<Step>,
        #[serde(default)]
        otherwise: f64,
    },
    /// The value itself, clamped.
    Percent,
}

/// Which side of a band step scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
}

/// One band step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub at: f64,
    pub score: f64,
}

/// A plausibility rule over a category's inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub rule: String,
    pub message: Text,
}

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

/// A freshly compiled copy of the built-in model rubric (the officer's page owns its rubric;
/// compiling again is cheaper in download size than a deep copy of [`builtin`]).
pub fn model() -> Rubric {
    match compile(MODEL_RUBRIC_JSON, MODEL_RUBRIC_SHA256.to_string()) {
        Ok(r) => r,
        Err(problems) => panic!("the built-in rubric is invalid: {problems:?}"),
    }
}

/// JSON Schema (draft 2020-12) of the rubric format, generated from [`RubricFile`].
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(RubricFile)).expect("schema serialises")
}

/// The committed copy of [`json_schema`] (`schemas/ampk-rubric-v1.schema.json`), which a test
/// keeps identical to the generated one. Reading it instead of generating it at run time keeps
/// the schema generator out of the browser bundle.
pub const JSON_SCHEMA: &str = include_str!("../../../schemas/ampk-rubric-v1.schema.json");

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(JSON_SCHEMA).expect("committed schema parses"))
}

/// Parses JSON bytes with the size limit and BOM tolerance shared by every file the kit reads.
pub fn parse_json(bytes: &[u8], limit: usize) -> Result<Value, Problem> {
    if bytes.len() > limit {
        return Err(Problem::new(
            "too_large",
            "",
            format!("berkas terlalu besar: {} bita, paling besar {} bita", bytes.len(), limit),
            format!("file too large: {} bytes, at most {} bytes", bytes.len(), limit),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| {
        Problem::new(
            "not_json",
            "",
            format!("bukan JSON yang valid (baris {}, kolom {}): {e}", e.line(), e.column()),
            format!("not valid JSON (line {}, column {}): {e}", e.line(), e.column()),
        )
    })
}

/// Loads and validates a rubric, reporting every problem at once.
pub fn load(bytes: &[u8]) -> Result<Rubric, Vec<Problem>> {
    let value = parse_json(bytes, MAX_RUBRIC_BYTES).map_err(|p| vec![p])?;
    from_value(&value)
}

/// Validates a parsed rubric document.
pub fn from_value(value: &Value) -> Result<Rubric, Vec<Problem>> {
    let mut pruned = value.clone();
    let mut problems = shape::check_and_prune(schema(), &mut pruned);
    // Unknown members are reported and removed; when they are the only structural problems the
    // rest of the file is still validated, so that every mistake is listed at once.
    if problems.iter().any(|p| p.code != "unknown_member") {
        return Err(problems);
    }
    let file = serde_json::from_value(pruned).map_err(|e| vec![structure(e)]);
    match file.and_then(|f| compile_file(f, String::new())) {
        // A file serde cannot read says only that.
        Err(more) if more.iter().any(|p| p.code == "structure") => Err(more),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
        Ok(_) if !problems.is_empty() => Err(problems),
        Ok(r) => Ok(Rubric { sha256: jcs::sha256_hex(value), ..r }),
    }
}

fn structure(e: serde_json::Error) -> Problem {
    Problem::new("structure", "", format!("struktur tidak sesuai: {e}"), format!("bad structure: {e}"))
}

/// Compiles a rubric text whose fingerprint is already known, with the semantic rules of
/// [`load`] but without its structural check: read straight into the typed form, without a
/// `serde_json::Value` in between. It serves the built-in rubric and an official rubric
/// validated earlier (by [`load`]) and remembered with its fingerprint.
pub fn compile(text: &str, sha256: String) -> Result<Rubric, Vec<Problem>> {
    let file = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| vec![structure(e)])?;
    compile_file(file, sha256)
}

/// The semantic rules of the format (rubric-format §8) and the compiled form.
fn compile_file(file: RubricFile, sha256: String) -> Result<Rubric, Vec<Problem>> {
    let mut problems = Vec::new();
    let categories = validate(&file, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let period_months = period_months(&file.period).unwrap_or(1);
    Ok(Rubric { sha256, period_months, categories, file })
}

/// Number of calendar months touched by the period (2025-01-01 … 2025-10-31 → 10).
pub fn period_months(p: &Period) -> Option<u32> {
    let (sy, sm, _) = parse_date(&p.start)?;
    let (ey, em, _) = parse_date(&p.end)?;
    let n = (ey as i64 - sy as i64) * 12 + (em as i64 - sm as i64) + 1;
    u32::try_from(n).ok().filter(|&n| n > 0)
}

/// Parses `YYYY-MM-DD` with a real calendar check.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

fn matches_id(s: &str, first: fn(u8) -> bool, rest: fn(u8) -> bool, min: usize, max: usize) -> bool {
    let b = s.as_bytes();
    (min..=max).contains(&b.len()) && b.first().is_some_and(|c| first(*c)) && b[1..].iter().all(|c| rest(*c))
}

fn lower_or_digit(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

fn snake(c: u8) -> bool {
    lower_or_digit(c) || c == b'_'
}

struct V<'a> {
    out: &'a mut Vec<Problem>,
}

impl V<'_> {
    fn push(&mut self, code: &'static str, path: String, id: String, en: String) {
        self.out.push(Problem::new(code, path, id, en));
    }

    fn id_pattern(&mut self, path: String, value: &str, ok: bool, pattern: &str) {
        if !ok {
            self.push(
                "id_pattern",
                path,
                format!("id \"{value}\" tidak sesuai pola {pattern}"),
                format!("id \"{value}\" does not match the pattern {pattern}"),
            );
        }
    }

    fn text(&mut self, path: String, t: &Text) {
        if t.0.get("id").is_none_or(|s| s.trim().is_empty()) {
            self.push(
                "text_without_id",
                path,
                "teks wajib memuat versi Bahasa Indonesia (\"id\")".into(),
                "a text must have its Bahasa Indonesia version (\"id\")".into(),
            );
        }
    }

    fn non_empty<T>(&mut self, path: String, list: &[T]) {
        if list.is_empty() {
            self.push("empty", path, "tidak boleh kosong".into(), "must not be empty".into());
        }
    }

    fn unique<'s>(&mut self, base: &str, ids: impl Iterator<Item = &'s str>, member: &str) {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.push(
                    "duplicate_id",
                    join(&index(base, i), member),
                    format!("id \"{id}\" dipakai lebih dari sekali"),
                    format!("id \"{id}\" is used more than once"),
                );
            }
        }
    }

    fn range(&mut self, code: &'static str, path: String, v: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&v) {
            let (lo, hi, v) = (plain(lo), plain(hi), plain(v));
            self.push(
                code,
                path,
                format!("harus antara {lo} dan {hi}, bukan {v}"),
                format!("must be between {lo} and {hi}, not {v}"),
            );
        }
    }

    fn expr_error(&mut self, path: String, src: &str, e: &ExprError) {
        let code = match e.kind {
            ExprErrorKind::UnknownIdent(_) => "unknown_identifier",
            ExprErrorKind::UnknownFunction(_) => "unknown_function",
            ExprErrorKind::TooDeep => "expr_too_deep",
            ExprErrorKind::Comparison { .. } => "check_comparison",
            _ => "expr_syntax",
        };
        let shown: String = src.chars().take(80).collect();
        self.push(
            code,
            path,
            format!("{} — dalam \"{shown}\"", e.message_id()),
            format!("{} — in \"{shown}\"", e.message_en()),
        );
    }
}

fn validate(f: &RubricFile, out: &mut Vec<Problem>) -> Vec<Category> {
    let mut v = V { out };
    if f.format != "ampk-rubric" {
        v.push(
            "format",
            "format".into(),
            format!("harus \"ampk-rubric\", bukan \"{}\": ini bukan berkas rubrik", f.format),
            format!("must be \"ampk-rubric\", not \"{}\": this is not a rubric file", f.format),
        );
    }
    if f.format_version != FORMAT_VERSION {
        let (id, en) = if f.format_version > FORMAT_VERSION {
            (
                format!(
                    "versi format {} dibuat dengan versi kit yang lebih baru; kit ini membaca versi 1",
                    f.format_version
                ),
                format!("format version {} was made with a newer kit; this kit reads version 1", f.format_version),
            )
        } else {
            (
                format!("versi format {} tidak dikenal; harus 1", f.format_version),
                format!("unknown format version {}; must be 1", f.format_version),
            )
        };
        v.push("format_version", "format_version".into(), id, en);
    }
    let rubric_id_ok = matches_id(&f.id, lower_or_digit, |c| lower_or_digit(c) || c == b'-', 3, 64);
    v.id_pattern("id".into(), &f.id, rubric_id_ok, "[a-z0-9][a-z0-9-]{2,63}");
    if !(2000..=2100).contains(&f.edition) {
        v.push(
            "edition_range",
            "edition".into(),
            format!("edisi harus tahun 2000–2100, bukan {}", f.edition),
            format!("edition must be a year 2000–2100, not {}", f.edition),
        );
    }
    v.text("title".into(), &f.title);
    let start = parse_date(&f.period.start);
    let end = parse_date(&f.period.end);
    for (path, s, d) in [("period.start", &f.period.start, start), ("period.end", &f.period.end, end)] {
        if d.is_none() {
            v.push(
                "period_date",
                path.into(),
                format!("\"{s}\" bukan tanggal YYYY-MM-DD yang valid"),
                format!("\"{s}\" is not a valid YYYY-MM-DD date"),
            );
        }
    }
    if let (Some(s), Some(e)) = (start, end) {
        if s > e {
            v.push(
                "period_order",
                "period".into(),
                "tanggal mulai periode sesudah tanggal akhirnya".into(),
                "the period starts after it ends".into(),
            );
        }
    }
    let fs = &f.final_score;
    for (path, w) in [("final_score.data_weight", fs.data_weight), ("final_score.jury_weight", fs.jury_weight)] {
        if w < 0.0 {
            let w = plain(w);
            v.push(
                "final_weights",
                path.into(),
                format!("bobot tidak boleh negatif ({w})"),
                format!("a weight must not be negative ({w})"),
            );
        }
    }
    if (fs.data_weight + fs.jury_weight - 100.0).abs() > 1e-9 {
        let sum = plain(fs.data_weight + fs.jury_weight);
        v.push(
            "final_weights",
            "final_score".into(),
            format!("data_weight + jury_weight harus 100, bukan {sum}"),
            format!("data_weight + jury_weight must be 100, not {sum}"),
        );
    }
    validate_bands(&mut v, &f.bands);
    v.non_empty("agency_types".into(), &f.agency_types);
    for (i, t) in f.agency_types.iter().enumerate() {
        let p = index("agency_types", i);
        v.id_pattern(
            join(&p, "id"),
            &t.id,
            matches_id(&t.id, |c| c.is_ascii_lowercase(), snake, 1, 32),
            "[a-z][a-z0-9_]{0,31}",
        );
        v.text(join(&p, "label"), &t.label);
    }
    v.unique("agency_types", f.agency_types.iter().map(|t| t.id.as_str()), "id");
    v.non_empty("categories".into(), &f.categories);
    v.unique("categories", f.categories.iter().map(|c| c.id.as_str()), "id");
    // Built by insertion: collecting into a B-tree would sort, adding a sort to the bundle.
    let mut types = BTreeSet::new();
    types.extend(f.agency_types.iter().map(|t| t.id.as_str()));
    f.categories
        .iter()
        .enumerate()
        .map(|(i, c)| validate_category(&mut v, &index("categories", i), c, &types))
        .collect()
}

fn validate_bands(v: &mut V<'_>, bands: &[Band]) {
    v.non_empty("bands".into(), bands);
    for (i, b) in bands.iter().enumerate() {
        let p = index("bands", i);
        v.range("band_min_range", join(&p, "min"), b.min, 0.0, 100.0);
        v.text(join(&p, "label"), &b.label);
        if i > 0 && b.min >= bands[i - 1].min {
            v.push(
                "band_order",
                join(&p, "min"),
                format!(
                    "min harus lebih kecil dari band sebelumnya ({} lalu {})",
                    plain(bands[i - 1].min),
                    plain(b.min)
                ),
                format!(
                    "min must be strictly lower than the band before ({} then {})",
                    plain(bands[i - 1].min),
                    plain(b.min)
                ),
            );
        }
    }
    if let Some(last) = bands.last() {
        if last.min != 0.0 {
            v.push(
                "band_last_zero",
                join(&index("bands", bands.len() - 1), "min"),
                format!("band terakhir harus ber-min 0 agar setiap nilai punya predikat, bukan {}", last.min),
                format!("the last band must have min 0 so every score gets a predicate, not {}", last.min),
            );
        }
    }
}

fn validate_category(v: &mut V<'_>, p: &str, c: &CategoryDef, types: &BTreeSet<&str>) -> Category {
    v.id_pattern(
        join(p, "id"),
        &c.id,
        matches_id(&c.id, |c| c.is_ascii_lowercase(), snake, 1, 64),
        "[a-z][a-z0-9_]{0,63}",
    );
    v.text(join(p, "label"), &c.label);
    if let Some(d) = &c.description {
        v.text(join(p, "description"), d);
    }
    v.non_empty(join(p, "eligible"), &c.eligible);
    for (i, e) in c.eligible.iter().enumerate() {
        if !types.contains(e.as_str()) {
            v.push(
                "unknown_agency_type",
                index(&join(p, "eligible"), i),
                format!("jenis instansi \"{e}\" tidak ada di agency_types"),
                format!("agency type \"{e}\" is not in agency_types"),
            );
        }
    }
    if !(1..=10).contains(&c.winners) {
        v.push(
            "winners_range",
            join(p, "winners"),
            format!("jumlah pemenang harus 1–10, bukan {}", c.winners),
            format!("the number of winners must be 1–10, not {}", c.winners),
        );
    }
    let inputs_path = join(p, "inputs");
    v.non_empty(inputs_path.clone(), &c.inputs);
    v.unique(&inputs_path, c.inputs.iter().map(|i| i.id.as_str()), "id");
    for (i, input) in c.inputs.iter().enumerate() {
        validate_input(v, &index(&inputs_path, i), input);
    }
    let input_ids: Vec<&str> = c.inputs.iter().map(|i| i.id.as_str()).collect();

    let ind_path = join(p, "indicators");
    v.non_empty(ind_path.clone(), &c.indicators);
    v.unique(&ind_path, c.indicators.iter().map(|i| i.id.as_str()), "id");
    let mut values = Vec::new();
    let mut requires = Vec::new();
    for (i, ind) in c.indicators.iter().enumerate() {
        let ip = index(&ind_path, i);
        let ok = matches_id(
            &ind.id,
            |c| c.is_ascii_alphanumeric() || c == b'_',
            |c| c.is_ascii_alphanumeric() || c == b'_',
            1,
            16,
        );
        v.id_pattern(join(&ip, "id"), &ind.id, ok, "[A-Za-z0-9_]{1,16}");
        v.text(join(&ip, "label"), &ind.label);
        if let Some(h) = &ind.help {
            v.text(join(&ip, "help"), h);
        }
        if ind.weight.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            v.push(
                "weight_positive",
                join(&ip, "weight"),
                format!("bobot harus > 0, bukan {}", ind.weight),
                format!("a weight must be > 0, not {}", ind.weight),
            );
        }
        match expr::parse(&ind.value, &input_ids) {
            Ok(e) => values.push(e),
            Err(e) => {
                v.expr_error(join(&ip, "value"), &ind.value, &e);
                values.push(Expr::Num(0.0));
            }
        }
        validate_scale(v, &join(&ip, "scale"), &ind.scale);
        let mut req = Vec::new();
        for (k, r) in ind.requires.iter().enumerate() {
            match input_ids.iter().position(|i| i == r) {
                Some(slot) => req.push(slot),
                None => v.push(
                    "requires_unknown",
                    index(&join(&ip, "requires"), k),
                    format!("\"{r}\" bukan isian kategori ini"),
                    format!("\"{r}\" is not an input of this category"),
                ),
            }
        }
        requires.push(req);
        v.range("when_undefined_range", join(&ip, "when_undefined"), ind.when_undefined, 0.0, 100.0);
    }
    let sum: f64 = c.indicators.iter().map(|i| i.weight).sum();
    if !c.indicators.is_empty() && (sum - 100.0).abs() > 1e-9 {
        let sum = plain(sum);
        v.push(
            "weights_sum",
            ind_path.clone(),
            format!("jumlah bobot indikator harus 100, bukan {sum}"),
            format!("indicator weights must sum to 100, not {sum}"),
        );
    }
    let mut checks = Vec::new();
    for (i, ch) in c.checks.iter().enumerate() {
        let cp = index(&join(p, "checks"), i);
        v.text(join(&cp, "message"), &ch.message);
        match expr::parse_check(&ch.rule, &input_ids) {
            Ok(r) => checks.push(r),
            Err(e) => v.expr_error(join(&cp, "rule"), &ch.rule, &e),
        }
    }
    let tie_break = match &c.tie_break {
        Some(list) => list
            .iter()
            .enumerate()
            .filter_map(|(k, id)| {
                let pos = c.indicators.iter().position(|i| &i.id == id);
                if pos.is_none() {
                    v.push(
                        "tie_break_unknown",
                        index(&join(p, "tie_break"), k),
                        format!("\"{id}\" bukan indikator kategori ini"),
                        format!("\"{id}\" is not an indicator of this category"),
                    );
                }
                pos
            })
            .collect(),
        None => default_tie_break(&c.indicators),
    };
    Category { values, requires, checks, tie_break }
}

/// All indicators in decreasing weight, file order among equal weights (rubric-format §7).
fn default_tie_break(indicators: &[IndicatorDef]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..indicators.len()).collect();
    crate::rank::sort_small(&mut order, |&a, &b| indicators[b].weight.total_cmp(&indicators[a].weight).then(a.cmp(&b)));
    order
}

fn validate_input(v: &mut V<'_>, p: &str, input: &InputDef) {
    v.id_pattern(
        join(p, "id"),
        &input.id,
        matches_id(&input.id, |c| c.is_ascii_lowercase(), snake, 1, 64),
        "[a-z][a-z0-9_]{0,63}",
    );
    if input.id == "months" || input.id == "min" || input.id == "max" {
        v.push(
            "input_reserved_id",
            join(p, "id"),
            format!("\"{}\" adalah nama yang dipakai ekspresi; pilih id lain", input.id),
            format!("\"{}\" is a name reserved by expressions; choose another id", input.id),
        );
    }
    v.text(join(p, "label"), &input.label);
    for (name, t) in [("help", &input.help), ("unit", &input.unit)] {
        if let Some(t) = t {
            v.text(join(p, name), t);
        }
    }
    let numeric = matches!(input.kind, InputKind::Integer | InputKind::Number);
    if !numeric {
        for (name, val) in [("min", input.min), ("max", input.max)] {
            if val.is_some() {
                v.push(
                    "limits_not_numeric",
                    join(p, name),
                    format!("{name} hanya untuk isian integer/number"),
                    format!("{name} applies only to integer/number inputs"),
                );
            }
        }
    }
    if let (Some(lo), Some(hi)) = (input.min, input.max) {
        if lo > hi {
            let (lo, hi) = (plain(lo), plain(hi));
            v.push(
                "min_max",
                join(p, "min"),
                format!("min ({lo}) lebih besar dari max ({hi})"),
                format!("min ({lo}) is greater than max ({hi})"),
            );
        }
    }
    match (&input.kind, &input.items) {
        (InputKind::Checklist, None) => v.push(
            "checklist_items",
            p.to_string(),
            "daftar periksa wajib punya items".into(),
            "a checklist must have items".into(),
        ),
        (InputKind::Checklist, Some(items)) => {
            let ip = join(p, "items");
            if items.is_empty() {
                v.push(
                    "checklist_items",
                    ip.clone(),
                    "daftar periksa wajib punya items".into(),
                    "a checklist must have items".into(),
                );
            }
            v.unique(&ip, items.iter().map(|i| i.id.as_str()), "id");
            for (k, item) in items.iter().enumerate() {
                let itp = index(&ip, k);
                v.id_pattern(
                    join(&itp, "id"),
                    &item.id,
                    matches_id(&item.id, |c| c.is_ascii_lowercase(), snake, 1, 64),
                    "[a-z][a-z0-9_]{0,63}",
                );
                v.text(join(&itp, "label"), &item.label);
                if let Some(h) = &item.help {
                    v.text(join(&itp, "help"), h);
                }
            }
        }
        (_, Some(_)) => v.push(
            "items_not_checklist",
            join(p, "items"),
            "items hanya untuk isian checklist".into(),
            "items apply only to checklist inputs".into(),
        ),
        _ => {}
    }
}

fn validate_scale(v: &mut V<'_>, p: &str, s: &Scale) {
    match s {
        Scale::Linear { min, max } => {
            if min == max {
                let min = plain(*min);
                v.push(
                    "scale_params",
                    join(p, "max"),
                    format!("skala linear: min dan max tidak boleh sama ({min})"),
                    format!("linear scale: min and max must differ ({min})"),
                );
            }
        }
        Scale::Log { min, max } => {
            if !(0.0 < *min && min < max) {
                let (min, max) = (plain(*min), plain(*max));
                v.push(
                    "scale_params",
                    p.to_string(),
                    format!("skala log: harus 0 < min < max, bukan min {min}, max {max}"),
                    format!("log scale: needs 0 < min < max, not min {min}, max {max}"),
                );
            }
        }
        Scale::Bands { steps, otherwise, .. } => {
            let sp = join(p, "steps");
            if steps.is_empty() {
                v.push(
                    "scale_params",
                    sp.clone(),
                    "skala bands wajib punya steps".into(),
                    "a bands scale needs steps".into(),
                );
            }
            let mut seen: Vec<f64> = Vec::new();
            for (i, st) in steps.iter().enumerate() {
                let stp = index(&sp, i);
                v.range("scale_params", join(&stp, "score"), st.score, 0.0, 100.0);
                if seen.contains(&st.at) {
                    v.push(
                        "band_steps_unique",
                        join(&stp, "at"),
                        format!("nilai at {} muncul lebih dari sekali", plain(st.at)),
                        format!("at value {} appears more than once", plain(st.at)),
                    );
                }
                seen.push(st.at);
            }
            v.range("scale_params", join(p, "otherwise"), *otherwise, 0.0, 100.0);
        }
        Scale::Percent => {}
    }
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
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2025-02-29"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("2025-1-01"), None);
        assert_eq!(parse_date("2025-01-+1"), None);
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
        let source: Value = serde_json::from_str(include_str!("../rubrics/ampk-2025-model.json")).unwrap();
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
