import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POINT_WEIGHTS, endsOnFunctionWord, keyPoints } from '../../src/plan/points.js';
import { splitSentences } from '../../src/text/sentences.js';

const en = (sources: string[], maxUnits = 16, maxItems = 5) => keyPoints(sources, 'en', { maxItems, maxUnits });
const zh = (sources: string[], maxUnits = 30, maxItems = 5) => keyPoints(sources, 'zh', { maxItems, maxUnits });

describe('key points: whole sentences or complete clauses', () => {
  it('keeps a sentence whole when it fits, with its own capitals and connective', () => {
    expect(en(['But the ferry crew trains every winter on the open sea.'])).toEqual(['But the ferry crew trains every winter on the open sea']);
  });

  it('cuts a long sentence after a complete clause at a strong boundary and marks the cut', () => {
    const src = 'Usually, the harbour keys are deliberately slow to copy; a thief who finds one spends a whole night at the grinder before a single door opens for him.';
    expect(en([src], 10)).toEqual(['Usually, the harbour keys are deliberately slow to copy…']);
  });

  it('never stops on a function word', () => {
    expect(en(['The meetings are all, in the end, about trust between people who rarely get to meet in person.'], 6)).toEqual([]);
    expect(endsOnFunctionWord('IMO if your team is mostly remote, you’re', 'en')).toBe(true);
    expect(endsOnFunctionWord('If I spend a week working on a tricky bug', 'en')).toBe(false);
    expect(endsOnFunctionWord('There are two key ingredients here:', 'en')).toBe(true);
    // A hyphenated compound is one word: "head-on" does not end on "on".
    expect(endsOnFunctionWord('The crew meets every storm head-on', 'en')).toBe(false);
    expect(endsOnFunctionWord('The crew meets every storm head on', 'en')).toBe(true);
  });

  it('never keeps a subordinate clause alone', () => {
    expect(en(['If you spend a week on a tricky bug, you learn more than any course could ever teach you about the system.'], 10)).toEqual([]);
  });

  it('never deletes words from inside a sentence or starts one in the middle (English)', () => {
    const src = 'The tide tables are printed every spring, but the pilots still check the water with their own eyes before every crossing.';
    // Too long even for a relaxed bullet, and no cut before "but": no bullet, not a half of the contrast.
    const out = en([src], 8);
    expect(out).toEqual([]);
    expect(out.join()).not.toMatch(/^[Tt]he pilots still/u);
  });

  it('leaves out labels, colon lead-ins, bracketed asides and URLs', () => {
    const out = en([
      'Note: the ferry leaves at six sharp on weekdays.',
      'The timetable should look like this:',
      '(The ferry is older than the harbour wall itself.)',
      'See https://example.org/ferry for the full timetable of the season.',
      'The ferry crew trains every winter on the open sea.',
    ]);
    expect(out).toEqual(['The ferry crew trains every winter on the open sea']);
  });

  it('ends a Chinese cut at a clause, never on 的/和/在', () => {
    expect(zh(['这个项目最重要的，是长期坚持下去的耐心和每一天的小改进。'], 8)).toEqual([]);
    expect(zh(['港口的潮汐表每年春天都会重新印刷一次——领航员每次出港之前都要再用眼睛确认一遍水位和风向。'], 20)).toEqual(['港口的潮汐表每年春天都会重新印刷一次…']);
    // No cut at "，" (before 并且): within twice the budget the sentence stays whole, beyond it there is none.
    expect(zh(['港口的潮汐表每年春天都会重新印刷一次，并且免费发给每一位领航员。'], 20)).toEqual(['港口的潮汐表每年春天都会重新印刷一次，并且免费发给每一位领航员']);
    expect(zh(['港口的潮汐表每年春天都会重新印刷一次，并且免费发给每一位领航员。'], 12)).toEqual([]);
    // A later clause where a new thought opens runs to the sentence's end: nothing cut from it.
    expect(zh(['港口的潮汐表每年春天重新印刷，但领航员仍然用眼睛确认水位。'], 12)).toEqual(['领航员仍然用眼睛确认水位']);
    expect(endsOnFunctionWord('我们把价值沉淀在…', 'zh')).toBe(true);
    // A noun that ends on such a character is a whole word: "行为" is not "为".
    expect(endsOnFunctionWord('这段代码不会产生未定义行为', 'zh')).toBe(false);
    expect(endsOnFunctionWord('这段代码被认为', 'zh')).toBe(true);
  });

  it('takes fewer, better points when nothing else fits: no questions to make up the number', () => {
    expect(en(['The ferry crew trains every winter on the open sea.', 'Why would anyone cross the bay in January at all?'])).toEqual([
      'The ferry crew trains every winter on the open sea',
    ]);
  });

  it('ranks a contrast above a claim with a number (the contrast weight decides)', () => {
    const claim = 'In 2019 the harbour crew shipped 40 boats and was always on time.';
    const contrast = 'Owners matter more to a harbour, not the tools they happen to buy.';
    expect(en([claim, contrast], 16, 1)).toEqual(['Owners matter more to a harbour, not the tools they happen to buy']);
    expect(POINT_WEIGHTS.contrast).toBeGreaterThan(POINT_WEIGHTS.claim + POINT_WEIGHTS.number);
  });
});

describe('key points: properties', () => {
  const word = fc.constantFrom('the', 'The', 'harbour', 'Pilots', 'check', 'tides', 'and', 'but', 'of', 'is', 'are', 'not', 'always', 'iPhone', 'we', 'We', 'in', 'boats', '40', 'If', 'so');
  const sentence = fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 24 }), fc.array(fc.integer({ min: 0, max: 23 }), { maxLength: 3 }), fc.constantFrom('.', '!', '?', ':', ''))
    .map(([words, commas, end]) => words.map((w, i) => (commas.includes(i) && i < words.length - 1 ? `${w},` : w)).join(' ') + end);
  const source = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((s) => s.join(' '));

  it('every point is a source substring, or a source sentence prefix + "…"; starts as its sentence does; never ends on a function word or colon', () => {
    fc.assert(
      fc.property(fc.array(source, { minLength: 1, maxLength: 3 }), fc.integer({ min: 4, max: 20 }), (sources, maxUnits) => {
        const sentences = sources.flatMap((s) => splitSentences(s, 'en').map((x) => x.text));
        for (const p of keyPoints(sources, 'en', { maxItems: 5, maxUnits })) {
          const body = p.replace(/…$/u, '');
          const from = sentences.filter((s) => (p.endsWith('…') ? s.startsWith(body) : s.includes(body)));
          expect(from.length, p).toBeGreaterThan(0);
          if (/^\p{Ll}/u.test(p)) expect(from.some((s) => /^\p{Ll}/u.test(s)), p).toBe(true);
          expect(endsOnFunctionWord(p, 'en'), p).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Chinese points are source substrings (a cut marked "…") ending on no particle', () => {
    const piece = fc.constantFrom('我们', '港口', '的', '潮汐', '不是', '而是', '，', '。', '；', '但是', '所以', '领航员', '在', '检查', '水位', '42');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), { minLength: 1, maxLength: 3 }), fc.integer({ min: 4, max: 30 }), (sources, maxUnits) => {
        for (const p of keyPoints(sources, 'zh', { maxItems: 5, maxUnits })) {
          expect(sources.some((s) => s.includes(p.replace(/…$/u, ''))), p).toBe(true);
          expect(endsOnFunctionWord(p, 'zh'), p).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
