import { describe, expect, it } from 'vitest';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { withoutMissingImages } from '../../src/plan/missing-images.js';

const slide = (s: Partial<SlidePlan>): SlidePlan => ({ template: 'content', section: 'S', notes: '', seconds: 20, ...s });
const deck = (slides: SlidePlan[]): DeckPlan => ({
  title: 'T',
  lang: 'en',
  theme: 'light',
  file: 't.md',
  slides,
  durationMinutes: 1,
  outline: [
    { title: 'S', level: 2, slide: 1 },
    { title: 'U', level: 2, slide: 3 },
  ],
  diagnostics: [],
});

describe('withoutMissingImages', () => {
  const plan = deck([
    slide({ template: 'title', title: 'T', notes: 'Hello\n\n⏱ about 0:20' }),
    slide({ title: 'S', body: 'Words before.\n\n![A chart](https://x.example/a.png)', notes: 'About the chart.\n\n⏱ about 0:20' }),
    slide({ title: 'S (cont.)', variant: 'image', body: '![Second picture](https://x.example/b.png "A caption")', notes: 'Second picture\n\n⏱ about 0:15', seconds: 15 }),
    slide({ title: 'U', body: '<img src="https://x.example/c.png" alt="">', notes: '⏱ about 0:20' }),
    slide({ title: 'V', body: '![shown](local.png) ![gone](https://x.example/d.png)', notes: '⏱ about 0:20' }),
  ]);
  const out = withoutMissingImages(plan, [
    { slide: 1, alt: 'A chart', status: 'unavailable' },
    { slide: 2, alt: 'Second picture', title: 'A caption', status: 'unavailable' },
    { slide: 3, alt: '', status: 'unavailable' },
    { slide: 4, alt: 'shown', status: 'shown' },
    { slide: 4, alt: 'gone', status: 'unavailable' },
  ]);

  it('puts a missing image’s alt text in its slide’s notes, above the time line', () => {
    const one = withoutMissingImages(deck(plan.slides.slice(0, 2)), [{ slide: 1, alt: 'A chart', status: 'unavailable' }]);
    expect(one.slides[1].notes).toBe('About the chart.\n\nA chart\n\n⏱ about 0:20');
  });

  it('drops a slide of missing images alone; its notes (alt text or caption) and time go to the slide before', () => {
    expect(out.slides.map((s) => s.title)).toEqual(['T', 'S', 'V']);
    // Slides 2 and 3 are dropped; slide 1 takes what they said and their time.
    expect(out.slides[1].notes).toBe('About the chart.\n\nA chart\n\nSecond picture\n\n⏱ about 0:55');
    expect(out.slides[1].seconds).toBe(55);
  });

  it('keeps a slide that still shows an image, and moves the outline past dropped slides', () => {
    expect(out.slides[2].notes).toBe('gone\n\n⏱ about 0:20');
    expect(out.outline).toEqual([
      { title: 'S', level: 2, slide: 1 },
      { title: 'U', level: 2, slide: 2 },
    ]);
  });

  it('returns the plan itself when nothing is missing', () => {
    expect(withoutMissingImages(plan, [{ slide: 4, alt: 'shown', status: 'shown' }])).toBe(plan);
  });
});
