//! A structure-aware libFuzzer mutator for JSON documents, shared by the fuzz targets (included
//! with `#[path]`). Byte-level mutations of a rubric or a submission almost always break the JSON
//! or the schema, so the scoring code behind the loaders is rarely reached; this mutator parses
//! the input and edits it as JSON (numbers, strings, arrays, members, transplanted subtrees),
//! falling back to libFuzzer's own mutations now and then and for input that is not JSON.
//! Deterministic for a given seed, as libFuzzer requires.

use libfuzzer_sys::fuzzer_mutate;
use serde_json::{Map, Number, Value};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Numbers worth trying anywhere: limits, signs, fractions and the rubric's usual bounds.
#[rustfmt::skip]
const NUMBERS: &[f64] = &[
    0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 12.0, 13.0, 99.99, 100.0, 100.01, 101.0, 1e-9, 1e-300, 4.9e-324, 1e6, 1e15,
    9007199254740993.0, 1.8446744073709552e19, 1e300, 1.7976931348623157e308, -1.7976931348623157e308,
];

/// Fragments for strings, many of them pieces of rubric expressions.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "", " ", "0", "1", "-1", "1e308", "(", ")", "+", "-", "*", "/", "/ 0", "* 0", " <= ", " >= ", " == ", " < ", ",",
    "min(", "max(", "log(", "sqrt(", "ratio(", "clamp(", "months", "x", "_", "é", "\u{0}", "\u{202e}", "=1+1",
    "https://x.go.id/a", "2025-02-29", "2025-12-31", "9999-99-99", "yes", "no", "partial", "opd", "uptd", "kabkota",
];

struct Rng(u64);

impl Rng {
    fn new(seed: u32) -> Self {
        Rng(u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(m) => m.values().map(count).sum(),
        _ => 0,
    }
}

fn nth(v: &Value, k: &mut usize) -> Option<Value> {
    if *k == 0 {
        return Some(v.clone());
    }
    *k -= 1;
    match v {
        Value::Array(a) => a.iter().find_map(|x| nth(x, k)),
        Value::Object(m) => m.values().find_map(|x| nth(x, k)),
        _ => None,
    }
}

fn nth_mut<'a>(v: &'a mut Value, k: &mut usize) -> Option<&'a mut Value> {
    if *k == 0 {
        return Some(v);
    }
    *k -= 1;
    match v {
        Value::Array(a) => {
            for x in a.iter_mut() {
                if let Some(found) = nth_mut(x, k) {
                    return Some(found);
                }
            }
            None
        }
        Value::Object(m) => {
            for x in m.values_mut() {
                if let Some(found) = nth_mut(x, k) {
                    return Some(found);
                }
            }
            None
        }
        _ => None,
    }
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out)
        }),
        _ => {}
    }
}

fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::Number(Number::from(x as i64))
    } else {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

fn edit_string(s: &str, rng: &mut Rng, pool: &[String]) -> String {
    let cut = |s: &str, at: usize| s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
    match rng.below(6) {
        0 if !pool.is_empty() => pool[rng.below(pool.len())].clone(),
        1 => s[..cut(s, rng.below(s.chars().count() + 1))].to_string(),
        2 => s.repeat(2 + rng.below(3)),
        _ => {
            let at = cut(s, rng.below(s.chars().count() + 1));
            format!("{}{}{}", &s[..at], TOKENS[rng.below(TOKENS.len())], &s[at..])
        }
    }
}

fn edit(v: &mut Value, rng: &mut Rng) {
    let total = count(v);
    let mut pool = Vec::new();
    strings(v, &mut pool);
    let donor = nth(v, &mut rng.below(total));
    let Some(target) = nth_mut(v, &mut rng.below(total)) else { return };
    if rng.below(8) == 0 {
        if let Some(d) = donor {
            *target = d;
            return;
        }
    }
    match target {
        Value::Null => *target = number(NUMBERS[rng.below(NUMBERS.len())]),
        Value::Bool(b) => *b = !*b,
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            *target = number(match rng.below(6) {
                0 => x + 1.0,
                1 => x - 1.0,
                2 => -x,
                3 => x * 10.0,
                4 => x / 3.0,
                _ => NUMBERS[rng.below(NUMBERS.len())],
            });
        }
        Value::String(s) => *s = edit_string(s, rng, &pool),
        Value::Array(a) => match rng.below(4) {
            0 if !a.is_empty() => {
                a.remove(rng.below(a.len()));
            }
            1 if !a.is_empty() => {
                let x = a[rng.below(a.len())].clone();
                a.insert(rng.below(a.len() + 1), x);
            }
            2 if a.len() > 1 => {
                let (i, j) = (rng.below(a.len()), rng.below(a.len()));
                a.swap(i, j);
            }
            _ => a.clear(),
        },
        Value::Object(m) => match rng.below(3) {
            0 if !m.is_empty() => {
                let k = m.keys().nth(rng.below(m.len())).cloned().unwrap_or_default();
                m.remove(&k);
            }
            1 if !m.is_empty() => {
                let (k, x) = m.iter().nth(rng.below(m.len())).map(|(k, x)| (k.clone(), x.clone())).unwrap_or_default();
                m.insert(edit_string(&k, rng, &pool), x);
            }
            _ => {
                let k = pool.get(rng.below(pool.len())).cloned().unwrap_or_default();
                m.insert(k, Value::Object(Map::new()));
            }
        },
    }
}

/// The mutator: edits `data[..size]` in place and returns the new size (at most `max_size`).
pub fn mutate(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> usize {
    let mut rng = Rng::new(seed);
    if rng.below(5) == 0 {
        return fuzzer_mutate(data, size, max_size);
    }
    let input = &data[..size];
    let bom = input.starts_with(BOM);
    let Ok(mut v) = serde_json::from_slice::<Value>(input.strip_prefix(BOM).unwrap_or(input)) else {
        return fuzzer_mutate(data, size, max_size);
    };
    for _ in 0..1 + rng.below(3) {
        edit(&mut v, &mut rng);
    }
    let mut out = if bom { BOM.to_vec() } else { Vec::new() };
    let text = if rng.below(2) == 0 { serde_json::to_vec_pretty(&v) } else { serde_json::to_vec(&v) };
    out.extend(text.unwrap_or_default());
    if out.is_empty() || out.len() > max_size {
        return fuzzer_mutate(data, size, max_size);
    }
    data[..out.len()].copy_from_slice(&out);
    out.len()
}
