import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { ingest } from '../../src/ingest/index.js';
import { plan } from '../../src/plan/index.js';

const para = (topic: string) =>
  `The ${topic} keeps the harbour working through the winter, and the crews depend on it more than they admit. ` +
  `Every morning the harbour master checks the ${topic} before the first boat leaves, because a failure at sea costs far more than a delay at the quay. ` +
  `Most of the work is dull and careful, not heroic, and the best crews never talk about it. ` +
  `In 1998 a storm broke the old ${topic} in two places, and the town rebuilt it within a single month. `;

const essay = (marked: boolean) =>
  [
    '---', 'title: Winter Harbour', 'author: Ines Varga', '---', '',
    '## The breakwater', '',
    para('breakwater'), '', para('old breakwater'), '', para('new breakwater'), '',
    ...(marked ? ['> A harbour is only as strong as its dullest stone.', '', para('sea wall'), ''] : []),
    '## The lighthouse', '',
    para('lighthouse'), '', para('old lighthouse'), '', para('lamp room'), '',
  ].join('\n');

describe('pull quotes in articles and essays', () => {
  it('quotes a short block quote the author set apart mid-text, attributed to the author', () => {
    const p = plan(ingest(essay(true), 'essay.md'), defaults);
    const quotes = p.slides.filter((s) => s.template === 'quote').map((s) => s.quote);
    expect(quotes).toEqual([expect.objectContaining({ text: 'A harbour is only as strong as its dullest stone.', by: 'Ines Varga' })]);
  });

  it('without marked quotes, takes about one strongest sentence per section, verbatim, by the author', () => {
    const source = essay(false);
    const p = plan(ingest(source, 'essay.md'), defaults);
    const quotes = p.slides.filter((s) => s.template === 'quote');
    expect(quotes.map((s) => s.section)).toEqual(['The breakwater', 'The lighthouse']);
    for (const q of quotes) {
      expect(q.quote!.by).toBe('Ines Varga');
      expect(source).toContain(q.quote!.text);
      expect(q.quote!.choice?.reasons.length).toBeGreaterThan(0);
    }
  });
});
