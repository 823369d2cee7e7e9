//! The studio's state, pure: the files opened (the rubric being written and the one it is
//! compared with), what reading one gives in a language ([`read`]: a checked rubric, or every
//! problem at its cell or JSON path), and the preview's figures, a draft that is never saved.

use ampk_core::draft::Draft;
use ampk_core::rubric::{self, Rubric};
use ampk_core::{Lang, ProblemCode};
use ampk_rubric_xlsx::{from_workbook, CellProblem, MAX_WORKBOOK_BYTES};
use ampk_web::components::RubricRef;
use ampk_web::state::Action;
use std::rc::Rc;
use yew::Reducible;

/// A file opened in the studio: its name and bytes, or its size when it was refused unread.
#[derive(Debug, Clone)]
pub struct Opened {
    pub name: String,
    pub content: Content,
}

/// What was read of a file.
#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Rc<Vec<u8>>),
    /// Larger than `limit`: not read.
    TooLarge {
        size: u64,
        limit: usize,
    },
}

impl PartialEq for Opened {
    /// One opening is one value: opening the same file again is a new one (it may have changed).
    fn eq(&self, other: &Self) -> bool {
        match (&self.content, &other.content) {
            (Content::Bytes(a), Content::Bytes(b)) => Rc::ptr_eq(a, b),
            (Content::TooLarge { size: a, .. }, Content::TooLarge { size: b, .. }) => a == b && self.name == other.name,
            _ => false,
        }
    }
}

/// Whether a file is read as a rubric file (JSON) rather than a workbook, by its name.
fn named_json(name: &str) -> bool {
    name.to_lowercase().ends_with(".json")
}

/// The largest file of this name read: a rubric file's limit for `.json`, a workbook's otherwise.
pub fn limit_for(name: &str) -> usize {
    if named_json(name) {
        rubric::MAX_RUBRIC_BYTES
    } else {
        MAX_WORKBOOK_BYTES
    }
}

/// Whether bytes are a ZIP archive (XLSX and ODS both are).
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// One problem as the studio lists it: the cell of a workbook (sheet, spreadsheet row, column
/// name, cell) or the JSON path of a rubric file, and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemRow {
    pub sheet: String,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub cell: Option<String>,
    /// The JSON path (a rubric file's problem); empty for a workbook's.
    pub path: String,
    pub code: ProblemCode,
    pub message: String,
}

impl From<CellProblem> for ProblemRow {
    fn from(p: CellProblem) -> Self {
        ProblemRow {
            sheet: p.sheet,
            row: p.row,
            column: p.column,
            cell: p.cell,
            path: String::new(),
            code: p.code,
            message: p.message,
        }
    }
}

/// What a file gives, read in one language.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// A valid rubric: the text of its `rubric.json` (for a workbook, the file it becomes), and
    /// the rubric checked and compiled from it (its fingerprint is the text's).
    Valid { text: Rc<str>, rubric: RubricRef },
    /// Every problem found; `workbook` when they are cells of a workbook, not JSON paths.
    Problems { workbook: bool, rows: Vec<ProblemRow> },
}

impl Reading {
    /// The rubric, when valid.
    pub fn rubric(&self) -> Option<&RubricRef> {
        match self {
            Reading::Valid { rubric, .. } => Some(rubric),
            Reading::Problems { .. } => None,
        }
    }
}

/// Reads an opened file: a workbook (XLSX or ODS, told by its content) with the workbook reader,
/// anything else as a rubric file with the core's loader. Messages are in `lang`.
pub fn read(file: &Opened, lang: Lang) -> Reading {
    let bytes = match &file.content {
        Content::Bytes(b) => b,
        Content::TooLarge { size, limit } => {
            let row = ProblemRow {
                sheet: String::new(),
                row: None,
                column: None,
                cell: None,
                path: String::new(),
                code: ProblemCode::TooLarge,
                message: lang.texts().file_too_large(limit, size),
            };
            return Reading::Problems { workbook: !named_json(&file.name), rows: vec![row] };
        }
    };
    if is_zip(bytes) {
        return match from_workbook(bytes, lang) {
            Ok((text, r)) => Reading::Valid { text: text.into(), rubric: RubricRef(Rc::new(r)) },
            Err(problems) => Reading::Problems { workbook: true, rows: problems.into_iter().map(Into::into).collect() },
        };
    }
    match rubric::load(bytes) {
        Ok(r) => {
            Reading::Valid { text: String::from_utf8_lossy(bytes).into_owned().into(), rubric: RubricRef(Rc::new(r)) }
        }
        Err(problems) => Reading::Problems {
            workbook: false,
            rows: problems
                .iter()
                .map(|p| ProblemRow {
                    sheet: String::new(),
                    row: None,
                    column: None,
                    cell: None,
                    path: p.path.clone(),
                    code: p.code,
                    message: p.message(lang).to_string(),
                })
                .collect(),
        },
    }
}

/// The studio's state: the rubric being written, the rubric it is compared with (`None`: the
/// built-in model) and the preview's figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StudioModel {
    pub opened: Option<Opened>,
    /// A file being read (its name), until it is opened.
    pub reading: Option<String>,
    pub against: Option<Opened>,
    /// A file is dragged over the drop zone.
    pub drag: bool,
    /// The preview's figures and agency type, as an officer's draft would hold them. Never saved.
    pub draft: Draft,
    /// A download that failed (its message).
    pub failure: Option<String>,
}

/// Something done in the studio.
#[derive(Debug, Clone, PartialEq)]
pub enum StudioAction {
    /// A file is being read.
    Reading(String),
    /// The rubric file or workbook to check.
    Open(Opened),
    /// The rubric to compare with (`None`: the built-in model).
    CompareWith(Option<Opened>),
    Drag(bool),
    /// The agency type the preview shows the categories of.
    PreviewType(String),
    /// A change in the preview's form, made by the officer's own form components.
    Form(Action),
    Failed(Option<String>),
}

/// A change of the preview form applied to its draft: the inputs and evidence rows, as on the
/// officer's page (`ampk_web::state::edit_entry`); other actions of that page do not occur in
/// the preview.
fn apply(d: &mut Draft, action: Action, lang: Lang) {
    let _ = ampk_web::state::edit_entry(d, action, lang);
}

/// The reducer needs the interface language for typed numbers: it rides along with the action.
impl Reducible for StudioModel {
    type Action = (StudioAction, Lang);

    fn reduce(self: Rc<Self>, (action, lang): Self::Action) -> Rc<Self> {
        let mut m = (*self).clone();
        match action {
            StudioAction::Reading(name) => m.reading = Some(name),
            StudioAction::Open(file) => {
                m.opened = Some(file);
                m.reading = None;
                m.failure = None;
            }
            StudioAction::CompareWith(file) => m.against = file,
            StudioAction::Drag(on) => m.drag = on,
            StudioAction::PreviewType(t) => m.draft.agency_type = t,
            StudioAction::Form(a) => apply(&mut m.draft, a, lang),
            StudioAction::Failed(f) => m.failure = f,
        }
        Rc::new(m)
    }
}

/// The preview's draft for `r`: the figures typed so far, with an agency type of `r` (the one
/// chosen, else the first).
pub fn preview_draft(r: &Rubric, d: &Draft) -> Draft {
    let known = r.file.agency_types.iter().any(|t| t.id == d.agency_type);
    let first = || r.file.agency_types.first().map(|t| t.id.clone()).unwrap_or_default();
    let agency_type = if known { d.agency_type.clone() } else { first() };
    // A new draft as the officer's page starts one (its months, its jury estimate), with the figures.
    let mut out = Draft::new(r, "studio-preview", "", "", "");
    out.agency_type = agency_type;
    out.categories = d.categories.clone();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ampk_core::draft;

    fn opened(name: &str, bytes: Vec<u8>) -> Opened {
        Opened { name: name.into(), content: Content::Bytes(Rc::new(bytes)) }
    }

    #[test]
    fn the_model_as_a_workbook_reads_back_valid_with_the_model_fingerprint() {
        let bytes = ampk_rubric_xlsx::to_workbook(&rubric::builtin().file).unwrap();
        match read(&opened("rubrik-model.xlsx", bytes), Lang::Id) {
            Reading::Valid { text, rubric } => {
                assert_eq!(rubric.0.sha256, rubric::load(text.as_bytes()).unwrap().sha256);
                assert_eq!(rubric.0.file, rubric::builtin().file);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_rubric_file_is_read_as_json_with_its_paths() {
        let good = opened("r.json", rubric::MODEL_RUBRIC_JSON.as_bytes().to_vec());
        assert_eq!(read(&good, Lang::En).rubric().unwrap().0.sha256, rubric::MODEL_RUBRIC_SHA256);
        let bad = rubric::MODEL_RUBRIC_JSON.replacen("\"edition\":", "\"edisi\":", 1);
        match read(&opened("r.json", bad.into_bytes()), Lang::En) {
            Reading::Problems { workbook: false, rows } => {
                assert!(rows.iter().any(|r| r.path == "edisi" && r.sheet.is_empty()), "{rows:?}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_refused_unread_is_one_problem() {
        let big =
            Opened { name: "a.xlsx".into(), content: Content::TooLarge { size: 9 << 20, limit: limit_for("a.xlsx") } };
        match read(&big, Lang::Id) {
            Reading::Problems { workbook: true, rows } => assert_eq!(rows[0].code, ProblemCode::TooLarge),
            other => panic!("{other:?}"),
        }
        assert_eq!(limit_for("R.JSON"), rubric::MAX_RUBRIC_BYTES);
        assert_eq!(limit_for("r.ods"), MAX_WORKBOOK_BYTES);
    }

    #[test]
    fn preview_figures_score_as_the_officers_form() {
        let r = rubric::builtin();
        let m = Rc::new(StudioModel::default());
        let set = |m: Rc<StudioModel>, input: &str, text: &str| {
            let a = Action::SetText { cat: "website".into(), input: input.into(), text: text.into() };
            m.reduce((StudioAction::Form(a), Lang::Id))
        };
        let m = set(m, "visits", "1.234");
        let d = preview_draft(r, &m.draft);
        assert_eq!(d.agency_type, r.file.agency_types[0].id);
        let (figures, problems) = draft::figures(r, r.category_index("website").unwrap(), &d.categories["website"]);
        assert!(problems.is_empty());
        assert_eq!(figures["visits"], ampk_core::score::InputValue::Number(1234.0));
    }
}
