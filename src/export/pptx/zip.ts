import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';
import type JSZipType from 'jszip';

// pptxgenjs writes its zip with JSZip, which it depends on; the same copy reads it back here,
// so Lectern needs no dependency of its own for it.
// Loaded on first use, with pptxgenjs.
let jszip: typeof JSZipType | undefined;
const loadJSZip = () => (jszip ??= createRequire(createRequire(import.meta.url).resolve('pptxgenjs'))('jszip') as typeof JSZipType);

/**
 * Makes a PPTX written by pptxgenjs the same bytes for the same deck: the document's creation
 * and modification dates become `date` (the clock is not read), the PowerPoint section ids
 * (random GUIDs) are derived from the section's place and name, and every zip entry gets
 * `date` as its time stamp, in pptxgenjs's own fixed order. pptxgenjs is asked for an
 * uncompressed zip (`STORE`) and the entries are compressed here once, with Node's zlib:
 * JSZip's JavaScript deflate sets up a fresh 256 KB state per entry, which for a 100-slide deck
 * (about 450 entries) was 60% of the export's time and most of its garbage.
 */
export async function deterministicPptx(stored: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await loadJSZip().loadAsync(stored);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const edits: Record<string, (xml: string) => string> = {
    'docProps/core.xml': (xml) => xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${stamp}`),
    'ppt/presentation.xml': (xml) => {
      let n = 0;
      return xml.replace(/(<p14:section name="([^"]*)" id=")\{[0-9A-Fa-f-]{36}\}/g, (_, head: string, name: string) => `${head}{${guid(`${n++}\u0000${name}`)}}`);
    },
  };
  const entries: ZipEntry[] = [];
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    const edit = edits[name];
    entries.push({ name, data: edit ? Buffer.from(edit(await file.async('string'))) : await file.async('uint8array') });
  }
  return writeZip(svgFallbacks(entries), date);
}

/**
 * pptxgenjs gives an SVG picture a PNG fallback (the `<a:blip>` PowerPoint before 2016 shows;
 * 2016 and later, and LibreOffice, read the SVG), but in Node it cannot draw one and writes the
 * SVG's bytes under a `.png` name, declared as PNG. Such a fallback is pointed at the SVG beside
 * it instead and left out, so every part is what its name says.
 */
export function svgFallbacks(entries: ZipEntry[]): ZipEntry[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const moved = new Map<string, string>();
  for (const e of entries) {
    const m = /^ppt\/media\/image-(\d+)-(\d+)\.png$/.exec(e.name);
    if (!m || e.data[0] === 0x89) continue; // a real PNG starts with 0x89 'P' 'N' 'G'
    const svg = byName.get(`ppt/media/image-${m[1]}-${Number(m[2]) + 1}.svg`);
    if (svg && Buffer.compare(Buffer.from(svg.data), Buffer.from(e.data)) === 0) moved.set(e.name.slice('ppt/'.length), svg.name.slice('ppt/'.length));
  }
  if (!moved.size) return entries;
  return entries
    .filter((e) => !moved.has(e.name.slice('ppt/'.length)))
    .map((e) =>
      /^ppt\/slides\/_rels\/slide\d+\.xml\.rels$/.test(e.name)
        ? { name: e.name, data: Buffer.from(Buffer.from(e.data).toString('utf8').replace(/Target="\.\.\/(media\/image-\d+-\d+\.png)"/g, (all, png: string) => (moved.has(png) ? `Target="../${moved.get(png)}"` : all))) }
        : e,
    );
}

/** A file to put in a zip. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/**
 * Writes a zip archive (deflated entries, UTF-8 names, every time stamp `date` in UTC, no
 * extra fields), so the same entries give the same bytes. Entries stay in the order given.
 */
export function writeZip(entries: ZipEntry[], date: Date): Uint8Array {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((Math.max(1980, date.getUTCFullYear()) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = deflateRawSync(e.data, { level: 6 });
    const crc = crc32(e.data);
    const common = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
      b.writeUInt16LE(0x0800, at + 2); // flags: UTF-8 names
      b.writeUInt16LE(8, at + 4); // method: deflate
      b.writeUInt16LE(time, at + 6);
      b.writeUInt16LE(day, at + 8);
      b.writeUInt32LE(crc, at + 10);
      b.writeUInt32LE(data.length, at + 14);
      b.writeUInt32LE(e.data.length, at + 18);
      b.writeUInt16LE(name.length, at + 22);
      b.writeUInt16LE(0, at + 24); // extra field length
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by: MS-DOS, version 2.0
    common(dir, 6);
    // comment length, disk number, internal and external attributes: all 0
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(dir, name);
    offset += local.length + name.length + data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 (IEEE), as zip stores it. Node 20's zlib has no crc32 yet (it came in 22.2). */
function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A GUID made from a hash of `seed`, in the 8-4-4-4-12 form. */
function guid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
