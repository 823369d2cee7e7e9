//! Importing: the file input and drop zone, reading and assessing the files in chunks (the page
//! stays responsive), the progress, the storage warning and deleting everything.

use crate::browser::{self, Dropped};
use crate::state::{RekapAction, RekapModel};
use ampk_core::import::{self, FileReport};
use ampk_core::{submission, Lang, Rubric};
use ampk_web::browser::StorageError;
use ampk_web::components::RubricRef;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

/// How long the page may assess files before it lets the browser paint and handle input
/// (a task under 50 ms keeps the page responsive).
const SLICE_MS: f64 = 30.0;

/// Starts again from the stored session: its jury marks at once, its files assessed again with
/// `rubric` (they are not stored again).
pub(super) fn restore(rubric: RubricRef, on: Callback<RekapAction>) {
    let session = browser::load_rekap();
    on.emit(RekapAction::Restore {
        rubric: rubric.clone(),
        jury: session.jury,
        review: session.review,
        reviewer: session.reviewer,
    });
    if !session.files.is_empty() {
        let files = session.files.into_iter().map(|(n, t)| (n, t.into_bytes())).collect();
        wasm_bindgen_futures::spawn_local(assess(rubric.0, files, Vec::new(), false, on));
    }
}

/// Reads the `.json` files of a choice or a drop (those over the size limit are refused unread),
/// assesses them and adds them to the batch, which is then stored.
async fn add(rubric: Rc<Rubric>, dropped: Vec<Dropped>, on: Callback<RekapAction>) {
    let mut files = Vec::new();
    let mut oversize = Vec::new();
    for d in dropped {
        if !d.path.to_lowercase().ends_with(".json") {
            continue;
        }
        match browser::read_file(&d.file, submission::MAX_BYTES).await {
            Ok(bytes) => files.push((d.path, bytes)),
            Err(size) => oversize.push(import::too_large(&d.path, size)),
        }
    }
    assess(rubric, files, oversize, true, on).await;
}

/// Assesses files in chunks, yielding to the browser between chunks, then hands them (and
/// `refused`, the files refused unread) to the model, which resolves duplicates and rankings.
async fn assess(
    rubric: Rc<Rubric>,
    files: Vec<(String, Vec<u8>)>,
    refused: Vec<FileReport>,
    save: bool,
    on: Callback<RekapAction>,
) {
    let all = files.len();
    let mut reports = Vec::with_capacity(all + refused.len());
    let mut texts = Vec::with_capacity(all);
    let mut slice_start = browser::clock_ms();
    for (name, bytes) in files {
        reports.push(import::assess(&rubric, &name, &bytes));
        // The text kept for the session is made here too, a file at a time, not all at the end.
        texts.push((
            name,
            String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        ));
        if browser::clock_ms() - slice_start > SLICE_MS {
            on.emit(RekapAction::Progress { done: texts.len(), all });
            browser::yield_now().await;
            slice_start = browser::clock_ms();
        }
    }
    reports.extend(refused);
    on.emit(RekapAction::Imported { files: texts, reports, save });
}

/// The import section.
pub(super) fn import_section(m: &RekapModel, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let add_files = {
        let (rubric, on) = (m.rubric.0.clone(), on.clone());
        Callback::from(move |dropped: Vec<Dropped>| {
            wasm_bindgen_futures::spawn_local(add(rubric.clone(), dropped, on.clone()));
        })
    };
    let on_input_files = {
        let add_files = add_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            add_files.emit(browser::take_files(&input).into_iter().map(Dropped::from).collect());
        })
    };
    let on_drop = {
        let on = on.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            on.emit(RekapAction::Drag(false));
            let add_files = add_files.clone();
            wasm_bindgen_futures::spawn_local(async move { add_files.emit(browser::dropped_files(&e).await) });
        })
    };
    let on_drag_over = on.reform(|e: DragEvent| {
        e.prevent_default();
        RekapAction::Drag(true)
    });
    let on_drag_leave = on.reform(|_: DragEvent| RekapAction::Drag(false));
    let total = m.report.as_ref().map_or(0, |r| r.files.len());
    html! {
        <section class="section" aria-labelledby="import-title">
            <h2 id="import-title">{ t.rekap_import_title() }</h2>
            <div class={classes!("dropzone", m.drag.then_some("dragging"))}
                ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <label class="label" for="import-files">{ t.rekap_choose_files() }</label>
                <p class="hint" id="import-hint">{ t.rekap_drop_hint() }</p>
                <input type="file" id="import-files" data-testid="import-files" multiple=true
                    accept=".json,application/json" aria-describedby="import-hint" onchange={on_input_files} />
            </div>
            if let Some((done, all)) = m.progress {
                <div class="progress" data-testid="import-progress">
                    <label for="import-progress-bar">{ t.rekap_processing(all, done) }</label>
                    <progress id="import-progress-bar" max={all.to_string()} value={done.to_string()}>
                        { format!("{done}/{all}") }
                    </progress>
                </div>
            }
            if let Err(e) = &m.storage {
                <div class="warning-banner" role="alert">{ match e {
                    StorageError::Full => t.rekap_storage_full(),
                    StorageError::Unavailable | StorageError::Fallback => t.rekap_storage_unavailable(),
                } }</div>
            }
            if total > 0 {
                { clear_button(m, lang, on) }
            }
        </section>
    }
}

/// Deletes every imported file, jury mark and the review from this browser, once confirmed; the
/// question names the review work that would be lost, when there is some.
fn clear_button(m: &RekapModel, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let message = if m.review.has_work() {
        t.rekap_clear_confirm_review(m.review.audit.len(), m.review.reviews.len())
    } else {
        t.rekap_clear_confirm().to_string()
    };
    let onclick = {
        let on = on.clone();
        Callback::from(move |_: MouseEvent| {
            if browser::confirm(&message) {
                browser::clear_rekap();
                on.emit(RekapAction::Clear);
            }
        })
    };
    html! {
        <button type="button" class="button-secondary danger-button" onclick={onclick}>
            { t.rekap_clear_all() }
        </button>
    }
}
