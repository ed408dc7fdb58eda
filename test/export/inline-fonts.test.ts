import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FONTS_LINK, inlineDeckFonts, inlineFontsCss } from '../../src/export/inline-fonts.js';
import { fileDir } from '../helpers/temp.js';

const deck = fileDir('lectern-inline-');
mkdirSync(join(deck, 'fonts'));
writeFileSync(join(deck, 'fonts', 'a-400.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32, 1, 2, 3]));
const css = "@font-face{font-family:'A';src:url(./a-400.woff2) format('woff2');}\n@font-face{font-family:'B';src:url(./gone.woff2) format('woff2');}";
writeFileSync(join(deck, 'fonts', 'fonts.css'), css);

describe('inlineFontsCss', () => {
  it('inlines each font file as a data: URL and points a missing one at its file from the page', () => {
    const out = inlineFontsCss(css, join(deck, 'fonts'), 'fonts/');
    expect(out).toContain(`url(data:font/woff2;base64,${Buffer.from([0x77, 0x4f, 0x46, 0x32, 1, 2, 3]).toString('base64')})`);
    expect(out).toContain('url(fonts/gone.woff2)');
  });

  it('reads only plain file names in the fonts folder', () => {
    writeFileSync(join(deck, 'secret.woff2'), 'not for the page');
    const out = inlineFontsCss("src:url(./../secret.woff2); src:url(../secret.woff2); src:url(/etc/passwd)", join(deck, 'fonts'), 'fonts/');
    expect(out).not.toContain('data:');
    expect(out).toBe("src:url(./../secret.woff2); src:url(../secret.woff2); src:url(/etc/passwd)");
  });
});

describe('inlineDeckFonts', () => {
  it('replaces the fonts stylesheet link with the stylesheet, fonts inlined, and leaves other pages alone', () => {
    const page = `<head>\n<link rel="stylesheet" href="lib/reveal.css">\n${FONTS_LINK}\n</head>`;
    const out = inlineDeckFonts(page, deck);
    expect(out).not.toContain(FONTS_LINK);
    expect(out).toContain('<link rel="stylesheet" href="lib/reveal.css">');
    expect(out).toMatch(/<style>\n@font-face\{font-family:'A';src:url\(data:font\/woff2;base64,/);
    expect(inlineDeckFonts('<head></head>', deck)).toBe('<head></head>');
    expect(inlineDeckFonts(page, join(deck, 'nowhere'))).toBe(page);
  });
});
