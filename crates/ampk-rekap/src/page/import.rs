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
    wasm_bindgen_futures::spawn_local(async move {
        let session = browser::load_rekap().await;
        on.emit(RekapAction::Restore {
            rubric: rubric.clone(),
            jury: session.meta.jury,
            review: session.meta.review,
            reviewer: session.meta.reviewer,
        });
        if !session.files.is_empty() {
            assess_texts(rubric.0, session.files, on).await;
        }
    });
}

/// The assessment of a batch, a file at a time, letting the browser paint and handle input
/// between slices of work (and telling the progress then).
struct Batch {
    rubric: Rc<Rubric>,
    on: Callback<RekapAction>,
    all: usize,
    done: usize,
    slice_start: f64,
}

impl Batch {
    fn new(rubric: Rc<Rubric>, all: usize, on: Callback<RekapAction>) -> Batch {
        Batch { rubric, on, all, done: 0, slice_start: browser::clock_ms() }
    }

    /// Assesses one file, unless a reader did (`sent`, its report as `FileReport::to_json`
    /// wrote it); the text kept for the session is made here too, a file at a time.
    async fn assess(&mut self, name: String, bytes: Vec<u8>, sent: &str) -> (FileReport, (String, String)) {
        let report = Some(sent)
            .filter(|s| !s.is_empty())
            .and_then(FileReport::from_json)
            .unwrap_or_else(|| import::assess(&self.rubric, &name, &bytes));
        let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        self.tick().await;
        (report, (name, text))
    }

    /// One more file done: past the slice, the progress is shown and the browser gets its turn.
    async fn tick(&mut self) {
        self.done += 1;
        if browser::clock_ms() - self.slice_start > SLICE_MS {
            self.on.emit(RekapAction::Progress { done: self.done, all: self.all });
            browser::yield_now().await;
            self.slice_start = browser::clock_ms();
        }
    }
}

/// Assesses the stored session's files again, then hands them to the model (not stored again).
async fn assess_texts(rubric: Rc<Rubric>, files: Vec<(String, String)>, on: Callback<RekapAction>) {
    let mut batch = Batch::new(rubric, files.len(), on.clone());
    let mut reports = Vec::with_capacity(files.len());
    let mut texts = Vec::with_capacity(files.len());
    for (name, text) in files {
        let (report, file) = batch.assess(name, text.into_bytes(), "").await;
        reports.push(report);
        texts.push(file);
    }
    on.emit(RekapAction::Imported { files: texts, reports, save: false });
}

/// Reads and assesses the `.json` files of a choice or a drop off the page's thread (those over
/// the size limit are refused unread), takes them as they come and adds them to the batch, in
/// the order given, the refused ones last; the batch is then stored.
async fn add(rubric: Rc<Rubric>, dropped: Vec<Dropped>, on: Callback<RekapAction>) {
    let (names, files): (Vec<String>, Vec<web_sys::File>) =
        dropped.into_iter().filter(|d| d.path.to_lowercase().ends_with(".json")).map(|d| (d.path, d.file)).unzip();
    let mut batch = Batch::new(rubric, files.len(), on.clone());
    let mut reads = browser::FileReads::start(files, &names, submission::MAX_BYTES, &batch.rubric.sha256).await;
    let mut assessed: Vec<Option<(FileReport, (String, String))>> = (0..reads.len()).map(|_| None).collect();
    let mut refused: Vec<Option<FileReport>> = (0..reads.len()).map(|_| None).collect();
    while let Some((i, answer)) = reads.next().await {
        match answer {
            Ok((bytes, sent)) => assessed[i] = Some(batch.assess(names[i].clone(), bytes, &sent).await),
            Err(size) => {
                refused[i] = Some(import::too_large(&names[i], size));
                batch.tick().await;
            }
        }
    }
    let (mut reports, texts): (Vec<FileReport>, Vec<(String, String)>) = assessed.into_iter().flatten().unzip();
    reports.extend(refused.into_iter().flatten());
    on.emit(RekapAction::Imported { files: texts, reports, save: true });
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
                    StorageError::Fallback => t.rekap_storage_fallback(),
                    StorageError::Unavailable => t.rekap_storage_unavailable(),
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
