import type { Page } from 'puppeteer';
import { openPrintView } from '../export/pdf.js';

/**
 * Opens a built deck for measuring: reveal.js's print view lays every slide out at once at
 * the deck's own size (1280×720 by default, scale 1) with every fragment shown, the layout
 * the slides PDF is printed from. Waits for `Reveal.isReady()`, `pdf-ready` and the fonts.
 */
export async function openForCheck(page: Page, indexHtml: string, size = { width: 1280, height: 720 }): Promise<void> {
  await page.setViewport({ width: size.width, height: size.height, deviceScaleFactor: 1 });
  await openPrintView(page, indexHtml);
  await page.waitForFunction('typeof Reveal !== "undefined" && Reveal.isReady()');
  // Web font subsets load as text needs them; wait until the last one is in.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  // Show every fragment in case a theme styles hidden fragments differently from shown ones.
  await page.evaluate(`document.querySelectorAll('section[data-slide] .fragment').forEach((f) => f.classList.add('visible'))`);
}
