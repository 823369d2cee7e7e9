//! The rubric studio as its own WebAssembly module: the entry point of this crate's library.
//! The officer's page fetches it only when `#/rubrik` is opened (`mount_studio`), so the studio's
//! code, the workbook reader and writer included, costs the officer's first load nothing. The page
//! tells it when the language changes (`set_studio_lang`).

use ampk_core::Lang;
use ampk_studio::{browser, StudioPage};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

thread_local! {
    static LANG: RefCell<Option<Callback<Lang>>> = const { RefCell::new(None) };
    static APP: RefCell<Option<yew::AppHandle<StudioApp>>> = const { RefCell::new(None) };
}

#[component]
fn StudioApp() -> Html {
    let lang = use_state(browser::load_lang);
    {
        let lang = lang.clone();
        use_effect_with((), move |_| {
            LANG.with(|l| *l.borrow_mut() = Some(Callback::from(move |x: Lang| lang.set(x))));
        });
    }
    html! { <StudioPage lang={*lang} /> }
}

/// Mounts (or re-mounts) the studio into `#studio-root`.
#[wasm_bindgen]
pub fn mount_studio() {
    let Some(root) = gloo_utils::document().get_element_by_id("studio-root") else { return };
    APP.with(|app| {
        if let Some(old) = app.borrow_mut().take() {
            old.destroy();
        }
        *app.borrow_mut() = Some(yew::Renderer::<StudioApp>::with_root(root).render());
    });
}

/// Follows the page's language switch.
#[wasm_bindgen]
pub fn set_studio_lang(tag: &str) {
    let lang = Lang::from_tag(tag);
    LANG.with(|l| {
        if let Some(cb) = l.borrow().as_ref() {
            cb.emit(lang);
        }
    });
}

fn main() {}
