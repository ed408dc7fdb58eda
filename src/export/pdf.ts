import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, PDFOptions } from 'puppeteer';
import { LecternError } from '../errors.js';
import type { DeckPlan } from '../model/plan.js';
import type { BrowserSession } from '../browser/launch.js';
import { inlineDeckFonts } from './inline-fonts.js';
import type { PdfJoiner } from './pdf-join.js';

/** Options for the slides PDF. */
export interface SlidesPdfOptions {
  width: number;
  height: number;
  /** The plan the deck was rendered from: metadata and bookmarks come from it. */
  plan: DeckPlan;
  /** One page per fragment step (reveal.js `pdfSeparateFragments`) rather than one per slide. @defaultValue false */
  fragments?: boolean;
  /** Creation date (ISO `YYYY-MM-DD`). @defaultValue the deck's date */
  date?: string;
  /** Give up on a step (loading the deck, its fonts, printing a part) after this long. @defaultValue 60000 */
  timeoutMs?: number;
  /**
   * The deck's print view as a static page (`RenderedDeck.printHtml`). Printed instead of
   * reveal.js's print view when given, unless `fragments` asks for a page per step: the same
   * pages, without loading reveal.js or waiting for its layout.
   */
  printHtml?: string;
  /** Most pages printed by one `page.pdf()` call (see {@link PRINT_PART_PAGES}). @defaultValue PRINT_PART_PAGES */
  partPages?: number;
}

/** What a page was doing when it ran out of time, for the error message. */
type Stage = 'load' | 'ready' | 'fonts' | 'print';

/**
 * Most pages one `page.pdf()` call prints. Chromium's print time per page grows with the
 * document: on a 2-core machine, about 25-35 ms a page for 25-200 pages at once, 35-40 ms at
 * 400 and 45-70 ms at 800, so a 2,300-slide deck in one call took about a minute. A deck with
 * more pages prints in equal parts of at most this many, each with only its own pages in the
 * document, joined by pdf-lib. Decks up to this size print in one call, as they always have.
 */
export const PRINT_PART_PAGES = 200;

/**
 * Opens the deck's print view, waits for the fonts, and prints it: one page per slide (or per
 * fragment step), vector text. The print view is the static page `o.printHtml` when there is
 * one, else reveal.js's (`index.html?print-pdf`, waiting for `pdf-ready`). The page may read
 * only the deck's own folder. A deck of up to {@link PRINT_PART_PAGES} pages is printed with
 * one `page.pdf()` call; a longer one a part at a time (the other pages taken out of the
 * document meanwhile), so time and memory grow in proportion to the deck, and the parts are
 * joined. Each step (loading, fonts, each part) gets `timeoutMs`. Returns the finished PDF:
 * the plan's metadata, a bookmark per section and subsection, dates from the deck, so the same
 * deck gives the same bytes.
 */
export async function exportSlidesPdf(session: BrowserSession, indexHtml: string, o: SlidesPdfOptions): Promise<Uint8Array> {
  // pdf-lib loads while Chromium works, off the critical path.
  const finishing = import('./pdf-meta.js');
  const timeoutMs = o.timeoutMs ?? 60_000;
  const partPages = Math.max(1, o.partPages ?? PRINT_PART_PAGES);
  const dir = dirname(indexHtml);
  const printView = o.printHtml !== undefined && !o.fragments;
  // Beside index.html, so that it finds the deck's files where index.html does.
  const printFile = join(dir, `.print-${randomUUID()}.html`);
  if (printView) writeFileSync(printFile, inlineDeckFonts(o.printHtml!, dir));
  let stage: Stage = 'load';
  let printing: [number, number] | undefined;
  const step = <T>(work: Promise<T>) => deadline(work, timeoutMs, () => timeoutError(o.plan.file, stage, timeoutMs, printing));
  try {
    const { parts, firstPages } = await session.withPage(
      async (page) => {
        let firstPages: number[];
        if (printView) {
          // Laid out for print from the start: page.pdf() then restyles less (about 20 ms of
          // a 100-slide deck's 170).
          await step(page.emulateMediaType('print'));
          await step(page.goto(pathToFileURL(printFile).href, { waitUntil: 'load' }));
          stage = 'fonts';
          await step(
            page.evaluate(async () => {
              // Laid out now, so every face the pages use has started loading.
              void document.body.offsetHeight;
              await document.fonts.ready;
            }),
          );
          firstPages = o.plan.slides.map((_, i) => i);
        } else {
          await step(openPrintView(page, indexHtml, { fragments: o.fragments, onStage: (s) => (stage = s) }));
          firstPages = await step(slideFirstPages(page));
        }
        stage = 'print';
        const print = (extra: PDFOptions = {}) => step(page.pdf({ width: `${o.width}px`, height: `${o.height}px`, printBackground: true, preferCSSPageSize: true, tagged: false, outline: false, timeout: timeoutMs, ...extra }));
        const count = await step(page.evaluate(() => document.querySelectorAll('.reveal .slides > .pdf-page').length));
        const ranges = partsOf(count, partPages);
        if (ranges.length === 1) return { parts: await print(), firstPages };
        const parts = await printParts(page, ranges, {
          step,
          // The fonts are loaded (the stage before): page.pdf() need not wait for them again.
          print: () => print({ waitForFonts: false }),
          onPart: (range) => (printing = range),
        });
        return { parts, firstPages };
      },
      // reveal.js's print view adds a script to every new document, so its page is not reused.
      { confineTo: dir, reuse: printView },
    );
    const { applyMeta, deckMeta, loadPdf, savePdf } = await finishing;
    const doc = await (parts instanceof Uint8Array ? loadPdf(parts) : parts.done());
    // Should the print view and the PDF ever disagree, fall back to a page per slide.
    const count = doc.getPageCount();
    const pageOf = (slide: number) => {
      const p = firstPages[slide];
      return p !== undefined && p < count ? p : Math.min(slide, count - 1);
    };
    applyMeta(doc, deckMeta(o.plan, o.date), o.plan.outline.map((e) => ({ title: e.title, level: e.level, page: pageOf(e.slide) })));
    return await savePdf(doc, { compacted: !(parts instanceof Uint8Array) });
  } finally {
    if (printView) rmSync(printFile, { force: true });
  }
}

/** How {@link printParts} prints: each step under the export's deadline. */
interface PartPrinter {
  step: <T>(work: Promise<T>) => Promise<T>;
  print: () => Promise<Uint8Array>;
  /** Told which pages are about to print, for the timeout message. */
  onPart: (range: [number, number]) => void;
}

/**
 * Prints the print view's pages a range at a time, each print with only its range in the
 * document, and joins the parts. A part is sent to pdf-lib once the next one is printing, so
 * Node parses and compacts it while Chromium works.
 */
async function printParts(page: Page, ranges: [number, number][], p: PartPrinter): Promise<PdfJoiner> {
  const { PdfJoiner } = await import('./pdf-join.js');
  const joiner = new PdfJoiner();
  await p.step(page.evaluate(takePages));
  let printed: Uint8Array | undefined;
  for (const range of ranges) {
    p.onPart(range);
    await p.step(page.evaluate(showPages, range[0], range[1]));
    const next = p.print();
    if (printed) joiner.add(printed);
    printed = await next;
  }
  joiner.add(printed!);
  return joiner;
}

/** `[from, to)` page ranges of at most `max` pages each, as equal as they can be. */
export function partsOf(count: number, max: number): [number, number][] {
  const n = Math.max(1, Math.ceil(count / max));
  return Array.from({ length: n }, (_, i) => [Math.round((i * count) / n), Math.round(((i + 1) * count) / n)]);
}

/**
 * In the page: takes every print page (`.pdf-page`, in both print views) out of the document,
 * keeping them, in order, for {@link showPages}: a print lays out only the pages in the document.
 */
function takePages(): void {
  const w = window as unknown as { __lecternPages?: { parent: Node; pages: Element[]; shown: Element[] } };
  const pages = [...document.querySelectorAll('.reveal .slides > .pdf-page')];
  const parent = pages[0]?.parentNode;
  if (!parent) return;
  const marker = document.createComment('pages');
  parent.insertBefore(marker, pages[0]!);
  for (const p of pages) p.remove();
  w.__lecternPages = { parent: marker as Node, pages, shown: [] };
}

/** In the page: puts print pages `[from, to)` back where they were, and takes out those shown before. */
function showPages(from: number, to: number): void {
  const w = window as unknown as { __lecternPages?: { parent: Node; pages: Element[]; shown: Element[] } };
  const kept = w.__lecternPages;
  if (!kept) return;
  for (const p of kept.shown) p.remove();
  kept.shown = kept.pages.slice(from, to);
  (kept.parent as ChildNode).after(...kept.shown);
}

/**
 * Races one step of an export against its time limit. On expiry, throws `error()`; the step
 * fails quietly once withPage closes its page.
 */
function deadline<T>(work: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      work.catch(() => undefined);
      reject(error());
    }, ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

function timeoutError(file: string, stage: Stage, ms: number, part: [number, number] | undefined): LecternError {
  const s = Math.round(ms / 1000);
  const longer = `give it longer with --timeout SECONDS (now ${s})`;
  const printed = part ? `pages ${part[0] + 1}-${part[1]} of the slides` : 'the slides';
  const what =
    stage === 'print'
      ? `Chromium did not finish printing ${printed} within ${s} s; ${longer}`
      : stage === 'fonts'
        ? `the deck's fonts did not load within ${s} s; check --css for fonts it asks for, or ${longer}`
        : `the deck was not ready to print within ${s} s (reveal.js never signalled pdf-ready); check custom templates (layout.hbs must load and initialize reveal.js) and --css, or ${longer}`;
  return new LecternError('BROWSER', `${file}: ${what}`, { file });
}

/** Options for {@link openPrintView}. */
export interface PrintViewOptions {
  /** Lay out one page per fragment step. @defaultValue false */
  fragments?: boolean;
  /** Told when loading is done and waiting for reveal.js begins. */
  onStage?: (stage: 'ready') => void;
}

/** Loads a deck in print view and resolves once reveal.js has laid out every page. */
export async function openPrintView(page: Page, indexHtml: string, o: PrintViewOptions = {}): Promise<void> {
  // reveal.js merges query parameters into its config: the export decides about fragments,
  // whatever the deck was rendered with.
  const url = `${pathToFileURL(indexHtml).href}?print-pdf&pdfSeparateFragments=${o.fragments ? 'true' : 'false'}`;
  await page.evaluateOnNewDocument(() => {
    (window as unknown as { __lecternPdfReady: Promise<void> }).__lecternPdfReady = new Promise<void>((res) => {
      window.addEventListener('pdf-ready', () => res(), { once: true });
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  o.onStage?.('ready');
  await page.evaluate(async () => {
    await (window as unknown as { __lecternPdfReady: Promise<void> }).__lecternPdfReady;
    await document.fonts.ready;
  });
  // The themes show every fragment in print (the handout relies on it); for a page per step,
  // fragments not yet reached must stay hidden.
  if (o.fragments) await page.addStyleTag({ content: 'html.print-pdf .reveal .slides section .fragment:not(.visible) { opacity: 0; visibility: hidden; }' });
}

/** The print-view page on which each slide (by `data-slide`) starts, in slide order. */
function slideFirstPages(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const first: number[] = [];
    document.querySelectorAll('.reveal .slides > .pdf-page').forEach((p, i) => {
      const n = Number(p.querySelector('section[data-slide]')?.getAttribute('data-slide'));
      if (Number.isInteger(n) && first[n] === undefined) first[n] = i;
    });
    return first;
  });
}
