// Journey of the rubric studio (#/rubrik), against the built dist/ served from a sub-path:
// Diskominfo downloads the template, edits it (in this test: a weight and a scale changed with
// `ampk rubric to-xlsx` from an edited rubric, then a formula broken in the workbook's XML), opens
// the broken workbook and sees the problem at its cell (the same list as `ampk rubric from-xlsx`),
// opens the fixed one, types Dinas Contoh A's Media Sosial OPD figures into the preview and sees
// the scores `ampk score --rubric` computes with the edited rubric, compares it with the model and
// downloads rubric.json, which `ampk rubric check` accepts with the fingerprint shown. Axe runs on
// the problem table and on the preview.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { journeyEnv } from './harness.mjs';
import { readXlsx, unzip } from './xlsx-reader.mjs';
import {
  ampkBin, modelRubric, byName, MS, MS_TYPED, MS_QUALITY, MS_SCORE, indicators, runAxe, waitScore, section, readStore,
} from './officer-helpers.mjs';
import { example, seal } from './fixtures/make-batch.mjs';

const env = journeyEnv('ampk-studio-e2e-');
let bin;
before(() => { bin = ampkBin(); });

/** Runs the CLI; returns its exit code and output. */
function ampk(...args) {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The fingerprint `ampk rubric check` or `from-xlsx` printed (the last 64-hex word of its output). */
function fingerprintOf(out) {
  const all = out.match(/\b[0-9a-f]{64}\b/g);
  assert.ok(all, `a fingerprint in: ${out}`);
  return all.at(-1);
}

// ---------------------------------------------------------------------------------------------
// Editing workbooks: a zip writer (stored members, CRC-32 from node:zlib) beside the suite's reader.

/** A zip archive of `members` (name → bytes), every member stored uncompressed. */
function zipStored(members) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, bytes] of members) {
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(bytes) >>> 0;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(bytes.length, 18);
    head.writeUInt32LE(bytes.length, 22);
    head.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(bytes.length, 20);
    dir.writeUInt32LE(bytes.length, 24);
    dir.writeUInt16LE(n.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, n, bytes);
    central.push(dir, n);
    offset += 30 + n.length + bytes.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.size, 8);
  end.writeUInt16LE(members.size, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/** "H" for column index 7. */
const letter = (i) => (i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + letter(i % 26));

/**
 * The workbook with the `rumus` (formula) of one indicator replaced by `formula`: its cell in the
 * `indikator` sheet becomes an inline string. Returns the new bytes and the cell's place.
 */
function withFormula(xlsx, category, indicator, formula) {
  const book = readXlsx(xlsx);
  const sheet = book.sheets.find((s) => s.name === 'indikator');
  const col = sheet.rows[0].indexOf('rumus');
  const row = sheet.rows.findIndex((r) => r[0] === category && r[1] === indicator) + 1;
  assert.ok(col >= 0 && row > 1, `indikator has ${category} ${indicator} and a rumus column`);
  const ref = `${letter(col)}${row}`;
  const members = unzip(xlsx);
  const xml = members.get(sheet.part).toString('utf8');
  const cell = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
  assert.match(xml, cell, `${ref} in ${sheet.part}`);
  members.set(sheet.part, Buffer.from(xml.replace(cell, `<c r="${ref}" t="inlineStr"><is><t>${formula}</t></is></c>`)));
  return { bytes: zipStored(members), row, column: 'rumus', cell: ref };
}

// ---------------------------------------------------------------------------------------------
// Page helpers

/**
 * Opens #/rubrik in a fresh context, recording console errors and the paths the server had
 * nothing for (the page asks for a published `rubric.json`, which this dist/ lacks: the browser
 * logs that 404 as a console error).
 */
async function openStudio() {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  const missing = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() === 404) missing.push(new URL(r.url()).pathname); });
  await page.goto(`${env.server.url}#/rubrik`);
  await page.waitForSelector('[data-testid=studio-file]');
  return { context, page, errors, missing };
}

/** No console error but the missing published rubric's 404, nothing else missing; closes the context. */
async function done({ context, errors, missing }) {
  assert.ok(missing.every((p) => p.endsWith('/rubric.json')), `only rubric.json is missing: ${missing}`);
  const notFound = /^Failed to load resource: the server responded with a status of 404/;
  assert.deepEqual(errors.filter((e) => !(missing.length > 0 && notFound.test(e))), [], 'no console errors');
  await context.close();
}

/** Opens a file in the studio and waits until the page shows what reading it gave. */
async function openFile(page, file, { valid }) {
  await page.setInputFiles('[data-testid=studio-file]', file);
  await page.waitForSelector(`[data-testid=studio-summary][data-valid="${valid}"]`);
  await page.waitForFunction((name) => document.querySelector('[data-testid=studio-opened]')?.textContent.includes(name),
    path.basename(file));
}

/** The problem rows shown: [sheet, row, column] each. */
async function problemRows(page) {
  return page.$$eval('[data-testid=studio-problem]', (rows) =>
    rows.map((r) => [r.dataset.sheet, r.dataset.row === undefined ? null : Number(r.dataset.row), r.dataset.column ?? null]));
}

/** Clicks a download button and saves the file as `to`. */
async function download(page, testid, to) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  await dl.saveAs(to);
  return dl.suggestedFilename();
}

// ---------------------------------------------------------------------------------------------

test('template → edited workbook → problem at its cell → fixed → preview scores as the CLI → published rubric.json', async () => {
  const tmp = env.tmp;
  const opened = await openStudio();
  const { page } = opened;
  // The studio is its own module, fetched now.
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.ok(fetched.some((u) => u.endsWith('ampk-studio_bg.wasm')), 'the studio module was fetched');
  assert.equal(await page.getAttribute('[data-testid=nav-studio]', 'aria-current'), 'page');

  // 1. The template, downloaded from the studio, is the CLI's template: both read back as the same rubric.
  const template = path.join(tmp, 'template.xlsx');
  assert.equal(await download(page, 'studio-template', template), 'rubrik-model.xlsx');
  const fromBrowser = ampk('rubric', 'from-xlsx', template, '--out', path.join(tmp, 'template.json'));
  assert.equal(fromBrowser.status, 0, fromBrowser.stdout + fromBrowser.stderr);
  assert.equal(ampk('rubric', 'template', '--out', path.join(tmp, 'cli.xlsx')).status, 0);
  const fromCli = ampk('rubric', 'from-xlsx', path.join(tmp, 'cli.xlsx'), '--out', path.join(tmp, 'cli.json'));
  assert.equal(fingerprintOf(fromBrowser.stderr), fingerprintOf(fromCli.stderr), 'the same template as the CLI');

  // 2. The edit: Media Sosial OPD's S1 weighs 20 instead of 15 (S3 15 instead of 20, still 100 in
  // all) and S1's linear scale is full at 50 posts a month instead of 60. The fixed workbook is
  // written by the CLI; the broken one has S5's formula naming an unknown input.
  const rubric = JSON.parse(fs.readFileSync(path.join(tmp, 'template.json'), 'utf8'));
  const ms = rubric.categories.find((c) => c.id === MS);
  const ind = (id) => ms.indicators.find((i) => i.id === id);
  assert.deepEqual([ind('S1').weight, ind('S3').weight, ind('S1').scale.max], [15, 20, 60], 'the model as expected');
  ind('S1').weight = 20;
  ind('S3').weight = 15;
  ind('S1').scale.max = 50;
  const edited = path.join(tmp, 'edited.json');
  fs.writeFileSync(edited, JSON.stringify(rubric, null, 2));
  const checked = ampk('rubric', 'check', edited);
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  const fixed = path.join(tmp, 'rubrik-2026.xlsx');
  assert.equal(ampk('rubric', 'to-xlsx', edited, '--out', fixed).status, 0);
  const broken = path.join(tmp, 'rubrik-2026-rusak.xlsx');
  const place = withFormula(fs.readFileSync(fixed), MS, 'S5', '100 * (followers_end - followers_awal) / followers_start');
  fs.writeFileSync(broken, place.bytes);
  const cli = ampk('rubric', 'from-xlsx', broken, '--out', path.join(tmp, 'never.json'), '--json');
  assert.equal(cli.status, 1, 'the CLI finds the broken formula too');
  const cliRows = JSON.parse(cli.stdout).map((p) => [p.sheet, p.row, p.column]);

  // 3. The broken workbook: the problem at its cell, exactly the CLI's list; no preview, no download.
  await openFile(page, broken, { valid: false });
  const rows = await problemRows(page);
  assert.deepEqual(rows, cliRows, 'every problem, as the CLI lists them');
  assert.ok(rows.some(([s, r, c]) => s === 'indikator' && r === place.row && c === 'rumus'),
    `a problem at indikator!${place.cell} (rumus): ${JSON.stringify(rows)}`);
  const at = `[data-testid=studio-problem][data-sheet=indikator][data-row="${place.row}"][data-column=rumus]`;
  assert.equal(await page.getAttribute(at, 'data-cell'), place.cell);
  assert.match(await page.textContent(at), /'followers_awal' .*bukan isian/, 'the message names the unknown input');
  assert.equal(await page.$('[data-testid=studio-sha256]'), null, 'no fingerprint while invalid');
  assert.equal(await page.$('[data-testid=studio-download-json]'), null, 'nothing to publish while invalid');
  await runAxe(page, 'studio: problem table');

  // The page follows the language switch: the workbook's messages are read again in English.
  await page.click('[data-testid=lang]');
  await page.waitForFunction(() => document.querySelector('.studio h1')?.textContent === 'Rubric studio');
  await page.waitForFunction((sel) => /is neither an input/.test(document.querySelector(sel)?.textContent), at);
  await page.click('[data-testid=lang]');
  await page.waitForFunction(() => document.querySelector('.studio h1')?.textContent === 'Studio rubrik');

  // 4. The fixed workbook: valid, with the CLI's fingerprint; the list of problems is gone.
  await openFile(page, fixed, { valid: true });
  assert.equal((await problemRows(page)).length, 0, 'no problem left');
  const fromFixed = ampk('rubric', 'from-xlsx', fixed, '--out', path.join(tmp, 'fixed.json'));
  assert.equal(fromFixed.status, 0);
  const sha = (await page.textContent('[data-testid=studio-sha256]')).trim();
  assert.match(sha, /^[0-9a-f]{64}$/);
  assert.equal(sha, fingerprintOf(fromFixed.stderr), 'the fingerprint `ampk rubric from-xlsx` prints');
  // The overview shows the new weights.
  const weight = (id) => page.getAttribute(`[data-testid=studio-overview] tr[data-category=${MS}] [data-indicator=${id}]`, 'data-weight');
  assert.deepEqual([await weight('S1'), await weight('S3')], ['20', '15']);

  // 5. The preview: Dinas Contoh A's figures typed into the officers' own form score as
  // `ampk score --rubric` scores them with the edited rubric.
  const sub = example(bin, 'opd');
  for (const id of Object.keys(sub.categories)) if (id !== MS) delete sub.categories[id];
  delete sub.computed;
  const published = JSON.parse(fs.readFileSync(path.join(tmp, 'fixed.json'), 'utf8'));
  sub.rubric = { id: published.id, edition: published.edition, sha256: sha };
  const subFile = path.join(tmp, 'contoh-a.json');
  fs.writeFileSync(subFile, JSON.stringify(seal(sub), null, 2));
  const scored = ampk('score', subFile, '--rubric', path.join(tmp, 'fixed.json'), '--json');
  assert.equal(scored.status, 0, scored.stdout + scored.stderr);
  const expected = JSON.parse(scored.stdout)[0].categories.find((c) => c.id === MS);
  const want = expected.data_score.toFixed(2);
  assert.notEqual(want, MS_SCORE, 'the edit changes the score');

  await page.selectOption('[data-testid=studio-preview-type]', 'opd');
  await page.waitForSelector(section(MS));
  for (const [input, text] of Object.entries(MS_TYPED)) await page.fill(byName(`${MS}.${input}`), text);
  for (const [item, answer] of Object.entries(MS_QUALITY)) {
    await page.check(`${byName(`${MS}.quality.${item}`)}[value="${answer}"]`);
  }
  await waitScore(page, MS, want);
  const shown = await indicators(page, MS);
  assert.deepEqual(shown, Object.fromEntries(Object.entries(expected.indicators).map(([k, v]) => [k, v.toFixed(2)])),
    'every indicator as the CLI scores it');
  assert.equal(shown.S1, '84.00', 'S1 on its new scale: 42 posts a month of 50');
  assert.ok(await page.$(`[data-testid=gains-${MS}]`), 'where to gain points');
  assert.equal(Object.keys(await readStore(page)).filter((k) => k.startsWith('ampk.draft')).length, 0,
    'preview figures are not saved as drafts');
  await runAxe(page, 'studio: preview');

  // Compare: with the model (the core's diff names S1's new weight and scale).
  const diff = await page.textContent('[data-testid=studio-diff]');
  assert.match(diff, /S1/);
  assert.equal(await page.getAttribute('[data-testid=studio-diff]', 'data-identical'), 'false');
  // ... and with the template read back: the same changes, from a workbook.
  await page.setInputFiles('[data-testid=studio-compare-file]', template);
  await page.waitForFunction((n) => document.querySelector('[data-testid=studio-compare-against]')?.textContent.includes(n), 'template.xlsx');
  assert.match(await page.textContent('[data-testid=studio-diff]'), /S1/);
  await page.setInputFiles('[data-testid=studio-compare-file]', fixed);
  await page.waitForSelector('[data-testid=studio-diff][data-identical=true]');

  // 6. Publish: rubric.json, which `ampk rubric check` accepts with the fingerprint shown; and
  // the workbook, which reads back as the same rubric.
  const json = path.join(tmp, 'rubric.json');
  assert.equal(await download(page, 'studio-download-json', json), 'rubric.json');
  const check = ampk('rubric', 'check', json);
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.equal(fingerprintOf(check.stdout + check.stderr), sha, 'the same fingerprint as studio-sha256');
  const xlsx = path.join(tmp, 'published.xlsx');
  await download(page, 'studio-download-xlsx', xlsx);
  const back = ampk('rubric', 'from-xlsx', xlsx, '--out', path.join(tmp, 'back.json'));
  assert.equal(fingerprintOf(back.stderr), sha, 'the workbook reads back as the published rubric');
  await done(opened);
});

test('a rubric file with problems lists them at their JSON paths; a file over the limit is refused unread', async () => {
  const tmp = env.tmp;
  const opened = await openStudio();
  const { page } = opened;
  const model = JSON.parse(fs.readFileSync(modelRubric, 'utf8'));
  const broken = structuredClone(model);
  broken.categories[0].indicators[0].value = 'posts +';
  broken.final_score.data_weight = 60;
  const bad = path.join(tmp, 'rusak.json');
  fs.writeFileSync(bad, JSON.stringify(broken));
  const cli = ampk('rubric', 'check', bad);
  assert.equal(cli.status, 1);
  const cliPaths = [...(cli.stdout + cli.stderr).matchAll(/^[^:]+: ([^:]+): /gm)].map((m) => m[1]);
  await openFile(page, bad, { valid: false });
  const paths = await page.$$eval('[data-testid=studio-problem]', (rows) => rows.map((r) => r.dataset.path));
  assert.deepEqual(paths, cliPaths, 'every problem at the JSON path `ampk rubric check` names');
  assert.deepEqual(paths, ['final_score', 'categories[0].indicators[0].value']);

  // Imported text is never markup: a rubric whose label is HTML shows it as text.
  model.title.id = '<img src=x onerror="window.__pwned=1">Rubrik uji';
  const hostile = path.join(tmp, 'hostile.json');
  fs.writeFileSync(hostile, JSON.stringify(model));
  await openFile(page, hostile, { valid: true });
  assert.equal(await page.$('.studio img'), null, 'no element made from the title');
  assert.match(await page.textContent('[data-testid=studio-summary]'), /<img src=x/);

  const big = path.join(tmp, 'besar.json');
  fs.writeFileSync(big, Buffer.alloc((1 << 20) + 1, 0x20));
  await openFile(page, big, { valid: false });
  const codes = await page.$$eval('[data-testid=studio-problem]', (rows) => rows.map((r) => r.dataset.code));
  assert.deepEqual(codes, ['too_large']);
  await done(opened);
});
