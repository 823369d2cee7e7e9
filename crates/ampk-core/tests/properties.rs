//! Property tests of the core (rubric-format §5–§7): score bounds, scale monotonicity, bands
//! against a naive reference, rounding, ranking, expression parsing, "where to gain points" and
//! rubric loading robustness. Native only (proptest does not run in the browser).
#![cfg(not(target_arch = "wasm32"))]

use ampk_core::expr::{self, ExprError, MAX_DEPTH};
use ampk_core::gain::gains;
use ampk_core::rank::{rank, RankEntry};
use ampk_core::rubric::{self, Direction, InputDef, InputKind, Rubric, Scale, Step, MODEL_RUBRIC_JSON};
use ampk_core::score::{apply_scale, score_slots, Answer, Figures, InputValue};
use ampk_core::{builtin, round2, score};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Any finite double (no NaN, no infinity), all magnitudes.
fn finite() -> impl Strategy<Value = f64> + Clone {
    use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
}

/// Any double, NaN and infinities included.
fn any_f64() -> impl Strategy<Value = f64> + Clone {
    proptest::num::f64::ANY
}

/// Finite doubles weighted towards the magnitudes figures and scales actually have.
fn value() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![
        3 => -1e3..1e3f64,
        2 => -1e9..1e9f64,
        1 => (-1000i32..1000).prop_map(|k| k as f64 / 4.0),
        1 => select(vec![0.0, -0.0, 1.0, -1.0, 100.0, f64::MIN_POSITIVE, f64::MAX, f64::MIN, 1e300, -1e300]),
        2 => finite(),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    select(vec![Answer::Yes, Answer::Partial, Answer::No])
}

/// A checklist answer map over (some of) `items`, sometimes with an item that does not exist.
fn checklist(items: Vec<String>) -> impl Strategy<Value = InputValue> {
    let known = prop::collection::vec((select(items), answer()), 0..16);
    let unknown = prop::option::weighted(0.1, answer());
    (known, unknown).prop_map(|(known, unknown)| {
        let mut m: BTreeMap<String, Answer> = known.into_iter().collect();
        if let Some(a) = unknown {
            m.insert("bogus_item".into(), a);
        }
        InputValue::Checklist(m)
    })
}

/// A value of the wrong kind for `kind` (or of an arbitrary kind).
fn wrong_kind(kind: InputKind) -> BoxedStrategy<InputValue> {
    let num = value().prop_map(InputValue::Number).boxed();
    let boolean = any::<bool>().prop_map(InputValue::Bool).boxed();
    let list = checklist(vec!["x".into(), "y".into()]).boxed();
    match kind {
        InputKind::Integer | InputKind::Number => prop_oneof![boolean, list].boxed(),
        InputKind::Boolean => prop_oneof![num, list].boxed(),
        InputKind::Checklist => prop_oneof![num, boolean].boxed(),
    }
}

/// What an officer might type (or fail to type) for one input: missing, zero, the limits, any
/// value within them, a wrong kind, and a few out-of-range or fractional values.
fn figure(def: &InputDef) -> BoxedStrategy<Option<InputValue>> {
    let kind = def.kind;
    match kind {
        InputKind::Integer | InputKind::Number => {
            let lo = def.min.unwrap_or(0.0);
            let hi = def.max.unwrap_or(1e9).max(lo);
            let whole = move |x: f64| if kind == InputKind::Integer { x.round() } else { x };
            let num = |s: BoxedStrategy<f64>| s.prop_map(|x| Some(InputValue::Number(x))).boxed();
            prop_oneof![
                2 => Just(None),
                2 => Just(Some(InputValue::Number(0.0))),
                1 => Just(Some(InputValue::Number(hi))),
                1 => Just(Some(InputValue::Number(lo))),
                4 => num((lo..=hi).prop_map(whole).boxed()),
                3 => num((lo..=hi.min(lo + 200.0)).prop_map(whole).boxed()),
                // Spread over orders of magnitude up to the max.
                3 => num((0.0..=hi.max(1.0).log10()).prop_map(move |e| whole(10f64.powf(e)).min(hi)).boxed()),
                1 => wrong_kind(kind).prop_map(Some),
                1 => num(value().boxed()),
            ]
            .boxed()
        }
        InputKind::Boolean => prop_oneof![
            1 => Just(None),
            4 => any::<bool>().prop_map(|b| Some(InputValue::Bool(b))),
            1 => wrong_kind(kind).prop_map(Some),
        ]
        .boxed(),
        InputKind::Checklist => {
            let items: Vec<String> = def.items.as_deref().unwrap_or_default().iter().map(|i| i.id.clone()).collect();
            let all = items.clone();
            prop_oneof![
                1 => Just(None),
                4 => checklist(items).prop_map(Some),
                1 => (answer()).prop_map(move |a| Some(InputValue::Checklist(all.iter().map(|i| (i.clone(), a)).collect()))),
                1 => wrong_kind(kind).prop_map(Some),
            ]
            .boxed()
        }
    }
}

/// Random figures for a random category of `rubric`, with random months 1–12.
fn figures_for(rubric: &'static Rubric) -> impl Strategy<Value = (usize, Figures, u32)> {
    (0..rubric.file.categories.len()).prop_flat_map(move |cat| {
        let defs = &rubric.file.categories[cat].inputs;
        let per_input: Vec<_> = defs.iter().map(figure).collect();
        let ids: Vec<String> = defs.iter().map(|d| d.id.clone()).collect();
        (Just(cat), per_input, 1u32..=12, prop::option::weighted(0.1, value())).prop_map(
            move |(cat, vals, months, extra)| {
                let mut f: Figures = ids.iter().cloned().zip(vals).filter_map(|(id, v)| Some((id, v?))).collect();
                if let Some(x) = extra {
                    f.insert("not_an_input".into(), InputValue::Number(x));
                }
                (cat, f, months)
            },
        )
    })
}

fn builtin_figures() -> impl Strategy<Value = (usize, Figures, u32)> {
    figures_for(builtin())
}

/// Band steps with unique `at`s (often on a quarter grid so values hit them exactly).
fn steps() -> impl Strategy<Value = Vec<Step>> {
    let at = prop_oneof![3 => (-400i32..400).prop_map(|k| k as f64 / 4.0), 1 => value()];
    prop::collection::vec((at, 0.0..=100.0f64), 1..8).prop_map(|raw| {
        let mut out: Vec<Step> = Vec::new();
        for (at, score) in raw {
            if !out.iter().any(|s| s.at == at) {
                out.push(Step { at, score });
            }
        }
        out
    })
}

fn direction() -> impl Strategy<Value = Direction> {
    select(vec![Direction::Higher, Direction::Lower])
}

/// A scale as a valid rubric may hold it, with finite parameters.
fn scale() -> impl Strategy<Value = Scale> {
    let ordered = (value(), value()).prop_filter("min != max", |(a, b)| a != b);
    prop_oneof![
        ordered.prop_map(|(min, max)| Scale::Linear { min, max }),
        (value(), value()).prop_filter_map("0 < min < max", |(a, b)| {
            let (min, max) = (a.abs().min(b.abs()), a.abs().max(b.abs()));
            (min > 0.0 && min < max).then_some(Scale::Log { min, max })
        }),
        (direction(), steps(), 0.0..=100.0f64).prop_map(|(direction, steps, otherwise)| Scale::Bands {
            direction,
            steps,
            otherwise
        }),
        Just(Scale::Percent),
    ]
}

fn in_range(x: f64) -> bool {
    (0.0..=100.0).contains(&x)
}

// ---------------------------------------------------------------------------------------------
// Scores stay within 0–100
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every indicator score, contribution and category data score is within 0–100 for any
    /// figures (missing, zero, at the limits, out of range, of the wrong kind) and months 1–12.
    #[test]
    fn builtin_scores_stay_within_0_100((cat, figures, months) in builtin_figures(), jury in 0.0..=100.0f64) {
        let r = builtin();
        let card = score(r, cat, &figures, months);
        let def = &r.file.categories[cat];
        prop_assert_eq!(card.indicators.len(), def.indicators.len());
        for (ind, s) in def.indicators.iter().zip(&card.indicators) {
            prop_assert!(in_range(s.score), "{}: score {}", ind.id, s.score);
            prop_assert!(s.contribution >= 0.0 && s.contribution <= ind.weight, "{}: contribution {}", ind.id, s.contribution);
            prop_assert!(s.value.is_none_or(f64::is_finite), "{}: value {:?}", ind.id, s.value);
        }
        prop_assert!(in_range(card.data_score), "data score {}", card.data_score);
        prop_assert!(in_range(card.rounded()), "rounded {}", card.rounded());
        prop_assert!(in_range(card.final_score(r, jury)), "final {}", card.final_score(r, jury));
        prop_assert!(card.values.iter().all(|v| v.is_finite()));
    }

    /// Any scale of a valid rubric maps any finite value into 0–100.
    #[test]
    fn scales_map_finite_values_into_0_100(s in scale(), v in value()) {
        let y = apply_scale(&s, v);
        prop_assert!(in_range(y), "{:?} at {} gave {}", s, v, y);
    }

    /// … and even NaN and infinities (which evaluation never produces) give 0–100.
    #[test]
    fn scales_map_non_finite_values_into_0_100(s in scale(), v in any_f64()) {
        let y = apply_scale(&s, v);
        prop_assert!(in_range(y), "{:?} at {} gave {}", s, v, y);
    }
}

// ---------------------------------------------------------------------------------------------
// Monotonicity and bands
// ---------------------------------------------------------------------------------------------

/// Two values `a ≤ b`: independent, or `b` a small step above `a`.
fn ordered_pair() -> impl Strategy<Value = (f64, f64)> {
    prop_oneof![
        (value(), value()).prop_map(|(a, b)| if a <= b { (a, b) } else { (b, a) }),
        (value(), select(vec![0.0f64, 1e-12, 1e-9, 1e-6, 0.01, 0.25, 1.0]))
            .prop_map(|(a, d)| (a, a + d.max(a.abs() * d))),
        value().prop_map(|a| (a, f64::from_bits(a.to_bits() + if a >= 0.0 { 1 } else { 0 }))),
    ]
    .prop_filter("finite and ordered", |(a, b)| a.is_finite() && b.is_finite() && a <= b)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Linear with min < max is non-decreasing in v; with max < min, non-increasing.
    #[test]
    fn linear_is_monotonic((min, max) in (value(), value()).prop_filter("differ", |(a, b)| a != b), (a, b) in ordered_pair()) {
        let s = Scale::Linear { min, max };
        let (sa, sb) = (apply_scale(&s, a), apply_scale(&s, b));
        if min < max {
            prop_assert!(sa <= sb, "{:?}: s({})={} > s({})={}", s, a, sa, b, sb);
        } else {
            prop_assert!(sa >= sb, "{:?}: s({})={} < s({})={}", s, a, sa, b, sb);
        }
    }

    /// Log (0 < min < max) is non-decreasing in v, 0 at or below min, 100 at or above max.
    #[test]
    fn log_is_monotonic(
        (min, max) in (1e-6..1e9f64, 1e-6..1e9f64).prop_filter_map("0 < min < max", |(a, b)| (a < b).then_some((a, b))),
        (a, b) in ordered_pair(),
    ) {
        let s = Scale::Log { min, max };
        let (sa, sb) = (apply_scale(&s, a), apply_scale(&s, b));
        prop_assert!(sa <= sb, "{:?}: s({})={} > s({})={}", s, a, sa, b, sb);
        prop_assert_eq!(apply_scale(&s, min), 0.0);
        prop_assert_eq!(apply_scale(&s, max), 100.0);
    }

    /// Log with extreme (but valid) parameters is still monotonic.
    #[test]
    fn log_is_monotonic_for_any_valid_parameters(
        (min, max) in (finite(), finite()).prop_filter_map("0 < min < max", |(a, b)| {
            let (min, max) = (a.abs().min(b.abs()), a.abs().max(b.abs()));
            (min > 0.0 && min < max).then_some((min, max))
        }),
        (a, b) in ordered_pair(),
    ) {
        let s = Scale::Log { min, max };
        let (sa, sb) = (apply_scale(&s, a), apply_scale(&s, b));
        prop_assert!(sa <= sb, "{:?}: s({})={} > s({})={}", s, a, sa, b, sb);
    }

    /// Bands follow rubric-format §6, checked against a naive reference.
    #[test]
    fn bands_match_the_spec(
        direction in direction(),
        steps in steps(),
        otherwise in 0.0..=100.0f64,
        pick in any::<Index>(),
        nudge in select(vec![0.0, 0.0, 1e-9, -1e-9, 0.25, -0.25, 1.0, -1.0]),
        free in prop::option::weighted(0.3, value()),
    ) {
        // Either a free value or one at (or just beside) a step's `at`.
        let v = free.unwrap_or(steps[pick.index(steps.len())].at + nudge);
        let expect = naive_bands(direction, &steps, otherwise, v);
        let s = Scale::Bands { direction, steps, otherwise };
        let got = apply_scale(&s, v);
        prop_assert_eq!(got, expect, "{:?} at {}", s, v);
    }
}

/// rubric-format §6, written out without iterator adaptors.
fn naive_bands(direction: Direction, steps: &[Step], otherwise: f64, v: f64) -> f64 {
    let mut best: Option<&Step> = None;
    for s in steps {
        let matches = match direction {
            Direction::Higher => v >= s.at,
            Direction::Lower => v <= s.at,
        };
        if !matches {
            continue;
        }
        let better = match (best, direction) {
            (None, _) => true,
            (Some(b), Direction::Higher) => s.at > b.at,
            (Some(b), Direction::Lower) => s.at < b.at,
        };
        if better {
            best = Some(s);
        }
    }
    match best {
        Some(s) => s.score,
        None => otherwise,
    }
}

// ---------------------------------------------------------------------------------------------
// Rounding
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// A rounded score printed with 2 decimals reads back as the very same double, so exported
    /// text and the in-memory score agree.
    #[test]
    fn round2_survives_two_decimal_text(x in prop_oneof![-1e6..=1e6f64, (-100_000_000i64..100_000_000).prop_map(|k| k as f64 / 1000.0), (-1_000_000i64..=1_000_000).prop_map(|k| k as f64 / 200.0)]) {
        let r = round2(x);
        let text = format!("{r:.2}");
        let back: f64 = text.parse().unwrap();
        prop_assert_eq!(back, r, "x = {}, text = {}", x, text);
        // Half away from zero: never more than half a cent away from x (up to float noise).
        prop_assert!((r - x).abs() <= 0.005 + 1e-9 * x.abs().max(1.0), "x = {}, r = {}", x, r);
    }
}

// ---------------------------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------------------------

const NAMES: &[&str] = &["Dinas A", "Dinas B", "dinas a", "Dinas  A", "Badan C", "badan c"];

/// Random entries from small sets (so ties are common), and the same entries shuffled.
fn entries() -> impl Strategy<Value = (Vec<RankEntry>, Vec<RankEntry>)> {
    (0usize..4)
        .prop_flat_map(|ties| {
            let entry = (
                select(NAMES.to_vec()),
                select(vec![50.0, 60.0, 70.0]),
                prop::collection::vec(select(vec![0.0, 50.0, 100.0]), ties),
            )
                .prop_map(|(agency, score, tie)| RankEntry { agency: agency.to_string(), score, tie });
            prop::collection::vec(entry, 0..12)
        })
        .prop_flat_map(|list| (Just(list.clone()), Just(list).prop_shuffle()))
}

/// Whether `a` is strictly better than `b`: higher score, then the first differing tie-break.
fn strictly_better(a: &RankEntry, b: &RankEntry) -> bool {
    if a.score != b.score {
        return a.score > b.score;
    }
    for (x, y) in a.tie.iter().zip(&b.tie) {
        if x != y {
            return x > y;
        }
    }
    false
}

type Row = (String, f64, Vec<f64>, u32, bool);

fn rows(entries: &[RankEntry], winners: u32) -> Vec<Row> {
    rank(entries, winners)
        .iter()
        .map(|p| {
            let e = &entries[p.entry];
            (e.agency.clone(), e.score, e.tie.clone(), p.rank, p.winner)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ranking_is_competition_ranking((list, shuffled) in entries(), winners in 0u32..6) {
        let places = rank(&list, winners);
        // A permutation of the input.
        let mut seen: Vec<usize> = places.iter().map(|p| p.entry).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..list.len()).collect::<Vec<_>>());
        if let Some(first) = places.first() {
            prop_assert_eq!(first.rank, 1);
        }
        for (pos, p) in places.iter().enumerate() {
            let e = &list[p.entry];
            // Competition rank: 1 + the number of entries strictly better.
            let better = list.iter().filter(|o| strictly_better(o, e)).count() as u32;
            prop_assert_eq!(p.rank, 1 + better, "{:?}", e);
            // Winners are exactly the ranks within the cut-off.
            prop_assert_eq!(p.winner, p.rank <= winners);
            // Listed by merit: never after a worse entry.
            if pos > 0 {
                let prev = &list[places[pos - 1].entry];
                prop_assert!(!strictly_better(e, prev), "{:?} listed after {:?}", e, prev);
                prop_assert!(places[pos - 1].rank <= p.rank);
            }
        }
        // The input order does not matter.
        prop_assert_eq!(rows(&list, winners), rows(&shuffled, winners));
    }
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

const INPUTS: &[&str] = &["posts", "reach", "engagements"];

/// Token soup: grammatical fragments glued at random, so many strings parse.
fn token_soup() -> impl Strategy<Value = String> {
    let tok = select(vec![
        "posts",
        "reach",
        "engagements",
        "months",
        "min",
        "max",
        "sqrt",
        "postz",
        "(",
        ")",
        ",",
        "+",
        "-",
        "*",
        "/",
        "0",
        "1",
        "2.5",
        "100",
        "0.0001",
        "99999999999999999999",
        "1e5",
        "1.",
        ".5",
        " ",
        "\t",
        "<=",
        ">=",
        "<",
        ">",
        "==",
        "=",
        "é",
        "≤",
        "P",
        "_",
    ]);
    prop::collection::vec(tok, 0..40).prop_map(|v| v.concat())
}

/// Deep nesting and long chains around a fragment.
fn deep() -> impl Strategy<Value = String> {
    let open = select(vec!["(", "-", "min(", "max(", "(-", "-(", "max(1,", "posts*("]);
    prop_oneof![
        (open, 0usize..3000, token_soup(), 0usize..3000, any::<bool>()).prop_map(|(o, n, mid, m, exact)| {
            let close = if exact { n } else { m };
            let mid = if mid.is_empty() { "1".to_string() } else { mid };
            format!("{}{}{}", o.repeat(n), mid, ")".repeat(close))
        }),
        (0usize..(MAX_DEPTH + 4)).prop_map(|n| format!("{}posts{}", "(".repeat(n), ")".repeat(n))),
        (select(vec!["+", "-", "*", "/", "+-", "*-"]), 0usize..20_000)
            .prop_map(|(op, n)| format!("1{}", format!("{op}posts").repeat(n))),
    ]
}

fn expression_text() -> impl Strategy<Value = String> {
    let rule = (ast(), select(vec!["<=", ">=", "<", ">", "=="]), ast())
        .prop_map(|(a, op, b)| format!("{} {op} {}", a.minimal(), b.minimal()));
    prop_oneof![2 => any::<String>(), 4 => token_soup(), 1 => deep(), 1 => "\\PC{0,60}", 2 => ast().prop_map(|a| a.minimal()), 1 => rule]
}

/// Slot values for [`INPUTS`].
fn slot_values() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![3 => (0i32..1000).prop_map(f64::from), 1 => Just(0.0), 2 => value()],
        INPUTS.len(),
    )
}

fn check_error(src: &str, e: &ExprError) -> Result<(), TestCaseError> {
    prop_assert!(e.at <= src.len() && src.is_char_boundary(e.at), "error at {} in {:?}", e.at, src);
    prop_assert!(ampk_core::Lang::ALL.iter().all(|l| !e.message(l.texts()).is_empty()));
    Ok(())
}

/// A random expression tree, printed by the test itself.
#[derive(Debug, Clone)]
enum Ast {
    Leaf(&'static str),
    Neg(Box<Ast>),
    Bin(char, Box<Ast>, Box<Ast>),
    Call(&'static str, Vec<Ast>),
}

impl Ast {
    /// 1 for `+ -`, 2 for `* /`, 3 for anything that binds tighter.
    fn prec(&self) -> u8 {
        match self {
            Ast::Bin('+' | '-', ..) => 1,
            Ast::Bin(..) => 2,
            _ => 3,
        }
    }

    /// With only the parentheses precedence and left associativity need.
    fn minimal(&self) -> String {
        let wrap = |a: &Ast, need: bool| if need { format!("({})", a.minimal()) } else { a.minimal() };
        match self {
            Ast::Leaf(s) => s.to_string(),
            Ast::Neg(a) => format!("-{}", wrap(a, a.prec() < 3)),
            Ast::Bin(op, a, b) => {
                let p = self.prec();
                format!("{} {op} {}", wrap(a, a.prec() < p), wrap(b, b.prec() <= p))
            }
            Ast::Call(f, args) => format!("{f}({})", args.iter().map(Ast::minimal).collect::<Vec<_>>().join(", ")),
        }
    }

    /// With every operation parenthesised.
    fn full(&self) -> String {
        match self {
            Ast::Leaf(s) => s.to_string(),
            Ast::Neg(a) => format!("(-{})", a.full()),
            Ast::Bin(op, a, b) => format!("({}{op}{})", a.full(), b.full()),
            Ast::Call(f, args) => format!("{f}({})", args.iter().map(Ast::full).collect::<Vec<_>>().join(",")),
        }
    }
}

fn ast() -> impl Strategy<Value = Ast> {
    let leaf = select(vec![
        "posts",
        "reach",
        "engagements",
        "months",
        "0",
        "1",
        "2.5",
        "100",
        "0.001",
        "30.4375",
        "99999999999",
    ])
    .prop_map(Ast::Leaf);
    leaf.prop_recursive(6, 48, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|a| Ast::Neg(Box::new(a))),
            (select(vec!['+', '-', '*', '/']), inner.clone(), inner.clone()).prop_map(|(op, a, b)| Ast::Bin(
                op,
                Box::new(a),
                Box::new(b)
            )),
            (select(vec!["min", "max"]), prop::collection::vec(inner, 1..4)).prop_map(|(f, args)| Ast::Call(f, args)),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Grammatical expressions parse; precedence and left associativity give the same tree as
    /// full parenthesisation; evaluation gives `None` or a finite number.
    #[test]
    fn grammatical_expressions_parse_with_precedence(a in ast(), b in ast(), op in select(vec!["<=", ">=", "<", ">", "=="]), vals in slot_values(), months in 1u32..=12) {
        let (text, full) = (a.minimal(), a.full());
        let e = expr::parse(&text, INPUTS).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(&e, &expr::parse(&full, INPUTS).unwrap(), "{} vs {}", text, full);
        let v = e.eval(&vals, f64::from(months));
        prop_assert!(v.is_none_or(f64::is_finite), "{:?} gave {:?}", text, v);
        let rule = format!("{text} {op} {}", b.minimal());
        let c = expr::parse_check(&rule, INPUTS).map_err(|e| TestCaseError::fail(format!("{rule:?}: {e}")))?;
        prop_assert_eq!(c.op.as_str(), op);
        prop_assert_eq!(&c.lhs, &e);
        prop_assert_eq!(c.rhs, expr::parse(&b.full(), INPUTS).unwrap());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Parsing never panics (nor overflows the stack); a parsed expression evaluates to
    /// `None` or a finite number.
    #[test]
    fn expressions_parse_without_panic(src in expression_text(), vals in slot_values(), months in 1u32..=12) {
        let m = f64::from(months);
        match expr::parse(&src, INPUTS) {
            Ok(e) => {
                let v = e.eval(&vals, m);
                prop_assert!(v.is_none_or(f64::is_finite), "{:?} gave {:?}", src, v);
                prop_assert!(e.inputs().iter().all(|&s| s < INPUTS.len()));
                for s in 0..INPUTS.len() {
                    let _ = e.is_affine_in(s);
                }
            }
            Err(err) => check_error(&src, &err)?,
        }
        match expr::parse_check(&src, INPUTS) {
            Ok(c) => {
                for side in [&c.lhs, &c.rhs] {
                    let v = side.eval(&vals, m);
                    prop_assert!(v.is_none_or(f64::is_finite), "{:?} gave {:?}", src, v);
                }
            }
            Err(err) => check_error(&src, &err)?,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Where to gain points
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn gains_are_reachable_and_sorted((cat, figures, months) in builtin_figures()) {
        let r = builtin();
        let def = &r.file.categories[cat];
        let card = score(r, cat, &figures, months);
        let list = gains(r, &card);
        let mut listed = Vec::new();
        for g in &list {
            let ind = &def.indicators[g.indicator];
            prop_assert!(g.available > 0.0 && g.available <= ind.weight, "{:?}", g);
            prop_assert!(!listed.contains(&g.indicator), "indicator listed twice: {:?}", g);
            listed.push(g.indicator);
            let Some(ch) = &g.change else { continue };
            let input = &def.inputs[ch.input];
            prop_assert!(ch.to.is_finite() && ch.to != ch.from, "{:?}", g);
            prop_assert!(input.min.is_none_or(|m| ch.to >= m), "{}: {} below min {:?}", input.id, ch.to, input.min);
            prop_assert!(input.max.is_none_or(|m| ch.to <= m), "{}: {} above max {:?}", input.id, ch.to, input.max);
            match input.kind {
                InputKind::Integer => prop_assert!(ch.to.fract() == 0.0 && ch.to >= 0.0, "{:?}", g),
                InputKind::Boolean => prop_assert!(ch.to == 0.0 || ch.to == 1.0, "{:?}", g),
                InputKind::Checklist => prop_assert!(in_range(ch.to), "{:?}", g),
                InputKind::Number => prop_assert!(ch.to >= 0.0, "{:?}", g),
            }
            prop_assert!(ch.gain > 0.0, "{:?}", g);
            // Applying the change gives exactly that gain and breaks no check that held.
            let mut vals = card.values.clone();
            vals[ch.input] = ch.to;
            let next = score_slots(r, cat, vals, months);
            prop_assert_eq!(next.data_score - card.data_score, ch.gain);
            for c in &next.failed_checks {
                prop_assert!(card.failed_checks.contains(c), "{:?} breaks check {}", g, def.checks[*c].rule);
            }
        }
        // Every indicator with points still available is listed.
        let open = card.indicators.iter().zip(&def.indicators).filter(|(s, i)| i.weight * (100.0 - s.score) / 100.0 > 0.0).count();
        prop_assert_eq!(list.len(), open);
        // Sorted by points gained, most first.
        let gained: Vec<f64> = list.iter().map(|g| g.change.as_ref().map_or(0.0, |c| c.gain)).collect();
        prop_assert!(gained.windows(2).all(|w| w[0] >= w[1]), "{:?}", gained);
    }
}

// ---------------------------------------------------------------------------------------------
// Rubric loading
// ---------------------------------------------------------------------------------------------

/// A byte-level mutation of the model rubric.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(Index, u8),
    Delete(Index),
    Insert(Index, u8),
    /// Replaces one byte with one that keeps JSON likely valid (a digit, a quote, a bracket…).
    Replace(Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        any::<Index>().prop_map(Mutation::Delete),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), select(b"0123456789-.e\",:[]{} ".to_vec())).prop_map(|(i, b)| Mutation::Replace(i, b)),
    ]
}

fn mutate(src: &[u8], muts: &[Mutation]) -> Vec<u8> {
    let mut b = src.to_vec();
    for m in muts {
        if b.is_empty() {
            break;
        }
        match *m {
            Mutation::Flip(ref i, x) => {
                let k = i.index(b.len());
                b[k] ^= x;
            }
            Mutation::Delete(ref i) => {
                let k = i.index(b.len());
                b.remove(k);
            }
            Mutation::Insert(ref i, x) => {
                let k = i.index(b.len() + 1);
                b.insert(k, x);
            }
            Mutation::Replace(ref i, x) => {
                let k = i.index(b.len());
                b[k] = x;
            }
        }
    }
    b
}

/// A random JSON value, small.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..200).prop_map(Value::from),
        finite().prop_map(Value::from),
        select(vec![
            "",
            "x",
            "linear",
            "log",
            "bands",
            "percent",
            "higher",
            "lower",
            "posts / months",
            "months",
            "1 / 0",
            "yes"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec((select(vec!["id", "min", "max", "at", "score", "type", "en"]), inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// Replaces the `pick`-th node (counting depth-first, `doc` itself being 0) of `doc` with
/// `new`; returns whether it was found.
fn replace_node(doc: &mut serde_json::Value, pick: &mut usize, new: &serde_json::Value) -> bool {
    if *pick == 0 {
        *doc = new.clone();
        return true;
    }
    *pick -= 1;
    match doc {
        serde_json::Value::Array(a) => a.iter_mut().any(|x| replace_node(x, pick, new)),
        serde_json::Value::Object(m) => m.values_mut().any(|x| replace_node(x, pick, new)),
        _ => false,
    }
}

fn count_nodes(doc: &serde_json::Value) -> usize {
    1 + match doc {
        serde_json::Value::Array(a) => a.iter().map(count_nodes).sum(),
        serde_json::Value::Object(m) => m.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// When a (mutated) rubric loads, scoring and gains work on every category.
fn exercise(r: &Rubric) -> Result<(), TestCaseError> {
    for cat in 0..r.file.categories.len() {
        for months in [1, 12] {
            let card = score(r, cat, &Figures::new(), months);
            prop_assert!(in_range(card.data_score));
            prop_assert!(card.indicators.iter().all(|s| in_range(s.score)));
            let _ = gains(r, &card);
            let _ = card.predicate(r, ampk_core::Lang::En);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary bytes never make the loader panic.
    #[test]
    fn load_survives_arbitrary_bytes(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        "\\PC{0,200}".prop_map(String::into_bytes),
        prop::collection::vec(select(b"{}[]\":,0123456789.-etrufalsn ".to_vec()), 0..256),
    ]) {
        if let Err(problems) = rubric::load(&bytes) {
            prop_assert!(!problems.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Byte mutations of the model rubric are loaded or rejected, never a panic; whatever
    /// loads can be scored.
    #[test]
    fn load_survives_byte_mutations_of_the_model(muts in prop::collection::vec(mutation(), 1..4)) {
        let bytes = mutate(MODEL_RUBRIC_JSON.as_bytes(), &muts);
        match rubric::load(&bytes) {
            Ok(r) => exercise(&r)?,
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }

    /// Structural mutations (a random node replaced by random JSON) get past the JSON parser
    /// into validation; they are loaded or rejected, never a panic.
    #[test]
    fn load_survives_structural_mutations_of_the_model(pick in any::<Index>(), new in json_value()) {
        let mut doc: serde_json::Value = serde_json::from_str(MODEL_RUBRIC_JSON).unwrap();
        let mut k = pick.index(count_nodes(&doc));
        replace_node(&mut doc, &mut k, &new);
        let bytes = serde_json::to_vec(&doc).unwrap();
        match rubric::load(&bytes) {
            Ok(r) => exercise(&r)?,
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }
}

#[test]
fn the_model_rubric_itself_loads_and_scores() {
    let r = rubric::load(MODEL_RUBRIC_JSON.as_bytes()).expect("model rubric loads");
    assert_eq!(&r, builtin());
    exercise(builtin()).unwrap();
}

/// Regression: a long flat chain (`1+posts+posts+…`, parsed iteratively) used to build a tree
/// 10 000s of levels deep that overflowed the stack when evaluated or dropped; the tree height
/// is now limited like nesting is.
#[test]
fn long_flat_chains_are_rejected_not_overflowed() {
    for op in ["+", "-", "*", "/"] {
        let chain = |n: usize| format!("1{}", format!("{op}posts").repeat(n));
        let ok = expr::parse(&chain(MAX_DEPTH), INPUTS).expect("a chain of MAX_DEPTH operators parses");
        assert!(ok.eval(&[1.0, 2.0, 3.0], 10.0).is_some());
        for n in [MAX_DEPTH + 1, 10_000, 200_000] {
            let err = expr::parse(&chain(n), INPUTS).expect_err("too deep");
            assert_eq!(err.kind, expr::ExprErrorKind::TooDeep, "{op} × {n}");
            let err = expr::parse_check(&format!("{} <= 1", chain(n)), INPUTS).expect_err("too deep");
            assert_eq!(err.kind, expr::ExprErrorKind::TooDeep, "{op} × {n}");
        }
    }
    // Nesting errors are reported where they were before the height limit (snapshots pin them).
    for deep in [format!("{}posts", "-".repeat(100)), format!("{}posts{}", "(".repeat(400), ")".repeat(400))] {
        let err = expr::parse(&deep, INPUTS).expect_err("too deep");
        assert_eq!((err.at, err.kind), (MAX_DEPTH + 1, expr::ExprErrorKind::TooDeep), "{deep}");
    }
}

/// `round2` against values computed independently of it: rubric-format §7 says
/// `(x * 100.0).round() / 100.0` in IEEE double precision, half away from zero. Each expected
/// value was worked out with exact decimal arithmetic (Python's `decimal`, 200 digits): the exact
/// value of the double `x`, times 100 rounded once to the nearest double (the IEEE multiply),
/// rounded half away from zero to a whole number, divided by 100 rounded once to the nearest
/// double. The half-way cases show both effects: `0.125` is exactly half-way and rounds away from
/// zero; `1.005` is stored just below half-way and its product stays below (→ 1.00), while
/// `2.675` is stored below half-way but its product rounds up to exactly 267.5 (→ 2.68).
#[test]
fn round2_matches_hand_worked_half_way_cases() {
    const CASES: &[(&str, &str)] = &[
        ("0.125", "0.13"),
        ("-0.125", "-0.13"),
        ("0.375", "0.38"),
        ("2.675", "2.68"),
        ("1.005", "1.0"),
        ("0.285", "0.28"),
        ("1.015", "1.01"),
        ("87.875", "87.88"),
        ("99.995", "100.0"),
        ("-99.995", "-100.0"),
        ("0.005", "0.01"),
        ("-0.005", "-0.01"),
        ("0.015", "0.02"),
        ("0.045", "0.05"),
        ("1.115", "1.12"),
        ("12.345", "12.35"),
        ("78.335", "78.33"),
        ("50.005", "50.01"),
        ("33.335", "33.34"),
        ("66.665", "66.67"),
        ("0.994999", "0.99"),
        ("0.995", "1.0"),
        ("100", "100.0"),
        ("0", "0.0"),
        ("-0.0", "-0.0"),
        ("8.325", "8.32"),
        ("4.35", "4.35"),
        ("1e-9", "0.0"),
        ("123456.785", "123456.79"),
        ("0.3", "0.3"),
    ];
    for (x, want) in CASES {
        let (x, want): (f64, f64) = (x.parse().unwrap(), want.parse().unwrap());
        assert_eq!(round2(x).to_bits(), want.to_bits(), "round2({x}) = {}, want {want}", round2(x));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Typed decimals read as the nearest `f64`, exactly as `str::parse` reads them: short and
    /// long digit strings, leading and trailing zeros, tiny and huge magnitudes.
    #[test]
    fn decimals_read_as_str_parse_does(
        int in "[0-9]{0,30}|0{0,5}[1-9][0-9]{300,320}",
        frac in "[0-9]{0,40}|0{300,330}[0-9]{1,25}|[0-9]{700,900}",
    ) {
        let text = format!("0{int}.{frac}0");
        let want = text.parse::<f64>().ok().filter(|v| v.is_finite());
        let frac = if frac.is_empty() { None } else { Some(frac.as_str()) };
        prop_assert_eq!(ampk_core::fmt::parse_decimal(&int, frac).map(f64::to_bits), want.map(f64::to_bits), "{}", text);
    }

    /// Near ties: 17 significant digits and more around the halfway points of doubles.
    #[test]
    fn decimals_near_ties_read_as_str_parse_does(x in any::<f64>().prop_filter("finite", |x| x.is_finite() && *x > 0.0), extra in "[0-9]{0,12}") {
        let shortest = format!("{x:e}");
        let (mant, exp) = shortest.split_once('e').unwrap();
        let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect::<String>() + &extra;
        let exp: i64 = exp.parse().unwrap();
        // digits · 10^(exp - len + 1) as int.frac
        let point = exp + 1;
        let (int, frac) = if point <= 0 {
            (String::new(), "0".repeat((-point) as usize) + &digits)
        } else if point as usize >= digits.len() {
            (digits.clone() + &"0".repeat(point as usize - digits.len()), String::new())
        } else {
            (digits[..point as usize].to_string(), digits[point as usize..].to_string())
        };
        let text = format!("0{int}.{frac}0");
        let want = text.parse::<f64>().ok().filter(|v| v.is_finite());
        let frac = if frac.is_empty() { None } else { Some(frac.as_str()) };
        prop_assert_eq!(ampk_core::fmt::parse_decimal(&int, frac).map(f64::to_bits), want.map(f64::to_bits), "{}", text);
    }
}
