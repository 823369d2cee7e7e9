//! Entry point built by Trunk.

// Talc instead of the default dlmalloc: smaller in the first load and faster.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    ampk_web::start();
}
