//! Wire types of the submission file format, version 1 (`../shared/spec/submission-format.md`).
//!
//! # Format
//!
//! ```json
//! {
//!   "format": "ampk-submission",
//!   "format_version": 1,
//!   "submission_id": "<UUID v4, kept across re-exports of one draft>",
//!   "kit_version": "<semver>",
//!   "rubric": {"id": "ampk-2025-model", "edition": 2025, "sha256": "<rubric fingerprint>"},
//!   "agency": {"type": "opd", "name": "…", "parent": "…"?, "officer": {"name": "…", "email": "…"?, "phone": "…"?}},
//!   "months": 10,
//!   "categories": {"<category id>": {"inputs": {…}, "evidence": {"<input id>": ["https://…"]}, "note": "…"?}},
//!   "jury_estimate": 80?,
//!   "computed": {"<category id>": {"data_score": 78.34, "predicate": "Baik", "indicators": {"S1": 70}}},
//!   "exported_at": "2025-11-02T03:04:05Z",
//!   "integrity": {"algorithm": "sha256-jcs", "digest": "<sha256 of the JCS form without integrity>"}
//! }
//! ```
//!
//! Members are written in this order, pretty-printed; maps are sorted by key. Whole numbers are
//! written without a fraction (`420`, not `420.0`), so a file read and written again is
//! byte-identical. A future version adds a `v2.rs` and an upgrade path; this file never changes
//! meaning.

use crate::score::InputValue;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// Writes a double as an integer when it is whole (and exactly representable), else shortest.
pub(crate) fn num<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
        s.serialize_i64(*x as i64)
    } else {
        s.serialize_f64(*x)
    }
}

pub(crate) fn opt_num<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => num(x, s),
        None => s.serialize_none(),
    }
}

fn num_map<S: Serializer>(m: &BTreeMap<String, f64>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    struct N(f64);
    impl Serialize for N {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            num(&self.0, s)
        }
    }
    let mut map = s.serialize_map(Some(m.len()))?;
    for (k, v) in m {
        map.serialize_entry(k, &N(*v))?;
    }
    map.end()
}

fn inputs_map<S: Serializer>(m: &BTreeMap<String, InputValue>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    struct V<'a>(&'a InputValue);
    impl Serialize for V<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self.0 {
                InputValue::Number(n) => num(n, s),
                other => other.serialize(s),
            }
        }
    }
    let mut map = s.serialize_map(Some(m.len()))?;
    for (k, v) in m {
        map.serialize_entry(k, &V(v))?;
    }
    map.end()
}

/// A whole submission file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "AMPK submission, format version 1")]
pub struct SubmissionV1 {
    /// Always `"ampk-submission"`.
    pub format: String,
    /// Always `1`.
    pub format_version: u32,
    /// UUID v4, created once per draft.
    pub submission_id: String,
    /// Version of the kit that wrote the file.
    pub kit_version: String,
    pub rubric: RubricRefV1,
    pub agency: AgencyV1,
    /// Months of data the figures cover (1–12).
    pub months: u32,
    pub categories: BTreeMap<String, EntryV1>,
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

/// Which rubric the figures were entered against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricRefV1 {
    pub id: String,
    pub edition: u32,
    pub sha256: String,
}

/// The agency and its officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyV1 {
    #[serde(rename = "type")]
    pub agency_type: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub officer: OfficerV1,
}

/// The humas officer responsible for the submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfficerV1 {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// One category's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryV1 {
    #[serde(serialize_with = "inputs_map")]
    pub inputs: BTreeMap<String, InputValue>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The kit's projection for one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComputedV1 {
    #[serde(serialize_with = "num")]
    pub data_score: f64,
    pub predicate: String,
    #[serde(serialize_with = "num_map")]
    pub indicators: BTreeMap<String, f64>,
}

/// The integrity digest (not a signature).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IntegrityV1 {
    /// Always `"sha256-jcs"`.
    pub algorithm: String,
    /// Lowercase hex SHA-256.
    pub digest: String,
}
