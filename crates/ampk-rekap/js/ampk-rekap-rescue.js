// The coordinator's crash banner, imported by the coordinator's module (ampk-rekap.js) from
// beside it: index.html copies this file into dist/ (see crates/ampk-rekap/src/browser.rs why it
// is no wasm-bindgen snippet). Plain JavaScript on purpose: it runs after the module's
// WebAssembly has aborted, so it must not call into it. The helpers and the banner are the officer's
// (js/ampk-rescue.js, copied beside this file): the banner, one per page (#ampk-rescue), is shared.
import { el, button, save, banner } from './ampk-rescue.js';

// The stored session as one JSON file (the format earlier versions kept): from IndexedDB
// (store `area` of the database `ampk`: the files as a flat array, the rest as JSON), else from
// localStorage (a session kept there when IndexedDB could not be used, or by an earlier version).
function storedSession() {
  const fromLocal = () => localStorage.getItem('ampk.rekap');
  return new Promise((ok) => {
    let r;
    try { r = indexedDB.open('ampk'); } catch { ok(fromLocal()); return; }
    r.onupgradeneeded = () => r.transaction.abort();
    r.onerror = () => ok(fromLocal());
    r.onsuccess = () => {
      const db = r.result;
      let tx;
      try { tx = db.transaction('area'); } catch { db.close(); ok(fromLocal()); return; }
      const st = tx.objectStore('area');
      const files = st.get('rekap.files');
      const meta = st.get('rekap.meta');
      tx.oncomplete = () => {
        db.close();
        if (!files.result) { ok(fromLocal()); return; }
        const pairs = [];
        for (let i = 0; i + 1 < files.result.length; i += 2) pairs.push([files.result[i], files.result[i + 1]]);
        ok(JSON.stringify({ files: pairs, ...JSON.parse(meta.result || '{"jury":[]}') }));
      };
      tx.onerror = () => { db.close(); ok(fromLocal()); };
    };
  });
}
export function rescue_rekap(message, reloadLabel, copyLabel, empty) {
  const status = el('p', '');
  const copy = async () => {
    const s = await storedSession();
    if (s) save('ampk-rekap-sesi-cadangan.json', s); else status.textContent = empty;
  };
  banner(message, [button(reloadLabel, 'rescue-reload', () => location.reload()),
    button(copyLabel, 'rescue-copy-session', copy)], status);
}
// A session an earlier version kept in localStorage, moved to IndexedDB at the first load.
export function legacy_session() { try { return localStorage.getItem('ampk.rekap'); } catch { return null; } }
export function forget_legacy_session() { try { localStorage.removeItem('ampk.rekap'); } catch { /* none */ } }
