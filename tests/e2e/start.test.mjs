// Journey: the start page loads from dist/ (served from a sub-path) and shows the built-in
// rubric's title, its model status and the categories each agency type may enter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyEnv, openPage } from './harness.mjs';
import fs from 'node:fs';
import { modelRubric } from './officer-helpers.mjs';

const env = journeyEnv();

test('start page shows the model rubric and its categories', async () => {
  const { page, errors, context } = await openPage(env.browser, env.server.url);
  await page.waitForSelector('[data-testid=rubric-title]');
  assert.equal(await page.textContent('[data-testid=rubric-title]'), 'AMPK 2025 — rubrik model (bukan rubrik resmi)');
  assert.equal(await page.textContent('[data-testid=rubric-status]'), 'Rubrik model — bukan rubrik resmi Diskominfo');
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  // A fresh start asks for nothing yet: no error summary before the officer has done anything.
  assert.equal(await page.$('[data-testid=error-summary]'), null, 'no error summary on a fresh start');
  const cats = async (type) => page.$$eval(`[data-agency-type=${type}] li[data-category]`,
    (els) => els.map((e) => e.dataset.category));
  assert.deepEqual(await cats('opd'), ['top_influencer', 'media_massa_online', 'website', 'media_sosial_opd', 'lapor_opd']);
  assert.deepEqual(await cats('uptd'), ['website', 'media_sosial_uptd']);
  assert.deepEqual(await cats('kabkota'), ['mitra_humas', 'lapor_kabkota']);

  // The coordinator's module, the rubric studio's and the workers are not part of the first load.
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(fetched.some((u) => /ampk-web-[0-9a-f]+_bg\.wasm$/.test(u)), `the officer app was fetched: ${fetched}`);
  assert.ok(!fetched.some((u) => u.includes('ampk-rekap') || u.includes('ampk-studio') || u.includes('worker') || u.endsWith('.txt') || u.endsWith('.pack')), 'and nothing else (no other language)');

  // The language switch is remembered across a reload. The interface's English texts and the
  // model rubric's are fetched when English is chosen, and then shown.
  const rubric = JSON.parse(fs.readFileSync(modelRubric, 'utf8'));
  await page.click('[data-testid=lang]');
  // Once its texts are here (fetched the first time English is chosen).
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const english = (title) => page.waitForFunction((t) => document.querySelector('[data-testid=rubric-title]')?.textContent === t, title);
  await english(rubric.title.en);
  const status = (t) => page.waitForFunction((t) => document.querySelector('[data-testid=rubric-status]')?.textContent === t, t);
  await status("Model rubric — not Diskominfo's official rubric");
  const files = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(files.some((u) => u.endsWith('/ampk-2025-model.all.pack')) && files.some((u) => u.endsWith('/ampk-texts.en.txt')), `${files}`);
  await page.reload();
  await page.waitForSelector('[data-testid=rubric-title]');
  await status("Model rubric — not Diskominfo's official rubric");
  await english(rubric.title.en);
  const label = rubric.categories.find((c) => c.id === 'media_sosial_opd').label.en;
  assert.ok((await page.textContent('body')).includes(label), `the categories' English labels (${label})`);
  assert.deepEqual(errors, []);
  await context.close();
});
