//! Jury marks from a CSV file, and the exports of the results (CSV, XLSX, JSON), each equal to
//! what `ampk rank` writes for the same files and marks.

use crate::browser;
use crate::state::{RekapAction, RekapModel};
use ampk_core::export::ranking_csv;
use ampk_core::import::{self, ImportReport};
use ampk_core::{fmt, rubric, submission, workbook, Lang, Problem, ProblemCode};
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
                <ul class="problem-list" role="alert">
                    { for m.jury_problems.iter().map(|p| html! {
                        <li>{ format!("{}: {}", p.path, p.message(lang)) }</li>
                    }) }
                </ul>
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
        </section>
    }
}

/// Offers the results as a file of `kind`, named after the rubric's edition and today's date.
fn export(m: &RekapModel, kind: ExportKind, lang: Lang) {
    let Some(report) = &m.report else { return };
    let rubric = &m.rubric.0;
    let now = browser::now();
    let name = format!("ampk-rekap-{}-{}.{}", rubric.file.edition, fmt::date_stamp(&now), kind.extension());
    let _ = match kind {
        ExportKind::Csv => browser::download(&name, kind.mime(), &ranking_csv(rubric, report, b';', lang)),
        ExportKind::Json => {
            let json = serde_json::to_string_pretty(&import::report_json(rubric, report, lang))
                .expect("report serialises")
                + "\n";
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
                jury: session.jury,
                lang,
                stamp: workbook::stamp(&now),
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
