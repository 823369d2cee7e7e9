//! The coordinator's page state: one reducer over the batch (the imported files, their report,
//! the jury marks and the review with its audit log) and the view (filters, sort, selection, the
//! open review form, what is shown). `reduce` is pure and calls the core; reading files, storing
//! the session and the clock are side effects done outside it (the page stores the session
//! whenever `unsaved` moves on, and hands the time of a save in with the action).

use crate::browser::{RekapMeta, RekapSession};
use ampk_core::export::parse_jury_csv;
use ampk_core::import::{self, FileReport, ImportReport, JuryMarks, Status};
use ampk_core::rank::name_key;
use ampk_core::review::{self, Correction, ReviewFile, ReviewState, SubmissionReview, Verdict, Verified};
use ampk_core::rubric::InputKind;
use ampk_core::submission::Read;
use ampk_core::{fmt, Lang, Problem, ProblemCode, Rubric};
use ampk_web::browser::StorageError;
use ampk_web::components::RubricRef;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Status rows shown at first, and added by each "show more": a page a person reads (a batch of
/// thousands is narrowed by the status filter, not scrolled). Drawing fewer rows while a batch
/// comes in also leaves the page's thread to the readers' reports (500 before issue 15).
pub const FILE_PAGE: usize = 100;
/// Status rows added to the table per task (a task under 50 ms keeps the page responsive).
pub const ROW_CHUNK: usize = 25;
/// Ranking rows shown per category at first (the whole ranking on request): the winners and the
/// jury's finalists are at the top (100 before issue 15).
pub const RANK_PAGE: usize = 50;
/// A new batch's rankings are drawn a part of a category per task: its rows in this many parts
/// (25 rows a task).
pub const RANK_PARTS: usize = 2;

/// The column a ranking is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Rank,
    Agency,
    Data,
    Final,
}

/// Which ranking is shown: by the self-reported data score, or by the verified one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankBy {
    #[default]
    Data,
    Verified,
}

impl RankBy {
    /// The switch's value (a UI hook): `data` or `verified`.
    pub fn as_str(self) -> &'static str {
        match self {
            RankBy::Data => "data",
            RankBy::Verified => "verified",
        }
    }
}

/// One change typed into the review form.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewEdit {
    State(ReviewState),
    Reason(String),
    /// An input's evidence verdict (`category.input`), or none.
    Verdict(String, Option<Verdict>),
    /// A corrected value as typed, by field (`category.input` or `category.input.item`); empty:
    /// not corrected.
    Value(String, String),
    /// A correction's reason, by field.
    FieldReason(String, String),
    /// A category's note, by category id.
    Note(String, String),
}

/// The review form of the submission whose details are open: what is typed, field by field, and
/// the outcome of the last save.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewForm {
    pub submission_id: String,
    pub state: ReviewState,
    pub reason: String,
    pub verdicts: BTreeMap<String, Verdict>,
    /// Corrected values as typed, by field; an empty text is no correction.
    pub values: BTreeMap<String, String>,
    pub reasons: BTreeMap<String, String>,
    pub notes: BTreeMap<String, String>,
    /// The problems of the last save attempt, each with the element id of its field.
    pub problems: Vec<FormProblem>,
    /// After a successful save: how many audit entries it recorded.
    pub saved: Option<usize>,
}

impl ReviewForm {
    /// The form showing a submission's review (empty when it has none), numbers written in `lang`.
    pub fn of(rubric: &Rubric, review: Option<&SubmissionReview>, submission_id: &str, lang: Lang) -> ReviewForm {
        let mut f = ReviewForm { submission_id: submission_id.to_string(), ..Default::default() };
        let Some(r) = review else { return f };
        f.state = r.state;
        f.reason = r.reason.clone().unwrap_or_default();
        f.verdicts = r.verdicts.clone();
        f.notes = r.notes.clone();
        for c in &r.corrections {
            let text = match (kind_of(rubric, &c.category, &c.input), c.value.as_f64()) {
                (Some(InputKind::Integer | InputKind::Number), Some(n)) => fmt::number(n, lang, None),
                _ => ampk_core::export::json_text(&c.value),
            };
            f.values.insert(c.field(), text);
            f.reasons.insert(c.field(), c.reason.clone());
        }
        f
    }
}

/// The kind of a rubric input, by category and input id.
fn kind_of(rubric: &Rubric, category: &str, input: &str) -> Option<InputKind> {
    let c = rubric.category_index(category)?;
    rubric.file.categories[c].inputs.iter().find(|d| d.id == input).map(|d| d.kind)
}

/// The element id of the field a problem of review `i` points at (paths of `review::check`),
/// given the fields of its corrections in order.
fn field_id(path: &str, i: usize, fields: &[String]) -> Option<String> {
    let rest = path.strip_prefix(&format!("reviews[{i}]"))?;
    if rest == ".reason" {
        return Some("review-reason".into());
    }
    if let Some(c) = rest.strip_prefix(".corrections[") {
        let (j, member) = c.split_once(']')?;
        let field = fields.get(j.parse::<usize>().ok()?)?;
        let prefix = if member == ".reason" { "reason" } else { "correct" };
        return Some(format!("{prefix}-{field}"));
    }
    rest.strip_prefix(".notes.").map(|cat| format!("note-{cat}"))
}

/// A problem of the review form, with the element id of its field (when it has one).
pub type FormProblem = (Option<String>, Problem);

/// The review a form describes, or the problems of understanding what was typed (numbers in
/// `lang`), each with its field's element id.
fn form_review(
    rubric: &Rubric,
    f: &ReviewForm,
    lang: Lang,
) -> Result<(SubmissionReview, Vec<String>), Vec<FormProblem>> {
    let mut corrections = Vec::new();
    let mut problems = Vec::new();
    for (field, text) in f.values.iter().filter(|(_, t)| !t.trim().is_empty()) {
        let mut parts = field.splitn(3, '.');
        let (Some(category), Some(input)) = (parts.next(), parts.next()) else { continue };
        let item = parts.next();
        let Some(kind) = kind_of(rubric, category, input) else { continue };
        let value = match kind {
            InputKind::Integer | InputKind::Number => match fmt::parse_number(text, lang) {
                Ok(Some(v)) => review::number_value(v),
                Ok(None) => continue,
                Err(e) => {
                    let label = rubric
                        .category_index(category)
                        .and_then(|c| rubric.file.categories[c].inputs.iter().find(|d| d.id == input))
                        .map(|d| d.label.clone());
                    problems.push((
                        Some(format!("correct-{field}")),
                        Problem::of(ProblemCode::NotANumber, field.clone(), |t| {
                            let l = label.as_ref().map_or(input, |l| l.get(t.0));
                            t.number_not_understood(l, e.message(t.0))
                        }),
                    ));
                    continue;
                }
            },
            InputKind::Boolean => serde_json::json!(text == "true"),
            _ => serde_json::json!(text.trim()),
        };
        corrections.push(Correction {
            category: category.to_string(),
            input: input.to_string(),
            item: item.map(str::to_string),
            value,
            reason: f.reasons.get(field).map(|r| r.trim().to_string()).unwrap_or_default(),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let fields = corrections.iter().map(Correction::field).collect();
    let trimmed = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let review = SubmissionReview {
        submission_id: f.submission_id.clone(),
        state: f.state,
        reason: trimmed(&f.reason),
        verdicts: f.verdicts.clone(),
        corrections,
        notes: f.notes.iter().filter_map(|(c, n)| trimmed(n).map(|n| (c.clone(), n))).collect(),
    };
    Ok((review, fields))
}

/// Something the coordinator did, or the outcome of a step done outside the reducer.
#[derive(Debug, Clone, PartialEq)]
pub enum RekapAction {
    /// Start again from the stored session with this rubric: its jury marks, review and reviewer
    /// now, its files follow as an import that is not stored again.
    Restore {
        rubric: RubricRef,
        jury: Vec<(String, String, f64)>,
        review: Option<ReviewFile>,
        reviewer: String,
    },
    /// The page's language (numbers in the review form are typed in it).
    Lang(Lang),
    /// The reviewer's name was typed; `store`: store the session (when the field is left).
    Reviewer {
        name: String,
        store: bool,
    },
    /// The open review form was edited.
    Edit(ReviewEdit),
    /// Save the open review form, at this time (RFC 3339 UTC, the browser's clock).
    SaveReview {
        at: String,
    },
    /// A review file was opened: read (`review::read`), or why not.
    LoadReview(Result<ReviewFile, Vec<Problem>>),
    /// Which ranking to show.
    RankBy(RankBy),
    /// Apply the review to the report of an import (a task after the import's own, so that no
    /// task of a big batch is that long); the import is then done.
    Review,
    /// Files assessed so far, out of all.
    Progress {
        done: usize,
        all: usize,
    },
    /// Assessed files (name and text, and their reports, those refused unread last), to add to
    /// the batch; `save`: store the session afterwards.
    Imported {
        files: Vec<(String, String)>,
        reports: Vec<FileReport>,
        save: bool,
    },
    /// A first batch's files (name and text), resolved and reviewed outside the reducer a step
    /// per task (see `Resolved`); `save`: store the session afterwards.
    Resolved {
        files: Vec<(String, String)>,
        resolved: Box<Resolved>,
        save: bool,
    },
    /// A jury cell was changed: its category, agency and the text typed.
    JuryCell {
        category: String,
        agency: String,
        text: String,
    },
    /// A jury-marks CSV file was read (its bytes).
    JuryCsv(Vec<u8>),
    /// A jury-marks CSV file could not be read.
    JuryProblems(Vec<Problem>),
    /// The session was stored, or why not.
    Saved(Result<(), StorageError>),
    /// Every imported file and jury mark was deleted.
    Clear,
    /// Show only the files with this status (`None`: all).
    Filter(Option<Status>),
    /// Show only the categories and entries of this agency type (empty: all).
    TypeFilter(String),
    /// Open the details of a file (an index into the report), or close them.
    Select(Option<usize>),
    Sort(SortKey),
    /// Files are being dragged over the drop zone.
    Drag(bool),
    /// How many status rows to show.
    ShowFiles(usize),
    /// Draw the next chunk of status rows (see `RekapModel::rendered`).
    RenderMore,
    /// Draw the next part of a category's ranking (see `RekapModel::ranked`).
    RankMore,
    /// How many ranking rows to show per category.
    ShowRanks(usize),
}

/// A batch resolved (`import::Resolving`) and its review applied (`review::Applying`) by the
/// page a step per task, so that no task of a big batch is long, with the jury marks and the
/// review they were made with: the model takes them only when it has no batch yet and the same
/// marks (else the files are resolved again), and the review applied only with the same review.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub report: ImportReport,
    pub verified: Verified,
    pub jury: JuryMarks,
    pub review: Rc<ReviewFile>,
}

/// The jury marks of a stored session, as the model keeps them.
pub fn jury_marks(stored: Vec<(String, String, f64)>) -> JuryMarks {
    stored.into_iter().map(|(c, a, v)| ((c, name_key(&a)), v)).collect()
}

/// The state of the coordinator's page.
#[derive(Debug, Clone, PartialEq)]
pub struct RekapModel {
    pub rubric: RubricRef,
    /// The imported files (name and text), in import order: the stored session's files.
    pub files: Rc<Vec<(String, String)>>,
    /// The import report (`None` until something was imported).
    pub report: Option<Rc<ImportReport>>,
    pub jury: JuryMarks,
    /// Jury cells whose typed text is not a mark (`abc`, `150`), by (category, agency key):
    /// kept as typed and shown with its problem until it is fixed or emptied; the last good
    /// mark stays in force meanwhile.
    pub jury_typed: BTreeMap<(String, String), String>,
    /// What was wrong with the last jury-marks CSV file.
    pub jury_problems: Vec<Problem>,
    /// Files assessed so far, out of all, while an import runs.
    pub progress: Option<(usize, usize)>,
    /// Whether the session could be stored last time.
    pub storage: Result<(), StorageError>,
    /// Moves on whenever the session changed and must be stored.
    pub unsaved: u32,
    pub filter: Option<Status>,
    pub type_filter: String,
    pub selected: Option<usize>,
    pub sort: SortKey,
    pub drag: bool,
    pub shown_files: usize,
    /// How many of the status rows shown are drawn so far: a new batch's rows are added
    /// `ROW_CHUNK` at a time, one chunk per task, up to `shown_files`.
    pub rendered: usize,
    /// How many parts of categories' rankings are drawn: a new batch's are added a part of a
    /// page of rows per task (`RANK_PARTS` per category), the import's progress staying up
    /// until the last is drawn.
    pub ranked: usize,
    pub shown_ranks: usize,
    pub lang: Lang,
    /// The reviewer's name, stamped on every review action.
    pub reviewer: String,
    /// The review of the batch, with its audit log.
    pub review: Rc<ReviewFile>,
    /// The review applied to the report (`None` until something was imported).
    pub verified: Option<Rc<Verified>>,
    /// What of the review does not fit the batch (`review::check`), e.g. after a file was
    /// superseded by another submission.
    pub review_problems: Vec<Problem>,
    /// The review form of the open details, when they show a ranked submission.
    pub form: Option<ReviewForm>,
    /// The document of the open details in full, read from its text once, when they were
    /// opened (see `in_full`), not at every drawing of the page.
    pub selected_read: Option<Rc<Read>>,
    pub rank_by: RankBy,
    /// The outcome of the last review file opened: submissions reviewed and audit entries, or
    /// its problems.
    pub review_load: Option<Result<(usize, usize), Vec<Problem>>>,
}

impl RekapModel {
    /// An empty batch with this rubric.
    pub fn new(rubric: RubricRef) -> Self {
        let rubric_of = rubric.0.clone();
        RekapModel {
            rubric,
            files: Rc::default(),
            report: None,
            jury: JuryMarks::new(),
            jury_typed: BTreeMap::new(),
            jury_problems: Vec::new(),
            progress: None,
            storage: Ok(()),
            unsaved: 0,
            filter: None,
            type_filter: String::new(),
            selected: None,
            sort: SortKey::Rank,
            drag: false,
            shown_files: FILE_PAGE,
            rendered: ROW_CHUNK,
            ranked: 0,
            shown_ranks: RANK_PAGE,
            lang: Lang::Id,
            reviewer: String::new(),
            review: Rc::new(ReviewFile::new(&rubric_of)),
            verified: None,
            review_problems: Vec::new(),
            form: None,
            selected_read: None,
            rank_by: RankBy::Data,
            review_load: None,
        }
    }

    /// What is stored: the files, the jury marks, the review (when there is review work) and the
    /// reviewer.
    /// The session's small part, stored after every change (the files only when they change).
    pub fn meta(&self) -> RekapMeta {
        RekapMeta {
            jury: self.jury.iter().map(|((c, a), v)| (c.clone(), a.clone(), *v)).collect(),
            review: self.review.has_work().then(|| (*self.review).clone()),
            reviewer: self.reviewer.clone(),
        }
    }

    pub fn session(&self) -> RekapSession {
        RekapSession { files: self.files.to_vec(), meta: self.meta() }
    }

    /// The import's progress as shown: files assessed out of all while they are, then all of
    /// them until the batch is shown whole (its review applied and every ranking drawn).
    pub fn progress_shown(&self) -> Option<(usize, usize)> {
        let all = self.report.as_ref().map_or(0, |r| r.files.len());
        self.progress.or_else(|| self.ranking_wanted().then_some((all, all)))
    }

    /// Whether a ranking is still to be drawn (a part of one per task, after the review is
    /// applied).
    pub fn ranking_wanted(&self) -> bool {
        self.verified.is_some() && self.report.as_ref().is_some_and(|r| self.ranked < RANK_PARTS * r.categories.len())
    }

    /// How many status rows are to be drawn: those shown of the files the filter keeps.
    pub fn rows_wanted(&self) -> usize {
        let Some(report) = &self.report else { return 0 };
        let matching = report.files.iter().filter(|f| self.filter.is_none_or(|s| f.status == s)).count();
        matching.min(self.shown_files)
    }

    /// The size of the files the session would store (what limits it), without copying them.
    pub fn stored_size(&self) -> usize {
        self.files.iter().map(|(n, t)| n.len() + t.len() + 8).sum()
    }

    /// A file's report with its document in full: the page keeps its reports lightened
    /// (`FileReport::lighten`: no evidence links, notes or embedded scores, which only the
    /// details show). The document is the open details' (`selected_read`) when it is this
    /// file's, else read again from the text (`read_in_full`); without one, the report as kept.
    pub fn in_full(&self, f: &FileReport) -> FileReport {
        let mut full = f.clone();
        let digest = f.read.as_ref().map(|r| r.digest.as_str());
        match &self.selected_read {
            Some(read) if Some(read.digest.as_str()) == digest => full.read = Some((**read).clone()),
            _ => {
                if let Some(read) = self.read_in_full(f) {
                    full.read = Some(read);
                }
            }
        }
        full
    }

    /// A file's document read again from its text: the text of that name whose digest is the
    /// report's (`None`: no document, or no such text).
    fn read_in_full(&self, f: &FileReport) -> Option<Read> {
        let digest = f.read.as_ref()?.digest.as_str();
        self.files
            .iter()
            .filter(|(name, _)| *name == f.file)
            .filter_map(|(_, text)| ampk_core::submission::read(text.as_bytes()).ok())
            .find(|r| r.digest == digest)
    }

    /// Resolves duplicates and ranks again, with the files so far and `more`.
    fn resolve(&mut self, more: Vec<FileReport>) {
        self.resolve_only(more);
        self.reviewed();
    }

    /// Resolves duplicates and ranks again, with the files so far and `more`, leaving the review
    /// to apply (`verified` is `None` until then).
    fn resolve_only(&mut self, more: Vec<FileReport>) {
        let mut files = self.report.take().map(|r| Rc::unwrap_or_clone(r).files).unwrap_or_default();
        files.extend(more);
        self.report = Some(Rc::new(import::resolve(&self.rubric.0, files, &self.jury)));
        self.verified = None;
    }

    /// Applies the review to the report again (after either changed).
    fn reviewed(&mut self) {
        let Some(report) = &self.report else {
            self.verified = None;
            self.review_problems.clear();
            return;
        };
        let rubric = &self.rubric.0;
        self.verified = Some(Rc::new(review::apply(rubric, report, &self.review)));
        self.review_problems = review::check(rubric, report, &self.review);
    }

    /// The submission id of file `i` when it is ranked (accepted), the only ones reviewed.
    pub fn reviewable(&self, i: usize) -> Option<&str> {
        let f = self.report.as_ref()?.files.get(i)?;
        matches!(f.status, Status::Accepted | Status::AcceptedWithWarnings).then(|| f.submission_id()).flatten()
    }

    /// The review form of file `i` as its review stands (none when it is not reviewable).
    fn form_of(&self, i: Option<usize>) -> Option<ReviewForm> {
        let id = self.reviewable(i?)?;
        Some(ReviewForm::of(&self.rubric.0, self.review.review_of(id), id, self.lang))
    }

    /// Saves the open form: the reviewer is required, the form must be understood and pass
    /// `review::check`; then the review is set, the audit entries of the change appended and
    /// everything ranked again and stored.
    fn save_review(&mut self, at: &str) {
        let Some(form) = self.form.as_mut() else { return };
        form.saved = None;
        if self.reviewer.trim().is_empty() {
            let p = Problem::of(ProblemCode::MissingValue, "reviewer", |t| t.rekap_reviewer_required());
            form.problems = vec![(Some("reviewer".into()), p)];
            return;
        }
        let rubric = &self.rubric.0;
        let (new, fields) = match form_review(rubric, form, self.lang) {
            Ok(x) => x,
            Err(problems) => {
                form.problems = problems;
                return;
            }
        };
        let Some(report) = self.report.clone() else { return };
        let mut candidate = (*self.review).clone();
        candidate.set(new.clone());
        let problems: Vec<FormProblem> =
            match candidate.reviews.iter().position(|r| r.submission_id == new.submission_id) {
                Some(i) => review::check(rubric, &report, &candidate)
                    .into_iter()
                    .filter(|p| p.path.starts_with(&format!("reviews[{i}]")))
                    .map(|p| (field_id(&p.path, i, &fields), p))
                    .collect(),
                None => Vec::new(),
            };
        if !problems.is_empty() {
            form.problems = problems;
            return;
        }
        let id = new.submission_id.clone();
        let old = self
            .review
            .review_of(&id)
            .cloned()
            .unwrap_or(SubmissionReview { submission_id: id.clone(), ..Default::default() });
        let reported = |c: &str, input: &str, item: Option<&str>| review::reported_value(&report, &id, c, input, item);
        let entries = review::audit_diff(&old, &new, reported, self.reviewer.trim(), at);
        let recorded = entries.len();
        candidate.audit.extend(entries);
        self.review = Rc::new(candidate);
        self.reviewed();
        self.form = self.form_of(self.selected).map(|f| ReviewForm { saved: Some(recorded), ..f });
        if recorded > 0 {
            self.unsaved += 1;
        }
    }

    /// Adds assessed files and their reports to the batch, resolved again with the files before.
    fn imported(&mut self, files: Vec<(String, String)>, reports: Vec<FileReport>, save: bool) {
        // The rows drawn stay (those of the files before, mostly the same); the new ones are
        // added a chunk at a time.
        let before = self.report.as_ref().map_or(0, |r| r.files.len());
        self.rendered = self.rendered.min(before).max(ROW_CHUNK);
        self.ranked = 0;
        Rc::make_mut(&mut self.files).extend(files);
        self.resolve_only(reports);
        self.import_done(save);
    }

    /// The batch's files are in: shown as done until the review is applied (`Review`), and
    /// stored when `save`.
    fn import_done(&mut self, save: bool) {
        self.progress = self.progress.map(|(_, all)| (all, all));
        if save {
            self.unsaved += 1;
        }
    }

    /// The batch changed: rank again and store it.
    fn changed(&mut self) {
        self.resolve(Vec::new());
        self.unsaved += 1;
    }
}

/// A jury cell's text: empty (no mark), a mark 0–100 (a decimal comma is fine), or not a mark.
fn parse_jury_cell(text: &str) -> Result<Option<f64>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    ampk_core::export::jury_mark(text, true).map(Some).ok_or(())
}

impl Reducible for RekapModel {
    type Action = RekapAction;

    fn reduce(self: Rc<Self>, action: RekapAction) -> Rc<Self> {
        // Actions that change nothing keep the same state (and cause no repaint).
        let same = match &action {
            RekapAction::Drag(d) => *d == self.drag,
            RekapAction::Saved(r) => *r == self.storage,
            _ => false,
        };
        if same {
            return self;
        }
        let mut m = (*self).clone();
        match action {
            RekapAction::Restore { rubric, jury, review, reviewer } => {
                m.review = Rc::new(review.unwrap_or_else(|| ReviewFile::new(&rubric.0)));
                m.rubric = rubric;
                m.reviewer = reviewer;
                m.jury = jury_marks(jury);
                m.files = Rc::default();
                m.report = None;
                m.rendered = ROW_CHUNK;
                m.reviewed();
                m.form = None;
            }
            RekapAction::Lang(lang) => {
                // Numbers typed in the form are rewritten for the new language.
                let (old, rubric) = (m.lang, m.rubric.0.clone());
                if let Some(f) = m.form.as_mut() {
                    for (field, text) in f.values.iter_mut() {
                        let mut parts = field.split('.');
                        let kind = match (parts.next(), parts.next()) {
                            (Some(c), Some(i)) => kind_of(&rubric, c, i),
                            _ => None,
                        };
                        if let (Some(InputKind::Integer | InputKind::Number), Ok(Some(v))) =
                            (kind, fmt::parse_number(text, old))
                        {
                            *text = fmt::number(v, lang, None);
                        }
                    }
                }
                m.lang = lang;
            }
            RekapAction::Reviewer { name, store } => {
                m.reviewer = name;
                if store {
                    m.unsaved += 1;
                }
            }
            RekapAction::Edit(edit) => {
                if let Some(f) = m.form.as_mut() {
                    f.saved = None;
                    match edit {
                        ReviewEdit::State(s) => f.state = s,
                        ReviewEdit::Reason(r) => f.reason = r,
                        ReviewEdit::Verdict(key, Some(v)) => {
                            f.verdicts.insert(key, v);
                        }
                        ReviewEdit::Verdict(key, None) => {
                            f.verdicts.remove(&key);
                        }
                        ReviewEdit::Value(field, text) => {
                            f.values.insert(field, text);
                        }
                        ReviewEdit::FieldReason(field, text) => {
                            f.reasons.insert(field, text);
                        }
                        ReviewEdit::Note(cat, text) => {
                            f.notes.insert(cat, text);
                        }
                    }
                }
            }
            RekapAction::SaveReview { at } => m.save_review(&at),
            RekapAction::LoadReview(Err(problems)) => m.review_load = Some(Err(problems)),
            RekapAction::LoadReview(Ok(file)) => {
                let problems = match &m.report {
                    Some(report) => review::check(&m.rubric.0, report, &file),
                    None => Vec::new(),
                };
                if problems.is_empty() {
                    m.review_load = Some(Ok((file.reviews.len(), file.audit.len())));
                    m.review = Rc::new(file);
                    m.reviewed();
                    m.form = m.form_of(m.selected);
                    m.unsaved += 1;
                } else {
                    m.review_load = Some(Err(problems));
                }
            }
            RekapAction::RankBy(r) => m.rank_by = r,
            RekapAction::Review => {
                if m.verified.is_none() {
                    m.reviewed();
                    m.form = m.form_of(m.selected);
                }
                m.progress = None;
            }
            RekapAction::Progress { done, all } => m.progress = Some((done, all)),
            RekapAction::Imported { files, reports, save } => m.imported(files, reports, save),
            RekapAction::Resolved { files, resolved, save } => {
                let Resolved { report, verified, jury, review } = *resolved;
                if m.report.is_some() || jury != m.jury {
                    // Resolved on another batch or other marks: resolved again.
                    m.imported(files, report.files, save);
                } else {
                    (m.rendered, m.ranked) = (ROW_CHUNK, 0);
                    Rc::make_mut(&mut m.files).extend(files);
                    m.report = Some(Rc::new(report));
                    m.verified = None;
                    m.import_done(save);
                    if Rc::ptr_eq(&review, &m.review) || review == m.review {
                        m.verified = Some(Rc::new(verified));
                        m.review_problems = review::check(&m.rubric.0, m.report.as_ref().expect("a report"), &m.review);
                        m.form = m.form_of(m.selected);
                        m.progress = None;
                    }
                }
            }
            RekapAction::JuryCell { category, agency, text } => {
                let key = (category, name_key(&agency));
                match parse_jury_cell(&text) {
                    Ok(mark) => {
                        m.jury_typed.remove(&key);
                        match mark {
                            Some(v) => m.jury.insert(key, v),
                            None => m.jury.remove(&key),
                        };
                        m.changed();
                    }
                    Err(()) => {
                        m.jury_typed.insert(key, text);
                    }
                }
            }
            RekapAction::JuryCsv(bytes) => {
                let (marks, problems) = parse_jury_csv(&m.rubric.0, &bytes);
                m.jury.extend(marks);
                m.changed();
                m.jury_problems = problems;
            }
            RekapAction::JuryProblems(problems) => m.jury_problems = problems,
            RekapAction::Saved(result) => m.storage = result,
            RekapAction::Clear => {
                m.files = Rc::default();
                m.report = None;
                m.jury.clear();
                m.jury_typed.clear();
                m.selected = None;
                m.selected_read = None;
                m.review = Rc::new(ReviewFile::new(&m.rubric.0));
                m.reviewer.clear();
                m.form = None;
                m.review_load = None;
                m.rendered = ROW_CHUNK;
                m.reviewed();
            }
            RekapAction::Filter(f) => {
                m.filter = f;
                m.rendered = ROW_CHUNK;
            }
            RekapAction::TypeFilter(t) => m.type_filter = t,
            RekapAction::Select(s) => {
                m.selected = s;
                m.form = m.form_of(s);
                let report = m.report.clone();
                m.selected_read = s.and_then(|i| report?.files.get(i).and_then(|f| m.read_in_full(f))).map(Rc::new);
            }
            RekapAction::Sort(s) => m.sort = s,
            RekapAction::Drag(d) => m.drag = d,
            RekapAction::ShowFiles(n) => m.shown_files = n,
            RekapAction::RenderMore => m.rendered += ROW_CHUNK,
            RekapAction::RankMore => m.ranked += 1,
            RekapAction::ShowRanks(n) => m.shown_ranks = n,
        }
        Rc::new(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ampk_core::{example, rubric, submission, ProblemCode};

    fn model() -> Rc<RekapModel> {
        Rc::new(RekapModel::new(RubricRef(Rc::new(rubric::builtin().clone()))))
    }

    /// The CLI's example submission of an agency type, as a file: its name, text and agency.
    fn file(agency_type: &str, name: &str) -> (String, String, String) {
        let r = rubric::builtin();
        let sub = example::example(r, agency_type).expect("an example");
        let text = submission::write(r, &sub, example::EXAMPLE_EXPORTED_AT);
        (name.to_string(), text, sub.agency.name.clone())
    }

    /// Assesses files as the page does before handing them over (lightened).
    fn imported(m: &RekapModel, files: &[(String, String, String)], save: bool) -> RekapAction {
        let assess = |n: &str, t: &str| {
            let mut f = import::assess(&m.rubric.0, n, t.as_bytes());
            f.lighten(true);
            f
        };
        RekapAction::Imported {
            files: files.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect(),
            reports: files.iter().map(|(n, t, _)| assess(n, t)).collect(),
            save,
        }
    }

    #[test]
    fn a_files_details_read_its_evidence_notes_and_embedded_scores_from_its_text() {
        let (a, b) = (file("opd", "a.json"), file("uptd", "b.json"));
        let m = model();
        let m = m.clone().reduce(imported(&m, &[a.clone(), b.clone()], false));
        let report = m.report.clone().expect("a report");
        let kept = report.files.iter().find(|f| f.file == "a.json").expect("a.json");
        let wire = |f: &FileReport| f.read.as_ref().expect("read").wire.clone();
        assert!(wire(kept).categories.values().all(|e| e.evidence.is_empty() && e.note.is_none()), "kept light");
        assert!(wire(kept).computed.is_empty());
        let full = m.in_full(kept);
        let want = import::assess(&m.rubric.0, &a.0, a.1.as_bytes());
        assert_eq!(wire(&full), wire(&want), "read again from its text");
        assert!(wire(&full).categories.values().any(|e| !e.evidence.is_empty()));
        assert!(!wire(&full).computed.is_empty());
        assert_eq!((full.status, &full.reasons, &full.checked), (kept.status, &kept.reasons, &kept.checked));
        // Opening the details reads the document once; the details drawn then use it.
        let i = report.files.iter().position(|f| f.file == "a.json").expect("a.json");
        let open = m.clone().reduce(RekapAction::Select(Some(i)));
        assert_eq!(open.selected_read.as_deref().map(|r| &r.wire), Some(&wire(&want)));
        assert_eq!(open.in_full(kept), full);
        // A text of that name whose content is another is not taken for it.
        let mut other = (*m).clone();
        other.files = Rc::new(vec![("a.json".to_string(), b.1.clone())]);
        assert_eq!(other.in_full(kept), *kept);
    }

    /// The first category the agency's entry is ranked in, and the jury cell's action there.
    fn cell(m: &RekapModel, agency: &str, text: &str) -> RekapAction {
        let report = m.report.as_ref().expect("a report");
        let c = report.categories.iter().find(|c| !c.rows.is_empty()).expect("a ranked category");
        let category = m.rubric.0.file.categories[c.category].id.clone();
        RekapAction::JuryCell { category, agency: agency.to_string(), text: text.to_string() }
    }

    /// The model after typing `text` in the agency's first jury cell.
    fn typed(m: &Rc<RekapModel>, agency: &str, text: &str) -> Rc<RekapModel> {
        m.clone().reduce(cell(m, agency, text))
    }

    #[test]
    fn imports_chunk_after_chunk_and_ranks_the_whole_batch() {
        let (a, b) = (file("opd", "a.json"), file("uptd", "b.json"));
        let m = model();
        let m = m.reduce(RekapAction::Progress { done: 1, all: 2 });
        assert_eq!(m.progress, Some((1, 2)));
        let first = imported(&m, std::slice::from_ref(&a), true);
        let m = m.reduce(first);
        assert_eq!((m.progress, m.unsaved, m.files.len()), (Some((2, 2)), 1, 1));
        assert!(m.verified.is_none(), "the review is applied in a task of its own");
        let m = m.reduce(RekapAction::Review);
        assert!(m.progress.is_none() && m.verified.is_some());
        let tail = vec![import::too_large("big.json", 2_000_000)];
        let RekapAction::Imported { files, mut reports, .. } = imported(&m, std::slice::from_ref(&b), true) else {
            unreachable!()
        };
        reports.extend(tail);
        let m = m.reduce(RekapAction::Imported { files, reports, save: true });
        // The same report as the CLI's import of the same files, the refused one last.
        let report = m.report.as_ref().unwrap();
        let names: Vec<&str> = report.files.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(names, ["a.json", "b.json", "big.json"]);
        assert_eq!(report.files[2].status, Status::Rejected);
        let cli = import::import(
            &m.rubric.0,
            &[(a.0.clone(), a.1.clone().into_bytes()), (b.0.clone(), b.1.clone().into_bytes())],
            &JuryMarks::new(),
        );
        assert_eq!(report.categories, cli.categories);
        assert_eq!(m.unsaved, 2);
        assert_eq!(m.session().files, vec![(a.0, a.1), (b.0, b.1)]);
    }

    #[test]
    fn a_restored_session_is_not_stored_again() {
        let a = file("opd", "a.json");
        let m = model().reduce(RekapAction::Restore {
            rubric: model().rubric.clone(),
            jury: vec![("website".into(), "  Dinas   CONTOH ".into(), 80.0)],
            review: None,
            reviewer: String::new(),
        });
        assert_eq!(m.jury.get(&("website".to_string(), "dinas contoh".to_string())), Some(&80.0));
        let action = imported(&m, &[a], false);
        let m = m.reduce(action);
        assert_eq!((m.unsaved, m.files.len()), (0, 1));
        assert!(m.report.is_some());
    }

    #[test]
    fn jury_marks_rank_again_and_text_that_is_no_mark_is_kept_as_typed() {
        let a = file("opd", "a.json");
        let m = model();
        let action = imported(&m, std::slice::from_ref(&a), false);
        let m = m.reduce(action);
        let m = typed(&m, &a.2, "85,5");
        let key = m.jury.keys().next().cloned().expect("a mark");
        assert_eq!(key.1, name_key(&a.2));
        assert_eq!(m.jury[&key], 85.5);
        assert_eq!(m.unsaved, 1);
        let row = |m: &RekapModel| {
            let report = m.report.as_ref().unwrap();
            let c = report.categories.iter().find(|c| !c.rows.is_empty()).unwrap();
            c.rows[0].clone()
        };
        assert_eq!(row(&m).jury, Some(85.5));
        // Not a mark: kept as typed, the last good mark stays in force, nothing is stored.
        for text in ["abc", "150"] {
            let m = typed(&m, &a.2, text);
            assert_eq!(m.jury_typed.get(&key).map(String::as_str), Some(text));
            assert_eq!((m.jury[&key], m.unsaved, row(&m).jury), (85.5, 1, Some(85.5)));
        }
        let m = typed(&m, &a.2, "abc");
        // Fixed: the typed text goes, the new mark counts.
        let m = typed(&m, &a.2, " 90 ");
        assert!(m.jury_typed.is_empty());
        assert_eq!((m.jury[&key], m.unsaved), (90.0, 2));
        // Emptied: no mark.
        let m = typed(&m, &a.2, "");
        assert!(m.jury.is_empty());
        assert_eq!((row(&m).jury, m.unsaved), (None, 3));
    }

    #[test]
    fn a_jury_csv_adds_marks_and_reports_its_problems() {
        let a = file("opd", "a.json");
        let m = model();
        let action = imported(&m, std::slice::from_ref(&a), false);
        let m = m.reduce(action);
        let csv = format!("agency,category,jury_score\n{},lapor_opd,70\nwho,lapor_opd\n", a.2);
        let m = m.reduce(RekapAction::JuryCsv(csv.into_bytes()));
        assert_eq!(m.jury.get(&("lapor_opd".to_string(), name_key(&a.2))), Some(&70.0));
        assert_eq!(m.jury_problems.len(), 1, "{:?}", m.jury_problems);
        assert_eq!(m.unsaved, 1);
        let too_large = Problem::of(ProblemCode::TooLarge, "", |t| t.rekap_file_too_large().to_string());
        let m = m.reduce(RekapAction::JuryProblems(vec![too_large.clone()]));
        assert_eq!(m.jury_problems, vec![too_large]);
    }

    #[test]
    fn clear_forgets_the_batch_and_keeps_the_view() {
        let a = file("opd", "a.json");
        let m = model().reduce(RekapAction::Sort(SortKey::Final)).reduce(RekapAction::Select(Some(0)));
        let action = imported(&m, std::slice::from_ref(&a), true);
        let m = m.reduce(action);
        let m = typed(&m, &a.2, "abc");
        let m = m.reduce(RekapAction::Clear);
        assert!(m.files.is_empty() && m.report.is_none() && m.jury.is_empty() && m.jury_typed.is_empty());
        assert_eq!((m.selected, m.sort), (None, SortKey::Final));
    }

    #[test]
    fn filters_sort_and_paging_are_state() {
        let m = model()
            .reduce(RekapAction::Filter(Some(Status::Rejected)))
            .reduce(RekapAction::TypeFilter("uptd".into()))
            .reduce(RekapAction::Sort(SortKey::Agency))
            .reduce(RekapAction::Select(Some(3)))
            .reduce(RekapAction::ShowFiles(FILE_PAGE * 2))
            .reduce(RekapAction::ShowRanks(7));
        assert_eq!(m.filter, Some(Status::Rejected));
        assert_eq!(m.type_filter, "uptd");
        assert_eq!((m.sort, m.selected, m.shown_files, m.shown_ranks), (SortKey::Agency, Some(3), FILE_PAGE * 2, 7));
        let m = m.reduce(RekapAction::Filter(None)).reduce(RekapAction::TypeFilter(String::new()));
        assert_eq!((m.filter, m.type_filter.as_str()), (None, ""));
    }

    #[test]
    fn a_new_batchs_rows_are_drawn_a_chunk_at_a_time() {
        let files: Vec<_> = (0..3).map(|i| file("opd", &format!("{i}.json"))).collect();
        let m = model();
        assert_eq!((m.rendered, m.rows_wanted()), (ROW_CHUNK, 0));
        let action = imported(&m, &files, false);
        let m = m.reduce(action);
        assert_eq!((m.rendered, m.rows_wanted()), (ROW_CHUNK, 3));
        let m = m.reduce(RekapAction::RenderMore).reduce(RekapAction::RenderMore);
        assert_eq!(m.rendered, 3 * ROW_CHUNK);
        // A second import keeps the rows drawn (at most those of the files before) and adds more.
        let action = imported(&m, &files[..1], false);
        let m = m.reduce(action);
        assert_eq!((m.rendered, m.rows_wanted()), (ROW_CHUNK, 4));
        // Another filter: other rows, drawn again a chunk at a time.
        let m = m.reduce(RekapAction::RenderMore).reduce(RekapAction::Filter(Some(Status::Rejected)));
        assert_eq!(m.rendered, ROW_CHUNK);
        let m = m.reduce(RekapAction::Filter(None)).reduce(RekapAction::ShowFiles(1));
        assert_eq!(m.rows_wanted(), 1);
    }

    #[test]
    fn a_new_batchs_rankings_are_drawn_a_part_of_a_category_at_a_time_under_the_progress() {
        let files = [file("opd", "a.json"), file("uptd", "b.json")];
        let m = model().reduce(RekapAction::Progress { done: 1, all: 2 });
        let m = m.clone().reduce(resolved(&m, &files, JuryMarks::new()));
        let categories = m.report.as_ref().unwrap().categories.len();
        assert!(categories > 1);
        // Resolved and reviewed: the progress stays up, at all files done, until the last
        // ranking is drawn.
        assert_eq!((m.progress, m.ranked, m.ranking_wanted()), (None, 0, true));
        assert_eq!(m.progress_shown(), Some((2, 2)));
        let mut m = m;
        for drawn in 1..=RANK_PARTS * categories {
            m = m.reduce(RekapAction::RankMore);
            assert_eq!(m.ranked, drawn);
            assert_eq!(m.progress_shown().is_some(), drawn < RANK_PARTS * categories, "{drawn} parts drawn");
        }
        assert!(!m.ranking_wanted());
        // More files: their batch's rankings are drawn again the same way, once reviewed.
        let action = imported(&m, &files[..1], false);
        let m = m.reduce(action);
        assert_eq!((m.ranked, m.ranking_wanted()), (0, false));
        assert_eq!(m.progress_shown(), None, "no progress was running");
        let m = m.reduce(RekapAction::Review);
        assert!(m.ranking_wanted() && m.progress_shown() == Some((3, 3)));
    }

    /// `files` resolved and reviewed as the page does before handing a first batch over, with
    /// these jury marks and the model's review.
    fn resolved(m: &RekapModel, files: &[(String, String, String)], jury: JuryMarks) -> RekapAction {
        let RekapAction::Imported { files, reports, save } = imported(m, files, true) else { unreachable!() };
        let rubric = &m.rubric.0;
        let mut resolving = import::Resolving::new(reports);
        while !resolving.step(rubric, &jury) {}
        let report = resolving.finish(&jury);
        let mut applying = review::Applying::new(&report);
        while !applying.step(rubric, &m.review) {}
        let verified = applying.finish();
        let resolved = Box::new(Resolved { report, verified, jury, review: m.review.clone() });
        RekapAction::Resolved { files, resolved, save }
    }

    #[test]
    fn a_batch_resolved_by_the_page_is_the_batch_the_reducer_resolves() {
        let files = [file("opd", "a.json"), file("uptd", "b.json"), file("opd", "c.json")];
        let m = model().reduce(RekapAction::Progress { done: 1, all: 3 });
        let action = imported(&m, &files, true);
        let expected = m.clone().reduce(action).reduce(RekapAction::Review);
        let action = resolved(&m, &files, m.jury.clone());
        let got = m.clone().reduce(action);
        assert_eq!(got.report, expected.report);
        assert!(got.verified.is_some(), "reviewed at once");
        assert_eq!((&got.verified, &got.review_problems), (&expected.verified, &expected.review_problems));
        assert_eq!((&got.files, got.unsaved, got.progress), (&expected.files, 1, None));
        // Resolved with other marks than the model's: resolved again, with the model's.
        let other: JuryMarks = [(("website".to_string(), name_key(&files[0].2)), 75.0)].into();
        let action = resolved(&m, &files, other);
        let again = m.clone().reduce(action);
        assert_eq!((&again.report, again.verified.is_none()), (&expected.report, true));
        // On a batch the model has already: added to it.
        let action = resolved(&m, &files[..1], m.jury.clone());
        let more = got.reduce(action);
        assert_eq!(more.report.as_ref().unwrap().files.len(), 4);
        assert_eq!(more.files.len(), 4);
    }

    #[test]
    fn what_changes_nothing_keeps_the_same_state() {
        let m = model();
        let same = m.clone().reduce(RekapAction::Drag(false));
        assert!(Rc::ptr_eq(&m, &same));
        let same = m.clone().reduce(RekapAction::Saved(Ok(())));
        assert!(Rc::ptr_eq(&m, &same));
        let m = m.reduce(RekapAction::Drag(true)).reduce(RekapAction::Saved(Err(StorageError::Full)));
        assert!(m.drag);
        assert_eq!(m.storage, Err(StorageError::Full));
    }

    /// A batch of the opd example (a.json) and a copy with another id and agency (b.json).
    fn reviewed_batch() -> (Rc<RekapModel>, String, String) {
        let r = rubric::builtin();
        let a = example::example(r, "opd").expect("an example");
        let mut b = a.clone();
        b.submission_id = "16fd2706-8baf-433b-82eb-8c7fada847da".into();
        b.agency.name = "Dinas Contoh B".into();
        let files: Vec<(String, String, String)> = [("a.json", &a), ("b.json", &b)]
            .iter()
            .map(|(n, s)| (n.to_string(), submission::write(r, s, example::EXAMPLE_EXPORTED_AT), s.agency.name.clone()))
            .collect();
        let m = model();
        let action = imported(&m, &files, true);
        let m = m.reduce(action);
        assert!(m.verified.is_none(), "the review is applied in a task of its own");
        (m.reduce(RekapAction::Review), a.submission_id.clone(), b.submission_id)
    }

    fn edit(m: Rc<RekapModel>, e: ReviewEdit) -> Rc<RekapModel> {
        m.reduce(RekapAction::Edit(e))
    }

    /// The verified ranking of lapor_opd: agency and rank.
    fn verified_order(m: &RekapModel) -> Vec<(String, u32)> {
        let cat = m.rubric.0.category_index("lapor_opd").unwrap();
        let v = m.verified.as_ref().unwrap();
        let c = &v.categories[cat];
        let report = m.report.as_ref().unwrap();
        c.rows.iter().map(|r| (report.files[c.cards[r.card].file].agency().unwrap().to_string(), r.rank)).collect()
    }

    const AT: &str = "2025-11-04T08:00:00Z";

    #[test]
    fn a_saved_correction_is_validated_audited_applied_and_stored() {
        let (m, a, _) = reviewed_batch();
        assert_eq!(verified_order(&m), [("Dinas Contoh A".to_string(), 1), ("Dinas Contoh B".to_string(), 1)]);
        let m = m.reduce(RekapAction::Select(Some(0)));
        assert_eq!(m.form.as_ref().map(|f| f.submission_id.as_str()), Some(a.as_str()));
        let m = edit(m, ReviewEdit::Value("lapor_opd.received".into(), "1.000".into()));
        // No reviewer: refused, pointing at the field.
        let m = m.reduce(RekapAction::SaveReview { at: AT.into() });
        let f = m.form.as_ref().unwrap();
        assert_eq!(
            f.problems.iter().map(|(id, p)| (id.as_deref(), &*p.code)).collect::<Vec<_>>(),
            [(Some("reviewer"), "missing_value")]
        );
        assert!(!m.review.has_work());
        let m = m.reduce(RekapAction::Reviewer { name: "Rina".into(), store: true });
        let stored = m.unsaved;
        // No reason for the correction, and a value the language cannot read: both at their fields.
        let m = edit(m, ReviewEdit::Value("website.domain.https".into(), "no".into()));
        let m = edit(m, ReviewEdit::FieldReason("website.domain.https".into(), "no certificate".into()));
        let m = edit(m, ReviewEdit::Value("lapor_opd.completed".into(), "12.5.1".into()));
        let m = m.reduce(RekapAction::SaveReview { at: AT.into() });
        let ids = |m: &RekapModel| -> Vec<Option<String>> {
            m.form.as_ref().unwrap().problems.iter().map(|(id, _)| id.clone()).collect()
        };
        assert_eq!(ids(&m), [Some("correct-lapor_opd.completed".to_string())]);
        let m = edit(m, ReviewEdit::Value("lapor_opd.completed".into(), String::new()));
        let m = m.reduce(RekapAction::SaveReview { at: AT.into() });
        assert_eq!(ids(&m), [Some("reason-lapor_opd.received".to_string())]);
        // Needs fixing without a reason: refused at the state's reason.
        let m = edit(m, ReviewEdit::FieldReason("lapor_opd.received".into(), "only 1000 in the evidence".into()));
        let m = edit(m, ReviewEdit::State(ReviewState::NeedsFixing));
        let m = m.reduce(RekapAction::SaveReview { at: AT.into() });
        assert_eq!(ids(&m), [Some("review-reason".to_string())]);
        assert_eq!(m.unsaved, stored, "nothing stored while refused");
        let m = edit(m, ReviewEdit::Reason("links broken".into()));
        let m = edit(m, ReviewEdit::Verdict("lapor_opd.received".into(), Some(Verdict::NotOk)));
        let m = m.reduce(RekapAction::SaveReview { at: AT.into() });
        let f = m.form.as_ref().unwrap();
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        assert_eq!(f.saved, Some(4), "state, verdict and two corrections");
        assert_eq!(m.unsaved, stored + 1);
        // Saved as the core's review: the Indonesian "1.000" is the integer 1000.
        let r = m.review.review_of(&a).unwrap();
        assert_eq!(r.state, ReviewState::NeedsFixing);
        assert_eq!(r.corrected("lapor_opd.received").map(|c| &c.value), Some(&serde_json::json!(1000)));
        assert_eq!(review::check(&m.rubric.0, m.report.as_ref().unwrap(), &m.review), []);
        let audit: Vec<(&str, &str, &str)> =
            m.review.audit.iter().map(|e| (e.field.as_str(), e.reviewer.as_str(), e.at.as_str())).collect();
        assert_eq!(
            audit,
            [
                ("state", "Rina", AT),
                ("verdict.lapor_opd.received", "Rina", AT),
                ("lapor_opd.received", "Rina", AT),
                ("website.domain.https", "Rina", AT)
            ]
        );
        // Applied: the verified score equals the core's on the same review.
        assert_eq!(**m.verified.as_ref().unwrap(), review::apply(&m.rubric.0, m.report.as_ref().unwrap(), &m.review));
        // The form shows what was saved, numbers in the page's language; in English they follow.
        assert_eq!(m.form.as_ref().unwrap().values["lapor_opd.received"], "1.000");
        let m = m.reduce(RekapAction::Lang(Lang::En));
        assert_eq!(m.form.as_ref().unwrap().values["lapor_opd.received"], "1,000");
        // Stored with the session, and restored from it.
        let session = m.session();
        assert_eq!(session.meta.reviewer, "Rina");
        let text = serde_json::to_string(&session).unwrap();
        let back: RekapSession = serde_json::from_str(&text).unwrap();
        let restored = model().reduce(RekapAction::Restore {
            rubric: m.rubric.clone(),
            jury: back.meta.jury,
            review: back.meta.review,
            reviewer: back.meta.reviewer,
        });
        assert_eq!((restored.reviewer.as_str(), &*restored.review), ("Rina", &*m.review));
        // Saving again without a change records nothing and stores nothing.
        let before = m.unsaved;
        let again = m.reduce(RekapAction::SaveReview { at: AT.into() });
        assert_eq!((again.form.as_ref().unwrap().saved, again.review.audit.len(), again.unsaved), (Some(0), 4, before));
    }

    #[test]
    fn a_rejected_submission_leaves_the_verified_ranking() {
        let (m, _, b) = reviewed_batch();
        let m =
            m.reduce(RekapAction::Reviewer { name: "Rina".into(), store: true }).reduce(RekapAction::Select(Some(1)));
        let m = edit(m, ReviewEdit::State(ReviewState::Rejected));
        let m = edit(m, ReviewEdit::Reason("fabricated".into()));
        let m = m.reduce(RekapAction::SaveReview { at: AT.into() });
        assert_eq!(m.review.review_of(&b).map(|r| r.state), Some(ReviewState::Rejected));
        assert_eq!(verified_order(&m), [("Dinas Contoh A".to_string(), 1)]);
        // The import's own ranking keeps both.
        let cat = m.rubric.0.category_index("lapor_opd").unwrap();
        assert_eq!(m.report.as_ref().unwrap().categories[cat].rows.len(), 2);
        let m = m.reduce(RekapAction::RankBy(RankBy::Verified));
        assert_eq!(m.rank_by, RankBy::Verified);
    }

    #[test]
    fn an_opened_review_file_is_checked_against_the_batch_and_clear_forgets_the_review() {
        let (m, a, _) = reviewed_batch();
        let r = rubric::builtin();
        let mut file = ReviewFile::new(r);
        file.set(SubmissionReview {
            submission_id: "00000000-0000-4000-8000-000000000000".into(),
            state: ReviewState::Verified,
            ..Default::default()
        });
        let m = m.reduce(RekapAction::LoadReview(Ok(file)));
        let Some(Err(problems)) = &m.review_load else { panic!("{:?}", m.review_load) };
        assert_eq!(problems.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["reviews[0].submission_id"]);
        assert!(!m.review.has_work(), "nothing applied");
        let mut good = ReviewFile::new(r);
        good.set(SubmissionReview { submission_id: a.clone(), state: ReviewState::Verified, ..Default::default() });
        let text = review::write(&good);
        let m = m.reduce(RekapAction::LoadReview(review::read(text.as_bytes())));
        assert_eq!(m.review_load, Some(Ok((1, 0))));
        assert_eq!(m.review.review_of(&a).map(|r| r.state), Some(ReviewState::Verified));
        let m = m.reduce(RekapAction::Reviewer { name: "Rina".into(), store: true }).reduce(RekapAction::Clear);
        assert!(!m.review.has_work() && m.reviewer.is_empty() && m.form.is_none() && m.verified.is_none());
    }

    #[test]
    fn an_old_stored_session_still_loads() {
        let old = r#"{"files":[["a.json","{}"]],"jury":[["website","Dinas A",80.0]]}"#;
        let s: RekapSession = serde_json::from_str(old).unwrap();
        assert_eq!((s.files.len(), s.meta.jury.len(), s.meta.review, s.meta.reviewer.as_str()), (1, 1, None, ""));
    }

    #[test]
    fn jury_cells_read_marks_with_either_decimal_separator() {
        assert_eq!(parse_jury_cell(""), Ok(None));
        assert_eq!(parse_jury_cell("  "), Ok(None));
        assert_eq!(parse_jury_cell("85,5"), Ok(Some(85.5)));
        assert_eq!(parse_jury_cell("0"), Ok(Some(0.0)));
        assert_eq!(parse_jury_cell("100"), Ok(Some(100.0)));
        assert_eq!(parse_jury_cell("100.5"), Err(()));
        assert_eq!(parse_jury_cell("-1"), Err(()));
        assert_eq!(parse_jury_cell("abc"), Err(()));
    }
}
