import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toOutlineMarkdown } from '../../src/ingest/outline.js';
import { ingestPlainText } from '../../src/ingest/plain-text.js';
import { inferTurns } from '../../src/ingest/turns.js';

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

// How ingest time grows with input size is measured in `npm run bench` (bench/bigdecks.ts,
// ingestCase), as a ratio: a timing assertion here failed on a loaded machine (#13).
