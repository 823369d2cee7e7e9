//! What reading the file gave, at the top of the page (every problem counted, with a link to the
//! table; or the valid rubric named), and the table of every problem at its sheet, row, column
//! and cell (a workbook) or JSON path (a rubric file).

use crate::state::{ProblemRow, Reading};
use ampk_core::Lang;
use yew::prelude::*;

/// The summary at the top of the page.
pub(super) fn summary(reading: Option<&Reading>, name: &str, lang: Lang) -> Html {
    let t = lang.texts();
    match reading {
        None => Html::default(),
        Some(Reading::Problems { rows, .. }) => {
            let jump = Callback::from(|e: MouseEvent| {
                e.prevent_default();
                crate::browser::focus("studio-problems");
            });
            html! {
                <div class="error-summary" data-testid="studio-summary" data-valid="false" role="alert"
                    aria-labelledby="studio-summary-title">
                    <h2 class="error-summary-title" id="studio-summary-title">
                        { t.studio_ui_problems_title(rows.len(), name) }
                    </h2>
                    <p>{ t.studio_ui_problems_intro() }</p>
                    <p><a href="#studio-problems" onclick={jump}>{ t.studio_ui_problems_link() }</a></p>
                </div>
            }
        }
        Some(Reading::Valid { rubric, .. }) => {
            let f = &rubric.0.file;
            html! {
                <div class="notice studio-valid" data-testid="studio-summary" data-valid="true" role="status">
                    <h2>{ t.studio_ui_valid_title(f.title.get(lang)) }</h2>
                    <p>{ t.studio_ui_valid_text(f.categories.len(), f.edition, name) }</p>
                </div>
            }
        }
    }
}

/// The table of every problem.
pub(super) fn table(workbook: bool, rows: &[ProblemRow], name: &str, lang: Lang) -> Html {
    let t = lang.texts();
    let caption = t.studio_ui_problems_title(rows.len(), name);
    let whole = t.studio_ui_whole_file();
    html! {
        // The table's scrolling region is the landmark (named by the heading); the section is not.
        <section class="section" id="studio-problems" tabindex="-1">
            <h2 id="studio-problems-title">{ t.studio_ui_problems_table() }</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="studio-problems-title">
            <table class="table studio-problems" data-testid="studio-problems">
                <caption class="visually-hidden">{ caption }</caption>
                <thead><tr>
                    if workbook {
                        <th scope="col">{ t.studio_ui_col_sheet() }</th>
                        <th scope="col" class="num">{ t.studio_ui_col_row() }</th>
                        <th scope="col">{ t.studio_ui_col_column() }</th>
                        <th scope="col">{ t.studio_ui_col_cell() }</th>
                    } else {
                        <th scope="col">{ t.studio_ui_col_path() }</th>
                    }
                    <th scope="col">{ t.studio_ui_col_message() }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|p| html! {
                        <tr data-testid="studio-problem" data-sheet={p.sheet.clone()}
                            data-row={p.row.map(|r| r.to_string())} data-column={p.column.clone()}
                            data-cell={p.cell.clone()} data-path={(!workbook).then(|| p.path.clone())}
                            data-code={p.code.as_str()}>
                            if workbook {
                                <td>{ if p.sheet.is_empty() { whole.to_string() } else { p.sheet.clone() } }</td>
                                <td class="num">{ p.row.map(|r| r.to_string()).unwrap_or_default() }</td>
                                <td>{ p.column.clone().unwrap_or_default() }</td>
                                <td><code>{ p.cell.clone().unwrap_or_default() }</code></td>
                            } else {
                                <td><code>{ if p.path.is_empty() { whole.to_string() } else { p.path.clone() } }</code></td>
                            }
                            <td>{ &p.message }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
