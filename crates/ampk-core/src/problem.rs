//! Problems found in a file or a form: a stable code, a JSON path and a message in every
//! language (from the text catalogue).

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

pub use crate::i18n::Lang;
use crate::i18n::{Texts, LANG_COUNT};

/// One problem, located by a JSON path such as `categories[2].indicators[0].scale.max`
/// (the empty path is the document itself). Serialised as `{"code", "path", <tag>: message…}`
/// (`{"code", "path", "id", "en"}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable machine code, e.g. `unknown_member` or `weights_sum`.
    pub code: ProblemCode,
    /// JSON path of the offending value.
    pub path: String,
    /// The message in each language, in `Lang::ALL` order.
    messages: [String; LANG_COUNT],
}

impl Problem {
    /// Builds a problem; its message is `msg` of each language's texts.
    pub fn of(code: ProblemCode, path: impl Into<String>, msg: impl Fn(Texts) -> String) -> Self {
        Problem { code, path: path.into(), messages: Lang::ALL.map(|l| msg(l.texts())) }
    }

    /// Builds a problem from a message in each language, in `Lang::ALL` order.
    pub fn new(code: ProblemCode, path: impl Into<String>, id: impl Into<String>, en: impl Into<String>) -> Self {
        Problem { code, path: path.into(), messages: [id.into(), en.into()] }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        &self.messages[lang as usize]
    }

    /// The path for display: the document itself is shown as `(root)`.
    pub fn display_path(&self) -> &str {
        if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2 + LANG_COUNT))?;
        m.serialize_entry("code", &self.code)?;
        m.serialize_entry("path", &self.path)?;
        for l in Lang::ALL {
            m.serialize_entry(l.tag(), self.message(l))?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Problem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Problem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a problem: code, path and a message per language")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Problem, A::Error> {
                let (mut code, mut path, mut messages) = (None, None, [const { None::<String> }; LANG_COUNT]);
                while let Some(k) = a.next_key::<String>()? {
                    match k.as_str() {
                        "code" => code = Some(a.next_value()?),
                        "path" => path = Some(a.next_value()?),
                        tag => match Lang::ALL.into_iter().find(|l| l.tag() == tag) {
                            Some(l) => messages[l as usize] = Some(a.next_value()?),
                            None => return Err(de::Error::unknown_field(tag, &["code", "path"])),
                        },
                    }
                }
                let missing = |m| de::Error::missing_field(m);
                let mut out = [const { String::new() }; LANG_COUNT];
                for (l, m) in Lang::ALL.into_iter().zip(messages) {
                    out[l as usize] = m.ok_or_else(|| missing(l.tag()))?;
                }
                Ok(Problem {
                    code: code.ok_or_else(|| missing("code"))?,
                    path: path.ok_or_else(|| missing("path"))?,
                    messages: out,
                })
            }
        }
        d.deserialize_map(V)
    }
}

/// For developers (logs, test failures): the English message.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.display_path(), self.message(Lang::En), self.code)
    }
}

/// Every problem code. Serialised as today's snake_case strings (`reasons[].code` in files and
/// in `ampk rank --json` is unchanged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    AboveMax,
    AgencyNameLength,
    AgencyTypeMissing,
    BadEmail,
    BadKitVersion,
    BadPhone,
    BadRequest,
    BadSubmissionId,
    BadTimestamp,
    BadUrl,
    BandLastZero,
    BandMinRange,
    BandOrder,
    BandStepsUnique,
    BelowMin,
    CheckComparison,
    CheckFailed,
    ChecklistItems,
    ComputedDiffers,
    DigestAlgorithm,
    DigestMismatch,
    DigestMissing,
    DownloadFailed,
    DuplicateId,
    DuplicateIdentical,
    EditionRange,
    Empty,
    EvidenceMissing,
    EvidenceUnknownInput,
    ExprSyntax,
    ExprTooDeep,
    FinalWeights,
    Format,
    FormatVersion,
    IdPattern,
    IneligibleCategory,
    InputReservedId,
    ItemsNotChecklist,
    JuryCategory,
    JuryDuplicate,
    JuryEstimateRange,
    JuryHeader,
    JuryRow,
    JuryScore,
    LimitsNotNumeric,
    MinMax,
    MissingInput,
    MissingMember,
    MonthsRange,
    NewerVersion,
    NoCategories,
    NotANumber,
    NotAllowed,
    NotAllowedValue,
    NotJson,
    NotWhole,
    OfficerName,
    OutOfRange,
    ParentRequired,
    PeriodDate,
    PeriodOrder,
    RequiresUnknown,
    RubricMismatch,
    ScaleParams,
    StringTooLong,
    Structure,
    SupersededSameAgency,
    SupersededSameId,
    TextWithoutId,
    TieBreakUnknown,
    TooDeep,
    TooLarge,
    TooLong,
    TooManyLinks,
    TooShort,
    UnknownAgencyType,
    UnknownCategory,
    UnknownFunction,
    UnknownIdentifier,
    UnknownInput,
    UnknownItem,
    UnknownMember,
    Unreadable,
    WeightPositive,
    WeightsSum,
    WhenUndefinedRange,
    WinnersRange,
    WorkerFailed,
    WrongKind,
    WrongType,
}

impl ProblemCode {
    /// The code as written in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::AboveMax => "above_max",
            ProblemCode::AgencyNameLength => "agency_name_length",
            ProblemCode::AgencyTypeMissing => "agency_type_missing",
            ProblemCode::BadEmail => "bad_email",
            ProblemCode::BadKitVersion => "bad_kit_version",
            ProblemCode::BadPhone => "bad_phone",
            ProblemCode::BadRequest => "bad_request",
            ProblemCode::BadSubmissionId => "bad_submission_id",
            ProblemCode::BadTimestamp => "bad_timestamp",
            ProblemCode::BadUrl => "bad_url",
            ProblemCode::BandLastZero => "band_last_zero",
            ProblemCode::BandMinRange => "band_min_range",
            ProblemCode::BandOrder => "band_order",
            ProblemCode::BandStepsUnique => "band_steps_unique",
            ProblemCode::BelowMin => "below_min",
            ProblemCode::CheckComparison => "check_comparison",
            ProblemCode::CheckFailed => "check_failed",
            ProblemCode::ChecklistItems => "checklist_items",
            ProblemCode::ComputedDiffers => "computed_differs",
            ProblemCode::DigestAlgorithm => "digest_algorithm",
            ProblemCode::DigestMismatch => "digest_mismatch",
            ProblemCode::DigestMissing => "digest_missing",
            ProblemCode::DownloadFailed => "download_failed",
            ProblemCode::DuplicateId => "duplicate_id",
            ProblemCode::DuplicateIdentical => "duplicate_identical",
            ProblemCode::EditionRange => "edition_range",
            ProblemCode::Empty => "empty",
            ProblemCode::EvidenceMissing => "evidence_missing",
            ProblemCode::EvidenceUnknownInput => "evidence_unknown_input",
            ProblemCode::ExprSyntax => "expr_syntax",
            ProblemCode::ExprTooDeep => "expr_too_deep",
            ProblemCode::FinalWeights => "final_weights",
            ProblemCode::Format => "format",
            ProblemCode::FormatVersion => "format_version",
            ProblemCode::IdPattern => "id_pattern",
            ProblemCode::IneligibleCategory => "ineligible_category",
            ProblemCode::InputReservedId => "input_reserved_id",
            ProblemCode::ItemsNotChecklist => "items_not_checklist",
            ProblemCode::JuryCategory => "jury_category",
            ProblemCode::JuryDuplicate => "jury_duplicate",
            ProblemCode::JuryEstimateRange => "jury_estimate_range",
            ProblemCode::JuryHeader => "jury_header",
            ProblemCode::JuryRow => "jury_row",
            ProblemCode::JuryScore => "jury_score",
            ProblemCode::LimitsNotNumeric => "limits_not_numeric",
            ProblemCode::MinMax => "min_max",
            ProblemCode::MissingInput => "missing_input",
            ProblemCode::MissingMember => "missing_member",
            ProblemCode::MonthsRange => "months_range",
            ProblemCode::NewerVersion => "newer_version",
            ProblemCode::NoCategories => "no_categories",
            ProblemCode::NotANumber => "not_a_number",
            ProblemCode::NotAllowed => "not_allowed",
            ProblemCode::NotAllowedValue => "not_allowed_value",
            ProblemCode::NotJson => "not_json",
            ProblemCode::NotWhole => "not_whole",
            ProblemCode::OfficerName => "officer_name",
            ProblemCode::OutOfRange => "out_of_range",
            ProblemCode::ParentRequired => "parent_required",
            ProblemCode::PeriodDate => "period_date",
            ProblemCode::PeriodOrder => "period_order",
            ProblemCode::RequiresUnknown => "requires_unknown",
            ProblemCode::RubricMismatch => "rubric_mismatch",
            ProblemCode::ScaleParams => "scale_params",
            ProblemCode::StringTooLong => "string_too_long",
            ProblemCode::Structure => "structure",
            ProblemCode::SupersededSameAgency => "superseded_same_agency",
            ProblemCode::SupersededSameId => "superseded_same_id",
            ProblemCode::TextWithoutId => "text_without_id",
            ProblemCode::TieBreakUnknown => "tie_break_unknown",
            ProblemCode::TooDeep => "too_deep",
            ProblemCode::TooLarge => "too_large",
            ProblemCode::TooLong => "too_long",
            ProblemCode::TooManyLinks => "too_many_links",
            ProblemCode::TooShort => "too_short",
            ProblemCode::UnknownAgencyType => "unknown_agency_type",
            ProblemCode::UnknownCategory => "unknown_category",
            ProblemCode::UnknownFunction => "unknown_function",
            ProblemCode::UnknownIdentifier => "unknown_identifier",
            ProblemCode::UnknownInput => "unknown_input",
            ProblemCode::UnknownItem => "unknown_item",
            ProblemCode::UnknownMember => "unknown_member",
            ProblemCode::Unreadable => "unreadable",
            ProblemCode::WeightPositive => "weight_positive",
            ProblemCode::WeightsSum => "weights_sum",
            ProblemCode::WhenUndefinedRange => "when_undefined_range",
            ProblemCode::WinnersRange => "winners_range",
            ProblemCode::WorkerFailed => "worker_failed",
            ProblemCode::WrongKind => "wrong_kind",
            ProblemCode::WrongType => "wrong_type",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and reports compare codes with their written form (`p.code == "weights_sum"`).
impl PartialEq<&str> for ProblemCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for ProblemCode {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// Appends a member name to a JSON path.
pub fn join(path: &str, key: &str) -> String {
    let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match (path.is_empty(), simple) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", serde_json::Value::String(key.to_string())),
    }
}

/// Appends an array index to a JSON path.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn paths_join_members_and_indexes() {
        assert_eq!(join("", "categories"), "categories");
        assert_eq!(index("categories", 2), "categories[2]");
        assert_eq!(join("categories[2]", "scale"), "categories[2].scale");
        assert_eq!(join("evidence", "a b"), "evidence[\"a b\"]");
        assert_eq!(join("", ""), "[\"\"]");
    }
}
