//! The officer page's JSON, read and written by hand over the browser's own `JSON.parse` and
//! `JSON.stringify`: stored drafts and the drafts list, and the requests to and replies from
//! the officer's worker.
//!
//! Each type has the JSON form serde gives it: the same members in the same order, the same
//! defaults for absent members, `null` for an absent option, and the same forms for enums
//! (`RawValue` and `Reply` as an object with one member named after the variant, `Request`
//! with its variant in `op`). The worker (serde_json), drafts stored by earlier versions of
//! the kit and the tests' serde_json all read and write the same documents. Hand-written
//! because serde's generic readers and writers, one copy per type and format, cost about
//! 12 kB gzip of the officer's first load (ARCHITECTURE.md, "the officer's bundle").
//!
//! A reader gives `None` for a value that does not fit (a member of the wrong type, a required
//! one missing, an unknown variant); the page then treats the document as absent, as before.
//! Members the reader does not know are ignored.

use crate::browser::DraftMeta;
use ampk_core::draft::{Draft, DraftEntry, RawValue};
use ampk_core::officer::{Reply, Request};
use ampk_core::score::Answer;
use ampk_core::submission::Response;
use ampk_core::{Lang, Problem, ProblemCode};
use js_sys::{Array, Object, Reflect};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Reads a JSON text with the browser's `JSON.parse` (a leading byte-order mark is skipped),
/// then `read`: `None` when the text is not JSON or does not fit.
pub fn parse<T>(text: &str, read: fn(JsValue) -> Option<T>) -> Option<T> {
    read(js_sys::JSON::parse(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?)
}

/// A member of an object (`undefined` when absent).
fn at(o: &Object, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The value as an object with members (not an array, not `null`).
fn object(v: JsValue) -> Option<Object> {
    (v.is_object() && !Array::is_array(&v)).then(|| v.unchecked_into())
}

/// A member that serde reads with its default when absent (`#[serde(default)]`).
fn or_default<T: Default>(o: &Object, key: &str, read: fn(JsValue) -> Option<T>) -> Option<T> {
    let v = at(o, key);
    if v.is_undefined() {
        Some(T::default())
    } else {
        read(v)
    }
}

/// A member serde requires.
fn required<T>(o: &Object, key: &str, read: fn(JsValue) -> Option<T>) -> Option<T> {
    read(at(o, key))
}

fn text(v: JsValue) -> Option<String> {
    v.as_string()
}

fn flag(v: JsValue) -> Option<bool> {
    v.as_bool()
}

fn number(v: JsValue) -> Option<f64> {
    v.as_f64()
}

fn count(v: JsValue) -> Option<u32> {
    v.as_f64().filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n)).map(|n| n as u32)
}

/// An option: `null` (or absent) is `None`.
fn maybe_text(v: JsValue) -> Option<Option<String>> {
    if v.is_null() || v.is_undefined() {
        Some(None)
    } else {
        v.as_string().map(Some)
    }
}

/// Calls `f` with each item of an array (`None`: not an array, or `f` refused an item). Not
/// generic: one copy for every list.
fn each_item(v: JsValue, f: &mut dyn FnMut(JsValue) -> Option<()>) -> Option<()> {
    if !Array::is_array(&v) {
        return None;
    }
    Array::from(&v).iter().try_for_each(f)
}

fn list<T>(v: JsValue, read: fn(JsValue) -> Option<T>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    each_item(v, &mut |v| {
        out.push(read(v)?);
        Some(())
    })?;
    Some(out)
}

fn texts(v: JsValue) -> Option<Vec<String>> {
    list(v, text)
}

/// Calls `f` with each member of an object, name and value (`None`: not an object, or `f`
/// refused a member). Not generic: one copy for every map.
fn each_member(v: JsValue, f: &mut dyn FnMut(String, JsValue) -> Option<()>) -> Option<()> {
    Object::entries(&object(v)?).iter().try_for_each(|pair| {
        let pair: Array = pair.unchecked_into();
        f(pair.get(0).as_string()?, pair.get(1))
    })
}

/// An object as a map (members inserted one by one: collecting would sort a copy, one sort
/// per type in the bundle).
fn map<T>(v: JsValue, read: fn(JsValue) -> Option<T>) -> Option<BTreeMap<String, T>> {
    let mut out = BTreeMap::new();
    each_member(v, &mut |k, v| {
        // `entry`, as the page's edits use: one copy of the insertion per type, not two.
        out.entry(k).or_insert(read(v)?);
        Some(())
    })?;
    Some(out)
}

/// An enum written as an object with one member, the variant: its name and its content.
fn variant(v: JsValue) -> Option<(String, JsValue)> {
    let keys = Object::keys(&object(v.clone())?);
    if keys.length() != 1 {
        return None;
    }
    let name = keys.get(0).as_string()?;
    let content = Reflect::get(&v, &JsValue::from_str(&name)).ok()?;
    Some((name, content))
}

fn lang(v: JsValue) -> Option<Lang> {
    let tag = v.as_string()?;
    Lang::ALL.into_iter().find(|l| l.tag() == tag)
}

fn answer(v: JsValue) -> Option<Answer> {
    match v.as_string()?.as_str() {
        "yes" => Some(Answer::Yes),
        "partial" => Some(Answer::Partial),
        "no" => Some(Answer::No),
        _ => None,
    }
}

fn raw_value(v: JsValue) -> Option<RawValue> {
    let (name, content) = variant(v)?;
    let o = object(content)?;
    match name.as_str() {
        "text" => Some(RawValue::Text { text: required(&o, "text", text)?, lang: required(&o, "lang", lang)? }),
        "bool" => Some(RawValue::Bool { value: required(&o, "value", flag)? }),
        "checklist" => Some(RawValue::Checklist { answers: required(&o, "answers", |v| map(v, answer))? }),
        _ => None,
    }
}

fn response(v: JsValue) -> Option<Response> {
    let o = object(v)?;
    Some(Response { accepted: or_default(&o, "accepted", flag)?, text: or_default(&o, "text", maybe_text)? })
}

fn entry(v: JsValue) -> Option<DraftEntry> {
    let o = object(v)?;
    Some(DraftEntry {
        inputs: or_default(&o, "inputs", |v| map(v, raw_value))?,
        evidence: or_default(&o, "evidence", |v| map(v, texts))?,
        note: or_default(&o, "note", text)?,
        excluded: or_default(&o, "excluded", flag)?,
    })
}

/// A draft as stored (`Draft`, every member defaulted when absent).
pub fn draft(v: JsValue) -> Option<Draft> {
    let o = object(v)?;
    let s = |key| or_default(&o, key, text);
    Some(Draft {
        local_id: s("local_id")?,
        name: s("name")?,
        submission_id: s("submission_id")?,
        agency_type: s("agency_type")?,
        agency_name: s("agency_name")?,
        parent: s("parent")?,
        officer_name: s("officer_name")?,
        officer_email: s("officer_email")?,
        officer_phone: s("officer_phone")?,
        months: s("months")?,
        categories: or_default(&o, "categories", |v| map(v, entry))?,
        jury_estimate: or_default(&o, "jury_estimate", number)?,
        last_exported_at: or_default(&o, "last_exported_at", maybe_text)?,
        exported_digest: or_default(&o, "exported_digest", maybe_text)?,
        updated_at: s("updated_at")?,
        rubric_sha256: s("rubric_sha256")?,
        moved_from: s("moved_from")?,
        revision: or_default(&o, "revision", count)?,
        responses: or_default(&o, "responses", |v| map(v, response))?,
        feedback: s("feedback")?,
    })
}

fn boxed_draft(v: JsValue) -> Option<Box<Draft>> {
    draft(v).map(Box::new)
}

/// A problem as the worker writes it (`ampk_core::problem::by_index`): the code's place, the
/// path and the message in each language. A place no code has is the worker's failure.
fn problem(v: JsValue) -> Option<Problem> {
    let o = object(v)?;
    let i = required(&o, "code", count)? as usize;
    let code = ProblemCode::ALL.get(i).copied().unwrap_or(ProblemCode::WorkerFailed);
    let mut messages = Lang::ALL.map(|_| None);
    for (l, m) in Lang::ALL.into_iter().zip(&mut messages) {
        *m = Some(required(&o, l.tag(), text)?);
    }
    Some(Problem::from_parts(code, required(&o, "path", text)?, messages.map(Option::unwrap_or_default)))
}

/// A reply of the officer's worker.
pub fn reply(v: JsValue) -> Option<Reply> {
    let (name, content) = variant(v)?;
    if name == "draft" {
        return boxed_draft(content).map(Reply::Draft);
    }
    if name == "problems" {
        return list(content, problem).map(Reply::Problems);
    }
    let o = object(content)?;
    match name.as_str() {
        "rubric" => Some(Reply::Rubric { sha256: required(&o, "sha256", text)?, pack: required(&o, "pack", text)? }),
        "file" => Some(Reply::File {
            name: required(&o, "name", text)?,
            text: required(&o, "text", text)?,
            key: required(&o, "key", text)?,
        }),
        "migrated" => Some(Reply::Migrated {
            draft: required(&o, "draft", boxed_draft)?,
            from: required(&o, "from", text)?,
            changes: required(&o, "changes", texts)?,
            dropped: required(&o, "dropped", texts)?,
        }),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// A value as JSON text, with the browser's `JSON.stringify`. Whole numbers are written
/// without a fraction (`70`, not serde_json's `70.0`), which every reader takes as the same.
pub fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).ok().and_then(|t| t.as_string()).unwrap_or_default()
}

/// An object built member by member, in order.
struct Obj(Object);

impl Obj {
    fn new() -> Obj {
        Obj(Object::new())
    }
    fn put(self, key: &str, v: JsValue) -> Obj {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &v);
        self
    }
    fn text(self, key: &str, v: &str) -> Obj {
        self.put(key, JsValue::from_str(v))
    }
    fn done(self) -> JsValue {
        self.0.into()
    }
}

fn maybe(v: &Option<String>) -> JsValue {
    v.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

fn texts_js(v: &[String]) -> JsValue {
    v.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}

fn map_js<T>(m: &BTreeMap<String, T>, write: fn(&T) -> JsValue) -> JsValue {
    m.iter().fold(Obj::new(), |o, (k, v)| o.put(k, write(v))).done()
}

fn raw_value_js(v: &RawValue) -> JsValue {
    let (name, content) = match v {
        RawValue::Text { text, lang } => ("text", Obj::new().text("text", text).text("lang", lang.tag())),
        RawValue::Bool { value } => ("bool", Obj::new().put("value", JsValue::from_bool(*value))),
        RawValue::Checklist { answers } => ("checklist", Obj::new().put("answers", map_js(answers, answer_js))),
    };
    Obj::new().put(name, content.done()).done()
}

fn answer_js(a: &Answer) -> JsValue {
    JsValue::from_str(match a {
        Answer::Yes => "yes",
        Answer::Partial => "partial",
        Answer::No => "no",
    })
}

/// `Response` skips `accepted` when false and `text` when absent.
fn response_js(r: &Response) -> JsValue {
    let mut o = Obj::new();
    if r.accepted {
        o = o.put("accepted", JsValue::TRUE);
    }
    if let Some(t) = &r.text {
        o = o.text("text", t);
    }
    o.done()
}

fn entry_js(e: &DraftEntry) -> JsValue {
    Obj::new()
        .put("inputs", map_js(&e.inputs, raw_value_js))
        .put("evidence", map_js(&e.evidence, |v| texts_js(v)))
        .text("note", &e.note)
        .put("excluded", JsValue::from_bool(e.excluded))
        .done()
}

/// A draft as a JavaScript value, as serde writes it.
pub fn draft_js(d: &Draft) -> JsValue {
    Obj::new()
        .text("local_id", &d.local_id)
        .text("name", &d.name)
        .text("submission_id", &d.submission_id)
        .text("agency_type", &d.agency_type)
        .text("agency_name", &d.agency_name)
        .text("parent", &d.parent)
        .text("officer_name", &d.officer_name)
        .text("officer_email", &d.officer_email)
        .text("officer_phone", &d.officer_phone)
        .text("months", &d.months)
        .put("categories", map_js(&d.categories, entry_js))
        .put("jury_estimate", JsValue::from_f64(d.jury_estimate))
        .put("last_exported_at", maybe(&d.last_exported_at))
        .put("exported_digest", maybe(&d.exported_digest))
        .text("updated_at", &d.updated_at)
        .text("rubric_sha256", &d.rubric_sha256)
        .text("moved_from", &d.moved_from)
        .put("revision", JsValue::from_f64(f64::from(d.revision)))
        .put("responses", map_js(&d.responses, response_js))
        .text("feedback", &d.feedback)
        .done()
}

/// A request to the officer's worker, as serde writes it: its variant in `op`, then its members
/// in order.
pub fn request_js(r: &Request) -> JsValue {
    let o = |op: &str| Obj::new().text("op", op);
    match r {
        Request::Rubric => o("rubric"),
        Request::Open { rubric, lang, local_id, name, now } => o("open")
            .put("rubric", maybe(rubric))
            .text("lang", lang.tag())
            .text("local_id", local_id)
            .text("name", name)
            .text("now", now),
        Request::OpenFeedback { rubric, lang, local_id, name, now, drafts } => o("open_feedback")
            .put("rubric", maybe(rubric))
            .text("lang", lang.tag())
            .text("local_id", local_id)
            .text("name", name)
            .text("now", now)
            .put("drafts", drafts.iter().map(draft_js).collect::<Array>().into()),
        Request::Export { rubric, draft, now } => {
            o("export").put("rubric", maybe(rubric)).put("draft", draft_js(draft)).text("now", now)
        }
        Request::Migrate { from, to, lang, draft, local_id, name, now } => o("migrate")
            .put("from", maybe(from))
            .put("to", maybe(to))
            .text("lang", lang.tag())
            .put("draft", draft_js(draft))
            .text("local_id", local_id)
            .text("name", name)
            .text("now", now),
    }
    .done()
}

/// The drafts list as stored: `id`, `name`, `agency` and `saved_at` required, `rubric` and
/// `moved_from` defaulted (lists saved by earlier versions lack them).
pub fn draft_list(v: JsValue) -> Option<Vec<DraftMeta>> {
    list(v, |v| {
        let o = object(v)?;
        Some(DraftMeta {
            id: required(&o, "id", text)?,
            name: required(&o, "name", text)?,
            agency: required(&o, "agency", text)?,
            saved_at: required(&o, "saved_at", text)?,
            rubric: or_default(&o, "rubric", text)?,
            moved_from: or_default(&o, "moved_from", text)?,
        })
    })
}

/// The drafts list as a JavaScript value, as serde writes it.
pub fn draft_list_js(list: &[DraftMeta]) -> JsValue {
    list.iter()
        .map(|m| {
            Obj::new()
                .text("id", &m.id)
                .text("name", &m.name)
                .text("agency", &m.agency)
                .text("saved_at", &m.saved_at)
                .text("rubric", &m.rubric)
                .text("moved_from", &m.moved_from)
                .done()
        })
        .collect::<Array>()
        .into()
}
