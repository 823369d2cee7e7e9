//! The only module of the coordinator's crate that touches the browser directly: the saved
//! session, dropped files and folders, the XLSX worker, the console and the crash banner. It
//! builds on the generic browser I/O of the shared crate (`ampk_web::browser`), whose helpers
//! the page uses through here. Everything else receives plain values.

use ampk_core::i18n::Texts;
use ampk_core::review::ReviewFile;
use ampk_core::workbook;
use ampk_web::browser::{self as web, StorageError};
use ampk_web::i18n::in_every_language;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use ampk_web::browser::{
    confirm, download, focus, load_lang, now, read_file, rubric_in_use, take_files, yield_now,
};

const REKAP_KEY: &str = "ampk.rekap";

/// The coordinator's saved session: the imported files (name and text), the jury marks, the
/// review (when there is review work) and the reviewer's name. The members added later have
/// defaults, so a session stored before them still loads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RekapSession {
    pub files: Vec<(String, String)>,
    pub jury: Vec<(String, String, f64)>,
    #[serde(default)]
    pub review: Option<ReviewFile>,
    #[serde(default)]
    pub reviewer: String,
}

/// Loads the coordinator's session.
pub fn load_rekap() -> RekapSession {
    web::get(REKAP_KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Largest session kept in local storage (browsers allow about 5 MB per site); a bigger
/// batch is reported as not kept rather than attempted.
const REKAP_MAX_CHARS: usize = 4_500_000;

/// Saves the coordinator's session (fails when it exceeds the browser's quota). `size` is the
/// files' size, known before the session is made: a batch too big to keep is not copied first.
pub fn save_rekap(size: usize, session: impl FnOnce() -> RekapSession) -> Result<(), StorageError> {
    if size > REKAP_MAX_CHARS {
        web::remove(REKAP_KEY);
        return Err(StorageError::Full);
    }
    web::set(REKAP_KEY, &serde_json::to_string(&session()).expect("session serialises"))
}

/// Milliseconds on the page's clock, to time slices of work.
pub fn clock_ms() -> f64 {
    js_sys::Date::now()
}

/// Forgets the coordinator's session.
pub fn clear_rekap() {
    web::remove(REKAP_KEY);
}

/// A file found in a drop, with its path relative to the dropped folder (or its name).
pub struct Dropped {
    pub path: String,
    pub file: web_sys::File,
}

impl From<web_sys::File> for Dropped {
    /// A file chosen in a file input: its name is its path.
    fn from(file: web_sys::File) -> Self {
        Dropped { path: file.name(), file }
    }
}

async fn entry_files(entry: web_sys::FileSystemEntry, prefix: String, out: &mut Vec<Dropped>) {
    if entry.is_file() {
        let fe: web_sys::FileSystemFileEntry = entry.unchecked_into();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            fe.file_with_callback_and_callback(&resolve, &reject);
        });
        if let Ok(f) = wasm_bindgen_futures::JsFuture::from(promise).await {
            let file: web_sys::File = f.unchecked_into();
            out.push(Dropped { path: format!("{prefix}{}", file.name()), file });
        }
    } else if entry.is_directory() {
        let de: web_sys::FileSystemDirectoryEntry = entry.unchecked_into();
        let reader = de.create_reader();
        let name = de.name();
        // readEntries returns at most 100 entries per call: read until empty.
        loop {
            let promise = js_sys::Promise::new(&mut |resolve, reject| {
                let _ = reader.read_entries_with_callback_and_callback(&resolve, &reject);
            });
            let Ok(list) = wasm_bindgen_futures::JsFuture::from(promise).await else { break };
            let list: js_sys::Array = list.unchecked_into();
            if list.length() == 0 {
                break;
            }
            for e in list.iter() {
                Box::pin(entry_files(e.unchecked_into(), format!("{prefix}{name}/"), out)).await;
            }
        }
    }
}

/// Every file of a drop, walking dropped folders (and their subfolders).
pub async fn dropped_files(e: &web_sys::DragEvent) -> Vec<Dropped> {
    let mut out = Vec::new();
    let Some(dt) = e.data_transfer() else { return out };
    let items = dt.items();
    let mut entries = Vec::new();
    for i in 0..items.length() {
        if let Some(item) = items.get(i) {
            if let Ok(Some(entry)) = item.webkit_get_as_entry() {
                entries.push(entry);
            }
        }
    }
    if entries.is_empty() {
        if let Some(files) = dt.files() {
            for i in 0..files.length() {
                if let Some(f) = files.get(i) {
                    out.push(Dropped::from(f));
                }
            }
        }
        return out;
    }
    for entry in entries {
        entry_files(entry, String::new(), &mut out).await;
    }
    out
}

/// Builds the XLSX export in the separately loaded worker module and hands the bytes to
/// `done` (or an error message).
pub fn xlsx_in_worker(request: &workbook::Request, done: impl FnOnce(Result<Vec<u8>, String>) + 'static) {
    let message = JsValue::from_str(&serde_json::to_string(request).expect("requests serialise"));
    web::in_worker("./ampk-xlsx-worker_loader.js", message, move |reply| {
        done(reply.and_then(|data| match data.as_string() {
            Some(msg) => Err(msg),
            None => Ok(js_sys::Uint8Array::new(&data).to_vec()),
        }))
    });
}

/// Reports an error on the browser's console.
pub fn log_error(message: &str) {
    web_sys::console::error_1(&message.into());
}

/// The coordinator module's panic hook: the imported files and jury marks are kept in storage;
/// the banner offers a reload and a copy of the stored session. Installed like the officer's
/// (`ampk_web::browser::install_panic_hook`, see there why through Yew).
pub fn install_rekap_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        log_error(&format!("{info}"));
        show_rekap_rescue();
    }));
}

// The banner is plain JavaScript (`js/ampk-rekap-rescue.js` of this crate): see there why. It
// is no wasm-bindgen snippet (`module = …`) but a file `index.html` copies beside this module
// (`rel="copy-file"`), imported by its plain name: trunk runs wasm-bindgen for every app into one
// output folder, and the officer's app preloads every snippet it finds there, so a snippet of
// this crate would join the officer's first load.
#[wasm_bindgen(raw_module = "./ampk-rekap-rescue.js")]
extern "C" {
    fn rescue_rekap(message: &str, reload_label: &str, copy_label: &str, empty: &str, key: &str);
}

/// What the coordinator module's panic hook shows: the imported files and jury marks are saved
/// in this browser (the session is stored after every change); reload, or keep a copy of it.
pub fn show_rekap_rescue() {
    rescue_rekap(
        &in_every_language(Texts::rekap_rescue_message),
        &in_every_language(Texts::rekap_rescue_reload),
        &in_every_language(Texts::rekap_rescue_copy),
        &in_every_language(Texts::rekap_rescue_empty),
        REKAP_KEY,
    );
}
