//! Starting and opening: the model rubric as a workbook to start from, and the file input and drop
//! zone that open the workbook (or rubric file) being written.

use crate::browser;
use crate::state::{StudioAction, StudioModel};
use ampk_core::Lang;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

/// The MIME type of an XLSX workbook.
pub(super) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Writes `file` as a workbook and offers it as `name`; a failure is shown at the top.
pub(super) fn download_workbook(
    file: &ampk_core::rubric::RubricFile,
    name: &str,
    lang: Lang,
    on: &Callback<StudioAction>,
) {
    let t = lang.texts();
    let written = ampk_rubric_xlsx::to_workbook(file).map_err(|e| e.to_string());
    let offered = written.and_then(|bytes| browser::download(name, XLSX, &bytes).map_err(|e| format!("{e:?}")));
    on.emit(StudioAction::Failed(offered.err().map(|e| t.studio_ui_workbook_failed(e))));
}

/// Step 1: the template.
pub(super) fn template_section(lang: Lang, on: &Callback<StudioAction>) -> Html {
    let t = lang.texts();
    let onclick = {
        let on = on.clone();
        Callback::from(move |_: MouseEvent| {
            download_workbook(&ampk_core::rubric::builtin().file, "rubrik-model.xlsx", lang, &on)
        })
    };
    html! {
        <section class="section" aria-labelledby="studio-template-title">
            <h2 id="studio-template-title">{ t.studio_ui_template_title() }</h2>
            <p id="studio-template-hint">{ t.studio_ui_template_hint() }</p>
            <button type="button" class="button-secondary" data-testid="studio-template"
                aria-describedby="studio-template-hint" {onclick}>
                { t.studio_ui_template_download() }
            </button>
        </section>
    }
}

/// Reads a chosen or dropped file and opens it (or the rubric compared with, when `compare`).
fn open_file(file: web_sys::File, compare: bool, on: Callback<StudioAction>) {
    wasm_bindgen_futures::spawn_local(async move {
        if !compare {
            on.emit(StudioAction::Reading(file.name()));
        }
        let opened = browser::open(&file).await;
        on.emit(if compare { StudioAction::CompareWith(Some(opened)) } else { StudioAction::Open(opened) });
    });
}

/// What a file input does when a file is chosen: opens it (or the rubric compared with, when
/// `compare`).
pub(super) fn on_choose(compare: bool, on: &Callback<StudioAction>) -> Callback<Event> {
    let on = on.clone();
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(f) = browser::take_files(&input).into_iter().next() {
            open_file(f, compare, on.clone());
        }
    })
}

/// Step 2: the file input and the drop zone around it.
pub(super) fn open_section(m: &StudioModel, lang: Lang, on: &Callback<StudioAction>) -> Html {
    let t = lang.texts();
    let onchange = on_choose(false, on);
    let ondrop = {
        let on = on.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            on.emit(StudioAction::Drag(false));
            if let Some(f) = browser::dropped_file(&e) {
                open_file(f, false, on.clone());
            }
        })
    };
    let ondragover = on.reform(|e: DragEvent| {
        e.prevent_default();
        StudioAction::Drag(true)
    });
    let ondragleave = on.reform(|_: DragEvent| StudioAction::Drag(false));
    html! {
        <section class="section" aria-labelledby="studio-open-title">
            <h2 id="studio-open-title">{ t.studio_ui_open_title() }</h2>
            <div class={classes!("dropzone", m.drag.then_some("dragging"))} {ondrop} {ondragover} {ondragleave}>
                <label class="label" for="studio-file">{ t.studio_ui_open_label() }</label>
                <p class="hint" id="studio-file-hint">{ t.studio_ui_open_hint() }</p>
                <input type="file" id="studio-file" data-testid="studio-file" aria-describedby="studio-file-hint"
                    accept=".xlsx,.ods,.json,application/json,application/vnd.oasis.opendocument.spreadsheet,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    {onchange} />
            </div>
            <p role="status" data-testid="studio-opened">
                if let Some(name) = &m.reading {
                    { t.studio_ui_reading(name) }
                } else if let Some(f) = &m.opened {
                    { t.studio_ui_opened(&f.name) }
                }
            </p>
        </section>
    }
}
