//! Benchmark: one category evaluation (score + predicate + gains) for every category of the
//! model rubric, using the worked examples' figures, and the officer's whole-draft assessment
//! (what the page recomputes on every keystroke). Reports median times.
#![allow(clippy::print_stdout)]

use ampk_core::score::Figures;
use ampk_core::{builtin, draft, example, gain, score, Lang};
use std::hint::black_box;
use std::time::Instant;

fn median_ns(mut f: impl FnMut(), iters: u32) -> f64 {
    let mut samples = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        for _ in 0..iters {
            f();
        }
        samples.push(t.elapsed().as_nanos() as f64 / iters as f64);
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let r = builtin();
    let worked = [
        ("top_influencer", include_str!("../tests/data/worked/dinas-contoh-a-top_influencer.json")),
        ("media_massa_online", include_str!("../tests/data/worked/dinas-contoh-a-media_massa_online.json")),
        ("website", include_str!("../tests/data/worked/dinas-contoh-a-website.json")),
        ("media_sosial_opd", include_str!("../tests/data/worked/dinas-contoh-a-media_sosial_opd.json")),
        ("media_sosial_uptd", include_str!("../tests/data/worked/uptd-contoh-b-media_sosial_uptd.json")),
        ("mitra_humas", include_str!("../tests/data/worked/kabupaten-contoh-c-mitra_humas.json")),
        ("lapor_opd", include_str!("../tests/data/worked/dinas-contoh-a-lapor_opd.json")),
        ("lapor_kabkota", include_str!("../tests/data/worked/kabupaten-contoh-c-lapor_kabkota.json")),
    ];
    println!("{:<20} {:>14} {:>18}", "category", "score (ns)", "score+gains (ns)");
    for (id, src) in worked {
        let v: serde_json::Value = serde_json::from_str(src).expect("fixture");
        let figures: Figures = serde_json::from_value(v["inputs"].clone()).expect("inputs");
        let months = v["months"].as_u64().expect("months") as u32;
        let cat = r.category_index(id).expect("category");
        let s = median_ns(
            || {
                black_box(score(r, cat, black_box(&figures), months));
            },
            20_000,
        );
        let g = median_ns(
            || {
                let card = score(r, cat, black_box(&figures), months);
                black_box(gain::gains(r, &card));
            },
            2_000,
        );
        println!("{id:<20} {s:>14.0} {g:>18.0}");
    }

    // A full OPD draft (every eligible category filled with sample figures): one keystroke's
    // work on the officer's page is `draft::assess` plus the gains of each category.
    let s = example::example(r, "opd").expect("an OPD example");
    let d = draft::from_submission(r, &s, Lang::Id, "bench", "bench", "2025-11-02T03:04:05Z");
    let a = median_ns(|| drop(black_box(draft::assess(r, black_box(&d)))), 500);
    let k = median_ns(
        || {
            let a = draft::assess(r, black_box(&d));
            for c in &a.categories {
                black_box(gain::gains(r, &c.card));
            }
            black_box(draft::export_key(r, &d));
        },
        200,
    );
    println!(
        "\nofficer draft ({} categories): assess {:.1} µs; assess + gains + export key {:.1} µs",
        d.categories.len(),
        a / 1000.0,
        k / 1000.0
    );
}
