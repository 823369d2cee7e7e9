//! The last steps of every release build of `dist/`, after trunk: minify the JavaScript trunk
//! could not, renew the subresource-integrity hashes, write the Content Security Policy, publish
//! a rubric when asked, and generate the service worker that makes the kit work offline.
//!
//! Trunk's own minifier cannot parse wasm-bindgen's ES-module glue, so `terser` (npm, pure
//! JavaScript) minifies the modules; their `integrity` attributes are computed again. The policy
//! allows scripts from the kit's own origin and WebAssembly compilation, plus the SHA-256 of
//! trunk's inline start script, computed here. The service worker (`sw.js`, from
//! `js/sw-template.js`) precaches every file of `dist/` under a content revision.

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha384};
use std::fs;
use std::path::{Path, PathBuf};

use crate::{cmd, list_files, run, Result};

/// What `<meta name="ampk-sw">` names: the page registers this worker only when the tag is
/// there, so a development build (trunk serve) never registers one (see `js/sw.js`).
const SW_FILE: &str = "sw.js";
/// The published rubric's file name beside `index.html`.
const RUBRIC_FILE: &str = "rubric.json";

/// Finishes `dist`: see the module's documentation. `rubric` is a rubric file to publish as
/// `rubric.json`, validated first.
pub(crate) fn finish(root: &Path, dist: &Path, rubric: Option<&Path>) -> Result {
    minify_modules(root, dist)?;
    if let Some(file) = rubric {
        publish_rubric(file, dist)?;
    }
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let html = renew_integrity(&html, dist)?;
    let html = add_head_tags(&html)?;
    fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))?;
    write_service_worker(root, dist)
}

/// The ES modules trunk left unminified: the app's glue and snippets, the officer's crash banner,
/// the coordinator's module and its banner, the rubric studio's module. (The workers' classic scripts are not modules
/// and stay as trunk wrote them.)
fn modules(dist: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    list_files(dist, &mut files).map_err(|e| e.to_string())?;
    files.retain(|p| {
        let name = p.strip_prefix(dist).unwrap_or(p).to_string_lossy();
        name.ends_with(".js")
            && (name.starts_with("ampk-web-")
                || name.starts_with("snippets/")
                || name.starts_with("ampk-rekap")
                || name == "ampk-rescue.js"
                || name.starts_with("ampk-studio"))
    });
    files.sort();
    Ok(files)
}

fn minify_modules(root: &Path, dist: &Path) -> Result {
    let files = modules(dist)?;
    if files.is_empty() {
        return Err("no JavaScript module in dist/ to minify: did trunk build?".into());
    }
    for f in files {
        let mut c = cmd(root, "terser");
        c.arg(&f).args(["--module", "--compress", "--mangle", "--output"]).arg(&f);
        run(c)?;
    }
    Ok(())
}

/// Reads and validates a rubric file to publish; every problem is listed when it is not valid.
pub(crate) fn check_rubric(file: &Path) -> Result<Vec<u8>> {
    let bytes = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    match ampk_core::rubric::load(&bytes) {
        Ok(r) => {
            eprintln!("{}: a valid rubric, {} (sha256 {})", file.display(), r.file.id, r.sha256);
            Ok(bytes)
        }
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            Err(format!("{} is not a valid rubric; nothing was published:\n{}", file.display(), list.join("\n")))
        }
    }
}

fn publish_rubric(file: &Path, dist: &Path) -> Result {
    let bytes = check_rubric(file)?;
    fs::write(dist.join(RUBRIC_FILE), bytes).map_err(|e| e.to_string())?;
    eprintln!("published {} as dist/{RUBRIC_FILE}", file.display());
    Ok(())
}

/// An attribute's value in a start tag (quoted or not, as trunk's minifier leaves it).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        rest = after;
        if before.is_some_and(|c| !c.is_whitespace()) || !after.starts_with('=') {
            continue;
        }
        let v = &after[1..];
        return Some(match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
        });
    }
    None
}

/// Every `integrity` attribute computed again from the file its tag names (`href` or `src`).
fn renew_integrity(html: &str, dist: &Path) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map(|e| start + e + 1).unwrap_or(rest.len());
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        match (attr(tag, "integrity"), attr(tag, "href").or_else(|| attr(tag, "src"))) {
            (Some(old), Some(url)) => {
                let path = dist.join(url.trim_start_matches("./"));
                let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let new =
                    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes)));
                out.push_str(&tag.replacen(old, &new, 1));
            }
            _ => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The text of every inline `<script>` (trunk's start script).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<script") {
        let tag_end = match rest[i..].find('>') {
            Some(e) => i + e + 1,
            None => break,
        };
        let close = match rest[tag_end..].find("</script>") {
            Some(c) => tag_end + c,
            None => break,
        };
        if attr(&rest[i..tag_end], "src").is_none() {
            found.push(&rest[tag_end..close]);
        }
        rest = &rest[close..];
    }
    found
}

/// The policy: only the kit's own files, WebAssembly compilation, and trunk's start script by
/// its hash. `frame-ancestors` has no effect in a meta tag; the README asks hosts to send the
/// policy as a header too.
fn policy(html: &str) -> String {
    let hashes: String = inline_scripts(html)
        .iter()
        .map(|s| {
            format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes())))
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'"
    )
}

/// The policy and the service worker's name, first in `<head>` (a policy in a meta tag governs
/// only what follows it).
fn add_head_tags(html: &str) -> Result<String> {
    let charset = "<meta charset=utf-8>";
    let at = html.find(charset).ok_or("dist/index.html has no <meta charset=utf-8>")? + charset.len();
    let tags = format!(
        "<meta http-equiv=Content-Security-Policy content=\"{}\"><meta name=ampk-sw content={SW_FILE}>",
        policy(html)
    );
    Ok(format!("{}{tags}{}", &html[..at], &html[at..]))
}

/// `sw.js` from its template: every file of `dist/` (the published rubric aside, which the
/// worker fetches network-first) with the first 16 hex digits of its SHA-256 as its revision;
/// the rubric studio's files marked to be cached on first use instead of at install.
fn write_service_worker(root: &Path, dist: &Path) -> Result {
    let template_path = root.join("js/sw-template.js");
    let template = fs::read_to_string(&template_path).map_err(|e| format!("{}: {e}", template_path.display()))?;
    let mut files = Vec::new();
    list_files(dist, &mut files).map_err(|e| e.to_string())?;
    files.sort();
    let mut entries = Vec::new();
    for f in files {
        let name = f.strip_prefix(dist).unwrap_or(&f).to_string_lossy().replace('\\', "/");
        if name == SW_FILE || name == RUBRIC_FILE {
            continue;
        }
        let bytes = fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let rev: String = Sha256::digest(&bytes).iter().take(8).map(|b| format!("{b:02x}")).collect();
        // The rubric studio is Diskominfo's, not the officers': cached when first used, so no
        // officer's browser downloads it in the background.
        let lazy = if name.starts_with("ampk-studio") { ",1" } else { "" };
        entries.push(format!("[{},\"{rev}\"{lazy}]", serde_json::Value::String(name)));
    }
    let manifest = format!("[{}]", entries.join(","));
    if !template.contains("self.__MANIFEST__") {
        return Err(format!("{} lacks the self.__MANIFEST__ placeholder", template_path.display()));
    }
    let sw = dist.join(SW_FILE);
    fs::write(&sw, template.replace("self.__MANIFEST__", &manifest)).map_err(|e| e.to_string())?;
    // A classic script, not a module: minified without `--module`.
    let mut c = cmd(root, "terser");
    c.arg(&sw).args(["--compress", "--mangle", "--output"]).arg(&sw);
    run(c)?;
    eprintln!("service worker: {} files precached", entries.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attributes_quoted_or_not() {
        let tag = r#"<link crossorigin href=./a.js integrity="sha384-x" rel=modulepreload>"#;
        assert_eq!(attr(tag, "href"), Some("./a.js"));
        assert_eq!(attr(tag, "integrity"), Some("sha384-x"));
        assert_eq!(attr(tag, "src"), None);
        assert_eq!(attr("<script type=module>", "type"), Some("module"));
    }

    #[test]
    fn the_policy_allows_no_inline_or_eval_script_but_the_start_script_by_hash() {
        let html = "<head><script type=module>start()</script><script src=./x.js></script></head>";
        let p = policy(html);
        let script_src = p.split(';').find(|d| d.trim().starts_with("script-src")).expect("script-src");
        let tokens: Vec<&str> = script_src.split_whitespace().collect();
        assert!(!tokens.contains(&"'unsafe-inline'") && !tokens.contains(&"'unsafe-eval'"), "{script_src}");
        assert!(tokens.contains(&"'wasm-unsafe-eval'"), "{script_src}");
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"start()"));
        assert!(script_src.contains(&format!("'sha256-{hash}'")), "{script_src}");
        assert_eq!(inline_scripts(html), vec!["start()"]);
        for d in ["object-src 'none'", "base-uri 'self'", "form-action 'none'"] {
            assert!(p.contains(d), "{d} missing: {p}");
        }
    }

    #[test]
    fn a_rubric_is_published_only_when_valid() {
        let dir = std::env::temp_dir().join(format!("ampk-publish-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let model = dir.join("model.json");
        fs::write(&model, ampk_core::rubric::MODEL_RUBRIC_JSON).unwrap();
        let broken = dir.join("broken.json");
        fs::write(&broken, ampk_core::rubric::MODEL_RUBRIC_JSON.replacen("\"weight\":", "\"weight\":-", 1)).unwrap();
        let err = publish_rubric(&broken, &dir).unwrap_err();
        assert!(err.contains("is not a valid rubric; nothing was published") && err.contains("weight"), "{err}");
        assert!(!dir.join(RUBRIC_FILE).exists(), "nothing written");
        publish_rubric(&model, &dir).unwrap();
        assert_eq!(fs::read_to_string(dir.join(RUBRIC_FILE)).unwrap(), ampk_core::rubric::MODEL_RUBRIC_JSON);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn integrity_is_computed_from_the_file() {
        let dir = std::env::temp_dir().join(format!("ampk-finish-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a.js"), b"x").unwrap();
        let html = "<link href=./a.js integrity=sha384-old rel=modulepreload><p>kept</p>";
        let out = renew_integrity(html, &dir).unwrap();
        let want = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(b"x"));
        assert_eq!(out, format!("<link href=./a.js integrity=sha384-{want} rel=modulepreload><p>kept</p>"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
