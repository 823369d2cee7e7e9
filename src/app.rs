//! The application shell: header with navigation and the language switch, and the page the
//! address bar's hash selects (`#/` officer, `#/rekap` coordinator, `#/rubrik` rubric studio).
//! The coordinator and the studio are areas with their own modules, loaded when first opened.

use crate::browser;
use crate::components::RubricRef;
use crate::pages::{officer, OfficerPage};
use crate::state::Action;
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let model = use_reducer(|| officer::initial_model(browser::load_lang()));
    let route = use_state(browser::hash);
    let lang = model.lang;
    let t = lang.texts();
    // One callback for the page's life: the forms' components compare it by identity, so a
    // new one on every render would re-render them all on every keystroke.
    let on_action = {
        let dispatcher = model.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a: Action| dispatcher.dispatch(a)))).clone()
    };
    // A language chosen: remembered and passed on to the areas. The model rubric's texts in
    // another language than the default are fetched when that language is first chosen (the
    // first load has the default language's only); until they come, the model shows its
    // default texts, then the model in use, if it is, takes them (`Action::RubricTexts`), once.
    // (The interface's own texts in that language are loaded before it is chosen: `toggle`.)
    // One effect, not one per step: each is its own code in the bundle.
    {
        let on_action = on_action.clone();
        use_effect_with(model.lang, move |l| {
            let lang = *l;
            browser::save_lang(lang);
            browser::tell_areas_lang(lang);
            if !browser::has_model_texts(lang) {
                wasm_bindgen_futures::spawn_local(async move {
                    if browser::load_model_texts(lang).await {
                        on_action.emit(Action::RubricTexts(RubricRef(Rc::new(browser::model_rubric()))));
                    }
                });
            }
        });
    }
    // Offline support: a new version of the kit waits until the officer reloads (never by
    // itself, so nothing typed is lost); on plain http the officer is told once why there is none.
    let update_ready = use_state(|| false);
    let needs_https = use_state(|| false);
    // Once, at the start (one effect, not one per step: each is its own code in the bundle):
    // follow the address's hash, check the rubric kept here and the published one, and start
    // offline support.
    {
        let (route, on_action, pending) = (route.clone(), on_action.clone(), model.rubric_pending);
        let (update_ready, needs_https) = (update_ready.clone(), needs_https.clone());
        use_effect_with((), move |_| {
            browser::on_hash_change(move |h| route.set(h));
            if pending {
                officer::revalidate_saved_rubric(on_action.clone());
            }
            officer::check_published(on_action);
            needs_https.set(browser::start_offline(move || update_ready.set(true)));
        });
    }
    // The language switch offers the next language, named in that language (its `lang`). The
    // interface's texts in it are fetched first, the first time (the first load has the default
    // language's only), so that every part of the page is drawn in it at once; should they not
    // come, the default language's show.
    let next = lang.next();
    let toggle = {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| {
            let on_action = on_action.clone();
            if browser::texts_loading() {
                return;
            }
            if ampk_core::i18n::has_texts(next) {
                on_action.emit(Action::SetLang(next));
            } else {
                wasm_bindgen_futures::spawn_local(async move {
                    browser::load_texts(next).await;
                    on_action.emit(Action::SetLang(next));
                });
            }
        })
    };
    // The area open instead of the officer's page: its module beside the page, the name of its
    // exports (`mount_<name>`, `set_<name>_lang`) and the element it mounts into.
    let area = if route.starts_with("/rekap") {
        Some(("ampk-rekap.js", "rekap", "rekap-root"))
    } else if route.starts_with("/rubrik") {
        Some(("ampk-studio.js", "studio", "studio-root"))
    } else {
        None
    };
    // The area's module could not be loaded: the browser's message (empty: none; a `String`,
    // as the route is, so both share one copy of the state hook's code).
    let area_error = use_state(String::new);
    {
        // An area is a separate module, fetched the first time it is opened.
        let area_error = area_error.clone();
        use_effect_with(area, move |open| {
            area_error.set(String::new());
            if let Some((module, name, _)) = *open {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = browser::open_area(module, name).await {
                        area_error.set(e);
                    }
                });
            }
        });
    }
    let current = |a: Option<&str>| (area.map(|(_, name, _)| name) == a).then_some("page");
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        browser::focus("main");
    });
    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip}>{ t.skip_link() }</a>
            <header class="site-header">
                <div class="wrap header-row">
                    <span class="app-name">{ t.app_name() }</span>
                    <nav class="header-nav" aria-label={t.nav_label()}>
                        <a href="#/" aria-current={current(None)}>{ t.nav_officer() }</a>
                        <a href="#/rekap" aria-current={current(Some("rekap"))} data-testid="nav-rekap">
                            { t.nav_rekap() }
                        </a>
                        <a href="#/rubrik" aria-current={current(Some("studio"))} data-testid="nav-studio">
                            { t.nav_studio() }
                        </a>
                    </nav>
                    <button type="button" class="lang-switch" data-testid="lang"
                        aria-label={t.language_switch(next.texts().language_name())} lang={next.tag()} onclick={toggle}>
                        { next.texts().language_name() }
                    </button>
                </div>
            </header>
            if *update_ready {
                <div class="update-banner" role="status" data-testid="update-banner">
                    <div class="wrap">
                        { t.app_update_ready() }
                        <button type="button" class="button-link" data-testid="update-reload"
                            onclick={|_: MouseEvent| browser::apply_update()}>{ t.app_update_reload() }</button>
                    </div>
                </div>
            }
            <main class="wrap" id="main" tabindex="-1">
                if *needs_https {
                    <p class="notice" role="status" data-testid="needs-https">{ t.app_offline_needs_https() }</p>
                }
                if let Some((_, name, root)) = area {
                    if !area_error.is_empty() {
                        <div class="warning-banner" role="alert">{
                            if name == "rekap" { t.app_rekap_load_failed(&*area_error) } else { t.app_studio_load_failed(&*area_error) }
                        }</div>
                    }
                    // Keyed: going from one area to the other makes a new, empty root.
                    <div key={name} id={root} data-testid={root}></div>
                } else {
                    <OfficerPage model={model.clone()} on_action={on_action} />
                }
                <p class="privacy">{ t.privacy_note() }</p>
            </main>
        </>
    }
}
