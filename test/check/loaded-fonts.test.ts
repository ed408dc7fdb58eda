import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadedFontFiles } from '../../src/check/tofu.js';

describe('loadedFontFiles: the deck font files behind the faces a page loaded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-loaded-fonts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const css = join(dir, 'fonts.css');
  writeFileSync(
    css,
    [
      "@font-face{font-family:'Noto Sans SC';font-weight:400;src:url(./sc-1.woff2) format('woff2');unicode-range:U+4e00-4e10,U+20;}",
      "@font-face{font-family:'Noto Emoji';font-weight:400;src:url(./emoji-5.woff2) format('woff2');unicode-range:U+1f6a7,U+fe0f;}",
      "@font-face{font-family:'Noto Emoji';font-weight:400;src:url(./emoji-9.woff2) format('woff2');unicode-range:U+1f44e;}",
      '@font-face { font-family: KaTeX_Main; src: url("katex/KaTeX_Main-Regular.woff2") format("woff2"); }',
      "@font-face{font-family:'Inline';src:url(data:font/woff2;base64,AAAA) format('woff2');}",
    ].join('\n'),
  );
  const sheet = pathToFileURL(css).href;

  // Keys as the page writes them from document.fonts: family|unicode-range, lower case, no white space.
  const key = (family: string, range: string) => `${family}|${range}`.toLowerCase().replace(/\s+/g, '');

  it('matches faces by family and range as document.fonts reports them (upper case, spaces)', () => {
    const loaded = new Set([key('Noto Sans SC', 'U+4E00-4E10, U+20'), key('Noto Emoji', 'U+1F6A7, U+FE0F'), key('KaTeX_Main', 'U+0-10FFFF')]);
    expect(loadedFontFiles([sheet], loaded)).toEqual([pathToFileURL(join(dir, 'sc-1.woff2')).href, pathToFileURL(join(dir, 'emoji-5.woff2')).href, pathToFileURL(join(dir, 'katex', 'KaTeX_Main-Regular.woff2')).href]);
  });

  it('skips faces not loaded, data: URLs, remote and unreadable style sheets', () => {
    expect(loadedFontFiles([sheet], new Set([key('Inline', 'U+0-10FFFF')]))).toEqual([]);
    expect(loadedFontFiles(['https://example.com/x.css', pathToFileURL(join(dir, 'missing.css')).href], new Set([key('Noto Emoji', 'U+1F44E')]))).toEqual([]);
  });
});
