import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LecternError } from '../errors.js';
import type { DeckPlan } from '../model/plan.js';
import { facesFor, fontsCss } from '../render/fonts.js';
import { builtInTemplatesDir } from '../render/templates.js';
import type { RenderedDeck } from '../render/index.js';
import type { BrowserSession } from '../browser/launch.js';
import { inlineFontsCss } from './inline-fonts.js';
import { deckSlide, handoutHtml, handoutText } from './handout/html.js';
import { fitNotes } from './handout/fit.js';
import { geometry, slidesPerPage, type HandoutLayout, type Paper } from './handout/layout.js';

export { handoutLayouts, slidesPerPage, type HandoutLayout, type Paper } from './handout/layout.js';

/** Options for a handout. */
export interface HandoutOptions {
  layout: HandoutLayout;
  paper: Paper;
  /** Date in the footer and the PDF's creation date (ISO `YYYY-MM-DD`); defaults to the deck's date. */
  date?: string;
  /** Give up on the handout after this long. @defaultValue 60000 */
  timeoutMs?: number;
}

/** What the handout takes from the render stage: the slides as rendered, and the deck's style sheets. */
export type HandoutDeck = Pick<RenderedDeck, 'slides' | 'stylesheets'>;

/**
 * Prints a handout of a built deck: the deck's own slide markup and styles, each slide scaled
 * into a box on portrait pages, with ruled lines (`3up`, `6up`, `2up`) or the speaker notes
 * and lines for the reader's own (`notes`, fitted by fit.ts before printing), a header with the title and a footer with the date and "page X of Y". One `page.pdf()` call;
 * vector text in the deck's fonts. The PDF comes back finished: metadata, and bookmarks per
 * section pointing at the handout page that shows the section's slide.
 *
 * Writes a temporary folder inside `deckDir` (so the page loads nothing from outside the deck)
 * and removes it before returning.
 */
export async function exportHandoutPdf(session: BrowserSession, deckDir: string, plan: DeckPlan, deck: HandoutDeck, options: HandoutOptions): Promise<Uint8Array> {
  const slides = deck.slides.map(deckSlide);
  if (slides.length !== plan.slides.length) {
    throw new LecternError('CONTENT', `the rendered deck has ${slides.length} slides but its plan has ${plan.slides.length}; render the plan again`, { file: plan.file });
  }
  const date = options.date ?? plan.date;
  // pdf-lib loads while Chromium works, off the critical path.
  const finishing = import('./handout/finish.js');
  const tmp = mkdtempSync(join(deckDir, '.handout-'));
  try {
    // The deck's fonts and the handout's own go inline (see inline-fonts.ts).
    const sheets = deck.stylesheets;
    const shipped = deckFontsCss(deckDir);
    const fontCss =
      shipped === undefined ? '' : [sheets.includes('fonts/fonts.css') ? inlineFontsCss(shipped, join(deckDir, 'fonts'), 'fonts/') : '', extraFonts(shipped, handoutText(plan, date, options.layout))].join('\n');
    const html = handoutHtml({
      plan,
      slides,
      stylesheets: fontCss.trim() ? sheets.filter((h) => h !== 'fonts/fonts.css') : sheets,
      css: readFileSync(join(builtInTemplatesDir, 'handout', 'handout.css'), 'utf8'),
      fontCss,
      base: '../',
      layout: options.layout,
      paper: options.paper,
      date,
    });
    const file = join(tmp, 'handout.html');
    writeFileSync(file, html);
    const timeoutMs = options.timeoutMs ?? 60_000;
    const raw = await session.withPage(
      async (page) => {
        // Laid out (and fitted) for print from the start: page.pdf() then restyles less.
        await page.emulateMediaType('print');
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await page.evaluate(async (text: string) => {
          // Paper is white: a deck on a dark background prints in the light palette (handout.css).
          const c = (getComputedStyle(document.querySelector('.hb-box') ?? document.body).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
          if (c.length >= 3 && (c[3] ?? 1) > 0 && 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] < 128) document.body.classList.add('hb-light');
          // Header and footer words are laid out only when printing: load their glyphs first.
          await Promise.all([document.fonts.load(`400 12px 'Noto Sans SC'`, text), document.fonts.load(`700 12px 'Noto Sans SC'`, text), document.fonts.load(`400 12px 'Noto Emoji'`, text)]);
          await document.fonts.ready;
        }, handoutText(plan, date));
        if (options.layout === 'notes') {
          const g = geometry('notes', options.paper);
          await page.evaluate(fitNotes, { height: g.height, rule: g.rule, minSlideWidth: g.minSlideWidth, slideW: 1280, slideH: 720 });
        }
        return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false, outline: false, timeout: timeoutMs });
      },
      {
        confineTo: deckDir,
        deadlineMs: timeoutMs,
        reuse: true,
        timeoutError: () => new LecternError('BROWSER', `${plan.file}: the handout was not printed within ${Math.round(timeoutMs / 1000)} s; check --css, or give it longer with --timeout SECONDS (now ${Math.round(timeoutMs / 1000)})`, { file: plan.file }),
      },
    );
    const { finishHandout } = await finishing;
    return await finishHandout(raw, plan, date, slidesPerPage[options.layout]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The deck's fonts.css as written (src/render/fonts.ts), or undefined when it has none. */
function deckFontsCss(deckDir: string): string | undefined {
  try {
    return readFileSync(join(deckDir, 'fonts', 'fonts.css'), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The font subsets the handout's own words need that the deck does not ship (`shipped`, its
 * fonts.css; for example the characters of "第 3 页，共 8 页" in a Chinese deck, or the notes'
 * ⏱ and other emoji, which the deck's slides may not use), inlined.
 */
function extraFonts(shipped: string, text: string): string {
  const have = new Set([...shipped.matchAll(/url\(\.\/([^)]+)\)/g)].map((m) => m[1]));
  const points = new Set<number>();
  for (const ch of text) points.add(ch.codePointAt(0)!);
  const extra = [...facesFor(points), ...facesFor(points, 'emoji')].filter((f) => !have.has(basename(f.file)));
  return fontsCss(extra, (f) => `data:font/woff2;base64,${readFileSync(f.file).toString('base64')}`);
}
