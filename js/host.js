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
  sw.register(url).then((reg) => {
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
export function apply_update() {
  const sw = navigator.serviceWorker;
  sw.getRegistration().then((reg) => {
    if (!reg?.waiting) return location.reload();
    sw.addEventListener('controllerchange', () => location.reload());
    reg.waiting.postMessage('skip');
  });
}
