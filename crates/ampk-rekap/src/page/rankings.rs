//! The ranking of each category: the switch between the ranking by self-reported data score and
//! the one by verified data score (rejected submissions left out), the agency-type filter,
//! sortable columns, winners and shared ranks, the other view's rank beside each entry, and a
//! jury cell per entry (a page of rows at a time).

use super::status::open_details;
use crate::state::{RankBy, RekapAction, RekapModel, SortKey, RANK_PARTS};
use ampk_core::import::{CategoryRanking, ImportReport};
use ampk_core::rank::name_key;
use ampk_core::review::{ReviewFile, ReviewState, Verified, VerifiedCategory};
use ampk_core::{fmt, Lang};
use ampk_web::components::{same_rc, RubricRef};
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The rankings section: a component of its own, drawn again only when what it shows changed
/// (not, say, when a chunk of status rows is added).
pub(super) fn rankings(m: &RekapModel, report: &Rc<ImportReport>, lang: Lang, on: &Callback<RekapAction>) -> Html {
    html! {
        <Rankings rubric={m.rubric.clone()} report={report.clone()} verified={m.verified.clone()}
            review={m.review.clone()} rank_by={m.rank_by} type_filter={m.type_filter.clone()} sort={m.sort}
            shown_ranks={m.shown_ranks} jury_typed={m.jury_typed.clone()} ranked={m.ranked} {lang}
            on={on.clone()} />
    }
}

/// What the rankings show, from the page's model.
#[derive(Properties, Clone)]
struct RankingsProps {
    rubric: RubricRef,
    report: Rc<ImportReport>,
    verified: Option<Rc<Verified>>,
    review: Rc<ReviewFile>,
    rank_by: RankBy,
    type_filter: String,
    sort: SortKey,
    shown_ranks: usize,
    jury_typed: BTreeMap<(String, String), String>,
    /// How many parts of categories are drawn so far (a new batch's, a part per task).
    ranked: usize,
    lang: Lang,
    on: Callback<RekapAction>,
}

/// Shared parts compared by identity (the model replaces them when they change); the callback
/// always reaches the page's one reducer, so it is left out.
impl PartialEq for RankingsProps {
    fn eq(&self, o: &Self) -> bool {
        self.ranked == o.ranked && self.same_view(o)
    }
}

impl RankingsProps {
    /// Whether a category's ranking looks the same under both (whichever are drawn).
    fn same_view(&self, o: &Self) -> bool {
        self.rubric == o.rubric
            && Rc::ptr_eq(&self.report, &o.report)
            && same_rc(&self.verified, &o.verified)
            && Rc::ptr_eq(&self.review, &o.review)
            && (self.rank_by, &self.type_filter, self.sort, self.shown_ranks, &self.jury_typed, self.lang)
                == (o.rank_by, &o.type_filter, o.sort, o.shown_ranks, &o.jury_typed, o.lang)
    }
}

/// One category's ranking, a component of its own: drawing the next part of a new batch's
/// rankings does not draw the categories before again.
#[derive(Properties, Clone)]
struct CategoryProps {
    view: RankingsProps,
    /// Its place among the report's categories.
    index: usize,
    /// How many of its rows shown are drawn so far.
    rows: usize,
}

impl PartialEq for CategoryProps {
    fn eq(&self, o: &Self) -> bool {
        (self.index, self.rows) == (o.index, o.rows) && self.view.same_view(&o.view)
    }
}

#[component]
fn RankingCategory(props: &CategoryProps) -> Html {
    let (m, report) = (&props.view, &*props.view.report);
    if props.rows == 0 {
        return html! {};
    }
    category(m, report, &report.categories[props.index], props.rows, &m.on)
}

#[component]
fn Rankings(props: &RankingsProps) -> Html {
    let (m, report, lang, on) = (props, &*props.report, props.lang, &props.on);
    let t = lang.texts();
    html! {
        <section class="section" aria-labelledby="rank-title">
            <h2 id="rank-title">{ t.rekap_rank_title() }</h2>
            { rank_by(m, lang, on) }
            if m.review.has_work() {
                <p class="notice" data-testid="final-uses-verified">{ t.rekap_final_uses_verified() }</p>
            }
            { type_filter(m, lang, on) }
            <p class="hint">{ t.rekap_rank_hint() }</p>
            // A new batch's: a part of a category's rows per task (`RekapModel::ranked`). Every
            // category is in the list from the start (those not reached yet draw nothing): a list
            // that grew by one would have Yew move every category drawn before.
            { for (0..report.categories.len()).map(|index| {
                let parts = m.ranked.saturating_sub(index * RANK_PARTS).min(RANK_PARTS);
                let rows = (m.shown_ranks * parts).div_ceil(RANK_PARTS);
                html! { <RankingCategory key={index} view={m.clone()} {index} {rows} /> }
            }) }
        </section>
    }
}

/// The switch between the ranking by self-reported and by verified data score.
fn rank_by(m: &RankingsProps, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let on_change = on.reform(|e: Event| {
        let el: HtmlSelectElement = e.target_unchecked_into();
        RekapAction::RankBy(if el.value() == RankBy::Verified.as_str() { RankBy::Verified } else { RankBy::Data })
    });
    let option = |r: RankBy, label: &'static str| {
        html! { <option value={r.as_str()} selected={m.rank_by == r}>{ label }</option> }
    };
    html! {
        <div class="field">
            <label class="label" for="rank-by">{ t.rekap_rank_by() }</label>
            <select class="select" id="rank-by" data-testid="rank-by" onchange={on_change}>
                { option(RankBy::Data, t.rekap_rank_by_data()) }
                { option(RankBy::Verified, t.rekap_rank_by_verified()) }
            </select>
        </div>
    }
}

/// One entry of the ranking shown, in either view.
#[derive(Debug, Clone, PartialEq)]
struct ViewRow {
    /// Index into the report's files.
    file: usize,
    /// The rank in the view shown.
    rank: u32,
    /// The rank on the data score alone (the import's), shown when ranked by final score.
    data_rank: u32,
    /// The rank in the other view (`None`: not in it, i.e. rejected after review).
    other_rank: Option<u32>,
    winner: bool,
    /// The self-reported data score, and the verified one (both rounded).
    data_score: f64,
    verified: f64,
    state: ReviewState,
    jury: Option<f64>,
    final_score: Option<f64>,
    /// The predicate of the score the view ranks by.
    predicate: String,
}

/// The entries of a category in the view chosen, best first.
fn view_rows(m: &RankingsProps, report: &ImportReport, c: &CategoryRanking, lang: Lang) -> Vec<ViewRow> {
    let rubric = &m.rubric.0;
    let v: Option<&VerifiedCategory> =
        m.verified.as_ref().and_then(|v| v.categories.iter().find(|x| x.category == c.category));
    // Looked up by file and by card once, not by a search per row (a category of a big batch
    // has thousands of entries).
    let card_by_file: BTreeMap<usize, usize> =
        v.map(|v| v.cards.iter().enumerate().rev().map(|(i, k)| (k.file, i)).collect()).unwrap_or_default();
    let rank_by_card: BTreeMap<usize, u32> =
        v.map(|v| v.rows.iter().rev().map(|r| (r.card, r.rank)).collect()).unwrap_or_default();
    let card_of = |file: usize| v.and_then(|v| card_by_file.get(&file).map(|&i| (&v.cards[i], i)));
    let verified_rank = |card: usize| rank_by_card.get(&card).copied();
    match (m.rank_by, v) {
        (RankBy::Verified, Some(v)) => {
            let row_by_file: BTreeMap<usize, usize> =
                c.rows.iter().enumerate().rev().map(|(i, r)| (r.file, i)).collect();
            v.rows
                .iter()
                .filter_map(|vr| {
                    let k = &v.cards[vr.card];
                    let row = &c.rows[*row_by_file.get(&k.file)?];
                    Some(ViewRow {
                        file: k.file,
                        rank: vr.rank,
                        data_rank: row.data_rank,
                        other_rank: Some(row.rank),
                        winner: vr.winner,
                        data_score: row.data_score,
                        verified: vr.verified_score,
                        state: k.state,
                        jury: row.jury,
                        final_score: vr.final_score,
                        predicate: k.verified.predicate(rubric, lang).to_string(),
                    })
                })
                .collect()
        }
        _ => c
            .rows
            .iter()
            .map(|row| {
                let f = &report.files[row.file];
                let card = &f.checked.as_ref().expect("ranked files are checked").cards[row.card];
                let vk = card_of(row.file);
                ViewRow {
                    file: row.file,
                    rank: row.rank,
                    data_rank: row.data_rank,
                    other_rank: vk.and_then(|(_, i)| verified_rank(i)),
                    winner: row.winner,
                    data_score: row.data_score,
                    verified: vk.map_or(row.data_score, |(k, _)| k.verified.rounded()),
                    state: vk.map(|(k, _)| k.state).unwrap_or_default(),
                    jury: row.jury,
                    final_score: row.final_score,
                    predicate: card.predicate(rubric, lang).to_string(),
                }
            })
            .collect(),
    }
}

/// The agency-type filter: every type of the rubric.
fn type_filter(m: &RankingsProps, lang: Lang, on: &Callback<RekapAction>) -> Html {
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
/// the whole category. Every sort puts the best first, and the agency sort is A–Z; the data
/// score sort follows the score the view ranks by.
fn shown_rows(m: &RankingsProps, report: &ImportReport, rows: Vec<ViewRow>) -> Vec<ViewRow> {
    let of_type =
        |r: &ViewRow| m.type_filter.is_empty() || report.files[r.file].agency_type() == Some(m.type_filter.as_str());
    let mut rows: Vec<ViewRow> = rows.into_iter().filter(of_type).collect();
    let score = |r: &ViewRow| if m.rank_by == RankBy::Verified { r.verified } else { r.data_score };
    match m.sort {
        SortKey::Rank => {}
        SortKey::Agency => rows.sort_by_key(|r| name_key(report.files[r.file].agency().unwrap_or(""))),
        SortKey::Data => rows.sort_by(|a, b| score(b).total_cmp(&score(a))),
        SortKey::Final => rows.sort_by(|a, b| b.final_score.unwrap_or(-1.0).total_cmp(&a.final_score.unwrap_or(-1.0))),
    }
    rows
}

/// One category: its heading, and its ranking table (or that it has no entry yet).
fn category(
    m: &RankingsProps,
    report: &ImportReport,
    c: &CategoryRanking,
    drawn: usize,
    on: &Callback<RekapAction>,
) -> Html {
    let lang = m.lang;
    let t = lang.texts();
    let def = &m.rubric.0.file.categories[c.category];
    if !m.type_filter.is_empty() && !def.eligible.contains(&m.type_filter) {
        return html! {};
    }
    let all = view_rows(m, report, c, lang);
    let shared: Vec<u32> = all.windows(2).filter(|w| w[0].rank == w[1].rank).map(|w| w[0].rank).collect();
    let empty = all.is_empty();
    let rows = shown_rows(m, report, all);
    let meta = if c.by_final { t.rekap_meta_by_final(def.winners) } else { t.rekap_meta_by_data(def.winners) };
    let testid = format!("ranking-{}", def.id);
    html! {
        <div class="ranking" data-rank-by={m.rank_by.as_str()}>
            <h3>{ def.label.get(lang) }{ " " }<span class="meta">{ meta }</span></h3>
            if empty {
                <p class="inset" data-testid={testid}>{ t.rekap_no_accepted() }</p>
            } else {
                // Wider than a phone: it scrolls in its own focusable box, not the page.
                <div class="table-scroll" role="region" tabindex="0" aria-label={def.label.get(lang).to_string()}>
                    <table class="table ranking-table" data-testid={testid}>
                        { header(m.sort, m.rank_by, c.by_final, lang, on) }
                        <tbody>
                            { for rows.iter().take(m.shown_ranks.min(drawn)).map(|row| {
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
fn header(sort: SortKey, by: RankBy, by_final: bool, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let aria_sort = |key: SortKey| {
        (sort == key).then_some(if key == SortKey::Agency || key == SortKey::Rank { "ascending" } else { "descending" })
    };
    let button = |key: SortKey, label: &'static str| sort_button(key, label, sort == key, on);
    let rank = match (by, by_final) {
        (RankBy::Verified, _) => t.rekap_col_verified_rank(),
        (RankBy::Data, true) => t.rekap_col_final_rank(),
        (RankBy::Data, false) => t.rekap_col_rank(),
    };
    let other = if by == RankBy::Verified { t.rekap_col_data_rank() } else { t.rekap_col_verified_rank() };
    html! {
        <thead><tr>
            <th scope="col" aria-sort={aria_sort(SortKey::Rank)}>{ button(SortKey::Rank, rank) }</th>
            if by_final && by == RankBy::Data {
                <th scope="col">{ t.rekap_col_data_rank() }</th>
            }
            <th scope="col" aria-sort={aria_sort(SortKey::Agency)}>
                { button(SortKey::Agency, t.rekap_col_agency()) }
            </th>
            <th scope="col" class="num" aria-sort={aria_sort(SortKey::Data)}>
                { button(SortKey::Data, if by == RankBy::Verified { t.rekap_col_verified_score() } else { t.rekap_col_data_score() }) }
            </th>
            <th scope="col" class="num">
                { if by == RankBy::Verified { t.rekap_col_data_score() } else { t.rekap_col_verified_score() } }
            </th>
            <th scope="col">{ other }</th>
            <th scope="col">{ t.rekap_review_state() }</th>
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
/// both data scores, the other view's rank, the review state, predicate and the jury cell.
fn ranking_row(
    m: &RankingsProps,
    report: &ImportReport,
    c: &CategoryRanking,
    row: &ViewRow,
    shared: bool,
    lang: Lang,
    on: &Callback<RekapAction>,
) -> Html {
    let t = lang.texts();
    let def = &m.rubric.0.file.categories[c.category];
    let f = &report.files[row.file];
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
    let verified_view = m.rank_by == RankBy::Verified;
    let (shown, beside) = if verified_view { (row.verified, row.data_score) } else { (row.data_score, row.verified) };
    let other = match row.other_rank {
        Some(r) => r.to_string(),
        None => ReviewState::Rejected.label(lang).to_string(),
    };
    html! {
        <tr class={classes!(row.winner.then_some("winner"))} data-rank={row.rank.to_string()}
            data-agency={agency.clone()} data-score={format!("{:.2}", row.data_score)}
            data-verified={fmt::fixed(row.verified, 2)} data-state={row.state.as_str()}
            data-final={row.final_score.map(|x| format!("{x:.2}"))}>
            <td>{ if row.winner { "★ " } else { "" } }{ row.rank }{ if shared { t.rekap_shared() } else { "" } }</td>
            if c.by_final && !verified_view {
                <td data-testid="data-rank">{ row.data_rank }</td>
            }
            <td><button type="button" class="button-link" onclick={open_details(row.file, on)}>{ &agency }</button></td>
            <td class="num">{ fmt::score(shown, lang) }</td>
            <td class="num">{ fmt::score(beside, lang) }</td>
            <td data-testid="other-rank">{ other }</td>
            <td>{ row.state.label(lang) }</td>
            <td>{ &row.predicate }</td>
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
