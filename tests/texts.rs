//! The officer's page is built without `ampk-core/all-texts`: the default language's texts are
//! built in, another language's come from its texts file when that language is chosen. Its own
//! test binary, so that no other test has provided them first.
#![cfg(target_arch = "wasm32")]

use ampk_core::i18n::{has_texts, provide};
use ampk_core::{Lang, Problem, ProblemCode};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn another_languages_texts_come_from_its_file() {
    let en = Lang::En;
    assert!(!has_texts(en));
    assert_eq!(en.texts().app_name(), Lang::Id.texts().app_name(), "the default language's until given");
    assert_eq!(en.texts().months_range(13), Lang::Id.texts().months_range(13));
    assert_eq!(en.texts().language_name(), "English", "the keys shown before any fetch are built in");
    let file = include_str!("../crates/ampk-core/i18n/ampk-texts.en.txt");
    assert!(!provide(en, file.replacen("ampk-texts/1 en", "ampk-texts/1 id", 1)), "another language's file");
    assert!(!provide(en, file[..file.len() - 1].to_string()), "a file cut short");
    assert!(!provide(en, "<!doctype html>".into()), "an error page");
    assert!(!has_texts(en));
    assert!(provide(en, file.to_string()));
    assert!(has_texts(en));
    assert!(!provide(en, file.to_string()), "taken once");
    assert_eq!(en.texts().app_name(), "AMPK self-assessment");
    assert_eq!(en.texts().months_range(13), "months of data must be 1–12, not 13");
    assert_eq!(Lang::Id.texts().months_range(13), "jumlah bulan data harus 1–12, bukan 13");
    // Problems made from now on carry their English message.
    let p = Problem::of(ProblemCode::WorkerFailed, "", |t| t.officer_worker_failed("x"));
    assert!(p.message(en).starts_with("the module for this step could not be loaded (x)"), "{}", p.message(en));
}
