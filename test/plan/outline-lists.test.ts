import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import type { ListBlock, RichBlock } from '../../src/model/document.js';
import { contentSlides } from '../../src/plan/content.js';
import { plan } from '../../src/plan/index.js';
import { endsOnFunctionWord, outlinePoint } from '../../src/plan/points.js';

const outline = (items: string[], levels: number[], extra: Partial<ListBlock> = {}): ListBlock => ({ kind: 'list', ordered: false, items, levels, shorten: true, line: 1, ...extra });

describe('an outline line on a slide (points rules)', () => {
  it('keeps a line that fits, whole', () => {
    expect(outlinePoint('Customers arrive one at a time, at random moments', 'en', 16)).toBe('Customers arrive one at a time, at random moments');
  });

  it('shows the first sentence of a paragraph when it fits', () => {
    const text = 'It is important to tell the two apart. The first is always a set; the second is an object of the category, and only some categories have them.';
    expect(outlinePoint(text, 'en', 16)).toBe('It is important to tell the two apart.');
  });

  it('cuts a long sentence only after a complete clause at a strong boundary, marked "…", never inside one', () => {
    const text = 'The broker holds every message until a consumer is ready for the work; producers and consumers no longer need to keep the same pace, which matters most during a busy hour when every queue in the system is long and the consumers fall behind.';
    const shown = outlinePoint(text, 'en', 16);
    expect(shown).toBe('The broker holds every message until a consumer is ready for the work…');
    expect(text.startsWith(shown.replace(/…$/u, ''))).toBe(true);
    expect(endsOnFunctionWord(shown, 'en')).toBe(false);
  });

  it('never cuts inside brackets: a colon in "(y : Y)" ends no clause', () => {
    const text = 'The main property of an arrow g : X^Y is that given a point (y : Y) we can apply it to produce an element of X (by evaluation), in other words the operation of applying';
    const shown = outlinePoint(text, 'en', 16, 24);
    expect((shown.match(/\(/gu) ?? []).length).toBe((shown.match(/\)/gu) ?? []).length);
    expect(text.startsWith(shown.replace(/…$/u, ''))).toBe(true);
  });

  it('keeps the whole first sentence when no clause can be cut from it', () => {
    const text = 'A client that retries adds arrivals exactly when the server is slow and pushes the utilisation of every shared resource towards one. More follows.';
    expect(outlinePoint(text, 'en', 8)).toBe('A client that retries adds arrivals exactly when the server is slow and pushes the utilisation of every shared resource towards one.');
  });
});

describe('outline lists on content slides', () => {
  it('renders levels as nested Markdown lists and keeps every line, whole, in the notes', () => {
    const long = 'Real arrivals are often burstier than the Poisson model suggests, because lunch hours, marketing emails and retry storms all come in waves. A burst fills the line.';
    const [slide] = contentSlides([outline(['Arrivals', 'random moments', long, 'Service'], [0, 1, 1, 0])], 'Parts', 'en');
    // The line is over the room kept for a whole line; its first sentence fits three lines, so it is shown whole, not cut at its comma.
    expect(slide!.body).toBe('- Arrivals\n  - random moments\n  - Real arrivals are often burstier than the Poisson model suggests, because lunch hours, marketing emails and retry storms all come in waves.\n- Service');
    expect(slide!.notes).toContain(long);
  });

  it('numbers the top level of a numbered outline and indents its sub-bullets under the number', () => {
    const [slide] = contentSlides([outline(['Universal property', 'for every arrow there is one', 'Reflection'], [0, 1, 0], { ordered: true, start: 3 })], 'Recall', 'en');
    expect(slide!.body).toBe('3. Universal property\n   - for every arrow there is one\n4. Reflection');
  });

  it('breaks pages between topics rather than between a bullet and its sub-bullets, and evens them out', () => {
    const items: string[] = [];
    const levels: number[] = [];
    for (let k = 0; k < 6; k++) {
      items.push(`Topic line number ${k + 1} of the outline`, `first detail of topic ${k + 1}`, `second detail of topic ${k + 1}`);
      levels.push(0, 1, 1);
    }
    const slides = contentSlides([outline(items, levels)], 'Details', 'en');
    expect(slides.length).toBe(2);
    for (const s of slides) expect(s.body!.startsWith('- Topic line')).toBe(true);
    const counts = slides.map((s) => s.body!.split('\n').length);
    expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThanOrEqual(3);
  });
});

describe('a line leading into a formula', () => {
  it('goes on the formula\'s slide, not alone at the foot of the slide before', () => {
    const items = Array.from({ length: 7 }, (_, k) => `Point ${k + 1} of the argument, stated in a few words`);
    items.push('The derivation goes as follows');
    const code: RichBlock = { kind: 'code', markdown: ['```text', ...Array.from({ length: 8 }, (_, k) => `step ${k + 1} = step ${k} + 1`), '```'].join('\n'), text: '', line: 9 };
    const slides = contentSlides([outline(items, items.map(() => 0)), code], 'Proof', 'en');
    const withCode = slides.find((s) => s.body!.includes('```text'))!;
    expect(withCode.body).toContain('- The derivation goes as follows\n\n```text');
    expect(slides.filter((s) => s.body!.includes('The derivation goes as follows')).length).toBe(1);
  });
});

describe('dividers of subsections', () => {
  it('drops a subsection divider that would follow its parent divider straight away', () => {
    const md = [
      '# Talk',
      '',
      '## Part one',
      '',
      '### A long first topic',
      '',
      ...Array.from({ length: 30 }, (_, i) => `- point ${i + 1} of the first topic, spelled out at some length`),
      '',
      '### A second topic',
      '',
      '- one more point',
      '',
      '## Part two',
      '',
      '- a closing point',
      '- another closing point',
    ].join('\n');
    const p = plan(ingest(md, 'talk.md'), defaults);
    const titles = p.slides.map((s) => `${s.template}:${s.title}`);
    expect(titles).toContain('section:Part one');
    expect(titles).not.toContain('section:A long first topic');
    expect(titles.filter((t) => t.startsWith('content:A long first topic')).length).toBeGreaterThan(1);
  });
});

describe('an outline\'s slides filled (issue #16)', () => {
  const formula = (n: number, line = 2): RichBlock => ({ kind: 'code', markdown: ['```text', ...Array.from({ length: n }, (_, k) => `x${k} = f (x${k + 1}) + g x${k}`), '```'].join('\n'), text: '', line });

  it('fills the room under a formula with the next topics, as one list, rather than starting a slide', () => {
    const points = Array.from({ length: 6 }, (_, k) => `Point ${k + 1} of the argument, in a few words`);
    const slides = contentSlides([outline(['The derivation goes as follows'], [0]), formula(6), outline(points, points.map(() => 0))], 'Proof', 'en');
    expect(slides).toHaveLength(2);
    expect(slides[0]!.body).toMatch(/^- The derivation goes as follows\n\n```text compact\n[\s\S]*```\n\n- Point 1 /u);
    // Groups that meet on a slide are one list: no blank line between their items.
    for (const s of slides) expect(s.body!.split('\n\n').filter((b) => b.startsWith('- Point')).length).toBeLessThanOrEqual(1);
    expect(slides.map((s) => s.body!.match(/^- Point/gmu)?.length ?? 0).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('sets a formula one step smaller when that keeps it on the slide of the line leading into it', () => {
    const slides = contentSlides([outline(['The whole derivation:'], [0]), formula(14)], 'Proof', 'en');
    expect(slides).toHaveLength(1);
    expect(slides[0]!.body).toMatch(/^- The whole derivation:\n\n```text compact fit=[12]\n/u);
  });

  it('keeps a line ending in a colon with the list it introduces', () => {
    const before = Array.from({ length: 8 }, (_, k) => `Earlier point ${k + 1}, stated at the length of a line of notes`);
    const slides = contentSlides([outline([...before, 'We obtained:'], before.map(() => 0).concat(0)), outline(['Reflection', 'Fusion'], [0, 0], { ordered: true })], 'Recall', 'en');
    for (const s of slides) expect(s.body!.trimEnd()).not.toMatch(/:$/u);
    expect(slides.find((s) => s.body!.includes('We obtained:'))!.body).toContain('1. Reflection');
  });
});
