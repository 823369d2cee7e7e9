//! Benchmark: one category evaluation (score + predicate + gains) for every category of the
//! model rubric, using the worked examples' figures. Reports the median time per evaluation.
#![allow(clippy::print_stdout)]

use ampk_core::score::Figures;
use ampk_core::{builtin, gain, score};
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
}
