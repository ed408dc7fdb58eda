import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from '../pdf-lib.js';
import type { DeckPlan } from '../../model/plan.js';
import { applyMeta, deckMeta, loadPdf, savePdf } from '../pdf-meta.js';

/**
 * Finishes a handout Chromium printed: the deck's metadata, and a bookmark per section on
 * the page that shows the section's slide (found from the slides' own link targets).
 */
export async function finishHandout(raw: Uint8Array, plan: DeckPlan, date: string | undefined, perPage: number): Promise<Uint8Array> {
  const doc = await loadPdf(raw);
  const pages = takeSlidePages(doc, plan.slides.length, perPage);
  const outline = plan.outline.map((o) => ({ title: o.title, level: o.level, page: pages[o.slide] }));
  applyMeta(doc, deckMeta(plan, date), outline);
  return savePdf(doc);
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
