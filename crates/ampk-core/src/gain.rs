//! "Where to gain points": for each indicator of a scorecard, the points still available and,
//! where the indicator value depends affinely on one input, the input value that reaches the
//! next band step or the scale's cap, with the category points that change would gain.

use crate::fmt;
use crate::problem::Lang;
use crate::rubric::{Direction, InputKind, Rubric, Scale};
use crate::score::{score_slots, Scorecard};

/// One concrete change to one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Input slot in the category.
    pub input: usize,
    /// The current value.
    pub from: f64,
    /// The value that reaches the target.
    pub to: f64,
    /// Category points gained by the change (full precision).
    pub gain: f64,
}

/// Room for improvement on one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Gain {
    /// Indicator index in the category.
    pub indicator: usize,
    /// Current score 0–100.
    pub score: f64,
    /// `weight × (100 − score) / 100`.
    pub available: f64,
    /// The suggested change, when one input drives the indicator and the target is reachable
    /// within the input's limits and the category's checks.
    pub change: Option<Change>,
}

#[derive(Clone, Copy, PartialEq)]
enum Need {
    AtLeast,
    AtMost,
}

/// The indicator value to aim for next, and on which side of it the value must be.
fn target(scale: &Scale, value: f64, score: f64) -> Option<(f64, Need)> {
    match scale {
        Scale::Linear { min, max } => Some((*max, if max > min { Need::AtLeast } else { Need::AtMost })),
        Scale::Log { max, .. } => Some((*max, Need::AtLeast)),
        Scale::Percent => Some((100.0, Need::AtLeast)),
        Scale::Bands { direction: Direction::Higher, steps, .. } => steps
            .iter()
            .filter(|s| s.score > score && s.at > value)
            .min_by(|a, b| a.at.total_cmp(&b.at))
            .map(|s| (s.at, Need::AtLeast)),
        Scale::Bands { direction: Direction::Lower, steps, .. } => steps
            .iter()
            .filter(|s| s.score > score && s.at < value)
            .max_by(|a, b| a.at.total_cmp(&b.at))
            .map(|s| (s.at, Need::AtMost)),
    }
}

/// Rounds `x` to a multiple of `unit` upwards (`up`) or downwards, ignoring float noise.
fn snap(x: f64, unit: f64, up: bool) -> f64 {
    let q = x / unit;
    let near = q.round();
    let q = if (q - near).abs() < 1e-9 * near.abs().max(1.0) {
        near
    } else if up {
        q.ceil()
    } else {
        q.floor()
    };
    q * unit
}

/// The list for one scorecard, sorted by points gained, then by points available.
pub fn gains(rubric: &Rubric, card: &Scorecard) -> Vec<Gain> {
    let def = &rubric.file.categories[card.category];
    let compiled = &rubric.categories[card.category];
    let months = card.months as f64;
    let mut out: Vec<Gain> = def
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(i, ind)| {
            let score = card.indicators[i].score;
            let available = ind.weight * (100.0 - score) / 100.0;
            if available <= 0.0 {
                return None;
            }
            let change = card.indicators[i].value.and_then(|value| {
                let (t, need) = target(&ind.scale, value, score)?;
                let expr = &compiled.values[i];
                expr.inputs()
                    .into_iter()
                    .filter(|&s| expr.is_affine_in(s))
                    .filter_map(|s| {
                        let input = &def.inputs[s];
                        let mut vals = card.values.clone();
                        vals[s] = 0.0;
                        let b = expr.eval(&vals, months)?;
                        vals[s] = 1.0;
                        let a = expr.eval(&vals, months)? - b;
                        if a == 0.0 {
                            return None;
                        }
                        let up = (a > 0.0) == (need == Need::AtLeast);
                        let unit = match input.kind {
                            InputKind::Integer | InputKind::Boolean => 1.0,
                            InputKind::Number => 0.01,
                            InputKind::Checklist => 1e-9,
                        };
                        let mut x = snap((t - b) / a, unit, up);
                        if input.kind == InputKind::Checklist {
                            x = x.clamp(0.0, 100.0);
                        }
                        let from = card.values[s];
                        let in_limits =
                            input.min.is_none_or(|m| x >= m) && input.max.is_none_or(|m| x <= m) && x >= 0.0;
                        if !in_limits || x == from || (input.kind == InputKind::Boolean && x > 1.0) {
                            return None;
                        }
                        let mut vals = card.values.clone();
                        vals[s] = x;
                        let next = score_slots(rubric, card.category, vals, card.months);
                        let gain = next.data_score - card.data_score;
                        let new_failure = next.failed_checks.iter().any(|c| !card.failed_checks.contains(c));
                        (gain > 1e-9 && !new_failure).then_some(Change { input: s, from, to: x, gain })
                    })
                    .max_by(|a, b| a.gain.total_cmp(&b.gain))
            });
            Some(Gain { indicator: i, score, available, change })
        })
        .collect();
    crate::util::sort_small(&mut out, |a, b| {
        let ga = a.change.as_ref().map_or(0.0, |c| c.gain);
        let gb = b.change.as_ref().map_or(0.0, |c| c.gain);
        gb.total_cmp(&ga).then(b.available.total_cmp(&a.available)).then(a.indicator.cmp(&b.indicator))
    });
    out
}

/// One line for the officer, e.g. "Naikkan Jumlah unggahan dari 420 menjadi 600 → +4,50 poin"
/// (`[core]`: `gain_raise`, `gain_lower`, `gain_available`; a checklist's share through
/// `percent`).
pub fn sentence(rubric: &Rubric, card: &Scorecard, g: &Gain, lang: Lang) -> String {
    let def = &rubric.file.categories[card.category];
    let t = lang.texts();
    match &g.change {
        Some(c) => {
            let input = &def.inputs[c.input];
            let show = |x: f64| {
                let n = fmt::number(round_show(x), lang, None);
                if input.kind == InputKind::Checklist {
                    t.percent(n)
                } else {
                    n
                }
            };
            let (from, to) = (show(c.from), show(c.to));
            let pts = fmt::score(c.gain, lang);
            let label = input.label.get(lang);
            if c.to > c.from {
                t.gain_raise(from, label, pts, to)
            } else {
                t.gain_lower(from, label, pts, to)
            }
        }
        None => t.gain_available(def.indicators[g.indicator].label.get(lang), fmt::score(g.available, lang)),
    }
}

fn round_show(x: f64) -> f64 {
    crate::util::round2(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{score, Figures};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn card(cat: &str, figures: &str, months: u32) -> (&'static Rubric, Scorecard) {
        let r = crate::rubric::builtin();
        let f: Figures = serde_json::from_str(figures).unwrap();
        let c = r.category_index(cat).unwrap();
        (r, score(r, c, &f, months))
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn posts_example_reads_well() {
        let (r, c) = card(
            "media_sosial_opd",
            r#"{"posts": 420, "weeks_active": 38, "engagements": 96000, "reach": 3200000, "followers_start": 18000,
                "followers_end": 22500, "median_reply_hours": 5, "answered_pct": 88,
                "quality": {"identitas": "yes", "konten_layanan": "yes", "video": "partial", "aksesibel": "yes",
                            "tautan_bio": "partial", "amplifikasi_agenda": "yes", "klarifikasi_hoaks": "no", "analitik_bulanan": "yes"}}"#,
            10,
        );
        let list = gains(r, &c);
        let s1 = list.iter().find(|g| r.file.categories[c.category].indicators[g.indicator].id == "S1").unwrap();
        assert_eq!(
            sentence(r, &c, s1, Lang::Id),
            "Naikkan Jumlah unggahan (semua akun resmi) dari 420 menjadi 600 → +4,50 poin"
        );
        assert_eq!(sentence(r, &c, s1, Lang::En).split(" from ").nth(1), Some("420 to 600 → +4.50 points"));
        // Sorted by points gained.
        let gained: Vec<f64> = list.iter().map(|g| g.change.as_ref().map_or(0.0, |c| c.gain)).collect();
        assert!(gained.windows(2).all(|w| w[0] >= w[1]), "{gained:?}");
        // S6 (reply hours, bands lower) suggests lowering to the next step, 2 hours.
        let s6 = list.iter().find(|g| r.file.categories[c.category].indicators[g.indicator].id == "S6").unwrap();
        let ch = s6.change.as_ref().unwrap();
        assert_eq!((ch.from, ch.to), (5.0, 2.0));
        assert!(sentence(r, &c, s6, Lang::Id).starts_with("Turunkan"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn suggestions_respect_checks() {
        // B3 = followed_up_5d / followed_up: raising followed_up_5d past followed_up breaks a check,
        // so the suggestion stops at the check, or is absent.
        let (r, c) = card(
            "lapor_opd",
            r#"{"received": 38, "followed_up": 36, "completed": 33, "followed_up_5d": 29, "avg_days_first_followup": 1.8,
                "channel": {"sk_tim": "yes"}}"#,
            10,
        );
        for g in gains(r, &c) {
            if let Some(ch) = &g.change {
                let mut vals = c.values.clone();
                vals[ch.input] = ch.to;
                assert!(score_slots(r, c.category, vals, 10).failed_checks.is_empty(), "{g:?}");
            }
        }
    }
}
