/**
 * A deck longer than one print call takes (src/export/pdf.ts, PRINT_PART_PAGES) prints a part
 * at a time and the parts are joined. Here the part size is turned down to a few pages, so a
 * short deck takes that path: the joined PDF must hold every page in order, the same text as
 * one print of the whole deck, the deck's bookmarks and metadata, and the same bytes each time.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDeck } from '../../src/build.js';
import { browserSession, type BrowserSession } from '../../src/browser/launch.js';
import { exportSlidesPdf, partsOf, PRINT_PART_PAGES, type SlidesPdfOptions } from '../../src/export/pdf.js';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from '../../src/export/pdf-lib.js';
import { readOutline } from '../../src/export/pdf-meta.js';
import { prepare, type PlannedInput } from '../../src/inputs.js';
import { poppler } from '../helpers/cli.js';
import { lecture } from './decks.js';
import { fileDir } from '../helpers/temp.js';

const work = fileDir('lectern-chunked-');
let session: BrowserSession;
let deck: PlannedInput;
let dir: string;

beforeAll(() => {
  session = browserSession({ env: process.env, timeoutMs: 60_000, pages: 2, offline: true });
  const src = join(work, 'lab.md');
  // Two sections, nine slides: three parts of at most four pages, a bookmark past the first.
  writeFileSync(src, lecture('en', 2));
  deck = prepare(src, {});
  dir = join(work, 'lab');
  mkdirSync(dir);
  writeDeck(dir, deck.rendered);
});
afterAll(async () => {
  // Set in beforeAll, which does not run when the file fails first: the folder must still go.
  await session?.close();
});

/** Prints the deck with `extra` options and writes the PDF to `<name>.pdf` in the work folder. */
async function print(name: string, extra: Partial<SlidesPdfOptions>): Promise<{ bytes: Uint8Array; file: string }> {
  const bytes = await exportSlidesPdf(session, join(dir, 'index.html'), { width: deck.config.width, height: deck.config.height, plan: deck.plan, printHtml: deck.rendered.printHtml, ...extra });
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  return { bytes, file };
}

const text = (file: string, page?: number) => poppler('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-']).replace(/\s+/g, ' ').trim();

describe('partsOf', () => {
  it('splits a page count into equal ranges of at most the given size, in order, covering every page', () => {
    expect(partsOf(10, 200)).toEqual([[0, 10]]);
    expect(partsOf(PRINT_PART_PAGES, PRINT_PART_PAGES)).toHaveLength(1);
    expect(partsOf(201, 200)).toEqual([[0, 101], [101, 201]]);
    for (const [count, max] of [[2300, 200], [5800, 200], [13, 4], [7, 1]]) {
      const parts = partsOf(count, max);
      expect(parts[0][0]).toBe(0);
      expect(parts.at(-1)![1]).toBe(count);
      for (let i = 1; i < parts.length; i++) expect(parts[i][0]).toBe(parts[i - 1][1]);
      for (const [a, b] of parts) expect(b - a).toBeLessThanOrEqual(max);
      expect(Math.max(...parts.map(([a, b]) => b - a)) - Math.min(...parts.map(([a, b]) => b - a))).toBeLessThanOrEqual(1);
    }
  });
});

describe('a deck printed in parts', () => {
  it('has every page in order, the text of one print, the bookmarks and metadata, and the same bytes twice', async () => {
    const slides = deck.plan.slides.length;
    expect(slides).toBeGreaterThan(8);
    const [parted, again, whole] = await Promise.all([print('parted', { partPages: 4 }), print('again', { partPages: 4 }), print('whole', {})]);
    expect(poppler('pdfinfo', [parted.file])).toMatch(new RegExp(`Pages:\\s+${slides}\\n`));
    // Page by page the same words as the deck printed in one call: first, a part's edges, last.
    for (const page of [1, 3, 4, slides]) expect(text(parted.file, page), `page ${page}`).toBe(text(whole.file, page));
    expect(text(parted.file)).toBe(text(whole.file));
    expect(text(parted.file, 1)).toContain('The Five-Minute Lab');
    expect(text(parted.file, slides)).toBe(text(whole.file, slides));

    const doc = await PDFDocument.load(parted.bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('The Five-Minute Lab');
    expect(doc.getAuthor()).toBe('Ada Test');
    expect(doc.getProducer()).toBe('Lectern');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-09-01T12:00:00.000Z');
    const outline = readOutline(doc);
    expect(outline.length).toBe(deck.plan.outline.length);
    expect(outline).toEqual(deck.plan.outline.map((o) => ({ title: o.title, level: o.level, page: o.slide })));
    // Bookmarks past the first part land on the right pages.
    expect(outline.some((o) => o.page >= 4)).toBe(true);
    expect(readOutline(await PDFDocument.load(whole.bytes, { updateMetadata: false }))).toEqual(outline);

    // Every part's page contents were compacted (glyph moves kept to thousandths, pdf-compact.ts).
    const contents = doc.getPages().flatMap((p) => {
      const c = p.node.get(PDFName.of('Contents'));
      return (c instanceof PDFArray ? c.asArray() : [c]).map((ref) => inflateSync((doc.context.lookup(ref) as PDFRawStream).contents).toString('latin1'));
    });
    expect(contents.join('\n')).toMatch(/ Td\b/);
    expect(contents.join('\n')).not.toMatch(/\.\d{4,} -?[\d.]+ Td|\.\d{4,} Td/);

    expect(Buffer.compare(Buffer.from(parted.bytes), Buffer.from(again.bytes))).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('.print-'))).toEqual([]);
  });

  it('prints reveal.js’s print view in parts too, a page per fragment step', async () => {
    const [parted, whole] = await Promise.all([print('frag-parted', { fragments: true, partPages: 5 }), print('frag-whole', { fragments: true })]);
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [whole.file]))![1]);
    expect(pages).toBeGreaterThan(deck.plan.slides.length);
    expect(poppler('pdfinfo', [parted.file])).toMatch(new RegExp(`Pages:\\s+${pages}\\n`));
    expect(text(parted.file)).toBe(text(whole.file));
    const outline = (b: Uint8Array) => PDFDocument.load(b, { updateMetadata: false }).then(readOutline);
    expect(await outline(parted.bytes)).toEqual(await outline(whole.bytes));
  });
});
