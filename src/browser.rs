//! The only module of this crate that touches the browser directly: storage, files, downloads,
//! the clock, random ids, workers, the document and the panic hook. Everything else receives
//! plain values. The generic helpers are public: the coordinator's module (`ampk-rekap`) builds
//! its own browser I/O (`crates/ampk-rekap/src/browser.rs`) on them.

use crate::i18n::{in_every_language, problem};
use crate::wire;
use ampk_core::draft::Draft;
use ampk_core::i18n::Texts;
use ampk_core::officer::{Reply, Request};
use ampk_core::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const LANG_KEY: &str = "ampk.lang";

// Loads an area's own module (the coordinator's `ampk-rekap`, the rubric studio's
// `ampk-studio`) once and mounts it; passes language changes on to every area loaded. A file
// snippet, not inline JS: the officer's and the areas' modules all link this crate, and file
// snippets keep one name and one content in every build (numbered inline ones did not). The
// snippets are shipped as written (trunk does not minify them) and are part of the first load,
// so they carry no comments: these are their comments.
#[wasm_bindgen(module = "/js/host.js")]
extern "C" {
    /// Fetches the module at `url` (absolute) once, initialises it and calls its
    /// `mount_<name>` export (which mounts into `#<name>-root`).
    fn show_area(url: &str, name: &str) -> js_sys::Promise;
    /// Calls `set_<name>_lang(tag)` of every area module loaded so far.
    fn areas_lang(tag: &str);
}

/// Shows an area with its own module (`module` beside the page, mounting into `#<name>-root`,
/// which must be in the page): loads the module the first time. Returns an error message when
/// it cannot be loaded.
pub async fn open_area(module: &str, name: &str) -> Result<(), String> {
    let base = gloo_utils::document().base_uri().ok().flatten().unwrap_or_default();
    let url = web_sys::Url::new_with_base(module, &base).map(|u| u.href()).map_err(|_| "bad URL".to_string())?;
    wasm_bindgen_futures::JsFuture::from(show_area(&url, name)).await.map(|_| ()).map_err(|e| format!("{e:?}"))
}

/// Passes a language change to the areas loaded so far.
pub fn tell_areas_lang(lang: Lang) {
    areas_lang(lang.tag());
}
const RUBRIC_KEY: &str = "ampk.rubric";
const RUBRIC_SHA_KEY: &str = "ampk.rubric.sha256";
/// The published rubric's fingerprint last found valid (`rubric.json` beside the page).
const PUBLISHED_KEY: &str = "ampk.published.sha256";
/// The published fingerprint when the officer chose a rubric by hand: the choice holds until
/// the published rubric changes.
const OVERRIDES_KEY: &str = "ampk.rubric.overrides";
/// Every official rubric used here, by fingerprint (drafts name theirs by fingerprint).
const TEXT_PREFIX: &str = "ampk.rubrics.";
/// Their packs, by fingerprint: what the page uses (`packed_rubric`).
const PACK_PREFIX: &str = "ampk.rubric-packs.";
const NOTICE_KEY: &str = "ampk.https-notice";
const INDEX_KEY: &str = "ampk.drafts";
const CURRENT_KEY: &str = "ampk.current";
const DRAFT_PREFIX: &str = "ampk.draft.";

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

// All stored data of the officer's page (drafts, rubrics, settings) lives in IndexedDB (database
// `ampk`, store `kv`, key → text), read whole into a cache at start, so reads stay synchronous.
// A write changes the cache at once and is committed in the next task, in one transaction with
// `durability: "strict"` (Chromium flushes it to disk on commit): writes of one task coalesce.
// At the first start of this version, the drafts and rubrics of the old layout in
// `localStorage` (`ampk.*` but `ampk.rekap*`) move into IndexedDB and are removed from
// `localStorage` only once the move is committed (`ampk.moved` marks it done). When IndexedDB
// cannot be opened or a commit fails, everything is kept in `localStorage` instead (mode 2), and
// `ampk.fallback` is stamped so the next start with IndexedDB merges those newer writes back;
// `ampk.fallback.merged` remembers the stamp merged, so a leftover copy is never merged twice.
// The areas (the coordinator) keep their own large values in the store `area`, read on demand.
#[wasm_bindgen(module = "/js/host.js")]
extern "C" {
    /// Opens the database and reads the cache (moving the old layout once); resolves to the mode:
    /// 1 IndexedDB, 2 `localStorage` instead, 3 no storage at all, 4 `localStorage` and full.
    fn store_open() -> js_sys::Promise;
    /// The mode now: as [`store_open`]'s, or 5 when IndexedDB's last commit was refused for the
    /// quota and its writes are kept in `localStorage` meanwhile, 6 when they could not be.
    fn store_mode() -> u32;
    fn store_get(key: &str) -> Option<String>;
    /// See [`error_of`].
    fn store_set(key: &str, value: Option<&str>) -> u32;
    /// Commits the queued writes now (the page is being hidden).
    fn store_flush();
    /// Writes `keys` again from the cache and commits now.
    fn store_resend(keys: Vec<String>);
    /// `f(0)` when a commit works after a failure, `f(1)` when one failed and its writes went
    /// to `localStorage` (for good, or until a commit refused for the quota works again), `f(2)`
    /// when they could not be kept anywhere.
    fn store_watch(f: &JsValue);
    /// An area's value under `key` (`undefined` when none, or without IndexedDB).
    #[wasm_bindgen(js_name = area_get)]
    fn area_get_js(key: &str) -> js_sys::Promise;
    /// Stores an area's value (`undefined` deletes it), committed with strict durability.
    #[wasm_bindgen(js_name = area_put)]
    fn area_put_js(key: &str, value: &JsValue) -> js_sys::Promise;
    /// `[quota, usage]` in bytes (0 when unknown).
    fn space() -> js_sys::Promise;
    /// Asks the browser to keep this site's data; resolves to whether it will.
    fn persist() -> js_sys::Promise;
}

/// Opens the page's storage (IndexedDB, else `localStorage`; mode 4: that is full). The app
/// starts after it.
pub async fn open_storage() {
    let _ = wasm_bindgen_futures::JsFuture::from(store_open()).await;
}

/// Why something could not be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser offers no storage at all (private mode, disabled).
    Unavailable,
    /// The quota is exceeded, or the browser refused the write.
    Full,
    /// IndexedDB is unavailable or failed: data is kept in `localStorage`, which the browser
    /// writes to disk only seconds later.
    Fallback,
}

/// A write's answer: 0 done or queued, 1 queued and kept in `localStorage` meanwhile (the last
/// commit was refused for the quota), 2 refused for the quota, 3 no storage.
fn error_of(code: u32) -> Result<(), StorageError> {
    match code {
        0 | 1 => Ok(()),
        3 => Err(StorageError::Unavailable),
        _ => Err(StorageError::Full),
    }
}

/// The stored text under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    store_get(key)
}

/// Stores `value` under `key`.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    error_of(store_set(key, Some(value)))
}

/// Forgets what is stored under `key`.
pub fn remove(key: &str) {
    store_set(key, None);
}

/// Which store holds the data: `Ok` IndexedDB, else why not.
pub fn storage_status() -> Result<(), StorageError> {
    match store_mode() {
        1 => Ok(()),
        2 | 5 => Err(StorageError::Fallback),
        4 | 6 => Err(StorageError::Full),
        _ => Err(StorageError::Unavailable),
    }
}

/// Calls `f` when a commit fails later (quota: the writes are kept in `localStorage` and tried
/// again with the next change; anything else: everything goes to `localStorage` for good), and
/// with `Ok` once a commit works again.
pub fn on_storage_change(f: impl Fn(Result<(), StorageError>) + 'static) {
    let cb = Closure::<dyn Fn(u32)>::new(move |k: u32| {
        f(match k {
            0 => Ok(()),
            2 => Err(StorageError::Full),
            _ => Err(StorageError::Fallback),
        })
    });
    store_watch(cb.as_ref());
    cb.forget();
}

/// An area's stored value (large: the coordinator's session), if any.
pub async fn area_get(key: &str) -> Option<JsValue> {
    let v = wasm_bindgen_futures::JsFuture::from(area_get_js(key)).await.ok()?;
    (!v.is_undefined()).then_some(v)
}

/// Stores an area's value (`undefined` deletes it); `Err` with the browser's message.
pub async fn area_put(key: &str, value: &JsValue) -> Result<(), String> {
    wasm_bindgen_futures::JsFuture::from(area_put_js(key, value)).await.map(|_| ()).map_err(|e| format!("{e:?}"))
}

/// The storage quota and what is used of it, in bytes (`(0, 0)` when the browser does not say).
pub async fn storage_space() -> (f64, f64) {
    let v = wasm_bindgen_futures::JsFuture::from(space()).await.unwrap_or(JsValue::UNDEFINED);
    let a = js_sys::Array::from(&v);
    (a.get(0).as_f64().unwrap_or(0.0), a.get(1).as_f64().unwrap_or(0.0))
}

/// The remembered interface language (Indonesian when none was chosen).
pub fn load_lang() -> Lang {
    get(LANG_KEY).map(|t| Lang::from_tag(&t)).unwrap_or_default()
}

/// Remembers the language and sets `<html lang>`. A failure to remember is harmless.
pub fn save_lang(lang: Lang) {
    let _ = set(LANG_KEY, lang.tag());
    if let Some(el) = gloo_utils::document().document_element() {
        let _ = el.set_attribute("lang", lang.tag());
    }
}

/// The official rubric file chosen earlier, if any (its text).
pub fn saved_rubric() -> Option<String> {
    get(RUBRIC_KEY)
}

/// The fingerprint remembered with the official rubric (it was validated when chosen).
pub fn saved_rubric_sha256() -> Option<String> {
    get(RUBRIC_SHA_KEY)
}

/// Remembers a validated official rubric's text and fingerprint, or forgets it (`None`: back
/// to the built-in rubric).
pub fn save_rubric(rubric: Option<(&str, &str)>) -> Result<(), StorageError> {
    match rubric {
        Some((text, sha256)) => set(RUBRIC_KEY, text).and_then(|_| set(RUBRIC_SHA_KEY, sha256)),
        None => {
            remove(RUBRIC_KEY);
            remove(RUBRIC_SHA_KEY);
            Ok(())
        }
    }
}

/// The text of an official rubric used here before, by its fingerprint.
pub fn rubric_text(sha256: &str) -> Option<String> {
    get(&format!("{TEXT_PREFIX}{sha256}"))
}

/// Keeps an official rubric's text under its fingerprint.
pub fn keep_rubric_text(sha256: &str, text: &str) -> Result<(), StorageError> {
    set(&format!("{TEXT_PREFIX}{sha256}"), text)
}

/// The published rubric last found valid (text and fingerprint).
pub fn saved_published() -> Option<(String, String)> {
    let sha = get(PUBLISHED_KEY)?;
    rubric_text(&sha).map(|text| (text, sha))
}

/// Remembers the published rubric's fingerprint (`None`: none is published).
pub fn save_published(sha256: Option<&str>) {
    match sha256 {
        Some(sha) => drop(set(PUBLISHED_KEY, sha)),
        None => remove(PUBLISHED_KEY),
    }
}

/// The published fingerprint the officer's own choice was made against (see `OVERRIDES_KEY`).
pub fn choice_overrides() -> Option<String> {
    get(OVERRIDES_KEY)
}

/// Records which published rubric the officer's own choice was made against.
pub fn set_choice_overrides(published: Option<&str>) {
    match published {
        Some(sha) => drop(set(OVERRIDES_KEY, sha)),
        None => remove(OVERRIDES_KEY),
    }
}

/// The rubric in use on this computer, as the coordinator's area takes it: the officer's own
/// choice, else the published rubric last found valid (`None`: the built-in model).
pub fn rubric_in_use() -> Option<String> {
    saved_rubric().or_else(|| saved_published().map(|(text, _)| text))
}

// The host's side of the kit: the published rubric and the service worker. A file snippet,
// part of the first load, so without comments; these are its comments.
#[wasm_bindgen(module = "/js/host.js")]
extern "C" {
    /// Fetches `rubric.json` beside the page, past the HTTP cache: `[status, text, fetched]`,
    /// status 0 when the network failed, `fetched` the date of a copy the service worker kept.
    fn published() -> js_sys::Promise;
    /// Fetches a file beside the page as text (`null` when it cannot be fetched).
    fn fetch_text(url: &str) -> js_sys::Promise;
    /// Registers the service worker named by `<meta name="ampk-sw">` (without it, a development
    /// build, unregisters any) and calls `on_update` when a new version waits; 1 when the
    /// browser offers no service worker here (plain http).
    fn offline(on_update: &Closure<dyn Fn()>) -> u32;
    /// Lets the waiting version take over and reloads.
    #[wasm_bindgen(js_name = apply_update)]
    fn apply_update_js();
    /// A random UUID v4 from `crypto.getRandomValues`, which, unlike `crypto.randomUUID`,
    /// browsers also offer on plain http.
    fn uuid() -> String;
    /// Offers `bytes` as a download named `name` (a hidden link to a blob, revoked 10 s later:
    /// revoking at once can cancel the download in some browsers; `hidden`, not a style
    /// attribute, which the Content Security Policy would refuse).
    #[wasm_bindgen(catch, js_name = download)]
    fn download_js(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue>;
    /// Starts the worker `loader`, posts `message` once it says `ready`, and calls
    /// `done(true, reply)` with its first other message or `done(false, why)`; then ends it.
    #[wasm_bindgen(js_name = in_worker)]
    fn in_worker_js(loader: &str, message: &JsValue, done: &JsValue);
    /// Focuses the element with this id and scrolls it into view.
    #[wasm_bindgen(js_name = focus)]
    fn focus_js(id: &str);
    /// The browser's own confirmation dialog.
    fn ask(message: &str) -> bool;
    fn print_page();
    /// The time now, RFC 3339 UTC to the second.
    fn now_iso() -> String;
    /// Calls `f` on `pagehide` and on `visibilitychange`.
    fn on_hide(f: &JsValue);
    /// Calls `f` once, after those given before it: in a task of its own just after the next
    /// frame is painted, or sooner, before a pointer press, a focus change or the page being
    /// hidden.
    #[wasm_bindgen(js_name = after_paint)]
    fn after_paint_js(f: &JsValue);
    /// Runs now, in order, every function `after_paint` holds.
    pub fn run_later();
    /// Whether the page is hidden or being left (after `pagehide`, until `pageshow`).
    fn leaving() -> bool;
    /// The address bar's hash without `#`.
    #[wasm_bindgen(js_name = hash)]
    fn hash_js() -> String;
    /// Calls `f(hash)` on every `hashchange`.
    fn on_hash(f: &JsValue);
    /// Calls `f(true)` when the page is about to be printed (or print media is emulated) and
    /// `f(false)` after.
    fn printing(f: &JsValue);
}

/// Calls `f(true)` before the page is printed and `f(false)` after: the print view is rendered
/// only then, so typing does not keep a hidden copy of the whole draft up to date.
pub fn on_print(f: impl Fn(bool) + 'static) {
    let cb = Closure::<dyn Fn(bool)>::new(f);
    printing(cb.as_ref());
    cb.forget();
}

/// What `rubric.json` beside the page gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// There is none (404).
    Missing,
    /// Its text; `kept_at` when it is the service worker's copy (offline), with its date.
    Text { text: String, kept_at: Option<String> },
    /// The network failed, or the server answered with this status.
    Unreachable(u16),
}

/// Fetches the published rubric.
pub async fn fetch_published() -> Fetched {
    let got = wasm_bindgen_futures::JsFuture::from(published()).await.unwrap_or_default();
    let part = |i| js_sys::Reflect::get_u32(&got, i).unwrap_or_default();
    let status = part(0).as_f64().unwrap_or(0.0) as u16;
    let text = part(1).as_string().unwrap_or_default();
    let kept_at = part(2).as_string().filter(|d| !d.is_empty());
    match status {
        200 => Fetched::Text { text, kept_at },
        404 => Fetched::Missing,
        s => Fetched::Unreachable(s),
    }
}

/// Starts offline support; `on_update` is called when a new version of the kit waits. Returns
/// whether the officer should be told, once, that offline use needs https.
pub fn start_offline(on_update: impl Fn() + 'static) -> bool {
    let on_update = Closure::<dyn Fn()>::new(on_update);
    let needs_https = offline(&on_update) == 1;
    on_update.forget();
    needs_https && get(NOTICE_KEY).is_none() && set(NOTICE_KEY, "1").is_ok()
}

/// Reloads into the new version of the kit.
pub fn apply_update() {
    apply_update_js();
}

/// One line of the drafts list.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftMeta {
    pub id: String,
    pub name: String,
    pub agency: String,
    pub saved_at: String,
    /// The fingerprint of the draft's rubric, and the draft it was moved from to that rubric
    /// (empty: none; lists saved by earlier versions lack both). Stored as JSON by
    /// `wire::draft_list_js`.
    pub rubric: String,
    pub moved_from: String,
}

/// A rubric used here, compiled: its pack kept under its fingerprint (`ampk_core::rubric::pack`,
/// made by the worker that validated it). `None` when none is kept (kept by an earlier version
/// of the kit, or in an earlier form of pack, or changed since): the worker then packs it again.
/// The page reads no rubric JSON, runs no rubric rule and parses no expression.
pub fn packed_rubric(sha256: &str) -> Option<ampk_core::Rubric> {
    get(&format!("{PACK_PREFIX}{sha256}")).and_then(|p| ampk_core::rubric::unpack(&p)).filter(|r| r.sha256 == sha256)
}

/// Keeps a rubric's pack under its fingerprint (see [`packed_rubric`]).
pub fn keep_pack(sha256: &str, pack: &str) -> Result<(), StorageError> {
    set(&format!("{PACK_PREFIX}{sha256}"), pack)
}

/// A fresh copy of the built-in model rubric, from its pack: with its texts in every language
/// once they were loaded ([`load_model_texts`]), else in the default language only.
pub fn model_rubric() -> ampk_core::Rubric {
    let all = MODEL_ALL.with(|a| a.borrow().clone());
    let packed = all.as_deref().and_then(ampk_core::rubric::unpack);
    let Some(r) = packed.or_else(|| ampk_core::rubric::unpack(ampk_core::rubric::MODEL_RUBRIC_PACK)) else {
        // A tested constant (`the_committed_model_pack_is_current`).
        panic!("the built-in rubric's pack is unreadable")
    };
    r
}

thread_local! {
    /// The model rubric packed with its texts in every language, once loaded.
    static MODEL_ALL: std::cell::RefCell<Option<std::rc::Rc<str>>> = const { std::cell::RefCell::new(None) };
}

/// Takes the model rubric packed with its texts in every language
/// ([`ampk_core::rubric::MODEL_RUBRIC_ALL_PACK`]) when it is the model (its fingerprint) with
/// texts in `lang`, and not taken yet; whether it was taken now.
pub fn provide_model_texts(lang: Lang, pack: String) -> bool {
    let ok = !has_model_texts(lang)
        && ampk_core::rubric::unpack(&pack).is_some_and(|r| {
            r.sha256 == ampk_core::rubric::MODEL_RUBRIC_SHA256 && r.file.title.0.contains_key(lang.tag())
        });
    if ok {
        MODEL_ALL.with(|a| *a.borrow_mut() = Some(pack.into()));
    }
    ok
}

/// Whether the model rubric has its texts in `lang` (the default language's always).
pub fn has_model_texts(lang: Lang) -> bool {
    lang == Lang::default() || MODEL_ALL.with(|a| a.borrow().is_some())
}

/// Loads the model rubric with its texts in every language, once: `ampk-2025-model.all.pack`
/// beside the page (the default language's texts are built in, the others stay out of the
/// first load). Whether it was taken now; when the file cannot be fetched, the model shows its
/// default texts.
pub async fn load_model_texts(lang: Lang) -> bool {
    if has_model_texts(lang) {
        return false;
    }
    let got = wasm_bindgen_futures::JsFuture::from(fetch_text("ampk-2025-model.all.pack")).await.ok();
    got.and_then(|v| v.as_string()).is_some_and(|pack| {
        // Loaded meanwhile by another call: kept once (`provide_model_texts`).
        provide_model_texts(lang, pack)
    })
}

/// Loads the interface's texts in `lang`, once: `ampk-texts.<tag>.txt` beside the page
/// (`ampk_core::i18n::provide`). Whether they were taken now; when the file cannot be fetched
/// or is not this kit's, the default language's texts stay.
pub async fn load_texts(lang: Lang) -> bool {
    if ampk_core::i18n::has_texts(lang) {
        return false;
    }
    TEXTS_LOADING.with(|l| l.set(true));
    let url = format!("ampk-texts.{}.txt", lang.tag());
    let got = wasm_bindgen_futures::JsFuture::from(fetch_text(&url)).await.ok().and_then(|v| v.as_string());
    TEXTS_LOADING.with(|l| l.set(false));
    got.is_some_and(|file| ampk_core::i18n::provide(lang, file))
}

thread_local! {
    static TEXTS_LOADING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a language's texts are being fetched ([`load_texts`]; at most 10 s): the language
/// switch ignores clicks meanwhile, so a late answer cannot undo a later choice.
pub fn texts_loading() -> bool {
    TEXTS_LOADING.with(std::cell::Cell::get)
}

/// The drafts list, most recently saved first.
pub fn list_drafts() -> Vec<DraftMeta> {
    let mut list = get(INDEX_KEY).and_then(|t| wire::parse(&t, wire::draft_list)).unwrap_or_default();
    ampk_core::util::sort_small(&mut list, |a, b| b.saved_at.cmp(&a.saved_at));
    list
}

/// Saves a draft and its line in the list; the draft becomes the current one.
pub fn save_draft(d: &Draft) -> Result<(), StorageError> {
    let text = wire::stringify(&wire::draft_js(d));
    set(&format!("{DRAFT_PREFIX}{}", d.local_id), &text)?;
    let mut list = list_drafts();
    list.retain(|m| m.id != d.local_id);
    list.push(DraftMeta {
        id: d.local_id.clone(),
        name: d.name.clone(),
        agency: d.agency_name.clone(),
        saved_at: now(),
        rubric: d.rubric_sha256.clone(),
        moved_from: d.moved_from.clone(),
    });
    set(INDEX_KEY, &wire::stringify(&wire::draft_list_js(&list)))?;
    set(CURRENT_KEY, &d.local_id)?;
    // Saved, but perhaps only in `localStorage`: that is said too.
    storage_status()
}

/// Loads a draft by id.
pub fn load_draft(id: &str) -> Option<Draft> {
    get(&format!("{DRAFT_PREFIX}{id}")).and_then(|t| wire::parse(&t, wire::draft))
}

/// The draft open last time.
pub fn current_draft() -> Option<Draft> {
    get(CURRENT_KEY).and_then(|id| load_draft(&id))
}

/// Deletes a draft.
pub fn delete_draft(id: &str) -> Result<(), StorageError> {
    remove(&format!("{DRAFT_PREFIX}{id}"));
    let mut list = list_drafts();
    list.retain(|m| m.id != id);
    set(INDEX_KEY, &wire::stringify(&wire::draft_list_js(&list)))
}

/// The current time, RFC 3339 UTC to the second.
pub fn now() -> String {
    now_iso()
}

/// A random UUID v4 from the browser's cryptographic generator.
pub fn new_uuid() -> String {
    uuid()
}

/// Asks the browser to keep this site's data even when space runs short; whether it will.
pub async fn persistence() -> bool {
    wasm_bindgen_futures::JsFuture::from(persist()).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// The draft waiting to be saved (taken from the page's state only when it is saved), and who
/// hears the result.
type Pending = (Box<dyn FnOnce() -> Draft>, Box<dyn FnOnce(Result<(), StorageError>)>);

thread_local! {
    static PENDING: std::cell::RefCell<Option<Pending>> = const { std::cell::RefCell::new(None) };
}

/// How long after its first unsaved change a draft is saved: typing stays free of the
/// serialisation and the storage write, and the change is committed well within 300 ms.
const SAVE_AFTER_MS: i32 = 150;

/// Saves the draft `d` gives soon: at most [`SAVE_AFTER_MS`] after the first change not saved
/// yet (later changes meanwhile replace it, so continuous typing is still saved every 150 ms),
/// or at once by [`flush_on_hide`]. `done` hears the result.
///
/// While the page is hidden or being left, it is saved at once: a keystroke taken by the draft
/// only as the page goes (see [`after_paint`]) is saved then, not after the page is gone.
pub fn save_draft_soon(d: impl FnOnce() -> Draft + 'static, done: impl FnOnce(Result<(), StorageError>) + 'static) {
    let first = PENDING.with(|p| p.borrow_mut().replace((Box::new(d), Box::new(done))).is_none());
    if leaving() {
        flush_drafts();
    } else if first {
        let cb = Closure::once_into_js(flush_drafts);
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), SAVE_AFTER_MS);
    }
}

/// Saves the draft waiting (if any) and tells its page.
fn save_pending() {
    if let Some((d, done)) = PENDING.with(|p| p.borrow_mut().take()) {
        done(save_draft(&d()));
    }
}

/// Saves the draft waiting (if any) and commits every queued write now.
fn flush_drafts() {
    save_pending();
    store_flush();
}

/// When the page is hidden: saves the draft waiting, and writes the open draft again (a
/// commit started just before may not have reached the disk), all committed now.
pub fn flush_on_hide() {
    run_later();
    save_pending();
    let current = get(CURRENT_KEY).map(|id| format!("{DRAFT_PREFIX}{id}"));
    store_resend([Some(INDEX_KEY.to_string()), Some(CURRENT_KEY.to_string()), current].into_iter().flatten().collect());
}

/// Runs `f` in a task of its own just after the browser has painted the next frame, after
/// everything queued before it; sooner when the officer presses a pointer, focus leaves a
/// control or the page is hidden (so a click, the next field or the autosave always sees it),
/// or when [`run_later`] is called. A keystroke in a category reaches the draft this way: the
/// category shows it at once, and the rest of the page follows after the paint (issue 15 §1).
pub fn after_paint(f: impl FnOnce() + 'static) {
    after_paint_js(&Closure::once_into_js(f));
}

/// Offers `bytes` as a download named `name`. Kept out of line: one copy for all its callers
/// makes the officer's bundle smaller than copies inlined into each.
#[inline(never)]
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    download_js(name, mime, bytes)
}

/// The files chosen in a file input (the input is then cleared so the same file can be
/// chosen again).
pub fn take_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let mut out = Vec::new();
    if let Some(list) = input.files() {
        for i in 0..list.length() {
            if let Some(f) = list.get(i) {
                out.push(f);
            }
        }
    }
    input.set_value("");
    out
}

/// Reads a file's bytes, refusing it unread when it is larger than `limit`.
pub async fn read_file(file: &web_sys::File, limit: usize) -> Result<Vec<u8>, u64> {
    let size = file.size() as u64;
    if size > limit as u64 {
        return Err(size);
    }
    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(buf) => Ok(js_sys::Uint8Array::new(&buf).to_vec()),
        Err(_) => Err(size),
    }
}

/// Asks the officer to confirm (the browser's own dialog, keyboard-accessible).
pub fn confirm(message: &str) -> bool {
    ask(message)
}

/// Opens the print dialog.
pub fn print() {
    print_page();
}

/// Moves keyboard focus to the element with `id` (e.g. the error summary or a field).
pub fn focus(id: &str) {
    focus_js(id);
}

/// Runs `f` when the page is hidden (tab switched, closed, navigated away).
pub fn on_page_hide(f: impl Fn() + 'static) {
    on_hide(&Closure::<dyn Fn()>::new(f).into_js_value());
}

/// The route in the address bar's hash (`#/rekap` → `/rekap`).
pub fn hash() -> String {
    hash_js()
}

/// Runs `f` with the new hash whenever it changes.
pub fn on_hash_change(f: impl Fn(String) + 'static) {
    on_hash(&Closure::<dyn Fn(String)>::new(f).into_js_value());
}

/// A panic hook that tells the officer their draft is safe and offers it as a download.
///
/// Installed through `yew::set_custom_panic_hook`: Yew replaces any hook set with
/// `std::panic::set_hook` by its own when an app is rendered, so a plain hook would never run.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("{info}").into());
        show_rescue();
    }));
}

// The officer's crash banner (the coordinator's module has its own, crates/ampk-rekap/js/):
// `js/ampk-rescue.js`, copied beside the page by index.html and fetched by host.js in the
// background once the page has started, so it is out of the first load yet there before a
// crash. Plain JavaScript on purpose: it runs after the page's WebAssembly has aborted, so it
// must not call into it; the export is made by the officer's worker module, a separate
// instance. A problem of the worker's reply is shown in every language the reply carries (its
// members besides `code` and `path`).
#[wasm_bindgen(module = "/js/host.js")]
extern "C" {
    fn rescue(message: &str, export_label: &str, copy_label: &str, failed: &str, request: &str);
    /// Fetches the banner's script (`ampk-rescue.js` beside the page) a second from now, in the
    /// background, so that it is there before a crash.
    fn load_rescue();
}

/// Fetches the crash banner's script in the background (the page has started).
pub fn prepare_rescue() {
    load_rescue();
}

/// What the panic hook shows: the draft is saved; export it (through the officer's worker,
/// which does not depend on the page's crashed instance) or download a copy of the draft. The
/// end-to-end build (feature `e2e-panic`) also exports it (`window.wasmBindings.show_rescue`),
/// so a journey can check it without crashing the page; releases do not carry the export.
#[cfg_attr(feature = "e2e-panic", wasm_bindgen)]
pub fn show_rescue() {
    // The draft waiting for its save (at most 150 ms old) is saved first, so what the banner
    // exports or copies is the draft as last typed; its page callback is dropped unheard (the
    // page may be mid-render, and a second panic would end without the banner).
    if let Some((d, _)) = PENDING.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.take())) {
        let _ = save_draft(&d());
        store_flush();
    }
    // The export request is built here, with the protocol's own type (the stored draft, the
    // official rubric in use, the time now); the banner only posts it when asked.
    let request = current_draft()
        .map(|d| {
            // The rubric the draft was made with (its text kept by fingerprint; none: the model).
            let rubric = rubric_text(&d.rubric_sha256);
            Request::Export { rubric, draft: Box::new(d), now: now() }
        })
        .map(|r| wire::stringify(&wire::request_js(&r)))
        .unwrap_or_default();
    rescue(
        &in_every_language(Texts::crash_message),
        &in_every_language(Texts::crash_export),
        &in_every_language(Texts::crash_copy_draft),
        &in_every_language(Texts::crash_export_failed),
        &request,
    );
}

/// Panics on purpose: the end-to-end suite's way to crash the shipped build for real and see
/// the banner. Exported by every module built on this crate (`window.wasmBindings.e2e_panic`
/// in the officer's page, `e2e_panic` of the `ampk-rekap` module), each panicking in its own
/// instance with its own hook. Compiled only with the test-only `e2e-panic` feature, which
/// `cargo xtask test` enables for its end-to-end build (never `cargo xtask dist`).
#[cfg(feature = "e2e-panic")]
#[wasm_bindgen]
pub fn e2e_panic() {
    panic!("deliberate panic for the end-to-end suite")
}

/// Lets the browser paint and handle input between chunks of work.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs one request in a worker module fetched on demand (`loader`: its loader script) and
/// hands its reply to `done`, or an error message when the worker fails. The worker says
/// "ready" once its module is initialised; only then is `message` sent. The worker is created
/// per request and ends after its reply.
pub fn in_worker(loader: &str, message: JsValue, done: impl FnOnce(Result<JsValue, String>) + 'static) {
    run_in_worker(loader, message, Box::new(done));
}

/// [`in_worker`]'s body, not generic: one copy in the bundle for every caller.
fn run_in_worker(loader: &str, message: JsValue, done: Box<dyn FnOnce(Result<JsValue, String>)>) {
    let done = Closure::once_into_js(move |ok: bool, value: JsValue| {
        done(if ok { Ok(value) } else { Err(value.as_string().unwrap_or_default()) })
    });
    in_worker_js(loader, &message, &done);
}

/// Runs one of the officer's rare steps (official rubric, opening a file, export) in the
/// officer's worker module, fetched the first time one is asked for, and hands the reply to
/// `done`. A worker that cannot run is reported as a problem, like any other.
pub fn officer_task(request: &Request, bytes: Option<&[u8]>, done: impl FnOnce(Reply) + 'static) {
    run_officer_task(request, bytes, Box::new(done));
}

/// [`officer_task`]'s body, not generic: one copy in the bundle for every caller.
fn run_officer_task(request: &Request, bytes: Option<&[u8]>, done: Box<dyn FnOnce(Reply)>) {
    let message = js_sys::Array::new();
    message.push(&JsValue::from_str(&wire::stringify(&wire::request_js(request))));
    if let Some(b) = bytes {
        message.push(&js_sys::Uint8Array::from(b).into());
    }
    in_worker("./ampk-officer-worker_loader.js", message.into(), move |reply| {
        let reply = reply.and_then(|data| {
            let text = data.as_string().ok_or("the worker sent no text")?;
            wire::parse(&text, wire::reply).ok_or_else(|| "the worker's reply was not understood".to_string())
        });
        done(reply.unwrap_or_else(|e| {
            Reply::Problems(vec![problem(ampk_core::ProblemCode::WorkerFailed, &|t| t.officer_worker_failed(&e))])
        }))
    });
}
