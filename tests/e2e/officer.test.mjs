// Journeys of the officer's page, against the built dist/ served from a sub-path: fill and
// export (checked by the real `ampk` CLI), reload, continue in a fresh browser, a bad and a
// good official rubric, the language switch, the error summary, and axe on the main states.
// Every test runs in its own browser context (empty storage) and asserts no console errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { journeyEnv, openPage, isPageError } from './harness.mjs';
import {
  modelRubric, MS, MS_TYPED, OTHER_OPD, MS_SCORE, MS_INDICATORS, byName, section, scoreSel, ready, fillProfile,
  fillMediaSosial, fillContohA, waitScore, indicators, formState, waitSaved, ampkScore, runAxe, done,
} from './officer-helpers.mjs';

/** The file exported in journey 1, opened again in journey 3. */
let exported = null;

const env = journeyEnv('ampk-e2e-');

// ---------------------------------------------------------------------------------------------
// Helpers (the shared ones are in officer-helpers.mjs)

async function exportFile(page) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('[data-testid=export]')]);
  const name = download.suggestedFilename();
  const file = path.join(env.tmp, name);
  await download.saveAs(file);
  return { name, file };
}

// ---------------------------------------------------------------------------------------------
// Journeys

test('1. fill Dinas Contoh A, export, and the CLI re-scores the file', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await fillContohA(page);
  assert.equal((await page.textContent(scoreSel(MS))).trim(), '78,34');
  assert.deepEqual(await indicators(page, MS), MS_INDICATORS);

  const { name, file } = await exportFile(page);
  assert.match(name, /^ampk-2025-dinas-contoh-a-\d{8}\.json$/);
  const sub = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.deepEqual(Object.keys(sub.categories), [MS], 'only the included category is exported');
  exported = file;
  await done(context, errors);

  // The real CLI: a missing binary fails the journey (it is never skipped).
  const scored = ampkScore(file);
  const [report] = scored;
  assert.notEqual(report.status, 'rejected', JSON.stringify(report.reasons));
  const ms = report.categories.find((c) => c.id === MS);
  assert.ok(ms, `no ${MS} in ${JSON.stringify(scored)}`);
  assert.equal(ms.data_score, 78.34);
  assert.deepEqual(Object.fromEntries(Object.entries(ms.indicators).map(([k, v]) => [k, v.toFixed(2)])), MS_INDICATORS);
});

test('2. a reload restores everything exactly, half-typed values included', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.fill(byName('draft.name'), 'Draf uji muat ulang');
  await fillProfile(page);
  await page.fill(byName(`${MS}.posts`), '12');
  await page.fill(byName(`${MS}.reach`), '3.200.');
  await page.check(`${byName(`${MS}.quality.video`)}[value="partial"]`);
  await page.check(`${byName(`${MS}.quality.klarifikasi_hoaks`)}[value="no"]`);
  await page.uncheck(byName('website.include'));
  await page.fill(byName(`${MS}.note`), 'Catatan: angka Instagram\nbelum final');
  await waitSaved(page, 'return d.categories?.[a]?.note === "Catatan: angka Instagram\\nbelum final";', MS);

  const before = await formState(page);
  assert.equal(before[`${MS}.posts`], '12');
  assert.equal(before['website.include'], false);
  const scoreBefore = await page.getAttribute(scoreSel(MS), 'data-value');

  await page.reload();
  await ready(page);
  await page.waitForSelector(section(MS));
  assert.deepEqual(await formState(page), before);
  assert.equal(await page.inputValue(byName('draft.name')), 'Draf uji muat ulang');
  assert.equal(await page.getAttribute(scoreSel(MS), 'data-value'), scoreBefore);
  await done(context, errors);
});

test('3. the exported file continues in a fresh browser with the same scores', async () => {
  assert.ok(exported, 'journey 1 did not export a file');
  // A new context: a new profile with empty storage.
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await ready(page);
  assert.equal(await page.$(section(MS)), null, 'fresh storage: no agency type chosen yet');
  await page.setInputFiles('[data-testid=open-submission]', exported);
  await page.waitForSelector(section(MS));
  await waitScore(page, MS, MS_SCORE);
  assert.equal((await page.textContent(scoreSel(MS))).trim(), '78,34');
  assert.deepEqual(await indicators(page, MS), MS_INDICATORS);
  assert.equal(await page.inputValue(byName('agency.type')), 'opd');
  assert.equal(await page.inputValue(byName('agency.name')), 'Dinas Contoh A');
  assert.equal(await page.inputValue(byName('officer.name')), 'Siti Rahmah');
  assert.equal(await page.inputValue(byName(`${MS}.reach`)), '3.200.000');
  for (const cat of OTHER_OPD) {
    assert.equal(await page.isChecked(byName(`${cat}.include`)), false, `${cat} stays left out`);
  }
  assert.equal(await page.$('[data-testid=open-problems]'), null);
  await done(context, errors);
});

test('4. a bad rubric is refused with its problems; a valid official rubric is used and remembered', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await ready(page);
  await fillProfile(page);
  await fillMediaSosial(page);
  await waitScore(page, MS, MS_SCORE);
  const filled = await formState(page);
  const modelTitle = await page.textContent('[data-testid=rubric-title]');

  const model = JSON.parse(fs.readFileSync(modelRubric, 'utf8'));
  const bad = structuredClone(model);
  bad.categories.find((c) => c.id === MS).indicators[0].weight += 5;
  bad.unknown_member = true;
  const badFile = path.join(env.tmp, 'rubrik-rusak.json');
  fs.writeFileSync(badFile, JSON.stringify(bad, null, 2));
  await page.setInputFiles('[data-testid=load-rubric]', badFile);
  await page.waitForSelector('[data-testid=rubric-problems]');
  const problems = await page.$$eval('[data-testid=rubric-problems] li', (els) => els.map((e) => e.textContent));
  const msIndex = model.categories.findIndex((c) => c.id === MS);
  assert.ok(problems.some((p) => p.startsWith('unknown_member:')), `unknown member listed: ${problems.join(' | ')}`);
  assert.ok(problems.some((p) => p.startsWith(`categories[${msIndex}].indicators:`) && p.includes('105')),
    `weights listed: ${problems.join(' | ')}`);
  assert.equal(await page.textContent('[data-testid=rubric-title]'), modelTitle);
  assert.equal(await page.getAttribute('[data-testid=rubric-status]', 'data-status'), 'model');
  assert.deepEqual(await formState(page), filled, 'entered figures untouched');
  assert.equal(await page.getAttribute(scoreSel(MS), 'data-value'), MS_SCORE);

  const official = structuredClone(model);
  official.status = 'official';
  official.id = 'ampk-2025-resmi-uji';
  official.title = { id: 'AMPK 2025 — rubrik resmi (uji)', en: 'AMPK 2025 — official rubric (test)' };
  const goodFile = path.join(env.tmp, 'rubrik-resmi.json');
  fs.writeFileSync(goodFile, JSON.stringify(official, null, 2));
  await page.setInputFiles('[data-testid=load-rubric]', goodFile);
  await page.waitForFunction(() => document.querySelector('[data-testid=rubric-status]')?.dataset.status === 'official');
  assert.equal(await page.textContent('[data-testid=rubric-title]'), 'AMPK 2025 — rubrik resmi (uji)');
  assert.equal(await page.$('[data-testid=rubric-problems]'), null, 'old problems cleared');
  // The draft was made with the model: it moves to the chosen rubric as a new draft (the
  // original is kept), with every entry; only its name says which rubric it is for.
  await page.waitForSelector('[data-testid=migration-summary]');
  const { 'draft.name': name, ...moved } = await formState(page);
  const { 'draft.name': oldName, ...typed } = filled;
  assert.deepEqual(moved, typed, 'every entry carried over');
  assert.equal(name, `${oldName} — AMPK 2025 — rubrik resmi (uji)`);
  assert.deepEqual(await page.$$eval('[data-testid=migration-dropped]', (els) => els.length), 0);
  assert.equal(await page.getAttribute(scoreSel(MS), 'data-value'), MS_SCORE, 'same definitions, same score');

  await page.reload();
  await ready(page);
  assert.equal(await page.getAttribute('[data-testid=rubric-status]', 'data-status'), 'official');
  assert.equal(await page.textContent('[data-testid=rubric-title]'), 'AMPK 2025 — rubrik resmi (uji)');
  await waitScore(page, MS, MS_SCORE);
  await done(context, errors);
});

test('5. switching the language keeps every typed value; scores follow the language', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await ready(page);
  await fillProfile(page);
  await fillMediaSosial(page);
  await page.fill(byName(`${MS}.median_reply_hours`), '5,5');
  await waitScore(page, MS, MS_SCORE);
  const filled = await formState(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal((await page.textContent(scoreSel(MS))).trim(), '78,34');

  await page.click('[data-testid=lang]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(await formState(page), filled, 'values unchanged in English');
  assert.equal((await page.textContent(scoreSel(MS))).trim(), '78.34');
  assert.equal(await page.getAttribute(scoreSel(MS), 'data-value'), MS_SCORE, '"5,5" still means 5.5 hours');

  await page.click('[data-testid=lang]');
  await page.waitForFunction(() => document.documentElement.lang === 'id');
  assert.deepEqual(await formState(page), filled, 'values unchanged back in Indonesian');
  assert.equal((await page.textContent(scoreSel(MS))).trim(), '78,34');
  await done(context, errors);
});

test('6. a failed check blocks the export; the error summary links to the field', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  // Every request of the page: the export is written in the officer's worker module, so a
  // blocked export must never even fetch it (a positive signal, instead of waiting to see
  // whether a download turns up).
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await ready(page);
  await fillProfile(page);
  for (const [input, v] of [['received', '10'], ['followed_up', '5'], ['completed', '8']]) {
    await page.fill(byName(`lapor_opd.${input}`), v);
  }
  await page.click('[data-testid=export]');
  await page.waitForSelector('[data-testid=error-summary]');
  const fields = await page.$$eval('[data-testid=error-summary] a[data-field]', (els) => els.map((e) => e.dataset.field));
  const target = fields.find((f) => f === 'lapor_opd.completed') ?? fields.find((f) => f === 'lapor_opd.followed_up');
  assert.ok(target, `a link to lapor_opd.completed or followed_up in ${JSON.stringify(fields)}`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'export moves focus to the summary');

  await page.click(`[data-testid=error-summary] a[data-field="${target}"]`);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), target);

  assert.ok(await page.isVisible('[data-testid=error-summary]'), 'the error summary is shown');
  assert.deepEqual(fetched.filter((u) => u.includes('ampk-officer-worker')), [],
    'the export stopped before the worker that writes the file was requested');
  assert.equal(downloads, 0, 'no download while there are errors');
  await done(context, errors);
});

test('7. axe: no serious or critical violations on the start page, a filled category, the error summary', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await ready(page);
  await runAxe(page, 'start page');

  await fillProfile(page);
  await fillMediaSosial(page);
  await waitScore(page, MS, MS_SCORE);
  await runAxe(page, 'filled category');

  await page.fill(byName('lapor_opd.received'), '10');
  await page.fill(byName('lapor_opd.followed_up'), '5');
  await page.fill(byName('lapor_opd.completed'), '8');
  await page.click('[data-testid=export]');
  await page.waitForSelector('[data-testid=error-summary]');
  await runAxe(page, 'error summary');
  await done(context, errors);
});

test('8. the print view shows the profile, included categories with their scores, and a signature line', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await fillContohA(page);
  const printView = page.locator('.print-only');
  assert.equal(await printView.isVisible(), false, 'hidden on screen');
  await page.emulateMedia({ media: 'print' });
  // The print view is rendered when printing starts (beforeprint, or print media emulated).
  await printView.waitFor({ state: 'visible', timeout: 5_000 });
  assert.equal(await page.locator('[data-testid=export]').isVisible(), false, 'the form is not printed');
  const text = await printView.textContent();
  assert.ok(text.includes('Dinas Contoh A') && text.includes('Siti Rahmah'), 'profile');
  assert.ok(text.includes('Media Sosial OPD') && text.includes('78,34'), 'the included category with its score');
  assert.ok(!text.includes('Website'), 'categories left out are not printed');
  assert.ok(text.includes('Kepala Instansi'), 'signature line');
  await done(context, errors);
});

test('9. the rare steps run in a worker fetched only when asked for; the export is read back as the coordinator will', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await fillContohA(page);
  assert.ok(!fetched.some((u) => u.includes('ampk-officer-worker')), 'the worker is not part of the first load');

  // The note field stops at the file's limit; a longer text (pasted by a script here, or kept
  // from an older draft) is caught by the export's read-back, with a link to the field.
  assert.equal(await page.getAttribute(byName(`${MS}.note`), 'maxlength'), '2000');
  await page.evaluate(([sel]) => {
    const el = document.querySelector(sel);
    el.value = 'x'.repeat(2001);
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }, [byName(`${MS}.note`)]);
  await waitSaved(page, 'return d.categories?.[a]?.note?.length === 2001;', MS);
  await page.click('[data-testid=export]');
  await page.waitForSelector('[data-testid=error-summary] a[data-field]');
  assert.ok(fetched.some((u) => u.endsWith('ampk-officer-worker_bg.wasm')), 'the worker was fetched for the export');
  const summary = await page.textContent('[data-testid=error-summary]');
  assert.match(summary, /teks terlalu panjang: 2001 karakter, paling banyak 2000/);
  await page.click(`[data-testid=error-summary] a[data-field="${MS}.note"]`);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), `${MS}.note`);
  assert.equal(downloads, 0, 'nothing downloaded');

  // Shortened, it exports; the old problem goes away.
  await page.fill(byName(`${MS}.note`), 'Angka Instagram per 31 Oktober.');
  await page.waitForFunction(() => !document.querySelector('[data-testid=error-summary] a[data-field]'));
  const { name } = await exportFile(page);
  assert.match(name, /^ampk-2025-dinas-contoh-a-\d{8}\.json$/);
  assert.equal(await page.$('[data-testid=error-summary] a[data-field]'), null, 'summary cleared');
  assert.equal(await page.$('[data-testid=changed-since-export]'), null, 'just exported: no change since');
  await page.fill(byName(`${MS}.posts`), '421');
  await page.waitForSelector('[data-testid=changed-since-export]');
  // Checked with the autosave, not on the keystroke: typed back as exported, the note goes.
  await page.fill(byName(`${MS}.posts`), MS_TYPED.posts);
  await page.waitForSelector('[data-testid=changed-since-export]', { state: 'detached' });
  await done(context, errors);
});

test('10. when the worker cannot be fetched, the export says so and nothing is lost', async () => {
  // A browser without the kit's service worker (plain http, or before it has installed): with
  // it, the worker comes from its cache and the export works offline (hosting.test.mjs 4).
  const { page, errors, context } = await openPage(env.browser, env.server.url, { serviceWorkers: 'block' });
  await fillContohA(page);
  const filled = await formState(page);
  // As if the connection to the kit's server were lost after the page loaded.
  await context.route('**/ampk-officer-worker*', (route) => route.abort());
  await page.click('[data-testid=export]');
  await page.waitForFunction(() => document.querySelector('[data-testid=error-summary]')?.textContent.includes('tidak dapat dimuat'));
  assert.match(await page.textContent('[data-testid=error-summary]'), /Draf Anda tetap tersimpan/);
  assert.deepEqual(await formState(page), filled, 'the entries are untouched');
  assert.equal(await page.getAttribute(scoreSel(MS), 'data-value'), MS_SCORE);
  // The browser reports the blocked fetch itself; nothing else may fail.
  assert.deepEqual(errors.filter((e) => !/ampk-officer-worker|Failed to load resource|net::ERR_FAILED/.test(e)), []);
  await context.close();
});

test('11. after a crash the banner exports the saved draft through the worker, or downloads a copy', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await fillContohA(page);
  await waitSaved(page, 'return d.categories?.[a]?.inputs?.answered_pct?.text?.text === "88";', MS);
  // What the panic hook shows (called directly: the kit has no way to make itself crash).
  await page.evaluate(() => window.wasmBindings.show_rescue());
  const banner = page.locator('#ampk-rescue[role=alert]');
  assert.match(await banner.textContent(), /Draf Anda sudah tersimpan/);
  await runAxe(page, 'rescue banner');

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('[data-testid=rescue-export]')]);
  assert.match(download.suggestedFilename(), /^ampk-2025-dinas-contoh-a-\d{8}\.json$/);
  const file = path.join(env.tmp, `rescue-${download.suggestedFilename()}`);
  await download.saveAs(file);
  const sub = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(sub.computed[MS].data_score, 78.34, 'the real export, scored');

  const [copy] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('[data-testid=rescue-copy]')]);
  assert.equal(copy.suggestedFilename(), 'ampk-draf-cadangan.json');
  const copyFile = path.join(env.tmp, 'rescue-copy.json');
  await copy.saveAs(copyFile);
  assert.equal(JSON.parse(fs.readFileSync(copyFile, 'utf8')).agency_name, 'Dinas Contoh A');
  await done(context, errors);

  const scored = ampkScore(file);
  assert.equal(scored[0].categories.find((c) => c.id === MS).data_score, 78.34);
});

test('12. on a phone (375 px) the filled page does not scroll sideways; wide tables scroll in their own box', async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (isPageError(m)) errors.push(m.text()); });
  await page.goto(env.server.url);
  await fillContohA(page);
  await page.check(byName(`${OTHER_OPD[0]}.include`));
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const sticking = [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.table-scroll') && el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, sticking: sticking.slice(0, 5) };
  });
  assert.equal(overflow.scrollWidth, overflow.width, `sticks out: ${overflow.sticking.join(', ')}`);
  const scrollers = await page.$$eval('.table-scroll', (els) => els.map((e) => [e.getAttribute('tabindex'), e.getAttribute('role')]));
  assert.ok(scrollers.length >= 2 && scrollers.every(([t, r]) => t === '0' && r === 'region'), 'keyboard-scrollable regions');
  await runAxe(page, 'phone');
  await done(context, errors);
});
