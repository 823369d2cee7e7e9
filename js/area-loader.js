const areas = {};
export async function show_area(url, name) {
  let m = areas[name];
  if (!m) { m = await import(url); await m.default(); areas[name] = m; }
  m[`mount_${name}`]();
}
export function areas_lang(tag) { for (const n in areas) areas[n][`set_${n}_lang`](tag); }
