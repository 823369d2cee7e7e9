// Benchmark (not a test): the coordinator page imports a folder of generated submissions in
// headless Chromium against dist/. Measures import → validate → re-score → rank, from the
// file input's change event until every file has a status and the status table's first page
// is shown, the longest main-thread task meanwhile (the page must stay responsive), and the
// tab's memory once the import is done, and the browser's own floor for that many chosen files.
// Usage: node rekap-bench.mjs DIR [DIR…]
//
// Memory: `performance.measureUserAgentSpecificMemory()` (the whole tab: JavaScript heaps,
// WebAssembly memories, the DOM, workers), which needs a cross-origin isolated page: dist/ is
// served here with COOP/COEP headers, and Chromium measures at once rather than at its next
// garbage collection (ForceEagerMeasureMemory). Also the JavaScript heap in use
// (`performance.memory`) and the coordinator module's WebAssembly memory, which the tab's figure
// leaves out in this Chromium. AMPK_DIST: another build than dist/ (a before figure).
//
// CPU (Linux, from /proc): the CPU seconds the import used in the browser's own process (the
// file access it does on the page's behalf: each file's size, the blob handles and the reads)
// and in the tab's (the page, the readers, the compilers and the tab's side of that file
// access). Their sum over the machine's cores is a lower bound for `seconds`: when it is close,
// the import is bound by the CPU.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve, chromiumArgs } from '../harness.mjs';

const FIRST_PAGE = 100; // crates/ampk-rekap/src/state.rs, FILE_PAGE
const dirs = process.argv.slice(2);
const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const server = await serve(process.env.AMPK_DIST || undefined, '/', '127.0.0.1', isolated);
const floorServer = await serve(path.join(path.dirname(new URL(import.meta.url).pathname), 'floor'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [...chromiumArgs, '--enable-blink-features=ForceEagerMeasureMemory'],
});
// CPU seconds so far of each of the browser's processes (`B` the browser, `R` a tab, `O` the
// others), by pid; a process's figure includes its threads that ended (the readers).
function cpuByProcess() {
  const out = {};
  let pids = [];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/.test(cmd.split('\0')[0])) continue;
      const kind = cmd.includes('--type=renderer') ? 'R' : cmd.includes('--type=') ? 'O' : 'B';
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[pid] = [kind, (Number(f[11]) + Number(f[12])) / 100];
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}
const cpuUsed = (before, after, kind) =>
  Object.entries(after).reduce((sum, [k, [kd, v]]) => (kd === kind ? sum + v - (before[k]?.[1] ?? 0) : sum), 0);
const mb = (b) => (b == null ? 'n/a' : (b / 1e6).toFixed(1));
const rows = [];
for (const dir of dirs) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '#/rekap');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('[data-testid=import-files]');
  await page.evaluate(() => {
    window.__bench = { start: 0, longest: 0, long: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (window.__bench.start && e.startTime >= window.__bench.start) {
          window.__bench.longest = Math.max(window.__bench.longest, e.duration);
          if (e.duration > 50) window.__bench.long += 1;
        }
      }
    }).observe({ type: 'longtask', buffered: false });
    document.querySelector('[data-testid=import-files]')
      .addEventListener('change', () => { window.__bench.start = performance.now(); }, { capture: true });
  });
  // Sampled from before the files are chosen, counted from the last sample before the change
  // event: choosing 10,000 files through the DevTools protocol costs both processes seconds of
  // CPU that no user's choice does.
  const cpuSamples = [[0, cpuByProcess()]];
  const sampler = setInterval(() => cpuSamples.push([Date.now(), cpuByProcess()]), 100);
  await page.setInputFiles('[data-testid=import-files]', files);
  const n = files.length;
  await page.waitForFunction(([n, rows]) => {
    const c = document.querySelector('[data-testid=status-counts] li');
    return !document.querySelector('[data-testid=import-progress]') && c && c.textContent.endsWith(': ' + n)
      && document.querySelectorAll('[data-testid=file-row]').length === rows;
  }, [n, Math.min(n, FIRST_PAGE)], { timeout: 600_000, polling: 50 });
  const r = await page.evaluate(() => ({ ms: performance.now() - window.__bench.start, longest: window.__bench.longest, long: window.__bench.long, at: performance.timeOrigin + window.__bench.start }));
  clearInterval(sampler);
  const cpuAfter = cpuByProcess();
  const cpuBefore = cpuSamples.filter(([t]) => t <= r.at).pop()[1];
  const cpu = { browser: cpuUsed(cpuBefore, cpuAfter, 'B'), tab: cpuUsed(cpuBefore, cpuAfter, 'R') };
  // Whatever the page still does right after (a deferred save) counts for the longest task too.
  await page.waitForTimeout(1500);
  const after = await page.evaluate(() => window.__bench);
  const memory = await page.evaluate(async () => ({
    isolated: self.crossOriginIsolated,
    tab: self.crossOriginIsolated && performance.measureUserAgentSpecificMemory
      ? (await performance.measureUserAgentSpecificMemory()).bytes : null,
    js: performance.memory?.usedJSHeapSize ?? null,
    // The coordinator's module, as the page loaded it (the same URL: the same instance, whose
    // init hands back its exports, memory included, without starting again).
    wasm: (await (await import(new URL('ampk-rekap.js', document.baseURI).href)).default()).memory.buffer.byteLength,
  }));
  // Issue 16: the session is in IndexedDB; time a reload until every file has its status again.
  await page.waitForFunction(async (n) => {
    const db = await new Promise((ok) => { const q = indexedDB.open('ampk'); q.onsuccess = () => ok(q.result); q.onerror = () => ok(null); });
    if (!db) return false;
    const got = await new Promise((ok) => {
      const q = db.transaction('area').objectStore('area').get('rekap.files');
      q.onsuccess = () => ok(q.result?.length ?? 0);
      q.onerror = () => ok(0);
    });
    db.close();
    return got === 2 * n;
  }, n, { timeout: 600_000, polling: 500 });
  const reloadStart = Date.now();
  await page.reload();
  await page.waitForFunction(([n, rows]) => {
    const c = document.querySelector('[data-testid=status-counts] li');
    return !document.querySelector('[data-testid=import-progress]') && c && c.textContent.endsWith(': ' + n)
      && document.querySelectorAll('[data-testid=file-row]').length === rows;
  }, [n, Math.min(n, FIRST_PAGE)], { timeout: 600_000, polling: 50 });
  const restore = (Date.now() - reloadStart) / 1000;
  // The browser's floors. First touch: the same files chosen in a bare file input, each File
  // touched once (its size) on the page's thread, as any use of a chosen file does first
  // (handing it to a worker costs the same): a round trip to the browser per file. Read: a bare
  // page without any of the kit's code (floor/) hands the same files to as many readers as the
  // import starts and has them read and hand back every file as the import's readers do, but
  // assesses nothing: what the browser itself needs to get 10,000 chosen files to the page.
  const floorPage = await context.newPage();
  await floorPage.goto(floorServer.url);
  await floorPage.setInputFiles('#files', files);
  const floor = await floorPage.evaluate(() => {
    const t = performance.now();
    for (const f of document.getElementById('files').files) void f.size;
    return performance.now() - t;
  });
  await floorPage.setInputFiles('#files', files);
  const read = await floorPage.evaluate(() => window.readFloor());
  rows.push({
    files: n,
    seconds: (r.ms / 1000).toFixed(2),
    first_touch_floor_s: (floor / 1000).toFixed(2),
    read_floor_s: (read.all / 1000).toFixed(2),
    cpu_browser_s: Object.keys(cpuBefore).length ? cpu.browser.toFixed(2) : 'n/a',
    cpu_tab_s: Object.keys(cpuBefore).length ? cpu.tab.toFixed(2) : 'n/a',
    restore_after_reload_s: restore.toFixed(2),
    // The Long Tasks API reports only tasks over 50 ms: none reported is every task ≤ 50 ms.
    longest_task_ms: Math.max(r.longest, after.longest) ? Math.round(Math.max(r.longest, after.longest)) : '≤ 50',
    tasks_over_50ms: after.long,
    tab_memory_MB: mb(memory.tab),
    wasm_memory_MB: mb(memory.wasm),
    js_heap_MB: mb(memory.js),
  });
  await context.close();
}
await browser.close();
await server.close();
await floorServer.close();
console.log('\nbrowser import (headless Chromium, dist/):');
console.table(rows);
console.log('targets (issue 15 §3): 10,000 files ≤ 5 s, the longest main-thread task ≤ 50 ms, tab memory after import ≤ 300 MB');
console.log('first_touch_floor_s: the same files touched once each on the page\'s thread (File.size), the part of `seconds` no page code can avoid');
console.log('read_floor_s: a bare page (bench/floor/) hands the same files to the same number of readers, which read them as the import does and assess nothing: the browser\'s own floor for `seconds`');
console.log(`cpu_browser_s, cpu_tab_s: CPU seconds the import used in the browser's own process (file access on the page's behalf) and in the tab's; their sum over the ${os.availableParallelism()} cores bounds \`seconds\` from below`);
console.log('issue 16: the session is kept in IndexedDB; restore_after_reload_s is a reload until every file has its status again');
