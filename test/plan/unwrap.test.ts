import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import type { ExchangeBlock, ParagraphBlock } from '../../src/model/document.js';
import { joinLines, unwrapLines, unwrapParagraph } from '../../src/ingest/unwrap.js';
import { splitSentences } from '../../src/text/sentences.js';

describe('unwrapping soft-wrapped lines', () => {
  it('joins English with one space and Chinese with none', () => {
    expect(joinLines('Usually, the keys are deliberately', 'slow to derive.')).toBe('Usually, the keys are deliberately slow to derive.');
    expect(joinLines('慢一点的密钥派生', '是故意的。')).toBe('慢一点的密钥派生是故意的。');
    expect(joinLines('一个 lock-', 'free queue')).toBe('一个 lock-free queue');
    expect(joinLines('使用', 'Rust 写')).toBe('使用 Rust 写');
  });

  it('makes one sentence of a sentence the source wrapped', () => {
    const [p] = unwrapLines(['The harbour pilots agree that a tide table is', 'worth more than a faster boat. They say so often.']);
    expect(splitSentences(p!.text, 'en').map((s) => s.text)).toEqual([
      'The harbour pilots agree that a tide table is worth more than a faster boat.',
      'They say so often.',
    ]);
  });

  it('keeps list items, table rows and headings on their own lines', () => {
    const [p] = unwrapLines(['Three things matter:', '- the tide,', '- the wind that', '  turns at noon,', '| a | b |', '## Next']);
    expect(p!.text.split('\n')).toEqual(['Three things matter:', '- the tide,', '- the wind that turns at noon,', '| a | b |', '## Next']);
  });

  it('starts a new piece at each speaker label, with its own line', () => {
    const pieces = unwrapLines(['Q: Why do you', 'row at dawn?', 'A: Because the water is flat', 'and the harbour is quiet.']);
    expect(pieces).toEqual([
      { text: 'Q: Why do you row at dawn?', first: 0, count: 2 },
      { text: 'A: Because the water is flat and the harbour is quiet.', first: 2, count: 2 },
    ]);
  });

  it('keeps a label that stands alone above its words', () => {
    const [p] = unwrapLines(['**Mira Holt:** 00:01:10', 'We rowed out at six.']);
    expect(p!.text).toBe('**Mira Holt:** 00:01:10\nWe rowed out at six.');
  });

  it('honours Markdown hard breaks, read from the source', () => {
    const pieces = unwrapParagraph('Roses are red,  \nviolets are\nblue.', 'Roses are red,\nviolets are\nblue.', 7);
    expect(pieces).toEqual([{ markdown: 'Roses are red,  \nviolets are\nblue.', text: 'Roses are red,\nviolets are blue.', line: 7 }]);
  });
});

describe('readers unwrap before any sentence work', () => {
  it('joins a wrapped Markdown paragraph and keeps its first line', () => {
    const md = '# Tides\n\n## Pilots\n\nThe harbour pilots agree that a tide table is\nworth more than a faster boat, and they say so\nto every new skipper.\n';
    const doc = ingest(md, 'tides.md');
    const p = doc.sections[0]!.blocks[0] as ParagraphBlock;
    expect(p.text).toBe('The harbour pilots agree that a tide table is worth more than a faster boat, and they say so to every new skipper.');
    expect(p.line).toBe(5);
  });

  it('gives each labelled turn of a wrapped Markdown paragraph its own source line', () => {
    const md = [
      '# Rowing', '', '## Mornings', '',
      'Host: Why do you always', 'row at dawn, before work?',
      'Mira Holt: Because the water is flat', 'and the harbour is quiet.', '',
      'Host: And in winter, when it', 'is dark at seven?',
      'Mira Holt: Then I row at noon. The', 'light matters more than the hour.', '',
    ].join('\n');
    const doc = ingest(md, 'rowing.md');
    const units = doc.sections[0]!.blocks.filter((b): b is ExchangeBlock => b.kind === 'exchange');
    expect(units.map((u) => [u.question?.line, u.answer?.line])).toEqual([[5, 7], [10, 12]]);
    expect(units[1]!.answer!.text).toBe('Then I row at noon. The light matters more than the hour.');
  });

  it('joins wrapped plain text but never a list item into the line before', () => {
    const txt = [
      'Tide tables',
      '',
      'A tide table printed for the harbour gives the times of high and low water for',
      'every day of the year, and the pilots keep one in every boat they take out.',
      '1. Read the table before you leave the harbour in the morning light today.',
      '2. Read it again when you turn for home, because the wind may have changed.',
      '',
      'That is all the pilots ask of a new skipper on the first day of the season.',
    ].join('\n');
    const doc = ingest(txt, 'tides.txt');
    const texts = doc.sections.flatMap((s) => s.blocks).map((b) => ('text' in b ? b.text : ''));
    expect(texts).toContain('A tide table printed for the harbour gives the times of high and low water for every day of the year, and the pilots keep one in every boat they take out.');
    expect(texts.some((t) => t.startsWith('1. Read the table'))).toBe(true);
  });
});
