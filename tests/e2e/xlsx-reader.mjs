// A small XLSX reader for the end-to-end suite (no dependency): an XLSX file is a zip archive of
// XML parts. Reads the central directory, inflates each part with node:zlib, then resolves
// xl/workbook.xml (sheet names, in order), xl/_rels/workbook.xml.rels (each sheet's part) and
// xl/sharedStrings.xml, and reads every sheet's cells: shared strings, inline strings, formula
// results, booleans, errors and numbers. Enough to compare two workbooks cell by cell.
import zlib from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The archive's members: name → bytes (stored or deflated; CRC-32 checked when node has it). */
export function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i -= 1) {
    if (buf.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error('zip64 archives are not supported');
  const out = new Map();
  for (let n = 0; n < count; n += 1) {
    if (buf.readUInt32LE(at) !== CENTRAL) throw new Error(`bad central directory entry ${n} at ${at}`);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 20);
    const rawSize = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;

    if (buf.readUInt32LE(local) !== LOCAL) throw new Error(`${name}: bad local header`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    let bytes;
    if (method === 0) bytes = Buffer.from(data);
    else if (method === 8) bytes = zlib.inflateRawSync(data);
    else throw new Error(`${name}: unsupported compression method ${method}`);
    if (bytes.length !== rawSize) throw new Error(`${name}: ${bytes.length} bytes, the directory says ${rawSize}`);
    if (typeof zlib.crc32 === 'function' && zlib.crc32(bytes) >>> 0 !== crc) throw new Error(`${name}: CRC-32 mismatch`);
    out.set(name, bytes);
  }
  return out;
}

/** XML text content: the five entities, numeric references, then OOXML's `_xHHHH_` escapes. */
export function unescapeXml(s) {
  return s
    .replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e];
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/** The attributes of an element's start tag (`a="1" b='2'`), unescaped. */
function attrs(s) {
  const out = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4]);
  return out;
}

/** Every element named `tag` (with or without a namespace prefix): its attributes and inner XML. */
function elements(xml, tag) {
  const re = new RegExp(`<(?:[\\w-]+:)?${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w-]+:)?${tag}>)`, 'g');
  return [...xml.matchAll(re)].map((m) => ({ attrs: attrs(m[1]), inner: m[2] ?? '' }));
}

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs, phonetic runs left out. */
function stringItem(inner) {
  const body = inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  return elements(body, 't').map((t) => unescapeXml(t.inner)).join('');
}

/** "AB12" → [row index 11, column index 27] (both from 0). */
export function cellIndex(ref) {
  const m = /^([A-Z]+)([0-9]+)$/.exec(ref);
  if (!m) throw new Error(`bad cell reference ${ref}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

/**
 * Reads a workbook. Returns its sheets in workbook order, each with its name, its part, the
 * number of formulas (`<f>` elements) and its cells: `cells` (reference → {type, value}, type
 * one of string, number, boolean, error) and `rows`, the same as a dense array of rows (null
 * where a row or cell is empty). Shared strings, inline strings and formula string results are
 * all type string.
 */
export function readXlsx(buf) {
  const parts = unzip(buf);
  const text = (name) => {
    const b = parts.get(name);
    if (!b) throw new Error(`the workbook has no ${name}`);
    return b.toString('utf8');
  };
  const rels = new Map(elements(text('xl/_rels/workbook.xml.rels'), 'Relationship')
    .map((r) => [r.attrs.Id, r.attrs.Target]));
  const shared = parts.has('xl/sharedStrings.xml')
    ? elements(text('xl/sharedStrings.xml'), 'si').map((si) => stringItem(si.inner))
    : [];
  const sheets = elements(text('xl/workbook.xml'), 'sheet').map((s) => {
    const target = rels.get(s.attrs['r:id']);
    if (!target) throw new Error(`sheet ${s.attrs.name}: no relationship ${s.attrs['r:id']}`);
    const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    const xml = text(part);
    const formulas = (xml.match(/<(?:[\w-]+:)?f[\s/>]/g) ?? []).length;
    const cells = new Map();
    for (const c of elements(xml, 'c')) {
      const { r: ref, t = 'n' } = c.attrs;
      const v = elements(c.inner, 'v')[0];
      let cell = null;
      if (t === 'inlineStr') {
        const is = elements(c.inner, 'is')[0];
        cell = { type: 'string', value: is ? stringItem(is.inner) : '' };
      } else if (v) {
        const raw = unescapeXml(v.inner);
        if (t === 's') {
          if (!(Number(raw) in shared)) throw new Error(`${s.attrs.name}!${ref}: no shared string ${raw}`);
          cell = { type: 'string', value: shared[Number(raw)] };
        } else if (t === 'str') cell = { type: 'string', value: raw };
        else if (t === 'b') cell = { type: 'boolean', value: raw === '1' };
        else if (t === 'e') cell = { type: 'error', value: raw };
        else cell = { type: 'number', value: Number(raw) };
      }
      if (cell) cells.set(ref, cell);
    }
    const rows = [];
    for (const [ref, cell] of cells) {
      const [r, col] = cellIndex(ref);
      while (rows.length <= r) rows.push(null);
      rows[r] ??= [];
      while (rows[r].length < col) rows[r].push(null);
      rows[r][col] = cell.value;
    }
    return { name: s.attrs.name, part, formulas, cells, rows };
  });
  return { parts: [...parts.keys()], sheets };
}
