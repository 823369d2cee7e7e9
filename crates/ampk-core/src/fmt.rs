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
}
