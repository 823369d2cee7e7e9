//! Scoring (rubric-format §4, §6, §7): input values, scales, indicator and category scores,
//! predicates, projected final scores, and validation of entered figures against the rubric.

use crate::fmt::limit;
use crate::i18n::Texts;
use crate::problem::{join, Lang, Problem, ProblemCode};
use crate::rubric::{Direction, InputDef, InputKind, Rubric, Scale};
use crate::util::round2;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A checklist answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    /// Full credit (1).
    Yes,
    /// Half credit (0.5).
    Partial,
    /// No credit (0).
    No,
}

impl Answer {
    /// The credit of the answer.
    pub fn credit(self) -> f64 {
        match self {
            Answer::Yes => 1.0,
            Answer::Partial => 0.5,
            Answer::No => 0.0,
        }
    }
}

// In JSON: a boolean, a number, or an object of answers. Read by hand (below) rather than as
// an untagged enum, which would buffer the value and try each variant in turn, building an
// error for each miss.
/// A value entered for one input.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum InputValue {
    /// For boolean inputs.
    Bool(bool),
    /// For integer and number inputs.
    Number(f64),
    /// For checklist inputs: item id → answer.
    Checklist(BTreeMap<String, Answer>),
}

impl<'de> Deserialize<'de> for InputValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = InputValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a boolean, a number or an object of checklist answers")
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<InputValue, E> {
                Ok(InputValue::Bool(b))
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<InputValue, E> {
                Ok(InputValue::Number(n as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<InputValue, E> {
                Ok(InputValue::Number(n as f64))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<InputValue, E> {
                Ok(InputValue::Number(n))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<InputValue, A::Error> {
                let mut answers = BTreeMap::new();
                while let Some((k, v)) = m.next_entry::<String, Answer>()? {
                    answers.insert(k, v);
                }
                Ok(InputValue::Checklist(answers))
            }
        }
        d.deserialize_any(V)
    }
}

/// Input id → value, for one category.
pub type Figures = BTreeMap<String, InputValue>;

/// Maps an indicator value to a score 0–100.
pub fn apply_scale(scale: &Scale, v: f64) -> f64 {
    let s = match scale {
        Scale::Linear { min, max } => 100.0 * (v - min) / (max - min),
        Scale::Log { min, max } => {
            if v <= *min {
                0.0
            } else if v >= *max {
                100.0
            } else {
                100.0 * libm::log(v / min) / libm::log(max / min)
            }
        }
        Scale::Bands { direction, steps, otherwise } => {
            let hit = match direction {
                Direction::Higher => steps.iter().filter(|s| v >= s.at).max_by(|a, b| a.at.total_cmp(&b.at)),
                Direction::Lower => steps.iter().filter(|s| v <= s.at).min_by(|a, b| a.at.total_cmp(&b.at)),
            };
            hit.map(|s| s.score).unwrap_or(*otherwise)
        }
        Scale::Percent => v,
    };
    if s.is_nan() {
        0.0
    } else {
        s.clamp(0.0, 100.0)
    }
}

/// The value of one input inside expressions (rubric-format §4); `None` when missing or of the
/// wrong kind (both count as 0 for preview scoring).
pub fn input_value(def: &InputDef, v: Option<&InputValue>) -> Option<f64> {
    match (def.kind, v?) {
        (InputKind::Integer | InputKind::Number, InputValue::Number(n)) if n.is_finite() => Some(*n),
        (InputKind::Boolean, InputValue::Bool(b)) => Some(if *b { 1.0 } else { 0.0 }),
        (InputKind::Checklist, InputValue::Checklist(answers)) => {
            let items = def.items.as_deref().unwrap_or_default();
            if items.is_empty() {
                return Some(0.0);
            }
            let sum: f64 = items.iter().map(|it| answers.get(&it.id).map_or(0.0, |a| a.credit())).sum();
            Some(100.0 * sum / items.len() as f64)
        }
        _ => None,
    }
}

/// One indicator's result.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "exact-json", derive(Serialize, Deserialize))]
pub struct IndicatorScore {
    /// The indicator value, `None` when undefined.
    pub value: Option<f64>,
    /// Score 0–100 at full precision.
    pub score: f64,
    /// `weight × score / 100`: the points it adds to the category score.
    pub contribution: f64,
}

/// A category's scores for one set of figures.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "exact-json", derive(Serialize, Deserialize))]
pub struct Scorecard {
    /// Index of the category in the rubric.
    pub category: usize,
    /// Months of data used.
    pub months: u32,
    /// The value of each input slot used for scoring (missing = 0).
    pub values: Vec<f64>,
    /// Per indicator, in rubric order.
    pub indicators: Vec<IndicatorScore>,
    /// Data score at full precision.
    pub data_score: f64,
    /// Required inputs that are missing (slots).
    pub missing: Vec<usize>,
    /// Checks that fail (indexes into the category's checks).
    pub failed_checks: Vec<usize>,
}

impl Scorecard {
    /// The data score rounded to 2 decimals.
    pub fn rounded(&self) -> f64 {
        round2(self.data_score)
    }

    /// Whether a required input is missing.
    pub fn incomplete(&self) -> bool {
        !self.missing.is_empty()
    }

    /// The projected final score (full precision) for a jury mark 0–100.
    pub fn final_score(&self, rubric: &Rubric, jury: f64) -> f64 {
        let fs = &rubric.file.final_score;
        (fs.data_weight * self.data_score + fs.jury_weight * jury) / 100.0
    }

    /// Each indicator's id and rounded score, in rubric order (what files and reports show).
    pub fn rounded_indicators<'a>(&'a self, rubric: &'a Rubric) -> impl Iterator<Item = (&'a str, f64)> + 'a {
        rubric.file.categories[self.category]
            .indicators
            .iter()
            .zip(&self.indicators)
            .map(|(d, s)| (d.id.as_str(), round2(s.score)))
    }

    /// The predicate of the rounded data score.
    pub fn predicate<'r>(&self, rubric: &'r Rubric, lang: Lang) -> &'r str {
        rubric.predicate(self.rounded()).get(lang)
    }
}

/// Input slot values of `figures` for category `cat`, and the required inputs that are missing.
pub fn slot_values(rubric: &Rubric, cat: usize, figures: &Figures) -> (Vec<f64>, Vec<usize>) {
    let defs = &rubric.file.categories[cat].inputs;
    let mut missing = Vec::new();
    let values = defs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = input_value(d, figures.get(&d.id));
            if v.is_none() && d.required {
                missing.push(i);
            }
            v.unwrap_or(0.0)
        })
        .collect();
    (values, missing)
}

/// Scores category `cat` of `rubric` for the entered `figures` and `months` of data.
pub fn score(rubric: &Rubric, cat: usize, figures: &Figures, months: u32) -> Scorecard {
    let (values, missing) = slot_values(rubric, cat, figures);
    let mut card = score_slots(rubric, cat, values, months);
    card.missing = missing;
    card
}

/// Scores from input slot values directly (used for what-if scoring).
pub fn score_slots(rubric: &Rubric, cat: usize, values: Vec<f64>, months: u32) -> Scorecard {
    let def = &rubric.file.categories[cat];
    let compiled = &rubric.categories[cat];
    let m = months as f64;
    let indicators: Vec<IndicatorScore> = def
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let blocked = compiled.requires[i].iter().any(|&s| values[s] == 0.0);
            let value = if blocked { None } else { compiled.values[i].eval(&values, m) };
            let score = value.map_or(ind.when_undefined, |v| apply_scale(&ind.scale, v));
            IndicatorScore { value, score, contribution: ind.weight * score / 100.0 }
        })
        .collect();
    let data_score = indicators.iter().map(|s| s.contribution).sum::<f64>().clamp(0.0, 100.0);
    let failed_checks = compiled
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| match (c.lhs.eval(&values, m), c.rhs.eval(&values, m)) {
            (Some(a), Some(b)) => !c.op.holds(a, b),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    Scorecard { category: cat, months, values, indicators, data_score, missing: Vec::new(), failed_checks }
}

/// The score the category would get if every input in `zeroed` counted as 0 (evidence risk).
pub fn score_with_zeroed(rubric: &Rubric, card: &Scorecard, zeroed: &[usize]) -> Scorecard {
    let mut values = card.values.clone();
    for &s in zeroed {
        values[s] = 0.0;
    }
    let mut out = score_slots(rubric, card.category, values, card.months);
    out.missing = card.missing.clone();
    out
}

/// Checks entered figures against the rubric: kinds, whole integers, limits, checklist items,
/// unknown inputs, required inputs and checks. Paths are relative to the entry (`inputs.<id>`).
pub fn validate_figures(rubric: &Rubric, cat: usize, figures: &Figures, months: u32) -> Vec<Problem> {
    validate_scored(rubric, cat, figures, &score(rubric, cat, figures, months))
}

/// [`validate_figures`] with the figures' scorecard already made (its failed checks are read).
pub fn validate_scored(rubric: &Rubric, cat: usize, figures: &Figures, card: &Scorecard) -> Vec<Problem> {
    let def = &rubric.file.categories[cat];
    let mut out = Vec::new();
    for (id, v) in figures {
        // Made only for a problem: most figures have none.
        let path = || join("inputs", id);
        let Some(d) = def.inputs.iter().find(|d| &d.id == id) else {
            out.push(Problem::of(ProblemCode::UnknownInput, path(), |t| t.unknown_input(&def.id, id)));
            continue;
        };
        let label = |t: Texts| d.label.get(t.0);
        match (d.kind, v) {
            (InputKind::Integer | InputKind::Number, InputValue::Number(n)) => {
                if d.kind == InputKind::Integer && n.fract() != 0.0 {
                    out.push(Problem::of(ProblemCode::NotWhole, path(), |t| t.not_whole(label(t), limit(*n, t.0))));
                }
                if let Some(min) = d.min.filter(|m| n < m) {
                    out.push(Problem::of(ProblemCode::BelowMin, path(), |t| t.below_min(label(t), limit(min, t.0))));
                }
                if let Some(max) = d.max.filter(|m| n > m) {
                    out.push(Problem::of(ProblemCode::AboveMax, path(), |t| t.above_max(label(t), limit(max, t.0))));
                }
            }
            (InputKind::Boolean, InputValue::Bool(_)) => {}
            (InputKind::Checklist, InputValue::Checklist(answers)) => {
                let items = d.items.as_deref().unwrap_or_default();
                for k in answers.keys() {
                    if !items.iter().any(|it| &it.id == k) {
                        out.push(Problem::of(ProblemCode::UnknownItem, join(&path(), k), |t| {
                            t.unknown_item(k, label(t))
                        }));
                    }
                }
            }
            (kind, _) => {
                let want = |t: Texts| match kind {
                    InputKind::Integer => t.kind_integer(),
                    InputKind::Number => t.kind_number(),
                    InputKind::Boolean => t.kind_boolean(),
                    InputKind::Checklist => t.kind_checklist(),
                };
                out.push(Problem::of(ProblemCode::WrongKind, path(), |t| t.wrong_kind(want(t), label(t))));
            }
        }
    }
    for d in &def.inputs {
        if d.required && !figures.contains_key(&d.id) {
            out.push(Problem::of(ProblemCode::MissingInput, join("inputs", &d.id), |t| {
                t.missing_input(d.label.get(t.0))
            }));
        }
    }
    for &c in &card.failed_checks {
        let check = &def.checks[c];
        let rule = &rubric.categories[cat].checks[c];
        let mut slots = rule.lhs.inputs();
        slots.extend(rule.rhs.inputs().into_iter().filter(|s| !rule.lhs.inputs().contains(s)));
        let path = slots.first().map(|&s| join("inputs", &def.inputs[s].id)).unwrap_or_else(|| "inputs".into());
        out.push(Problem::of(ProblemCode::CheckFailed, path, |t| {
            let names: Vec<&str> = slots.iter().map(|&s| def.inputs[s].label.get(t.0)).collect();
            t.check_failed(names.join(", "), check.message.get(t.0), &check.rule)
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::Step;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn bands(direction: Direction, steps: &[(f64, f64)], otherwise: f64) -> Scale {
        Scale::Bands { direction, steps: steps.iter().map(|&(at, score)| Step { at, score }).collect(), otherwise }
    }

    fn check(scale: Scale, cases: &[(f64, f64)]) {
        for &(v, expect) in cases {
            assert_eq!(round2(apply_scale(&scale, v)), expect, "{scale:?} at {v}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn linear_scale_clamps_and_reverses() {
        check(
            Scale::Linear { min: 0.0, max: 60.0 },
            &[(-5.0, 0.0), (0.0, 0.0), (42.0, 70.0), (60.0, 100.0), (99.0, 100.0)],
        );
        check(Scale::Linear { min: 10.0, max: 0.0 }, &[(0.0, 100.0), (2.5, 75.0), (10.0, 0.0), (20.0, 0.0)]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn log_scale_matches_definition() {
        check(
            Scale::Log { min: 1.0, max: 50.0 },
            &[(0.0, 0.0), (1.0, 0.0), (38.0, 92.98), (50.0, 100.0), (51.0, 100.0)],
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn bands_pick_the_right_step() {
        let higher = bands(Direction::Higher, &[(90.0, 100.0), (80.0, 80.0), (70.0, 60.0)], 30.0);
        check(higher, &[(95.0, 100.0), (90.0, 100.0), (89.99, 80.0), (70.0, 60.0), (69.0, 30.0)]);
        let lower = bands(Direction::Lower, &[(2.0, 100.0), (6.0, 85.0), (24.0, 70.0), (72.0, 40.0)], 10.0);
        check(lower, &[(0.0, 100.0), (2.0, 100.0), (5.0, 85.0), (24.0, 70.0), (72.1, 10.0)]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn percent_clamps() {
        check(Scale::Percent, &[(-1.0, 0.0), (55.555, 55.56), (120.0, 100.0)]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn checklist_value_is_mean_credit() {
        let r = crate::rubric::builtin();
        let cat = r.category_index("website").unwrap();
        let def = &r.file.categories[cat].inputs.iter().find(|d| d.id == "domain").unwrap();
        let v = InputValue::Checklist(BTreeMap::from([("go_id".to_string(), Answer::Partial)]));
        assert_eq!(input_value(def, Some(&v)), Some(25.0));
        assert_eq!(input_value(def, Some(&InputValue::Number(3.0))), None);
        assert_eq!(input_value(def, None), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn validation_names_fields_and_checks() {
        let r = crate::rubric::builtin();
        let cat = r.category_index("lapor_opd").unwrap();
        let figures: Figures = serde_json::from_str(
            r#"{"received": 10, "followed_up": 8, "completed": 9, "followed_up_5d": 2.5,
                "avg_days_first_followup": -1, "channel": {"sk_tim": "yes", "bogus": "no"}, "extra": true}"#,
        )
        .unwrap();
        let problems = validate_figures(r, cat, &figures, 10);
        let got: Vec<(&str, &str)> = problems.iter().map(|p| (&*p.code, p.path.as_str())).collect();
        assert_eq!(
            got,
            [
                ("below_min", "inputs.avg_days_first_followup"),
                ("unknown_item", "inputs.channel.bogus"),
                ("unknown_input", "inputs.extra"),
                ("not_whole", "inputs.followed_up_5d"),
                ("check_failed", "inputs.completed"),
            ]
        );
        assert!(
            problems[4].message(crate::problem::Lang::Id).contains("Aduan selesai"),
            "{}",
            problems[4].message(crate::problem::Lang::Id)
        );
    }
}
