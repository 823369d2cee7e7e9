//! Fuzzes the officer worker's protocol (`ampk_core::officer::handle`): arbitrary bytes split
//! into a request text and a file, plus well-formed requests carrying arbitrary drafts and
//! files. Every request gets a reply; nothing may panic.
#![no_main]

use ampk_core::officer::{handle, Reply};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cut = data.first().map_or(0, |b| usize::from(*b) % (data.len().max(1)));
    let (request, bytes) = data.split_at(cut);
    let reply = handle(&String::from_utf8_lossy(request), bytes);
    // The reply always travels back as JSON.
    let text = serde_json::to_string(&reply).expect("a reply serialises");
    let _: Reply = serde_json::from_str(&text).expect("a reply reads back");
    // The same bytes as a file to open, as a rubric, and as a draft to export.
    for op in [r#"{"op":"open","rubric":null,"lang":"id","local_id":"x","name":"x","now":"2025-11-02T03:04:05Z"}"#, r#"{"op":"rubric"}"#] {
        let _ = handle(op, data);
    }
    if let Ok(draft) = std::str::from_utf8(data) {
        let export = format!(r#"{{"op":"export","rubric":null,"draft":{draft},"now":"2025-11-02T03:04:05Z"}}"#);
        let _ = handle(&export, &[]);
    }
});
