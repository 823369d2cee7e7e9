//! The rubric in use: its period, final-score split, fingerprint and the categories each agency
//! type may enter, all read from the rubric data; and its model/official badge.

use ampk_core::rubric::{CategoryDef, Status};
use ampk_core::{fmt, Lang, Rubric};
use std::rc::Rc;
use yew::prelude::*;

/// A shared rubric, compared by identity so re-renders stay cheap.
#[derive(Debug, Clone)]
pub struct RubricRef(pub Rc<Rubric>);

impl PartialEq for RubricRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Whether two optional shared values are the same one (or both absent): how properties that
/// hold a value the model replaces when it changes are compared cheaply.
pub fn same_rc<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Whether the rubric is the model or an official one, as a badge.
pub fn rubric_badge(status: Status, lang: Lang) -> Html {
    let t = lang.texts();
    match status {
        Status::Model => html! {
            <p class="badge badge-model" data-testid="rubric-status" data-status="model">{ t.rubric_badge_model() }</p>
        },
        Status::Official => html! {
            <p class="badge badge-official" data-testid="rubric-status" data-status="official">
                { t.rubric_badge_official() }
            </p>
        },
    }
}

/// The rubric's facts and categories, under the title and badge the page shows (a function,
/// not a component: the officer's page draws it in a part it keeps across keystrokes).
pub fn rubric_summary(r: &Rubric, lang: Lang) -> Html {
    let t = lang.texts();
    let f = &r.file;
    let fs = &f.final_score;
    let period = format!("{} – {} ({} {})", f.period.start, f.period.end, r.period_months, t.rubric_info_months());
    // Through `fmt::plain`, not `{}` of an f64: that would add the standard float printer to
    // the officer's page.
    let (data, jury) = (fmt::plain(fs.data_weight), fmt::plain(fs.jury_weight));
    let split = format!("{data} % {} + {jury} % {}", t.rubric_info_data(), t.rubric_info_jury());
    html! {
        <section class="rubric-summary">
            <dl class="facts">
                <dt>{ t.rubric_info_period() }</dt>
                <dd>{ period }</dd>
                <dt>{ t.rubric_info_final_score() }</dt>
                <dd>{ split }</dd>
                <dt>{ t.rubric_info_fingerprint() }</dt>
                <dd><code class="fingerprint">{ &r.sha256 }</code></dd>
            </dl>
            { for f.agency_types.iter().map(|at| html! {
                <section class="agency-type" data-agency-type={at.id.clone()}>
                    <h2>{ format!("{} {}", t.rubric_info_categories_for(), at.label.get(lang)) }</h2>
                    <ul class="category-list">
                        { for r.eligible_categories(&at.id).iter().map(|&c| category_item(&f.categories[c], lang)) }
                    </ul>
                </section>
            }) }
        </section>
    }
}

/// A category an agency type may enter: its label, size and winners, and its description.
fn category_item(cat: &CategoryDef, lang: Lang) -> Html {
    let t = lang.texts();
    let (inputs, indicators) = (cat.inputs.len(), cat.indicators.len());
    let meta = format!(
        " — {inputs} {}, {indicators} {}, {} {}",
        t.rubric_info_inputs(),
        t.rubric_info_indicators(),
        cat.winners,
        t.rubric_info_winners()
    );
    html! {
        <li data-category={cat.id.clone()}>
            <strong>{ cat.label.get(lang) }</strong>
            <span class="meta">{ meta }</span>
            if let Some(d) = &cat.description {
                <p class="description">{ d.get(lang) }</p>
            }
        </li>
    }
}
