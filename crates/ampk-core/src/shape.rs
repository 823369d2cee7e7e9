//! Structural checking of a JSON document against the JSON Schema generated from our own
//! serde types, reporting **every** mismatch with its path.
//!
//! serde stops at the first error; the rubric loader and the submission reader must report all
//! of them. The schema `schemars` derives from the wire types is the single definition of the
//! structure: this module walks the document against it, then serde deserialises the (now known
//! to be well-shaped) value. Only the keywords `schemars` emits for our types are interpreted:
//! `$ref`, `type`, `enum`, `const`, `properties`, `required`, `additionalProperties`, `items`,
//! `minimum`, `maximum`, `minItems`, `maxItems`, `minLength`, `maxLength`, `oneOf`, `anyOf`,
//! `allOf`. Semantic rules (patterns, sums, references) are checked on the typed values.

use crate::i18n::Texts;
use crate::problem::{index, join, Problem, ProblemCode};
use serde_json::{Map, Value};

/// Checks `doc` against `schema` (a root schema with `$defs`) and returns every problem.
pub fn check(schema: &Value, doc: &Value) -> Vec<Problem> {
    check_and_prune(schema, &mut doc.clone())
}

/// As [`check`], and also removes every unknown member from `doc`, so that when unknown
/// members were the only problems, the rest of the document can still be checked further.
pub fn check_and_prune(schema: &Value, doc: &mut Value) -> Vec<Problem> {
    let mut out = Vec::new();
    Walker { root: schema }.walk(schema, doc, "", &mut out);
    out
}

struct Walker<'a> {
    root: &'a Value,
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A JSON Schema type's name in a message ("an integer").
fn type_name(t: Texts, name: &str) -> String {
    match name {
        "null" => t.type_null(),
        "boolean" => t.type_boolean(),
        "integer" => t.type_integer(),
        "number" => t.type_number(),
        "string" => t.type_string(),
        "array" => t.type_array(),
        "object" => t.type_object(),
        other => other,
    }
    .to_string()
}

/// "must be an integer or a string, not an array".
fn wrong_type(path: &str, expected: &[&str], found: &str) -> Problem {
    Problem::of(ProblemCode::WrongType, path, |t| {
        let mut names = expected.iter().map(|e| type_name(t, e));
        let first = names.next().unwrap_or_default();
        let expected = names.fold(first, |acc, next| t.either(acc, next));
        t.wrong_type(expected, type_name(t, found))
    })
}

/// What [`Walker::counts`] counts.
#[derive(Clone, Copy)]
enum Unit {
    Items,
    Characters,
}

fn type_matches(expected: &str, v: &Value) -> bool {
    let actual = json_type(v);
    actual == expected || (expected == "number" && actual == "integer")
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

impl<'a> Walker<'a> {
    fn resolve(&self, r: &str) -> Option<&'a Value> {
        let name = r.strip_prefix("#/$defs/")?;
        self.root.get("$defs")?.get(name)
    }

    fn walk(&self, schema: &'a Value, v: &mut Value, path: &str, out: &mut Vec<Problem>) {
        let Some(s) = schema.as_object() else {
            if schema == &Value::Bool(false) {
                out.push(Problem::of(ProblemCode::NotAllowed, path, |t| t.not_allowed()));
            }
            return;
        };
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            if let Some(target) = self.resolve(r) {
                let before = out.len();
                self.walk(target, v, path, out);
                if out.len() > before {
                    return;
                }
            }
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            if !types.is_empty() && !types.iter().any(|t| type_matches(t, v)) {
                out.push(wrong_type(path, &types, json_type(v)));
                return;
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                let (expected, found) = (short(c), short(v));
                out.push(Problem::of(ProblemCode::NotAllowedValue, path, |t| t.not_the_constant(&expected, &found)));
                return;
            }
        }
        if let Some(Value::Array(options)) = s.get("enum") {
            if !options.contains(v) {
                out.push(unknown_value(path.to_string(), v, options.iter()));
                return;
            }
        }
        if let Some(n) = v.as_f64() {
            self.range(s, n, path, out);
        }
        match v {
            Value::Object(m) => self.object(s, m, path, out),
            Value::Array(a) => {
                self.counts(s, a.len(), "minItems", "maxItems", Unit::Items, path, out);
                if let Some(item) = s.get("items") {
                    for (i, x) in a.iter_mut().enumerate() {
                        self.walk(item, x, &index(path, i), out);
                    }
                }
            }
            Value::String(st) => {
                self.counts(s, st.chars().count(), "minLength", "maxLength", Unit::Characters, path, out)
            }
            _ => {}
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = s.get(key) {
                self.alternatives(branches, v, path, out);
            }
        }
        if let Some(Value::Array(all)) = s.get("allOf") {
            for b in all {
                self.walk(b, v, path, out);
            }
        }
    }

    fn range(&self, s: &Map<String, Value>, n: f64, path: &str, out: &mut Vec<Problem>) {
        if let Some(min) = s.get("minimum").and_then(Value::as_f64) {
            if n < min {
                out.push(Problem::of(ProblemCode::OutOfRange, path, |t| t.less_than_minimum(min)));
            }
        }
        if let Some(max) = s.get("maximum").and_then(Value::as_f64) {
            if n > max {
                out.push(Problem::of(ProblemCode::OutOfRange, path, |t| t.more_than_maximum(max)));
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn counts(
        &self,
        s: &Map<String, Value>,
        n: usize,
        min_key: &str,
        max_key: &str,
        unit: Unit,
        path: &str,
        out: &mut Vec<Problem>,
    ) {
        if let Some(min) = s.get(min_key).and_then(Value::as_u64) {
            if (n as u64) < min {
                out.push(Problem::of(ProblemCode::TooShort, path, |t| match (min, unit) {
                    (1, _) => t.must_not_be_empty().to_string(),
                    (_, Unit::Items) => t.too_few_items(min),
                    (_, Unit::Characters) => t.too_few_characters(min),
                }));
            }
        }
        if let Some(max) = s.get(max_key).and_then(Value::as_u64) {
            if (n as u64) > max {
                out.push(Problem::of(ProblemCode::TooLong, path, |t| match unit {
                    Unit::Items => t.too_many_items(n, max),
                    Unit::Characters => t.too_many_characters(n, max),
                }));
            }
        }
    }

    fn object(&self, s: &'a Map<String, Value>, m: &mut Map<String, Value>, path: &str, out: &mut Vec<Problem>) {
        let props = s.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(req)) = s.get("required") {
            for k in req.iter().filter_map(Value::as_str) {
                if !m.contains_key(k) {
                    out.push(Problem::of(ProblemCode::MissingMember, path, |t| t.missing_member(k)));
                }
            }
        }
        let mut unknown = Vec::new();
        for (k, x) in m.iter_mut() {
            let p = join(path, k);
            match props.and_then(|p| p.get(k)) {
                Some(sub) => self.walk(sub, x, &p, out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        out.push(Problem::of(ProblemCode::UnknownMember, p, |t| t.unknown_member(k)));
                        unknown.push(k.clone());
                    }
                    Some(sub @ Value::Object(_)) => self.walk(sub, x, &p, out),
                    _ => {}
                },
            }
        }
        for k in unknown {
            m.remove(&k);
        }
    }

    fn alternatives(&self, branches: &'a [Value], v: &mut Value, path: &str, out: &mut Vec<Problem>) {
        let mut best: Option<(Vec<Problem>, Value)> = None;
        let mut type_only: Vec<&'a Value> = Vec::new();
        for b in branches {
            let mut probs = Vec::new();
            let mut trial = v.clone();
            self.walk(b, &mut trial, path, &mut probs);
            // A branch selected by a matching tag (a `const` member the value has) is the one
            // the author meant: report its problems.
            if probs.is_empty() || self.tag_matches(b, v) {
                out.extend(probs);
                *v = trial;
                return;
            }
            if let [p] = probs.as_slice() {
                if p.code == ProblemCode::WrongType && p.path == path {
                    if let Some(t) = self.resolved(b).get("type") {
                        type_only.push(t);
                    }
                }
            }
            let better = match &best {
                None => true,
                Some((cur, _)) => rank(&probs) < rank(cur),
            };
            if better {
                best = Some((probs, trial));
            }
        }
        if let Some(p) = self.unknown_choice(branches, v, path) {
            out.push(p);
            return;
        }
        if type_only.len() == branches.len() {
            // The value's type fits none of the alternatives: name them all, not just the first.
            let types: Vec<&str> = type_only
                .iter()
                .flat_map(|t| match t {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                })
                .filter(|t| *t != "null")
                .collect();
            out.push(wrong_type(path, &types, json_type(v)));
            return;
        }
        if let Some((probs, trial)) = best {
            out.extend(probs);
            *v = trial;
        }
    }

    /// When the alternatives are a choice of constants (a unit enum with documented variants) or
    /// objects told apart by a constant tag member (`"type": "linear"`), and the value matches
    /// none, reports the value with every allowed choice rather than the first branch's
    /// `must be "linear"`, which would wrongly suggest that only one choice exists.
    fn unknown_choice(&self, branches: &'a [Value], v: &Value, path: &str) -> Option<Problem> {
        let resolved: Vec<&Value> = branches
            .iter()
            .map(|b| b.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r)).unwrap_or(b))
            .collect();
        let consts: Option<Vec<&Value>> = resolved.iter().map(|b| b.get("const")).collect();
        let (at, found, allowed) = match consts {
            Some(c) if !c.is_empty() => (path.to_string(), v, c),
            _ => {
                let obj = v.as_object()?;
                let first = resolved.first()?.get("properties")?.as_object()?;
                let (key, found) = first
                    .iter()
                    .filter(|(_, p)| p.get("const").is_some())
                    .find_map(|(k, _)| obj.get(k).map(|x| (k, x)))?;
                let tags: Option<Vec<&Value>> =
                    resolved.iter().map(|b| b.get("properties")?.get(key)?.get("const")).collect();
                (join(path, key), found, tags?)
            }
        };
        if allowed.contains(&found) {
            return None;
        }
        Some(unknown_value(at, found, allowed.into_iter()))
    }

    fn resolved(&self, branch: &'a Value) -> &'a Value {
        branch.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r)).unwrap_or(branch)
    }

    fn tag_matches(&self, branch: &'a Value, v: &Value) -> bool {
        let branch = match branch.get("$ref").and_then(Value::as_str).and_then(|r| self.resolve(r)) {
            Some(t) => t,
            None => branch,
        };
        let (Some(props), Some(obj)) = (branch.get("properties").and_then(Value::as_object), v.as_object()) else {
            return false;
        };
        props.iter().any(|(k, p)| p.get("const").is_some_and(|c| obj.get(k) == Some(c)))
    }
}

/// "unknown value \"c\"; allowed: \"a\", \"b\"".
fn unknown_value<'v>(path: String, found: &Value, allowed: impl Iterator<Item = &'v Value>) -> Problem {
    let (found, list) = (short(found), allowed.map(short).collect::<Vec<_>>().join(", "));
    Problem::of(ProblemCode::NotAllowedValue, path, |t| t.unknown_value(&list, &found))
}

/// Orders candidate problem lists: a type mismatch at the value itself is the worst fit.
fn rank(probs: &[Problem]) -> (bool, usize) {
    (probs.iter().any(|p| p.code == ProblemCode::WrongType), probs.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn codes(schema: Value, doc: Value) -> Vec<(String, &'static str)> {
        check(&schema, &doc).into_iter().map(|p| (p.path, p.code.as_str())).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reports_every_structural_problem() {
        let schema = json!({
            "type": "object",
            "properties": {
                "a": {"type": "integer", "minimum": 0},
                "b": {"type": "array", "items": {"$ref": "#/$defs/B"}, "minItems": 1},
                "c": {"type": ["string", "null"], "maxLength": 3}
            },
            "required": ["a", "b"],
            "additionalProperties": false,
            "$defs": {"B": {"type": "string", "enum": ["x", "y"]}}
        });
        assert_eq!(codes(schema.clone(), json!({"a": 1, "b": ["x"]})), vec![]);
        assert_eq!(
            codes(schema.clone(), json!({"a": -1, "b": ["x", "z", 3], "c": "long", "d": 0})),
            vec![
                ("a".to_string(), "out_of_range"),
                ("b[1]".to_string(), "not_allowed_value"),
                ("b[2]".to_string(), "wrong_type"),
                ("c".to_string(), "too_long"),
                ("d".to_string(), "unknown_member"),
            ]
        );
        assert_eq!(
            codes(schema, json!({"a": 1.5, "b": []})),
            vec![("a".to_string(), "wrong_type"), ("b".to_string(), "too_short")]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn tagged_alternatives_report_the_tagged_branch() {
        let schema = json!({"oneOf": [
            {"type": "object", "properties": {"type": {"const": "a"}, "x": {"type": "number"}}, "required": ["type", "x"], "additionalProperties": false},
            {"type": "object", "properties": {"type": {"const": "b"}}, "required": ["type"], "additionalProperties": false}
        ]});
        assert_eq!(codes(schema.clone(), json!({"type": "b"})), vec![]);
        assert_eq!(codes(schema.clone(), json!({"type": "a"})), vec![(String::new(), "missing_member")]);
        assert_eq!(codes(schema.clone(), json!({"type": "b", "x": 1})), vec![("x".to_string(), "unknown_member")]);
        let p = check(&schema, &json!({"type": "c", "x": 1}));
        assert_eq!((p.len(), p[0].path.as_str(), &*p[0].code), (1, "type", "not_allowed_value"));
        assert_eq!(p[0].message(crate::problem::Lang::En), "unknown value \"c\"; allowed: \"a\", \"b\"");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn counts_and_types_are_named_in_every_language() {
        use crate::problem::Lang;
        let schema = json!({
            "type": "object",
            "properties": {
                "few": {"type": "array", "minItems": 2},
                "many": {"type": "array", "maxItems": 1},
                "short": {"type": "string", "minLength": 2},
                "long": {"type": "string", "maxLength": 3},
                "empty": {"type": "string", "minLength": 1},
                "typed": {"type": ["integer", "string", "null"]},
                "zero": false
            }
        });
        let doc =
            json!({"few": [1], "many": [1, 2], "short": "a", "long": "abcd", "empty": "", "typed": [], "zero": 0});
        // Sorted: the members' order depends on serde_json's `preserve_order`.
        let messages = |l| {
            let mut m: Vec<String> =
                check(&schema, &doc).iter().map(|p| format!("{}: {}", p.path, p.message(l))).collect();
            m.sort();
            m
        };
        assert_eq!(
            messages(Lang::Id),
            [
                "empty: tidak boleh kosong",
                "few: paling sedikit 2 elemen",
                "long: paling banyak 3 karakter, ada 4",
                "many: paling banyak 1 elemen, ada 2",
                "short: paling sedikit 2 karakter",
                "typed: harus berupa bilangan bulat atau teks atau null, bukan daftar (array)",
                "zero: nilai tidak diperbolehkan di sini",
            ]
        );
        assert_eq!(
            messages(Lang::En),
            [
                "empty: must not be empty",
                "few: needs at least 2 items",
                "long: at most 3 characters allowed, found 4",
                "many: at most 1 items allowed, found 2",
                "short: needs at least 2 characters",
                "typed: must be an integer or a string or null, not an array",
                "zero: no value is allowed here",
            ]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_choice_of_constants_lists_every_choice() {
        let schema = json!({"oneOf": [{"type": "string", "const": "model"}, {"type": "string", "const": "official"}]});
        assert_eq!(codes(schema.clone(), json!("official")), vec![]);
        let p = check(&schema, &json!("draft"));
        assert_eq!((p.len(), p[0].path.as_str(), &*p[0].code), (1, "", "not_allowed_value"));
        assert_eq!(p[0].message(crate::problem::Lang::En), "unknown value \"draft\"; allowed: \"model\", \"official\"");
    }
}
