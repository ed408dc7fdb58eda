import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFNumber } from '../../src/export/pdf-lib.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { browserSession } from '../../src/browser/launch.js';
import { deckMeta, finishPdf, FIXED_EPOCH, pdfDate, readOutline, slidesOutline } from '../../src/export/pdf-meta.js';
import type { DeckPlan } from '../../src/model/plan.js';
import { poppler } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'lectern-pdfmeta-'));
const session = browserSession({ env: process.env, timeoutMs: 60_000 });
let chromiumPdf: Uint8Array;

beforeAll(async () => {
  // Real Chromium bytes: five pages, with Chromium's own title, creator and creation date.
  const pages = Array.from({ length: 5 }, (_, i) => `<section style="break-after: page">Page ${i + 1} 第${i + 1}页</section>`).join('');
  chromiumPdf = await session.withPage(async (page) => {
    await page.setContent(`<!doctype html><title>chromium title</title><body>${pages}</body>`);
    return page.pdf({ format: 'A4', printBackground: true, tagged: false, outline: false });
  });
});
afterAll(async () => {
  await session.close();
  rmSync(work, { recursive: true, force: true });
});

const meta = { title: '光与影 Light and Shadow', author: 'Ada Test', subject: 'A short lesson on optics', lang: 'zh', keywords: ['optics', '光学'], date: '2025-09-01' };
const outline = [
  { title: 'Why Shadows Have Edges', level: 2 as const, page: 0 },
  { title: '点光源', level: 3 as const, page: 1 },
  { title: 'Extended Sources', level: 3 as const, page: 2 },
  { title: 'Measuring Light', level: 2 as const, page: 4 },
];

const load = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false });

describe('finishPdf', () => {
  it('sets title, author, subject, keywords, language, creator, producer and dates', async () => {
    const doc = await load(await finishPdf(chromiumPdf, meta, outline));
    expect(doc.getTitle()).toBe(meta.title);
    expect(doc.getAuthor()).toBe('Ada Test');
    expect(doc.getSubject()).toBe('A short lesson on optics');
    expect(doc.getKeywords()).toBe('optics 光学');
    expect(doc.getCreator()).toBe('Lectern');
    expect(doc.getProducer()).toBe('Lectern');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-09-01T12:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2025-09-01T12:00:00.000Z');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(zh-CN)');
    expect(doc.getPageCount()).toBe(5);
  });

  it('is read back by poppler too', async () => {
    const file = join(work, 'meta.pdf');
    writeFileSync(file, await finishPdf(chromiumPdf, meta, outline));
    const info = poppler('pdfinfo', [file]);
    expect(info).toMatch(/Title:\s+光与影 Light and Shadow/);
    expect(info).toMatch(/Producer:\s+Lectern/);
    expect(info).toMatch(/Pages:\s+5/);
    expect(info).not.toMatch(/HeadlessChrome|Skia/);
  });

  it('nests level-3 bookmarks under the preceding level-2 one, pointing at the given pages', async () => {
    const doc = await load(await finishPdf(chromiumPdf, meta, outline));
    expect(readOutline(doc)).toEqual(outline);
    const root = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    expect(root.lookup(PDFName.of('Count'), PDFNumber).asNumber()).toBe(4);
    const first = root.lookup(PDFName.of('First'), PDFDict);
    expect(first.lookup(PDFName.of('Count'), PDFNumber).asNumber()).toBe(2);
    expect(doc.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
  });

  it('puts a level-3 entry with no section before it at the top level', async () => {
    const doc = await load(await finishPdf(chromiumPdf, meta, [{ title: 'Orphan', level: 3, page: 0 }, { title: 'Part', level: 2, page: 1 }]));
    expect(readOutline(doc)).toEqual([
      { title: 'Orphan', level: 2, page: 0 },
      { title: 'Part', level: 2, page: 1 },
    ]);
  });

  it('writes no outline for an empty list and drops empty fields', async () => {
    const doc = await load(await finishPdf(chromiumPdf, { title: 'T', lang: 'en' }, []));
    expect(doc.catalog.get(PDFName.of('Outlines'))).toBeUndefined();
    expect(doc.getAuthor()).toBeUndefined();
    expect(doc.getKeywords()).toBeUndefined();
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(en)');
  });

  it('uses a fixed epoch without a date', async () => {
    const doc = await load(await finishPdf(chromiumPdf, { title: 'T', lang: 'en' }, []));
    expect(doc.getCreationDate()?.toISOString()).toBe('2000-01-01T12:00:00.000Z');
    expect(pdfDate(undefined)).toEqual(FIXED_EPOCH);
    expect(pdfDate('not a date')).toEqual(FIXED_EPOCH);
    expect(pdfDate('2024-02-29T08:00:00Z').toISOString()).toBe('2024-02-29T12:00:00.000Z');
  });

  it('gives the same bytes whatever the clock says, with no document ID', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-05-05T05:05:05Z'));
      const a = await finishPdf(chromiumPdf, meta, outline);
      vi.setSystemTime(new Date('2040-12-31T23:59:59Z'));
      const b = await finishPdf(chromiumPdf, meta, outline);
      expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
      const text = Buffer.from(a).toString('latin1');
      expect(text).not.toMatch(/\/ID\s*\[/);
      expect(text).not.toMatch(/D:203[01]|D:2040/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects a bookmark past the last page', async () => {
    await expect(finishPdf(chromiumPdf, meta, [{ title: 'Too far', level: 2, page: 5 }])).rejects.toThrow(/page 5, but the PDF has 5 pages/);
  });
});

describe('deck helpers', () => {
  const plan = {
    title: 'Deck',
    subtitle: 'Sub',
    author: 'A',
    date: '2025-01-02',
    lang: 'en',
    keywords: ['k'],
    outline: [
      { title: 'One', level: 2, slide: 2 },
      { title: 'One.a', level: 3, slide: 3 },
    ],
  } as unknown as DeckPlan;

  it('takes the metadata from the plan, the date from the caller when given', () => {
    expect(deckMeta(plan)).toEqual({ title: 'Deck', author: 'A', subject: 'Sub', lang: 'en', keywords: ['k'], date: '2025-01-02' });
    expect(deckMeta(plan, '2026-06-06').date).toBe('2026-06-06');
  });

  it('points the slides PDF bookmarks at the divider slides', () => {
    expect(slidesOutline(plan)).toEqual([
      { title: 'One', level: 2, page: 2 },
      { title: 'One.a', level: 3, page: 3 },
    ]);
  });
});
