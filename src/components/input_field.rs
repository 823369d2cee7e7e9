//! The one generic input component: renders any rubric input (number, integer, boolean or
//! checklist) from its definition, with its label, help, unit, limits, error, "understood as"
//! line and evidence links. There is no hand-written form per category.

use crate::components::RubricRef;
use crate::i18n::texts;
use crate::state::Action;
use ampk_core::draft::RawValue;
use ampk_core::fmt::{number, parse_number};
use ampk_core::rubric::{Evidence, InputKind};
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

#[component]
pub fn InputField(props: &InputFieldProps) -> Html {
    let r = &props.rubric.0;
    let lang = props.lang;
    let t = texts(lang);
    let cat = &r.file.categories[props.cat];
    let def = &cat.inputs[props.input];
    let id = format!("{}.{}", cat.id, def.id);
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let unit = def.unit.as_ref().map(|u| u.get(lang).to_string());
    let mut hint_parts: Vec<String> = Vec::new();
    if let Some(h) = &def.help {
        hint_parts.push(h.get(lang).to_string());
    }
    if let Some(l) = limits_text(def.min, def.max, lang) {
        hint_parts.push(format!("{}: {l}{}", t.limits, unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default()));
    }
    let has_error = !props.errors.is_empty();
    let describedby = {
        let mut v = vec![hint_id.clone()];
        if has_error {
            v.push(err_id.clone());
        }
        v.join(" ")
    };
    let error_html = html! {
        { for props.errors.iter().map(|m| html! {
            <p class="error-message" id={err_id.clone()}><span class="visually-hidden">{ t.summary_title }{ ": " }</span>{ m }</p>
        }) }
    };
    let (cat_id, input_id) = (cat.id.clone(), def.id.clone());
    let control = match def.kind {
        InputKind::Integer | InputKind::Number => {
            let (text, typed_lang) = match &props.raw {
                Some(RawValue::Text { text, lang }) => (text.clone(), *lang),
                _ => (String::new(), lang),
            };
            let understood = match parse_number(&text, typed_lang) {
                Ok(Some(v)) => Some(format!(
                    "{}: {}{}",
                    t.understood_as,
                    number(v, lang, None),
                    unit.as_ref().map(|u| format!(" {u}")).unwrap_or_default()
                )),
                _ => None,
            };
            let on_action = props.on_action.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let el: HtmlInputElement = e.target_unchecked_into();
                on_action.emit(Action::SetText { cat: cat_id.clone(), input: input_id.clone(), text: el.value() });
            });
            html! {
                <>
                    <input class={classes!("input", has_error.then_some("input-error"))} id={id.clone()} name={id.clone()}
                        type="text" inputmode={if def.kind == InputKind::Integer { "numeric" } else { "decimal" }}
                        autocomplete="off" value={text} aria-describedby={describedby.clone()} {oninput} />
                    if let Some(u) = understood {
                        <p class="understood" aria-live="polite">{ u }</p>
                    }
                </>
            }
        }
        InputKind::Boolean => {
            let checked = matches!(props.raw, Some(RawValue::Bool { value: true }));
            let on_action = props.on_action.clone();
            let onchange = Callback::from(move |e: Event| {
                let el: HtmlInputElement = e.target_unchecked_into();
                on_action.emit(Action::SetBool { cat: cat_id.clone(), input: input_id.clone(), value: el.checked() });
            });
            html! {
                <div class="checkbox">
                    <input type="checkbox" id={id.clone()} name={id.clone()} {checked} aria-describedby={describedby.clone()} {onchange} />
                    <label for={id.clone()}>{ t.checkbox_yes }</label>
                </div>
            }
        }
        InputKind::Checklist => {
            let answers = match &props.raw {
                Some(RawValue::Checklist { answers }) => answers.clone(),
                _ => Default::default(),
            };
            html! {
                <div class="checklist">
                    { for def.items.iter().flatten().map(|item| {
                        let group = format!("{id}.{}", item.id);
                        let current = answers.get(&item.id).copied();
                        html! {
                            <fieldset class="checklist-item" id={group.clone()}>
                                <legend>{ item.label.get(lang) }</legend>
                                if let Some(h) = &item.help {
                                    <p class="hint">{ h.get(lang) }</p>
                                }
                                <div class="radios">
                                    { for [(Answer::Yes, "yes", t.yes), (Answer::Partial, "partial", t.partial), (Answer::No, "no", t.no)].into_iter().map(|(a, v, label)| {
                                        let rid = format!("{group}.{v}");
                                        let on_action = props.on_action.clone();
                                        let (c, i, it) = (cat.id.clone(), def.id.clone(), item.id.clone());
                                        let onchange = Callback::from(move |_: Event| {
                                            on_action.emit(Action::SetAnswer { cat: c.clone(), input: i.clone(), item: it.clone(), answer: a });
                                        });
                                        html! {
                                            <span class="radio">
                                                <input type="radio" id={rid.clone()} name={group.clone()} value={v} checked={current == Some(a)} {onchange} />
                                                <label for={rid}>{ label }</label>
                                            </span>
                                        }
                                    }) }
                                </div>
                            </fieldset>
                        }
                    }) }
                </div>
            }
        }
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
    let hint = html! { <p class="hint" id={hint_id.clone()}>{ hint_parts.join(" · ") }</p> };
    let wrapper = classes!("field", has_error.then_some("field-error"));
    if def.kind == InputKind::Checklist {
        html! {
            <div class={wrapper} data-input={def.id.clone()}>
                <fieldset class="fieldset" id={id.clone()} aria-describedby={describedby} tabindex="-1">
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
                <label class="label" for={id.clone()}>{ label }</label>
                { hint }
                { error_html }
                { control }
                { evidence }
            </div>
        }
    }
}

fn evidence_links(props: &InputFieldProps, cat: &str, input: &str, required: bool) -> Html {
    let t = texts(props.lang);
    let base = format!("{cat}.{input}.evidence");
    let add = {
        let on_action = props.on_action.clone();
        let (c, i) = (cat.to_string(), input.to_string());
        Callback::from(move |_: MouseEvent| on_action.emit(Action::AddLink { cat: c.clone(), input: i.clone() }))
    };
    html! {
        <div class="evidence" id={base.clone()}>
            <p class="evidence-title">
                { t.evidence }{ " " }
                <span class={classes!("tag", required.then_some("tag-required"))}>{ if required { t.evidence_required } else { t.evidence_optional } }</span>
            </p>
            if required && props.evidence_missing {
                <p class="warning-text">{ match props.lang {
                    Lang::Id => "Bukti wajib belum dilampirkan: juri dapat menilai isian ini 0.",
                    Lang::En => "Required evidence is missing: the jury may count this input as 0.",
                } }</p>
            }
            { for props.links.iter().enumerate().map(|(n, link)| {
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
                let remove = Callback::from(move |_: MouseEvent| on_action.emit(Action::RemoveLink { cat: c.clone(), input: i.clone(), index: n }));
                html! {
                    <div class={classes!("link-row", err.is_some().then_some("field-error"))}>
                        <label class="label-small" for={lid.clone()}>{ format!("{} {}", t.link, n + 1) }</label>
                        if let Some(m) = &err {
                            <p class="error-message">{ m }</p>
                        }
                        <div class="link-controls">
                            <input class={classes!("input", err.is_some().then_some("input-error"))} type="url" id={lid.clone()} name={lid}
                                value={link.clone()} placeholder="https://" autocomplete="off" maxlength={crate::pages::officer::max_text()} {oninput} />
                            <button type="button" class="button-secondary" onclick={remove}>{ t.remove_link }</button>
                        </div>
                    </div>
                }
            }) }
            <button type="button" class="button-secondary" onclick={add}>{ t.add_link }</button>
        </div>
    }
}
