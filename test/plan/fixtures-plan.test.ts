import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import type { ExchangeBlock, Section } from '../../src/model/document.js';
import { loadDocument } from '../../src/pipeline.js';
import { plan } from '../../src/plan/index.js';
import { root } from '../helpers/cli.js';

function exchanges(sections: Section[]): ExchangeBlock[] {
  return sections.flatMap((s) => [...s.blocks.filter((b): b is ExchangeBlock => b.kind === 'exchange'), ...exchanges(s.subsections)]);
}

const interviews = ['content/zh-interview.md', 'test/fixtures/plan/en-interview.md'];
const all = [...interviews, 'content/en-talk.md', 'test/fixtures/plan/lecture-notes.md'];

describe.each(all)('planning %s', (rel) => {
  const doc = loadDocument(join(root, rel), {});
  const p = plan(doc, defaults);

  it('gives every slide notes and the deck a duration', () => {
    for (const s of p.slides) expect(s.notes.trim()).not.toBe('');
    expect(p.durationMinutes).toBeGreaterThan(0);
  });

  it('fits half its length while keeping every section', () => {
    const target = Math.max(3, Math.ceil(p.durationMinutes / 2));
    const short = plan(doc, { ...defaults, duration: target });
    expect(short.durationMinutes).toBeLessThanOrEqual(target);
    const titles = (q: typeof p) => q.slides.filter((s) => s.template === 'section').map((s) => s.title);
    expect(titles(short)).toEqual(titles(p));
  });
});

describe.each(interviews)('interview quotes in %s', (rel) => {
  const doc = loadDocument(join(root, rel), {});
  const p = plan(doc, defaults);
  const units = exchanges(doc.sections).filter((u) => u.answer);

  it('quotes only the interviewee, verbatim from the answer, one per unit', () => {
    const quotes = p.slides.filter((s) => s.template === 'quote');
    expect(quotes.length).toBe(units.length);
    quotes.forEach((q, i) => {
      expect(units[i].answer!.text).toContain(q.quote!.text);
      expect(q.quote!.by).toBe(units[i].answer!.speaker);
      expect(q.quote!.by).not.toBe(doc.meta.interviewer);
    });
  });

  it('attributes question slides to the interviewer', () => {
    for (const s of p.slides.filter((x) => x.template === 'question')) expect(s.question!.by).toBe(doc.meta.interviewer);
    expect(p.slides.filter((x) => x.template === 'question').length).toBe(units.filter((u) => u.question).length);
  });
});

describe('lecture notes without quotes', () => {
  it('never makes a quote slide', () => {
    const p = plan(loadDocument(join(root, 'test/fixtures/plan/lecture-notes.md'), {}), defaults);
    expect(p.slides.some((s) => s.template === 'quote')).toBe(false);
    expect(p.slides.some((s) => s.template === 'points')).toBe(true);
  });
});
