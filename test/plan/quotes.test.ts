import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  QUOTE_BOUNDS,
  QUOTE_TIE_MARGIN,
  NARRATION_PATTERN,
  QUOTE_WEIGHTS,
  chooseQuote,
  isDisfluent,
  leadingConnective,
  restarts,
  scoreQuote,
  textUnits,
} from '../../src/plan/quotes.js';
import { splitSentences } from '../../src/text/sentences.js';
import { hasSeed, seedPath } from '../helpers/cli.js';

const names = (r: { reasons: string[] }) => r.reasons.map((x) => x.split(' ')[0]);
const better = (good: string, bad: string, lang: 'zh' | 'en') =>
  expect(scoreQuote(good, lang).score).toBeGreaterThan(scoreQuote(bad, lang).score);

describe('textUnits', () => {
  it('counts Han characters one by one and other words as one each', () => {
    expect(textUnits('我们必须创新。')).toBe(6);
    expect(textUnits('我们用 GPT-4 做了 18 个实验')).toBe(10);
    expect(textUnits("We don't follow, we lead.")).toBe(5);
  });
});

describe('scoreQuote: length bounds', () => {
  it('makes Chinese candidates eligible only within 12–60 characters', () => {
    expect(scoreQuote('一二三四五六七八九十十', 'zh').eligible).toBe(false);
    expect(scoreQuote('一二三四五六七八九十十一', 'zh').eligible).toBe(true);
    expect(scoreQuote('创'.repeat(60), 'zh').eligible).toBe(true);
    const long = scoreQuote('创'.repeat(61), 'zh');
    expect(long).toMatchObject({ eligible: false, score: Number.NEGATIVE_INFINITY });
    expect(long.reasons[0]).toMatch(/^too-long/);
  });

  it('makes English candidates eligible only within 8–30 words', () => {
    expect(scoreQuote('We build tools that people actually use.', 'en').eligible).toBe(false);
    expect(scoreQuote('We build tools that people actually use every day.', 'en').eligible).toBe(true);
    expect(scoreQuote(`${'word '.repeat(30).trim()}.`, 'en').eligible).toBe(true);
    expect(scoreQuote(`${'word '.repeat(31).trim()}.`, 'en').reasons[0]).toMatch(/^too-long/);
  });

  it('exports the bounds the planner relies on', () => {
    expect(QUOTE_BOUNDS.zh).toMatchObject({ min: 12, max: 60 });
    expect(QUOTE_BOUNDS.en).toMatchObject({ min: 8, max: 30 });
  });
});

describe('scoreQuote: self-contained', () => {
  it('penalises a dangling reference at the start (zh)', () => {
    const bad = scoreQuote('这是我们十年来做出的最重要的一个决定。', 'zh');
    expect(names(bad)).toContain('dangling-start');
    better('开源是我们十年来做出的最重要的一个决定。', '这是我们十年来做出的最重要的一个决定。', 'zh');
    better('开源是我们十年来做出的最重要的一个决定。', '它是我们十年来做出的最重要的一个决定。', 'zh');
  });

  it('does not treat 其实 or 其他 as dangling', () => {
    expect(leadingConnective('其实开源并没有让我们失去什么。')).toBeUndefined();
    expect(leadingConnective('其他公司都在追求短期的利润。')).toBeUndefined();
  });

  it('penalises a dangling reference at the start (en)', () => {
    const bad = scoreQuote('This is the most important decision we made in ten years.', 'en');
    expect(names(bad)).toContain('dangling-start');
    better('Open source is the most important decision we made in ten years.', 'They are the most important people we hired in ten years.', 'en');
  });

  it('penalises a leading conjunction in both languages', () => {
    expect(leadingConnective('但是我们的团队一直在坚持做原创的研究。')).toEqual({ kind: 'leading-conjunction', word: '但是' });
    better('我们的团队一直在坚持做原创的研究工作。', '所以我们的团队一直在坚持做原创的研究。', 'zh');
    better('我们的团队一直在坚持做原创的研究工作。', '因为我们的团队一直在坚持做原创研究。', 'zh');
    expect(names(scoreQuote('And we kept doing original research for many years.', 'en'))).toContain('leading-conjunction');
    // An English sentence inside a Chinese answer is judged by English rules.
    expect(names(scoreQuote('But we kept doing original research for many years in a small studio.', 'zh'))).toContain('leading-conjunction');
    better('We kept doing original research for many long years.', 'But we kept doing original research for many years.', 'en');
    better('Curiosity is why we kept doing original research for years.', 'Which is why we kept doing original research for years.', 'en');
  });

  it('penalises a trailing colon and an unfinished ending', () => {
    expect(names(scoreQuote('我们选人的标准一直只有两个：', 'zh'))).toContain('trailing-colon');
    expect(names(scoreQuote('我们选人的标准一直都是热爱和好奇心，', 'zh'))).toContain('unfinished');
    expect(names(scoreQuote('Our hiring standard has always had only two parts:', 'en'))).toContain('trailing-colon');
    better('我们选人的标准一直都是热爱和好奇心。', '我们选人的标准一直都是热爱和好奇心;', 'zh');
  });

  it('penalises unbalanced quotation marks', () => {
    expect(names(scoreQuote('他们打破了“习惯跟随而非创新的刻板印象。', 'zh'))).toContain('unbalanced');
  });
});

describe('scoreQuote: striking', () => {
  it('rewards an explicit contrast', () => {
    const zh = scoreQuote('我们缺的肯定不是资本，而是信心和组织人才的方法。', 'zh');
    expect(names(zh)).toContain('contrast');
    better('我们缺的肯定不是资本，而是信心和组织人才的方法。', '我们缺的肯定是资本，以及信心和组织人才的方法。', 'zh');
    expect(names(scoreQuote('开源是一种文化行为，而非商业行为。', 'zh'))).toContain('contrast');
    expect(names(scoreQuote('What we lack is not money but the confidence to try.', 'en'))).toContain('contrast');
    expect(names(scoreQuote('We chose to build the research lab rather than chase revenue.', 'en'))).toContain('contrast');
    expect(names(scoreQuote('The job is less magic than people hope and more patience.', 'en'))).toEqual(expect.arrayContaining(['turn', 'memorable']));
  });

  it('names claims, numbers and first-person conviction', () => {
    expect(names(scoreQuote('过去三十年，我们都只强调赚钱，这是惯性。', 'zh'))).toEqual(expect.arrayContaining(['claim', 'number', 'conviction']));
    expect(names(scoreQuote('In 2019 we cut our delivery time by 40 percent.', 'en'))).toEqual(expect.arrayContaining(['number', 'conviction']));
    expect(names(scoreQuote('Innovation must never wait for permission from anyone.', 'en'))).toContain('claim');
  });

  it('scores a question lower than the same thought as a statement', () => {
    expect(names(scoreQuote('为什么硅谷的公司那么有创新精神呢？', 'zh'))).toContain('question');
    better('硅谷的公司之所以那么有创新精神，是因为敢。', '为什么硅谷的公司那么有创新精神呢？', 'zh');
    better('Courage is why the valley is so full of new ideas.', 'Why is the valley so full of new ideas, really?', 'en');
  });

  it('explains every point of the score', () => {
    const r = scoreQuote('我们缺的肯定不是资本，而是信心。', 'zh');
    const sum = r.reasons.reduce((s, x) => s + Number(x.split(' ')[1]), 0);
    expect(sum).toBe(r.score);
    for (const n of names(r)) expect(Object.keys(QUOTE_WEIGHTS)).toContain(n);
  });
});

describe('chooseQuote', () => {
  it('picks a self-contained, striking sentence over a dangling or conjunction-led one', () => {
    const answer = '这个问题很复杂。但是我们还是决定继续做下去吧。创新缺的不是资本，而是信心。';
    expect(chooseQuote(answer, 'zh')?.text).toBe('创新缺的不是资本，而是信心。');
    const en = 'That is a hard question to answer. But we decided to keep going anyway. What we lack is not money but the confidence to try.';
    expect(chooseQuote(en, 'en')?.text).toBe('What we lack is not money but the confidence to try.');
  });

  it('passes over a sentence that only narrows the one before it (尤其是…, Especially …)', () => {
    const zh = '尤其是 Rust，它是一个很极端的例子，编译器替你检查所有借用。我不认为每门语言都该这样做。';
    expect(chooseQuote(zh, 'zh')?.text).toBe('我不认为每门语言都该这样做。');
    const en = 'Especially Rust, which is an extreme case where the compiler checks every borrow. I do not think every language should work that way.';
    expect(chooseQuote(en, 'en')?.text).toBe('I do not think every language should work that way.');
  });

  it('returns offsets into the answer with verbatim text', () => {
    const answer = '  好问题。\n我们缺的肯定不是资本，而是信心；以及组织人才的方法。 ';
    const q = chooseQuote(answer, 'zh')!;
    expect(answer.slice(q.start, q.end)).toBe(q.text);
    expect(q.reasons.length).toBeGreaterThan(0);
  });

  it('prefers the earlier candidate when scores tie or are close', () => {
    const answer = '我们一直在做长期的基础研究工作。我们一直在做长期的基础研究项目。';
    expect(chooseQuote(answer, 'zh')?.start).toBe(0);
    const en = 'We always invest in long research projects first. We always invest in long research programs first.';
    expect(chooseQuote(en, 'en')?.start).toBe(0);
  });

  it('takes a later candidate only when it is clearly better', () => {
    const plain = '我们在广东的一个小城市里长大和读书。\n';
    const strong = '创新缺的肯定不是资本，而是信心。';
    const q = chooseQuote(plain + strong, 'zh')!;
    expect(q.score - scoreQuote(plain, 'zh').score).toBeGreaterThan(QUOTE_TIE_MARGIN);
    expect(q.text).toBe(strong);
  });

  it('prefers a single sentence over a close-scoring pair that merely contains it', () => {
    const answer = '我们在广东的一个小城市里长大和读书。创新缺的肯定不是资本，而是信心。';
    expect(chooseQuote(answer, 'zh')?.text).toBe('创新缺的肯定不是资本，而是信心。');
  });

  it('keeps a pair when its first sentence cannot stand alone', () => {
    const answer = '我们缺的肯定不是资本，而是信心；以及组织人才的方法。';
    expect(chooseQuote(answer, 'zh')?.text).toBe(answer);
  });

  it('penalises a sentence that continues one ending in a semicolon', () => {
    const first = '我们的团队大多是国内高校刚毕业的学生;';
    const second = '不少是没毕业的博士和刚工作几年的年轻人。';
    // On its own the second sentence scores at least as well as the pair…
    expect(scoreQuote(second, 'zh').score).toBeGreaterThanOrEqual(scoreQuote(first + second, 'zh').score);
    // …but in the answer it picks up a thought the slide would not show.
    const q = chooseQuote(first + second, 'zh')!;
    expect(q.text).toBe(first + second);
  });

  it('considers pairs of consecutive sentences, but not across a line break', () => {
    const answer = '我们不做应用。我们只做研究。';
    expect(chooseQuote(answer, 'zh')?.text).toBe(answer);
    expect(chooseQuote('我们不做应用。\n我们只做研究。', 'zh')).toBeUndefined();
  });

  it('returns undefined when no candidate fits the length bounds', () => {
    expect(chooseQuote('', 'zh')).toBeUndefined();
    expect(chooseQuote('是的。对。', 'zh')).toBeUndefined();
    expect(chooseQuote(`${'很长'.repeat(40)}。${'更长'.repeat(40)}。`, 'zh')).toBeUndefined();
    expect(chooseQuote('Yes. Exactly right.', 'en')).toBeUndefined();
  });

  it('limits the candidates scored with maxCandidates', () => {
    const answer = '我们在广东的一个小城市里长大和读书。创新缺的肯定不是资本，而是信心。';
    expect(chooseQuote(answer, 'zh', { maxCandidates: 1 })?.start).toBe(0);
  });

  it('returns a verbatim, trimmed, in-bounds substring for any answer', () => {
    const piece = fc.constantFrom('我们', '创新', '不是', '而是', '资本', '信心', '，', '。', '?', ';', '“', '”', ' ', '\n',
      'We', 'lack', 'not', 'money', 'but', 'courage', 'Mr.', 'U.S.', ', ', '. ', '42');
    const answer = fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), fc.array(piece, { maxLength: 80 }).map((a) => a.join('')));
    fc.assert(
      fc.property(answer, fc.constantFrom('zh' as const, 'en' as const), (text, lang) => {
        const q = chooseQuote(text, lang);
        if (!q) return;
        expect(text.slice(q.start, q.end)).toBe(q.text);
        expect(q.text).toBe(q.text.trim());
        expect(textUnits(q.text)).toBeGreaterThanOrEqual(QUOTE_BOUNDS[lang].min);
        expect(textUnits(q.text)).toBeLessThanOrEqual(QUOTE_BOUNDS[lang].max);
      }),
      { numRuns: 400 },
    );
  });
});

const LABEL = '梁文峰:';

/** Each answer paragraph after the interviewee's label; its first three sentences stand in for the answer. */
function seedAnswers(): string[] {
  const lines = readFileSync(seedPath, 'utf8').split('\n').filter((l) => l.includes(LABEL));
  return [...new Set(lines)].map((l) => {
    const para = l.slice(l.indexOf(LABEL) + LABEL.length);
    const s = splitSentences(para, 'zh');
    return para.slice(0, s[Math.min(2, s.length - 1)]?.end ?? 0);
  });
}

describe('chooseQuote on the reference seed', () => {
  it.skipIf(!hasSeed)(hasSeed ? 'quotes every answer with an in-bounds substring' : `quotes every answer with an in-bounds substring (skipped: ${seedPath} is absent)`, () => {
    const answers = seedAnswers();
    expect(answers.length).toBeGreaterThanOrEqual(10);
    for (const answer of answers) {
      const q = chooseQuote(answer, 'zh');
      expect(q, answer).toBeDefined();
      expect(answer.slice(q!.start, q!.end)).toBe(q!.text);
      expect(answer).toContain(q!.text);
      expect(textUnits(q!.text)).toBeGreaterThanOrEqual(QUOTE_BOUNDS.zh.min);
      expect(textUnits(q!.text)).toBeLessThanOrEqual(QUOTE_BOUNDS.zh.max);
    }
  });
});

describe('scoreQuote: fragments and anecdotes', () => {
  it('marks a sentence that is only a stacked prepositional phrase as a fragment', () => {
    expect(names(scoreQuote('在以学徒的身份走进他们的作坊里去。', 'zh'))).toContain('fragment');
    expect(names(scoreQuote('对所有愿意动手的年轻工匠开放。', 'zh'))).toContain('fragment');
  });

  it('keeps a phrase that closes with a place word and then states its clause', () => {
    expect(names(scoreQuote('在小镇每天开张的许多作坊里这是最普通的一家。', 'zh'))).not.toContain('fragment');
    expect(names(scoreQuote('在困难面前,我们选择先把手艺练好。', 'zh'))).not.toContain('fragment');
  });

  it('marks an English candidate that starts mid-sentence as a fragment', () => {
    expect(names(scoreQuote('of the whole workshop, which nobody had planned for at all.', 'en'))).toContain('fragment');
  });

  it('ranks a life-story line below the claim that follows it', () => {
    expect(names(scoreQuote('我是九十年代在一个海边小城长大的孩子。', 'zh'))).toContain('anecdote');
    expect(names(scoreQuote('I grew up in a small harbour town in the 1990s, near the docks.', 'en'))).toContain('anecdote');
    const answer = '我是九十年代在一个海边小城长大的孩子。手艺人真正缺的不是订单,而是耐心。';
    expect(chooseQuote(answer, 'zh')?.text).toBe('手艺人真正缺的不是订单,而是耐心。');
  });
});

describe('restarts and isDisfluent', () => {
  it('find words said twice, with a capital the first time, and phrases said twice', () => {
    for (const t of ['The the rollback took an hour.', 'We thought the cache was, the cache was never the problem.', 'It is is fast.', '第二个场景，第二个场景是获得投票。', 'Timelock implies that.... it may not.', "There's a, clumping is natural."]) {
      expect(restarts(t), t).toBe(true);
    }
  });
  it('leave alone 一X一X, an operator named in capitals, and a word that only looks repeated', () => {
    for (const t of ['迁移要一步一步来，服务一个一个地搬。', 'Multiplication is AND and addition is XOR.', 'The theme and the thesis differ.', '也就是取得最大的字节，然后生成定位器。']) {
      expect(restarts(t), t).toBe(false);
    }
  });
  it('count two spoken fillers in one sentence as disfluent, which restarts leaves to it', () => {
    const t = '也就是取得最大的字节，然后生成定位器。';
    expect(isDisfluent(t)).toBe(true);
    expect(restarts(t)).toBe(false);
  });
});


describe('narration', () => {
  it('is the point a speaker is on, not a point on a curve', () => {
    expect(NARRATION_PATTERN.test('Just a third point I wanted to make earlier.')).toBe(true);
    expect(NARRATION_PATTERN.test('One more thing I want to add about the budget.')).toBe(true);
    expect(NARRATION_PATTERN.test('The first point of failure is the config store.')).toBe(false);
    expect(NARRATION_PATTERN.test('The last point on the curve is at x = 4.')).toBe(false);
  });
});
