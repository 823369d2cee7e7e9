//! The only module that touches the browser directly: storage and the document.

use ampk_core::Lang;

const LANG_KEY: &str = "ampk.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered interface language (Indonesian when none was chosen).
pub fn load_lang() -> Lang {
    storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()).map(|t| Lang::from_tag(&t)).unwrap_or_default()
}

/// Remembers the language and sets `<html lang>`. Storage failures are ignored here: the
/// language is a preference, and the page still follows the switch.
pub fn save_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
    if let Some(el) = gloo_utils::document().document_element() {
        let _ = el.set_attribute("lang", lang.tag());
    }
}
