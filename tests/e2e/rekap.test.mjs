// Journeys of the coordinator's page (#/rekap), against the built dist/ served from a sub-path:
// a mixed batch (every status and reason, rankings equal to `ampk rank`), inline jury marks, a
// jury CSV, the CSV, JSON and XLSX exports (equal to the CLI's), a file over the size limit, a
// reload, hostile text, a 300-file smoke batch, a file changed after it was chosen, column
// sorting, the agency-type filter and deleting the imported data.
// The batch is tests/e2e/fixtures/batch/ (made by fixtures/make-batch.mjs). Every test runs in
// its own browser context (empty storage), asserts no console errors and that no dialog opens
// except the confirmations a journey asks for. The XLSX export, built in its own worker module,
// is read with xlsx-reader.mjs and compared cell by cell with `ampk rank --xlsx`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { journeyEnv, openPage, isPageError, rekapSession, until } from './harness.mjs';
import {
  ampkBin, root, batchDir, juryCsv, JURY_WEBSITE, example, seal, uuid4, text,
} from './fixtures/make-batch.mjs';
import { readXlsx } from './xlsx-reader.mjs';
import { runAxe } from './officer-helpers.mjs';

let bin;

const env = journeyEnv('ampk-rekap-e2e-');
before(() => {
  // Every journey compares with the real CLI: without it they fail (they are never skipped).
  try {
    bin = ampkBin();
  } catch (e) {
    throw new Error(`${e.message}: build it with \`cargo build -p ampk-cli\` (or set AMPK_BIN)`);
  }
});

// ---------------------------------------------------------------------------------------------
// Expectations

const batchFiles = () => fs.readdirSync(batchDir).filter((f) => f.endsWith('.json')).sort();

/** Status and reason codes of every fixture file (in folder order). */
const EXPECTED = {
  '01-dinas-contoh-a.json': ['superseded', ['superseded_same_id']],
  '02-dinas-contoh-a-revisi.json': ['accepted', []],
  '03-uptd-contoh-b.json': ['superseded', ['duplicate_identical']],
  '04-uptd-contoh-b-salinan.json': ['accepted', []],
  '05-kabupaten-contoh-c.json': ['accepted', []],
  '06-dinas-contoh-d.json': ['accepted', []],
  '07-dinas-contoh-e.json': ['accepted', []],
  '08-uptd-contoh-f.json': ['accepted', []],
  '09-kota-contoh-g.json': ['accepted', []],
  '10-dinas-contoh-h-diubah.json': ['accepted_with_warnings', ['digest_mismatch', 'computed_differs']],
  '11-hostile-img.json': ['accepted', []],
  '12-hostile-formula.json': ['accepted', []],
  '13-tidak-valid.json': ['rejected', ['check_failed', 'computed_differs']],
  '14-terpotong.json': ['rejected', ['not_json']],
  '15-rubrik-lain.json': ['rejected', ['rubric_mismatch']],
  '16-versi-baru.json': ['rejected', ['newer_version']],
};
const IMG = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://x","y")';
const HOSTILE_FILE = '11-hostile-img.json';

// ---------------------------------------------------------------------------------------------
// Helpers

const round2 = (x) => Math.round(x * 100) / 100;
/** The final score from the 2-decimal data score (rubric model: data 70 + jury 30). */
const finalFrom = (data, jury) => round2((70 * data + 30 * jury) / 100);

/**
 * Checks a row's data-final against 70% × data + 30% × jury computed from the *shown* 2-decimal
 * data score. The kit (core, so browser and CLI alike) computes the final score from the
 * full-precision data score and rounds once (rubric-format §7), so the shown final may differ
 * from this by 0.01; the exact digits are checked against `ampk rank --jury` instead. Such
 * differences are reported as test diagnostics.
 */
function checkFinal(t, row, jury, label) {
  assert.ok(row.final !== null, `${label}: ${row.agency} has data-final`);
  const naive = finalFrom(Number(row.score), jury);
  const diff = Math.abs(Number(row.final) - naive);
  assert.ok(diff < 0.0100001, `${label}: ${row.agency}: final ${row.final} vs 70%×${row.score} + 30%×${jury} = ${naive.toFixed(2)}`);
  if (diff > 0) {
    t.diagnostic(`${label}: ${row.agency}: data ${row.score}, jury ${jury} → kit ${row.final}, from the shown data ${naive.toFixed(2)} (full-precision data score)`);
  }
}

/**
 * Opens #/rekap in a fresh context; records dialogs besides console errors. A dialog is answered
 * from `answers` (a queue of 'accept' | 'dismiss' a journey fills before it expects one) and
 * dismissed when none is planned.
 */
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

/** No console errors, and exactly the `expected` dialogs (none unless a journey asked for one). */
async function done({ context, errors, dialogs }, expected = []) {
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(dialogs, expected, expected.length ? 'exactly the expected dialogs' : 'no dialog opened');
  await context.close();
}

/** Resolves after two animation frames: whatever the last event scheduled has rendered. */
async function nextFrames(page) {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

/**
 * From now on, records every element added to the page that could run imported text as code:
 * an <img>, <script>, <iframe>, <object> or <embed>, or any element with an on… attribute.
 * Read with `injectedSoFar(page)`: if none was ever made, no stray handler can run later.
 */
async function watchInjected(page) {
  await page.evaluate(() => {
    window.injected = [];
    const risky = (e) => ['IMG', 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName)
      || [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on'));
    const check = (node) => {
      if (!(node instanceof Element)) return;
      for (const e of [node, ...node.querySelectorAll('*')]) if (risky(e)) window.injected.push(e.outerHTML.slice(0, 200));
    };
    new MutationObserver((records) => {
      for (const m of records) {
        m.addedNodes.forEach(check);
        if (m.type === 'attributes' && m.attributeName.toLowerCase().startsWith('on')) check(m.target);
      }
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
  });
}
const injectedSoFar = (page) => page.evaluate(() => window.injected);

/** Waits until `n` file rows are shown and no import is in progress. */
async function waitImported(page, n, timeout = 30_000) {
  await page.waitForFunction(
    (count) => !document.querySelector('[data-testid=import-progress]')
      && document.querySelectorAll('[data-testid="file-row"]').length === count,
    n, { timeout },
  ).catch(async (e) => {
    const got = await page.$$eval('[data-testid="file-row"]', (els) => els.length);
    assert.fail(`expected ${n} file rows, got ${got}: ${e.message}`);
  });
}

async function importBatch(page) {
  const names = batchFiles();
  await page.setInputFiles('[data-testid=import-files]', names.map((f) => path.join(batchDir, f)));
  await waitImported(page, names.length);
  return names;
}

/** Every status row: file, status, agency cell and the reason codes. */
async function fileRows(page) {
  return page.$$eval('[data-testid="file-row"]', (rows) => rows.map((r) => ({
    file: r.dataset.file,
    status: r.dataset.status,
    agency: r.cells[2].textContent,
    codes: [...r.cells[3].querySelectorAll('code')].map((c) => c.textContent),
  })));
}

/** The rows of one category's ranking table, in page order ([] when the category is empty). */
async function rankingRows(page, cat) {
  const el = await page.$(`[data-testid="ranking-${cat}"]`);
  assert.ok(el, `ranking-${cat} is shown`);
  return el.$$eval('tr[data-rank]', (rows) => rows.map((r) => ({
    rank: Number(r.dataset.rank),
    agency: r.dataset.agency,
    score: r.dataset.score,
    final: r.dataset.final ?? null,
    winner: r.classList.contains('winner'),
    jury: r.querySelector('input[id^="jury-"]')?.id ?? null,
  })));
}

/** `ampk rank <batch> [--jury CSV] --json -`, parsed (exit 1: the batch has rejected files). */
function cliRank(extra = [], dir = batchDir) {
  const run = spawnSync(bin, ['rank', dir, ...extra, '--json', '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `ampk rank exited ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Page rankings equal the CLI's, per category: [rank, agency, data score, final] and winners. */
async function assertRankingsMatch(page, cli, label) {
  for (const cat of cli.categories) {
    const rows = await rankingRows(page, cat.id);
    const want = cat.ranking.map((r) => [r.rank, r.agency, r.data_score.toFixed(2),
      r.final_score === null ? null : r.final_score.toFixed(2)]);
    assert.deepEqual(rows.map((r) => [r.rank, r.agency, r.score, r.final]), want, `${label}: ${cat.id} ranking`);
    assert.deepEqual(rows.filter((r) => r.winner).map((r) => r.agency),
      cat.ranking.filter((r) => r.winner).map((r) => r.agency), `${label}: ${cat.id} winners`);
    if (!cat.ranking.length) {
      assert.equal(await page.$eval(`[data-testid="ranking-${cat.id}"]`, (e) => e.tagName), 'P');
    }
  }
}

/** Commits an inline jury mark (typed, then Tab) and waits until the row shows a final score. */
async function enterJury(page, inputId, agency, typed) {
  const sel = `[id="${inputId}"]`;
  await page.fill(sel, typed);
  await page.press(sel, 'Tab');
  await page.waitForFunction(
    ([id]) => document.getElementById(id)?.closest('tr')?.dataset.final !== undefined,
    [inputId], { timeout: 10_000 },
  ).catch(() => assert.fail(`no data-final for ${agency} after typing ${typed}`));
}

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(`[data-testid=${testid}]`)]);
  const file = path.join(env.tmp, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** A score as the `;` CSV writes it: whole numbers bare, others with 2 decimals, decimal comma. */
const csvNumber = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(2)).replace('.', ',');

/** A small RFC 4180 reader (quotes, doubled quotes, CRLF or LF). */
function parseCsv(s, sep) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** A jury CSV written the Indonesian way for marks {agency: number}. */
function writeJuryCsv(name, cat, marks) {
  const file = path.join(env.tmp, name);
  const lines = Object.entries(marks).map(([a, m]) => `${a};${cat};${String(m).replace('.', ',')}`);
  fs.writeFileSync(file, `agency;category;jury_score\n${lines.join('\n')}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Journeys

test('1. a mixed batch: every file gets its status and reasons; rankings equal `ampk rank`', async () => {
  const s = await openRekap();
  // The rankings are drawn a part at a time: a category drawn is never taken out of the page
  // again (moved or drawn anew) while the next are drawn.
  await s.page.evaluate(() => {
    window.__rankingsRemoved = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.removedNodes) {
        if (n.nodeType === 1 && (n.matches('.ranking') || n.querySelector('.ranking'))) window.__rankingsRemoved += 1;
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const names = await importBatch(s.page);
  assert.deepEqual(names, Object.keys(EXPECTED), 'the fixture folder holds the expected files');
  assert.equal(await s.page.evaluate(() => window.__rankingsRemoved), 0, 'no ranking drawn was taken out again');

  const rows = await fileRows(s.page);
  assert.deepEqual(rows.map((r) => r.file), names, 'one row per file, in the order given');
  for (const r of rows) {
    const [status, codes] = EXPECTED[r.file];
    assert.equal(r.status, status, `${r.file}: status`);
    assert.deepEqual(r.codes, codes, `${r.file}: reason codes`);
  }
  assert.equal(rows.find((r) => r.file === '14-terpotong.json').agency, '–', 'unreadable file: no agency');

  const cli = cliRank();
  assert.deepEqual(rows.map((r) => [r.file, r.status, r.codes]),
    cli.files.map((f) => [f.file, f.status, f.reasons.map((x) => x.code)]), 'statuses and reasons equal the CLI\'s');
  await assertRankingsMatch(s.page, cli, 'no jury');

  // What the batch was made to show: a shared rank and a winner cut-off.
  const website = await rankingRows(s.page, 'website');
  assert.deepEqual(website.filter((r) => r.rank === 2).map((r) => r.agency), ['Dinas Contoh A', 'UPTD Contoh B']);
  const lapor = await rankingRows(s.page, 'lapor_opd');
  assert.equal(lapor.length, 6);
  assert.deepEqual(lapor.map((r) => r.winner), [true, true, true, false, false, false]);
  await done(s);
});

test('2. inline jury marks: final = 70% data + 30% jury; the final ranking once every entry has one', async (t) => {
  const s = await openRekap();
  const { page } = s;
  await importBatch(page);
  const cat = 'lapor_opd';
  const before = await rankingRows(page, cat);
  // The last by data gets the best mark, the first a poor one: the final order differs.
  const typed = {
    'Dinas Contoh D': '50', 'Dinas Contoh A': '80', [IMG]: '72,5',
    'Dinas Contoh H': '65', [FORMULA]: '90,25', 'Dinas Contoh E': '100',
  };
  assert.deepEqual(before.map((r) => r.agency).sort(), Object.keys(typed).sort());
  const mark = (a) => Number(typed[a].replace(',', '.'));

  const order = before.map((r) => r.agency);
  for (const [i, r] of before.entries()) {
    await enterJury(page, r.jury, r.agency, typed[r.agency]);
    const now = await rankingRows(page, cat);
    const marked = before.slice(0, i + 1).map((b) => b.agency);
    for (const row of now) {
      if (marked.includes(row.agency)) checkFinal(t, row, mark(row.agency), `${i + 1} mark(s)`);
      else assert.equal(row.final, null, `${row.agency}: no data-final without a mark`);
    }
    // The same marks through the CLI: the same ranks, data and final scores and winners.
    const csv = writeJuryCsv(`inline-${i + 1}.csv`, cat, Object.fromEntries(marked.map((a) => [a, mark(a)])));
    const cli = cliRank(['--jury', csv]);
    assert.equal(cli.categories.find((c) => c.id === cat).ranked_by, i < before.length - 1 ? 'data_score' : 'final_score');
    await assertRankingsMatch(page, cli, `${i + 1} inline mark(s)`);
    if (i < before.length - 1) {
      assert.deepEqual(now.map((x) => [x.rank, x.agency]), before.map((x) => [x.rank, x.agency]),
        `partial marks (${i + 1}/${before.length}): still ranked by data score`);
    } else {
      const byFinal = [...now].sort((a, b) => Number(b.final) - Number(a.final)).map((x) => x.agency);
      assert.deepEqual(now.map((x) => x.agency), byFinal, 'every entry marked: ranked by final score');
      assert.notDeepEqual(now.map((x) => x.agency), order, 'the final order differs from the data order');
      assert.deepEqual(now.map((x) => x.rank), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(now.map((x) => x.winner), [true, true, true, false, false, false]);
    }
  }
  const shown = await page.inputValue(`[id="${before.find((r) => r.agency === IMG).jury}"]`);
  assert.equal(shown, '72.5', 'the typed decimal comma is kept as a number');
  await done(s);
});

test('3. a jury CSV (;, decimal comma) gives the same marks and ranking as `ampk rank --jury`', async (t) => {
  const s = await openRekap();
  const { page } = s;
  await importBatch(page);
  await page.setInputFiles('[data-testid=import-jury]', juryCsv);
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="ranking-website"] tr[data-rank]');
    return rows.length > 0 && [...rows].every((r) => r.dataset.final !== undefined);
  }, undefined, { timeout: 10_000 });

  const cli = cliRank(['--jury', juryCsv]);
  const website = cli.categories.find((c) => c.id === 'website');
  assert.equal(website.ranked_by, 'final_score');
  assert.ok(website.ranking.every((r) => r.jury_score !== null));
  await assertRankingsMatch(page, cli, 'jury CSV');
  // Marks as written in the CSV (85,5 → 85.5), matched ignoring case and spaces.
  const marks = Object.fromEntries(JURY_WEBSITE.map(([a, m]) => [a.toLowerCase().replace(/\s+/g, ' '), Number(m.replace(',', '.'))]));
  for (const r of await rankingRows(page, 'website')) {
    const m = marks[r.agency.toLowerCase()];
    assert.equal(await page.inputValue(`[id="${r.jury}"]`), String(m), `${r.agency}: mark shown`);
    checkFinal(t, r, m, 'jury CSV');
  }
  assert.deepEqual(cli.unmatched_jury, [{ category: 'website', agency: 'dinas tidak ada' }]);
  assert.match(await page.textContent('.warning-text'), /dinas tidak ada \(website\)/);

  // The whole JSON export equals the CLI's with the same jury file.
  const { bytes } = await download(page, 'export-json');
  assert.deepEqual(JSON.parse(bytes.toString('utf8')), cli);
  await done(s);
});

test('4. CSV and JSON exports equal the CLI\'s; the CSV has a BOM, ; and neutralised formulas', async () => {
  const s = await openRekap();
  const { page } = s;
  await importBatch(page);
  const cli = cliRank();

  const csv = await download(page, 'export-csv');
  assert.match(csv.name, /^ampk-rekap-2025-\d{8}\.csv$/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const table = parseCsv(csv.bytes.toString('utf8').slice(1), ';');
  const [header, ...body] = table;
  assert.deepEqual(header.slice(0, 9),
    ['peringkat', 'instansi', 'jenis', 'kategori', 'nilai_data', 'nilai_juri', 'nilai_akhir', 'predikat', 'pemenang']);
  assert.ok(header.length > 9 && header.includes('A') && header.includes('W8'), 'one column per indicator');
  const ranked = cli.categories.flatMap((c) => c.ranking.map((r) => ({ ...r, category: c.id })));
  assert.equal(body.length, ranked.length, 'one row per ranked entry');
  assert.ok(body.every((r) => r.length === header.length), 'every row as wide as the header');
  body.forEach((r, i) => {
    const want = ranked[i];
    const agency = /^[=+\-@\t\r]/.test(want.agency) ? `'${want.agency}` : want.agency;
    assert.deepEqual(r.slice(0, 5), [String(want.rank), agency, want.agency_type, want.category,
      csvNumber(want.data_score)], `CSV row ${i + 2}`);
  });
  const formulaCells = body.filter((r) => r[1].includes('HYPERLINK')).map((r) => r[1]);
  assert.deepEqual(formulaCells, [`'${FORMULA}`], 'the formula agency name is neutralised');
  assert.ok(body.some((r) => r[1] === IMG), 'markup is plain text in the CSV');
  for (const r of body) {
    for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `no cell starts a formula: ${cell}`);
  }
  const cliCsv = path.join(env.tmp, 'cli.csv');
  const run = spawnSync(bin, ['rank', batchDir, '--csv', cliCsv], { encoding: 'utf8' });
  assert.equal(run.status, 1, run.stderr);
  assert.equal(csv.bytes.toString('utf8'), fs.readFileSync(cliCsv, 'utf8'), 'the CSV equals `ampk rank --csv`');

  const json = await download(page, 'export-json');
  assert.match(json.name, /^ampk-rekap-2025-\d{8}\.json$/);
  assert.deepEqual(JSON.parse(json.bytes.toString('utf8')), cli, 'the JSON equals `ampk rank --json -`');
  await done(s);
});

test('4b. the XLSX export (built in its own worker module) equals `ampk rank --xlsx` cell by cell, with no formula', async () => {
  const s = await openRekap();
  const { page } = s;
  await importBatch(page);
  const xlsx = await download(page, 'export-xlsx');
  assert.match(xlsx.name, /^ampk-rekap-2025-\d{8}\.xlsx$/);
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'a zip archive');
  const cliFile = path.join(env.tmp, 'cli.xlsx');
  const run = spawnSync(bin, ['rank', batchDir, '--xlsx', cliFile], { encoding: 'utf8' });
  assert.equal(run.status, 1, `ampk rank --xlsx (the batch has rejected files: exit 1):\n${run.stderr}`);

  const got = readXlsx(xlsx.bytes);
  const want = readXlsx(fs.readFileSync(cliFile));
  const cli = cliRank();
  const names = [...cli.categories.map((c) => c.id), 'status_berkas'];
  assert.deepEqual(want.sheets.map((x) => x.name), names, 'the CLI: a sheet per category and the file statuses');
  assert.deepEqual(got.sheets.map((x) => x.name), names, 'the browser: the same sheets, in the same order');
  // Every sheet, every cell (value and type: string, number, boolean). The creation time in
  // docProps/core.xml is not a cell and is not compared.
  for (const [i, sheet] of got.sheets.entries()) {
    const cliSheet = want.sheets[i];
    assert.deepEqual(sheet.rows, cliSheet.rows, `sheet ${sheet.name}: every cell's value`);
    assert.deepEqual(sheet.cells, cliSheet.cells, `sheet ${sheet.name}: every cell's type`);
    assert.equal(sheet.formulas, 0, `sheet ${sheet.name}: no formula (<f>) in the browser's file`);
    assert.equal(cliSheet.formulas, 0, `sheet ${sheet.name}: no formula (<f>) in the CLI's file`);
  }
  // Not two empty workbooks: a header and a row per ranked entry, per file; text kept as text.
  for (const c of cli.categories) {
    const sheet = got.sheets.find((x) => x.name === c.id);
    assert.equal(sheet.rows.filter(Boolean).length, 1 + c.ranking.length, `${c.id}: header + one row per entry`);
  }
  const status = got.sheets.find((x) => x.name === 'status_berkas');
  assert.equal(status.rows.filter(Boolean).length, 1 + cli.files.length, 'status_berkas: header + one row per file');
  const cells = got.sheets.flatMap((x) => [...x.cells.values()]);
  assert.ok(cells.some((c) => c.type === 'string' && c.value.includes(FORMULA)), 'the formula-like agency name is a string cell');
  assert.ok(cells.some((c) => c.type === 'string' && c.value === IMG), 'markup is a plain string cell');
  assert.ok(cells.some((c) => c.type === 'number'), 'scores are number cells');
  await done(s);
});

test('4c. files dropped on the import box are imported like chosen ones', async () => {
  const s = await openRekap();
  const { page } = s;
  const names = batchFiles().slice(0, 3);
  const files = names.map((n) => ({ name: n, text: fs.readFileSync(path.join(batchDir, n), 'utf8') }));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    const zone = document.querySelector('.dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await waitImported(page, names.length);
  const rows = await fileRows(page);
  assert.deepEqual(rows.map((r) => r.file).sort(), [...names].sort());
  await done(s);
});

test('4e. a file over the size limit (1 MiB) is refused unread, with its size, as by the CLI; the others are imported', async () => {
  const dir = path.join(env.tmp, 'over-limit');
  fs.mkdirSync(dir, { recursive: true });
  const names = batchFiles().slice(0, 2);
  for (const n of names) fs.copyFileSync(path.join(batchDir, n), path.join(dir, n));
  // Valid JSON, one byte over the limit: only its size can refuse it.
  const big = '00-besar.json';
  const limit = 1 << 20;
  fs.writeFileSync(path.join(dir, big), `{"pad":"${'x'.repeat(limit - 9)}"}`);
  assert.equal(fs.statSync(path.join(dir, big)).size, limit + 1);
  const s = await openRekap();
  const all = [big, ...names];
  await s.page.setInputFiles('[data-testid=import-files]', all.map((f) => path.join(dir, f)));
  await waitImported(s.page, all.length);
  const rows = await fileRows(s.page);
  const cli = cliRank([], dir);
  assert.deepEqual(rows.map((r) => [r.file, r.status, r.codes]).sort(),
    cli.files.map((f) => [f.file, f.status, f.reasons.map((x) => x.code)]).sort(), 'statuses and reasons equal the CLI\'s');
  const row = rows.find((r) => r.file === big);
  assert.deepEqual([row.status, row.codes], ['rejected', ['too_large']]);
  const reason = await s.page.$eval(`[data-testid="file-row"][data-file="${big}"]`, (r) => r.cells[3].textContent);
  assert.match(reason.replace(/[.,\s]/g, ''), new RegExp(String(limit + 1)), `the reason names the file's size: ${reason}`);
  await done(s);
});

test('4d. the coordinator area loads on demand from the header, follows the language switch, and comes back', async () => {
  const opened = await openPage(env.browser, env.server.url);
  const { page } = opened;
  await page.waitForSelector('[data-testid=rubric-title]');
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.click('[data-testid=nav-rekap]');
  await page.waitForSelector('#rekap-title');
  assert.ok(fetched.some((u) => u.endsWith('/ampk-rekap_bg.wasm')), 'its module is fetched only now');
  assert.equal(await page.textContent('#rekap-title'), 'Rekap pengajuan (Diskominfo)');
  await page.click('[data-testid=lang]');
  await page.waitForFunction(() => document.querySelector('#rekap-title')?.textContent === 'Submissions summary (Diskominfo)');
  await page.click('a[href="#/"]');
  await page.waitForSelector('[data-testid=rubric-title]');
  await page.click('[data-testid=nav-rekap]');
  await page.waitForSelector('#rekap-title');
  assert.equal(await page.textContent('#rekap-title'), 'Submissions summary (Diskominfo)');
  await done({ ...opened, dialogs: [] });
});

test('5. a reload restores the files and the jury marks', async (t) => {
  const s = await openRekap();
  const { page } = s;
  const names = await importBatch(page);
  const row = (await rankingRows(page, 'website')).find((r) => r.agency === 'Dinas Contoh D');
  await enterJury(page, row.jury, row.agency, '90,5');
  const files = await fileRows(page);
  const ranking = await rankingRows(page, 'website');
  const marked = ranking.find((r) => r.agency === 'Dinas Contoh D');
  checkFinal(t, marked, 90.5, 'before reload');
  await assertRankingsMatch(page, cliRank(['--jury', writeJuryCsv('reload.csv', 'website', { 'Dinas Contoh D': 90.5 })]), 'one mark');

  await page.reload();
  await page.waitForSelector('[data-testid=import-files]');
  await waitImported(page, names.length);
  await page.waitForSelector('[data-testid="ranking-website"] tr[data-final]');
  assert.deepEqual(await fileRows(page), files, 'the same file rows');
  assert.deepEqual(await rankingRows(page, 'website'), ranking, 'the same ranking and mark');
  assert.equal(await page.inputValue(`[id="${marked.jury}"]`), '90.5');
  await done(s);
});

test('5b. a session an earlier version kept in localStorage moves to IndexedDB at the first load', async () => {
  // The earlier layout: the whole session as one JSON text under `ampk.rekap`.
  const names = batchFiles();
  const session = {
    files: names.map((n) => [n, fs.readFileSync(path.join(batchDir, n), 'utf8')]),
    jury: [['website', 'Dinas Contoh D', 90.5]],
    reviewer: '',
  };
  const s = await openRekap();
  const { page } = s;
  await page.evaluate((t) => localStorage.setItem('ampk.rekap', t), JSON.stringify(session));
  await page.reload();
  await page.waitForSelector('[data-testid=import-files]');
  await waitImported(page, names.length);
  const marked = (await rankingRows(page, 'website')).find((r) => r.agency === 'Dinas Contoh D');
  assert.equal(await page.inputValue(`[id="${marked.jury}"]`), '90.5', 'the jury mark came along');
  const stored = await until(() => rekapSession(page), (v) => v?.files.length === names.length, 'the session in IndexedDB');
  assert.deepEqual(stored.files, session.files, 'every file moved as it was');
  assert.deepEqual(stored.jury, session.jury);
  assert.equal(await page.evaluate(() => localStorage.getItem('ampk.rekap')), null, 'and gone from localStorage');
  await done(s);
});

test('6. hostile text is shown literally: no markup, no dialog, the note as typed', async () => {
  const s = await openRekap();
  const { page } = s;
  // Instead of waiting for a stray onerror to fire: record every element that could run code
  // (and every dialog, in openRekap) from before the import. The file rows being rendered (and
  // two frames more) is the signal that everything imported is on the page.
  await watchInjected(page);
  await importBatch(page);
  await page.waitForSelector(`[data-testid="file-row"][data-file="${HOSTILE_FILE}"]`);
  await page.waitForSelector('[data-testid="ranking-website"] tr[data-rank]');
  await nextFrames(page);
  assert.deepEqual(await injectedSoFar(page), [], 'no <img>, <script>, frame or on… attribute was ever created');

  const injected = await page.evaluate(() => ({
    imgX: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
    onerror: document.querySelectorAll('[onerror]').length,
  }));
  assert.deepEqual(injected, { imgX: 0, onerror: 0 }, 'no element made from the agency name');
  const row = (await fileRows(page)).find((r) => r.file === HOSTILE_FILE);
  assert.equal(row.agency, IMG);
  assert.equal(row.status, 'accepted');
  for (const cat of ['lapor_opd', 'website']) {
    const r = (await rankingRows(page, cat)).find((x) => x.agency === IMG);
    assert.ok(r, `${cat}: the hostile agency is ranked`);
    const cell = await page.$eval(`[data-testid="ranking-${cat}"] [id="${r.jury}"]`,
      (input) => input.closest('tr').cells[1].textContent);
    assert.equal(cell, IMG, `${cat}: agency text literal`);
  }
  assert.ok((await page.textContent('body')).includes(IMG));
  assert.ok((await page.textContent('body')).includes(FORMULA));

  await page.click(`[data-testid="file-row"][data-file="${HOSTILE_FILE}"] button`);
  await page.waitForSelector('[data-testid=details]');
  assert.equal(await page.textContent('[data-testid=details] h2'), `${IMG} — ${HOSTILE_FILE}`);
  const notes = await page.$$eval('[data-testid=details] [data-testid=note]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(notes, [FORMULA, FORMULA], 'the note of each category, literally');
  assert.equal(await page.$$eval('[data-testid=details] [data-testid=note] *', (els) => els.length), 0);
  const links = await page.$$eval('[data-testid=details] a.evidence-link', (els) => els.map((a) => [a.getAttribute('href'), a.rel]));
  assert.ok(links.length > 0, 'evidence links shown');
  for (const [href, rel] of links) {
    assert.match(href, /^https:\/\/arsip\.img-src-x-onerror-alert-1\.go\.id\//);
    assert.match(rel, /noopener/);
  }
  await nextFrames(page);
  assert.deepEqual(await injectedSoFar(page), [], 'opening the details created nothing that runs code either');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
  await done(s);
});

/**
 * Writes `n` valid submissions into `dir` (an OPD, a UPTD and a kabupaten/kota in turn, each
 * its own agency and submission id) and returns their file names, in order.
 */
function writeBatch(dir, n, seed, agency, prefix) {
  fs.mkdirSync(dir);
  const bases = ['opd', 'uptd', 'kabkota'].map((k) => example(bin, k));
  const width = String(n - 1).length;
  return Array.from({ length: n }, (_, i) => {
    const doc = structuredClone(bases[i % 3]);
    doc.submission_id = uuid4(`${seed}-${i}`);
    doc.agency.name = `${agency} ${String(i).padStart(width, '0')}`;
    const name = `${prefix}-${String(i).padStart(width, '0')}.json`;
    fs.writeFileSync(path.join(dir, name), text(seal(doc)));
    return name;
  });
}

test('7. a 300-file batch: progress shows then goes, every file gets a status', async (t) => {
  const dir = path.join(env.tmp, 'big');
  const names = writeBatch(dir, 300, 'smoke', 'Instansi Uji', 'uji');
  const s = await openRekap();
  const { page } = s;
  await page.evaluate(() => {
    window.progressSeen = false;
    const seen = () => { if (document.querySelector('[data-testid=import-progress]')) window.progressSeen = true; };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const t0 = Date.now();
  await page.setInputFiles('[data-testid=import-files]', names.map((n) => path.join(dir, n)));
  await waitCounted(page, names.length, 120_000);
  await waitImported(page, 100);
  const ms = Date.now() - t0;
  assert.equal(await page.evaluate(() => window.progressSeen), true, 'the progress indicator appeared');
  assert.equal(await page.$('[data-testid=import-progress]'), null, 'and went away');

  // The status table shows 100 rows at first (crates/ampk-rekap/src/state.rs, FILE_PAGE), then 100 more a click.
  assert.equal((await fileRows(page)).length, 100, 'the first page of the status table');
  await page.click('[data-testid=show-more-files]');
  await page.click('[data-testid=show-more-files]');
  assert.equal(await page.$('[data-testid=show-more-files]'), null, 'all 300 shown: no more to show');
  await waitImported(page, 300); // drawn a chunk a task
  const rows = await fileRows(page);
  assert.deepEqual(rows.map((r) => r.file), names);
  const cli = cliRank([], dir);
  assert.deepEqual(rows.map((r) => [r.file, r.status]), cli.files.map((f) => [f.file, f.status]));
  assert.ok(rows.every((r) => r.status === 'accepted'), 'all valid, distinct agencies: all accepted');
  // Big rankings are paged: the first 50 rows (RANK_PAGE), then the whole ranking on request.
  assert.equal((await rankingRows(page, 'website')).length, 50, 'first page of the website ranking');
  // The table scrolls in its own box; the button follows that box.
  await page.click('.table-scroll:has([data-testid=ranking-website]) ~ button');
  const website = await rankingRows(page, 'website');
  assert.equal(website.length, 200, 'every OPD and UPTD ranked in website');
  const stored = await until(() => rekapSession(page), (v) => v?.files.length === 300, 'the 300 files stored');
  const banner = await page.$('.warning-banner');
  t.diagnostic(`300 files imported in ${ms} ms; session ${JSON.stringify(stored).length} characters in IndexedDB${banner ? `; storage warning: ${await banner.textContent()}` : ''}`);
  await done(s);
});

test('7d. a file changed after it was chosen is rejected as unreadable, with the browser\'s reason; the others are imported', async (t) => {
  const dir = path.join(env.tmp, 'changed');
  const names = writeBatch(dir, 2000, 'changed', 'Instansi Berubah', 'ubah');
  const s = await openRekap();
  const { page } = s;
  await page.setInputFiles('[data-testid=import-files]', names.map((n) => path.join(dir, n)));
  // The page first notes each file's size, in order, then has the readers read them: the first
  // file changes after it was noted (a few milliseconds in) and before it is read (after the
  // 2,000 files were noted, hundreds of milliseconds in). The browser then refuses to read it.
  await new Promise((ok) => setTimeout(ok, 150));
  fs.appendFileSync(path.join(dir, names[0]), ' ');
  await waitCounted(page, names.length, 180_000);
  // A file not read is listed after the others: shown once the table's last page is.
  while (await page.$('[data-testid=show-more-files]')) await page.click('[data-testid=show-more-files]');
  const first = await until(async () => (await fileRows(page)).find((r) => r.file === names[0]), (r) => r, 'the changed file\'s row');
  assert.deepEqual([first.status, first.codes], ['rejected', ['unreadable']], 'the changed file');
  const reason = await page.$eval(`[data-testid="file-row"][data-file="${names[0]}"]`, (r) => r.cells[3].textContent);
  assert.match(reason, /tidak dapat dibaca: \S/, `the reason names the browser's: ${reason}`);
  t.diagnostic(`the changed file's reason: ${reason}`);
  const counts = await page.$eval('[data-testid=status-counts]', (e) => e.textContent);
  assert.match(counts, /1999/, `the other 1,999 files are imported: ${counts}`);
  await done(s);
});

/** Waits until the status counts say `n` files and the import is done. */
async function waitCounted(page, n, timeout) {
  await page.waitForFunction((count) => {
    const c = document.querySelector('[data-testid=status-counts] li');
    return !document.querySelector('[data-testid=import-progress]') && c && c.textContent.endsWith(`: ${count}`);
  }, n, { timeout, polling: 100 });
}

test('7b. 2,000 files survive a reload (IndexedDB): the same statuses, rows and rankings come back', async (t) => {
  const dir = path.join(env.tmp, 'big2000');
  const files = writeBatch(dir, 2000, 'reload', 'Instansi Muat Ulang', 'muat').map((n) => path.join(dir, n));
  const s = await openRekap();
  const { page } = s;
  await page.setInputFiles('[data-testid=import-files]', files);
  await waitCounted(page, 2000, 180_000);
  // The status rows are drawn a chunk a task: wait for the first page, 100.
  const seen = async () => ({
    drawn: await page.waitForFunction(() => document.querySelectorAll('[data-testid="file-row"]').length === 100,
      undefined, { timeout: 30_000 }).then(() => true),
    counts: await page.$$eval('[data-testid=status-counts] li', (els) => els.map((e) => e.textContent)),
    rows: await fileRows(page),
    rankings: await shownRankings(page),
    website: await rankingRows(page, 'website'),
    lapor: await rankingRows(page, 'lapor_kabkota'),
  });
  const before = await seen();
  assert.equal(before.rows.length, 100, 'the first 100 rows shown');
  await until(() => rekapSession(page), (v) => v?.files.length === 2000, 'the 2,000 files stored');
  assert.equal(await page.$('.warning-banner'), null, 'no storage warning: IndexedDB holds the batch');

  const t0 = Date.now();
  await page.reload();
  await page.waitForSelector('[data-testid=import-files]');
  await waitCounted(page, 2000, 180_000);
  await page.waitForSelector('[data-testid="ranking-website"] tr[data-rank]');
  t.diagnostic(`2,000 files restored after a reload in ${Date.now() - t0} ms`);
  assert.deepEqual(await seen(), before, 'the same statuses, rows and rankings');
  await done(s);
});

test('7c. the stored files are their exact texts (a byte-order mark, letters beyond ASCII, a broken file), and come back', async () => {
  const dir = path.join(env.tmp, 'exact');
  const names = writeBatch(dir, 3, 'exact', 'Dinas Pariwisata Ñusa Tenggara — “Uji”', 'exact');
  // A leading byte-order mark (the reader accepts it) and a file that is no JSON at all.
  const first = path.join(dir, names[0]);
  fs.writeFileSync(first, '\uFEFF' + fs.readFileSync(first, 'utf8'));
  fs.writeFileSync(path.join(dir, 'exact-broken.json'), '{"format": "ampk-submission", ✗');
  names.push('exact-broken.json');
  const s = await openRekap();
  const { page } = s;
  await page.setInputFiles('[data-testid=import-files]', names.map((n) => path.join(dir, n)));
  await waitCounted(page, 4, 30_000);
  const stored = await until(() => rekapSession(page), (v) => v?.files.length === 4, 'the 4 files stored');
  const given = names.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]);
  assert.deepEqual(stored.files.map(([n]) => n).sort(), names.slice().sort(), 'every file by its name');
  for (const [n, text] of given) {
    assert.equal(stored.files.find(([m]) => m === n)?.[1], text, `${n} stored as its text`);
  }
  assert.ok(stored.files.find(([n]) => n === names[0])[1].startsWith('\uFEFF'), 'the byte-order mark kept');
  const before = await fileRows(page);
  await page.reload();
  await page.waitForSelector('[data-testid=import-files]');
  await waitCounted(page, 4, 30_000);
  assert.deepEqual(await fileRows(page), before, 'the same statuses after a reload');
  await done(s);
});

// ---------------------------------------------------------------------------------------------
// Sorting, the agency-type filter, deleting the imported data

/** The model rubric (categories in order, each with the agency types it is open to). */
const modelRubric = () => JSON.parse(fs.readFileSync(path.join(root, 'crates', 'ampk-core', 'rubrics', 'ampk-2025-model.json'), 'utf8'));
/** The ranking tables shown (category ids, in page order). */
const shownRankings = (page) => page.$$eval('table[data-testid^="ranking-"], p[data-testid^="ranking-"]',
  (els) => els.map((e) => e.dataset.testid.slice('ranking-'.length)));
/** As the kit matches agency names: spaces collapsed, lower case (rank::name_key). */
const nameKey = (s) => s.split(/\s+/).filter(Boolean).join(' ').toLowerCase();
/** The sort buttons of a ranking table, in column order: rank, agency, data score, final score. */
const SORT_KEYS = ['rank', 'agency', 'data', 'final'];

/** A batch with jury marks for website (every entry: ranked by final score), sorting as `key`. */
async function sortBy(page, key) {
  // Any table's button sorts every table (one sort for the page); the website table's here.
  const i = SORT_KEYS.indexOf(key);
  await page.locator('[data-testid="ranking-website"] thead button.sort').nth(i).click();
  await page.waitForFunction((n) => [...document.querySelectorAll('table[data-testid^="ranking-"]')]
    .every((t) => t.querySelectorAll('thead button.sort')[n]?.getAttribute('aria-pressed') === 'true'), i);
  await nextFrames(page);
}

async function importWithWebsiteJury(page) {
  await importBatch(page);
  await page.setInputFiles('[data-testid=import-jury]', juryCsv);
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid="ranking-website"] tr[data-rank]');
    return rows.length > 0 && [...rows].every((r) => r.dataset.final !== undefined);
  }, undefined, { timeout: 10_000 });
  return cliRank(['--jury', juryCsv]);
}

const nonIncreasing = (xs) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);

test('8. each sortable ranking column sorts every ranking: rank, agency (A–Z), data score and final score (high first)', async () => {
  const s = await openRekap();
  const { page } = s;
  const cli = await importWithWebsiteJury(page);
  const cats = cli.categories.filter((c) => c.ranking.length > 0);
  const sameEntries = (rows, c, label) => assert.deepEqual(rows.map((r) => r.agency).sort(),
    c.ranking.map((r) => r.agency).sort(), `${label}: ${c.id} shows every entry once`);

  // At first: the rank order, the rank button pressed.
  await assertRankingsMatch(page, cli, 'rank order at first');

  await sortBy(page, 'agency');
  let changed = false;
  for (const c of cats) {
    const rows = await rankingRows(page, c.id);
    sameEntries(rows, c, 'agency');
    const keys = rows.map((r) => nameKey(r.agency));
    assert.deepEqual(keys, [...keys].sort(), `${c.id}: agencies A–Z (${rows.map((r) => r.agency).join(' | ')})`);
    // Ranks, scores and winners travel with their row.
    for (const r of rows) {
      const want = c.ranking.find((x) => x.agency === r.agency);
      assert.deepEqual([r.rank, r.score, r.winner], [want.rank, want.data_score.toFixed(2), want.winner], `${c.id}: ${r.agency}'s row`);
    }
    changed ||= rows.map((r) => r.agency).join() !== c.ranking.map((r) => r.agency).join();
  }
  assert.ok(changed, 'sorting by agency changed at least one ranking\'s order');

  await sortBy(page, 'data');
  for (const c of cats) {
    const rows = await rankingRows(page, c.id);
    sameEntries(rows, c, 'data');
    assert.ok(nonIncreasing(rows.map((r) => Number(r.score))), `${c.id}: data scores high first (${rows.map((r) => r.score).join(', ')})`);
  }

  await sortBy(page, 'final');
  for (const c of cats) {
    const rows = await rankingRows(page, c.id);
    sameEntries(rows, c, 'final');
    const finals = rows.map((r) => (r.final === null ? -1 : Number(r.final)));
    assert.ok(nonIncreasing(finals), `${c.id}: final scores high first, none last (${rows.map((r) => r.final).join(', ')})`);
    if (c.id === 'website') {
      assert.ok(rows.every((r) => r.final !== null), 'website: every entry has a final score');
      assert.deepEqual(rows.map((r) => r.agency), [...c.ranking].sort((a, b) => b.final_score - a.final_score).map((r) => r.agency));
    }
  }

  await sortBy(page, 'rank');
  await assertRankingsMatch(page, cli, 'back to the rank order');
  await done(s);
});

test('8b. the sorted column is announced: aria-sort on its header (ascending for rank and agency, descending for scores)', async () => {
  const s = await openRekap();
  const { page } = s;
  await importWithWebsiteJury(page);
  const want = { rank: 'ascending', agency: 'ascending', data: 'descending', final: 'descending' };
  const found = [];
  for (const key of ['agency', 'data', 'final', 'rank']) {
    await sortBy(page, key);
    // Per ranking table: the aria-sort of each sortable column's header (null when absent).
    const tables = await page.$$eval('table[data-testid^="ranking-"]', (ts) => ts.map((t) => ({
      id: t.dataset.testid,
      sorts: [...t.querySelectorAll('thead button.sort')].map((b) => b.closest('th').getAttribute('aria-sort')),
    })));
    for (const t of tables) {
      const expected = SORT_KEYS.map((k) => (k === key ? want[k] : 'none'));
      // An absent aria-sort counts as "none" for the columns not sorted.
      const got = t.sorts.map((v, i) => (v === null && SORT_KEYS[i] !== key ? 'none' : v));
      if (JSON.stringify(got) !== JSON.stringify(expected)) found.push(`sorted by ${key}: ${t.id} headers ${JSON.stringify(t.sorts)}, expected ${JSON.stringify(expected)}`);
    }
  }
  // The active column's header carries aria-sort (the "▼" and aria-pressed are not announced
  // as the table's sort).
  assert.equal(found.length, 0, `aria-sort on the sorted column's header (${found.length} tables × sorts wrong), e.g.:\n${found.slice(0, 4).join('\n')}`);
  await done(s);
});

test('9. the agency-type filter shows only the rankings, and rows, of that type; "all types" shows everything again', async () => {
  const s = await openRekap();
  const { page } = s;
  await importBatch(page);
  const cli = cliRank();
  const rubric = modelRubric();
  const allCats = rubric.categories.map((c) => c.id);
  assert.deepEqual(await shownRankings(page), allCats, 'every category at first');
  const typeOf = new Map(cli.categories.flatMap((c) => c.ranking.map((r) => [`${c.id}/${r.agency}`, r.agency_type])));

  const wrongRows = [];
  for (const type of rubric.agency_types.map((a) => a.id)) {
    await page.selectOption('#type-filter', type);
    const want = rubric.categories.filter((c) => c.eligible.includes(type)).map((c) => c.id);
    await page.waitForFunction((ids) => JSON.stringify([...document.querySelectorAll('[data-testid^="ranking-"]')]
      .map((e) => e.dataset.testid.slice('ranking-'.length))) === JSON.stringify(ids), want, { timeout: 5_000 })
      .catch(async () => assert.fail(`${type}: rankings shown ${JSON.stringify(await shownRankings(page))}, expected ${JSON.stringify(want)}`));
    assert.equal(await page.inputValue('#type-filter'), type);
    for (const cat of want) {
      const rows = await rankingRows(page, cat);
      const types = rows.map((r) => typeOf.get(`${cat}/${r.agency}`));
      assert.ok(types.every(Boolean), `${type}: ${cat}: every row is a ranked entry`);
      for (const [i, t] of types.entries()) if (t !== type) wrongRows.push(`filter ${type}: ${cat} shows ${rows[i].agency} (${t})`);
    }
  }

  await page.selectOption('#type-filter', '');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="ranking-"]').length === n, allCats.length);
  assert.deepEqual(await shownRankings(page), allCats, 'every category again');
  await assertRankingsMatch(page, cli, 'all types again');

  // A shared category (website: OPD and UPTD) lists only the chosen type's entries.
  assert.equal(wrongRows.length, 0, `rows of another agency type under a type filter:\n${wrongRows.join('\n')}`);
  await done(s);
});

test('10. "Hapus semua data impor" asks first: cancel keeps everything, accept deletes files and jury marks, also after a reload', async () => {
  const s = await openRekap();
  const { page } = s;
  const names = await importBatch(page);
  const row = (await rankingRows(page, 'website')).find((r) => r.agency === 'Dinas Contoh D');
  await enterJury(page, row.jury, row.agency, '90,5');
  const stored = await until(async () => JSON.stringify(await rekapSession(page)),
    (t) => t.includes('Dinas Contoh D') && t.includes('90.5'), 'the session (files and mark) stored');
  const files = await fileRows(page);
  const ranking = await rankingRows(page, 'website');
  const confirm = 'confirm: Hapus semua data impor dan nilai juri dari peramban ini?';
  const clear = page.getByRole('button', { name: 'Hapus semua data impor', exact: true });

  // Cancel: nothing changes, on screen or in storage.
  s.answers.push('dismiss');
  await clear.click();
  await nextFrames(page);
  assert.deepEqual(s.dialogs, [confirm]);
  assert.deepEqual(await fileRows(page), files, 'the file rows stay');
  assert.deepEqual(await rankingRows(page, 'website'), ranking, 'the ranking and its mark stay');
  assert.equal(JSON.stringify(await rekapSession(page)), stored, 'the stored session stays');

  // Accept: everything imported goes, on screen and in storage.
  s.answers.push('accept');
  await clear.click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="file-row"]')
    && !document.querySelector('[data-testid^="ranking-"]'), undefined, { timeout: 5_000 });
  assert.deepEqual(s.dialogs, [confirm, confirm]);
  await until(() => rekapSession(page), (v) => v === null, 'the stored session deleted');
  assert.equal(await clear.count(), 0, 'nothing left to delete: the button goes');
  assert.equal(await page.$('[data-testid=export-csv]'), null, 'no exports without data');

  // A reload shows it is gone (the session is read on mount; with none, nothing is assessed).
  await page.reload();
  await page.waitForSelector('[data-testid=import-files]');
  await nextFrames(page);
  assert.equal(await page.$$eval('[data-testid="file-row"]', (els) => els.length), 0, 'no file rows after a reload');
  assert.deepEqual(await shownRankings(page), [], 'no rankings after a reload');
  assert.equal(await rekapSession(page), null);
  // The jury mark went with it: the same batch imported again has no mark.
  await importBatch(page);
  assert.equal(names.length, (await fileRows(page)).length);
  assert.ok((await rankingRows(page, 'website')).every((r) => r.final === null), 'no jury mark survived');
  await done(s, [confirm, confirm]);
});

test('11. on a phone (375 px) the coordinator\'s page does not scroll sideways; its tables scroll in their own box', async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (isPageError(m)) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.server.url}#/rekap`);
  await page.waitForSelector('[data-testid=import-files]');
  await importBatch(page);
  await page.click(`[data-testid="file-row"][data-file="${HOSTILE_FILE}"] button`);
  await page.waitForSelector('[data-testid=details]');
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
  assert.ok(widths.page <= widths.view, `the page is ${widths.page} px wide in a ${widths.view} px window`);
  const boxes = await page.$$eval('.table-scroll', (els) => els.map((e) => ({
    focusable: e.tabIndex === 0, named: Boolean(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')),
  })));
  assert.ok(boxes.length >= 2, 'the status table and the rankings scroll in their own boxes');
  assert.ok(boxes.every((b) => b.focusable && b.named), JSON.stringify(boxes));
  await runAxe(page, 'rekap on a phone');
  assert.deepEqual(errors, []);
  await context.close();
});
