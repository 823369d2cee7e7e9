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

#[test]
fn only_browser_rs_touches_web_sys_in_the_app() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy();
        if name != "browser.rs" && name != "lib.rs" {
            for banned in ["web_sys::window", "local_storage", "js_sys::Date"] {
                assert!(!text.contains(banned), "{} uses {banned}; browser I/O belongs in src/browser.rs", f.display());
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
