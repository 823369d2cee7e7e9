//! Decimal text to the nearest `f64`, exactly rounded (ties to even), as `str::parse::<f64>`
//! and serde_json's `float_roundtrip` parser read it, without either: core's parser carries
//! its tables of powers and serde_json its error machinery, about 8 kB gzip of the officer's
//! first load, for numbers the officer types one at a time.
//!
//! The value is `digits / 10^f`: for up to 15 digits and 22 places, one exact double
//! operation; otherwise worked out with plain big integers, the quotient taken to 55 bits by
//! long division, with a sticky bit for any remainder, then rounded once.

/// Little-endian base-2^32 digits of an unsigned integer, without high zero limbs.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn bits(&self) -> i64 {
        match self.0.last() {
            None => 0,
            Some(top) => 32 * self.0.len() as i64 - i64::from(top.leading_zeros()),
        }
    }

    fn shl(&mut self, n: usize) {
        let (limbs, bits) = (n / 32, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = (v << bits) | carry;
                carry = v >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.0.iter_mut().rev() {
            let v = *limb;
            *limb = (v >> 1) | carry;
            carry = v << 31;
        }
        if self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn at_least(&self, other: &Big) -> bool {
        if self.0.len() != other.0.len() {
            return self.0.len() > other.0.len();
        }
        self.0.iter().rev().cmp(other.0.iter().rev()) != std::cmp::Ordering::Less
    }

    /// `self -= other`, with `self >= other`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = v.rem_euclid(1 << 32) as u32;
            borrow = i64::from(v < 0);
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
}

/// Significant digits kept: more than any tie between two `f64` needs (768), so that a
/// longer number, cut here with a sticky `1` for what was cut, rounds the same.
const MAX_DIGITS: usize = 800;

/// The `f64` nearest to the decimal `int.frac` (ASCII digits only, either part possibly empty;
/// leading zeros allowed), ties to even. `None` when it is beyond `f64`'s range, or when a
/// part holds anything but digits.
pub(crate) fn parse(int: &str, frac: &str) -> Option<f64> {
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    // value = digits · 10^exp10, digits without leading zeros.
    let all: Vec<u8> = int.bytes().chain(frac.bytes()).skip_while(|b| *b == b'0').collect();
    let mut exp10 = -(frac.len() as i64);
    if all.is_empty() {
        return Some(0.0);
    }
    // Magnitude: 10^(n - 1 + exp10) <= value < 10^(n + exp10).
    let n = all.len() as i64;
    if n + exp10 > 310 {
        return None;
    }
    if n + exp10 < -324 {
        // Below 10^-324, less than half the smallest subnormal (4.9e-324).
        return Some(0.0);
    }
    // The usual case, a figure the officer types: at most 15 digits and 22 decimal places.
    // Both the digits and the power of ten are exact doubles, so one division is rounded once,
    // exactly (Clinger's fast path), with no big integers. (Here `exp10 <= 0`: an integer's
    // trailing zeros are among its digits.)
    if n <= 15 && exp10 >= -22 {
        let d = all.iter().fold(0u64, |d, b| d * 10 + u64::from(b - b'0')) as f64;
        return Some(d / (0..-exp10).fold(1.0f64, |p, _| p * 10.0));
    }
    let mut digits: Vec<u8> = all.iter().map(|b| b - b'0').collect();
    if digits.len() > MAX_DIGITS {
        let cut = digits.split_off(MAX_DIGITS);
        exp10 += cut.len() as i64;
        if cut.iter().any(|d| *d != 0) {
            digits.push(1);
            exp10 -= 1;
        }
    }
    let mut num = Big(Vec::new());
    for d in digits {
        num.mul_add(10, u32::from(d));
    }
    let mut den = Big(vec![1]);
    if exp10 >= 0 {
        for _ in 0..exp10 {
            num.mul_add(10, 0);
        }
    } else {
        for _ in 0..-exp10 {
            den.mul_add(5, 0);
        }
    }
    // value = num / den · 2^min(exp10, 0). Scale so the quotient has 55 or 56 bits.
    let mut two = exp10.min(0);
    let shift = 55 - (num.bits() - den.bits());
    if shift >= 0 {
        num.shl(shift as usize);
    } else {
        den.shl((-shift) as usize);
    }
    two -= shift;
    // Long division, one bit at a time: the quotient is below 2^57.
    let mut q: u64 = 0;
    den.shl(57);
    for _ in 0..57 {
        den.shr1();
        q <<= 1;
        if num.at_least(&den) {
            num.sub(&den);
            q |= 1;
        }
    }
    round(q, !num.0.is_empty(), two)
}

/// `q · 2^two`, with `sticky` when the exact value is a little more than that, rounded to the
/// nearest `f64` (ties to even); `None` past the largest.
fn round(q: u64, sticky: bool, two: i64) -> Option<f64> {
    let bits = 64 - i64::from(q.leading_zeros());
    // Bits to drop: down to 53 significant bits, or down to the smallest subnormal's place.
    let drop = (bits - 53).max(-1074 - two).max(0);
    let (mut m, mut e) = if drop >= 64 { (0, two + drop) } else { (q >> drop, two + drop) };
    if drop > 0 && drop <= 64 {
        let half = 1u64 << (drop - 1);
        let rest = q & (half.wrapping_mul(2).wrapping_sub(1));
        let above = rest > half || (rest == half && sticky);
        if above || (rest == half && m & 1 == 1) {
            m += 1;
            if m == 1 << 53 {
                m >>= 1;
                e += 1;
            }
        }
    }
    if m == 0 {
        return Some(0.0);
    }
    if m < 1 << 52 {
        // Subnormal: its place is the smallest subnormal's.
        return Some(f64::from_bits(m));
    }
    let biased = e + 52 + 1023;
    if biased >= 2047 {
        return None;
    }
    Some(f64::from_bits(((biased as u64) << 52) | (m & ((1 << 52) - 1))))
}

#[cfg(test)]
mod tests {
    use super::parse;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn core(int: &str, frac: &str) -> Option<f64> {
        let text = if frac.is_empty() { format!("0{int}") } else { format!("0{int}.{frac}") };
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reads_as_core_does() {
        let cases: &[(&str, &str)] = &[
            ("0", ""),
            ("", "5"),
            ("007", ""),
            ("1", "0"),
            ("12", "5"),
            ("0", "1"),
            ("0", "3"),
            ("123456", "789"),
            ("9007199254740993", ""),
            ("9007199254740995", ""),
            ("179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", ""),
            ("", &"0".repeat(323).to_string()),
            ("2", "2250738585072011"),
            ("0", "30"),
            ("", "999999999999999999999999999999"),
            // Either side of the fast path's bounds: 15 and 16 digits, 22 and 23 places.
            ("999999999999999", ""),
            ("9999999999999999", ""),
            ("1", "0000000000000000000001"),
            ("", "0000000000000000000001"),
            ("", "00000000000000000000001"),
            ("1", "00000000000000000000001"),
            ("123456789012345", "0000000"),
            ("12345678901234", "56"),
            ("1000000000000000000000", ""),
            ("1", "00000000000000011102230246251565404236316680908203125"),
            ("1", "00000000000000011102230246251565404236316680908203124"),
            ("1", "00000000000000011102230246251565404236316680908203126"),
        ];
        for (i, f) in cases {
            assert_eq!(parse(i, f).map(f64::to_bits), core(i, f).map(f64::to_bits), "{i}.{f}");
        }
        // Subnormals, and the smallest one's halfway point.
        let tiny = format!("{}4940656458412465441765687928682213723651", "0".repeat(323));
        assert_eq!(parse("", &tiny), core("", &tiny));
        let half = format!("{}2470328229206232720882538", "0".repeat(323));
        assert_eq!(parse("", &half), Some(0.0));
        let above = format!("{}24703282292062327208825381", "0".repeat(323));
        assert_eq!(parse("", &above), core("", &above));
        assert_eq!(parse(&"9".repeat(400), ""), None);
        assert_eq!(parse("1", &"0".repeat(5000)), Some(1.0));
        assert_eq!(parse("1x", ""), None);
        // Cut after MAX_DIGITS: a tie broken by a far digit.
        let long = format!("9007199254740993{}1", "0".repeat(2000));
        assert_eq!(parse(&long, ""), core(&long, ""));
    }
}
