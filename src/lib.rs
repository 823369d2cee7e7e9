//! The browser app of the AMPK kit (Yew, compiled to WebAssembly): the officer's app, and the
//! library the coordinator's module (`crates/ampk-rekap`) shares with it (generic browser I/O,
//! components).
//!
//! Scoring, validation and formats all come from `ampk-core`; this crate only renders and
//! talks to the browser (through `browser.rs`).

pub mod app;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod wire;

pub use app::App;

/// Opens the storage and, in another language than the default, loads that language's texts
/// (`browser::load_texts`: so the page is drawn in it from the start), then mounts the app into
/// `#app` (or the body when the element is missing).
pub fn start() {
    browser::install_panic_hook();
    wasm_bindgen_futures::spawn_local(async {
        browser::open_storage().await;
        browser::load_texts(browser::load_lang()).await;
        browser::prepare_rescue();
        let root = gloo_utils::document().get_element_by_id("app");
        match root {
            Some(el) => yew::Renderer::<App>::with_root(el).render(),
            None => yew::Renderer::<App>::new().render(),
        };
    });
}
