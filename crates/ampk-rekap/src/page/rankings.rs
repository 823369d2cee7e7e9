//! The ranking of each category: the agency-type filter, sortable columns, winners and shared
//! ranks, and a jury cell per entry (a page of rows at a time).

use super::status::open_details;
use crate::state::{RekapAction, RekapModel, SortKey};
use ampk_core::import::{CategoryRanking, ImportReport, Row};
use ampk_core::rank::name_key;
use ampk_core::{fmt, Lang};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The rankings section.
pub(super) fn rankings(m: &RekapModel, report: &ImportReport, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    html! {
        <section class="section" aria-labelledby="rank-title">
            <h2 id="rank-title">{ t.rekap_rank_title() }</h2>
            { type_filter(m, lang, on) }
            <p class="hint">{ t.rekap_rank_hint() }</p>
            { for report.categories.iter().map(|c| category(m, report, c, lang, on)) }
        </section>
    }
}

/// The agency-type filter: every type of the rubric.
fn type_filter(m: &RekapModel, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let on_type = on.reform(|e: Event| {
        let el: HtmlSelectElement = e.target_unchecked_into();
        RekapAction::TypeFilter(el.value())
    });
    html! {
        <div class="field">
            <label class="label" for="type-filter">{ t.rekap_agency_type() }</label>
            <select class="select" id="type-filter" onchange={on_type}>
                <option value="" selected={m.type_filter.is_empty()}>{ t.rekap_all_types() }</option>
                { for m.rubric.0.file.agency_types.iter().map(|at| html! {
                    <option value={at.id.clone()} selected={m.type_filter == at.id}>{ at.label.get(lang) }</option>
                }) }
            </select>
        </div>
    }
}

/// The rows of a category shown with the type filter, in the chosen order. The type filter also
/// keeps only that type's entries of a category open to several types; they keep their rank in
/// the whole category. Every sort puts the best first, and the agency sort is A–Z.
fn shown_rows<'a>(m: &RekapModel, report: &ImportReport, c: &'a CategoryRanking) -> Vec<&'a Row> {
    let of_type =
        |r: &&Row| m.type_filter.is_empty() || report.files[r.file].agency_type() == Some(m.type_filter.as_str());
    let mut rows: Vec<&Row> = c.rows.iter().filter(of_type).collect();
    match m.sort {
        SortKey::Rank => {}
        SortKey::Agency => rows.sort_by_key(|r| name_key(report.files[r.file].agency().unwrap_or(""))),
        SortKey::Data => rows.sort_by(|a, b| b.data_score.total_cmp(&a.data_score)),
        SortKey::Final => rows.sort_by(|a, b| b.final_score.unwrap_or(-1.0).total_cmp(&a.final_score.unwrap_or(-1.0))),
    }
    rows
}

/// One category: its heading, and its ranking table (or that it has no entry yet).
fn category(
    m: &RekapModel,
    report: &ImportReport,
    c: &CategoryRanking,
    lang: Lang,
    on: &Callback<RekapAction>,
) -> Html {
    let t = lang.texts();
    let def = &m.rubric.0.file.categories[c.category];
    if !m.type_filter.is_empty() && !def.eligible.contains(&m.type_filter) {
        return html! {};
    }
    let rows = shown_rows(m, report, c);
    let shared: Vec<u32> = c.rows.windows(2).filter(|w| w[0].rank == w[1].rank).map(|w| w[0].rank).collect();
    let meta = if c.by_final { t.rekap_meta_by_final(def.winners) } else { t.rekap_meta_by_data(def.winners) };
    let testid = format!("ranking-{}", def.id);
    html! {
        <div class="ranking">
            <h3>{ def.label.get(lang) }{ " " }<span class="meta">{ meta }</span></h3>
            if c.rows.is_empty() {
                <p class="inset" data-testid={testid}>{ t.rekap_no_accepted() }</p>
            } else {
                // Wider than a phone: it scrolls in its own focusable box, not the page.
                <div class="table-scroll" role="region" tabindex="0" aria-label={def.label.get(lang).to_string()}>
                    <table class="table ranking-table" data-testid={testid}>
                        { header(m.sort, c.by_final, lang, on) }
                        <tbody>
                            { for rows.iter().take(m.shown_ranks).map(|row| {
                                ranking_row(m, report, c, row, shared.contains(&row.rank), lang, on)
                            }) }
                        </tbody>
                    </table>
                </div>
                if rows.len() > m.shown_ranks {
                    <button type="button" class="button-secondary"
                        onclick={on.reform({ let all = rows.len(); move |_: MouseEvent| RekapAction::ShowRanks(all) })}>
                        { t.rekap_show_whole_ranking(rows.len()) }
                    </button>
                }
            }
        </div>
    }
}

/// The header row: the rank, agency, data score and final score columns sort the table. The
/// active column's header says so (`aria-sort`).
fn header(sort: SortKey, by_final: bool, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let aria_sort = |key: SortKey| {
        (sort == key).then_some(if key == SortKey::Agency || key == SortKey::Rank { "ascending" } else { "descending" })
    };
    let button = |key: SortKey, label: &'static str| sort_button(key, label, sort == key, on);
    let rank = if by_final { t.rekap_col_final_rank() } else { t.rekap_col_rank() };
    html! {
        <thead><tr>
            <th scope="col" aria-sort={aria_sort(SortKey::Rank)}>{ button(SortKey::Rank, rank) }</th>
            if by_final {
                <th scope="col">{ t.rekap_col_data_rank() }</th>
            }
            <th scope="col" aria-sort={aria_sort(SortKey::Agency)}>
                { button(SortKey::Agency, t.rekap_col_agency()) }
            </th>
            <th scope="col" class="num" aria-sort={aria_sort(SortKey::Data)}>
                { button(SortKey::Data, t.rekap_col_data_score()) }
            </th>
            <th scope="col">{ t.rekap_col_predicate() }</th>
            <th scope="col">{ t.rekap_col_jury() }</th>
            <th scope="col" class="num" aria-sort={aria_sort(SortKey::Final)}>
                { button(SortKey::Final, t.rekap_col_final_score()) }
            </th>
        </tr></thead>
    }
}

fn sort_button(key: SortKey, label: &'static str, active: bool, on: &Callback<RekapAction>) -> Html {
    html! {
        <button type="button" class="button-link sort" aria-pressed={if active { "true" } else { "false" }}
            onclick={on.reform(move |_: MouseEvent| RekapAction::Sort(key))}>
            { label }{ if active { " ▼" } else { "" } }
        </button>
    }
}

/// One entry of a ranking: rank (★ for winners, shared ranks said), agency (opens the details),
/// scores, predicate and the jury cell.
fn ranking_row(
    m: &RekapModel,
    report: &ImportReport,
    c: &CategoryRanking,
    row: &Row,
    shared: bool,
    lang: Lang,
    on: &Callback<RekapAction>,
) -> Html {
    let t = lang.texts();
    let rubric = &m.rubric.0;
    let def = &rubric.file.categories[c.category];
    let f = &report.files[row.file];
    let card = &f.checked.as_ref().expect("ranked files are checked").cards[row.card];
    let agency = f.agency().unwrap_or("").to_string();
    let jid = format!("jury-{}-{}", def.id, row.file);
    let on_jury = {
        let (on, category, agency) = (on.clone(), def.id.clone(), agency.clone());
        Callback::from(move |e: Event| {
            let el: HtmlInputElement = e.target_unchecked_into();
            on.emit(RekapAction::JuryCell { category: category.clone(), agency: agency.clone(), text: el.value() });
        })
    };
    let typed = m.jury_typed.get(&(def.id.clone(), name_key(&agency)));
    html! {
        <tr class={classes!(row.winner.then_some("winner"))} data-rank={row.rank.to_string()}
            data-agency={agency.clone()} data-score={format!("{:.2}", row.data_score)}
            data-final={row.final_score.map(|x| format!("{x:.2}"))}>
            <td>{ if row.winner { "★ " } else { "" } }{ row.rank }{ if shared { t.rekap_shared() } else { "" } }</td>
            if c.by_final {
                <td data-testid="data-rank">{ row.data_rank }</td>
            }
            <td><button type="button" class="button-link" onclick={open_details(row.file, on)}>{ &agency }</button></td>
            <td class="num">{ fmt::score(row.data_score, lang) }</td>
            <td>{ card.predicate(rubric, lang) }</td>
            <td>
                <label class="visually-hidden" for={jid.clone()}>{ t.rekap_jury_for(&agency) }</label>
                { jury_cell(&jid, row.jury, typed, lang, on_jury) }
            </td>
            <td class="num">{ row.final_score.map(|x| fmt::score(x, lang)).unwrap_or_else(|| "–".into()) }</td>
        </tr>
    }
}

/// A jury cell: the mark in force, or the text typed that is not a mark, shown as typed with
/// `aria-invalid` and its problem beside it until it is fixed.
fn jury_cell(id: &str, mark: Option<f64>, typed: Option<&String>, lang: Lang, on_change: Callback<Event>) -> Html {
    // A mark is shown with a decimal point in every language (a decimal comma is read too).
    let value = match typed {
        Some(t) => t.clone(),
        None => mark.map(|j| fmt::number(j, Lang::En, None)).unwrap_or_default(),
    };
    let err_id = format!("{id}-error");
    html! {
        <>
            <input class={classes!("input", "jury-input", typed.is_some().then_some("input-error"))} type="text"
                inputmode="decimal" id={id.to_string()} size="5" value={value} onchange={on_change}
                aria-invalid={typed.is_some().then_some("true")}
                aria-describedby={typed.is_some().then(|| err_id.clone())} />
            if let Some(typed) = typed {
                <p class="error-message jury-error" id={err_id} data-testid="jury-error">
                    { lang.texts().rekap_jury_invalid(typed) }
                </p>
            }
        </>
    }
}
