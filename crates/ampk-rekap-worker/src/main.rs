//! The coordinator's import assessment, run in web workers: each reader of an import's files
//! (`crates/ampk-rekap/js/ampk-rekap-reader.js`, a module worker) imports this module, so the
//! files are read and assessed (`ampk_core::import::assess`) off the page's thread, several at
//! once; the page reads the reports back with `FileReport::from_json`. A separate WebAssembly
//! module, fetched only when a batch is imported: the officer's first load pays nothing for it.

use ampk_core::import;
use ampk_core::Rubric;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static RUBRIC: RefCell<Option<Rubric>> = const { RefCell::new(None) };
}

/// Loads the rubric the page assesses with (its text), and says whether it is the one with
/// fingerprint `sha256` (when not, the page assesses the files itself).
#[wasm_bindgen]
pub fn prepare(text: &str, sha256: &str) -> bool {
    let rubric = ampk_core::rubric::load(text.as_bytes()).ok().filter(|r| r.sha256 == sha256);
    let ok = rubric.is_some();
    RUBRIC.with(|r| *r.borrow_mut() = rubric);
    ok
}

/// From now on, the messages of the problems in this reader's reports are numbered from
/// `first` (`ampk_core::problem::numbered`): each goes in full once, then by its number. The
/// page gives each reader its own range.
#[wasm_bindgen]
pub fn number_messages(first: f64) {
    ampk_core::problem::numbered::number_from(first as u64);
}

/// The report of one file, as `FileReport::to_json` writes it, in UTF-8 (empty when no rubric
/// is loaded): bytes, which the reader hands to the page as they are (a transfer, not a copy of
/// a string).
#[wasm_bindgen]
pub fn assess(name: &str, bytes: &[u8]) -> Vec<u8> {
    RUBRIC.with(|r| r.borrow().as_ref().map(|r| report(r, name, bytes).into_bytes()).unwrap_or_default())
}

/// Lightened as the page keeps its reports (`FileReport::lighten`, the figures kept): the page
/// reads a submission's evidence links, notes and embedded scores from its text when it shows
/// its details, so they are neither written here nor read there.
fn report(rubric: &Rubric, name: &str, bytes: &[u8]) -> String {
    let mut report = import::assess(rubric, name, bytes);
    report.lighten(true);
    report.to_json()
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::*;
    use ampk_core::import::FileReport;

    #[test]
    fn assesses_with_the_rubric_it_was_given() {
        let r = ampk_core::builtin();
        assert!(assess("a.json", b"{}").is_empty(), "no rubric yet");
        assert!(!prepare(ampk_core::rubric::MODEL_RUBRIC_JSON, "not its fingerprint"));
        assert!(prepare(ampk_core::rubric::MODEL_RUBRIC_JSON, &r.sha256));
        let sub = ampk_core::example::example(r, "opd").expect("opd example");
        let text = ampk_core::submission::write(r, &sub, ampk_core::example::EXAMPLE_EXPORTED_AT);
        let sent = String::from_utf8(assess("a.json", text.as_bytes())).expect("UTF-8");
        let sent = FileReport::from_json(&sent).expect("a report");
        let mut full = import::assess(r, "a.json", text.as_bytes());
        assert!(full.read.as_ref().is_some_and(|r| r.wire.categories.values().any(|e| !e.evidence.is_empty())));
        full.lighten(true);
        assert_eq!(sent, full, "the report, lightened");
    }
}
