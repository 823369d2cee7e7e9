//! Component tests in headless Chromium (wasm-bindgen-test): the app renders the built-in
//! rubric's real title, model status and eligible categories, and the language switch works.
#![cfg(target_arch = "wasm32")]

use ampk_core::rubric::Status;
use ampk_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let doc = gloo_utils::document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    yew::Renderer::<App>::with_root(el.clone()).render();
    el
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} missing"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn shows_the_rubric_title_status_and_categories() {
    if let Some(s) = web_sys::window().unwrap().local_storage().unwrap() {
        s.clear().unwrap();
    }
    // The model rubric's English texts are fetched beside the page (not served here): given.
    let en = ampk_core::rubric::MODEL_RUBRIC_ALL_PACK;
    assert!(!ampk_web::browser::provide_model_texts(ampk_core::Lang::En, "not the model's texts".into()));
    let mut other = ampk_core::builtin().clone();
    other.sha256 = "0".repeat(64);
    assert!(
        !ampk_web::browser::provide_model_texts(ampk_core::Lang::En, ampk_core::rubric::pack(&other)),
        "another rubric"
    );
    let default_only = ampk_core::rubric::MODEL_RUBRIC_PACK.to_string();
    assert!(!ampk_web::browser::provide_model_texts(ampk_core::Lang::En, default_only), "without English");
    assert!(ampk_web::browser::provide_model_texts(ampk_core::Lang::En, en.to_string()));
    assert!(!ampk_web::browser::provide_model_texts(ampk_core::Lang::En, en.to_string()), "added once");
    assert_eq!(ampk_web::browser::model_rubric(), *ampk_core::builtin(), "the model with every language");
    // So are the interface's (tests/texts.rs tests how they are taken).
    assert!(ampk_core::i18n::provide(
        ampk_core::Lang::En,
        include_str!("../crates/ampk-core/i18n/ampk-texts.en.txt").into()
    ));
    let root = mount();
    yew::scheduler::flush().await;
    let r = ampk_core::builtin();
    assert_eq!(text(&root, "[data-testid=rubric-title]"), r.file.title.get(ampk_core::Lang::Id));
    assert_eq!(r.file.status, Status::Model);
    assert_eq!(text(&root, "[data-testid=rubric-status]"), "Rubrik model — bukan rubrik resmi Diskominfo");
    // Each agency type lists exactly its eligible categories, in rubric order.
    for at in &r.file.agency_types {
        let section = root.query_selector(&format!("[data-agency-type={}]", at.id)).unwrap().expect("section per type");
        let shown: Vec<String> = {
            let list = section.query_selector_all("li[data-category]").unwrap();
            (0..list.length())
                .map(|i| {
                    list.item(i)
                        .unwrap()
                        .dyn_into::<web_sys::Element>()
                        .unwrap()
                        .get_attribute("data-category")
                        .unwrap()
                })
                .collect()
        };
        let expected: Vec<String> =
            r.eligible_categories(&at.id).iter().map(|&c| r.file.categories[c].id.clone()).collect();
        assert_eq!(shown, expected, "{}", at.id);
    }
    assert!(text(&root, "[data-agency-type=kabkota]").contains("Mitra Humas Pemprov"));
    assert!(!text(&root, "[data-agency-type=kabkota]").contains("Website"));

    // Switching the language re-renders in English and sets <html lang>.
    let button: HtmlElement = root.query_selector("[data-testid=lang]").unwrap().unwrap().dyn_into().unwrap();
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "[data-testid=rubric-title]"), r.file.title.get(ampk_core::Lang::En));
    assert_eq!(text(&root, "[data-testid=rubric-status]"), "Model rubric — not Diskominfo's official rubric");
    let html_lang = gloo_utils::document().document_element().unwrap().get_attribute("lang");
    assert_eq!(html_lang.as_deref(), Some("en"));
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "[data-testid=rubric-title]"), r.file.title.get(ampk_core::Lang::Id));
}

#[wasm_bindgen_test]
fn new_uuid_is_a_random_version_4_uuid() {
    // From crypto.getRandomValues (also offered on plain http, unlike crypto.randomUUID).
    let (a, b) = (ampk_web::browser::new_uuid(), ampk_web::browser::new_uuid());
    assert_ne!(a, b);
    for u in [&a, &b] {
        let parts: Vec<&str> = u.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{u}");
        assert!(u.chars().all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{u}");
        assert!(parts[2].starts_with('4'), "version 4: {u}");
        assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'), "RFC 4122 variant: {u}");
    }
}
