//! Web worker for the officer's rare, heavier steps: validating an official rubric file,
//! opening a submission file and writing the export (`ampk_core::officer`). It is a separate
//! WebAssembly module, fetched only when one of them is asked for, so the officer's first load
//! carries neither the structural checker and schemas nor the canonicaliser and SHA-256.
//!
//! Message in: `[request JSON, bytes or undefined]`. Message out: the reply as JSON.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let onmessage = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = js_sys::Array::from(&e.data());
        let request = data.get(0).as_string().unwrap_or_default();
        let bytes = data.get(1).dyn_into::<js_sys::Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        let answer = ampk_core::officer::handle(&request, &bytes);
        let text = serde_json::to_string(&answer).unwrap_or_default();
        let _ = reply.post_message(&JsValue::from_str(&text));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Tell the page the module is initialised: it sends its request only then.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// Natively there is no worker; the crate still builds so `cargo test --workspace` covers it.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
