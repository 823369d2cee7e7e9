//! The officer's draft: what was typed (raw text, possibly half-typed), kept exactly, and the
//! one conversion from it to a checked [`Submission`].
//!
//! The draft is ground state: it is what the browser stores. Figures, scorecards and problems
//! are derived from it on every change by [`assess`], using the very same content checks as
//! the coordinator's import ([`submission::check_content`]). What only a file can get wrong
//! (its size limits, its digest) is checked when the export is written and read back.

use crate::fmt::parse_number;
use crate::problem::{join, Lang, Problem, ProblemCode};
use crate::rubric::{self, InputKind, Rubric, RubricDiff};
use crate::score::{Answer, Figures, InputValue, Scorecard};
use crate::submission::{self, Agency, Entry, Response, Submission, KIT_VERSION};
use crate::util::Fnv;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One typed value, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawValue {
    /// Text of a number input, with the language it was typed in (so `1.234` keeps its
    /// meaning when the interface language changes).
    Text { text: String, lang: Lang },
    /// A boolean input.
    Bool { value: bool },
    /// A checklist's answers so far.
    Checklist { answers: BTreeMap<String, Answer> },
}

/// One category of a draft.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftEntry {
    pub inputs: BTreeMap<String, RawValue>,
    /// Evidence links per input, as typed (empty rows allowed while editing).
    pub evidence: BTreeMap<String, Vec<String>>,
    pub note: String,
    /// Left out of the export on purpose.
    pub excluded: bool,
}

/// A draft submission, exactly as the officer left it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Local id of the draft (not exported).
    pub local_id: String,
    /// The draft's name in the drafts list.
    pub name: String,
    /// UUID v4 exported as `submission_id`, kept across re-exports.
    pub submission_id: String,
    pub agency_type: String,
    pub agency_name: String,
    pub parent: String,
    pub officer_name: String,
    pub officer_email: String,
    pub officer_phone: String,
    /// Months of data, as typed.
    pub months: String,
    pub categories: BTreeMap<String, DraftEntry>,
    /// The officer's own estimate of the jury mark, 0–100.
    pub jury_estimate: f64,
    /// When it was last exported (RFC 3339), and the [`export_key`] of what was exported then
    /// (the member keeps its first name, `exported_digest`, so stored drafts still read).
    pub last_exported_at: Option<String>,
    pub exported_digest: Option<String>,
    /// Last change (RFC 3339), set by the caller.
    pub updated_at: String,
    /// The fingerprint of the rubric the draft was made with; empty in a draft stored by an
    /// older kit (unknown).
    pub rubric_sha256: String,
    /// The draft this one was moved to a new rubric from (its local id), if any.
    pub moved_from: String,
    /// The revision the next export carries: 0 or 1 for a first submission (written as format
    /// version 1); the revision a feedback file answered plus one once feedback is opened.
    pub revision: u32,
    /// The officer's answers to the coordinator's feedback, per field (`<category>.<input>[.<item>]`).
    pub responses: BTreeMap<String, Response>,
    /// The coordinator's feedback on the submission this draft continues, as the page shows it,
    /// in the plain text of [`Feedback::to_text`] (empty: none opened). Kept with the draft so it
    /// survives a reload; never exported. A text, not a nested structure: the officer's bundle
    /// then carries no deserialiser for it, only [`Feedback::parse`].
    pub feedback: String,
}

impl Draft {
    /// A new, empty draft. The caller supplies ids and the clock.
    pub fn new(rubric: &Rubric, local_id: &str, submission_id: &str, name: &str, now: &str) -> Draft {
        Draft {
            local_id: local_id.into(),
            name: name.into(),
            submission_id: submission_id.into(),
            months: rubric.period_months.to_string(),
            jury_estimate: 70.0,
            updated_at: now.into(),
            rubric_sha256: rubric.sha256.clone(),
            ..Draft::default()
        }
    }
}

/// The coordinator's feedback (a feedback file, `docs/feedback-format.md`) as the officer's page
/// shows it. Made from the file in the officer's worker (`officer::open_feedback`), which reads
/// and checks it, orders marks and scores as the rubric does and writes every text the page
/// shows in every language (a list indexed by `Lang as usize`), so the page only picks texts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feedback {
    /// The revision of the submission reviewed; the draft's next export carries one more.
    pub revision: u32,
    /// The review state's machine name (`needs_fixing`, …).
    pub state: String,
    /// The state's label, and the reason ("Alasan: …"; empty when none was given).
    pub state_label: Vec<String>,
    pub reason: Vec<String>,
    /// Who reviewed it and when, the next revision, and how many fields are marked.
    pub about: Vec<String>,
    /// Per category entered, in rubric order: its id and its self-reported and verified scores
    /// in words.
    pub scores: Vec<(String, Vec<String>)>,
    /// A note per category: its id and the note ("Catatan pemeriksa: …").
    pub notes: Vec<(String, Vec<String>)>,
    /// Every field with a verdict or a correction, in rubric order.
    pub marks: Vec<Mark>,
}

/// A value of a correction: a number, a yes/no, or a checklist item's answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fixed {
    Number(f64),
    Bool(bool),
    Answer(Answer),
}

/// A field the coordinator marked: an input (its evidence verdict and/or a corrected value) or
/// a checklist item (a corrected answer).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mark {
    pub category: String,
    pub input: String,
    pub item: Option<String>,
    /// The corrected value (`None`: a verdict only).
    pub value: Option<Fixed>,
    /// What the coordinator says (verdict, correction from → to, reason), the field's label, and
    /// the error summary's line, in every language.
    pub words: Vec<String>,
    pub label: Vec<String>,
    pub look: Vec<String>,
}

impl Mark {
    /// The field it marks (`<category>.<input>[.<item>]`), the key of the officer's response.
    pub fn field(&self) -> String {
        crate::feedback::field(&self.category, &self.input, self.item.as_deref())
    }
}

/// The text of `lang` from a list of texts in every language.
pub fn in_lang(texts: &[String], lang: Lang) -> &str {
    texts.get(lang as usize).map(String::as_str).unwrap_or_default()
}

/// A text field of [`Feedback::to_text`]: tabs and line breaks become spaces (the page shows
/// each text on one line anyway), so the text needs no escaping.
fn one_line(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn fixed_text(v: &Option<Fixed>) -> String {
    match v {
        None => String::new(),
        Some(Fixed::Number(n)) => format!("n:{}", crate::fmt::plain(*n)),
        Some(Fixed::Bool(b)) => format!("b:{b}"),
        Some(Fixed::Answer(a)) => format!("a:{}", answer_name(*a)),
    }
}

fn answer_name(a: Answer) -> &'static str {
    match a {
        Answer::Yes => "yes",
        Answer::Partial => "partial",
        Answer::No => "no",
    }
}

fn parse_fixed(s: &str) -> Option<Fixed> {
    match s.split_once(':')? {
        ("n", n) => parse_number(n, Lang::En).ok().flatten().map(Fixed::Number),
        ("b", b) => Some(Fixed::Bool(b == "true")),
        ("a", a) => {
            [Answer::Yes, Answer::Partial, Answer::No].into_iter().find(|x| answer_name(*x) == a).map(Fixed::Answer)
        }
        _ => None,
    }
}

impl Feedback {
    /// The plain text kept with a draft: one line per member, fields separated by tabs, a text
    /// in every language as that many fields.
    pub fn to_text(&self) -> String {
        let texts = |t: &[String]| t.iter().map(|x| one_line(x)).collect::<Vec<_>>().join("\t");
        let mut lines = vec![
            format!("head\t{}\t{}", self.revision, one_line(&self.state)),
            format!("state\t{}", texts(&self.state_label)),
            format!("reason\t{}", texts(&self.reason)),
            format!("about\t{}", texts(&self.about)),
        ];
        for (cat, t) in &self.scores {
            lines.push(format!("score\t{}\t{}", one_line(cat), texts(t)));
        }
        for (cat, t) in &self.notes {
            lines.push(format!("note\t{}\t{}", one_line(cat), texts(t)));
        }
        for m in &self.marks {
            let item = m.item.as_deref().map(one_line).unwrap_or_default();
            let (words, label, look) = (texts(&m.words), texts(&m.label), texts(&m.look));
            let head = format!("{}\t{}\t{item}\t{}", one_line(&m.category), one_line(&m.input), fixed_text(&m.value));
            lines.push(format!("mark\t{head}\t{words}\t{label}\t{look}"));
        }
        lines.join("\n")
    }

    /// Reads [`Feedback::to_text`]'s text; `None` when it is empty (no feedback). A line it does
    /// not understand is skipped.
    pub fn parse(text: &str) -> Option<Feedback> {
        if text.is_empty() {
            return None;
        }
        let n = crate::i18n::LANG_COUNT;
        let mut f = Feedback::default();
        for line in text.split('\n') {
            let parts: Vec<&str> = line.split('\t').collect();
            let get = |i: usize| parts.get(i).copied().unwrap_or_default().to_string();
            let texts = |from: usize| (from..from + n).map(get).collect::<Vec<String>>();
            match parts[0] {
                "head" => {
                    f.revision = get(1).parse().unwrap_or(0);
                    f.state = get(2);
                }
                "state" => f.state_label = texts(1),
                "reason" => f.reason = texts(1),
                "about" => f.about = texts(1),
                "score" => f.scores.push((get(1), texts(2))),
                "note" => f.notes.push((get(1), texts(2))),
                "mark" => f.marks.push(Mark {
                    category: get(1),
                    input: get(2),
                    item: Some(get(3)).filter(|i| !i.is_empty()),
                    value: parse_fixed(&get(4)),
                    words: texts(5),
                    label: texts(5 + n),
                    look: texts(5 + 2 * n),
                }),
                _ => {}
            }
        }
        Some(f)
    }
}

/// Puts feedback with a draft: its next export carries the revision after the one reviewed.
/// Responses given to another revision's feedback are dropped (they were sent with it).
pub fn attach_feedback(d: &mut Draft, f: &Feedback) {
    if Feedback::parse(&d.feedback).map(|x| x.revision) != Some(f.revision) {
        d.responses.clear();
    }
    d.revision = f.revision + 1;
    d.feedback = f.to_text();
}

/// Drops the responses with neither an acceptance nor a text (before a draft is exported).
pub fn drop_empty_responses(d: &mut Draft) {
    d.responses.retain(|_, r| r.accepted || r.text.is_some());
}

/// Months of data: the typed value when valid, else the rubric's period. A whole number 1–12
/// reads the same in every language; it is read as the first language writes numbers.
pub fn months(rubric: &Rubric, d: &Draft) -> u32 {
    match parse_number(&d.months, Lang::default()) {
        Ok(Some(m)) if m.fract() == 0.0 && (1.0..=12.0).contains(&m) => m as u32,
        _ => rubric.period_months.clamp(1, 12),
    }
}

/// The scorecard of one category's entry as typed, scored over `months`: the card
/// [`assess`] gives that category, worked out from the entry alone. The officer's page shows
/// it at once while the rest of the page follows the keystroke after the next paint.
pub fn card_of(rubric: &Rubric, cat: usize, entry: &DraftEntry, months: u32) -> Scorecard {
    crate::score::score(rubric, cat, &figures(rubric, cat, entry).0, months)
}

/// Figures of one category, and the problems of understanding the raw text.
pub fn figures(rubric: &Rubric, cat: usize, entry: &DraftEntry) -> (Figures, Vec<Problem>) {
    let def = &rubric.file.categories[cat];
    let mut figures = Figures::new();
    let mut problems = Vec::new();
    for d in &def.inputs {
        match (d.kind, entry.inputs.get(&d.id)) {
            (InputKind::Integer | InputKind::Number, Some(RawValue::Text { text, lang })) => {
                match parse_number(text, *lang) {
                    Ok(Some(v)) => {
                        figures.insert(d.id.clone(), InputValue::Number(v));
                    }
                    Ok(None) => {}
                    Err(e) => problems.push(Problem::of(
                        ProblemCode::NotANumber,
                        join(&join(&join("categories", &def.id), "inputs"), &d.id),
                        |t| t.number_not_understood(d.label.get(t.0), e.message(t.0)),
                    )),
                }
            }
            (InputKind::Boolean, Some(RawValue::Bool { value })) => {
                figures.insert(d.id.clone(), InputValue::Bool(*value));
            }
            (InputKind::Boolean, None) => {
                // An unticked checkbox is an answer: "no".
                figures.insert(d.id.clone(), InputValue::Bool(false));
            }
            (InputKind::Checklist, Some(RawValue::Checklist { answers })) => {
                let items = d.items.as_deref().unwrap_or_default();
                // A checklist counts as entered once every item has an answer.
                if !items.is_empty() && items.iter().all(|i| answers.contains_key(&i.id)) {
                    figures.insert(d.id.clone(), InputValue::Checklist(answers.clone()));
                }
            }
            _ => {}
        }
    }
    (figures, problems)
}

/// The exported form of one category's entry: figures understood, empty link rows dropped.
fn entry_of(rubric: &Rubric, cat: usize, e: &DraftEntry) -> Entry {
    entry_with(figures(rubric, cat, e).0, e)
}

/// The exported form of one category's entry, its figures understood already.
fn entry_with(inputs: Figures, e: &DraftEntry) -> Entry {
    // Maps here are built by insertion: collecting into a B-tree would sort, adding a sort to
    // the officer's bundle for every map type.
    let mut evidence = BTreeMap::new();
    evidence.extend(
        e.evidence
            .iter()
            .map(|(k, links)| {
                (k.clone(), links.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect::<Vec<_>>())
            })
            .filter(|(_, links)| !links.is_empty()),
    );
    let note = Some(e.note.trim().to_string()).filter(|n| !n.is_empty());
    Entry { inputs, evidence, note }
}

/// The submission a draft would export: eligible, included categories only.
pub fn to_submission(rubric: &Rubric, d: &Draft) -> Submission {
    let empty = DraftEntry::default();
    let mut categories = BTreeMap::new();
    categories.extend(rubric.eligible_categories(&d.agency_type).into_iter().filter_map(|cat| {
        let id = &rubric.file.categories[cat].id;
        let e = d.categories.get(id).unwrap_or(&empty);
        (!e.excluded).then(|| (id.clone(), entry_of(rubric, cat, e)))
    }));
    submission_of(rubric, d, categories)
}

/// The submission of a draft with these categories' entries. (Responses are exported as they
/// are: the export drops the empty ones first, `drop_empty_responses`.)
fn submission_of(rubric: &Rubric, d: &Draft, categories: BTreeMap<String, Entry>) -> Submission {
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    Submission {
        submission_id: d.submission_id.clone(),
        kit_version: KIT_VERSION.into(),
        rubric_id: rubric.file.id.clone(),
        rubric_edition: rubric.file.edition,
        rubric_sha256: rubric.sha256.clone(),
        agency: Agency {
            agency_type: d.agency_type.clone(),
            name: d.agency_name.trim().to_string(),
            parent: opt(&d.parent),
            officer_name: d.officer_name.trim().to_string(),
            officer_email: opt(&d.officer_email),
            officer_phone: opt(&d.officer_phone),
        },
        months: months(rubric, d),
        categories,
        jury_estimate: Some(d.jury_estimate.clamp(0.0, 100.0)),
        revision: d.revision.max(1),
        responses: d.responses.clone(),
    }
}

/// The state of one eligible category of a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryState {
    /// Category index in the rubric.
    pub category: usize,
    /// Left out of the export on purpose.
    pub excluded: bool,
    /// Live scores (missing inputs count as 0).
    pub card: Scorecard,
    /// Required inputs missing.
    pub incomplete: bool,
    /// Errors (block the export while the category is included).
    pub errors: Vec<Problem>,
    /// Warnings (missing evidence).
    pub warnings: Vec<Problem>,
    /// The score if inputs lacking required evidence counted as 0.
    pub evidence_risk: f64,
}

/// Everything derived from a draft: profile problems and per-category states.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Problems of the agency profile and the draft as a whole.
    pub profile: Vec<Problem>,
    /// Eligible categories, in rubric order.
    pub categories: Vec<CategoryState>,
}

impl Assessment {
    /// Whether the draft may be exported.
    pub fn exportable(&self) -> bool {
        self.profile.is_empty() && self.categories.iter().all(|c| c.excluded || c.errors.is_empty())
    }

    /// Every blocking problem, profile first, then categories in order.
    pub fn blocking(&self) -> Vec<&Problem> {
        self.profile
            .iter()
            .chain(self.categories.iter().filter(|c| !c.excluded).flat_map(|c| c.errors.iter()))
            .collect()
    }
}

/// Derives scores and problems from a draft with the import's own validation.
pub fn assess(rubric: &Rubric, d: &Draft) -> Assessment {
    let mut profile = Vec::new();
    if rubric.file.agency_types.iter().all(|t| t.id != d.agency_type) {
        profile.push(Problem::of(ProblemCode::AgencyTypeMissing, "agency.type", |t| t.agency_type_missing()));
    }
    match parse_number(&d.months, Lang::default()) {
        Ok(Some(m)) if m.fract() == 0.0 && (1.0..=12.0).contains(&m) => {}
        _ => profile.push(Problem::of(ProblemCode::MonthsRange, "months", |t| t.months_whole())),
    }
    // Each category's typed figures are understood once, on every keystroke: for the submission
    // and for the problems of understanding them. Categories included in the export are checked
    // exactly as the coordinator will check them; excluded ones are checked alongside, for
    // display.
    let empty = DraftEntry::default();
    let eligible = rubric.eligible_categories(&d.agency_type);
    let mut entries = BTreeMap::new();
    let mut understood = Vec::new();
    for &cat in &eligible {
        let id = &rubric.file.categories[cat].id;
        let entry = d.categories.get(id).unwrap_or(&empty);
        let (figs, errs) = figures(rubric, cat, entry);
        entries.insert(id.clone(), entry_with(figs, entry));
        understood.push(errs);
    }
    let all = submission_of(rubric, d, entries);
    let submission::Checked { errors, warnings, evidence_risk: risks, cards, .. } =
        submission::check_content(rubric, &all);
    let m = months(rubric, d);
    let mut categories = Vec::new();
    for (&cat, mut errs) in eligible.iter().zip(understood) {
        let id = &rubric.file.categories[cat].id;
        let entry = d.categories.get(id).unwrap_or(&empty);
        let prefix = join("categories", id);
        let inside = format!("{prefix}.");
        let mine = |p: &&Problem| p.path == prefix || p.path.starts_with(&inside);
        // Links are checked here, on the rows as typed, so paths keep the form's row numbers
        // (the exported file drops empty rows).
        errs.extend(errors.iter().filter(mine).filter(|p| p.code != ProblemCode::BadUrl).cloned());
        let card_at = cards.iter().position(|c| c.category == cat);
        let card = card_at
            .map(|i| cards[i].clone())
            .unwrap_or_else(|| crate::score::score(rubric, cat, &all.categories[id].inputs, m));
        let risk = card_at.and_then(|i| risks.get(i).copied()).unwrap_or(card.data_score);
        for input in &rubric.file.categories[cat].inputs {
            for (i, link) in entry.evidence.get(&input.id).into_iter().flatten().enumerate() {
                let l = link.trim();
                if !l.is_empty() && !submission::is_http_url(l) {
                    let path = format!("{}[{i}]", join(&join(&prefix, "evidence"), &input.id));
                    errs.push(Problem::of(ProblemCode::BadUrl, path, |t| t.bad_url()));
                }
            }
        }
        categories.push(CategoryState {
            category: cat,
            excluded: entry.excluded,
            incomplete: card.incomplete(),
            card,
            errors: errs,
            warnings: warnings.iter().filter(mine).cloned().collect(),
            evidence_risk: risk,
        });
    }
    // An empty agency type is already "choose the agency type", not an unknown type.
    let type_chosen = !d.agency_type.is_empty();
    profile.extend(
        errors
            .iter()
            .filter(|p| !p.path.starts_with("categories.") && p.code != ProblemCode::NoCategories)
            .filter(|p| type_chosen || p.code != ProblemCode::UnknownAgencyType)
            .cloned(),
    );
    if !d.agency_type.is_empty() && categories.iter().all(|c| c.excluded) {
        profile.push(Problem::of(ProblemCode::NoCategories, "categories", |t| t.include_a_category()));
    }
    dedup(&mut profile);
    Assessment { profile, categories }
}

fn dedup(list: &mut Vec<Problem>) {
    let mut seen = Vec::new();
    list.retain(|p| {
        let key = (p.code, p.path.clone());
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
}

/// The form field a problem path points at: the hooks' names (`agency.name`, `officer.email`,
/// `months`, `<category>.<input>`, `<category>.<input>.evidence.<n>`, `<category>.note`).
pub fn field_of(path: &str) -> Option<String> {
    if let Some(rest) = path.strip_prefix("agency.officer.") {
        return Some(format!("officer.{rest}"));
    }
    if path.starts_with("agency.") || path == "months" {
        return Some(path.to_string());
    }
    let rest = path.strip_prefix("categories.")?;
    let (cat, rest) = rest.split_once('.')?;
    if rest == "note" {
        return Some(format!("{cat}.note"));
    }
    if let Some(input) = rest.strip_prefix("inputs.") {
        let input = input.split('.').next().unwrap_or(input);
        return Some(format!("{cat}.{input}"));
    }
    if let Some(ev) = rest.strip_prefix("evidence.") {
        return Some(match ev.split_once('[') {
            Some((input, n)) => format!("{cat}.{input}.evidence.{}", n.trim_end_matches(']')),
            None => format!("{cat}.{ev}.evidence"),
        });
    }
    None
}

/// A key of what an export of the draft would contain (everything but the export time), to
/// tell whether the draft changed since the last export: FNV-1a (64 bits) over the content
/// [`to_submission`] gives, in a fixed order. It is not a security digest (the file's own
/// integrity digest is), only a cheap, stable fingerprint kept with the draft.
pub fn export_key(rubric: &Rubric, d: &Draft) -> String {
    /// An optional string: the string, or a one-byte marker when absent.
    fn opt(h: &mut Fnv, s: &Option<String>) {
        match s {
            Some(s) => h.text(s),
            None => h.bytes(&[0xff]),
        }
    }
    let s = to_submission(rubric, d);
    let mut h = Fnv::default();
    for t in [&s.submission_id, &s.rubric_id, &s.rubric_sha256, &s.agency.agency_type, &s.agency.name] {
        h.text(t);
    }
    h.text(&s.agency.officer_name);
    for o in [&s.agency.parent, &s.agency.officer_email, &s.agency.officer_phone] {
        opt(&mut h, o);
    }
    h.bytes(&s.months.to_le_bytes());
    h.bytes(&s.jury_estimate.unwrap_or(-1.0).to_bits().to_le_bytes());
    for (id, e) in &s.categories {
        h.text(id);
        for (k, v) in &e.inputs {
            h.text(k);
            match v {
                InputValue::Number(n) => h.bytes(&n.to_bits().to_le_bytes()),
                InputValue::Bool(b) => h.bytes(&[u8::from(*b)]),
                InputValue::Checklist(a) => a.iter().for_each(|(item, ans)| {
                    h.text(item);
                    h.bytes(&[*ans as u8]);
                }),
            }
        }
        for (k, links) in &e.evidence {
            h.text(k);
            links.iter().for_each(|l| h.text(l));
        }
        opt(&mut h, &e.note);
    }
    // Only a revision adds to the key, so drafts exported by an older kit keep theirs.
    if s.revision > 1 || !s.responses.is_empty() {
        h.bytes(&s.revision.to_le_bytes());
    }
    // An empty response (a text typed and deleted) is left out of the export.
    for (k, r) in s.responses.iter().filter(|(_, r)| r.accepted || r.text.is_some()) {
        h.text(k);
        h.bytes(&[u8::from(r.accepted)]);
        opt(&mut h, &r.text);
    }
    format!("fnv1a64:{:016x}", h.0)
}

/// A draft from a submission file, to continue work elsewhere. Numbers are written back in
/// `lang` so the officer reads them as usual.
pub fn from_submission(rubric: &Rubric, s: &Submission, lang: Lang, local_id: &str, name: &str, now: &str) -> Draft {
    let categories = s
        .categories
        .iter()
        .map(|(id, e)| {
            let inputs = e
                .inputs
                .iter()
                .map(|(k, v)| {
                    let raw = match v {
                        InputValue::Number(n) => RawValue::Text { text: crate::fmt::number(*n, lang, None), lang },
                        InputValue::Bool(b) => RawValue::Bool { value: *b },
                        InputValue::Checklist(a) => RawValue::Checklist { answers: a.clone() },
                    };
                    (k.clone(), raw)
                })
                .collect();
            let entry = DraftEntry {
                inputs,
                evidence: e.evidence.clone(),
                note: e.note.clone().unwrap_or_default(),
                excluded: false,
            };
            (id.clone(), entry)
        })
        .collect();
    let mut d = Draft {
        local_id: local_id.into(),
        name: name.into(),
        submission_id: s.submission_id.clone(),
        agency_type: s.agency.agency_type.clone(),
        agency_name: s.agency.name.clone(),
        parent: s.agency.parent.clone().unwrap_or_default(),
        officer_name: s.agency.officer_name.clone(),
        officer_email: s.agency.officer_email.clone().unwrap_or_default(),
        officer_phone: s.agency.officer_phone.clone().unwrap_or_default(),
        months: s.months.to_string(),
        categories,
        jury_estimate: s.jury_estimate.unwrap_or(70.0),
        last_exported_at: None,
        exported_digest: None,
        updated_at: now.into(),
        rubric_sha256: rubric.sha256.clone(),
        moved_from: String::new(),
        revision: s.revision,
        responses: s.responses.clone(),
        feedback: String::new(),
    };
    // Eligible categories absent from the file were left out on purpose.
    for cat in rubric.eligible_categories(&d.agency_type) {
        let id = rubric.file.categories[cat].id.clone();
        d.categories.entry(id).or_insert_with(|| DraftEntry { excluded: true, ..DraftEntry::default() });
    }
    d
}

/// Why an entry of a draft was not carried over to another rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Why {
    /// The new rubric has no such category.
    CategoryRemoved,
    /// The category has no such input any more.
    InputRemoved,
    /// The input is now of another kind.
    KindChanged { kind: InputKind },
    /// The input now takes whole numbers, and the old value has a fraction.
    NotWhole,
    /// The checklist has no such item any more.
    ItemRemoved,
}

/// An entry of a draft not carried over to another rubric, with what was typed, so that it
/// can be typed again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    pub category: String,
    /// The input (`None`: the category's note).
    pub input: Option<String>,
    /// The checklist item, when only that item was dropped.
    pub item: Option<String>,
    /// The old value (for an item: that item's answer alone); `None` when only links were typed.
    pub old: Option<RawValue>,
    /// The note, when the note was dropped.
    pub note: Option<String>,
    /// The evidence links typed for the input, when they were dropped with it.
    pub evidence: Vec<String>,
    #[serde(flatten)]
    pub why: Why,
}

/// A draft moved to another rubric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Migration {
    /// The new draft; the original is untouched.
    pub draft: Draft,
    /// What was not carried over, category by category in the draft's order.
    pub dropped: Vec<Dropped>,
    /// What differs between the two rubrics.
    pub diff: RubricDiff,
}

/// Copies a draft made with `old` to `new`, as a new draft (`local_id`, `name`, changed at
/// `now`, made with `new`; never exported). Carried over: the profile, the months, the jury
/// estimate, and per category present in `new` its note, its `excluded` mark, and every entry
/// of an input `new` still has with a compatible kind — numbers between `integer` and `number`
/// (to `integer` only when whole), booleans, checklist answers item by item — with its evidence
/// links. The `submission_id` is kept: the migrated draft continues the same submission; its
/// `moved_from` names the original.
/// Matching is by id against `new` alone; `old` gives the summary and the labels of what is
/// dropped.
pub fn migrate(old: &Rubric, new: &Rubric, d: &Draft, local_id: &str, name: &str, now: &str) -> Migration {
    let mut out = Draft {
        local_id: local_id.into(),
        name: name.into(),
        updated_at: now.into(),
        rubric_sha256: new.sha256.clone(),
        moved_from: d.local_id.clone(),
        last_exported_at: None,
        exported_digest: None,
        categories: BTreeMap::new(),
        ..d.clone()
    };
    let mut dropped = Vec::new();
    for (cat_id, entry) in &d.categories {
        let Some(def) = new.category_index(cat_id).map(|c| &new.file.categories[c]) else {
            let drop = |input: Option<String>, old: Option<RawValue>, note: Option<String>, evidence: Vec<String>| {
                Dropped { category: cat_id.clone(), input, item: None, old, note, evidence, why: Why::CategoryRemoved }
            };
            for id in input_ids(entry) {
                if let Some((old, evidence)) = typed(entry, &id) {
                    dropped.push(drop(Some(id), old, None, evidence));
                }
            }
            if !entry.note.trim().is_empty() {
                dropped.push(drop(None, None, Some(entry.note.clone()), Vec::new()));
            }
            continue;
        };
        let mut carried = DraftEntry { note: entry.note.clone(), excluded: entry.excluded, ..DraftEntry::default() };
        for id in input_ids(entry) {
            let Some(input) = def.inputs.iter().find(|i| i.id == id) else {
                if let Some((old, evidence)) = typed(entry, &id) {
                    let why = Why::InputRemoved;
                    dropped.push(Dropped {
                        category: cat_id.clone(),
                        input: Some(id),
                        item: None,
                        old,
                        note: None,
                        evidence,
                        why,
                    });
                }
                continue;
            };
            if let Some(links) = entry.evidence.get(&id) {
                carried.evidence.insert(id.clone(), links.clone());
            }
            let Some(value) = entry.inputs.get(&id) else { continue };
            let drop = |old: RawValue, item: Option<String>, why: Why| Dropped {
                category: cat_id.clone(),
                input: Some(id.clone()),
                item,
                old: Some(old),
                note: None,
                evidence: Vec::new(),
                why,
            };
            match (value, input.kind) {
                (RawValue::Text { text, lang }, InputKind::Integer) => match parse_number(text, *lang) {
                    Ok(Some(v)) if v.fract() != 0.0 => dropped.push(drop(value.clone(), None, Why::NotWhole)),
                    _ => {
                        carried.inputs.insert(id.clone(), value.clone());
                    }
                },
                (RawValue::Text { .. }, InputKind::Number) | (RawValue::Bool { .. }, InputKind::Boolean) => {
                    carried.inputs.insert(id.clone(), value.clone());
                }
                (RawValue::Checklist { answers }, InputKind::Checklist) => {
                    let items = input.items.as_deref().unwrap_or_default();
                    let (mut kept, mut gone) = (BTreeMap::new(), Vec::new());
                    for (item, answer) in answers {
                        if items.iter().any(|i| &i.id == item) {
                            kept.insert(item.clone(), *answer);
                        } else {
                            let one = RawValue::Checklist { answers: BTreeMap::from([(item.clone(), *answer)]) };
                            gone.push(drop(one, Some(item.clone()), Why::ItemRemoved));
                        }
                    }
                    dropped.extend(gone);
                    carried.inputs.insert(id.clone(), RawValue::Checklist { answers: kept });
                }
                _ => dropped.push(drop(value.clone(), None, Why::KindChanged { kind: input.kind })),
            }
        }
        out.categories.insert(cat_id.clone(), carried);
    }
    Migration { draft: out, dropped, diff: rubric::diff(old, new) }
}

/// The inputs an entry has a value or links for, in id order.
fn input_ids(e: &DraftEntry) -> Vec<String> {
    let mut ids: Vec<String> = e.inputs.keys().chain(e.evidence.keys()).cloned().collect();
    ids.sort();
    ids.dedup();
    ids
}

/// What was typed for an input: its value (if any besides blank text or no answers) and its
/// non-blank links; `None` when nothing was.
fn typed(e: &DraftEntry, id: &str) -> Option<(Option<RawValue>, Vec<String>)> {
    let value = e.inputs.get(id).filter(|v| match v {
        RawValue::Text { text, .. } => !text.trim().is_empty(),
        RawValue::Bool { .. } => true,
        RawValue::Checklist { answers } => !answers.is_empty(),
    });
    let links: Vec<String> =
        e.evidence.get(id).into_iter().flatten().filter(|l| !l.trim().is_empty()).cloned().collect();
    (value.is_some() || !links.is_empty()).then(|| (value.cloned(), links))
}

impl Migration {
    /// The changes between the two rubrics, in plain words in `lang` ([`RubricDiff::lines`]).
    pub fn change_lines(&self, lang: Lang) -> Vec<String> {
        self.diff.lines(lang)
    }

    /// What was not carried over, in plain words in `lang`, each with its old value (and old
    /// links) so it can be typed again. `old` is the rubric the draft was made with (for the
    /// labels; an id stands in for a label it lacks).
    pub fn dropped_lines(&self, old: &Rubric, lang: Lang) -> Vec<String> {
        let t = lang.texts();
        self.dropped
            .iter()
            .map(|x| {
                let reason = match &x.why {
                    Why::CategoryRemoved => t.migrate_reason_category().to_string(),
                    Why::InputRemoved => t.migrate_reason_input().to_string(),
                    Why::KindChanged { kind } => t.migrate_reason_kind(rubric::kind_name(lang, *kind)),
                    Why::NotWhole => t.migrate_reason_not_whole().to_string(),
                    Why::ItemRemoved => t.migrate_reason_item().to_string(),
                };
                let cat = old.category_index(&x.category).map(|c| &old.file.categories[c]);
                let line = match &x.input {
                    None => t.migrate_dropped_note(&x.category, reason, x.note.as_deref().unwrap_or_default()),
                    Some(input) => {
                        let def = cat.and_then(|c| c.inputs.iter().find(|i| &i.id == input));
                        let label = def.map(|i| i.label.get(lang)).unwrap_or(input);
                        let value = x.old.as_ref().map(|v| raw_words(v, lang));
                        let value = value.unwrap_or_else(|| t.migrate_value_empty().to_string());
                        match &x.item {
                            Some(item) => t.migrate_dropped_item(&x.category, input, item, label, reason, value),
                            None => t.migrate_dropped_input(&x.category, input, label, reason, value),
                        }
                    }
                };
                if x.evidence.is_empty() {
                    line
                } else {
                    t.migrate_evidence(line, x.evidence.join(" "))
                }
            })
            .collect()
    }
}

/// A typed value in words: the text as typed, yes or no, or each item's answer.
fn raw_words(v: &RawValue, lang: Lang) -> String {
    let t = lang.texts();
    let answer = |a: Answer| match a {
        Answer::Yes => t.input_answer_yes(),
        Answer::Partial => t.input_answer_partial(),
        Answer::No => t.input_answer_no(),
    };
    match v {
        RawValue::Text { text, .. } => text.trim().to_string(),
        RawValue::Bool { value } => answer(if *value { Answer::Yes } else { Answer::No }).to_string(),
        RawValue::Checklist { answers } => {
            answers.iter().map(|(item, a)| format!("{item}: {}", answer(*a))).collect::<Vec<_>>().join("; ")
        }
    }
}

/// `ampk-<edition>-<agency-slug>-<YYYYMMDD>.json`.
pub fn export_file_name(rubric: &Rubric, d: &Draft, now: &str) -> String {
    let slug = crate::fmt::slug(&d.agency_name);
    let slug = if slug.is_empty() { "instansi" } else { slug.as_str() };
    format!("ampk-{}-{}-{}.json", rubric.file.edition, slug, crate::fmt::date_stamp(now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn text(s: &str) -> RawValue {
        RawValue::Text { text: s.into(), lang: Lang::Id }
    }

    fn contoh_a() -> Draft {
        let r = crate::rubric::builtin();
        let mut d = Draft::new(r, "d1", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "Draf 1", "2025-11-01T00:00:00Z");
        d.agency_type = "opd".into();
        d.agency_name = "Dinas Contoh A".into();
        d.officer_name = "Siti".into();
        let mut e = DraftEntry::default();
        for (k, v) in [
            ("posts", "420"),
            ("weeks_active", "38"),
            ("engagements", "96.000"),
            ("reach", "3.200.000"),
            ("followers_start", "18.000"),
            ("followers_end", "22.500"),
            ("median_reply_hours", "5"),
            ("answered_pct", "88"),
        ] {
            e.inputs.insert(k.into(), text(v));
        }
        let answers = [
            ("identitas", "yes"),
            ("konten_layanan", "yes"),
            ("video", "partial"),
            ("aksesibel", "yes"),
            ("tautan_bio", "partial"),
            ("amplifikasi_agenda", "yes"),
            ("klarifikasi_hoaks", "no"),
            ("analitik_bulanan", "yes"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::from_value(serde_json::json!(v)).unwrap()))
        .collect();
        e.inputs.insert("quality".into(), RawValue::Checklist { answers });
        d.categories.insert("media_sosial_opd".into(), e);
        for other in ["top_influencer", "media_massa_online", "website", "lapor_opd"] {
            d.categories.insert(other.into(), DraftEntry { excluded: true, ..DraftEntry::default() });
        }
        d
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn typed_draft_scores_like_the_worked_example() {
        let r = crate::rubric::builtin();
        let d = contoh_a();
        let a = assess(r, &d);
        let ms = a.categories.iter().find(|c| r.file.categories[c.category].id == "media_sosial_opd").unwrap();
        assert_eq!(format!("{:.2}", ms.card.rounded()), "78.34");
        assert!(ms.errors.is_empty(), "{:?}", ms.errors);
        assert_eq!(ms.warnings.len(), 9, "every input lacks its required evidence");
        assert!(a.exportable(), "{:?}", a.blocking());
        let sub = to_submission(r, &d);
        assert_eq!(sub.categories.len(), 1);
        assert_eq!(export_file_name(r, &d, "2025-11-02T03:04:05Z"), "ampk-2025-dinas-contoh-a-20251102.json");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_category_alone_is_scored_as_in_the_whole_draft() {
        let r = crate::rubric::builtin();
        let mut d = contoh_a();
        d.months = "6".into();
        for (k, text) in [("answered_pct", "8"), ("posts", ""), ("reach", "12x")] {
            let e = d.categories.get_mut("media_sosial_opd").expect("Contoh A's category");
            e.inputs.insert(k.into(), RawValue::Text { text: text.into(), lang: Lang::Id });
            for excluded in [false, true] {
                d.categories.get_mut("media_sosial_opd").expect("Contoh A's category").excluded = excluded;
                let a = assess(r, &d);
                for st in &a.categories {
                    let entry = d.categories.get(&r.file.categories[st.category].id).cloned().unwrap_or_default();
                    assert_eq!(card_of(r, st.category, &entry, st.card.months), st.card, "{k} = {text:?}");
                }
            }
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_category_is_assessed_alike_included_or_left_out() {
        let r = crate::rubric::builtin();
        let mut d = contoh_a();
        let ms = d.categories.get_mut("media_sosial_opd").expect("Contoh A's category");
        ms.inputs.insert("posts".into(), RawValue::Text { text: "42x".into(), lang: Lang::Id });
        ms.evidence.insert("reach".into(), vec!["bukan tautan".into()]);
        let included = assess(r, &d);
        d.categories.get_mut("media_sosial_opd").expect("Contoh A's category").excluded = true;
        let left_out = assess(r, &d);
        let at =
            |a: &Assessment| a.categories.iter().position(|c| r.file.categories[c.category].id == "media_sosial_opd");
        let (i, o) = (&included.categories[at(&included).unwrap()], &left_out.categories[at(&left_out).unwrap()]);
        assert!(!i.excluded && o.excluded);
        assert_eq!(
            (&i.card, &i.errors, &i.warnings, i.evidence_risk),
            (&o.card, &o.errors, &o.warnings, o.evidence_risk)
        );
        let codes: Vec<_> = i.errors.iter().map(|p| (p.code, p.path.as_str())).collect();
        assert!(codes.contains(&(ProblemCode::NotANumber, "categories.media_sosial_opd.inputs.posts")), "{codes:?}");
        assert!(codes.contains(&(ProblemCode::BadUrl, "categories.media_sosial_opd.evidence.reach[0]")), "{codes:?}");
        // The included category's card is the import's, for the file the draft exports.
        d.categories.get_mut("media_sosial_opd").expect("Contoh A's category").excluded = false;
        let checked = crate::submission::check_content(r, &to_submission(r, &d));
        assert_eq!(checked.cards.iter().find(|c| c.category == i.category), Some(&i.card));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn problems_point_at_fields_and_block_export() {
        let r = crate::rubric::builtin();
        let mut d = contoh_a();
        d.agency_name = "A".into();
        d.officer_email = "not-an-email".into();
        let e = d.categories.get_mut("media_sosial_opd").unwrap();
        e.inputs.insert("posts".into(), text("12.5"));
        e.inputs.remove("reach");
        e.evidence.insert("posts".into(), vec!["javascript:alert(1)".into(), String::new()]);
        let a = assess(r, &d);
        assert!(!a.exportable());
        let fields: Vec<Option<String>> = a.blocking().iter().map(|p| field_of(&p.path)).collect();
        for f in [
            "agency.name",
            "officer.email",
            "media_sosial_opd.posts",
            "media_sosial_opd.reach",
            "media_sosial_opd.posts.evidence.0",
        ] {
            assert!(fields.contains(&Some(f.to_string())), "{f} in {fields:?}");
        }
        let ms = a.categories.iter().find(|c| r.file.categories[c.category].id == "media_sosial_opd").unwrap();
        assert!(ms.incomplete);
        // Leaving the broken category out unblocks its errors, but then nothing is included.
        d.categories.get_mut("media_sosial_opd").unwrap().excluded = true;
        d.agency_name = "Dinas Contoh A".into();
        d.officer_email.clear();
        let a = assess(r, &d);
        assert_eq!(a.profile.iter().map(|p| &*p.code).collect::<Vec<_>>(), ["no_categories"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn failed_checks_name_the_field() {
        let r = crate::rubric::builtin();
        let mut d = contoh_a();
        d.categories.insert(
            "lapor_opd".into(),
            DraftEntry {
                inputs: [
                    ("received", "10"),
                    ("followed_up", "5"),
                    ("completed", "8"),
                    ("followed_up_5d", "4"),
                    ("avg_days_first_followup", "2"),
                ]
                .iter()
                .map(|(k, v)| (k.to_string(), text(v)))
                .collect(),
                ..DraftEntry::default()
            },
        );
        let a = assess(r, &d);
        let lapor = a.categories.iter().find(|c| r.file.categories[c.category].id == "lapor_opd").unwrap();
        let check = lapor.errors.iter().find(|p| p.code == "check_failed").expect("completed > followed_up");
        assert_eq!(field_of(&check.path).as_deref(), Some("lapor_opd.completed"));
        assert!(lapor.incomplete, "the channel checklist is unanswered");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn round_trips_through_a_submission_file() {
        let r = crate::rubric::builtin();
        let d = contoh_a();
        let text1 = submission::write(r, &to_submission(r, &d), "2025-11-02T03:04:05Z");
        let read = submission::read(text1.as_bytes()).unwrap();
        let back = from_submission(r, &Submission::from(&read.wire), Lang::En, "d2", "copy", "2025-11-03T00:00:00Z");
        let text2 = submission::write(r, &to_submission(r, &back), "2025-11-02T03:04:05Z");
        assert_eq!(text1, text2);
        assert_eq!(export_key(r, &d), export_key(r, &back));
        let posts = &back.categories["media_sosial_opd"].inputs["reach"];
        assert_eq!(posts, &RawValue::Text { text: "3,200,000".into(), lang: Lang::En });
        assert!(back.categories["website"].excluded);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_export_key_follows_exported_content_only() {
        let r = crate::rubric::builtin();
        let d = contoh_a();
        let key = export_key(r, &d);
        let mut same = d.clone();
        same.name = "another name".into();
        same.updated_at = "2030-01-01T00:00:00Z".into();
        // Typed differently, understood the same: the export would not change.
        same.categories.get_mut("media_sosial_opd").unwrap().inputs.insert("posts".into(), text(" 420 "));
        assert_eq!(export_key(r, &same), key);
        let changes: [fn(&mut Draft); 5] = [
            |d| d.agency_name.push('x'),
            |d| d.jury_estimate = 71.0,
            |d| {
                d.categories.get_mut("media_sosial_opd").unwrap().inputs.insert("posts".into(), text("421"));
            },
            |d| d.categories.get_mut("media_sosial_opd").unwrap().note = "catatan".into(),
            |d| d.categories.get_mut("media_sosial_opd").unwrap().excluded = true,
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut e = d.clone();
            change(&mut e);
            assert_ne!(export_key(r, &e), key, "change {i}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn feedback_sets_the_revision_and_empty_responses_are_not_exported() {
        let mut d = contoh_a();
        let mark = |input: &str, item: Option<&str>, value: Option<Fixed>| Mark {
            category: "media_sosial_opd".into(),
            input: input.into(),
            item: item.map(str::to_string),
            value,
            ..Mark::default()
        };
        let f = Feedback {
            revision: 1,
            marks: vec![
                mark("posts", None, Some(Fixed::Number(1234.5))),
                mark("quality", Some("video"), Some(Fixed::Answer(Answer::No))),
                mark("reach", None, None),
            ],
            ..Feedback::default()
        };
        d.responses.insert("old.field".into(), Response { accepted: true, text: None });
        attach_feedback(&mut d, &f);
        assert_eq!(d.revision, 2);
        assert!(d.responses.is_empty(), "responses to another revision's feedback are dropped");
        let response = |accepted: bool, text: Option<&str>| Response { accepted, text: text.map(str::to_string) };
        d.responses.insert("media_sosial_opd.posts".into(), response(true, None));
        d.responses.insert("media_sosial_opd.quality.video".into(), response(true, None));
        d.responses.insert("media_sosial_opd.reach".into(), response(false, Some("Data dari Meta Business Suite.")));
        d.responses.insert("media_sosial_opd.engagements".into(), response(false, None));
        // Opening the same feedback again keeps the answers; the export carries them (a blank
        // answer is none).
        attach_feedback(&mut d, &f);
        let key = export_key(crate::rubric::builtin(), &d);
        drop_empty_responses(&mut d);
        assert_eq!(export_key(crate::rubric::builtin(), &d), key, "an empty response does not count");
        let s = to_submission(crate::rubric::builtin(), &d);
        let keys: Vec<(&str, bool, Option<&str>)> =
            s.responses.iter().map(|(k, r)| (k.as_str(), r.accepted, r.text.as_deref())).collect();
        assert_eq!(
            keys,
            [
                ("media_sosial_opd.posts", true, None),
                ("media_sosial_opd.quality.video", true, None),
                ("media_sosial_opd.reach", false, Some("Data dari Meta Business Suite.")),
            ]
        );
        assert_eq!(s.revision, 2);
        // The feedback is kept with the draft, and a draft stored before it existed still reads.
        let stored: Draft = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(stored, d);
        let old: Draft = serde_json::from_str(r#"{"local_id": "x"}"#).unwrap();
        assert_eq!(Feedback::parse(&old.feedback), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn feedback_text_round_trips() {
        let two = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
        let f = Feedback {
            revision: 3,
            state: "rejected".into(),
            state_label: two("ditolak", "rejected"),
            reason: two("Alasan: a \\ b", "Reason: a \\ b"),
            about: two("", "x"),
            scores: vec![("website".into(), two("70,05", "70.05")), ("lapor_opd".into(), two("0", "100"))],
            notes: vec![("website".into(), two("Catatan", "Note"))],
            marks: vec![
                Mark {
                    category: "website".into(),
                    input: "domain".into(),
                    item: Some("https".into()),
                    value: Some(Fixed::Answer(Answer::Partial)),
                    words: two("w", "w en"),
                    label: two("l", "l en"),
                    look: two("k", "k en"),
                },
                Mark { category: "x".into(), input: "y".into(), value: Some(Fixed::Number(-0.125)), ..Mark::default() },
                Mark { category: "x".into(), input: "z".into(), value: Some(Fixed::Bool(true)), ..Mark::default() },
            ],
        };
        let mut back = Feedback::parse(&f.to_text()).unwrap();
        // Missing texts read as empty ones, one per language.
        for m in &mut back.marks[1..] {
            assert_eq!(m.words, ["", ""]);
            (m.words, m.label, m.look) = (vec![], vec![], vec![]);
        }
        assert_eq!(back, f);
        assert_eq!(in_lang(&f.reason, Lang::En), "Reason: a \\ b");
        assert_eq!(Feedback::parse(""), None);
        // A tab or line break in a text becomes a space.
        let two_lines = Feedback { reason: two("satu\ndua\tdan tiga", ""), ..f };
        assert_eq!(Feedback::parse(&two_lines.to_text()).unwrap().reason[0], "satu dua dan tiga");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_new_draft_only_asks_for_what_is_missing() {
        let r = crate::rubric::builtin();
        let d = Draft::new(r, "d", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "Draf", "2025-01-01T00:00:00Z");
        let a = assess(r, &d);
        let codes: Vec<&str> = a.profile.iter().map(|p| &*p.code).collect();
        assert_eq!(codes, ["agency_type_missing", "agency_name_length", "officer_name"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn field_paths_map_to_hook_names() {
        assert_eq!(field_of("agency.officer.email").as_deref(), Some("officer.email"));
        assert_eq!(field_of("agency.parent").as_deref(), Some("agency.parent"));
        assert_eq!(field_of("months").as_deref(), Some("months"));
        assert_eq!(field_of("categories.website.inputs.content.bogus").as_deref(), Some("website.content"));
        assert_eq!(field_of("categories.website.evidence.visits[2]").as_deref(), Some("website.visits.evidence.2"));
        assert_eq!(field_of("categories.website.note").as_deref(), Some("website.note"));
        assert_eq!(field_of("categories"), None);
    }

    /// The official rubric fixture of the end-to-end journeys (`tests/e2e/fixtures`).
    fn official() -> Rubric {
        crate::rubric::load(include_bytes!("../../../tests/e2e/fixtures/official-rubric.json")).unwrap()
    }

    fn answers(list: &[(&str, Answer)]) -> RawValue {
        RawValue::Checklist { answers: list.iter().map(|(k, a)| (k.to_string(), *a)).collect() }
    }

    /// Contoh A with part of its website typed too: an input the official rubric drops, a
    /// checklist with an item it renames, links, a note.
    fn contoh_a_with_website() -> Draft {
        let mut d = contoh_a();
        let w = d.categories.get_mut("website").unwrap();
        w.excluded = false;
        w.note = "Statistik dari cPanel".into();
        w.inputs.insert("web_posts".into(), text("95"));
        w.inputs.insert("lh_best_practices".into(), text("78"));
        w.inputs.insert("content".into(), answers(&[("profil", Answer::Yes), ("kontak", Answer::No)]));
        w.evidence.insert("lh_best_practices".into(), vec!["https://contoh.go.id/lh.png".into(), " ".into()]);
        w.evidence.insert("web_posts".into(), vec!["https://contoh.go.id/berita".into()]);
        d
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_new_draft_remembers_its_rubric() {
        let r = crate::rubric::builtin();
        assert_eq!(contoh_a().rubric_sha256, r.sha256);
        // A draft stored by an older kit reads, its rubric unknown.
        let old: Draft = serde_json::from_str(r#"{"local_id": "x", "name": "lama"}"#).unwrap();
        assert_eq!(old.rubric_sha256, "");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn migrating_to_the_official_rubric_carries_what_matches() {
        let (model, official) = (crate::rubric::builtin(), official());
        let d = contoh_a_with_website();
        let before = d.clone();
        let m = migrate(model, &official, &d, "d9", "Draf resmi", "2026-02-01T00:00:00Z");
        assert_eq!(d, before, "the original is untouched");
        let n = &m.draft;
        assert_eq!(
            (n.local_id.as_str(), n.name.as_str(), n.updated_at.as_str()),
            ("d9", "Draf resmi", "2026-02-01T00:00:00Z")
        );
        assert_eq!(n.rubric_sha256, official.sha256);
        assert_eq!(
            (n.submission_id.as_str(), n.agency_name.as_str(), n.months.as_str()),
            (d.submission_id.as_str(), "Dinas Contoh A", "10")
        );
        assert_eq!(n.categories["media_sosial_opd"], d.categories["media_sosial_opd"], "every figure and answer");
        for excluded in ["top_influencer", "media_massa_online", "lapor_opd"] {
            assert!(n.categories[excluded].excluded, "{excluded}");
        }
        let w = &n.categories["website"];
        assert!(!w.excluded);
        assert_eq!(w.note, "Statistik dari cPanel");
        assert_eq!(w.inputs["web_posts"], text("95"));
        assert_eq!(w.inputs["content"], answers(&[("profil", Answer::Yes)]));
        assert!(!w.inputs.contains_key("lh_best_practices"));
        assert_eq!(w.evidence.keys().collect::<Vec<_>>(), ["web_posts"]);
        assert_eq!(
            m.dropped_lines(model, Lang::Id),
            [
                "Kategori `website`, daftar periksa `content` (Daftar periksa isi website), butir `kontak` tidak \
                 dipindahkan — butir ini tidak ada di rubrik baru. Jawaban lama: kontak: Tidak",
                "Kategori `website`, masukan `lh_best_practices` (Skor Lighthouse Best Practices) tidak dipindahkan \
                 — masukan ini tidak ada di rubrik baru. Nilai lama: 78. Tautan bukti lama: https://contoh.go.id/lh.png",
            ]
        );
        assert_eq!(m.change_lines(Lang::Id), m.diff.lines(Lang::Id));
        assert!(!m.diff.is_empty());
        // The migrated draft scores with the new rules, as its export would.
        let a = assess(&official, n);
        let ms = a.categories.iter().find(|c| official.file.categories[c.category].id == "media_sosial_opd").unwrap();
        assert_eq!(format!("{:.2}", ms.card.rounded()), "77.84");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn kinds_decide_what_carries_over() {
        let model = crate::rubric::builtin();
        let mut v: serde_json::Value = serde_json::from_str(crate::rubric::MODEL_RUBRIC_JSON).unwrap();
        let cats = v["categories"].as_array_mut().unwrap();
        cats.retain(|c| c["id"] != "top_influencer");
        let ms = cats.iter_mut().find(|c| c["id"] == "media_sosial_opd").unwrap();
        for input in ms["inputs"].as_array_mut().unwrap() {
            let kind = match input["id"].as_str().unwrap() {
                "posts" => "boolean",
                "weeks_active" => "number",
                "median_reply_hours" | "answered_pct" => "integer",
                _ => continue,
            };
            input["kind"] = serde_json::json!(kind);
            if kind == "boolean" {
                let o = input.as_object_mut().unwrap();
                o.remove("min");
                o.remove("max");
            }
        }
        let new = crate::rubric::from_value(&v).unwrap_or_else(|p| panic!("{p:?}"));
        let mut d = contoh_a();
        let e = d.categories.get_mut("media_sosial_opd").unwrap();
        e.inputs.insert("median_reply_hours".into(), text("5,5"));
        e.inputs.insert("followers_end".into(), text("22.5x"));
        d.categories.insert(
            "top_influencer".into(),
            DraftEntry {
                inputs: [("reach".to_string(), text("3.900.000")), ("portal_items".to_string(), text(" "))].into(),
                evidence: [("active_days".to_string(), vec!["https://contoh.go.id/hari".to_string()])].into(),
                note: "catatan lama".into(),
                excluded: false,
            },
        );
        let m = migrate(model, &new, &d, "d2", "baru", "2026-01-01T00:00:00Z");
        let e = &m.draft.categories["media_sosial_opd"];
        assert_eq!(e.inputs["weeks_active"], text("38"), "integer → number");
        assert_eq!(e.inputs["answered_pct"], text("88"), "a whole number → integer");
        assert_eq!(e.inputs["followers_end"], text("22.5x"), "text not understood stays as typed");
        assert!(!e.inputs.contains_key("posts") && !e.inputs.contains_key("median_reply_hours"));
        assert!(!m.draft.categories.contains_key("top_influencer"));
        let whys: Vec<(&str, Option<&str>, &Why)> =
            m.dropped.iter().map(|x| (x.category.as_str(), x.input.as_deref(), &x.why)).collect();
        assert_eq!(
            whys,
            [
                ("media_sosial_opd", Some("median_reply_hours"), &Why::NotWhole),
                ("media_sosial_opd", Some("posts"), &Why::KindChanged { kind: InputKind::Boolean }),
                ("top_influencer", Some("active_days"), &Why::CategoryRemoved),
                ("top_influencer", Some("reach"), &Why::CategoryRemoved),
                ("top_influencer", None, &Why::CategoryRemoved),
            ]
        );
        let lines = m.dropped_lines(model, Lang::En);
        assert_eq!(
            lines,
            [
                "Category `media_sosial_opd`, input `median_reply_hours` (Median time to reply to comments/DMs) not carried over — \
                 this input must now be a whole number. Old value: 5,5",
                "Category `media_sosial_opd`, input `posts` (Number of posts (all official accounts)) not carried over — this input \
                 is now a yes/no. Old value: 420",
                "Category `top_influencer`, input `active_days` (Days with at least one publication) not carried over — \
                 this category is not in the new rubric. Old value: (empty). Old evidence links: \
                 https://contoh.go.id/hari",
                "Category `top_influencer`, input `reach` (Total reach of all official accounts) not carried over — this category is not in \
                 the new rubric. Old value: 3.900.000",
                "Category `top_influencer`: note not carried over — this category is not in the new rubric. Old \
                 note: catatan lama",
            ]
        );
    }
}
