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

describe('withoutMissingImages: dividers', () => {
  it('drops a divider whose slides were all missing images, and keeps one with slides left', () => {
    const plan = deck([
      slide({ template: 'title', title: 'T', notes: '⏱ about 0:20' }),
      slide({ template: 'section', title: 'S', notes: 'Now we turn to S.\n\n⏱ about 0:08', seconds: 8 }),
      slide({ title: 'S', body: '![one](https://x.example/1.png)', notes: 'one\n\n⏱ about 0:20' }),
      slide({ template: 'section', title: 'U', notes: '⏱ about 0:08', seconds: 8 }),
      slide({ title: 'U', body: '![two](https://x.example/2.png)', notes: 'two\n\n⏱ about 0:20' }),
      slide({ title: 'U', body: 'Words stay.', notes: '⏱ about 0:20' }),
      slide({ template: 'closing', title: 'Thanks', notes: '⏱ about 0:10', seconds: 10 }),
    ]);
    const out = withoutMissingImages(plan, [
      { slide: 2, alt: 'one', status: 'unavailable' },
      { slide: 4, alt: 'two', status: 'unavailable' },
    ]);
    expect(out.slides.map((s) => `${s.template}:${s.title}`)).toEqual(['title:T', 'section:U', 'content:U', 'closing:Thanks']);
    expect(out.slides[0].notes).toBe('Now we turn to S.\n\none\n\n⏱ about 0:48');
    expect(out.slides[1].notes).toBe('two\n\n⏱ about 0:28');
  });
});

describe('withoutMissingImages: a divider before a section without one', () => {
  it('drops the divider when the next slide kept belongs to another section', () => {
    const plan = deck([
      slide({ template: 'title', title: 'T', notes: '⏱ about 0:20' }),
      slide({ template: 'section', section: 'Lost', title: 'Lost', level: 2, notes: '⏱ about 0:08', seconds: 8 }),
      slide({ section: 'Lost', title: 'Lost', body: '![gone](https://x.example/g.png)', notes: 'gone\n\n⏱ about 0:20' }),
      slide({ template: 'section', section: 'Sub', title: 'Sub', level: 3, notes: '⏱ about 0:08', seconds: 8 }),
      slide({ section: 'Sub', title: 'Sub', body: 'Kept words.', notes: '⏱ about 0:20' }),
      slide({ template: 'points', section: 'Closing words', title: 'Closing words', points: ['x'], notes: '⏱ about 0:20' }),
    ]);
    const gone = (i: number) => [{ slide: i, alt: 'gone', status: 'unavailable' }];
    // A subsection's divider follows: the section goes on there, so its divider stays.
    expect(withoutMissingImages(plan, gone(2)).slides.map((s) => s.title)).toEqual(['T', 'Lost', 'Sub', 'Sub', 'Closing words']);
    // Without the subsection, the next slide kept is another section's.
    const flat = deck([...plan.slides.slice(0, 3), plan.slides[5]]);
    expect(withoutMissingImages(flat, gone(2)).slides.map((s) => s.title)).toEqual(['T', 'Closing words']);
  });
});

describe('withoutMissingImages: a section with nothing left', () => {
  it('goes from the outline, the agenda and the recap', () => {
    const plan: DeckPlan = {
      ...deck([
        slide({ template: 'title', title: 'T', notes: '⏱ about 0:20' }),
        slide({ template: 'agenda', title: 'Agenda', items: ['Kept', 'Lost', 'After'], notes: '⏱ about 0:15' }),
        slide({ section: 'Kept', title: 'Kept', body: 'Words.', notes: '⏱ about 0:20' }),
        slide({ template: 'section', section: 'Lost', title: 'Lost', level: 2, notes: '⏱ about 0:08' }),
        slide({ section: 'Lost', title: 'Lost', body: '![gone](https://x.example/g.png)', notes: 'gone\n\n⏱ about 0:20' }),
        slide({ section: 'After', title: 'After', body: 'More words.', notes: '⏱ about 0:20' }),
        slide({ template: 'closing', title: 'Thanks', items: ['Kept', 'Lost', 'After'], notes: 'Recap\nKept\nLost\nAfter\n\n⏱ about 0:10' }),
      ]),
      outline: [
        { title: 'Kept', level: 2, slide: 2 },
        { title: 'Lost', level: 2, slide: 3 },
        { title: 'After', level: 2, slide: 5 },
      ],
    };
    const out = withoutMissingImages(plan, [{ slide: 4, alt: 'gone', status: 'unavailable' }]);
    expect(out.slides.map((s) => s.title)).toEqual(['T', 'Agenda', 'Kept', 'After', 'Thanks']);
    expect(out.outline).toEqual([
      { title: 'Kept', level: 2, slide: 2 },
      { title: 'After', level: 2, slide: 3 },
    ]);
    expect(out.slides[1].items).toEqual(['Kept', 'After']);
    expect(out.slides[4].items).toEqual(['Kept', 'After']);
    expect(out.slides[4].notes).toBe('Recap\nKept\nAfter\n\n⏱ about 0:10');
  });
});
