import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { filesCoverage, inRanges } from '../../src/check/coverage.js';
import { loadedFontFiles } from '../../src/check/tofu.js';
import { root } from '../helpers/cli.js';

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

describe('filesCoverage: what font files have, from one fc-query', () => {
  const hasFcQuery = spawnSync('fc-query', ['--version']).status === 0;
  const dir = mkdtempSync(join(tmpdir(), 'lectern-coverage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const font = join(root, 'node_modules', '@fontsource', 'source-sans-3', 'files', 'source-sans-3-latin-400-normal.woff2');

  it.skipIf(!hasFcQuery)('reads every file at once, the same file under two paths alike, an unreadable one as null', () => {
    const copy = join(dir, 'copy.woff2');
    const junk = join(dir, 'junk.woff2');
    copyFileSync(font, copy);
    writeFileSync(junk, 'not a font');
    const missing = join(dir, 'missing.woff2');
    const cov = filesCoverage([font, copy, junk, missing]);
    expect([...cov.keys()].sort()).toEqual([font, copy, junk, missing].sort());
    const latin = cov.get(font)!;
    expect(inRanges(latin, 'A'.codePointAt(0)!)).toBe(true);
    expect(inRanges(latin, 0x4e00)).toBe(false);
    expect(cov.get(copy)).toEqual(latin);
    expect(cov.get(junk)).toBeNull();
    expect(cov.get(missing)).toBeNull();
  });
});
