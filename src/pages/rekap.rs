//! The coordinator's page (Rekap): import many submission files (input or drag-and-drop of
//! files and folders), see every file's status and reasons, inspect one submission, rank each
//! category, add jury marks, export CSV/JSON, and keep the session across reloads. Everything
//! is decided by `ampk_core::import`, exactly as `ampk rank` does.

use crate::browser::{self, RekapSession, StorageError};
use crate::components::RubricRef;
use ampk_core::export::{parse_jury_csv, ranking_csv};
use ampk_core::import::{self, FileReport, ImportReport, JuryMarks, Status};
use ampk_core::rank::name_key;
use ampk_core::submission::{self, Integrity};
use ampk_core::{fmt, round2, Lang, Problem, ProblemCode};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// How many files are assessed between two paints.
const CHUNK: usize = 50;
/// Status rows rendered at first (more on request).
const FILE_PAGE: usize = 500;
/// Ranking rows rendered per category at first (more on request).
const RANK_PAGE: usize = 100;

fn tr(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

/// The batch: raw files (for the session and re-scoring) and the import report.
#[derive(Default)]
struct Batch {
    files: Vec<(String, Vec<u8>)>,
    report: Option<ImportReport>,
    jury: JuryMarks,
    /// Jury cells whose typed text is not a mark (`abc`, `150`), by (category, agency key):
    /// kept as typed and shown with its problem until it is fixed or emptied.
    jury_typed: BTreeMap<(String, String), String>,
}

/// A jury cell's text: empty (no mark), a mark 0–100 (a decimal comma is fine), or not a mark.
fn parse_jury_cell(text: &str) -> Result<Option<f64>, ()> {
    let v = text.trim().replace(',', ".");
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<f64>() {
        Ok(m) if (0.0..=100.0).contains(&m) => Ok(Some(m)),
        _ => Err(()),
    }
}

impl Batch {
    fn resolve(&mut self, rubric: &ampk_core::Rubric) {
        let files = self.report.take().map(|r| r.files).unwrap_or_default();
        self.report = Some(import::resolve(rubric, files, &self.jury));
    }

    fn session(&self) -> RekapSession {
        RekapSession {
            files: self.files.iter().map(|(n, b)| (n.clone(), String::from_utf8_lossy(b).into_owned())).collect(),
            jury: self.jury.iter().map(|((c, a), v)| (c.clone(), a.clone(), *v)).collect(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct RekapPageProps {
    pub rubric: RubricRef,
    pub lang: Lang,
}

#[derive(Clone, Copy, PartialEq)]
enum SortKey {
    Rank,
    Agency,
    Data,
    Final,
}

#[component]
pub fn RekapPage(props: &RekapPageProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let rubric = props.rubric.0.clone();
    let batch = use_mut_ref(Batch::default);
    let version = use_state(|| 0u32);
    let progress = use_state(|| None::<(usize, usize)>);
    let storage = use_state(|| Ok::<(), StorageError>(()));
    let filter = use_state(|| None::<Status>);
    let type_filter = use_state(String::new);
    let selected = use_state(|| None::<usize>);
    let sort = use_state(|| SortKey::Rank);
    let jury_problems = use_state(Vec::<Problem>::new);
    let drag = use_state(|| false);
    // Big batches: render a page of rows at a time so the page stays responsive.
    let shown_files = use_state(|| FILE_PAGE);
    let shown_ranks = use_state(|| RANK_PAGE);

    // Re-score the saved session (and re-score everything when the rubric changes).
    {
        let (batch, version, progress, rubric) = (batch.clone(), version.clone(), progress.clone(), rubric.clone());
        use_effect_with(props.rubric.clone(), move |_| {
            let session = browser::load_rekap();
            let files: Vec<(String, Vec<u8>)> = session.files.into_iter().map(|(n, t)| (n, t.into_bytes())).collect();
            {
                let mut b = batch.borrow_mut();
                b.jury = session.jury.iter().map(|(c, a, v)| ((c.clone(), name_key(a)), *v)).collect();
                b.files.clear();
                b.report = None;
            }
            if !files.is_empty() {
                wasm_bindgen_futures::spawn_local(assess_all(rubric, batch, files, version, progress, None));
            } else {
                version.set(*version + 1);
            }
        });
    }

    let add_files = {
        let (batch, version, progress, rubric, storage) =
            (batch.clone(), version.clone(), progress.clone(), rubric.clone(), storage.clone());
        Callback::from(move |dropped: Vec<browser::Dropped>| {
            let (batch, version, progress, rubric, storage) =
                (batch.clone(), version.clone(), progress.clone(), rubric.clone(), storage.clone());
            wasm_bindgen_futures::spawn_local(async move {
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
                assess_all(rubric, batch, files, version, progress, Some((oversize, storage))).await;
            });
        })
    };

    let on_input_files = {
        let add_files = add_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = browser::take_files(&input);
            add_files.emit(files.into_iter().map(|f| browser::Dropped { path: f.name(), file: f }).collect());
        })
    };
    let on_drop = {
        let (add_files, drag) = (add_files.clone(), drag.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            drag.set(false);
            let add_files = add_files.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let files = browser::dropped_files(&e).await;
                add_files.emit(files);
            });
        })
    };
    let on_drag_over = {
        let drag = drag.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*drag {
                drag.set(true);
            }
        })
    };
    let on_drag_leave = {
        let drag = drag.clone();
        Callback::from(move |_: DragEvent| drag.set(false))
    };

    let set_jury = {
        let (batch, version, rubric, storage) = (batch.clone(), version.clone(), rubric.clone(), storage.clone());
        Callback::from(move |(cat, agency, text): (String, String, String)| {
            {
                let mut b = batch.borrow_mut();
                let key = (cat, name_key(&agency));
                match parse_jury_cell(&text) {
                    Ok(mark) => {
                        b.jury_typed.remove(&key);
                        match mark {
                            Some(m) => b.jury.insert(key, m),
                            None => b.jury.remove(&key),
                        };
                        b.resolve(&rubric);
                        storage.set(browser::save_rekap(&b.session()));
                    }
                    // Not a mark: the last good mark stays in force, the text stays on screen
                    // with its problem.
                    Err(()) => {
                        b.jury_typed.insert(key, text);
                    }
                }
            }
            version.set(*version + 1);
        })
    };

    let on_jury_csv = {
        let (batch, version, rubric, storage, jury_problems) =
            (batch.clone(), version.clone(), rubric.clone(), storage.clone(), jury_problems.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (batch, version, rubric, storage, jury_problems) =
                (batch.clone(), version.clone(), rubric.clone(), storage.clone(), jury_problems.clone());
            if let Some(file) = browser::take_files(&input).into_iter().next() {
                wasm_bindgen_futures::spawn_local(async move {
                    let Ok(bytes) = browser::read_file(&file, submission::MAX_BYTES).await else {
                        jury_problems.set(vec![Problem::new(
                            ProblemCode::TooLarge,
                            "",
                            "berkas terlalu besar",
                            "file too large",
                        )]);
                        return;
                    };
                    let (marks, problems) = parse_jury_csv(&rubric, &bytes);
                    {
                        let mut b = batch.borrow_mut();
                        b.jury.extend(marks);
                        b.resolve(&rubric);
                        storage.set(browser::save_rekap(&b.session()));
                    }
                    jury_problems.set(problems);
                    version.set(*version + 1);
                });
            }
        })
    };

    let clear_all = {
        let (batch, version, selected) = (batch.clone(), version.clone(), selected.clone());
        let msg = tr(
            lang,
            "Hapus semua data impor dan nilai juri dari peramban ini?",
            "Delete all imported data and jury marks from this browser?",
        );
        Callback::from(move |_: MouseEvent| {
            if browser::confirm(msg) {
                browser::clear_rekap();
                *batch.borrow_mut() = Batch::default();
                selected.set(None);
                version.set(*version + 1);
            }
        })
    };

    let export = {
        let (batch, rubric) = (batch.clone(), rubric.clone());
        Callback::from(move |kind: &'static str| {
            let b = batch.borrow();
            let Some(report) = &b.report else { return };
            let date = fmt::date_stamp(&browser::now());
            let base = format!("ampk-rekap-{}-{date}", rubric.file.edition);
            let _ = match kind {
                "csv" => browser::download(
                    &format!("{base}.csv"),
                    "text/csv;charset=utf-8",
                    &ranking_csv(&rubric, report, b';', lang),
                ),
                "xlsx" => {
                    // Built in the worker module, fetched only now: it costs the first load nothing.
                    let now = browser::now();
                    let num = |r: std::ops::Range<usize>| now.get(r).and_then(|x| x.parse::<u16>().ok()).unwrap_or(0);
                    let stamp = (
                        num(0..4),
                        num(5..7) as u8,
                        num(8..10) as u8,
                        num(11..13),
                        num(14..16) as u8,
                        num(17..19) as u8,
                    );
                    let rubric_text = browser::saved_rubric()
                        .filter(|t| ampk_core::rubric::load(t.as_bytes()).is_ok_and(|r| r.sha256 == rubric.sha256))
                        .unwrap_or_else(|| ampk_core::rubric::MODEL_RUBRIC_JSON.to_string());
                    let session = b.session();
                    let request = serde_json::json!({
                        "rubric": rubric_text,
                        "files": session.files,
                        "jury": session.jury,
                        "lang": lang.tag(),
                        "stamp": stamp,
                    })
                    .to_string();
                    let name = format!("{base}.xlsx");
                    browser::xlsx_in_worker(request, move |result| match result {
                        Ok(bytes) => {
                            let _ = browser::download(
                                &name,
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                &bytes,
                            );
                        }
                        Err(msg) => web_sys::console::error_1(&msg.into()),
                    });
                    Ok(())
                }
                _ => {
                    let json = serde_json::to_string_pretty(&import::report_json(&rubric, report, lang))
                        .expect("report serialises")
                        + "\n";
                    browser::download(&format!("{base}.json"), "application/json", json.as_bytes())
                }
            };
        })
    };

    let b = batch.borrow();
    let _ = *version;
    let report = b.report.as_ref();
    let counts = report.map(import::status_counts).unwrap_or_default();
    let total = report.map_or(0, |r| r.files.len());

    html! {
        <div class="rekap">
            <section class="section" aria-labelledby="rekap-title">
                <h1 id="rekap-title">{ tr(lang, "Rekap pengajuan (Diskominfo)", "Submissions summary (Diskominfo)") }</h1>
                <p>
                    { tr(lang, "Rubrik yang dipakai: ", "Rubric in use: ") }
                    <strong>{ rubric.file.title.get(lang) }</strong>{ " — " }
                    { if rubric.file.status == ampk_core::rubric::Status::Model { t.rubric_badge_model() } else { t.rubric_badge_official() } }
                </p>
                <p class="hint">{ t.rubric_info_fingerprint() }{ ": " }<code class="fingerprint" data-testid="rekap-fingerprint">{ &rubric.sha256 }</code></p>
                <p class="hint">{ tr(lang,
                    "Pengajuan yang dibuat dengan rubrik lain ditolak dengan menyebut nama kedua rubrik, dan tidak dinilai ulang dengan aturan yang salah. Ganti rubrik di halaman penilaian mandiri.",
                    "Submissions made with another rubric are rejected naming both rubrics, never re-scored with the wrong rules. Change the rubric on the self-assessment page.") }</p>
            </section>

            <section class="section" aria-labelledby="import-title">
                <h2 id="import-title">{ tr(lang, "Impor berkas pengajuan", "Import submission files") }</h2>
                <div class={classes!("dropzone", drag.then_some("dragging"))} ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                    <label class="label" for="import-files">{ tr(lang, "Pilih berkas pengajuan (.json), boleh banyak sekaligus", "Choose submission files (.json), many at once") }</label>
                    <p class="hint" id="import-hint">{ tr(lang,
                        "Atau seret berkas atau seluruh folder ke kotak ini. Berkas di atas 1 MiB ditolak tanpa dibaca. Berkas baru digabung dengan yang sudah diimpor.",
                        "Or drag files or a whole folder onto this box. Files over 1 MiB are refused unread. New files merge with those already imported.") }</p>
                    <input type="file" id="import-files" data-testid="import-files" multiple=true accept=".json,application/json"
                        aria-describedby="import-hint" onchange={on_input_files} />
                </div>
                if let Some((done, all)) = *progress {
                    <div class="progress" data-testid="import-progress">
                        <label for="import-progress-bar">{ format!("{} {done} / {all}", tr(lang, "Memproses berkas", "Processing files")) }</label>
                        <progress id="import-progress-bar" max={all.to_string()} value={done.to_string()}>{ format!("{done}/{all}") }</progress>
                    </div>
                }
                if let Err(e) = &*storage {
                    <div class="warning-banner" role="alert">{ match (e, lang) {
                        (StorageError::Full, Lang::Id) => "Penyimpanan peramban penuh: sesi impor ini TIDAK akan bertahan setelah halaman dimuat ulang. Ekspor hasilnya sekarang.",
                        (StorageError::Full, Lang::En) => "Browser storage is full: this import session will NOT survive a reload. Export the results now.",
                        (_, Lang::Id) => "Penyimpanan peramban tidak tersedia: sesi impor tidak tersimpan.",
                        (_, Lang::En) => "Browser storage is unavailable: the import session is not saved.",
                    } }</div>
                }
                if total > 0 {
                    <button type="button" class="button-secondary danger-button" onclick={clear_all}>{ tr(lang, "Hapus semua data impor", "Delete all imported data") }</button>
                }
            </section>

            if let Some(report) = report {
                { status_table(report, lang, &filter, &selected, &counts, &shown_files) }
                if let Some(i) = *selected {
                    if let Some(f) = report.files.get(i) {
                        { details(&rubric, f, lang, &selected) }
                    }
                }
                { rankings(&rubric, report, &b.jury_typed, lang, &type_filter, &sort, &selected, &set_jury, &shown_ranks) }
                <section class="section" aria-labelledby="jury-title">
                    <h2 id="jury-title">{ tr(lang, "Nilai juri dari CSV", "Jury marks from CSV") }</h2>
                    <label class="label" for="import-jury">{ tr(lang, "Impor CSV nilai juri", "Import a jury-marks CSV") }</label>
                    <p class="hint" id="import-jury-hint">{ tr(lang, "Judul kolom: agency,category,jury_score; pemisah ; atau ,", "Header: agency,category,jury_score; separated by ; or ,") }</p>
                    <input type="file" id="import-jury" data-testid="import-jury" accept=".csv,text/csv" aria-describedby="import-jury-hint" onchange={on_jury_csv} />
                    if !jury_problems.is_empty() {
                        <ul class="problem-list" role="alert">
                            { for jury_problems.iter().map(|p| html! { <li>{ format!("{}: {}", p.path, p.message(lang)) }</li> }) }
                        </ul>
                    }
                    if !report.unmatched_jury.is_empty() {
                        <p class="warning-text">{ tr(lang, "Nilai juri tanpa pengajuan yang cocok: ", "Jury marks matching no submission: ") }
                            { report.unmatched_jury.iter().map(|(c, a)| format!("{a} ({c})")).collect::<Vec<_>>().join("; ") }</p>
                    }
                </section>
                <section class="section" aria-labelledby="exports-title">
                    <h2 id="exports-title">{ tr(lang, "Ekspor hasil", "Export results") }</h2>
                    <div class="button-row">
                        <button type="button" class="button" data-testid="export-csv" onclick={let e = export.clone(); Callback::from(move |_: MouseEvent| e.emit("csv"))}>{ "CSV" }</button>
                        <button type="button" class="button" data-testid="export-xlsx" onclick={let e = export.clone(); Callback::from(move |_: MouseEvent| e.emit("xlsx"))}>{ "XLSX" }</button>
                        <button type="button" class="button" data-testid="export-json" onclick={let e = export.clone(); Callback::from(move |_: MouseEvent| e.emit("json"))}>{ "JSON" }</button>
                    </div>
                    <p class="hint">{ tr(lang, "CSV memakai pemisah ; dan koma desimal (Excel berbahasa Indonesia), dengan sel berawalan = + - @ dinetralkan.",
                        "CSV uses ; and decimal commas (Indonesian Excel), with cells starting = + - @ neutralised.") }</p>
                </section>
            }
        </div>
    }
}

/// Where the outcome of saving the session is shown.
type StorageHandle = UseStateHandle<Result<(), StorageError>>;

/// Assesses files in chunks, yielding to the browser between chunks, then resolves duplicates
/// and rankings and saves the session.
async fn assess_all(
    rubric: Rc<ampk_core::Rubric>,
    batch: Rc<RefCell<Batch>>,
    files: Vec<(String, Vec<u8>)>,
    version: UseStateHandle<u32>,
    progress: UseStateHandle<Option<(usize, usize)>>,
    save: Option<(Vec<FileReport>, StorageHandle)>,
) {
    let all = files.len();
    let mut done = 0;
    let mut assessed = Vec::with_capacity(all);
    for chunk in files.chunks(CHUNK) {
        for (name, bytes) in chunk {
            assessed.push(import::assess(&rubric, name, bytes));
        }
        done += chunk.len();
        progress.set(Some((done, all)));
        browser::yield_now().await;
    }
    {
        let mut b = batch.borrow_mut();
        let mut reports = b.report.take().map(|r| r.files).unwrap_or_default();
        reports.extend(assessed);
        b.files.extend(files);
        if let Some((oversize, storage)) = save {
            reports.extend(oversize);
            b.report = Some(import::resolve(&rubric, reports, &b.jury));
            storage.set(browser::save_rekap(&b.session()));
        } else {
            b.report = Some(import::resolve(&rubric, reports, &b.jury));
        }
    }
    progress.set(None);
    version.set(*version + 1);
}

fn status_table(
    report: &ImportReport,
    lang: Lang,
    filter: &UseStateHandle<Option<Status>>,
    selected: &UseStateHandle<Option<usize>>,
    counts: &std::collections::BTreeMap<Status, usize>,
    shown: &UseStateHandle<usize>,
) -> Html {
    let matching = report.files.iter().filter(|f| filter.is_none_or(|s| f.status == s)).count();
    let statuses = [Status::Accepted, Status::AcceptedWithWarnings, Status::Superseded, Status::Rejected];
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            filter.set(statuses.iter().copied().find(|s| s.as_str() == el.value()));
        })
    };
    html! {
        <section class="section" aria-labelledby="status-title">
            <h2 id="status-title">{ tr(lang, "Status setiap berkas", "Status of every file") }</h2>
            <ul class="counts" data-testid="status-counts">
                <li>{ format!("{}: {}", tr(lang, "Semua", "All"), report.files.len()) }</li>
                { for statuses.iter().map(|s| html! {
                    <li data-status={s.as_str()}>{ format!("{}: {}", s.label(lang), counts.get(s).copied().unwrap_or(0)) }</li>
                }) }
            </ul>
            <div class="field">
                <label class="label" for="status-filter">{ tr(lang, "Tampilkan status", "Show status") }</label>
                <select class="select" id="status-filter" onchange={on_filter}>
                    <option value="" selected={filter.is_none()}>{ tr(lang, "Semua status", "All statuses") }</option>
                    { for statuses.iter().map(|s| html! { <option value={s.as_str()} selected={**filter == Some(*s)}>{ s.label(lang) }</option> }) }
                </select>
            </div>
            <table class="table files">
                <thead><tr>
                    <th scope="col">{ tr(lang, "Berkas", "File") }</th>
                    <th scope="col">{ tr(lang, "Status", "Status") }</th>
                    <th scope="col">{ tr(lang, "Instansi", "Agency") }</th>
                    <th scope="col">{ tr(lang, "Alasan", "Reasons") }</th>
                </tr></thead>
                <tbody>
                    { for report.files.iter().enumerate().filter(|(_, f)| filter.is_none_or(|s| f.status == s)).take(**shown).map(|(i, f)| {
                        let open = {
                            let selected = selected.clone();
                            Callback::from(move |_: MouseEvent| {
                                selected.set(Some(i));
                                browser::focus("details");
                            })
                        };
                        html! {
                            <tr data-testid="file-row" data-file={f.file.clone()} data-status={f.status.as_str()}>
                                <td><button type="button" class="button-link" onclick={open}>{ &f.file }</button></td>
                                <td><span class={classes!("tag", status_class(f.status))}>{ f.status.label(lang) }</span></td>
                                <td>{ f.agency().unwrap_or("–") }</td>
                                <td>
                                    <ul class="reasons">
                                        { for f.reasons.iter().map(|p| html! {
                                            <li><code>{ p.code.to_string() }</code>{ " " }{ if p.path.is_empty() { String::new() } else { format!("{}: ", p.path) } }{ p.message(lang) }</li>
                                        }) }
                                    </ul>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if matching > **shown {
                <button type="button" class="button-secondary" onclick={{
                    let (shown, next) = (shown.clone(), **shown + FILE_PAGE);
                    Callback::from(move |_: MouseEvent| shown.set(next))
                }}>
                    { format!("{} ({} / {matching})", tr(lang, "Tampilkan lebih banyak", "Show more"), **shown) }
                </button>
            }
        </section>
    }
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Accepted => "tag-green",
        Status::AcceptedWithWarnings => "tag-yellow",
        Status::Superseded => "tag-grey",
        Status::Rejected => "tag-red",
    }
}

/// One submission in full. All imported text is rendered as text nodes, never as HTML.
fn details(rubric: &ampk_core::Rubric, f: &FileReport, lang: Lang, selected: &UseStateHandle<Option<usize>>) -> Html {
    let close = {
        let selected = selected.clone();
        Callback::from(move |_: MouseEvent| selected.set(None))
    };
    let Some(read) = &f.read else {
        return html! {
            <section class="section details-panel" id="details" tabindex="-1" aria-labelledby="details-title">
                <h2 id="details-title">{ &f.file }</h2>
                <p>{ tr(lang, "Berkas tidak dapat dibaca; lihat alasannya di tabel status.", "The file could not be read; see its reasons in the status table.") }</p>
                <button type="button" class="button-secondary" onclick={close}>{ tr(lang, "Tutup", "Close") }</button>
            </section>
        };
    };
    let w = &read.wire;
    let integrity = match f.checked.as_ref().and_then(|c| c.integrity) {
        Some(Integrity::Ok) => tr(lang, "utuh (sidik cocok)", "intact (digest matches)"),
        Some(Integrity::Mismatch) => {
            tr(lang, "DIUBAH SETELAH DIEKSPOR (sidik tidak cocok)", "CHANGED AFTER EXPORT (digest mismatch)")
        }
        Some(Integrity::Missing) => tr(lang, "tanpa sidik integritas", "no integrity digest"),
        None => tr(lang, "tidak diperiksa (rubrik berbeda)", "not checked (different rubric)"),
    };
    let cards = f.checked.as_ref().map(|c| c.cards.as_slice()).unwrap_or_default();
    html! {
        <section class="section details-panel" id="details" tabindex="-1" aria-labelledby="details-title" data-testid="details">
            <h2 id="details-title">{ format!("{} — {}", w.agency.name, f.file) }</h2>
            <button type="button" class="button-secondary" onclick={close}>{ tr(lang, "Tutup rincian", "Close details") }</button>
            <dl class="facts">
                <dt>{ tr(lang, "Jenis", "Type") }</dt><dd>{ &w.agency.agency_type }</dd>
                if let Some(p) = &w.agency.parent { <dt>{ tr(lang, "OPD induk", "Parent OPD") }</dt><dd>{ p }</dd> }
                <dt>{ tr(lang, "Petugas", "Officer") }</dt>
                <dd>{ [Some(w.agency.officer.name.clone()), w.agency.officer.email.clone(), w.agency.officer.phone.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ") }</dd>
                <dt>{ tr(lang, "Bulan data", "Months of data") }</dt><dd>{ w.months }</dd>
                <dt>{ "submission_id" }</dt><dd><code>{ &w.submission_id }</code></dd>
                <dt>{ tr(lang, "Diekspor", "Exported") }</dt><dd>{ &w.exported_at }</dd>
                <dt>{ tr(lang, "Integritas", "Integrity") }</dt><dd data-testid="integrity">{ integrity }</dd>
            </dl>
            { for cards.iter().map(|card| {
                let def = &rubric.file.categories[card.category];
                let entry = w.categories.get(&def.id);
                let computed = w.computed.get(&def.id);
                html! {
                    <div class="details-category">
                        <h3>{ format!("{} — {} {} ({})", def.label.get(lang), tr(lang, "nilai data", "data score"), fmt::score(card.data_score, lang), card.predicate(rubric, lang)) }</h3>
                        <table class="table">
                            <thead><tr>
                                <th scope="col">{ tr(lang, "Indikator", "Indicator") }</th>
                                <th scope="col" class="num">{ tr(lang, "Nilai ulang", "Re-scored") }</th>
                                <th scope="col" class="num">{ tr(lang, "Tertanam", "Embedded") }</th>
                            </tr></thead>
                            <tbody>
                                { for def.indicators.iter().zip(&card.indicators).map(|(d, s)| {
                                    let fresh = round2(s.score);
                                    let emb = computed.and_then(|c| c.indicators.get(&d.id)).copied();
                                    let differs = emb.is_some_and(|e| e != fresh);
                                    html! {
                                        <tr class={classes!(differs.then_some("differs"))}>
                                            <th scope="row">{ format!("{} {}", d.id, d.label.get(lang)) }</th>
                                            <td class="num">{ fmt::score(fresh, lang) }</td>
                                            <td class="num">{ emb.map(|e| fmt::score(e, lang)).unwrap_or_else(|| "–".into()) }{ if differs { " ≠" } else { "" } }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                        <table class="table">
                            <thead><tr>
                                <th scope="col">{ tr(lang, "Isian", "Input") }</th>
                                <th scope="col" class="num">{ tr(lang, "Nilai", "Value") }</th>
                                <th scope="col">{ tr(lang, "Bukti", "Evidence") }</th>
                            </tr></thead>
                            <tbody>
                                { for def.inputs.iter().map(|d| {
                                    let v = entry.and_then(|e| e.inputs.get(&d.id));
                                    let shown = match v {
                                        Some(ampk_core::InputValue::Number(n)) => fmt::number(*n, lang, None),
                                        Some(ampk_core::InputValue::Bool(b)) => if *b { "✔".into() } else { "✘".into() },
                                        Some(ampk_core::InputValue::Checklist(a)) => format!("{} / {}", a.values().filter(|x| **x == ampk_core::score::Answer::Yes).count(), d.items.as_ref().map_or(0, Vec::len)),
                                        None => "–".into(),
                                    };
                                    let links = entry.and_then(|e| e.evidence.get(&d.id)).cloned().unwrap_or_default();
                                    html! {
                                        <tr>
                                            <th scope="row">{ d.label.get(lang) }</th>
                                            <td class="num">{ shown }</td>
                                            <td>
                                                { for links.iter().map(|l| if submission::is_http_url(l) {
                                                    html! { <a class="evidence-link" href={l.clone()} target="_blank" rel="noopener noreferrer">{ l }</a> }
                                                } else {
                                                    html! { <span class="bad-link">{ l }</span> }
                                                }) }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                        if let Some(note) = entry.and_then(|e| e.note.as_ref()) {
                            <p class="note"><strong>{ tr(lang, "Catatan: ", "Note: ") }</strong><span data-testid="note">{ note }</span></p>
                        }
                    </div>
                }
            }) }
        </section>
    }
}

/// A jury cell: the mark in force, or the text typed that is not a mark, shown as typed with
/// `aria-invalid` and its problem beside it until it is fixed.
fn jury_cell(id: &str, mark: Option<f64>, typed: Option<&String>, lang: Lang, on_change: Callback<Event>) -> Html {
    let value = match typed {
        Some(t) => t.clone(),
        None => mark.map(|j| fmt::number(j, Lang::En, None)).unwrap_or_default(),
    };
    let err_id = format!("{id}-error");
    html! {
        <>
            <input class={classes!("input", "jury-input", typed.is_some().then_some("input-error"))} type="text"
                inputmode="decimal" id={id.to_string()} size="5" value={value} onchange={on_change}
                aria-invalid={typed.is_some().then_some("true")} aria-describedby={typed.is_some().then(|| err_id.clone())} />
            if let Some(t) = typed {
                <p class="error-message jury-error" id={err_id} data-testid="jury-error">{ format!("{} \"{t}\"",
                    tr(lang, "Nilai juri harus angka 0–100; tertulis", "The jury mark must be a number 0–100; typed")) }</p>
            }
        </>
    }
}

// A render function taking the page's state handles one by one; grouping them would only move
// the same list into a struct.
#[allow(clippy::too_many_arguments)]
fn rankings(
    rubric: &ampk_core::Rubric,
    report: &ImportReport,
    jury_typed: &BTreeMap<(String, String), String>,
    lang: Lang,
    type_filter: &UseStateHandle<String>,
    sort: &UseStateHandle<SortKey>,
    selected: &UseStateHandle<Option<usize>>,
    set_jury: &Callback<(String, String, String)>,
    shown: &UseStateHandle<usize>,
) -> Html {
    let on_type = {
        let type_filter = type_filter.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            type_filter.set(el.value());
        })
    };
    // The active column's header says so (`aria-sort`); every sort puts the best first, and
    // the agency sort is A–Z.
    let sort_attr = |key: SortKey| {
        (**sort == key).then_some(if key == SortKey::Agency || key == SortKey::Rank {
            "ascending"
        } else {
            "descending"
        })
    };
    let sort_button = |key: SortKey, label: &'static str| {
        let sort = sort.clone();
        let active = *sort == key;
        html! {
            <button type="button" class="button-link sort" aria-pressed={if active { "true" } else { "false" }}
                onclick={Callback::from(move |_: MouseEvent| sort.set(key))}>{ label }{ if active { " ▼" } else { "" } }</button>
        }
    };
    html! {
        <section class="section" aria-labelledby="rank-title">
            <h2 id="rank-title">{ tr(lang, "Peringkat per kategori", "Ranking per category") }</h2>
            <div class="field">
                <label class="label" for="type-filter">{ tr(lang, "Jenis instansi", "Agency type") }</label>
                <select class="select" id="type-filter" onchange={on_type}>
                    <option value="" selected={type_filter.is_empty()}>{ tr(lang, "Semua jenis", "All types") }</option>
                    { for rubric.file.agency_types.iter().map(|at| html! {
                        <option value={at.id.clone()} selected={**type_filter == at.id}>{ at.label.get(lang) }</option>
                    }) }
                </select>
            </div>
            <p class="hint">{ tr(lang,
                "★ = pemenang. Peringkat sama berarti nilai dan semua indikator penentu sama persis (1, 2, 2, 4); peringkat yang sama di batas pemenang membuat semuanya menang. Nilai akhir dan peringkat akhir muncul setelah semua peserta kategori diberi nilai juri.",
                "★ = winner. A shared rank means the score and every tie-break indicator are exactly equal (1, 2, 2, 4); a shared rank at the cut-off makes all of them winners. The final score and final ranking appear once every entry of the category has a jury mark.") }</p>
            { for report.categories.iter().map(|c| {
                let def = &rubric.file.categories[c.category];
                if !type_filter.is_empty() && !def.eligible.contains(&**type_filter) {
                    return html! {};
                }
                // The type filter also keeps only that type's entries of a category open to
                // several types; they keep their rank in the whole category.
                let mut rows: Vec<&import::Row> = c
                    .rows
                    .iter()
                    .filter(|r| type_filter.is_empty() || report.files[r.file].agency_type() == Some(type_filter.as_str()))
                    .collect();
                match **sort {
                    SortKey::Rank => {}
                    SortKey::Agency => rows.sort_by_key(|r| name_key(report.files[r.file].agency().unwrap_or(""))),
                    SortKey::Data => rows.sort_by(|a, b| b.data_score.total_cmp(&a.data_score)),
                    SortKey::Final => rows.sort_by(|a, b| b.final_score.unwrap_or(-1.0).total_cmp(&a.final_score.unwrap_or(-1.0))),
                }
                let shared: Vec<u32> = c.rows.windows(2).filter(|w| w[0].rank == w[1].rank).map(|w| w[0].rank).collect();
                html! {
                    <div class="ranking">
                        <h3>{ def.label.get(lang) }{ " " }<span class="meta">{ format!("({} {}, {})", def.winners, tr(lang, "pemenang", "winners"),
                            if c.by_final { tr(lang, "peringkat akhir: nilai akhir", "final ranking: final score") } else { tr(lang, "peringkat: nilai data", "ranked by data score") }) }</span></h3>
                        if c.rows.is_empty() {
                            <p class="inset" data-testid={format!("ranking-{}", def.id)}>{ tr(lang, "Belum ada pengajuan yang diterima.", "No accepted submissions yet.") }</p>
                        } else {
                            <table class="table ranking-table" data-testid={format!("ranking-{}", def.id)}>
                                <thead><tr>
                                    <th scope="col" aria-sort={sort_attr(SortKey::Rank)}>{ sort_button(SortKey::Rank, if c.by_final { tr(lang, "Peringkat akhir", "Final rank") } else { tr(lang, "Peringkat", "Rank") }) }</th>
                                    if c.by_final {
                                        <th scope="col">{ tr(lang, "Peringkat data", "Data rank") }</th>
                                    }
                                    <th scope="col" aria-sort={sort_attr(SortKey::Agency)}>{ sort_button(SortKey::Agency, tr(lang, "Instansi", "Agency")) }</th>
                                    <th scope="col" class="num" aria-sort={sort_attr(SortKey::Data)}>{ sort_button(SortKey::Data, tr(lang, "Nilai data", "Data score")) }</th>
                                    <th scope="col">{ tr(lang, "Predikat", "Predicate") }</th>
                                    <th scope="col">{ tr(lang, "Nilai juri", "Jury mark") }</th>
                                    <th scope="col" class="num" aria-sort={sort_attr(SortKey::Final)}>{ sort_button(SortKey::Final, tr(lang, "Nilai akhir", "Final score")) }</th>
                                </tr></thead>
                                <tbody>
                                    { for rows.iter().take(**shown).map(|row| {
                                        let f = &report.files[row.file];
                                        let card = &f.checked.as_ref().expect("ranked files are checked").cards[row.card];
                                        let agency = f.agency().unwrap_or("").to_string();
                                        let jid = format!("jury-{}-{}", def.id, row.file);
                                        let on_jury = {
                                            let (set_jury, cat, agency) = (set_jury.clone(), def.id.clone(), agency.clone());
                                            Callback::from(move |e: Event| {
                                                let el: HtmlInputElement = e.target_unchecked_into();
                                                set_jury.emit((cat.clone(), agency.clone(), el.value()));
                                            })
                                        };
                                        let open = {
                                            let (selected, i) = (selected.clone(), row.file);
                                            Callback::from(move |_: MouseEvent| {
                                                selected.set(Some(i));
                                                browser::focus("details");
                                            })
                                        };
                                        let is_shared = shared.contains(&row.rank);
                                        html! {
                                            <tr class={classes!(row.winner.then_some("winner"))} data-rank={row.rank.to_string()} data-agency={agency.clone()}
                                                data-score={format!("{:.2}", row.data_score)} data-final={row.final_score.map(|x| format!("{x:.2}"))}>
                                                <td>{ if row.winner { "★ " } else { "" } }{ row.rank }{ if is_shared { tr(lang, " (bersama)", " (shared)") } else { "" } }</td>
                                                if c.by_final {
                                                    <td data-testid="data-rank">{ row.data_rank }</td>
                                                }
                                                <td><button type="button" class="button-link" onclick={open}>{ &agency }</button></td>
                                                <td class="num">{ fmt::score(row.data_score, lang) }</td>
                                                <td>{ card.predicate(rubric, lang) }</td>
                                                <td>
                                                    <label class="visually-hidden" for={jid.clone()}>{ format!("{} {agency}", tr(lang, "Nilai juri untuk", "Jury mark for")) }</label>
                                                    { jury_cell(&jid, row.jury, jury_typed.get(&(def.id.clone(), name_key(&agency))), lang, on_jury) }
                                                </td>
                                                <td class="num">{ row.final_score.map(|x| fmt::score(x, lang)).unwrap_or_else(|| "–".into()) }</td>
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                            if rows.len() > **shown {
                                <button type="button" class="button-secondary" onclick={{
                                    let (shown, all) = (shown.clone(), rows.len());
                                    Callback::from(move |_: MouseEvent| shown.set(all))
                                }}>{ format!("{} ({})", tr(lang, "Tampilkan semua peringkat", "Show the whole ranking"), rows.len()) }</button>
                            }
                        }
                    </div>
                }
            }) }
        </section>
    }
}
