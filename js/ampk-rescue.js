// The officer's crash banner, imported by the page's snippet (js/host.js: `rescue`) from beside
// the page: index.html copies this file into dist/. Not part of the first load: the page fetches
// it in the background a second after it has started (`load_rescue`), so it is there before it
// is needed. Plain JavaScript on purpose: it runs after the page's WebAssembly has aborted, so it
// must not call into it; the download and the store's reader come from host.js. The helpers are
// shared with the coordinator's banner (crates/ampk-rekap/js/ampk-rekap-rescue.js), which
// imports them from beside it; the banner, one per page (#ampk-rescue), is shared too.
export const el = (tag, text) => { const e = document.createElement(tag); e.textContent = text; return e; };
export const button = (label, id, onclick) => { const b = el('button', label); b.type = 'button'; b.className = 'button'; b.dataset.testid = id; b.onclick = onclick; return b; };
export const save = (name, body) => {
  const a = el('a', '');
  a.href = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
};
// The banner: once per page, at the top, announced, with its buttons and a status line.
export function banner(message, buttons, status) {
  if (document.getElementById('ampk-rescue')) return;
  const box = el('div', '');
  box.id = 'ampk-rescue';
  box.className = 'warning-banner rescue';
  box.setAttribute('role', 'alert');
  const row = el('div', '');
  row.className = 'button-row';
  row.append(...buttons);
  box.append(el('p', message), row, status);
  document.body.prepend(box);
}
export function rescue({ get }, message, exportLabel, copyLabel, failed, request) {
  const status = el('p', '');
  const exportIt = () => {
    const w = request && new Worker('./ampk-officer-worker_loader.js');
    if (!w) { status.textContent = failed; return; }
    w.onerror = () => { status.textContent = failed; w.terminate(); };
    w.onmessage = (e) => {
      if (e.data === 'ready') { w.postMessage([request]); return; }
      w.terminate();
      const r = JSON.parse(e.data);
      if (r.file) save(r.file.name, r.file.text);
      status.textContent = r.file ? '' : [failed, ...(r.problems || []).slice(0, 3).map(({ code, path, ...m }) => Object.values(m).join(' / '))].join(' ');
    };
  };
  const copy = () => { const id = get('ampk.current'); const d = id && get('ampk.draft.' + id); if (d) save('ampk-draf-cadangan.json', d); };
  banner(message, [button(exportLabel, 'rescue-export', exportIt), button(copyLabel, 'rescue-copy', copy)], status);
}
