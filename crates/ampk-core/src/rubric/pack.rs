//! The packed form of a compiled rubric: the whole [`Rubric`] (file, fingerprint, compiled
//! expressions) as one compact text, read back with no JSON parser, no validation and no
//! expression parser. It serves the officer's page only, which receives every rubric it uses
//! packed: the built-in model as [`MODEL_RUBRIC_PACK`] (a committed file that a test keeps equal
//! to the packed model with its Indonesian texts; packed with every language's texts it is a
//! committed file too, [`MODEL_RUBRIC_ALL_PACK`], fetched by the page beside itself when another
//! language is chosen), an official rubric from
//! the worker that validated it. The page keeps the pack beside the rubric's text, by
//! fingerprint. The rubric's file format stays JSON; packs are written by the kit only.
//!
//! # Form
//!
//! [`HEADER`] (the version of this form: a pack of another version is not read, and the page
//! asks the worker for a new one), then values one after another, each ended by its own
//! delimiter, in the order of the fields of the Rust types:
//! - a string: its characters and U+0001 (U+0001 and U+0002 inside it are written U+0002 `a`
//!   and U+0002 `b`): a delimiter, not a length, so that gzip finds the texts' repetitions;
//! - a whole number from 0 to 2^53: its decimal digits and `;`;
//! - any other number: `x`, the 16 hex digits of its IEEE 754 bits, `;` (exact, and read
//!   without a float parser);
//! - a boolean, an enum's variant, an `Option`'s presence: a whole number;
//! - a list or a map: its length, then its items.
//!
//! Reading is total: any text that is not a pack gives `None`, never a panic (a property test
//! and a fuzz target check it), and a rubric read back has compiled parts that fit its file (as
//! scoring expects: [`unpack`]). A change to this form (a field added, moved or read otherwise)
//! must come with a new [`HEADER`]: packs kept by an earlier kit are then packed again by the
//! worker instead of being misread (`a_change_to_the_form_changes_the_header` pins the form).

use super::{
    AgencyType, Band, Category, CategoryDef, CheckDef, Direction, Evidence, FinalScore, IndicatorDef, InputDef,
    InputKind, ItemDef, Period, Rubric, RubricFile, Scale, Status, Step, Text,
};
use crate::expr::{BinOp, CheckRule, CmpOp, Expr};

/// The first line of every pack: the form's version.
const HEADER: &str = "ampk-rubric-pack/1\n";

/// The built-in model rubric, packed with its texts in the default language only
/// (`rubrics/ampk-2025-model.pack`; a test keeps it equal to `pack(&without_languages(builtin()))`).
/// With its texts in every language it is [`MODEL_RUBRIC_ALL_PACK`], which the officer's page
/// fetches when another language is chosen: those texts stay out of its first load.
pub const MODEL_RUBRIC_PACK: &str = include_str!("../../rubrics/ampk-2025-model.pack");

/// The built-in model rubric packed with its texts in every language (`pack(builtin())`):
/// `rubrics/ampk-2025-model.all.pack`, copied beside the officer's page by `index.html`.
/// Referenced only by tests and tools: a page that fetches it does not carry it.
pub const MODEL_RUBRIC_ALL_PACK: &str = include_str!("../../rubrics/ampk-2025-model.all.pack");

/// Ends a string (U+0001); inside one, it is written as [`ESCAPE`] `a`.
const END: char = '\u{1}';
/// Escapes U+0001 (`a`) and itself (`b`) inside a string (U+0002).
const ESCAPE: char = '\u{2}';

/// Deepest expression read: deeper than any the validator accepts.
const MAX_DEPTH: usize = 200;

/// Packs a compiled rubric.
pub fn pack(r: &Rubric) -> String {
    let mut w = Writer(HEADER.to_string());
    r.put(&mut w);
    w.0
}

/// Every text of a rubric file.
fn each_text(f: &mut RubricFile, visit: &mut dyn FnMut(&mut Text)) {
    visit(&mut f.title);
    f.bands.iter_mut().for_each(|b| visit(&mut b.label));
    f.agency_types.iter_mut().for_each(|a| visit(&mut a.label));
    for c in &mut f.categories {
        visit(&mut c.label);
        c.description.iter_mut().for_each(&mut *visit);
        for i in &mut c.inputs {
            visit(&mut i.label);
            i.help.iter_mut().chain(i.unit.iter_mut()).for_each(&mut *visit);
            for item in i.items.iter_mut().flatten() {
                visit(&mut item.label);
                item.help.iter_mut().for_each(&mut *visit);
            }
        }
        for i in &mut c.indicators {
            visit(&mut i.label);
            i.help.iter_mut().for_each(&mut *visit);
        }
        c.checks.iter_mut().for_each(|k| visit(&mut k.message));
    }
}

/// The rubric with its texts in the default language only (every text has one).
pub fn without_languages(r: &Rubric) -> Rubric {
    let mut r = r.clone();
    let default = crate::i18n::Lang::default().tag();
    each_text(&mut r.file, &mut |t| t.0.retain(|k, _| k == default));
    r
}

/// Reads a pack; `None` when `text` is not a whole pack of this version.
pub fn unpack(text: &str) -> Option<Rubric> {
    let mut r = Reader { rest: text.strip_prefix(HEADER)?, depth: 0 };
    let rubric = Rubric::take(&mut r)?;
    (r.rest.is_empty() && consistent(&rubric)).then_some(rubric)
}

/// Whether the compiled parts fit the file as scoring expects (what validation guarantees for a
/// rubric compiled from its file): one compiled category per category, one expression and one
/// list of required inputs per indicator, one rule per check, and every index in range.
fn consistent(r: &Rubric) -> bool {
    r.categories.len() == r.file.categories.len()
        && r.file.categories.iter().zip(&r.categories).all(|(def, c)| {
            let (inputs, indicators) = (def.inputs.len(), def.indicators.len());
            c.values.len() == indicators
                && c.requires.len() == indicators
                && c.checks.len() == def.checks.len()
                && c.values.iter().chain(c.checks.iter().flat_map(|k| [&k.lhs, &k.rhs])).all(|e| in_range(e, inputs))
                && c.requires.iter().flatten().all(|&i| i < inputs)
                && c.tie_break.iter().all(|&i| i < indicators)
        })
}

fn in_range(e: &Expr, inputs: usize) -> bool {
    match e {
        Expr::Num(_) | Expr::Months => true,
        Expr::Input(i) => *i < inputs,
        Expr::Neg(e) => in_range(e, inputs),
        Expr::Bin(_, a, b) => in_range(a, inputs) && in_range(b, inputs),
        Expr::Min(v) | Expr::Max(v) => v.iter().all(|e| in_range(e, inputs)),
    }
}

struct Writer(String);

impl Writer {
    fn whole(&mut self, n: u64) {
        self.0.push_str(&n.to_string());
        self.0.push(';');
    }
}

struct Reader<'a> {
    rest: &'a str,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// The text up to `end`, which is consumed.
    fn until(&mut self, end: char) -> Option<&'a str> {
        let (head, tail) = self.rest.split_once(end)?;
        self.rest = tail;
        Some(head)
    }

    /// A whole number ended by `end`.
    fn digits(&mut self, end: char) -> Option<u64> {
        let digits = self.until(end)?;
        if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|&n| n <= 1 << 53)
    }

    fn whole(&mut self) -> Option<u64> {
        self.digits(';')
    }

    fn small(&mut self) -> Option<usize> {
        usize::try_from(self.whole()?).ok()
    }

    /// A list's length: never more than the bytes left.
    fn len(&mut self) -> Option<usize> {
        self.small().filter(|&n| n <= self.rest.len())
    }
}

/// A value with a packed form.
trait Pack: Sized {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Option<Self>;
}

impl Pack for String {
    fn put(&self, w: &mut Writer) {
        for c in self.chars() {
            match c {
                END => w.0.push_str("\u{2}a"),
                ESCAPE => w.0.push_str("\u{2}b"),
                c => w.0.push(c),
            }
        }
        w.0.push(END);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let raw = r.until(END)?;
        if !raw.contains(ESCAPE) {
            return Some(raw.to_string());
        }
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            out.push(match c {
                ESCAPE => match chars.next()? {
                    'a' => END,
                    'b' => ESCAPE,
                    _ => return None,
                },
                c => c,
            });
        }
        Some(out)
    }
}

impl Pack for f64 {
    fn put(&self, w: &mut Writer) {
        let whole = self.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(self) && self.is_sign_positive();
        if whole {
            w.whole(*self as u64);
        } else {
            w.0.push_str(&format!("x{:016x};", self.to_bits()));
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.rest.strip_prefix('x') {
            Some(rest) => {
                r.rest = rest;
                let hex = r.until(';')?;
                (hex.len() == 16).then_some(())?;
                u64::from_str_radix(hex, 16).ok().map(f64::from_bits)
            }
            None => r.whole().map(|n| n as f64),
        }
    }
}

impl Pack for u32 {
    fn put(&self, w: &mut Writer) {
        w.whole(u64::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        u32::try_from(r.whole()?).ok()
    }
}

impl Pack for usize {
    fn put(&self, w: &mut Writer) {
        w.whole(*self as u64);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.small()
    }
}

impl Pack for bool {
    fn put(&self, w: &mut Writer) {
        w.whole(u64::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match r.whole()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl<T: Pack> Pack for Option<T> {
    fn put(&self, w: &mut Writer) {
        w.whole(u64::from(self.is_some()));
        if let Some(v) = self {
            v.put(w);
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        match bool::take(r)? {
            true => T::take(r).map(Some),
            false => Some(None),
        }
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.whole(self.len() as u64);
        for v in self {
            v.put(w);
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        // Reserved for a few items at most: a damaged count must not ask for memory.
        let mut out = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            out.push(T::take(r)?);
        }
        Some(out)
    }
}

impl<T: Pack> Pack for Box<T> {
    fn put(&self, w: &mut Writer) {
        (**self).put(w);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        T::take(r).map(Box::new)
    }
}

impl Pack for Text {
    fn put(&self, w: &mut Writer) {
        w.whole(self.0.len() as u64);
        for (k, v) in &self.0 {
            k.put(w);
            v.put(w);
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        let mut out = Text::default();
        for _ in 0..r.len()? {
            let k = String::take(r)?;
            out.0.insert(k, String::take(r)?);
        }
        Some(out)
    }
}

/// A struct's packed form: its fields in order.
macro_rules! fields {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Pack for $t {
            fn put(&self, w: &mut Writer) {
                $(self.$f.put(w);)*
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                Some($t { $($f: Pack::take(r)?),* })
            }
        }
    )*};
}

fields! {
    Rubric { file, sha256, period_months, categories }
    Category { values, requires, checks, tie_break }
    CheckRule { lhs, op, rhs }
    RubricFile {
        format, format_version, id, edition, status, title, published_by, period, final_score, bands,
        agency_types, categories,
    }
    Period { start, end }
    FinalScore { data_weight, jury_weight }
    Band { min, label }
    AgencyType { id, label }
    CategoryDef { id, label, description, eligible, winners, inputs, indicators, checks, tie_break }
    InputDef { id, label, help, unit, kind, min, max, items, evidence, required }
    ItemDef { id, label, help }
    IndicatorDef { id, label, help, weight, value, scale, requires, when_undefined }
    Step { at, score }
    CheckDef { rule, message }
}

/// A field-less enum's packed form: the variant's place in the list.
macro_rules! variants {
    ($($t:ident [$($v:ident),* $(,)?])*) => {$(
        impl Pack for $t {
            fn put(&self, w: &mut Writer) {
                // Every variant is listed: a new one is a compile error here, not a wrong number.
                match self {
                    $($t::$v)|* => {}
                }
                let all = [$($t::$v),*];
                w.whole(all.iter().position(|v| v == self).unwrap_or(0) as u64);
            }
            fn take(r: &mut Reader<'_>) -> Option<Self> {
                [$($t::$v),*].get(r.small()?).copied()
            }
        }
    )*};
}

variants! {
    Status [Model, Official]
    InputKind [Integer, Number, Boolean, Checklist]
    Evidence [Required, Optional, None]
    Direction [Higher, Lower]
    BinOp [Add, Sub, Mul, Div]
    CmpOp [Le, Ge, Lt, Gt, Eq]
}

impl Pack for Scale {
    fn put(&self, w: &mut Writer) {
        match self {
            Scale::Linear { min, max } | Scale::Log { min, max } => {
                w.whole(if matches!(self, Scale::Linear { .. }) { 0 } else { 1 });
                min.put(w);
                max.put(w);
            }
            Scale::Bands { direction, steps, otherwise } => {
                w.whole(2);
                direction.put(w);
                steps.put(w);
                otherwise.put(w);
            }
            Scale::Percent => w.whole(3),
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.whole()? {
            0 => Scale::Linear { min: Pack::take(r)?, max: Pack::take(r)? },
            1 => Scale::Log { min: Pack::take(r)?, max: Pack::take(r)? },
            2 => Scale::Bands { direction: Pack::take(r)?, steps: Pack::take(r)?, otherwise: Pack::take(r)? },
            3 => Scale::Percent,
            _ => return None,
        })
    }
}

impl Pack for Expr {
    fn put(&self, w: &mut Writer) {
        match self {
            Expr::Num(n) => {
                w.whole(0);
                n.put(w);
            }
            Expr::Input(i) => {
                w.whole(1);
                i.put(w);
            }
            Expr::Months => w.whole(2),
            Expr::Neg(e) => {
                w.whole(3);
                e.put(w);
            }
            Expr::Bin(op, a, b) => {
                w.whole(4);
                op.put(w);
                a.put(w);
                b.put(w);
            }
            Expr::Min(v) | Expr::Max(v) => {
                w.whole(if matches!(self, Expr::Min(_)) { 5 } else { 6 });
                v.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        r.depth += 1;
        if r.depth > MAX_DEPTH {
            return None;
        }
        let e = match r.whole()? {
            0 => Expr::Num(Pack::take(r)?),
            1 => Expr::Input(Pack::take(r)?),
            2 => Expr::Months,
            3 => Expr::Neg(Pack::take(r)?),
            4 => Expr::Bin(Pack::take(r)?, Pack::take(r)?, Pack::take(r)?),
            5 => Expr::Min(Pack::take(r)?),
            6 => Expr::Max(Pack::take(r)?),
            _ => return None,
        };
        r.depth -= 1;
        Some(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{builtin, load};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn the_model_reads_back_equal_from_its_pack() {
        let packed = pack(builtin());
        assert_eq!(unpack(&packed).as_ref(), Some(builtin()));
        // Smaller than the JSON it comes from, though it also holds the compiled expressions.
        assert!(packed.len() < crate::rubric::MODEL_RUBRIC_JSON.len(), "{}", packed.len());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_models_packs_hold_its_default_texts_or_all_its_texts() {
        let r = unpack(MODEL_RUBRIC_PACK).expect("the committed pack reads");
        assert_eq!(
            r.file.title.get(crate::i18n::Lang::En),
            r.file.title.get(crate::i18n::Lang::Id),
            "no English in the pack"
        );
        // Every text of the pack is in the default language only.
        let mut file = r.file.clone();
        each_text(&mut file, &mut |t| assert!(t.0.keys().all(|k| k == "id"), "{t:?}"));
        assert_eq!(r, without_languages(builtin()));
        let all = unpack(MODEL_RUBRIC_ALL_PACK).expect("the committed pack with every language reads");
        assert_eq!(&all, builtin());
        assert_eq!(all.file.title.get(crate::i18n::Lang::En), "AMPK 2025 — model rubric (not the official rubric)");
    }

    /// The committed pack of the model is the model packed now (native only: it can write the
    /// file). When the model rubric or this
    /// form changes, write it again with `AMPK_WRITE_PACK=1 cargo test -p ampk-core pack`.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_committed_model_pack_is_current() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/");
        let files = [
            ("ampk-2025-model.pack", pack(&without_languages(builtin()))),
            ("ampk-2025-model.all.pack", pack(builtin())),
        ];
        for (name, text) in files {
            if std::env::var_os("AMPK_WRITE_PACK").is_some() {
                std::fs::write(format!("{dir}{name}"), &text).expect("the pack is writable");
                continue;
            }
            let committed = std::fs::read_to_string(format!("{dir}{name}")).unwrap_or_default();
            assert!(committed == text, "rubrics/{name} is stale: AMPK_WRITE_PACK=1 cargo test -p ampk-core pack");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn every_kind_of_value_reads_back_equal() {
        // An official rubric with what the model lacks: other scales and numbers, no
        // description, a published_by, checklists.
        let mut r = builtin().clone();
        r.file.status = Status::Official;
        r.file.published_by = Some("Diskominfo: \"uji\" ; 1:2\nbaris \u{1}\u{2}a\u{2}".into());
        r.file.final_score.jury_weight = 0.1 + 0.2;
        r.file.bands[0].min = -3.5;
        let ind = &mut r.file.categories[0].indicators[0];
        ind.scale = Scale::Log { min: 1e-9, max: 1e300 };
        ind.when_undefined = f64::MIN_POSITIVE;
        r.file.categories[1].description = None;
        r.categories[0].values[0] = Expr::Max(vec![
            Expr::Neg(Box::new(Expr::Num(-0.0))),
            Expr::Min(vec![Expr::Months, Expr::Input(3)]),
            Expr::Bin(BinOp::Div, Box::new(Expr::Num(2.5)), Box::new(Expr::Input(0))),
        ]);
        let back = unpack(&pack(&r)).expect("reads");
        assert_eq!(back, r);
        // -0.0 == 0.0 for PartialEq: its sign is kept too.
        let Expr::Max(v) = &back.categories[0].values[0] else { panic!() };
        let Expr::Neg(z) = &v[0] else { panic!() };
        assert_eq!(**z, Expr::Num(-0.0));
        let Expr::Num(z) = **z else { panic!() };
        assert!(z.is_sign_negative());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_official_rubric_read_by_the_validator_packs_and_reads_back() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/ampk-2025-model.json"));
        let Ok(text) = text else { return };
        let r = load(text.as_bytes()).expect("valid");
        assert_eq!(unpack(&pack(&r)), Some(r));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn what_is_not_a_whole_pack_of_this_version_is_not_read() {
        let packed = pack(builtin());
        let body = packed.strip_prefix(HEADER).unwrap();
        for bad in [
            String::new(),
            body.to_string(),
            packed.replace("pack/1", "pack/2"),
            format!("{packed}1;"),
            packed[..packed.len() - 1].to_string(),
            format!("{HEADER}99999999999999999999;"),
            format!("{HEADER}{}", "4;0;".repeat(10_000)),
        ] {
            assert_eq!(unpack(&bad), None, "{}", &bad[..bad.len().min(60)]);
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn expressions_nested_deeper_than_any_rubric_allows_are_not_read() {
        let nested = |depth: usize| {
            let mut r = builtin().clone();
            let mut e = Expr::Input(0);
            for _ in 0..depth {
                e = Expr::Neg(Box::new(e));
            }
            r.categories[0].values[0] = e;
            r
        };
        let ok = nested(MAX_DEPTH - 1);
        assert_eq!(unpack(&pack(&ok)), Some(ok));
        assert_eq!(unpack(&pack(&nested(MAX_DEPTH + 100))), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn numbers_out_of_range_and_compiled_parts_that_do_not_fit_are_not_read() {
        let packed = pack(builtin());
        // `format_version` follows the `format` string: 1, then too long, too large, not a digit.
        let at = packed.find("ampk-rubric\u{1}").unwrap() + "ampk-rubric\u{1}".len();
        assert_eq!(&packed[at..at + 2], "1;");
        for bad in ["99999999999999999;", "9007199254740993;", "1a;", ";", "4294967296;"] {
            let damaged = format!("{}{bad}{}", &packed[..at], &packed[at + 2..]);
            assert_eq!(unpack(&damaged), None, "{bad}");
        }
        let mut r = builtin().clone();
        r.categories[0].values.pop();
        assert_eq!(unpack(&pack(&r)), None, "an indicator without its expression");
        let mut r = builtin().clone();
        let inputs = r.file.categories[0].inputs.len();
        r.categories[0].values[0] = Expr::Input(inputs);
        assert_eq!(unpack(&pack(&r)), None, "an input out of range");
        let mut r = builtin().clone();
        r.categories[0].requires[0].push(inputs);
        assert_eq!(unpack(&pack(&r)), None, "a required input out of range");
        let mut r = builtin().clone();
        r.categories[0].tie_break.push(99);
        assert_eq!(unpack(&pack(&r)), None, "a tie-break out of range");
        let mut r = builtin().clone();
        r.categories.pop();
        assert_eq!(unpack(&pack(&r)), None, "a category not compiled");
    }

    /// The form, pinned: the pack of a small rubric. When this fails because the form changed
    /// (not the rubric), bump [`HEADER`] and write the new text here.
    #[wasm_bindgen_test(unsupported = test)]
    fn a_change_to_the_form_changes_the_header() {
        let mut r = builtin().clone();
        r.file.bands.truncate(1);
        r.file.agency_types.truncate(1);
        r.file.categories.truncate(1);
        r.categories.truncate(1);
        let (def, c) = (&mut r.file.categories[0], &mut r.categories[0]);
        def.inputs.truncate(1);
        def.indicators.truncate(1);
        def.checks.clear();
        def.description = None;
        def.tie_break = None;
        def.indicators[0].help = None;
        def.inputs[0].help = None;
        def.label = Text([("id".to_string(), "K".to_string())].into());
        def.indicators[0].label = def.label.clone();
        def.inputs[0].label = def.label.clone();
        r.file.title = def.label.clone();
        r.file.bands[0].label = def.label.clone();
        r.file.agency_types[0].label = def.label.clone();
        r.file.published_by = None;
        def.eligible.truncate(1);
        c.values = vec![Expr::Bin(BinOp::Mul, Box::new(Expr::Input(0)), Box::new(Expr::Num(0.5)))];
        c.requires = vec![vec![0]];
        c.checks.clear();
        c.tie_break = vec![0];
        r.sha256 = "s".into();
        let text = pack(&r).replace('\u{1}', "|");
        assert_eq!(
            text,
            "ampk-rubric-pack/1\nampk-rubric|1;ampk-2025-model|2025;0;1;id|K|0;2025-01-01|2025-10-31|70;30;1;90;\
             1;id|K|1;opd|1;id|K|1;top_influencer|1;id|K|0;1;opd|3;1;reach|1;id|K|0;0;0;1;0;1;10000000000;0;0;1;\
             1;T1|1;id|K|0;25;reach * 10 / months|1;100000;10000000;0;0;0;0;s|10;1;1;4;2;1;0;0;x3fe0000000000000;\
             1;1;0;0;1;0;"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod damaged {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Any change to a pack reads as a rubric or as `None`, never a panic.
            #[test]
            fn a_damaged_pack_never_panics(at in 0usize..60_000, cut in 0usize..40, put in "[0-9x:;a-f\u{1}\u{2}]{0,12}") {
                let packed = pack(builtin());
                let at = at.min(packed.len());
                let at = (0..=at).rev().find(|&i| packed.is_char_boundary(i)).unwrap_or(0);
                let end = (at + cut).min(packed.len());
                let end = (end..=packed.len()).find(|&i| packed.is_char_boundary(i)).unwrap_or(packed.len());
                let damaged = format!("{}{}{}", &packed[..at], put, &packed[end..]);
                let _ = unpack(&damaged);
            }

            #[test]
            fn any_text_never_panics(body in "[0-9x;a-f\u{1}\u{2}\\n]{0,200}") {
                let _ = unpack(&format!("{HEADER}{body}"));
            }
        }
    }
}
