//! Web worker building the coordinator's XLSX export. It is a separate WebAssembly module,
//! fetched only when the coordinator asks for an XLSX file, so the officer's first load pays
//! nothing for the spreadsheet writer. It runs the very same import as the page (and the CLI)
//! on the same files, so the workbook's content matches the other exports.

use ampk_core::workbook::Request;

/// Builds the workbook of a request (`ampk_core::workbook`), or explains why not.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn build(req: &str) -> Result<Vec<u8>, String> {
    let req: Request = serde_json::from_str(req).map_err(|e| format!("bad request: {e}"))?;
    let (rubric, report) = req.import().map_err(|p| format!("rubric: {p:?}"))?;
    let verified = req.verified(&rubric, &report);
    let review = verified.as_ref().map(|(file, v)| (*file, v));
    ampk_xlsx::reviewed_xlsx(&rubric, &report, review, req.lang, req.stamp).map_err(|e| e.to_string())
}

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let onmessage = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let answer: JsValue =
            match e.data().as_string().ok_or_else(|| "expected a JSON string".to_string()).and_then(|r| build(&r)) {
                Ok(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
                Err(msg) => JsValue::from_str(&msg),
            };
        let _ = reply.post_message(&answer);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Tell the page the module is initialised: it sends its request only then.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// Natively there is no worker; the crate still builds so `cargo test --workspace` covers it.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_workbook_from_a_request() {
        let r = ampk_core::builtin();
        let sub = ampk_core::example::example(r, "opd").expect("opd example");
        let text = ampk_core::submission::write(r, &sub, ampk_core::example::EXAMPLE_EXPORTED_AT);
        let req = Request {
            rubric: ampk_core::rubric::MODEL_RUBRIC_JSON.into(),
            files: vec![("a.json".into(), text)],
            jury: vec![("lapor_opd".into(), "Dinas Contoh A".into(), 80.0)],
            lang: ampk_core::Lang::Id,
            stamp: ampk_core::workbook::stamp("2025-11-03T02:00:00Z"),
            review: None,
        };
        let req = serde_json::to_string(&req).expect("requests serialise");
        let bytes = build(&req).expect("workbook");
        assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip archive");
        assert!(build("{").unwrap_err().starts_with("bad request"));
    }
}
