// The coordinator's session store: a module worker that writes an import's files into the
// IndexedDB the page's storage uses (js/host.js: database `ampk`, store `area`), so that the
// copy of a big batch (tens of megabytes) is made off the page's thread. index.html copies it
// into dist/ beside the coordinator's module; crates/ampk-rekap/src/browser.rs starts one per
// save of the files and ends it after its answer.
//
// Message in: `[key, names, bytes, lengths]`: the files' names, their texts as one UTF-8
// ArrayBuffer (transferred) and each text's length in bytes. Stored under `key` as the flat
// array of strings the page reads back (name, text, name, text …).
// Message out: '' once stored, else the error (its name first: `QuotaExceededError` for the quota).
self.onmessage = async (e) => {
  const [key, names, buffer, lengths] = e.data;
  try {
    const bytes = new Uint8Array(buffer);
    // As the page's own strings are made (wasm-bindgen): a leading byte-order mark is kept.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const flat = [];
    let at = 0;
    names.forEach((name, i) => {
      flat.push(name, decoder.decode(bytes.subarray(at, at + lengths[i])));
      at += lengths[i];
    });
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open('ampk');
      // The page created it: a database still to be created is not the page's.
      r.onupgradeneeded = () => r.transaction.abort();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    try {
      const tx = db.transaction('area', 'readwrite', { durability: 'strict' });
      tx.objectStore('area').put(flat, key);
      tx.commit?.();
      await new Promise((ok, no) => { tx.oncomplete = ok; tx.onerror = tx.onabort = () => no(tx.error); });
    } finally {
      db.close();
    }
    self.postMessage('');
  } catch (err) {
    self.postMessage(`${err?.name ?? 'Error'}: ${err?.message ?? err}`);
  }
};
