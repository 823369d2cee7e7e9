// Journeys of the kit as Diskominfo hosts it: the published rubric.json (valid, broken), a draft
// moved to the published rubric, offline use after one visit, the update banner, and the Content
// Security Policy. Each journey serves its own copy of dist/ under /kit/ (a sub-path), so it can
// publish, break or update files while the page is open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dist, serve, launch, openPage, cspViolations } from './harness.mjs';
import {
  MS, MS_SCORE, byName, scoreSel, ready, fillProfile, fillMediaSosial, excludeOthers, fillContohA, waitScore,
  formState, storedDraft, waitSaved, ampkBin, ampkScore, runAxe, done, modelRubric, readStore, storeGet, storeDeletePrefix,
} from './officer-helpers.mjs';
import { batchDir } from './fixtures/make-batch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** An official rubric with other weights, inputs and scales than the model (its own fixture). */
const OFFICIAL = path.join(here, 'fixtures', 'official-rubric.json');

let browser;
let tmp;
const sites = [];
before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ampk-hosting-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of sites) await s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  assert.deepEqual(cspViolations, [], 'no Content Security Policy violation in any journey');
});

/** A copy of dist/ served under /kit/; `rubric`: the text published as rubric.json. */
async function site(rubric = null, host = '127.0.0.1') {
  const dir = fs.mkdtempSync(path.join(tmp, 'site-'));
  fs.cpSync(dist, dir, { recursive: true });
  if (rubric !== null) fs.writeFileSync(path.join(dir, 'rubric.json'), rubric);
  const server = await serve(dir, '/kit/', host);
  const s = { dir, url: server.url, close: server.close, publish: (text) => fs.writeFileSync(path.join(dir, 'rubric.json'), text) };
  sites.push(s);
  return s;
}

/** `ampk` with arguments; returns its exit status and output. */
function ampk(...args) {
  const run = spawnSync(ampkBin(), args, { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The fingerprint `ampk rubric check` gives a rubric file. */
function fingerprint(file) {
  const run = ampk('rubric', 'check', file);
  assert.equal(run.status, 0, run.stderr + run.stdout);
  const m = /sha256 ([0-9a-f]{64})/.exec(run.stdout + run.stderr);
  assert.ok(m, `no fingerprint in: ${run.stdout}${run.stderr}`);
  return m[1];
}

async function exportFile(page) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.click('[data-testid=export]')]);
  const file = path.join(tmp, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return file;
}

/** Waits until the service worker controls the page (it has precached the kit). */
async function offlineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
}

/** Loads, as the officer's own choice, an official copy of the model named `id` and `title`. */
async function loadOwnRubric(page, id, title) {
  const own = { ...JSON.parse(fs.readFileSync(modelRubric, 'utf8')), id, status: 'official', title };
  const ownFile = path.join(tmp, `${id}.json`);
  fs.writeFileSync(ownFile, JSON.stringify(own));
  await page.setInputFiles('[data-testid=load-rubric]', ownFile);
  await page.waitForSelector('[data-testid=rubric-source][data-source=own]');
  return own;
}

/** Dinas Contoh A's Media Sosial OPD figures, whatever the rubric scores them at. */
async function fillContohAFigures(page) {
  await ready(page);
  await fillProfile(page);
  await fillMediaSosial(page);
  await excludeOthers(page);
}

// ---------------------------------------------------------------------------------------------
// Journeys

test('1. a published rubric.json is everyone\'s default: the header names it, scores follow it, the CLI agrees', async () => {
  const sha = fingerprint(OFFICIAL);
  const rubric = JSON.parse(fs.readFileSync(OFFICIAL, 'utf8'));
  const s = await site(fs.readFileSync(OFFICIAL, 'utf8'));
  const { page, errors, context } = await openPage(browser, s.url);
  await page.waitForSelector('[data-testid=rubric-source][data-source=published]');
  assert.equal(await page.textContent('[data-testid=rubric-title]'), rubric.title.id);
  assert.equal(await page.getAttribute('[data-testid=rubric-status]', 'data-status'), 'official');
  assert.equal(await page.textContent('[data-testid=rubric-status]'), 'Rubrik resmi Diskominfo');
  assert.equal(await page.textContent('[data-testid=rubric-fingerprint]'), sha.slice(0, 12));
  assert.match(await page.textContent('[data-testid=rubric-source]'), /^Rubrik resmi Diskominfo, diterbitkan bersama kit ini/);

  await fillContohAFigures(page);
  const shown = await page.getAttribute(scoreSel(MS), 'data-value');
  // Contoh A's Media Sosial OPD under the fixture's weights and S4 scale (78.34 under the model).
  assert.equal(shown, '77.84', 'the published rubric weighs Contoh A differently from the model');
  const file = await exportFile(page);
  const draft = await storedDraft(page);
  assert.equal(draft.rubric_sha256, sha, 'the draft is made with the published rubric');
  await runAxe(page, 'published rubric');
  await done(context, errors);

  const run = ampk('score', file, '--rubric', OFFICIAL, '--json');
  assert.equal(run.status, 0, run.stderr);
  const [report] = JSON.parse(run.stdout);
  assert.notEqual(report.status, 'rejected', JSON.stringify(report.reasons));
  assert.equal(report.categories.find((c) => c.id === MS).data_score.toFixed(2), shown, 'the CLI gives the shown score');
  // Scored with the model instead, the file is refused: it names both rubrics.
  const wrong = ampk('score', file, '--json');
  const [refused] = JSON.parse(wrong.stdout);
  assert.equal(refused.status, 'rejected');
  assert.ok(refused.reasons.some((r) => r.code === 'rubric_mismatch'), JSON.stringify(refused.reasons));
});

test('2. a broken rubric.json stops the page with every problem; drafts are untouched and the open one still exports', async () => {
  const s = await site();
  const { page, errors, context } = await openPage(browser, s.url);
  await fillContohA(page);
  // Saved with the last change made (the last category left out).
  await waitSaved(page, 'return d.agency_name === "Dinas Contoh A" && d.categories?.[a]?.excluded === false && d.categories?.lapor_opd?.excluded === true;', MS);
  const before = await readStore(page);

  const broken = JSON.parse(fs.readFileSync(OFFICIAL, 'utf8'));
  broken.categories[0].indicators[0].weight += 7;
  broken.unknown_member = true;
  s.publish(JSON.stringify(broken));
  await page.reload();
  await page.waitForSelector('[data-testid=published-broken]');
  assert.equal(await page.textContent('#broken-title'), 'Rubrik yang diterbitkan bersama kit ini (rubric.json) rusak');
  const problems = await page.$$eval('[data-testid=published-problems] li', (els) => els.map((e) => e.textContent));
  assert.ok(problems.some((p) => p.startsWith('unknown_member:')), problems.join(' | '));
  assert.ok(problems.some((p) => p.startsWith('categories[0].indicators:')), problems.join(' | '));
  assert.match(await page.textContent('[data-testid=published-broken]'), /Administrator situs harus memperbaikinya/);
  assert.equal(await page.$(byName(`${MS}.posts`)), null, 'no form: nothing is scored with another rubric');
  await runAxe(page, 'broken published rubric');

  // The open draft exports with the rubric it was made with (the model).
  const file = await exportFile(page);
  const [report] = ampkScore(file);
  assert.equal(report.categories.find((c) => c.id === MS).data_score, 78.34);
  const afterwards = await readStore(page);
  const drafts = (o) => Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith('ampk.draft.')));
  const id = before['ampk.current'];
  const [was, is] = [JSON.parse(drafts(before)[`ampk.draft.${id}`]), JSON.parse(drafts(afterwards)[`ampk.draft.${id}`])];
  // Only the export's own stamp changed.
  for (const d of [was, is]) { delete d.last_exported_at; delete d.exported_digest; delete d.updated_at; }
  assert.deepEqual(is, was, 'the draft is untouched');
  assert.deepEqual(Object.keys(drafts(afterwards)), Object.keys(drafts(before)), 'no draft added or removed');
  await done(context, errors);
});

test('3. a draft made with the model moves to the published rubric: entries carried, changes listed, original kept', async () => {
  const s = await site();
  const { page, errors, context } = await openPage(browser, s.url);
  await fillContohA(page);
  await page.fill(byName(`${MS}.note`), 'Angka per 31 Oktober.');
  // A website figure the published rubric no longer asks for (lh_best_practices).
  await page.check(byName('website.include'));
  await page.fill(byName('website.lh_best_practices'), '78');
  await waitSaved(page, 'return d.categories?.[a]?.note === "Angka per 31 Oktober." && d.categories?.website?.inputs?.lh_best_practices;', MS);
  const original = await storedDraft(page);
  const typed = await formState(page);

  s.publish(fs.readFileSync(OFFICIAL, 'utf8'));
  await page.reload();
  await page.waitForSelector('[data-testid=migration-summary]');
  const sha = fingerprint(OFFICIAL);
  await waitSaved(page, 'return d.rubric_sha256 === a;', sha);
  const moved = await storedDraft(page);
  assert.equal(moved.rubric_sha256, sha);
  assert.equal(moved.moved_from, original.local_id);
  assert.notEqual(moved.local_id, original.local_id, 'a new draft');

  // The summary's changes are the CLI's `ampk rubric diff`, line for line.
  const diff = ampk('rubric', 'diff', modelRubric, OFFICIAL, '--lang', 'id');
  assert.equal(diff.status, 1, `ampk rubric diff exits 1 when the rubrics differ: ${diff.stderr}`);
  const cliLines = diff.stdout.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
  const changes = await page.$$eval('[data-testid=migration-change]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(changes, cliLines, 'the same comparison as ampk rubric diff');
  assert.ok(changes.includes('Kategori `media_sosial_opd`: bobot indikator `S1` berubah dari 15 menjadi 10'));
  assert.ok(changes.includes('Kategori `website`: masukan `lh_best_practices` (Skor Lighthouse Best Practices) dihapus'));

  // Every entry the published rubric still has is carried over, as typed.
  const now = await formState(page);
  for (const [key, value] of Object.entries(typed)) {
    // The draft's new name, and the two website entries the published rubric removed.
    if (key === 'draft.name' || /^website\.(lh_best_practices|content\.kontak)/.test(key)) continue;
    assert.equal(now[key], value, `${key} carried over`);
  }
  assert.equal(now[`${MS}.note`], 'Angka per 31 Oktober.');
  assert.equal(now['agency.name'], 'Dinas Contoh A');
  assert.equal(await page.getAttribute(scoreSel(MS), 'data-value'), '77.84', 'scored with the published rubric');
  const dropped = await page.$$eval('[data-testid=migration-dropped]', (els) => els.map((e) => e.textContent));
  assert.equal(dropped.length, 1, dropped.join(' | '));
  assert.match(dropped[0], /`lh_best_practices`.*Nilai lama: 78/);

  // The original is still there, unchanged.
  const kept = JSON.parse(await storeGet(page, `ampk.draft.${original.local_id}`));
  assert.deepEqual(kept, original, 'the original draft is unchanged');
  assert.match(await page.textContent('[data-testid=migration-summary]'), /tetap tersimpan tanpa perubahan/);
  await runAxe(page, 'migration summary');

  // A reload keeps the moved draft and makes no second copy.
  await page.reload();
  await page.waitForSelector('[data-testid=rubric-source][data-source=published]');
  await page.waitForSelector(byName(`${MS}.posts`));
  assert.equal((await storedDraft(page)).local_id, moved.local_id);
  const count = JSON.parse(await storeGet(page, 'ampk.drafts')).length;
  assert.equal(count, 2, 'the original and the moved draft');
  await done(context, errors);
});

test('4. after one visit the kit works offline: reload, fill and export, open the file, Rekap import and XLSX', async () => {
  const s = await site();
  const { page, errors, context } = await openPage(browser, s.url);
  await ready(page);
  await offlineReady(page);
  await context.setOffline(true);
  await page.reload();
  await fillContohA(page);
  const file = await exportFile(page);
  const [report] = ampkScore(file);
  assert.equal(report.categories.find((c) => c.id === MS).data_score, 78.34);

  // Opening the exported file (the worker, from the cache).
  await page.setInputFiles('[data-testid=open-submission]', file);
  await page.waitForFunction(() => document.querySelector('.notice')?.textContent.length > 0);
  await waitScore(page, MS, MS_SCORE);

  // Rekap: its module, three files, and the XLSX worker.
  await page.click('[data-testid=nav-rekap]');
  await page.waitForSelector('[data-testid=import-files]');
  const three = ['01-dinas-contoh-a.json', '05-kabupaten-contoh-c.json', '06-dinas-contoh-d.json'];
  await page.setInputFiles('[data-testid=import-files]', three.map((f) => path.join(batchDir, f)));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 3);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.click('[data-testid=export-xlsx]')]);
  const xlsx = path.join(tmp, 'offline.xlsx');
  await download.saveAs(xlsx);
  assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
  await done(context, errors);
});

test('5. offline, the published rubric is the kept copy, with its date', async () => {
  const s = await site(fs.readFileSync(OFFICIAL, 'utf8'));
  const { page, errors, context } = await openPage(browser, s.url);
  await page.waitForSelector('[data-testid=rubric-source][data-source=published]');
  await offlineReady(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid=rubric-note][data-note=kept]');
  assert.equal(await page.getAttribute('[data-testid=rubric-source]', 'data-source'), 'published');
  assert.match(await page.textContent('[data-testid=rubric-note]'), /salinan tersimpan dari \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await done(context, errors);
});

test('6. a new version shows "Versi baru tersedia — muat ulang" and keeps the typed text; it reloads only when asked', async () => {
  const s = await site();
  const { page, errors, context } = await openPage(browser, s.url);
  await ready(page);
  await offlineReady(page);
  await page.selectOption(byName('agency.type'), 'opd');
  await page.fill(byName('agency.name'), 'Dinas yang sedang mengetik');
  await page.evaluate(() => { window.notReloaded = true; });

  // A second build with a changed asset: the file and its revision in sw.js.
  const changed = path.join(s.dir, 'ampk-rekap-rescue.js');
  const rev = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const old = rev(fs.readFileSync(changed));
  fs.appendFileSync(changed, '\n;');
  const sw = path.join(s.dir, 'sw.js');
  const text = fs.readFileSync(sw, 'utf8');
  assert.ok(text.includes(old), 'sw.js carries the revision of every file');
  fs.writeFileSync(sw, text.replace(old, rev(fs.readFileSync(changed))));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

  await page.waitForSelector('[data-testid=update-banner]', { timeout: 30_000 });
  assert.equal((await page.textContent('[data-testid=update-banner]')).trim(), 'Versi baru tersedia — muat ulang');
  assert.equal(await page.inputValue(byName('agency.name')), 'Dinas yang sedang mengetik', 'the typed text is kept');
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'nothing reloaded by itself');
  await runAxe(page, 'update banner');

  await Promise.all([page.waitForEvent('load'), page.click('[data-testid=update-reload]')]);
  await ready(page);
  assert.equal(await page.evaluate(() => window.notReloaded), undefined, 'reloaded when asked');
  assert.equal(await page.inputValue(byName('agency.name')), 'Dinas yang sedang mengetik');
  assert.equal(await page.$('[data-testid=update-banner]'), null);
  await done(context, errors);
});

test('7. the policy allows no inline or eval\'d script, and the journeys\' violation watch does catch one', async () => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const meta = /<meta http-equiv=Content-Security-Policy content="([^"]+)">/.exec(html);
  assert.ok(meta, 'dist/index.html carries a Content Security Policy');
  const directives = Object.fromEntries(meta[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'"]) {
    assert.ok(!directives['script-src'].includes(bad), `script-src has no ${bad}: ${meta[1]}`);
  }
  assert.ok(directives['script-src'].includes("'wasm-unsafe-eval'"));
  assert.ok(directives['script-src'].every((s) => ["'self'", "'wasm-unsafe-eval'"].includes(s) || /^'sha256-[A-Za-z0-9+/=]+'$/.test(s)));
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'self'"]);
  assert.deepEqual(directives['form-action'], ["'none'"]);
  // Every first-load asset keeps its integrity hash.
  for (const tag of html.match(/<link[^>]+(modulepreload|stylesheet|preload)[^>]*>/g)) {
    assert.match(tag, /integrity=sha384-/, tag);
  }

  // The watch every journey runs: an inline script is blocked and reported.
  const s = await site();
  const { page, context } = await openPage(browser, s.url);
  await ready(page);
  const seen = cspViolations.length;
  await page.evaluate(() => { const el = document.createElement('script'); el.textContent = 'window.ran = 1'; document.body.append(el); });
  await page.waitForFunction(() => true);
  await new Promise((ok) => setTimeout(ok, 300));
  assert.equal(await page.evaluate(() => window.ran), undefined, 'the inline script did not run');
  assert.equal(cspViolations.length, seen + 1, 'the violation was reported');
  assert.match(cspViolations.pop(), /script-src/);
  await context.close();
});

test('8. on plain http (not localhost) the officer is told once that offline use needs https', async (t) => {
  const address = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) {
    t.skip('this machine has no non-loopback IPv4 address to serve plain http from');
    return;
  }
  const s = await site(null, '0.0.0.0');
  const { page, errors, context } = await openPage(browser, s.url.replace('127.0.0.1', address));
  await ready(page);
  await page.waitForSelector('[data-testid=needs-https]');
  await page.reload();
  await ready(page);
  assert.equal(await page.$('[data-testid=needs-https]'), null, 'said once');
  await done(context, errors);
});

test('9. a rubric loaded by hand holds, with a note, until the published one changes; then everyone gets the new one', async () => {
  const published = fs.readFileSync(OFFICIAL, 'utf8');
  const s = await site(published);
  const { page, errors, context } = await openPage(browser, s.url);
  await page.waitForSelector('[data-testid=rubric-source][data-source=published]');

  // The officer loads another rubric by hand (the model with another id and title).
  const own = JSON.parse(fs.readFileSync(modelRubric, 'utf8'));
  own.id = 'ampk-2025-sendiri';
  own.title = { id: 'Rubrik pilihan sendiri (uji)', en: 'Own choice (test)' };
  const ownFile = path.join(tmp, 'rubrik-sendiri.json');
  fs.writeFileSync(ownFile, JSON.stringify(own));
  await page.setInputFiles('[data-testid=load-rubric]', ownFile);
  await page.waitForSelector('[data-testid=rubric-source][data-source=own]');
  assert.equal(await page.textContent('[data-testid=rubric-title]'), 'Rubrik pilihan sendiri (uji)');
  assert.match(await page.textContent('[data-testid=rubric-note][data-note=differs]'), /berbeda dengan rubrik yang diterbitkan Diskominfo \("Rubrik Resmi AMPK 2026 \(uji\)"\)/);
  await runAxe(page, 'own rubric beside a published one');

  // The same published rubric on the next visit: the officer's choice holds.
  await page.reload();
  await page.waitForSelector('[data-testid=rubric-note][data-note=differs]');
  assert.equal(await page.getAttribute('[data-testid=rubric-source]', 'data-source'), 'own');

  // A new published rubric (another fingerprint): everyone gets it on the next visit.
  const next = JSON.parse(published);
  next.title.id = 'Rubrik Resmi AMPK 2026 (uji, revisi)';
  s.publish(JSON.stringify(next));
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid=rubric-title]')?.textContent === 'Rubrik Resmi AMPK 2026 (uji, revisi)');
  assert.equal(await page.getAttribute('[data-testid=rubric-source]', 'data-source'), 'published');
  assert.equal(await page.$('[data-testid=rubric-note]'), null);

  // And the button goes back to the published rubric after another own choice.
  await page.setInputFiles('[data-testid=load-rubric]', ownFile);
  await page.waitForSelector('[data-testid=rubric-source][data-source=own]');
  await page.click('[data-testid=use-default]');
  await page.waitForSelector('[data-testid=rubric-source][data-source=published]');
  await done(context, errors);
});

test('10. a development build at the same address removes a release build\'s service worker: no stale code', async () => {
  const s = await site();
  const { page, errors, context } = await openPage(browser, s.url);
  await ready(page);
  await offlineReady(page);
  // `cargo xtask serve`'s build: trunk's copy of js/sw.js, and no <meta name="ampk-sw">.
  fs.copyFileSync(path.join(here, '..', '..', 'js', 'sw.js'), path.join(s.dir, 'sw.js'));
  const index = path.join(s.dir, 'index.html');
  const html = fs.readFileSync(index, 'utf8').replace(/<meta name=ampk-sw content=sw\.js>/, '<meta name=dev-build content=1>');
  assert.ok(html.includes('dev-build'), 'the release index.html names its service worker');
  fs.writeFileSync(index, html);

  // The old worker still answers this navigation from its cache; the browser checks sw.js,
  // gets the development one, which clears the caches, unregisters and reloads the page.
  await page.reload();
  await page.waitForFunction(() => document.querySelector('meta[name=dev-build]') && !navigator.serviceWorker.controller,
    null, { timeout: 30_000 });
  await ready(page);
  assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('ampk-'))), []);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await done(context, errors);
});

test('11. an own rubric remembered by an earlier kit (choice only) still gives its drafts a true summary when the published one takes over', async () => {
  const s = await site();
  const { page, errors, context } = await openPage(browser, s.url);
  await ready(page);
  await loadOwnRubric(page, 'ampk-2025-lama', { id: 'Rubrik lama (uji)', en: 'Old rubric (test)' });
  await page.waitForSelector('[data-testid=migration-summary]');
  await page.fill(byName('agency.name'), 'Dinas Lama');
  await waitSaved(page, 'return d.agency_name === "Dinas Lama";');
  // As an earlier kit left it: the choice (ampk.rubric, ampk.rubric.sha256) and no copy by
  // fingerprint.
  await storeDeletePrefix(page, 'ampk.rubrics.');

  s.publish(fs.readFileSync(OFFICIAL, 'utf8'));
  await page.reload();
  await page.waitForSelector('[data-testid=rubric-source][data-source=published]');
  await page.waitForSelector('[data-testid=migration-summary]');
  const changes = await page.$$eval('[data-testid=migration-change]', (els) => els.map((e) => e.textContent));
  assert.ok(changes.includes('Identitas rubrik berubah dari `ampk-2025-lama` edisi 2025 menjadi `ampk-2026-resmi-uji` edisi 2026'), changes.join(' | '));
  assert.match(await page.textContent('[data-testid=migration-summary]'), /rubrik "Rubrik lama \(uji\)"/);
  assert.equal(await page.inputValue(byName('agency.name')), 'Dinas Lama');
  await done(context, errors);
});

test('12. rubrics an earlier kit kept without their packs (own choice, published) are packed again by the worker and stay in use; their drafts are not moved', async () => {
  const published = JSON.parse(fs.readFileSync(OFFICIAL, 'utf8'));
  const s = await site(fs.readFileSync(OFFICIAL, 'utf8'));
  const { page, errors, context } = await openPage(browser, s.url);
  await page.waitForSelector('[data-testid=rubric-source][data-source=published]');
  const keys = async (prefix) => Object.keys(await readStore(page)).filter((k) => k.startsWith(prefix)).sort();
  /** Waits until `n` packs are stored (the store is written after the page shows the rubric). */
  const packed = async (n) => {
    for (let i = 0; i < 100 && (await keys('ampk.rubric-packs.')).length !== n; i++) await page.waitForTimeout(100);
    assert.equal((await keys('ampk.rubric-packs.')).length, n);
  };
  await packed(1);
  await page.fill(byName('agency.name'), 'Dinas Terbit');
  await waitSaved(page, 'return d.agency_name === "Dinas Terbit";');
  const drafts = await keys('ampk.draft.');
  /** After a reload: the rubric named `title` in use, the draft as it was, nothing moved. */
  const unchanged = async (source, title, agency) => {
    await page.waitForSelector(`[data-testid=rubric-source][data-source=${source}]`);
    assert.equal(await page.textContent('[data-testid=rubric-title]'), title);
    assert.equal(await page.inputValue(byName('agency.name')), agency);
    assert.deepEqual(await page.$$('[data-testid=migration-summary]'), [], 'no draft was moved');
    assert.deepEqual(await page.$$('[data-testid=rubric-problems]'), []);
  };

  // As an earlier kit left it: the published rubric's text and fingerprint, no pack.
  await storeDeletePrefix(page, 'ampk.rubric-packs.');
  await page.reload();
  await unchanged('published', published.title.id, 'Dinas Terbit');
  await packed(1);
  assert.deepEqual(await keys('ampk.draft.'), drafts, 'no draft was added');

  // The officer's own choice, without its pack: in use again once the worker has packed it.
  const own = await loadOwnRubric(page, 'ampk-2025-pilihan', { id: 'Rubrik pilihan (uji)', en: 'Chosen rubric (test)' });
  await page.waitForSelector('[data-testid=migration-summary]');
  await page.fill(byName('agency.name'), 'Dinas Pilihan');
  await waitSaved(page, 'return d.agency_name === "Dinas Pilihan";');
  const withOwn = await keys('ampk.draft.');
  await storeDeletePrefix(page, 'ampk.rubric-packs.');
  await page.reload();
  await unchanged('own', own.title.id, 'Dinas Pilihan');
  assert.deepEqual(await keys('ampk.draft.'), withOwn, 'no draft was added');
  await done(context, errors);
});
