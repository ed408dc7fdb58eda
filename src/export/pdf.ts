import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import type { BrowserSession } from './browser/launch.js';

/** Options for the slides PDF. */
export interface SlidesPdfOptions {
  width: number;
  height: number;
}

/**
 * Opens the deck in reveal.js's print view, waits for `pdf-ready` and the fonts, and prints
 * it with one `page.pdf()` call: one page per slide, vector text. Returns the PDF bytes.
 */
export async function exportSlidesPdf(session: BrowserSession, indexHtml: string, o: SlidesPdfOptions): Promise<Uint8Array> {
  return session.withPage(async (page) => {
    await openPrintView(page, indexHtml);
    return page.pdf({ width: `${o.width}px`, height: `${o.height}px`, printBackground: true, preferCSSPageSize: true, tagged: false, outline: false });
  });
}

/** Loads a deck in print view and resolves once reveal.js has laid out every page. */
export async function openPrintView(page: Page, indexHtml: string): Promise<void> {
  const url = pathToFileURL(indexHtml).href + '?print-pdf';
  await page.evaluateOnNewDocument(() => {
    (window as unknown as { __lecternPdfReady: Promise<void> }).__lecternPdfReady = new Promise<void>((res) => {
      window.addEventListener('pdf-ready', () => res(), { once: true });
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(async () => {
    await (window as unknown as { __lecternPdfReady: Promise<void> }).__lecternPdfReady;
    await document.fonts.ready;
  });
}
