import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { POINT_LIMITS, RELAXED_POINT, keyPoints, trimBullet } from '../../src/plan/points.js';
import { isFragment, textUnits } from '../../src/plan/quotes.js';
import { splitSentences } from '../../src/text/sentences.js';

const ZH_ANSWER =
  '创新的成本肯定不低，但资本从来不是真正的瓶颈。我们缺的不是钱，而是信心。过去三十年，我们只强调赚钱。' +
  '创新就像一场漫长的马拉松，需要耐心。这就告诉我们要坚持。';
const EN_ANSWER =
  "Most teams don't fail because of technology. They fail because nobody owns the outcome. " +
  'So we gave every project a single owner. In 2019, that change cut our delivery time by 40 percent. ' +
  'It was like a switch flipped. Isn\'t that remarkable?';

const inSources = (bullets: string[], sources: string[]) => {
  // Verbatim, capitals included; a cut sentence ends in "…".
  for (const b of bullets) expect(sources.some((s) => s.includes(b.replace(/…$/u, ''))), b).toBe(true);
};
/** Within `maxUnits`, or a whole source sentence within the relaxed budget (RELAXED_POINT). */
const withinBudget = (b: string, sources: string[], maxUnits: number, lang: 'zh' | 'en') => {
  if (b.endsWith('…') || textUnits(b) <= maxUnits) return expect(textUnits(b)).toBeLessThanOrEqual(maxUnits);
  expect(textUnits(b)).toBeLessThanOrEqual(maxUnits * RELAXED_POINT.units);
  expect(sources.flatMap((src) => splitSentences(src, lang).map((x) => trimBullet(x.text, lang))), b).toContain(b);
};

describe('trimBullet', () => {
  it('drops trailing punctuation, and leading connectives only in Chinese (English keeps its capitals)', () => {
    expect(trimBullet('但是我们必须开源。', 'zh')).toBe('我们必须开源');
    expect(trimBullet('所以，我们把价值沉淀在团队上；', 'zh')).toBe('我们把价值沉淀在团队上');
    expect(trimBullet('So we shipped it anyway.', 'en')).toBe('So we shipped it anyway');
    expect(trimBullet('However, the plan worked!', 'en')).toBe('However, the plan worked');
    expect(trimBullet('Sorry, we were late.', 'en')).toBe('Sorry, we were late');
  });

  it('drops a closing quotation mark the cut left unpaired, but keeps paired ones', () => {
    expect(trimBullet('打破了“习惯跟随”的印象。', 'zh')).toBe('打破了“习惯跟随”的印象');
    expect(trimBullet('我们能做到。”', 'zh')).toBe('我们能做到');
  });
});

describe('keyPoints', () => {
  it('returns two to five extractive bullets in source order', () => {
    const sources = [ZH_ANSWER, '资本不再是创新的阻碍。缺乏的是组织人才进行创新的能力。'];
    const out = keyPoints(sources, 'zh', { maxItems: 5, maxUnits: 20 });
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(out.length).toBeLessThanOrEqual(5);
    inSources(out, sources);
    const joined = sources.join('\n');
    const positions = out.map((b) => joined.indexOf(b));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps every bullet within the unit budget (characters for zh, words for en), a whole sentence within the relaxed one', () => {
    for (const maxUnits of [8, 12, 20]) {
      for (const b of keyPoints([ZH_ANSWER], 'zh', { maxItems: 5, maxUnits })) withinBudget(b, [ZH_ANSWER], maxUnits, 'zh');
    }
    for (const maxUnits of [5, 8, 12]) {
      for (const b of keyPoints([EN_ANSWER], 'en', { maxItems: 5, maxUnits })) withinBudget(b, [EN_ANSWER], maxUnits, 'en');
    }
  });

  it('cuts a long sentence at a strong clause boundary that fits, never at a comma before 但/but', () => {
    const out = keyPoints(['创新的成本肯定不低——资本从来不是真正的瓶颈，这一点大家心里都清楚。'], 'zh', { maxItems: 3, maxUnits: 10 });
    expect(out).toEqual(['创新的成本肯定不低…']);
    const en = keyPoints(['The cost of new ideas is high; money was never the real bottleneck for us.'], 'en', { maxItems: 3, maxUnits: 7 });
    expect(en).toEqual(['The cost of new ideas is high…']);
    expect(keyPoints(['创新的成本肯定不低，但资本从来不是真正的瓶颈，这一点大家都清楚。'], 'zh', { maxItems: 3, maxUnits: 10 })).toEqual([]);
    expect(keyPoints(['The cost of new ideas is high, but money was never the real bottleneck for us.'], 'en', { maxItems: 3, maxUnits: 7 })).toEqual([]);
  });

  it('never cuts inside brackets', () => {
    const text = '每台机器都处在三种状态(空闲:忙碌:故障)中的一种——它们之间的来回切换完全由调度程序决定，直到有人把整台机器关掉为止。';
    expect(keyPoints([text], 'zh', { maxItems: 3, maxUnits: 24 })).toEqual(['每台机器都处在三种状态(空闲:忙碌:故障)中的一种…']);
    // Too little room for the bracket's close: no cut at all rather than "状态(空闲,忙碌…".
    for (const b of keyPoints([text], 'zh', { maxItems: 3, maxUnits: 18 })) expect(b.split('(').length, b).toBe(b.split(')').length);
    const en = keyPoints(['Each machine is in one of three states (idle, busy, broken) at a time, and it moves between them until someone turns it off.'], 'en', { maxItems: 3, maxUnits: 11 });
    for (const b of en) expect(b.split('(').length, b).toBe(b.split(')').length);
  });

  it('does not end a cut on "这样一来" or another lead-in clause', () => {
    expect(keyPoints(['我们先看一个例子，这样一来，后面的规则就很好理解了。'], 'zh', { maxItems: 3, maxUnits: 14 })).not.toContain('我们先看一个例子，这样一来…');
  });

  it('does not end a cut on a lead-in clause', () => {
    const out = keyPoints(['大模型研发需要大量投入——对于大多数公司来说：先考虑商业化更现实，这一点毋庸置疑，大家心里都明白。'], 'zh', { maxItems: 3, maxUnits: 14 });
    expect(out).toEqual(['大模型研发需要大量投入…']);
    const en = keyPoints(['Research needs years of funding; for most companies: the rest comes from sales, from grants, and from the odd lucky investor who believes.'], 'en', { maxItems: 3, maxUnits: 7 });
    expect(en).toEqual(['Research needs years of funding…']);
  });

  it('starts a later clause only where a new thought opens (但/所以, not 而是)', () => {
    const src = '科学家们探索宇宙的奥秘，并非为了立刻获得回报，而是出于对未知世界的好奇。';
    expect(keyPoints([src], 'zh', { maxItems: 3, maxUnits: 9 })).toEqual([]);
    const turn = '英伟达的显卡没有任何技术秘密，很容易复制，但重新组织团队需要时间。';
    expect(keyPoints([turn], 'zh', { maxItems: 3, maxUnits: 12 })).toEqual(['重新组织团队需要时间']);
  });

  it('skips a sentence when no clause fits the budget', () => {
    const out = keyPoints(['大模型研发需要大量的资金人力和时间投入。我们必须开源。'], 'zh', { maxItems: 3, maxUnits: 8 });
    expect(out).toEqual(['我们必须开源']);
  });

  it('trims a leading connective from a bullet', () => {
    const out = keyPoints(['但是我们必须坚持开源。所以我们把价值沉淀在团队上。'], 'zh', { maxItems: 3, maxUnits: 20 });
    expect(out).toEqual(['我们必须坚持开源', '我们把价值沉淀在团队上']);
  });

  it('prefers claims and contrasts over similes and filler', () => {
    const out = keyPoints([ZH_ANSWER], 'zh', { maxItems: 3, maxUnits: 20 });
    expect(out).toContain('我们缺的不是钱，而是信心');
    expect(out.join()).not.toContain('就像');
    expect(out.join()).not.toContain('这就告诉');
    const en = keyPoints([EN_ANSWER], 'en', { maxItems: 3, maxUnits: 15 });
    expect(en.join()).not.toMatch(/like a switch|remarkable/);
  });

  it('falls back to weaker sentences rather than returning fewer than two', () => {
    const out = keyPoints(['创新就像一场漫长的马拉松。这就像在森林里寻找道路。'], 'zh', { maxItems: 4, maxUnits: 20 });
    expect(out).toHaveLength(2);
  });

  it('returns fewer than two only when the sources have less', () => {
    expect(keyPoints([], 'zh', { maxItems: 4, maxUnits: 20 })).toEqual([]);
    expect(keyPoints(['', '  '], 'en', { maxItems: 4, maxUnits: 20 })).toEqual([]);
    expect(keyPoints(['我们必须坚持开源。'], 'zh', { maxItems: 4, maxUnits: 20 })).toEqual(['我们必须坚持开源']);
  });

  it('drops near-duplicates', () => {
    const sources = ['我们缺的不是资本，而是信心。', '我们缺的其实不是资本，而是信心。', '团队是我们最重要的护城河。'];
    const out = keyPoints(sources, 'zh', { maxItems: 5, maxUnits: 20 });
    expect(out).toEqual(['我们缺的不是资本，而是信心', '团队是我们最重要的护城河']);
    const en = keyPoints(['Our team is our only real moat.', 'The team is really our only moat.', 'We publish every paper in 2024.'], 'en', {
      maxItems: 5,
      maxUnits: 12,
    });
    expect(en).toHaveLength(2);
  });

  it('drops bullets that repeat an excluded text such as the pull quote', () => {
    const sources = ['我们缺的不是资本，而是信心。团队是我们最重要的护城河。开源让我们吸引到了人才。'];
    const out = keyPoints(sources, 'zh', { maxItems: 5, maxUnits: 20 }, { exclude: ['我们缺的不是资本，而是信心。'] });
    expect(out).toEqual(['团队是我们最重要的护城河', '开源让我们吸引到了人才']);
  });

  it('honours maxItems and never returns more than five', () => {
    const many = '开源是一种文化行为。团队必须自下而上地组织。资本从来不是真正的瓶颈。年轻人更敢挑战未知。' +
      '好奇心驱动了长期研究。硬核创新需要时间和成本。芯片生态离不开技术社区。';
    expect(keyPoints([many], 'zh', { maxItems: 3, maxUnits: 20 })).toHaveLength(3);
    expect(keyPoints([many], 'zh', { maxItems: 9, maxUnits: 20 })).toHaveLength(POINT_LIMITS.maxItems);
  });

  it('is extractive and within budget for any sources', () => {
    const piece = fc.constantFrom('我们', '创新', '不是', '而是', '，', '。', '；', '就像', '但', 'So', 'we', 'not', 'money', ', ', '. ', '?', ' ', '42');
    const source = fc.oneof(fc.string({ maxLength: 60 }), fc.array(piece, { maxLength: 40 }).map((a) => a.join('')));
    fc.assert(
      fc.property(fc.array(source, { maxLength: 3 }), fc.constantFrom('zh' as const, 'en' as const), fc.integer({ min: 1, max: 30 }), (sources, lang, maxUnits) => {
        const out = keyPoints(sources, lang, { maxItems: 5, maxUnits });
        expect(out.length).toBeLessThanOrEqual(5);
        inSources(out, sources);
        for (const b of out) {
          withinBudget(b, sources, maxUnits, lang);
          expect(b).toBe(b.trim());
          expect(b.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('keyPoints: English lists', () => {
  it('neither starts a bullet at the last item of a list nor ends one inside it', () => {
    const src = ['The form tells them what to weigh, how many times, and what the chart should show. ' +
      'If you sand every scratch away, you also sand away the grain, the knots, and the sense that a tree was there.'];
    const out = keyPoints(src, 'en', { maxItems: 5, maxUnits: 12 });
    expect(out.join('|')).not.toMatch(/^what the chart|the grain$|the knots$/imu);
    for (const b of out) expect(b[0]).toBe(b[0]!.toUpperCase());
  });

  it('keeps a leading connective and the capitals of the source', () => {
    expect(keyPoints(['So we kept a tally of every minute the class spent waiting.'], 'en', { maxItems: 3, maxUnits: 15 })).toEqual([
      'So we kept a tally of every minute the class spent waiting',
    ]);
  });
});

describe('keyPoints: Chinese fragments', () => {
  it('prefers full sentences over a bare prepositional phrase cut off by a stray full stop', () => {
    const src = ['在以学徒的身份走进他们的作坊里去。老师傅们最看重的是耐心,而不是速度。手艺需要十年才能练成。'];
    const out = keyPoints(src, 'zh', { maxItems: 2, maxUnits: 20 });
    expect(out).toHaveLength(2);
    expect(out.join('|')).not.toContain('在以学徒');
  });

  it('keeps a Chinese sentence that opens on a code term in lower case ("chan 关闭以后仍然可以读出剩余数据。")', () => {
    const src = ['chan 关闭以后仍然可以读出剩余数据。再往里写数据就会引发一次 panic，所以要由发送方关闭。'];
    expect(keyPoints(src, 'zh', { maxItems: 3, maxUnits: 30 })).toContain('chan 关闭以后仍然可以读出剩余数据');
    // English still reads a lower-case opening as a sentence picked up mid-way.
    expect(isFragment('and then the program crashes.')).toBe(true);
    expect(isFragment('map 不是并发安全的。')).toBe(false);
  });
});

describe('keyPoints on speech a transcript keeps', () => {
  it('passes over a false start or words said twice, even with a contrast and a number, while two better sentences remain', () => {
    const answer =
      'Most outages start with a config change, not with a bug. ' +
      'The the rollback took twelve minutes, but it should take one. ' +
      'Teams that stage every change catch 90 percent of bad ones before release. ' +
      'We thought the cache was, the cache was never the problem.';
    const out = keyPoints([answer], 'en', { maxItems: 5, maxUnits: 16 });
    expect(out).toContain('Most outages start with a config change, not with a bug');
    expect(out).toContain('Teams that stage every change catch 90 percent of bad ones before release');
    expect(out.join('\n')).not.toMatch(/The the|was, the cache was/);
  });

  it('passes over the speaker narrating the session or pointing at the screen while better sentences remain', () => {
    const answer =
      '发布前的灰度，决定了事故的大小。' +
      '待会我给大家演示一下这个看板，它盯着四十个服务。' +
      '你看这里就是回滚按钮，三秒就能切回去。' +
      '真正的风险不在代码，而在没人负责的配置。';
    const out = keyPoints([answer], 'zh', { maxItems: 5, maxUnits: 24 });
    expect(out).toEqual(['发布前的灰度，决定了事故的大小', '真正的风险不在代码，而在没人负责的配置']);
  });

  it('takes 一步一步 and 一个一个 for what they are, not a repeat', () => {
    const out = keyPoints(['迁移要一步一步来，但每一步都必须能回滚。我们把服务一个一个搬过去，而不是一次全搬。'], 'zh', { maxItems: 5, maxUnits: 24 });
    expect(out).toHaveLength(2);
  });
});

