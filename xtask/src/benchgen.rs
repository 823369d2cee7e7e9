//! Generates a realistic batch of submission files for the import benchmarks: varied agencies
//! and categories, about half without any evidence link, some invalid (about 5 %: cut short or
//! made with another rubric), some duplicated or re-exported (about 5 %).

use ampk_core::example::example;
use ampk_core::rubric::{InputKind, Rubric};
use ampk_core::score::InputValue;
use ampk_core::submission::write;
use std::fs;
use std::path::Path;

/// A 64-bit LCG: reproducible batches without a randomness dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 11
    }
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 53) as f64
    }
    fn uuid(&mut self) -> String {
        let a = self.next();
        let b = self.next();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 21,
            (a >> 5) & 0xffff,
            b & 0xfff,
            8 + (b >> 12) % 4,
            (b >> 14) & 0xfff,
            (a ^ (b << 7)) & 0xffff_ffff_ffff
        )
    }
}

const KINDS: [&str; 3] = ["opd", "uptd", "kabkota"];
const NAMES: [&str; 8] = ["Dinas", "Badan", "Biro", "Inspektorat", "Satuan", "Sekretariat", "Rumah Sakit", "Kabupaten"];

/// Writes `count` files into `dir` and returns how many are deliberately broken.
pub(crate) fn generate(rubric: &Rubric, dir: &Path, count: usize) -> std::io::Result<usize> {
    fs::create_dir_all(dir)?;
    for e in fs::read_dir(dir)?.flatten() {
        fs::remove_file(e.path())?;
    }
    let mut rng = Lcg(0x5eed_a3b7);
    let mut broken = 0;
    let mut previous: Option<String> = None;
    for n in 0..count {
        let name = format!("sub-{n:05}.json");
        let roll = rng.unit();
        // 3% identical copies and 2% re-exports with edited figures of the previous file.
        if let (Some(prev), true) = (&previous, roll < 0.03) {
            fs::write(dir.join(&name), prev)?;
            continue;
        }
        let t = KINDS[(rng.next() % 3) as usize];
        let mut s = example(rubric, t).expect("model rubric has the three agency types");
        s.submission_id = rng.uuid();
        s.agency.name = format!("{} Contoh {n}", NAMES[(rng.next() % NAMES.len() as u64) as usize]);
        s.months = if rng.unit() < 0.8 { 10 } else { 1 + (rng.next() % 12) as u32 };
        let keep: Vec<String> = s.categories.keys().filter(|_| rng.unit() < 0.7).cloned().collect();
        if !keep.is_empty() {
            s.categories.retain(|k, _| keep.contains(k));
        }
        let unscaled = s.categories.clone();
        for (cat_id, entry) in s.categories.iter_mut() {
            let cat = rubric.category_index(cat_id).expect("example categories exist");
            let f = 0.3 + rng.unit() * 1.1;
            for d in &rubric.file.categories[cat].inputs {
                if let (InputKind::Integer | InputKind::Number, Some(InputValue::Number(x))) =
                    (d.kind, entry.inputs.get_mut(&d.id))
                {
                    let v = (*x * f).min(d.max.unwrap_or(f64::MAX));
                    *x = if d.kind == InputKind::Integer { v.floor() } else { (v * 10.0).round() / 10.0 };
                }
            }
        }
        // Scaled figures or fewer months can break a rule tied to the period (weeks active):
        // such agencies keep the example's figures and the rubric's period, so only the
        // deliberate breaks below are broken.
        if !ampk_core::submission::check_content(rubric, &s).errors.is_empty() {
            s.months = rubric.period_months;
            s.categories = unscaled;
        }
        // About half the agencies attach no evidence at all (hurried agencies): accepted with
        // one `evidence_missing` warning per input.
        if rng.unit() < 0.45 {
            s.categories.values_mut().for_each(|e| e.evidence.clear());
        }
        if roll > 0.97 {
            s.rubric_sha256 = "0".repeat(64);
            broken += 1;
        }
        let minute = rng.next() % 60;
        let mut text = write(rubric, &s, &format!("2025-11-{:02}T08:{minute:02}:00Z", 1 + n % 28));
        if (0.95..0.97).contains(&roll) {
            let mut cut = text.len() / 2;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            broken += 1;
        } else if (0.03..0.05).contains(&roll) {
            if let Some(prev) = &previous {
                // Same submission id as the previous file, edited in a text editor.
                text = prev.replacen("\"months\": 10", "\"months\": 9", 1);
            }
        }
        fs::write(dir.join(&name), &text)?;
        previous = Some(text);
    }
    Ok(broken)
}
