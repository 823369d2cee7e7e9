//! Build steps of the core: the built-in model rubric minified for embedding, and the text
//! catalogues (`i18n/<tag>.toml`) turned into Rust, so no catalogue is parsed at run time.
//!
//! The model rubric: the same document (same fingerprint, same member order) without
//! indentation, which makes the browser bundle smaller. The readable file stays the source
//! (`rubrics/ampk-2025-model.json`).
//!
//! The catalogues: one file per language, every interface and problem text under a key, with
//! named arguments (`{limit}`). The build fails when a language lacks a key another has, has a
//! key no other has, or uses other arguments for a key than the first language. Each key
//! becomes a method of `i18n::Texts`: a `&'static str` when it has no argument, else a
//! `String` filled in from typed arguments (`i18n::fill`, one copy for every text, where
//! `format!` would be one per text and language).
//!
//! With the `all-texts` feature every language's texts are compiled in. Without it (the
//! officer's page) only the default language's are, with the few keys in `EAGER`; the others
//! come from `i18n/ampk-texts.<tag>.txt`, fetched when that language is chosen
//! (`i18n::provide`). This script writes that file's text to `OUT_DIR`, and a test keeps the
//! committed copy the same.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The languages, in the order the interface offers them; the first is the default. Adding a
/// language is its catalogue file `i18n/<tag>.toml` plus its tag here.
const LANGUAGES: &[&str] = &["id", "en"];

/// Keys compiled in every language even without `all-texts`: shown in another language than
/// the interface's before any file could be fetched (the language switch names the next
/// language in that language; the crash banner speaks every language).
const EAGER: &[&str] = &["language_name", "crash_message", "crash_export", "crash_copy_draft", "crash_export_failed"];

/// Marks an argument in a text template (followed by the argument's place, `0`–`9`).
const ARG: char = '\u{1}';
/// Ends each text in a texts file.
const END: char = '\u{1e}';

fn main() {
    model_rubric();
    catalogues();
}

fn model_rubric() {
    let src = "rubrics/ampk-2025-model.json";
    println!("cargo::rerun-if-changed={src}");
    let text = std::fs::read_to_string(src).expect("the model rubric is readable");
    let value: serde_json::Value = serde_json::from_str(&text).expect("the model rubric is JSON");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let min = serde_json::to_string(&value).expect("the model rubric serialises");
    std::fs::write(Path::new(&out).join("ampk-2025-model.min.json"), min).expect("OUT_DIR is writable");
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static",
    "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "yield",
];

/// One text: literal pieces and argument names, in order.
#[derive(Debug)]
enum Piece {
    Lit(String),
    Arg(String),
}

/// Splits a text into pieces: `{name}` is an argument, `{{` and `}}` are literal braces.
fn pieces(text: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' => name.push(c),
                        _ => return Err("`{` must start an argument such as {limit} (or be written {{)".to_string()),
                    }
                }
                if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
                    return Err(format!("bad argument name {{{name}}}"));
                }
                if KEYWORDS.contains(&name.as_str()) {
                    return Err(format!("{{{name}}}: an argument may not be named like a Rust keyword"));
                }
                out.push(Piece::Lit(std::mem::take(&mut lit)));
                out.push(Piece::Arg(name));
            }
            '}' => return Err("a lone `}` (write }} for a brace)".into()),
            c => lit.push(c),
        }
    }
    out.push(Piece::Lit(lit));
    Ok(out)
}

fn args(p: &[Piece]) -> BTreeSet<&str> {
    p.iter().filter_map(|x| if let Piece::Arg(a) = x { Some(a.as_str()) } else { None }).collect()
}

/// A catalogue: key → (section, text), keys unique across sections.
fn read_catalogue(tag: &str) -> Result<BTreeMap<String, (String, String)>, Vec<String>> {
    let path = format!("i18n/{tag}.toml");
    println!("cargo::rerun-if-changed={path}");
    let text = std::fs::read_to_string(&path).map_err(|e| vec![format!("{path}: {e}")])?;
    let table: toml::Table = text.parse().map_err(|e| vec![format!("{path}: {e}")])?;
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (section, v) in table {
        let Some(entries) = v.as_table() else {
            errors.push(format!("{path}: `{section}` must be a section ([{section}]) of texts"));
            continue;
        };
        for (key, v) in entries {
            let ok_key = key.starts_with(|c: char| c.is_ascii_lowercase())
                && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            match (v.as_str(), ok_key) {
                (_, false) => errors.push(format!("{path}: [{section}] {key}: keys are snake_case")),
                (None, _) => errors.push(format!("{path}: [{section}] {key}: must be a string")),
                (Some(s), true) => {
                    if let Some((other, _)) = out.insert(key.clone(), (section.clone(), s.to_string())) {
                        errors.push(format!("{path}: {key} is in both [{other}] and [{section}]"));
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn catalogues() {
    let mut cats = Vec::new();
    let mut errors = Vec::new();
    for tag in LANGUAGES {
        match read_catalogue(tag) {
            Ok(c) => cats.push(c),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        fail(&errors);
    }
    // Every key in every language, with the same arguments as the first language.
    let all: BTreeSet<&String> = cats.iter().flat_map(|c| c.keys()).collect();
    let mut parsed: BTreeMap<&str, Vec<Vec<Piece>>> = BTreeMap::new();
    for key in &all {
        for (tag, cat) in LANGUAGES.iter().zip(&cats) {
            match cat.get(*key) {
                None => errors.push(format!("i18n/{tag}.toml: missing key `{key}`")),
                Some((section, text)) => match pieces(text) {
                    Ok(p) => parsed.entry(key.as_str()).or_default().push(p),
                    Err(e) => errors.push(format!("i18n/{tag}.toml: [{section}] {key}: {e}")),
                },
            }
        }
    }
    for (key, langs) in &parsed {
        if langs.len() == LANGUAGES.len() {
            let first = args(&langs[0]);
            for (tag, p) in LANGUAGES.iter().zip(langs).skip(1) {
                if args(p) != first {
                    errors.push(format!(
                        "i18n/{tag}.toml: `{key}` uses the arguments {:?}, i18n/{}.toml uses {:?}",
                        args(p),
                        LANGUAGES[0],
                        first
                    ));
                }
            }
        }
    }
    if !errors.is_empty() {
        fail(&errors);
    }
    for key in EAGER {
        if !parsed.contains_key(key) {
            errors.push(format!("build.rs: EAGER names `{key}`, which no catalogue has"));
        }
    }
    for (key, langs) in &parsed {
        if args(&langs[0]).len() > 10 {
            errors.push(format!("`{key}`: at most 10 arguments"));
        }
        for (tag, p) in LANGUAGES.iter().zip(langs) {
            if p.iter().any(|x| matches!(x, Piece::Lit(l) if l.contains([ARG, END]))) {
                errors.push(format!("i18n/{tag}.toml: `{key}`: control characters U+0001 and U+001E are reserved"));
            }
        }
    }
    if !errors.is_empty() {
        fail(&errors);
    }
    let all_texts = std::env::var_os("CARGO_FEATURE_ALL_TEXTS").is_some();
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("i18n.rs"), generate(&cats, &parsed, all_texts)).expect("OUT_DIR is writable");
    for (i, tag) in LANGUAGES.iter().enumerate().skip(1) {
        let file = texts_file(tag, &parsed, i);
        std::fs::write(Path::new(&out).join(format!("ampk-texts.{tag}.txt")), file).expect("OUT_DIR is writable");
    }
}

/// A text as a template: literal text, each argument as [`ARG`] and its place among the
/// key's arguments (in name order, the method's parameter order).
fn template(p: &[Piece], names: &BTreeSet<&str>) -> String {
    let mut t = String::new();
    for piece in p {
        match piece {
            Piece::Lit(l) => t.push_str(l),
            Piece::Arg(a) => {
                t.push(ARG);
                t.push(char::from(b'0' + names.iter().position(|n| n == a).unwrap_or(0) as u8));
            }
        }
    }
    t
}

/// What a texts file must be made for: every key and its arguments, in order (FNV-1a, 64 bits).
fn fingerprint(parsed: &BTreeMap<&str, Vec<Vec<Piece>>>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (key, langs) in parsed {
        for b in key
            .bytes()
            .chain([b'('])
            .chain(args(&langs[0]).into_iter().flat_map(|a| a.bytes().chain([b','])))
            .chain([b')'])
        {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The texts file of language `i` (`tag`): a header line, then each key's template in key
/// order, each ended by [`END`].
fn texts_file(tag: &str, parsed: &BTreeMap<&str, Vec<Vec<Piece>>>, i: usize) -> String {
    let mut s = format!("ampk-texts/1 {tag} {}\n", fingerprint(parsed));
    for langs in parsed.values() {
        s.push_str(&template(&langs[i], &args(&langs[0])));
        s.push(END);
    }
    s
}

fn fail(errors: &[String]) -> ! {
    for e in errors {
        println!("cargo::warning={e}");
    }
    panic!("the text catalogues are inconsistent:\n  {}", errors.join("\n  "));
}

fn variant(tag: &str) -> String {
    let mut c = tag.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

fn generate(
    cats: &[BTreeMap<String, (String, String)>],
    parsed: &BTreeMap<&str, Vec<Vec<Piece>>>,
    all_texts: bool,
) -> String {
    let n = LANGUAGES.len();
    let mut s = String::from("// Generated by crates/ampk-core/build.rs from i18n/*.toml. Do not edit.\n\n");
    let _ = writeln!(s, "/// Interface language, in the order offered; the first is the default.");
    let _ = writeln!(
        s,
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]"
    );
    let _ = writeln!(s, "#[serde(rename_all = \"lowercase\")]\npub enum Lang {{");
    for (i, tag) in LANGUAGES.iter().enumerate() {
        let _ = writeln!(s, "    /// `{tag}`\n    {}{},", if i == 0 { "#[default]\n    " } else { "" }, variant(tag));
    }
    let _ = writeln!(s, "}}\n");
    let _ = writeln!(s, "/// How many languages there are.\npub const LANG_COUNT: usize = {n};\n");
    let list = |f: &dyn Fn(&str) -> String| LANGUAGES.iter().map(|t| f(t)).collect::<Vec<_>>().join(", ");
    let _ = writeln!(s, "const TAGS: [&str; {n}] = [{}];", list(&|t| format!("{t:?}")));
    let _ = writeln!(s, "impl Lang {{");
    let _ = writeln!(s, "    /// Every language, in order.");
    let _ = writeln!(s, "    pub const ALL: [Lang; {n}] = [{}];", list(&|t| format!("Lang::{}", variant(t))));
    let _ = writeln!(s, "}}\n");
    let _ = writeln!(s, "/// The texts of one language: a method per catalogue key.");
    let _ = writeln!(s, "#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub struct Texts(pub Lang);\n");
    let _ = writeln!(s, "/// What a texts file must be made for (its header; `i18n::provide`).");
    let _ = writeln!(s, "const TEXTS_FINGERPRINT: &str = {:?};", fingerprint(parsed));
    let _ = writeln!(s, "/// How many keys there are.\nconst KEY_COUNT: usize = {};", parsed.len());
    let files: Vec<String> = LANGUAGES
        .iter()
        .skip(1)
        .map(|t| format!("({t:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/ampk-texts.{t}.txt\")))"))
        .collect();
    let _ = writeln!(
        s,
        "/// Each other language's texts file, as written here.\nconst TEXTS_FILES: &[(&str, &str)] = &[{}];\n",
        files.join(", ")
    );
    let _ = writeln!(s, "impl Texts {{");
    for (k, (key, langs)) in parsed.iter().enumerate() {
        let first = &cats[0][*key].1;
        let _ = writeln!(s, "    /// {}", first.replace('\n', " "));
        let names = args(&langs[0]);
        let templates: Vec<String> = langs.iter().map(|p| format!("{:?}", template(p, &names))).collect();
        // Every language's text, or the default language's and the key's place (the others
        // are looked up in the texts provided).
        let pick = if all_texts || EAGER.contains(key) {
            format!("[{}][self.0 as usize]", templates.join(", "))
        } else {
            format!("self.text({k}, {})", templates[0])
        };
        if names.is_empty() {
            let _ = writeln!(s, "    pub fn {key}(self) -> &'static str {{\n        {pick}\n    }}");
        } else {
            let params: Vec<String> = names.iter().map(|a| format!("{a}: impl std::fmt::Display")).collect();
            let refs: Vec<String> = names.iter().map(|a| format!("&{a}")).collect();
            let _ = writeln!(
                s,
                "    pub fn {key}(self, {}) -> String {{\n        fill({pick}, &[{}])\n    }}",
                params.join(", "),
                refs.join(", ")
            );
        }
    }
    let _ = writeln!(s, "}}");
    s
}
