import { beforeAll, describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import type { ExchangeBlock, Section, SourceDocument } from '../../src/model/document.js';
import type { DeckPlan } from '../../src/model/plan.js';
import { loadDocument } from '../../src/pipeline.js';
import { plan } from '../../src/plan/index.js';
import { units } from '../../src/plan/budgets.js';
import { hasSeed, seedPath } from '../helpers/cli.js';

function exchanges(sections: Section[]): ExchangeBlock[] {
  return sections.flatMap((s) => [...s.blocks.filter((b): b is ExchangeBlock => b.kind === 'exchange'), ...exchanges(s.subsections)]);
}

// Nothing is read while the tests are collected: without the seed, the block is skipped and its
// beforeAll never runs.
describe.skipIf(!hasSeed)(hasSeed ? 'planning the seed interview' : `planning the seed interview (skipped: ${seedPath} is absent)`, () => {
  let doc: SourceDocument;
  let p: DeckPlan;
  let units16: ExchangeBlock[];
  beforeAll(() => {
    doc = loadDocument(seedPath, {});
    p = plan(doc, defaults);
    units16 = exchanges(doc.sections);
  });

  it('makes exactly one pull quote per unit, verbatim from that unit’s answer, attributed to the interviewee', () => {
    const quotes = p.slides.filter((s) => s.template === 'quote');
    expect(units16).toHaveLength(16);
    expect(quotes).toHaveLength(16);
    quotes.forEach((q, i) => {
      const answer = units16[i].answer!;
      expect(answer.text).toContain(q.quote!.text);
      expect(q.quote!.by).toBe(doc.meta.interviewee);
      expect(units(q.quote!.text, 'zh')).toBeGreaterThanOrEqual(12);
      expect(units(q.quote!.text, 'zh')).toBeLessThanOrEqual(60);
      for (const c of units16[i].commentary) expect(c).not.toContain(q.quote!.text);
      expect(q.quote!.line).toBeGreaterThan(0);
    });
  });

  it('makes 13 question slides attributed to the interviewer', () => {
    const questions = p.slides.filter((s) => s.template === 'question');
    expect(questions).toHaveLength(13);
    for (const q of questions) expect(q.question!.by).toBe(doc.meta.interviewer);
  });

  it('puts notes on every slide, the date on the title slide, and no page noise anywhere', () => {
    for (const s of p.slides) expect(s.notes.trim().length).toBeGreaterThan(0);
    expect(p.slides[0].kicker).toContain('2025年3月13日');
    const all = JSON.stringify(p);
    for (const noise of ['点击次数', '发布时间', '17:30:48']) expect(all).not.toContain(noise);
  });

  it('keeps all 14 sections and fits 10 minutes when asked', () => {
    expect(p.durationMinutes).toBeGreaterThan(10);
    const short = plan(doc, { ...defaults, duration: 10 });
    expect(short.durationMinutes).toBeLessThanOrEqual(10);
    expect(short.slides.filter((s) => s.template === 'section' && s.level === 2)).toHaveLength(14);
  });
});
