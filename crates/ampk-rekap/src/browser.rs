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

/// Files a reader sends at a time (a page task each way).
const READ_CHUNK: usize = 32;

/// What became of a file of an import: its bytes and, when a reader assessed it, its report
/// (`FileReport::to_json`; empty: the page assesses the file itself), or its size when it was
/// refused unread (over the limit, or unreadable).
pub type Answer = Result<(Vec<u8>, String), u64>;

/// The files of an import, read and assessed off the page's thread by a few readers (module
/// workers running `js/ampk-rekap-reader.js` of this crate, copied beside the module by
/// `index.html`, which import the assessment module `ampk-rekap-worker`): asking a file for its
/// size and bytes costs the asking thread a round trip to the browser (4 s for 10,000 files on
/// the page's own thread), and the assessment is the import's main cost. The files come back
/// as they are done, not in order; when no reader can run (or one fails), the files still
/// unanswered are read here, one at a time, for the page to assess.
pub struct FileReads {
    files: Vec<web_sys::File>,
    limit: usize,
    answered: Vec<bool>,
    left: usize,
    shared: std::rc::Rc<std::cell::RefCell<Reads>>,
    workers: Vec<web_sys::Worker>,
    _handlers: Vec<Closure<dyn Fn(web_sys::MessageEvent)>>,
    _on_error: Option<Closure<dyn Fn(web_sys::Event)>>,
}

/// What the readers sent and the page has not taken yet.
#[derive(Default)]
struct Reads {
    batches: std::collections::VecDeque<js_sys::Array>,
    /// The batch being taken, and the place of its next file.
    current: Option<(js_sys::Array, u32)>,
    failed: bool,
    /// Resolves the promise the page awaits while nothing is there to take.
    wake: Option<js_sys::Function>,
}

impl Reads {
    fn wake(&mut self) {
        if let Some(f) = self.wake.take() {
            let _ = f.call0(&JsValue::NULL);
        }
    }

    /// The next file answered: its number and answer.
    fn take(&mut self) -> Option<(usize, Answer)> {
        loop {
            if let Some((batch, at)) = &mut self.current {
                if *at < batch.length() {
                    let item: js_sys::Array = batch.get(*at).unchecked_into();
                    *at += 1;
                    let i = item.get(0).as_f64().unwrap_or(-1.0) as usize;
                    let answer = item.get(1);
                    return Some((
                        i,
                        match answer.dyn_ref::<js_sys::ArrayBuffer>() {
                            Some(b) => {
                                Ok((js_sys::Uint8Array::new(b).to_vec(), item.get(2).as_string().unwrap_or_default()))
                            }
                            None => Err(answer.as_f64().unwrap_or(0.0) as u64),
                        },
                    ));
                }
            }
            self.current = Some((self.batches.pop_front()?, 0));
        }
    }
}

impl FileReads {
    /// Starts reading `files` (those larger than `limit` bytes are refused unread) and assessing
    /// them as `names` with the rubric of fingerprint `sha256` (the one in use, else the model),
    /// with as many readers as the computer has cores, at least 2 and at most 4.
    pub async fn start(files: Vec<web_sys::File>, names: &[String], limit: usize, sha256: &str) -> FileReads {
        let shared = std::rc::Rc::new(std::cell::RefCell::new(Reads::default()));
        let mut reads = FileReads {
            answered: vec![false; files.len()],
            left: files.len(),
            files,
            limit,
            shared: shared.clone(),
            workers: Vec::new(),
            _handlers: Vec::new(),
            _on_error: None,
        };
        if reads.files.is_empty() {
            return reads;
        }
        let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency()) as usize;
        let count = cores.clamp(2, 4).min(reads.files.len().div_ceil(READ_CHUNK));
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let on_error = {
            let shared = shared.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
                let mut s = shared.borrow_mut();
                s.failed = true;
                s.wake();
            })
        };
        for _ in 0..count {
            let Ok(worker) = web_sys::Worker::new_with_options("./ampk-rekap-reader.js", &options) else { break };
            let shared = shared.clone();
            let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let mut s = shared.borrow_mut();
                s.batches.push_back(e.data().unchecked_into());
                s.wake();
            });
            worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            reads.workers.push(worker);
            reads._handlers.push(handler);
        }
        reads._on_error = Some(on_error);
        if reads.workers.is_empty() {
            return reads;
        }
        let text = match rubric_in_use() {
            Some(t) if sha256 != ampk_core::rubric::MODEL_RUBRIC_SHA256 => t,
            _ => ampk_core::rubric::MODEL_RUBRIC_JSON.to_string(),
        };
        let rubric = js_sys::Array::of3(&"rubric".into(), &text.into(), &sha256.into());
        for w in &reads.workers {
            let _ = w.post_message(&rubric);
        }
        // Handed out a chunk at a time, in turn, so files come back roughly in order; the page
        // yields now and then (handing over 10,000 files takes a while).
        let mut slice_start = clock_ms();
        for (n, (chunk, names)) in reads.files.chunks(READ_CHUNK).zip(names.chunks(READ_CHUNK)).enumerate() {
            let (list, named) = (js_sys::Array::new(), js_sys::Array::new());
            for (f, name) in chunk.iter().zip(names) {
                list.push(f);
                named.push(&JsValue::from_str(name));
            }
            let message =
                js_sys::Array::of4(&list, &named, &JsValue::from(n * READ_CHUNK), &JsValue::from(limit as f64));
            if reads.workers[n % reads.workers.len()].post_message(&message).is_err() {
                shared.borrow_mut().failed = true;
                break;
            }
            if clock_ms() - slice_start > 20.0 {
                yield_now().await;
                slice_start = clock_ms();
            }
        }
        for w in &reads.workers {
            let _ = w.post_message(&JsValue::from_str("go"));
        }
        reads
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The next file answered (its number among the files, and its answer), in the order they
    /// come; `None` once every file was answered.
    pub async fn next(&mut self) -> Option<(usize, Answer)> {
        loop {
            if self.left == 0 {
                self.stop();
                return None;
            }
            let taken = self.shared.borrow_mut().take();
            if let Some((i, answer)) = taken {
                if self.answered.get(i) == Some(&false) {
                    self.answered[i] = true;
                    self.left -= 1;
                    return Some((i, answer));
                }
                continue;
            }
            if self.workers.is_empty() || self.shared.borrow().failed {
                // No reader (left): the files still unread are read here.
                self.stop();
                let i = self.answered.iter().position(|a| !a)?;
                self.answered[i] = true;
                self.left -= 1;
                return Some((i, read_file(&self.files[i], self.limit).await.map(|b| (b, String::new()))));
            }
            let shared = self.shared.clone();
            let promise = js_sys::Promise::new(&mut |resolve, _| shared.borrow_mut().wake = Some(resolve));
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }
    }

    /// Ends the readers.
    fn stop(&mut self) {
        for w in self.workers.drain(..) {
            w.terminate();
        }
    }
}

impl Drop for FileReads {
    fn drop(&mut self) {
        self.stop();
    }
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
