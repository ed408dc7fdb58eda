import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHeader, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from './pdf-lib.js';
import type { DeckPlan } from '../model/plan.js';
import { compactPageContents } from './pdf-compact.js';

/** Document information for a finished PDF. */
export interface PdfMeta {
  title: string;
  author?: string;
  subject?: string;
  /** BCP 47 language tag or Lectern's `en`/`zh`; `zh` is written as `zh-CN`. */
  lang: string;
  keywords?: string[];
  /** ISO `YYYY-MM-DD`; creation and modification dates are set to noon UTC of that day. */
  date?: string;
}

/** One bookmark: level-3 entries nest under the preceding level-2 entry. `page` is 0-based. */
export interface PdfOutlineEntry {
  title: string;
  level: 2 | 3;
  page: number;
}

/** Creation date used when the deck has none, so the same input still gives the same bytes. */
export const FIXED_EPOCH = new Date(Date.UTC(2000, 0, 1, 12, 0, 0));

/** Noon UTC of an ISO `YYYY-MM-DD` date (a longer ISO timestamp keeps its day), or the fixed epoch. */
export function pdfDate(date: string | undefined): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date?.trim() ?? '');
  if (!m) return FIXED_EPOCH;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0));
  return Number.isNaN(d.getTime()) ? FIXED_EPOCH : d;
}

/**
 * Sets the document information (title, author, subject, language, keywords, creator and
 * producer "Lectern", creation and modification dates from `meta.date`) and replaces the
 * outline with `outline` (or what `outline(pageCount)` gives). Deterministic: nothing depends on the clock, and pdf-lib writes no
 * document ID, so the same input bytes and arguments give the same output bytes.
 */
export async function finishPdf(bytes: Uint8Array, meta: PdfMeta, outline: PdfOutlineEntry[] | ((pageCount: number) => PdfOutlineEntry[])): Promise<Uint8Array> {
  const doc = await loadPdf(bytes);
  applyMeta(doc, meta, typeof outline === 'function' ? outline(doc.getPageCount()) : outline);
  return savePdf(doc);
}

/** Loads a PDF to finish, in one go (no pauses for the event loop). */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  // updateMetadata: false — otherwise pdf-lib stamps its own producer and the current time.
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** {@link finishPdf} on an already loaded document (load it with {@link loadPdf}). */
export function applyMeta(doc: PDFDocument, meta: PdfMeta, outline: PdfOutlineEntry[]): void {
  const when = pdfDate(meta.date);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  // setTitle has made sure an Info dictionary exists; clear what this deck does not set.
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  if (meta.author) doc.setAuthor(meta.author);
  else info.delete(PDFName.of('Author'));
  if (meta.subject) doc.setSubject(meta.subject);
  else info.delete(PDFName.of('Subject'));
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  else info.delete(PDFName.of('Keywords'));
  doc.setLanguage(meta.lang === 'zh' ? 'zh-CN' : meta.lang);
  doc.setCreator('Lectern');
  doc.setProducer('Lectern');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  // An XMP packet from the producer would contradict the Info above (and may hold a random UUID).
  doc.catalog.delete(PDFName.of('Metadata'));
  writeOutline(doc, outline);
}

/**
 * Saves deterministically: pdf-lib adds no time of its own, and a document ID the input
 * carried (Chromium writes none today; other producers write a random one) is dropped.
 * Page contents are compacted first ({@link compactPageContents}), unless `o.compacted` says
 * that was done already.
 */
export function savePdf(doc: PDFDocument, o: { compacted?: boolean } = {}): Promise<Uint8Array> {
  doc.context.trailerInfo.ID = undefined;
  if (!o.compacted) compactPageContents(doc);
  // Object streams (PDF 1.5) keep the file about a quarter smaller; the header says so.
  doc.context.header = PDFHeader.forVersion(1, 7);
  // objectsPerTick: no pauses for the event loop; the whole save takes a few milliseconds.
  return doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
}

/** Builds the `/Outlines` tree (replacing any existing one); removed when `entries` is empty. */
function writeOutline(doc: PDFDocument, entries: PdfOutlineEntry[]): void {
  const { context, catalog } = doc;
  const old = catalog.get(PDFName.of('Outlines'));
  catalog.delete(PDFName.of('Outlines'));
  if (old && 'objectNumber' in old) context.delete(old as PDFRef);
  if (!entries.length) {
    if (catalog.get(PDFName.of('PageMode')) === PDFName.of('UseOutlines')) catalog.delete(PDFName.of('PageMode'));
    return;
  }
  const pages = doc.getPages();
  for (const e of entries) {
    if (!Number.isInteger(e.page) || e.page < 0 || e.page >= pages.length) throw new RangeError(`outline entry "${e.title}" points at page ${e.page}, but the PDF has ${pages.length} pages`);
  }

  // The tree: top-level nodes (level 2, or a level 3 with no level 2 before it) and their children.
  interface Node { entry: PdfOutlineEntry; ref: PDFRef; dict: PDFDict; children: Node[] }
  const node = (entry: PdfOutlineEntry): Node => ({ entry, ref: context.nextRef(), dict: context.obj({}), children: [] });
  const top: Node[] = [];
  for (const e of entries) {
    const parent = top[top.length - 1];
    if (e.level === 3 && parent && parent.entry.level === 2) parent.children.push(node(e));
    else top.push(node(e));
  }

  const rootRef = context.nextRef();
  const link = (siblings: Node[], parentRef: PDFRef) => {
    siblings.forEach((n, i) => {
      const d = n.dict;
      d.set(PDFName.of('Title'), PDFHexString.fromText(n.entry.title));
      d.set(PDFName.of('Parent'), parentRef);
      if (i > 0) d.set(PDFName.of('Prev'), siblings[i - 1].ref);
      if (i < siblings.length - 1) d.set(PDFName.of('Next'), siblings[i + 1].ref);
      const dest = PDFArray.withContext(context);
      dest.push(pages[n.entry.page].ref);
      dest.push(PDFName.of('XYZ'));
      dest.push(PDFNull);
      dest.push(PDFNull);
      dest.push(PDFNull);
      d.set(PDFName.of('Dest'), dest);
      if (n.children.length) {
        d.set(PDFName.of('First'), n.children[0].ref);
        d.set(PDFName.of('Last'), n.children[n.children.length - 1].ref);
        // Positive count: the entry is open, its children visible.
        d.set(PDFName.of('Count'), PDFNumber.of(n.children.length));
        link(n.children, n.ref);
      }
      context.assign(n.ref, d);
    });
  };
  link(top, rootRef);
  const root = context.obj({});
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), top[0].ref);
  root.set(PDFName.of('Last'), top[top.length - 1].ref);
  root.set(PDFName.of('Count'), PDFNumber.of(entries.length));
  context.assign(rootRef, root);
  catalog.set(PDFName.of('Outlines'), rootRef);
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Reads back the outline's titles and levels, in order (for tests and checks). */
export function readOutline(doc: PDFDocument): { title: string; level: 2 | 3; page: number }[] {
  const out: { title: string; level: 2 | 3; page: number }[] = [];
  const pageRefs = doc.getPages().map((p) => p.ref);
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (first: PDFDict | undefined, level: 2 | 3) => {
    for (let d = first; d; d = d.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const t = d.lookup(PDFName.of('Title'));
      const title = t instanceof PDFHexString || (t && 'decodeText' in t) ? (t as PDFHexString).decodeText() : String(t);
      const dest = d.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const target = dest?.get(0);
      out.push({ title, level, page: pageRefs.findIndex((r) => r === target || r.toString() === String(target)) });
      walk(d.lookupMaybe(PDFName.of('First'), PDFDict), 3);
    }
  };
  walk(root?.lookupMaybe(PDFName.of('First'), PDFDict), 2);
  return out;
}

/** The document information of a deck's PDFs (slides and handouts). */
export function deckMeta(plan: DeckPlan, date?: string): PdfMeta {
  return { title: plan.title, author: plan.author, subject: plan.subtitle, lang: plan.lang, keywords: plan.keywords, date: date ?? plan.date };
}

/** Bookmarks of the slides PDF (one page per slide): each section at its divider slide. */
export function slidesOutline(plan: DeckPlan): PdfOutlineEntry[] {
  return plan.outline.map((o) => ({ title: o.title, level: o.level, page: o.slide }));
}
