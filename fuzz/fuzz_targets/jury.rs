//! Fuzzes the jury-mark CSV reader: arbitrary bytes as a jury file, parsed against the built-in
//! rubric. Nothing may panic, whatever the bytes.
#![no_main]

use ampk_core::export::parse_jury_csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (marks, _problems) = parse_jury_csv(ampk_core::builtin(), data);
    assert!(marks.values().all(|v| (0.0..=100.0).contains(v)), "marks are 0–100");
});
