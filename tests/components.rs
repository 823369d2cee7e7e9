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

/// Issue 15 §1: a keystroke in a category redraws that category's field and headline score at
/// once, and reaches the draft (so the rest of the page: the overview, the indicators) only
/// after the next paint, or sooner when asked (`browser::run_later`, also run on a pointer
/// press, a focus change and when the page is hidden).
#[wasm_bindgen_test]
async fn a_keystroke_shows_its_category_score_at_once_and_the_rest_after_the_paint() {
    use ampk_core::draft::{self, DraftEntry, RawValue};
    let root = mount();
    yew::scheduler::flush().await;
    set(&root, "agency.type", "opd", "change").await;
    ampk_web::browser::run_later();
    yew::scheduler::flush().await;

    // What the whole draft's assessment gives Media Sosial OPD with only this figure typed.
    let r = ampk_core::builtin();
    let cat = r.category_index("media_sosial_opd").unwrap();
    let mut d = draft::Draft::new(r, "t", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "t", "2025-11-01T00:00:00Z");
    d.agency_type = "opd".into();
    let mut e = DraftEntry::default();
    e.inputs.insert("answered_pct".into(), RawValue::Text { text: "88".into(), lang: ampk_core::Lang::Id });
    d.categories.insert("media_sosial_opd".into(), e);
    let a = draft::assess(r, &d);
    let st = a.categories.iter().find(|c| c.category == cat).unwrap();
    let expected = ampk_web::components::score_card::dot2(st.card.data_score);
    let s7 = ampk_web::components::score_card::dot2(st.card.indicators[6].score);
    assert_ne!(expected, "0.00");

    let attr = |sel: &str| {
        root.query_selector(sel).unwrap().unwrap_or_else(|| panic!("{sel}")).get_attribute("data-value").unwrap()
    };
    let (headline, indicator) = ("[data-testid=score-media_sosial_opd]", "[data-testid=indicator-media_sosial_opd-S7]");
    let before = attr(indicator);
    let input = set(&root, "media_sosial_opd.answered_pct", "88", "input").await;
    assert_eq!(attr(headline), expected, "the headline at once");
    assert_eq!(attr(indicator), before, "the rest of the card waits for the paint");
    assert_eq!(value(&input), "88", "the field keeps what was typed");

    ampk_web::browser::run_later();
    yew::scheduler::flush().await;
    assert_eq!(attr(indicator), s7, "the draft has it: the whole card follows");
    assert_eq!(attr(headline), expected);
    assert_eq!(value(&input), "88");
}

/// Sets the value of the control named `name` and fires a bubbling `event` on it, as a browser
/// does when the officer types or chooses; the page's render then runs.
async fn set(root: &web_sys::Element, name: &str, value: &str, event: &str) -> web_sys::Element {
    let el = root.query_selector(&format!("[name='{name}']")).unwrap().unwrap_or_else(|| panic!("{name}"));
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap()).unwrap();
    yew::scheduler::flush().await;
    el
}

fn value(el: &web_sys::Element) -> String {
    js_sys::Reflect::get(el, &"value".into()).unwrap().as_string().unwrap_or_default()
}
