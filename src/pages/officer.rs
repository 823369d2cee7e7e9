//! The officer's page: rubric choice, drafts, agency profile, one generated form per eligible
//! category with its live score, the overview, export and opening a file. Side effects
//! (autosave, files, downloads, clock, ids) happen here through `browser.rs`; the state
//! changes in `state.rs`; everything scored or checked comes from `ampk-core`.

use crate::browser::{self, StorageError};
use crate::components::{ErrorSummary, InputField, RubricRef, RubricSummary, ScoreCard, SummaryItem};
use crate::i18n::{texts, Texts};
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
    let draft = browser::current_draft().unwrap_or_else(|| new_draft(&rubric, texts(lang).untitled));
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

fn new_draft(r: &rubric::Rubric, name: &str) -> Draft {
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
    let t = texts(lang);
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
                            on_action.emit(Action::Notice(Some(format!("{} ({name})", texts(lang).exported_ok))));
                        }
                        Err(_) => on_action.emit(Action::ExportProblems(vec![Problem::new(
                            ProblemCode::DownloadFailed,
                            "",
                            "peramban menolak mengunduh berkas ekspor; coba lagi atau periksa izin unduhan",
                            "the browser refused to download the export; try again or check its download settings",
                        )])),
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
            <ErrorSummary title={t.summary_title} items={summary} />
            if let Err(e) = &*storage {
                <div class="warning-banner" role="alert" data-testid="storage-warning">
                    { if *e == StorageError::Full { t.storage_full } else { t.storage_unavailable } }
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
                <p class="inset">{ t.choose_type_first }</p>
            }
            <section class="section export" aria-labelledby="export-title">
                <h2 id="export-title">{ t.export_title }</h2>
                { jury_slider(m, &props.on_action) }
                if !assessment.exportable() && *attempted {
                    <p class="error-message">{ t.export_blocked }</p>
                }
                <div class="button-row">
                    <button type="button" class="button" data-testid="export" onclick={on_export}>{ t.export }</button>
                    <button type="button" class="button-secondary" onclick={Callback::from(|_: MouseEvent| browser::print())}>{ t.print }</button>
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
    let t = texts(m.lang);
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
                        Err(size) => on_action.emit(Action::RubricProblems(vec![Problem::new(
                            ProblemCode::TooLarge,
                            "",
                            format!("berkas terlalu besar ({size} bita, paling besar {})", rubric::MAX_RUBRIC_BYTES),
                            format!("file too large ({size} bytes, at most {})", rubric::MAX_RUBRIC_BYTES),
                        )])),
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
            if r.file.status == Status::Model {
                <p class="badge badge-model" data-testid="rubric-status" data-status="model">{ t.model_badge }</p>
            } else {
                <p class="badge badge-official" data-testid="rubric-status" data-status="official">{ t.official_badge }</p>
            }
            <div class="field">
                <label class="label" for="load-rubric">{ t.load_rubric }</label>
                <p class="hint" id="load-rubric-hint">{ t.load_rubric_hint }</p>
                <input type="file" id="load-rubric" data-testid="load-rubric" accept=".json,application/json"
                    aria-describedby="load-rubric-hint" {onchange} />
                if r.file.status == Status::Official {
                    <button type="button" class="button-secondary" onclick={use_builtin}>{ t.use_builtin }</button>
                }
            </div>
            { problem_list(t.rubric_problems, &m.rubric_problems, m.lang, "rubric-problems") }
            <details class="details">
                <summary>{ t.about_rubric }</summary>
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
    let t = texts(m.lang);
    let d = &m.draft;
    let r = m.rubric.0.clone();
    let rename = field_cb(on_action, Field::DraftName);
    let new = {
        let (on_action, r, untitled) = (on_action.clone(), r.clone(), t.untitled);
        Callback::from(move |_: MouseEvent| on_action.emit(Action::OpenDraft(Box::new(new_draft(&r, untitled)))))
    };
    let duplicate = {
        let (on_action, d) = (on_action.clone(), d.clone());
        let copy_of = t.copy_of;
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
            <h2 id="drafts-title">{ t.drafts }</h2>
            <div class="field">
                <label class="label" for="draft.name">{ t.draft_name }</label>
                <input class="input" id="draft.name" name="draft.name" type="text" value={d.name.clone()} oninput={rename} />
            </div>
            <p class="hint">
                { t.saved_auto }{ " " }
                { match &d.last_exported_at {
                    Some(at) => format!("{} {}.", t.last_exported, at.replace('T', " ").replace('Z', " UTC")),
                    None => t.never_exported.to_string(),
                } }
            </p>
            if changed {
                <p class="warning-text" data-testid="changed-since-export">{ t.changed_since_export }</p>
            }
            <div class="button-row">
                <button type="button" class="button-secondary" onclick={new}>{ t.new_draft }</button>
                <button type="button" class="button-secondary" onclick={duplicate}>{ t.duplicate }</button>
            </div>
            if list.len() > 1 {
                <table class="table drafts-list">
                    <thead><tr><th scope="col">{ t.draft_name }</th><th scope="col">{ t.agency_name }</th><th scope="col"><span class="visually-hidden">{ t.open }</span></th></tr></thead>
                    <tbody>
                        { for list.iter().map(|meta| {
                            let is_current = meta.id == d.local_id;
                            let open = {
                                let (on_action, id) = (on_action.clone(), meta.id.clone());
                                Callback::from(move |_: MouseEvent| {
                                    if let Some(dr) = browser::load_draft(&id) {
                                        on_action.emit(Action::OpenDraft(Box::new(dr)));
                                    }
                                })
                            };
                            let delete = {
                                let (on_action, id, r, drafts) = (on_action.clone(), meta.id.clone(), r.clone(), drafts.clone());
                                let (msg, current, untitled) = (t.confirm_delete, is_current, t.untitled);
                                Callback::from(move |_: MouseEvent| {
                                    if browser::confirm(msg) {
                                        let _ = browser::delete_draft(&id);
                                        if current {
                                            let next = browser::list_drafts().first().and_then(|m| browser::load_draft(&m.id));
                                            on_action.emit(Action::OpenDraft(Box::new(next.unwrap_or_else(|| new_draft(&r, untitled)))));
                                        } else {
                                            // The open draft is unchanged, so autosave will not
                                            // list the drafts again: do it here.
                                            drafts.set(browser::list_drafts());
                                            on_action.emit(Action::Notice(None));
                                        }
                                    }
                                })
                            };
                            html! {
                                <tr>
                                    <td>{ &meta.name }{ if is_current { format!(" {}", t.current) } else { String::new() } }</td>
                                    <td>{ &meta.agency }</td>
                                    <td class="actions">
                                        if !is_current {
                                            <button type="button" class="button-link" onclick={open}>{ format!("{} {}", t.open, meta.name) }</button>
                                        }
                                        <button type="button" class="button-link danger" onclick={delete}>{ format!("{} {}", t.delete, meta.name) }</button>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </section>
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

#[allow(clippy::too_many_arguments)]
fn text_field(
    t: &Texts,
    id: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    errors: &[&Problem],
    lang: Lang,
    oninput: Callback<InputEvent>,
    kind: &str,
    optional: bool,
    list: Option<&str>,
) -> Html {
    let has_error = !errors.is_empty();
    let hint_id = format!("{id}-hint");
    html! {
        <div class={classes!("field", has_error.then_some("field-error"))}>
            <label class="label" for={id.to_string()}>{ label }{ if optional { format!(" {}", t.optional) } else { String::new() } }</label>
            if let Some(h) = hint {
                <p class="hint" id={hint_id.clone()}>{ h }</p>
            }
            { for errors.iter().map(|p| html! { <p class="error-message">{ p.message(lang) }</p> }) }
            <input class={classes!("input", has_error.then_some("input-error"))} id={id.to_string()} name={id.to_string()}
                type={kind.to_string()} value={value.to_string()} list={list.map(str::to_string)} maxlength={max_text()}
                aria-describedby={hint.map(|_| hint_id)} {oninput} />
        </div>
    }
}

fn profile_section(m: &Model, a: &Assessment, attempted: bool, on_action: &Callback<Action>) -> Html {
    let (t, lang, d, r) = (texts(m.lang), m.lang, &m.draft, &m.rubric.0);
    let errs = |f: &str| errors_for(a, f, d, attempted);
    let on_type = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            on_action.emit(Action::SetField(Field::AgencyType, el.value()));
        })
    };
    let type_errors = errs("agency.type");
    html! {
        <section class="section profile" aria-labelledby="profile-title">
            <h2 id="profile-title">{ t.profile }</h2>
            <div class={classes!("field", (!type_errors.is_empty()).then_some("field-error"))}>
                <label class="label" for="agency.type">{ t.agency_type }</label>
                { for type_errors.iter().map(|p| html! { <p class="error-message">{ p.message(lang) }</p> }) }
                <select class="select" id="agency.type" name="agency.type" onchange={on_type}>
                    <option value="" selected={d.agency_type.is_empty()}>{ t.choose }</option>
                    { for r.file.agency_types.iter().map(|at| html! {
                        <option value={at.id.clone()} selected={at.id == d.agency_type}>{ at.label.get(lang) }</option>
                    }) }
                </select>
            </div>
            { text_field(t, "agency.name", t.agency_name, Some(t.agency_name_hint), &d.agency_name, &errs("agency.name"), lang, field_cb(on_action, Field::AgencyName), "text", false, Some("known-agencies")) }
            <datalist id="known-agencies">
                { for KNOWN_AGENCIES.iter().map(|n| html! { <option value={*n} /> }) }
            </datalist>
            if d.agency_type == "uptd" || !d.parent.is_empty() {
                { text_field(t, "agency.parent", t.parent, Some(t.parent_hint), &d.parent, &errs("agency.parent"), lang, field_cb(on_action, Field::Parent), "text", d.agency_type != "uptd", Some("known-agencies")) }
            }
            { text_field(t, "officer.name", t.officer_name, None, &d.officer_name, &errs("officer.name"), lang, field_cb(on_action, Field::OfficerName), "text", false, None) }
            { text_field(t, "officer.email", t.officer_email, None, &d.officer_email, &errs("officer.email"), lang, field_cb(on_action, Field::OfficerEmail), "email", true, None) }
            { text_field(t, "officer.phone", t.officer_phone, None, &d.officer_phone, &errs("officer.phone"), lang, field_cb(on_action, Field::OfficerPhone), "tel", true, None) }
            { text_field(t, "months", t.months, Some(t.months_hint), &d.months, &errs("months"), lang, field_cb(on_action, Field::Months), "text", false, None) }
        </section>
    }
}

fn overview(m: &Model, a: &Assessment) -> Html {
    let (t, lang, r) = (texts(m.lang), m.lang, &m.rubric.0);
    html! {
        <section class="section overview" aria-labelledby="overview-title">
            <h2 id="overview-title">{ t.overview }</h2>
            <div class="table-scroll" role="region" aria-labelledby="overview-title" tabindex="0">
            <table class="table" data-testid="overview">
                <thead><tr>
                    <th scope="col">{ t.category }</th>
                    <th scope="col">{ t.status }</th>
                    <th scope="col" class="num">{ t.data_score }</th>
                    <th scope="col">{ t.predicate }</th>
                    <th scope="col" class="num">{ t.final_range }</th>
                </tr></thead>
                <tbody>
                    { for a.categories.iter().map(|st| {
                        let def = &r.file.categories[st.category];
                        let status = if st.excluded { t.excluded } else if st.incomplete { t.incomplete } else { t.complete };
                        html! {
                            <tr>
                                <th scope="row"><a href={format!("#cat-{}", def.id)} onclick={jump(format!("cat-{}", def.id))}>{ def.label.get(lang) }</a></th>
                                <td>{ status }</td>
                                <td class="num">{ fmt::score(st.card.data_score, lang) }</td>
                                <td>{ st.card.predicate(r, lang) }</td>
                                <td class="num">{ format!("{} – {}", fmt::score(st.card.final_score(r, 0.0), lang), fmt::score(st.card.final_score(r, 100.0), lang)) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

fn jump(id: String) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        browser::focus(&id);
    })
}

fn category_section(m: &Model, st: &draft::CategoryState, attempted: bool, on_action: &Callback<Action>) -> Html {
    let (t, lang, d, r) = (texts(m.lang), m.lang, &m.draft, &m.rubric.0);
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
    html! {
        <section class={classes!("section", "category", st.excluded.then_some("excluded"))} id={section_id.clone()}
            data-category={def.id.clone()} aria-labelledby={format!("{section_id}-title")} tabindex="-1">
            <h2 id={format!("{section_id}-title")}>
                { def.label.get(lang) }{ " " }
                <span class={classes!("tag", if st.excluded { "tag-grey" } else if st.incomplete { "tag-yellow" } else { "tag-green" })}>
                    { if st.excluded { t.excluded } else if st.incomplete { t.incomplete } else { t.complete } }
                </span>
            </h2>
            if let Some(desc) = &def.description {
                <p class="lead">{ desc.get(lang) }</p>
            }
            <div class="checkbox include">
                <input type="checkbox" id={include_id.clone()} name={include_id.clone()} checked={!st.excluded} onchange={on_include} />
                <label for={include_id}>{ t.include }</label>
            </div>
            if st.excluded {
                <p class="inset">{ t.excluded_note }</p>
            }
            <div class="category-grid">
                <div class="category-form">
                    { for check_errors.iter().map(|p| html! { <p class="error-message check-error">{ p.message(lang) }</p> }) }
                    { for def.inputs.iter().enumerate().map(|(i, input)| {
                        let field = format!("{}.{}", def.id, input.id);
                        let errors: Vec<String> = shown_errors.iter()
                            .filter(|p| draft::field_of(&p.path).as_deref() == Some(field.as_str()))
                            .map(|p| p.message(lang).to_string()).collect();
                        let link_errors: Vec<(usize, String)> = shown_errors.iter().filter_map(|p| {
                            let f = draft::field_of(&p.path)?;
                            let n = f.strip_prefix(&format!("{field}.evidence."))?.parse().ok()?;
                            Some((n, p.message(lang).to_string()))
                        }).collect();
                        let evidence_missing = st.warnings.iter().any(|w| w.code == ProblemCode::EvidenceMissing && w.path.ends_with(&format!(".evidence.{}", input.id)));
                        html! {
                            <InputField rubric={m.rubric.clone()} cat={st.category} input={i}
                                raw={entry.inputs.get(&input.id).cloned()}
                                links={entry.evidence.get(&input.id).cloned().unwrap_or_default()}
                                {errors} {link_errors} {evidence_missing} lang={lang} on_action={on_action.clone()} />
                        }
                    }) }
                    <div class="field">
                        <label class="label" for={note_id.clone()}>{ t.note }</label>
                        <p class="hint">{ t.note_hint }</p>
                        <textarea class="textarea" id={note_id.clone()} name={note_id} rows="3" maxlength={max_text()} value={entry.note.clone()} oninput={on_note} />
                    </div>
                </div>
                <ScoreCard rubric={m.rubric.clone()} state={st.clone()} jury={d.jury_estimate} lang={lang} />
            </div>
        </section>
    }
}

/// A category the officer has started filling: its problems show without waiting for export.
fn entry_touched(e: &DraftEntry) -> bool {
    e.inputs.len() > 1
}

fn jury_slider(m: &Model, on_action: &Callback<Action>) -> Html {
    let (t, lang) = (texts(m.lang), m.lang);
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
            <label class="label" for="jury-estimate">{ format!("{}: {}", t.jury_estimate, fmt::number(m.draft.jury_estimate, lang, Some(0))) }</label>
            <input type="range" id="jury-estimate" name="jury_estimate" min="0" max="100" step="1"
                value={fmt::plain(m.draft.jury_estimate)} {oninput} />
        </div>
    }
}

fn open_file(m: &Model, on_action: &Callback<Action>) -> Html {
    let (t, lang) = (texts(m.lang), m.lang);
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
                            on_action.emit(Action::Notice(Some(texts(lang).opened_ok.to_string())));
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
            <label class="label" for="open-submission">{ t.open_file }</label>
            <p class="hint" id="open-submission-hint">{ t.open_file_hint }</p>
            <input type="file" id="open-submission" data-testid="open-submission" accept=".json,application/json"
                aria-describedby="open-submission-hint" {onchange} />
            { problem_list(t.open_problems, &m.open_problems, lang, "open-problems") }
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
    let (t, lang, d, r) = (texts(m.lang), m.lang, &m.draft, &m.rubric.0);
    html! {
        <section class="print-only" aria-hidden="true">
            <h1>{ t.print_title }</h1>
            <p>{ r.file.title.get(lang) }{ " — " }{ if r.file.status == Status::Model { t.model_badge } else { t.official_badge } }</p>
            <dl class="facts">
                <dt>{ t.agency_name }</dt><dd>{ &d.agency_name }</dd>
                <dt>{ t.agency_type }</dt><dd>{ r.file.agency_types.iter().find(|x| x.id == d.agency_type).map(|x| x.label.get(lang)).unwrap_or("") }</dd>
                if !d.parent.is_empty() { <dt>{ t.parent }</dt><dd>{ &d.parent }</dd> }
                <dt>{ t.officer_name }</dt><dd>{ format!("{} {} {}", d.officer_name, d.officer_email, d.officer_phone) }</dd>
                <dt>{ t.months }</dt><dd>{ &d.months }</dd>
            </dl>
            { for a.categories.iter().filter(|c| !c.excluded).map(|st| {
                let def = &r.file.categories[st.category];
                let entry = d.categories.get(&def.id).cloned().unwrap_or_default();
                html! {
                    <div class="print-category">
                        <h2>{ format!("{} — {} {} ({})", def.label.get(lang), t.data_score, fmt::score(st.card.data_score, lang), st.card.predicate(r, lang)) }
                            if st.incomplete { { format!(" — {}", t.incomplete) } }</h2>
                        <table class="table">
                            <tbody>
                                { for def.indicators.iter().zip(&st.card.indicators).map(|(i, s)| html! {
                                    <tr><th scope="row">{ format!("{} {}", i.id, i.label.get(lang)) }</th><td class="num">{ fmt::score(s.score, lang) }</td></tr>
                                }) }
                            </tbody>
                        </table>
                        <ul class="print-links">
                            { for entry.evidence.iter().flat_map(|(input, links)| links.iter().filter(|l| !l.trim().is_empty()).map(move |l| (input.clone(), l.clone()))).map(|(input, l)| html! {
                                <li>{ format!("{input}: {l}") }</li>
                            }) }
                        </ul>
                    </div>
                }
            }) }
            <div class="signature">
                <p>{ t.signature }</p>
                <p class="signature-line">{ "(........................................................)" }</p>
            </div>
        </section>
    }
}
