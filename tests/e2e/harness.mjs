// Shared end-to-end harness: serves dist/ on 127.0.0.1 with a tiny static server and launches
// Debian's Chromium through playwright-core (never a downloaded browser).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = path.join(root, 'dist');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
};

/**
 * Serves `dir` (default dist/) under `prefix` (to prove dist/ works from a sub-path), on `host`
 * (loopback unless a journey needs another address), with `headers` on every answer (the
 * benchmark's cross-origin isolation, which lets it measure the tab's memory).
 */
export async function serve(dir = dist, prefix = '/', host = '127.0.0.1', headers = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404).end(); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end(); return;
    }
    res.writeHead(200, { ...headers, 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, host, ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((ok) => server.close(ok)) };
}

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Content Security Policy violations seen in any page of any browser `launch` started. Every
 * context reports them (an init script listens for `securitypolicyviolation`) as a console error,
 * which the journeys that check console errors fail on, and here, which `journeyEnv` checks
 * after each file's journeys: no journey may cause one.
 */
export const cspViolations = [];

async function watchPolicy(context) {
  await context.exposeBinding('__ampkCspViolation', (_source, text) => { cspViolations.push(text); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const text = `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
      console.error(text);
      window.__ampkCspViolation(text);
    });
  });
}

export async function launch() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchPolicy(context);
    return context;
  };
  return browser;
}

/**
 * A console message that is an error of the page: every `error` except the browser's own line
 * for the expected 404 of `rubric.json` (the kit asks for the published rubric on every start,
 * and a kit with none published answers 404 — the model rubric is then used, as designed).
 */
export function isPageError(m) {
  if (m.type() !== 'error') return false;
  const url = m.location()?.url ?? '';
  return !(m.text().startsWith('Failed to load resource') && url.endsWith('/rubric.json'));
}

/** Opens a page (in a new context with `options`) that records console errors and page errors into `errors`. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (isPageError(m)) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

/**
 * The setting every journey file shares: before its tests, `dist/` served under `/kit/`, one
 * Chromium and (with `tmpPrefix`) a temporary folder; after them, all of it closed and removed.
 * Returns the object the tests read them from (`env.server.url`, `env.browser`, `env.tmp`).
 */
export function journeyEnv(tmpPrefix = null) {
  const env = { server: null, browser: null, tmp: null };
  before(async () => {
    if (tmpPrefix) env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    env.server = await serve(undefined, '/kit/');
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    assert.deepEqual(cspViolations, [], 'no Content Security Policy violation in any journey');
    await env.server?.close();
    if (env.tmp) fs.rmSync(env.tmp, { recursive: true, force: true });
  });
  return env;
}

/**
 * Every entry of an IndexedDB store of the kit's database `ampk` (`kv`: the officer's data,
 * `area`: the coordinator's session), as an object key → value; null when the database or the
 * store is not there. Reading never creates the database (an open that would is aborted).
 */
export async function idbEntries(page, store) {
  return page.evaluate((name) => new Promise((ok) => {
    let r;
    try { r = indexedDB.open('ampk'); } catch { ok(null); return; }
    r.onupgradeneeded = () => r.transaction.abort();
    r.onerror = () => ok(null);
    r.onsuccess = () => {
      const db = r.result;
      const out = {};
      let c;
      try { c = db.transaction(name).objectStore(name).openCursor(); } catch { db.close(); ok(null); return; }
      c.onsuccess = () => {
        const cur = c.result;
        if (cur) { out[cur.key] = cur.value; cur.continue(); } else { db.close(); ok(out); }
      };
      c.onerror = () => { db.close(); ok(null); };
    };
  }), store);
}

/**
 * The coordinator's stored session, as one object ({ files: [[name, text]…], jury, review,
 * reviewer }): from IndexedDB (the files as a flat array, the rest as JSON), else from
 * localStorage (`ampk.rekap`); null when none.
 */
export async function rekapSession(page) {
  const area = await idbEntries(page, 'area');
  const flat = area?.['rekap.files'];
  if (!flat) {
    const text = await page.evaluate(() => localStorage.getItem('ampk.rekap'));
    return text ? JSON.parse(text) : null;
  }
  const files = [];
  for (let i = 0; i + 1 < flat.length; i += 2) files.push([flat[i], flat[i + 1]]);
  return { files, ...JSON.parse(area['rekap.meta'] ?? '{}') };
}

/** Polls `read()` (async) until `test(value)` holds (5 s at most), and returns the value. */
export async function until(read, test, what) {
  const end = Date.now() + 5_000;
  for (;;) {
    const v = await read();
    if (test(v)) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}: ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}
