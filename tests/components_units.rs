//! Component unit tests in headless Chromium (wasm-bindgen-test): each component is mounted
//! alone, through a small wrapper component, into an element the test creates; user input is
//! simulated with bubbling DOM events (Yew delegates events to the root) and emitted actions
//! are recorded.
#![cfg(target_arch = "wasm32")]

use ampk_core::draft::{assess, CategoryState, Draft, DraftEntry, RawValue};
use ampk_core::fmt::{parse_number, NumberError};
use ampk_core::score::Answer;
use ampk_core::Lang;
use ampk_web::components::{score_card, ErrorSummary, InputField, RubricRef, SummaryItem};
use ampk_web::state::Action;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;
use yew::{AppHandle, BaseComponent};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// One shared rubric, so wrapper props compare equal across renders.
    static RUBRIC: RubricRef = RubricRef(Rc::new(ampk_core::builtin().clone()));
}

fn rubric() -> RubricRef {
    RUBRIC.with(Clone::clone)
}

/// A component mounted alone into a fresh `<div>` appended to the body.
struct Mounted<C: BaseComponent> {
    root: Element,
    handle: AppHandle<C>,
}

async fn mount<C: BaseComponent>(props: C::Properties) -> Mounted<C> {
    // The interface's English texts are fetched beside the page (not served here): given.
    ampk_core::i18n::provide(Lang::En, include_str!("../crates/ampk-core/i18n/ampk-texts.en.txt").into());
    let doc = gloo_utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted { root, handle }
}

impl<C: BaseComponent> Mounted<C> {
    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector).unwrap_or_else(|| panic!("{selector} missing"))
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap()).collect()
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    fn input(&self, selector: &str) -> HtmlInputElement {
        self.get(selector).dyn_into().unwrap()
    }

    /// The button whose text is exactly `label`.
    fn button(&self, label: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|b| b.text_content().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("button {label:?} missing"))
            .dyn_into()
            .unwrap()
    }

    fn unmount(self) {
        self.handle.destroy();
        self.root.remove();
    }
}

/// A callback that records every action it receives.
fn recorder() -> (Rc<RefCell<Vec<Action>>>, Callback<Action>) {
    let log = Rc::new(RefCell::new(Vec::new()));
    let sink = log.clone();
    (log, Callback::from(move |a: Action| sink.borrow_mut().push(a)))
}

/// Types `value` into `input` the way a browser reports it: value first, then a bubbling
/// `input` event.
fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// Checks a radio or checkbox and fires a bubbling `change` event.
fn check(input: &HtmlInputElement) {
    input.set_checked(true);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// Whether `el` has the class `class` (read from the attribute; `DomTokenList` is not enabled).
fn has_class(el: &Element, class: &str) -> bool {
    el.get_attribute("class").unwrap_or_default().split_whitespace().any(|c| c == class)
}

fn text(s: &str) -> RawValue {
    RawValue::Text { text: s.into(), lang: Lang::Id }
}

fn s(x: &str) -> String {
    x.to_string()
}

// ---------------------------------------------------------------------------------------------
// Wrappers: each renders one component with the props a test gives it.
// ---------------------------------------------------------------------------------------------

/// Props of the generic input, with the category and input named by id.
#[derive(Properties, PartialEq, Clone)]
struct FieldCase {
    cat: String,
    input: String,
    #[prop_or_default]
    raw: Option<RawValue>,
    #[prop_or_default]
    links: Vec<String>,
    #[prop_or_default]
    errors: Vec<String>,
    #[prop_or_default]
    link_errors: Vec<(usize, String)>,
    #[prop_or_default]
    evidence_missing: bool,
    lang: Lang,
    on_action: Callback<Action>,
}

impl FieldCase {
    fn new(cat: &str, input: &str, lang: Lang, on_action: Callback<Action>) -> Self {
        FieldCase {
            cat: s(cat),
            input: s(input),
            raw: None,
            links: vec![],
            errors: vec![],
            link_errors: vec![],
            evidence_missing: false,
            lang,
            on_action,
        }
    }

    fn raw(mut self, raw: RawValue) -> Self {
        self.raw = Some(raw);
        self
    }
}

#[component]
fn FieldHost(c: &FieldCase) -> Html {
    let r = rubric();
    let cat = r.0.category_index(&c.cat).expect("category");
    let input = r.0.file.categories[cat].inputs.iter().position(|i| i.id == c.input).expect("input");
    html! {
        <InputField rubric={r} {cat} {input} raw={c.raw.clone()} links={c.links.clone()} errors={c.errors.clone()}
            link_errors={c.link_errors.clone()} evidence_missing={c.evidence_missing} lang={c.lang}
            on_action={c.on_action.clone()} />
    }
}

#[derive(Properties, PartialEq, Clone)]
struct ScoreCase {
    state: CategoryState,
    lang: Lang,
    ahead: Option<f64>,
}

#[component]
fn ScoreHost(c: &ScoreCase) -> Html {
    score_card(&rubric(), &c.state, 70.0, c.lang, c.ahead)
}

#[derive(Properties, PartialEq, Clone)]
struct SummaryCase {
    items: Vec<SummaryItem>,
}

#[component]
fn SummaryHost(c: &SummaryCase) -> Html {
    html! { <ErrorSummary title="Ada masalah yang perlu diperbaiki" items={c.items.clone()} /> }
}

fn input_def(cat: &str, input: &str) -> &'static ampk_core::rubric::InputDef {
    let r = ampk_core::builtin();
    let c = r.category_index(cat).unwrap();
    r.file.categories[c].inputs.iter().find(|i| i.id == input).unwrap()
}

// ---------------------------------------------------------------------------------------------
// 1. The generic input, number kind
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn number_input_renders_label_hint_name_and_emits_typed_text() {
    let def = input_def("media_sosial_opd", "reach");
    let (log, cb) = recorder();
    let m = mount::<FieldHost>(FieldCase::new("media_sosial_opd", "reach", Lang::Id, cb)).await;

    // A visible label tied to the input.
    let label: HtmlElement = m.get("label[for='media_sosial_opd.reach']").dyn_into().unwrap();
    assert_eq!(label.text_content().unwrap(), def.label.get(Lang::Id));
    assert!(label.offset_height() > 0 && label.offset_width() > 0, "the label is visible");
    assert!(!has_class(&label, "visually-hidden"));

    // The hint: help text and limits in Indonesian number format.
    let hint = m.get("p.hint");
    assert_eq!(hint.id(), "media_sosial_opd.reach-hint");
    let hint_text = hint.text_content().unwrap();
    assert!(hint_text.contains(def.help.as_ref().unwrap().get(Lang::Id)), "{hint_text}");
    assert!(hint_text.contains("Batas: 0–10.000.000.000"), "{hint_text}");

    let input = m.input("input#media_sosial_opd\\.reach");
    assert_eq!(input.name(), "media_sosial_opd.reach");
    assert_eq!(input.type_(), "text");
    assert_eq!(input.value(), "");
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("media_sosial_opd.reach-hint"));
    assert!(m.find("p.understood").is_none(), "nothing typed, nothing understood");
    assert!(m.find(".error-message").is_none());
    assert!(!has_class(&m.get("div.field"), "field-error"));

    type_into(&input, "3.200.000");
    yew::scheduler::flush().await;
    assert_eq!(
        *log.borrow(),
        vec![Action::SetText { cat: s("media_sosial_opd"), input: s("reach"), text: s("3.200.000") }]
    );
    m.unmount();

    // English: limits in English format.
    let (_, cb) = recorder();
    let m = mount::<FieldHost>(FieldCase::new("media_sosial_opd", "reach", Lang::En, cb)).await;
    assert_eq!(m.text("label[for='media_sosial_opd.reach']"), def.label.get(Lang::En));
    let hint_text = m.text("p.hint");
    assert!(hint_text.contains(def.help.as_ref().unwrap().get(Lang::En)), "{hint_text}");
    assert!(hint_text.contains("Limits: 0–10,000,000,000"), "{hint_text}");
    m.unmount();
}

#[wasm_bindgen_test]
async fn number_input_shows_what_it_understood_in_the_interface_language() {
    // Typed in Indonesian, shown in Indonesian.
    let (_, cb) = recorder();
    let m = mount::<FieldHost>(FieldCase::new("media_sosial_opd", "reach", Lang::Id, cb).raw(text("3.200.000"))).await;
    assert_eq!(m.input("input[name='media_sosial_opd.reach']").value(), "3.200.000");
    assert_eq!(m.text("p.understood"), "Terbaca sebagai: 3.200.000");
    m.unmount();

    // Typed in Indonesian, interface now English: the text is kept as typed, the value is
    // shown the English way.
    let (_, cb) = recorder();
    let m = mount::<FieldHost>(FieldCase::new("media_sosial_opd", "reach", Lang::En, cb).raw(text("3.200.000"))).await;
    assert_eq!(m.input("input[name='media_sosial_opd.reach']").value(), "3.200.000");
    assert_eq!(m.text("p.understood"), "Understood as: 3,200,000");
    m.unmount();
}

#[wasm_bindgen_test]
async fn number_input_shows_its_errors_and_links_them() {
    let (_, cb) = recorder();
    let mut case = FieldCase::new("media_sosial_opd", "reach", Lang::Id, cb).raw(text("abc"));
    case.errors = vec![s("bukan angka; ketik angka saja, mis. 1.234 atau 12,5")];
    let m = mount::<FieldHost>(case).await;
    let err = m.get(".error-message");
    assert_eq!(err.id(), "media_sosial_opd.reach-error");
    assert!(err.text_content().unwrap().contains("bukan angka; ketik angka saja"));
    assert!(has_class(&m.get("div.field"), "field-error"));
    let input = m.input("input[name='media_sosial_opd.reach']");
    assert!(has_class(&input, "input-error"));
    let describedby = input.get_attribute("aria-describedby").unwrap();
    let ids: Vec<&str> = describedby.split_whitespace().collect();
    assert!(ids.contains(&"media_sosial_opd.reach-error"), "{describedby}");
    assert!(ids.contains(&"media_sosial_opd.reach-hint"), "{describedby}");
    assert!(m.find("p.understood").is_none(), "an invalid number is not understood");
    m.unmount();
}

// ---------------------------------------------------------------------------------------------
// 2. Number parsing per language
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn decimals_are_read_in_the_language_they_were_typed_in() {
    // answered_pct is a "number" input with unit "%".
    let case = |raw: &str, typed: Lang, shown: Lang| {
        let (_, cb) = recorder();
        FieldCase::new("media_sosial_opd", "answered_pct", shown, cb).raw(RawValue::Text { text: s(raw), lang: typed })
    };

    let m = mount::<FieldHost>(case("12,5", Lang::Id, Lang::Id)).await;
    assert_eq!(m.text("p.understood"), "Terbaca sebagai: 12,5 %");
    m.unmount();

    let m = mount::<FieldHost>(case("12,5", Lang::Id, Lang::En)).await;
    assert_eq!(m.text("p.understood"), "Understood as: 12.5 %");
    m.unmount();

    // "12.5" typed in Indonesian is a parse error: no "understood as" line.
    let m = mount::<FieldHost>(case("12.5", Lang::Id, Lang::Id)).await;
    assert_eq!(m.input("input[name='media_sosial_opd.answered_pct']").value(), "12.5");
    assert!(m.find("p.understood").is_none());
    m.unmount();

    // The same text typed in English is fine.
    let m = mount::<FieldHost>(case("12.5", Lang::En, Lang::Id)).await;
    assert_eq!(m.text("p.understood"), "Terbaca sebagai: 12,5 %");
    m.unmount();
}

#[wasm_bindgen_test]
fn parse_number_table() {
    use Lang::{En, Id};
    type Parsed = Result<Option<f64>, NumberError>;
    let cases: &[(&str, Lang, Parsed)] = &[
        ("", Id, Ok(None)),
        ("   ", En, Ok(None)),
        ("0", Id, Ok(Some(0.0))),
        ("1.234", Id, Ok(Some(1234.0))),
        ("1,234", En, Ok(Some(1234.0))),
        ("12,5", Id, Ok(Some(12.5))),
        ("12.5", En, Ok(Some(12.5))),
        ("3.200.000", Id, Ok(Some(3_200_000.0))),
        ("3,200,000", En, Ok(Some(3_200_000.0))),
        ("1.234.567,25", Id, Ok(Some(1_234_567.25))),
        ("1,234,567.25", En, Ok(Some(1_234_567.25))),
        (" 3 200 000 ", Id, Ok(Some(3_200_000.0))),
        ("3\u{a0}200\u{a0}000", En, Ok(Some(3_200_000.0))),
        ("-7", Id, Ok(Some(-7.0))),
        ("12.5", Id, Err(NumberError::WrongDecimal)),
        ("12,5", En, Err(NumberError::WrongDecimal)),
        ("1.23.456", Id, Err(NumberError::BadGrouping)),
        ("1,23,456", En, Err(NumberError::BadGrouping)),
        ("1234.5678", Id, Err(NumberError::WrongDecimal)),
        ("12.34,5", Id, Err(NumberError::BadGrouping)),
        ("1.2345", Id, Err(NumberError::WrongDecimal)),
        ("12a", Id, Err(NumberError::Invalid)),
        (",", Id, Err(NumberError::Invalid)),
        ("-", En, Err(NumberError::Invalid)),
        ("1,2,3", Id, Err(NumberError::Invalid)),
        ("12,", Id, Err(NumberError::Invalid)),
        ("Rp 1.000", Id, Err(NumberError::Invalid)),
    ];
    for (text, lang, expected) in cases {
        assert_eq!(&parse_number(text, *lang), expected, "{text:?} in {lang:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Checklist
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn checklist_renders_a_fieldset_per_item_and_emits_answers() {
    let def = input_def("website", "content");
    let items = def.items.as_ref().unwrap();
    let (log, cb) = recorder();
    let answers: BTreeMap<String, Answer> = [(s("profil"), Answer::Yes), (s("ppid"), Answer::No)].into_iter().collect();
    let m = mount::<FieldHost>(FieldCase::new("website", "content", Lang::Id, cb).raw(RawValue::Checklist { answers }))
        .await;

    // The whole checklist is a fieldset labelled by the input's label.
    assert_eq!(m.get("fieldset#website\\.content > legend").text_content().unwrap(), def.label.get(Lang::Id));

    let sets = m.all("fieldset.checklist-item");
    assert_eq!(sets.len(), items.len());
    for (set, item) in sets.iter().zip(items) {
        let group = format!("website.content.{}", item.id);
        assert_eq!(set.id(), group);
        let legend = set.query_selector("legend").unwrap().unwrap();
        assert_eq!(legend.text_content().unwrap(), item.label.get(Lang::Id));
        let radios: Vec<HtmlInputElement> = {
            let l = set.query_selector_all("input[type=radio]").unwrap();
            (0..l.length()).map(|i| l.item(i).unwrap().dyn_into().unwrap()).collect()
        };
        let values: Vec<String> = radios.iter().map(|r| r.value()).collect();
        assert_eq!(values, ["yes", "partial", "no"], "{group}");
        for r in &radios {
            assert_eq!(r.name(), group);
            // Each radio has its own visible label.
            let label = set.query_selector(&format!("label[for='{}']", r.id())).unwrap();
            assert!(label.is_some(), "label for {}", r.id());
        }
        // Raw answers are reflected as checked radios; unanswered items have none checked.
        let checked: Vec<String> = radios.iter().filter(|r| r.checked()).map(|r| r.value()).collect();
        let expected: Vec<&str> = match item.id.as_str() {
            "profil" => vec!["yes"],
            "ppid" => vec!["no"],
            _ => vec![],
        };
        assert_eq!(checked, expected, "{group}");
    }

    // Choosing an answer emits it for the right item.
    check(&m.input("input[name='website.content.visi_misi'][value=partial]"));
    yew::scheduler::flush().await;
    check(&m.input("input[name='website.content.profil'][value=no]"));
    yew::scheduler::flush().await;
    assert_eq!(
        *log.borrow(),
        vec![
            Action::SetAnswer { cat: s("website"), input: s("content"), item: s("visi_misi"), answer: Answer::Partial },
            Action::SetAnswer { cat: s("website"), input: s("content"), item: s("profil"), answer: Answer::No },
        ]
    );
    m.unmount();
}

// ---------------------------------------------------------------------------------------------
// 4. Evidence links
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn evidence_links_are_added_edited_removed_and_checked() {
    assert_eq!(input_def("media_sosial_opd", "reach").evidence, ampk_core::rubric::Evidence::Required);

    // No links yet: the "required" tag and the add button.
    let (log, cb) = recorder();
    let m = mount::<FieldHost>(FieldCase::new("media_sosial_opd", "reach", Lang::Id, cb)).await;
    assert_eq!(m.text(".evidence .tag.tag-required"), "wajib");
    assert!(m.find(".evidence .warning-text").is_none());
    assert!(m.all(".link-row").is_empty());
    m.button("Tambah tautan").click();
    yew::scheduler::flush().await;
    assert_eq!(*log.borrow(), vec![Action::AddLink { cat: s("media_sosial_opd"), input: s("reach") }]);
    m.unmount();

    // Two links, the second with an error, and the evidence missing.
    let (log, cb) = recorder();
    let mut case = FieldCase::new("media_sosial_opd", "reach", Lang::Id, cb);
    case.links = vec![s("https://a.go.id"), s("javascript:x")];
    case.link_errors = vec![(1, s("msg"))];
    case.evidence_missing = true;
    let m = mount::<FieldHost>(case).await;
    assert!(m.text(".evidence .warning-text").contains("Bukti wajib belum dilampirkan"));

    let rows = m.all(".link-row");
    assert_eq!(rows.len(), 2);
    let first = m.input("input[name='media_sosial_opd.reach.evidence.0']");
    let second = m.input("input[name='media_sosial_opd.reach.evidence.1']");
    assert_eq!(first.value(), "https://a.go.id");
    assert_eq!(second.value(), "javascript:x");
    assert_eq!(first.type_(), "url");
    // A link cannot be typed longer than a submission file may hold.
    assert_eq!(first.max_length(), ampk_core::submission::MAX_STRING as i32);
    assert!(m.find("label[for='media_sosial_opd.reach.evidence.0']").is_some());
    assert!(m.find("label[for='media_sosial_opd.reach.evidence.1']").is_some());
    // Only the second row shows an error.
    assert!(rows[0].query_selector(".error-message").unwrap().is_none());
    assert!(!has_class(&rows[0], "field-error"));
    assert_eq!(rows[1].query_selector(".error-message").unwrap().unwrap().text_content().unwrap(), "msg");
    assert!(has_class(&rows[1], "field-error"));
    assert!(has_class(&second, "input-error"));

    // Editing a link and removing row 0.
    type_into(&second, "https://b.go.id");
    yew::scheduler::flush().await;
    let remove: HtmlElement = rows[0].query_selector("button").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(remove.text_content().unwrap(), "Hapus tautan");
    remove.click();
    yew::scheduler::flush().await;
    assert_eq!(
        *log.borrow(),
        vec![
            Action::SetLink { cat: s("media_sosial_opd"), input: s("reach"), index: 1, text: s("https://b.go.id") },
            Action::RemoveLink { cat: s("media_sosial_opd"), input: s("reach"), index: 0 },
        ]
    );
    m.unmount();
}

// ---------------------------------------------------------------------------------------------
// 5. Score card
// ---------------------------------------------------------------------------------------------

/// Dinas Contoh A's media_sosial_opd figures (the worked example), typed in Indonesian.
fn contoh_a_state() -> CategoryState {
    let r = ampk_core::builtin();
    let mut d = Draft::new(r, "d1", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "Draf 1", "2025-11-01T00:00:00Z");
    d.agency_type = s("opd");
    d.agency_name = s("Dinas Contoh A");
    d.officer_name = s("Siti");
    let mut e = DraftEntry::default();
    for (k, v) in [
        ("posts", "420"),
        ("weeks_active", "38"),
        ("engagements", "96.000"),
        ("reach", "3.200.000"),
        ("followers_start", "18.000"),
        ("followers_end", "22.500"),
        ("median_reply_hours", "5"),
        ("answered_pct", "88"),
    ] {
        e.inputs.insert(s(k), text(v));
    }
    use Answer::{No, Partial, Yes};
    let answers = [
        ("identitas", Yes),
        ("konten_layanan", Yes),
        ("video", Partial),
        ("aksesibel", Yes),
        ("tautan_bio", Partial),
        ("amplifikasi_agenda", Yes),
        ("klarifikasi_hoaks", No),
        ("analitik_bulanan", Yes),
    ]
    .into_iter()
    .map(|(k, a)| (s(k), a))
    .collect();
    e.inputs.insert(s("quality"), RawValue::Checklist { answers });
    d.categories.insert(s("media_sosial_opd"), e);
    for other in ["top_influencer", "media_massa_online", "website", "lapor_opd"] {
        d.categories.insert(s(other), DraftEntry { excluded: true, ..DraftEntry::default() });
    }
    assess(r, &d)
        .categories
        .into_iter()
        .find(|c| r.file.categories[c.category].id == "media_sosial_opd")
        .expect("media_sosial_opd is eligible for an OPD")
}

const WORKED: [(&str, &str); 8] = [
    ("S1", "70.00"),
    ("S2", "87.39"),
    ("S3", "65.00"),
    ("S4", "90.31"),
    ("S5", "83.33"),
    ("S6", "85.00"),
    ("S7", "88.00"),
    ("S8", "75.00"),
];

#[wasm_bindgen_test]
async fn score_card_shows_the_worked_example() {
    let state = contoh_a_state();
    assert!(state.errors.is_empty(), "{:?}", state.errors);

    let m = mount::<ScoreHost>(ScoreCase { state: state.clone(), lang: Lang::Id, ahead: None }).await;
    let score = m.get("[data-testid=score-media_sosial_opd]");
    assert_eq!(score.get_attribute("data-value").as_deref(), Some("78.34"));
    assert_eq!(score.text_content().unwrap(), "78,34");
    for (id, value) in WORKED {
        let cell = m.get(&format!("[data-testid=indicator-media_sosial_opd-{id}]"));
        assert_eq!(cell.get_attribute("data-value").as_deref(), Some(value), "{id}");
        assert_eq!(cell.text_content().unwrap(), value.replace('.', ","), "{id}");
    }

    // The chart: one bar per indicator, announced as an image with a name.
    let svg = m.get("svg.chart");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let name = svg.get_attribute("aria-label").unwrap_or_default();
    let cat_label = rubric().0.file.categories[contoh_a_state().category].label.get(Lang::Id).to_string();
    assert!(name.contains(&cat_label), "{name:?} names the category");
    assert_eq!(m.all("svg.chart rect.chart-bar").len(), 8);
    assert_eq!(m.all("svg.chart rect.chart-track").len(), 8);

    // Where to gain points: a concrete suggestion first.
    let gains = m.all("[data-testid=gains-media_sosial_opd] li");
    assert!(!gains.is_empty());
    let first = gains[0].text_content().unwrap();
    for part in ["Naikkan", "+", "poin"] {
        assert!(first.contains(part), "{part:?} in {first:?}");
    }
    m.unmount();

    // English: the same values, English number format.
    let m = mount::<ScoreHost>(ScoreCase { state: state.clone(), lang: Lang::En, ahead: None }).await;
    let score = m.get("[data-testid=score-media_sosial_opd]");
    assert_eq!(score.get_attribute("data-value").as_deref(), Some("78.34"));
    assert_eq!(score.text_content().unwrap(), "78.34");
    for (id, value) in WORKED {
        let cell = m.get(&format!("[data-testid=indicator-media_sosial_opd-{id}]"));
        assert_eq!(cell.get_attribute("data-value").as_deref(), Some(value), "{id}");
        assert_eq!(cell.text_content().unwrap(), value, "{id}");
    }
    let first = m.all("[data-testid=gains-media_sosial_opd] li")[0].text_content().unwrap();
    assert!(first.contains('+') && first.contains("points"), "{first}");
    m.unmount();

    // A keystroke on its way to the draft: the headline shows the score typed ahead, with its
    // predicate; the rest of the card stays with the state until it follows.
    let m = mount::<ScoreHost>(ScoreCase { state, lang: Lang::Id, ahead: Some(45.456) }).await;
    let score = m.get("[data-testid=score-media_sosial_opd]");
    assert_eq!(score.get_attribute("data-value").as_deref(), Some("45.46"));
    assert_eq!(score.text_content().unwrap(), "45,46");
    assert_eq!(m.get(".big-score .predicate").text_content().unwrap(), rubric().0.predicate(45.46).get(Lang::Id));
    assert_ne!(rubric().0.predicate(45.46).get(Lang::Id), rubric().0.predicate(78.34).get(Lang::Id));
    let s1 = m.get("[data-testid=indicator-media_sosial_opd-S1]");
    assert_eq!(s1.get_attribute("data-value").as_deref(), Some(WORKED[0].1));
    m.unmount();
}

// ---------------------------------------------------------------------------------------------
// 6. Error summary
// ---------------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn error_summary_links_move_focus_to_the_field() {
    let doc = gloo_utils::document();
    // The field the summary points at lives elsewhere in the document.
    let target: HtmlInputElement = doc.create_element("input").unwrap().dyn_into().unwrap();
    target.set_id("units-summary-target");
    doc.body().unwrap().append_child(&target).unwrap();

    let items = vec![
        SummaryItem { field: Some(s("units-summary-target")), message: s("Nama instansi wajib diisi") },
        SummaryItem { field: Some(s("units-other-field")), message: s("Surel tidak valid") },
        SummaryItem { field: None, message: s("Berkas tidak dapat dibaca") },
    ];
    let m = mount::<SummaryHost>(SummaryCase { items }).await;
    let summary = m.get("[data-testid=error-summary]");
    assert_eq!(summary.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(m.text("#error-summary-title"), "Ada masalah yang perlu diperbaiki");
    assert_eq!(m.all("li").len(), 3);

    let links = m.all("[data-testid=error-summary] a");
    assert_eq!(links.len(), 2, "one link per item with a field");
    assert_eq!(links[0].get_attribute("href").as_deref(), Some("#units-summary-target"));
    assert_eq!(links[0].get_attribute("data-field").as_deref(), Some("units-summary-target"));
    assert_eq!(links[0].text_content().unwrap(), "Nama instansi wajib diisi");
    assert_eq!(links[1].get_attribute("href").as_deref(), Some("#units-other-field"));
    assert_eq!(links[1].get_attribute("data-field").as_deref(), Some("units-other-field"));

    let location = web_sys::window().unwrap().location();
    let hash_before = location.hash().unwrap();
    assert_ne!(doc.active_element().map(|e| e.id()).as_deref(), Some("units-summary-target"));
    links[0].clone().dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert_eq!(doc.active_element().map(|e| e.id()).as_deref(), Some("units-summary-target"));
    assert_eq!(location.hash().unwrap(), hash_before, "following a link does not change the URL");
    m.unmount();
    target.remove();

    // Nothing to report: nothing rendered.
    let m = mount::<SummaryHost>(SummaryCase { items: vec![] }).await;
    assert!(m.find("[data-testid=error-summary]").is_none());
    assert_eq!(m.root.child_element_count(), 0);
    m.unmount();
}

/// The page is built without `ampk-core`'s `exact-json` feature (ARCHITECTURE.md, "the
/// officer's bundle"): decimals of up to 15 significant digits must still read exactly as the
/// CLI reads them (the standard library's correctly rounded parser is the reference here).
#[wasm_bindgen_test]
fn decimals_read_exactly_in_the_officers_bundle() {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let digits = 1 + (next() % 15) as usize;
        let mut text: String = (0..digits).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
        let point = (next() % (digits as u64 + 1)) as usize;
        let (int, frac) = text.split_at_mut(point);
        let (int, frac) = (int.to_string(), (!frac.is_empty()).then(|| frac.to_string()));
        let exact: f64 =
            format!("{}.{}", if int.is_empty() { "0" } else { &int }, frac.as_deref().unwrap_or("0")).parse().unwrap();
        assert_eq!(ampk_core::fmt::parse_decimal(&int, frac.as_deref()), Some(exact), "{int}.{frac:?}");
    }
    // What the page prints reads back as the same number.
    for x in [78.34, 0.1, 12.5, 3_200_000.0, 1e21, 2.5e-7] {
        assert_eq!(ampk_core::fmt::plain(x).parse::<f64>(), Ok(x));
    }
}

// ---------------------------------------------------------------------------------------------
// The page's JSON (`wire`): serde's forms, read and written without serde
// ---------------------------------------------------------------------------------------------

/// A draft with every kind of member: texts, options, each kind of typed value, evidence,
/// responses, a fractional estimate.
fn full_draft() -> Draft {
    let r = ampk_core::builtin();
    let sub = ampk_core::example::example(r, "opd").expect("an OPD example");
    let mut d =
        ampk_core::draft::from_submission(r, &sub, Lang::Id, "l-1", "Contoh \"A\" \u{1F600}", "2025-11-01T00:00:00Z");
    d.jury_estimate = 72.5;
    d.revision = 3;
    d.last_exported_at = Some("2025-11-02T00:00:00Z".into());
    d.feedback = "head\t2\tverified".into();
    let e = d.categories.entry("x".into()).or_default();
    e.inputs.insert("b".into(), RawValue::Bool { value: true });
    let answers = BTreeMap::from([("1".to_string(), Answer::Partial), ("k".to_string(), Answer::No)]);
    e.inputs.insert("c".into(), RawValue::Checklist { answers });
    e.inputs.insert("t".into(), RawValue::Text { text: "1.234,5".into(), lang: Lang::En });
    e.evidence.insert("t".into(), vec!["https://a.example/1".into(), String::new()]);
    e.excluded = true;
    d.responses.insert("x.t".into(), ampk_core::submission::Response { accepted: true, text: None });
    d.responses.insert("x.b".into(), ampk_core::submission::Response { accepted: false, text: Some("ok".into()) });
    d
}

/// serde_json's text of a value, as the browser prints it (numbers in JavaScript's form).
fn as_browser_prints(serde_text: &str) -> String {
    js_sys::JSON::stringify(&js_sys::JSON::parse(serde_text).unwrap()).unwrap().as_string().unwrap()
}

/// Drafts, requests and replies have serde's JSON: what serde_json writes reads the same, and
/// what the page writes is serde_json's text, member for member and in the same order.
#[wasm_bindgen_test]
fn the_pages_json_is_serdes_json() {
    use ampk_core::officer::{Reply, Request};
    use ampk_web::wire;
    let draft = full_draft();
    let serde_text = serde_json::to_string(&draft).unwrap();
    assert_eq!(wire::parse(&serde_text, wire::draft).as_ref(), Some(&draft), "a stored draft");
    let ours = wire::stringify(&wire::draft_js(&draft));
    assert_eq!(ours, as_browser_prints(&serde_text));
    assert_eq!(serde_json::from_str::<Draft>(&ours).unwrap(), draft);
    // Stored by an earlier version: members absent take their defaults; a byte-order mark.
    let old = wire::parse("\u{feff}{\"local_id\": \"a\", \"name\": \"N\"}", wire::draft).expect("an older draft");
    assert_eq!(old, serde_json::from_str::<Draft>("{\"local_id\": \"a\", \"name\": \"N\"}").unwrap());

    let r = ampk_core::builtin();
    let requests = [
        Request::Rubric,
        Request::Open { rubric: None, lang: Lang::En, local_id: "l".into(), name: "n".into(), now: "t".into() },
        Request::OpenFeedback {
            rubric: Some("{}".into()),
            lang: Lang::Id,
            local_id: "l".into(),
            name: "n".into(),
            now: "t".into(),
            drafts: vec![draft.clone(), Draft::default()],
        },
        Request::Export { rubric: None, draft: Box::new(draft.clone()), now: "t".into() },
        Request::Migrate {
            from: None,
            to: Some("{}".into()),
            lang: Lang::Id,
            draft: Box::new(draft.clone()),
            local_id: "l".into(),
            name: "n".into(),
            now: "t".into(),
        },
    ];
    for request in requests {
        let ours = wire::stringify(&wire::request_js(&request));
        assert_eq!(ours, as_browser_prints(&serde_json::to_string(&request).unwrap()));
        assert_eq!(serde_json::from_str::<Request>(&ours).unwrap(), request);
    }

    let mut problems = ampk_core::rubric::unreadable();
    problems
        .push(ampk_core::Problem::of(ampk_core::ProblemCode::WorkerFailed, "a.b[2]", |t| t.officer_worker_failed("x")));
    let replies = [
        Reply::Rubric { sha256: r.sha256.clone(), pack: ampk_core::rubric::pack(r) },
        Reply::Draft(Box::new(draft.clone())),
        Reply::File { name: "a.json".into(), text: "{\"x\": 1}".into(), key: "k".into() },
        Reply::Migrated { draft: Box::new(draft), from: "Rubrik".into(), changes: vec!["c".into()], dropped: vec![] },
        Reply::Problems(problems),
    ];
    for reply in replies {
        let text = serde_json::to_string(&reply).unwrap();
        assert_eq!(wire::parse(&text, wire::reply), Some(reply), "{text}");
    }

    let list = vec![
        ampk_web::browser::DraftMeta {
            id: "a".into(),
            name: "N".into(),
            agency: "Dinas".into(),
            saved_at: "t".into(),
            rubric: "f".into(),
            moved_from: "b".into(),
        };
        2
    ];
    assert_eq!(wire::parse(&wire::stringify(&wire::draft_list_js(&list)), wire::draft_list), Some(list));
    let older = wire::parse(r#"[{"id": "a", "name": "N", "agency": "", "saved_at": "t"}]"#, wire::draft_list).unwrap();
    assert_eq!((older[0].rubric.as_str(), older[0].moved_from.as_str()), ("", ""));
}

/// A document that does not fit reads as nothing: a member of the wrong type, a required one
/// missing, an unknown variant, text that is not JSON. A problem's unknown code is the
/// worker's failure.
#[wasm_bindgen_test]
fn the_pages_json_refuses_misfits() {
    use ampk_core::officer::Reply;
    use ampk_web::wire;
    for misfit in [
        r#"{"name": 7}"#,
        r#"{"name": null}"#,
        r#"{"revision": 1.5}"#,
        r#"{"revision": -1}"#,
        r#"{"jury_estimate": "70"}"#,
        r#"{"categories": {"x": {"inputs": {"a": {"number": {"value": 1}}}}}}"#,
        r#"{"categories": {"x": {"inputs": {"a": {"text": {"text": "1"}}}}}}"#,
        r#"{"categories": {"x": {"inputs": {"a": {"text": {"text": "1", "lang": "fr"}}}}}}"#,
        r#"{"categories": {"x": {"inputs": {"a": {"bool": {"value": true}, "text": {"text": "1", "lang": "id"}}}}}}"#,
        r#"{"categories": {"x": {"inputs": {"a": {"checklist": {"answers": {"1": "maybe"}}}}}}}"#,
        r#"{"categories": {"x": {"evidence": {"a": ["ok", 1]}}}}"#,
        r#"{"categories": []}"#,
        r#"{"responses": {"x": {"accepted": "yes"}}}"#,
        "null",
        "not json",
    ] {
        assert_eq!(wire::parse(misfit, wire::draft), None, "{misfit}");
        assert!(serde_json::from_str::<Draft>(misfit).is_err(), "serde_json refuses it too: {misfit}");
    }
    // serde also reads a struct from an array of its members; no draft was ever stored so.
    assert_eq!(wire::parse("[]", wire::draft), None);
    for misfit in [
        r#"{"rubric": {"sha256": "a"}}"#,
        r#"{"answer": {}}"#,
        r#""draft""#,
        r#"{"problems": [{"code": 0, "path": "", "id": "x"}]}"#,
    ] {
        assert_eq!(wire::parse(misfit, wire::reply), None, "{misfit}");
        assert!(serde_json::from_str::<Reply>(misfit).is_err(), "serde_json refuses it too: {misfit}");
    }
    let unknown = r#"{"problems": [{"code": 99999, "path": "p", "id": "x", "en": "y"}]}"#;
    let Some(Reply::Problems(p)) = wire::parse(unknown, wire::reply) else { panic!("problems") };
    assert_eq!(
        (p[0].code, p[0].path.as_str(), p[0].message(Lang::En)),
        (ampk_core::ProblemCode::WorkerFailed, "p", "y")
    );
    assert_eq!(wire::parse(r#"[{"id": "a"}]"#, wire::draft_list), None);
}
