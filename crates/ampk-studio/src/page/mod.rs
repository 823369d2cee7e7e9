//! The studio page, one file per part: `open` (template, file input and drop zone), `problems`
//! (the summary at the top and the table of every problem), `preview` (the overview table and
//! each category's form with its live score), `compare` (the core's diff with another rubric)
//! and `publish` (the downloads and how to publish).

mod compare;
mod open;
mod preview;
mod problems;
mod publish;

use crate::state::{read, Reading, StudioAction, StudioModel};
use ampk_core::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StudioPageProps {
    pub lang: Lang,
}

#[component]
pub fn StudioPage(props: &StudioPageProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let model = use_reducer(StudioModel::default);
    let on = {
        let model = model.clone();
        Callback::from(move |a: StudioAction| model.dispatch((a, lang)))
    };
    // Reading is derived: again for a new file, and in the new language when it changes (a
    // workbook's messages are written in the language it is read in).
    let reading = use_memo((model.opened.clone(), lang), |(f, lang)| f.as_ref().map(|f| read(f, *lang)));
    let against = use_memo((model.against.clone(), lang), |(f, lang)| f.as_ref().map(|f| read(f, *lang)));
    let name = model.opened.as_ref().map(|f| f.name.clone()).unwrap_or_default();
    html! {
        <div class="studio" data-testid="studio">
            // The studio's styles beside the page (see the file): not part of the first load.
            <link rel="stylesheet" href="ampk-studio.css" />
            <h1>{ t.studio_ui_title() }</h1>
            <p class="lead">{ t.studio_ui_lead() }</p>
            { problems::summary(reading.as_ref().as_ref(), &name, lang) }
            if let Some(f) = &model.failure {
                <div class="warning-banner" role="alert">{ f }</div>
            }
            { open::template_section(lang, &on) }
            { open::open_section(&model, lang, &on) }
            if let Some(Reading::Problems { workbook, rows }) = reading.as_ref() {
                { problems::table(*workbook, rows, &name, lang) }
            }
            if let Some(Reading::Valid { text, rubric }) = reading.as_ref() {
                { preview::overview(rubric, lang) }
                { preview::preview(rubric, &model.draft, lang, &on) }
                { compare::compare_section(rubric, against.as_ref().as_ref(), model.against.as_ref(), lang, &on) }
                { publish::publish_section(rubric, text, lang, &on) }
            }
        </div>
    }
}
