//! The application shell: header with the language switch, and the current page.

use crate::browser;
use crate::components::{RubricRef, RubricSummary};
use crate::i18n::texts;
use ampk_core::Lang;
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let lang = use_state(browser::load_lang);
    let rubric = use_memo((), |_| RubricRef(Rc::new(ampk_core::builtin().clone())));
    {
        let lang = *lang;
        use_effect_with(lang, move |l| browser::save_lang(*l));
    }
    let t = texts(*lang);
    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| {
            lang.set(match *lang {
                Lang::Id => Lang::En,
                Lang::En => Lang::Id,
            })
        })
    };
    html! {
        <>
            <header class="site-header">
                <div class="wrap header-row">
                    <span class="app-name">{ t.app_name }</span>
                    <button type="button" class="lang-switch" data-testid="lang" aria-label={t.switch_label}
                        lang={if *lang == Lang::Id { "en" } else { "id" }} onclick={toggle}>
                        { t.switch_to }
                    </button>
                </div>
            </header>
            <main class="wrap" id="main">
                <RubricSummary rubric={(*rubric).clone()} lang={*lang} />
                <p class="privacy">{ t.privacy }</p>
            </main>
        </>
    }
}
