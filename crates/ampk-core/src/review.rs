//! The coordinator's review (`docs/review-format.md`): review states, evidence verdicts and
//! corrected figures per submission, the audit log, the review file (reader and writer, with
//! its digest), and the verified scores and rankings the corrections give.
//!
//! The self-reported score is always kept: [`apply`] scores the figures again with the
//! corrections in place, beside the import's own scores.

use crate::export::{self, Cell};
use crate::i18n::Texts;
use crate::import::{ImportReport, Row, Status};
use crate::json;
use crate::problem::{index, join, Lang, Problem, ProblemCode};
use crate::rank::{rank, RankEntry};
use crate::rubric::{InputKind, Rubric};
use crate::score::{self, Answer, Figures, InputValue, Scorecard};
use crate::shape;
use crate::submission::{self, DIGEST_ALGORITHM};
use crate::util::round2;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Largest review file, in bytes.
pub const MAX_BYTES: usize = 4 << 20;
/// The format version this kit writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The `format` member of every review file.
pub const FORMAT: &str = "ampk-review";

/// The review state of one submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Not looked at yet (the default).
    #[default]
    Unreviewed,
    /// Sent back to the agency: a reason is required.
    NeedsFixing,
    /// Checked and accepted.
    Verified,
    /// Rejected after review: a reason is required; the submission leaves the ranking.
    Rejected,
}

impl ReviewState {
    /// The machine name used in files and UI hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Unreviewed => "unreviewed",
            ReviewState::NeedsFixing => "needs_fixing",
            ReviewState::Verified => "verified",
            ReviewState::Rejected => "rejected",
        }
    }

    /// The label shown to the coordinator ("perlu perbaikan").
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            ReviewState::Unreviewed => t.review_state_unreviewed(),
            ReviewState::NeedsFixing => t.review_state_needs_fixing(),
            ReviewState::Verified => t.review_state_verified(),
            ReviewState::Rejected => t.review_state_rejected(),
        }
    }

    /// Whether this state needs a reason.
    pub fn needs_reason(self) -> bool {
        matches!(self, ReviewState::NeedsFixing | ReviewState::Rejected)
    }
}

/// The verdict on one input's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The evidence supports the figure.
    Ok,
    /// The evidence does not support the figure.
    NotOk,
    /// The evidence could not be opened.
    Unreachable,
}

impl Verdict {
    /// Every verdict, in the order the coordinator is offered them.
    pub const ALL: [Verdict; 3] = [Verdict::Ok, Verdict::NotOk, Verdict::Unreachable];

    /// The machine name used in files and UI hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::NotOk => "not_ok",
            Verdict::Unreachable => "unreachable",
        }
    }

    /// The label shown to the coordinator ("tidak dapat dibuka").
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Verdict::Ok => t.verdict_ok(),
            Verdict::NotOk => t.verdict_not_ok(),
            Verdict::Unreachable => t.verdict_unreachable(),
        }
    }
}

/// A corrected value for one input (or one checklist item).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// Category id.
    pub category: String,
    /// Input id.
    pub input: String,
    /// Checklist item id: required for a checklist input, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The corrected value: a number, a boolean, or a checklist answer (`yes`, `partial`, `no`).
    pub value: Value,
    /// Why (required).
    pub reason: String,
}

/// The name of a field in the audit log and the review view: `category.input`, or
/// `category.input.item` for a checklist item.
pub fn field_key(category: &str, input: &str, item: Option<&str>) -> String {
    match item {
        Some(item) => format!("{category}.{input}.{item}"),
        None => format!("{category}.{input}"),
    }
}

impl Correction {
    /// Its field: `category.input` or `category.input.item`.
    pub fn field(&self) -> String {
        field_key(&self.category, &self.input, self.item.as_deref())
    }
}

/// The review of one submission.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmissionReview {
    /// The submission reviewed.
    pub submission_id: String,
    /// Its review state.
    pub state: ReviewState,
    /// Why: required for `needs_fixing` and `rejected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Evidence verdicts: `category.input` → verdict.
    #[serde(default)]
    pub verdicts: BTreeMap<String, Verdict>,
    /// Corrected values, applied in order.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// A note per category: category id → text.
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
}

impl SubmissionReview {
    /// Whether it records nothing: unreviewed, no reason, verdict, correction or note.
    pub fn is_empty(&self) -> bool {
        self.state == ReviewState::Unreviewed
            && self.reason.as_deref().is_none_or(|r| r.trim().is_empty())
            && self.verdicts.is_empty()
            && self.corrections.is_empty()
            && self.notes.is_empty()
    }

    /// The value a field is corrected to (the last correction of it), when it is corrected.
    pub fn corrected(&self, field: &str) -> Option<&Correction> {
        self.corrections.iter().rev().find(|c| c.field() == field)
    }
}

/// One recorded action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// When (RFC 3339, given by the caller: the core never reads the clock).
    pub at: String,
    /// Who.
    pub reviewer: String,
    /// The submission.
    pub submission_id: String,
    /// The field: `state`, `cat.input`, `cat.input.item`, `note.cat` or `verdict.cat.input`.
    pub field: String,
    /// The value before.
    pub from: Value,
    /// The value after.
    pub to: Value,
    /// Why (may be empty where no reason is required).
    pub reason: String,
}

/// The integrity member of a review file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewIntegrity {
    /// Always `sha256-jcs`.
    pub algorithm: String,
    /// SHA-256 (hex) of the JCS form of the document without `integrity`.
    pub digest: String,
}

/// A review file: the whole review of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    /// Always `ampk-review`.
    pub format: String,
    /// Always 1.
    pub format_version: u32,
    /// The fingerprint of the rubric the submissions were scored with.
    pub rubric_sha256: String,
    /// One review per submission.
    pub reviews: Vec<SubmissionReview>,
    /// Every action, oldest first.
    pub audit: Vec<AuditEntry>,
    /// The digest (recomputed by [`write`]).
    pub integrity: ReviewIntegrity,
}

impl ReviewFile {
    /// An empty review for a rubric.
    pub fn new(rubric: &Rubric) -> ReviewFile {
        ReviewFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            rubric_sha256: rubric.sha256.clone(),
            reviews: Vec::new(),
            audit: Vec::new(),
            integrity: ReviewIntegrity { algorithm: DIGEST_ALGORITHM.into(), digest: String::new() },
        }
    }

    /// The review of a submission, when there is one.
    pub fn review_of(&self, submission_id: &str) -> Option<&SubmissionReview> {
        self.reviews.iter().find(|r| r.submission_id == submission_id)
    }

    /// Whether any review work exists: a submission's review or an audit entry.
    pub fn has_work(&self) -> bool {
        !self.reviews.is_empty() || !self.audit.is_empty()
    }

    /// Puts a submission's review in place of its earlier one (appended when new; removed when
    /// it records nothing).
    pub fn set(&mut self, review: SubmissionReview) {
        let at = self.reviews.iter().position(|r| r.submission_id == review.submission_id);
        match (at, review.is_empty()) {
            (Some(i), true) => {
                self.reviews.remove(i);
            }
            (Some(i), false) => self.reviews[i] = review,
            (None, true) => {}
            (None, false) => self.reviews.push(review),
        }
    }

    /// The audit entries of one submission, oldest first.
    pub fn audit_of<'a>(&'a self, submission_id: &'a str) -> impl Iterator<Item = &'a AuditEntry> + 'a {
        self.audit.iter().filter(move |e| e.submission_id == submission_id)
    }
}

/// JSON Schema (draft 2020-12) of review v1, generated from the types.
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(ReviewFile)).expect("schema serialises")
}

/// The committed copy of [`json_schema`], kept identical by a test.
pub const JSON_SCHEMA: &str = include_str!("../../../schemas/ampk-review-v1.schema.json");

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(JSON_SCHEMA).expect("committed schema parses"))
}

/// Writes a review file: pretty-printed, with a fresh digest as the last member.
pub fn write(review: &ReviewFile) -> String {
    // The digest ignores member order (JCS); the text is written from the typed form, so its
    // members come in the documented order whatever `serde_json::Value`'s map order is (the
    // officer's bundle builds the core without `preserve_order`).
    let digest = submission::digest(&serde_json::to_value(review).expect("review serialises"));
    let out =
        ReviewFile { integrity: ReviewIntegrity { algorithm: DIGEST_ALGORITHM.into(), digest }, ..review.clone() };
    serde_json::to_string_pretty(&out).expect("review serialises") + "\n"
}

/// What [`read_digested`] needs to know of a file format that carries a `sha256-jcs` digest.
pub(crate) struct Digested {
    pub max_bytes: usize,
    pub format: &'static str,
    pub version: u32,
    pub schema: fn() -> &'static Value,
    /// "not a … file", with the `format` found.
    pub not_this: fn(Texts, &str) -> String,
    /// "format_version must be …".
    pub bad_version: fn(Texts) -> &'static str,
    /// "changed after it was saved".
    pub mismatch: fn(Texts) -> &'static str,
}

/// Reads a file of a digest-carrying format (a review or feedback file): size limit, JSON,
/// format and version, structure, then the digest. Every problem carries its JSON path.
pub(crate) fn read_digested<T: serde::de::DeserializeOwned>(bytes: &[u8], f: &Digested) -> Result<T, Vec<Problem>> {
    let value = json::parse_json(bytes, f.max_bytes).map_err(|p| vec![p])?;
    match value.get("format") {
        Some(Value::String(x)) if x == f.format => {}
        other => {
            let found = other.map_or_else(|| "—".to_string(), Value::to_string);
            return Err(vec![Problem::of(ProblemCode::Format, "format", |t| (f.not_this)(t, &found))]);
        }
    }
    if value.get("format_version").and_then(Value::as_u64) != Some(u64::from(f.version)) {
        return Err(vec![Problem::of(ProblemCode::FormatVersion, "format_version", f.bad_version)]);
    }
    let problems = shape::check((f.schema)(), &value);
    if !problems.is_empty() {
        return Err(problems);
    }
    let integrity: ReviewIntegrity =
        serde_json::from_value(value["integrity"].clone()).map_err(|e| vec![json::structure(e)])?;
    if integrity.algorithm != DIGEST_ALGORITHM {
        return Err(vec![Problem::of(ProblemCode::DigestAlgorithm, "integrity.algorithm", |t| {
            t.digest_algorithm(DIGEST_ALGORITHM, &integrity.algorithm)
        })]);
    }
    if integrity.digest != submission::digest(&value) {
        return Err(vec![Problem::of(ProblemCode::DigestMismatch, "integrity.digest", f.mismatch)]);
    }
    serde_json::from_value(value).map_err(|e| vec![json::structure(e)])
}

/// Reads a review file: size limit, JSON, format and version, structure, then the digest.
/// Every problem carries its JSON path.
pub fn read(bytes: &[u8]) -> Result<ReviewFile, Vec<Problem>> {
    read_digested(
        bytes,
        &Digested {
            max_bytes: MAX_BYTES,
            format: FORMAT,
            version: FORMAT_VERSION,
            schema,
            not_this: |t, found| t.review_not_a_review(found),
            bad_version: |t| t.review_format_version(),
            mismatch: |t| t.review_digest_mismatch(),
        },
    )
}

/// The ranked submissions of an import: submission id → (file index, figures per category id, months).
struct Ranked<'a> {
    file: usize,
    months: u32,
    categories: &'a BTreeMap<String, crate::submission::v1::EntryV1>,
}

fn ranked(report: &ImportReport) -> BTreeMap<&str, Ranked<'_>> {
    report
        .files
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.status, Status::Accepted | Status::AcceptedWithWarnings))
        .filter_map(|(i, f)| {
            let w = &f.read.as_ref()?.wire;
            Some((
                w.submission_id.as_str(),
                Ranked { file: i, months: w.months.clamp(1, 12), categories: &w.categories },
            ))
        })
        .collect()
}

/// The input value a correction sets, when its JSON suits the input's kind.
fn correction_value(kind: InputKind, value: &Value) -> Option<InputValue> {
    match kind {
        InputKind::Checklist => serde_json::from_value::<Answer>(value.clone())
            .ok()
            .map(|a| InputValue::Checklist(BTreeMap::from([(String::new(), a)]))),
        _ => {
            serde_json::from_value::<InputValue>(value.clone()).ok().filter(|v| !matches!(v, InputValue::Checklist(_)))
        }
    }
}

/// The self-reported value of a field of an accepted submission of the import, as JSON (a
/// number, a boolean, or a checklist item's answer); `null` when it was not entered (or the
/// submission, category or input is unknown).
pub fn reported_value(
    report: &ImportReport,
    submission_id: &str,
    category: &str,
    input: &str,
    item: Option<&str>,
) -> Value {
    let ranked = ranked(report);
    let value = ranked.get(submission_id).and_then(|s| s.categories.get(category)).and_then(|e| e.inputs.get(input));
    match (value, item) {
        (Some(InputValue::Checklist(answers)), Some(item)) => {
            answers.get(item).map_or(Value::Null, |a| serde_json::to_value(a).expect("answers serialise"))
        }
        (Some(InputValue::Checklist(_)), None) | (_, Some(_)) | (None, None) => Value::Null,
        (Some(InputValue::Number(n)), None) => number_value(*n),
        (Some(v), None) => serde_json::to_value(v).expect("values serialise"),
    }
}

/// A number as JSON the way a person writes it: a whole number without a fraction (`420`, not
/// `420.0`), others as they are.
pub fn number_value(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

/// The audit entries of a change to one submission's review, from `old` to `new`, by `reviewer`
/// at `at` (RFC 3339 UTC, from the caller's clock): the state (with the review's reason; also when
/// only the reason changed), each evidence verdict (`verdict.cat.input`), each corrected field
/// (`cat.input` or `cat.input.item`, from the value in force before, the self-reported one as
/// `reported` gives it when it was not corrected, to the new one; with the correction's reason;
/// a removed correction goes back to the self-reported value) and each note (`note.cat`). Nothing
/// changed: no entry.
pub fn audit_diff(
    old: &SubmissionReview,
    new: &SubmissionReview,
    reported: impl Fn(&str, &str, Option<&str>) -> Value,
    reviewer: &str,
    at: &str,
) -> Vec<AuditEntry> {
    let mut out = Vec::new();
    let mut entry = |field: String, from: Value, to: Value, reason: &str| {
        out.push(AuditEntry {
            at: at.to_string(),
            reviewer: reviewer.to_string(),
            submission_id: new.submission_id.clone(),
            field,
            from,
            to,
            reason: reason.to_string(),
        });
    };
    let reason = |r: &SubmissionReview| r.reason.clone().unwrap_or_default();
    if old.state != new.state || reason(old) != reason(new) {
        entry("state".into(), json!(old.state.as_str()), json!(new.state.as_str()), &reason(new));
    }
    let verdict = |v: Option<&Verdict>| v.map_or(Value::Null, |v| json!(v.as_str()));
    let keys: std::collections::BTreeSet<&String> = old.verdicts.keys().chain(new.verdicts.keys()).collect();
    for key in keys {
        let (a, b) = (old.verdicts.get(key), new.verdicts.get(key));
        if a != b {
            entry(format!("verdict.{key}"), verdict(a), verdict(b), "");
        }
    }
    // Corrections: by field, in the new review's order, then those removed.
    let mut fields: Vec<(String, &Correction)> = Vec::new();
    for c in new.corrections.iter().chain(&old.corrections) {
        let f = c.field();
        if !fields.iter().any(|(x, _)| *x == f) {
            fields.push((f, c));
        }
    }
    for (field, c) in fields {
        let was = old.corrected(&field);
        let now = new.corrected(&field);
        let original = || reported(&c.category, &c.input, c.item.as_deref());
        match (was, now) {
            (Some(a), Some(b)) if a.value == b.value && a.reason == b.reason => {}
            (was, Some(b)) => entry(field, was.map_or_else(original, |a| a.value.clone()), b.value.clone(), &b.reason),
            (Some(a), None) => entry(field, a.value.clone(), original(), ""),
            (None, None) => {}
        }
    }
    let note = |n: Option<&String>| n.map_or(Value::Null, |n| json!(n));
    let cats: std::collections::BTreeSet<&String> = old.notes.keys().chain(new.notes.keys()).collect();
    for cat in cats {
        let (a, b) = (old.notes.get(cat), new.notes.get(cat));
        if a != b {
            entry(format!("note.{cat}"), note(a), note(b), "");
        }
    }
    out
}

/// Applies a correction to figures (already checked by [`check`]).
fn set(figures: &mut Figures, c: &Correction, kind: InputKind) {
    let Some(v) = correction_value(kind, &c.value) else { return };
    match (v, &c.item) {
        (InputValue::Checklist(m), Some(item)) => {
            let answer = m.into_values().next().expect("one answer");
            let entry = figures.entry(c.input.clone()).or_insert_with(|| InputValue::Checklist(BTreeMap::new()));
            if let InputValue::Checklist(answers) = entry {
                answers.insert(item.clone(), answer);
            } else {
                *entry = InputValue::Checklist(BTreeMap::from([(item.clone(), answer)]));
            }
        }
        (v, _) => {
            figures.insert(c.input.clone(), v);
        }
    }
}

/// Checks a review against the rubric and an import: the rubric fingerprint, known
/// submissions (each reviewed once), reasons, every verdict, correction and note naming a
/// category the submission entered and an input (and item) of the rubric, with a value valid
/// for it, and every audit entry's time (RFC 3339 UTC) and reviewer. Every problem carries its path in the review file; an empty list means it applies.
pub fn check(rubric: &Rubric, report: &ImportReport, review: &ReviewFile) -> Vec<Problem> {
    let mut out = Vec::new();
    if review.rubric_sha256 != rubric.sha256 {
        let short: String = review.rubric_sha256.chars().take(12).collect();
        let kit: String = rubric.sha256.chars().take(12).collect();
        out.push(Problem::of(ProblemCode::RubricMismatch, "rubric_sha256", |t| t.review_rubric_mismatch(&kit, &short)));
        return out;
    }
    let ranked = ranked(report);
    let mut seen = BTreeMap::new();
    for (i, r) in review.reviews.iter().enumerate() {
        let base = index("reviews", i);
        let id = &r.submission_id;
        if seen.insert(id.as_str(), i).is_some() {
            out.push(Problem::of(ProblemCode::ReviewDuplicate, join(&base, "submission_id"), |t| {
                t.review_duplicate(id)
            }));
        }
        if r.state.needs_reason() && r.reason.as_deref().is_none_or(|s| s.trim().is_empty()) {
            out.push(Problem::of(ProblemCode::ReasonRequired, join(&base, "reason"), |t| {
                t.review_reason_required(r.state.label(t.0))
            }));
        }
        let Some(sub) = ranked.get(id.as_str()) else {
            out.push(Problem::of(ProblemCode::ReviewUnknownSubmission, join(&base, "submission_id"), |t| {
                t.review_unknown_submission(id)
            }));
            continue;
        };
        // A category the submission entered, in the rubric: its index.
        let category = |cat: &str, path: String, out: &mut Vec<Problem>| -> Option<usize> {
            match rubric.category_index(cat) {
                Some(c) if sub.categories.contains_key(cat) => Some(c),
                _ => {
                    out.push(Problem::of(ProblemCode::UnknownCategory, path, |t| t.review_unknown_category(cat)));
                    None
                }
            }
        };
        let input = |cat: usize, id: &str, path: String, out: &mut Vec<Problem>| {
            let def = &rubric.file.categories[cat];
            let found = def.inputs.iter().find(|d| d.id == id);
            if found.is_none() {
                out.push(Problem::of(ProblemCode::UnknownInput, path, |t| t.unknown_input(&def.id, id)));
            }
            found
        };
        for key in r.verdicts.keys() {
            let path = join(&join(&base, "verdicts"), key);
            let Some((cat, inp)) = key.split_once('.') else {
                out.push(Problem::of(ProblemCode::UnknownInput, path, |t| t.review_bad_field(key)));
                continue;
            };
            if let Some(c) = category(cat, path.clone(), &mut out) {
                input(c, inp, path, &mut out);
            }
        }
        for cat in r.notes.keys() {
            category(cat, join(&join(&base, "notes"), cat), &mut out);
        }
        for (j, c) in r.corrections.iter().enumerate() {
            let cbase = index(&join(&base, "corrections"), j);
            if c.reason.trim().is_empty() {
                out.push(Problem::of(ProblemCode::ReasonRequired, join(&cbase, "reason"), |t| {
                    t.review_correction_reason()
                }));
            }
            let Some(cat) = category(&c.category, join(&cbase, "category"), &mut out) else { continue };
            let Some(def) = input(cat, &c.input, join(&cbase, "input"), &mut out) else { continue };
            match (def.kind, &c.item) {
                (InputKind::Checklist, None) => {
                    out.push(Problem::of(ProblemCode::ItemRequired, join(&cbase, "item"), |t| {
                        t.review_item_required(def.label.get(t.0))
                    }));
                    continue;
                }
                (InputKind::Checklist, Some(item)) => {
                    if !def.items.as_deref().unwrap_or_default().iter().any(|it| &it.id == item) {
                        out.push(Problem::of(ProblemCode::UnknownItem, join(&cbase, "item"), |t| {
                            t.unknown_item(item, def.label.get(t.0))
                        }));
                        continue;
                    }
                }
                (_, Some(_)) => {
                    out.push(Problem::of(ProblemCode::NotAllowed, join(&cbase, "item"), |t| t.not_allowed()));
                    continue;
                }
                (_, None) => {}
            }
            let vpath = join(&cbase, "value");
            let Some(mut v) = correction_value(def.kind, &c.value) else {
                let value = c.value.to_string();
                out.push(Problem::of(ProblemCode::WrongKind, vpath, |t| {
                    t.review_bad_value(def.label.get(t.0), &value)
                }));
                continue;
            };
            if let (InputValue::Checklist(m), Some(item)) = (&mut v, &c.item) {
                let a = m.remove("").expect("one answer");
                m.insert(item.clone(), a);
            }
            // The officer's and the import's validation of one value: kinds, whole numbers, limits.
            let figures = Figures::from([(c.input.clone(), v)]);
            let prefix = join("inputs", &c.input);
            for mut p in score::validate_figures(rubric, cat, &figures, sub.months) {
                if p.path == prefix || p.path.starts_with(&format!("{prefix}.")) {
                    p.path = vpath.clone();
                    out.push(p);
                }
            }
        }
    }
    for (i, e) in review.audit.iter().enumerate() {
        let base = index("audit", i);
        if submission::timestamp_key(&e.at).is_none() {
            out.push(Problem::of(ProblemCode::BadTimestamp, join(&base, "at"), |t| t.bad_timestamp()));
        }
        if e.reviewer.trim().is_empty() {
            out.push(Problem::of(ProblemCode::MissingValue, join(&base, "reviewer"), |t| t.review_reviewer_required()));
        }
    }
    out
}

/// One submission's scores in one category.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedCard {
    /// Index into [`ImportReport::files`].
    pub file: usize,
    /// The submission's id.
    pub submission_id: String,
    /// Its review state.
    pub state: ReviewState,
    /// The self-reported scores (the import's).
    pub reported: Scorecard,
    /// The scores with the corrections in place (equal to `reported` where nothing was corrected).
    pub verified: Scorecard,
}

impl VerifiedCard {
    /// Per indicator (rubric order): its id and the rounded verified minus self-reported score.
    pub fn differences<'a>(&'a self, rubric: &'a Rubric) -> impl Iterator<Item = (&'a str, f64)> + 'a {
        self.verified
            .rounded_indicators(rubric)
            .zip(self.reported.rounded_indicators(rubric))
            .map(|((id, v), (_, r))| (id, round2(v - r)))
    }
}

/// One place in a verified ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedRow {
    /// Index into [`VerifiedCategory::cards`].
    pub card: usize,
    /// Competition rank (on the final score with the verified data score when ranked by it).
    pub rank: u32,
    /// Among the category's winners.
    pub winner: bool,
    /// Rounded verified data score.
    pub verified_score: f64,
    /// The jury's mark, when the category is ranked by final score.
    pub jury: Option<f64>,
    /// Rounded final score from the verified data score, when a jury mark is given.
    pub final_score: Option<f64>,
}

/// A category's verified scores and ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedCategory {
    /// Category index in the rubric.
    pub category: usize,
    /// Whether ranked by final score (as the import's ranking is).
    pub by_final: bool,
    /// Every submission the import ranked in this category, rejected ones included, in import order.
    pub cards: Vec<VerifiedCard>,
    /// The ranking by verified score, best first; submissions with the state `rejected` are not in it.
    pub rows: Vec<VerifiedRow>,
}

/// The outcome of applying a review to an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// Every category of the rubric, in rubric order.
    pub categories: Vec<VerifiedCategory>,
}

/// Applies a review (checked by [`check`]) to an import: per ranked submission and category
/// the self-reported and verified scorecards, and the ranking by verified score with the import's
/// tie rules; `rejected` submissions leave the ranking, and where the import ranks a category by
/// final score, the final score uses the verified data score.
pub fn apply(rubric: &Rubric, report: &ImportReport, review: &ReviewFile) -> Verified {
    let mut applying = Applying::new(report);
    while !applying.step(rubric, review) {}
    applying.finish()
}

/// [`apply`] a step at a time, so that a big batch's review can be applied over several tasks
/// (the coordinator's page): a step takes [`Applying::ROWS`] entries of a category, or ranks a
/// category whose entries are taken. The outcome is `apply`'s.
pub struct Applying<'a> {
    report: &'a ImportReport,
    ranked: BTreeMap<&'a str, Ranked<'a>>,
    by_file: BTreeMap<usize, &'a str>,
    categories: Vec<VerifiedCategory>,
    /// The category being taken: its cards so far and the entries of its ranking (each with
    /// its card and jury mark).
    cards: Vec<VerifiedCard>,
    entries: Vec<(usize, Option<f64>)>,
    rank_entries: Vec<RankEntry>,
    /// Its next row to take.
    row: usize,
}

impl<'a> Applying<'a> {
    /// Entries taken per step.
    pub const ROWS: usize = 1000;

    /// The review is to be applied to `report`.
    pub fn new(report: &'a ImportReport) -> Applying<'a> {
        let ranked = ranked(report);
        let by_file = ranked.iter().map(|(id, r)| (r.file, *id)).collect();
        Applying {
            report,
            ranked,
            by_file,
            categories: Vec::new(),
            cards: Vec::new(),
            entries: Vec::new(),
            rank_entries: Vec::new(),
            row: 0,
        }
    }

    /// The next step (with the same `rubric` and `review` each time); `true` once every
    /// category is done.
    pub fn step(&mut self, rubric: &Rubric, review: &ReviewFile) -> bool {
        let report = self.report;
        if let Some(c) = report.categories.get(self.categories.len()) {
            if self.row < c.rows.len() {
                let end = (self.row + Self::ROWS).min(c.rows.len());
                for row in &c.rows[self.row..end] {
                    self.take(rubric, review, c, row);
                }
                self.row = end;
            } else {
                self.rank(rubric, c);
            }
        }
        self.categories.len() == report.categories.len()
    }

    /// Takes one entry of category `c`: its reported and verified scorecards, and its place in
    /// the ranking unless rejected.
    fn take(&mut self, rubric: &Rubric, review: &ReviewFile, c: &crate::import::CategoryRanking, row: &Row) {
        let (cat, report) = (c.category, self.report);
        let cat_id = &rubric.file.categories[cat].id;
        let Some(id) = self.by_file.get(&row.file).copied() else { return };
        let f = &report.files[row.file];
        let reported = f.checked.as_ref().expect("ranked files are checked").cards[row.card].clone();
        let sub = &self.ranked[id];
        let r = review.review_of(id);
        let corrections = r.map(|r| r.corrections.as_slice()).unwrap_or_default();
        // The figures are copied only for a category with corrections (few of a batch).
        let mut figures = None;
        for corr in corrections.iter().filter(|x| &x.category == cat_id) {
            if let Some(def) = rubric.file.categories[cat].inputs.iter().find(|d| d.id == corr.input) {
                let figures = figures
                    .get_or_insert_with(|| sub.categories.get(cat_id).map(|e| e.inputs.clone()).unwrap_or_default());
                set(figures, corr, def.kind);
            }
        }
        let verified = match &figures {
            Some(figures) => score::score(rubric, cat, figures, sub.months),
            None => reported.clone(),
        };
        let state = r.map(|r| r.state).unwrap_or_default();
        let jury = row.jury.filter(|_| c.by_final);
        if state != ReviewState::Rejected {
            self.entries.push((self.cards.len(), jury));
            self.rank_entries.push(RankEntry::from_card(rubric, &verified, f.agency().unwrap_or_default(), jury));
        }
        self.cards.push(VerifiedCard { file: row.file, submission_id: id.to_string(), state, reported, verified });
    }

    /// Ranks category `c`, whose entries are taken, by the verified scores.
    fn rank(&mut self, rubric: &Rubric, c: &crate::import::CategoryRanking) {
        let cards = std::mem::take(&mut self.cards);
        let entries = std::mem::take(&mut self.entries);
        let rows = rank(&std::mem::take(&mut self.rank_entries), rubric.file.categories[c.category].winners)
            .into_iter()
            .map(|p| {
                let (card, jury) = entries[p.entry];
                let v = &cards[card].verified;
                VerifiedRow {
                    card,
                    rank: p.rank,
                    winner: p.winner,
                    verified_score: v.rounded(),
                    jury,
                    final_score: jury.map(|m| round2(v.final_score(rubric, m))),
                }
            })
            .collect();
        self.categories.push(VerifiedCategory { category: c.category, by_final: c.by_final, cards, rows });
        self.row = 0;
    }

    /// The review applied, once [`Applying::step`] said every category is done.
    pub fn finish(self) -> Verified {
        Verified { categories: self.categories }
    }
}

/// The import's report ([`crate::import::report_json`], `ampk rank --json`) with the review: per
/// ranking entry its `review_state` and `verified_data_score`, and per category the `verified`
/// ranking: `[{"rank", "agency", "agency_type", "file", "submission_id", "review_state",
/// "data_score", "verified_data_score", "jury_score", "final_score", "predicate", "winner",
/// "differences": {indicator id: verified − self-reported}}]`, best first, ranked by the verified
/// data score (by the final score from it where the category is ranked by final score),
/// `rejected` submissions left out.
pub fn report_json(r: &Rubric, report: &ImportReport, v: &Verified, lang: Lang) -> Value {
    let mut value = crate::import::report_json(r, report, lang);
    let Some(cats) = value.get_mut("categories").and_then(|c| c.as_array_mut()) else { return value };
    for (cj, c) in cats.iter_mut().zip(&v.categories) {
        let by_file = |file: usize| c.cards.iter().find(|k| k.file == file);
        let rows = &report.categories[c.category].rows;
        if let Some(ranking) = cj.get_mut("ranking").and_then(|x| x.as_array_mut()) {
            for (entry, row) in ranking.iter_mut().zip(rows) {
                if let (Some(m), Some(card)) = (entry.as_object_mut(), by_file(row.file)) {
                    m.insert("review_state".into(), json!(card.state.as_str()));
                    m.insert("verified_data_score".into(), json!(card.verified.rounded()));
                }
            }
        }
        let verified: Vec<_> = c
            .rows
            .iter()
            .map(|row| {
                let card = &c.cards[row.card];
                let f = &report.files[card.file];
                let differences: serde_json::Map<String, Value> =
                    card.differences(r).map(|(id, d)| (id.to_string(), json!(d))).collect();
                json!({
                    "rank": row.rank,
                    "agency": f.agency(),
                    "agency_type": f.agency_type(),
                    "file": f.file,
                    "submission_id": card.submission_id,
                    "review_state": card.state.as_str(),
                    "data_score": card.reported.rounded(),
                    "verified_data_score": row.verified_score,
                    "jury_score": row.jury,
                    "final_score": row.final_score,
                    "predicate": card.verified.predicate(r, lang),
                    "winner": row.winner,
                    "differences": differences,
                })
            })
            .collect();
        if let Some(m) = cj.as_object_mut() {
            m.insert("verified".into(), json!(verified));
        }
    }
    value
}

// The review's tables (CSV, XLSX): built from the export's cells, so the CLI and Rekap share them.

/// The ranking as CSV bytes ([`export::ranking_csv`]); with a review's outcome, each row gains the
/// review columns ([`review_headers`]) after the indicators. Without one it is the plain ranking.
pub fn ranking_csv(
    rubric: &Rubric,
    report: &ImportReport,
    verified: Option<&Verified>,
    sep: u8,
    lang: Lang,
) -> Vec<u8> {
    let mut header = export::ranking_header(rubric, lang);
    let mut rows: Vec<Vec<Cell>> = export::ranking_rows(rubric, report, lang).into_iter().map(|(_, c)| c).collect();
    if let Some(v) = verified {
        header.extend(review_headers(lang).iter().map(|s| s.to_string()));
        for (row, more) in rows.iter_mut().zip(review_cells(report, v)) {
            row.extend(more);
        }
    }
    export::table_csv(&header, &rows, sep)
}

/// The review columns a ranking row gains when a review exists: its review state, its verified
/// data score and its rank by verified score (empty when rejected).
pub fn review_headers(lang: Lang) -> [&'static str; 3] {
    let t = lang.texts();
    [t.column_review_state(), t.column_verified_score(), t.column_verified_rank()]
}

/// The review columns of every row of [`export::ranking_rows`], in the same order.
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
            let reported = reported_value(report, &r.submission_id, &c.category, &c.input, c.item.as_deref());
            out.push(vec![
                Cell::Text(r.submission_id.clone()),
                Cell::Text(agency_of(report, &r.submission_id).to_string()),
                Cell::Text(c.category.clone()),
                Cell::Text(c.input.clone()),
                c.item.clone().map_or(Cell::Empty, Cell::Text),
                Cell::Text(export::json_text(&reported)),
                Cell::Text(export::json_text(&c.value)),
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
            [
                &e.at,
                &e.reviewer,
                &e.submission_id,
                &e.field,
                &export::json_text(&e.from),
                &export::json_text(&e.to),
                &e.reason,
            ]
            .into_iter()
            .map(|c| Cell::Text(c.clone()))
            .collect()
        })
        .collect()
}

/// The corrections as CSV (`;`, BOM, formulas neutralised).
pub fn corrections_csv(report: &ImportReport, review: &ReviewFile, lang: Lang) -> Vec<u8> {
    export::table_csv(&correction_headers(lang), &correction_rows(report, review), b';')
}

/// The audit log as CSV: UTF-8 with a BOM, `;`-separated, headers from the catalogue, text cells
/// that a spreadsheet would take for a formula neutralised; `from` and `to` as JSON.
pub fn audit_csv(entries: &[AuditEntry], lang: Lang) -> String {
    let bytes = export::table_csv(&audit_headers(lang), &audit_rows(entries), b';');
    String::from_utf8(bytes).expect("the cells are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{example, EXAMPLE_EXPORTED_AT};
    use crate::import::{import, JuryMarks};
    use crate::submission::Submission;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    const A: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const B: &str = "16fd2706-8baf-433b-82eb-8c7fada847da";
    const CAT: &str = "media_sosial_opd";

    /// Contoh A (the worked example) as agency `name` with `id`, and its posts set to `posts`.
    fn sub(name: &str, id: &str, posts: f64) -> Submission {
        let r = crate::rubric::builtin();
        let mut s = example(r, "opd").expect("opd example");
        s.agency.name = name.into();
        s.submission_id = id.into();
        s.categories.get_mut(CAT).expect("category").inputs.insert("posts".into(), InputValue::Number(posts));
        s
    }

    fn batch(subs: &[Submission]) -> ImportReport {
        let r = crate::rubric::builtin();
        let files: Vec<(String, Vec<u8>)> = subs
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("{i}.json"), submission::write(r, s, EXAMPLE_EXPORTED_AT).into_bytes()))
            .collect();
        import(r, &files, &JuryMarks::new())
    }

    fn correction(category: &str, input: &str, item: Option<&str>, value: Value, reason: &str) -> Correction {
        Correction {
            category: category.into(),
            input: input.into(),
            item: item.map(Into::into),
            value,
            reason: reason.into(),
        }
    }

    fn review_with(reviews: Vec<SubmissionReview>) -> ReviewFile {
        ReviewFile { reviews, ..ReviewFile::new(crate::rubric::builtin()) }
    }

    fn verified_of<'a>(v: &'a Verified, cat: usize, id: &str) -> &'a VerifiedCard {
        v.categories[cat].cards.iter().find(|c| c.submission_id == id).expect("card")
    }

    fn paths(problems: &[Problem]) -> Vec<(&str, &str)> {
        problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_category_longer_than_a_step_is_applied_whole() {
        let r = crate::rubric::builtin();
        let cat = r.category_index(CAT).unwrap();
        let n = Applying::ROWS + 5;
        let ids: Vec<String> = (0..n).map(|i| format!("00000000-0000-4000-8000-{i:012}")).collect();
        let subs: Vec<Submission> =
            ids.iter().enumerate().map(|(i, id)| sub(&format!("Dinas {i}"), id, (i % 40) as f64 * 15.0)).collect();
        let report = batch(&subs);
        assert_eq!(report.categories[cat].rows.len(), n);
        // One entry taken in the second step is rejected, one in the first corrected.
        let (rejected, corrected) = (&ids[n - 2], &ids[3]);
        let review = review_with(vec![
            SubmissionReview {
                submission_id: rejected.clone(),
                state: ReviewState::Rejected,
                reason: Some("fabricated".into()),
                ..Default::default()
            },
            SubmissionReview {
                submission_id: corrected.clone(),
                state: ReviewState::Verified,
                corrections: vec![correction(CAT, "posts", None, json!(1200), "more posts in the evidence")],
                ..Default::default()
            },
        ]);
        let mut applying = Applying::new(&report);
        let mut steps = 1;
        while !applying.step(r, &review) {
            steps += 1;
        }
        let expected: usize = report.categories.iter().map(|c| c.rows.len().div_ceil(Applying::ROWS) + 1).sum();
        assert_eq!(steps, expected, "a step per {} entries of a category, and one to rank it", Applying::ROWS);
        let verified = applying.finish();
        assert_eq!(verified, apply(r, &report, &review));
        let c = &verified.categories[cat];
        assert_eq!((c.cards.len(), c.rows.len()), (n, n - 1), "every card; the rejected one not ranked");
        assert!(c.rows.iter().all(|row| c.cards[row.card].submission_id != *rejected));
        assert!(c.rows.windows(2).all(|w| w[0].verified_score >= w[1].verified_score), "best first");
        let card = verified_of(&verified, cat, corrected);
        assert!(card.verified.rounded() > card.reported.rounded(), "the correction counts");
        // Unchanged entries keep the import's order and ranks.
        let import_rank = |id: &str| {
            let row = report.categories[cat].rows.iter().find(|row| report.files[row.file].submission_id() == Some(id));
            row.map(|row| row.rank)
        };
        let top = &c.cards[c.rows[0].card];
        assert_eq!(top.submission_id, *corrected);
        assert!(import_rank(corrected).unwrap() > 1);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_correction_scores_like_a_copy_with_the_input_changed() {
        let r = crate::rubric::builtin();
        let cat = r.category_index(CAT).unwrap();
        let original = sub("Dinas Contoh A", A, 600.0);
        let report = batch(std::slice::from_ref(&original));
        let review = review_with(vec![SubmissionReview {
            submission_id: A.into(),
            state: ReviewState::Verified,
            corrections: vec![correction(CAT, "posts", None, json!(120), "only 120 posts in the evidence")],
            ..Default::default()
        }]);
        assert_eq!(check(r, &report, &review), []);
        let verified = apply(r, &report, &review);
        let card = verified_of(&verified, cat, A);
        // The copy of the file with that input changed, imported and scored as any other.
        let copy = batch(&[sub("Dinas Contoh A", A, 120.0)]);
        let card_of = |report: &ImportReport| {
            report.files[0].checked.as_ref().unwrap().cards.iter().find(|c| c.category == cat).unwrap().clone()
        };
        assert_eq!(card.verified, card_of(&copy));
        assert_eq!(card.reported, card_of(&report));
        assert!(
            card.verified.rounded() < card.reported.rounded(),
            "{} {}",
            card.verified.rounded(),
            card.reported.rounded()
        );
        // The difference shows at the indicators that use posts, nowhere else.
        let diffs: Vec<(&str, f64)> = card.differences(r).filter(|d| d.1 != 0.0).collect();
        assert!(!diffs.is_empty());
        assert!(diffs.iter().all(|d| d.1 < 0.0), "{diffs:?}");
        // Another category of the same submission is unchanged.
        let other = verified.categories.iter().find(|c| c.category != cat && !c.cards.is_empty()).expect("another");
        assert_eq!(other.cards[0].verified, other.cards[0].reported);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_checklist_item_correction_sets_that_item() {
        let r = crate::rubric::builtin();
        let cat = r.category_index("website").unwrap();
        let original = sub("Dinas Contoh A", A, 600.0);
        let report = batch(std::slice::from_ref(&original));
        let review = review_with(vec![SubmissionReview {
            submission_id: A.into(),
            corrections: vec![correction("website", "domain", Some("https"), json!("no"), "no certificate")],
            ..Default::default()
        }]);
        assert_eq!(check(r, &report, &review), []);
        let mut copy = original.clone();
        let inputs = &mut copy.categories.get_mut("website").unwrap().inputs;
        let mut domain = match inputs.get("domain") {
            Some(InputValue::Checklist(m)) => m.clone(),
            _ => BTreeMap::new(),
        };
        domain.insert("https".into(), Answer::No);
        inputs.insert("domain".into(), InputValue::Checklist(domain));
        let want = score::score(r, cat, &copy.categories["website"].inputs, copy.months);
        assert_eq!(verified_of(&apply(r, &report, &review), cat, A).verified, want);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reasons_are_required() {
        let r = crate::rubric::builtin();
        let report = batch(&[sub("Dinas A", A, 600.0), sub("Dinas B", B, 300.0)]);
        let review = review_with(vec![
            SubmissionReview { submission_id: A.into(), state: ReviewState::NeedsFixing, ..Default::default() },
            SubmissionReview {
                submission_id: B.into(),
                state: ReviewState::Rejected,
                reason: Some("  ".into()),
                corrections: vec![correction(CAT, "posts", None, json!(1), "")],
                ..Default::default()
            },
        ]);
        assert_eq!(
            paths(&check(r, &report, &review)),
            [
                ("reason_required", "reviews[0].reason"),
                ("reason_required", "reviews[1].reason"),
                ("reason_required", "reviews[1].corrections[0].reason")
            ]
        );
        // Verified and unreviewed need none.
        let fine = review_with(vec![SubmissionReview {
            submission_id: A.into(),
            state: ReviewState::Verified,
            ..Default::default()
        }]);
        assert_eq!(check(r, &report, &fine), []);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn unknown_names_and_bad_values_are_reported_with_their_paths() {
        let r = crate::rubric::builtin();
        let report = batch(&[sub("Dinas A", A, 600.0)]);
        let why = "evidence";
        let review = review_with(vec![
            SubmissionReview { submission_id: "00000000-0000-4000-8000-000000000000".into(), ..Default::default() },
            SubmissionReview {
                submission_id: A.into(),
                verdicts: BTreeMap::from([
                    ("nope.posts".into(), Verdict::Ok),
                    (format!("{CAT}.nope"), Verdict::NotOk),
                    ("plain".into(), Verdict::Unreachable),
                ]),
                corrections: vec![
                    correction("nope", "posts", None, json!(1), why),
                    correction(CAT, "nope", None, json!(1), why),
                    correction("website", "domain", Some("nope"), json!("yes"), why),
                    correction("website", "domain", None, json!("yes"), why),
                    correction(CAT, "posts", None, json!(-5), why),
                    correction(CAT, "posts", None, json!(2.5), why),
                    correction(CAT, "posts", None, json!("many"), why),
                    correction("website", "domain", Some("https"), json!("maybe"), why),
                ],
                notes: BTreeMap::from([("nope".into(), "x".into())]),
                ..Default::default()
            },
            SubmissionReview { submission_id: A.into(), ..Default::default() },
        ]);
        assert_eq!(
            paths(&check(r, &report, &review)),
            [
                ("review_unknown_submission", "reviews[0].submission_id"),
                ("unknown_input", "reviews[1].verdicts[\"media_sosial_opd.nope\"]"),
                ("unknown_category", "reviews[1].verdicts[\"nope.posts\"]"),
                ("unknown_input", "reviews[1].verdicts.plain"),
                ("unknown_category", "reviews[1].notes.nope"),
                ("unknown_category", "reviews[1].corrections[0].category"),
                ("unknown_input", "reviews[1].corrections[1].input"),
                ("unknown_item", "reviews[1].corrections[2].item"),
                ("item_required", "reviews[1].corrections[3].item"),
                ("below_min", "reviews[1].corrections[4].value"),
                ("not_whole", "reviews[1].corrections[5].value"),
                ("wrong_kind", "reviews[1].corrections[6].value"),
                ("wrong_kind", "reviews[1].corrections[7].value"),
                ("review_duplicate", "reviews[2].submission_id"),
            ]
        );
        let mut audited = review_with(Vec::new());
        audited.audit = sample_file().audit;
        audited.audit[0].at = "yesterday".into();
        audited.audit[0].reviewer = " ".into();
        assert_eq!(
            paths(&check(r, &report, &audited)),
            [("bad_timestamp", "audit[0].at"), ("missing_value", "audit[0].reviewer")]
        );
        audited.audit = sample_file().audit;
        assert_eq!(check(r, &report, &audited), []);
        let mut other = review_with(Vec::new());
        other.rubric_sha256 = "0".repeat(64);
        assert_eq!(paths(&check(r, &report, &other)), [("rubric_mismatch", "rubric_sha256")]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn verified_ranking_follows_corrections_and_drops_rejected() {
        let r = crate::rubric::builtin();
        let cat = r.category_index(CAT).unwrap();
        let report = batch(&[sub("Dinas A", A, 600.0), sub("Dinas B", B, 300.0)]);
        let order = |v: &Verified| -> Vec<(String, u32)> {
            let c = &v.categories[cat];
            c.rows.iter().map(|row| (c.cards[row.card].submission_id.clone(), row.rank)).collect()
        };
        // No review: the verified ranking is the data ranking.
        let none = apply(r, &report, &review_with(Vec::new()));
        assert_eq!(order(&none), [(A.to_string(), 1), (B.to_string(), 2)]);
        // A's posts corrected down to B's: a tie on every indicator, listed by name.
        let down = |posts: f64| {
            review_with(vec![SubmissionReview {
                submission_id: A.into(),
                corrections: vec![correction(CAT, "posts", None, json!(posts), "evidence shows fewer")],
                ..Default::default()
            }])
        };
        assert_eq!(order(&apply(r, &report, &down(300.0))), [(A.to_string(), 1), (B.to_string(), 1)]);
        // Below B's: B first; the import's own ranking is untouched.
        let corrected = apply(r, &report, &down(10.0));
        assert_eq!(order(&corrected), [(B.to_string(), 1), (A.to_string(), 2)]);
        // The JSON report: the data ranking keeps its order and gains the verified scores.
        let j = report_json(r, &report, &corrected, Lang::En);
        let cj = &j["categories"][cat];
        assert_eq!(cj["ranking"][0]["file"], "0.json");
        assert_eq!(cj["ranking"][0]["review_state"], "unreviewed");
        let a = verified_of(&corrected, cat, A);
        assert_eq!(cj["ranking"][0]["verified_data_score"], json!(a.verified.rounded()));
        assert_eq!(cj["verified"][0]["submission_id"], B);
        assert_eq!(cj["verified"][1]["verified_data_score"], json!(a.verified.rounded()));
        assert_eq!(cj["verified"][1]["data_score"], json!(a.reported.rounded()));
        assert_eq!(report.categories[cat].rows[0].file, 0);
        // Rejected: out of the ranking, still scored.
        let rejected = review_with(vec![SubmissionReview {
            submission_id: A.into(),
            state: ReviewState::Rejected,
            reason: Some("evidence fabricated".into()),
            ..Default::default()
        }]);
        let v = apply(r, &report, &rejected);
        assert_eq!(order(&v), [(B.to_string(), 1)]);
        assert_eq!(verified_of(&v, cat, A).state, ReviewState::Rejected);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_final_score_uses_the_verified_data_score() {
        let r = crate::rubric::builtin();
        let cat = r.category_index(CAT).unwrap();
        let files: Vec<(String, Vec<u8>)> = [sub("Dinas A", A, 600.0), sub("Dinas B", B, 300.0)]
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("{i}.json"), submission::write(r, s, EXAMPLE_EXPORTED_AT).into_bytes()))
            .collect();
        let jury: JuryMarks =
            [((CAT.to_string(), "dinas a".to_string()), 80.0), ((CAT.to_string(), "dinas b".to_string()), 80.0)].into();
        let report = import(r, &files, &jury);
        let review = review_with(vec![SubmissionReview {
            submission_id: A.into(),
            corrections: vec![correction(CAT, "posts", None, json!(10), "fewer")],
            ..Default::default()
        }]);
        let v = apply(r, &report, &review);
        let c = &v.categories[cat];
        assert!(c.by_final);
        let a = c.rows.iter().find(|row| c.cards[row.card].submission_id == A).unwrap();
        assert_eq!(a.final_score, Some(round2(c.cards[a.card].verified.final_score(r, 80.0))));
        assert_eq!(c.cards[c.rows[0].card].submission_id, B);
    }

    fn sample_file() -> ReviewFile {
        let mut f = review_with(vec![SubmissionReview {
            submission_id: A.into(),
            state: ReviewState::NeedsFixing,
            reason: Some("links broken".into()),
            verdicts: BTreeMap::from([(format!("{CAT}.posts"), Verdict::Unreachable)]),
            corrections: vec![correction("website", "domain", Some("https"), json!("partial"), "mixed content")],
            notes: BTreeMap::from([(CAT.into(), "check again".into())]),
        }]);
        f.audit.push(AuditEntry {
            at: "2025-11-04T08:00:00Z".into(),
            reviewer: "Rina".into(),
            submission_id: A.into(),
            field: "state".into(),
            from: json!("unreviewed"),
            to: json!("needs_fixing"),
            reason: "links broken".into(),
        });
        f
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_review_file_round_trips_and_its_digest_is_checked() {
        let f = sample_file();
        let text = write(&f);
        let back = read(text.as_bytes()).expect("reads back");
        assert_eq!(back.reviews, f.reviews);
        assert_eq!(back.audit, f.audit);
        assert_eq!(back.integrity.algorithm, DIGEST_ALGORITHM);
        assert_eq!(back.integrity.digest.len(), 64);
        // Writing what was read gives the same text.
        assert_eq!(write(&back), text);
        // A changed reason without a new digest is detected.
        let tampered = text.replace("mixed content", "all fine");
        assert_ne!(tampered, text);
        assert_eq!(paths(&read(tampered.as_bytes()).unwrap_err()), [("digest_mismatch", "integrity.digest")]);
        // Structure problems carry their paths.
        let bad = text.replace("\"unreachable\"", "\"maybe\"");
        let problems = read(bad.as_bytes()).unwrap_err();
        assert!(problems.iter().any(|p| p.path == "reviews[0].verdicts[\"media_sosial_opd.posts\"]"), "{problems:?}");
        let not_review = read(br#"{"format":"ampk-submission"}"#).unwrap_err();
        assert_eq!(paths(&not_review), [("format", "format")]);
        assert_eq!(paths(&read(&vec![b' '; MAX_BYTES + 1]).unwrap_err()), [("too_large", "")]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_audit_records_every_change_from_the_value_in_force_to_the_new_one() {
        let report = batch(&[sub("Dinas A", A, 600.0)]);
        let reported = |c: &str, i: &str, item: Option<&str>| reported_value(&report, A, c, i, item);
        assert_eq!(reported(CAT, "posts", None), json!(600));
        assert_eq!(number_value(12.5), json!(12.5));
        assert_eq!(reported("website", "domain", Some("https")), json!("yes"));
        assert_eq!(reported("website", "domain", None), Value::Null, "a checklist is named by its item");
        assert_eq!(reported("nope", "posts", None), Value::Null);
        let empty = SubmissionReview { submission_id: A.into(), ..Default::default() };
        assert!(empty.is_empty());
        assert_eq!(audit_diff(&empty, &empty, reported, "Rina", "2025-11-04T08:00:00Z"), []);

        let first = SubmissionReview {
            submission_id: A.into(),
            state: ReviewState::NeedsFixing,
            reason: Some("links broken".into()),
            verdicts: BTreeMap::from([(format!("{CAT}.posts"), Verdict::NotOk)]),
            corrections: vec![
                correction(CAT, "posts", None, json!(120), "only 120 posts"),
                correction("website", "domain", Some("https"), json!("no"), "no certificate"),
            ],
            notes: BTreeMap::from([(CAT.into(), "check again".into())]),
        };
        let at = "2025-11-04T08:00:00Z";
        let log = audit_diff(&empty, &first, reported, "Rina", at);
        let rows: Vec<(&str, Value, Value, &str)> =
            log.iter().map(|e| (e.field.as_str(), e.from.clone(), e.to.clone(), e.reason.as_str())).collect();
        assert_eq!(
            rows,
            [
                ("state", json!("unreviewed"), json!("needs_fixing"), "links broken"),
                ("verdict.media_sosial_opd.posts", Value::Null, json!("not_ok"), ""),
                ("media_sosial_opd.posts", json!(600), json!(120), "only 120 posts"),
                ("website.domain.https", json!("yes"), json!("no"), "no certificate"),
                ("note.media_sosial_opd", Value::Null, json!("check again"), ""),
            ]
        );
        assert!(log.iter().all(|e| e.at == at && e.reviewer == "Rina" && e.submission_id == A));

        // Then: the posts corrected again (from 120), the https correction removed (back to the
        // reported "yes"), only the state's reason changed, the verdict and note cleared.
        let second = SubmissionReview {
            reason: Some("links broken, see note".into()),
            verdicts: BTreeMap::new(),
            corrections: vec![correction(CAT, "posts", None, json!(150), "recounted")],
            notes: BTreeMap::new(),
            ..first.clone()
        };
        let log = audit_diff(&first, &second, reported, "Budi", "2025-11-05T09:30:00Z");
        let rows: Vec<(&str, Value, Value, &str)> =
            log.iter().map(|e| (e.field.as_str(), e.from.clone(), e.to.clone(), e.reason.as_str())).collect();
        assert_eq!(
            rows,
            [
                ("state", json!("needs_fixing"), json!("needs_fixing"), "links broken, see note"),
                ("verdict.media_sosial_opd.posts", json!("not_ok"), Value::Null, ""),
                ("media_sosial_opd.posts", json!(120), json!(150), "recounted"),
                ("website.domain.https", json!("no"), json!("yes"), ""),
                ("note.media_sosial_opd", json!("check again"), Value::Null, ""),
            ]
        );
        // A correction whose reason alone changed is recorded; an unchanged one is not.
        let third = SubmissionReview {
            corrections: vec![correction(CAT, "posts", None, json!(150), "recounted twice")],
            ..second.clone()
        };
        let log = audit_diff(&second, &third, reported, "Budi", "2025-11-05T09:31:00Z");
        assert_eq!(log.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["media_sosial_opd.posts"]);
        assert_eq!(audit_diff(&third, &third, reported, "Budi", "2025-11-05T09:32:00Z"), []);

        // The entries make a review file that checks.
        let mut f = review_with(Vec::new());
        f.set(first.clone());
        f.audit = audit_diff(&empty, &first, reported, "Rina", at);
        assert_eq!(check(crate::rubric::builtin(), &report, &f), []);
        assert_eq!(f.audit_of(A).count(), 5);
        assert_eq!(
            f.review_of(A).and_then(|r| r.corrected("website.domain.https")).map(|c| &c.value),
            Some(&json!("no"))
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn set_replaces_a_review_and_drops_one_that_records_nothing() {
        let mut f = review_with(Vec::new());
        assert!(!f.has_work());
        let verified = SubmissionReview { submission_id: A.into(), state: ReviewState::Verified, ..Default::default() };
        f.set(verified.clone());
        f.set(SubmissionReview { submission_id: B.into(), state: ReviewState::Verified, ..Default::default() });
        assert_eq!(f.reviews.len(), 2);
        assert!(f.has_work());
        let rejected = SubmissionReview { state: ReviewState::Rejected, reason: Some("x".into()), ..verified.clone() };
        f.set(rejected.clone());
        assert_eq!(f.reviews[0], rejected, "replaced in place");
        f.set(SubmissionReview { submission_id: A.into(), ..Default::default() });
        assert_eq!(f.reviews.iter().map(|r| r.submission_id.as_str()).collect::<Vec<_>>(), [B]);
        // An audit entry alone is review work too.
        let mut g = review_with(Vec::new());
        g.audit = sample_file().audit;
        assert!(g.has_work());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn verdicts_have_machine_names_and_labels() {
        let names: Vec<&str> = Verdict::ALL.iter().map(|v| v.as_str()).collect();
        assert_eq!(names, ["ok", "not_ok", "unreachable"]);
        for v in Verdict::ALL {
            assert_eq!(serde_json::to_value(v).unwrap(), json!(v.as_str()));
        }
        assert_eq!(Verdict::Unreachable.label(Lang::Id), "tidak dapat dibuka");
        assert_eq!(Verdict::NotOk.label(Lang::En), "does not match");
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
        (crate::import::import(r, &files, &crate::import::JuryMarks::new()), a.submission_id, b.submission_id)
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_ranking_csv_gains_the_review_columns_only_with_a_review() {
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
        assert_eq!(check(r, &report, &file), []);
        let v = apply(r, &report, &file);
        // Without a review: the plain ranking CSV, byte for byte.
        assert_eq!(ranking_csv(r, &report, None, b';', Lang::Id), export::ranking_csv(r, &report, b';', Lang::Id));
        let text = String::from_utf8(ranking_csv(r, &report, Some(&v), b';', Lang::Id)).unwrap();
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
        let reported = reported_value(&report, &a, "lapor_opd", "received", None);
        assert_eq!(lines.next().unwrap(), format!("{a};Dinas Contoh A;lapor_opd;received;;{reported};1;'=only one"));
        assert_eq!(lines.next(), None);
        // The review table: one row per reviewed submission.
        let states = review_state_rows(&report, &file);
        assert_eq!(states.len(), 2);
        assert_eq!(states[1][1], Cell::Text("=Dinas B".into()), "neutralised when written, not here");
        assert_eq!(states[1][2], Cell::Text("rejected".into()));
        assert_eq!(states[1][3], Cell::Text("fabricated".into()));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_audit_csv_neutralises_formulas() {
        let mut f = sample_file();
        f.audit[0].reason = "=HYPERLINK(\"http://x\")".into();
        f.audit[0].reviewer = "+Rina".into();
        let csv = audit_csv(&f.audit, Lang::En);
        assert!(csv.starts_with("\u{feff}time;reviewer;submission;field;from;to;reason\n"), "{csv}");
        let row = csv.lines().nth(1).unwrap();
        assert!(row.contains("'+Rina"), "{row}");
        assert!(row.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{row}");
        assert!(row.contains(";state;unreviewed;needs_fixing;"), "{row}");
        assert!(!csv.contains(";=") && !csv.contains(";+"), "{csv}");
    }
}
