//! Semantic validation of a rubric (rubric-format §8), every problem at once. The same walk
//! compiles each category: its indicator expressions and check rules are parsed against its
//! inputs, and `requires` and `tie_break` are resolved to indexes.

use super::{Band, Category, CategoryDef, IndicatorDef, InputDef, InputKind, RubricFile, Scale, Text, FORMAT_VERSION};
use crate::expr::{self, Expr, ExprError, ExprErrorKind};
use crate::fmt::plain;
use crate::i18n::Texts;
use crate::json::parse_date;
use crate::problem::{index, join, Problem, ProblemCode};
use std::collections::BTreeSet;

fn matches_id(s: &str, first: fn(u8) -> bool, rest: fn(u8) -> bool, min: usize, max: usize) -> bool {
    let b = s.as_bytes();
    (min..=max).contains(&b.len()) && b.first().is_some_and(|c| first(*c)) && b[1..].iter().all(|c| rest(*c))
}

fn lower_or_digit(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

fn snake(c: u8) -> bool {
    lower_or_digit(c) || c == b'_'
}

/// Where the rules report what they find: every problem with its path and message.
struct V<'a> {
    out: &'a mut Vec<Problem>,
}

impl V<'_> {
    /// Adds the problem `code` at `path` with the message `msg` (a catalogue key).
    fn push<M: Into<String>>(&mut self, code: ProblemCode, path: String, msg: impl Fn(Texts) -> M) {
        self.out.push(Problem::of(code, path, msg));
    }

    fn id_pattern(&mut self, path: String, value: &str, ok: bool, pattern: &str) {
        if !ok {
            self.push(ProblemCode::IdPattern, path, |t| t.id_pattern(value, pattern));
        }
    }

    fn text(&mut self, path: String, text: &Text) {
        if text.0.get("id").is_none_or(|s| s.trim().is_empty()) {
            self.push(ProblemCode::TextWithoutId, path, |t| t.text_without_id());
        }
    }

    fn non_empty<T>(&mut self, path: String, list: &[T]) {
        if list.is_empty() {
            self.push(ProblemCode::Empty, path, |t| t.must_not_be_empty());
        }
    }

    fn unique<'s>(&mut self, base: &str, ids: impl Iterator<Item = &'s str>, member: &str) {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.push(ProblemCode::DuplicateId, join(&index(base, i), member), |t| t.duplicate_id(id));
            }
        }
    }

    fn range(&mut self, code: ProblemCode, path: String, v: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&v) {
            let (lo, hi, v) = (plain(lo), plain(hi), plain(v));
            self.push(code, path, |t| t.between(&hi, &lo, &v));
        }
    }

    fn expr_error(&mut self, path: String, src: &str, e: &ExprError) {
        let code = match e.kind {
            ExprErrorKind::UnknownIdent(_) => ProblemCode::UnknownIdentifier,
            ExprErrorKind::UnknownFunction(_) => ProblemCode::UnknownFunction,
            ExprErrorKind::TooDeep => ProblemCode::ExprTooDeep,
            ExprErrorKind::Comparison { .. } => ProblemCode::CheckComparison,
            _ => ProblemCode::ExprSyntax,
        };
        let shown: String = src.chars().take(80).collect();
        self.push(code, path, |t| t.expr_in_source(e.message(t), &shown));
    }
}

pub(super) fn validate(f: &RubricFile, out: &mut Vec<Problem>) -> Vec<Category> {
    let mut v = V { out };
    if f.format != "ampk-rubric" {
        v.push(ProblemCode::Format, "format".into(), |t| t.not_a_rubric(&f.format));
    }
    if f.format_version != FORMAT_VERSION {
        v.push(ProblemCode::FormatVersion, "format_version".into(), |t| {
            if f.format_version > FORMAT_VERSION {
                t.rubric_newer_version(f.format_version)
            } else {
                t.rubric_unknown_version(f.format_version)
            }
        });
    }
    let rubric_id_ok = matches_id(&f.id, lower_or_digit, |c| lower_or_digit(c) || c == b'-', 3, 64);
    v.id_pattern("id".into(), &f.id, rubric_id_ok, "[a-z0-9][a-z0-9-]{2,63}");
    if !(2000..=2100).contains(&f.edition) {
        v.push(ProblemCode::EditionRange, "edition".into(), |t| t.edition_range(f.edition));
    }
    v.text("title".into(), &f.title);
    let start = parse_date(&f.period.start);
    let end = parse_date(&f.period.end);
    for (path, s, d) in [("period.start", &f.period.start, start), ("period.end", &f.period.end, end)] {
        if d.is_none() {
            v.push(ProblemCode::PeriodDate, path.into(), |t| t.period_date(s));
        }
    }
    if let (Some(s), Some(e)) = (start, end) {
        if s > e {
            v.push(ProblemCode::PeriodOrder, "period".into(), |t| t.period_order());
        }
    }
    let fs = &f.final_score;
    for (path, w) in [("final_score.data_weight", fs.data_weight), ("final_score.jury_weight", fs.jury_weight)] {
        if w < 0.0 {
            let w = plain(w);
            v.push(ProblemCode::FinalWeights, path.into(), |t| t.final_weight_negative(&w));
        }
    }
    if (fs.data_weight + fs.jury_weight - 100.0).abs() > 1e-9 {
        let sum = plain(fs.data_weight + fs.jury_weight);
        v.push(ProblemCode::FinalWeights, "final_score".into(), |t| t.final_weights_sum(&sum));
    }
    validate_bands(&mut v, &f.bands);
    v.non_empty("agency_types".into(), &f.agency_types);
    for (i, t) in f.agency_types.iter().enumerate() {
        let p = index("agency_types", i);
        v.id_pattern(
            join(&p, "id"),
            &t.id,
            matches_id(&t.id, |c| c.is_ascii_lowercase(), snake, 1, 32),
            "[a-z][a-z0-9_]{0,31}",
        );
        v.text(join(&p, "label"), &t.label);
    }
    v.unique("agency_types", f.agency_types.iter().map(|t| t.id.as_str()), "id");
    v.non_empty("categories".into(), &f.categories);
    v.unique("categories", f.categories.iter().map(|c| c.id.as_str()), "id");
    // Built by insertion: collecting into a B-tree would sort, adding a sort to the bundle.
    let mut types = BTreeSet::new();
    types.extend(f.agency_types.iter().map(|t| t.id.as_str()));
    f.categories
        .iter()
        .enumerate()
        .map(|(i, c)| validate_category(&mut v, &index("categories", i), c, &types))
        .collect()
}

fn validate_bands(v: &mut V<'_>, bands: &[Band]) {
    v.non_empty("bands".into(), bands);
    for (i, b) in bands.iter().enumerate() {
        let p = index("bands", i);
        v.range(ProblemCode::BandMinRange, join(&p, "min"), b.min, 0.0, 100.0);
        v.text(join(&p, "label"), &b.label);
        if i > 0 && b.min >= bands[i - 1].min {
            let (previous, min) = (plain(bands[i - 1].min), plain(b.min));
            v.push(ProblemCode::BandOrder, join(&p, "min"), |t| t.band_order(&min, &previous));
        }
    }
    if let Some(last) = bands.last() {
        if last.min != 0.0 {
            v.push(ProblemCode::BandLastZero, join(&index("bands", bands.len() - 1), "min"), |t| {
                t.band_last_zero(last.min)
            });
        }
    }
}

fn validate_category(v: &mut V<'_>, p: &str, c: &CategoryDef, types: &BTreeSet<&str>) -> Category {
    v.id_pattern(
        join(p, "id"),
        &c.id,
        matches_id(&c.id, |c| c.is_ascii_lowercase(), snake, 1, 64),
        "[a-z][a-z0-9_]{0,63}",
    );
    v.text(join(p, "label"), &c.label);
    if let Some(d) = &c.description {
        v.text(join(p, "description"), d);
    }
    v.non_empty(join(p, "eligible"), &c.eligible);
    for (i, e) in c.eligible.iter().enumerate() {
        if !types.contains(e.as_str()) {
            v.push(ProblemCode::UnknownAgencyType, index(&join(p, "eligible"), i), |t| t.eligible_unknown_type(e));
        }
    }
    if !(1..=10).contains(&c.winners) {
        v.push(ProblemCode::WinnersRange, join(p, "winners"), |t| t.winners_range(c.winners));
    }
    let inputs_path = join(p, "inputs");
    v.non_empty(inputs_path.clone(), &c.inputs);
    v.unique(&inputs_path, c.inputs.iter().map(|i| i.id.as_str()), "id");
    for (i, input) in c.inputs.iter().enumerate() {
        validate_input(v, &index(&inputs_path, i), input);
    }
    let input_ids: Vec<&str> = c.inputs.iter().map(|i| i.id.as_str()).collect();

    let ind_path = join(p, "indicators");
    v.non_empty(ind_path.clone(), &c.indicators);
    v.unique(&ind_path, c.indicators.iter().map(|i| i.id.as_str()), "id");
    let mut values = Vec::new();
    let mut requires = Vec::new();
    for (i, ind) in c.indicators.iter().enumerate() {
        let ip = index(&ind_path, i);
        let ok = matches_id(
            &ind.id,
            |c| c.is_ascii_alphanumeric() || c == b'_',
            |c| c.is_ascii_alphanumeric() || c == b'_',
            1,
            16,
        );
        v.id_pattern(join(&ip, "id"), &ind.id, ok, "[A-Za-z0-9_]{1,16}");
        v.text(join(&ip, "label"), &ind.label);
        if let Some(h) = &ind.help {
            v.text(join(&ip, "help"), h);
        }
        if ind.weight.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            v.push(ProblemCode::WeightPositive, join(&ip, "weight"), |t| t.weight_positive(ind.weight));
        }
        match expr::parse(&ind.value, &input_ids) {
            Ok(e) => values.push(e),
            Err(e) => {
                v.expr_error(join(&ip, "value"), &ind.value, &e);
                values.push(Expr::Num(0.0));
            }
        }
        validate_scale(v, &join(&ip, "scale"), &ind.scale);
        let mut req = Vec::new();
        for (k, r) in ind.requires.iter().enumerate() {
            match input_ids.iter().position(|i| i == r) {
                Some(slot) => req.push(slot),
                None => {
                    v.push(ProblemCode::RequiresUnknown, index(&join(&ip, "requires"), k), |t| t.requires_unknown(r))
                }
            }
        }
        requires.push(req);
        v.range(ProblemCode::WhenUndefinedRange, join(&ip, "when_undefined"), ind.when_undefined, 0.0, 100.0);
    }
    let sum: f64 = c.indicators.iter().map(|i| i.weight).sum();
    if !c.indicators.is_empty() && (sum - 100.0).abs() > 1e-9 {
        let sum = plain(sum);
        v.push(ProblemCode::WeightsSum, ind_path.clone(), |t| t.weights_sum(&sum));
    }
    let mut checks = Vec::new();
    for (i, ch) in c.checks.iter().enumerate() {
        let cp = index(&join(p, "checks"), i);
        v.text(join(&cp, "message"), &ch.message);
        match expr::parse_check(&ch.rule, &input_ids) {
            Ok(r) => checks.push(r),
            Err(e) => v.expr_error(join(&cp, "rule"), &ch.rule, &e),
        }
    }
    let tie_break = match &c.tie_break {
        Some(list) => list
            .iter()
            .enumerate()
            .filter_map(|(k, id)| {
                let pos = c.indicators.iter().position(|i| &i.id == id);
                if pos.is_none() {
                    v.push(ProblemCode::TieBreakUnknown, index(&join(p, "tie_break"), k), |t| t.tie_break_unknown(id));
                }
                pos
            })
            .collect(),
        None => default_tie_break(&c.indicators),
    };
    Category { values, requires, checks, tie_break }
}

/// All indicators in decreasing weight, file order among equal weights (rubric-format §7).
fn default_tie_break(indicators: &[IndicatorDef]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..indicators.len()).collect();
    crate::util::sort_small(&mut order, |&a, &b| indicators[b].weight.total_cmp(&indicators[a].weight).then(a.cmp(&b)));
    order
}

fn validate_input(v: &mut V<'_>, p: &str, input: &InputDef) {
    v.id_pattern(
        join(p, "id"),
        &input.id,
        matches_id(&input.id, |c| c.is_ascii_lowercase(), snake, 1, 64),
        "[a-z][a-z0-9_]{0,63}",
    );
    if input.id == "months" || input.id == "min" || input.id == "max" {
        v.push(ProblemCode::InputReservedId, join(p, "id"), |t| t.input_reserved_id(&input.id));
    }
    v.text(join(p, "label"), &input.label);
    for (name, t) in [("help", &input.help), ("unit", &input.unit)] {
        if let Some(t) = t {
            v.text(join(p, name), t);
        }
    }
    let numeric = matches!(input.kind, InputKind::Integer | InputKind::Number);
    if !numeric {
        for (name, val) in [("min", input.min), ("max", input.max)] {
            if val.is_some() {
                v.push(ProblemCode::LimitsNotNumeric, join(p, name), |t| t.limits_not_numeric(name));
            }
        }
    }
    if let (Some(lo), Some(hi)) = (input.min, input.max) {
        if lo > hi {
            let (lo, hi) = (plain(lo), plain(hi));
            v.push(ProblemCode::MinMax, join(p, "min"), |t| t.min_max(&hi, &lo));
        }
    }
    match (&input.kind, &input.items) {
        (InputKind::Checklist, None) => v.push(ProblemCode::ChecklistItems, p.to_string(), |t| t.checklist_items()),
        (InputKind::Checklist, Some(items)) => {
            let ip = join(p, "items");
            if items.is_empty() {
                v.push(ProblemCode::ChecklistItems, ip.clone(), |t| t.checklist_items());
            }
            v.unique(&ip, items.iter().map(|i| i.id.as_str()), "id");
            for (k, item) in items.iter().enumerate() {
                let itp = index(&ip, k);
                v.id_pattern(
                    join(&itp, "id"),
                    &item.id,
                    matches_id(&item.id, |c| c.is_ascii_lowercase(), snake, 1, 64),
                    "[a-z][a-z0-9_]{0,63}",
                );
                v.text(join(&itp, "label"), &item.label);
                if let Some(h) = &item.help {
                    v.text(join(&itp, "help"), h);
                }
            }
        }
        (_, Some(_)) => v.push(ProblemCode::ItemsNotChecklist, join(p, "items"), |t| t.items_not_checklist()),
        _ => {}
    }
}

fn validate_scale(v: &mut V<'_>, p: &str, s: &Scale) {
    match s {
        Scale::Linear { min, max } => {
            if min == max {
                let min = plain(*min);
                v.push(ProblemCode::ScaleParams, join(p, "max"), |t| t.linear_scale_equal(&min));
            }
        }
        Scale::Log { min, max } => {
            if !(0.0 < *min && min < max) {
                let (min, max) = (plain(*min), plain(*max));
                v.push(ProblemCode::ScaleParams, p.to_string(), |t| t.log_scale_order(&max, &min));
            }
        }
        Scale::Bands { steps, otherwise, .. } => {
            let sp = join(p, "steps");
            if steps.is_empty() {
                v.push(ProblemCode::ScaleParams, sp.clone(), |t| t.bands_without_steps());
            }
            let mut seen: Vec<f64> = Vec::new();
            for (i, st) in steps.iter().enumerate() {
                let stp = index(&sp, i);
                v.range(ProblemCode::ScaleParams, join(&stp, "score"), st.score, 0.0, 100.0);
                if seen.contains(&st.at) {
                    let at = plain(st.at);
                    v.push(ProblemCode::BandStepsUnique, join(&stp, "at"), |t| t.band_steps_unique(&at));
                }
                seen.push(st.at);
            }
            v.range(ProblemCode::ScaleParams, join(p, "otherwise"), *otherwise, 0.0, 100.0);
        }
        Scale::Percent => {}
    }
}
