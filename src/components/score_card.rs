//! A category's live score: indicators (score, weight, points), data score, predicate,
//! projected final score, evidence risk, a bar chart and "where to gain points".

use crate::components::RubricRef;
use ampk_core::draft::CategoryState;
use ampk_core::fmt::score as fmt_score;
use ampk_core::{gain, round2, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScoreCardProps {
    pub rubric: RubricRef,
    pub state: CategoryState,
    pub jury: f64,
    pub lang: Lang,
}

/// "78.34": the machine form used in `data-value` hooks, whatever the language.
pub fn dot2(x: f64) -> String {
    ampk_core::fmt::fixed(round2(x), 2)
}

/// A category's live score: its headline (the data score and its predicate) and the
/// [`ScoreCard`] with the rest. `ahead` is the data score of what was typed that `state` does
/// not include yet: the headline shows it, and the rest follows `state` (the officer's
/// category form draws the headline while a keystroke is on its way, issue 15 §1).
pub fn score_card(rubric: &RubricRef, state: &CategoryState, jury: f64, lang: Lang, ahead: Option<f64>) -> Html {
    let (r, score) = (&rubric.0, ahead.unwrap_or(state.card.data_score));
    html! {
        <div class="score-card" aria-live="polite">
            <h3 class="score-title">{ lang.texts().score_card_title() }</h3>
            <p class="big-score">
                <span class="big-label">{ lang.texts().score_data() }{ ": " }</span>
                <strong data-testid={format!("score-{}", r.file.categories[state.category].id)} data-value={dot2(score)}>
                    { fmt_score(score, lang) }
                </strong>
                { " · " }
                <span class="predicate">{ r.predicate(round2(score)).get(lang) }</span>
            </p>
            <ScoreCard rubric={rubric.clone()} state={state.clone()} {jury} {lang} />
        </div>
    }
}

/// Everything on a category's score card but its headline: indicators (score, weight,
/// points), projected final score, evidence risk, a bar chart and "where to gain points".
#[component]
pub fn ScoreCard(props: &ScoreCardProps) -> Html {
    let r = &props.rubric.0;
    let lang = props.lang;
    let t = lang.texts();
    let st = &props.state;
    let card = &st.card;
    let def = &r.file.categories[st.category];
    let gains = gain::gains(r, card);
    let lo = card.final_score(r, 0.0);
    let hi = card.final_score(r, 100.0);
    let point = card.final_score(r, props.jury);
    let caption = format!("{} — {}", t.score_card_title(), def.label.get(lang));
    let projected = format!("{} ({} {})", t.score_projected_final(), t.rubric_info_jury(), fmt_score(props.jury, lang));
    html! {
        <>
            <dl class="facts">
                <dt>{ t.score_final_range() }</dt>
                <dd>{ format!("{} – {}", fmt_score(lo, lang), fmt_score(hi, lang)) }</dd>
                <dt>{ projected }</dt>
                <dd>{ fmt_score(point, lang) }</dd>
                <dt>{ t.score_evidence_risk() }</dt>
                <dd data-testid={format!("risk-{}", def.id)}>{ fmt_score(st.evidence_risk, lang) }</dd>
            </dl>
            <div class="table-scroll" role="region" tabindex="0" aria-label={caption.clone()}>
            <table class="table indicators">
                <caption class="visually-hidden">{ caption }</caption>
                <thead><tr>
                    <th scope="col">{ t.score_indicator() }</th>
                    <th scope="col" class="num">{ t.score_value() }</th>
                    <th scope="col" class="num">{ t.score_weight() }</th>
                    <th scope="col" class="num">{ t.score_contribution() }</th>
                </tr></thead>
                <tbody>
                    { for def.indicators.iter().zip(&card.indicators).map(|(d, s)| html! {
                        <tr>
                            <th scope="row">
                                <span class="ind-id">{ &d.id }</span>{ " " }{ d.label.get(lang) }
                                if let Some(h) = &d.help {
                                    <span class="hint small">{ h.get(lang) }</span>
                                }
                            </th>
                            <td class="num" data-testid={format!("indicator-{}-{}", def.id, d.id)}
                                data-value={dot2(s.score)}>
                                { fmt_score(s.score, lang) }
                            </td>
                            <td class="num">{ ampk_core::fmt::number(d.weight, lang, None) }</td>
                            <td class="num">{ fmt_score(s.contribution, lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            { bar_chart(props) }
            <h3>{ t.score_gains() }</h3>
            if gains.is_empty() {
                <p>{ t.score_no_gains() }</p>
            } else {
                <ol class="gains" data-testid={format!("gains-{}", def.id)}>
                    { for gains.iter().take(6).map(|g| html! {
                        <li>{ gain::sentence(r, card, g, lang) }</li>
                    }) }
                </ol>
            }
        </>
    }
}

/// A hand-written SVG bar chart: one bar per indicator, its score out of 100.
fn bar_chart(props: &ScoreCardProps) -> Html {
    let r = &props.rubric.0;
    let lang = props.lang;
    let def = &r.file.categories[props.state.category];
    let n = def.indicators.len();
    // Whole-pixel geometry (only the bar widths have a fraction).
    let (row, label_w, bar_w) = (22usize, 48usize, 240usize);
    let height = row * n + 4;
    let title = format!("{} — {}", lang.texts().score_card_title(), def.label.get(lang));
    html! {
        <svg class="chart" role="img" aria-label={title.clone()}
            viewBox={format!("0 0 {} {height}", label_w + bar_w + 60)} width="100%" preserveAspectRatio="xMinYMin meet">
            <title>{ title }</title>
            { for def.indicators.iter().zip(&props.state.card.indicators).enumerate().map(|(i, (d, s))| {
                let y = i * row + 2;
                let w = ampk_core::fmt::fixed(bar_w as f64 * s.score / 100.0, 1);
                html! {
                    <g>
                        <text x="0" y={(y + 15).to_string()} class="chart-label">{ &d.id }</text>
                        <rect x={format!("{label_w}")} y={format!("{y}")} width={format!("{bar_w}")} height="16"
                            class="chart-track" />
                        <rect x={format!("{label_w}")} y={format!("{y}")} width={w} height="16" class="chart-bar" />
                        <text x={(label_w + bar_w + 6).to_string()} y={(y + 15).to_string()} class="chart-value">
                            { fmt_score(s.score, lang) }
                        </text>
                    </g>
                }
            }) }
        </svg>
    }
}
