//! Submissions (`../shared/spec/submission-format.md`): the domain type, reading with limits,
//! checking against a rubric, the canonical writer and the integrity digest.
//!
//! This module is the only serde boundary for submissions: `v1.rs` holds the wire types, and
//! the conversions between them and [`Submission`] live here.

pub mod v1;
pub mod v2;

use crate::i18n::Texts;
use crate::jcs;
use crate::json::{self, parse_date};
use crate::problem::{index, join, Lang, Problem, ProblemCode};
use crate::rubric::{Evidence, Rubric};
use crate::score::{self, Figures, Scorecard};
use crate::shape;
use serde::Deserialize;
#[cfg(feature = "exact-json")]
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use v1::{AgencyV1, ComputedV1, EntryV1, IntegrityV1, OfficerV1, RubricRefV1, SubmissionV1};
use v2::SubmissionV2;

/// The officer's answer to the coordinator's feedback on one field (format version 2).
pub use v2::ResponseV2 as Response;

/// Largest submission file, in bytes.
pub const MAX_BYTES: usize = 1 << 20;
/// Deepest nesting of arrays and objects.
pub const MAX_DEPTH: usize = 32;
/// Longest string, in characters.
pub const MAX_STRING: usize = 2000;
/// Most evidence links in one file.
pub const MAX_LINKS: usize = 500;
/// The format version of a first submission (revision 1, no responses): written exactly as before.
pub const FORMAT_VERSION: u64 = 1;
/// The newest format version this kit reads and writes (a revision answering feedback).
pub const LATEST_VERSION: u64 = 2;
/// The integrity algorithm name.
pub const DIGEST_ALGORITHM: &str = "sha256-jcs";
/// This kit's version, written into every export.
pub const KIT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What an agency submits: the content of a submission file, independent of its wire format.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub submission_id: String,
    pub kit_version: String,
    pub rubric_id: String,
    pub rubric_edition: u32,
    pub rubric_sha256: String,
    pub agency: Agency,
    pub months: u32,
    pub categories: BTreeMap<String, Entry>,
    pub jury_estimate: Option<f64>,
    /// 1 for a first submission; the revision answered plus one for an answer to feedback.
    pub revision: u32,
    /// The officer's answers to feedback, per field (`<category>.<input>[.<item>]`).
    pub responses: BTreeMap<String, Response>,
}

/// The agency and officer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Agency {
    pub agency_type: String,
    pub name: String,
    pub parent: Option<String>,
    pub officer_name: String,
    pub officer_email: Option<String>,
    pub officer_phone: Option<String>,
}

/// One category's figures, evidence and note.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    pub inputs: Figures,
    pub evidence: BTreeMap<String, Vec<String>>,
    pub note: Option<String>,
}

impl From<&Read> for Submission {
    fn from(r: &Read) -> Self {
        Submission { revision: r.revision, responses: r.responses.clone(), ..Submission::from(&r.wire) }
    }
}

impl From<&SubmissionV1> for Submission {
    /// The content of version 1's members (revision 1, no responses).
    fn from(w: &SubmissionV1) -> Self {
        Submission {
            submission_id: w.submission_id.clone(),
            kit_version: w.kit_version.clone(),
            rubric_id: w.rubric.id.clone(),
            rubric_edition: w.rubric.edition,
            rubric_sha256: w.rubric.sha256.clone(),
            agency: Agency {
                agency_type: w.agency.agency_type.clone(),
                name: w.agency.name.clone(),
                parent: w.agency.parent.clone(),
                officer_name: w.agency.officer.name.clone(),
                officer_email: w.agency.officer.email.clone(),
                officer_phone: w.agency.officer.phone.clone(),
            },
            months: w.months,
            categories: w
                .categories
                .iter()
                .map(|(k, e)| {
                    (k.clone(), Entry { inputs: e.inputs.clone(), evidence: e.evidence.clone(), note: e.note.clone() })
                })
                .collect(),
            jury_estimate: w.jury_estimate,
            revision: 1,
            responses: BTreeMap::new(),
        }
    }
}

/// Builds the wire form with a fresh `computed`, without `integrity`.
fn to_wire(rubric: &Rubric, s: &Submission, exported_at: &str) -> SubmissionV1 {
    let computed = s
        .categories
        .iter()
        .filter_map(|(id, e)| {
            let cat = rubric.category_index(id)?;
            let card = score::score(rubric, cat, &e.inputs, s.months);
            let indicators = card.rounded_indicators(rubric).map(|(id, s)| (id.to_string(), s)).collect();
            // The predicate in the first language (Indonesian): files do not depend on the
            // exporter's interface language.
            let predicate = card.predicate(rubric, Lang::default()).to_string();
            Some((id.clone(), ComputedV1 { data_score: card.rounded(), predicate, indicators }))
        })
        .collect();
    SubmissionV1 {
        format: "ampk-submission".into(),
        format_version: FORMAT_VERSION as u32,
        submission_id: s.submission_id.clone(),
        kit_version: s.kit_version.clone(),
        rubric: RubricRefV1 { id: s.rubric_id.clone(), edition: s.rubric_edition, sha256: s.rubric_sha256.clone() },
        agency: AgencyV1 {
            agency_type: s.agency.agency_type.clone(),
            name: s.agency.name.clone(),
            parent: s.agency.parent.clone(),
            officer: OfficerV1 {
                name: s.agency.officer_name.clone(),
                email: s.agency.officer_email.clone(),
                phone: s.agency.officer_phone.clone(),
            },
        },
        months: s.months,
        categories: s
            .categories
            .iter()
            .map(|(k, e)| {
                (k.clone(), EntryV1 { inputs: e.inputs.clone(), evidence: e.evidence.clone(), note: e.note.clone() })
            })
            .collect(),
        jury_estimate: s.jury_estimate,
        computed,
        exported_at: exported_at.to_string(),
        integrity: None,
    }
}

/// The integrity digest of a document: SHA-256 of its JCS form without `integrity`.
pub fn digest(doc: &Value) -> String {
    jcs::sha256_hex_without(doc, &["integrity"])
}

/// Writes a submission file: fixed member order, pretty-printed, `computed` from a fresh score,
/// and the integrity digest. The caller passes the clock in (`exported_at`, RFC 3339 UTC).
pub fn write(rubric: &Rubric, s: &Submission, exported_at: &str) -> String {
    serde_json::to_string_pretty(&document(rubric, s, exported_at)).expect("submission serialises") + "\n"
}

/// The document [`write`] prints: one serialisation to a value (whose member order is the
/// struct's), with the digest appended as the last member. A first submission (revision 1, no
/// responses) is version 1; a revision or an answer to feedback is version 2.
pub fn document(rubric: &Rubric, s: &Submission, exported_at: &str) -> Value {
    let wire = to_wire(rubric, s, exported_at);
    let mut value = if s.revision <= 1 && s.responses.is_empty() {
        serde_json::to_value(wire)
    } else {
        serde_json::to_value(SubmissionV2::from_v1(wire, s.revision.max(1), s.responses.clone()))
    }
    .expect("submission serialises");
    let integrity = IntegrityV1 { algorithm: DIGEST_ALGORITHM.into(), digest: digest(&value) };
    if let Value::Object(m) = &mut value {
        m.insert("integrity".into(), serde_json::to_value(integrity).expect("integrity serialises"));
    }
    value
}

/// A structurally valid submission file, as read. (Serialised without its document, for the
/// coordinator's workers: `import::FileReport::to_json`.)
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "exact-json", derive(Serialize, Deserialize))]
pub struct Read {
    /// The document as given (the digest is computed over it).
    #[cfg_attr(feature = "exact-json", serde(skip))]
    pub value: Value,
    /// Its typed wire form: version 1's members (a version 2 file's `format_version` stays 2).
    pub wire: SubmissionV1,
    /// The revision (1 for a version 1 file).
    pub revision: u32,
    /// The officer's answers to feedback (version 2; empty for version 1).
    pub responses: BTreeMap<String, Response>,
    /// The document's integrity digest as computed ([`digest`]), to compare with the embedded one.
    pub digest: String,
    /// The digest of the content alone (without `exported_at`, `integrity` and `computed`):
    /// equal for two exports of the same figures.
    pub content_key: String,
}

/// JSON Schema (draft 2020-12) of submission v1, generated from the wire types.
pub fn json_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(SubmissionV1)).expect("schema serialises")
}

/// JSON Schema (draft 2020-12) of submission v2, generated from the wire types.
pub fn json_schema_v2() -> Value {
    serde_json::to_value(schemars::schema_for!(SubmissionV2)).expect("schema serialises")
}

/// The committed copy of [`json_schema`], kept identical by a test.
pub const JSON_SCHEMA: &str = include_str!("../../../../schemas/ampk-submission-v1.schema.json");
/// The committed copy of [`json_schema_v2`], kept identical by a test.
pub const JSON_SCHEMA_V2: &str = include_str!("../../../../schemas/ampk-submission-v2.schema.json");

fn schema(version: u64) -> &'static Value {
    static V1: OnceLock<Value> = OnceLock::new();
    static V2: OnceLock<Value> = OnceLock::new();
    let (cell, text) = if version == 1 { (&V1, JSON_SCHEMA) } else { (&V2, JSON_SCHEMA_V2) };
    cell.get_or_init(|| serde_json::from_str(text).expect("committed schema parses"))
}

fn too_deep(path: &str) -> Problem {
    Problem::of(ProblemCode::TooDeep, path, |t| t.nested_too_deeply(MAX_DEPTH))
}

/// Where a value sits in a document, rendered as a JSON path only when a problem needs it.
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Item(&'a At<'a>, usize),
}

impl At<'_> {
    fn path(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(up, k) => join(&up.path(), k),
            At::Item(up, i) => index(&up.path(), *i),
        }
    }
}

/// Checks the limits of §1: depth, string length and number of evidence links.
fn limits(v: &Value) -> Vec<Problem> {
    fn walk(v: &Value, at: &At, depth: usize, out: &mut Vec<Problem>) {
        if out.len() >= 50 {
            return;
        }
        match v {
            Value::Array(_) | Value::Object(_) if depth > MAX_DEPTH => out.push(too_deep(&at.path())),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, &At::Item(at, i), depth + 1, out)),
            Value::Object(m) => {
                for (k, x) in m {
                    let here = At::Key(at, k);
                    // Byte length bounds the character count: count only when it may be over.
                    if k.len() > MAX_STRING && k.chars().count() > MAX_STRING {
                        out.push(too_long(&here.path(), k.chars().count()));
                    }
                    walk(x, &here, depth + 1, out);
                }
            }
            Value::String(s) if s.len() > MAX_STRING && s.chars().count() > MAX_STRING => {
                out.push(too_long(&at.path(), s.chars().count()))
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &At::Root, 1, &mut out);
    let links: usize = v
        .get("categories")
        .and_then(Value::as_object)
        .map(|cats| {
            cats.values()
                .filter_map(|e| e.get("evidence").and_then(Value::as_object))
                .flat_map(|ev| ev.values())
                .filter_map(Value::as_array)
                .map(Vec::len)
                .sum()
        })
        .unwrap_or(0);
    if links > MAX_LINKS {
        out.push(Problem::of(ProblemCode::TooManyLinks, "categories", |t| t.too_many_links(links, MAX_LINKS)));
    }
    out
}

fn too_long(path: &str, n: usize) -> Problem {
    Problem::of(ProblemCode::StringTooLong, path, |t| t.text_too_long(n, MAX_STRING))
}

/// Reads a submission file: size limit, JSON, limits, format and version, then the structure
/// (every problem with its JSON path).
pub fn read(bytes: &[u8]) -> Result<Read, Vec<Problem>> {
    // serde_json's own nesting limit (128) is met before ours can be checked: report it as ours.
    let value = json::parse_json_or(bytes, MAX_BYTES, |e| {
        e.to_string().contains("recursion limit exceeded").then(|| too_deep(""))
    })
    .map_err(|p| vec![p])?;
    let mut problems = limits(&value);
    match value.get("format") {
        Some(Value::String(f)) if f == "ampk-submission" => {}
        other => {
            problems.push(Problem::of(ProblemCode::Format, "format", |t| match other {
                Some(v) => t.not_a_submission(v),
                None => t.not_a_submission(t.member_absent()),
            }));
            return Err(problems);
        }
    }
    let version = match value.get("format_version").and_then(Value::as_u64) {
        Some(v @ (FORMAT_VERSION | LATEST_VERSION)) => v,
        Some(v) if v > LATEST_VERSION => {
            problems.push(Problem::of(ProblemCode::NewerVersion, "format_version", |t| t.submission_newer_version(v)));
            return Err(problems);
        }
        _ => {
            problems.push(Problem::of(ProblemCode::FormatVersion, "format_version", |t| t.submission_format_version()));
            return Err(problems);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    // A well-formed file deserialises straight into the wire types (serde checks every type,
    // required and unknown member, constant and width the schema states); the walk against
    // the schema, which reports every problem with its path, is needed only when it does not.
    // (`tests/submissions.rs` checks that the two agree on damaged documents.)
    if let Some(read) = typed(&value, version) {
        return Ok(with_digests(value, read));
    }
    let mut problems = shape::check(schema(version), &value);
    // The schema types these as uint32 but the walker does not check the width: without this,
    // serde would reject a larger number below with a message that has no path.
    let edition = value.get("rubric").and_then(|r| r.get("edition"));
    for (path, n) in [("months", value.get("months")), ("rubric.edition", edition), ("revision", value.get("revision"))]
    {
        if n.and_then(Value::as_u64).is_some_and(|n| n > u64::from(u32::MAX)) {
            problems.push(Problem::of(ProblemCode::OutOfRange, path, |t| t.more_than_maximum(u32::MAX)));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // The walk found nothing, so serde's error (if any) is one the schema cannot express.
    match typed_or_error(&value, version) {
        Ok(read) => Ok(with_digests(value, read)),
        Err(e) => Err(vec![json::structure(e)]),
    }
}

/// The typed form of a document of `version`, when it deserialises (its `value` left empty)
/// and has none of the shapes serde accepts but the schema does not: serde reads a struct from
/// an array of its fields and a unit enum variant from a one-member object, so an array is
/// allowed only as a list of evidence links, and a checklist's answers only as strings.
fn typed(value: &Value, version: u64) -> Option<Read> {
    let no_array = |v: &Value| match v {
        Value::Array(_) => false,
        Value::Object(m) => m.values().all(|x| !x.is_array()),
        _ => true,
    };
    let plain = |v: &Value| -> bool {
        let Value::Object(doc) = v else { return false };
        doc.iter().all(|(k, x)| match (k.as_str(), x) {
            ("categories", Value::Object(cats)) => cats.values().all(|e| match e {
                Value::Object(e) => e.iter().all(|(k, x)| match (k.as_str(), x) {
                    ("inputs", Value::Object(inputs)) => inputs.values().all(|i| match i {
                        Value::Object(answers) => answers.values().all(Value::is_string),
                        other => !other.is_array(),
                    }),
                    ("evidence", Value::Object(links)) => links.values().all(|l| match l {
                        Value::Array(a) => a.iter().all(|u| !u.is_array() && !u.is_object()),
                        other => !other.is_object(),
                    }),
                    (_, x) => !x.is_array() && !x.is_object(),
                }),
                other => !other.is_array(),
            }),
            ("computed", Value::Object(c)) => c.values().all(|x| match x {
                Value::Object(m) => m.values().all(no_array),
                other => !other.is_array(),
            }),
            (_, x) => no_array(x) && x.as_object().is_none_or(|m| m.values().all(no_array)),
        })
    };
    if !plain(value) {
        return None;
    }
    typed_or_error(value, version).ok()
}

fn typed_or_error(value: &Value, version: u64) -> Result<Read, serde_json::Error> {
    let (wire, revision, responses) = if version == FORMAT_VERSION {
        (SubmissionV1::deserialize(value)?, 1, BTreeMap::new())
    } else {
        SubmissionV2::deserialize(value)?.into_v1()
    };
    Ok(Read { value: Value::Null, wire, revision, responses, digest: String::new(), content_key: String::new() })
}

/// The read document with its two digests, made in one walk of it.
fn with_digests(value: Value, read: Read) -> Read {
    let (digest, content_key) = jcs::sha256_hex_pair(&value, &["integrity"], &["exported_at", "integrity", "computed"]);
    Read { value, digest, content_key, ..read }
}

/// Whether the embedded digest matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "exact-json", derive(Serialize, Deserialize))]
pub enum Integrity {
    /// The digest matches the content.
    Ok,
    /// The content changed after export (or the digest was edited).
    Mismatch,
    /// No `integrity` member.
    Missing,
}

/// The outcome of checking a read submission against a rubric.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "exact-json", derive(Serialize, Deserialize))]
pub struct Checked {
    /// Problems that make the file ineligible for ranking.
    #[cfg_attr(feature = "exact-json", serde(with = "crate::problem::by_index"))]
    pub errors: Vec<Problem>,
    /// Problems the coordinator should see, which do not block ranking.
    #[cfg_attr(feature = "exact-json", serde(with = "crate::problem::by_index"))]
    pub warnings: Vec<Problem>,
    /// Integrity status (`None` when the rubric did not match and nothing else was checked).
    pub integrity: Option<Integrity>,
    /// Fresh scorecards of the categories the file enters that exist in the rubric, in rubric order.
    pub cards: Vec<Scorecard>,
    /// Per scorecard: the score with inputs lacking required evidence counted as 0.
    pub evidence_risk: Vec<f64>,
}

impl Checked {
    /// Whether the file may be ranked.
    pub fn eligible(&self) -> bool {
        self.errors.is_empty()
    }
}

/// `8-4-4-4-12` hex digits with version 4 and the RFC 4122 variant.
pub fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            14 => *c == b'4',
            19 => matches!(c.to_ascii_lowercase(), b'8' | b'9' | b'a' | b'b'),
            _ => c.is_ascii_hexdigit(),
        })
}

fn is_semver(s: &str) -> bool {
    let core = s.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    let ok_tail = s[core.len()..].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())) && ok_tail
}

/// A sortable UTC time: year, month, day, hour, minute, second, nanosecond.
pub type Timestamp = (u32, u32, u32, u32, u32, u32, u64);

/// Parses an RFC 3339 UTC timestamp (`YYYY-MM-DDTHH:MM:SS[.fff]Z`) into a sortable key.
pub fn timestamp_key(s: &str) -> Option<Timestamp> {
    let (date, rest) = s.split_once(['T', 't'])?;
    let (y, mo, d) = parse_date(date)?;
    let time = rest.strip_suffix(['Z', 'z'])?;
    let (hms, frac) = match time.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (time, ""),
    };
    let p: Vec<&str> = hms.split(':').collect();
    if p.len() != 3 || p.iter().any(|x| x.len() != 2 || !x.bytes().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (h, mi, sec) = (p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?);
    if h > 23 || mi > 59 || sec > 60 || !frac.bytes().all(|c| c.is_ascii_digit()) || frac.len() > 9 {
        return None;
    }
    let nanos = format!("{frac:0<9}").parse().ok()?;
    Some((y, mo, d, h, mi, sec, nanos))
}

/// Whether a URL is an absolute `http(s)` link with a host and nothing that could be markup.
pub fn is_http_url(s: &str) -> bool {
    let scheme = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let rest = if scheme("https://") {
        &s[8..]
    } else if scheme("http://") {
        &s[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with(['.', '-', ':', '@'])
        && s.chars().all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '"' | '\\' | '`'))
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
        && !domain.contains('@')
}

fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && s.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.'))
}

/// Adds the problem `code` at `path` with the message `msg` (a catalogue key) to `out`.
fn err<M: Into<String>>(out: &mut Vec<Problem>, code: ProblemCode, path: impl Into<String>, msg: impl Fn(Texts) -> M) {
    out.push(Problem::of(code, path, msg));
}

/// Checks a read submission against the rubric loaded in the kit (import steps 3–5).
pub fn check(rubric: &Rubric, read: &Read) -> Checked {
    check_with(rubric, &Submission::from(read), read)
}

/// Checks a submission's content against the rubric: everything [`check`] does except what
/// belongs to a file (integrity digest, export time, embedded scores). The officer's draft is
/// checked this way on every change.
pub fn check_content(rubric: &Rubric, s: &Submission) -> Checked {
    check_with(rubric, s, &())
}

/// The checks that belong to a file rather than to its content, woven into [`check_with`] at
/// their places in the report. A draft has none.
trait FileChecks {
    /// The integrity status, with its warning.
    fn integrity(&self, _warnings: &mut Vec<Problem>) -> Option<Integrity> {
        None
    }
    /// After the header's content checks.
    fn header(&self, _errors: &mut Vec<Problem>, _warnings: &mut Vec<Problem>) {}
    /// After a category's content checks: its embedded scores against the re-score.
    fn category(&self, _rubric: &Rubric, _card: &Scorecard, _warnings: &mut Vec<Problem>) {}
    /// Last: embedded scores of categories without figures.
    fn tail(&self, _warnings: &mut Vec<Problem>) {}
}

impl FileChecks for () {}

impl FileChecks for Read {
    fn integrity(&self, warnings: &mut Vec<Problem>) -> Option<Integrity> {
        Some(match &self.wire.integrity {
            None => {
                err(warnings, ProblemCode::DigestMissing, "integrity", |t| t.digest_missing());
                Integrity::Missing
            }
            Some(i) if i.algorithm == DIGEST_ALGORITHM && i.digest == self.digest => Integrity::Ok,
            Some(_) => {
                err(warnings, ProblemCode::DigestMismatch, "integrity.digest", |t| t.digest_mismatch());
                Integrity::Mismatch
            }
        })
    }

    fn header(&self, errors: &mut Vec<Problem>, warnings: &mut Vec<Problem>) {
        let w = &self.wire;
        if timestamp_key(&w.exported_at).is_none() {
            err(errors, ProblemCode::BadTimestamp, "exported_at", |t| t.bad_timestamp());
        }
        if let Some(i) = &w.integrity {
            if i.algorithm != DIGEST_ALGORITHM {
                err(warnings, ProblemCode::DigestAlgorithm, "integrity.algorithm", |t| {
                    t.digest_algorithm(DIGEST_ALGORITHM, &i.algorithm)
                });
            }
        }
    }

    fn category(&self, rubric: &Rubric, card: &Scorecard, warnings: &mut Vec<Problem>) {
        let id = &rubric.file.categories[card.category].id;
        compare_computed(rubric, card, self.wire.computed.get(id), warnings);
    }

    fn tail(&self, warnings: &mut Vec<Problem>) {
        let w = &self.wire;
        for id in w.computed.keys().filter(|k| !w.categories.contains_key(*k)) {
            err(warnings, ProblemCode::ComputedDiffers, join("computed", id), |t| t.computed_without_figures(id));
        }
    }
}

fn check_with(rubric: &Rubric, w: &Submission, file: &impl FileChecks) -> Checked {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    if w.rubric_id != rubric.file.id || w.rubric_sha256 != rubric.sha256 {
        let short = |h: &str| h.chars().take(12).collect::<String>();
        let (file_fingerprint, kit_fingerprint) = (short(&w.rubric_sha256), short(&rubric.sha256));
        err(&mut errors, ProblemCode::RubricMismatch, "rubric", |t| {
            t.rubric_mismatch(
                t.rubric_named(w.rubric_edition, &file_fingerprint, &w.rubric_id),
                t.rubric_named(rubric.file.edition, &kit_fingerprint, &rubric.file.id),
                rubric.file.title.get(t.0),
            )
        });
        return Checked { errors, warnings, integrity: None, cards: Vec::new(), evidence_risk: Vec::new() };
    }
    let integrity = file.integrity(&mut warnings);
    check_header(rubric, w, &mut errors);
    file.header(&mut errors, &mut warnings);
    // Each card with its evidence risk, put in rubric order at the end (moved, not copied).
    let mut scored: Vec<(Scorecard, f64)> = Vec::new();
    for (cat_id, entry) in &w.categories {
        let base = join("categories", cat_id);
        let Some(cat) = rubric.category_index(cat_id) else {
            err(&mut errors, ProblemCode::UnknownCategory, base, |t| t.unknown_category(cat_id));
            continue;
        };
        let def = &rubric.file.categories[cat];
        if !def.eligible.contains(&w.agency.agency_type) {
            err(&mut errors, ProblemCode::IneligibleCategory, base.clone(), |t| {
                t.ineligible_category(&w.agency.agency_type, def.label.get(t.0))
            });
        }
        let card = score::score(rubric, cat, &entry.inputs, w.months.clamp(1, 12));
        for mut p in score::validate_scored(rubric, cat, &entry.inputs, &card) {
            p.path = format!("{base}.{}", p.path);
            errors.push(p);
        }
        let mut lacking = Vec::new();
        let evidence = join(&base, "evidence");
        for (slot, d) in def.inputs.iter().enumerate() {
            let links = entry.evidence.get(&d.id).map(Vec::as_slice).unwrap_or_default();
            if d.evidence == Evidence::Required && links.is_empty() && entry.inputs.contains_key(&d.id) {
                lacking.push(slot);
                // The most frequent problem of a batch: its message is made once per label.
                let label = Lang::ALL.map(|l| d.label.get(l));
                let p = Problem::of_keyed(ProblemCode::EvidenceMissing, join(&evidence, &d.id), &label, |t| {
                    t.evidence_missing(d.label.get(t.0))
                });
                warnings.push(p);
            }
        }
        for (input, links) in &entry.evidence {
            let p = || join(&evidence, input);
            if !def.inputs.iter().any(|d| &d.id == input) {
                err(&mut errors, ProblemCode::EvidenceUnknownInput, p(), |t| t.evidence_unknown_input(input));
            }
            for (i, url) in links.iter().enumerate() {
                if !is_http_url(url) {
                    err(&mut errors, ProblemCode::BadUrl, index(&p(), i), |t| t.bad_url());
                }
            }
        }
        file.category(rubric, &card, &mut warnings);
        let risk = score::score_with_zeroed(rubric, &card, &lacking).data_score;
        scored.push((card, risk));
    }
    check_responses(rubric, w, &mut errors);
    file.tail(&mut warnings);
    crate::util::sort_small(&mut scored, |a, b| a.0.category.cmp(&b.0.category));
    let (cards, evidence_risk) = scored.into_iter().unzip();
    Checked { errors, warnings, integrity, cards, evidence_risk }
}

/// Every response names a field of a category the submission enters: `<category>.<input>`, or
/// `<category>.<input>.<item>` for a checklist item; a revision is at least 1.
fn check_responses(rubric: &Rubric, w: &Submission, errors: &mut Vec<Problem>) {
    if w.revision == 0 {
        err(errors, ProblemCode::OutOfRange, "revision", |t| t.less_than_minimum(1));
    }
    for key in w.responses.keys() {
        let mut parts = key.splitn(3, '.');
        let (cat, input, item) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next());
        let def = rubric
            .category_index(cat)
            .filter(|_| w.categories.contains_key(cat))
            .and_then(|c| rubric.file.categories[c].inputs.iter().find(|d| d.id == input));
        let known = def.is_some_and(|d| match (d.items.as_deref(), item) {
            (Some(items), Some(item)) => items.iter().any(|i| i.id == item),
            (_, None) => true,
            (None, Some(_)) => false,
        });
        if !known {
            err(errors, ProblemCode::UnknownKey, join("responses", key), |t| t.response_unknown_field(key));
        }
    }
}

fn check_header(rubric: &Rubric, w: &Submission, errors: &mut Vec<Problem>) {
    if !is_uuid_v4(&w.submission_id) {
        err(errors, ProblemCode::BadSubmissionId, "submission_id", |t| t.bad_submission_id());
    }
    if !is_semver(&w.kit_version) {
        err(errors, ProblemCode::BadKitVersion, "kit_version", |t| t.bad_kit_version());
    }
    if !(1..=12).contains(&w.months) {
        err(errors, ProblemCode::MonthsRange, "months", |t| t.months_range(w.months));
    }
    let a = &w.agency;
    if !rubric.file.agency_types.iter().any(|t| t.id == a.agency_type) {
        let known: Vec<&str> = rubric.file.agency_types.iter().map(|t| t.id.as_str()).collect();
        let allowed = known.join(", ");
        err(errors, ProblemCode::UnknownAgencyType, "agency.type", |t| t.unknown_agency_type(&a.agency_type, &allowed));
    }
    let n = a.name.trim().chars().count();
    if !(3..=200).contains(&n) {
        err(errors, ProblemCode::AgencyNameLength, "agency.name", |t| t.agency_name_length(n));
    }
    if a.agency_type == "uptd" && a.parent.as_deref().is_none_or(|p| p.trim().is_empty()) {
        err(errors, ProblemCode::ParentRequired, "agency.parent", |t| t.parent_required());
    }
    if a.officer_name.trim().is_empty() {
        err(errors, ProblemCode::OfficerName, "agency.officer.name", |t| t.officer_name_required());
    }
    if let Some(e) = &a.officer_email {
        if !is_email(e) {
            err(errors, ProblemCode::BadEmail, "agency.officer.email", |t| t.bad_email());
        }
    }
    if let Some(p) = &a.officer_phone {
        if !is_phone(p) {
            err(errors, ProblemCode::BadPhone, "agency.officer.phone", |t| t.bad_phone());
        }
    }
    if w.categories.is_empty() {
        err(errors, ProblemCode::NoCategories, "categories", |t| t.no_categories());
    }
    if let Some(j) = w.jury_estimate {
        if !(0.0..=100.0).contains(&j) {
            let estimate = crate::fmt::plain(j);
            err(errors, ProblemCode::JuryEstimateRange, "jury_estimate", |t| t.jury_estimate_range(&estimate));
        }
    }
}

fn compare_computed(rubric: &Rubric, card: &Scorecard, embedded: Option<&ComputedV1>, out: &mut Vec<Problem>) {
    let cat_id = &rubric.file.categories[card.category].id;
    let path = join("computed", cat_id);
    let Some(c) = embedded else {
        return;
    };
    let fresh = card.rounded();
    let mut diffs = Vec::new();
    if c.data_score != fresh {
        diffs.push(format!("data_score {} → {}", c.data_score, fresh));
    }
    // Files carry the predicate of the first language; one in another language is as good.
    let predicate = card.predicate(rubric, Lang::default());
    if Lang::ALL.iter().all(|&l| c.predicate != card.predicate(rubric, l)) {
        diffs.push(format!("predicate \"{}\" → \"{predicate}\"", c.predicate));
    }
    for (id, fresh) in card.rounded_indicators(rubric) {
        match c.indicators.get(id) {
            Some(v) if *v == fresh => {}
            Some(v) => diffs.push(format!("{id} {v} → {fresh}")),
            None => diffs.push(format!("{id} (–) → {fresh}")),
        }
    }
    if !diffs.is_empty() {
        let list = diffs.join(", ");
        err(out, ProblemCode::ComputedDiffers, path, |t| t.computed_differs(&list));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn uuid_semver_timestamp_url_rules() {
        assert!(is_uuid_v4("3f2b8c1e-9a4d-4c2e-8f1a-0b6d5e7c9a21"));
        assert!(!is_uuid_v4("3f2b8c1e-9a4d-1c2e-8f1a-0b6d5e7c9a21"), "version 1");
        assert!(!is_uuid_v4("3f2b8c1e-9a4d-4c2e-cf1a-0b6d5e7c9a21"), "variant");
        assert!(is_semver("0.1.0") && is_semver("1.2.3-rc.1+build.5"));
        assert!(!is_semver("1.2") && !is_semver("1.2.x") && !is_semver("v1.2.3"));
        assert!(timestamp_key("2025-11-02T03:04:05Z").is_some());
        assert!(timestamp_key("2025-11-02T03:04:05.5Z").unwrap() > timestamp_key("2025-11-02T03:04:05Z").unwrap());
        assert!(timestamp_key("2025-11-02T03:04:05+07:00").is_none());
        assert!(timestamp_key("2025-11-02 03:04:05Z").is_none());
        assert!(is_http_url("https://mc.kalselprov.go.id/berita?id=1#x"));
        assert!(is_http_url("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "https://",
            "ftp://x.org",
            "https://exa mple.org",
            "https://x.org/\"><img>",
            "//x.org",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
        assert!(is_email("humas@kalselprov.go.id") && !is_email("humas@") && !is_email("a b@c.d"));
        assert!(is_phone("+62 511 1234567") && !is_phone("12") && !is_phone("0511-CALL-ME"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn digest_ignores_the_integrity_member() {
        let a: Value = serde_json::json!({"x": 1, "integrity": {"digest": "abc"}});
        let b: Value = serde_json::json!({"x": 1.0});
        assert_eq!(digest(&a), digest(&b));
    }
}
