//! Locale-aware number formatting: Indonesian `1.234,5`, English `1,234.5`. The separators are
//! data of each language's catalogue (`[core]`: `decimal_separator`, `thousands_separator`).

use crate::problem::Lang;

/// Formats `x` with `decimals` fixed decimals, or with as many as it needs when `None`, with
/// the separators of `lang`.
pub fn number(x: f64, lang: Lang, decimals: Option<usize>) -> String {
    let t = lang.texts();
    let raw = match decimals {
        Some(d) => fixed(x, d),
        None => plain(x),
    };
    grouped(&raw, t.thousands_separator(), t.decimal_separator())
}

/// A figure or a limit quoted in a problem message ("must be at least 1.000"): as many decimals
/// as it needs, the decimal separator of `lang` and its `limit_thousands_separator` (English
/// messages quote limits without one: "1000").
pub fn limit(x: f64, lang: Lang) -> String {
    let t = lang.texts();
    grouped(&plain(x), t.limit_thousands_separator(), t.decimal_separator())
}

/// `raw` (`-1234.5`, as [`plain`] or [`fixed`] print) with `group` between thousands and
/// `point` for the decimal point; a negative zero loses its sign.
fn grouped(raw: &str, group: &str, point: &str) -> String {
    let (neg, raw) = match raw.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, raw),
    };
    let (int, frac) = raw.split_once('.').unwrap_or((raw, ""));
    let mut out = String::with_capacity(raw.len() + raw.len() / 3 + 2);
    if neg && (int.bytes().any(|b| b != b'0') || frac.bytes().any(|b| b != b'0')) {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push_str(point);
        out.push_str(frac);
    }
    out
}

/// `x` as the shortest decimal that reads back as `x`, without an exponent: what `{}` prints
/// for an `f64`. It goes through serde_json's number printer, so that the officer's bundle
/// carries one float printer instead of two.
pub fn plain(x: f64) -> String {
    let Some(n) = serde_json::Number::from_f64(x) else {
        return if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "inf"
        } else {
            "-inf"
        }
        .to_string();
    };
    let text = n.to_string();
    let (neg, text) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text.as_str()),
    };
    let (mantissa, exp) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    // Where the decimal point falls in `digits`.
    let point = int.len() as i64 + exp;
    let mut out = String::with_capacity(digits.len() + 4);
    if neg {
        out.push('-');
    }
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
    if out.contains('.') {
        let kept = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(kept);
    }
    out
}

/// `x` with exactly `decimals` decimals: its shortest decimal form ([`plain`]) rounded half
/// away from zero. Scores are rounded to 2 decimals before they are shown, so their text is
/// exact.
pub fn fixed(x: f64, decimals: usize) -> String {
    let p = plain(x);
    if !x.is_finite() {
        return p;
    }
    let (neg, p) = match p.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, p.as_str()),
    };
    let (int, frac) = p.split_once('.').unwrap_or((p, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes().chain(std::iter::repeat(b'0')).take(decimals)).collect();
    if frac.as_bytes().get(decimals).is_some_and(|d| *d >= b'5') {
        // Round up, carrying.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - decimals;
    let mut out = String::with_capacity(digits.len() + 2);
    if neg {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&digits[..split]).unwrap_or("0"));
    if decimals > 0 {
        out.push('.');
        out.push_str(std::str::from_utf8(&digits[split..]).unwrap_or(""));
    }
    out
}

/// Reads a decimal written as digits with an optional fraction (`007`, `12.5`): the nearest
/// `f64`, as `str::parse` gives it (`crate::decimal`). `None` when not finite.
pub fn parse_decimal(int: &str, frac: Option<&str>) -> Option<f64> {
    crate::decimal::parse(int, frac.unwrap_or(""))
}

/// Formats a score with exactly 2 decimals (scores are always shown that way).
pub fn score(x: f64, lang: Lang) -> String {
    number(crate::util::round2(x), lang, Some(2))
}

/// A lowercase ASCII slug for file and host names: "Dinas Contoh A" → "dinas-contoh-a".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    // ASCII lowercasing only: other letters are dropped anyway, and full Unicode case mapping
    // would bring its tables into the bundle.
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `YYYYMMDD` from an RFC 3339 time, for file names.
pub fn date_stamp(rfc3339: &str) -> String {
    rfc3339.chars().take(10).filter(char::is_ascii_digit).collect()
}

/// Why a typed number was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Characters other than digits, separators and a leading minus.
    Invalid,
    /// A decimal point in the wrong form for the language (e.g. `12.5` in Indonesian).
    WrongDecimal,
    /// Thousands separators not in groups of three.
    BadGrouping,
}

impl NumberError {
    /// Explanation for the officer ("gunakan koma untuk desimal (12,5) …").
    pub fn message(&self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            NumberError::Invalid => t.number_invalid(),
            NumberError::WrongDecimal => t.number_wrong_decimal(),
            NumberError::BadGrouping => t.number_bad_grouping(),
        }
    }
}

/// The first character of a separator (the catalogues' separators are one character each; a
/// test checks it).
fn separator(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

/// Parses a number typed in `lang`, with its separators: Indonesian `1.234,5`, English
/// `1,234.5`. Spaces are ignored; an empty text is `None`. Thousands separators, when used,
/// must group by three.
pub fn parse_number(text: &str, lang: Lang) -> Result<Option<f64>, NumberError> {
    let t: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if t.is_empty() {
        return Ok(None);
    }
    let texts = lang.texts();
    let (group, point) = (separator(texts.thousands_separator()), separator(texts.decimal_separator()));
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.as_str()),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == group || c == point) {
        return Err(NumberError::Invalid);
    }
    let (int, frac) = match body.split_once(point) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(if f.chars().any(|c| c == group) { NumberError::WrongDecimal } else { NumberError::Invalid });
        }
    }
    if int.chars().any(|c| c == group) {
        let parts: Vec<&str> = int.split(group).collect();
        let ok = !parts[0].is_empty() && parts[0].len() <= 3 && parts[1..].iter().all(|p| p.len() == 3);
        if !ok {
            // "12.5" in Indonesian (or "12,5" in English) is most likely a decimal typed the
            // other language's way.
            return Err(if parts.len() == 2 && frac.is_none() {
                NumberError::WrongDecimal
            } else {
                NumberError::BadGrouping
            });
        }
    } else if int.is_empty() {
        return Err(NumberError::Invalid);
    }
    let digits: String = int.chars().filter(|c| *c != group).collect();
    let v = parse_decimal(&digits, frac).ok_or(NumberError::Invalid)?;
    Ok(Some(if neg { -v } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn groups_and_points_per_language() {
        assert_eq!(number(1234.0, Lang::Id, None), "1.234");
        assert_eq!(number(1234.0, Lang::En, None), "1,234");
        assert_eq!(number(12.5, Lang::Id, None), "12,5");
        assert_eq!(number(10_000_000_000.0, Lang::Id, None), "10.000.000.000");
        assert_eq!(number(-1234567.891, Lang::En, Some(2)), "-1,234,567.89");
        assert_eq!(number(-0.001, Lang::Id, Some(2)), "0,00");
        assert_eq!(score(78.344, Lang::Id), "78,34");
        assert_eq!(score(4.5, Lang::En), "4.50");
        assert_eq!(number(100.0, Lang::Id, None), "100");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn limits_in_messages_group_as_the_language_says() {
        assert_eq!(limit(1234567.5, Lang::Id), "1.234.567,5");
        assert_eq!(limit(1234567.5, Lang::En), "1234567.5");
        assert_eq!(limit(-12.0, Lang::En), "-12");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn plain_prints_what_display_prints() {
        let mut samples =
            vec![0.0, -0.0, 1.0, 100.0, 0.1, 12.5, 1e21, 1e22, 1.5e-7, 1e-7, 5e-324, f64::MAX, f64::MIN_POSITIVE];
        samples.extend([1e15, 1e16, 1e17, 2.5e-5, 78.34, 0.3 + 0.6, -1234567.891, 123456789012345680000.0]);
        // A deterministic spread over the whole f64 range.
        let mut bits: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            samples.push(f64::from_bits(bits));
        }
        for x in samples.into_iter().filter(|x| x.is_finite()) {
            let (ours, std) = (plain(x), format!("{x}"));
            // Both are the shortest decimal that reads back as `x`; when two such decimals are
            // equally near (1658206780088562.25 → …562.2 or …562.3) the printers may pick
            // differently, so compare by reading back and by length.
            assert_eq!(ours.parse::<f64>().map(f64::to_bits), Ok(x.to_bits()), "{x:e}: {ours}");
            assert_eq!(ours.len(), std.len(), "{x:e}: {ours} vs {std}");
        }
        // Ordinary figures print identically.
        for x in [0.5, 7.25, 1234.0, 3_200_000.0, 88.0, 0.07, 12.345, 99.99, 1e-3] {
            assert_eq!(plain(x), format!("{x}"));
        }
        assert_eq!(
            (plain(f64::NAN), plain(f64::INFINITY), plain(f64::NEG_INFINITY)),
            ("NaN".into(), "inf".into(), "-inf".into())
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn fixed_rounds_the_shortest_form() {
        for (x, d, want) in [
            (78.34, 2, "78.34"),
            (4.5, 2, "4.50"),
            (0.0, 2, "0.00"),
            (99.995, 2, "100.00"),
            (9.96, 1, "10.0"),
            (70.0, 0, "70"),
            (69.5, 0, "70"),
            (-0.001, 2, "-0.00"),
            (-1234567.891, 2, "-1234567.89"),
            (1e21, 1, "1000000000000000000000.0"),
        ] {
            assert_eq!(fixed(x, d), want, "{x} {d}");
        }
        // Scores are rounded before they are shown: then the text is what `{:.2}` prints.
        for k in 0..=10_000 {
            let x = crate::util::round2(k as f64 / 100.0);
            assert_eq!(fixed(x, 2), format!("{x:.2}"));
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn decimals_parse_exactly() {
        assert_eq!(parse_decimal("007", None), Some(7.0));
        assert_eq!(parse_decimal("0", Some("5")), Some(0.5));
        assert_eq!(parse_decimal("", Some("25")), Some(0.25));
        assert_eq!(parse_decimal("1", Some("0")), Some(1.0));
        assert_eq!(parse_decimal(&"9".repeat(400), None), None);
        for text in ["0.1", "12.5", "3200000", "0.3", "123456.789", "99.99"] {
            let (i, f) = text.split_once('.').map_or((text, None), |(i, f)| (i, Some(f)));
            assert_eq!(parse_decimal(i, f), text.parse::<f64>().ok(), "{text}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn parses_numbers_per_language() {
        let id = |s| parse_number(s, Lang::Id);
        let en = |s| parse_number(s, Lang::En);
        assert_eq!(id("1.234"), Ok(Some(1234.0)));
        assert_eq!(id("12,5"), Ok(Some(12.5)));
        assert_eq!(id("1.234.567,25"), Ok(Some(1234567.25)));
        assert_eq!(id(" 3 200 000 "), Ok(Some(3200000.0)));
        assert_eq!(id(""), Ok(None));
        assert_eq!(id("-7"), Ok(Some(-7.0)));
        assert_eq!(id("12.5"), Err(NumberError::WrongDecimal));
        assert_eq!(id("1.23.456"), Err(NumberError::BadGrouping));
        assert_eq!(id("12a"), Err(NumberError::Invalid));
        assert_eq!(id(","), Err(NumberError::Invalid));
        assert_eq!(id("1,2,3"), Err(NumberError::Invalid));
        assert_eq!(en("1,234"), Ok(Some(1234.0)));
        assert_eq!(en("12.5"), Ok(Some(12.5)));
        assert_eq!(en("12,5"), Err(NumberError::WrongDecimal));
        assert_eq!(en("1,234.5"), Ok(Some(1234.5)));
        // Formatting then parsing gives the value back, in every language.
        for x in [0.0, 7.5, 1234.0, 3_200_000.0, 1234567.25] {
            for l in Lang::ALL {
                assert_eq!(parse_number(&number(x, l, None), l), Ok(Some(x)), "{x} {l:?}");
            }
        }
    }
}
