//! The one generic input component: renders any rubric input (number, integer, boolean or
//! checklist) from its definition, with its label, help, unit, limits, error, "understood as"
//! line and evidence links. There is no hand-written form per category.

use crate::components::{class, RubricRef};
use crate::state::Action;
use ampk_core::draft::RawValue;
use ampk_core::fmt::{number, parse_number};
use ampk_core::rubric::{Evidence, InputDef, InputKind, ItemDef};
use ampk_core::score::Answer;
use ampk_core::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputFieldProps {
    pub rubric: RubricRef,
    pub cat: usize,
    pub input: usize,
    pub raw: Option<RawValue>,
    pub links: Vec<String>,
    /// Errors for this field (messages), and for each link row (row, message).
    pub errors: Vec<String>,
    pub link_errors: Vec<(usize, String)>,
    /// Missing required evidence (a warning).
    pub evidence_missing: bool,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

fn limits_text(min: Option<f64>, max: Option<f64>, lang: Lang) -> Option<String> {
    let f = |x: f64| number(x, lang, None);
    match (min, max) {
        (Some(a), Some(b)) => Some(format!("{}–{}", f(a), f(b))),
        (Some(a), None) => Some(format!("≥ {}", f(a))),
        (None, Some(b)) => Some(format!("≤ {}", f(b))),
        (None, None) => None,
    }
}

/// The ids of one field's elements: the control (`category.input`, also its form name), its
/// hint and its errors, and what the control is described by (the hint, and the errors when
/// there are any).
struct Ids {
    id: String,
    hint: String,
    err: String,
    describedby: String,
}

impl Ids {
    fn new(cat: &str, input: &str, has_error: bool) -> Self {
        let id = format!("{cat}.{input}");
        let (hint, err) = (format!("{id}-hint"), format!("{id}-error"));
        let describedby = if has_error { format!("{hint} {err}") } else { hint.clone() };
        Ids { id, hint, err, describedby }
    }
}

#[component]
pub fn InputField(props: &InputFieldProps) -> Html {
    let r = &props.rubric.0;
    let lang = props.lang;
    let t = lang.texts();
    let cat = &r.file.categories[props.cat];
    let def = &cat.inputs[props.input];
    let has_error = !props.errors.is_empty();
    let ids = Ids::new(&cat.id, &def.id, has_error);
    let unit = def.unit.as_ref().map(|u| u.get(lang).to_string());
    let error_html = html! {
        { for props.errors.iter().map(|m| html! {
            <p class="error-message" id={ids.err.clone()}>
                <span class="visually-hidden">{ t.error_summary_title() }{ ": " }</span>{ m }
            </p>
        }) }
    };
    let control = match def.kind {
        InputKind::Integer | InputKind::Number => number_control(props, &cat.id, def, &ids, unit.as_deref()),
        InputKind::Boolean => checkbox_control(props, &cat.id, def, &ids),
        InputKind::Checklist => checklist_control(props, &cat.id, def, &ids.id),
    };
    let evidence = if def.evidence == Evidence::None {
        html! {}
    } else {
        evidence_links(props, &cat.id, &def.id, def.evidence == Evidence::Required)
    };
    let label = html! {
        <>
            { def.label.get(lang) }
            if let Some(u) = &unit {
                <span class="unit">{ format!(" ({u})") }</span>
            }
        </>
    };
    let hint = html! { <p class="hint" id={ids.hint.clone()}>{ hint_text(def, lang, unit.as_deref()) }</p> };
    let wrapper = class("field", has_error.then_some("field-error"));
    if def.kind == InputKind::Checklist {
        html! {
            <div class={wrapper} data-input={def.id.clone()}>
                <fieldset class="fieldset" id={ids.id} aria-describedby={ids.describedby} tabindex="-1">
                    <legend class="label">{ label }</legend>
                    { hint }
                    { error_html }
                    { control }
                </fieldset>
                { evidence }
            </div>
        }
    } else {
        html! {
            <div class={wrapper} data-input={def.id.clone()}>
                <label class="label" for={ids.id}>{ label }</label>
                { hint }
                { error_html }
                { control }
                { evidence }
            </div>
        }
    }
}

/// " km" after a number, when the input has a unit.
fn unit_suffix(unit: Option<&str>) -> String {
    unit.map(|u| format!(" {u}")).unwrap_or_default()
}

/// The rubric's help and the input's limits, on one line.
fn hint_text(def: &InputDef, lang: Lang, unit: Option<&str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(h) = &def.help {
        parts.push(h.get(lang).to_string());
    }
    if let Some(l) = limits_text(def.min, def.max, lang) {
        parts.push(format!("{}: {l}{}", lang.texts().input_limits(), unit_suffix(unit)));
    }
    parts.join(" · ")
}

/// A number or integer: the text as typed, and how it was understood.
fn number_control(props: &InputFieldProps, cat: &str, def: &InputDef, ids: &Ids, unit: Option<&str>) -> Html {
    let lang = props.lang;
    let (text, typed_lang) = match &props.raw {
        Some(RawValue::Text { text, lang }) => (text.clone(), *lang),
        _ => (String::new(), lang),
    };
    let understood = match parse_number(&text, typed_lang) {
        Ok(Some(v)) => {
            Some(format!("{}: {}{}", lang.texts().input_understood_as(), number(v, lang, None), unit_suffix(unit)))
        }
        _ => None,
    };
    let on_action = props.on_action.clone();
    let (cat, input) = (cat.to_string(), def.id.clone());
    let oninput = Callback::from(move |e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        on_action.emit(Action::SetText { cat: cat.clone(), input: input.clone(), text: el.value() });
    });
    let has_error = !props.errors.is_empty();
    let inputmode = if def.kind == InputKind::Integer { "numeric" } else { "decimal" };
    html! {
        <>
            <input class={class("input", has_error.then_some("input-error"))} id={ids.id.clone()}
                name={ids.id.clone()} type="text" {inputmode} autocomplete="off" value={text}
                aria-describedby={ids.describedby.clone()} {oninput} />
            if let Some(u) = understood {
                <p class="understood" aria-live="polite">{ u }</p>
            }
        </>
    }
}

/// A yes/no input.
fn checkbox_control(props: &InputFieldProps, cat: &str, def: &InputDef, ids: &Ids) -> Html {
    let checked = matches!(props.raw, Some(RawValue::Bool { value: true }));
    let on_action = props.on_action.clone();
    let (cat, input) = (cat.to_string(), def.id.clone());
    let onchange = Callback::from(move |e: Event| {
        let el: HtmlInputElement = e.target_unchecked_into();
        on_action.emit(Action::SetBool { cat: cat.clone(), input: input.clone(), value: el.checked() });
    });
    html! {
        <div class="checkbox">
            <input type="checkbox" id={ids.id.clone()} name={ids.id.clone()} {checked}
                aria-describedby={ids.describedby.clone()} {onchange} />
            <label for={ids.id.clone()}>{ props.lang.texts().input_answer_yes() }</label>
        </div>
    }
}

/// A checklist: one group of yes / partly / no radios per item.
fn checklist_control(props: &InputFieldProps, cat: &str, def: &InputDef, id: &str) -> Html {
    let answers = match &props.raw {
        Some(RawValue::Checklist { answers }) => answers.clone(),
        _ => Default::default(),
    };
    html! {
        <div class="checklist">
            { for def.items.iter().flatten().map(|item| {
                checklist_item(props, cat, def, item, id, answers.get(&item.id).copied())
            }) }
        </div>
    }
}

fn checklist_item(
    props: &InputFieldProps,
    cat: &str,
    def: &InputDef,
    item: &ItemDef,
    id: &str,
    current: Option<Answer>,
) -> Html {
    let (lang, t) = (props.lang, props.lang.texts());
    let group = format!("{id}.{}", item.id);
    let answers = [
        (Answer::Yes, "yes", t.input_answer_yes()),
        (Answer::Partial, "partial", t.input_answer_partial()),
        (Answer::No, "no", t.input_answer_no()),
    ];
    html! {
        <fieldset class="checklist-item" id={group.clone()}>
            <legend>{ item.label.get(lang) }</legend>
            if let Some(h) = &item.help {
                <p class="hint">{ h.get(lang) }</p>
            }
            <div class="radios">
                { for answers.into_iter().map(|(a, v, label)| {
                    let rid = format!("{group}.{v}");
                    let on_action = props.on_action.clone();
                    let (c, i, it) = (cat.to_string(), def.id.clone(), item.id.clone());
                    let onchange = Callback::from(move |_: Event| {
                        let (cat, input, item) = (c.clone(), i.clone(), it.clone());
                        on_action.emit(Action::SetAnswer { cat, input, item, answer: a });
                    });
                    html! {
                        <span class="radio">
                            <input type="radio" id={rid.clone()} name={group.clone()} value={v}
                                checked={current == Some(a)} {onchange} />
                            <label for={rid}>{ label }</label>
                        </span>
                    }
                }) }
            </div>
        </fieldset>
    }
}

/// The evidence links: one row per link, and a button to add one.
fn evidence_links(props: &InputFieldProps, cat: &str, input: &str, required: bool) -> Html {
    let t = props.lang.texts();
    let base = format!("{cat}.{input}.evidence");
    let add = {
        let on_action = props.on_action.clone();
        let (c, i) = (cat.to_string(), input.to_string());
        Callback::from(move |_: MouseEvent| on_action.emit(Action::AddLink { cat: c.clone(), input: i.clone() }))
    };
    let tag = if required { t.input_evidence_required() } else { t.input_evidence_optional() };
    html! {
        <div class="evidence" id={base.clone()}>
            <p class="evidence-title">
                { t.input_evidence_title() }{ " " }
                <span class={class("tag", required.then_some("tag-required"))}>{ tag }</span>
            </p>
            if required && props.evidence_missing {
                <p class="warning-text">{ t.input_evidence_missing() }</p>
            }
            { for props.links.iter().enumerate().map(|(n, link)| link_row(props, cat, input, &base, n, link)) }
            <button type="button" class="button-secondary" onclick={add}>{ t.input_add_link() }</button>
        </div>
    }
}

/// One evidence link: its text box, its error, and a button to remove it.
fn link_row(props: &InputFieldProps, cat: &str, input: &str, base: &str, n: usize, link: &str) -> Html {
    let t = props.lang.texts();
    let lid = format!("{base}.{n}");
    let err = props.link_errors.iter().find(|(row, _)| *row == n).map(|(_, m)| m.clone());
    let on_action = props.on_action.clone();
    let (c, i) = (cat.to_string(), input.to_string());
    let oninput = Callback::from(move |e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        on_action.emit(Action::SetLink { cat: c.clone(), input: i.clone(), index: n, text: el.value() });
    });
    let on_action = props.on_action.clone();
    let (c, i) = (cat.to_string(), input.to_string());
    let remove = Callback::from(move |_: MouseEvent| {
        on_action.emit(Action::RemoveLink { cat: c.clone(), input: i.clone(), index: n })
    });
    html! {
        <div class={class("link-row", err.is_some().then_some("field-error"))}>
            <label class="label-small" for={lid.clone()}>{ format!("{} {}", t.input_link(), n + 1) }</label>
            if let Some(m) = &err {
                <p class="error-message">{ m }</p>
            }
            <div class="link-controls">
                <input class={class("input", err.is_some().then_some("input-error"))} type="url" id={lid.clone()}
                    name={lid} value={link.to_string()} placeholder="https://" autocomplete="off"
                    maxlength={crate::pages::officer::max_text()} {oninput} />
                <button type="button" class="button-secondary" onclick={remove}>{ t.input_remove_link() }</button>
            </div>
        </div>
    }
}
