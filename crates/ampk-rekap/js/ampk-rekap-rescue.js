// The coordinator's crash banner, imported by the coordinator's module (ampk-rekap.js) from
// beside it: index.html copies this file into dist/ (see crates/ampk-rekap/src/browser.rs why it
// is no wasm-bindgen snippet). Plain JavaScript on purpose: it runs after the module's
// WebAssembly has aborted, so it must not call into it. The helpers are those of the officer's
// banner (js/rescue.js at the root), copied: each module carries its own; the banner, one per
// page (#ampk-rescue), is shared.
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
export function rescue_rekap(message, reloadLabel, copyLabel, empty, key) {
  const status = el('p', '');
  const copy = () => {
    const s = localStorage.getItem(key);
    if (s) save('ampk-rekap-sesi-cadangan.json', s); else status.textContent = empty;
  };
  banner(message, [button(reloadLabel, 'rescue-reload', () => location.reload()),
    button(copyLabel, 'rescue-copy-session', copy)], status);
}
