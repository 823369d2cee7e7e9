export async function published() {
  try {
    const r = await fetch('rubric.json', { cache: 'no-store' });
    return [r.status, r.ok ? await r.text() : '', r.headers.get('x-ampk-fetched-at') || ''];
  } catch {
    return [0, '', ''];
  }
}
export async function fetch_text(url) {
  try {
    // Never waits for ever: the page's start waits for its texts in a language other than the default.
    const r = await fetch(url, { signal: AbortSignal.timeout(10000) });
    return r.ok ? await r.text() : null;
  } catch {
    return null;
  }
}
export function offline(onUpdate) {
  const sw = navigator.serviceWorker;
  const url = document.querySelector('meta[name=ampk-sw]')?.content;
  if (!url) {
    sw?.getRegistrations().then((rs) => rs.forEach((r) => r.unregister()));
    return 0;
  }
  if (!sw) return 1;
  const had = !!sw.controller;
  sw.addEventListener('controllerchange', () => { if (reloading) location.reload(); else if (had) onUpdate(); });
  sw.register(url).then((reg) => {
    if (!reg) return;
    const check = () => { if (reg.waiting && sw.controller) onUpdate(); };
    check();
    reg.addEventListener('updatefound', () => reg.installing?.addEventListener('statechange', check));
    const look = () => reg.update().catch(() => {});
    document.addEventListener('visibilitychange', () => { if (!document.hidden) look(); });
    addEventListener('online', look);
    setInterval(look, 3600000);
  }, () => {});
  return 0;
}
let reloading = false;
export function apply_update() {
  navigator.serviceWorker.getRegistration().then((reg) => {
    if (!reg?.waiting) return location.reload();
    reloading = true;
    reg.waiting.postMessage('skip');
  });
}
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
export function printing(f) {
  const q = matchMedia('print');
  const on = () => f(q.matches);
  q.addEventListener('change', on);
  addEventListener('beforeprint', () => f(true));
  addEventListener('afterprint', on);
}
export function download(name, mime, bytes) {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
export function in_worker(loader, message, done) {
  let w;
  try { w = new Worker(loader); } catch { done(false, `${loader} could not start`); return; }
  let open = true;
  const fin = (ok, v) => { if (open) { open = false; w.terminate(); done(ok, v); } };
  w.onmessage = (e) => { if (e.data === 'ready') w.postMessage(message); else fin(true, e.data); };
  w.onerror = () => fin(false, 'the worker module failed to load or crashed');
}
export function focus(id) {
  const el = document.getElementById(id);
  if (el) { el.focus(); el.scrollIntoView(); }
}
export function ask(message) { return confirm(message); }
export function print_page() { print(); }
export function now_iso() { return new Date().toISOString().replace(/\.\d+Z$/, 'Z'); }
export function on_hide(f) {
  addEventListener('pagehide', () => f());
  document.addEventListener('visibilitychange', () => f());
}
let gone = false;
addEventListener('pagehide', () => { gone = true; }, true);
addEventListener('pageshow', () => { gone = false; });
export function leaving() { return gone || document.visibilityState === 'hidden'; }
const SOONER = ['pointerdown', 'focusout', 'pagehide', 'visibilitychange'];
const later = [];
export function after_paint(f) {
  if (later.push(f) === 1) {
    SOONER.forEach((e) => addEventListener(e, run_later, true));
    requestAnimationFrame(() => setTimeout(run_later, 0));
  }
}
export function run_later() {
  SOONER.forEach((e) => removeEventListener(e, run_later, true));
  later.splice(0).forEach((f) => f());
}
export function hash() { return location.hash.replace(/^#/, ''); }
export function on_hash(f) { addEventListener('hashchange', () => f(hash())); }
const DB = 'ampk';
const KV = 'kv';
const AREA = 'area';
const MOVED = 'ampk.moved';
const FALLBACK = 'ampk.fallback';
const MERGED = 'ampk.fallback.merged';
let db = null;
let mode = 0;
let cache = null;
let dirty = new Map();
let timer = 0;
let onChange = null;
let stamped = false;
let stamp = null;
let spilled = false;
let last = 0;

const ls = () => { try { return localStorage; } catch { return null; } };
const officerKey = (k) => k.startsWith('ampk.') && !k.startsWith('ampk.rekap') && k !== FALLBACK;
const lsKeys = (s) => { const ks = []; for (let i = 0; s && i < s.length; i++) { const k = s.key(i); if (officerKey(k)) ks.push(k); } return ks; };
const req = (r) => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
const done = (tx) => new Promise((ok, no) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => no(tx.error); });
const kind = (e) => (e && e.name === 'QuotaExceededError' ? 2 : 1);

export function store_open() {
  if (db || cache) return Promise.resolve(mode);
  return new Promise((ok) => {
    let r;
    try { r = indexedDB.open(DB, 1); } catch { ok(fallback()); return; }
    r.onupgradeneeded = () => { r.result.createObjectStore(KV); r.result.createObjectStore(AREA); };
    r.onerror = () => ok(fallback());
    r.onblocked = () => ok(fallback());
    r.onsuccess = () => { db = r.result; load().then(() => ok(mode = 1), () => { db = null; ok(fallback()); }); };
  });
}

function fallback() {
  cache = null;
  db = null;
  const s = ls();
  mode = 3;
  if (s) {
    try { s.setItem('ampk.probe', '1'); s.removeItem('ampk.probe'); mode = 2; } catch (e) { mode = kind(e) === 2 ? 4 : 3; }
  }
  return mode;
}

async function load() {
  const tx = db.transaction(KV, 'readonly');
  const st = tx.objectStore(KV);
  const [keys, values] = await Promise.all([req(st.getAllKeys()), req(st.getAll())]);
  const m = new Map(keys.map((k, i) => [k, values[i]]));
  const s = ls();
  const old = lsKeys(s);
  const stamp = s?.getItem(FALLBACK) ?? null;
  const take = !m.has(MOVED) || (stamp !== null && m.get(MERGED) !== stamp);
  if (take && (old.length || !m.has(MOVED))) {
    const w = db.transaction(KV, 'readwrite', { durability: 'strict' });
    const ws = w.objectStore(KV);
    for (const k of old) { const v = s.getItem(k); m.set(k, v); ws.put(v, k); }
    m.set(MOVED, '1');
    ws.put('1', MOVED);
    if (stamp !== null) { m.set(MERGED, stamp); ws.put(stamp, MERGED); }
    await done(w);
  }
  for (const k of old) s.removeItem(k);
  s?.removeItem(FALLBACK);
  cache = m;
}

export function store_mode() { return mode === 1 && last ? 4 + last : mode; }

export function store_get(k) {
  if (cache) return cache.get(k) ?? null;
  try { return ls()?.getItem(k) ?? null; } catch { return null; }
}

function lsWrite(k, v) {
  const s = ls();
  if (!s) return 3;
  try {
    if (!stamped && officerKey(k)) { stamp = String(Date.now()); s.setItem(FALLBACK, stamp); stamped = true; }
    if (v == null) s.removeItem(k); else s.setItem(k, v);
    return 0;
  } catch (e) { return kind(e); }
}

export function store_set(k, v) {
  if (!cache) return lsWrite(k, v);
  if (v == null) cache.delete(k); else cache.set(k, v);
  dirty.set(k, v ?? null);
  if (!timer) timer = setTimeout(store_flush, 0);
  return last;
}

export function store_resend(keys) {
  if (cache) for (const k of keys) if (cache.has(k)) dirty.set(k, cache.get(k));
  store_flush();
}

export function store_flush() {
  clearTimeout(timer);
  timer = 0;
  if (!dirty.size || !db) return;
  const batch = dirty;
  dirty = new Map();
  let tx;
  try {
    tx = db.transaction(KV, 'readwrite', { durability: 'strict' });
    const st = tx.objectStore(KV);
    for (const [k, v] of batch) { if (v === null) st.delete(k); else st.put(v, k); }
    if (spilled && stamp) { st.put(stamp, MERGED); cache.set(MERGED, stamp); }
    tx.commit?.();
  } catch (e) { failed(batch, e); return; }
  done(tx).then(() => {
    if (spilled) {
      spilled = false;
      const s = ls();
      for (const k of lsKeys(s)) s.removeItem(k);
      s?.removeItem(FALLBACK);
      stamped = false;
    }
    if (last) onChange?.(last = 0);
  }, (e) => failed(batch, e));
}

function failed(batch, e) {
  if (!cache) return;
  if (kind(e) === 2) {
    for (const [k, v] of batch) if (!dirty.has(k)) dirty.set(k, v);
    let worst = 1;
    for (const [k, v] of batch) if (officerKey(k) && lsWrite(k, v)) worst = 2;
    spilled = true;
    onChange?.(last = worst);
    return;
  }
  let worst = 1;
  const all = cache;
  db = null;
  cache = null;
  mode = 2;
  for (const [k, v] of all) if (officerKey(k) && k !== MOVED && k !== MERGED && lsWrite(k, v)) worst = 2;
  for (const [k, v] of batch) if (v === null) lsWrite(k, null);
  onChange?.(last = worst);
}

export function store_watch(f) { onChange = f; }

export async function area_get(k) {
  if (!db) return undefined;
  return req(db.transaction(AREA, 'readonly').objectStore(AREA).get(k));
}

export async function area_put(k, v) {
  if (!db) throw new Error('no IndexedDB');
  const tx = db.transaction(AREA, 'readwrite', { durability: 'strict' });
  if (v === undefined) tx.objectStore(AREA).delete(k); else tx.objectStore(AREA).put(v, k);
  tx.commit?.();
  await done(tx);
}

export async function space() {
  try {
    const e = await navigator.storage.estimate();
    return [e.quota ?? 0, e.usage ?? 0];
  } catch { return [0, 0]; }
}

export async function persist() {
  try {
    const s = navigator.storage;
    return (await s.persisted()) || (await s.persist());
  } catch { return false; }
}
let banner = null;
export function rescue(...args) {
  (banner ?? import(new URL('ampk-rescue.js', document.baseURI).href))
    .then((m) => m.rescue({ get: store_get }, ...args), (e) => console.error(e));
}
export function load_rescue() {
  setTimeout(() => { banner ??= import(new URL('ampk-rescue.js', document.baseURI).href); banner.catch(() => { banner = null; }); }, 1000);
}
const areas = {};
export async function show_area(url, name) {
  let m = areas[name];
  if (!m) { m = await import(url); await m.default(); areas[name] = m; }
  m[`mount_${name}`]();
}
export function areas_lang(tag) { for (const n in areas) areas[n][`set_${n}_lang`](tag); }
