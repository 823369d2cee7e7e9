//! The coordinator area (Rekap) as its own WebAssembly module: the entry point of this crate's
//! library. The officer's page fetches it only when `#/rekap` is opened, so the coordinator's
//! code costs the officer's first load nothing. It shares the rubric choice and the language
//! through the browser's storage, and the page tells it when the language changes.

use ampk_core::Lang;
use ampk_rekap::{browser, RekapPage};
use ampk_web::components::RubricRef;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

thread_local! {
    static LANG: RefCell<Option<Callback<Lang>>> = const { RefCell::new(None) };
    static APP: RefCell<Option<yew::AppHandle<RekapApp>>> = const { RefCell::new(None) };
}

/// The rubric in use on this computer (the officer's own choice, else the published one), else the built-in model.
fn rubric() -> RubricRef {
    let r = browser::rubric_in_use()
        .and_then(|t| ampk_core::rubric::load(t.as_bytes()).ok())
        .unwrap_or_else(|| ampk_core::builtin().clone());
    RubricRef(Rc::new(r))
}

#[component]
fn RekapApp() -> Html {
    let lang = use_state(browser::load_lang);
    let rubric = use_memo((), |_| rubric());
    {
        let lang = lang.clone();
        use_effect_with((), move |_| {
            LANG.with(|l| *l.borrow_mut() = Some(Callback::from(move |x: Lang| lang.set(x))));
        });
    }
    html! { <RekapPage rubric={(*rubric).clone()} lang={*lang} /> }
}

/// Mounts (or re-mounts) the coordinator area into `#rekap-root`.
#[wasm_bindgen]
pub fn mount_rekap() {
    let Some(root) = gloo_utils::document().get_element_by_id("rekap-root") else { return };
    APP.with(|app| {
        if let Some(old) = app.borrow_mut().take() {
            old.destroy();
        }
        *app.borrow_mut() = Some(yew::Renderer::<RekapApp>::with_root(root).render());
    });
}

/// Follows the page's language switch.
#[wasm_bindgen]
pub fn set_rekap_lang(tag: &str) {
    let lang = Lang::from_tag(tag);
    LANG.with(|l| {
        if let Some(cb) = l.borrow().as_ref() {
            cb.emit(lang);
        }
    });
}

fn main() {
    browser::install_rekap_panic_hook();
}
