import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A deck's `fonts/fonts.css` (as src/render/fonts.ts writes it: `url(./<file>.woff2)`) with
 * every font file inlined as a `data:` URL, for a page that goes to print. Chromium reads local
 * files in its browser process, each request a round of messages with the page and with
 * Puppeteer: for a Chinese deck's ~50 font subsets that cost more than the rest of the page's
 * loading (20 decks of 20 slides: the browser process's CPU fell by a fifth, the run by a
 * tenth). Only plain file names in `fontsDir` are read; a file that cannot be read keeps a URL,
 * relative to the page by `prefix`.
 */
export function inlineFontsCss(css: string, fontsDir: string, prefix: string): string {
  return css.replace(/url\(\.\/([A-Za-z0-9._-]+\.woff2)\)/g, (_m, name: string) => {
    try {
      return `url(data:font/woff2;base64,${readFileSync(join(fontsDir, name)).toString('base64')})`;
    } catch {
      return `url(${prefix}${name})`;
    }
  });
}

/** The `<link>` of the fonts stylesheet in a page at the deck's root (templates/partials/head.hbs). */
export const FONTS_LINK = '<link rel="stylesheet" href="fonts/fonts.css">';

/**
 * `html` (a page at the deck folder `dir`'s root) with its fonts stylesheet link replaced by the
 * stylesheet itself, fonts inlined; unchanged when it has no such link or the deck no fonts.css.
 */
export function inlineDeckFonts(html: string, dir: string): string {
  if (!html.includes(FONTS_LINK)) return html;
  let css: string;
  try {
    css = readFileSync(join(dir, 'fonts', 'fonts.css'), 'utf8');
  } catch {
    return html;
  }
  return html.replace(FONTS_LINK, () => `<style>\n${inlineFontsCss(css, join(dir, 'fonts'), 'fonts/')}\n</style>`);
}
