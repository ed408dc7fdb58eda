import { LecternError } from '../errors.js';

/** How the bytes of a source file were decoded. */
export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Decoded text plus the encoding that was detected. */
export interface DecodeResult {
  text: string;
  encoding: SourceEncoding;
}

/**
 * UTF-16 saved without a BOM (some Windows editors do): mostly-ASCII text then has a NUL
 * in every other byte, on the odd side for little-endian and the even side for big-endian.
 * Binary files have NULs scattered on both sides.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd >= half * 0.4 && even <= half * 0.02) return 'utf-16le';
  if (even >= half * 0.4 && odd <= half * 0.02) return 'utf-16be';
  return undefined;
}

/**
 * Signatures of file types people hand to Lectern by mistake, so the error can name them.
 * Only ones no text file starts with; other binaries are caught by their NUL bytes.
 */
const SIGNATURES: readonly (readonly [string, string | readonly number[]])[] = [
  ['a PDF document', '%PDF-'],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a ZIP archive (.docx, .pptx and .epub files are ZIP archives)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a Word 97-2003 document', [0xd0, 0xcf, 0x11, 0xe0]],
  ['an RTF document', '{\\rtf'],
  ['an executable', [0x7f, 0x45, 0x4c, 0x46]],
];

/** The kind of binary file the bytes start like, if any. */
export function binaryKind(bytes: Uint8Array): string | undefined {
  for (const [what, sig] of SIGNATURES) {
    const want = typeof sig === 'string' ? [...sig].map((c) => c.charCodeAt(0)) : sig;
    if (bytes.length >= want.length && want.every((b, i) => bytes[i] === b)) return what;
  }
  return undefined;
}

/**
 * Decodes a source file's bytes: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM (or
 * without one, when the text is mostly ASCII), and GB18030/GBK when the bytes are not valid
 * UTF-8. Line endings (CRLF, CR) are normalised to `\n`.
 * Binary data (a known binary signature such as `%PDF-` or PNG, NUL bytes outside UTF-16,
 * control characters) or undecodable bytes throw an INPUT error naming the file.
 */
export function decodeBytes(bytes: Uint8Array, file: string): DecodeResult {
  const kind = binaryKind(bytes);
  if (kind) throw new LecternError('INPUT', `${file}: looks like ${kind}, not text; give a Markdown or plain-text file (copy the text out of it first)`, { file });
  let encoding: SourceEncoding;
  let text: string;
  const utf16 = bomlessUtf16(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else if (utf16) {
    encoding = utf16;
    text = new TextDecoder(encoding).decode(bytes);
  } else {
    if (bytes.includes(0)) {
      throw new LecternError('INPUT', `${file}: looks like a binary file (it contains NUL bytes); give a Markdown or plain-text file`, { file });
    }
    try {
      const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
      encoding = 'utf-8';
    } catch {
      try {
        text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
        encoding = 'gb18030';
      } catch {
        throw new LecternError('INPUT', `${file}: cannot decode the text (not UTF-8, UTF-16 with BOM, or GB18030); save it as UTF-8 and try again`, { file });
      }
    }
  }
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096).replace(/\x1b/g, ''))) {
    throw new LecternError('INPUT', `${file}: looks like a binary file (control characters in the text); give a Markdown or plain-text file`, { file });
  }
  return { text: text.replace(/\r\n?/g, '\n'), encoding };
}
