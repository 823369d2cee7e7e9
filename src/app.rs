//! The application shell: header with navigation and the language switch, and the page the
//! address bar's hash selects (`#/` officer, `#/rekap` coordinator).

use crate::browser;
use crate::i18n::texts;
use crate::pages::{officer, OfficerPage};
use crate::state::Action;
use ampk_core::Lang;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let model = use_reducer(|| officer::initial_model(browser::load_lang()));
    let route = use_state(browser::hash);
    {
        let route = route.clone();
        use_effect_with((), move |_| browser::on_hash_change(move |h| route.set(h)));
    }
    use_effect_with(model.lang, |l| {
        browser::save_lang(*l);
        browser::tell_rekap_lang(*l);
    });
    let lang = model.lang;
    let t = texts(lang);
    let on_action = {
        let model = model.clone();
        Callback::from(move |a: Action| model.dispatch(a))
    };
    {
        let on_action = on_action.clone();
        use_effect_with((), move |_| officer::revalidate_saved_rubric(on_action));
    }
    let toggle = {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::SetLang(match lang {
                Lang::Id => Lang::En,
                Lang::En => Lang::Id,
            }))
        })
    };
    let rekap = route.starts_with("/rekap");
    let rekap_error = use_state(|| None::<String>);
    {
        // The coordinator area is a separate module, fetched the first time it is opened.
        let rekap_error = rekap_error.clone();
        use_effect_with(rekap, move |open| {
            if *open {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = browser::open_rekap().await {
                        rekap_error.set(Some(e));
                    }
                });
            }
        });
    }
    html! {
        <>
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); browser::focus("main"); })}>
                { if lang == Lang::Id { "Langsung ke isi" } else { "Skip to main content" } }
            </a>
            <header class="site-header">
                <div class="wrap header-row">
                    <span class="app-name">{ t.app_name }</span>
                    <nav class="header-nav" aria-label={if lang == Lang::Id { "Navigasi utama" } else { "Main navigation" }}>
                        <a href="#/" aria-current={(!rekap).then_some("page")}>{ t.nav_officer }</a>
                        <a href="#/rekap" aria-current={rekap.then_some("page")} data-testid="nav-rekap">{ t.nav_rekap }</a>
                    </nav>
                    <button type="button" class="lang-switch" data-testid="lang" aria-label={t.switch_label}
                        lang={if lang == Lang::Id { "en" } else { "id" }} onclick={toggle}>
                        { t.switch_to }
                    </button>
                </div>
            </header>
            <main class="wrap" id="main" tabindex="-1">
                if rekap {
                    if let Some(e) = &*rekap_error {
                        <div class="warning-banner" role="alert">{ format!("{}: {e}", if lang == Lang::Id {
                            "Halaman rekap tidak dapat dimuat" } else { "The summary page could not be loaded" }) }</div>
                    }
                    <div id="rekap-root" data-testid="rekap-root"></div>
                } else {
                    <OfficerPage model={model.clone()} on_action={on_action} />
                }
                <p class="privacy">{ t.privacy }</p>
            </main>
        </>
    }
}
