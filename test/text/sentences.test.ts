import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';

const texts = (t: string, lang: 'zh' | 'en') => splitSentences(t, lang).map((s) => s.text);

describe('splitSentences: Chinese', () => {
  it('keeps a quoted question or exclamation inside the sentence when the sentence goes on in lower case', () => {
    const text = 'Often a pupil asks, "What if the rope was wet?" or "What if it was shorter?" and that becomes the next test. "Stop!" she said. Why? Because.';
    expect(splitSentences(text, 'en').map((s) => s.text)).toEqual([
      'Often a pupil asks, "What if the rope was wet?" or "What if it was shorter?" and that becomes the next test.',
      '"Stop!" she said.',
      'Why?',
      'Because.',
    ]);
  });

  it('starts a numbered item after a question with its opening bracket, not ends the question on it', () => {
    expect(texts('我们要回答三件事：（1）谁来存数据？（2）存多久？(3) 谁付钱？「4」怎么退出？', 'zh')).toEqual([
      '我们要回答三件事：（1）谁来存数据？',
      '（2）存多久？',
      '(3) 谁付钱？',
      '「4」怎么退出？',
    ]);
  });

  it('splits at full-width terminators', () => {
    expect(texts('我们必须创新。创新需要信心！你同意吗？', 'zh')).toEqual(['我们必须创新。', '创新需要信心！', '你同意吗？']);
  });

  it('splits at ASCII ? ! ; written after Han characters', () => {
    expect(texts('为什么?因为这样;所以可以!好的。', 'zh')).toEqual(['为什么?', '因为这样;', '所以可以!', '好的。']);
  });

  it('splits at an ASCII ; between an English term and Han text', () => {
    expect(texts('积累很多 know-how;形成自己的文化。', 'zh')).toEqual(['积累很多 know-how;', '形成自己的文化。']);
  });

  it('splits at a full-width semicolon', () => {
    expect(texts('第一是信心；第二是组织。', 'zh')).toEqual(['第一是信心；', '第二是组织。']);
  });

  it('does not end a sentence at a semicolon inside brackets or quotation marks', () => {
    expect(texts('灯塔最后熄灭了（准确地说，是守塔人关掉的；他那晚没有回来）。船队改走南线。', 'zh')).toEqual([
      '灯塔最后熄灭了（准确地说，是守塔人关掉的；他那晚没有回来）。',
      '船队改走南线。',
    ]);
    expect(texts('规则只有两条(先到先得;迟到自负)，其余随意；大家都接受了。', 'zh')).toEqual(['规则只有两条(先到先得;迟到自负)，其余随意；', '大家都接受了。']);
    for (const [open, close] of [['「', '」'], ['『', '』'], ['“', '”'], ['《', '》'], ['[', ']']]) {
      expect(texts(`告示上写着${open}禁止停船；违者罚款${close}，没人理会。`, 'zh')).toHaveLength(1);
    }
    // After a bracket has closed, or in one that never closes on its line, the semicolon ends a sentence as before.
    expect(texts('他迟到了（又一次）；大家没有等他。', 'zh')).toEqual(['他迟到了（又一次）；', '大家没有等他。']);
    expect(texts('注意（这一点很重要；下面细说。\n第二行。', 'zh')).toEqual(['注意（这一点很重要；', '下面细说。', '第二行。']);
  });

  it('keeps ASCII commas and colons inside a sentence', () => {
    expect(texts('过去三十年,我们只强调赚钱:这是惯性。', 'zh')).toEqual(['过去三十年,我们只强调赚钱:这是惯性。']);
  });

  it('keeps a quoted sentence inside the sentence that quotes it', () => {
    expect(texts('他说：“我们必须创新。我们能做到。”大家都同意。', 'zh')).toEqual([
      '他说：“我们必须创新。我们能做到。”',
      '大家都同意。',
    ]);
    expect(texts('所谓“习惯跟随而非创新”的印象被打破了。', 'zh')).toHaveLength(1);
  });

  it('handles mixed Chinese and English text with numbers', () => {
    expect(texts('我们用了 18 个月。GPT-4 出来以后,大家都很震惊。', 'zh')).toEqual([
      '我们用了 18 个月。',
      'GPT-4 出来以后,大家都很震惊。',
    ]);
  });
});

describe('splitSentences: English', () => {
  it('does not end a sentence at titles before names', () => {
    expect(texts('Mr. Smith met Dr. Jones and Prof. Lee. They talked.', 'en')).toEqual([
      'Mr. Smith met Dr. Jones and Prof. Lee.',
      'They talked.',
    ]);
  });

  it('does not end a sentence at e.g. / i.e. / vs.', () => {
    expect(texts('Use a tool, e.g. Google Docs. Or not, i.e. Paper vs. Screen.', 'en')).toEqual([
      'Use a tool, e.g. Google Docs.',
      'Or not, i.e. Paper vs. Screen.',
    ]);
  });

  it('does not end a sentence at U.S. followed by a noun', () => {
    expect(texts('The U.S. Army is large. It grew.', 'en')).toEqual(['The U.S. Army is large.', 'It grew.']);
  });

  it('still ends a sentence at U.S. when a new sentence clearly starts', () => {
    expect(texts('He moved to the U.S. The rest is history.', 'en')).toEqual([
      'He moved to the U.S.',
      'The rest is history.',
    ]);
  });

  it('keeps initials, numbered references and decimals together', () => {
    expect(texts('J. K. Rowling wrote it. See No. 5 for 3.5 percent. Done.', 'en')).toEqual([
      'J. K. Rowling wrote it.',
      'See No. 5 for 3.5 percent.',
      'Done.',
    ]);
  });

  it('keeps a short quotation with several sentences inside one sentence', () => {
    expect(texts('She said, "We must try. We will fail." Then she left.', 'en')).toEqual([
      'She said, "We must try. We will fail."',
      'Then she left.',
    ]);
    expect(texts('"Stop." he said. We stopped.', 'en')).toEqual(['"Stop." he said.', 'We stopped.']);
  });

  it('splits normally after an unclosed quotation mark', () => {
    expect(texts('He said "no. Then he left. Fine.', 'en')).toHaveLength(3);
  });

  it('ends "etc." sentences', () => {
    expect(texts('We bought pens, paper, etc. Then we left.', 'en')).toEqual(['We bought pens, paper, etc.', 'Then we left.']);
  });
});

describe('splitSentences: offsets and structure', () => {
  it('never spans a line break', () => {
    const s = splitSentences('First line without stop\nSecond line. Mr.\nSmith', 'en');
    for (const x of s) expect(x.text).not.toContain('\n');
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('', 'zh')).toEqual([]);
    expect(splitSentences('  \n\t ', 'en')).toEqual([]);
  });

  it('gives verbatim, trimmed, ordered, covering offsets for any text', () => {
    const piece = fc.constantFrom('我们', '创新', '。', '?', ';', '；', '“', '”', '"', ' ', '\n', 'Mr.', 'U.S.', 'The', 'e.g.', 'a', '. ', '! ', '3.5', 'know-how');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(piece, { maxLength: 40 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, fc.constantFrom('zh' as const, 'en' as const), (t, lang) => {
        const out = splitSentences(t, lang);
        let covered = '';
        let prevEnd = 0;
        for (const s of out) {
          expect(t.slice(s.start, s.end)).toBe(s.text);
          expect(s.text).toBe(s.text.trim());
          expect(s.text.length).toBeGreaterThan(0);
          expect(s.start).toBeGreaterThanOrEqual(prevEnd);
          covered += t.slice(prevEnd, s.start);
          prevEnd = s.end;
        }
        covered += t.slice(prevEnd);
        expect(covered.trim()).toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
