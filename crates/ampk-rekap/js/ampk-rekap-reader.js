// The coordinator's import reader: a module worker that reads the chosen or dropped files of an
// import and assesses them off the page's thread, several readers at once. index.html copies it
// into dist/ beside the coordinator's module; crates/ampk-rekap/src/browser.rs (FileReads) starts
// it. The assessment is the page's own (ampk_core::import::assess), in its own WebAssembly
// module (crates/ampk-rekap-worker, ampk-rekap-worker.js), fetched here; when it cannot run, the
// files are still read and the page assesses them itself.
//
// Messages in: `['rubric', text, sha256]`, the rubric to assess with; `[files, names, first,
// limit]`, files (File objects) numbered from `first` with the names the page gives them, and
// the size over which a file is refused unread, as many as needed; then `'go'`. The files are
// all handed over first, then read: handing a file over costs the page a round trip to the
// browser, which takes longer while the readers keep the browser busy. Reading a file costs
// about a millisecond of waiting on the browser, whatever its size: files are read in groups,
// as one blob each.
//
// Messages out: batches `[[index, bytes or size, report], …]`: an ArrayBuffer (transferred) for
// a file read, with its report (`FileReport::to_json` in UTF-8, a Uint8Array whose buffer is
// transferred too, or null when the page is to assess it);
// its size (a number) for one refused unread or that could not be read. Every file is answered
// exactly once.
import init, { prepare, assess } from './ampk-rekap-worker.js';

// Files read together: the browser reads a blob of many files about as fast as a single file.
const GROUP = 64;
let engine = Promise.resolve(false);
const jobs = [];
let running = false;
self.onmessage = (e) => {
  if (e.data[0] === 'rubric') {
    const [, text, sha256] = e.data;
    engine = init().then(() => prepare(text, sha256)).catch(() => false);
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
// files are read one by one.
function readGroup(group) {
  const small = group.filter(([file, , , limit]) => file.size <= limit);
  return new Blob(small.map(([file]) => file)).arrayBuffer().then(
    (all) => {
      const out = new Map();
      let at = 0;
      for (const [file, , index] of small) {
        out.set(index, all.slice(at, at + file.size));
        at += file.size;
      }
      return out;
    },
    async () => {
      const out = new Map();
      for (const [file, , index] of small) out.set(index, await file.arrayBuffer().catch(() => null));
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
    let batch = [];
    let buffers = [];
    for (const [file, name, index] of group) {
      const bytes = read.get(index);
      if (!bytes) {
        batch.push([index, file.size]);
        continue;
      }
      let report = null;
      try {
        if (ready) report = assess(name, new Uint8Array(bytes));
      } catch {
        report = null;
      }
      batch.push([index, bytes, report]);
      buffers.push(bytes);
      if (report) buffers.push(report.buffer);
      // Small batches, often: the page takes each file's report as it comes.
      if (batch.length >= 16) {
        self.postMessage(batch, buffers);
        batch = [];
        buffers = [];
      }
    }
    if (batch.length) self.postMessage(batch, buffers);
  }
  running = false;
}
