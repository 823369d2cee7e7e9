//! `rubric::diff` against the official rubric fixture of the end-to-end journeys
//! (`tests/e2e/fixtures/official-rubric.json`): its summary in both languages (a snapshot the
//! journeys quote), Dinas Contoh A's scores under it, and properties of the comparison.
#![cfg(not(target_arch = "wasm32"))]

use ampk_core::rubric::{self, diff, Rubric};
use ampk_core::score::{Answer, InputValue};
use ampk_core::{builtin, example, fmt, submission, Lang};
use proptest::prelude::*;
use serde_json::{json, Value};

const OFFICIAL: &str = include_str!("../../../tests/e2e/fixtures/official-rubric.json");

fn official() -> Rubric {
    rubric::load(OFFICIAL.as_bytes()).expect("the official fixture is valid")
}

#[test]
fn the_official_fixture_is_official_and_differs_everywhere() {
    let r = official();
    assert_eq!(r.file.status, rubric::Status::Official);
    assert_eq!((r.file.id.as_str(), r.file.edition), ("ampk-2026-resmi-uji", 2026));
    assert_eq!(r.sha256, "8cd83b50e9f3d57ec390ebabd4d3608bbe6095f2716a9112e0e1fc608b59af86");
    let d = diff(builtin(), &r);
    assert!(d.period.is_some() && d.final_score.is_some() && d.bands.is_some());
    let ids: Vec<&str> = d.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["website", "media_sosial_opd"], "weights differ in two categories");
    let w = &d.categories[0];
    assert!(!w.inputs_added.is_empty() && !w.inputs_removed.is_empty() && !w.checks_added.is_empty());
    assert!(w.inputs_changed.iter().any(|i| !i.items_added.is_empty() && !i.items_removed.is_empty()));
    assert!(d.categories[1].indicators_changed.iter().any(|i| i.scale.is_some()));
}

#[test]
fn model_to_official_in_plain_words() {
    let d = diff(builtin(), &official());
    let text = |lang: Lang| std::iter::once(d.heading(lang)).chain(d.lines(lang)).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("model_to_official_id", text(Lang::Id));
    insta::assert_snapshot!("model_to_official_en", text(Lang::En));
    insta::assert_json_snapshot!("model_to_official_json", d);
}

/// Dinas Contoh A's export under the official rubric: the model's example with the website
/// answered the new way (the removed input left out, the renamed item answered as before).
fn contoh_a_official(r: &Rubric) -> submission::Submission {
    let mut s = example::example(builtin(), "opd").expect("opd");
    s.rubric_id = r.file.id.clone();
    s.rubric_edition = r.file.edition;
    s.rubric_sha256 = r.sha256.clone();
    let w = s.categories.get_mut("website").expect("website");
    w.inputs.remove("lh_best_practices");
    w.evidence.remove("lh_best_practices");
    let Some(InputValue::Checklist(content)) = w.inputs.get_mut("content") else { panic!("content") };
    let kontak = content.remove("kontak").expect("kontak");
    assert_eq!(kontak, Answer::No);
    content.insert("kontak_pengaduan".into(), kontak);
    s
}

#[test]
fn contoh_a_scores_under_the_official_rubric() {
    let r = official();
    let text = submission::write(&r, &contoh_a_official(&r), example::EXAMPLE_EXPORTED_AT);
    let read = submission::read(text.as_bytes()).expect("reads");
    let checked = submission::check(&r, &read);
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let scores: Vec<(String, String)> = checked
        .cards
        .iter()
        .map(|c| (r.file.categories[c.category].id.clone(), fmt::score(c.data_score, Lang::En)))
        .collect();
    let expect = [
        ("top_influencer", "68.75"),
        ("media_massa_online", "73.67"),
        // 47.5×15% + 80×10% + 83.33×30% + 100×5% + 54×15% + 88×10% + 92×5% (SEO alone) +
        // 55.70×5% + 0×5% (open data, optional, not typed)
        ("website", "69.41"),
        ("media_sosial_opd", "77.84"),
        ("lapor_opd", "87.87"),
    ];
    assert_eq!(scores, expect.map(|(a, b)| (a.to_string(), b.to_string())));
    assert!(checked.cards.iter().all(|c| !c.incomplete()));
}

/// The model rubric with `edit` applied to its JSON.
fn model_with(edit: impl FnOnce(&mut Value)) -> Rubric {
    let mut v: Value = serde_json::from_str(rubric::MODEL_RUBRIC_JSON).unwrap();
    edit(&mut v);
    rubric::from_value(&v).unwrap_or_else(|p| panic!("{p:?}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A rubric against itself is empty; one changed number gives one line, either way round.
    #[test]
    fn one_change_one_line(cat in 0usize..8, ind in 0usize..6, when in 0u32..=100, winners in 1u32..=10) {
        let old = builtin();
        let new = model_with(|v| {
            let c = &mut v["categories"][cat];
            c["winners"] = json!(winners);
            c["indicators"][ind]["when_undefined"] = json!(when);
        });
        prop_assert!(diff(&new, &new).is_empty());
        prop_assert!(diff(&new, &new).lines(Lang::Id).is_empty());
        let def = &old.file.categories[cat];
        let changed = usize::from(def.winners != winners) + usize::from(def.indicators[ind].when_undefined != f64::from(when));
        // A value written out that equals the default it replaces (`when_undefined: 0`) changes
        // the file and its fingerprint but no rule: one line says only that.
        let expected = if new.sha256 == old.sha256 { 0 } else { changed.max(1) };
        let d = diff(old, &new);
        prop_assert_eq!(d.is_empty(), expected == 0);
        prop_assert_eq!(d.lines(Lang::Id).len(), expected);
        prop_assert_eq!(diff(&new, old).lines(Lang::En).len(), expected);
    }
}

/// The case the property once failed on: a default written out (`when_undefined: 0`, the value
/// an indicator without it has) is no change of rule, yet a change of the file.
#[test]
fn a_default_written_out_changes_only_the_fingerprint() {
    let new = model_with(|v| v["categories"][0]["indicators"][0]["when_undefined"] = json!(0));
    assert_eq!(
        new.file.categories[0].indicators[0].when_undefined,
        builtin().file.categories[0].indicators[0].when_undefined
    );
    assert_ne!(new.sha256, builtin().sha256);
    for (a, b) in [(builtin(), &new), (&new, builtin())] {
        let d = diff(a, b);
        assert!(!d.is_empty());
        assert!(d.categories.is_empty(), "{d:?}");
        assert_eq!(d.lines(Lang::En).len(), 1, "{:?}", d.lines(Lang::En));
    }
}
