import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { contentSlides, plain } from '../../src/plan/content.js';
import { plan } from '../../src/plan/index.js';
import { SAFETY, geometry, headingHeight, lineHeight, textHeight } from '../../src/text/layout.js';

/** Issue #16: a paragraph shown as written (a lead-in, an FAQ answer) is never taller than its slide. */
const room = (title: string) => geometry.frame.height * SAFETY - headingHeight(`${title} (cont.)`, 'en');
const height = (md: string) => textHeight(plain(md), geometry.frame.width, { size: geometry.body.size, lineHeight: lineHeight('en', 'body'), lang: 'en' });

describe('a paragraph taller than a slide', () => {
  const sentence = (k: number) => `Step ${k} takes the partial sum $S_${k} = \\sum_{i=1}^{${k}} \\dfrac{1}{i(i+1)}$ one term further and checks it against $1 - \\dfrac{1}{${k + 1}}$ by hand.`;
  const long = Array.from({ length: 14 }, (_, k) => sentence(k + 1)).join(' ') + ' The pattern is clear:';

  it('goes on (cont.) slides between sentences, each slide within the room, every sentence kept once, in order', () => {
    const slides = contentSlides([{ kind: 'html', markdown: long, text: long, line: 3 }], 'Partial sums', 'en');
    expect(slides.length).toBeGreaterThan(1);
    for (const s of slides) expect(height(s.body!)).toBeLessThanOrEqual(room('Partial sums'));
    expect(slides.slice(1).every((s) => s.continued && s.title === 'Partial sums (cont.)')).toBe(true);
    expect(slides.map((s) => s.body).join(' ')).toBe(long);
  });

  it('measures its formulas as typeset: fractions in display style need more slides than their TeX length suggests', () => {
    // Without the math, the same words and source length: fewer slides.
    const bare = long.replace(/\$/g, '');
    const withMath = contentSlides([{ kind: 'html', markdown: long, text: long, line: 3 }], 'Partial sums', 'en');
    const without = contentSlides([{ kind: 'html', markdown: bare, text: bare, line: 3 }], 'Partial sums', 'en');
    expect(withMath.length).toBeGreaterThan(without.length);
  });

  it('keeps the end of a lead-in with what it leads into when both fit', () => {
    const formula = '$$\n\\sum_{i=1}^{n} \\frac{1}{i(i+1)} = 1 - \\frac{1}{n+1}\n$$';
    const slides = contentSlides(
      [
        { kind: 'html', markdown: long, text: long, line: 3 },
        { kind: 'html', markdown: formula, text: formula, line: 5 },
      ],
      'Partial sums',
      'en',
    );
    expect(slides.at(-1)!.body).toMatch(/The pattern is clear:\n\n\$\$/);
  });

  it('a short lead-in never stands alone above a list: it takes the first items that fit under it, whatever the list\'s length', () => {
    const lead = 'After three weeks of trials in four classrooms, two groups in each, with a short survey at the end of every week and a longer one at the end, the review came to these conclusions:';
    const item = (k: number) => `Conclusion ${k} holds for every case we tried, and it held again when the inputs were doubled, halved and shuffled twice over.`;
    const pages = new Set<number>();
    for (let n = 1; n <= 14; n++) {
      const items = Array.from({ length: n }, (_, i) => item(i + 1));
      const slides = contentSlides(
        [
          { kind: 'html', markdown: lead, text: lead, line: 3 },
          { kind: 'list', ordered: true, items, line: 4 },
        ],
        'Review',
        'en',
      );
      pages.add(slides.length);
      expect(slides[0]!.body, `${n} items`).toMatch(/the review came to these conclusions:\n\n1\. Conclusion 1 /);
      // The list goes on counting on the next slides, and every item is there once, in order.
      const numbers = slides.flatMap((s) => [...s.body!.matchAll(/^(\d+)\. Conclusion (\d+) /gm)].map((m) => [Number(m[1]), Number(m[2])]));
      expect(numbers, `${n} items`).toEqual(items.map((_, i) => [i + 1, i + 1]));
    }
    // The lists above run from one slide to several.
    expect(Math.max(...pages)).toBeGreaterThanOrEqual(3);
  });

  it('a one-line quote above a listing (its file name) is its caption: it goes on the listing\'s first slide, never alone on the slide before', () => {
    const para = Array.from({ length: 9 }, (_, k) => `Sentence ${k + 1} of the walkthrough explains what the storage layer keeps and why it keeps it on disk.`).join(' ');
    const caption = '[store/log.go](https://example.org/store/log.go)';
    for (const n of [6, 14, 40]) {
      const code = ['```go', ...Array.from({ length: n }, (_, k) => (k % 4 === 3 ? '' : `\tfield${k} int // the ${k}th field`)), '```'].join('\n');
      const slides = contentSlides(
        [
          { kind: 'html', markdown: para, text: para, line: 3 },
          { kind: 'blockquote', markdown: `> ${caption}`, text: 'store/log.go', line: 5 },
          { kind: 'code', markdown: code, text: code, line: 7 },
        ],
        'Storage',
        'en',
      );
      const at = slides.findIndex((s) => s.body!.includes('store/log.go'));
      expect(slides[at]!.body, `${n} lines`).toMatch(/store\/log\.go\)\n\n```go/);
    }
  });

  it('a lead-in with nothing after it is not held back', () => {
    const lead = 'What follows is left to the reader:';
    expect(contentSlides([{ kind: 'html', markdown: lead, text: lead, line: 3 }], 'End', 'en')).toHaveLength(1);
  });

  it('raw HTML is left whole (it has no sentences to split between)', () => {
    const html = `<div class="box">${long}</div>`;
    expect(contentSlides([{ kind: 'html', markdown: html, text: long, line: 3 }], 'Partial sums', 'en')).toHaveLength(1);
  });

  it('with --no-autofit nothing is split, so check can show what would overflow', () => {
    expect(contentSlides([{ kind: 'html', markdown: long, text: long, line: 3 }], 'Partial sums', 'en', false)).toHaveLength(1);
  });
});

describe('the inline-math lecture fixture', () => {
  const file = join(import.meta.dirname, '..', 'fixtures', 'lectures', 'inline-math.md');
  const deck = plan(ingest(readFileSync(file, 'utf8'), file), { ...defaults, autofit: true });

  it('splits both long lead-ins, and every content slide fits by the model', () => {
    const content = deck.slides.filter((s) => s.template === 'content' && s.body && !s.body.startsWith('$$'));
    expect(content.filter((s) => s.continued).length).toBeGreaterThanOrEqual(1);
    for (const s of content) expect(height(s.body!), s.title).toBeLessThanOrEqual(room(s.section ?? ''));
    expect(deck.slides.filter((s) => s.section === 'Tall formulas in a line' && s.template === 'content').length).toBeGreaterThanOrEqual(2);
  });
});
