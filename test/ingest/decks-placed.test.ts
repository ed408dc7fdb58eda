import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { cleanHtml } from '../../src/ingest/decks/html.js';
import { deckContext } from '../../src/ingest/decks/context.js';
import { ingest } from '../../src/ingest/index.js';
import { htmlHeight, markdownHeight } from '../../src/plan/deck.js';
import { plan } from '../../src/plan/index.js';
import { SAFETY, geometry } from '../../src/text/layout.js';

/**
 * Issue #16: elements a deck's author positioned on the slide (Slidev's `absolute top-80`,
 * Tailwind's `class="absolute"`, `style="position: absolute"`) lose their spot with their
 * styles; set one above the other they ran past the slide's bottom. They become labels in a row.
 */
describe('positioned elements in a deck', () => {
  it('become labels (lt-placed), whatever way they were positioned, with one warning at the first', () => {
    const ctx = deckContext('talk.md');
    const html = cleanHtml(
      [
        '<div absolute left-20 top-30 v-click>Compost</div>',
        '<div class="absolute bottom-4">Barrel</div>',
        '<div style="top: 10px; position : fixed">Trays</div>',
        '<span style="position:absolute;left:0">Onions</span>',
        '<div relative>Leeks</div>',
        '<div style="position: relative">Chard</div>',
      ].join('\n'),
      5,
      ctx,
    );
    expect(html.split('\n')).toEqual([
      '<div class="fragment lt-placed">Compost</div>',
      '<div class="lt-placed">Barrel</div>',
      '<div class="lt-placed">Trays</div>',
      '<span class="lt-placed">Onions</span>',
      '<div>Leeks</div>',
      '<div>Chard</div>',
    ]);
    const placed = ctx.diagnostics.filter((d) => /positioned on the slide/.test(d.message));
    expect(placed).toHaveLength(1);
    expect(placed[0]!.pos).toEqual({ file: 'talk.md', line: 5 });
  });

  it('the planner measures HTML by its block elements, and labels side by side', () => {
    const line = 30 * 1.5;
    const stack = Array.from({ length: 8 }, (_, k) => `<div>Label ${k}</div>`).join('\n');
    // Each a top-level element of the slide body: 18px apart.
    expect(htmlHeight(stack, 1104, 'en')).toBe(8 * line + 7 * 18);
    expect(htmlHeight(`<div>${stack}</div>`, 1104, 'en')).toBe(8 * line);
    expect(htmlHeight(stack.replace(/<div>/g, '<div class="lt-placed">'), 1104, 'en')).toBe(line);
    // Top-level blocks are 18px apart; an element opened in one HTML block and closed in a later one is one element.
    expect(htmlHeight('<h1>Title</h1>\n<p>One</p>', 1104, 'en')).toBe(2 * line + 18);
    expect(markdownHeight('<div class="fragment">\n\n<div>a</div>\n<div>b</div>\n\n</div>', 1104, 'en')).toBe(2 * line);
  });

  it('the fixture: every slide fits by the model at full size, and nothing is lost', () => {
    const file = join(import.meta.dirname, '..', 'fixtures', 'check', 'placed-labels.md');
    const text = readFileSync(file, 'utf8');
    const doc = ingest(text, file);
    const deck = plan(doc, { ...defaults, autofit: true });
    const content = deck.slides.filter((s) => s.template === 'content');
    expect(content).toHaveLength(2);
    for (const s of content) {
      expect(s.variant).toBeUndefined();
      expect(markdownHeight(s.body!, geometry.frame.width, 'en')).toBeLessThanOrEqual(geometry.frame.height * SAFETY);
    }
    for (const label of ['Compost heap', 'The path back to the house', 'Watering can', 'Bucket']) expect(content.some((s) => s.body!.includes(label))).toBe(true);
  });
});

/** Issue #16: a Slidev cover laid out in HTML names itself in an `<h1>`; it was shown as small lines of a content slide. */
describe('a slide laid out in HTML with one heading element', () => {
  const deck = (body: string) =>
    plan(ingest(['---', 'theme: seriph', 'title: Allotments', '---', '', '# Opening', '', 'Why we grow', '', '---', body].join('\n'), 'talk.md', { deck: 'keep' }), { ...defaults, autofit: true });

  it('on a cover: the heading is the title slide\'s title, the short lines its subtitle, the avatar gone', () => {
    const d = deck(
      [
        'layout: cover',
        '---',
        '',
        '<div flex="~ col">',
        '  <img src="https://example.org/me.png" rounded-full />',
        '  <div text-3xl><span>The plot diaries</span> <sup>part one</sup></div>',
        '</div>',
        '<h1 mt1>',
        '  <span v-click>Soil first</span>',
        '  <span v-click>「先养土」</span>',
        '</h1>',
        '',
        '<div abs-br><span>Garden Club Meetup</span><div text-xs>2025.03.02</div></div>',
      ].join('\n'),
    );
    const cover = d.slides.find((s) => s.title === 'Soil first 「先养土」');
    expect(cover?.template).toBe('title');
    expect(cover?.subtitle).toMatch(/The plot diaries part one · Garden Club Meetup 2025\.03\.02/);
    expect(JSON.stringify(cover)).not.toMatch(/me\.png|<h1/);
  });

  it('on a content slide: the heading is its title and the rest its body; two headings name no one slide', () => {
    const one = deck(['', '<div>', '<h2>Where the water goes</h2>', '<p>Down, then sideways.</p>', '</div>'].join('\n'));
    const s = one.slides.find((x) => x.title === 'Where the water goes');
    expect(s?.template).toBe('content');
    expect(s?.body).toMatch(/Down, then sideways\./);
    expect(s?.body).not.toMatch(/<h2/);
    const two = deck(['', '<div><h2>Beans</h2><p>Tall.</p></div>', '<div><h2>Peas</h2><p>Short.</p></div>'].join('\n'));
    expect(two.slides.some((x) => x.title === 'Beans' || x.title === 'Peas')).toBe(false);
    expect(two.slides.some((x) => /<h2>Beans<\/h2>/.test(x.body ?? ''))).toBe(true);
  });
});
