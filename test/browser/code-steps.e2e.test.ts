import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { lecternHere, pdfPages, root, sharedBrowser } from '../helpers/cli.js';
import { fileDir } from '../helpers/temp.js';

// Stepped line highlights in authored decks (issue #16): Slidev's ```ts {1-3|5-8|all}```,
// reveal-md's ```go [1-2|4-6|]``` and Quarto's ```{.python code-line-numbers="|1-2|4"}```. The first step is lit on entering the slide, each further
// step is a fragment; the slides PDF shows the last step, and --fragments a page per step.
const fixtures = join(root, 'test', 'fixtures', 'code-steps');
const out = fileDir('lectern-code-steps-');
/** One browser for the file: both builds (the CLI in this process) print in it, and the decks are stepped through in it. */
const session = sharedBrowser();
let build: Awaited<ReturnType<typeof lecternHere>>;
let stepped: Awaited<ReturnType<typeof lecternHere>>;
beforeAll(async () => {
  build = await lecternHere(['build', relative(root, fixtures), '--pdf', '--offline', '-o', join(out, 'deck'), '-q'], root, undefined, session);
  stepped = await lecternHere(['build', relative(root, fixtures), '--pdf', '--fragments', '--offline', '-o', join(out, 'steps'), '-q'], root, undefined, session);
});

/** What the code block on the current slide shows: the numbers of the lit lines (the theme's highlight background), the gutter's numbers, and whether tokens are coloured. */
function seen(page: Page) {
  return page.evaluate(() => {
    const pre = (window as any).Reveal.getCurrentSlide().querySelector('pre.lt-code') as HTMLElement;
    const lines = [...pre.querySelectorAll<HTMLElement>('.lt-line')];
    return {
      lit: lines.filter((l) => getComputedStyle(l).backgroundImage !== 'none').map((l) => Number(l.dataset.line)),
      gutter: lines.map((l) => getComputedStyle(l, '::before').content.replace(/"/g, '')),
      tokens: pre.querySelectorAll('[class^="hljs-"]').length,
    };
  });
}

/** Reveal.next() on a fragment, resolved by its fragmentshown event. */
function nextStep(page: Page) {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const R = (window as any).Reveal;
        const shown = () => {
          R.off('fragmentshown', shown);
          resolve();
        };
        R.on('fragmentshown', shown);
        R.next();
      }),
  );
}

async function openSlide(page: Page, deck: string, h: number) {
  await page.goto(pathToFileURL(join(out, 'deck', deck, 'index.html')).href, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as any).Reveal?.isReady());
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const R = (window as any).Reveal;
        const changed = () => {
          R.off('slidechanged', changed);
          resolve();
        };
        R.on('slidechanged', changed);
        R.slide(n, 0, -1);
      }),
    h,
  );
}

/** What is lit on entering a slide and after each of `clicks` steps; `extra` reads the page at the end. */
function stepThrough<T = undefined>(deck: string, slide: number, clicks: number, extra?: (page: Page) => Promise<T>) {
  return session.withPage(async (page) => {
    await openSlide(page, deck, slide);
    const steps = [await seen(page)];
    for (let i = 0; i < clicks; i++) {
      await nextStep(page);
      steps.push(await seen(page));
    }
    return { steps, extra: extra ? await extra(page) : undefined };
  });
}

describe('stepped code highlights in Chromium', () => {
  it('builds both decks and both PDFs', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(stepped.stderr).toBe('');
    expect(stepped.code).toBe(0);
  });

  it("Slidev {1-3|5-8|all}: the first step lit on entering, each Reveal.next() lights the next, until no step is left", async () => {
    const { steps, extra: fragmentsLeft } = await stepThrough('slidev', 1, 2, (page) => page.evaluate(() => (window as any).Reveal.availableFragments().next as boolean));
    expect(steps.map((s) => s.lit)).toEqual([[1, 2, 3], [5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    for (const s of steps) expect(s.tokens).toBeGreaterThan(5);
    expect(fragmentsLeft).toBe(false);
  });

  it('Slidev {2,4-5}: a static highlight, no step', async () => {
    const s = await session.withPage(async (page) => {
      await openSlide(page, 'slidev', 2);
      return { ...(await seen(page)), fragments: await page.evaluate(() => (window as any).Reveal.getCurrentSlide().querySelectorAll('.fragment').length as number) };
    });
    expect(s.lit).toEqual([2, 4, 5]);
    expect(s.fragments).toBe(0);
  });

  it('reveal-md [1-2|4-6|]: numbered lines, lit step by step, the last step (empty) lights nothing', async () => {
    const { steps } = await stepThrough('reveal-md', 1, 2);
    expect(steps.map((s) => s.lit)).toEqual([[1, 2], [4, 5, 6], []]);
    expect(steps[0]!.gutter).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(steps[0]!.tokens).toBeGreaterThan(3);
  });

  it('Quarto code-line-numbers="|1-2|4": nothing lit first, then each step, lines numbered', async () => {
    const { steps } = await stepThrough('quarto', 1, 2);
    expect(steps.map((s) => s.lit)).toEqual([[], [1, 2], [4]]);
    expect(steps[0]!.gutter).toEqual(['1', '2', '3', '4']);
    expect(steps[0]!.tokens).toBeGreaterThan(2);
  });

  it('slides.pdf has a page per slide (the last step shown); with --fragments a page per step', () => {
    // Each deck: three slides, one listing of three steps (two fragments).
    for (const deck of ['slidev', 'reveal-md', 'quarto']) {
      expect(pdfPages(join(out, 'deck', deck, 'slides.pdf')), deck).toBe(3);
      expect(pdfPages(join(out, 'steps', deck, 'slides.pdf')), deck).toBe(5);
    }
  });
});
