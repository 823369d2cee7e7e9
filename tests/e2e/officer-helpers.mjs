// Helpers shared by the officer's journeys (officer.test.mjs, drafts.test.mjs): Dinas Contoh A's
// figures, filling the form, waiting for scores and autosaves, axe, the `ampk` CLI, and the
// end-of-journey check. Not a test file itself (no `.test.` in its name).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { idbEntries } from './harness.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const modelRubric = path.join(root, 'crates', 'ampk-core', 'rubrics', 'ampk-2025-model.json');
const axePath = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');

// ---------------------------------------------------------------------------------------------
// Data: Dinas Contoh A's Media Sosial OPD worked example (shared/domain/model-rubric.md),
// typed the Indonesian way.

export const MS = 'media_sosial_opd';
export const OTHER_OPD = ['top_influencer', 'media_massa_online', 'website', 'lapor_opd'];
export const MS_TYPED = {
  posts: '420',
  weeks_active: '38',
  engagements: '96.000',
  reach: '3.200.000',
  followers_start: '18.000',
  followers_end: '22.500',
  median_reply_hours: '5',
  answered_pct: '88',
};
export const MS_QUALITY = {
  identitas: 'yes', konten_layanan: 'yes', video: 'partial', aksesibel: 'yes',
  tautan_bio: 'partial', amplifikasi_agenda: 'yes', klarifikasi_hoaks: 'no', analitik_bulanan: 'yes',
};
export const MS_INDICATORS = {
  S1: '70.00', S2: '87.39', S3: '65.00', S4: '90.31', S5: '83.33', S6: '85.00', S7: '88.00', S8: '75.00',
};
export const MS_SCORE = '78.34';

// ---------------------------------------------------------------------------------------------
// Selectors and form helpers

export const byName = (name) => `[name="${name}"]`;
export const section = (cat) => `section[data-category="${cat}"]`;
export const scoreSel = (cat) => `[data-testid="score-${cat}"]`;

export async function ready(page) {
  await page.waitForSelector('[data-testid=rubric-title]');
}

export async function fillProfile(page) {
  await page.selectOption(byName('agency.type'), 'opd');
  await page.waitForSelector(section(MS));
  await page.fill(byName('agency.name'), 'Dinas Contoh A');
  await page.fill(byName('officer.name'), 'Siti Rahmah');
}

export async function fillMediaSosial(page) {
  for (const [input, text] of Object.entries(MS_TYPED)) {
    await page.fill(byName(`${MS}.${input}`), text);
  }
  for (const [item, answer] of Object.entries(MS_QUALITY)) {
    await page.check(`${byName(`${MS}.quality.${item}`)}[value="${answer}"]`);
  }
}

export async function excludeOthers(page) {
  for (const cat of OTHER_OPD) {
    await page.uncheck(byName(`${cat}.include`));
  }
}

/** Dinas Contoh A with its Media Sosial OPD figures, the other categories left out, scored. */
export async function fillContohA(page) {
  await ready(page);
  await fillProfile(page);
  await fillMediaSosial(page);
  await excludeOthers(page);
  await waitScore(page, MS, MS_SCORE);
}

/** Waits until a category's data-value hook shows `value`. */
export async function waitScore(page, cat, value) {
  await page.waitForFunction(
    ([sel, v]) => document.querySelector(sel)?.dataset.value === v,
    [scoreSel(cat), value],
    { timeout: 10_000 },
  ).catch(async () => {
    const got = await page.getAttribute(scoreSel(cat), 'data-value').catch(() => null);
    assert.fail(`${cat}: expected data-value ${value}, got ${got}`);
  });
}

export async function indicators(page, cat) {
  return page.$$eval(`${section(cat)} [data-testid^="indicator-${cat}-"]`, (els, c) =>
    Object.fromEntries(els.map((e) => [e.dataset.testid.slice(`indicator-${c}-`.length), e.dataset.value])), cat);
}

/** Every form control of the page (file inputs aside): name → value, or checked for boxes. */
export async function formState(page) {
  return page.$$eval('input, select, textarea', (els) => {
    const out = {};
    for (const e of els) {
      if (e.type === 'file' || !e.name) continue;
      const key = e.type === 'radio' ? `${e.name}=${e.value}` : e.name;
      out[key] = e.type === 'checkbox' || e.type === 'radio' ? e.checked : e.value;
    }
    return out;
  });
}

/**
 * Everything the officer's page keeps, as committed: the IndexedDB store `kv` of the database
 * `ampk` (key → text), or, when the page fell back, the `ampk.*` keys of `localStorage`. Reading
 * never creates the database (an open that would create it is aborted).
 */
export async function readStore(page) {
  const kv = await idbEntries(page, 'kv');
  if (kv && Object.keys(kv).length) return kv;
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
    .filter((k) => k.startsWith('ampk.')).map((k) => [k, localStorage.getItem(k)])));
}

/** Deletes the stored keys that start with `prefix` (as an earlier kit would not have had them). */
export async function storeDeletePrefix(page, prefix) {
  await page.evaluate((p) => new Promise((ok, no) => {
    const r = indexedDB.open('ampk');
    r.onerror = () => no(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const tx = db.transaction('kv', 'readwrite');
      const st = tx.objectStore('kv');
      st.getAllKeys().onsuccess = (e) => e.target.result.filter((k) => k.startsWith(p)).forEach((k) => st.delete(k));
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = () => no(tx.error);
    };
  }), prefix);
}

/**
 * Waits until `read()` (async) gives a value deep-equal to `expected` (storage is committed a
 * moment after the change that caused it), then asserts it.
 */
export async function eventually(read, expected, message) {
  const until = Date.now() + 5_000;
  let got = await read();
  while (!isDeepStrictEqual(got, expected) && Date.now() < until) {
    await new Promise((ok) => setTimeout(ok, 50));
    got = await read();
  }
  assert.deepEqual(got, expected, message);
}

/** The value the page keeps under `key` (null when none). */
export async function storeGet(page, key) {
  return (await readStore(page))[key] ?? null;
}

/** The current draft as stored (null when there is none). */
export async function storedDraft(page) {
  const all = await readStore(page);
  const id = all['ampk.current'];
  const text = id && all[`ampk.draft.${id}`];
  return text ? JSON.parse(text) : null;
}

/** Resolves once the stored draft satisfies `pred` (autosave has happened). */
export async function waitSaved(page, pred, arg) {
  // eslint-disable-next-line no-new-func
  const test = new Function('d', 'a', pred);
  const until = Date.now() + 5_000;
  for (;;) {
    const d = await storedDraft(page);
    if (d && test(d, arg)) return;
    if (Date.now() > until) assert.fail(`the stored draft never satisfied: ${pred} (${JSON.stringify(d)?.slice(0, 300)})`);
    await page.waitForTimeout(50);
  }
}

/** Resolves after two animation frames: whatever the last event scheduled has rendered. */
export async function nextFrames(page) {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

// ---------------------------------------------------------------------------------------------
// The `ampk` CLI

/** The `ampk` binary ($AMPK_BIN, else target/debug/ampk); fails the test when it is missing. */
export function ampkBin() {
  const bin = process.env.AMPK_BIN ?? path.join(root, 'target', 'debug', 'ampk');
  if (!fs.existsSync(bin)) {
    assert.fail(`ampk binary not found at ${bin}: build it with \`cargo build -p ampk-cli\` (or set AMPK_BIN)`);
  }
  return bin;
}

/** `ampk score <file> --json` with the real CLI. */
export function ampkScore(file) {
  const run = spawnSync(ampkBin(), ['score', file, '--json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `ampk score exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

// ---------------------------------------------------------------------------------------------
// Checks

export async function runAxe(page, label) {
  // Evaluated through the browser's debugging protocol rather than added as a <script>: the
  // finished dist/'s Content Security Policy refuses inline scripts (a violation journeys fail on).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(axePath, 'utf8'));
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`axe (${label}): minor/moderate: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
  assert.equal(bad.length, 0, `axe (${label}) serious/critical violations:\n${bad
    .map((v) => `- ${v.id} [${v.impact}] ${v.help}\n    ${v.targets.slice(0, 8).join('\n    ')}`).join('\n')}`);
  return result;
}

export async function done(context, errors) {
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
}
