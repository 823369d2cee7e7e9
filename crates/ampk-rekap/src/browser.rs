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

pub use ampk_web::browser::{confirm, download, focus, load_lang, now, read_file, rubric_in_use, take_files};

/// Where earlier versions kept the whole session, in `localStorage` (moved at the first load).
const REKAP_KEY: &str = "ampk.rekap";
/// The session in IndexedDB (the shared store's `area` store): the files as one flat array of
/// strings (name, text, name, text …), written only when the batch changed, and the rest (jury
/// marks, review, reviewer) as JSON, small, written after every change.
const FILES_KEY: &str = "rekap.files";
const META_KEY: &str = "rekap.meta";

/// The coordinator's saved session: the imported files (name and text), the jury marks, the
/// review (when there is review work) and the reviewer's name. The members added later have
/// defaults, so a session stored before them still loads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RekapSession {
    pub files: Vec<(String, String)>,
    #[serde(flatten)]
    pub meta: RekapMeta,
}

/// A session's small part: what changes with every mark (stored apart from the files).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RekapMeta {
    pub jury: Vec<(String, String, f64)>,
    #[serde(default)]
    pub review: Option<ReviewFile>,
    #[serde(default)]
    pub reviewer: String,
}

thread_local! {
    /// The batch stored last (compared by identity: the model keeps its files in an `Rc`).
    static STORED_FILES: std::cell::RefCell<std::rc::Weak<Vec<(String, String)>>> = Default::default();
}

/// Loads the coordinator's session from IndexedDB; a session an earlier version kept in
/// `localStorage` is moved there first (and removed from `localStorage` once stored).
pub async fn load_rekap() -> RekapSession {
    if let Some(old) = legacy_session().and_then(|t| serde_json::from_str::<RekapSession>(&t).ok()) {
        let files = std::rc::Rc::new(old.files.clone());
        if store(&files, &old.meta, 0).await.is_ok() {
            forget_legacy_session();
        }
        return old;
    }
    let meta: RekapMeta = match web::area_get(META_KEY).await.and_then(|v| v.as_string()) {
        Some(t) => serde_json::from_str(&t).unwrap_or_default(),
        None => web::get(REKAP_KEY).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default(),
    };
    let mut files = Vec::new();
    if let Some(v) = web::area_get(FILES_KEY).await {
        let flat = js_sys::Array::from(&v);
        files.reserve(flat.length() as usize / 2);
        let mut i = 0;
        while i + 1 < flat.length() {
            files.push((flat.get(i).as_string().unwrap_or_default(), flat.get(i + 1).as_string().unwrap_or_default()));
            i += 2;
        }
    } else if let Some(old) = web::get(REKAP_KEY).and_then(|t| serde_json::from_str::<RekapSession>(&t).ok()) {
        // Kept in `localStorage` by this version when IndexedDB could not be used.
        files = old.files;
    }
    RekapSession { files, meta }
}

/// Largest session kept when IndexedDB cannot be used and `localStorage` must do (browsers
/// allow about 5 MB per site there).
const FALLBACK_MAX_CHARS: usize = 4_500_000;

/// Saves the coordinator's session: the files when they changed since the last save (`size`,
/// their size, is checked first against what the browser's quota leaves), then the rest.
/// Without IndexedDB the whole session goes to `localStorage`, within its limit.
pub async fn save_rekap(
    files: std::rc::Rc<Vec<(String, String)>>,
    meta: RekapMeta,
    size: usize,
) -> Result<(), StorageError> {
    match store(&files, &meta, size).await {
        Err(StorageError::Unavailable) => {
            if size > FALLBACK_MAX_CHARS {
                web::remove(REKAP_KEY);
                return Err(StorageError::Full);
            }
            let session = RekapSession { files: files.to_vec(), meta };
            web::set(REKAP_KEY, &serde_json::to_string(&session).expect("session serialises"))?;
            Err(StorageError::Fallback)
        }
        other => other,
    }
}

/// Stores the session in IndexedDB: `Unavailable` when there is none, `Full` for the quota.
async fn store(files: &std::rc::Rc<Vec<(String, String)>>, meta: &RekapMeta, size: usize) -> Result<(), StorageError> {
    if matches!(web::storage_status(), Err(StorageError::Fallback | StorageError::Unavailable)) {
        return Err(StorageError::Unavailable);
    }
    let stored = STORED_FILES.with(|s| s.borrow().upgrade().is_some_and(|f| std::rc::Rc::ptr_eq(&f, files)));
    if !stored {
        let (quota, usage) = web::storage_space().await;
        // Strings are stored about one byte a character; twice over for the copy being replaced.
        if quota > 0.0 && quota - usage < 2.0 * size as f64 {
            return Err(StorageError::Full);
        }
        match put_files_in_worker(files).await {
            Some(result) => result,
            None => {
                let flat = js_sys::Array::new();
                for (name, text) in files.iter() {
                    flat.push(&JsValue::from_str(name));
                    flat.push(&JsValue::from_str(text));
                }
                web::area_put(FILES_KEY, &flat).await
            }
        }
        .map_err(quota_or_unavailable)?;
        STORED_FILES.with(|s| *s.borrow_mut() = std::rc::Rc::downgrade(files));
    }
    let text = serde_json::to_string(meta).expect("the session serialises");
    web::area_put(META_KEY, &JsValue::from_str(&text)).await.map_err(quota_or_unavailable)
}

/// Stores the files under `FILES_KEY` from a worker (`js/ampk-rekap-store.js` of this crate,
/// copied beside the module by `index.html`): storing tens of megabytes of text takes the
/// page's thread a few hundred milliseconds, and the worker gets the texts as one transferred
/// buffer, filled a slice at a time (the browser getting its turn in between). `None` when no
/// worker could do it (the page then stores them itself); else the outcome, an error message as
/// `area_put`'s.
async fn put_files_in_worker(files: &[(String, String)]) -> Option<Result<(), String>> {
    let total: usize = files.iter().map(|(_, text)| text.len()).sum();
    let bytes = js_sys::Uint8Array::new_with_length(u32::try_from(total).ok()?);
    let (names, lengths) = (js_sys::Array::new(), js_sys::Array::new());
    let (mut at, mut slice_start) = (0u32, clock_ms());
    for (name, text) in files {
        let len = text.len() as u32;
        bytes.subarray(at, at + len).copy_from(text.as_bytes());
        names.push(&JsValue::from_str(name));
        lengths.push(&JsValue::from(len));
        at += len;
        if clock_ms() - slice_start > 20.0 {
            yield_now().await;
            slice_start = clock_ms();
        }
    }
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options("./ampk-rekap-store.js", &options).ok()?;
    // The answer (a message) or the worker's failure (an error event) settles the wait.
    let answered = js_sys::Promise::new(&mut |resolve, _| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&resolve));
    });
    let buffer = bytes.buffer();
    let message = js_sys::Array::of4(&FILES_KEY.into(), &names, &buffer, &lengths);
    let sent = worker.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer));
    let answer = match sent {
        Ok(()) => wasm_bindgen_futures::JsFuture::from(answered).await.ok(),
        Err(_) => None,
    };
    worker.terminate();
    let reply = answer?.dyn_into::<web_sys::MessageEvent>().ok()?.data().as_string()?;
    Some(if reply.is_empty() { Ok(()) } else { Err(reply) })
}

fn quota_or_unavailable(message: String) -> StorageError {
    if message.contains("Quota") {
        StorageError::Full
    } else {
        StorageError::Unavailable
    }
}

/// The page's own message channel, by which [`yield_now`] resumes: the waiting resumptions in
/// the order asked, one per message.
struct NextTask {
    port: web_sys::MessagePort,
    waiting: std::rc::Rc<std::cell::RefCell<std::collections::VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn Fn()>,
}

thread_local! {
    static NEXT_TASK: Option<NextTask> = {
        let channel = web_sys::MessageChannel::new().ok();
        channel.map(|c| {
            let waiting: std::rc::Rc<std::cell::RefCell<std::collections::VecDeque<js_sys::Function>>> = Default::default();
            let on_message = {
                let waiting = waiting.clone();
                Closure::<dyn Fn()>::new(move || {
                    let next = waiting.borrow_mut().pop_front();
                    if let Some(f) = next {
                        let _ = f.call0(&JsValue::NULL);
                    }
                })
            };
            c.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            NextTask { port: c.port2(), waiting, _on_message: on_message }
        })
    };
}

/// Gives the browser its turn (input, painting, the readers' messages) and resumes in a task of
/// its own. By a message the page posts itself, not a timer: the browser holds nested timers back
/// at least 4 ms each, which a batch drawn in dozens of tasks would wait for every time.
pub async fn yield_now() {
    let mut posted = false;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        posted = NEXT_TASK.with(|n| {
            n.as_ref().is_some_and(|n| {
                n.waiting.borrow_mut().push_back(resolve);
                let ok = n.port.post_message(&JsValue::UNDEFINED).is_ok();
                if !ok {
                    n.waiting.borrow_mut().pop_back();
                }
                ok
            })
        });
    });
    if posted {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    } else {
        ampk_web::browser::yield_now().await;
    }
}

/// Milliseconds on the page's clock, to time slices of work.
pub fn clock_ms() -> f64 {
    js_sys::Date::now()
}

/// Forgets the coordinator's session.
pub fn clear_rekap() {
    web::remove(REKAP_KEY);
    forget_legacy_session();
    STORED_FILES.with(|s| *s.borrow_mut() = std::rc::Weak::new());
    wasm_bindgen_futures::spawn_local(async {
        let _ = web::area_put(FILES_KEY, &JsValue::UNDEFINED).await;
        let _ = web::area_put(META_KEY, &JsValue::UNDEFINED).await;
    });
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

/// The first number of the next reader's range for the messages of its reports' problems
/// (`ampk_core::problem::numbered`): every reader of the page's life its own, 2^32 apart, so
/// that the page knows every number it reads.
fn next_numbers() -> f64 {
    thread_local! {
        static READERS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = READERS.with(|r| {
        let n = r.get();
        r.set(n + 1);
        n
    });
    f64::from(n) * 4_294_967_296.0
}

/// How long the page hands files over before the browser's turn.
const HAND_OVER_MS: f64 = 10.0;

/// Files handed to a reader at a time (a reader answers a group of its files at a time, see
/// `js/ampk-rekap-reader.js`).
const READ_CHUNK: usize = 32;

/// What became of a file of an import: its bytes and, when a reader assessed it, its report
/// (`FileReport::to_json`; empty: the page assesses the file itself), or why it was not read.
pub type Answer = Result<(Vec<u8>, String), Refused>;

/// Why a file of an import was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum Refused {
    /// Over the size limit, unread: its size.
    TooLarge(u64),
    /// The browser could not read it (it changed or went away since it was chosen): its reason.
    Unreadable(String),
}

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
    /// The batch being taken (see `js/ampk-rekap-reader.js`): its entries (three numbers a
    /// file), its bytes, copied into this module's memory at once, and where its next file is.
    current: Option<ReaderBatch>,
    failed: bool,
    /// Resolves the promise the page awaits while nothing is there to take.
    wake: Option<js_sys::Function>,
}

/// A reader's message, being taken: `entries` (index, length, report length per file) over
/// `data` (each file's bytes, then its report).
struct ReaderBatch {
    entries: Vec<i32>,
    data: Vec<u8>,
    /// The next entry, and where its bytes start.
    next: usize,
    at: usize,
}

impl ReaderBatch {
    /// A reader's message; `None` when it is no such batch.
    fn of(message: &js_sys::Array) -> Option<ReaderBatch> {
        let entries = message.get(0).dyn_into::<js_sys::Int32Array>().ok()?.to_vec();
        let buffer: JsValue = message.get(1).dyn_into::<js_sys::ArrayBuffer>().ok()?.into();
        let data = js_sys::Uint8Array::new(&buffer).to_vec();
        Some(ReaderBatch { entries, data, next: 0, at: 0 })
    }

    /// The next file of the batch: its number and answer (`None` at its end, or when its
    /// numbers do not fit its bytes).
    fn take(&mut self) -> Option<(usize, Answer)> {
        let [index, length, report] = *self.entries.get(self.next..self.next + 3)? else { return None };
        self.next += 3;
        let index = usize::try_from(index).ok()?;
        let Ok(length) = usize::try_from(length) else {
            let refused = if length == -2 {
                let n = usize::try_from(report).ok()?;
                let reason = self.data.get(self.at..self.at + n)?;
                self.at += n;
                Refused::Unreadable(String::from_utf8_lossy(reason).into_owned())
            } else {
                Refused::TooLarge(u64::try_from(report).unwrap_or(0))
            };
            return Some((index, Err(refused)));
        };
        let bytes = self.data.get(self.at..self.at + length)?.to_vec();
        self.at += length;
        let report = match usize::try_from(report) {
            Ok(n) => {
                let text = self.data.get(self.at..self.at + n)?;
                self.at += n;
                std::str::from_utf8(text).unwrap_or_default().to_string()
            }
            Err(_) => String::new(),
        };
        Some((index, Ok((bytes, report))))
    }
}

impl Reads {
    fn wake(&mut self) {
        if let Some(f) = self.wake.take() {
            let _ = f.call0(&JsValue::NULL);
        }
    }

    /// The next file answered: its number and answer. A message that is no batch, or whose
    /// numbers do not fit its bytes, counts as the readers' failure: the page then reads the
    /// files still unanswered itself.
    fn take(&mut self) -> Option<(usize, Answer)> {
        loop {
            if let Some(batch) = &mut self.current {
                if let Some(answer) = batch.take() {
                    return Some(answer);
                }
                if batch.next < batch.entries.len() {
                    self.failed = true;
                }
            }
            self.current = ReaderBatch::of(&self.batches.pop_front()?);
            if self.current.is_none() {
                self.failed = true;
            }
        }
    }
}

impl FileReads {
    /// Starts reading `files` (those larger than `limit` bytes are refused unread) and assessing
    /// them as `names` with the rubric of fingerprint `sha256` (the one in use, else the model),
    /// with one reader more than the computer has cores, at least 2 and at most 4.
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
        // One reader more than the cores: the page's thread waits on the readers a third of the
        // time, and a reader waits on the browser for every group it reads.
        let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency()) as usize;
        let count = (cores + 1).clamp(2, 4).min(reads.files.len().div_ceil(READ_CHUNK));
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
        let text = JsValue::from(text);
        for w in &reads.workers {
            let rubric = js_sys::Array::of4(&"rubric".into(), &text, &sha256.into(), &JsValue::from(next_numbers()));
            let _ = w.post_message(&rubric);
        }
        // Handed out a chunk at a time, in turn, so files come back roughly in order; the page
        // yields first (the task that chose the files took their list) and now and then after
        // (handing over 10,000 files takes a while). The first use of a chosen file costs a round
        // trip to the browser, slower while the readers start: each file is touched here (its
        // size) before it is handed over, so that a slow one ends the chunk and the task early;
        // the slices are short (`HAND_OVER_MS`), as one round trip now and then takes 20–30 ms.
        yield_now().await;
        let mut slice_start = clock_ms();
        let (mut list, mut named, mut first, mut sent) = (js_sys::Array::new(), js_sys::Array::new(), 0, 0);
        for (i, (f, name)) in reads.files.iter().zip(names).enumerate() {
            let _ = f.size();
            list.push(f);
            named.push(&JsValue::from_str(name));
            let late = clock_ms() - slice_start > HAND_OVER_MS;
            if list.length() as usize == READ_CHUNK || late || i + 1 == reads.files.len() {
                let message = js_sys::Array::of4(&list, &named, &JsValue::from(first), &JsValue::from(limit as f64));
                if reads.workers[sent % reads.workers.len()].post_message(&message).is_err() {
                    shared.borrow_mut().failed = true;
                    break;
                }
                (list, named, first, sent) = (js_sys::Array::new(), js_sys::Array::new(), i + 1, sent + 1);
            }
            if late {
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
                // `read_file` answers a file it cannot read with its size, as one over the limit.
                let answer = read_file(&self.files[i], self.limit).await;
                return Some((i, answer.map(|b| (b, String::new())).map_err(Refused::TooLarge)));
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
    fn rescue_rekap(message: &str, reload_label: &str, copy_label: &str, empty: &str);
    /// The session an earlier version kept in `localStorage`, if any.
    fn legacy_session() -> Option<String>;
    /// Removes it (once moved).
    fn forget_legacy_session();
}

/// What the coordinator module's panic hook shows: the imported files and jury marks are saved
/// in this browser (the session is stored after every change); reload, or keep a copy of it.
pub fn show_rekap_rescue() {
    rescue_rekap(
        &in_every_language(Texts::rekap_rescue_message),
        &in_every_language(Texts::rekap_rescue_reload),
        &in_every_language(Texts::rekap_rescue_copy),
        &in_every_language(Texts::rekap_rescue_empty),
    );
}
