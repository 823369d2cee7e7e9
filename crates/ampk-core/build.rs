//! Minifies the built-in model rubric for embedding: the same document (same fingerprint,
//! same member order) without indentation, which makes the browser bundle smaller. The
//! readable file stays the source (`rubrics/ampk-2025-model.json`).

use std::path::Path;

fn main() {
    let src = "rubrics/ampk-2025-model.json";
    println!("cargo::rerun-if-changed={src}");
    let text = std::fs::read_to_string(src).expect("the model rubric is readable");
    let value: serde_json::Value = serde_json::from_str(&text).expect("the model rubric is JSON");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let min = serde_json::to_string(&value).expect("the model rubric serialises");
    std::fs::write(Path::new(&out).join("ampk-2025-model.min.json"), min).expect("OUT_DIR is writable");
}
