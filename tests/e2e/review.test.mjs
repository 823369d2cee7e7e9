// Journeys of the coordinator's review (#/rekap, issue 14 §1), against the built dist/ served
// from a sub-path, on the mixed batch of rekap.test.mjs (tests/e2e/fixtures/batch/): correcting
// one input of Contoh A gives the verified score `ampk score` gives for a copy of the file with
// that input changed, and moves it in the verified ranking; the audit records it; a reload keeps
// everything; the exports carry the state, both scores, the corrections and the audit; a
// rejected submission leaves the verified ranking; and `ampk rank --review` on the exported
// review file gives the page's verified rankings. axe-core checks the review view.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { journeyEnv, openPage } from './harness.mjs';
import { ampkBin, batchDir, seal, text } from './fixtures/make-batch.mjs';
import { readXlsx } from './xlsx-reader.mjs';
import { runAxe } from './officer-helpers.mjs';

let bin;
const env = journeyEnv('ampk-review-e2e-');
before(() => {
  try {
    bin = ampkBin();
  } catch (e) {
    throw new Error(`${e.message}: build it with \`cargo build -p ampk-cli\` (or set AMPK_BIN)`);
  }
});

const FILE_A = '02-dinas-contoh-a-revisi.json';
const FILE_D = '06-dinas-contoh-d.json';
const MS = 'media_sosial_opd';
const POSTS = `${MS}.posts`;
const batchFiles = () => fs.readdirSync(batchDir).filter((f) => f.endsWith('.json')).sort();

async function openRekap() {
  const opened = await openPage(env.browser, `${env.server.url}#/rekap`);
  const dialogs = [];
  const answers = [];
  opened.page.on('dialog', (d) => {
    const answer = answers.shift() ?? 'dismiss';
    dialogs.push(`${d.type()}: ${d.message()}`);
    (answer === 'accept' ? d.accept() : d.dismiss()).catch(() => {});
  });
  await opened.page.waitForSelector('[data-testid=import-files]');
  return { ...opened, dialogs, answers };
}

async function done({ context, errors, dialogs }, expected = []) {
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(dialogs, expected, 'exactly the expected dialogs');
  await context.close();
}

async function waitRows(page, n) {
  await page.waitForFunction((count) => !document.querySelector('[data-testid=import-progress]')
    && document.querySelectorAll('[data-testid="file-row"]').length === count, n, { timeout: 30_000 });
}

async function importBatch(page) {
  const names = batchFiles();
  await page.setInputFiles('[data-testid=import-files]', names.map((f) => path.join(batchDir, f)));
  await waitRows(page, names.length);
}

async function openDetails(page, file) {
  await page.click(`[data-testid="file-row"][data-file="${file}"] [data-testid=open-details]`);
  await page.waitForSelector('[data-testid=review-panel]');
}

/** Saves the open review and waits for its confirmation (or the error summary). */
async function save(page) {
  await page.click('[data-testid=review-save]');
  await page.waitForFunction(() => document.querySelector('[data-testid=review-saved]')?.textContent
    || document.querySelector('[data-testid=error-summary]'), undefined, { timeout: 10_000 });
}

/** The summary's links: the field each points at. */
const summaryFields = (page) => page.$$eval('[data-testid=error-summary] a', (as) => as.map((a) => a.dataset.field));

/** A ranking's rows in the view shown: rank, agency, data-score, data-verified, other rank. */
async function rankingRows(page, cat) {
  return page.$$eval(`[data-testid="ranking-${cat}"] tr[data-rank]`, (rows) => rows.map((r) => ({
    rank: Number(r.dataset.rank),
    agency: r.dataset.agency,
    score: r.dataset.score,
    verified: r.dataset.verified,
    state: r.dataset.state,
    other: r.querySelector('[data-testid=other-rank]').textContent,
  })));
}

async function rankBy(page, value) {
  await page.selectOption('[data-testid=rank-by]', value);
  await page.waitForSelector(`.ranking[data-rank-by="${value}"]`);
}

/** `ampk score` of Contoh A's file with one input changed (a sealed copy): that category's data score. */
function cliScoreWith(cat, input, value) {
  const doc = JSON.parse(fs.readFileSync(path.join(batchDir, FILE_A), 'utf8'));
  doc.categories[cat].inputs[input] = value;
  const file = path.join(env.tmp, `copy-${input}-${value}.json`);
  fs.writeFileSync(file, text(seal(doc)));
  const run = spawnSync(bin, ['score', file, '--json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout)[0].categories.find((c) => c.id === cat).data_score;
}

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(`[data-testid=${testid}]`)]);
  const file = path.join(env.tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file, bytes: fs.readFileSync(file) };
}

/** Corrects Contoh A's posts (420 → 100) with a reason and an evidence verdict, as Rina. */
async function correctContohA(page) {
  await importBatch(page);
  await page.fill('[data-testid=reviewer]', 'Rina Pemeriksa');
  await openDetails(page, FILE_A);
  await page.fill(`[data-testid="correct-${POSTS}"]`, '100');
  await page.fill(`[data-testid="reason-${POSTS}"]`, 'bukti hanya menunjukkan 100 unggahan');
  await page.selectOption(`[data-testid="verdict-${POSTS}"]`, 'not_ok');
  await save(page);
  assert.match(await page.textContent('[data-testid=review-saved]'), /2 perubahan/);
}

const verifiedShown = (page, cat) => page.getAttribute(`.details-category[data-category="${cat}"] [data-testid=verified-score]`, 'data-value');

test('1. a corrected input of Contoh A: verified score = `ampk score` of the changed copy; the verified ranking moves it; the audit has it', async () => {
  const s = await openRekap();
  const { page } = s;
  await importBatch(page);
  await openDetails(page, FILE_A);
  // Without a reviewer's name the save is refused, pointing at the field.
  await page.fill(`[data-testid="correct-${POSTS}"]`, '100');
  await page.fill(`[data-testid="reason-${POSTS}"]`, 'bukti hanya menunjukkan 100 unggahan');
  await save(page);
  assert.deepEqual(await summaryFields(page), ['reviewer']);
  assert.match(await page.textContent('[data-testid=error-summary]'), /Nama pemeriksa: Isi nama pemeriksa dulu/);
  await page.click('[data-testid=error-summary] a');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'reviewer', 'the link moves the focus to the field');
  // A correction without a reason is refused too, named by its field.
  await page.fill('[data-testid=reviewer]', 'Rina Pemeriksa');
  await page.fill(`[data-testid="reason-${POSTS}"]`, '');
  await save(page);
  assert.deepEqual(await summaryFields(page), [`reason-${POSTS}`]);
  assert.match(await page.textContent('[data-testid=error-summary]'), /Media Sosial.*Alasan koreksi: setiap koreksi wajib diberi alasan/);
  await page.fill(`[data-testid="reason-${POSTS}"]`, 'bukti hanya menunjukkan 100 unggahan');
  await page.selectOption(`[data-testid="verdict-${POSTS}"]`, 'not_ok');
  await save(page);
  assert.equal(await page.$('[data-testid=error-summary]'), null, 'no problem left');

  // The verified score equals the CLI's score of a copy with the input changed.
  const want = cliScoreWith(MS, 'posts', 100);
  assert.equal(await verifiedShown(page, MS), want.toFixed(2));
  assert.equal(await page.getAttribute(`.details-category[data-category="${MS}"] [data-testid=reported-score]`, 'data-value'), '78.34');
  assert.ok(want < 78.34, `the correction lowers the score (${want})`);
  const diffs = await page.$$eval(`.details-category[data-category="${MS}"] [data-testid=indicator-difference]`,
    (els) => els.map((e) => Number(e.dataset.value)));
  assert.ok(diffs.some((d) => d < 0) && diffs.every((d) => d <= 0), `differences per indicator: ${diffs}`);

  // The verified ranking: Contoh A drops behind Contoh H (tied before); the data ranking keeps it.
  const data = await rankingRows(page, MS);
  assert.deepEqual(data.map((r) => [r.rank, r.agency, r.score]),
    [[1, 'Dinas Contoh D', '80.34'], [2, 'Dinas Contoh A', '78.34'], [2, 'Dinas Contoh H', '78.34']]);
  assert.equal(data[1].verified, want.toFixed(2), 'data-verified in the data view');
  assert.deepEqual(data.map((r) => r.other), ['1', '3', '2'], 'the verified rank beside the data rank');
  await rankBy(page, 'verified');
  const verified = await rankingRows(page, MS);
  assert.deepEqual(verified.map((r) => [r.rank, r.agency, r.verified]),
    [[1, 'Dinas Contoh D', '80.34'], [2, 'Dinas Contoh H', '78.34'], [3, 'Dinas Contoh A', want.toFixed(2)]]);
  assert.deepEqual(verified.map((r) => r.other), ['1', '2', '2'], 'the data rank beside the verified rank');
  assert.ok(await page.isVisible('[data-testid=final-uses-verified]'), 'the final score uses the verified data score: said on screen');

  // The audit: the correction (from the reported 420) and the verdict, by Rina, with the reason.
  await page.click('[data-testid=batch-audit] summary');
  const audit = await page.$$eval('[data-testid=batch-audit] [data-testid=audit-row]', (rows) => rows.map((r) => ({
    field: r.dataset.field, from: r.dataset.from, to: r.dataset.to, text: r.textContent,
  })));
  const entry = audit.find((a) => a.field === POSTS);
  assert.ok(entry, JSON.stringify(audit));
  assert.deepEqual([entry.from, entry.to], ['420', '100']);
  assert.match(entry.text, /Rina Pemeriksa.*Dinas Contoh A.*420 → 100.*bukti hanya menunjukkan 100 unggahan/);
  assert.match(entry.text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'an RFC 3339 UTC time');
  assert.deepEqual(audit.map((a) => a.field).sort(), [POSTS, `verdict.${POSTS}`].sort());

  await runAxe(page, 'review view');
  await done(s);
});

test('2. a reload keeps the review and the reviewer; the exports carry the state, both scores, the corrections and the audit', async () => {
  const s = await openRekap();
  const { page } = s;
  await correctContohA(page);
  const want = cliScoreWith(MS, 'posts', 100).toFixed(2);
  await page.reload();
  await page.waitForSelector('[data-testid=import-files]');
  await waitRows(page, batchFiles().length);
  assert.equal(await page.inputValue('[data-testid=reviewer]'), 'Rina Pemeriksa');
  await openDetails(page, FILE_A);
  assert.equal(await page.inputValue(`[data-testid="correct-${POSTS}"]`), '100');
  assert.equal(await page.inputValue(`[data-testid="verdict-${POSTS}"]`), 'not_ok');
  assert.equal(await verifiedShown(page, MS), want);
  assert.equal(await page.$$eval('[data-testid=batch-audit] [data-testid=audit-row]', (r) => r.length), 2);
  await rankBy(page, 'verified');
  assert.equal((await rankingRows(page, MS))[2].verified, want);

  // CSV: the review columns after the indicators.
  const csv = (await download(page, 'export-csv')).bytes.toString('utf8').slice(1).split('\n').map((l) => l.split(';'));
  const header = csv[0];
  assert.deepEqual(header.slice(-3), ['status_pemeriksaan', 'nilai_data_terverifikasi', 'peringkat_terverifikasi']);
  const rowA = csv.find((r) => r[1] === 'Dinas Contoh A' && r[3] === MS);
  assert.deepEqual([rowA[4], ...rowA.slice(-3)], ['78,34', 'unreviewed', want.replace('.', ','), '3']);
  // JSON: `ampk rank --review --json`'s shape.
  const json = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8'));
  const msJson = json.categories.find((c) => c.id === MS);
  const a = msJson.ranking.find((r) => r.agency === 'Dinas Contoh A');
  assert.deepEqual([a.data_score, a.verified_data_score, a.review_state], [78.34, Number(want), 'unreviewed']);
  assert.deepEqual(msJson.verified.map((r) => r.agency), ['Dinas Contoh D', 'Dinas Contoh H', 'Dinas Contoh A']);
  // XLSX: the review columns, and a sheet each for the review, the corrections and the audit.
  const xlsx = readXlsx((await download(page, 'export-xlsx')).bytes);
  assert.deepEqual(xlsx.sheets.slice(-3).map((x) => x.name), ['pemeriksaan', 'koreksi', 'audit']);
  const msSheet = xlsx.sheets.find((x) => x.name === MS);
  assert.deepEqual(msSheet.rows[0].slice(-3), ['status_pemeriksaan', 'nilai_data_terverifikasi', 'peringkat_terverifikasi']);
  const correctionsSheet = xlsx.sheets.find((x) => x.name === 'koreksi').rows.filter(Boolean);
  assert.equal(correctionsSheet.length, 2);
  assert.deepEqual(Array.from(correctionsSheet[1]).slice(2), [MS, 'posts', null, '420', '100', 'bukti hanya menunjukkan 100 unggahan']);
  const auditSheet = xlsx.sheets.find((x) => x.name === 'audit').rows.filter(Boolean);
  assert.equal(auditSheet.length, 3);
  // The corrections CSV, the audit CSV and JSON, and the review file.
  const corrections = (await download(page, 'export-corrections')).bytes.toString('utf8');
  assert.match(corrections, new RegExp(`;Dinas Contoh A;${MS};posts;;420;100;bukti hanya menunjukkan 100 unggahan`));
  const auditCsv = (await download(page, 'export-audit')).bytes.toString('utf8');
  assert.match(auditCsv, /^\uFEFFwaktu;pemeriksa;pengajuan;isian;dari;menjadi;alasan\n/);
  assert.match(auditCsv, new RegExp(`;Rina Pemeriksa;7c9e6679-7425-40de-944b-e07fc1f90ae7;${POSTS};420;100;bukti`));
  const auditJson = JSON.parse((await download(page, 'export-audit-json')).bytes.toString('utf8'));
  assert.deepEqual(auditJson.map((e) => e.field).sort(), [POSTS, `verdict.${POSTS}`].sort());
  const reviewFile = JSON.parse((await download(page, 'export-review')).bytes.toString('utf8'));
  assert.equal(reviewFile.format, 'ampk-review');
  assert.deepEqual(reviewFile.reviews[0].corrections, [{ category: MS, input: 'posts', value: 100, reason: 'bukti hanya menunjukkan 100 unggahan' }]);
  assert.equal(reviewFile.integrity.digest.length, 64);
  await done(s);
});

test('4+5. a rejected submission leaves the verified ranking; `ampk rank --review` on the exported review file gives the page\'s verified rankings; the review file opens on another PC', async () => {
  const s = await openRekap();
  const { page } = s;
  await correctContohA(page);
  await openDetails(page, FILE_D);
  await page.selectOption('[data-testid=review-state]', 'rejected');
  await save(page);
  assert.deepEqual(await summaryFields(page), ['review-reason'], 'rejected needs a reason');
  await page.fill('[data-testid=review-reason]', 'bukti tidak dapat dibuka sama sekali');
  await save(page);
  await rankBy(page, 'verified');
  const cli = spawnSync(bin, ['rank', batchDir, '--review', (await download(page, 'export-review')).file, '--json', '-'],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  const report = JSON.parse(cli.stdout);
  for (const c of report.categories) {
    const rows = await page.$$eval(`[data-testid="ranking-${c.id}"] tr[data-rank]`, (rs) => rs.map((r) => [Number(r.dataset.rank), r.dataset.agency, r.dataset.verified]));
    assert.deepEqual(rows, c.verified.map((r) => [r.rank, r.agency, r.verified_data_score.toFixed(2)]), `${c.id}: the page's verified ranking is the CLI's`);
    assert.ok(!rows.some((r) => r[1] === 'Dinas Contoh D'), `${c.id}: the rejected submission is out`);
  }
  const pageRows = {};
  for (const c of report.categories) pageRows[c.id] = await rankingRows(page, c.id);
  await rankBy(page, 'data');
  const d = (await rankingRows(page, 'lapor_opd')).find((r) => r.agency === 'Dinas Contoh D');
  assert.deepEqual([d.rank, d.other, d.state], [1, 'ditolak', 'rejected'], 'the data view keeps it, its verified rank says rejected');

  // On another PC: a fresh browser imports the batch and opens the review file.
  const reviewPath = (await download(page, 'export-review')).file;
  const other = await openRekap();
  await importBatch(other.page);
  await other.page.setInputFiles('[data-testid=open-review]', reviewPath);
  await other.page.waitForSelector('[data-testid=review-loaded]');
  await rankBy(other.page, 'verified');
  for (const c of report.categories) {
    assert.deepEqual(await rankingRows(other.page, c.id), pageRows[c.id], `${c.id}: the same on the other PC`);
  }
  // A broken review file is refused with its JSON paths, nothing applied (replacing asks first).
  const broken = path.join(env.tmp, 'broken.review.json');
  fs.writeFileSync(broken, fs.readFileSync(reviewPath, 'utf8').replace('"rejected"', '"maybe"'));
  other.answers.push('accept');
  await other.page.setInputFiles('[data-testid=open-review]', broken);
  await other.page.waitForSelector('[data-testid=review-load-problems]');
  assert.match(await other.page.textContent('[data-testid=review-load-problems]'), /reviews\[1\]\.state/);
  assert.deepEqual(await rankingRows(other.page, 'lapor_opd'), pageRows.lapor_opd, 'nothing applied');
  await done(other, ['confirm: Ganti pemeriksaan di peramban ini (2 pengajuan diperiksa, 3 catatan audit) dengan isi berkas?']);

  // Deleting everything warns about the review work; cancelled, it stays.
  await page.getByRole('button', { name: 'Hapus semua data impor', exact: true }).click();
  await page.waitForFunction(() => true);
  assert.equal(await page.$$eval('[data-testid="file-row"]', (r) => r.length), batchFiles().length);
  await done(s, ['confirm: Hapus semua data impor, nilai juri DAN pekerjaan pemeriksaan (2 pengajuan diperiksa, 3 catatan audit) dari peramban ini? Pemeriksaan yang belum diunduh sebagai berkas akan hilang.']);
});
