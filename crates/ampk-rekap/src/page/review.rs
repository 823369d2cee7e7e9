//! The review form of a ranked submission, inside its details: at the top the problems of the
//! last save (linked to their fields), the review state and its reason; per input of each
//! category the evidence verdict, the corrected value and its reason (per item for a
//! checklist); a note per category; at the bottom the save button, what the save recorded and
//! the submission's audit log. Every field has a visible label; ids are the UI test hooks.
//!
//! Typed text goes into the form state on every input (so a re-render never drops what was
//! typed); selects on change. Keyboard-friendly choices: a boolean correction and a checklist item's correction are
//! `<select>`s whose first option is "not corrected", so "no correction" and "corrected to no"
//! stay apart (a checkbox could not say "not corrected").

use super::audit::audit_table;
use super::details::{evidence_link, reported_text};
use crate::browser;
use crate::state::{RekapAction, RekapModel, ReviewEdit, ReviewForm};
use ampk_core::review::{AuditEntry, ReviewState, Verdict};
use ampk_core::rubric::{CategoryDef, InputDef, InputKind};
use ampk_core::score::Answer;
use ampk_core::submission::{v1, Response};
use ampk_core::{InputValue, Lang, Rubric};
use ampk_web::components::{ErrorSummary, SummaryItem};
use std::collections::BTreeMap;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

const STATES: [ReviewState; 4] =
    [ReviewState::Unreviewed, ReviewState::NeedsFixing, ReviewState::Verified, ReviewState::Rejected];

/// The label of the field an element id names (for the error summary): the reviewer, the
/// state's reason, or a correction's value or reason and a note, named by category, input and item.
fn field_label(rubric: &Rubric, id: &str, lang: Lang) -> String {
    let t = lang.texts();
    let named = |field: &str| -> String {
        let mut parts = field.splitn(3, '.');
        let (cat, input, item) = (parts.next().unwrap_or(""), parts.next(), parts.next());
        let Some(c) = rubric.category_index(cat) else { return field.to_string() };
        let def = &rubric.file.categories[c];
        let mut out = vec![def.label.get(lang).to_string()];
        if let Some(d) = input.and_then(|i| def.inputs.iter().find(|d| d.id == i)) {
            out.push(d.label.get(lang).to_string());
            if let Some(it) = item.and_then(|i| d.items.as_deref().unwrap_or_default().iter().find(|x| x.id == i)) {
                out.push(it.label.get(lang).to_string());
            }
        }
        out.join(" — ")
    };
    match id {
        "reviewer" => t.rekap_reviewer().to_string(),
        "review-reason" => t.rekap_review_reason().to_string(),
        _ => {
            if let Some(f) = id.strip_prefix("correct-") {
                format!("{} — {}", named(f), t.rekap_correct())
            } else if let Some(f) = id.strip_prefix("reason-") {
                format!("{} — {}", named(f), t.rekap_correct_reason())
            } else if let Some(c) = id.strip_prefix("note-") {
                t.rekap_category_note(named(c))
            } else {
                id.to_string()
            }
        }
    }
}

/// Whether the last save found a problem at this element.
fn invalid(form: &ReviewForm, id: &str) -> bool {
    form.problems.iter().any(|(f, _)| f.as_deref() == Some(id))
}

fn value_of_select(e: &Event) -> String {
    let el: HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

fn value_of_input(e: &InputEvent) -> String {
    let el: HtmlInputElement = e.target_unchecked_into();
    el.value()
}

/// A text field with its visible label, bound to a form edit.
fn text_field(id: String, label: String, value: String, bad: bool, on: Callback<InputEvent>) -> Html {
    html! {
        <div class="field">
            <label class="label" for={id.clone()}>{ label }</label>
            <input class={classes!("input", bad.then_some("input-error"))} type="text" id={id.clone()}
                data-testid={id} value={value} oninput={on} aria-invalid={bad.then_some("true")} />
        </div>
    }
}

/// The top of the form: the problems of the last save, the review state and its reason.
pub(super) fn review_head(m: &RekapModel, form: &ReviewForm, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let rubric = &m.rubric.0;
    let items: Vec<SummaryItem> = form
        .problems
        .iter()
        .map(|(field, p)| SummaryItem {
            field: field.clone(),
            message: match field {
                Some(f) => t.rekap_problem_at(field_label(rubric, f, lang), p.message(lang)),
                None => p.message(lang).to_string(),
            },
        })
        .collect();
    let on_state = on.reform(|e: Event| {
        let v = value_of_select(&e);
        RekapAction::Edit(ReviewEdit::State(STATES.into_iter().find(|s| s.as_str() == v).unwrap_or_default()))
    });
    let on_reason = on.reform(|e: InputEvent| {
        let el: HtmlTextAreaElement = e.target_unchecked_into();
        RekapAction::Edit(ReviewEdit::Reason(el.value()))
    });
    let bad_reason = invalid(form, "review-reason");
    html! {
        <div class="review-head" data-testid="review-panel">
            <ErrorSummary title={t.rekap_review_problems(form.problems.len())} items={items} />
            <h3>{ t.rekap_review_title() }</h3>
            <p class="hint">{ t.rekap_review_intro() }</p>
            <div class="field">
                <label class="label" for="review-state">{ t.rekap_review_state() }</label>
                <select class="select" id="review-state" data-testid="review-state" onchange={on_state}>
                    { for STATES.iter().map(|s| html! {
                        <option value={s.as_str()} selected={form.state == *s}>{ s.label(lang) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label class="label" for="review-reason">{ t.rekap_review_reason() }</label>
                <textarea class={classes!("textarea", bad_reason.then_some("input-error"))} id="review-reason"
                    data-testid="review-reason" rows="2" value={form.reason.clone()} oninput={on_reason}
                    aria-invalid={bad_reason.then_some("true")} />
            </div>
            <p class="hint">{ t.rekap_correct_hint() }</p>
        </div>
    }
}

/// The review fields of one category: per input its reported value, evidence, verdict and
/// correction; then the category's note.
pub(super) fn category_review(
    def: &CategoryDef,
    entry: Option<&v1::EntryV1>,
    responses: &BTreeMap<String, Response>,
    form: &ReviewForm,
    lang: Lang,
    on: &Callback<RekapAction>,
) -> Html {
    let t = lang.texts();
    let note_id = format!("note-{}", def.id);
    let on_note = {
        let cat = def.id.clone();
        on.reform(move |e: InputEvent| {
            let el: HtmlTextAreaElement = e.target_unchecked_into();
            RekapAction::Edit(ReviewEdit::Note(cat.clone(), el.value()))
        })
    };
    html! {
        <div class="review-inputs">
            { for def.inputs.iter().map(|d| review_input(def, d, entry, responses, form, lang, on)) }
            <div class="field">
                <label class="label" for={note_id.clone()}>{ t.rekap_category_note(def.label.get(lang)) }</label>
                <textarea class="textarea" id={note_id.clone()} data-testid={note_id} rows="2"
                    value={form.notes.get(&def.id).cloned().unwrap_or_default()} oninput={on_note} />
            </div>
        </div>
    }
}

/// One input: its label as the group's legend, the reported value and evidence links, the
/// verdict, and the correction with its reason (per item for a checklist).
fn review_input(
    def: &CategoryDef,
    d: &InputDef,
    entry: Option<&v1::EntryV1>,
    responses: &BTreeMap<String, Response>,
    form: &ReviewForm,
    lang: Lang,
    on: &Callback<RekapAction>,
) -> Html {
    let t = lang.texts();
    let key = format!("{}.{}", def.id, d.id);
    let links = entry.and_then(|e| e.evidence.get(&d.id)).cloned().unwrap_or_default();
    let verdict_id = format!("verdict-{key}");
    let on_verdict = {
        let key = key.clone();
        on.reform(move |e: Event| {
            let v = value_of_select(&e);
            RekapAction::Edit(ReviewEdit::Verdict(key.clone(), Verdict::ALL.into_iter().find(|x| x.as_str() == v)))
        })
    };
    let verdict = form.verdicts.get(&key).copied();
    let corrections = match d.kind {
        InputKind::Checklist => {
            let answers = match entry.and_then(|e| e.inputs.get(&d.id)) {
                Some(InputValue::Checklist(a)) => Some(a),
                _ => None,
            };
            html! {
                <ul class="review-items">
                    { for d.items.as_deref().unwrap_or_default().iter().map(|it| {
                        let field = format!("{key}.{}", it.id);
                        let reported = answers.and_then(|a| a.get(&it.id)).map_or("–", |a| answer_label(*a, lang));
                        let label = it.label.get(lang);
                        html! {
                            <li class="review-item">
                                <p class="hint">{ label }{ " — " }{ t.rekap_reported(reported) }</p>
                                { response(&field, responses.get(&field), lang) }
                                { correction(&field, t.rekap_correct_item(label), t.rekap_correct_reason_item(label), d.kind, form, lang, on) }
                            </li>
                        }
                    }) }
                </ul>
            }
        }
        kind => {
            correction(&key, t.rekap_correct().to_string(), t.rekap_correct_reason().to_string(), kind, form, lang, on)
        }
    };
    html! {
        <fieldset class="fieldset review-input" data-field={key.clone()}>
            <legend class="review-input-title">{ d.label.get(lang) }</legend>
            <p class="hint">{ t.rekap_reported(reported_text(d, entry, lang)) }</p>
            { response(&key, responses.get(&key), lang) }
            if !links.is_empty() {
                <p class="evidence">{ for links.iter().map(|l| evidence_link(l)) }</p>
            }
            <div class="review-fields">
                <div class="field">
                    <label class="label" for={verdict_id.clone()}>{ t.rekap_verdict() }</label>
                    <select class="select" id={verdict_id.clone()} data-testid={verdict_id} onchange={on_verdict}>
                        <option value="" selected={verdict.is_none()}>{ t.rekap_verdict_none() }</option>
                        { for Verdict::ALL.iter().map(|v| html! {
                            <option value={v.as_str()} selected={verdict == Some(*v)}>{ v.label(lang) }</option>
                        }) }
                    </select>
                </div>
            </div>
            { corrections }
        </fieldset>
    }
}

/// The agency's response to the feedback on a field (a revised submission's `responses`), shown
/// next to the correction it answers; imported text, so only ever a text node.
fn response(field: &str, r: Option<&Response>, lang: Lang) -> Html {
    let t = lang.texts();
    let Some(r) = r else { return html! {} };
    html! {
        <div class="response" data-testid={format!("response-{field}")}>
            if r.accepted {
                <p class="success-text">{ t.rekap_response_accepted() }</p>
            }
            if let Some(text) = &r.text {
                <p>{ t.rekap_response(text) }</p>
            }
        </div>
    }
}

fn answer_label(a: Answer, lang: Lang) -> &'static str {
    let t = lang.texts();
    match a {
        Answer::Yes => t.input_answer_yes(),
        Answer::Partial => t.input_answer_partial(),
        Answer::No => t.input_answer_no(),
    }
}

/// A correction's value field (text for numbers, a select for booleans and checklist items) and
/// its reason, for a field (`cat.input` or `cat.input.item`).
fn correction(
    field: &str,
    label: String,
    reason_label: String,
    kind: InputKind,
    form: &ReviewForm,
    lang: Lang,
    on: &Callback<RekapAction>,
) -> Html {
    let t = lang.texts();
    let (value_id, reason_id) = (format!("correct-{field}"), format!("reason-{field}"));
    let value = form.values.get(field).cloned().unwrap_or_default();
    let edit_value = {
        let field = field.to_string();
        move |v: String| RekapAction::Edit(ReviewEdit::Value(field.clone(), v))
    };
    let on_choice = on.reform({
        let edit_value = edit_value.clone();
        move |e: Event| edit_value(value_of_select(&e))
    });
    let on_typed = on.reform(move |e: InputEvent| edit_value(value_of_input(&e)));
    let on_reason = {
        let field = field.to_string();
        on.reform(move |e: InputEvent| RekapAction::Edit(ReviewEdit::FieldReason(field.clone(), value_of_input(&e))))
    };
    let bad_value = invalid(form, &value_id);
    let choices: Option<Vec<(&'static str, &'static str)>> = match kind {
        InputKind::Boolean => Some(vec![("true", t.rekap_bool_true()), ("false", t.rekap_bool_false())]),
        InputKind::Checklist => Some(vec![
            ("yes", t.input_answer_yes()),
            ("partial", t.input_answer_partial()),
            ("no", t.input_answer_no()),
        ]),
        _ => None,
    };
    let value_field = match choices {
        Some(choices) => html! {
            <div class="field">
                <label class="label" for={value_id.clone()}>{ label }</label>
                <select class={classes!("select", bad_value.then_some("input-error"))} id={value_id.clone()}
                    data-testid={value_id} onchange={on_choice} aria-invalid={bad_value.then_some("true")}>
                    <option value="" selected={value.is_empty()}>{ t.rekap_correct_none() }</option>
                    { for choices.into_iter().map(|(v, l)| html! {
                        <option value={v} selected={value == v}>{ l }</option>
                    }) }
                </select>
            </div>
        },
        None => html! {
            <div class="field">
                <label class="label" for={value_id.clone()}>{ label }</label>
                <input class={classes!("input", "input-number", bad_value.then_some("input-error"))} type="text"
                    inputmode="decimal" id={value_id.clone()} data-testid={value_id} value={value}
                    oninput={on_typed} aria-invalid={bad_value.then_some("true")} />
            </div>
        },
    };
    let reason = form.reasons.get(field).cloned().unwrap_or_default();
    html! {
        <div class="review-fields">
            { value_field }
            { text_field(reason_id.clone(), reason_label, reason, invalid(form, &reason_id), on_reason) }
        </div>
    }
}

/// The bottom of the form: the save button, what the last save recorded, and the submission's
/// audit log.
pub(super) fn review_foot(m: &RekapModel, form: &ReviewForm, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let on_save = {
        let on = on.clone();
        Callback::from(move |_: MouseEvent| {
            on.emit(RekapAction::SaveReview { at: browser::now() });
            // After the page shows the outcome: the problems' summary, or the confirmation.
            wasm_bindgen_futures::spawn_local(async {
                browser::yield_now().await;
                browser::focus("error-summary");
            });
        })
    };
    let entries: Vec<&AuditEntry> = m.review.audit_of(&form.submission_id).collect();
    let label = t.rekap_audit_submission(entries.len());
    let on_feedback = {
        let (m, id) = (m.clone(), form.submission_id.clone());
        Callback::from(move |_: MouseEvent| super::exports::download_feedback(&m, &id))
    };
    html! {
        <div class="review-foot">
            <div class="button-row">
                <button type="button" class="button" data-testid="review-save" onclick={on_save}>
                    { t.rekap_review_save() }
                </button>
                <button type="button" class="button-secondary" data-testid="export-feedback-one" onclick={on_feedback}>
                    { t.rekap_export_feedback_one() }
                </button>
            </div>
            <p role="status" class="success-text" data-testid="review-saved">
                { form.saved.map(|n| t.rekap_review_saved(n)).unwrap_or_default() }
            </p>
            <details data-testid="submission-audit">
                <summary>{ label.clone() }</summary>
                { audit_table(&entries, None, label, lang) }
            </details>
        </div>
    }
}
