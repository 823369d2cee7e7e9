//! Low-level helpers that know nothing of the domain: the rounding of rubric-format §7, the
//! sort for short lists and a cheap fingerprint (FNV-1a). The lowest layer of the crate: it uses no other module.

use std::cmp::Ordering;

/// Rounds as rubric-format §7 says: `(x * 100.0).round() / 100.0`.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// FNV-1a (64 bits): a cheap, stable fingerprint, not a security digest. The draft's export key
/// and the officer page's kept parts (`ampk-web`'s `components::deps`) are made with it.
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 = (self.0 ^ u64::from(*x)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Length-prefixed bytes, so that parts cannot run into each other ("ab","c" ≠ "a","bc").
    pub fn part(&mut self, b: &[u8]) {
        self.bytes(&(b.len() as u64).to_le_bytes());
        self.bytes(b);
    }

    /// A length-prefixed string.
    pub fn text(&mut self, s: &str) {
        self.part(s.as_bytes());
    }
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
