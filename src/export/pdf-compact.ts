import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument } from './pdf-lib.js';

/** Glyph positions are kept to thousandths of a text-space unit (under 1/1000 pt on a slide). */
const STEP = 1000;

/**
 * Rounds the glyph moves in a content stream. Skia places every glyph with its own
 * `x y Td` at six decimals, and those digits are most of a text-heavy PDF. Each move is
 * rewritten as the step between rounded running positions, so rounding never accumulates
 * along a line: every glyph lands within 1/2000 of a unit of where Chromium put it.
 */
export function roundGlyphMoves(content: string): string {
  // Running positions restart at each text object, so a line of text repeated on the page
  // gets the same digits each time and still compresses as a repeat.
  return content.split('\nBT\n').map(roundTextObject).join('\nBT\n');
}

function roundTextObject(text: string): string {
  let x = 0;
  let y = 0;
  let rx = 0;
  let ry = 0;
  const out: string[] = [];
  let copied = 0;
  // Each `a b Td`, found from its operator and read backwards: the same moves as the pattern
  // /(-?[\d.]+) (-?[\d.]+) Td/g, without trying it at every digit of the stream (a handout's
  // streams are mostly other numbers; the pattern took about twice as long).
  for (let op = text.indexOf(' Td', copied); op >= 0; op = text.indexOf(' Td', op + 3)) {
    const bStart = operandStart(text, op);
    if (bStart === op || text[bStart - 1] !== ' ') continue;
    const aStart = operandStart(text, bStart - 1);
    if (aStart === bStart - 1) continue;
    x += Number(text.slice(aStart, bStart - 1));
    y += Number(text.slice(bStart, op));
    const nx = Math.round(x * STEP);
    const ny = Math.round(y * STEP);
    out.push(text.slice(copied, aStart), `${thousandths(nx - rx)} ${thousandths(ny - ry)}`);
    copied = op;
    rx = nx;
    ry = ny;
  }
  out.push(text.slice(copied));
  return out.join('');
}

/** Where the operand `-?[\d.]+` that ends at `end` starts (`end` when there is none). */
function operandStart(text: string, end: number): number {
  let i = end;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if ((c >= 48 && c <= 57) || c === 46) i--;
    else break;
  }
  if (i < end && i > 0 && text[i - 1] === '-') i--;
  return i;
}

/** An integer count of thousandths as the shortest decimal: 18620 → `18.62`, -500 → `-.5`. */
function thousandths(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  const whole = Math.floor(abs / STEP);
  const frac = abs % STEP;
  const digits = frac ? '.' + String(frac).padStart(3, '0').replace(/0+$/, '') : '';
  return (n < 0 ? '-' : '') + (whole ? String(whole) : '') + digits;
}

/**
 * Shrinks every page's content streams in place with {@link roundGlyphMoves}, recompressed;
 * a stream is replaced only when that makes it smaller. About 15 % off a text-heavy slides
 * PDF, and nothing visible changes.
 */
export function compactPageContents(doc: PDFDocument): void {
  const { context } = doc;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue;
      const stream = context.lookup(ref);
      if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Filter')) !== PDFName.of('FlateDecode') || stream.dict.has(PDFName.of('DecodeParms'))) continue;
      let text: string;
      try {
        text = inflateSync(stream.contents).toString('latin1');
      } catch {
        continue;
      }
      const packed = deflateSync(Buffer.from(roundGlyphMoves(text), 'latin1'));
      if (packed.length < stream.contents.length) context.assign(ref, PDFRawStream.of(stream.dict, packed));
    }
  }
}
