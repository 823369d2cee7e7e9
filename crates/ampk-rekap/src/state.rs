//! The coordinator's page state: one reducer over the batch (the imported files, their report
//! and the jury marks) and the view (filters, sort, selection, what is shown). `reduce` is pure
//! and calls the core; reading files, storing the session and the clock are side effects done
//! outside it (the page stores the session whenever `unsaved` moves on).

use crate::browser::RekapSession;
use ampk_core::export::parse_jury_csv;
use ampk_core::import::{self, FileReport, ImportReport, JuryMarks, Status};
use ampk_core::rank::name_key;
use ampk_core::Problem;
use ampk_web::browser::StorageError;
use ampk_web::components::RubricRef;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Status rows shown at first (more on request).
pub const FILE_PAGE: usize = 500;
/// Ranking rows shown per category at first (more on request).
pub const RANK_PAGE: usize = 100;

/// The column a ranking is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Rank,
    Agency,
    Data,
    Final,
}

/// Something the coordinator did, or the outcome of a step done outside the reducer.
#[derive(Debug, Clone, PartialEq)]
pub enum RekapAction {
    /// Start again from the stored session with this rubric: its jury marks now, its files
    /// follow as an import that is not stored again.
    Restore {
        rubric: RubricRef,
        jury: Vec<(String, String, f64)>,
    },
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
    /// How many ranking rows to show per category.
    ShowRanks(usize),
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
    pub shown_ranks: usize,
}

impl RekapModel {
    /// An empty batch with this rubric.
    pub fn new(rubric: RubricRef) -> Self {
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
            shown_ranks: RANK_PAGE,
        }
    }

    /// What is stored: the files and the jury marks.
    pub fn session(&self) -> RekapSession {
        RekapSession {
            files: self.files.to_vec(),
            jury: self.jury.iter().map(|((c, a), v)| (c.clone(), a.clone(), *v)).collect(),
        }
    }

    /// Resolves duplicates and ranks again, with the files so far and `more`.
    fn resolve(&mut self, more: Vec<FileReport>) {
        let mut files = self.report.take().map(|r| Rc::unwrap_or_clone(r).files).unwrap_or_default();
        files.extend(more);
        self.report = Some(Rc::new(import::resolve(&self.rubric.0, files, &self.jury)));
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
            RekapAction::Restore { rubric, jury } => {
                m.rubric = rubric;
                m.jury = jury.into_iter().map(|(c, a, v)| ((c, name_key(&a)), v)).collect();
                m.files = Rc::default();
                m.report = None;
            }
            RekapAction::Progress { done, all } => m.progress = Some((done, all)),
            RekapAction::Imported { files, reports, save } => {
                Rc::make_mut(&mut m.files).extend(files);
                m.resolve(reports);
                m.progress = None;
                if save {
                    m.unsaved += 1;
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
            }
            RekapAction::Filter(f) => m.filter = f,
            RekapAction::TypeFilter(t) => m.type_filter = t,
            RekapAction::Select(s) => m.selected = s,
            RekapAction::Sort(s) => m.sort = s,
            RekapAction::Drag(d) => m.drag = d,
            RekapAction::ShowFiles(n) => m.shown_files = n,
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

    /// Assesses files as the page does before handing them over.
    fn imported(m: &RekapModel, files: &[(String, String, String)], save: bool) -> RekapAction {
        RekapAction::Imported {
            files: files.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect(),
            reports: files.iter().map(|(n, t, _)| import::assess(&m.rubric.0, n, t.as_bytes())).collect(),
            save,
        }
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
        assert_eq!((m.progress, m.unsaved, m.files.len()), (None, 1, 1));
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
        assert_eq!((m.sort, m.selected, m.shown_files, m.shown_ranks), (SortKey::Agency, Some(3), 1000, 7));
        let m = m.reduce(RekapAction::Filter(None)).reduce(RekapAction::TypeFilter(String::new()));
        assert_eq!((m.filter, m.type_filter.as_str()), (None, ""));
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
