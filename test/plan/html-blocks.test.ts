import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingestMarkdown } from '../../src/ingest/markdown.js';
import { contentSlides } from '../../src/plan/content.js';
import { GALLERY_MAX, htmlParts } from '../../src/plan/html-blocks.js';
import { plan } from '../../src/plan/index.js';
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
    parts.forEach((p, k) => {
      expect(p.picture).toBe(true);
      expect(p.markdown.match(/<img /g)).toHaveLength(1);
      expect(p.markdown).toContain(`p${k + 1}.png`);
      expect(p.markdown).not.toMatch(/button|carousel|Next/);
      // A short caption is on the slide, and in the notes.
      expect(p.markdown).toContain(`<figcaption>Step ${k + 1}.</figcaption>`);
      expect(p.text).toBe(`Step ${k + 1}.`);
      expect(p.height).toBeLessThanOrEqual(room);
    });
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
    expect(parts[0]!.markdown).toBe('<img src="a.png"/><img src="b.png"/><img src="c.png"/>');
    expect(parts).toHaveLength(2);
  });
});

describe('contentSlides with raw HTML', () => {
  it('puts each figure of a gallery on a slide of its own, continued', () => {
    const slides = contentSlides([{ kind: 'html', markdown: gallery(5), text: '', line: 3 }], 'A heading', 'en');
    expect(slides).toHaveLength(5);
    expect(slides.every((s) => s.variant === 'image')).toBe(true);
    expect(slides.slice(1).every((s) => s.title === 'A heading (cont.)')).toBe(true);
  });

  it('plans the fixture: 8 picture slides, the long read over more than one slide, no caption over two lines on a slide', () => {
    const p = plan(doc(), defaults);
    const pictures = p.slides.filter((s) => s.section === 'The week in pictures' && s.variant === 'image');
    expect(pictures).toHaveLength(8);
    for (const s of pictures) {
      const caption = /<figcaption>([^]*?)<\/figcaption>/.exec(s.body!)?.[1];
      if (caption) expect(caption.split(/\s+/).length).toBeLessThan(30);
    }
    // Day two's caption is long: in the notes, not on the slide.
    expect(pictures[1]!.body).not.toContain('figcaption');
    expect(pictures[1]!.notes).toContain('the bacteria have woken up');
    const long = p.slides.filter((s) => s.section === 'Notes from the kitchen' && s.template === 'content');
    expect(long.length).toBeGreaterThan(1);
    expect(long.map((s) => s.body).join('\n')).toContain('Write down what you change.');
  });
});
