//! The audit log of the review: every action with its time, reviewer, submission, field, from →
//! to and reason; per submission (in its details) and for the whole batch (a disclosure).

use crate::state::RekapModel;
use ampk_core::export::json_text;
use ampk_core::import::ImportReport;
use ampk_core::review::AuditEntry;
use ampk_core::Lang;
use serde_json::Value;
use yew::prelude::*;

/// A value before or after: its text, or "–" for none.
fn shown(v: &Value) -> String {
    if v.is_null() {
        "–".into()
    } else {
        json_text(v)
    }
}

/// The agency of an accepted submission of the batch, else its id.
fn who(report: &ImportReport, submission_id: &str) -> String {
    report
        .files
        .iter()
        .find(|f| f.submission_id() == Some(submission_id) && f.agency().is_some())
        .and_then(|f| f.agency())
        .unwrap_or(submission_id)
        .to_string()
}

/// A table of audit entries, newest first; with the submission column for the whole batch.
pub(super) fn audit_table(entries: &[&AuditEntry], report: Option<&ImportReport>, label: String, lang: Lang) -> Html {
    let t = lang.texts();
    if entries.is_empty() {
        return html! { <p class="hint">{ t.rekap_audit_empty() }</p> };
    }
    html! {
        <div class="table-scroll" role="region" tabindex="0" aria-label={label}>
            <table class="table audit-table" data-testid="audit-table">
                <thead><tr>
                    <th scope="col">{ t.rekap_col_at() }</th>
                    <th scope="col">{ t.rekap_col_reviewer() }</th>
                    if report.is_some() { <th scope="col">{ t.rekap_col_submission() }</th> }
                    <th scope="col">{ t.rekap_col_field() }</th>
                    <th scope="col">{ t.rekap_col_change() }</th>
                    <th scope="col">{ t.rekap_col_reason() }</th>
                </tr></thead>
                <tbody>
                    { for entries.iter().rev().map(|e| html! {
                        <tr data-testid="audit-row" data-field={e.field.clone()} data-submission={e.submission_id.clone()}
                            data-from={json_text(&e.from)} data-to={json_text(&e.to)}>
                            <td>{ &e.at }</td>
                            <td>{ &e.reviewer }</td>
                            if let Some(report) = report { <td>{ who(report, &e.submission_id) }</td> }
                            <td><code>{ &e.field }</code></td>
                            <td>{ format!("{} → {}", shown(&e.from), shown(&e.to)) }</td>
                            <td>{ &e.reason }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The audit log of the whole batch, as a disclosure section.
pub(super) fn batch_audit(m: &RekapModel, report: &ImportReport, lang: Lang) -> Html {
    let t = lang.texts();
    let entries: Vec<&AuditEntry> = m.review.audit.iter().collect();
    html! {
        <section class="section" aria-labelledby="audit-title">
            <details data-testid="batch-audit">
                <summary><h2 id="audit-title" class="summary-heading">{ t.rekap_audit_batch(entries.len()) }</h2></summary>
                { audit_table(&entries, Some(report), t.rekap_audit_batch(entries.len()), lang) }
            </details>
        </section>
    }
}
