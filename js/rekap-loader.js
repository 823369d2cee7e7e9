let rekap = null;
export async function show_rekap(url) {
  if (!rekap) { const m = await import(url); await m.default(); rekap = m; }
  rekap.mount_rekap();
}
export function rekap_lang(tag) { if (rekap) rekap.set_rekap_lang(tag); }
