import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from './pdf-lib.js';
import { compactPageContents } from './pdf-compact.js';
import { loadPdf } from './pdf-meta.js';

/**
 * Joins PDFs printed in parts (a long deck printed a range of pages at a time) into one
 * document, as the parts arrive: the first part is the document, every later part's pages are
 * copied onto its end, in order. Deterministic: the same parts in the same order give the same
 * objects. Named destinations (the catalog's `/Dests`, which Chromium writes for links inside
 * the page) come along, pointing at the copied pages, so in-page links keep working. Each
 * part's page contents are compacted as it is parsed ({@link compactPageContents}), so the
 * joined document is saved with `savePdf(doc, { compacted: true })`.
 */
export class PdfJoiner {
  #doc: Promise<PDFDocument> | undefined;
  #parts = 0;

  /** Adds the next part. Parsing starts at once: it overlaps with Chromium printing the next. */
  add(bytes: Uint8Array): void {
    const part = loadPdf(bytes).then((p) => (compactPageContents(p), p));
    this.#doc = this.#doc ? Promise.all([this.#doc, part]).then(([doc, p]) => append(doc, p)) : part;
    // Awaited by done(); a part printed after a failure is never joined.
    this.#doc.catch(() => undefined);
    this.#parts++;
  }

  /** How many parts were added. */
  get parts(): number {
    return this.#parts;
  }

  /** The joined document (load it into nothing else: it is still open for {@link applyMeta}). */
  done(): Promise<PDFDocument> {
    if (!this.#doc) throw new Error('PdfJoiner.done() before any part was added');
    return this.#doc;
  }
}

async function append(doc: PDFDocument, part: PDFDocument): Promise<PDFDocument> {
  // One copyPages call per part: objects the pages share (fonts, images) are copied once.
  const copied = await doc.copyPages(part, part.getPageIndices());
  for (const page of copied) doc.addPage(page);
  const from = new Map(part.getPages().map((p, i) => [p.ref.toString(), copied[i]!.ref]));
  copyDests(doc, part, from);
  return doc;
}

/** Adds `part`'s named destinations to `doc`'s, each retargeted at the copy of its page. */
function copyDests(doc: PDFDocument, part: PDFDocument, pageOf: Map<string, PDFRef>): void {
  const source = part.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!source) return;
  let target = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!target) {
    target = doc.context.obj({});
    doc.catalog.set(PDFName.of('Dests'), doc.context.register(target));
  }
  for (const [name, value] of source.entries()) {
    const dest = value instanceof PDFRef ? part.context.lookupMaybe(value, PDFArray) : value instanceof PDFArray ? value : undefined;
    const page = dest?.get(0);
    const copy = page ? pageOf.get(page.toString()) : undefined;
    if (!dest || !copy) continue;
    // The rest of a destination is a fit type and numbers: direct values, shared as they are.
    const rest: PDFObject[] = [];
    for (let i = 1; i < dest.size(); i++) rest.push(dest.get(i));
    target.set(name, doc.context.obj([copy, ...rest]));
  }
}
