//! Fuzzes the rubric workbook reader (`ampk-rubric-xlsx`): arbitrary bytes as a workbook. When
//! they read as a rubric, writing it as a workbook and reading that back gives the same rubric
//! file. Nothing may panic, whatever the bytes.
#![no_main]

use ampk_core::Lang;
use ampk_rubric_xlsx::{from_workbook, to_workbook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((_, r)) = from_workbook(data, Lang::En) else { return };
    let bytes = to_workbook(&r.file).expect("a valid rubric can be written");
    let (_, back) = from_workbook(&bytes, Lang::Id).expect("a written rubric reads back");
    assert_eq!(back.file, r.file, "round trip");
});
