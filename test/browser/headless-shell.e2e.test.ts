import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHeadlessShell, systemBrowsers } from '../../src/browser/find.js';
import { lecternHere, pdfPages, poppler, root } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';

/**
 * Lectern prefers Debian's chromium-headless-shell to its full chromium (src/browser/find.ts):
 * it costs about a quarter less CPU per export. That is only a gain if the slides come out the
 * same, so a Chinese deck is printed with each and the two PDFs compared byte for byte.
 */
const installed = (shell: boolean) => systemBrowsers.find((p) => isHeadlessShell(p) === shell && existsSync(p));
const shell = installed(true);
const full = installed(false);

describe('the headless shell and the full browser', () => {
  it('print the same slides.pdf, byte for byte, Chinese glyphs included', async (ctx) => {
    if (!shell || !full) return ctx.skip(`needs both a headless shell and a full Chromium among the system browsers (found: ${shell ?? 'no shell'}, ${full ?? 'no full browser'})`);
    const out = testDir('lectern-shell-');
    const pdfs: Buffer[] = [];
    for (const [name, browser] of [['shell', shell], ['full', full]] as const) {
      const r = await lecternHere(['build', join('content', 'zh-interview.md'), '--pdf', '--browser-path', browser, '-o', join(out, name), '-q'], root);
      expect(r.code, r.stderr).toBe(0);
      pdfs.push(readFileSync(join(out, name, 'zh-interview', 'slides.pdf')));
    }
    const file = join(out, 'shell', 'zh-interview', 'slides.pdf');
    expect(pdfPages(file)).toBeGreaterThan(10);
    expect(poppler('pdffonts', [file])).toMatch(/Noto\S*CJK|NotoSansSC|NotoSerifSC/i);
    expect(pdfs[0]!.equals(pdfs[1]!)).toBe(true);
  });
});
