//! The coordinator's feedback to an agency (*umpan balik*, `docs/feedback-format.md`): for one
//! submission, its review state and reason, the evidence verdicts, the corrections with their
//! reasons and the values they replace, the notes, and the self-reported and verified scores;
//! with the submission reviewed, so the officer can continue from the feedback alone.
//!
//! The officer answers in a revised submission (format version 2, [`crate::submission::v2`]):
//! the same `submission_id`, `revision` one more than the feedback's, and `responses` per field.

use crate::import::ImportReport;
use crate::problem::{Problem, ProblemCode};
use crate::review::{self, ReviewFile, ReviewIntegrity, ReviewState, Verdict, Verified};
use crate::rubric::Rubric;
use crate::submission::{self, v2::SubmissionV2, DIGEST_ALGORITHM};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Largest feedback file, in bytes (a submission is at most 1 MiB).
pub const MAX_BYTES: usize = 2 << 20;
/// The format version this kit writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The `format` member of every feedback file.
pub const FORMAT: &str = "ampk-feedback";

/// A corrected value, with the value it replaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackCorrection {
    /// Category id.
    pub category: String,
    /// Input id.
    pub input: String,
    /// Checklist item id, for a checklist input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The self-reported value (`null` when the field was not filled in).
    pub from: Value,
    /// The corrected value: a number, a boolean, or a checklist answer (`yes`, `partial`, `no`).
    pub value: Value,
    /// Why.
    pub reason: String,
}

impl FeedbackCorrection {
    /// The field it corrects: `<category>.<input>` or `<category>.<input>.<item>`, the key of the
    /// officer's response to it.
    pub fn field(&self) -> String {
        field(&self.category, &self.input, self.item.as_deref())
    }
}

/// The field key of an input (or a checklist item): `<category>.<input>[.<item>]`.
pub fn field(category: &str, input: &str, item: Option<&str>) -> String {
    match item {
        Some(item) => format!("{category}.{input}.{item}"),
        None => format!("{category}.{input}"),
    }
}

/// One category's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackScores {
    /// The self-reported data score (rounded to 2 decimals).
    pub reported: f64,
    /// The verified data score: the rubric applied with the corrections in place.
    pub verified: f64,
    /// Per indicator whose score changed: verified minus self-reported.
    #[serde(default)]
    pub differences: BTreeMap<String, f64>,
}

/// A feedback file: the coordinator's review of one submission, for its agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "AMPK feedback to an agency, format version 1")]
pub struct FeedbackFile {
    /// Always `ampk-feedback`.
    pub format: String,
    /// Always 1.
    pub format_version: u32,
    /// The submission this answers.
    pub submission_id: String,
    /// The revision of the submission reviewed (1 for a first submission).
    #[schemars(range(min = 1))]
    pub revision: u32,
    /// The fingerprint of the rubric the submission was scored with.
    pub rubric_sha256: String,
    /// The agency's name, for people reading the file.
    pub agency: String,
    /// When the coordinator exported it (RFC 3339 UTC).
    pub issued_at: String,
    /// Who reviewed it last (empty when nobody has).
    pub reviewer: String,
    /// The review state.
    pub state: ReviewState,
    /// Why: given for `needs_fixing` and `rejected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Evidence verdicts: `category.input` → verdict.
    #[serde(default)]
    pub verdicts: BTreeMap<String, Verdict>,
    /// Corrected values, with what they replace.
    #[serde(default)]
    pub corrections: Vec<FeedbackCorrection>,
    /// A note per category: category id → text.
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
    /// Per category entered: the self-reported and verified scores.
    pub scores: BTreeMap<String, FeedbackScores>,
    /// The submission reviewed, as the coordinator received it (an `ampk-submission` document,
    /// format version 1 or 2, checked like any submission when opened).
    pub submission: Value,
    /// The digest (recomputed by [`write`]).
    pub integrity: ReviewIntegrity,
}

/// JSON Schema (draft 2020-12) of feedback v1, generated from the types.
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(FeedbackFile)).expect("schema serialises")
}

/// The committed copy of [`json_schema`], kept identical by a test.
pub const JSON_SCHEMA: &str = include_str!("../../../schemas/ampk-feedback-v1.schema.json");

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(JSON_SCHEMA).expect("committed schema parses"))
}

/// The feedback on one ranked submission of an import, from a review (checked by
/// [`review::check`]) and its outcome ([`review::apply`]); `None` when the import did not rank
/// that submission.
pub fn build(
    rubric: &Rubric,
    report: &ImportReport,
    review: &ReviewFile,
    verified: &Verified,
    submission_id: &str,
    issued_at: &str,
) -> Option<FeedbackFile> {
    let cards = || verified.categories.iter().flat_map(|c| &c.cards).filter(|k| k.submission_id == submission_id);
    let file = cards().next()?.file;
    let read = report.files[file].read.as_ref()?;
    let w = &read.wire;
    let r = review.review_of(submission_id).cloned().unwrap_or_default();
    let scores = cards()
        .map(|k| {
            let differences = k.differences(rubric).filter(|(_, d)| *d != 0.0).map(|(id, d)| (id.to_string(), d));
            let scores = FeedbackScores {
                reported: k.reported.rounded(),
                verified: k.verified.rounded(),
                differences: differences.collect(),
            };
            (rubric.file.categories[k.verified.category].id.clone(), scores)
        })
        .collect();
    let corrections = r
        .corrections
        .iter()
        .map(|c| {
            // The self-reported value, as the audit log gives it (whole numbers as integers).
            let from = review::reported_value(report, submission_id, &c.category, &c.input, c.item.as_deref());
            FeedbackCorrection {
                category: c.category.clone(),
                input: c.input.clone(),
                item: c.item.clone(),
                from,
                value: c.value.clone(),
                reason: c.reason.clone(),
            }
        })
        .collect();
    let reviewer = review.audit.iter().rev().find(|e| e.submission_id == submission_id).map(|e| e.reviewer.clone());
    let document = if read.revision > 1 || !read.responses.is_empty() {
        serde_json::to_value(SubmissionV2::from_v1(w.clone(), read.revision, read.responses.clone()))
    } else {
        serde_json::to_value(w)
    }
    .expect("submission serialises");
    Some(FeedbackFile {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        submission_id: submission_id.into(),
        revision: read.revision,
        rubric_sha256: rubric.sha256.clone(),
        agency: w.agency.name.clone(),
        issued_at: issued_at.into(),
        reviewer: reviewer.unwrap_or_default(),
        state: r.state,
        reason: r.reason,
        verdicts: r.verdicts,
        corrections,
        notes: r.notes,
        scores,
        submission: document,
        integrity: ReviewIntegrity { algorithm: DIGEST_ALGORITHM.into(), digest: String::new() },
    })
}

/// The feedback on every ranked submission whose review records something (not
/// [`review::SubmissionReview::is_empty`]), with file names ([`file_name`]), in the review's order.
pub fn build_all(
    rubric: &Rubric,
    report: &ImportReport,
    review: &ReviewFile,
    verified: &Verified,
    issued_at: &str,
) -> Vec<(String, FeedbackFile)> {
    review
        .reviews
        .iter()
        .filter(|r| !r.is_empty())
        .filter_map(|r| build(rubric, report, review, verified, &r.submission_id, issued_at))
        .map(|f| (file_name(&f), f))
        .collect()
}

/// The file name of a feedback file: `umpan-balik-<agency>-<first 8 of the id>.json`.
pub fn file_name(f: &FeedbackFile) -> String {
    let id: String = f.submission_id.chars().take(8).collect();
    format!("umpan-balik-{}-{id}.json", crate::fmt::slug(&f.agency))
}

/// Writes a feedback file: pretty-printed from the typed form, with a fresh digest.
pub fn write(f: &FeedbackFile) -> String {
    let digest = submission::digest(&serde_json::to_value(f).expect("feedback serialises"));
    let out = FeedbackFile { integrity: ReviewIntegrity { algorithm: DIGEST_ALGORITHM.into(), digest }, ..f.clone() };
    serde_json::to_string_pretty(&out).expect("feedback serialises") + "\n"
}

/// Reads a feedback file: size limit, JSON, format and version, structure, the digest, and the
/// embedded submission naming the same `submission_id`. Every problem carries its JSON path.
pub fn read(bytes: &[u8]) -> Result<FeedbackFile, Vec<Problem>> {
    let f: FeedbackFile = review::read_digested(
        bytes,
        &review::Digested {
            max_bytes: MAX_BYTES,
            format: FORMAT,
            version: FORMAT_VERSION,
            schema,
            not_this: |t, found| t.feedback_not_feedback(found),
            bad_version: |t| t.feedback_format_version(),
            mismatch: |t| t.feedback_digest_mismatch(),
        },
    )?;
    if f.submission.get("submission_id").and_then(Value::as_str) != Some(f.submission_id.as_str()) {
        return Err(vec![Problem::of(ProblemCode::Structure, "submission.submission_id", |t| {
            t.feedback_other_submission()
        })]);
    }
    Ok(f)
}
