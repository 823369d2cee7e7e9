//! RFC 8785 JSON Canonicalization Scheme (JCS) and the SHA-256 fingerprints built on it.
//!
//! Numbers are written as ECMAScript's `Number.prototype.toString` does (via `ryu-js`), strings
//! with the minimal JSON escapes, and object members sorted by their UTF-16 code units.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The canonical form of a JSON value.
pub fn canonicalize(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

/// Lowercase hex SHA-256 of the canonical form.
pub fn sha256_hex(v: &Value) -> String {
    hex(&Sha256::digest(canonicalize(v).as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => write_string(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut entries: Vec<(&String, &Value)> = m.iter().collect();
            entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push('{');
            for (i, (k, x)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, x);
            }
            out.push('}');
        }
    }
}

/// Writes a double as ECMAScript would. JSON cannot hold NaN or infinities, so serde_json never
/// gives us one; should it happen, `null` is written, as `JSON.stringify` does.
pub fn write_number(out: &mut String, f: f64) {
    if !f.is_finite() {
        out.push_str("null");
    } else if f == 0.0 {
        out.push('0');
    } else {
        out.push_str(ryu_js::Buffer::new().format_finite(f));
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn check(input: &str, expect: &str) {
        let v: Value = serde_json::from_str(input).unwrap();
        assert_eq!(canonicalize(&v), expect, "{input}");
    }

    // Reads 17-digit numbers, which needs serde_json's exactly rounded parser: canonical JSON is
    // only ever made where files are read and written (worker, coordinator, CLI), all built
    // with `exact-json`; the officer's page never canonicalises.
    #[cfg(feature = "exact-json")]
    #[wasm_bindgen_test(unsupported = test)]
    fn rfc8785_number_examples() {
        // RFC 8785 appendix B, within what JSON text can hold.
        check("0", "0");
        check("-0", "0");
        check("5e-324", "5e-324");
        check("1.7976931348623157e308", "1.7976931348623157e+308");
        check("9007199254740992", "9007199254740992");
        check("9007199254740993", "9007199254740992");
        check("295147905179352830000", "295147905179352830000");
        check("1e21", "1e+21");
        check("0.000001", "0.000001");
        check("1e-7", "1e-7");
        check("333333333.33333329", "333333333.3333333");
        check("-5e-324", "-5e-324");
        check("1.0", "1");
        check("100.50", "100.5");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sorts_by_utf16_and_escapes_minimally() {
        check(r#"{"b":1,"a":[true,false,null],"":"x"}"#, r#"{"":"x","a":[true,false,null],"b":1}"#);
        // U+10000 (surrogates D800…) sorts before U+E000 in UTF-16 but after it in UTF-8.
        check("{\"\u{e000}\":1,\"\u{10000}\":2}", "{\"\u{10000}\":2,\"\u{e000}\":1}");
        check(r#""\u0001\b\t\n\f\r\"\\/\u007f""#, "\"\\u0001\\b\\t\\n\\f\\r\\\"\\\\/\u{7f}\"");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn fingerprint_is_lowercase_sha256() {
        assert_eq!(sha256_hex(&json!({})), "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }
}
