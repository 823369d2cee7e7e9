//! Low-level helpers that know nothing of the domain: the rounding of rubric-format §7 and the
//! sort for short lists. The lowest layer of the crate: it uses no other module.

use std::cmp::Ordering;

/// Rounds as rubric-format §7 says: `(x * 100.0).round() / 100.0`.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Sorts a short list (a category's indicators, the drafts list) stably by `cmp`: insertion
/// sort. The standard library's sort is much faster on long lists but is compiled again for
/// every element type and comparison, which the officer's page, sorting only a few dozen items
/// at a time, pays for in download size. Long lists (rankings) use the standard sort.
pub fn sort_small<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round2(0.125), 0.13);
        assert_eq!(round2(78.344999), 78.34);
        assert_eq!(round2(-0.125), -0.13);
        assert_eq!(round2(1.005), 1.0, "1.005 is 1.00499… in binary");
    }
}
