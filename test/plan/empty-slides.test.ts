import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../src/model/diagnostics.js';
import { prepare } from '../../src/inputs.js';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { withoutEmptySlides, type SlideImage } from '../../src/plan/empty-slides.js';

/** As the build calls it: the render stage finds that slides of unavailable images alone show nothing. */
const withoutMissingImages = (plan: DeckPlan, images: SlideImage[], blank: number[] = images.filter((g) => g.status === 'unavailable').map((g) => g.slide)) =>
  withoutEmptySlides(plan, { images, blank: [...new Set(blank)].map((slide) => ({ slide, held: ['images that cannot be shown'] })) });

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
  ], [2, 3]);

  it('puts a missing image’s alt text in its slide’s notes, above the time line', () => {
    const one = withoutMissingImages(deck(plan.slides.slice(0, 2)), [{ slide: 1, alt: 'A chart', status: 'unavailable' }], []);
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

describe('withoutMissingImages: a lead-in left alone', () => {
  it('drops the slide of a lead-in ending in a colon with the picture slide it introduced; its words stay in the notes', () => {
    const plan = deck([
      slide({ template: 'title', section: null, title: 'T', notes: '⏱ about 0:20' }),
      slide({ title: 'S', body: 'Here is how the pump works:', notes: 'Here is how the pump works:\n\n⏱ about 0:20', line: 4 }),
      slide({ title: 'S (cont.)', variant: 'image', body: '![](https://x.example/pump.png)', notes: '⏱ about 0:15', seconds: 15, line: 6, continued: true }),
      slide({ title: 'S (cont.)', points: ['The piston draws water in', 'A valve stops it flowing back'], notes: 'Pistons.\n\n⏱ about 0:40', seconds: 40, line: 8, continued: true }),
      slide({ template: 'closing', section: null, title: 'Thanks', notes: '⏱ about 0:10' }),
    ]);
    const out = withoutMissingImages({ ...plan, outline: [{ title: 'S', level: 2, slide: 1 }] }, [{ slide: 2, alt: '', status: 'unavailable' }]);
    expect(out.slides.map((s) => s.title)).toEqual(['T', 'S', 'Thanks']);
    expect(out.slides[1]!.points).toHaveLength(2);
    expect(out.slides[1]!.notes).toContain('Here is how the pump works:');
    expect(out.slides[1]!.seconds).toBe(75);
    expect(out.diagnostics.map((d) => d.message).join('\n')).toContain('only introduced the next slide, which shows nothing');
  });

  it('keeps a lead-in whose picture is shown, and a slide of prose that merely ends in a colon before a slide that stays', () => {
    const plan = deck([
      slide({ template: 'title', section: null, title: 'T', notes: '⏱ about 0:20' }),
      slide({ title: 'S', body: 'Here is how the pump works:', notes: '⏱ about 0:20' }),
      slide({ title: 'S (cont.)', variant: 'image', body: '![](local.png)', notes: '⏱ about 0:15' }),
      slide({ template: 'closing', section: null, title: 'Thanks', notes: '⏱ about 0:10' }),
    ]);
    expect(withoutMissingImages({ ...plan, outline: [] }, [{ slide: 2, alt: '', status: 'shown' }], []).slides).toHaveLength(4);
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

describe('withoutMissingImages: a section whose pictures are gone but which had words to say', () => {
  const talk = 'The first pass elects a leader: each node waits a random time, then asks the others for their votes, and the first to hear from a majority leads until it stops sending heartbeats.';
  const base = (withDivider: boolean): DeckPlan => ({
    ...deck([
      slide({ template: 'title', title: 'T', notes: '⏱ about 0:20' }),
      slide({ template: 'agenda', title: 'Agenda', items: ['Kept', 'Spoken', 'After'], notes: '⏱ about 0:15' }),
      slide({ section: 'Kept', title: 'Kept', body: 'Words.', notes: '⏱ about 0:20' }),
      ...(withDivider ? [slide({ template: 'section', section: 'Spoken', title: 'Spoken', level: 2, kicker: 'Part 2', notes: 'Now: Spoken.\n\n⏱ about 0:08' })] : []),
      slide({ section: 'Spoken', title: 'Spoken', body: '![election](https://x.example/e.png)', notes: `${talk}\n\n⏱ about 0:40`, seconds: 40 }),
      slide({ section: 'Spoken', title: 'Spoken (cont.)', body: '![timeout](https://x.example/t.png)', notes: 'timeout\n\n⏱ about 0:20' }),
      slide({ section: 'After', title: 'After', body: 'More words.', notes: '⏱ about 0:20' }),
      slide({ template: 'closing', title: 'Thanks', items: ['Kept', 'Spoken', 'After'], notes: '⏱ about 0:10' }),
    ]),
  });

  it('keeps its divider, holding the words and the pictures\' alt text, and stays in the agenda and recap', () => {
    const plan = base(true);
    const out = withoutMissingImages(plan, [
      { slide: 4, alt: 'election', status: 'unavailable' },
      { slide: 5, alt: 'timeout', status: 'unavailable' },
    ]);
    expect(out.slides.map((s) => `${s.template}:${s.title}`)).toEqual(['title:T', 'agenda:Agenda', 'content:Kept', 'section:Spoken', 'content:After', 'closing:Thanks']);
    expect(out.slides[3]!.notes).toContain(talk);
    expect(out.slides[3]!.notes).toMatch(/election[\s\S]*timeout/);
    expect(out.slides[1]!.items).toEqual(['Kept', 'Spoken', 'After']);
  });

  it('without a divider, its first slide becomes one; a section with no words still goes', () => {
    const out = withoutMissingImages(base(false), [
      { slide: 3, alt: 'election', status: 'unavailable' },
      { slide: 4, alt: 'timeout', status: 'unavailable' },
    ]);
    expect(out.slides.map((s) => `${s.template}:${s.title}`)).toEqual(['title:T', 'agenda:Agenda', 'content:Kept', 'section:Spoken', 'content:After', 'closing:Thanks']);
    expect(out.slides[3]!.body).toBeUndefined();
    expect(out.slides[3]!.notes).toContain(talk);
    const quiet = base(false);
    quiet.slides[3] = { ...quiet.slides[3]!, notes: 'election\n\n⏱ about 0:20' };
    const gone = withoutMissingImages(quiet, [
      { slide: 3, alt: 'election', status: 'unavailable' },
      { slide: 4, alt: 'timeout', status: 'unavailable' },
    ]);
    expect(gone.slides.map((s) => s.title)).toEqual(['T', 'Agenda', 'Kept', 'After', 'Thanks']);
  });
});

describe('withoutEmptySlides: any slide that shows nothing', () => {
  const blank = (...slides: number[]) => slides.map((s) => ({ slide: s, held: ['<style>'] }));

  it('drops an untitled slide of components alone; its notes and time go to the slide before, with one warning at its line', () => {
    const plan = deck([
      slide({ template: 'content', section: null, title: 'Bread', body: 'Four ingredients', notes: 'Welcome.\n\n⏱ about 0:20', line: 6 }),
      slide({ section: null, title: 'Ingredients', body: '- Flour\n- Water', notes: 'Flour first.\n\n⏱ about 0:20', line: 14 }),
      slide({ section: null, notes: 'Knead while the timer runs.\n\n⏱ about 0:30', seconds: 30, line: 27 }),
      slide({ section: null, title: 'Thanks', body: 'Questions welcome', notes: '⏱ about 0:20', line: 40 }),
    ]);
    const out = withoutEmptySlides({ ...plan, outline: [] }, { images: [] });
    expect(out.slides.map((s) => s.title)).toEqual(['Bread', 'Ingredients', 'Thanks']);
    expect(out.slides[1].notes).toBe('Flour first.\n\nKnead while the timer runs.\n\n⏱ about 0:50');
    expect(out.slides[1].seconds).toBe(50);
    expect(out.diagnostics).toEqual([{ severity: 'warning', message: expect.stringMatching(/^a slide shows nothing .*; dropped; its notes and time are on "Ingredients"$/), pos: { file: 't.md', line: 27 } }]);
  });

  it('never drops the title, agenda or closing, nor a slide with a title and nothing under it', () => {
    const plan = deck([
      slide({ template: 'title', title: 'T', body: '<style></style>', notes: '⏱ about 0:20' }),
      slide({ template: 'agenda', title: 'Agenda', notes: '⏱ about 0:15' }),
      slide({ title: 'Questions?', notes: 'Take three.\n\n⏱ about 0:20' }),
      slide({ template: 'closing', title: 'Thanks', body: '<style></style>', notes: '⏱ about 0:10' }),
    ]);
    expect(withoutEmptySlides(plan, { images: [], blank: blank(0, 3) })).toBe(plan);
  });

  it("drops an authored deck's first or last slide that shows nothing (a cover that was only a logo), but never the only slide", () => {
    const plan = deck([
      slide({ section: null, notes: 'Logo up.\n\n⏱ about 0:20', line: 3 }),
      slide({ section: null, title: 'Bread', body: 'Four ingredients', notes: '⏱ about 0:20', line: 8 }),
      slide({ section: null, body: '<style></style>', notes: '⏱ about 0:20', line: 20 }),
    ]);
    const out = withoutEmptySlides({ ...plan, outline: [] }, { images: [], blank: blank(2) });
    expect(out.slides.map((s) => s.title)).toEqual(['Bread']);
    expect(out.slides[0].notes).toBe('Logo up.\n\n⏱ about 1:00');
    // A cover with its title stays, whatever its body held (a logo that could not be shown).
    const cover = deck([slide({ section: null, title: 'Bread', body: '<style></style>', notes: '⏱ about 0:20' }), slide({ section: null, title: 'Flour', body: '- Strong', notes: '⏱ about 0:20' })]);
    expect(withoutEmptySlides(cover, { images: [], blank: blank(0) })).toBe(cover);
    const alone = deck([slide({ section: null, notes: '⏱ about 0:20' })]);
    expect(withoutEmptySlides(alone, { images: [] })).toBe(alone);
  });

  it('a titled slide whose body shows nothing goes to the next slide of its section, which takes its title back from "(cont.)"', () => {
    const plan = deck([
      slide({ template: 'title', title: 'T', notes: '⏱ about 0:20' }),
      slide({ section: 'Before', title: 'Before', points: ['Words'], notes: 'Before.\n\n⏱ about 0:20' }),
      slide({ section: 'Gallery', title: 'Gallery', body: '<noscript>Swipe sideways.</noscript>', notes: 'Gallery\n<noscript>Swipe sideways.</noscript>\n\n⏱ about 0:20', line: 9 }),
      slide({ section: 'Gallery', title: 'Gallery (cont.)', continued: true, body: 'Spring, then summer.', notes: 'The year.\n\n⏱ about 0:20' }),
      slide({ template: 'closing', title: 'Thanks', notes: '⏱ about 0:10' }),
    ]);
    const out = withoutEmptySlides(plan, { images: [], blank: blank(2) });
    expect(out.slides.map((s) => s.title)).toEqual(['T', 'Before', 'Gallery', 'Thanks']);
    expect(out.slides[2].continued).toBeUndefined();
    // Notes the planner made from the slide's own markup go with it; its time does not.
    expect(out.slides[2].notes).toBe('The year.\n\n⏱ about 0:40');
    expect(out.slides[1].notes).toBe('Before.\n\n⏱ about 0:20');
    expect(out.diagnostics.map((d) => `${d.pos?.file}:${d.pos?.line}: ${d.message}`)).toEqual(['t.md:9: slide "Gallery" shows nothing once rendered (it holds only <style>); dropped; its notes and time are on "Gallery"']);
  });

  it('moves the alt text of pictures on a dropped slide into the notes, and a section with nothing left leaves no word of it in the agenda or the notes', () => {
    const plan: DeckPlan = {
      ...deck([
        slide({ template: 'title', title: 'T', notes: '⏱ about 0:20' }),
        slide({ template: 'agenda', title: 'Agenda', items: ['Roof', 'Year', 'Winter'], notes: 'We begin with “Roof”.\n\n⏱ about 0:15' }),
        slide({ section: 'Roof', title: 'Roof', body: 'A roof is windy.', notes: 'Now we turn to “Roof”.\n\nAfter this part: Year\n\nA roof is windy.\n\n⏱ about 0:20' }),
        slide({ section: 'Year', title: 'Year', body: '<script>step()</script>\n\n<img src="https://x.example/spring.png" alt="Spring pollen">', notes: 'Now we turn to “Year”.\n\nAfter this part: Winter\n\n⏱ about 0:20' }),
        slide({ section: 'Winter', title: 'Winter', body: 'The colony clusters.', notes: 'Now we turn to “Winter”.\n\n⏱ about 0:20' }),
        slide({ template: 'closing', title: 'Thanks', items: ['Roof', 'Year', 'Winter'], notes: 'Recap\nRoof\nYear\nWinter\n\n⏱ about 0:10' }),
      ]),
      outline: [
        { title: 'Roof', level: 2, slide: 2 },
        { title: 'Year', level: 2, slide: 3 },
        { title: 'Winter', level: 2, slide: 4 },
      ],
    };
    const out = withoutEmptySlides(plan, { images: [{ slide: 3, alt: 'Spring pollen', status: 'unavailable', line: 30, warning: 'could not fetch it' }], blank: blank(3) });
    expect(out.slides.map((s) => s.title)).toEqual(['T', 'Agenda', 'Roof', 'Winter', 'Thanks']);
    expect(out.slides[1].items).toEqual(['Roof', 'Winter']);
    // "After this part: Year" goes; the dropped slide's own "After this part: Winter" is now true.
    expect(out.slides[2].notes).toBe('Now we turn to “Roof”.\n\nA roof is windy.\n\nAfter this part: Winter\n\nSpring pollen\n\n⏱ about 0:40');
    expect(out.slides[4].items).toEqual(['Roof', 'Winter']);
    expect(out.outline.map((o) => o.title)).toEqual(['Roof', 'Winter']);
    expect(out.diagnostics.map((d) => d.pos?.line)).toEqual([30, 1]);
  });
});

describe('prepare (lectern serve): the slides the build makes, without downloading', () => {
  it('drops the slide of a <style> block; a remote picture shows as its placeholder, so its slide stays', () => {
    const p = prepare(join(import.meta.dirname, '..', 'fixtures', 'empty-slides', 'article.md'), {});
    const titles = p.plan.slides.map((s) => s.title);
    expect(titles).not.toContain('Why a roof');
    expect(titles).toContain('A year of the colony');
    expect(p.rendered.slides.some((s) => s.includes('lt-image-placeholder'))).toBe(true);
    expect(formatDiagnostics(p.diagnostics).join('\n')).toMatch(/article\.md:8: warning: slide "Why a roof" shows nothing once rendered/);
  });
});
