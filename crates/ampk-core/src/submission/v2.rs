//! Wire types of the submission file format, version 2 (`docs/submission-v2.md`): version 1
//! with the two members a revised submission needs, `revision` and `responses`.
//!
//! A submission that answers no feedback is still written as version 1, byte for byte as
//! before; version 2 is written only for a revision (2 or more) or when the officer answered
//! the coordinator's feedback. Version 1 never changes meaning.
//!
//! # Format
//!
//! Version 1's members, in version 1's order, with `revision` after `submission_id` and
//! `responses` after `categories`:
//!
//! ```json
//! {
//!   "format": "ampk-submission",
//!   "format_version": 2,
//!   "submission_id": "<UUID v4>",
//!   "revision": 2,
//!   "kit_version": "<semver>",
//!   "rubric": {…}, "agency": {…}, "months": 10, "categories": {…},
//!   "responses": {"<category>.<input>[.<item>]": {"accepted": true, "text": "…"}},
//!   "jury_estimate": 80?, "computed": {…}, "exported_at": "…", "integrity": {…}
//! }
//! ```

use super::v1::{opt_num, AgencyV1, ComputedV1, EntryV1, IntegrityV1, RubricRefV1, SubmissionV1};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::num::NonZeroU32;

fn is_false(b: &bool) -> bool {
    !*b
}

/// A whole submission file, version 2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "AMPK submission, format version 2")]
pub struct SubmissionV2 {
    /// Always `"ampk-submission"`.
    pub format: String,
    /// Always `2`.
    pub format_version: u32,
    /// UUID v4, created once per draft and kept across revisions.
    pub submission_id: String,
    /// The revision: 1 is the first file sent; each answer to the coordinator's feedback is
    /// the revision it answers plus one. The import keeps the highest revision of a submission.
    pub revision: NonZeroU32,
    /// Version of the kit that wrote the file.
    pub kit_version: String,
    pub rubric: RubricRefV1,
    pub agency: AgencyV1,
    /// Months of data the figures cover (1–12).
    pub months: u32,
    pub categories: BTreeMap<String, EntryV1>,
    /// The officer's answers to the coordinator's feedback, per field:
    /// `<category>.<input>` or, for a checklist item, `<category>.<input>.<item>`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub responses: BTreeMap<String, ResponseV2>,
    #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "opt_num")]
    pub jury_estimate: Option<f64>,
    /// The kit's own projection at export time; informative only, never trusted.
    #[serde(default)]
    pub computed: BTreeMap<String, ComputedV1>,
    /// RFC 3339 UTC timestamp.
    pub exported_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<IntegrityV1>,
}

/// The officer's answer to the feedback on one field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseV2 {
    /// The officer accepted the coordinator's correction: the field now holds the corrected value.
    #[serde(default, skip_serializing_if = "is_false")]
    pub accepted: bool,
    /// The officer's answer (*tanggapan*), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl SubmissionV2 {
    /// Version 2 from version 1's members, a revision (0 is taken as 1) and responses.
    pub fn from_v1(w: SubmissionV1, revision: u32, responses: BTreeMap<String, ResponseV2>) -> Self {
        SubmissionV2 {
            format: w.format,
            format_version: 2,
            submission_id: w.submission_id,
            revision: NonZeroU32::new(revision).unwrap_or(NonZeroU32::MIN),
            kit_version: w.kit_version,
            rubric: w.rubric,
            agency: w.agency,
            months: w.months,
            categories: w.categories,
            responses,
            jury_estimate: w.jury_estimate,
            computed: w.computed,
            exported_at: w.exported_at,
            integrity: w.integrity,
        }
    }

    /// Version 1's members (`format_version` stays 2), the revision and the responses.
    pub fn into_v1(self) -> (SubmissionV1, u32, BTreeMap<String, ResponseV2>) {
        let w = SubmissionV1 {
            format: self.format,
            format_version: self.format_version,
            submission_id: self.submission_id,
            kit_version: self.kit_version,
            rubric: self.rubric,
            agency: self.agency,
            months: self.months,
            categories: self.categories,
            jury_estimate: self.jury_estimate,
            computed: self.computed,
            exported_at: self.exported_at,
            integrity: self.integrity,
        };
        (w, self.revision.get(), self.responses)
    }
}
