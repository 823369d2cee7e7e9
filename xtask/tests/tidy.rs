//! Tidy: the architecture invariants of ARCHITECTURE.md, checked as a test.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if !matches!(name.as_str(), "target" | "node_modules" | "dist" | ".git" | "snapshots" | "data") {
                rust_files(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn core_has_no_web_dependency() {
    let manifest = fs::read_to_string(root().join("crates/ampk-core/Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    for web in
        ["yew", "web-sys", "web_sys", "gloo", "js-sys", "js_sys", "wasm-bindgen ", "wasm-bindgen=", "getrandom", "rand"]
    {
        assert!(!deps.contains(web), "ampk-core [dependencies] names {web}");
    }
}

#[test]
fn core_never_reads_the_clock_or_randomness() {
    let mut files = Vec::new();
    rust_files(&root().join("crates/ampk-core/src"), &mut files);
    assert!(!files.is_empty());
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        for banned in [
            "web_sys",
            "js_sys",
            "gloo",
            "yew",
            "SystemTime",
            "Instant::now",
            "std::time",
            "rand::",
            "getrandom",
            "Math::random",
        ] {
            assert!(!text.contains(banned), "{} mentions {banned}", f.display());
        }
    }
}

/// The apps' crates, each with its one module that touches the browser directly: the officer's
/// (the shared library, `src/`), the coordinator's (`crates/ampk-rekap/src/`) and the rubric
/// studio's (`crates/ampk-studio/src/`).
const APP_SOURCES: &[&str] = &["src", "crates/ampk-rekap/src", "crates/ampk-studio/src"];

#[test]
fn only_browser_rs_touches_web_sys_in_the_apps() {
    for dir in APP_SOURCES {
        let mut files = Vec::new();
        rust_files(&root().join(dir), &mut files);
        assert!(!files.is_empty(), "no sources in {dir}");
        assert!(root().join(dir).join("browser.rs").is_file(), "{dir}/browser.rs is the crate's browser I/O");
        for f in files {
            let text = fs::read_to_string(&f).unwrap();
            let name = f.file_name().unwrap().to_string_lossy();
            if name != "browser.rs" && name != "lib.rs" {
                for banned in
                    ["web_sys::window", "local_storage", "js_sys::Date", "web_sys::console", "web_sys::Worker"]
                {
                    assert!(
                        !text.contains(banned),
                        "{} uses {banned}; browser I/O belongs in {dir}/browser.rs",
                        f.display()
                    );
                }
            }
        }
    }
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let mut files = Vec::new();
    for d in ["src", "crates", "xtask", "tests"] {
        rust_files(&root().join(d), &mut files);
    }
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        assert!(text.starts_with("//!"), "{} must start with a //! line saying what it is", f.display());
    }
}

/// The layers of `ampk-core`, lowest first. A module may use only the modules before it (and
/// itself): helpers live low, domain modules above them, the pipelines on top. A new module
/// gets a place here; a helper a lower layer needs moves down (e.g. to `util`), it is not
/// reached for upwards.
const CORE_LAYERS: &[&str] = &[
    "decimal",
    "i18n",
    "util",
    "problem",
    "json",
    "jcs",
    "shape",
    "fmt",
    "expr",
    "rubric",
    "score",
    "rank",
    "gain",
    "submission",
    "example",
    "import",
    "export",
    "review",
    "feedback",
    "workbook",
    "draft",
    "officer",
];

/// One use of another module: the file, its line, and the two top-level modules.
struct Edge {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// Whether `c` can be part of a Rust identifier.
fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The identifier at the start of `s`.
fn leading_ident(s: &str) -> &str {
    let end = s.find(|c: char| !ident_char(c)).unwrap_or(s.len());
    &s[..end]
}

/// The first segment of each item of a `{a, b::c, d::{e, f}}` group that starts `s` (just
/// after its `{`), up to the matching `}`.
fn group_heads(s: &str) -> Vec<&str> {
    let (mut depth, mut start, mut heads) = (0usize, 0usize, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                heads.push(s[start..i].trim());
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    heads.into_iter().map(leading_ident).filter(|h| !h.is_empty()).collect()
}

/// Every use of a top-level module in one file of `ampk-core/src` (`lib.rs` excepted): each
/// `crate::name` and each head of a `crate::{a, b}` group, tests and `use` lines alike. Comment
/// lines are skipped. `super::` inside a nested module stays within the file's own top-level
/// module, so it is no edge; `super::super::` could reach the crate root and is refused.
fn core_edges(src: &Path, file: &Path) -> Vec<Edge> {
    let rel = file.strip_prefix(src).unwrap();
    let from = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
    let shown = format!("crates/ampk-core/src/{}", rel.display()).replace('\\', "/");
    let text = fs::read_to_string(file).unwrap();
    // Comment lines become empty lines, so that offsets still give line numbers.
    let code: String =
        text.lines().map(|l| if l.trim_start().starts_with("//") { "" } else { l }).collect::<Vec<_>>().join("\n");
    let line_at = |at: usize| code[..at].matches('\n').count() + 1;
    let mut edges = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].chars().next_back().is_some_and(|c| ident_char(c) || c == '$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        let heads = match rest.strip_prefix('{') {
            Some(group) => group_heads(group),
            None => vec![leading_ident(rest)],
        };
        for to in heads {
            edges.push(Edge { file: shown.clone(), line: line_at(at), from: from.clone(), to: to.to_string() });
        }
    }
    for (at, _) in code.match_indices("super::super") {
        edges.push(Edge { file: shown.clone(), line: line_at(at), from: from.clone(), to: "super::super".into() });
    }
    edges
}

/// The edges of every file of `ampk-core/src` but `lib.rs`.
fn all_core_edges() -> Vec<Edge> {
    let src = root().join("crates/ampk-core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > CORE_LAYERS.len(), "no ampk-core sources found");
    files
        .iter()
        .filter(|f| f.strip_prefix(&src).unwrap() != Path::new("lib.rs"))
        .flat_map(|f| core_edges(&src, f))
        .collect()
}

#[test]
fn core_layers_name_every_module() {
    let src = root().join("crates/ampk-core/src");
    let mut modules: Vec<String> = fs::read_dir(&src)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().trim_end_matches(".rs").to_string())
        .filter(|m| m != "lib")
        .collect();
    modules.sort();
    let mut listed: Vec<String> = CORE_LAYERS.iter().map(|m| m.to_string()).collect();
    listed.sort();
    assert_eq!(
        modules, listed,
        "CORE_LAYERS in xtask/tests/tidy.rs must list every module of crates/ampk-core/src once"
    );
}

#[test]
fn core_modules_use_only_lower_layers() {
    let layer = |m: &str| CORE_LAYERS.iter().position(|l| *l == m);
    let mut bad = Vec::new();
    for e in all_core_edges() {
        let (Some(from), Some(to)) = (layer(&e.from), layer(&e.to)) else {
            bad.push(format!(
                "{}:{}: `{}` uses `crate::{}`, which is no module in CORE_LAYERS (name the module itself, not a \
                 re-export of lib.rs; `super::super` is refused)",
                e.file, e.line, e.from, e.to
            ));
            continue;
        };
        if to > from {
            bad.push(format!(
                "{}:{}: back-edge {} → {}: `{}` (layer {from}) may use only lower layers, and `{}` is layer {to}",
                e.file, e.line, e.from, e.to, e.from, e.to
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "ampk-core's layering (CORE_LAYERS, lowest first: {CORE_LAYERS:?}) is broken:\n{}",
        bad.join("\n")
    );
}

#[test]
fn core_module_graph_is_acyclic() {
    use std::collections::{BTreeMap, BTreeSet};
    let edges = all_core_edges();
    // Top-level module → the modules it uses, with one place each edge comes from.
    let mut graph: BTreeMap<&str, BTreeMap<&str, String>> = BTreeMap::new();
    for e in &edges {
        if e.from != e.to {
            graph.entry(&e.from).or_default().entry(&e.to).or_insert_with(|| format!("{}:{}", e.file, e.line));
        }
    }
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit<'a>(
        m: &'a str,
        graph: &BTreeMap<&'a str, BTreeMap<&'a str, String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<String> {
        if let Some(i) = path.iter().position(|p| *p == m) {
            let cycle = &path[i..];
            let hops: Vec<String> = cycle
                .iter()
                .zip(cycle.iter().skip(1).chain([&m]))
                .map(|(a, b)| format!("  {a} → {b} ({})", graph[a][b]))
                .collect();
            return Some(format!("{} → {m}\n{}", cycle.join(" → "), hops.join("\n")));
        }
        if !done.insert(m) {
            return None;
        }
        path.push(m);
        for next in graph.get(m).into_iter().flat_map(|n| n.keys()) {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        if let Some(cycle) = visit(m, &graph, &mut Vec::new(), &mut done) {
            panic!("ampk-core's modules form a cycle: {cycle}");
        }
    }
}

/// Texts come from the catalogue (`crates/ampk-core/i18n/*.toml`, `ampk_core::i18n`): nothing
/// else branches on the language or keeps a pair of translations, so adding a language is a
/// catalogue file and its tag in `build.rs`.
#[test]
fn no_language_branches_outside_the_catalogue() {
    let mut files = Vec::new();
    for d in ["src", "crates", "xtask/src"] {
        rust_files(&root().join(d), &mut files);
    }
    let allowed = [root().join("crates/ampk-core/src/i18n.rs"), root().join("crates/ampk-core/build.rs")];
    let banned = [
        "Lang::Id =>",
        "Lang::En =>",
        "== Lang::Id",
        "== Lang::En",
        "!= Lang::Id",
        "!= Lang::En",
        "Lang::Id |",
        "| Lang::Id",
        " tr(",
        "(tr(",
        "fn tr(",
    ];
    let mut found = Vec::new();
    for f in files.iter().filter(|f| !allowed.contains(f)) {
        let text = fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for b in banned {
                if code.contains(b) {
                    found.push(format!("{}:{}: `{b}` in {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "language branches outside the catalogue:\n{}", found.join("\n"));
}
