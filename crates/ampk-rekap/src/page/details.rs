//! One submission in full: its facts, and per category the indicators (re-scored beside the
//! embedded scores, and beside the verified scores once reviewed) and the inputs with their
//! evidence; for a ranked submission, its review form (`super::review`) and audit log. All
//! imported text is rendered as text nodes, never as HTML.

use crate::state::{RekapAction, RekapModel};
use ampk_core::import::FileReport;
use ampk_core::review::VerifiedCard;
use ampk_core::rubric::CategoryDef;
use ampk_core::score::Answer;
use ampk_core::submission::{self, v1, Integrity};
use ampk_core::{fmt, round2, InputValue, Lang, Rubric, Scorecard};
use yew::prelude::*;

/// The details panel of a file.
pub(super) fn details(m: &RekapModel, f: &FileReport, lang: Lang, on: &Callback<RekapAction>) -> Html {
    let t = lang.texts();
    let rubric = &m.rubric.0;
    let close = on.reform(|_: MouseEvent| RekapAction::Select(None));
    let Some(read) = &f.read else {
        return html! {
            <section class="section details-panel" id="details" tabindex="-1" aria-labelledby="details-title">
                <h2 id="details-title">{ &f.file }</h2>
                <p>{ t.rekap_unreadable() }</p>
                <button type="button" class="button-secondary" onclick={close}>{ t.rekap_close() }</button>
            </section>
        };
    };
    let w = &read.wire;
    let cards = f.checked.as_ref().map(|c| c.cards.as_slice()).unwrap_or_default();
    let file = m.selected;
    let verified = |cat: usize| -> Option<&VerifiedCard> {
        let v = m.verified.as_ref()?.categories.iter().find(|c| c.category == cat)?;
        v.cards.iter().find(|k| Some(k.file) == file)
    };
    let form = m.form.as_ref();
    html! {
        <section class="section details-panel" id="details" tabindex="-1" aria-labelledby="details-title"
            data-testid="details">
            <h2 id="details-title">{ format!("{} — {}", w.agency.name, f.file) }</h2>
            <button type="button" class="button-secondary" onclick={close}>{ t.rekap_close_details() }</button>
            { facts(f, w, lang) }
            if let Some(form) = form {
                { super::review::review_head(m, form, lang, on) }
            } else {
                <p class="hint">{ t.rekap_not_reviewable() }</p>
            }
            { for cards.iter().map(|card| {
                let def = &rubric.file.categories[card.category];
                let entry = w.categories.get(&def.id);
                let inputs = match form {
                    Some(form) => super::review::category_review(def, entry, &read.responses, form, lang, on),
                    None => inputs(def, entry, lang),
                };
                category(rubric, w, card, verified(card.category), inputs, lang)
            }) }
            if let Some(form) = form {
                { super::review::review_foot(m, form, lang, on) }
            }
        </section>
    }
}

/// The agency, officer, period, identity, export time and integrity of a submission.
fn facts(f: &FileReport, w: &v1::SubmissionV1, lang: Lang) -> Html {
    let t = lang.texts();
    let integrity = match f.checked.as_ref().and_then(|c| c.integrity) {
        Some(Integrity::Ok) => t.rekap_integrity_ok(),
        Some(Integrity::Mismatch) => t.rekap_integrity_mismatch(),
        Some(Integrity::Missing) => t.rekap_integrity_missing(),
        None => t.rekap_integrity_unchecked(),
    };
    let officer = &w.agency.officer;
    let contact = [Some(officer.name.clone()), officer.email.clone(), officer.phone.clone()];
    let revision = f.revision();
    html! {
        <dl class="facts">
            <dt>{ t.rekap_fact_type() }</dt><dd>{ &w.agency.agency_type }</dd>
            if let Some(p) = &w.agency.parent { <dt>{ t.rekap_fact_parent() }</dt><dd>{ p }</dd> }
            <dt>{ t.rekap_fact_officer() }</dt>
            <dd>{ contact.into_iter().flatten().collect::<Vec<_>>().join(" · ") }</dd>
            <dt>{ t.rekap_fact_months() }</dt><dd>{ w.months }</dd>
            <dt>{ "submission_id" }</dt><dd><code>{ &w.submission_id }</code></dd>
            <dt>{ t.rekap_fact_exported() }</dt><dd>{ &w.exported_at }</dd>
            if revision > 1 {
                <dt>{ t.rekap_fact_revision() }</dt><dd data-testid="revision">{ revision }</dd>
            }
            <dt>{ t.rekap_fact_integrity() }</dt><dd data-testid="integrity">{ integrity }</dd>
        </dl>
    }
}

/// One category of a submission: its score (and verified score), indicators, inputs (with the
/// review's fields when reviewable) and note.
fn category(
    rubric: &Rubric,
    w: &v1::SubmissionV1,
    card: &Scorecard,
    verified: Option<&VerifiedCard>,
    inputs: Html,
    lang: Lang,
) -> Html {
    let t = lang.texts();
    let def = &rubric.file.categories[card.category];
    let entry = w.categories.get(&def.id);
    let heading =
        t.rekap_details_category(def.label.get(lang), card.predicate(rubric, lang), fmt::score(card.data_score, lang));
    html! {
        <div class="details-category" data-category={def.id.clone()}>
            <h3>{ heading }</h3>
            if let Some(v) = verified { { scores(rubric, v, lang) } }
            { indicators(rubric, def, w, card, verified, lang) }
            { inputs }
            if let Some(note) = entry.and_then(|e| e.note.as_ref()) {
                <p class="note"><strong>{ t.rekap_note() }</strong><span data-testid="note">{ note }</span></p>
            }
        </div>
    }
}

/// The self-reported and the verified data score of a category, and their difference.
fn scores(rubric: &Rubric, v: &VerifiedCard, lang: Lang) -> Html {
    let t = lang.texts();
    let (reported, verified) = (v.reported.rounded(), v.verified.rounded());
    let difference = round2(verified - reported);
    html! {
        <dl class="facts scores">
            <dt>{ t.rekap_score_reported() }</dt>
            <dd data-testid="reported-score" data-value={fmt::fixed(reported, 2)}>{ fmt::score(reported, lang) }</dd>
            <dt>{ t.rekap_score_verified() }</dt>
            <dd data-testid="verified-score" data-value={fmt::fixed(verified, 2)}>
                <strong>{ fmt::score(verified, lang) }</strong>{ " (" }{ v.verified.predicate(rubric, lang) }{ ")" }
            </dd>
            <dt>{ t.rekap_score_difference() }</dt>
            <dd data-testid="score-difference" data-value={fmt::fixed(difference, 2)}>{ signed(difference, lang) }</dd>
        </dl>
    }
}

/// A difference with its sign: "+1,25", "−3,00", "0,00".
fn signed(x: f64, lang: Lang) -> String {
    if x > 0.0 {
        format!("+{}", fmt::score(x, lang))
    } else if x < 0.0 {
        format!("−{}", fmt::score(-x, lang))
    } else {
        fmt::score(0.0, lang)
    }
}

/// Each indicator re-scored, beside the score embedded in the file (marked when they differ),
/// and once reviewable the verified score with the difference.
fn indicators(
    rubric: &Rubric,
    def: &CategoryDef,
    w: &v1::SubmissionV1,
    card: &Scorecard,
    verified: Option<&VerifiedCard>,
    lang: Lang,
) -> Html {
    let t = lang.texts();
    let computed = w.computed.get(&def.id);
    let differences: Vec<(f64, f64)> = verified
        .map(|v| {
            v.verified.rounded_indicators(rubric).zip(v.differences(rubric)).map(|((_, s), (_, d))| (s, d)).collect()
        })
        .unwrap_or_default();
    // With the verified scores it is wider than a phone: it scrolls in its own focusable box.
    let region = format!("{} — {}", def.label.get(lang), t.rekap_col_indicator());
    html! {
        <div class="table-scroll" role="region" tabindex="0" aria-label={region}>
        <table class="table">
            <thead><tr>
                <th scope="col">{ t.rekap_col_indicator() }</th>
                <th scope="col" class="num">{ t.rekap_col_rescored() }</th>
                <th scope="col" class="num">{ t.rekap_col_embedded() }</th>
                if verified.is_some() {
                    <th scope="col" class="num">{ t.rekap_col_verified() }</th>
                    <th scope="col" class="num">{ t.rekap_col_difference() }</th>
                }
            </tr></thead>
            <tbody>
                { for def.indicators.iter().zip(&card.indicators).enumerate().map(|(i, (d, s))| {
                    let fresh = round2(s.score);
                    let emb = computed.and_then(|c| c.indicators.get(&d.id)).copied();
                    let differs = emb.is_some_and(|e| e != fresh);
                    html! {
                        <tr class={classes!(differs.then_some("differs"))}>
                            <th scope="row">{ format!("{} {}", d.id, d.label.get(lang)) }</th>
                            <td class="num">{ fmt::score(fresh, lang) }</td>
                            <td class="num">
                                { emb.map(|e| fmt::score(e, lang)).unwrap_or_else(|| "–".into()) }
                                { if differs { " ≠" } else { "" } }
                            </td>
                            if let Some((v, diff)) = differences.get(i) {
                                <td class="num" data-testid="indicator-verified">{ fmt::score(*v, lang) }</td>
                                <td class={classes!("num", (*diff != 0.0).then_some("differs"))}
                                    data-testid="indicator-difference" data-indicator={d.id.clone()}
                                    data-value={fmt::fixed(*diff, 2)}>
                                    { signed(*diff, lang) }
                                </td>
                            }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// An input's value as the submission reports it: a number, ✔/✘, or the checklist's yes count.
pub(super) fn reported_text(d: &ampk_core::rubric::InputDef, entry: Option<&v1::EntryV1>, lang: Lang) -> String {
    match entry.and_then(|e| e.inputs.get(&d.id)) {
        Some(InputValue::Number(n)) => fmt::number(*n, lang, None),
        Some(InputValue::Bool(b)) => {
            if *b {
                "✔".into()
            } else {
                "✘".into()
            }
        }
        Some(InputValue::Checklist(a)) => {
            let yes = a.values().filter(|x| **x == Answer::Yes).count();
            format!("{} / {}", yes, d.items.as_ref().map_or(0, Vec::len))
        }
        None => "–".into(),
    }
}

/// Each input's value and its evidence links (only http(s) links are links).
fn inputs(def: &CategoryDef, entry: Option<&v1::EntryV1>, lang: Lang) -> Html {
    let t = lang.texts();
    html! {
        <table class="table">
            <thead><tr>
                <th scope="col">{ t.rekap_col_input() }</th>
                <th scope="col" class="num">{ t.rekap_col_value() }</th>
                <th scope="col">{ t.rekap_col_evidence() }</th>
            </tr></thead>
            <tbody>
                { for def.inputs.iter().map(|d| {
                    let links = entry.and_then(|e| e.evidence.get(&d.id)).cloned().unwrap_or_default();
                    html! {
                        <tr>
                            <th scope="row">{ d.label.get(lang) }</th>
                            <td class="num">{ reported_text(d, entry, lang) }</td>
                            <td>{ for links.iter().map(|l| evidence_link(l)) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

pub(super) fn evidence_link(l: &str) -> Html {
    if submission::is_http_url(l) {
        html! { <a class="evidence-link" href={l.to_string()} target="_blank" rel="noopener noreferrer">{ l }</a> }
    } else {
        html! { <span class="bad-link">{ l }</span> }
    }
}
