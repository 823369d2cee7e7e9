//! RFC 8785 JSON Canonicalization Scheme (JCS) and the SHA-256 fingerprints built on it.
//!
//! Numbers are written as ECMAScript's `Number.prototype.toString` does (via `ryu-js`), strings
//! with the minimal JSON escapes, and object members sorted by their UTF-16 code units.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Where canonical text goes: a string, or straight into a hash (no text is kept).
trait Out {
    fn put(&mut self, s: &str);
}

impl Out for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

/// Feeds a SHA-256 through a small buffer: hashing many short pieces one by one is slow.
#[derive(Clone)]
struct Hashing {
    hash: Sha256,
    buf: Vec<u8>,
}

impl Out for Hashing {
    fn put(&mut self, s: &str) {
        if self.buf.len() + s.len() > 4096 {
            self.hash.update(&self.buf);
            self.buf.clear();
        }
        if s.len() > 4096 {
            self.hash.update(s.as_bytes());
        } else {
            self.buf.extend_from_slice(s.as_bytes());
        }
    }
}

/// The canonical form of a JSON value.
pub fn canonicalize(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, &[]);
    out
}

/// Lowercase hex SHA-256 of the canonical form.
pub fn sha256_hex(v: &Value) -> String {
    sha256_hex_without(v, &[])
}

/// Lowercase hex SHA-256 of the canonical form of `v` without the top-level members `skip`
/// (when `v` is an object): the same as removing them first, without copying the document.
pub fn sha256_hex_without(v: &Value, skip: &[&str]) -> String {
    let mut out = Hashing { hash: Sha256::new(), buf: Vec::with_capacity(4096) };
    write_value(&mut out, v, skip);
    out.hash.update(&out.buf);
    hex(&out.hash.finalize())
}

/// The SHA-256 (hex) of the canonical form of `v` without the top-level members `skip_a`, and
/// without `skip_b`, in one walk: each member's canonical text is made once and hashed into
/// the digests it belongs to. Equal to two calls of [`sha256_hex_without`].
///
/// The two texts agree up to the first member that only one of them holds. That prefix is
/// hashed once, and the hash state is copied where they part: a submission's two digests part at
/// `computed`, after `agency` and `categories`, so most of the document is hashed once.
pub fn sha256_hex_pair(v: &Value, skip_a: &[&str], skip_b: &[&str]) -> (String, String) {
    let Value::Object(m) = v else {
        let h = sha256_hex(v);
        return (h.clone(), h);
    };
    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
    sort_members(&mut entries);
    let mut a = Hashing { hash: Sha256::new(), buf: Vec::with_capacity(4096) };
    a.put("{");
    // `None` while the texts agree (`a` then stands for both).
    let mut b: Option<Hashing> = None;
    let (mut first_a, mut first_b) = (true, true);
    let mut member = String::new();
    for (k, x) in entries {
        let (in_a, in_b) = (!skip_a.contains(&k.as_str()), !skip_b.contains(&k.as_str()));
        if !in_a && !in_b {
            continue;
        }
        if b.is_none() && in_a != in_b {
            // Hashed first: a copy of text still in the buffer would be hashed twice.
            a.hash.update(&a.buf);
            a.buf.clear();
            b = Some(a.clone());
            first_b = first_a;
        }
        member.clear();
        write_string(&mut member, k);
        member.push(':');
        write_value(&mut member, x, &[]);
        let put = |out: &mut Hashing, first: &mut bool| {
            if !*first {
                out.put(",");
            }
            *first = false;
            out.put(&member);
        };
        if in_a {
            put(&mut a, &mut first_a);
        }
        if let (true, Some(b)) = (in_b, b.as_mut()) {
            put(b, &mut first_b);
        }
    }
    let b = b.unwrap_or_else(|| a.clone());
    let done = |mut h: Hashing| {
        h.put("}");
        h.hash.update(&h.buf);
        hex(&h.hash.finalize())
    };
    (done(a), done(b))
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

/// Sorts an object's members by name in UTF-16 code unit order. That is byte order unless a
/// name holds a character beyond U+FFFF (4 bytes in UTF-8, a surrogate pair in UTF-16): the
/// names are looked at once, not at each comparison.
fn sort_members(entries: &mut [(&String, &Value)]) {
    if entries.iter().any(|(k, _)| k.bytes().any(|c| c >= 0xF0)) {
        entries.sort_by(|x, y| x.0.encode_utf16().cmp(y.0.encode_utf16()));
    } else {
        entries.sort_by(|x, y| x.0.cmp(y.0));
    }
}

fn write_value(out: &mut impl Out, v: &Value, skip: &[&str]) {
    match v {
        Value::Null => out.put("null"),
        Value::Bool(b) => out.put(if *b { "true" } else { "false" }),
        Value::Number(n) => put_number(out, n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => write_string(out, s),
        Value::Array(a) => {
            out.put("[");
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.put(",");
                }
                write_value(out, x, &[]);
            }
            out.put("]");
        }
        Value::Object(m) => {
            let mut entries: Vec<(&String, &Value)> = m.iter().filter(|(k, _)| !skip.contains(&k.as_str())).collect();
            sort_members(&mut entries);
            out.put("{");
            for (i, (k, x)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.put(",");
                }
                write_string(out, k);
                out.put(":");
                write_value(out, x, &[]);
            }
            out.put("}");
        }
    }
}

/// Writes a double as ECMAScript would. JSON cannot hold NaN or infinities, so serde_json never
/// gives us one; should it happen, `null` is written, as `JSON.stringify` does.
pub fn write_number(out: &mut String, f: f64) {
    put_number(out, f);
}

fn put_number(out: &mut impl Out, f: f64) {
    if !f.is_finite() {
        out.put("null");
    } else if f == 0.0 {
        out.put("0");
    } else if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        // An integer below 2^53 is held exactly, and its shortest digits are its digits.
        out.put(itoa::Buffer::new().format(f as i64));
    } else {
        out.put(ryu_js::Buffer::new().format_finite(f));
    }
}

fn write_string(out: &mut impl Out, s: &str) {
    out.put("\"");
    let mut rest = s;
    // Runs of characters that need no escape are written whole. Every character that does is
    // ASCII, so the bytes are searched: a byte below 0x80 is always a whole character.
    while let Some(i) = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.put(&rest[..i]);
        let c = char::from(rest.as_bytes()[i]);
        match c {
            '"' => out.put("\\\""),
            '\\' => out.put("\\\\"),
            '\u{8}' => out.put("\\b"),
            '\t' => out.put("\\t"),
            '\n' => out.put("\\n"),
            '\u{c}' => out.put("\\f"),
            '\r' => out.put("\\r"),
            c => out.put(&format!("\\u{:04x}", c as u32)),
        }
        rest = &rest[i + 1..];
    }
    out.put(rest);
    out.put("\"");
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
        // Integers, on both sides of 2^53.
        check("-12", "-12");
        check("1527175", "1527175");
        check("9007199254740991", "9007199254740991");
        check("-9007199254740991.0", "-9007199254740991");
        check("9007199254740992", "9007199254740992");
        check("1e20", "100000000000000000000");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn integers_are_written_as_the_shortest_digits_writer_would() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..20_000u32 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            // Every magnitude up to 2^53, both signs.
            let f = ((x >> 11) >> (i % 53)) as f64 * if i % 2 == 0 { 1.0 } else { -1.0 };
            let mut ours = String::new();
            write_number(&mut ours, f);
            let expect = if f == 0.0 { "0".to_string() } else { ryu_js::Buffer::new().format_finite(f).to_string() };
            assert_eq!(ours, expect, "{f}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn sorts_by_utf16_and_escapes_minimally() {
        check(r#"{"b":1,"a":[true,false,null],"":"x"}"#, r#"{"":"x","a":[true,false,null],"b":1}"#);
        // U+10000 (surrogates D800…) sorts before U+E000 in UTF-16 but after it in UTF-8.
        check("{\"\u{e000}\":1,\"\u{10000}\":2}", "{\"\u{10000}\":2,\"\u{e000}\":1}");
        check(r#""\u0001\b\t\n\f\r\"\\/\u007f""#, "\"\\u0001\\b\\t\\n\\f\\r\\\"\\\\/\u{7f}\"");
        // Escapes between characters of several bytes.
        check(r#""é\u001fü\"€\\𝄞""#, "\"é\\u001fü\\\"€\\\\𝄞\"");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_pair_of_digests_equals_two_single_ones() {
        let v = json!({"z": [1, {"b": 2, "a": "x\n"}], "integrity": {"d": 1}, "exported_at": "t", "\u{10000}": 1, "a": null});
        for (sa, sb) in [
            (&["integrity"][..], &["exported_at", "integrity"][..]),
            (&[][..], &["z", "a", "\u{10000}", "integrity", "exported_at"][..]),
            // The texts never part; they part at the last member; `a` skips what `b` keeps.
            (&["integrity"][..], &["integrity"][..]),
            (&[][..], &["z"][..]),
            (&["a", "exported_at"][..], &["integrity"][..]),
        ] {
            assert_eq!(sha256_hex_pair(&v, sa, sb), (sha256_hex_without(&v, sa), sha256_hex_without(&v, sb)));
        }
        assert_eq!(sha256_hex_pair(&json!([1]), &["x"], &[]).0, sha256_hex(&json!([1])));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn fingerprint_is_lowercase_sha256() {
        assert_eq!(sha256_hex(&json!({})), "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }
}
