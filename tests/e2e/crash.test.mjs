// The crash journey: Chromium runs on a persistent profile (launchPersistentContext), the officer
// types, and the browser process is killed with SIGKILL by its own process id (as an Android
// low-memory kill or a power cut would), then relaunched on the same profile. Every field
// finished more than 500 ms before the kill must be there exactly as typed; a field being typed
// may have lost at most its last keystrokes. The figures of loss are printed for the notes.
//
// It also measures whether a synchronous copy in localStorage of the field being edited would
// help the last moment (the issue asked to measure it, not guess): an init script writes such a
// copy on every keystroke, and after each kill the journey compares it with what IndexedDB kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve, chromiumArgs } from './harness.mjs';
import { byName, readStore } from './officer-helpers.mjs';

let server;
before(async () => { server = await serve(undefined, '/kit/'); });
after(async () => { await server?.close(); });

const FIELDS = [
  ['draft.name', 'Draf uji ketahanan'],
  ['agency.name', 'Dinas Uji Coba Daya'],
  ['officer.name', 'Rahmawati Syahrani'],
  ['officer.email', 'humas@contoh.go.id'],
  ['officer.phone', '0511 3350 7788'],
];
const KEY_MS = 25;

/** The stored draft's text of each field (by form name). */
function fieldsOf(store) {
  const id = store['ampk.current'];
  const d = id && store[`ampk.draft.${id}`] ? JSON.parse(store[`ampk.draft.${id}`]) : {};
  return {
    'draft.name': d.name ?? '', 'agency.name': d.agency_name ?? '', 'officer.name': d.officer_name ?? '',
    'officer.email': d.officer_email ?? '', 'officer.phone': d.officer_phone ?? '',
  };
}

async function launchOn(dir) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs,
  });
  // The safety copy being measured: the field being edited, written synchronously.
  await context.addInitScript(() => {
    document.addEventListener('input', (e) => {
      const t = e.target;
      if (t.name) localStorage.setItem('e2e.copy', JSON.stringify([t.name, t.value]));
    }, true);
  });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=rubric-title]');
  return { context, page };
}

/** The browser's own process (not its renderers, whose command lines carry `--type=`). */
function browserPid(dir) {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const lines = out.split('\n').filter((l) => l.includes(`--user-data-dir=${dir}`) && !l.includes('--type='));
  assert.equal(lines.length, 1, `one browser process for the profile:\n${lines.join('\n')}`);
  return Number(lines[0].trim().split(/\s+/)[0]);
}

async function kill(dir, context) {
  const pid = browserPid(dir);
  process.kill(pid, 'SIGKILL');
  await context.close().catch(() => {});
  // Its children follow it; wait until the profile is free again.
  for (let i = 0; i < 100; i++) {
    const out = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
    if (!out.includes(`--user-data-dir=${dir}`)) break;
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** After a relaunch: what the stored draft has, and the safety copy. */
async function kept(dir) {
  const { context, page } = await launchOn(dir);
  const store = await readStore(page);
  const copy = JSON.parse(await page.evaluate(() => localStorage.getItem('e2e.copy')) ?? 'null');
  await context.close();
  return { fields: fieldsOf(store), copy };
}

/** Types the fields one after another; resolves with each keystroke's time (or stops at a kill). */
async function typeAll(page, stamps) {
  // The draft's name starts as "Draf tanpa nama": emptied first, like the other fields.
  await page.fill(byName('draft.name'), '');
  for (const [name, text] of FIELDS) {
    await page.click(byName(name));
    for (const ch of text) {
      // Stamped as it is sent: a kill can come after the page took the key and before the
      // keystroke's round trip returns here, so what the page keeps is a prefix of what was sent.
      stamps.push({ name, at: Date.now() });
      await page.keyboard.type(ch);
      await new Promise((ok) => setTimeout(ok, KEY_MS));
    }
  }
}

function tmpProfile() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ampk-crash-'));
}

test('a field typed 600 ms, 1,200 ms or 3,000 ms before a SIGKILL of the browser is there after a relaunch', async () => {
  for (const wait of [600, 1_200, 3_000]) {
    const dir = tmpProfile();
    try {
      const { context, page } = await launchOn(dir);
      const name = `Dinas Uji ${wait}`;
      await page.click(byName('agency.name'));
      await page.keyboard.type(name);
      await new Promise((ok) => setTimeout(ok, wait));
      await kill(dir, context);
      const after = await kept(dir);
      assert.equal(after.fields['agency.name'], name, `killed ${wait} ms after the last keystroke`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('killed at 20 random points while typing: every field finished over 500 ms before the kill is kept exactly', async () => {
  const rows = [];
  let copyHelped = 0;
  let copyKept = 0;
  // A fixed seed: the same 20 points on every run (a failure can be replayed).
  let seed = 20251130;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const total = FIELDS.reduce((n, [, t]) => n + t.length, 0);
  for (let run = 0; run < 20; run++) {
    const dir = tmpProfile();
    try {
      const { context, page } = await launchOn(dir);
      const stamps = [];
      const started = Date.now();
      const typing = typeAll(page, stamps).catch(() => {});
      // A point within the typing (which takes about total × (KEY_MS + a keystroke) ms).
      const at = 300 + random() * total * (KEY_MS + 15);
      await new Promise((ok) => setTimeout(ok, started + at - Date.now()));
      const killedAt = Date.now();
      await kill(dir, context);
      await typing;
      const after = await kept(dir);
      // What had been typed of each field at the kill, and when its last keystroke was.
      const typed = {};
      for (const [name, text] of FIELDS) {
        const s = stamps.filter((x) => x.name === name);
        typed[name] = { text: text.slice(0, s.length), last: s.at(-1)?.at ?? 0, done: s.length === text.length };
      }
      let lostChars = 0;
      let lostWindow = 0;
      for (const [name] of FIELDS) {
        const t = typed[name];
        const got = after.fields[name];
        if (t.done && killedAt - t.last > 500) {
          assert.equal(got, t.text, `run ${run}: ${name} finished ${killedAt - t.last} ms before the kill`);
        } else {
          assert.ok(t.text.startsWith(got), `run ${run}: ${name} is a prefix of what was typed: ${JSON.stringify(got)} of ${JSON.stringify(t.text)}`);
        }
        const lost = t.text.length - got.length;
        lostChars += lost;
        if (lost > 0) {
          // The time between the kill and the first keystroke that did not survive.
          const s = stamps.filter((x) => x.name === name);
          lostWindow = Math.max(lostWindow, killedAt - s[got.length].at);
        }
      }
      // Would the localStorage copy of the field being edited have had more?
      if (after.copy) {
        const [name, value] = after.copy;
        copyKept += 1;
        if (value.length > (after.fields[name] ?? '').length && typed[name]?.text.startsWith(value)) copyHelped += 1;
      }
      rows.push({ run, 'kill at ms': Math.round(at), 'keystrokes typed': stamps.length, 'characters lost': lostChars, 'lost window ms': lostWindow });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log('\ncrash journey: 20 SIGKILLs while typing (keystrokes every ~40 ms)');
  console.table(rows);
  const windows = rows.map((r) => r['lost window ms']).sort((a, b) => a - b);
  console.log(`lost window: max ${windows.at(-1)} ms, median ${windows[10]} ms; runs with any loss: ${rows.filter((r) => r['characters lost'] > 0).length} of 20`);
  console.log(`localStorage safety copy: present after ${copyKept} of 20 kills, held more than IndexedDB in ${copyHelped}`);
});
