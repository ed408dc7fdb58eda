import { describe, expect, it } from 'vitest';
import type { DeckPlan, SlidePlan } from '../../src/model/plan.js';
import { blankSlides, shows } from '../../src/render/slide-content.js';
import { tokenizeHtml } from '../../src/html/sanitize.js';

const slide = (s: Partial<SlidePlan>): SlidePlan => ({ template: 'content', section: 'S', notes: '', seconds: 20, ...s });
const deck = (slides: SlidePlan[]): DeckPlan => ({ title: 'T', lang: 'en', theme: 'light', file: 'talk.md', slides, durationMinutes: 1, outline: [], diagnostics: [] });
const seen = (html: string) => shows(tokenizeHtml(html));

describe('shows: whether rendered HTML has anything to see', () => {
  it.each([
    ['<p>Bees</p>', true],
    ['<img src="hive.png">', true],
    ['<figure><img src="hive.png"></figure>', true],
    ['<pre><code>ls</code></pre>', true],
    ['<p>&nbsp;</p>', false],
    ['<div>\n  <div></div>\n</div>', false],
    ['<!-- a note to self -->', false],
    ['<style>p { color: red }</style>', false],
    ['<noscript>Turn on scripts</noscript><script>go()</script>', false],
    ['<template><p>later</p></template>', false],
    ['<div hidden><p>not yet</p></div><p></p>', false],
    ['<div hidden>no</div><p>yes</p>', true],
    ['<a href="https://x.example/"></a><hr>', false],
    ['<img>', false],
  ])('%s → %s', (html, expected) => {
    expect(seen(html)).toBe(expected);
  });
});

describe('blankSlides: slides whose body holds something and shows nothing once rendered', () => {
  const plan = deck([
    slide({ template: 'title', title: 'T' }),
    slide({ title: 'Why a roof', body: '<style scoped>\n  div.row { display: flex; }\n</style>' }),
    slide({ title: 'Words', body: 'A roof is windy.\n\n<style>p { margin: 0 }</style>' }),
    slide({ title: 'Gallery', body: '<noscript>\nSwipe sideways.\n</noscript>\n\n<div class="gallery">\n<button type="button">Next →</button>\n<script>step()</script>\n</div>\n\n<img src="https://pictures.invalid/spring.png" alt="Spring">' }),
    slide({ title: 'Only a comment', body: '<!-- ask Sam for the photos -->' }),
    slide({ title: 'Points', points: ['<style>x</style>'] }),
    slide({ title: 'A picture', body: '![Hive](data:image/png;base64,iVBORw0KGgo=)' }),
    slide({ title: 'Plain', body: 'Nothing hidden here.' }),
  ]);
  const remote = new Map([['https://pictures.invalid/spring.png', { error: 'host not found' }]]);

  it('finds the style block, the script carousel whose picture could not be had, and the comment; says what each held', () => {
    const found = blankSlides(plan, { sourceDir: '.', remote, dropUnavailable: true });
    expect(found.map(({ slide, held }) => ({ slide, held }))).toEqual([
      { slide: 1, held: ['<style>'] },
      { slide: 3, held: ['<noscript>', '<button>', '<script>', 'images that cannot be shown'] },
      { slide: 4, held: ['HTML comments'] },
    ]);
    // What the sanitizer removed is said here, at its line: the deck's render never meets these slides.
    expect(found[1].warnings?.map((w) => w.message.replace(/ from raw HTML.*/, ''))).toEqual(['removed <noscript>', 'removed <button>', 'removed <script>']);
    expect(found[2].warnings).toBeUndefined();
  });

  it('keeps a picture that cannot be had as its placeholder when the build does not drop it', () => {
    expect(blankSlides(plan, { sourceDir: '.', remote }).map((b) => b.slide)).toEqual([1, 4]);
  });

  it('with --allow-html, a style block is still nothing to see, but a kept button is', () => {
    expect(blankSlides(plan, { sourceDir: '.', remote, dropUnavailable: true, allowHtml: true }).map((b) => b.slide)).toEqual([1, 4]);
  });
});
