//! The officer's page: rubric choice, drafts, agency profile, one generated form per eligible
//! category with its live score, the overview, export and opening a file. Side effects
//! (autosave, files, downloads, clock, ids) happen here through `browser.rs`; the state
//! changes in `state.rs`; everything scored or checked comes from `ampk-core`.

use super::category::CategorySection;
use crate::browser::{self, Fetched, StorageError};
use crate::components::{
    class, deps, rubric_badge, rubric_summary, ErrorSummary, InputField, Keep, RubricRef, SummaryItem,
};
use crate::i18n::problem;
use crate::state::{Action, Field, Model, MoveSummary, Published};
use ampk_core::draft::{self, Assessment, Draft, DraftEntry, Feedback};
use ampk_core::officer::{Reply, Request};
use ampk_core::rubric::{self, Status};
use ampk_core::submission;
use ampk_core::{fmt, Lang, Problem, ProblemCode};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Known Kalimantan Selatan agencies, offered as suggestions (any name is allowed).
const KNOWN_AGENCIES: &[&str] = &[
    "Dinas Komunikasi dan Informatika Provinsi Kalimantan Selatan",
    "Badan Kepegawaian Daerah Provinsi Kalimantan Selatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Selatan",
    "Dinas Perumahan dan Kawasan Permukiman Provinsi Kalimantan Selatan",
    "Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Selatan",
    "Dinas Kesehatan Provinsi Kalimantan Selatan",
    "Dinas Sosial Provinsi Kalimantan Selatan",
    "Dinas Perhubungan Provinsi Kalimantan Selatan",
    "Dinas Pariwisata Provinsi Kalimantan Selatan",
    "Badan Pendapatan Daerah Provinsi Kalimantan Selatan",
    "Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Selatan",
    "Inspektorat Provinsi Kalimantan Selatan",
    "RSUD Ulin Banjarmasin",
    "Pemerintah Kota Banjarmasin",
    "Pemerintah Kota Banjarbaru",
    "Pemerintah Kabupaten Banjar",
    "Pemerintah Kabupaten Tanah Laut",
    "Pemerintah Kabupaten Tabalong",
];

/// The `maxlength` of text fields: the longest text a submission file may hold (in characters).
/// The export, read back in the worker, reports anything longer (e.g. set by a script).
pub fn max_text() -> String {
    submission::MAX_STRING.to_string()
}

/// Loads the starting state: the rubric in use and the current draft (or a new one).
///
/// The rubric in use is the officer's own choice, else the published rubric last found valid
/// here, else the built-in model; [`check_published`] then asks the host what it publishes now.
/// A rubric remembered here was validated (in the worker) when it was first used and is kept
/// with its fingerprint and its pack, so it is only unpacked. One remembered without a
/// fingerprint or a pack (by an earlier version of the kit) is validated and packed again by
/// [`revalidate_saved_rubric`]; until then the model is in use, and no draft is shown or moved
/// (`Model::rubric_pending`).
pub fn initial_model(lang: Lang) -> Model {
    let own = browser::saved_rubric().zip(browser::saved_rubric_sha256());
    // An own rubric remembered by an earlier kit was kept only as the choice: keep its text by
    // fingerprint too, so that drafts made with it can still be moved and exported once the
    // choice gives way to a published rubric.
    if let Some((text, sha)) = &own {
        if browser::rubric_text(sha).is_none() {
            let _ = browser::keep_rubric_text(sha, text);
        }
    }
    let kept = own.or_else(browser::saved_published);
    let packed = kept.as_ref().and_then(|(text, sha)| Some((browser::packed_rubric(sha)?, text.clone())));
    // Kept without its pack (or an own rubric without its fingerprint): packed again by
    // `revalidate_saved_rubric`; meanwhile no draft is shown or moved.
    let rubric_pending = packed.is_none() && (kept.is_some() || browser::saved_rubric().is_some());
    let (rubric, rubric_text) = match packed {
        Some((r, text)) => (r, Some(Rc::from(text))),
        None => (browser::model_rubric(), None),
    };
    let mut draft = browser::current_draft().unwrap_or_else(|| new_draft(&rubric, lang));
    // Saved by an earlier kit: made with the rubric it was scored with then.
    if draft.rubric_sha256.is_empty() {
        draft.rubric_sha256 = rubric.sha256.clone();
    }
    Model {
        lang,
        rubric: RubricRef(Rc::new(rubric)),
        rubric_text,
        draft,
        revision: 0,
        page_revision: 0,
        rubric_problems: Vec::new(),
        open_problems: Vec::new(),
        export_problems: Vec::new(),
        feedback_problems: Vec::new(),
        notice: None,
        published: Published::Checking,
        moved: None,
        rubric_pending,
    }
}

/// Validates an official rubric file the officer chose in the worker; when valid, remembers it
/// (with its pack) as the officer's own choice (it holds until the published rubric changes)
/// and uses it.
fn use_rubric_file(bytes: Vec<u8>, on_action: Callback<Action>) {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    browser::officer_task(&Request::Rubric, Some(&bytes), move |reply| match reply {
        Reply::Rubric { sha256, pack } => {
            let Some(r) = unpacked(&sha256, &pack, &on_action) else { return };
            let _ = browser::save_rubric(Some((&text, &sha256)));
            let _ = browser::keep_rubric_text(&sha256, &text);
            browser::set_choice_overrides(browser::saved_published().map(|(_, sha)| sha).as_deref());
            on_action.emit(Action::UseRubric(RubricRef(Rc::new(r)), Some(Rc::from(text))));
        }
        Reply::Problems(p) => on_action.emit(Action::RubricProblems(p)),
        _ => {}
    });
}

/// The rubric of a pack the worker made, kept under its fingerprint; a pack the page cannot
/// read (a worker of another version) is reported as the worker failing.
fn unpacked(sha256: &str, pack: &str, on_action: &Callback<Action>) -> Option<rubric::Rubric> {
    match rubric::unpack(pack).filter(|r| r.sha256 == sha256) {
        Some(r) => {
            let _ = browser::keep_pack(sha256, pack);
            Some(r)
        }
        None => {
            on_action.emit(Action::RubricProblems(vec![crate::i18n::problem(ProblemCode::WorkerFailed, &|t| {
                t.officer_worker_failed("pack")
            })]));
            None
        }
    }
}

/// The rubric kept here (the officer's own choice, else the published rubric last found valid),
/// when [`initial_model`] found it kept by an earlier version of the kit without its
/// fingerprint or without its pack (`Model::rubric_pending`): validated and packed again, once,
/// in the worker. A rubric that is no longer valid is reported and the model stays in use.
pub fn revalidate_saved_rubric(on_action: Callback<Action>) {
    match (browser::saved_rubric(), browser::saved_rubric_sha256()) {
        (Some(text), None) => use_rubric_file(text.into_bytes(), on_action),
        (Some(text), Some(sha)) => repack(text, sha, true, on_action),
        (None, _) => {
            if let Some((text, sha)) = browser::saved_published() {
                repack(text, sha, false, on_action);
            }
        }
    }
}

/// Packs a kept rubric (`text`, fingerprint `sha`) again in the worker and uses it, if it is
/// still the rubric to use when the worker answers (the published rubric may have changed and
/// taken over meanwhile, see [`check_published`]).
fn repack(text: String, sha: String, own: bool, on_action: Callback<Action>) {
    let bytes = text.clone().into_bytes();
    browser::officer_task(&Request::Rubric, Some(&bytes), move |reply| match reply {
        Reply::Rubric { sha256, pack } if sha256 == sha => {
            let Some(r) = unpacked(&sha256, &pack, &on_action) else { return };
            let still = if own {
                browser::saved_rubric_sha256().as_deref() == Some(sha.as_str())
            } else {
                browser::saved_rubric().is_none() && browser::saved_published().is_some_and(|(_, s)| s == sha)
            };
            if still {
                on_action.emit(Action::UseRubric(RubricRef(Rc::new(r)), Some(Rc::from(text))));
            }
        }
        // The kept text is not the one its fingerprint names: it is loaded again by hand.
        Reply::Rubric { .. } => on_action.emit(Action::RubricProblems(rubric::unreadable())),
        Reply::Problems(p) => on_action.emit(Action::RubricProblems(p)),
        _ => {}
    });
}

/// Asks the host for its published rubric (`rubric.json` beside the page) and makes it the
/// rubric in use, unless the officer chose another since it was published. A published rubric
/// seen before is only unpacked; a new one (or one without its pack) is validated and packed in
/// the worker first. A broken one is reported and nothing falls back silently.
pub fn check_published(on_action: Callback<Action>) {
    wasm_bindgen_futures::spawn_local(async move {
        match browser::fetch_published().await {
            Fetched::Missing => {
                // No longer published: the model again, unless the officer chose a rubric.
                let was_published = browser::saved_published().is_some();
                browser::save_published(None);
                if was_published && browser::saved_rubric().is_none() {
                    on_action.emit(Action::UseRubric(RubricRef(Rc::new(browser::model_rubric())), None));
                }
                on_action.emit(Action::Published(Published::None));
            }
            Fetched::Unreachable(status) => on_action.emit(Action::Published(Published::Unreachable(status))),
            Fetched::Text { text, kept_at } => {
                let known = browser::saved_published()
                    .filter(|(known, _)| *known == text)
                    .and_then(|(_, sha)| Some((browser::packed_rubric(&sha)?, sha)));
                match known {
                    Some((r, sha)) => adopt_published(text, sha, r, kept_at, &on_action),
                    None => {
                        let bytes = text.clone().into_bytes();
                        browser::officer_task(&Request::Rubric, Some(&bytes), move |reply| match reply {
                            Reply::Rubric { sha256, pack } => match unpacked(&sha256, &pack, &on_action) {
                                Some(r) => adopt_published(text, sha256, r, kept_at, &on_action),
                                // Not checked (the worker's answer is unreadable), so not called broken.
                                None => on_action.emit(Action::Published(Published::Unreachable(0))),
                            },
                            // The worker could not run: the file was not checked, so it is not
                            // called broken.
                            Reply::Problems(p) if p.iter().any(|p| p.code == ProblemCode::WorkerFailed) => {
                                on_action.emit(Action::Published(Published::Unreachable(0)))
                            }
                            Reply::Problems(p) => on_action.emit(Action::Published(Published::Broken(p))),
                            _ => {}
                        });
                    }
                }
            }
        }
    });
}

fn adopt_published(
    text: String,
    sha: String,
    r: rubric::Rubric,
    kept_at: Option<String>,
    on_action: &Callback<Action>,
) {
    let r = RubricRef(Rc::new(r));
    let _ = browser::keep_rubric_text(&sha, &text);
    browser::save_published(Some(&sha));
    let text: Rc<str> = Rc::from(text);
    let own_choice_holds = browser::saved_rubric_sha256().is_some() && browser::choice_overrides() == Some(sha);
    if !own_choice_holds {
        let _ = browser::save_rubric(None);
        browser::set_choice_overrides(None);
        on_action.emit(Action::UseRubric(r.clone(), Some(text.clone())));
    }
    on_action.emit(Action::Published(Published::Official { rubric: r, text, kept_at }));
}

/// Moves `d` to the rubric in use (`to`), as a new draft: in the worker, which copies every
/// entry the new rubric still has and lists what changed. The original stays as it is. A copy
/// moved to that rubric before is opened instead of making another.
fn move_draft(d: Draft, to: &RubricRef, to_text: Option<Rc<str>>, lang: Lang, on_action: Callback<Action>) {
    let t = lang.texts();
    let earlier = browser::list_drafts().into_iter().find(|x| x.moved_from == d.local_id && x.rubric == to.0.sha256);
    if let Some(copy) = earlier.and_then(|x| browser::load_draft(&x.id)) {
        on_action.emit(Action::OpenDraft(Box::new(copy)));
        on_action.emit(Action::Notice(Some(t.moved_copy_opened().to_string())));
        return;
    }
    // The old rubric's text: the model is built in; an official one was kept when it was used.
    // When it is lost, the entries are carried over by the new rubric's rules alone.
    let from = if d.rubric_sha256 == rubric::MODEL_RUBRIC_SHA256 {
        None
    } else {
        browser::rubric_text(&d.rubric_sha256).or_else(|| to_text.as_deref().map(str::to_string))
    };
    let request = Request::Migrate {
        from,
        to: to_text.as_deref().map(str::to_string),
        lang,
        draft: Box::new(d.clone()),
        local_id: browser::new_uuid(),
        name: t.moved_draft_name(&d.name, to.0.file.title.get(lang)),
        now: browser::now(),
    };
    browser::officer_task(&request, None, move |reply| match reply {
        Reply::Migrated { draft, from, changes, dropped } => {
            let summary = MoveSummary { from_name: d.name.clone(), from_rubric: from, changes, dropped };
            on_action.emit(Action::Moved { from: d.local_id.clone(), draft, summary: Box::new(summary) });
        }
        Reply::Problems(p) => on_action.emit(Action::RubricProblems(p)),
        _ => {}
    });
}

/// A new, empty draft, named "untitled" in `lang`.
fn new_draft(r: &rubric::Rubric, lang: Lang) -> Draft {
    let name = lang.texts().drafts_untitled();
    Draft::new(r, &browser::new_uuid(), &browser::new_uuid(), name, &browser::now())
}

/// Problems that only say something is not filled in yet: shown once export is attempted.
fn is_missing(p: &Problem, d: &Draft) -> bool {
    match p.code {
        ProblemCode::MissingInput | ProblemCode::AgencyTypeMissing | ProblemCode::NoCategories => true,
        ProblemCode::AgencyNameLength => d.agency_name.trim().is_empty(),
        ProblemCode::OfficerName => d.officer_name.trim().is_empty(),
        // A UPTD's parent that is only not typed yet (a wrong one is another problem).
        ProblemCode::ParentRequired => d.parent.trim().is_empty(),
        _ => false,
    }
}

fn shown<'a>(problems: impl Iterator<Item = &'a Problem>, d: &Draft, attempted: bool) -> Vec<&'a Problem> {
    problems.filter(|p| attempted || !is_missing(p, d)).collect()
}

/// The start of the page's yes/no states: one function for all, so the state hook's code is
/// one copy for them (each closure would be a type of its own, with its own copy).
pub(super) fn off() -> bool {
    false
}

#[derive(Properties, PartialEq)]
pub struct OfficerPageProps {
    pub model: UseReducerHandle<Model>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn OfficerPage(props: &OfficerPageProps) -> Html {
    let m: &Model = &props.model;
    let lang = m.lang;
    let t = lang.texts();
    let r = m.rubric.0.clone();
    let d = &m.draft;
    // Made again in another language too: problems carry their messages in every language,
    // and another language's texts may have arrived since (`browser::load_texts`).
    let assessment = use_memo((m.rubric.clone(), m.revision, m.lang), |(r, _, _)| draft::assess(&r.0, d));
    // Parsed once per feedback text, and shared by identity with the categories' forms.
    let fb = use_memo(d.feedback.clone(), |text| Feedback::parse(text).map(Rc::new));
    let fb: &Option<Rc<Feedback>> = &fb;
    let attempted = use_state(off);
    // Storage: its status (a write failed, or went to `localStorage` only) and whether the
    // browser will keep the data when space runs short (shown in the drafts panel; `None` until
    // it says). One state, not two: each state's type is its own copy of the hook's code.
    let storage = use_state(|| (browser::storage_status(), None::<bool>));
    let drafts = use_state(browser::list_drafts);

    // Autosave: a change is saved at most 150 ms after it (not on the keystroke itself: the
    // serialisation and the write wait for a quiet moment), committed to disk at once, and saved
    // again at once when the page is hidden.
    {
        let (storage, drafts, model) = (storage.clone(), drafts.clone(), props.model.clone());
        use_effect_with(m.revision, move |_| {
            browser::save_draft_soon(
                move || model.draft.clone(),
                move |result| {
                    if storage.0 != result {
                        storage.set((result, storage.1));
                    }
                    let list = browser::list_drafts();
                    if *drafts != list {
                        drafts.set(list);
                    }
                },
            );
        });
    }
    let printing = use_state(off);
    {
        let (persisted, storage, print) = (storage.clone(), storage.clone(), printing.clone());
        use_effect_with((), move |_| {
            browser::on_print(move |p| print.set(p));
            wasm_bindgen_futures::spawn_local(async move {
                let kept = browser::persistence().await;
                persisted.set((persisted.0.clone(), Some(kept)));
            });
            browser::on_storage_change(move |e| storage.set((e, storage.1)));
            browser::on_page_hide(browser::flush_on_hide);
        });
    }

    // A draft made with another rubric than the one in use is moved to it (as a new draft) before
    // it is shown; meanwhile the form is not shown, so nothing typed can be lost. Not while the
    // published rubric is broken: then nothing is moved or scored.
    let broken = matches!(m.published, Published::Broken(_));
    let moving = d.rubric_sha256 != r.sha256 && !broken && !m.rubric_pending;
    // Asked once per draft, rubric and attempt: a failed move (the worker could not run) is
    // shown with its problems and tried again only when the officer asks.
    let attempt = use_state(|| 0u32);
    {
        let asked = use_mut_ref(String::new);
        let (on_action, rubric, text, lang) = (props.on_action.clone(), m.rubric.clone(), m.rubric_text.clone(), lang);
        // The draft is compared (and cloned) only while it must move: not on every keystroke.
        use_effect_with((moving.then(|| d.clone()), *attempt), move |(pending, attempt)| {
            let Some(d) = pending else { return };
            let key = format!("{}>{}#{attempt}", d.local_id, rubric.0.sha256);
            if *asked.borrow() != key {
                *asked.borrow_mut() = key;
                move_draft(d.clone(), &rubric, text, lang, on_action);
            }
        });
    }

    let changed_since_export = d.exported_digest.as_ref().is_some_and(|k| *k != draft::export_key(&r, d));
    let summary: Vec<SummaryItem> = m
        .export_problems
        .iter()
        .chain(shown(assessment.blocking().into_iter(), d, *attempted))
        .map(|p| SummaryItem {
            field: draft::field_of(&p.path).map(|f| focus_target(&r, &f)),
            message: p.message(lang).to_string(),
        })
        .chain(feedback_summary(fb.as_deref(), d, lang))
        .collect();

    let on_export = {
        // The model, not a copy of its draft: this closure is made on every keystroke.
        let (model, a, rubric) =
            (props.model.clone(), assessment.clone(), (m.rubric.0.sha256.clone(), m.rubric_text.clone()));
        let (on_action, attempted) = (props.on_action.clone(), attempted.clone());
        Callback::from(move |_: MouseEvent| {
            let d = &model.draft;
            attempted.set(true);
            if !a.exportable() {
                browser::focus("error-summary");
                return;
            }
            let now = browser::now();
            // Resolved only now: the rubric's text is large, and this closure is made on every change.
            let rubric_text = draft_rubric_text(&d.rubric_sha256, &rubric.0, rubric.1.as_deref());
            let request = Request::Export { rubric: rubric_text, draft: Box::new(d.clone()), now: now.clone() };
            let on_action = on_action.clone();
            // The file is written, and read back as the coordinator will, in the worker.
            browser::officer_task(&request, None, move |reply| match reply {
                Reply::File { name, text, key } => {
                    match browser::download(&name, "application/json", text.as_bytes()) {
                        Ok(()) => {
                            on_action.emit(Action::Exported { at: now, key });
                            let notice = format!("{} ({name})", lang.texts().officer_exported());
                            on_action.emit(Action::Notice(Some(notice)));
                        }
                        Err(_) => on_action
                            .emit(Action::ExportProblems(vec![problem(ProblemCode::DownloadFailed, &|t| {
                                t.officer_download_failed().to_string()
                            })])),
                    }
                }
                Reply::Problems(p) => {
                    on_action.emit(Action::ExportProblems(p));
                    browser::focus("error-summary");
                }
                _ => {}
            });
        })
    };

    html! {
        <>
            <ErrorSummary title={t.error_summary_title()} items={summary} />
            if let Err(e) = &storage.0 {
                <div class="warning-banner" role="alert" data-testid="storage-warning">
                    { match e {
                        StorageError::Full => t.drafts_storage_full(),
                        StorageError::Fallback => t.drafts_storage_fallback(),
                        StorageError::Unavailable => t.drafts_storage_unavailable(),
                    } }
                </div>
            }
            if let Some(n) = &m.notice {
                <div class="notice" role="status">{ n }</div>
            }
            if let Published::Broken(problems) = &m.published {
                { broken_published(m, problems, on_export) }
            } else {
                { officer_form(&props.model, (fb, *printing), &props.on_action, (&drafts, storage.1), &assessment, *attempted, changed_since_export, moving, on_export, &attempt) }
            }
        </>
    }
}

/// The page when the published rubric is broken: what is wrong with it, who must fix it, and
/// the export of the open draft with the rubric it was made with (drafts stay untouched).
fn broken_published(m: &Model, problems: &[Problem], on_export: Callback<MouseEvent>) -> Html {
    let t = m.lang.texts();
    html! {
        <section class="section broken-rubric" aria-labelledby="broken-title" data-testid="published-broken">
            <h1 id="broken-title">{ t.published_broken_title() }</h1>
            <p>{ t.published_broken_why() }</p>
            { problem_list(t.published_broken_problems(), problems, m.lang, "published-problems") }
            <p><strong>{ t.published_broken_admin() }</strong></p>
            <p>{ t.published_broken_drafts() }</p>
            <div class="button-row">
                <button type="button" class="button-secondary" data-testid="export" onclick={on_export}>
                    { t.published_broken_export(&m.draft.name) }
                </button>
            </div>
            { problem_list(t.officer_export_blocked(), &m.export_problems, m.lang, "export-problems") }
        </section>
    }
}

/// The text of the rubric the open draft was made with (`None`: the built-in model).
fn draft_rubric_text(sha: &str, in_use: &str, in_use_text: Option<&str>) -> Option<String> {
    if sha == in_use {
        in_use_text.map(str::to_string)
    } else if sha == rubric::MODEL_RUBRIC_SHA256 {
        None
    } else {
        browser::rubric_text(sha)
    }
}

/// What a draft's move to the rubric in use changed, until the officer closes it.
fn moved_summary(m: &Model, s: &MoveSummary, on_action: &Callback<Action>) -> Html {
    let t = m.lang.texts();
    let close = on_action.reform(|_: MouseEvent| Action::CloseMoved);
    let title = m.rubric.0.file.title.get(m.lang);
    html! {
        <section class="section moved" aria-labelledby="moved-title" data-testid="migration-summary">
            <h2 id="moved-title">{ t.moved_title(title) }</h2>
            <p>{ t.moved_original_kept(&s.from_name, &s.from_rubric) }</p>
            <h3>{ t.moved_changes() }</h3>
            { lines(&s.changes, "migration-change", t.moved_no_changes()) }
            <h3>{ t.moved_dropped() }</h3>
            { lines(&s.dropped, "migration-dropped", t.moved_none_dropped()) }
            <button type="button" class="button-secondary" data-testid="migration-close" onclick={close}>
                { t.moved_close() }
            </button>
        </section>
    }
}

/// A list of plain lines, each item with `testid`; `empty` when there are none.
fn lines(items: &[String], testid: &'static str, empty: &str) -> Html {
    if items.is_empty() {
        return html! { <p>{ empty }</p> };
    }
    html! { <ul>{ for items.iter().map(|l| html! { <li data-testid={testid}>{ l }</li> }) }</ul> }
}

/// The officer's page when its rubric can be used: rubric, drafts, profile, the categories'
/// forms and the export.
#[allow(clippy::too_many_arguments)]
fn officer_form(
    m: &UseReducerHandle<Model>,
    (fb, printing): (&Option<Rc<Feedback>>, bool),
    on_action: &Callback<Action>,
    (drafts, persisted): (&UseStateHandle<Vec<browser::DraftMeta>>, Option<bool>),
    assessment: &Rc<Assessment>,
    attempted: bool,
    changed_since_export: bool,
    moving: bool,
    on_export: Callback<MouseEvent>,
    attempt: &UseStateHandle<u32>,
) -> Html {
    let (t, r) = (m.lang.texts(), &m.rubric.0);
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    // Redrawn only when something but a category's entries changed (or the drafts list, the
    // storage's answer or the export's currency did): not on a keystroke in a category.
    let list = drafts.iter().flat_map(|x| [x.id.as_bytes(), x.name.as_bytes(), x.agency.as_bytes()]);
    let top = deps(list.chain([
        &m.page_revision.to_le_bytes()[..],
        &[u8::from(changed_since_export)],
        &[persisted.map_or(2, u8::from)],
    ]));
    let view = {
        let (m, on_action, drafts) = (m.clone(), on_action.clone(), drafts.clone());
        Rc::new(move || {
            html! {
                <>
                    { rubric_panel(&m, &on_action) }
                    if let Some(s) = &m.moved {
                        { moved_summary(&m, s, &on_action) }
                    }
                    { drafts_panel(&m, (&drafts, persisted), &on_action, changed_since_export) }
                </>
            }
        }) as Rc<dyn Fn() -> Html>
    };
    html! {
        <>
            <Keep deps={top} {view} />
            if m.rubric_pending {
                <p class="notice" role="status" data-testid="rubric-pending">{ t.rubric_preparing() }</p>
            } else if moving {
                <p class="notice" role="status" data-testid="moving">{ t.moved_in_progress(r.file.title.get(m.lang)) }</p>
                if !m.rubric_problems.is_empty() {
                    <button type="button" class="button-secondary" data-testid="moving-retry" onclick={retry}>
                        { t.moved_retry() }
                    </button>
                }
            } else {
                { officer_fields(m, (fb, printing), on_action, assessment, attempted, on_export) }
            }
        </>
    }
}

/// The profile, the categories' forms and the export.
fn officer_fields(
    m: &UseReducerHandle<Model>,
    (fb, printing): (&Option<Rc<Feedback>>, bool),
    on_action: &Callback<Action>,
    assessment: &Rc<Assessment>,
    attempted: bool,
    on_export: Callback<MouseEvent>,
) -> Html {
    let (t, d, r) = (m.lang.texts(), &m.draft, &m.rubric.0);
    // The profile's problems are the profile's own: a category's entries cannot change them.
    let profile = {
        let (m, a, on_action) = (m.clone(), assessment.clone(), on_action.clone());
        Rc::new(move || profile_section(&m, &a, attempted, &on_action)) as Rc<dyn Fn() -> Html>
    };
    html! {
        <>
            if let Some(f) = fb.as_deref() {
                { feedback_banner(m, f) }
            }
            <Keep deps={deps([&m.page_revision.to_le_bytes()[..], &[u8::from(attempted)]])} view={profile} />
            if rubric_type_known(r, &d.agency_type) {
                { overview(m, assessment) }
                { for assessment.categories.iter().map(|st| category(m, fb, st, attempted, on_action)) }
            } else {
                <p class="inset">{ t.profile_choose_type_first() }</p>
            }
            <section class="section export" aria-labelledby="export-title">
                <h2 id="export-title">{ t.officer_export_title() }</h2>
                { jury_slider(m, on_action) }
                if !assessment.exportable() && attempted {
                    <p class="error-message">{ t.officer_export_blocked() }</p>
                }
                <div class="button-row">
                    <button type="button" class="button" data-testid="export" onclick={on_export}>
                        { t.officer_export() }
                    </button>
                    <button type="button" class="button-secondary" onclick={|_: MouseEvent| browser::print()}>
                        { t.print_button() }
                    </button>
                </div>
                { open_file(m, on_action, false) }
                { open_file(m, on_action, true) }
            </section>
            if printing {
                { print_view(m, assessment) }
            }
        </>
    }
}

fn rubric_type_known(r: &rubric::Rubric, t: &str) -> bool {
    r.file.agency_types.iter().any(|a| a.id == t)
}

/// Where a summary link should move focus: the first radio of a checklist item group, the
/// field itself otherwise.
fn focus_target(r: &rubric::Rubric, field: &str) -> String {
    let mut parts = field.splitn(2, '.');
    let (cat, input) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let def = r.category_index(cat).and_then(|c| r.file.categories[c].inputs.iter().find(|i| i.id == input));
    match def.and_then(|d| d.items.as_ref()).and_then(|items| items.first()) {
        Some(item) => format!("{field}.{}.yes", item.id),
        None => field.to_string(),
    }
}

fn rubric_panel(m: &Model, on_action: &Callback<Action>) -> Html {
    let t = m.lang.texts();
    let r = &m.rubric.0;
    let onchange = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let on_action = on_action.clone();
            if let Some(file) = browser::take_files(&input).into_iter().next() {
                wasm_bindgen_futures::spawn_local(async move {
                    match browser::read_file(&file, rubric::MAX_RUBRIC_BYTES).await {
                        Ok(bytes) => use_rubric_file(bytes, on_action),
                        Err(size) => on_action
                            .emit(Action::RubricProblems(vec![problem(ProblemCode::TooLarge, &|t| {
                                t.rubric_too_large(rubric::MAX_RUBRIC_BYTES, size)
                            })])),
                    }
                });
            }
        })
    };
    // The default: the published rubric, else the built-in model.
    let published = match &m.published {
        Published::Official { rubric, text, .. } => Some((rubric.clone(), text.clone())),
        _ => None,
    };
    let is_published = published.as_ref().is_some_and(|(p, _)| p.0.sha256 == r.sha256);
    let use_default = {
        let (on_action, published) = (on_action.clone(), published.clone());
        Callback::from(move |_: MouseEvent| {
            let _ = browser::save_rubric(None);
            browser::set_choice_overrides(None);
            on_action.emit(match &published {
                Some((p, text)) => Action::UseRubric(p.clone(), Some(text.clone())),
                None => Action::UseRubric(RubricRef(Rc::new(browser::model_rubric())), None),
            });
        })
    };
    let (source, source_text) = if is_published {
        ("published", t.rubric_source_published())
    } else if r.sha256 == rubric::MODEL_RUBRIC_SHA256 {
        ("model", t.rubric_source_model())
    } else {
        ("own", t.rubric_source_own())
    };
    // At most one note on where the rubric comes from: offline copy, fetch failed, or the
    // officer's own rubric beside a published one.
    let note = match (&m.published, &published) {
        (Published::Official { kept_at: Some(at), .. }, _) if is_published => {
            let at = at.replace('T', " ");
            Some(("kept", t.rubric_kept_copy(at.get(..16).unwrap_or(&at))))
        }
        (Published::Unreachable(status), _) => Some(("unreachable", t.published_unreachable(status))),
        (_, Some((p, _))) if !is_published => {
            Some(("differs", t.rubric_differs_from_published(p.0.file.title.get(m.lang))))
        }
        _ => None,
    };
    // Back to the default: the published rubric, else the model (when another is in use).
    let back = match &published {
        Some(_) if !is_published => Some(t.rubric_use_published()),
        None if r.sha256 != rubric::MODEL_RUBRIC_SHA256 => Some(t.rubric_use_builtin()),
        _ => None,
    };
    html! {
        <section class="section rubric-panel" aria-labelledby="rubric-title">
            <h1 id="rubric-title" data-testid="rubric-title">{ r.file.title.get(m.lang) }</h1>
            { rubric_badge(r.file.status, m.lang) }
            <p class="hint" data-testid="rubric-source" data-source={source}>
                { source_text }{ " · " }{ t.rubric_short_fingerprint() }{ " " }
                <code data-testid="rubric-fingerprint">{ r.sha256.get(..12).unwrap_or(&r.sha256) }</code>
            </p>
            if let Some((kind, text)) = note {
                <p class="warning-text" data-testid="rubric-note" data-note={kind}>{ text }</p>
            }
            <div class="field">
                <label class="label" for="load-rubric">{ t.rubric_load() }</label>
                <p class="hint" id="load-rubric-hint">{ t.rubric_load_hint() }</p>
                <input type="file" id="load-rubric" data-testid="load-rubric" accept=".json,application/json"
                    aria-describedby="load-rubric-hint" {onchange} />
                if let Some(label) = back {
                    <button type="button" class="button-secondary" data-testid="use-default" onclick={use_default}>
                        { label }
                    </button>
                }
            </div>
            { problem_list(t.rubric_unusable(), &m.rubric_problems, m.lang, "rubric-problems") }
            <details class="details">
                <summary>{ t.rubric_about() }</summary>
                { rubric_summary(r, m.lang) }
            </details>
        </section>
    }
}

fn drafts_panel(
    m: &Model,
    (drafts, persisted): (&UseStateHandle<Vec<browser::DraftMeta>>, Option<bool>),
    on_action: &Callback<Action>,
    changed: bool,
) -> Html {
    let list: &[browser::DraftMeta] = drafts;
    let t = m.lang.texts();
    let d = &m.draft;
    let r = m.rubric.0.clone();
    let rename = field_cb(on_action, Field::DraftName);
    let new = {
        let (on_action, r, lang) = (on_action.clone(), r.clone(), m.lang);
        Callback::from(move |_: MouseEvent| on_action.emit(Action::OpenDraft(Box::new(new_draft(&r, lang)))))
    };
    let duplicate = {
        // An action, not a copy made here: this panel is kept across keystrokes, so a copy of
        // its draft would miss what was typed since (the reducer copies the draft as it is).
        let (on_action, copy_of) = (on_action.clone(), format!("{} {}", t.drafts_copy_of(), d.name));
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::Duplicate {
                local_id: browser::new_uuid(),
                submission_id: browser::new_uuid(),
                name: copy_of.clone(),
            })
        })
    };
    html! {
        <section class="section drafts" aria-labelledby="drafts-title">
            <h2 id="drafts-title">{ t.drafts_title() }</h2>
            <div class="field">
                <label class="label" for="draft.name">{ t.drafts_name() }</label>
                <input class="input" id="draft.name" name="draft.name" type="text" value={d.name.clone()}
                    oninput={rename} />
            </div>
            <p class="hint">
                { t.drafts_saved_auto() }{ " " }
                { match &d.last_exported_at {
                    Some(at) => format!("{} {}.", t.drafts_last_exported(), at.replace('T', " ").replace('Z', " UTC")),
                    None => t.drafts_never_exported().to_string(),
                } }
            </p>
            if let Some(kept) = persisted {
                <p class="hint" data-testid="storage-persisted" data-persisted={kept.to_string()}>
                    { if kept { t.drafts_persisted() } else { t.drafts_not_persisted() } }
                </p>
            }
            if changed {
                <p class="warning-text" data-testid="changed-since-export">{ t.drafts_changed_since_export() }</p>
            }
            <div class="button-row">
                <button type="button" class="button-secondary" onclick={new}>{ t.drafts_new() }</button>
                <button type="button" class="button-secondary" onclick={duplicate}>{ t.drafts_duplicate() }</button>
            </div>
            if list.len() > 1 {
                <table class="table drafts-list">
                    <thead><tr>
                        <th scope="col">{ t.drafts_name() }</th>
                        <th scope="col">{ t.profile_agency_name() }</th>
                        <th scope="col"><span class="visually-hidden">{ t.drafts_open() }</span></th>
                    </tr></thead>
                    <tbody>
                        { for list.iter().map(|meta| draft_row(m, meta, drafts, on_action)) }
                    </tbody>
                </table>
            }
        </section>
    }
}

/// A saved draft in the drafts list: open it (unless it is the open one) or delete it.
fn draft_row(
    m: &Model,
    meta: &browser::DraftMeta,
    drafts: &UseStateHandle<Vec<browser::DraftMeta>>,
    on_action: &Callback<Action>,
) -> Html {
    let t = m.lang.texts();
    let is_current = meta.id == m.draft.local_id;
    let open = {
        let (on_action, id) = (on_action.clone(), meta.id.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(dr) = browser::load_draft(&id) {
                on_action.emit(Action::OpenDraft(Box::new(dr)));
            }
        })
    };
    let delete = {
        let (on_action, id, r, drafts) = (on_action.clone(), meta.id.clone(), m.rubric.0.clone(), drafts.clone());
        let (msg, lang) = (t.drafts_confirm_delete(), m.lang);
        Callback::from(move |_: MouseEvent| {
            if browser::confirm(msg) {
                let _ = browser::delete_draft(&id);
                if is_current {
                    let next = browser::list_drafts().first().and_then(|m| browser::load_draft(&m.id));
                    on_action.emit(Action::OpenDraft(Box::new(next.unwrap_or_else(|| new_draft(&r, lang)))));
                } else {
                    // The open draft is unchanged, so autosave will not list the drafts again:
                    // do it here.
                    drafts.set(browser::list_drafts());
                    on_action.emit(Action::Notice(None));
                }
            }
        })
    };
    let current = if is_current { format!(" {}", t.drafts_current()) } else { String::new() };
    html! {
        <tr>
            <td>{ &meta.name }{ current }</td>
            <td>{ &meta.agency }</td>
            <td class="actions">
                if !is_current {
                    <button type="button" class="button-link" onclick={open}>
                        { format!("{} {}", t.drafts_open(), meta.name) }
                    </button>
                }
                <button type="button" class="button-link danger" onclick={delete}>
                    { format!("{} {}", t.drafts_delete(), meta.name) }
                </button>
            </td>
        </tr>
    }
}

fn field_cb(on_action: &Callback<Action>, f: Field) -> Callback<InputEvent> {
    let on_action = on_action.clone();
    Callback::from(move |e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        on_action.emit(Action::SetField(f, el.value()));
    })
}

/// The problems shown for a profile field. Only the profile's own: a category's entries cannot
/// change them (the profile is kept across keystrokes in a category), and a category whose id
/// looks like a profile field (`agency`) must not put its problems there.
fn errors_for<'a>(a: &'a Assessment, field: &str, d: &Draft, attempted: bool) -> Vec<&'a Problem> {
    shown(a.profile.iter(), d, attempted)
        .into_iter()
        .filter(|p| draft::field_of(&p.path).as_deref() == Some(field))
        .collect()
}

/// A text field of the profile: the draft field it edits, its element id (also its form name),
/// label and hint, input type, whether it may stay empty, and a list of suggestions.
struct TextField {
    field: Field,
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    kind: &'static str,
    optional: bool,
    list: Option<&'static str>,
}

impl TextField {
    fn new(field: Field, id: &'static str, label: &'static str) -> Self {
        TextField { field, id, label, hint: None, kind: "text", optional: false, list: None }
    }

    fn hint(self, hint: &'static str) -> Self {
        TextField { hint: Some(hint), ..self }
    }

    fn kind(self, kind: &'static str) -> Self {
        TextField { kind, ..self }
    }

    fn optional(self, optional: bool) -> Self {
        TextField { optional, ..self }
    }

    /// Suggests the known agencies.
    fn agencies(self) -> Self {
        TextField { list: Some("known-agencies"), ..self }
    }
}

fn text_field(m: &Model, f: &TextField, value: &str, errors: &[&Problem], on_action: &Callback<Action>) -> Html {
    let (t, lang) = (m.lang.texts(), m.lang);
    let has_error = !errors.is_empty();
    let hint_id = format!("{}-hint", f.id);
    let optional = if f.optional { format!(" {}", t.profile_optional()) } else { String::new() };
    html! {
        <div class={class("field", has_error.then_some("field-error"))}>
            <label class="label" for={f.id}>{ f.label }{ optional }</label>
            if let Some(h) = f.hint {
                <p class="hint" id={hint_id.clone()}>{ h }</p>
            }
            { for errors.iter().map(|p| html! { <p class="error-message">{ p.message(lang) }</p> }) }
            <input class={class("input", has_error.then_some("input-error"))} id={f.id} name={f.id} type={f.kind}
                value={value.to_string()} list={f.list} maxlength={max_text()}
                aria-describedby={f.hint.map(|_| hint_id)} oninput={field_cb(on_action, f.field)} />
        </div>
    }
}

fn profile_section(m: &Model, a: &Assessment, attempted: bool, on_action: &Callback<Action>) -> Html {
    let (t, lang, d, r) = (m.lang.texts(), m.lang, &m.draft, &m.rubric.0);
    let errs = |f: &str| errors_for(a, f, d, attempted);
    let text = |f: TextField, value: &str| text_field(m, &f, value, &errs(f.id), on_action);
    let on_type = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            on_action.emit(Action::SetField(Field::AgencyType, el.value()));
        })
    };
    let type_errors = errs("agency.type");
    let uptd = d.agency_type == "uptd";
    let name = TextField::new(Field::AgencyName, "agency.name", t.profile_agency_name())
        .hint(t.profile_agency_name_hint())
        .agencies();
    let parent =
        TextField::new(Field::Parent, "agency.parent", t.profile_parent()).hint(t.profile_parent_hint()).agencies();
    let officer = TextField::new(Field::OfficerName, "officer.name", t.profile_officer_name());
    let email = TextField::new(Field::OfficerEmail, "officer.email", t.profile_officer_email()).kind("email");
    let phone = TextField::new(Field::OfficerPhone, "officer.phone", t.profile_officer_phone()).kind("tel");
    let months = TextField::new(Field::Months, "months", t.profile_months()).hint(t.profile_months_hint());
    html! {
        <section class="section profile" aria-labelledby="profile-title">
            <h2 id="profile-title">{ t.profile_title() }</h2>
            <div class={class("field", (!type_errors.is_empty()).then_some("field-error"))}>
                <label class="label" for="agency.type">{ t.profile_agency_type() }</label>
                { for type_errors.iter().map(|p| html! { <p class="error-message">{ p.message(lang) }</p> }) }
                <select class="select" id="agency.type" name="agency.type" onchange={on_type}>
                    <option value="" selected={d.agency_type.is_empty()}>{ t.profile_choose() }</option>
                    { for r.file.agency_types.iter().map(|at| html! {
                        <option value={at.id.clone()} selected={at.id == d.agency_type}>{ at.label.get(lang) }</option>
                    }) }
                </select>
            </div>
            { text(name, &d.agency_name) }
            <datalist id="known-agencies">
                { for KNOWN_AGENCIES.iter().map(|n| html! { <option value={*n} /> }) }
            </datalist>
            if uptd || !d.parent.is_empty() {
                { text(parent.optional(!uptd), &d.parent) }
            }
            { text(officer, &d.officer_name) }
            { text(email.optional(true), &d.officer_email) }
            { text(phone.optional(true), &d.officer_phone) }
            { text(months, &d.months) }
        </section>
    }
}

fn overview(m: &Model, a: &Assessment) -> Html {
    let t = m.lang.texts();
    html! {
        <section class="section overview" aria-labelledby="overview-title">
            <h2 id="overview-title">{ t.overview_title() }</h2>
            <div class="table-scroll" role="region" aria-labelledby="overview-title" tabindex="0">
            <table class="table" data-testid="overview">
                <thead><tr>
                    <th scope="col">{ t.overview_category() }</th>
                    <th scope="col">{ t.overview_status() }</th>
                    <th scope="col" class="num">{ t.score_data() }</th>
                    <th scope="col">{ t.score_predicate() }</th>
                    <th scope="col" class="num">{ t.score_final_range() }</th>
                </tr></thead>
                <tbody>
                    { for a.categories.iter().map(|st| overview_row(m, st)) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// A category in the overview: its link, status, data score, predicate and final score range.
fn overview_row(m: &Model, st: &draft::CategoryState) -> Html {
    let (lang, r) = (m.lang, &m.rubric.0);
    let def = &r.file.categories[st.category];
    let range = format!(
        "{} – {}",
        fmt::score(st.card.final_score(r, 0.0), lang),
        fmt::score(st.card.final_score(r, 100.0), lang)
    );
    html! {
        <tr>
            <th scope="row">
                <a href={format!("#cat-{}", def.id)} onclick={jump(format!("cat-{}", def.id))}>
                    { def.label.get(lang) }
                </a>
            </th>
            <td>{ status_text(st, lang) }</td>
            <td class="num">{ fmt::score(st.card.data_score, lang) }</td>
            <td>{ st.card.predicate(r, lang) }</td>
            <td class="num">{ range }</td>
        </tr>
    }
}

/// A category's status: left out of the export, incomplete or complete.
pub(super) fn status_text(st: &draft::CategoryState, lang: Lang) -> &'static str {
    let t = lang.texts();
    if st.excluded {
        t.category_status_excluded()
    } else if st.incomplete {
        t.category_status_incomplete()
    } else {
        t.category_status_complete()
    }
}

fn jump(id: String) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        browser::focus(&id);
    })
}

/// A category's form, as a component that re-renders only when its own part of the draft, its
/// scores or its problems change.
fn category(
    m: &Model,
    fb: &Option<Rc<Feedback>>,
    st: &draft::CategoryState,
    attempted: bool,
    on_action: &Callback<Action>,
) -> Html {
    let (d, def) = (&m.draft, &m.rubric.0.file.categories[st.category]);
    let entry = d.categories.get(&def.id).cloned().unwrap_or_default();
    let errors: Vec<Problem> =
        shown(st.errors.iter(), d, attempted || entry_touched(&entry)).into_iter().cloned().collect();
    // Built by insertion (collecting into a B-tree would add the standard sort to the bundle).
    let mut responses = std::collections::BTreeMap::new();
    if fb.is_some() {
        let prefix = format!("{}.", def.id);
        for (k, v) in d.responses.iter().filter(|(k, _)| k.starts_with(&prefix)) {
            responses.insert(k.clone(), v.clone());
        }
    }
    html! {
        <CategorySection key={def.id.clone()} rubric={m.rubric.clone()} lang={m.lang} state={st.clone()} {entry} {errors}
            feedback={fb.clone()} {responses} jury={d.jury_estimate} on_action={on_action.clone()} />
    }
}

/// The `i`th input of a category, with the problems shown for it and for its evidence links
/// (also the rubric studio's preview of the form).
pub fn input_field(
    rubric: &RubricRef,
    lang: Lang,
    st: &draft::CategoryState,
    entry: &DraftEntry,
    shown_errors: &[&Problem],
    i: usize,
    on_action: &Callback<Action>,
) -> Html {
    let def = &rubric.0.file.categories[st.category];
    let input = &def.inputs[i];
    let field = format!("{}.{}", def.id, input.id);
    let errors: Vec<String> = shown_errors
        .iter()
        .filter(|p| draft::field_of(&p.path).as_deref() == Some(field.as_str()))
        .map(|p| p.message(lang).to_string())
        .collect();
    let link_errors: Vec<(usize, String)> = shown_errors
        .iter()
        .filter_map(|p| {
            let f = draft::field_of(&p.path)?;
            let n = f.strip_prefix(&format!("{field}.evidence."))?.parse().ok()?;
            Some((n, p.message(lang).to_string()))
        })
        .collect();
    let suffix = format!(".evidence.{}", input.id);
    let evidence_missing =
        st.warnings.iter().any(|w| w.code == ProblemCode::EvidenceMissing && w.path.ends_with(&suffix));
    html! {
        <InputField rubric={rubric.clone()} cat={st.category} input={i}
            raw={entry.inputs.get(&input.id).cloned()}
            links={entry.evidence.get(&input.id).cloned().unwrap_or_default()}
            {errors} {link_errors} {evidence_missing} lang={lang} on_action={on_action.clone()} />
    }
}

/// A category the officer has started filling: its problems show without waiting for export.
fn entry_touched(e: &DraftEntry) -> bool {
    e.inputs.len() > 1
}

fn jury_slider(m: &Model, on_action: &Callback<Action>) -> Html {
    let (t, lang) = (m.lang.texts(), m.lang);
    let oninput = {
        let on_action = on_action.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let v = el.value_as_number();
            if v.is_finite() {
                on_action.emit(Action::SetJury(v));
            }
        })
    };
    html! {
        <div class="field">
            <label class="label" for="jury-estimate">
                { format!("{}: {}", t.officer_jury_estimate(), fmt::number(m.draft.jury_estimate, lang, Some(0))) }
            </label>
            <input type="range" id="jury-estimate" name="jury_estimate" min="0" max="100" step="1"
                value={fmt::plain(m.draft.jury_estimate)} {oninput} />
        </div>
    }
}

/// Opening a file in the worker: a submission file (as a new draft) or, with `feedback`, a
/// feedback file (put with the stored draft of the same submission, or opened as the draft of
/// the submission it carries).
fn open_file(m: &Model, on_action: &Callback<Action>, feedback: bool) -> Html {
    let (t, lang) = (m.lang.texts(), m.lang);
    let rubric_text = m.rubric_text.clone();
    let problems = move |p| if feedback { Action::FeedbackProblems(p) } else { Action::OpenProblems(p) };
    let onchange = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let on_action = on_action.clone();
            let rubric = rubric_text.as_deref().map(str::to_string);
            if let Some(file) = browser::take_files(&input).into_iter().next() {
                let name = file.name();
                wasm_bindgen_futures::spawn_local(async move {
                    let max = if feedback { ampk_core::feedback::MAX_BYTES } else { submission::MAX_BYTES };
                    let bytes = match browser::read_file(&file, max).await {
                        Ok(b) => b,
                        Err(size) => {
                            return on_action.emit(problems(ampk_core::import::too_large(&name, size).reasons))
                        }
                    };
                    let (local_id, now) = (browser::new_uuid(), browser::now());
                    let request = if feedback {
                        // The stored drafts, most recently saved first: the worker puts the
                        // feedback with the one of the same submission.
                        let drafts = browser::list_drafts().into_iter().filter_map(|x| browser::load_draft(&x.id));
                        Request::OpenFeedback { rubric, lang, local_id, name, now, drafts: drafts.collect() }
                    } else {
                        Request::Open { rubric, lang, local_id, name, now }
                    };
                    browser::officer_task(&request, Some(&bytes), move |reply| match reply {
                        Reply::Draft(d) => {
                            let t = lang.texts();
                            let notice =
                                if feedback { t.feedback_opened(&d.name) } else { t.open_submission_done().into() };
                            on_action.emit(Action::OpenDraft(d));
                            on_action.emit(Action::Notice(Some(notice)));
                        }
                        Reply::Problems(p) => on_action.emit(problems(p)),
                        _ => {}
                    });
                });
            }
        })
    };
    let (id, label, hint, title, list, testid) = if feedback {
        (
            "open-feedback",
            t.feedback_open(),
            t.feedback_open_hint(),
            t.feedback_open_problems(),
            &m.feedback_problems,
            "feedback-problems",
        )
    } else {
        (
            "open-submission",
            t.open_submission(),
            t.open_submission_hint(),
            t.open_submission_problems(),
            &m.open_problems,
            "open-problems",
        )
    };
    let hint_id = format!("{id}-hint");
    html! {
        <div class="field">
            <label class="label" for={id}>{ label }</label>
            <p class="hint" id={hint_id.clone()}>{ hint }</p>
            <input type="file" {id} data-testid={id} accept=".json,application/json"
                aria-describedby={hint_id} {onchange} />
            { problem_list(title, list, lang, testid) }
        </div>
    }
}

/// A list of problems with their paths (a rubric or submission file that cannot be used).
fn problem_list(title: &str, problems: &[Problem], lang: Lang, testid: &'static str) -> Html {
    if problems.is_empty() {
        return Html::default();
    }
    html! {
        <div class="problem-list" role="alert" data-testid={testid}>
            <p><strong>{ title }</strong></p>
            <ul>
                { for problems.iter().map(|p| html! {
                    <li><code>{ p.display_path() }</code>{ ": " }{ p.message(lang) }</li>
                }) }
            </ul>
        </div>
    }
}

/// Shown only when printing: profile, per-category scores and indicators, evidence links and
/// a signature line.
fn print_view(m: &Model, a: &Assessment) -> Html {
    let (t, lang, d, r) = (m.lang.texts(), m.lang, &m.draft, &m.rubric.0);
    let status = if r.file.status == Status::Model { t.rubric_badge_model() } else { t.rubric_badge_official() };
    let agency_type = r.file.agency_types.iter().find(|x| x.id == d.agency_type).map(|x| x.label.get(lang));
    html! {
        <section class="print-only" aria-hidden="true">
            <h1>{ t.print_title() }</h1>
            <p>{ r.file.title.get(lang) }{ " — " }{ status }</p>
            <dl class="facts">
                <dt>{ t.profile_agency_name() }</dt><dd>{ &d.agency_name }</dd>
                <dt>{ t.profile_agency_type() }</dt><dd>{ agency_type.unwrap_or("") }</dd>
                if !d.parent.is_empty() { <dt>{ t.profile_parent() }</dt><dd>{ &d.parent }</dd> }
                <dt>{ t.profile_officer_name() }</dt>
                <dd>{ format!("{} {} {}", d.officer_name, d.officer_email, d.officer_phone) }</dd>
                <dt>{ t.profile_months() }</dt><dd>{ &d.months }</dd>
            </dl>
            { for a.categories.iter().filter(|c| !c.excluded).map(|st| print_category(m, st)) }
            <div class="signature">
                <p>{ t.print_signature() }</p>
                <p class="signature-line">{ "(........................................................)" }</p>
            </div>
        </section>
    }
}

/// A category on paper: its score and predicate, each indicator's score, and the evidence links.
fn print_category(m: &Model, st: &draft::CategoryState) -> Html {
    let (t, lang, r) = (m.lang.texts(), m.lang, &m.rubric.0);
    let def = &r.file.categories[st.category];
    let entry = m.draft.categories.get(&def.id).cloned().unwrap_or_default();
    let (score, predicate) = (fmt::score(st.card.data_score, lang), st.card.predicate(r, lang));
    let title = format!("{} — {} {score} ({predicate})", def.label.get(lang), t.score_data());
    let links = entry
        .evidence
        .iter()
        .flat_map(|(input, links)| links.iter().filter(|l| !l.trim().is_empty()).map(move |l| format!("{input}: {l}")));
    html! {
        <div class="print-category">
            <h2>{ title }
                if st.incomplete { { format!(" — {}", t.category_status_incomplete()) } }</h2>
            <table class="table">
                <tbody>
                    { for def.indicators.iter().zip(&st.card.indicators).map(|(i, s)| html! {
                        <tr>
                            <th scope="row">{ format!("{} {}", i.id, i.label.get(lang)) }</th>
                            <td class="num">{ fmt::score(s.score, lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <ul class="print-links">
                { for links.map(|l| html! { <li>{ l }</li> }) }
            </ul>
        </div>
    }
}

/// The summary's "things to look at": every mark that asks for something (a correction, or
/// evidence that does not match or could not be opened) not answered yet, linking to its
/// response box.
fn feedback_summary(fb: Option<&Feedback>, d: &Draft, lang: Lang) -> Vec<SummaryItem> {
    fb.iter()
        .flat_map(|f| &f.marks)
        .filter(|k| !draft::in_lang(&k.look, lang).is_empty() && !d.responses.contains_key(&k.field()))
        .map(|k| SummaryItem {
            field: Some(format!("response-{}", k.field())),
            message: draft::in_lang(&k.look, lang).to_string(),
        })
        .collect()
}

/// The feedback's banner: the review state and reason, the self-reported and verified score per
/// category, who reviewed it and how many fields are marked.
fn feedback_banner(m: &Model, f: &Feedback) -> Html {
    let (t, lang) = (m.lang.texts(), m.lang);
    let tag = match f.state.as_str() {
        "verified" => "tag-green",
        "needs_fixing" => "tag-yellow",
        "rejected" => "tag-red",
        _ => "tag-grey",
    };
    html! {
        <section class="section feedback-banner" aria-labelledby="feedback-title" data-testid="feedback-banner"
            data-state={f.state.clone()}>
            <h2 id="feedback-title">
                { t.feedback_title() }{ " " }<span class={class("tag", Some(tag))}>{ draft::in_lang(&f.state_label, lang) }</span>
            </h2>
            <p><strong>{ draft::in_lang(&f.reason, lang) }</strong></p>
            <ul>
                { for f.scores.iter().map(|(cat, line)| html! {
                    <li data-testid={format!("feedback-score-{cat}")}>{ draft::in_lang(line, lang) }</li>
                }) }
            </ul>
            <p>{ draft::in_lang(&f.about, lang) }</p>
        </section>
    }
}
