//! The rubric in use: title, model/official status, period, fingerprint and the categories each
//! agency type may enter, all read from the rubric data.

use crate::i18n::texts;
use ampk_core::rubric::Status;
use ampk_core::{Lang, Rubric};
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

#[derive(Properties, PartialEq)]
pub struct RubricSummaryProps {
    pub rubric: RubricRef,
    pub lang: Lang,
    /// Whether to show the title and status (off when the page shows them already).
    #[prop_or(true)]
    pub heading: bool,
}

#[component]
pub fn RubricSummary(props: &RubricSummaryProps) -> Html {
    let r = &props.rubric.0;
    let lang = props.lang;
    let t = texts(lang);
    let f = &r.file;
    let badge = match f.status {
        Status::Model => {
            html! { <p class="badge badge-model" data-testid="rubric-status" data-status="model">{ t.model_badge }</p> }
        }
        Status::Official => {
            html! { <p class="badge badge-official" data-testid="rubric-status" data-status="official">{ t.official_badge }</p> }
        }
    };
    let fs = &f.final_score;
    html! {
        <section class="rubric-summary">
            if props.heading {
                <h1 data-testid="rubric-title">{ f.title.get(lang) }</h1>
                { badge }
            }
            <dl class="facts">
                <dt>{ t.period }</dt>
                <dd>{ format!("{} – {} ({} {})", f.period.start, f.period.end, r.period_months, t.months_word) }</dd>
                <dt>{ t.final_score_rule }</dt>
                <dd>{ format!("{} % {} + {} % {}", fs.data_weight, t.data, fs.jury_weight, t.jury) }</dd>
                <dt>{ t.fingerprint }</dt>
                <dd><code class="fingerprint">{ &r.sha256 }</code></dd>
            </dl>
            { for f.agency_types.iter().map(|at| {
                let cats = r.eligible_categories(&at.id);
                html! {
                    <section class="agency-type" data-agency-type={at.id.clone()}>
                        <h2>{ format!("{} {}", t.categories_for, at.label.get(lang)) }</h2>
                        <ul class="category-list">
                            { for cats.iter().map(|&c| {
                                let cat = &f.categories[c];
                                html! {
                                    <li data-category={cat.id.clone()}>
                                        <strong>{ cat.label.get(lang) }</strong>
                                        <span class="meta">{ format!(" — {} {}, {} {}, {} {}",
                                            cat.inputs.len(), t.inputs_word, cat.indicators.len(), t.indicators_word, cat.winners, t.winners) }</span>
                                        if let Some(d) = &cat.description {
                                            <p class="description">{ d.get(lang) }</p>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }
            }) }
        </section>
    }
}
