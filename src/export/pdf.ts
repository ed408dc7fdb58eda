import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { LecternError } from '../errors.js';
import type { DeckPlan } from '../model/plan.js';
import type { BrowserSession } from '../browser/launch.js';
import { inlineDeckFonts } from './inline-fonts.js';

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
  /** Give up on the deck after this long. @defaultValue 60000 */
  timeoutMs?: number;
  /**
   * The deck's print view as a static page (`RenderedDeck.printHtml`). Printed instead of
   * reveal.js's print view when given, unless `fragments` asks for a page per step: the same
   * pages, without loading reveal.js or waiting for its layout.
   */
  printHtml?: string;
}

/** What a page was doing when it ran out of time, for the error message. */
type Stage = 'load' | 'ready' | 'fonts' | 'print';

/**
 * Opens the deck's print view, waits for the fonts, and prints it with one `page.pdf()` call:
 * one page per slide (or per fragment step), vector text. The print view is the static page
 * `o.printHtml` when there is one, else reveal.js's (`index.html?print-pdf`, waiting for
 * `pdf-ready`). The page may read only the deck's own folder. Returns the finished PDF: the plan's metadata,
 * a bookmark per section and subsection, dates from the deck, so the same deck gives the
 * same bytes.
 */
export async function exportSlidesPdf(session: BrowserSession, indexHtml: string, o: SlidesPdfOptions): Promise<Uint8Array> {
  // pdf-lib loads while Chromium works, off the critical path.
  const finishing = import('./pdf-meta.js');
  const timeoutMs = o.timeoutMs ?? 60_000;
  const dir = dirname(indexHtml);
  const printView = o.printHtml !== undefined && !o.fragments;
  // Beside index.html, so that it finds the deck's files where index.html does.
  const printFile = join(dir, `.print-${randomUUID()}.html`);
  if (printView) writeFileSync(printFile, inlineDeckFonts(o.printHtml!, dir));
  let stage: Stage = 'load';
  try {
    const { raw, firstPages } = await session.withPage(
      async (page) => {
        let firstPages: number[];
        if (printView) {
          // Laid out for print from the start: page.pdf() then restyles less (about 20 ms of
          // a 100-slide deck's 170).
          await page.emulateMediaType('print');
          await page.goto(pathToFileURL(printFile).href, { waitUntil: 'load' });
          stage = 'fonts';
          await page.evaluate(async () => {
            // Laid out now, so every face the pages use has started loading.
            void document.body.offsetHeight;
            await document.fonts.ready;
          });
          firstPages = o.plan.slides.map((_, i) => i);
        } else {
          await openPrintView(page, indexHtml, { fragments: o.fragments, onStage: (s) => (stage = s) });
          firstPages = await slideFirstPages(page);
        }
        stage = 'print';
        const raw = await page.pdf({ width: `${o.width}px`, height: `${o.height}px`, printBackground: true, preferCSSPageSize: true, tagged: false, outline: false, timeout: timeoutMs });
        return { raw, firstPages };
      },
      // reveal.js's print view adds a script to every new document, so its page is not reused.
      { confineTo: dir, deadlineMs: timeoutMs, timeoutError: () => timeoutError(o.plan.file, stage, timeoutMs), reuse: printView },
    );
    const { finishPdf, deckMeta } = await finishing;
    return await finishPdf(raw, deckMeta(o.plan, o.date), (count) => {
      // Should the print view and the PDF ever disagree, fall back to a page per slide.
      const pageOf = (slide: number) => {
        const p = firstPages[slide];
        return p !== undefined && p < count ? p : Math.min(slide, count - 1);
      };
      return o.plan.outline.map((e) => ({ title: e.title, level: e.level, page: pageOf(e.slide) }));
    });
  } finally {
    if (printView) rmSync(printFile, { force: true });
  }
}

function timeoutError(file: string, stage: Stage, ms: number): LecternError {
  const s = Math.round(ms / 1000);
  const what =
    stage === 'print'
      ? `Chromium did not finish printing the slides within ${s} s; try --parallel 1, or split the deck`
      : stage === 'fonts'
        ? `the deck's fonts did not load within ${s} s; check --css for fonts it asks for`
        : `the deck was not ready to print within ${s} s (reveal.js never signalled pdf-ready); check custom templates (layout.hbs must load and initialize reveal.js) and --css`;
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
