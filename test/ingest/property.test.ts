import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toOutlineMarkdown } from '../../src/ingest/outline.js';
import { ingestPlainText } from '../../src/ingest/plain-text.js';
import { inferTurns } from '../../src/ingest/turns.js';
import { fixture } from './helpers.js';

const run = (s: string) => inferTurns(ingestPlainText(s, 'any.txt'));

// Pieces that steer generated text into every path: labels, headings, furniture, markers,
// sentence ends of both widths, similes and pronouns, wrapped-looking lines.
const PIECES = [
  '记者:', '张三：', 'Q:', 'A: ', '问:', '答：', '**Host:** ', '**00:01:42 - Ann Lee**: ', 'Note: ', '访谈背景:', 'Summary: ',
  '(一)', '（二）', '一、', '1. ', 'Part 2 ', 'THE END', '发布时间:', '2025-03-13 17:30:48 点击次数:', '次', '<!-- commentary -->',
  '。', '?', '？', '!', '; ', '. ', ',', '\n', '\n\n', '\r\n', ' ', '\t', '就像', '我们', '张三认为', 'he said', 'like a',
  '在这个领域,', 'The canal was the only road that never flooded in the spring months', 'follow', '“', '”', '*', '#', '\u0000', '\uFEFF',
];
const structured = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 120 }).map((a) => a.join(''));

describe('ingest never throws', () => {
  it('on any string, including full Unicode', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (s) => {
        const doc = run(s);
        toOutlineMarkdown(doc);
        expect(doc.sections.length > 0 || doc.intro.length === 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('on strings built from labels, headings, furniture and markers', () => {
    fc.assert(
      fc.property(structured, (s) => {
        const doc = run(s);
        toOutlineMarkdown(doc);
        expect(doc.sections.length > 0 || doc.intro.length === 0).toBe(true);
        for (const d of doc.diagnostics) expect(d.pos?.line ?? 1).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });
});

/** Median wall time of a few runs, in milliseconds. */
function medianMs(fn: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

describe('ingest time grows linearly with input size', () => {
  // A ratio, not a threshold: 8× the input takes about 8× the time when linear and 64× when
  // quadratic, so 30× leaves ample room for noise without letting a quadratic loop through.
  const LIMIT = 30;
  const unit = ['wenda.txt', 'blank-line-commentary.txt', 'qa-english.txt', 'wrapped-essay.txt'].map(fixture).join('\n\n');
  const base = unit.repeat(Math.ceil(20_000 / unit.length));

  it('for many paragraphs', () => {
    run(base);
    const one = medianMs(() => run(base));
    const eight = medianMs(() => run(base.repeat(8)));
    expect(eight / Math.max(one, 1)).toBeLessThan(LIMIT);
  });

  it('for one long paragraph of labelled turns and commentary', () => {
    const para = '记者:为什么?张三:我们喜欢。张三认为,热爱就像火。'.repeat(300);
    run(para);
    const one = medianMs(() => run(para));
    const eight = medianMs(() => run(para.repeat(8)));
    expect(eight / Math.max(one, 1)).toBeLessThan(LIMIT);
  });

  it('for one long answer without labels inside', () => {
    const para = `记者:请讲。张三:${'我们在这里工作,每天都很忙。'.repeat(400)}`;
    run(para);
    const one = medianMs(() => run(para));
    const eight = medianMs(() => run(`记者:请讲。张三:${'我们在这里工作,每天都很忙。'.repeat(3200)}`));
    expect(eight / Math.max(one, 1)).toBeLessThan(LIMIT);
  });
});
