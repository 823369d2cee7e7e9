//! Fuzzes the reader of packed rubrics (`ampk_core::rubric::unpack`, what the officer's page
//! reads from its store and fetches beside itself): arbitrary text, and the model's pack with
//! arbitrary bytes spliced in.
//! Nothing may panic, and whatever reads back packs to the same text.
#![no_main]

use ampk_core::rubric::{pack, unpack, MODEL_RUBRIC_PACK};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(r) = unpack(text) {
        // Compared packed: a NaN read back is not `==` to itself.
        let again = pack(&r);
        assert_eq!(unpack(&again).map(|back| pack(&back)), Some(again));
    }
    let at = data.first().map_or(0, |&b| MODEL_RUBRIC_PACK.len() * b as usize / 256);
    if MODEL_RUBRIC_PACK.is_char_boundary(at) {
        let spliced = format!("{}{}{}", &MODEL_RUBRIC_PACK[..at], text, &MODEL_RUBRIC_PACK[at..]);
        let _ = unpack(&spliced);
    }
});
