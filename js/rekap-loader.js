// Loads the coordinator's module (ampk-rekap) once and mounts it; passes language changes on.
// A file, not inline JS: both the officer's and the coordinator's modules link this crate, and
// file snippets keep one name and one content in both builds (numbered inline ones did not).
let rekap = null;
export async function show_rekap(url) {
  if (!rekap) { const m = await import(url); await m.default(); rekap = m; }
  rekap.mount_rekap();
}
export function rekap_lang(tag) { if (rekap) rekap.set_rekap_lang(tag); }
