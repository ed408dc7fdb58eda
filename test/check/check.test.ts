import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDeck, formatReport, type CheckReport, type SlideCheck } from '../../src/check/index.js';
import { inRanges, systemFonts } from '../../src/check/coverage.js';
import { browserSession } from '../../src/browser/launch.js';
import { fixtureDeck, svgImage, type FixtureDeck } from './fixture.js';

const session = browserSession({ env: process.env, timeoutMs: 60_000 });
const decks: FixtureDeck[] = [];
afterAll(async () => {
  await session.close();
  for (const d of decks) rmSync(d.dir, { recursive: true, force: true });
});

const longList = Array.from({ length: 16 }, (_, i) => `Point number ${i + 1} of a list that is far too long for one slide`);
const oldHungarian = '\u{10C80}\u{10C81}\u{10C82}\u{10C83}';

/** True when fontconfig is there and no installed font has any of these code points (the tofu tests need that). */
function uncovered(...cps: number[]): boolean {
  const sys = systemFonts();
  return sys !== null && cps.every((cp) => !inRanges(sys.all, cp));
}

function problems(report: CheckReport, index: number, kind?: string): SlideCheck['problems'] {
  const slide = report.slides.find((s) => s.index === index)!;
  return slide.problems.filter((p) => !kind || p.kind === kind);
}

describe('checkDeck on a fixture deck (real Chromium)', () => {
  let deck: FixtureDeck;
  let report: CheckReport;
  beforeAll(async () => {
    deck = fixtureDeck(
      [
        { template: 'title', title: 'Checking a deck', subtitle: 'Fixtures for lectern check' },
        { template: 'points', title: 'Too many points', points: longList },
        { template: 'points', title: 'Three points', points: ['One short point', 'Another short point', 'A third one'] },
        { template: 'content', title: 'An old script', body: `Old Hungarian: ${oldHungarian} in the middle of a line.` },
        { template: 'content', title: 'A missing picture', body: '![A chart](missing-chart.png)' },
        { template: 'content', title: 'A picture without alt', body: '![](ok.svg)' },
        { template: 'content', title: 'A long unbroken word', body: `https://example.com/${'a'.repeat(150)}` },
        { template: 'content', title: 'Too wide', body: 'WIDE' },
        { template: 'content', title: 'A scroll box', body: 'CUT' },
      ],
      {
        files: { 'ok.svg': svgImage },
        // A box 400px wider than the frame's content: markup Markdown cannot produce.
        patch: (html) => html.replace('<img src="ok.svg" alt="">', '<img src="ok.svg">').replace('<p>WIDE</p>', '<p style="width:1504px;background:#eee">Wide</p>')
            // A box that scrolls what does not fit (as KaTeX's display box does): inside the frame, but cut.
            .replace('<p>CUT</p>', '<div style="overflow-x:auto;width:600px"><p style="width:1000px;margin:0">Cut</p></div>'),
      },
    );
    decks.push(deck);
    report = await checkDeck(session, deck.indexHtml, deck.plan);
  });

  it('reports one entry per planned slide with template, title and source line', () => {
    expect(report.slides.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(report.slides[1]).toMatchObject({ template: 'points', title: 'Too many points', line: 11 });
  });

  it('reports the overflowing list below the bottom edge, in slide pixels', () => {
    const [o] = problems(report, 1, 'overflow');
    expect(o).toMatchObject({ severity: 'error' });
    // 64px top padding + 103px heading + 16 items of 48px (32px × 1.5) with 22px between: 1265px,
    // 601px past the content box's bottom (720 − 56px bottom padding).
    expect(o.dy).toBeGreaterThanOrEqual(597);
    expect(o.dy).toBeLessThanOrEqual(605);
    expect(o.dx).toBe(0);
    expect(o.message).toMatch(/^\d+px below the bottom edge \(li "Point number 16/);
  });

  it('reports no overflow on a normal slide, nor on the title', () => {
    expect(problems(report, 0, 'overflow')).toEqual([]);
    expect(problems(report, 2, 'overflow')).toEqual([]);
  });

  it('wraps a long unbroken word instead of letting it run past the right edge', () => {
    // The themes break a word wider than the line anywhere (overflow-wrap: anywhere).
    expect(problems(report, 6, 'overflow')).toEqual([]);
  });

  it('reports content pushed past the right edge, in slide pixels', () => {
    // A 1504px box from x = 88 ends at 1592: 400px past the frame's content box (1280 − 88px right padding).
    const [o] = problems(report, 7, 'overflow');
    expect(o).toMatchObject({ severity: 'error', dx: 400, dy: 0 });
    expect(o.message).toBe('400px past the right edge (p "Wide")');
  });

  it('reports content a scroll box cuts off at its right edge: the PDF shows only what is in view', () => {
    // 1000px of content in a 600px box: 400px out of view, though nothing passes the frame's edge.
    const o = problems(report, 8, 'overflow');
    expect(o).toHaveLength(1);
    expect(o[0]).toMatchObject({ severity: 'error', dx: 400, dy: 0 });
    expect(o[0]!.message).toBe('400px cut off at the right edge of div "Cut"');
    // The other slides have no scroll box that cuts anything.
    for (const i of [0, 2, 3, 4, 5, 6]) expect(problems(report, i, 'overflow')).toEqual([]);
  });

  it.skipIf(!uncovered(0x10c80, 0x10c83))('reports tofu for a script no installed font covers', () => {
    const t = problems(report, 3, 'tofu').filter((p) => p.severity === 'error');
    expect(t).toHaveLength(1);
    expect(t[0].message).toContain('U+10C80');
    expect(t[0].message).toContain('U+10C83');
    for (const i of [0, 1, 2, 4, 5, 6, 7]) expect(problems(report, i, 'tofu')).toEqual([]);
  });

  it('reports the image that did not load, by src', () => {
    expect(problems(report, 4, 'image')).toEqual([{ kind: 'image', severity: 'error', message: 'image missing-chart.png did not load' }]);
    expect(problems(report, 5, 'image')).toEqual([]);
  });

  it('reports an axe-core image-alt violation on the slide with the image without alt', () => {
    const a = problems(report, 5, 'a11y');
    expect(a.map((p) => p.rule)).toContain('image-alt');
    expect(a.find((p) => p.rule === 'image-alt')!.severity).toBe('error');
    // The image with alt text on slide 4 is fine.
    expect(problems(report, 4, 'a11y').map((p) => p.rule)).not.toContain('image-alt');
  });

  it('counts errors and warnings and formats one line per problem', () => {
    const all = report.slides.flatMap((s) => s.problems);
    expect(report.errors).toBe(all.filter((p) => p.severity === 'error').length);
    expect(report.warnings).toBe(all.length - report.errors);
    expect(report.errors).toBeGreaterThanOrEqual(5);
    const text = formatReport(report, 'talk.md');
    expect(text).toMatch(/^slide 2 "Too many points" \(talk\.md:11\): overflow: \d+px below the bottom edge/m);
    expect(text).toMatch(/^slide 5 "A missing picture" \(talk\.md:41\): image: image missing-chart\.png did not load$/m);
    expect(text.split('\n')).toHaveLength(all.length + 1);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('checkDeck on a clean deck', () => {
  // One theme, the dark one (light is the other decks' here). The themes differ only in colour
  // (test/render/templates.test.ts); that each theme's colours pass axe on these templates and
  // every other the samples use is test/check/cli.test.ts's sweep of content/ in every theme.
  it('finds nothing on short slides', async () => {
    const theme = 'dark';
    const deck = fixtureDeck(
      [
        { template: 'title', title: 'A clean deck', subtitle: 'Nothing to fix here' },
        { template: 'points', title: 'Short points', points: ['One', 'Two', 'Three'] },
        { template: 'quote', title: undefined, quote: { text: 'Short quotes fit.', by: 'Someone' } },
      ],
      { theme },
    );
    decks.push(deck);
    const report = await checkDeck(session, deck.indexHtml, deck.plan);
    expect({ theme, problems: report.slides.flatMap((s) => s.problems) }).toEqual({ theme, problems: [] });
    expect(report.errors + report.warnings).toBe(0);
    expect(dirname(deck.indexHtml)).toContain('lectern-check-');
  });
});

describe('checkDeck: contrast, deck-level violations and font fallback', () => {
  let report: CheckReport;
  beforeAll(async () => {
    const deck = fixtureDeck(
      [
        { template: 'title', title: 'Accessibility', subtitle: 'and fonts' },
        { template: 'content', title: 'Pale text', body: 'Readable text.\n\nPALE' },
        { template: 'content', title: 'Scripts', body: 'Runic ᚠᚢᚦ\n\nEgyptian 𓀀𓀁\n\nGreek αβγ and Cyrillic мега' },
      ],
      { patch: (html) => html.replace('<p>PALE</p>', '<p style="color:#d8d8d8">Pale text on a pale slide</p>').replace('<html lang="en">', '<html>') },
    );
    decks.push(deck);
    report = await checkDeck(session, deck.indexHtml, deck.plan);
  });

  it('reports low contrast on the slide it is on, with the ratio', () => {
    const c = problems(report, 1, 'a11y').filter((p) => p.rule === 'color-contrast');
    expect(c).toHaveLength(1);
    expect(c[0].severity).toBe('error');
    expect(c[0].message).toMatch(/contrast of 1\.\d+.*#d8d8d8.*\(p "Pale text on a pale slide"\)/);
    expect(problems(report, 2, 'a11y')).toEqual([]);
  });

  it('puts a deck-level violation (no lang on <html>) on the first slide, marked deck', () => {
    const l = problems(report, 0, 'a11y').filter((p) => p.rule === 'html-has-lang');
    expect(l).toHaveLength(1);
    expect(l[0].message).toMatch(/^deck: html-has-lang: /);
  });

  it.skipIf(!uncovered(0x16a0, 0x13000))('names every uncovered character on a slide once, across elements', () => {
    const t = problems(report, 2, 'tofu').filter((p) => p.severity === 'error');
    expect(t).toHaveLength(1);
    for (const cp of ['U+16A0', 'U+16A2', 'U+16A6', 'U+13000', 'U+13001']) expect(t[0].message).toContain(cp);
    expect(t[0].message).toMatch(/in p "Runic ᚠᚢᚦ" and 1 more element$/);
    // Greek and Cyrillic are drawn by a font of the theme's stack: no tofu, no warning.
    expect(t[0].message).not.toMatch(/U\+03B1|U\+043C/);
  });
});

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

/** Short points of one line each: 48px (32px × 1.5) with 22px between. */
const shortPoints = (n: number) => Array.from({ length: n }, (_, i) => `Short point ${i + 1}`);

/** A grey box exactly `height` px high, in place of a one-word paragraph. */
const box = (word: string, height: number) => (html: string) => html.replace(`<p>${word}</p>`, `<div style="height:${height}px;background:#777"></div>`);

const marginSlides = [
  // 7 points end at 167 + 7 × 48 + 6 × 22 = 635: inside. 8 end at 705: in the bottom margin.
  { template: 'points', title: 'Seven points', points: shortPoints(7) },
  { template: 'points', title: 'Eight points', points: shortPoints(8) },
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

// One theme, light: the themes set colours only (test/render/templates.test.ts) and
// the frame's padding and every size are base.css's, so each measures the same here.
describe('lectern check: the slide inside its margins (real Chromium)', () => {
  const theme = 'light';
  let report: CheckReport;
  beforeAll(async () => {
    const deck = fixtureDeck(marginSlides, { theme, patch: (html) => tallAsk(box('MARGIN', 527)(box('FITS', 495)(html))) });
    decks.push(deck);
    report = await checkDeck(session, deck.indexHtml, deck.plan, { a11y: false });
  });

  const overflow = (index: number) => report.slides[index]!.problems.filter((p) => p.kind === 'overflow');

  it(`${theme}: reports text that ends in the bottom margin, not text that ends just above it`, () => {
    expect(overflow(0)).toEqual([]);
    const [o] = overflow(1);
    // The last line box ends at 705, 41px below 664; its glyphs a few px less.
    expect(o).toMatchObject({ severity: 'error', dx: 0 });
    expect(o!.dy).toBeGreaterThanOrEqual(30);
    expect(o!.dy).toBeLessThanOrEqual(41);
    expect(o!.message).toMatch(/^\d+px below the bottom edge \(li "Short point 8"\)$/);
  });

  it(`${theme}: a box 2px above the content box's bottom passes, one 30px below it is reported`, () => {
    expect(overflow(2)).toEqual([]);
    expect(overflow(3)).toEqual([{ kind: 'overflow', severity: 'error', message: '30px below the bottom edge (div)', dx: 0, dy: 30 }]);
  });

  it(`${theme}: a question's or quote's footer is chrome, content reaching into its margin is not`, () => {
    expect(overflow(4)).toEqual([]);
    expect(overflow(5)).toEqual([]);
    // Kicker 39 + 20px, the ask 581px: 640px centred in 560 ends 40px below 624.
    expect(overflow(6)).toMatchObject([{ severity: 'error', dx: 0, dy: 40 }]);
  });
});
