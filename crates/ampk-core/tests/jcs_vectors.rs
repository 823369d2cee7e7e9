//! RFC 8785 (JCS) reference vectors (`tests/data/jcs/`, see its README) and known SHA-256
//! fingerprints of canonical text. Native only: the vectors are read from disk.
#![cfg(not(target_arch = "wasm32"))]

use ampk_core::jcs::{canonicalize, sha256_hex};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

fn jcs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jcs")
}

/// The input vectors, sorted by name.
fn inputs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(jcs_dir().join("input"))
        .expect("tests/data/jcs/input exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn reference_vectors_canonicalise_byte_for_byte() {
    let files = inputs();
    assert!(files.len() >= 3, "expected the JCS vectors, found {files:?}");
    for input in files {
        let name = input.file_name().expect("a file name");
        let output = jcs_dir().join("output").join(name);
        let text = fs::read(&input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let expect = fs::read(&output).unwrap_or_else(|e| panic!("{}: {e}", output.display()));
        let value: Value = serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let got = canonicalize(&value);
        assert!(
            got.as_bytes() == expect.as_slice(),
            "{}:\n got    {got}\n expect {}",
            input.display(),
            String::from_utf8_lossy(&expect)
        );
        // The fingerprint is the SHA-256 of exactly those bytes.
        assert_eq!(sha256_hex(&value), hex(&Sha256::digest(&expect)), "{}", input.display());
        // Canonical text is a fixed point.
        let again: Value = serde_json::from_slice(&expect).unwrap_or_else(|e| panic!("{}: {e}", output.display()));
        assert_eq!(canonicalize(&again).as_bytes(), expect.as_slice(), "{} is not a fixed point", output.display());
    }
}

#[test]
fn fingerprints_match_known_sha256() {
    // Expected values computed independently with Python's hashlib:
    // hashlib.sha256(canonical_text.encode("utf-8")).hexdigest()
    let cases = [
        // {"a":null,"b":[1,2.5,"x"],"é":true}
        (
            json!({"é": true, "b": [1, 2.5, "x"], "a": null}),
            "f2c5b66ab508e770816c6a0b39d516810ea273714935bdbb46561a1517971a49",
        ),
        // {"score":78.34,"tie":[100,0.5]}
        (
            json!({"tie": [100.0, 0.5], "score": 78.34}),
            "fb2b4c9319841a9461024a0e01ebc83af44695322eee5bfa09da9eca2522ab69",
        ),
        // 1e+21
        (json!(1e21), "241c4643fa70b1dcde1205b71be4e3bebb17e9f880c8e1a33d0ead6c27271d3c"),
        // "€\n"  (the newline written as the two characters \ and n)
        (json!("€\n"), "e64172971f7d9bed56cbd9d231ceb9ca4f19269e5285df330438c01b8c8dc952"),
        // []
        (json!([]), "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"),
    ];
    for (value, expect) in cases {
        assert_eq!(sha256_hex(&value), expect, "{}", canonicalize(&value));
    }
}
