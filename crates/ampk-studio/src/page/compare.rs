//! Comparing the rubric with another one (the built-in model, or another rubric file or workbook
//! such as last edition's): what changed, in the core's plain words (`rubric::diff`).

use super::open::on_choose;
use crate::state::{Opened, Reading, StudioAction};
use ampk_core::{rubric, Lang};
use ampk_web::components::RubricRef;
use yew::prelude::*;

/// The comparison section. `against` is the other file read (`None`: the built-in model).
pub(super) fn compare_section(
    rubric: &RubricRef,
    against: Option<&Reading>,
    file: Option<&Opened>,
    lang: Lang,
    on: &Callback<StudioAction>,
) -> Html {
    let t = lang.texts();
    let onchange = on_choose(true, on);
    let use_model = on.reform(|_: MouseEvent| StudioAction::CompareWith(None));
    let name = file.map_or_else(|| t.studio_ui_compare_model().to_string(), |f| f.name.clone());
    let result = match against {
        Some(Reading::Problems { rows, .. }) => html! {
            <div class="problem-list" role="alert" data-testid="studio-compare-problems">
                <p><strong>{ t.studio_ui_compare_problems(rows.len()) }</strong></p>
                <ul>
                    { for rows.iter().map(|p| {
                        let place = [p.sheet.as_str(), p.cell.as_deref().unwrap_or_default(), p.path.as_str()]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join("!");
                        html! { <li><code>{ place }</code>{ " " }{ &p.message }</li> }
                    }) }
                </ul>
            </div>
        },
        Some(Reading::Valid { rubric: old, .. }) => diff(&old.0, &rubric.0, lang),
        None => diff(rubric::builtin(), &rubric.0, lang),
    };
    html! {
        <section class="section" aria-labelledby="studio-compare-title">
            <h2 id="studio-compare-title">{ t.studio_ui_compare_title() }</h2>
            <p data-testid="studio-compare-against">{ t.studio_ui_compare_against(name) }</p>
            <div class="field">
                <label class="label" for="studio-compare-file">{ t.studio_ui_compare_file() }</label>
                <input type="file" id="studio-compare-file" data-testid="studio-compare-file"
                    accept=".xlsx,.ods,.json,application/json" {onchange} />
            </div>
            if file.is_some() {
                <p><button type="button" class="button-secondary" onclick={use_model}>
                    { t.studio_ui_compare_use_model() }
                </button></p>
            }
            { result }
        </section>
    }
}

/// What changed from `old` to `new`.
fn diff(old: &rubric::Rubric, new: &rubric::Rubric, lang: Lang) -> Html {
    let d = rubric::diff(old, new);
    let lines = d.lines(lang);
    html! {
        <div data-testid="studio-diff" data-identical={d.identical.to_string()}>
            <p><strong>{ d.heading(lang) }</strong></p>
            if d.identical {
                <p>{ lang.texts().studio_ui_compare_same() }</p>
            } else {
                <ul>{ for lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            }
        </div>
    }
}
