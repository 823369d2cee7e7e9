//! Locale-aware number formatting: Indonesian `1.234,5`, English `1,234.5`.

use crate::problem::Lang;

/// Formats `x` with `decimals` fixed decimals, or with as many as it needs when `None`.
pub fn number(x: f64, lang: Lang, decimals: Option<usize>) -> String {
    let raw = match decimals {
        Some(d) => format!("{x:.d$}"),
        None => format!("{x}"),
    };
    let (neg, raw) = match raw.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, raw.as_str()),
    };
    let (int, frac) = raw.split_once('.').unwrap_or((raw, ""));
    let (group, point) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::with_capacity(raw.len() + raw.len() / 3 + 2);
    if neg && (int.bytes().any(|b| b != b'0') || frac.bytes().any(|b| b != b'0')) {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// Formats a score with exactly 2 decimals (scores are always shown that way).
pub fn score(x: f64, lang: Lang) -> String {
    number(crate::score::round2(x), lang, Some(2))
}

/// A lowercase ASCII slug for file and host names: "Dinas Contoh A" → "dinas-contoh-a".
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
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
    /// Explanation for the officer.
    pub fn message(&self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NumberError::Invalid, Lang::Id) => "bukan angka; ketik angka saja, mis. 1.234 atau 12,5",
            (NumberError::Invalid, Lang::En) => "not a number; type digits only, e.g. 1,234 or 12.5",
            (NumberError::WrongDecimal, Lang::Id) => "gunakan koma untuk desimal (12,5) dan titik untuk ribuan (1.234)",
            (NumberError::WrongDecimal, Lang::En) => {
                "use a point for decimals (12.5) and a comma for thousands (1,234)"
            }
            (NumberError::BadGrouping, Lang::Id) => "pemisah ribuan harus tiap tiga angka, mis. 1.234.567",
            (NumberError::BadGrouping, Lang::En) => "thousands separators go every three digits, e.g. 1,234,567",
        }
    }
}

/// Parses a number typed in `lang`: Indonesian `1.234,5`, English `1,234.5`. Spaces are
/// ignored; an empty text is `None`. Thousands separators, when used, must group by three.
pub fn parse_number(text: &str, lang: Lang) -> Result<Option<f64>, NumberError> {
    let t: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if t.is_empty() {
        return Ok(None);
    }
    let (group, point) = match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    };
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
            return Err(if f.contains(group) { NumberError::WrongDecimal } else { NumberError::Invalid });
        }
    }
    if int.contains(group) {
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
    let joined = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    let v: f64 = joined.parse().map_err(|_| NumberError::Invalid)?;
    if !v.is_finite() {
        return Err(NumberError::Invalid);
    }
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
        // Formatting then parsing gives the value back, in both languages.
        for x in [0.0, 7.5, 1234.0, 3_200_000.0, 1234567.25] {
            for l in [Lang::Id, Lang::En] {
                assert_eq!(parse_number(&number(x, l, None), l), Ok(Some(x)), "{x} {l:?}");
            }
        }
    }
}
