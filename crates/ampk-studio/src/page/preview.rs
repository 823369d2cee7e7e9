//! The valid rubric previewed: an overview table of its categories (who may enter them, their
//! inputs, indicators and weights), and each category's form exactly as officers will see it,
//! made by the officer's own components (its inputs, `ScoreCard`) and scored live by the
//! officer's own assessment (`draft::assess`). The figures typed here are never saved.

use crate::state::{preview_draft, StudioAction};
use ampk_core::draft::{self, CategoryState, Draft};
use ampk_core::{fmt, Lang, Problem, ProblemCode};
use ampk_web::components::{score_card, RubricRef};
use ampk_web::pages::officer::input_field;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The overview table of the categories.
pub(super) fn overview(rubric: &RubricRef, lang: Lang) -> Html {
    let t = lang.texts();
    let f = &rubric.0.file;
    let eligible = |ids: &[String]| -> String {
        let labels = f.agency_types.iter().filter(|a| ids.contains(&a.id)).map(|a| a.label.get(lang));
        labels.collect::<Vec<_>>().join(", ")
    };
    html! {
        // The table's scrolling region is the landmark (named by the heading); the section is not.
        <section class="section">
            <h2 id="studio-overview-title">{ t.studio_ui_overview_title() }</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="studio-overview-title">
            <table class="table studio-overview" data-testid="studio-overview">
                <thead><tr>
                    <th scope="col">{ t.studio_ui_overview_category() }</th>
                    <th scope="col">{ t.studio_ui_overview_eligible() }</th>
                    <th scope="col" class="num">{ t.studio_ui_overview_inputs() }</th>
                    <th scope="col">{ t.studio_ui_overview_weights() }</th>
                </tr></thead>
                <tbody>
                    { for f.categories.iter().map(|c| html! {
                        <tr data-category={c.id.clone()}>
                            <th scope="row">{ c.label.get(lang) }<br /><code>{ &c.id }</code></th>
                            <td>{ eligible(&c.eligible) }</td>
                            <td class="num">{ c.inputs.len() }</td>
                            <td>
                                { for c.indicators.iter().enumerate().map(|(n, i)| html! {
                                    <>
                                        if n > 0 { { "\u{a0}· " } }
                                        <span data-indicator={i.id.clone()} data-weight={fmt::plain(i.weight)}>
                                            <span class="ind-id">{ &i.id }</span>{ "\u{a0}" }
                                            { fmt::number(i.weight, lang, None) }
                                        </span>
                                    </>
                                }) }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// Each category's form, for the agency type chosen.
pub(super) fn preview(rubric: &RubricRef, typed: &Draft, lang: Lang, on: &Callback<StudioAction>) -> Html {
    let t = lang.texts();
    let r = &rubric.0;
    let d = preview_draft(r, typed);
    let assessment = draft::assess(r, &d);
    let on_type = on.reform(|e: Event| {
        let el: HtmlSelectElement = e.target_unchecked_into();
        StudioAction::PreviewType(el.value())
    });
    let on_form = on.reform(StudioAction::Form);
    html! {
        <section class="section" aria-labelledby="studio-preview-title" data-testid="studio-preview">
            <h2 id="studio-preview-title">{ t.studio_ui_preview_title() }</h2>
            <p>{ t.studio_ui_preview_hint() }</p>
            <div class="field">
                <label class="label" for="studio-preview-type">{ t.studio_ui_preview_type() }</label>
                <select class="select" id="studio-preview-type" data-testid="studio-preview-type" onchange={on_type}>
                    { for r.file.agency_types.iter().map(|a| html! {
                        <option value={a.id.clone()} selected={a.id == d.agency_type}>{ a.label.get(lang) }</option>
                    }) }
                </select>
            </div>
            { for assessment.categories.iter().map(|st| category(rubric, &d, st, lang, &on_form)) }
        </section>
    }
}

/// One category as the officer's page shows it: its title and description, its inputs, and the
/// live score card.
fn category(
    rubric: &RubricRef,
    d: &Draft,
    st: &CategoryState,
    lang: Lang,
    on_form: &Callback<ampk_web::state::Action>,
) -> Html {
    let def = &rubric.0.file.categories[st.category];
    let entry = d.categories.get(&def.id).cloned().unwrap_or_default();
    let section_id = format!("cat-{}", def.id);
    // What was typed wrong is shown; what is only not typed yet is not.
    let shown: Vec<&Problem> = st.errors.iter().filter(|p| p.code != ProblemCode::MissingInput).collect();
    html! {
        <section class="section category" id={section_id.clone()} data-category={def.id.clone()}
            aria-labelledby={format!("{section_id}-title")}>
            <h3 id={format!("{section_id}-title")}>{ def.label.get(lang) }</h3>
            if let Some(desc) = &def.description {
                <p class="lead">{ desc.get(lang) }</p>
            }
            <div class="category-grid">
                <div class="category-form">
                    { for shown.iter().filter(|p| p.code == ProblemCode::CheckFailed).map(|p| html! {
                        <p class="error-message check-error">{ p.message(lang) }</p>
                    }) }
                    { for (0..def.inputs.len()).map(|i| input_field(rubric, lang, st, &entry, &shown, i, on_form)) }
                </div>
                { score_card(rubric, st, d.jury_estimate, lang, None) }
            </div>
        </section>
    }
}
