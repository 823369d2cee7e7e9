//! The officer's page: rubric choice, drafts, agency profile, one generated form per eligible
//! category with its live score, the overview, export and opening a file. Side effects
//! (autosave, files, downloads, clock, ids) happen here through `browser.rs`; the state
//! changes in `state.rs`; everything scored or checked comes from `ampk-core`.

use crate::browser::{self, StorageError};
use crate::components::{rubric_badge, ErrorSummary, InputField, RubricRef, RubricSummary, ScoreCard, SummaryItem};
use crate::i18n::problem;
use crate::state::{Action, Field, Model};
use ampk_core::draft::{self, Assessment, Draft, DraftEntry};
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

/// Loads the starting state: the remembered rubric and the current draft (or a new one).
///
/// A remembered official rubric was validated (in the worker) when it was chosen and is kept
/// with its fingerprint, so it is only compiled here. One remembered without a fingerprint
/// (by an earlier version of the kit) is validated again by [`revalidate_saved_rubric`].
pub fn initial_model(lang: Lang) -> Model {
    let saved = browser::saved_rubric();
    let compiled = match (&saved, browser::saved_rubric_sha256()) {
        (Some(text), Some(sha)) => Some(rubric::compile(text, sha)),
        _ => None,
    };
    let (rubric, rubric_text, rubric_problems) = match compiled {
        Some(Ok(r)) => (r, saved.map(Rc::from), Vec::new()),
        Some(Err(p)) => (rubric::model(), None, p),
        None => (rubric::model(), None, Vec::new()),
    };
    let draft = browser::current_draft().unwrap_or_else(|| new_draft(&rubric, lang));
    Model {
        lang,
        rubric: RubricRef(Rc::new(rubric)),
        rubric_text,
        draft,
        rubric_problems,
        open_problems: Vec::new(),
        export_problems: Vec::new(),
        notice: None,
    }
}

/// Validates an official rubric file in the worker; when valid, remembers and uses it.
fn use_rubric_file(bytes: Vec<u8>, on_action: Callback<Action>) {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    browser::officer_task(&Request::Rubric, Some(&bytes), move |reply| match reply {
        Reply::Rubric { sha256 } => match rubric::compile(&text, sha256.clone()) {
            Ok(r) => {
                let _ = browser::save_rubric(Some((&text, &sha256)));
                on_action.emit(Action::UseRubric(RubricRef(Rc::new(r)), Some(Rc::from(text))));
            }
            Err(p) => on_action.emit(Action::RubricProblems(p)),
        },
        Reply::Problems(p) => on_action.emit(Action::RubricProblems(p)),
        _ => {}
    });
}

/// An official rubric remembered by an earlier version of the kit, without its fingerprint:
/// validated again, once, in the worker.
pub fn revalidate_saved_rubric(on_action: Callback<Action>) {
    if let (Some(text), None) = (browser::saved_rubric(), browser::saved_rubric_sha256()) {
        use_rubric_file(text.into_bytes(), on_action);
    }
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
    let assessment = use_memo((m.rubric.clone(), d.clone()), |(r, d)| draft::assess(&r.0, d));
    let attempted = use_state(|| false);
    let storage = use_state(browser::storage_status);
    let drafts = use_state(browser::list_drafts);

    // Autosave: every change to the draft is written at once (well within 500 ms), and again
    // when the page is hidden.
    {
        let storage = storage.clone();
        let drafts = drafts.clone();
        use_effect_with(d.clone(), move |d| {
            let result = browser::save_draft(d);
            if *storage != result {
                storage.set(result);
            }
            drafts.set(browser::list_drafts());
        });
    }
    {
        let latest = use_mut_ref(|| d.clone());
        *latest.borrow_mut() = d.clone();
        use_effect_with((), move |_| {
            browser::request_persistence();
            browser::on_page_hide(move || {
                let _ = browser::save_draft(&latest.borrow());
            });
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
        .collect();

    let on_export = {
        let (d, a, rubric_text) = (d.clone(), assessment.clone(), m.rubric_text.clone());
        let (on_action, attempted) = (props.on_action.clone(), attempted.clone());
        Callback::from(move |_: MouseEvent| {
            attempted.set(true);
            if !a.exportable() {
                browser::focus("error-summary");
                return;
            }
            let now = browser::now();
            let request = Request::Export {
                rubric: rubric_text.as_deref().map(str::to_string),
                draft: Box::new(d.clone()),
                now: now.clone(),
            };
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
            if let Err(e) = &*storage {
                <div class="warning-banner" role="alert" data-testid="storage-warning">
                    { if *e == StorageError::Full { t.drafts_storage_full() } else { t.drafts_storage_unavailable() } }
                </div>
            }
            if let Some(n) = &m.notice {
                <div class="notice" role="status">{ n }</div>
            }
            { rubric_panel(m, &props.on_action) }
            { drafts_panel(m, &drafts, &props.on_action, changed_since_export) }
            { profile_section(m, &assessment, *attempted, &props.on_action) }
            if rubric_type_known(&r, &d.agency_type) {
                { overview(m, &assessment) }
                { for assessment.categories.iter().map(|st| category_section(m, st, *attempted, &props.on_action)) }
            } else {
                <p class="inset">{ t.profile_choose_type_first() }</p>
            }
            <section class="section export" aria-labelledby="export-title">
                <h2 id="export-title">{ t.officer_export_title() }</h2>
                { jury_slider(m, &props.on_action) }
                if !assessment.exportable() && *attempted {
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
                { open_file(m, &props.on_action) }
            </section>
            { print_view(m, &assessment) }
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
    let use_builtin = {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = browser::save_rubric(None);
            on_action.emit(Action::UseRubric(RubricRef(Rc::new(rubric::model())), None));
        })
    };
    html! {
        <section class="section rubric-panel" aria-labelledby="rubric-title">
            <h1 id="rubric-title" data-testid="rubric-title">{ r.file.title.get(m.lang) }</h1>
            { rubric_badge(r.file.status, m.lang) }
            <div class="field">
                <label class="label" for="load-rubric">{ t.rubric_load() }</label>
                <p class="hint" id="load-rubric-hint">{ t.rubric_load_hint() }</p>
                <input type="file" id="load-rubric" data-testid="load-rubric" accept=".json,application/json"
                    aria-describedby="load-rubric-hint" {onchange} />
                if r.file.status == Status::Official {
                    <button type="button" class="button-secondary" onclick={use_builtin}>
                        { t.rubric_use_builtin() }
                    </button>
                }
            </div>
            { problem_list(t.rubric_unusable(), &m.rubric_problems, m.lang, "rubric-problems") }
            <details class="details">
                <summary>{ t.rubric_about() }</summary>
                <RubricSummary rubric={m.rubric.clone()} lang={m.lang} heading={false} />
            </details>
        </section>
    }
}

fn drafts_panel(
    m: &Model,
    drafts: &UseStateHandle<Vec<browser::DraftMeta>>,
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
        let (on_action, d) = (on_action.clone(), d.clone());
        let copy_of = t.drafts_copy_of();
        Callback::from(move |_: MouseEvent| {
            let mut c = d.clone();
            c.local_id = browser::new_uuid();
            c.submission_id = browser::new_uuid();
            c.name = format!("{copy_of} {}", d.name);
            c.last_exported_at = None;
            c.exported_digest = None;
            on_action.emit(Action::OpenDraft(Box::new(c)));
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

fn errors_for<'a>(a: &'a Assessment, field: &str, d: &Draft, attempted: bool) -> Vec<&'a Problem> {
    let all = a.profile.iter().chain(a.categories.iter().flat_map(|c| c.errors.iter()));
    shown(all, d, attempted).into_iter().filter(|p| draft::field_of(&p.path).as_deref() == Some(field)).collect()
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
        <div class={classes!("field", has_error.then_some("field-error"))}>
            <label class="label" for={f.id}>{ f.label }{ optional }</label>
            if let Some(h) = f.hint {
                <p class="hint" id={hint_id.clone()}>{ h }</p>
            }
            { for errors.iter().map(|p| html! { <p class="error-message">{ p.message(lang) }</p> }) }
            <input class={classes!("input", has_error.then_some("input-error"))} id={f.id} name={f.id} type={f.kind}
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
            <div class={classes!("field", (!type_errors.is_empty()).then_some("field-error"))}>
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
fn status_text(st: &draft::CategoryState, lang: Lang) -> &'static str {
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

fn category_section(m: &Model, st: &draft::CategoryState, attempted: bool, on_action: &Callback<Action>) -> Html {
    let (t, lang, d, r) = (m.lang.texts(), m.lang, &m.draft, &m.rubric.0);
    let def = &r.file.categories[st.category];
    let entry = d.categories.get(&def.id).cloned().unwrap_or_default();
    let section_id = format!("cat-{}", def.id);
    let on_include = {
        let (on_action, cat) = (on_action.clone(), def.id.clone());
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::SetExcluded { cat: cat.clone(), excluded: !el.checked() });
        })
    };
    let on_note = {
        let (on_action, cat) = (on_action.clone(), def.id.clone());
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            on_action.emit(Action::SetNote { cat: cat.clone(), text: el.value() });
        })
    };
    let shown_errors = shown(st.errors.iter(), d, attempted || entry_touched(&entry));
    let check_errors: Vec<&Problem> =
        shown_errors.iter().copied().filter(|p| p.code == ProblemCode::CheckFailed).collect();
    let include_id = format!("{}.include", def.id);
    let note_id = format!("{}.note", def.id);
    let tag = if st.excluded {
        "tag-grey"
    } else if st.incomplete {
        "tag-yellow"
    } else {
        "tag-green"
    };
    html! {
        <section class={classes!("section", "category", st.excluded.then_some("excluded"))} id={section_id.clone()}
            data-category={def.id.clone()} aria-labelledby={format!("{section_id}-title")} tabindex="-1">
            <h2 id={format!("{section_id}-title")}>
                { def.label.get(lang) }{ " " }
                <span class={classes!("tag", tag)}>{ status_text(st, lang) }</span>
            </h2>
            if let Some(desc) = &def.description {
                <p class="lead">{ desc.get(lang) }</p>
            }
            <div class="checkbox include">
                <input type="checkbox" id={include_id.clone()} name={include_id.clone()} checked={!st.excluded}
                    onchange={on_include} />
                <label for={include_id}>{ t.category_include() }</label>
            </div>
            if st.excluded {
                <p class="inset">{ t.category_excluded_note() }</p>
            }
            <div class="category-grid">
                <div class="category-form">
                    { for check_errors.iter().map(|p| html! {
                        <p class="error-message check-error">{ p.message(lang) }</p>
                    }) }
                    { for (0..def.inputs.len()).map(|i| input_field(m, st, &entry, &shown_errors, i, on_action)) }
                    <div class="field">
                        <label class="label" for={note_id.clone()}>{ t.category_note() }</label>
                        <p class="hint">{ t.category_note_hint() }</p>
                        <textarea class="textarea" id={note_id.clone()} name={note_id} rows="3" maxlength={max_text()}
                            value={entry.note.clone()} oninput={on_note} />
                    </div>
                </div>
                <ScoreCard rubric={m.rubric.clone()} state={st.clone()} jury={d.jury_estimate} lang={lang} />
            </div>
        </section>
    }
}

/// The `i`th input of a category, with the problems shown for it and for its evidence links.
fn input_field(
    m: &Model,
    st: &draft::CategoryState,
    entry: &DraftEntry,
    shown_errors: &[&Problem],
    i: usize,
    on_action: &Callback<Action>,
) -> Html {
    let lang = m.lang;
    let def = &m.rubric.0.file.categories[st.category];
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
    let evidence_missing = st
        .warnings
        .iter()
        .any(|w| w.code == ProblemCode::EvidenceMissing && w.path.ends_with(&format!(".evidence.{}", input.id)));
    html! {
        <InputField rubric={m.rubric.clone()} cat={st.category} input={i}
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

fn open_file(m: &Model, on_action: &Callback<Action>) -> Html {
    let (t, lang) = (m.lang.texts(), m.lang);
    let rubric_text = m.rubric_text.clone();
    let onchange = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let on_action = on_action.clone();
            let rubric = rubric_text.as_deref().map(str::to_string);
            if let Some(file) = browser::take_files(&input).into_iter().next() {
                let name = file.name();
                wasm_bindgen_futures::spawn_local(async move {
                    let bytes = match browser::read_file(&file, submission::MAX_BYTES).await {
                        Ok(b) => b,
                        Err(size) => {
                            let too_large = ampk_core::import::too_large(&name, size);
                            on_action.emit(Action::OpenProblems(too_large.reasons));
                            return;
                        }
                    };
                    let request =
                        Request::Open { rubric, lang, local_id: browser::new_uuid(), name, now: browser::now() };
                    browser::officer_task(&request, Some(&bytes), move |reply| match reply {
                        Reply::Draft(d) => {
                            on_action.emit(Action::OpenDraft(d));
                            on_action.emit(Action::Notice(Some(lang.texts().open_submission_done().to_string())));
                        }
                        Reply::Problems(p) => on_action.emit(Action::OpenProblems(p)),
                        _ => {}
                    });
                });
            }
        })
    };
    html! {
        <div class="field">
            <label class="label" for="open-submission">{ t.open_submission() }</label>
            <p class="hint" id="open-submission-hint">{ t.open_submission_hint() }</p>
            <input type="file" id="open-submission" data-testid="open-submission" accept=".json,application/json"
                aria-describedby="open-submission-hint" {onchange} />
            { problem_list(t.open_submission_problems(), &m.open_problems, lang, "open-problems") }
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
