//! Jury marks from a CSV file, the exports of the results (CSV, XLSX, JSON), each equal to what
//! `ampk rank` writes for the same files and marks (with the review's columns and sheets once a
//! review exists), and the review file and audit log: downloaded, or a review file opened to
//! continue on another PC.

use crate::browser;
use crate::state::{RekapAction, RekapModel};
use ampk_core::import::{self, ImportReport};
use ampk_core::{feedback, fmt, review, rubric, submission, workbook, Lang, Problem, ProblemCode};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The jury-marks CSV section, with what was wrong in the last file and the marks that match
/// no submission.
pub(super) fn jury_section(m: &RekapModel, report: &ImportReport, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let on_jury_csv = {
        let on = on.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = browser::take_files(&input).into_iter().next() else { return };
            let on = on.clone();
            wasm_bindgen_futures::spawn_local(async move {
                on.emit(match browser::read_file(&file, submission::MAX_BYTES).await {
                    Ok(bytes) => RekapAction::JuryCsv(bytes),
                    Err(_) => RekapAction::JuryProblems(vec![Problem::of(ProblemCode::TooLarge, "", |t| {
                        t.rekap_file_too_large().to_string()
                    })]),
                });
            });
        })
    };
    let unmatched = report.unmatched_jury.iter().map(|(c, a)| format!("{a} ({c})")).collect::<Vec<_>>().join("; ");
    html! {
        <section class="section" aria-labelledby="jury-title">
            <h2 id="jury-title">{ t.rekap_jury_title() }</h2>
            <label class="label" for="import-jury">{ t.rekap_jury_import() }</label>
            <p class="hint" id="import-jury-hint">{ t.rekap_jury_header_hint() }</p>
            <input type="file" id="import-jury" data-testid="import-jury" accept=".csv,text/csv"
                aria-describedby="import-jury-hint" onchange={on_jury_csv} />
            if !m.jury_problems.is_empty() {
                <div role="alert">{ super::problem_list(&m.jury_problems, lang) }</div>
            }
            if !report.unmatched_jury.is_empty() {
                <p class="warning-text">{ t.rekap_unmatched_jury() }{ unmatched }</p>
            }
        </section>
    }
}

/// A file the results can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ExportKind {
    Csv,
    Xlsx,
    Json,
}

impl ExportKind {
    /// Every kind, in the order the buttons offer them.
    const ALL: [ExportKind; 3] = [ExportKind::Csv, ExportKind::Xlsx, ExportKind::Json];

    /// The file name's extension (also the button's test id).
    fn extension(self) -> &'static str {
        match self {
            ExportKind::Csv => "csv",
            ExportKind::Xlsx => "xlsx",
            ExportKind::Json => "json",
        }
    }

    /// The button's label.
    fn label(self) -> &'static str {
        match self {
            ExportKind::Csv => "CSV",
            ExportKind::Xlsx => "XLSX",
            ExportKind::Json => "JSON",
        }
    }

    /// The file's media type.
    fn mime(self) -> &'static str {
        match self {
            ExportKind::Csv => "text/csv;charset=utf-8",
            ExportKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ExportKind::Json => "application/json",
        }
    }
}

/// The exports section: a button per kind.
pub(super) fn export_section(m: &RekapModel, lang: Lang) -> Html {
    let t = lang.texts();
    let button = |kind: ExportKind| {
        let m = m.clone();
        let onclick = Callback::from(move |_: MouseEvent| export(&m, kind, lang));
        html! {
            <button type="button" class="button" data-testid={format!("export-{}", kind.extension())} onclick={onclick}>
                { kind.label() }
            </button>
        }
    };
    html! {
        <section class="section" aria-labelledby="exports-title">
            <h2 id="exports-title">{ t.rekap_exports_title() }</h2>
            <div class="button-row">
                { for ExportKind::ALL.into_iter().map(button) }
            </div>
            <p class="hint">{ t.rekap_csv_hint() }</p>
            <p class="hint">{ t.rekap_review_exports_hint() }</p>
        </section>
    }
}

/// The review file and the audit log: downloads, and opening a review file (read and checked
/// against the batch; its problems listed with their JSON paths, nothing applied).
pub(super) fn review_files_section(m: &RekapModel, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let download = |testid: &'static str, label: &'static str, what: ReviewDownload| {
        let m = m.clone();
        let onclick = Callback::from(move |_: MouseEvent| review_download(&m, what, lang));
        html! { <button type="button" class="button-secondary" data-testid={testid} {onclick}>{ label }</button> }
    };
    let on_open = {
        let (on, review) = (on.clone(), m.review.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = browser::take_files(&input).into_iter().next() else { return };
            input.set_value("");
            let replaced = t.rekap_open_review_confirm(review.audit.len(), review.reviews.len());
            if review.has_work() && !browser::confirm(&replaced) {
                return;
            }
            let on = on.clone();
            wasm_bindgen_futures::spawn_local(async move {
                on.emit(RekapAction::LoadReview(match browser::read_file(&file, review::MAX_BYTES).await {
                    Ok(bytes) => review::read(&bytes),
                    Err(_) => Err(vec![Problem::of(ProblemCode::TooLarge, "", |t| t.rekap_file_too_large())]),
                }));
            });
        })
    };
    html! {
        <section class="section" aria-labelledby="review-files-title">
            <h2 id="review-files-title">{ t.rekap_review_files_title() }</h2>
            <p class="hint">{ t.rekap_review_files_hint() }</p>
            if !m.review_problems.is_empty() {
                <div class="warning-text" data-testid="review-stale">
                    <p>{ t.rekap_review_stale(m.review_problems.len()) }</p>
                    { super::problem_list(&m.review_problems, lang) }
                </div>
            }
            <div class="button-row">
                { download("export-review", t.rekap_export_review(), ReviewDownload::File) }
                { download("export-audit", t.rekap_export_audit(), ReviewDownload::AuditCsv) }
                { download("export-audit-json", t.rekap_export_audit_json(), ReviewDownload::AuditJson) }
                { download("export-corrections", t.rekap_export_corrections(), ReviewDownload::Corrections) }
                { download("export-feedback", t.rekap_export_feedback(), ReviewDownload::Feedback) }
            </div>
            <p class="hint">{ t.rekap_export_feedback_hint() }</p>
            <div class="field">
                <label class="label" for="open-review">{ t.rekap_open_review() }</label>
                <input type="file" id="open-review" data-testid="open-review" accept=".json,application/json"
                    onchange={on_open} />
            </div>
            { match &m.review_load {
                Some(Ok((reviews, entries))) => html! {
                    <p class="success-text" role="status" data-testid="review-loaded">
                        { t.rekap_open_review_done(*entries, *reviews) }
                    </p>
                },
                Some(Err(problems)) => html! {
                    <div role="alert" data-testid="review-load-problems">
                        <p class="error-message">{ t.rekap_open_review_problems(problems.len()) }</p>
                        { super::problem_list(problems, lang) }
                    </div>
                },
                None => html! {},
            } }
        </section>
    }
}

/// Downloads the feedback file of one ranked submission (whatever its review holds).
pub(super) fn download_feedback(m: &RekapModel, submission_id: &str) {
    let (Some(report), Some(v)) = (&m.report, &m.verified) else { return };
    if let Some(f) = feedback::build(&m.rubric.0, report, &m.review, v, submission_id, &browser::now()) {
        let _ = browser::download(&feedback::file_name(&f), "application/json", feedback::write(&f).as_bytes());
    }
}

/// What of the review is downloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReviewDownload {
    /// The review file (`review::write`, with its digest).
    File,
    AuditCsv,
    AuditJson,
    Corrections,
    /// The feedback of every submission whose review holds something to send back: one JSON
    /// file when there is one, a zip of them when there are several.
    Feedback,
}

fn review_download(m: &RekapModel, what: ReviewDownload, lang: Lang) {
    let Some(report) = &m.report else { return };
    let edition = m.rubric.0.file.edition;
    let stamp = fmt::date_stamp(&browser::now());
    let (name, mime, bytes) = match what {
        ReviewDownload::File => (
            format!("ampk-pemeriksaan-{edition}-{stamp}.json"),
            "application/json",
            review::write(&m.review).into_bytes(),
        ),
        ReviewDownload::AuditCsv => (
            format!("ampk-audit-{edition}-{stamp}.csv"),
            "text/csv;charset=utf-8",
            review::audit_csv(&m.review.audit, lang).into_bytes(),
        ),
        ReviewDownload::AuditJson => {
            let json = serde_json::to_string_pretty(&m.review.audit).expect("the audit serialises") + "\n";
            (format!("ampk-audit-{edition}-{stamp}.json"), "application/json", json.into_bytes())
        }
        ReviewDownload::Corrections => (
            format!("ampk-koreksi-{edition}-{stamp}.csv"),
            "text/csv;charset=utf-8",
            review::corrections_csv(report, &m.review, lang),
        ),
        ReviewDownload::Feedback => {
            let Some(v) = &m.verified else { return };
            let files: Vec<(String, String)> = feedback::build_all(&m.rubric.0, report, &m.review, v, &browser::now())
                .into_iter()
                .map(|(name, f)| (name, feedback::write(&f)))
                .collect();
            match files.as_slice() {
                [] => return,
                [(name, text)] => (name.clone(), "application/json", text.clone().into_bytes()),
                _ => (format!("ampk-umpan-balik-{edition}-{stamp}.zip"), "application/zip", crate::bundle::zip(&files)),
            }
        }
    };
    let _ = browser::download(&name, mime, &bytes);
}

/// Offers the results as a file of `kind`, named after the rubric's edition and today's date.
fn export(m: &RekapModel, kind: ExportKind, lang: Lang) {
    let Some(report) = &m.report else { return };
    let rubric = &m.rubric.0;
    let now = browser::now();
    let name = format!("ampk-rekap-{}-{}.{}", rubric.file.edition, fmt::date_stamp(&now), kind.extension());
    // Once a review exists, every export carries it; without one they are as before, byte for
    // byte (the CLI's without --review).
    let verified = m.verified.as_deref().filter(|_| m.review.has_work());
    let _ = match kind {
        ExportKind::Csv => {
            browser::download(&name, kind.mime(), &review::ranking_csv(rubric, report, verified, b';', lang))
        }
        ExportKind::Json => {
            let value = match verified {
                Some(v) => review::report_json(rubric, report, v, lang),
                None => import::report_json(rubric, report, lang),
            };
            let json = serde_json::to_string_pretty(&value).expect("report serialises") + "\n";
            browser::download(&name, kind.mime(), json.as_bytes())
        }
        ExportKind::Xlsx => {
            // Built in the worker module, fetched only now: it costs the first load nothing. It
            // is sent the rubric's text: the official file in use, else the built-in model.
            let rubric_text = browser::rubric_in_use()
                .filter(|t| rubric::load(t.as_bytes()).is_ok_and(|r| r.sha256 == rubric.sha256))
                .unwrap_or_else(|| rubric::MODEL_RUBRIC_JSON.to_string());
            let session = m.session();
            let request = workbook::Request {
                rubric: rubric_text,
                files: session.files,
                jury: session.meta.jury,
                lang,
                stamp: workbook::stamp(&now),
                review: session.meta.review,
            };
            browser::xlsx_in_worker(&request, move |result| match result {
                Ok(bytes) => {
                    let _ = browser::download(&name, kind.mime(), &bytes);
                }
                Err(msg) => browser::log_error(&msg),
            });
            Ok(())
        }
    };
}
