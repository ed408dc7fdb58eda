import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QUOTE_TIE_MARGIN, QUOTE_WEIGHTS, chooseQuote, scoreQuote } from '../../src/plan/quotes.js';

describe('which sentence is the pull quote', () => {
  it('takes the sentence that answers the question over the example after it', () => {
    const answer = 'The most frequent use for the tide log is to plan safe crossings for the ferries. The harbour ferry is a simple example of a boat that depends on it every day.';
    const c = chooseQuote(answer, 'en')!;
    expect(c.text).toBe('The most frequent use for the tide log is to plan safe crossings for the ferries.');
    expect(c.reasons).toContain('first-claim +1');
    expect(c.runnerUp?.text).toBe('The harbour ferry is a simple example of a boat that depends on it every day.');
    expect(c.runnerUp?.reasons).toContain('example -2');
  });

  it('ranks a contrast above an earlier claim with a number (the contrast weight decides)', () => {
    const answer = 'We have never lost a boat in 40 years of crossings. A harbour is built for 100 storms, not for speed or show.';
    const c = chooseQuote(answer, 'en')!;
    expect(c.text).toBe('A harbour is built for 100 storms, not for speed or show.');
    expect(c.score - c.runnerUp!.score).toBeGreaterThan(QUOTE_TIE_MARGIN);
    expect(QUOTE_WEIGHTS.contrast).toBe(3);
  });

  it('lets an earlier candidate within the tie margin win (the margin decides)', () => {
    const answer = 'Harbours are built for shelter. They are not built for speed. The harbour is older than the town around it.';
    const c = chooseQuote(answer, 'en')!;
    expect(c.text).toBe('Harbours are built for shelter. They are not built for speed.');
    expect(c.runnerUp).toMatchObject({ text: 'The harbour is older than the town around it.', score: c.score + 0.5 });
  });

  it('never quotes a URL, a question, a label or a sentence ending in a colon', () => {
    const answer = [
      'See https://example.org/harbour for the whole tide table of the year.',
      'Why would anyone cross the bay in January, when the water is coldest?',
      'Answer: the harbour master decides every crossing in the winter.',
      'The pilots always read the water before they read the chart.',
      'The harbour gives up some speed in return for shelter; for example:',
    ].join(' ');
    expect(chooseQuote(answer, 'en')!.text).toBe('The pilots always read the water before they read the chart.');
  });

  it('passes over the speaker narrating the session for what they say (zh and en)', () => {
    // A demo's stage business and a promise about later in the talk come first, the point after.
    const zh = '我们先把旧的日志清理一下，我马上给大家重新跑起来。后面会结合调试的场景再次讲解这些细节。真正难的从来不是选主，而是选主之后日志怎么追上来。';
    const c = chooseQuote(zh, 'zh')!;
    expect(c.text).toBe('真正难的从来不是选主，而是选主之后日志怎么追上来。');
    expect(scoreQuote('我们先把旧的日志清理一下，然后重新启动三个节点。', 'zh').reasons).toContain('narration -2');
    const en = "Let me show you the log from last night's outage on the next screen. We'll come back to this later in the talk. A lighthouse keeper trusts the lamp, never the weather report.";
    expect(chooseQuote(en, 'en')!.text).toBe('A lighthouse keeper trusts the lamp, never the weather report.');
    // 一下子 ("all at once") is no stage business.
    expect(scoreQuote('潮水一下子退了三米，港口里的船全都搁浅在泥滩上。', 'zh').reasons).not.toContain('narration -2');
  });

  it('passes over a sentence broken off and started again', () => {
    const answer = "There's a, the harbour fills up at noon whatever we plan. The tide tables were right.... they were right every single year. A good pilot never argues with the tide.";
    expect(chooseQuote(answer, 'en')!.text).toBe('A good pilot never argues with the tide.');
  });

  it('counts an unclosed book-title or lenticular bracket as unbalanced', () => {
    expect(scoreQuote('他在《潮汐手册里写道，港口从不等人，船要等潮水。', 'zh').reasons).toContain('unbalanced -2');
    expect(scoreQuote('他在《潮汐手册》里写道，港口从不等人，船要等潮水。', 'zh').reasons).not.toContain('unbalanced -2');
    expect(scoreQuote('【更新港口从不等人，船要等潮水，这是老规矩。', 'zh').reasons).toContain('unbalanced -2');
  });

  it('quotes verbatim: a substring of the answer it came from', () => {
    const word = fc.constantFrom('harbour', 'The', 'pilots', 'are', 'not', 'but', 'we', 'I', '40', 'never', 'always', 'water', 'tide', 'for', 'example');
    const sentence = fc.tuple(fc.array(word, { minLength: 3, maxLength: 25 }), fc.constantFrom('.', '?', '!', ':', ';')).map(([w, e]) => w.join(' ') + e);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (sentences) => {
        const answer = sentences.join(' ');
        const c = chooseQuote(answer, 'en');
        if (!c) return;
        expect(answer.slice(c.start, c.end)).toBe(c.text);
        expect(c.text).not.toMatch(/[?:][\s"')]*$/u);
        if (c.runnerUp) expect(answer).toContain(c.runnerUp.text);
      }),
      { numRuns: 300 },
    );
  });
});
