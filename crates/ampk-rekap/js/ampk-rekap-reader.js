// The coordinator's import reader: a module worker that reads the chosen or dropped files of an
// import and assesses them off the page's thread, several readers at once. index.html copies it
// into dist/ beside the coordinator's module; crates/ampk-rekap/src/browser.rs (FileReads) starts
// it. The assessment is the page's own (ampk_core::import::assess), in its own WebAssembly
// module (crates/ampk-rekap-worker, ampk-rekap-worker.js), fetched here; when it cannot run, the
// files are still read and the page assesses them itself.
//
// Messages in: `['rubric', text, sha256, first]`, the rubric to assess with, and the first
// number of this reader's range for the messages of its reports' problems (each goes in full
// once, then by its number: `ampk_core::problem::numbered`); `[files, names, first,
// limit]`, files (File objects) numbered from `first` with the names the page gives them, and
// the size over which a file is refused unread, as many as needed; then `'go'`. The files are
// all handed over first, then read: handing a file over costs the page a round trip to the
// browser, which takes longer while the readers keep the browser busy. Reading a file costs
// about a millisecond of waiting on the browser, whatever its size: files are read in groups,
// as one blob each.
//
// Messages out: a group's files at once, `[entries, data]` (both transferred, two objects per
// message rather than two per file, for the page's garbage collector): `entries`, an Int32Array
// of three numbers per file, `index, length, report length`; `data`, an ArrayBuffer of each
// file's bytes followed by its report (`FileReport::to_json` in UTF-8), in that order. A report
// length of -1: no report (the page assesses the file itself). A length of -1: the file was
// refused unread, over the limit, and the third number is its size. A length of -2: the file
// could not be read (it changed or went away since it was chosen), and the third number is the
// length of the browser's reason, whose bytes (UTF-8) are in `data`. Every file is answered
// exactly once.
import init, { prepare, assess, number_messages } from './ampk-rekap-worker.js';

// Files read together: the browser reads a blob of many files about as fast as a single file.
const GROUP = 64;
const encoder = new TextEncoder();
let engine = Promise.resolve(false);
const jobs = [];
let running = false;
self.onmessage = (e) => {
  if (e.data[0] === 'rubric') {
    const [, text, sha256, first] = e.data;
    engine = init()
      .then(() => {
        number_messages(first);
        return prepare(text, sha256);
      })
      .catch(() => false);
    return;
  }
  if (e.data === 'go') {
    if (!running) run();
    return;
  }
  const [files, names, first, limit] = e.data;
  files.forEach((file, i) => jobs.push([file, names[i], first + i, limit]));
};

// A group's files are read as one blob; should that fail (a file changed or went away), its
// files are read one by one, and one that cannot be read is answered with the browser's reason.
function readGroup(group) {
  const small = group.filter(([file, , , limit]) => file.size <= limit);
  return new Blob(small.map(([file]) => file)).arrayBuffer().then(
    (all) => {
      const out = new Map();
      let at = 0;
      for (const [file, , index] of small) {
        out.set(index, new Uint8Array(all, at, file.size));
        at += file.size;
      }
      return out;
    },
    async () => {
      const out = new Map();
      for (const [file, , index] of small) {
        const bytes = await file.arrayBuffer().catch((e) => String((e && e.message) || e));
        out.set(index, typeof bytes === 'string' ? bytes : new Uint8Array(bytes));
      }
      return out;
    },
  );
}

// Reads and assesses the files handed over so far, group after group (the next group is read
// while one is assessed), until there are none left.
async function run() {
  running = true;
  const ready = await engine;
  let pending = jobs.length ? [jobs.splice(0, GROUP)] : null;
  if (pending) pending.push(readGroup(pending[0]));
  while (pending) {
    const [group, reading] = pending;
    const read = await reading;
    pending = jobs.length ? [jobs.splice(0, GROUP)] : null;
    if (pending) pending.push(readGroup(pending[0]));
    const entries = new Int32Array(3 * group.length);
    const parts = [];
    let length = 0;
    group.forEach(([file, name, index], k) => {
      const bytes = read.get(index);
      if (!bytes) {
        entries.set([index, -1, file.size], 3 * k);
        return;
      }
      if (typeof bytes === 'string') {
        const reason = encoder.encode(bytes);
        entries.set([index, -2, reason.length], 3 * k);
        parts.push(reason);
        length += reason.length;
        return;
      }
      let report = null;
      try {
        if (ready) report = assess(name, bytes);
      } catch {
        report = null;
      }
      entries.set([index, bytes.length, report ? report.length : -1], 3 * k);
      parts.push(bytes);
      if (report) parts.push(report);
      length += bytes.length + (report ? report.length : 0);
    });
    const data = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      at += part.length;
    }
    self.postMessage([entries, data.buffer], [entries.buffer, data.buffer]);
  }
  running = false;
}
