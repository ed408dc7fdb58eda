import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { contentSlides } from '../../src/plan/content.js';
import { GALLERY_MAX, htmlParts } from '../../src/plan/html-blocks.js';
import { plan } from '../../src/plan/index.js';
import { createMarkdown } from '../../src/render/markdown.js';
import { sanitizeHtml } from '../../src/html/sanitize.js';
import { SAFETY, geometry, headingHeight } from '../../src/text/layout.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'gallery', 'gallery.md');
const doc = () => ingestMarkdown(readFileSync(fixture, 'utf8'), 'gallery.md');
const room = geometry.frame.height * SAFETY - headingHeight('A heading (cont.)', 'en');

const figure = (n: number, caption: string) => `<figure><img src="images/p${n}.png" alt="picture ${n}"/><figcaption>${caption}</figcaption></figure>`;
const LONG = 'This caption goes on for a long while, describing what the picture shows in more detail than any slide could hold under a picture, so the speaker says it instead of the slide showing it. '.repeat(2).trim();
const gallery = (n: number, caption = (k: number) => `Step ${k}.`) =>
  ['<div class="outer">', '<button type="button">Next</button>', '<div class="carousel">', ...Array.from({ length: n }, (_, k) => figure(k + 1, caption(k + 1))), '</div>', '</div>'].join('\n');

describe('htmlParts: raw HTML split for slides', () => {
  it('leaves Markdown and short HTML to the block as written', () => {
    expect(htmlParts('Just a paragraph with <b>bold</b> words.', 'en', room)).toBeUndefined();
    expect(htmlParts('<div><p>One short paragraph.</p></div>', 'en', room)).toBeUndefined();
  });

  it('unwraps pure wrapper divs (buttons do not count) and makes one picture part per figure', () => {
    const parts = htmlParts(gallery(8), 'en', room)!;
    expect(parts).toHaveLength(8);
    const md = createMarkdown({ file: 'gallery.md' });
    parts.forEach((p, k) => {
      expect(p.picture).toBe(true);
      expect(p.markdown.match(/<img /g)).toHaveLength(1);
      expect(p.markdown).toContain(`p${k + 1}.png`);
      // The carousel's button stays in the source of the first part, for the sanitizer to remove and report; no slide shows it.
      const shown = md(p.markdown, 1 + p.line);
      expect(shown).not.toMatch(/<button|Next/);
      expect(shown).toContain(`p${k + 1}.png`);
      // A caption that fits a heading line is the slide's title, not said twice; it is in the notes.
      expect(p.title).toBe(`Step ${k + 1}`);
      expect(shown).not.toContain('figcaption');
      expect(p.text).toBe(`Step ${k + 1}.`);
      expect(p.height).toBeLessThanOrEqual(room);
    });
    expect(md.diagnostics.map((d) => `${d.pos?.line}: ${d.message}`)).toEqual([expect.stringMatching(/^2: removed <button> from raw HTML/)]);
  });

  it('shows a short caption under its picture when the title is the alt text', () => {
    const long = (k: number) => `Day ${k}: the jar doubled in four hours and then fell back, leaving a ring on the glass.`;
    const parts = htmlParts(gallery(2, long).replace(/alt="picture (\d)"/g, 'alt="Jar on day $1"'), 'en', room)!;
    expect(parts.map((p) => p.title)).toEqual(['Jar on day 1', 'Jar on day 2']);
    expect(parts[0]!.markdown).toContain(`<figcaption>${long(1)}</figcaption>`);
  });

  it('loses no markup the sanitizer would report, and cuts nothing it would', () => {
    // A tall block with an image and a handler: kept whole (one piece), so its warning is given at its line.
    expect(htmlParts('<div>\n<img src="big.png" onerror="x()">\n<span onclick="y()">Text.</span>\n</div>', 'en', room)).toBeUndefined();
    // A picture that the render stage never shows (no image file) takes no room.
    expect(htmlParts('<div>\n<img src=x>\n<img src="nothing">\n<b>unclosed formatting\n</div>', 'en', room)).toBeUndefined();
    // Split between children: every part is balanced and the concatenation keeps every tag in order.
    const paras = Array.from({ length: 9 }, (_, k) => `<p onclick="p${k}()">Paragraph ${k + 1} says something about the subject at hand, at some length, so that it wraps onto a second line or a third.</p>`);
    const parts = htmlParts(['<div class="long">', ...paras, '<script>z()</script>', '</div>'].join('\n'), 'en', room)!;
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.markdown).join('\n').match(/onclick="p\d\(\)"/g)).toHaveLength(9);
    expect(parts.at(-1)!.markdown).toContain('<script>z()</script>');
    for (const p of parts) expect(p.markdown.match(/<div/g)?.length ?? 0).toBe(p.markdown.match(/<\/div>/g)?.length ?? 0);
    expect(parts.map((p) => p.line)).toEqual([...parts.map((p) => p.line)].sort((a, b) => a - b));
    expect(parts[1]!.line).toBeGreaterThan(0);
  });

  it('moves a long caption to the notes and keeps its picture on the slide', () => {
    const [p] = htmlParts(gallery(3, (k) => (k === 1 ? LONG : 'Short.')), 'en', room)!;
    expect(p!.markdown).not.toContain('figcaption');
    expect(p!.markdown).toContain('<img ');
    expect(p!.text).toBe(LONG);
  });

  it(`shows at most ${GALLERY_MAX} figures of a longer gallery, spread evenly, every caption still in the notes`, () => {
    const parts = htmlParts(gallery(40), 'en', room)!;
    expect(parts).toHaveLength(GALLERY_MAX);
    expect(parts[0]!.markdown).toContain('p1.png');
    expect(parts.at(-1)!.markdown).toContain('p40.png');
    const notes = parts.map((p) => p.text).join('\n');
    for (let k = 1; k <= 40; k++) expect(notes).toContain(`Step ${k}.`);
  });

  it('splits a tall block between its paragraphs, each part fitting the room, no text lost', () => {
    const paras = Array.from({ length: 9 }, (_, k) => `<p>Paragraph ${k + 1} says something about the subject at hand, at some length, so that it wraps onto a second line or a third.</p>`);
    const html = ['<div class="long">', ...paras, '<ul><li>One</li><li>Two</li></ul>', '</div>'].join('\n');
    const parts = htmlParts(html, 'en', room)!;
    expect(parts.length).toBe(10);
    for (const p of parts) expect(p.height).toBeLessThanOrEqual(room);
    expect(parts.at(-1)!.markdown).toBe('<ul><li>One</li><li>Two</li></ul>');
    for (let k = 1; k <= 9; k++) expect(parts.map((p) => p.text).join('\n')).toContain(`Paragraph ${k} says`);
  });

  it('writes a list split between its items again around each part', () => {
    const items = Array.from({ length: 30 }, (_, k) => `<li>Item ${k + 1} of a long list in raw HTML</li>`).join('\n');
    const parts = htmlParts(`<ul>\n${items}\n</ul>`, 'en', room)!;
    expect(parts.length).toBe(30);
    for (const p of parts) expect(p.markdown).toMatch(/^<ul>\n<li>[^]*<\/li>\n<\/ul>$/);
    // A numbered list goes on with its numbers.
    const numbered = htmlParts(`<ol start="3">\n${items}\n</ol>`, 'en', room)!;
    expect(numbered[1]!.markdown).toMatch(/^<ol start="4">\n<li>Item 2 /);
  });

  it('cuts text too tall for any slide at a sentence, the whole of it in the notes', () => {
    const sentence = 'This sentence is one of very many in a single paragraph that never ends. ';
    const text = sentence.repeat(40).trim();
    const parts = htmlParts(`<div><p>${text}</p><p>After.</p></div>`, 'en', room)!;
    expect(parts[0]!.height).toBeLessThanOrEqual(room);
    expect(parts[0]!.markdown.length).toBeLessThan(text.length);
    expect(parts[0]!.text).toBe(text);
  });

  it('keeps a row of pictures (inline content between blocks) together', () => {
    const html = '<div class="fig"><img src="a.png"/><img src="b.png"/><img src="c.png"/><div class="cap">A caption that runs on for a while.</div></div>';
    const parts = htmlParts(html, 'en', room)!;
    expect(parts[0]!.markdown).toBe('<div class="fig"><img src="a.png"/><img src="b.png"/><img src="c.png"/>\n</div>');
    expect(parts[1]!.markdown).toBe('<div class="cap">A caption that runs on for a while.</div>');
    expect(parts).toHaveLength(2);
  });
});

describe('htmlParts keeps what the sanitizer reports', () => {
  // Pieces of raw HTML, hostile and not, well nested or not: tall enough, often, to be split.
  const pieces = ['<div class="w">', '</div>', '<p>', '</p>', figure(1, 'A caption. With more words after it.'), '<button onclick="x()">Next</button>', '<script>s()</script>', '<ul>', '</ul>', '<li>An item of a list, long enough to wrap onto a line or two</li>', '<img src="b.png" onerror="e()">', '<img src=x>', '<b>', '<i>', 'Plain words between the tags. ', '<a href="javascript:x()">link</a>', '<noscript>no script</noscript>', '<svg><circle/></svg>', '\n'];
  it('reports the same removals over its parts as over the whole block, whatever the block', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 5, maxLength: 60 }), (bits) => {
        const html = `<div>\n${bits.join('\n')}\n</div>`;
        const parts = htmlParts(html, 'en', room);
        if (!parts) return;
        const removed = (h: string) => sanitizeHtml(h).removed.map((r) => r.message).sort();
        expect(parts.flatMap((p) => removed(p.markdown)).sort()).toEqual(removed(html));
      }),
      { numRuns: 300 },
    );
  });
});

describe('contentSlides with raw HTML', () => {
  it('puts each figure of a gallery on a slide of its own, continued, called by its caption', () => {
    const slides = contentSlides([{ kind: 'html', markdown: gallery(5), text: '', line: 3 }], 'A heading', 'en');
    expect(slides).toHaveLength(5);
    expect(slides.every((s) => s.variant === 'image')).toBe(true);
    expect(slides.slice(1).every((s) => s.continued)).toBe(true);
    expect(slides.map((s) => s.title)).toEqual(['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5']);
    // Each slide starts at its figure's line (the button is on line 4, figure k on line 5 + k).
    expect(slides.map((s) => s.line)).toEqual([3, 7, 8, 9, 10]);
  });

  it('calls a figure with no caption or alt text by the section, never "(cont.)" after "(cont.)"', () => {
    const bare = gallery(3).replace(/<figcaption>[^<]*<\/figcaption>/g, '').replace(/ alt="[^"]*"/g, '');
    const slides = contentSlides([{ kind: 'html', markdown: bare, text: '', line: 3 }], 'A heading', 'en');
    expect(slides.map((s) => s.title)).toEqual(['A heading', 'A heading', 'A heading']);
  });

  it('plans the fixture: 8 picture slides, the long read over more than one slide, no caption over two lines on a slide', () => {
    const p = plan(doc(), defaults);
    const pictures = p.slides.filter((s) => s.section === 'The week in pictures' && s.variant === 'image');
    expect(pictures).toHaveLength(8);
    for (const s of pictures) {
      const caption = /<figcaption>([^]*?)<\/figcaption>/.exec(s.body!)?.[1];
      if (caption) expect(caption.split(/\s+/).length).toBeLessThan(30);
    }
    // The one-line lead-in to the gallery makes no slide of its own: it is the first picture's notes.
    const section = p.slides.filter((s) => s.section === 'The week in pictures');
    expect(section.map((s) => s.template)).toEqual(['section', ...pictures.map(() => 'content')]);
    expect(pictures[0]!.notes).toMatch(/^Step through the pictures below, one per day\./);
    expect(pictures.filter((s) => s.title?.endsWith('(cont.)'))).toEqual([]);
    // Day two's caption is long: in the notes, not on the slide.
    expect(pictures[1]!.body).not.toContain('figcaption');
    expect(pictures[1]!.notes).toContain('the bacteria have woken up');
    const long = p.slides.filter((s) => s.section === 'Notes from the kitchen' && s.template === 'content');
    expect(long.length).toBeGreaterThan(1);
    expect(long.map((s) => s.body).join('\n')).toContain('Write down what you change.');
  });
});
