//! The officer's workflow state: one reducer over the draft (ground state). `reduce` is pure
//! and calls the core; saving, the clock and ids are side effects done outside it.

use crate::components::RubricRef;
use ampk_core::draft::{Draft, DraftEntry, Fixed, Mark, RawValue};
use ampk_core::fmt;
use ampk_core::score::Answer;
use ampk_core::submission::Response;
use ampk_core::{Lang, Problem};
use std::rc::Rc;
use yew::Reducible;

/// A profile field of the draft, named as its form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    AgencyType,
    AgencyName,
    Parent,
    OfficerName,
    OfficerEmail,
    OfficerPhone,
    Months,
    DraftName,
}

/// Something the officer did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetLang(Lang),
    SetField(Field, String),
    SetText {
        cat: String,
        input: String,
        text: String,
    },
    SetBool {
        cat: String,
        input: String,
        value: bool,
    },
    SetAnswer {
        cat: String,
        input: String,
        item: String,
        answer: Answer,
    },
    AddLink {
        cat: String,
        input: String,
    },
    SetLink {
        cat: String,
        input: String,
        index: usize,
        text: String,
    },
    RemoveLink {
        cat: String,
        input: String,
        index: usize,
    },
    SetNote {
        cat: String,
        text: String,
    },
    SetExcluded {
        cat: String,
        excluded: bool,
    },
    SetJury(f64),
    /// The draft was exported at this time; `key` is its export key then.
    Exported {
        at: String,
        key: String,
    },
    /// Switch to another draft (opened, created or read from a file).
    OpenDraft(Box<Draft>),
    /// Switch to a copy of the open draft, as it is now, under new ids and with `name`.
    Duplicate {
        local_id: String,
        submission_id: String,
        name: String,
    },
    /// A rubric was loaded (with the official file's text), or the built-in one chosen again.
    UseRubric(RubricRef, Option<Rc<str>>),
    /// The rubric in use with its texts in another language added (the model's, fetched when
    /// that language is first chosen); ignored when another rubric is in use by then.
    RubricTexts(RubricRef),
    /// The last rubric file could not be used.
    RubricProblems(Vec<Problem>),
    /// The last submission file could not be opened.
    OpenProblems(Vec<Problem>),
    /// The export was refused: what the written file would get wrong.
    ExportProblems(Vec<Problem>),
    /// The last feedback file could not be opened.
    FeedbackProblems(Vec<Problem>),
    /// The officer's response to the feedback on a field (`<category>.<input>[.<item>]`): the
    /// correction accepted (its value set with the entry's own action, [`accept`]) and/or a
    /// text (*tanggapan*).
    SetResponse(String, Response),
    /// A short confirmation for the officer.
    Notice(Option<String>),
    /// What the host publishes as `rubric.json`, once checked.
    Published(Published),
    /// The draft `from` was moved to the rubric in use: the new draft (the original is kept
    /// unchanged) and the summary of what changed.
    Moved {
        from: String,
        draft: Box<Draft>,
        summary: Box<MoveSummary>,
    },
    /// The summary of the last move was read.
    CloseMoved,
}

/// The rubric the host publishes beside the page (`rubric.json`).
#[derive(Debug, Clone, PartialEq)]
pub enum Published {
    /// Being checked (at start).
    Checking,
    /// None is published: the built-in model is the default.
    None,
    /// A valid rubric, the default for everyone; `kept_at`: the date of the service worker's
    /// copy, when that is what the page got (offline).
    Official { rubric: RubricRef, text: Rc<str>, kept_at: Option<String> },
    /// Published but unusable: nothing is scored (scores would differ between offices).
    Broken(Vec<Problem>),
    /// It could not be fetched (the server's status; 0: the network): the last one found valid
    /// here, or the model, stays in use.
    Unreachable(u16),
}

/// What moving a draft to another rubric changed, in plain words.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveSummary {
    /// The original draft's name (kept unchanged) and its rubric's title.
    pub from_name: String,
    pub from_rubric: String,
    /// The differences between the two rubrics.
    pub changes: Vec<String>,
    /// Entries that could not be carried over, with their old values.
    pub dropped: Vec<String>,
}

/// The state of the officer's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub lang: Lang,
    pub rubric: RubricRef,
    /// The official rubric file's text (`None`: the built-in model), for the worker.
    pub rubric_text: Option<Rc<str>>,
    pub draft: Draft,
    /// Counts the changes of `draft` (a new value whenever it changes): what is worked out from
    /// the draft is redone when this changes, without comparing or copying the whole draft.
    pub revision: u64,
    /// Counts every change but a category's entries (typed values, answers, links, notes): the
    /// parts of the page that show none of those are made again only when this changes.
    pub page_revision: u64,
    pub rubric_problems: Vec<Problem>,
    pub open_problems: Vec<Problem>,
    pub export_problems: Vec<Problem>,
    pub feedback_problems: Vec<Problem>,
    pub notice: Option<String>,
    pub published: Published,
    /// The last move of a draft to the rubric in use, until its summary is closed.
    pub moved: Option<MoveSummary>,
    /// The rubric kept here is being packed again in the worker (kept without its pack by an
    /// earlier kit): the model is in use meanwhile, and no draft is shown or moved to it.
    pub rubric_pending: bool,
}

fn entry<'a>(d: &'a mut Draft, cat: &str) -> &'a mut DraftEntry {
    d.categories.entry(cat.to_string()).or_default()
}

/// The category a change to a category's entries (a typed value, a yes/no, a checklist
/// answer, an evidence link) is for; `None` for any other action.
pub fn entry_category(action: &Action) -> Option<&str> {
    match action {
        Action::SetText { cat, .. }
        | Action::SetBool { cat, .. }
        | Action::SetAnswer { cat, .. }
        | Action::AddLink { cat, .. }
        | Action::SetLink { cat, .. }
        | Action::RemoveLink { cat, .. } => Some(cat),
        _ => None,
    }
}

/// A change to a category's entries (see [`entry_category`]) applied to `d`; any other action
/// is handed back. The officer's reducer and the rubric studio's preview both edit drafts
/// through it.
pub fn edit_entry(d: &mut Draft, action: Action, lang: Lang) -> Result<(), Action> {
    match entry_category(&action) {
        Some(cat) => {
            let cat = cat.to_string();
            edit(entry(d, &cat), &action, lang);
            Ok(())
        }
        None => Err(action),
    }
}

/// A change to a category's entries applied to that category's entry `e` (the officer's
/// category form applies what is typed to its own copy first); any other action changes
/// nothing.
pub fn edit(e: &mut DraftEntry, action: &Action, lang: Lang) {
    match action {
        Action::SetText { input, text, .. } => {
            e.inputs.insert(input.clone(), RawValue::Text { text: text.clone(), lang });
        }
        Action::SetBool { input, value, .. } => {
            e.inputs.insert(input.clone(), RawValue::Bool { value: *value });
        }
        Action::SetAnswer { input, item, answer, .. } => match e.inputs.get_mut(input) {
            Some(RawValue::Checklist { answers }) => {
                answers.insert(item.clone(), *answer);
            }
            _ => {
                // Inserted, not collected: collecting into a B-tree adds a sort to the bundle.
                let mut answers = std::collections::BTreeMap::new();
                answers.insert(item.clone(), *answer);
                e.inputs.insert(input.clone(), RawValue::Checklist { answers });
            }
        },
        Action::AddLink { input, .. } => e.evidence.entry(input.clone()).or_default().push(String::new()),
        Action::SetLink { input, index, text, .. } => {
            let l = e.evidence.entry(input.clone()).or_default();
            if *index < l.len() {
                l[*index] = text.clone();
            }
        }
        Action::RemoveLink { input, index, .. } => {
            let l = e.evidence.entry(input.clone()).or_default();
            if *index < l.len() {
                l.remove(*index);
            }
        }
        _ => {}
    }
}

/// Accepting the coordinator's correction of a field: the entry's own action that sets the
/// corrected value (a number written in `lang`; for a checklist item, that item's answer), and
/// the response that records it (keeping a text already typed). `None`: the mark has no
/// correction.
pub fn accept(k: &Mark, current: Option<&Response>, lang: Lang) -> Option<[Action; 2]> {
    let (cat, input) = (k.category.clone(), k.input.clone());
    let set = match (k.value?, &k.item) {
        (Fixed::Number(n), _) => Action::SetText { cat, input, text: fmt::number(n, lang, None) },
        (Fixed::Bool(value), _) => Action::SetBool { cat, input, value },
        (Fixed::Answer(answer), Some(item)) => Action::SetAnswer { cat, input, item: item.clone(), answer },
        (Fixed::Answer(_), None) => return None,
    };
    let text = current.and_then(|r| r.text.clone());
    Some([set, Action::SetResponse(k.field(), Response { accepted: true, text })])
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut m = (*self).clone();
        let lang = m.lang;
        let d = &mut m.draft;
        let action = edit_entry(d, action, lang).err();
        // A keystroke in a category: the draft changed (the page sends an input only when its
        // value did), without comparing the whole draft below.
        let entry_edit = matches!(action, None | Some(Action::SetNote { .. }));
        if !entry_edit {
            m.page_revision += 1;
        }
        match action {
            // Applied by `edit_entry` above.
            None
            | Some(
                Action::SetText { .. }
                | Action::SetBool { .. }
                | Action::SetAnswer { .. }
                | Action::AddLink { .. }
                | Action::SetLink { .. }
                | Action::RemoveLink { .. },
            ) => {}
            Some(Action::SetLang(l)) => m.lang = l,
            Some(Action::SetField(f, v)) => {
                let slot = match f {
                    Field::AgencyType => &mut d.agency_type,
                    Field::AgencyName => &mut d.agency_name,
                    Field::Parent => &mut d.parent,
                    Field::OfficerName => &mut d.officer_name,
                    Field::OfficerEmail => &mut d.officer_email,
                    Field::OfficerPhone => &mut d.officer_phone,
                    Field::Months => &mut d.months,
                    Field::DraftName => &mut d.name,
                };
                *slot = v;
            }
            Some(Action::SetNote { cat, text }) => entry(d, &cat).note = text,
            Some(Action::SetExcluded { cat, excluded }) => entry(d, &cat).excluded = excluded,
            Some(Action::SetJury(j)) => d.jury_estimate = j.clamp(0.0, 100.0),
            Some(Action::Exported { at, key }) => {
                d.last_exported_at = Some(at);
                d.exported_digest = Some(key);
                m.export_problems.clear();
            }
            Some(Action::OpenDraft(nd)) => {
                m.draft = *nd;
                // Saved by an earlier kit: made with the rubric it was scored with then.
                if m.draft.rubric_sha256.is_empty() {
                    m.draft.rubric_sha256 = m.rubric.0.sha256.clone();
                }
                m.open_problems.clear();
                m.feedback_problems.clear();
            }
            Some(Action::Duplicate { local_id, submission_id, name }) => {
                d.local_id = local_id;
                d.submission_id = submission_id;
                d.name = name;
                d.last_exported_at = None;
                d.exported_digest = None;
                m.open_problems.clear();
                m.feedback_problems.clear();
            }
            Some(Action::UseRubric(r, text)) => {
                m.rubric = r;
                m.rubric_text = text;
                m.rubric_problems.clear();
                m.rubric_pending = false;
            }
            Some(Action::RubricTexts(r)) => {
                if m.rubric.0.sha256 == r.0.sha256 {
                    m.rubric = r;
                }
            }
            Some(Action::RubricProblems(p)) => {
                m.rubric_problems = p;
                m.rubric_pending = false;
            }
            Some(Action::OpenProblems(p)) => m.open_problems = p,
            Some(Action::ExportProblems(p)) => m.export_problems = p,
            Some(Action::FeedbackProblems(p)) => m.feedback_problems = p,
            Some(Action::SetResponse(field, r)) => {
                d.responses.insert(field, r);
            }
            Some(Action::Notice(n)) => m.notice = n,
            Some(Action::Published(p)) => m.published = p,
            Some(Action::Moved { from, draft, summary }) => {
                // Only onto the draft it was made from, in case another was opened meanwhile.
                if m.draft.local_id == from {
                    m.draft = *draft;
                    m.moved = Some(*summary);
                    m.rubric_problems.clear();
                }
            }
            Some(Action::CloseMoved) => m.moved = None,
        }
        // What an export refused is about the draft as it was: any change may have mended it.
        if entry_edit || m.draft != self.draft {
            m.export_problems.clear();
            m.revision += 1;
        }
        Rc::new(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Rc<Model> {
        let r = ampk_core::builtin();
        Rc::new(Model {
            lang: Lang::Id,
            rubric: RubricRef(Rc::new(r.clone())),
            rubric_text: None,
            draft: Draft::new(r, "d", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "Draf", "2025-01-01T00:00:00Z"),
            revision: 0,
            page_revision: 0,
            rubric_problems: vec![],
            open_problems: vec![],
            export_problems: vec![],
            feedback_problems: vec![],
            notice: None,
            published: Published::Checking,
            moved: None,
            rubric_pending: false,
        })
    }

    #[test]
    fn a_rubrics_texts_are_taken_only_by_the_same_rubric() {
        let m = model();
        let mut other = ampk_core::builtin().clone();
        other.sha256 = "0".repeat(64);
        let after = m.clone().reduce(Action::RubricTexts(RubricRef(Rc::new(other))));
        assert!(Rc::ptr_eq(&after.rubric.0, &m.rubric.0), "another rubric in use is kept");
        let same = RubricRef(Rc::new(ampk_core::builtin().clone()));
        let after = m.reduce(Action::RubricTexts(same.clone()));
        assert!(Rc::ptr_eq(&after.rubric.0, &same.0), "the same rubric with its texts is taken");
        assert_eq!(after.revision, 0, "the draft did not change");
    }

    #[test]
    fn text_keeps_the_language_it_was_typed_in() {
        let m = model().reduce(Action::SetText { cat: "website".into(), input: "visits".into(), text: "1.234".into() });
        let m = m.reduce(Action::SetLang(Lang::En));
        assert_eq!(
            m.draft.categories["website"].inputs["visits"],
            RawValue::Text { text: "1.234".into(), lang: Lang::Id }
        );
    }

    #[test]
    fn a_refused_export_is_forgotten_once_the_draft_changes() {
        // Any message will do: the test is about when the problem is forgotten.
        let p = Problem::of(ampk_core::ProblemCode::StringTooLong, "categories.website.note", |t| {
            t.officer_export_blocked().to_string()
        });
        let m = model().reduce(Action::ExportProblems(vec![p]));
        assert_eq!(m.export_problems.len(), 1);
        let m = m.reduce(Action::Notice(Some("x".into())));
        assert_eq!(m.export_problems.len(), 1, "not a change of the draft");
        let m = m.reduce(Action::SetNote { cat: "website".into(), text: "pendek".into() });
        assert!(m.export_problems.is_empty());
    }

    #[test]
    fn only_changes_outside_the_categories_entries_count_as_page_changes() {
        let (cat, input) = ("website".to_string(), "visits".to_string());
        let m = model().reduce(Action::SetText { cat: cat.clone(), input: input.clone(), text: "12".into() });
        let m = m.reduce(Action::SetBool { cat: cat.clone(), input: input.clone(), value: true });
        let m = m.reduce(Action::AddLink { cat: cat.clone(), input: input.clone() });
        let m = m.reduce(Action::SetNote { cat: cat.clone(), text: "catatan".into() });
        assert_eq!((m.revision, m.page_revision), (4, 0), "typing in a category redraws only what shows it");
        let m = m.reduce(Action::SetExcluded { cat, excluded: true });
        assert_eq!((m.revision, m.page_revision), (5, 1), "the overview and profile show what is left out");
        let m = m.reduce(Action::SetField(Field::AgencyName, "Dinas Contoh A".into()));
        let m = m.reduce(Action::Notice(None));
        assert_eq!((m.revision, m.page_revision), (6, 3));
    }

    #[test]
    fn a_duplicate_is_the_draft_as_it_is_now_under_new_ids() {
        let m = model()
            .reduce(Action::SetText { cat: "website".into(), input: "visits".into(), text: "12".into() })
            .reduce(Action::Exported { at: "2025-01-02T00:00:00Z".into(), key: "k".into() })
            .reduce(Action::SetText { cat: "website".into(), input: "visits".into(), text: "123".into() });
        let c = m.clone().reduce(Action::Duplicate {
            local_id: "d2".into(),
            submission_id: "sub2".into(),
            name: "Salinan Draf".into(),
        });
        assert_eq!((c.draft.local_id.as_str(), c.draft.submission_id.as_str()), ("d2", "sub2"));
        assert_eq!(c.draft.name, "Salinan Draf");
        assert_eq!((c.draft.last_exported_at.as_deref(), c.draft.exported_digest.as_deref()), (None, None));
        assert_eq!(c.draft.categories, m.draft.categories, "the last keystroke is in the copy");
    }

    #[test]
    fn links_are_added_edited_and_removed() {
        let (c, i) = ("website".to_string(), "visits".to_string());
        let m = model().reduce(Action::AddLink { cat: c.clone(), input: i.clone() });
        let m = m.reduce(Action::AddLink { cat: c.clone(), input: i.clone() });
        let m =
            m.reduce(Action::SetLink { cat: c.clone(), input: i.clone(), index: 1, text: "https://x.go.id".into() });
        let m = m.reduce(Action::RemoveLink { cat: c.clone(), input: i.clone(), index: 0 });
        assert_eq!(m.draft.categories["website"].evidence["visits"], vec!["https://x.go.id".to_string()]);
        let m = m.reduce(Action::RemoveLink { cat: c, input: i, index: 9 });
        assert_eq!(m.draft.categories["website"].evidence["visits"].len(), 1);
    }

    #[test]
    fn a_moved_draft_replaces_only_the_draft_it_was_made_from() {
        let summary =
            MoveSummary { from_name: "Draf".into(), from_rubric: "Model".into(), changes: vec![], dropped: vec![] };
        let start = model();
        let mut moved = start.draft.clone();
        moved.local_id = "d2".into();
        moved.moved_from = "d".into();
        let m = start.clone().reduce(Action::Moved {
            from: "other".into(),
            draft: Box::new(moved.clone()),
            summary: Box::new(summary.clone()),
        });
        assert_eq!(m.draft.local_id, "d", "another draft is open: nothing changes");
        assert_eq!(m.moved, None);
        let m = start.reduce(Action::Moved {
            from: "d".into(),
            draft: Box::new(moved),
            summary: Box::new(summary.clone()),
        });
        assert_eq!((m.draft.local_id.as_str(), m.draft.moved_from.as_str()), ("d2", "d"));
        assert_eq!(m.moved, Some(summary));
        assert_eq!(m.reduce(Action::CloseMoved).moved, None);
    }

    #[test]
    fn accepting_a_correction_sets_the_value_and_records_the_response() {
        let mark = |input: &str, item: Option<&str>, value: Option<Fixed>| Mark {
            category: "website".into(),
            input: input.into(),
            item: item.map(str::to_string),
            value,
            ..Mark::default()
        };
        let typed = Response { accepted: false, text: Some("Sudah diperbaiki.".into()) };
        let [set, respond] =
            accept(&mark("visits", None, Some(Fixed::Number(1234.5))), Some(&typed), Lang::Id).unwrap();
        let m = model().reduce(set).reduce(respond);
        assert_eq!(
            m.draft.categories["website"].inputs["visits"],
            RawValue::Text { text: "1.234,5".into(), lang: Lang::Id }
        );
        let r = &m.draft.responses["website.visits"];
        assert_eq!((r.accepted, r.text.as_deref()), (true, Some("Sudah diperbaiki.")), "the typed text is kept");
        let [set, respond] =
            accept(&mark("content", Some("kontak"), Some(Fixed::Answer(ampk_core::score::Answer::No))), None, Lang::En)
                .unwrap();
        let m = m.reduce(set).reduce(respond);
        let RawValue::Checklist { answers } = &m.draft.categories["website"].inputs["content"] else { panic!() };
        assert_eq!(answers["kontak"], ampk_core::score::Answer::No);
        assert!(m.draft.responses["website.content.kontak"].accepted);
        let [set, _] = accept(&mark("https_ok", None, Some(Fixed::Bool(true))), None, Lang::Id).unwrap();
        assert_eq!(set, Action::SetBool { cat: "website".into(), input: "https_ok".into(), value: true });
        assert_eq!(accept(&mark("visits", None, None), None, Lang::Id), None, "a verdict only");
    }
}
