//! Helpers shared by the core's integration tests (native and wasm32).
#![allow(dead_code, unreachable_pub)]

use ampk_core::score::Figures;
use ampk_core::{builtin, score, Scorecard};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One worked example from `model-rubric.md`.
#[derive(Deserialize)]
pub struct Worked {
    pub agency: String,
    #[serde(rename = "type")]
    pub agency_type: String,
    pub months: u32,
    pub category: String,
    pub inputs: Figures,
    pub expect: Expect,
}

/// Its published results, as 2-decimal strings.
#[derive(Deserialize, PartialEq, Debug)]
pub struct Expect {
    pub indicators: BTreeMap<String, String>,
    pub data_score: String,
    pub predicate: String,
    pub final_jury_0: String,
    pub final_jury_100: String,
}

/// The worked examples, compiled in so the browser tests read the same files.
pub const WORKED: &[(&str, &str)] = &[
    ("dinas-contoh-a-media_sosial_opd", include_str!("../data/worked/dinas-contoh-a-media_sosial_opd.json")),
    ("dinas-contoh-a-website", include_str!("../data/worked/dinas-contoh-a-website.json")),
    ("dinas-contoh-a-media_massa_online", include_str!("../data/worked/dinas-contoh-a-media_massa_online.json")),
    ("dinas-contoh-a-top_influencer", include_str!("../data/worked/dinas-contoh-a-top_influencer.json")),
    ("dinas-contoh-a-lapor_opd", include_str!("../data/worked/dinas-contoh-a-lapor_opd.json")),
    ("uptd-contoh-b-media_sosial_uptd", include_str!("../data/worked/uptd-contoh-b-media_sosial_uptd.json")),
    ("kabupaten-contoh-c-lapor_kabkota", include_str!("../data/worked/kabupaten-contoh-c-lapor_kabkota.json")),
    ("kabupaten-contoh-c-mitra_humas", include_str!("../data/worked/kabupaten-contoh-c-mitra_humas.json")),
    ("dinas-contoh-d-lapor_opd", include_str!("../data/worked/dinas-contoh-d-lapor_opd.json")),
    ("kota-contoh-e-lapor_kabkota", include_str!("../data/worked/kota-contoh-e-lapor_kabkota.json")),
    ("kota-contoh-e-mitra_humas", include_str!("../data/worked/kota-contoh-e-mitra_humas.json")),
];

pub fn two(x: f64) -> String {
    format!("{:.2}", ampk_core::round2(x))
}

/// Scores a worked example and renders its results the way the document prints them.
pub fn actual(w: &Worked) -> (Scorecard, Expect) {
    let r = builtin();
    let cat = r.category_index(&w.category).expect("category exists");
    let card = score(r, cat, &w.inputs, w.months);
    let indicators = r.file.categories[cat]
        .indicators
        .iter()
        .zip(&card.indicators)
        .map(|(d, s)| (d.id.clone(), two(s.score)))
        .collect();
    let expect = Expect {
        indicators,
        data_score: two(card.data_score),
        predicate: card.predicate(r, ampk_core::Lang::Id).to_string(),
        final_jury_0: two(card.final_score(r, 0.0)),
        final_jury_100: two(card.final_score(r, 100.0)),
    };
    (card, expect)
}
