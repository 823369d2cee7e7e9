//! Publishing the valid rubric: its `rubric.json` (with the fingerprint officers' drafts will name)
//! and its workbook, to download, and how to put the file where officers get it by default.

use super::open::download_workbook;
use crate::browser;
use crate::state::StudioAction;
use ampk_core::Lang;
use ampk_web::components::RubricRef;
use std::rc::Rc;
use yew::prelude::*;

/// The publish section; `text` is the `rubric.json` to download.
pub(super) fn publish_section(rubric: &RubricRef, text: &Rc<str>, lang: Lang, on: &Callback<StudioAction>) -> Html {
    let t = lang.texts();
    let r = &rubric.0;
    let download_json = {
        let (text, on) = (text.clone(), on.clone());
        Callback::from(move |_: MouseEvent| {
            let offered = browser::download("rubric.json", "application/json", text.as_bytes());
            on.emit(StudioAction::Failed(
                offered.err().map(|e| lang.texts().studio_ui_download_failed(format!("{e:?}"))),
            ));
        })
    };
    let download_xlsx = {
        let (rubric, on) = (rubric.clone(), on.clone());
        Callback::from(move |_: MouseEvent| {
            let file = &rubric.0.file;
            download_workbook(file, &format!("{}.xlsx", file.id), lang, &on)
        })
    };
    html! {
        <section class="section" aria-labelledby="studio-publish-title">
            <h2 id="studio-publish-title">{ t.studio_ui_publish_title() }</h2>
            <dl class="facts">
                <dt>{ t.studio_ui_fingerprint() }</dt>
                <dd><code class="fingerprint" data-testid="studio-sha256">{ &r.sha256 }</code></dd>
            </dl>
            <div class="button-row">
                <button type="button" class="button" data-testid="studio-download-json" onclick={download_json}>
                    { t.studio_ui_download_json() }
                </button>
                <button type="button" class="button-secondary" data-testid="studio-download-xlsx" onclick={download_xlsx}>
                    { t.studio_ui_download_xlsx() }
                </button>
            </div>
            <ol>
                <li>{ t.studio_ui_publish_place() }</li>
                <li>{ t.studio_ui_publish_officers() }</li>
            </ol>
        </section>
    }
}
