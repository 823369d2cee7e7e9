//! Problems found in a file or a form: a stable code, a JSON path and a message in every
//! language (from the text catalogue).

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

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
    /// The message in each language, in `Lang::ALL` order; shared between copies of the problem
    /// (and, with the `intern` feature, between equal messages).
    messages: Arc<[String; LANG_COUNT]>,
}

impl Problem {
    /// Builds a problem; its message is `msg` of each language's texts, a catalogue key such as
    /// `|t| t.months_range(m)` (or `|t| t.bad_email()`).
    pub fn of<M: Into<String>>(code: ProblemCode, path: impl Into<String>, msg: impl Fn(Texts) -> M) -> Self {
        Self::of_dyn(code, path.into(), &msg)
    }

    /// [`Problem::of`] without its type parameters: one copy in the bundle, not one per problem.
    fn of_dyn(code: ProblemCode, path: String, msg: &dyn Message) -> Self {
        Problem { code, path, messages: intern(Lang::ALL.map(|l| msg.message(l.texts()))) }
    }

    /// [`Problem::of`] for a message made from `key` alone (one text per language, say an
    /// input's label): the messages made last for the same code and key on this thread are
    /// shared, unformatted. A batch of files lacking evidence repeats a few such messages tens of
    /// thousands of times. `key` must hold everything `msg` reads.
    pub fn of_keyed<M: Into<String>>(
        code: ProblemCode,
        path: impl Into<String>,
        key: &[&str],
        msg: impl Fn(Texts) -> M,
    ) -> Self {
        Self::of_keyed_dyn(code, path.into(), key, &msg)
    }

    #[cfg(feature = "intern")]
    fn of_keyed_dyn(code: ProblemCode, path: String, key: &[&str], msg: &dyn Message) -> Self {
        use std::cell::RefCell;
        use std::collections::HashMap;
        use std::hash::{BuildHasher, RandomState};
        type Made = (ProblemCode, Box<[Box<str>]>, Arc<[String; LANG_COUNT]>);
        thread_local! {
            static MADE: (RandomState, RefCell<HashMap<u64, Made>>) = Default::default();
        }
        MADE.with(|(state, made)| {
            let h = state.hash_one((code, key));
            let mut made = made.borrow_mut();
            // A slot per hash: a collision (or a slot of another key) is made afresh and replaces it.
            if let Some((c, k, m)) = made.get(&h) {
                if *c == code && k.iter().map(AsRef::as_ref).eq(key.iter().copied()) {
                    return Problem { code, path, messages: m.clone() };
                }
            }
            if made.len() >= TABLE_MAX {
                made.clear();
            }
            let p = Self::of_dyn(code, path, msg);
            made.insert(h, (code, key.iter().map(|&k| k.into()).collect(), p.messages.clone()));
            p
        })
    }

    /// Without `intern` (the officer's page): made each time.
    #[cfg(not(feature = "intern"))]
    fn of_keyed_dyn(code: ProblemCode, path: String, _key: &[&str], msg: &dyn Message) -> Self {
        Self::of_dyn(code, path, msg)
    }

    /// A problem from its parts, its messages in `Lang::ALL` order: one read back from
    /// another module's reply.
    pub fn from_parts(code: ProblemCode, path: String, messages: [String; LANG_COUNT]) -> Self {
        Problem { code, path, messages: intern(messages) }
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

/// How many messages a thread's tables (`intern`, `Problem::of_keyed`) hold before they are
/// emptied.
#[cfg(feature = "intern")]
const TABLE_MAX: usize = 4096;

/// The messages of a problem, shared with an equal earlier one of this thread: a batch of
/// thousands of files repeats the same few hundred messages (one per input lacking evidence),
/// so it keeps each once. The thread's table is emptied when it grows large.
#[cfg(feature = "intern")]
fn intern(m: [String; LANG_COUNT]) -> Arc<[String; LANG_COUNT]> {
    use std::cell::RefCell;
    use std::collections::HashSet;
    thread_local! {
        static SEEN: RefCell<HashSet<Arc<[String; LANG_COUNT]>>> = RefCell::new(HashSet::new());
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(a) = seen.get(&m) {
            return a.clone();
        }
        if seen.len() >= TABLE_MAX {
            seen.clear();
        }
        let a = Arc::new(m);
        seen.insert(a.clone());
        a
    })
}

/// Without `intern` (the officer's page, which has a handful of problems at a time): no table.
#[cfg(not(feature = "intern"))]
fn intern(m: [String; LANG_COUNT]) -> Arc<[String; LANG_COUNT]> {
    Arc::new(m)
}

/// A problem's message, as [`Problem::of`] takes it. A trait of its own rather than `dyn Fn`: its
/// objects carry one method, not the three call shims of a closure's.
trait Message {
    fn message(&self, t: Texts) -> String;
}

impl<M: Into<String>, F: Fn(Texts) -> M> Message for F {
    fn message(&self, t: Texts) -> String {
        self(t).into()
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
        d.deserialize_map(ProblemVisitor::<false>)
    }
}

/// Reads a problem; its code is written (`"weights_sum"`), or with `BY_INDEX` its place in
/// [`ProblemCode::ALL`] (see [`by_index`]).
struct ProblemVisitor<const BY_INDEX: bool>;

impl<'de, const BY_INDEX: bool> Visitor<'de> for ProblemVisitor<BY_INDEX> {
    type Value = Problem;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a problem: code, path and a message per language")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Problem, A::Error> {
        let (mut code, mut path, mut messages) = (None, None, [const { None::<String> }; LANG_COUNT]);
        #[cfg(feature = "exact-json")]
        let mut number: Option<u64> = None;
        while let Some(k) = a.next_key::<String>()? {
            match k.as_str() {
                // A place no code has (a worker from another build, cached): still a problem
                // to show, as the worker's failure, rather than a second error path.
                "code" if BY_INDEX => {
                    let i: usize = a.next_value()?;
                    code = Some(ProblemCode::ALL.get(i).copied().unwrap_or(ProblemCode::WorkerFailed));
                }
                "code" => code = Some(a.next_value()?),
                "path" => path = Some(a.next_value()?),
                #[cfg(feature = "exact-json")]
                "m" if BY_INDEX => number = Some(a.next_value()?),
                tag => match Lang::ALL.into_iter().find(|l| l.tag() == tag) {
                    Some(l) => messages[l as usize] = Some(a.next_value()?),
                    None => return Err(de::Error::unknown_field(tag, &["code", "path"])),
                },
            }
        }
        let missing = |m| de::Error::missing_field(m);
        let (code, path) = (code.ok_or_else(|| missing("code"))?, path.ok_or_else(|| missing("path"))?);
        #[cfg(feature = "exact-json")]
        if let (Some(k), true) = (number, messages.iter().all(Option::is_none)) {
            return Ok(Problem { code, path, messages: numbered::get(k).ok_or_else(|| missing("m"))? });
        }
        let mut out = [const { String::new() }; LANG_COUNT];
        for (l, m) in Lang::ALL.into_iter().zip(messages) {
            out[l as usize] = m.ok_or_else(|| missing(l.tag()))?;
        }
        let messages = intern(out);
        #[cfg(feature = "exact-json")]
        if let Some(k) = number {
            numbered::keep(k, &messages);
        }
        Ok(Problem { code, path, messages })
    }
}

/// Problems between two modules built together (the officer's page and its worker): each code
/// travels as its place in [`ProblemCode::ALL`], so the page, which only reads them, carries no
/// table of every code's written form. Use with `#[serde(with = "crate::problem::by_index")]`.
pub mod by_index {
    use super::{Lang, Problem, ProblemVisitor, LANG_COUNT};
    use serde::de::{SeqAccess, Visitor};
    use serde::ser::{SerializeMap, SerializeSeq};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    /// Writes the problems with their codes' places.
    pub fn serialize<S: Serializer>(problems: &[Problem], s: S) -> Result<S::Ok, S::Error> {
        struct One<'a>(&'a Problem);
        impl serde::Serialize for One<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(2 + LANG_COUNT))?;
                m.serialize_entry("code", &(self.0.code as usize))?;
                m.serialize_entry("path", &self.0.path)?;
                #[cfg(feature = "exact-json")]
                if let Some((k, new)) = super::numbered::number(&self.0.messages) {
                    m.serialize_entry("m", &k)?;
                    if !new {
                        return m.end();
                    }
                }
                for l in Lang::ALL {
                    m.serialize_entry(l.tag(), self.0.message(l))?;
                }
                m.end()
            }
        }
        let mut seq = s.serialize_seq(Some(problems.len()))?;
        for p in problems {
            seq.serialize_element(&One(p))?;
        }
        seq.end()
    }

    /// Reads problems written by [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Problem>, D::Error> {
        struct Seq;
        struct One(Problem);
        impl<'de> serde::Deserialize<'de> for One {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_map(ProblemVisitor::<true>).map(One)
            }
        }
        impl<'de> Visitor<'de> for Seq {
            type Value = Vec<Problem>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of problems")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Vec<Problem>, A::Error> {
                let mut out = Vec::new();
                while let Some(One(p)) = a.next_element()? {
                    out.push(p);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(Seq)
    }
}

/// The messages of a stream of reports between two modules (a coordinator's reader and the page,
/// `import::FileReport::to_json`), written by [`by_index`]: once a writing thread numbers them
/// ([`numbered::number_from`]), each message goes in full with a number the first time and by
/// that number alone after (a batch repeats the same few hundred messages thousands of times).
/// The reading thread keeps every message read with its number: the page gives each reader its
/// own range of numbers, so that it reads several streams at once.
#[cfg(feature = "exact-json")]
pub mod numbered {
    use super::{Arc, LANG_COUNT};
    use std::cell::RefCell;
    use std::collections::HashMap;

    type Messages = Arc<[String; LANG_COUNT]>;

    struct Writer {
        numbers: HashMap<Messages, u64>,
        next: u64,
    }

    thread_local! {
        static WRITER: RefCell<Option<Writer>> = const { RefCell::new(None) };
        static READ: RefCell<HashMap<u64, Messages>> = RefCell::new(HashMap::new());
    }

    /// From now on, this thread numbers the messages it writes from `first` on.
    pub fn number_from(first: u64) {
        WRITER.with(|w| *w.borrow_mut() = Some(Writer { numbers: HashMap::new(), next: first }));
    }

    /// This thread numbers no more (the tests' threads are shared on wasm32).
    #[cfg(test)]
    pub(crate) fn stop() {
        WRITER.with(|w| *w.borrow_mut() = None);
    }

    /// The number of messages about to be written, and whether they are new (written in full
    /// too); `None` when this thread does not number them.
    pub(super) fn number(m: &Messages) -> Option<(u64, bool)> {
        WRITER.with(|w| {
            let mut w = w.borrow_mut();
            let w = w.as_mut()?;
            if let Some(&k) = w.numbers.get(m) {
                return Some((k, false));
            }
            let k = w.next;
            w.next += 1;
            w.numbers.insert(m.clone(), k);
            Some((k, true))
        })
    }

    /// Keeps messages read in full with their number.
    pub(super) fn keep(k: u64, m: &Messages) {
        READ.with(|r| r.borrow_mut().insert(k, m.clone()));
    }

    /// Messages read earlier by their number.
    pub(super) fn get(k: u64) -> Option<Messages> {
        READ.with(|r| r.borrow().get(&k).cloned())
    }
}

/// For developers (logs, test failures): the English message.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.display_path(), self.message(Lang::En), self.code)
    }
}

/// Defines [`ProblemCode`], its list and its written forms from one table, so that the three
/// cannot drift apart.
macro_rules! problem_codes {
    ($($variant:ident = $name:literal,)*) => {
        /// Every problem code. Serialised as today's snake_case strings (`reasons[].code` in files
        /// and in `ampk rank --json` is unchanged).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ProblemCode {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
        }

        impl ProblemCode {
            /// Every code, in order.
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant,)*];

            /// The code as written in files and reports.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $name,)*
                }
            }
        }
    };
}

problem_codes! {
    AboveMax = "above_max",
    AgencyNameLength = "agency_name_length",
    AgencyTypeMissing = "agency_type_missing",
    BadChoice = "bad_choice",
    BadEmail = "bad_email",
    BadKitVersion = "bad_kit_version",
    BadPhone = "bad_phone",
    BadRequest = "bad_request",
    BadSubmissionId = "bad_submission_id",
    BadTimestamp = "bad_timestamp",
    BadUrl = "bad_url",
    BandLastZero = "band_last_zero",
    BandMinRange = "band_min_range",
    BandOrder = "band_order",
    BandStepsUnique = "band_steps_unique",
    BelowMin = "below_min",
    CellError = "cell_error",
    CheckComparison = "check_comparison",
    CheckFailed = "check_failed",
    ChecklistItems = "checklist_items",
    ComputedDiffers = "computed_differs",
    DigestAlgorithm = "digest_algorithm",
    DigestMismatch = "digest_mismatch",
    DigestMissing = "digest_missing",
    DownloadFailed = "download_failed",
    DuplicateColumn = "duplicate_column",
    DuplicateId = "duplicate_id",
    DuplicateIdentical = "duplicate_identical",
    DuplicateKey = "duplicate_key",
    EditionRange = "edition_range",
    Empty = "empty",
    EvidenceMissing = "evidence_missing",
    EvidenceUnknownInput = "evidence_unknown_input",
    ExprSyntax = "expr_syntax",
    ExprTooDeep = "expr_too_deep",
    FinalWeights = "final_weights",
    Format = "format",
    FormatVersion = "format_version",
    IdPattern = "id_pattern",
    IneligibleCategory = "ineligible_category",
    InputReservedId = "input_reserved_id",
    ItemRequired = "item_required",
    ItemsNotChecklist = "items_not_checklist",
    JuryCategory = "jury_category",
    JuryDuplicate = "jury_duplicate",
    JuryEstimateRange = "jury_estimate_range",
    JuryHeader = "jury_header",
    JuryRow = "jury_row",
    JuryScore = "jury_score",
    LimitsNotNumeric = "limits_not_numeric",
    MinMax = "min_max",
    MissingColumn = "missing_column",
    MissingInput = "missing_input",
    MissingKey = "missing_key",
    MissingMember = "missing_member",
    MissingSheet = "missing_sheet",
    MissingValue = "missing_value",
    MonthsRange = "months_range",
    NewerVersion = "newer_version",
    NoCategories = "no_categories",
    NotANumber = "not_a_number",
    NotAWorkbook = "not_a_workbook",
    NotAllowed = "not_allowed",
    NotAllowedValue = "not_allowed_value",
    NotForScale = "not_for_scale",
    NotJson = "not_json",
    NotWhole = "not_whole",
    OfficerName = "officer_name",
    OutOfRange = "out_of_range",
    ParentRequired = "parent_required",
    PeriodDate = "period_date",
    PeriodOrder = "period_order",
    ReasonRequired = "reason_required",
    RequiresUnknown = "requires_unknown",
    ReviewDuplicate = "review_duplicate",
    ReviewUnknownSubmission = "review_unknown_submission",
    RubricMismatch = "rubric_mismatch",
    ScaleParams = "scale_params",
    StepsMalformed = "steps_malformed",
    StringTooLong = "string_too_long",
    Structure = "structure",
    SupersededRevision = "superseded_revision",
    SupersededSameAgency = "superseded_same_agency",
    SupersededSameId = "superseded_same_id",
    TextWithoutId = "text_without_id",
    TieBreakUnknown = "tie_break_unknown",
    TooDeep = "too_deep",
    TooLarge = "too_large",
    TooLong = "too_long",
    TooManyLinks = "too_many_links",
    TooShort = "too_short",
    UnknownAgencyType = "unknown_agency_type",
    UnknownCategory = "unknown_category",
    UnknownColumn = "unknown_column",
    UnknownFunction = "unknown_function",
    UnknownIdentifier = "unknown_identifier",
    UnknownInput = "unknown_input",
    UnknownItem = "unknown_item",
    UnknownKey = "unknown_key",
    UnknownMember = "unknown_member",
    UnknownSheet = "unknown_sheet",
    Unreadable = "unreadable",
    WeightPositive = "weight_positive",
    WeightsSum = "weights_sum",
    WhenUndefinedRange = "when_undefined_range",
    WinnersRange = "winners_range",
    WorkerFailed = "worker_failed",
    WrongKind = "wrong_kind",
    WrongType = "wrong_type",
}

impl Serialize for ProblemCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Looks the written form up in [`ProblemCode::ALL`]: much smaller in the officer's bundle than
/// serde's derived matching of every name.
impl<'de> Deserialize<'de> for ProblemCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ProblemCode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a problem code such as \"weights_sum\"")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ProblemCode, E> {
                ProblemCode::ALL
                    .iter()
                    .copied()
                    .find(|c| c.as_str() == s)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
            }
        }
        d.deserialize_str(V)
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
        // Quoted as a JSON string. Through `to_string` of a `&str`, whose serializer the apps
        // already carry, not `Value`'s `Display`, which would add a second JSON writer to the
        // officer's page. Writing a `&str` cannot fail.
        (_, false) => format!("{path}[{}]", serde_json::to_string(key).unwrap_or_default()),
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
    fn a_keyed_problem_has_the_messages_of_its_own_key() {
        let made = |key: [&str; LANG_COUNT]| {
            Problem::of_keyed(ProblemCode::EvidenceMissing, "p", &key, |t| t.evidence_missing(key[t.0 as usize]))
        };
        let fresh = |key: [&str; LANG_COUNT]| {
            Problem::of(ProblemCode::EvidenceMissing, "p", |t| t.evidence_missing(key[t.0 as usize]))
        };
        let keys =
            [["Pengikut", "Followers"], ["Pengikut", "Reach"], ["Jangkauan", "Followers"], ["Pengikut", "Followers"]];
        for key in keys {
            assert_eq!(made(key), fresh(key), "{key:?}");
        }
        // The same key with another code is made afresh.
        let other = Problem::of_keyed(ProblemCode::BadUrl, "p", &keys[0], |t| t.bad_url());
        assert_eq!(other.message(Lang::En), Problem::of(ProblemCode::BadUrl, "p", |t| t.bad_url()).message(Lang::En));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn problems_by_index_round_trip_and_an_unknown_place_is_the_worker_failing() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct W(#[serde(with = "by_index")] Vec<Problem>);
        let p = Problem::of(ProblemCode::DigestMismatch, "integrity.digest", |t| t.bad_email().to_string());
        let text = serde_json::to_string(&W(vec![p.clone()])).unwrap();
        assert!(text.contains(&format!("\"code\":{}", ProblemCode::DigestMismatch as usize)), "{text}");
        assert_eq!(serde_json::from_str::<W>(&text).unwrap(), W(vec![p]));
        let unknown = text.replacen(&format!("\"code\":{}", ProblemCode::DigestMismatch as usize), "\"code\":99999", 1);
        assert_eq!(serde_json::from_str::<W>(&unknown).unwrap().0[0].code, ProblemCode::WorkerFailed);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_code_is_its_place_in_the_table() {
        for (i, c) in ProblemCode::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i, "{c}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn codes_are_written_in_snake_case_and_read_back() {
        for (i, &c) in ProblemCode::ALL.iter().enumerate() {
            assert_eq!(c as usize, i, "ProblemCode::ALL is in declaration order");
            // The variant's name in snake_case, as serde's `rename_all` wrote it before.
            let mut snake = String::new();
            for (k, ch) in format!("{c:?}").chars().enumerate() {
                if ch.is_ascii_uppercase() && k > 0 {
                    snake.push('_');
                }
                snake.push(ch.to_ascii_lowercase());
            }
            assert_eq!(c.as_str(), snake);
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{snake}\""));
            assert_eq!(serde_json::from_str::<ProblemCode>(&json).unwrap(), c);
        }
        assert!(serde_json::from_str::<ProblemCode>("\"no_such_code\"").is_err());
        assert!(serde_json::from_str::<ProblemCode>("3").is_err());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn paths_join_members_and_indexes() {
        assert_eq!(join("", "categories"), "categories");
        assert_eq!(index("categories", 2), "categories[2]");
        assert_eq!(join("categories[2]", "scale"), "categories[2].scale");
        assert_eq!(join("evidence", "a b"), "evidence[\"a b\"]");
        assert_eq!(join("", ""), "[\"\"]");
    }
}
