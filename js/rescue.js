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
export function rescue(message, exportLabel, copyLabel, failed, request) {
  if (document.getElementById('ampk-rescue')) return;
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
  const copy = () => { const id = localStorage.getItem('ampk.current'); const d = id && localStorage.getItem('ampk.draft.' + id); if (d) save('ampk-draf-cadangan.json', d); };
  const box = el('div', '');
  box.id = 'ampk-rescue';
  box.className = 'warning-banner rescue';
  box.setAttribute('role', 'alert');
  const row = el('div', '');
  row.className = 'button-row';
  row.append(button(exportLabel, 'rescue-export', exportIt), button(copyLabel, 'rescue-copy', copy));
  box.append(el('p', message), row, status);
  document.body.prepend(box);
}
