//! Fuzzes the readers of what the officer types and fetches as text: typed numbers
//! (`fmt::parse_number`, whose decimals `decimal.rs` reads: always the value `str::parse` gives),
//! and another language's texts file (`i18n::read_texts_file`, a fetched file). Nothing may
//! panic.
#![no_main]

use ampk_core::fmt::{parse_decimal, parse_number};
use ampk_core::i18n::{read_texts_file, Lang};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for lang in Lang::ALL {
        let _ = parse_number(&text, lang);
        let _ = read_texts_file(lang, &text);
    }
    // The digits only, split at the first byte's place: the exact value, as `str::parse` reads it.
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let cut = data.first().map_or(0, |b| usize::from(*b) % (digits.len() + 1));
    let (int, frac) = digits.split_at(cut);
    let want = format!("0{int}.{frac}0").parse::<f64>().ok().filter(|v| v.is_finite());
    let frac = (!frac.is_empty()).then_some(frac);
    assert_eq!(parse_decimal(int, frac).map(f64::to_bits), want.map(f64::to_bits), "{int}.{frac:?}");
});
