// The kit's service worker, generated into dist/sw.js by `cargo xtask dist` (xtask/src/finish.rs),
// which puts every file of dist/ with its content revision in place of self.__MANIFEST__.
//
// - Install: download every file into a cache for this version (a file whose revision is unchanged
//   is copied from the previous version's cache), and the published rubric.json if there is one.
//   Entries marked lazy ([name, rev, 1]: the rubric studio, Diskominfo's) are cached on first use.
// - Waiting: a new version waits until the page asks it to take over ("skip"), so nothing reloads
//   while someone types; the page shows "Versi baru tersedia — muat ulang".
// - Activate: drop older versions' caches and serve the open pages.
// - Fetch: the page and its files from the cache (the network when missing); rubric.json from the
//   network first, its last copy when offline, marked with the date it was fetched
//   (x-ampk-fetched-at) so the page can say how old it is.
const MANIFEST = self.__MANIFEST__;
const PREFIX = 'ampk-app-';
const RUBRIC_CACHE = 'ampk-rubric';
const RUBRIC = 'rubric.json';
const REV = 'x-ampk-rev';
const FETCHED = 'x-ampk-fetched-at';
const cacheName = PREFIX + hash(JSON.stringify(MANIFEST));
const scope = self.registration.scope;
const abs = (name) => new URL(name, scope).href;

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16) + '-' + MANIFEST.length;
}

// A stored copy: the body as the page reads it (already decoded, so without the transfer's
// encoding and length), with one header more.
async function withHeader(res, name, value, body) {
  const headers = new Headers(res.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  headers.set(name, value);
  return new Response(body ?? await res.blob(), { status: res.status, statusText: res.statusText, headers });
}

// The file's revision as cargo xtask dist computes it: the first 16 hex digits of its SHA-256.
async function revision(body) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return Array.from(d.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

// The file fetched past the browser's cache, checked against its revision: a stale copy (from
// a proxy, or a deployment half done) fails the install, which the browser retries later.
async function fetchChecked(url, rev) {
  const res = await fetch(url, { cache: 'reload' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const body = await res.arrayBuffer();
  if (await revision(body) !== rev) throw new Error(`${url}: not revision ${rev}`);
  return withHeader(res, REV, rev, body);
}

async function previous(url, rev) {
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === cacheName) continue;
    const hit = await (await caches.open(key)).match(url);
    if (hit && hit.headers.get(REV) === rev) return hit;
  }
  return null;
}

async function saveRubric(res) {
  const cache = await caches.open(RUBRIC_CACHE);
  if (res.ok) await cache.put(abs(RUBRIC), await withHeader(res.clone(), FETCHED, new Date().toISOString()));
  else if (res.status === 404) await cache.put(abs(RUBRIC), new Response('', { status: 404, headers: { [FETCHED]: new Date().toISOString() } }));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await Promise.all(MANIFEST.filter(([, , lazy]) => !lazy).map(async ([name, rev]) => {
      const url = abs(name);
      const kept = await previous(url, rev);
      await cache.put(url, kept || await fetchChecked(url, rev));
    }));
    // A lazy file already cached by the previous version, unchanged, stays cached.
    for (const [name, rev, l] of MANIFEST) {
      const kept = l && await previous(abs(name), rev);
      if (kept) await cache.put(abs(name), kept);
    }
    try { await saveRubric(await fetch(abs(RUBRIC), { cache: 'no-store' })); } catch { /* offline: kept as it was */ }
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== cacheName) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

async function rubric(request) {
  try {
    const res = await fetch(request, { cache: 'no-store' });
    await saveRubric(res.clone());
    return res;
  } catch (e) {
    const kept = await (await caches.open(RUBRIC_CACHE)).match(abs(RUBRIC));
    if (kept) return kept;
    throw e;
  }
}

const lazy = new Map(MANIFEST.filter(([, , l]) => l).map(([name, rev]) => [abs(name), rev]));

async function fromCache(request, name) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(name ? abs(name) : request);
  if (hit) return hit;
  const rev = lazy.get(request.url);
  if (!rev) return fetch(request);
  try {
    const copy = await fetchChecked(request.url, rev);
    await cache.put(request.url, copy.clone());
    return copy;
  } catch {
    return fetch(request);
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  const path = new URL(request.url).pathname;
  if (path === new URL(abs(RUBRIC)).pathname) event.respondWith(rubric(request));
  else if (request.mode === 'navigate') event.respondWith(fromCache(request, 'index.html'));
  else event.respondWith(fromCache(request));
});
