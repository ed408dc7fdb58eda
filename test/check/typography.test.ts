import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openForCheck } from '../../src/check/open.js';
import { browserSession } from '../../src/browser/launch.js';
import { bundledFonts } from '../../src/render/fonts.js';
import { lecternHere, root } from '../helpers/cli.js';

/*
 * The themes' typography in Chromium: every text element on every slide asks for a weight
 * the deck ships (no synthesised bold), Chinese decks never slant or fake type, and keep the
 * CJK line-breaking rules; shadows and filters appear nowhere (they rasterise in the PDF).
 */

const session = browserSession({ env: process.env, timeoutMs: 60_000 });
/** The CLI in this process: the builds here write HTML only, and a process each cost more than the build. */
const lectern = (args: string[]) => lecternHere(args, root);
const dir = mkdtempSync(join(tmpdir(), 'lectern-type-'));
afterAll(async () => {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

interface TextStyleSeen {
  where: string;
  family: string;
  weight: string;
  style: string;
  synthesis: string;
  lineBreak: string;
  lineHeight: number;
  shadow: boolean;
}

// Computed style of every element with text of its own inside a slide frame.
const stylesSource = String.raw`[...document.querySelectorAll('section[data-slide] .lt-frame *')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim())).map((el) => {
  const cs = getComputedStyle(el);
  const size = parseFloat(cs.fontSize);
  const list = el.closest('ul, ol');
  return { where: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + (list && list.className ? ' in ' + list.className : '') + ' "' + el.textContent.trim().slice(0, 20) + '"', family: cs.fontFamily, weight: cs.fontWeight, style: cs.fontStyle,
    synthesis: cs.fontSynthesisWeight + ' ' + cs.fontSynthesisStyle, lineBreak: cs.lineBreak, lineHeight: cs.lineHeight === 'normal' ? 0 : parseFloat(cs.lineHeight) / size,
    shadow: cs.textShadow !== 'none' || cs.boxShadow !== 'none' || cs.filter !== 'none' };
})`;

const weights = new Set<string>(bundledFonts.flatMap((f) => f.weights.map(String)));

/*
 * One theme: light, dark and contrast set colours only (test/render/templates.test.ts), and every
 * size, weight, family, line break and shadow is base.css's, so a slide's computed type is the
 * same in each. The three decks and the punctuation samples are built by one command.
 */
const inputs = [join(root, 'test', 'fixtures', 'check', 'zh-type.md'), join(root, 'content', 'zh-interview.md'), join(root, 'content', 'en-talk.md')];
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const curlyEn = write('curly-en.md', '# It’s “curly”\n\n## We didn’t plan it\n\nThe class’s “best” moment came late, and nobody minded.\n');
const curlyZh = write('curly-zh.md', '# 他说“慢慢来”\n\n## 第一部分\n\n他说“慢慢来”，我们就慢慢来了。\n');
const out = join(dir, 'light');
beforeAll(async () => {
  const r = await lectern(['build', ...inputs, curlyEn, curlyZh, '--theme', 'light', '-o', out, '-q']);
  expect(r.code, r.stderr).toBe(0);
});

describe('typography: light (the themes differ only in colour)', () => {
  it('uses only bundled weights, no synthesis or italics in Chinese, strict line breaks, no shadows', async () => {
    await session.withPage(async (page) => {
      for (const deck of ['zh-type', 'zh-interview', 'en-talk']) {
        await openForCheck(page, join(out, deck, 'index.html'));
        const seen = (await page.evaluate(stylesSource)) as TextStyleSeen[];
        expect(seen.length).toBeGreaterThan(20);
        const zh = deck !== 'en-talk';
        for (const s of seen) {
          const label = `${deck} ${s.where}`;
          if (/Noto Sans SC/.test(s.family)) expect(weights, `${label}: font-weight ${s.weight}`).toContain(s.weight);
          expect(s.shadow, label).toBe(false);
          if (zh) {
            expect(s.style, label).toBe('normal');
            expect(s.synthesis, label).toBe('none none');
            expect(s.lineBreak, label).toBe('strict');
          }
        }
        // Running text (points, body paragraphs and lists; not pills, footers or labels): Chinese 1.5–1.7, English about 1.5.
        const body = seen.filter((s) => /^(li|p)[ .]/.test(s.where) && !/lt-(footer|kicker|byline|cite|recap)/.test(s.where) && s.lineHeight > 0);
        expect(body.length).toBeGreaterThan(5);
        for (const s of body) {
          const [lo, hi] = zh ? [1.45, 1.7] : [1.3, 1.55];
          expect(s.lineHeight, `${deck} ${s.where}`).toBeGreaterThanOrEqual(lo);
          expect(s.lineHeight, `${deck} ${s.where}`).toBeLessThanOrEqual(hi);
        }
      }
    });
  });
});

describe('typography: English punctuation', () => {
  it('sets curly quotes and the apostrophe proportionally in English decks, full-width in Chinese ones', async () => {
    // Width of one character between two letters, relative to the font size, in a heading.
    const emOf = (page: Page, ch: string, letter: string) =>
      page.evaluate(
        (c, x) => {
          const h = document.querySelector('section[data-slide] h2, section[data-slide] h1')!;
          const width = (text: string) => {
            const span = document.createElement('span');
            span.textContent = text;
            h.append(span);
            const w = span.getBoundingClientRect().width;
            span.remove();
            return w;
          };
          return (width(x + c + x) - width(x + x)) / parseFloat(getComputedStyle(h).fontSize);
        },
        ch,
        letter,
      );
    const [apostrophe, quote, fullWidth] = await session.withPage(async (page) => {
      await openForCheck(page, join(out, 'curly-en', 'index.html'));
      const en = [await emOf(page, '’', 'n'), await emOf(page, '“', 'n')];
      await openForCheck(page, join(out, 'curly-zh', 'index.html'));
      return [...en, await emOf(page, '“', '我')];
    });
    expect(apostrophe).toBeLessThan(0.4);
    expect(quote).toBeLessThan(0.6);
    expect(fullWidth).toBeGreaterThan(0.9);
  });
});
