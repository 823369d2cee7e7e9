// Failure paths, as a user meets them: a real panic in the shipped build shows the crash banner
// (officer and coordinator modules), a jury cell keeps bad input visible with its problem, and a
// new UPTD draft does not open with an error. The build under test has the test-only
// `e2e-panic` feature (`cargo xtask test` enables it), which exports `e2e_panic`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { journeyEnv, openPage, rekapSession, until } from './harness.mjs';
import { MS, byName, section, fillContohA, waitSaved, runAxe, ampkScore } from './officer-helpers.mjs';
import { batchDir } from './fixtures/make-batch.mjs';

const env = journeyEnv('ampk-fail-e2e-');

/** What a deliberate panic leaves in the console: the hook's message and the trap it ends in. */
const PANIC_NOISE = /deliberate panic for the end-to-end suite|RuntimeError: unreachable|unreachable/;

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(`[data-testid=${testid}]`)]);
  const file = path.join(env.tmp, `${testid}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

test('1. a real panic in the officer\'s page shows the banner; its export is the real submission', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await fillContohA(page);
  await waitSaved(page, 'return d.categories?.[a]?.inputs?.answered_pct?.text?.text === "88";', MS);
  const hook = await page.evaluate(() => typeof window.wasmBindings?.e2e_panic);
  assert.equal(hook, 'function', 'the build under test has the e2e-panic feature (cargo xtask test builds it so)');
  // From a timer, like any event handler: the panic goes through the installed hook, then the
  // module aborts.
  await page.evaluate(() => { setTimeout(() => window.wasmBindings.e2e_panic(), 0); });
  const banner = page.locator('#ampk-rescue[role=alert]');
  await banner.waitFor({ timeout: 10_000 });
  assert.match(await banner.textContent(), /Draf Anda sudah tersimpan/);
  assert.ok(errors.some((e) => /deliberate panic/.test(e)), `the hook logged the panic: ${errors.join(' | ')}`);
  await runAxe(page, 'officer crash banner');

  const exp = await download(page, 'rescue-export');
  assert.match(exp.name, /^ampk-2025-dinas-contoh-a-\d{8}\.json$/);
  const sub = JSON.parse(fs.readFileSync(exp.file, 'utf8'));
  assert.equal(sub.computed[MS].data_score, 78.34, 'the real export, scored');
  assert.equal(ampkScore(exp.file)[0].categories.find((c) => c.id === MS).data_score, 78.34, '`ampk score` agrees');

  const copy = await download(page, 'rescue-copy');
  assert.equal(copy.name, 'ampk-draf-cadangan.json');
  assert.equal(JSON.parse(fs.readFileSync(copy.file, 'utf8')).agency_name, 'Dinas Contoh A');
  assert.deepEqual(errors.filter((e) => !PANIC_NOISE.test(e)), [], 'no other console errors');
  await context.close();
});

/** Opens #/rekap and imports two accepted files of the fixture batch. */
async function rekapWithTwoFiles() {
  const opened = await openPage(env.browser, `${env.server.url}#/rekap`);
  const { page } = opened;
  await page.waitForSelector('[data-testid=import-files]');
  const files = ['06-dinas-contoh-d.json', '07-dinas-contoh-e.json'].map((f) => path.join(batchDir, f));
  await page.setInputFiles('[data-testid=import-files]', files);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 2
    && !document.querySelector('[data-testid=import-progress]'));
  await page.waitForSelector('[data-testid="ranking-website"] tr[data-rank]');
  return opened;
}

test('2. a real panic in the coordinator\'s module shows its banner; the session is kept and can be saved', async () => {
  const { page, errors, context } = await rekapWithTwoFiles();
  await until(() => rekapSession(page), (v) => v?.files.length === 2, 'the two files stored');
  // The same module instance the page loaded (same URL → same ES module), so its own hook runs.
  const hook = await page.evaluate(async () => {
    const m = await import(new URL('ampk-rekap.js', document.baseURI).href);
    if (typeof m.e2e_panic !== 'function') return typeof m.e2e_panic;
    setTimeout(() => m.e2e_panic(), 0);
    return 'function';
  });
  assert.equal(hook, 'function', 'the rekap module has the e2e-panic feature');
  const banner = page.locator('#ampk-rescue[role=alert]');
  await banner.waitFor({ timeout: 10_000 });
  assert.match(await banner.textContent(), /Berkas yang diimpor dan nilai juri sudah tersimpan/);
  await runAxe(page, 'coordinator crash banner');

  const copy = await download(page, 'rescue-copy-session');
  assert.equal(copy.name, 'ampk-rekap-sesi-cadangan.json');
  const session = JSON.parse(fs.readFileSync(copy.file, 'utf8'));
  assert.deepEqual(session.files.map((f) => f[0] ?? f.name).sort(), ['06-dinas-contoh-d.json', '07-dinas-contoh-e.json']);
  assert.deepEqual(errors.filter((e) => !PANIC_NOISE.test(e)), [], 'no other console errors');

  // A reload brings the session back.
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 2);
  assert.equal(await page.$('#ampk-rescue'), null);
  await context.close();
});

test('3. a jury cell keeps what was typed when it is not a mark, and says why', async () => {
  const { page, errors, context } = await rekapWithTwoFiles();
  const cell = page.locator('[data-testid="ranking-website"] tr[data-rank] input.jury-input').first();
  const id = await cell.getAttribute('id');
  const sel = `[id="${id}"]`;
  const row = page.locator(`[data-testid="ranking-website"] tr:has(${sel})`);

  for (const bad of ['abc', '150', '-1']) {
    await page.fill(sel, bad);
    await page.press(sel, 'Tab');
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-invalid') === 'true', sel);
    assert.equal(await page.inputValue(sel), bad, 'the typed text stays');
    const errId = await page.getAttribute(sel, 'aria-describedby');
    assert.ok(errId, 'the input points to its message');
    const msg = await page.textContent(`[id="${errId}"]`);
    assert.match(msg, /Nilai juri harus angka 0–100/);
    assert.ok(msg.includes(bad), msg);
    assert.equal(await row.getAttribute('data-final'), null, 'no mark applied');
  }
  await runAxe(page, 'invalid jury cell');

  await page.fill(sel, '85,5');
  await page.press(sel, 'Tab');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('aria-invalid') === null, sel);
  assert.equal(await page.$('[data-testid=jury-error]'), null, 'the message is gone');
  const fixed = page.locator(`[data-testid="ranking-website"] tr:has([id="${id}"])`);
  assert.notEqual(await fixed.getAttribute('data-final'), null, 'the mark is applied');
  assert.equal(await page.inputValue(sel), '85.5');
  assert.deepEqual(errors, []);
  await context.close();
});

test('4. choosing UPTD does not open with an error; the missing parent shows once export is tried', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('[data-testid=rubric-title]');
  await page.selectOption(byName('agency.type'), 'uptd');
  await page.waitForSelector(byName('agency.parent'));
  await page.waitForSelector(section('media_sosial_uptd'));
  assert.equal(await page.$('[data-testid=error-summary]'), null, 'no error summary on a fresh UPTD draft');
  assert.ok(!(await page.textContent('body')).includes('UPTD wajib menyebut OPD induknya'));
  assert.equal(await page.getAttribute(byName('agency.parent'), 'aria-invalid'), null);

  await page.click('[data-testid=export]');
  await page.waitForSelector('[data-testid=error-summary]');
  const fields = await page.$$eval('[data-testid=error-summary] a[data-field]', (els) => els.map((e) => e.dataset.field));
  assert.ok(fields.includes('agency.parent'), `the summary links to the parent: ${JSON.stringify(fields)}`);
  assert.match(await page.textContent('[data-testid=error-summary]'), /UPTD wajib menyebut OPD induknya/);

  await page.fill(byName('agency.parent'), 'Dinas Pekerjaan Umum');
  await page.waitForFunction(() => !document.querySelector('[data-testid=error-summary] a[data-field="agency.parent"]'));
  assert.deepEqual(errors, []);
  await context.close();
});
