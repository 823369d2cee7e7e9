//! One category's form on the officer's page: its inputs, note, the coordinator's marks and the
//! live score. A component whose properties compare cheaply, so a keystroke re-renders only the
//! category it edits (issue 15 §1: typing within one frame on a slow PC).

use super::officer::{input_field, max_text, status_text};
use crate::browser;
use crate::components::{class, same_rc, score_card, RubricRef};
use crate::state::Action;
use ampk_core::draft::{self, CategoryState, DraftEntry, Feedback, Mark};
use ampk_core::submission::Response;
use ampk_core::{Lang, Problem, ProblemCode};
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties)]
pub(super) struct CategoryProps {
    pub(super) rubric: RubricRef,
    pub(super) lang: Lang,
    pub(super) state: CategoryState,
    pub(super) entry: DraftEntry,
    /// The category's problems that are shown now (missing values only once export was tried
    /// or the category was started).
    pub(super) errors: Vec<Problem>,
    /// The coordinator's feedback, compared by identity (it changes only when a file is opened).
    pub(super) feedback: Option<Rc<Feedback>>,
    /// The officer's answers to the marks of this category, by field.
    pub(super) responses: BTreeMap<String, Response>,
    pub(super) jury: f64,
    pub(super) on_action: Callback<Action>,
}

impl PartialEq for CategoryProps {
    fn eq(&self, o: &Self) -> bool {
        same_rc(&self.feedback, &o.feedback)
            && self.rubric == o.rubric
            && self.lang == o.lang
            && self.jury == o.jury
            && self.on_action == o.on_action
            && self.state == o.state
            && self.entry == o.entry
            && self.errors == o.errors
            && self.responses == o.responses
    }
}

/// What was typed into a category that the draft has not taken yet. A typed value or link
/// reaches the draft just after the next paint (`browser::after_paint`), and the rest of the
/// page follows it then; meanwhile the category's form and its headline score show it, so a
/// keystroke redraws only its field and that score before the paint (issue 15 §1).
#[derive(Default)]
struct Ahead {
    /// Edits on their way to the draft.
    pending: usize,
    /// The category's entry with them (the draft's own while none is on its way).
    entry: DraftEntry,
    /// Its data score.
    score: f64,
    /// Where the fields' changes go and what they are scored with: from the last properties.
    to: Option<(Callback<Action>, RubricRef, usize, u32, Lang)>,
    /// The fields' one callback, made once so their properties stay equal across renders.
    fields: Option<Callback<Action>>,
}

#[component]
pub(super) fn CategorySection(props: &CategoryProps) -> Html {
    let (lang, st) = (props.lang, &props.state);
    let ahead = use_mut_ref(Ahead::default);
    let redraw = use_state(super::officer::off);
    {
        let mut x = ahead.borrow_mut();
        x.to = Some((props.on_action.clone(), props.rubric.clone(), st.category, st.card.months, lang));
        if x.pending == 0 {
            x.entry = props.entry.clone();
        }
        if x.fields.is_none() {
            let (ahead, redraw) = (Rc::downgrade(&ahead), redraw.clone());
            x.fields = Some(Callback::from(move |a: Action| {
                let Some((ahead, Some((on_action, rubric, cat, months, lang)))) =
                    ahead.upgrade().map(|x| (x.clone(), x.borrow().to.clone()))
                else {
                    return;
                };
                // A typed value or link goes ahead here, and on to the draft after the paint;
                // any other change goes to the draft at once, after those on their way.
                if !matches!(a, Action::SetText { .. } | Action::SetLink { .. }) {
                    browser::run_later();
                    return on_action.emit(a);
                }
                {
                    let mut x = ahead.borrow_mut();
                    crate::state::edit(&mut x.entry, &a, lang);
                    x.score = draft::card_of(&rubric.0, cat, &x.entry, months).data_score;
                    x.pending += 1;
                }
                redraw.set(true);
                let redraw = redraw.clone();
                browser::after_paint(move || {
                    ahead.borrow_mut().pending -= 1;
                    on_action.emit(a);
                    if ahead.borrow().pending == 0 {
                        redraw.set(true);
                    }
                });
            }));
        }
    }
    let shown = ahead.borrow();
    let (entry, on_action) = (&shown.entry, shown.fields.as_ref().expect("made above"));
    let t = lang.texts();
    let def = &props.rubric.0.file.categories[st.category];
    let fb = props.feedback.as_deref();
    let section_id = format!("cat-{}", def.id);
    let on_include = {
        let (on_action, cat) = (on_action.clone(), def.id.clone());
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::SetExcluded { cat: cat.clone(), excluded: !el.checked() });
        })
    };
    let on_note = {
        let (on_action, cat) = (on_action.clone(), def.id.clone());
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            on_action.emit(Action::SetNote { cat: cat.clone(), text: el.value() });
        })
    };
    let shown_errors: Vec<&Problem> = props.errors.iter().collect();
    let include_id = format!("{}.include", def.id);
    let note_id = format!("{}.note", def.id);
    let tag = if st.excluded {
        "tag-grey"
    } else if st.incomplete {
        "tag-yellow"
    } else {
        "tag-green"
    };
    html! {
        <section class={class("section category", st.excluded.then_some("excluded"))} id={section_id.clone()}
            data-category={def.id.clone()} aria-labelledby={format!("{section_id}-title")} tabindex="-1">
            <h2 id={format!("{section_id}-title")}>
                { def.label.get(lang) }{ " " }
                <span class={class("tag", Some(tag))}>{ status_text(st, lang) }</span>
            </h2>
            if let Some(desc) = &def.description {
                <p class="lead">{ desc.get(lang) }</p>
            }
            <div class="checkbox include">
                <input type="checkbox" id={include_id.clone()} name={include_id.clone()} checked={!st.excluded}
                    onchange={on_include} />
                <label for={include_id}>{ t.category_include() }</label>
            </div>
            if st.excluded {
                <p class="inset">{ t.category_excluded_note() }</p>
            }
            <div class="category-grid">
                <div class="category-form">
                    { for shown_errors.iter().filter(|p| p.code == ProblemCode::CheckFailed).map(|p| html! {
                        <p class="error-message check-error">{ p.message(lang) }</p>
                    }) }
                    if let Some((_, note)) = fb.and_then(|f| f.notes.iter().find(|(cat, _)| *cat == def.id)) {
                        <p class="review-note" data-testid={format!("feedback-note-{}", def.id)}>{ draft::in_lang(note, lang) }</p>
                    }
                    { for (0..def.inputs.len()).map(|i| {
                        let field = input_field(&props.rubric, lang, st, entry, &shown_errors, i, on_action);
                        reviewed(props, fb, &def.id, &def.inputs[i].id, field)
                    }) }
                    <div class="field">
                        <label class="label" for={note_id.clone()}>{ t.category_note() }</label>
                        <p class="hint">{ t.category_note_hint() }</p>
                        <textarea class="textarea" id={note_id.clone()} name={note_id} rows="3" maxlength={max_text()}
                            value={entry.note.clone()} oninput={on_note} />
                    </div>
                </div>
                { score_card(&props.rubric, st, props.jury, lang, (shown.pending > 0).then_some(shown.score)) }
            </div>
        </section>
    }
}

/// A field the coordinator marked, in a container naming it (`data-review`), with what the
/// feedback says about it and the officer's answers; an unmarked field as it is.
fn reviewed(props: &CategoryProps, fb: Option<&Feedback>, cat: &str, input: &str, field: Html) -> Html {
    let marks: Vec<&Mark> =
        fb.iter().flat_map(|f| &f.marks).filter(|k| k.category == cat && k.input == input).collect();
    if marks.is_empty() {
        return field;
    }
    html! {
        <div class="field-review" data-review={format!("{cat}.{input}")}>
            { field }
            { for marks.into_iter().map(|k| review_mark(props, k)) }
        </div>
    }
}

/// One mark: what the coordinator says (verdict, correction from → to, reason), "accept" for a
/// correction not accepted yet, and the response box.
fn review_mark(props: &CategoryProps, k: &Mark) -> Html {
    let (lang, on_action) = (props.lang, &props.on_action);
    let t = lang.texts();
    let field = k.field();
    let response = props.responses.get(&field).cloned();
    let accepted = response.as_ref().is_some_and(|r| r.accepted);
    let accept = crate::state::accept(k, response.as_ref(), lang).map(|actions| {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| actions.iter().for_each(|a| on_action.emit(a.clone())))
    });
    let oninput = {
        let (on_action, field, accepted) = (on_action.clone(), field.clone(), accepted);
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let text = Some(el.value()).filter(|t| !t.trim().is_empty());
            on_action.emit(Action::SetResponse(field.clone(), Response { accepted, text }));
        })
    };
    let id = format!("response-{field}");
    html! {
        <div class="review-mark">
            <p>
                <strong>{ t.feedback_title() }{ ": " }</strong>{ draft::in_lang(&k.words, lang) }{ " " }
                if accepted {
                    <span class="tag tag-green">{ t.feedback_accepted() }</span>
                }
            </p>
            if let Some(onclick) = accept.filter(|_| !accepted) {
                <button type="button" class="button-secondary" data-testid={format!("accept-{field}")} {onclick}>
                    { t.feedback_accept() }
                </button>
            }
            <label class="label-small" for={id.clone()}>{ t.feedback_response() }{ " — " }{ draft::in_lang(&k.label, lang) }</label>
            <textarea class="textarea" id={id.clone()} data-testid={id} rows="2" maxlength={max_text()}
                value={response.and_then(|r| r.text).unwrap_or_default()} {oninput} />
        </div>
    }
}
