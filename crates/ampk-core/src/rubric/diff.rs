//! What changed from one rubric to another ([`diff`]): the one comparison behind the officer's
//! migration summary, `ampk rubric diff` and the coordinator's advice on a rubric mismatch.
//!
//! Things are matched by id: agency types, categories, and within a category its inputs,
//! checklist items and indicators; checks (which have no id) by their rule, spaces aside. The
//! result is structured (serialised for `--json`; an absent member is unchanged) and reads in
//! plain words in any language ([`RubricDiff::lines`]). Texts that do not change a score
//! (labels, help, units, descriptions, the publisher) are not listed one by one: when only they
//! differ, one line says so.

use super::{
    AgencyType, Band, CategoryDef, CheckDef, Direction, Evidence, FinalScore, IndicatorDef, InputDef, InputKind,
    ItemDef, Period, Rubric, Scale, Status, Text,
};
use crate::fmt;
use crate::i18n::Texts;
use crate::problem::Lang;
use serde::Serialize;

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

/// `Some` when the two differ.
fn change<T: PartialEq + Clone>(old: &T, new: &T) -> Option<Change<T>> {
    (old != new).then(|| Change { old: old.clone(), new: new.clone() })
}

/// Which rubric a side of the comparison is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identity {
    pub id: String,
    pub edition: u32,
    pub title: Text,
    pub status: Status,
    pub sha256: String,
}

impl Identity {
    fn of(r: &Rubric) -> Identity {
        let f = &r.file;
        Identity {
            id: f.id.clone(),
            edition: f.edition,
            title: f.title.clone(),
            status: f.status,
            sha256: r.sha256.clone(),
        }
    }

    /// The first 12 hex digits of the fingerprint, as the kit shows it.
    pub fn short_sha256(&self) -> &str {
        self.sha256.get(..12).unwrap_or(&self.sha256)
    }
}

/// A category added or removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: String,
    pub label: Text,
}

/// Everything that differs between two rubrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RubricDiff {
    pub old: Identity,
    pub new: Identity,
    /// Both have the same fingerprint: to the kit they are one rubric.
    pub identical: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Change<Period>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_score: Option<Change<FinalScore>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bands: Option<Change<Vec<Band>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agency_types_added: Vec<AgencyType>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agency_types_removed: Vec<AgencyType>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories_added: Vec<Named>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories_removed: Vec<Named>,
    /// Categories in both rubrics that changed, in the new rubric's order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryDiff>,
}

/// What changed in a category both rubrics have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryDiff {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligible: Option<Change<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub winners: Option<Change<u32>>,
    /// The declared tie-break (`None`: the default order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<Change<Option<Vec<String>>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs_added: Vec<InputDef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs_removed: Vec<InputDef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inputs_changed: Vec<InputChange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators_added: Vec<IndicatorDef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators_removed: Vec<IndicatorDef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators_changed: Vec<IndicatorChange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks_added: Vec<CheckDef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks_removed: Vec<CheckDef>,
    /// The same rule with another message.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks_changed: Vec<Change<CheckDef>>,
}

/// What changed in an input both rubrics have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputChange {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Change<InputKind>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<Change<Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Change<Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Change<Evidence>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Change<bool>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items_added: Vec<ItemDef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items_removed: Vec<ItemDef>,
}

/// What changed in an indicator both rubrics have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorChange {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Change<f64>>,
    /// The value expression (spaces aside).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Change<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<Change<Scale>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires: Option<Change<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when_undefined: Option<Change<f64>>,
}

/// Items of `new` whose key `old` lacks, and items of `old` whose key `new` lacks, each in its
/// own file order.
fn added_removed<T: Clone, K: PartialEq>(old: &[T], new: &[T], key: impl Fn(&T) -> K) -> (Vec<T>, Vec<T>) {
    let lacks = |list: &[T], x: &T| !list.iter().any(|y| key(y) == key(x));
    let added = new.iter().filter(|x| lacks(old, x)).cloned().collect();
    let removed = old.iter().filter(|x| lacks(new, x)).cloned().collect();
    (added, removed)
}

/// Pairs of items with the same key, in `new`'s order.
fn common<'a, T, K: PartialEq>(old: &'a [T], new: &'a [T], key: impl Fn(&T) -> K) -> Vec<(&'a T, &'a T)> {
    new.iter().filter_map(|n| old.iter().find(|o| key(o) == key(n)).map(|o| (o, n))).collect()
}

/// An expression or a rule without its spaces: `a*b` and `a * b` are one rule.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Compares two rubrics.
pub fn diff(old: &Rubric, new: &Rubric) -> RubricDiff {
    let (o, n) = (&old.file, &new.file);
    let (agency_types_added, agency_types_removed) = added_removed(&o.agency_types, &n.agency_types, |t| t.id.clone());
    let named = |c: &CategoryDef| Named { id: c.id.clone(), label: c.label.clone() };
    let (added, removed) = added_removed(&o.categories, &n.categories, |c| c.id.clone());
    let categories = common(&o.categories, &n.categories, |c| c.id.clone())
        .into_iter()
        .map(|(a, b)| category(a, b))
        .filter(|c| !c.is_empty())
        .collect();
    RubricDiff {
        old: Identity::of(old),
        new: Identity::of(new),
        identical: old.sha256 == new.sha256,
        period: change(&o.period, &n.period),
        final_score: change(&o.final_score, &n.final_score),
        bands: change(&o.bands, &n.bands),
        agency_types_added,
        agency_types_removed,
        categories_added: added.iter().map(named).collect(),
        categories_removed: removed.iter().map(named).collect(),
        categories,
    }
}

fn category(o: &CategoryDef, n: &CategoryDef) -> CategoryDiff {
    let (inputs_added, inputs_removed) = added_removed(&o.inputs, &n.inputs, |i| i.id.clone());
    let (indicators_added, indicators_removed) = added_removed(&o.indicators, &n.indicators, |i| i.id.clone());
    let rule = |c: &CheckDef| squeeze(&c.rule);
    let (checks_added, checks_removed) = added_removed(&o.checks, &n.checks, rule);
    CategoryDiff {
        id: n.id.clone(),
        eligible: change(&o.eligible, &n.eligible),
        winners: change(&o.winners, &n.winners),
        tie_break: change(&o.tie_break, &n.tie_break),
        inputs_added,
        inputs_removed,
        inputs_changed: common(&o.inputs, &n.inputs, |i| i.id.clone())
            .into_iter()
            .map(|(a, b)| input(a, b))
            .filter(|c| !c.is_empty())
            .collect(),
        indicators_added,
        indicators_removed,
        indicators_changed: common(&o.indicators, &n.indicators, |i| i.id.clone())
            .into_iter()
            .map(|(a, b)| indicator(a, b))
            .filter(|c| !c.is_empty())
            .collect(),
        checks_added,
        checks_removed,
        checks_changed: common(&o.checks, &n.checks, rule)
            .into_iter()
            .filter(|(a, b)| a.message != b.message)
            .map(|(a, b)| Change { old: a.clone(), new: b.clone() })
            .collect(),
    }
}

fn input(o: &InputDef, n: &InputDef) -> InputChange {
    let none = Vec::new();
    let (items_added, items_removed) =
        added_removed(o.items.as_ref().unwrap_or(&none), n.items.as_ref().unwrap_or(&none), |i| i.id.clone());
    InputChange {
        id: n.id.clone(),
        kind: change(&o.kind, &n.kind),
        min: change(&o.min, &n.min),
        max: change(&o.max, &n.max),
        evidence: change(&o.evidence, &n.evidence),
        required: change(&o.required, &n.required),
        items_added,
        items_removed,
    }
}

fn indicator(o: &IndicatorDef, n: &IndicatorDef) -> IndicatorChange {
    IndicatorChange {
        id: n.id.clone(),
        weight: change(&o.weight, &n.weight),
        value: (squeeze(&o.value) != squeeze(&n.value)).then(|| Change { old: o.value.clone(), new: n.value.clone() }),
        scale: change(&o.scale, &n.scale),
        requires: change(&o.requires, &n.requires),
        when_undefined: change(&o.when_undefined, &n.when_undefined),
    }
}

impl InputChange {
    fn is_empty(&self) -> bool {
        self.kind.is_none()
            && self.min.is_none()
            && self.max.is_none()
            && self.evidence.is_none()
            && self.required.is_none()
            && self.items_added.is_empty()
            && self.items_removed.is_empty()
    }
}

impl IndicatorChange {
    fn is_empty(&self) -> bool {
        self.weight.is_none()
            && self.value.is_none()
            && self.scale.is_none()
            && self.requires.is_none()
            && self.when_undefined.is_none()
    }
}

impl CategoryDiff {
    fn is_empty(&self) -> bool {
        self.eligible.is_none()
            && self.winners.is_none()
            && self.tie_break.is_none()
            && self.inputs_added.is_empty()
            && self.inputs_removed.is_empty()
            && self.inputs_changed.is_empty()
            && self.indicators_added.is_empty()
            && self.indicators_removed.is_empty()
            && self.indicators_changed.is_empty()
            && self.checks_added.is_empty()
            && self.checks_removed.is_empty()
            && self.checks_changed.is_empty()
    }
}

impl RubricDiff {
    /// Whether the two are one rubric to the kit (the same fingerprint): a submission made with
    /// one is accepted with the other.
    pub fn is_empty(&self) -> bool {
        self.identical
    }

    /// "From rubric A (edition, fingerprint) to rubric B (…)", in `lang`.
    pub fn heading(&self, lang: Lang) -> String {
        let (o, n) = (&self.old, &self.new);
        lang.texts().diff_heading(
            n.edition,
            n.short_sha256(),
            n.title.get(lang),
            o.edition,
            o.short_sha256(),
            o.title.get(lang),
        )
    }

    /// Every difference in plain words, in `lang`: the rubric's identity, the edition-wide rules,
    /// then each category in the new rubric's order. Empty when the rubrics are one.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let t = lang.texts();
        let mut out = Vec::new();
        let (o, n) = (&self.old, &self.new);
        if o.id != n.id || o.edition != n.edition {
            out.push(t.diff_rubric_id(n.edition, &n.id, o.edition, &o.id));
        }
        if o.title != n.title {
            out.push(t.diff_title(n.title.get(lang), o.title.get(lang)));
        }
        if o.status != n.status {
            out.push(t.diff_status(status(t, n.status), status(t, o.status)));
        }
        if let Some(c) = &self.period {
            out.push(t.diff_period(&c.new.end, &c.new.start, &c.old.end, &c.old.start));
        }
        if let Some(c) = &self.final_score {
            let num = |x: f64| fmt::number(x, lang, None);
            out.push(t.diff_final_score(
                num(c.new.data_weight),
                num(c.new.jury_weight),
                num(c.old.data_weight),
                num(c.old.jury_weight),
            ));
        }
        if let Some(c) = &self.bands {
            out.push(t.diff_bands(bands(lang, &c.new), bands(lang, &c.old)));
        }
        for a in &self.agency_types_added {
            out.push(t.diff_agency_type_added(&a.id, a.label.get(lang)));
        }
        for a in &self.agency_types_removed {
            out.push(t.diff_agency_type_removed(&a.id, a.label.get(lang)));
        }
        for c in &self.categories_added {
            out.push(t.diff_category_added(&c.id, c.label.get(lang)));
        }
        for c in &self.categories_removed {
            out.push(t.diff_category_removed(&c.id, c.label.get(lang)));
        }
        for c in &self.categories {
            out.extend(c.lines(lang).into_iter().map(|line| t.diff_in_category(&c.id, line)));
        }
        if out.is_empty() && !self.identical {
            // Nothing that scores differs, yet the fingerprints do.
            out.push(t.diff_only_texts().to_string());
        }
        out
    }
}

fn status(t: Texts, s: Status) -> &'static str {
    match s {
        Status::Model => t.diff_status_model(),
        Status::Official => t.diff_status_official(),
    }
}

fn kind(t: Texts, k: InputKind) -> &'static str {
    match k {
        InputKind::Integer => t.diff_kind_integer(),
        InputKind::Number => t.diff_kind_number(),
        InputKind::Boolean => t.diff_kind_boolean(),
        InputKind::Checklist => t.diff_kind_checklist(),
    }
}

/// The plain name of an input kind, in `lang` (also for the migration's summary).
pub fn kind_name(lang: Lang, k: InputKind) -> &'static str {
    kind(lang.texts(), k)
}

fn evidence(t: Texts, e: Evidence) -> &'static str {
    match e {
        Evidence::Required => t.diff_evidence_required(),
        Evidence::Optional => t.diff_evidence_optional(),
        Evidence::None => t.diff_evidence_none(),
    }
}

fn bands(lang: Lang, list: &[Band]) -> String {
    let t = lang.texts();
    list.iter().map(|b| t.diff_band(b.label.get(lang), fmt::number(b.min, lang, None))).collect::<Vec<_>>().join("; ")
}

fn limit(lang: Lang, x: Option<f64>) -> String {
    match x {
        Some(x) => fmt::number(x, lang, None),
        None => lang.texts().diff_no_limit().to_string(),
    }
}

fn ids(t: Texts, list: &[String]) -> String {
    if list.is_empty() {
        t.diff_none().to_string()
    } else {
        list.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
    }
}

/// A scale in words: "linear 0–60", "bands (higher is better) ≥ 6: 100; ≥ 3,5: 85, otherwise 20".
pub fn scale_words(lang: Lang, s: &Scale) -> String {
    let t = lang.texts();
    let num = |x: f64| fmt::number(x, lang, None);
    match s {
        Scale::Linear { min, max } => t.diff_scale_linear(num(*max), num(*min)),
        Scale::Log { min, max } => t.diff_scale_log(num(*max), num(*min)),
        Scale::Percent => t.diff_scale_percent().to_string(),
        Scale::Bands { direction, steps, otherwise } => {
            let (words, step): (_, fn(Texts, String, String) -> String) = match direction {
                Direction::Higher => (t.diff_direction_higher(), |t, at, score| t.diff_step_at_least(at, score)),
                Direction::Lower => (t.diff_direction_lower(), |t, at, score| t.diff_step_at_most(at, score)),
            };
            let steps: Vec<String> = steps.iter().map(|s| step(t, num(s.at), num(s.score))).collect();
            t.diff_scale_bands(words, num(*otherwise), steps.join("; "))
        }
    }
}

impl CategoryDiff {
    /// The changes of this category, without the category's name.
    fn lines(&self, lang: Lang) -> Vec<String> {
        let t = lang.texts();
        let num = |x: f64| fmt::number(x, lang, None);
        let mut out = Vec::new();
        if let Some(c) = &self.eligible {
            out.push(t.diff_eligible(ids(t, &c.new), ids(t, &c.old)));
        }
        if let Some(c) = &self.winners {
            out.push(t.diff_winners(c.new, c.old));
        }
        if let Some(c) = &self.tie_break {
            let order = |o: &Option<Vec<String>>| match o {
                Some(list) => ids(t, list),
                None => t.diff_tie_break_default().to_string(),
            };
            out.push(t.diff_tie_break(order(&c.new), order(&c.old)));
        }
        for i in &self.inputs_added {
            out.push(t.diff_input_added(&i.id, kind(t, i.kind), i.label.get(lang)));
        }
        for i in &self.inputs_removed {
            out.push(t.diff_input_removed(&i.id, i.label.get(lang)));
        }
        for i in &self.inputs_changed {
            let id = &i.id;
            if let Some(c) = &i.kind {
                out.push(t.diff_input_kind(id, kind(t, c.new), kind(t, c.old)));
            }
            if let Some(c) = &i.min {
                out.push(t.diff_input_min(id, limit(lang, c.new), limit(lang, c.old)));
            }
            if let Some(c) = &i.max {
                out.push(t.diff_input_max(id, limit(lang, c.new), limit(lang, c.old)));
            }
            if let Some(c) = &i.evidence {
                out.push(t.diff_input_evidence(id, evidence(t, c.new), evidence(t, c.old)));
            }
            match &i.required {
                Some(c) if c.new => out.push(t.diff_input_now_required(id)),
                Some(_) => out.push(t.diff_input_now_optional(id)),
                None => {}
            }
            for item in &i.items_added {
                out.push(t.diff_item_added(id, &item.id, item.label.get(lang)));
            }
            for item in &i.items_removed {
                out.push(t.diff_item_removed(id, &item.id, item.label.get(lang)));
            }
        }
        for i in &self.indicators_added {
            out.push(t.diff_indicator_added(&i.id, i.label.get(lang), num(i.weight)));
        }
        for i in &self.indicators_removed {
            out.push(t.diff_indicator_removed(&i.id, i.label.get(lang), num(i.weight)));
        }
        for i in &self.indicators_changed {
            let id = &i.id;
            if let Some(c) = &i.weight {
                out.push(t.diff_weight(id, num(c.new), num(c.old)));
            }
            if let Some(c) = &i.value {
                out.push(t.diff_value(id, &c.new, &c.old));
            }
            if let Some(c) = &i.scale {
                out.push(t.diff_scale(id, scale_words(lang, &c.new), scale_words(lang, &c.old)));
            }
            if let Some(c) = &i.requires {
                out.push(t.diff_requires(id, ids(t, &c.new), ids(t, &c.old)));
            }
            if let Some(c) = &i.when_undefined {
                out.push(t.diff_when_undefined(id, num(c.new), num(c.old)));
            }
        }
        for c in &self.checks_added {
            out.push(t.diff_check_added(c.message.get(lang), &c.rule));
        }
        for c in &self.checks_removed {
            out.push(t.diff_check_removed(&c.rule));
        }
        for c in &self.checks_changed {
            out.push(t.diff_check_message(c.new.message.get(lang), &c.new.rule));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{builtin, from_value, MODEL_RUBRIC_JSON};
    use serde_json::{json, Value};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The model rubric with `edit` applied to its JSON, validated.
    fn model_with(edit: impl FnOnce(&mut Value)) -> Rubric {
        let mut v: Value = serde_json::from_str(MODEL_RUBRIC_JSON).unwrap();
        edit(&mut v);
        from_value(&v).unwrap_or_else(|p| panic!("{p:?}"))
    }

    /// The category `id` of a rubric document.
    fn cat<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
        v["categories"].as_array_mut().unwrap().iter_mut().find(|c| c["id"] == id).unwrap()
    }

    fn lines(d: &RubricDiff) -> Vec<String> {
        d.lines(Lang::Id)
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_rubric_against_itself_is_empty() {
        let r = builtin();
        let d = diff(r, r);
        assert!(d.is_empty() && d.identical);
        assert!(lines(&d).is_empty(), "{:?}", lines(&d));
        assert!(d.categories.is_empty() && d.period.is_none() && d.bands.is_none());
        // The same rules written differently (a default spelt out) are another file to the kit.
        let spelt = model_with(|v| cat(v, "website")["inputs"][0]["required"] = json!(true));
        let d = diff(r, &spelt);
        assert!(!d.is_empty());
        assert_eq!(lines(&d), [Lang::Id.texts().diff_only_texts()]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn edition_wide_changes_are_listed() {
        let new = model_with(|v| {
            v["id"] = json!("ampk-2026-x");
            v["edition"] = json!(2026);
            v["status"] = json!("official");
            v["title"]["id"] = json!("Rubrik Baru");
            v["period"]["start"] = json!("2025-02-01");
            v["final_score"] = json!({"data_weight": 60, "jury_weight": 40});
            v["bands"][1]["min"] = json!(82.5);
            v["agency_types"].as_array_mut().unwrap().push(json!({"id": "bumd", "label": {"id": "BUMD"}}));
            let cats = v["categories"].as_array_mut().unwrap();
            cats.retain(|c| c["id"] != "mitra_humas");
            let mut extra = cats[0].clone();
            extra["id"] = json!("podcast");
            extra["label"] = json!({"id": "Podcast"});
            cats.push(extra);
        });
        let d = diff(builtin(), &new);
        assert_eq!(d.agency_types_added.len(), 1);
        assert_eq!(d.categories_added.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["podcast"]);
        assert_eq!(d.categories_removed.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["mitra_humas"]);
        assert!(d.categories.is_empty(), "no common category changed: {:?}", d.categories);
        let l = lines(&d);
        for expected in [
            "Identitas rubrik berubah dari `ampk-2025-model` edisi 2025 menjadi `ampk-2026-x` edisi 2026",
            "Judul berubah dari \"AMPK 2025 — rubrik model (bukan rubrik resmi)\" menjadi \"Rubrik Baru\"",
            "Status berubah dari rubrik model (bukan terbitan Diskominfo) menjadi rubrik resmi Diskominfo",
            "Periode data berubah dari 2025-01-01 … 2025-10-31 menjadi 2025-02-01 … 2025-10-31",
            "Bobot nilai akhir berubah dari data 70 + juri 30 menjadi data 60 + juri 40",
            "Predikat berubah dari Unggul ≥ 90; Sangat Baik ≥ 80; Baik ≥ 60; Cukup ≥ 40; Kurang ≥ 0 menjadi \
             Unggul ≥ 90; Sangat Baik ≥ 82,5; Baik ≥ 60; Cukup ≥ 40; Kurang ≥ 0",
            "Jenis instansi baru `bumd` (BUMD)",
            "Kategori baru `podcast` (Podcast)",
            "Kategori `mitra_humas` (Mitra Humas Pemprov) dihapus",
        ] {
            assert!(l.iter().any(|x| x == expected), "{expected:?} not in {l:#?}");
        }
        assert_eq!(l.len(), 9, "{l:#?}");
        // The other way round, additions are removals.
        let back = diff(&new, builtin());
        assert_eq!(back.agency_types_removed.len(), 1);
        assert_eq!(back.categories_added[0].id, "mitra_humas");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn every_change_in_a_category_is_listed() {
        let new = model_with(|v| {
            let c = cat(v, "lapor_opd");
            c["eligible"] = json!(["opd", "uptd"]);
            c["winners"] = json!(5);
            c["tie_break"] = json!(["E", "A"]);
            let inputs = c["inputs"].as_array_mut().unwrap();
            // received: integer → number, limits, evidence, optional
            inputs[0]["kind"] = json!("number");
            inputs[0]["min"] = json!(1);
            inputs[0]["max"] = Value::Null;
            inputs[0].as_object_mut().unwrap().remove("max");
            inputs[0]["evidence"] = json!("none");
            inputs[0]["required"] = json!(false);
            let items = inputs[5]["items"].as_array_mut().unwrap();
            items.retain(|i| i["id"] != "sosialisasi");
            items.push(json!({"id": "survei", "label": {"id": "Survei kepuasan"}}));
            inputs.push(json!({"id": "appeals", "label": {"id": "Banding"}, "kind": "integer"}));
            let inds = c["indicators"].as_array_mut().unwrap();
            inds[0]["weight"] = json!(15);
            inds[1]["value"] = json!("100*followed_up/received");
            inds[2]["value"] = json!("completed / received * 100");
            inds[2]["requires"] = json!([]);
            inds[2]["when_undefined"] = json!(50);
            inds[3]["scale"] = json!({"type": "linear", "min": 0, "max": 100});
            inds[4]["scale"]["otherwise"] = json!(10);
            inds[4]["scale"]["steps"][0]["score"] = json!(95);
            inds.retain(|i| i["id"] != "D");
            inds.push(json!({"id": "E", "label": {"id": "Banding"}, "weight": 30, "value": "appeals",
                             "scale": {"type": "log", "min": 1, "max": 10}}));
            let checks = c["checks"].as_array_mut().unwrap();
            checks[0]["message"]["id"] = json!("Ditindaklanjuti melebihi diterima");
            checks[1]["rule"] = json!("completed<=followed_up");
            checks.remove(2);
            checks.push(json!({"rule": "appeals <= received", "message": {"id": "Banding melebihi aduan"}}));
        });
        let d = diff(builtin(), &new);
        assert_eq!(d.categories.len(), 1);
        let c = &d.categories[0];
        assert_eq!(c.id, "lapor_opd");
        assert_eq!(c.inputs_changed.len(), 2, "received and channel: {:?}", c.inputs_changed);
        assert_eq!(c.indicators_changed.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["A", "B2", "B3", "C"]);
        assert!(c.indicators_changed.iter().all(|i| i.id != "B1"), "spaces alone are no change");
        assert_eq!(c.checks_changed.len(), 1, "the rule respaced is the same check, its message changed");
        let expected: Vec<String> = [
            "yang boleh ikut berubah dari `opd` menjadi `opd`, `uptd`",
            "jumlah pemenang berubah dari 3 menjadi 5",
            "urutan pemecah nilai sama berubah dari bawaan (bobot terbesar dulu) menjadi `E`, `A`",
            "masukan baru `appeals` (Banding, bilangan bulat)",
            "jenis masukan `received` berubah dari bilangan bulat menjadi angka",
            "batas bawah masukan `received` berubah dari 0 menjadi 1",
            "batas atas masukan `received` berubah dari 1.000.000 menjadi tanpa batas",
            "bukti untuk masukan `received` berubah dari wajib menjadi tidak diminta",
            "masukan `received` kini boleh dikosongkan",
            "butir baru `survei` (Survei kepuasan) pada daftar periksa `channel`",
            "butir `sosialisasi` (Sosialisasi LAPOR! rutin (minimal sebulan sekali)) dihapus dari daftar periksa `channel`",
            "indikator baru `E` (Banding, bobot 30)",
            "indikator `D` (Performa pengelolaan kanal aduan, bobot 25) dihapus",
            "bobot indikator `A` berubah dari 20 menjadi 15",
            "masukan yang disyaratkan indikator `B2` berubah dari `received` menjadi tidak ada",
            "nilai indikator `B2` bila tak terdefinisi berubah dari 0 menjadi 50",
            "rumus indikator `B2` berubah dari `100 * completed / received` menjadi `completed / received * 100`",
            "skala indikator `B3` berubah dari persen (nilai apa adanya) menjadi linear 0–100",
            "skala indikator `C` berubah dari tangga (makin rendah makin baik): ≤ 1 → 100; ≤ 2 → 85; ≤ 3 → 70; \
             ≤ 5 → 50; ≤ 10 → 25; selain itu 0 menjadi tangga (makin rendah makin baik): ≤ 1 → 95; ≤ 2 → 85; \
             ≤ 3 → 70; ≤ 5 → 50; ≤ 10 → 25; selain itu 10",
            "pemeriksaan baru `appeals <= received`: Banding melebihi aduan",
            "pemeriksaan `followed_up_5d <= followed_up` dihapus",
            "pesan pemeriksaan `followed_up <= received` kini: Ditindaklanjuti melebihi diterima",
        ]
        .iter()
        .map(|s| format!("Kategori `lapor_opd`: {s}"))
        .collect();
        let mut got = lines(&d);
        let mut want = expected.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want);
        // In English too, from the same catalogue.
        let en = d.lines(Lang::En);
        assert!(
            en.contains(&"Category `lapor_opd`: weight of indicator `A` changed from 20 to 15".to_string()),
            "{en:#?}"
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_heading_names_both_rubrics() {
        let new = model_with(|v| v["edition"] = json!(2026));
        let d = diff(builtin(), &new);
        let h = d.heading(Lang::Id);
        assert!(h.contains("edisi 2025, sidik 76d8c6f75135…") && h.contains("edisi 2026"), "{h}");
        assert_eq!(d.new.short_sha256(), &new.sha256[..12]);
    }
}
