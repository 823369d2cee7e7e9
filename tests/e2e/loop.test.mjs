// The whole verification loop (issue 14, journey 3), against the built dist/: the coordinator
// reviews Contoh A in Rekap (two corrections, a verdict, "perlu perbaikan") and downloads the
// feedback (export-feedback); the officer, in a fresh profile, opens the original submission and
// the feedback, sees the marked fields, accepts one correction, answers the other and exports
// again; the coordinator imports that revision into the same session: it supersedes the first
// file by its revision (not by time), the review still applies, and the responses show beside
// the corrections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { journeyEnv, openPage } from './harness.mjs';
import { batchDir } from './fixtures/make-batch.mjs';
import { MS, byName, section, ready, runAxe } from './officer-helpers.mjs';

const env = journeyEnv('ampk-e2e-loop-');
const FILE_A = '02-dinas-contoh-a-revisi.json';
const POSTS = `${MS}.posts`;
const FOLLOWERS = `${MS}.followers_end`;
const batchFiles = () => fs.readdirSync(batchDir).filter((f) => f.endsWith('.json')).sort();

async function waitRows(page, n) {
  await page.waitForFunction((count) => !document.querySelector('[data-testid=import-progress]')
    && document.querySelectorAll('[data-testid="file-row"]').length === count, n, { timeout: 30_000 });
}

async function download(page, testid) {
  // Once, in a CI run, no download came within 10 s of the click on `export-feedback` (the
  // cause was not found; it never happened alone or under load here). The button is brought
  // into view first (below the rankings, whose boxes take their real size as they come into
  // view, it can move while the click waits for it to hold still), and the wait is longer.
  const button = page.locator(`[data-testid=${testid}]`);
  await button.scrollIntoViewIfNeeded();
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
  const file = path.join(env.tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

test('3. review → feedback → revised submission → the revision supersedes by revision and its responses show', async () => {
  // The coordinator's review of Contoh A.
  const rekap = await openPage(env.browser, `${env.server.url}#/rekap`);
  const r = rekap.page;
  await r.waitForSelector('[data-testid=import-files]');
  const names = batchFiles();
  await r.setInputFiles('[data-testid=import-files]', names.map((f) => path.join(batchDir, f)));
  await waitRows(r, names.length);
  await r.fill('[data-testid=reviewer]', 'Rina Pemeriksa');
  await r.click(`[data-testid="file-row"][data-file="${FILE_A}"] [data-testid=open-details]`);
  await r.waitForSelector('[data-testid=review-panel]');
  await r.selectOption('[data-testid=review-state]', 'needs_fixing');
  await r.fill('[data-testid=review-reason]', 'dua angka tidak didukung bukti');
  await r.fill(`[data-testid="correct-${POSTS}"]`, '100');
  await r.fill(`[data-testid="reason-${POSTS}"]`, 'bukti hanya menunjukkan 100 unggahan');
  await r.selectOption(`[data-testid="verdict-${POSTS}"]`, 'not_ok');
  await r.fill(`[data-testid="correct-${FOLLOWERS}"]`, '20000');
  await r.fill(`[data-testid="reason-${FOLLOWERS}"]`, 'tangkapan layar menunjukkan 20.000 pengikut');
  await r.click('[data-testid=review-save]');
  await r.waitForFunction(() => document.querySelector('[data-testid=review-saved]')?.textContent, undefined, { timeout: 10_000 });
  assert.equal(await r.$('[data-testid=error-summary]'), null, 'the review saves');

  // One submission has something to send: one JSON file, named after its agency.
  const fb = await download(r, 'export-feedback');
  assert.match(fb.name, /^umpan-balik-dinas-contoh-a-[0-9a-f]{8}\.json$/);
  const feedback = JSON.parse(fs.readFileSync(fb.file, 'utf8'));
  assert.equal(feedback.format, 'ampk-feedback');
  assert.equal(feedback.state, 'needs_fixing');
  assert.equal(feedback.reviewer, 'Rina Pemeriksa');
  const original = JSON.parse(fs.readFileSync(path.join(batchDir, FILE_A), 'utf8'));
  assert.equal(feedback.submission_id, original.submission_id);
  assert.deepEqual(feedback.corrections.map((c) => [c.input, c.from, c.value]).sort(), [['followers_end', 22500, 20000], ['posts', 420, 100]]);
  assert.ok(feedback.scores[MS].verified < feedback.scores[MS].reported, JSON.stringify(feedback.scores[MS]));

  // The officer, in a fresh profile: the original submission, then the feedback.
  const officer = await openPage(env.browser, env.server.url);
  const o = officer.page;
  await ready(o);
  await o.setInputFiles('[data-testid=open-submission]', path.join(batchDir, FILE_A));
  await o.waitForSelector(section(MS));
  await o.setInputFiles('[data-testid=open-feedback]', fb.file);
  await o.waitForSelector('[data-testid=feedback-banner]');
  const marked = await o.$$eval('[data-review]', (els) => els.map((e) => e.dataset.review));
  assert.deepEqual(marked.sort(), [FOLLOWERS, POSTS].sort());
  await runAxe(o, 'officer page with the coordinator\'s feedback');
  await o.click(`[data-testid="accept-${POSTS}"]`);
  assert.equal(await o.inputValue(byName(POSTS)), '100');
  const answer = 'Pengikut 22.500 pada 31 Oktober; tangkapan layar baru terlampir.';
  await o.fill(`[data-testid="response-${FOLLOWERS}"]`, answer);
  const revised = await download(o, 'export');
  const sub = JSON.parse(fs.readFileSync(revised.file, 'utf8'));
  assert.equal(sub.format_version, 2);
  assert.equal(sub.submission_id, original.submission_id);
  assert.equal(sub.revision, 2);
  assert.deepEqual(sub.responses, { [POSTS]: { accepted: true }, [FOLLOWERS]: { text: answer } });
  assert.deepEqual(officer.errors, [], 'no console errors in the officer page');
  await officer.context.close();

  // Back in Rekap: the revision supersedes the file it answers, by its revision.
  // (It was exported now, after the first file; a later test of the core checks that an
  // earlier-exported revision wins as well.)
  const revisedName = 'dinas-contoh-a-revisi-2.json';
  const copy = path.join(env.tmp, revisedName);
  fs.copyFileSync(revised.file, copy);
  await r.setInputFiles('[data-testid=import-files]', [copy]);
  await waitRows(r, names.length + 1);
  const row = (file) => r.$eval(`[data-testid="file-row"][data-file="${file}"]`, (el) => ({
    status: el.dataset.status,
    codes: [...el.cells[3].querySelectorAll('code')].map((c) => c.textContent),
  }));
  const first = await row(FILE_A);
  assert.equal(first.status, 'superseded');
  assert.ok(first.codes.includes('superseded_revision'), JSON.stringify(first));
  assert.notEqual((await row(revisedName)).status, 'superseded');
  // The review carries over (same submission_id); the responses show beside the corrections.
  await r.click(`[data-testid="file-row"][data-file="${revisedName}"] [data-testid=open-details]`);
  await r.waitForSelector('[data-testid=review-panel]');
  assert.equal(await r.textContent('[data-testid=revision]'), '2');
  assert.equal(await r.inputValue('[data-testid=review-state]'), 'needs_fixing');
  assert.match(await r.textContent(`[data-testid="response-${POSTS}"]`), /menerima koreksi/);
  assert.match(await r.textContent(`[data-testid="response-${FOLLOWERS}"]`), /Tanggapan instansi: Pengikut 22\.500/);
  await runAxe(r, 'review view with the agency\'s responses');
  assert.deepEqual(rekap.errors, [], 'no console errors in Rekap');
  await rekap.context.close();
});
