import { tokenizeHtml } from '../html/sanitize.js';

/** The image formats a deck takes from the web. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'svg';

/** File extension of each format, for the copy in the deck. */
export const extensionOf: Record<ImageFormat, string> = { png: 'png', jpeg: 'jpg', gif: 'gif', webp: 'webp', svg: 'svg' };

const byMediaType: Record<string, ImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};

/** The format a `Content-Type` header names, or undefined for anything but the five image types. */
export function formatOfContentType(header: string | null): ImageFormat | undefined {
  const type = header?.split(';')[0].trim().toLowerCase();
  return type ? byMediaType[type] : undefined;
}

/** The format the bytes are, from their signature (an SVG: text whose first element is `<svg>`). */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (/^GIF8[79]a$/.test(ascii(0, 6))) return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  // An XML declaration, comments and a doctype may come before the root element.
  const rest = head.replace(/^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)\s*)*/i, '');
  return /^<svg[\s>/]/i.test(rest) ? 'svg' : undefined;
}

/** Elements of an SVG that run or load something. */
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener', 'audio', 'video']);

/** Images an SVG may embed: raster data: URLs only. */
const INLINE_RASTER = /^data:image\/(png|jpe?g|gif|webp)[;,]/i;

/**
 * Why an SVG could act when shipped in a deck, or undefined when it is inert. Lectern refuses
 * such a file rather than sanitise it (a deck may be opened straight from disk, and an SVG
 * opened on its own runs its scripts): script and foreign-object elements, event handlers,
 * `javascript:` (or other script) URLs, references to anything but its own fragments or an
 * inline raster image, style that loads resources, and DTD entities.
 */
export function svgProblem(text: string): string | undefined {
  if (/<!ENTITY/i.test(text)) return 'a DTD entity';
  // Read as XML, not as the HTML tokenizer below reads it: inside <title> or <style> it sees text
  // where XML has elements. So these are refused wherever they stand.
  const raw = /<\s*(script|foreignObject|iframe|embed|object|handler|listener)\b/i.exec(text);
  if (raw) return `a <${raw[1]}> element`;
  if (/<[^>]*\son[a-z-]+\s*=/i.test(text)) return 'an event handler';
  if (/(javascript|vbscript)\s*:/i.test(text)) return 'a script URL';
  for (const t of tokenizeHtml(text)) {
    if (t.type !== 'tag' || t.end) continue;
    if (ACTIVE_ELEMENTS.has(t.name.toLowerCase())) return `a <${t.name}> element`;
    for (const a of t.attrs) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\u0000-\u0020]/g, '');
      if (name.startsWith('on')) return `an event handler (${a.name})`;
      if (/^(javascript|vbscript|data:text|data:application)/i.test(value) || /(javascript|vbscript):/i.test(value)) return `a script URL (${a.name})`;
      if (/(^|:)href$|^src$/.test(name) && !value.startsWith('#') && !INLINE_RASTER.test(value)) return `a reference to another file (${a.name}="${a.value.slice(0, 60)}")`;
      if (name === 'style' && /url\s*\(\s*['"]?(?!#)|@import/i.test(a.value)) return 'style that loads a resource';
    }
  }
  // A <style> element's text is not a tag: read it from the source.
  for (const m of text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) if (/url\s*\(\s*['"]?(?!#)|@import/i.test(m[1])) return 'style that loads a resource';
  return undefined;
}
