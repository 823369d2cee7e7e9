// The officer's crash banner (the coordinator's module has its own: crates/ampk-rekap/js/rescue.js).
// Plain JavaScript on purpose: it runs after the page's WebAssembly has aborted, so it must not
// call into it. The officer's export is made by the officer's worker module, a separate instance.
const el = (tag, text) => { const e = document.createElement(tag); e.textContent = text; return e; };
const save = (name, body) => {
  const a = el('a', '');
  a.href = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
};
const button = (label, id, onclick) => { const b = el('button', label); b.type = 'button'; b.className = 'button'; b.dataset.testid = id; b.onclick = onclick; return b; };
// The banner: once per page, at the top, announced, with its buttons and a status line.
function banner(message, buttons, status) {
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
export function rescue(message, exportLabel, copyLabel, failed, request) {
  const status = el('p', '');
  const draft = () => { const id = localStorage.getItem('ampk.current'); return id && localStorage.getItem('ampk.draft.' + id); };
  const exportIt = () => {
    const w = request && new Worker('./ampk-officer-worker_loader.js');
    if (!w) { status.textContent = failed; return; }
    w.onerror = () => { status.textContent = failed; w.terminate(); };
    w.onmessage = (e) => {
      if (e.data === 'ready') {
        w.postMessage([request]);
        return;
      }
      w.terminate();
      const r = JSON.parse(e.data);
      if (r.file) save(r.file.name, r.file.text);
      status.textContent = r.file ? '' : [failed, ...(r.problems || []).slice(0, 3).map((p) => p.id + ' / ' + p.en)].join(' ');
    };
  };
  banner(message, [button(exportLabel, 'rescue-export', exportIt),
    button(copyLabel, 'rescue-copy', () => { const d = draft(); if (d) save('ampk-draf-cadangan.json', d); })], status);
}
