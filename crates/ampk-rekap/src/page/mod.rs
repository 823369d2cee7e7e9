//! The coordinator's page (Rekap): import many submission files (input or drag-and-drop of
//! files and folders), see every file's status and reasons, inspect one submission, rank each
//! category, add jury marks, export CSV/JSON/XLSX, and keep the session across reloads.
//! Everything is decided by `ampk_core::import`, exactly as `ampk rank` does; the state is the
//! reducer of `crate::state`, and each part of the page is a function of it.

mod audit;
mod details;
mod exports;
mod import;
mod rankings;
mod review;
mod status;

use crate::browser;
use crate::state::{RekapAction, RekapModel};
use ampk_core::rubric::Status;
use ampk_core::{Lang, Problem};
use ampk_web::components::RubricRef;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RekapPageProps {
    pub rubric: RubricRef,
    pub lang: Lang,
}

#[component]
pub fn RekapPage(props: &RekapPageProps) -> Html {
    let lang = props.lang;
    let model = use_reducer(|| RekapModel::new(props.rubric.clone()));
    let on: Callback<RekapAction> = {
        let dispatcher = model.dispatcher();
        Callback::from(move |a| dispatcher.dispatch(a))
    };
    // Re-score the saved session (and re-score everything when the rubric changes).
    {
        let on = on.clone();
        use_effect_with(props.rubric.clone(), move |rubric| import::restore(rubric.clone(), on));
    }
    // The review form reads numbers in the page's language.
    {
        let on = on.clone();
        use_effect_with(lang, move |lang| on.emit(RekapAction::Lang(*lang)));
    }
    // A new batch's review is applied in a task of its own, after its statuses are shown.
    {
        let on = on.clone();
        use_effect_with((model.report.is_some(), model.verified.is_none()), move |&(report, pending)| {
            if report && pending {
                in_next_task(on, RekapAction::Review);
            }
        });
    }
    // A new batch's status rows are drawn a chunk per task, the browser painting in between.
    {
        let on = on.clone();
        use_effect_with((model.rendered, model.rows_wanted()), move |(rendered, wanted)| {
            if rendered < wanted {
                in_next_task(on, RekapAction::RenderMore);
            }
        });
    }
    // Then its rankings, a part of a category per task.
    {
        let on = on.clone();
        use_effect_with((model.ranked, model.ranking_wanted()), move |&(_, wanted)| {
            if wanted {
                in_next_task(on, RekapAction::RankMore);
            }
        });
    }
    // Store the session whenever it changed: in a task of its own, after the browser painted
    // the change, so storing a batch never lengthens the task that shows it; a new batch once
    // its import is over (its last ranking drawn), so that storing tens of megabytes (the
    // browser's work too) does not slow the drawing the coordinator waits for.
    {
        let (on, model) = (on.clone(), model.clone());
        use_effect_with((model.unsaved, model.progress_shown().is_some()), move |&(unsaved, importing)| {
            if unsaved > 0 && !importing {
                wasm_bindgen_futures::spawn_local(async move {
                    browser::yield_now().await;
                    let result = browser::save_rekap(model.files.clone(), model.meta(), model.stored_size()).await;
                    on.emit(RekapAction::Saved(result));
                });
            }
        });
    }
    let m = &*model;
    html! {
        <div class="rekap">
            // Its own styles, fetched with the module (not part of the officer's first load).
            <link rel="stylesheet" href="ampk-rekap.css" />
            { rubric_section(m, lang) }
            { import::import_section(m, lang, &on) }
            // Once the review is applied to the batch's report (the task after the import's
            // own), so that whatever is shown of a batch is whole.
            if let (Some(report), true) = (&m.report, m.verified.is_some()) {
                { reviewer_section(m, lang, &on) }
                { status::status_table(m, report, lang, &on) }
                if let Some(f) = m.selected.and_then(|i| report.files.get(i)) {
                    { details::details(m, &m.in_full(f), lang, &on) }
                }
                { rankings::rankings(m, report, lang, &on) }
                { audit::batch_audit(m, report, lang) }
                { exports::jury_section(m, report, lang, &on) }
                { exports::export_section(m, lang) }
                { exports::review_files_section(m, lang, &on) }
            }
        </div>
    }
}

/// Sends `action` in a task of its own, after the browser's turn (painting what this one drew).
fn in_next_task(on: Callback<RekapAction>, action: RekapAction) {
    wasm_bindgen_futures::spawn_local(async move {
        browser::yield_now().await;
        on.emit(action);
    });
}

/// The title and the rubric in use (the officer's page chooses it).
fn rubric_section(m: &RekapModel, lang: Lang) -> Html {
    let t = lang.texts();
    let rubric = &m.rubric.0;
    html! {
        <section class="section" aria-labelledby="rekap-title">
            <h1 id="rekap-title">{ t.rekap_title() }</h1>
            <p>
                { t.rekap_rubric_in_use() }
                <strong>{ rubric.file.title.get(lang) }</strong>{ " — " }
                { if rubric.file.status == Status::Model { t.rekap_model_badge() } else { t.rekap_official_badge() } }
            </p>
            <p class="hint">
                { t.rekap_fingerprint() }{ ": " }
                <code class="fingerprint" data-testid="rekap-fingerprint">{ &rubric.sha256 }</code>
            </p>
            <p class="hint">{ t.rekap_other_rubric_hint() }</p>
        </section>
    }
}

/// The reviewer's name, entered once per session (stored with it) and stamped on every review
/// action.
fn reviewer_section(m: &RekapModel, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    // Kept on every input, stored on change (not per keystroke: the session holds the whole batch).
    let on_input = on.reform(|e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        RekapAction::Reviewer { name: el.value(), store: false }
    });
    let on_change = on.reform(|e: Event| {
        let el: HtmlInputElement = e.target_unchecked_into();
        RekapAction::Reviewer { name: el.value(), store: true }
    });
    html! {
        <section class="section" aria-labelledby="reviewer-title">
            <h2 id="reviewer-title" class="visually-hidden">{ t.rekap_review_title() }</h2>
            <div class="field">
                <label class="label" for="reviewer">{ t.rekap_reviewer() }</label>
                <p class="hint" id="reviewer-hint">{ t.rekap_reviewer_hint() }</p>
                <input class="input" type="text" id="reviewer" data-testid="reviewer" autocomplete="name"
                    value={m.reviewer.clone()} oninput={on_input} onchange={on_change}
                    aria-describedby="reviewer-hint" />
            </div>
        </section>
    }
}

/// Problems as a list: each with its path (a JSON path in the file, or a line) when it has one.
pub(super) fn problem_list(problems: &[Problem], lang: Lang) -> Html {
    html! {
        <ul class="problem-list">
            { for problems.iter().map(|p| html! {
                <li>
                    if !p.path.is_empty() { <code>{ &p.path }</code>{ ": " } }
                    { p.message(lang) }
                </li>
            }) }
        </ul>
    }
}
