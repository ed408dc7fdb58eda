import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { LecternError } from '../errors.js';
import type { DeckPlan } from '../model/plan.js';
import { facesFor } from '../render/fonts.js';
import { builtInTemplatesDir } from '../render/templates.js';
import type { BrowserSession } from './browser/launch.js';
import { deckSlides, deckStylesheets, handoutHtml, handoutText } from './handout/html.js';
import { slidesPerPage, type HandoutLayout, type Paper } from './handout/layout.js';
import { applyMeta, deckMeta, savePdf } from './pdf-meta.js';

export { handoutLayouts, slidesPerPage, type HandoutLayout, type Paper } from './handout/layout.js';

/** Options for a handout. */
export interface HandoutOptions {
  layout: HandoutLayout;
  paper: Paper;
  /** Date in the footer and the PDF's creation date (ISO `YYYY-MM-DD`); defaults to the deck's date. */
  date?: string;
}

/**
 * Prints a handout of a built deck: the deck's own slide markup and styles, each slide scaled
 * into a box on portrait pages, with ruled lines (`3up`, `2up`) or the speaker notes (`notes`),
 * a header with the title and a footer with the date and "page X of Y". One `page.pdf()` call;
 * vector text in the deck's fonts. The PDF comes back finished: metadata, and bookmarks per
 * section pointing at the handout page that shows the section's slide.
 *
 * Writes a temporary folder inside `deckDir` (so the page loads nothing from outside the deck)
 * and removes it before returning.
 */
export async function exportHandoutPdf(session: BrowserSession, deckDir: string, plan: DeckPlan, options: HandoutOptions): Promise<Uint8Array> {
  const indexHtml = readFileSync(join(deckDir, 'index.html'), 'utf8');
  const slides = deckSlides(indexHtml);
  if (slides.length !== plan.slides.length) {
    throw new LecternError('CONTENT', `the deck in ${deckDir} has ${slides.length} slides but its plan has ${plan.slides.length}; rebuild the deck`, { file: plan.file });
  }
  const date = options.date ?? plan.date;
  const tmp = mkdtempSync(join(deckDir, '.handout-'));
  try {
    const fontCss = extraFonts(deckDir, tmp, handoutText(plan, date));
    const html = handoutHtml({
      plan,
      slides,
      stylesheets: deckStylesheets(indexHtml),
      css: readFileSync(join(builtInTemplatesDir, 'handout', 'handout.css'), 'utf8'),
      fontCss,
      base: '../',
      layout: options.layout,
      paper: options.paper,
      date,
    });
    const file = join(tmp, 'handout.html');
    writeFileSync(file, html);
    const raw = await session.withPage(async (page) => {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Header and footer words are laid out only when printing: load their glyphs first.
      await page.evaluate(async (text: string) => {
        await Promise.all([document.fonts.load(`400 12px 'Noto Sans SC'`, text), document.fonts.load(`700 12px 'Noto Sans SC'`, text)]);
        await document.fonts.ready;
      }, handoutText(plan, date));
      return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false, outline: false });
    });
    const doc = await PDFDocument.load(raw, { updateMetadata: false });
    const pages = takeSlidePages(doc, slides.length, slidesPerPage[options.layout]);
    const outline = plan.outline.map((o) => ({ title: o.title, level: o.level, page: pages[o.slide] }));
    applyMeta(doc, deckMeta(plan, date), outline);
    return await savePdf(doc);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The font subsets the handout's own words need that the deck does not ship (for example the
 * characters of "第 3 页，共 8 页" in a Chinese deck), copied next to the handout page.
 */
function extraFonts(deckDir: string, tmp: string, text: string): string {
  let shipped = '';
  try {
    shipped = readFileSync(join(deckDir, 'fonts', 'fonts.css'), 'utf8');
  } catch {
    return '';
  }
  const have = new Set([...shipped.matchAll(/url\(\.\/([^)]+)\)/g)].map((m) => m[1]));
  const points = new Set<number>();
  for (const ch of text) points.add(ch.codePointAt(0)!);
  return facesFor(points)
    .filter((f) => !have.has(basename(f.file)))
    .map((f) => {
      const name = basename(f.file);
      copyFileSync(f.file, join(tmp, name));
      const range = f.ranges.map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`)).join(',');
      return `@font-face{font-family:'${f.family}';font-style:normal;font-display:block;font-weight:${f.weight};src:url(${basename(tmp)}/${name}) format('woff2');unicode-range:${range};}`;
    })
    .join('\n');
}

/**
 * Finds the page each slide landed on, from the named destinations Chromium writes for the
 * slides' self-links (`#hs-N`), then removes those links and destinations: they served only
 * to locate the slides. Needed for `notes`, where long notes push later slides down.
 */
function takeSlidePages(doc: PDFDocument, count: number, perPage: number): number[] {
  const pageRefs = doc.getPages().map((p) => p.ref);
  const found = new Map<number, number>();
  const catalog = doc.catalog;
  const dests = catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) {
    for (const [key, value] of dests.entries()) {
      const m = /^\/hs-(\d+)$/.exec(key.toString());
      if (!m) continue;
      const arr = value instanceof PDFRef ? doc.context.lookup(value, PDFArray) : value instanceof PDFArray ? value : undefined;
      const target = arr?.get(0);
      const index = pageRefs.findIndex((r) => r === target);
      if (index >= 0) found.set(Number(m[1]), index);
    }
    const ref = catalog.get(PDFName.of('Dests'));
    catalog.delete(PDFName.of('Dests'));
    if (ref instanceof PDFRef) doc.context.delete(ref);
  }
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    const keep: PDFObject[] = [];
    for (let i = 0; i < annots.size(); i++) {
      const item = annots.get(i);
      const dict = item instanceof PDFRef ? doc.context.lookup(item) : item;
      const dest = dict instanceof PDFDict ? dict.get(PDFName.of('Dest')) : undefined;
      if (dest && /^\/hs-\d+$/.test(dest.toString())) {
        if (item instanceof PDFRef) doc.context.delete(item);
      } else keep.push(item);
    }
    if (keep.length) page.node.set(PDFName.of('Annots'), doc.context.obj(keep));
    else page.node.delete(PDFName.of('Annots'));
  }
  // Should Chromium ever stop writing destinations, fall back to the fixed layouts' arithmetic.
  return Array.from({ length: count }, (_, i) => found.get(i) ?? Math.min(Math.floor(i / perPage), pageRefs.length - 1));
}
