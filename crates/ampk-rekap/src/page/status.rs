//! The status of every file: counts, the status filter and the table of files with their
//! reasons (a page of rows at a time, so big batches stay responsive; each row its own
//! component, drawn again only when its file's report changed, and a page's rows added a
//! chunk per task, `RekapModel::rendered`).

use crate::browser;
use crate::state::{RekapAction, RekapModel, FILE_PAGE};
use ampk_core::import::{self, ImportReport, Status};
use ampk_core::Lang;
use ampk_web::components::RubricRef;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

const STATUSES: [Status; 4] = [Status::Accepted, Status::AcceptedWithWarnings, Status::Superseded, Status::Rejected];

/// The status section.
pub(super) fn status_table(m: &RekapModel, report: &Rc<ImportReport>, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let filter = m.filter;
    let counts = ampk_core::import::status_counts(report);
    let matching = report.files.iter().filter(|f| filter.is_none_or(|s| f.status == s)).count();
    let on_filter = on.reform(|e: Event| {
        let el: HtmlSelectElement = e.target_unchecked_into();
        RekapAction::Filter(STATUSES.iter().copied().find(|s| s.as_str() == el.value()))
    });
    let rows = report.files.iter().enumerate().filter(|(_, f)| filter.is_none_or(|s| f.status == s));
    html! {
        <section class="section" aria-labelledby="status-title">
            <h2 id="status-title">{ t.rekap_status_title() }</h2>
            <ul class="counts" data-testid="status-counts">
                <li>{ t.rekap_count_all(report.files.len()) }</li>
                { for STATUSES.iter().map(|s| html! {
                    <li data-status={s.as_str()}>
                        { format!("{}: {}", s.label(lang), counts.get(s).copied().unwrap_or(0)) }
                    </li>
                }) }
            </ul>
            <div class="field">
                <label class="label" for="status-filter">{ t.rekap_show_status() }</label>
                <select class="select" id="status-filter" onchange={on_filter}>
                    <option value="" selected={filter.is_none()}>{ t.rekap_all_statuses() }</option>
                    { for STATUSES.iter().map(|s| html! {
                        <option value={s.as_str()} selected={filter == Some(*s)}>{ s.label(lang) }</option>
                    }) }
                </select>
            </div>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="status-title">
                <table class="table files">
                    <thead><tr>
                        <th scope="col">{ t.rekap_col_file() }</th>
                        <th scope="col">{ t.rekap_col_status() }</th>
                        <th scope="col">{ t.rekap_col_agency() }</th>
                        <th scope="col">{ t.rekap_col_reasons() }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.take(m.shown_files.min(m.rendered)).map(|(i, _)| html! {
                            <FileRow key={i} rubric={m.rubric.clone()} report={report.clone()} {i} {lang} on={on.clone()} />
                        }) }
                    </tbody>
                </table>
            </div>
            if matching > m.shown_files {
                <button type="button" class="button-secondary" data-testid="show-more-files"
                    onclick={on.reform({
                        let next = m.shown_files + FILE_PAGE;
                        move |_: MouseEvent| RekapAction::ShowFiles(next)
                    })}>
                    { t.rekap_show_more(matching, m.shown_files) }
                </button>
            }
        </section>
    }
}

#[derive(Properties)]
struct FileRowProps {
    rubric: RubricRef,
    report: Rc<ImportReport>,
    /// The file's index in the report.
    i: usize,
    lang: Lang,
    on: Callback<RekapAction>,
}

/// Equal when the row would show the same: the same file's report, rubric and language (the
/// callback always reaches the page's one reducer, so it is left out).
impl PartialEq for FileRowProps {
    fn eq(&self, other: &Self) -> bool {
        self.i == other.i
            && self.lang == other.lang
            && self.rubric == other.rubric
            && (Rc::ptr_eq(&self.report, &other.report)
                || self.report.files.get(self.i) == other.report.files.get(other.i))
    }
}

/// One file: its name (opens its details), status, agency and reasons: one line per kind of
/// reason with its count and categories, and every reason in a disclosure, named by category
/// and input labels, its code (with its JSON path as the code's title) as a monospace suffix.
#[component]
fn FileRow(props: &FileRowProps) -> Html {
    let FileRowProps { rubric, report, i, lang, on } = props;
    let (rubric, i, lang) = (&rubric.0, *i, *lang);
    let Some(f) = report.files.get(i) else { return html! {} };
    let t = lang.texts();
    let open = open_details(i, on);
    let groups = import::group_reasons(rubric, &f.reasons, lang);
    html! {
        <tr data-testid="file-row" data-file={f.file.clone()} data-status={f.status.as_str()}>
            <td>
                <button type="button" class="button-link" data-testid="open-details" onclick={open}>{ &f.file }</button>
            </td>
            <td><span class={classes!("tag", status_class(f.status))}>{ f.status.label(lang) }</span></td>
            <td>{ f.agency().unwrap_or("–") }</td>
            <td>
                if !groups.is_empty() {
                    <ul class="reasons" data-testid="reason-groups">
                        { for groups.iter().map(|g| html! {
                            <li data-code={g.code.as_str()} data-count={g.reasons.len().to_string()}>{ &g.headline }</li>
                        }) }
                    </ul>
                    <details class="reason-details">
                        <summary>{ t.reasons_details(f.reasons.len()) }</summary>
                        <ul class="reasons">
                            { for f.reasons.iter().map(|p| html! {
                                <li>
                                    { import::located(rubric, p, lang) }{ " " }
                                    <code class="reason-code" title={p.path.clone()}>{ p.code.to_string() }</code>
                                </li>
                            }) }
                        </ul>
                    </details>
                }
            </td>
        </tr>
    }
}

/// Opens the details of file `i` and moves the focus there.
pub(super) fn open_details(i: usize, on: &Callback<RekapAction>) -> Callback<MouseEvent> {
    let on = on.clone();
    Callback::from(move |_: MouseEvent| {
        on.emit(RekapAction::Select(Some(i)));
        browser::focus("details");
    })
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Accepted => "tag-green",
        Status::AcceptedWithWarnings => "tag-yellow",
        Status::Superseded => "tag-grey",
        Status::Rejected => "tag-red",
    }
}
