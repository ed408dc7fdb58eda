import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeckPlan } from '../../src/model/plan.js';
import { lecternHere, pdfPages, poppler, root, sharedBrowser } from '../helpers/cli.js';

const out = mkdtempSync(join(tmpdir(), 'lectern-e2e-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
/** One browser for the file: the build (the CLI in this process) prints in it, and the tests open the decks in it. */
const session = sharedBrowser();

const samples = readdirSync(join(root, 'content')).filter((f) => /\.(md|txt)$/.test(f) && !/^readme/i.test(f));

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((n, f) => {
    const p = join(dir, f);
    return n + (statSync(p).isDirectory() ? dirSize(p) : statSync(p).size);
  }, 0);
}

describe('lectern build --pdf on the samples, checked in Chromium', () => {
  let build: Awaited<ReturnType<typeof lecternHere>>;
  const plans = new Map<string, DeckPlan>();
  beforeAll(async () => {
    build = await lecternHere(['build', 'content', '--pdf', '-o', out, '-q'], root, undefined, session);
    for (const sample of samples) plans.set(sample, JSON.parse((await lecternHere(['plan', join('content', sample), '--json', '-q'], root)).stdout) as DeckPlan);
  });

  it('builds every sample', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(samples.length).toBeGreaterThanOrEqual(2);
  });

  for (const sample of samples) {
    const name = sample.replace(/\.(md|txt)$/, '');
    const deck = join(out, name);
    it(`${sample}: reveal.js shows exactly the planned slides, each with its notes`, async () => {
      const plan = plans.get(sample)!;
      const result = await session.withPage(async (page) => {
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(pathToFileURL(join(deck, 'index.html')).href, { waitUntil: 'load' });
        await page.waitForFunction(() => (window as any).Reveal?.isReady());
        const data = await page.evaluate(() => {
          const R = (window as any).Reveal;
          return { total: R.getTotalSlides() as number, notes: (R.getSlides() as Element[]).map((s) => (R.getSlideNotes(s) as string | null) ?? '') };
        });
        return { ...data, requests };
      });
      expect(result.total).toBe(plan.slides.length);
      plan.slides.forEach((s, i) => {
        const firstLine = s.notes.split('\n')[0].slice(0, 20);
        expect(result.notes[i]).toContain(firstLine.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      });
      // Offline: every request the deck made was for a file inside its own folder.
      for (const url of result.requests) expect(url.startsWith(pathToFileURL(deck).href)).toBe(true);
    });

    it(`${sample}: slides.pdf has one page per slide and the title as text`, () => {
      const plan = plans.get(sample)!;
      const pdf = join(deck, 'slides.pdf');
      expect(existsSync(pdf)).toBe(true);
      expect(pdfPages(pdf)).toBe(plan.slides.length);
      const text = poppler('pdftotext', [pdf, '-']).replace(/\s+/g, '');
      expect(text).toContain(plan.title.replace(/\s+/g, ''));
    });

    it(`${sample}: embeds the bundled fonts as CID TrueType, never Type 3`, () => {
      const plan = plans.get(sample)!;
      const fonts = poppler('pdffonts', [join(deck, 'slides.pdf')]);
      expect(fonts).toMatch(/NotoSansSC\S*\s+CID TrueType/);
      expect(fonts).not.toMatch(/Type 3/);
      // The deck folder stays small: reveal.js plus the font subsets the text uses.
      expect(dirSize(deck)).toBeLessThan(plan.lang === 'zh' ? 12_000_000 : 3_000_000);
    });
  }
});
