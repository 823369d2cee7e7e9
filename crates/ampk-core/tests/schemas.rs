//! The committed JSON Schemas under `schemas/` are exactly what the code generates.
//! Regenerate with `UPDATE_FIXTURES=1 cargo test -p ampk-core --test schemas`.
#![cfg(not(target_arch = "wasm32"))]

fn check(file: &str, generated: serde_json::Value) {
    let path = format!("{}/../../schemas/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == text, "{file} is stale: run UPDATE_FIXTURES=1 cargo test -p ampk-core --test schemas");
}

#[test]
fn rubric_schema_is_current() {
    let generated = ampk_core::rubric::json_schema();
    assert_eq!(generated["$schema"], "https://json-schema.org/draft/2020-12/schema");
    check("ampk-rubric-v1.schema.json", generated);
}

#[test]
fn submission_schema_is_current() {
    let generated = ampk_core::submission::json_schema();
    assert_eq!(generated["$schema"], "https://json-schema.org/draft/2020-12/schema");
    check("ampk-submission-v1.schema.json", generated);
}

#[test]
fn review_schema_is_current() {
    let generated = ampk_core::review::json_schema();
    assert_eq!(generated["$schema"], "https://json-schema.org/draft/2020-12/schema");
    check("ampk-review-v1.schema.json", generated);
}

#[test]
fn submission_v2_schema_is_current() {
    let generated = ampk_core::submission::json_schema_v2();
    assert_eq!(generated["$schema"], "https://json-schema.org/draft/2020-12/schema");
    check("ampk-submission-v2.schema.json", generated);
}

#[test]
fn feedback_schema_is_current() {
    let generated = ampk_core::feedback::json_schema();
    assert_eq!(generated["$schema"], "https://json-schema.org/draft/2020-12/schema");
    check("ampk-feedback-v1.schema.json", generated);
}
