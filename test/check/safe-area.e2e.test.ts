import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeck, type CheckReport } from '../../src/check/index.js';
import { browserSession } from '../../src/browser/launch.js';
import { fixtureDeck, type FixtureDeck } from './fixture.js';

/*
 * `lectern check` measures a slide's content against the frame's content box, the slide inside
 * its margins (base.css `.lt-frame` padding 64px 88px 56px; 96px at the bottom of a question or
 * a quote, whose section footer sits there). Content that runs into the bottom margin is
 * reported though the slide still draws it; it was not while check measured against the whole
 * slide, so up to 56px of text ran into the margin (96px into a footer) unreported.
 *
 * On a content or points slide the heading takes 64 + 75 + 28px: the body starts at y = 167 and
 * has 497px down to the content box's bottom at 664.
 */

const session = browserSession({ env: process.env, timeoutMs: 60_000 });
const decks: FixtureDeck[] = [];
afterAll(async () => {
  await session.close();
  for (const d of decks) rmSync(d.dir, { recursive: true, force: true });
});

/** Short points of one line each: 48px (32px × 1.5) with 22px between. */
const points = (n: number) => Array.from({ length: n }, (_, i) => `Short point ${i + 1}`);

/** A grey box exactly `height` px high, in place of a one-word paragraph. */
const box = (word: string, height: number) => (html: string) => html.replace(`<p>${word}</p>`, `<div style="height:${height}px;background:#777"></div>`);

const slides = [
  // 7 points end at 167 + 7 × 48 + 6 × 22 = 635: inside. 8 end at 705: in the bottom margin.
  { template: 'points', title: 'Seven points', points: points(7) },
  { template: 'points', title: 'Eight points', points: points(8) },
  // Boxes ending 2px above the content box's bottom, and 30px below it (still 26px above the slide's edge).
  { template: 'content', title: 'A box that fits', body: 'FITS' },
  { template: 'content', title: 'A box in the margin', body: 'MARGIN' },
  // A question and a quote with their section footer in the bottom margin: the footer is not content.
  { template: 'question', section: 'Questions from the floor', question: { text: 'Which part is the margin?', by: 'A listener' } },
  { template: 'quote', section: 'Quotes', quote: { text: 'Margins are for the footer.', by: 'A designer' } },
  // A question whose ask is 640px: centred in the 560px between the paddings, it ends 40px into the footer's margin.
  { template: 'question', section: 'Questions from the floor', question: { text: 'TALLASK', by: '' } },
];

const tallAsk = (html: string) => html.replace(/<p class="lt-phrased">TALLASK<\/p>/, '<div style="height:581px;background:#777"></div>');

describe('lectern check: the slide inside its margins (real Chromium)', () => {
  const reports: Record<string, CheckReport> = {};
  beforeAll(async () => {
    for (const theme of ['light', 'dark', 'contrast']) {
      const deck = fixtureDeck(slides, { theme, patch: (html) => tallAsk(box('MARGIN', 527)(box('FITS', 495)(html))) });
      decks.push(deck);
      reports[theme] = await checkDeck(session, deck.indexHtml, deck.plan, { a11y: false });
    }
  });

  const overflow = (theme: string, index: number) => reports[theme]!.slides[index]!.problems.filter((p) => p.kind === 'overflow');

  for (const theme of ['light', 'dark', 'contrast']) {
    it(`${theme}: reports text that ends in the bottom margin, not text that ends just above it`, () => {
      expect(overflow(theme, 0)).toEqual([]);
      const [o] = overflow(theme, 1);
      // The last line box ends at 705, 41px below 664; its glyphs a few px less.
      expect(o).toMatchObject({ severity: 'error', dx: 0 });
      expect(o!.dy).toBeGreaterThanOrEqual(30);
      expect(o!.dy).toBeLessThanOrEqual(41);
      expect(o!.message).toMatch(/^\d+px below the bottom edge \(li "Short point 8"\)$/);
    });

    it(`${theme}: a box 2px above the content box's bottom passes, one 30px below it is reported`, () => {
      expect(overflow(theme, 2)).toEqual([]);
      expect(overflow(theme, 3)).toEqual([{ kind: 'overflow', severity: 'error', message: '30px below the bottom edge (div)', dx: 0, dy: 30 }]);
    });

    it(`${theme}: a question's or quote's footer is chrome, content reaching into its margin is not`, () => {
      expect(overflow(theme, 4)).toEqual([]);
      expect(overflow(theme, 5)).toEqual([]);
      // Kicker 39 + 20px, the ask 581px: 640px centred in 560 ends 40px below 624.
      expect(overflow(theme, 6)).toMatchObject([{ severity: 'error', dx: 0, dy: 40 }]);
    });
  }
});
