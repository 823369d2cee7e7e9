//! Importing: the file input and drop zone, reading and assessing the files in chunks (the page
//! stays responsive), the progress, the storage warning and deleting everything.

use crate::browser::{self, Dropped};
use crate::state::{jury_marks, RekapAction, RekapModel, Resolved};
use ampk_core::import::{self, FileReport, JuryMarks};
use ampk_core::review::{self, ReviewFile};
use ampk_core::{submission, Lang, Rubric};
use ampk_web::browser::StorageError;
use ampk_web::components::RubricRef;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

/// How long the page may take files (and assess those no reader did) before it lets the browser
/// paint and handle input: a task under 50 ms keeps the page responsive, and a garbage
/// collection of the readers' buffers (up to 25 ms) may fall in any task.
const SLICE_MS: f64 = 20.0;
/// How long the page may resolve a batch before the browser's turn: a step (a category's
/// ranking, say) of a big batch takes up to a few dozen milliseconds.
const STEP_SLICE_MS: f64 = 10.0;
/// How often the progress is shown at most: each showing draws the page again (shown after
/// every slice, that was 0.4 s of the page's thread in a 10,000-file import, a quarter of what
/// taking the files cost it); ten a second reads as smooth.
const PROGRESS_MS: f64 = 100.0;

/// Starts again from the stored session: its jury marks at once, its files assessed again with
/// `rubric` (they are not stored again).
pub(super) fn restore(rubric: RubricRef, on: Callback<RekapAction>) {
    wasm_bindgen_futures::spawn_local(async move {
        let session = browser::load_rekap().await;
        // What the model has once restored: the files are resolved with it.
        let base = Base {
            jury: jury_marks(session.meta.jury.clone()),
            review: Rc::new(session.meta.review.clone().unwrap_or_else(|| ReviewFile::new(&rubric.0))),
        };
        on.emit(RekapAction::Restore {
            rubric: rubric.clone(),
            jury: session.meta.jury,
            review: session.meta.review,
            reviewer: session.meta.reviewer,
        });
        if !session.files.is_empty() {
            assess_texts(rubric.0, session.files, base, on).await;
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
    /// When the progress was last shown.
    shown_at: f64,
}

impl Batch {
    fn new(rubric: Rc<Rubric>, all: usize, on: Callback<RekapAction>) -> Batch {
        let now = browser::clock_ms();
        Batch { rubric, on, all, done: 0, slice_start: now, shown_at: now }
    }

    /// Assesses one file, unless a reader did (`sent`, its report as `FileReport::to_json`
    /// wrote it); the text kept for the session is made here too, a file at a time. The report
    /// is kept lightened (`FileReport::lighten`, figures kept), as the readers send it: the
    /// details read the rest from the text (`RekapModel::in_full`).
    async fn assess(&mut self, name: String, bytes: Vec<u8>, sent: &str) -> (FileReport, (String, String)) {
        let report = Some(sent).filter(|s| !s.is_empty()).and_then(FileReport::from_json).unwrap_or_else(|| {
            let mut report = import::assess(&self.rubric, &name, &bytes);
            report.lighten(true);
            report
        });
        let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        self.tick().await;
        (report, (name, text))
    }

    /// One more file done: past the slice, the browser gets its turn, and the progress is shown
    /// when it was not for a while (`PROGRESS_MS`).
    async fn tick(&mut self) {
        self.done += 1;
        let now = browser::clock_ms();
        if now - self.slice_start > SLICE_MS {
            if now - self.shown_at > PROGRESS_MS {
                self.on.emit(RekapAction::Progress { done: self.done, all: self.all });
                self.shown_at = now;
            }
            self.pause().await;
        }
    }

    /// The browser's turn.
    async fn pause(&mut self) {
        browser::yield_now().await;
        self.slice_start = browser::clock_ms();
    }

    /// Resolves a first batch and applies the review to it (`import::Resolving`,
    /// `review::Applying`) a step at a time, the browser getting its turn between slices, then
    /// hands it to the model with its files.
    async fn resolve(&mut self, files: Vec<(String, String)>, reports: Vec<FileReport>, base: Base, save: bool) {
        let rubric = self.rubric.clone();
        self.pause().await;
        let mut resolving = import::Resolving::new(reports);
        while !resolving.step(&rubric, &base.jury) {
            self.step_done().await;
        }
        let report = resolving.finish(&base.jury);
        self.step_done().await;
        let mut applying = review::Applying::new(&report);
        while !applying.step(&rubric, &base.review) {
            self.step_done().await;
        }
        let verified = applying.finish();
        self.pause().await;
        let resolved = Box::new(Resolved { report, verified, jury: base.jury, review: base.review });
        self.on.emit(RekapAction::Resolved { files, resolved, save });
    }

    /// A step of the resolution done: past its slice, the browser gets its turn.
    async fn step_done(&mut self) {
        if browser::clock_ms() - self.slice_start > STEP_SLICE_MS {
            self.pause().await;
        }
    }
}

/// The jury marks and review of the model a first batch is resolved with (`None`: the model has
/// a batch already, to which the files are added by the reducer).
#[derive(Clone)]
pub(super) struct Base {
    jury: JuryMarks,
    review: Rc<ReviewFile>,
}

impl Base {
    /// The model's, when it has no batch yet.
    fn of(m: &RekapModel) -> Option<Base> {
        m.report.is_none().then(|| Base { jury: m.jury.clone(), review: m.review.clone() })
    }
}

/// Hands assessed files to the model: a first batch resolved here a step at a time (`base`,
/// what the model resolves with), else to be added to the model's batch.
async fn hand_over(
    mut batch: Batch,
    files: Vec<(String, String)>,
    reports: Vec<FileReport>,
    base: Option<Base>,
    save: bool,
) {
    match base {
        Some(base) => batch.resolve(files, reports, base, save).await,
        None => batch.on.emit(RekapAction::Imported { files, reports, save }),
    }
}

/// Assesses the stored session's files again, then hands them to the model (not stored again).
async fn assess_texts(rubric: Rc<Rubric>, files: Vec<(String, String)>, base: Base, on: Callback<RekapAction>) {
    let mut batch = Batch::new(rubric, files.len(), on.clone());
    let mut reports = Vec::with_capacity(files.len());
    let mut texts = Vec::with_capacity(files.len());
    for (name, text) in files {
        let (report, file) = batch.assess(name, text.into_bytes(), "").await;
        reports.push(report);
        texts.push(file);
    }
    hand_over(batch, texts, reports, Some(base), false).await;
}

/// Reads and assesses the `.json` files of a choice or a drop off the page's thread (those over
/// the size limit are refused unread), takes them as they come and adds them to the batch, in
/// the order given, the refused ones last; the batch is then stored.
async fn add(rubric: Rc<Rubric>, dropped: Vec<Dropped>, base: Option<Base>, on: Callback<RekapAction>) {
    let (names, files): (Vec<String>, Vec<web_sys::File>) =
        dropped.into_iter().filter(|d| d.path.to_lowercase().ends_with(".json")).map(|d| (d.path, d.file)).unzip();
    let mut batch = Batch::new(rubric, files.len(), on.clone());
    let mut reads = browser::FileReads::start(files, &names, submission::MAX_BYTES, &batch.rubric.sha256).await;
    let mut assessed: Vec<Option<(FileReport, (String, String))>> = (0..reads.len()).map(|_| None).collect();
    let mut refused: Vec<Option<FileReport>> = (0..reads.len()).map(|_| None).collect();
    while let Some((i, answer)) = reads.next().await {
        match answer {
            Ok((bytes, sent)) => assessed[i] = Some(batch.assess(names[i].clone(), bytes, &sent).await),
            Err(why) => {
                refused[i] = Some(match why {
                    browser::Refused::TooLarge(size) => import::too_large(&names[i], size),
                    browser::Refused::Unreadable(reason) => import::unreadable(&names[i], &reason),
                });
                batch.tick().await;
            }
        }
    }
    let (mut reports, texts): (Vec<FileReport>, Vec<(String, String)>) = assessed.into_iter().flatten().unzip();
    reports.extend(refused.into_iter().flatten());
    hand_over(batch, texts, reports, base, true).await;
}

/// The import section.
pub(super) fn import_section(m: &RekapModel, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let add_files = {
        let (rubric, on, base) = (m.rubric.0.clone(), on.clone(), Base::of(m));
        Callback::from(move |dropped: Vec<Dropped>| {
            wasm_bindgen_futures::spawn_local(add(rubric.clone(), dropped, base.clone(), on.clone()));
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
            if let Some((done, all)) = m.progress_shown() {
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
