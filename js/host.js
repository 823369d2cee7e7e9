export async function published() {
  try {
    const r = await fetch('rubric.json', { cache: 'no-store' });
    return [r.status, r.ok ? await r.text() : '', r.headers.get('x-ampk-fetched-at') || ''];
  } catch {
    return [0, '', ''];
  }
}
export function offline(onUpdate) {
  const sw = navigator.serviceWorker;
  const url = document.querySelector('meta[name=ampk-sw]')?.content;
  if (!url) {
    sw?.getRegistrations().then((rs) => rs.forEach((r) => r.unregister()));
    return 0;
  }
  if (!sw) return 1;
  const had = !!sw.controller;
  sw.addEventListener('controllerchange', () => { if (reloading) location.reload(); else if (had) onUpdate(); });
  sw.register(url).then((reg) => {
    if (!reg) return;
    const check = () => { if (reg.waiting && sw.controller) onUpdate(); };
    check();
    reg.addEventListener('updatefound', () => reg.installing?.addEventListener('statechange', check));
    const look = () => reg.update().catch(() => {});
    document.addEventListener('visibilitychange', () => { if (!document.hidden) look(); });
    addEventListener('online', look);
    setInterval(look, 3600000);
  }, () => {});
  return 0;
}
let reloading = false;
export function apply_update() {
  navigator.serviceWorker.getRegistration().then((reg) => {
    if (!reg?.waiting) return location.reload();
    reloading = true;
    reg.waiting.postMessage('skip');
  });
}
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
export function printing(f) {
  const q = matchMedia('print');
  const on = () => f(q.matches);
  q.addEventListener('change', on);
  addEventListener('beforeprint', () => f(true));
  addEventListener('afterprint', on);
}
